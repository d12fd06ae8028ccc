"""The ``jixiao`` command line.

``jixiao read | check | score | quality PATH...`` takes files, folders and glob patterns, reads every document
(in parallel, with a progress bar on multi-file runs) and prints a summary table; ``--format csv|json|xlsx`` with
``--output FILE`` (or ``-o``) writes the full frame instead. ``jixiao rules [CODE]`` lists the rule catalogue or
shows one rule. ``jixiao values FILE...`` parses target/actual cells, one per line.

- ``read``: tables, indicator rows, allocation rows and unread rows per document.
- ``check``: every finding of the rule catalogue; exits 1 when a finding at or above ``--fail-on`` exists.
- ``score``: self-evaluations re-scored by the rules: self and standard totals and grades, inflated rows.
- ``quality``: the indicator-setting quality index and its four dimensions per table.

Exit codes: 0 done (and clean, for ``check``), 1 findings at or above ``--fail-on``, 2 usage or read errors.

命令行：``jixiao read | check | score | quality 路径...`` 读取绩效文件并分别汇总、校验、重算得分、评价指标设置质量；
``jixiao rules`` 列出规则；``jixiao values 文件...`` 解析指标值。
退出码：0 正常，1 存在达到 ``--fail-on`` 的问题，2 用法或读取错误。
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pandas as pd

from jixiao import __version__

if TYPE_CHECKING:
    from jixiao._jixiao import Document

T = TypeVar("T")

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

FORMATS = ("table", "csv", "json", "xlsx")


def _read_cells(path: Path, column: str | None) -> list[str]:
    if column is not None:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        if column not in frame.columns:
            raise SystemExit(f"jixiao: {path}: no column {column!r} (columns: {', '.join(frame.columns)})")
        cells: list[str] = frame[column].tolist()
        return cells
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
    from jixiao.values import parse_values

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
        _write(df, out, None)
        print(f"\nwrote {len(df)} rows to {out}")
    return EXIT_OK


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Cells that CSV, JSON and Excel can hold: dicts and lists as JSON text."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object and out[col].map(lambda v: isinstance(v, (dict, list))).any():
            out[col] = out[col].map(lambda v: json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v)
    return out


def _write(frame: pd.DataFrame, out: Path | None, fmt: str | None) -> None:
    """Writes a frame as CSV, JSON (records), JSON Lines or Excel: by ``fmt``, else by the file's suffix."""
    fmt = fmt or {".json": "json", ".jsonl": "jsonl", ".xlsx": "xlsx"}.get(out.suffix.lower() if out else "", "csv")
    if fmt == "json" and out is not None and out.suffix.lower() == ".jsonl":
        fmt = "jsonl"
    frame = _plain(frame)
    if fmt == "xlsx":
        if out is None:
            raise SystemExit("jixiao: --format xlsx needs --output FILE.xlsx")
        frame.to_excel(out, index=False)
    elif fmt == "json":
        text = frame.to_json(orient="records", force_ascii=False, date_format="iso", indent=1)
        out.write_text(text, encoding="utf-8") if out else print(text)
    elif fmt == "jsonl":
        text = frame.to_json(orient="records", force_ascii=False, date_format="iso", lines=True)
        out.write_text(text, encoding="utf-8") if out else print(text, end="")
    else:
        out.write_text(frame.to_csv(index=False), encoding="utf-8") if out else print(frame.to_csv(index=False), end="")


