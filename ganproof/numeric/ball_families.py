"""The concrete families of :mod:`ganproof.numeric.families`, evaluated in ball arithmetic.

Each ``*_kernel`` function returns the family member's functions on arb
balls at the current arb precision, with its constants computed once per
precision.  The formulas are the mpmath ones without their guard bits:
ball arithmetic carries its own rounding error in the radius, so a value
that lost digits says so instead of being silently wrong.  Where the mpmath
versions branch to avoid overflow (sigmoid, softplus), these branch on the
midpoint; both branches are exact formulas for every argument.

A family this module does not know raises :class:`Unsupported`, and the
evaluator computes the row with mpmath instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from flint import arb

from ganproof.numeric.balls import from_fraction
from ganproof.numeric.families import (
    Beta,
    Gaussian,
    GaussianMixture,
    LinearGenerator,
    ParametricPushforward,
    Param,
    Pushforward,
    SigmoidDiscriminator,
    SinhGenerator,
    TanhCritic,
    _parsed,
)

Fn = Callable[[arb], arb]
Fn2 = Callable[[arb, arb], arb]


class Unsupported(Exception):
    """The ball path cannot evaluate this expression (the mpmath path will)."""


def _val(p: Param) -> arb:
    return from_fraction(_parsed(p))


@dataclass(frozen=True)
class DensityKernel:
    pdf: Fn
    log_pdf: Fn


@dataclass(frozen=True)
class GeneratorKernel:
    forward: Fn
    inverse: Fn
    inverse_derivative: Fn
    log_inverse_derivative: Fn


@dataclass(frozen=True)
class FamilyKernel:
    forward: Fn2
    pdf: Fn2
    log_pdf: Fn2


@dataclass(frozen=True)
class DiscriminatorKernel:
    value: Fn
    one_minus: Fn
    log_value: Fn
    log_one_minus: Fn


def softplus(t: arb) -> arb:
    """log(1 + e^t), exp of a non-positive argument only."""
    if t.mid() > 0:
        return t + (-t).exp().log1p()
    return t.exp().log1p()


def sigmoid(t: arb) -> arb:
    """1 / (1 + e^-t), exp of a non-positive argument only."""
    if t.mid() >= 0:
        return 1 / (1 + (-t).exp())
    e = t.exp()
    return e / (1 + e)


@lru_cache(maxsize=512)
def density_kernel(d: object, prec: int) -> DensityKernel:
    """pdf and log pdf of a concrete density at ``prec`` bits (the current arb precision)."""
    if isinstance(d, Gaussian):
        m, s = _val(d.mean), _val(d.std)
        h = 1 / (2 * s * s)
        norm = s * (2 * arb.pi()).sqrt()
        inv_norm, log_norm = 1 / norm, norm.log()

        def g_pdf(x: arb) -> arb:
            u = x - m
            return inv_norm * (-(u * u) * h).exp()

        def g_log(x: arb) -> arb:
            u = x - m
            return -(u * u) * h - log_norm

        return DensityKernel(g_pdf, g_log)
    if isinstance(d, GaussianMixture):
        parts = [(_val(w), density_kernel(Gaussian(mu, sd), prec)) for w, mu, sd in d.components]
        logs_w = [w.log() for w, _ in parts]

        def mix_pdf(x: arb) -> arb:
            total = arb(0)
            for w, k in parts:
                total += w * k.pdf(x)
            return total

        def mix_log(x: arb) -> arb:
            logs = [lw + k.log_pdf(x) for lw, (_, k) in zip(logs_w, parts)]
            top = max(logs, key=lambda v: v.mid())
            total = arb(0)
            for v in logs:
                total += (v - top).exp()
            return top + total.log()

        return DensityKernel(mix_pdf, mix_log)
    if isinstance(d, Beta):
        a, b = _val(d.a), _val(d.b)
        am1, bm1 = a - 1, b - 1
        log_beta = a.lgamma() + b.lgamma() - (a + b).lgamma()
        inv_beta = (-log_beta).exp()

        def beta_log(x: arb) -> arb:
            out = -log_beta
            if am1 != 0:
                out += am1 * x.log()
            if bm1 != 0:
                out += bm1 * (-x).log1p()
            return out

        def beta_pdf(x: arb) -> arb:
            if not (x > 0 and x < 1):
                raise Unsupported("a Beta density outside the open unit interval")
            return inv_beta * (x ** am1) * ((1 - x) ** bm1)

        return DensityKernel(beta_pdf, beta_log)
    if isinstance(d, Pushforward):
        base = density_kernel(d.base, prec)
        g = generator_kernel(d.generator, prec)

        def push_pdf(x: arb) -> arb:
            return base.pdf(g.inverse(x)) * g.inverse_derivative(x)

        def push_log(x: arb) -> arb:
            return base.log_pdf(g.inverse(x)) + g.log_inverse_derivative(x)

        return DensityKernel(push_pdf, push_log)
    raise Unsupported(f"no ball version of the density {type(d).__name__}")


@lru_cache(maxsize=512)
def generator_kernel(g: object, prec: int) -> GeneratorKernel:
    """G, its inverse, and the inverse's derivative and log derivative, at ``prec`` bits."""
    if isinstance(g, LinearGenerator):
        shift, scale = _val(g.shift), _val(g.scale)
        inv_scale, log_inv = 1 / scale, -scale.log()
        return GeneratorKernel(
            lambda z: shift + scale * z,
            lambda x: (x - shift) * inv_scale,
            lambda x: inv_scale,
            lambda x: log_inv,
        )
    if isinstance(g, SinhGenerator):
        shift, scale = _val(g.shift), _val(g.scale)
        inv_scale, log_scale = 1 / scale, scale.log()

        def u(x: arb) -> arb:
            return (x - shift) * inv_scale

        return GeneratorKernel(
            lambda z: shift + scale * z.sinh(),
            lambda x: u(x).asinh(),
            lambda x: inv_scale / (1 + u(x) ** 2).sqrt(),
            lambda x: -(log_scale + (u(x) ** 2).log1p() / 2),
        )
    raise Unsupported(f"no ball version of the generator {type(g).__name__}")


