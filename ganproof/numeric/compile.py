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

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
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


SCAN_PER_OCTAVE = 64
"""Grid points per factor of 2 of distance from an anchor (see :func:`peak_points`)."""
SCAN_OCTAVES = (-8, 48)
"""The grid's distances from an anchor run from 2^-8 to 2^48 (within the piece)."""
SCAN_BITS = 64
"""Working precision of the scan."""
MAX_PEAKS = 16
"""Peaks added as split points at most, the largest first."""
SCAN_KEYS = 8
"""Distinct values of an integral's free variables scanned at most (an inner integral of a nested one
is met at every node of the outer: past this many its value is no evidence, a NumericFailure)."""
_SCANS: dict[tuple[object, ...], tuple[mp.mpf, ...]] = {}
_SCANNED: dict[tuple[object, ...], int] = {}


MAX_KINK_DEGREE = 8
"""The highest degree of a polynomial inside |.| whose real roots are split points (see :func:`kinks`)."""


def kinks(body: sp.Expr, var: sp.Symbol, values: Mapping[str, Fraction | int | str], a: mp.mpf,
          b: mp.mpf) -> list[mp.mpf]:
    """The points of (a, b) where an absolute value in ``body`` has its kink: the real roots of each
    ``|u(var)|`` with u a polynomial in ``var`` (the instance's constants put in).  Quadrature converges, and
    its error estimate means something, only on pieces where the integrand is smooth; a kink it cannot place
    (|p(x) - q(x)|, |D(x) - 1/2|) is a NumericFailure, so the step is unknown, never judged on a wrong estimate."""
    out: set[mp.mpf] = set()
    for node in body.atoms(sp.Abs):
        u = node.args[0]
        if not u.has(var):
            continue
        fixed = {sym: Fraction(values[sym.name]) for sym in u.free_symbols if sym.name in values}
        u = u.subs({sym: sp.Rational(q.numerator, q.denominator) for sym, q in fixed.items()})
        if u.free_symbols != {var} or u.has(AppliedUndef, sp.Integral, sp.Derivative, sp.Sum) \
                or not u.is_polynomial(var):
            raise NumericFailure("an absolute value inside an integral bends where its argument is 0, and that "
                                 "point is not located here (only a polynomial's roots are): quadrature over "
                                 "the kink gives no trustworthy value")
        poly = sp.Poly(u, var)
        if poly.degree() > MAX_KINK_DEGREE:
            raise NumericFailure(f"an absolute value of a polynomial of degree {poly.degree()} inside an integral "
                                 f"(its kinks are located up to degree {MAX_KINK_DEGREE})")
        for root in sp.real_roots(poly):
            point = mp.mpf(sp.Float(root.evalf(mp.mp.dps + 10), mp.mp.dps + 10))
            if a < point < b:
                out.add(point)
    return sorted(out)


def feature_nodes(body: sp.Expr, var: sp.Symbol) -> tuple[sp.Expr, ...]:
    """The closed-form functions of ``var`` in ``body`` that can put mass where no node goes.

    A density's or a discriminator's own shape is known (the split points are its modes and means);
    an exponential, a logarithm or a power with an exponent that is not a whole number >= 0 of an
    expression in ``var`` with no density or discriminator in it (``e^{-(x - 1000)^2}``,
    ``1/(1 + (x - 10^6)^2)``) can hold a bump anywhere: far out, or between the nodes of every level.
    The largest closed-form subexpressions that hold one, in a fixed order."""
    out: list[sp.Expr] = []

    def feature(node: sp.Basic) -> bool:
        return isinstance(node, (sp.exp, sp.log, sp.Pow)) and node.has(var) \
            and not (isinstance(node, sp.Pow) and node.exp.is_Integer and node.exp >= 0)

    def walk(node: sp.Basic) -> None:
        # the largest closed-form piece that holds a feature: a difference of two monotone steps
        # e^{-e^{x - 1000}} - e^{-e^{x - 1001}} is a bump that neither step has
        if isinstance(node, sp.Expr) and node.has(var) and not node.has(AppliedUndef) \
                and not node.has(sp.Integral, sp.Derivative, sp.Sum) \
                and any(feature(n) for n in sp.preorder_traversal(node)):
            out.append(node)
            return
        for a in node.args:
            walk(a)

    walk(body)
    return tuple(sorted(set(out), key=sp.default_sort_key))


@lru_cache(maxsize=256)
def _grid(lo: mp.mpf, hi: mp.mpf) -> tuple[mp.mpf, ...]:
    """Points of (lo, hi): geometric from each finite end (and 0) inward, and uniform on a finite piece."""
    out: set[mp.mpf] = set()
    anchors = [(lo, 1)] if mp.isfinite(lo) else []
    anchors += [(hi, -1)] if mp.isfinite(hi) else []
    if lo < 0 < hi:
        anchors += [(mp.mpf(0), 1), (mp.mpf(0), -1)]
    for end, direction in anchors:
        for j in range(SCAN_OCTAVES[0] * SCAN_PER_OCTAVE, SCAN_OCTAVES[1] * SCAN_PER_OCTAVE + 1):
            t = end + direction * mp.mpf(2) ** (mp.mpf(j) / SCAN_PER_OCTAVE)
            if not lo < t < hi:
                break  # the distances only grow: the rest lie outside too
            out.add(t)
    if mp.isfinite(lo) and mp.isfinite(hi):
        out |= {lo + (hi - lo) * k / 257 for k in range(1, 257)}
    return tuple(sorted(out))


