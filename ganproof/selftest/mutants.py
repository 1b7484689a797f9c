"""Mutation operators that model real slips in a derivation step's right-hand side.

Each operator takes an expression (and the context, for the names it may swap)
and gives mutants, each changed in exactly one place: flip the sign, change a
constant factor (1/2 to 1, 2 to 1, or double the whole side), log 2 for log 4 and
back, one density for another in one place (p_data for p_G, the noise density for
the pushforward), drop or duplicate a term of a sum, change an expectation's
distribution, reverse a KL divergence.  Reversing an inequality mutates the
relation, not the expression (:func:`mutate_relation`).

:func:`context_mutants` change what a step is checked in, not only its
right-hand side: more names than any fixed pool of instances holds (a sixth
density, discriminator or constant standing where the first one was), other
supports, reversed integral bounds, scaled arguments and extreme magnitudes.
Those are the places where a checker's own derivations never go, and where
its instances, rules and tolerances are most easily fooled.

>>> import sympy as sp
>>> from ganproof.vocabulary import Context
>>> [m.operator for m in mutants(sp.log(2) + sp.Rational(1, 2), Context())][:3]
['flip-sign', 'double', 'factor']
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import sympy as sp

from dataclasses import replace

from ganproof.vocabulary import KL, Context, Defined, Expectation, SampleMean
from ganproof.vocabulary.names import Density, Discriminator, Support
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
    lhs: sp.Expr | None = None
    """The changed left-hand side, or None: the original's."""
    ctx: Context | None = None
    """The changed context, or None: the original's."""


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


EXTRA_NAMES = 5
"""Names added by the extra-name mutants: more than a pool of four instances holds, so that a checker
whose pools wrap gives the last new name the object of the first old one."""
SHIFTED_SUPPORT = Support(sp.Integer(2), sp.Integer(3))
"""The support the support-shift mutant moves densities to (an interval that is not [0, 1])."""
TINY = sp.Integer(10) ** -40
HUGE = sp.Integer(10) ** 40


def _extra_densities(ctx: Context) -> tuple[Context, tuple[Density, ...]]:
    taken = set(ctx.density_names)
    new = tuple(Density(f"q_extra{k}") for k in range(1, EXTRA_NAMES + 1) if f"q_extra{k}" not in taken)
    return replace(ctx, densities=ctx.densities + new), new


def _extra_discriminators(ctx: Context) -> tuple[Context, tuple[Discriminator, ...]]:
    taken = set(ctx.discriminator_names)
    new = tuple(Discriminator(f"D_extra{k}") for k in range(1, EXTRA_NAMES + 1) if f"D_extra{k}" not in taken)
    return replace(ctx, discriminators=ctx.discriminators + new), new


def _in_context(ms: Iterator[Mutant], lhs: sp.Expr | None = None, ctx: Context | None = None) -> list[Mutant]:
    return [replace(m, lhs=lhs, ctx=ctx) for m in ms]


