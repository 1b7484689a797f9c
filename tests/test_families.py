"""Tests of the concrete families: normalisation, closed forms, accuracy at the caller's precision."""

from __future__ import annotations

import time
from fractions import Fraction

import mpmath
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mpmath import mp

from ganproof.numeric.balls import from_mpf, to_mpf, workprec
from ganproof.numeric.families import (
    Beta,
    ConcreteDensity,
    BumpSigmoidDiscriminator,
    Gaussian,
    GaussianMixture,
    HalfLineGamma,
    LinearGenerator,
    Pushforward,
    ReflectedGenerator,
    SigmoidDiscriminator,
    SinhGenerator,
    SkewGenerator,
    StudentT,
    WarpedSigmoidDiscriminator,
    sigmoid,
    softplus,
)

PRECISIONS = (15, 30, 50)

DENSITIES: tuple[ConcreteDensity, ...] = (
    Gaussian("0.3", "1.1"),
    Gaussian("-2", "0.25"),
    GaussianMixture((("0.6", "-1", "0.7"), ("0.4", "1.5", "1.2"))),
    GaussianMixture((("0.25", "0", "0.6"), ("0.5", "1.7", "0.9"), ("0.25", "-3", "1.4"))),
    Beta("2", "3"),
    Beta("1.5", "1.2"),
    Beta("1", "1"),
    Beta("6", "2"),
    Beta("2.5", "1.5", "2", "3"),
    Beta("3", "2", "-1/3", "7"),
    StudentT("5", "0.3", "1.2"),
    StudentT("8", "-1", "0.6"),
    HalfLineGamma("2.5", "0.7", "1"),
    HalfLineGamma("1.5", "1.3", "-2", -1, 2),
    Pushforward(Gaussian("0", "1"), SkewGenerator("0.2", "0.9", "0.6")),
    Pushforward(HalfLineGamma("2", "0.5", "0", 1, 2), SinhGenerator("0.1", "0.7")),
    Pushforward(Beta("2", "3", "0", "1"), SkewGenerator("-0.3", "1.1", "-0.5")),
    Pushforward(Gaussian("0", "1"), SinhGenerator("-0.4", "0.8")),
    Pushforward(Gaussian("0.2", "0.8"), SinhGenerator("0.3", "0.6")),
    Pushforward(GaussianMixture((("0.5", "-0.6", "0.8"), ("0.5", "0.7", "1.1"))), LinearGenerator("0.5", "1.3")),
    Pushforward(Beta("2", "5"), LinearGenerator("-0.9", "0.7")),
    Pushforward(Gaussian("0.2", "0.8"), ReflectedGenerator(SinhGenerator("0.3", "0.6"))),
    Pushforward(HalfLineGamma("2", "0.5", "0", 1, 2), ReflectedGenerator(SkewGenerator("0.2", "0.9", "0.6"))),
    Pushforward(Beta("2", "5"), ReflectedGenerator(LinearGenerator("-0.9", "0.7"))),
)


def integrate(f, density: ConcreteDensity) -> mpmath.mpf:
    """∫ f over the density's support, split at its split points (at the current precision)."""
    lo, hi = density.support()
    return mp.quad(f, [lo, *(p for p in density.split_points() if lo < p < hi), hi])


# ---------------------------------------------------------------------------
# normalisation and structure
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("dps", PRECISIONS)
@pytest.mark.parametrize("density", DENSITIES, ids=lambda d: d.description)
def test_density_integrates_to_one(density: ConcreteDensity, dps: int) -> None:
    with mp.workdps(dps):
        total = integrate(density.pdf, density)
        assert abs(total - 1) < mpmath.mpf(10) ** (-dps + 3)


