"""The page-image side of OCR (jixiao.ocr_engine): ruling lines against what the seed PDFs draw, deskew, image
and PDF loading, and RapidOCR on one rendered seed page.

The tests that need the ``ocr`` extra (RapidOCR, pypdfium2, Pillow) skip without it; the line finder needs numpy
only and always runs on synthetic pages. The images are tests/fixtures/ocr (made by make_images.py there). The
whole-corpus accuracy runs are not here: one page is recognised, once.
"""

from __future__ import annotations

import dataclasses
import json
import math
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest

from jixiao import ocr_engine
from jixiao.ocr_engine import Line, Word

FIXTURES = Path(__file__).parent / "fixtures"
IMAGES = FIXTURES / "ocr"
PDFS = FIXTURES / "pdf"
INSTALL = "the ocr extra is not installed: pip install 'jixiao[ocr]'"

needs_ocr = pytest.mark.skipif(not ocr_engine.available(), reason=INSTALL)


def _needs(module: str) -> None:
    pytest.importorskip(module, reason=f"{module} is missing ({INSTALL})")


def _horizontal(lines: Sequence[Line]) -> list[Line]:
    return [line for line in lines if line[2] - line[0] >= line[3] - line[1]]


def _vertical(lines: Sequence[Line]) -> list[Line]:
    return [line for line in lines if line[2] - line[0] < line[3] - line[1]]


def _drawn(pdf: str, page: int, dpi: int) -> tuple[list[Line], list[Line]]:
    """The ruling lines a seed PDF draws on a 1-based page (thin path objects), in pixels at ``dpi``."""
    pdfium = pytest.importorskip("pypdfium2", reason=INSTALL)
    document = pdfium.PdfDocument(PDFS / pdf)
    try:
        shown = document[page - 1]
        height = shown.get_size()[1]
        scale = dpi / 72
        horizontal, vertical = [], []
        for item in shown.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_PATH], max_depth=5):
            x0, y0, x1, y1 = item.get_bounds()
            rect = (x0 * scale, (height - y1) * scale, x1 * scale, (height - y0) * scale)
            if x1 - x0 > 3 and y1 - y0 < 2.5:
                horizontal.append(rect)
            elif y1 - y0 > 3 and x1 - x0 < 2.5:
                vertical.append(rect)
    finally:
        document.close()
    return horizontal, vertical


def _covered(line: Line, others: Sequence[Line], tolerance: float) -> float:
    """The share of a line's length that lines of ``others`` on the same course (within ``tolerance``) cover."""
    across = 1 if line[2] - line[0] >= line[3] - line[1] else 0  # the coordinate across the line: y or x
    along = 1 - across
    start, end, middle = line[along], line[along + 2], (line[across] + line[across + 2]) / 2
    spans = sorted(
        (max(start, other[along]), min(end, other[along + 2]))
        for other in others
        if other[across] - tolerance <= middle <= other[across + 2] + tolerance
    )
    covered, reached = 0.0, start
    for low, high in spans:
        low = max(low, reached)
        if high > low:
            covered, reached = covered + high - low, high
    return covered / max(end - start, 1e-9)


def _compare(found: Sequence[Line], drawn: tuple[list[Line], list[Line]], tolerance: float = 3.0) -> None:
    """Every drawn line is found (90% of its length), and every line found is drawn (no text taken for a line)."""
    for mine, theirs in ((_horizontal(found), drawn[0]), (_vertical(found), drawn[1])):
        missed = [line for line in theirs if _covered(line, mine, tolerance) < 0.9]
        invented = [line for line in mine if _covered(line, theirs, tolerance) < 0.5]
        assert not missed and not invented, f"missed {missed}, not drawn {invented}"


def _image(name: str, frame: int = 0) -> np.ndarray:
    _needs("PIL")
    return ocr_engine.load_image(IMAGES / name)[frame]


# Importing and the package without the extra.


