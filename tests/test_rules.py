"""Per rule: one right rewrite is proved, and a wrong one is refuted (or not justified)."""

from __future__ import annotations

import sympy as sp

from conftest import check_step
from ganproof.chain import Verdict
from ganproof.library.common import GAN_CONTEXT, D, G, P_G_IS_P_DATA, integral, p_data, p_G, p_z, x, z
from ganproof.rules import ALL_RULES
from ganproof.vocabulary import (
    JSD,
    KL,
    BinaryCE,
    Context,
    CrossEntropy,
    Density,
    Discriminator,
    Expectation,
    LabelledMixture,
    SampleMean,
    SampleSet,
)

log = sp.log
E = Expectation
GAN_PUSHFORWARDS = GAN_CONTEXT.pushforwards


def test_every_rule_has_a_name_and_a_one_line_statement():
    names = [r.name for r in ALL_RULES]
    assert len(names) == len(set(names))
    for r in ALL_RULES:
        assert r.statement and "\n" not in r.statement


def test_expectation_to_integral_right_and_wrong():
    lhs = E(log(D(x)), x, p_data(x))
    assert check_step(lhs, integral(p_data(x) * log(D(x))), rule="expectation-to-integral").verdict is Verdict.PROVED
    wrong = check_step(lhs, integral(p_G(x) * log(D(x))))
    assert wrong.verdict is Verdict.REFUTED


def test_lotus_right_and_dropped_pushforward_refuted():
    lhs = E(log(1 - D(G(z))), z, p_z(z))
    assert check_step(lhs, E(log(1 - D(x)), x, p_G(x)), rule="lotus").verdict is Verdict.PROVED
    # dropping the pushforward: p_z in place of p_G
    assert check_step(lhs, E(log(1 - D(x)), x, p_z(x))).verdict is Verdict.REFUTED


def test_linearity_right_and_wrong():
    lhs = integral(p_data(x) * log(D(x))) + integral(p_G(x) * log(1 - D(x)))
    right = integral(p_data(x) * log(D(x)) + p_G(x) * log(1 - D(x)))
    assert check_step(lhs, right, rule="linearity").verdict is Verdict.PROVED
    wrong = integral(p_data(x) * log(D(x)) + p_data(x) * log(1 - D(x)))
    assert check_step(lhs, wrong).verdict is Verdict.REFUTED


def test_normalisation_right_and_wrong():
    assert check_step(integral(p_data(x)), sp.S.One, rule="normalisation").verdict is Verdict.PROVED
    result = check_step(integral(p_data(x)), sp.Integer(2))
    assert result.verdict is Verdict.REFUTED


def test_add_zero_right_and_wrong():
    from ganproof.library.common import zero_term

    body = p_data(x) * log(D(x))
    with_zero = integral(sp.Add(body, zero_term(p_data(x), p_G(x)), evaluate=False))
    assert check_step(integral(body), with_zero, rule="add-zero").verdict is Verdict.PROVED
    wrong = integral(body + log(2) * (p_data(x) + p_G(x)))
    assert check_step(integral(body), wrong).verdict is Verdict.REFUTED


def test_log_algebra_right_and_wrong():
    s = p_data(x) + p_G(x)
    lhs = integral(p_data(x) * log(2 * p_data(x) / s))
    assert check_step(lhs, log(2) + integral(p_data(x) * log(p_data(x) / s)), rule="log-algebra").verdict is Verdict.PROVED
    assert check_step(lhs, log(4) + integral(p_data(x) * log(p_data(x) / s))).verdict is Verdict.REFUTED


def test_log_algebra_is_not_applied_without_positivity():
    # log(a*b) = log a + log b for real a, b of unknown sign is false: no certificate
    a, b = sp.symbols("a b", real=True)
    result = check_step(log(a * b), log(a) + log(b), rule="log-algebra")
    assert result.verdict is not Verdict.PROVED


