"""Benchmark: what reading a file costs beside checking it (issue 14: reading at most 10% of a file's check time).

Usage: python benchmarks/reading.py [--reps 3] [FILE ...]

For each file (default: the seeds' example files and the real corpus's files that are read), prints the
median seconds of reading it (``read_path``: layout, directives, lexing, parsing, resolving into SymPy) and
of checking what was read (``check_document`` at dps 30, 3 instances, one process), their ratio, and the same
file's check time in units of one hand-written 30-digit mpmath integral timed in the same run
(``mp.quad`` of a normal density times the log of a logistic one over the real line).  Then the medians
over all files.

Not a test: timings on a shared machine are noisy; compare ratios within one run.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import mpmath as mp  # noqa: E402

from ganproof.errors import InputError  # noqa: E402
from ganproof.reader.check import check_document  # noqa: E402
from ganproof.reader.document import read_path  # noqa: E402


def _integral_seconds(reps: int) -> float:
    def once() -> float:
        t = time.perf_counter()
        with mp.workdps(30):
            mp.quad(lambda x: mp.npdf(x, 0.3, 1.2) * mp.log(mp.exp(-(x + 0.2)) / (1 + mp.exp(-(x + 0.2))) ** 2),
                    [-mp.inf, 0, mp.inf])
        return time.perf_counter() - t
    return statistics.median(once() for _ in range(reps))


def _default_files() -> list[Path]:
    shared = ROOT.parent / "shared" / "examples"
    files = sorted(shared.glob("*.tex")) if shared.is_dir() else []
    files += sorted((ROOT / "tests" / "real" / "cases").glob("*"))
    return [f for f in files if f.suffix in (".tex", ".md")]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("files", nargs="*", type=Path)
    args = ap.parse_args()
    files = args.files or _default_files()
    print(f"machine: {platform.machine()}, {platform.system()} {platform.release()}, Python "
          f"{platform.python_version()}; reps {args.reps}")
    unit = _integral_seconds(max(3, args.reps))
    print(f"one 30-digit mpmath integral: {unit * 1000:.1f} ms")
    print(f"{'file':58} {'read s':>8} {'check s':>8} {'read/check':>10} {'check/integral':>14}")
    ratios, reads, checks = [], [], []
    for f in files:
        read_times = []
        doc = None
        try:
            for _ in range(args.reps):
                t = time.perf_counter()
                doc = read_path(str(f))
                read_times.append(time.perf_counter() - t)
        except InputError:
            continue  # a file that cannot be read has no check to compare with
        assert doc is not None
        t = time.perf_counter()
        check_document(doc, jobs=1)
        check = time.perf_counter() - t
        read = statistics.median(read_times)
        ratios.append(read / check if check else float("inf"))
        reads.append(read)
        checks.append(check)
        print(f"{f.name[:58]:58} {read:8.3f} {check:8.2f} {ratios[-1]:10.1%} {check / unit:14.1f}")
    if ratios:
        print(f"medians over {len(ratios)} files: read {statistics.median(reads):.3f} s, check "
              f"{statistics.median(checks):.2f} s, read/check {statistics.median(ratios):.1%}; "
              f"total read/check {sum(reads) / sum(checks):.1%}")


if __name__ == "__main__":
    main()
