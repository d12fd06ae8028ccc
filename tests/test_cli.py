from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

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
    assert "8 document(s)" in out
    assert "    371       0      23     95%  examples/documents/004_717b51cf7e2c8e2d.txt" in out
    assert "     12       0       0    100%  examples/documents/005_self_eval_excel.xlsx" in out
    assert "     12       0       0    100%  examples/documents/006_self_eval_word.docx" in out
    assert "     13       6       0    100%  examples/documents/007_goal_and_allocation.pdf" in out
    frame = pd.read_csv(out_csv)
    assert len(frame) == 686 + 12 + 12 + 13 and list(frame.columns[:3]) == ["doc", "table", "row"]
    tables_json = tmp_path / "tables.jsonl"
    assert (
        main(["read", "examples/documents/002_64eb690d41cac579.txt", "--what", "tables", "-o", str(tables_json)]) == 0
    )
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


def test_score_and_quality_commands(capsys, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["score", "examples/documents/002_64eb690d41cac579.txt"]) == 0
    out = capsys.readouterr().out
    assert "14 self-evaluation(s)" in out
    assert "  92.74     优   79.24     中     1" in out
    assert "002_64eb690d41cac579.txt:241 维护维修及时性: 100% → 10%, self 15.00 / rules 1.50" in out
    assert main(["quality", "examples/documents/003_4ea89972e077d80e.txt"]) == 0
    assert "1 table(s)" in capsys.readouterr().out
    # Files in every format; the frame is chosen with --what.
    xlsx = tmp_path / "scores.xlsx"
    assert main(["score", "examples/documents/002_64eb690d41cac579.txt", "--what", "indicators", "-o", str(xlsx)]) == 0
    frame = pd.read_excel(xlsx)
    assert len(frame) == 193 and frame.loc[frame["line"] == 241, "standard_score"].item() == 1.5
    assert (
        main(["quality", "examples/documents/003_4ea89972e077d80e.txt", "-f", "json", "-o", str(tmp_path / "q.json")])
        == 0
    )
    assert json.loads((tmp_path / "q.json").read_text(encoding="utf-8"))[0]["kind"] == "goal"
    capsys.readouterr()
    # --format without --output writes the frame to stdout.
    assert main(["check", "examples/documents/003_4ea89972e077d80e.txt", "-f", "csv"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("code,name,severity") and printed.count("H104") == 2


def test_xlsx_needs_an_output_and_bad_arguments_exit_2(capsys, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    with pytest.raises(SystemExit, match="xlsx"):
        main(["check", "examples/documents/003_4ea89972e077d80e.txt", "-f", "xlsx"])
    with pytest.raises(SystemExit) as err:
        main(["score", "examples/documents/003_4ea89972e077d80e.txt", "--reverse", "half"])
    assert err.value.code == 2
    with pytest.raises(SystemExit) as err:
        main(["read", "examples/documents", "--workers", "0"])
    assert err.value.code == 2
    assert main(["check", "examples/documents/002_64eb690d41cac579.txt", "--fail-on", "none"]) == 0


def test_progress_bar_and_workers(capsys, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("JIXIAO_THREADS", raising=False)
    assert main(["read", "examples/documents", "--progress", "--workers", "2"]) == 0
    err = capsys.readouterr().err
    assert "jixiao" in err and "file" in err  # the tqdm bar, on stderr
    import os

    assert os.environ["JIXIAO_THREADS"] == "2"
    assert main(["read", "examples/documents", "--no-progress"]) == 0
    assert capsys.readouterr().err == ""
