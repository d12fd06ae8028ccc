//! Header fields of a table (项目编码, 项目名称, 实施单位, 主管部门, 年度, 实施周期, 金额 …) from label–value rows.
//!
//! Labels and values come in every arrangement: `label | value` cells, `label:` then the value cells, or all of
//! it inside one OCR cell (`440300241113100001007 项目名称: 国土空间… 绩效自评 年度:`). The row is flattened to
//! one squeezed string with cell boundaries marked, labels are found in it, and each label takes the text up
//! to the next label.

use std::sync::LazyLock;

use super::grid::Row;
use super::labels::{self, Field, FIELD_LABELS};

/// Cell boundary marker inside the flattened row (a control character no document contains).
const SEP: char = '\u{1f}';

/// One label and its value as printed (white space removed when the value is Chinese text, since OCR and line
/// wrapping put spaces inside words).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pair {
    pub field: Field,
    pub label: String,
    pub value: String,
}

/// For each character that starts a label, the indices of those labels in [`FIELD_LABELS`]: one scan of a
/// row finds every candidate, instead of one substring search per label (this was a fifth of reading time).
/// Sorted by the character, for a binary search (hashing every character of a row cost more than the search).
static LABELS_BY_FIRST_CHAR: LazyLock<Vec<(char, Vec<usize>)>> = LazyLock::new(|| {
    let mut map: Vec<(char, Vec<usize>)> = Vec::new();
    for (i, (label, _)) in FIELD_LABELS.iter().enumerate() {
        let Some(c) = label.chars().next() else {
            continue;
        };
        match map.iter_mut().find(|(k, _)| *k == c) {
            Some((_, v)) => v.push(i),
            None => map.push((c, vec![i])),
        }
    }
    map.sort_unstable_by_key(|(c, _)| *c);
    map
});

/// The first characters of the labels as a set of bits over the Basic Multilingual Plane (where they all are):
/// one test per character of a row leaves the binary search to the few that start a label (the search on every
/// character was most of the time spent on long prose rows of a table's header part).
static FIRST_CHAR_BITS: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut bits = vec![0u64; 0x10000 / 64];
    for (c, _) in LABELS_BY_FIRST_CHAR.iter() {
        let c = *c as usize;
        assert!(c < 0x10000, "label starts outside the BMP");
        bits[c / 64] |= 1 << (c % 64);
    }
    bits
});

/// Every occurrence of a label in `flat` as (label index, byte start), in the order the labels take
/// precedence: by their place in [`FIELD_LABELS`], then left to right.
fn occurrences(flat: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let table = &*LABELS_BY_FIRST_CHAR;
    let bits = &*FIRST_CHAR_BITS;
    for (pos, c) in flat.char_indices() {
        let c32 = c as usize;
        if c32 >= 0x10000 || bits[c32 / 64] & (1 << (c32 % 64)) == 0 {
            continue;
        }
        if let Ok(k) = table.binary_search_by_key(&c, |(c, _)| *c) {
            for &i in &table[k].1 {
                if flat[pos..].starts_with(FIELD_LABELS[i].0) {
                    out.push((i, pos));
                }
            }
        }
    }
    out.sort_unstable();
    out
}

/// Label matches in `flat`: (byte start, byte end, field, label), without overlaps, leftmost-longest.
fn find_labels(flat: &str) -> Vec<(usize, usize, Field, String)> {
    let mut found: Vec<(usize, usize, Field, String)> = Vec::new();
    let mut next_free = (usize::MAX, 0usize); // (label index, byte): a label's matches do not overlap each other
    for (i, start) in occurrences(flat) {
        let (label, field) = &FIELD_LABELS[i];
        {
            if next_free.0 == i && start < next_free.1 {
                continue;
            }
            let mut end = start + label.len();
            next_free = (i, end);
            // `2023年度金额`: take the year in front into the label.
            let mut s = start;
            if *field == Field::Amount && label.starts_with('年') {
                let before = &flat[..start];
                let digits = before
                    .chars()
                    .rev()
                    .take_while(|c| c.is_ascii_digit())
                    .count();
                s = start - digits;
            }
            if found.iter().any(|(a, b, _, _)| s < *b && end > *a) {
                continue;
            }
            // A label must stand at a cell start or after a space or separator, or end in a colon: inside a
            // name (`…项目名称…`) it is text.
            // A label starts a cell, or a word of a cell that prints several fields separated by spaces.
            let at_start =
                s == 0 || flat[..s].ends_with(SEP) || flat[..s].ends_with(char::is_whitespace);
            let colon = flat[end..].starts_with([':', '：']);
            let cell_end = flat[end..].is_empty()
                || flat[end..].starts_with(SEP)
                || flat[end..].starts_with(char::is_whitespace);
            if !(at_start || colon) {
                continue;
            }
            if !(colon || cell_end || at_start) {
                continue;
            }
            if colon {
                end += flat[end..].chars().next().map_or(0, char::len_utf8);
            }
            found.push((
                s,
                end,
                *field,
                flat[s..end].trim_end_matches([':', '：']).to_owned(),
            ));
        }
    }
    found.sort_by_key(|f| f.0);
    found
}

/// The flattened, squeezed row: cells joined by [`SEP`], white space removed.
fn flatten(row: &Row) -> String {
    let mut flat = String::with_capacity(row.cells.iter().map(|c| c.len() + 1).sum());
    for (i, cell) in row.cells.iter().enumerate() {
        if i > 0 {
            flat.push(SEP);
        }
        super::grid::push_squeezed(&mut flat, cell);
    }
    flat
}

