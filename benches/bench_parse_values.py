"""Times ``jixiao.parse_values`` end to end (Python list in, pandas DataFrame out) on 1,000,000 strings, in two
cases, against a plain-Python regex parser of the same fields (``value_regex.py``) timed in the same run:

* repeated: strings drawn from the hand-labelled target and actual values of the seeds and the corpus, as real
  corpora repeat ``100%``, ``≥95%`` and ``是``;
* distinct: the same strings with a distinct number put in place of their first number, so that no string repeats.

Each timed frame is checked: the repeated rows against the gold labels, the distinct rows against ``parse_value``
one by one on a sample. Prints strings per second and the ratio to the regex parser.

    python benches/bench_parse_values.py [--rows N] [--repeat K] [--baseline-rows M] [--write-readme]

With --write-readme the result replaces the lines between the ``bench:parse_values`` markers in README.md.
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import re
import time
from pathlib import Path

import jixiao
import readme_results
import value_regex

ROOT = Path(__file__).resolve().parent.parent
GOLDS = [ROOT / "tests" / "fixtures" / "values" / f"values_{name}.jsonl" for name in ("seeds", "corpus")]
FIRST_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def best_of(repeat: int, fn) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--baseline-rows", type=int, default=200_000, help="rows timed through the regex parser")
    ap.add_argument("--write-readme", action="store_true")
    args = ap.parse_args()

    gold = [
        json.loads(line) for path in GOLDS for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    rng = random.Random(20261201)
    picks = [rng.randrange(len(gold)) for _ in range(args.rows)]
    repeated = [gold[i]["text"] for i in picks]
    templates = [g["text"] for g in gold if FIRST_NUMBER.search(g["text"])]
    distinct = [FIRST_NUMBER.sub(str(i), templates[i % len(templates)], count=1) for i in range(args.rows)]
    assert len(set(distinct)) == args.rows

    lines = []
    for name, texts in (("repeated", repeated), ("distinct", distinct)):
        seconds, df = best_of(args.repeat, functools.partial(jixiao.parse_values, texts))
        check(name, df, texts, picks, gold)
        sample = texts[: args.baseline_rows]
        base_seconds, base = best_of(1, functools.partial(value_regex.parse_values, sample))
        assert len(base) == len(sample)
        rate, base_rate = args.rows / seconds, len(sample) / base_seconds
        line = (
            f"`parse_values`, {args.rows:,} {name} strings → DataFrame: best of {args.repeat} {seconds:.3f} s = "
            f"**{rate / 1e6:.2f} M strings/s**; a plain-Python regex parser (`benches/value_regex.py`): "
            f"{base_rate / 1e6:.2f} M strings/s, so jixiao is **{rate / base_rate:.0f}×** "
            f"({readme_results.machine()})"
        )
        print(line)
        lines.append(line)
    if args.write_readme:
        readme_results.write("parse_values", "\n\n".join(lines))


def check(name: str, df, texts: list[str], picks: list[int], gold: list[dict]) -> None:
    """The timed frame must be right, or its speed means nothing."""
    if len(df) != len(texts):
        raise SystemExit(f"{name}: {len(df)} rows for {len(texts)} strings")
    kinds = df["kind"].astype(str).tolist()
    units = df["unit"].astype(object).where(df["unit"].notna(), None).tolist()
    if name == "repeated":
        wrong = sum(
            1 for i, k, u in zip(picks, kinds, units, strict=True) if k != gold[i]["kind"] or u != gold[i]["unit"]
        )
    else:
        step = max(1, len(texts) // 2000)
        wrong = sum(
            1
            for j in range(0, len(texts), step)
            if (v := jixiao.parse_value(texts[j])).kind != kinds[j] or v.unit != units[j]
        )
    if wrong:
        raise SystemExit(f"{name}: parse_values gave {wrong} wrong rows")


if __name__ == "__main__":
    main()
