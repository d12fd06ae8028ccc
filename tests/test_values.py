"""parse_value / parse_values against the hand-labelled values of the five seed documents, and the edges."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

import jixiao
from conftest import load_value_gold

GOLD = load_value_gold()
FIELDS = ("kind", "op", "value", "low", "high", "unit", "date", "duration_s", "level", "per", "ref")


def _close(got, want) -> bool:
    if want is None:
        return got is None
    return got is not None and math.isclose(float(got), want, rel_tol=1e-9, abs_tol=1e-12)


def _as_gold(v: jixiao.Value) -> dict:
    return {
        "kind": v.kind,
        "op": v.op,
        "value": v.value,
        "low": v.low,
        "high": v.high,
        "unit": v.unit,
        "date": v.date.isoformat() if v.date else None,
        "duration_s": v.duration_s,
        "level": v.level,
        "qual": list(v.qual),
        "per": v.per,
        "ref": v.ref,
    }


@pytest.mark.parametrize("gold", GOLD, ids=[g["text"] for g in GOLD])
def test_gold_value(gold: dict) -> None:
    got = _as_gold(jixiao.parse_value(gold["text"]))
    for field in ("value", "low", "high", "duration_s"):
        assert _close(got[field], gold[field]), (field, got[field], gold[field])
    for field in ("kind", "op", "unit", "date", "level"):
        assert got[field] == gold[field], (field, got[field], gold[field])
    assert got["qual"] == gold.get("qual", [])
    assert got["per"] == gold.get("per")
    assert got["ref"] == gold.get("ref")


def test_gold_through_the_bulk_path_matches_row_by_row() -> None:
    df = jixiao.parse_values([g["text"] for g in GOLD])
    assert list(df.columns) == list(jixiao.VALUE_COLUMNS)
    assert len(df) == len(GOLD) == 580
    for row, gold in zip(df.itertuples(index=False), GOLD, strict=True):
        assert row.text == gold["text"]
        assert row.kind == gold["kind"]
        assert (row.op if isinstance(row.op, str) else None) == gold["op"]
        assert (row.unit if isinstance(row.unit, str) else None) == gold["unit"]
        assert (None if pd.isna(row.date) else row.date.date().isoformat()) == gold["date"]
        for field in ("value", "low", "high", "duration_s"):
            got = getattr(row, field)
            assert (gold[field] is None and math.isnan(got)) or math.isclose(got, gold[field], rel_tol=1e-9)
        assert (row.qual if isinstance(row.qual, str) else None) == (
            ",".join(gold["qual"]) if gold.get("qual") else None
        )
        assert (row.per if isinstance(row.per, str) else None) == gold.get("per")
        assert (row.ref if isinstance(row.ref, str) else None) == gold.get("ref")


def test_exact_numbers_are_decimals() -> None:
    v = jixiao.parse_value("0.00000013 %")
    assert v.value == Decimal("0.00000013")
    assert jixiao.parse_value("≤15585.91 万元").value == Decimal("155859100")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("十二个月", ("duration", "=", 31104000)),
        ("不少于三次", ("number", ">=", 3)),
        ("百分之九十", ("number", "=", 90)),
        ("两个", ("number", "=", 2)),
        ("４，６７１．２３万元", ("number", "=", 46712300)),
        ("≥ 1,000 人", ("number", ">=", 1000)),
        ("&gt;=90%", ("number", ">=", 90)),
        ("12次/年", ("number", "=", 12)),
        ("10个工作日内", ("duration", "<=", 864000)),
        ("300余人", ("number", ">", 300)),
        ("80%-90%", ("range", None, None)),
        ("¥100万", ("number", "=", 1000000)),
        ("人民币500万元", ("number", "=", 5000000)),
    ],
)
def test_forms_beyond_the_gold(text: str, expected: tuple) -> None:
    v = jixiao.parse_value(text)
    assert (v.kind, v.op) == expected[:2]
    if expected[2] is not None:
        assert v.value == expected[2]


def test_dates_in_common_forms() -> None:
    assert jixiao.parse_value("2024-06-30").date == dt.date(2024, 6, 30)
    assert jixiao.parse_value("2024.6.30前").op == "<="
    assert jixiao.parse_value("2024年第三季度").date == dt.date(2024, 9, 30)
    assert jixiao.parse_value("2024年上半年").date == dt.date(2024, 6, 30)
    v = jixiao.parse_value("12月31日前")
    assert (v.kind, v.op, v.date) == ("date", "<=", None)


def test_empty_markers_and_unknown() -> None:
    for text in ["", "   ", "/", "—", "——", "无", "不涉及", "N/A"]:
        assert jixiao.parse_value(text).kind == "none", text
    for text in ["###", "T+1", "X X W. X.", "x" * 5000]:
        assert jixiao.parse_value(text).kind == "unknown", text


def test_non_strings_are_type_errors() -> None:
    with pytest.raises(TypeError, match="takes a str, not int"):
        jixiao.parse_value(5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="item 1 is float"):
        jixiao.parse_values(["1", 2.0])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        jixiao.parse_values("≥95%")  # a str is not a list of cells


def test_bulk_keeps_order_index_and_every_row() -> None:
    texts = pd.Series(["≥95%", "odd ###", "", "2024年底"], index=[10, 11, 12, 13])
    df = jixiao.parse_values(texts)
    assert list(df.index) == [10, 11, 12, 13]
    assert df["kind"].tolist() == ["number", "unknown", "none", "date"]
    assert jixiao.parse_values([]).shape == (0, len(jixiao.VALUE_COLUMNS))
    assert len(jixiao.parse_values(np.array(["1个", "2个"], dtype=object))) == 2


def test_parallel_path_matches_serial() -> None:
    texts = [g["text"] for g in GOLD] * 60  # 34,800 rows: above the parallel threshold
    big = jixiao.parse_values(texts)
    small = jixiao.parse_values(texts[:580])
    assert len(big) == len(texts)
    for col in ("kind", "unit", "ref", "op"):
        assert big[col].astype(object).iloc[-580:].reset_index(drop=True).equals(small[col].astype(object))
    np.testing.assert_array_equal(big["value"].to_numpy()[-580:], small["value"].to_numpy())


def test_value_repr_and_equality() -> None:
    v = jixiao.parse_value("≥95%")
    assert repr(v) == 'Value("≥95%": kind="number", op=">=", value=95, unit="%")'
    assert v == jixiao.parse_value("≥95%")
    assert v != jixiao.parse_value("≥96%")


def test_year_fills_dates_written_without_one() -> None:
    assert jixiao.parse_value("12月31日前").date is None
    assert jixiao.parse_value("12月31日前", year=2024).date == dt.date(2024, 12, 31)
    texts = ["12月31日前", "6月底前完成", "≥95%", "12月31日前"]
    df = jixiao.parse_values(texts, year=pd.Series([2024, 2023, None, np.nan]))
    assert [None if pd.isna(d) else d.date() for d in df["date"]] == [
        dt.date(2024, 12, 31),
        dt.date(2023, 6, 30),
        None,
        None,
    ]
    assert jixiao.parse_values(texts, year=2022)["date"].iloc[1].date() == dt.date(2022, 6, 30)
    printed = jixiao.parse_values(texts, year=["2024年度", "2023年", None, "未知"])
    assert [None if pd.isna(d) else d.year for d in printed["date"]] == [2024, 2023, None, None]
    with pytest.raises(ValueError, match="3 years for 4 texts"):
        jixiao.parse_values(texts, year=[2024, 2024, 2024])
    with pytest.raises(ValueError, match="position 1 is not a year"):
        jixiao.parse_values(texts, year=[2024, 202400, 2024, 2024])


def test_annotation_and_ocr_repair_are_columns() -> None:
    df = jixiao.parse_values(["100%(历史标准)", "≥95%;以抽查结果为准", "290%", "200%"])
    assert df["annotation"].astype(object).where(df["annotation"].notna(), None).tolist() == [
        "历史标准",
        "以抽查结果为准",
        None,
        None,
    ]
    assert df["ocr_repaired"].tolist() == [False, False, True, False]
    assert df["value"].tolist() == [100.0, 95.0, 90.0, 200.0]
    v = jixiao.parse_value("290%")
    assert (v.op, v.value, v.ocr_repaired) == (">=", Decimal(90), True)
    assert "ocr_repaired=True" in repr(v)
    assert jixiao.parse_value("100%(历史标准)").to_dict()["annotation"] == "历史标准"


def test_repeated_texts_are_read_like_distinct_ones() -> None:
    # 50,000 rows of 580 distinct texts go through the parse-each-distinct-once path.
    texts = [g["text"] for g in GOLD] * 87
    df = jixiao.parse_values(texts)
    one_by_one = [jixiao.parse_value(t) for t in texts[:580]]
    assert df["kind"].astype(str).tolist()[-580:] == [v.kind for v in one_by_one]
    assert df["unit"].astype(object).where(df["unit"].notna(), None).tolist()[-580:] == [v.unit for v in one_by_one]


def test_text_column_without_pyarrow_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    from jixiao import values

    texts = ["≥95%", "是", "", "2024年底", "≥95%"]
    fast = jixiao.parse_values(texts)
    monkeypatch.setattr(values, "_arrow_text_dtype", lambda: None)
    plain = jixiao.parse_values(texts)
    assert fast["text"].tolist() == plain["text"].tolist() == texts
