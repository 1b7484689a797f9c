"""Numeric evaluation of vocabulary expressions by mpmath quadrature.

An expression is unfolded by its operators' definitions (never by the
rules' rewrites: LOTUS, linearity, log algebra are what the numbers must
check independently), compiled into a closure, and evaluated at two working
precisions.  The closure is first built over arb balls
(:mod:`ganproof.numeric.compile_ball`: mpmath's tanh-sinh quadrature summed
in ball arithmetic, about ten times faster, with a rigorous bound on its
rounding error); a row that path cannot finish is compiled over mpmath
numbers (:mod:`ganproof.numeric.compile`), which alone reports failures.
Every quadrature is split at the densities' modes and means, and its error
estimate is recorded.  A value counts only with the digits that both
precisions and the error estimates support; NaN, infinity or a failed
evaluation is reported, never agreement.

The work is organised in tasks, one per instance and working precision: a
task evaluates every row of a chain with one compiler, so that densities,
logarithms and whole integrals shared by several rows are computed once.
Tasks run in parallel over forked worker processes.

Precision is set only inside ``mpmath.workdps`` contexts.
"""

from __future__ import annotations

import math
import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache

import mpmath as mp
import sympy as sp

from ganproof.numeric import limits
from ganproof.numeric.ball_families import Unsupported
from ganproof.numeric.balls import GUARD, bound, to_mpf, workprec
from ganproof.numeric.compile import Compiler, NumericFailure
from ganproof.numeric.compile_ball import BallCompiler
from ganproof.numeric.instances import Instance
from ganproof.rules.algebra import canonical_variables, map_bottom_up
from ganproof.vocabulary.context import Context
from ganproof.vocabulary.operators import GanOperator, SampleMean

LOW_EXTRA = 6
HIGH_EXTRA = 15
"""Every expression is evaluated at dps + LOW_EXTRA and dps + HIGH_EXTRA working digits;
its value counts with the digits on which the two agree (and that the quadrature
error estimates support)."""


@dataclass(frozen=True)
class Evaluation:
    """The value of an expression on an instance, with the digits it can be trusted to.

    ``error`` is an absolute bound on the value's error (the gap between the two
    working precisions, the quadrature error estimates and the balls' radii);
    ``scale`` the magnitude of the parts that make the value up (its own size,
    and the integral of |f| of every integral in it): an error bound is small
    only when it is small against that scale (see
    :func:`ganproof.chain.numeric_check.compare`).  None: derived from ``digits``.
    """

    value: mp.mpf | None
    digits: float
    reason: str | None = None
    infinite: bool = False
    error: mp.mpf | None = None
    scale: mp.mpf | None = None
    lost: mp.mpf | None = None
    """The smallest ratio |term| / |sum| of a nonzero term of a sum in it (outside integrands) that both
    precisions found (see :attr:`ganproof.numeric.dispatch.ClosureCompiler.lost`), or None."""

    @property
    def bound(self) -> mp.mpf:
        """The absolute error bound (from ``digits`` relative to max(1, |value|) when none was given)."""
        if self.error is not None:
            return self.error
        if self.value is None or self.digits == math.inf:
            return mp.mpf(0)
        return mp.mpf(10) ** (-self.digits) * max(mp.mpf(1), abs(self.value))

    @property
    def magnitude(self) -> mp.mpf:
        """The magnitude of the parts (at least |value|)."""
        size = abs(self.value) if self.value is not None else mp.mpf(0)
        return size if self.scale is None else max(size, self.scale)

    @property
    def ok(self) -> bool:
        return self.value is not None and self.reason is None


@dataclass(frozen=True)
class RawValue:
    """One expression on one instance at one working precision, before the two precisions meet."""

    value: mp.mpf | None
    error: mp.mpf
    """The worst relative error estimate of the quadratures it used."""
    reason: str | None = None
    infinite: bool = False
    path: str = "mpmath"
    """Which arithmetic computed it: ``arb`` (the ball path) or ``mpmath``."""
    scale: mp.mpf = mp.mpf(0)
    """The largest integral of |f| over the integrals it used (0 without integrals)."""
    lost: mp.mpf | None = None
    """The smallest ratio |term| / |sum| of a nonzero term of its sums (outside integrands), or None."""


def _unfold(expr: sp.Expr, ctx: Context) -> sp.Expr:
    """Expand the vocabulary's operators by their definitions, down to integrals."""

    def step(node: sp.Basic) -> sp.Basic:
        if isinstance(node, GanOperator):
            if isinstance(node, SampleMean):
                try:
                    return _unfold(node.unfold(ctx), ctx)
                except LookupError as exc:
                    raise NumericFailure(str(exc)) from None
            return _unfold(node.unfold(ctx), ctx)
        return node

    return map_bottom_up(expr, step)


