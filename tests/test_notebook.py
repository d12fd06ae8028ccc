"""examples/tour.ipynb runs from top to bottom: every code cell is executed in order, in one namespace, from the
repository root, and every displayed object renders (HTML where it offers it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
NOTEBOOK = ROOT / "examples" / "tour.ipynb"

pytest.importorskip("matplotlib")
pytestmark = pytest.mark.filterwarnings("ignore:Glyph .* missing")


def test_tour_notebook_runs(monkeypatch):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    monkeypatch.chdir(ROOT)
    cells = [c for c in json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "code"]
    assert len(cells) >= 10
    namespace: dict = {}
    for i, cell in enumerate(cells):
        source = "".join(cell["source"])
        *body, last = source.rstrip().split("\n")
        # Like Jupyter: run the cell, then display the value of its last line.
        try:
            compile(last, f"cell {i}", "eval")
        except SyntaxError:
            exec(compile(source, f"cell {i}", "exec"), namespace)
            continue
        exec(compile("\n".join(body), f"cell {i}", "exec"), namespace)
        value = eval(compile(last, f"cell {i}", "eval"), namespace)
        html = getattr(value, "_repr_html_", None)
        assert html is None or "<table" in html() or "<div" in html(), f"cell {i}"
        if hasattr(value, "figure"):
            value.figure.canvas.draw()
    plt.close("all")
    assert namespace["scores"].tables["n_inflated"].sum() == 5
