"""Real-analysis domains of a step's rows: every logarithm of a positive value, every denominator
nonzero, no imaginary unit.

Over the reals, log a has a value only for a > 0 and a^r (r not an integer)
only for a > 0.  A row that takes the logarithm of a quantity not proved
positive has no real value where that quantity is <= 0, so no step between
such rows is proved or confirmed: ``\\log(-2) - \\log(-1) = \\log 2`` and
``e^{\\log a} = a`` (for a real a) hold only on SymPy's complex branch.

The conditions come from two places: those the reader recorded as it read
the rows (:attr:`ganproof.chain.steps.Step.domain`: SymPy may have evaluated
them away, as in exp(log a) = a), and those still visible in the rows, each
with the intervals of the variables bound where it stands.
"""

from __future__ import annotations

from collections.abc import Iterable

import mpmath as mp
import sympy as sp
from sympy.core.function import AppliedUndef

from ganproof.rules.algebra import Scope, inner_scope, is_nonzero, is_positive
from ganproof.vocabulary.context import Context
from ganproof.vocabulary.domain import EXISTS, DomainCondition
from ganproof.vocabulary.operators import Expectation, GanOperator
from ganproof.vocabulary.printing import to_latex

LOG_REASON = "log of a value not shown positive"
POWER_REASON = "real power of a value not shown positive"
DENOMINATOR_REASON = "division by a value not shown nonzero"
IMAGINARY_REASON = "the row holds the imaginary unit i"
MOMENT_REASON = "an expectation not shown to exist"

FAR_POINTS = (4, 8, 16, 32)
"""Decimal exponents of the far points at which a weight must not grow for its moment to be shown to exist."""


def written_conditions(expr: sp.Basic, ctx: Context, scope: Scope = ()) -> list[DomainCondition]:
    """The domain conditions visible in ``expr``: the argument of every logarithm and the base of
    every power whose exponent is not an integer, each with the scope it stands in."""
    out: list[DomainCondition] = []

    def visit(node: sp.Basic, where: Scope) -> None:
        if isinstance(node, sp.log):
            out.append(DomainCondition(node.args[0], where))
        elif isinstance(node, sp.Pow) and node.exp.is_integer is not True:
            out.append(DomainCondition(node.base, where, "the base of a real power"))
        elif isinstance(node, sp.Pow) and node.exp.is_negative is True:
            out.append(DomainCondition(node.base, where, "the denominator of a fraction", nonzero=True))
        if isinstance(node, (sp.Symbol, sp.Number)):
            return
        inner = inner_scope(node, ctx, where)
        for a in node.args:
            visit(a, inner)

    visit(expr, scope)
    return out


def unmet(conditions: Iterable[DomainCondition], ctx: Context) -> DomainCondition | None:
    """The first condition not proved by the sign prover (positive, or nonzero for a denominator), or None."""
    seen: set[DomainCondition] = set()
    for c in conditions:
        if c in seen:
            continue
        seen.add(c)
        proved = is_nonzero(c.expr, ctx, c.scope) if c.nonzero else is_positive(c.expr, ctx, c.scope)
        if not proved:
            return c
    return None


def domain_problem(rows: Iterable[sp.Expr], recorded: Iterable[DomainCondition], ctx: Context) -> str | None:
    """Why the rows have no real value in general, or None when every condition is proved.

    ``recorded`` are the conditions the reader kept before SymPy evaluated the rows.
    """
    rows = list(rows)
    for row in rows:
        if row.has(sp.I):
            return (f"{IMAGINARY_REASON} (a logarithm or root of a negative number, evaluated on SymPy's complex "
                    "branch): it has no real value; over the reals such a step is not checked")
    recorded = list(recorded)
    exist = [c.expr for c in recorded if c.what == EXISTS]
    conditions = [c for c in recorded if c.what != EXISTS]
    for row in rows:
        conditions += written_conditions(row, ctx)
    bad = unmet(conditions, ctx)
    if bad is None:
        return moment_problem([*rows, *exist], ctx)
    if bad.nonzero:
        return (f"{DENOMINATOR_REASON}: {bad.text()} is not proved != 0, so the row has no value where it is 0; "
                "state what keeps it from 0 (a density inside its support, D in (0, 1), %! assume t > 0)")
    head = LOG_REASON if bad.what == "the argument of a logarithm" else POWER_REASON
    return (f"{head}: {bad.text()} is not proved > 0, so the row has no real value where it is <= 0; "
            "state what makes it positive (a density inside its support, D in (0, 1), %! assume t > 0)")