def _numeric_bound(b: sp.Basic) -> bool:
    return isinstance(b, sp.Rational) or b in (sp.S.Infinity, sp.S.NegativeInfinity)


def _merge_integrals(expr: sp.Expr) -> sp.Expr:
    """Sums of constant multiples of integrals become one integral per elementary interval.

    Integrals over the same domain are merged into one; integrals over nested
    or overlapping intervals with numeric bounds are cut at every bound, and
    each piece integrates the sum of the integrands that cover it, so that
    ``int f - int_{-30}^{30} f`` is the integral of f over the two tails (a
    truncation shows as what it is, not as the difference of two values of
    the same size).  A reversed integral (lower bound above the upper) counts
    with its sign flipped: int_b^a f = -int_a^b f.  Linearity holds for
    integrals that converge; the checker only judges a merged difference when
    each side has a finite value of its own.
    """

    def step(node: sp.Basic) -> sp.Basic:
        if not isinstance(node, sp.Add):
            return node
        groups: dict[object, list[tuple[sp.Expr, sp.Expr, sp.Basic, sp.Basic]]] = {}
        rest: list[sp.Expr] = []
        for term in node.args:
            factors = sp.Mul.make_args(term)
            integrals = [f for f in factors if isinstance(f, sp.Integral) and len(f.limits) == 1
                         and len(f.limits[0]) == 3]
            if len(integrals) != 1:
                rest.append(term)
                continue
            integral = integrals[0]
            var, lo, hi = integral.limits[0]
            coeff = sp.Mul(*[f for f in factors if f is not integral])
            if var in coeff.free_symbols or coeff.has(sp.Integral):
                rest.append(term)
                continue
            unit = sp.Dummy("t", real=True)
            body = coeff * integral.function.xreplace({var: unit})
            if _numeric_bound(lo) and _numeric_bound(hi):
                if bool(lo > hi):
                    lo, hi, body = hi, lo, -body
                groups.setdefault("numeric", []).append((body, unit, lo, hi))
            else:
                groups.setdefault((lo, hi), []).append((body, unit, lo, hi))
        if not groups or sum(len(g) for g in groups.values()) < 2:
            return node
        merged = []
        for items in groups.values():
            common = items[0][1]
            cuts = sorted(set([b for _, _, lo, hi in items for b in (lo, hi)]), key=_bound_key)
            pieces = list(zip(cuts, cuts[1:])) if len(cuts) > 2 else [(items[0][2], items[0][3])]
            for a, b in pieces:
                covering = [body.xreplace({unit: common}) for body, unit, lo, hi in items
                            if _covers(lo, hi, a, b)]
                # one domain: kept as written (as before); cut pieces: exact cancellation leaves no integral
                total = sp.Add(*covering, evaluate=len(pieces) > 1)
                if covering and total != 0:
                    merged.append(sp.Integral(total, (common, a, b)))
        return sp.Add(*rest, *merged, evaluate=False)

    return map_bottom_up(expr, step)


def _bound_key(b: sp.Basic) -> tuple[int, object]:
    if b == sp.S.NegativeInfinity:
        return (-1, 0)
    if b == sp.S.Infinity:
        return (1, 0)
    return (0, b) if isinstance(b, sp.Rational) else (0, str(b))


def _covers(lo: sp.Basic, hi: sp.Basic, a: sp.Basic, b: sp.Basic) -> bool:
    """True when [a, b] lies in [lo, hi] (symbolic bounds: when they are the same)."""
    if (lo, hi) == (a, b):
        return True
    if not all(_numeric_bound(v) for v in (lo, hi, a, b)):
        return False
    return bool(lo <= a) and bool(b <= hi)


def _digits(a: mp.mpf, b: mp.mpf) -> float:
    """Decimal digits to which a and b agree, relative to max(1, |b|)."""
    diff = abs(a - b)
    if diff == 0:
        return math.inf
    return float(-mp.log10(diff / max(mp.mpf(1), abs(b))))


Task = tuple[Context, tuple[sp.Expr, ...], Instance, int]
_TASKS: list[Task] = []


