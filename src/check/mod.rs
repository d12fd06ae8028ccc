//! Checks: a catalogue of coded rules that find the defects of a performance document, under a framework
//! [`Profile`].
//!
//! Every rule is a [`Rule`] value with a stable code, a name, a severity, a title and message templates in
//! Chinese and English, a doc text that says what it checks and why, and its source. The catalogue is
//! [`RULES`]; the rules live in one module per concern:
//! - [`hierarchy`]: the indicator tree (H);
//! - [`indicators`]: how each indicator is written (I);
//! - [`weights`]: weights, scores, totals, execution rate and grade (W);
//! - [`integrity`]: whether self-scores are supported by the actuals (S);
//! - [`money`]: allocation plans and amounts (M);
//! - [`time`]: deadlines (T).
//!
//! Each rule has a failing and a passing fixture under `tests/fixtures/rules/<CODE>/`.

pub mod docs;
pub mod hierarchy;
pub mod indicators;
pub mod integrity;
pub mod money;
pub mod profile;
pub mod time;
pub mod weights;

use serde::{Deserialize, Serialize};

use crate::model::{Document, Indicator, Table};
pub use profile::{Profile, ProfileError};

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; not a defect by the rules.
    Info,
    /// Against a rule stated "in principle" (原则上) or a local practice; a defect unless explained.
    Warning,
    /// Against an arithmetic or a binding rule: the document is wrong.
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// What a rule looks at.
#[derive(Clone, Copy)]
pub enum Check {
    /// One table at a time, under the table's profile.
    Table(fn(&TableCtx, &mut Sink)),
    /// The whole document (allocation plans, agreement between tables).
    Document(fn(&Document, &mut Sink)),
}

/// One rule of the catalogue.
pub struct Rule {
    /// Stable code (`W104`): never reused for another rule.
    pub code: &'static str,
    /// Short kebab-case name (`score-above-weight`).
    pub name: &'static str,
    pub severity: Severity,
    pub title_zh: &'static str,
    pub title_en: &'static str,
    /// What it checks and why, in plain words.
    pub doc: &'static str,
    /// The official source (document number and article), or the practice it follows.
    pub source: &'static str,
    /// Message templates over the finding's named values: `{score}` is replaced by the value named `score`.
    pub message_zh: &'static str,
    pub message_en: &'static str,
    pub check: Check,
}

/// The whole catalogue, in code order.
pub static RULES: &[&Rule] = &[
    &hierarchy::H101,
    &hierarchy::H102,
    &hierarchy::H103,
    &hierarchy::H104,
    &hierarchy::H105,
    &indicators::I101,
    &indicators::I102,
    &indicators::I103,
    &indicators::I104,
    &indicators::I105,
    &indicators::I106,
    &money::M101,
    &money::M102,
    &money::M103,
    &money::M104,
    &integrity::S101,
    &integrity::S102,
    &integrity::S103,
    &integrity::S104,
    &integrity::S105,
    &time::T101,
    &weights::W101,
    &weights::W102,
    &weights::W103,
    &weights::W104,
    &weights::W105,
    &weights::W106,
    &weights::W107,
    &weights::W108,
];

/// A rule by its code.
pub fn rule(code: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.code == code)
}

/// One defect found: which rule, where, and the values involved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub code: String,
    pub severity: Severity,
    pub message_zh: String,
    pub message_en: String,
    /// The document's source.
    pub doc: String,
    /// Index of the table in the document (None for allocation plans and whole-document findings).
    pub table: Option<usize>,
    /// Index of the indicator in its table, or of the row in its allocation plan.
    pub row: Option<usize>,
    /// The field the finding is about (`score`, `weight`, `target`, `funds.rate`, …).
    pub field: Option<String>,
    /// The line in the source file.
    pub line: Option<u32>,
    /// The profile the table was checked under.
    pub profile: Option<String>,
    /// The values involved, by name (the message templates use them).
    pub values: Vec<(String, String)>,
}

/// A table with what the rules need around it.
pub struct TableCtx<'a> {
    pub doc: &'a Document,
    pub index: usize,
    pub table: &'a Table,
    pub profile: &'a Profile,
}

impl TableCtx<'_> {
    /// Indicators that are real rows, not placeholders for an unused category.
    pub fn indicators(&self) -> impl Iterator<Item = (usize, &Indicator)> {
        self.table
            .indicators
            .iter()
            .enumerate()
            .filter(|(_, i)| !i.placeholder)
    }
}

/// Where a rule writes its findings.
pub struct Sink<'a> {
    rule: &'static Rule,
    doc: &'a str,
    table: Option<usize>,
    profile: Option<&'a str>,
    out: &'a mut Vec<Finding>,
}

