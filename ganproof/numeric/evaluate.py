"""Numeric evaluation of vocabulary expressions by mpmath quadrature.

An expression is unfolded by its operators' definitions (never by the
rules' rewrites: LOTUS, linearity, log algebra are what the numbers must
check independently), compiled once into a closure over mpmath, and
evaluated at two working precisions.  Every quadrature is split at the
densities' modes and means, and its error estimate is recorded.  A value
counts only with the digits that both precisions and the error estimates
support; NaN, infinity or a failed evaluation is reported, never agreement.

Precision is set only inside ``mpmath.workdps`` contexts.
"""

from __future__ import annotations

import math
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import mpmath as mp
import sympy as sp
from sympy.core.function import AppliedUndef

from ganproof.numeric.families import exp_guarded
from ganproof.numeric.instances import Instance
from ganproof.vocabulary.context import Context
from ganproof.vocabulary.operators import GanOperator, SampleMean

Env = dict[sp.Symbol, mp.mpf]

LOW_EXTRA = 6
HIGH_EXTRA = 15
"""Every expression is evaluated at dps + LOW_EXTRA and dps + HIGH_EXTRA working digits;
its value counts with the digits on which the two agree (and that the quadrature
error estimates support)."""
Compiled = Callable[[Env], mp.mpf]


class NumericFailure(Exception):
    """An expression could not be evaluated on an instance (the reason says why)."""


@dataclass(frozen=True)
class Evaluation:
    """The value of an expression on an instance, with the digits it can be trusted to."""

    value: mp.mpf | None
    digits: float
    reason: str | None = None
    infinite: bool = False

    @property
    def ok(self) -> bool:
        return self.value is not None and self.reason is None


class _Accumulator:
    """Collects the worst relative error estimate of the quadratures of one evaluation."""

    def __init__(self) -> None:
        self.worst = mp.mpf(0)

    def record(self, value: mp.mpf, err: mp.mpf) -> None:
        rel = abs(err) / max(mp.mpf(1), abs(value))
        if rel > self.worst:
            self.worst = rel


def _unfold(expr: sp.Expr, ctx: Context) -> sp.Expr:
    """Expand the vocabulary's operators by their definitions, down to integrals."""
    from ganproof.rules.algebra import map_bottom_up

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


def _merge_integrals(expr: sp.Expr) -> sp.Expr:
    """Sums of constant multiples of integrals over the same domain become one integral.

    Quadrature is linear on a fixed set of nodes, so this changes no value; it
    halves the number of quadratures in rows such as a + c int f + d int g.
    """
    from ganproof.rules.algebra import map_bottom_up

    def step(node: sp.Basic) -> sp.Basic:
        if not isinstance(node, sp.Add):
            return node
        groups: dict[tuple[sp.Basic, sp.Basic], list[sp.Expr]] = {}
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
            groups.setdefault((lo, hi), []).append(coeff * integral.function.xreplace({var: unit}))
            groups[(lo, hi)].append(unit)  # marker: the variable of this term
        merged = []
        for (lo, hi), items in groups.items():
            terms, units = items[0::2], items[1::2]
            common = units[0]
            body = sp.Add(*(t.xreplace({u: common}) for t, u in zip(terms, units)), evaluate=False)
            merged.append(sp.Integral(body, (common, lo, hi)))
        return sp.Add(*rest, *merged, evaluate=False) if merged else node

    return map_bottom_up(expr, step)


def _one_minus(node: sp.Expr, discs: set[str]) -> AppliedUndef | None:
    """D(a) when ``node`` is 1 - D(a) for a discriminator D."""
    if isinstance(node, sp.Add) and len(node.args) == 2 and sp.S.One in node.args:
        other = node.args[0] if node.args[1] == sp.S.One else node.args[1]
        neg = -other
        if isinstance(neg, AppliedUndef) and neg.func.__name__ in discs:
            return neg
    return None


