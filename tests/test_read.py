"""The readers from Python: jixiao.read / read_text, the Document object, and the indicator, table and allocation
frames, checked against the hand-checked reader gold of the five seeds (tests/fixtures/reader_gold)."""

from __future__ import annotations

import json
import warnings
from decimal import Decimal
from pathlib import Path

import hypothesis.strategies as st
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings

import jixiao

FIXTURES = Path(__file__).parent / "fixtures"
DOCS = FIXTURES / "documents"
SEEDS = sorted(p.stem for p in DOCS.glob("*.txt"))


def gold(seed: str) -> list[dict]:
    path = FIXTURES / "reader_gold" / f"{seed}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def docs() -> dict[str, jixiao.Document]:
    return {s: jixiao.read(DOCS / f"{s}.txt") for s in SEEDS}


@pytest.mark.parametrize("seed", SEEDS)
def test_every_table_and_row_of_the_gold_is_found(docs, seed):
    g = gold(seed)
    doc = docs[seed]
    assert doc.n_tables == sum(r["type"] == "table" for r in g)
    assert doc.n_indicators == sum(r["type"] == "indicator" for r in g)
    alloc_rows = sum(len(r["rows"]) for r in g if r["type"] == "allocation")
    assert len(jixiao.allocations(doc)) == alloc_rows
    rows = doc.rows
    assert rows["placed"] + rows["unread"] == rows["table_rows"]
    assert rows["unread"] == len(doc.unread)


def _squeeze(x):
    if x is None or (isinstance(x, float) and np.isnan(x)):
        return None
    return "".join(str(x).split()) or None


@pytest.mark.parametrize("seed", SEEDS)
def test_indicator_frame_matches_the_gold(docs, seed):
    """Field by field on the frame (white space ignored, UNCERTAIN category readings accepted)."""
    df = jixiao.indicators(docs[seed]).set_index(["table", "row"])
    fields = ["level1", "level2", "name", "cycle_target", "target", "actual", "deviation"]
    total = right = 0
    for g in (r for r in gold(seed) if r["type"] == "indicator"):
        ours = df.loc[(g["table_index"], g["row"])]
        for f in [*fields, "weight", "score", "placeholder"]:
            total += 1
            if f in ("level1", "level2") and "UNCERTAIN" in (g["notes"] or ""):
                right += 1
            elif f in ("weight", "score"):
                right += (g[f] is None and np.isnan(ours[f])) or (g[f] is not None and float(g[f]) == ours[f])
            elif f == "placeholder":
                right += bool(ours[f]) == g[f]
            else:
                right += _squeeze(ours[f]) == _squeeze(g[f])
    assert right / total >= 0.98, f"{right}/{total}"


def test_frame_columns_and_dtypes(docs):
    df = jixiao.indicators(list(docs.values()))
    assert tuple(df.columns) == jixiao.INDICATOR_COLUMNS
    assert len(df) == 686
    assert isinstance(df["level1"].dtype, pd.CategoricalDtype)
    assert df["weight"].dtype == np.float64 and df["placeholder"].dtype == bool
    assert df["placeholder"].sum() == 59  # the gold's placeholder rows


def test_real_values_from_seed_004(docs):
    """附件 2-2 r9 (line 295): a score below its weight, with its deviation note."""
    df = jixiao.indicators(docs["004_717b51cf7e2c8e2d"])
    row = df[(df.table == 0) & (df.row == 9)].iloc[0]
    assert row["name"] == "测绘大院一号楼外墙脱落整修维护"
    assert (row["target"], row["actual"]) == ("5400 m ²", "2629.88 m ²")
    assert (row["weight"], row["score"]) == (0.5, 0.25)
    assert row["deviation"].startswith("偏差原因: 在进行预算评估时")
    assert (row["target_kind"], row["target_value"], row["target_unit"]) == ("number", 5400.0, "m²")
    assert row["line"] == 295
    # A cell broken over a page break (lines 372 + 374) is joined.
    r81 = df[(df.table == 0) & (df.row == 81)].iloc[0]
    assert (r81["name"], r81["target"], r81["actual"]) == ("自然资源重大专项业务", "≤16389.72万元", "15433.32 万元")


