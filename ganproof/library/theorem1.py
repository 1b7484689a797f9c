"""Goodfellow et al. (2014), Theorem 1: the global minimum of C(G) is -log 4, iff p_G = p_data.

Each function builds one derivation; together they cover every step of the
proof in the lecture notes, both directions of the theorem, and Gibbs'
inequality, so that the theorem rests on no assumed lemma.
"""

from __future__ import annotations

import sympy as sp

from ganproof.chain import Chain, Derivation
from ganproof.library.catalog import title
from ganproof.library.common import (
    C,
    D,
    G,
    GAN_CONTEXT,
    P_G_IS_P_DATA,
    V,
    d_star,
    integral,
    p_data,
    p_G,
    p_z,
    value_integrand,
    x,
    z,
    zero_term,
)
from ganproof.vocabulary import JSD, KL, Context, Density, Expectation

log = sp.log


def value_function() -> Derivation:
    """The value function: expectations to integrals, LOTUS, one integral."""
    V0 = Expectation(log(D(x)), x, p_data(x)) + Expectation(log(1 - D(G(z))), z, p_z(z))
    main = (
        Chain.begin(V0, "From expectations to one integral over x")
        .eq(integral(p_data(x) * log(D(x))) + integral(p_z(z) * log(1 - D(G(z))), z),
            "expectation-to-integral")
        .eq(integral(p_data(x) * log(D(x))) + integral(p_G(x) * log(1 - D(x))), "lotus",
            note="p_G is the law of G(z): the law of the unconscious statistician")
        .eq(integral(value_integrand(D(x))), "linearity")
    )
    lotus = (
        Chain.begin(Expectation(log(1 - D(G(z))), z, p_z(z)), "LOTUS on the expectation")
        .eq(Expectation(log(1 - D(x)), x, p_G(x)), "lotus")
    )
    return Derivation(
        "value_function",
        title("value_function"),
        GAN_CONTEXT,
        (main, lotus),
        summary="V(G, D) = E_{p_data}[log D] + E_{z ~ p_z}[log(1 - D(G(z)))] = int p_data log D + p_G log(1 - D) dx.",
    )


def optimal_discriminator() -> Derivation:
    """The optimal discriminator: stationary point, second-order condition, interior."""
    a, b = sp.symbols("a b", positive=True)
    y = sp.Symbol("y", positive=True)
    ctx = Context(
        densities=GAN_CONTEXT.densities,
        discriminators=GAN_CONTEXT.discriminators,
        generators=GAN_CONTEXT.generators,
        pushforwards=GAN_CONTEXT.pushforwards,
        unit_symbols=(y,),
    )
    f = a * log(y) + b * log(1 - y)
    first = (
        Chain.begin(sp.Derivative(f, y), "Stationary point of f(y) = a log y + b log(1 - y), a, b > 0")
        .eq(a / y - b / (1 - y), "differentiation")
        .eq((a - (a + b) * y) / (y * (1 - y)), "algebra")
    )
    at_star = (
        Chain.begin((a / y - b / (1 - y)).subs(y, a / (a + b)), "f'(y*) = 0 at y* = a/(a + b)")
        .eq(0, "algebra")
    )
    second = (
        Chain.begin(sp.Derivative(f, (y, 2)), "Second-order condition: f'' < 0 on (0, 1)")
        .eq(-a / y**2 - b / (1 - y) ** 2, "differentiation")
        .lt(0, "positivity")
    )
    interior = (
        Chain.begin(sp.S.Zero, "Interior: 0 < y* < 1")
        .lt(a / (a + b), "positivity")
        .lt(1, "positivity")
    )
    functional = (
        Chain.begin(V(D(x)), "Hence D*_G maximises V(G, D) pointwise")
        .eq(integral(value_integrand(D(x))), "definition")
        .le(integral(value_integrand(d_star())), "pointwise-max",
            note="a = p_data(x), b = p_G(x), y = D(x): the integrand is maximised at y* for every x")
        .eq(V(d_star(), "V(G, D^*_G)"), "definition")
    )
    return Derivation(
        "optimal_discriminator",
        title("optimal_discriminator"),
        ctx,
        (first, at_star, second, interior, functional),
        summary="For fixed G, V(G, D) <= V(G, D*_G) for every D, with D*_G(x) = p_data(x)/(p_data(x) + p_G(x)) in (0, 1).",
    )


