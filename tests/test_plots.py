"""The plots check numbers, not pixels: what is drawn is read back from each Figure's lines."""

from __future__ import annotations

import math
from fractions import Fraction

import mpmath
import pytest
from matplotlib.figure import Figure

from ganproof.chain import check
from ganproof.chain.verdict import Verdict
from ganproof.library import DERIVATIONS, GROUPS, derivation
from ganproof.numeric.families import Gaussian
from ganproof.reports import plots
from ganproof.reports.plots import (
    AB_DPS,
    F_GAN_P,
    F_GAN_Q,
    PNG_MAGIC,
    QUESTION_SETTING,
    REPORT_FIGURES,
    arjovsky_bottou_values,
    c_of_g_plot,
    c_of_g_value,
    discriminator_objective,
    f_gan_bound_value,
    gaussian_jsd,
    gaussian_kl,
    line_data,
    lsgan_objective,
    lsgan_plot,
    monte_carlo_plot,
    monte_carlo_run,
    non_saturating_values,
    optimal_discriminator_plot,
    png_bytes,
    save_png,
)

# one worker runs this module: the module fixtures compute each figure once
pytestmark = pytest.mark.xdist_group("plots")

LOG4 = math.log(4)
LOG2 = math.log(2)


# ---------------------------------------------------------------- (a) optimal discriminator


@pytest.mark.parametrize("a, b", [(0.3, 0.1), (1.0, 1.0), (0.05, 2.5), (4.0, 0.7)])
def test_the_plotted_maximum_is_at_a_over_a_plus_b(a: float, b: float) -> None:
    fig = optimal_discriminator_plot(a, b)
    ys, fs = line_data(fig, "objective")
    y_star = a / (a + b)
    top = max(range(len(fs)), key=fs.__getitem__)
    assert ys[top] == y_star
    assert fs[top] == discriminator_objective(a, b, y_star)
    # strictly below the maximum everywhere else on the grid, and the grid stays inside (0, 1)
    assert all(f < fs[top] for i, f in enumerate(fs) if i != top)
    assert 0 < ys[0] and ys[-1] < 1 and ys == sorted(ys)
    # f'(y*) = a/y* - b/(1 - y*) = 0: the marked point is the stationary point
    assert a / y_star - b / (1 - y_star) == pytest.approx(0, abs=1e-12)
    (mx,), (my,) = line_data(fig, "maximum")
    assert mx == y_star and my == fs[top]


def test_optimal_discriminator_refuses_non_positive_weights() -> None:
    with pytest.raises(ValueError):
        optimal_discriminator_plot(0, 1)
    with pytest.raises(ValueError):
        optimal_discriminator_plot(1, float("nan"))


# ---------------------------------------------------------------- (b) C(G)


@pytest.fixture(scope="module")
def c_of_g_fig() -> Figure:
    return c_of_g_plot()


def test_c_of_g_minimum_is_minus_log_4_at_theta_0(c_of_g_fig: Figure) -> None:
    ts, cs = line_data(c_of_g_fig, "C(G)")
    assert len(ts) >= 30 and ts[0] == -3 and ts[-1] == 3
    low = min(range(len(cs)), key=cs.__getitem__)
    assert ts[low] == 0
    assert abs(cs[low] + LOG4) < 1e-10
    # the -log 4 line is drawn at exactly -log 4
    _, (h0, h1) = line_data(c_of_g_fig, "-log 4")
    assert h0 == h1 == -LOG4


def test_c_of_g_has_a_positive_excess_elsewhere(c_of_g_fig: Figure) -> None:
    ts, cs = line_data(c_of_g_fig, "C(G)")
    for t, c in zip(ts, cs):
        if t != 0:
            assert c + LOG4 > 1e-3, (t, c)
        assert c < 0  # 2 JSD < 2 log 2 for overlapping densities
    # symmetric in theta, and increasing in |theta|
    assert cs == pytest.approx(cs[::-1], abs=1e-12)
    right = [c for t, c in zip(ts, cs) if t >= 0]
    assert all(u < v for u, v in zip(right, right[1:]))


