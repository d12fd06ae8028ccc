//! Text to a grid of rows and cells, the one shape every layout reader works on.
//!
//! Two text layouts exist in extracted documents:
//! - **tab rows** (PDF text layers, OCR, HTML tables): one row per line, cells split by tabs;
//! - **cell per line** (Word): every cell starts a line with a tab, a line without a leading tab continues the
//!   cell above, and a blank line ends the row.
//!
//! Spreadsheets and CSV produce the same [`Row`]s in their own modules. Cells are cleaned here once: HTML tags
//! and entities go, the ends are trimmed, and over-long cells are cut (with a warning by the caller).

/// Longest cell kept, in characters. Real cells are under a few thousand characters; a longer one is a sign of
/// a broken extraction, and capping it bounds the work per cell.
pub const MAX_CELL_CHARS: usize = 20_000;

/// One row of a table as extracted: its first line in the source (1-based) and its cells, cleaned.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    pub line: u32,
    /// The last line the row spans (equal to `line` for tab rows).
    pub end_line: u32,
    pub cells: Vec<String>,
    /// The row was preceded by a blank line (a page or paragraph break in tab-row text).
    pub after_blank: bool,
    /// A segmenter already aligned the cells to their header's columns (glued and restacked tables): each cell
    /// sits in its column's header position, and the readers take it there.
    pub placed: bool,
}

impl Row {
    /// A row of one cell on one line (a line of text before any table is found in it).
    pub fn one_cell(line: u32, text: &str) -> Row {
        Row {
            line,
            end_line: line,
            cells: vec![text.to_owned()],
            after_blank: false,
            placed: false,
        }
    }

    /// The non-empty cells.
    pub fn filled(&self) -> impl Iterator<Item = (usize, &str)> {
        self.cells
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.is_empty())
            .map(|(i, c)| (i, c.as_str()))
    }

    /// The filled cells' texts joined by `sep`.
    pub fn filled_joined(&self, sep: &str) -> String {
        let cells: Vec<&str> = self.filled().map(|(_, c)| c).collect();
        cells.join(sep)
    }

    pub fn filled_count(&self) -> usize {
        self.cells.iter().filter(|c| !c.is_empty()).count()
    }

    pub fn is_empty(&self) -> bool {
        self.cells.iter().all(|c| c.is_empty())
    }

    /// All cells joined without separators and without white space (for label matching).
    pub fn squeezed(&self) -> String {
        let mut out = String::with_capacity(self.cells.iter().map(String::len).sum());
        for cell in &self.cells {
            push_squeezed(&mut out, cell);
        }
        out
    }

    /// The index of the last non-empty cell.
    pub fn last_filled(&self) -> Option<usize> {
        self.cells.iter().rposition(|c| !c.is_empty())
    }
}

/// Appends `text` without its white space (most cells have none: one copy then).
pub fn push_squeezed(out: &mut String, text: &str) {
    match first_white(text) {
        None => out.push_str(text),
        // A vertical tab in otherwise plain ASCII was kept (the test below is the original one); rare.
        Some(i) if text.as_bytes()[i] == 0x0b => {
            if text.bytes().any(|b| b.is_ascii_whitespace() || b >= 0x80) {
                push_without_white(out, text);
            } else {
                out.push_str(text);
            }
        }
        Some(i) => {
            out.push_str(&text[..i]);
            push_without_white(out, &text[i..]);
        }
    }
}

fn push_without_white(out: &mut String, mut text: &str) {
    while let Some(i) = first_white(text) {
        out.push_str(&text[..i]);
        text = &text[i + white_len(text.as_bytes()[i])..];
    }
    out.push_str(text);
}

