"""The standard relatives of Goodfellow et al.'s Theorem 1, checked with the same rules.

* :func:`lsgan` -- least-squares GAN (Mao et al., 2017): the optimal
  discriminator of the squared loss and the Pearson chi-square divergence
  behind the generator's objective.
* :func:`f_gan` -- the f-GAN variational bound (Nowozin, Cseke and Tomioka,
  2016): D_f(P || Q) >= E_P[T] - E_Q[f*(T)] for every critic T, tight at
  T* = f'(p/q), for KL, reverse KL and the GAN f, whose divergence is
  2 JSD - log 4 = C(G).
* :func:`non_saturating` -- the generator loss E_{p_G}[-log D*] used in
  practice, as KL(p_G || p_data) - KL(p_G || m) + log 2, and its minimum.

Every step is proved by a named rule and cross-checked numerically; no
lemma is assumed beyond the rules' own statements.
"""

from __future__ import annotations

import sympy as sp

from ganproof.chain import Chain, Derivation
from ganproof.library.catalog import title
from ganproof.library.common import d_star, integral, p_data, p_G, x, z
from ganproof.vocabulary import (
    JSD,
    KL,
    Context,
    Critic,
    Defined,
    Density,
    Discriminator,
    Expectation,
    FDivergence,
    Generator,
    Hypothesis,
    ParametricDensity,
    Pushforward,
)

from ganproof.vocabulary.generators import F_GAN, F_KL, F_PEARSON, F_REVERSE_KL, u

log, exp = sp.log, sp.exp


def _pair(first: Density, second: Density) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """p(x), q(x) and their sum."""
    return first(x), second(x), first(x) + second(x)


# --------------------------------------------------------------------------
# least-squares GAN
# --------------------------------------------------------------------------


def lsgan() -> Derivation:
    """LSGAN: D* = (b p_data + a p_G)/(p_data + p_G), and 2 C(G) is a Pearson chi-square divergence."""
    D = Critic("D")
    ctx = Context(densities=(p_data, p_G), discriminators=(), critics=(D,))
    a, b = sp.symbols("a b", real=True)
    r, g = sp.symbols("r g", positive=True)
    y = sp.Symbol("y", real=True)
    pd, pg, s = _pair(p_data, p_G)

    f = r * (y - b) ** 2 / 2 + g * (y - a) ** 2 / 2
    y_star = (b * r + a * g) / (r + g)
    first = (
        Chain.begin(sp.Derivative(f, y), "Stationary point of f(y) = r (y - b)^2/2 + g (y - a)^2/2, r, g > 0")
        .eq(r * (y - b) + g * (y - a), "differentiation")
        .eq((r + g) * y - (b * r + a * g), "algebra")
    )
    at_star = (
        Chain.begin((r * (y - b) + g * (y - a)).subs(y, y_star), "f'(y*) = 0 at y* = (b r + a g)/(r + g)")
        .eq(0, "algebra")
    )
    second = (
        Chain.begin(sp.Derivative(f, (y, 2)), "Second-order condition: f'' > 0 on R, so y* is the minimum")
        .eq(r + g, "differentiation")
        .gt(0, "positivity")
    )

    def v_d(d: sp.Expr, label: str) -> Defined:
        return Defined(label, Expectation((d - b) ** 2, x, pd) / 2 + Expectation((d - a) ** 2, x, pg) / 2)

    ls_star = (b * pd + a * pg) / s
    functional = (
        Chain.begin(v_d(D(x), "V_{LS}(D)"), "Hence D* minimises the discriminator's objective pointwise")
        .eq(Expectation((D(x) - b) ** 2, x, pd) / 2 + Expectation((D(x) - a) ** 2, x, pg) / 2, "definition")
        .eq(integral((pd * (D(x) - b) ** 2 + pg * (D(x) - a) ** 2) / 2), "expectation-to-integral")
        .ge(integral((pd * (ls_star - b) ** 2 + pg * (ls_star - a) ** 2) / 2), "pointwise-max",
            note="r = p_data(x), g = p_G(x), y = D(x): the integrand is smallest at y* for every x")
        .eq(v_d(ls_star, "V_{LS}(D^*)"), "definition")
    )

    # the generator: target c for fake samples, with b - c = 1 and b - a = 2
    a_g, c_g = b - 2, b - 1
    star_g = (b * pd + a_g * pg) / s

    def c_ls() -> Defined:
        return Defined("C_{LS}(G)", Expectation((star_g - c_g) ** 2, x, pd) / 2
                       + Expectation((star_g - c_g) ** 2, x, pg) / 2)

    pearson = FDivergence(2 * pg, s, F_PEARSON, r"\chi^2_{\mathrm{Pearson}}")
    generator = (
        Chain.begin(2 * c_ls(), "The generator's objective at D*, with b - c = 1 and b - a = 2 (a = b - 2, c = b - 1)")
        .eq(Expectation((star_g - c_g) ** 2, x, pd) + Expectation((star_g - c_g) ** 2, x, pg), "definition")
        .eq(integral(s * (star_g - c_g) ** 2), "expectation-to-integral",
            note="both expectations over x, merged by linearity")
        .eq(integral((pd - pg) ** 2 / s), "algebra", note="D*(x) - c = (p_data(x) - p_G(x))/(p_data(x) + p_G(x))")
        .eq(integral((2 * pg - s) ** 2 / s), "algebra")
        .eq(pearson, "f-divergence-definition",
            note="the Pearson chi-square divergence of p_data + p_G from 2 p_G: f(u) = (u - 1)^2")
        .ge(0, "monotonicity", note="a square over a positive sum; the integrand is 0 only where p_G = p_data")
    )
    attained = (
        Chain.begin(2 * c_ls(), "The minimum 0 is attained at p_G = p_data", assume=(Hypothesis(p_G, p_data),))
        .eq(integral((pd - pg) ** 2 / s), "definition")
        .eq(0, "substitution")
    )
    return Derivation(
        "lsgan",
        title("lsgan"),
        ctx,
        (first, at_star, second, functional, generator, attained),
        summary=(
            "Mao et al. (2017). For any targets a, b the squared loss is minimised pointwise by "
            "D*(x) = (b p_data(x) + a p_G(x))/(p_data(x) + p_G(x)). With b - c = 1 and b - a = 2 the "
            "generator's objective at D* is half the Pearson chi-square divergence of p_data + p_G from "
            "2 p_G, so C(G) >= 0, with the minimum 0 at p_G = p_data."
        ),
    )


