"""Sound algebra under the positivity the vocabulary guarantees.

SymPy cannot state "D(x) in (0, 1)".  The checker models every discriminator
value as D = 1/(1 + W) with W > 0 (every value in (0, 1) arises this way) and
every symbol declared in (0, 1) the same way, so that both D and 1 - D are
known positive.  A density is positive only inside its support: at a point
not proved inside (p(2) for p on [0, 1], or p(x) under an integral over the
real line) it is modelled as a function known only to be >= 0.  Logarithms are only split (log(ab) = log a + log b) when
every factor is proved positive under that model: no ``force=True``.

Everything here either returns an equivalent expression or answers a
yes/no question with ``True`` only on proof; "don't know" is ``False``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache

import sympy as sp
from sympy.core.function import AppliedUndef

from ganproof.vocabulary.context import Context
from ganproof.vocabulary.domain import Range, interval_of
from ganproof.vocabulary.measures import MEASURES
from ganproof.vocabulary.names import Support, at_most, precedes
from ganproof.vocabulary.operators import Defined, Expectation, GanOperator


Scope = tuple[Range, ...]
"""The intervals of the bound variables where an expression stands, innermost first (see
:class:`~ganproof.vocabulary.domain.DomainCondition`); ``()`` outside every integral."""


def _range_of(var: sp.Basic, scope: Scope) -> tuple[sp.Expr, sp.Expr] | None:
    for v, lo, hi in scope:
        if v == var:
            return lo, hi
    return None


def density_positive_at(point: sp.Expr, support: Support, scope: Scope = ()) -> bool:
    """True only when a density on ``support`` is proved positive at ``point``.

    A density is positive in the open interior of its support and 0 outside it: at a bound
    variable whose interval lies in the support (``p(x)`` under an integral over that
    support), at a point proved inside (a constant c with lower < c < upper), and anywhere on
    the real line.  Elsewhere only ``p >= 0`` is known.
    """
    if support.is_real_line:
        return point.is_real is not False
    interval = _range_of(point, scope)
    if interval is not None:
        return support.contains_range(*interval)
    return support.holds_inside(point)


def model_unit_values(expr: sp.Expr, ctx: Context, scope: Scope = ()) -> sp.Expr:
    """Replace D(a) by 1/(1 + W_D(a)) and unit symbols u by 1/(1 + w_u), W, w > 0; and a density
    at a point not proved inside its support by a function known only to be >= 0."""
    for _ in range(8):  # a defined name stands for its value: D^*(x) = p/(p + q) is positive
        if not expr.has(Defined):
            break
        expr = expr.replace(lambda n: isinstance(n, Defined), lambda n: n.value)
    if expr.has(sp.Integral, sp.Sum, Expectation):
        expr = _signed_integrals(expr, ctx, scope)
    if expr.has(sp.Derivative):
        expr = _settled_derivatives(expr)
    mapping: dict[sp.Basic, sp.Expr] = {}
    densities = set(ctx.density_names)
    for app in expr.atoms(AppliedUndef):
        name = app.func.__name__
        if name in ctx.discriminator_names:
            w = sp.Function(f"W_{name}", positive=True)(*app.args)
            mapping[app] = 1 / (1 + w)
        elif name in densities and app.args and not density_positive_at(app.args[0], ctx.support_of(name), scope):
            mapping[app] = sp.Function(f"{name}_atleast0", nonnegative=True)(*app.args)
    for u in ctx.unit_symbols:
        mapping[u] = 1 / (1 + sp.Symbol(f"w_{u.name}", positive=True))
    return expr.xreplace(mapping) if mapping else expr


def _settled_derivatives(expr: sp.Expr) -> sp.Expr:
    """Each derivative carried out where SymPy can (d/dD(x) log D(x) is 1/D(x)), and the rest replaced by a
    symbol of which nothing is known.  The model below replaces D(x) by 1/(1 + W(x)), and a derivative *with
    respect to* D(x) cannot be taken with respect to that (SymPy raises); an opaque symbol proves no sign."""
    def settle(node: sp.Derivative) -> sp.Expr:
        try:
            done = node.doit()
        except (TypeError, ValueError, NotImplementedError):
            return sp.Dummy("derivative")
        return sp.Dummy("derivative") if done.has(sp.Derivative) else done

    return expr.replace(lambda n: isinstance(n, sp.Derivative), settle)


def _signed_integrals(expr: sp.Expr, ctx: Context, scope: Scope) -> sp.Expr:
    """Each integral that runs upwards and each expectation, replaced by a symbol known positive
    (or >= 0) when its integrand is proved positive (>= 0) where its variable ranges; others as
    they are.  So log of \\int_0^1 p(x) D(x) dx has a real value, and \\int_1^0 D(x) dx > 0 is not
    shown."""
    def step(node: sp.Basic, where: Scope) -> sp.Basic:
        if isinstance(node, sp.Integral):
            if not all(len(lim) == 3 and precedes(lim[1], lim[2]) for lim in node.limits):
                return node
            body, inner = node.function, integral_scope(node.limits) + where
        elif isinstance(node, sp.Sum):
            # a sum over a non-empty alphabet of positive (non-negative) terms is positive (non-negative)
            if not all(len(lim) == 3 and nonempty(lim[1], lim[2]) for lim in node.limits):
                return node
            body, inner = node.function, inner_scope(node, ctx, where)
        elif isinstance(node, Expectation):
            body, inner = node.body, inner_scope(node, ctx, where)
        else:
            return node
        if is_positive(body, ctx, inner):
            return sp.Dummy("integral", positive=True)
        if is_nonnegative(body, ctx, inner):
            return sp.Dummy("integral", nonnegative=True)
        return node

    return map_scoped(expr, step, ctx, scope)


def nonempty(lower: sp.Expr, upper: sp.Expr) -> bool:
    """True when the alphabet {lower, ..., upper} is proved to hold at least one point."""
    return at_most(lower, upper) or (upper - lower).is_nonnegative is True


FACTOR_MAX_POWER = 12
"""The highest integer power :func:`_sign_candidates` still factors: factoring costs SymPy seconds to
minutes past it (a logarithm with coefficient 99/100, merged, is a power 99), and a sign it would prove
there is out of this checker's reach anyway; without the factored form the sign is simply not proved."""