class _Bars:
    """tqdm bars on stderr (when stderr is a terminal, or with --progress): one over the files of a multi-file
    run, and one over the pages of each file OCR'd (a few seconds a page)."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.show = args.progress if args.progress is not None else sys.stderr.isatty()
        self.bars: dict[str, Any] = {}  # made on the first update, when the total is known

    def _update(self, key: str, desc: str, unit: str, done: int, total: int) -> None:
        from tqdm import tqdm

        bar = self.bars.get(key)
        if bar is None:
            # A page takes seconds: each one is shown (files are many and quick, so tqdm's own pace serves).
            pace = 0.0 if unit == "page" else 0.1
            bar = self.bars[key] = tqdm(
                total=total, unit=unit, desc=desc, file=sys.stderr, leave=False, mininterval=pace
            )
        bar.update(done - bar.n)
        if unit == "page" and done >= total:
            bar.close()
            del self.bars[key]

    def files(self) -> Callable[[int, int], object] | None:
        return (lambda done, total: self._update("files", "jixiao", "file", done, total)) if self.show else None

    def pages(self) -> Callable[[str, int, int], object] | None:
        if not self.show:
            return None
        return lambda path, done, total: self._update(path, f"OCR {Path(path).name}", "page", done, total)

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()
        self.bars.clear()


def _load(args: argparse.Namespace) -> list[Document] | None:
    """The documents of the command's paths, or None (with the reason on stderr) when there are none."""
    from jixiao._jixiao import ReadError
    from jixiao.documents import read

    bars = _Bars(args)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            docs = read(
                args.paths,
                errors="warn" if args.keep_going else "raise",
                progress=bars.files(),
                ocr_progress=bars.pages(),
            )
        for w in caught:
            print(f"jixiao: {w.message}", file=sys.stderr)
    except ReadError as e:
        print(f"jixiao: {e}", file=sys.stderr)
        return None
    finally:
        bars.close()
    if not isinstance(docs, list):
        docs = [docs]
    if not docs:
        print("jixiao: no documents found / 未找到文件", file=sys.stderr)
        return None
    return docs


def _load_and(args: argparse.Namespace, compute: Callable[[list[Document]], T]) -> tuple[list[Document], T] | None:
    """The documents and ``compute(docs)``; None (the reason on stderr) when nothing was read or the arguments are
    refused (an unknown rule code or profile)."""
    docs = _load(args)
    if docs is None:
        return None
    try:
        return docs, compute(docs)
    except ValueError as e:
        print(f"jixiao: {e}", file=sys.stderr)
        return None


def _emit(frame: pd.DataFrame, args: argparse.Namespace, what: str) -> bool:
    """Writes the frame when a file format or an output was asked for; True if it did."""
    if args.format == "table" and not args.output:
        return False
    out = Path(args.output) if args.output else None
    fmt = None if args.format == "table" else args.format
    _write(frame, out, fmt)
    if out is not None:
        print(f"\nwrote {len(frame)} {what} rows to {out}")
    return True


def _read(args: argparse.Namespace) -> int:
    from jixiao.documents import allocations, indicators, tables

    docs = _load(args)
    if docs is None:
        return EXIT_USAGE
    frame = {"indicators": indicators, "tables": tables, "allocations": allocations}[args.what](docs)
    if args.format != "table" and not args.output:
        _emit(frame, args, args.what)
        return EXIT_OK
    print(f"jixiao {__version__}: {len(docs)} document(s) / 共 {len(docs)} 个文件")
    print(f"{'tables':>7} {'indic.':>7} {'alloc.':>7} {'unread':>7} {'cover.':>7}  document")
    for d in docs:
        n_alloc = len(allocations(d)) if d.n_allocations else 0
        cover = "-" if d.coverage is None else f"{d.coverage:.0%}"
        print(f"{d.n_tables:>7} {d.n_indicators:>7} {n_alloc:>7} {len(d.unread):>7} {cover:>7}  {d.source}")
        if args.verbose:
            rows = d.rows
            print(f"        coverage / 覆盖率: {rows['placed']} of {rows['table_rows']} table rows placed")
            for w in d.warnings:
                print(f"        line {w['line']}: warning: {w['message_en']} / {w['message_zh']}")
            for u in d.unread:
                print(f"        line {u['line']}: {u['reason']}: {u['text'][:60]!r}")
    _emit(frame, args, args.what)
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from jixiao.checks import SEVERITIES, check

    loaded = _load_and(args, lambda docs: check(docs, args.profile, select=args.select, ignore=args.ignore))
    if loaded is None:
        return EXIT_USAGE
    docs, found = loaded
    failing = args.fail_on != "none" and (found["severity"] >= args.fail_on).any()
    code = EXIT_FINDINGS if failing else EXIT_OK
    if args.format != "table" and not args.output:
        _emit(found, args, "findings")
        return code
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
    _emit(found, args, "findings")
    return code


