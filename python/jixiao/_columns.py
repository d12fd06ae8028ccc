"""Columns from the Rust core into pandas without a Python object per cell.

Text columns cross as ids into one buffer of distinct strings (``Texts``); categorical columns as codes and
categories. A text column gets the dtype pandas gives text by default: ``str`` in pandas 3 (Arrow-backed when
pyarrow is installed, which is then built straight from the buffer), ``object`` in pandas 2 (one shared string
object per distinct text).
"""

from __future__ import annotations

import itertools
from typing import Any, TypeAlias

import numpy as np
import pandas as pd

#: A column's dtype: numpy's (``object``) or a pandas extension dtype (``str``, ``category``, ``Int64`` …).
TextDtype: TypeAlias = np.dtype[Any] | pd.api.extensions.ExtensionDtype

#: The dtype pandas infers for a column of strings in this environment (found on first use: the first string
#: column pandas builds sets up pyarrow, a few MiB that importing jixiao should not cost).
TEXT_DTYPE: TextDtype | None = None


def text_dtype() -> TextDtype:
    """The dtype pandas infers for a column of strings here: ``str`` in pandas 3, ``object`` in pandas 2."""
    global TEXT_DTYPE
    if TEXT_DTYPE is None:
        inferred: TextDtype = pd.Series(["x"]).dtype
        TEXT_DTYPE = inferred
    return TEXT_DTYPE


def _arrow() -> bool:
    dtype = text_dtype()
    return isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"


class Texts:
    """Distinct strings (a UTF-8 buffer and offsets from Rust) that text columns take rows from by id."""

    def __init__(self, strings: tuple[np.ndarray, np.ndarray]) -> None:
        data, offsets = strings
        self._n = len(offsets) - 1
        if _arrow():
            import pyarrow as pa

            self._dictionary = pa.LargeStringArray.from_buffers(
                self._n, pa.py_buffer(offsets.view(np.int64)), pa.py_buffer(data)
            )
            self._objects: np.ndarray | None = None
        else:
            raw = data.tobytes()
            bounds = offsets.tolist()
            objects = np.empty(self._n + 1, dtype=object)  # the last slot stays None: id -1 takes it
            objects[: self._n] = [raw[a:b].decode("utf-8") for a, b in itertools.pairwise(bounds)]
            self._objects = objects

    def column(self, ids: np.ndarray) -> np.ndarray | pd.api.extensions.ExtensionArray:
        """The column whose rows are the strings ``ids`` (``-1``: missing)."""
        ids = np.asarray(ids, dtype=np.int32)
        if self._objects is None:
            import pyarrow as pa
            import pyarrow.compute as pc

            pool = pa.system_memory_pool()  # malloc, which reuses what the Rust columns freed
            taken = pc.take(self._dictionary, pa.array(ids, mask=ids < 0, memory_pool=pool), memory_pool=pool)
            return pd.array(taken, dtype=text_dtype())
        values = self._objects[ids]
        if isinstance(text_dtype(), pd.StringDtype):
            return pd.array(values, dtype=text_dtype())
        return values

    def categorical(self, ids: np.ndarray) -> pd.Categorical:
        """The column whose rows are the strings ``ids`` as a categorical over the strings present, sorted (as
        ``astype("category")`` orders them), built without a string per row."""
        ids = np.asarray(ids, dtype=np.int32)
        present = np.unique(ids[ids >= 0])
        names: list[str] = (
            self._dictionary.take(present).to_pylist() if self._objects is None else self._objects[present].tolist()
        )
        order = sorted(range(len(names)), key=names.__getitem__)
        code_of = np.full(self._n + 1, -1, dtype=np.int32)  # the last slot: id -1
        code_of[present[order]] = np.arange(len(order), dtype=np.int32)
        return pd.Categorical.from_codes(code_of[ids], categories=[names[i] for i in order])


def categorical(codes: np.ndarray, categories: list[str], *, order: tuple[str, ...] | None = None) -> pd.Categorical:
    """A categorical from codes into ``categories`` (``-1``: missing); ``order`` sets the categories, as
    ``pd.Categorical(values, categories=order)`` would."""
    out = pd.Categorical.from_codes(np.asarray(codes, dtype=np.int32), categories=list(categories))
    return out if order is None else out.set_categories(list(order))


def records_frame(
    cols: dict[str, Any], nullable: tuple[str, ...] = (), categories: tuple[str, ...] = ()
) -> pd.DataFrame:
    """A frame from Rust records (see :func:`records_columns`)."""
    return pd.DataFrame(records_columns(cols, nullable, categories), copy=False)


def records_columns(
    cols: dict[str, Any], nullable: tuple[str, ...] = (), categories: tuple[str, ...] = ()
) -> dict[str, Any]:
    """The columns of Rust records (``strings`` and, per column in order, ``(kind, array)``), in order.

    Integer columns that may be missing (``opt_int``) become nullable ``Int64`` when named in ``nullable``;
    otherwise int64, or float64 with NaN where a value is missing (as pandas infers them from rows).
    Text columns named in ``categories`` become categoricals over the texts present. Other entries of ``cols``
    (arrays) are passed through.
    """
    texts = Texts(cols.pop("strings"))
    data: dict[str, object] = {}
    for name in list(cols):
        item = cols.pop(name)
        if not isinstance(item, tuple):
            data[name] = item
            continue
        kind, values = item
        if kind == "text" and name in categories:
            data[name] = texts.categorical(values)
        elif kind == "text":
            data[name] = texts.column(values)
        elif kind == "opt_int":
            missing = values == np.iinfo(np.int64).min
            if name in nullable:
                data[name] = pd.arrays.IntegerArray(np.where(missing, 0, values), missing)
            elif missing.any():
                data[name] = np.where(missing, np.nan, values.astype(np.float64))
            else:
                data[name] = values
        else:
            data[name] = values
    return data
