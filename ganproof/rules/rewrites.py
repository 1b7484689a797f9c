"""The equality rules: each rewrites an expression into an equal one.

Each class implements only :meth:`rewrite`; the prover does the rest.
"""

from __future__ import annotations

from typing import Any, cast

import sympy as sp
from sympy.core.function import AppliedUndef

from collections.abc import Callable

from ganproof.rules.algebra import expand_logs, is_nonnegative, is_positive, map_bottom_up, map_scoped
from ganproof.rules.base import RewriteRule
from ganproof.vocabulary.context import Context
from ganproof.vocabulary.measures import is_measure, rebuilt
from ganproof.vocabulary.names import REAL_LINE, Support, X
from ganproof.vocabulary.operators import (
    JSD,
    KL,
    BinaryCE,
    CrossEntropy,
    Defined,
    Expectation,
    FDivergence,
    GanOperator,
    SampleMean,
)


def _unfold_all(expr: sp.Expr, ctx: Context, kinds: tuple[type, ...],
                applies: Callable[[sp.Basic, Context], bool] | None = None) -> sp.Expr:
    """Every operator of ``kinds`` unfolded by its definition, where ``applies`` (its side
    conditions) allows it; elsewhere it is left as it is (the rule does not apply there)."""
    def step(node: sp.Basic) -> sp.Basic:
        if isinstance(node, kinds) and (applies is None or applies(node, ctx)):
            return cast(Any, node).unfold(ctx)
        return node

    return map_bottom_up(expr, step)


def _supports_in(e: sp.Basic, ctx: Context) -> set[Support]:
    """The supports of the densities that occur in ``e`` (through definitions too)."""
    return {ctx.support_of(a.func.__name__) for a in e.atoms(AppliedUndef) if a.func.__name__ in ctx.density_names}


def _one_support(e: sp.Basic, ctx: Context) -> Support | None:
    """The one support of the densities in ``e`` when they share it and it runs upwards
    (the real line when there is none); None otherwise."""
    supports = _supports_in(e, ctx) or {REAL_LINE}
    if len(supports) != 1:
        return None
    (support,) = supports
    return support if support.is_ordered else None


def _positive_over(support: Support, var: sp.Symbol, ctx: Context, *exprs: sp.Expr) -> bool:
    """Every expression proved positive while ``var`` ranges over ``support`` (what a logarithm
    of them under the integral over the support needs)."""
    scope = ((var, support.lower, support.upper),)
    return all(is_positive(e, ctx, scope) for e in exprs)


def _kl_applies(node: sp.Basic, ctx: Context) -> bool:
    """KL(P || Q) = int_S P log(P/Q) over the support S of P's densities: they share one support,
    Q's densities live on a support that holds S (else log(P/0) where P > 0), and P and Q are
    proved positive on S (the logarithm of P/Q has a real value there)."""
    first, second = node.args[0], node.args[1]
    support = _one_support(first, ctx)
    return (support is not None
            and all(s.contains_range(support.lower, support.upper) for s in _supports_in(second, ctx))
            and _positive_over(support, node.args[2], ctx, first, second))


def _same_support(node: sp.Basic, ctx: Context) -> bool:
    """Both arguments' densities on one support, both proved positive there: an f-divergence
    integrates Q f(P/Q) over it, which would miss Q f(0) where Q > 0 = P if P's support were
    smaller."""
    assert isinstance(node, FDivergence)
    support = _one_support(sp.Tuple(node.first, node.second), ctx)
    return support is not None and _positive_over(support, node.var, ctx, node.first, node.second)


def _ce_applies(node: sp.Basic, ctx: Context) -> bool:
    """CE(P, F) = -int_S P log F over the support S of P's densities, F's densities living on a
    support that holds S and F proved positive on S; CE(y, d) = -(y log d + (1 - y) log(1 - d))
    for d proved in (0, 1) where its logarithms are taken (no real value otherwise)."""
    if isinstance(node, BinaryCE):
        y, d = node.args
        return (y == 0 or is_positive(d, ctx)) and (y == 1 or is_positive(1 - d, ctx))
    first, second = node.args[0], node.args[1]
    support = _one_support(first, ctx)
    return (support is not None
            and all(s.contains_range(support.lower, support.upper) for s in _supports_in(second, ctx))
            and _positive_over(support, node.args[2], ctx, second))


def _expectation_applies(node: sp.Basic, ctx: Context) -> bool:
    """E_{x ~ p} is an integral over the support of p, a density of the context: one that runs upwards
    (an expectation "under" a discriminator or any other function is no expectation)."""
    assert isinstance(node, Expectation)
    return node.density_name in ctx.density_names and ctx.support_of(node.density_name).is_ordered


