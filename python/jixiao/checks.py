"""Checks: the coded rule catalogue, findings as a DataFrame, and the framework profiles.

校验：带编码的规则目录、以 DataFrame 返回的问题清单，以及绩效框架配置（权重、指标体系、等级）。

>>> import jixiao
>>> findings = jixiao.check(jixiao.read("tests/fixtures/documents/002_64eb690d41cac579.txt"))
>>> row = findings[findings.code == "S101"].iloc[0]
>>> row["severity"], int(row["table"]), int(row["line"])
('error', 7, 241)
>>> row["message_en"]
'维护维修及时性: actual 10% falls short of target 100% (completion 10%), yet scores full marks 15/15'
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path
from typing import Any, TypeAlias

import pandas as pd

from jixiao import _jixiao
from jixiao._columns import records_frame
from jixiao._jixiao import Document

#: Severities, mildest first (the ``severity`` column is an ordered categorical of these).
SEVERITIES = ("info", "warning", "error")

#: Columns of :func:`check`.
FINDING_COLUMNS = (
    "code", "name", "severity", "message_zh", "message_en",
    "doc", "table", "row", "field", "line", "profile", "values",
)  # fmt: skip

DocsLike: TypeAlias = Document | str | os.PathLike[str] | Iterable[Any]


def _documents(docs: DocsLike) -> list[Document]:
    from jixiao.documents import read

    if isinstance(docs, Document):
        return [docs]
    if isinstance(docs, (str, os.PathLike)):
        got = read(docs)
        return [got] if isinstance(got, Document) else list(got)
    out: list[Document] = []
    for d in docs:
        out.extend(_documents(d) if not isinstance(d, Document) else [d])
    return out


def _profile_arg(profile: str | os.PathLike[str] | None) -> str | None:
    return None if profile is None else os.fspath(profile)


def check(
    docs: DocsLike,
    profile: str | os.PathLike[str] | None = None,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    batch_size: int | None = None,
    errors: str = "raise",
    progress: Callable[[int, int], object] | None = None,
) -> pd.DataFrame:
    """Every finding of the rule catalogue on ``docs``, one row per finding.

    检查文档，返回问题清单（每行一个问题）。

    ``docs`` is a Document, a list of them, or paths/folders/globs, read in batches of ``batch_size`` documents
    that are checked and dropped before the next batch (``errors`` and ``progress`` as in :func:`jixiao.read`).
    ``profile`` is a built-in profile name (see :func:`profiles`) or the path of a TOML file; by default each table
    gets the profile its categories and printed weights point to. ``select`` / ``ignore`` take rule codes. Columns:
    ``code``, ``name``, ``severity`` (ordered: info < warning < error), ``message_zh``, ``message_en``, ``doc``,
    ``table``, ``row`` (the indicator, or the allocation row), ``field``, ``line`` (nullable integers),
    ``profile`` and ``values`` (a dict of the values involved).
    """
    from jixiao.documents import _frames

    cols = _frames(
        docs,
        ["check"],
        batch_size=batch_size,
        errors=errors,
        progress=progress,
        profile=_profile_arg(profile),
        select=list(select or ()),
        ignore=list(ignore or ()),
    )["check"]
    values = cols.pop("values")
    frame = records_frame(cols, nullable=("table", "row", "line"))
    frame["values"] = values
    frame["severity"] = pd.Categorical(frame["severity"], categories=SEVERITIES, ordered=True)
    return frame[list(FINDING_COLUMNS)]


def rules() -> pd.DataFrame:
    """The rule catalogue: ``code``, ``name``, ``severity``, ``title_zh``, ``title_en``, ``doc``, ``source``,
    ``message_zh``, ``message_en``, ``scope`` (table or document).

    规则目录。

    >>> catalogue = rules()
    >>> catalogue.set_index("code").loc["W104", "title_zh"]
    '得分高于分值'
    """
    frame = pd.DataFrame(_jixiao._rules())
    frame["severity"] = pd.Categorical(frame["severity"], categories=SEVERITIES, ordered=True)
    return frame


def profiles() -> pd.DataFrame:
    """The built-in framework profiles: ``name``, ``title_zh``, ``title_en``, ``source``, ``path``.

    内置的绩效框架配置。Copy a file from ``path``, change it, and pass the copy's path as ``profile=``.

    >>> profiles()["name"].tolist()
    ['central', 'cost-first', 'hunan-2024']
    """
    rows = []
    for name in _jixiao._profile_names():
        p = profile(name)
        rows.append({k: p[k] for k in ("name", "title_zh", "title_en", "source")} | {"path": str(profile_path(name))})
    return pd.DataFrame(rows)


def profile(name_or_path: str | os.PathLike[str]) -> dict[str, Any]:
    """A profile (built-in name or TOML path) as a dict, after checking that its weights add up.

    >>> p = profile("central")
    >>> [(x["category"], x["weight"]) for x in p["level1"]]
    [('产出指标', '50'), ('效益指标', '30'), ('满意度指标', '10')]
    """
    loaded: dict[str, Any] = json.loads(_jixiao._profile_json(os.fspath(name_or_path)))
    return loaded


def profile_path(name: str) -> Path:
    """The TOML file of a built-in profile, shipped in the package."""
    path = resources.files("jixiao").joinpath("profiles").joinpath(f"{name}.toml")
    if not path.is_file():
        raise ValueError(f"未知的内置框架配置 {name!r} / unknown built-in profile {name!r}: {_jixiao._profile_names()}")
    return Path(str(path))


def detected_profiles(docs: DocsLike) -> pd.DataFrame:
    """The profile each table is checked under when none is given: ``doc``, ``table``, ``profile``."""
    return pd.DataFrame(_jixiao._detected_profiles(_documents(docs)), columns=["doc", "table", "profile"])
