"""Times ``jixiao.score_frame`` end to end (a pandas DataFrame of 1,000,000 indicator rows in, the scored frame
out). The rows are the seeds' self-evaluation rows (target, actual, weight, self-score) repeated; the script
checks that every timed row scored as its source row does, then prints rows per second.

    python benches/bench_score_frame.py [--rows N] [--repeat K] [--write-readme]

With --write-readme the result replaces the line between the ``bench:score_frame`` markers in README.md.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import pandas as pd

import jixiao
import readme_results

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--write-readme", action="store_true")
    args = ap.parse_args()

    scored = jixiao.score(jixiao.read(ROOT / "tests" / "fixtures" / "documents")).indicators
    source = scored[["target", "actual", "weight", "self_score"]].rename(columns={"self_score": "score"})
    reps = -(-args.rows // len(source))
    frame = pd.concat([source] * reps, ignore_index=True).iloc[: args.rows]

    best = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        out = jixiao.score_frame(frame)
        best = min(best, time.perf_counter() - t0)

    # The timed result must be right: each row scores as its source row did in jixiao.score.
    expected = np.tile(scored["standard_score"].to_numpy(), reps)[: args.rows]
    got = out["standard_score"].to_numpy()
    same = (np.isnan(expected) & np.isnan(got)) | np.isclose(expected, got)
    if not same.all() or len(out) != args.rows:
        raise SystemExit(f"score_frame disagreed with score on {int((~same).sum())} of {len(out)} rows")

    line = (
        f"`score_frame`, {args.rows:,} rows → DataFrame: best of {args.repeat} {best:.3f} s = "
        f"**{args.rows / best / 1e6:.2f} M rows/s** ({readme_results.machine()})"
    )
    print(line)
    if args.write_readme:
        readme_results.write("score_frame", line)


if __name__ == "__main__":
    main()
