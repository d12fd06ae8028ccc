//! PDF with a text layer, read into the same rows as every other format.
//!
//! The stages:
//! - [`extract`]: the file to pages of positioned characters and drawn lines (through the `pdfplumber` crate);
//! - [`lattice`]: ruled tables, cells from the lines that draw them, merged cells as spans;
//! - [`text`]: characters to lines and words, and a cell's wrapped lines back to its text;
//! - [`layout`]: one page to blocks: ruled tables, unruled tables aligned on their gaps, lines of text;
//! - [`centred`]: merged cells of unruled tables printed midway down their rows, moved to their first row;
//! - [`pages`]: the pages' blocks to one run of rows, a table continued over pages joined and its repeated header
//!   dropped;
//! - [`confidence`]: for pages read by OCR, each indicator's cell confidences, and the low ones in warnings.
//!
//! From the rows on, a PDF is read like any other document. Pages without a text layer (scans) and text that
//! cannot be mapped to Unicode are reported with their page numbers, never passed on as text.

pub mod centred;
pub mod confidence;
pub mod extract;
pub mod lattice;
pub mod layout;
pub mod pages;
pub mod problem;
pub mod text;

pub use problem::Problem;

use crate::error::{Error, ErrorKind, Location};
use crate::model::{Document, Warning};
use crate::read::document::Reader;

/// A box on a page, in points from the top-left corner (y grows downwards).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    pub x0: f32,
    pub top: f32,
    pub x1: f32,
    pub bottom: f32,
}

impl Rect {
    pub fn union(&self, o: &Rect) -> Rect {
        Rect {
            x0: self.x0.min(o.x0),
            top: self.top.min(o.top),
            x1: self.x1.max(o.x1),
            bottom: self.bottom.max(o.bottom),
        }
    }

    pub fn center(&self) -> (f32, f32) {
        ((self.x0 + self.x1) / 2.0, (self.top + self.bottom) / 2.0)
    }

    /// Every coordinate is a number (a broken file's matrices can give NaN or infinities).
    pub fn is_finite(&self) -> bool {
        [self.x0, self.top, self.x1, self.bottom]
            .iter()
            .all(|v| v.is_finite())
    }

    pub fn contains(&self, x: f32, y: f32) -> bool {
        self.x0 <= x && x <= self.x1 && self.top <= y && y <= self.bottom
    }
}

/// One character as drawn (or a ligature's characters), with its box.
#[derive(Clone, Debug, PartialEq)]
pub struct Glyph {
    pub text: String,
    pub rect: Rect,
    /// How sure OCR was of the character (0–1); `None` for a text layer, whose characters are as drawn.
    pub confidence: Option<f32>,
}

/// A drawn line, or a rectangle: filled thin rectangles are lines too, and a stroked rectangle (`boxed`) draws
/// its four sides.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rule {
    pub rect: Rect,
    pub boxed: bool,
}

/// One page, upright (rotated pages are turned back), with what was drawn on it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    /// 1-based.
    pub number: u32,
    pub width: f32,
    pub height: f32,
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
    /// Images drawn on the page (a page of only images is a scan).
    pub images: u32,
    /// Characters whose font gives no Unicode for them (no ToUnicode map, private-use code points).
    pub unmapped: u32,
    /// The page held more characters or lines than the limits keep.
    pub cut: bool,
    /// The page could not be interpreted (the parser's words); the other pages are still read.
    pub error: Option<String>,
}

/// Whether bytes are a PDF: the header may follow a little junk, as readers allow.
pub fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

/// Reads a PDF's text layer into a document.
pub fn read_pdf(bytes: &[u8], source: &str) -> Result<Document, Error> {
    read_pdf_with(bytes, source, &extract::Limits::default())
}

/// Reads a PDF's text layer under the given limits.
pub fn read_pdf_with(
    bytes: &[u8],
    source: &str,
    limits: &extract::Limits,
) -> Result<Document, Error> {
    let pages = extract::pages(bytes, limits)
        .map_err(|p| Error::new(ErrorKind::Pdf(p), Location::file(source)))?;
    let mut doc = read_pages(&pages, source)?;
    doc.layout = Some("pdf".to_owned());
    Ok(doc)
}