# --------------------------------------------------------------------------
# f-GAN
# --------------------------------------------------------------------------


def _variational_bound(
    f: sp.Lambda, label: str, first: Density, second: Density, t: sp.Expr, f_star_t: sp.Expr,
    t_star: sp.Expr, f_star_t_star: sp.Expr, conjugate: str,
) -> tuple[Chain, Chain]:
    """D_f(P || Q) >= E_P[T] - E_Q[f*(T)] for the critic ``t``, and equality at ``t_star``."""
    p, q, _ = _pair(first, second)
    div = FDivergence(p, q, f, label)
    bound = (
        Chain.begin(div, f"The variational bound for D_{label}: f*(t) = {conjugate}")
        .eq(integral(q * f(p / q)), "f-divergence-definition")
        .ge(integral(p * t - q * f_star_t), "pointwise-max",
            note="Fenchel-Young pointwise: t u - f*(t) <= f(u) at u = p(x)/q(x), weight q(x) > 0")
        .eq(Expectation(t, x, p) - Expectation(f_star_t, x, q), "expectation-to-integral")
    )
    tight = (
        Chain.begin(Expectation(t_star, x, p) - Expectation(f_star_t_star, x, q),
                    f"The bound is tight at T* = f'(p/q) for D_{label}")
        .eq(div, "f-divergence-definition")
    )
    return bound, tight


