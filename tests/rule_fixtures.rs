//! Every rule of the catalogue has a failing and a passing fixture (`tests/fixtures/rules/<CODE>/`), read by the
//! same readers users call: the rule must report exactly the lines `expect.toml` lists on `fail.*`, and nothing
//! on `pass.*`. A rule without fixtures, or without its doc and source, fails here.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use jixiao::check::{check, Options, Profile, RULES};
use jixiao::model::Document;

fn dir(code: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rules")
        .join(code)
}

fn fixture(code: &str, stem: &str) -> PathBuf {
    for ext in ["txt", "json", "csv", "xlsx"] {
        let p = dir(code).join(format!("{stem}.{ext}"));
        if p.exists() {
            return p;
        }
    }
    panic!("{code}: no {stem}.* fixture in {}", dir(code).display());
}

fn read(path: &Path) -> Document {
    let doc = jixiao::read::read_path(path).unwrap_or_else(|e| panic!("{e}"));
    // A fixture must read as intended: every row placed, no warning.
    assert!(
        doc.unread.is_empty() && doc.warnings.is_empty(),
        "{}: {:?} {:?}",
        path.display(),
        doc.unread,
        doc.warnings
    );
    doc
}

struct Expect {
    lines: BTreeSet<u32>,
    profile: Option<String>,
}

fn expect(code: &str) -> Expect {
    let text = std::fs::read_to_string(dir(code).join("expect.toml"))
        .unwrap_or_else(|_| panic!("{code}: no expect.toml"));
    let v: toml::Value = toml::from_str(&text).unwrap();
    Expect {
        lines: v["lines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_integer().unwrap() as u32)
            .collect(),
        profile: v.get("profile").and_then(|p| p.as_str()).map(str::to_owned),
    }
}

#[test]
fn every_rule_fails_its_failing_fixture_and_passes_its_passing_one() {
    let mut problems = Vec::new();
    for rule in RULES {
        let e = expect(rule.code);
        assert!(
            !e.lines.is_empty(),
            "{}: expect.toml lists no line",
            rule.code
        );
        let options = Options {
            profile: e.profile.as_deref().map(|p| Profile::load(p).unwrap()),
            select: vec![rule.code.to_owned()],
            ..Options::default()
        };
        let fail = read(&fixture(rule.code, "fail"));
        let found: BTreeSet<u32> = check(&fail, &options)
            .iter()
            .map(|f| {
                assert_eq!(f.code, rule.code);
                assert!(
                    !f.message_zh.contains('{') && !f.message_en.contains('{'),
                    "{}: {}",
                    rule.code,
                    f.message_en
                );
                f.line.expect("findings carry a line")
            })
            .collect();
        if found != e.lines {
            problems.push(format!(
                "{}: fail fixture reported at {found:?}, expected {:?}",
                rule.code, e.lines
            ));
        }
        let pass = read(&fixture(rule.code, "pass"));
        let found = check(&pass, &options);
        if !found.is_empty() {
            problems.push(format!(
                "{}: pass fixture reported {:?}",
                rule.code,
                found.iter().map(|f| &f.message_en).collect::<Vec<_>>()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_fixture_directory_belongs_to_a_rule() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
    for entry in std::fs::read_dir(root).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(
            RULES.iter().any(|r| r.code == name),
            "fixtures for unknown rule {name}"
        );
    }
}

#[test]
fn passing_fixtures_are_clean_under_every_rule() {
    // The passing fixtures are well-formed documents: no rule at all fires on the shared base ones.
    for code in ["W105", "I102", "M102"] {
        let doc = read(&fixture(code, "pass"));
        let findings = check(&doc, &Options::default());
        assert!(
            findings.is_empty(),
            "{code}: {:?}",
            findings.iter().map(|f| &f.message_en).collect::<Vec<_>>()
        );
    }
}