def test_substitution_right_and_wrong():
    ds = p_data(x) / (p_data(x) + p_G(x))
    assert check_step(ds, sp.Rational(1, 2), rule="substitution", assume=(P_G_IS_P_DATA,)).verdict is Verdict.PROVED
    assert check_step(ds, sp.Rational(1, 2)).verdict is Verdict.REFUTED  # no hypothesis in force


def test_kl_definition_right_and_reversed_kl_refuted():
    lhs = KL(p_data(x), p_G(x))
    assert check_step(lhs, integral(p_data(x) * log(p_data(x) / p_G(x))), rule="kl-definition").verdict is Verdict.PROVED
    assert check_step(lhs, KL(p_G(x), p_data(x))).verdict is Verdict.REFUTED


def test_jsd_definition_right_and_factor_refuted():
    m = (p_data(x) + p_G(x)) / 2
    lhs = 2 * JSD(p_data(x), p_G(x))
    assert check_step(lhs, KL(p_data(x), m) + KL(p_G(x), m), rule="jsd-definition").verdict is Verdict.PROVED
    wrong = check_step(lhs, (KL(p_data(x), m) + KL(p_G(x), m)) / 2)
    assert wrong.verdict is Verdict.REFUTED
    assert "factor" in (wrong.counterexample.slip or "")


def test_ce_definition_right_and_sign_refuted():
    lhs = CrossEntropy(p_data(x), D(x))
    assert check_step(lhs, -integral(p_data(x) * log(D(x))), rule="ce-definition").verdict is Verdict.PROVED
    wrong = check_step(lhs, integral(p_data(x) * log(D(x))))
    assert wrong.verdict is Verdict.REFUTED
    assert wrong.counterexample.slip == "holds with the opposite sign"
    assert check_step(BinaryCE(1, D(x)), -log(D(x)), rule="ce-definition").verdict is Verdict.PROVED


def test_law_of_large_numbers_right_and_wrong_law():
    p_r, p_g = Density("p_r"), Density("p_g")
    ctx = Context(densities=(p_r, p_g), samples=(SampleSet("r", p_r), SampleSet("g", p_g)))
    lhs = E(log(D(x)), x, p_r(x))
    assert check_step(lhs, SampleMean(log(D(x)), (x, "r")), rule="law-of-large-numbers", ctx=ctx).verdict is Verdict.PROVED
    assert check_step(lhs, SampleMean(log(D(x)), (x, "g")), ctx=ctx).verdict is Verdict.REFUTED


def test_labelled_mixture_needs_its_factor_two():
    p_r, p_g = Density("p_r"), Density("p_g")
    y = sp.Symbol("y", real=True)
    ctx = Context(densities=(p_r, p_g), samples=(SampleSet("l", LabelledMixture(((p_r, 1), (p_g, 0))), "y"),))
    lhs = E(log(D(x)), x, p_r(x)) + E(log(1 - D(x)), x, p_g(x))
    right = -2 * SampleMean(BinaryCE(y, D(x)), (x, "l"))
    assert check_step(lhs, right, rule="law-of-large-numbers", ctx=ctx).verdict is Verdict.PROVED
    wrong = check_step(lhs, right / 2, ctx=ctx)
    assert wrong.verdict is Verdict.REFUTED
    assert "factor" in wrong.counterexample.slip


def test_differentiation_right_and_wrong():
    a, b = sp.symbols("a b", positive=True)
    y = sp.Symbol("y", positive=True)
    ctx = Context(unit_symbols=(y,))
    f = a * log(y) + b * log(1 - y)
    assert check_step(sp.Derivative(f, y), a / y - b / (1 - y), rule="differentiation", ctx=ctx).verdict is Verdict.PROVED
    assert check_step(sp.Derivative(f, y), a / y + b / (1 - y), ctx=ctx).verdict is Verdict.REFUTED


def test_pointwise_max_right_and_wrong_optimum():
    from ganproof.library.common import value_integrand

    lhs = integral(value_integrand(D(x)))
    right = integral(value_integrand(p_data(x) / (p_data(x) + p_G(x))))
    result = check_step(lhs, right, "<=", rule="pointwise-max")
    assert result.verdict is Verdict.PROVED
    assert result.equality_condition is not None
    # the swapped optimum p_G/(p_data + p_G) is not the maximiser: no certificate
    swapped = integral(value_integrand(p_G(x) / (p_data(x) + p_G(x))))
    assert check_step(lhs, swapped, "<=", rule="pointwise-max").verdict is not Verdict.PROVED