def test_tables_frame(docs):
    t = jixiao.tables(docs["002_64eb690d41cac579"])
    assert len(t) == 14
    first = t.iloc[1]
    assert (first["project"], first["code"], first["year"]) == ("党组织建设", "440300221111562000383", "2024")
    assert first["executed_yuan_exact"] == "18256.90" and first["execution_rate"] == 39.94
    assert t["printed_total_score"].isna().sum() == 1  # T6 prints 总分 without numbers
    hunan = jixiao.tables(docs["004_717b51cf7e2c8e2d"])
    assert hunan.iloc[0]["money_unit"] == "万元" and hunan.iloc[0]["executed_yuan"] == 1146785100.0


def test_allocations_frame(docs):
    a = jixiao.allocations(docs["003_4ea89972e077d80e"])
    assert a["unit"].tolist() == ["省自然资源厅"] * 4 + ["省土地调查规划院"] * 2  # merged cells carried down
    assert a["amount"].tolist() == ["300", "200", "200", "200", "2500", "500"]
    assert set(a["printed_total"]) == {"3900"}


def test_json_round_trip(docs):
    for doc in docs.values():
        again = jixiao.Document.from_json(doc.to_json())
        assert again == doc
    with pytest.raises(jixiao.ReadError):
        jixiao.Document.from_json('{"tables": [')


def test_documents_validate_against_the_shipped_schema(docs):
    jsonschema = pytest.importorskip("jsonschema")
    schema = jixiao.document_schema()
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    validator.check_schema(schema)
    excel = jixiao.read(FIXTURES / "workbooks" / "self_eval_002_t1.xlsx")
    for doc in [*docs.values(), excel]:
        errors = list(validator.iter_errors(json.loads(doc.to_json())))
        assert not errors, (doc.source, errors[:3])
    # Money is exact: an amount written as a JSON number, or an unknown category, is not a valid document.
    bad = json.loads(docs["002_64eb690d41cac579"].to_json())
    bad["tables"][1]["funds"]["total"]["executed"]["amount"] = 18256.9
    assert not validator.is_valid(bad)
    bad = json.loads(docs["004_717b51cf7e2c8e2d"].to_json())
    bad["tables"][0]["indicators"][0]["level1"] = "产出"
    assert not validator.is_valid(bad)


def test_json_file_is_read_back(tmp_path, docs):
    doc = docs["003_4ea89972e077d80e"]
    path = tmp_path / "doc.json"
    path.write_text(doc.to_json(), encoding="utf-8")
    assert jixiao.read(path) == doc


def test_encodings_are_detected(tmp_path, docs):
    text = (DOCS / "002_64eb690d41cac579.txt").read_text(encoding="utf-8")
    for enc, name in [("gb18030", "gb18030"), ("utf-16", "utf-16le"), ("utf-8-sig", "utf-8-bom")]:
        path = tmp_path / f"seed.{enc}.txt"
        path.write_bytes(text.encode(enc))
        doc = jixiao.read(path)
        assert doc.encoding == name
        assert (
            jixiao.indicators(doc)
            .drop(columns="doc")
            .equals(jixiao.indicators(docs["002_64eb690d41cac579"]).drop(columns="doc"))
        )


@pytest.mark.parametrize(
    ("content", "fragment"),
    [(b"", "empty"), (b"\x00\x01\x02\x03binary\x00\x00" * 10, "NUL"), (b"abc\x80\xff\x80\xff" * 50, "encoding")],
)
def test_bad_files_raise_read_error_naming_the_file(tmp_path, content, fragment):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(jixiao.ReadError) as err:
        jixiao.read(path)
    assert isinstance(err.value, ValueError)
    assert "bad.txt" in str(err.value) and fragment in str(err.value)