impl Sink<'_> {
    /// Records a finding at a row (or the table when `row` is None).
    pub fn emit(
        &mut self,
        row: Option<usize>,
        field: &str,
        line: Option<u32>,
        values: &[(&str, String)],
    ) {
        self.emit_in(self.table, row, field, line, values);
    }

    /// Records a finding in another table (or none) than the one being checked.
    pub fn emit_in(
        &mut self,
        table: Option<usize>,
        row: Option<usize>,
        field: &str,
        line: Option<u32>,
        values: &[(&str, String)],
    ) {
        let render = |template: &str| {
            let mut s = template.to_owned();
            for (k, v) in values {
                s = s.replace(&format!("{{{k}}}"), v);
            }
            s
        };
        self.out.push(Finding {
            code: self.rule.code.to_owned(),
            severity: self.rule.severity,
            message_zh: render(self.rule.message_zh),
            message_en: render(self.rule.message_en),
            doc: self.doc.to_owned(),
            table,
            row,
            field: (!field.is_empty()).then(|| field.to_owned()),
            line,
            profile: self.profile.map(str::to_owned),
            values: values
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect(),
        });
    }
}

/// Which rules to run and under which profile.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// A profile for every table; `None` detects one per table ([`Profile::detect`]).
    pub profile: Option<Profile>,
    /// Run only these codes (all when empty).
    pub select: Vec<String>,
    /// Skip these codes.
    pub ignore: Vec<String>,
}

/// Checks one document: every finding of every selected rule, ordered by table, row and code.
pub fn check(doc: &Document, options: &Options) -> Vec<Finding> {
    let profiles: Vec<&Profile> = doc
        .tables
        .iter()
        .map(|t| {
            options
                .profile
                .as_ref()
                .unwrap_or_else(|| Profile::detect(t))
        })
        .collect();
    let mut out = Vec::new();
    for rule in RULES.iter().copied() {
        let selected = options.select.is_empty() || options.select.iter().any(|c| c == rule.code);
        if !selected || options.ignore.iter().any(|c| c == rule.code) {
            continue;
        }
        match rule.check {
            Check::Table(f) => {
                for (index, (table, profile)) in doc.tables.iter().zip(&profiles).enumerate() {
                    let ctx = TableCtx {
                        doc,
                        index,
                        table,
                        profile,
                    };
                    let mut sink = Sink {
                        rule,
                        doc: &doc.source,
                        table: Some(index),
                        profile: Some(&profile.name),
                        out: &mut out,
                    };
                    f(&ctx, &mut sink);
                }
            }
            Check::Document(f) => {
                let mut sink = Sink {
                    rule,
                    doc: &doc.source,
                    table: None,
                    profile: None,
                    out: &mut out,
                };
                f(doc, &mut sink);
            }
        }
    }
    out.sort_by(|a, b| {
        (a.table.is_none(), a.table, a.row, a.line, &a.code).cmp(&(
            b.table.is_none(),
            b.table,
            b.row,
            b.line,
            &b.code,
        ))
    });
    out
}

/// Checks many documents, in parallel on the crate's pool; findings in document order.
pub fn check_all(docs: &[&Document], options: &Options) -> Vec<Finding> {
    use rayon::prelude::*;
    let per_doc: Vec<Vec<Finding>> = match crate::parallel::pool() {
        Some(pool) if docs.len() > 1 => {
            pool.install(|| docs.par_iter().map(|d| check(d, options)).collect())
        }
        _ => docs.iter().map(|d| check(d, options)).collect(),
    };
    per_doc.into_iter().flatten().collect()
}

/// A decimal for messages: no trailing zeros (`10`, `3.99`).
pub(crate) fn num(d: rust_decimal::Decimal) -> String {
    d.normalize().to_string()
}

/// The line of an indicator.
pub(crate) fn line_of(ind: &Indicator) -> Option<u32> {
    ind.location.line
}

/// The name of an indicator for messages.
pub(crate) fn name_of(ind: &Indicator) -> String {
    ind.name.clone().unwrap_or_else(|| "（无名称）".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_is_well_formed() {
        let mut codes = std::collections::HashSet::new();
        for r in RULES {
            assert!(codes.insert(r.code), "duplicate code {}", r.code);
            assert!(r.code.len() == 4, "{}", r.code);
            assert!(!r.doc.is_empty() && !r.source.is_empty(), "{}", r.code);
            assert!(
                !r.title_zh.is_empty() && !r.title_en.is_empty(),
                "{}",
                r.code
            );
            assert!(
                r.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit()),
                "{}",
                r.name
            );
        }
        let mut sorted: Vec<_> = RULES.iter().map(|r| r.code).collect();
        sorted.sort_unstable();
        assert_eq!(sorted, RULES.iter().map(|r| r.code).collect::<Vec<_>>());
    }
}
