"""Plots of the frames the other calls return. matplotlib is an optional extra (``pip install 'jixiao[plot]'``),
imported on first use; every function returns the matplotlib ``Axes`` it drew on and takes ``ax=`` to draw on
yours.

绘图：完成率分布、自评得分与规则得分对比、各规则问题数、指标设置质量（按部门或年度）、单张表的指标树。

Labels are bilingual, "english 中文". The Chinese needs a CJK font (Noto Sans/Serif CJK, Source Han, WenQuanYi,
SimHei, Microsoft YaHei, PingFang …): jixiao finds the first one installed, registers it with matplotlib if need be
and lets the texts it draws fall back to it for the glyphs the default font lacks (Latin text keeps your font; your
rcParams are not changed). Without one, labels keep only their English half, indicator categories are drawn in
English and other Chinese names by number, so no glyph is drawn as a box.

>>> import jixiao, jixiao.plot
>>> scores = jixiao.score(jixiao.read("tests/fixtures/documents/002_64eb690d41cac579.txt"))
>>> ax = jixiao.plot.self_vs_standard(scores.tables)
>>> ax.get_xlabel()  # 'standard total (by the rules) 规则得分' with a CJK font
'standard total (by the rules)...'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from jixiao import _fonts

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from jixiao import Document

_ENGLISH = {
    "产出指标": "Output", "成本指标": "Cost", "效益指标": "Benefit", "满意度指标": "Satisfaction",
    "数量指标": "Quantity", "质量指标": "Quality", "时效指标": "Timeliness", "经济成本指标": "Economic cost",
    "社会成本指标": "Social cost", "生态环境成本指标": "Ecological cost", "经济效益指标": "Economic benefit",
    "社会效益指标": "Social benefit", "生态效益指标": "Ecological benefit", "可持续影响指标": "Sustainability",
    "服务对象满意度指标": "Service satisfaction", "其他满意度指标": "Other satisfaction",
}  # fmt: skip


def _bilingual(english: str, chinese: str) -> str:
    """A label or title as drawn: ``"english 中文"``, or only the English when no CJK font can draw the Chinese."""
    return f"{english} {chinese}" if _fonts.cjk_family() else english


def _label(value: object, fallback: str = "—") -> str:
    """A category or name from the data as drawn: as it is with a CJK font; without one, its English name when it
    is an indicator category, else ``fallback`` when it holds Chinese."""
    text = "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)
    if _fonts.cjk_family() or not _fonts.HAS_CJK.search(text):
        return text
    return _ENGLISH.get(text, fallback)


def _axes(ax: Axes | None) -> Axes:
    """``ax``, or the axes of a new figure; imports matplotlib on first use."""
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("jixiao.plot needs matplotlib: pip install 'jixiao[plot]'") from e
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4.5))
    return ax


def _fonts_on(ax: Axes) -> Axes:
    """Lets every text of ``ax`` fall back to the CJK font for the glyphs its own font lacks: Latin text keeps the
    user's font, and the user's rcParams are left as they are."""
    from matplotlib.text import Text

    cjk = _fonts.cjk_family()
    if cjk:
        for text in ax.findobj(Text):
            assert isinstance(text, Text)
            families = list(text.get_fontfamily())
            if cjk not in families:
                text.set_fontfamily([*families, cjk])
    return ax


def completion(indicators: pd.DataFrame, *, ax: Axes | None = None, bins: int = 20, cap: float = 2.0) -> Axes:
    """Distribution of completion ratios (actual ÷ target) of the scored rows of ``jixiao.score(...).indicators``;
    ratios above ``cap`` are drawn in the last bin. 完成率分布。"""
    ax = _axes(ax)
    ratios = pd.to_numeric(indicators["completion"], errors="coerce").dropna().clip(upper=cap)
    ax.hist(ratios, bins=bins, range=(0, cap), color="#1f77b4", edgecolor="white")
    ax.axvline(1.0, color="#333", linestyle="--", linewidth=1)
    ax.axvline(1.3, color="#ef6c00", linestyle=":", linewidth=1)
    ax.set_xlabel(_bilingual("completion (actual / target)", "完成率"))
    ax.set_ylabel(_bilingual("indicators", "指标数"))
    ax.set_title(f"{len(ratios)} scored indicators; dashed: met, dotted: 130%")
    return _fonts_on(ax)


def self_vs_standard(tables: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Each self-evaluation's reported total against its total by the rules (``jixiao.score(...).tables``); points
    above the diagonal reported more than the rules give. 自评总分与规则得分对比。"""
    ax = _axes(ax)
    t = tables.dropna(subset=["self_total", "standard_total"])
    inflated = t["self_total"] - t["standard_total"] > 0.01
    for rows, colour, label in ((~inflated, "#1f77b4", "as reported"), (inflated, "#c62828", "above the rules")):
        ax.scatter(t.loc[rows, "standard_total"], t.loc[rows, "self_total"], color=colour, label=label)
    low = float(min(t["standard_total"].min(), t["self_total"].min(), 60)) if len(t) else 60.0
    ax.plot([low, 100], [low, 100], color="#999", linewidth=1)
    for band in (60, 80, 90):
        ax.axvline(band, color="#eee", linewidth=1, zorder=0)
    ax.set_xlabel(_bilingual("standard total (by the rules)", "规则得分"))
    ax.set_ylabel(_bilingual("self total (reported)", "自评总分"))
    ax.legend(loc="lower right")
    return _fonts_on(ax)


