"""Compile an unfolded expression into a closure over arb balls: the evaluator's fast path.

:class:`BallCompiler` mirrors :class:`ganproof.numeric.compile.Compiler`
node for node, with values that are arb balls and integrals summed by
:func:`ganproof.numeric.balls.tanh_sinh` over the same split points and the
same tail cut (taken from an mpmath :class:`Compiler` of the same instance,
so both paths integrate over the same pieces).  It is about ten times
faster per integrand value.

It covers what the built-in library and the reader produce on the real line
and on (0, 1).  Anything else raises :class:`Unsupported`, at compile time or
while evaluating (an integral over an infinite range whose tails cannot be
cut, a ball that lost every digit, a logarithm of a ball that straddles 0),
and the evaluator computes that row with mpmath instead.  Nothing here ever
decides a failure: a row the ball path cannot finish is the mpmath path's to
judge, so a NaN from lost precision can never pass for a divergent integral.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Hashable
from fractions import Fraction
from typing import Any, cast

import mpmath as mp
import sympy as sp
from flint import arb, ctx

from ganproof.numeric.ball_families import (
    DensityKernel,
    DiscriminatorKernel,
    FamilyKernel,
    GeneratorKernel,
    Unsupported,
    critic_kernel,
    density_kernel,
    discriminator_kernel,
    family_kernel,
    generator_kernel,
)
from ganproof.numeric.balls import GUARD, bound, from_fraction, from_mpf, quadrature, to_mpf, workprec
from ganproof.numeric.compile import (Compiler, NumericFailure, _negligible_beyond, feature_nodes, kinks, peak_points,
                                      scan_key)
from ganproof.numeric.codegen import generate
from ganproof.numeric.dispatch import ClosureCompiler, Compiled, Env
from ganproof.numeric.duals import Dual, Pair, derivative_of, pair_quotient
from ganproof.numeric.families import EXP_ARGUMENT_CAP, ParametricPushforward
from ganproof.numeric.instances import Instance

# environments hold the values of bound variables by each variable's slot (see BallCompiler.slot)

_CAP = from_mpf(EXP_ARGUMENT_CAP)


def _exp(u: arb) -> arb:
    if u.mid() > _CAP:
        raise Unsupported("exp of an argument above 2^2048")
    return u.exp()


def _positive_log(v: arb) -> arb:
    if not v > 0:
        raise Unsupported("the logarithm of a ball that is not certainly positive")
    return v.log()


def _reciprocal(v: arb) -> arb:
    if not (v > 0 or v < 0):
        raise Unsupported("a reciprocal of a ball that holds 0")
    return 1 / v


def _power(b: arb, e: arb) -> arb:
    if not b > 0:
        raise Unsupported("a real power of a ball that is not certainly positive")
    return b ** e


def _odd_root_power(b: arb, p: int, q: int) -> arb:
    """b^(p/q), q odd, over the reals (the real root of a negative b is negative)."""
    if b > 0:
        root = b.root(q)
    elif b < 0:
        root = -((-b).root(q))
    else:
        raise Unsupported("an odd root of a ball that holds 0")
    return root ** p if p >= 0 else 1 / root ** (-p)


def _abs(v: Any) -> Any:
    """|v|: of a ball, a ball of the absolute values; of a dual number, v or -v where the sign of v is certain
    (|u| has no derivative at 0); of a pair, componentwise."""
    if isinstance(v, Dual):
        if v.v > 0:
            return v
        if v.v < 0:
            return -v
        raise Unsupported("the derivative of an absolute value |u| where u may be 0")
    if isinstance(v, Pair):
        return Pair(abs(v.a), abs(v.b))
    return abs(v)


HELPERS: dict[str, Callable[..., Any]] = {"EXP": _exp, "LOG": _positive_log, "RECIPROCAL": _reciprocal,
                                          "POWER": _power, "ODD_ROOT": _odd_root_power, "ABS": _abs}
"""The checks of the closures, for the flat integrands of :mod:`ganproof.numeric.codegen`."""

FLAT = True
"""Integrands as generated flat functions (:mod:`ganproof.numeric.codegen`); False compiles them as
closure trees, as every other node is (for comparisons: about 20% slower on the library)."""


class BallCompiler(ClosureCompiler):
    """Compiles expressions for one instance at one precision; evaluate them inside ``balls.workprec``.

    ``prec`` is the target precision in bits (mpmath's ``mp.prec`` of the
    task); quadrature works ``balls.GUARD`` bits above it, and the caller
    sets arb's working precision to ``prec + GUARD``.
    """

    failure = Unsupported

    def __init__(self, inst: Instance, prec: int, volatile: frozenset[sp.Symbol] = frozenset(),
                 slots: dict[sp.Symbol, int] | None = None, pair_exp: int | None = None) -> None:
        super().__init__(inst)
        self.pair_exp = pair_exp
        """Set in a compiler whose volatile variable is bound to a pair (v + h, v - h), h = 2^-pair_exp:
        its quadratures converge on the difference quotient."""
        self._slots: dict[sp.Symbol, int] = {} if slots is None else slots
        self.prec = prec
        self.volatile = volatile
        """Variables bound to fresh values at every call (a derivative's shifted points): nothing
        that depends on them is remembered, since no key would ever recur."""
        self.mp = Compiler(inst)
        self._finer: dict[tuple[object, ...], BallCompiler] = {}
        self._memoized: dict[int, tuple[Callable[[arb], arb], Callable[[arb], arb]]] = {}

    def slot(self, s: sp.Symbol) -> int:
        """The small int that stands for ``s`` in an environment.

        Environments are looked up at every quadrature node; keyed by SymPy
        symbols, each lookup ran SymPy's Python-level ``__eq__`` (a fifth of
        the evaluation time in a profile of the library).
        """
        found = self._slots.get(s)
        if found is None:
            found = self._slots[s] = len(self._slots)
        return found

    def memoized(self, fn: Callable[[arb], arb]) -> Callable[[arb], arb]:
        """``fn`` remembering its values by argument object, one wrapper per function in this compiler.

        Quadrature nodes are shared objects, so a density met at the same node in another
        integral over the same pieces is looked up, not computed again.
        """
        found = self._memoized.get(id(fn))
        if found is None:
            memo: dict[int, tuple[arb, arb]] = {}

            def one(x: arb) -> arb:
                hit = memo.get(id(x))
                if hit is not None and hit[0] is x:
                    return hit[1]
                v = fn(x)
                if len(memo) >= MEMO_LIMIT:
                    memo.clear()
                memo[id(x)] = (x, v)
                return v

            self._memoized[id(fn)] = found = (fn, one)  # keeps fn alive, so its id stays its own
        return found[1]

    # --- the hooks of the shared dispatch ------------------------------------
    def key(self, s: sp.Symbol) -> int:
        return self.slot(s)

    def remember(self, fn: Compiled, e: sp.Basic) -> Compiled:
        if e.free_symbols & self.volatile:
            return fn
        return _remembering(fn, [self.slot(s) for s in e.free_symbols])

    def constant(self, make: Callable[[], arb]) -> Compiled:
        value = make()  # a compiler works at one precision
        return lambda env: value

    def number(self, q: Fraction) -> arb:
        return from_fraction(q)

    def decimal(self, text: str) -> arb:
        return arb(text)

    def pi(self) -> arb:
        return arb.pi()

    def e(self) -> arb:
        return arb(1).exp()

    def total(self, values: list[arb]) -> arb:
        out = values[0]
        for v in values[1:]:
            out = out + v
        return out

    def size(self, v: arb) -> mp.mpf | None:
        return bound(v) if isinstance(v, arb) and v.is_finite() else None

    def nonzero_size(self, v: arb) -> mp.mpf | None:
        if not isinstance(v, arb) or not v.is_finite() or 0 in v:
            return None
        return abs(to_mpf(v))

    def exp(self, arg: Compiled) -> Compiled:
        return lambda env: _exp(arg(env))

    def positive_log(self, value: Compiled) -> Compiled:
        return lambda env: _positive_log(value(env))

    def reciprocal(self, v: arb) -> arb:
        return _reciprocal(v)

    def real_power(self, base: arb, exponent: arb) -> arb:
        return _power(base, exponent)

    def absolute(self, v: arb) -> arb:
        return _abs(v)  # type: ignore[no-any-return]

    def odd_root_power(self, base: arb, p: int, q: int) -> arb:
        return _odd_root_power(base, p, q)

    def density(self, name: str) -> DensityKernel:
        return density_kernel(self.dens[name], ctx.prec)

    def discriminator(self, name: str) -> DiscriminatorKernel:
        return discriminator_kernel(self.discs[name], ctx.prec)

    def generator(self, name: str) -> GeneratorKernel:
        return generator_kernel(self.gens[name], ctx.prec)

    def critic(self, name: str) -> Callable[[arb], arb]:
        return critic_kernel(self.critics[name], ctx.prec)

    def family(self, fam: ParametricPushforward) -> FamilyKernel:
        return family_kernel(fam, ctx.prec)

    def derivative(self, e: sp.Derivative) -> Compiled:
        """d/dv f at v: exactly by dual numbers when f has no integral, else by a difference quotient.

        The difference quotient is the central one, (f(v + h) - f(v - h)) / 2h,
        as ``mpmath.diff`` takes it; never by differentiating under an integral
        sign: that is the ``leibniz`` rule, which the numbers must check.  With
        h = 2^-(prec/2 + 8) the truncation error (h^2/6 times the third
        derivative) is below 2^-prec for a moderate third derivative.  The two
        values are computed in one pass, v bound to the
        :class:`~ganproof.numeric.duals.Pair` (v + h, v - h): every quadrature
        in f sums both on the same nodes and stops when the *quotient* has
        converged to 2^-prec, so its error estimate is the quotient's own.  The
        arithmetic works at 3 prec/2 + 24 bits, for the cancellation in the
        difference; the ball arithmetic bounds the rounding error.
        """
        if len(e.variable_count) != 1:
            raise Unsupported("only derivatives in one variable are evaluated")
        (var, n), = e.variable_count
        if n != 1 or not isinstance(var, sp.Symbol):
            raise Unsupported("only first derivatives with respect to a symbol")
        if not e.expr.has(sp.Integral, sp.Derivative):
            return self._pointwise_derivative(e.expr, var)
        if e.expr.has(sp.Derivative):
            raise Unsupported("a derivative of a derivative of an integral")
        arith = self.prec + self.prec // 2 + 24
        h_exp = self.prec // 2 + 8
        key = (self.prec, var, "pair")
        pairs = self._finer.get(key)
        if pairs is None:
            pairs = self._finer[key] = BallCompiler(self.inst, self.prec, self.volatile | {var}, self._slots,
                                                    pair_exp=h_exp)
        with workprec(arith + GUARD):
            body = pairs.compile(e.expr)
            at = self.compile(var)
        slot = self.slot(var)

        def derivative(env: Env) -> arb:
            pairs.reset()
            with workprec(arith + GUARD):
                x = at(env)
                h = arb(2) ** (-h_exp)
                inner = dict(env)
                inner[slot] = Pair((x + h).mid(), (x - h).mid())  # type: ignore[assignment]
                value = body(inner)
                slope = pair_quotient(value, h_exp)
            if pairs.worst > self.worst:
                self.worst = pairs.worst
            return +slope

        return derivative

    def _pointwise_derivative(self, body_expr: sp.Expr, var: sp.Symbol) -> Compiled:
        """d/dv of a closed-form body (no integral in it) by dual numbers: exact, no step h.

        The variable is bound to the dual v + eps; everything else is as in
        the body's own compiler (see :mod:`ganproof.numeric.duals`).
        """
        key = (self.prec, var, "dual")
        duals = self._finer.get(key)
        if duals is None:
            duals = self._finer[key] = BallCompiler(self.inst, self.prec, self.volatile | {var}, self._slots)
        body = duals.compile(body_expr)
        at = self.compile(var)
        slot = self.slot(var)

        def derivative(env: Env) -> arb:
            inner = dict(env)
            inner[slot] = Dual(at(env), arb(1))  # type: ignore[assignment]
            return derivative_of(body(inner))

        return derivative

    def integral(self, e: sp.Integral) -> Compiled:
        if any(len(lim) != 3 for lim in e.limits):
            raise Unsupported("only definite integrals are evaluated")
        var, lo, hi, sign, integrand = self.limits(e)
        body = generate(self, integrand, HELPERS) if FLAT else self.compile(integrand)
        deps = tuple(self.slot(s) for s in sorted(e.free_symbols, key=lambda s: s.name))
        slot = self.slot(var)
        cache: dict[Hashable, tuple[arb, mp.mpf, mp.mpf]] = {}
        feats = feature_nodes(integrand, var)
        features = [self.mp.compile(g) for g in feats]
        srepr, consts = scan_key(e, feats, self.inst) if features else ("", ())
        outer = sorted({s for g in feats for s in g.free_symbols} - {var}, key=lambda s: s.name)
        paired = self.pair_exp is not None and bool(e.free_symbols & self.volatile)
        measure: Callable[[object], arb] | None = None
        if paired:
            h_exp = int(self.pair_exp)  # type: ignore[arg-type]

            def measure(v: object) -> arb:
                return pair_quotient(v, h_exp)

        def integral(env: Env) -> arb:
            def run() -> tuple[arb, mp.mpf, mp.mpf]:
                inner = dict(env)

                def f(t: arb) -> arb:
                    inner[slot] = t
                    return body(inner)

                scan: tuple[list[Callable[[mp.mpf], mp.mpf]], tuple[object, ...]] | None = None
                if features:
                    # the features at SCAN_BITS on the mpmath path, at the values the integral's variables have
                    # (a pair theta +- h: its first value; the peaks of the two lie a step h apart)
                    try:
                        at = {s: to_mpf(cast(arb, _first(env[self.slot(s)]))) for s in outer
                              if env.get(self.slot(s)) is not None}
                    except (TypeError, AttributeError, ValueError) as exc:
                        raise Unsupported("a scanned integral inside a derivative (the mpmath path scans it)") from exc
                    scan = ([_probe(c, at, var) for c in features],
                            (srepr, consts, tuple(_key(_first(env.get(d))) for d in deps)))
                value, rel, mag = self._quadrature(f, lo, hi, integrand, measure, scan, var)
                return (value if sign > 0 else -value), rel, mag

            return self.remembered_integral(cache, None if paired else tuple(_key(env.get(d)) for d in deps), run)

        return integral

    def _quadrature(self, f: Callable[[arb], arb], lo: sp.Expr, hi: sp.Expr, body: sp.Expr,
                    measure: Callable[[object], arb] | None = None,
                    scan: tuple[list[Callable[[mp.mpf], mp.mpf]], tuple[object, ...]] | None = None,
                    var: sp.Symbol | None = None) -> tuple[arb, mp.mpf, mp.mpf]:
        """f over (lo, hi) on the mpmath path's pieces, nothing evaluated beyond its tail cut.

        ``scan``: the closed-form features of the integrand (mpmath functions of the variable) and the
        integral's key (see :func:`~ganproof.numeric.compile.peak_points`): their peaks are split points too.

        Returns the value, its error relative to max(1, |value|), and the integral of |f|.
        """
        with mp.workprec(self.prec):
            domain = self.mp.domain(lo, hi, body, var)
            points = list(domain.points)
            cut = None
            if mp.isinf(points[0]) or mp.isinf(points[-1]):
                if domain.cut is None:
                    raise Unsupported("an infinite range without a tail cut")

                def f_mp(t: mp.mpf) -> mp.mpf:
                    # the probe sees an upper bound of |f|: a ball that lost its digits near 0
                    # can never pass for a negligible tail
                    v = f(from_mpf(t))
                    if not v.is_finite():
                        raise ValueError("not finite")
                    return bound(v)

                if not _negligible_beyond(f_mp, domain.cut):
                    raise Unsupported("tails that cannot be cut")
                cut = domain.cut
            if body.has(sp.Abs):
                try:
                    points = sorted(set(points) | set(kinks(body, var, self.mp.values, points[0], points[-1])))
                except NumericFailure as exc:
                    raise Unsupported(str(exc)) from None
            if scan is not None:
                points = peak_points(scan[0], points, scan[1])
        out = quadrature(f, points, self.prec, cut, measure)
        value, err = out.value, out.error
        size = max(mp.mpf(1), bound(measure(value) if measure is not None else value))
        return value, err / size, out.magnitude


MEMO_LIMIT = 200_000
"""Values one subexpression remembers at most (then it starts afresh)."""


def _remembering(fn: Compiled, slots: list[int]) -> Compiled:
    """``fn`` with its values remembered by the very ball objects its variables are bound to.

    Quadrature nodes are shared objects (:func:`ganproof.numeric.balls.nodes`), so
    p_G(x) met in several terms of an integrand, or in several integrals over
    the same pieces, is computed once per node.  The memo keeps each key
    object alive and checks identity, so an id is never mistaken for another's.
    """
    deps = tuple(sorted(slots))
    memo: dict[object, tuple[object, arb]] = {}
    if not deps:
        return fn
    if len(deps) == 1:
        (dep,) = deps

        def one(env: Env) -> arb:
            x = env.get(dep)
            if x is None:
                return fn(env)
            hit = memo.get(id(x))
            if hit is not None and hit[0] is x:
                return hit[1]
            v = fn(env)
            if len(memo) >= MEMO_LIMIT:
                memo.clear()
            memo[id(x)] = (x, v)
            return v

        return one

    def many(env: Env) -> arb:
        xs = tuple(map(env.get, deps))
        key = tuple(map(id, xs))
        hit = memo.get(key)
        if hit is not None and all(map(operator.is_, hit[0], xs)):  # type: ignore[call-overload]
            return hit[1]
        v = fn(env)
        if len(memo) >= MEMO_LIMIT:
            memo.clear()  # keys that never recur (a derivative's shifted points): keep memory bounded
        memo[key] = (xs, v)
        return v

    return many


def _probe(c: Callable[[dict[Any, Any]], mp.mpf], at: dict[Any, Any], var: object) -> Callable[[mp.mpf], mp.mpf]:
    """The feature ``c`` as a function of the integral's variable alone, the others held at ``at``."""
    return lambda t: c({**at, var: t})


def _first(v: object) -> object:
    """A value, or the first of a pair (see :class:`~ganproof.numeric.duals.Pair`)."""
    return v.a if isinstance(v, Pair) else v


def _key(v: object) -> object:
    """A hashable key for a ball (its midpoint and radius exactly), or None for a missing value."""
    if v is None:
        return None
    ball = cast(arb, v)
    return (ball.mid().man_exp(), ball.rad().man_exp())


