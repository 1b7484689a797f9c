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
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, wait
from typing import Any

import sympy as sp

from ganproof.chain.checker import DEFAULT_DPS, DEFAULT_INSTANCES, check
from ganproof.chain.steps import Derivation
from ganproof.chain.verdict import DerivationReport, StepResult
from ganproof.numeric.evaluate import default_jobs

_WORK: list[tuple[Derivation, int, int]] = []
"""The derivations of the current :func:`check_all`, read by the forked workers by index."""
_STEPS: Any = None
"""The queue on which forked workers report each step they finish (None: nobody listens)."""

Progress = Callable[[str, StepResult], None]
"""Called with a derivation's name and each step's result as it is found (in whichever worker)."""


def _run(i: int) -> DerivationReport:
    deriv, dps, instances = _WORK[i]
    steps = _STEPS
    if steps is None:
        return check(deriv, dps=dps, instances=instances, jobs=1)
    return check(deriv, dps=dps, instances=instances, jobs=1,
                 progress=lambda result: steps.put((deriv.name, result)))


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
    progress: Progress | None = None,
) -> Iterator[DerivationReport]:
    """Reports of ``derivations``, yielded in their order as soon as each is ready.

    Checked over ``jobs`` processes (default: GANPROOF_JOBS or the cores), the
    largest first.  One derivation, or one job, is checked in this process,
    with the numeric layer's own workers.  ``progress(name, step)`` hears of
    every step as it is found, in this process, whichever worker found it.
    """
    global _WORK, _STEPS
    jobs = default_jobs() if jobs is None else max(1, jobs)
    if jobs == 1 or len(derivations) == 1 or "fork" not in multiprocessing.get_all_start_methods():
        for d in derivations:
            hook = None if progress is None else (lambda result, name=d.name: progress(name, result))
            yield check(d, dps=dps, instances=instances, jobs=jobs, progress=hook)
        return
    ctx = multiprocessing.get_context("fork")
    _WORK = [(d, dps, instances) for d in derivations]
    _STEPS = ctx.SimpleQueue() if progress is not None else None
    try:
        order = sorted(range(len(derivations)), key=lambda i: -cost(derivations[i]))
        with ProcessPoolExecutor(min(jobs, len(derivations)), mp_context=ctx) as pool:
            futures: dict[int, Future[DerivationReport]] = {i: pool.submit(_run, i) for i in order}
            try:
                for i in range(len(derivations)):
                    while progress is not None and not futures[i].done():
                        _drain(_STEPS, progress)
                        wait([futures[i]], timeout=0.1)
                    if progress is not None:
                        _drain(_STEPS, progress)
                    yield futures[i].result()
            except GeneratorExit:
                # the reader stopped (a closed pipe, an interrupt): the derivations not yet started are dropped
                pool.shutdown(wait=False, cancel_futures=True)
                raise
    finally:
        _WORK, _STEPS = [], None


def _drain(steps: Any, progress: Progress) -> None:
    """Pass on every step reported so far."""
    while not steps.empty():
        name, result = steps.get()
        progress(name, result)


__all__ = ["check_all", "cost"]
