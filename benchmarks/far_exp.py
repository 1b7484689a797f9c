"""Benchmark: exp of far-out arguments, mpmath's own against the reduction by ln 2 the families use.

Usage: python benchmarks/far_exp.py [--reps 5]

A tanh-sinh node far out in the tail of an integral over the line, squared (a Gaussian's or a bump
discriminator's exponent), is an integer-valued mpf of hundreds of digits; above 600 bits of precision
mpmath's exp raises e to that integer power, one squaring per bit.  Printed per precision and magnitude:
the median time of one call of ``mp.exp`` and of ``ganproof.numeric.families._exp_by_ln2`` and their
ratio, with the machine.  Not a test: timings on a shared machine are noisy; compare ratios in one run.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import mpmath  # noqa: E402
from mpmath import mp  # noqa: E402

from ganproof.numeric.families import _exp_by_ln2  # noqa: E402


def median_seconds(fn, reps: int) -> float:
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"mpmath {mpmath.__version__} (backend {mpmath.libmp.BACKEND})")
    print(f"{'bits':>5} {'|u|':>7} {'mp.exp ms':>10} {'by ln2 ms':>10} {'ratio':>7}")
    for bits in (100, 700, 1300):
        for digits in (10, 100, 300, 600):
            with mp.workprec(bits):
                u = -mp.floor(mpmath.mpf(10) ** digits)
                a = median_seconds(lambda: mp.exp(u), args.reps)
                b = median_seconds(lambda: _exp_by_ln2(u), args.reps)
            print(f"{bits:>5} {'1e' + str(digits):>7} {a * 1e3:>10.3f} {b * 1e3:>10.3f} {a / b:>7.1f}")


if __name__ == "__main__":
    main()
