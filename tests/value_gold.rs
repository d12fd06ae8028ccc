//! Every hand-labelled value must read exactly as its gold reads it:
//! - `values_seeds.jsonl`: the target and actual strings of the seeds (copied from `shared/gold`);
//! - `values_corpus.jsonl`: those of the real corpus documents (`shared/corpus/gold`), each string once;
//! - `values_field.jsonl`: the value classes of real documents beyond both (issue 13), a few strings per class.
//!
//! The conventions are `shared/gold/VALUES.md` and `docs/values.md`.

use jixiao::{parse_in, Context, Role, Value};
use rust_decimal::prelude::ToPrimitive;
use serde_json::Value as Json;

fn gold(text: &str) -> Vec<Json> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The context a record gives: the table's year and the cell's column, when labelled.
fn context(g: &Json) -> Context {
    Context {
        year: g
            .get("year")
            .and_then(Json::as_u64)
            .and_then(|y| u16::try_from(y).ok()),
        role: match g.get("role").and_then(Json::as_str) {
            Some("target") => Role::Target,
            Some("actual") => Role::Actual,
            _ => Role::Unknown,
        },
    }
}

fn num_eq(got: Option<f64>, want: &Json) -> bool {
    match (got, want.as_f64()) {
        (None, None) => true,
        (Some(g), Some(w)) => (g - w).abs() <= 1e-9 * w.abs().max(1.0),
        _ => false,
    }
}

fn str_eq(got: Option<&str>, want: &Json) -> bool {
    got == want.as_str()
}

/// The fields of one value that differ from the gold record, as `field: got != want`. `remarks`: the file labels
/// annotations and OCR repairs (the seeds' gold predates them).
fn differences(v: &Value, g: &Json, remarks: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |field: &str, ok: bool, got: String| {
        if !ok {
            out.push(format!("{field}: got {got}, want {}", g[field]));
        }
    };
    let f = |d: Option<rust_decimal::Decimal>| d.and_then(|d| d.to_f64());
    check(
        "kind",
        v.kind.as_str() == g["kind"].as_str().unwrap(),
        v.kind.to_string(),
    );
    check(
        "op",
        str_eq(v.op.map(|o| o.as_str()), &g["op"]),
        format!("{:?}", v.op),
    );
    check(
        "value",
        num_eq(f(v.value), &g["value"]),
        format!("{:?}", v.value),
    );
    check("low", num_eq(f(v.low), &g["low"]), format!("{:?}", v.low));
    check(
        "high",
        num_eq(f(v.high), &g["high"]),
        format!("{:?}", v.high),
    );
    check(
        "unit",
        str_eq(v.unit.as_deref(), &g["unit"]),
        format!("{:?}", v.unit),
    );
    let date = v.date.map(|d| d.to_string());
    check(
        "date",
        str_eq(date.as_deref(), &g["date"]),
        format!("{date:?}"),
    );
    check(
        "duration_s",
        num_eq(f(v.duration_s), &g["duration_s"]),
        format!("{:?}", v.duration_s),
    );
    check(
        "level",
        str_eq(v.level.map(|l| l.as_str()), &g["level"]),
        format!("{:?}", v.level),
    );
    let quals: Vec<&str> = v.qual.iter().map(|q| q.as_str()).collect();
    let want_quals: Vec<&str> = g
        .get("qual")
        .and_then(Json::as_array)
        .map_or(vec![], |a| a.iter().filter_map(Json::as_str).collect());
    check("qual", quals == want_quals, format!("{quals:?}"));
    check(
        "per",
        str_eq(
            v.per.map(|p| p.as_str()),
            g.get("per").unwrap_or(&Json::Null),
        ),
        format!("{:?}", v.per),
    );
    check(
        "ref",
        str_eq(v.reference.as_deref(), g.get("ref").unwrap_or(&Json::Null)),
        format!("{:?}", v.reference),
    );
    if remarks {
        check(
            "annotation",
            str_eq(
                v.annotation.as_deref(),
                g.get("annotation").unwrap_or(&Json::Null),
            ),
            format!("{:?}", v.annotation),
        );
        check(
            "ocr_repaired",
            v.ocr_repaired
                == g.get("ocr_repaired")
                    .and_then(Json::as_bool)
                    .unwrap_or(false),
            v.ocr_repaired.to_string(),
        );
    }
    out
}

/// Reads every record of a gold file; returns the failures, one line each.
fn failures(gold: &[Json], remarks: bool) -> Vec<String> {
    let mut failures = Vec::new();
    for g in gold {
        let text = g["text"].as_str().unwrap();
        let diffs = differences(&parse_in(text, &context(g)), g, remarks);
        if !diffs.is_empty() {
            failures.push(format!("{text:?}: {}", diffs.join("; ")));
        }
    }
    failures
}

fn assert_all_read(name: &str, gold: &[Json], remarks: bool) {
    let failures = failures(gold, remarks);
    assert!(
        failures.is_empty(),
        "{name}: {} of {} differ:\n{}",
        failures.len(),
        gold.len(),
        failures.join("\n")
    );
}

#[test]
fn every_seed_value_reads_as_labelled() {
    let gold = gold(include_str!("fixtures/values/values_seeds.jsonl"));
    assert_eq!(gold.len(), 580);
    assert_all_read("values_seeds", &gold, false);
}

#[test]
fn every_corpus_value_reads_as_labelled() {
    let gold = gold(include_str!("fixtures/values/values_corpus.jsonl"));
    assert_eq!(gold.len(), 236);
    assert_all_read("values_corpus", &gold, true);
}

/// One test per class of issue 13, so that a failure names the class.
#[test]
fn every_field_class_reads_as_labelled() {
    let gold = gold(include_str!("fixtures/values/values_field.jsonl"));
    let mut classes: Vec<&str> = gold.iter().filter_map(|g| g["class"].as_str()).collect();
    classes.dedup();
    assert!(classes.len() >= 14, "{classes:?}");
    let mut all = Vec::new();
    for class in classes {
        let of_class: Vec<Json> = gold
            .iter()
            .filter(|g| g["class"] == class)
            .cloned()
            .collect();
        all.extend(
            failures(&of_class, true)
                .into_iter()
                .map(|f| format!("[{class}] {f}")),
        );
    }
    assert!(all.is_empty(), "{} differ:\n{}", all.len(), all.join("\n"));
}
