//! Every hand-labelled value of the seed documents (`tests/fixtures/values/values_seeds.jsonl`, copied from
//! `shared/gold`) must read exactly as the gold reads it.

use jixiao::{parse, Value};
use rust_decimal::prelude::ToPrimitive;
use serde_json::Value as Json;

fn gold() -> Vec<Json> {
    let text = include_str!("fixtures/values/values_seeds.jsonl");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
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

/// The fields of one value that differ from the gold record, as `field: got != want`.
fn differences(v: &Value, g: &Json) -> Vec<String> {
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
    out
}

#[test]
fn every_gold_value_reads_as_labelled() {
    let gold = gold();
    assert_eq!(gold.len(), 580);
    let mut failures = Vec::new();
    for g in &gold {
        let text = g["text"].as_str().unwrap();
        let diffs = differences(&parse(text), g);
        if !diffs.is_empty() {
            failures.push(format!("{text:?}: {}", diffs.join("; ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} differ:\n{}",
        failures.len(),
        gold.len(),
        failures.join("\n")
    );
}
