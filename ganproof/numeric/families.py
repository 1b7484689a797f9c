"""Concrete families that stand for the abstract names in numeric checks.

The checker replaces abstract names by concrete members of these families
and compares both sides of a step by ``mpmath.quad`` at 30-60 significant
digits:

* densities (``p_data``, ``p_G``, ``p_z``, ``q``, ...): :class:`Gaussian`,
  :class:`GaussianMixture`, :class:`Beta` and the exact law
  :class:`Pushforward` of a density through a generator;
* generators (``G``: noise ``z`` to samples ``x``): :class:`LinearGenerator`
  and the non-linear, strictly increasing :class:`SinhGenerator` (an identity
  or linear generator would hide errors in change-of-variables steps);
* discriminators (``D`` with values in (0, 1)): :class:`SigmoidDiscriminator`,
  with ``1 - D``, ``log D`` and ``log(1 - D)`` computed without cancellation.

Precision.  Nothing in this module sets ``mpmath.mp.dps`` or ``mp.prec``: the
caller chooses the precision with ``mpmath.workdps(...)`` and every value is
computed at that precision.  Parameters are exact decimal strings (``"0.3"``),
``fractions.Fraction`` or ``int``; they are converted to mpmath numbers inside
each call, correctly rounded at the current precision (binary floats are
refused: ``0.3`` as a float is not 3/10).  Derived constants (normalising
constants, ``log(2 pi)``, Beta functions) are cached keyed by ``mp.prec``, so a
value computed at 15 digits is never reused at 50.

Huge arguments.  Tanh-sinh quadrature over the real line evaluates its
integrand at ``|x|`` up to about ``10^dps`` and beyond, and a generator such as
``sinh`` turns those into numbers like ``exp(10^70)``.  mpmath has an unbounded
exponent range, so ``exp`` of a large *negative* argument is a tiny but exact
number, and it is cheap while the argument stays below ``2^2048`` in magnitude.
Therefore this module only ever takes ``exp`` of a non-positive argument
(see :func:`sigmoid` and :func:`softplus`), and below ``-2^2048`` (about
``-3.2e616``) it returns the positive stand-in ``exp(-2^2048)``, an upper bound
of the true value that no integral at any practicable precision can see
(computing the true value would need about ``log2|u|`` extra bits and can take
unbounded time).  Densities therefore stay strictly positive on their open
support and ratios of densities never become ``0/0``; the ``log_*`` methods
never go through ``exp`` and stay exact for any argument.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Callable, Union

import mpmath
from mpmath import mp

__all__ = [
    "Param",
    "EXP_ARGUMENT_CAP",
    "softplus",
    "sigmoid",
    "ConcreteDensity",
    "Gaussian",
    "GaussianMixture",
    "Beta",
    "Pushforward",
    "ConcreteGenerator",
    "LinearGenerator",
    "SinhGenerator",
    "ConcreteDiscriminator",
    "SigmoidDiscriminator",
    "TanhCritic",
    "ParametricPushforward",
]

Param = Union[str, Fraction, int]
"""An exact parameter: a decimal or rational string ("0.3", "1/3"), a Fraction or an int."""

EXP_ARGUMENT_CAP: mpmath.mpf = mpmath.mpf(2) ** 2048
"""Beyond this magnitude ``exp`` is never evaluated (an exact power of two: valid at every precision)."""


# ---------------------------------------------------------------------------
# exact parameters and precision-keyed constants
# ---------------------------------------------------------------------------


def _exact(p: Param, what: str) -> Fraction:
    """The exact rational value of a parameter; refuses binary floats and bad strings."""
    if isinstance(p, bool) or isinstance(p, float):
        raise TypeError(
            f"{what} = {p!r}: give parameters as exact strings (e.g. '0.3'), Fractions or ints, "
            "not binary floats"
        )
    if isinstance(p, (Fraction, int)):
        return Fraction(p)
    if isinstance(p, str):
        try:
            return Fraction(p.strip())
        except (ValueError, ZeroDivisionError):
            raise ValueError(f"{what} = {p!r} is not an exact decimal or rational number") from None
    raise TypeError(f"{what} = {p!r}: expected a str, Fraction or int, got {type(p).__name__}")


@lru_cache(maxsize=8192)
def _rational_at(q: Fraction, prec: int) -> mpmath.mpf:
    """q correctly rounded at ``prec`` bits (integers converted exactly, one rounding in the division)."""
    with mp.workprec(prec):
        return mp.fdiv(q.numerator, q.denominator)


@lru_cache(maxsize=8192)
def _parsed(p: Param) -> Fraction:
    """Cached :func:`_exact` for parameters already validated at construction (the hot path)."""
    return _exact(p, "parameter")


def _val(p: Param) -> mpmath.mpf:
    """The parameter ``p`` as an mpf at the current precision."""
    return _rational_at(_parsed(p), mp.prec)


FAST_LIMIT = mpmath.mpf(2) ** 10
"""Below this size of an exponent (or argument), the fast paths compute at the caller's precision.

