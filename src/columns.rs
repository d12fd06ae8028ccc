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
use rustc_hash::FxHashMap;

use crate::value::{Context, Parser, Value};

/// Below this many cells, parsing stays on the calling thread (spawning costs more than it saves).
pub const PARALLEL_THRESHOLD: usize = 16_384;
const CHUNK: usize = 8_192;

/// A string column stored as codes into a list of distinct strings (`-1` is null), which pandas turns into a
/// `Categorical` without building a Python string per row.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dictionary {
    pub codes: Vec<i32>,
    pub categories: Vec<String>,
    index: FxHashMap<Cow<'static, str>, i32>,
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

    /// Appends the rows of `other`, recoded into this dictionary's categories.
    pub fn append(&mut self, other: Dictionary) {
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

    /// Appends a row holding `s` (or null).
    pub fn push_str(&mut self, s: Option<&str>) {
        let code = match s {
            None => -1,
            Some(s) => match self.index.get(s) {
                Some(&c) => c,
                None => {
                    let c = i32::try_from(self.categories.len()).unwrap_or(i32::MAX);
                    self.categories.push(s.to_owned());
                    self.index.insert(Cow::Owned(s.to_owned()), c);
                    c
                }
            },
        };
        self.codes.push(code);
    }

    /// The same rows with the categories in sorted order (as pandas orders the categories it infers).
    pub fn sorted(mut self) -> Self {
        let mut order: Vec<usize> = (0..self.categories.len()).collect();
        order.sort_by(|&a, &b| self.categories[a].cmp(&self.categories[b]));
        let mut new_code = vec![0i32; order.len()];
        for (new, &old) in order.iter().enumerate() {
            new_code[old] = new as i32;
        }
        for c in self.codes.iter_mut().filter(|c| **c >= 0) {
            *c = new_code[*c as usize];
        }
        let mut old: Vec<Option<String>> = self.categories.into_iter().map(Some).collect();
        self.categories = order
            .iter()
            .map(|&i| old[i].take().unwrap_or_default())
            .collect();
        self.index = self
            .categories
            .iter()
            .enumerate()
            .map(|(i, s)| (Cow::Owned(s.clone()), i as i32))
            .collect();
        self
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
    pub annotation: Dictionary,
    pub ocr_repaired: Vec<bool>,
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
            annotation: Dictionary {
                codes: Vec::with_capacity(n),
                ..Dictionary::default()
            },
            ocr_repaired: Vec::with_capacity(n),
        }
    }

    /// Makes room for `n` more rows.
    pub fn reserve(&mut self, n: usize) {
        self.kind.reserve(n);
        self.op.reserve(n);
        self.value.reserve(n);
        self.low.reserve(n);
        self.high.reserve(n);
        self.unit.codes.reserve(n);
        self.date.reserve(n);
        self.duration_s.reserve(n);
        self.level.reserve(n);
        self.qual.reserve(n);
        self.per.reserve(n);
        self.reference.codes.reserve(n);
        self.annotation.codes.reserve(n);
        self.ocr_repaired.reserve(n);
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
        self.annotation.push(v.annotation.as_ref());
        self.ocr_repaired.push(v.ocr_repaired);
    }

    /// Appends a row for a cell that is absent (no text at all): every column null, kind included.
    pub fn push_missing(&mut self) {
        let empty = Value::of_kind(crate::value::Kind::Unknown);
        self.push(&empty);
        if let Some(k) = self.kind.last_mut() {
            *k = -1;
        }
    }

    /// Appends the rows of `other`.
    pub fn append(&mut self, other: ValueColumns) {
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
        self.annotation.append(other.annotation);
        self.ocr_repaired.extend(other.ocr_repaired);
    }

    fn parse_chunk<S: AsRef<str>>(texts: &[(S, u16)]) -> Self {
        let mut parser = Parser::new();
        let mut cols = ValueColumns::with_capacity(texts.len());
        for (t, year) in texts {
            let cx = Context {
                year: (*year != 0).then_some(*year),
                ..Context::default()
            };
            cols.push(&parser.parse_in(t.as_ref(), &cx));
        }
        cols
    }

    /// Parses every text, in input order, on all cores when there are many (see [`crate::parallel`]).
    pub fn parse_all<S: AsRef<str> + Sync>(texts: &[S]) -> Self {
        Self::parse_all_in(texts, &Years::None)
    }

    /// Parses every text with its table's year (for dates written without one), in input order.
    ///
    /// Real corpora repeat their values heavily (`100%`, `≥95%`, `是`), so each distinct text is parsed once
    /// and its row copied: a hash of the borrowed `&str`, no copy of the text. When the texts turn out to be
    /// mostly distinct, the look-up is dropped and every text is parsed.
    pub fn parse_all_in<S: AsRef<str> + Sync>(texts: &[S], years: &Years) -> Self {
        let mut index: FxHashMap<(&str, u16), u32> = FxHashMap::default();
        let mut distinct: Vec<(&str, u16)> = Vec::new();
        let mut rows: Vec<u32> = Vec::with_capacity(texts.len());
        for (i, t) in texts.iter().enumerate() {
            let key = (t.as_ref(), years.get(i));
            let next = distinct.len() as u32;
            let id = *index.entry(key).or_insert_with(|| {
                distinct.push(key);
                next
            });
            rows.push(id);
            // Mostly distinct: the table would cost more than it saves.
            if i + 1 == DEDUP_PROBE && distinct.len() * 2 > DEDUP_PROBE {
                let all: Vec<(&str, u16)> = texts
                    .iter()
                    .enumerate()
                    .map(|(i, t)| (t.as_ref(), years.get(i)))
                    .collect();
                return Self::parse_many(&all);
            }
        }
        let parsed = Self::parse_many(&distinct);
        if distinct.len() == texts.len() {
            return parsed;
        }
        parsed.gather(&rows)
    }

    fn parse_many(texts: &[(&str, u16)]) -> Self {
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

    /// The rows `ids` of these columns, in that order (dictionaries keep their categories).
    fn gather(&self, ids: &[u32]) -> Self {
        fn pick<T: Copy>(col: &[T], ids: &[u32]) -> Vec<T> {
            ids.iter().map(|&i| col[i as usize]).collect()
        }
        fn dict(d: &Dictionary, ids: &[u32]) -> Dictionary {
            Dictionary {
                codes: pick(&d.codes, ids),
                categories: d.categories.clone(),
                ..Dictionary::default()
            }
        }
        ValueColumns {
            kind: pick(&self.kind, ids),
            op: pick(&self.op, ids),
            value: pick(&self.value, ids),
            low: pick(&self.low, ids),
            high: pick(&self.high, ids),
            unit: dict(&self.unit, ids),
            date: pick(&self.date, ids),
            duration_s: pick(&self.duration_s, ids),
            level: pick(&self.level, ids),
            qual: pick(&self.qual, ids),
            per: pick(&self.per, ids),
            reference: dict(&self.reference, ids),
            annotation: dict(&self.annotation, ids),
            ocr_repaired: pick(&self.ocr_repaired, ids),
        }
    }
}

