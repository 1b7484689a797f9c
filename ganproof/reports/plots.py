"""Plots for the notebooks and reports: each function returns a matplotlib Figure.

The figures are built on :class:`matplotlib.figure.Figure` directly, never
through ``pyplot``: no global figure state, no backend is chosen or changed,
and nothing needs a screen.  :func:`png_bytes` and :func:`save_png` render a
figure with the Agg canvas.

Every curve is computed by a public function that returns the numbers
(:func:`discriminator_objective_curve`, :func:`c_of_g_curve`,
:func:`monte_carlo_run`), so that the tests check the numbers that are
plotted, not pixels.

* :func:`optimal_discriminator_plot` -- the pointwise objective
  y -> a log y + b log(1 - y) with its maximum at y* = a/(a + b).
* :func:`c_of_g_plot` -- C(G) = -log 4 + 2 JSD(p_data || p_G) for
  p_data = N(0, 1) and p_G the law of theta + z, z ~ N(0, 1), by mpmath
  quadrature; it touches -log 4 at theta = 0 and nowhere else.
* :func:`monte_carlo_plot` -- running sample means of the GAN loss for the
  Monte Carlo question: separate sums (right), one merged sum over samples
  from p_r (wrong, converges to another number), and one sum over a labelled
  equal mixture with binary cross-entropy (right, with its factor 2).

The relatives of the theorem (``ganproof report relatives``):

* :func:`lsgan_plot` -- LSGAN's pointwise objective
  y -> r (y - b)^2/2 + g (y - a)^2/2 with its minimum at y* = (b r + a g)/(r + g).
* :func:`f_gan_plot` -- the f-GAN lower bound E_P[T] - E_Q[f*(T)] along a
  family of critics through the optimal one, for KL and for the GAN f: it
  touches D_KL(P || Q) and 2 JSD(P || Q) - log 4 at the optimal critic only.
* :func:`non_saturating_plot` -- the non-saturating loss E_{p_G}[-log D*]
  and the minimax term E_{p_G}[log(1 - D*)] against a generator parameter.
* :func:`arjovsky_bottou_plot` -- Arjovsky and Bottou's Theorem 2.5: with D*
  held fixed at theta_0, the gradient of the non-saturating loss is the
  gradient of KL(P_theta || P_r) - 2 JSD(P_theta || P_r), each by
  ``mpmath.diff`` of a quadrature; the minimax gradient saturates.

A refuted step, in any report or notebook:

* :func:`counterexample_plot` -- the integrand of (left side - right side) on
  the refuting instance, computed by the numeric layer
  (:mod:`ganproof.numeric.pointwise`), marked where it is largest in size.
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import mpmath
from matplotlib.figure import Figure
from mpmath import mp

from ganproof.numeric.pointwise import DifferenceCurve
from ganproof.numeric.families import (
    ConcreteDensity,
    Gaussian,
    GaussianMixture,
    SigmoidDiscriminator,
    softplus,
)

__all__ = [
    "png_bytes",
    "save_png",
    "line_data",
    "discriminator_objective",
    "discriminator_objective_curve",
    "optimal_discriminator_plot",
    "c_of_g_value",
    "c_of_g_curve",
    "c_of_g_plot",
    "MonteCarloSetting",
    "MonteCarloRun",
    "QUESTION_SETTING",
    "monte_carlo_limits",
    "monte_carlo_run",
    "monte_carlo_plot",
    "lsgan_objective",
    "lsgan_objective_curve",
    "lsgan_plot",
    "F_GAN_P",
    "F_GAN_Q",
    "gaussian_kl",
    "gaussian_jsd",
    "f_gan_bound_value",
    "f_gan_curve",
    "f_gan_plot",
    "non_saturating_values",
    "non_saturating_curve",
    "non_saturating_plot",
    "AB_DPS",
    "arjovsky_bottou_values",
    "arjovsky_bottou_curve",
    "arjovsky_bottou_plot",
    "counterexample_plot",
    "counterexample_caption",
]

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
"""The first eight bytes of every PNG file."""

LOG4 = math.log(4)


# ---------------------------------------------------------------------------
# PNG output
# ---------------------------------------------------------------------------


def png_bytes(fig: Figure, dpi: int = 100) -> bytes:
    """The figure rendered as PNG by the Agg canvas (e.g. for ``IPython.display.Image``)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


def save_png(fig: Figure, path: str | Path, dpi: int = 100) -> Path:
    """Write the figure to ``path`` as PNG (parent folders are created); the path written."""
    from ganproof.reports.files import write_atomic
    return write_atomic(path, png_bytes(fig, dpi))


def line_data(fig: Figure, label: str) -> tuple[list[float], list[float]]:
    """The x and y values of the line labelled ``label`` in ``fig``: the numbers that are drawn."""
    for ax in fig.axes:
        for line in ax.get_lines():
            if line.get_label() == label:
                xs, ys = line.get_xdata(), line.get_ydata()
                return [float(v) for v in xs], [float(v) for v in ys]  # type: ignore[union-attr, arg-type]
    raise KeyError(f"no line labelled {label!r}")


# ---------------------------------------------------------------------------
# (a) the optimal discriminator: maximise a log y + b log(1 - y) on (0, 1)
# ---------------------------------------------------------------------------


def _positive(value: float, what: str) -> float:
    v = float(value)
    if not (v > 0 and math.isfinite(v)):
        raise ValueError(f"{what} must be a positive number, got {value!r}")
    return v


def discriminator_objective(a: float, b: float, y: float) -> float:
    """f(y) = a log y + b log(1 - y), the integrand of V(G, D) at one x with a = p_data(x), b = p_G(x)."""
    return a * math.log(y) + b * math.log1p(-y)


def discriminator_objective_curve(a: float, b: float, points: int = 400) -> tuple[list[float], list[float], float]:
    """Grid ys on (0, 1), the values f(ys), and y* = a/(a + b).

    The grid is ``points`` equally spaced values strictly inside (0, 1), with
    y* itself inserted, so that the largest plotted value is f(y*) exactly.
    """
    a, b = _positive(a, "a"), _positive(b, "b")
    if points < 3:
        raise ValueError(f"points must be at least 3, got {points}")
    y_star = a / (a + b)
    ys = sorted({(k + 0.5) / points for k in range(points)} | {y_star})
    return ys, [discriminator_objective(a, b, y) for y in ys], y_star