They lose at most log2(FAST_LIMIT) = 10 bits to rounding amplification, which
the caller's guard covers (quadrature works 20 bits above its target, and the
evaluator 6 and 15 digits above the digits it reports); beyond it the careful
paths add guard bits of their own.
"""


def _difference(x: mpmath.mpf, c: mpmath.mpf) -> mpmath.mpf:
    """x - c, exact for moderate x (no rounding before the caller's one), else rounded with 32 guard bits."""
    if -FAST_LIMIT < x < FAST_LIMIT:
        return mp.fsub(x, c, exact=True)
    return mp.fsub(x, c, prec=mp.prec + 32)


def _per_prec(obj: object, make: Callable[[], tuple[mpmath.mpf, ...]]) -> tuple[mpmath.mpf, ...]:
    """``make()`` for ``obj`` at the current precision, computed once per precision.

    The cache lives in the frozen object's ``__dict__`` (not a dataclass
    field: equality and hashing are unchanged), so that the hot paths look
    constants up by an int instead of hashing exact Fractions.
    """
    cache = obj.__dict__.get("_by_prec")
    if cache is None:
        cache = {}
        object.__setattr__(obj, "_by_prec", cache)
    prec = mp.prec
    found = cache.get(prec)
    if found is None:
        with mp.workprec(prec + 32):
            found = tuple(+v for v in make())
        cache[prec] = found = tuple(found)
    return found


_GUARD_MAG_CAP = 2048


def _mag(v: mpmath.mpf | int) -> int:
    """About log2|v| for finite non-zero v (0 otherwise), saturated at +-2048."""
    if not v or not mp.isfinite(v):
        return 0
    return max(-_GUARD_MAG_CAP, min(int(mp.mag(v)), _GUARD_MAG_CAP))


def _fraction_mag(q: Fraction) -> int:
    """About log2|q| for a non-zero Fraction (0 for 0)."""
    if not q:
        return 0
    return abs(q.numerator).bit_length() - q.denominator.bit_length()


def _guard_bits(amplification: int = 0, base: int = 32) -> int:
    """Extra working bits for a computation that amplifies relative rounding errors by 2^amplification.

    ``exp(E)`` turns a relative error eps of its argument E into a relative
    error |E| eps of the result, so a Gaussian tail or a saturated sigmoid
    computed at the caller's precision would lose log2|E| bits.  Methods
    compute at ``prec + guard`` bits and round once at the end.  The guard is a
    multiple of 32 bits so that the precision-keyed caches see few precisions.
    """
    bits = base + max(0, amplification)
    return -(-bits // 32) * 32


@lru_cache(maxsize=64)
def _exp_floor(prec: int) -> mpmath.mpf:
    """exp(-EXP_ARGUMENT_CAP) at ``prec`` bits: the stand-in for anything smaller."""
    with mp.workprec(prec):
        return mp.exp(-EXP_ARGUMENT_CAP)


def _exp_nonpositive(u: mpmath.mpf) -> mpmath.mpf:
    """exp(u) for u <= 0: exact while |u| <= 2^2048, else the positive bound exp(-2^2048); 0 at -inf."""
    if u > 0:
        raise ValueError(f"internal error: exp of the positive argument {mp.nstr(u, 8)} requested")
    if u >= -EXP_ARGUMENT_CAP or mp.isnan(u):
        return mp.exp(u)
    if mp.isinf(u):
        return mp.zero
    return _exp_floor(mp.prec)


def softplus(t: mpmath.mpf) -> mpmath.mpf:
    """log(1 + e^t) without overflow or cancellation, accurate for every t.

    For t > 0 it is t + log1p(e^-t), else log1p(e^t): exp is only taken of a
    non-positive argument, so t = 10^40 costs nothing and t = -10^40 gives the
    tiny exact value e^t.
    """
    if t > 0:
        return t + mp.log1p(_exp_nonpositive(-t))
    return mp.log1p(_exp_nonpositive(t))


def sigmoid(t: mpmath.mpf) -> mpmath.mpf:
    """1 / (1 + e^-t), accurate in relative terms for every t (exp of non-positive arguments only).

    ``sigmoid(-t)`` is ``1 - sigmoid(t)`` computed without cancellation.
    """
    if t >= 0:
        return 1 / (1 + _exp_nonpositive(-t))
    e = _exp_nonpositive(t)
    return e / (1 + e)


def _fmt(p: Param) -> str:
    """A parameter as written in a description."""
    if isinstance(p, str):
        return p.strip()
    q = Fraction(p)
    return str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"


def _fmt_square(p: Param) -> str:
    s = _fmt(p)
    return f"({s})^2" if ("/" in s or s.startswith("-")) else f"{s}^2"


def _fmt_plus(lead: str, p: Param) -> str:
    """``lead + p`` or ``lead - |p|``."""
    s = _fmt(p)
    return f"{lead} - {s[1:]}" if s.startswith("-") else f"{lead} + {s}"


def _require_positive(p: Param, what: str) -> Fraction:
    q = _exact(p, what)
    if q <= 0:
        raise ValueError(f"{what} must be positive, got {p!r}")
    return q


# ---------------------------------------------------------------------------
# densities
# ---------------------------------------------------------------------------


class ConcreteDensity(ABC):
    """A concrete probability density on an interval, evaluated at the current mpmath precision.

    It stands for an abstract density name (p_data, p_G, p_z, ...) in numeric
    checks.  ``pdf`` is positive on the open support; ``log_pdf`` is computed
    directly where possible so that logs of far-out tails stay exact;
    ``split_points`` are where quadrature over the support is split so that
    every piece is smooth and of moderate scale.
    """

    @property
    @abstractmethod
    def description(self) -> str:
        """Human-readable text, e.g. ``N(0.3, 1.1^2)``."""

    @abstractmethod
    def pdf(self, x: mpmath.mpf) -> mpmath.mpf:
        """The density at x (positive on the open support, 0 outside its closure)."""

    @abstractmethod
    def log_pdf(self, x: mpmath.mpf) -> mpmath.mpf:
        """log pdf(x), accurate also where pdf(x) is astronomically small (-inf outside the support)."""

    def support(self) -> tuple[mpmath.mpf, mpmath.mpf]:
        """The open interval carrying the density: (-inf, inf) unless overridden."""
        return (mp.ninf, mp.inf)

    @abstractmethod
    def split_points(self) -> tuple[mpmath.mpf, ...]:
        """Modes and means, strictly inside the support, sorted and without repeats."""

    def tail_cut(self, bits: int) -> tuple[mpmath.mpf, mpmath.mpf]:
        """An interval outside which the density is below 2^-bits and falls off outward.

        Quadrature over the real line need not look beyond it (the caller
        still checks its integrand there); the default is the whole support.
        """
        return self.support()


@lru_cache(maxsize=4096)
def _gaussian_constants(
    mean: Fraction, std: Fraction, prec: int
) -> tuple[mpmath.mpf, mpmath.mpf, mpmath.mpf, mpmath.mpf]:
    """(mean, 1/(2 std^2), 1/(std sqrt(2 pi)), log(std sqrt(2 pi))) at ``prec`` bits."""
    with mp.workprec(prec):
        m = _rational_at(mean, prec)
        half_inv_var = _rational_at(1 / (2 * std * std), prec)
        with mp.workprec(prec + 20):
            s = mp.fdiv(std.numerator, std.denominator)
            norm = s * mp.sqrt(2 * mp.pi)
            inv_norm, log_norm = 1 / norm, mp.log(norm)
        return m, half_inv_var, +inv_norm, +log_norm


@dataclass(frozen=True)
class Gaussian(ConcreteDensity):
    """The normal density N(mean, std^2) on the real line.

    The workhorse density: its KL divergences and entropies have closed forms
    that the tests compare with quadrature.
    """

    mean: Param
    std: Param

    def __post_init__(self) -> None:
        _exact(self.mean, "Gaussian mean")
        _require_positive(self.std, "Gaussian std")

    @property
    def description(self) -> str:
        return f"N({_fmt(self.mean)}, {_fmt_square(self.std)})"

    def _constants(self) -> tuple[mpmath.mpf, mpmath.mpf, mpmath.mpf, mpmath.mpf]:
        return _gaussian_constants(_parsed(self.mean), _parsed(self.std), mp.prec)

    def _exponent(self, x: mpmath.mpf) -> mpmath.mpf:
        """-(x - mean)^2 / (2 std^2) at the current working precision."""
        m, h, _, _ = self._constants()
        d = x - m
        return -(d * d) * h

    def _guard(self, x: mpmath.mpf) -> int:
        # |exponent| ~ (|x| + |mean|)^2 / (2 std^2)
        mean, std = _parsed(self.mean), _parsed(self.std)
        return _guard_bits(2 * max(_mag(x), _fraction_mag(mean), 0) + 2 * max(0, -_fraction_mag(std)) + 2)

    def _fast(self) -> tuple[mpmath.mpf, ...]:
        return _per_prec(self, lambda: _gaussian_constants(_parsed(self.mean), _parsed(self.std), mp.prec))

    def pdf(self, x: mpmath.mpf) -> mpmath.mpf:
        m, h, inv_norm, _ = self._fast()
        d = x - m
        u = d * d * h
        if u < FAST_LIMIT:
            return inv_norm * mp.exp(-u)
        with mp.workprec(mp.prec + self._guard(x)):
            _, _, inv_norm, _ = self._constants()
            v = inv_norm * _exp_nonpositive(self._exponent(x))
        return +v

    def log_pdf(self, x: mpmath.mpf) -> mpmath.mpf:
        m, h, _, log_norm = self._fast()
        if -FAST_LIMIT < x < FAST_LIMIT:
            d = x - m
            return -(d * d * h) - log_norm
        with mp.workprec(mp.prec + _guard_bits()):
            _, _, _, log_norm = self._constants()
            v = self._exponent(x) - log_norm
        return +v

    def split_points(self) -> tuple[mpmath.mpf, ...]:
        return (_val(self.mean),)

    def tail_cut(self, bits: int) -> tuple[mpmath.mpf, mpmath.mpf]:
        # pdf <= exp(-(x - m)^2 / (2 s^2)) / (s sqrt(2 pi)): below 2^-bits once |x - m| >= s sqrt(2 bits log 2 + ...)
        std = _parsed(self.std)
        extra = max(0, -_fraction_mag(std)) + 2
        width = _val(self.std) * mp.sqrt(2 * (bits + extra) * mp.ln2)
        m = _val(self.mean)
        return (m - width, m + width)


@dataclass(frozen=True)
class GaussianMixture(ConcreteDensity):
    """A finite mixture sum_i w_i N(m_i, s_i^2): multimodal and non-Gaussian.

    ``components`` are (weight, mean, std) triples; the weights are positive
    and sum to exactly 1.  Mixtures catch steps that only hold for Gaussians.
    """

    components: tuple[tuple[Param, Param, Param], ...]

    def __post_init__(self) -> None:
        if not self.components:
            raise ValueError("a Gaussian mixture needs at least one component")
        total = Fraction(0)
        for i, comp in enumerate(self.components):
            if len(comp) != 3:
                raise ValueError(f"mixture component {i} must be a (weight, mean, std) triple, got {comp!r}")
            w, m, s = comp
            total += _require_positive(w, f"mixture weight {i}")
            _exact(m, f"mixture mean {i}")
            _require_positive(s, f"mixture std {i}")
        if total != 1:
            raise ValueError(
                f"mixture weights must sum to exactly 1, but "
                f"{' + '.join(_fmt(w) for w, _, _ in self.components)} = {total}"
            )

    @property
    def description(self) -> str:
        return " + ".join(f"{_fmt(w)} {Gaussian(m, s).description}" for w, m, s in self.components)

    def _parts(self) -> tuple[tuple[mpmath.mpf, Gaussian], ...]:
        return _mixture_parts(self.components, mp.prec)

    def _weights(self) -> tuple[mpmath.mpf, ...]:
        """(w_1, ..., w_k, log w_1, ..., log w_k) at the current precision."""
        def make() -> tuple[mpmath.mpf, ...]:
            ws = [_rational_at(_parsed(w), mp.prec) for w, _, _ in self.components]
            return (*ws, *(mp.log(w) for w in ws))

        return _per_prec(self, make)

    def _gaussians(self) -> tuple[Gaussian, ...]:
        found = self.__dict__.get("_components")
        if found is None:
            found = tuple(Gaussian(m, s) for _, m, s in self.components)
            object.__setattr__(self, "_components", found)
        return found

    def pdf(self, x: mpmath.mpf) -> mpmath.mpf:
        if -FAST_LIMIT < x < FAST_LIMIT:
            ws = self._weights()
            return mp.fsum([w * g.pdf(x) for w, g in zip(ws, self._gaussians())])
        with mp.workprec(mp.prec + _guard_bits()):
            v = mp.fsum(w * g.pdf(x) for w, g in self._parts())
        return +v

    def log_pdf(self, x: mpmath.mpf) -> mpmath.mpf:
        # log-sum-exp: exact even where every component is astronomically small
        if -FAST_LIMIT < x < FAST_LIMIT:
            gs = self._gaussians()
            log_ws = self._weights()[len(gs):]
            logs = [lw + g.log_pdf(x) for lw, g in zip(log_ws, gs)]
            top = max(logs)
            return top + mp.log(mp.fsum([_exp_nonpositive(v - top) for v in logs]))
        with mp.workprec(mp.prec + _guard_bits()):
            logs = [mp.log(w) + g.log_pdf(x) for w, g in self._parts()]
            top = max(logs)
            if mp.isinf(top) or mp.isnan(top):
                return top
            v = top + mp.log(mp.fsum(_exp_nonpositive(v - top) for v in logs))
        return +v

    def split_points(self) -> tuple[mpmath.mpf, ...]:
        means = {_parsed(m) for _, m, _ in self.components}
        means.add(sum((_parsed(w) * _parsed(m) for w, m, _ in self.components), Fraction(0)))
        return tuple(_rational_at(q, mp.prec) for q in sorted(means))

    def tail_cut(self, bits: int) -> tuple[mpmath.mpf, mpmath.mpf]:
        cuts = [Gaussian(m, sd).tail_cut(bits) for _, m, sd in self.components]
        return (min(lo for lo, _ in cuts), max(hi for _, hi in cuts))


@lru_cache(maxsize=1024)
def _mixture_parts(
    components: tuple[tuple[Param, Param, Param], ...], prec: int
) -> tuple[tuple[mpmath.mpf, Gaussian], ...]:
    """(weight at ``prec`` bits, component density) pairs of a validated mixture."""
    return tuple((_rational_at(_parsed(w), prec), Gaussian(m, s)) for w, m, s in components)


@lru_cache(maxsize=1024)
def _beta_constants(a: Fraction, b: Fraction, prec: int) -> tuple[mpmath.mpf, mpmath.mpf, mpmath.mpf, mpmath.mpf]:
    """(a - 1, b - 1, 1/B(a, b), log B(a, b)) at ``prec`` bits."""
    with mp.workprec(prec):
        am1, bm1 = _rational_at(a - 1, prec), _rational_at(b - 1, prec)
        with mp.workprec(prec + 20):
            beta = mp.beta(mp.fdiv(a.numerator, a.denominator), mp.fdiv(b.numerator, b.denominator))
            inv, log = 1 / beta, mp.log(beta)
        return am1, bm1, +inv, +log


@dataclass(frozen=True)
class Beta(ConcreteDensity):
    """The Beta(a, b) density x^(a-1) (1-x)^(b-1) / B(a, b) on (0, 1), with a, b >= 1.

    Stands for densities of a bounded quantity (e.g. of the discriminator's
    output).  Parameters below 1 are refused: they put an integrable
    singularity at an endpoint, which quadrature resolves to only part of the
    requested digits and would make honest steps look wrong.
    """

    a: Param
    b: Param

    def __post_init__(self) -> None:
        a, b = _exact(self.a, "Beta a"), _exact(self.b, "Beta b")
        if a < 1 or b < 1:
            raise ValueError(
                f"Beta({_fmt(self.a)}, {_fmt(self.b)}): need a >= 1 and b >= 1; a parameter below 1 gives "
                "the density an endpoint singularity that quadrature cannot resolve to full precision"
            )

    @property
    def description(self) -> str:
        return f"Beta({_fmt(self.a)}, {_fmt(self.b)})"

    def _constants(self) -> tuple[mpmath.mpf, mpmath.mpf, mpmath.mpf, mpmath.mpf]:
        return _beta_constants(_parsed(self.a), _parsed(self.b), mp.prec)

    def support(self) -> tuple[mpmath.mpf, mpmath.mpf]:
        return (mp.zero, mp.one)

    def _guard(self, x: mpmath.mpf) -> int:
        # x^(a-1) (1-x)^(b-1) = exp((a-1) log x + (b-1) log(1-x)): |log x| is about |mag(x)|
        a, b = _parsed(self.a), _parsed(self.b)
        logs = max(abs(_mag(x)), abs(_mag(1 - x)), 1)
        return _guard_bits(logs.bit_length() + max(_fraction_mag(a + b), 0) + 2)

    def pdf(self, x: mpmath.mpf) -> mpmath.mpf:
        if not 0 <= x <= 1:
            return mp.zero
        with mp.workprec(mp.prec + self._guard(x)):
            am1, bm1, inv_beta, _ = self._constants()
            # 1 - x is exact for x in [1/2, 1] (Sterbenz), so no digits are lost near x = 1
            v = inv_beta * mp.power(x, am1) * mp.power(1 - x, bm1)
        return +v

    def log_pdf(self, x: mpmath.mpf) -> mpmath.mpf:
        if not 0 <= x <= 1:
            return mp.ninf
        with mp.workprec(mp.prec + self._guard(x)):
            am1, bm1, _, log_beta = self._constants()
            out = -log_beta
            if am1:
                out += am1 * mp.log(x)
            if bm1:
                out += bm1 * mp.log1p(-x)
        return +out

    def split_points(self) -> tuple[mpmath.mpf, ...]:
        a, b = _parsed(self.a), _parsed(self.b)
        points = {a / (a + b)}
        if a > 1 and b > 1:
            points.add((a - 1) / (a + b - 2))
        return tuple(_rational_at(q, mp.prec) for q in sorted(points))


# ---------------------------------------------------------------------------
# generators
# ---------------------------------------------------------------------------


class ConcreteGenerator(ABC):
    """A concrete generator G: noise z to sample x, strictly increasing, with an explicit inverse.

    The inverse and its derivative give the exact density of G(z)
    (:class:`Pushforward`), so LOTUS steps (E_z[f(G(z))] = E_{x ~ p_G}[f(x)])
    are checked against two independent computations.
    """

    @property
    @abstractmethod
    def description(self) -> str:
        """Human-readable text, e.g. ``G(z) = -0.4 + 0.8 sinh(z)``."""

    @abstractmethod
    def forward(self, z: mpmath.mpf) -> mpmath.mpf:
        """G(z) (maps -inf and inf to the ends of the image)."""

    @abstractmethod
    def inverse(self, x: mpmath.mpf) -> mpmath.mpf:
        """G^{-1}(x)."""

    @abstractmethod
    def inverse_derivative(self, x: mpmath.mpf) -> mpmath.mpf:
        """d/dx G^{-1}(x): positive, since G is increasing."""

    def log_inverse_derivative(self, x: mpmath.mpf) -> mpmath.mpf:
        """log(d/dx G^{-1}(x)), for log densities of pushforwards."""
        return mp.log(self.inverse_derivative(x))

    def max_inverse_derivative(self) -> mpmath.mpf:
        """The largest value of d/dx G^{-1}: 1/scale for the generators here (at G(0) for sinh)."""
        return self.inverse_derivative(self.forward(mp.zero))


@dataclass(frozen=True)
class LinearGenerator(ConcreteGenerator):
    """G(z) = shift + scale z with scale > 0: the affine generator (pushes N(0,1) to N(shift, scale^2))."""

    shift: Param
    scale: Param

    def __post_init__(self) -> None:
        _exact(self.shift, "LinearGenerator shift")
        _require_positive(self.scale, "LinearGenerator scale")

    @property
    def description(self) -> str:
        return f"G(z) = {_fmt(self.shift)} + {_fmt(self.scale)} z"

    def _fast(self) -> tuple[mpmath.mpf, ...]:
        """(shift, scale, 1/scale, log scale) at the current precision."""
        def make() -> tuple[mpmath.mpf, ...]:
            shift, scale = _val(self.shift), _val(self.scale)
            return (shift, scale, 1 / scale, mp.log(scale))

        return _per_prec(self, make)

    def forward(self, z: mpmath.mpf) -> mpmath.mpf:
        # constants carry 32 extra bits; one rounding at the end
        shift, scale, _, _ = self._fast()
        return mp.fadd(shift, mp.fmul(scale, z, exact=True))

    def inverse(self, x: mpmath.mpf) -> mpmath.mpf:
        shift, scale, _, _ = self._fast()
        return mp.fdiv(_difference(x, shift), scale)

    def inverse_derivative(self, x: mpmath.mpf) -> mpmath.mpf:
        return self._fast()[2]

    def log_inverse_derivative(self, x: mpmath.mpf) -> mpmath.mpf:
        return -self._fast()[3]


@dataclass(frozen=True)
class SinhGenerator(ConcreteGenerator):
    """G(z) = shift + scale sinh(z), scale > 0: a non-linear, strictly increasing map of R onto R.

    Non-linear on purpose: it turns Gaussian noise into a skewed, heavy-tailed
    law, so a step that silently treats G as the identity or as affine fails.
    The inverse is asinh((x - shift)/scale), exact for both signs.
    """

    shift: Param
    scale: Param

    def __post_init__(self) -> None:
        _exact(self.shift, "SinhGenerator shift")
        _require_positive(self.scale, "SinhGenerator scale")

    @property
    def description(self) -> str:
        return f"G(z) = {_fmt(self.shift)} + {_fmt(self.scale)} sinh(z)"

    def forward(self, z: mpmath.mpf) -> mpmath.mpf:
        if mp.isinf(z):
            return z
        # |z| beyond 2^2048 is never reached by quadrature; saturating there keeps the cost of
        # sinh bounded (its result's exponent would otherwise need an unbounded computation)
        if abs(z) > EXP_ARGUMENT_CAP:
            z = EXP_ARGUMENT_CAP if z > 0 else -EXP_ARGUMENT_CAP
        shift, scale, _, _ = self._fast()
        if -FAST_LIMIT < z < FAST_LIMIT:
            return shift + scale * mp.sinh(z)
        with mp.workprec(mp.prec + _guard_bits()):
            v = _val(self.shift) + _val(self.scale) * mp.sinh(z)
        return +v

    def _fast(self) -> tuple[mpmath.mpf, ...]:
        """(shift, scale, 1/scale, log scale) at the current precision."""
        def make() -> tuple[mpmath.mpf, ...]:
            shift, scale = _val(self.shift), _val(self.scale)
            return (shift, scale, 1 / scale, mp.log(scale))

        return _per_prec(self, make)

    def _u(self, x: mpmath.mpf) -> mpmath.mpf:
        shift, scale, _, _ = self._fast()
        return mp.fdiv(_difference(x, shift), scale)

    def inverse(self, x: mpmath.mpf) -> mpmath.mpf:
        # asinh is well conditioned: no guard bits needed
        return mp.asinh(self._u(x))

    def inverse_derivative(self, x: mpmath.mpf) -> mpmath.mpf:
        _, _, inv_scale, _ = self._fast()
        return inv_scale / mp.hypot(1, self._u(x))

    def log_inverse_derivative(self, x: mpmath.mpf) -> mpmath.mpf:
        _, _, _, log_scale = self._fast()
        return -(log_scale + mp.log(mp.hypot(1, self._u(x))))


@dataclass(frozen=True)
class Pushforward(ConcreteDensity):
    """The exact law of G(z) for z ~ base: pdf(x) = base.pdf(G^{-1}(x)) |d G^{-1}/dx (x)|.

    It stands for p_G, so that integrals over x against p_G and integrals over
    z against p_z (LOTUS) are two independent computations of the same number.
    """

    base: ConcreteDensity
    generator: ConcreteGenerator

    @property
    def description(self) -> str:
        return f"law of {self.generator.description}, z ~ {self.base.description}"

    def pdf(self, x: mpmath.mpf) -> mpmath.mpf:
        g = self.generator
        if -FAST_LIMIT < x < FAST_LIMIT:
            return self.base.pdf(g.inverse(x)) * g.inverse_derivative(x)
        # the base density amplifies the rounding error of z = G^{-1}(x): compute z with guard bits
        with mp.workprec(mp.prec + _guard_bits(2 * _mag(x) + 8)):
            v = self.base.pdf(g.inverse(x)) * abs(g.inverse_derivative(x))
        return +v

    def log_pdf(self, x: mpmath.mpf) -> mpmath.mpf:
        g = self.generator
        if -FAST_LIMIT < x < FAST_LIMIT:
            return self.base.log_pdf(g.inverse(x)) + g.log_inverse_derivative(x)
        with mp.workprec(mp.prec + _guard_bits()):
            v = self.base.log_pdf(g.inverse(x)) + g.log_inverse_derivative(x)
        return +v

    def support(self) -> tuple[mpmath.mpf, mpmath.mpf]:
        lo, hi = self.base.support()
        a, b = self.generator.forward(lo), self.generator.forward(hi)
        return (a, b) if a <= b else (b, a)

    def split_points(self) -> tuple[mpmath.mpf, ...]:
        lo, hi = self.support()
        images = {self.generator.forward(p) for p in self.base.split_points()}
        return tuple(sorted(p for p in images if lo < p < hi))

    def tail_cut(self, bits: int) -> tuple[mpmath.mpf, mpmath.mpf]:
        # pdf(x) = base(z) / G'(z) with G' >= its minimum slope: the base's cut, pushed through G,
        # with the bits that a slope below 1 can add
        g = self.generator
        steepest = g.max_inverse_derivative()
        extra = 0 if steepest <= 1 else int(mp.ceil(mp.log(steepest, 2)))
        lo, hi = self.base.tail_cut(bits + extra + 8)
        a, b = g.forward(lo), g.forward(hi)
        return (a, b) if a <= b else (b, a)


@dataclass(frozen=True)
class ParametricPushforward:
    """A parametric generator and its law: G(z, theta) = theta + e^(kappa theta) G0(z).

    ``base`` is the law of G0(z) (a :class:`Pushforward`); theta moves both the
    location and the scale, so that a derivative in theta is not a mere shift.
    pdf(x, theta) = base.pdf((x - theta) e^(-kappa theta)) e^(-kappa theta), exactly.
    The split points and tail cut are the base's, widened to hold for |theta| <= 2
    (the evaluator probes the tails before it leaves them out).
    """

    base: Pushforward
    kappa: Param = "0.3"

    def __post_init__(self) -> None:
        _exact(self.kappa, "ParametricPushforward kappa")

    @property
    def description(self) -> str:
        g = self.base.generator.description.partition(" = ")[2]
        return (f"law of G(z, theta) = theta + exp({_fmt(self.kappa)} theta) ({g}), "
                f"z ~ {self.base.base.description}")

    def _scale(self, theta: mpmath.mpf) -> mpmath.mpf:
        return mp.exp(_val(self.kappa) * theta)

    def forward(self, z: mpmath.mpf, theta: mpmath.mpf) -> mpmath.mpf:
        return theta + self._scale(theta) * self.base.generator.forward(z)

    def pdf(self, x: mpmath.mpf, theta: mpmath.mpf) -> mpmath.mpf:
        inv = 1 / self._scale(theta)
        return self.base.pdf((x - theta) * inv) * inv

    def log_pdf(self, x: mpmath.mpf, theta: mpmath.mpf) -> mpmath.mpf:
        k = _val(self.kappa) * theta
        return self.base.log_pdf((x - theta) * mp.exp(-k)) - k

    def support(self) -> tuple[mpmath.mpf, mpmath.mpf]:
        return self.base.support()

    def split_points(self) -> tuple[mpmath.mpf, ...]:
        return self.base.split_points()

    def tail_cut(self, bits: int) -> tuple[mpmath.mpf, mpmath.mpf]:
        lo, hi = self.base.tail_cut(bits + 8)
        widest = mp.exp(2 * abs(_val(self.kappa)))
        return (min(lo * widest, lo / widest) - 2, max(hi * widest, hi / widest) + 2)


# ---------------------------------------------------------------------------
# discriminators
# ---------------------------------------------------------------------------


class ConcreteDiscriminator(ABC):
    """A concrete discriminator D with values in (0, 1).

    GAN objectives need D, 1 - D, log D and log(1 - D); each is its own method
    so that none is computed by subtracting from 1 or by taking the log of a
    rounded value (log(1 - D) where D rounds to 1 would be -inf, not -t).
    """

    @property
    @abstractmethod
    def description(self) -> str:
        """Human-readable text, e.g. ``D(x) = sigmoid(0.7 x - 0.2)``."""

    @abstractmethod
    def value(self, x: mpmath.mpf) -> mpmath.mpf:
        """D(x)."""

    @abstractmethod
    def one_minus(self, x: mpmath.mpf) -> mpmath.mpf:
        """1 - D(x), without cancellation."""

    @abstractmethod
    def log_value(self, x: mpmath.mpf) -> mpmath.mpf:
        """log D(x), accurate for every x."""

    @abstractmethod
    def log_one_minus(self, x: mpmath.mpf) -> mpmath.mpf:
        """log(1 - D(x)), accurate for every x."""


@dataclass(frozen=True)
class SigmoidDiscriminator(ConcreteDiscriminator):
    """D(x) = sigmoid(slope x + offset) = 1 / (1 + exp(-(slope x + offset))).

    A logistic-regression discriminator; on the real line and on [0, 1] alike.
    With t = slope x + offset: 1 - D = sigmoid(-t), log D = -softplus(-t),
    log(1 - D) = -softplus(t), all exact also at |t| = 10^40 and beyond.
    """

    slope: Param
    offset: Param

    def __post_init__(self) -> None:
        _exact(self.slope, "SigmoidDiscriminator slope")
        _exact(self.offset, "SigmoidDiscriminator offset")

    @property
    def description(self) -> str:
        return f"D(x) = sigmoid({_fmt_plus(f'{_fmt(self.slope)} x', self.offset)})"

    def logit(self, x: mpmath.mpf) -> mpmath.mpf:
        """t = slope x + offset, so that D(x) = sigmoid(t)."""
        slope, offset = _per_prec(self, lambda: (_val(self.slope), _val(self.offset)))
        return slope * x + offset

    def _guard(self, x: mpmath.mpf) -> int:
        # e^-|t| has relative error |t| eps when t has relative error eps: add log2|t| bits
        slope, offset = _parsed(self.slope), _parsed(self.offset)
        return _guard_bits(max(_mag(x) + _fraction_mag(slope), _fraction_mag(offset)) + 2)

    def value(self, x: mpmath.mpf) -> mpmath.mpf:
        t = self.logit(x)
        if -FAST_LIMIT < t < FAST_LIMIT:
            return sigmoid(t)
        with mp.workprec(mp.prec + self._guard(x)):
            v = sigmoid(self.logit(x))
        return +v

    def one_minus(self, x: mpmath.mpf) -> mpmath.mpf:
        t = self.logit(x)
        if -FAST_LIMIT < t < FAST_LIMIT:
            return sigmoid(-t)
        with mp.workprec(mp.prec + self._guard(x)):
            v = sigmoid(-self.logit(x))
        return +v

    def log_value(self, x: mpmath.mpf) -> mpmath.mpf:
        t = self.logit(x)
        if -FAST_LIMIT < t < FAST_LIMIT:
            return -softplus(-t)
        with mp.workprec(mp.prec + self._guard(x)):
            v = -softplus(-self.logit(x))
        return +v

    def log_one_minus(self, x: mpmath.mpf) -> mpmath.mpf:
        t = self.logit(x)
        if -FAST_LIMIT < t < FAST_LIMIT:
            return -softplus(t)
        with mp.workprec(mp.prec + self._guard(x)):
            v = -softplus(self.logit(x))
        return +v


# ---------------------------------------------------------------------------
# critics (real-valued, no range constraint)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TanhCritic:
    """T(x) = level + scale tanh(slope x + offset): a bounded, smooth, real-valued critic.

    Bounded so that integrals such as E_Q[exp(T - 1)] (the KL conjugate) or
    E_P[(T - b)^2] (LSGAN) converge for every density in the pools; not
    monotone-free of sign, so nothing that needs T > 0 can hold by accident.
    """

    level: Param
    scale: Param
    slope: Param
    offset: Param

    def __post_init__(self) -> None:
        for name in ("level", "scale", "slope", "offset"):
            _exact(getattr(self, name), f"TanhCritic {name}")

    @property
    def description(self) -> str:
        inner = _fmt_plus(f"{_fmt(self.slope)} x", self.offset)
        return f"T(x) = {_fmt_plus(f'{_fmt(self.scale)} tanh({inner})', self.level)}"

    def value(self, x: mpmath.mpf) -> mpmath.mpf:
        level, scale, slope, offset = _per_prec(
            self, lambda: (_val(self.level), _val(self.scale), _val(self.slope), _val(self.offset)))
        return level + scale * mp.tanh(slope * x + offset)


def exp_guarded(u: mpmath.mpf) -> mpmath.mpf:
    """exp(u) for any u the evaluator meets: non-positive arguments as in :func:`softplus`'s policy
    (exact down to -2^2048, below that the positive bound exp(-2^2048)); a positive argument
    beyond 2^2048 raises OverflowError instead of running for unbounded time."""
    if u <= 0 or mp.isnan(u):
        return _exp_nonpositive(u)
    if u > EXP_ARGUMENT_CAP:
        raise OverflowError(f"exp of an argument above 2^2048 ({mp.nstr(u, 8)})")
    return mp.exp(u)
