//! HTML pages to rows, then to the document model by the same [`Reader`] as extracted text.
//!
//! Budget documents are published as web pages, and reporting systems and Word export them as HTML: a title
//! paragraph, then tables. The page is parsed by html5ever (the WHATWG algorithm browsers follow, so omitted end
//! tags such as `<td>a<td>b` and misnested markup read as a browser shows them) into a small arena tree, and the
//! tree is read in document order into the [`Row`]s every reader produces, with the conventions of the Word
//! reader:
//! - text outside tables is one one-cell row per block (paragraph, heading, `<div>`) or line (`<br>`), so a title
//!   and `单位：万元` stay rows of their own;
//! - a table row is a row of its cells, placed on the table's grid as a browser places them: a cell spanning
//!   columns is followed by empty cells, a cell spanning rows holds its text in its top slot and the slots below
//!   are empty (the indicator reader carries categories down from blanks), and the later cells of those rows move
//!   right past the held slots;
//! - text broken inside a cell (`年度<br>指标值`, paragraphs, a wrapped source line) is joined without a space
//!   between two CJK characters and with one elsewhere, as the Word and workbook readers join wrapped lines;
//! - a cell holding a table (a layout table) gives its own text as one-cell rows and its tables as rows of their
//!   own, after the row it stands in;
//! - a table's first row and the first row after a table follow a break (`after_blank`), as a row after a blank
//!   line in text does; so does a row after an empty paragraph, an empty table row or two line breaks.
//!
//! Lines in locations are lines of the HTML source. Work is bounded on hostile input: parsing stops with an error
//! when html5ever's work grows faster than the input (deeply nested unclosed tags make some of its checks scan
//! the whole stack of open elements), nodes and grid slots are capped, spans are clamped as browsers clamp them,
//! nothing recurses, and a panic in the parser becomes an error.

use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::LazyLock;

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{local_name, ns, Attribute, LocalName, ParseOpts, QualName};

use crate::error::{Error, ErrorKind, Location};
use crate::model::{Document, Warning};

use super::decode::{decode, MAX_FILE_BYTES};
use super::document::Reader;
use super::grid::{cap_cell, Row, MAX_CELL_CHARS};
use super::labels::is_han;

/// File names read as HTML whatever they hold (unless it is the model's JSON).
const HTML_NAMES: &[&str] = &[".html", ".htm", ".shtml", ".xhtml"];
/// How much of the start of a file is looked at to tell HTML and its declared charset.
const SNIFF_BYTES: usize = 8 * 1024;
/// Browsers clamp `colspan` at 1000; a cell never reaches past this column.
const MAX_COLUMNS: usize = 1000;
/// Browsers clamp `rowspan` at 65534.
const MAX_ROWSPAN: usize = 65_534;
/// Grid slots read per table. A real table has hundreds; past this the rest of the table is dropped with a
/// warning, which bounds the work of spans that fill a grid with empty slots.
pub const MAX_GRID_CELLS: usize = 1_000_000;
/// Nodes of a parsed page, 64 bytes each: 8 million (512 MB) is some 100 MB of table markup, far past any real page.
const MAX_NODES: usize = 8_000_000;
/// The parser is fed this much text at a time, and its work checked in between.
const CHUNK_BYTES: usize = 16 * 1024;
/// The tree builder's steps (element names it looks up, nodes it compares or moves) allowed per input byte, on
/// top of [`FREE_WORK`]. The seeds as HTML take under 0.5 per byte, so this leaves a wide margin for sloppier
/// pages; a page of 10,000 unclosed `<div>`s takes 2,000, because each new tag scans the stack of open elements.
const WORK_PER_BYTE: u64 = 64;
/// Steps any page may take: 1,000 nested unclosed blocks cost half a million.
const FREE_WORK: u64 = 1_000_000;
/// Longest text gathered for one cell or line before it is cut (cells are cut to [`MAX_CELL_CHARS`] anyway).
const MAX_PIECE_BYTES: usize = MAX_CELL_CHARS * 4;

/// HTML by name (`.html`, `.htm`, `.shtml`, `.xhtml`) or by content: a page that starts with a doctype or
/// `<html>`, or markup with a table near its start. Text that only carries HTML fragments in its cells (`<p>` in a
/// tab row) is not HTML: the text readers strip those. CSV names and the model's JSON are never HTML.
pub fn is_html(bytes: &[u8], source: &str) -> bool {
    if super::delimited::is_delimited_name(source) {
        return false;
    }
    let head = head_text(bytes);
    let start = skip_prolog(&head);
    if start.starts_with(['{', '[']) {
        return false;
    }
    let name = source.to_ascii_lowercase();
    if HTML_NAMES.iter().any(|s| name.ends_with(s)) {
        return true;
    }
    let lower = head.to_ascii_lowercase();
    let start_lower = skip_prolog(&lower);
    if start_lower.starts_with("<!doctype html") || starts_with_tag(start_lower, "html") {
        return true;
    }
    has_tag(&lower, "table")
        && (has_tag(&lower, "tr") || has_tag(&lower, "td"))
        && !has_tab_rows(&head)
}

/// The first [`SNIFF_BYTES`] as text: decoded when a UTF-16 byte-order mark says so, else read as ASCII-compatible
/// bytes (tags are ASCII in UTF-8 and GB18030 alike).
fn head_text(bytes: &[u8]) -> Cow<'_, str> {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    for (bom, enc) in [
        (&b"\xFF\xFE"[..], encoding_rs::UTF_16LE),
        (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE),
    ] {
        if let Some(rest) = head.strip_prefix(bom) {
            return Cow::Owned(enc.decode_without_bom_handling(rest).0.into_owned());
        }
    }
    String::from_utf8_lossy(head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head))
}

/// The text after leading white space, XML declarations and comments.
fn skip_prolog(s: &str) -> &str {
    let mut rest = s;
    loop {
        rest = rest.trim_start();
        let end = if rest.starts_with("<?") {
            rest.find("?>").map(|i| i + 2)
        } else if rest.starts_with("<!--") {
            rest.find("-->").map(|i| i + 3)
        } else {
            return rest;
        };
        match end {
            Some(end) => rest = &rest[end..],
            None => return rest,
        }
    }
}