def optimal_discriminator_plot(a: float = 0.3, b: float = 0.1, points: int = 400) -> Figure:
    """The pointwise objective y -> a log y + b log(1 - y) on (0, 1), its maximum at y* = a/(a + b) marked.

    ``a`` and ``b`` stand for p_data(x) and p_G(x) at one point x: the value
    of D(x) that maximises the integrand of V(G, D) there is
    D*_G(x) = p_data(x) / (p_data(x) + p_G(x)).  The curve is labelled
    ``"objective"`` and the marked maximum ``"maximum"``.
    """
    ys, fs, y_star = discriminator_objective_curve(a, b, points)
    f_star = discriminator_objective(a, b, y_star)
    fig = Figure(figsize=(6.4, 4.0), layout="constrained")
    ax = fig.add_subplot()
    ax.plot(ys, fs, color="C0", label="objective")
    ax.axvline(y_star, color="0.5", linestyle="--", linewidth=1, label="_y*")
    ax.plot([y_star], [f_star], "o", color="C3", label="maximum")
    ax.annotate(
        f"$y^* = a/(a+b) = {y_star:.4g}$\n$f(y^*) = {f_star:.4g}$",
        xy=(y_star, f_star), xytext=(0.04, 0.9), textcoords="axes fraction", va="top",
    )
    low = max(min(fs), f_star - 4 * (a + b))
    ax.set_ylim(low, f_star + 0.15 * (f_star - low))
    ax.set_xlim(0, 1)
    ax.set_xlabel("$y = D(x)$")
    ax.set_ylabel(r"$f(y) = a \log y + b \log(1 - y)$")
    ax.set_title(f"The optimal discriminator at one x: $a = p_{{data}}(x) = {a:g}$, $b = p_G(x) = {b:g}$")
    ax.grid(alpha=0.3)
    return fig


# ---------------------------------------------------------------------------
# (b) C(G) = -log 4 + 2 JSD(p_data || p_G) against a generator parameter
# ---------------------------------------------------------------------------


def _as_fraction(theta: float | str | Fraction) -> Fraction:
    if isinstance(theta, float):
        return Fraction(repr(theta))  # the decimal as written, not the binary float
    return Fraction(theta)


def c_of_g_value(theta: float | str | Fraction, dps: int = 20) -> mpmath.mpf:
    """C(G) for p_data = N(0, 1) and p_G = N(theta, 1), the law of G_theta(z) = theta + z, z ~ N(0, 1).

    C(G) = V(G, D*_G) = int p_data log(p_data / (p_data + p_G)) + p_G log(p_G / (p_data + p_G)) dx,
    by ``mpmath.quad`` at ``dps`` digits, split at the two modes and their
    midpoint.  The logarithms are computed as -softplus of the difference of
    log-densities, so that no ratio underflows in the tails.  Equal to -log 4
    exactly when theta = 0 (then each log is -log 2).
    """
    t = _as_fraction(theta)
    p_data, p_g = Gaussian(0, 1), Gaussian(t, 1)
    with mp.workdps(dps):
        def integrand(x: mpmath.mpf) -> mpmath.mpf:
            ld, lg = p_data.log_pdf(x), p_g.log_pdf(x)
            return -(mp.exp(ld) * softplus(lg - ld) + mp.exp(lg) * softplus(ld - lg))

        tm = mp.mpf(t.numerator) / t.denominator
        cuts = sorted({mp.mpf(0), tm / 2, tm})
        value = mp.quad(integrand, [-mp.inf, *cuts, mp.inf])
    return +value


def c_of_g_curve(thetas: Sequence[float | str | Fraction] | None = None,
                 dps: int = 20) -> tuple[list[float], list[float]]:
    """thetas and C(G) at each, as floats.

    By default 41 points theta = -3, -2.85, ..., 3 (exact decimals, 0 included).
    """
    if thetas is None:
        thetas = [Fraction(k, 20) * 3 for k in range(-20, 21)]
    ts = [_as_fraction(t) for t in thetas]
    return [float(t) for t in ts], [float(c_of_g_value(t, dps)) for t in ts]


def c_of_g_plot(thetas: Sequence[float | str | Fraction] | None = None, dps: int = 20) -> Figure:
    """C(G) = -log 4 + 2 JSD(p_data || p_G) against theta, for p_data = N(0, 1) and p_G the law of theta + z.

    Computed by quadrature (:func:`c_of_g_value`), with -log 4 drawn as a
    horizontal line: the curve touches it at theta = 0, where p_G = p_data,
    and stays above it elsewhere.  The curve is labelled ``"C(G)"`` and the
    line ``"-log 4"``.
    """
    ts, cs = c_of_g_curve(thetas, dps)
    fig = Figure(figsize=(6.4, 4.0), layout="constrained")
    ax = fig.add_subplot()
    ax.axhline(-LOG4, color="C3", linestyle="--", linewidth=1, label="-log 4")
    ax.axhline(0.0, color="0.6", linestyle=":", linewidth=1, label="_sup")
    ax.plot(ts, cs, "o-", color="C0", markersize=3, label="C(G)")
    ax.set_xlabel(r"$\theta$  ($p_G$ = law of $\theta + z$, $z \sim N(0, 1)$; $p_{data} = N(0, 1)$)")
    ax.set_ylabel(r"$C(G) = -\log 4 + 2\,\mathrm{JSD}(p_{data} \| p_G)$")
    ax.set_title(r"The virtual training criterion: minimum $-\log 4$ at $p_G = p_{data}$")
    ax.annotate(r"$-\log 4$ at $\theta = 0$", xy=(0, -LOG4), xytext=(0.5, -LOG4 + 0.25),
                arrowprops={"arrowstyle": "->"})
    ax.legend(loc="lower right")
    ax.grid(alpha=0.3)
    return fig


# ---------------------------------------------------------------------------
# (c) the Monte Carlo question: where do the samples come from?
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MonteCarloSetting:
    """Concrete p_r, p_g (Gaussians or Gaussian mixtures) and a sigmoid discriminator D."""

    p_r: Gaussian | GaussianMixture
    p_g: Gaussian | GaussianMixture
    discriminator: SigmoidDiscriminator

    @property
    def description(self) -> str:
        return (f"p_r = {self.p_r.description}; p_g = {self.p_g.description}; "
                f"{self.discriminator.description}")


QUESTION_SETTING = MonteCarloSetting(
    p_r=Gaussian("0.3", "1.1"),
    p_g=GaussianMixture((("0.6", "-1", "0.7"), ("0.4", "1.5", "1.2"))),
    discriminator=SigmoidDiscriminator("0.7", "-0.2"),
)
"""The plot's setting for the Monte Carlo derivation (the checker draws its own instances; on this one its
evaluator gives the plot's two limits, see tests/test_plots.py)."""


def _sampler(p: ConcreteDensity) -> Callable[[random.Random], float]:
    """Draws from a Gaussian or a Gaussian mixture with the stdlib generator."""
    if isinstance(p, Gaussian):
        mean, std = float(Fraction(p.mean)), float(Fraction(p.std))
        return lambda rng: rng.gauss(mean, std)
    if isinstance(p, GaussianMixture):
        weights = [float(Fraction(w)) for w, _, _ in p.components]
        parts = [(float(Fraction(m)), float(Fraction(s))) for _, m, s in p.components]

        def draw(rng: random.Random) -> float:
            mean, std = rng.choices(parts, weights)[0]
            return rng.gauss(mean, std)

        return draw
    raise TypeError(f"cannot sample from {type(p).__name__}; use a Gaussian or a GaussianMixture")


def _softplus(t: float) -> float:
    return max(t, 0.0) + math.log1p(math.exp(-abs(t)))