class Algebra(RewriteRule):
    name = "algebra"

    def rewrite(self, expr: sp.Expr, ctx: Context) -> sp.Expr:
        return expr  # the prover's bookkeeping normal form is exactly this rule


class AddZero(RewriteRule):
    name = "add-zero"

    def rewrite(self, expr: sp.Expr, ctx: Context) -> sp.Expr:
        return expr  # a zero term vanishes in the bookkeeping normal form


class Definition(RewriteRule):
    name = "definition"

    def rewrite(self, expr: sp.Expr, ctx: Context) -> sp.Expr:
        return _unfold_all(expr, ctx, (Defined,))


class ExpectationToIntegral(RewriteRule):
    name = "expectation-to-integral"

    def rewrite(self, expr: sp.Expr, ctx: Context) -> sp.Expr:
        return _unfold_all(expr, ctx, (Expectation,), _expectation_applies)


class KLDefinition(RewriteRule):
    name = "kl-definition"

    def rewrite(self, expr: sp.Expr, ctx: Context) -> sp.Expr:
        return _unfold_all(expr, ctx, (KL,), _kl_applies)


class JSDDefinition(RewriteRule):
    name = "jsd-definition"

    def rewrite(self, expr: sp.Expr, ctx: Context) -> sp.Expr:
        return _unfold_all(expr, ctx, (JSD,))


class FDivergenceDefinition(RewriteRule):
    name = "f-divergence-definition"

    def rewrite(self, expr: sp.Expr, ctx: Context) -> sp.Expr:
        return _unfold_all(expr, ctx, (FDivergence,), _same_support)


class CEDefinition(RewriteRule):
    name = "ce-definition"

    def rewrite(self, expr: sp.Expr, ctx: Context) -> sp.Expr:
        return _unfold_all(expr, ctx, (CrossEntropy, BinaryCE), _ce_applies)


class LawOfLargeNumbers(RewriteRule):
    name = "law-of-large-numbers"

    def rewrite(self, expr: sp.Expr, ctx: Context) -> sp.Expr:
        def step(node: sp.Basic) -> sp.Basic:
            if isinstance(node, SampleMean):
                try:
                    return cast(Any, node).unfold(ctx)
                except LookupError:
                    return node  # no known law: the rule does not apply
            return node

        return map_bottom_up(expr, step)


class Lotus(RewriteRule):
    name = "lotus"

    def rewrite(self, expr: sp.Expr, ctx: Context) -> sp.Expr:
        def through(body: sp.Expr, var: sp.Symbol, noise: str) -> tuple[sp.Expr, sp.Symbol, sp.Expr] | None:
            """``body`` with G(var) (or G(var, theta)) replaced by a new variable, if var occurs
            only there; and the law of that variable, p_G(new) (or p_G(new, theta))."""
            for pf in ctx.pushforwards:
                if pf.noise.name != noise:
                    continue
                apps = {a for a in body.atoms(AppliedUndef)
                        if a.func == pf.generator.function and a.args and a.args[0] == var}
                params = {a.args[1:] for a in apps}
                if len(params) != 1:
                    continue
                (extra,) = params
                if any(var in e.free_symbols for e in extra):
                    continue
                # x only where it occurs nowhere in the body, not even bound: G(z) inside an inner
                # integral over x would otherwise be captured by it
                new = X if X not in body.atoms(sp.Symbol) else sp.Dummy("x", real=True)
                replaced = body.xreplace({a: new for a in apps})
                if var not in replaced.free_symbols:
                    return replaced, new, pf.density.function(new, *extra)
            return None

        def step(node: sp.Basic) -> sp.Basic:
            if isinstance(node, Expectation):
                hit = through(node.body, node.var, node.density_name)
                if hit is not None:
                    body, var, law = hit
                    return Expectation(body, var, law)
            if isinstance(node, sp.Integral) and len(node.limits) == 1:
                (var, lo, hi), = node.limits
                factors = node.function.as_ordered_factors()
                for law in factors:
                    if not (isinstance(law, AppliedUndef) and law.args == (var,)):
                        continue
                    name = law.func.__name__
                    if not ctx.support_of(name).spans(node):
                        continue
                    rest = sp.Mul(*[f for f in factors if f is not law])
                    hit = through(rest, var, name)
                    if hit is not None:
                        body, nv, law = hit
                        support = ctx.support_of(law.func.__name__)
                        if not support.is_ordered or support.discrete:
                            continue
                        return sp.Integral(law * body, support.limits(nv))
            return node

        return map_bottom_up(expr, step)


