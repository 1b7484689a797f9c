"""The inequalities around Theorem 1, each proved step by step with the same rules and numbers.

* :func:`jsd_bounds` -- 0 <= JSD(p || q) <= log 2, hence -log 4 <= C(G) <= 0: the upper bound
  unfolds JSD into its two KL integrals and bounds each integrand, p log(2p/(p + q)) <= p log 2
  since p/(p + q) <= 1 (monotonicity); the lower bound is Gibbs' inequality.
* :func:`gibbs_jensen` -- Gibbs' inequality derived a second way, by Jensen's inequality, as the
  textbooks do: KL(p || q) = -E_p[log(q/p)] >= -log E_p[q/p] = -log 1 = 0, for densities on the
  line and for laws on a finite alphabet (where the expectations are sums).
* :func:`theorem1_discrete` -- Goodfellow et al.'s Theorem 1 when p_data and p_G are laws on a
  finite alphabet: the optimal discriminator pointwise, C(G) = -log 4 + 2 JSD(p_data || p_G) as
  sums, and the minimum -log 4 at p_G = p_data.  The numbers check the sums on drawn probability
  vectors (all entries positive), as they check integrals on drawn densities.

Every step is proved by a named rule; no lemma is assumed beyond the rules' own statements.
"""

from __future__ import annotations

import sympy as sp

from ganproof.chain import Chain, Derivation
from ganproof.library.catalog import title
from ganproof.library.common import C, integral, p_data, p_G, x
from ganproof.vocabulary import JSD, KL, Context, Defined, Density, Discriminator, Expectation, Hypothesis
from ganproof.vocabulary.names import ALPHABET

log = sp.log


def _jsd_as_integrals(first: sp.Expr, second: sp.Expr) -> sp.Expr:
    """(1/2) int p log(2p/(p + q)) + q log(2q/(p + q)): JSD(p || q) with its mixture written out."""
    s = first + second
    return integral(first * log(2 * first / s) + second * log(2 * second / s)) / 2


def _summed(f: sp.Expr) -> sp.Expr:
    """``f`` summed over the abstract finite alphabet: an integral's counterpart for laws on it."""
    return ALPHABET.over(f, x)


def jsd_bounds() -> Derivation:
    """0 <= JSD(p || q) <= log 2, and -log 4 <= C(G) <= 0."""
    p, q = Density("p"), Density("q")
    ctx = Context(densities=(p, q, p_data, p_G))
    m = (p(x) + q(x)) / 2
    upper = (
        Chain.begin(JSD(p(x), q(x)), "JSD(p || q) <= log 2: each density is at most the sum of the two")
        .eq(KL(p(x), m) / 2 + KL(q(x), m) / 2, "jsd-definition", note="m = (p + q)/2")
        .eq(_jsd_as_integrals(p(x), q(x)), "kl-definition")
        .le(integral(p(x) * log(2) + q(x) * log(2)) / 2, "monotonicity",
            note="2 p(x)/(p(x) + q(x)) <= 2 and log is increasing; equality only where q(x) = 0")
        .eq(log(2), "normalisation")
    )
    lower = (
        Chain.begin(JSD(p(x), q(x)), "JSD(p || q) >= 0: both KL terms are >= 0 (Gibbs' inequality)")
        .ge(0, "kl-nonnegative", note="equality iff p = m = q")
    )
    c_upper = (
        Chain.begin(C(), "Hence C(G) <= 0 (and C(G) >= -log 4 is the derivation 'minimum')")
        .eq(-log(4) + 2 * JSD(p_data(x), p_G(x)), note="the derivation c_of_g, in one step")
        .le(-log(4) + 2 * log(2), "monotonicity", note="JSD(p_data || p_G) <= log 2, the first chain")
        .eq(0, "log-algebra")
    )
    return Derivation(
        "jsd_bounds",
        title("jsd_bounds"),
        ctx,
        (upper, lower, c_upper),
        summary=(
            "JSD(p || q) = (1/2) int p log(2p/(p + q)) + q log(2q/(p + q)) dx, and 2p/(p + q) <= 2 pointwise, so "
            "JSD <= (1/2)(log 2 + log 2) = log 2; JSD >= 0 by Gibbs' inequality. Hence C(G) = -log 4 + "
            "2 JSD(p_data || p_G) lies in [-log 4, 0]. The upper bound is reached only when the supports are "
            "disjoint (0 log 0 = 0 on each side), which these densities on one common support never are: "
            "the rules here integrate over a common support."
        ),
    )


