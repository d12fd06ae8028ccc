"""Value expressions of target and actual cells as a pandas DataFrame.

指标值与实际完成值的解析结果，以 pandas DataFrame 返回。
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from jixiao import _jixiao

#: The columns of ``parse_values``, in order. ``text`` is the input; the others follow ``shared/gold/VALUES.md``.
VALUE_COLUMNS = (
    "text", "kind", "op", "value", "low", "high", "unit", "date", "duration_s", "level", "qual", "per", "ref",
    "annotation", "ocr_repaired",
)  # fmt: skip

# qual is a set of up to three flags stored as bits; each non-empty set gets one category ("cumulative,increment").
_QUAL_CATEGORIES = [
    ",".join(q for n, q in enumerate(_jixiao.QUALS) if bits & (1 << n)) for bits in range(1, 1 << len(_jixiao.QUALS))
]


def _categorical(codes: np.ndarray, categories: list[str]) -> pd.Categorical:
    return pd.Categorical.from_codes(codes.astype(np.int32, copy=False), categories=categories)


def parse_values(texts: Iterable[str], year: int | Iterable[int | None] | None = None) -> pd.DataFrame:
    """Read many target or actual cells at once, one row per input string, in input order.

    批量解析指标值/实际完成值：每个输入字符串对应一行，顺序不变。

    The work runs in Rust with the GIL released, on all cores for large inputs, and the columns reach pandas as
    numpy arrays (no Python object per row). Text that cannot be read is a row with kind ``"unknown"``.

    Columns: ``text``, then ``kind``, ``op``, ``unit``, ``level``, ``per``, ``ref``, ``qual`` and ``annotation``
    as categoricals; ``value``, ``low``, ``high`` and ``duration_s`` as float64 (NaN when absent; exact values are
    on ``parse_value(text).value`` as ``decimal.Decimal``); ``date`` as datetime64 (NaT when absent);
    ``ocr_repaired`` as bool. ``qual`` joins several qualifiers with commas. See ``docs/values.md``.

    Each distinct text is parsed once (real corpora repeat ``100%``, ``≥95%`` and ``是`` thousands of times).

    Args:
        texts: strings: a list, tuple, numpy array or pandas Series (whose index is kept).
        year: the table's year, for dates written without one (``12月31日前`` → that year's 12-31): one year for
            every text, or one per text (None or NaN where unknown; printed forms such as ``"2024年度"`` give their
            four digits). 表格年度：用于补全未写年份的日期。

    Raises:
        TypeError: an item is not a ``str`` (the message names its position).

    >>> df = parse_values(["≥95%", "2—3家", "2024年底前"])
    >>> df[["kind", "op", "value", "unit"]].astype(object).values.tolist()[0]
    ['number', '>=', 95.0, '%']
    """
    index = texts.index if isinstance(texts, pd.Series) else None
    if isinstance(texts, (str, bytes)):
        raise TypeError("parse_values() takes an iterable of str; for one string use parse_value()")
    items = texts.tolist() if isinstance(texts, (pd.Series, np.ndarray)) else texts
    if not isinstance(items, list):
        items = list(items)
    arrow = _arrow_text_dtype()
    cols = _jixiao._parse_value_columns(items, _years(year, len(items)), text_buffers=arrow is not None)
    data = {"text": _text_column(items, cols, arrow)}
    data.update(value_columns(cols))
    return pd.DataFrame(data, index=index, columns=list(VALUE_COLUMNS), copy=False)


@functools.cache
def _arrow_text_dtype() -> pd.StringDtype | None:
    """pandas' own text dtype when it is pyarrow-backed (pandas 3 with pyarrow installed), else None."""
    dtype = pd.Series(["a"]).dtype
    if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow":
        return dtype
    return None


def _text_column(items: list[str], cols: Mapping[str, Any], arrow: pd.StringDtype | None) -> object:
    """The ``text`` column in the dtype pandas gives text. Where that is pyarrow-backed ``str``, the column is built
    from the UTF-8 buffers Rust returned: converting a million Python strings one by one took longer than parsing
    them."""
    if arrow is not None and "text_data" in cols:
        import pyarrow as pa

        array = pa.LargeStringArray.from_buffers(
            len(items), pa.py_buffer(cols["text_offsets"]), pa.py_buffer(cols["text_data"])
        )
        try:
            return pd.arrays.ArrowStringArray(array, dtype=arrow)
        except TypeError:  # a pandas whose ArrowStringArray takes no dtype
            return pd.array(array, dtype=arrow)
    return pd.array(items, dtype=object) if items else np.array([], dtype=object)


def _years(year: int | Iterable[int | None] | None, n: int) -> int | np.ndarray | None:
    """The ``year`` argument as Rust takes it: None, one int, or a uint16 array with 0 for unknown."""
    if year is None:
        return None
    if isinstance(year, (int, np.integer)):
        return _one_year(int(year))
    series = pd.Series(list(year) if not hasattr(year, "__len__") else year)
    if not pd.api.types.is_numeric_dtype(series):
        # Years as printed in tables (2024, "2024年度", "2024年"): the four digits; anything else is unknown.
        series = series.astype(str).str.extract(r"(?<!\d)((?:19|20|21)\d{2})(?!\d)", expand=False)
    arr = pd.to_numeric(series, errors="coerce")
    if len(arr) != n:
        raise ValueError(f"parse_values(): {len(arr)} years for {n} texts")
    bad = arr.notna() & ~arr.between(1, 9999)
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise ValueError(f"parse_values(): year {arr.iloc[i]!r} at position {i} is not a year")
    years: np.ndarray = arr.fillna(0).to_numpy(dtype=np.uint16)
    return years


def _one_year(y: int) -> int:
    if not 1 <= y <= 9999:
        raise ValueError(f"parse_values(): year {y!r} is not a year")
    return y


def value_columns(cols: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """The parsed-value columns (all of ``VALUE_COLUMNS`` but ``text``) from the Rust column dict."""
    return {
        prefix + "kind": _categorical(cols["kind"], _jixiao.KINDS),
        prefix + "op": _categorical(cols["op"], _jixiao.OPS),
        prefix + "value": cols["value"],
        prefix + "low": cols["low"],
        prefix + "high": cols["high"],
        prefix + "unit": _categorical(cols["unit"], cols["unit_categories"]),
        prefix + "date": cols["date"].view("datetime64[D]").astype("datetime64[s]"),
        prefix + "duration_s": cols["duration_s"],
        prefix + "level": _categorical(cols["level"], _jixiao.LEVELS),
        prefix + "qual": _categorical(cols["qual"].astype(np.int32) - 1, _QUAL_CATEGORIES),
        prefix + "per": _categorical(cols["per"], _jixiao.PERS),
        prefix + "ref": _categorical(cols["ref"], cols["ref_categories"]),
        prefix + "annotation": _categorical(cols["annotation"], cols["annotation_categories"]),
        prefix + "ocr_repaired": cols["ocr_repaired"],
    }
