//! Property tests of the readers: random and mutated documents never panic, and every table row the reader
//! sees is either placed in the model or listed in `unread`.

use proptest::prelude::*;

use jixiao::read::read_text;

const SEED_004: &str = include_str!("fixtures/documents/004_717b51cf7e2c8e2d.txt");
const SEED_002: &str = include_str!("fixtures/documents/002_64eb690d41cac579.txt");
const SEED_000: &str = include_str!("fixtures/documents/000_4d4b8abbc5176aaa.txt");

fn tokens() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("产出指标 (50分)".to_owned()),
        Just("数量指标".to_owned()),
        Just("服务对象满意度指 标".to_owned()),
        Just("(30分)".to_owned()),
        Just("总分".to_owned()),
        Just("项目编码:".to_owned()),
        Just("项目名称".to_owned()),
        Just("年度资金总额".to_owned()),
        Just("项目支出绩效自评表".to_owned()),
        Just("一级指标".to_owned()),
        Just("三级指标".to_owned()),
        Just("实际完成值".to_owned()),
        Just("分值".to_owned()),
        Just("1、1-产出指标；11-数量指标；x；年度指标值:1。".to_owned()),
        Just("<p>".to_owned()),
        Just("_".to_owned()),
        "[0-9]{1,4}(\\.[0-9]{1,2})?".prop_map(|s| s),
        "\\PC{0,12}".prop_map(|s| s),
    ]
}

fn grid() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::collection::vec(tokens(), 0..10), 0..40).prop_map(|rows| {
        rows.into_iter()
            .map(|r| r.join("\t"))
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// A seed with lines deleted, duplicated or cut at random points.
fn mutated(seed: &'static str) -> impl Strategy<Value = String> {
    let lines: Vec<&'static str> = seed.lines().collect();
    let n = lines.len();
    prop::collection::vec((0..n, 0u8..4, 0usize..40), 0..30).prop_map(move |edits| {
        let mut ls: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        for (i, op, cut) in edits {
            let i = i % ls.len().max(1);
            if ls.is_empty() {
                break;
            }
            match op {
                0 => {
                    ls.remove(i);
                }
                1 => {
                    let l = ls[i].clone();
                    ls.insert(i, l);
                }
                2 => {
                    let l = &ls[i];
                    let at = l.char_indices().nth(cut).map_or(l.len(), |(b, _)| b);
                    ls[i] = l[..at].to_owned();
                }
                _ => ls[i] = ls[i].replace('\t', "\t\t"),
            }
        }
        ls.join("\n")
    })
}

fn check(text: &str) {
    let doc = read_text(text, "prop");
    assert_eq!(doc.rows.placed + doc.rows.unread, doc.rows.table_rows);
    let json = doc.to_json();
    assert_eq!(jixiao::model::Document::from_json(&json).unwrap(), doc);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_grids(text in grid()) {
        check(&text);
    }

    #[test]
    fn arbitrary_text(text in "\\PC{0,600}") {
        check(&text);
    }

    #[test]
    fn mutated_seed_004(text in mutated(SEED_004)) {
        check(&text);
    }

    #[test]
    fn mutated_seed_002(text in mutated(SEED_002)) {
        check(&text);
    }

    #[test]
    fn mutated_seed_000(text in mutated(SEED_000)) {
        check(&text);
    }
}
