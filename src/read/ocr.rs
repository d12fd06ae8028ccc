//! Pages read by OCR, into the same stages as a PDF's text layer.
//!
//! An OCR engine (the Python extra `jixiao[ocr]`) gives words with boxes and confidences, and a projection of
//! dark pixels gives the ruling lines of the page image. Here they become a [`Page`] of glyphs and rules, so the
//! lattice, layout and page stages read a scan exactly as they read a text layer: no second table reader.
//!
//! OCR boxes a run of text, not each character. A run's characters are placed across its box in proportion to
//! their widths (a Han character or a full-width form is twice a Latin one), which is where a printed line puts
//! them; a run that an engine joined across a ruling line is cut there again by the lattice.
//!
//! A scanned PDF may mix text-layer pages and image pages: [`read_pdf_ocr`] reads the text layer and puts each
//! OCR'd page in place of the image page of the same number.

use crate::error::{Error, ErrorKind, Location};
use crate::model::Document;
use crate::read::pdf::{self, extract, Glyph, Page, Rect, Rule};

/// One run of text as OCR read it, in points from the page's top-left corner.
#[derive(Clone, Debug, PartialEq)]
pub struct OcrWord {
    pub rect: Rect,
    pub text: String,
    /// The engine's confidence, 0–1.
    pub confidence: f32,
}

/// One page image as OCR read it, in points (pixels × 72 / dpi).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OcrPage {
    /// 1-based.
    pub number: u32,
    pub width: f32,
    pub height: f32,
    pub words: Vec<OcrWord>,
    /// Ruling lines found in the image, as thin rectangles.
    pub lines: Vec<Rect>,
}

pub use crate::read::pdf::confidence::LOW_CONFIDENCE;

/// A character's share of a printed line: Han characters and full-width forms take two units, others one.
fn width_units(c: char) -> f32 {
    let wide = matches!(c,
        '\u{1100}'..='\u{115f}' | '\u{2e80}'..='\u{a4cf}' | '\u{ac00}'..='\u{d7a3}' | '\u{f900}'..='\u{faff}'
        | '\u{fe30}'..='\u{fe4f}' | '\u{ff00}'..='\u{ff60}' | '\u{ffe0}'..='\u{ffe6}' | '\u{20000}'..='\u{3fffd}');
    if wide {
        2.0
    } else {
        1.0
    }
}

/// The page of glyphs and rules that the layout stage reads.
pub fn page(p: &OcrPage) -> Page {
    let mut glyphs = Vec::new();
    for w in &p.words {
        if !w.rect.is_finite() || w.rect.x1 < w.rect.x0 || w.rect.bottom < w.rect.top {
            continue;
        }
        let chars: Vec<char> = w.text.chars().filter(|c| !c.is_control()).collect();
        let total: f32 = chars.iter().map(|c| width_units(*c)).sum();
        if total <= 0.0 {
            continue;
        }
        let unit = (w.rect.x1 - w.rect.x0) / total;
        let mut x = w.rect.x0;
        for c in chars {
            let x1 = x + unit * width_units(c);
            if !c.is_whitespace() {
                glyphs.push(Glyph {
                    text: c.to_string(),
                    rect: Rect {
                        x0: x,
                        top: w.rect.top,
                        x1,
                        bottom: w.rect.bottom,
                    },
                    confidence: Some(w.confidence),
                });
            }
            x = x1;
        }
    }
    let rules = p
        .lines
        .iter()
        .filter(|r| r.is_finite())
        .map(|r| Rule {
            rect: *r,
            boxed: false,
        })
        .collect();
    Page {
        number: p.number,
        width: p.width,
        height: p.height,
        glyphs,
        rules,
        ..Page::default()
    }
}

/// Reads page images that OCR read (an image file, or a PDF of scans rendered page by page).
pub fn read_ocr(pages: &[OcrPage], source: &str) -> Result<Document, Error> {
    if pages
        .iter()
        .all(|p| p.words.iter().all(|w| w.text.trim().is_empty()))
    {
        let kind = ErrorKind::OcrFoundNothing {
            pages: pages.len() as u32,
        };
        return Err(Error::new(kind, Location::file(source)));
    }
    let laid: Vec<Page> = pages.iter().map(page).collect();
    let mut doc = pdf::read_pages(&laid, source)?;
    doc.layout = Some("ocr".to_owned());
    Ok(doc)
}