/// The length in bytes of the white space character whose first byte is `lead`.
fn white_len(lead: u8) -> usize {
    match lead {
        0xc2 => 2,
        0xe1..=0xe3 => 3,
        _ => 1,
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;

/// The bytes of `x` that may start a white space character, as their top bits: a byte up to 0x20, or a lead
/// byte 0xC2–0xE3 (tests on the eight bytes at once, so that most of Chinese text is skipped unread). Every such
/// byte is marked; a byte above a marked one may be marked too (a borrow), and is tested again.
fn may_hold_white(x: u64) -> u64 {
    let below_21 = x.wrapping_sub(ONES * 0x21) & !x & (ONES * 0x80);
    // Bytes with the top bit set whose low seven bits lie in 0x42..=0x63; no carry crosses a byte.
    let t = x & (ONES * 0x7f);
    let leads = (ONES * 0xe3 - t) & (t + ONES * 0x3e) & x & (ONES * 0x80);
    below_21 | leads
}

/// Whether the character starting at `b[i]` is white space.
#[inline]
fn white_at(b: &[u8], i: usize) -> bool {
    let x = b[i];
    let at = |k: usize| b.get(i + k).copied().unwrap_or(0);
    match x {
        0x09..=0x0d | 0x20 => true,
        0xc2 => matches!(at(1), 0x85 | 0xa0),
        0xe1 => at(1) == 0x9a && at(2) == 0x80,
        0xe2 => match at(1) {
            0x80 => matches!(at(2), 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf),
            0x81 => at(2) == 0x9f,
            _ => false,
        },
        0xe3 => at(1) == 0x80 && at(2) == 0x80,
        _ => false,
    }
}

/// The byte index of the first white space character (`char::is_whitespace`) in `text`, found on the UTF-8
/// bytes, eight at a time: decoding every character of every cell to test it was a sixth of reading time. White
/// space is U+0009–U+000D, U+0020, U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F and
/// U+3000.
pub fn first_white(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let (words, tail) = b.as_chunks::<8>();
    for (n, w) in words.iter().enumerate() {
        let mut marked = may_hold_white(u64::from_le_bytes(*w));
        while marked != 0 {
            let k = n * 8 + (marked.trailing_zeros() / 8) as usize;
            if white_at(b, k) {
                return Some(k);
            }
            marked &= marked - 1;
        }
    }
    // The last few bytes (most of a short cell) one by one.
    let start = words.len() * 8;
    tail.iter()
        .enumerate()
        .find(|&(k, &x)| (x <= 0x20 || (0xc2..=0xe3).contains(&x)) && white_at(b, start + k))
        .map(|(k, _)| start + k)
}

/// `str::trim`, answered from the first and last bytes for the many cells whose ends cannot be white space
/// (decoding both ends to test them was a twentieth of reading time, over every cell of every row).
pub fn trim(s: &str) -> &str {
    // A white space character starts with a byte up to 0x20 or 0xC2–0xE3, and ends with a byte up to 0x20,
    // 0x80–0x8A, 0x9F, 0xA0, 0xA8, 0xA9 or 0xAF.
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(&a), Some(&z))
            if a > 0x20
                && !(0xc2..=0xe3).contains(&a)
                && z > 0x20
                && !matches!(z, 0x80..=0x8a | 0x9f | 0xa0 | 0xa8 | 0xa9 | 0xaf) =>
        {
            s
        }
        _ => s.trim(),
    }
}

/// Which text layout a document uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextLayout {
    TabRows,
    CellPerLine,
}

impl TextLayout {
    pub fn as_str(self) -> &'static str {
        match self {
            TextLayout::TabRows => "tab-rows",
            TextLayout::CellPerLine => "cell-per-line",
        }
    }
}

/// Word's layout shows as most non-blank lines being exactly one tab followed by the cell. Tab-row text has
/// several tabs per line (or none, for prose).
pub fn detect_layout(text: &str) -> TextLayout {
    // Bytes, not chars: a tab is one byte in UTF-8, and this runs over every line of every document.
    let (mut one_leading_tab, mut other) = (0usize, 0usize);
    // Lines found by `str::split`, which searches a word at a time, and tabs counted by a loop the compiler
    // vectorises: a byte-by-byte split was a twentieth of reading time.
    for line in text.split('\n').take(20_000) {
        let line = line.as_bytes();
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let tabs = count_byte(line, b'\t');
        if line.first() == Some(&b'\t') && tabs == 1 {
            one_leading_tab += 1;
        } else if tabs >= 1 {
            other += 1;
        }
    }
    if one_leading_tab >= 8 && one_leading_tab > other * 4 {
        TextLayout::CellPerLine
    } else {
        TextLayout::TabRows
    }
}

/// Fewest lines with a pipe for a stretch of text to be read as a pipe-delimited table (a lone `字号 : |` in a
/// page header is not one).
const MIN_PIPE_LINES: usize = 3;

/// Most lines without a pipe inside one pipe-delimited stretch (prose between two tables of one page, or cell
/// text wrapped over lines); a longer gap ends the stretch.
const MAX_PIPE_GAP: usize = 12;

