"""The mistakes of the lecture proof as written, shown on purpose: each must be refuted."""

from __future__ import annotations

import sympy as sp

from ganproof.chain import Chain, Derivation
from ganproof.library.catalog import title
from ganproof.library.common import (
    GAN_CONTEXT,
    P_G_IS_P_DATA,
    integral,
    p_data,
    p_G,
    x,
)
from ganproof.vocabulary import JSD, KL, Context, Density

log = sp.log
p_D = Density("p_D")


def lecture_mistakes() -> Derivation:
    s = p_data(x) + p_G(x)
    m = s / 2
    ld, lg = log(p_data(x) / s), log(p_G(x) / s)
    sign = (
        Chain.begin(integral(p_data(x) * log(sp.Rational(1, 2)) + p_G(x) * log(1 - sp.Rational(1, 2))),
                    "The sign of log 2 at p_G = p_data", assume=(P_G_IS_P_DATA,))
        .eq(log(2) * integral(p_G(x)) - log(2) * integral(p_data(x)), mistake=True,
            note="the lecture writes +log 2 for log(1/2) in one term")
        .eq(-2 * log(2), mistake=True, note="the left side is 0, not -2 log 2")
    )
    dropped = (
        Chain.begin(-log(2) * integral(p_G(x) + p_data(x))
                    + integral(p_data(x) * (log(2) + ld) + p_G(x) * (log(2) + lg)),
                    "Dropping the two + log 2 terms inside the integral")
        .eq(-log(4) + integral(p_data(x) * ld + p_G(x) * lg), mistake=True,
            note="the + log 2 terms are dropped: off by log 4")
    )
    jsd = (
        Chain.begin(-log(4) + KL(p_data(x), m) + KL(p_G(x), m), "KL + KL is 2 JSD, not JSD")
        .eq(-log(4) + JSD(p_data(x), p_G(x)), mistake=True)
    )
    typo_ctx = Context(
        densities=GAN_CONTEXT.densities + (p_D,),
        discriminators=GAN_CONTEXT.discriminators,
        generators=GAN_CONTEXT.generators,
        pushforwards=GAN_CONTEXT.pushforwards,
    )
    typo = (
        Chain.begin(integral(p_G(x) * log(p_G(x) / s)), "The p_D typo: p_D(x) where p_G(x) is meant")
        .eq(integral(p_G(x) * log(p_G(x) / (p_D(x) + p_data(x)))), mistake=True)
    )
    return Derivation(
        "lecture_mistakes",
        title("lecture_mistakes"),
        typo_ctx,
        (sign, dropped, jsd, typo),
        summary="Known mistakes in the lecture notes' proof of Theorem 1, entered as written.",
    )
