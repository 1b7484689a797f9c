"""Whether each side of a step has a value, in the extended reals, for every object the file allows.

A mean (an expectation, an integral, a sample mean, an entropy) exists in [-oo, +oo] when what it averages is
bounded below or bounded above; it has no value when both its positive and its negative parts may be infinite
(E_p[f(x)] for f(x) = x and a Cauchy p, E_z[G(z)], H(p) for a density on R with both parts of p log p infinite).
A step whose side holds such a mean has no value in general, so it is neither proved nor confirmed, even when
SymPy writes both sides alike (E_p[f] + 1 = 1 + E_p[f]); a sum of two means that may be +oo and -oo has none
either (E_p[log D] - E_q[log(1 - D)] when both are -oo).

What a mean may be is found from the form of what it averages alone, by interval arithmetic on the values of
its parts (:func:`value_range`): a discriminator's value is in [0, 1], a density's in [0, oo), a function the
file leaves free, a critic or a generator may take any real value, a variable ranges over the support of its
law.  A logarithm of a density against the law itself (log(p/q) under p, log(2p/(p + q)) under p: a KL
divergence) is bounded below in mean, whatever its pointwise range (E_p[log(q/p)] <= log int q).  The analysis
is conservative: a side it cannot show to have a value leaves the step unknown, never wrong.  The stricter
question for a mean SymPy cancelled (it must be finite, not only exist) is :mod:`ganproof.reader.means`'.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction

import sympy as sp
from sympy.core.function import AppliedUndef

from ganproof.reader.means import BOUNDED_FUNCTIONS
from ganproof.rules.domain import INFINITE_REASON, NO_VALUE_REASON
from ganproof.vocabulary import Context, Density, Expectation, SampleMean
from ganproof.vocabulary.operators import JSD, KL, BinaryCE, CrossEntropy, Defined, FDivergence
from ganproof.vocabulary.printing import to_latex

INF = math.inf
Bound = Fraction | float
"""An end of a range: an exact rational, or -inf / +inf."""

Range = tuple[Bound, Bound]
ANY: Range = (-INF, INF)

_WIDEN = Fraction(1, 10**12)


@dataclass(frozen=True)
class Names:
    """The names of a file by what they say about their values."""

    densities: frozenset[str]
    discriminators: frozenset[str]


@dataclass(frozen=True)
class Value:
    """What an expression may be: ``defined`` (a value in the extended reals for every allowed object), and
    which infinities it may take (``"+"``, ``"-"``); ``why`` says, for one with no value, which part has none."""

    defined: bool = True
    infinities: frozenset[str] = frozenset()
    why: str | None = None
    head: str = NO_VALUE_REASON
    """The kind of problem, for one with no value: a mean of a two-sided function, or inf - inf."""

    def flipped(self) -> Value:
        swap = {"+": "-", "-": "+"}
        return Value(self.defined, frozenset(swap[s] for s in self.infinities), self.why, self.head)


FINITE = Value()
EITHER = Value(True, frozenset({"+", "-"}))


def _none(why: str, head: str = NO_VALUE_REASON) -> Value:
    return Value(False, frozenset(), why, head)


# --- pointwise ranges -------------------------------------------------------------------------------------


def _number(e: sp.Expr) -> Range | None:
    """The range of a real number (exact for a rational, a tight enclosure otherwise), or None."""
    if isinstance(e, sp.Rational):
        v = Fraction(int(e.p), int(e.q))
        return v, v
    if e.is_number and e.is_real:
        try:
            f = Fraction(float(sp.N(e, 30)))
        except (TypeError, ValueError, OverflowError):
            return None
        pad = abs(f) * _WIDEN + Fraction(1, 10**300)
        return f - pad, f + pad
    if e in (sp.S.Infinity, sp.S.NegativeInfinity):
        return None
    return None


def _add(a: Range, b: Range) -> Range:
    lo = -INF if -INF in (a[0], b[0]) else a[0] + b[0]
    hi = INF if INF in (a[1], b[1]) else a[1] + b[1]
    return lo, hi


def _times(x: Bound, y: Bound) -> Bound | None:
    if x == 0 or y == 0:
        return Fraction(0)
    if isinstance(x, float) or isinstance(y, float):
        return INF if (x > 0) == (y > 0) else -INF
    return x * y


def _mul(a: Range, b: Range) -> Range:
    maybe = [_times(x, y) for x in a for y in b]
    products = [p for p in maybe if p is not None]
    if len(products) < len(maybe):
        return ANY
    return min(products), max(products)


def _pow_int(a: Range, n: int) -> Range:
    lo, hi = a
    if n == 0:
        return Fraction(1), Fraction(1)
    if n > 0:
        ends = [x ** n if not isinstance(x, float) else (INF if x > 0 or n % 2 == 0 else -INF) for x in (lo, hi)]
        if n % 2 == 0 and lo < 0 < hi:
            return Fraction(0), max(ends)
        return min(ends), max(ends)
    # a negative power: bounded where the base keeps away from 0
    m = -n
    if lo > 0 or hi < 0:
        inv = [Fraction(0) if isinstance(x, float) else 1 / (x ** m) for x in (lo, hi)]
        return min(inv), max(inv)
    if lo == 0 and hi > 0:
        top = Fraction(0) if isinstance(hi, float) else 1 / (hi ** m)
        return top, INF
    if hi == 0 and lo < 0:
        far = Fraction(0) if isinstance(lo, float) else 1 / (lo ** m)
        return (-INF, far) if m % 2 else (far, INF)
    return ANY


def _monotone(a: Range, f: object, lo_limit: Bound, hi_limit: Bound, domain_lo: Bound = -INF) -> Range:
    """The range of an increasing function ``f`` (a float function) on ``a``, with its limits at the ends of its
    domain; an enclosure widened outwards."""
    lo, hi = a
    if lo < domain_lo:
        return ANY

    def at(x: Bound, limit: Bound, lower: bool) -> Bound:
        if isinstance(x, float) or (x == domain_lo and domain_lo != -INF):
            return limit
        try:
            v = Fraction(f(float(x)))  # type: ignore[operator]
        except (OverflowError, ValueError):
            return INF if not lower else -INF
        pad = abs(v) * _WIDEN + Fraction(1, 10**300)
        return v - pad if lower else v + pad

    return at(lo, lo_limit, True), at(hi, hi_limit, False)


_FIXED_RANGES: dict[type, Range] = {
    sp.tanh: (Fraction(-1), Fraction(1)), sp.sin: (Fraction(-1), Fraction(1)), sp.cos: (Fraction(-1), Fraction(1)),
    sp.erf: (Fraction(-1), Fraction(1)), sp.sign: (Fraction(-1), Fraction(1)), sp.Heaviside: (Fraction(0), Fraction(1)),
    sp.atan: (Fraction(-16, 10), Fraction(16, 10)),
}


@dataclass
class _Scope:
    """The variables a mean binds, with the ranges they take, and the file's names."""

    ranges: dict[sp.Symbol, Range]
    names: Names
    ctx: Context
    unit: frozenset[sp.Symbol] = field(default_factory=frozenset)

    def moves(self, e: sp.Basic) -> bool:
        return bool(e.free_symbols & set(self.ranges))