def test_c_of_g_quadrature_agrees_with_independent_facts() -> None:
    # at theta = 0 the integrand is -log 2 (p + p): -log 4 to the working precision
    with mpmath.workdps(40):
        assert abs(c_of_g_value(0, dps=35) + mpmath.log(4)) < mpmath.mpf(10) ** -30
    # small shifts: 2 JSD(N(0,1) || N(t,1)) = t^2/4 + O(t^4) (Fisher information 1)
    t = 0.01
    assert float(c_of_g_value(t)) + LOG4 == pytest.approx(t * t / 4, rel=1e-3)
    # far apart, JSD tends to log 2, so C(G) tends to 0 from below
    assert -1e-3 < float(c_of_g_value(12)) < 0


# ---------------------------------------------------------------- (c) Monte Carlo


@pytest.fixture(scope="module")
def mc_run() -> plots.MonteCarloRun:
    return monte_carlo_run(seed=0, samples=20000)


def test_running_means_end_near_their_limits(mc_run: plots.MonteCarloRun) -> None:
    r = mc_run
    se = r.stderr
    assert len(r.m) == len(r.separate) == len(r.merged) == len(r.mixture) == 20000
    assert abs(r.separate[-1] - r.true_value) < 4 * se["separate"]
    assert abs(r.mixture[-1] - r.true_value) < 4 * se["mixture"]
    assert abs(r.merged[-1] - r.merged_limit) < 4 * se["merged"]
    # the merged sum converges somewhere else: far from L in standard errors
    assert r.true_value - r.merged_limit > 0.03
    assert abs(r.merged[-1] - r.true_value) > 8 * se["merged"]


def test_monte_carlo_plot_draws_the_run(mc_run: plots.MonteCarloRun) -> None:
    fig = monte_carlo_plot(run=mc_run)
    for label, values in (("separate", mc_run.separate), ("merged", mc_run.merged), ("mixture", mc_run.mixture)):
        xs, ys = line_data(fig, label)
        assert xs[0] == 1 and xs[-1] == 20000
        assert ys[-1] == values[-1]
    _, (l0, _) = line_data(fig, "L")
    _, (m0, _) = line_data(fig, "merged limit")
    assert l0 == mc_run.true_value and m0 == mc_run.merged_limit


def test_monte_carlo_run_is_reproducible() -> None:
    a, b = monte_carlo_run(seed=7, samples=200), monte_carlo_run(seed=7, samples=200)
    c = monte_carlo_run(seed=8, samples=200)
    assert a.separate == b.separate and a.merged == b.merged and a.mixture == b.mixture
    assert a.separate != c.separate


def test_the_limits_are_the_checkers_numbers_for_the_merged_sum(mc_run: plots.MonteCarloRun) -> None:
    """The plot's two limits are what the checker's evaluator gives both sides of the merged sum on the
    plot's setting (the checker draws its own instances; this one is the plot's, put in an Instance)."""
    from ganproof.chain.numeric_check import NumericChecker
    from ganproof.numeric.instances import Instance

    d = derivation("monte_carlo")
    (chain,) = [c for k, c in enumerate(d.chains) if k == 1]
    merged = chain.steps[0]
    inst = Instance(label="the plot's setting",
                    densities=(("p_g", QUESTION_SETTING.p_g), ("p_r", QUESTION_SETTING.p_r)),
                    discriminators=(("D", QUESTION_SETTING.discriminator),), generators=())
    ev = NumericChecker(dps=20, instances=1, jobs=1).evaluator(chain.context(d.context))
    lhs, rhs = ev.evaluate(merged.lhs, inst, 20), ev.evaluate(merged.rhs, inst, 20)
    assert lhs.ok and rhs.ok
    assert float(lhs.value) == pytest.approx(mc_run.true_value, abs=1e-12)
    assert float(rhs.value) == pytest.approx(mc_run.merged_limit, abs=1e-12)
    report = check(d, dps=20, instances=1)
    assert [s.verdict for s in report.steps if s.chain == 1] == [Verdict.REFUTED]


# ---------------------------------------------------------------- PNG output


def test_png_is_written(tmp_path, mc_run: plots.MonteCarloRun) -> None:
    figs = {
        "a": optimal_discriminator_plot(0.3, 0.1),
        "b": c_of_g_plot(thetas=[-1, 0, 1]),
        "c": monte_carlo_plot(run=mc_run),
    }
    for name, fig in figs.items():
        out = save_png(fig, tmp_path / "sub" / f"{name}.png")
        data = out.read_bytes()
        assert out == tmp_path / "sub" / f"{name}.png"
        assert len(data) > 1000 and data.startswith(PNG_MAGIC)
    assert png_bytes(figs["a"], dpi=50).startswith(PNG_MAGIC)