def _num(x: float) -> str:
    return "—" if pd.isna(x) else f"{x:.2f}"


def _score(args: argparse.Namespace) -> int:
    from jixiao.scores import score

    loaded = _load_and(
        args,
        lambda docs: score(
            docs, args.profile, reverse=args.reverse, execution_cap=not args.no_cap, renormalize=args.renormalize
        ),
    )
    if loaded is None:
        return EXIT_USAGE
    docs, result = loaded
    frame = result.indicators if args.what == "indicators" else result.tables
    if args.format != "table" and not args.output:
        _emit(frame, args, args.what)
        return EXIT_OK
    t = result.tables
    print(f"jixiao {__version__}: {len(t)} self-evaluation(s) in {len(docs)} document(s) / 共 {len(t)} 张自评表")
    print(f"\n{'self':>7} {'grade':>5} {'rules':>7} {'grade':>5} {'infl.':>5}  table / 自评 按规则 虚高")
    for r in t.itertuples():
        name = r.project if isinstance(r.project, str) else ""
        print(
            f"{_num(r.self_total):>7} {r.self_grade or '—':>5} {_num(r.standard_total):>7} "
            f"{r.standard_grade or '—':>5} {r.n_inflated:>5}  {r.doc} T{r.table} {name}"
        )
    inflated = result.indicators[result.indicators["inflated"]]
    if len(inflated):
        print(f"\nscored above the rules / 自评得分高于规则得分 ({len(inflated)}):")
        for r in inflated.itertuples():
            print(
                f"  {r.doc}:{r.line} {r.name}: {r.target} → {r.actual}, "
                f"self {_num(r.self_score)} / rules {_num(r.standard_score)}"
            )
    _emit(frame, args, args.what)
    return EXIT_OK


def _quality(args: argparse.Namespace) -> int:
    from jixiao.scores import quality

    loaded = _load_and(args, lambda docs: quality(docs, args.profile))
    if loaded is None:
        return EXIT_USAGE
    docs, result = loaded
    frame = result.indicators if args.what == "indicators" else result.tables
    if args.format != "table" and not args.output:
        _emit(frame, args, args.what)
        return EXIT_OK
    t = result.tables
    print(f"jixiao {__version__}: {len(t)} table(s) in {len(docs)} document(s) / 共 {len(t)} 张表")
    print(f"\n{'index':>6} {'完整':>6} {'相关':>6} {'适当':>6} {'可行':>6}  table")
    for r in t.itertuples():
        print(
            f"{r.index:>6.1f} {r.completeness:>6.1f} {r.relevance:>6.1f} {r.appropriateness:>6.1f} "
            f"{'—' if pd.isna(r.feasibility) else f'{r.feasibility:.1f}':>6}  {r.doc} T{r.table} ({r.kind})"
        )
    _emit(frame, args, args.what)
    return EXIT_OK


def _rules(args: argparse.Namespace) -> int:
    from jixiao.checks import rules

    catalogue = rules()
    if args.code:
        hit = catalogue[catalogue["code"] == args.code.upper()]
        if hit.empty:
            print(f"jixiao: no rule {args.code} / 无此规则", file=sys.stderr)
            return EXIT_USAGE
        r = hit.iloc[0]
        print(f"{r.code} {r['name']} ({r.severity})\n{r.title_zh}\n{r.title_en}\n\n{r.doc}\n\nSource 依据: {r.source}")
        return EXIT_OK
    if args.format != "table" or args.output:
        _emit(catalogue, args, "rules")
        return EXIT_OK
    for r in catalogue.itertuples():
        print(f"{r.code}  {r.severity:<7}  {r.name:<34} {r.title_zh}")
    return EXIT_OK