def test_log_inequality_right_and_reversed():
    p, q = Density("p"), Density("q")
    ctx = Context(densities=(p, q))
    lhs = -integral(p(x) * log(q(x) / p(x)))
    rhs = -integral(p(x) * (q(x) / p(x) - 1))
    assert check_step(lhs, rhs, ">=", rule="log-inequality", ctx=ctx).verdict is Verdict.PROVED
    assert check_step(lhs, rhs, "<=", ctx=ctx).verdict is Verdict.REFUTED


def test_kl_nonnegative_right_and_reversed():
    lhs = -log(4) + 2 * JSD(p_data(x), p_G(x))
    result = check_step(lhs, -log(4), ">=", rule="kl-nonnegative")
    assert result.verdict is Verdict.PROVED
    assert check_step(lhs, -log(4), "<=").verdict is Verdict.REFUTED


def test_positivity_right_and_wrong():
    a, b = sp.symbols("a b", positive=True)
    assert check_step(sp.S.Zero, a / (a + b), "<", rule="positivity", ctx=Context()).verdict is Verdict.PROVED
    assert check_step(sp.S.One, a / (a + b), "<", ctx=Context()).verdict is Verdict.REFUTED


def test_named_rule_that_does_not_justify_is_reported():
    lhs = E(log(D(x)), x, p_data(x))
    result = check_step(lhs, integral(p_data(x) * log(D(x))), rule="lotus")
    assert result.verdict is Verdict.UNKNOWN
    assert "does not justify" in result.reason


# --- the relatives: critics, f-divergences, merged integrands ------------------------------------

def _critic_context():
    from ganproof.vocabulary import Critic

    T = Critic("T")
    p, q = Density("p"), Density("q")
    return T, p, q, Context(densities=(p, q), discriminators=(), critics=(T,))


def test_pointwise_max_over_a_critic_right_and_wrong_optimum():
    # Fenchel-Young for KL: int p log(p/q) >= int p T - q e^(T - 1) for every real-valued T
    T, p, q, ctx = _critic_context()
    lhs = integral(p(x) * log(p(x) / q(x)))
    rhs = integral(p(x) * T(x) - q(x) * sp.exp(T(x) - 1))
    result = check_step(lhs, rhs, ">=", rule="pointwise-max", ctx=ctx)
    assert result.verdict is Verdict.PROVED
    assert "T(x)" in (result.equality_condition or "")
    # e^(T - 2) in place of the conjugate e^(T - 1): its supremum over T is KL + 1, so no bound
    wrong = check_step(lhs, integral(p(x) * T(x) - q(x) * sp.exp(T(x) - 2)), ">=", rule="pointwise-max", ctx=ctx)
    assert wrong.verdict is not Verdict.PROVED and "does not justify" in wrong.reason


def test_pointwise_max_over_a_critic_needs_a_stationary_point():
    # linear in T: no maximum over R, so the rule must not certify anything
    T, p, q, ctx = _critic_context()
    lhs = integral(p(x) * T(x))
    rhs = integral(q(x) * T(x))
    assert check_step(lhs, rhs, ">=", rule="pointwise-max", ctx=ctx).verdict is not Verdict.PROVED


def test_pointwise_max_least_squares_minimiser():
    # LSGAN: (1/2) E_p[(T - b)^2] + (1/2) E_q[(T - a)^2] >= the same at T* = (b p + a q)/(p + q)
    T, p, q, ctx = _critic_context()
    a, b = sp.symbols("a b", real=True)
    star = (b * p(x) + a * q(x)) / (p(x) + q(x))

    def v(d):
        return integral((p(x) * (d - b) ** 2 + q(x) * (d - a) ** 2) / 2)

    assert check_step(v(T(x)), v(star), ">=", rule="pointwise-max", ctx=ctx).verdict is Verdict.PROVED
    swapped = (a * p(x) + b * q(x)) / (p(x) + q(x))
    assert check_step(v(T(x)), v(swapped), ">=", rule="pointwise-max", ctx=ctx).verdict is not Verdict.PROVED


