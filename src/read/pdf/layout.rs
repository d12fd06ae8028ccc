//! One page to rows: ruled tables from their lattice, the text around them line by line, and tables printed
//! without rules from the alignment of their text.

use super::centred;
use super::lattice::{self, Lattice};
use super::text::{self, Line};
use super::{Glyph, Page, Rect};
use crate::read::schema;

/// Cells of a row printed without rules are at least this many character sizes apart.
const CELL_GAP: f32 = 1.2;
/// A line closer than this share of the usual row gap under the one above continues its cells (a wrap).
const WRAP_GAP: f32 = 0.6;
/// Words are split at gaps wider than this (in sizes), as a space is.
const WORD_GAP: f32 = 0.34;
/// Edges this close (in points) are aligned.
const ALIGN: f32 = 3.0;
/// Words that must share an edge for it to start a column.
const ALIGNED_WORDS: usize = 3;
/// Page furniture (page numbers) lives in this share of the page height at the top and bottom.
const MARGIN: f32 = 0.08;

/// A piece of a page, top to bottom: a table's rows of cells, or a line of text.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A ruled table: its rows (text in each cell's top-left slot, spanned slots empty) and column boundaries.
    Ruled {
        rows: Vec<Vec<String>>,
        conf: Confidences,
        xs: Vec<f32>,
        rect: Rect,
    },
    /// Rows of cells aligned by their text (an unruled table), or one line of text as a one-cell row.
    Text {
        rows: Vec<Vec<String>>,
        conf: Confidences,
        rect: Rect,
    },
}

/// The OCR confidence of each cell of a block's rows (see [`text::lowest_confidence`]), beside the texts; empty
/// or `None` where the text came from a text layer.
pub type Confidences = Vec<Vec<Option<f32>>>;

impl Block {
    pub fn rect(&self) -> Rect {
        match self {
            Block::Ruled { rect, .. } | Block::Text { rect, .. } => *rect,
        }
    }
}

/// The blocks of a page, top to bottom.
pub fn blocks(page: &Page) -> Vec<Block> {
    let tables = lattice::tables(&page.rules);
    let mut inside: Vec<Vec<Vec<Glyph>>> = tables
        .iter()
        .map(|t| vec![Vec::new(); t.cells.len()])
        .collect();
    let mut free = Vec::new();
    'glyph: for g in &page.glyphs {
        let (cx, cy) = g.rect.center();
        for (ti, t) in tables.iter().enumerate() {
            if !t.rect.contains(cx, cy) {
                continue;
            }
            if let Some(ci) = t.cells.iter().position(|c| c.rect.contains(cx, cy)) {
                inside[ti][ci].push(g.clone());
                continue 'glyph;
            }
        }
        free.push(g.clone());
    }
    let mut out: Vec<Block> = tables
        .iter()
        .zip(inside)
        .map(|(t, glyphs)| ruled(t, glyphs))
        .collect();
    let lines: Vec<Line> = text::lines(&free)
        .into_iter()
        .filter(|l| !is_furniture(l, page.height))
        .collect();
    out.extend(unruled(&lines));
    out.sort_by(|a, b| a.rect().top.total_cmp(&b.rect().top));
    out
}

fn ruled(t: &Lattice, glyphs: Vec<Vec<Glyph>>) -> Block {
    let mut rows = vec![vec![String::new(); t.cols]; t.rows];
    let mut conf = vec![vec![None; t.cols]; t.rows];
    for (cell, glyphs) in t.cells.iter().zip(glyphs) {
        if let Some(slot) = rows.get_mut(cell.row).and_then(|r| r.get_mut(cell.col)) {
            *slot = text::cell_text(&text::lines(&glyphs));
            conf[cell.row][cell.col] = text::lowest_confidence(&glyphs);
        }
    }
    Block::Ruled {
        rows,
        conf,
        xs: t.xs.clone(),
        rect: t.rect,
    }
}