def value_range(e: sp.Expr, scope: _Scope) -> Range:
    """An enclosure of the values ``e`` takes as the variables of ``scope`` range (and every object the file
    allows varies): ANY when nothing better is shown."""
    num = _number(e)
    if num is not None:
        return num
    if isinstance(e, sp.Symbol):
        if e in scope.ranges:
            return scope.ranges[e]
        if e in scope.unit:
            return Fraction(0), Fraction(1)
        return (Fraction(0), INF) if e.is_positive else ANY
    if isinstance(e, Defined):
        return value_range(e.value, scope)
    if isinstance(e, AppliedUndef):
        name = e.func.__name__
        if name in scope.names.discriminators:
            return Fraction(0), Fraction(1)
        if name in scope.names.densities:
            return Fraction(0), INF
        return ANY
    if isinstance(e, sp.Add):
        out: Range = (Fraction(0), Fraction(0))
        for t in e.args:
            out = _add(out, value_range(t, scope))
            if out == ANY:
                return ANY
        return out
    if isinstance(e, sp.Mul):
        ratio = _dominated_ratio(e, scope)
        if ratio is not None:
            return ratio
        out = (Fraction(1), Fraction(1))
        for t in e.args:
            out = _mul(out, value_range(t, scope))
            if out == ANY:
                return ANY
        return out
    if isinstance(e, sp.Pow):
        base = value_range(e.base, scope)
        if e.exp.is_Integer:
            return _pow_int(base, int(e.exp))
        if e.exp.is_Rational and e.exp.is_positive and base[0] >= 0:
            q = float(e.exp)
            return _monotone(base, lambda t: t ** q, Fraction(0), INF, Fraction(0))
        if e.exp.is_Rational and e.exp.is_negative and base[0] >= 0:
            q = float(e.exp)
            inner = _monotone(base, lambda t: t ** -q, Fraction(0), INF, Fraction(0))
            return _pow_int(inner, -1)
        if e.base == sp.E:
            return value_range(sp.exp(e.exp), scope)
        return ANY
    if isinstance(e, sp.exp):
        return _monotone(value_range(e.args[0], scope), math.exp, Fraction(0), INF)
    if isinstance(e, sp.log):
        arg = value_range(e.args[0], scope)
        if arg[0] < 0:
            return ANY
        return _monotone(arg, math.log, -INF, INF, Fraction(0))
    if isinstance(e, sp.Abs):
        lo, hi = value_range(e.args[0], scope)
        top: Bound = max(-lo, hi)
        bottom: Bound = Fraction(0) if lo <= 0 <= hi else (lo if lo > 0 else -hi)
        return bottom, top
    for kind, fixed in _FIXED_RANGES.items():
        if isinstance(e, kind):
            return fixed
    if isinstance(e, (sp.Max, sp.Min)):
        parts = [value_range(a, scope) for a in e.args]
        pick = max if isinstance(e, sp.Max) else min
        return pick(p[0] for p in parts), pick(p[1] for p in parts)  # type: ignore[type-var]
    if isinstance(e, Expectation) and not scope.moves(e):
        return ANY
    return ANY


