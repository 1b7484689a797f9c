"""Jensen's inequality as a rule: a concave function of an expectation is at least the expectation
of the function, with its side condition (concavity on the range of the argument) proved.

The gap of a step (the quantity that must be >= 0) is searched for the shape

    gap = H(E_w[Y]) - E_w[H(Y)] + R

where ``E_w[Y]`` is an integral (or a sum over an alphabet) of a law ``w`` times ``Y``, over exactly
the support of ``w``, and stands in the gap inside a non-linear function; ``H(t)`` is everything in
the gap that depends on that expectation (with its coefficients and sign: ``-log t`` for
KL(p || q) >= -log E_p[q/p], ``(1/2) log(2/(1 + e^t))`` in a bound on JSD); and ``R`` is a rest that
is proved 0 by the rewrite rules, or proved >= 0 by this rule again (a second expectation, at most
:data:`MAX_DEPTH` of them).  The side condition: H is concave on the range of Y, that is
``H''(t) <= 0`` for every t in an interval that holds every value of Y (the positive reals when Y is
proved positive there, else the whole line), and H(t) is real there.  Both are proved by SymPy
under those assumptions, or the rule does not apply.  Equality holds when Y is constant
(w-almost surely).

Convexity is the same rule: ``E_w[G(Y)] >= G(E_w[Y])`` for convex G is the gap above with H = -G.
A strict inequality needs more (Y not constant, H strictly concave): the rule does not give it.
"""

from __future__ import annotations

import sympy as sp
from sympy.core.function import AppliedUndef

from ganproof.rules.algebra import is_nonnegative, is_positive
from ganproof.rules.base import Certificate, InequalityRule
from ganproof.rules.prover import normal_form, prove_equal
from ganproof.rules.rewrites import (
    REWRITE_RULES,
    CEDefinition,
    Definition,
    ExpectationToIntegral,
    FDivergenceDefinition,
    JSDDefinition,
    KLDefinition,
    LawOfLargeNumbers,
    Substitution,
)
from ganproof.vocabulary.context import Context
from ganproof.vocabulary.measures import is_measure, rebuilt
from ganproof.vocabulary.printing import to_latex

MAX_DEPTH = 3
"""The most expectations one step may move a concave function across (each one Jensen's inequality)."""

_UNFOLD = (Definition(), JSDDefinition(), KLDefinition(), FDivergenceDefinition(), CEDefinition(),
           LawOfLargeNumbers(), ExpectationToIntegral(), Substitution())
"""Rewrites that only unfold definitions: the expectations stay as written (no logarithm split, no
integral normalised away), so that the shape H(E[Y]) is still there to be seen."""


def _laws(e: sp.Expr, ctx: Context) -> list[sp.Expr]:
    """The density applications at the variable of an integral (a sum) of ``e``: the candidate laws w."""
    out: list[sp.Expr] = []
    for node in sp.preorder_traversal(e):
        if is_measure(node) and len(node.limits) == 1 and len(node.limits[0]) == 3:
            var = node.limits[0][0]
            for a in node.function.atoms(AppliedUndef):
                if a.func.__name__ in ctx.density_names and a.args == (var,) and a not in out:
                    out.append(a)
    return out


def _inner_expectations(e: sp.Expr) -> list[sp.Expr]:
    """Integrals (sums) of ``e`` that stand inside a non-linear function (not as a term times a constant)."""
    found: list[sp.Expr] = []

    def visit(node: sp.Basic, linear: bool) -> None:
        if is_measure(node):
            if not linear and len(node.limits) == 1 and node not in found:
                found.append(node)
            return  # an expectation inside an integrand is no expectation of the gap's own
        if isinstance(node, sp.Add):
            for a in node.args:
                visit(a, linear)
        elif isinstance(node, sp.Mul):
            for a in node.args:
                visit(a, linear and not a.has(sp.Integral, sp.Sum) or linear and a.is_number)
            if linear:
                heavy = [a for a in node.args if a.has(sp.Integral, sp.Sum)]
                if len(heavy) > 1:
                    for a in heavy:
                        visit(a, False)
        else:
            for a in node.args:
                visit(a, False)

    visit(e, True)
    return found


def _range_symbol(y: sp.Expr, scope: tuple[tuple[sp.Symbol, sp.Expr, sp.Expr], ...],
                  ctx: Context) -> tuple[sp.Symbol, str] | None:
    """A symbol standing for the values of ``y`` where its variable ranges, and that range in words."""
    if is_positive(y, ctx, scope):
        return sp.Dummy("t", positive=True), r"(0, \infty)"
    if y.is_real is True or all(a.is_real is not False for a in y.atoms(AppliedUndef)):
        return sp.Dummy("t", real=True), r"\mathbb{R}"
    return None


def _concave(h: sp.Expr, t: sp.Symbol, ctx: Context) -> sp.Expr | None:
    """H''(t) when H is proved real and concave for every t its assumptions allow, else None."""
    if h.is_real is not True:
        return None
    second = sp.diff(h, t, 2)
    if second.has(sp.Derivative):
        return None
    if not (second == 0 or is_nonnegative(-second, ctx)):
        return None
    return second


