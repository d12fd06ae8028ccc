//! The JSON Schema shipped in the Python package is the one the model derives, so it cannot drift.
//! After a model change, regenerate it with `JIXIAO_BLESS=1 cargo test --test json_schema`.

use std::path::Path;

use jixiao::model::Document;

#[test]
fn shipped_schema_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("python/jixiao/document.schema.json");
    let schema = Document::json_schema();
    if std::env::var_os("JIXIAO_BLESS").is_some() {
        std::fs::write(&path, &schema).unwrap();
    }
    let shipped = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        shipped == schema,
        "python/jixiao/document.schema.json is out of date: run JIXIAO_BLESS=1 cargo test --test json_schema"
    );
}

#[test]
fn schema_describes_the_model() {
    let schema: serde_json::Value = serde_json::from_str(&Document::json_schema()).unwrap();
    assert_eq!(schema["title"], "Document");
    let props = schema["properties"].as_object().unwrap();
    for key in [
        "source",
        "tables",
        "allocations",
        "warnings",
        "unread",
        "rows",
    ] {
        assert!(props.contains_key(key), "{key}");
    }
    let defs = schema["$defs"].as_object().unwrap();
    for def in [
        "Table",
        "Indicator",
        "Funds",
        "Money",
        "Cell",
        "Value",
        "Level1",
        "Level2",
        "Allocation",
    ] {
        assert!(defs.contains_key(def), "{def}");
    }
    // Money is exact: amounts are decimal strings, never floats.
    let amount = &defs["Money"]["properties"]["amount"];
    assert!(amount.to_string().contains("string"), "{amount}");
    // The categories are the closed lists of the official trees.
    assert!(defs["Level1"].to_string().contains("满意度指标"));
}
