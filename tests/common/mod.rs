//! Helpers shared by the reader tests: a document's content as JSON, and where two readings differ.

use jixiao::model::{Cell, Document, Indicator, Level1, Level2};
use serde_json::Value as Json;

/// The model as JSON with every file name blanked and the document's own description (source, layout,
/// encoding) dropped: what must not depend on the file format.
pub fn content(doc: &Document) -> Json {
    let mut v = serde_json::to_value(doc).unwrap();
    for key in ["source", "layout", "encoding"] {
        v.as_object_mut().unwrap().remove(key);
    }
    set_every(&mut v, "file", &Json::String(String::new()));
    v
}

/// Sets every value named `key`, at any depth, to `to`.
pub fn set_every(v: &mut Json, key: &str, to: &Json) {
    match v {
        Json::Object(map) => {
            for (k, v) in map.iter_mut() {
                if k == key {
                    *v = to.clone();
                } else {
                    set_every(v, key, to);
                }
            }
        }
        Json::Array(items) => items.iter_mut().for_each(|v| set_every(v, key, to)),
        _ => {}
    }
}

/// An indicator's reading as plain values: categories, name, target, actual, weight, score.
pub type Reading = (
    Option<Level1>,
    Option<Level2>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

pub fn reading(ind: &Indicator) -> Reading {
    let text = |c: &Option<Cell>| c.as_ref().map(|c| c.text.clone());
    (
        ind.level1,
        ind.level2,
        ind.name.clone(),
        text(&ind.target),
        text(&ind.actual),
        ind.weight.map(|w| w.to_string()),
        ind.score.map(|s| s.to_string()),
    )
}

/// A [`Reading`] written with string literals.
pub fn expect(
    level1: Level1,
    level2: Level2,
    texts: [Option<&str>; 3],
    weight: &str,
    score: &str,
) -> Reading {
    let own = |s: Option<&str>| s.map(str::to_owned);
    (
        Some(level1),
        Some(level2),
        own(texts[0]),
        own(texts[1]),
        own(texts[2]),
        Some(weight.to_owned()),
        Some(score.to_owned()),
    )
}

/// The first place two JSON values differ, for a readable failure.
pub fn first_difference(a: &Json, b: &Json, at: &str) -> Option<String> {
    match (a, b) {
        (Json::Object(x), Json::Object(y)) => x.iter().find_map(|(k, v)| {
            first_difference(v, y.get(k).unwrap_or(&Json::Null), &format!("{at}.{k}"))
        }),
        (Json::Array(x), Json::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (p, q))| first_difference(p, q, &format!("{at}[{i}]"))),
        _ if a == b => None,
        _ => Some(format!("{at}: {a} != {b}")),
    }
}