def _weight_like(e: sp.Expr, scope: _Scope) -> list[tuple[sp.Expr, Fraction]] | None:
    """``e`` as a sum of nonnegative parts with their rational coefficients (p(x) + q(x) -> [(p, 1), (q, 1)]),
    when every part is nonnegative and every coefficient positive; else None."""
    out: list[tuple[sp.Expr, Fraction]] = []
    for t in sp.Add.make_args(e):
        c, rest = t.as_coeff_Mul()
        if not (isinstance(c, sp.Rational) and c > 0) or value_range(rest, scope)[0] < 0:
            return None
        out.append((rest, Fraction(int(c.p), int(c.q))))
    return out


def _dominated_ratio(e: sp.Mul, scope: _Scope) -> Range | None:
    """[0, k] (or [k, 0]) for k N / W with N and W sums of nonnegative parts and every part of N a part of W with no larger
    coefficient (p / (p + q), 2 q / (p + q)); else None."""
    num, den = [], []
    for f in e.args:
        if isinstance(f, sp.Pow) and f.exp == -1:
            den.append(f.base)
        else:
            num.append(f)
    if len(den) != 1:
        return None
    k, n = sp.Mul(*num).as_coeff_Mul()
    if not (isinstance(k, sp.Rational) and k != 0):
        return None
    top, bottom = _weight_like(sp.expand(n), scope), _weight_like(sp.expand(den[0]), scope)
    if top is None or bottom is None:
        return None
    available = dict(bottom)
    for part, c in top:
        if available.get(part, Fraction(0)) < c:
            return None
    end = Fraction(int(k.p), int(k.q))
    return (Fraction(0), end) if end > 0 else (end, Fraction(0))