UNPROBED = sp.Symbol("unprobed")
"""Stands in a weight for a nested integral or expectation that depends on the variable with the
variable bare inside it (int_0^x t dt): its growth is not probed, so the weight is not shown bounded."""


def bare_in(node: sp.Basic, var: sp.Symbol) -> bool:
    """True when ``var`` stands in ``node`` outside every function applied to it (a density, D, a
    critic, a derivative of one), as a free variable.

    A variable that an inner integral, sum, product, limit, substitution, lambda or expectation binds
    is another variable of the same name (shadowed), and the variables of a derivative name what it
    differentiates by: neither is the variable standing bare (the score p_r(x) d/dx p_r(x) holds x only
    inside functions)."""
    if node == var:
        return True
    if not node.args or isinstance(node, AppliedUndef) or var not in node.free_symbols:
        return False
    if isinstance(node, sp.Derivative):
        return bare_in(node.expr, var)
    return any(bare_in(a, var) for a in node.args)


def _weight(body: sp.Expr, var: sp.Symbol) -> sp.Expr | None:
    """``body`` with every applied function (a density, a discriminator, a derivative of one, ...) set
    to 1/2, when ``var`` stands bare in it (the density's tails then decide whether the integral
    exists); else None.

    A nested integral or expectation free of ``var`` (or holding it only inside functions) stands as a
    number; one with ``var`` bare in it stands as :data:`UNPROBED` (then the weight is not shown
    bounded: E_p[int_0^x t dt] is E_p[x^2/2])."""
    if not bare_in(body, var):
        return None
    # nested operators, integrals, sums and derivatives of unknown functions are replaced whole
    # (xreplace matches from the top, so the outermost one is replaced)
    nested: dict[sp.Basic, sp.Expr] = {}
    for n in sp.preorder_traversal(body):
        if any(m.has(n) for m in nested):
            continue
        if isinstance(n, (GanOperator, sp.Integral, sp.Sum, sp.Product, sp.Limit, sp.Subs, sp.Lambda)):
            nested[n] = UNPROBED if bare_in(n, var) else sp.Rational(1, 2)
        elif isinstance(n, sp.Derivative) and n.expr.has(AppliedUndef):
            # d/dx p(x) is as unknown as p(x); d/dx (x^2 p(x)) = 2 x p(x) + x^2 p'(x) is a moment
            nested[n] = UNPROBED if bare_in(n, var) else sp.Rational(1, 2)
    w = body.xreplace(nested)
    w = w.xreplace({a: sp.Rational(1, 2) for a in w.atoms(AppliedUndef)})
    w = w.replace(lambda n: isinstance(n, sp.Derivative), lambda n: n.doit())
    if w.has(UNPROBED):
        return w
    others = {s: sp.Integer(1) for s in w.free_symbols if s != var}
    return w.xreplace(others)


_GROWTH_CAP = mp.mpf(10) ** 40
"""The largest exponent the far-point probe evaluates: beyond it e^a counts as growing without end (and
e^-a as 0), so that e^{e^x} at x = 10^32 is never computed (its exponent alone would not fit in memory)."""

_SAFE_FUNCTIONS = (sp.exp, sp.log, sp.Abs, sp.sign, sp.Max, sp.Min, sp.sin, sp.cos, sp.tan, sp.atan,
                   sp.tanh, sp.erf, sp.Piecewise, sp.Heaviside)
"""The functions a weight may hold for the probe to evaluate it (others, such as gamma(gamma(x)), may be
too large to compute at the far points: such a weight is not shown bounded)."""


class _Grows(ArithmeticError):
    """The weight's value at a far point is beyond e^(10^6)."""


def _safe_exp(a: mp.mpf) -> mp.mpf:
    if a > _GROWTH_CAP:
        raise _Grows(f"e^{mp.nstr(a, 5)}")
    return mp.mpf(0) if a < -_GROWTH_CAP else mp.exp(a)


