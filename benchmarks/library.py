"""Benchmark: check the whole built-in library and print where the time goes.

Usage: python benchmarks/library.py [--dps 30] [--jobs N]
Prints the machine, the wall time, steps, and the slowest steps.  Not a
test: timings on a shared machine are noisy; compare ratios within one run.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

try:
    import ganproof  # noqa: F401
except ImportError:  # a checkout that is not installed
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import mpmath

from ganproof.chain import check
from ganproof.library import DERIVATIONS, derivation


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dps", type=int, default=30)
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"mpmath {mpmath.__version__} ({mpmath.libmp.BACKEND} backend)")
    start = time.perf_counter()
    rows = []
    for name in DERIVATIONS:
        t = time.perf_counter()
        report = check(derivation(name), dps=args.dps, jobs=args.jobs)
        rows.append((name, time.perf_counter() - t, report))
    wall = time.perf_counter() - start
    print(f"{'derivation':<24}{'steps':>6}{'seconds':>10}  ok")
    for name, secs, report in rows:
        print(f"{name:<24}{len(report.steps):>6}{secs:>10.1f}  {report.ok}")
    steps = [(s.seconds, name, s.index, s.rule) for name, _, r in rows for s in r.steps]
    print(f"total: {sum(len(r.steps) for _, _, r in rows)} steps, {wall:.1f} s wall at dps {args.dps}")
    print("slowest steps:")
    for secs, name, index, rule in sorted(steps, reverse=True)[:5]:
        print(f"  {name} step {index} ({rule}): {secs:.1f} s")


if __name__ == "__main__":
    main()
