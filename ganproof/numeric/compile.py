"""Compile an unfolded vocabulary expression into a closure over mpmath, once per instance.

The dispatch from SymPy nodes to closures is shared with the ball compiler
(:mod:`ganproof.numeric.dispatch`); this module gives it mpmath numbers,
``mpmath.quad`` and ``mpmath.diff``.  It is the evaluator's fallback path,
and the one path that reports why a row cannot be evaluated.

A :class:`Compiler` belongs to one instance and one working precision (one
evaluation task).  It compiles every row of a chain with one memo, so work is
shared across the integrals of a row and across rows:

* a subexpression met twice (``p_data(x)``, ``log(p_data(x) + p_G(x))``, a
  whole integral) is compiled once;
* an expensive node (a density, the discriminator, a logarithm, an
  exponential, a power, an integral) remembers its values by the values of
  the variables it depends on.  Every integral over the same domain is split
  at the same points (the modes and means of *all* the instance's
  densities), so quadrature meets the same nodes in every integral, and the
  densities are evaluated once per node, not once per integral and row.

Bound variables must be canonical (see
:func:`ganproof.rules.algebra.canonical_variables`) for the memo to see that
two integrals share their integrand's pieces.

Every quadrature's error estimate is recorded, relative to max(1, |value|),
in :attr:`Compiler.worst`, also when a remembered integral is reused.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from fractions import Fraction

import mpmath as mp
import sympy as sp
from sympy.core.function import AppliedUndef

from ganproof.numeric.dispatch import ClosureCompiler, Compiled, Env
from ganproof.numeric.families import (
    ConcreteDensity,
    ConcreteDiscriminator,
    ConcreteGenerator,
    ParametricPushforward,
    exp_guarded,
)
from ganproof.numeric.instances import Instance



class NumericFailure(Exception):
    """An expression could not be evaluated on an instance (the reason says why)."""


DECAY_PROBES = (mp.mpf(2) ** 20, mp.mpf(2) ** 40)
"""Far points at which an integrand over an infinite range must already fall off (see _require_decay)."""


def _require_decay(f: Callable[[mp.mpf], mp.mpf], points: Sequence[mp.mpf]) -> None:
    """A NumericFailure when ``f`` does not fall off towards an infinite end of ``points``.

    Tanh-sinh nodes are symmetric, so an integrand that does not decay (x, x/(1 + x^2)) can sum
    to 0 over R although its integral does not exist.  An absolutely convergent integral over
    an infinite range needs |x f(x)| -> 0; where |x f(x)| is still at least 2^-10 at both far
    probes the integral is no evidence of anything (an improper integral such as sin(x)/x that
    converges only conditionally is left undecided too).
    """
    for end, direction in ((points[0], -1), (points[-1], 1)):
        if not mp.isinf(end):
            continue
        try:
            sizes = [abs(t * f(direction * t)) for t in DECAY_PROBES]
        except (ZeroDivisionError, OverflowError, ValueError, MemoryError, NumericFailure):
            continue
        if all(mp.isnan(v) or v >= mp.mpf(2) ** -10 for v in sizes):
            raise NumericFailure("the integrand does not fall off towards infinity (|x f(x)| does not tend "
                                 "to 0), so the integral over an infinite range may not converge absolutely; "
                                 "its quadrature is no evidence")


def _bound(e: sp.Expr) -> mp.mpf:
    if e == sp.S.NegativeInfinity:
        return mp.ninf
    if e == sp.S.Infinity:
        return mp.inf
    if not isinstance(e, sp.Rational):
        raise NumericFailure(f"an integral's bound {e} is not a number")
    return mp.mpf(int(e.p)) / int(e.q)


@dataclass(frozen=True)
class Domain:
    """Where an integral is split, and the interval beyond which its far tails are negligible."""

    points: list[mp.mpf]
    cut: tuple[mp.mpf, mp.mpf] | None


TAIL_PROBES = (0, 1, 4, 16, 64, 1024)
"""Multiples of the cut's width beyond each end of the cut at which the integrand is probed."""


def _negligible_beyond(f: Callable[[mp.mpf], mp.mpf], cut: tuple[mp.mpf, mp.mpf]) -> bool:
    """True when ``f`` is below 2^-(prec + 8) at the cut and at points far beyond it.

    The far tails of the real line are then left out of the quadrature (the
    integrand counts as 0 there), which saves the costly evaluations at the
    huge arguments of tanh-sinh's outer nodes.  An integrand that does not
    fall off (a divergent or heavy tail) fails the probe and is integrated
    over the whole line as written.
    """
    lo, hi = cut
    width = max(mp.mpf(1), hi - lo)
    tiny = mp.ldexp(1, -(mp.mp.prec + 8))
    try:
        for k in TAIL_PROBES:
            for t in (hi + k * width, lo - k * width):
                v = f(t)
                if not (mp.isfinite(v) and abs(v) <= tiny):
                    return False
    except (NumericFailure, ZeroDivisionError, OverflowError, ValueError):
        return False
    return True