/// `s` starts with the tag `<name` (lower case), not a longer name.
fn starts_with_tag(s: &str, name: &str) -> bool {
    s.strip_prefix('<')
        .and_then(|r| r.strip_prefix(name))
        .is_some_and(|r| r.starts_with(|c: char| c == '>' || c == '/' || c.is_ascii_whitespace()))
}

/// `lower` holds the tag `<name` somewhere.
fn has_tag(lower: &str, name: &str) -> bool {
    lower
        .match_indices('<')
        .any(|(i, _)| starts_with_tag(&lower[i..], name))
}

/// Some line has a tab after text (not at its start or after a tag, as indented markup has): tab-row text.
fn has_tab_rows(head: &str) -> bool {
    let (mut last, mut tab) = (None, false);
    for b in head.bytes() {
        match b {
            b'\n' => (last, tab) = (None, false),
            b'\t' => tab = true,
            _ if b.is_ascii_whitespace() => {}
            _ => {
                if tab && last.is_some_and(|l| l != b'>') {
                    return true;
                }
                (last, tab) = (Some(b), false);
            }
        }
    }
    false
}

/// The encoding a page declares near its start: `<meta charset=…>`, `<meta http-equiv="Content-Type"
/// content="text/html; charset=…">`, or an XML declaration's `encoding=…`.
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let lower = bytes[..bytes.len().min(SNIFF_BYTES)].to_ascii_lowercase();
    let start = lower
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    if lower[start..].starts_with(b"<?xml") {
        let decl = &lower[start..];
        let end = find(decl, b"?>").unwrap_or(decl.len());
        if let Some(enc) = label_after(&decl[..end], b"encoding") {
            return Some(enc);
        }
    }
    let mut rest = &lower[..];
    while let Some(pos) = find(rest, b"<meta") {
        let tag = &rest[pos..];
        let end = tag.iter().position(|&b| b == b'>').unwrap_or(tag.len());
        if let Some(enc) = label_after(&tag[..end], b"charset") {
            return Some(enc);
        }
        rest = &tag[end..];
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The encoding named after `key=` (quoted or not) in `attrs`.
fn label_after(attrs: &[u8], key: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let value = &attrs[find(attrs, key)? + key.len()..];
    let value = value
        .trim_ascii_start()
        .strip_prefix(b"=")?
        .trim_ascii_start();
    let value = value
        .strip_prefix(b"\"")
        .or_else(|| value.strip_prefix(b"'"))
        .unwrap_or(value);
    let len = value
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || b"-_:.".contains(b))
        .count();
    encoding_rs::Encoding::for_label(&value[..len])
}

/// The page as text, the name of its encoding, and a warning when bytes could not be decoded.
///
/// A byte-order mark decides first. Bytes that are valid UTF-8 are UTF-8 whatever the page declares: pages re-saved
/// by an editor keep a stale `charset=gb2312`, and Chinese text in GBK is never valid UTF-8. Otherwise a declared
/// legacy charset is used (GBK and GB2312 by the GB18030 decoder, their superset), undecodable bytes replaced as a
/// browser replaces them; without one, the bytes are detected as text files are.
fn decode_html(bytes: &[u8], source: &str) -> Result<(String, String, Option<Warning>), Error> {
    let bom = [&b"\xEF\xBB\xBF"[..], b"\xFF\xFE", b"\xFE\xFF"]
        .iter()
        .any(|b| bytes.starts_with(b));
    let declared = if bom || bytes.len() as u64 > MAX_FILE_BYTES {
        None
    } else {
        declared_charset(bytes).filter(|enc| {
            enc.is_ascii_compatible()
                && *enc != encoding_rs::UTF_8
                && *enc != encoding_rs::REPLACEMENT
                && std::str::from_utf8(bytes).is_err()
        })
    };
    let Some(enc) = declared else {
        let d = decode(bytes, source)?;
        return Ok((d.text, d.encoding.as_str().to_owned(), None));
    };
    let enc = if enc == encoding_rs::GBK {
        encoding_rs::GB18030
    } else {
        enc
    };
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if let Some(pos) = text.find('\0') {
        let line = text[..pos].matches('\n').count() as u32 + 1;
        return Err(Error::new(ErrorKind::Binary, Location::line(source, line)));
    }
    let name = enc.name().to_ascii_lowercase();
    let warning = had_errors.then(|| Warning {
        location: Location::file(source),
        message_zh: format!("部分字节不是页面声明的编码 {name}，已替换为 U+FFFD"),
        message_en: format!(
            "some bytes are not in the page's declared charset {name} and were replaced by U+FFFD"
        ),
    });
    Ok((text.into_owned(), name, warning))
}

/// Reads an HTML page into a document.
pub fn read_html(bytes: &[u8], source: &str) -> Result<Document, Error> {
    let (text, encoding, warning) = decode_html(bytes, source)?;
    // html5ever parses untrusted bytes; a bug there must not take the caller down.
    let read = catch_unwind(AssertUnwindSafe(|| html_rows(&text, source)));
    let (rows, warnings) = read.unwrap_or_else(|_| {
        Err(html_error(
            source,
            None,
            "HTML 解析器在此文件上出错",
            "the HTML parser failed on this file",
        ))
    })?;
    let mut doc = Reader::new(source).structured().read(&rows);
    doc.layout = Some("html".to_owned());
    doc.encoding = Some(encoding);
    doc.warnings.extend(warning.into_iter().chain(warnings));
    Ok(doc)
}

fn html_error(source: &str, line: Option<u32>, zh: &'static str, en: &'static str) -> Error {
    let location = Location {
        file: source.to_owned(),
        line,
        cell: None,
        page: None,
    };
    Error::new(ErrorKind::Html { zh, en }, location)
}

