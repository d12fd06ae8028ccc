"""Scanned documents: page images read by OCR into the same model as every other format.

扫描件：页面图像经 OCR 识别后读入同一模型（需安装 ``jixiao[ocr]``）。

Image files (``.png``, ``.jpg``, ``.tif`` …) and the pages of a PDF that have no text layer are recognised by the
OCR engine of the ``ocr`` extra (:mod:`jixiao.ocr_engine`): words with boxes and confidences, and the table's
ruling lines from a projection of dark pixels. The Rust core then reads them through the same lattice, layout and
page stages as a PDF's text layer, so a scan becomes the same tables, rows and locations. Each cell keeps its
confidence (the lowest of its characters'): on the model's indicator rows (``ocr_confidence``), and in the
``ocr_confidence`` / ``ocr_low_cells`` columns of :func:`jixiao.indicators`. Cells read with a confidence below 0.8
are listed, with their lines, in a warning per page; values are never changed.

OCR is slow next to reading text (about a second a page), so its results are cached per file content (SHA-256),
page resolution, engine version and a digest of jixiao's own line finding, in ``$JIXIAO_CACHE_DIR/ocr`` (default:
the user cache directory, ``~/.cache/jixiao/ocr`` on Linux). Re-reading a folder does not OCR it again.
``cache=False``, or ``JIXIAO_OCR_CACHE=0`` in the environment, switches the cache off.

Without the extra, :func:`jixiao.read` raises a ``ReadError`` for a scan that names its pages and says how to read
them.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from jixiao import _jixiao, ocr_engine
from jixiao._jixiao import Document

#: File name endings of page images.
IMAGE_SUFFIXES = ocr_engine.IMAGE_SUFFIXES
#: The resolution PDF pages are rendered at for OCR.
DPI = 200
#: Points per inch: the PDF unit the Rust core lays pages out in.
POINTS = 72.0
#: Bumped when what is cached changes shape or meaning.
_CACHE_FORMAT = 1

#: A page as the Rust core takes it: number, width, height (points), words, ruling lines.
Page = tuple[
    int, float, float, list[tuple[float, float, float, float, str, float]], list[tuple[float, float, float, float]]
]


def available() -> bool:
    """Whether the OCR extra is installed. 是否已安装 OCR 组件。"""
    return ocr_engine.available()


def is_image(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` names a page image by its ending. 是否为图像文件。"""
    return os.fspath(path).lower().endswith(IMAGE_SUFFIXES)


def missing_extra_message(path: str, pages: Sequence[int] | None = None) -> str:
    """The ReadError text for a scan when the extra is not installed (Chinese, then English)."""
    where_zh = f"第 {', '.join(map(str, pages))} 页" if pages else "图像"
    where_en = f"pages {', '.join(map(str, pages))}" if pages else "the image"
    return (
        f"{path}: 没有文字层（{where_zh}需要 OCR）：安装 jixiao[ocr] 即可读取扫描页\n"
        f"{path}: no text layer ({where_en} need OCR): install jixiao[ocr] to read scanned pages"
    )


def _cache_dir() -> Path | None:
    if os.environ.get("JIXIAO_OCR_CACHE", "1").strip().lower() in ("0", "false", "no", "off"):
        return None
    base = os.environ.get("JIXIAO_CACHE_DIR")
    if base:
        return Path(base) / "ocr"
    if sys.platform == "win32":
        root = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":
        root = Path.home() / "Library" / "Caches"
    else:
        root = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return root / "jixiao" / "ocr"


@functools.cache
def _engine_version() -> str:
    """The installed engine's version and a digest of jixiao's own page reading (deskew, line finding, word
    splitting in ocr_engine.py): a new engine, or a jixiao that reads pages differently, reads them anew."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        engine = version("rapidocr-onnxruntime")
    except PackageNotFoundError:
        engine = "none"
    ours = hashlib.sha256(Path(ocr_engine.__file__).read_bytes()).hexdigest()[:16]
    return f"{engine}+{ours}"


def _cache_key(data: bytes, dpi: int) -> str:
    h = hashlib.sha256(data)
    h.update(f"|dpi={dpi}|engine={_engine_version()}|format={_CACHE_FORMAT}".encode())
    return h.hexdigest()


def _recognise(number: int, image: np.ndarray, scale: float) -> Page:
    """One page image to the Rust core's page: words and ruling lines, pixels scaled to points."""
    # A page scanned a degree or two askew is straightened first: rows and lines must run level to be grouped.
    image, _ = ocr_engine.deskew(image)
    found = ocr_engine.ruling_lines(image)
    # The vertical lines cut the boxes that the detector ran across a thin cell border.
    words = [
        (w.x0 * scale, w.top * scale, w.x1 * scale, w.bottom * scale, w.text, float(w.confidence))
        for w in ocr_engine.recognize(image, found)
    ]
    lines = [(x0 * scale, t * scale, x1 * scale, b * scale) for x0, t, x1, b in found]
    height, width = image.shape[:2]
    return (number, width * scale, height * scale, words, lines)


