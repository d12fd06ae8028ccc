//! Indicators written inline in one cell, one project per row (广州 style, seed 001):
//! `1、1-产出指标；11-数量指标；信息更正完成率；实施周期指标值:100%；年度指标值:100%。2、…`.

use crate::error::Location;
use crate::model::{Cell, Indicator, Level1, Level2};

/// Byte offsets where an item starts: digits, `、`, then a category code (`1、1-`, `12、3-`).
fn item_starts(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut starts = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_digit()) {
            let mut j = i;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            let rest = &text[j..];
            if let Some(after) = rest.strip_prefix('、') {
                let after = after.trim_start();
                let code_len = after.bytes().take_while(u8::is_ascii_digit).count();
                if code_len > 0 && after[code_len..].starts_with(['-', '－']) {
                    starts.push(i);
                    i = j;
                    continue;
                }
            }
            i = j;
        } else {
            i += 1;
        }
    }
    starts
}

/// Whether a cell holds inline indicators.
pub fn has_items(cell: &str) -> bool {
    let starts = item_starts(cell);
    !starts.is_empty() && cell.contains("指标值")
}

/// The value after `实施周期指标值:` or `年度指标值：`.
fn labelled(part: &str) -> Option<(&str, &str)> {
    let (label, value) = part.split_once([':', '：'])?;
    let label = label.trim();
    label.contains("指标值").then_some((label, value.trim()))
}

/// Reads the indicators of one cell. Items that do not have the expected parts are returned as errors with
/// their text, so the caller can list them as unread.
pub fn read_items(cell: &str, file: &str, line: u32) -> (Vec<Indicator>, Vec<String>) {
    let starts = item_starts(cell);
    let mut out = Vec::new();
    let mut bad = Vec::new();
    for (k, &s) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(cell.len());
        let item = cell[s..end].trim().trim_end_matches(['。', '.', ' ']);
        let body = item.split_once('、').map_or(item, |(_, b)| b);
        let parts: Vec<&str> = body
            .split(['；', ';'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        if parts.len() < 3 {
            bad.push(item.to_owned());
            continue;
        }
        let (l1_printed, l2_printed) = (parts[0], parts[1]);
        let strip_code = |p: &str| p.split_once(['-', '－']).map_or(p, |(_, t)| t).to_owned();
        let mut cycle = None;
        let mut target = None;
        let mut name_parts = Vec::new();
        for p in &parts[2..] {
            match labelled(p) {
                Some((label, value)) if label.contains("实施周期") => {
                    cycle = Some(value.to_owned())
                }
                Some((_, value)) => target = Some(value.to_owned()),
                None => name_parts.push(*p),
            }
        }
        let level2 = Level2::from_printed(&strip_code(l2_printed));
        let level1 = Level1::from_printed(&strip_code(l1_printed)).or(level2.map(Level2::parent));
        let level1 = match (level1, level2) {
            (Some(l1), Some(l2)) if !l1.allowed_level2().contains(&l2) => Some(l2.parent()),
            (l1, _) => l1,
        };
        let name = name_parts.join("；");
        out.push(Indicator {
            level1,
            level2,
            level1_printed: Some(l1_printed.to_owned()),
            level2_printed: Some(l2_printed.to_owned()),
            name: (!name.is_empty()).then_some(name),
            cycle_target: cycle.filter(|c| !c.is_empty()).map(Cell::target),
            target: target.filter(|c| !c.is_empty()).map(Cell::target),
            actual: None,
            weight: None,
            score: None,
            deviation: None,
            placeholder: false,
            location: Location::line(file, line),
            ocr_confidence: None,
        });
    }
    (out, bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_of_seed_001() {
        let cell = "1、1-产出指标；11-数量指标；信息更正完成率；实施周期指标值:100%；年度指标值:100%。\
                    2、4-成本指标；41-经济成本指标；成本控制；实施周期指标值： ≥80分；年度指标值：≤1,329.42万元。";
        assert!(has_items(cell));
        let (items, bad) = read_items(cell, "f", 12);
        assert!(bad.is_empty());
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].level1, Some(Level1::Output));
        assert_eq!(items[0].level2, Some(Level2::Quantity));
        assert_eq!(items[0].name.as_deref(), Some("信息更正完成率"));
        assert_eq!(items[0].target.as_ref().unwrap().text, "100%");
        assert_eq!(items[1].level1, Some(Level1::Cost));
        assert_eq!(items[1].level2_printed.as_deref(), Some("41-经济成本指标"));
        assert_eq!(items[1].cycle_target.as_ref().unwrap().text, "≥80分");
        assert!(!has_items("通过更新维护地理空间数据"));
    }
}
