"""Benchmark: how the time of checking c_of_g grows with precision, instances and chain length.

Usage: python benchmarks/scaling.py [--reps 3] [--jobs 1,2] [--sections dps,instances,length]

The derivation is the built-in ``c_of_g`` (C(G) = ... = -log 4 + 2 JSD, 8 steps), checked
with ``ganproof.chain.check``:

* against precision: dps 15, 30, 50, 100 (3 instances, all 8 steps);
* against the number of instances: 1, 2, 3, 4, 6, 8 (dps 30, all 8 steps).  Instances are
  drawn per name, any number of them; ``MAX_INSTANCES`` (8) caps what a user may ask for;
* against chain length: the first k steps of c_of_g, k = 1..8 (dps 30, 3 instances);

each with GANPROOF_JOBS=1 and =2 (the environment variable that
``ganproof.numeric.evaluate.default_jobs`` reads; this machine has 2 cores).

Every figure is the median of --reps runs in this process, rounds interleaved so that
load changes hit every configuration alike, after one warm-up check (so SymPy's cache
is warm: the symbolic part is smaller than in a fresh ``ganproof check``; the first,
cold check is printed too).  "numeric" is the time spent in
``NumericChecker.check_chain``, "symbolic" in ``certify`` (both wrapped here, in this
process; no ganproof code is changed).  "rows" is the number of row values computed
(one row, one instance, one working precision), and "quads" the number of
quadratures (``mpmath.quad`` calls on the mpmath path plus tanh-sinh runs in balls on
the ball path, :data:`ganproof.numeric.balls.STATS`), counted with 1 job only (the workers of 2 jobs are separate
processes).  Not a test: the machine is shared and noisy; the load average is printed.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import platform
import statistics
import sys
import time
from pathlib import Path

try:
    import ganproof  # noqa: F401
except ImportError:  # a checkout that is not installed
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import mpmath

import ganproof.chain.checker as checker
from ganproof.chain import Derivation
from ganproof.library import derivation
from ganproof.numeric.instances import MAX_INSTANCES
from timing import instrument

PARTS = {"symbolic": 0.0, "numeric": 0.0, "rows": 0, "quads": 0}

_quad = mpmath.quad


def _counted_quad(*args, **kw):
    PARTS["quads"] += 1
    return _quad(*args, **kw)


def _ball_quads() -> int:
    from ganproof.numeric.balls import STATS
    return STATS["quadratures"]


instrument(PARTS)
mpmath.quad = _counted_quad  # ganproof.numeric.compile calls mp.quad through the module


def prefix(k: int) -> Derivation:
    """c_of_g with its chain cut after the first k steps."""
    full = derivation("c_of_g")
    (chain,) = full.chains
    return dataclasses.replace(full, name=f"c_of_g[:{k}]", chains=(dataclasses.replace(chain, steps=chain.steps[:k]),))


def run(deriv: Derivation, dps: int, instances: int, jobs: int) -> dict:
    os.environ["GANPROOF_JOBS"] = str(jobs)
    PARTS.update(symbolic=0.0, numeric=0.0, rows=0, quads=0)
    balls_before = _ball_quads()
    t = time.perf_counter()
    report = checker.check(deriv, dps=dps, instances=instances)  # jobs=None: GANPROOF_JOBS
    total = time.perf_counter() - t
    PARTS["quads"] += _ball_quads() - balls_before
    return {"total": total, **PARTS, "ok": report.ok, "steps": len(report.steps),
            "digits": min((s.digits for s in report.steps if s.digits is not None), default=None)}


def load() -> str:
    return "load average " + ", ".join(f"{v:.2f}" for v in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument("--sections", default="dps,instances,length")
    args = parser.parse_args()
    jobs_list = [int(j) for j in args.jobs.split(",")]
    sections = args.sections.split(",")
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"mpmath {mpmath.__version__} ({mpmath.libmp.BACKEND} backend)")
    print(f"start: {time.strftime('%Y-%m-%d %H:%M:%S')}, {load()}")
    full = derivation("c_of_g")
    n_steps = len(full.chains[0].steps)
    cold = run(full, 30, 3, jobs_list[-1])
    print(f"c_of_g: {n_steps} steps; first (cold) check at dps 30, 3 instances, GANPROOF_JOBS={jobs_list[-1]}: "
          f"{cold['total']:.2f} s (symbolic {cold['symbolic']:.2f} s), ok={cold['ok']}")
    print(f"instances: drawn per name; MAX_INSTANCES = {MAX_INSTANCES} (the most a check may ask for)")

    configs: list[tuple[str, str, Derivation, int, int]] = []
    if "dps" in sections:
        configs += [("dps", f"dps {d}", full, d, 3) for d in (15, 30, 50, 100)]
    if "instances" in sections:
        configs += [("instances", f"{n} inst", full, 30, n) for n in (1, 2, 3, 4, 6, 8) if n <= MAX_INSTANCES]
    if "length" in sections:
        configs += [("length", f"k = {k}", prefix(k), 30, 3) for k in range(1, n_steps + 1)]

    results: dict[tuple[str, int], list[dict]] = {}
    for rnd in range(args.reps):
        for _, label, deriv, dps, inst in configs:
            for jobs in jobs_list:
                results.setdefault((label, jobs), []).append(run(deriv, dps, inst, jobs))
        print(f"  round {rnd + 1} of {args.reps} done, {load()}", flush=True)

    def med(label: str, jobs: int, key: str) -> float:
        return statistics.median(r[key] for r in results[(label, jobs)])

    titles = {"dps": "Time against precision (c_of_g, 8 steps, 3 instances)",
              "instances": "Time against instances (c_of_g, 8 steps, dps 30)",
              "length": "Time against chain length (first k steps of c_of_g, dps 30, 3 instances)"}
    for section in [s for s in ("dps", "instances", "length") if s in sections]:
        rows = [c for c in configs if c[0] == section]
        print()
        print(f"{titles[section]}; medians of {args.reps}")
        head = f"{'':<10}"
        for j in jobs_list:
            head += f"{'total j' + str(j):>11}{'numeric':>9}{'symb.':>7}"
        head += f"{'rows':>6}{'quads':>7}{'s/row (j1)':>11}"
        if len(jobs_list) > 1:
            head += f"{'j1/j' + str(jobs_list[-1]):>8}"
        head += f"{'digits':>7}  ok"
        print(head)
        first = jobs_list[0]
        for _, label, _, _, _ in rows:
            line = f"{label:<10}"
            for j in jobs_list:
                line += f"{med(label, j, 'total'):>10.2f}s{med(label, j, 'numeric'):>8.2f}s{med(label, j, 'symbolic'):>6.2f}s"
            rows_n = results[(label, first)][0]["rows"]
            quads = results[(label, first)][0]["quads"] if first == 1 else None
            line += f"{rows_n:>6}{quads if quads is not None else '-':>7}"
            line += f"{med(label, first, 'numeric') / max(rows_n, 1):>10.3f}s"
            if len(jobs_list) > 1:
                line += f"{med(label, first, 'total') / med(label, jobs_list[-1], 'total'):>7.2f}x"
            digits = results[(label, first)][0]["digits"]
            ok = all(r["ok"] for j in jobs_list for r in results[(label, j)])
            line += f"{digits if digits is not None else '-':>7}  {ok}"
            print(line)
    print()
    print("  rows: row values computed (row x instance x working precision; steps without a certificate")
    print("  add a low-precision screen); quads: quadratures run with 1 job (mpmath.quad or in balls); digits: the "
          "worst step's reported digits")
    print(f"end: {time.strftime('%Y-%m-%d %H:%M:%S')}, {load()}")


if __name__ == "__main__":
    main()
