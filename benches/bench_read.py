"""Times and measures the Python reading path end to end: a folder of documents → ``jixiao.indicators(folder)``
(read in batches, in parallel in Rust; one DataFrame). The corpus is the five seeds copied N times under distinct
names; the script checks that every copy gives the seeds' 686 indicator rows, then prints files/s, MB/s, rows/s
and the peak memory.

    python benches/bench_read.py [--copies N] [--repeat K] [--what indicators|score] [--write-readme]

Memory is measured in a fresh process that runs only the measured step: the peak resident set (``VmHWM`` on
Linux; ``ru_maxrss`` elsewhere, where a child's figure can start at its parent's) and, apart, how much of it was
there already after ``import jixiao, pandas`` (the interpreter, numpy, pandas and the pyarrow pandas loads); the
growth is the reading and the frame. The same is measured for ``read`` followed by
``indicators`` (every document held before the frame is built), for comparison. ``--what score`` measures
``jixiao.score(folder)`` instead. With --write-readme the result replaces the line between the ``bench:read``
markers in README.md (the default run only).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import jixiao
import readme_results

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "tests" / "fixtures" / "documents").glob("*.txt"))
GOLD_ROWS = 686  # indicator rows of the five seeds (tests/fixtures/reader_gold)

# Run in a fresh interpreter: the peak of one step, and the resident set after the imports it needs.
_MEASURE = """
import json, resource, sys
import jixiao, pandas
def status(key):  # Linux: this process's resident set (VmRSS) and its peak (VmHWM), in MiB
    return [int(l.split()[1]) / 1024 for l in open("/proc/self/status") if l.startswith(key)][0]
def peak_mib():
    try:  # not ru_maxrss, which after fork and exec starts at the parent's resident set
        return status("VmHWM")
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 if sys.platform == "darwin" else 1) / 1024
try:
    base = status("VmRSS")
except OSError:  # elsewhere the peak so far, about the resident set after the imports
    base = peak_mib()
folder, step = sys.argv[1], sys.argv[2]
if step == "stream":
    frame = jixiao.indicators(folder)
elif step == "read-then-frame":
    frame = jixiao.indicators(jixiao.read(folder))
else:
    frame = jixiao.score(folder).indicators
print(json.dumps({"base": base, "peak": peak_mib(), "rows": len(frame),
                  "frame": float(frame.memory_usage(deep=True).sum()) / 2**20}))
"""


def measure(folder: Path, step: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(folder), step], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--what", choices=("indicators", "score"), default="indicators")
    ap.add_argument("--write-readme", action="store_true")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp)
        for i in range(args.copies):
            for seed in SEEDS:
                shutil.copyfile(seed, corpus / f"{i:05d}_{seed.name}")
        files = len(SEEDS) * args.copies
        size = sum(p.stat().st_size for p in corpus.iterdir())
        build = jixiao.indicators if args.what == "indicators" else (lambda f: jixiao.score(f).indicators)

        best = float("inf")
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            frame = build(corpus)
            best = min(best, time.perf_counter() - t0)
            rows = len(frame)
            del frame
        streamed = measure(corpus, "stream" if args.what == "indicators" else "score")
        held = measure(corpus, "read-then-frame") if args.what == "indicators" else None

    # The timed result must be right: every copy read to the seeds' rows.
    if args.what == "indicators" and rows != GOLD_ROWS * args.copies:
        raise SystemExit(f"read {rows} rows; expected {GOLD_ROWS * args.copies}")
    if streamed["rows"] != rows:
        raise SystemExit(f"the measured run gave {streamed['rows']} rows, the timed one {rows}")

    mib = size / 2**20
    grown = streamed["peak"] - streamed["base"]
    call = "`indicators(folder)`" if args.what == "indicators" else "`score(folder)`"
    line = (
        f"{call}, {files:,} files ({size / 1e6:.1f} MB) → DataFrame of {rows:,} rows: best of {args.repeat} "
        f"{best:.2f} s = **{files / best:,.0f} files/s, {size / 1e6 / best:.1f} MB/s, {rows / best:,.0f} rows/s**; "
        f"peak memory {streamed['peak']:,.0f} MiB = {streamed['base']:,.0f} MiB after `import jixiao, pandas` + "
        f"**{grown:,.0f} MiB ({grown / mib:.1f}× the text)** to read and build the frame, which itself takes "
        f"{streamed['frame']:,.0f} MiB"
    )
    if held is not None:
        line += (
            f"; `read` then `indicators` peaks at {held['peak']:,.0f} MiB "
            f"(+{held['peak'] - held['base']:,.0f} MiB, {(held['peak'] - held['base']) / mib:.1f}×)"
        )
    line += f" ({readme_results.machine()})"
    print(line)
    if args.write_readme:
        if args.copies != 200 or args.what != "indicators":
            raise SystemExit("--write-readme records the default run only")
        readme_results.write("read", line)


if __name__ == "__main__":
    main()
