"""Validation of :func:`jixiao.quality` against expert grades, and the fit of its grade model.

质量指数的检验：与专家评分比对，按文件留一交叉验证，并拟合逐项等级与表级维度的权重。

The grades are two JSON-lines files in one folder, as in ``shared/quality``: ``indicators.jsonl`` (one graded row:
``doc``, ``table_index``, ``row``, ``name``, ``grade`` 1–5 and the rubric's booleans) and ``tables.jsonl`` (one
graded table: ``completeness``, ``relevance``, ``appropriateness`` 1–5). ``doc`` is the file name without its
extension.

The model (see ``docs/quality.md``) is fitted in two steps, each with ordinary least squares:

1. the row grade: each *major* flaw caps the grade at the mean grade of the rows that have it; on the rows without
   one, the grade is a base per target form less a penalty per notable flaw (ridge-shrunk towards the mean);
2. the table dimensions: relevance and appropriateness from table statistics, then the index from the dimensions
   and the mean row grade, each fitted on the reviewers' table grades.

:func:`cross_validate` leaves one document out at a time: both steps are refitted without it and it is then
scored by the refitted model, so no row or table is graded by weights fitted on itself.

Run ``python -m jixiao.validation GRADES_DIR --docs DIR ...`` for the report, ``--write FILE`` to save the model
fitted on all grades (``src/score/grade_model.json`` is the shipped one).
"""

from __future__ import annotations

import argparse
import glob
import json
import math
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

import jixiao

#: Flaws that cap the row grade (the rubric's major flaws); the others lower it.
CAPS = ("missing_target", "not_measurable", "cannot_fail", "irrelevant", "far_above", "low_bar")
#: Target forms, in the order of the core's ``Form``.
FORMS = (
    "quantity",
    "single",
    "rate",
    "full_rate",
    "satisfaction",
    "full_satisfaction",
    "deadline",
    "duration",
    "standard",
    "other",
)
#: Inputs of each fitted table model (columns of ``quality(...).tables``).
TABLE_INPUTS = {
    "relevance": ("share_relevant", "mean_grade"),
    "appropriateness": ("share_easy", "mean_grade"),
    "index": ("completeness", "mean_grade"),
}
#: Ridge penalty of the row model's linear part (in grade points², per unit of a 0/1 term).
ROW_RIDGE = 2.0

_LEAD = re.compile(r"^(?:[★☆*※]+|指标\d+[:：.．]?|\(?\d+[)、.．)]|（\d+）)+")


def name_key(s: object) -> str:
    """An indicator name as graded rows are matched: NFKC, no white space, no leading ★ or 指标1:."""
    if s is None or (isinstance(s, float) and math.isnan(s)):
        return ""
    t = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(s)))
    return _LEAD.sub("", t)


@dataclass
class Grades:
    """Expert grades: one record per graded row and per graded table."""

    rows: list[dict[str, Any]]
    tables: list[dict[str, Any]]

    @classmethod
    def load(cls, folder: str | os.PathLike[str]) -> Grades:
        """Reads ``indicators.jsonl`` and ``tables.jsonl`` from ``folder``."""

        def lines(name: str) -> list[dict[str, Any]]:
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                return [json.loads(x) for x in f if x.strip()]

        return cls(lines("indicators.jsonl"), lines("tables.jsonl"))

    def docs(self) -> list[str]:
        return sorted({r["doc"] for r in self.rows})


@dataclass
class Matched:
    """Graded rows and tables joined to jixiao's quality frames, one document at a time."""

    rows: pd.DataFrame  # quality().indicators columns + g_* grades + stem
    tables: pd.DataFrame  # quality().tables columns + g_* grades + stem
    graded_rows: int = 0
    missing_docs: list[str] = field(default_factory=list)