def context_mutants(lhs: sp.Expr, rhs: sp.Expr, ctx: Context) -> list[Mutant]:
    """Mutants that change the context of ``lhs = rhs`` (its names, supports, bounds, magnitudes), in a fixed order.

    Each is a wrong step unless the harness proves it equivalent: a new name in place of an old one
    (extra-density, extra-discriminator), two distinct constants equated (extra-constant), an
    integral's bounds swapped (reverse-bounds), a function's argument doubled (scale-argument), an
    offset of 10^-40 (tiny-offset), both sides scaled by 10^40 with 1 added to one (huge-scale), and
    the densities moved to [2, 3] while an integral over R becomes one over [0, 1] (support-shift).
    """
    out: list[Mutant] = []
    dens = {d.name for d in ctx.densities}
    noise = {pf.noise.name for pf in ctx.pushforwards}

    # the fourth and the fifth new name: one of them sits a multiple of a pool of four or five
    # positions after the name it replaces
    more, new = _extra_densities(ctx)
    for nth, extra in (("4th", new[-2]), ("5th", new[-1])):
        def to_extra_density(sub: sp.Expr, extra: Density = extra) -> sp.Expr | None:
            if isinstance(sub, sp.core.function.AppliedUndef) and sub.func.__name__ in dens - noise:
                return extra(*sub.args[:1])
            return None

        out.extend(_in_context(_one_place(f"extra-density-{nth}", rhs, to_extra_density), ctx=more))

    more_d, new_d = _extra_discriminators(ctx)
    discs = set(ctx.discriminator_names)
    for nth, extra_d in (("4th", new_d[-2]), ("5th", new_d[-1])):
        def to_extra_discriminator(sub: sp.Expr, extra_d: Discriminator = extra_d) -> sp.Expr | None:
            if isinstance(sub, sp.core.function.AppliedUndef) and sub.func.__name__ in discs:
                return extra_d(*sub.args)
            return None

        out.extend(_in_context(_one_place(f"extra-discriminator-{nth}", rhs, to_extra_discriminator), ctx=more_d))

    ks = [sp.Symbol(f"k_extra{k}", real=True) for k in range(1, EXTRA_NAMES + 2)]
    common = sp.Add(*ks[1:-1])
    out.append(Mutant("extra-constant", rhs + common + ks[0] - ks[-1], "",
                      f"{ks[0]} - {ks[-1]} added to one side, {common} to both", lhs=lhs + common))

    def reverse_bounds(sub: sp.Expr) -> sp.Expr | None:
        if isinstance(sub, sp.Integral) and len(sub.limits) == 1 and len(sub.limits[0]) == 3:
            var, lo, hi = sub.limits[0]
            return sp.Integral(sub.function, (var, hi, lo))
        return None

    out.extend(_one_place("reverse-bounds", rhs, reverse_bounds))

    def scale_argument(sub: sp.Expr) -> sp.Expr | None:
        if isinstance(sub, sp.core.function.AppliedUndef) and sub.args and isinstance(sub.args[0], sp.Symbol) \
                and (sub.func.__name__ in dens or sub.func.__name__ in discs):
            return sub.func(2 * sub.args[0], *sub.args[1:])
        return None

    out.extend(_one_place("scale-argument", rhs, scale_argument))
    out.append(Mutant("tiny-offset", rhs + TINY, "", "10^-40 added to the whole side"))
    out.append(Mutant("huge-scale", HUGE * rhs + 1, "", "both sides times 10^40, then 1 added", lhs=HUGE * lhs))

    movable = {d.name for d in ctx.densities} - noise - {pf.density.name for pf in ctx.pushforwards} - {
        n for h in ctx.hypotheses for n in (h.density.name, h.equals.name)}
    used = {f.func.__name__ for e in (lhs, rhs) for f in e.atoms(sp.core.function.AppliedUndef)} & movable
    if used:
        shifted = replace(ctx, densities=tuple(Density(d.name, SHIFTED_SUPPORT) if d.name in used else d
                                               for d in ctx.densities))

        def to_unit_interval(sub: sp.Expr) -> sp.Expr | None:
            if isinstance(sub, sp.Integral) and len(sub.limits) == 1 and len(sub.limits[0]) == 3:
                var, lo, hi = sub.limits[0]
                if lo == sp.S.NegativeInfinity and hi == sp.S.Infinity and sub.function.has(
                        *[sp.Function(n, positive=True) for n in used]):
                    return sp.Integral(sub.function, (var, 0, 1))
            return None

        out.extend(_in_context(_one_place("support-shift", rhs, to_unit_interval), ctx=shifted))
    return out


def mutate_relation(relation: str) -> str | None:
    """The reversed inequality (``>=`` for ``<=``), or None for an equation."""
    return {"<=": ">=", ">=": "<=", "<": ">", ">": "<"}.get(relation)


__all__ = ["Mutant", "context_mutants", "mutants", "mutate_relation", "places", "replace_at"]