def peak_points(fs: Sequence[Callable[[mp.mpf], mp.mpf]], points: Sequence[mp.mpf],
                key: tuple[object, ...] | None = None) -> list[mp.mpf]:
    """``points`` with the peaks of the closed-form features ``fs`` of an integrand added as split points.

    Tanh-sinh's nodes cluster at the ends of each piece; an integrand whose mass lies far out (a bump at
    1000, a density's heavy tail times such a bump) or between the nodes of every level can sum to a
    value that converges, with a small error estimate, to the wrong number. Each feature (see
    :func:`feature_nodes`) is scanned at :data:`SCAN_BITS` bits over the whole range, on a grid geometric
    in the distance from its finite ends (and 0) and uniform across a finite one; every local maximum of
    its size whose share of the grid's mass is not negligible at working precision is located (a
    golden-section search between its grid neighbours) and made a split point, so that the quadrature's
    nodes cluster there. ``key`` names the integral and the values its features depend on: the scan is
    made once per key (it depends neither on the precision nor on the instance's densities)."""
    peaks = _SCANS.get(key) if key is not None else None
    if peaks is None:
        if key is not None and _SCANNED.get(key[:-1], 0) >= SCAN_KEYS:
            # an inner integral whose features move with an outer variable: unscanned nodes may miss them
            raise NumericFailure("an inner integral's closed-form features (a bump) move with the outer "
                                 f"variable: past {SCAN_KEYS} of its values they are not located, and its "
                                 "quadrature is no evidence")
        peaks = _scan(fs, points[0], points[-1], mp.mp.prec)
        if key is not None:
            if len(_SCANS) > 4096:
                _SCANS.clear()
                _SCANNED.clear()
            _SCANS[key] = peaks
            _SCANNED[key[:-1]] = _SCANNED.get(key[:-1], 0) + 1
    extra = set(peaks) - set(points)
    return sorted(set(points) | extra) if extra else list(points)


def _scan(fs: Sequence[Callable[[mp.mpf], mp.mpf]], lo: mp.mpf, hi: mp.mpf, bits: int) -> tuple[mp.mpf, ...]:
    """The peaks of the features ``fs`` on (lo, hi) (see :func:`peak_points`), the largest first."""
    found: list[tuple[mp.mpf, mp.mpf]] = []  # (share of the mass, where)
    with mp.workprec(SCAN_BITS):
        grid = _grid(+lo, +hi)
        for f in fs:
            values = [_size(f, t) for t in grid]
            masses = [values[i] * (grid[min(i + 1, len(grid) - 1)] - grid[max(i - 1, 0)]) / 2
                      for i in range(len(grid))]
            top = max(masses, default=mp.mpf(0))
            if top <= 0:
                continue
            floor = top * mp.mpf(2) ** -(bits + 16)
            for i in range(1, len(grid) - 1):
                if values[i] > values[i - 1] and values[i] >= values[i + 1] and masses[i] > floor:
                    found.append((masses[i] / top, _locate(f, grid[i - 1], grid[i + 1])))
    found.sort(key=lambda m: -m[0])
    return tuple(t for _, t in found[:MAX_PEAKS])


def scan_key(e: sp.Integral, feats: Sequence[sp.Expr], inst: Instance) -> tuple[str, tuple[object, ...]]:
    """What a scan of ``e``'s features depends on besides its variables' values: the integral as written
    and the instance's values of the constants in its features."""
    names = {s.name for g in feats for s in g.free_symbols}
    return sp.srepr(e), tuple(v for v in inst.values if v[0] in names)


def _size(f: Callable[[mp.mpf], mp.mpf], t: mp.mpf) -> mp.mpf:
    """|f(t)|, or 0 where f has no finite real value."""
    try:
        v = f(t)
    except (NumericFailure, ZeroDivisionError, OverflowError, ValueError, TypeError):
        return mp.mpf(0)
    return abs(v) if isinstance(v, mp.mpf) and mp.isfinite(v) else mp.mpf(0)


def _locate(f: Callable[[mp.mpf], mp.mpf], a: mp.mpf, b: mp.mpf) -> mp.mpf:
    """The maximum of |f| on (a, b) by golden-section search (|f| taken unimodal there)."""
    ratio = (mp.sqrt(5) - 1) / 2
    lo, hi = a, b
    c, d = hi - ratio * (hi - lo), lo + ratio * (hi - lo)
    fc, fd = _size(f, c), _size(f, d)
    for _ in range(48):
        if fc >= fd:
            hi, d, fd = d, c, fc
            c = hi - ratio * (hi - lo)
            fc = _size(f, c)
        else:
            lo, c, fc = c, d, fd
            d = lo + ratio * (hi - lo)
            fd = _size(f, d)
    return (lo + hi) / 2


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