# ---------------------------------------------------------------- (d)-(g) the relatives of the theorem

RELATIVES = ("lsgan", "f_gan", "non_saturating", "arjovsky_bottou")  # the ones with figures


def _report_figure(name: str) -> Figure:
    """The figure ``ganproof report`` shows for the built-in derivation ``name``."""
    (entry,) = REPORT_FIGURES[name]
    return entry[1]()


@pytest.fixture(scope="module")
def f_gan_fig() -> Figure:
    return _report_figure("f_gan")


@pytest.fixture(scope="module")
def ns_fig() -> Figure:
    return _report_figure("non_saturating")


@pytest.fixture(scope="module")
def ab_fig() -> Figure:
    return _report_figure("arjovsky_bottou")


def test_the_relatives_have_their_figures_registered(f_gan_fig: Figure, ns_fig: Figure, ab_fig: Figure) -> None:
    assert set(RELATIVES) <= set(GROUPS["relatives"][1]) and set(RELATIVES) <= set(DERIVATIONS)
    for name in RELATIVES:
        assert REPORT_FIGURES[name], name
        for suffix, make, caption in REPORT_FIGURES[name]:
            assert suffix and callable(make) and len(caption) > 40
    assert isinstance(_report_figure("lsgan"), Figure)
    # the report's figures are the ones checked below
    assert line_data(f_gan_fig, "J_KL")[0] and line_data(f_gan_fig, "J_GAN")[0]
    assert line_data(ns_fig, "non-saturating")[0] and line_data(ns_fig, "minimax")[0]
    assert line_data(ab_fig, "non-saturating")[0] and line_data(ab_fig, "KL - 2 JSD")[0]
    # each report names its figures OUT-SUFFIX.png: the suffixes of one group must not collide
    suffixes = [suffix for name in RELATIVES for suffix, _, _ in REPORT_FIGURES[name]]
    assert len(set(suffixes)) == len(suffixes)


# (d) LSGAN


@pytest.mark.parametrize("r, g, a, b", [(0.3, 0.1, -1, 1), (1.0, 1.0, 0, 1), (0.05, 2.5, -1, 1), (4.0, 0.7, 0.5, -2)])
def test_the_lsgan_minimum_is_at_the_weighted_mean_of_the_targets(r: float, g: float, a: float, b: float) -> None:
    fig = lsgan_plot(r, g, a, b)
    ys, fs = line_data(fig, "objective")
    y_star = (b * r + a * g) / (r + g)
    low = min(range(len(fs)), key=fs.__getitem__)
    assert ys[low] == y_star
    # the minimum value in closed form: r g (b - a)^2 / (2 (r + g))
    assert fs[low] == pytest.approx(r * g * (b - a) ** 2 / (2 * (r + g)), rel=1e-12, abs=1e-15)
    assert all(f > fs[low] for i, f in enumerate(fs) if i != low)
    # f'(y*) = r (y* - b) + g (y* - a) = 0, and the grid covers both targets
    assert r * (y_star - b) + g * (y_star - a) == pytest.approx(0, abs=1e-12)
    assert ys == sorted(ys) and ys[0] < min(a, b) and ys[-1] > max(a, b)
    (mx,), (my,) = line_data(fig, "minimum")
    assert mx == y_star and my == fs[low] == lsgan_objective(r, g, y_star, a, b)
    # the two dashed terms add up to the objective
    _, real = line_data(fig, "real term")
    _, fake = line_data(fig, "fake term")
    assert [u + v for u, v in zip(real, fake)] == pytest.approx(fs, rel=1e-12)


def test_lsgan_refuses_bad_weights_and_targets() -> None:
    with pytest.raises(ValueError):
        lsgan_plot(0, 1)
    with pytest.raises(ValueError):
        lsgan_plot(1, -0.5)
    with pytest.raises(ValueError):
        lsgan_plot(1, 1, a=float("inf"))


# (e) f-GAN


def _touches_at_zero(ss: list[float], js: list[float], level: float) -> None:
    """J(0) = level to 1e-10, J(s) clearly below it for s != 0, rising up to s = 0 and falling after."""
    assert len(ss) >= 25 and ss == sorted(ss) and 0.0 in ss
    k0 = ss.index(0.0)
    assert abs(js[k0] - level) < 1e-10
    for s, j in zip(ss, js):
        if s != 0:
            assert j < level - 1e-3, (s, j, level)
    assert all(u < v for u, v in zip(js[:k0], js[1:k0 + 1]))
    assert all(u > v for u, v in zip(js[k0:], js[k0 + 1:]))