def _log_d(d: SigmoidDiscriminator) -> tuple[Callable[[float], float], Callable[[float], float]]:
    """x -> log D(x) and x -> log(1 - D(x)) in floats, without cancellation."""
    slope, offset = float(Fraction(d.slope)), float(Fraction(d.offset))
    return (lambda x: -_softplus(-(slope * x + offset)), lambda x: -_softplus(slope * x + offset))


def monte_carlo_limits(setting: MonteCarloSetting = QUESTION_SETTING, dps: int = 20) -> tuple[float, float]:
    """(L, merged limit) by quadrature at ``dps`` digits.

    L = E_{x~p_r}[log D(x)] + E_{x~p_g}[log(1 - D(x))] is the loss, the limit
    of the separate sums and of -2 times the labelled mixture's mean binary
    cross-entropy; E_{x~p_r}[log D(x) + log(1 - D(x))] is the limit of the
    merged sum with every sample drawn from p_r.
    """
    d = setting.discriminator
    with mp.workdps(dps):
        def expect(p: ConcreteDensity, f: Callable[[mpmath.mpf], mpmath.mpf]) -> mpmath.mpf:
            lo, hi = p.support()
            return mp.quad(lambda x: p.pdf(x) * f(x), [lo, *p.split_points(), hi])

        e_r_log_d = expect(setting.p_r, d.log_value)
        e_g_log_1md = expect(setting.p_g, d.log_one_minus)
        e_r_log_1md = expect(setting.p_r, d.log_one_minus)
        return float(e_r_log_d + e_g_log_1md), float(e_r_log_d + e_r_log_1md)


@dataclass(frozen=True)
class MonteCarloRun:
    """Running sample means of the three estimators after m = 1, 2, ..., samples.

    ``separate[k]``: mean of log D(x_r) over m = k + 1 samples from p_r plus
    the mean of log(1 - D(x_g)) over as many samples from p_g.
    ``merged[k]``: mean of log D(x) + log(1 - D(x)) over the same samples
    x ~ p_r (one sample set standing for both terms).
    ``mixture[k]``: -2 times the mean binary cross-entropy CE(y, D(x)) over
    labelled samples (x, y) from the equal mixture (p_r, 1) / (p_g, 0).
    ``stderr``: the final standard error of each estimator (sample standard
    deviation of its terms over the square root of the number of samples).
    """

    setting: MonteCarloSetting
    seed: int
    m: tuple[int, ...]
    separate: tuple[float, ...]
    merged: tuple[float, ...]
    mixture: tuple[float, ...]
    true_value: float
    merged_limit: float
    stderr: dict[str, float]


def _running(terms: Sequence[float]) -> tuple[tuple[float, ...], float]:
    """Running means and the final standard error."""
    out, total = [], 0.0
    for k, t in enumerate(terms, 1):
        total += t
        out.append(total / k)
    n, mean = len(terms), out[-1]
    var = math.fsum((t - mean) ** 2 for t in terms) / (n - 1) if n > 1 else math.inf
    return tuple(out), math.sqrt(var / n)


def monte_carlo_run(seed: int = 0, samples: int = 20000,
                    setting: MonteCarloSetting = QUESTION_SETTING) -> MonteCarloRun:
    """Draw ``samples`` samples per estimator with ``random.Random(seed)``; the running means and their limits."""
    if samples < 2:
        raise ValueError(f"samples must be at least 2, got {samples}")
    rng = random.Random(seed)
    draw_r, draw_g = _sampler(setting.p_r), _sampler(setting.p_g)
    log_d, log_1md = _log_d(setting.discriminator)
    xr = [draw_r(rng) for _ in range(samples)]
    xg = [draw_g(rng) for _ in range(samples)]
    separate_terms = [log_d(a) + log_1md(b) for a, b in zip(xr, xg)]
    merged_terms = [log_d(a) + log_1md(a) for a in xr]
    mixture_terms = []
    for _ in range(samples):
        y = rng.random() < 0.5
        x = draw_r(rng) if y else draw_g(rng)
        bce = -log_d(x) if y else -log_1md(x)  # CE(y, D(x)) = -(y log D + (1 - y) log(1 - D))
        mixture_terms.append(-2 * bce)
    separate, se_sep = _running(separate_terms)
    merged, se_mer = _running(merged_terms)
    mixture, se_mix = _running(mixture_terms)
    true_value, merged_limit = monte_carlo_limits(setting)
    return MonteCarloRun(setting, seed, tuple(range(1, samples + 1)), separate, merged, mixture,
                         true_value, merged_limit, {"separate": se_sep, "merged": se_mer, "mixture": se_mix})


def monte_carlo_plot(seed: int = 0, samples: int = 20000, setting: MonteCarloSetting = QUESTION_SETTING,
                     run: MonteCarloRun | None = None) -> Figure:
    """Running sample means against m for the Monte Carlo question, with the true value L marked.

    The separate sums (x_r ~ p_r for log D, x_g ~ p_g for log(1 - D)) and the
    labelled mixture with binary cross-entropy converge to L; the merged sum
    over x ~ p_r for both terms converges to E_{p_r}[log D + log(1 - D)], a
    different number.  Lines are labelled ``"separate"``, ``"merged"``,
    ``"mixture"``, ``"L"`` and ``"merged limit"``.  Pass ``run`` to plot a
    :func:`monte_carlo_run` already computed.
    """
    if run is None:
        run = monte_carlo_run(seed, samples, setting)
    fig = Figure(figsize=(7.6, 5.2), layout="constrained")
    ax = fig.add_subplot()
    ax.plot(run.m, run.separate, color="C0", linewidth=1,
            label="separate")
    ax.plot(run.m, run.mixture, color="C2", linewidth=1, alpha=0.8,
            label="mixture")
    ax.plot(run.m, run.merged, color="C3", linewidth=1,
            label="merged")
    ax.axhline(run.true_value, color="k", linestyle="--", linewidth=1, label="L")
    ax.axhline(run.merged_limit, color="C3", linestyle=":", linewidth=1, label="merged limit")
    ax.set_xscale("log")
    spread = abs(run.true_value - run.merged_limit)
    centre = (run.true_value + run.merged_limit) / 2
    half = max(4 * spread, 0.2)
    ax.set_ylim(centre - half, centre + half)
    ax.set_xlim(1, run.m[-1])
    ax.set_xlabel("m (samples per sum)")
    ax.set_ylabel("running sample mean")
    ax.set_title("Monte Carlo estimates of L(D, G): where the samples come from")
    handles = ax.get_lines()
    names = {
        "separate": r"$\frac{1}{m}\sum \log D(x^{(r)}_i) + \frac{1}{m}\sum \log(1 - D(x^{(g)}_j))$",
        "mixture": r"$-\frac{2}{m}\sum CE(y_i, D(x_i))$, $(x_i, y_i)$ from the labelled mixture",
        "merged": r"merged: $\frac{1}{m}\sum [\log D(x_i) + \log(1 - D(x_i))]$, $x_i \sim p_r$",
        "L": f"L = {run.true_value:.6f} (quadrature)",
        "merged limit": rf"$E_{{p_r}}[\log D + \log(1 - D)]$ = {run.merged_limit:.6f}",
    }
    ax.legend(handles, [names[str(h.get_label())] for h in handles], loc="upper center",
              bbox_to_anchor=(0.5, -0.14), ncol=2, fontsize=8)
    ax.grid(alpha=0.3)
    return fig