def f_gan() -> Derivation:
    """The f-GAN bound for KL, reverse KL and the GAN divergence; the GAN case is C(G)."""
    p, q = Density("p"), Density("q")
    T, V = Critic("T"), Critic("V")
    D = Discriminator("D")
    ctx = Context(densities=(p, q, p_data, p_G), discriminators=(D,), critics=(T, V))
    px, qx, _ = _pair(p, q)
    pd, pg, s = _pair(p_data, p_G)

    kl_bound, kl_tight = _variational_bound(
        F_KL, "KL", p, q, T(x), exp(T(x) - 1), 1 + log(px / qx), px / qx, "e^{t - 1}")
    kl_is_kl = Chain.begin(FDivergence(px, qx, F_KL, "KL"), "D_KL is the KL divergence").eq(KL(px, qx), "kl-definition")

    # reverse KL: T = -e^{-V} keeps T in dom f* = (-inf, 0)
    t_rev = -exp(-V(x))
    rev_bound, rev_tight = _variational_bound(
        F_REVERSE_KL, "RKL", p, q, t_rev, -1 - log(-t_rev), -qx / px, -1 - log(qx / px),
        "-1 - log(-t), t < 0; T = -e^{-V}")
    rev_is_kl = (
        Chain.begin(FDivergence(px, qx, F_REVERSE_KL, "RKL"), "D_RKL is the KL divergence the other way round")
        .eq(KL(qx, px), "kl-definition")
    )

    # the GAN f with P = p_data, Q = p_G and T = log D: the bound is V(G, D)
    gan_bound, gan_tight = _variational_bound(
        F_GAN, "GAN", p_data, p_G, log(D(x)), -log(1 - D(x)), log(d_star()), -log(1 - d_star()),
        "-log(1 - e^t), t < 0; T = log D")
    gan_is_jsd = (
        Chain.begin(FDivergence(pd, pg, F_GAN, "GAN"), "D_GAN = 2 JSD - log 4, the value of C(G)")
        .eq(integral(pg * F_GAN(pd / pg)), "f-divergence-definition")
        .eq(integral(pd * log(pd / s) + pg * log(pg / s)), "log-algebra")
        .eq(-log(4) + KL(pd, s / 2) + KL(pg, s / 2), "kl-definition")
        .eq(-log(4) + 2 * JSD(pd, pg), "jsd-definition")
    )
    return Derivation(
        "f_gan",
        title("f_gan"),
        ctx,
        (kl_bound, kl_tight, kl_is_kl, rev_bound, rev_tight, rev_is_kl, gan_bound, gan_tight, gan_is_jsd),
        summary=(
            "Nowozin, Cseke and Tomioka (2016). For convex f with f(1) = 0 and its conjugate f*, "
            "t u - f*(t) <= f(u) at every x (Fenchel-Young, proved here as the maximum of a concave "
            "function of t = T(x)), so every critic T gives a lower bound on D_f, and T* = f'(p/q) "
            "attains it. With f(u) = u log u - (u + 1) log(u + 1) and T = log D the bound is Goodfellow "
            "et al.'s V(G, D), and D_f(p_data || p_G) = 2 JSD(p_data || p_G) - log 4 = C(G)."
        ),
    )


# --------------------------------------------------------------------------
# the non-saturating generator loss
# --------------------------------------------------------------------------


def non_saturating() -> Derivation:
    """E_{p_G}[-log D*] = KL(p_G || p_data) - KL(p_G || m) + log 2 >= log 2, equality iff p_G = p_data."""
    ctx = Context(densities=(p_data, p_G), discriminators=())
    pd, pg, s = _pair(p_data, p_G)
    m = s / 2
    ns = Expectation(-log(d_star()), x, pg)
    identity = (
        Chain.begin(ns, "The non-saturating loss at D* in KL terms (m = (p_data + p_G)/2)")
        .eq(integral(-pg * log(pd / s)), "expectation-to-integral")
        .eq(integral(pg * log(pg / pd) - pg * log(pg / m)) + log(2) * integral(pg), "log-algebra")
        .eq(integral(pg * log(pg / pd)) - integral(pg * log(pg / m)) + log(2), "normalisation")
        .eq(KL(pg, pd) - KL(pg, m) + log(2), "kl-definition")
    )
    minimax = (
        Chain.begin(Expectation(log(1 - d_star()), x, pg), "The minimax generator's term at D*")
        .eq(integral(pg * log(pg / s)), "expectation-to-integral")
        .eq(KL(pg, m) - log(2), "kl-definition")
    )
    compare = (
        Chain.begin(ns, "Non-saturating against minimax: the two losses differ by KL(p_G || p_data)")
        .eq(KL(pg, pd) - Expectation(log(1 - d_star()), x, pg), "kl-definition")
        .eq(KL(pg, pd) - 2 * JSD(pd, pg) + KL(pd, m) + log(2), "jsd-definition")
    )
    lower = (
        Chain.begin(ns - log(2), "The non-saturating loss is at least log 2")
        .eq(integral(pg * log(m / pd)), "log-algebra")
        .ge(integral(pg * (1 - pd / m)), "log-inequality", note="-log t >= 1 - t with t = p_data/m, weight p_G")
        .eq(integral(pg) - integral(2 * pd * pg / s), "linearity")
        .ge(integral(pg) - integral(s / 2), "monotonicity",
            note="2ab/(a + b) <= (a + b)/2: harmonic against arithmetic mean")
        .eq(0, "normalisation")
    )
    attained = (
        Chain.begin(ns, "log 2 is attained at p_G = p_data", assume=(Hypothesis(p_G, p_data),))
        .eq(Expectation(log(2), x, pg), "substitution")
        .eq(log(2), "normalisation")
    )
    return Derivation(
        "non_saturating",
        title("non_saturating"),
        ctx,
        (identity, minimax, compare, lower, attained),
        summary=(
            "At the optimal discriminator the minimax generator minimises E_{p_G}[log(1 - D*)] = "
            "KL(p_G || m) - log 2, its part of 2 JSD - log 4; the non-saturating loss E_{p_G}[-log D*] "
            "adds KL(p_G || p_data) and subtracts the same term: "
            "E_{p_G}[-log D*] = KL(p_G || p_data) - E_{p_G}[log(1 - D*)]. It is still smallest, log 2, "
            "exactly at p_G = p_data, but its reverse KL punishes samples where p_data is small far "
            "more than missing modes of p_data."
        ),
    )