def test_the_kl_bound_touches_the_closed_form_kl_at_the_optimal_critic(f_gan_fig: Figure) -> None:
    kl = float(gaussian_kl())
    ss, js = line_data(f_gan_fig, "J_KL")
    _touches_at_zero(ss, js, kl)
    _, (h0, h1) = line_data(f_gan_fig, "KL")
    assert h0 == h1 == kl
    (tx,), (ty,) = line_data(f_gan_fig, "tight KL")
    assert tx == 0 and ty == js[ss.index(0.0)]


def test_the_gan_bound_touches_2_jsd_minus_log_4(f_gan_fig: Figure) -> None:
    level = float(2 * gaussian_jsd() - mpmath.log(4))
    assert -LOG4 < level < 0  # 0 < JSD < log 2 for two different, overlapping densities
    ss, js = line_data(f_gan_fig, "J_GAN")
    _touches_at_zero(ss, js, level)
    _, (h0, h1) = line_data(f_gan_fig, "2 JSD - log 4")
    assert h0 == h1 == level
    (tx,), (ty,) = line_data(f_gan_fig, "tight GAN")
    assert tx == 0 and ty == js[ss.index(0.0)]


def _expect(p: Gaussian, f, dps: int = 25) -> mpmath.mpf:
    """E_p[f] by plain quadrature over the real line (no tail cut), for the independent checks."""
    with mpmath.workdps(dps):
        return mpmath.quad(lambda x: p.pdf(x) * f(x), [-mpmath.inf, mpmath.mpf(p.mean), mpmath.inf])


def test_the_f_gan_numbers_agree_with_independent_computations() -> None:
    p, q = F_GAN_P, F_GAN_Q
    with mpmath.workdps(25):
        # the closed-form KL against int p log(p/q)
        kl_quad = _expect(p, lambda x: p.log_pdf(x) - q.log_pdf(x))
        assert abs(gaussian_kl(p, q, 25) - kl_quad) < mpmath.mpf(10) ** -20
        # E_Q[e^(T_s - 1)] = E_P[e^(s tanh x)], so J(1) = 1 + KL + E_P[tanh] - E_P[e^(tanh)]
        by_p = 1 + kl_quad + _expect(p, mpmath.tanh) - _expect(p, lambda x: mpmath.exp(mpmath.tanh(x)))
        assert abs(f_gan_bound_value(1, "KL", dps=25) - by_p) < mpmath.mpf(10) ** -18
        # the GAN case is V(G, D_s) = E_P[log D_s] + E_Q[log(1 - D_s)], D_s = sigmoid(log(p/q) + s tanh x)
        logit = lambda x: p.log_pdf(x) - q.log_pdf(x) + mpmath.tanh(x) / 2  # noqa: E731
        v = (_expect(p, lambda x: mpmath.log(1 / (1 + mpmath.exp(-logit(x)))))
             + _expect(q, lambda x: mpmath.log(1 - 1 / (1 + mpmath.exp(-logit(x))))))
        assert abs(f_gan_bound_value("0.5", "GAN", dps=25) - v) < mpmath.mpf(10) ** -15
    # the JSD from entropies: 0 for equal densities, log 2 in the limit of disjoint ones
    assert abs(gaussian_jsd(Gaussian("0.3", "1.2"), Gaussian("0.3", "1.2"))) < 1e-15
    assert abs(gaussian_jsd(Gaussian(0, 1), Gaussian(40, 1)) - LOG2) < 1e-12
    with pytest.raises(ValueError):
        f_gan_bound_value(0, "Pearson")


# (f) the non-saturating loss