def _affine(arg: sp.Expr, var: sp.Symbol | None) -> tuple[sp.Rational, sp.Rational]:
    """(k, c) with ``arg`` = k var + c for rational k != 0 and c; (1, 0) for any other argument."""
    if var is None or arg == var:
        return sp.Integer(1), sp.Integer(0)
    poly = sp.Poly(arg, var) if arg.has(var) and arg.is_polynomial(var) else None
    if poly is None or poly.degree() != 1:
        return sp.Integer(1), sp.Integer(0)
    k, c = poly.all_coeffs()
    if not (isinstance(k, sp.Rational) and isinstance(c, sp.Rational)) or k == 0:
        return sp.Integer(1), sp.Integer(0)
    return k, c


def _moved(point: mp.mpf, k: sp.Rational, c: sp.Rational) -> mp.mpf:
    """The x at which k x + c is ``point``."""
    if k == 1 and c == 0:
        return point
    return (point - mp.mpf(int(c.p)) / int(c.q)) * int(k.q) / int(k.p)


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

    def nonzero_size(self, v: mp.mpf) -> mp.mpf | None:
        # an mpf carries no error bound: a rounding residue counts as nonzero here, and
        # :func:`ganproof.numeric.evaluate.combine` keeps a ratio only when both precisions find it
        return abs(v) if isinstance(v, mp.mpf) and mp.isfinite(v) and v != 0 else None

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

    def absolute(self, v: mp.mpf) -> mp.mpf:
        return abs(v)

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

    def domain(self, lo: sp.Expr, hi: sp.Expr, body: sp.Expr, var: sp.Symbol | None = None) -> Domain:
        """Where quadrature of ``body`` over (lo, hi) splits, and where its far tails start.

        Split points: the modes and means of the densities in ``body`` (of
        every density of the instance when it has none).  Integrals whose
        bodies hold the same densities get the same points, so quadrature
        meets the same nodes in each and the remembered values are shared.
        Tail cut (infinite bounds only): beyond it every density in ``body``
        is below 2^-(prec + 40) and falls off.
        """
        apps = [f for f in body.atoms(AppliedUndef) if f.func.__name__ in self.dens]
        names = frozenset(f.func.__name__ for f in apps)
        # a density at k x + c (p(x - 1000), p(2 x)) has its modes and tails at (s - c) / k
        maps = frozenset((f.func.__name__, *(_affine(f.args[0], var) if len(f.args) == 1
                                             else (sp.Integer(1), sp.Integer(0)))) for f in apps)
        key = (lo, hi, names, maps, mp.mp.prec)
        found = self._domains.get(key)
        if found is None:
            a, b = _bound(lo), _bound(hi)
            if names:
                inner = {_moved(p, k, c) for n, k, c in maps for p in self.dens[n].split_points()}
            else:
                inner = {p for d in self.dens.values() for p in d.split_points()}
            inner = {p for p in inner if a < p < b}
            cut: tuple[mp.mpf, mp.mpf] | None = None
            if names and (mp.isinf(a) or mp.isinf(b)):
                ends = [_moved(e, k, c) for n, k, c in maps for e in self.dens[n].tail_cut(mp.mp.prec + 40)]
                cut = (min(ends), max(ends))
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
        bends = integrand.has(sp.Abs)
        feats = feature_nodes(integrand, var)
        features = [self.compile(g) for g in feats]
        srepr, consts = scan_key(e, feats, self.inst) if features else ("", ())
        deps = tuple(sorted(e.free_symbols, key=lambda s: s.name))
        cache: dict[Hashable, tuple[mp.mpf, mp.mpf, mp.mpf]] = {}

        def integral(env: Env) -> mp.mpf:
            def run() -> tuple[mp.mpf, mp.mpf, mp.mpf]:
                inner = dict(env)

                def f(t: mp.mpf) -> mp.mpf:
                    inner[var] = t
                    return body(inner)

                domain = self.domain(lo, hi, integrand, var)
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
                points = domain.points
                if bends:
                    points = sorted(set(points) | set(kinks(integrand, var, self.values, points[0], points[-1])))
                if features:
                    probes = [lambda t, c=c: c({**env, var: t}) for c in features]
                    points = peak_points(probes, points, (srepr, consts, tuple(
                        mp.nstr(env[d], 20) if isinstance(env.get(d), mp.mpf) else None for d in deps)))
                value, err = mp.quad(g, points, error=True)
                if not isinstance(value, mp.mpf):
                    raise NumericFailure("an integral has no real value")
                if not mp.isfinite(value):
                    raise NumericFailure("an integral is not finite")
                return sign * value, abs(err) / max(mp.mpf(1), abs(value)), _magnitude(g, points, value)

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
