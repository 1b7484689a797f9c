"""Compile an unfolded vocabulary expression into a closure over mpmath, once per instance.

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

from collections.abc import Callable
from dataclasses import dataclass

import mpmath as mp
import sympy as sp
from sympy.core.function import AppliedUndef

from ganproof.numeric.families import ParametricPushforward, exp_guarded
from ganproof.numeric.instances import Instance

Env = dict[sp.Symbol, mp.mpf]
Compiled = Callable[[Env], mp.mpf]


class NumericFailure(Exception):
    """An expression could not be evaluated on an instance (the reason says why)."""


def one_minus_of(node: sp.Expr, discs: set[str]) -> AppliedUndef | None:
    """D(a) when ``node`` is 1 - D(a) for a discriminator D."""
    if isinstance(node, sp.Add) and len(node.args) == 2 and sp.S.One in node.args:
        other = node.args[0] if node.args[1] == sp.S.One else node.args[1]
        neg = -other
        if isinstance(neg, AppliedUndef) and neg.func.__name__ in discs:
            return neg
    return None


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


class Compiler:
    """Compiles expressions for one instance; evaluate them inside one ``mpmath.workdps``."""

    def __init__(self, inst: Instance) -> None:
        self.inst = inst
        self.dens = dict(inst.densities)
        self.discs = dict(inst.discriminators)
        self.gens = dict(inst.generators)
        self.critics = dict(inst.critics)
        self.values = dict(inst.values)
        self._compiled: dict[sp.Basic, Compiled] = {}
        self._domains: dict[tuple[object, ...], Domain] = {}
        self.worst = mp.mpf(0)
        """The worst relative quadrature error estimate met since :meth:`reset`."""
        self.quadratures = 0
        """Quadratures actually run (a remembered integral is not run again)."""
        self.reused = 0
        """Integrals whose value was remembered from an earlier row or term."""

    def reset(self) -> None:
        """Start a new row: forget the worst error estimate (values stay remembered)."""
        self.worst = mp.mpf(0)

    # --- the memo --------------------------------------------------------
    def compile(self, e: sp.Basic) -> Compiled:
        """The closure computing ``e`` from the values of its bound variables."""
        done = self._compiled.get(e)
        if done is None:
            done = self._compile(e)
            if isinstance(e, (AppliedUndef, sp.log, sp.exp, sp.Pow)):
                done = self._remembering(done, e)
            self._compiled[e] = done
        return done

    def _remembering(self, fn: Compiled, e: sp.Basic) -> Compiled:
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

    # --- the dispatch ----------------------------------------------------
    def _compile(self, e: sp.Basic) -> Compiled:  # noqa: C901 - one dispatch table
        if isinstance(e, sp.Rational):  # integers too
            return self._constant(lambda: mp.mpf(int(e.p)) / int(e.q))
        if isinstance(e, sp.Float):
            text = str(e)
            return self._constant(lambda: mp.mpf(text))
        if e is sp.pi:
            return self._constant(lambda: +mp.pi)
        if e is sp.E:
            return self._constant(lambda: +mp.e)
        if isinstance(e, sp.Symbol):
            return self._symbol(e)
        if isinstance(e, sp.Add):
            return self._add(e)
        if isinstance(e, sp.Mul):
            parts = [self.compile(a) for a in e.args]

            def mul(env: Env) -> mp.mpf:
                out = parts[0](env)
                for p in parts[1:]:
                    out = out * p(env)
                return out

            return mul
        if isinstance(e, sp.Pow):
            return self._pow(e)
        if isinstance(e, sp.exp):
            arg = self.compile(e.args[0])
            return lambda env: exp_guarded(arg(env))
        if isinstance(e, sp.log):
            return self._log(e.args[0])
        if isinstance(e, AppliedUndef):
            return self._applied(e)
        if isinstance(e, sp.Integral):
            return self._integral(e)
        if isinstance(e, sp.Derivative):
            return self._derivative(e)
        if isinstance(e, sp.Subs):
            return self._subs(e)
        if e in (sp.S.Infinity, sp.S.NegativeInfinity, sp.S.ComplexInfinity, sp.S.NaN):
            raise NumericFailure("the value is not finite")
        raise NumericFailure(f"cannot evaluate {type(e).__name__} numerically")

    @staticmethod
    def _constant(make: Callable[[], mp.mpf]) -> Compiled:
        by_prec: dict[int, mp.mpf] = {}

        def constant(env: Env) -> mp.mpf:
            prec = mp.mp.prec
            v = by_prec.get(prec)
            if v is None:
                v = by_prec[prec] = make()
            return v

        return constant

    def _symbol(self, e: sp.Symbol) -> Compiled:
        if e.name in self.values:
            text = self.values[e.name]
            fixed = self._constant(lambda: mp.mpf(text))

            def symbol(env: Env) -> mp.mpf:
                v = env.get(e)
                return fixed(env) if v is None else v

            return symbol

        def bound(env: Env) -> mp.mpf:
            try:
                return env[e]
            except KeyError:
                raise NumericFailure(f"no value for the symbol {e.name}") from None

        return bound

    def _add(self, e: sp.Add) -> Compiled:
        one_minus = one_minus_of(e, set(self.discs))
        if one_minus is not None:
            disc = self.discs[one_minus.func.__name__]
            arg = self.compile(one_minus.args[0])
            return lambda env: disc.one_minus(arg(env))
        parts = [self.compile(a) for a in e.args]
        return lambda env: mp.fsum([p(env) for p in parts])

    def _pow(self, e: sp.Pow) -> Compiled:
        base = self.compile(e.base)
        if e.exp.is_Integer:
            n = int(e.exp)
            if n >= 0:
                return lambda env: base(env) ** n
            m = -n
            return lambda env: 1 / base(env) ** m
        ex = self.compile(e.exp)
        return lambda env: mp.power(base(env), ex(env))

    def _log(self, arg: sp.Expr) -> Compiled:
        if isinstance(arg, AppliedUndef) and len(arg.args) == 1:
            name = arg.func.__name__
            inner = self.compile(arg.args[0])
            if name in self.discs:
                disc = self.discs[name]
                return lambda env: disc.log_value(inner(env))
            if name in self.dens:
                dens = self.dens[name]
                if isinstance(dens, ParametricPushforward):
                    raise NumericFailure(f"{name} is a parametric family: it needs its parameter, {name}(x, theta)")
                return lambda env: dens.log_pdf(inner(env))
        if isinstance(arg, AppliedUndef) and len(arg.args) == 2 and arg.func.__name__ in self.dens:
            fam = self._family(arg.func.__name__)
            at, theta = self.compile(arg.args[0]), self.compile(arg.args[1])
            return lambda env: fam.log_pdf(at(env), theta(env))
        one_minus = one_minus_of(arg, set(self.discs))
        if one_minus is not None:
            disc = self.discs[one_minus.func.__name__]
            inner = self.compile(one_minus.args[0])
            return lambda env: disc.log_one_minus(inner(env))
        # exact rational normal form of the argument: avoids 1 - a/(a+b) cancelling to 0
        normal = sp.cancel(sp.together(arg))
        num, den = sp.fraction(normal)
        if den != 1:
            fn, fd = self.compile(sp.log(num, evaluate=False)), self.compile(sp.log(den, evaluate=False))
            return lambda env: fn(env) - fd(env)
        value = self.compile(normal)

        def log(env: Env) -> mp.mpf:
            v = value(env)
            if not v > 0:
                raise NumericFailure(f"logarithm of the non-positive value {mp.nstr(v, 8)}")
            return mp.log(v)

        return log

    def _applied(self, e: AppliedUndef) -> Compiled:
        name = e.func.__name__
        if len(e.args) == 2:
            return self._applied_family(e)
        if len(e.args) != 1:
            raise NumericFailure(f"{name} takes one argument")
        if isinstance(self.dens.get(name) or self.gens.get(name), ParametricPushforward):
            raise NumericFailure(f"{name} is a parametric family: it needs its parameter, {name}(x, theta)")
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
        if name in self.critics:
            c = self.critics[name]
            return lambda env: c.value(arg(env))
        raise NumericFailure(f"no concrete function stands for {name}")

    def _family(self, name: str) -> ParametricPushforward:
        fam = self.dens.get(name) or self.gens.get(name)
        if not isinstance(fam, ParametricPushforward):
            raise NumericFailure(f"{name} takes one argument (it is not a parametric family)")
        return fam

    def _applied_family(self, e: AppliedUndef) -> Compiled:
        """p(x, theta) or G(z, theta) of a parametric generator's family."""
        name = e.func.__name__
        fam = self._family(name)
        arg, theta = self.compile(e.args[0]), self.compile(e.args[1])
        if name in self.dens:
            return lambda env: fam.pdf(arg(env), theta(env))
        return lambda env: fam.forward(arg(env), theta(env))

    def _subs(self, e: sp.Subs) -> Compiled:
        """f(theta) at theta = theta_0: the body with the variables bound to the point's values."""
        body = self.compile(e.expr)
        points = [(v, self.compile(p)) for v, p in zip(e.variables, e.point)]

        def subs(env: Env) -> mp.mpf:
            inner = dict(env)
            for v, p in points:
                inner[v] = p(env)
            return body(inner)

        return subs

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
            found = self._domains[key] = Domain([a, *sorted(inner), b], cut)
        return found

    def _integral(self, e: sp.Integral) -> Compiled:
        if len(e.limits) != 1 or len(e.limits[0]) != 3:
            raise NumericFailure("only single definite integrals are evaluated")
        var, lo, hi = e.limits[0]
        body = self.compile(e.function)
        deps = tuple(sorted(e.free_symbols, key=lambda s: s.name))
        cache: dict[tuple[object, ...], tuple[mp.mpf, mp.mpf]] = {}

        def integral(env: Env) -> mp.mpf:
            key = (mp.mp.prec, *(env.get(d) for d in deps))
            hit = cache.get(key)
            if hit is None:
                inner = dict(env)

                def f(t: mp.mpf) -> mp.mpf:
                    inner[var] = t
                    return body(inner)

                domain = self.domain(lo, hi, e.function)
                cut = domain.cut if domain.cut is not None and _negligible_beyond(f, domain.cut) else None
                if cut is not None:
                    c_lo, c_hi = cut
                    zero = mp.mpf(0)

                    def g(t: mp.mpf) -> mp.mpf:
                        return zero if t < c_lo or t > c_hi else f(t)
                else:
                    g = f
                value, err = mp.quad(g, domain.points, error=True)
                self.quadratures += 1
                if not mp.isfinite(value):
                    raise NumericFailure("an integral is not finite")
                hit = cache[key] = (value, abs(err) / max(mp.mpf(1), abs(value)))
            else:
                self.reused += 1
            value, rel = hit
            if rel > self.worst:
                self.worst = rel
            return value

        return integral

    def _derivative(self, e: sp.Derivative) -> Compiled:
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
