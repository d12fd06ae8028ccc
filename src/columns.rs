//! Many parsed values as columns (struct of arrays), built in parallel, ready to hand to numpy without a Python
//! object per row.
//!
//! Floats appear here only because numpy and pandas plot and filter with them; the exact values stay available
//! through [`crate::Value`] (rust_decimal) for anyone who needs them.

use std::borrow::Cow;
use std::collections::HashMap;

use rayon::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::value::{Parser, Value};

/// Below this many cells, parsing stays on the calling thread (spawning costs more than it saves).
pub const PARALLEL_THRESHOLD: usize = 16_384;
const CHUNK: usize = 8_192;

/// A string column stored as codes into a list of distinct strings (`-1` is null), which pandas turns into a
/// `Categorical` without building a Python string per row.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dictionary {
    pub codes: Vec<i32>,
    pub categories: Vec<String>,
    index: HashMap<Cow<'static, str>, i32>,
}

impl Dictionary {
    fn push(&mut self, s: Option<&Cow<'static, str>>) {
        let code = match s {
            None => -1,
            Some(s) => match self.index.get(s.as_ref()) {
                Some(&c) => c,
                None => {
                    let c = i32::try_from(self.categories.len()).unwrap_or(i32::MAX);
                    self.categories.push(s.to_string());
                    self.index.insert(s.clone(), c);
                    c
                }
            },
        };
        self.codes.push(code);
    }

    fn append(&mut self, other: Dictionary) {
        let remap: Vec<i32> = other
            .categories
            .into_iter()
            .map(|s| {
                let cow: Cow<'static, str> = Cow::Owned(s);
                match self.index.get(cow.as_ref()) {
                    Some(&c) => c,
                    None => {
                        let c = i32::try_from(self.categories.len()).unwrap_or(i32::MAX);
                        self.categories.push(cow.to_string());
                        self.index.insert(cow, c);
                        c
                    }
                }
            })
            .collect();
        self.codes.extend(
            other
                .codes
                .into_iter()
                .map(|c| if c < 0 { c } else { remap[c as usize] }),
        );
    }

    /// The string at row `i`.
    pub fn get(&self, i: usize) -> Option<&str> {
        let c = *self.codes.get(i)?;
        (c >= 0).then(|| self.categories[c as usize].as_str())
    }
}

/// The value fields of many cells, one vector per field. Enum fields are codes into the `ALL` arrays of their
/// types (`Kind::ALL`, `Op::ALL`, …), with `-1` for null; numbers are `f64` with NaN for null; dates are days since
/// 1970-01-01 with `i64::MIN` for null (numpy's NaT).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ValueColumns {
    pub kind: Vec<i8>,
    pub op: Vec<i8>,
    pub value: Vec<f64>,
    pub low: Vec<f64>,
    pub high: Vec<f64>,
    pub unit: Dictionary,
    pub date: Vec<i64>,
    pub duration_s: Vec<f64>,
    pub level: Vec<i8>,
    /// Bit `n` set means `Qual::ALL[n]`.
    pub qual: Vec<u8>,
    pub per: Vec<i8>,
    pub reference: Dictionary,
}

/// Null date, as numpy spells NaT in `datetime64` storage.
pub const NAT: i64 = i64::MIN;

fn f(d: Option<Decimal>) -> f64 {
    d.and_then(|d| d.to_f64()).unwrap_or(f64::NAN)
}

fn code<T: Copy>(x: Option<T>, to: impl Fn(T) -> u8) -> i8 {
    x.map_or(-1, |x| to(x) as i8)
}

impl ValueColumns {
    pub fn with_capacity(n: usize) -> Self {
        ValueColumns {
            kind: Vec::with_capacity(n),
            op: Vec::with_capacity(n),
            value: Vec::with_capacity(n),
            low: Vec::with_capacity(n),
            high: Vec::with_capacity(n),
            unit: Dictionary {
                codes: Vec::with_capacity(n),
                ..Dictionary::default()
            },
            date: Vec::with_capacity(n),
            duration_s: Vec::with_capacity(n),
            level: Vec::with_capacity(n),
            qual: Vec::with_capacity(n),
            per: Vec::with_capacity(n),
            reference: Dictionary {
                codes: Vec::with_capacity(n),
                ..Dictionary::default()
            },
        }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.kind.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.kind.is_empty()
    }

    /// Appends one parsed value as a row.
    pub fn push(&mut self, v: &Value) {
        self.kind.push(v.kind as i8);
        self.op.push(code(v.op, |o| o as u8));
        self.value.push(f(v.value));
        self.low.push(f(v.low));
        self.high.push(f(v.high));
        self.unit.push(v.unit.as_ref());
        self.date.push(v.date.map_or(NAT, |d| d.days_since_epoch()));
        self.duration_s.push(f(v.duration_s));
        self.level.push(code(v.level, |l| l as u8));
        self.qual.push(v.qual.bits());
        self.per.push(code(v.per, |p| p as u8));
        self.reference.push(v.reference.as_ref());
    }

    /// Appends a row for a cell that is absent (no text at all): every column null, kind included.
    pub fn push_missing(&mut self) {
        let empty = Value::of_kind(crate::value::Kind::Unknown);
        self.push(&empty);
        if let Some(k) = self.kind.last_mut() {
            *k = -1;
        }
    }

