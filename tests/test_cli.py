from __future__ import annotations

import json
from pathlib import Path

from jixiao.cli import main

ROOT = Path(__file__).parent.parent


def test_values_command_summarises_the_bundled_examples(capsys, tmp_path) -> None:
    out = tmp_path / "values.json"
    assert main(["values", str(ROOT / "examples" / "values" / "seed_values.txt"), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "580 cells" in printed
    assert "number" in printed and "unknown" not in printed.split("top units")[0]
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert len(rows) == 580 and rows[0]["text"] == "累计≧500" and rows[0]["op"] == ">="


def test_values_command_reads_gb18030_and_csv(capsys, tmp_path) -> None:
    gbk = tmp_path / "cells.txt"
    gbk.write_bytes("不少于10篇\n2024年底\n".encode("gb18030"))
    assert main(["values", str(gbk)]) == 0
    assert "2 cells" in capsys.readouterr().out
    csv = tmp_path / "t.csv"
    csv.write_text("name,target\na,≥95%\nb,/\n", encoding="utf-8")
    assert main(["values", str(csv), "--column", "target"]) == 0
    assert main(["values", str(tmp_path / "missing.txt")]) == 2
