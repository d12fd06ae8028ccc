"""Reading documents, and their indicators, tables and allocation rows as pandas DataFrames.

读取绩效文件，并以 pandas DataFrame 返回指标、表格与资金分配行。
"""

from __future__ import annotations

import glob
import json
import os
import warnings
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path
from typing import Union

import numpy as np
import pandas as pd

from jixiao import _jixiao
from jixiao._jixiao import Document, ReadError
from jixiao.values import VALUE_COLUMNS, value_columns

PathLike = Union[str, os.PathLike]

#: File name endings read from a folder.
DOCUMENT_SUFFIXES = (
    ".txt", ".text", ".html", ".htm", ".json",
    ".csv", ".tsv", ".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".docx",
)  # fmt: skip

LEVEL1 = ("产出指标", "成本指标", "效益指标", "满意度指标")
LEVEL2 = (
    "数量指标", "质量指标", "时效指标", "成本指标", "经济成本指标", "社会成本指标", "生态环境成本指标",
    "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "服务对象满意度指标", "其他满意度指标",
)

#: The indicator frame's columns, in order (the reader gold's field names, then the parsed values).
INDICATOR_COLUMNS = (
    "doc", "table", "row", "level1", "level2", "level1_printed", "level2_printed", "name", "cycle_target",
    "target", "actual", "weight", "score", "deviation", "placeholder", "line",
    *("target_" + c for c in VALUE_COLUMNS[1:]),
    *("actual_" + c for c in VALUE_COLUMNS[1:]),
)


#: Document formats a folder may hold that jixiao does not read, with what to do instead.
UNREAD_SUFFIXES = {
    ".pdf": "extract the text first (e.g. pdftotext -layout) / 请先提取文本",
    ".ofd": "export as PDF text or Word first / 请先导出为文本或 Word",
    ".doc": "save as .docx / 请另存为 .docx",
    ".wps": "save as .docx / 请另存为 .docx",
    ".et": "save as .xlsx / 请另存为 .xlsx",
    ".jpg": "run OCR first / 请先 OCR 识别",
    ".jpeg": "run OCR first / 请先 OCR 识别",
    ".png": "run OCR first / 请先 OCR 识别",
    ".tif": "run OCR first / 请先 OCR 识别",
    ".tiff": "run OCR first / 请先 OCR 识别",
}


def _expand(paths: PathLike | Iterable[PathLike]) -> list[str]:
    items = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    out: list[str] = []
    for item in items:
        s = os.fspath(item)
        if os.path.isdir(s):
            # Office lock files (~$报告.docx) and hidden files are not documents.
            files = [
                p for p in sorted(Path(s).rglob("*")) if p.is_file() and not p.name.startswith(("~$", "."))
            ]
            out.extend(str(p) for p in files if p.suffix.lower() in DOCUMENT_SUFFIXES)
            # Documents jixiao cannot read are named, not passed over in silence.
            skipped: dict[str, int] = {}
            for p in files:
                if p.suffix.lower() in UNREAD_SUFFIXES:
                    skipped[p.suffix.lower()] = skipped.get(p.suffix.lower(), 0) + 1
            for suffix, n in sorted(skipped.items()):
                warnings.warn(
                    f"{s}: skipped {n} {suffix} file(s), which jixiao does not read: {UNREAD_SUFFIXES[suffix]}",
                    stacklevel=3,
                )
        elif any(ch in s for ch in "*?[") and not os.path.exists(s):
            out.extend(sorted(glob.glob(s, recursive=True)))
        else:
            out.append(s)
    return out


def read(
    paths: PathLike | Iterable[PathLike],
    *,
    errors: str = "raise",
    progress: Callable[[int, int], object] | None = None,
) -> Document | list[Document]:
    """Read documents (extracted text in any encoding, or the model's JSON) into the model.

    读取绩效文件（任意编码的提取文本，或本库导出的 JSON）。

    Files are read in parallel in Rust with the GIL released.

    Args:
        paths: one path (returns one ``Document``), or several paths, folders (every ``.txt``/``.html``/``.json``
            below them) and glob patterns (returns a list, in order).
        errors: ``"raise"`` raises ``ReadError`` for the first file that cannot be read; ``"warn"`` warns and
            leaves it out; ``"skip"`` leaves it out silently.
        progress: called as ``progress(done, total)`` while many files are read (e.g. a tqdm bar's update).

    Raises:
        ReadError: (a ``ValueError``) a file is empty, binary, in an unknown encoding, too large or invalid JSON;
            the message names the file (and line) in Chinese and English.
        ValueError: ``errors`` is not one of the three words.

    >>> doc = read("tests/fixtures/documents/004_717b51cf7e2c8e2d.txt")
    >>> doc.n_tables, doc.n_indicators
    (5, 371)
    """
    if errors not in ("raise", "warn", "skip"):
        raise ValueError(f"errors must be 'raise', 'warn' or 'skip', not {errors!r}")
    single = isinstance(paths, (str, os.PathLike)) and not os.path.isdir(os.fspath(paths))
    single = single and not any(ch in os.fspath(paths) for ch in "*?[")
    files = _expand(paths)
    results = _jixiao._read_paths(files, progress)
    docs: list[Document] = []
    for r in results:
        if isinstance(r, ReadError):
            if errors == "raise":
                raise r
            if errors == "warn":
                warnings.warn(str(r), stacklevel=2)
            continue
        docs.append(r)
    return docs[0] if single and docs else docs