    fn append(&mut self, other: ValueColumns) {
        self.kind.extend(other.kind);
        self.op.extend(other.op);
        self.value.extend(other.value);
        self.low.extend(other.low);
        self.high.extend(other.high);
        self.unit.append(other.unit);
        self.date.extend(other.date);
        self.duration_s.extend(other.duration_s);
        self.level.extend(other.level);
        self.qual.extend(other.qual);
        self.per.extend(other.per);
        self.reference.append(other.reference);
    }

    fn parse_chunk<S: AsRef<str>>(texts: &[S]) -> Self {
        let mut parser = Parser::new();
        let mut cols = ValueColumns::with_capacity(texts.len());
        for t in texts {
            cols.push(&parser.parse(t.as_ref()));
        }
        cols
    }

    /// Parses every text, in input order, on all cores when there are many (see [`crate::parallel`]).
    pub fn parse_all<S: AsRef<str> + Sync>(texts: &[S]) -> Self {
        let pool = match crate::parallel::pool() {
            Some(pool) if texts.len() >= PARALLEL_THRESHOLD => pool,
            _ => return Self::parse_chunk(texts),
        };
        let parts: Vec<ValueColumns> =
            pool.install(|| texts.par_chunks(CHUNK).map(Self::parse_chunk).collect());
        let mut all = ValueColumns::with_capacity(texts.len());
        for p in parts {
            all.append(p);
        }
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_and_serial_agree_and_keep_order() {
        let base = [
            "≥95%",
            "2—3家",
            "每月1次",
            "不超年度预算",
            "2024年底",
            "达标",
            "/",
            "约 5 万 km ²",
            "课研",
        ];
        let texts: Vec<String> = (0..PARALLEL_THRESHOLD * 2 + 7)
            .map(|i| base[i % base.len()].to_string())
            .collect();
        let par = ValueColumns::parse_all(&texts);
        let ser = ValueColumns::parse_chunk(&texts);
        assert_eq!(par.len(), texts.len());
        assert_eq!(par.kind, ser.kind);
        for i in [0, 7, CHUNK + 3, texts.len() - 1] {
            assert_eq!(par.unit.get(i), ser.unit.get(i));
            assert_eq!(par.reference.get(i), ser.reference.get(i));
        }
        assert_eq!(par.unit.get(0), Some("%"));
        assert_eq!(par.reference.get(3), Some("年度预算"));
    }
}

/// Indicators of many documents as columns (one entry per indicator row), for data frames.
#[derive(Debug, Default)]
pub struct IndicatorColumns {
    pub doc: Vec<String>,
    pub table: Vec<u32>,
    pub row: Vec<u32>,
    pub level1: Vec<Option<&'static str>>,
    pub level2: Vec<Option<&'static str>>,
    pub level1_printed: Vec<Option<String>>,
    pub level2_printed: Vec<Option<String>>,
    pub name: Vec<Option<String>>,
    pub cycle_target: Vec<Option<String>>,
    pub target: Vec<Option<String>>,
    pub actual: Vec<Option<String>>,
    /// NaN when not printed (exact values are on the model).
    pub weight: Vec<f64>,
    pub score: Vec<f64>,
    pub deviation: Vec<Option<String>>,
    pub placeholder: Vec<bool>,
    /// 0 when unknown.
    pub line: Vec<u32>,
    pub target_value: ValueColumns,
    pub actual_value: ValueColumns,
}

fn to_f64(d: Option<rust_decimal::Decimal>) -> f64 {
    use rust_decimal::prelude::ToPrimitive;
    d.and_then(|d| d.to_f64()).unwrap_or(f64::NAN)
}

impl IndicatorColumns {
    pub fn from_documents<'a>(docs: impl IntoIterator<Item = &'a crate::model::Document>) -> Self {
        let docs: Vec<&crate::model::Document> = docs.into_iter().collect();
        let n: usize = docs
            .iter()
            .flat_map(|d| d.tables.iter())
            .map(|t| t.indicators.len())
            .sum();
        let mut c = IndicatorColumns {
            target_value: ValueColumns::with_capacity(n),
            actual_value: ValueColumns::with_capacity(n),
            ..Default::default()
        };
        for doc in docs {
            for (ti, table) in doc.tables.iter().enumerate() {
                for (ri, ind) in table.indicators.iter().enumerate() {
                    c.doc.push(doc.source.clone());
                    c.table.push(ti as u32);
                    c.row.push(ri as u32);
                    c.level1.push(ind.level1.map(|l| l.as_str()));
                    c.level2.push(ind.level2.map(|l| l.as_str()));
                    c.level1_printed.push(ind.level1_printed.clone());
                    c.level2_printed.push(ind.level2_printed.clone());
                    c.name.push(ind.name.clone());
                    c.cycle_target
                        .push(ind.cycle_target.as_ref().map(|x| x.text.clone()));
                    c.target.push(ind.target.as_ref().map(|x| x.text.clone()));
                    c.actual.push(ind.actual.as_ref().map(|x| x.text.clone()));
                    c.weight.push(to_f64(ind.weight));
                    c.score.push(to_f64(ind.score));
                    c.deviation.push(ind.deviation.clone());
                    c.placeholder.push(ind.placeholder);
                    c.line.push(ind.location.line.unwrap_or(0));
                    for (cell, col) in [
                        (&ind.target, &mut c.target_value),
                        (&ind.actual, &mut c.actual_value),
                    ] {
                        match cell {
                            Some(x) => col.push(&x.value),
                            None => col.push_missing(),
                        }
                    }
                }
            }
        }
        c
    }
}
