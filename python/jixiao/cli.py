"""The ``jixiao`` command line.

``jixiao read PATH...`` reads performance documents (files, folders, globs) and prints what each holds: tables,
indicator rows, allocation rows and rows that could not be read, with the reason; ``-o`` writes the indicator (or
table, or allocation) frame as CSV, JSON or JSON Lines.

``jixiao check PATH...`` runs the rule catalogue and prints every finding (code, severity, line, message); it exits
1 when a finding at or above ``--fail-on`` (default: error) exists. ``jixiao rules [CODE]`` lists the catalogue or
shows one rule's documentation.

``jixiao values FILE...`` reads target/actual cells, one per line (or one column of a CSV file), and prints what
they say: a summary by kind and unit, and optionally every parsed row as CSV or JSON.

命令行：``jixiao read 路径...`` 读取绩效文件并汇总；``jixiao check 路径...`` 按规则目录校验并列出问题；
``jixiao rules`` 列出规则；``jixiao values 文件...`` 逐行读取指标值/实际完成值并汇总解析结果。
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from pathlib import Path

import pandas as pd

from jixiao import __version__
from jixiao.checks import SEVERITIES, check, rules
from jixiao.documents import ReadError, allocations, indicators, read, tables
from jixiao.values import parse_values

EXIT_OK = 0
EXIT_FINDINGS = 1
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
        _write(df, out)
        print(f"\nwrote {len(df)} rows to {out}")
    return EXIT_OK


def _write(df: pd.DataFrame, out: Path) -> None:
    if out.suffix == ".json":
        df.to_json(out, orient="records", force_ascii=False, date_format="iso", indent=1)
    elif out.suffix == ".jsonl":
        df.to_json(out, orient="records", force_ascii=False, date_format="iso", lines=True)
    else:
        df.to_csv(out, index=False)


def _load(args: argparse.Namespace) -> list | None:
    """The documents of the command's paths, or None (with the reason on stderr) when there are none."""
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            docs = read(args.paths, errors="warn" if args.keep_going else "raise")
        for w in caught:
            print(f"jixiao: {w.message}", file=sys.stderr)
    except ReadError as e:
        print(f"jixiao: {e}", file=sys.stderr)
        return None
    if not isinstance(docs, list):
        docs = [docs]
    if not docs:
        print("jixiao: no documents found / 未找到文件", file=sys.stderr)
        return None
    return docs


def _read(args: argparse.Namespace) -> int:
    docs = _load(args)
    if docs is None:
        return EXIT_USAGE
    print(f"jixiao {__version__}: {len(docs)} document(s) / 共 {len(docs)} 个文件")
    print(f"{'tables':>7} {'indic.':>7} {'alloc.':>7} {'unread':>7}  document")
    for d in docs:
        n_alloc = sum(1 for _ in allocations(d).itertuples()) if d.n_allocations else 0
        print(f"{d.n_tables:>7} {d.n_indicators:>7} {n_alloc:>7} {len(d.unread):>7}  {d.source}")
        if args.verbose:
            for u in d.unread:
                print(f"        line {u['line']}: {u['reason']}: {u['text'][:60]!r}")
    if args.output:
        frame = {"indicators": indicators, "tables": tables, "allocations": allocations}[args.what](docs)
        out = Path(args.output)
        _write(frame, out)
        print(f"\nwrote {len(frame)} {args.what} rows to {out}")
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    docs = _load(args)
    if docs is None:
        return EXIT_USAGE
    try:
        found = check(docs, args.profile, select=args.select, ignore=args.ignore)
    except ValueError as e:
        print(f"jixiao: {e}", file=sys.stderr)
        return EXIT_USAGE
    message = "message_en" if args.english else "message_zh"
    print(f"jixiao {__version__}: {len(found)} finding(s) in {len(docs)} document(s) / 共 {len(found)} 个问题")
    for d in docs:
        mine = found[found["doc"] == d.source]
        counts = mine["severity"].value_counts()
        summary = ", ".join(f"{counts.get(s, 0)} {s}" for s in reversed(SEVERITIES))
        print(f"\n{d.source}: {summary}")
        for f in mine.itertuples():
            if SEVERITIES.index(f.severity) < SEVERITIES.index(args.show):
                continue
            where = f"line {f.line}" if not pd.isna(f.line) else "—"
            print(f"  {f.code} {f.severity:<7} {where:>10}  {getattr(f, message)}")
    if args.output:
        out = Path(args.output)
        frame = found.assign(values=found["values"].map(lambda v: json.dumps(v, ensure_ascii=False)))
        _write(frame, out)
        print(f"\nwrote {len(found)} findings to {out}")
    failing = found["severity"] >= args.fail_on
    return EXIT_FINDINGS if failing.any() else EXIT_OK