/// Page numbers (`- 1 -`, `第 2 页`, `3/10`) near the top or bottom edge.
fn is_furniture(line: &Line, height: f32) -> bool {
    let edge = line.rect.bottom < height * MARGIN || line.rect.top > height * (1.0 - MARGIN);
    if !edge {
        return false;
    }
    let t: String = line.text().chars().filter(|c| !c.is_whitespace()).collect();
    let core = t.trim_matches(|c| matches!(c, '-' | '—' | '－' | '–'));
    // 第 2 页 (共 9 页): the number before 页.
    let core = core
        .trim_start_matches('第')
        .split('页')
        .next()
        .unwrap_or_default();
    !core.is_empty() && core.chars().all(|c| c.is_ascii_digit() || c == '/')
}

/// Lines outside ruled tables: runs of lines with several cells become a table aligned on the gaps their
/// cells leave, every other line a row of one cell.
fn unruled(lines: &[Line]) -> Vec<Block> {
    let pieces: Vec<Vec<Line>> = lines.iter().map(|l| l.pieces(CELL_GAP)).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if pieces[i].len() < 2 {
            out.push(Block::Text {
                rows: vec![vec![lines[i].text()]],
                conf: vec![vec![text::lowest_confidence(&lines[i].glyphs)]],
                rect: lines[i].rect,
            });
            i += 1;
            continue;
        }
        // The run of lines with several cells, and lines of one cell between them (wraps, merged categories).
        let mut j = i + 1;
        let mut last_multi = i;
        while j < lines.len()
            && lines[j].rect.top - lines[j - 1].rect.bottom < 2.0 * lines[j - 1].size()
        {
            if pieces[j].len() >= 2 {
                last_multi = j;
            }
            j += 1;
        }
        let end = last_multi + 1;
        out.push(aligned(&lines[i..end]));
        i = end;
    }
    out
}

/// Rows of a run of lines whose cells align. Columns start where the left edges of words line up (or their
/// right edges, for right-aligned numbers); each word goes to the column it starts in. A line just under the
/// one above continues its cells when it is clearly closer than rows are, or when each cell it fills ran to its
/// column's edge on the line above; a line of labels overlapping its neighbour in height is a merged cell
/// printed midway between rows, and is a row of its own.
fn aligned(lines: &[Line]) -> Block {
    let words: Vec<Vec<Line>> = lines.iter().map(|l| l.pieces(WORD_GAP)).collect();
    let starts = column_starts(lines, &words);
    let column = |x: f32| starts.iter().rposition(|&s| s <= x + ALIGN).unwrap_or(0);
    // The usual gap between rows: wraps inside a cell are clearly closer (rows carry the cells' padding).
    let mut gaps: Vec<f32> = lines
        .windows(2)
        .map(|w| w[1].rect.top - w[0].rect.bottom)
        .filter(|g| *g > 0.0)
        .collect();
    gaps.sort_by(f32::total_cmp);
    let row_gap = gaps.get(gaps.len() / 2).copied().unwrap_or(0.0);
    let mut rows: Vec<centred::Placed> = Vec::new();
    let mut cells: Vec<Vec<Glyph>> = Vec::new();
    // A line of category labels only (its words in the first two columns): a merged cell, which may be
    // printed midway between rows.
    let label_only: Vec<bool> = words
        .iter()
        .map(|ws| ws.len() <= 2 && ws.iter().all(|w| column(w.rect.x0) <= 1))
        .collect();
    // Where each line's text ends in each column, and where each column ends (the next one's start).
    let ends: Vec<Vec<Option<f32>>> = words
        .iter()
        .map(|ws| {
            let mut e = vec![None; starts.len().max(1)];
            for w in ws {
                let c = column(w.rect.x0);
                e[c] = Some(e[c].map_or(w.rect.x1, |x: f32| x.max(w.rect.x1)));
            }
            e
        })
        .collect();
    let right = words
        .iter()
        .flatten()
        .map(|w| w.rect.x1)
        .fold(f32::NEG_INFINITY, f32::max);
    let edge = |c: usize| starts.get(c + 1).copied().unwrap_or(right);
    // Without padding between rows, a wrap is told by its cells: every cell the line fills was filled on the
    // line above, and ran to its column's edge there or on an earlier line of the row (the text ran out of
    // room; a last piece may be short), as a new row's cells were not.
    let full =
        |i: usize, c: usize| ends[i][c].is_some_and(|x| x >= edge(c) - 2.0 * lines[i].size());
    let mut row_start = 0usize;
    let continues = |i: usize, row_start: usize| {
        ends[i].iter().any(Option::is_some)
            && (0..ends[i].len()).all(|c| {
                ends[i][c].is_none()
                    || (ends[i - 1][c].is_some() && (row_start..i).any(|k| full(k, c)))
            })
    };
    for (i, (line, ws)) in lines.iter().zip(&words).enumerate() {
        let gap_above = i
            .checked_sub(1)
            .map(|p| line.rect.top - lines[p].rect.bottom);
        let gap_below = lines.get(i + 1).map(|n| n.rect.top - line.rect.bottom);
        let floating = label_only[i]
            && (gap_above.is_some_and(|g| g < 0.0) || gap_below.is_some_and(|g| g < 0.0));
        // A line just under the one above continues its row: a wrap, or (overlapping it) a cell centred on a
        // row whose other cells wrap. Floating labels are rows of their own.
        let wrap = gap_above.is_some_and(|g| {
            (g >= 0.0 && (g < WRAP_GAP * row_gap || (g < line.size() && continues(i, row_start))))
                || (g < 0.0 && !floating && !label_only[i - 1])
        });
        if !wrap {
            row_start = i;
            if let Some(last) = rows.last_mut() {
                (last.cells, last.conf) = texts(&cells);
            }
            cells = vec![Vec::new(); starts.len().max(1)];
            rows.push(centred::Placed {
                cells: Vec::new(),
                conf: Vec::new(),
                top: line.rect.top,
                bottom: line.rect.bottom,
                floating,
            });
        }
        if let Some(last) = rows.last_mut() {
            last.bottom = line.rect.bottom;
        }
        for w in ws {
            cells[column(w.rect.x0)].extend(w.glyphs.iter().cloned());
        }
    }
    if let Some(last) = rows.last_mut() {
        (last.cells, last.conf) = texts(&cells);
    }
    let rect = lines.iter().fold(lines[0].rect, |r, l| r.union(&l.rect));
    centred::settle(&mut rows);
    let conf = rows
        .iter_mut()
        .map(|r| std::mem::take(&mut r.conf))
        .collect();
    Block::Text {
        rows: rows.into_iter().map(|r| r.cells).collect(),
        conf,
        rect,
    }
}