/// Rows looked at before deciding whether parsing each distinct text once pays.
const DEDUP_PROBE: usize = 8_192;

/// The table year of each text to parse, for dates written without one.
#[derive(Clone, Debug, Default)]
pub enum Years {
    /// No year known.
    #[default]
    None,
    /// The same year for every text.
    One(u16),
    /// One year per text, 0 where none is known.
    Each(Vec<u16>),
}

impl Years {
    /// The year of text `i`, 0 for none.
    #[inline]
    pub fn get(&self, i: usize) -> u16 {
        match self {
            Years::None => 0,
            Years::One(y) => *y,
            Years::Each(v) => v.get(i).copied().unwrap_or(0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every row of `cols` equals the row that parsing `texts[i]` alone gives.
    fn assert_rows_match(cols: &ValueColumns, texts: &[String], years: &Years) {
        assert_eq!(cols.len(), texts.len());
        for (i, t) in texts.iter().enumerate() {
            let y = years.get(i);
            let mut one = ValueColumns::default();
            one.push(&crate::value::parse_in(
                t,
                &Context {
                    year: (y != 0).then_some(y),
                    ..Context::default()
                },
            ));
            assert_eq!(cols.kind[i], one.kind[0], "{t}");
            assert_eq!(cols.op[i], one.op[0], "{t}");
            assert_eq!(cols.value[i].to_bits(), one.value[0].to_bits(), "{t}");
            assert_eq!(cols.date[i], one.date[0], "{t}");
            assert_eq!(cols.unit.get(i), one.unit.get(0), "{t}");
            assert_eq!(cols.reference.get(i), one.reference.get(0), "{t}");
            assert_eq!(cols.annotation.get(i), one.annotation.get(0), "{t}");
            assert_eq!(cols.ocr_repaired[i], one.ocr_repaired[0], "{t}");
        }
    }

    const BASE: [&str; 11] = [
        "≥95%",
        "2—3家",
        "每月1次",
        "不超年度预算",
        "2024年底",
        "达标",
        "/",
        "约 5 万 km ²",
        "课研",
        "12月31日前",
        "100%(历史标准)",
    ];

    /// Repeated texts are parsed once and copied to their rows, in order, on several threads.
    #[test]
    fn repeated_texts_read_as_each_alone() {
        let texts: Vec<String> = (0..PARALLEL_THRESHOLD * 2 + 7)
            .map(|i| BASE[i % BASE.len()].to_string())
            .collect();
        let cols = ValueColumns::parse_all(&texts);
        assert_rows_match(&cols, &texts, &Years::None);
        assert_eq!(cols.unit.get(0), Some("%"));
        assert_eq!(cols.reference.get(3), Some("年度预算"));
        assert_eq!(cols.annotation.get(10), Some("历史标准"));
    }

    /// The year belongs to the key: the same text with two years gives two dates.
    #[test]
    fn years_are_part_of_the_key() {
        let texts: Vec<String> = (0..100).map(|i| BASE[i % BASE.len()].to_string()).collect();
        let years = Years::Each((0..100).map(|i| 2020 + (i % 3) as u16).collect());
        let cols = ValueColumns::parse_all_in(&texts, &years);
        assert_rows_match(&cols, &texts, &years);
        assert_ne!(cols.date[9], cols.date[20]); // 12月31日前 in 2020 and in 2022
    }

    /// Mostly distinct texts skip the look-up and are parsed directly, in order, on several threads.
    #[test]
    fn distinct_texts_read_as_each_alone() {
        let texts: Vec<String> = (0..PARALLEL_THRESHOLD * 2 + 7)
            .map(|i| format!("≥{i}{}", ["%", "个", "万元", "次/年"][i % 4]))
            .collect();
        let cols = ValueColumns::parse_all_in(&texts, &Years::One(2024));
        assert_rows_match(&cols, &texts, &Years::One(2024));
        assert_eq!(cols.value[12_345], 12_345.0);
    }
}

/// Distinct strings stored once, back to back in one buffer, each known by an id (its position). Text columns
/// hold ids (`-1` for null) into a shared `Strings`, so a text repeated over rows and columns (`100%`, `是`, the
/// same indicator name in many documents) costs four bytes a row; Python turns the buffer into one string
/// array and takes rows from it, without a string object per cell.
#[derive(Clone, Debug)]
pub struct Strings {
    data: String,
    /// `offsets[i]..offsets[i + 1]` is string `i` in `data`.
    offsets: Vec<u64>,
    /// Hash of a string to the first id with that hash; `collided` holds strings whose hash another string had.
    index: HashMap<u64, i32>,
    collided: HashMap<String, i32>,
    hasher: std::collections::hash_map::RandomState,
}

impl Default for Strings {
    fn default() -> Self {
        Strings {
            data: String::new(),
            offsets: vec![0],
            index: HashMap::new(),
            collided: HashMap::new(),
            hasher: Default::default(),
        }
    }
}

impl PartialEq for Strings {
    fn eq(&self, other: &Self) -> bool {
        self.data == other.data && self.offsets == other.offsets
    }
}

impl Strings {
    /// Number of distinct strings.
    pub fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// String `id`.
    pub fn get(&self, id: i32) -> Option<&str> {
        let i = usize::try_from(id).ok()?;
        let (a, b) = (*self.offsets.get(i)?, *self.offsets.get(i + 1)?);
        Some(&self.data[a as usize..b as usize])
    }

    /// The id of `s`, adding it if it is new.
    pub fn intern(&mut self, s: &str) -> i32 {
        use std::hash::BuildHasher;
        let h = self.hasher.hash_one(s);
        match self.index.get(&h) {
            Some(&id) if self.get(id) == Some(s) => return id,
            Some(_) => {
                if let Some(&id) = self.collided.get(s) {
                    return id;
                }
            }
            None => {}
        }
        let id = i32::try_from(self.len()).expect("fewer than 2^31 distinct strings");
        self.data.push_str(s);
        self.offsets.push(self.data.len() as u64);
        match self.index.entry(h) {
            std::collections::hash_map::Entry::Occupied(_) => {
                self.collided.insert(s.to_owned(), id);
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(id);
            }
        }
        id
    }

    /// The id of an optional string, `-1` for none.
    pub fn intern_opt(&mut self, s: Option<&str>) -> i32 {
        s.map_or(-1, |s| self.intern(s))
    }

    /// Adds every string of `other` and returns, for each of its ids, the id here.
    pub fn merge(&mut self, other: &Strings) -> Vec<i32> {
        (0..other.len() as i32)
            .map(|id| self.intern(other.get(id).unwrap_or_default()))
            .collect()
    }

    /// The buffer (UTF-8) and the `len() + 1` offsets into it, as Arrow's large string arrays lay them out.
    pub fn into_parts(self) -> (Vec<u8>, Vec<u64>) {
        (self.data.into_bytes(), self.offsets)
    }
}

/// The text of a cell, if there is one.
pub fn cell_text(c: &Option<crate::model::Cell>) -> Option<&str> {
    c.as_ref().map(|c| c.text.as_str())
}

/// Rewrites ids of another `Strings` into ids of this one (`remap` from [`Strings::merge`]).
pub fn remap_ids(ids: Vec<i32>, remap: &[i32]) -> impl Iterator<Item = i32> + '_ {
    ids.into_iter()
        .map(move |i| if i < 0 { i } else { remap[i as usize] })
}

/// Indicators of many documents as columns (one entry per indicator row), for data frames. Built one document
/// at a time ([`IndicatorColumns::push_document`]) and joined in order ([`IndicatorColumns::append`]), so a corpus
/// is read in batches without holding its documents.
#[derive(Debug, Default)]
pub struct IndicatorColumns {
    pub doc: Dictionary,
    pub table: Vec<i64>,
    pub row: Vec<i64>,
    pub level1: Dictionary,
    pub level2: Dictionary,
    /// The text columns: ids into `strings`.
    pub strings: Strings,
    pub level1_printed: Vec<i32>,
    pub level2_printed: Vec<i32>,
    pub name: Vec<i32>,
    pub cycle_target: Vec<i32>,
    pub target: Vec<i32>,
    pub actual: Vec<i32>,
    /// NaN when not printed (exact values are on the model).
    pub weight: Vec<f64>,
    pub score: Vec<f64>,
    pub deviation: Vec<i32>,
    pub placeholder: Vec<bool>,
    /// 0 when unknown.
    pub line: Vec<i64>,
    /// The lowest OCR confidence of the row's cells; NaN for a row read from text.
    pub ocr_confidence: Vec<f64>,
    /// The fields read by OCR with low confidence (`target,score`), as ids into `strings`.
    pub ocr_low_cells: Vec<i32>,
    pub target_value: ValueColumns,
    pub actual_value: ValueColumns,
}

impl IndicatorColumns {
    /// The columns of many documents, in order.
    pub fn from_documents<'a>(docs: impl IntoIterator<Item = &'a crate::model::Document>) -> Self {
        let mut c = IndicatorColumns::default();
        for doc in docs {
            c.push_document(doc);
        }
        c
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.table.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    /// Appends the indicator rows of one document.
    pub fn push_document(&mut self, doc: &crate::model::Document) {
        let n: usize = doc.tables.iter().map(|t| t.indicators.len()).sum();
        self.target_value.reserve(n);
        self.actual_value.reserve(n);
        let s = &mut self.strings;
        for (ti, table) in doc.tables.iter().enumerate() {
            for (ri, ind) in table.indicators.iter().enumerate() {
                self.doc.push_str(Some(&doc.source));
                self.table.push(ti as i64);
                self.row.push(ri as i64);
                self.level1.push_str(ind.level1.map(|l| l.as_str()));
                self.level2.push_str(ind.level2.map(|l| l.as_str()));
                self.level1_printed
                    .push(s.intern_opt(ind.level1_printed.as_deref()));
                self.level2_printed
                    .push(s.intern_opt(ind.level2_printed.as_deref()));
                self.name.push(s.intern_opt(ind.name.as_deref()));
                self.cycle_target
                    .push(s.intern_opt(cell_text(&ind.cycle_target)));
                self.target.push(s.intern_opt(cell_text(&ind.target)));
                self.actual.push(s.intern_opt(cell_text(&ind.actual)));
                self.weight.push(f(ind.weight));
                self.score.push(f(ind.score));
                self.deviation.push(s.intern_opt(ind.deviation.as_deref()));
                self.placeholder.push(ind.placeholder);
                self.line.push(i64::from(ind.location.line.unwrap_or(0)));
                let conf = ind.ocr_confidence.as_ref();
                self.ocr_confidence
                    .push(conf.and_then(|c| c.lowest()).map_or(f64::NAN, f64::from));
                let low = conf
                    .map(|c| {
                        c.below(crate::read::pdf::confidence::LOW_CONFIDENCE)
                            .join(",")
                    })
                    .filter(|l| !l.is_empty());
                self.ocr_low_cells.push(s.intern_opt(low.as_deref()));
                for (cell, col) in [
                    (&ind.target, &mut self.target_value),
                    (&ind.actual, &mut self.actual_value),
                ] {
                    match cell {
                        Some(x) => col.push(&x.value),
                        None => col.push_missing(),
                    }
                }
            }
        }
    }

    /// Appends the rows of `other` after these.
    pub fn append(&mut self, other: IndicatorColumns) {
        let remap = self.strings.merge(&other.strings);
        self.doc.append(other.doc);
        self.table.extend(other.table);
        self.row.extend(other.row);
        self.level1.append(other.level1);
        self.level2.append(other.level2);
        for (to, from) in [
            (&mut self.level1_printed, other.level1_printed),
            (&mut self.level2_printed, other.level2_printed),
            (&mut self.name, other.name),
            (&mut self.cycle_target, other.cycle_target),
            (&mut self.target, other.target),
            (&mut self.actual, other.actual),
            (&mut self.deviation, other.deviation),
            (&mut self.ocr_low_cells, other.ocr_low_cells),
        ] {
            to.extend(remap_ids(from, &remap));
        }
        self.weight.extend(other.weight);
        self.score.extend(other.score);
        self.placeholder.extend(other.placeholder);
        self.line.extend(other.line);
        self.ocr_confidence.extend(other.ocr_confidence);
        self.target_value.append(other.target_value);
        self.actual_value.append(other.actual_value);
    }
}

#[cfg(test)]
mod indicator_tests {
    use super::*;

    #[test]
    fn strings_are_stored_once_and_merged_by_content() {
        let mut a = Strings::default();
        assert_eq!(
            (a.intern("是"), a.intern("100%"), a.intern("是")),
            (0, 1, 0)
        );
        assert_eq!(a.intern_opt(None), -1);
        let mut b = Strings::default();
        assert_eq!((b.intern("100%"), b.intern("新")), (0, 1));
        assert_eq!(a.merge(&b), vec![1, 2]);
        assert_eq!(
            (a.len(), a.get(2), a.get(-1), a.get(3)),
            (3, Some("新"), None, None)
        );
        let (data, offsets) = a.into_parts();
        assert_eq!(String::from_utf8(data).unwrap(), "是100%新");
        assert_eq!(offsets, vec![0, 3, 7, 10]);
    }

    #[test]
    fn columns_built_per_document_and_appended_equal_columns_built_at_once() {
        let texts = [
            "项目名称\t甲\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t培训人次\t≥100人次\n产出指标\t质量指标\t合格率\t100%\n",
            "项目名称\t乙\n一级指标\t二级指标\t三级指标\t指标值\n效益指标\t社会效益指标\t满意度\t≥95%\n产出指标\t数量指标\t培训人次\t100%\n",
        ];
        let docs: Vec<_> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| crate::read::read_text(t, &format!("d{i}")))
            .collect();
        let at_once = IndicatorColumns::from_documents(&docs);
        let mut joined = IndicatorColumns::default();
        for d in &docs {
            joined.append(IndicatorColumns::from_documents([d]));
        }
        assert_eq!(at_once.len(), 4);
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(joined.strings, at_once.strings);
        assert_eq!(joined.doc, at_once.doc);
        assert_eq!(joined.level2, at_once.level2);
        assert_eq!(
            (&joined.table, &joined.row, &joined.line),
            (&at_once.table, &at_once.row, &at_once.line)
        );
        for (a, b) in [
            (&joined.name, &at_once.name),
            (&joined.target, &at_once.target),
            (&joined.actual, &at_once.actual),
        ] {
            assert_eq!(a, b);
        }
        assert_eq!(bits(&joined.weight), bits(&at_once.weight));
        assert_eq!(joined.target_value.kind, at_once.target_value.kind);
        assert_eq!(
            bits(&joined.target_value.value),
            bits(&at_once.target_value.value)
        );
        assert_eq!(joined.target_value.unit, at_once.target_value.unit);
        let name = |c: &IndicatorColumns, i: usize| c.strings.get(c.name[i]).map(str::to_owned);
        assert_eq!(name(&joined, 3).as_deref(), Some("培训人次"));
        assert_eq!(joined.name[3], joined.name[0]);
        assert_eq!(joined.doc.get(3), Some("d1"));
    }
}

/// The kind of a column of [`Records`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnKind {
    /// Ids into the records' [`Strings`] (`-1` for null).
    Text,
    /// NaN for null.
    Float,
    Int,
    /// [`NULL_INT`] for null.
    OptInt,
    /// Small unsigned integers (indices within a document).
    U32,
    /// Codes (`-1` often null).
    I8,
    Bool,
}

