"""The quality index against the expert grades in ``../shared/quality`` (RUBRIC.md there): the agreement left out
one document at a time, as floors, so a change that loses agreement fails here; and the shipped grade model is
the one the fit reproduces. Skipped with a message when the grades are not beside the project."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import jixiao
from jixiao import validation

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GRADES = SHARED / "quality"
DOCS = [SHARED / "corpus" / "docs", SHARED / "seeds"]

needs_grades = pytest.mark.skipif(
    not (GRADES / "indicators.jsonl").is_file(), reason=f"the expert grades are not at {GRADES} (../shared/quality)"
)


@pytest.fixture(scope="module")
def seeds() -> list[jixiao.Document]:
    return jixiao.read(ROOT / "tests" / "fixtures" / "documents")


@pytest.fixture(scope="module")
def corpus():
    return validation.Corpus(validation.Grades.load(GRADES), DOCS)


@needs_grades
def test_agreement_left_out_one_document_at_a_time(corpus):
    rows, tables = validation.cross_validate(corpus)
    assert len(rows) >= 0.95 * len(corpus.grades.rows)
    f = validation.report(rows, tables, bootstrap=0).figures
    value = {k: v[0] for k, v in f.items()}
    # The row targets (kappa ≥0.6 measurable, unit, easy; ≥0.4 miscategorized; Spearman ≥0.6 row grade)
    # are met; the floors sit a little under the figures docs/quality.md reports.
    assert value["measurable, kappa"] >= 0.70
    assert value["unit, kappa"] >= 0.95
    assert value["easy, kappa"] >= 0.80
    assert value["miscategorized, kappa"] >= 0.60
    assert value["row grade (whole), Spearman"] >= 0.83
    assert value["table completeness, Spearman"] >= 0.85
    # The table figures rest on 34 tables, and four rows' grades move them by up to 0.06 (docs/quality.md).
    # Relevance (0.67, target 0.5) and the index (0.73, target 0.7; 0.80 in-sample) meet their targets;
    # appropriateness (0.52) has none. Floors against losing more.
    assert value["table relevance, Spearman"] >= 0.62
    assert value["table appropriateness, Spearman"] >= 0.48
    assert value["table index ~ mean of three, Spearman"] >= 0.70


@needs_grades
def test_the_shipped_model_is_the_fit_on_all_grades(corpus):
    shipped = json.loads((ROOT / "src" / "score" / "grade_model.json").read_text(encoding="utf-8"))
    refit = validation.fit(corpus, note=shipped["fitted_on"])
    assert refit["row"] == shipped["row"]
    for name, lin in refit["tables"].items():
        assert lin["weights"] == pytest.approx(shipped["tables"][name]["weights"], rel=1e-4), name
        assert lin["intercept"] == pytest.approx(shipped["tables"][name]["intercept"], rel=1e-4), name


def test_a_model_of_ones_own_changes_the_grades(seeds):
    model = {"row": {"base": {f: 5.0 for f in validation.FORMS}}}
    q = jixiao.quality(seeds, model=model)
    # No caps and no penalties: every row is a 5, and the index falls back to the 0.1 formula.
    assert (q.indicators["grade"] == 5).all()
    shipped = jixiao.quality(seeds)
    assert set(shipped.indicators["grade"]) == {1, 2, 3, 4, 5}
    assert shipped.indicators["grade_score"].between(1, 5).all()
    with pytest.raises(ValueError, match="quantty"):
        jixiao.quality(seeds, model={"row": {"base": {"quantty": 4}}})


def test_validation_statistics():
    assert validation.spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert validation.spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    assert validation.kappa([True, False, True, False], [True, False, True, False]) == pytest.approx(1.0)
    # Agreement no better than chance: kappa 0.
    assert validation.kappa([True, True, False, False], [True, False, True, False]) == pytest.approx(0.0)
    assert validation.name_key(" ★指标1:培训 人次") == "培训人次"
