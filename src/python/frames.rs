//! The frames of many documents (`jixiao.indicators`, `tables`, `allocations`, `unread`, `read_warnings`,
//! `check`, `score`, `quality`) from one entry point, `_frames`.
//!
//! The documents come as `jixiao.Document` objects or as file paths. Paths are read in batches: within a batch
//! every document is read on the crate's pool and turned at once into the pieces of the frames asked for (columns
//! and small records), and the document is dropped there, so a corpus never stands in memory as documents; only
//! the pieces grow. The pieces of a batch are appended in input order, and after the last batch each frame
//! crosses into Python once, as numpy arrays and string buffers (see `jixiao._columns`).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use numpy::IntoPyArray;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use rayon::prelude::*;
use rust_decimal::Decimal;

use super::document::{read_error, PyDocument};
use crate::check::{self, Profile};
use crate::columns::{
    cell_text, Column, ColumnKind, Dictionary, IndicatorColumns, Records, Strings,
};
use crate::error::{Error, Location};
use crate::model::{Document, Money, TableKind};
use crate::score::columns::ScoreColumns;
use crate::score::grade::GradeModel;
use crate::score::quality::{gradable, name_counts, table_quality};
use crate::score::{scorable_tables, score_table, Policy, ReversePolicy};

/// The `doc`, `line` and `page` columns that open the unread and read-warning frames.
fn located<'a>(records: &'a mut Records, source: &str, at: &Location) -> &'a mut Records {
    records
        .text(Some(source))
        .opt_int(at.line.map(i64::from))
        .opt_int(at.page.map(i64::from))
}

/// Where a document comes from.
enum Source {
    Path(PathBuf),
    Doc(Arc<Document>),
}

fn sources(items: &Bound<'_, PyAny>) -> PyResult<Vec<Source>> {
    let mut out = Vec::new();
    for (i, item) in items.try_iter()?.enumerate() {
        let item = item?;
        if let Ok(d) = item.cast::<PyDocument>() {
            out.push(Source::Doc(d.get().inner.clone()));
        } else if let Ok(p) = item.extract::<PathBuf>() {
            out.push(Source::Path(p));
        } else {
            return Err(PyTypeError::new_err(format!(
                "item {i} is neither a jixiao.Document nor a path / 第 {i} 项既不是 jixiao.Document 也不是路径"
            )));
        }
    }
    Ok(out)
}

/// Which frames to build, and the options of the checks and scores.
#[derive(Default)]
struct Want {
    indicators: bool,
    tables: bool,
    allocations: bool,
    unread: bool,
    read_warnings: bool,
    check: Option<check::Options>,
    score: Option<(Option<Profile>, ReversePolicy, bool, bool)>,
    quality: Option<Option<Profile>>,
    /// The grade model of `quality` (the shipped one unless the caller gives one).
    grade_model: Option<GradeModel>,
    /// Name counts over the whole input (quality's boilerplate), from a first pass.
    names: HashMap<String, usize>,
    /// The first pass: only the name counts.
    count_names: bool,
}

use crate::columns::ColumnKind::{
    Bool as B, Float as F, Int as I, OptInt as O, Text as T, I8 as C, U32 as U,
};

/// Columns of `jixiao.tables`.
const TABLES: &[(&str, ColumnKind)] = &[
    ("doc", T),
    ("table", I),
    ("kind", T),
    ("title", T),
    ("project", T),
    ("code", T),
    ("unit", T),
    ("dept", T),
    ("year", T),
    ("period_start", T),
    ("period_end", T),
    ("money_unit", T),
    ("budget_initial_yuan", F),
    ("budget_full_year_yuan", F),
    ("executed_yuan", F),
    ("budget_initial_yuan_exact", T),
    ("budget_full_year_yuan_exact", T),
    ("executed_yuan_exact", T),
    ("fund_weight", F),
    ("execution_rate", F),
    ("fund_score", F),
    ("printed_total_score", F),
    ("n_indicators", I),
    ("coverage", F),
    ("line", O),
];