def test_regression_pointwise_max_keeps_the_unit_model_for_a_discriminator():
    # The first version popped D(x) out of the set it then tested for being a discriminator, so
    # D was treated as a critic on R and f'' < 0 on (0, 1) could not be shown: the f-GAN bound for
    # the GAN f (T = log D) was left unproved.
    u = sp.Symbol("u", positive=True)
    f = sp.Lambda(u, u * log(u) - (u + 1) * log(u + 1))
    ctx = Context(densities=(p_data, p_G), discriminators=(D,))
    lhs = integral(p_G(x) * f(p_data(x) / p_G(x)))
    rhs = integral(p_data(x) * log(D(x)) + p_G(x) * log(1 - D(x)))
    assert check_step(lhs, rhs, ">=", rule="pointwise-max", ctx=ctx).verdict is Verdict.PROVED


def test_f_divergence_definition_right_and_swapped():
    from ganproof.vocabulary import FDivergence

    p, q = Density("p"), Density("q")
    ctx = Context(densities=(p, q))
    u = sp.Symbol("u", positive=True)
    kl = FDivergence(p(x), q(x), sp.Lambda(u, u * log(u)), "KL")
    assert check_step(kl, integral(q(x) * (p(x) / q(x)) * log(p(x) / q(x))),
                      rule="f-divergence-definition", ctx=ctx).verdict is Verdict.PROVED
    assert check_step(kl, KL(p(x), q(x)), ctx=ctx).verdict is Verdict.PROVED
    assert check_step(kl, KL(q(x), p(x)), ctx=ctx).verdict is Verdict.REFUTED


def test_f_divergence_needs_a_one_variable_lambda():
    from ganproof.vocabulary import FDivergence

    import pytest

    with pytest.raises(TypeError, match="Lambda of one variable"):
        FDivergence(p_data(x), p_G(x), sp.Symbol("f"))  # type: ignore[arg-type]


def test_algebra_under_one_integral_sign_right_and_wrong():
    s = p_data(x) + p_G(x)
    lhs = integral(s * (2 * p_G(x) / s - 1) ** 2)
    assert check_step(lhs, integral((p_data(x) - p_G(x)) ** 2 / s), rule="algebra").verdict is Verdict.PROVED
    assert check_step(lhs, integral((p_data(x) + p_G(x)) ** 2 / s)).verdict is Verdict.REFUTED


def test_merged_integrands_right_and_wrong():
    # no term of one side matches a term of the other; the merged integrands agree
    s = p_data(x) + p_G(x)
    lhs = integral(p_data(x) ** 2 / s) + integral(p_G(x) ** 2 / s)
    assert check_step(lhs, integral(s) - integral(2 * p_data(x) * p_G(x) / s)).verdict is Verdict.PROVED
    assert check_step(lhs, integral(s) - integral(p_data(x) * p_G(x) / s)).verdict is Verdict.REFUTED


def test_algebra_does_not_justify_merging_integrals():
    # merging two integrals into one is linearity, not algebra
    lhs = integral(p_data(x) * log(D(x))) + integral(p_G(x) * log(1 - D(x)))
    result = check_step(lhs, integral(p_data(x) * log(D(x)) + p_G(x) * log(1 - D(x))), rule="algebra")
    assert result.verdict is Verdict.UNKNOWN and "does not justify" in result.reason


# --- parametric families: lotus through g(z, theta), leibniz, evaluation --------------------------

def _family_context():
    from ganproof.vocabulary import Generator, ParametricDensity, Pushforward

    p_r, p_z = Density("p_r"), Density("p_z")
    p_g = ParametricDensity("p_g", parameter="theta")
    g = Generator("g")
    ctx = Context(densities=(p_r, p_g, p_z), discriminators=(), generators=(g,),
                  pushforwards=(Pushforward(p_g, g, p_z),))
    return p_r, p_g, p_z, g, p_g.theta, sp.Symbol("theta_0", real=True), ctx