class _Compiler:
    def __init__(self, ctx: Context, inst: Instance, acc: _Accumulator) -> None:
        self.ctx = ctx
        self.inst = inst
        self.acc = acc
        self.dens = dict(inst.densities)
        self.discs = dict(inst.discriminators)
        self.gens = dict(inst.generators)
        self.values = dict(inst.values)

    def split_points(self, lo: sp.Expr, hi: sp.Expr, body: sp.Expr) -> list[mp.mpf]:
        """The interval split at the modes and means of the densities in ``body``."""
        a = -mp.inf if lo == sp.S.NegativeInfinity else mp.mpf(sp.Rational(lo).p) / sp.Rational(lo).q
        b = mp.inf if hi == sp.S.Infinity else mp.mpf(sp.Rational(hi).p) / sp.Rational(hi).q
        names = {f.func.__name__ for f in body.atoms(AppliedUndef)}
        used = [d for n, d in self.dens.items() if n in names] or list(self.dens.values())
        pts = {p for d in used for p in d.split_points() if a < p < b}
        return [a, *sorted(pts), b]

    def compile(self, e: sp.Basic) -> Compiled:  # noqa: C901 - one dispatch table
        if isinstance(e, sp.Integer):
            n = int(e)
            return lambda env: mp.mpf(n)
        if isinstance(e, sp.Rational):
            p, q = int(e.p), int(e.q)
            return lambda env: mp.mpf(p) / q
        if isinstance(e, sp.Float):
            s = str(e)
            return lambda env: mp.mpf(s)
        if e is sp.pi:
            return lambda env: +mp.pi
        if e is sp.E:
            return lambda env: +mp.e
        if isinstance(e, sp.Symbol):
            if e.name in self.values:
                s = self.values[e.name]
                return lambda env: env[e] if e in env else mp.mpf(s)
            return lambda env: env[e]
        if isinstance(e, sp.Add):
            one_minus = _one_minus(e, set(self.discs))
            if one_minus is not None:
                disc = self.discs[one_minus.func.__name__]
                arg = self.compile(one_minus.args[0])
                return lambda env: disc.one_minus(arg(env))
            parts = [self.compile(a) for a in e.args]
            return lambda env: mp.fsum(p(env) for p in parts)
        if isinstance(e, sp.Mul):
            parts = [self.compile(a) for a in e.args]

            def mul(env: Env) -> mp.mpf:
                out = mp.mpf(1)
                for p in parts:
                    out *= p(env)
                return out

            return mul
        if isinstance(e, sp.Pow):
            base, ex = self.compile(e.base), self.compile(e.exp)
            return lambda env: mp.power(base(env), ex(env))
        if isinstance(e, sp.exp):
            arg = self.compile(e.args[0])
            return lambda env: exp_guarded(arg(env))
        if isinstance(e, sp.log):
            return self.compile_log(e.args[0])
        if isinstance(e, AppliedUndef):
            return self.compile_applied(e)
        if isinstance(e, sp.Integral):
            return self.compile_integral(e)
        if isinstance(e, sp.Derivative):
            return self.compile_derivative(e)
        raise NumericFailure(f"cannot evaluate {type(e).__name__} numerically")

    def compile_log(self, arg: sp.Expr) -> Compiled:
        if isinstance(arg, AppliedUndef) and len(arg.args) == 1:
            name = arg.func.__name__
            inner = self.compile(arg.args[0])
            if name in self.discs:
                disc = self.discs[name]
                return lambda env: disc.log_value(inner(env))
            if name in self.dens:
                dens = self.dens[name]
                return lambda env: dens.log_pdf(inner(env))
        one_minus = _one_minus(arg, set(self.discs))
        if one_minus is not None:
            disc = self.discs[one_minus.func.__name__]
            inner = self.compile(one_minus.args[0])
            return lambda env: disc.log_one_minus(inner(env))
        # exact rational normal form of the argument: avoids 1 - a/(a+b) cancelling to 0
        normal = sp.cancel(sp.together(arg))
        num, den = sp.fraction(normal)
        if den != 1:
            fn, fd = self.compile_log(num), self.compile_log(den)
            return lambda env: fn(env) - fd(env)
        value = self.compile(normal)

        def log(env: Env) -> mp.mpf:
            v = value(env)
            if not v > 0:
                raise NumericFailure(f"logarithm of the non-positive value {mp.nstr(v, 8)}")
            return mp.log(v)

        return log

    def compile_applied(self, e: AppliedUndef) -> Compiled:
        name = e.func.__name__
        if len(e.args) != 1:
            raise NumericFailure(f"{name} takes one argument")
        arg = self.compile(e.args[0])
        if name in self.dens:
            d = self.dens[name]
            return lambda env: d.pdf(arg(env))
        if name in self.discs:
            disc = self.discs[name]
            return lambda env: disc.value(arg(env))
        if name in self.gens:
            g = self.gens[name]
            return lambda env: g.forward(arg(env))
        raise NumericFailure(f"no concrete function stands for {name}")

    def compile_integral(self, e: sp.Integral) -> Compiled:
        if len(e.limits) != 1 or len(e.limits[0]) != 3:
            raise NumericFailure("only single definite integrals are evaluated")
        var, lo, hi = e.limits[0]
        body = self.compile(e.function)
        points = self.split_points(lo, hi, e.function)
        acc = self.acc

        def integral(env: Env) -> mp.mpf:
            pts = [mp.mpf(p) if mp.isfinite(p) else p for p in points]

            def f(t: mp.mpf) -> mp.mpf:
                inner = dict(env)
                inner[var] = t
                return body(inner)

            value, err = mp.quad(f, pts, error=True)
            if not mp.isfinite(value):
                raise NumericFailure("an integral is not finite")
            acc.record(value, err)
            return value

        return integral

    def compile_derivative(self, e: sp.Derivative) -> Compiled:
        if len(e.variable_count) != 1:
            raise NumericFailure("only derivatives in one variable are evaluated")
        (var, n), = e.variable_count
        if not isinstance(var, sp.Symbol):
            raise NumericFailure("derivatives are evaluated with respect to a symbol only")
        body = self.compile(e.expr)
        at = self.compile(var)

        def derivative(env: Env) -> mp.mpf:
            def f(t: mp.mpf) -> mp.mpf:
                inner = dict(env)
                inner[var] = t
                return body(inner)

            return mp.diff(f, at(env), int(n))

        return derivative