def _rules(args: argparse.Namespace) -> int:
    catalogue = rules()
    if args.code:
        hit = catalogue[catalogue["code"] == args.code.upper()]
        if hit.empty:
            print(f"jixiao: no rule {args.code} / 无此规则", file=sys.stderr)
            return EXIT_USAGE
        r = hit.iloc[0]
        print(f"{r.code} {r['name']} ({r.severity})\n{r.title_zh}\n{r.title_en}\n\n{r.doc}\n\nSource 依据: {r.source}")
        return EXIT_OK
    for r in catalogue.itertuples():
        print(f"{r.code}  {r.severity:<7}  {r.name:<34} {r.title_zh}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="jixiao", description=__doc__.split("\n\n")[0])
    parser.add_argument("--version", action="version", version=f"jixiao {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    rd = sub.add_parser("read", help="read performance documents / 读取绩效文件")
    rd.add_argument("paths", nargs="+", help="files, folders (every .txt/.html/.json below) or glob patterns")
    rd.add_argument("--output", "-o", help="write a frame to this .csv, .json or .jsonl file")
    rd.add_argument(
        "--what", choices=["indicators", "tables", "allocations"], default="indicators", help="the frame -o writes"
    )
    rd.add_argument("--keep-going", "-k", action="store_true", help="warn about unreadable files and go on")
    rd.add_argument("--verbose", "-v", action="store_true", help="list every unread row with its reason")
    rd.set_defaults(run=_read)
    ck = sub.add_parser("check", help="check documents against the rule catalogue / 按规则校验")
    ck.add_argument("paths", nargs="+", help="files, folders or glob patterns")
    ck.add_argument("--profile", "-p", help="a built-in profile (central, cost-first, hunan-2024) or a .toml file")
    ck.add_argument("--select", nargs="+", metavar="CODE", help="run only these rules")
    ck.add_argument("--ignore", nargs="+", metavar="CODE", help="skip these rules")
    ck.add_argument(
        "--fail-on", choices=SEVERITIES, default="error", help="exit 1 when a finding of this severity or worse exists"
    )
    ck.add_argument("--show", choices=SEVERITIES, default="info", help="print findings of this severity or worse")
    ck.add_argument("--english", "-e", action="store_true", help="print the English messages")
    ck.add_argument("--output", "-o", help="write the findings to this .csv, .json or .jsonl file")
    ck.add_argument("--keep-going", "-k", action="store_true", help="warn about unreadable files and go on")
    ck.set_defaults(run=_check)
    rl = sub.add_parser("rules", help="list the rule catalogue, or show one rule / 规则目录")
    rl.add_argument("code", nargs="?", help="a rule code (e.g. S101)")
    rl.set_defaults(run=_rules)
    values = sub.add_parser("values", help="parse target/actual cells, one per line / 解析指标值")
    values.add_argument("files", nargs="+", help="text files with one cell per line, or CSV files with --column")
    values.add_argument("--column", help="read this column of CSV files instead of lines")
    values.add_argument("--output", "-o", help="write every parsed row to this .csv or .json file")
    values.set_defaults(run=_values)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:  # `jixiao rules | head`
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
