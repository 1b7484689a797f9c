"""The f-divergence table of f-GAN beyond KL: Pearson and Neyman chi-square, squared Hellinger, Jensen-Shannon.

Each f comes with its conjugate f* on its domain and the critic's parametrisation T = g(V) that
keeps T inside that domain (the output activations of Nowozin, Cseke and Tomioka's Table 2), so
that V ranges over all of R.  For each: the variational bound D_f(P || Q) >= E_P[T] - E_Q[f*(T)]
(Fenchel-Young at every x, proved by the ``pointwise-max`` rule as the maximum of a strictly concave
function of V(x)), its tightness at T* = f'(p/q), and what D_f is in the usual notation.

Neyman's chi-square is Pearson's with the arguments swapped (its conjugate 2 - 2 sqrt(1 - t) is
not concave in any parametrisation of R the rule accepts), so its bound is Pearson's bound for
(Q, P).  The total variation, f(u) = |u - 1|/2, is not here: its conjugate is linear on
[-1/2, 1/2], so Fenchel-Young is not the maximum of a strictly concave function, and |.| is not
in the vocabulary yet.
"""

from __future__ import annotations

from collections.abc import Callable

import sympy as sp

from ganproof.chain import Chain, Derivation
from ganproof.library.catalog import title
from ganproof.library.common import integral, x
from ganproof.vocabulary import JSD, Context, Critic, Density, Discriminator, Expectation, FDivergence
from ganproof.vocabulary.generators import F_HELLINGER, F_JS, F_NEYMAN, F_PEARSON, u
from ganproof.vocabulary.names import ALPHABET

log, exp, sqrt = sp.log, sp.exp, sp.sqrt


def _summed(f: sp.Expr) -> sp.Expr:
    """``f`` summed over the abstract finite alphabet."""
    return ALPHABET.over(f, x)


def _bound_and_tight(div: FDivergence, first: sp.Expr, second: sp.Expr, t: sp.Expr, f_star_t: sp.Expr,
                     t_star: sp.Expr, f_star_t_star: sp.Expr, label: str, conjugate: str,
                     over: Callable[[sp.Expr], sp.Expr] = integral) -> tuple[Chain, Chain]:
    """D_f(P || Q) >= E_P[T] - E_Q[f*(T)] for the critic ``t``, and equality at ``t_star`` (p, q at x);
    ``over`` integrates over the line or sums over the alphabet."""
    bound = (
        Chain.begin(div, f"The variational bound for D_{label}: f*(t) = {conjugate}")
        .eq(over(second * div.f(first / second)), "f-divergence-definition")
        .ge(over(first * t - second * f_star_t), "pointwise-max",
            note="Fenchel-Young pointwise: t u - f*(t) <= f(u) at u = p(x)/q(x), weight q(x) > 0")
        .eq(Expectation(t, x, first) - Expectation(f_star_t, x, second), "expectation-to-integral")
    )
    tight = (
        Chain.begin(Expectation(t_star, x, first) - Expectation(f_star_t_star, x, second),
                    f"The bound is tight at T* = f'(p/q) for D_{label}")
        .eq(div, "f-divergence-definition")
    )
    return bound, tight


