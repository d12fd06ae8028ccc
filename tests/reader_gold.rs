//! The readers against the hand-checked gold of the five seed documents (`tests/fixtures/reader_gold/`, copied
//! from `shared/gold/reader/`; its SUMMARY.md says how to compare). Every table, indicator row and allocation row
//! must be found, and at least 98% of fields must read as the gold reads them.
//!
//! Comparison rules from the gold's conventions: strings of the OCR seed 002, and printed category labels
//! everywhere, are compared without white space; rows whose note starts with UNCERTAIN accept either category
//! reading. `cargo test --test reader_gold -- --nocapture` prints every difference.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value as Json;

use jixiao::model::{Document, Indicator, Table};

const SEEDS: &[&str] = &[
    "000_4d4b8abbc5176aaa",
    "001_8ac005536caa6091",
    "002_64eb690d41cac579",
    "003_4ea89972e077d80e",
    "004_717b51cf7e2c8e2d",
];

fn fixtures() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"))
}

fn read_seed(seed: &str) -> Document {
    let path = fixtures().join("documents").join(format!("{seed}.txt"));
    jixiao::read::read_path(&path).expect("seed reads")
}

fn gold(seed: &str) -> Vec<Json> {
    let path = fixtures().join("reader_gold").join(format!("{seed}.jsonl"));
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn gold_str(v: &Json) -> Option<String> {
    match v {
        Json::Null => None,
        Json::String(s) => Some(s.clone()),
        Json::Bool(b) => Some(b.to_string()),
        other => Some(other.to_string()),
    }
}

#[derive(Default)]
struct Tally {
    fields: u32,
    right: u32,
    by_field: BTreeMap<&'static str, (u32, u32)>,
    diffs: Vec<String>,
}

impl Tally {
    fn check(
        &mut self,
        field: &'static str,
        ours: Option<String>,
        gold: Option<String>,
        loose: bool,
        accept_any: bool,
        at: &str,
    ) {
        let norm = |s: Option<String>| {
            s.map(|s| if loose { squeeze(&s) } else { s })
                .filter(|s| !s.is_empty())
        };
        let ok = accept_any || norm(ours.clone()) == norm(gold.clone());
        self.fields += 1;
        let e = self.by_field.entry(field).or_default();
        e.0 += 1;
        if ok {
            self.right += 1;
            e.1 += 1;
        } else {
            self.diffs
                .push(format!("{at} {field}: ours {ours:?} gold {gold:?}"));
        }
    }
}

fn compare_indicator(t: &mut Tally, ours: &Indicator, g: &Json, ocr: bool, at: &str) {
    let uncertain = g["notes"].as_str().is_some_and(|n| n.contains("UNCERTAIN"));
    let s = |k: &str| gold_str(&g[k]);
    t.check(
        "level1",
        ours.level1.map(|l| l.as_str().to_owned()),
        s("level1"),
        false,
        uncertain,
        at,
    );
    t.check(
        "level2",
        ours.level2.map(|l| l.as_str().to_owned()),
        s("level2"),
        false,
        uncertain,
        at,
    );
    t.check(
        "level1_printed",
        ours.level1_printed.clone(),
        s("level1_printed"),
        true,
        uncertain,
        at,
    );
    t.check(
        "level2_printed",
        ours.level2_printed.clone(),
        s("level2_printed"),
        true,
        uncertain,
        at,
    );
    t.check("name", ours.name.clone(), s("name"), ocr, false, at);
    t.check(
        "cycle_target",
        ours.cycle_target.as_ref().map(|c| c.text.clone()),
        s("cycle_target"),
        ocr,
        false,
        at,
    );
    t.check(
        "target",
        ours.target.as_ref().map(|c| c.text.clone()),
        s("target"),
        ocr,
        false,
        at,
    );
    t.check(
        "actual",
        ours.actual.as_ref().map(|c| c.text.clone()),
        s("actual"),
        ocr,
        false,
        at,
    );
    t.check(
        "weight",
        ours.weight.map(|d| d.to_string()),
        s("weight"),
        false,
        false,
        at,
    );
    t.check(
        "score",
        ours.score.map(|d| d.to_string()),
        s("score"),
        false,
        false,
        at,
    );
    t.check(
        "deviation",
        ours.deviation.clone(),
        s("deviation"),
        ocr,
        false,
        at,
    );
    t.check(
        "placeholder",
        Some(ours.placeholder.to_string()),
        s("placeholder"),
        false,
        false,
        at,
    );
}

fn compare_table(t: &mut Tally, ours: &Table, g: &Json, at: &str) {
    let s = |k: &str| gold_str(&g[k]);
    t.check(
        "t.project",
        ours.project.clone(),
        s("project"),
        true,
        false,
        at,
    );
    t.check("t.code", ours.code.clone(), s("code"), true, false, at);
    t.check("t.unit", ours.unit.clone(), s("unit"), true, false, at);
    t.check("t.dept", ours.dept.clone(), s("dept"), true, false, at);
    t.check("t.year", ours.year.clone(), s("year"), true, false, at);
    let period = ours.period.as_ref().map(|(a, b)| format!("{a}|{b}"));
    let gold_period = g["period"].as_array().map(|p| {
        format!(
            "{}|{}",
            p[0].as_str().unwrap_or(""),
            p[1].as_str().unwrap_or("")
        )
    });
    t.check("t.period", period, gold_period, true, false, at);
    t.check(
        "t.unit_of_money",
        ours.money_unit.map(|u| u.as_str().to_owned()),
        s("unit_of_money"),
        false,
        false,
        at,
    );
    t.check(
        "t.printed_total_score",
        ours.printed_total_score.map(|d| d.to_string()),
        s("printed_total_score"),
        false,
        false,
        at,
    );
    let funds = &g["funds"];
    if !funds.is_null() {
        let f = ours.funds.as_ref();
        let money = |m: Option<&jixiao::model::Money>| m.map(|m| m.amount.to_string());
        t.check(
            "t.funds.initial",
            f.and_then(|f| money(f.total.initial.as_ref())),
            gold_str(&funds["initial"]),
            false,
            false,
            at,
        );
        t.check(
            "t.funds.full_year",
            f.and_then(|f| money(f.total.full_year.as_ref())),
            gold_str(&funds["full_year"]),
            false,
            false,
            at,
        );
        t.check(
            "t.funds.executed",
            f.and_then(|f| money(f.total.executed.as_ref())),
            gold_str(&funds["executed"]),
            false,
            false,
            at,
        );
        t.check(
            "t.funds.weight",
            f.and_then(|f| f.weight.map(|d| d.to_string())),
            gold_str(&funds["weight"]),
            false,
            false,
            at,
        );
        t.check(
            "t.funds.rate",
            f.and_then(|f| f.rate_percent.map(|d| d.to_string())),
            gold_str(&funds["rate"]).map(|r| r.trim_end_matches('%').to_owned()),
            false,
            false,
            at,
        );
        t.check(
            "t.funds.score",
            f.and_then(|f| f.score.map(|d| d.to_string())),
            gold_str(&funds["score"]),
            false,
            false,
            at,
        );
    }
}

struct SeedResult {
    tables: (usize, usize),
    indicators: (usize, usize),
    allocation_rows: (usize, usize),
    rows: Tally,
    tables_tally: Tally,
}

fn compare_seed(seed: &str) -> SeedResult {
    let doc = read_seed(seed);
    let gold = gold(seed);
    let ocr = seed.starts_with("002");
    let gold_tables: Vec<&Json> = gold.iter().filter(|r| r["type"] == "table").collect();
    let gold_rows: Vec<&Json> = gold.iter().filter(|r| r["type"] == "indicator").collect();
    let gold_alloc: Vec<&Json> = gold
        .iter()
        .filter(|r| r["type"] == "allocation")
        .flat_map(|r| r["rows"].as_array().unwrap().iter())
        .collect();
    let mut rows = Tally::default();
    let mut tables_tally = Tally::default();
    let mut found_rows = 0;
    for (ti, gt) in gold_tables.iter().enumerate() {
        let Some(ours) = doc.tables.get(ti) else {
            continue;
        };
        compare_table(&mut tables_tally, ours, gt, &format!("{seed} T{ti}"));
        for g in gold_rows.iter().filter(|g| g["table_index"] == ti) {
            let r = g["row"].as_u64().unwrap() as usize;
            let at = format!("{seed} T{ti} r{r} [{}]", g["source_line"]);
            match ours.indicators.get(r) {
                Some(ind) => {
                    found_rows += 1;
                    compare_indicator(&mut rows, ind, g, ocr, &at);
                }
                None => rows.diffs.push(format!("{at}: row missing")),
            }
        }
        if ours.indicators.len() != gold_rows.iter().filter(|g| g["table_index"] == ti).count() {
            rows.diffs.push(format!(
                "{seed} T{ti}: {} rows read, gold has {}",
                ours.indicators.len(),
                gold_rows.iter().filter(|g| g["table_index"] == ti).count()
            ));
        }
    }
    let ours_alloc: Vec<_> = doc.allocations.iter().flat_map(|a| a.rows.iter()).collect();
    for (i, g) in gold_alloc.iter().enumerate() {
        let Some(o) = ours_alloc.get(i) else { continue };
        let at = format!("{seed} A r{i}");
        tables_tally.check(
            "a.seq",
            o.seq.map(|s| s.to_string()),
            gold_str(&g["seq"]),
            false,
            false,
            &at,
        );
        tables_tally.check(
            "a.project",
            o.project.clone(),
            gold_str(&g["project"]),
            false,
            false,
            &at,
        );
        tables_tally.check(
            "a.unit",
            o.unit.clone(),
            gold_str(&g["unit"]),
            false,
            false,
            &at,
        );
        tables_tally.check(
            "a.amount_wan",
            o.amount.map(|m| m.amount.to_string()),
            gold_str(&g["amount_wan"]),
            false,
            false,
            &at,
        );
        tables_tally.check(
            "a.note",
            o.note.clone(),
            gold_str(&g["note"]),
            false,
            false,
            &at,
        );
    }
    SeedResult {
        tables: (doc.tables.len(), gold_tables.len()),
        indicators: (found_rows, gold_rows.len()),
        allocation_rows: (ours_alloc.len(), gold_alloc.len()),
        rows,
        tables_tally,
    }
}

#[test]
fn seeds_read_as_the_gold_reads_them() {
    let mut all_rows = Tally::default();
    let mut all_tables = Tally::default();
    let mut missing = Vec::new();
    for seed in SEEDS {
        let r = compare_seed(seed);
        println!(
            "{seed}: tables {}/{}, indicator rows {}/{}, allocation rows {}/{}, indicator fields {}/{}, table fields {}/{}",
            r.tables.0, r.tables.1, r.indicators.0, r.indicators.1, r.allocation_rows.0, r.allocation_rows.1,
            r.rows.right, r.rows.fields, r.tables_tally.right, r.tables_tally.fields
        );
        if r.tables.0 != r.tables.1
            || r.indicators.0 != r.indicators.1
            || r.allocation_rows.0 != r.allocation_rows.1
        {
            missing.push(seed.to_string());
        }
        for (k, v) in r.rows.by_field {
            let e = all_rows.by_field.entry(k).or_default();
            e.0 += v.0;
            e.1 += v.1;
        }
        all_rows.fields += r.rows.fields;
        all_rows.right += r.rows.right;
        all_rows.diffs.extend(r.rows.diffs);
        all_tables.fields += r.tables_tally.fields;
        all_tables.right += r.tables_tally.right;
        all_tables.diffs.extend(r.tables_tally.diffs);
    }
    for d in all_rows.diffs.iter().chain(&all_tables.diffs) {
        println!("  {d}");
    }
    for (k, (n, ok)) in &all_rows.by_field {
        println!("  {k}: {ok}/{n}");
    }
    let share = f64::from(all_rows.right) / f64::from(all_rows.fields.max(1));
    let table_share = f64::from(all_tables.right) / f64::from(all_tables.fields.max(1));
    println!(
        "ALL: indicator fields {}/{} ({:.2}%), table and allocation fields {}/{} ({:.2}%)",
        all_rows.right,
        all_rows.fields,
        share * 100.0,
        all_tables.right,
        all_tables.fields,
        table_share * 100.0
    );
    assert!(
        missing.is_empty(),
        "tables or rows not found in {missing:?}"
    );
    assert!(
        share >= 0.98,
        "indicator fields right: {:.2}%",
        share * 100.0
    );
    assert!(
        table_share >= 0.99,
        "table fields right: {:.2}%",
        table_share * 100.0
    );
}

#[test]
fn every_table_row_is_placed_or_unread() {
    for seed in SEEDS {
        let doc = read_seed(seed);
        let r = &doc.rows;
        assert_eq!(r.placed + r.unread, r.table_rows, "{seed}");
        assert_eq!(
            r.unread as usize,
            doc.unread
                .iter()
                .filter(|u| !u.reason.contains("inline item"))
                .count(),
            "{seed}"
        );
        // Every line with a tab inside a table region is a row the reader saw: the count of tab lines from the
        // first table's title to the end is at most the rows seen plus the prose lines it skipped.
        assert!(r.table_rows > 0, "{seed}");
    }
}