def test_missing_file_and_error_policies(tmp_path):
    good = DOCS / "003_4ea89972e077d80e.txt"
    missing = tmp_path / "nope.txt"
    with pytest.raises(jixiao.ReadError, match=r"nope\.txt"):
        jixiao.read([good, missing])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        got = jixiao.read([good, missing], errors="warn")
    assert len(got) == 1 and "nope.txt" in str(caught[0].message)
    assert len(jixiao.read([good, missing], errors="skip")) == 1
    with pytest.raises(ValueError):
        jixiao.read(good, errors="ignore")


WORKBOOKS = FIXTURES / "workbooks"


@pytest.mark.parametrize("name", ["002_64eb690d41cac579.xlsx", "002_64eb690d41cac579.xls", "002_64eb690d41cac579.csv"])
def test_workbooks_and_csv_give_the_frame_of_the_text(docs, name):
    # The fixture holds seed 002 cell for cell (tests/fixtures/workbooks/make_workbooks.py).
    doc = jixiao.read(WORKBOOKS / name)
    assert doc.layout == ("csv" if name.endswith(".csv") else "workbook")
    pd.testing.assert_frame_equal(
        jixiao.indicators(doc).drop(columns="doc"),
        jixiao.indicators(docs["002_64eb690d41cac579"]).drop(columns="doc"),
    )


def test_word_documents_give_the_frame_of_the_text(docs):
    # tests/fixtures/word/make_word.py: seed 004 block for block as a .docx.
    doc = jixiao.read(FIXTURES / "word" / "004_717b51cf7e2c8e2d.docx")
    assert doc.layout == "docx"
    pd.testing.assert_frame_equal(
        jixiao.indicators(doc).drop(columns="doc"),
        jixiao.indicators(docs["004_717b51cf7e2c8e2d"]).drop(columns="doc"),
    )
    merged = jixiao.indicators(jixiao.read(FIXTURES / "word" / "self_eval_002_t1.docx"))
    assert merged["level2"].tolist()[:3] == ["数量指标"] * 3 and len(merged) == 12


