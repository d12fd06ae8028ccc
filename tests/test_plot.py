"""Every plot renders to PNG from the frames the other calls return (matplotlib's Agg backend)."""

from __future__ import annotations

import inspect
import io
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import jixiao

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

from matplotlib.text import Text  # noqa: E402

import jixiao._fonts  # noqa: E402
import jixiao.plot  # noqa: E402

DOCS = Path(__file__).parent / "fixtures" / "documents"
# A default family with no CJK glyphs: Chinese that reaches it draws as boxes, with a warning.
LATIN_ONLY = {"font.family": ["DejaVu Sans"]}
MISSING_GLYPH = re.compile(r"missing from font|Glyph .* missing")


@pytest.fixture(scope="module")
def seeds():
    return jixiao.read(DOCS)


def _png(ax, path: Path) -> None:
    jixiao.plot.save(ax, str(path))
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 2000
    matplotlib.pyplot.close("all")


def test_importing_jixiao_does_not_import_matplotlib():
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


# Every public plot function, drawn from the seed documents; one entry per function (quality_by twice).
PLOTS = {
    "completion": lambda seeds: jixiao.plot.completion(jixiao.score(seeds).indicators),
    "self_vs_standard": lambda seeds: jixiao.plot.self_vs_standard(jixiao.score(seeds).tables),
    "findings_by_rule": lambda seeds: jixiao.plot.findings_by_rule(jixiao.check(seeds)),
    "quality_by[dept]": lambda seeds: jixiao.plot.quality_by(jixiao.quality(seeds).tables, by="dept"),
    "quality_by[year]": lambda seeds: jixiao.plot.quality_by(jixiao.quality(seeds).tables, by="year"),
    "indicator_tree": lambda seeds: jixiao.plot.indicator_tree(seeds[2], 7),
}


def _render(fig) -> list[str]:
    """Draws ``fig`` to PNG with Agg; returns the message of every warning raised while drawing."""
    buf = io.BytesIO()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(buf, format="png", bbox_inches="tight")
    assert buf.getvalue()[:8] == b"\x89PNG\r\n\x1a\n" and len(buf.getvalue()) > 2000
    return [str(w.message) for w in caught]


def _assert_missing_glyphs_warn() -> None:
    """The control: under the current rcParams, Chinese without a fallback font does warn, so a clean render means
    every CJK glyph found a font (or none was left)."""
    fig = matplotlib.figure.Figure()
    fig.text(0.5, 0.5, "指标 indicators")
    messages = _render(fig)
    assert any(MISSING_GLYPH.search(m) for m in messages), messages


def _texts(ax) -> list[str]:
    return [t.get_text() for t in ax.figure.findobj(Text) if t.get_text()]


def test_every_public_plot_function_is_rendered_below():
    public = {
        name
        for name, f in inspect.getmembers(jixiao.plot, inspect.isfunction)
        if f.__module__ == "jixiao.plot" and not name.startswith("_") and name != "save"
    }
    assert public == {name.split("[")[0] for name in PLOTS}


@pytest.fixture
def with_cjk():
    """The system's CJK font, as jixiao finds it, under a Latin-only default family."""
    family = jixiao._fonts.cjk_family()
    if family is None:
        pytest.skip(
            "no CJK font installed (Noto Sans/Serif CJK, Source Han, WenQuanYi, SimHei, Microsoft YaHei, PingFang): "
            "nothing to render the Chinese halves with"
        )
    with matplotlib.rc_context(LATIN_ONLY):
        _assert_missing_glyphs_warn()
        yield family
    matplotlib.pyplot.close("all")


@pytest.fixture
def without_cjk(monkeypatch):
    """The finder reports no CJK font, and the default family cannot draw CJK: a leftover Chinese glyph warns."""
    monkeypatch.setattr(jixiao._fonts, "cjk_family", lambda: None)
    with matplotlib.rc_context(LATIN_ONLY):
        _assert_missing_glyphs_warn()
        yield
    matplotlib.pyplot.close("all")


@pytest.mark.parametrize("plot", PLOTS)
def test_plot_draws_chinese_with_the_system_cjk_font(seeds, with_cjk, plot):
    ax = PLOTS[plot](seeds)
    labels = ax.get_xlabel() + ax.get_ylabel()
    assert jixiao._fonts.HAS_CJK.search(labels), labels  # the Chinese half of the bilingual axis label is drawn
    assert all(t.get_fontfamily()[-1] == with_cjk for t in ax.findobj(Text))
    messages = _render(ax.figure)
    assert not [m for m in messages if MISSING_GLYPH.search(m)], messages
    assert not messages


@pytest.mark.parametrize("plot", PLOTS)
def test_plot_drops_the_chinese_without_a_cjk_font(seeds, without_cjk, plot):
    ax = PLOTS[plot](seeds)
    texts = _texts(ax)
    assert not [t for t in texts if jixiao._fonts.HAS_CJK.search(t)], texts  # the Chinese half is gone
    assert ax.get_xlabel() or ax.get_ylabel()  # the English half stays
    messages = _render(ax.figure)
    assert not [m for m in messages if MISSING_GLYPH.search(m)], messages
    assert not messages


def test_the_font_is_found_once_and_draws_chinese():
    family = jixiao._fonts.cjk_family()
    if family is None:
        pytest.skip("no CJK font installed")
    assert jixiao._fonts.cjk_family() is family
    assert jixiao._fonts.cjk_family.cache_info().misses == 1
    from matplotlib import font_manager

    path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    assert font_manager.get_font(path).get_char_index(ord("规"))


def test_a_fresh_process_draws_without_missing_glyphs():
    # The issue: a fresh kernel whose matplotlib font cache does not list the installed CJK font.
    code = (
        "import matplotlib, sys, warnings; matplotlib.use('Agg'); warnings.simplefilter('error');"
        "import jixiao, jixiao.plot, jixiao._fonts;"
        "sys.exit(3) if jixiao._fonts.cjk_family() is None else None;"
        "ax = jixiao.plot.self_vs_standard(jixiao.score(jixiao.read(sys.argv[1])).tables);"
        "ax.figure.savefig(sys.argv[2]); print(ax.get_ylabel())"
    )
    run = subprocess.run([sys.executable, "-c", code, str(DOCS), "/dev/null"], capture_output=True, text=True)
    if run.returncode == 3:
        pytest.skip("no CJK font installed")
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "self total (reported) 自评总分"
