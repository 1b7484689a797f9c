"""Names shared by the built-in derivations of Goodfellow et al.'s Theorem 1."""

from __future__ import annotations

import sympy as sp

from ganproof.vocabulary import (
    Context,
    Defined,
    Density,
    Discriminator,
    Generator,
    Hypothesis,
    Pushforward,
    X,
    Z,
)

p_data = Density("p_data")
p_G = Density("p_G")
p_z = Density("p_z")
D = Discriminator("D")
G = Generator("G")
x, z = X, Z

GAN_CONTEXT = Context(
    densities=(p_data, p_G, p_z),
    discriminators=(D,),
    generators=(G,),
    pushforwards=(Pushforward(p_G, G, p_z),),
)
"""p_data, and p_G the law of G(z) for z ~ p_z; one discriminator D."""

P_G_IS_P_DATA = Hypothesis(p_G, p_data)

INF = sp.oo


def integral(f: sp.Expr, var: sp.Symbol = x) -> sp.Integral:
    """The integral of ``f`` over the real line."""
    return sp.Integral(f, (var, -INF, INF))


def d_star() -> sp.Expr:
    """The optimal discriminator D*_G(x) = p_data(x) / (p_data(x) + p_G(x))."""
    return p_data(x) / (p_data(x) + p_G(x))


def value_integrand(d: sp.Expr) -> sp.Expr:
    """p_data log d + p_G log(1 - d): the integrand of V(G, D) at the discriminator value d."""
    return p_data(x) * sp.log(d) + p_G(x) * sp.log(1 - d)


def V(d: sp.Expr, label: str = "V(G, D)") -> Defined:
    """The value function V(G, D) = int p_data log D + p_G log(1 - D) dx, at discriminator d."""
    return Defined(label, integral(value_integrand(d)))


def C() -> Defined:
    """The virtual training criterion C(G) = max_D V(G, D) = V(G, D*_G)."""
    return Defined("C(G)", integral(value_integrand(d_star())))


def zero_term(a: sp.Expr, b: sp.Expr) -> sp.Expr:
    """(log 2 - log 2)(a + b), kept unevaluated so that it prints as written."""
    return sp.Mul(sp.Add(sp.log(2), -sp.log(2), evaluate=False), a + b, evaluate=False)
