//! Characters to text: lines from characters that share a baseline band, words from their gaps, and a cell's
//! lines joined the way office programs wrap them.

use super::{Glyph, Rect};

/// One line of text: its characters left to right, and its box.
#[derive(Clone, Debug)]
pub struct Line {
    pub glyphs: Vec<Glyph>,
    pub rect: Rect,
}

impl Line {
    /// Mean character height: the unit of the gaps that split words and cells.
    pub fn size(&self) -> f32 {
        (self.rect.bottom - self.rect.top).max(1.0)
    }

    /// The text, with a space wherever the gap between two characters is wider than a third of the size.
    pub fn text(&self) -> String {
        text_of(&self.glyphs, self.size())
    }

    /// The pieces separated by gaps of at least `gap` sizes: the cells of a row printed without rules.
    pub fn pieces(&self, gap: f32) -> Vec<Line> {
        let size = self.size();
        let mut out: Vec<Line> = Vec::new();
        for g in &self.glyphs {
            match out.last_mut() {
                Some(p) if g.rect.x0 - p.rect.x1 < gap * size => {
                    p.rect = p.rect.union(&g.rect);
                    p.glyphs.push(g.clone());
                }
                _ => out.push(Line {
                    glyphs: vec![g.clone()],
                    rect: g.rect,
                }),
            }
        }
        out
    }
}

/// The text of characters on one line, left to right.
fn text_of(glyphs: &[Glyph], size: f32) -> String {
    let mut out = String::with_capacity(glyphs.len() * 3);
    let mut last: Option<&Glyph> = None;
    for g in glyphs {
        if let Some(p) = last {
            if g.rect.x0 - p.rect.x1 > size / 3.0 && !out.ends_with(' ') {
                out.push(' ');
            }
        }
        out.push_str(&g.text);
        last = Some(g);
    }
    out.trim().to_owned()
}

/// Characters grouped into lines: a character joins the line whose vertical band its middle falls in, and
/// lines are returned top to bottom, each left to right.
pub fn lines(glyphs: &[Glyph]) -> Vec<Line> {
    let mut order: Vec<&Glyph> = glyphs
        .iter()
        .filter(|g| !g.text.trim().is_empty())
        .collect();
    order.sort_by(|a, b| {
        a.rect
            .top
            .total_cmp(&b.rect.top)
            .then(a.rect.x0.total_cmp(&b.rect.x0))
    });
    let mut out: Vec<Line> = Vec::new();
    for g in order {
        let mid = (g.rect.top + g.rect.bottom) / 2.0;
        // The last lines are the candidates: characters come top-down, so an earlier line is above them.
        let found = out
            .iter_mut()
            .rev()
            .take(3)
            .find(|l| mid > l.rect.top && mid < l.rect.bottom && !overlaps_in_x(l, g));
        match found {
            Some(l) => {
                l.rect = l.rect.union(&g.rect);
                l.glyphs.push(g.clone());
            }
            None => out.push(Line {
                glyphs: vec![g.clone()],
                rect: g.rect,
            }),
        }
    }
    for l in &mut out {
        l.glyphs.sort_by(|a, b| a.rect.x0.total_cmp(&b.rect.x0));
        // The same character drawn twice at one place (fake bold, a shadow) is one character.
        l.glyphs.dedup_by(|b, a| {
            a.text == b.text
                && (a.rect.x0 - b.rect.x0).abs() < 0.5
                && (a.rect.top - b.rect.top).abs() < 0.5
        });
    }
    out.sort_by(|a, b| {
        a.rect
            .top
            .total_cmp(&b.rect.top)
            .then(a.rect.x0.total_cmp(&b.rect.x0))
    });
    out
}

/// Whether a character would sit on top of one already in the line (then it belongs to another line that
/// happens to share the band, as superscripts and stacked text do, unless it is the same character drawn twice).
fn overlaps_in_x(line: &Line, g: &Glyph) -> bool {
    line.glyphs.iter().any(|o| {
        let w = (o.rect.x1.min(g.rect.x1) - o.rect.x0.max(g.rect.x0)).max(0.0);
        w > 0.6 * (g.rect.x1 - g.rect.x0).max(0.1)
            && !(o.text == g.text && (o.rect.x0 - g.rect.x0).abs() < 0.5)
    })
}

/// The lowest OCR confidence among characters (`None` when none was read by OCR): a cell is as sure as its
/// least sure character.
pub fn lowest_confidence(glyphs: &[Glyph]) -> Option<f32> {
    glyphs.iter().filter_map(|g| g.confidence).reduce(f32::min)
}

/// The text of a cell: its lines joined as a wrap joins them (no break inside Chinese text or a number; a
/// space between two Latin words).
pub fn cell_text(lines: &[Line]) -> String {
    let mut out = String::new();
    for l in lines {
        push_wrapped(&mut out, &l.text());
    }
    out
}

/// Two parts of one cell's text broken by a wrap or a page.
pub fn join_wrapped(a: &str, b: &str) -> String {
    let mut out = a.to_owned();
    push_wrapped(&mut out, b);
    out
}

/// Appends the next wrapped part of a cell's text, with a space only where the wrap stands for one.
fn push_wrapped(out: &mut String, part: &str) {
    if let (Some(a), Some(b)) = (out.chars().last(), part.chars().next()) {
        if needs_space(a, b) {
            out.push(' ');
        }
    }
    out.push_str(part);
}

/// Office programs wrap Latin text at spaces (the space is not drawn) and Chinese text or long numbers
/// anywhere, so only a break between two Latin words stands for a space.
fn needs_space(a: char, b: char) -> bool {
    let word = |c: char| c.is_ascii_alphabetic();
    (word(a) && (word(b) || b.is_ascii_digit())) || (a.is_ascii_digit() && word(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(text: &str, x0: f32, top: f32) -> Glyph {
        Glyph {
            text: text.to_owned(),
            rect: Rect {
                x0,
                top,
                x1: x0 + 10.0,
                bottom: top + 10.0,
            },
            confidence: None,
        }
    }

    #[test]
    fn characters_form_lines_and_pieces() {
        // Two lines given out of order, with a wide gap in the first.
        let gs = [
            glyph("值", 60.0, 0.5),
            glyph("产", 0.0, 0.0),
            glyph("出", 10.0, 0.0),
            glyph("1", 0.0, 14.0),
        ];
        let ls = lines(&gs);
        assert_eq!(ls.len(), 2);
        assert_eq!(ls[0].text(), "产出 值");
        assert_eq!(
            ls[0].pieces(1.0).iter().map(Line::text).collect::<Vec<_>>(),
            ["产出", "值"]
        );
        assert_eq!(ls[1].text(), "1");
    }

    #[test]
    fn wrapped_cells_join_without_a_break_except_between_words() {
        let l = |t: &str, top: f32| lines(&[glyph(t, 0.0, top)]).remove(0);
        assert_eq!(cell_text(&[l("18256.", 0.0), l("9", 12.0)]), "18256.9");
        assert_eq!(cell_text(&[l("绩效", 0.0), l("指标", 12.0)]), "绩效指标");
        assert_eq!(cell_text(&[l("rate", 0.0), l("of", 12.0)]), "rate of");
    }
}
