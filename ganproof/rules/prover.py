"""The prover: bookkeeping that applies rules to the two sides of a step.

Equalities: both sides are rewritten to a fixpoint by the rewrite rules and
must then agree in the bookkeeping normal form (:func:`~ganproof.rules.algebra.canonical`).
Inequalities: the gap (right minus left for <=) is handed to the
inequality rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import sympy as sp

from ganproof.rules.algebra import canonical, is_zero
from ganproof.rules.base import Certificate, RewriteRule
from ganproof.vocabulary.context import Context
from ganproof.vocabulary.measures import is_measure, kind_key

_MAX_PASSES = 12


def normal_form(expr: sp.Expr, ctx: Context, rules: Sequence[RewriteRule]) -> tuple[sp.Expr, frozenset[str]]:
    """``expr`` rewritten by ``rules`` until nothing changes; and the rules that changed it."""
    return _normal_form(expr, ctx, tuple(rules))


@lru_cache(maxsize=4096)
def _normal_form(expr: sp.Expr, ctx: Context, rules: tuple[RewriteRule, ...]) -> tuple[sp.Expr, frozenset[str]]:
    """:func:`normal_form`, remembered: a chain's middle rows are each side of two steps."""
    fired: set[str] = set()
    current = expr
    for _ in range(_MAX_PASSES):
        before = current
        for rule in rules:
            new = rule.rewrite(current, ctx)
            if new != current:
                fired.add(rule.name)
                current = new
        if current == before:
            break
    return current, frozenset(fired)


def prove_equal(lhs: sp.Expr, rhs: sp.Expr, ctx: Context, rules: Sequence[RewriteRule]) -> Certificate | None:
    """A certificate that ``lhs = rhs`` using ``rules`` (and bookkeeping), or None."""
    left, fired_l = normal_form(lhs, ctx, rules)
    right, fired_r = normal_form(rhs, ctx, rules)
    order = [r.name for r in rules if r.name in fired_l | fired_r]
    if is_zero(left - right):
        return Certificate(rules=tuple(order))
    if _same_integrand(left, right):
        return Certificate(rules=tuple(order))
    if any(r.name == "linearity" for r in rules):
        # merge the integrals of each domain; once without normalisation, whose constants
        # (int p dx = 1) would otherwise be taken out of one side's merged integrand only
        if _equal_by_integrands(left - right):
            return _with_linearity(order)
        unnormalised = [r for r in rules if r.name != "normalisation"]
        (l_form, r_form), fired = _both_normal_forms(lhs, rhs, ctx, unnormalised)
        if _equal_by_integrands(l_form - r_form):
            return _with_linearity(fired)
    return None


def _with_linearity(fired: list[str]) -> Certificate:
    return Certificate(rules=tuple(fired if "linearity" in fired else [*fired, "linearity"]))


def _both_normal_forms(lhs: sp.Expr, rhs: sp.Expr, ctx: Context,
                       rules: Sequence[RewriteRule]) -> tuple[tuple[sp.Expr, sp.Expr], list[str]]:
    left, fired_l = normal_form(lhs, ctx, rules)
    right, fired_r = normal_form(rhs, ctx, rules)
    return (left, right), [r.name for r in rules if r.name in fired_l | fired_r]


def _same_integrand(left: sp.Expr, right: sp.Expr) -> bool:
    """Both sides one integral over the same domain, with integrands equal by rational arithmetic.

    Algebra under one integral sign: int s (a/s - 1)^2 dx = int (a - s)^2 / s dx.  The
    expanded forms of the two integrands need not match term by term, so the bookkeeping
    normal form alone would miss it.
    """
    lc, rc = canonical(left), canonical(right)
    if not (is_measure(lc) and is_measure(rc) and kind_key(lc) == kind_key(rc)):
        return False
    return lc.limits == rc.limits and len(lc.limits) == 1 and is_zero(lc.function - rc.function)


def _equal_by_integrands(difference: sp.Expr) -> bool:
    """``difference`` is 0 once its integrals over each domain are merged into one integrand.

    Linearity (int f - int g = int (f - g)) followed by rational arithmetic on the
    merged integrand: two sums of integrals can agree although no term matches another.
    """
    const, groups = merged_integrals(difference)
    return bool(groups) and is_zero(const) and all(is_zero(g) for g in groups.values())


def gap_of(lhs: sp.Expr, rhs: sp.Expr, relation: str) -> tuple[sp.Expr, bool]:
    """The quantity that must be >= 0 (or > 0 when strict) for ``lhs relation rhs``."""
    if relation in ("<=", "<"):
        return rhs - lhs, relation == "<"
    if relation in (">=", ">"):
        return lhs - rhs, relation == ">"
    raise ValueError(f"not an inequality: {relation!r}")


def merged_integrals(gap: sp.Expr) -> tuple[sp.Expr, dict[tuple[sp.Basic, ...], sp.Expr]]:
    """``gap`` (with integrals split by linearity) as constant + one integrand per domain.

    A domain is keyed ``(kind, var, lower, upper)``, kind ``"integral"`` or ``"sum"`` (a sum over an
    alphabet): an integral and a sum with the same ends are never merged.
    """
    e = canonical(gap)
    const = sp.S.Zero
    groups: dict[tuple[sp.Basic, ...], sp.Expr] = {}
    for term in sp.Add.make_args(e):
        integrals = [f for f in sp.Mul.make_args(term) if is_measure(f)]
        if len(integrals) == 1 and len(integrals[0].limits) == 1:
            integral = integrals[0]
            coeff = sp.Mul(*[f for f in sp.Mul.make_args(term) if f is not integral])
            key = (kind_key(integral), *integral.limits[0])
            groups[key] = groups.get(key, sp.S.Zero) + coeff * integral.function
        else:
            const += term
    return const, groups
