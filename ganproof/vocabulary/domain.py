"""Real-analysis domains: the conditions a row needs to have a real value.

A logarithm has a real value only where its argument is positive, and a real
power with a non-integer exponent only where its base is positive.  SymPy
evaluates as it builds: ``log(-2)`` becomes ``log(2) + i pi`` and
``exp(log(a))`` becomes ``a``, so the condition is gone from the expression
once it is built.  A :class:`DomainCondition` records it before that happens
(the reader fills :attr:`ganproof.chain.steps.Step.domain` with one for every
logarithm and real power it reads), together with the intervals its bound
variables range over, so that a density at a bound variable can be shown
positive inside the support it is integrated over.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from ganproof.vocabulary.names import precedes

Range = tuple[sp.Symbol, sp.Expr, sp.Expr]
"""``(var, lower, upper)``: the bound variable ``var`` ranges over the open interval (lower, upper)."""


EXISTS = "an integral that must exist"
"""The ``what`` of a condition the reader records for every expectation and integral it reads (see
:func:`ganproof.rules.domain.moment_problem`): SymPy cancels E_p[x] - E_p[x] to 0 as it builds, and the
step still has no value where E_p[x] has none."""

CANCELLED = "a term that SymPy cancels against itself"
"""The ``what`` of a condition the reader records for a term that may be infinite (a KL divergence, an
f-divergence, a cross-entropy or entropy, an integral) and stands in one sum with opposite signs
(KL - KL, 2 KL - KL): SymPy cancels it as it builds, and where the term is +inf the sum is inf - inf,
which has no value (see :func:`ganproof.rules.domain.infinite_problem`)."""

ZEROED = "a term that may be infinite, multiplied by 0"
"""The ``what`` of a condition the reader records for a term that may be infinite (as for
:data:`CANCELLED`) and is a factor of a product with a factor 0 (0 KL(p || q), (1 - 1) E_p[f]): SymPy
builds the product as 0, and where the term is +inf it is 0 * inf, which has no value."""

OPPOSED = "two terms that may both be infinite, with opposite signs"
"""The ``what`` of a condition whose ``expr`` is the pair ``Tuple(a, b)`` of two different such terms that
stand in one sum with opposite signs (KL(p || q) - KL(q || p)): inf - inf where both are +inf."""

MERGED = "two means that may both be infinite, with opposite signs"
"""The ``what`` of a condition whose ``expr`` is the pair ``Tuple(a, b)`` of two different integrals or
expectations that stand in one sum with opposite signs (int p^2/q - int (p^2/q - p)): linearity merges them
into one integral, which may be finite where each is +inf, and there the sum is inf - inf (see
:func:`ganproof.reader.means.merged_problem`)."""


@dataclass(frozen=True)
class DomainCondition:
    """``expr`` must be > 0 (``nonzero``: must be != 0) for the row it was read from to have a real value.

    ``scope`` gives, innermost first, the interval of each variable that is bound where
    ``expr`` stands (an integral's variable, an expectation's); ``what`` says which
    construction needs it ("the argument of a logarithm", "the base of a real power",
    "the denominator of a fraction": SymPy cancels a/a to 1 as it builds, and at a = 0 the
    row has no value).
    """

    expr: sp.Expr
    scope: tuple[Range, ...] = ()
    what: str = "the argument of a logarithm"
    nonzero: bool = False

    def text(self) -> str:
        """Plain text for reasons: ``the argument of a logarithm, a - 1``."""
        return f"{self.what}, {sp.sstr(self.expr)}"


def interval_of(var: sp.Symbol, lower: sp.Expr = sp.S.NegativeInfinity,
                upper: sp.Expr = sp.S.Infinity) -> Range:
    """Where the variable of an integral from ``lower`` to ``upper`` ranges: between the bounds in
    increasing order when SymPy decides it (\\int_1^0 runs over (0, 1) too), else the whole line."""
    if precedes(upper, lower):
        return (var, upper, lower)
    if precedes(lower, upper):
        return (var, lower, upper)
    return (var, sp.S.NegativeInfinity, sp.S.Infinity)
