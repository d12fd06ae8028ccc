"""The page-image side of OCR: rendering PDF pages and reading image files as RGB arrays, finding the ruling lines
of a table, straightening a slightly skewed page, and recognising the text with RapidOCR.

OCR 的页面图像部分：PDF 渲染与图像读取、表格线检测、小角度纠偏，以及用 RapidOCR 识别文字。

Coordinates are pixels of the array, x to the right and y down, boxes as ``(x0, top, x1, bottom)``: the same
frame the Rust reader uses for PDF points, so the words and lines of one page go through its grid builder
unchanged (divide by ``dpi / 72`` to get points).

The optional dependencies are the ``ocr`` extra (``pip install 'jixiao[ocr]'``): ``rapidocr-onnxruntime`` (with
onnxruntime and OpenCV; its PP-OCR detection and recognition models ship inside its wheel, so nothing is
downloaded at run time), ``pypdfium2`` and ``Pillow``. They are imported on first use, never when this module is
imported, so the package works without them; :func:`ruling_lines` needs numpy only.

A page goes through the functions in this order::

    for number, page in render_pdf(data, None, dpi=200):      # or load_image(path)
        page, angle = deskew(page)                            # a scan skewed by up to 3°: level rules and rows
        lines = ruling_lines(page)
        words = recognize(page, lines)                        # lines: split the text boxes that span two cells
"""

from __future__ import annotations

import bisect
import importlib
import importlib.util
import itertools
import math
import os
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = [
    "IMAGE_SUFFIXES",
    "Line",
    "RGBImage",
    "Word",
    "available",
    "deskew",
    "load_image",
    "recognize",
    "render_pdf",
    "ruling_lines",
]

#: An RGB page image: ``uint8`` of shape ``(height, width, 3)``.
RGBImage = npt.NDArray[np.uint8]
#: A ruling line as the pixel rectangle it covers: ``(x0, top, x1, bottom)``.
Line = tuple[float, float, float, float]

_INSTALL_HINT = "pip install 'jixiao[ocr]'"
#: File name endings of the page images :func:`load_image` reads.
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")

# RapidOCR: options of the engine (made once) and of each call. The detector and recogniser keep their defaults
# (box_thresh 0.5, unclip_ratio 1.6, text_score 0.5): on the seed pages no setting of these, nor turning off the
# detector's dilation, kept apart the few text boxes that run across a cell border (the detector joins text on both
# sides of a thin ruling line when the gap is small), so such boxes are split afterwards at the ruling lines, on the
# per-character positions that return_word_box gives. The angle classifier (use_cls) is off: table pages are
# upright, it costs about 0.1 s a page, and it can turn a short crop upside down. max_side_len stays 2000, so an
# A4 page at 200 dpi (2339 px high) is read shrunk to 171 dpi: reading it whole was 20% slower and no more accurate
# on the seed pages.
_ENGINE_OPTIONS: dict[str, Any] = {"print_verbose": False, "use_cls": False, "max_side_len": 2000}
_CALL_OPTIONS: dict[str, Any] = {
    "use_cls": False,
    "box_thresh": 0.5,
    "unclip_ratio": 1.6,
    "text_score": 0.5,
    "return_word_box": True,
}

# recognize: vertical lines wider than this share of the shorter side (slanted, on a skewed page) split no box.
_THIN_CUT = 0.005
# ruling_lines: fractions of the shorter side of the image.
_GAP = 0.003  # the longest break bridged inside one line (JPEG ringing, a stamp's stroke): 4 px at 150 dpi
_MAX_THICKNESS = 0.008  # thicker dark bands are filled areas, not lines: 10 px at 150 dpi
_JOIN = 4  # pieces of a broken line (a fax, a faint copy) less than this many gaps apart are one line
_MAX_CROSSED = 0.12  # the share of a line's length with ink just above or below it (lines: under 0.03; text: more)
_LONG = 0.25  # lines at least this long stand alone; shorter ones must end at perpendicular lines, both ends
_MIN_FILL = 0.7  # the share of a run's length that is ink (text bridged by the gap allowance is sparser)
# Dotted rules (a bilevel fax or a thresholded copy turns a thin grey rule into dots): runs of single-pixel ink
# with breaks up to this share of the side, at least _DOTTED_FILL ink and _DOTTED_LENGTH long, that are at most
# _DOTTED_THICKNESS rows thick with paper just above and below along all but _DOTTED_CROSSED of their length
# (the fax's dotted rules: 0.005-0.02; a row of 一-like strokes crossed by their characters' verticals: 0.08 and
# more). Text rows joined this loosely are thicker, or crossed by their strokes.
_DOTTED_GAP = 0.04
_DOTTED_FILL = 0.3
_DOTTED_LENGTH = 0.1
_DOTTED_THICKNESS = 3
_DOTTED_CROSSED = 0.05
_PAPER_SHARE = 0.25  # dark: below paper - 25% of the paper-to-ink contrast (thin grey rulings render at 130-210)
_MIN_CONTRAST = 48  # paper and ink closer than this: a blank page, no ink at all
# Skew: the projection-profile search range and steps, in degrees.
_MAX_SKEW = 3.0
_COARSE_STEP = 0.25
_FINE_STEP = 0.02
_MIN_SKEW = 0.05  # below this a page is taken as straight (a drift under 2 px across an A4 page at 200 dpi)