/// Columns of `jixiao.allocations`.
const ALLOCATIONS: &[(&str, ColumnKind)] = &[
    ("doc", T),
    ("allocation", I),
    ("row", I),
    ("title", T),
    ("seq", O),
    ("unit", T),
    ("project", T),
    ("amount", T),
    ("money_unit", T),
    ("amount_yuan", F),
    ("note", T),
    ("group", T),
    ("printed_total", T),
    ("line", O),
];

/// Columns of `jixiao.unread`.
const UNREAD: &[(&str, ColumnKind)] = &[
    ("doc", T),
    ("line", O),
    ("page", O),
    ("text", T),
    ("reason", T),
];

/// Columns of `jixiao.read_warnings`.
const READ_WARNINGS: &[(&str, ColumnKind)] = &[
    ("doc", T),
    ("line", O),
    ("page", O),
    ("message_zh", T),
    ("message_en", T),
];

/// Columns of `jixiao.check` but `values`.
const FINDINGS: &[(&str, ColumnKind)] = &[
    ("code", T),
    ("name", T),
    ("severity", T),
    ("message_zh", T),
    ("message_en", T),
    ("doc", T),
    ("table", O),
    ("row", O),
    ("field", T),
    ("line", O),
    ("profile", T),
];

/// Columns of `jixiao.score(...).tables` from the core.
const SCORE_TABLES: &[(&str, ColumnKind)] = &[
    ("doc", T),
    ("table", I),
    ("profile", T),
    ("fund_weight", F),
    ("fund_rate", F),
    ("fund_score", F),
    ("fund_self_score", F),
    ("standard_total", F),
    ("self_total", F),
    ("standard_total_exact", T),
    ("self_total_exact", T),
    ("standard_grade", T),
    ("self_grade", T),
    ("n_indicators", I),
    ("n_scored", I),
    ("n_unscorable", I),
    ("n_not_applicable", I),
    ("unscorable_weight", F),
    ("n_inflated", I),
    ("inflated_points", F),
];

/// Columns of `jixiao.quality(...).tables` from the core.
const QUALITY_TABLES: &[(&str, ColumnKind)] = &[
    ("doc", T),
    ("table", I),
    ("kind", T),
    ("profile", T),
    ("n_indicators", I),
    ("share_quantified", F),
    ("share_measurable", F),
    ("share_unit", F),
    ("share_miscategorized", F),
    ("share_cannot_fail", F),
    ("share_routine_100", F),
    ("share_far_above", F),
    ("share_equals_actual", F),
    ("share_annual_above_cycle", F),
    ("share_boilerplate", F),
    ("share_met", F),
    ("level1_coverage", F),
    ("level2_coverage", F),
    ("share_complete", F),
    ("completeness", F),
    ("relevance", F),
    ("appropriateness", F),
    ("feasibility", F),
    ("share_relevant", F),
    ("share_off_goal", F),
    ("share_easy", F),
    ("share_quantity", F),
    ("mean_grade", F),
    ("index", F),
];

/// The findings of `jixiao.check`: the columns, and the values of each finding.
struct FindingPieces {
    records: Records,
    values: Vec<Vec<(String, String)>>,
}

impl Default for FindingPieces {
    fn default() -> Self {
        FindingPieces {
            records: Records::new(FINDINGS),
            values: Vec::new(),
        }
    }
}

/// Columns of `jixiao.score(...).indicators` from the documents (the scores are beside them).
const SCORE_ROWS: &[(&str, ColumnKind)] = &[
    ("doc", T),
    ("table", U),
    ("row", U),
    ("level1", T),
    ("level2", T),
    ("name", T),
    ("target", T),
    ("actual", T),
    ("weight", F),
    ("self_score", F),
    ("line", U),
];

/// Columns of `jixiao.quality(...).indicators` (optional features as codes: -1 does not apply, 0, 1).
const QUALITY_ROWS: &[(&str, ColumnKind)] = &[
    ("doc", T),
    ("table", U),
    ("row", U),
    ("level1", T),
    ("level2", T),
    ("name", T),
    ("target", T),
    ("placeholder", B),
    ("quantified", B),
    ("measurable", B),
    ("unit_present", C),
    ("miscategorized", T),
    ("cannot_fail", B),
    ("routine_100", B),
    ("far_above", C),
    ("equals_actual", C),
    ("annual_above_cycle", C),
    ("boilerplate", B),
    ("met", C),
    ("form", T),
    ("relevant", C),
    ("completion_rate", B),
    ("undefined_rate", B),
    ("goal_overlap", F),
    ("flaws", T),
    ("grade_score", F),
    ("grade", U),
    ("line", U),
];

