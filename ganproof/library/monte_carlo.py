"""The Monte Carlo question: where do the samples come from?

E_{x~p_r}[log D] + E_{x~p_g}[log(1 - D)] is the limit of two sample means,
one over samples from p_r and one over samples from p_g.  One sample set
cannot stand for both: the merged sum converges to something else, and the
checker refutes it with numbers.  One sum over a labelled equal mixture with
binary cross-entropy is right, with its factor 2.
"""

from __future__ import annotations

import sympy as sp

from ganproof.chain import Chain, Derivation
from ganproof.library.catalog import title
from ganproof.vocabulary import (
    BinaryCE,
    Context,
    Density,
    Discriminator,
    Expectation,
    LabelledMixture,
    SampleMean,
    SampleSet,
    X,
)

log = sp.log
x = X
p_r = Density("p_r")
p_g = Density("p_g")
D = Discriminator("D")
y = sp.Symbol("y", real=True)

CONTEXT = Context(
    densities=(p_r, p_g),
    discriminators=(D,),
    samples=(
        SampleSet("r", p_r),
        SampleSet("g", p_g),
        SampleSet("i", p_r),
        SampleSet("l", LabelledMixture(((p_r, 1), (p_g, 0))), label="y"),
    ),
)


def loss() -> sp.Expr:
    """L(D, G) = E_{x~p_r}[log D(x)] + E_{x~p_g}[log(1 - D(x))]."""
    return Expectation(log(D(x)), x, p_r(x)) + Expectation(log(1 - D(x)), x, p_g(x))


def monte_carlo() -> Derivation:
    separate = SampleMean(log(D(x)), (x, "r")) + SampleMean(log(1 - D(x)), (x, "g"))
    right = (
        Chain.begin(loss(), "Two sample means, one per distribution")
        .eq(separate, "law-of-large-numbers", note="x^{(r)} ~ p_r and x^{(g)} ~ p_g")
        .eq(-SampleMean(BinaryCE(1, D(x)), (x, "r")) - SampleMean(BinaryCE(0, D(x)), (x, "g")),
            "ce-definition", note="log D = -CE(1, D) and log(1 - D) = -CE(0, D)")
    )
    merged = (
        Chain.begin(loss(), "The merged sum of the question: one sample set for both terms")
        .eq(SampleMean(log(D(x)) + log(1 - D(x)), (x, "i")), mistake=True,
            note="x^{(i)} ~ p_r for both terms: the second term needs samples from p_g")
    )
    mixture = (
        Chain.begin(loss(), "One sum over a labelled equal mixture, with binary cross-entropy")
        .eq(-2 * SampleMean(BinaryCE(y, D(x)), (x, "l")), "law-of-large-numbers",
            note="(x, y) ~ 1/2 (p_r, 1) + 1/2 (p_g, 0): the mean is L/2, hence the factor 2")
    )
    no_factor = (
        Chain.begin(loss(), "The labelled mixture without its factor 2")
        .eq(-SampleMean(BinaryCE(y, D(x)), (x, "l")), mistake=True,
            note="the mixture picks each distribution half the time")
    )
    return Derivation(
        "monte_carlo",
        title("monte_carlo"),
        CONTEXT,
        (right, merged, mixture, no_factor),
        summary=(
            "Each expectation needs samples from its own distribution. A single sample set x^{(i)} ~ p_r "
            "for both terms estimates E_{p_r}[log D + log(1 - D)], a different number (refuted). "
            "A labelled equal mixture with binary cross-entropy estimates L/2."
        ),
    )
