"""Chinese numerals against a public test suite: cn2an's own tables (strict, normal and smart readings) and its
renderer (an2cn), which writes numbers the way a third party writes them. Skips without cn2an (test extra)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import jixiao

cn2an = pytest.importorskip("cn2an", reason="cn2an is a test extra: pip install '.[test]'")
from cn2an.cn2an_test import Cn2anTest  # noqa: E402

# Deliberate disagreements, each with its reason.
DISAGREE = {
    "一": "alone in a cell, 一 is a dash typed with the IME (an empty marker), not the number one",
}


def _suite() -> dict[str, float]:
    case = Cn2anTest()
    case.setUp()
    table: dict[str, float] = {}
    for name in ("strict_data_dict", "normal_data_dict", "smart_data_dict"):
        table.update(getattr(case, name))
    return table


SUITE = _suite()


@pytest.mark.parametrize("text", sorted(SUITE), ids=sorted(SUITE))
def test_cn2an_suite(text: str) -> None:
    v = jixiao.parse_value(text)
    if text in DISAGREE:
        assert v.value is None, DISAGREE[text]
        return
    assert v.value is not None, (text, v)
    assert float(v.value) == pytest.approx(SUITE[text], rel=1e-12, abs=1e-15)


def test_the_suite_is_large() -> None:
    assert len(SUITE) >= 130


@given(st.integers(min_value=2, max_value=10**15), st.sampled_from(["low", "up"]))
def test_an2cn_renderings_read_back(n: int, mode: str) -> None:
    text = cn2an.an2cn(n, mode)
    assert jixiao.parse_value(text + "个").value == Decimal(n), text


@given(st.decimals(min_value=0, max_value=10**8, places=3, allow_nan=False, allow_infinity=False))
def test_an2cn_decimals_read_back(d: Decimal) -> None:
    text = cn2an.an2cn(str(d), "low")
    assert jixiao.parse_value(text + "元").value == d.normalize(), text