/// A row's flaws as one text cell (`cannot_fail;unit_unclear`): readable, and split by the validation code.
fn flaw_list(flaws: &[crate::score::grade::Flaw]) -> String {
    flaws
        .iter()
        .map(|f| f.as_str())
        .collect::<Vec<_>>()
        .join(";")
}

/// The rows of `jixiao.score(...).indicators` and the table summaries.
struct ScorePieces {
    rows: Records,
    scores: ScoreColumns,
    tables: Records,
}

impl Default for ScorePieces {
    fn default() -> Self {
        ScorePieces {
            rows: Records::new(SCORE_ROWS),
            scores: ScoreColumns::default(),
            tables: Records::new(SCORE_TABLES),
        }
    }
}

/// The rows of `jixiao.quality(...).indicators` and the table summaries.
struct QualityPieces {
    rows: Records,
    tables: Records,
}

impl Default for QualityPieces {
    fn default() -> Self {
        QualityPieces {
            rows: Records::new(QUALITY_ROWS),
            tables: Records::new(QUALITY_TABLES),
        }
    }
}

/// What one document, or many appended in order, contribute to the frames.
struct Pieces {
    documents: usize,
    indicators: IndicatorColumns,
    tables: Records,
    allocations: Records,
    unread: Records,
    read_warnings: Records,
    findings: FindingPieces,
    scores: ScorePieces,
    quality: QualityPieces,
    names: HashMap<String, usize>,
}

impl Default for Pieces {
    fn default() -> Self {
        Pieces {
            documents: 0,
            indicators: IndicatorColumns::default(),
            tables: Records::new(TABLES),
            allocations: Records::new(ALLOCATIONS),
            unread: Records::new(UNREAD),
            read_warnings: Records::new(READ_WARNINGS),
            findings: FindingPieces::default(),
            scores: ScorePieces::default(),
            quality: QualityPieces::default(),
            names: HashMap::new(),
        }
    }
}

fn kind_str(kind: TableKind) -> &'static str {
    match kind {
        TableKind::Goal => "goal",
        TableKind::SelfEval => "self_eval",
    }
}

