//! Workbooks, CSV and Word documents read into the same model as text.
//!
//! The fixtures in `tests/fixtures/workbooks/` and `tests/fixtures/word/` are made by the scripts there: the
//! tab-row seeds cell for cell (sheet row n, or body block n, = text line n), and one self-evaluation table of
//! seed 002 laid out as an Excel or Word user lays it out (merged cells, numbers as numbers).

use std::path::{Path, PathBuf};

mod common;

use common::{content, expect, first_difference, reading};
use jixiao::model::{Level1, Level2};
use jixiao::read::{read_bytes, read_path};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

#[test]
fn seeds_as_workbooks_and_csv_read_like_their_text() {
    let cases = [
        ("001_8ac005536caa6091", ".xlsx", "workbook"),
        ("001_8ac005536caa6091", ".csv", "csv"),
        ("002_64eb690d41cac579", ".xlsx", "workbook"),
        ("002_64eb690d41cac579", ".xls", "workbook"),
        ("002_64eb690d41cac579", ".csv", "csv"),
        ("003_4ea89972e077d80e", ".xlsx", "workbook"),
        ("003_4ea89972e077d80e", ".csv", "csv"),
        ("004_717b51cf7e2c8e2d", ".xlsx", "workbook"),
        ("004_717b51cf7e2c8e2d", ".csv", "csv"),
        ("004_717b51cf7e2c8e2d", ".gb18030.csv", "csv"),
        ("001_8ac005536caa6091", ".docx", "docx"),
        ("002_64eb690d41cac579", ".docx", "docx"),
        ("003_4ea89972e077d80e", ".docx", "docx"),
        ("004_717b51cf7e2c8e2d", ".docx", "docx"),
    ];
    for (seed, suffix, layout) in cases {
        let text = read_path(&fixtures().join(format!("documents/{seed}.txt"))).unwrap();
        let dir = if layout == "docx" {
            "word"
        } else {
            "workbooks"
        };
        let path = fixtures().join(format!("{dir}/{seed}{suffix}"));
        let doc = read_path(&path).unwrap_or_else(|e| panic!("{seed}{suffix}: {e}"));
        assert_eq!(doc.layout.as_deref(), Some(layout), "{seed}{suffix}");
        assert!(
            !doc.tables.is_empty() || !doc.allocations.is_empty(),
            "{seed}{suffix}"
        );
        let (a, b) = (content(&doc), content(&text));
        if let Some(d) = first_difference(&a, &b, "") {
            panic!("{seed}{suffix} differs from the text reading at {d}");
        }
        assert_eq!(a, b, "{seed}{suffix}");
        // Locations name the sheet of a workbook.
        if layout == "workbook" {
            let file = &doc
                .tables
                .first()
                .map_or_else(|| &doc.allocations[0].location, |t| &t.location)
                .file;
            assert!(file.ends_with(&format!("{seed}{suffix}#seed")), "{file}");
        }
    }
}

#[test]
fn gb18030_csv_is_detected() {
    let doc = read_path(&fixtures().join("workbooks/004_717b51cf7e2c8e2d.gb18030.csv")).unwrap();
    assert_eq!(doc.encoding.as_deref(), Some("gb18030"));
}

/// Table 1 of seed 002 (党组织建设) as an Excel user would lay it out; the expected values are the reader gold
/// for that table (`../shared/gold/reader/002_64eb690d41cac579.jsonl`, table_index 1).
#[test]
fn a_self_evaluation_laid_out_in_excel() {
    table_1_of_002(&fixtures().join("workbooks/self_eval_002_t1.xlsx"), 13);
}

/// The same table laid out in Word: merged cells by gridSpan and vMerge.
#[test]
fn a_self_evaluation_laid_out_in_word() {
    table_1_of_002(&fixtures().join("word/self_eval_002_t1.docx"), 12);
}

