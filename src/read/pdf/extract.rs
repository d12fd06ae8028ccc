//! A PDF file to pages of positioned characters and drawn lines, through pdfplumber-rs.
//!
//! pdfplumber (the Rust port of Python's pdfplumber) won a side-by-side trial against pdf_oxide, pdfsink-rs and
//! lopdf with pdf-extract on office exports with CJK fonts: its characters, boxes, lines and rectangles equal
//! Python pdfplumber's exactly, it opens bytes under limits (pages, objects, stream bytes), it reports encrypted
//! files as such, and 800 mutated files gave no panic and no hang. Its table finder is not used: the lattice is
//! ours, so that merged cells become spans and tables join over pages.

use std::panic::{catch_unwind, AssertUnwindSafe};

use pdfplumber::{ExtractOptions, Pdf, PdfErrorKind};

use super::{Glyph, Page, Problem, Rect, Rule};

/// Reading limits for untrusted files.
#[derive(Clone, Debug)]
pub struct Limits {
    pub max_pages: usize,
    /// Decompressed bytes of one content stream.
    pub max_stream_bytes: usize,
    pub max_total_objects: usize,
    pub max_objects_per_page: usize,
    /// Characters and drawn lines kept per page; past them a page is cut (with a warning).
    pub max_glyphs_per_page: usize,
    pub max_rules_per_page: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_pages: 2_000,
            max_stream_bytes: 64 << 20,
            max_total_objects: 2_000_000,
            max_objects_per_page: 200_000,
            max_glyphs_per_page: 100_000,
            max_rules_per_page: 20_000,
        }
    }
}

/// The pages of a PDF, upright, in points from each page's top-left corner.
pub fn pages(bytes: &[u8], limits: &Limits) -> Result<Vec<Page>, Problem> {
    // The parser meets untrusted bytes; a bug there must not take the caller down.
    catch_unwind(AssertUnwindSafe(|| read(bytes, limits))).unwrap_or_else(|_| {
        Err(Problem::Malformed(
            "the PDF parser failed on this file".into(),
        ))
    })
}

fn read(bytes: &[u8], limits: &Limits) -> Result<Vec<Page>, Problem> {
    let opts = ExtractOptions {
        max_pages: Some(limits.max_pages),
        max_stream_bytes: limits.max_stream_bytes,
        max_total_objects: Some(limits.max_total_objects),
        max_objects_per_page: limits.max_objects_per_page,
        max_input_bytes: Some(crate::read::MAX_FILE_BYTES as usize),
        ..ExtractOptions::default()
    };
    let pdf = Pdf::open_bytes(bytes, Some(opts)).map_err(|e| problem(e.kind(), e.to_string()))?;
    let count = pdf.page_count();
    if count == 0 {
        return Err(Problem::Malformed(
            "no pages (the page tree is empty or broken)".into(),
        ));
    }
    if count > limits.max_pages {
        return Err(Problem::Limit {
            what: "pages",
            limit: limits.max_pages as u64,
        });
    }
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let page = match pdf.page(i) {
            Ok(p) => p,
            Err(e) => {
                out.push(Page {
                    number,
                    error: Some(e.to_string()),
                    ..Page::default()
                });
                continue;
            }
        };
        out.push(convert(&page, number, limits));
    }
    Ok(out)
}

fn problem(kind: PdfErrorKind, message: String) -> Problem {
    match kind {
        PdfErrorKind::PasswordRequired | PdfErrorKind::InvalidPassword => Problem::Encrypted,
        PdfErrorKind::ResourceLimit => {
            Problem::Malformed(format!("over a reading limit: {message}"))
        }
        _ => Problem::Malformed(message),
    }
}

