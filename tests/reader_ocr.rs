//! Pages read by OCR keep each cell's confidence: a random self-evaluation table is drawn as OCR sees a scan
//! (one word per cell with its own confidence, ruling lines, category cells merged down their blocks), and
//! every indicator must carry, for each of its cells, the confidence of the word printed there.

use proptest::prelude::*;

use jixiao::read::ocr::{read_ocr, OcrPage, OcrWord, LOW_CONFIDENCE};
use jixiao::read::pdf::Rect;

const HEADER: [&str; 7] = [
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
];
const CATEGORIES: [(&str, &str); 4] = [
    ("产出指标", "数量指标"),
    ("产出指标", "质量指标"),
    ("效益指标", "社会效益指标"),
    ("满意度指标", "服务对象满意度指标"),
];
/// Column edges in points: wide enough for the longest text at 5 points a half-width unit.
const XS: [f32; 8] = [30.0, 110.0, 220.0, 330.0, 410.0, 490.0, 530.0, 570.0];
const ROW: f32 = 22.0;
const TOP: f32 = 120.0;

/// One indicator row, and the confidence OCR gives each of its cells (categories: of their merged cell).
#[derive(Clone, Debug)]
struct Line {
    category: usize,
    name: String,
    target: String,
    actual: String,
    weight: u32,
    score: u32,
    /// Confidences of level 1, level 2, name, target, actual, weight, score, in hundredths.
    conf: [u8; 7],
}

fn table() -> impl Strategy<Value = Vec<Line>> {
    let names = ["开展培训", "发放补助", "验收合格", "群众满意", "建设完成"];
    prop::collection::vec(
        (
            0usize..CATEGORIES.len(),
            0usize..names.len(),
            prop_oneof![
                (1u32..5000).prop_map(|n| format!("≥{n}人")),
                (50u32..100).prop_map(|n| format!("{n}%")),
                Just("100%".to_owned()),
            ],
            prop_oneof![
                (50u32..100).prop_map(|n| format!("{n}%")),
                Just("100%".to_owned())
            ],
            1u32..20,
            prop::array::uniform7(30u8..=100),
        ),
        1..8,
    )
    .prop_map(move |mut rows| {
        rows.sort_by_key(|r| r.0);
        rows.into_iter()
            .enumerate()
            .map(|(i, (category, n, target, actual, weight, conf))| Line {
                category,
                name: format!("{}{}次", names[n], i + 1),
                target,
                actual,
                weight,
                score: weight.saturating_sub(i as u32 % 2),
                conf,
            })
            .collect()
    })
}

fn word(text: &str, col: usize, top: f32, bottom: f32, confidence: f32) -> OcrWord {
    let units: f32 = text
        .chars()
        .map(|c| if c.is_ascii() { 1.0 } else { 2.0 })
        .sum();
    let x0 = XS[col] + 3.0;
    let mid = (top + bottom) / 2.0;
    OcrWord {
        rect: Rect {
            x0,
            top: mid - 6.0,
            x1: x0 + units * 5.0,
            bottom: mid + 6.0,
        },
        text: text.to_owned(),
        confidence,
    }
}

fn hline(x0: f32, x1: f32, y: f32) -> Rect {
    Rect {
        x0,
        top: y - 0.5,
        x1,
        bottom: y + 0.5,
    }
}