/// Splits text into rows, choosing the layout per stretch of text: one file can hold prose, a tab-row table and
/// a pipe-delimited table. Returns the rows and the layouts found, in order (`pipe-rows+tab-rows`).
pub fn text_rows(text: &str) -> (Vec<Row>, String) {
    let plain = || {
        let layout = detect_layout(text);
        (rows(text, layout), layout.as_str().to_owned())
    };
    // Most text has no pipe at all (one fast search). A tab-row document (a PDF text layer, OCR) keeps its
    // pipes as text: stray `|` from OCR are not a table.
    if !text.contains('|') {
        return plain();
    }
    let (mut tab_lines, mut pipe_lines) = (0usize, 0usize);
    for line in text.split('\n') {
        tab_lines += usize::from(line.contains('\t'));
        pipe_lines += usize::from(line.contains('|'));
    }
    if pipe_lines < MIN_PIPE_LINES || tab_lines > pipe_lines * 3 {
        return plain();
    }
    let lines: Vec<(u32, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (line_number(i), l.trim_end_matches('\r')))
        .collect();
    let stretches = pipe_stretches(&lines);
    if stretches.is_empty() {
        return plain();
    }
    let mut out = Vec::new();
    let mut layouts: Vec<&'static str> = Vec::new();
    let note = |l: &'static str, layouts: &mut Vec<&'static str>| {
        if !layouts.contains(&l) {
            layouts.push(l);
        }
    };
    let mut at = 0usize;
    for (start, end) in stretches {
        if start > at {
            let (rows, layout) = plain_rows(&lines[at..start]);
            if !rows.is_empty() {
                note(layout.as_str(), &mut layouts);
            }
            out.extend(rows);
        }
        out.extend(super::pipes::rows(&lines[start..end]));
        note("pipe-rows", &mut layouts);
        at = end;
    }
    if at < lines.len() {
        let (rows, layout) = plain_rows(&lines[at..]);
        if !rows.is_empty() {
            note(layout.as_str(), &mut layouts);
        }
        out.extend(rows);
    }
    (out, layouts.join("+"))
}

/// Rows of a stretch without pipe tables, in the layout it shows, with the file's line numbers.
fn plain_rows(lines: &[(u32, &str)]) -> (Vec<Row>, TextLayout) {
    let offset = lines.first().map_or(0, |(n, _)| n - 1);
    let mut text = String::with_capacity(lines.iter().map(|(_, l)| l.len() + 1).sum());
    for (_, l) in lines {
        text.push_str(l);
        text.push('\n');
    }
    let layout = detect_layout(&text);
    let mut rows = rows(&text, layout);
    for r in &mut rows {
        r.line += offset;
        r.end_line += offset;
    }
    (rows, layout)
}

/// The stretches of lines (start, end exclusive) that are pipe-delimited tables: runs of lines with pipes
/// closer than [`MAX_PIPE_GAP`], widened to the cell text just above a first line that starts with a pipe.
fn pipe_stretches(lines: &[(u32, &str)]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, usize, usize)> = None; // start, end, pipe lines
    let close = |cur: Option<(usize, usize, usize)>, out: &mut Vec<(usize, usize)>| {
        if let Some((s, e, n)) = cur {
            // Pipes must carry the stretch, not sprinkle prose: at least a third of its lines.
            let lines_with_text = lines[s..e]
                .iter()
                .filter(|(_, l)| !l.trim().is_empty())
                .count();
            if n >= MIN_PIPE_LINES && n * 3 >= lines_with_text {
                // A last line of text straight after the stretch may be its cut-off cell: the pipe reader
                // decides (it reads the line as prose otherwise).
                let tail_line = e < lines.len()
                    && !lines[e].1.trim().is_empty()
                    && lines[e + 1..].iter().all(|(_, l)| l.trim().is_empty());
                out.push((s, e + usize::from(tail_line)));
            }
        }
    };
    for (i, (_, line)) in lines.iter().enumerate() {
        // A line with tabs is a tab row; a pipe in it is OCR noise or text.
        if !line.contains('|') || line.contains('\t') {
            continue;
        }
        cur = match cur {
            Some((s, e, n)) if i - e <= MAX_PIPE_GAP => Some((s, i + 1, n + 1)),
            other => {
                close(other, &mut out);
                // `绩效` / `  指标` / `  | 一级指标`: the cell text before a leading pipe belongs to the table.
                let mut s = i;
                if line.trim_start().starts_with('|') {
                    while s > 0
                        && i - s < 3
                        && !lines[s - 1].1.trim().is_empty()
                        && !lines[s - 1].1.contains('|')
                    {
                        s -= 1;
                    }
                }
                let s = out.last().map_or(s, |&(_, e)| s.max(e));
                Some((s, i + 1, 1))
            }
        };
    }
    close(cur, &mut out);
    out
}