def evaluate_rows(ctx: Context, rows: Sequence[sp.Expr], inst: Instance, dps: int) -> list[RawValue]:
    """Every row on ``inst`` at ``dps`` working digits, with one compiler so that work is shared.

    Each row is tried in ball arithmetic first (:mod:`ganproof.numeric.compile_ball`,
    about ten times faster); a row the ball path cannot finish is computed
    with mpmath, which alone decides failures and infinities.
    """
    compiler = Compiler(inst)
    out = []
    with mp.workdps(dps):
        balls = BallCompiler(inst, mp.mp.prec) if backend() == "arb" else None
        for row in rows:
            seconds = limits.row_seconds()
            if seconds <= 0:
                out.append(RawValue(None, mp.mpf(0), f"timed out: the step's numeric budget of "
                                    f"{limits.STEP_SECONDS:g} s is spent (one row, one instance, {dps} digits)"))
                continue
            try:
                with limits.time_limit(seconds):
                    prepared = prepare(row, ctx)
                    fast = _ball_row(balls, prepared) if balls is not None else None
                    if fast is not None:
                        out.append(fast)
                        continue
                    compiler.reset()
                    value = +compiler.compile(prepared)({})
            except limits.TimedOut as exc:
                out.append(RawValue(None, mp.mpf(0), f"{exc} (one row, one instance, {dps} digits)"))
                continue
            except NumericFailure as exc:
                out.append(RawValue(None, mp.mpf(0), str(exc), infinite="not finite" in str(exc)))
                continue
            except (ZeroDivisionError, OverflowError, ValueError, TypeError, MemoryError) as exc:
                out.append(RawValue(None, mp.mpf(0), f"evaluation failed: {exc}"))
                continue
            if not isinstance(value, mp.mpf):
                # a real-valued row has a real value or none: a complex number is no value, never agreement
                out.append(RawValue(None, mp.mpf(0), f"no real value (the computation gave {mp.nstr(value, 8)})"))
                continue
            if not mp.isfinite(value):
                out.append(RawValue(None, mp.mpf(0), "the value is not finite", infinite=True))
                continue
            out.append(RawValue(value, compiler.worst, scale=compiler.scale, lost=compiler.lost))
    return out


MIN_PARALLEL_ROWS = 6
"""Row values (row x instance x precision) below which :meth:`Evaluator.compute` does not fork workers."""

BACKENDS = ("arb", "mpmath")


def backend() -> str:
    """The arithmetic of the evaluator's first attempt at a row: GANPROOF_BACKEND, else ``arb``.

    ``mpmath`` turns the ball path off (every row is computed with mpmath
    numbers): for comparisons in benchmarks and tests.
    """
    env = os.environ.get("GANPROOF_BACKEND", "arb")
    return env if env in BACKENDS else "arb"


def _ball_row(balls: BallCompiler, prepared: sp.Expr) -> RawValue | None:
    """``prepared`` in ball arithmetic, or None when the ball path cannot finish it."""
    balls.reset()
    try:
        with workprec(balls.prec + GUARD):
            value = balls.compile(prepared)({})
    except (Unsupported, NumericFailure, ZeroDivisionError, OverflowError, ValueError, FloatingPointError,
            LookupError):
        return None
    if not value.is_finite():
        return None
    size = max(mp.mpf(1), bound(value))
    return RawValue(+to_mpf(value), max(balls.worst, bound(value.rad()) / size), path="arb", scale=balls.scale,
                    lost=balls.lost)


@lru_cache(maxsize=4096)
def prepare(expr: sp.Expr, ctx: Context) -> sp.Expr:
    """``expr`` unfolded to integrals, sums of integrals merged, bound variables canonical.

    Remembered: a row is evaluated on every instance at two precisions, and
    :meth:`Evaluator.compute` prepares its rows before it forks its workers.
    """
    return canonical_variables(_merge_integrals(_unfold(sp.sympify(expr), ctx)))


def _warm(ctx: Context, rows: Sequence[sp.Expr]) -> None:
    """Prepare ``rows`` in this process (a row that cannot be prepared fails later, in its task)."""
    for row in rows:
        try:
            prepare(row, ctx)
        except Exception:  # noqa: BLE001 - reported by the task that evaluates the row
            pass


def combine(low: RawValue, high: RawValue) -> Evaluation:
    """One value from two precisions: trusted to the digits on which they and the error estimates agree."""
    for raw in (low, high):
        if raw.reason is not None or raw.value is None:
            return Evaluation(None, 0.0, raw.reason or "evaluation failed", infinite=raw.infinite)
    assert low.value is not None and high.value is not None  # the loop above returned otherwise
    agree = _digits(low.value, high.value)
    err_digits = math.inf if high.error == 0 else float(-mp.log10(high.error))
    digits = min(agree, err_digits)
    # absolute: the gap between the precisions plus the estimates (relative to max(1, |value|), as recorded)
    error = abs(low.value - high.value) + high.error * max(mp.mpf(1), abs(high.value))
    scale = max(abs(high.value), low.scale, high.scale)
    if digits < 1:
        # the two precisions (or the error estimate) do not support even one digit: the quadrature
        # did not converge, and the value is no evidence of anything
        return Evaluation(None, 0.0, f"the quadrature did not converge (not one digit is supported: "
                                     f"{mp.nstr(low.value, 6)} at one precision, {mp.nstr(high.value, 6)} at the other)")
    return Evaluation(high.value, max(digits, 0.0), error=error, scale=scale, lost=_lost(low.lost, high.lost))