/// Null in an [`ColumnKind::OptInt`] column.
pub const NULL_INT: i64 = i64::MIN;

/// The values of one column of [`Records`].
#[derive(Clone, Debug, PartialEq)]
pub enum Column {
    Text(Vec<i32>),
    Float(Vec<f64>),
    Int(Vec<i64>),
    OptInt(Vec<i64>),
    U32(Vec<u32>),
    I8(Vec<i8>),
    Bool(Vec<bool>),
}

impl Column {
    fn new(kind: ColumnKind) -> Column {
        match kind {
            ColumnKind::Text => Column::Text(Vec::new()),
            ColumnKind::Float => Column::Float(Vec::new()),
            ColumnKind::Int => Column::Int(Vec::new()),
            ColumnKind::OptInt => Column::OptInt(Vec::new()),
            ColumnKind::U32 => Column::U32(Vec::new()),
            ColumnKind::I8 => Column::I8(Vec::new()),
            ColumnKind::Bool => Column::Bool(Vec::new()),
        }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        match self {
            Column::Text(v) => v.len(),
            Column::Float(v) => v.len(),
            Column::Int(v) | Column::OptInt(v) => v.len(),
            Column::U32(v) => v.len(),
            Column::I8(v) => v.len(),
            Column::Bool(v) => v.len(),
        }
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Rows of a small frame (one per table, allocation row, finding …) stored as columns with a fixed schema, so
/// that they reach pandas as arrays rather than a dict per row. Rows are pushed one value at a time, in schema
/// order (`records.text(..).float(..)…`).
#[derive(Clone, Debug)]
pub struct Records {
    pub schema: &'static [(&'static str, ColumnKind)],
    pub strings: Strings,
    pub columns: Vec<Column>,
    cursor: usize,
}