/// The rows of an HTML page, and a warning for each table cut at [`MAX_GRID_CELLS`].
pub fn html_rows(text: &str, source: &str) -> Result<(Vec<Row>, Vec<Warning>), Error> {
    let nodes = parse(text, source)?;
    let mut walk = Walk {
        layout: layout_cells(&nodes),
        tree: &nodes,
        source,
        rows: Vec::new(),
        warnings: Vec::new(),
        line: Piece::default(),
        blank: false,
        after_br: false,
        visits: 0,
    };
    walk.run();
    if walk.visits > nodes.len() {
        return Err(html_error(
            source,
            None,
            "HTML 解析结果结构异常",
            "the parsed page is not a tree",
        ));
    }
    Ok((walk.rows, walk.warnings))
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing: html5ever builds the tree through a sink; this one keeps only what the rows need.

/// No node: node 0 is the document, so the links use the largest index instead.
const NONE: u32 = u32::MAX;

struct Node {
    parent: u32,
    first: u32,
    last: u32,
    prev: u32,
    next: u32,
    /// The source line the node was read on (for text, the line of its first character).
    line: u32,
    data: Data,
}

enum Data {
    /// The document, or a template's contents (which no browser shows, and which are never read).
    Root,
    /// An element; spans only for `td`/`th` (`rowspan` 0 is "to the end of the row group").
    Element {
        name: QualName,
        colspan: u32,
        rowspan: u32,
    },
    Text(StrTendril),
    /// Comments and processing instructions.
    Other,
}

fn at(id: u32) -> usize {
    id as usize
}

struct Sink {
    nodes: RefCell<Vec<Node>>,
    templates: RefCell<HashMap<u32, u32>>,
    line: Cell<u32>,
    /// The tree builder's steps so far (see [`WORK_PER_BYTE`]).
    work: Cell<u64>,
    /// Formatting elements (`b`, `font`, …) created and not yet closed: a new one is compared with each of them
    /// (the parser's "Noah's Ark" check), work the sink does not otherwise see.
    formatting: Cell<u64>,
}

/// What `elem_name` answers for a node that is not an element (the tree builder never asks).
static NO_NAME: LazyLock<QualName> = LazyLock::new(|| QualName::new(None, ns!(), local_name!("")));

impl Sink {
    fn new() -> Self {
        let sink = Sink {
            nodes: RefCell::new(Vec::new()),
            templates: RefCell::new(HashMap::new()),
            line: Cell::new(1),
            work: Cell::new(0),
            formatting: Cell::new(0),
        };
        sink.push(Data::Root);
        sink
    }

    fn push(&self, data: Data) -> u32 {
        let mut nodes = self.nodes.borrow_mut();
        // Fits: parsing stops at MAX_NODES, far below u32::MAX.
        let id = nodes.len() as u32;
        let line = match &data {
            // The tree builder reports the line a text run ends on; count back to where it starts.
            Data::Text(t) => {
                let breaks = t.bytes().filter(|&b| b == b'\n').count() as u32;
                self.line.get().saturating_sub(breaks).max(1)
            }
            _ => self.line.get(),
        };
        nodes.push(Node {
            parent: NONE,
            first: NONE,
            last: NONE,
            prev: NONE,
            next: NONE,
            line,
            data,
        });
        id
    }

    fn tick(&self, steps: u64) {
        self.work.set(self.work.get().saturating_add(steps));
    }

    /// Adds text before `before` (or at the end of `parent` when `before` is [`NONE`]), joined to a text node
    /// just before it, as the DOM joins adjacent text.
    fn insert_text(&self, parent: u32, before: u32, text: StrTendril) {
        {
            let mut nodes = self.nodes.borrow_mut();
            // White space between rows and cells is never shown; pretty-printed tables have a run of it per cell.
            if text.bytes().all(|b| b.is_ascii_whitespace())
                && is_table_part(&nodes[at(parent)].data)
            {
                return;
            }
            let prev = if before == NONE {
                nodes[at(parent)].last
            } else {
                nodes[at(before)].prev
            };
            if prev != NONE {
                if let Data::Text(t) = &mut nodes[at(prev)].data {
                    t.push_tendril(&text);
                    return;
                }
            }
        }
        let id = self.push(Data::Text(text));
        insert(&mut self.nodes.borrow_mut(), parent, before, id);
    }
}

/// A table, row group or row: elements whose own text is never shown.
fn is_table_part(data: &Data) -> bool {
    matches!(data, Data::Element { name, .. } if name.ns == ns!(html) && matches!(
        name.local,
        local_name!("table") | local_name!("tbody") | local_name!("thead") | local_name!("tfoot") | local_name!("tr")
    ))
}

/// Makes `b` follow `a` among the children of `parent` ([`NONE`] for `a` is the start, for `b` the end).
fn link(nodes: &mut [Node], parent: u32, a: u32, b: u32) {
    if a == NONE {
        nodes[at(parent)].first = b;
    } else {
        nodes[at(a)].next = b;
    }
    if b == NONE {
        nodes[at(parent)].last = a;
    } else {
        nodes[at(b)].prev = a;
    }
}

fn detach(nodes: &mut [Node], id: u32) {
    let (parent, prev, next) = {
        let n = &nodes[at(id)];
        (n.parent, n.prev, n.next)
    };
    if parent == NONE {
        return;
    }
    link(nodes, parent, prev, next);
    let n = &mut nodes[at(id)];
    (n.parent, n.prev, n.next) = (NONE, NONE, NONE);
}

/// Puts `child` under `parent`, before `before` (last when `before` is [`NONE`]).
fn insert(nodes: &mut [Node], parent: u32, before: u32, child: u32) {
    if child == parent || child == before {
        return;
    }
    detach(nodes, child);
    let prev = if before == NONE {
        nodes[at(parent)].last
    } else {
        nodes[at(before)].prev
    };
    link(nodes, parent, prev, child);
    link(nodes, parent, child, before);
    let c = &mut nodes[at(child)];
    (c.parent, c.prev, c.next) = (parent, prev, before);
}

/// The elements the parser keeps in its list of active formatting elements.
fn is_formatting(name: &QualName) -> bool {
    name.ns == ns!(html)
        && matches!(
            name.local,
            local_name!("a")
                | local_name!("b")
                | local_name!("big")
                | local_name!("code")
                | local_name!("em")
                | local_name!("font")
                | local_name!("i")
                | local_name!("nobr")
                | local_name!("s")
                | local_name!("small")
                | local_name!("strike")
                | local_name!("strong")
                | local_name!("tt")
                | local_name!("u")
        )
}

/// A `colspan`/`rowspan` value as browsers read it: leading digits (`2px` is 2), 1 when there are none.
fn span(value: &str) -> u32 {
    let digits = value.trim_start_matches(|c: char| c.is_ascii_whitespace());
    let digits = digits.strip_prefix('+').unwrap_or(digits);
    let len = digits.bytes().take_while(u8::is_ascii_digit).count();
    if len == 0 {
        1
    } else {
        digits[..len].parse().unwrap_or(u32::MAX)
    }
}

impl TreeSink for Sink {
    type Handle = u32;
    type Output = Vec<Node>;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Vec<Node> {
        self.nodes.into_inner()
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> u32 {
        0
    }

    fn elem_name<'a>(&'a self, target: &'a u32) -> Ref<'a, QualName> {
        self.tick(1);
        Ref::map(self.nodes.borrow(), |nodes| {
            match &nodes[at(*target)].data {
                Data::Element { name, .. } => name,
                _ => &NO_NAME,
            }
        })
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> u32 {
        if is_formatting(&name) {
            self.tick(self.formatting.get());
            self.formatting.set(self.formatting.get() + 1);
        }
        let (mut colspan, mut rowspan) = (1, 1);
        if name.ns == ns!(html) && matches!(name.local, local_name!("td") | local_name!("th")) {
            for a in &attrs {
                match a.name.local {
                    local_name!("colspan") => colspan = span(&a.value).max(1),
                    local_name!("rowspan") => rowspan = span(&a.value),
                    _ => {}
                }
            }
        }
        let id = self.push(Data::Element {
            name,
            colspan,
            rowspan,
        });
        if flags.template {
            let contents = self.push(Data::Root);
            self.templates.borrow_mut().insert(id, contents);
        }
        id
    }

    fn create_comment(&self, _text: StrTendril) -> u32 {
        self.push(Data::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> u32 {
        self.push(Data::Other)
    }

    fn append(&self, parent: &u32, child: NodeOrText<u32>) {
        match child {
            NodeOrText::AppendNode(n) => insert(&mut self.nodes.borrow_mut(), *parent, NONE, n),
            NodeOrText::AppendText(t) => self.insert_text(*parent, NONE, t),
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &u32,
        prev_element: &u32,
        child: NodeOrText<u32>,
    ) {
        if self.nodes.borrow()[at(*element)].parent == NONE {
            self.append(prev_element, child);
        } else {
            self.append_before_sibling(element, child);
        }
    }

    fn append_doctype_to_document(
        &self,
        _name: StrTendril,
        _public: StrTendril,
        _system: StrTendril,
    ) {
    }

    fn pop(&self, node: &u32) {
        if matches!(&self.nodes.borrow()[at(*node)].data, Data::Element { name, .. } if is_formatting(name))
        {
            self.formatting.set(self.formatting.get().saturating_sub(1));
        }
    }

    fn get_template_contents(&self, target: &u32) -> u32 {
        self.templates
            .borrow()
            .get(target)
            .copied()
            .unwrap_or(*target)
    }

    fn same_node(&self, x: &u32, y: &u32) -> bool {
        self.tick(1);
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &u32, new_node: NodeOrText<u32>) {
        let parent = self.nodes.borrow()[at(*sibling)].parent;
        if parent == NONE {
            return; // the tree builder only inserts beside a node in the tree
        }
        match new_node {
            NodeOrText::AppendNode(n) => insert(&mut self.nodes.borrow_mut(), parent, *sibling, n),
            NodeOrText::AppendText(t) => self.insert_text(parent, *sibling, t),
        }
    }

    fn add_attrs_if_missing(&self, _target: &u32, _attrs: Vec<Attribute>) {}

    fn remove_from_parent(&self, target: &u32) {
        detach(&mut self.nodes.borrow_mut(), *target);
    }

    fn reparent_children(&self, node: &u32, new_parent: &u32) {
        let mut nodes = self.nodes.borrow_mut();
        let mut child = nodes[at(*node)].first;
        while child != NONE {
            let next = nodes[at(child)].next;
            insert(&mut nodes, *new_parent, NONE, child);
            self.tick(1);
            child = next;
        }
    }

    fn set_current_line(&self, line: u64) {
        self.line.set(u32::try_from(line).unwrap_or(u32::MAX));
    }
}

/// Parses a page into its nodes, feeding the parser a chunk at a time and stopping with an error when the page
/// needs more nodes or parser work than any real page.
fn parse(text: &str, source: &str) -> Result<Vec<Node>, Error> {
    let mut parser = html5ever::parse_document(Sink::new(), ParseOpts::default());
    let (mut rest, mut fed) = (text, 0u64);
    while !rest.is_empty() {
        let mut cut = rest.len().min(CHUNK_BYTES);
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        let (chunk, tail) = rest.split_at(cut);
        parser.process(StrTendril::from_slice(chunk));
        (rest, fed) = (tail, fed + cut as u64);
        let sink = &parser.tokenizer.sink.sink;
        let stop = if sink.nodes.borrow().len() > MAX_NODES {
            Some((
                "HTML 元素过多（超过八百万个）",
                "the page has too many elements (over eight million)",
            ))
        } else if sink.work.get() > FREE_WORK + WORK_PER_BYTE * fed {
            Some((
                "HTML 标签嵌套过深（大量未闭合的标签），无法在合理时间内解析",
                "the markup nests too deeply (many unclosed tags) to parse in reasonable time",
            ))
        } else {
            None
        };
        if let Some((zh, en)) = stop {
            return Err(html_error(source, Some(sink.line.get()), zh, en));
        }
    }
    Ok(parser.finish())
}

/// For every node, whether a table lies below it: a cell that holds one is a layout cell. Each node is marked
/// once, walking up from each table until a marked node, so this is linear however deep tables nest.
fn layout_cells(nodes: &[Node]) -> Vec<bool> {
    let mut marks = vec![false; nodes.len()];
    for n in nodes {
        if matches!(&n.data, Data::Element { name, .. } if name.ns == ns!(html) && name.local == local_name!("table"))
        {
            let mut up = n.parent;
            while up != NONE && !marks[at(up)] {
                marks[at(up)] = true;
                up = nodes[at(up)].parent;
            }
        }
    }
    marks
}

// ---------------------------------------------------------------------------------------------------------------
// Reading the tree into rows.

/// What an element is to the reader.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Not shown, or not document text: head, scripts, styles, templates, form choices.
    Skip,
    /// A line break.
    Break,
    /// A block: its text starts and ends a line.
    Block,
    Table,
    /// Text inside a line (`span`, `b`, `font`, unknown elements).
    Inline,
}

fn kind(name: &QualName) -> Kind {
    if name.ns != ns!(html) {
        return Kind::Inline;
    }
    match name.local {
        local_name!("head")
        | local_name!("script")
        | local_name!("style")
        | local_name!("template")
        | local_name!("noscript")
        | local_name!("title")
        | local_name!("select")
        | local_name!("iframe")
        | local_name!("object") => Kind::Skip,
        local_name!("br") => Kind::Break,
        local_name!("table") => Kind::Table,
        local_name!("address")
        | local_name!("article")
        | local_name!("aside")
        | local_name!("blockquote")
        | local_name!("body")
        | local_name!("caption")
        | local_name!("center")
        | local_name!("dd")
        | local_name!("details")
        | local_name!("dialog")
        | local_name!("dir")
        | local_name!("div")
        | local_name!("dl")
        | local_name!("dt")
        | local_name!("fieldset")
        | local_name!("figcaption")
        | local_name!("figure")
        | local_name!("footer")
        | local_name!("form")
        | local_name!("h1")
        | local_name!("h2")
        | local_name!("h3")
        | local_name!("h4")
        | local_name!("h5")
        | local_name!("h6")
        | local_name!("header")
        | local_name!("hgroup")
        | local_name!("hr")
        | local_name!("html")
        | local_name!("legend")
        | local_name!("li")
        | local_name!("listing")
        | local_name!("main")
        | local_name!("menu")
        | local_name!("nav")
        | local_name!("ol")
        | local_name!("p")
        | local_name!("plaintext")
        | local_name!("pre")
        | local_name!("section")
        | local_name!("summary")
        | local_name!("tbody")
        | local_name!("td")
        | local_name!("tfoot")
        | local_name!("th")
        | local_name!("thead")
        | local_name!("tr")
        | local_name!("ul")
        | local_name!("xmp") => Kind::Block,
        _ => Kind::Inline,
    }
}

/// Characters written without spaces between them: CJK ideographs, CJK punctuation and fullwidth forms.
fn is_wide(c: char) -> bool {
    is_han(c)
        || matches!(c, '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ffef}')
}

/// HTML's white space, and the no-break space (`&nbsp;`), which pages use for spacing.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c' | '\u{a0}')
}

#[derive(Clone, Copy, Default, PartialEq, Eq)]
enum Gap {
    #[default]
    None,
    Space,
    /// A line break: in the source, or a `<br>` or block boundary inside a cell.
    Break,
}

/// Text gathered into one cell or line: white space collapsed as a browser collapses it, and a break dropped
/// between two CJK characters (a wrapped line) and a space elsewhere.
#[derive(Default)]
struct Piece {
    text: String,
    gap: Gap,
    first_line: u32,
    last_line: u32,
}

impl Piece {
    fn push(&mut self, s: &str, mut line: u32) {
        let mut rest = s;
        while !rest.is_empty() {
            let spaces = rest.find(|c| !is_space(c)).unwrap_or(rest.len());
            if spaces > 0 {
                let breaks = rest[..spaces].bytes().filter(|&b| b == b'\n').count() as u32;
                line = line.saturating_add(breaks);
                if breaks > 0 {
                    self.gap = Gap::Break;
                } else if self.gap == Gap::None {
                    self.gap = Gap::Space;
                }
                rest = &rest[spaces..];
                continue;
            }
            let len = rest.find(is_space).unwrap_or(rest.len());
            let word = &rest[..len];
            rest = &rest[len..];
            let gap = std::mem::take(&mut self.gap);
            // A parser may move text out of order (foster-parented out of a table, out of foreign content): the
            // piece spans its earliest and latest lines.
            if self.text.is_empty() {
                (self.first_line, self.last_line) = (line, line);
            } else {
                self.first_line = self.first_line.min(line);
                self.last_line = self.last_line.max(line);
            }
            if self.text.is_empty() {
                // The first word: no gap before it.
            } else if self.text.len() >= MAX_PIECE_BYTES {
                continue; // the cell is cut here anyway; only its last line still counts
            } else if gap == Gap::Space
                || (gap == Gap::Break
                    && !(self.text.chars().next_back().is_some_and(is_wide)
                        && word.chars().next().is_some_and(is_wide)))
            {
                self.text.push(' ');
            }
            self.text.push_str(word);
        }
    }

    fn brk(&mut self) {
        self.gap = Gap::Break;
    }

    fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The text gathered and its first and last lines; the piece starts again empty.
    fn take(&mut self) -> Option<(String, u32, u32)> {
        self.gap = Gap::None;
        if self.text.is_empty() {
            return None;
        }
        let mut text = std::mem::take(&mut self.text);
        cap_cell(&mut text);
        Some((text, self.first_line, self.last_line))
    }
}

/// Work left to do, on an explicit stack so that nesting depth never reaches the call stack.
enum Task {
    /// Read `node` and its following siblings as page text.
    Siblings(u32),
    /// A block ends; the row count when it started tells whether it was empty (a blank line).
    EndBlock(usize),
    /// A layout cell or caption ends.
    EndLine,
    Row(Row),
    /// A table starts or ends: the next row follows a break.
    Break,
}

struct Walk<'a> {
    tree: &'a [Node],
    layout: Vec<bool>,
    source: &'a str,
    rows: Vec<Row>,
    warnings: Vec<Warning>,
    /// The line of page text being read.
    line: Piece,
    /// The next row follows a break.
    blank: bool,
    /// The last thing read was a `<br>`.
    after_br: bool,
    /// Nodes visited: at most the tree's size, unless the parsed structure is not a tree.
    visits: usize,
}

impl Walk<'_> {
    fn run(&mut self) {
        let mut stack = vec![Task::Siblings(self.tree[0].first)];
        while let Some(task) = stack.pop() {
            match task {
                Task::Siblings(id) => {
                    if id == NONE || !self.visit() {
                        continue;
                    }
                    let node = &self.tree[at(id)];
                    stack.push(Task::Siblings(node.next));
                    match &node.data {
                        Data::Text(t) => self.line.push(t, node.line),
                        Data::Element { name, .. } => match kind(name) {
                            Kind::Skip => {}
                            Kind::Inline => stack.push(Task::Siblings(node.first)),
                            Kind::Break => self.line_break(),
                            Kind::Block => {
                                self.end_line();
                                stack.push(Task::EndBlock(self.rows.len()));
                                stack.push(Task::Siblings(node.first));
                            }
                            Kind::Table => {
                                self.end_line();
                                let tasks = self.table(id);
                                stack.extend(tasks.into_iter().rev());
                            }
                        },
                        Data::Root | Data::Other => {}
                    }
                }
                Task::EndBlock(rows_before) => {
                    self.end_line();
                    if self.rows.len() == rows_before {
                        self.blank = true;
                    }
                    self.after_br = false;
                }
                Task::EndLine => self.end_line(),
                Task::Row(row) => self.push_row(row),
                Task::Break => {
                    self.end_line();
                    self.blank = true;
                }
            }
        }
        self.end_line();
    }

    /// Counts a visit; false once the walk has visited more nodes than the tree has.
    fn visit(&mut self) -> bool {
        self.visits += 1;
        self.visits <= self.tree.len()
    }

    fn push_row(&mut self, mut row: Row) {
        if row.cells.is_empty() {
            self.blank = true;
            return;
        }
        row.after_blank = std::mem::take(&mut self.blank);
        self.after_br = false;
        self.rows.push(row);
    }

    fn end_line(&mut self) {
        if let Some((text, line, end_line)) = self.line.take() {
            self.push_row(Row {
                line,
                end_line,
                cells: vec![text],
                after_blank: false,
                placed: false,
            });
        }
    }

    /// A `<br>` ends the line; a second one in a row leaves a blank line.
    fn line_break(&mut self) {
        if self.line.is_empty() && self.after_br {
            self.blank = true;
        }
        self.end_line();
        self.after_br = true;
    }

    /// The HTML element name of a node, if it is an HTML element.
    fn html_name(&self, id: u32) -> Option<&LocalName> {
        match &self.tree[at(id)].data {
            Data::Element { name, .. } if name.ns == ns!(html) => Some(&name.local),
            _ => None,
        }
    }

    fn children(&self, id: u32) -> impl Iterator<Item = u32> + '_ {
        let first = self.tree[at(id)].first;
        std::iter::successors((first != NONE).then_some(first), |&c| {
            let next = self.tree[at(c)].next;
            (next != NONE).then_some(next)
        })
        .take(self.tree.len())
    }

    /// The work of one table, in order: its caption as page text, its rows on the table's grid, each followed by
    /// the contents of its layout cells. Row groups are laid out on their own (spans end with their group), and
    /// footers come last, where browsers show them.
    fn table(&mut self, table: u32) -> Vec<Task> {
        let mut tasks = Vec::new();
        let (mut groups, mut footers, mut loose) = (Vec::new(), Vec::new(), Vec::new());
        for child in self.children(table) {
            match self.html_name(child) {
                Some(&local_name!("caption")) => {
                    tasks.push(Task::Siblings(self.tree[at(child)].first));
                    tasks.push(Task::EndLine);
                }
                Some(&local_name!("tr")) => loose.push(child),
                Some(
                    group @ (&local_name!("thead") | &local_name!("tbody") | &local_name!("tfoot")),
                ) => {
                    let rows: Vec<u32> = self
                        .children(child)
                        .filter(|&r| self.html_name(r) == Some(&local_name!("tr")))
                        .collect();
                    if !loose.is_empty() {
                        groups.push(std::mem::take(&mut loose));
                    }
                    if *group == local_name!("tfoot") {
                        footers.push(rows);
                    } else {
                        groups.push(rows);
                    }
                }
                _ => {}
            }
        }
        if !loose.is_empty() {
            groups.push(loose);
        }
        groups.extend(footers);
        tasks.push(Task::Break);
        let mut slots = 0usize;
        'groups: for group in &groups {
            let mut busy = Vec::new();
            for (i, &tr) in group.iter().enumerate() {
                let (row, layout, width) = self.grid_row(tr, i, group.len(), &mut busy);
                slots += width;
                if slots > MAX_GRID_CELLS {
                    let line = self.tree[at(table)].line;
                    self.warnings.push(Warning {
                        location: Location::line(self.source, line),
                        message_zh: format!("表格超过 {MAX_GRID_CELLS} 个单元格，其余行已略去（第 {} 行起）", row.line),
                        message_en: format!(
                            "the table has over {MAX_GRID_CELLS} grid cells; its rows from line {} on were left out",
                            row.line
                        ),
                    });
                    break 'groups;
                }
                tasks.push(Task::Row(row));
                for cell in layout {
                    tasks.push(Task::Siblings(self.tree[at(cell)].first));
                    tasks.push(Task::EndLine);
                }
            }
        }
        tasks.push(Task::Break);
        tasks
    }

    /// Row `i` of a row group of `group_rows` rows on the grid, its layout cells, and the grid slots it took.
    /// `busy[x]` is the first row of the group that column `x` is free in again (held by a cell above until then).
    fn grid_row(
        &mut self,
        tr: u32,
        i: usize,
        group_rows: usize,
        busy: &mut Vec<usize>,
    ) -> (Row, Vec<u32>, usize) {
        let line = self.tree[at(tr)].line;
        let mut end_line = line;
        let mut cells: Vec<String> = Vec::new();
        let mut layout = Vec::new();
        let mut x = 0;
        let tds: Vec<u32> = self
            .children(tr)
            .filter(|&c| {
                matches!(
                    self.html_name(c),
                    Some(&local_name!("td") | &local_name!("th"))
                )
            })
            .collect();
        for td in tds {
            while busy.get(x).is_some_and(|&free| free > i) {
                x += 1;
            }
            let Data::Element {
                colspan, rowspan, ..
            } = self.tree[at(td)].data
            else {
                continue;
            };
            let colspan = (colspan as usize).clamp(1, MAX_COLUMNS.saturating_sub(x).max(1));
            let left = group_rows - i;
            let rowspan = match rowspan as usize {
                0 => left,
                r => r.min(MAX_ROWSPAN).min(left),
            };
            let text = if self.layout[at(td)] {
                layout.push(td);
                String::new()
            } else {
                let (text, last) = self.cell_text(td);
                end_line = end_line.max(last);
                text
            };
            cells.resize(x, String::new());
            cells.push(text);
            cells.resize(x + colspan, String::new());
            if rowspan > 1 {
                if busy.len() < x + colspan {
                    busy.resize(x + colspan, 0);
                }
                for free in &mut busy[x..x + colspan] {
                    *free = (*free).max(i + rowspan);
                }
            }
            x += colspan;
        }
        let width = cells.len();
        while cells.last().is_some_and(String::is_empty) {
            cells.pop();
        }
        let row = Row {
            line,
            end_line,
            cells,
            after_blank: false,
            placed: false,
        };
        (row, layout, width)
    }

    /// The text of a cell that holds no table, and the last line it was read from.
    fn cell_text(&mut self, cell: u32) -> (String, u32) {
        let mut piece = Piece::default();
        // `None` marks the end of a block: a break after its text.
        let mut stack = vec![Some(self.tree[at(cell)].first)];
        while let Some(item) = stack.pop() {
            let Some(id) = item else {
                piece.brk();
                continue;
            };
            if id == NONE || !self.visit() {
                continue;
            }
            let node = &self.tree[at(id)];
            stack.push(Some(node.next));
            match &node.data {
                Data::Text(t) => piece.push(t, node.line),
                Data::Element { name, .. } => match kind(name) {
                    Kind::Skip => {}
                    Kind::Break => piece.brk(),
                    Kind::Inline => stack.push(Some(node.first)),
                    Kind::Block | Kind::Table => {
                        piece.brk();
                        stack.push(None);
                        stack.push(Some(node.first));
                    }
                },
                Data::Root | Data::Other => {}
            }
        }
        match piece.take() {
            Some((text, _, last)) => (text, last),
            None => (String::new(), 0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(html: &str) -> Vec<Vec<String>> {
        html_rows(html, "t.html")
            .unwrap()
            .0
            .into_iter()
            .map(|r| r.cells)
            .collect()
    }

    #[test]
    fn tells_html_from_text() {
        assert!(is_html(b"x", "page.HTM"));
        assert!(is_html(b"<!DOCTYPE html><p>x", "a.txt"));
        assert!(is_html(b"\xEF\xBB\xBF  <html lang=zh>", "a.txt"));
        assert!(is_html(b"<?xml version=\"1.0\"?>\n<!-- x -->\n<html>", "a"));
        assert!(is_html(b"<table>\n\t<tr>\n\t\t<td>a</td>\t<td>b</td>", "a"));
        // Fragments in tab rows are text; JSON and CSV are never HTML.
        assert!(!is_html("项目名称\t<p>示例</p>\n".as_bytes(), "a.txt"));
        assert!(!is_html(
            b"a\t<table><tr><td>x</td></tr></table>\tb",
            "a.txt"
        ));
        assert!(!is_html(b"<p>x</p>", "a.txt"));
        assert!(!is_html(b"{\"tables\": [\"<table><tr>\"]}", "doc.html"));
        assert!(!is_html(b"<table><tr><td>x", "a.csv"));
        assert!(!is_html(b"<tablet><tr>", "a.txt"));
    }

    #[test]
    fn declared_charsets() {
        let gbk = |s: &str| encoding_rs::GBK.encode(s).0.into_owned();
        let page = gbk("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=GB2312\"></head><body><p>单位：万元</p>");
        let (text, enc, warning) = decode_html(&page, "p.html").unwrap();
        assert!(text.contains("单位：万元"));
        assert_eq!((enc.as_str(), warning.is_none()), ("gb18030", true));
        // A stale declaration on UTF-8 bytes: UTF-8 wins.
        let (text, enc, _) =
            decode_html("<meta charset='gbk'><p>绩效</p>".as_bytes(), "p").unwrap();
        assert_eq!(
            (text.as_str(), enc.as_str()),
            ("<meta charset='gbk'><p>绩效</p>", "utf-8")
        );
        // Big5 is read as declared; a broken byte is replaced, with a warning.
        let mut big5 = encoding_rs::BIG5
            .encode("<meta charset=big5><p>項目</p>")
            .0
            .into_owned();
        big5.extend_from_slice(b"\xFF");
        let (text, enc, warning) = decode_html(&big5, "p").unwrap();
        assert!(text.contains("項目") && text.ends_with('\u{fffd}'));
        assert_eq!(enc, "big5");
        assert!(warning.is_some());
        assert_eq!(
            declared_charset(b"<?xml version='1.0' encoding='GB18030'?>"),
            Some(encoding_rs::GB18030)
        );
        assert_eq!(
            declared_charset(b"<meta name=x><meta charset = \"utf-8\" />"),
            Some(encoding_rs::UTF_8)
        );
        assert_eq!(declared_charset(b"<p>charset=gbk</p>"), None);
    }

    #[test]
    fn text_outside_tables_is_one_row_per_block_or_line() {
        let rows = html_rows(
            "<html><head><title>x</title><style>p{}</style></head><body>\n<h1>2023年度项目支出\n绩效自评表</h1>\n<div>单位：万元<br>填报日期：2024年</div><script>var a = '<td>';</script><!-- c --><p>a &amp; b&nbsp;&ge; c</p></body></html>",
            "t.html",
        )
        .unwrap()
        .0;
        let cells: Vec<&str> = rows.iter().map(|r| r.cells[0].as_str()).collect();
        assert_eq!(
            cells,
            [
                "2023年度项目支出绩效自评表",
                "单位：万元",
                "填报日期：2024年",
                "a & b ≥ c"
            ]
        );
        assert!(rows.iter().all(|r| r.cells.len() == 1));
        assert_eq!(
            rows.iter()
                .map(|r| (r.line, r.end_line))
                .collect::<Vec<_>>(),
            [(2, 3), (4, 4), (4, 4), (4, 4)]
        );
    }

    #[test]
    fn cells_join_broken_text() {
        let c = cells("<table><tr><td>年度<br>指标值</td><td>完成率\n  (%)</td><td><p>≥95%</p><p>by survey</p></td><td>项目资金\n（元）</td><td> a  <b>b</b>\tc </td></tr></table>");
        assert_eq!(
            c,
            [[
                "年度指标值",
                "完成率 (%)",
                "≥95% by survey",
                "项目资金（元）",
                "a b c"
            ]]
        );
    }

    #[test]
    fn spans_are_laid_out_on_a_grid() {
        let c = cells(concat!(
            "<table>",
            "<tr><th rowspan=3>一级</th><th rowspan='2'>二级</th><td>a</td><td>1</td></tr>",
            "<tr><td>b</td><td>2</td></tr>",
            "<tr><td rowspan=0>c2</td><td>c</td><td>3</td></tr>",
            "<tr><td colspan=\"3px\">总分</td><td>100</td></tr>",
            "<tr><td>x<td>y<td colspan=2>z<td>w",
            "</table>"
        ));
        assert_eq!(
            c,
            [
                vec!["一级", "二级", "a", "1"],
                vec!["", "", "b", "2"],
                vec!["", "c2", "c", "3"],
                vec!["总分", "", "", "100"],
                // Column 1 is held by `c2` (rowspan 0: to the end of the group), so `y` moves right.
                vec!["x", "", "y", "z", "", "w"],
            ]
        );
        // Spans end with their row group.
        let c = cells("<table><tbody><tr><td rowspan=5>a</td><td>b</td></tr></tbody><tbody><tr><td>c</td></tr></tbody></table>");
        assert_eq!(c, [vec!["a", "b"], vec!["c"]]);
        // Footers come last.
        let c = cells("<table><tfoot><tr><td>总分</td></tr></tfoot><tr><td>a</td></tr></table>");
        assert_eq!(c, [["a"], ["总分"]]);
    }

    #[test]
    fn layout_tables_give_their_tables_as_rows() {
        let rows = html_rows(
            "<table><tr><td>导航</td><td><p>项目支出绩效自评表</p><table><tr><td>项目名称</td><td>X</td></tr></table>填报人：张三</td></tr></table><p>完</p>",
            "t.html",
        )
        .unwrap()
        .0;
        let got: Vec<(Vec<String>, bool)> =
            rows.into_iter().map(|r| (r.cells, r.after_blank)).collect();
        let want = [
            (vec!["导航"], true),
            (vec!["项目支出绩效自评表"], false),
            (vec!["项目名称", "X"], true),
            (vec!["填报人：张三"], true),
            (vec!["完"], true),
        ];
        assert_eq!(got.len(), want.len(), "{got:?}");
        for ((cells, blank), (w, wb)) in got.iter().zip(want) {
            assert_eq!(
                (cells, *blank),
                (&w.iter().map(|s| s.to_string()).collect(), wb)
            );
        }
    }

    #[test]
    fn blank_lines() {
        let rows = html_rows("<p>a</p><p>&nbsp;</p><p>b</p><p>c<br><br>d</p>", "t")
            .unwrap()
            .0;
        let blanks: Vec<(&str, bool)> = rows
            .iter()
            .map(|r| (r.cells[0].as_str(), r.after_blank))
            .collect();
        assert_eq!(
            blanks,
            [("a", false), ("b", true), ("c", false), ("d", true)]
        );
    }

    #[test]
    fn long_text_is_cut() {
        let rows = html_rows(&format!("<p>{}</p>", "ab ".repeat(100_000)), "t")
            .unwrap()
            .0;
        assert_eq!(rows[0].cells[0].chars().count(), MAX_CELL_CHARS);
        assert!(rows[0].cells[0].starts_with("ab ab"));
    }

    #[test]
    fn nodes_are_small() {
        // MAX_NODES is set for this size.
        assert!(std::mem::size_of::<Node>() <= 64);
    }

    #[test]
    fn hostile_markup_is_bounded() {
        // Deeply nested unclosed blocks: quadratic in html5ever, stopped by the work budget with a located error.
        let err = html_rows(&"<div>".repeat(200_000), "deep.html").unwrap_err();
        assert!(matches!(err.kind, ErrorKind::Html { .. }));
        assert!(err.location.line.is_some());
        // Huge spans are clamped.
        let c = cells("<table><tr><td colspan=100000 rowspan=100000>a</td><td>b</td></tr><tr><td>c</td></tr></table>");
        assert_eq!(c[0].len(), MAX_COLUMNS + 1);
        assert_eq!(c[1].len(), MAX_COLUMNS + 1);
        assert_eq!((c[1][0].as_str(), c[1][MAX_COLUMNS].as_str()), ("", "c"));
        // Too many grid slots: the table is cut with a warning.
        let html = format!(
            "<table>{}</table>",
            "<tr><td colspan=1000>x</td></tr>".repeat(1_500)
        );
        let (rows, warnings) = html_rows(&html, "big.html").unwrap();
        assert_eq!(rows.len(), MAX_GRID_CELLS / MAX_COLUMNS);
        assert_eq!(warnings.len(), 1);
    }
}