def test_importing_the_module_loads_no_optional_dependency() -> None:
    code = (
        "import sys, jixiao.ocr_engine\n"
        "print([m for m in ('onnxruntime', 'rapidocr_onnxruntime', 'cv2', 'pypdfium2', 'PIL') if m in sys.modules])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert result.stdout.strip() == "[]"


@pytest.fixture
def without_rapidocr(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """RapidOCR made unimportable (a None in sys.modules), with no engine and no cached availability."""
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)
    monkeypatch.setattr(ocr_engine, "_ENGINE", None)
    monkeypatch.setattr(ocr_engine, "_AVAILABLE", None)
    yield


def test_without_the_extra_recognize_says_what_to_install(without_rapidocr: None) -> None:
    assert ocr_engine.available() is False
    with pytest.raises(ImportError, match=r"pip install 'jixiao\[ocr\]'"):
        ocr_engine.recognize(np.full((40, 40, 3), 255, dtype=np.uint8))


def test_word_is_a_frozen_record() -> None:
    word = Word(1.0, 2.0, 3.0, 4.0, "绩效", 0.9)
    with pytest.raises(dataclasses.FrozenInstanceError):
        word.text = "x"
    assert word == Word(1.0, 2.0, 3.0, 4.0, "绩效", 0.9)


# Ruling lines: synthetic pages (numpy only), exact.


def _grid(height: int = 1200, width: int = 900) -> tuple[np.ndarray, list[Line]]:
    """A white page with a ruled table and text-like strokes in its cells; the expected lines."""
    page = np.full((height, width, 3), 255, dtype=np.uint8)
    expected: list[Line] = []
    rows = [100, 200, 300, 420, 560]
    for k, y in enumerate(rows):
        thickness, grey = (1 + k % 3), (0, 128, 60)[k % 3]  # 1-3 px; black, mid grey (as thin PDF rules render)
        page[y : y + thickness, 80:820] = grey
        expected.append((80.0, float(y), 820.0, float(y + thickness)))
    for x in (80, 300, 560, 819):
        page[100:562, x : x + 1] = 0  # from the top of the first rule to the bottom of the last
        expected.append((float(x), 100.0, float(x + 1), 562.0))
    # Text: rows of glyph-like blocks (short strokes, each shorter than 2% of the side) inside the cells.
    for top in (140, 240, 340, 470):
        for left in range(100, 780, 24):
            if 280 < left < 320 or 540 < left < 580:
                continue
            page[top : top + 2, left : left + 18] = 0  # a horizontal stroke, as in 一 or 二
            page[top + 8 : top + 10, left + 2 : left + 16] = 0
            page[top - 4 : top + 16, left + 8 : left + 10] = 0  # and a vertical one through it
    return page, expected


def _sorted(lines: Sequence[Line]) -> list[Line]:
    return _horizontal(lines) + _vertical(lines)


def test_ruling_lines_of_a_drawn_grid_are_exact() -> None:
    page, expected = _grid()
    found = ocr_engine.ruling_lines(page)
    assert _sorted(found) == _sorted(expected)


def test_dotted_rules_of_a_fax_are_lines_and_solid_lines_in_a_row_stay_two() -> None:
    # The drawn grid with its 1 px horizontal rules as a bilevel fax leaves them: dots 2-10 px long with breaks of
    # up to 30 px (4% of the side is 36 px here), about a third of the length in ink.
    page, expected = _grid()
    rng = np.random.default_rng(7)
    dotted = [line for line in _horizontal(expected) if line[3] - line[1] == 1]
    for x0, top, x1, _ in dotted:
        page[int(top), int(x0) : int(x1)] = 255
        x = int(x0)
        while x < x1:
            dot = int(rng.integers(2, 11))
            page[int(top), x : min(x + dot, int(x1))] = 0
            x += dot + int(rng.integers(1, 20 if x < 600 else 30))
        page[int(top), int(x0)] = page[int(top), int(x1) - 1] = 0  # the ends, where the verticals cross
    found = _horizontal(ocr_engine.ruling_lines(page))
    for line in dotted:
        assert any(abs(f[1] - line[1]) <= 1 and f[0] <= line[0] + 2 and f[2] >= line[2] - 2 for f in found), line
    assert len(found) == len(_horizontal(expected))
    # Two solid rules on one course with a 30 px break between them (two tables' edges) are not one dotted rule.
    page, _ = _grid()
    page[800:802, 80:400] = 0
    page[800:802, 430:820] = 0
    assert [line for line in _horizontal(ocr_engine.ruling_lines(page)) if line[1] == 800] == [
        (80.0, 800.0, 400.0, 802.0),
        (430.0, 800.0, 820.0, 802.0),
    ]


def test_ruling_lines_of_a_blank_or_textless_page() -> None:
    assert ocr_engine.ruling_lines(np.full((300, 200, 3), 255, dtype=np.uint8)) == []
    assert ocr_engine.ruling_lines(np.full((300, 200), 128, dtype=np.uint8)) == []
    with pytest.raises(ValueError, match="min_length"):
        ocr_engine.ruling_lines(np.full((30, 20, 3), 255, dtype=np.uint8), min_length=0)
    with pytest.raises(ValueError, match="uint8"):
        ocr_engine.ruling_lines(np.zeros((30, 20, 3), dtype=np.float32))


def _skewed_grid(degrees: float) -> np.ndarray:
    """The grid of :func:`_grid` drawn turned by ``degrees`` (counter-clockwise), with numpy alone."""
    page, _ = _grid()
    height, width = page.shape[:2]
    turn = math.radians(degrees)
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float64)
    cy, cx = height / 2, width / 2
    # Each output pixel samples the upright page where rotating it back lands (nearest neighbour).
    sx = np.rint(cx + (xs - cx) * math.cos(turn) - (ys - cy) * math.sin(turn)).astype(int)
    sy = np.rint(cy + (xs - cx) * math.sin(turn) + (ys - cy) * math.cos(turn)).astype(int)
    inside = (sx >= 0) & (sx < width) & (sy >= 0) & (sy < height)
    out = np.full_like(page, 255)
    out[inside] = page[sy[inside], sx[inside]]
    return out


