"""Every plot renders to PNG from the frames the other calls return (matplotlib's Agg backend)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import jixiao

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

import jixiao.plot  # noqa: E402

DOCS = Path(__file__).parent / "fixtures" / "documents"
# Without a CJK font installed, Chinese text in project names draws as boxes with a warning.
pytestmark = pytest.mark.filterwarnings("ignore:Glyph .* missing")


@pytest.fixture(scope="module")
def seeds():
    return jixiao.read(DOCS)


def _png(ax, path: Path) -> None:
    jixiao.plot.save(ax, str(path))
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 2000
    matplotlib.pyplot.close("all")


def test_importing_jixiao_does_not_import_matplotlib():
    import subprocess

    code = "import jixiao, sys; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_completion_histogram(seeds, tmp_path):
    ax = jixiao.plot.completion(jixiao.score(seeds).indicators)
    assert "indicators" in ax.get_title()
    _png(ax, tmp_path / "completion.png")


def test_self_vs_standard(seeds, tmp_path):
    tables = jixiao.score(seeds).tables
    ax = jixiao.plot.self_vs_standard(tables)
    # Two series: as reported, and above the rules (002 T7, and three 004 tables).
    offsets = [len(c.get_offsets()) for c in ax.collections]
    assert sum(offsets) == len(tables) and offsets[1] == 4
    _png(ax, tmp_path / "totals.png")


def test_findings_by_rule(seeds, tmp_path):
    findings = jixiao.check(seeds)
    ax = jixiao.plot.findings_by_rule(findings)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert set(labels) == set(findings["code"])
    _png(ax, tmp_path / "findings.png")


@pytest.mark.parametrize("by", ["dept", "year"])
def test_quality_by(seeds, tmp_path, by):
    q = jixiao.quality(seeds).tables
    ax = jixiao.plot.quality_by(q, by=by)
    assert len(ax.get_xticklabels()) == q[by].fillna("—").astype(str).nunique()
    _png(ax, tmp_path / f"quality_{by}.png")


def test_indicator_tree(seeds, tmp_path):
    ax = jixiao.plot.indicator_tree(seeds[2], 7)
    assert len(ax.get_yticklabels()) == 6  # the real indicators of 002 T7
    _png(ax, tmp_path / "tree.png")


def test_plots_draw_on_given_axes(seeds):
    fig, axes = matplotlib.pyplot.subplots(1, 2)
    scores = jixiao.score(seeds)
    assert jixiao.plot.completion(scores.indicators, ax=axes[0]) is axes[0]
    assert jixiao.plot.self_vs_standard(scores.tables, ax=axes[1]) is axes[1]
    matplotlib.pyplot.close(fig)