_AVAILABLE: bool | None = None  # available()'s answer, once asked


@dataclass(frozen=True)
class Word:
    """One recognised text box: pixel coordinates (x to the right, y down) and the recogniser's confidence.

    识别出的一个文本框：像素坐标（x 向右，y 向下）与识别置信度。

    RapidOCR boxes are text lines rather than single words: a run of text with no wide gap, usually the whole
    content of one line of a cell (see :func:`recognize`).

    >>> Word(10.0, 20.0, 58.0, 44.0, "产出指标", 0.99).text
    '产出指标'
    """

    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    confidence: float


def available() -> bool:
    """Whether the ``ocr`` extra is installed: RapidOCR importable, pypdfium2 and Pillow present.

    OCR 可选依赖（jixiao[ocr]）是否已安装。

    The first call imports RapidOCR (and so onnxruntime and OpenCV), which takes about a second; the answer is
    kept for the rest of the process.
    """
    global _AVAILABLE
    if _AVAILABLE is None:
        _AVAILABLE = _importable()
    return _AVAILABLE


def _importable() -> bool:
    if importlib.util.find_spec("pypdfium2") is None or importlib.util.find_spec("PIL") is None:
        return False
    try:
        importlib.import_module("rapidocr_onnxruntime")
    except (ImportError, OSError):  # not installed, or a shared library of onnxruntime or OpenCV missing
        return False
    return True


