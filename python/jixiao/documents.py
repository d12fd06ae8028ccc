"""Reading documents, and their indicators, tables and allocation rows as pandas DataFrames.

读取绩效文件，并以 pandas DataFrame 返回指标、表格与资金分配行。
"""

from __future__ import annotations

import glob
import json
import os
import warnings
from collections.abc import Callable, Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

import pandas as pd

from jixiao import _jixiao, ocr
from jixiao._columns import Texts, categorical, records_frame
from jixiao._jixiao import Document
from jixiao.values import VALUE_COLUMNS, value_columns

PathLike: TypeAlias = str | os.PathLike[str]

#: File name endings read from a folder.
DOCUMENT_SUFFIXES = (
    ".txt", ".text", ".html", ".htm", ".json",
    ".csv", ".tsv", ".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".docx", ".pdf",
)  # fmt: skip

LEVEL1 = ("产出指标", "成本指标", "效益指标", "满意度指标")
LEVEL2 = (
    "数量指标", "质量指标", "时效指标", "成本指标", "经济成本指标", "社会成本指标", "生态环境成本指标",
    "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "服务对象满意度指标", "其他满意度指标",
)  # fmt: skip

#: The indicator frame's columns, in order (the reader gold's field names, then the parsed values).
INDICATOR_COLUMNS = (
    "doc", "table", "row", "level1", "level2", "level1_printed", "level2_printed", "name", "cycle_target",
    "target", "actual", "weight", "score", "deviation", "placeholder", "line", "ocr_confidence", "ocr_low_cells",
    *("target_" + c for c in VALUE_COLUMNS[1:]),
    *("actual_" + c for c in VALUE_COLUMNS[1:]),
)  # fmt: skip


#: Document formats a folder may hold that jixiao does not read, with what to do instead.
UNREAD_SUFFIXES = {
    ".ofd": "export as PDF text or Word first / 请先导出为文本或 Word",
    ".doc": "save as .docx / 请另存为 .docx",
    ".wps": "save as .docx / 请另存为 .docx",
    ".et": "save as .xlsx / 请另存为 .xlsx",
}
#: Page images: read through OCR when the extra is installed, else skipped in folders with this advice.
_OCR_ADVICE = "install jixiao[ocr] to read scanned pages / 安装 jixiao[ocr] 即可读取扫描件"