fn convert(page: &pdfplumber::Page, number: u32, limits: &Limits) -> Page {
    let (width, height) = (page.width() as f32, page.height() as f32);
    let mut glyphs = Vec::with_capacity(page.chars().len().min(limits.max_glyphs_per_page));
    let mut unmapped = 0u32;
    let mut upright = 0usize;
    let mut cut = false;
    for c in page.chars() {
        if !mapped(&c.text) {
            unmapped += 1;
            continue;
        }
        if glyphs.len() == limits.max_glyphs_per_page {
            cut = true;
            break;
        }
        let b = c.bbox;
        let mut rect = Rect {
            x0: b.x0 as f32,
            top: b.top as f32,
            x1: b.x1 as f32,
            bottom: b.bottom as f32,
        };
        // Boxes come from the font's ascent and descent, which some fonts state wrongly (the box then sits a line
        // off its glyph). On an upright page the baseline is exact: the glyph stands on it, 0.88 of its size up.
        if page.rotation() == 0 && c.upright && c.size > 0.0 {
            let baseline = (page.media_box().bottom - c.ctm[5]) as f32;
            let size = c.size as f32;
            if baseline.is_finite() && (baseline - rect.bottom).abs() < 2.0 * size {
                rect.top = baseline - 0.88 * size;
                rect.bottom = baseline + 0.12 * size;
            }
        }
        if rect.is_finite() {
            upright += usize::from(c.upright);
            glyphs.push(Glyph {
                text: c.text.clone(),
                rect,
                confidence: None,
            });
        }
    }
    let mut rules = Vec::new();
    let lines = page
        .lines()
        .iter()
        .map(|l| (l.x0, l.top, l.x1, l.bottom, false));
    let rects = page
        .rects()
        .iter()
        .map(|r| (r.x0, r.top, r.x1, r.bottom, true));
    for (x0, top, x1, bottom, boxed) in lines.chain(rects) {
        if rules.len() == limits.max_rules_per_page {
            cut = true;
            break;
        }
        let rect = Rect {
            x0: x0 as f32,
            top: top as f32,
            x1: x1 as f32,
            bottom: bottom as f32,
        };
        if rect.is_finite() {
            rules.push(Rule { rect, boxed });
        }
    }
    let mut page = Page {
        number,
        width,
        height,
        glyphs,
        rules,
        images: u32::try_from(page.images().len()).unwrap_or(u32::MAX),
        unmapped,
        cut,
        error: None,
    };
    let sideways = page.glyphs.len() - upright;
    if sideways > upright {
        turn_upright(&mut page);
    } else if runs_backwards(&page.glyphs) {
        // Upside down (turned 180°): text runs right to left.
        let (w, h) = (page.width, page.height);
        let flip = |r: Rect| Rect {
            x0: w - r.x1,
            x1: w - r.x0,
            top: h - r.bottom,
            bottom: h - r.top,
        };
        page.glyphs.iter_mut().for_each(|g| g.rect = flip(g.rect));
        page.rules.iter_mut().for_each(|r| r.rect = flip(r.rect));
    }
    page
}

/// Whether consecutive characters on a line mostly follow each other leftwards.
fn runs_backwards(glyphs: &[Glyph]) -> bool {
    let (mut left, mut right) = (0usize, 0usize);
    for w in glyphs.windows(2) {
        let (a, b) = (&w[0].rect, &w[1].rect);
        if (b.top - a.top).abs() < 0.3 * (a.bottom - a.top).max(1.0)
            && (b.x0 - a.x0).abs() < 3.0 * (a.x1 - a.x0).max(1.0)
        {
            if b.x0 < a.x0 {
                left += 1;
            } else if b.x0 > a.x0 {
                right += 1;
            }
        }
    }
    left > 2 * right + 10
}

/// Turns a page whose text runs sideways (a table laid out landscape and turned by the page's rotation, or
/// drawn turned) back so that its text reads left to right: the way the text runs decides the direction.
fn turn_upright(page: &mut Page) {
    // Consecutive characters of a line follow each other down the page (turned clockwise) or up it.
    let down: i64 = page
        .glyphs
        .windows(2)
        .map(|w| {
            let (a, b) = (&w[0].rect, &w[1].rect);
            let (dx, dy) = (b.x0 - a.x0, b.top - a.top);
            if dx.abs() < 0.5 * (a.x1 - a.x0).max(1.0)
                && dy.abs() < 3.0 * (a.bottom - a.top).max(1.0)
            {
                i64::from(dy > 0.0) - i64::from(dy < 0.0)
            } else {
                0
            }
        })
        .sum();
    let (w, h) = (page.width, page.height);
    let turn = |r: Rect| {
        if down >= 0 {
            Rect {
                x0: r.top,
                x1: r.bottom,
                top: w - r.x1,
                bottom: w - r.x0,
            }
        } else {
            Rect {
                x0: h - r.bottom,
                x1: h - r.top,
                top: r.x0,
                bottom: r.x1,
            }
        }
    };
    for g in &mut page.glyphs {
        g.rect = turn(g.rect);
    }
    for r in &mut page.rules {
        r.rect = turn(r.rect);
    }
    (page.width, page.height) = (h, w);
}

/// Text a font mapped to Unicode: not pdfminer's `(cid:N)` for a code without a mapping, not the replacement
/// character, not a private-use code point (a symbol font's glyph index).
fn mapped(text: &str) -> bool {
    !(text.starts_with("(cid:")
        || text.chars().any(|c| {
            c == '\u{FFFD}'
                || ('\u{E000}'..='\u{F8FF}').contains(&c)
                || ('\u{F0000}'..='\u{10FFFF}').contains(&c)
        }))
}
