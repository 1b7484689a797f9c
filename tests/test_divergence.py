"""Divergent sides: refuted when one side is finite and the other not, unknown when both diverge on
every instance tried, and an instance where both diverge is replaced by a further one."""

from __future__ import annotations

import mpmath as mp
import sympy as sp

from ganproof.chain.numeric_check import NumericChecker, instance_count
from ganproof.library.common import GAN_CONTEXT, D, integral, p_data
from ganproof.numeric.evaluate import Evaluation
from ganproof.numeric.instances import MAX_INSTANCES
from ganproof.vocabulary import X

LHS = integral(p_data(X) * sp.log(D(X)))
RHS = integral(p_data(X) * sp.log(1 - D(X)))  # the fake evaluator decides the values


def checker_with(values: dict[str, tuple[Evaluation, Evaluation]]) -> tuple[NumericChecker, list[str]]:
    """A checker whose evaluations are given per instance label: (lhs, rhs)."""
    checker = NumericChecker(dps=30, instances=3, jobs=1)
    ev = checker.evaluator(GAN_CONTEXT)
    asked: list[str] = []

    def evaluate(expr, inst, dps):
        asked.append(inst.label)
        pair = values.get(inst.label, values.get("default"))  # type: ignore[arg-type]
        if expr == LHS:
            return pair[0]
        if expr == RHS:
            return pair[1]
        # the difference lhs - rhs as one row (a step without a certificate)
        assert pair[0].ok and pair[1].ok, "the difference row is only asked for when both sides are finite"
        return Evaluation(pair[0].value - pair[1].value, 40.0)

    def evaluation(expr, inst, low, high):
        return evaluate(expr, inst, low)

    ev.evaluate = evaluate  # type: ignore[method-assign]
    ev.evaluation = evaluation  # type: ignore[method-assign]
    ev.compute = lambda pairs, working: None  # type: ignore[method-assign]
    return checker, asked


FINITE = Evaluation(mp.mpf("-1.25"), 40.0)
OTHER = Evaluation(mp.mpf("-1.5"), 40.0)
INFINITE = Evaluation(None, 0.0, "the value is not finite", infinite=True)


def test_both_diverging_on_one_instance_is_replaced_by_a_further_instance():
    values = {"instance 1": (INFINITE, INFINITE), "default": (FINITE, FINITE)}
    checker, asked = checker_with(values)
    insts = checker.instances(GAN_CONTEXT, [LHS, RHS])
    out = checker.check(LHS, RHS, "=", GAN_CONTEXT, insts)
    asked_for = instance_count(3, certified=False)  # the step has no certificate: more instances
    further = f"instance {asked_for + 1}"
    assert further in asked, (further, sorted(set(asked)))
    assert out.status == "agree" and f"{asked_for} instances" in out.reason
    assert "both sides diverge set aside" in out.reason


def test_both_diverging_everywhere_is_inconclusive():
    values = {"default": (INFINITE, INFINITE)}
    checker, _ = checker_with(values)
    out = checker.check(LHS, RHS, "=", GAN_CONTEXT, checker.instances(GAN_CONTEXT, [LHS, RHS]))
    assert out.status == "inconclusive" and "both sides diverge" in out.reason


def test_one_side_infinite_the_other_finite_is_refuted():
    values = {"default": (FINITE, INFINITE)}
    checker, _ = checker_with(values)
    out = checker.check(LHS, RHS, "=", GAN_CONTEXT, checker.instances(GAN_CONTEXT, [LHS, RHS]))
    assert out.status == "disagree" and out.counterexample is not None
    assert out.counterexample.rhs == "not finite"


def test_finite_disagreement_is_refuted_after_the_recheck():
    values = {f"instance {k}": (FINITE, OTHER) for k in range(1, MAX_INSTANCES + 1)}
    checker, _ = checker_with(values)
    out = checker.check(LHS, RHS, "=", GAN_CONTEXT, checker.instances(GAN_CONTEXT, [LHS, RHS]))
    assert out.status == "disagree" and out.counterexample.lhs.startswith("-1.25")