@pytest.mark.parametrize("density", DENSITIES, ids=lambda d: d.description)
def test_split_points_sorted_in_the_support_with_its_finite_ends_and_log_pdf_consistent(
        density: ConcreteDensity) -> None:
    with mp.workdps(40):
        lo, hi = density.support()
        pts = density.split_points()
        assert pts, "at least one split point (a mean)"
        assert list(pts) == sorted(set(pts))
        assert all(lo <= p <= hi for p in pts)
        assert any(lo < p < hi for p in pts), "a mean or mode strictly inside"
        # the finite ends are split points: an integral over a wider range meets the kinks at its pieces' ends
        assert all(e in pts for e in (lo, hi) if mp.isfinite(e))
        for p in pts:
            for x in (p - mpmath.mpf("0.01"), p, p + mpmath.mpf("0.01")):
                if lo < x < hi:
                    v = density.pdf(x)
                    assert v > 0
                    assert abs(density.log_pdf(x) - mp.log(v)) < mpmath.mpf(10) ** -37


def test_descriptions() -> None:
    assert Gaussian("0.3", "1.1").description == "N(0.3, 1.1^2)"
    assert Gaussian(Fraction(3, 10), Fraction(7, 5)).description == "N(3/10, (7/5)^2)"
    mix = GaussianMixture((("0.6", "-1", "0.7"), ("0.4", "1.5", "1.2")))
    assert mix.description == "0.6 N(-1, 0.7^2) + 0.4 N(1.5, 1.2^2)"
    assert Beta("2", "3").description == "Beta(2, 3)"
    push = Pushforward(Gaussian("0", "1"), SinhGenerator("-0.4", "0.8"))
    assert push.description == "law of G(z) = -0.4 + 0.8 sinh(z), z ~ N(0, 1^2)"
    assert LinearGenerator("0.5", "1.3").description == "G(z) = 0.5 + 1.3 z"
    assert SigmoidDiscriminator("0.7", "-0.2").description == "D(x) = sigmoid(0.7 x - 0.2)"
    assert SigmoidDiscriminator("-1.3", "0.4").description == "D(x) = sigmoid(-1.3 x + 0.4)"


def test_supports() -> None:
    with mp.workdps(30):
        assert Gaussian("0", "1").support() == (mp.ninf, mp.inf)
        assert Beta("2", "3").support() == (0, 1)
        assert Pushforward(Gaussian("0", "1"), SinhGenerator("1", "2")).support() == (mp.ninf, mp.inf)
        lo, hi = Pushforward(Beta("2", "5"), LinearGenerator("-0.9", "0.7")).support()
        assert lo == mpmath.mpf("-0.9") and hi == mpmath.mpf("-0.2")
        assert Beta("2", "3").pdf(mpmath.mpf("1.5")) == 0
        assert Beta("2", "3").log_pdf(mpmath.mpf("-0.5")) == mp.ninf


def test_pushforward_split_points_are_images() -> None:
    gen = SinhGenerator("0.3", "0.6")
    push = Pushforward(Gaussian("0.2", "0.8"), gen)
    with mp.workdps(30):
        (p,) = push.split_points()
        assert abs(p - (mpmath.mpf("0.3") + mpmath.mpf("0.6") * mp.sinh(mpmath.mpf("0.2")))) < mpmath.mpf(10) ** -29


# ---------------------------------------------------------------------------
# closed forms
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("dps", PRECISIONS)
def test_gaussian_kl_matches_closed_form(dps: int) -> None:
    p, q = Gaussian("0.3", "1.1"), Gaussian("-0.5", "0.7")
    with mp.workdps(dps):
        m1, s1, m2, s2 = (mpmath.mpf(v) for v in ("0.3", "1.1", "-0.5", "0.7"))
        closed = mp.log(s2 / s1) + (s1**2 + (m1 - m2) ** 2) / (2 * s2**2) - mpmath.mpf(1) / 2
        pts = sorted(set(p.split_points() + q.split_points()))
        kl = mp.quad(lambda x: p.pdf(x) * (p.log_pdf(x) - q.log_pdf(x)), [mp.ninf, *pts, mp.inf])
        assert abs(kl - closed) < mpmath.mpf(10) ** (-dps + 3)
        # and it is genuinely asymmetric for these parameters
        kl_rev = mp.quad(lambda x: q.pdf(x) * (q.log_pdf(x) - p.log_pdf(x)), [mp.ninf, *pts, mp.inf])
        assert abs(kl - kl_rev) > mpmath.mpf("0.01")