/// Reads a PDF whose image pages were read by OCR: each OCR page takes the place of the page of its number that
/// has no text layer; text-layer pages are read from the text layer.
pub fn read_pdf_ocr(bytes: &[u8], source: &str, ocr: &[OcrPage]) -> Result<Document, Error> {
    let mut pages = extract::pages(bytes, &extract::Limits::default())
        .map_err(|p| Error::new(ErrorKind::Pdf(p), Location::file(source)))?;
    let mut ocrd = false;
    for p in &mut pages {
        let scan = p.glyphs.is_empty() && p.unmapped == 0 && p.images > 0 && p.error.is_none();
        if let Some(o) = ocr.iter().find(|o| o.number == p.number).filter(|_| scan) {
            *p = page(o);
            ocrd = true;
        }
    }
    let mut doc = pdf::read_pages(&pages, source)?;
    doc.layout = Some(if ocrd { "pdf+ocr" } else { "pdf" }.to_owned());
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(x0: f32, top: f32, x1: f32, text: &str) -> OcrWord {
        OcrWord {
            rect: Rect {
                x0,
                top,
                x1,
                bottom: top + 10.0,
            },
            text: text.into(),
            confidence: 0.95,
        }
    }

    #[test]
    fn characters_are_placed_across_their_box_by_width() {
        let p = page(&OcrPage {
            number: 1,
            width: 100.0,
            height: 100.0,
            words: vec![word(0.0, 0.0, 50.0, "培训≥300人")],
            lines: vec![],
        });
        // 培 训 ≥ 3 0 0 人: 2+2+1+1+1+1+2 = 10 units of 5 points.
        let xs: Vec<(String, f32, f32)> = p
            .glyphs
            .iter()
            .map(|g| (g.text.clone(), g.rect.x0, g.rect.x1))
            .collect();
        assert_eq!(xs[0], ("培".into(), 0.0, 10.0));
        assert_eq!(xs[2], ("≥".into(), 20.0, 25.0));
        assert_eq!(xs[6], ("人".into(), 40.0, 50.0));
    }

    #[test]
    fn broken_boxes_and_blank_words_give_no_glyph() {
        let mut bad = word(10.0, 0.0, 5.0, "反");
        bad.rect.x1 = 5.0;
        let nan = OcrWord {
            rect: Rect {
                x0: f32::NAN,
                ..Rect::default()
            },
            text: "x".into(),
            confidence: 1.0,
        };
        let p = page(&OcrPage {
            number: 1,
            words: vec![bad, nan, word(0.0, 0.0, 10.0, "  ")],
            ..OcrPage::default()
        });
        assert!(p.glyphs.is_empty());
    }

    /// A ruled table drawn as OCR would see it reads as a goal table, and low-confidence words are named.
    #[test]
    fn a_ruled_ocr_page_reads_into_the_model() {
        let rows = [
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "培训人次", "≥300人次"],
            ["产出指标", "质量指标", "培训合格率", "≥95%"],
            ["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%"],
        ];
        let xs = [40.0, 140.0, 260.0, 400.0, 520.0];
        let top = 100.0;
        let h = 24.0;
        let mut words = vec![OcrWord {
            rect: Rect {
                x0: 150.0,
                top: 60.0,
                x1: 330.0,
                bottom: 74.0,
            },
            text: "项目绩效目标表".into(),
            confidence: 0.99,
        }];
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let y = top + r as f32 * h + 6.0;
                let width = cell.chars().map(width_units).sum::<f32>() * 5.0;
                let mut w = word(xs[c] + 4.0, y, xs[c] + 4.0 + width, cell);
                w.confidence = match *cell {
                    "培训合格率" => 0.42,
                    "≥95%" => 0.61,
                    _ => w.confidence,
                };
                words.push(w);
            }
        }
        let mut lines = Vec::new();
        for r in 0..=rows.len() {
            let y = top + r as f32 * h;
            lines.push(Rect {
                x0: xs[0],
                top: y - 0.5,
                x1: xs[4],
                bottom: y + 0.5,
            });
        }
        for x in xs {
            lines.push(Rect {
                x0: x - 0.5,
                top,
                x1: x + 0.5,
                bottom: top + rows.len() as f32 * h,
            });
        }
        let page = OcrPage {
            number: 1,
            width: 595.0,
            height: 842.0,
            words,
            lines,
        };
        let doc = read_ocr(&[page], "scan.png").unwrap();
        assert_eq!(doc.layout.as_deref(), Some("ocr"));
        let names: Vec<&str> = doc.tables[0]
            .indicators
            .iter()
            .filter_map(|i| i.name.as_deref())
            .collect();
        assert_eq!(names, ["培训人次", "培训合格率", "学员满意度"]);
        assert_eq!(
            doc.tables[0].indicators[0].target.as_ref().unwrap().text,
            "≥300人次"
        );
        let low: Vec<&crate::model::Warning> = doc
            .warnings
            .iter()
            .filter(|w| w.message_en.contains("confidence"))
            .collect();
        assert_eq!(low.len(), 1);
        assert!(
            low[0].message_zh.contains("2 个单元格")
                && low[0]
                    .message_zh
                    .contains("行 4「培训合格率」0.42, 行 4「≥95%」0.61"),
            "{}",
            low[0].message_zh
        );
        assert_eq!(
            (low[0].location.page, low[0].location.line),
            (Some(1), Some(4))
        );
        // Each indicator keeps its cells' confidences.
        let conf = doc.tables[0].indicators[1].ocr_confidence.unwrap();
        assert_eq!(
            (conf.name, conf.target, conf.level2),
            (Some(0.42), Some(0.61), Some(0.95))
        );
        assert_eq!((conf.actual, conf.weight), (None, None));
        assert_eq!(conf.lowest(), Some(0.42));
        assert_eq!(conf.below(LOW_CONFIDENCE), ["name", "target"]);
        let first = doc.tables[0].indicators[0].ocr_confidence.unwrap();
        assert_eq!(first.lowest(), Some(0.95));
    }

    #[test]
    fn a_page_with_no_words_is_an_error_naming_nothing_read() {
        let err = read_ocr(
            &[OcrPage {
                number: 1,
                width: 595.0,
                height: 842.0,
                ..OcrPage::default()
            }],
            "blank.png",
        )
        .unwrap_err();
        assert!(err.to_string().contains("blank.png"), "{err}");
        assert!(
            err.to_string().contains("OCR found no text in 1 page"),
            "{err}"
        );
    }
}