def f_table() -> Derivation:
    """Variational bounds, optimal critics and closed forms for Pearson, Neyman, squared Hellinger and JS."""
    p, q = Density("p"), Density("q")
    V = Critic("V")
    D = Discriminator("D")
    a, b = Density("a", ALPHABET), Density("b", ALPHABET)
    ctx = Context(densities=(p, q, a, b), discriminators=(D,), critics=(V,))
    px, qx = p(x), q(x)
    ax, bx = a(x), b(x)

    # Pearson, on a finite alphabet (on the line it is +inf where q has the lighter tails):
    # T = V itself, f*(t) = t^2/4 + t on R, T* = f'(a/b) = 2 (a/b - 1)
    pearson = FDivergence(ax, bx, F_PEARSON, r"\chi^2")
    t_p = V(x)
    star_p = 2 * (ax / bx - 1)
    p_bound, p_tight = _bound_and_tight(pearson, ax, bx, t_p, t_p ** 2 / 4 + t_p, star_p, star_p ** 2 / 4 + star_p,
                                        "chi^2", "t^2/4 + t on R; T = V", _summed)
    p_is = (
        Chain.begin(pearson, "D_chi^2 is the Pearson chi-square sum (a - b)^2 / b")
        .eq(_summed(bx * (ax / bx - 1) ** 2), "f-divergence-definition")
        .eq(_summed((ax - bx) ** 2 / bx), "algebra")
    )

    # Neyman: D_N(a || b) = D_Pearson(b || a), so its bound is Pearson's for (b, a)
    neyman = FDivergence(ax, bx, F_NEYMAN, "N")
    swapped = FDivergence(bx, ax, F_PEARSON, r"\chi^2")
    n_bound = (
        Chain.begin(neyman, "Neyman's chi-square is Pearson's with the arguments swapped, and so is its bound")
        .eq(_summed(bx * F_NEYMAN(ax / bx)), "f-divergence-definition")
        .eq(_summed((ax - bx) ** 2 / ax), "algebra")
        .eq(swapped, "f-divergence-definition")
        .ge(_summed(bx * t_p - ax * (t_p ** 2 / 4 + t_p)), "pointwise-max",
            note="the Pearson bound with the two laws exchanged, weight a(x) > 0")
        .eq(Expectation(t_p, x, bx) - Expectation(t_p ** 2 / 4 + t_p, x, ax), "expectation-to-integral")
    )

    # squared Hellinger: T = 1 - e^{-V} < 1, f*(T) = T/(1 - T) = e^V - 1, T* = 1 - sqrt(q/p)
    hellinger = FDivergence(px, qx, F_HELLINGER, "H^2")
    t_h = 1 - exp(-V(x))
    star_h = 1 - sqrt(qx / px)
    h_bound, h_tight = _bound_and_tight(hellinger, px, qx, t_h, exp(V(x)) - 1, star_h, star_h / (1 - star_h),
                                        "H^2", "t/(1 - t), t < 1; T = 1 - e^{-V}")
    h_is = (
        Chain.begin(hellinger, "D_H^2 is the squared Hellinger distance int (sqrt p - sqrt q)^2")
        .eq(integral(qx * F_HELLINGER(px / qx)), "f-divergence-definition")
        .eq(integral((sqrt(px) - sqrt(qx)) ** 2), "algebra")
    )

    # Jensen-Shannon: T = log 2 + log D with D in (0, 1), so T < log 2 and f*(T) = -log(2 - 2 D) = -log 2 - log(1 - D)
    js = FDivergence(px, qx, F_JS, "JS")
    t_j = log(2) + log(D(x))
    d_star = px / (px + qx)
    j_bound, j_tight = _bound_and_tight(js, px, qx, t_j, -log(2) - log(1 - D(x)), log(2) + log(d_star),
                                        -log(2) - log(1 - d_star), "JS", "-log(2 - e^t), t < log 2; T = log 2 + log D")
    j_is = (
        Chain.begin(js, "D_JS is twice the Jensen-Shannon divergence")
        .eq(integral(qx * F_JS(px / qx)), "f-divergence-definition")
        .eq(integral(px * log(2 * px / (px + qx)) + qx * log(2 * qx / (px + qx))), "log-algebra")
        .eq(2 * JSD(px, qx), "jsd-definition")
    )
    return Derivation(
        "f_table",
        title("f_table"),
        ctx,
        (p_bound, p_tight, p_is, n_bound, h_bound, h_tight, h_is, j_bound, j_tight, j_is),
        summary=(
            "The f-divergence table of Nowozin, Cseke and Tomioka (2016) beyond KL. For each f, its conjugate "
            "f* on its domain and a critic T = g(V) that stays in that domain: Pearson chi-square "
            "(f = (u - 1)^2, f*(t) = t^2/4 + t, T = V), Neyman chi-square (Pearson's with P and Q exchanged), "
            "squared Hellinger (f = (sqrt u - 1)^2, f*(t) = t/(1 - t), T = 1 - e^{-V}) and Jensen-Shannon "
            "(f = u log u - (u + 1) log((u + 1)/2), f*(t) = -log(2 - e^t), T = log 2 + log D). Every critic "
            "gives a lower bound (Fenchel-Young at every x), T* = f'(p/q) attains it, and D_f is the "
            "divergence under its usual name."
        ),
    )