/// Splits text into rows in the given layout. Lines that are blank produce no row.
pub fn rows(text: &str, layout: TextLayout) -> Vec<Row> {
    match layout {
        TextLayout::TabRows => tab_rows(text),
        TextLayout::CellPerLine => cell_per_line_rows(text),
    }
}

fn tab_rows(text: &str) -> Vec<Row> {
    let mut out = Vec::new();
    let mut after_blank = false;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            after_blank = true;
            continue;
        }
        let cells = split_tabs(line);
        let n = line_number(i);
        out.push(Row {
            line: n,
            end_line: n,
            cells,
            after_blank,
            placed: false,
        });
        after_blank = false;
    }
    out
}

fn cell_per_line_rows(text: &str) -> Vec<Row> {
    let mut out = Vec::new();
    let mut cur: Option<(Row, Vec<String>)> = None;
    let flush = |cur: &mut Option<(Row, Vec<String>)>, out: &mut Vec<Row>| {
        if let Some((mut row, raw)) = cur.take() {
            row.cells = raw.iter().map(|c| clean_cell(c)).collect();
            out.push(row);
        }
    };
    let mut after_blank = false;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        let n = line_number(i);
        if line.trim().is_empty() && !line.starts_with('\t') {
            flush(&mut cur, &mut out);
            after_blank = true;
            continue;
        }
        match (&mut cur, line.strip_prefix('\t')) {
            // A new cell: a line that starts with a tab. Further tabs inside it separate cells too.
            (Some((row, raw)), Some(rest)) => {
                raw.extend(rest.split('\t').map(str::to_owned));
                row.end_line = n;
            }
            (None, Some(rest)) => {
                cur = Some((
                    Row {
                        line: n,
                        end_line: n,
                        cells: Vec::new(),
                        after_blank,
                        placed: false,
                    },
                    rest.split('\t').map(str::to_owned).collect(),
                ));
            }
            // A continuation: the cell above wrapped (Word keeps line breaks inside a cell).
            (Some((row, raw)), None) => {
                if let Some(last) = raw.last_mut() {
                    last.push_str(line);
                }
                row.end_line = n;
            }
            // Text outside any cell (titles, prose): a row of its own.
            (None, None) => {
                out.push(Row {
                    line: n,
                    end_line: n,
                    cells: vec![clean_cell(line)],
                    after_blank,
                    placed: false,
                });
            }
        }
        after_blank = false;
    }
    flush(&mut cur, &mut out);
    out
}

fn line_number(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}

/// Pieces of one cell's text broken over lines or paragraphs, joined: trimmed, empty pieces dropped, no break
/// between Chinese characters (a wrap inside a word), a space elsewhere.
pub fn join_pieces<'a>(pieces: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for piece in pieces {
        let piece = piece.trim();
        if piece.is_empty() {
            continue;
        }
        let han_join = out.chars().last().is_some_and(super::labels::is_han)
            && piece.chars().next().is_some_and(super::labels::is_han);
        if !out.is_empty() && !han_join {
            out.push(' ');
        }
        out.push_str(piece);
    }
    out
}

/// The cleaned cells of a tab row ([`clean_cell`] of each piece between tabs), found eight bytes at a time; a
/// line without `<` or `&` (nearly all) is tested for markup once instead of once per cell, and the cells are
/// allocated at once. (Splitting, then testing every cell byte by byte, was a twentieth of reading time.)
fn split_tabs(line: &str) -> Vec<String> {
    let bytes = line.as_bytes();
    let tabs = count_byte(bytes, b'\t');
    // Without an early exit, so that the compiler vectorises it.
    let markup = bytes
        .iter()
        .fold(0u8, |m, &b| m | u8::from(b == b'<') | u8::from(b == b'&'));
    let clean = |raw: &str| {
        if markup != 0 {
            clean_cell(raw)
        } else {
            let mut out = trim(raw).to_owned();
            cap_cell(&mut out);
            out
        }
    };
    let mut cells = Vec::with_capacity(tabs + 1);
    let mut start = 0;
    for i in (0..bytes.len()).step_by(8) {
        let mut m = eq_mask(word_at(bytes, i), b'\t');
        while m != 0 {
            let k = i + (m.trailing_zeros() / 8) as usize;
            cells.push(clean(&line[start..k]));
            start = k + 1;
            m &= m - 1;
        }
    }
    cells.push(clean(&line[start..]));
    cells
}