def _image_dpi(path: str) -> float | None:
    """The resolution an image file records, if a plausible one."""
    from PIL import Image

    with Image.open(path) as im:
        dpi = im.info.get("dpi")
    return float(dpi[0]) if dpi and float(dpi[0]) >= 50 else None


def _image_scale(dpi: float | None, width: int, height: int) -> float:
    """Points per pixel of a page image: from its recorded resolution, else as if the page were A4."""
    if dpi is not None:
        return POINTS / dpi
    # No resolution recorded: scale the page to A4's width (595 points portrait, 842 landscape).
    return (595.0 if width <= height else 842.0) / width


def _pdf_scan_pages(data: bytes) -> list[int]:
    """The 1-based numbers of a PDF's pages with no text layer (no characters, something drawn)."""
    import importlib

    pdfium: Any = importlib.import_module("pypdfium2")  # untyped; imported only with the extra
    pdf = pdfium.PdfDocument(data)
    try:
        out = []
        for i in range(len(pdf)):
            page = pdf[i]
            text = page.get_textpage()
            if text.count_chars() == 0:
                out.append(i + 1)
            text.close()
            page.close()
        return out
    finally:
        pdf.close()


def ocr_pages(
    path: str | os.PathLike[str],
    *,
    dpi: int = DPI,
    cache: bool = True,
    workers: int | None = None,
    progress: Callable[[int, int], object] | None = None,
) -> tuple[list[Page], bool]:
    """The OCR'd pages of an image file or of a PDF's pages without a text layer, and whether they came from
    the cache. 识别扫描页（带缓存）。"""
    source = os.fspath(path)
    return _pages_of(source, Path(source).read_bytes(), dpi, cache, workers, progress)


def _pages_of(
    source: str,
    data: bytes,
    dpi: int,
    cache: bool,
    workers: int | None,
    progress: Callable[[int, int], object] | None,
) -> tuple[list[Page], bool]:
    """:func:`ocr_pages` of a file whose bytes are already read."""
    folder = _cache_dir() if cache else None
    key = _cache_key(data, dpi)
    if folder is not None:
        hit = folder / f"{key}.json"
        if hit.is_file():
            try:
                stored = json.loads(hit.read_text(encoding="utf-8"))
                return [_page_from_json(p) for p in stored["pages"]], True
            except (OSError, ValueError, KeyError, TypeError):
                pass  # a damaged cache entry is recomputed
    jobs: list[tuple[int, np.ndarray, float]] = []
    if is_image(source):
        frames = ocr_engine.load_image(source)
        dpi_of_file = _image_dpi(source)
        for i, image in enumerate(frames):
            jobs.append((i + 1, image, _image_scale(dpi_of_file, image.shape[1], image.shape[0])))
    else:
        scans = _pdf_scan_pages(data)
        jobs = [(n, image, POINTS / dpi) for n, image in ocr_engine.render_pdf(data, scans, dpi)] if scans else []
    pages = _run(jobs, workers, progress)
    if folder is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            tmp = folder / f"{key}.{os.getpid()}.tmp"
            tmp.write_text(json.dumps({"source": source, "pages": pages}, ensure_ascii=False), encoding="utf-8")
            tmp.replace(folder / f"{key}.json")
        except OSError:
            pass  # an unwritable cache only costs the next read its OCR
    return pages, False


def _page_from_json(p: list[Any]) -> Page:
    number, width, height, words, lines = p
    return (
        int(number),
        float(width),
        float(height),
        [(float(a), float(b), float(c), float(d), str(t), float(s)) for a, b, c, d, t, s in words],
        [(float(a), float(b), float(c), float(d)) for a, b, c, d in lines],
    )