def _require(module: str) -> Any:
    """Import an optional dependency, with the install command in the error when it is missing."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise ImportError(f"{module} is needed for OCR and is not installed: {_INSTALL_HINT}") from error


# One RapidOCR engine per process, made on first use. Calls are serialised: onnxruntime already runs each model
# on all cores, and the engine keeps per-call settings on itself. A forked child makes its own engine (an
# onnxruntime session does not survive a fork).
_ENGINE: Any = None
_ENGINE_LOCK = threading.Lock()


def _forget_engine() -> None:
    global _ENGINE, _ENGINE_LOCK
    _ENGINE = None
    _ENGINE_LOCK = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_engine)


def recognize(image: RGBImage, lines: Sequence[Line] | None = None) -> list[Word]:
    """Recognise the text of a page image with RapidOCR (PP-OCRv4 detection and recognition, Chinese and English).

    用 RapidOCR 识别页面图像中的文字，返回文本框列表。

    Each :class:`Word` is one text box of the detector, made axis-aligned (the smallest rectangle around its four
    corners): a line of text within a cell, not a single word or character. Boxes whose recognised text scores
    below 0.5 are dropped. The order is RapidOCR's: top to bottom, then left to right.

    The detector joins text on both sides of a thin cell border when the gap is small (about 1% of the boxes on
    the seed pages, e.g. ``1.4万km²`` and ``0.5`` of two neighbouring cells read as ``1.4万km²0.5``). Given the
    page's ruling lines, each box that a vertical line crosses is split there, by the position of each character,
    into one word per cell; a box that only overhangs a line is trimmed to its side.

    The engine is created on the first call and reused by later calls in the process (its models load in about
    0.3 s, and the first page takes about a second longer than the next); calls from several threads run one at
    a time. A page takes about 1.6 s at 150 dpi and 1.5-1.8 s at 200 dpi on two cores; nothing is downloaded.

    Args:
        image: the page, RGB ``uint8`` of shape ``(height, width, 3)`` (a 2-D greyscale array is accepted too).
        lines: the ruling lines of the page, as :func:`ruling_lines` gives them; the vertical ones split boxes.

    Raises:
        ImportError: the ``ocr`` extra is not installed.
        ValueError: the array is not such an image.
    """
    bgr = np.ascontiguousarray(_as_rgb(image)[:, :, ::-1])  # RapidOCR takes a 3-channel array as OpenCV's BGR
    global _ENGINE
    with _ENGINE_LOCK:
        if _ENGINE is None:
            _ENGINE = _require("rapidocr_onnxruntime").RapidOCR(**_ENGINE_OPTIONS)
        result, _ = _ENGINE(bgr, **_CALL_OPTIONS)
    if not result:
        return []
    # Vertical lines thin enough to cut at: on a page skewed by more than about half a degree a line's rectangle
    # is wide, and its middle is no longer the border at the height of a given box (deskew the page first).
    thin = max(4.0, _THIN_CUT * min(bgr.shape[:2]))
    cuts = [line for line in lines or () if line[2] - line[0] <= thin and line[3] - line[1] > line[2] - line[0]]
    words: list[Word] = []
    for item in result:
        words.extend(_words_of(item, cuts))
    return words


def _words_of(item: Sequence[Any], verticals: Sequence[Line]) -> list[Word]:
    """The words of one RapidOCR result ``[box, text, score, char boxes, chars, char scores]``, split at lines."""
    corners = np.asarray(item[0], dtype=np.float64).reshape(-1, 2)
    x0, top = (float(v) for v in corners.min(axis=0))
    x1, bottom = (float(v) for v in corners.max(axis=0))
    text, confidence = str(item[1]), float(item[2])
    middle = (top + bottom) / 2
    cuts = sorted({(v[0] + v[2]) / 2 for v in verticals if v[1] <= middle <= v[3] and x0 < (v[0] + v[2]) / 2 < x1})
    whole = [Word(x0, top, x1, bottom, text, confidence)]
    if not cuts or len(item) < 6 or not item[3]:
        return whole
    chars = [str(c) for c in item[4]]
    scores = [float(s) for s in item[5]]
    if len(item[3]) != len(chars) or len(scores) != len(chars) or "".join(chars) != text:
        return whole  # positions that do not match the text one to one: keep the box as it is
    spans = [np.asarray(box, dtype=np.float64).reshape(-1, 2)[:, 0] for box in item[3]]
    cells: dict[int, list[int]] = {}
    for index, xs in enumerate(spans):
        cells.setdefault(bisect.bisect(cuts, float(xs.min() + xs.max()) / 2), []).append(index)
    bounds = [x0, *cuts, x1]
    keys = sorted(cells)
    words: list[Word] = []
    for key in keys:
        members = cells[key]
        part = "".join(chars[i] for i in members).strip()
        if not part:
            continue
        left = x0 if key == keys[0] else min(float(spans[i].min()) for i in members)
        right = x1 if key == keys[-1] else max(float(spans[i].max()) for i in members)
        inked = [scores[i] for i in members if not chars[i].isspace()]
        words.append(
            Word(
                max(left, bounds[key]),
                top,
                min(right, bounds[key + 1]),
                bottom,
                part,
                sum(inked) / len(inked) if inked else confidence,
            )
        )
    return words or whole


def _as_rgb(image: npt.ArrayLike) -> RGBImage:
    array = np.asarray(image)
    if array.dtype != np.uint8:
        raise ValueError(f"expected a uint8 image array, got dtype {array.dtype}")
    if array.ndim == 2:
        return np.repeat(array[:, :, np.newaxis], 3, axis=2)
    if array.ndim != 3 or array.shape[2] != 3:
        raise ValueError(f"expected an RGB image of shape (height, width, 3), got shape {array.shape}")
    return array


def ruling_lines(image: RGBImage, min_length: float = 0.02) -> list[Line]:
    """The horizontal and vertical ruling lines of a page image, found with numpy alone.

    用 numpy 投影法检测页面图像中的水平与竖直表格线。

    Method (lengths are shares of the image's shorter side, "the side"):

    1. Ink. A pixel is ink when its lightest channel is below the paper level less a quarter of the contrast
       between paper (the median) and ink (the 0.2th percentile). Thin grey rules, which render at 130-210 on
       white, are ink; coloured ink (a red seal) is not, as its red channel stays light.
    2. Skew. The page's skew within ±3° is the angle at which the projection of the ink onto the y axis is
       sharpest (the sum of the squared row counts; text rows and horizontal rules both peak). Over 0.05°, the
       columns are shifted up or down (for vertical lines, the rows left or right) so that the rules run along
       the rows; the lines found are mapped back, each becoming the rectangle around its slanted course. Such
       rectangles are as tall as the drift (26 px for a 740 px rule at 2°): :func:`deskew` the page first to
       get thin ones.
    3. Runs. Each row is taken with the row above it (the darker of the two pixels) and averaged over three
       pixels along the row, so that a 1 px rule spread over two rows by antialiasing, rotation or the shift
       above stays one run and noise on grey paper averages out. Runs of ink separated by breaks of at most
       0.3% of the side are joined; a joined run is kept when it is at least ``min_length`` × the side long and
       at least 70% ink.
    4. Thickness. Kept runs in adjacent rows (a one-row hole allowed) that overlap by half of the shorter one
       are one band. Bands thicker than 0.8% of the side are filled areas (shading, a solid bar) and are
       dropped.
    5. Text. A rule has paper on both sides: a band with ink two or three pixels above or below it along more
       than 12% of its length is a stroke of text (the other strokes of its characters run on above or below;
       a rule is crossed only by the perpendicular rules, 1-3% of its length).
    6. Broken rules. Bands on the same rows less than four breaks (1.2% of the side) apart are one line (a
       faint copy, JPEG, a seal's stroke over it). Its ends are its first and last column of ink.
       Dotted rules (a bilevel fax or a thresholded copy turns a thin grey rule into dots, with breaks of up to
       4% of the side) are found in the ink left outside the lines of step 3-5 that are 10% of the side long:
       runs of at least 30% ink and 10% of the side, at most three pixels thick, with paper just above and
       below along 95% of their length. The short solid pieces of such a rule join it.
    7. Context. A line shorter than a quarter of the side must meet a perpendicular line at both ends, as the
       edges of cells do; this drops what remains of text (a dash, an underline, a stroke bridged to its
       neighbour). Longer lines stand alone, as the rules of a table without vertical rules do.

    Vertical lines are the same steps on the transposed page. On the rendered seed pages (42 pages of four PDFs,
    at 150 and 200 dpi) every rule the PDF draws is found and nothing else; so on copies with JPEG artefacts,
    grey noise, a red seal, or 1-2° of skew (after :func:`deskew`). On the bilevel fax copy of two pages, 37
    horizontal rules are found (26 without the dotted rules); rules whose dots thin out further are still
    missed. It takes about 0.15 s a page at 150 dpi and 0.27 s at 200 dpi.

    Args:
        image: the page, RGB ``uint8`` of shape ``(height, width, 3)`` (a 2-D greyscale array is accepted too).
        min_length: the shortest line, as a share of the shorter side of the image (0.02: 25 px at 150 dpi,
            about one row of a table or one character).

    Returns:
        Horizontal lines (top to bottom), then vertical lines (left to right), as ``(x0, top, x1, bottom)``
        pixel rectangles; the bottom and right edges are exclusive.

    >>> page = np.full((400, 300, 3), 255, dtype=np.uint8)
    >>> page[100:102, 20:280] = 0  # a horizontal line 2 px thick
    >>> page[50:350, 150] = 90  # a grey vertical line 1 px wide
    >>> ruling_lines(page)
    [(20.0, 100.0, 280.0, 102.0), (150.0, 50.0, 151.0, 350.0)]
    """
    if not 0 < min_length < 1:
        raise ValueError(f"min_length is a share of the image side, between 0 and 1: got {min_length}")
    light, threshold = _lightness(_as_rgb(image))
    side = min(light.shape)
    if side == 0 or threshold is None:
        return []
    min_run = max(3, round(min_length * side))
    gap = max(2, round(_GAP * side))
    thickest = max(3, round(_MAX_THICKNESS * side))
    slope = _skew_slope(light < threshold)
    dotted = (max(min_run, round(_DOTTED_LENGTH * side)), max(gap, round(_DOTTED_GAP * side)))
    horizontal = _row_lines(light, threshold, slope, (min_run, gap, thickest), dotted)
    vertical = [
        (t, x0, b, x1)
        for x0, t, x1, b in _row_lines(
            np.ascontiguousarray(light.T), threshold, -slope, (min_run, gap, thickest), dotted
        )
    ]
    long = _LONG * side
    reach = gap + 1
    return [
        *(line for line in horizontal if line[2] - line[0] >= long or _ends_met(line, vertical, reach)),
        *(line for line in vertical if line[3] - line[1] >= long or _ends_met(line, horizontal, reach)),
    ]


def _ends_met(line: Line, others: Sequence[Line], reach: float) -> bool:
    """Whether both ends of a line meet a perpendicular line of ``others``, within ``reach`` pixels."""
    x0, top, x1, bottom = line
    if x1 - x0 >= bottom - top:  # horizontal: its left and right ends

        def meets(x: float) -> bool:
            return any(
                o[0] - reach <= x <= o[2] + reach and o[1] - reach <= bottom and top <= o[3] + reach for o in others
            )

        return meets(x0) and meets(x1)

    def meets_at(y: float) -> bool:
        return any(o[1] - reach <= y <= o[3] + reach and o[0] - reach <= x1 and x0 <= o[2] + reach for o in others)

    return meets_at(top) and meets_at(bottom)


def _lightness(rgb: RGBImage) -> tuple[npt.NDArray[np.uint8], float | None]:
    """The lightest channel of each pixel and the level below which it is ink (see :func:`ruling_lines`, step 1);
    None for a page without ink."""
    light = rgb.max(axis=2)
    counts = np.cumsum(np.bincount(light.ravel(), minlength=256))
    if counts[-1] == 0:
        return light, None
    paper = int(np.searchsorted(counts, counts[-1] * 0.5))
    ink = int(np.searchsorted(counts, counts[-1] * 0.002))
    if paper - ink < _MIN_CONTRAST:
        return light, None
    return light, paper - _PAPER_SHARE * (paper - ink)


def _dark_mask(rgb: RGBImage) -> npt.NDArray[np.bool_]:
    """Ink pixels (see :func:`ruling_lines`, step 1)."""
    light, threshold = _lightness(rgb)
    if threshold is None:
        return np.zeros(light.shape, dtype=np.bool_)
    mask: npt.NDArray[np.bool_] = light < threshold
    return mask


def _skew_slope(dark: npt.NDArray[np.bool_], max_angle: float = _MAX_SKEW) -> float:
    """The page's skew as a slope dy/dx of its horizontal lines and text rows (0.0 when too little ink)."""
    ys, xs = np.nonzero(dark[::2, ::2])  # half resolution: the search needs the shape of the profile only
    if ys.size < 200:
        return 0.0
    ys = ys.astype(np.float64)
    xs = xs.astype(np.float64) - xs.mean()

    def sharpness(angle: float) -> float:
        shifted = np.rint(ys - math.tan(math.radians(angle)) * xs).astype(np.int64)
        profile = np.bincount(shifted - shifted.min()).astype(np.float64)
        return float(np.dot(profile, profile))

    def sharpest(angles: npt.NDArray[np.float64]) -> float:
        # Of equally sharp angles (a short line shifts by whole pixels only), the one nearest to level.
        scores = [sharpness(float(a)) for a in angles]
        top = max(scores)
        return min((float(a) for a, score in zip(angles, scores, strict=True) if score >= top), key=abs)

    best = sharpest(np.arange(-max_angle, max_angle + _COARSE_STEP / 2, _COARSE_STEP))
    angle = sharpest(np.arange(best - _COARSE_STEP, best + _COARSE_STEP + _FINE_STEP / 2, _FINE_STEP))
    return 0.0 if abs(angle) < _MIN_SKEW else math.tan(math.radians(angle))


def _row_lines(
    light: npt.NDArray[np.uint8],
    threshold: float,
    slope: float,
    solid: tuple[int, int, int],
    dotted: tuple[int, int],
) -> list[tuple[float, float, float, float]]:
    """Lines along the rows of a page whose lines drift ``slope`` rows per column (steps 2-6 of ruling_lines):
    ``solid`` is the shortest run, the longest break and the thickest band of a line; ``dotted`` the shortest run
    and longest break of a dotted one."""
    min_run, gap, thickest = solid
    height, width = light.shape
    shift = np.rint(slope * (np.arange(width) - width / 2)).astype(np.int64)
    straight = _shear(light, shift) if shift.any() else light
    # Runs are looked for in each row taken with the row above it (the darker of the two pixels) and averaged over
    # three pixels along the row: a thin line that the whole-pixel shear or antialiasing spreads over two rows is
    # one run, and noise on grey paper averages out. A band of rows [top, bottom) there is [top, bottom - 1) here.
    paired = straight.copy()
    np.minimum(straight[1:], straight[:-1], out=paired[1:])
    padded = np.pad(paired, ((0, 0), (1, 1)), constant_values=255).astype(np.uint16)
    smooth = padded[:, :-2] + padded[:, 1:-1] + padded[:, 2:] < 3 * threshold
    rows, starts, ends = _runs(smooth, min_run, gap, _MIN_FILL)
    dark = straight < threshold
    kept: list[tuple[int, int, int, int]] = []
    for top, below, x0, x1 in _bands(rows, starts, ends):
        bottom = max(top + 1, below - 1)
        if bottom - top <= thickest and _crossed(dark, top, bottom, x0, x1) <= _MAX_CROSSED:
            inked = np.flatnonzero(dark[top:bottom, x0:x1].any(axis=0))  # the ends, without the smoothing's pixel
            if inked.size:
                kept.append((top, bottom, x0 + int(inked[0]), x0 + int(inked[-1]) + 1))
    kept.extend(_dotted(dark, kept, *dotted))
    lines: list[tuple[float, float, float, float]] = []
    for top, bottom, x0, x1 in _collinear(kept, _JOIN * gap):
        drift = shift[x0:x1]
        lines.append((float(x0), float(max(0, top + drift.min())), float(x1), float(min(height, bottom + drift.max()))))
    lines.sort(key=lambda line: (line[1], line[0]))
    return lines


def _collinear(bands: list[tuple[int, int, int, int]], reach: int) -> list[tuple[int, int, int, int]]:
    """Pieces of one broken line joined: bands ``(top, bottom, x0, x1)`` on the same rows (give or take one) less
    than ``reach`` apart along them (step 6 of ruling_lines)."""
    joined: list[list[int]] = []
    for top, bottom, x0, x1 in sorted(bands, key=lambda band: (band[2], band[0])):
        for line in joined:
            if top <= line[1] and line[0] <= bottom and x0 <= line[3] + reach:
                line[0], line[1], line[3] = min(top, line[0]), max(bottom, line[1]), max(x1, line[3])
                break
        else:
            joined.append([top, bottom, x0, x1])
    return [(line[0], line[1], line[2], line[3]) for line in joined]


def _crossed(dark: npt.NDArray[np.bool_], top: int, bottom: int, x0: int, x1: int) -> float:
    """The share of a band's columns with ink two or three rows above or below it (step 5 of ruling_lines)."""
    above = dark[max(0, top - 3) : max(0, top - 1), x0:x1]
    below = dark[bottom + 1 : bottom + 3, x0:x1]
    if above.size == 0 and below.size == 0:
        return 0.0
    inked = np.zeros(x1 - x0, dtype=np.bool_)
    if above.size:
        inked |= above.any(axis=0)
    if below.size:
        inked |= below.any(axis=0)
    return float(inked.mean())


def _shear(light: npt.NDArray[np.uint8], shift: npt.NDArray[np.int64]) -> npt.NDArray[np.uint8]:
    """``out[r, x] = light[r + shift[x], x]`` (white outside the image); ``shift`` is monotonic in x."""
    height = light.shape[0]
    out = np.full_like(light, 255)
    edges = [0, *(np.flatnonzero(np.diff(shift)) + 1).tolist(), shift.size]
    for begin, end in itertools.pairwise(edges):
        k = int(shift[begin])
        if abs(k) >= height:
            continue
        if k >= 0:
            out[: height - k, begin:end] = light[k:, begin:end]
        else:
            out[-k:, begin:end] = light[: height + k, begin:end]
    return out


def _dotted(
    dark: npt.NDArray[np.bool_], solid: list[tuple[int, int, int, int]], min_run: int, gap: int
) -> list[tuple[int, int, int, int]]:
    """Dotted rules, as bands ``(top, bottom, x0, x1)``, found among the ink outside the ``solid`` bands as long
    as a dotted rule (so that two solid lines in a row are not bridged into one); the shorter solid pieces of a
    dotted rule are part of it, and its band is joined to theirs by :func:`_collinear`."""
    dots = dark.copy()
    for top, bottom, x0, x1 in solid:
        if x1 - x0 >= min_run:
            dots[top:bottom, x0:x1] = False
    return [
        (top, bottom, x0, x1)
        for top, bottom, x0, x1 in _bands(*_runs(dots, min_run, gap, _DOTTED_FILL))
        if bottom - top <= _DOTTED_THICKNESS and _crossed(dark, top, bottom, x0, x1) <= _DOTTED_CROSSED
    ]


def _runs(
    dark: npt.NDArray[np.bool_], min_run: int, gap: int, fill: float
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Rows, starts and (exclusive) ends of the joined runs along the rows that are long and dark enough."""
    height, width = dark.shape
    padded = np.zeros((height, width + 2), dtype=np.int8)
    padded[:, 1:-1] = dark
    steps = np.diff(padded, axis=1)
    rows, starts = np.nonzero(steps == 1)  # row-major order: by row, then by column
    _, ends = np.nonzero(steps == -1)
    empty = np.zeros(0, dtype=np.int64)
    if rows.size == 0:
        return empty, empty, empty
    joined = np.ones(rows.size, dtype=np.bool_)
    joined[1:] = (rows[1:] != rows[:-1]) | (starts[1:] - ends[:-1] > gap)
    first = np.flatnonzero(joined)
    last = np.append(first[1:] - 1, rows.size - 1)
    ink = np.add.reduceat(ends - starts, first)
    length = ends[last] - starts[first]
    keep = (length >= min_run) & (ink >= fill * length)
    return (
        rows[first][keep].astype(np.int64),
        starts[first][keep].astype(np.int64),
        ends[last][keep].astype(np.int64),
    )


def _bands(
    rows: npt.NDArray[np.int64], starts: npt.NDArray[np.int64], ends: npt.NDArray[np.int64]
) -> list[tuple[int, int, int, int]]:
    """Group runs of adjacent rows that overlap into bands ``(top, bottom exclusive, x0, x1)`` (step 4)."""
    open_bands: list[list[int]] = []  # [top, last row, x0, x1]
    done: list[tuple[int, int, int, int]] = []
    for row, start, end in zip(rows.tolist(), starts.tolist(), ends.tolist(), strict=True):
        still_open = []
        for band in open_bands:
            if band[1] < row - 2:
                done.append((band[0], band[1] + 1, band[2], band[3]))
            else:
                still_open.append(band)
        open_bands = still_open
        for band in open_bands:
            overlap = min(end, band[3]) - max(start, band[2])
            if band[1] < row and overlap >= 0.5 * min(end - start, band[3] - band[2]):
                band[1], band[2], band[3] = row, min(start, band[2]), max(end, band[3])
                break
        else:
            open_bands.append([row, row, start, end])
    done.extend((band[0], band[1] + 1, band[2], band[3]) for band in open_bands)
    return done


def deskew(image: RGBImage, max_angle: float = _MAX_SKEW) -> tuple[RGBImage, float]:
    """Straighten a page skewed by a small angle: the image rotated so that its rows and lines run level.

    小角度（±3°以内）纠偏：估计页面倾角并旋转图像使文字行与表格线水平。

    The angle is found as in :func:`ruling_lines` (the sharpest projection of the dark pixels onto the y axis,
    searched within ±``max_angle`` degrees in steps of 0.02°). The page is rotated about its centre with bicubic
    resampling, keeping its size, corners filled with white. A page within 0.05° of level is returned as it is.

    Words and lines found on the result are in the coordinates of the straightened page.

    Args:
        image: the page, RGB ``uint8`` of shape ``(height, width, 3)`` (a 2-D greyscale array is accepted too).
        max_angle: the largest skew looked for, in degrees.

    Returns:
        The straightened image and the angle it was rotated by, in degrees counter-clockwise (0.0 when none).

    Raises:
        ImportError: Pillow is not installed (the ``ocr`` extra).
    """
    rgb = _as_rgb(image)
    slope = _skew_slope(_dark_mask(rgb), max_angle)
    if slope == 0.0:
        return rgb, 0.0
    angle = math.degrees(math.atan(slope))  # rows running down to the right: turn the page counter-clockwise
    pil = _require("PIL.Image")
    rotated = pil.fromarray(rgb).rotate(angle, resample=pil.Resampling.BICUBIC, fillcolor=(255, 255, 255))
    return np.asarray(rotated, dtype=np.uint8).copy(), angle


def render_pdf(data: bytes, pages: Sequence[int] | None = None, dpi: int = 200) -> Iterator[tuple[int, RGBImage]]:
    """Render pages of a PDF to RGB arrays with pypdfium2, one page at a time.

    用 pypdfium2 将 PDF 页面渲染为 RGB 图像数组（页码从 1 开始）。

    A page's ``/Rotate`` is applied, so the image is the page as it is shown. At ``dpi`` 200 an A4 page is
    1654 × 2339 pixels (11.6 MB as an array); 150 dpi (1240 × 1754) reads the 10.5-point text of the seed
    tables as well.

    Args:
        data: the PDF file's bytes.
        pages: 1-based page numbers to render, in the order given; None for every page.
        dpi: the resolution.

    Yields:
        ``(page number, image)``.

    Raises:
        ImportError: pypdfium2 is not installed (the ``ocr`` extra).
        ValueError: a page number out of range, or a resolution that is not positive (at the call).
        pypdfium2.PdfiumError: the data is not a PDF pypdfium2 can open (damaged, or needs a password).
    """
    if dpi <= 0:
        raise ValueError(f"dpi must be positive, got {dpi}")
    pdfium = _require("pypdfium2")
    document = pdfium.PdfDocument(data)
    count = len(document)
    numbers = list(range(1, count + 1)) if pages is None else [int(n) for n in pages]
    wrong = [n for n in numbers if not 1 <= n <= count]
    if wrong:
        document.close()
        raise ValueError(f"page numbers out of range 1-{count}: {wrong}")
    return _render_pages(document, numbers, dpi / 72)


def _render_pages(document: Any, numbers: list[int], scale: float) -> Iterator[tuple[int, RGBImage]]:
    try:
        for number in numbers:
            page = document[number - 1]
            try:
                bitmap = page.render(scale=scale, rev_byteorder=True, fill_color=(255, 255, 255, 255))
                # A copy: the array the bitmap gives shares pdfium's buffer, freed when the bitmap goes.
                pixels = np.array(bitmap.to_numpy()[:, :, :3], dtype=np.uint8)
            finally:
                page.close()
            yield number, pixels
    finally:
        document.close()


def load_image(path: str | os.PathLike[str]) -> list[RGBImage]:
    """Read an image file as RGB arrays with Pillow: every frame of a multi-page TIFF, one for the others.

    用 Pillow 读取图像文件（PNG、JPEG、TIFF，多页 TIFF 每页一幅）为 RGB 数组。

    The EXIF orientation of a photographed or scanned page is applied; transparency is laid on white; 16-bit
    greyscale is scaled to 8 bits.

    Args:
        path: a ``.png``, ``.jpg``, ``.jpeg``, ``.tif`` or ``.tiff`` file.

    Raises:
        ImportError: Pillow is not installed (the ``ocr`` extra).
        ValueError: another suffix.
        OSError: the file cannot be read as an image.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in IMAGE_SUFFIXES:
        raise ValueError(f"not an image file jixiao reads ({', '.join(sorted(IMAGE_SUFFIXES))}): {path}")
    pil_image = _require("PIL.Image")
    sequence = _require("PIL.ImageSequence")
    operations = _require("PIL.ImageOps")
    with pil_image.open(path) as opened:
        return [_rgb_frame(pil_image, operations.exif_transpose(frame)) for frame in sequence.Iterator(opened)]


def _rgb_frame(pil_image: Any, frame: Any) -> RGBImage:
    mode = str(frame.mode)
    if mode in {"I", "F"} or mode.startswith("I;16"):
        values = np.asarray(frame, dtype=np.float64)
        peak = float(values.max()) if values.size else 0.0
        grey = np.clip(values * (255.0 / 65535.0 if peak > 255 else 1.0), 0, 255).round().astype(np.uint8)
        return np.repeat(grey[:, :, np.newaxis], 3, axis=2)
    if mode in {"RGBA", "LA", "PA", "La", "RGBa"} or (mode == "P" and "transparency" in frame.info):
        layer = frame.convert("RGBA")
        white = pil_image.new("RGBA", layer.size, (255, 255, 255, 255))
        frame = pil_image.alpha_composite(white, layer)
    return np.array(frame.convert("RGB"), dtype=np.uint8)
