"""The built-in derivations: every step gets its expected verdict, and planted errors are refuted."""

from __future__ import annotations

from dataclasses import replace

import pytest
import sympy as sp

from ganproof.chain import Chain, Derivation, Verdict, check
from ganproof.library import DERIVATIONS, derivation
from ganproof.library.common import p_data, p_G

FAST = ["optimal_discriminator", "value_at_optimum", "gibbs", "minimum", "lsgan", "f_gan", "non_saturating",
        "jsd_bounds", "gibbs_jensen", "theorem1_discrete", "f_table"]


@pytest.mark.parametrize("name", FAST)
def test_builtin_derivation_is_ok(name):
    report = check(derivation(name))
    assert report.ok, [(s.index, s.verdict, s.reason) for s in report.steps if not s.ok]
    for step in report.steps:
        if step.verdict is Verdict.PROVED:
            assert step.digits is not None and step.digits >= 30


def test_theorem1_rests_on_no_assumed_lemma():
    report = check(derivation("minimum"))
    assert report.lemmas and all(not lm["status"].startswith("assumed") for lm in report.lemmas)


def _swap(expr: sp.Expr) -> sp.Expr:
    """p_data and p_G exchanged in one place: the first occurrence of p_G(x)."""
    target = p_G(sp.Symbol("x", real=True))
    done = False

    def once(node: sp.Basic) -> sp.Basic:
        nonlocal done
        if not done and node == target:
            done = True
            return p_data(node.args[0])
        return node

    from ganproof.rules.algebra import map_bottom_up

    return map_bottom_up(expr, once)


MUTATIONS = {
    "sign": lambda e: -e if e != 0 else sp.Integer(1),
    "factor 2": lambda e: 2 * e if e != 0 else sp.Integer(2),
    "log 2 for log 4": lambda e: e.xreplace({sp.log(4): sp.log(2)}) if e.has(sp.log(4)) else e + sp.log(2),
    "p_data for p_G": _swap,
}

PLANTED = [
    ("value_function", 0, 1, "p_data for p_G"),
    ("optimal_discriminator", 4, 0, "factor 2"),
    ("value_at_optimum", 1, 4, "log 2 for log 4"),
    ("c_of_g", 0, 6, "factor 2"),
    ("gibbs", 0, 1, "sign"),
    ("minimum", 0, 0, "log 2 for log 4"),
    ("monte_carlo", 0, 0, "sign"),
    ("lsgan", 3, 1, "p_data for p_G"),
    ("lsgan", 4, 2, "factor 2"),
    ("lsgan", 4, 4, "sign"),
    ("f_gan", 0, 2, "sign"),
    ("f_gan", 6, 2, "p_data for p_G"),
    ("f_gan", 8, 3, "log 2 for log 4"),
    ("non_saturating", 0, 3, "log 2 for log 4"),
    ("non_saturating", 2, 1, "factor 2"),
    ("non_saturating", 3, 0, "p_data for p_G"),
    ("arjovsky_bottou", 0, 3, "factor 2"),
    ("arjovsky_bottou", 1, 3, "sign"),
    ("f_table", 2, 1, "factor 2"),
    ("f_table", 3, 2, "sign"),
    ("f_table", 6, 1, "sign"),
    ("f_table", 8, 0, "log 2 for log 4"),
    ("f_table", 9, 2, "factor 2"),
    ("jsd_bounds", 0, 3, "factor 2"),
    ("jsd_bounds", 0, 2, "sign"),
    ("jsd_bounds", 2, 2, "sign"),
    ("gibbs_jensen", 0, 4, "sign"),
    ("gibbs_jensen", 1, 1, "factor 2"),
    ("theorem1_discrete", 0, 0, "p_data for p_G"),
    ("theorem1_discrete", 1, 1, "factor 2"),
    ("theorem1_discrete", 1, 4, "log 2 for log 4"),
]


@pytest.mark.parametrize("name,chain_index,step_index,kind", PLANTED)
def test_planted_error_is_refuted(name, chain_index, step_index, kind):
    original = derivation(name)
    chain = original.chains[chain_index]
    step = chain.steps[step_index]
    wrong = MUTATIONS[kind](step.rhs)
    assert wrong != step.rhs
    planted = Chain(step.lhs, (replace(step, rhs=wrong, rule=None),), chain.title, chain.hypotheses)
    report = check(Derivation(name, original.title, original.context, (planted,)))
    (result,) = report.steps
    assert result.verdict is Verdict.REFUTED, result.reason
    assert result.counterexample is not None
    assert result.counterexample.lhs != result.counterexample.rhs


def test_relatives_are_a_group_of_fully_proved_derivations():
    from ganproof.library import GROUPS, expand

    assert expand(["relatives"]) == ["lsgan", "f_gan", "f_table", "non_saturating", "arjovsky_bottou"]
    assert set(GROUPS["relatives"][1]) <= set(DERIVATIONS)


def test_bounds_are_a_group_of_fully_proved_derivations_with_no_assumed_lemma():
    from ganproof.library import GROUPS, expand

    assert expand(["bounds"]) == ["jsd_bounds", "gibbs_jensen", "theorem1_discrete"]
    for name in GROUPS["bounds"][1]:
        report = check(derivation(name))
        assert report.ok and all(s.verdict is Verdict.PROVED for s in report.steps), name
        assert all(not lm["status"].startswith("assumed") for lm in report.lemmas), name


def test_jensen_step_is_the_rule_that_proves_gibbs_the_second_way():
    # the Jensen step alone: KL >= -log E_p[q/p], with no other rule named
    d = derivation("gibbs_jensen")
    step = d.chains[0].steps[2]
    assert step.rule == "jensen"
    (result,) = check(Derivation("j", "j", d.context, (Chain(step.lhs, (step,), "j"),))).steps
    assert result.verdict is Verdict.PROVED and "jensen" in result.reason


def test_arjovsky_bottou_needs_the_discriminator_held_fixed():
    # Theorem 2.5 differentiates with D* computed at theta_0 and held fixed; letting D* move with
    # theta adds int p_theta0 (dp/dtheta)/(p_r + p_theta0) dx, which is not 0: refuted with numbers
    from ganproof.vocabulary import Density, Expectation, ParametricDensity

    original = derivation("arjovsky_bottou")
    ctx = original.context
    p_r, p_g = Density("p_r"), ParametricDensity("p_g", parameter="theta")
    x = sp.Symbol("x", real=True)
    theta, theta_0 = p_g.theta, sp.Symbol("theta_0", real=True)
    moving = -sp.log(p_r(x) / (p_r(x) + p_g(x)))
    lhs = sp.Subs(sp.Derivative(Expectation(moving, x, p_g(x)), theta), theta, theta_0)
    fixed_answer = original.chains[0].steps[-1].rhs
    planted = Chain.begin(lhs, "D* moving with theta").eq(fixed_answer)
    (result,) = check(Derivation("moving", "moving", ctx, (planted,))).steps
    assert result.verdict is Verdict.REFUTED, result.reason


def test_every_builtin_has_a_title_and_steps():
    for name in DERIVATIONS:
        d = derivation(name)
        assert d.title and sum(len(c.steps) for c in d.chains) >= 1
