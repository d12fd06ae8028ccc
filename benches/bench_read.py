"""Times the Python reading path end to end: a folder of documents → ``jixiao.read`` (parallel, in Rust) →
``jixiao.indicators`` (one DataFrame). The corpus is the five seeds copied N times under distinct names; the
script checks that every copy gives the seeds' 686 indicator rows, then prints files/s, MB/s and rows/s.

    python benches/bench_read.py [--copies N] [--repeat K] [--write-readme]

With --write-readme the result replaces the line between the ``bench:read`` markers in README.md.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

import readme_results

import jixiao

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "tests" / "fixtures" / "documents").glob("*.txt"))
GOLD_ROWS = 686  # indicator rows of the five seeds (tests/fixtures/reader_gold)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--write-readme", action="store_true")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp)
        for i in range(args.copies):
            for seed in SEEDS:
                shutil.copyfile(seed, corpus / f"{i:05d}_{seed.name}")
        files = len(SEEDS) * args.copies
        size = sum(p.stat().st_size for p in corpus.iterdir())

        best = float("inf")
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            docs = jixiao.read(corpus)
            frame = jixiao.indicators(docs)
            best = min(best, time.perf_counter() - t0)

    # The timed result must be right: every copy read to the seeds' rows.
    if len(docs) != files or len(frame) != GOLD_ROWS * args.copies:
        raise SystemExit(f"read {len(docs)} documents and {len(frame)} rows; expected {files} and "
                         f"{GOLD_ROWS * args.copies}")

    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    line = (
        f"`read` + `indicators`, {files:,} files ({size / 1e6:.1f} MB) → DataFrame of {len(frame):,} rows: "
        f"best of {args.repeat} {best:.2f} s = **{files / best:,.0f} files/s, {size / 1e6 / best:.1f} MB/s, "
        f"{len(frame) / best:,.0f} rows/s**; peak memory {peak_mib:,.0f} MiB ({readme_results.machine()})"
    )
    print(line)
    if args.write_readme:
        readme_results.write("read", line)


if __name__ == "__main__":
    main()
