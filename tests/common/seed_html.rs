//! The tab-row seeds as HTML pages, for the HTML reader's tests and benchmark: each text line on the same source
//! line, a tab line a `<tr>` of `<td>`s, a run of them a `<table>`, any other line a `<p>`, a blank line an empty
//! `<p>`.

use jixiao::read::grid::clean_cell;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// How a rendering lays a table cell out.
#[derive(Clone, Copy, PartialEq)]
pub enum Cells {
    /// One `<td>` per tab-separated cell.
    Plain,
    /// Empty cells below a filled one in the same column are covered by its `rowspan`, as a merged cell.
    Merged,
    /// Cells broken by `<br>` and paragraphs between CJK characters, as wrapped cells are.
    Broken,
    /// `Broken`, and a source line break inside the cell (this moves the lines below).
    Wrapped,
    /// A cell repeated in the rows below (same column, same text) merged with them by `rowspan`, as an Excel or
    /// Word user merges equal cells: the text shows once, in the top slot.
    Repeated,
}

/// The cells of a text line as the text reader sees them, with runs of white space as one space: HTML shows
/// them so (the text reader keeps two spaces where it strips `</p> <p>` from a cell: in the goal texts of seeds
/// 001, 003 and 004).
pub fn line_cells(line: &str) -> Vec<String> {
    line.split('\t')
        .map(|c| {
            clean_cell(c)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The seed's text with the cells as [`line_cells`] gives them: what the HTML rendering shows.
pub fn shown_text(text: &str) -> String {
    text.lines()
        .map(|l| line_cells(l).join("\t"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Breaks a cell's text between CJK characters: a `<br>` in the middle, a source line break (or a plain
/// `<span>` boundary) after the first character pair, and the rest as a second paragraph. All of these read
/// back as the same text.
fn broken(cell: &str, newline: bool) -> String {
    let chars: Vec<char> = cell.chars().collect();
    let cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    let splits: Vec<usize> = (1..chars.len())
        .filter(|&i| cjk(chars[i - 1]) && cjk(chars[i]))
        .collect();
    if splits.len() < 3 {
        return escape(cell);
    }
    let piece = |a: usize, b: usize| escape(&chars[a..b].iter().collect::<String>());
    let (a, b, c) = (
        splits[0],
        splits[splits.len() / 2],
        splits[splits.len() - 1],
    );
    format!(
        "<span>{}</span>{}{}<br>{}<p>{}</p>",
        piece(0, a),
        if newline { "\n  " } else { "" },
        piece(a, b),
        piece(b, c),
        piece(c, chars.len())
    )
}

/// A seed's text as an HTML page, line for line.
pub fn render(text: &str, cells: Cells) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let grid: Vec<Option<Vec<String>>> = lines
        .iter()
        .map(|l| l.contains('\t').then(|| line_cells(l)))
        .collect();
    // For `Merged` and `Repeated`: how many rows each cell covers (the cells below it in the same table and
    // column that are empty, or that repeat it).
    let mut cover = vec![Vec::new(); lines.len()];
    let mut covered = vec![Vec::new(); lines.len()];
    for (i, row) in grid.iter().enumerate() {
        let Some(row) = row else { continue };
        cover[i] = vec![1usize; row.len()];
        covered[i] = vec![false; row.len()];
    }
    let merges = |above: &str, below: &str| match cells {
        Cells::Merged => below.is_empty(),
        Cells::Repeated => below == above,
        _ => false,
    };
    if matches!(cells, Cells::Merged | Cells::Repeated) {
        for i in 0..lines.len() {
            let Some(row) = &grid[i] else { continue };
            for (c, text) in row.iter().enumerate() {
                if text.is_empty() || covered[i][c] {
                    continue;
                }
                let mut j = i + 1;
                while let Some(Some(below)) = grid.get(j) {
                    if below.get(c).is_none_or(|t| !merges(text, t)) {
                        break;
                    }
                    covered[j][c] = true;
                    j += 1;
                }
                cover[i][c] = j - i;
            }
        }
    }
    let mut out = String::new();
    let mut open = false;
    for (i, line) in lines.iter().enumerate() {
        if i == 0 {
            out.push_str("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>seed</title></head><body>");
        } else {
            out.push('\n');
        }
        match &grid[i] {
            Some(row) => {
                if !open {
                    out.push_str("<table border=\"1\">");
                    open = true;
                }
                out.push_str("<tr>");
                for (c, text) in row.iter().enumerate() {
                    if covered[i][c] {
                        continue;
                    }
                    let body = match cells {
                        Cells::Broken => broken(text, false),
                        Cells::Wrapped => broken(text, true),
                        _ => escape(text),
                    };
                    match cover[i][c] {
                        1 => out.push_str(&format!("<td>{body}</td>")),
                        n => out.push_str(&format!("<td rowspan=\"{n}\">{body}</td>")),
                    }
                }
                out.push_str("</tr>");
            }
            None => {
                if open {
                    out.push_str("</table>");
                    open = false;
                }
                out.push_str(&format!("<p>{}</p>", escape(&clean_cell(line))));
            }
        }
    }
    if open {
        out.push_str("</table>");
    }
    out.push_str("</body></html>\n");
    out
}

/// Rows as an HTML page, one source line each: a row of several cells a `<tr>` (a run of them a `<table>`), a
/// one-cell row a `<p>`, a break before a row an empty `<p>`. For text whose rows span lines (Word's one cell
/// per line), so its line numbers are not kept.
pub fn render_rows(rows: &[jixiao::read::grid::Row]) -> String {
    let mut out = String::from("<!DOCTYPE html><html><body>\n");
    let mut open = false;
    for r in rows {
        if (r.after_blank || r.cells.len() == 1) && open {
            out.push_str("</table>\n");
            open = false;
        }
        if r.after_blank {
            out.push_str("<p></p>\n");
        }
        if r.cells.len() == 1 {
            out.push_str(&format!("<p>{}</p>\n", escape(&r.cells[0])));
            continue;
        }
        if !open {
            out.push_str("<table>\n");
            open = true;
        }
        let cells: String = r
            .cells
            .iter()
            .map(|c| format!("<td>{}</td>", escape(c)))
            .collect();
        out.push_str(&format!("<tr>{cells}</tr>\n"));
    }
    out.push_str(if open {
        "</table></body></html>\n"
    } else {
        "</body></html>\n"
    });
    out
}