/// Checks a reading of table 1 of seed 002 against its gold; `first` is the line of its first indicator.
fn table_1_of_002(path: &Path, first: u32) {
    let doc = read_path(path).unwrap();
    assert!(doc.unread.is_empty(), "{:?}", doc.unread);
    assert_eq!(doc.rows.placed, doc.rows.table_rows);
    assert_eq!(doc.tables.len(), 1);
    let t = &doc.tables[0];
    assert_eq!(t.project.as_deref(), Some("党组织建设"));
    assert_eq!(t.code.as_deref(), Some("440300221111562000383"));
    assert_eq!(t.dept.as_deref(), Some("深圳市规划和自然资源局(本级)"));
    assert_eq!(t.unit.as_deref(), Some("深圳市规划和自然资源数据管理中心"));
    assert_eq!(t.year.as_deref(), Some("2024"));
    if doc.layout.as_deref() == Some("workbook") {
        assert_eq!(t.location.file.rsplit('#').next(), Some("党组织建设"));
    }
    let funds = t.funds.as_ref().expect("funds");
    assert_eq!(
        funds.total.executed.unwrap().yuan().unwrap().to_string(),
        "18256.9"
    );
    assert_eq!(
        funds.total.full_year.unwrap().yuan().unwrap().to_string(),
        "45711"
    );
    assert_eq!(funds.rate_percent.unwrap().to_string(), "39.94");
    assert_eq!(funds.score.unwrap().to_string(), "3.99");
    assert_eq!(funds.lines.len(), 3);
    assert_eq!(t.printed_total_score.unwrap().to_string(), "93.99");

    let rows: Vec<_> = t.indicators.iter().collect();
    assert_eq!(rows.len(), 12);
    use Level1::{Benefit, Output, Satisfaction};
    use Level2::*;
    #[rustfmt::skip]
    let expected = [
        (Output, Quantity, Some("党建宣传栏内容更新次数"), Some("≥1次"), Some("1"), "5", "5"),
        (Output, Quantity, Some("组织党员活动次数"), Some("≥4次"), Some("8"), "5", "5"),
        (Output, Quantity, Some("党员教育培训人次"), Some("≥考核年份党员总数"), Some("209"), "5", "5"),
        (Output, Quality, Some("党员活动室正常运转率"), Some("100%"), Some("100%"), "5", "5"),
        (Output, Timeliness, Some("员工活动实施效率"), Some("3个月内"), Some("1个月"), "10", "10"),
        (Output, Cost, Some("实际支出"), Some("不超年度预算"), Some("不超年度预算"), "20", "20"),
        (Benefit, EconomicBenefit, None, None, Some("不涉及"), "0", "0"),
        (Benefit, SocialBenefit, Some("党员党性修养"), Some("提高"), Some("提高"), "30", "30"),
        (Benefit, EcologicalBenefit, None, None, Some("不涉及"), "0", "0"),
        (Benefit, Sustainability, None, None, Some("不涉及"), "0", "0"),
        (Satisfaction, ServiceSatisfaction, Some("党员投诉数"), Some("<20份"), Some("0份"), "10", "10"),
        (Satisfaction, OtherSatisfaction, None, None, Some("不涉及"), "0", "0"),
    ];
    for (i, (ind, e)) in rows.iter().zip(expected).enumerate() {
        assert_eq!(
            reading(ind),
            expect(e.0, e.1, [e.2, e.3, e.4], e.5, e.6),
            "row {i}"
        );
        assert_eq!(ind.placeholder, e.2.is_none(), "row {i}");
        assert_eq!(ind.location.line, Some(first + i as u32), "row {i}");
    }
}

#[test]
fn broken_workbooks_are_located_errors() {
    for bytes in [
        &b"PK\x03\x04\x14\x00\x00\x00"[..],
        &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0][..],
    ] {
        let e = read_bytes(bytes, "bad.xlsx").unwrap_err();
        assert_eq!(e.location.file, "bad.xlsx");
        assert!(e.to_string().contains("spreadsheet"), "{e}");
    }
    // A truncated real workbook.
    let real = std::fs::read(fixtures().join("workbooks/003_4ea89972e077d80e.xlsx")).unwrap();
    for cut in [10, real.len() / 3, real.len() - 10] {
        assert!(
            read_bytes(&real[..cut], "cut.xlsx").is_err(),
            "cut at {cut}"
        );
    }
}

#[test]
fn csv_errors_and_oddities() {
    // An unterminated quote runs to the end of the file: one long cell, read, not a crash.
    let doc = read_bytes(
        "项目支出绩效自评表\n项目名称,\"未闭合\n".as_bytes(),
        "odd.csv",
    )
    .unwrap();
    assert_eq!(doc.layout.as_deref(), Some("csv"));
    assert_eq!(doc.rows.placed + doc.rows.unread, doc.rows.table_rows);
}