def _expand(paths: PathLike | Iterable[PathLike]) -> list[str]:
    items = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    out: list[str] = []
    for item in items:
        s = os.fspath(item)
        if os.path.isdir(s):
            # Office lock files (~$报告.docx) and hidden files are not documents.
            files = [p for p in sorted(Path(s).rglob("*")) if p.is_file() and not p.name.startswith(("~$", "."))]
            readable = DOCUMENT_SUFFIXES + (ocr.IMAGE_SUFFIXES if ocr.available() else ())
            out.extend(str(p) for p in files if p.suffix.lower() in readable)
            # Documents jixiao cannot read are named, not passed over in silence.
            unread = dict(UNREAD_SUFFIXES)
            if not ocr.available():
                unread.update(dict.fromkeys(ocr.IMAGE_SUFFIXES, _OCR_ADVICE))
            skipped: dict[str, int] = {}
            for p in files:
                if p.suffix.lower() in unread:
                    skipped[p.suffix.lower()] = skipped.get(p.suffix.lower(), 0) + 1
            for suffix, n in sorted(skipped.items()):
                warnings.warn(
                    f"{s}: skipped {n} {suffix} file(s), which jixiao does not read: {unread[suffix]}",
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
    ocr_progress: Callable[[str, int, int], object] | None = None,
) -> Document | list[Document]:
    """Read documents (extracted text in any encoding, or the model's JSON) into the model.

    读取绩效文件（任意编码的提取文本，或本库导出的 JSON）。

    Files are read in parallel in Rust with the GIL released.

    Args:
        paths: one path (returns one ``Document``), or several paths, folders (every ``.pdf``/``.txt``/``.html``/
            ``.docx``/``.xlsx``/``.json``… below them) and glob patterns (returns a list, in order).
        errors: ``"raise"`` raises ``ReadError`` for the first file that cannot be read; ``"warn"`` warns and
            leaves it out; ``"skip"`` leaves it out silently.
        progress: called as ``progress(done, total)`` while many files are read (e.g. a tqdm bar's update).
        ocr_progress: called as ``ocr_progress(path, done, total)`` while the pages of a scan or image are OCR'd
            (with the ``ocr`` extra), a few seconds a page.

    Raises:
        ReadError: (a ``ValueError``) a file is empty, binary, in an unknown encoding, too large or invalid JSON,
            or a PDF that is encrypted, damaged or a scan with no text layer; the message names the file (and
            line or pages) in Chinese and English.
        ValueError: ``errors`` is not one of the three words.

    >>> doc = read("tests/fixtures/documents/004_717b51cf7e2c8e2d.txt")
    >>> doc.n_tables, doc.n_indicators
    (5, 371)
    """
    if errors not in ("raise", "warn", "skip"):
        raise ValueError(f"errors must be 'raise', 'warn' or 'skip', not {errors!r}")
    single = False
    if isinstance(paths, (str, os.PathLike)):
        path = os.fspath(paths)
        single = not os.path.isdir(path) and not any(ch in path for ch in "*?[")
    files = _expand(paths)
    # Page images go to OCR, never to the text readers; scans found by the text readers go there too.
    images = [ocr.is_image(f) for f in files]
    texts = iter(_jixiao._read_paths([f for f, image in zip(files, images, strict=True) if not image], progress))
    results = list(ocr.iter_read(files, [None if image else next(texts) for image in images], ocr_progress))
    docs: list[Document] = []
    for r in results:
        if isinstance(r, Exception):
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

    >>> doc = read_text(
    ...     "项目名称\\t示例\\n一级指标\\t二级指标\\t三级指标\\t指标值\\n产出指标\\t数量指标\\t培训人次\\t≥100人次\\n"
    ... )
    >>> doc.n_indicators
    1
    """
    return _jixiao.read_text(text, source)


DocsLike: TypeAlias = Document | PathLike | Iterable[Any]

if TYPE_CHECKING:
    from typing import TypedDict

    from typing_extensions import Unpack

    class FrameOptions(TypedDict, total=False):
        """The options of ``_jixiao._frames`` that a frame passes on: rule selection, scoring policies, model."""

        profile: str | None
        select: list[str]
        ignore: list[str]
        reverse: str
        execution_cap: bool
        renormalize: bool
        grade_model: str | None


def _sources(docs: DocsLike) -> Sequence[Document | str]:
    """Documents and file paths, in order: folders and glob patterns expanded, nested lists flattened."""
    if isinstance(docs, Document):
        return [docs]
    if isinstance(docs, (str, os.PathLike)):
        return _expand(docs)
    out: list[Document | str] = []
    for d in docs:
        out.extend([d] if isinstance(d, Document) else _sources(d))
    return out


def _frames(
    docs: DocsLike,
    want: Iterable[str],
    *,
    batch_size: int | None = None,
    errors: str = "raise",
    progress: Callable[[int, int], object] | None = None,
    **options: Unpack[FrameOptions],
) -> dict[str, Any]:
    """The Rust pieces of the frames in ``want``, from Documents or files read in batches (see ``_jixiao._frames``)."""
    if errors not in ("raise", "warn", "skip"):
        raise ValueError(f"errors must be 'raise', 'warn' or 'skip', not {errors!r}")
    if batch_size is not None and batch_size < 1:
        raise ValueError(f"batch_size must be a positive number of documents, not {batch_size!r}")
    sources, failed = ocr.scans_to_documents(_sources(docs))
    for error in failed:
        if errors == "raise":
            raise error
        if errors == "warn":
            warnings.warn(str(error), stacklevel=3)
    out = _jixiao._frames(sources, list(want), batch_size or 0, errors == "raise", progress, **options)
    for _, error in out.pop("errors"):
        if errors == "raise":
            raise error
        if errors == "warn":
            warnings.warn(str(error), stacklevel=3)
    return out


_READ_ARGS = """
    ``docs`` is a ``Document``, a list of them, or files, folders and glob patterns. Files are read in batches of
    ``batch_size`` documents (default: eight per thread, at least 64), in parallel in Rust, and each batch is
    turned into columns and dropped before the next is read: a folder of any size is read in memory bounded by the
    frame, not by its documents. ``errors`` (``"raise"``, ``"warn"``, ``"skip"``) and ``progress`` work as in
    :func:`read`."""


def indicators(
    docs: DocsLike,
    *,
    batch_size: int | None = None,
    errors: str = "raise",
    progress: Callable[[int, int], object] | None = None,
) -> pd.DataFrame:
    """One row per indicator of the documents, with the keys ``doc``, ``table``, ``row`` to join on.

    每个指标一行。列名与读取金标准一致：``level1``、``level2``、``name``、``target``、``actual``、``weight``、
    ``score`` …，以及目标值与实际值的解析结果（``target_kind``、``target_value``、``actual_value`` …）。

    ``level1``/``level2`` are categoricals over the canonical category names; ``weight`` and ``score`` are
    float64 (NaN when not printed; exact decimals are on the model's JSON). ``line`` is the source line (0 when
    unknown). The parsed value columns are those of ``parse_values`` with a ``target_`` or ``actual_`` prefix.

    {read_args}

    For a corpus, pass the folder rather than ``read(folder)``: ``indicators("corpus/", errors="warn")``.
    """
    cols = _frames(docs, ["indicators"], batch_size=batch_size, errors=errors, progress=progress)["indicators"]
    return _indicator_frame(cols)


def _indicator_frame(cols: dict[str, Any]) -> pd.DataFrame:
    # Each Rust column is popped as it is converted, so that it is freed before the next one is built.
    texts = Texts(cols.pop("strings"))
    data: dict[str, object] = {
        "doc": categorical(*cols.pop("doc")),
        "table": cols.pop("table"),
        "row": cols.pop("row"),
        "level1": categorical(*cols.pop("level1"), order=LEVEL1),
        "level2": categorical(*cols.pop("level2"), order=LEVEL2),
    }
    for k in ("level1_printed", "level2_printed", "name", "cycle_target", "target", "actual"):
        data[k] = texts.column(cols.pop(k))
    data["weight"] = cols.pop("weight")
    data["score"] = cols.pop("score")
    data["deviation"] = texts.column(cols.pop("deviation"))
    data["placeholder"] = cols.pop("placeholder")
    data["line"] = cols.pop("line")
    data["ocr_confidence"] = cols.pop("ocr_confidence")
    data["ocr_low_cells"] = texts.column(cols.pop("ocr_low_cells"))
    data.update(value_columns(cols.pop("target_value"), "target_"))
    data.update(value_columns(cols.pop("actual_value"), "actual_"))
    del texts
    return pd.DataFrame({k: data.pop(k) for k in INDICATOR_COLUMNS}, copy=False)


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
#: Columns of :func:`unread`, in order.
UNREAD_COLUMNS = ("doc", "line", "page", "text", "reason")
#: Columns of :func:`read_warnings`, in order.
READ_WARNING_COLUMNS = ("doc", "line", "page", "message_zh", "message_en")


def tables(
    docs: DocsLike,
    *,
    batch_size: int | None = None,
    errors: str = "raise",
    progress: Callable[[int, int], object] | None = None,
) -> pd.DataFrame:
    """One row per goal or self-evaluation table: keys ``doc``/``table``, header fields, funds and totals.

    每张表一行：项目名称、编码、单位、主管部门、年度、资金（折算为元）、执行率、得分与总分。
    Money columns ending in ``_yuan`` are float64 in 元 for plotting; the ``_yuan_exact`` columns beside them hold the
    exact amounts as strings (``frame[col].map(decimal.Decimal)`` gives exact decimals). ``coverage`` is the
    document's share of table rows read into the model (the rest are in :func:`unread`).

    {read_args}
    """
    cols = _frames(docs, ["tables"], batch_size=batch_size, errors=errors, progress=progress)["tables"]
    return _table_frame(cols)


def _table_frame(cols: dict[str, Any]) -> pd.DataFrame:
    df = records_frame(cols)
    df["kind"] = pd.Categorical(df["kind"], categories=["goal", "self_eval"])
    return df


def allocations(
    docs: DocsLike,
    *,
    batch_size: int | None = None,
    errors: str = "raise",
    progress: Callable[[int, int], object] | None = None,
) -> pd.DataFrame:
    """One row per allocation-plan row (资金分配方案): unit, project, amount as printed and in 元, note, and the
    outline heading (``group``) the row stands under.

    {read_args}
    """
    cols = _frames(docs, ["allocations"], batch_size=batch_size, errors=errors, progress=progress)["allocations"]
    return records_frame(cols)


def unread(
    docs: DocsLike,
    *,
    batch_size: int | None = None,
    errors: str = "raise",
    progress: Callable[[int, int], object] | None = None,
) -> pd.DataFrame:
    """One row per input row that looked like table content but could not be placed (``Document.unread``):
    ``doc``, ``line``, ``page`` (the page of a PDF's row; empty for other formats), ``text`` and ``reason``.

    未能归位的行及原因。Every table row of the input is either in the model or here (``tables(...).coverage`` is
    the share placed), also when a corpus is read in batches without keeping its documents.

    {read_args}

    >>> rows = unread("tests/fixtures/documents/001_8ac005536caa6091.txt")
    >>> rows["line"].tolist(), rows["reason"].iloc[0]
    ([10, 11], '没有指标的合计或小计行 (a total or subtotal row without indicators)')
    """
    cols = _frames(docs, ["unread"], batch_size=batch_size, errors=errors, progress=progress)["unread"]
    return records_frame(cols, nullable=("line", "page"))


def read_warnings(
    docs: DocsLike,
    *,
    batch_size: int | None = None,
    errors: str = "raise",
    progress: Callable[[int, int], object] | None = None,
) -> pd.DataFrame:
    """One row per thing the reader noticed without stopping (``Document.warnings``, e.g. an OCR repair):
    ``doc``, ``line``, ``page`` (PDF), ``message_zh``, ``message_en``.

    读取时的提示（如 OCR 修正）。

    {read_args}
    """
    cols = _frames(docs, ["read_warnings"], batch_size=batch_size, errors=errors, progress=progress)["read_warnings"]
    return records_frame(cols, nullable=("line", "page"))


for _f in (indicators, tables, allocations, unread, read_warnings):
    _f.__doc__ = (_f.__doc__ or "").replace("{read_args}", _READ_ARGS.strip())


def document_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :meth:`Document.to_json`, as a dict.

    文档 JSON（``Document.to_json()``）的 JSON Schema。It is derived from the Rust model, so it always matches what
    this version writes: amounts are exact decimal strings, categories are the closed lists of the official
    indicator trees. The file itself ships in the package as ``jixiao/document.schema.json``.

    >>> schema = document_schema()
    >>> schema["title"], sorted(schema["properties"])[:3]
    ('Document', ['allocations', 'encoding', 'layout'])
    """
    text = resources.files("jixiao").joinpath("document.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