/// The cells' texts and OCR confidences.
fn texts(cells: &[Vec<Glyph>]) -> (Vec<String>, Vec<Option<f32>>) {
    cells
        .iter()
        .map(|g| (text::cell_text(&text::lines(g)), text::lowest_confidence(g)))
        .unzip()
}

/// Where the columns of an unruled table start: its left edge, left edges shared by at least [`ALIGNED_WORDS`]
/// words, the left end of right-aligned runs (words sharing a right edge whose left edges share no start), and
/// the middle of wide gaps that no start falls in.
fn column_starts(lines: &[Line], words: &[Vec<Line>]) -> Vec<f32> {
    let all: Vec<&Line> = words.iter().flatten().collect();
    let need = ALIGNED_WORDS.min(words.len().max(1));
    let mut starts: Vec<f32> = clusters(all.iter().map(|w| w.rect.x0), need)
        .into_iter()
        .map(|(x, _)| x)
        .collect();
    for (right, _) in clusters(all.iter().map(|w| w.rect.x1), need) {
        let run: Vec<f32> = all
            .iter()
            .filter(|w| (w.rect.x1 - right).abs() <= ALIGN)
            .map(|w| w.rect.x0)
            .collect();
        if run
            .iter()
            .all(|x0| starts.iter().all(|s| (s - x0).abs() > ALIGN))
        {
            let left = run.iter().copied().fold(f32::INFINITY, f32::min);
            // Only where no column already covers it: numbers right-aligned under a left-aligned header.
            if starts.iter().all(|&s| s > right || left - s > ALIGN)
                && starts.iter().all(|&s| (s - left).abs() > ALIGN)
            {
                starts.push(left);
            }
        }
    }
    // A cell set apart by a wide gap with no column start in that gap (a header over an empty column, a
    // centred header): a column boundary in the middle of the gap.
    // Header words (分值, 得分 …) are cells of their own however close a narrow column sets them.
    for (line, ws) in lines.iter().zip(words) {
        let pieces = line.pieces(CELL_GAP);
        let headers = ws
            .windows(2)
            .filter(|p| schema::role_of(&p[1].text()).is_some());
        for pair in pieces
            .windows(2)
            .map(|p| [&p[0], &p[1]])
            .chain(headers.map(|p| [&p[0], &p[1]]))
        {
            let (end, next) = (pair[0].rect.x1, pair[1].rect.x0);
            if starts.iter().all(|&s| s <= end || s > next + ALIGN) {
                starts.push((end + next) / 2.0);
            }
        }
    }
    // Two header words never share a column: one (a wrapped header on another line) would be lost in the other.
    let mut headers: Vec<(f32, f32)> = words
        .iter()
        .flatten()
        .filter(|w| schema::role_of(&w.text()).is_some())
        .map(|w| (w.rect.x0, w.rect.x1))
        .collect();
    headers.sort_by(|a, b| a.0.total_cmp(&b.0));
    for pair in headers.windows(2) {
        let ((_, end), (next, _)) = (pair[0], pair[1]);
        if end < next && starts.iter().all(|&s| s <= end || s > next + ALIGN) {
            starts.push((end + next) / 2.0);
        }
    }
    // The first column starts at the table's left edge, however few words reach it.
    let left = all.iter().map(|w| w.rect.x0).fold(f32::INFINITY, f32::min);
    if starts.iter().all(|&s| s - left > ALIGN) {
        starts.push(left);
    }
    starts.sort_by(f32::total_cmp);
    starts
}