@pytest.mark.parametrize("dps", PRECISIONS)
def test_beta_mean_and_variance(dps: int) -> None:
    b = Beta("2", "3")
    with mp.workdps(dps):
        mean = integrate(lambda x: x * b.pdf(x), b)
        second = integrate(lambda x: x * x * b.pdf(x), b)
        assert abs(mean - mpmath.mpf(2) / 5) < mpmath.mpf(10) ** (-dps + 3)
        assert abs(second - mean**2 - mpmath.mpf(1) / 25) < mpmath.mpf(10) ** (-dps + 3)  # ab/((a+b)^2(a+b+1))


def test_linear_pushforward_of_standard_normal_is_gaussian() -> None:
    push = Pushforward(Gaussian("0", "1"), LinearGenerator("0.5", "1.3"))
    target = Gaussian("0.5", "1.3")
    with mp.workdps(40):
        for s in ("-3", "-0.7", "0", "0.45", "0.5", "2.5", "10", "-40"):
            x = mpmath.mpf(s)
            assert abs(push.pdf(x) / target.pdf(x) - 1) < mpmath.mpf(10) ** -38
            assert abs(push.log_pdf(x) - target.log_pdf(x)) < mpmath.mpf(10) ** -38 * max(1, abs(target.log_pdf(x)))


def test_regression_a_decreasing_generator_pushes_forward_with_the_absolute_jacobian() -> None:
    # every drawn generator used to be increasing, so p_G(G(z)) G'(z) = p_z(z) (no |G'|) was confirmed
    g = ReflectedGenerator(LinearGenerator("0.5", "1.3"))
    push = Pushforward(Gaussian("0", "1"), g)
    target = Gaussian("-0.5", "1.3")
    assert not g.increasing and g.description == "G(z) = -(0.5 + 1.3 z)"
    with mp.workdps(40):
        tol = mpmath.mpf(10) ** -38
        assert abs(g.forward(mpmath.mpf(1)) + mpmath.mpf("1.8")) < tol
        assert abs(g.inverse(mpmath.mpf("-1.8")) - 1) < tol
        assert abs(g.inverse_derivative(mpmath.mpf(2)) + 1 / mpmath.mpf("1.3")) < tol
        with workprec(mp.prec):
            kernel = push.ball(mp.prec)
        for s in ("-3", "-0.5", "0", "2.5", "-40"):
            x = mpmath.mpf(s)
            assert abs(push.pdf(x) / target.pdf(x) - 1) < tol
            assert abs(push.log_pdf(x) - target.log_pdf(x)) < tol * max(1, abs(target.log_pdf(x)))
            with workprec(mp.prec):
                ball = kernel.pdf(from_mpf(x))
            # far out the exponent's rounding error is relative to its size
            assert abs(to_mpf(ball) / target.pdf(x) - 1) < tol * max(1, abs(target.log_pdf(x)))
        z = mpmath.mpf("0.4")
        # the change of variables without |G'| is off by the sign
        assert abs(push.pdf(g.forward(z)) * mp.diff(g.forward, z) + Gaussian("0", "1").pdf(z)) < tol


@pytest.mark.parametrize("base", [Gaussian("0", "1"), Gaussian("0.2", "0.8")], ids=lambda d: d.description)
def test_sinh_pushforward_lotus(base: Gaussian) -> None:
    gen = SinhGenerator("0.3", "0.6")
    push = Pushforward(base, gen)
    with mp.workdps(30):
        tol = mpmath.mpf(10) ** -27
        assert abs(integrate(push.pdf, push) - 1) < tol
        mean_x = integrate(lambda x: x * push.pdf(x), push)
        mean_z = integrate(lambda z: gen.forward(z) * base.pdf(z), base)
        mu, sigma = base.split_points()[0], mpmath.mpf(base.std)
        closed = mpmath.mpf("0.3") + mpmath.mpf("0.6") * mp.sinh(mu) * mp.exp(sigma**2 / 2)
        assert abs(mean_x - mean_z) < tol
        assert abs(mean_x - closed) < tol