def _run(
    jobs: list[tuple[int, np.ndarray, float]],
    workers: int | None,
    progress: Callable[[int, int], object] | None,
) -> list[Page]:
    """OCR of the pages on a thread pool, in page order. Recognition runs one page at a time (one engine behind a
    lock; onnxruntime spreads each page over the cores itself); deskewing and line finding of the next pages
    overlap with it."""
    total = len(jobs)
    if total == 0:
        return []
    n = max(1, min(workers or os.cpu_count() or 1, total))
    out: list[Page] = []
    with ThreadPoolExecutor(max_workers=n) as pool:
        for done, page in enumerate(pool.map(lambda job: _recognise(*job), jobs), start=1):
            out.append(page)
            if progress is not None:
                progress(done, total)
    return out


def read_scan(
    path: str | os.PathLike[str],
    *,
    dpi: int = DPI,
    cache: bool = True,
    workers: int | None = None,
    progress: Callable[[int, int], object] | None = None,
) -> Document:
    """Read an image file, or a PDF with image pages, through OCR. 经 OCR 读取扫描件或图像。

    The document's ``layout`` says which path read it: ``"ocr"`` for an image file, ``"pdf+ocr"`` for a PDF
    whose image pages were recognised (its text pages are read from the text layer).

    Raises:
        ReadError: the extra is not installed, the file cannot be opened, or OCR found no text.
    """
    return _read_scan(os.fspath(path), None, dpi, cache, workers, progress)


def _read_scan(
    source: str,
    data: bytes | None,
    dpi: int = DPI,
    cache: bool = True,
    workers: int | None = None,
    progress: Callable[[int, int], object] | None = None,
) -> Document:
    """:func:`read_scan`, with the file's bytes when the caller has already read them (each file is read once)."""
    if not available():
        raise _jixiao.ReadError(missing_extra_message(source), source, None)
    try:
        if data is None:
            data = Path(source).read_bytes()
        pages, _ = _pages_of(source, data, dpi, cache, workers, progress)
    except (OSError, ValueError, RuntimeError) as e:
        raise _jixiao.ReadError(f"{source}: 无法识别图像：{e}\n{source}: cannot OCR the file: {e}", source, None) from e
    if is_image(source):
        return _jixiao._read_ocr(source, pages)
    return _jixiao._read_ocr(source, pages, data)


def needs_ocr(path: str, result: Document | Exception | None) -> bool:
    """Whether a file read from its text would gain from OCR: an image, or a PDF that is a scan or has scanned
    pages (the reader said so in its error or warnings)."""
    if is_image(path):
        return True
    if not path.lower().endswith(".pdf"):
        return False
    # The core's words for a page of images, in its error (a scan) or its warning (scanned pages among text).
    if result is None or isinstance(result, Exception):
        return result is None or "no text layer" in str(result)
    return any("no text layer" in w["message_en"] for w in result.warnings)


def iter_read(
    paths: Sequence[str],
    results: Sequence[Document | Exception | None],
    progress: Callable[[str, int, int], object] | None = None,
) -> Iterator[Document | Exception]:
    """The results of a text read (``None`` for the images it skipped), with images and scans read through OCR
    when the extra is installed, and images given the ReadError that names the extra when it is not.
    ``progress(path, done, total)`` follows the pages of each file OCR'd."""
    for path, result in zip(paths, results, strict=True):
        if result is not None and not needs_ocr(path, result):
            yield result
        elif available():
            pages = None if progress is None else functools.partial(progress, path)
            try:
                yield read_scan(path, progress=pages)
            except _jixiao.ReadError as e:
                yield e
        elif result is None:
            yield _jixiao.ReadError(missing_extra_message(path), path, None)
        else:
            yield result


def _scan_bytes(path: str) -> bytes | None:
    """A PDF's bytes when it may hold image pages to OCR (it names no font), else None. A PDF that mixes text and
    scanned pages names its fonts and is read from its text layer here, with a warning naming the scanned pages
    (jixiao.read OCRs them); a text PDF whose fonts hide in compressed object streams is checked page by page,
    costing only that."""
    if not path.lower().endswith(".pdf"):
        return None
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None  # the reader reports it
    return data if b"/Font" not in data else None


def scans_to_documents(sources: Sequence[Document | str]) -> tuple[list[Document | str], list[Exception]]:
    """For the frame functions, which read files in Rust: image files and scanned PDFs read through OCR into
    Documents first (with the extra), the rest passed on; also the errors of those that could not be read."""
    if not available():
        return list(sources), []
    out: list[Document | str] = []
    failed: list[Exception] = []
    for item in sources:
        if not isinstance(item, str):
            out.append(item)
            continue
        image = is_image(item)
        data = None if image else _scan_bytes(item)
        if not image and data is None:
            out.append(item)
            continue
        try:
            out.append(_read_scan(item, data))
        except _jixiao.ReadError as e:
            failed.append(e)
    return out, failed