def read_text(text: str, source: str = "<text>") -> Document:
    """Read extracted text (a goal table, self-evaluation or allocation plan) into a ``Document``.

    从提取的文本读取。无法归位的行列在 ``doc.unread`` 中，并附原因。

    >>> doc = read_text("项目名称\\t示例\\n一级指标\\t二级指标\\t三级指标\\t指标值\\n产出指标\\t数量指标\\t培训人次\\t≥100人次\\n")
    >>> doc.n_indicators
    1
    """
    return _jixiao.read_text(text, source)


def _documents(docs: Document | Iterable[Document]) -> list[Document]:
    return [docs] if isinstance(docs, Document) else list(docs)


def indicators(docs: Document | Iterable[Document]) -> pd.DataFrame:
    """One row per indicator of the documents, with the keys ``doc``, ``table``, ``row`` to join on.

    每个指标一行。列名与读取金标准一致：``level1``、``level2``、``name``、``target``、``actual``、``weight``、
    ``score`` …，以及目标值与实际值的解析结果（``target_kind``、``target_value``、``actual_value`` …）。

    ``level1``/``level2`` are categoricals over the canonical category names; ``weight`` and ``score`` are
    float64 (NaN when not printed; exact decimals are on the model's JSON). ``line`` is the source line (0 when
    unknown). The parsed value columns are those of ``parse_values`` with a ``target_`` or ``actual_`` prefix.
    """
    cols = _jixiao._indicator_columns(_documents(docs))
    data: dict[str, object] = {
        "doc": pd.Categorical(cols["doc"]),
        "table": cols["table"].astype(np.int64),
        "row": cols["row"].astype(np.int64),
        "level1": pd.Categorical(cols["level1"], categories=LEVEL1),
        "level2": pd.Categorical(cols["level2"], categories=LEVEL2),
    }
    for k in ("level1_printed", "level2_printed", "name", "cycle_target", "target", "actual"):
        data[k] = pd.array(cols[k], dtype=object)
    data["weight"] = cols["weight"]
    data["score"] = cols["score"]
    data["deviation"] = pd.array(cols["deviation"], dtype=object)
    data["placeholder"] = cols["placeholder"]
    data["line"] = cols["line"].astype(np.int64)
    data.update(value_columns(cols["target_value"], "target_"))
    data.update(value_columns(cols["actual_value"], "actual_"))
    return pd.DataFrame(data, columns=list(INDICATOR_COLUMNS))


#: Columns of :func:`tables`, in order (an empty result has them too).
TABLE_COLUMNS = (
    "doc", "table", "kind", "title", "project", "code", "unit", "dept", "year", "period_start", "period_end",
    "money_unit", "budget_initial_yuan", "budget_full_year_yuan", "executed_yuan", "budget_initial_yuan_exact",
    "budget_full_year_yuan_exact", "executed_yuan_exact", "fund_weight", "execution_rate", "fund_score",
    "printed_total_score", "n_indicators", "coverage", "line",
)  # fmt: skip
#: Columns of :func:`allocations`, in order.
ALLOCATION_COLUMNS = (
    "doc", "allocation", "row", "title", "seq", "unit", "project", "amount", "money_unit", "amount_yuan", "note",
    "group", "printed_total", "line",
)  # fmt: skip


def tables(docs: Document | Iterable[Document]) -> pd.DataFrame:
    """One row per goal or self-evaluation table: keys ``doc``/``table``, header fields, funds and totals.

    每张表一行：项目名称、编码、单位、主管部门、年度、资金（折算为元）、执行率、得分与总分。
    Money columns ending in ``_yuan`` are float64 in 元 for plotting; the ``_yuan_exact`` columns beside them hold the
    exact amounts as strings (``frame[col].map(decimal.Decimal)`` gives exact decimals).
    """
    records = _jixiao._table_records(_documents(docs))
    df = pd.DataFrame.from_records(records, columns=list(TABLE_COLUMNS))
    df["kind"] = pd.Categorical(df["kind"], categories=["goal", "self_eval"])
    return df


def allocations(docs: Document | Iterable[Document]) -> pd.DataFrame:
    """One row per allocation-plan row (资金分配方案): unit, project, amount as printed and in 元, note, and the
    outline heading (``group``) the row stands under."""
    return pd.DataFrame.from_records(_jixiao._allocation_records(_documents(docs)), columns=list(ALLOCATION_COLUMNS))


def document_schema() -> dict:
    """The JSON Schema (draft 2020-12) of :meth:`Document.to_json`, as a dict.

    文档 JSON（``Document.to_json()``）的 JSON Schema。It is derived from the Rust model, so it always matches what
    this version writes: amounts are exact decimal strings, categories are the closed lists of the official
    indicator trees. The file itself ships in the package as ``jixiao/document.schema.json``.

    >>> schema = document_schema()
    >>> schema["title"], sorted(schema["properties"])[:3]
    ('Document', ['allocations', 'encoding', 'layout'])
    """
    text = resources.files("jixiao").joinpath("document.schema.json").read_text(encoding="utf-8")
    return json.loads(text)

