//! Merged cells printed midway down their rows, in tables without rules.
//!
//! A word processor centres a merged category cell vertically on the rows it spans, so without rules the
//! category floats between two rows (or sits on the middle row). Each category's rows are then the run of rows
//! centred on it: from where the previous category's run ends, as far below its middle as that is above it.
//! Where the categories fit such runs exactly, each moves to the first row of its run, as a ruled table or an
//! HTML page would have it; where they do not (categories printed on their first row), nothing changes.

/// A row of an unruled table with its vertical extent.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    pub cells: Vec<String>,
    /// The cells' OCR confidences (empty for a text layer): they move with their cells.
    pub conf: Vec<Option<f32>>,
    pub top: f32,
    pub bottom: f32,
    /// The row's one line overlaps a neighbouring line in height: a cell printed between rows.
    pub floating: bool,
}

impl Placed {
    fn middle(&self) -> f32 {
        (self.top + self.bottom) / 2.0
    }

    fn filled(&self, c: usize) -> bool {
        self.cells.get(c).is_some_and(|t| !t.is_empty())
    }
}

/// Moves centred categories to the first row of their runs, and drops the rows they floated on.
pub fn settle(rows: &mut Vec<Placed>) {
    join_broken_labels(rows);
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let most = rows
        .iter()
        .map(|r| (0..width).filter(|&c| r.filled(c)).count())
        .max()
        .unwrap_or(0);
    // The header: the first row that fills as many cells as any row.
    let Some(header) = rows
        .iter()
        .position(|r| (0..width).filter(|&c| r.filled(c)).count() == most)
    else {
        return;
    };
    for c in 0..width {
        if rows[header + 1..].iter().any(|r| r.floating && r.filled(c)) {
            settle_column(rows, header, c);
        }
    }
    rows.retain(|r| !(r.floating && r.cells.iter().all(String::is_empty)));
}

/// A label whose bracket is left open (`数量指标(必填硬性`) was wrapped, and its centred cell printed its lines
/// around the row between them: the next row below with only that cell filled (`指标)`) is its rest.
fn join_broken_labels(rows: &mut [Placed]) {
    let open = |t: &str| t.matches(['(', '（']).count() > t.matches([')', '）']).count();
    for i in 0..rows.len() {
        for c in 0..rows[i].cells.len() {
            if !open(&rows[i].cells[c]) {
                continue;
            }
            let rest = (i + 1..rows.len().min(i + 4)).find(|&j| {
                let filled: Vec<usize> = (0..rows[j].cells.len())
                    .filter(|&k| rows[j].filled(k))
                    .collect();
                filled == [c]
            });
            let between_clear = |j: usize| (i + 1..j).all(|k| !rows[k].filled(c));
            if let Some(j) = rest.filter(|&j| between_clear(j)) {
                let tail = std::mem::take(&mut rows[j].cells[c]);
                rows[i].cells[c].push_str(&tail);
                let tail_conf = rows[j].conf.get_mut(c).and_then(Option::take);
                if let Some(slot) = rows[i].conf.get_mut(c) {
                    *slot = lower(*slot, tail_conf);
                }
                rows[j].floating = true;
            }
        }
    }
}

