"""The documentation site (mkdocs.yml, docs/): it builds with warnings as errors, broken links and anchors included;
its API reference has every public name; its gallery's plots are rendered into the build; and the examples of
the getting-started page and the user guide print what they say."""

from __future__ import annotations

import ast
import doctest
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import jixiao

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"
SKIP_REASON = "the documentation tools are not installed: pip install '.[docs]'"


def _mkdocs_available() -> bool:
    try:
        import material  # noqa: F401
        import mkdocs  # noqa: F401
        import mkdocstrings_handlers.python  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once by ``mkdocs build --strict`` in a subprocess (so the build's own deprecation warnings
    do not meet pytest's filterwarnings=error)."""
    if not _mkdocs_available():
        pytest.skip(SKIP_REASON)
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "MPLBACKEND": "Agg"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, f"mkdocs build --strict failed:\n{proc.stdout}\n{proc.stderr}"
    assert "WARNING" not in proc.stderr, proc.stderr
    return out


def test_strict_build_checks_links_and_anchors() -> None:
    # Strict mode only fails on warnings: the link and anchor checks must be warnings, not infos.
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    validation = text.split("\nvalidation:", 1)[1].split("\n\n", 1)[0]
    for check in ("omitted_files", "not_found", "absolute_links", "unrecognized_links", "anchors"):
        assert re.search(rf"^\s+{check}: warn$", validation, re.M), check
    assert "font: false" in text  # no Google Fonts: the build needs no network


def test_site_builds(site: Path) -> None:
    assert (site / "index.html").is_file()
    assert (site / "getting-started" / "index.html").is_file()
    for page in ("reading", "checking", "scoring", "quality", "batch"):
        assert (site / "guide" / page / "index.html").is_file(), page
    for page in ("frames", "scoring", "quality", "values", "scale"):
        assert (site / page / "index.html").is_file(), page


def test_rule_catalogue_has_every_rule(site: Path) -> None:
    codes = sorted(p.stem for p in (DOCS / "rules").glob("*.md") if p.stem != "README")
    assert len(codes) == len(jixiao.rules())
    index = (site / "rules" / "index.html").read_text(encoding="utf-8")
    for code in codes:
        assert (site / "rules" / code / "index.html").is_file(), code
        assert f'href="{code}/"' in index, code


def test_api_reference_has_every_public_name(site: Path) -> None:
    html = "".join(p.read_text(encoding="utf-8") for p in (site / "api").rglob("*.html"))
    missing = [name for name in jixiao.__all__ if f'id="jixiao.{name}"' not in html]
    assert not missing, f"not in the API reference: {missing}"
    # The public functions of the submodules with pages of their own.
    for module in ("plot", "batch", "validation"):
        tree = ast.parse((ROOT / "python" / "jixiao" / f"{module}.py").read_text(encoding="utf-8"))
        defs = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
        names = [n.name for n in defs if not n.name.startswith("_")]
        assert names, module
        missing = [name for name in names if f'id="jixiao.{module}.{name}"' not in html]
        assert not missing, f"jixiao.{module}: not in the API reference: {missing}"


def test_api_reference_reads_the_compiled_module(site: Path) -> None:
    # Signatures and types from the stub _jixiao.pyi, docstrings from the compiled functions.
    values = (site / "api" / "values" / "index.html").read_text(encoding="utf-8")
    assert "Reads one target or actual cell" in values
    assert 'id="jixiao.Value.kind"' in values and "Decimal" in values
    reading = (site / "api" / "reading" / "index.html").read_text(encoding="utf-8")
    assert "{read_args}" not in reading  # the docstrings as completed at import
    assert ">&gt;&gt;&gt; " not in re.sub(r"<pre.*?</pre>", "", reading, flags=re.S)  # examples are code blocks


def test_gallery_images_are_rendered_into_the_build(site: Path) -> None:
    page = (DOCS / "gallery.md").read_text(encoding="utf-8")
    names = re.findall(r"\]\(assets/gallery/([\w.-]+\.png)\)", page)
    plotted = {m.group(1) for m in re.finditer(r"jixiao\.plot\.(\w+)\(", page)}
    import jixiao.plot  # matplotlib is imported on first use only

    public = {n for n in dir(jixiao.plot) if callable(getattr(jixiao.plot, n)) and not n.startswith("_")}
    assert {"completion", "self_vs_standard", "findings_by_rule", "quality_by", "indicator_tree"} <= plotted <= public
    assert len(names) >= 5
    for name in names:
        data = (site / "assets" / "gallery" / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000, name
    html = (site / "gallery" / "index.html").read_text(encoding="utf-8")
    for name in names:
        assert f"assets/gallery/{name}" in html, name
    # Generated into the build only, never into docs/.
    assert not (DOCS / "assets" / "gallery").exists()


@pytest.mark.parametrize(
    "page",
    ["getting-started.md", *(f"guide/{p.name}" for p in sorted((DOCS / "guide").glob("*.md")))],
)
def test_page_examples_run(page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    text = (DOCS / page).read_text(encoding="utf-8")
    test = doctest.DocTestParser().get_doctest(text, {"jixiao": jixiao}, page, str(DOCS / page), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    if page == "getting-started.md":
        assert len(test.examples) >= 8
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0
