//! Text layouts that converters write, from a table's rows of cells, for the layout property tests.

/// Tab rows: one row per line, cells split by tabs.
pub fn tab_rows(g: &[Vec<String>]) -> String {
    g.iter()
        .map(|r| r.join("\t"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A converter that writes each cell followed by ` |`, drops empty cells (merged categories below their first
/// row, blank notes), and pads every row with empty cells to the table's `width`: one row per line.
pub fn pipe_rows(g: &[Vec<String>], width: usize) -> String {
    g.iter()
        .map(|r| {
            let cells: Vec<&String> = r.iter().filter(|c| !c.is_empty()).collect();
            let mut line = cells
                .iter()
                .map(|c| format!("{c} |"))
                .collect::<Vec<_>>()
                .join(" ");
            line.push(' ');
            line.push_str(&"|".repeat(width.saturating_sub(cells.len())));
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}
