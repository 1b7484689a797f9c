"""The prover: bookkeeping that applies rules to the two sides of a step.

Equalities: both sides are rewritten to a fixpoint by the rewrite rules and
must then agree in the bookkeeping normal form (:func:`~ganproof.rules.algebra.canonical`).
Inequalities: the gap (right minus left for <=) is handed to the
inequality rules.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp

from ganproof.rules.algebra import canonical, is_zero
from ganproof.rules.base import Certificate, RewriteRule
from ganproof.vocabulary.context import Context

_MAX_PASSES = 12


def normal_form(expr: sp.Expr, ctx: Context, rules: Sequence[RewriteRule]) -> tuple[sp.Expr, frozenset[str]]:
    """``expr`` rewritten by ``rules`` until nothing changes; and the rules that changed it."""
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
    if is_zero(left - right):
        order = [r.name for r in rules if r.name in fired_l | fired_r]
        return Certificate(rules=tuple(order))
    return None


def gap_of(lhs: sp.Expr, rhs: sp.Expr, relation: str) -> tuple[sp.Expr, bool]:
    """The quantity that must be >= 0 (or > 0 when strict) for ``lhs relation rhs``."""
    if relation in ("<=", "<"):
        return rhs - lhs, relation == "<"
    if relation in (">=", ">"):
        return lhs - rhs, relation == ">"
    raise ValueError(f"not an inequality: {relation!r}")


def merged_integrals(gap: sp.Expr) -> tuple[sp.Expr, dict[tuple[sp.Basic, ...], sp.Expr]]:
    """``gap`` (with integrals split by linearity) as constant + one integrand per domain."""
    e = canonical(gap)
    const = sp.S.Zero
    groups: dict[tuple[sp.Basic, ...], sp.Expr] = {}
    for term in sp.Add.make_args(e):
        integrals = [f for f in sp.Mul.make_args(term) if isinstance(f, sp.Integral)]
        if len(integrals) == 1 and len(integrals[0].limits) == 1:
            integral = integrals[0]
            coeff = sp.Mul(*[f for f in sp.Mul.make_args(term) if f is not integral])
            key = tuple(integral.limits[0])
            groups[key] = groups.get(key, sp.S.Zero) + coeff * integral.function
        else:
            const += term
    return const, groups