def test_the_non_saturating_loss_is_log_2_at_theta_0_and_grows(ns_fig: Figure) -> None:
    ts, ns = line_data(ns_fig, "non-saturating")
    ts2, mm = line_data(ns_fig, "minimax")
    assert ts == ts2 and len(ts) >= 25 and ts == sorted(ts) and ts[0] == -4 and ts[-1] == 4
    k0 = ts.index(0.0)
    assert abs(ns[k0] - LOG2) < 1e-12 and abs(mm[k0] + LOG2) < 1e-12
    for t, a, b in zip(ts, ns, mm):
        if t != 0:
            assert a > LOG2 + 1e-3, (t, a)
        assert -LOG2 - 1e-12 <= b < 0, (t, b)
    # growing in |theta| on both sides (p_G = N(theta, 1) against N(0, 1) is symmetric in theta)
    assert ns == pytest.approx(ns[::-1], abs=1e-12) and mm == pytest.approx(mm[::-1], abs=1e-12)
    assert all(u < v for u, v in zip(ns[k0:], ns[k0 + 1:]))
    assert all(u < v for u, v in zip(mm[k0:], mm[k0 + 1:]))
    _, (h0, h1) = line_data(ns_fig, "log 2")
    assert h0 == h1 == LOG2


def test_non_saturating_plus_minimax_is_the_reverse_kl(ns_fig: Figure) -> None:
    # E_{p_G}[-log D*] + E_{p_G}[log(1 - D*)] = KL(p_G || p_data) = theta^2/2 for N(theta, 1) against N(0, 1)
    ts, ns = line_data(ns_fig, "non-saturating")
    _, mm = line_data(ns_fig, "minimax")
    for t, a, b in zip(ts, ns, mm):
        assert a + b == pytest.approx(t * t / 2, abs=1e-10), t
    # another variance: KL(N(1, 1.5^2) || N(0, 1)) = -log 1.5 + (1.5^2 + 1)/2 - 1/2
    a, b = non_saturating_values(1, "1.5")
    assert float(a + b) == pytest.approx(-math.log(1.5) + (2.25 + 1) / 2 - 0.5, abs=1e-12)
    assert float(a) > LOG2


def test_the_minimax_term_saturates_where_the_non_saturating_loss_keeps_growing(ns_fig: Figure) -> None:
    ts, ns = line_data(ns_fig, "non-saturating")
    _, mm = line_data(ns_fig, "minimax")
    dt = ts[-1] - ts[-2]
    slope_ns, slope_mm = (ns[-1] - ns[-2]) / dt, (mm[-1] - mm[-2]) / dt
    assert slope_ns > 3 and 0 < slope_mm < 0.05 * slope_ns
    assert -0.1 < mm[-1] < 0 and ns[-1] > ts[-1] ** 2 / 2


# (g) Arjovsky and Bottou, Theorem 2.5


def _ab_lines(fig: Figure) -> tuple[list[float], list[float], list[float], list[float]]:
    ts, ns = line_data(fig, "non-saturating")
    ts2, div = line_data(fig, "KL - 2 JSD")
    ts3, mm = line_data(fig, "minimax")
    assert ts == ts2 == ts3
    return ts, ns, div, mm


def test_the_plotted_gradients_of_the_theorem_coincide(ab_fig: Figure) -> None:
    ts, ns, div, mm = _ab_lines(ab_fig)
    assert len(ts) >= 21 and ts == sorted(ts) and ts[0] == -6 and ts[-1] == 6 and 0.0 in ts
    # both sides computed independently at AB_DPS digits: equal to that precision
    tol = 10.0 ** -(AB_DPS - 1)
    for t, a, b in zip(ts, ns, div):
        assert abs(a - b) <= tol * max(1.0, abs(a)), (t, a, b)
    # the dotted line is d/dtheta KL(N(theta, 1) || N(0, 1)) = theta_0
    kx, ky = line_data(ab_fig, "KL")
    assert kx == ts and ky == ts


@pytest.mark.parametrize("theta_0, std", [("-2.5", 1), ("0.75", 1), (4, 1), ("1.25", "1.5"), (-1, "0.6")])
def test_the_two_gradients_agree_to_the_working_precision(theta_0: str | int, std: str | int) -> None:
    dps = 16
    a, b, c = arjovsky_bottou_values(theta_0, std, dps)
    with mpmath.workdps(dps):
        t = mpmath.mpf(mpmath.mpmathify(theta_0))
        assert abs(a - b) < mpmath.mpf(10) ** -(dps - 2) * max(1, abs(a))
        # -log D* + log(1 - D*) = log(p_theta_0/p_r), whose expectation has gradient theta_0 = d/dtheta KL
        # at theta_0 for every std: the non-saturating gradient falls short of the KL's by the minimax one
        assert abs(a + c - t) < mpmath.mpf(10) ** -(dps - 2) * max(1, abs(t))
    assert abs(float(a)) > 0.1 and float(c) * float(t) > 0  # neither is trivially 0 here


