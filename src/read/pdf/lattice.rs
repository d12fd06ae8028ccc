//! Ruled tables: cells from the lattice of drawn lines, merged cells as row and column spans.
//!
//! Office exports draw every cell border, as a stroked line or as a thin filled rectangle, often in pieces
//! (one per cell side). The pieces are snapped onto shared coordinates and joined; a cell is the smallest
//! rectangle whose four corners are crossings and whose four sides are drawn. A merged cell is simply a larger
//! such rectangle, so spans come from where its sides fall among the table's column and row boundaries.

use super::{Rect, Rule};

/// Coordinates closer than this (in points) are one line: borders are drawn with small offsets.
const SNAP: f32 = 2.0;
/// Pieces of one line with gaps up to this are joined.
const JOIN: f32 = 2.5;
/// How far a line may stop short of a crossing and still meet it.
const REACH: f32 = 2.0;
/// A rule is a line, not a box, when it is at most this thick.
const THIN: f32 = 2.5;

/// A cell of a ruled table: its box and its place on the table's grid.
#[derive(Clone, Debug, PartialEq)]
pub struct GridCell {
    pub rect: Rect,
    pub row: usize,
    pub col: usize,
    pub rowspan: usize,
    pub colspan: usize,
}

/// One ruled table: its box, its row and column count, and its cells (top to bottom, left to right).
#[derive(Clone, Debug, PartialEq)]
pub struct Lattice {
    pub rect: Rect,
    pub rows: usize,
    pub cols: usize,
    /// Column boundaries, left to right (`cols + 1` of them).
    pub xs: Vec<f32>,
    pub cells: Vec<GridCell>,
}

/// An axis-parallel line piece: `at` is its y (horizontal) or x (vertical), from `lo` to `hi` along it.
#[derive(Clone, Copy, Debug)]
struct Edge {
    at: f32,
    lo: f32,
    hi: f32,
}

/// The ruled tables drawn by `rules`, top to bottom.
pub fn tables(rules: &[Rule]) -> Vec<Lattice> {
    let (mut h, mut v) = (Vec::new(), Vec::new());
    for r in rules {
        let (w, t) = (r.rect.x1 - r.rect.x0, r.rect.bottom - r.rect.top);
        if !(w.is_finite() && t.is_finite()) {
            continue;
        }
        if t <= THIN && w > t {
            h.push(Edge {
                at: (r.rect.top + r.rect.bottom) / 2.0,
                lo: r.rect.x0,
                hi: r.rect.x1,
            });
        } else if w <= THIN && t > w {
            v.push(Edge {
                at: (r.rect.x0 + r.rect.x1) / 2.0,
                lo: r.rect.top,
                hi: r.rect.bottom,
            });
        } else if r.boxed {
            // A stroked rectangle: its four sides.
            let Rect {
                x0,
                top,
                x1,
                bottom,
            } = r.rect;
            h.push(Edge {
                at: top,
                lo: x0,
                hi: x1,
            });
            h.push(Edge {
                at: bottom,
                lo: x0,
                hi: x1,
            });
            v.push(Edge {
                at: x0,
                lo: top,
                hi: bottom,
            });
            v.push(Edge {
                at: x1,
                lo: top,
                hi: bottom,
            });
        }
    }
    let h = merge(h);
    let v = merge(v);
    if h.len() < 2 || v.len() < 2 {
        return Vec::new();
    }
    let cells = cells(&h, &v);
    group(cells)
}

/// Snaps edges whose coordinates are within [`SNAP`] onto their mean, then joins overlapping pieces.
fn merge(mut edges: Vec<Edge>) -> Vec<Edge> {
    edges.retain(|e| e.hi - e.lo >= 1.0);
    edges.sort_by(|a, b| a.at.total_cmp(&b.at));
    let mut out: Vec<Edge> = Vec::with_capacity(edges.len());
    let mut i = 0;
    while i < edges.len() {
        let mut j = i + 1;
        while j < edges.len()
            && edges[j].at - edges[j - 1].at <= SNAP
            && edges[j].at - edges[i].at <= 2.0 * SNAP
        {
            j += 1;
        }
        let at = edges[i..j].iter().map(|e| e.at).sum::<f32>() / (j - i) as f32;
        let mut group: Vec<Edge> = edges[i..j].to_vec();
        group.sort_by(|a, b| a.lo.total_cmp(&b.lo));
        let mut cur = Edge { at, ..group[0] };
        for e in &group[1..] {
            if e.lo <= cur.hi + JOIN {
                cur.hi = cur.hi.max(e.hi);
            } else {
                out.push(cur);
                cur = Edge { at, ..*e };
            }
        }
        out.push(cur);
        i = j;
    }
    out
}

