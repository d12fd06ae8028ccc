"""Scores: self-evaluations re-scored by the rules, inflated self-scores, and the quality of indicator setting.

评分：按规则重算自评得分、识别虚高自评、评价绩效指标设置质量。

>>> import jixiao
>>> result = jixiao.score(jixiao.read("tests/fixtures/documents/002_64eb690d41cac579.txt"))
>>> t = result.tables.iloc[7]
>>> float(t["self_total"]), float(t["standard_total"]), t["self_grade"], t["standard_grade"]
(92.74, 79.24, '优', '中')
>>> row = result.indicators[result.indicators.inflated].iloc[0]
>>> row["name"], float(row["self_score"]), float(row["standard_score"])
('维护维修及时性', 15.0, 1.5)
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from jixiao import _jixiao
from jixiao._columns import records_columns, records_frame
from jixiao.checks import DocsLike, _profile_arg
from jixiao.documents import _frames

_STATUS, _METHODS, _REASONS = _jixiao._score_codes()

#: Row statuses of a score: scored, not_applicable (0 points, 不涉及), unscorable (with the reason).
STATUSES = tuple(_STATUS)
#: How a row was scored, or why it was not (``method`` column); ``reason`` holds the sentence in zh / en.
METHODS = tuple(_METHODS)


@dataclass(frozen=True)
class Scores:
    """The result of :func:`score`: ``indicators`` (one row per indicator of every self-evaluation) and
    ``tables`` (one row per self-evaluation)."""

    indicators: pd.DataFrame
    tables: pd.DataFrame

    def __repr__(self) -> str:
        inflated = int(self.indicators["inflated"].sum()) if len(self.indicators) else 0
        return f"<jixiao.Scores: {len(self.tables)} tables, {len(self.indicators)} indicators, {inflated} inflated>"

    def _repr_html_(self) -> str:
        # In Jupyter: the per-table comparison, then the rows scored above the rules.
        cols = ["doc", "table", "project", "self_total", "standard_total", "self_grade", "standard_grade", "n_inflated"]
        inflated = self.indicators[self.indicators["inflated"]]
        rows = ["doc", "line", "name", "target", "actual", "weight", "self_score", "standard_score"]
        return (
            f"<b>{html.escape(repr(self))}</b>{self.tables[cols]._repr_html_()}"
            f"<b>scored above the rules / 自评得分高于规则得分</b>{inflated[rows]._repr_html_()}"
        )


@dataclass(frozen=True)
class Quality:
    """The result of :func:`quality`: ``indicators`` (the features of each indicator) and ``tables`` (feature
    shares, the four dimension scores and the index)."""

    indicators: pd.DataFrame
    tables: pd.DataFrame

    def __repr__(self) -> str:
        return f"<jixiao.Quality: {len(self.tables)} tables, {len(self.indicators)} indicators>"

    def _repr_html_(self) -> str:
        cols = [
            "doc",
            "table",
            "kind",
            "project",
            "completeness",
            "relevance",
            "appropriateness",
            "feasibility",
            "index",
        ]
        return f"<b>{html.escape(repr(self))}</b>{self.tables[cols].round(1)._repr_html_()}"


def _model_arg(model: dict[str, Any] | str | os.PathLike[str] | None) -> str | None:
    """A grade model as the JSON text the core reads: from a dict, JSON text or a file."""
    if model is None:
        return None
    if isinstance(model, dict):
        return json.dumps(model)
    text = os.fspath(model)
    if isinstance(text, str) and text.lstrip().startswith("{"):
        return text
    with open(text, encoding="utf-8") as f:
        return f.read()


#: Columns of jixiao.tables added to the score and quality tables, to group by (department, year …).
TABLE_KEYS = ("project", "unit", "dept", "year")


def _with_table_keys(frame: pd.DataFrame, table_columns: dict[str, Any]) -> pd.DataFrame:
    """Adds each table's project, unit, department and year (from :func:`jixiao.tables`) after the keys."""
    keys = ("doc", "table", *TABLE_KEYS)
    meta = records_frame({k: table_columns[k] for k in (*keys, "strings")})
    merged = frame.merge(meta, on=["doc", "table"], how="left")
    order = ["doc", "table", *TABLE_KEYS] + [c for c in frame.columns if c not in ("doc", "table")]
    return merged[order]