impl Pieces {
    /// The pieces of one document.
    fn of(doc: &Document, want: &Want) -> Pieces {
        let mut p = Pieces {
            documents: 1,
            ..Pieces::default()
        };
        if want.count_names {
            p.names = name_counts([doc]);
            return p;
        }
        if want.indicators {
            p.indicators.push_document(doc);
        }
        if want.tables {
            for (ti, t) in doc.tables.iter().enumerate() {
                let funds = t.funds.as_ref();
                let yuan = |m: Option<&Money>| m.and_then(|m| m.yuan());
                let amounts = [
                    yuan(funds.and_then(|f| f.total.initial.as_ref())),
                    yuan(funds.and_then(|f| f.total.full_year.as_ref())),
                    yuan(funds.and_then(|f| f.total.executed.as_ref())),
                ];
                // The exact amounts as strings (decimal.Decimal(s) gives them back without loss).
                let exact = amounts.map(|a| a.map(|d| d.to_string()));
                let period = t.period.as_ref();
                p.tables
                    .text(Some(&doc.source))
                    .int(ti as i64)
                    .text(Some(kind_str(t.kind)))
                    .text(t.title.as_deref())
                    .text(t.project.as_deref())
                    .text(t.code.as_deref())
                    .text(t.unit.as_deref())
                    .text(t.dept.as_deref())
                    .text(t.year.as_deref())
                    .text(period.map(|p| p.0.as_str()))
                    .text(period.map(|p| p.1.as_str()))
                    .text(t.money_unit.map(|u| u.as_str()))
                    .decimal(amounts[0])
                    .decimal(amounts[1])
                    .decimal(amounts[2])
                    .text(exact[0].as_deref())
                    .text(exact[1].as_deref())
                    .text(exact[2].as_deref())
                    .decimal(funds.and_then(|f| f.weight))
                    .decimal(funds.and_then(|f| f.rate_percent))
                    .decimal(funds.and_then(|f| f.score))
                    .decimal(t.printed_total_score)
                    .int(t.indicators.len() as i64)
                    .float(doc.rows.coverage().unwrap_or(f64::NAN))
                    .opt_int(t.location.line.map(i64::from));
            }
        }
        if want.allocations {
            for (ai, a) in doc.allocations.iter().enumerate() {
                let printed_total = a.printed_total.map(|m| m.amount.to_string());
                for (ri, r) in a.rows.iter().enumerate() {
                    let amount = r.amount.map(|m| m.amount.to_string());
                    p.allocations
                        .text(Some(&doc.source))
                        .int(ai as i64)
                        .int(ri as i64)
                        .text(a.title.as_deref())
                        .opt_int(r.seq.map(i64::from))
                        .text(r.unit.as_deref())
                        .text(r.project.as_deref())
                        .text(amount.as_deref())
                        .text(r.amount.map(|m| m.unit.as_str()))
                        .decimal(r.amount.and_then(|m| m.yuan()))
                        .text(r.note.as_deref())
                        .text(r.group.as_deref())
                        .text(printed_total.as_deref())
                        .opt_int(r.location.line.map(i64::from));
                }
            }
        }
        if want.unread {
            for u in &doc.unread {
                located(&mut p.unread, &doc.source, &u.location)
                    .text(Some(&u.text))
                    .text(Some(&u.reason));
            }
        }
        if want.read_warnings {
            for w in &doc.warnings {
                located(&mut p.read_warnings, &doc.source, &w.location)
                    .text(Some(&w.message_zh))
                    .text(Some(&w.message_en));
            }
        }
        if let Some(options) = &want.check {
            let index = |v: Option<usize>| v.map(|v| v as i64);
            for finding in check::check(doc, options) {
                p.findings
                    .records
                    .text(Some(&finding.code))
                    .text(Some(check::rule(&finding.code).map_or("", |r| r.name)))
                    .text(Some(finding.severity.as_str()))
                    .text(Some(&finding.message_zh))
                    .text(Some(&finding.message_en))
                    .text(Some(&finding.doc))
                    .opt_int(index(finding.table))
                    .opt_int(index(finding.row))
                    .text(finding.field.as_deref())
                    .opt_int(finding.line.map(i64::from))
                    .text(finding.profile.as_deref());
                p.findings.values.push(finding.values);
            }
        }
        if let Some((given, reverse, execution_cap, renormalize)) = &want.score {
            let o = &mut p.scores;
            for (ti, table) in scorable_tables(doc) {
                let profile = given.as_ref().unwrap_or_else(|| Profile::detect(table));
                let policy = Policy {
                    reverse: *reverse,
                    execution_cap: *execution_cap,
                    renormalize: *renormalize,
                    ..Policy::for_profile(profile)
                };
                let (rows, summary) = score_table(table, profile, &policy);
                for (ri, (sc, ind)) in rows.iter().zip(&table.indicators).enumerate() {
                    indicator_keys(&mut o.rows, doc, ti, ri, ind)
                        .text(cell_text(&ind.actual))
                        .decimal(ind.weight)
                        .decimal(ind.score)
                        .u32(ind.location.line.unwrap_or(0));
                    o.scores.push(sc, ind.score);
                }
                let t = &summary;
                let exact = |d: Option<Decimal>| d.map(|d| d.normalize().to_string());
                let (standard_exact, self_exact) =
                    (exact(Some(t.standard_total)), exact(t.self_total));
                o.tables
                    .text(Some(&doc.source))
                    .int(ti as i64)
                    .text(Some(&t.profile))
                    .decimal(t.fund_weight)
                    .decimal(t.fund_rate)
                    .decimal(t.fund_score)
                    .decimal(t.fund_self_score)
                    .decimal(Some(t.standard_total))
                    .decimal(t.self_total)
                    .text(standard_exact.as_deref())
                    .text(self_exact.as_deref())
                    .text(t.standard_grade.as_deref())
                    .text(t.self_grade.as_deref())
                    .int(t.n_indicators as i64)
                    .int(t.n_scored as i64)
                    .int(t.n_unscorable as i64)
                    .int(t.n_not_applicable as i64)
                    .decimal(Some(t.unscorable_weight))
                    .int(t.n_inflated as i64)
                    .decimal(Some(t.inflated_points));
            }
        }
        if let Some(given) = &want.quality {
            let o = &mut p.quality;
            for (ti, table) in doc.tables.iter().enumerate() {
                if !gradable(table) {
                    continue;
                }
                let profile = given.as_ref().unwrap_or_else(|| Profile::detect(table));
                let model = want.grade_model.as_ref().unwrap_or(GradeModel::shipped());
                let (features, q) = table_quality(table, profile, &want.names, model);
                let opt = |b: Option<bool>| b.map_or(-1i8, i8::from);
                for (ri, (ft, ind)) in features.into_iter().zip(&table.indicators).enumerate() {
                    indicator_keys(&mut o.rows, doc, ti, ri, ind)
                        .bool(ind.placeholder)
                        .bool(ft.quantified)
                        .bool(ft.measurable)
                        .i8(opt(ft.unit_present))
                        .text(ft.miscategorized)
                        .bool(ft.cannot_fail)
                        .bool(ft.routine_100)
                        .i8(opt(ft.far_above))
                        .i8(opt(ft.equals_actual))
                        .i8(opt(ft.annual_above_cycle))
                        .bool(ft.boilerplate)
                        .i8(opt(ft.met))
                        .text(Some(ft.form.as_str()))
                        .i8(opt(ft.relevant))
                        .bool(ft.completion_rate)
                        .bool(ft.undefined_rate)
                        .float(ft.goal_overlap.unwrap_or(f64::NAN))
                        .text(Some(&flaw_list(&ft.flaws)))
                        .float(ft.grade_score)
                        .u32(u32::from(ft.grade))
                        .u32(ind.location.line.unwrap_or(0));
                }
                let nan = |x: Option<f64>| x.unwrap_or(f64::NAN);
                o.tables
                    .text(Some(&doc.source))
                    .int(ti as i64)
                    .text(Some(kind_str(table.kind)))
                    .text(Some(&q.profile))
                    .int(q.n_indicators as i64)
                    .float(q.share_quantified)
                    .float(q.share_measurable)
                    .float(q.share_unit)
                    .float(q.share_miscategorized)
                    .float(q.share_cannot_fail)
                    .float(q.share_routine_100)
                    .float(nan(q.share_far_above))
                    .float(nan(q.share_equals_actual))
                    .float(nan(q.share_annual_above_cycle))
                    .float(q.share_boilerplate)
                    .float(nan(q.share_met))
                    .float(q.level1_coverage)
                    .float(q.level2_coverage)
                    .float(q.share_complete)
                    .float(q.completeness)
                    .float(q.relevance)
                    .float(q.appropriateness)
                    .float(nan(q.feasibility))
                    .float(q.share_relevant)
                    .float(q.share_off_goal)
                    .float(q.share_easy)
                    .float(q.share_quantity)
                    .float(q.mean_grade)
                    .float(q.index);
            }
        }
        p
    }

