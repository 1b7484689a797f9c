"""The numeric layer on integrals with known closed forms, at 15, 30 and 50 digits."""

from __future__ import annotations

import mpmath as mp
import pytest
import sympy as sp

from ganproof.numeric.evaluate import Evaluator
from ganproof.numeric.families import Beta, Gaussian, Pushforward, SigmoidDiscriminator, SinhGenerator
from ganproof.numeric.instances import Instance
from ganproof.vocabulary import KL, UNIT_INTERVAL, Context, Density, Discriminator, Expectation, Generator, X, Z

p, q = Density("p"), Density("q")
CTX = Context(densities=(p, q), discriminators=(Discriminator("D"),))
M1, S1, M2, S2 = "0.3", "1.1", "-0.4", "0.7"
GAUSSIANS = Instance(
    "gaussians",
    densities=(("p", Gaussian(M1, S1)), ("q", Gaussian(M2, S2))),
    discriminators=(("D", SigmoidDiscriminator("0.7", "-0.2")),),
    generators=(),
)


def kl_closed_form(m1: str, s1: str, m2: str, s2: str) -> mp.mpf:
    m1, s1, m2, s2 = (mp.mpf(v) for v in (m1, s1, m2, s2))
    return mp.log(s2 / s1) + (s1**2 + (m1 - m2) ** 2) / (2 * s2**2) - mp.mpf(1) / 2


@pytest.mark.parametrize("dps", [15, 30, 50])
def test_kl_between_gaussians_matches_closed_form(dps):
    ev = Evaluator(CTX).evaluate(KL(p(X), q(X)), GAUSSIANS, dps)
    assert ev.ok and ev.digits >= dps
    with mp.workdps(dps + 20):
        exact = kl_closed_form(M1, S1, M2, S2)
        assert abs(ev.value - exact) <= mp.mpf(10) ** (-dps) * max(1, abs(exact))


@pytest.mark.parametrize("dps", [15, 30, 50])
def test_density_integrates_to_one_and_mean(dps):
    ev = Evaluator(CTX)
    one = ev.evaluate(sp.Integral(p(X), (X, -sp.oo, sp.oo)), GAUSSIANS, dps)
    mean = ev.evaluate(Expectation(X, X, q(X)), GAUSSIANS, dps)
    with mp.workdps(dps + 20):
        assert abs(one.value - 1) <= mp.mpf(10) ** (-dps)
        assert abs(mean.value - mp.mpf(M2)) <= mp.mpf(10) ** (-dps)


def test_beta_on_unit_interval_mean():
    b = Density("b", UNIT_INTERVAL)
    inst = Instance("beta", densities=(("b", Beta("2", "3")),), discriminators=(), generators=())
    ev = Evaluator(Context(densities=(b,))).evaluate(Expectation(X, X, b(X)), inst, 30)
    with mp.workdps(50):
        assert abs(ev.value - mp.mpf(2) / 5) <= mp.mpf(10) ** -30


def test_lotus_with_a_nonlinear_generator_numerically():
    pz, pg, G = Density("p_z"), Density("p_G"), Generator("G")
    ctx = Context(densities=(pz, pg), generators=(G,))
    gen = SinhGenerator("-0.4", "0.8")
    inst = Instance("sinh", densities=(("p_z", Gaussian("0", "1")), ("p_G", Pushforward(Gaussian("0", "1"), gen))),
                    discriminators=(), generators=(("G", gen),))
    ev = Evaluator(ctx)
    lhs = ev.evaluate(Expectation(sp.exp(-G(Z) ** 2), Z, pz(Z)), inst, 30)
    rhs = ev.evaluate(Expectation(sp.exp(-X**2), X, pg(X)), inst, 30)
    assert lhs.ok and rhs.ok
    with mp.workdps(40):
        assert abs(lhs.value - rhs.value) <= mp.mpf(10) ** -30


def test_log_of_a_negative_value_is_not_a_value():
    ev = Evaluator(CTX).evaluate(sp.log(-p(sp.Rational(1, 3))), GAUSSIANS, 30)
    assert not ev.ok
    assert "non-positive" in ev.reason


def test_log_one_minus_discriminator_is_finite_far_out():
    D = Discriminator("D")
    # p(x) log(1 - D(x)) over R: the sigmoid's tail must not produce log(0) = -inf
    ev = Evaluator(CTX).evaluate(sp.Integral(p(X) * sp.log(1 - D(X)), (X, -sp.oo, sp.oo)), GAUSSIANS, 30)
    assert ev.ok and ev.digits >= 30


def test_precision_is_restored_after_evaluation():
    before = mp.mp.dps
    Evaluator(CTX).evaluate(KL(p(X), q(X)), GAUSSIANS, 40)
    assert mp.mp.dps == before


def test_regression_a_family_applied_without_its_parameter_is_a_numeric_failure():
    # the mutation harness swapped p_r(x) for p_g(x) in the Arjovsky-Bottou chains; the compiler
    # called the family's pdf without theta and the TypeError stopped the whole self-test
    import sympy as sp

    from ganproof.numeric.compile import Compiler, NumericFailure
    from ganproof.numeric.instances import instances_for
    from ganproof.vocabulary import Context, Density, Generator, ParametricDensity, Pushforward, X

    p_g, p_z = ParametricDensity("p_g", parameter="theta"), Density("p_z")
    ctx = Context(densities=(p_g, p_z), generators=(Generator("g"),),
                  pushforwards=(Pushforward(p_g, Generator("g"), p_z),))
    (inst,) = instances_for(ctx, frozenset(), 1)
    bare = sp.Function("p_g", positive=True)(X)
    for expr in (bare, sp.log(bare)):
        with pytest.raises(NumericFailure, match="needs its parameter"):
            Compiler(inst).compile(expr)