# ---------------------------------------------------------------------------
# (d) LSGAN: minimise r (y - b)^2/2 + g (y - a)^2/2 over real y
# ---------------------------------------------------------------------------


def _finite(value: float, what: str) -> float:
    v = float(value)
    if not math.isfinite(v):
        raise ValueError(f"{what} must be a finite number, got {value!r}")
    return v


def lsgan_objective(r: float, g: float, y: float, a: float = -1.0, b: float = 1.0) -> float:
    """f(y) = r (y - b)^2/2 + g (y - a)^2/2: LSGAN's discriminator loss at one x.

    r = p_data(x), g = p_G(x), y = D(x); b is the target for real samples and
    a the target for generated ones.
    """
    return r * (y - b) ** 2 / 2 + g * (y - a) ** 2 / 2


def lsgan_objective_curve(r: float = 0.3, g: float = 0.1, a: float = -1.0, b: float = 1.0,
                          points: int = 401) -> tuple[list[float], list[float], float]:
    """Grid ys around the targets, the values f(ys), and y* = (b r + a g)/(r + g).

    The grid is ``points`` equally spaced values from min(a, b) - w/2 to
    max(a, b) + w/2 (w = |b - a|, or 1 when a = b), with y* inserted and any
    grid value within a tenth of the spacing of it dropped, so that the
    smallest plotted value is f(y*) and no rounding tie sits beside it.
    """
    r, g = _positive(r, "r"), _positive(g, "g")
    a, b = _finite(a, "a"), _finite(b, "b")
    if points < 3:
        raise ValueError(f"points must be at least 3, got {points}")
    y_star = (b * r + a * g) / (r + g)
    w = abs(b - a) or 1.0
    lo, hi = min(a, b) - w / 2, max(a, b) + w / 2
    step = (hi - lo) / (points - 1)
    grid = (lo + step * k for k in range(points))
    ys = sorted({y for y in grid if abs(y - y_star) > step / 10} | {y_star})
    return ys, [lsgan_objective(r, g, y, a, b) for y in ys], y_star


def lsgan_plot(r: float = 0.3, g: float = 0.1, a: float = -1.0, b: float = 1.0, points: int = 401) -> Figure:
    """LSGAN's pointwise objective r (y - b)^2/2 + g (y - a)^2/2 over real y, its minimum at y* marked.

    ``r`` and ``g`` stand for p_data(x) and p_G(x) at one point x, ``a`` and
    ``b`` for the targets of generated and real samples: the minimiser is
    D*(x) = (b p_data(x) + a p_G(x))/(p_data(x) + p_G(x)), a weighted mean of
    the targets.  The two terms are drawn dashed.  Lines are labelled
    ``"objective"``, ``"real term"``, ``"fake term"`` and the marked minimum
    ``"minimum"``.
    """
    ys, fs, y_star = lsgan_objective_curve(r, g, a, b, points)
    f_star = lsgan_objective(r, g, y_star, a, b)
    fig = Figure(figsize=(6.4, 4.6), layout="constrained")
    ax = fig.add_subplot()
    ax.plot(ys, [r * (y - b) ** 2 / 2 for y in ys], color="C1", linestyle="--", linewidth=1, label="real term")
    ax.plot(ys, [g * (y - a) ** 2 / 2 for y in ys], color="C2", linestyle="--", linewidth=1, label="fake term")
    ax.plot(ys, fs, color="C0", label="objective")
    ax.axvline(y_star, color="0.5", linestyle=":", linewidth=1, label="_y*")
    ax.plot([y_star], [f_star], "o", color="C3", label="minimum")
    ax.annotate(
        f"$y^* = (b r + a g)/(r + g) = {y_star:.4g}$\n$f(y^*) = {f_star:.4g}$",
        xy=(y_star, f_star), xytext=(0.5, 0.96), textcoords="axes fraction", ha="center", va="top",
        arrowprops={"arrowstyle": "->", "color": "0.3"},
    )
    ax.set_xlim(ys[0], ys[-1])
    ax.set_ylim(0, 1.3 * max(fs))
    ax.set_xlabel("$y = D(x)$")
    ax.set_ylabel(r"$f(y) = \frac{r}{2}(y - b)^2 + \frac{g}{2}(y - a)^2$")
    ax.set_title(f"LSGAN's discriminator at one x: $r = p_{{data}}(x) = {r:g}$, $g = p_G(x) = {g:g}$,\n"
                 f"targets $b = {b:g}$ (real) and $a = {a:g}$ (generated)")
    handles = [h for h in ax.get_lines() if not str(h.get_label()).startswith("_")]
    names = {
        "real term": r"$\frac{r}{2}(y - b)^2$ (real samples)",
        "fake term": r"$\frac{g}{2}(y - a)^2$ (generated samples)",
        "objective": "$f(y)$",
        "minimum": r"minimum at $y^* = D^*(x)$",
    }
    ax.legend(handles, [names[str(h.get_label())] for h in handles], loc="upper center",
              bbox_to_anchor=(0.5, -0.14), ncol=2, fontsize=8)
    ax.grid(alpha=0.3)
    return fig


# ---------------------------------------------------------------------------
# (e) the f-GAN bound along a family of critics
# ---------------------------------------------------------------------------

F_GAN_P = Gaussian("0.5", "0.8")
"""P of the f-GAN figure (p_data in the GAN case)."""
F_GAN_Q = Gaussian("-0.5", "1.2")
"""Q of the f-GAN figure (p_G in the GAN case): another mean and another variance."""

F_GAN_DIVERGENCES = ("KL", "GAN")
"""The f-GAN cases :func:`f_gan_bound_value` computes."""


def _mp_param(p: str | int | Fraction) -> mpmath.mpf:
    """An exact parameter as an mpf at the current precision."""
    f = Fraction(p)
    return mp.mpf(f.numerator) / f.denominator


def _quad_over_tails(f: Callable[[mpmath.mpf], mpmath.mpf], densities: Sequence[Gaussian],
                     cuts: Sequence[mpmath.mpf]) -> mpmath.mpf:
    """int f dx over R by ``mpmath.quad`` at the current precision, split at ``cuts``.

    ``f`` is one of ``densities`` (or a sum of them) times a function that
    grows at most polynomially, so the far tails, where every density is below
    2^-(prec + 20), are left out: the same value to the working precision at
    about half the cost of the two infinite intervals.
    """
    ends = [d.tail_cut(mp.prec + 20) for d in densities]
    lo, hi = min(e[0] for e in ends), max(e[1] for e in ends)
    return mp.quad(f, sorted({lo, *cuts, hi}))


def gaussian_kl(p: Gaussian = F_GAN_P, q: Gaussian = F_GAN_Q, dps: int = 20) -> mpmath.mpf:
    """KL(P || Q) for Gaussians in closed form: log(s_q/s_p) + (s_p^2 + (m_p - m_q)^2)/(2 s_q^2) - 1/2."""
    with mp.workdps(dps):
        mp_, sp_, mq, sq = (_mp_param(v) for v in (p.mean, p.std, q.mean, q.std))
        value = mp.log(sq / sp_) + (sp_ ** 2 + (mp_ - mq) ** 2) / (2 * sq ** 2) - mp.mpf(1) / 2
    return +value