    /// Appends the pieces of the documents after these.
    fn append(&mut self, o: Pieces) {
        self.documents += o.documents;
        self.indicators.append(o.indicators);
        self.tables.append(o.tables);
        self.allocations.append(o.allocations);
        self.unread.append(o.unread);
        self.read_warnings.append(o.read_warnings);
        self.findings.records.append(o.findings.records);
        self.findings.values.extend(o.findings.values);
        self.scores.rows.append(o.scores.rows);
        self.scores.scores.append(o.scores.scores);
        self.scores.tables.append(o.scores.tables);
        self.quality.rows.append(o.quality.rows);
        self.quality.tables.append(o.quality.tables);
        for (name, n) in o.names {
            *self.names.entry(name).or_default() += n;
        }
    }
}

/// The keys and categories of an indicator row of score and quality: doc, table, row, level1, level2, name,
/// target.
fn indicator_keys<'r>(
    r: &'r mut Records,
    doc: &Document,
    ti: usize,
    ri: usize,
    ind: &crate::model::Indicator,
) -> &'r mut Records {
    r.text(Some(&doc.source))
        .u32(ti as u32)
        .u32(ri as u32)
        .text(ind.level1.map(|l| l.as_str()))
        .text(ind.level2.map(|l| l.as_str()))
        .text(ind.name.as_deref())
        .text(cell_text(&ind.target))
}

