"""Scoring and quality from Python: jixiao.score, jixiao.score_frame and jixiao.quality. The seed values are
pinned in tests/score_seeds.rs; here they are checked through the frames, with the policies and bad input."""

from __future__ import annotations

from pathlib import Path

import hypothesis.strategies as st
import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given, settings

import jixiao

DOCS = Path(__file__).parent / "fixtures" / "documents"


@pytest.fixture(scope="module")
def seeds() -> list[jixiao.Document]:
    return jixiao.read(DOCS)


@pytest.fixture(scope="module")
def scores(seeds) -> jixiao.Scores:
    return jixiao.score(seeds)


def test_score_frames(scores):
    ind, tab = scores.indicators, scores.tables
    # Only self-evaluations are scored: 14 tables of 002, 5 of 004.
    assert tab["doc"].map(lambda d: Path(d).name[:3]).value_counts().to_dict() == {"002": 14, "004": 5}
    for col in ("completion", "standard_score", "self_score", "score_gap", "scorable", "reason"):
        assert col in ind.columns
    assert ind["status"].cat.categories.tolist() == list(jixiao.scores.STATUSES)
    assert ind["scorable"].dtype == bool and ind["inflated"].dtype == bool
    assert set(ind.loc[~ind["scorable"], "status"]) <= {"not_applicable", "unscorable"}
    assert ind.loc[ind["status"] == "scored", "standard_score"].notna().all()
    assert ind.loc[ind["status"] == "unscorable", "standard_score"].isna().all()
    for col in ("standard_total", "self_total", "standard_grade", "self_grade", "fund_score"):
        assert col in tab.columns
    assert repr(scores) == "<jixiao.Scores: 19 tables, 564 indicators, 5 inflated>"
    page = scores._repr_html_()
    assert "<table" in page and "维护维修及时性" in page and "79.24" in page


def test_the_inflated_rows(scores):
    ind = scores.indicators
    inflated = ind[ind["inflated"]]
    assert list(
        zip(
            inflated["name"], inflated["line"].tolist(), inflated["self_score"], inflated["standard_score"], strict=True
        )
    ) == [
        ("维护维修及时性", 241, 15.0, 1.5),
        ("处理实物地质资料目录清单", 428, 0.5, 0.48),
        ("测绘大院一号楼外墙脱落整修维护", 486, 2.0, 1.95),
        ("工作任务完成情况", 740, 0.4, 0.23),
        ("矿资源调查评价", 746, 0.3, 0.0),
    ]
    assert scores.tables["inflated_rows"].tolist() == [[]] * 7 + [[2]] + [[]] * 7 + [[18], [7], [], [112, 118]]
    t7 = scores.tables.iloc[7]
    assert (t7["standard_total_exact"], t7["self_total_exact"], t7["n_inflated"], t7["inflated_points"]) == (
        "79.24", "92.74", 1, 13.5,
    )  # fmt: skip


def test_unscorable_rows_carry_a_reason(scores):
    ind = scores.indicators
    row = ind[(ind["line"] == 46) & ind["doc"].str.contains("002_")].iloc[0]
    assert (row["status"], row["method"]) == ("unscorable", "target_reference")
    assert row["reason"].endswith("the target refers to another quantity")
    assert np.isnan(row["standard_score"]) and row["self_score"] == 5.0


def test_policies(seeds):
    base = jixiao.score(seeds[4])
    linear = jixiao.score(seeds[4], reverse="linear")
    uncapped = jixiao.score(seeds[2], execution_cap=False)
    assert len(base.indicators) == len(linear.indicators)
    assert uncapped.tables["fund_score"].tolist() == jixiao.score(seeds[2]).tables["fund_score"].tolist()
    with pytest.raises(ValueError, match="ratio"):
        jixiao.score(seeds[2], reverse="half")


def test_score_frame_agrees_with_score(scores):
    src = scores.indicators[["target", "actual", "weight", "self_score"]].rename(columns={"self_score": "score"})
    out = jixiao.score_frame(src)
    np.testing.assert_allclose(out["standard_score"], scores.indicators["standard_score"], equal_nan=True)
    assert (out["status"].astype(str) == scores.indicators["status"].astype(str)).all()
    assert list(out.columns[:4]) == ["target", "actual", "weight", "score"]


