"""Frozen results of a check: verdicts per step and per derivation.

Renderers (terminal, JSON, LaTeX) read these and never recompute.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import Enum
from typing import Any


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
    lhs: str
    rhs: str
    slip: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


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

    @property
    def ok(self) -> bool:
        if self.expected == "refuted":
            return self.verdict is Verdict.REFUTED
        return self.verdict.accepted

    def to_json(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "relation": self.relation,
            "verdict": self.verdict.value,
            "expected": self.expected,
            "rule": self.rule,
            "reason": self.reason,
            "digits": self.digits,
            "counterexample": self.counterexample.to_json() if self.counterexample else None,
            "seconds": round(self.seconds, 3),
        }


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

    def _repr_latex_(self) -> str:
        """In Jupyter: the chains as aligned math, a verdict mark per step."""
        from ganproof.reports.rich import aligned
        return aligned(self.steps, self.chain_starts)

    def _repr_html_(self) -> str:
        """In Jupyter: the aligned chains above a table of verdicts, reasons and counterexamples."""
        from ganproof.reports.rich import html_table
        good = sum(1 for s in self.steps if s.ok)
        return html_table(f"{self.name}: {self.title} ({good}/{len(self.steps)} steps as expected)", self.steps,
                          self.chain_starts, [f"lemma {lm['name']}: {lm['status']}" for lm in self.lemmas])

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "ok": self.ok,
            "assumptions": list(self.assumptions),
            "lemmas": [dict(lm) for lm in self.lemmas],
            "steps": [s.to_json() for s in self.steps],
        }


def rules_used(steps: tuple[StepResult, ...] | list[StepResult]) -> tuple[str, ...]:
    """The rules named by ``steps``, each once, in the order they first appear."""
    seen: list[str] = []
    for s in steps:
        for r in (s.rule or "").split(", "):
            if r and r not in seen:
                seen.append(r)
    return tuple(seen)
