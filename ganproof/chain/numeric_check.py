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

from ganproof.chain.verdict import Counterexample
from ganproof.numeric.evaluate import Evaluation, Evaluator
from ganproof.numeric.instances import Instance, instances_for
from ganproof.vocabulary.context import Context

RECHECK_EXTRA_DIGITS = 25


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


class NumericChecker:
    """Evaluates steps on instances; one per derivation so that row values are shared."""

    def __init__(self, dps: int, instances: int, jobs: int = 1) -> None:
        self.dps = dps
        self.count = instances
        self.jobs = jobs
        self.evaluators: dict[Context, Evaluator] = {}

    def evaluator(self, ctx: Context) -> Evaluator:
        if ctx not in self.evaluators:
            self.evaluators[ctx] = Evaluator(ctx, self.jobs)
        return self.evaluators[ctx]

    def instances(self, ctx: Context, rows: Sequence[sp.Expr]) -> tuple[Instance, ...]:
        """Instances for a chain: one value per free symbol of any of its rows."""
        labels = {s.label for s in ctx.samples if s.label}
        free = frozenset(s for r in rows for s in r.free_symbols
                         if isinstance(s, sp.Symbol) and s.name not in labels)
        return instances_for(ctx, free, self.count)

    def prefetch(self, ctx: Context, rows: Sequence[sp.Expr], insts: Sequence[Instance]) -> None:
        """Evaluate every row of a chain on every instance, in parallel where allowed."""
        self.evaluator(ctx).prefetch([(r, i) for r in rows for i in insts], self.dps)

    def check(self, lhs: sp.Expr, rhs: sp.Expr, relation: str, ctx: Context,
              insts: Sequence[Instance]) -> NumericOutcome:
        ev = self.evaluator(ctx)
        digits: list[float] = []
        reasons: list[str] = []
        refuting: tuple[Instance, Evaluation, Evaluation, str] | None = None
        pairs: list[tuple[mp.mpf, mp.mpf]] = []
        for inst in insts:
            lv, rv = ev.evaluate(lhs, inst, self.dps), ev.evaluate(rhs, inst, self.dps)
            status, d, reason = _compare(lv, rv, relation, self.dps)
            if status == "disagree" and refuting is None:
                # re-check at a higher precision before anything is refuted
                hi = self.dps + RECHECK_EXTRA_DIGITS
                lv2, rv2 = ev.evaluate(lhs, inst, hi), ev.evaluate(rhs, inst, hi)
                status2, _, reason2 = _compare(lv2, rv2, relation, self.dps)
                if status2 == "disagree":
                    if refuting is None:
                        refuting = (inst, lv2, rv2, reason2)
                else:
                    status, reason = "inconclusive", f"a difference at {self.dps} digits vanished at {hi}"
            if lv.ok and rv.ok:
                pairs.append((lv.value, rv.value))
            if status == "agree":
                digits.append(d)
            elif status == "inconclusive":
                reasons.append(f"{inst.label}: {reason}")
        if refuting is not None:
            inst, lv2, rv2, reason = refuting
            cex = Counterexample(
                instance=inst.describe(),
                lhs=_fmt(lv2.value) if lv2.value is not None else "not finite",
                rhs=_fmt(rv2.value) if rv2.value is not None else "not finite",
                slip=_slip(pairs) if relation == "=" else None,
            )
            return NumericOutcome("disagree", None, f"{reason} on {inst.label}", cex)
        if reasons or len(digits) < min(2, len(insts)):
            return NumericOutcome("inconclusive", None, "; ".join(reasons) or "too few instances evaluated")
        best = min(digits)
        return NumericOutcome("agree", int(min(best, self.dps + 15)), f"agree on {len(digits)} instances")
