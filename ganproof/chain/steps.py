"""Derivations as frozen values: a chain ``e0 R1 e1 R2 e2 ...`` of checked steps.

>>> import sympy as sp
>>> from ganproof.vocabulary import Density, Context, X
>>> p = Density("p")
>>> chain = Chain.begin(sp.Integral(2 * p(X), (X, -sp.oo, sp.oo))).eq(2, rule="normalisation")
>>> [s.relation for s in chain.steps]
['=']
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

import sympy as sp

from ganproof.vocabulary.context import Context, Hypothesis
from ganproof.vocabulary.domain import DomainCondition

Relation = Literal["=", "<=", ">=", "<", ">"]
RELATIONS: tuple[str, ...] = ("=", "<=", ">=", "<", ">")
RELATION_LATEX = {"=": "=", "<=": r"\le", ">=": r"\ge", "<": "<", ">": ">"}


@dataclass(frozen=True)
class Step:
    """``lhs relation rhs``, optionally justified by a named rule.

    ``mistake=True`` marks a known mistake shown on purpose: the step must be
    refuted, and counts as a success of the check only then.

    ``domain`` holds what must be positive for the two rows to have a real value
    (the written arguments of logarithms, the bases of real powers), recorded
    before SymPy could evaluate it away (``exp(log a)`` is built as ``a``); the
    checker proves nothing and confirms nothing while one of them is not proved
    positive.  The conditions still visible in the rows are found by the checker
    itself, so a step built in Python needs this only for what SymPy removed.
    """

    lhs: sp.Expr
    rhs: sp.Expr
    relation: Relation = "="
    rule: str | None = None
    mistake: bool = False
    note: str = ""
    line: int | None = None
    domain: tuple[DomainCondition, ...] = ()

    def __post_init__(self) -> None:
        if self.relation not in RELATIONS:
            raise ValueError(f"relation must be one of {RELATIONS}, got {self.relation!r}")


@dataclass(frozen=True)
class Chain:
    """A start expression and the steps that follow it; ``hypotheses`` hold throughout."""

    start: sp.Expr
    steps: tuple[Step, ...] = ()
    title: str = ""
    hypotheses: tuple[Hypothesis, ...] = ()

    @classmethod
    def begin(cls, start: sp.Expr, title: str = "", assume: tuple[Hypothesis, ...] = ()) -> Chain:
        return cls(sp.sympify(start), (), title, assume)

    @property
    def last(self) -> sp.Expr:
        return self.steps[-1].rhs if self.steps else self.start

    def then(self, relation: Relation, rhs: sp.Expr, rule: str | None = None, *,
             mistake: bool = False, note: str = "", domain: tuple[DomainCondition, ...] = ()) -> Chain:
        """A copy with one more step from the current last expression.

        ``domain``: what must be positive for the two rows to have a real value and that SymPy
        evaluated away as the rows were built (``sp.exp(sp.log(a))`` is ``a``); see :class:`Step`.
        """
        step = Step(self.last, sp.sympify(rhs), relation, rule, mistake, note, domain=domain)
        return replace(self, steps=self.steps + (step,))

    def eq(self, rhs: sp.Expr, rule: str | None = None, **kw: object) -> Chain:
        return self.then("=", rhs, rule, **kw)  # type: ignore[arg-type]

    def le(self, rhs: sp.Expr, rule: str | None = None, **kw: object) -> Chain:
        return self.then("<=", rhs, rule, **kw)  # type: ignore[arg-type]

    def ge(self, rhs: sp.Expr, rule: str | None = None, **kw: object) -> Chain:
        return self.then(">=", rhs, rule, **kw)  # type: ignore[arg-type]

    def lt(self, rhs: sp.Expr, rule: str | None = None, **kw: object) -> Chain:
        return self.then("<", rhs, rule, **kw)  # type: ignore[arg-type]

    def gt(self, rhs: sp.Expr, rule: str | None = None, **kw: object) -> Chain:
        return self.then(">", rhs, rule, **kw)  # type: ignore[arg-type]

    def context(self, base: Context) -> Context:
        ctx = base
        for h in self.hypotheses:
            ctx = ctx.with_hypothesis(h.density, h.equals)
        return ctx


@dataclass(frozen=True)
class Derivation:
    """A titled set of chains over one context.

    ``assumed_lemmas`` lists facts used without proof, each with its reason;
    the goal, met by the built-in library, is none.
    """

    name: str
    title: str
    context: Context
    chains: tuple[Chain, ...]
    summary: str = ""
    assumed_lemmas: tuple[tuple[str, str], ...] = field(default=())