def test_lotus_through_a_parametric_generator_right_and_wrong_member():
    p_r, p_g, p_z, g, theta, theta_0, ctx = _family_context()
    lhs = E(log(p_r(g(z, theta))), z, p_z(z))
    assert check_step(lhs, E(log(p_r(x)), x, p_g(x)), rule="lotus", ctx=ctx).verdict is Verdict.PROVED
    # the law at another parameter value is another law
    assert check_step(lhs, E(log(p_r(x)), x, p_g(x, theta_0)), ctx=ctx).verdict is Verdict.REFUTED


def test_normalisation_of_a_family_member():
    p_r, p_g, p_z, g, theta, theta_0, ctx = _family_context()
    assert check_step(integral(p_g(x, theta_0)), 1, rule="normalisation", ctx=ctx).verdict is Verdict.PROVED


def test_leibniz_right_and_forgotten_derivative():
    p_r, p_g, p_z, g, theta, theta_0, ctx = _family_context()
    lhs = sp.Subs(sp.Derivative(integral(p_g(x) * log(p_r(x))), theta), theta, theta_0)
    right = sp.Subs(integral(sp.Derivative(p_g(x), theta) * log(p_r(x))), theta, theta_0)
    assert check_step(lhs, right, rule="leibniz", ctx=ctx).verdict is Verdict.PROVED
    forgot = integral(p_g(x, theta_0) * log(p_r(x)))
    assert check_step(lhs, forgot, ctx=ctx).verdict is Verdict.REFUTED


def test_leibniz_the_score_of_a_family_integrates_to_zero():
    p_r, p_g, p_z, g, theta, theta_0, ctx = _family_context()
    lhs = sp.Subs(integral(sp.Derivative(p_g(x), theta)), theta, theta_0)
    assert check_step(lhs, 0, rule="leibniz", ctx=ctx).verdict is Verdict.PROVED
    # a derivative in the variable of integration is no score: the rule does not apply
    from ganproof.chain.checker import certify
    from ganproof.chain.steps import Step

    cert, why = certify(Step(integral(sp.Derivative(p_r(x), x) * p_r(x)), sp.S.Zero, rule="leibniz"), ctx)
    assert cert is None and "does not justify" in why


def test_differentiation_does_not_move_a_derivative_under_an_integral():
    # moving d/dtheta under the integral sign is leibniz, with its own statement; differentiation
    # (the rules of calculus) must not do it silently
    p_r, p_g, p_z, g, theta, theta_0, ctx = _family_context()
    from ganproof.chain.checker import certify
    from ganproof.chain.steps import Step

    lhs = sp.Derivative(integral(p_g(x) * log(p_r(x))), theta)
    rhs = integral(sp.Derivative(p_g(x), theta) * log(p_r(x)))
    cert, why = certify(Step(lhs, rhs, rule="differentiation"), ctx)
    assert cert is None and "does not justify" in why
    cert, _ = certify(Step(lhs, rhs, rule="leibniz"), ctx)
    assert cert is not None


def test_regression_leibniz_never_asks_sympy_to_integrate():
    # The first version called Derivative(...).doit(), which also tries to evaluate every integral
    # symbolically: minutes per step on the Arjovsky-Bottou chains, and a rewrite no rule states.
    from ganproof.rules.rewrites import Leibniz

    t = sp.Symbol("t", real=True)
    out = Leibniz().rewrite(sp.Derivative(sp.Integral(t * x ** 2, (x, 0, 1)), t), Context())
    assert out == sp.Integral(x ** 2, (x, 0, 1))


def test_evaluation_substitutes_the_point():
    from ganproof.rules.rewrites import Evaluation

    p_r, p_g, p_z, g, theta, theta_0, ctx = _family_context()
    out = Evaluation().rewrite(sp.Subs(integral(p_g(x) * log(p_r(x))), theta, theta_0), ctx)
    assert out == integral(p_g(x, theta_0) * log(p_r(x)))
    # a derivative still to be taken is not evaluated first
    pending = sp.Subs(sp.Derivative(integral(p_g(x)), theta), theta, theta_0)
    assert Evaluation().rewrite(pending, ctx) == pending