# --- means ------------------------------------------------------------------------------------------------


def _from_range(r: Range) -> frozenset[str] | None:
    """The infinities a mean of a function with pointwise range ``r`` may take under a probability law, or
    None when neither part is shown finite."""
    lo, hi = r
    if lo != -INF and hi != INF:
        return frozenset()
    if lo != -INF:
        return frozenset({"+"})
    if hi != INF:
        return frozenset({"-"})
    return None


def _combine(values: Iterable[Value], exprs: Iterable[sp.Expr] | None = None) -> Value:
    """A sum of terms (``exprs``, when known, to name them): no value when a term has none or one may be +oo
    and another -oo."""
    values = list(values)
    shown = [to_latex(e) for e in exprs] if exprs is not None else None
    for v in values:
        if not v.defined:
            return v
    for i, a in enumerate(values):
        for j, b in enumerate(values):
            if i != j and "+" in a.infinities and "-" in b.infinities:
                named = (f"{shown[i]} may be +inf and {shown[j]} -inf" if shown is not None and len(shown) == len(values)
                         else "one term may be +inf and another -inf")
                return _none(f"a sum in which {named}", INFINITE_REASON)
    return Value(True, frozenset().union(*(v.infinities for v in values)) if values else frozenset())


def _log_terms(terms: list[sp.Expr], scope: _Scope) -> tuple[dict[sp.Expr, Fraction], list[sp.Expr]]:
    """The terms c log(A) of a body (c a rational, A moving), as the exponents of the factors of the product
    they make (log p - log q -> {p: 1, q: -1}), and the other terms."""
    powers: dict[sp.Expr, Fraction] = {}
    rest: list[sp.Expr] = []
    for t in terms:
        c, core = t.as_coeff_Mul()
        mine: dict[sp.Expr, Fraction] | None = None
        if isinstance(c, sp.Rational) and isinstance(core, sp.log) and scope.moves(core):
            q = Fraction(int(c.p), int(c.q))
            mine = {}
            for factor, exp in core.args[0].as_powers_dict().items():
                if not scope.moves(factor):
                    continue  # a constant factor shifts the mean by a finite number (checked below)
                if not isinstance(exp, sp.Rational) or not isinstance(factor, (AppliedUndef, sp.Add)):
                    mine = None
                    break
                mine[factor] = mine.get(factor, Fraction(0)) + q * Fraction(int(exp.p), int(exp.q))
        if mine is None:
            rest.append(t)
            continue
        for factor, v in mine.items():
            powers[factor] = powers.get(factor, Fraction(0)) + v
    return {f: c for f, c in powers.items() if c != 0}, rest


def _divergence_like(powers: dict[sp.Expr, Fraction], law: sp.Expr | None, scope: _Scope) -> frozenset[str] | None:
    """The infinities of E_law[sum c_k log A_k] when the logs make c log(law / W) for a sum W of densities (a KL
    divergence up to a finite constant: bounded below in mean for c > 0), or c log(law) for a law on a bounded
    support (minus an entropy there); else None."""
    if law is None or law not in powers:
        return None
    c = powers[law]
    others = {f: e for f, e in powers.items() if f != law}
    if not others:
        sup = scope.ctx.support_of(law.func.__name__) if isinstance(law, AppliedUndef) else None
        if sup is None or sup.discrete or not (sup.lower.is_finite and sup.upper.is_finite):
            return None
    else:
        if len(others) != 1:
            return None
        (w, e), = others.items()
        parts = _weight_like(sp.expand(w), scope)
        if e != -c or parts is None or not all(isinstance(p, AppliedUndef)
                                                 and p.func.__name__ in scope.names.densities for p, _ in parts):
            return None
    return frozenset({"+"}) if c > 0 else frozenset({"-"})