def findings_by_rule(findings: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Number of findings per rule code, coloured by severity (``jixiao.check(...)``). 各规则问题数。"""
    ax = _axes(ax)
    colours = {"error": "#c62828", "warning": "#ef6c00", "info": "#546e7a"}
    counts = findings.groupby(["code", "severity"], observed=True).size().unstack(fill_value=0)
    counts = counts.reindex(columns=[c for c in ("error", "warning", "info") if c in counts.columns])
    bottom = np.zeros(len(counts))
    for sev in counts.columns:
        ax.barh(counts.index, counts[sev], left=bottom, color=colours[sev], label=sev)
        bottom += counts[sev].to_numpy()
    ax.invert_yaxis()
    ax.set_xlabel(_bilingual("findings", "问题数"))
    ax.legend(loc="lower right")
    return _fonts_on(ax)


def quality_by(tables: pd.DataFrame, by: str = "dept", *, ax: Axes | None = None) -> Axes:
    """The quality index and its four dimensions, averaged per value of ``by`` (``dept``, ``year``, ``unit`` or
    any column of ``jixiao.quality(...).tables``). 指标设置质量：按部门或年度。"""
    ax = _axes(ax)
    dims = ["completeness", "relevance", "appropriateness", "feasibility", "index"]
    key = tables[by].fillna("—").astype(str)
    means = tables[dims].groupby(key).mean()
    x = np.arange(len(means))
    width = 0.8 / len(dims)
    for i, dim in enumerate(dims):
        ax.bar(x + (i - 2) * width, means[dim].fillna(0), width, label=dim)
    ax.set_xticks(x, [_label(v, f"{by} {i + 1}")[:14] for i, v in enumerate(means.index)], rotation=20, ha="right")
    ax.set_ylim(0, 100)
    ax.set_ylabel(_bilingual("score (0-100)", "得分"))
    ax.legend(loc="lower left", fontsize=8, ncol=3)
    return _fonts_on(ax)


def indicator_tree(doc: Document, table: int, *, ax: Axes | None = None) -> Axes:
    """One table's indicator tree: each indicator's weight, with its self-score and its score by the rules, grouped
    by first- and second-level category. 单张表的指标树。"""
    from jixiao.documents import indicators
    from jixiao.scores import score

    ax = _axes(ax)
    ind = indicators(doc)
    ind = ind[(ind["table"] == table) & ~ind["placeholder"]].reset_index(drop=True)
    scored = score(doc).indicators
    scored = scored[scored["table"] == table].set_index("row")["standard_score"]
    std = ind["row"].map(scored)
    y = np.arange(len(ind))
    weight = ind["weight"].fillna(0)
    ax.barh(y, weight, color="#e0e0e0", label=_bilingual("weight", "分值"))
    ax.barh(y, ind["score"].fillna(0), height=0.45, color="#1f77b4", label="self score")
    ax.scatter(std, y, color="#c62828", marker="|", s=200, label="by the rules", zorder=3)
    names = zip(ind["level2"], ind["name"], strict=True)
    ax.set_yticks(y, [f"{_label(l2)} · {_label(name, str(i))}" for i, (l2, name) in enumerate(names)], fontsize=7)
    ax.invert_yaxis()
    # Level-1 blocks as bands.
    for l1, part in ind.groupby("level1", observed=True, sort=False):
        ax.axhspan(part.index.min() - 0.5, part.index.max() + 0.5, color="#f5f5f5", zorder=0)
        ax.text(weight.max() * 1.02 if len(weight) else 1, part.index.min(), _label(l1), fontsize=8, va="top")
    ax.set_xlabel(_bilingual("points", "分"))
    ax.legend(loc="lower right", fontsize=8)
    return _fonts_on(ax)


def save(ax: Axes, path: str) -> None:
    """Saves the figure of ``ax`` (a convenience for scripts)."""
    ax.figure.figure.savefig(path, bbox_inches="tight", dpi=120)