/// Reads pages of positioned characters and drawn lines, from a text layer or from OCR of page images
/// ([`crate::read::ocr`]), through the layout and page stages into a document. Pages that hold nothing to read
/// are named in warnings; a document with no readable page is an error that says why.
pub fn read_pages(pages: &[Page], source: &str) -> Result<Document, Error> {
    let mut scans = Vec::new();
    let mut unmapped = Vec::new();
    let mut failed = Vec::new();
    let mut cut = Vec::new();
    let mut laid_out = Vec::with_capacity(pages.len());
    for page in pages {
        if let Some(e) = &page.error {
            failed.push((page.number, e.clone()));
            continue;
        }
        if page.cut {
            cut.push(page.number);
        }
        let mapped = page.glyphs.len();
        if mapped == 0 && page.unmapped == 0 {
            if page.images > 0 {
                scans.push(page.number);
            }
            continue;
        }
        // Mostly unmappable text is not text: reading it would make up words.
        if page.unmapped as usize * 2 > mapped {
            unmapped.push(page.number);
            continue;
        }
        laid_out.push((page.number, layout::blocks(page)));
    }
    if laid_out.is_empty() {
        let problem = if !unmapped.is_empty() {
            Problem::Unmapped { pages: unmapped }
        } else if let (true, Some((n, e))) = (scans.is_empty(), failed.first()) {
            Problem::Malformed(format!("page {n}: {e}"))
        } else {
            Problem::NoTextLayer { pages: scans }
        };
        return Err(Error::new(ErrorKind::Pdf(problem), Location::file(source)));
    }
    let (rows, page_of, conf) = pages::rows(&laid_out);
    let mut doc = Reader::new(source).structured().read(&rows);
    locate_pages(&mut doc, &page_of);
    confidence::attach(&mut doc, &rows, &conf);
    confidence::warn_low(&mut doc, &rows, &conf, &page_of);
    for (number, e) in &failed {
        doc.warnings.push(Warning {
            location: Location {
                page: Some(*number),
                ..Location::file(source)
            },
            message_zh: format!("第 {number} 页无法解析，未读取：{e}"),
            message_en: format!("page {number} could not be interpreted and was not read: {e}"),
        });
    }
    for (pages, zh, en) in [
        (&cut, "这些页的字符或线条超过读取上限，超出部分未读取", "these pages hold more characters or lines than the reading limits; the rest was not read"),
        (&scans, "这些页没有文字层（是图像，需要 OCR；安装 jixiao[ocr] 即可读取），未读取", "these pages have no text layer (they are images and need OCR: install jixiao[ocr] to read scanned pages) and were not read"),
        (&unmapped, "这些页的文字无法映射为 Unicode（字体缺少 ToUnicode 映射），未读取", "the text on these pages cannot be mapped to Unicode (fonts without a ToUnicode map) and was not read"),
    ] {
        if !pages.is_empty() {
            let list = pages.iter().map(u32::to_string).collect::<Vec<_>>().join(", ");
            doc.warnings.push(Warning {
                location: Location { page: pages.first().copied(), ..Location::file(source) },
                message_zh: format!("第 {list} 页：{zh}"),
                message_en: format!("page {list}: {en}"),
            });
        }
    }
    Ok(doc)
}

/// Adds the page to every location that names a line.
fn locate_pages(doc: &mut Document, page_of: &[u32]) {
    let page = |loc: &mut Location| {
        if let Some(line) = loc.line {
            loc.page = page_of.get((line as usize).wrapping_sub(1)).copied();
        }
    };
    for t in &mut doc.tables {
        page(&mut t.location);
        for i in &mut t.indicators {
            page(&mut i.location);
        }
    }
    for a in &mut doc.allocations {
        page(&mut a.location);
        for r in &mut a.rows {
            page(&mut r.location);
        }
        for s in &mut a.subtotals {
            page(&mut s.location);
        }
    }
    doc.unread.iter_mut().for_each(|u| page(&mut u.location));
    doc.warnings.iter_mut().for_each(|w| page(&mut w.location));
}