/// Whether some edge at `at` covers `lo..hi`.
fn covered(edges: &[Edge], at: f32, lo: f32, hi: f32) -> bool {
    edges
        .iter()
        .any(|e| (e.at - at).abs() <= SNAP && e.lo <= lo + REACH && e.hi >= hi - REACH)
}

/// The cells: for each crossing as a top-left corner, the smallest drawn rectangle (lowest first, then
/// narrowest) whose other corners are crossings too.
fn cells(h: &[Edge], v: &[Edge]) -> Vec<Rect> {
    let ys = distinct(h.iter().map(|e| e.at));
    let xs = distinct(v.iter().map(|e| e.at));
    // crossing[yi][xi]: a horizontal and a vertical line meet there.
    let cross: Vec<Vec<bool>> = ys
        .iter()
        .map(|&y| {
            xs.iter()
                .map(|&x| {
                    h.iter()
                        .any(|e| (e.at - y).abs() <= SNAP && e.lo - REACH <= x && x <= e.hi + REACH)
                        && v.iter().any(|e| {
                            (e.at - x).abs() <= SNAP && e.lo - REACH <= y && y <= e.hi + REACH
                        })
                })
                .collect()
        })
        .collect();
    let mut out = Vec::new();
    for (yi, &top) in ys.iter().enumerate() {
        for (xi, &x0) in xs.iter().enumerate() {
            if !cross[yi][xi] {
                continue;
            }
            'below: for (ybi, &bottom) in ys.iter().enumerate().skip(yi + 1) {
                if !cross[ybi][xi] || !covered(v, x0, top, bottom) {
                    continue;
                }
                for (xbi, &x1) in xs.iter().enumerate().skip(xi + 1) {
                    if cross[yi][xbi]
                        && cross[ybi][xbi]
                        && covered(h, top, x0, x1)
                        && covered(h, bottom, x0, x1)
                        && covered(v, x1, top, bottom)
                    {
                        out.push(Rect {
                            x0,
                            top,
                            x1,
                            bottom,
                        });
                        break 'below;
                    }
                }
            }
        }
    }
    out
}

/// Sorted coordinates with those within [`SNAP`] of the previous kept one dropped.
fn distinct(values: impl Iterator<Item = f32>) -> Vec<f32> {
    let mut all: Vec<f32> = values.collect();
    all.sort_by(f32::total_cmp);
    let mut out: Vec<f32> = Vec::with_capacity(all.len());
    for x in all {
        if out.last().is_none_or(|&l| x - l > SNAP) {
            out.push(x);
        }
    }
    out
}

/// Cells that share corners form one table; each table's boundaries give the cells their spans.
fn group(cells: Vec<Rect>) -> Vec<Lattice> {
    let n = cells.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    // Two cells touch when one's corner lies on the other's border.
    let near = |a: f32, b: f32| (a - b).abs() <= SNAP;
    let touch = |a: &Rect, b: &Rect| {
        let xo = a.x0 <= b.x1 + SNAP && b.x0 <= a.x1 + SNAP;
        let yo = a.top <= b.bottom + SNAP && b.top <= a.bottom + SNAP;
        (xo && (near(a.bottom, b.top) || near(b.bottom, a.top) || near(a.top, b.top)))
            || (yo && (near(a.x1, b.x0) || near(b.x1, a.x0) || near(a.x0, b.x0)))
    };
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cells[a].top.total_cmp(&cells[b].top));
    for (k, &i) in order.iter().enumerate() {
        for &j in &order[k + 1..] {
            if cells[j].top > cells[i].bottom + SNAP {
                break;
            }
            if touch(&cells[i], &cells[j]) {
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                parent[a] = b;
            }
        }
    }
    let mut groups: Vec<Vec<Rect>> = Vec::new();
    let mut slot = vec![usize::MAX; n];
    for (i, cell) in cells.iter().enumerate() {
        let r = root(&mut parent, i);
        if slot[r] == usize::MAX {
            slot[r] = groups.len();
            groups.push(Vec::new());
        }
        groups[slot[r]].push(*cell);
    }
    let mut out: Vec<Lattice> = groups.into_iter().map(lattice).collect();
    out.sort_by(|a, b| a.rect.top.total_cmp(&b.rect.top));
    out
}