def test_unreadable_formats_are_named_not_passed_over(tmp_path, monkeypatch):
    # Without the ocr extra, images are among them (tests/test_ocr.py reads them with it).
    monkeypatch.setattr(jixiao.ocr, "available", lambda: False)
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    with pytest.raises(jixiao.ReadError, match="damaged or truncated"):
        jixiao.read(pdf)
    pdf.unlink()
    # In a folder, the documents jixiao cannot read are counted in a warning with what to do.
    (tmp_path / "scan.png").write_bytes(b"\x89PNG")
    (tmp_path / "doc.txt").write_text((DOCS / "003_4ea89972e077d80e.txt").read_text(encoding="utf-8"), encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        docs = jixiao.read(tmp_path)
    assert [d.n_tables for d in (docs if isinstance(docs, list) else [docs])] == [1]
    messages = [str(w.message) for w in caught]
    assert any("skipped 1 .png file(s)" in m and "install jixiao[ocr]" in m for m in messages), messages
    # Office lock files and hidden files in a folder are not documents.
    (tmp_path / "~$doc.docx").write_bytes(b"\x05owner")
    (tmp_path / ".hidden.txt").write_bytes(b"\x00\x01")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        again = jixiao.read(tmp_path)
    assert [d.source for d in (again if isinstance(again, list) else [again])] == [str(tmp_path / "doc.txt")]


def test_broken_and_old_word_files_are_read_errors(tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes((FIXTURES / "word" / "003_4ea89972e077d80e.docx").read_bytes()[:3000])
    with pytest.raises(jixiao.ReadError, match=r"broken\.docx"):
        jixiao.read(broken)
    # An old binary .doc is an OLE file, like .xls: the message says to save it as .docx.
    old = tmp_path / "old.doc"
    old.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 512 + "WordDocument".encode("utf-16-le"))
    with pytest.raises(jixiao.ReadError, match="docx"):
        jixiao.read(old)


def test_excel_layout_with_merged_categories():
    frame = jixiao.indicators(jixiao.read(WORKBOOKS / "self_eval_002_t1.xlsx"))
    # Gold of seed 002 table 1: the categories sit in merged cells, their text in the top cell only.
    assert frame["level2"].tolist()[:6] == ["数量指标"] * 3 + ["质量指标", "时效指标", "成本指标"]
    assert frame["level1"].astype(str).value_counts().to_dict() == {"产出指标": 6, "效益指标": 4, "满意度指标": 2}
    # 90 points of indicators; the other 10 are the budget execution rate (3.99 of them scored: total 93.99).
    assert frame["weight"].sum() == 90 and frame["score"].sum() == 90
    assert frame.loc[1, ["name", "target", "actual"]].tolist() == ["组织党员活动次数", "≥4次", "8"]
    assert jixiao.tables(jixiao.read(WORKBOOKS / "self_eval_002_t1.xlsx"))["project"].tolist() == ["党组织建设"]


def test_folder_reading_picks_up_workbooks():
    docs = jixiao.read(WORKBOOKS)
    assert sorted(Path(d.source).suffix for d in docs) == sorted(
        p.suffix for p in WORKBOOKS.iterdir() if p.suffix in jixiao.documents.DOCUMENT_SUFFIXES
    )


def test_broken_workbook_is_a_read_error(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes((WORKBOOKS / "003_4ea89972e077d80e.xlsx").read_bytes()[:2000])
    with pytest.raises(jixiao.ReadError, match=r"broken\.xlsx"):
        jixiao.read(path)


def test_folders_globs_and_progress():
    calls = []
    docs = jixiao.read(DOCS, progress=lambda done, total: calls.append((done, total)))
    assert [d.source.endswith(".txt") for d in docs] == [True] * 5
    assert calls and calls[-1] == (5, 5)
    assert len(jixiao.read(str(DOCS / "00[01]_*.txt"))) == 2


def test_read_text_keeps_what_it_cannot_place():
    doc = jixiao.read_text(
        "绩效目标申报表\n项目名称\t示例项目\n一级指标\t二级指标\t三级指标\t指标值\n"
        "产出指标\t数量指标\t培训人次\t≥100人次\n\t\t\t\n效益指标\t社会效益指标\t群众知晓率\t≥90%\n"
        "项目编码\n"
    )
    assert doc.n_tables == 1
    assert [u["line"] for u in doc.unread] == [7]  # the stray label, with its reason
    df = jixiao.indicators(doc)
    assert df["name"].tolist() == ["培训人次", "群众知晓率"]
    assert df["target_value"].tolist() == [100.0, 90.0]
    stray = jixiao.read_text("附件\n甲\t乙\t丙\n")
    assert stray.n_tables == 0 and len(stray.unread) == 1 and "outside" in stray.unread[0]["reason"]


def test_exact_decimals_survive_in_json(docs):
    doc = json.loads(docs["002_64eb690d41cac579"].to_json())
    executed = doc["tables"][1]["funds"]["total"]["executed"]
    assert Decimal(executed["amount"]) == Decimal("18256.90") and executed["unit"] == "元"


GRID_CELLS = [
    "", "产出指标", "数量指标", "(30分)", "总分", "10", "0.5", "≥95%", "项目编码:", "4403", "年度资金总额",
    "自评表", "不涉及", "_", "一级指标", "二级指标", "三级指标", "实际完成值", "分值", "得分", "名称", "序号", "金额",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(GRID_CELLS), max_size=10), max_size=30))
def test_any_grid_reads_without_crashing_and_accounts_for_rows(grid):
    text = "\n".join("\t".join(row) for row in grid)
    doc = jixiao.read_text(text)
    rows = doc.rows
    assert rows["placed"] + rows["unread"] == rows["table_rows"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_reads_without_crashing(text):
    jixiao.read_text(text)
