"""The numeric side of a step: evaluate both sides on several instances and judge their difference.

The agreement rule.  Two sides agree on an instance when their difference
L - R is zero to within its error bound, and that error bound is itself small
against the magnitudes that make the expression up: ``|L - R| <= tol`` and
``E <= tol`` with ``tol = 10^-dps * S``, where E is an absolute bound on the
difference's error (the gap between two working precisions, the quadrature
error estimates and the balls' rigorous radii) and S the magnitude of the
parts (|L|, |R| and the integral of |f| of every integral in either side).
They differ when ``|L - R| > 1000 E``: the difference is clearly above its
error bound, whatever the sizes of L and R (two tiny values, or two huge
ones, never agree because they are tiny or huge); a difference is re-checked
at a higher precision before it refutes anything.  For the cross-check of a
step with a certificate the scale is at least 1 (the certificate is the
proof; an exact zero whose integrand is rounding noise is no contradiction);
a step without one gets no such floor.  In between the instance
cannot tell: the working precision is raised (within the step's time
budget) and, still undecided, the step is unknown with the reason.  Where the
rules allow it the difference is also evaluated as one expression: for a step
without a certificate, ``lhs - rhs`` is prepared as one row, integrals over
the same or nested intervals merged (``int f - int_{-30}^{30} f`` is the
integral of f over the tails), and judged by the same rule (only when each
side has a finite value of its own).  The working precision grows with the
magnitudes written in the step (a literal 10^-40, e^100, a 30-digit decimal:
their decimal exponents are added to the digits), so that what the input
states is resolved; beyond :data:`MAX_BOOST` extra digits a step can be
refuted but never agreed.  A step with no certificate needs more instances
than the cross-check of a proved one (:func:`instance_count`), and the whole
numeric work of a step runs under one time budget
(:data:`ganproof.numeric.limits.STEP_SECONDS`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

import mpmath as mp
import sympy as sp
from sympy.core.function import AppliedUndef

from ganproof.chain.verdict import Counterexample
from ganproof.numeric import limits
from ganproof.numeric.evaluate import HIGH_EXTRA, LOW_EXTRA, Evaluation, Evaluator, prepare
from ganproof.numeric.instances import Instance, instance_at, instances_for, seed
from ganproof.precision import MAX_DPS
from ganproof.vocabulary.context import Context
from ganproof.vocabulary.names import Density, LabelledMixture
from ganproof.vocabulary.operators import SampleMean

RECHECK_EXTRA_DIGITS = 10
"""A disagreement at the full precisions is re-checked at dps + HIGH_EXTRA + this many digits."""
SCREEN_DPS = 12
"""Target digits of the screen that steps without a certificate get before any high-precision work."""
DIFFER_FACTOR = 1000
"""A difference counts as non-zero when it is above this many times its error bound."""
RAISE_DIGITS = 20
"""Working digits added when an instance cannot tell (its error bound is not small enough)."""
RAISES_CERTIFIED, RAISES_UNCERTIFIED = 1, 2
"""How many times the precision is raised on an undecided instance, for a step with and without a certificate."""
NO_VALUE_MARKS = ("does not fall off", "not finite", "no real value")
"""Words of the evaluation failures that say a side has no value on an instance (an integral that does
not converge absolutely, an infinite or a complex value): a certified equation with such an instance is
unknown (both sides of int x/(1 + x^2) dx + 1 = 1 + int x/(1 + x^2) dx have none).  A quadrature whose
two precisions do not agree on one digit ("did not converge") or a row that could not be computed is
not among them: that is the evaluation failing on a hard instance, not evidence that the value does not
exist (E_z[log(1 - D(g(z)))] = int p_z(z) log(1 - D(g(z))) dz is a definition, proved, although on one
instance the quadrature of its sides gives values near -10^(10^45) that the two precisions do not share)."""
MAX_BOOST = 120
"""Extra digits the magnitudes written in a step may ask for; a step that needs more is never agreed."""
SIGNIFICANT = 6
"""Decimal exponents up to this size (0.7, 1/2, 1000) ask for no extra digits."""
UNCERTIFIED_MIN_INSTANCES = 6
"""Instances at least for a step with no certificate (see :func:`instance_count`)."""
SIMPLE_TRIES = 4
"""Simple instances tried on a refuted step (see :meth:`NumericChecker.simplest`)."""
SIMPLE_SECONDS = 30.0
"""Time for the search of a simple counterexample of one step (cut to the budget in force)."""


def instance_count(instances: int, certified: bool) -> int:
    """Instances a step is compared on: the check's count for a cross-check, more without a certificate.

    A step that can only be ``confirmed`` rests on the numbers alone, so it
    needs more, and more varied, instances: max(6, 2 * instances).
    """
    return instances if certified else max(UNCERTIFIED_MIN_INSTANCES, 2 * instances)


def written_digits(*exprs: sp.Basic) -> int:
    """The decimal exponents of the magnitudes written in ``exprs``: the digits their difference may need.

    Every number with more than :data:`SIGNIFICANT` digits counts the digits it
    has (10^100 and 10^-40 count 100 and 40, a 30-digit decimal 29), and every
    exp of a number its decimal exponent (e^100 counts 43).  Summed, since a
    tiny term next to a huge one needs both.
    """
    total = 0.0
    seen: set[sp.Basic] = set()
    for e in exprs:
        for node in sp.preorder_traversal(e):
            if node in seen:
                continue
            seen.add(node)
            size = 0.0
            if isinstance(node, sp.Rational) and node != 0:
                size = max(_log10(abs(int(node.p))), _log10(int(node.q)))
            elif isinstance(node, sp.Float) and node != 0:
                size = abs(float(mp.log10(abs(mp.mpf(node)))))
                if node._prec > 53:  # a decimal written with more digits than a double holds
                    size += node._prec * math.log10(2)
            elif isinstance(node, sp.exp) and node.args[0].is_number \
                    and not node.args[0].has(sp.Integral, sp.Sum, AppliedUndef):
                # a number written in the exponent (e^{100}); an integral there (e^{\int q \log p}) is no
                # written magnitude: its value is what the numbers compute
                try:
                    size = abs(float(node.args[0])) / math.log(10)
                except (TypeError, ValueError, OverflowError):
                    size = float(MAX_BOOST + 1)
            if size > SIGNIFICANT:
                total += size
    return int(math.ceil(total))


def _log10(n: int) -> float:
    return (n.bit_length() - 1) * math.log10(2) if n > 0 else 0.0


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
    no_value: str = ""
    """An instance on which a side has no value (its integral does not converge, is not finite, or has no
    real value), when one was met: then a certified equation is not shown for every object."""


def _fmt(v: mp.mpf) -> str:
    return mp.nstr(v, 15, min_fixed=-4, max_fixed=6)


@dataclass(frozen=True)
class Comparison:
    """How two sides compare on one instance.

    ``status`` is 'agree', 'disagree' or 'inconclusive'; ``undecided`` marks an
    inconclusive comparison whose values were fine but whose error bound was
    too large to tell (more working precision may decide it).
    """

    status: str
    digits: float
    reason: str
    undecided: bool = False


def _difference(lv: Evaluation, rv: Evaluation, dv: Evaluation | None) -> list[tuple[mp.mpf, mp.mpf]]:
    """(R - L, its error bound): from the two sides, and from the difference row when it has a value."""
    assert lv.value is not None and rv.value is not None
    out = [(rv.value - lv.value, lv.bound + rv.bound)]
    if dv is not None and dv.ok:
        assert dv.value is not None
        out.append((-dv.value, dv.bound))
    return out


def compare(lv: Evaluation, rv: Evaluation, relation: str, dps: int, dv: Evaluation | None = None,
            floor: mp.mpf = mp.mpf(0)) -> Comparison:
    """The agreement rule (see the module): judge R - L against its error bound and the parts' magnitude.

    ``dv`` is the difference lhs - rhs evaluated as one expression, when it was.
    ``floor`` is a least scale: 1 for the cross-check of a step with a
    certificate (the certificate proves it; the numbers need only not contradict
    it, and an exact zero computed as rounding noise of its integrand is no
    contradiction), 0 for a step the numbers alone must confirm.
    """
    if not lv.ok or not rv.ok:
        if lv.infinite != rv.infinite and (lv.ok or rv.ok):
            side = "left" if lv.infinite else "right"
            if relation != "=":
                # +inf >= 0 holds in the extended reals (KL(p || q) >= 0 where q vanishes on part of p's
                # support), -inf >= 0 does not, and an infinite quadrature carries no sign it can be trusted
                # with: no evidence either way
                return Comparison("inconclusive", 0.0, f"the {side} side is not finite and the other is finite; "
                                  "an infinite value (its sign not known) is no evidence about an inequality")
            return Comparison("disagree", 0.0, f"the {side} side is infinite and the other is finite")
        return Comparison("inconclusive", 0.0, lv.reason or rv.reason or "evaluation failed")
    scale = max(floor, lv.magnitude, rv.magnitude, dv.magnitude if dv is not None and dv.ok else mp.mpf(0))
    tol = mp.mpf(10) ** (-dps) * scale
    diffs = _difference(lv, rv, dv)
    if relation != "=":
        diffs = [(d if relation in ("<=", "<") else -d, e) for d, e in diffs]
    # digits of agreement (an equation), or digits the values are trusted to (an inequality)
    digits = min(_digits_of(d if relation == "=" else mp.mpf(0), e, scale) for d, e in diffs)
    hidden = _hidden_term(lv, rv, dv, dps) if floor == 0 else None
    if relation == "=":
        if any(abs(d) > DIFFER_FACTOR * e for d, e in diffs):
            return Comparison("disagree", digits, "the two sides differ")
        if any(abs(d) <= tol and e <= tol for d, e in diffs):
            if hidden is not None:
                return Comparison("inconclusive", digits, hidden)
            return Comparison("agree", digits, "")
        d, e = diffs[-1]
        return Comparison("inconclusive", digits, _undecided(d, e, scale, dps), undecided=True)
    if any(g < -DIFFER_FACTOR * e for g, e in diffs):
        return Comparison("disagree", digits, "the inequality fails")
    if any(g > DIFFER_FACTOR * e and g > tol for g, e in diffs):
        return Comparison("agree", digits, "")
    if any(abs(g) <= tol and e <= tol for g, e in diffs):
        if hidden is not None:
            return Comparison("inconclusive", digits, hidden)
        if relation in ("<=", ">="):
            return Comparison("agree", digits, "")
        return Comparison("inconclusive", digits, "the two sides are equal to working precision; strictness not shown")
    g, e = diffs[-1]
    return Comparison("inconclusive", digits, "the inequality is within the numerical error: "
                      + _undecided(g, e, scale, dps), undecided=True)


def _hidden_term(lv: Evaluation, rv: Evaluation, dv: Evaluation | None, dps: int) -> str | None:
    """Why agreement within 10^-dps proves nothing when a nonzero term of a sum is below that tolerance
    against its sum (log(1 + t) = 0 for t = D(10^4)(1 - D(10^4)), about e^-2000): the sum keeps the term
    only below the digits compared, or rounds it away.  None when no such term was met."""
    ratios = [v.lost for v in (lv, rv, dv) if v is not None and v.ok and v.lost is not None]
    if not ratios or min(ratios) > mp.mpf(10) ** (1 - dps):
        return None
    worst = min(ratios)
    need = int(mp.ceil(-mp.log10(worst))) + 2
    hint = (f"comparing to --dps {need} digits would see it" if need <= MAX_DPS else
            f"seeing it takes about {need} digits, beyond the --dps limit of {MAX_DPS}")
    return (f"a nonzero term about {mp.nstr(worst, 3)} times the size of the sum it is added to (below the "
            f"tolerance 10^-{dps}) is rounded away or kept only below the digits compared, so agreement to "
            f"{dps} digits is no evidence about it; {hint}")


def _digits_of(d: mp.mpf, e: mp.mpf, scale: mp.mpf) -> float:
    """Decimal digits of agreement: how far below the scale the difference and its error bound are."""
    worst = max(abs(d), e)
    if worst == 0:
        return math.inf
    if scale == 0:
        return 0.0
    return max(0.0, float(-mp.log10(worst / scale)))


def _undecided(d: mp.mpf, e: mp.mpf, scale: mp.mpf, dps: int) -> str:
    return (f"cannot tell: the difference {mp.nstr(d, 3)} is within {DIFFER_FACTOR} times its error bound "
            f"{mp.nstr(e, 3)}, which is not below 10^-{dps} times the size of the parts ({mp.nstr(scale, 3)})")


def _compare(lv: Evaluation, rv: Evaluation, relation: str, dps: int,
             dv: Evaluation | None = None) -> tuple[str, float, str]:
    """:func:`compare` as (status, digits, reason)."""
    c = compare(lv, rv, relation, dps, dv)
    return c.status, c.digits, c.reason


SLIP_TINY = mp.mpf(10) ** -12
SLIP_LIMIT = mp.mpf(10) ** 12
"""Values beyond this size are not named as a rational slip (no float or Fraction of them is taken)."""


SLIP_CODES: dict[str, str] = {
    "opposite-sign": "the right side is minus the left",
    "additive-log-2": "the sides differ by a multiple of log 2 (log 2, log 4, ...)",
    "additive-constant": "the sides differ by another constant",
    "constant-factor": "the right side is a constant times the left",
}
"""The slips a counterexample can name, by code (``counterexample.slip.code`` in the JSON)."""

Slip = tuple[str, str]
"""A slip's code (a key of :data:`SLIP_CODES`) and its text."""


