"""Frozen results of a check: verdicts per step and per derivation.

Renderers (terminal, JSON, LaTeX) read these and never recompute.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

from ganproof.display import render

if TYPE_CHECKING:
    import sympy as sp

    from ganproof.numeric.instances import Instance
    from ganproof.numeric.pointwise import DifferenceCurve
    from ganproof.vocabulary.context import Context


class Verdict(str, Enum):
    """What the checker concluded about one step."""

    PROVED = "proved"
    """A rule's symbolic certificate, also cross-checked by the numbers."""
    CONFIRMED = "confirmed"
    """No certificate; the two sides agree on every instance at two precisions."""
    REFUTED = "refuted"
    """An instance on which the step fails, re-checked at higher precision."""
    UNKNOWN = "unknown"
    """None of the above; the reason says why."""

    @property
    def accepted(self) -> bool:
        return self in (Verdict.PROVED, Verdict.CONFIRMED)


@dataclass(frozen=True)
class Counterexample:
    """A concrete instance on which a step fails, with both sides' values."""

    instance: dict[str, str]
    """Which concrete object stood for each name, as text (for the reports)."""
    lhs: str
    rhs: str
    slip: str | None = None
    """The slip, in words (opposite sign, constant factor, ...)."""
    slip_code: str | None = None
    """The slip's code (:data:`ganproof.chain.numeric_check.SLIP_CODES`)."""
    objects: tuple[dict[str, Any], ...] = ()
    """The same objects as data (:meth:`ganproof.numeric.instances.Instance.data`)."""
    label: str | None = None
    """The instance's label: ``instance 3`` (drawn), ``simple instance 1`` (see
    :meth:`ganproof.chain.numeric_check.NumericChecker.simplest`)."""
    sides: tuple[sp.Expr, sp.Expr, Context, Instance] | None = field(default=None, compare=False, repr=False)
    """The step's two sides, their context and the refuting instance, kept to draw :meth:`curve` on demand."""

    def curve(self) -> DifferenceCurve | None:
        """Where the sides differ: the integrand of their difference on the instance, when it is one integral
        over one variable (:mod:`ganproof.numeric.pointwise`; None otherwise); drawn under the step in
        reports.  Computed when asked (a few hundredths of a second), not for every refutation."""
        if self.sides is None:
            return None
        from ganproof.numeric.pointwise import difference_curve
        return difference_curve(*self.sides)

    def to_json(self) -> dict[str, Any]:
        from ganproof.schema import counterexample_json
        return counterexample_json(self)


@dataclass(frozen=True)
class Suggestion:
    """A checked correction of a wrong step: the row as the person wrote it with one small edit, under
    which the same checker proves or confirms the step (:mod:`ganproof.reader.corrections`)."""

    latex: str
    """The corrected right-hand side, in the person's own LaTeX."""
    edit: str
    """The edit in words: ```JSD` is `2\\,JSD```, ```-\\log 2(1+1)` is dropped``."""
    operator: str
    """The self-test's name for the slip it undoes (flip-sign, factor, log2-log4, swap-density, ...)."""
    line: int
    col: int
    """Where the edit is in the file."""
    verdict: str
    """proved or confirmed: the checker's verdict of the step with the corrected row."""
    against: int | None = None
    """The line of the row the corrected step follows from (the row before, or the last accepted row)."""
    row: str = "this"
    """The row edited: ``this`` (the step's right-hand side) or ``before`` (its left-hand side, a chain's first
    row: ``latex`` is then that row, corrected)."""
    size: int = 0
    """The size of the edit (:attr:`ganproof.reader.edits.Edit.size`: characters changed, or the weight of an edit
    that touches many places): a step's suggestions come smallest first, whichever row they edit."""


@dataclass(frozen=True)
class StepResult:
    """The verdict on one step and the evidence for it."""

    index: int
    chain: int
    relation: str
    lhs_latex: str
    rhs_latex: str
    rule: str | None
    verdict: Verdict
    expected: str
    reason: str
    digits: int | None
    counterexample: Counterexample | None
    seconds: float
    equality_condition: str | None = None
    """When equality holds (an inequality's certificate), in LaTeX."""
    equality_text: str | None = None
    """The same in plain text, for terminals."""
    note: str = ""
    line: int | None = None
    recovers_from: int | None = None
    col: int | None = None
    """The column (from 1) where the step's right-hand side starts in its file (None for a built-in)."""
    source: str | None = None
    """The step's right-hand side (a sequence's equation) as the person wrote it in the file."""
    read_as: str | None = None
    """The checker's reading of it (LaTeX), given only where the reader chose a meaning the text leaves open
    or repaired it (a warning or a "read as" note on that line); None where the text is read as written."""
    suggestions: tuple[Suggestion, ...] | None = None
    """The checked corrections of a mistake, smallest first (empty: none holds); None: not searched."""

    @property
    def ok(self) -> bool:
        if self.expected == "refuted":
            return self.verdict is Verdict.REFUTED
        return self.verdict.accepted

    def to_json(self) -> dict[str, Any]:
        """The step object of the JSON schema (ganproof/schema/check.json), the same for built-ins and files."""
        from ganproof.schema import step_json
        return step_json(self)


@dataclass(frozen=True)
class DerivationReport:
    """The result of checking one derivation."""

    name: str
    title: str
    summary: str
    assumptions: tuple[str, ...]
    lemmas: tuple[dict[str, str], ...]
    steps: tuple[StepResult, ...]
    chain_titles: tuple[str, ...]
    chain_starts: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return all(s.ok for s in self.steps)

    @property
    def rules_used(self) -> tuple[str, ...]:
        return rules_used(self.steps)

    def __str__(self) -> str:
        """The command line's text of this derivation."""
        return render("derivation-text", self)

    def _repr_latex_(self) -> str:
        """In Jupyter: the chains as aligned math, a verdict mark per step."""
        return render("latex-steps", self.steps, self.chain_starts)

    def _repr_html_(self) -> str:
        """In Jupyter: the aligned chains above a table of verdicts, reasons and counterexamples."""
        good = sum(1 for s in self.steps if s.ok)
        return render("html-table", f"{self.name}: {self.title} ({good}/{len(self.steps)} steps as expected)",
                      self.steps, self.chain_starts, [f"lemma {lm['name']}: {lm['status']}" for lm in self.lemmas])

    def to_json(self) -> dict[str, Any]:
        """The derivation object of the JSON schema (ganproof/schema/check.json)."""
        from ganproof.schema import derivation_json
        return derivation_json(self)


def rules_used(steps: Sequence[StepResult]) -> tuple[str, ...]:
    """The rules named by ``steps``, each once, in the order they first appear."""
    seen: list[str] = []
    for s in steps:
        for r in (s.rule or "").split(", "):
            if r and r not in seen:
                seen.append(r)
    return tuple(seen)