@pytest.mark.parametrize("degrees", [1.5, -2.0])
def test_ruling_lines_tolerate_a_skewed_page(degrees: float) -> None:
    found = ocr_engine.ruling_lines(_skewed_grid(degrees))
    assert len(_horizontal(found)) == 5 and len(_vertical(found)) == 4
    # Each line comes back as the rectangle around its slanted course: 740 px long at 1.5-2° drifts 19-26 px.
    # (Plus the line's own thickness of 1-3 px and a pixel of rounding at each end.)
    drift = 740 * math.tan(math.radians(abs(degrees)))
    for line in _horizontal(found):
        assert drift <= line[3] - line[1] <= drift + 6, line


@pytest.mark.parametrize("degrees", [1.5, -2.0])
def test_deskew_straightens_a_skewed_page(degrees: float) -> None:
    _needs("PIL")
    straight, angle = ocr_engine.deskew(_skewed_grid(degrees))
    assert angle == pytest.approx(-degrees, abs=0.1)
    found = ocr_engine.ruling_lines(straight)
    assert len(_horizontal(found)) == 5 and len(_vertical(found)) == 4
    assert all(line[3] - line[1] <= 5 for line in _horizontal(found))
    assert all(line[2] - line[0] <= 4 for line in _vertical(found))


def test_deskew_leaves_a_level_page_alone() -> None:
    page, _ = _grid()
    straight, angle = ocr_engine.deskew(page)
    assert angle == 0.0 and straight is page


# Ruling lines: rendered seed pages, against the lines the PDF draws.


@pytest.mark.parametrize("dpi", [150, 200])
def test_ruling_lines_match_the_pdf_drawing_of_003(dpi: int) -> None:
    found = ocr_engine.ruling_lines(_image(f"003_p1_{dpi}dpi.png"))
    drawn = _drawn("003_4ea89972e077d80e.pdf", 1, dpi)
    # Two tables: 17 + 9 horizontal rules, 5 + 6 vertical ones, each a path object of its own.
    assert (len(drawn[0]), len(drawn[1])) == (26, 11)
    assert (len(_horizontal(found)), len(_vertical(found))) == (26, 11)
    _compare(found, drawn)


@pytest.mark.parametrize(("name", "pdf", "page"), [("001_p1_150dpi.png", "001_8ac005536caa6091.pdf", 1)])
def test_no_text_stroke_becomes_a_line_on_a_dense_page(name: str, pdf: str, page: int) -> None:
    _compare(ocr_engine.ruling_lines(_image(name)), _drawn(pdf, page, 150))


@pytest.mark.parametrize(
    ("name", "pdf", "page", "dpi"),
    [
        ("001_p1_150dpi_jpeg40.jpg", "001_8ac005536caa6091.pdf", 1, 150),
        ("002_p5_150dpi_noise.png", "002_64eb690d41cac579.pdf", 5, 150),
        ("004_p9_200dpi_seal.png", "004_717b51cf7e2c8e2d.pdf", 9, 200),
    ],
)
def test_ruling_lines_survive_jpeg_noise_and_a_seal(name: str, pdf: str, page: int, dpi: int) -> None:
    _compare(ocr_engine.ruling_lines(_image(name)), _drawn(pdf, page, dpi))


