"""Judging a sequence of equations: does each equation follow from the one before?

DIALECT section 1: in the stationary-point block every equation must follow
from the previous one, for positive densities and D in (0, 1).  The unknown
u (what the block's derivative differentiates by, else the discriminator)
becomes a symbol y in (0, 1) and each equation becomes f(y) = 0 with
f = lhs - rhs (derivatives carried out first).

* Symbolic certificate: with f = N/M, both denominators proved non-zero on
  the domain, and N_k = c N_{k-1} for a factor c proved non-zero there, the
  two equations have the same solutions (equivalence, so "follows").
* Numeric cross-check (through the numeric layer): each root y = s(x) of
  N_{k-1} that is not proved outside (0, 1) is substituted into equation k,
  and both sides are evaluated on concrete instances; they must agree.

A certificate that the numbers reject is a SoundnessError (a bug), as in the
chain checker.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import sympy as sp

from ganproof.chain.checker import judge
from ganproof.chain.numeric_check import NumericChecker, NumericOutcome
from ganproof.chain.steps import Step
from ganproof.rules import Certificate
from ganproof.rules.algebra import is_positive, is_zero
from ganproof.vocabulary.context import Context
from ganproof.vocabulary.operators import Defined, Expectation, SampleMean

_Y = sp.Symbol("y_unknown", positive=True)
"""The unknown of a sequence, as the value of a discriminator: in (0, 1) (a unit symbol of the context)."""
_Y_POSITIVE = sp.Symbol("y_unknown", positive=True)
_Y_REAL = sp.Symbol("y_unknown", real=True)


def _range_of(unknown: sp.Expr, ctx: Context, premise: sp.Expr) -> tuple[sp.Symbol, str]:
    """The symbol that stands for the unknown, and the range it ranges over: (0, 1) for a discriminator's value
    D(x) or a constant in (0, 1); (0, oo) for a positive constant (``%! assume a > 0``); the real line for any
    other constant or variable (d/da (a^2 + 2a) = 0 solves for a real a, whose root -1 lies outside (0, 1)).
    A premise that has a real value only on part of that range narrows it (its logarithms' arguments must be
    positive: with log y and log(1 - y), as in f(y) = a log y + b log(1 - y), the unknown y lies in (0, 1);
    outside, no point solves the premise)."""
    if not isinstance(unknown, sp.Symbol) or unknown in ctx.unit_symbols:
        return _Y, "unit"
    unfolded = premise.replace(lambda e: isinstance(e, Defined), lambda e: e.value)
    above, below = bool(unknown.is_positive), False
    for lg in unfolded.atoms(sp.log):
        arg = sp.expand(lg.args[0])
        if not arg.is_polynomial(unknown) or sp.degree(arg, unknown) != 1 or arg.free_symbols != {unknown}:
            continue
        c1, c0 = sp.Poly(arg, unknown).all_coeffs()
        if (c1, c0) == (1, 0):
            above = True  # log y: y > 0
        elif (c1, c0) == (-1, 1):
            below = True  # log(1 - y): y < 1
    if above and below:
        return _Y, "unit"
    return (_Y_POSITIVE, "positive") if above else (_Y_REAL, "real")


@dataclass(frozen=True)
class Implication:
    """The evidence for "equation k follows from equation k - 1"."""

    certificate: Certificate | None
    why_not: str
    lhs: sp.Expr
    rhs: sp.Expr
    outcome: NumericOutcome
    root: sp.Expr | None


def _as_function(lhs: sp.Expr, rhs: sp.Expr, unknown: sp.Expr, y: sp.Symbol = _Y) -> sp.Expr:
    f = lhs - rhs
    if f.has(sp.Derivative):
        # a defined name under a derivative (f'(y) with f(y) := a log y + b log(1 - y)) stands for its value:
        # SymPy cannot differentiate the name, and the equation was left unsolved
        f = f.replace(lambda e: isinstance(e, Defined), lambda e: e.value).doit(deep=True)
    return f.xreplace({unknown: y}) if not isinstance(unknown, sp.Symbol) else f.subs(unknown, y)


def _unit_ctx(ctx: Context, kind: str = "unit") -> Context:
    extra = (_Y,) if kind == "unit" else ()
    return Context(densities=ctx.densities, discriminators=ctx.discriminators, generators=ctx.generators,
                   unit_symbols=(*ctx.unit_symbols, *extra))


def _nonzero(e: sp.Expr, uctx: Context) -> bool:
    return is_positive(e, uctx) or is_positive(-e, uctx)


def _numerator(f: sp.Expr, uctx: Context, where: str = "D in (0, 1)") -> tuple[sp.Expr, str | None]:
    num, den = sp.fraction(sp.cancel(sp.together(f)))
    if not _nonzero(den, uctx):
        return num, f"its denominator {sp.sstr(den)} is not proved non-zero for {where}"
    return num, None


_BINDERS: tuple[type, ...] = (sp.Integral, sp.Sum, sp.Product, sp.Limit, Expectation, SampleMean)
"""Nodes that bind a variable: the unknown under one stands for its values at every point of a range."""


def _under_binder(f: sp.Expr, unknown: sp.Expr) -> bool:
    r"""True when ``unknown`` (D(x), or a symbol) occurs under an integral, a sum, an expectation or a limit of
    ``f``: there an equation fixes an average of it, not its value at a point (\int q (D - 1/2) = 0 does not make
    D = 1/2), so the unknown cannot be solved for as one number."""
    return any(isinstance(node, _BINDERS) and cast(sp.Basic, node).has(unknown) for node in sp.preorder_traversal(f))


def implication(prev: tuple[sp.Expr, sp.Expr], cur: tuple[sp.Expr, sp.Expr], unknown: sp.Expr, ctx: Context,
                numeric: NumericChecker, sequence: tuple[sp.Expr, ...] = ()) -> tuple[Implication, str]:
    """The evidence that ``cur`` follows from ``prev``, and a note on how it was sought.  ``sequence``: the
    equations of the whole sequence (lhs - rhs), whose first ones may say where the unknown lives (f(y) = a log y
    + b log(1 - y), then f'(y) = 0, then a/y - b/(1 - y) = 0: y in (0, 1) throughout)."""
    y, kind = _range_of(unknown, ctx, sp.Tuple(prev[0] - prev[1], *sequence))
    uctx = _unit_ctx(ctx, kind)
    where = {"unit": "D in (0, 1)", "positive": f"a positive {sp.sstr(unknown)}",
             "real": f"every real {sp.sstr(unknown)}"}[kind]
    for which, eq in (("the previous equation", prev), ("this equation", cur)):
        if _under_binder(eq[0] - eq[1], unknown):
            outcome = NumericOutcome("inconclusive", None, f"{which} holds the unknown {sp.sstr(unknown)} under an "
                                     "integral, sum or expectation: it fixes an average of the unknown, not its value "
                                     "at each point, so the unknown is not solved for (state the pointwise equation, "
                                     "the integrand = 0, to check the step)")
            return Implication(None, f"{which} fixes only an average of the unknown", cur[0], cur[1], outcome,
                               None), ""
    f_prev = _as_function(*prev, unknown, y)
    f_cur = _as_function(*cur, unknown, y)
    n_prev, bad_prev = _numerator(f_prev, uctx, where)
    n_cur, bad_cur = _numerator(f_cur, uctx, where)
    cert: Certificate | None = None
    why_not = ""
    if bad_prev or bad_cur:
        why_not = "the previous equation " + bad_prev if bad_prev else "this equation " + str(bad_cur)
    elif is_zero(n_prev):
        why_not = "the previous equation holds for every value of the unknown"
    else:
        ratio = sp.cancel(n_cur / n_prev)
        num_r, den_r = sp.fraction(ratio)
        if _nonzero(num_r, uctx) and _nonzero(den_r, uctx):
            cert = Certificate(rules=("algebra",), detail=f"both sides' difference is {sp.sstr(ratio)} times the "
                               f"previous one's, a factor that is non-zero for positive densities and {where}")
        else:
            why_not = "no non-zero factor turns the previous equation into this one"
    # numbers: solve the previous equation for the unknown and substitute into this one
    roots: list[sp.Expr] = []
    vanishing = ""
    try:
        poly = sp.Poly(n_prev, y)
        # where the coefficient of a linear equation vanishes, a constant term proved non-zero leaves it no
        # solution there (nothing to follow from); a quadratic's roots change when its leading coefficient does
        no_solution = poly.degree() == 1 and _nonzero(poly.nth(0), uctx)
        if 1 <= poly.degree() <= 2 and not _nonzero(poly.LC(), uctx) and not no_solution:
            # a y = a s holds for every y where a = 0 (a free constant, p(x) - q(x)): the root s is found as if
            # a were non-zero, so the numbers agreeing at it show nothing there (a disagreement is still a
            # counterexample: on that instance the coefficient is not 0, or the root would have no value)
            vanishing = (f"the coefficient {sp.sstr(poly.LC())} of the unknown in the previous equation is not "
                         "proved non-zero, and where it is 0 that equation holds for every value of the unknown")
        if 1 <= poly.degree() <= 2:
            found = sp.roots(poly)
            if sum(found.values()) == poly.degree():
                # the roots in the unknown's range: each is checked (a wrong conclusion fails at one of them)
                roots = [r for r in found if r.is_real is not False and not (
                    (kind != "real" and is_positive(-r, uctx)) or (kind == "unit" and is_positive(r - 1, uctx)))]
    except (sp.PolynomialError, sp.GeneratorsNeeded):
        roots = []
    if not roots:
        outcome = NumericOutcome("inconclusive", None, "the previous equation could not be solved for the unknown "
                                 f"({where}), so the numbers could not check this step")
        return Implication(cert, why_not, cur[0], cur[1], outcome, None), ""
    worst: Implication | None = None
    for r in roots:
        lhs = _as_function(cur[0], sp.S.Zero, unknown, y).xreplace({y: r})
        rhs = _as_function(cur[1], sp.S.Zero, unknown, y).xreplace({y: r})
        insts = numeric.instances(ctx, [lhs, rhs])
        outcome = numeric.check(lhs, rhs, "=", ctx, insts)
        imp = Implication(cert, why_not, lhs, rhs, outcome, r)
        if worst is None or outcome.status != "agree":
            worst = imp
        if outcome.status == "disagree":
            break
    assert worst is not None
    if vanishing and cert is None and worst.outcome.status == "agree":
        # without a certificate (a non-zero factor between the two equations) the agreement at the root is all
        # the evidence, and it does not cover the points where the coefficient vanishes
        worst = Implication(cert, why_not, worst.lhs, worst.rhs,
                            NumericOutcome("inconclusive", None, f"{vanishing}; the numbers agree only at the "
                                           "root found where it is not 0"), worst.root)
    return worst, ""


def judge_implication(imp: Implication, line: int, rule: str | None) -> tuple[object, str]:
    step = Step(imp.lhs, imp.rhs, "=", None, line=line)
    verdict, reason = judge(imp.certificate, imp.why_not or "no symbolic certificate", imp.outcome, step)
    return verdict, reason
