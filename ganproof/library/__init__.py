"""The built-in derivations, by name, in the order they are checked."""

from __future__ import annotations

from collections.abc import Callable

from ganproof.chain import Derivation
from ganproof.errors import UsageError
from ganproof.library.lecture import lecture_mistakes
from ganproof.library.monte_carlo import monte_carlo
from ganproof.library.relatives import arjovsky_bottou, f_gan, lsgan, non_saturating
from ganproof.library.theorem1 import (
    c_of_g,
    gibbs,
    minimum,
    optimal_discriminator,
    value_at_optimum,
    value_function,
)

DERIVATIONS: dict[str, Callable[[], Derivation]] = {
    "value_function": value_function,
    "optimal_discriminator": optimal_discriminator,
    "value_at_optimum": value_at_optimum,
    "c_of_g": c_of_g,
    "gibbs": gibbs,
    "minimum": minimum,
    "monte_carlo": monte_carlo,
    "lecture_mistakes": lecture_mistakes,
    "lsgan": lsgan,
    "f_gan": f_gan,
    "non_saturating": non_saturating,
    "arjovsky_bottou": arjovsky_bottou,
}


GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "theorem1": ("Goodfellow et al.'s Theorem 1, step by step",
                 ("value_function", "optimal_discriminator", "value_at_optimum", "c_of_g", "gibbs", "minimum")),
    "relatives": ("Relatives of the GAN theorem: LSGAN, f-GAN, the non-saturating loss, Arjovsky-Bottou",
                  ("lsgan", "f_gan", "non_saturating", "arjovsky_bottou")),
}
"""Names that stand for several derivations: ``ganproof report theorem1``."""


def expand(names: list[str]) -> list[str]:
    """Built-in names with groups replaced by their members, each once, in order."""
    out: list[str] = []
    for name in names:
        for member in GROUPS[name][1] if name in GROUPS else (name,):
            if member not in out:
                out.append(member)
    return out


def derivation(name: str) -> Derivation:
    """The built-in derivation called ``name``."""
    try:
        return DERIVATIONS[name]()
    except KeyError:
        known = ", ".join([*DERIVATIONS, *GROUPS])
        raise UsageError(f"no built-in derivation named {name!r}; known: {known} (see `ganproof list`)") from None


__all__ = ["DERIVATIONS", "GROUPS", "derivation", "expand"]