def gibbs_jensen() -> Derivation:
    """KL(p || q) >= 0 by Jensen's inequality, for densities and for laws on a finite alphabet."""
    p, q = Density("p"), Density("q")
    a, b = Density("a", support=ALPHABET), Density("b", support=ALPHABET)
    ctx = Context(densities=(p, q, a, b))

    line = (
        Chain.begin(KL(p(x), q(x)), "KL >= 0 by Jensen: log is concave, so E_p[log Y] <= log E_p[Y]")
        .eq(integral(p(x) * log(p(x) / q(x))), "kl-definition")
        .eq(-integral(p(x) * log(q(x) / p(x))), "log-algebra")
        .ge(-log(integral(p(x) * (q(x) / p(x)))), "jensen",
            note="Y = q(x)/p(x) > 0 under p, and log is concave on (0, oo); equality iff Y is constant, i.e. q = p")
        .eq(-log(integral(q(x))), "algebra")
        .eq(0, "normalisation")
    )
    alphabet = (
        Chain.begin(KL(a(x), b(x)), "The same proof on a finite alphabet: the expectations are sums")
        .eq(_summed(a(x) * log(a(x) / b(x))), "kl-definition")
        .eq(-_summed(a(x) * log(b(x) / a(x))), "log-algebra")
        .ge(-log(_summed(a(x) * (b(x) / a(x)))), "jensen",
            note="the weights a(x) are positive and add to 1; log is concave")
        .eq(-log(_summed(b(x))), "algebra")
        .eq(0, "normalisation")
    )
    return Derivation(
        "gibbs_jensen",
        title("gibbs_jensen"),
        ctx,
        (line, alphabet),
        summary=(
            "KL(p || q) = -E_p[log(q/p)] >= -log E_p[q/p] = -log int q = 0 by Jensen's inequality for the concave "
            "log (the rule checks concavity on the range of q/p); the derivation 'gibbs' proves the same from "
            "log t <= t - 1. On a finite alphabet the expectations are sums and the proof is the same."
        ),
    )


def theorem1_discrete() -> Derivation:
    """Theorem 1 for laws on a finite alphabet: D*, C(G) = -log 4 + 2 JSD and the minimum, as sums."""
    pd, pg = Density("p_data", support=ALPHABET), Density("p_G", support=ALPHABET)
    D = Discriminator("D")
    ctx = Context(densities=(pd, pg), discriminators=(D,))

    s = pd(x) + pg(x)
    star = pd(x) / s

    def value(d: sp.Expr, label: str) -> Defined:
        return Defined(label, _summed(pd(x) * log(d) + pg(x) * log(1 - d)))

    optimum = (
        Chain.begin(Expectation(log(D(x)), x, pd(x)) + Expectation(log(1 - D(x)), x, pg(x)),
                    "V(G, D) on a finite alphabet, maximised point by point")
        .eq(value(D(x), "V(G, D)"), "expectation-to-integral", note="an expectation under a law on an alphabet is a sum")
        .le(value(star, "V(G, D^*_G)"), "pointwise-max",
            note="a log y + b log(1 - y) is largest at y = a/(a + b), at every point x of the alphabet")
    )
    m = s / 2
    ld, lg = log(pd(x) / s), log(pg(x) / s)
    criterion = (
        Chain.begin(value(star, "C(G)"), "C(G) = -log 4 + 2 JSD(p_data || p_G), the sums rewritten with +-log 2")
        .eq(_summed(pd(x) * ld + pg(x) * lg), "definition", note="1 - D* = p_G/(p_data + p_G)")
        .eq(-log(2) * _summed(pd(x) + pg(x)) + _summed(pd(x) * (log(2) + ld) + pg(x) * (log(2) + lg)), "linearity")
        .eq(-log(4) + _summed(pd(x) * log(pd(x) / m) + pg(x) * log(pg(x) / m)), "normalisation",
            note="each law adds to 1 over the alphabet")
        .eq(-log(4) + KL(pd(x), m) + KL(pg(x), m), "kl-definition")
        .eq(-log(4) + 2 * JSD(pd(x), pg(x)), "jsd-definition")
        .ge(-log(4), "kl-nonnegative", note="equality iff p_data = m = p_G")
    )
    attained = (
        Chain.begin(-log(4) + 2 * JSD(pd(x), pg(x)), "The minimum -log 4 is attained at p_G = p_data",
                    assume=(Hypothesis(pg, pd),))
        .eq(-log(4), "substitution")
    )
    return Derivation(
        "theorem1_discrete",
        title("theorem1_discrete"),
        ctx,
        (optimum, criterion, attained),
        summary=(
            "With p_data and p_G laws on a finite alphabet, V(G, D) = sum_x p_data(x) log D(x) + p_G(x) log(1 - D(x)) "
            "is maximised at every point by D*(x) = p_data(x)/(p_data(x) + p_G(x)); at D* the sums rewrite, with "
            "+-log 2, into -log 4 + KL(p_data || m) + KL(p_G || m) = -log 4 + 2 JSD(p_data || p_G) >= -log 4, "
            "with equality at p_G = p_data."
        ),
    )
