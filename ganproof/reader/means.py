"""Which means of a row may have no value: the terms SymPy cancelled against themselves or multiplied by 0.

(And which derivatives may not exist: :func:`derivative_problem`, of functions the file leaves free.)

SymPy builds ``E_p[f] - E_p[f]`` as 0 and ``0 * E_p[f]`` as 0 before any rule sees the row, so a step whose
sides held such a term is right only when the mean exists.  The reader records those terms
(:data:`ganproof.vocabulary.domain.CANCELLED`, :data:`~ganproof.vocabulary.domain.ZEROED`); this module says
whether a recorded mean is shown to exist, from the form of what it averages alone:

- a function the file leaves free, a critic or a generator, applied to a moving argument, has no bound on its
  values (f(x) = x^2 against a Cauchy-like law, 1/x on [0, 1], G(z) = z);
- a discriminator's value is in (0, 1), but a logarithm of it or a negative power of it is not bounded
  (log D(x) and 1/D(x) are as large as D is small: D = sigmoid against a Cauchy-like law has none);
- a density's own value has no bound either (p(x) = 1/(2 sqrt x) on [0, 1] gives int p^2 = +inf): a density
  applied to the variable counts only as the weight of an integral (int p(x) g(x) dx, g bounded).

Everything else (bounded functions of a discriminator, numbers, tanh of anything) is bounded; on a finite
alphabet every mean is a finite sum.  The decision is conservative: a mean this module cannot show to exist
leaves the step unknown, never wrong.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import sympy as sp
from sympy.core.function import AppliedUndef

from ganproof.rules.domain import INFINITE_REASON
from ganproof.vocabulary import Context, Density, Expectation, SampleMean
from ganproof.vocabulary.names import latex_name
from ganproof.vocabulary.printing import to_latex

BOUNDED_FUNCTIONS = (sp.tanh, sp.sin, sp.cos, sp.atan, sp.erf, sp.sign, sp.Heaviside)
"""Functions whose values are bounded whatever their argument: a mean of one of them exists."""


@dataclass(frozen=True)
class Unbounded:
    """A part of a mean's body with no bound on its values: ``node`` and why (``what``, a phrase that ends the
    sentence "... averages NODE over a continuum, and ...")."""

    node: sp.Expr
    what: str


@dataclass(frozen=True)
class _Names:
    """The names of a file by the bound they put on their values."""

    densities: frozenset[str]
    discriminators: frozenset[str]
    free: frozenset[str]
    critics: frozenset[str]


def _moves(e: sp.Basic, bound: set[sp.Symbol]) -> bool:
    return bool(e.free_symbols & bound)


def _applied(e: sp.Basic, names: frozenset[str], bound: set[sp.Symbol]) -> bool:
    """Whether ``e`` holds one of ``names`` applied to an argument that moves with ``bound``."""
    return any(a.func.__name__ in names and any(_moves(x, bound) for x in a.args) for a in e.atoms(AppliedUndef))


def unbounded_part(body: sp.Expr, bound: set[sp.Symbol], names: _Names) -> Unbounded | None:
    """The first part of ``body`` with no bound on its values as its variables ``bound`` range (see the module
    docstring), outside every function whose values are bounded, or None."""
    if not bound or not _moves(body, bound):
        return None
    if isinstance(body, AppliedUndef):
        name = body.func.__name__
        if name in names.discriminators:
            return None
        if any(_moves(a, bound) for a in body.args):
            shown = latex_name(name)
            if name in names.densities:
                return Unbounded(body, f"a density's value has no bound ({shown}(x) = 1/(2 \\sqrt{{x}}) on [0, 1] "
                                       f"gives \\int {shown}^2 = +inf)")
            what = ("any real function (the file does not define it)" if name in names.free
                    else "a critic (a real function with no bound on its values)" if name in names.critics
                    else "a generator or a function with no bound on its values")
            return Unbounded(body, f"{shown} is {what}: the mean exists only for some ({shown}(x) = x^2 against a "
                                   f"Cauchy-like law, 1/x on [0, 1], {shown}(t) = 1/t at a discriminator's value, "
                                   "have none)")
    if isinstance(body, BOUNDED_FUNCTIONS):
        return None
    singular = body.args[0] if isinstance(body, sp.log) else (
        body.base if isinstance(body, sp.Pow) and body.exp.is_negative else None)
    if singular is not None and _applied(singular, names.discriminators, bound) and not _kept_from_zero(
            singular, bound, names):
        return Unbounded(body, "a discriminator's value is in (0, 1) and may come as near 0 or 1 as it likes, so "
                               "its logarithm or a negative power of it has no bound (D = sigmoid against a "
                               "Cauchy-like law gives E[log D] = -inf and E[1/D] = +inf)")
    for arg in body.args:
        found = unbounded_part(arg, bound, names)
        if found is not None:
            return found
    return None


def _kept_from_zero(e: sp.Expr, bound: set[sp.Symbol], names: _Names) -> bool:
    """Whether ``e``, a function of one discriminator's value t in [0, 1] alone (1 + D(x), 2 - D(x)), stays
    between two positive numbers there: then its logarithm and its negative powers are bounded."""
    apps = {a for a in e.atoms(AppliedUndef) if a.func.__name__ in names.discriminators}
    if len(apps) != 1:
        return False
    t = sp.Dummy("t", real=True)
    shown = e.xreplace({apps.pop(): t})
    if shown.free_symbols != {t} or shown.count_ops() > 20:
        return False
    try:
        from sympy.calculus.util import maximum, minimum
        unit = sp.Interval(0, 1)
        low, high = minimum(shown, t, unit), maximum(shown, t, unit)
    except Exception:  # noqa: BLE001 - a bound SymPy cannot find is not shown
        return False
    return bool(low.is_positive and high.is_finite and low.is_finite)


def _weight(factor: sp.Expr, bound: set[sp.Symbol], names: _Names) -> bool:
    """Whether ``factor`` is an integral's weight: a density applied to the variable, or a combination of such
    with constant coefficients ((p(x) + q(x)) / 2), whose integral is finite."""
    if isinstance(factor, AppliedUndef):
        return factor.func.__name__ in names.densities
    if isinstance(factor, sp.Add):
        return all(_weight(t, bound, names) for t in factor.args)
    if isinstance(factor, sp.Mul):
        moving = [f for f in factor.args if _moves(f, bound)]
        return len(moving) == 1 and _weight(moving[0], bound, names)
    return False


def _integrand_part(body: sp.Expr, bound: set[sp.Symbol], names: _Names) -> Unbounded | None:
    """The part of an integrand with no bound: each term is a weight (:func:`_weight`) times bounded factors;
    a term that moves with the variable and has no weight is not shown integrable when it holds an applied name."""
    for term in sp.Add.make_args(sp.expand_mul(body) if body.is_Mul else body):
        if not _moves(term, bound):
            continue
        factors = list(sp.Mul.make_args(term))
        weights = [f for f in factors if _weight(f, bound, names)]
        rest = factors.copy()
        if weights:
            rest.remove(weights[0])
        elif term.atoms(AppliedUndef):
            for f in factors:
                found = unbounded_part(f, bound, names)
                if found is not None:
                    return found
            return Unbounded(term, "it is integrated over a continuum with no density to weigh it, and it is not "
                                   "shown integrable")
        for f in rest:
            found = unbounded_part(f, bound, names)
            if found is not None:
                return found
    return None


def mean_without_bound(exprs: Iterable[sp.Expr], ctx: Context, free: Iterable[str] = (),
                       discriminators: Iterable[str] = ()) -> tuple[sp.Expr, Unbounded] | None:
    """The first expectation, integral or sample mean in ``exprs`` that is not shown to exist, with the part of
    what it averages that has no bound, or None.  ``free``: the names the file leaves any real function;
    ``discriminators``: names read as discriminators beyond those of ``ctx``."""
    names = _Names(frozenset(ctx.density_names), frozenset(ctx.discriminator_names) | frozenset(discriminators),
                   frozenset(free), frozenset(ctx.critic_names))
    for e in exprs:
        for node in sp.preorder_traversal(e):
            if isinstance(node, Expectation):
                sup = ctx.support_of(node.density_name)
                found = None if sup.discrete else unbounded_part(node.body, {node.var}, names)
            elif isinstance(node, SampleMean):
                bound = set()
                for var, name in node.draws:
                    law = ctx.sample(name).law
                    law_sup = ctx.support_of(law.name) if isinstance(law, Density) else None
                    if law_sup is None or not law_sup.discrete:
                        bound.add(var)
                found = unbounded_part(node.body, bound, names)
            elif isinstance(node, sp.Integral):
                found = _integrand_part(node.function, {lim[0] for lim in node.limits}, names)
            else:
                continue
            if found is not None:
                return node, found
    return None


def _as_integral(e: sp.Expr, ctx: Context) -> sp.Integral | None:
    """``e`` as one integral over one variable with both ends (an expectation unfolded over its law's support), or
    None."""
    if isinstance(e, Expectation):
        if ctx.support_of(e.density_name).discrete:
            return None
        e = e.unfold(ctx)
    if isinstance(e, sp.Integral) and len(e.limits) == 1 and len(e.limits[0]) == 3:
        return e
    return None


def merged_problem(pairs: Iterable[sp.Expr], ctx: Context, free: Iterable[str] = (),
                   discriminators: Iterable[str] = ()) -> str | None:
    """Why a pair ``Tuple(a, b)`` of integrals or expectations that stand in one sum with opposite signs is
    inf - inf on some densities, or None.

    Linearity merges int f - int g into int (f - g): right where both exist, but when neither is shown to exist
    and the merged one is (int p^2/q - int (p^2/q - p) = int p, where int p^2/q = +inf for a Cauchy-like p against
    a Gaussian q), the finite value comes from cancelling two infinities, and the sum has none."""
    from ganproof.rules.domain import may_be_infinite

    def shown(e: sp.Expr) -> bool:
        return may_be_infinite(e, ctx) is None and mean_without_bound([e], ctx, free, discriminators) is None

    for pair in pairs:
        a, b = pair.args
        ia, ib = _as_integral(a, ctx), _as_integral(b, ctx)
        if ia is None or ib is None or shown(a) or shown(b):
            continue
        (va, lo, hi), = ia.limits
        (vb, lo_b, hi_b), = ib.limits
        if (lo, hi) != (lo_b, hi_b):
            continue
        v = sp.Dummy(va.name, real=True)
        merged = sp.Integral(ia.function.xreplace({va: v}) - ib.function.xreplace({vb: v}), (v, lo, hi))
        if shown(merged):
            return (f"{INFINITE_REASON}: {to_latex(a)} and {to_latex(b)} stand in one sum with opposite signs, and "
                    "neither is shown to exist, but their difference, one integral, is: where both are +inf the "
                    "sum is inf - inf, and it has no value (a finite value there comes from cancelling two "
                    "infinities); write the difference as one integral, or declare supports that make both finite")
    return None


def mean_problem(exprs: Iterable[sp.Expr], ctx: Context, free: Iterable[str] = (),
                 discriminators: Iterable[str] = ()) -> str | None:
    """Why an expectation, integral or sample mean in ``exprs`` (the terms SymPy cancelled against themselves or
    multiplied by 0) is not shown to exist, or None (:func:`mean_without_bound`)."""
    hit = mean_without_bound(exprs, ctx, free, discriminators)
    if hit is None:
        return None
    node, found = hit
    return (f"{INFINITE_REASON}: {to_latex(node)} averages {to_latex(found.node)} over a continuum, and "
            f"{found.what}; SymPy cancels the mean (or multiplies it by 0) as it builds the row, so the "
            "step has no value in general; define the functions, or declare a finite alphabet, to "
            "check the step")


def derivative_problem(exprs: Iterable[sp.Expr], free: Iterable[str]) -> str | None:
    """Why a derivative in ``exprs`` (a step's sides and the terms SymPy cancelled from them) need not exist, or
    None: a derivative of a function the file leaves any real function, in a variable its argument moves with.

    Any real function need not be differentiable (f(s) = |s - t| has no derivative at t), so a step that holds
    such a derivative has a value only where it exists; the drawn functions are all smooth, and would confirm it.
    The derivative of a definition, a discriminator, a density or a generator is that object's own (the drawn
    objects stand for smooth ones, as the derivations mean)."""
    names = frozenset(free)
    if not names:
        return None
    for e in exprs:
        for d in sp.preorder_traversal(e):
            if not isinstance(d, sp.Derivative):
                continue
            variables = [v for v, _ in d.variable_count]
            for a in d.expr.atoms(AppliedUndef):
                if a.func.__name__ in names and any(arg.has(v) for arg in a.args for v in variables):
                    shown = latex_name(a.func.__name__)
                    return (f"{shown} is any real function (the file does not define it), and {to_latex(d)} "
                            f"exists only for some ({shown}(s) = |s - t| has no derivative at s = t): the step has a "
                            f"value only where it does; define {shown}, or say it in a row, to check the step")
    return None


__all__ = ["BOUNDED_FUNCTIONS", "Unbounded", "derivative_problem", "mean_problem", "mean_without_bound",
           "merged_problem", "unbounded_part"]
