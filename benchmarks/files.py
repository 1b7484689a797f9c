"""Benchmark: files per minute for `ganproof check DIR` on a generated corpus (a class's derivations).

Usage: python benchmarks/files.py [--copies 4] [--jobs 1,2] [--reps 1]

The corpus: every example derivation (examples/*.tex and tests/examples/*.tex),
``--copies`` times each, every other copy with a planted slip (the first
``\\log 4`` becomes ``\\log 2``, or the first ``\\frac{1}{2}`` becomes ``2``, where the
file has one), plus one unreadable file per copy (an unclosed brace), so
that the corpus looks like a class's submissions: most right, some wrong,
a few broken.  It is written to a temporary folder and checked with
``ganproof.reader.batch.check_files`` (what `ganproof check DIR` runs) at
dps 30, 3 instances, for each --jobs value.  Printed: files, seconds, files
per minute, and the status counts (which must not depend on --jobs).

Not a test: timings on a shared machine are noisy; compare ratios within one run.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
try:
    import ganproof  # noqa: F401
except ImportError:  # a checkout that is not installed
    sys.path.insert(0, str(ROOT))

from ganproof.reader.batch import check_files, derivation_files  # noqa: E402

SLIPS = ((r"\log 4", r"\log 2"), (r"\frac{1}{2}", "2"))


def corpus(folder: Path, copies: int) -> list[str]:
    sources = sorted([*ROOT.glob("examples/*.tex"), *ROOT.glob("tests/examples/*.tex")])
    for k in range(copies):
        for src in sources:
            text = src.read_text()
            if k % 2 == 1:
                for old, new in SLIPS:
                    if old in text:
                        text = text.replace(old, new, 1)
                        break
            (folder / f"{src.stem}_{k}.tex").write_text(text)
        (folder / f"broken_{k}.tex").write_text("\\begin{align}\n  V(G, D) &= \\frac{1}{2\n\\end{align}\n")
    return derivation_files([str(folder)])


def load() -> str:
    return "load average " + ", ".join(f"{v:.2f}" for v in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=4, help="copies of each example (default 4)")
    parser.add_argument("--jobs", default="1,2", help="worker processes to compare (default 1,2)")
    parser.add_argument("--reps", type=int, default=1, help="runs per --jobs value; medians are printed")
    args = parser.parse_args()
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"start: {time.strftime('%Y-%m-%d %H:%M:%S')}, {load()}")
    with tempfile.TemporaryDirectory() as tmp:
        paths = corpus(Path(tmp), args.copies)
        print(f"corpus: {len(paths)} files ({args.copies} copies of each example, every other one with a slip, "
              f"and {args.copies} unreadable files)")
        print(f"{'jobs':>5}{'seconds':>10}{'files/min':>11}  status counts (0 ok, 1 wrong or unchecked, 2 unreadable)")
        for jobs in [int(j) for j in args.jobs.split(",")]:
            times, counts = [], None
            for _ in range(args.reps):
                start = time.perf_counter()
                outcomes = check_files(paths, dps=30, instances=3, jobs=jobs)
                times.append(time.perf_counter() - start)
                counts = {k: sum(1 for o in outcomes if o.status == k) for k in (0, 1, 2)}
            secs = statistics.median(times)
            print(f"{jobs:>5}{secs:>10.1f}{len(paths) / secs * 60:>11.1f}  {counts}")
    print(f"end: {time.strftime('%Y-%m-%d %H:%M:%S')}, {load()}")


if __name__ == "__main__":
    main()
