"""The ``jixiao`` command line.

``jixiao values FILE...`` reads target/actual cells, one per line (or one column of a CSV file), and prints what
they say: a summary by kind and unit, and optionally every parsed row as CSV or JSON.

命令行：``jixiao values 文件...`` 逐行读取指标值/实际完成值并汇总解析结果。
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from jixiao import __version__
from jixiao.values import parse_values

EXIT_OK = 0
EXIT_USAGE = 2


def _read_cells(path: Path, column: str | None) -> list[str]:
    if column is not None:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        if column not in frame.columns:
            raise SystemExit(f"jixiao: {path}: no column {column!r} (columns: {', '.join(frame.columns)})")
        return frame[column].tolist()
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SystemExit(f"jixiao: {path}: neither UTF-8 nor GB18030; re-save it as UTF-8")
    return [line for line in text.splitlines() if line.strip()]


def _summary(df: pd.DataFrame, files: list[str]) -> str:
    lines = [f"jixiao {__version__}: {len(df)} cells from {len(files)} file(s) / 共 {len(df)} 个单元格"]
    kinds = df["kind"].value_counts(sort=True)
    lines.append("")
    lines.append("kind 类型          cells  share")
    for kind, n in kinds.items():
        if n:
            lines.append(f"  {kind:<16}{n:>6}  {n / max(len(df), 1):6.1%}")
    units = df["unit"].value_counts().head(10)
    if len(units):
        lines.append("")
        lines.append("top units 常见单位: " + ", ".join(f"{u} ({n})" for u, n in units.items() if n))
    unread = df[df["kind"] == "unknown"]
    if len(unread):
        lines.append("")
        lines.append(f"unknown 无法解析 ({len(unread)}):")
        for text in unread["text"].head(10):
            lines.append(f"  {text!r}")
    return "\n".join(lines)


def _values(args: argparse.Namespace) -> int:
    frames = []
    for name in args.files:
        path = Path(name)
        if not path.is_file():
            print(f"jixiao: {name}: no such file", file=sys.stderr)
            return EXIT_USAGE
        cells = _read_cells(path, args.column)
        frame = parse_values(cells)
        frame.insert(0, "line", range(1, len(frame) + 1))
        frame.insert(0, "file", path.name)
        frames.append(frame)
    df = pd.concat(frames, ignore_index=True)
    print(_summary(df, args.files))
    if args.output:
        out = Path(args.output)
        if out.suffix == ".json":
            df.to_json(out, orient="records", force_ascii=False, date_format="iso", indent=1)
        else:
            df.to_csv(out, index=False)
        print(f"\nwrote {len(df)} rows to {out}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="jixiao", description=__doc__.split("\n\n")[0])
    parser.add_argument("--version", action="version", version=f"jixiao {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    values = sub.add_parser("values", help="parse target/actual cells, one per line / 解析指标值")
    values.add_argument("files", nargs="+", help="text files with one cell per line, or CSV files with --column")
    values.add_argument("--column", help="read this column of CSV files instead of lines")
    values.add_argument("--output", "-o", help="write every parsed row to this .csv or .json file")
    values.set_defaults(run=_values)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