/// The pieces of each source of a batch, in order, on the pool; every document is dropped once its pieces are
/// taken.
fn batch_pieces(batch: &[Source], want: &Want) -> Vec<Result<Pieces, Error>> {
    let one = |s: &Source| match s {
        Source::Path(p) => crate::read::read_path(p).map(|doc| Pieces::of(&doc, want)),
        Source::Doc(doc) => Ok(Pieces::of(doc, want)),
    };
    match crate::parallel::pool() {
        Some(pool) if batch.len() > 1 => pool.install(|| batch.par_iter().map(one).collect()),
        _ => batch.iter().map(one).collect(),
    }
}

/// Default batch: eight documents per thread, at least 64.
fn default_batch() -> usize {
    let threads = crate::parallel::pool().map_or(1, |p| p.current_num_threads());
    (8 * threads).max(64)
}

/// Runs one pass over the sources; errors are collected with their position (and stop the pass when
/// `stop_on_error`). `progress(done, total)` is called after each batch, `done` counting from `offset`.
#[allow(clippy::too_many_arguments)]
fn pass(
    py: Python<'_>,
    sources: &[Source],
    want: &Want,
    batch: usize,
    stop_on_error: bool,
    progress: Option<&Bound<'_, PyAny>>,
    offset: usize,
    total: usize,
) -> PyResult<(Pieces, Vec<(usize, Error)>)> {
    let mut all = Pieces::default();
    let mut errors = Vec::new();
    // A batch's pieces are appended while the next batch is read (on the pool, when there is one).
    let absorb = |all: &mut Pieces, errors: &mut Vec<(usize, Error)>, batch: Batch| {
        let (start, results) = batch;
        for (i, r) in results.into_iter().enumerate() {
            match r {
                Ok(p) => all.append(p),
                Err(e) => errors.push((start + i, e)),
            }
        }
    };
    let mut pending: Option<Batch> = None;
    let mut done = 0;
    for part in sources.chunks(batch.max(1)) {
        let previous = pending.take();
        let results = py.detach(|| {
            let fold = || {
                if let Some(b) = previous {
                    absorb(&mut all, &mut errors, b);
                }
            };
            match crate::parallel::pool() {
                Some(pool) => pool.install(|| rayon::join(|| batch_pieces(part, want), fold).0),
                None => {
                    fold();
                    batch_pieces(part, want)
                }
            }
        });
        let failed = results.iter().any(Result::is_err);
        pending = Some((done, results));
        done += part.len();
        if let Some(cb) = progress {
            cb.call1((offset + done, total))?;
        }
        if stop_on_error && failed {
            break;
        }
    }
    if let Some(b) = pending {
        py.detach(|| absorb(&mut all, &mut errors, b));
    }
    Ok((all, errors))
}

/// The position of a batch's first source, and its pieces.
type Batch = (usize, Vec<Result<Pieces, Error>>);

fn load_profile(profile: Option<&str>) -> PyResult<Option<Profile>> {
    profile
        .map(|p| Profile::load(p).map_err(|e| PyValueError::new_err(e.to_string())))
        .transpose()
}