class Substitution(RewriteRule):
    name = "substitution"

    def rewrite(self, expr: sp.Expr, ctx: Context) -> sp.Expr:
        for h in ctx.hypotheses:
            # densities on different supports cannot be equal: such a hypothesis is not used
            if ctx.support_of(h.density.name) == ctx.support_of(h.equals.name):
                expr = expr.replace(h.density.function, h.equals.function)
        return expr


class LogAlgebra(RewriteRule):
    name = "log-algebra"

    def rewrite(self, expr: sp.Expr, ctx: Context) -> sp.Expr:
        return expand_logs(expr, ctx)


class AbsoluteValue(RewriteRule):
    name = "absolute-value"

    def rewrite(self, expr: sp.Expr, ctx: Context) -> sp.Expr:
        def settle(node: sp.Basic, scope: Any) -> sp.Basic:
            if not isinstance(node, sp.Abs):
                return node
            u = node.args[0]
            if is_nonnegative(u, ctx, scope):
                return u
            if is_nonnegative(-u, ctx, scope):
                return -u
            if isinstance(u, sp.Mul):
                return sp.Mul(*(sp.Abs(f) for f in u.args))
            return node

        return cast(sp.Expr, map_scoped(expr, settle, ctx))


def _split_integral(node: sp.Expr) -> sp.Expr:
    """An integral (or a sum over an alphabet) of a sum of terms as the sum of their integrals (sums),
    each constant factor taken out."""
    (var, *bounds), = node.limits
    body = sp.expand(node.function, mul=True, multinomial=True, log=False,
                     power_exp=False, power_base=False, basic=False)
    terms = []
    for term in sp.Add.make_args(body):
        coeff, dep = term.as_independent(var, as_Add=False)
        terms.append(coeff * rebuilt(node, dep, (var, *bounds)))
    return sp.Add(*terms)


class Linearity(RewriteRule):
    name = "linearity"

    def rewrite(self, expr: sp.Expr, ctx: Context) -> sp.Expr:
        def step(node: sp.Basic) -> sp.Basic:
            if is_measure(node) and len(node.limits) == 1:
                return _split_integral(node)
            return node

        out = map_bottom_up(expr, step)
        return sp.expand(out, mul=True, multinomial=True, log=False,
                         power_exp=False, power_base=False, basic=False)


def _density_at(e: sp.Basic, var: sp.Symbol, ctx: Context) -> bool:
    """``e`` is a density applied to ``var`` (with parameters free of ``var``: p(x), p(x, theta))."""
    return (
        isinstance(e, AppliedUndef)
        and e.func.__name__ in ctx.density_names
        and bool(e.args)
        and e.args[0] == var
        and all(var not in a.free_symbols for a in e.args[1:])
    )


def _has_operator(e: sp.Basic) -> bool:
    return any(isinstance(n, GanOperator) for n in sp.preorder_traversal(e))


class Normalisation(RewriteRule):
    name = "normalisation"

    def rewrite(self, expr: sp.Expr, ctx: Context) -> sp.Expr:
        def step(node: sp.Basic) -> sp.Basic:
            if is_measure(node) and len(node.limits) == 1 and len(node.limits[0]) == 3:
                (var, lo, hi), = node.limits
                dep = node.function
                # over its support, upwards: \int_1^0 p = -1 for p on [0, 1]; a pmf summed over its
                # alphabet, never integrated (nor a density summed)
                if _density_at(dep, var, ctx) and ctx.support_of(dep.func.__name__).spans(node):
                    return sp.S.One
            return node

        return map_bottom_up(expr, step)


class Differentiation(RewriteRule):
    name = "differentiation"

    def rewrite(self, expr: sp.Expr, ctx: Context) -> sp.Expr:
        def step(node: sp.Basic) -> sp.Basic:
            if isinstance(node, sp.Derivative) and not node.expr.has(sp.Integral, sp.Sum, sp.Subs) \
                    and not _has_operator(node.expr):
                return node.doit()
            return node

        return map_bottom_up(expr, step)


class Leibniz(RewriteRule):
    name = "leibniz"

    def rewrite(self, expr: sp.Expr, ctx: Context) -> sp.Expr:
        def step(node: sp.Basic) -> sp.Basic:
            if isinstance(node, sp.Derivative) and node.expr.has(sp.Integral) and not _has_operator(node.expr) \
                    and len(node.variables) == 1:
                pushed = _under_the_integral(node.expr, node.variables[0])
                if pushed is not None:
                    return pushed
            if isinstance(node, sp.Integral) and len(node.limits) == 1 and len(node.limits[0]) == 3:
                (var, lo, hi), = node.limits
                family = ctx.support_of(_family_name(node.function)) if _score_of_family(node.function, var, ctx) \
                    else None
                if family is not None and family.spans(node):
                    return sp.S.Zero
            return node

        return map_bottom_up(expr, step)