def test_regression_equality_condition_names_x_not_the_bound_dummy():
    # the reader printed "equality iff D(_u0) = ...": the merged integrand's canonical variable
    from ganproof.chain.checker import certify
    from ganproof.chain.steps import Step
    from ganproof.library.common import GAN_CONTEXT, value_integrand

    lhs = integral(value_integrand(D(x)))
    rhs = integral(value_integrand(p_data(x) / (p_data(x) + p_G(x))))
    cert, _ = certify(Step(lhs, rhs, "<=", rule="pointwise-max"), GAN_CONTEXT)
    assert cert is not None and cert.equality_condition is not None
    assert "_u0" not in cert.equality_condition and cert.equality_condition.startswith("D(x)")


def test_counterexample_names_only_what_the_step_uses():
    # it used to list every density of the context (p_D and p beside a step about p_data and p_G)
    q = Density("q")
    ctx = Context(densities=(p_data, p_G, p_z, q), discriminators=(D,), generators=(G,),
                  pushforwards=GAN_PUSHFORWARDS)
    wrong = check_step(E(log(D(x)), x, p_data(x)), integral(p_G(x) * log(D(x))), ctx=ctx)
    assert wrong.verdict is Verdict.REFUTED
    shown = wrong.counterexample.instance
    assert "q" not in shown and "p_data" in shown and "p_G" in shown and "D(x)" in shown
    assert "G(z)" in shown and "p_z" in shown  # p_G is the law of G(z), z ~ p_z: both are shown


def test_equality_conditions_are_simplified_and_plain_in_text():
    # KL(p_data || m) + KL(p_G || m) >= 0 holds with equality iff p_data = m and p_G = m, which both
    # say p_data = p_G: printed once, and in plain text for terminals
    from ganproof.rules.inequalities import equality

    m = (p_data(x) + p_G(x)) / 2
    latex, text = equality([(p_data(x), m), (p_G(x), m)])
    assert text in ("p_data(x) = p_G(x)", "p_G(x) = p_data(x)")
    assert latex in (r"p_{\mathrm{data}}(x) = p_G(x)", r"p_G(x) = p_{\mathrm{data}}(x)")
    # a condition that is no difference of two terms stays as it is
    _, kept = equality([(D(x), p_data(x) / (p_data(x) + p_G(x)))])
    assert kept == "D(x) = p_data(x)/(p_G(x) + p_data(x))"
    assert equality([]) == (None, None)


def test_minimum_step_states_its_equality_condition_in_plain_text():
    lhs = -log(4) + 2 * JSD(p_data(x), p_G(x))
    result = check_step(lhs, -log(4), ">=", rule="kl-nonnegative")
    assert result.equality_text in ("p_data(x) = p_G(x)", "p_G(x) = p_data(x)")


def test_absolute_value_settles_a_proved_sign_and_splits_a_product():
    a, b = sp.symbols("a b", real=True)
    assert check_step(sp.Abs(a * b), sp.Abs(a) * sp.Abs(b), rule="absolute-value").verdict is Verdict.PROVED
    assert check_step(sp.Abs(1 - D(x)), 1 - D(x), rule="absolute-value").verdict is Verdict.PROVED
    assert check_step(sp.Abs(log(D(x))), -log(D(x)), rule="absolute-value").verdict is Verdict.PROVED


def test_absolute_value_is_not_applied_without_a_proved_sign():
    # |a - 30| = 30 - a holds only for a <= 30: no certificate, whatever the numbers drawn
    a = sp.symbols("a", real=True)
    assert check_step(sp.Abs(a - 30), 30 - a, rule="absolute-value").verdict is not Verdict.PROVED
    assert check_step(sp.Abs(a - 30), 30 - a).verdict is not Verdict.PROVED