/// Builds the frames named in `want` (``indicators``, ``tables``, ``allocations``, ``unread``,
/// ``read_warnings``, ``check``, ``score``, ``quality``) from Documents and paths, reading paths in batches of
/// ``batch_size`` (0: eight per thread, at least 64). Returns a dict with one entry per frame, ``errors`` (a list
/// of (position, ReadError)) and ``documents`` (how many were read).
#[pyfunction]
#[pyo3(signature = (items, want, batch_size=0, stop_on_error=true, progress=None, profile=None, select=Vec::new(), ignore=Vec::new(), reverse="ratio", execution_cap=true, renormalize=false, grade_model=None))]
#[allow(clippy::too_many_arguments)]
fn _frames<'py>(
    py: Python<'py>,
    items: &Bound<'py, PyAny>,
    want: Vec<String>,
    batch_size: usize,
    stop_on_error: bool,
    progress: Option<Bound<'py, PyAny>>,
    profile: Option<&str>,
    select: Vec<String>,
    ignore: Vec<String>,
    reverse: &str,
    execution_cap: bool,
    renormalize: bool,
    grade_model: Option<&str>,
) -> PyResult<Bound<'py, PyDict>> {
    let mut w = Want {
        grade_model: grade_model
            .map(GradeModel::from_json)
            .transpose()
            .map_err(PyValueError::new_err)?,
        ..Want::default()
    };
    for name in &want {
        match name.as_str() {
            "indicators" => w.indicators = true,
            "tables" => w.tables = true,
            "allocations" => w.allocations = true,
            "unread" => w.unread = true,
            "read_warnings" => w.read_warnings = true,
            "check" => {
                for code in select.iter().chain(&ignore) {
                    if check::rule(code).is_none() {
                        return Err(PyValueError::new_err(format!(
                            "未知的规则代码 {code} / unknown rule code {code:?} (see jixiao.rules())"
                        )));
                    }
                }
                w.check = Some(check::Options {
                    profile: load_profile(profile)?,
                    select: select.clone(),
                    ignore: ignore.clone(),
                });
            }
            "score" => {
                let reverse = ReversePolicy::parse(reverse).ok_or_else(|| {
                    PyValueError::new_err(format!(
                        "reverse 须为 ratio 或 linear / reverse must be 'ratio' or 'linear', not {reverse:?}"
                    ))
                })?;
                w.score = Some((load_profile(profile)?, reverse, execution_cap, renormalize));
            }
            "quality" => w.quality = Some(load_profile(profile)?),
            other => return Err(PyValueError::new_err(format!("unknown frame {other:?}"))),
        }
    }
    let sources = sources(items)?;
    let batch = if batch_size == 0 {
        default_batch()
    } else {
        batch_size
    };
    let progress = progress.as_ref();
    let passes = if w.quality.is_some() { 2 } else { 1 };
    let total = sources.len() * passes;
    if w.quality.is_some() {
        // Boilerplate counts names over the whole input: a first pass keeps only the counts.
        let first = Want {
            count_names: true,
            ..Want::default()
        };
        let (counted, errors) = pass(
            py,
            &sources,
            &first,
            batch,
            stop_on_error,
            progress,
            0,
            total,
        )?;
        if stop_on_error && !errors.is_empty() {
            return finish(py, Pieces::default(), errors, &w);
        }
        w.names = counted.names;
    }
    let offset = total - sources.len();
    let (pieces, errors) = pass(
        py,
        &sources,
        &w,
        batch,
        stop_on_error,
        progress,
        offset,
        total,
    )?;
    finish(py, pieces, errors, &w)
}

fn finish<'py>(
    py: Python<'py>,
    p: Pieces,
    errors: Vec<(usize, Error)>,
    w: &Want,
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    let errs = PyList::empty(py);
    for (i, e) in &errors {
        errs.append((i, read_error(e).into_value(py)))?;
    }
    d.set_item("errors", errs)?;
    d.set_item("documents", p.documents)?;
    if w.indicators {
        d.set_item("indicators", indicator_dict(py, p.indicators)?)?;
    }
    if w.tables {
        d.set_item("tables", records(py, p.tables)?)?;
    }
    if w.allocations {
        d.set_item("allocations", records(py, p.allocations)?)?;
    }
    if w.unread {
        d.set_item("unread", records(py, p.unread)?)?;
    }
    if w.read_warnings {
        d.set_item("read_warnings", records(py, p.read_warnings)?)?;
    }
    if w.check.is_some() {
        let cols = records(py, p.findings.records)?;
        let values = PyList::empty(py);
        for v in &p.findings.values {
            let x = PyDict::new(py);
            for (k, val) in v {
                x.set_item(k, val)?;
            }
            values.append(x)?;
        }
        cols.set_item("values", values)?;
        d.set_item("check", cols)?;
    }
    if w.score.is_some() {
        d.set_item("score", score_dict(py, p.scores)?)?;
    }
    if w.quality.is_some() {
        d.set_item("quality", quality_dict(py, p.quality)?)?;
    }
    Ok(d)
}