def _under_the_integral(e: sp.Expr, theta: sp.Symbol) -> sp.Expr | None:
    """d e / d theta with the derivative taken inside every integral, or None where it cannot be.

    Sums and products by the usual rules; an integral whose limits do not depend on theta
    becomes the integral of the derivative of its integrand (which must hold no integral).
    SymPy's own ``doit`` would also try to evaluate the integrals: never called here.
    """
    if theta not in e.free_symbols:
        return sp.S.Zero
    if not e.has(sp.Integral):
        return sp.diff(e, theta)
    if isinstance(e, sp.Add):
        parts = [_under_the_integral(a, theta) for a in e.args]
        return None if any(p is None for p in parts) else sp.Add(*parts)
    if isinstance(e, sp.Mul):
        terms = []
        for i, factor in enumerate(e.args):
            df = _under_the_integral(factor, theta)
            if df is None:
                return None
            terms.append(sp.Mul(*e.args[:i], df, *e.args[i + 1:]))
        return sp.Add(*terms)
    if isinstance(e, sp.Integral) and len(e.limits) == 1 and len(e.limits[0]) == 3:
        var, lo, hi = e.limits[0]
        if theta in lo.free_symbols | hi.free_symbols or e.function.has(sp.Integral) or var == theta:
            return None
        return sp.Integral(sp.diff(e.function, theta), (var, lo, hi))
    return None


def _family_name(e: sp.Expr) -> str:
    inner = e.expr if isinstance(e, sp.Subs) else e
    return inner.expr.func.__name__


def _score_of_family(e: sp.Expr, var: sp.Symbol, ctx: Context) -> bool:
    """``e`` is d p(x, theta)/d theta of a family of densities, possibly evaluated at a point."""
    inner = e.expr if isinstance(e, sp.Subs) else e
    if not (isinstance(inner, sp.Derivative) and _density_at(inner.expr, var, ctx)):
        return False
    return all(v in inner.expr.args[1:] for v in inner.variables)


class Evaluation(RewriteRule):
    name = "evaluation"

    def rewrite(self, expr: sp.Expr, ctx: Context) -> sp.Expr:
        def step(node: sp.Basic) -> sp.Basic:
            if isinstance(node, sp.Subs):
                pending = [d for d in node.expr.atoms(sp.Derivative) if not isinstance(d.expr, AppliedUndef)]
                if not pending and not _has_operator(node.expr):
                    point = dict(zip(node.variables, node.point))
                    incoming = set().union(*(sp.sympify(v).free_symbols for v in point.values()))
                    return _fresh_bound(node.expr, incoming).subs(point)
            return node

        return map_bottom_up(expr, step)


def _fresh_bound(expr: sp.Expr, avoid: set[sp.Basic]) -> sp.Expr:
    """``expr`` with every integral variable that is in ``avoid`` renamed to a fresh one, so that
    substituting an expression in those symbols is capture-free (SymPy's subs is not:
    Integral(x t, (x, 0, 1)).subs(t, x) is Integral(x**2, (x, 0, 1)))."""
    def step(node: sp.Basic) -> sp.Basic:
        if is_measure(node) and any(lim[0] in avoid for lim in node.limits):
            mapping = {lim[0]: sp.Dummy(lim[0].name, real=True) for lim in node.limits if lim[0] in avoid}
            return rebuilt(node, node.function.xreplace(mapping),
                           *[(mapping.get(lim[0], lim[0]), *lim[1:]) for lim in node.limits])
        return node

    return map_bottom_up(expr, step) if avoid else expr


REWRITE_RULES: tuple[RewriteRule, ...] = (
    Definition(),
    JSDDefinition(),
    KLDefinition(),
    FDivergenceDefinition(),
    CEDefinition(),
    LawOfLargeNumbers(),
    Lotus(),
    ExpectationToIntegral(),
    Substitution(),
    Differentiation(),
    Leibniz(),
    Evaluation(),
    LogAlgebra(),
    AbsoluteValue(),
    Linearity(),
    Normalisation(),
    Algebra(),
    AddZero(),
)
"""In the order the prover applies them: definitions first, bookkeeping last."""

_ = GanOperator  # re-exported for rules that inspect operators