impl Records {
    /// No rows, with these columns.
    pub fn new(schema: &'static [(&'static str, ColumnKind)]) -> Self {
        Records {
            schema,
            strings: Strings::default(),
            columns: schema.iter().map(|(_, k)| Column::new(*k)).collect(),
            cursor: 0,
        }
    }

    /// Number of complete rows.
    pub fn len(&self) -> usize {
        self.columns.last().map_or(0, Column::len)
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn next(&mut self, kind: ColumnKind) -> &mut Column {
        let i = self.cursor;
        let (name, expected) = self.schema[i];
        assert_eq!(expected, kind, "column {name} is {expected:?}");
        self.cursor = (i + 1) % self.schema.len();
        &mut self.columns[i]
    }

    /// The next value: text (or null).
    pub fn text(&mut self, v: Option<&str>) -> &mut Self {
        let id = self.strings.intern_opt(v);
        if let Column::Text(c) = self.next(ColumnKind::Text) {
            c.push(id);
        }
        self
    }

    /// The next value: a float (NaN for null).
    pub fn float(&mut self, v: f64) -> &mut Self {
        if let Column::Float(c) = self.next(ColumnKind::Float) {
            c.push(v);
        }
        self
    }

    /// The next value: a decimal, as a float (NaN for null).
    pub fn decimal(&mut self, v: Option<Decimal>) -> &mut Self {
        self.float(f(v))
    }

    /// The next value: an integer.
    pub fn int(&mut self, v: i64) -> &mut Self {
        if let Column::Int(c) = self.next(ColumnKind::Int) {
            c.push(v);
        }
        self
    }

    /// The next value: an integer or null.
    pub fn opt_int(&mut self, v: Option<i64>) -> &mut Self {
        if let Column::OptInt(c) = self.next(ColumnKind::OptInt) {
            c.push(v.unwrap_or(NULL_INT));
        }
        self
    }

    /// The next value: a small unsigned integer.
    pub fn u32(&mut self, v: u32) -> &mut Self {
        if let Column::U32(c) = self.next(ColumnKind::U32) {
            c.push(v);
        }
        self
    }

    /// The next value: a code.
    pub fn i8(&mut self, v: i8) -> &mut Self {
        if let Column::I8(c) = self.next(ColumnKind::I8) {
            c.push(v);
        }
        self
    }

    /// The next value: a boolean.
    pub fn bool(&mut self, v: bool) -> &mut Self {
        if let Column::Bool(c) = self.next(ColumnKind::Bool) {
            c.push(v);
        }
        self
    }

    /// Appends the rows of `other` (same schema) after these.
    pub fn append(&mut self, other: Records) {
        assert!(
            std::ptr::eq(self.schema, other.schema) && self.cursor == 0 && other.cursor == 0,
            "appending records of another schema or with an unfinished row"
        );
        let remap = self.strings.merge(&other.strings);
        for (to, from) in self.columns.iter_mut().zip(other.columns) {
            match (to, from) {
                (Column::Text(a), Column::Text(b)) => a.extend(remap_ids(b, &remap)),
                (Column::Float(a), Column::Float(b)) => a.extend(b),
                (Column::Int(a), Column::Int(b)) | (Column::OptInt(a), Column::OptInt(b)) => {
                    a.extend(b)
                }
                (Column::U32(a), Column::U32(b)) => a.extend(b),
                (Column::I8(a), Column::I8(b)) => a.extend(b),
                (Column::Bool(a), Column::Bool(b)) => a.extend(b),
                _ => unreachable!("same schema"),
            }
        }
    }
}

#[cfg(test)]
mod record_tests {
    use super::*;

    const SCHEMA: &[(&str, ColumnKind)] = &[
        ("doc", ColumnKind::Text),
        ("n", ColumnKind::Int),
        ("line", ColumnKind::OptInt),
        ("x", ColumnKind::Float),
    ];

    #[test]
    fn records_append_and_share_strings() {
        let mut a = Records::new(SCHEMA);
        a.text(Some("a")).int(1).opt_int(None).float(0.5);
        let mut b = Records::new(SCHEMA);
        b.text(Some("b")).int(2).opt_int(Some(7)).float(1.5);
        b.text(Some("a")).int(3).opt_int(Some(8)).decimal(None);
        a.append(b);
        assert_eq!(a.len(), 3);
        assert_eq!(a.columns[0], Column::Text(vec![0, 1, 0]));
        assert_eq!(a.columns[2], Column::OptInt(vec![NULL_INT, 7, 8]));
        assert_eq!(a.strings.get(1), Some("b"));
    }

    #[test]
    #[should_panic(expected = "column n is Int")]
    fn a_value_of_the_wrong_kind_is_caught() {
        Records::new(SCHEMA).text(None).float(1.0);
    }
}