/// Coordinates that at least `need` values share (within [`ALIGN`]): each cluster's smallest value and size.
fn clusters(values: impl Iterator<Item = f32>, need: usize) -> Vec<(f32, usize)> {
    let mut v: Vec<f32> = values.filter(|x| x.is_finite()).collect();
    v.sort_by(f32::total_cmp);
    let mut out = Vec::new();
    let mut i = 0;
    while i < v.len() {
        let mut j = i + 1;
        while j < v.len() && v[j] - v[j - 1] <= ALIGN {
            j += 1;
        }
        if j - i >= need {
            out.push((v[i], j - i));
        }
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, x0: f32, top: f32) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                text: c.to_string(),
                rect: Rect {
                    x0: x0 + 10.0 * i as f32,
                    top,
                    x1: x0 + 10.0 * (i as f32 + 1.0),
                    bottom: top + 10.0,
                },
                confidence: None,
            })
            .collect()
    }

    fn page(glyphs: Vec<Glyph>) -> Page {
        Page {
            number: 1,
            width: 600.0,
            height: 800.0,
            glyphs,
            rules: Vec::new(),
            ..Page::default()
        }
    }

    #[test]
    fn an_unruled_table_aligns_on_its_gaps_and_joins_wraps() {
        let mut g = word("绩效目标表", 0.0, 100.0);
        // Header, then a row whose name wraps onto a tight second line, then a row whose category is blank.
        for (x, t) in [(0.0, "一级指标"), (100.0, "三级指标"), (300.0, "指标值")] {
            g.extend(word(t, x, 130.0));
        }
        for (x, t) in [(0.0, "产出指标"), (100.0, "验收合格"), (300.0, "100%")] {
            g.extend(word(t, x, 150.0));
        }
        g.extend(word("率", 100.0, 162.0));
        for (x, t) in [(100.0, "完成数量"), (300.0, "≥5个")] {
            g.extend(word(t, x, 180.0));
        }
        // A page number at the bottom.
        g.extend(word("-1-", 290.0, 780.0));
        let blocks = blocks(&page(g));
        let rows: Vec<Vec<String>> = blocks
            .iter()
            .flat_map(|b| match b {
                Block::Text { rows, .. } | Block::Ruled { rows, .. } => rows.clone(),
            })
            .collect();
        assert_eq!(
            rows,
            [
                vec!["绩效目标表"],
                vec!["一级指标", "三级指标", "指标值"],
                vec!["产出指标", "验收合格率", "100%"],
                vec!["", "完成数量", "≥5个"],
            ]
        );
    }
}