def gaussian_jsd(p: Gaussian = F_GAN_P, q: Gaussian = F_GAN_Q, dps: int = 20) -> mpmath.mpf:
    """JSD(P || Q) = H(M) - (H(P) + H(Q))/2 with M = (P + Q)/2.

    The Gaussians' entropies are closed forms (log s + (1 + log 2 pi)/2); the
    mixture's entropy -int m log m is by ``mpmath.quad`` split at the two
    means (far tails left out).  A route to the JSD that shares no integral with the critics'
    bound of :func:`f_gan_bound_value`.
    """
    with mp.workdps(dps):
        def neg_m_log_m(x: mpmath.mpf) -> mpmath.mpf:
            lp, lq = p.log_pdf(x), q.log_pdf(x)
            log_m = lp + softplus(lq - lp) - mp.ln2
            return -mp.exp(log_m) * log_m

        h_m = _quad_over_tails(neg_m_log_m, (p, q), (_mp_param(p.mean), _mp_param(q.mean)))
        h_pq = mp.log(_mp_param(p.std)) + mp.log(_mp_param(q.std)) + 1 + mp.log(2 * mp.pi)
        value = h_m - h_pq / 2
    return +value


def f_gan_bound_value(s: float | str | Fraction, divergence: str = "KL", p: Gaussian = F_GAN_P,
                      q: Gaussian = F_GAN_Q, dps: int = 20) -> mpmath.mpf:
    """J(s) = E_P[T_s] - E_Q[f*(T_s)] for the critic T_s through the optimal one, by quadrature.

    With l(x) = log(p(x)/q(x)) and h(x) = tanh(x), a bounded direction:

    * ``"KL"``: f(u) = u log u, f*(t) = e^(t - 1), T_s(x) = 1 + l(x) + s h(x)
      (T_0 = T* = f'(p/q)); J(0) = KL(P || Q).
    * ``"GAN"``: f(u) = u log u - (u + 1) log(u + 1), f*(t) = -log(1 - e^t),
      T_s = log D_s with D_s(x) = sigmoid(l(x) + s h(x)) (D_0 = D* = p/(p + q));
      J(s) = E_P[log D_s] + E_Q[log(1 - D_s)] = V(G, D_s), and
      J(0) = 2 JSD(P || Q) - log 4.

    One integral int p T_s - q f*(T_s) dx (the bound as the derivation writes
    it), by ``mpmath.quad`` at ``dps`` digits split at the two means (far
    tails left out), with
    logarithms and f* evaluated from log-densities (softplus), never from a
    ratio that could underflow.
    """
    if divergence not in F_GAN_DIVERGENCES:
        raise ValueError(f"divergence must be one of {', '.join(F_GAN_DIVERGENCES)}, got {divergence!r}")
    t = _as_fraction(s)
    with mp.workdps(dps):
        sv = mp.mpf(t.numerator) / t.denominator

        if divergence == "KL":
            def integrand(x: mpmath.mpf) -> mpmath.mpf:
                lp, lq = p.log_pdf(x), q.log_pdf(x)
                critic = 1 + lp - lq + sv * mp.tanh(x)
                return mp.exp(lp) * critic - mp.exp(lq + critic - 1)  # p T - q f*(T)
        else:
            def integrand(x: mpmath.mpf) -> mpmath.mpf:
                lp, lq = p.log_pdf(x), q.log_pdf(x)
                logit = lp - lq + sv * mp.tanh(x)
                # p log D - q (-log(1 - D)) with log D = -softplus(-logit), log(1 - D) = -softplus(logit)
                return -(mp.exp(lp) * softplus(-logit) + mp.exp(lq) * softplus(logit))

        value = _quad_over_tails(integrand, (p, q), (_mp_param(p.mean), _mp_param(q.mean)))
    return +value


def f_gan_curve(divergence: str = "KL", ss: Sequence[float | str | Fraction] | None = None,
                p: Gaussian = F_GAN_P, q: Gaussian = F_GAN_Q, dps: int = 20) -> tuple[list[float], list[float]]:
    """ss and J(s) at each, as floats (:func:`f_gan_bound_value`).

    By default 25 points s = -1.5, -1.375, ..., 1.5 (exact, 0 included).
    """
    if ss is None:
        ss = [Fraction(k, 8) for k in range(-12, 13)]
    fs = [_as_fraction(s) for s in ss]
    return [float(s) for s in fs], [float(f_gan_bound_value(s, divergence, p, q, dps)) for s in fs]


def f_gan_plot(ss: Sequence[float | str | Fraction] | None = None, p: Gaussian = F_GAN_P,
               q: Gaussian = F_GAN_Q, dps: int = 20) -> Figure:
    """The f-GAN lower bound J(s) against s, for KL (left) and for the GAN f (right).

    Each panel draws J(s) = E_P[T_s] - E_Q[f*(T_s)] (:func:`f_gan_bound_value`)
    and the divergence as a horizontal line: D_KL(P || Q) in closed form
    (:func:`gaussian_kl`) and 2 JSD(P || Q) - log 4 from the entropies
    (:func:`gaussian_jsd`).  The curve stays below the line and touches it at
    s = 0, the optimal critic T* = f'(p/q), where the curve's own value is
    marked.  Lines are labelled ``"J_KL"``, ``"KL"``, ``"tight KL"``,
    ``"J_GAN"``, ``"2 JSD - log 4"`` and ``"tight GAN"`` (the marks only when
    0 is among ``ss``).
    """
    kl = float(gaussian_kl(p, q, dps))
    gan = float(2 * gaussian_jsd(p, q, dps) - mpmath.log(4))
    fig = Figure(figsize=(9.6, 4.6), layout="constrained")
    axes = fig.subplots(1, 2)
    panels = (
        ("KL", kl, r"$D_{KL}(P \| Q)$", r"$T_s = 1 + \log\frac{p}{q} + s\ \tanh x$, $f^*(t) = e^{t - 1}$",
         r"$E_P[T_s] - E_Q[e^{T_s - 1}]$"),
        ("GAN", gan, r"$2\,\mathrm{JSD}(P \| Q) - \log 4$",
         r"$T_s = \log D_s$, $D_s = \sigma(\log\frac{p}{q} + s\ \tanh x)$",
         r"$E_P[\log D_s] + E_Q[\log(1 - D_s)]$"),
    )
    for ax, (name, level, level_tex, family_tex, bound_tex) in zip(axes, panels):
        xs, js = f_gan_curve(name, ss, p, q, dps)
        line_label = "KL" if name == "KL" else "2 JSD - log 4"
        ax.axhline(level, color="C3", linestyle="--", linewidth=1, label=line_label)
        ax.plot(xs, js, "o-", color="C0", markersize=3, label=f"J_{name}")
        if 0.0 in xs:  # the curve's own value at the optimal critic
            ax.plot([0.0], [js[xs.index(0.0)]], "o", color="C3", markersize=6, label=f"tight {name}")
        span = level - min(js)
        ax.set_ylim(min(js) - 0.08 * span, level + 0.45 * span)
        ax.set_xlabel(r"$s$  (critic $T_s$; $s = 0$ is $T^* = f'(p/q)$)")
        ax.set_ylabel(r"$J(s) = E_P[T_s] - E_Q[f^*(T_s)]$")
        ax.set_title(f"{name}: {family_tex}", fontsize=9)
        names = {line_label: f"{level_tex} = {level:.6f}", f"J_{name}": f"$J(s)$ = {bound_tex}",
                 f"tight {name}": "equality at $s = 0$"}
        handles = ax.get_lines()
        ax.legend(handles, [names[str(h.get_label())] for h in handles], loc="upper center", fontsize=8)
        ax.grid(alpha=0.3)
    fig.suptitle(f"The f-GAN bound $D_f(P \\| Q) \\geq E_P[T] - E_Q[f^*(T)]$ for "
                 f"$P = {p.description}$, $Q = {q.description}$", fontsize=11)
    return fig


