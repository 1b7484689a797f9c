"""The mutation harness: the checker's false-accept rate, measured.

Every right step of every built-in derivation and of the example files is
mutated (:mod:`ganproof.selftest.mutants`); each mutant is either proved
equivalent to the original, or for an inequality implied by it (set aside and
counted as equivalent: decided by proof, never by failing to refute) or checked as a step of its own, with no rule named, so the
checker searches all its rules.  A mutant that comes out ``proved`` or
``confirmed`` is a false accept.  The originals are checked too: every one must
be accepted.

With ``context=True`` (or GANPROOF_SELFTEST_CONTEXT=1 in the environment, so that
``ganproof selftest --mutants`` includes them) each right step also gets the mutants of
:func:`ganproof.selftest.mutants.context_mutants`: the same step in a changed
context (more names than the instance pools hold, other supports, reversed
bounds, scaled arguments, extreme magnitudes), judged in that context.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sympy as sp

from ganproof.chain import Chain, Derivation, check
from ganproof.chain.checker import iter_check
from ganproof.chain.steps import Step
from ganproof.library import DERIVATIONS, derivation
from ganproof.rules import INEQUALITY_RULES, REWRITE_RULES
from ganproof.rules.prover import prove_equal
from ganproof.selftest.mutants import Mutant, context_mutants, mutants, mutate_relation
from ganproof.vocabulary import Context, SampleMean

CONTEXT_ENV = "GANPROOF_SELFTEST_CONTEXT"
"""Set to 1 to add the context mutants to every self-test run that does not say otherwise."""


def context_default() -> bool:
    """Whether a self-test that does not say includes the context mutants: GANPROOF_SELFTEST_CONTEXT."""
    return os.environ.get(CONTEXT_ENV, "").strip() not in ("", "0")


_CHECKOUT = Path(__file__).resolve().parent.parent.parent
EXAMPLE_FOLDERS = ("tests/examples", "examples")
"""The example derivation folders of a source checkout (each with its expected verdicts)."""


def default_examples(cwd: Path | None = None) -> tuple[tuple[Path, ...], tuple[str, ...]]:
    """The example folders a self-test that names none uses: each in the checkout of this package, else in
    the current folder (a clone whose package was installed with ``pip install .``); and the folders found
    in neither (the self-test is then not complete, and says so)."""
    here = Path.cwd() if cwd is None else cwd
    found: list[Path] = []
    missing: list[str] = []
    for folder in EXAMPLE_FOLDERS:
        for root in (_CHECKOUT, here):
            if (root / folder / "expected.json").is_file():
                found.append(root / folder)
                break
        else:
            missing.append(folder)
    return tuple(found), tuple(missing)


@dataclass(frozen=True)
class Case:
    """A right step: ``lhs relation rhs`` in ``ctx``, from ``source``."""

    source: str
    lhs: sp.Expr
    rhs: sp.Expr
    relation: str
    ctx: Context


@dataclass(frozen=True)
class MutantResult:
    case: str
    operator: str
    where: str
    relation: str
    outcome: str
    """'refuted', 'equivalent', 'accepted' (a false accept) or 'unknown'."""
    reason: str


@dataclass(frozen=True)
class SelftestReport:
    results: tuple[MutantResult, ...]
    originals: int
    originals_accepted: int
    rejected_originals: tuple[str, ...] = field(default=())
    sources: tuple[str, ...] = field(default=())
    """Where the right steps came from, e.g. '39 steps of 8 built-in derivations'."""
    missing: tuple[str, ...] = field(default=())
    """Example folders the self-test was to check and could not find: it is then incomplete, not ok."""

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.results if r.outcome == outcome)

    @property
    def ok(self) -> bool:
        return self.count("accepted") == 0 and self.originals_accepted == self.originals and not self.missing

    def to_json(self) -> dict[str, int]:
        return {"mutants": len(self.results), "refuted": self.count("refuted"),
                "equivalent": self.count("equivalent"), "accepted": self.count("accepted"),
                "unknown": self.count("unknown"), "originals": self.originals,
                "originals_accepted": self.originals_accepted}


# ---------------------------------------------------------------------- the right steps

def builtin_cases(dps: int, instances: int) -> tuple[list[Case], int, list[str]]:
    """Right steps of the built-ins; also how many are accepted when checked, and which are not."""
    cases: list[Case] = []
    rejected: list[str] = []
    accepted = 0
    for name in DERIVATIONS:
        d = derivation(name)
        report = check(d, dps=dps, instances=instances)
        results = iter(report.steps)
        for chain in d.chains:
            ctx = chain.context(d.context)
            for step in chain.steps:
                result = next(results)
                if step.mistake:
                    continue
                label = f"{name} step {result.index}"
                cases.append(Case(label, step.lhs, step.rhs, step.relation, ctx))
                if result.verdict.accepted:
                    accepted += 1
                else:
                    rejected.append(label)
    return cases, accepted, rejected


def example_cases(folder: Path, dps: int, instances: int) -> tuple[list[Case], int, int, list[str]]:
    """Right steps of the example files (per expected.json): cases, originals, accepted, rejected."""
    from ganproof.reader.check import check_document
    from ganproof.reader.document import read_path

    expected_file = folder / "expected.json"
    if not expected_file.exists():
        return [], 0, 0, []
    expected: dict[str, Any] = json.loads(expected_file.read_text())
    cases: list[Case] = []
    originals = accepted = 0
    rejected: list[str] = []
    for name, lines in expected.items():
        if name.startswith("_") or not (folder / name).exists():
            continue
        right = {int(k) for k, v in lines.items() if v.startswith("V")}
        doc = read_path(str(folder / name))
        report = check_document(doc, dps=dps, instances=instances)
        for s in report.steps:
            if s.line in right:
                originals += 1
                if s.verdict.accepted:
                    accepted += 1
                else:
                    rejected.append(f"{name} line {s.line}")
        for chain in doc.chains:
            if chain.kind != "chain":
                continue
            ctx = doc.context
            for h in chain.hypotheses:
                ctx = ctx.with_hypothesis(h.density, h.equals)
            for step in chain.steps:
                lhs, rhs = chain.points[step.source].side.expr, chain.points[step.target].side.expr
                if step.line not in right or not _laws_known(lhs, rhs, ctx):
                    continue
                cases.append(Case(f"{name} line {step.line}", lhs, rhs, step.relation, ctx))
    return cases, originals, accepted, rejected


def _laws_known(lhs: sp.Expr, rhs: sp.Expr, ctx: Context) -> bool:
    names = {n for e in (lhs, rhs) for m in e.atoms(SampleMean) for _, n in m.args[1]}
    return all(ctx.sample(str(n)).law is not None for n in names) if names else True


# ---------------------------------------------------------------------- mutants

def all_mutants(cases: Sequence[Case], context: bool = False) -> list[tuple[Case, Mutant]]:
    """Every mutant of every case, in a fixed order (with ``context``: also the context mutants)."""
    out: list[tuple[Case, Mutant]] = []
    for case in cases:
        for m in mutants(case.rhs, case.ctx):
            out.append((case, Mutant(m.operator, m.rhs, case.relation, m.where)))
        reversed_relation = mutate_relation(case.relation)
        if reversed_relation is not None:
            out.append((case, Mutant("reverse-inequality", case.rhs, reversed_relation, "the relation")))
        if context:
            for m in context_mutants(case.lhs, case.rhs, case.ctx):
                out.append((case, Mutant(m.operator, m.rhs, case.relation, m.where, m.lhs, m.ctx)))
    return out


def _lhs(case: Case, m: Mutant) -> sp.Expr:
    return case.lhs if m.lhs is None else m.lhs


def _ctx(case: Case, m: Mutant) -> Context:
    return case.ctx if m.ctx is None else m.ctx


def _set_aside(case: Case, m: Mutant) -> str | None:
    """Why a mutant is no wrong step, decided by proof: 'equivalent' to the original, 'implied' by it
    (an inequality made weaker, e.g. C(G) >= -log 4 to C(G) >= -2 log 4), or None."""
    if m.relation != case.relation:
        # the reversed inequality also holds exactly when both sides are provably equal
        return "equivalent" if prove_equal(case.lhs, case.rhs, case.ctx, REWRITE_RULES) is not None else None
    if m.lhs is not None:
        return None  # a changed left side is wrong by construction (distinct constants equated, 1 added)
    ctx = _ctx(case, m)
    if prove_equal(case.rhs, m.rhs, ctx, REWRITE_RULES) is not None:
        return "equivalent"
    if case.relation in ("<=", "<", ">=", ">"):
        # lhs <= rhs <= rhs' (or lhs >= rhs >= rhs'): the mutant follows from the original
        gap = m.rhs - case.rhs if case.relation in ("<=", "<") else case.rhs - m.rhs
        for rule in INEQUALITY_RULES:
            if rule.certify_gap(gap, False, ctx) is not None:
                return "implied"
        # or the mutant is true on its own by SymPy's assumptions (a, b > 0: 0 < a/(a + 2b))
        own = case.lhs - m.rhs if case.relation in (">=", ">") else m.rhs - case.lhs
        if (own.is_positive if case.relation in ("<", ">") else own.is_nonnegative) is True:
            return "implied"
    return None


def judge_mutants(pairs: Sequence[tuple[Case, Mutant]], dps: int, instances: int, jobs: int | None,
                  done: Callable[[MutantResult], None] | None = None) -> Iterator[MutantResult]:
    """Each mutant's outcome; the mutants of one case in one context are checked together."""
    by_case: dict[tuple[str, Context], list[tuple[Case, Mutant]]] = {}
    for case, m in pairs:
        by_case.setdefault((case.source, _ctx(case, m)), []).append((case, m))
    for (_, ctx), group in by_case.items():
        case = group[0][0]
        pending: list[Mutant] = []
        for _, m in group:
            why = _set_aside(case, m)
            if why is not None:
                reason = "proved equal to the original" if why == "equivalent" else "proved to follow from the original"
                result = MutantResult(case.source, m.operator, m.where, m.relation, "equivalent", reason)
                if done is not None:
                    done(result)
                yield result
            else:
                pending.append(m)
        if not pending:
            continue
        chains = tuple(Chain(_lhs(case, m), (Step(_lhs(case, m), m.rhs, m.relation),))  # type: ignore[arg-type]
                       for m in pending)
        d = Derivation("mutants", f"mutants of {case.source}", ctx, chains)
        for m, step in zip(pending, iter_check(d, dps, instances, jobs)):
            outcome = {"proved": "accepted", "confirmed": "accepted"}.get(step.verdict.value, step.verdict.value)
            result = MutantResult(case.source, m.operator, m.where, m.relation, outcome, step.reason)
            if done is not None:
                done(result)
            yield result