def _slip(pairs: list[tuple[mp.mpf, mp.mpf]]) -> Slip | None:
    """Name the slip when the sides differ by sign, an additive constant or a constant factor.

    A constant difference or ratio is only claimed when it holds on two or
    more instances.  Never raises: a value that is huge, infinite or not a
    number names no slip.
    """
    try:
        # the differences at the values' own precision (as evaluated), not at mpmath's ambient one
        bits = max([53, *(v._mpf_[3] for pair in pairs for v in pair if isinstance(v, mp.mpf))])
        with mp.workprec(min(bits + 16, 4096)):
            return _find_slip([(mp.mpf(l), mp.mpf(r)) for l, r in pairs])
    except (OverflowError, ValueError, ZeroDivisionError, TypeError, ArithmeticError):
        return None


def _rational(v: mp.mpf) -> Fraction | None:
    """A small fraction close to ``v``, when ``v`` is a finite number of moderate size."""
    if not mp.isfinite(v) or abs(v) > SLIP_LIMIT:
        return None
    return Fraction(float(v)).limit_denominator(12)


def _find_slip(pairs: list[tuple[mp.mpf, mp.mpf]]) -> Slip | None:
    if not pairs or not all(mp.isfinite(l) and mp.isfinite(r) for l, r in pairs):
        return None
    tiny = SLIP_TINY

    def close(a: mp.mpf, b: mp.mpf) -> bool:
        return abs(a - b) <= tiny * max(mp.mpf(1), abs(a), abs(b))

    if all(close(r, -l) for l, r in pairs) and any(abs(l) > tiny for l, _ in pairs):
        return "opposite-sign", "holds with the opposite sign"
    if len(pairs) < 2:
        return None
    diffs = [r - l for l, r in pairs]
    if all(close(d, diffs[0]) for d in diffs):
        d = diffs[0]
        for k in range(1, 9):
            for sign in (1, -1):
                if close(d, sign * k * mp.log(2)):
                    what = {1: "log 2", 2: "log 4", 3: "log 8"}.get(k, f"{k} log 2")
                    return "additive-log-2", f"off by {what}: the right side is the left {'+' if sign > 0 else '-'} {what}"
        frac = _rational(d)
        if frac is not None and frac != 0 and close(mp.mpf(frac.numerator) / frac.denominator, d):
            return ("additive-constant",
                    f"off by an additive constant: the right side is the left {'+' if frac > 0 else '-'} {abs(frac)}")
        return "additive-constant", f"off by an additive constant: the right side is the left + ({_fmt(d)})"
    if all(abs(l) > mp.mpf(10) ** -8 and abs(r) > mp.mpf(10) ** -8 for l, r in pairs):
        ratios = [r / l for l, r in pairs]
        if all(close(q, ratios[0]) for q in ratios):
            frac = _rational(ratios[0])
            if frac is not None and close(mp.mpf(frac.numerator) / frac.denominator, ratios[0]) and frac != 1:
                return "constant-factor", f"off by a factor of {frac}: the right side is {frac} times the left"
            return "constant-factor", f"off by a constant factor: the right side is {_fmt(ratios[0])} times the left"
    return None