def _mean(body: sp.Expr, scope: _Scope, law: sp.Expr | None, shown: str, measure_finite: bool = True) -> Value:
    """What the mean of ``body`` over the variables of ``scope`` may be: under a probability law ``law`` (its
    density applied to the variable, for the divergence forms) when ``measure_finite``, else against dx over
    an unbounded domain (then only a term that keeps one sign has a value)."""
    terms = list(sp.Add.make_args(body))
    powers, others = _log_terms(terms, scope)
    values: list[Value] = []
    shown_terms: list[sp.Expr] = []
    logs = [t for t in terms if t not in others]
    if logs:
        special = _divergence_like(powers, law, scope) if measure_finite else None
        grouped = sp.Add(*logs)
        if special is None:
            values.append(_term(grouped, scope, shown, measure_finite))
            shown_terms.append(grouped)
        else:
            # the constant factors inside the logarithms must have a value of their own
            consts = [f for t in logs for f, _ in t.as_coeff_Mul()[1].args[0].as_powers_dict().items()
                      if not scope.moves(f)]
            values += [closed_value(f, scope.ctx, scope.names, scope.unit) for f in consts]
            shown_terms += consts
            pointwise = _from_range(value_range(grouped, scope))
            values.append(Value(True, special if pointwise is None else special & pointwise))
            shown_terms.append(grouped)
    for t in others:
        values.append(_term(t, scope, shown, measure_finite, law))
        shown_terms.append(t)
    return _combine(values, shown_terms)


def _term(t: sp.Expr, scope: _Scope, shown: str, measure_finite: bool, law: sp.Expr | None = None) -> Value:
    """One term c g of a mean's body: its constant factor c and the mean of its moving part g."""
    fixed = [f for f in sp.Mul.make_args(t) if not scope.moves(f)]
    moving = sp.Mul(*[f for f in sp.Mul.make_args(t) if scope.moves(f)])
    coeff = closed_value(sp.Mul(*fixed), scope.ctx, scope.names, scope.unit) if fixed else FINITE
    if not coeff.defined:
        return coeff
    if moving == 1:
        return coeff
    if law is not None and measure_finite and _weight_like(sp.expand(law * moving), scope) is not None and all(
            isinstance(part, AppliedUndef) and part.func.__name__ in scope.names.densities
            for part, _ in _weight_like(sp.expand(law * moving), scope) or ()):
        return coeff  # a likelihood ratio: E_p[q/p] = int q over the support of p, at most 1
    r = value_range(moving, scope)
    if measure_finite:
        inf = _from_range(r)
    else:
        inf = frozenset({"+"}) if r[0] >= 0 else frozenset({"-"}) if r[1] <= 0 else None
    if inf is None:
        return _none(f"{shown} averages {to_latex(moving)}, which is bounded neither above nor below "
                     f"({_two_sided(moving, scope)})")
    inner = Value(True, inf)
    if coeff.infinities or (inner.infinities and not _signed(sp.Mul(*fixed))):
        return EITHER if (coeff.infinities or inner.infinities) else FINITE
    return inner.flipped() if fixed and _negative(sp.Mul(*fixed)) else inner


def _two_sided(e: sp.Expr, scope: _Scope) -> str:
    """Why ``e`` may take values as large and as small as it likes, for the reader."""
    apps = [a for a in e.atoms(AppliedUndef) if scope.moves(a)]
    if any(a.func.__name__ in scope.names.densities for a in apps) and e.has(sp.log):
        return "a density may be as large or as near 0 as it likes, so its logarithm has no bound either way"
    free = [a for a in apps if a.func.__name__ not in scope.names.densities | scope.names.discriminators]
    if free:
        return (f"{to_latex(free[0].func(*free[0].args))} is a function with no bound on its values: any real "
                "function, a critic or a generator may be x itself against a Cauchy-like law")
    if isinstance(e, sp.Add):
        return "it is a sum of parts bounded on opposite sides, and each may be as large as it likes"
    from ganproof.rules.domain import bare_in
    if any(bare_in(e, v) and scope.ranges[v] != (scope.ranges[v][0], scope.ranges[v][0]) for v in scope.ranges):
        return "its variable ranges over an unbounded support, and a Cauchy-like law has no mean"
    return "its parts are not shown bounded on one side"