/// A vector as a numpy array, without spare capacity.
fn arr<'py, T: numpy::Element>(py: Python<'py>, mut v: Vec<T>) -> Bound<'py, numpy::PyArray1<T>> {
    v.shrink_to_fit();
    v.into_pyarray(py)
}

/// Distinct strings as (UTF-8 buffer, offsets), for `jixiao._columns.Texts`.
fn strings_tuple<'py>(py: Python<'py>, s: Strings) -> PyResult<Bound<'py, PyAny>> {
    let (data, offsets) = s.into_parts();
    Ok((arr(py, data), arr(py, offsets))
        .into_pyobject(py)?
        .into_any())
}

/// A small dictionary column as (codes, categories).
fn dictionary<'py>(py: Python<'py>, d: Dictionary) -> PyResult<Bound<'py, PyAny>> {
    Ok((arr(py, d.codes), d.categories)
        .into_pyobject(py)?
        .into_any())
}

fn indicator_dict<'py>(py: Python<'py>, c: IndicatorColumns) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("doc", dictionary(py, c.doc.sorted())?)?;
    d.set_item("table", arr(py, c.table))?;
    d.set_item("row", arr(py, c.row))?;
    d.set_item("level1", dictionary(py, c.level1)?)?;
    d.set_item("level2", dictionary(py, c.level2)?)?;
    d.set_item("strings", strings_tuple(py, c.strings)?)?;
    d.set_item("level1_printed", arr(py, c.level1_printed))?;
    d.set_item("level2_printed", arr(py, c.level2_printed))?;
    d.set_item("name", arr(py, c.name))?;
    d.set_item("cycle_target", arr(py, c.cycle_target))?;
    d.set_item("target", arr(py, c.target))?;
    d.set_item("actual", arr(py, c.actual))?;
    d.set_item("weight", arr(py, c.weight))?;
    d.set_item("score", arr(py, c.score))?;
    d.set_item("deviation", arr(py, c.deviation))?;
    d.set_item("placeholder", arr(py, c.placeholder))?;
    d.set_item("line", arr(py, c.line))?;
    d.set_item("ocr_confidence", arr(py, c.ocr_confidence))?;
    d.set_item("ocr_low_cells", arr(py, c.ocr_low_cells))?;
    d.set_item(
        "target_value",
        super::value::columns_to_dict(py, c.target_value)?,
    )?;
    d.set_item(
        "actual_value",
        super::value::columns_to_dict(py, c.actual_value)?,
    )?;
    Ok(d)
}

/// Records as a dict: ``strings`` and, per column in order, (kind, array) (see `jixiao._columns.records_frame`).
fn records<'py>(py: Python<'py>, r: Records) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    let n = r.len();
    for (&(name, _), col) in r.schema.iter().zip(r.columns) {
        if col.len() != n {
            return Err(PyValueError::new_err(format!(
                "column {name}: {} rows of {n}",
                col.len()
            )));
        }
        let value = match col {
            Column::Text(v) => ("text", arr(py, v).into_any()),
            Column::Float(v) => ("float", arr(py, v).into_any()),
            Column::Int(v) => ("int", arr(py, v).into_any()),
            Column::OptInt(v) => ("opt_int", arr(py, v).into_any()),
            Column::U32(v) => ("u32", arr(py, v).into_any()),
            Column::I8(v) => ("i8", arr(py, v).into_any()),
            Column::Bool(v) => ("bool", arr(py, v).into_any()),
        };
        d.set_item(name, value)?;
    }
    d.set_item("strings", strings_tuple(py, r.strings)?)?;
    Ok(d)
}

fn score_dict<'py>(py: Python<'py>, o: ScorePieces) -> PyResult<Bound<'py, PyAny>> {
    let rows = records(py, o.rows)?;
    super::score::put_scores(py, &rows, o.scores)?;
    let tables = records(py, o.tables)?;
    Ok((rows, tables).into_pyobject(py)?.into_any())
}

fn quality_dict<'py>(py: Python<'py>, o: QualityPieces) -> PyResult<Bound<'py, PyAny>> {
    let rows = records(py, o.rows)?;
    let tables = records(py, o.tables)?;
    Ok((rows, tables).into_pyobject(py)?.into_any())
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_frames, m)?)?;
    Ok(())
}