# ---------------------------------------------------------------------------
# (f) the non-saturating generator loss against the minimax one
# ---------------------------------------------------------------------------


def non_saturating_values(theta: float | str | Fraction, std: str | int | Fraction = 1,
                          dps: int = 20) -> tuple[mpmath.mpf, mpmath.mpf]:
    """(E_{p_G}[-log D*], E_{p_G}[log(1 - D*)]) for p_data = N(0, 1) and p_G = N(theta, std^2).

    D* = p_data/(p_data + p_G).  Both by ``mpmath.quad`` at ``dps`` digits,
    split at the two means and their midpoint (far tails left out), from log-densities:
    -log D* = softplus(log p_G - log p_data) and
    log(1 - D*) = -softplus(log p_data - log p_G).  The first is log 2 and the
    second -log 2 at p_G = p_data; their sum is KL(p_G || p_data)
    (the derivation's third chain).
    """
    t = _as_fraction(theta)
    p_data, p_g = Gaussian(0, 1), Gaussian(t, std)
    with mp.workdps(dps):
        def ns(x: mpmath.mpf) -> mpmath.mpf:
            ld, lg = p_data.log_pdf(x), p_g.log_pdf(x)
            return mp.exp(lg) * softplus(lg - ld)

        def minimax(x: mpmath.mpf) -> mpmath.mpf:
            ld, lg = p_data.log_pdf(x), p_g.log_pdf(x)
            return -mp.exp(lg) * softplus(ld - lg)

        tm = mp.mpf(t.numerator) / t.denominator
        cuts = (mp.mpf(0), tm / 2, tm)
        values = _quad_over_tails(ns, (p_data, p_g), cuts), _quad_over_tails(minimax, (p_data, p_g), cuts)
    return +values[0], +values[1]


def non_saturating_curve(thetas: Sequence[float | str | Fraction] | None = None, std: str | int | Fraction = 1,
                         dps: int = 20) -> tuple[list[float], list[float], list[float]]:
    """thetas, the non-saturating loss and the minimax term at each, as floats.

    By default 25 points theta = -4, -11/3, ..., 4 (exact thirds, 0 included).
    """
    if thetas is None:
        thetas = [Fraction(k, 3) for k in range(-12, 13)]
    ts = [_as_fraction(t) for t in thetas]
    pairs = [non_saturating_values(t, std, dps) for t in ts]
    return [float(t) for t in ts], [float(a) for a, _ in pairs], [float(b) for _, b in pairs]


def non_saturating_plot(thetas: Sequence[float | str | Fraction] | None = None, std: str | int | Fraction = 1,
                        dps: int = 20) -> Figure:
    """The generator's two losses at D* against theta, for p_data = N(0, 1) and p_G = N(theta, std^2).

    The non-saturating loss E_{p_G}[-log D*] (at least log 2, equal at
    p_G = p_data) and the minimax term E_{p_G}[log(1 - D*)] (at least -log 2,
    below 0), with log 2 drawn as a horizontal line.  Lines are labelled
    ``"non-saturating"``, ``"minimax"`` and ``"log 2"``.
    """
    ts, ns, mm = non_saturating_curve(thetas, std, dps)
    log2 = math.log(2)
    fig = Figure(figsize=(6.4, 4.8), layout="constrained")
    ax = fig.add_subplot()
    ax.axhline(log2, color="C3", linestyle="--", linewidth=1, label="log 2")
    ax.axhline(0.0, color="0.6", linestyle=":", linewidth=1, label="_sup")
    ax.plot(ts, ns, "o-", color="C0", markersize=3, label="non-saturating")
    ax.plot(ts, mm, "o-", color="C1", markersize=3, label="minimax")
    ax.set_xlabel(rf"$\theta$  ($p_G = N(\theta, {_fmt_param(std)}^2)$, $p_{{data}} = N(0, 1)$)")
    ax.set_ylabel("loss of the generator at $D^*$")
    ax.set_title("Non-saturating against minimax: the generator's loss at the optimal discriminator", fontsize=10)
    names = {
        "log 2": r"$\log 2$, the minimum of $E_{p_G}[-\log D^*]$",
        "non-saturating": r"non-saturating $E_{p_G}[-\log D^*]$",
        "minimax": r"minimax $E_{p_G}[\log(1 - D^*)]$",
    }
    handles = [h for h in ax.get_lines() if not str(h.get_label()).startswith("_")]
    ax.legend(handles, [names[str(h.get_label())] for h in handles], loc="upper center", fontsize=8)
    top = max(ns)
    ax.set_ylim(min(mm) - 0.1 * top, 1.35 * top)
    zero = ts.index(0.0) if 0.0 in ts else None
    if zero is not None:
        ax.annotate(rf"$\log 2$ at $\theta = 0$", xy=(0.0, ns[zero]), xytext=(0.0, 0.3 * top), ha="center",
                    arrowprops={"arrowstyle": "->", "color": "0.3"})
    far = max(range(len(ts)), key=ts.__getitem__)
    ax.annotate("minimax: flat just below 0\n(saturated: almost no slope)", xy=(ts[far], mm[far]),
                xytext=(0.75 * ts[far], 0.18 * top), ha="center", fontsize=8,
                arrowprops={"arrowstyle": "->", "color": "0.3"})
    ax.grid(alpha=0.3)
    return fig


# ---------------------------------------------------------------------------
# (g) Arjovsky and Bottou (2017), Theorem 2.5: the non-saturating gradient
# ---------------------------------------------------------------------------

AB_DPS = 8
"""Digits of :func:`arjovsky_bottou_plot`'s numbers (``mpmath.diff`` works at about twice as many)."""

_AB_ADDPREC = 4
"""``mpmath.diff``'s extra bits for its step h = 2^-(prec + 4), at working precision 2 (prec + 8).

Its rounding error eps_work/h and its truncation error h^2 are then below
2^-(prec + 4), and the quadratures run at that working precision, so the
derivative is good to the last digit of ``dps``; the default 10 costs
about 40% more time for nothing that shows.
"""