fn lattice(mut cells: Vec<Rect>) -> Lattice {
    let xs = distinct(cells.iter().flat_map(|c| [c.x0, c.x1]));
    let ys = distinct(cells.iter().flat_map(|c| [c.top, c.bottom]));
    let index = |axis: &[f32], v: f32| {
        axis.iter()
            .enumerate()
            .min_by(|a, b| (a.1 - v).abs().total_cmp(&(b.1 - v).abs()))
            .map_or(0, |(i, _)| i)
    };
    cells.sort_by(|a, b| a.top.total_cmp(&b.top).then(a.x0.total_cmp(&b.x0)));
    let rect = Rect {
        x0: xs[0],
        top: ys[0],
        x1: xs[xs.len() - 1],
        bottom: ys[ys.len() - 1],
    };
    let cells: Vec<GridCell> = cells
        .into_iter()
        .map(|c| {
            let (row, col) = (index(&ys, c.top), index(&xs, c.x0));
            let (end_row, end_col) = (index(&ys, c.bottom), index(&xs, c.x1));
            GridCell {
                rect: c,
                row,
                col,
                rowspan: end_row.saturating_sub(row).max(1),
                colspan: end_col.saturating_sub(col).max(1),
            }
        })
        .collect();
    let mut cells = cells;
    cells.sort_by_key(|c| (c.row, c.col));
    cells.dedup_by_key(|c| (c.row, c.col));
    Lattice {
        rect,
        rows: ys.len() - 1,
        cols: xs.len() - 1,
        xs,
        cells,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(x0: f32, top: f32, x1: f32, bottom: f32) -> Rule {
        Rule {
            rect: Rect {
                x0,
                top,
                x1,
                bottom,
            },
            boxed: false,
        }
    }

    /// A 3×3 grid of 10-point cells whose first column is merged over the last two rows, drawn in pieces.
    fn merged_grid() -> Vec<Rule> {
        let mut r = Vec::new();
        // Horizontal lines, one piece per cell side; the line at y=20 skips the merged cell (x 0..10).
        for y in [0.0, 10.0, 30.0] {
            for x in [0.0, 10.0, 20.0] {
                r.push(line(x, y, x + 10.0, y + 0.5));
            }
        }
        for x in [10.0, 20.0] {
            r.push(line(x, 20.2, x + 10.0, 20.7));
        }
        // Vertical lines, whole, a little off their true x.
        for x in [0.0, 10.3, 20.0, 29.8] {
            r.push(line(x, 0.0, x + 0.5, 30.0));
        }
        r
    }

    #[test]
    fn a_merged_cell_becomes_a_row_span() {
        let t = tables(&merged_grid());
        assert_eq!(t.len(), 1);
        let t = &t[0];
        assert_eq!((t.rows, t.cols), (3, 3));
        let spans: Vec<_> = t
            .cells
            .iter()
            .map(|c| (c.row, c.col, c.rowspan, c.colspan))
            .collect();
        assert_eq!(
            spans,
            [
                (0, 0, 1, 1),
                (0, 1, 1, 1),
                (0, 2, 1, 1),
                (1, 0, 2, 1),
                (1, 1, 1, 1),
                (1, 2, 1, 1),
                (2, 1, 1, 1),
                (2, 2, 1, 1)
            ]
        );
    }

    #[test]
    fn two_separate_boxes_are_two_tables_and_stray_lines_none() {
        let mut rules = merged_grid();
        for r in merged_grid() {
            let mut r = r;
            r.rect.top += 100.0;
            r.rect.bottom += 100.0;
            rules.push(r);
        }
        // An underline under a title: no table.
        rules.push(line(0.0, 200.0, 50.0, 200.5));
        let t = tables(&rules);
        assert_eq!(t.len(), 2);
        assert!(t[1].rect.top > 90.0);
    }

    #[test]
    fn a_stroked_rectangle_gives_its_sides() {
        let rules = [
            Rule {
                rect: Rect {
                    x0: 0.0,
                    top: 0.0,
                    x1: 40.0,
                    bottom: 10.0,
                },
                boxed: true,
            },
            Rule {
                rect: Rect {
                    x0: 0.0,
                    top: 10.0,
                    x1: 40.0,
                    bottom: 20.0,
                },
                boxed: true,
            },
            Rule {
                rect: Rect {
                    x0: 20.0,
                    top: 10.0,
                    x1: 40.0,
                    bottom: 20.0,
                },
                boxed: true,
            },
        ];
        let t = tables(&rules);
        assert_eq!(t.len(), 1);
        let spans: Vec<_> = t[0]
            .cells
            .iter()
            .map(|c| (c.row, c.col, c.rowspan, c.colspan))
            .collect();
        assert_eq!(spans, [(0, 0, 1, 2), (1, 0, 1, 1), (1, 1, 1, 1)]);
    }

    #[test]
    fn nothing_drawn_is_no_table() {
        assert!(tables(&[]).is_empty());
        assert!(tables(&[line(f32::NAN, 0.0, 1.0, 1.0)]).is_empty());
    }
}