def run_selftest(sample: int | None = None, seed: int = 0, dps: int = 30, instances: int = 3,
                 jobs: int | None = None, examples: Sequence[Path] | None = None,
                 done: Callable[[MutantResult], None] | None = None,
                 context: bool | None = None) -> SelftestReport:
    """Check the originals, make the mutants (all, or a reproducible ``sample`` of them), judge them.

    ``examples``: folders of example files, each with an expected.json (None: :func:`default_examples`;
    a folder not found makes the report incomplete, not ok).  ``context``: also the mutants that change
    a step's context (see :func:`ganproof.selftest.mutants.context_mutants`); None: :func:`context_default`.
    """
    missing: list[str] = []
    if examples is None:
        examples, absent = default_examples()
        missing.extend(absent)
    cases, accepted, rejected = builtin_cases(dps, instances)
    originals = len(cases)
    sources = [f"{len(cases)} steps of {len(DERIVATIONS)} built-in derivations"]
    for folder in examples:
        if not (folder / "expected.json").is_file():
            missing.append(str(folder))
            continue
        more, n, k, bad = example_cases(folder, dps, instances)
        cases += more
        originals += n
        accepted += k
        rejected += bad
        sources.append(f"{n} steps of the example files in {folder} ({len(more)} of them mutated: the "
                       "chain steps whose samples have known laws)")
    pairs = all_mutants(cases, context_default() if context is None else context)
    if sample is not None and sample < len(pairs):
        chosen = sorted(random.Random(seed).sample(range(len(pairs)), sample))
        pairs = [pairs[i] for i in chosen]
    results = tuple(judge_mutants(pairs, dps, instances, jobs, done))
    for unfound in missing:
        sources.append(f"NOT CHECKED: the example folder {unfound} (with its expected.json) was not found; run from "
                       "a checkout, pass --examples DIR, or --builtins-only for the built-in derivations alone")
    return SelftestReport(results, originals, accepted, tuple(rejected), tuple(sources), tuple(missing))


__all__ = ["Case", "MutantResult", "SelftestReport", "all_mutants", "judge_mutants", "run_selftest"]