def _documents_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    help: str,
    run: Callable[[argparse.Namespace], int],
    whats: tuple[str, ...] = (),
) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help)
    p.add_argument("paths", nargs="+", help="files, folders (every document below) or glob patterns")
    p.add_argument("--format", "-f", choices=FORMATS, default="table", help="table (printed) or a file format")
    p.add_argument("--output", "-o", help="write the frame here (.csv, .json, .jsonl, .xlsx; or by --format)")
    if whats:
        p.add_argument("--what", choices=whats, default=whats[0], help="the frame --format/--output writes")
    p.add_argument("--keep-going", "-k", action="store_true", help="warn about unreadable files and go on")
    p.add_argument("--workers", "-j", type=int, help="threads for reading and checking (default: all cores)")
    bar = p.add_mutually_exclusive_group()
    bar.add_argument("--progress", dest="progress", action="store_true", default=None, help="show a progress bar")
    bar.add_argument("--no-progress", dest="progress", action="store_false", help="never show a progress bar")
    p.set_defaults(run=run)
    return p


def main(argv: list[str] | None = None) -> int:
    from jixiao.checks import SEVERITIES

    parser = argparse.ArgumentParser(prog="jixiao", description=__doc__.split("\n\n")[0])
    parser.add_argument("--version", action="version", version=f"jixiao {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    rd = _documents_parser(
        sub, "read", "read performance documents / 读取绩效文件", _read, ("indicators", "tables", "allocations")
    )
    rd.add_argument("--verbose", "-v", action="store_true", help="list every unread row with its reason")
    ck = _documents_parser(sub, "check", "check documents against the rule catalogue / 按规则校验", _check)
    ck.add_argument("--profile", "-p", help="a built-in profile (central, cost-first, hunan-2024) or a .toml file")
    ck.add_argument("--select", nargs="+", metavar="CODE", help="run only these rules")
    ck.add_argument("--ignore", nargs="+", metavar="CODE", help="skip these rules")
    ck.add_argument(
        "--fail-on",
        choices=(*SEVERITIES, "none"),
        default="error",
        help="exit 1 when a finding of this severity or worse exists (none: always 0)",
    )
    ck.add_argument("--show", choices=SEVERITIES, default="info", help="print findings of this severity or worse")
    ck.add_argument("--english", "-e", action="store_true", help="print the English messages")
    sc = _documents_parser(sub, "score", "re-score self-evaluations / 按规则重算得分", _score, ("tables", "indicators"))
    sc.add_argument("--profile", "-p", help="a built-in profile or a .toml file (grade and qualitative bands)")
    sc.add_argument("--reverse", choices=("ratio", "linear"), default="ratio", help="policy for missed ≤ targets")
    sc.add_argument("--no-cap", action="store_true", help="let an execution rate above 100%% earn more than its points")
    sc.add_argument("--renormalize", action="store_true", help="scale totals to 100 over the applicable points")
    qu = _documents_parser(
        sub, "quality", "indicator-setting quality / 指标设置质量", _quality, ("tables", "indicators")
    )
    qu.add_argument("--profile", "-p", help="a built-in profile or a .toml file")
    rl = sub.add_parser("rules", help="list the rule catalogue, or show one rule / 规则目录")
    rl.add_argument("code", nargs="?", help="a rule code (e.g. S101)")
    rl.add_argument("--format", "-f", choices=FORMATS, default="table")
    rl.add_argument("--output", "-o")
    rl.set_defaults(run=_rules)
    values = sub.add_parser("values", help="parse target/actual cells, one per line / 解析指标值")
    values.add_argument("files", nargs="+", help="text files with one cell per line, or CSV files with --column")
    values.add_argument("--column", help="read this column of CSV files instead of lines")
    values.add_argument("--output", "-o", help="write every parsed row to this .csv or .json file")
    values.set_defaults(run=_values)
    args = parser.parse_args(argv)
    if getattr(args, "workers", None) is not None:
        if args.workers < 1:
            parser.error("--workers must be at least 1")
        # Read by the Rust pool when it starts (on first use, after this point).
        os.environ["JIXIAO_THREADS"] = str(args.workers)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except BrokenPipeError:  # `jixiao rules | head`
        sys.stderr.close()
        return EXIT_OK