def test_sinh_generator_derivative_and_log_derivative() -> None:
    gen = SinhGenerator("-0.4", "0.8")
    with mp.workdps(40):
        for s in ("-50", "-1.3", "0", "0.2", "7", "1e20"):
            x = mpmath.mpf(s)
            exact = 1 / (mpmath.mpf("0.8") * mp.cosh(gen.inverse(x)))  # d/dx G^{-1} = 1 / G'(G^{-1}(x))
            assert abs(gen.inverse_derivative(x) / exact - 1) < mpmath.mpf(10) ** -37
            assert abs(gen.log_inverse_derivative(x) - mp.log(exact)) < mpmath.mpf(10) ** -37 * max(1, abs(mp.log(exact)))
            assert gen.inverse_derivative(x) > 0


# ---------------------------------------------------------------------------
# discriminators
# ---------------------------------------------------------------------------

DISCRIMINATORS = (
    SigmoidDiscriminator("0.7", "-0.2"),
    SigmoidDiscriminator("-1.3", "0.4"),
    SigmoidDiscriminator("2.1", "-1.1"),
)


@pytest.mark.parametrize("disc", DISCRIMINATORS, ids=lambda d: d.description)
def test_discriminator_logs_agree_for_moderate_x(disc: SigmoidDiscriminator) -> None:
    with mp.workdps(40):
        tol = mpmath.mpf(10) ** -38
        for s in ("-30", "-5", "-1.7", "-0.3", "0", "0.25", "1", "4.5", "30"):
            x = mpmath.mpf(s)
            d, e = disc.value(x), disc.one_minus(x)
            assert 0 < d < 1 and 0 < e < 1
            assert abs(d + e - 1) < tol
            assert abs(disc.log_value(x) - mp.log(d)) < tol * max(1, abs(mp.log(d)))
            assert abs(disc.log_one_minus(x) - mp.log(e)) < tol * max(1, abs(mp.log(e)))
            with mp.workdps(80):  # independent reference at higher precision
                t = mpmath.mpf(disc.slope) * x + mpmath.mpf(disc.offset)
                ref = 1 / (1 + mp.exp(-t))
                ref_e = mp.exp(-t) / (1 + mp.exp(-t))
            assert abs(d / ref - 1) < tol
            assert abs(e / ref_e - 1) < tol


@pytest.mark.parametrize("disc", DISCRIMINATORS, ids=lambda d: d.description)
def test_discriminator_extreme_arguments(disc: SigmoidDiscriminator) -> None:
    with mp.workdps(40):
        rel = mpmath.mpf(10) ** -30
        for s in ("1e40", "-1e40"):
            x = mpmath.mpf(s)
            # the logit to 90 digits: at 40 digits alone, 0.7 * 1e40 is only known to within ~0.01
            with mp.workdps(90):
                t = mpmath.mpf(disc.slope) * x + mpmath.mpf(disc.offset)
                minus_abs_t, e_minus_abs_t = -abs(t), mp.exp(-abs(t))
            values = (disc.value(x), disc.one_minus(x), disc.log_value(x), disc.log_one_minus(x))
            assert all(mp.isfinite(v) for v in values)
            big, tiny = (disc.log_one_minus(x), disc.log_value(x)) if t > 0 else (disc.log_value(x), disc.log_one_minus(x))
            # the large log is -|t|; the small one is -exp(-|t|), a tiny but exact number
            assert abs(big / minus_abs_t - 1) < rel
            assert tiny < 0 and abs(tiny / -e_minus_abs_t - 1) < rel
            small_prob, large_prob = (disc.one_minus(x), disc.value(x)) if t > 0 else (disc.value(x), disc.one_minus(x))
            assert small_prob > 0 and abs(small_prob / e_minus_abs_t - 1) < rel
            assert large_prob == 1  # 1 - e^-|t| rounds to 1 at 40 digits


