from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

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


def test_read_command_lists_the_bundled_documents(capsys, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    out_csv = tmp_path / "ind.csv"
    assert main(["read", "examples/documents", "-o", str(out_csv)]) == 0
    out = capsys.readouterr().out
    assert "6 document(s)" in out
    assert "    371       0      23  examples/documents/004_717b51cf7e2c8e2d.txt" in out
    assert "     12       0       0  examples/documents/005_self_eval_excel.xlsx" in out
    frame = pd.read_csv(out_csv)
    assert len(frame) == 686 + 12 and list(frame.columns[:3]) == ["doc", "table", "row"]
    tables_json = tmp_path / "tables.jsonl"
    assert main(["read", "examples/documents/002_64eb690d41cac579.txt", "--what", "tables", "-o", str(tables_json)]) == 0
    assert len(tables_json.read_text(encoding="utf-8").splitlines()) == 14


def test_read_command_exit_codes(capsys, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["read", str(empty)]) == 2
    assert "empty.txt" in capsys.readouterr().err
    assert main(["read", "-k", str(empty), "examples/documents/003_4ea89972e077d80e.txt"]) == 0
    assert "empty.txt" in capsys.readouterr().err
    assert main(["read", str(tmp_path / "*.none")]) == 2
