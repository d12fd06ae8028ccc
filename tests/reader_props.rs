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

/// The Word body of the 003 fixture, for mutation.
fn word_body() -> String {
    use std::io::Read;
    let bytes = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/word/003_4ea89972e077d80e.docx"),
    )
    .unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Cut, spliced and garbled Word XML: rows or a located error, never a panic.
    #[test]
    fn mutated_word_xml(cut in 0usize..20_000, insert in "\\PC{0,40}", at in 0usize..20_000) {
        let xml = word_body();
        let mut chars: Vec<char> = xml.chars().collect();
        let at = at.min(chars.len());
        chars.splice(at..at, insert.chars());
        let cut = cut.min(chars.len());
        let text: String = chars[..chars.len() - cut / 4].iter().collect();
        let _ = jixiao::read::word::body_rows(&text);
    }

    /// Random bytes behind a ZIP or OLE signature: a document or an error, never a panic.
    #[test]
    fn random_containers(body in proptest::collection::vec(any::<u8>(), 0..4000), ole in any::<bool>()) {
        let mut bytes = if ole {
            vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
        } else {
            b"PK\x03\x04".to_vec()
        };
        bytes.extend(body);
        let _ = jixiao::read::read_bytes(&bytes, "random.bin");
    }
}