def value_at_optimum() -> Derivation:
    """If p_G = p_data: D*_G = 1/2 and C(G) = -log 4."""
    ds = (
        Chain.begin(d_star(), "D*_G when p_G = p_data", assume=(P_G_IS_P_DATA,))
        .eq(sp.Rational(1, 2), "substitution")
    )
    value = (
        Chain.begin(V(d_star(), "V(G, D^*_G)"), "The value of the game at p_G = p_data", assume=(P_G_IS_P_DATA,))
        .eq(integral(value_integrand(d_star())), "definition")
        .eq(integral(p_data(x) * log(sp.Rational(1, 2)) + p_G(x) * log(1 - sp.Rational(1, 2))), "substitution")
        .eq(-log(2) * integral(p_data(x)) - log(2) * integral(p_G(x)), "linearity")
        .eq(-2 * log(2), "normalisation")
        .eq(-log(4), "log-algebra")
    )
    return Derivation(
        "value_at_optimum",
        title("value_at_optimum"),
        GAN_CONTEXT,
        (ds, value),
        summary="Under the hypothesis p_G = p_data the optimal discriminator is 1/2 everywhere and the value is -log 4.",
    )


def c_of_g() -> Derivation:
    """C(G) = -log 4 + KL(p_data || m) + KL(p_G || m) = -log 4 + 2 JSD(p_data || p_G)."""
    s = p_data(x) + p_G(x)
    m = s / 2
    ld = log(p_data(x) / s)
    lg = log(p_G(x) / s)
    chain = (
        Chain.begin(C(), "C(G) with the +-log 2 rewrite")
        .eq(integral(value_integrand(d_star())), "definition")
        .eq(integral(p_data(x) * ld + p_G(x) * lg), "algebra", note="1 - p_data/(p_data + p_G) = p_G/(p_data + p_G)")
        .eq(integral(sp.Add(p_data(x) * ld, p_G(x) * lg, zero_term(p_data(x), p_G(x)), evaluate=False)), "add-zero")
        .eq(-log(2) * integral(p_G(x) + p_data(x))
            + integral(p_data(x) * (log(2) + ld) + p_G(x) * (log(2) + lg)), "linearity")
        .eq(-log(2) * 2 + integral(p_data(x) * (log(2) + ld) + p_G(x) * (log(2) + lg)), "normalisation")
        .eq(-log(4) + integral(p_data(x) * log(p_data(x) / m) + p_G(x) * log(p_G(x) / m)), "log-algebra")
        .eq(-log(4) + KL(p_data(x), m) + KL(p_G(x), m), "kl-definition")
        .eq(-log(4) + 2 * JSD(p_data(x), p_G(x)), "jsd-definition")
    )
    return Derivation(
        "c_of_g",
        title("c_of_g"),
        GAN_CONTEXT,
        (chain,),
        summary="The virtual training criterion in terms of the Jensen-Shannon divergence (m = (p_data + p_G)/2).",
    )


def minimum() -> Derivation:
    """C(G) >= -log 4, with equality iff p_G = p_data."""
    lower = (
        Chain.begin(C(), "The lower bound")
        .eq(-log(4) + 2 * JSD(p_data(x), p_G(x)), note="the derivation c_of_g, in one step")
        .ge(-log(4), "kl-nonnegative", note="equality iff p_data = m = p_G, i.e. p_G = p_data")
    )
    attained = (
        Chain.begin(-log(4) + 2 * JSD(p_data(x), p_G(x)), "The bound is attained when p_G = p_data",
                    assume=(P_G_IS_P_DATA,))
        .eq(-log(4), "substitution")
    )
    return Derivation(
        "minimum",
        title("minimum"),
        GAN_CONTEXT,
        (lower, attained),
        summary=(
            "C(G) = -log 4 + 2 JSD >= -log 4 by KL >= 0 (derived in 'gibbs'); equality iff both KL terms "
            "vanish, i.e. p_data = (p_data + p_G)/2 = p_G. So the minimum -log 4 is reached iff p_G = p_data."
        ),
    )


def gibbs() -> Derivation:
    """Gibbs' inequality KL(p || q) >= 0 from log t <= t - 1."""
    p, q = Density("p"), Density("q")
    ctx = Context(densities=(p, q))
    chain = (
        Chain.begin(KL(p(x), q(x)), "KL >= 0 from log t <= t - 1")
        .eq(integral(p(x) * log(p(x) / q(x))), "kl-definition")
        .eq(-integral(p(x) * log(q(x) / p(x))), "log-algebra")
        .ge(-integral(p(x) * (q(x) / p(x) - 1)), "log-inequality",
            note="log t <= t - 1 with t = q(x)/p(x), weight p(x) > 0; equality iff q = p")
        .eq(integral(p(x)) - integral(q(x)), "linearity")
        .eq(0, "normalisation")
    )
    return Derivation(
        "gibbs",
        title("gibbs"),
        ctx,
        (chain,),
        summary="Derived from log t <= t - 1 (equality only at t = 1), so that Theorem 1 assumes no lemma.",
    )