def test_log_one_minus_at_1e40_is_minus_logit() -> None:
    disc = SigmoidDiscriminator("0.7", "-0.2")
    with mp.workdps(40):
        x = mpmath.mpf("1e40")
        with mp.workdps(90):
            t = mpmath.mpf("0.7") * x + mpmath.mpf("-0.2")
            t_neg = mpmath.mpf("0.7") * -x + mpmath.mpf("-0.2")
            e_minus_t = mp.exp(-t)
        assert abs(disc.log_one_minus(x) / -t - 1) < mpmath.mpf(10) ** -30
        assert abs(disc.log_value(-x) / t_neg - 1) < mpmath.mpf(10) ** -39  # -(0.7e40 + 0.2)
        assert disc.log_value(x) < 0 and abs(disc.log_value(x) / -e_minus_t - 1) < mpmath.mpf(10) ** -30


def test_softplus_and_sigmoid_identities() -> None:
    with mp.workdps(50):
        tol = mpmath.mpf(10) ** -48
        for s in ("-700", "-20", "-1", "-1e-30", "0", "1e-30", "0.5", "3", "45", "1000"):
            t = mpmath.mpf(s)
            # softplus(t) - softplus(-t) = t  and  sigmoid(t) + sigmoid(-t) = 1
            assert abs(softplus(t) - softplus(-t) - t) < tol * max(1, abs(t))
            assert abs(sigmoid(t) + sigmoid(-t) - 1) < tol
            with mp.workdps(400):  # 1 + e^-700 is not 1 at 400 digits: an independent reference
                ref = mp.log(1 + mp.exp(t))
            assert abs(softplus(t) / ref - 1) < tol


def test_huge_nested_arguments_are_fast_and_finite() -> None:
    """Quadrature over z reaches |z| ~ 10^dps; G(z) = sinh(z) is then astronomically large."""
    gen = SinhGenerator("-0.4", "0.8")
    disc = SigmoidDiscriminator("-1.3", "0.4")
    dens = (Gaussian("0.3", "1.1"), GaussianMixture((("0.6", "-1", "0.7"), ("0.4", "1.5", "1.2"))),
            Pushforward(Gaussian("0", "1"), gen))
    with mp.workdps(60):
        start = time.perf_counter()
        for s in ("1e70", "-1e70", "1e700", "-1e5000"):
            x = gen.forward(mpmath.mpf(s))
            for v in (disc.value(x), disc.one_minus(x), disc.log_value(x), disc.log_one_minus(x)):
                assert not mp.isnan(v)
            assert 0 <= disc.value(x) <= 1 and 0 <= disc.one_minus(x) <= 1
            for d in dens:
                assert d.pdf(x) > 0  # positive (possibly the exp(-2^2048) stand-in), never 0 or NaN
                assert d.log_pdf(x) < 0 and not mp.isinf(d.log_pdf(x))
        assert time.perf_counter() - start < 5


# ---------------------------------------------------------------------------
# accuracy at the caller's precision
# ---------------------------------------------------------------------------