def _score_columns(frame: dict[str, Any]) -> dict[str, Any]:
    """Decodes the status/method codes into categoricals and adds ``scorable`` and ``reason``."""
    status = pd.Categorical.from_codes(np.asarray(frame.pop("status"), dtype=np.int8), categories=list(STATUSES))
    method_codes = np.asarray(frame.pop("method"), dtype=np.int8)
    frame["status"] = status
    frame["scorable"] = np.asarray(status == "scored")
    frame["method"] = pd.Categorical.from_codes(method_codes, categories=list(METHODS))
    frame["reason"] = pd.Categorical.from_codes(method_codes, categories=list(_REASONS))
    return frame


def score(
    docs: DocsLike,
    profile: str | os.PathLike[str] | None = None,
    *,
    reverse: str = "ratio",
    execution_cap: bool = True,
    renormalize: bool = False,
    batch_size: int | None = None,
    errors: str = "raise",
    progress: Callable[[int, int], object] | None = None,
) -> Scores:
    """Re-scores every self-evaluation in ``docs`` by the rules.

    按规则重算自评表得分。

    ``profile`` gives the qualitative bands and grade bands (default: detected per table, see
    :func:`jixiao.detected_profiles`). Policies: ``reverse`` ("ratio": points × target / actual, or "linear":
    falling to 0 at twice the target) for missed less-is-better targets; ``execution_cap`` caps the execution
    score at its points; ``renormalize`` scales a total to 100 when not-applicable rows leave fewer points.

    ``indicators`` columns: ``doc``, ``table``, ``row``, ``level1``, ``level2``, ``name``, ``target``, ``actual``,
    ``weight``, ``self_score``, ``standard_score``, ``completion``, ``score_gap`` (self − standard),
    ``scorable``, ``status``, ``method``, ``reason``, ``inflated``, ``line``. ``tables`` columns: ``doc``,
    ``table``, ``profile``, the fund points, rate and scores, ``standard_total``, ``self_total`` (floats, and
    exact strings), ``standard_grade``, ``self_grade``, counts of scored / unscorable / not-applicable rows,
    ``unscorable_weight``, ``n_inflated``, ``inflated_points`` and ``inflated_rows`` (the rows scored above the
    rules).

    ``docs`` is a Document, a list of them, or files, folders and glob patterns, read in batches of
    ``batch_size`` documents that are scored and dropped before the next batch (``errors`` and ``progress`` as in
    :func:`jixiao.read`): ``score("corpus/", errors="warn")`` scores a corpus of any size in memory bounded by the
    result.
    """
    got = _frames(
        docs,
        ["score", "tables"],
        batch_size=batch_size,
        errors=errors,
        progress=progress,
        profile=_profile_arg(profile),
        reverse=reverse,
        execution_cap=execution_cap,
        renormalize=renormalize,
    )
    cols, tables = got["score"]
    cols = _score_columns(records_columns(cols, categories=("doc", "level1", "level2")))
    order = [
        "doc", "table", "row", "level1", "level2", "name", "target", "actual", "weight", "self_score",
        "standard_score", "completion", "score_gap", "scorable", "status", "method", "reason", "inflated", "line",
    ]  # fmt: skip
    indicators = pd.DataFrame({k: cols.pop(k) for k in order}, copy=False)
    tables = _with_table_keys(records_frame(tables), got["tables"])
    # The indicators each table scores above the rules, by row.
    inflated = indicators[indicators["inflated"]].groupby(["doc", "table"], observed=True)["row"].apply(list)
    keys = list(zip(tables["doc"], tables["table"], strict=True)) if len(tables) else []
    tables["inflated_rows"] = [inflated.get(k, []) for k in keys]
    return Scores(indicators=indicators, tables=tables)