def _match_doc(
    stem: str, q: jixiao.Quality, graded: list[dict[str, Any]], tables: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    ind = q.indicators.to_dict("records")
    keys = [name_key(r.get("name")) for r in ind]
    used = [False] * len(ind)
    rows, j0 = [], 0
    for g in sorted(graded, key=lambda r: (r["table_index"], r["row"])):
        k = name_key(g.get("name"))
        order = list(range(j0, len(ind))) + list(range(j0))
        hit = next((j for j in order if not used[j] and k and keys[j] == k), None)
        if hit is None:
            continue
        used[hit], j0 = True, hit + 1
        rows.append({**ind[hit], **{f"g_{a}": b for a, b in g.items()}, "stem": stem})
    out_tables = []
    qt = {t["table"]: t for t in q.tables.to_dict("records")}
    for t in tables:
        hits: dict[int, int] = {}
        for g in (g for g in graded if g["table_index"] == t["table_index"]):
            k = name_key(g.get("name"))
            j = next((j for j in range(len(ind)) if k and keys[j] == k), None)
            if j is not None:
                hits[ind[j]["table"]] = hits.get(ind[j]["table"], 0) + 1
        if hits and (jt := qt.get(max(hits, key=hits.__getitem__))) is not None:
            out_tables.append({**jt, **{f"g_{a}": b for a, b in t.items()}, "stem": stem})
    return rows, out_tables


class Corpus:
    """The graded documents, read once, and their quality under any grade model (one document at a time, as
    ``shared/quality/agreement.py`` scores them)."""

    def __init__(self, grades: Grades, doc_dirs: Sequence[str | os.PathLike[str]]) -> None:
        self.grades = grades
        self.documents: dict[str, list[jixiao.Document]] = {}
        self.missing: list[str] = []
        for stem in grades.docs():
            paths = [
                p for d in doc_dirs for p in sorted(glob.glob(os.path.join(glob.escape(os.fspath(d)), stem + ".*")))
            ]
            if not paths:
                self.missing.append(stem)
                continue
            got = jixiao.read(paths[0])
            self.documents[stem] = got if isinstance(got, list) else [got]

    def match(self, model: dict[str, Any] | None = None, stems: Iterable[str] | None = None) -> Matched:
        """Quality of the documents ``stems`` (default: all) under ``model``, joined to their grades."""
        rows, tables = [], []
        for stem in self.documents if stems is None else stems:
            q = jixiao.quality(self.documents[stem], model=model)
            graded = [r for r in self.grades.rows if r["doc"] == stem]
            gt = [t for t in self.grades.tables if t["doc"] == stem]
            r, t = _match_doc(stem, q, graded, gt)
            rows += r
            tables += t
        return Matched(pd.DataFrame(rows), pd.DataFrame(tables), len(self.grades.rows), self.missing)


def _flaw_matrix(rows: pd.DataFrame) -> pd.DataFrame:
    sets = [set(filter(None, str(f).split(";"))) if isinstance(f, str) else set() for f in rows["flaws"]]
    names = sorted({f for s in sets for f in s})
    return pd.DataFrame({n: [float(n in s) for s in sets] for n in names}, index=rows.index)


def fit_rows(rows: pd.DataFrame, caps: Sequence[str] = CAPS, ridge: float = ROW_RIDGE) -> dict[str, Any]:
    """The row model from matched rows (``form``, ``flaws``, ``g_grade``): caps, bases and penalties (the cuts
    of the whole grade come from :func:`fit_cuts` on the scores the core gives under this model)."""
    y = rows["g_grade"].to_numpy(float)
    flaws = _flaw_matrix(rows)
    capped = np.zeros(len(rows), bool)
    cap: dict[str, float] = {}
    for c in caps:
        if c in flaws and flaws[c].any():
            has = flaws[c].to_numpy() > 0
            cap[c] = float(y[has].mean())
            capped |= has
    free = ~capped
    penalties = [c for c in flaws.columns if c not in caps]
    forms = [f for f in FORMS if (rows["form"].astype(str)[free] == f).any()]
    x = np.column_stack(
        [(rows["form"].astype(str).to_numpy()[free] == f).astype(float) for f in forms]
        + [flaws[c].to_numpy()[free] for c in penalties]
    )
    mean = float(y[free].mean()) if free.any() else 3.0
    # Ridge towards the mean: a form seen in few rows keeps a base near the mean grade.
    coef = np.linalg.solve(x.T @ x + ridge * np.eye(x.shape[1]), x.T @ (y[free] - mean))
    base = {f: round(mean + float(b), 3) for f, b in zip(forms, coef[: len(forms)], strict=True)}
    for f in FORMS:
        base.setdefault(f, round(mean, 3))
    # A flaw that raised the grade in the sample is no flaw: no penalty rather than a reward.
    penalty = {c: round(max(0.0, -float(b)), 3) for c, b in zip(penalties, coef[len(forms) :], strict=True)}
    return {"base": base, "penalty": penalty, "cap": {c: round(v, 3) for c, v in cap.items()}}


def fit_cuts(scores: np.ndarray, grades: np.ndarray) -> list[float]:
    """Four ascending cuts so that each whole grade is given about as often as the reviewers gave it: for each
    k, the midpoint between distinct scores where the share of scores below it is nearest the reviewers'
    share of grades ≤ k (equipercentile, with ties kept together)."""
    values = np.unique(scores)
    mids = (values[:-1] + values[1:]) / 2 if len(values) > 1 else np.array([2.5])
    below = np.array([(scores < m).mean() for m in mids])
    cuts, last = [], -np.inf
    for k in (1, 2, 3, 4):
        want = float((grades <= k).mean())
        ok = mids > last
        pick = mids[ok][np.argmin(np.abs(below[ok] - want))] if ok.any() else last + 0.5
        cuts.append(round(float(pick), 3))
        last = pick
    return cuts


def _linear(x: np.ndarray, y: np.ndarray, names: Sequence[str]) -> dict[str, Any]:
    """Unit weights on standardised inputs for the direction, each input signed by its correlation with the
    grade; then least squares of the grade on that composite for the scale, so that the prediction is on the
    1–5 grade scale. On a few dozen tables, unit weights predict new tables better than weights fitted one
    by one (Dawes 1979, "The robust beauty of improper linear models"); cross-validation here agreed."""
    mu, sd = x.mean(0), x.std(0)
    sd[sd == 0] = 1.0
    z = (x - mu) / sd
    coef = np.sign(z.T @ (y - y.mean()))
    c = z @ coef
    scale = float(c @ (y - y.mean()) / (c @ c)) if c @ c > 0 else 0.0
    w = scale * coef / sd
    return {
        "intercept": round(float(y.mean() - mu @ w), 6),
        "weights": {n: round(float(v), 6) for n, v in zip(names, w, strict=True)},
    }


def mean3(tables: pd.DataFrame) -> np.ndarray:
    """The mean of the reviewers' completeness, relevance and appropriateness (they agree best on it)."""
    means: np.ndarray = tables[["g_completeness", "g_relevance", "g_appropriateness"]].to_numpy(float).mean(1)
    return means


def _table_inputs(tables: pd.DataFrame, which: str, dims: dict[str, np.ndarray]) -> np.ndarray:
    return np.column_stack([dims[c] if c in dims else tables[c].to_numpy(float) for c in TABLE_INPUTS[which]])


def fit_tables(tables: pd.DataFrame) -> dict[str, Any]:
    """The table models from matched tables scored under a model with the row part only."""

    def score(lin: dict[str, Any], x: np.ndarray) -> np.ndarray:
        g: np.ndarray = np.clip(lin["intercept"] + x @ np.array(list(lin["weights"].values())), 1, 5)
        return 25 * (g - 1)

    out, dims = {}, {}
    for which, target in (("relevance", "g_relevance"), ("appropriateness", "g_appropriateness")):
        x = _table_inputs(tables, which, {})
        out[which] = _linear(x, tables[target].to_numpy(float), TABLE_INPUTS[which])
        dims[which] = score(out[which], x)
    x = _table_inputs(tables, "index", dims)
    out["index"] = _linear(x, mean3(tables), TABLE_INPUTS["index"])
    return out


def fit(corpus: Corpus, stems: Iterable[str] | None = None, note: str = "") -> dict[str, Any]:
    """The whole model fitted on the documents ``stems`` (default: all)."""
    stems = list(corpus.documents if stems is None else stems)
    first = corpus.match(None, stems)
    row = fit_rows(first.rows)
    second = corpus.match({"row": row}, stems)
    row["cuts"] = fit_cuts(second.rows["grade_score"].to_numpy(float), second.rows["g_grade"].to_numpy(float))
    return {"row": row, "tables": fit_tables(second.tables), "fitted_on": note}


@dataclass
class Report:
    """Agreement figures with bootstrap intervals (over tables)."""

    rows: pd.DataFrame
    tables: pd.DataFrame
    figures: dict[str, tuple[float, float, float, int]]  # name -> (value, low, high, n)

    def markdown(self) -> str:
        out = ["| measure | value | 95% interval | n |", "|---|---|---|---|"]
        for k, (v, lo, hi, n) in self.figures.items():
            interval = "" if math.isnan(lo) else f"{lo:.3f} – {hi:.3f}"
            out.append(f"| {k} | {v:.3f} | {interval} | {n} |")
        return "\n".join(out)


def spearman(a: npt.ArrayLike, b: npt.ArrayLike) -> float:
    """Spearman's rank correlation (average ranks for ties); NaN pairs dropped."""
    x = pd.Series(np.asarray(a, dtype=float))
    y = pd.Series(np.asarray(b, dtype=float))
    ok = x.notna() & y.notna()
    if ok.sum() < 3:
        return float("nan")
    return float(x[ok].rank().corr(y[ok].rank()))


def kappa(mine: npt.ArrayLike, theirs: npt.ArrayLike) -> float:
    """Cohen's kappa of two yes/no ratings."""
    a, b = np.asarray(mine, float), np.asarray(theirs, float)
    if not len(a):
        return float("nan")
    agree = float((a == b).mean())
    pa, pb = a.mean(), b.mean()
    pe = pa * pb + (1 - pa) * (1 - pb)
    return (agree - pe) / (1 - pe) if pe < 1 else float("nan")


def _features(rows: pd.DataFrame) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """jixiao's features against the reviewers' (as agreement.py pairs them), where both are known."""

    def truth(col: pd.Series) -> pd.Series:
        return col.map(
            lambda v: None if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA else bool(v)
        )

    easy = (
        rows["cannot_fail"].astype(bool)
        | rows["routine_100"].astype(bool)
        | rows["far_above"].fillna(False).astype(bool)
    )
    pairs = {
        "quantified": (truth(rows["quantified"]), truth(rows["g_quantified"])),
        "measurable": (truth(rows["measurable"]), truth(rows["g_measurable"])),
        "unit": (truth(rows["unit_present"]), truth(rows["g_unit_ok"])),
        "miscategorized": (
            rows["miscategorized"].notna(),
            truth(rows["g_category_ok"]).map(lambda v: None if v is None else not v),
        ),
        "easy": (easy, truth(rows["g_too_easy"])),
    }
    out = {}
    for k, (m, t) in pairs.items():
        ok = m.notna() & t.notna()
        out[k] = (m[ok].astype(bool).to_numpy(), t[ok].astype(bool).to_numpy())
    return out


def _figures(rows: pd.DataFrame, tables: pd.DataFrame) -> dict[str, tuple[float, int]]:
    f: dict[str, tuple[float, int]] = {}
    for k, (m, t) in _features(rows).items():
        f[f"{k}, kappa"] = (kappa(m, t), len(m))
    f["row grade, Spearman"] = (spearman(rows["grade_score"], rows["g_grade"]), len(rows))
    f["row grade (whole), Spearman"] = (spearman(rows["grade"], rows["g_grade"]), len(rows))
    f["row grade, exact"] = (float((rows["grade"] == rows["g_grade"]).mean()), len(rows))
    f["row grade, within one"] = (float(((rows["grade"] - rows["g_grade"]).abs() <= 1).mean()), len(rows))
    n = len(tables)
    f["table index ~ mean of three, Spearman"] = (spearman(tables["index"], mean3(tables)), n)
    for d in ("completeness", "relevance", "appropriateness"):
        f[f"table {d}, Spearman"] = (spearman(tables[d], tables[f"g_{d}"]), n)
    return f


def report(rows: pd.DataFrame, tables: pd.DataFrame, bootstrap: int = 1000, seed: int = 20261201) -> Report:
    """The agreement figures of matched ``rows`` and ``tables``, each with a 95% percentile interval from
    resampling tables (a table's rows move with it: rows of one table are not independent)."""
    point = _figures(rows, tables)
    rng = np.random.default_rng(seed)
    rkey = rows["stem"].astype(str) + "#" + rows["table"].astype(str)
    tkey = tables["stem"].astype(str) + "#" + tables["table"].astype(str)
    keys = sorted(set(rkey) | set(tkey))
    by_r = {k: np.flatnonzero(rkey.to_numpy() == k) for k in keys}
    by_t = {k: np.flatnonzero(tkey.to_numpy() == k) for k in keys}
    draws: dict[str, list[float]] = {k: [] for k in point}
    for _ in range(bootstrap):
        pick = rng.choice(len(keys), len(keys))
        ri = np.concatenate([by_r[keys[i]] for i in pick])
        ti = np.concatenate([by_t[keys[i]] for i in pick])
        for k, (v, _) in _figures(rows.iloc[ri], tables.iloc[ti]).items():
            if not math.isnan(v):
                draws[k].append(v)
    figures = {}
    for k, (v, n) in point.items():
        d = np.array(draws[k])
        lo, hi = np.percentile(d, [2.5, 97.5]) if len(d) else (float("nan"), float("nan"))
        figures[k] = (v, float(lo), float(hi), n)
    return Report(rows, tables, figures)


def cross_validate(corpus: Corpus) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rows and tables of every document scored by a model fitted without that document."""
    rows, tables = [], []
    stems = list(corpus.documents)
    for held in stems:
        model = fit(corpus, [s for s in stems if s != held])
        m = corpus.match(model, [held])
        rows.append(m.rows)
        tables.append(m.tables)
    return pd.concat(rows, ignore_index=True), pd.concat(tables, ignore_index=True)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m jixiao.validation", description=__doc__.splitlines()[0])
    ap.add_argument("grades", help="folder with indicators.jsonl and tables.jsonl")
    ap.add_argument("--docs", nargs="+", required=True, help="folders holding the graded documents")
    ap.add_argument("--write", help="save the model fitted on all grades to this JSON file")
    ap.add_argument("--bootstrap", type=int, default=1000)
    a = ap.parse_args(argv)
    corpus = Corpus(Grades.load(a.grades), a.docs)
    if corpus.missing:
        print(f"documents not found: {', '.join(corpus.missing)}")
    cv_rows, cv_tables = cross_validate(corpus)
    found = len(cv_rows)
    print(
        f"rows graded {len(corpus.grades.rows)}, matched {found}; "
        f"tables graded {len(corpus.grades.tables)}, matched {len(cv_tables)}"
    )
    print("\nleft out one document at a time:\n")
    print(report(cv_rows, cv_tables, a.bootstrap).markdown())
    model = fit(corpus, note=f"{len(cv_rows)} rows and {len(cv_tables)} tables of {len(corpus.documents)} documents")
    whole = corpus.match(model)
    print("\nfitted on all grades (in-sample):\n")
    print(report(whole.rows, whole.tables, 0).markdown())
    if a.write:
        with open(a.write, "w", encoding="utf-8") as f:
            json.dump(model, f, ensure_ascii=False, indent=1, sort_keys=True)
            f.write("\n")
        print(f"\nmodel written to {a.write}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
