"""The frames in other shapes: polars, for users who work in it.

数据框的其他形式：polars。

>>> import jixiao
>>> findings = jixiao.check(jixiao.read("tests/fixtures/documents/003_4ea89972e077d80e.txt"))
>>> jixiao.to_polars(findings).select("code", "line").rows()
[('H104', 38), ('H104', 40)]
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    import polars as pl


def to_polars(frame: pd.DataFrame) -> pl.DataFrame:
    """Any frame of jixiao as a polars DataFrame (``pip install polars``). Categoricals stay categorical, nullable
    integers stay integers; dict and list cells (``values``, ``inflated_rows``) become JSON text."""
    try:
        import polars as pl
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("to_polars needs polars: pip install polars") from e
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object and out[col].map(lambda v: isinstance(v, (dict, list))).any():
            out[col] = out[col].map(lambda v: json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v)
    return pl.from_pandas(out)