@lru_cache(maxsize=512)
def family_kernel(f: ParametricPushforward, prec: int) -> FamilyKernel:
    """G(z, theta) = theta + e^(kappa theta) G0(z) and its law p(x, theta), at ``prec`` bits."""
    kappa = _val(f.kappa)
    base = density_kernel(f.base, prec)
    g0 = generator_kernel(f.base.generator, prec)

    def forward(z: arb, theta: arb) -> arb:
        return theta + (kappa * theta).exp() * g0.forward(z)

    def pdf(x: arb, theta: arb) -> arb:
        inv = (-kappa * theta).exp()
        return base.pdf((x - theta) * inv) * inv

    def log_pdf(x: arb, theta: arb) -> arb:
        k = kappa * theta
        return base.log_pdf((x - theta) * (-k).exp()) - k

    return FamilyKernel(forward, pdf, log_pdf)


@lru_cache(maxsize=512)
def discriminator_kernel(d: object, prec: int) -> DiscriminatorKernel:
    """D, 1 - D, log D and log(1 - D) without cancellation, at ``prec`` bits."""
    if not isinstance(d, SigmoidDiscriminator):
        raise Unsupported(f"no ball version of the discriminator {type(d).__name__}")
    slope, offset = _val(d.slope), _val(d.offset)

    def logit(x: arb) -> arb:
        return slope * x + offset

    return DiscriminatorKernel(
        lambda x: sigmoid(logit(x)),
        lambda x: sigmoid(-logit(x)),
        lambda x: -softplus(-logit(x)),
        lambda x: -softplus(logit(x)),
    )


@lru_cache(maxsize=512)
def critic_kernel(c: object, prec: int) -> Fn:
    """T(x) = level + scale tanh(slope x + offset), at ``prec`` bits."""
    if not isinstance(c, TanhCritic):
        raise Unsupported(f"no ball version of the critic {type(c).__name__}")
    level, scale, slope, offset = (_val(c.level), _val(c.scale), _val(c.slope), _val(c.offset))
    return lambda x: level + scale * (slope * x + offset).tanh()
