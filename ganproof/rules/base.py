"""The rule interface: a name, a one-line statement and one hook.

Every rule implements exactly one method.  A :class:`RewriteRule` implements
:meth:`RewriteRule.rewrite` (an equivalence-preserving rewrite of an
expression); the prover in :mod:`ganproof.rules.prover` applies rewrites to
both sides and compares what is left.  An :class:`InequalityRule` implements
:meth:`InequalityRule.certify_gap`: given ``gap`` (which must be shown >= 0,
or > 0 when strict) it returns a certificate or ``None``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar

import sympy as sp

from ganproof.rules.statements import LEMMAS, STATEMENTS
from ganproof.vocabulary.context import Context


@dataclass(frozen=True)
class Certificate:
    """Why a step holds: the rules that justify it and, for inequalities, when equality holds."""

    rules: tuple[str, ...]
    detail: str = ""
    equality_condition: str | None = None
    """When equality holds, in LaTeX."""
    equality_text: str | None = None
    """The same in plain text, for terminals and JSON."""
    lemmas: tuple[str, ...] = ()

    @property
    def rule_text(self) -> str:
        return ", ".join(self.rules) if self.rules else "algebra"


class Rule(ABC):
    """A named rule with a one-line statement.

    A subclass declares its ``name``; its ``statement`` and ``lemma`` come from
    :mod:`ganproof.rules.statements` under that name (one home, readable without SymPy), unless the
    subclass sets them itself.
    """

    name: ClassVar[str]
    statement: ClassVar[str]
    lemma: ClassVar[str | None] = None
    """The derivation that proves this rule's fact, when it is a derived lemma."""

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        name = cls.__dict__.get("name")
        if name is None:
            return
        if "statement" not in cls.__dict__:
            if name not in STATEMENTS:
                raise TypeError(f"rule {name!r} has no statement: add it to ganproof/rules/statements.py")
            cls.statement = STATEMENTS[name]
        if "lemma" not in cls.__dict__:
            cls.lemma = LEMMAS.get(name)


class RewriteRule(Rule):
    """A rule that rewrites an expression into an equal one."""

    @abstractmethod
    def rewrite(self, expr: sp.Expr, ctx: Context) -> sp.Expr:
        """The expression with this rule applied wherever it applies (equal in value)."""


class InequalityRule(Rule):
    """A rule that shows a gap is non-negative (positive when strict)."""

    @abstractmethod
    def certify_gap(self, gap: sp.Expr, strict: bool, ctx: Context) -> Certificate | None:
        """A certificate that ``gap >= 0`` (``> 0`` if ``strict``), or None."""