def test_fifty_digit_accuracy() -> None:
    with mp.workdps(15):  # warm the precision-keyed caches at low precision first
        Gaussian("0.3", "1.1").pdf(mpmath.mpf("0.7"))
        Beta("2.5", "1.5").pdf(mpmath.mpf("0.3"))
        GaussianMixture((("0.6", "-1", "0.7"), ("0.4", "1.5", "1.2"))).pdf(mpmath.mpf("0.7"))
    with mp.workdps(50):
        tol = mpmath.mpf(10) ** -49
        x = mpmath.mpf("0.7")
        g = Gaussian("0.3", "1.1")
        assert abs(g.pdf(x) / mp.npdf(x, mpmath.mpf("0.3"), mpmath.mpf("1.1")) - 1) < tol
        assert g.split_points() == (mpmath.mpf("0.3"),)
        mix = GaussianMixture((("0.6", "-1", "0.7"), ("0.4", "1.5", "1.2")))
        ref = mpmath.mpf("0.6") * mp.npdf(x, -1, mpmath.mpf("0.7")) + mpmath.mpf("0.4") * mp.npdf(
            x, mpmath.mpf("1.5"), mpmath.mpf("1.2")
        )
        assert abs(mix.pdf(x) / ref - 1) < tol
        assert abs(mix.log_pdf(x) - mp.log(ref)) < tol
        b = Beta("2.5", "1.5")
        y = mpmath.mpf("0.3")
        with mp.workdps(80):
            a_, b_ = mpmath.mpf("2.5"), mpmath.mpf("1.5")
            ref_b = mpmath.mpf("0.3") ** (a_ - 1) * (1 - mpmath.mpf("0.3")) ** (b_ - 1) / mp.beta(a_, b_)
        assert abs(b.pdf(y) / ref_b - 1) < tol
        assert abs(b.log_pdf(y) - mp.log(ref_b)) < tol
        gen = SinhGenerator("-0.4", "0.8")
        push = Pushforward(Gaussian("0", "1"), gen)
        with mp.workdps(80):
            u = (x + mpmath.mpf("0.4")) / mpmath.mpf("0.8")
            ref_p = mp.npdf(mp.asinh(u)) / (mpmath.mpf("0.8") * mp.sqrt(1 + u * u))
        assert abs(push.pdf(x) / ref_p - 1) < tol
        assert abs(gen.forward(gen.inverse(x)) - x) < tol
        disc = SigmoidDiscriminator("0.7", "-0.2")
        with mp.workdps(80):
            ref_d = 1 / (1 + mp.exp(-(mpmath.mpf("0.7") * x - mpmath.mpf("0.2"))))
        assert abs(disc.value(x) / ref_d - 1) < tol
    # and back at low precision the caches give low-precision values, not stale ones
    with mp.workdps(15):
        assert Gaussian("0.3", "1.1").split_points()[0] == mpmath.mpf("0.3")


def test_fraction_parameters_are_exact() -> None:
    with mp.workdps(50):
        g1, g2 = Gaussian(Fraction(1, 3), Fraction(7, 5)), Gaussian("1/3", "1.4")
        x = mpmath.mpf("0.1")
        assert g1.pdf(x) == g2.pdf(x)
        assert abs(g1.split_points()[0] - mpmath.mpf(1) / 3) < mpmath.mpf(10) ** -50


def test_module_never_changes_precision() -> None:
    before = mp.prec
    with mp.workdps(45):
        Gaussian("0.3", "1.1").pdf(mpmath.mpf(1))
        Beta("3", "2").pdf(mpmath.mpf("0.5"))
        SigmoidDiscriminator("1", "0").log_value(mpmath.mpf(3))
        assert mp.dps == 45
    assert mp.prec == before


# ---------------------------------------------------------------------------
# validation
# ---------------------------------------------------------------------------


def test_validation() -> None:
    with pytest.raises(ValueError, match="a >= 1 and b >= 1"):
        Beta("0.5", "2")
    with pytest.raises(ValueError, match="a >= 1 and b >= 1"):
        Beta("2", "0.9")
    with pytest.raises(ValueError, match="sum to exactly 1"):
        GaussianMixture((("0.6", "-1", "0.7"), ("0.5", "1.5", "1.2")))
    with pytest.raises(ValueError, match="positive"):
        GaussianMixture((("1.2", "-1", "0.7"), ("-0.2", "1.5", "1.2")))
    with pytest.raises(ValueError, match="at least one"):
        GaussianMixture(())
    with pytest.raises(ValueError, match="positive"):
        Gaussian("0", "-1")
    with pytest.raises(ValueError, match="positive"):
        LinearGenerator("0", "0")
    with pytest.raises(ValueError, match="positive"):
        SinhGenerator("0", "-2")
    with pytest.raises(ValueError, match="not an exact"):
        Gaussian("zero", "1")
    with pytest.raises(TypeError, match="floats"):
        Gaussian(0.3, "1")  # type: ignore[arg-type]
    # thirds sum to exactly 1
    GaussianMixture(((Fraction(1, 3), "0", "1"), ("1/3", "1", "1"), (Fraction(1, 3), "2", "1")))