/// How many bytes of `b` are `x`: counted in bytes over runs of 255, which the compiler vectorises sixteen
/// bytes at a time (a count in a `usize` is vectorised four bytes at a time).
fn count_byte(b: &[u8], x: u8) -> usize {
    b.chunks(255)
        .map(|c| usize::from(c.iter().fold(0u8, |n, &y| n + u8::from(y == x))))
        .sum()
}

/// The eight bytes of `b` from `i` as a little-endian word, padded past the end with `a` (no byte searched for).
fn word_at(b: &[u8], i: usize) -> u64 {
    match b.get(i..i + 8) {
        Some(w) => u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]),
        None => b[i..]
            .iter()
            .rev()
            .fold(u64::from_le_bytes([b'a'; 8]), |w, &x| {
                (w << 8) | u64::from(x)
            }),
    }
}

/// The bytes of `x` equal to `b`, as their top bits (exact: no carry crosses a byte).
fn eq_mask(x: u64, b: u8) -> u64 {
    const LOW7: u64 = ONES * 0x7f;
    let v = x ^ (ONES * u64::from(b));
    !(((v & LOW7) + LOW7) | v | LOW7)
}

/// Trims a cell, drops HTML tags and decodes the common entities, and caps its length.
pub fn clean_cell(raw: &str) -> String {
    let trimmed = raw.trim();
    let mut out = if trimmed.bytes().any(|b| b == b'<' || b == b'&') {
        strip_html(trimmed)
    } else {
        trimmed.to_owned()
    };
    cap_cell(&mut out);
    out
}

/// Cuts a cell to [`MAX_CELL_CHARS`] characters.
pub fn cap_cell(cell: &mut String) {
    if cell.len() > MAX_CELL_CHARS {
        if let Some((cut, _)) = cell.char_indices().nth(MAX_CELL_CHARS) {
            cell.truncate(cut);
        }
    }
}

/// Tag names that extracted HTML cells carry; anything else between `<` and `>` is kept as text (`<20份`).
const HTML_TAGS: &[&str] = &[
    "p", "br", "span", "div", "b", "strong", "i", "em", "u", "font", "td", "tr", "th", "table",
    "tbody", "sup", "sub", "li", "ul", "ol",
];

fn strip_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find(['<', '&']) {
        out.push_str(&rest[..pos]);
        let tail = &rest[pos..];
        if tail.starts_with('<') {
            if let Some(len) = html_tag_len(tail) {
                // A block tag between two pieces of text becomes a space, so words do not run together.
                let is_break = tail
                    .strip_prefix('<')
                    .unwrap_or(tail)
                    .trim_start_matches('/')
                    .starts_with(['p', 'b', 'd', 'l', 't']);
                if is_break && !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
                rest = &tail[len..];
                continue;
            }
        } else if let Some((len, c)) = html_entity(tail) {
            out.push(c);
            rest = &tail[len..];
            continue;
        }
        out.push(tail.chars().next().unwrap_or_default());
        rest = &tail[tail.chars().next().map_or(1, char::len_utf8)..];
    }
    out.push_str(rest);
    out.trim().to_owned()
}

/// The byte length of an HTML tag at the start of `s` (`<p>`, `</p>`, `<p style="…">`, `<br/>`).
fn html_tag_len(s: &str) -> Option<usize> {
    let inner = s.strip_prefix('<')?;
    let inner = inner.strip_prefix('/').unwrap_or(inner);
    let name_len = inner.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let name = inner[..name_len].to_ascii_lowercase();
    if !HTML_TAGS.contains(&name.as_str()) {
        return None;
    }
    let after = &inner[name_len..];
    if !(after.starts_with(['>', ' ', '/'])) {
        return None;
    }
    let close = s.find('>')?;
    Some(close + 1)
}

