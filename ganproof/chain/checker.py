"""The chain checker: a verdict for every step, from a certificate and the numbers.

Each step is certified symbolically (the named rule, or a search over the
rules) and evaluated numerically on several instances.  The verdict:

* proved    -- a certificate, and the numbers agree (a certificate the numbers
  reject raises :class:`~ganproof.errors.SoundnessError`);
* confirmed -- no certificate, the numbers agree;
* refuted   -- the numbers disagree, re-checked at higher precision;
* unknown   -- anything else, with the reason.

A named rule that does not justify its step makes the step unknown (or
refuted, when the numbers refute it), and the reason says so.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import sympy as sp
from sympy.core.function import AppliedUndef

from ganproof.chain.numeric_check import NumericChecker, NumericOutcome
from ganproof.chain.steps import Derivation, Step
from ganproof.chain.verdict import DerivationReport, StepResult, Verdict
from ganproof.errors import SoundnessError, UsageError
from ganproof.numeric import limits
from ganproof.numeric.evaluate import default_jobs
from ganproof.precision import DEFAULT_DPS, DEFAULT_INSTANCES, MAX_DPS, MAX_INSTANCES, MIN_DPS
from ganproof.rules import INEQUALITY_RULES, REWRITE_RULES, Certificate, InequalityRule, rule_named
from ganproof.rules.domain import domain_problem
from ganproof.rules.prover import gap_of, prove_equal
from ganproof.vocabulary.context import Context
from ganproof.vocabulary.names import X
from ganproof.vocabulary.printing import to_latex

_BOOKKEEPING = ("algebra", "add-zero")


def _display(text: str) -> str:
    return text.replace("_u0", "x").replace("_{u0}", "x").replace("u_{0}", "x")


def check_precision(dps: int, instances: int) -> None:
    """A UsageError unless ``dps`` and ``instances`` are in the ranges a check supports."""
    if not MIN_DPS <= dps <= MAX_DPS:
        raise UsageError(f"--dps must be between {MIN_DPS} and {MAX_DPS}, got {dps}")
    if not 1 <= instances <= MAX_INSTANCES:
        raise UsageError(f"--instances must be between 1 and {MAX_INSTANCES}, got {instances}")


class NoRealValue(str):
    """The reason a step has no certificate because its rows have no real value in general
    (a logarithm of a value not proved positive, the imaginary unit): :func:`judge` never
    confirms such a step on numbers either."""


def certify(step: Step, ctx: Context) -> tuple[Certificate | None, str]:
    """A certificate for ``step`` (under its named rule, if any), and a reason when there is none.

    A step whose rows have no real value in general gets none (the reason is a
    :class:`NoRealValue`): every logarithm's argument and every real power's base, written
    (``step.domain``) or visible, must be proved positive, and no row may hold the imaginary
    unit.  The search stops after :data:`~ganproof.numeric.limits.SEARCH_SECONDS`: then there
    is no certificate, and the reason says the search timed out.
    """
    seconds = limits.search_seconds()
    if seconds <= 0:
        return None, "the symbolic search was not started: the file's time budget (GANPROOF_FILE_SECONDS) is spent"
    try:
        with limits.time_limit(seconds):
            problem = domain_problem((step.lhs, step.rhs), step.domain, ctx)
            if problem is not None:
                return None, NoRealValue(problem)
            return _certify(step, ctx)
    except limits.TimedOut as exc:
        return None, f"the symbolic search {exc}"


def _certify(step: Step, ctx: Context) -> tuple[Certificate | None, str]:
    named = step.rule
    rule = rule_named(named) if named else None
    if named and rule is None:
        raise UsageError(f"step names the rule {named!r}, which does not exist (see `ganproof rules`)")
    if step.relation == "=":
        if isinstance(rule, InequalityRule):
            return None, f"rule '{named}' proves inequalities, not this equality"
        if named in _BOOKKEEPING:
            cert = prove_equal(step.lhs, step.rhs, ctx, ())
            if cert is not None:
                return Certificate(rules=(named,)), ""
            full = prove_equal(step.lhs, step.rhs, ctx, REWRITE_RULES)
            return None, f"rule '{named}' does not justify this step" + (
                f" (it follows by {full.rule_text})" if full else "")
        full = prove_equal(step.lhs, step.rhs, ctx, REWRITE_RULES)
        if named is None:
            return full, "" if full else "no rule rewrites one side into the other"
        if full is None:
            return None, f"rule '{named}' does not justify this step"
        without = prove_equal(step.lhs, step.rhs, ctx, [r for r in REWRITE_RULES if r.name != named])
        if without is not None:
            return None, f"rule '{named}' does not justify this step (it follows by {without.rule_text})"
        others = tuple(r for r in full.rules if r != named)
        return Certificate(rules=(named, *others)), ""
    gap, strict = gap_of(step.lhs, step.rhs, step.relation)
    if named is not None:
        if not isinstance(rule, InequalityRule):
            return None, f"rule '{named}' rewrites equalities; it does not justify this inequality"
        cert = rule.certify_gap(gap, strict, ctx)
        return cert, "" if cert else f"rule '{named}' does not justify this step"
    if not strict:
        eq = prove_equal(step.lhs, step.rhs, ctx, REWRITE_RULES)
        if eq is not None:
            return eq, ""
    for candidate in INEQUALITY_RULES:
        cert = candidate.certify_gap(gap, strict, ctx)
        if cert is not None:
            return cert, ""
    return None, "no rule proves this inequality"


def judge(cert: Certificate | None, why_not: str, numeric: NumericOutcome, step: Step,
          ctx: Context | None = None) -> tuple[Verdict, str]:
    """Combine the symbolic and the numeric evidence into a verdict and a reason.

    A step whose rows have no real value in general (``why_not`` a :class:`NoRealValue`) is
    refuted when the numbers refute it and unknown otherwise: never confirmed.
    """
    if cert is None and isinstance(why_not, NoRealValue):
        if numeric.status == "disagree":
            return Verdict.REFUTED, f"{numeric.reason}; {why_not}"
        return Verdict.UNKNOWN, f"{why_not}; numbers: {numeric.reason}"
    if cert is not None:
        if numeric.status == "disagree":
            raise SoundnessError(
                f"rule(s) {cert.rule_text} certified a step that the numbers refute "
                f"({numeric.reason}); this is a bug in a rule, not a verdict: "
                f"{step.lhs} {step.relation} {step.rhs}"
            )
        if numeric.status == "agree":
            return Verdict.PROVED, f"by {cert.rule_text}; cross-checked: {numeric.reason}"
        if numeric.no_value and step.relation == "=":
            # the rule rewrites one side into the other as expressions; where they have no value the
            # identity says nothing (an evaluation that did not converge is unknown, never agreement)
            return Verdict.UNKNOWN, (f"{cert.rule_text} rewrites one side into the other, but a side has no value "
                                     f"on an instance ({numeric.no_value}), so the step is not shown to hold for "
                                     f"every object; numbers: {numeric.reason}")
        return Verdict.PROVED, f"by {cert.rule_text}; numeric cross-check inconclusive: {numeric.reason}"
    if numeric.status == "disagree":
        return Verdict.REFUTED, numeric.reason + (f"; {why_not}" if step.rule else "")
    if step.rule:
        extra = "the numbers agree" if numeric.status == "agree" else f"numbers: {numeric.reason}"
        return Verdict.UNKNOWN, f"{why_not}; {extra}"
    if numeric.status == "agree" and step.relation != "=":
        # An identity that holds to 30 digits on several random instances is evidence; an inequality
        # that holds on a few is not: its counterexamples may need a discriminator or density not
        # tried (the mutation harness found such false accepts).  Only a certificate proves one.
        return Verdict.UNKNOWN, (f"{why_not}; the inequality holds on the instances tried ({numeric.reason}), "
                                 "which is no proof: name or add a rule that proves it")
    if numeric.status == "agree":
        bend = unsettled_bend(step.lhs, step.rhs, ctx)
        if bend is not None:
            # |a - 30| = 30 - a holds at every constant drawn (all below 30) and nowhere above 30
            shown = to_latex(bend)
            return Verdict.UNKNOWN, (f"{why_not}; the numbers agree ({numeric.reason}), but |{shown}| is {shown} or "
                                     f"-({shown}) by the sign of {shown}, which nothing here fixes: a few instances "
                                     "cannot tell an identity from one that holds only where it has one sign; name "
                                     "or add a rule that proves it")
        return Verdict.CONFIRMED, f"{why_not}; the numbers agree: {numeric.reason}"
    return Verdict.UNKNOWN, f"{why_not}; {numeric.reason}"


def unsettled_bend(lhs: sp.Expr, rhs: sp.Expr, ctx: Context | None = None) -> sp.Expr | None:
    """The argument u of the first absolute value |u| in a step whose sign depends on what the instances draw: u
    holds a free constant or variable, or a function (a density, a discriminator).  SymPy already writes |u| as u
    or -u where the assumptions fix its sign (|D(x)| is D(x)); an |x| of an integral's own variable over fixed
    bounds is a number; with ``ctx``, a u that the rules prove >= 0 or <= 0 (1 - D(x)) has its sign settled.  None
    when there is no such |u|."""
    from ganproof.rules.algebra import is_nonnegative

    free = (sp.sympify(lhs).free_symbols | sp.sympify(rhs).free_symbols)
    for side in (lhs, rhs):
        for node in sp.sympify(side).atoms(sp.Abs):
            u = node.args[0]
            if not (u.free_symbols & free or u.atoms(AppliedUndef)):
                continue
            if ctx is not None and (is_nonnegative(u, ctx) or is_nonnegative(-u, ctx)):
                continue
            return u  # type: ignore[no-any-return]
    return None


def iter_check(
    derivation: Derivation,
    dps: int = DEFAULT_DPS,
    instances: int = DEFAULT_INSTANCES,
    jobs: int | None = None,
) -> Iterator[StepResult]:
    """Check a derivation step by step, yielding each step's result as it is found."""
    numeric = NumericChecker(dps, instances, default_jobs() if jobs is None else jobs)
    index = 0
    for c, chain in enumerate(derivation.chains):
        ctx = chain.context(derivation.context)
        rows = [chain.start, *(s.rhs for s in chain.steps)]
        insts = numeric.instances(ctx, rows)
        certificates = []
        for step in chain.steps:
            started = time.perf_counter()
            certificates.append((*certify(step, ctx), time.perf_counter() - started))
        started = time.perf_counter()
        outcomes = numeric.check_chain(ctx, [(s.lhs, s.rhs, s.relation) for s in chain.steps], insts,
                                       [cert is not None for cert, _, _ in certificates])
        shared = (time.perf_counter() - started) / max(1, len(chain.steps))
        for step, (cert, why_not, symbolic), outcome in zip(chain.steps, certificates, outcomes):
            index += 1
            start = time.perf_counter() - shared - symbolic
            verdict, reason = judge(cert, why_not, outcome, step, ctx)
            if verdict is Verdict.REFUTED and outcome.counterexample and outcome.counterexample.slip:
                reason = f"{reason}; {outcome.counterexample.slip}"
            yield StepResult(
                index=index,
                chain=c,
                relation=step.relation,
                lhs_latex=to_latex(step.lhs),
                rhs_latex=to_latex(step.rhs),
                rule=step.rule or (cert.rule_text if cert else None),
                verdict=verdict,
                expected="refuted" if step.mistake else "proved or confirmed",
                reason=_display(reason),
                digits=outcome.digits if verdict.accepted else None,
                counterexample=outcome.counterexample if verdict is Verdict.REFUTED else None,
                seconds=time.perf_counter() - start,
                equality_condition=_display(cert.equality_condition) if cert and cert.equality_condition else None,
                equality_text=_display(cert.equality_text) if cert and cert.equality_text else None,
                note=step.note,
                line=step.line,
            )