/// The header pairs of a row, or nothing when it has no label.
pub fn pairs(row: &Row) -> Vec<Pair> {
    let flat = flatten(row);
    let found = find_labels(&flat);
    let mut out = Vec::with_capacity(found.len());
    for (k, (_, end, field, label)) in found.iter().enumerate() {
        let stop = found.get(k + 1).map_or(flat.len(), |n| n.0);
        let raw = &flat[*end..stop];
        let value: String = raw
            .split(SEP)
            .map(|p| p.trim_matches([':', '：']))
            .collect::<Vec<_>>()
            .concat();
        let value = strip_trailing_noise(&value, *field);
        out.push(Pair {
            field: *field,
            label: label.clone(),
            value,
        });
    }
    out
}

/// OCR leaves the next label's first words on a value (`…(一期)绩效自评`): cut them.
fn strip_trailing_noise(value: &str, field: Field) -> String {
    let mut v = value.to_owned();
    for noise in ["绩效自评", "绩效评价"] {
        if let Some(s) = v.strip_suffix(noise) {
            v = s.to_owned();
        }
    }
    if field == Field::Code {
        // Codes are digits (and letters); OCR spreads them over cells that the flattening already joined.
        v.retain(|c| c.is_ascii_alphanumeric() || c == '-');
    }
    v
}

/// A year printed in a label or a title (`2023年度金额`, `2024 年度部门整体支出绩效自评表`).
pub fn year_in(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    for i in 0..chars.len().saturating_sub(4) {
        let window = &chars[i..i + 4];
        if window.iter().all(|c| c.is_ascii_digit())
            && (i == 0 || !chars[i - 1].is_ascii_digit())
            && chars.get(i + 4) == Some(&'年')
            && matches!(window[0], '1' | '2')
        {
            return Some(window.iter().collect());
        }
    }
    None
}

/// Words of the labels that open a table outside any (a project's code or name): a row without one of them is
/// not split into pairs to ask [`opens_table`].
pub const OPENING_LABELS: [&str; 4] = ["项目编码", "项目名称", "项目支出名称", "项目代码"];

/// Whether the row opens a table (it has a project code or name label).
pub fn opens_table(pairs: &[Pair]) -> bool {
    pairs
        .iter()
        .any(|p| labels::opens_table(p.field) && !p.value.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Row {
        Row {
            line: 1,
            end_line: 1,
            cells: cells.iter().map(|c| c.to_string()).collect(),
            after_blank: false,
            placed: false,
        }
    }

    #[test]
    fn ocr_header_in_one_cell() {
        let p = pairs(&row(&[
            "项目编码:",
            "440300241113100001007 项目名称: 国土空间基础信息 平台升级及场景应 用建设 (一期) 绩效自评 年度:",
            "",
            "2024",
        ]));
        let get = |f| p.iter().find(|x| x.field == f).map(|x| x.value.as_str());
        assert_eq!(get(Field::Code), Some("440300241113100001007"));
        assert_eq!(
            get(Field::Project),
            Some("国土空间基础信息平台升级及场景应用建设(一期)")
        );
        assert_eq!(get(Field::Year), Some("2024"));
    }

    #[test]
    fn code_over_two_cells_and_separate_labels() {
        let p = pairs(&row(&[
            "项目编码:",
            "44030022111",
            "1562000383",
            "项目名称:",
            "党组织建设",
            "绩效自评 年度:",
            "",
            "2024",
        ]));
        assert_eq!(p[0].value, "440300221111562000383");
        assert_eq!(p[1].value, "党组织建设");
        assert_eq!(p[2].value, "2024");
        let p = pairs(&row(&[
            "主管部门",
            "湖南省自然资源厅",
            "",
            "",
            "实施单位",
            "湖南省自然资源厅",
        ]));
        assert_eq!(
            (p[0].field, p[0].value.as_str()),
            (Field::Dept, "湖南省自然资源厅")
        );
        assert_eq!(
            (p[1].field, p[1].value.as_str()),
            (Field::Unit, "湖南省自然资源厅")
        );
    }

    /// 预算部门 ends the project name before it (a goal table's header written one cell per line with pipes).
    #[test]
    fn budget_department_is_a_label() {
        let p = pairs(&row(&[
            "项目支出名称",
            "雾炮车降尘抑尘服务",
            "预算部门",
            "某市环境卫生管理处",
        ]));
        assert_eq!(
            p.iter()
                .map(|x| (x.field, x.value.as_str()))
                .collect::<Vec<_>>(),
            [
                (Field::Project, "雾炮车降尘抑尘服务"),
                (Field::Dept, "某市环境卫生管理处")
            ]
        );
    }

    #[test]
    fn period_and_amounts() {
        let p = pairs(&row(&[
            "实施周期",
            "起始年度",
            "2021年",
            "到期年度",
            "2021年",
        ]));
        assert_eq!(
            p.iter().map(|x| x.field).collect::<Vec<_>>(),
            [Field::Period, Field::PeriodStart, Field::PeriodEnd]
        );
        assert_eq!(p[1].value, "2021年");
        let p = pairs(&row(&[
            "项目金额",
            "总金额",
            "",
            "2023年度金额",
            "180306400元",
        ]));
        assert_eq!(p[2].label, "2023年度金额");
        assert_eq!(p[2].value, "180306400元");
        assert_eq!(year_in("2023年度金额"), Some("2023".into()));
        assert_eq!(
            year_in("2024 年度部门整体支出绩效自评表"),
            Some("2024".into())
        );
    }
}