def _high_power(expr: sp.Expr) -> bool:
    return any(p.exp.is_Integer and abs(int(p.exp)) > FACTOR_MAX_POWER for p in expr.atoms(sp.Pow))


def _sign_candidates(expr: sp.Expr, ctx: Context, scope: Scope) -> Iterator[sp.Expr]:
    """The forms of ``expr`` whose sign SymPy is asked for, cheapest first and made only when asked: the
    callers stop at the first that decides, and factoring can take SymPy a minute (a polynomial in
    e^x with coefficients e^1000: 1 + e^{x - 1000} is positive as written, and was factored anyway)."""
    m = model_unit_values(expr, ctx, scope)
    yield m
    if _high_power(m):
        return
    try:
        c = sp.cancel(sp.together(m))
    except (sp.PolynomialError, TypeError, ValueError):  # pragma: no cover - defensive
        return
    yield c
    try:
        f = sp.factor(c)
    except (sp.PolynomialError, TypeError, ValueError):  # pragma: no cover - defensive
        return
    yield f


@lru_cache(maxsize=8192)
def is_positive(expr: sp.Expr, ctx: Context, scope: Scope = ()) -> bool:
    """True only when SymPy proves ``expr > 0`` under the (0, 1) model, with densities
    positive only inside their supports (``scope``: the intervals of the bound variables)."""
    return any(c.is_positive is True for c in _sign_candidates(expr, ctx, scope))


@lru_cache(maxsize=8192)
def is_nonzero(expr: sp.Expr, ctx: Context, scope: Scope = ()) -> bool:
    """True only when SymPy proves ``expr != 0`` under the same model as :func:`is_positive`."""
    return any(c.is_nonzero is True for c in _sign_candidates(expr, ctx, scope))


@lru_cache(maxsize=8192)
def is_nonnegative(expr: sp.Expr, ctx: Context, scope: Scope = ()) -> bool:
    """True only when SymPy proves ``expr >= 0`` under the same model as :func:`is_positive`."""
    return any(c.is_nonnegative is True for c in _sign_candidates(expr, ctx, scope))