StepSides = tuple[sp.Expr, sp.Expr, str]
"""(lhs, rhs, relation) of one step."""


@dataclass(frozen=True)
class _Plan:
    """How one step is evaluated: its rows, working digits, and whether it may agree at all."""

    lhs: sp.Expr
    rhs: sp.Expr
    relation: str
    diff: sp.Expr | None
    """lhs - rhs as one row (a step without a certificate), or None."""
    dps: int
    """Target digits plus the digits the written magnitudes ask for (see :func:`written_digits`)."""
    boost_over: int
    """Digits asked for beyond MAX_BOOST (0: none): the step is never agreed."""
    raises: int

    def rows(self) -> list[sp.Expr]:
        return [self.lhs, self.rhs] + ([self.diff] if self.diff is not None else [])

    def working(self, extra: int = 0) -> tuple[int, int]:
        return self.dps + extra + LOW_EXTRA, self.dps + extra + HIGH_EXTRA


def _prepared_or_raw(e: sp.Expr, ctx: Context) -> sp.Basic:
    try:
        return prepare(e, ctx)
    except Exception:  # noqa: BLE001 - a row that cannot be prepared fails in its evaluation, with the reason
        return e


class NumericChecker:
    """Evaluates steps on instances; one per derivation so that row values are shared.

    A step's sides are compared at two working precisions, ``dps + LOW_EXTRA``
    and ``dps + HIGH_EXTRA`` digits (raised by the magnitudes written in the
    step), on every instance, by :func:`compare`.  :meth:`check_chain` first
    screens the steps that have no symbolic certificate at a low target
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
        """Instances for a chain: one value per free symbol of any of its rows (fewer when the pool has fewer)."""
        labels = {s.label for s in ctx.samples if s.label}
        free = frozenset(s for r in rows for s in r.free_symbols
                         if isinstance(s, sp.Symbol) and s.name not in labels)
        return tuple(instances_for(ctx, free, self.count if count is None else count))

    def _more(self, ctx: Context, lhs: sp.Expr, rhs: sp.Expr, insts: Sequence[Instance],
              want: int) -> list[Instance]:
        """``insts`` and further instances up to ``want`` in all (as many as the pool gives)."""
        out = list(insts)
        if len(out) >= want:
            return out
        seen = {i.label for i in out}
        for inst in self.instances(ctx, [lhs, rhs], want):
            if len(out) >= want:
                break
            if inst.label not in seen:
                out.append(inst)
                seen.add(inst.label)
        return out

    def prefetch(self, ctx: Context, rows: Sequence[sp.Expr], insts: Sequence[Instance]) -> None:
        """Evaluate every row of a chain on every instance at the full precisions, in parallel."""
        with limits.budget(limits.STEP_SECONDS * max(1, len(rows) - 1)):
            self.evaluator(ctx).prefetch([(r, i) for r in rows for i in insts], self.dps)

    def plan(self, lhs: sp.Expr, rhs: sp.Expr, relation: str, ctx: Context, certified: bool) -> _Plan:
        """The rows and the working digits of one step (see :func:`written_digits`)."""
        need = written_digits(_prepared_or_raw(lhs, ctx), _prepared_or_raw(rhs, ctx))
        diff = None
        if not certified and relation == "=":
            diff = sp.Add(lhs, -rhs)
        return _Plan(lhs, rhs, relation, diff, self.dps + min(need, MAX_BOOST), max(0, need - MAX_BOOST),
                     RAISES_CERTIFIED if certified else RAISES_UNCERTIFIED)

    def check_chain(self, ctx: Context, steps: Sequence[StepSides], insts: Sequence[Instance],
                    certified: Sequence[bool]) -> list[NumericOutcome]:
        """The numeric outcome of every step of a chain, with the screen for uncertified steps."""
        ev = self.evaluator(ctx)
        screen = (SCREEN_DPS + LOW_EXTRA, SCREEN_DPS + HIGH_EXTRA)
        outcomes: dict[int, NumericOutcome] = {}
        suspects = [k for k, done in enumerate(certified) if not done]
        if suspects and SCREEN_DPS < self.dps:
            with limits.budget(limits.STEP_SECONDS * len(suspects)):
                ev.compute([(side, i) for k in suspects for side in steps[k][:2] for i in insts], screen)
            for k in suspects:
                with limits.budget(limits.STEP_SECONDS):
                    refuted = self._screen(ev, steps[k], insts, screen)
                if refuted is not None:
                    outcomes[k] = refuted
        full = [side for k, step in enumerate(steps) if k not in outcomes for side in step[:2]]
        self.prefetch(ctx, list(dict.fromkeys(full)), insts)
        return [outcomes[k] if k in outcomes else self.check(*step, ctx, insts, certified=certified[k])
                for k, step in enumerate(steps)]

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
        return self._refutation(first, lv2, rv2, reason, pairs, relation, (lhs, rhs, ev.ctx),
                                names_used(lhs, rhs, ev.ctx))

    @staticmethod
    def _refutation(inst: Instance, lv: Evaluation, rv: Evaluation, reason: str,
                    pairs: list[tuple[mp.mpf, mp.mpf]], relation: str, sides: tuple[sp.Expr, sp.Expr, Context],
                    names: frozenset[str] | None = None) -> NumericOutcome:
        """The outcome of a refuted step on ``inst``, with its counterexample (and, where the sides' difference
        is one integral, the curve of its integrand: :mod:`ganproof.numeric.pointwise`)."""
        slip = _slip(pairs) if relation == "=" else None
        cex = Counterexample(
            instance=inst.describe(names),
            lhs=_fmt(lv.value) if lv.value is not None else "not finite",
            rhs=_fmt(rv.value) if rv.value is not None else "not finite",
            slip=slip[1] if slip else None,
            slip_code=slip[0] if slip else None,
            objects=inst.data(names),
            label=inst.label,
            sides=(*sides, inst),
        )
        return NumericOutcome("disagree", None, f"{reason} on {inst.label}", cex)

    def simplest(self, cex: Counterexample, relation: str) -> tuple[Counterexample, str] | None:
        """A counterexample a person can follow for a step refuted on ``cex``: (the counterexample on the
        first of :data:`SIMPLE_TRIES` simple instances that refutes the step too, its reason such as
        ``the two sides differ on simple instance 1``), or None when none does (keep ``cex``).

        A simple instance draws every name from the simplest family of its role with one-place
        parameters (:class:`~ganproof.numeric.families.SimpleDrawer`).  It refutes under the rule of
        the original refutation, never a looser one: both sides finite and converged, the
        difference beyond :data:`DIFFER_FACTOR` times its error bound at the full precisions (raised
        while undecided) and again at :data:`RECHECK_EXTRA_DIGITS` more digits; a value that is
        infinite, not a number or not converged makes that instance no counterexample.  The slip named
        (sign, factor, constant) is the one found on the drawn instances.  Only a step already refuted
        is asked about: this never changes a verdict.
        """
        if cex.sides is None:
            return None
        lhs, rhs, ctx, _ = cex.sides
        ev = self.evaluator(ctx)
        labels = {s.label for s in ctx.samples if s.label}
        free = frozenset(s for r in (lhs, rhs) for s in r.free_symbols
                         if isinstance(s, sp.Symbol) and s.name not in labels)
        with limits.budget(SIMPLE_SECONDS):
            try:
                insts = [instance_at(ctx, free, k, seed(), True) for k in range(SIMPLE_TRIES)]
            except (ValueError, NotImplementedError):
                return None  # a name with no simple family: the drawn counterexample stays
            plan = self.plan(lhs, rhs, relation, ctx, certified=False)
            screen = (min(SCREEN_DPS, self.dps) + LOW_EXTRA, min(SCREEN_DPS, self.dps) + HIGH_EXTRA)
            ev.compute([(side, i) for side in (lhs, rhs) for i in insts], screen)
            for inst in insts:
                if limits.remaining() <= 0:
                    return None
                lv, rv = ev.evaluation(lhs, inst, *screen), ev.evaluation(rhs, inst, *screen)
                if not (lv.ok and rv.ok) or compare(lv, rv, relation, min(SCREEN_DPS, self.dps)).status != "disagree":
                    continue
                found = self._refutes(ev, plan, inst)
                if found is not None:
                    lv2, rv2, reason = found
                    names = names_used(lhs, rhs, ctx)
                    return replace(cex, instance=inst.describe(names), lhs=_fmt(lv2.value), rhs=_fmt(rv2.value),
                                   objects=inst.data(names), label=inst.label,
                                   sides=(lhs, rhs, ctx, inst)), f"{reason} on {inst.label}"
        return None

    def _refutes(self, ev: Evaluator, plan: _Plan, inst: Instance) -> tuple[Evaluation, Evaluation, str] | None:
        """(both sides, the reason) when ``inst`` refutes the step of ``plan`` under :func:`compare` at the
        full precisions and at the re-check's, with every value finite and converged; else None."""
        extra = 0
        lv, rv, dv = self._evaluations(ev, plan, inst)
        c = compare(lv, rv, plan.relation, self.dps, dv)
        for _ in range(plan.raises):
            if not c.undecided or limits.remaining() <= 0:
                break
            extra += RAISE_DIGITS
            lv, rv, dv = self._evaluations(ev, plan, inst, extra)
            c = compare(lv, rv, plan.relation, self.dps, dv)
        if c.status != "disagree" or not (lv.ok and rv.ok):
            return None
        high = plan.dps + extra + HIGH_EXTRA
        recheck = high + RECHECK_EXTRA_DIGITS
        lv2, rv2 = ev.evaluation(plan.lhs, inst, high, recheck), ev.evaluation(plan.rhs, inst, high, recheck)
        if not (lv2.ok and rv2.ok):
            return None
        dv2 = ev.evaluation(plan.diff, inst, high, recheck) if plan.diff is not None else None
        c2 = compare(lv2, rv2, plan.relation, self.dps, dv2)
        if c2.status != "disagree":
            return None
        return lv2, rv2, c2.reason

    def check(self, lhs: sp.Expr, rhs: sp.Expr, relation: str, ctx: Context,
              insts: Sequence[Instance], certified: bool = False) -> NumericOutcome:
        """Compare the two sides on every instance under :func:`compare`; re-check a disagreement.

        ``certified``: the step has a symbolic certificate and the numbers only
        cross-check it; without one (the default, the stricter) the step is
        compared on :func:`instance_count` instances and its difference is also
        evaluated as one expression.  An instance on which both sides diverge
        says nothing: it is replaced by a further instance, and the step is only
        agreed on finite values.  The whole work runs under the step's time budget.
        """
        with limits.budget(limits.STEP_SECONDS):
            return self._check(self.plan(lhs, rhs, relation, ctx, certified), ctx, insts, certified)

    def _evaluations(self, ev: Evaluator, plan: _Plan, inst: Instance,
                     extra: int = 0) -> tuple[Evaluation, Evaluation, Evaluation | None]:
        low, high = plan.working(extra)
        lv, rv = ev.evaluation(plan.lhs, inst, low, high), ev.evaluation(plan.rhs, inst, low, high)
        dv = None
        if plan.diff is not None and lv.ok and rv.ok:
            dv = ev.evaluation(plan.diff, inst, low, high)
        return lv, rv, dv

    def _check(self, plan: _Plan, ctx: Context, insts: Sequence[Instance], certified: bool) -> NumericOutcome:
        ev = self.evaluator(ctx)
        lhs, rhs, relation = plan.lhs, plan.rhs, plan.relation
        want = instance_count(self.count, certified)
        queue = self._more(ctx, lhs, rhs, insts, want)
        ev.compute([(r, i) for r in plan.rows() for i in queue], plan.working())
        digits: list[float] = []
        reasons: list[str] = []
        refuting: tuple[Instance, Evaluation, Evaluation, str] | None = None
        pairs: list[tuple[mp.mpf, mp.mpf]] = []
        used = {i.label for i in queue}
        spare: list[Instance] | None = None
        no_value = ""
        while queue:
            inst = queue.pop(0)
            lv, rv, dv = self._evaluations(ev, plan, inst)
            if lv.infinite and rv.infinite:
                reasons.append(f"{inst.label}: both sides diverge")
                if spare is None:
                    spare = [i for i in self.instances(ctx, [lhs, rhs], len(used) + 4) if i.label not in used]
                if spare:
                    queue.append(spare.pop(0))
                continue
            floor = mp.mpf(1) if certified else mp.mpf(0)
            c = compare(lv, rv, relation, self.dps, dv, floor)
            extra = 0
            for _ in range(plan.raises):
                if not c.undecided or limits.remaining() <= 0:
                    break
                extra += RAISE_DIGITS
                lv, rv, dv = self._evaluations(ev, plan, inst, extra)
                c = compare(lv, rv, relation, self.dps, dv, floor)
            status, d, reason = c.status, c.digits, c.reason
            if status == "inconclusive" and not no_value:
                missing = [(side, v) for side, v in (("left", lv), ("right", rv)) if not v.ok]
                for side, v in missing:
                    if any(mark in (v.reason or "") for mark in NO_VALUE_MARKS):
                        no_value = f"{inst.label}: the {side} side has no value ({v.reason})"
                        break
            if status == "disagree" and refuting is None:
                # re-checked at a higher precision before anything is refuted
                high = plan.dps + extra + HIGH_EXTRA
                recheck = high + RECHECK_EXTRA_DIGITS
                lv2, rv2 = ev.evaluation(lhs, inst, high, recheck), ev.evaluation(rhs, inst, high, recheck)
                dv2 = (ev.evaluation(plan.diff, inst, high, recheck)
                       if plan.diff is not None and lv2.ok and rv2.ok else None)
                c2 = compare(lv2, rv2, relation, self.dps, dv2, floor)
                if c2.status == "disagree":
                    refuting = (inst, lv2, rv2, c2.reason)
                else:
                    status, reason = "inconclusive", f"a difference at {plan.dps} digits vanished at {recheck}"
            elif status == "agree" and plan.boost_over:
                status, reason = "inconclusive", (
                    f"the magnitudes written in the step need {MAX_BOOST + plan.boost_over} more digits than "
                    f"the {MAX_BOOST} a check may add, so agreement cannot be resolved")
            if lv.ok and rv.ok:
                pairs.append((lv.value, rv.value))
            if status == "agree":
                digits.append(d)
            elif status == "inconclusive":
                reasons.append(f"{inst.label}: {reason}")
        if refuting is not None:
            inst, lv2, rv2, reason = refuting
            return self._refutation(inst, lv2, rv2, reason, pairs, relation, (lhs, rhs, ctx),
                                    names_used(lhs, rhs, ctx))
        diverged = [r for r in reasons if r.endswith("both sides diverge")]
        if len(diverged) < len(reasons) or len(digits) < min(2, len(insts)):
            return NumericOutcome("inconclusive", None, _summary(reasons) or "too few instances evaluated",
                                  no_value=no_value)
        best = min(digits)
        also = f" ({len(diverged)} where both sides diverge set aside)" if diverged else ""
        return NumericOutcome("agree", int(min(best, self.dps + 15)),
                              f"agree on {len(digits)} instance{'s' if len(digits) != 1 else ''}{also}")


def _summary(reasons: list[str]) -> str:
    """The reasons of a step's inconclusive instances, the same reason given once with its instances."""
    by: dict[str, list[tuple[str, str]]] = {}
    for r in reasons:
        label, _, why = r.partition(": ")
        # reasons that differ only in their figures (each instance's own sizes) are one reason
        by.setdefault(_FIGURE.sub("#", why), []).append((label, why))
    if all(len(v) == 1 for v in by.values()):
        return "; ".join(reasons)
    out = []
    for group in by.values():
        labels = ", ".join(label for label, _ in group)
        first_label, first = group[0]
        same = all(why == first for _, why in group)
        out.append(f"{labels}: {first}" if same else f"{labels}: {first} (the figures are {first_label}'s)")
    return "; ".join(out)


_FIGURE = re.compile(r"\d+(?:\.\d+)?(?:e[-+]?\d+)?")
