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
from ganproof.vocabulary.domain import CANCELLED, EXISTS, MERGED, OPPOSED, ZEROED, DomainCondition
from ganproof.vocabulary.names import at_most, latex_name, precedes
from ganproof.vocabulary.operators import KL, CrossEntropy, Defined, Expectation, FDivergence, GanOperator
from ganproof.vocabulary.printing import to_latex

LOG_REASON = "log of a value not shown positive"
POWER_REASON = "real power of a value not shown positive"
DENOMINATOR_REASON = "division by a value not shown nonzero"
IMAGINARY_REASON = "the row holds the imaginary unit i"
MOMENT_REASON = "an expectation not shown to exist"
INFINITE_REASON = "inf - inf has no value"
ZERO_TIMES_REASON = "0 * inf has no value"
NO_VALUE_REASON = "a mean not shown to have a value"

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
    infinite = infinite_problem(recorded, ctx)
    if infinite is not None:
        return infinite
    conditions = [c for c in recorded if c.what not in (EXISTS, CANCELLED, OPPOSED, ZEROED, MERGED)]
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
    normal = {name for name, _, _ in ctx.normal_laws}
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
            if law in normal and w.is_polynomial(var):
                return  # a normal law has every polynomial moment
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


# ---------------------------------------------------------------------- inf - inf
def _densities_of(e: sp.Expr, ctx: Context) -> list[str]:
    return sorted({a.func.__name__ for a in e.atoms(AppliedUndef) if a.func.__name__ in ctx.density_names})


def _is_density(e: sp.Expr, ctx: Context) -> bool:
    return isinstance(e, AppliedUndef) and e.func.__name__ in ctx.density_names


def _name(e: sp.Expr) -> str:
    return to_latex(e.func(sp.Symbol("x"))) if isinstance(e, AppliedUndef) else to_latex(e)


def _mixture_holds(q: sp.Expr, p: sp.Expr, ctx: Context) -> bool:
    """True when ``q`` is a mixture sum c_i d_i of densities with positive numbers c_i, one of them ``p``
    (then q >= c p and KL(p || q) <= log(1/c))."""
    if not _is_density(p, ctx):
        return False
    try:
        parts = sp.Add.make_args(sp.expand(q))
    except (TypeError, ValueError):  # pragma: no cover - defensive
        return False
    found = False
    for part in parts:
        c, rest = part.as_coeff_Mul()
        if not (c.is_positive and _is_density(rest, ctx)):
            return False
        found = found or rest == p
    return found


def _f_bounded(f: sp.Lambda) -> bool:
    """True when f(0+) and lim f(u)/u (u -> oo) are finite: then D_f(P || Q) is finite for every P, Q
    (total variation, Jensen-Shannon, squared Hellinger, the GAN's f)."""
    u = f.variables[0]
    try:
        at0 = sp.limit(f.expr, u, 0, "+")
        slope = sp.limit(f.expr / u, u, sp.oo)
    except Exception:  # noqa: BLE001 - a limit SymPy cannot take is not shown finite
        return False
    return bool(at0.is_finite and slope.is_finite)


def _same_alphabet(names: list[str], ctx: Context) -> bool:
    """True when every one of the densities is a law on one and the same finite alphabet (then each is
    positive at every point of it, and every divergence between them is finite)."""
    sups = [ctx.support_of(n) for n in names]
    return bool(sups) and all(s.discrete for s in sups) and len({(s.lower, s.upper) for s in sups}) == 1


def _outside(p: str, q: str, ctx: Context) -> str | None:
    """Why the support of ``q`` leaves out part of the support of ``p`` (decided), or None."""
    a, b = ctx.support_of(p), ctx.support_of(q)
    if a.discrete != b.discrete:
        return None
    pl, ql = latex_of(p), latex_of(q)
    if precedes(a.upper, b.lower) or precedes(b.upper, a.lower) or (
            not a.discrete and (at_most(a.upper, b.lower) or at_most(b.upper, a.lower))):
        return f"the supports of {pl} and {ql} are disjoint"
    if precedes(a.lower, b.lower) or precedes(b.upper, a.upper):
        return f"{ql} is 0 on part of the support of {pl}"
    return None


def latex_of(name: str) -> str:
    return latex_name(name)