def integral_scope(limits: tuple[sp.Tuple, ...]) -> Scope:
    """The intervals of an integral's variables, innermost first (see :func:`interval_of`)."""
    return tuple(interval_of(*limit) for limit in limits)


def inner_scope(node: sp.Basic, ctx: Context, scope: Scope) -> Scope:
    """The scope of ``node``'s arguments: an integral or an expectation binds its variable."""
    if isinstance(node, sp.Sum):
        # a sum's variable runs over the alphabet {lower, ..., upper}, written in order
        return tuple((lim[0], lim[1], lim[2]) for lim in node.limits if len(lim) == 3) + scope
    if isinstance(node, MEASURES):
        return integral_scope(node.limits) + scope
    if isinstance(node, Expectation):
        support = ctx.support_of(node.density_name)
        return ((node.var, support.lower, support.upper),) + scope
    return scope


def map_scoped(expr: sp.Basic, fn: Callable[[sp.Basic, Scope], sp.Basic], ctx: Context,
               scope: Scope = ()) -> sp.Basic:
    """Apply ``fn(node, scope)`` to every node, children first, with the scope each node stands in."""
    if not expr.args or isinstance(expr, (sp.Symbol, sp.Number)):
        return fn(expr, scope)
    if isinstance(expr, sp.Tuple):
        return sp.Tuple(*(map_scoped(a, fn, ctx, scope) for a in expr.args))
    inner = inner_scope(expr, ctx, scope)
    new_args = tuple(map_scoped(a, fn, ctx, inner) for a in expr.args)
    if new_args != expr.args:
        expr = expr.func(*new_args)
    return fn(expr, scope)


def map_bottom_up(expr: sp.Basic, fn: Callable[[sp.Basic], sp.Basic]) -> sp.Basic:
    """Apply ``fn`` to every node, children first."""
    if not expr.args or isinstance(expr, (sp.Symbol, sp.Number)):
        return fn(expr)
    if isinstance(expr, sp.Tuple):
        return sp.Tuple(*(map_bottom_up(a, fn) for a in expr.args))
    new_args = tuple(map_bottom_up(a, fn) for a in expr.args)
    if new_args != expr.args:
        if isinstance(expr, (sp.Integral, sp.Derivative, sp.Subs)):
            expr = expr.func(*new_args)
        else:
            expr = expr.func(*new_args)
    return fn(expr)


def _positive_factors(arg: sp.Expr, ctx: Context, scope: Scope = ()) -> list[tuple[sp.Expr, sp.Expr]] | None:
    """``arg`` as a product of factors**exponents, each factor proved positive, or None."""
    found = _positive_factors_of(arg, ctx, scope)
    return None if found is None else list(found)


HUGE_POWER = 1000
"""An integer exponent beyond which a power is never expanded into a polynomial (see :func:`_huge_power`)."""


def _huge_power(e: sp.Expr) -> bool:
    """True when ``e`` holds a power or an exponential with an integer exponent beyond :data:`HUGE_POWER`."""
    for a in sp.preorder_traversal(e):
        n = a.exp if isinstance(a, sp.Pow) else a.args[0] if isinstance(a, sp.exp) else None
        if n is not None and n.is_Integer and abs(int(n)) > HUGE_POWER:
            return True
    return False


@lru_cache(maxsize=8192)
def _positive_factors_of(arg: sp.Expr, ctx: Context,
                         scope: Scope = ()) -> tuple[tuple[sp.Expr, sp.Expr], ...] | None:
    """:func:`_positive_factors`, remembered: consecutive rows of a chain repeat their logarithms.

    An argument with a huge integer power (``1 + e^{10^8}``, a definition applied at a large number) is not
    put over one denominator nor factored: SymPy reads ``e^{10^8}`` as a polynomial of degree 10^8 in e, and
    the factorisation, in flint's C code, never returns to the time limit.  It is then one factor."""
    if _huge_power(arg):
        return ((arg, sp.S.One),) if is_positive(arg, ctx, scope) else None
    try:
        arg = sp.cancel(sp.together(arg))
    except sp.PolynomialError:
        pass
    num, den = sp.fraction(arg)
    factors: list[tuple[sp.Expr, sp.Expr]] = []
    for part, sign in ((num, 1), (den, -1)):
        try:
            coeff, flist = sp.factor_list(part)
        except sp.PolynomialError:
            # SymPy cannot factor it (an integral inside an exponential, e^{\int ...} + 1): one factor
            coeff, flist = sp.S.One, [(part, 1)]
        flist = list(flist)
        if coeff.is_negative:
            for i, (f, e) in enumerate(flist):
                if e % 2 == 1 and is_positive(-f, ctx, scope):
                    flist[i] = (sp.expand(-f), e)
                    coeff = -coeff
                    break
        if coeff.is_positive is not True:
            return None
        if coeff != 1:
            for prime, e in sp.factorint(coeff).items() if coeff.is_Integer else [(coeff, 1)]:
                factors.append((sp.sympify(prime), sign * e))
        for f, e in flist:
            if not is_positive(f, ctx, scope):
                return None
            factors.append((f, sign * e))
    return tuple(factors)