def test_ruling_lines_of_a_skewed_copy_after_deskew() -> None:
    straight, angle = ocr_engine.deskew(_image("004_p1_200dpi_skew-2.png"))
    assert angle == pytest.approx(2.0, abs=0.1)
    found = ocr_engine.ruling_lines(straight)
    # Turned back about the centre, the page lands within a pixel or two of where the PDF put it.
    _compare(found, _drawn("004_717b51cf7e2c8e2d.pdf", 1, 200), tolerance=5)


# Loading images and rendering PDFs.


def test_load_image_reads_every_format_as_rgb() -> None:
    _needs("PIL")
    for name, frames, shape in [
        ("003_p1_150dpi.png", 1, (1754, 1241, 3)),  # 8-bit greyscale PNG
        ("004_p9_200dpi_seal.png", 1, (2339, 1654, 3)),  # RGB PNG
        ("001_p1_150dpi_jpeg40.jpg", 1, (1754, 1241, 3)),
        ("002_p1_p5_200dpi_fax.tif", 2, (2339, 1654, 3)),  # a two-page bilevel TIFF
    ]:
        images = ocr_engine.load_image(IMAGES / name)
        assert len(images) == frames, name
        assert all(image.shape == shape and image.dtype == np.uint8 for image in images), name
    seal = ocr_engine.load_image(IMAGES / "004_p9_200dpi_seal.png")[0]
    assert (seal[:, :, 0].astype(int) - seal[:, :, 1] > 100).any()  # the red survives


def test_load_image_lays_transparency_on_white_and_scales_16_bit(tmp_path: Path) -> None:
    image_module = pytest.importorskip("PIL.Image", reason=INSTALL)
    clear = np.zeros((10, 12, 4), dtype=np.uint8)
    clear[2:4, 2:4] = (0, 0, 0, 255)  # one opaque black square on a transparent black page
    image_module.fromarray(clear, mode="RGBA").save(tmp_path / "clear.png")
    (rgb,) = ocr_engine.load_image(tmp_path / "clear.png")
    assert rgb.shape == (10, 12, 3) and rgb[0, 0].tolist() == [255, 255, 255] and rgb[2, 2].tolist() == [0, 0, 0]
    deep = np.full((8, 8), 65535, dtype=np.uint16)
    deep[:4] = 0
    image_module.fromarray(deep).save(tmp_path / "deep.TIF")  # any case of the suffix
    (grey,) = ocr_engine.load_image(tmp_path / "deep.TIF")
    assert grey[0, 0].tolist() == [0, 0, 0] and grey[7, 7].tolist() == [255, 255, 255]


