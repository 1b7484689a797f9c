"""The concrete families of :mod:`ganproof.numeric.families`, evaluated in ball arithmetic.

Each family owns its ball representation (its ``ball(prec)`` method, next to
its mpmath one); this module only looks it up, once per family member and
precision.  The formulas are the mpmath ones without their guard bits: ball
arithmetic carries its own rounding error in the radius, so a value that
lost digits says so instead of being silently wrong.  Where the mpmath
versions branch to avoid overflow (sigmoid, softplus), these branch on the
midpoint; both branches are exact formulas for every argument.

A family without a ball representation raises :class:`Unsupported`, and the
evaluator computes the row with mpmath instead (about ten times slower).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from ganproof.numeric.families import (
    DensityKernel,
    DiscriminatorKernel,
    FamilyKernel,
    GeneratorKernel,
    ParametricPushforward,
    Unsupported,
    ball_sigmoid as sigmoid,
    ball_softplus as softplus,
)

Fn = Callable[[Any], Any]

__all__ = [
    "DensityKernel",
    "DiscriminatorKernel",
    "FamilyKernel",
    "GeneratorKernel",
    "Unsupported",
    "critic_kernel",
    "density_kernel",
    "discriminator_kernel",
    "family_kernel",
    "generator_kernel",
    "sigmoid",
    "softplus",
]


def _ball_of(obj: object, what: str, prec: int) -> Any:
    make = getattr(obj, "ball", None)
    if make is None:
        raise Unsupported(f"no ball version of the {what} {type(obj).__name__}")
    return make(prec)


@lru_cache(maxsize=512)
def density_kernel(d: object, prec: int) -> DensityKernel:
    """pdf and log pdf of a concrete density at ``prec`` bits (the current arb precision)."""
    return _ball_of(d, "density", prec)  # type: ignore[no-any-return]


@lru_cache(maxsize=512)
def generator_kernel(g: object, prec: int) -> GeneratorKernel:
    """G, its inverse, and the inverse's derivative and log derivative, at ``prec`` bits."""
    return _ball_of(g, "generator", prec)  # type: ignore[no-any-return]


@lru_cache(maxsize=512)
def family_kernel(f: ParametricPushforward, prec: int) -> FamilyKernel:
    """G(z, theta) = theta + e^(kappa theta) G0(z) and its law p(x, theta), at ``prec`` bits."""
    return f.ball(prec)


@lru_cache(maxsize=512)
def discriminator_kernel(d: object, prec: int) -> DiscriminatorKernel:
    """D, 1 - D, log D and log(1 - D) without cancellation, at ``prec`` bits."""
    return _ball_of(d, "discriminator", prec)  # type: ignore[no-any-return]


@lru_cache(maxsize=512)
def critic_kernel(c: object, prec: int) -> Fn:
    """A critic T as a function of balls, at ``prec`` bits."""
    return _ball_of(c, "critic", prec)  # type: ignore[no-any-return]
