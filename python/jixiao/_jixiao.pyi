"""Stubs of the compiled module jixiao._jixiao (see src/python/)."""

import datetime
import os
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, final

import numpy as np

__all__ = [
    "KINDS",
    "LEVELS",
    "MAX_CELL_CHARS",
    "MAX_FILE_BYTES",
    "OPS",
    "PERS",
    "QUALS",
    "Document",
    "ReadError",
    "Value",
    "__version__",
    "_detected_profiles",
    "_disable_parallelism_after_fork",
    "_frames",
    "_parse_value_columns",
    "_profile_json",
    "_profile_names",
    "_read_ocr",
    "_read_paths",
    "_rules",
    "_score_codes",
    "_score_columns",
    "parse_value",
    "read_text",
]

__version__: str
KINDS: list[str]
OPS: list[str]
LEVELS: list[str]
PERS: list[str]
QUALS: list[str]

@final
class Value:
    """A target or actual cell read as a value."""

    @property
    def text(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def op(self) -> str | None: ...
    @property
    def value(self) -> Decimal | None: ...
    @property
    def low(self) -> Decimal | None: ...
    @property
    def high(self) -> Decimal | None: ...
    @property
    def unit(self) -> str | None: ...
    @property
    def date(self) -> datetime.date | None: ...
    @property
    def duration_s(self) -> Decimal | None: ...
    @property
    def level(self) -> str | None: ...
    @property
    def qual(self) -> tuple[str, ...]: ...
    @property
    def per(self) -> str | None: ...
    @property
    def ref(self) -> str | None: ...
    @property
    def annotation(self) -> str | None: ...
    @property
    def ocr_repaired(self) -> bool: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

def parse_value(text: str, year: int | None = None) -> Value: ...
def _parse_value_columns(
    texts: Iterable[str], years: int | np.ndarray | None = None, text_buffers: bool = False
) -> dict[str, np.ndarray | list[str]]: ...
def _disable_parallelism_after_fork() -> None: ...

MAX_FILE_BYTES: int
MAX_CELL_CHARS: int

class ReadError(ValueError):
    """A file that cannot be read (empty, binary, unknown encoding, too large, invalid JSON); args are
    (message in Chinese and English, file, line or None)."""

@final
class Document:
    """One document read into the model."""

    @property
    def source(self) -> str: ...
    @property
    def encoding(self) -> str | None: ...
    @property
    def layout(self) -> str | None: ...
    @property
    def n_tables(self) -> int: ...
    @property
    def n_indicators(self) -> int: ...
    @property
    def n_allocations(self) -> int: ...
    @property
    def unread(self) -> list[dict[str, Any]]: ...
    @property
    def warnings(self) -> list[dict[str, Any]]: ...
    @property
    def rows(self) -> dict[str, int]: ...
    @property
    def coverage(self) -> float | None: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(json: str) -> Document: ...
    def table(self, index: int) -> Any: ...
    def _repr_html_(self) -> str: ...
    def __eq__(self, value: object, /) -> bool: ...

def read_text(text: str, source: str = "<text>") -> Document: ...
def _read_paths(paths: list[str], progress: Any = None) -> list[Document | ReadError]: ...
def _read_ocr(
    source: str,
    pages: list[
        tuple[
            int,
            float,
            float,
            list[tuple[float, float, float, float, str, float]],
            list[tuple[float, float, float, float]],
        ]
    ],
    pdf: bytes | None = None,
) -> Document: ...
def _frames(
    items: Iterable[Document | str | os.PathLike[str]],
    want: list[str],
    batch_size: int = 0,
    stop_on_error: bool = True,
    progress: Any = None,
    profile: str | None = None,
    select: list[str] = ...,
    ignore: list[str] = ...,
    reverse: str = "ratio",
    execution_cap: bool = True,
    renormalize: bool = False,
    grade_model: str | None = None,
) -> dict[str, Any]: ...
def _rules() -> list[dict[str, str]]: ...
def _profile_json(name_or_path: str) -> str: ...
def _profile_names() -> list[str]: ...
def _detected_profiles(docs: Iterable[Document]) -> list[tuple[str, int, str]]: ...
def _score_codes() -> tuple[list[str], list[str], list[str]]: ...
def _score_columns(
    target_texts: list[str],
    target_codes: np.ndarray,
    actual_texts: list[str],
    actual_codes: np.ndarray,
    weight: np.ndarray,
    self_score: np.ndarray,
    budget: np.ndarray,
    reverse: str = "ratio",
    achieved: float = 0.8,
    partial: float = 0.6,
) -> dict[str, np.ndarray]: ...
