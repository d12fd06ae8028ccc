"""Times ``jixiao.parse_values`` end to end (Python list in, pandas DataFrame out) on 1,000,000 strings drawn from
the gold values of the seeds, checks that the frame it timed is right, and prints strings per second.

    python benches/bench_parse_values.py [--rows N] [--repeat K] [--write-readme]

With --write-readme the result replaces the line between the ``bench:parse_values`` markers in README.md.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

import readme_results

import jixiao

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "fixtures" / "values" / "values_seeds.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--write-readme", action="store_true")
    args = ap.parse_args()

    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    rng = random.Random(20261121)
    picks = [rng.randrange(len(gold)) for _ in range(args.rows)]
    texts = [gold[i]["text"] for i in picks]

    best = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        df = jixiao.parse_values(texts)
        best = min(best, time.perf_counter() - t0)

    # The timed result must be right: every row's kind and unit equal the gold label of the string it came from.
    kinds = df["kind"].astype(str).tolist()
    units = df["unit"].astype(object).where(df["unit"].notna(), None).tolist()
    wrong = sum(1 for i, k, u in zip(picks, kinds, units) if k != gold[i]["kind"] or u != gold[i]["unit"])
    if wrong or len(df) != args.rows:
        raise SystemExit(f"parse_values gave {wrong} wrong rows of {len(df)}")

    rate = args.rows / best
    line = (
        f"`parse_values`, {args.rows:,} strings → DataFrame: best of {args.repeat} {best:.3f} s = "
        f"**{rate / 1e6:.2f} M strings/s** ({readme_results.machine()})"
    )
    print(line)
    if args.write_readme:
        readme_results.write("parse_values", line)


if __name__ == "__main__":
    main()