def _digits(a: mp.mpf, b: mp.mpf) -> float:
    """Decimal digits to which a and b agree, relative to max(1, |b|)."""
    diff = abs(a - b)
    if diff == 0:
        return math.inf
    return float(-mp.log10(diff / max(mp.mpf(1), abs(b))))


_TASKS: list[tuple[Evaluator, sp.Expr, Instance, int]] = []


def _run_task(i: int) -> Evaluation:
    evaluator, expr, inst, dps = _TASKS[i]
    return evaluator._evaluate(expr, inst, dps)


def default_jobs() -> int:
    """Worker processes for numeric evaluation: GANPROOF_JOBS, else the number of cores."""
    env = os.environ.get("GANPROOF_JOBS")
    if env and env.isdigit() and int(env) > 0:
        return int(env)
    return max(1, os.cpu_count() or 1)


class Evaluator:
    """Expression x instance x precision -> value with its trusted digits, cached.

    :meth:`prefetch` evaluates many (expression, instance) pairs at once over
    worker processes (forked, so that nothing needs pickling on the way in).
    """

    def __init__(self, ctx: Context, jobs: int = 1) -> None:
        self.ctx = ctx
        self.jobs = jobs
        self._cache: dict[tuple[sp.Basic, Instance, int], Evaluation] = {}
        self.evaluations = 0
        self.hits = 0

    def evaluate(self, expr: sp.Expr, inst: Instance, dps: int) -> Evaluation:
        key = (expr, inst, dps)
        if key in self._cache:
            self.hits += 1
            return self._cache[key]
        self.evaluations += 1
        result = self._evaluate(expr, inst, dps)
        self._cache[key] = result
        return result

    def prefetch(self, pairs: Sequence[tuple[sp.Expr, Instance]], dps: int) -> None:
        """Evaluate every pair not yet cached, in parallel when more than one job is allowed."""
        todo = list(dict.fromkeys((e, i) for e, i in pairs if (e, i, dps) not in self._cache))
        if not todo:
            return
        global _TASKS
        _TASKS = [(self, e, i, dps) for e, i in todo]
        try:
            if self.jobs > 1 and len(todo) > 1 and "fork" in multiprocessing.get_all_start_methods():
                ctx = multiprocessing.get_context("fork")
                with ProcessPoolExecutor(min(self.jobs, len(todo)), mp_context=ctx) as pool:
                    results = list(pool.map(_run_task, range(len(todo)), chunksize=1))
            else:
                results = [_run_task(i) for i in range(len(todo))]
        finally:
            _TASKS = []
        self.evaluations += len(todo)
        for (e, i), r in zip(todo, results):
            self._cache[(e, i, dps)] = r

    def _at(self, compiled: Compiled, acc: _Accumulator, prec: int) -> mp.mpf:
        with mp.workdps(prec):
            return +compiled({})

    def _evaluate(self, expr: sp.Expr, inst: Instance, dps: int) -> Evaluation:
        try:
            unfolded = _merge_integrals(_unfold(sp.sympify(expr), self.ctx))
            acc1, acc2 = _Accumulator(), _Accumulator()
            low = _Compiler(self.ctx, inst, acc1).compile(unfolded)
            high = _Compiler(self.ctx, inst, acc2).compile(unfolded)
            v1 = self._at(low, acc1, dps + LOW_EXTRA)
            v2 = self._at(high, acc2, dps + HIGH_EXTRA)
        except NumericFailure as exc:
            return Evaluation(None, 0.0, str(exc), infinite="not finite" in str(exc))
        except (ZeroDivisionError, OverflowError, ValueError) as exc:
            return Evaluation(None, 0.0, f"evaluation failed: {exc}")
        if not (mp.isfinite(v1) and mp.isfinite(v2)):
            return Evaluation(None, 0.0, "the value is not finite", infinite=True)
        agree = _digits(v1, v2)
        worst = acc2.worst
        err_digits = math.inf if worst == 0 else float(-mp.log10(worst))
        digits = min(agree, err_digits)
        return Evaluation(v2, digits)