def arjovsky_bottou_values(theta_0: float | str | Fraction, std: str | int | Fraction = 1,
                           dps: int = AB_DPS) -> tuple[mpmath.mpf, mpmath.mpf, mpmath.mpf]:
    """Three gradients in theta at theta_0, for P_r = N(0, 1) and P_theta = N(theta, std^2).

    D*(x) = p_r(x)/(p_r(x) + p_theta_0(x)) is computed at theta_0 and held
    fixed while theta moves.  Returned, in this order:

    * the non-saturating gradient d/dtheta E_{x~P_theta}[-log D*(x)],
    * the gradient of KL(P_theta || P_r) - 2 JSD(P_theta || P_r): theta_0
      (d/dtheta KL(N(theta, s^2) || N(0, 1)) = theta, closed form) minus twice
      the derivative of JSD(P_theta || P_r) = H(M) - (H(P_theta) + H(P_r))/2,
      with the mixture's entropy by quadrature and the Gaussians' in closed form,
    * the minimax gradient d/dtheta E_{x~P_theta}[log(1 - D*(x))].

    Each derivative is ``mpmath.diff`` (a central difference at about twice
    the precision) of a function of theta that is one ``mpmath.quad``
    (Gauss-Legendre, split at the modes of the densities in the weight, far
    tails left out), at ``dps`` digits.  Logarithms come from log-densities:
    -log D* = softplus(l) and log(1 - D*) = -softplus(-l), with
    l = log p_theta_0 - log p_r.  Theorem 2.5 says the first two are equal;
    the first and the third add up to theta_0 (their integrands add up to l,
    and d/dtheta E_{P_theta}[l] = theta_0 at theta_0).
    """
    t, sf = _as_fraction(theta_0), _require_std(std)
    with mp.workdps(dps):
        t0 = mp.mpf(t.numerator) / t.denominator

        def constants() -> tuple[mpmath.mpf, ...]:
            """s, log s, 1/(2 s^2), log-normalisers, tail width, at the precision ``mpmath.diff`` works at."""
            s = mp.mpf(sf.numerator) / sf.denominator
            log_s, log_c_r = mp.log(s), -mp.log(2 * mp.pi) / 2
            width = mp.sqrt(2 * (mp.prec + 10) * mp.ln2) + 1  # in standard deviations: e^(-w^2/2) < 2^-(prec + 10)
            return s, log_s, 1 / (2 * s * s), log_c_r - log_s, log_c_r, width

        def expect(theta: mpmath.mpf, of_logit: Callable[[mpmath.mpf], mpmath.mpf]) -> mpmath.mpf:
            """E_{x~P_theta}[of_logit(l(x))], l = log p_theta_0 - log p_r, split at the mode theta."""
            s, log_s, h, log_c, _, width = constants()

            def integrand(x: mpmath.mpf) -> mpmath.mpf:
                d, d0 = x - theta, x - t0
                return mp.exp(log_c - d * d * h) * of_logit(x * x / 2 - d0 * d0 * h - log_s)

            return mp.quad(integrand, [theta - width * s, theta, theta + width * s], method="gauss-legendre")

        def jsd(theta: mpmath.mpf) -> mpmath.mpf:
            """JSD(P_theta || P_r) = H(M) - (H(P_theta) + H(P_r))/2, M = (P_theta + P_r)/2."""
            s, log_s, h, log_c, log_c_r, width = constants()

            def neg_m_log_m(x: mpmath.mpf) -> mpmath.mpf:
                d = x - theta
                lp, lr = log_c - d * d * h, log_c_r - x * x / 2
                log_m = lr + softplus(lp - lr) - mp.ln2
                return -mp.exp(log_m) * log_m

            lo, hi = min(theta - width * s, -width), max(theta + width * s, width)
            h_m = mp.quad(neg_m_log_m, sorted({lo, mp.mpf(0), theta, hi}), method="gauss-legendre")
            return h_m - (log_s + 1 + mp.log(2 * mp.pi)) / 2

        def diff(f: Callable[[mpmath.mpf], mpmath.mpf]) -> mpmath.mpf:
            return mp.diff(f, t0, addprec=_AB_ADDPREC)

        non_saturating = diff(lambda theta: expect(theta, softplus))
        divergence = t0 - 2 * diff(jsd)
        minimax = diff(lambda theta: expect(theta, lambda logit: -softplus(-logit)))
    return +non_saturating, +divergence, +minimax


def _require_std(std: str | int | Fraction) -> Fraction:
    f = _as_fraction(std)
    if not f > 0:
        raise ValueError(f"std must be positive, got {std!r}")
    return f


def arjovsky_bottou_curve(thetas: Sequence[float | str | Fraction] | None = None, std: str | int | Fraction = 1,
                          dps: int = AB_DPS) -> tuple[list[float], list[float], list[float], list[float]]:
    """theta_0s and the three gradients of :func:`arjovsky_bottou_values` at each, as floats.

    By default 25 points theta_0 = -6, -5.5, ..., 6 (0 included): wide enough
    that the minimax gradient has visibly died out at the ends.
    """
    if thetas is None:
        thetas = [Fraction(k, 2) for k in range(-12, 13)]
    ts = [_as_fraction(t) for t in thetas]
    triples = [arjovsky_bottou_values(t, std, dps) for t in ts]
    return ([float(t) for t in ts], [float(a) for a, _, _ in triples], [float(b) for _, b, _ in triples],
            [float(c) for _, _, c in triples])


def arjovsky_bottou_plot(thetas: Sequence[float | str | Fraction] | None = None, std: str | int | Fraction = 1,
                         dps: int = AB_DPS) -> Figure:
    """Theorem 2.5 of Arjovsky and Bottou against theta_0, for P_r = N(0, 1) and P_theta = N(theta, std^2).

    The non-saturating gradient (a line) and the gradient of
    KL(P_theta || P_r) - 2 JSD(P_theta || P_r) (markers on it), computed
    independently (:func:`arjovsky_bottou_values`); the minimax gradient,
    which dies out as |theta_0| grows (saturation); and d/dtheta KL = theta_0
    dotted, of which the non-saturating gradient falls short by exactly the
    minimax one.  Lines are labelled ``"non-saturating"``, ``"KL - 2 JSD"``,
    ``"minimax"`` and ``"KL"``.
    """
    ts, ns, div, mm = arjovsky_bottou_curve(thetas, std, dps)
    fig = Figure(figsize=(6.8, 5.0), layout="constrained")
    ax = fig.add_subplot()
    ax.axhline(0.0, color="0.6", linewidth=0.8, label="_zero")
    ax.plot(ts, ts, ":", color="0.4", linewidth=1.2, label="KL")
    ax.plot(ts, ns, "-", color="C0", linewidth=2, label="non-saturating")
    ax.plot(ts, div, "o", color="C3", markersize=6, markerfacecolor="none", markeredgewidth=1.4, label="KL - 2 JSD")
    ax.plot(ts, mm, ".-", color="C1", markersize=5, label="minimax")
    ax.set_xlabel(rf"$\theta_0$  ($P_\theta = N(\theta, {_fmt_param(std)}^2)$, $P_r = N(0, 1)$)")
    ax.set_ylabel(r"gradient in $\theta$ at $\theta_0$, $D^* = p_r/(p_r + p_{\theta_0})$ held fixed")
    ax.set_title("Arjovsky and Bottou, Theorem 2.5: the non-saturating generator follows\n"
                 r"$\mathrm{KL}(P_\theta \| P_r) - 2\,\mathrm{JSD}(P_\theta \| P_r)$", fontsize=10)
    names = {
        "KL": r"$\frac{d}{d\theta} \mathrm{KL}(P_\theta \| P_r) = \theta_0$",
        "non-saturating": r"non-saturating: $\frac{d}{d\theta} E_{P_\theta}[-\log D^*]$",
        "KL - 2 JSD": r"$\frac{d}{d\theta} [\mathrm{KL}(P_\theta \| P_r) - 2\,\mathrm{JSD}(P_\theta \| P_r)]$",
        "minimax": r"minimax: $\frac{d}{d\theta} E_{P_\theta}[\log(1 - D^*)]$",
    }
    handles = [h for h in ax.get_lines() if not str(h.get_label()).startswith("_")]
    ax.legend(handles, [names[str(h.get_label())] for h in handles], loc="upper left", fontsize=8)
    far = max(range(len(ts)), key=ts.__getitem__)
    if ts[far] > 0:
        ax.annotate("minimax: saturates\n(gradient dies out)", xy=(ts[far], mm[far]),
                    xytext=(0.72 * ts[far], -0.28 * ts[far]), ha="center", fontsize=8,
                    arrowprops={"arrowstyle": "->", "color": "0.3"})
    ax.grid(alpha=0.3)
    return fig