# --------------------------------------------------------------------------
# Arjovsky and Bottou (2017), Theorem 2.5
# --------------------------------------------------------------------------


def arjovsky_bottou() -> Derivation:
    """The gradient of the non-saturating loss at theta_0 is that of KL - 2 JSD (D* fixed at theta_0)."""
    p_r = Density("p_r")
    p_g = ParametricDensity("p_g", parameter="theta")
    p_z = Density("p_z")
    g = Generator("g")
    theta = p_g.theta
    theta_0 = sp.Symbol("theta_0", real=True)
    ctx = Context(densities=(p_r, p_g, p_z), discriminators=(), generators=(g,),
                  pushforwards=(Pushforward(p_g, g, p_z),))
    r, pt, p0 = p_r(x), p_g(x), p_g(x, theta_0)
    d_star_0 = r / (r + p0)
    """D* at theta_0: fixed while theta moves."""

    def at_0(e: sp.Expr) -> sp.Subs:
        return sp.Subs(e, theta, theta_0)

    def d(e: sp.Expr) -> sp.Derivative:
        return sp.Derivative(e, theta)

    score_0 = at_0(d(pt))
    weight = log((r + p0) / r)
    loss = Expectation(-log(d_star_0.xreplace({x: g(z, theta)})), z, p_z(z))
    divergence = KL(pt, r) - 2 * JSD(pt, r)

    gradient_loss = (
        Chain.begin(at_0(d(loss)), "The gradient of the non-saturating loss at theta_0")
        .eq(at_0(d(Expectation(-log(d_star_0), x, pt))), "lotus",
            note="p_g(x, theta) is the law of g_theta(z), z ~ p_z")
        .eq(at_0(d(integral(pt * weight))), "expectation-to-integral", note="-log D* = log((p_r + p_g,0)/p_r)")
        .eq(at_0(integral(d(pt) * weight)), "leibniz", note="D* is held fixed: only p_g(x, theta) moves")
        .eq(integral(score_0 * weight), "evaluation")
    )
    gradient_divergence = (
        Chain.begin(at_0(d(divergence)), "The gradient of KL(P_theta || P_r) - 2 JSD(P_theta || P_r) at theta_0")
        .eq(at_0(d(integral((pt + r) * log((pt + r) / r)) - log(4))), "jsd-definition",
            note="KL(p || r) - 2 JSD(p || r) = int (p + r) log((p + r)/r) dx - log 4")
        .eq(at_0(integral(d(pt) * log((pt + r) / r) + d(pt))), "leibniz")
        .eq(at_0(integral(d(pt) * log((pt + r) / r))), "leibniz",
            note="int dp/dtheta dx = d/dtheta int p dx = 0")
        .eq(integral(score_0 * weight), "evaluation", note="at theta = theta_0, p_g(x, theta) is p_g(x, theta_0)")
    )
    theorem = (
        Chain.begin(at_0(d(loss)), "Theorem 2.5: the two gradients agree at theta_0")
        .eq(at_0(d(divergence)))
    )
    return Derivation(
        "arjovsky_bottou",
        title("arjovsky_bottou"),
        ctx,
        (gradient_loss, gradient_divergence, theorem),
        summary=(
            "Arjovsky and Bottou (2017). With D* = p_r/(p_r + p_g(., theta_0)) computed at theta_0 and held "
            "fixed, the gradient in theta of E_z[-log D*(g_theta(z))] at theta_0 equals the gradient of "
            "KL(P_theta || P_r) - 2 JSD(P_theta || P_r): the non-saturating generator follows a reverse KL "
            "that punishes fake-looking samples, minus a JSD term that pushes away from P_r. Differentiation "
            "under the integral sign (leibniz) is the one regularity assumption; the numbers check it with "
            "central differences of quadratures (never under the integral sign) on location-scale families "
            "of non-linear generators."
        ),
    )