fn settle_column(rows: &mut [Placed], header: usize, c: usize) {
    // Body rows (not floating) below the header, and the boundaries between them (midway in each gap).
    let body: Vec<usize> = (header + 1..rows.len())
        .filter(|&i| !rows[i].floating)
        .collect();
    if body.is_empty() {
        return;
    }
    let mut bounds: Vec<f32> = Vec::with_capacity(body.len() + 1);
    let first_gap = body
        .get(1)
        .map_or(0.0, |&n| (rows[n].top - rows[body[0]].bottom).max(0.0));
    bounds.push(rows[body[0]].top - first_gap / 2.0);
    for w in body.windows(2) {
        bounds.push((rows[w[0]].bottom + rows[w[1]].top) / 2.0);
    }
    let last = rows[body[body.len() - 1]].bottom;
    bounds.push(last + first_gap / 2.0);
    let entries: Vec<usize> = (header + 1..rows.len())
        .filter(|&i| rows[i].filled(c))
        .collect();
    // Each entry's run: from the bound where the last run ended to the bound as far below its middle.
    let mut runs: Vec<(usize, usize)> = Vec::with_capacity(entries.len());
    let mut start = 0usize;
    for &e in &entries {
        let middle = rows[e].middle();
        let end_y = 2.0 * middle - bounds[start];
        let end = (start + 1..bounds.len()).min_by(|&a, &b| {
            (bounds[a] - end_y)
                .abs()
                .total_cmp(&(bounds[b] - end_y).abs())
        });
        let Some(end) = end else { return };
        // The entry must lie inside its run, and the run must end about where centring puts it.
        let tolerance = (bounds[end] - bounds[end - 1]) / 2.0;
        if middle < bounds[start] || middle > bounds[end] || (bounds[end] - end_y).abs() > tolerance
        {
            return;
        }
        runs.push((start, end));
        start = end;
    }
    // Every entry moves to its run's first body row, which must hold nothing in this column yet.
    let moves: Vec<(usize, usize)> = entries
        .iter()
        .zip(&runs)
        .map(|(&e, &(s, _))| (e, body[s]))
        .collect();
    if moves
        .iter()
        .any(|&(e, to)| e != to && rows[to].filled(c) && !moves.iter().any(|&(e2, _)| e2 == to))
    {
        return;
    }
    let texts: Vec<(String, Option<f32>)> = moves
        .iter()
        .map(|&(e, _)| {
            let conf = rows[e].conf.get_mut(c).and_then(Option::take);
            (std::mem::take(&mut rows[e].cells[c]), conf)
        })
        .collect();
    for (&(_, to), (text, conf)) in moves.iter().zip(texts) {
        if rows[to].cells.len() <= c {
            rows[to].cells.resize(c + 1, String::new());
        }
        rows[to].cells[c] = text;
        if conf.is_some() {
            if rows[to].conf.len() <= c {
                rows[to].conf.resize(c + 1, None);
            }
            rows[to].conf[c] = conf;
        }
    }
}

/// The lower of two confidences, either of which may be unknown.
pub fn lower(a: Option<f32>, b: Option<f32>) -> Option<f32> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        _ => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str], top: f32, floating: bool) -> Placed {
        Placed {
            cells: cells.iter().map(|c| (*c).to_owned()).collect(),
            conf: Vec::new(),
            top,
            bottom: top + 10.0,
            floating,
        }
    }

    fn cells(rows: &[Placed]) -> Vec<String> {
        rows.iter().map(|r| r.cells.join("|")).collect()
    }

    #[test]
    fn centred_categories_move_to_the_first_row_of_their_run() {
        // 数量 over rows a, b (floating between them), 质量 on row c alone, 效益 over d, e, f (on e).
        let mut rows = vec![
            row(&["一级", "三级", "值"], 0.0, false),
            row(&["", "a", "1"], 20.0, false),
            row(&["数量"], 29.5, true),
            row(&["", "b", "2"], 39.0, false),
            row(&["质量", "c", "3"], 58.0, false),
            row(&["", "d", "4"], 77.0, false),
            row(&["效益", "e", "5"], 96.0, false),
            row(&["", "f", "6"], 115.0, false),
        ];
        settle(&mut rows);
        assert_eq!(
            cells(&rows),
            [
                "一级|三级|值",
                "数量|a|1",
                "|b|2",
                "质量|c|3",
                "效益|d|4",
                "|e|5",
                "|f|6"
            ]
        );
    }

    #[test]
    fn a_wrapped_label_printed_around_its_row_is_joined() {
        let mut rows = vec![
            row(&["一级", "二级", "三级", "值"], 0.0, false),
            row(&["", "数量指标(必填硬性"], 17.0, false),
            row(&["", "", "面积", "80000"], 20.0, false),
            row(&["", "指标)"], 27.0, false),
            row(&["", "", "其中新造林", "30000"], 39.0, false),
        ];
        settle(&mut rows);
        assert_eq!(
            cells(&rows),
            [
                "一级|二级|三级|值",
                "|数量指标(必填硬性指标)",
                "||面积|80000",
                "||其中新造林|30000"
            ]
        );
    }

    #[test]
    fn categories_on_their_first_row_stay() {
        let mut rows = vec![
            row(&["一级", "三级", "值"], 0.0, false),
            row(&["产出", "a", "1"], 20.0, false),
            row(&["", "b", "2"], 39.0, false),
            row(&["", "c", "3"], 58.0, false),
            row(&["效益", "d", "4"], 77.0, false),
            row(&["满意度"], 86.5, true),
            row(&["", "e", "5"], 96.0, false),
        ];
        let before = cells(&rows);
        settle(&mut rows);
        assert_eq!(cells(&rows), before);
    }
}
