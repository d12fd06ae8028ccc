//! `docs/rules/` holds one page per rule, generated from the catalogue's own text, so the docs cannot drift.
//! After changing a rule, regenerate with `JIXIAO_BLESS=1 cargo test --test rule_docs`.

use std::path::Path;

use jixiao::check::{docs, RULES};

#[test]
fn rule_pages_are_current() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules");
    let mut expected: Vec<(String, String)> = RULES
        .iter()
        .map(|r| (format!("{}.md", r.code), docs::page(r)))
        .collect();
    expected.push(("README.md".into(), docs::index()));
    if std::env::var_os("JIXIAO_BLESS").is_some() {
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(&dir).unwrap() {
            std::fs::remove_file(entry.unwrap().path()).unwrap();
        }
        for (name, text) in &expected {
            std::fs::write(dir.join(name), text).unwrap();
        }
    }
    let mut stale = Vec::new();
    for (name, text) in &expected {
        if std::fs::read_to_string(dir.join(name)).ok().as_deref() != Some(text.as_str()) {
            stale.push(name.clone());
        }
    }
    let on_disk = std::fs::read_dir(&dir).map_or(0, |d| d.count());
    assert!(
        stale.is_empty() && on_disk == expected.len(),
        "docs/rules is out of date ({stale:?}, {on_disk} files for {} pages): run JIXIAO_BLESS=1 cargo test --test rule_docs",
        expected.len()
    );
}
