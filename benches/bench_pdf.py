"""Times jixiao against Python's pdfplumber on the same PDFs, in one run, with the accuracy of both against the
hand-made gold beside the speed.

    python benches/bench_pdf.py [--corpus DIR] [--repeat K] [--write-readme]

The PDFs are the five seeds as LibreOffice exports (tests/fixtures/pdf, gold in tests/fixtures/reader_gold) and,
with ``--corpus DIR``, the corpus rendered by ``tests/fixtures/pdf/make_pdfs.py --corpus DIR`` (gold in
../shared/corpus/gold). Needs ``pip install pdfplumber`` (the tool a user would otherwise reach for).

What is timed, one thread each, best of K:
- pdfplumber: open each file and ``page.extract_tables()`` on every page (table extraction only: cells, no model);
- jixiao: ``jixiao.read(file)`` for each file: extraction, tables rebuilt, and the whole model read (the
  DataFrame built afterwards for the accuracy is not timed, as pdfplumber's rows are not put in one either).

Accuracy, the same measure for both: a gold indicator row (placeholders left out) is found when some extracted
table row holds its name (compared without white space), and its fields agree when target, actual, weight and
score are each found in that row as the gold gives them (the gold's nulls not compared). For jixiao the row is its
indicator row; for pdfplumber, the table row holding the name (pdfplumber has no notion of an indicator, so it is
given the benefit of any cell in the row).
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import re
import time
import unicodedata
from pathlib import Path

os.environ.setdefault("JIXIAO_THREADS", "1")

import jixiao
import readme_results

ROOT = Path(__file__).resolve().parent.parent
FIELDS = ("target", "actual", "weight", "score")


def norm(v) -> str:
    if v is None or v != v:
        return ""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(v)))


def num(v) -> float | None:
    try:
        return float(norm(v).rstrip("分%"))
    except ValueError:
        return None


def same(want, have) -> bool:
    if norm(want) == norm(have):
        return True
    a, b = num(want), num(have)
    return a is not None and a == b


def gold_rows(path: Path) -> list[dict]:
    recs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in recs if r.get("type") == "indicator" and not r.get("placeholder")]


def score(gold: list[dict], rows: list[dict | list]) -> tuple[int, int, int]:
    """(rows found, fields agreeing, fields compared) for extracted rows: dicts (jixiao) or cell lists."""
    found = agree = fields = 0
    used = [False] * len(rows)
    for g in gold:
        key = norm(g["name"])
        hit = None
        for i, r in enumerate(rows):
            cells = [r.get("name")] if isinstance(r, dict) else r
            if not used[i] and key and any(norm(c) == key for c in cells):
                hit = i
                break
        if hit is None:
            continue
        used[hit] = True
        found += 1
        for f in FIELDS:
            if g.get(f) is None:
                continue
            fields += 1
            r = rows[hit]
            agree += same(g[f], r.get(f)) if isinstance(r, dict) else any(same(g[f], c) for c in r)
    return found, agree, fields


def pdfplumber_rows(path: str) -> list[list]:
    import pdfplumber

    out = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                out.extend(table)
    return out


def jixiao_read(path: str) -> jixiao.Document:
    return jixiao.read(path)


def jixiao_rows(doc: jixiao.Document) -> list[dict]:
    return jixiao.indicators(doc).to_dict("records")


def run(pairs: list[tuple[str, Path]], repeat: int) -> dict:
    import pdfplumber

    pages = 0
    for pdf, _ in pairs:
        with pdfplumber.open(pdf) as p:
            pages += len(p.pages)
    out = {"files": len(pairs), "pages": pages}
    for name, fn, rows_of in (
        ("pdfplumber", pdfplumber_rows, lambda r: r),
        ("jixiao", jixiao_read, jixiao_rows),
    ):
        best = float("inf")
        for _ in range(repeat):
            t0 = time.perf_counter()
            results = [fn(pdf) for pdf, _ in pairs]
            best = min(best, time.perf_counter() - t0)
        results = [rows_of(r) for r in results]
        totals = [0, 0, 0, 0]
        for (_, gold), rows in zip(pairs, results, strict=True):
            g = gold_rows(gold)
            f, a, n = score(g, rows)
            totals = [totals[0] + len(g), totals[1] + f, totals[2] + a, totals[3] + n]
        out[name] = {"seconds": best, "pages_per_s": pages / best, "rows": totals[:2], "fields": totals[2:]}
    return out


def line(label: str, r: dict) -> str:
    p, j = r["pdfplumber"], r["jixiao"]
    acc = lambda x: f"rows {x['rows'][1]}/{x['rows'][0]}, fields {x['fields'][0]}/{x['fields'][1]}"  # noqa: E731
    return (
        f"{label}, {r['files']} files, {r['pages']} pages: jixiao {j['pages_per_s']:.0f} pages/s "
        f"({acc(j)}); pdfplumber {p['pages_per_s']:.1f} pages/s ({acc(p)}); "
        f"**{j['pages_per_s'] / p['pages_per_s']:.0f}× pdfplumber**"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", help="folder of corpus PDFs made by make_pdfs.py --corpus")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--write-readme", action="store_true")
    a = ap.parse_args()
    seeds = sorted((ROOT / "tests" / "fixtures" / "reader_gold").glob("*.jsonl"))
    pairs = [(str(ROOT / "tests" / "fixtures" / "pdf" / f"{g.stem}.pdf"), g) for g in seeds]
    lines = [line("seeds", run(pairs, a.repeat))]
    if a.corpus:
        gold = ROOT.parent / "shared" / "corpus" / "gold"
        cpairs = [(p, gold / (Path(p).stem + ".jsonl")) for p in sorted(glob.glob(os.path.join(a.corpus, "*.pdf")))]
        lines.append(line("corpus", run([c for c in cpairs if c[1].exists()], a.repeat)))
    result = "; ".join(lines) + f" (one thread each, best of {a.repeat}, {readme_results.machine()})"
    print(result)
    if a.write_readme:
        readme_results.write("pdf", result)


if __name__ == "__main__":
    main()
