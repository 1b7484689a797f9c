"""Concrete families that stand for the abstract names in numeric checks.

Densities (Gaussians, Gaussian mixtures, Betas, exact pushforwards),
generators (linear and a non-linear monotone map) and discriminators
(sigmoids).  Parameters are exact decimal strings, turned into mpmath
numbers inside each call, so every value is accurate to the precision of
the caller's ``mpmath.workdps`` context.  Nothing here sets the precision.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass

import mpmath as mp

_EXP_GUARD = mp.mpf(10) ** 6
_Z_GUARD = 60


def _m(s: str) -> mp.mpf:
    return mp.mpf(s)


_CONSTANTS: dict[tuple[object, int], tuple[mp.mpf, ...]] = {}


def _constants(owner: object, make: Callable[[], tuple[mp.mpf, ...]]) -> tuple[mp.mpf, ...]:
    """Constants of ``owner`` at the current precision, computed once per precision."""
    key = (owner, mp.mp.prec)
    found = _CONSTANTS.get(key)
    if found is None:
        found = _CONSTANTS[key] = make()
    return found


def softplus(t: mp.mpf) -> mp.mpf:
    """log(1 + e^t), without overflow and without cancellation; exp only of -10^6 < t <= 0.

    Below t = -10^6 the value is under 10^(-400000): it is returned as 0.
    """
    if t > 0:
        return t + mp.log1p(mp.exp(-t)) if t < _EXP_GUARD else t
    if t < -_EXP_GUARD:
        return mp.mpf(0)
    return mp.log1p(mp.exp(t))


class ConcreteDensity(ABC):
    """A concrete probability density."""

    description: str

    @abstractmethod
    def pdf(self, x: mp.mpf) -> mp.mpf: ...

    def log_pdf(self, x: mp.mpf) -> mp.mpf:
        return mp.log(self.pdf(x))

    def support(self) -> tuple[mp.mpf, mp.mpf]:
        return (-mp.inf, mp.inf)

    @abstractmethod
    def split_points(self) -> tuple[mp.mpf, ...]:
        """Modes and means: where quadrature intervals are split."""


@dataclass(frozen=True)
class Gaussian(ConcreteDensity):
    mean: str
    std: str

    @property
    def description(self) -> str:  # type: ignore[override]
        return f"N({self.mean}, {self.std}^2)"

    def _consts(self) -> tuple[mp.mpf, ...]:
        def make() -> tuple[mp.mpf, ...]:
            s = _m(self.std)
            return (_m(self.mean), 1 / (2 * s * s), mp.log(s) + mp.log(2 * mp.pi) / 2)

        return _constants(self, make)

    def log_pdf(self, x: mp.mpf) -> mp.mpf:
        mean, inv, lognorm = self._consts()
        d = x - mean
        return -d * d * inv - lognorm

    def pdf(self, x: mp.mpf) -> mp.mpf:
        return mp.exp(self.log_pdf(x))

    def split_points(self) -> tuple[mp.mpf, ...]:
        return (_m(self.mean),)


@dataclass(frozen=True)
class GaussianMixture(ConcreteDensity):
    components: tuple[tuple[str, str, str], ...]
    """(weight, mean, std) triples; the weights sum to 1."""

    def __post_init__(self) -> None:
        from fractions import Fraction

        total = sum(Fraction(w) for w, _, _ in self.components)
        if total != 1:
            raise ValueError(f"mixture weights must sum to 1, got {total}")

    @property
    def description(self) -> str:  # type: ignore[override]
        return " + ".join(f"{w} N({m}, {s}^2)" for w, m, s in self.components)

    def _parts(self) -> tuple[tuple[mp.mpf, Gaussian], ...]:
        return tuple((mp.log(_m(w)), Gaussian(m, s)) for w, m, s in self.components)

    def pdf(self, x: mp.mpf) -> mp.mpf:
        return mp.exp(self.log_pdf(x))

    def log_pdf(self, x: mp.mpf) -> mp.mpf:
        logw = _constants(self, lambda: tuple(mp.log(_m(w)) for w, _, _ in self.components))
        logs = [lw + Gaussian(m, s).log_pdf(x) for lw, (_, m, s) in zip(logw, self.components)]
        top = max(logs)
        return top + mp.log(mp.fsum(mp.exp(v - top) for v in logs))

    def split_points(self) -> tuple[mp.mpf, ...]:
        means = {_m(m) for _, m, _ in self.components}
        mean = mp.fsum(_m(w) * _m(m) for w, m, _ in self.components)
        return tuple(sorted(means | {mean}))


@dataclass(frozen=True)
class Beta(ConcreteDensity):
    a: str
    b: str

    def __post_init__(self) -> None:
        if float(self.a) < 1 or float(self.b) < 1:
            raise ValueError(
                f"Beta({self.a}, {self.b}): parameters below 1 give endpoint singularities that "
                "tanh-sinh quadrature resolves to about half the digits; use a, b >= 1"
            )

    @property
    def description(self) -> str:  # type: ignore[override]
        return f"Beta({self.a}, {self.b})"

    def support(self) -> tuple[mp.mpf, mp.mpf]:
        return (mp.mpf(0), mp.mpf(1))

    def _consts(self) -> tuple[mp.mpf, ...]:
        def make() -> tuple[mp.mpf, ...]:
            a, b = _m(self.a), _m(self.b)
            return (a, b, mp.beta(a, b))

        return _constants(self, make)

    def log_pdf(self, x: mp.mpf) -> mp.mpf:
        a, b, beta = self._consts()
        return (a - 1) * mp.log(x) + (b - 1) * mp.log1p(-x) - mp.log(beta)

    def pdf(self, x: mp.mpf) -> mp.mpf:
        if not 0 < x < 1:
            return mp.mpf(0)
        a, b, beta = self._consts()
        return x ** (a - 1) * (1 - x) ** (b - 1) / beta

    def split_points(self) -> tuple[mp.mpf, ...]:
        a, b = _m(self.a), _m(self.b)
        pts = {a / (a + b)}
        if a > 1 and b > 1:
            pts.add((a - 1) / (a + b - 2))
        return tuple(sorted(pts))


class ConcreteGenerator(ABC):
    """A strictly increasing map of R onto R, with its inverse."""

    description: str

    @abstractmethod
    def forward(self, z: mp.mpf) -> mp.mpf: ...

    @abstractmethod
    def inverse(self, x: mp.mpf) -> mp.mpf: ...

    @abstractmethod
    def inverse_derivative(self, x: mp.mpf) -> mp.mpf: ...


@dataclass(frozen=True)
class LinearGenerator(ConcreteGenerator):
    shift: str
    scale: str

    def __post_init__(self) -> None:
        if float(self.scale) <= 0:
            raise ValueError(f"LinearGenerator scale must be positive, got {self.scale}")

    @property
    def description(self) -> str:  # type: ignore[override]
        return f"G(z) = {self.shift} + {self.scale} z"

    def _consts(self) -> tuple[mp.mpf, ...]:
        return _constants(self, lambda: (_m(self.shift), _m(self.scale)))

    def forward(self, z: mp.mpf) -> mp.mpf:
        shift, scale = self._consts()
        return shift + scale * z

    def inverse(self, x: mp.mpf) -> mp.mpf:
        shift, scale = self._consts()
        return (x - shift) / scale

    def inverse_derivative(self, x: mp.mpf) -> mp.mpf:
        return 1 / self._consts()[1]


@dataclass(frozen=True)
class SinhGenerator(ConcreteGenerator):
    """G(z) = shift + scale sinh(z): non-linear, strictly increasing, onto R."""

    shift: str
    scale: str

    def __post_init__(self) -> None:
        if float(self.scale) <= 0:
            raise ValueError(f"SinhGenerator scale must be positive, got {self.scale}")

    @property
    def description(self) -> str:  # type: ignore[override]
        return f"G(z) = {self.shift} + {self.scale} sinh(z)"

    def forward(self, z: mp.mpf) -> mp.mpf:
        # beyond |z| = 60 every noise density used here is below 10^(-600): saturating there
        # changes no integral at the precisions in use (< 500 digits), and keeps sinh(z) from
        # producing numbers whose exponentials cost time in the hundreds of thousands of digits
        zc = max(-_Z_GUARD, min(_Z_GUARD, z))
        shift, scale = self._consts()
        return shift + scale * mp.sinh(zc)

    def _consts(self) -> tuple[mp.mpf, ...]:
        return _constants(self, lambda: (_m(self.shift), _m(self.scale)))

    def inverse(self, x: mp.mpf) -> mp.mpf:
        shift, scale = self._consts()
        return mp.asinh((x - shift) / scale)

    def inverse_derivative(self, x: mp.mpf) -> mp.mpf:
        shift, scale = self._consts()
        u = (x - shift) / scale
        return 1 / (scale * mp.sqrt(1 + u * u))


@dataclass(frozen=True)
class Pushforward(ConcreteDensity):
    """The exact law of G(z) for z ~ base: base(G^{-1}(x)) |dG^{-1}/dx|."""

    base: ConcreteDensity
    generator: ConcreteGenerator

    @property
    def description(self) -> str:  # type: ignore[override]
        return f"law of {self.generator.description}, z ~ {self.base.description}"

    def pdf(self, x: mp.mpf) -> mp.mpf:
        return self.base.pdf(self.generator.inverse(x)) * self.generator.inverse_derivative(x)

    def log_pdf(self, x: mp.mpf) -> mp.mpf:
        return self.base.log_pdf(self.generator.inverse(x)) + mp.log(self.generator.inverse_derivative(x))

    def split_points(self) -> tuple[mp.mpf, ...]:
        return tuple(sorted(self.generator.forward(p) for p in self.base.split_points()))


class ConcreteDiscriminator(ABC):
    """A discriminator with values in (0, 1), with accurate logs of D and 1 - D."""

    description: str

    @abstractmethod
    def value(self, x: mp.mpf) -> mp.mpf: ...

    @abstractmethod
    def one_minus(self, x: mp.mpf) -> mp.mpf: ...

    @abstractmethod
    def log_value(self, x: mp.mpf) -> mp.mpf: ...

    @abstractmethod
    def log_one_minus(self, x: mp.mpf) -> mp.mpf: ...


def _sigmoid(t: mp.mpf) -> mp.mpf:
    """1/(1 + e^-t), computing exp only of arguments in [-10^6, 0]."""
    if t >= 0:
        return 1 / (1 + mp.exp(-min(t, _EXP_GUARD)))
    e = mp.exp(max(t, -_EXP_GUARD))
    return e / (1 + e)


@dataclass(frozen=True)
class SigmoidDiscriminator(ConcreteDiscriminator):
    """D(x) = 1 / (1 + exp(-(slope x + offset)))."""

    slope: str
    offset: str

    @property
    def description(self) -> str:  # type: ignore[override]
        return f"D(x) = sigmoid({self.slope} x + {self.offset})"

    def _t(self, x: mp.mpf) -> mp.mpf:
        slope, offset = _constants(self, lambda: (_m(self.slope), _m(self.offset)))
        return slope * x + offset

    def value(self, x: mp.mpf) -> mp.mpf:
        return _sigmoid(self._t(x))

    def one_minus(self, x: mp.mpf) -> mp.mpf:
        return _sigmoid(-self._t(x))

    def log_value(self, x: mp.mpf) -> mp.mpf:
        return -softplus(-self._t(x))

    def log_one_minus(self, x: mp.mpf) -> mp.mpf:
        return -softplus(self._t(x))
