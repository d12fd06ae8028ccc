"""jixiao (绩效): parse, validate and score Chinese budget performance documents.

读取、校验并评分中国预算绩效文件（绩效目标表、绩效自评表、资金分配方案）。

>>> import jixiao
>>> jixiao.parse_value("不少于200万次").value
Decimal('2000000')
"""

from __future__ import annotations

import os as _os

from jixiao._jixiao import Document, ReadError, Value, __version__, _disable_parallelism_after_fork, parse_value
from jixiao.checks import SEVERITIES, check, detected_profiles, profile, profile_path, profiles, rules
from jixiao.display import show
from jixiao.documents import (
    INDICATOR_COLUMNS,
    allocations,
    document_schema,
    indicators,
    read,
    read_text,
    read_warnings,
    tables,
    unread,
)
from jixiao.frames import to_polars
from jixiao.scores import Quality, Scores, quality, score, score_frame
from jixiao.values import VALUE_COLUMNS, parse_values

# rayon's worker threads do not survive fork(); a forked child (multiprocessing on Linux) parses on one thread.
if hasattr(_os, "register_at_fork"):
    _os.register_at_fork(after_in_child=_disable_parallelism_after_fork)

__all__ = [
    "INDICATOR_COLUMNS",
    "SEVERITIES",
    "VALUE_COLUMNS",
    "Document",
    "Quality",
    "ReadError",
    "Scores",
    "Value",
    "__version__",
    "allocations",
    "check",
    "detected_profiles",
    "document_schema",
    "indicators",
    "parse_value",
    "parse_values",
    "profile",
    "profile_path",
    "profiles",
    "quality",
    "read",
    "read_text",
    "read_warnings",
    "rules",
    "score",
    "score_frame",
    "show",
    "tables",
    "to_polars",
    "unread",
]
