"""Checks from Python: jixiao.check, the rule catalogue, the profiles, and the ``jixiao check`` / ``jixiao rules``
commands. The findings on the seeds are pinned in tests/check_seeds.rs; here they are checked through the frame."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

import jixiao
from jixiao.cli import main

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "tests" / "fixtures" / "documents"
RULES_DIR = ROOT / "tests" / "fixtures" / "rules"


def _toml(text: str) -> dict:
    """The two keys of an expect.toml (tomllib is Python 3.11+; the package supports 3.10)."""
    lines = re.search(r"^lines = (\[.*\])$", text, re.M)
    profile = re.search(r'^profile = "(.*)"$', text, re.M)
    name = re.search(r'^name = "(.*)"$', text, re.M)
    return {
        "lines": json.loads(lines.group(1)) if lines else None,
        "profile": profile.group(1) if profile else None,
        "name": name.group(1) if name else None,
    }


@pytest.fixture(scope="module")
def seeds() -> list[jixiao.Document]:
    return jixiao.read(DOCS)


def test_findings_frame_columns_and_dtypes(seeds):
    frame = jixiao.check(seeds)
    assert list(frame.columns) == list(jixiao.checks.FINDING_COLUMNS)
    assert frame["severity"].cat.ordered and list(frame["severity"].cat.categories) == list(jixiao.SEVERITIES)
    for col in ("table", "row", "line"):
        assert str(frame[col].dtype) == "Int64"
    assert frame["values"].map(type).eq(dict).all()
    counts = frame.groupby(frame["doc"].map(lambda d: Path(d).name[:3]))["code"].count().to_dict()
    # The per-seed counts the README reports (each finding reviewed in tests/check_seeds.rs).
    assert counts == {"000": 1, "001": 8, "002": 29, "003": 2, "004": 59}


def test_the_inflated_self_score_of_seed_002(seeds):
    # 维护维修及时性: target 100%, actual 10%, scored 15 of 15 (seed 002 line 241).
    frame = jixiao.check(seeds[2], select=["S101"])
    assert len(frame) == 1
    f = frame.iloc[0]
    assert (f["code"], f["severity"], int(f["table"]), int(f["row"]), f["field"], int(f["line"])) == (
        "S101", "error", 7, 2, "score", 241,
    )  # fmt: skip
    assert f["values"] == {
        "name": "维护维修及时性",
        "target": "100%",
        "actual": "10%",
        "completion": "10%",
        "score": "15",
        "weight": "15",
    }
    assert f["message_zh"] == "指标「维护维修及时性」实际完成 10%，未达指标值 100%（完成 10%），却得满分 15/15"
    assert f["profile"] == "central"


def test_select_ignore_and_unknown_codes(seeds):
    only = jixiao.check(seeds, select=["I104", "T101"])
    assert set(only["code"]) == {"I104", "T101"}
    rest = jixiao.check(seeds, ignore=["S104"])
    assert "S104" not in set(rest["code"]) and len(rest) == len(jixiao.check(seeds)) - 57
    with pytest.raises(ValueError, match="X999"):
        jixiao.check(seeds, select=["X999"])


def test_check_accepts_paths():
    frame = jixiao.check(DOCS / "003_4ea89972e077d80e.txt")
    assert frame["code"].tolist() == ["H104", "H104"]
    assert frame["line"].tolist() == [38, 40]


def test_rules_catalogue_has_docs_and_fixtures():
    catalogue = jixiao.rules()
    assert catalogue["code"].is_unique and len(catalogue) >= 29
    for r in catalogue.itertuples():
        assert r.doc and r.source and r.title_zh and r.title_en, r.code
        assert (RULES_DIR / r.code / "expect.toml").is_file(), r.code
        assert any((RULES_DIR / r.code).glob("fail.*")) and any((RULES_DIR / r.code).glob("pass.*")), r.code
        assert (ROOT / "docs" / "rules" / f"{r.code}.md").is_file(), r.code
    # Every rule group the issue names is present.
    assert {c[0] for c in catalogue["code"]} == set("HIMSTW")


@pytest.mark.parametrize("code", sorted(p.name for p in RULES_DIR.iterdir()))
def test_rule_fixtures_through_python(code):
    expect = _toml((RULES_DIR / code / "expect.toml").read_text(encoding="utf-8"))
    profile = expect.get("profile")
    fail = next((RULES_DIR / code).glob("fail.*"))
    passing = next((RULES_DIR / code).glob("pass.*"))
    found = jixiao.check(fail, profile, select=[code])
    assert sorted(found["line"].tolist()) == sorted(expect["lines"])
    assert jixiao.check(passing, profile, select=[code]).empty


def test_profiles_are_shipped_data(tmp_path, seeds):
    names = jixiao.profiles()["name"].tolist()
    assert names == ["central", "cost-first", "hunan-2024"]
    for name in names:
        path = jixiao.profile_path(name)
        assert path.is_file() and _toml(path.read_text(encoding="utf-8"))["name"] == name
    hunan = jixiao.profile("hunan-2024")
    assert {x["category"]: x["weight"] for x in hunan["level1"]} == {
        "产出指标": "40", "成本指标": "10", "效益指标": "30", "满意度指标": "10",
    }  # fmt: skip
    # Detection: seed 004's 部门整体 table prints 产出 (40分) and 成本指标 (10 分) at level 1.
    detected = jixiao.detected_profiles(seeds[4])
    assert detected["profile"].tolist()[:4] == ["hunan-2024"] * 4
    assert set(jixiao.detected_profiles(seeds[2])["profile"]) == {"central"}
    # A copied and changed profile: seed 002 checked under a 40/40/10 split reports its 50/30 weights.
    custom = tmp_path / "mine.toml"
    text = jixiao.profile_path("central").read_text(encoding="utf-8")
    custom.write_text(
        text.replace("weight = 50", "weight = 40").replace("weight = 30", "weight = 40"), encoding="utf-8"
    )
    found = jixiao.check(seeds[2], custom, select=["W103"])
    assert len(found) and set(found["values"].map(lambda v: v["expected"])) <= {"40", "50", "10", "0"}
    broken = tmp_path / "broken.toml"
    broken.write_text(text.replace("weight = 50", "weight = 55"), encoding="utf-8")
    with pytest.raises(ValueError, match="add up"):
        jixiao.check(seeds[2], broken)
    with pytest.raises(ValueError, match="unknown profile"):
        jixiao.profile("nowhere")


def test_check_command_exit_codes(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "findings.csv"
    # Seed 002 has an error-level finding: exit 1; the output file holds every finding.
    assert main(["check", "examples/documents/002_64eb690d41cac579.txt", "-o", str(out)]) == 1
    printed = capsys.readouterr().out
    assert "S101 error" in printed and "line 241" in printed
    frame = pd.read_csv(out)
    assert len(frame) == 29 and json.loads(frame.loc[frame.code == "S101", "values"].iloc[0])["actual"] == "10%"
    # Seed 003 has warnings only: exit 0 by default, 1 with --fail-on warning.
    assert main(["check", "examples/documents/003_4ea89972e077d80e.txt"]) == 0
    assert main(["check", "examples/documents/003_4ea89972e077d80e.txt", "--fail-on", "warning"]) == 1
    assert main(["check", "examples/documents/003_4ea89972e077d80e.txt", "--select", "H999"]) == 2
    assert main(["check", str(tmp_path / "missing.txt")]) == 2
    capsys.readouterr()
    assert main(["check", "-e", "examples/documents/003_4ea89972e077d80e.txt"]) == 0
    assert "no indicator under 社会效益指标" in capsys.readouterr().out


def test_rules_command(capsys):
    assert main(["rules"]) == 0
    listing = capsys.readouterr().out
    assert "S101" in listing and "full-marks-on-shortfall" in listing
    assert main(["rules", "w104"]) == 0
    assert "得分高于分值" in capsys.readouterr().out
    assert main(["rules", "Z000"]) == 2