def expand_logs(expr: sp.Expr, ctx: Context, scope: Scope = ()) -> sp.Expr:
    """log(prod f_i^e_i) -> sum e_i log f_i, only where every f_i is proved positive.

    Positive where the logarithm stands: a density at an integral's variable is positive
    when the integral runs over (part of) its support.  Integers are factored into primes
    (log 4 -> 2 log 2).
    """

    def step(node: sp.Basic, where: Scope) -> sp.Basic:
        if isinstance(node, sp.log) and len(node.args) == 1:
            factors = _positive_factors(node.args[0], ctx, where)
            if factors is None:
                return node
            if len(factors) == 1 and factors[0][1] == 1:
                return sp.log(factors[0][0])
            return sp.Add(*(e * sp.log(f) for f, e in factors))
        return node

    return map_scoped(expr, step, ctx, scope)


def canonical_variables(expr: sp.Basic, depth: int = 0) -> sp.Basic:
    """Rename bound variables (integrals, operators) to _u0, _u1, ... by nesting depth."""
    if isinstance(expr, MEASURES):
        # one limit per variable, innermost first (SymPy merges nested integrals into several limits)
        body = expr.function
        limits = []
        for k, (var, *bounds) in enumerate(expr.limits):
            new = sp.Symbol(f"_u{depth + k}", real=True)
            body = body.xreplace({var: new})
            limits.append((new, *bounds))
        return expr.func(canonical_variables(body, depth + len(limits)), *limits)
    if isinstance(expr, GanOperator) and expr.bound:
        mapping = {v: sp.Symbol(f"_u{depth + i}", real=True) for i, v in enumerate(sorted(expr.bound, key=str))}
        renamed = expr.xreplace(mapping)
        return renamed.func(*(canonical_variables(a, depth + len(mapping)) for a in renamed.args))
    if not expr.args or isinstance(expr, (sp.Symbol, sp.Number)):
        return expr
    return expr.func(*(canonical_variables(a, depth) for a in expr.args))


@lru_cache(maxsize=8192)
def canonical(expr: sp.Expr) -> sp.Expr:
    """Bookkeeping normal form: bound variables renamed, log arguments and products normalised.

    Pure rational arithmetic (cancel inside logarithms, distribute products);
    no logarithm is split and no integral is split here.
    """

    def step(node: sp.Basic) -> sp.Basic:
        if isinstance(node, sp.log):
            return sp.log(sp.cancel(sp.together(node.args[0])))
        return node

    e = canonical_variables(expr)
    e = map_bottom_up(e, step)
    return sp.expand(e, deep=True, mul=True, multinomial=True, log=False,
                     power_exp=False, power_base=False, basic=False)


@lru_cache(maxsize=8192)
def is_zero(expr: sp.Expr) -> bool:
    """True only when ``expr`` reduces to 0 by rational arithmetic (after :func:`canonical`)."""
    e = canonical(expr)
    if e == 0:
        return True
    # logarithms, integrals and operators become opaque atoms: pure rational arithmetic
    opaque = [n for n in sp.preorder_traversal(e)
              if isinstance(n, (sp.log, sp.Integral, sp.Sum, GanOperator, sp.Derivative))]
    mapping = {n: sp.Dummy("a") for n in opaque}
    try:
        return sp.cancel(sp.together(e.xreplace(mapping))) == 0
    except (sp.PolynomialError, TypeError, ValueError):  # pragma: no cover - defensive
        return False