# ---------------------------------------------------------------------------
# property test
# ---------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    shift=st.decimals(min_value=-2, max_value=2, places=3),
    scale=st.decimals(min_value="0.3", max_value=3, places=3),
    z=st.decimals(min_value=-30, max_value=30, places=6),
)
def test_sinh_generator_round_trip(shift, scale, z) -> None:
    gen = SinhGenerator(str(shift), str(scale))
    with mp.workdps(30):
        zz = mpmath.mpf(str(z))
        assert abs(gen.inverse(gen.forward(zz)) - zz) < mpmath.mpf(10) ** -25


# ---------------------------------------------------------------------------
# the families instances are drawn from: closed forms on their declared supports
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("dps", PRECISIONS)
def test_scaled_beta_mean_matches_closed_form(dps: int) -> None:
    # Beta(a, b) on [lo, hi] has mean lo + (hi - lo) a / (a + b)
    b = Beta("2.5", "1.5", "2", "3")
    with mp.workdps(dps):
        mean = integrate(lambda x: x * b.pdf(x), b)
        assert abs(mean - (2 + mpmath.mpf("2.5") / 4)) < mpmath.mpf(10) ** (-dps + 3)
        assert b.pdf(mpmath.mpf("1.9")) == 0 and b.pdf(mpmath.mpf("3.1")) == 0
        assert b.support() == (2, 3)
        assert b.description == "Beta(2.5, 1.5) on [2, 3]"


@pytest.mark.parametrize("dps", PRECISIONS)
def test_half_line_gamma_mean_matches_closed_form(dps: int) -> None:
    # shape k, scale s, power 1: mean origin + k s; reflected: origin - k s
    up, down = HalfLineGamma("2.5", "0.7", "1"), HalfLineGamma("2.5", "0.7", "1", -1)
    with mp.workdps(dps):
        closed = mpmath.mpf("2.5") * mpmath.mpf("0.7")
        assert abs(integrate(lambda x: x * up.pdf(x), up) - (1 + closed)) < mpmath.mpf(10) ** (-dps + 3)
        assert abs(integrate(lambda x: x * down.pdf(x), down) - (1 - closed)) < mpmath.mpf(10) ** (-dps + 3)
        assert up.pdf(mpmath.mpf("0.5")) == 0 and down.pdf(mpmath.mpf("1.5")) == 0


@pytest.mark.parametrize("dps", PRECISIONS)
def test_student_t_variance_matches_closed_form(dps: int) -> None:
    # Var = scale^2 df / (df - 2)
    t = StudentT("6", "-0.4", "0.9")
    with mp.workdps(dps):
        m = mpmath.mpf("-0.4")
        var = integrate(lambda x: (x - m) ** 2 * t.pdf(x), t)
        assert abs(var - mpmath.mpf("0.81") * 6 / 4) < mpmath.mpf(10) ** (-dps + 3)
        # its tail is polynomial: far heavier than a Gaussian's at 30 scales
        assert t.log_pdf(m + 27) > Gaussian("-0.4", "0.9").log_pdf(m + 27) + 300


