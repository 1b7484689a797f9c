"""Mutation operators that model real slips in a derivation step's right-hand side.

Each operator takes an expression (and the context, for the names it may swap)
and gives mutants, each changed in exactly one place: flip the sign, change a
constant factor (1/2 to 1, 2 to 1, or double the whole side), log 2 for log 4 and
back, one density for another in one place (p_data for p_G, the noise density for
the pushforward), drop or duplicate a term of a sum, change an expectation's
distribution, reverse a KL divergence.  Reversing an inequality mutates the
relation, not the expression (:func:`mutate_relation`).

>>> import sympy as sp
>>> from ganproof.vocabulary import Context
>>> [m.operator for m in mutants(sp.log(2) + sp.Rational(1, 2), Context())][:3]
['flip-sign', 'double', 'factor']
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import sympy as sp

from ganproof.vocabulary import KL, Context, Defined, Expectation, SampleMean
from ganproof.vocabulary.operators import BinaryCE, CrossEntropy

Path = tuple[int, ...]

PER_OPERATOR = 2
"""At most this many mutants per operator and step (the first places in reading order)."""


@dataclass(frozen=True)
class Mutant:
    """A changed right-hand side (or relation), with the operator that made it and where."""

    operator: str
    rhs: sp.Expr
    relation: str
    where: str


def _children(expr: sp.Basic) -> tuple[int, ...]:
    """The argument positions a mutation may descend into (not bound variables, limits or names)."""
    if isinstance(expr, (sp.Integral, sp.Derivative, Expectation, SampleMean)):
        return (0,)
    if isinstance(expr, (Defined, sp.Tuple)) or not isinstance(expr, sp.Expr):
        return ()
    if isinstance(expr, sp.core.function.AppliedUndef):
        return ()  # p(x), D(G(z)): the names themselves are swapped by the density operator
    return tuple(range(len(expr.args)))


def _rebuild(expr: sp.Basic, args: list[sp.Basic]) -> sp.Expr:
    if isinstance(expr, SampleMean):
        return SampleMean(args[0], *[tuple(d) for d in expr.args[1]])
    return expr.func(*args)


def places(expr: sp.Expr, path: Path = ()) -> Iterator[tuple[Path, sp.Expr]]:
    """Every subexpression a mutation may change, with its path, in reading (pre-)order."""
    yield path, expr
    for i in _children(expr):
        yield from places(expr.args[i], (*path, i))


def replace_at(expr: sp.Expr, path: Path, new: sp.Expr) -> sp.Expr:
    """``expr`` with the subexpression at ``path`` replaced by ``new``."""
    if not path:
        return new
    args = list(expr.args)
    changed = replace_at(args[path[0]], path[1:], new)
    if changed == args[path[0]]:
        # rebuilding would evaluate an unevaluated sum (the add-zero row's log 2 - log 2) and reorder it
        return expr
    args[path[0]] = changed
    return _rebuild(expr, args)


def _one_place(name: str, expr: sp.Expr, change: Callable[[sp.Expr], sp.Expr | None]) -> Iterator[Mutant]:
    made = 0
    for path, sub in places(expr):
        new = change(sub)
        if new is None or new == sub:
            continue
        try:
            mutant = replace_at(expr, path, new)
        except (TypeError, ValueError):
            continue
        if mutant != expr:
            yield Mutant(name, mutant, "", f"{sub} -> {new}")
            made += 1
            if made >= PER_OPERATOR:
                return


def _factor(sub: sp.Expr) -> sp.Expr | None:
    if sub == sp.Rational(1, 2) or sub == 2:
        return sp.Integer(1)
    if sub == -2:
        return sp.Integer(-1)
    return None


def _log_swap(sub: sp.Expr) -> sp.Expr | None:
    if sub == sp.log(2):
        return sp.log(4)
    if sub == sp.log(4):
        return sp.log(2)
    return None


def _densities(ctx: Context) -> dict[str, sp.Expr]:
    return {d.name: d.function for d in ctx.densities}


def mutants(rhs: sp.Expr, ctx: Context) -> list[Mutant]:
    """The one-place mutants of ``rhs``, in a fixed order (so that samples of them are reproducible)."""
    out: list[Mutant] = []
    if rhs != 0:
        out.append(Mutant("flip-sign", -rhs, "", "the whole side"))
        out.append(Mutant("double", 2 * rhs, "", "the whole side"))
    out.extend(_one_place("factor", rhs, _factor))
    out.extend(_one_place("log2-log4", rhs, _log_swap))
    dens = _densities(ctx)
    noise = {pf.noise.name for pf in ctx.pushforwards}
    pushed = {pf.density.name: pf.noise.name for pf in ctx.pushforwards}

    def swap(sub: sp.Expr) -> sp.Expr | None:
        if isinstance(sub, sp.core.function.AppliedUndef) and sub.func.__name__ in dens:
            name = sub.func.__name__
            others = [n for n in dens if n != name and n not in noise]
            if others:
                return dens[others[0]](*sub.args)
        return None

    out.extend(_one_place("swap-density", rhs, swap))

    def drop_pushforward(sub: sp.Expr) -> sp.Expr | None:
        if isinstance(sub, sp.core.function.AppliedUndef) and sub.func.__name__ in pushed:
            return dens[pushed[sub.func.__name__]](*sub.args)
        return None

    out.extend(_one_place("drop-pushforward", rhs, drop_pushforward))

    def drop_term(sub: sp.Expr) -> sp.Expr | None:
        if isinstance(sub, sp.Add) and len(sub.args) >= 2:
            return sp.Add(*sub.args[1:])
        return None

    def duplicate_term(sub: sp.Expr) -> sp.Expr | None:
        if isinstance(sub, sp.Add) and len(sub.args) >= 2:
            return sp.Add(*sub.args, sub.args[-1])
        return None

    out.extend(_one_place("drop-term", rhs, drop_term))
    out.extend(_one_place("duplicate-term", rhs, duplicate_term))

    def other_law(sub: sp.Expr) -> sp.Expr | None:
        if isinstance(sub, Expectation):
            body, var, law = sub.args
            others = [n for n in dens if n != law.func.__name__ and n not in noise]
            if others:
                return Expectation(body, var, dens[others[0]](var))
        return None

    out.extend(_one_place("expectation-law", rhs, other_law))

    def reverse(sub: sp.Expr) -> sp.Expr | None:
        if isinstance(sub, (KL, CrossEntropy)) and not isinstance(sub, BinaryCE):
            first, second, var = sub.args
            return type(sub)(second, first, var)
        return None

    out.extend(_one_place("reverse-divergence", rhs, reverse))
    return out


def mutate_relation(relation: str) -> str | None:
    """The reversed inequality (``>=`` for ``<=``), or None for an equation."""
    return {"<=": ">=", ">=": "<=", "<": ">", ">": "<"}.get(relation)


__all__ = ["Mutant", "mutants", "mutate_relation", "places", "replace_at"]