def _jensen(e: sp.Expr, ctx: Context, depth: int) -> list[str] | None:
    """Why ``e >= 0`` by Jensen's inequality (one detail per expectation moved), or None."""
    if depth > MAX_DEPTH:
        return None
    for inner in _inner_expectations(e):
        (var, lo, hi), = inner.limits
        t0 = sp.Dummy("s")
        with_t = e.xreplace({inner: t0})
        if inner in with_t.atoms(sp.Integral, sp.Sum):
            continue
        h = sp.Add(*(term for term in sp.Add.make_args(sp.expand(with_t, deep=False, log=False, power_exp=False,
                                                                  power_base=False, multinomial=False))
                     if term.has(t0)))
        if not h.has(t0) or h.has(var):
            continue
        for w in _laws(e, ctx):
            if not (ctx.support_of(w.func.__name__).spans(rebuilt(inner, w.xreplace({w.args[0]: var}),
                                                                   inner.limits))):
                continue
            w_at = w.xreplace({w.args[0]: var})
            y = sp.cancel(inner.function / w_at)
            scope = ((var, lo, hi),)
            found = _range_symbol(y, scope, ctx)
            if found is None:
                continue
            t, where = found
            h_t = h.xreplace({t0: t})
            second = _concave(h_t, t, ctx)
            if second is None:
                continue
            expectation_of_h = rebuilt(inner, w_at * h_t.xreplace({t: y}), inner.limits)
            rest = e - h.xreplace({t0: inner}) + expectation_of_h
            detail = (rf"Jensen: H(t) = {to_latex(h_t)} is concave on {where} (H''(t) = {to_latex(second)} "
                      rf"\le 0) and Y = {to_latex(y)} takes its values there, so H(\mathbb{{E}}_{{{to_latex(w_at)}}}[Y]) "
                      rf"\ge \mathbb{{E}}_{{{to_latex(w_at)}}}[H(Y)]")
            if prove_equal(rest, sp.S.Zero, ctx, REWRITE_RULES) is not None:
                return [detail]
            more = _jensen(normal_form(rest, ctx, _UNFOLD)[0], ctx, depth + 1)
            if more is not None:
                return [detail, *more]
    return None


def _weighted_means(e: sp.Expr) -> list[tuple[sp.Expr, list[tuple[sp.Rational, sp.Expr]]]]:
    """Arguments of functions in ``e`` of the form sum_i l_i a_i with rational l_i > 0 summing to 1 and
    at least two terms a_i that are no numbers: the means of a finite law (two points, weights l_i)."""
    out = []
    for node in sp.preorder_traversal(e):
        if isinstance(node, (sp.Add, sp.Mul)) or not node.args or is_measure(node):
            continue
        for arg in node.args:
            if not isinstance(arg, sp.Expr):  # a derivative's (variable, count) pair, a Lambda's signature
                continue
            terms = sp.Add.make_args(sp.expand(arg, deep=False, log=False, power_exp=False, power_base=False,
                                               multinomial=False))
            parts = [t.as_coeff_Mul() for t in terms]
            if len(parts) >= 2 and all(c.is_Rational and c > 0 and not a.is_Number for c, a in parts) \
                    and sum(c for c, _ in parts) == 1 and len({a for _, a in parts}) == len(parts):
                out.append((arg, parts))
    return out


def _finite_jensen(e: sp.Expr, ctx: Context) -> list[str] | None:
    """Why ``e >= 0`` as H(sum l_i a_i) - sum l_i H(a_i) (+ a rest proved 0) for H concave: Jensen's
    inequality for the finite law that puts weight l_i on the point a_i (the midpoint for two halves)."""
    for mean, parts in _weighted_means(e):
        t0 = sp.Dummy("s")
        with_t = e.xreplace({mean: t0})
        h = sp.Add(*(term for term in sp.Add.make_args(sp.expand(with_t, deep=False, log=False, power_exp=False,
                                                                  power_base=False, multinomial=False))
                     if term.has(t0)))
        if not h.has(t0):
            continue
        positive = all(is_positive(a, ctx) for _, a in parts)
        t = sp.Dummy("t", positive=True) if positive else sp.Dummy("t", real=True)
        if not all(a.is_real is not False for _, a in parts):
            continue
        h_t = h.xreplace({t0: t})
        second = _concave(h_t, t, ctx)
        if second is None:
            continue
        rest = e - h.xreplace({t0: mean}) + sp.Add(*(c * h_t.xreplace({t: a}) for c, a in parts))
        if prove_equal(rest, sp.S.Zero, ctx, REWRITE_RULES) is not None:
            where = r"(0, \infty)" if positive else r"\mathbb{R}"
            return [rf"Jensen for the finite law with weights {', '.join(to_latex(c) for c, _ in parts)}: "
                    rf"H(t) = {to_latex(h_t)} is concave on {where} (H''(t) = {to_latex(second)} \le 0), so "
                    rf"H(\sum_i \lambda_i a_i) \ge \sum_i \lambda_i H(a_i)"]
    return None


class Jensen(InequalityRule):
    name = "jensen"

    def certify_gap(self, gap: sp.Expr, strict: bool, ctx: Context) -> Certificate | None:
        if strict:
            return None
        e, _ = normal_form(gap, ctx, _UNFOLD)
        details = _jensen(e, ctx, 1)
        latex, text = r"Y \text{ constant}", "Y constant"
        if details is None:
            details = _finite_jensen(e, ctx)
            latex, text = r"\text{the points } a_i \text{ are equal}", "the points a_i are equal"
        if details is None:
            return None
        return Certificate(rules=(self.name,), detail="; ".join(details), equality_condition=latex,
                           equality_text=text)
