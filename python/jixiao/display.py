"""Rich display in Jupyter, and readable text in a shell: a Document, one table's indicator tree with its scores
and findings, and a findings list.

Jupyter 中的富文本展示：文档概览、单张表的指标树（指标值、实际值、分值、自评得分、规则得分，问题就地标注）与问题清单。

>>> import jixiao
>>> doc = jixiao.read("tests/fixtures/documents/002_64eb690d41cac579.txt")
>>> view = doc.table(7)
>>> print(repr(view).splitlines()[0])
002_64eb690d41cac579.txt T7 目支出绩 物业维修维护(非 (?): self 92.74 优, rules 79.24 中, 10 indicators, 3 findings
>>> "<table" in view._repr_html_() and "S101" in view._repr_html_()
True
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, SupportsFloat

import pandas as pd

if TYPE_CHECKING:
    from jixiao._jixiao import Document

_SEVERITY_COLOURS = {"error": "#c62828", "warning": "#ef6c00", "info": "#546e7a"}
_STYLE = (
    "<style>.jx table{border-collapse:collapse;font-size:12px}.jx td,.jx th{border:1px solid #ddd;padding:2px 6px;"
    "text-align:left;vertical-align:top}.jx th{background:#f5f5f5}.jx .num{text-align:right}"
    ".jx .inflated{background:#ffebee}.jx .code{font-family:monospace;font-weight:bold}</style>"
)


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value))


def _e(value: object) -> str:
    """Text for HTML: escaped, missing values empty."""
    return "" if _missing(value) else html.escape(str(value))


def _t(value: object, missing: str = "—") -> str:
    """Text for a shell: missing values as a dash."""
    return missing if _missing(value) else str(value)


def _n(value: SupportsFloat | str | None) -> str:
    """A number as printed (10, 1.5), missing values empty."""
    return "" if value is None or _missing(value) else f"{float(value):g}"


def _badge(code: str, severity: str, message: str) -> str:
    colour = _SEVERITY_COLOURS.get(severity, "#546e7a")
    return f'<span class="code" style="color:{colour}" title="{_e(message)}">{_e(code)}</span>'


def document_html(doc: Document) -> str:
    """A Document's HTML: what was read, its tables with totals, findings by severity, unread rows."""
    from jixiao.checks import check
    from jixiao.documents import tables

    t = tables(doc)
    found = check(doc)
    rows = []
    for r in t.itertuples():
        mine = found[found["table"] == r.table]
        badges = " ".join(
            _badge(code, str(sev), f"{n}×")
            for (code, sev), n in mine.groupby(["code", "severity"], observed=True).size().items()
        )
        total = _n(r.printed_total_score)
        rows.append(
            f"<tr><td class='num'>{r.table}</td><td>{_e(r.kind)}</td><td>{_e(r.project)}</td><td>{_e(r.year)}</td>"
            f"<td class='num'>{r.n_indicators}</td><td class='num'>{total}</td><td>{badges}</td></tr>"
        )
    counts = found["severity"].value_counts()
    summary = ", ".join(f"{counts.get(s, 0)} {s}" for s in ("error", "warning", "info"))
    head = (
        f"<b>{_e(Path(doc.source).name)}</b> · {_e(doc.layout)} · {_e(doc.encoding or '')} · "
        f"{doc.n_tables} tables, {doc.n_indicators} indicators, {doc.n_allocations} allocation rows · "
        f"findings: {summary} · unread rows: {len(doc.unread)}"
    )
    table = (
        "<table><tr><th>#</th><th>kind</th><th>project 项目</th><th>year</th><th>indicators</th>"
        "<th>total 总分</th><th>findings 问题</th></tr>" + "".join(rows) + "</table>"
    )
    hint = "<div style='color:#777'>doc.table(i) shows a table's indicator tree</div>"
    return f"<div class='jx'>{_STYLE}{head}{table}{hint}</div>"


