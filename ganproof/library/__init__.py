"""The built-in derivations, by name, in the order they are checked."""

from __future__ import annotations

from collections.abc import Callable

from ganproof.chain import Derivation
from ganproof.errors import UsageError
from ganproof.library.lecture import lecture_mistakes
from ganproof.library.monte_carlo import monte_carlo
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
}


def derivation(name: str) -> Derivation:
    """The built-in derivation called ``name``."""
    try:
        return DERIVATIONS[name]()
    except KeyError:
        known = ", ".join(DERIVATIONS)
        raise UsageError(f"no built-in derivation named {name!r}; known: {known} (see `ganproof list`)") from None


__all__ = ["DERIVATIONS", "derivation"]
