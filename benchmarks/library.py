"""Benchmark: check the whole built-in library and print where the time goes.

Usage: python benchmarks/library.py [--dps 30,50] [--jobs N] [--backends arb,mpmath] [--reps 1]

For each target precision and evaluator backend (``arb``: the ball path with
its mpmath fallback, the default; ``mpmath``: mpmath numbers only, as before
the ball path), every built-in derivation is checked with
``ganproof.chain.check`` (3 instances, 2 working precisions), in this order,
in one process: the first derivation pays for imports and SymPy's cold caches,
as ``ganproof check`` does.  (A second backend or precision in the same run
finds SymPy's and the rules' caches warm: compare its numeric column.)
Printed per derivation: steps, wall seconds, the
seconds in symbolic certification and in numeric cross-checking (this
process's share: with jobs > 1 the evaluation runs in forked workers), row
values computed (row x instance x working precision), the share of them the
ball path computed, cache hits (row values found already computed), and the
worst step's digits; then totals and the slowest steps; then the wall time of
the library and of Theorem 1 checked at once, one derivation per worker
process (``ganproof.chain.parallel.check_all``, what `ganproof check` runs),
each in a fresh process whose caches are cold (imports not counted).

Not a test: timings on a shared machine are noisy; compare ratios within one
run, and use --reps to take medians.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

try:
    import ganproof  # noqa: F401
except ImportError:  # a checkout that is not installed
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import mpmath

import ganproof.chain.checker as checker
from ganproof.library import DERIVATIONS, GROUPS, derivation
from timing import instrument

PARTS: dict[str, float] = {"symbolic": 0.0, "numeric": 0.0, "rows": 0, "balls": 0, "hits": 0}
instrument(PARTS)


def load() -> str:
    return "load average " + ", ".join(f"{v:.2f}" for v in os.getloadavg())


def run_library(dps: int, jobs: int | None) -> list[dict]:
    rows = []
    for name in DERIVATIONS:
        PARTS.update(symbolic=0.0, numeric=0.0, rows=0, balls=0, hits=0)
        t = time.perf_counter()
        report = checker.check(derivation(name), dps=dps, jobs=jobs)
        seconds = time.perf_counter() - t
        digits = [s.digits for s in report.steps if s.digits is not None]
        rows.append({"name": name, "steps": len(report.steps), "seconds": seconds, **PARTS, "ok": report.ok,
                     "digits": min(digits) if digits else None,
                     "slowest": [(s.seconds, name, s.index, s.rule) for s in report.steps]})
    return rows


AT_ONCE = """
import sys, time
from ganproof.chain.parallel import check_all
from ganproof.library import derivation
names, dps, jobs = sys.argv[1].split(","), int(sys.argv[2]), (int(sys.argv[3]) or None)
derivations = [derivation(n) for n in names]
start = time.perf_counter()
reports = list(check_all(derivations, dps=dps, jobs=jobs))
print(time.perf_counter() - start, all(r.ok for r in reports))
"""


def run_at_once(names: list[str], dps: int, jobs: int | None) -> float:
    """Seconds for ``check_all`` of ``names`` in a fresh process (cold caches, as ``ganproof check``)."""
    root = str(Path(__file__).resolve().parent.parent)  # a checkout that is not installed imports too
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)}
    out = subprocess.run([sys.executable, "-c", AT_ONCE, ",".join(names), str(dps), str(jobs or 0)],
                         capture_output=True, text=True, check=True, env=env).stdout.split()
    if out[1] != "True":
        raise SystemExit(f"a derivation of {names} did not check as expected")
    return float(out[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dps", default="30,50", help="target precisions, comma-separated (default 30,50)")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: GANPROOF_JOBS or all cores)")
    parser.add_argument("--backends", default="arb", help="arb, mpmath or arb,mpmath (default arb)")
    parser.add_argument("--reps", type=int, default=1, help="runs per configuration; medians are printed")
    args = parser.parse_args()
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"mpmath {mpmath.__version__} ({mpmath.libmp.BACKEND} backend)")
    print(f"start: {time.strftime('%Y-%m-%d %H:%M:%S')}, {load()}; jobs={args.jobs or 'default'}")
    for dps in [int(d) for d in args.dps.split(",")]:
        for backend in args.backends.split(","):
            os.environ["GANPROOF_BACKEND"] = backend
            runs = [run_library(dps, args.jobs) for _ in range(args.reps)]
            print()
            print(f"dps {dps}, backend {backend}" + (f", medians of {args.reps}" if args.reps > 1 else ""))
            print(f"{'derivation':<24}{'steps':>6}{'seconds':>9}{'symb.':>7}{'numer.':>8}{'rows':>6}"
                  f"{'on arb':>8}{'hits':>6}{'digits':>7}  ok")

            def med(i: int, key: str) -> float:
                return statistics.median(r[i][key] for r in runs)

            first = runs[0]
            for i, row in enumerate(first):
                digits = row["digits"]
                share = f"{100 * row['balls'] / row['rows']:.0f}%" if row["rows"] else "-"
                print(f"{row['name']:<24}{row['steps']:>6}{med(i, 'seconds'):>9.2f}{med(i, 'symbolic'):>7.2f}"
                      f"{med(i, 'numeric'):>8.2f}{row['rows']:>6}{share:>8}{row['hits']:>6}"
                      f"{(f'{digits:.0f}' if digits is not None else '-'):>7}  {all(r[i]['ok'] for r in runs)}")
            totals = [sum(r["seconds"] for r in run) for run in runs]
            t1 = [sum(r["seconds"] for r in run[:6]) for run in runs]
            print(f"total: {sum(r['steps'] for r in first)} steps, {statistics.median(totals):.1f} s "
                  f"(Theorem 1, the first six: {statistics.median(t1):.1f} s); "
                  f"symbolic {sum(r['symbolic'] for r in first):.1f} s, numeric {sum(r['numeric'] for r in first):.1f} s")
            print("slowest steps:")
            steps = sorted((s for r in first for s in r["slowest"]), reverse=True)[:5]
            for secs, name, index, rule in steps:
                print(f"  {name} step {index} ({rule}): {secs:.2f} s")
            whole = [run_at_once(list(DERIVATIONS), dps, args.jobs) for _ in range(args.reps)]
            theorem = [run_at_once(list(GROUPS["theorem1"][1]), dps, args.jobs) for _ in range(args.reps)]
            print(f"at once, one derivation per worker (as `ganproof check`): the library "
                  f"{statistics.median(whole):.1f} s, Theorem 1 {statistics.median(theorem):.1f} s"
                  + (f" (runs: {', '.join(f'{w:.1f}' for w in whole)} and "
                     f"{', '.join(f'{t:.1f}' for t in theorem)})" if args.reps > 1 else ""))
    print()
    print(f"end: {time.strftime('%Y-%m-%d %H:%M:%S')}, {load()}")


if __name__ == "__main__":
    main()
