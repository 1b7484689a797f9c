"""The numeric side of a step: evaluate both sides on several instances and compare.

Agreement needs the target digits at two precisions with small quadrature
error estimates; a disagreement is re-checked at a higher precision before it
refutes anything, so rounding never refutes a right step.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import mpmath as mp
import sympy as sp
from sympy.core.function import AppliedUndef

from ganproof.chain.verdict import Counterexample
from ganproof.numeric.evaluate import HIGH_EXTRA, LOW_EXTRA, Evaluation, Evaluator
from ganproof.numeric.instances import MAX_INSTANCES, Instance, instances_for
from ganproof.vocabulary.context import Context
from ganproof.vocabulary.names import Density, LabelledMixture
from ganproof.vocabulary.operators import SampleMean

RECHECK_EXTRA_DIGITS = 10
"""A disagreement at the full precisions is re-checked at dps + HIGH_EXTRA + this many digits."""
SCREEN_DPS = 12
"""Target digits of the screen that steps without a certificate get before any high-precision work."""


def names_used(lhs: sp.Expr, rhs: sp.Expr, ctx: Context) -> frozenset[str]:
    """The names a step mentions: functions applied, constants, and the laws of its sample means.

    A pushforward brings its generator and noise (the description of p_G names them).
    """
    names: set[str] = set()
    for side in (lhs, rhs):
        names |= {a.func.__name__ for a in side.atoms(AppliedUndef)}
        names |= {s.name for s in side.free_symbols if isinstance(s, sp.Symbol)}
        for mean in side.atoms(SampleMean):
            for _, set_name in mean.draws:
                law = ctx.sample(set_name).law
                if isinstance(law, Density):
                    names.add(law.name)
                elif isinstance(law, LabelledMixture):
                    names |= {d.name for d, _ in law.components}
    for pf in ctx.pushforwards:
        if pf.density.name in names:
            names |= {pf.generator.name, pf.noise.name}
    for h in ctx.hypotheses:
        if h.density.name in names or h.equals.name in names:
            names |= {h.density.name, h.equals.name}
    return frozenset(names)


@dataclass(frozen=True)
class NumericOutcome:
    """``status`` is 'agree', 'disagree' or 'inconclusive'."""

    status: str
    digits: int | None
    reason: str
    counterexample: Counterexample | None = None


def _fmt(v: mp.mpf) -> str:
    return mp.nstr(v, 15, min_fixed=-4, max_fixed=6)


def _compare(lv: Evaluation, rv: Evaluation, relation: str, dps: int) -> tuple[str, float, str]:
    """('agree' | 'disagree' | 'inconclusive', digits, reason) for one instance."""
    if not lv.ok or not rv.ok:
        if lv.infinite != rv.infinite and (lv.ok or rv.ok):
            side = "left" if lv.infinite else "right"
            return "disagree", 0.0, f"the {side} side is infinite and the other is finite"
        reason = lv.reason or rv.reason or "evaluation failed"
        return "inconclusive", 0.0, reason
    L, R = lv.value, rv.value
    trust = min(lv.digits, rv.digits)
    scale = max(mp.mpf(1), abs(L), abs(R))
    diff = R - L
    agree = math.inf if diff == 0 else float(-mp.log10(abs(diff) / scale))
    if relation == "=":
        if agree >= dps and trust >= dps:
            return "agree", min(agree, trust), ""
        if agree < trust - 3 and agree < dps - 3:
            return "disagree", agree, "the two sides differ"
        return "inconclusive", min(agree, trust), f"agreement to {agree:.0f} digits only, values trusted to {trust:.0f}"
    gap = diff if relation in ("<=", "<") else -diff
    tol = scale * mp.mpf(10) ** (-min(trust, dps))
    if gap > tol:
        return "agree", trust, ""
    if gap >= -tol:
        if relation in ("<=", ">="):
            return "agree", trust, ""
        return "inconclusive", trust, "the two sides are equal to working precision; strictness not shown"
    if abs(gap) > scale * mp.mpf(10) ** (-(trust - 3)):
        return "disagree", agree, "the inequality fails"
    return "inconclusive", trust, "the inequality is within the numerical error"


def _slip(pairs: list[tuple[mp.mpf, mp.mpf]]) -> str | None:
    """Name the slip when the sides differ by sign, an additive constant or a constant factor.

    A constant difference or ratio is only claimed when it holds on two or
    more instances.
    """
    if not pairs:
        return None
    tiny = mp.mpf(10) ** -12

    def close(a: mp.mpf, b: mp.mpf) -> bool:
        return abs(a - b) <= tiny * max(mp.mpf(1), abs(a), abs(b))

    if all(close(r, -l) for l, r in pairs) and any(abs(l) > tiny for l, _ in pairs):
        return "holds with the opposite sign"
    if len(pairs) < 2:
        return None
    diffs = [r - l for l, r in pairs]
    if all(close(d, diffs[0]) for d in diffs):
        d = diffs[0]
        for k in range(1, 9):
            for sign in (1, -1):
                if close(d, sign * k * mp.log(2)):
                    what = {1: "log 2", 2: "log 4", 3: "log 8"}.get(k, f"{k} log 2")
                    return f"off by {what}: the right side is the left {'+' if sign > 0 else '-'} {what}"
        frac = Fraction(float(d)).limit_denominator(12)
        if close(mp.mpf(frac.numerator) / frac.denominator, d):
            return f"off by an additive constant: the right side is the left {'+' if frac > 0 else '-'} {abs(frac)}"
        return f"off by an additive constant: the right side is the left + ({_fmt(d)})"
    if all(abs(l) > mp.mpf(10) ** -8 and abs(r) > mp.mpf(10) ** -8 for l, r in pairs):
        ratios = [r / l for l, r in pairs]
        if all(close(q, ratios[0]) for q in ratios):
            frac = Fraction(float(ratios[0])).limit_denominator(12)
            if close(mp.mpf(frac.numerator) / frac.denominator, ratios[0]) and frac != 1:
                return f"off by a factor of {frac}: the right side is {frac} times the left"
            return f"off by a constant factor: the right side is {_fmt(ratios[0])} times the left"
    return None


StepSides = tuple[sp.Expr, sp.Expr, str]
"""(lhs, rhs, relation) of one step."""


class NumericChecker:
    """Evaluates steps on instances; one per derivation so that row values are shared.

    A step's sides are compared at two working precisions, ``dps + LOW_EXTRA``
    and ``dps + HIGH_EXTRA`` digits, on every instance.  :meth:`check_chain`
    first screens the steps that have no symbolic certificate at a low target
    precision (``SCREEN_DPS``): a step the screen refutes is re-checked at
    ``dps + HIGH_EXTRA`` digits on the refuting instance and needs no other
    high-precision work.  Every other step gets the full comparison.
    """

    def __init__(self, dps: int, instances: int, jobs: int = 1) -> None:
        self.dps = dps
        self.count = instances
        self.jobs = jobs
        self.evaluators: dict[Context, Evaluator] = {}

    def evaluator(self, ctx: Context) -> Evaluator:
        if ctx not in self.evaluators:
            self.evaluators[ctx] = Evaluator(ctx, self.jobs)
        return self.evaluators[ctx]

    def instances(self, ctx: Context, rows: Sequence[sp.Expr], count: int | None = None) -> tuple[Instance, ...]:
        """Instances for a chain: one value per free symbol of any of its rows."""
        labels = {s.label for s in ctx.samples if s.label}
        free = frozenset(s for r in rows for s in r.free_symbols
                         if isinstance(s, sp.Symbol) and s.name not in labels)
        return instances_for(ctx, free, self.count if count is None else count)

    def prefetch(self, ctx: Context, rows: Sequence[sp.Expr], insts: Sequence[Instance]) -> None:
        """Evaluate every row of a chain on every instance at the full precisions, in parallel."""
        self.evaluator(ctx).prefetch([(r, i) for r in rows for i in insts], self.dps)

    def check_chain(self, ctx: Context, steps: Sequence[StepSides], insts: Sequence[Instance],
                    certified: Sequence[bool]) -> list[NumericOutcome]:
        """The numeric outcome of every step of a chain, with the screen for uncertified steps."""
        ev = self.evaluator(ctx)
        screen = (SCREEN_DPS + LOW_EXTRA, SCREEN_DPS + HIGH_EXTRA)
        outcomes: dict[int, NumericOutcome] = {}
        suspects = [k for k, done in enumerate(certified) if not done]
        if suspects and SCREEN_DPS < self.dps:
            ev.compute([(side, i) for k in suspects for side in steps[k][:2] for i in insts], screen)
            for k in suspects:
                refuted = self._screen(ev, steps[k], insts, screen)
                if refuted is not None:
                    outcomes[k] = refuted
        full = [side for k, step in enumerate(steps) if k not in outcomes for side in step[:2]]
        self.prefetch(ctx, list(dict.fromkeys(full)), insts)
        return [outcomes[k] if k in outcomes else self.check(*step, ctx, insts) for k, step in enumerate(steps)]

    def _screen(self, ev: Evaluator, step: StepSides, insts: Sequence[Instance],
                screen: tuple[int, int]) -> NumericOutcome | None:
        """A refutation found at the screen's precision and confirmed at the full one, or None."""
        lhs, rhs, relation = step
        pairs: list[tuple[mp.mpf, mp.mpf]] = []
        first: Instance | None = None
        for inst in insts:
            lv, rv = ev.evaluation(lhs, inst, *screen), ev.evaluation(rhs, inst, *screen)
            status, _, _ = _compare(lv, rv, relation, SCREEN_DPS)
            if lv.ok and rv.ok:
                pairs.append((lv.value, rv.value))
            if status == "disagree" and first is None:
                first = inst
        if first is None:
            return None
        full = self.dps + HIGH_EXTRA
        lv2, rv2 = ev.evaluation(lhs, first, screen[1], full), ev.evaluation(rhs, first, screen[1], full)
        status, _, reason = _compare(lv2, rv2, relation, SCREEN_DPS)
        if status != "disagree":
            return None  # the full comparison decides
        return self._refutation(first, lv2, rv2, reason, pairs, relation, names_used(lhs, rhs, ev.ctx))

    @staticmethod
    def _refutation(inst: Instance, lv: Evaluation, rv: Evaluation, reason: str,
                    pairs: list[tuple[mp.mpf, mp.mpf]], relation: str,
                    names: frozenset[str] | None = None) -> NumericOutcome:
        cex = Counterexample(
            instance=inst.describe(names),
            lhs=_fmt(lv.value) if lv.value is not None else "not finite",
            rhs=_fmt(rv.value) if rv.value is not None else "not finite",
            slip=_slip(pairs) if relation == "=" else None,
        )
        return NumericOutcome("disagree", None, f"{reason} on {inst.label}", cex)

    def check(self, lhs: sp.Expr, rhs: sp.Expr, relation: str, ctx: Context,
              insts: Sequence[Instance]) -> NumericOutcome:
        """Compare the two sides at the full precisions on every instance; re-check a disagreement.

        An instance on which both sides diverge says nothing: it is replaced by a further instance
        (up to the pool's size), and the step is only agreed on finite values.
        """
        ev = self.evaluator(ctx)
        digits: list[float] = []
        reasons: list[str] = []
        refuting: tuple[Instance, Evaluation, Evaluation, str] | None = None
        pairs: list[tuple[mp.mpf, mp.mpf]] = []
        queue = list(insts)
        spare: list[Instance] | None = None
        while queue:
            inst = queue.pop(0)
            lv, rv = ev.evaluate(lhs, inst, self.dps), ev.evaluate(rhs, inst, self.dps)
            if lv.infinite and rv.infinite:
                reasons.append(f"{inst.label}: both sides diverge")
                if spare is None:
                    spare = list(self.instances(ctx, [lhs, rhs], MAX_INSTANCES)[len(insts):])
                if spare:
                    queue.append(spare.pop(0))
                continue
            status, d, reason = _compare(lv, rv, relation, self.dps)
            if status == "disagree" and refuting is None:
                # re-checked at a higher precision before anything is refuted
                high, recheck = self.dps + HIGH_EXTRA, self.dps + HIGH_EXTRA + RECHECK_EXTRA_DIGITS
                lv2, rv2 = ev.evaluation(lhs, inst, high, recheck), ev.evaluation(rhs, inst, high, recheck)
                status2, _, reason2 = _compare(lv2, rv2, relation, self.dps)
                if status2 == "disagree":
                    refuting = (inst, lv2, rv2, reason2)
                else:
                    status, reason = "inconclusive", f"a difference at {self.dps} digits vanished at {recheck}"
            if lv.ok and rv.ok:
                pairs.append((lv.value, rv.value))
            if status == "agree":
                digits.append(d)
            elif status == "inconclusive":
                reasons.append(f"{inst.label}: {reason}")
        if refuting is not None:
            inst, lv2, rv2, reason = refuting
            return self._refutation(inst, lv2, rv2, reason, pairs, relation, names_used(lhs, rhs, ctx))
        diverged = [r for r in reasons if r.endswith("both sides diverge")]
        if len(diverged) < len(reasons) or len(digits) < min(2, len(insts)):
            return NumericOutcome("inconclusive", None, "; ".join(reasons) or "too few instances evaluated")
        best = min(digits)
        also = f" ({len(diverged)} where both sides diverge set aside)" if diverged else ""
        return NumericOutcome("agree", int(min(best, self.dps + 15)),
                              f"agree on {len(digits)} instance{'s' if len(digits) != 1 else ''}{also}")