def test_the_gradients_vanish_at_theta_0_equal_0(ab_fig: Figure) -> None:
    # P_theta_0 = P_r: D* = 1/2, and theta = 0 minimises both KL and JSD
    ts, ns, div, mm = _ab_lines(ab_fig)
    k0 = ts.index(0.0)
    assert abs(ns[k0]) < 1e-12 and abs(div[k0]) < 1e-12 and abs(mm[k0]) < 1e-12
    for std in (1, "1.5"):
        a, b, c = arjovsky_bottou_values(0, std, dps=16)
        assert abs(a) < 1e-14 and abs(b) < 1e-14 and abs(c) < 1e-14, std


def test_the_non_saturating_gradient_has_closed_forms() -> None:
    # for the location family, d/dtheta E_{N(theta, 1)}[h(x)] = E_{N(theta_0, 1)}[h'(x)], and with
    # h = softplus(l), l(x) = theta_0 x - theta_0^2/2, h' = theta_0 sigmoid(l): one quadrature, no derivative
    for theta_0 in ("0.5", "1.5", "-3"):
        with mpmath.workdps(25):
            t = mpmath.mpf(theta_0)
            by_parts = t * mpmath.quad(lambda x: mpmath.npdf(x, t, 1) / (1 + mpmath.exp(t * t / 2 - t * x)),
                                       [-mpmath.inf, t / 2, t, mpmath.inf])
        a, _, _ = arjovsky_bottou_values(theta_0, 1, dps=16)
        assert abs(a - by_parts) < 1e-14 * max(1, abs(by_parts)), theta_0
    # near theta_0 = 0, 2 JSD(N(theta, 1) || N(0, 1)) = theta^2/4 + O(theta^4): the gradient of
    # KL - 2 JSD is theta_0 - theta_0/2 to first order
    a, b, _ = arjovsky_bottou_values("0.01", 1, dps=16)
    assert float(a) / 0.01 == pytest.approx(0.5, rel=1e-3) and float(b) / 0.01 == pytest.approx(0.5, rel=1e-3)


def test_the_jsd_gradient_agrees_with_the_f_gan_jsd() -> None:
    # the JSD of the f-GAN figure (entropies, another code path), differentiated by a central difference
    theta_0, h = Fraction(3, 2), Fraction(1, 10**6)
    r = Gaussian(0, 1)
    with mpmath.workdps(30):
        up, down = gaussian_jsd(Gaussian(theta_0 + h, 1), r, 30), gaussian_jsd(Gaussian(theta_0 - h, 1), r, 30)
        two_djsd = 2 * (up - down) / (2 * mpmath.mpf(h.numerator) / h.denominator)
    a, b, c = arjovsky_bottou_values(theta_0, 1, dps=16)
    assert abs((float(theta_0) - b) - two_djsd) < 1e-10  # b = d KL - 2 d JSD, d KL = theta_0
    # the minimax generator's gradient (D* fixed) is the gradient of 2 JSD
    assert abs(c - two_djsd) < 1e-10


def test_the_minimax_gradient_saturates(ab_fig: Figure) -> None:
    ts, ns, div, mm = _ab_lines(ab_fig)
    # all three are odd in theta_0 (P_r = N(0, 1) is symmetric)
    assert ns == pytest.approx([-v for v in ns[::-1]], abs=1e-12)
    assert mm == pytest.approx([-v for v in mm[::-1]], abs=1e-12)
    # the non-saturating gradient keeps growing with theta_0 ...
    assert all(u < v for u, v in zip(ns, ns[1:]))
    assert ns[-1] > 0.99 * ts[-1]
    # ... while the minimax one peaks near the data and dies out far from it
    peak = max(range(len(ts)), key=lambda k: mm[k])
    assert 1 <= ts[peak] <= 2 and mm[peak] > 0.4
    assert 0 < mm[-1] < 0.02 and mm[-1] < 0.005 * ns[-1]
    right = [m for t, m in zip(ts, mm) if t >= ts[peak]]
    assert all(u > v for u, v in zip(right, right[1:]))


def test_arjovsky_bottou_refuses_a_non_positive_std() -> None:
    with pytest.raises(ValueError):
        arjovsky_bottou_values(1, 0)
    with pytest.raises(ValueError):
        arjovsky_bottou_values(1, "-0.5")