MAGNITUDE_BITS = 24
"""Bits of the quadrature of |f| that measures an integral's magnitude when its value may be a cancellation."""


def _magnitude(g: Callable[[mp.mpf], mp.mpf], points: list[mp.mpf], value: mp.mpf) -> mp.mpf:
    """The integral of |g| (its order of magnitude), the scale of an integral's parts.

    An integral of moderate size is its own scale (|value| is a lower bound of
    the integral of |g|, so a smaller scale only ever makes agreement harder);
    a small one may be the cancellation of large parts (the integral of
    p - q), and |g| is integrated at a low precision.
    """
    if abs(value) >= mp.mpf(2) ** -8:
        return abs(value)
    try:
        with mp.workprec(MAGNITUDE_BITS):
            mag = mp.quad(lambda t: abs(g(t)), points)
    except (NumericFailure, ZeroDivisionError, OverflowError, ValueError):
        return abs(value)
    return max(abs(value), +mag) if mp.isfinite(mag) else abs(value)


class Compiler(ClosureCompiler):
    """Compiles expressions for one instance over mpmath numbers; evaluate them inside one ``mpmath.workdps``."""

    failure = NumericFailure

    def __init__(self, inst: Instance) -> None:
        super().__init__(inst)
        self._domains: dict[tuple[object, ...], Domain] = {}

    # --- the hooks of the shared dispatch ------------------------------------
    def key(self, s: sp.Symbol) -> sp.Symbol:
        return s

    def remember(self, fn: Compiled, e: sp.Basic) -> Compiled:
        """``fn`` with its values remembered by the values of the symbols ``e`` depends on."""
        deps = tuple(sorted(e.free_symbols, key=lambda s: s.name))
        cache: dict[object, mp.mpf] = {}
        if len(deps) == 1:
            (dep,) = deps

            def one(env: Env) -> mp.mpf:
                key = env.get(dep)
                if key is None:
                    key = ("prec", mp.mp.prec)
                v = cache.get(key)
                if v is None:
                    v = cache[key] = fn(env)
                return v

            return one

        def many(env: Env) -> mp.mpf:
            key = (mp.mp.prec, *(env.get(d) for d in deps))
            v = cache.get(key)
            if v is None:
                v = cache[key] = fn(env)
            return v

        return many

    def constant(self, make: Callable[[], mp.mpf]) -> Compiled:
        # mpmath.diff raises the precision inside a row: constants are kept per precision
        by_prec: dict[int, mp.mpf] = {}

        def constant(env: Env) -> mp.mpf:
            prec = mp.mp.prec
            v = by_prec.get(prec)
            if v is None:
                v = by_prec[prec] = make()
            return v

        return constant

    def number(self, q: Fraction) -> mp.mpf:
        return mp.mpf(q.numerator) / q.denominator

    def decimal(self, text: str) -> mp.mpf:
        return mp.mpf(text)

    def pi(self) -> mp.mpf:
        return +mp.pi

    def e(self) -> mp.mpf:
        return +mp.e

    def total(self, values: list[mp.mpf]) -> mp.mpf:
        return mp.fsum(values)

    def size(self, v: mp.mpf) -> mp.mpf | None:
        return abs(v) if isinstance(v, mp.mpf) and mp.isfinite(v) else None

    def exp(self, arg: Compiled) -> Compiled:
        return lambda env: exp_guarded(arg(env))

    def positive_log(self, value: Compiled) -> Compiled:
        def log(env: Env) -> mp.mpf:
            v = value(env)
            if not v > 0:
                raise NumericFailure(f"logarithm of the non-positive value {mp.nstr(v, 8)}")
            return mp.log(v)

        return log

    def reciprocal(self, v: mp.mpf) -> mp.mpf:
        return 1 / v

    def real_power(self, base: mp.mpf, exponent: mp.mpf) -> mp.mpf:
        if base < 0:
            raise NumericFailure(f"a real power of the negative value {mp.nstr(base, 8)} has no real value")
        return mp.power(base, exponent)

    def odd_root_power(self, base: mp.mpf, p: int, q: int) -> mp.mpf:
        root = mp.root(abs(base), q)
        if base < 0:
            root = -root
        if p >= 0:
            return root ** p
        if root == 0:
            raise NumericFailure("a negative power of 0")
        return 1 / root ** (-p)

    def density(self, name: str) -> ConcreteDensity:
        return self.dens[name]  # type: ignore[return-value]

    def discriminator(self, name: str) -> ConcreteDiscriminator:
        return self.discs[name]

    def generator(self, name: str) -> ConcreteGenerator:
        return self.gens[name]  # type: ignore[return-value]

    def critic(self, name: str) -> Callable[[mp.mpf], mp.mpf]:
        return self.critics[name].value

    def family(self, fam: ParametricPushforward) -> ParametricPushforward:
        return fam

    def domain(self, lo: sp.Expr, hi: sp.Expr, body: sp.Expr) -> Domain:
        """Where quadrature of ``body`` over (lo, hi) splits, and where its far tails start.

        Split points: the modes and means of the densities in ``body`` (of
        every density of the instance when it has none).  Integrals whose
        bodies hold the same densities get the same points, so quadrature
        meets the same nodes in each and the remembered values are shared.
        Tail cut (infinite bounds only): beyond it every density in ``body``
        is below 2^-(prec + 40) and falls off.
        """
        names = frozenset(f.func.__name__ for f in body.atoms(AppliedUndef) if f.func.__name__ in self.dens)
        key = (lo, hi, names, mp.mp.prec)
        found = self._domains.get(key)
        if found is None:
            a, b = _bound(lo), _bound(hi)
            used = [self.dens[n] for n in sorted(names)] or list(self.dens.values())
            inner = {p for d in used for p in d.split_points() if a < p < b}
            cut: tuple[mp.mpf, mp.mpf] | None = None
            if names and (mp.isinf(a) or mp.isinf(b)):
                cuts = [self.dens[n].tail_cut(mp.mp.prec + 40) for n in sorted(names)]
                cut = (min(c[0] for c in cuts), max(c[1] for c in cuts))
                if cut[1] <= a or cut[0] >= b:
                    # the range lies beyond the densities' tails: its integral is small, not zero, and is
                    # integrated as written (cutting would make every node count as 0)
                    cut = None
            found = self._domains[key] = Domain([a, *sorted(inner), b], cut)
        return found

    def integral(self, e: sp.Integral) -> Compiled:
        if any(len(lim) != 3 for lim in e.limits):
            raise NumericFailure("only definite integrals are evaluated")
        var, lo, hi, sign, integrand = self.limits(e)
        body = self.compile(integrand)
        # only a closed-form integrand (no density, discriminator or generator in it) is probed far out:
        # the families' own tails are cut, and a generator at 2^40 can be astronomically large
        closed_form = not integrand.atoms(AppliedUndef)
        deps = tuple(sorted(e.free_symbols, key=lambda s: s.name))
        cache: dict[Hashable, tuple[mp.mpf, mp.mpf, mp.mpf]] = {}

        def integral(env: Env) -> mp.mpf:
            def run() -> tuple[mp.mpf, mp.mpf, mp.mpf]:
                inner = dict(env)

                def f(t: mp.mpf) -> mp.mpf:
                    inner[var] = t
                    return body(inner)

                domain = self.domain(lo, hi, integrand)
                cut = domain.cut if domain.cut is not None and _negligible_beyond(f, domain.cut) else None
                if cut is not None:
                    c_lo, c_hi = cut
                    zero = mp.mpf(0)

                    def g(t: mp.mpf) -> mp.mpf:
                        return zero if t < c_lo or t > c_hi else f(t)
                else:
                    g = f
                    if closed_form:
                        _require_decay(f, domain.points)
                value, err = mp.quad(g, domain.points, error=True)
                if not isinstance(value, mp.mpf):
                    raise NumericFailure("an integral has no real value")
                if not mp.isfinite(value):
                    raise NumericFailure("an integral is not finite")
                return sign * value, abs(err) / max(mp.mpf(1), abs(value)), _magnitude(g, domain.points, value)

            return self.remembered_integral(cache, (mp.mp.prec, *(env.get(d) for d in deps)), run)

        return integral

    def derivative(self, e: sp.Derivative) -> Compiled:
        if len(e.variable_count) != 1:
            raise NumericFailure("only derivatives in one variable are evaluated")
        (var, n), = e.variable_count
        if not isinstance(var, sp.Symbol):
            raise NumericFailure("derivatives are evaluated with respect to a symbol only")
        body = self.compile(e.expr)
        at = self.compile(var)

        def derivative(env: Env) -> mp.mpf:
            inner = dict(env)

            def f(t: mp.mpf) -> mp.mpf:
                inner[var] = t
                return body(inner)

            return mp.diff(f, at(env), int(n))

        return derivative