class TableView:
    """One table of a document: its indicator tree with targets, actuals, weights, self and standard scores, and
    its findings marked on the rows. Shown as HTML in Jupyter and as text in a shell (``doc.table(i)``)."""

    def __init__(self, doc: Document, index: int) -> None:
        from jixiao.checks import check
        from jixiao.documents import indicators, tables
        from jixiao.scores import score

        all_tables = tables(doc)
        if not 0 <= index < len(all_tables):
            raise IndexError(f"{doc.source} has {len(all_tables)} tables, no table {index}")
        self.doc = doc
        self.index = index
        self.table = all_tables.iloc[index]
        ind = indicators(doc)
        self.indicators = ind[ind["table"] == index].reset_index(drop=True)
        scored = score(doc)
        self.scores = scored.indicators[scored.indicators["table"] == index].reset_index(drop=True)
        totals = scored.tables[scored.tables["table"] == index]
        self.totals = totals.iloc[0] if len(totals) else None
        found = check(doc)
        self.findings = found[found["table"] == index].reset_index(drop=True)

    def _row_findings(self, row: int) -> pd.DataFrame:
        return self.findings[self.findings["row"] == row]

    def _title(self) -> str:
        t = self.table
        head = (
            f"{Path(self.doc.source).name} T{self.index} {_t(t['title'], '')} {_t(t['project'], '')} "
            f"({_t(t['year'], '?')})"
        )
        if self.totals is not None:
            s = self.totals
            head += (
                f": self {_n(s['self_total'])} {_t(s['self_grade'], '')}, rules {_n(s['standard_total'])} "
                f"{_t(s['standard_grade'], '')}"
            )
        return f"{head}, {len(self.indicators)} indicators, {len(self.findings)} findings"

    def __repr__(self) -> str:
        lines = [self._title()]
        level1 = level2 = None
        for i, r in self.indicators.iterrows():
            if _t(r["level1"]) != level1:
                level1 = _t(r["level1"])
                lines.append(f"  {level1}")
            if _t(r["level2"]) != level2:
                level2 = _t(r["level2"])
                lines.append(f"    {level2}")
            std = self.scores.loc[i, "standard_score"] if len(self.scores) else float("nan")
            codes = ",".join(self._row_findings(i)["code"])
            mark = " *" if len(self.scores) and self.scores.loc[i, "inflated"] else ""
            lines.append(
                f"      {_t(r['name'])}: {_t(r['target'])} → {_t(r['actual'])}  "
                f"[{_n(r['weight'])} / {_n(r['score'])} / {_n(std)}]{mark} {codes}".rstrip()
            )
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = []
        groups = self.indicators.groupby(["level1", "level2"], sort=False, observed=True, dropna=False)
        for (l1, l2), part in groups:
            first = True
            for i, r in part.iterrows():
                s = self.scores.loc[i] if len(self.scores) else None
                badges = " ".join(
                    _badge(f.code, str(f.severity), f.message_zh) for f in self._row_findings(i).itertuples()
                )
                cls = " class='inflated'" if s is not None and bool(s["inflated"]) else ""
                label = f"<td rowspan={len(part)}>{_e(l1)}</td><td rowspan={len(part)}>{_e(l2)}</td>" if first else ""
                first = False
                std = _n(s["standard_score"]) if s is not None else ""
                reason = _e(s["reason"]) if s is not None and not s["scorable"] else ""
                rows.append(
                    f"<tr{cls}>{label}<td>{_e(r['name'])}</td><td>{_e(r['target'])}</td><td>{_e(r['actual'])}</td>"
                    f"<td class='num'>{_n(r['weight'])}</td><td class='num'>{_n(r['score'])}</td>"
                    f"<td class='num' title='{reason}'>{std}</td><td>{badges}</td></tr>"
                )
        table_findings = "".join(
            f"<li>{_badge(f.code, str(f.severity), f.message_en)} {_e(f.message_zh)}</li>"
            for f in self.findings[self.findings["row"].isna()].itertuples()
        )
        return (
            f"<div class='jx'>{_STYLE}<b>{_e(self._title())}</b>"
            "<table><tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值 target</th><th>实际 actual</th>"
            "<th>分值</th><th>自评 self</th><th>规则 rules</th><th>问题 findings</th></tr>"
            + "".join(rows)
            + "</table>"
            + (f"<ul>{table_findings}</ul>" if table_findings else "")
            + "</div>"
        )


class FindingsView:
    """A findings frame (from :func:`jixiao.check`) grouped by document and table, with coloured codes."""

    def __init__(self, findings: pd.DataFrame) -> None:
        self.findings = findings

    def __repr__(self) -> str:
        lines = [f"{len(self.findings)} findings"]
        for f in self.findings.itertuples():
            where = f"{Path(f.doc).name}:{f.line}" if not pd.isna(f.line) else Path(f.doc).name
            lines.append(f"  {f.code} {f.severity:<7} {where}  {f.message_zh}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{_badge(f.code, str(f.severity), f.message_en)}</td><td>{_e(f.severity)}</td>"
            f"<td>{_e(Path(f.doc).name)}</td><td class='num'>{_e(f.table)}</td><td class='num'>{_e(f.line)}</td>"
            f"<td>{_e(f.message_zh)}</td></tr>"
            for f in self.findings.itertuples()
        )
        return (
            f"<div class='jx'>{_STYLE}<b>{len(self.findings)} findings</b><table><tr><th>code</th><th>severity</th>"
            f"<th>document</th><th>table</th><th>line</th><th>message 提示</th></tr>{rows}</table></div>"
        )


def show(obj: object, table: int | None = None) -> Document | TableView | FindingsView:
    """A displayable view: ``show(doc)``, ``show(doc, table=i)`` or ``show(findings)``."""
    from jixiao._jixiao import Document

    if isinstance(obj, Document):
        return TableView(obj, table) if table is not None else obj
    if isinstance(obj, pd.DataFrame) and {"code", "severity", "message_zh"} <= set(obj.columns):
        return FindingsView(obj)
    raise TypeError(f"show() takes a jixiao.Document or a findings frame, not {type(obj).__name__}")
