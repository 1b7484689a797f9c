"""The inequality rules: each shows that a gap is non-negative.

The gap of ``A <= B`` is ``B - A``.  Rules that reason pointwise first merge
the gap's integrals over each domain into one integrand (linearity) and use
monotonicity of the integral: a non-negative integrand has a non-negative
integral.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import sympy as sp
from sympy.core.function import AppliedUndef

from ganproof.rules.algebra import Scope, nonempty, density_positive_at, expand_logs, is_nonnegative, is_positive, is_zero, FACTOR_MAX_POWER
from ganproof.rules.base import Certificate, InequalityRule
from ganproof.rules.prover import merged_integrals, normal_form, prove_equal
from ganproof.rules.rewrites import (
    REWRITE_RULES,
    Definition,
    JSDDefinition,
    Normalisation,
)
from ganproof.vocabulary.context import Context
from ganproof.vocabulary.names import Support, X, precedes
from ganproof.vocabulary.operators import KL
from ganproof.vocabulary.printing import to_latex

_NO_NORMALISATION = tuple(r for r in REWRITE_RULES if not isinstance(r, Normalisation))


def _pointwise(
    gap: sp.Expr,
    strict: bool,
    ctx: Context,
    name: str,
    check: "PointwiseCheck",
) -> Certificate | None:
    """Shared bookkeeping: merge the gap's integrals, check each integrand with ``check``.

    Monotonicity of the integral holds only for an integral that runs upwards: for
    \\int_1^0 the inequality flips.  An integral whose bounds are not proved in increasing
    order makes the rule not apply.  Each integrand is checked where its variable ranges
    (the open interval between the bounds), so that a density is positive there only when
    that interval lies in its support.

    The gap is tried in two equal forms: with the integrals of densities kept (\\int p \\log 2 stays
    under the integral sign, next to the other terms of its integrand), and with them normalised
    (\\log 2 - JSD: the \\log 2 that the JSD's integrals hold cancels the constant).
    """
    if strict:
        return None  # the pointwise rules give >=; strictness needs more than they know
    for rules in (_NO_NORMALISATION, REWRITE_RULES):
        expanded, _ = normal_form(gap, ctx, rules)
        found = _pointwise_form(expanded, ctx, name, check)
        if found is not None:
            return found
    return None


def _pointwise_form(expanded: sp.Expr, ctx: Context, name: str, check: "PointwiseCheck") -> Certificate | None:
    """:func:`_pointwise` on one normal form of the gap."""
    const, groups = merged_integrals(expanded)
    if not (is_zero(const) or is_nonnegative(const, ctx)):
        return None
    details, conditions = [], []
    for (kind, var, *bounds), integrand in groups.items():
        # an integral runs upwards; a sum runs over a non-empty alphabet
        ordered = precedes if kind == "integral" else nonempty
        if len(bounds) != 2 or not ordered(bounds[0], bounds[1]):
            return None
        if X not in integrand.free_symbols:
            integrand = integrand.xreplace({var: X})  # conditions read D(x) = ..., not D(_u0) = ...
            var = X
        result = check(integrand, ctx, ((var, bounds[0], bounds[1]),), kind)
        if result is None:
            return None
        detail, condition = result
        details.append(detail)
        if condition:
            conditions.append(condition)
    if not groups and name != "positivity":
        return None
    rules = (name, "monotonicity") if groups and name != "monotonicity" else (name,)
    latex, text = equality(conditions)
    return Certificate(rules=rules, detail="; ".join(details), equality_condition=latex, equality_text=text)


def _simplest(a: sp.Expr, b: sp.Expr) -> tuple[sp.Expr, sp.Expr]:
    """``a = b`` as ``u = v`` when a - b is a constant times (u - v): p = (p + q)/2 reads p = q."""
    try:
        num, _ = sp.fraction(sp.factor(sp.cancel(sp.together(a - b))))
    except (sp.PolynomialError, TypeError, ValueError):  # pragma: no cover - defensive
        return a, b
    _, rest = num.as_coeff_Mul()
    if isinstance(rest, sp.Add) and len(rest.args) == 2:
        u, v = rest.args
        cu, u_ = u.as_coeff_Mul()
        cv, v_ = v.as_coeff_Mul()
        if cu == -cv and cu != 0:
            return (u_, v_) if cu > 0 else (v_, u_)
    return a, b


def equality(conditions: Sequence[tuple[sp.Expr, sp.Expr]]) -> tuple[str | None, str | None]:
    """When equality holds, in LaTeX and in plain text: each ``a = b`` simplified, each once."""
    seen: list[tuple[sp.Expr, sp.Expr]] = []
    for a, b in conditions:
        u, v = _simplest(a, b)
        if (u, v) not in seen and (v, u) not in seen:
            seen.append((u, v))
    if not seen:
        return None, None
    latex = " and ".join(f"{to_latex(u)} = {to_latex(v)}" for u, v in seen)
    text = " and ".join(f"{sp.sstr(u)} = {sp.sstr(v)}" for u, v in seen)
    return latex, text


Condition = tuple[sp.Expr, sp.Expr]
"""``(a, b)``: equality holds where a = b."""


class PointwiseCheck(Protocol):
    """Protocol of a pointwise check: integrand -> (detail, equality condition) or None.

    ``scope`` is where the integrand's variable ranges; ``kind`` says over what it is integrated
    (``"integral"``, or ``"sum"`` over an alphabet)."""

    def __call__(self, g: sp.Expr, ctx: Context, scope: Scope,
                 kind: str) -> tuple[str, Condition | None] | None:  # pragma: no cover
        ...


def _signed_logs(g: sp.Expr, ctx: Context, scope: Scope) -> sp.Expr | None:
    """``g`` with the logarithms that multiply each factor merged into one, log(u), and replaced by a
    symbol of the sign proved for it (u >= 1: log u >= 0; u <= 1: log u <= 0); None when no log is signed.

    -p log p + p log(p + q) is p log((p + q)/p), and (p + q)/p - 1 = q/p >= 0: the term is >= 0, which
    SymPy cannot see in either the split or the merged form.  The merged logarithm of each factor is
    sum c_i log a_i with rational c_i and every a_i proved positive; its sign is that of
    prod a_i^(k c_i) - 1 for the integer k clearing the denominators.
    """
    groups: dict[sp.Expr, list[tuple[sp.Rational, sp.Expr]]] = {}
    other: list[sp.Expr] = []
    for term in sp.Add.make_args(sp.expand(g, log=False, power_exp=False, power_base=False)):
        factors = sp.Mul.make_args(term)
        logs = [f for f in factors if isinstance(f, sp.log)]
        if len(logs) != 1:
            other.append(term)
            continue
        coeff, rest = sp.Mul(*[f for f in factors if f is not logs[0]]).as_coeff_Mul()
        if not coeff.is_Rational:
            other.append(term)
            continue
        groups.setdefault(rest, []).append((coeff, logs[0].args[0]))
    out, signed = list(other), False
    for rest, parts in groups.items():
        if not all(is_positive(a, ctx, scope) for _, a in parts):
            out.extend(c * rest * sp.log(a) for c, a in parts)
            continue
        k = sp.ilcm(*[c.q for c, _ in parts]) if len(parts) > 1 else parts[0][0].q
        if any(abs(c * k) > FACTOR_MAX_POWER for c, _ in parts):
            out.extend(c * rest * sp.log(a) for c, a in parts)  # a power too high to sign (0.99 log p)
            continue
        scale = sp.Rational(1, k)
        u = sp.Mul(*(a ** (c * k) for c, a in parts))
        if is_nonnegative(u - 1, ctx, scope):
            symbol = sp.Dummy("log", nonnegative=True)
        elif is_nonnegative(1 - u, ctx, scope):
            symbol = sp.Dummy("log", nonpositive=True)
        else:
            out.extend(c * rest * sp.log(a) for c, a in parts)
            continue
        signed = True
        out.append(rest * scale * symbol)
    return sp.Add(*out) if signed else None


def _sign_check(g: sp.Expr, ctx: Context, scope: Scope, kind: str = "integral") -> tuple[str, Condition | None] | None:
    if is_zero(g):
        return "integrand is 0", None
    if is_nonnegative(g, ctx, scope) or is_nonnegative(expand_logs(g, ctx, scope), ctx, scope):
        return f"integrand {to_latex(g)} >= 0", None
    signed = _signed_logs(expand_logs(g, ctx, scope), ctx, scope)
    if signed is not None and is_nonnegative(signed, ctx, scope):
        return f"integrand {to_latex(g)} >= 0 (each logarithm's sign: its argument against 1)", None
    return None


class Monotonicity(InequalityRule):
    name = "monotonicity"

    def certify_gap(self, gap: sp.Expr, strict: bool, ctx: Context) -> Certificate | None:
        return _pointwise(gap, strict, ctx, self.name, _sign_check)


class Positivity(InequalityRule):
    name = "positivity"

    def certify_gap(self, gap: sp.Expr, strict: bool, ctx: Context) -> Certificate | None:
        e, _ = normal_form(gap, ctx, REWRITE_RULES)
        if e.atoms(sp.Integral, sp.Sum):
            return None
        ok = is_positive(e, ctx) if strict else (is_zero(e) or is_nonnegative(e, ctx))
        return Certificate(rules=(self.name,), detail=f"{to_latex(e)} {'>' if strict else '>='} 0") if ok else None


def _null(r: sp.Expr, ctx: Context, scope: Scope, kind: str) -> bool:
    """True when ``r`` integrates to 0 over the domain: a combination sum c_k p_k(x) of densities whose
    supports the domain spans (each integrates to 1 there), constant weights summing to 0."""
    if is_zero(r):
        return True
    (var, lo, hi), = scope
    total: sp.Expr = sp.S.Zero
    for term in sp.Add.make_args(sp.expand(r)):
        coeff, app = term.as_independent(var, as_Add=False)
        if not (isinstance(app, AppliedUndef) and app.func.__name__ in ctx.density_names and app.args == (var,)):
            return False
        support = ctx.support_of(app.func.__name__)
        if support.discrete != (kind == "sum") or (support.lower, support.upper) != (lo, hi) \
                or not support.is_ordered:
            return False
        total += coeff
    return is_zero(total)


def _log_inequality(g: sp.Expr, ctx: Context, scope: Scope, kind: str = "integral") -> tuple[str, Condition | None] | None:
    """``g`` = w (t - 1 - log t) + r with w >= 0, t > 0 and r integrating to 0 (a difference of densities
    over their support: Gibbs' inequality is int p log(p/q) = int p (t - 1 - log t) + int (p - q), t = q/p)."""
    g = sp.expand(expand_logs(g, ctx, scope))
    logs = sorted(g.atoms(sp.log), key=sp.default_sort_key)
    if not logs or not all(is_positive(lg.args[0], ctx, scope) for lg in logs):
        return None  # sum r log a = log prod a^r only for positive a
    coeffs = {lg: g.coeff(lg) for lg in logs}
    rest = sp.expand(g - sp.Add(*(c * lg for lg, c in coeffs.items())))
    if rest.atoms(sp.log):
        return None
    for w in {c for c in coeffs.values()} | {-c for c in coeffs.values()}:
        ratios = {lg: sp.simplify(-c / w) for lg, c in coeffs.items()}
        if not all(r.is_Rational for r in ratios.values()):
            continue
        t = sp.Mul(*(lg.args[0] ** r for lg, r in ratios.items()))
        remainder = sp.expand(rest - w * (t - 1))
        if _null(remainder, ctx, scope, kind) and is_nonnegative(w, ctx, scope) and is_positive(t, ctx, scope):
            extra = "" if is_zero(remainder) else rf" + {to_latex(remainder)}, which integrates to 0"
            return (
                rf"{to_latex(g)} = w(t - 1 - \log t){extra}, w(t - 1 - \log t) \ge 0 with w = {to_latex(w)}, "
                rf"t = {to_latex(t)}",
                (sp.cancel(t), sp.S.One),
            )
    return None


class LogInequality(InequalityRule):
    name = "log-inequality"

    def certify_gap(self, gap: sp.Expr, strict: bool, ctx: Context) -> Certificate | None:
        return _pointwise(gap, strict, ctx, self.name, _log_inequality)


def _pointwise_max(g: sp.Expr, ctx: Context, scope: Scope,
                   kind: str = "integral") -> tuple[str, Condition | None] | None:
    """``g`` >= 0 as k - f(y) with f strictly concave in y = D(x) (or T(x)) and k >= max f.

    y ranges over (0, 1) for a discriminator and over R for a critic; the
    stationary point must lie in that range.
    """
    discs = {a for a in g.atoms(AppliedUndef) if a.func.__name__ in ctx.discriminator_names}
    critics = {a for a in g.atoms(AppliedUndef) if a.func.__name__ in ctx.critic_names}
    if len(discs) + len(critics) != 1:
        return None
    on_unit = bool(discs)
    (d_app,) = discs or critics
    y = sp.Symbol("y_", positive=True) if on_unit else sp.Symbol("y_", real=True)
    symbols: dict[sp.Basic, sp.Expr] = {d_app: y}
    for i, a in enumerate(sorted(g.atoms(AppliedUndef) - {d_app}, key=str)):
        name = a.func.__name__
        if name not in ctx.density_names:
            return None
        # a density is positive inside its support, and only >= 0 at a point not shown inside
        inside = bool(a.args) and density_positive_at(a.args[0], ctx.support_of(name), scope)
        symbols[a] = sp.Symbol(f"a{i}_", positive=True) if inside else sp.Symbol(f"a{i}_", nonnegative=True)
    back = {v: k for k, v in symbols.items()}
    unit_ctx = Context(densities=ctx.densities, discriminators=(), unit_symbols=(y,) if on_unit else ())
    gy = sp.expand(expand_logs(g.xreplace(symbols), unit_ctx))
    k_part, h = gy.as_independent(y, as_Add=True)
    f = -h
    try:
        roots = sp.solve(sp.diff(f, y), y)
    except NotImplementedError:
        return None
    if on_unit:
        stationary = [s for s in roots if is_positive(s, unit_ctx) and is_positive(sp.cancel(1 - s), unit_ctx)]
    else:
        stationary = [s for s in roots if s.is_real is True and s.is_finite is True]
    if len(stationary) != 1:
        return None
    s = stationary[0]
    second = sp.diff(f, y, 2)
    if not is_positive(-second, unit_ctx):
        return None
    value_gap = expand_logs(k_part - f.xreplace({y: s}), unit_ctx)
    if not (is_zero(value_gap) or is_nonnegative(value_gap, unit_ctx)):
        return None
    star = to_latex(s.xreplace(back))
    where = r"\in (0, 1)" if on_unit else r"\in \mathbb{R}"
    over = "(0, 1)" if on_unit else r"\mathbb{R}"
    return (
        rf"f(y) = {to_latex(f.xreplace(back))} has f'(y^*) = 0 at y^* = {star} {where} "
        rf"and f''(y) = {to_latex(sp.simplify(second).xreplace(back))} < 0 on {over}",
        (d_app, s.xreplace(back)),
    )


class PointwiseMax(InequalityRule):
    name = "pointwise-max"

    def certify_gap(self, gap: sp.Expr, strict: bool, ctx: Context) -> Certificate | None:
        return _pointwise(gap, strict, ctx, self.name, _pointwise_max)


def density_support(e: sp.Expr, var: sp.Symbol, ctx: Context) -> Support | None:
    """The support of ``e`` as a probability density in ``var``, or None when it is not proved one.

    A density applied at ``var`` (p(x), or a member p(x, theta) of a family), or a mixture
    sum c_i p_i(x) with every weight c_i proved positive, free of ``var``, and the weights
    summing to 1, all the densities on one support that runs upwards.  1.01 q or 0.99 p is
    no density (it integrates to 1.01, 0.99): Gibbs' inequality does not hold for it.
    """
    weights: sp.Expr = sp.S.Zero
    supports: set[Support] = set()
    for term in sp.Add.make_args(sp.expand(e)):
        coeff, app = term.as_independent(var, as_Add=False)
        if not (isinstance(app, AppliedUndef) and app.func.__name__ in ctx.density_names and app.args
                and app.args[0] == var and all(var not in a.free_symbols for a in app.args[1:])):
            return None
        if not is_positive(coeff, ctx):
            return None
        weights += coeff
        supports.add(ctx.support_of(app.func.__name__))
    if len(supports) != 1 or not is_zero(weights - 1):
        return None
    (support,) = supports
    return support if support.is_ordered else None


class KLNonnegative(InequalityRule):
    name = "kl-nonnegative"

    def certify_gap(self, gap: sp.Expr, strict: bool, ctx: Context) -> Certificate | None:
        if strict:
            return None
        e, _ = normal_form(gap, ctx, (Definition(), JSDDefinition()))
        e = sp.expand(e)
        kls = sorted(e.atoms(KL), key=sp.default_sort_key)
        if not kls:
            return None
        for k in kls:
            first, second = density_support(k.first, k.var, ctx), density_support(k.second, k.var, ctx)
            if first is None or second is None or first.discrete != second.discrete:
                return None  # Gibbs' inequality is about two probability densities (or two laws on alphabets)
            # on different supports KL(p || q) >= 0 still holds, in [0, +inf]: it is +inf where q vanishes on
            # part of p's support, and otherwise the integral of q over p's support is at most 1 (Gibbs'
            # inequality with int (p - q) >= 0); a sum of such terms with coefficients >= 0 is >= 0
        coeffs = {k: e.coeff(k) for k in kls}
        if not all(c.free_symbols == set() and c.is_nonnegative for c in coeffs.values()):
            return None
        rest = sp.expand(e - sp.Add(*(c * k for k, c in coeffs.items())))
        if prove_equal(rest, sp.S.Zero, ctx, REWRITE_RULES) is None:
            if not is_nonnegative(rest, ctx):
                return None
        latex, text = equality([(k.first, k.second) for k in kls])
        return Certificate(
            rules=(self.name,),
            detail=" + ".join(rf"{to_latex(c)}\,{to_latex(k)}" for k, c in coeffs.items()) + r" \ge 0",
            equality_condition=latex,
            equality_text=text,
            lemmas=("gibbs",),
        )


def _jensen() -> InequalityRule:
    from ganproof.rules.jensen import Jensen  # its own module: it builds on the prover and these rules

    return Jensen()


INEQUALITY_RULES = (Positivity(), Monotonicity(), LogInequality(), PointwiseMax(), KLNonnegative(), _jensen())