def _lost(low: mp.mpf | None, high: mp.mpf | None) -> mp.mpf | None:
    """The smallest term-to-sum ratio, when both precisions found one of about the same size.

    A term made by the objects (e^-2000 from a saturated discriminator) has one size at every
    precision; a rounding residue (an integral of zero computed as 10^-60) shrinks as the precision
    grows, and is not counted.
    """
    if low is None or high is None or low == 0 or high == 0:
        return None
    return high if abs(mp.log10(high / low)) < 1 else None


def _run_task(i: int) -> list[RawValue]:
    ctx, rows, inst, dps = _TASKS[i]
    return evaluate_rows(ctx, rows, inst, dps)


def default_jobs() -> int:
    """Worker processes for numeric evaluation: GANPROOF_JOBS, else the number of cores."""
    env = os.environ.get("GANPROOF_JOBS")
    if env and env.isdigit() and int(env) > 0:
        return int(env)
    return max(1, os.cpu_count() or 1)


def run_tasks(tasks: Sequence[Task], jobs: int) -> list[list[RawValue]]:
    """Run evaluation tasks, over ``jobs`` forked worker processes when there is more than one."""
    global _TASKS
    _TASKS = list(tasks)
    try:
        if jobs > 1 and len(tasks) > 1 and "fork" in multiprocessing.get_all_start_methods():
            ctx = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(min(jobs, len(tasks)), mp_context=ctx) as pool:
                return list(pool.map(_run_task, range(len(tasks)), chunksize=1))
        return [_run_task(i) for i in range(len(tasks))]
    finally:
        _TASKS = []


class Evaluator:
    """Expression x instance x working precision -> raw value, cached; two precisions -> an Evaluation.

    :meth:`compute` evaluates many expressions at once: one task per instance
    and working precision, sharing its work across the expressions (see
    :mod:`ganproof.numeric.compile`), the tasks over worker processes.
    """

    def __init__(self, ctx: Context, jobs: int = 1) -> None:
        self.ctx = ctx
        self.jobs = jobs
        self._raw: dict[tuple[sp.Basic, Instance, int], RawValue] = {}
        self.evaluations = 0
        """Row values computed (one row, one instance, one working precision)."""
        self.hits = 0
        """Row values found in the cache."""
        self.on_balls = 0
        """Row values computed in ball arithmetic (the rest fell back to mpmath numbers)."""

    def compute(self, pairs: Sequence[tuple[sp.Expr, Instance]], working: Sequence[int]) -> None:
        """Compute every pair at every working precision (digits) that is not cached yet."""
        todo: dict[tuple[Instance, int], list[sp.Expr]] = {}
        for e, i in dict.fromkeys(pairs):
            for w in working:
                if (e, i, w) in self._raw:
                    self.hits += 1
                else:
                    todo.setdefault((i, w), []).append(e)
        if not todo:
            return
        # the most precise tasks first: they take longest, so the workers finish together
        keys = sorted(todo, key=lambda k: -k[1])
        _warm(self.ctx, list(dict.fromkeys(e for rows in todo.values() for e in rows)))
        # a handful of rows (one expression on one instance) is done before a pool would have forked
        rows = sum(len(v) for v in todo.values())
        results = run_tasks([(self.ctx, tuple(todo[k]), k[0], k[1]) for k in keys],
                            self.jobs if rows >= MIN_PARALLEL_ROWS else 1)
        for (inst, w), values in zip(keys, results):
            for row, raw in zip(todo[(inst, w)], values):
                self._raw[(row, inst, w)] = raw
            self.evaluations += len(values)
            self.on_balls += sum(raw.path == "arb" for raw in values)

    def raw(self, expr: sp.Expr, inst: Instance, working: int) -> RawValue:
        """``expr`` on ``inst`` at ``working`` digits (computed now if it is not cached)."""
        self.compute([(expr, inst)], [working])
        return self._raw[(expr, inst, working)]

    def evaluation(self, expr: sp.Expr, inst: Instance, low: int, high: int) -> Evaluation:
        """``expr`` on ``inst`` trusted to the digits on which the working precisions ``low`` and ``high`` agree."""
        self.compute([(expr, inst)], [low, high])
        return combine(self._raw[(expr, inst, low)], self._raw[(expr, inst, high)])

    def prefetch(self, pairs: Sequence[tuple[sp.Expr, Instance]], dps: int) -> None:
        """Compute every pair at the two working precisions of target ``dps``."""
        self.compute(pairs, [dps + HIGH_EXTRA, dps + LOW_EXTRA])

    def evaluate(self, expr: sp.Expr, inst: Instance, dps: int) -> Evaluation:
        """``expr`` on ``inst`` for target ``dps``: at ``dps + LOW_EXTRA`` and ``dps + HIGH_EXTRA`` digits."""
        return self.evaluation(expr, inst, dps + LOW_EXTRA, dps + HIGH_EXTRA)