fn html_entity(s: &str) -> Option<(usize, char)> {
    const ENTITIES: &[(&str, char)] = &[
        ("&nbsp;", ' '),
        ("&amp;", '&'),
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&quot;", '"'),
        ("&#39;", '\''),
        ("&apos;", '\''),
        ("&ge;", '≥'),
        ("&le;", '≤'),
    ];
    ENTITIES
        .iter()
        .find(|(e, _)| s.starts_with(e))
        .map(|(e, c)| (e.len(), *c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_rows_keep_empty_cells_and_line_numbers() {
        let rows = rows("a\tb\n\n\t\tc\n", TextLayout::TabRows);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].cells, ["a", "b"]);
        assert_eq!(rows[1].line, 3);
        assert!(rows[1].after_blank);
        assert_eq!(rows[1].cells, ["", "", "c"]);
    }

    #[test]
    fn cell_per_line_joins_wrapped_cells() {
        // The shape of seed 000: a label split over lines, then an empty cell.
        let text = "\t绩\n效\n\t一级\n指标\n\t\n\n\t产出指标\n\t数量指标\n";
        assert_eq!(detect_layout(&text.repeat(5)), TextLayout::CellPerLine);
        let rows = rows(text, TextLayout::CellPerLine);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].cells, ["绩效", "一级指标", ""]);
        assert_eq!((rows[0].line, rows[0].end_line), (1, 5));
        assert_eq!(rows[1].cells, ["产出指标", "数量指标"]);
    }

    #[test]
    fn first_white_is_char_is_whitespace() {
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
            for pad in [0, 1, 7, 8, 13] {
                let s = format!("{}{c}数字b", "a".repeat(pad));
                let want = c.is_whitespace().then_some(pad);
                assert_eq!(first_white(&s), want, "{:x} at {pad}", c as u32);
            }
        }
        // The eight-byte test is exact for every pair of bytes among any filler.
        let flag = |b: u8| b <= 0x20 || (0xc2..=0xe3).contains(&b);
        for fill in [0x61u8, 0x80, 0xbf, 0xe4, 0xff, 0x21, 0xc1] {
            for (p, q) in [(0, 1), (3, 7), (6, 7)] {
                for x in 0..=255u8 {
                    for y in 0..=255u8 {
                        let mut w = [fill; 8];
                        w[p] = x;
                        w[q] = y;
                        let want = flag(x) || flag(y) || flag(fill);
                        let marked = may_hold_white(u64::from_le_bytes(w));
                        assert_eq!(marked != 0, want);
                        // No byte that may start white space goes unmarked.
                        for (k, &b) in w.iter().enumerate() {
                            assert!(!flag(b) || marked & (0x80 << (8 * k)) != 0);
                        }
                    }
                }
            }
        }
        let mut out = String::new();
        push_squeezed(&mut out, "a\u{b}b");
        push_squeezed(&mut out, "数\u{b}量 指\u{3000}标");
        assert_eq!(out, "a\u{b}b数量指标");
    }

    #[test]
    fn trim_is_str_trim() {
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
            for s in [
                format!("{c}"),
                format!("{c}数{c}"),
                format!("a{c}"),
                format!("{c}b"),
            ] {
                assert_eq!(trim(&s), s.trim(), "{:x}", c as u32);
            }
        }
    }

    #[test]
    fn tab_rows_split_as_str_split() {
        for line in [
            "a\tb",
            "\t\t数量指标\t\t≥95%\t<20份\t",
            "一二三四五六七八\t九\t",
            "x&nbsp;y\t<p>z</p>\t\u{8}\t\u{8}\t",
        ] {
            let want: Vec<String> = line.split('\t').map(clean_cell).collect();
            assert_eq!(split_tabs(line), want, "{line}");
        }
        // The byte masks are exact whatever the bytes around.
        for x in 0..=255u8 {
            let mut w = [0u8, 9, 0x3c, 0x26, 0x08, 0x89, 0xff, x];
            for _ in 0..8 {
                w.rotate_left(1);
                for b in [9u8, b'<', b'&'] {
                    let m = eq_mask(u64::from_le_bytes(w), b);
                    for (k, &y) in w.iter().enumerate() {
                        assert_eq!(m & (0x80 << (8 * k)) != 0, y == b);
                    }
                }
            }
        }
    }

    #[test]
    fn html_is_stripped_but_comparisons_stay() {
        assert_eq!(clean_cell("<p>通过生态</p><p>保护</p>"), "通过生态 保护");
        assert_eq!(
            clean_cell(r#"<p style="text-align: center;">2021年度目标</p>"#),
            "2021年度目标"
        );
        assert_eq!(clean_cell("<20份"), "<20份");
        assert_eq!(clean_cell("a &lt; b&nbsp;"), "a < b");
    }
}
