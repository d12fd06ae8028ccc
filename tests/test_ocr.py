"""Scanned documents through OCR (jixiao.ocr): images and image pages of PDFs read into the same model, with the
path that read them recorded, a cache per file, and a clear error without the extra.

The OCR tests skip with a reason where the extra is not installed (``pip install '.[ocr]'``; ``.[test]`` installs
it). Each OCRs a page or two (a few seconds a page on two cores); benches/bench_ocr.py measures accuracy on every
rendered seed page."""

from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path
from typing import Any

import pytest

import jixiao
from jixiao import ocr

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "tests" / "fixtures" / "ocr"
PDFS = ROOT / "tests" / "fixtures" / "pdf"

needs_ocr = pytest.mark.skipif(not ocr.available(), reason="the OCR extra is not installed (pip install '.[ocr]')")


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test caches OCR in its own folder, never in the user's."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("JIXIAO_CACHE_DIR", str(folder))
    monkeypatch.delenv("JIXIAO_OCR_CACHE", raising=False)
    return folder / "ocr"


def norm(s: object) -> str:
    if isinstance(s, dict):
        s = s.get("text", "")
    return "".join(unicodedata.normalize("NFKC", str(s or "")).split())


def rows(doc: jixiao.Document, page: int | None = None) -> list[dict[str, Any]]:
    out = []
    for t in json.loads(doc.to_json())["tables"]:
        for i in t["indicators"]:
            on_page = page is None or (i.get("location") or {}).get("page") == page
            if i.get("name") and not i.get("placeholder") and on_page:
                out.append(i)
    return out


def test_without_the_extra_an_image_is_a_read_error_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "available", lambda: False)
    image = IMAGES / "001_p1_150dpi.png"
    with pytest.raises(jixiao.ReadError, match=r"001_p1_150dpi\.png: no text layer .*install jixiao\[ocr\]"):
        jixiao.read(image)
    # A scanned PDF says the same, with its pages (the core's own message).
    with pytest.raises(jixiao.ReadError, match=r"no text layer: page 1 is an image.*install jixiao\[ocr\]"):
        jixiao.read(PDFS / "scan.pdf")


def test_without_the_extra_a_folder_skips_images_and_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "available", lambda: False)
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "documents" / "003_4ea89972e077d80e.txt", folder)
    shutil.copy(IMAGES / "001_p1_150dpi.png", folder)
    with pytest.warns(UserWarning, match=r"skipped 1 \.png file.*install jixiao\[ocr\]"):
        docs = jixiao.read(folder)
    assert [d.layout for d in docs] != [] and all(d.layout != "ocr" for d in docs)


@needs_ocr
def test_a_page_image_reads_as_its_text_layer_does(private_cache: Path) -> None:
    # 001 page 1 at 150 dpi: the two tables of the page, every row and field as the PDF's text layer reads them.
    image = IMAGES / "001_p1_150dpi.png"
    doc = jixiao.read(image)
    assert doc.layout == "ocr"
    want = rows(jixiao.read(PDFS / "001_8ac005536caa6091.pdf"), page=1)
    got = {norm(r["name"]): r for r in rows(doc)}
    assert len(want) == 16
    found = [w for w in want if norm(w["name"]) in got]
    assert len(found) == len(want)
    fields = ("level1", "level2", "target", "actual", "weight", "score")
    agree = sum(norm(w.get(f)) == norm(got[norm(w["name"])].get(f)) for w in found for f in fields)
    assert agree / (len(found) * len(fields)) >= 0.95
    # Read once: the second read comes from the cache, keyed by the file's content.
    assert len(list(private_cache.glob("*.json"))) == 1
    pages, cached = ocr.ocr_pages(image)
    assert cached and pages[0][0] == 1


@needs_ocr
def test_a_continuation_page_read_alone_gets_its_columns_from_its_cells() -> None:
    # 004 page 9 continues a table from page 8: no header on the page. Its 17 rows read as the text layer reads
    # them, and a warning says the columns were inferred.
    doc = jixiao.read(IMAGES / "004_p9_200dpi.png")
    want = rows(jixiao.read(PDFS / "004_717b51cf7e2c8e2d.pdf"), page=9)
    got = {norm(r["name"]): r for r in rows(doc)}
    assert len(want) == 17
    assert all(norm(w["name"]) in got for w in want)
    fields = ("level2", "target", "actual", "weight", "score")
    agree = sum(norm(w.get(f)) == norm(got[norm(w["name"])].get(f)) for w in want for f in fields)
    assert agree / (len(want) * len(fields)) >= 0.95
    assert [t["kind"] for t in json.loads(doc.to_json())["tables"]] == ["self_eval"]
    assert any("columns were inferred" in w["message_en"] for w in doc.warnings)
    assert doc.rows == {"table_rows": 17, "placed": 17, "unread": 0}