def may_be_infinite(e: sp.Expr, ctx: Context) -> str | None:
    """Why the term ``e`` (a divergence, cross-entropy, entropy or integral) may be infinite or have no
    value on some densities the file allows, or None when it is finite on all of them.  A defined name stands
    for its value: it may be infinite when a term of its value may be."""
    if isinstance(e, Defined):
        kinds = (KL, FDivergence, CrossEntropy, sp.Integral, Expectation, Defined)
        for part in sorted(e.value.atoms(*kinds), key=sp.default_sort_key)[:12]:
            why = may_be_infinite(part, ctx)
            if why:
                return why
        return None
    if isinstance(e, (KL, FDivergence)):
        p, q = e.first, e.second
        if p == q:
            return None
        if isinstance(e, FDivergence) and _f_bounded(e.f):
            return None
        if isinstance(e, KL) and _mixture_holds(q, p, ctx):
            return None
        names = _densities_of(sp.Tuple(p, q), ctx)
        if _same_alphabet(names, ctx):
            return None
        if _is_density(p, ctx) and _is_density(q, ctx):
            why = _outside(p.func.__name__, q.func.__name__, ctx)
            if why:
                return f"{why}, so it is +inf"
        return ("p and q are any densities on their supports, and it is +inf when the second vanishes on part "
                "of the first's support or has thinner tails (a Cauchy-like first against a Gaussian second)"
                ).replace("p and q", " and ".join(f"{latex_of(n)}" for n in names) if len(names) == 2 else "the laws")
    if isinstance(e, CrossEntropy):
        p, f = e.first, e.second
        names = _densities_of(sp.Tuple(p, f), ctx)
        if not _densities_of(f, ctx):
            return None  # -E_p[log D]: read as existing, as the expectations of bounded functions are
        if _same_alphabet(names, ctx):
            return None
        if p == f:
            return (f"the entropy of a density on a continuum is +inf or -inf for some densities (and has no value "
                    f"for others), and {latex_of(names[0])} is any density on its support")
        if _is_density(p, ctx) and _is_density(f, ctx):
            why = _outside(p.func.__name__, f.func.__name__, ctx)
            if why:
                return f"{why}, so it is +inf"
        return "a cross-entropy of densities on a continuum is +-inf for some densities, and these are any densities"
    if isinstance(e, (sp.Integral, Expectation)):
        body = e.body if isinstance(e, Expectation) else e.function
        if isinstance(e, Expectation) and ctx.support_of(e.density_name).discrete:
            return None
        logs = [g for g in body.atoms(sp.log) if _densities_of(g, ctx)]
        if logs:
            return (f"it holds the logarithm of a density, {to_latex(logs[0])}, as a cross-entropy or entropy does, "
                    "and that is +-inf for some densities")
        if isinstance(e, Expectation) or _densities_of(body, ctx):
            return None  # the moments of densities are the business of moment_problem
        return _integral_problem(e)
    return None


def _integral_problem(e: sp.Integral) -> str | None:
    """Why an integral of no density is not shown to exist, or None (a continuous integrand of one
    variable over a bounded closed interval)."""
    if len(e.limits) != 1 or len(e.limits[0]) != 3:
        return "it is not shown to converge"
    var, lo, hi = e.limits[0]
    if lo.is_infinite or hi.is_infinite or not (lo.is_number and hi.is_number):
        return "it runs over an unbounded range and is not shown to converge"
    f = e.function
    if f.atoms(AppliedUndef) or f.free_symbols - {var}:
        return "its integrand is not shown integrable"
    try:
        from sympy.calculus.util import continuous_domain
        a, b = (lo, hi) if precedes(lo, hi) else (hi, lo)
        whole = sp.Interval(a, b)
        if continuous_domain(f, var, whole) == whole:
            return None
    except Exception:  # noqa: BLE001 - an integrand SymPy cannot analyse is not shown integrable
        pass
    return "its integrand is not shown continuous on the closed interval, so it is not shown to converge"


def infinite_problem(recorded: Iterable[DomainCondition], ctx: Context) -> str | None:
    """Why a sum of the rows is inf - inf on some densities the file allows, or None.

    The reader records (:data:`CANCELLED`) each term that stands in one sum with opposite signs,
    before SymPy cancels it (KL(p || q) - KL(p || q) is built as 0, 2 KL - KL as KL), and
    (:data:`OPPOSED`) each pair of different divergences with opposite signs.  A cancelled term that
    may be infinite, or a pair that is +inf on the declared supports, leaves the step with no value in
    general: it is not proved or confirmed."""
    for c in recorded:
        if c.what == CANCELLED:
            why = may_be_infinite(c.expr, ctx)
            if why:
                hint = ("a divergence between laws on one finite alphabet (%! density p, q on {0, 1, 2}) is finite"
                        if isinstance(c.expr, GanOperator) else "bound the range of the integral")
                return (f"{INFINITE_REASON}: {to_latex(c.expr)} may be +inf or have no value ({why}), and it stands "
                        "in one sum with opposite signs, which SymPy cancels as it builds the sum: there the sum "
                        f"is inf - inf, so the step has no value in general; {hint}, or write the step without "
                        "the cancelled term")
        elif c.what == ZEROED:
            why = may_be_infinite(c.expr, ctx)
            if why:
                return (f"{ZERO_TIMES_REASON}: {to_latex(c.expr)} may be +inf or have no value ({why}), and it is "
                        "multiplied by 0, which SymPy builds as 0: there the product is 0 * inf, so the step has "
                        "no value in general; write the step without the vanishing product")
        elif c.what == OPPOSED:
            a, b = c.expr.args
            wa, wb = may_be_infinite(a, ctx), may_be_infinite(b, ctx)
            if wa and wb and wa.endswith("so it is +inf") and wb.endswith("so it is +inf"):
                return (f"{INFINITE_REASON}: {to_latex(a)} and {to_latex(b)} stand in one sum with opposite "
                        f"signs, and both are +inf ({wa}; {wb}): inf - inf has no value")
    return None
