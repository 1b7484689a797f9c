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

import sympy as sp

from ganproof.rules.algebra import Scope, inner_scope, is_nonzero, is_positive
from ganproof.vocabulary.context import Context
from ganproof.vocabulary.domain import DomainCondition

LOG_REASON = "log of a value not shown positive"
POWER_REASON = "real power of a value not shown positive"
DENOMINATOR_REASON = "division by a value not shown nonzero"
IMAGINARY_REASON = "the row holds the imaginary unit i"


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
    conditions = list(recorded)
    for row in rows:
        conditions += written_conditions(row, ctx)
    bad = unmet(conditions, ctx)
    if bad is None:
        return None
    if bad.nonzero:
        return (f"{DENOMINATOR_REASON}: {bad.text()} is not proved != 0, so the row has no value where it is 0; "
                "state what keeps it from 0 (a density inside its support, D in (0, 1), %! assume t > 0)")
    head = LOG_REASON if bad.what == "the argument of a logarithm" else POWER_REASON
    return (f"{head}: {bad.text()} is not proved > 0, so the row has no real value where it is <= 0; "
            "state what makes it positive (a density inside its support, D in (0, 1), %! assume t > 0)")
