"""Check several derivations at once, one per worker process.

A derivation's own numeric work can run over worker processes too
(:mod:`ganproof.numeric.evaluate`), but its symbolic certification runs in one
process, and a pool forked for every chain costs more than small chains
gain.  With several derivations the cores are better spent one derivation
per worker: every worker certifies and evaluates its derivation alone
(``jobs=1`` inside), and the largest derivations start first so that no core
is left waiting on the last, largest one.

>>> for report in check_all([derivation("c_of_g"), derivation("gibbs")]):  # doctest: +SKIP
...     print(report.name, report.ok)
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor

import sympy as sp

from ganproof.chain.checker import DEFAULT_DPS, DEFAULT_INSTANCES, check
from ganproof.chain.steps import Derivation
from ganproof.chain.verdict import DerivationReport
from ganproof.numeric.evaluate import default_jobs

_WORK: list[tuple[Derivation, int, int]] = []
"""The derivations of the current :func:`check_all`, read by the forked workers by index."""


def _run(i: int) -> DerivationReport:
    deriv, dps, instances = _WORK[i]
    return check(deriv, dps=dps, instances=instances, jobs=1)


def cost(deriv: Derivation) -> int:
    """A rough size of the checking work: nodes of every row, a derivative counting ten."""
    total = 0
    for chain in deriv.chains:
        for row in (chain.start, *(s.rhs for s in chain.steps)):
            for node in sp.preorder_traversal(row):
                total += 10 if isinstance(node, sp.Derivative) else 1
    return total


def check_all(
    derivations: Sequence[Derivation],
    dps: int = DEFAULT_DPS,
    instances: int = DEFAULT_INSTANCES,
    jobs: int | None = None,
) -> Iterator[DerivationReport]:
    """Reports of ``derivations``, yielded in their order as soon as each is ready.

    Checked over ``jobs`` processes (default: GANPROOF_JOBS or the cores), the
    largest first.  One derivation, or one job, is checked in this process,
    with the numeric layer's own workers.
    """
    global _WORK
    jobs = default_jobs() if jobs is None else max(1, jobs)
    if jobs == 1 or len(derivations) == 1 or "fork" not in multiprocessing.get_all_start_methods():
        for d in derivations:
            yield check(d, dps=dps, instances=instances, jobs=jobs)
        return
    _WORK = [(d, dps, instances) for d in derivations]
    try:
        order = sorted(range(len(derivations)), key=lambda i: -cost(derivations[i]))
        ctx = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(min(jobs, len(derivations)), mp_context=ctx) as pool:
            futures: dict[int, Future[DerivationReport]] = {i: pool.submit(_run, i) for i in order}
            for i in range(len(derivations)):
                yield futures[i].result()
    finally:
        _WORK = []


__all__ = ["check_all", "cost"]
