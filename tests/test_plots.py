"""The plots check numbers, not pixels: what is drawn is read back from each Figure's lines."""

from __future__ import annotations

import math

import mpmath
import pytest
from matplotlib.figure import Figure

from ganproof.chain import check
from ganproof.chain.verdict import Verdict
from ganproof.library import derivation
from ganproof.reports import plots
from ganproof.reports.plots import (
    PNG_MAGIC,
    QUESTION_SETTING,
    c_of_g_plot,
    c_of_g_value,
    discriminator_objective,
    line_data,
    monte_carlo_plot,
    monte_carlo_run,
    optimal_discriminator_plot,
    png_bytes,
    save_png,
)

LOG4 = math.log(4)


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
    """QUESTION_SETTING is the checker's counterexample to the merged sum: same densities, same values."""
    report = check(derivation("monte_carlo"), dps=20, instances=1)
    (merged,) = [s for s in report.steps if s.chain == 1]
    assert merged.verdict is Verdict.REFUTED and merged.counterexample is not None
    cex = merged.counterexample
    assert cex.instance["p_r"] == QUESTION_SETTING.p_r.description
    assert cex.instance["p_g"] == QUESTION_SETTING.p_g.description
    assert float(cex.lhs) == pytest.approx(mc_run.true_value, abs=1e-12)
    assert float(cex.rhs) == pytest.approx(mc_run.merged_limit, abs=1e-12)


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