@needs_ocr
def test_the_cache_can_be_switched_off(private_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIXIAO_OCR_CACHE", "0")
    jixiao.read(IMAGES / "003_p1_200dpi.png")
    assert not private_cache.exists() or not list(private_cache.glob("*.json"))


@needs_ocr
def test_a_folder_of_text_pdfs_scans_and_images_reads_in_one_call(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    for f in (PDFS / "003_4ea89972e077d80e.pdf", PDFS / "text_then_scan.pdf", IMAGES / "003_p1_200dpi.png"):
        shutil.copy(f, folder)
    docs = jixiao.read(folder)
    by_name = {Path(d.source).name: d for d in docs}
    # Each document records which path read it: the text layer, OCR of its image pages, or OCR of an image.
    assert by_name["003_4ea89972e077d80e.pdf"].layout == "pdf"
    assert by_name["text_then_scan.pdf"].layout == "pdf+ocr"
    assert by_name["003_p1_200dpi.png"].layout == "ocr"
    # text_then_scan: page 1 from its text layer, page 2 (the same table as an image) through OCR.
    mixed = by_name["text_then_scan.pdf"]
    text, scanned = rows(mixed, page=1), rows(mixed, page=2)
    assert len(text) == len(scanned) == 18
    # The detector drops the leading 一 of 一般系统故障恢复时间 (a lone thin stroke): the one name OCR loses here.
    differ = [(a["name"], b["name"]) for a, b in zip(text, scanned, strict=True) if norm(a["name"]) != norm(b["name"])]
    assert differ == [("一般系统故障恢复时间", "般系统故障恢复时间")]
    # The image of 003 page 1 (200 dpi) gives the rows its PDF gives.
    assert [norm(r["name"]) for r in rows(by_name["003_p1_200dpi.png"])] == [
        norm(r["name"]) for r in rows(by_name["003_4ea89972e077d80e.pdf"], page=1)
    ]


@needs_ocr
def test_a_broken_image_is_a_read_error_naming_it(tmp_path: Path) -> None:
    bad = tmp_path / "scan.png"
    bad.write_bytes(b"\x89PNG")
    with pytest.raises(jixiao.ReadError, match=r"scan\.png: cannot OCR the file"):
        jixiao.read(bad)
    # In a folder read with errors="warn", it is named and the other documents are read.
    shutil.copy(ROOT / "tests" / "fixtures" / "documents" / "003_4ea89972e077d80e.txt", tmp_path)
    with pytest.warns(UserWarning, match=r"scan\.png: cannot OCR"):
        docs = jixiao.read(tmp_path, errors="warn")
    assert [Path(d.source).name for d in docs] == ["003_4ea89972e077d80e.txt"]


@needs_ocr
def test_the_frames_read_scans_and_images_too(tmp_path: Path) -> None:
    # The frame functions read files in Rust; scans and images are OCR'd into Documents before they go there.
    for f in (PDFS / "scan.pdf", IMAGES / "003_p1_200dpi.png", PDFS / "003_4ea89972e077d80e.pdf"):
        shutil.copy(f, tmp_path)
    frame = jixiao.indicators(tmp_path)
    per_file = frame.groupby(frame["doc"].astype(str).map(lambda p: Path(p).name), observed=True).size().to_dict()
    # 003 page 1: 13 rows (two of them placeholders), from the text layer and from its image alike.
    assert per_file == {"003_4ea89972e077d80e.pdf": 13, "003_p1_200dpi.png": 13, "scan.pdf": 18}


@needs_ocr
def test_the_command_line_shows_a_bar_over_the_pages_it_ocrs(capsys: pytest.CaptureFixture[str]) -> None:
    from jixiao.cli import main

    assert main(["read", str(IMAGES / "002_p1_p5_200dpi_fax.tif"), "--progress"]) == 0
    err = capsys.readouterr().err
    assert "OCR 002_p1_p5_200dpi_fax.tif" in err and "2/2" in err and "page" in err
    # Read from the cache the second time: no pages to OCR, no bar.
    assert main(["read", str(IMAGES / "002_p1_p5_200dpi_fax.tif"), "--progress"]) == 0
    assert "OCR" not in capsys.readouterr().err


@needs_ocr
def test_each_cell_keeps_its_ocr_confidence_and_the_misread_ones_are_named() -> None:
    # 001 page 2 at 150 dpi: OCR reads two printed targets "≥0" as "Vo", with confidences near 0.5. Those cells,
    # and only low-confidence ones, are named: on the row, in the frame, and in the page's warning.
    doc = jixiao.read(IMAGES / "001_p2_150dpi.png")
    frame = jixiao.indicators([doc])
    assert frame["ocr_confidence"].between(0.0, 1.0).all()
    misread = frame[frame["target"] == "Vo"]
    assert misread["name"].map(norm).tolist() == ["新增信息资源目录数(个)", "成果推广应用"]
    assert (misread["ocr_confidence"] < 0.6).all()
    assert all("target" in cells.split(",") for cells in misread["ocr_low_cells"])
    # A row without a low cell names none, and its lowest cell is at least the threshold.
    sure = frame[frame["ocr_low_cells"].isna()]
    assert len(sure) >= 10 and (sure["ocr_confidence"] >= 0.8).all()
    # The model keeps each cell's confidence: the misread target low, its name high.
    row = next(r for r in rows(doc) if norm(r["name"]) == "成果推广应用")
    assert row["ocr_confidence"]["target"] < 0.6 < 0.9 < row["ocr_confidence"]["name"]
    warning = next(w for w in doc.warnings if "confidence below" in w["message_en"])
    assert warning["page"] == 1
    assert "「Vo」0.5" in warning["message_en"] and "line 12" in warning["message_en"]
    # Rows read from a text layer carry no confidence.
    text = jixiao.indicators(PDFS / "001_8ac005536caa6091.pdf")
    assert text["ocr_confidence"].isna().all() and text["ocr_low_cells"].isna().all()