def test_skew_generator_inverse_and_slopes() -> None:
    g = SkewGenerator("0.2", "0.9", "0.6")
    with mp.workdps(40):
        for z in ("-30", "-1", "0", "0.5", "12"):
            zz = mpmath.mpf(z)
            x = g.forward(zz)
            assert abs(g.inverse(x) - zz) < mpmath.mpf(10) ** -35 * max(1, abs(zz))
            assert abs(g.inverse_derivative(x) - 1 / mp.diff(g.forward, zz)) < mpmath.mpf(10) ** -30
        # slopes scale (1 + bend) far right and scale (1 - bend) far left: the max of dz/dx is 1/(0.9 * 0.4)
        assert abs(g.max_inverse_derivative() - 1 / (mpmath.mpf("0.9") * mpmath.mpf("0.4"))) < mpmath.mpf(10) ** -35
    with pytest.raises(ValueError):
        SkewGenerator("0", "1", "0.9")


def test_warped_and_bump_discriminators_have_non_affine_logits() -> None:
    # logit D(1) + logit D(-1) = 2 logit D(0) holds for an affine logit only
    for d in (WarpedSigmoidDiscriminator("0.7", "-0.2", "0.9", "1.3", "0.4"),
              BumpSigmoidDiscriminator("0.7", "-0.2", "1.1", "0.8", "0.3")):
        with mp.workdps(30):
            gap = d.logit(mpmath.mpf(1)) + d.logit(mpmath.mpf(-1)) - 2 * d.logit(mpmath.mpf(0))
            assert abs(gap) > mpmath.mpf("0.01")
            logit_from_values = d.log_value(mpmath.mpf(1)) - d.log_one_minus(mpmath.mpf(1))
            assert abs(logit_from_values - d.logit(mpmath.mpf(1))) < mpmath.mpf(10) ** -28
    with mp.workdps(30):
        affine = SigmoidDiscriminator("0.7", "-0.2")
        gap = affine.logit(mpmath.mpf(1)) + affine.logit(mpmath.mpf(-1)) - 2 * affine.logit(mpmath.mpf(0))
        assert abs(gap) < mpmath.mpf(10) ** -28


# ---------------------------------------------------------------- exp of far-out arguments
@pytest.mark.parametrize("bits", (200, 700, 1300))
@pytest.mark.parametrize("digits", (12, 80, 300, 600))
@pytest.mark.parametrize("sign", (-1, 1))
def test_exp_by_ln2_agrees_with_mpmath_to_the_working_precision(bits: int, digits: int, sign: int) -> None:
    # the reduction by ln 2 replaces mpmath's exp for far-out arguments (an integer power of e above
    # 600 bits); it must give the same value to the last bits, integer-valued arguments or not
    from ganproof.numeric.families import _exp_by_ln2

    with mp.workprec(bits):
        for u in (sign * mpmath.mpf(10) ** digits, sign * (mpmath.mpf(10) ** digits + mpmath.mpf("0.37"))):
            expected = mp.exp(u)
            assert abs(_exp_by_ln2(u) / expected - 1) <= mpmath.mpf(2) ** (8 - bits)


def test_regression_exp_of_a_squared_tail_node_at_high_precision_is_exact() -> None:
    # the squared tanh-sinh node of a far tail, ~10^600 and integer-valued, at 1300 bits: mpmath raised e to
    # that integer power (110 ms a call; a one-step file with a bump-shaped discriminator spent 20 s there,
    # see benchmarks/far_exp.py); the reduction by ln 2 must keep the value exact, and the floor exp(-2^2048)
    from ganproof.numeric.families import EXP_ARGUMENT_CAP, _exp_floor, _exp_nonpositive

    with mp.workprec(1300):
        u = -mp.floor(mpmath.mpf(10) ** 600)
        assert abs(mp.log(_exp_nonpositive(u)) / u - 1) <= mpmath.mpf(2) ** -1200
        _exp_floor.cache_clear()
        assert abs(mp.log(_exp_floor(1300)) / -EXP_ARGUMENT_CAP - 1) <= mpmath.mpf(2) ** -1200
        assert _exp_nonpositive(-EXP_ARGUMENT_CAP * 2) == _exp_floor(1300)