def _exp_form(w: sp.Expr) -> sp.Expr:
    """``w`` with every power that is not a small integer power written as exp(e log b)."""
    def big(n: sp.Basic) -> bool:
        return isinstance(n, sp.Pow) and not (n.exp.is_Integer and abs(n.exp) <= 1000)
    return w.replace(big, lambda n: sp.exp(n.exp * sp.log(n.base)))


def _bounded_towards(w: sp.Expr, var: sp.Symbol, sign: int) -> bool:
    """True when |w| does not grow along the far points towards sign * infinity (a probe, not a proof:
    a weight that fails it, or that cannot be evaluated there, is not shown bounded).

    Every exponent is capped (:data:`_GROWTH_CAP`), so the probe ends quickly on any weight."""
    if w.free_symbols - {var}:
        return False
    funcs = {type(f) for f in w.atoms(sp.Function)}
    if any(not issubclass(f, _SAFE_FUNCTIONS) for f in funcs):
        return False
    try:
        f = sp.lambdify(var, _exp_form(w), modules=[{"exp": _safe_exp}, "mpmath"])
    except Exception:  # noqa: BLE001 - a weight the printer cannot write is not shown bounded
        return False
    sizes = []
    with mp.workdps(15):
        for k in FAR_POINTS:
            try:
                v = mp.mpmathify(f(sign * mp.mpf(10) ** k))
            except (ValueError, TypeError, ZeroDivisionError, OverflowError, ArithmeticError, NameError):
                return False
            if not isinstance(v, mp.mpf) or not mp.isfinite(v):
                return False
            sizes.append(abs(v))
    return all(b <= a * (1 + mp.mpf(1e-9)) + mp.mpf(1e-30) for a, b in zip(sizes, sizes[1:]))


def moment_problem(rows: Iterable[sp.Expr], ctx: Context) -> str | None:
    """Why an expectation (or an integral against a density) in ``rows`` is not shown to exist, or None.

    A density named in a file is any density on its support: on an unbounded support its tails may be
    as heavy as a Cauchy law's, so E_p[x], E_p[x^2], E_p[e^x] and int x p(x) dx need not exist (both
    sides of E_p[x] + 1 = 1 + E_p[x] then have no value).  An expectation whose weight holds the
    variable outside every function applied to it (a density, D, a critic) and does not stay bounded
    towards an infinite end of the range is such a moment; a step that holds one has no value in
    general, so it is not proved or confirmed (it is refuted where the numbers refute it).
    """
    densities = set(ctx.density_names)
    found: list[str] = []

    def check(body: sp.Expr, var: sp.Symbol, lo: sp.Expr, hi: sp.Expr, shown: str, law: str) -> None:
        ends = [s for s, end in ((-1, lo), (1, hi)) if end in (sp.S.Infinity, sp.S.NegativeInfinity)
                and (end == sp.S.Infinity) == (s == 1)]
        if not ends:
            return
        try:
            w = _weight(body, var)
            if w is None or all(_bounded_towards(w, var, s) for s in ends):
                return
        except (TypeError, ValueError, ArithmeticError):
            pass  # a weight that cannot be probed is not shown bounded
        found.append(f"{MOMENT_REASON}: {shown} exists only when the density {law} has tails thin enough "
                     f"for it, and {law} is any density on its support (a Cauchy-like {law} has no mean), so the "
                     f"step has no value in general; declare a bounded support (%! density {law} on [a, b]) to "
                     "check it")

    def visit(node: sp.Basic) -> None:
        if found or isinstance(node, (sp.Symbol, sp.Number)):
            return
        if isinstance(node, Expectation) and not ctx.support_of(node.density_name).discrete:
            sup = ctx.support_of(node.density_name)
            check(node.body, node.var, sup.lower, sup.upper, to_latex(node),
                  node.density_name)
        elif isinstance(node, sp.Integral) and len(node.limits) == 1 and len(node.limits[0]) == 3:
            var, lo, hi = node.limits[0]
            laws = [a.func.__name__ for a in node.function.atoms(AppliedUndef)
                    if a.func.__name__ in densities and a.has(var)]
            if laws:
                check(node.function, var, sp.Min(lo, hi) if (lo.is_number and hi.is_number) else lo,
                      sp.Max(lo, hi) if (lo.is_number and hi.is_number) else hi,
                      f"the integral of {to_latex(node.function)}", laws[0])
        for a in node.args:
            visit(a)

    for row in rows:
        visit(row)
        if found:
            return found[0]
    return None