def score_frame(
    frame: pd.DataFrame,
    *,
    target: str = "target",
    actual: str = "actual",
    weight: str = "weight",
    score: str | None = "score",
    budget: str | None = None,
    reverse: str = "ratio",
    achieved: float = 0.8,
    partial: float = 0.6,
) -> pd.DataFrame:
    """Scores a DataFrame of indicators assembled from your own spreadsheet; runs in Rust over the columns.

    对用户自己整理的指标表（DataFrame）按规则计分。

    Columns read (names configurable): ``target`` (指标值 text, e.g. ``≥95%``), ``actual`` (实际完成值 text),
    ``weight`` (分值, number), optionally ``score`` (the self-score, number) and ``budget`` (the table's full-year
    budget in 元, for targets such as 不超年度预算). Missing texts may be empty or NaN. ``achieved`` / ``partial``
    are the floors of the qualitative bands. Returns a copy of ``frame`` with ``completion``,
    ``standard_score``, ``score_gap``, ``scorable``, ``status``, ``method``, ``reason`` and ``inflated`` added.

    >>> df = pd.DataFrame({"target": ["≥95%", "100%", "≤10次"], "actual": ["98%", "10%", "15次"],
    ...                    "weight": [10, 15, 5], "score": [10, 15, 5]})
    >>> score_frame(df)[["standard_score", "inflated"]].values.tolist()
    [[10.0, False], [1.5, True], [3.33, True]]
    """
    for col in (target, actual, weight):
        if col not in frame.columns:
            raise KeyError(f"score_frame: no column {col!r} (columns: {list(frame.columns)})")

    def coded(col: str) -> tuple[list[str], np.ndarray]:
        # Distinct texts and per-row codes: the texts cross into Rust once each, not once per row.
        codes, uniques = pd.factorize(frame[col], use_na_sentinel=True)
        return [str(u) for u in uniques], np.ascontiguousarray(codes, dtype=np.int64)

    def numbers(col: str | None) -> np.ndarray:
        if col is None or col not in frame.columns:
            return np.full(len(frame), np.nan)
        values = pd.to_numeric(frame[col], errors="coerce")
        return np.ascontiguousarray(values.to_numpy(dtype=np.float64, na_value=np.nan))

    (tt, tc), (at, ac) = coded(target), coded(actual)
    cols = _jixiao._score_columns(
        tt, tc, at, ac, numbers(weight), numbers(score), numbers(budget), reverse, achieved, partial
    )
    cols = _score_columns(cols)
    out = frame.copy()
    for k in ("completion", "standard_score", "score_gap", "scorable", "status", "method", "reason", "inflated"):
        out[k] = cols[k]
    return out


def quality(
    docs: DocsLike,
    profile: str | os.PathLike[str] | None = None,
    *,
    batch_size: int | None = None,
    errors: str = "raise",
    progress: Callable[[int, int], object] | None = None,
    model: dict[str, Any] | str | os.PathLike[str] | None = None,
) -> Quality:
    """Grades how well each table's indicators were set (goal tables and self-evaluations).

    绩效指标设置质量：逐项特征、逐项等级（1–5）、四个维度（完整性、相关性、适当性、可行性）与综合指数。

    ``indicators`` holds one row per indicator with its features (``quantified``, ``measurable``,
    ``unit_present``, ``miscategorized``, ``cannot_fail``, ``routine_100``, ``far_above``, ``equals_actual``,
    ``annual_above_cycle``, ``boilerplate``, ``met``, ``relevant``; nullable booleans where a feature does not
    apply), the target's ``form`` (quantity, single, rate, full_rate, satisfaction, full_satisfaction, deadline,
    duration, standard, other), the ``flaws`` the grade weighs (``;``-separated), and the ``grade`` (1–5, as a
    reviewer grades a row) with ``grade_score`` (the same before rounding). ``tables`` holds the share of each
    feature, ``level1_coverage``, ``level2_coverage``, ``share_complete``, ``mean_grade``, the dimension scores
    ``completeness``, ``relevance``, ``appropriateness``, ``feasibility`` (0–100; feasibility only for
    self-evaluations) and ``index``. The method and its validation against expert grades are in
    ``docs/quality.md``.

    ``model`` replaces the shipped grade model: a dict, JSON text or a JSON file as written by
    :func:`jixiao.validation.fit` (for grades of your own). ``docs`` as in :func:`score`. Boilerplate counts names
    over all of ``docs``, so files are read twice: once for the names, once for the features (``progress`` counts
    both passes).
    """
    got = _frames(
        docs,
        ["quality", "tables"],
        batch_size=batch_size,
        errors=errors,
        progress=progress,
        profile=_profile_arg(profile),
        grade_model=_model_arg(model),
    )
    cols, tables = got["quality"]
    frame = records_frame(cols, categories=("doc", "level1", "level2", "form"))
    for k in ("unit_present", "far_above", "equals_actual", "annual_above_cycle", "met", "relevant"):
        codes = frame[k].to_numpy()
        frame[k] = pd.array(np.where(codes < 0, None, codes == 1), dtype="boolean")
    return Quality(indicators=frame, tables=_with_table_keys(records_frame(tables), got["tables"]))