def _signed(c: sp.Expr) -> bool:
    return bool(c.is_positive or c.is_negative or c.is_zero)


def _negative(c: sp.Expr) -> bool:
    return bool(c.is_negative)


def _support_range(ctx: Context, name: str) -> Range:
    sup = ctx.support_of(name)
    lo = _number(sup.lower)
    hi = _number(sup.upper)
    return (lo[0] if lo else -INF), (hi[1] if hi else INF)


def closed_value(e: sp.Expr, ctx: Context, names: Names, unit: frozenset[sp.Symbol] = frozenset()) -> Value:
    """What ``e``, an expression whose means bind their own variables, may be (see the module docstring)."""
    if not e.args or isinstance(e, (sp.Number, sp.Symbol)):
        return FINITE
    if isinstance(e, AppliedUndef):
        return _combine(closed_value(a, ctx, names, unit) for a in e.args)
    if isinstance(e, Defined):
        return closed_value(e.value, ctx, names, unit)
    if isinstance(e, (KL, FDivergence)):
        return Value(True, frozenset({"+"}))
    if isinstance(e, JSD):
        return FINITE
    if isinstance(e, (CrossEntropy, BinaryCE)):
        try:
            return closed_value(e.unfold(ctx), ctx, names, unit)
        except Exception:  # noqa: BLE001 - a form that does not unfold is not shown to have a value
            return _none(f"{to_latex(e)} is not shown to have a value")
    if isinstance(e, Expectation):
        sup = ctx.support_of(e.density_name)
        if sup.discrete:
            return closed_value(e.body, ctx, names, unit) if not e.body.has(e.var) else FINITE
        scope = _Scope({e.var: _support_range(ctx, e.density_name)}, names, ctx, unit)
        return _mean(e.body, scope, e.law, to_latex(e))
    if isinstance(e, SampleMean):
        ranges: dict[sp.Symbol, Range] = {}
        for var, name in e.draws:
            law = ctx.sample(name).law
            law_name = law.name if isinstance(law, Density) else None
            if law_name is not None and ctx.support_of(law_name).discrete:
                continue
            ranges[var] = _support_range(ctx, law_name) if law_name else ANY
        if not ranges:
            return FINITE
        return _mean(e.body, _Scope(ranges, names, ctx, unit), None, to_latex(e))
    if isinstance(e, sp.Integral):
        return _integral(e, ctx, names, unit)
    if isinstance(e, sp.Add):
        return _combine([closed_value(a, ctx, names, unit) for a in e.args], e.args)
    if isinstance(e, sp.Mul):
        parts = [closed_value(a, ctx, names, unit) for a in e.args]
        for v in parts:
            if not v.defined:
                return v
        infinite = [v for v, a in zip(parts, e.args) if v.infinities]
        if not infinite:
            return FINITE
        if len(infinite) == 1:
            rest = sp.Mul(*[a for v, a in zip(parts, e.args) if not v.infinities])
            if rest.is_positive:
                return infinite[0]
            if rest.is_negative:
                return infinite[0].flipped()
        return EITHER
    parts = [closed_value(a, ctx, names, unit) for a in e.args if isinstance(a, sp.Expr)]
    for v in parts:
        if not v.defined:
            return v
    if any(v.infinities for v in parts):
        return FINITE if isinstance(e, BOUNDED_FUNCTIONS) else EITHER
    return FINITE