def test_load_image_refuses_other_files(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not an image file"):
        ocr_engine.load_image(tmp_path / "page.pdf")


def test_render_pdf_pages_and_shapes() -> None:
    _needs("pypdfium2")
    data = (PDFS / "001_8ac005536caa6091.pdf").read_bytes()
    pages = list(ocr_engine.render_pdf(data, None, dpi=72))
    assert [number for number, _ in pages] == [1, 2, 3, 4, 5]
    assert all(image.shape == (842, 596, 3) and image.dtype == np.uint8 for _, image in pages)
    [(number, image)] = ocr_engine.render_pdf((PDFS / "003_4ea89972e077d80e.pdf").read_bytes(), [1], dpi=150)
    assert number == 1 and image.shape == (1754, 1241, 3)
    # The committed fixture is this rendering (up to another pdfium's antialiasing).
    assert np.abs(image[:, :, 0].astype(int) - _image("003_p1_150dpi.png")[:, :, 0]).mean() < 1.0
    assert [n for n, _ in ocr_engine.render_pdf(data, [5, 2], dpi=30)] == [5, 2]


def test_render_pdf_rejects_bad_pages_at_the_call() -> None:
    _needs("pypdfium2")
    data = (PDFS / "003_4ea89972e077d80e.pdf").read_bytes()
    with pytest.raises(ValueError, match="out of range 1-1"):
        ocr_engine.render_pdf(data, [0, 2])
    with pytest.raises(ValueError, match="dpi"):
        ocr_engine.render_pdf(data, None, dpi=0)


# Recognition.


def _item(text: str, left: float, width: float, cut_gap: tuple[int, float] | None = None) -> list[object]:
    """A RapidOCR result with per-character boxes: ``text`` from ``left``, ``width`` px a character, and an
    optional gap of ``cut_gap[1]`` px after character ``cut_gap[0]``."""
    boxes, x = [], left
    for index in range(len(text)):
        boxes.append([[x, 10], [x + width, 10], [x + width, 30], [x, 30]])
        x += width + (cut_gap[1] if cut_gap and index == cut_gap[0] else 0)
    return [[[left, 10], [x, 10], [x, 30], [left, 30]], text, 0.9, boxes, list(text), [0.9] * len(text)]


def test_a_box_across_a_cell_border_is_split_at_the_line() -> None:
    # "1.4万km²" | "0.5", read as one box across the vertical line at x=200.
    item = _item("1.4万km²0.5", 100.0, 12.0, cut_gap=(6, 20.0))
    words = ocr_engine._words_of(item, [(199.0, 0.0, 201.0, 500.0)])
    assert [w.text for w in words] == ["1.4万km²", "0.5"]
    assert words[0].x0 == 100.0 and words[0].x1 <= 200.0 <= words[1].x0 and words[1].x1 == item[0][1][0]
    assert words[0].top == 10.0 and words[1].bottom == 30.0


def test_a_box_is_kept_whole_without_a_line_through_it() -> None:
    item = _item("产出指标", 100.0, 20.0)
    assert ocr_engine._words_of(item, []) == [Word(100.0, 10.0, 180.0, 30.0, "产出指标", 0.9)]
    # A line beside the box, or one that ends above it, splits nothing.
    assert len(ocr_engine._words_of(item, [(300.0, 0.0, 301.0, 500.0), (150.0, 0.0, 151.0, 5.0)])) == 1
    # An overhang: every character right of the line at 104, so the box is trimmed to it.
    [word] = ocr_engine._words_of(_item("产出指标", 100.0, 20.0), [(103.0, 0.0, 105.0, 500.0)])
    assert word.text == "产出指标" and word.x0 == 104.0


@needs_ocr
def test_recognize_reads_a_rendered_seed_page() -> None:
    page = _image("004_p1_150dpi.png")
    lines = ocr_engine.ruling_lines(page)
    words = ocr_engine.recognize(page, lines)
    texts = [word.text for word in words]
    assert any("绩效自评表" in text for text in texts), texts
    assert "产出指标" in texts and "数量指标" in texts and "130928.84" in texts
    assert all(isinstance(word, Word) and 0.5 <= word.confidence <= 1.0 for word in words)
    assert all(
        0 <= word.x0 < word.x1 <= page.shape[1] and 0 <= word.top < word.bottom <= page.shape[0] for word in words
    )
    # The budget figure sits in its cell (年初预算数, between the rules at 148.8 and 222.6 pt).
    [budget] = [word for word in words if word.text == "130928.84"]
    assert 148.8 * 150 / 72 < budget.x0 < budget.x1 < 222.6 * 150 / 72
    # Split at the rules, no word runs across a vertical line the PDF draws (RapidOCR alone joins four here,
    # such as 1.4万km² and 0.5 of the neighbouring cells).
    _, vertical = _drawn("004_717b51cf7e2c8e2d.pdf", 1, 150)
    for word in words:
        middle, margin = (word.top + word.bottom) / 2, 0.4 * (word.bottom - word.top)
        crossed = [
            v for v in vertical if word.x0 + margin < (v[0] + v[2]) / 2 < word.x1 - margin and v[1] < middle < v[3]
        ]
        assert not crossed, word
    # One engine for the process, reused: a blank page reads as nothing, without a new engine.
    engine = ocr_engine._ENGINE
    assert ocr_engine.recognize(np.full((64, 64, 3), 255, dtype=np.uint8)) == []
    assert ocr_engine._ENGINE is engine is not None


# The fixtures.


def test_the_manifest_lists_every_image_under_ten_megabytes() -> None:
    manifest = json.loads((IMAGES / "MANIFEST.json").read_text(encoding="utf-8"))
    listed = {item["file"] for item in manifest}
    present = {path.name for path in IMAGES.iterdir() if path.suffix in {".png", ".jpg", ".tif"}}
    assert listed == present
    for item in manifest:
        assert (IMAGES / item["file"]).stat().st_size == item["bytes"], item["file"]
        assert (FIXTURES / "ocr" / item["source"]).resolve().is_file(), item["source"]
        assert item["dpi"] in (150, 200) and item["pages"] and item["degradation"]
    assert sum(path.stat().st_size for path in IMAGES.iterdir()) < 10 * 1024 * 1024