/// The page as OCR reads it: a title, the header, and the rows, with each block's categories in one cell merged
/// down its rows (no rule between them in the category columns) and printed at the block's middle.
fn page(lines: &[Line]) -> OcrPage {
    let mut words = vec![word("项目支出绩效自评表", 2, 70.0, 90.0, 0.99)];
    let mut rules = Vec::new();
    let row_top = |i: usize| TOP + ROW * (i as f32 + 1.0);
    for (c, h) in HEADER.iter().enumerate() {
        words.push(word(h, c, TOP, TOP + ROW, 0.99));
    }
    rules.push(hline(XS[0], XS[7], TOP));
    rules.push(hline(XS[0], XS[7], TOP + ROW));
    for (i, l) in lines.iter().enumerate() {
        let (top, bottom) = (row_top(i), row_top(i + 1));
        let c = |k: usize| f32::from(l.conf[k]) / 100.0;
        for (col, text, k) in [
            (2, l.name.clone(), 2),
            (3, l.target.clone(), 3),
            (4, l.actual.clone(), 4),
            (5, l.weight.to_string(), 5),
            (6, l.score.to_string(), 6),
        ] {
            words.push(word(&text, col, top, bottom, c(k)));
        }
        rules.push(hline(XS[2], XS[7], bottom));
        // A category cell spans the rows of its block: printed once, at the block's middle, ruled below it.
        for (col, level) in [(0usize, 0usize), (1, 1)] {
            let key = |x: &Line| {
                let (l1, l2) = CATEGORIES[x.category];
                if level == 0 {
                    l1
                } else {
                    l2
                }
            };
            let starts = i == 0 || key(&lines[i - 1]) != key(l);
            if !starts {
                continue;
            }
            let end = (i..lines.len())
                .take_while(|&j| key(&lines[j]) == key(l))
                .last()
                .unwrap_or(i);
            let (span_top, span_bottom) = (top, row_top(end + 1));
            words.push(word(key(l), col, span_top, span_bottom, c(level)));
            rules.push(hline(XS[col], XS[col + 1], span_bottom));
        }
    }
    let bottom = row_top(lines.len());
    for x in XS {
        rules.push(Rect {
            x0: x - 0.5,
            top: TOP,
            x1: x + 0.5,
            bottom,
        });
    }
    OcrPage {
        number: 1,
        width: 600.0,
        height: 842.0,
        words,
        lines: rules,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn each_indicator_keeps_the_confidence_of_each_of_its_cells(lines in table()) {
        let doc = read_ocr(&[page(&lines)], "scan.png").unwrap();
        prop_assert_eq!(doc.tables.len(), 1);
        let inds = &doc.tables[0].indicators;
        prop_assert_eq!(inds.len(), lines.len());
        // A category's confidence is that of the block's first row (the word of its merged cell).
        let first_of = |i: usize, level: usize| {
            let key = |x: &Line| if level == 0 { CATEGORIES[x.category].0 } else { CATEGORIES[x.category].1 };
            (0..=i).rev().take_while(|&j| key(&lines[j]) == key(&lines[i])).last().unwrap_or(i)
        };
        for (i, (ind, l)) in inds.iter().zip(&lines).enumerate() {
            prop_assert_eq!(ind.name.as_deref(), Some(l.name.as_str()));
            let got = ind.ocr_confidence.expect("a row read by OCR has confidences");
            let want = |k: usize| Some(f32::from(l.conf[k]) / 100.0);
            let label = |level: usize| Some(f32::from(lines[first_of(i, level)].conf[level]) / 100.0);
            prop_assert_eq!(
                (got.level1, got.level2, got.name, got.target, got.actual, got.weight, got.score),
                (label(0), label(1), want(2), want(3), want(4), want(5), want(6)),
                "row {}", i
            );
            prop_assert_eq!(got.cycle_target, None);
            let low = got.below(LOW_CONFIDENCE);
            prop_assert_eq!(got.lowest().is_some_and(|c| c < LOW_CONFIDENCE), !low.is_empty());
        }
        // The page's warning counts every low cell of the table.
        let low_cells = lines.iter().enumerate().map(|(i, l)| {
            let own = l.conf[2..].iter().filter(|&&c| f32::from(c) / 100.0 < LOW_CONFIDENCE).count();
            let labels = (0..2)
                .filter(|&level| first_of(i, level) == i && f32::from(l.conf[level]) / 100.0 < LOW_CONFIDENCE)
                .count();
            own + labels
        }).sum::<usize>();
        let warning = doc.warnings.iter().find(|w| w.message_en.contains("confidence below"));
        match warning {
            Some(w) => prop_assert!(w.message_en.starts_with(&format!("page 1: {low_cells} cells")), "{}", w.message_en),
            None => prop_assert_eq!(low_cells, 0),
        }
    }
}