def _integral(e: sp.Integral, ctx: Context, names: Names, unit: frozenset[sp.Symbol]) -> Value:
    """An integral: each term with a density as its weight is a mean under it; a term with no weight is
    integrated against dx, which over an unbounded domain has a value only where the term keeps one sign."""
    ranges: dict[sp.Symbol, Range] = {}
    bounded = True
    for lim in e.limits:
        if len(lim) != 3:
            return _none(f"{to_latex(e)} has no bounds")
        var, lo, hi = lim
        a, b = _number(lo), _number(hi)
        if a is None or b is None:
            bounded = False
            if (lo.free_symbols or hi.free_symbols) and not (lo.is_infinite or hi.is_infinite):
                bounded = bool(lo.is_finite and hi.is_finite)
        low = a[0] if a else -INF
        high = b[1] if b else INF
        ranges[var] = (min(low, high), max(low, high))
    scope = _Scope(ranges, names, ctx, unit)
    shown = to_latex(e)
    body = e.function
    groups: dict[sp.Expr | None, list[sp.Expr]] = {}
    for t in sp.Add.make_args(sp.expand_mul(body)):
        if not scope.moves(t):
            groups.setdefault(None, []).append(t)
            continue
        factors = list(sp.Mul.make_args(t))
        weights = [f for f in factors if isinstance(f, AppliedUndef) and f.func.__name__ in names.densities
                   and scope.moves(f)]
        if weights:
            w = weights[0]
            factors.remove(w)
            groups.setdefault(w, []).append(sp.Mul(*factors))
        else:
            groups.setdefault(None, []).append(t)
    values: list[Value] = []
    for w, parts in groups.items():
        if w is not None:
            values.append(_mean(sp.Add(*parts), scope, w, shown))
            continue
        moving = [t for t in parts if scope.moves(t)]
        values += [closed_value(t, ctx, names, unit) for t in parts if not scope.moves(t)]
        values += [closed_value(f, ctx, names, unit) for t in moving for f in sp.Mul.make_args(t)
                   if not scope.moves(f)]
        if all(_concrete(t) for t in parts):
            continue  # a fixed function against dx: the numbers decide whether its integral exists
        if bounded:
            values += [_term(t, scope, shown, measure_finite=True) for t in moving if not _concrete(t)]
            continue
        # against dx over an unbounded domain only an integrand of one sign has a value in general
        whole = sp.Add(*parts)
        lo, hi = value_range(whole, scope)
        if lo >= 0 or hi <= 0:
            values.append(Value(True, frozenset({"+"}) if lo >= 0 else frozenset({"-"})))
        else:
            values.append(_none(f"{shown} integrates {to_latex(whole)} against dx over an unbounded domain, and "
                                "it is not shown to keep one sign, so its positive and negative parts may both be "
                                "+inf"))
    return _combine(values)


def _concrete(e: sp.Expr) -> bool:
    """Whether ``e`` names none of the file's objects (a density, D, any function, a mean): a fixed function,
    whose integral the numeric layer computes (or finds has no value) as for any number."""
    from ganproof.vocabulary.operators import OPERATORS
    for _ in range(8):  # a definition stands for its value (which may use other definitions)
        if not e.has(Defined):
            break
        e = e.replace(lambda n: isinstance(n, Defined), lambda n: n.value)
    return not e.atoms(AppliedUndef) and not e.has(*OPERATORS)


def side_problem(sides: Iterable[sp.Expr], ctx: Context, discriminators: Iterable[str] = (),
                 unit: Iterable[sp.Symbol] = ()) -> str | None:
    """Why a side of a step may have no value (in the extended reals), or None (see the module docstring).
    ``discriminators``: names read as discriminators beyond those of ``ctx``."""
    names = Names(frozenset(ctx.density_names), frozenset(ctx.discriminator_names) | frozenset(discriminators))
    for side in sides:
        v = closed_value(side, ctx, names, frozenset(unit))
        if not v.defined:
            return (f"{v.head}: {v.why}; so the side has no value for some of the objects the file allows, "
                    "and the step has none in general (whatever the numbers say on the drawn ones, which are "
                    "all tame); define the functions, declare a bounded support (%! density p on [a, b]) or a "
                    "finite alphabet to check it")
    return None


__all__ = ["Names", "Value", "closed_value", "side_problem", "value_range"]