def check(
    derivation: Derivation,
    dps: int = DEFAULT_DPS,
    instances: int = DEFAULT_INSTANCES,
    progress: Callable[[StepResult], None] | None = None,
    jobs: int | None = None,
) -> DerivationReport:
    """Check every step of ``derivation``; a report of frozen results.

    ``jobs`` worker processes evaluate the rows (default: GANPROOF_JOBS or all cores).
    """
    results = []
    for result in iter_check(derivation, dps, instances, jobs):
        results.append(result)
        if progress is not None:
            progress(result)
    lemmas: list[dict[str, str]] = []
    for r in results:
        if r.rule and "kl-nonnegative" in r.rule and not any(lm["name"] == "kl-nonnegative" for lm in lemmas):
            lemmas.append({"name": "kl-nonnegative", "statement": "KL(P || Q) >= 0, = 0 iff P = Q",
                           "status": "derived in the derivation 'gibbs' from log t <= t - 1"})
    for name, why in derivation.assumed_lemmas:
        lemmas.append({"name": name, "statement": name, "status": f"assumed: {why}"})
    return DerivationReport(
        name=derivation.name,
        title=derivation.title,
        summary=derivation.summary,
        assumptions=derivation.context.assumptions_latex(),
        lemmas=tuple(lemmas),
        steps=tuple(results),
        chain_titles=tuple(ch.title for ch in derivation.chains),
        chain_starts=tuple(to_latex(ch.start) for ch in derivation.chains),
    )


_ = (sp, X)