def test_score_frame_on_a_users_own_columns():
    df = pd.DataFrame(
        {
            "指标值": ["≥95%", "100%", "≤10次", "不超年度预算", None, "达成年度指标"],
            "实际完成值": ["98%", "10%", "15次", "8.5万元", "12", "部分达成年度指标并具有一定效果"],
            "分值": [10, 15, 5, 10, 5, 10],
            "得分": [10, 15, 5, 10, 5, 10],
            "预算": [np.nan, np.nan, np.nan, 100000.0, np.nan, np.nan],
        }
    )
    out = jixiao.score_frame(df, target="指标值", actual="实际完成值", weight="分值", score="得分", budget="预算")
    assert out["standard_score"].tolist()[:4] == [10.0, 1.5, 3.33, 10.0]
    assert out["method"].astype(str).tolist() == [
        "proportional", "proportional", "reverse", "within_budget", "no_target", "band",
    ]  # fmt: skip
    assert out["standard_score"].iloc[5] == 7.99  # 部分达成: at most 80% of the points, less a cent
    assert out["inflated"].tolist() == [False, True, True, False, False, True]
    linear = jixiao.score_frame(df, target="指标值", actual="实际完成值", weight="分值", score="得分", reverse="linear")
    assert linear["standard_score"].iloc[2] == 2.5
    lower_bands = jixiao.score_frame(df.iloc[[5]], target="指标值", actual="实际完成值", weight="分值", partial=0.5)
    assert lower_bands["standard_score"].iloc[0] == 7.99
    with pytest.raises(KeyError, match="指标"):
        jixiao.score_frame(df)
    with pytest.raises(ValueError, match="partial"):
        jixiao.score_frame(df, target="指标值", actual="实际完成值", weight="分值", partial=0.9)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.text(max_size=12), st.sampled_from(["≥95%", "100%", "≤10次", "是", "/"])),
            st.one_of(st.none(), st.text(max_size=12), st.sampled_from(["98%", "10%", "15次", "否", "不涉及"])),
            st.floats(allow_nan=True, allow_infinity=True, width=32),
            st.floats(allow_nan=True, allow_infinity=True, width=32),
        ),
        max_size=30,
    )
)
# A float32's 0.12 (0.1199999973…) was read as 0.12 cents-exact, and the full score exceeded the weight.
@example([("0", "0", float(np.float32(0.12)), 0.0)])
def test_score_frame_never_crashes_and_never_exceeds_the_weight(rows):
    df = pd.DataFrame(rows, columns=["target", "actual", "weight", "score"])
    out = jixiao.score_frame(df)
    assert len(out) == len(df)
    ok = out["standard_score"].notna() & np.isfinite(df["weight"].astype(float)) & (df["weight"] >= 0)
    assert (out.loc[ok, "standard_score"] <= df.loc[ok, "weight"].astype(float) + 1e-9).all()


def test_quality_frames(seeds):
    q = jixiao.quality(seeds)
    assert repr(q).startswith("<jixiao.Quality: 39 tables")
    assert "<table" in q._repr_html_() and "appropriateness" in q._repr_html_()
    ind, tab = q.indicators, q.tables
    assert str(ind["far_above"].dtype) == "boolean" and ind["quantified"].dtype == bool
    for col in ("completeness", "relevance", "appropriateness", "feasibility", "index"):
        assert col in tab.columns
    assert tab["index"].between(0, 100).all()
    assert tab.loc[tab["kind"] == "goal", "feasibility"].isna().all()
    assert tab.loc[tab["kind"] == "self_eval", "feasibility"].notna().all()
    row = ind[(ind["name"] == "数据备份完成率")].iloc[0]
    assert row["miscategorized"].startswith("产出") and row["level2"] == "社会效益指标"
    # A goal table has no actuals: those features are missing, not False.
    assert ind.loc[ind["doc"].str.contains("001_"), "far_above"].isna().all()
