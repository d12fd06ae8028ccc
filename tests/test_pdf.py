"""PDF text layers: the seeds as office-exported PDFs read like their text, and broken, encrypted and scanned
PDFs say what is wrong and where. The PDFs are made by tests/fixtures/pdf/make_pdfs.py (LibreOffice); the tests
need only the committed files."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

import jixiao

FIXTURES = Path(__file__).parent / "fixtures"
PDF = FIXTURES / "pdf"
SEEDS = sorted(p.stem for p in (FIXTURES / "documents").glob("*.txt"))
FIELDS = ["level1", "level2", "name", "cycle_target", "target", "actual", "weight", "score"]


def norm(value) -> str:
    """A field as the gold compares it: no white space (PDF lines wrap where the text had spaces)."""
    if value is None or value != value:
        return ""
    return "".join(unicodedata.normalize("NFKC", str(value)).split())


def rows(path: Path) -> list[tuple]:
    frame = jixiao.indicators(jixiao.read(path))
    frame = frame[~frame["placeholder"]]
    return [tuple(norm(v) for v in r) for r in frame[FIELDS].itertuples(index=False)]


def gold(seed: str) -> list[dict]:
    path = FIXTURES / "reader_gold" / f"{seed}.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in records if r["type"] == "indicator" and not r.get("placeholder")]


def test_seed_pdfs_read_every_row_of_the_gold():
    """The seed PDFs are LibreOffice exports of the seeds' gold tables: every row comes back, in order, and at
    least 99% of the fields the gold gives agree (compared as ../shared/corpus/check.py compares them)."""
    compared = agree = 0
    for seed in SEEDS:
        want, have = gold(seed), rows(PDF / f"{seed}.pdf")
        assert [norm(r["name"]) for r in want] == [r[2] for r in have], seed
        for g, r in zip(want, have, strict=True):
            for field, value in zip(FIELDS, r, strict=True):
                if g.get(field) is None or field == "name":
                    continue
                compared += 1
                same = norm(g[field]) == value
                if field in ("weight", "score") and not same and value:
                    same = float(norm(g[field]).rstrip("分%")) == float(value)
                if field in ("level1", "level2") and "UNCERTAIN" in str(g.get("notes") or ""):
                    same = True
                agree += same
    assert agree >= 0.99 * compared, (agree, compared)


def test_a_pdf_document_says_it_is_one_and_where_its_rows_are():
    doc = jixiao.read(PDF / "003_4ea89972e077d80e.pdf")
    assert doc.layout == "pdf"
    assert jixiao.tables(doc)["project"].tolist() == ["自然资源事务专项资金-自然资源保护与利用-国土空间规划"]
    alloc = jixiao.allocations(doc)
    assert alloc["project"].iloc[0] == "生态保护红线落桩定界工作研究及部署"
    assert alloc["amount"].notna().sum() == 6
    # Every location of a PDF names its page.
    assert {u["page"] for u in doc.unread} <= {1}


def test_a_table_over_pages_keeps_its_rows_and_drops_its_repeated_header():
    one = rows(PDF / "unruled.pdf")
    over = rows(PDF / "two_pages.pdf")
    assert len(over) == 3 * len(one) == 54
    assert not any("三级指标" in r[2] for r in over)


@pytest.mark.parametrize("name", ["unruled", "landscape", "owner_only", "rotated_90", "rotated_180", "rotated_270"])
def test_unruled_landscape_rotated_and_owner_password_pdfs_read_the_table(name):
    assert rows(PDF / f"{name}.pdf") == rows(PDF / "two_pages.pdf")[:18]


@pytest.fixture
def without_ocr(monkeypatch):
    """The behaviour without the ocr extra (tests/test_ocr.py covers reading scans with it)."""
    monkeypatch.setattr(jixiao.ocr, "available", lambda: False)


def test_a_scan_is_a_read_error_naming_its_pages(without_ocr):
    with pytest.raises(jixiao.ReadError, match=r"no text layer: page 1 is an image and needs OCR"):
        jixiao.read(PDF / "scan.pdf")


def test_a_scanned_page_after_text_pages_is_a_warning_with_its_page(without_ocr):
    doc = jixiao.read(PDF / "text_then_scan.pdf")
    assert len(rows(PDF / "text_then_scan.pdf")) == 18
    [warning] = [w for w in doc.warnings if "OCR" in w["message_en"]]
    assert warning["message_en"].startswith("page 2:") and warning["page"] == 2
    frame = jixiao.read_warnings(doc)
    assert frame.loc[frame["message_en"].str.contains("OCR"), "page"].tolist() == [2]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("encrypted", "encrypted and needs a password"),
        ("truncated", "damaged or truncated"),
        ("no_unicode_map", "text on page 1 cannot be mapped to Unicode"),
    ],
)
def test_encrypted_truncated_and_unmappable_pdfs_are_read_errors(name, message):
    with pytest.raises(jixiao.ReadError, match=message) as caught:
        jixiao.read(PDF / f"{name}.pdf")
    assert f"{name}.pdf" in str(caught.value)


def test_a_folder_reads_its_pdfs_and_names_the_scans(tmp_path, without_ocr):
    for name in ("003_4ea89972e077d80e.pdf", "scan.pdf"):
        (tmp_path / name).write_bytes((PDF / name).read_bytes())
    with pytest.warns(UserWarning, match="scan.pdf.*no text layer"):
        docs = jixiao.read(tmp_path, errors="warn")
    assert [Path(d.source).name for d in docs] == ["003_4ea89972e077d80e.pdf"]