# ---------------------------------------------------------------------------
# A refuted step: where its two sides differ
# ---------------------------------------------------------------------------


def counterexample_caption(curve: DifferenceCurve, label: str) -> str:
    """The caption of :func:`counterexample_plot`, in words."""
    v = curve.variable
    return (f"{label}: where the two sides differ on the counterexample, the integrand of (left side - right "
            f"side) over {v}; it is largest in size at {v} = {curve.largest_at:.4g}, where it is "
            f"{curve.largest:.4g}.")


def counterexample_plot(curve: DifferenceCurve, label: str = "") -> Figure:
    """The pointwise difference of a refuted step's integrands on the refuting instance
    (:meth:`ganproof.chain.verdict.Counterexample.curve`, computed by the numeric layer), the area between it
    and zero shaded, its largest magnitude marked.  The curve is labelled ``"difference"`` and the mark
    ``"largest"``."""
    fig = Figure(figsize=(5.6, 2.8), layout="constrained")
    ax = fig.add_subplot()
    ax.axhline(0, color="0.5", linewidth=0.8)
    ax.plot(curve.xs, curve.ys, color="C3", label="difference")
    ax.fill_between(curve.xs, curve.ys, 0, color="C3", alpha=0.15)
    ax.plot([curve.largest_at], [curve.largest], "o", color="k", markersize=4, label="largest")
    ax.annotate(f"${curve.variable} = {curve.largest_at:.4g}$", xy=(curve.largest_at, curve.largest),
                xytext=(6, 6), textcoords="offset points")
    ax.set_xlim(curve.xs[0], curve.xs[-1])
    ax.set_xlabel(f"${curve.variable}$")
    ax.set_ylabel("left $-$ right integrand")
    if label:
        ax.set_title(f"{label}: where the sides differ", fontsize=10)
    ax.grid(alpha=0.3)
    return fig


def _fmt_param(p: str | int | Fraction) -> str:
    f = Fraction(p)
    return str(f.numerator) if f.denominator == 1 else f"{float(f):g}"


REPORT_FIGURES: dict[str, tuple[tuple[str, Callable[[], Figure], str], ...]] = {
    "optimal_discriminator": (("integrand", lambda: optimal_discriminator_plot(),
                               "The pointwise objective a log y + b log(1 - y) (here a = 0.3, b = 0.1): "
                               "its maximum is at y* = a/(a + b), the optimal discriminator's value."),),
    "minimum": (("c-of-g", lambda: c_of_g_plot(),
                 "C(G) = -log 4 + 2 JSD(p_data || p_G) for p_data = N(0, 1) and p_G the law of theta + z: "
                 "it touches -log 4 exactly where p_G = p_data (theta = 0)."),),
    "monte_carlo": (("running-means", lambda: monte_carlo_plot(),
                     "Running sample means: the separate sums and the labelled mixture converge to L; the "
                     "merged sum converges to a different value."),),
    "lsgan": (("objective", lambda: lsgan_plot(),
               "LSGAN's pointwise objective r (y - b)^2/2 + g (y - a)^2/2 (here r = 0.3, g = 0.1, targets "
               "a = -1, b = 1): its minimum is at y* = (b r + a g)/(r + g), the optimal discriminator's value "
               "D*(x) = (b p_data(x) + a p_G(x))/(p_data(x) + p_G(x))."),),
    "f_gan": (("bound", lambda: f_gan_plot(),
               "The f-GAN bound E_P[T] - E_Q[f*(T)] along critics T_s through the optimal critic, for "
               "P = N(0.5, 0.8^2) and Q = N(-0.5, 1.2^2), by quadrature. Left, KL: T_s = 1 + log(p/q) + s tanh x; "
               "right, the GAN f: T_s = log D_s with D_s = sigmoid(log(p/q) + s tanh x). Each curve stays below "
               "its divergence (KL(P || Q) in closed form; 2 JSD(P || Q) - log 4 from the entropies) and touches "
               "it at s = 0 only, where T_s = T* = f'(p/q)."),),
    "non_saturating": (("losses", lambda: non_saturating_plot(),
                        "The generator's losses at D* for p_data = N(0, 1) and p_G = N(theta, 1), by quadrature. "
                        "The non-saturating loss E_{p_G}[-log D*] is log 2 at theta = 0 and grows with |theta| "
                        "(like KL(p_G || p_data) = theta^2/2); the minimax term E_{p_G}[log(1 - D*)] rises from "
                        "-log 2 and flattens out just below 0 when the distributions are far apart, where its "
                        "slope vanishes: the minimax generator gets almost no signal exactly when it is worst."),),
    "arjovsky_bottou": (("gradients", lambda: arjovsky_bottou_plot(),
                         "Arjovsky and Bottou's Theorem 2.5 for P_r = N(0, 1) and P_theta = N(theta, 1), against "
                         "theta_0, with D* = p_r/(p_r + p_theta_0) held fixed: the gradient of the non-saturating "
                         "loss E_{P_theta}[-log D*] (line) and the gradient of KL(P_theta || P_r) - "
                         "2 JSD(P_theta || P_r) (markers), each by mpmath.diff of a quadrature (KL's gradient "
                         "theta_0 in closed form, the JSD from the mixture's entropy), coincide. The minimax "
                         "gradient of E_{P_theta}[log(1 - D*)] is their shortfall from the KL gradient theta_0 "
                         "(dotted), and it dies out as the distributions separate: saturation."),),
}
"""Figures a report of a built-in derivation shows: (file suffix, figure maker, caption)."""
