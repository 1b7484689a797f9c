"""Concrete families that stand for the abstract names in numeric checks.

The checker replaces abstract names by concrete members of these families
and compares both sides of a step by ``mpmath.quad`` at 30-60 significant
digits:

* densities (``p_data``, ``p_G``, ``p_z``, ``q``, ...): :class:`Gaussian`,
  :class:`GaussianMixture`, :class:`StudentT` (polynomial tails),
  :class:`Beta` scaled to any interval [lo, hi], :class:`HalfLineGamma` on
  [a, oo) or (-oo, b], :class:`Categorical` probability vectors on a finite
  alphabet {a, ..., b}, and the exact law :class:`Pushforward` of a density
  through a generator (also a skewed law: N(0, 1) through a
  :class:`SkewGenerator`);
* generators (``G``: noise ``z`` to samples ``x``): :class:`LinearGenerator`
  and the non-linear, strictly increasing :class:`SinhGenerator` and
  :class:`SkewGenerator` (an identity or linear generator would hide errors
  in change-of-variables steps), each reflected (:class:`ReflectedGenerator`,
  G(z) = -H(z)) on some instances, so that a Jacobian without |.| is refuted;
* discriminators (``D`` with values in (0, 1)): sigmoids of a logit
  (:class:`LogitDiscriminator`): affine (:class:`SigmoidDiscriminator`, not
  drawn), bent by a tanh (:class:`WarpedSigmoidDiscriminator`) or by a bump
  (:class:`BumpSigmoidDiscriminator`), with ``1 - D``, ``log D`` and
  ``log(1 - D)`` computed without cancellation; on some instances
  (:data:`TAIL_SCHEDULE`) with a bounded logit instead, so that D tends to
  two limits inside (0, 1) (:class:`PlateauSigmoidDiscriminator`) or to the
  same limit at both ends (:class:`LevelSigmoidDiscriminator`);
* critics (real-valued T, and any function f a file leaves free):
  :class:`TanhCritic`, :class:`BumpCritic`; on the same instances one far
  from its limits at |x| = 1000 (:class:`SlowCritic`) or with the same limit
  at both ends (:class:`LevelCritic`).

Each family is one class holding all its representations: mpmath values and
log values, its ball-arithmetic kernel (``ball(prec)``, the evaluator's fast
path, looked up by :mod:`ganproof.numeric.ball_families`), its description,
support and split points (modes, means, finite ends), and how a member is
drawn (``draw``).  :data:`REGISTRY` (see :func:`register`, at the end) says
which families instances are drawn from, for which role and support:
adding a family is one class and one registration.

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

import hashlib
import random
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Any, Callable, Union

import mpmath
from flint import arb
from mpmath import mp

from ganproof.numeric.balls import from_fraction

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
    "LogitDiscriminator",
    "SigmoidDiscriminator",
    "WarpedSigmoidDiscriminator",
    "BumpSigmoidDiscriminator",
    "ConcreteCritic",
    "TanhCritic",
    "BumpCritic",
    "ParametricPushforward",
    "StudentT",
    "HalfLineGamma",
    "Categorical",
    "SkewGenerator",
    "Drawer",
    "SimpleDrawer",
    "SIMPLEST_FAMILIES",
    "Unsupported",
    "DensityKernel",
    "GeneratorKernel",
    "FamilyKernel",
    "DiscriminatorKernel",
    "REGISTRY",
    "register",
    "registered",
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


def _tanh(u: mpmath.mpf) -> mpmath.mpf:
    """tanh(u), saturated to +-1 where 1 - |tanh u| < 2^-(2 prec) is below the working precision.

    mpmath computes tanh through cosh and sinh, which for the astronomically large arguments that
    tanh-sinh nodes reach through a generator (|u| ~ 10^(10^6)) runs out of memory."""
    if abs(u) > mp.prec:
        return mpmath.mpf(1) if u > 0 else mpmath.mpf(-1)
    return mp.tanh(u)


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
        return _exp_by_ln2(-EXP_ARGUMENT_CAP)


REDUCE_ABOVE: mpmath.mpf = mpmath.mpf(2) ** 32
"""From this magnitude on, above 600 bits of precision, exp(u) is computed by :func:`_exp_by_ln2` (below
600 bits mpmath's own reduction is the faster: benchmarks/far_exp.py)."""


def _far_exp(u: mpmath.mpf) -> bool:
    """Whether exp(u) is better taken by :func:`_exp_by_ln2` than by mpmath's exp."""
    return mp.prec > 600 and abs(u) > REDUCE_ABOVE


def _exp_by_ln2(u: mpmath.mpf) -> mpmath.mpf:
    """exp(u) as 2^n e^r, n = floor(u / ln 2), r = u - n ln 2 in [0, ln 2), with u / ln 2 taken at as many
    extra bits as u has integer bits (n exact, r to the working precision).

    mpmath's own exp raises e to the integer power u, one squaring per bit of u, when u is integer-valued
    and the precision above 600 bits (a tanh-sinh node far out in a tail, squared): 20-110 ms for |u| of
    10^300 to 10^600 at 700-1300 bits, against 0.1 ms here for the same value to the last bit."""
    with mp.workprec(mp.prec + int(mp.mag(u)) + 32):
        n = mp.floor(u / mp.ln2)
        r = u - n * mp.ln2
    return mp.ldexp(mp.exp(r), int(n))


def _exp_nonpositive(u: mpmath.mpf) -> mpmath.mpf:
    """exp(u) for u <= 0: exact while |u| <= 2^2048, else the positive bound exp(-2^2048); 0 at -inf."""
    if u > 0:
        raise ValueError(f"internal error: exp of the positive argument {mp.nstr(u, 8)} requested")
    if mp.isnan(u):
        return mp.exp(u)
    if u >= -EXP_ARGUMENT_CAP:
        return _exp_by_ln2(u) if _far_exp(u) else mp.exp(u)
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
# ball representations: each family gives its own (see ganproof.numeric.ball_families)
# ---------------------------------------------------------------------------

BallFn = Callable[[Any], Any]
"""A function of one arb ball (or a Dual or Pair of balls, see ganproof.numeric.duals)."""
BallFn2 = Callable[[Any, Any], Any]


class Unsupported(Exception):
    """The ball path cannot evaluate this expression (the mpmath path will)."""


@dataclass(frozen=True)
class DensityKernel:
    """A density's pdf and log pdf on arb balls."""

    pdf: BallFn
    log_pdf: BallFn


@dataclass(frozen=True)
class GeneratorKernel:
    """A generator, its inverse, and the inverse's derivative and log derivative on arb balls."""

    forward: BallFn
    inverse: BallFn
    inverse_derivative: BallFn
    log_inverse_derivative: BallFn


@dataclass(frozen=True)
class FamilyKernel:
    """A parametric family's G(z, theta), p(x, theta) and log p(x, theta) on arb balls."""

    forward: BallFn2
    pdf: BallFn2
    log_pdf: BallFn2


@dataclass(frozen=True)
class DiscriminatorKernel:
    """D, 1 - D, log D and log(1 - D) on arb balls, without cancellation."""

    value: BallFn
    one_minus: BallFn
    log_value: BallFn
    log_one_minus: BallFn


def _ball(p: Param) -> arb:
    """The parameter ``p`` as an exact-or-rounded ball at the current arb precision."""
    return from_fraction(_parsed(p))


def ball_softplus(t: Any) -> Any:
    """log(1 + e^t) on balls, exp of a non-positive argument only (branch on the midpoint)."""
    if t.mid() > 0:
        return t + (-t).exp().log1p()
    return t.exp().log1p()


def ball_sigmoid(t: Any) -> Any:
    """1 / (1 + e^-t) on balls, exp of a non-positive argument only (branch on the midpoint)."""
    if t.mid() >= 0:
        return 1 / (1 + (-t).exp())
    e = t.exp()
    return e / (1 + e)


# ---------------------------------------------------------------------------
# seeded draws of exact parameters
# ---------------------------------------------------------------------------


Bound = Union[Fraction, None]
"""A finite end of a declared support, or None for an infinite one."""


class Drawer:
    """Seeded draws of exact decimal parameters for one object (one name on one instance).

    The stream is :class:`random.Random` seeded with a BLAKE2b digest of the
    key (never Python's ``hash()``, which is randomised per process), and only
    integer draws are used (``randrange``, ``choices`` over integer weights),
    so the same key gives the same object in every process and on every
    platform: a counterexample can be replayed.  Parameters come out as exact
    decimal strings with ``places`` decimals (``"0.6137"``), never floats.
    """

    def __init__(self, *key: object) -> None:
        digest = hashlib.blake2b("\x1f".join(map(str, key)).encode(), digest_size=16).digest()
        self.rng = random.Random(int.from_bytes(digest, "big"))

    def decimal(self, lo: str, hi: str, places: int = 4) -> str:
        """A decimal drawn uniformly from the grid of step 10^-places on [lo, hi]."""
        scale = 10 ** places
        a, b = Fraction(lo) * scale, Fraction(hi) * scale
        m = self.rng.randrange(int(a), int(b) + 1)
        return format(Decimal(m).scaleb(-places), "f")

    def signed(self, lo: str, hi: str, places: int = 4) -> str:
        """A decimal of magnitude in [lo, hi] with a random sign."""
        v = self.decimal(lo, hi, places)
        return v if self.rng.randrange(2) else "-" + v

    def integer(self, lo: int, hi: int) -> int:
        return self.rng.randrange(lo, hi + 1)

    def pick(self, items: Sequence[Any], weights: Sequence[int] | None = None) -> Any:
        if weights is None:
            return items[self.rng.randrange(len(items))]
        total = sum(weights)
        r = self.rng.randrange(total)
        for item, w in zip(items, weights):
            if r < w:
                return item
            r -= w
        raise AssertionError("unreachable")

    def weights(self, k: int) -> tuple[str, ...]:
        """k positive decimal weights (at least 0.15 each) that sum to exactly 1."""
        step = 1000
        floor = 150
        free = step - k * floor
        cuts = sorted(self.rng.randrange(free + 1) for _ in range(k - 1))
        parts = [b - a for a, b in zip([0, *cuts], [*cuts, free])]
        return tuple(format(Decimal(floor + p).scaleb(-3), "f") for p in parts)

    def masses(self, k: int) -> tuple[str, ...]:
        """k positive exact masses that sum to exactly 1 (for a law on an alphabet of k points): integer
        weights in [1, 60] over their total, some points far likelier than others."""
        weights = [self.integer(1, 60) for _ in range(k)]
        total = sum(weights)
        return tuple(str(Fraction(w, total)) for w in weights)

    def family(self, regs: Sequence[Registration]) -> Registration:
        """The registration a member is drawn from: one of ``regs``, by their weights."""
        return self.pick(regs, [g.weight for g in regs])  # type: ignore[no-any-return]


class SimpleDrawer(Drawer):
    """Draws for a counterexample a person can follow: the simplest family a role allows, round parameters.

    Each role and support gets its simplest registered family (:data:`SIMPLEST_FAMILIES`: a single
    Gaussian rather than a mixture, a Student-t or a skewed law; a linear generator; an affine
    sigmoid for a discriminator, which is never drawn otherwise), and every parameter is a decimal
    with one place (``"0.3"``, ``"-1.2"``) in the same range as the ordinary draw; a choice among
    items (the power of a half-line law) takes the first, the plainest.  The stream is seeded
    like :class:`Drawer`'s, under a key of its own, so a simple instance is reproducible too.
    Simple instances never decide that a step holds: they only replace the instance of a step
    already refuted (:meth:`ganproof.chain.numeric_check.NumericChecker.simplest`).
    """

    PLACES = 1
    """Decimal places of every simple parameter."""

    def __init__(self, *key: object) -> None:
        super().__init__("simple", *key)

    def decimal(self, lo: str, hi: str, places: int = 4) -> str:
        """A decimal with one place on [lo, hi] (more places only when no one-place decimal lies there)."""
        for p in range(min(self.PLACES, places), places + 1):
            scale = 10 ** p
            a, b = Fraction(lo) * scale, Fraction(hi) * scale
            first, last = -((-a.numerator) // a.denominator), b.numerator // b.denominator
            if first <= last:
                m = self.rng.randrange(first, last + 1)
                return format(Decimal(m).scaleb(-p), "f")
        return super().decimal(lo, hi, places)

    def pick(self, items: Sequence[Any], weights: Sequence[int] | None = None) -> Any:
        return items[0]

    def masses(self, k: int) -> tuple[str, ...]:
        """One-place masses (each at least 0.1) summing to 1, for up to 10 points; else the ordinary ones."""
        if k > 10:
            return super().masses(k)
        free = 10 - k
        cuts = sorted(self.rng.randrange(free + 1) for _ in range(k - 1))
        parts = [b - a for a, b in zip([0, *cuts], [*cuts, free])]
        return tuple(format(Decimal(1 + p).scaleb(-1), "f") for p in parts)

    def family(self, regs: Sequence[Registration]) -> Registration:
        """The simplest of ``regs`` by :data:`SIMPLEST_FAMILIES`; an affine sigmoid for a discriminator; else
        the first registered."""
        rank = {f: i for i, f in enumerate(SIMPLEST_FAMILIES)}
        simple = sorted((g for g in regs if g.family in rank), key=lambda g: rank[g.family])
        if simple:
            return simple[0]
        if regs and all(g.role == "discriminator" for g in regs):
            return Registration(SigmoidDiscriminator, "discriminator", 1)
        return regs[0]


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
        """Modes, means and the finite ends of the support, sorted and without repeats.

        The ends are split points so that an integral over a wider range (the
        real line, for a density declared on [2, 3]) meets the density's kinks
        only at the ends of its pieces.
        """

    def tail_cut(self, bits: int) -> tuple[mpmath.mpf, mpmath.mpf]:
        """An interval outside which the density is below 2^-bits and falls off outward.

        Quadrature over the real line need not look beyond it (the caller
        still checks its integrand there); the default is the whole support.
        """
        return self.support()

    def ball(self, prec: int) -> DensityKernel:
        """pdf and log pdf on arb balls at ``prec`` bits (the current arb precision)."""
        raise Unsupported(f"no ball version of the density {type(self).__name__}")

    @classmethod
    def draw(cls, r: Drawer, lo: Bound, hi: Bound) -> ConcreteDensity:
        """A member of the family on the support (lo, hi) (None: infinite), from the draws of ``r``."""
        raise NotImplementedError(f"{cls.__name__} is not drawn")


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

    def ball(self, prec: int) -> DensityKernel:
        m, s = _ball(self.mean), _ball(self.std)
        h = 1 / (2 * s * s)
        norm = s * (2 * arb.pi()).sqrt()
        inv_norm, log_norm = 1 / norm, norm.log()

        def pdf(x: Any) -> Any:
            u = x - m
            return inv_norm * (-(u * u) * h).exp()

        def log_pdf(x: Any) -> Any:
            u = x - m
            return -(u * u) * h - log_norm

        return DensityKernel(pdf, log_pdf)

    @classmethod
    def draw(cls, r: Drawer, lo: Bound, hi: Bound) -> Gaussian:
        return cls(r.decimal("-1.5", "1.5"), r.decimal("0.5", "1.8"))


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

    def ball(self, prec: int) -> DensityKernel:
        parts = [(_ball(w), Gaussian(mu, sd).ball(prec)) for w, mu, sd in self.components]
        logs_w = [w.log() for w, _ in parts]

        def pdf(x: Any) -> Any:
            total: Any = arb(0)
            for w, k in parts:
                total += w * k.pdf(x)
            return total

        def log_pdf(x: Any) -> Any:
            # log-sum-exp; the top term's exp(top - top) is exactly 1 (a ball minus itself is not 0 when
            # its radius is wide, as far out in the tails, and its exp would straddle 0)
            logs = [lw + k.log_pdf(x) for lw, (_, k) in zip(logs_w, parts)]
            i_top = max(range(len(logs)), key=lambda i: logs[i].mid())
            top = logs[i_top]
            total: Any = arb(1)
            for i, v in enumerate(logs):
                if i != i_top:
                    total += (v - top).exp()
            return top + total.log()

        return DensityKernel(pdf, log_pdf)

    @classmethod
    def draw(cls, r: Drawer, lo: Bound, hi: Bound) -> GaussianMixture:
        k = r.integer(2, 3)
        ws = r.weights(k)
        return cls(tuple((w, r.decimal("-2.5", "2.5"), r.decimal("0.4", "1.5")) for w in ws))


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
    """The Beta(a, b) law scaled to [lo, hi]: ((x-lo)/w)^(a-1) ((hi-x)/w)^(b-1) / (w B(a, b)), w = hi - lo.

    With the default [0, 1] it is the plain Beta density.  It stands for a
    density declared on any bounded interval (and for densities of a bounded
    quantity, e.g. of the discriminator's output).  a, b >= 1: a parameter
    below 1 puts an integrable singularity at an end, which quadrature
    resolves to only part of the requested digits and would make honest steps
    look wrong.  Both distances to the ends, x - lo and hi - x, are computed
    directly, so no digits are lost next to either end.
    """

    a: Param
    b: Param
    lo: Param = 0
    hi: Param = 1

    def __post_init__(self) -> None:
        a, b = _exact(self.a, "Beta a"), _exact(self.b, "Beta b")
        if a < 1 or b < 1:
            raise ValueError(
                f"Beta({_fmt(self.a)}, {_fmt(self.b)}): need a >= 1 and b >= 1; a parameter below 1 gives "
                "the density an endpoint singularity that quadrature cannot resolve to full precision"
            )
        if not _exact(self.lo, "Beta lo") < _exact(self.hi, "Beta hi"):
            raise ValueError(f"Beta on [{_fmt(self.lo)}, {_fmt(self.hi)}]: the lower end must be below the upper")

    @property
    def _unit(self) -> bool:
        return _parsed(self.lo) == 0 and _parsed(self.hi) == 1

    @property
    def description(self) -> str:
        core = f"Beta({_fmt(self.a)}, {_fmt(self.b)})"
        return core if self._unit else f"{core} on [{_fmt(self.lo)}, {_fmt(self.hi)}]"

    def _constants(self) -> tuple[mpmath.mpf, mpmath.mpf, mpmath.mpf, mpmath.mpf]:
        return _beta_constants(_parsed(self.a), _parsed(self.b), mp.prec)

    def _ends(self) -> tuple[mpmath.mpf, mpmath.mpf, mpmath.mpf, mpmath.mpf]:
        """(lo, hi, 1/w, log w) at the current precision."""
        def make() -> tuple[mpmath.mpf, ...]:
            w = _parsed(self.hi) - _parsed(self.lo)
            return (_val(self.lo), _val(self.hi), _rational_at(1 / w, mp.prec), mp.log(_val(w)))

        return _per_prec(self, make)  # type: ignore[return-value]

    def support(self) -> tuple[mpmath.mpf, mpmath.mpf]:
        return (_val(self.lo), _val(self.hi))

    def _guard(self, x: mpmath.mpf) -> int:
        # y^(a-1) (1-y)^(b-1) = exp((a-1) log y + (b-1) log(1-y)): |log y| is about |mag(y)|
        a, b = _parsed(self.a), _parsed(self.b)
        logs = max(abs(_mag(x)), abs(_mag(1 - x)), 1)
        return _guard_bits(logs.bit_length() + max(_fraction_mag(a + b), 0) + 2)

    def _sides(self, x: mpmath.mpf) -> tuple[mpmath.mpf, mpmath.mpf]:
        """((x - lo)/w, (hi - x)/w): the scaled distances to both ends, each without cancellation."""
        lo, hi, inv_w, _ = self._ends()
        return (mp.fsub(x, lo) * inv_w, mp.fsub(hi, x) * inv_w)

    def pdf(self, x: mpmath.mpf) -> mpmath.mpf:
        lo, hi, _, _ = self._ends()
        if not lo <= x <= hi:
            return mp.zero
        with mp.workprec(mp.prec + self._guard(x - lo) + 8):
            am1, bm1, inv_beta, _ = self._constants()
            y, one_minus_y = self._sides(x)
            v = inv_beta * mp.power(y, am1) * mp.power(one_minus_y, bm1) * self._ends()[2]
        return +v

    def log_pdf(self, x: mpmath.mpf) -> mpmath.mpf:
        lo, hi, _, _ = self._ends()
        if not lo <= x <= hi:
            return mp.ninf
        with mp.workprec(mp.prec + self._guard(x - lo) + 8):
            am1, bm1, _, log_beta = self._constants()
            y, one_minus_y = self._sides(x)
            out = -log_beta - self._ends()[3]
            if am1:
                out += am1 * mp.log(y)
            if bm1:
                out += bm1 * mp.log(one_minus_y)
        return +out

    def split_points(self) -> tuple[mpmath.mpf, ...]:
        a, b = _parsed(self.a), _parsed(self.b)
        lo, hi = _parsed(self.lo), _parsed(self.hi)
        points = {Fraction(0), Fraction(1), a / (a + b)}
        if a > 1 and b > 1:
            points.add((a - 1) / (a + b - 2))
        return tuple(_rational_at(lo + (hi - lo) * q, mp.prec) for q in sorted(points))

    def ball(self, prec: int) -> DensityKernel:
        a, b = _ball(self.a), _ball(self.b)
        lo, hi = _ball(self.lo), _ball(self.hi)
        w = _parsed(self.hi) - _parsed(self.lo)
        inv_w, log_w = from_fraction(1 / w), from_fraction(w).log()
        am1, bm1 = a - 1, b - 1
        log_beta = a.lgamma() + b.lgamma() - (a + b).lgamma()
        log_norm = -log_beta - log_w
        inv_norm = log_norm.exp()
        zero = arb(0)

        def inside(x: Any) -> bool:
            if x > lo and x < hi:
                return True
            if x < lo or x > hi:
                return False
            raise Unsupported("a Beta density at a ball that holds an end of its support")

        def log_pdf(x: Any) -> Any:
            if not inside(x):
                raise Unsupported("the log of a Beta density outside its support")
            out = log_norm
            if am1 != 0:
                out += am1 * ((x - lo) * inv_w).log()
            if bm1 != 0:
                out += bm1 * ((hi - x) * inv_w).log()
            return out

        def pdf(x: Any) -> Any:
            if not inside(x):
                return zero
            return inv_norm * (((x - lo) * inv_w) ** am1) * (((hi - x) * inv_w) ** bm1)

        return DensityKernel(pdf, log_pdf)

    @classmethod
    def draw(cls, r: Drawer, lo: Bound, hi: Bound) -> Beta:
        if lo is None or hi is None:
            raise ValueError("a Beta density needs a bounded support")
        return cls(r.decimal("1.2", "5"), r.decimal("1.2", "5"), _fraction_text(lo), _fraction_text(hi))


def _decimal_text(q: Fraction) -> str:
    """An exact rational as a parameter string: a finite decimal where it is one ("-1.65"), else "a/b"."""
    places = 0
    while (q * 10 ** places).denominator != 1:
        places += 1
        if places > 40:
            return _fraction_text(q)
    return format(Decimal(int(q * 10 ** places)).scaleb(-places).normalize(), "f")


def _fraction_text(q: Fraction) -> str:
    """An exact rational as a parameter string ("2", "-1/3")."""
    return str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"


@lru_cache(maxsize=1024)
def _student_constants(df: Fraction, scale: Fraction, prec: int) -> tuple[mpmath.mpf, ...]:
    """((df + 1)/2, 1/df, log of the normalising constant over the scale) at ``prec`` bits."""
    with mp.workprec(prec + 20):
        nu = mp.fdiv(df.numerator, df.denominator)
        s = mp.fdiv(scale.numerator, scale.denominator)
        log_c = mp.loggamma((nu + 1) / 2) - mp.loggamma(nu / 2) - mp.log(nu * mp.pi) / 2 - mp.log(s)
    with mp.workprec(prec):
        return (_rational_at((df + 1) / 2, prec), _rational_at(1 / df, prec), +log_c)


@dataclass(frozen=True)
class StudentT(ConcreteDensity):
    """Student's t law with ``df`` degrees of freedom, location ``loc`` and scale ``scale``.

    Polynomial tails, pdf ~ |x|^-(df + 1): moments of order below df are
    finite, so with df >= 5 the expectations GAN derivations take (of x, x^2,
    log D, log of a Gaussian density, KL and JS terms) stay finite, while an
    integral truncated to [-30, 30] or a step that needs Gaussian tails shows.
    pdf = C / s (1 + u^2/df)^(-(df+1)/2), u = (x - loc)/s; log pdf via log1p.
    """

    df: Param
    loc: Param
    scale: Param

    def __post_init__(self) -> None:
        _require_positive(self.df, "StudentT df")
        _exact(self.loc, "StudentT loc")
        _require_positive(self.scale, "StudentT scale")

    @property
    def description(self) -> str:
        return f"t_{_fmt(self.df)}({_fmt(self.loc)}, {_fmt_square(self.scale)})"

    def _constants(self) -> tuple[mpmath.mpf, ...]:
        return _student_constants(_parsed(self.df), _parsed(self.scale), mp.prec)

    def _log(self, x: mpmath.mpf) -> mpmath.mpf:
        half, inv_nu, log_c = self._constants()
        u = mp.fdiv(_difference(x, _val(self.loc)), _val(self.scale))
        return log_c - half * mp.log1p(u * u * inv_nu)

    def log_pdf(self, x: mpmath.mpf) -> mpmath.mpf:
        with mp.workprec(mp.prec + _guard_bits()):
            v = self._log(x)
        return +v

    def pdf(self, x: mpmath.mpf) -> mpmath.mpf:
        # the exponent is about (df + 1) log|x|: its rounding error is amplified by that much
        with mp.workprec(mp.prec + _guard_bits(max(_mag(x), 1).bit_length() + 8)):
            u = self._log(x)
            v = _exp_nonpositive(u) if u <= 0 else mp.exp(u)
        return +v

    def split_points(self) -> tuple[mpmath.mpf, ...]:
        return (_val(self.loc),)

    def tail_cut(self, bits: int) -> tuple[mpmath.mpf, mpmath.mpf]:
        # pdf <= e^(log_c) (u^2/df)^(-(df+1)/2); the cut is where even pdf u^4 < 2^-bits, i.e.
        # |u| >= sqrt(df) e^((bits ln2 + log_c)/(df - 3)), so that an integrand that grows like x^2
        # (log of a Gaussian density) or x^4 still passes the evaluator's probe of its tails there
        half, _, log_c = self._constants()
        need = bits * mp.ln2 + max(log_c, mp.zero) + 2
        u = mp.sqrt(_val(self.df)) * mp.exp(need / max(2 * half - 4, mp.one)) + 1
        m, width = _val(self.loc), _val(self.scale) * u
        return (m - width, m + width)

    def ball(self, prec: int) -> DensityKernel:
        nu, m, s = _ball(self.df), _ball(self.loc), _ball(self.scale)
        half, inv_nu, inv_s = (nu + 1) / 2, 1 / nu, 1 / s
        log_c = ((nu + 1) / 2).lgamma() - (nu / 2).lgamma() - (nu * arb.pi()).log() / 2 - s.log()

        def log_pdf(x: Any) -> Any:
            u = (x - m) * inv_s
            return log_c - half * (u * u * inv_nu).log1p()

        return DensityKernel(lambda x: log_pdf(x).exp(), log_pdf)

    @classmethod
    def draw(cls, r: Drawer, lo: Bound, hi: Bound) -> StudentT:
        return cls(str(r.pick(STUDENT_DEGREES)), r.decimal("-1.2", "1.2"), r.decimal("0.6", "1.5"))


STUDENT_DEGREES = (5, 6, 8)
"""Degrees of freedom of the drawn Student-t densities: every moment of order below 5 is finite."""


@lru_cache(maxsize=1024)
def _gamma_constants(shape: Fraction, scale: Fraction, power: int, prec: int) -> tuple[mpmath.mpf, ...]:
    """(shape - 1, 1/scale, log of the normalising constant) at ``prec`` bits."""
    with mp.workprec(prec + 20):
        k = mp.fdiv(shape.numerator, shape.denominator)
        th = mp.fdiv(scale.numerator, scale.denominator)
        log_c = mp.log(power) - k * mp.log(th) - mp.loggamma(k / power)
    with mp.workprec(prec):
        return (_rational_at(shape - 1, prec), _rational_at(1 / scale, prec), +log_c)


@dataclass(frozen=True)
class HalfLineGamma(ConcreteDensity):
    """A generalised Gamma law on the half-line [origin, oo) (side 1) or (-oo, origin] (side -1).

    With t = side (x - origin) > 0: pdf = p t^(k-1) e^(-(t/scale)^p) / (scale^k Gamma(k/p)),
    shape k >= 1; power p = 1 is the shifted (or reflected) Gamma law, with an
    exponential tail, p = 2 a shifted chi-type law with a Gaussian tail (the
    one drawn for noise, which a sinh generator would turn into a heavy tail
    if it were only exponential).
    """

    shape: Param
    scale: Param
    origin: Param = 0
    side: int = 1
    power: int = 1

    def __post_init__(self) -> None:
        if _exact(self.shape, "HalfLineGamma shape") < 1:
            raise ValueError(f"HalfLineGamma shape {self.shape!r}: need shape >= 1 (no singularity at the end)")
        _require_positive(self.scale, "HalfLineGamma scale")
        _exact(self.origin, "HalfLineGamma origin")
        if self.side not in (1, -1) or self.power not in (1, 2):
            raise ValueError("HalfLineGamma: side must be 1 or -1 and power 1 or 2")

    @property
    def description(self) -> str:
        t = f"x - {_fmt(self.origin)}" if self.side == 1 else f"{_fmt(self.origin)} - x"
        law = "Gamma" if self.power == 1 else "chi-type"
        return f"{law}(shape {_fmt(self.shape)}, scale {_fmt(self.scale)}) of {t}"

    def _constants(self) -> tuple[mpmath.mpf, ...]:
        return _gamma_constants(_parsed(self.shape), _parsed(self.scale), self.power, mp.prec)

    def _t(self, x: mpmath.mpf) -> mpmath.mpf:
        o = _val(self.origin)
        return mp.fsub(x, o) if self.side == 1 else mp.fsub(o, x)

    def support(self) -> tuple[mpmath.mpf, mpmath.mpf]:
        o = _val(self.origin)
        return (o, mp.inf) if self.side == 1 else (mp.ninf, o)

    def _log(self, t: mpmath.mpf) -> mpmath.mpf:
        km1, inv_scale, log_c = self._constants()
        out = log_c - (t * inv_scale) ** self.power
        if km1:
            out += km1 * mp.log(t)
        return out

    def log_pdf(self, x: mpmath.mpf) -> mpmath.mpf:
        t = self._t(x)
        if not t > 0:
            return mp.ninf
        with mp.workprec(mp.prec + _guard_bits()):
            v = self._log(self._t(x))
        return +v

    def pdf(self, x: mpmath.mpf) -> mpmath.mpf:
        t = self._t(x)
        if not t > 0:
            return mp.zero
        with mp.workprec(mp.prec + _guard_bits(self.power * max(_mag(t), 1) + 8)):
            u = self._log(self._t(x))
            v = _exp_nonpositive(u) if u <= 0 else mp.exp(u)
        return +v

    def split_points(self) -> tuple[mpmath.mpf, ...]:
        k, th = _parsed(self.shape), _val(self.scale)
        o = _val(self.origin)
        mode = th * mp.root(_val((k - 1) / self.power), self.power) if k > 1 else mp.zero
        mean = th * mp.exp(mp.loggamma(_val((k + 1) / self.power)) - mp.loggamma(_val(k / self.power)))
        return tuple(sorted({o + self.side * t for t in (mp.zero, mode, mean)}))

    def tail_cut(self, bits: int) -> tuple[mpmath.mpf, mpmath.mpf]:
        # the density falls off beyond its mean; double t until log pdf < -(bits ln 2) there
        target = -bits * mp.ln2
        o = _val(self.origin)
        t = max(2 * (_val(self.scale) + 1), 2 * max(abs(p - o) for p in self.split_points()))
        while self._log(t) > target:
            t *= 2
        return (o, o + t) if self.side == 1 else (o - t, o)

    def ball(self, prec: int) -> DensityKernel:
        k, th, o = _ball(self.shape), _ball(self.scale), _ball(self.origin)
        km1, inv_th = k - 1, 1 / th
        pw = self.power
        log_c = arb(pw).log() - k * th.log() - (k / pw).lgamma()
        side = self.side
        zero = arb(0)

        def t_of(x: Any) -> Any:
            return x - o if side == 1 else o - x

        def positive(t: Any) -> bool:
            if t > 0:
                return True
            if t < 0:
                return False
            raise Unsupported("a half-line density at a ball that holds the end of its support")

        def log_of(t: Any) -> Any:
            out = log_c - (t * inv_th) ** pw
            if km1 != 0:
                out += km1 * t.log()
            return out

        def log_pdf(x: Any) -> Any:
            t = t_of(x)
            if not positive(t):
                raise Unsupported("the log of a half-line density outside its support")
            return log_of(t)

        def pdf(x: Any) -> Any:
            t = t_of(x)
            return log_of(t).exp() if positive(t) else zero

        return DensityKernel(pdf, log_pdf)

    @classmethod
    def draw(cls, r: Drawer, lo: Bound, hi: Bound, power: int | None = None) -> HalfLineGamma:
        if (lo is None) == (hi is None):
            raise ValueError("a half-line density needs exactly one finite end")
        origin, side = (lo, 1) if lo is not None else (hi, -1)
        assert origin is not None
        return cls(r.decimal("1.5", "4"), r.decimal("0.4", "1.5"), _fraction_text(origin), side,
                   power if power is not None else r.pick((1, 2)))

    @classmethod
    def draw_light(cls, r: Drawer, lo: Bound, hi: Bound) -> HalfLineGamma:
        """A member with a Gaussian tail (power 2): for noise, which a sinh generator pushes forward."""
        return cls.draw(r, lo, hi, power=2)

# ---------------------------------------------------------------------------
# generators
# ---------------------------------------------------------------------------


class ConcreteGenerator(ABC):
    """A concrete generator G: noise z to sample x, strictly monotone, with an explicit inverse.

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
        """d/dx G^{-1}(x): positive for an increasing G, negative for a decreasing one."""

    def log_inverse_derivative(self, x: mpmath.mpf) -> mpmath.mpf:
        """log |d/dx G^{-1}(x)|, for log densities of pushforwards."""
        return mp.log(abs(self.inverse_derivative(x)))

    def max_inverse_derivative(self) -> mpmath.mpf:
        """The largest value of |d/dx G^{-1}|: 1/scale for the generators here (at G(0) for sinh)."""
        return abs(self.inverse_derivative(self.forward(mp.zero)))

    @property
    def increasing(self) -> bool:
        """Whether G is increasing (d/dx G^{-1} > 0); a :class:`ReflectedGenerator` is not."""
        return True

    def ball(self, prec: int) -> GeneratorKernel:
        """G, G^{-1} and its derivative and log derivative on arb balls at ``prec`` bits."""
        raise Unsupported(f"no ball version of the generator {type(self).__name__}")

    @classmethod
    def draw(cls, r: Drawer) -> ConcreteGenerator:
        """A member of the family from the draws of ``r``."""
        raise NotImplementedError(f"{cls.__name__} is not drawn")


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

    def ball(self, prec: int) -> GeneratorKernel:
        shift, scale = _ball(self.shift), _ball(self.scale)
        inv_scale, log_inv = 1 / scale, -scale.log()
        return GeneratorKernel(
            lambda z: shift + scale * z,
            lambda x: (x - shift) * inv_scale,
            lambda x: inv_scale,
            lambda x: log_inv,
        )

    @classmethod
    def draw(cls, r: Drawer) -> LinearGenerator:
        return cls(r.decimal("-1", "1"), r.decimal("0.5", "1.6"))


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

    def ball(self, prec: int) -> GeneratorKernel:
        shift, scale = _ball(self.shift), _ball(self.scale)
        inv_scale, log_scale = 1 / scale, scale.log()

        def u(x: Any) -> Any:
            return (x - shift) * inv_scale

        return GeneratorKernel(
            lambda z: shift + scale * z.sinh(),
            lambda x: u(x).asinh(),
            lambda x: inv_scale / (1 + u(x) ** 2).sqrt(),
            lambda x: -(log_scale + (u(x) ** 2).log1p() / 2),
        )

    @classmethod
    def draw(cls, r: Drawer) -> SinhGenerator:
        return cls(r.decimal("-0.8", "0.8"), r.decimal("0.4", "1.2"))


@dataclass(frozen=True)
class SkewGenerator(ConcreteGenerator):
    """G(z) = shift + scale (z + bend sqrt(1 + z^2)), |bend| < 1: non-linear, strictly increasing, of linear growth.

    A smoothed hinge: slope scale (1 + bend) far right and scale (1 - bend) far
    left, so it skews its noise without fattening its tails (a heavy-tailed
    or half-line noise stays integrable).  G' >= scale (1 - |bend|) > 0, and
    the inverse is explicit: with y = (x - shift)/scale and c = bend,
    z = (y - c sqrt(y^2 + 1 - c^2)) / (1 - c^2) and
    dz/dy = (1 - c y / sqrt(y^2 + 1 - c^2)) / (1 - c^2), both free of
    cancellation for |c| <= 0.7.
    """

    shift: Param
    scale: Param
    bend: Param

    def __post_init__(self) -> None:
        _exact(self.shift, "SkewGenerator shift")
        _require_positive(self.scale, "SkewGenerator scale")
        if not abs(_exact(self.bend, "SkewGenerator bend")) <= Fraction(7, 10):
            raise ValueError(f"SkewGenerator bend {self.bend!r}: need |bend| <= 0.7")

    @property
    def description(self) -> str:
        return f"G(z) = {_fmt(self.shift)} + {_fmt(self.scale)} ({_fmt_plus('z', self.bend)} sqrt(1 + z^2))"

    def _fast(self) -> tuple[mpmath.mpf, ...]:
        """(shift, scale, bend, 1 - bend^2, 1/scale) at the current precision."""
        def make() -> tuple[mpmath.mpf, ...]:
            c = _parsed(self.bend)
            return (_val(self.shift), _val(self.scale), _val(c), _rational_at(1 - c * c, mp.prec),
                    1 / _val(self.scale))

        return _per_prec(self, make)

    def forward(self, z: mpmath.mpf) -> mpmath.mpf:
        shift, scale, c, _, _ = self._fast()
        if mp.isinf(z):
            return z
        with mp.workprec(mp.prec + _guard_bits()):
            v = shift + scale * (z + c * mp.sqrt(1 + z * z))
        return +v

    def _y_root(self, x: mpmath.mpf) -> tuple[mpmath.mpf, mpmath.mpf]:
        shift, _, c, one_c2, inv_scale = self._fast()
        y = _difference(x, shift) * inv_scale
        return y, mp.sqrt(y * y + one_c2)

    def inverse(self, x: mpmath.mpf) -> mpmath.mpf:
        with mp.workprec(mp.prec + _guard_bits()):
            _, _, c, one_c2, _ = self._fast()
            y, root = self._y_root(x)
            v = (y - c * root) / one_c2
        return +v

    def inverse_derivative(self, x: mpmath.mpf) -> mpmath.mpf:
        with mp.workprec(mp.prec + _guard_bits()):
            _, _, c, one_c2, inv_scale = self._fast()
            y, root = self._y_root(x)
            v = (1 - c * y / root) / one_c2 * inv_scale
        return +v

    def log_inverse_derivative(self, x: mpmath.mpf) -> mpmath.mpf:
        return mp.log(self.inverse_derivative(x))

    def max_inverse_derivative(self) -> mpmath.mpf:
        # dz/dx <= (1 + |c|) / ((1 - c^2) scale) = 1 / ((1 - |c|) scale), approached at one end
        c = abs(_parsed(self.bend))
        return _val(1 / ((1 - c) * _parsed(self.scale)))

    def ball(self, prec: int) -> GeneratorKernel:
        shift, scale, c = _ball(self.shift), _ball(self.scale), _ball(self.bend)
        q = _parsed(self.bend)
        one_c2 = from_fraction(1 - q * q)
        inv_scale = 1 / scale

        def y_root(x: Any) -> tuple[Any, Any]:
            y = (x - shift) * inv_scale
            return y, (y * y + one_c2).sqrt()

        def inverse(x: Any) -> Any:
            y, root = y_root(x)
            return (y - c * root) / one_c2

        def inverse_derivative(x: Any) -> Any:
            y, root = y_root(x)
            return (1 - c * y / root) / one_c2 * inv_scale

        return GeneratorKernel(
            lambda z: shift + scale * (z + c * (1 + z * z).sqrt()),
            inverse,
            inverse_derivative,
            lambda x: inverse_derivative(x).log(),
        )

    @classmethod
    def draw(cls, r: Drawer) -> SkewGenerator:
        return cls(r.decimal("-0.8", "0.8"), r.decimal("0.5", "1.4"), r.signed("0.2", "0.7"))


@dataclass(frozen=True)
class ReflectedGenerator(ConcreteGenerator):
    """G(z) = -H(z) for an increasing generator H: a strictly decreasing map, drawn on some instances.

    A generator need not be increasing: the change of variables is
    p_G(x) = p_z(G^{-1}(x)) |d G^{-1}/dx|, with the absolute value, and
    p_G(G(z)) G'(z) = p_z(z) (the Jacobian without it) fails for G(z) = -z.  With
    every drawn G increasing such a step would be confirmed; so each generator is
    decreasing on some instances (see :func:`ganproof.numeric.instances.draw`).
    ``inverse_derivative`` is negative here; its log is the log of its absolute value.
    """

    inner: ConcreteGenerator

    @property
    def increasing(self) -> bool:
        return not self.inner.increasing

    @property
    def description(self) -> str:
        return f"G(z) = -({self.inner.description.partition(' = ')[2]})"

    def forward(self, z: mpmath.mpf) -> mpmath.mpf:
        return -self.inner.forward(z)

    def inverse(self, x: mpmath.mpf) -> mpmath.mpf:
        return self.inner.inverse(-x)

    def inverse_derivative(self, x: mpmath.mpf) -> mpmath.mpf:
        return -self.inner.inverse_derivative(-x)

    def log_inverse_derivative(self, x: mpmath.mpf) -> mpmath.mpf:
        return self.inner.log_inverse_derivative(-x)

    def max_inverse_derivative(self) -> mpmath.mpf:
        return self.inner.max_inverse_derivative()

    def ball(self, prec: int) -> GeneratorKernel:
        k = self.inner.ball(prec)
        return GeneratorKernel(
            lambda z: -k.forward(z),
            lambda x: k.inverse(-x),
            lambda x: -k.inverse_derivative(-x),
            lambda x: k.log_inverse_derivative(-x),
        )


def oriented(g: ConcreteGenerator, decreasing: bool) -> ConcreteGenerator:
    """``g`` itself, or its reflection -g when ``decreasing``."""
    return ReflectedGenerator(g) if decreasing else g


@dataclass(frozen=True)
class Pushforward(ConcreteDensity):
    """The exact law of G(z) for z ~ base: pdf(x) = base.pdf(G^{-1}(x)) |d G^{-1}/dx (x)| (G increasing or not).

    It stands for p_G, so that integrals over x against p_G and integrals over
    z against p_z (LOTUS) are two independent computations of the same number.
    """

    base: ConcreteDensity
    generator: ConcreteGenerator

    @property
    def description(self) -> str:
        text = f"law of {self.generator.description}, z ~ {self.base.description}"
        if isinstance(self.base, Gaussian) and isinstance(self.generator, LinearGenerator):
            # a Gaussian through a + b z is a Gaussian: say which, so that the reader need not work it out
            shift, scale = _parsed(self.generator.shift), _parsed(self.generator.scale)
            mean, std = shift + scale * _parsed(self.base.mean), scale * _parsed(self.base.std)
            text += f", that is {Gaussian(_decimal_text(mean), _decimal_text(std)).description}"
        return text

    def pdf(self, x: mpmath.mpf) -> mpmath.mpf:
        g = self.generator
        if -FAST_LIMIT < x < FAST_LIMIT:
            return self.base.pdf(g.inverse(x)) * abs(g.inverse_derivative(x))
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
        ends = {e for e in (lo, hi) if mp.isfinite(e)}
        return tuple(sorted({p for p in images if lo < p < hi} | ends))

    def ball(self, prec: int) -> DensityKernel:
        base, g = self.base.ball(prec), self.generator.ball(prec)
        increasing = self.generator.increasing

        def pdf(x: Any) -> Any:
            slope = g.inverse_derivative(x)
            return base.pdf(g.inverse(x)) * (slope if increasing else -slope)

        def log_pdf(x: Any) -> Any:
            return base.log_pdf(g.inverse(x)) + g.log_inverse_derivative(x)

        return DensityKernel(pdf, log_pdf)

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

    def ball(self, prec: int) -> FamilyKernel:
        kappa = _ball(self.kappa)
        base = self.base.ball(prec)
        g0 = self.base.generator.ball(prec)

        def forward(z: Any, theta: Any) -> Any:
            return theta + (kappa * theta).exp() * g0.forward(z)

        def pdf(x: Any, theta: Any) -> Any:
            inv = (-kappa * theta).exp()
            return base.pdf((x - theta) * inv) * inv

        def log_pdf(x: Any, theta: Any) -> Any:
            k = kappa * theta
            return base.log_pdf((x - theta) * (-k).exp()) - k

        return FamilyKernel(forward, pdf, log_pdf)


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


class LogitDiscriminator(ConcreteDiscriminator):
    """D(x) = sigmoid(t(x)) for a real function t, the logit: the four values without cancellation.

    With t = t(x): 1 - D = sigmoid(-t), log D = -softplus(-t),
    log(1 - D) = -softplus(t), all exact also at |t| = 10^40 and beyond.  A
    subclass gives ``logit`` (mpmath), ``ball_logit`` (arb balls) and, where t
    amplifies the rounding error of a large x, ``_guard``.
    """

    @abstractmethod
    def logit(self, x: mpmath.mpf) -> mpmath.mpf:
        """t(x), so that D(x) = sigmoid(t(x))."""

    @abstractmethod
    def ball_logit(self, prec: int) -> BallFn:
        """t on arb balls at ``prec`` bits."""

    def _guard(self, x: mpmath.mpf) -> int:
        # e^-|t| has relative error |t| eps when t has relative error eps: add log2|t| bits
        return _guard_bits(_mag(x) + 8)

    def _careful(self, x: mpmath.mpf, of_t: Callable[[mpmath.mpf], mpmath.mpf]) -> mpmath.mpf:
        t = self.logit(x)
        if -FAST_LIMIT < t < FAST_LIMIT:
            return of_t(t)
        with mp.workprec(mp.prec + self._guard(x)):
            v = of_t(self.logit(x))
        return +v

    def value(self, x: mpmath.mpf) -> mpmath.mpf:
        return self._careful(x, sigmoid)

    def one_minus(self, x: mpmath.mpf) -> mpmath.mpf:
        return self._careful(x, lambda t: sigmoid(-t))

    def log_value(self, x: mpmath.mpf) -> mpmath.mpf:
        return self._careful(x, lambda t: -softplus(-t))

    def log_one_minus(self, x: mpmath.mpf) -> mpmath.mpf:
        return self._careful(x, lambda t: -softplus(t))

    def ball(self, prec: int) -> DiscriminatorKernel:
        """D, 1 - D, log D and log(1 - D) on arb balls at ``prec`` bits."""
        logit = self.ball_logit(prec)
        return DiscriminatorKernel(
            lambda x: ball_sigmoid(logit(x)),
            lambda x: ball_sigmoid(-logit(x)),
            lambda x: -ball_softplus(-logit(x)),
            lambda x: -ball_softplus(logit(x)),
        )

    @classmethod
    def draw(cls, r: Drawer) -> LogitDiscriminator:
        """A member of the family from the draws of ``r``."""
        raise NotImplementedError(f"{cls.__name__} is not drawn")


@dataclass(frozen=True)
class SigmoidDiscriminator(LogitDiscriminator):
    """D(x) = sigmoid(slope x + offset) = 1 / (1 + exp(-(slope x + offset))).

    A logistic-regression discriminator; on the real line and on [0, 1] alike.
    Its logit is affine, so it is not drawn for checks (an identity of affine
    logits, logit D(1) + logit D(-1) = 2 logit D(0), would hold on it); the
    drawn discriminators bend the logit.
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
        slope, offset = _parsed(self.slope), _parsed(self.offset)
        return _guard_bits(max(_mag(x) + _fraction_mag(slope), _fraction_mag(offset)) + 2)

    def ball_logit(self, prec: int) -> BallFn:
        slope, offset = _ball(self.slope), _ball(self.offset)
        return lambda x: slope * x + offset

    @classmethod
    def draw(cls, r: Drawer) -> SigmoidDiscriminator:
        return cls(r.signed("0.3", "2"), r.decimal("-1", "1"))


@dataclass(frozen=True)
class WarpedSigmoidDiscriminator(LogitDiscriminator):
    """D(x) = sigmoid(slope x + offset + bend tanh(rate x + shift)): a non-affine logit.

    The bounded bend keeps |logit| <= |slope| |x| + const, so log D and
    log(1 - D) grow at most linearly and their expectations stay finite under
    every drawn density (all have a finite first moment).
    """

    slope: Param
    offset: Param
    bend: Param
    rate: Param
    shift: Param

    def __post_init__(self) -> None:
        for name in ("slope", "offset", "bend", "rate", "shift"):
            _exact(getattr(self, name), f"WarpedSigmoidDiscriminator {name}")

    @property
    def description(self) -> str:
        inner = _fmt_plus(f"{_fmt(self.rate)} x", self.shift)
        lead = _fmt_plus(f"{_fmt(self.slope)} x", self.offset)
        return f"D(x) = sigmoid({lead} + ({_fmt(self.bend)}) tanh({inner}))"

    def logit(self, x: mpmath.mpf) -> mpmath.mpf:
        slope, offset, bend, rate, shift = _per_prec(self, lambda: tuple(
            _val(getattr(self, n)) for n in ("slope", "offset", "bend", "rate", "shift")))
        return slope * x + offset + bend * _tanh(rate * x + shift)

    def ball_logit(self, prec: int) -> BallFn:
        slope, offset, bend, rate, shift = (_ball(getattr(self, n)) for n in ("slope", "offset", "bend", "rate",
                                                                            "shift"))
        return lambda x: slope * x + offset + bend * (rate * x + shift).tanh()

    @classmethod
    def draw(cls, r: Drawer) -> WarpedSigmoidDiscriminator:
        return cls(r.signed("0.2", "1.8"), r.decimal("-1", "1"), r.signed("0.4", "1.5"), r.signed("0.5", "2"),
                   r.decimal("-1", "1"))


@dataclass(frozen=True)
class BumpSigmoidDiscriminator(LogitDiscriminator):
    """D(x) = sigmoid(slope x + offset + height exp(-(rate x + shift)^2)): a logit with a local bump.

    Non-affine and non-monotone near the bump, affine far out (so log D grows
    at most linearly, as for :class:`WarpedSigmoidDiscriminator`).
    """

    slope: Param
    offset: Param
    height: Param
    rate: Param
    shift: Param

    def __post_init__(self) -> None:
        for name in ("slope", "offset", "height", "rate", "shift"):
            _exact(getattr(self, name), f"BumpSigmoidDiscriminator {name}")

    @property
    def description(self) -> str:
        inner = _fmt_plus(f"{_fmt(self.rate)} x", self.shift)
        lead = _fmt_plus(f"{_fmt(self.slope)} x", self.offset)
        return f"D(x) = sigmoid({lead} + ({_fmt(self.height)}) exp(-({inner})^2))"

    def logit(self, x: mpmath.mpf) -> mpmath.mpf:
        slope, offset, height, rate, shift = _per_prec(self, lambda: tuple(
            _val(getattr(self, n)) for n in ("slope", "offset", "height", "rate", "shift")))
        u = rate * x + shift
        return slope * x + offset + height * _exp_nonpositive(-(u * u))

    def ball_logit(self, prec: int) -> BallFn:
        slope, offset, height, rate, shift = (_ball(getattr(self, n)) for n in ("slope", "offset", "height",
                                                                              "rate", "shift"))

        def logit(x: Any) -> Any:
            u = rate * x + shift
            return slope * x + offset + height * (-(u * u)).exp()

        return logit

    @classmethod
    def draw(cls, r: Drawer) -> BumpSigmoidDiscriminator:
        return cls(r.signed("0.2", "1.8"), r.decimal("-1", "1"), r.signed("0.5", "2"), r.signed("0.5", "1.5"),
                   r.decimal("-1", "1"))


@dataclass(frozen=True)
class PlateauSigmoidDiscriminator(LogitDiscriminator):
    """D(x) = sigmoid(offset + height tanh(rate x + shift)): a bounded logit, so D tends to
    sigmoid(offset - |height|) at one end of R and sigmoid(offset + |height|) at the other, both inside
    (0, 1).  Drawn on the instances whose tails are ``plateau`` (:data:`TAIL_SCHEDULE`): an identity true
    only for a D that tends to 0 and 1 (a telescoping integral that sums to +-1, D(1000) + D(-1000) = 1)
    has nothing to hold on."""

    offset: Param
    height: Param
    rate: Param
    shift: Param

    _NAMES = ("offset", "height", "rate", "shift")

    def __post_init__(self) -> None:
        for name in self._NAMES:
            _exact(getattr(self, name), f"PlateauSigmoidDiscriminator {name}")

    @property
    def description(self) -> str:
        inner = _fmt_plus(f"{_fmt(self.rate)} x", self.shift)
        return f"D(x) = sigmoid({_fmt_plus(f'{_fmt(self.height)} tanh({inner})', self.offset)})"

    def logit(self, x: mpmath.mpf) -> mpmath.mpf:
        offset, height, rate, shift = _per_prec(self, lambda: tuple(_val(getattr(self, n)) for n in self._NAMES))
        return offset + height * _tanh(rate * x + shift)

    def ball_logit(self, prec: int) -> BallFn:
        offset, height, rate, shift = (_ball(getattr(self, n)) for n in self._NAMES)
        return lambda x: offset + height * (rate * x + shift).tanh()

    @classmethod
    def draw(cls, r: Drawer) -> PlateauSigmoidDiscriminator:
        return cls(r.decimal("-1", "1"), r.signed("0.5", "1.5"), r.signed("0.5", "2"), r.decimal("-1", "1"))


@dataclass(frozen=True)
class LevelSigmoidDiscriminator(LogitDiscriminator):
    """D(x) = sigmoid(offset + height exp(-(rate x + shift)^2)): D tends to sigmoid(offset) at both ends
    of R.  Drawn on the instances whose tails are ``level`` (:data:`TAIL_SCHEDULE`): an integral of
    D(x) - D(x - 1) is 0 for it, not +-1."""

    offset: Param
    height: Param
    rate: Param
    shift: Param

    _NAMES = ("offset", "height", "rate", "shift")

    def __post_init__(self) -> None:
        for name in self._NAMES:
            _exact(getattr(self, name), f"LevelSigmoidDiscriminator {name}")

    @property
    def description(self) -> str:
        inner = _fmt_plus(f"{_fmt(self.rate)} x", self.shift)
        return f"D(x) = sigmoid({_fmt_plus(f'{_fmt(self.height)} exp(-({inner})^2)', self.offset)})"

    def logit(self, x: mpmath.mpf) -> mpmath.mpf:
        offset, height, rate, shift = _per_prec(self, lambda: tuple(_val(getattr(self, n)) for n in self._NAMES))
        u = rate * x + shift
        return offset + height * _exp_nonpositive(-(u * u))

    def ball_logit(self, prec: int) -> BallFn:
        offset, height, rate, shift = (_ball(getattr(self, n)) for n in self._NAMES)

        def logit(x: Any) -> Any:
            u = rate * x + shift
            return offset + height * (-(u * u)).exp()

        return logit

    @classmethod
    def draw(cls, r: Drawer) -> LevelSigmoidDiscriminator:
        return cls(r.decimal("-1", "1"), r.signed("0.8", "2"), r.signed("0.5", "1.5"), r.decimal("-1", "1"))


# ---------------------------------------------------------------------------
# critics (real-valued, no range constraint)
# ---------------------------------------------------------------------------


class ConcreteCritic(ABC):
    """A concrete real-valued critic T (an f-GAN critic, an LSGAN discriminator), bounded and smooth.

    Bounded so that integrals such as E_Q[exp(T - 1)] (the KL conjugate) or
    E_P[(T - b)^2] (LSGAN) converge for every drawn density.
    """

    @property
    @abstractmethod
    def description(self) -> str:
        """Human-readable text, e.g. ``T(x) = 0.4 + 1.3 tanh(0.8 x - 0.3)``."""

    @abstractmethod
    def value(self, x: mpmath.mpf) -> mpmath.mpf:
        """T(x)."""

    @abstractmethod
    def ball(self, prec: int) -> BallFn:
        """T on arb balls at ``prec`` bits."""

    @classmethod
    def draw(cls, r: Drawer) -> ConcreteCritic:
        """A member of the family from the draws of ``r``."""
        raise NotImplementedError(f"{cls.__name__} is not drawn")


@dataclass(frozen=True)
class TanhCritic(ConcreteCritic):
    """T(x) = level + scale tanh(slope x + offset): a bounded, smooth, real-valued critic.

    Not of one sign, so nothing that needs T > 0 can hold by accident.
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
        return level + scale * _tanh(slope * x + offset)

    def ball(self, prec: int) -> BallFn:
        level, scale, slope, offset = (_ball(self.level), _ball(self.scale), _ball(self.slope), _ball(self.offset))
        return lambda x: level + scale * (slope * x + offset).tanh()

    @classmethod
    def draw(cls, r: Drawer) -> TanhCritic:
        return cls(r.decimal("-1", "1"), r.signed("0.5", "2"), r.signed("0.4", "2"), r.decimal("-1", "1"))


@dataclass(frozen=True)
class BumpCritic(ConcreteCritic):
    """T(x) = level + scale tanh(slope x + offset) + height exp(-(rate x + shift)^2): bounded, not monotone."""

    level: Param
    scale: Param
    slope: Param
    offset: Param
    height: Param
    rate: Param
    shift: Param

    _NAMES = ("level", "scale", "slope", "offset", "height", "rate", "shift")

    def __post_init__(self) -> None:
        for name in self._NAMES:
            _exact(getattr(self, name), f"BumpCritic {name}")

    @property
    def description(self) -> str:
        inner = _fmt_plus(f"{_fmt(self.slope)} x", self.offset)
        bump = _fmt_plus(f"{_fmt(self.rate)} x", self.shift)
        return (f"T(x) = {_fmt_plus(f'{_fmt(self.scale)} tanh({inner})', self.level)}"
                f" + ({_fmt(self.height)}) exp(-({bump})^2)")

    def value(self, x: mpmath.mpf) -> mpmath.mpf:
        level, scale, slope, offset, height, rate, shift = _per_prec(
            self, lambda: tuple(_val(getattr(self, n)) for n in self._NAMES))
        u = rate * x + shift
        return level + scale * _tanh(slope * x + offset) + height * _exp_nonpositive(-(u * u))

    def ball(self, prec: int) -> BallFn:
        level, scale, slope, offset, height, rate, shift = (_ball(getattr(self, n)) for n in self._NAMES)

        def critic(x: Any) -> Any:
            u = rate * x + shift
            return level + scale * (slope * x + offset).tanh() + height * (-(u * u)).exp()

        return critic

    @classmethod
    def draw(cls, r: Drawer) -> BumpCritic:
        return cls(r.decimal("-1", "1"), r.signed("0.5", "2"), r.signed("0.4", "2"), r.decimal("-1", "1"),
                   r.signed("0.4", "1.5"), r.signed("0.5", "1.5"), r.decimal("-1", "1"))


@dataclass(frozen=True)
class SlowCritic(ConcreteCritic):
    """T(x) = level + scale tanh(x / width + offset), width in [2000, 5000]: a bounded critic that is far
    from its limits at |x| = 1000.  Drawn on the instances whose tails are ``plateau``
    (:data:`TAIL_SCHEDULE`), so that a free function f is not taken to have settled by |x| = 1000
    (int f'(x) dx = f(1000) - f(-1000) holds for none of these)."""

    level: Param
    scale: Param
    width: Param
    offset: Param

    _NAMES = ("level", "scale", "width", "offset")

    def __post_init__(self) -> None:
        for name in self._NAMES:
            _exact(getattr(self, name), f"SlowCritic {name}")

    @property
    def description(self) -> str:
        inner = _fmt_plus(f"x / {_fmt(self.width)}", self.offset)
        return f"T(x) = {_fmt_plus(f'{_fmt(self.scale)} tanh({inner})', self.level)}"

    def value(self, x: mpmath.mpf) -> mpmath.mpf:
        level, scale, width, offset = _per_prec(self, lambda: tuple(_val(getattr(self, n)) for n in self._NAMES))
        return level + scale * _tanh(x / width + offset)

    def ball(self, prec: int) -> BallFn:
        level, scale, width, offset = (_ball(getattr(self, n)) for n in self._NAMES)
        return lambda x: level + scale * (x / width + offset).tanh()

    @classmethod
    def draw(cls, r: Drawer) -> SlowCritic:
        return cls(r.decimal("-1", "1"), r.signed("0.5", "2"), r.decimal("2000", "5000", 0), r.decimal("-0.5", "0.5"))


@dataclass(frozen=True)
class LevelCritic(ConcreteCritic):
    """T(x) = level + height exp(-(rate x + shift)^2): the same limit at both ends of R.  Drawn on the
    instances whose tails are ``level`` (:data:`TAIL_SCHEDULE`)."""

    level: Param
    height: Param
    rate: Param
    shift: Param

    _NAMES = ("level", "height", "rate", "shift")

    def __post_init__(self) -> None:
        for name in self._NAMES:
            _exact(getattr(self, name), f"LevelCritic {name}")

    @property
    def description(self) -> str:
        inner = _fmt_plus(f"{_fmt(self.rate)} x", self.shift)
        return f"T(x) = {_fmt_plus(f'{_fmt(self.height)} exp(-({inner})^2)', self.level)}"

    def value(self, x: mpmath.mpf) -> mpmath.mpf:
        level, height, rate, shift = _per_prec(self, lambda: tuple(_val(getattr(self, n)) for n in self._NAMES))
        u = rate * x + shift
        return level + height * _exp_nonpositive(-(u * u))

    def ball(self, prec: int) -> BallFn:
        level, height, rate, shift = (_ball(getattr(self, n)) for n in self._NAMES)

        def critic(x: Any) -> Any:
            u = rate * x + shift
            return level + height * (-(u * u)).exp()

        return critic

    @classmethod
    def draw(cls, r: Drawer) -> LevelCritic:
        return cls(r.decimal("-1", "1"), r.signed("0.5", "2"), r.signed("0.5", "1.5"), r.decimal("-1", "1"))


def exp_guarded(u: mpmath.mpf) -> mpmath.mpf:
    """exp(u) for any u the evaluator meets: non-positive arguments as in :func:`softplus`'s policy
    (exact down to -2^2048, below that the positive bound exp(-2^2048)); a positive argument
    beyond 2^2048 raises OverflowError instead of running for unbounded time."""
    if u <= 0 or mp.isnan(u):
        return _exp_nonpositive(u)
    if u > EXP_ARGUMENT_CAP:
        raise OverflowError(f"exp of an argument above 2^2048 ({mp.nstr(u, 8)})")
    return _exp_by_ln2(u) if _far_exp(u) else mp.exp(u)


@dataclass(frozen=True)
class Categorical(ConcreteDensity):
    """A law on the finite alphabet {lo, lo + 1, ..., lo + k - 1}: the probability vector ``probs``.

    It stands for a law declared on an alphabet (``%! density p on {0, 1, 2}``) or summed over one
    (``\\sum_x p(x) \\log ...``).  Every entry is an exact positive rational and the entries sum to
    exactly 1, so a sum over the alphabet is a finite sum of exact terms: its only error is the
    rounding of the working precision.  ``pdf`` is the mass at an integer point of the alphabet and
    0 at any other integer; at a point that is not an integer it is no value at all (a law on an
    alphabet is summed, never integrated), a ValueError.
    """

    probs: tuple[Param, ...]
    lo: int = 1

    def __post_init__(self) -> None:
        if len(self.probs) < 1:
            raise ValueError("Categorical: the alphabet needs at least one point")
        masses = [_require_positive(q, "Categorical mass") for q in self.probs]
        if sum(masses) != 1:
            raise ValueError(f"Categorical masses sum to {sum(masses)}, not to 1")

    @property
    def description(self) -> str:
        hi = self.lo + len(self.probs) - 1
        return f"Cat({', '.join(_fmt(q) for q in self.probs)}) on {{{self.lo}, ..., {hi}}}"

    def _index(self, x: mpmath.mpf) -> int | None:
        if not mp.isfinite(x) or x != mp.floor(x):
            raise ValueError(f"a law on an alphabet has no density at the non-integer point {mp.nstr(x, 8)}")
        k = int(x) - self.lo
        return k if 0 <= k < len(self.probs) else None

    def pdf(self, x: mpmath.mpf) -> mpmath.mpf:
        k = self._index(x)
        return mp.zero if k is None else _val(self.probs[k])

    def log_pdf(self, x: mpmath.mpf) -> mpmath.mpf:
        k = self._index(x)
        return mp.ninf if k is None else mp.log(_val(self.probs[k]))

    def support(self) -> tuple[mpmath.mpf, mpmath.mpf]:
        return (mp.mpf(self.lo), mp.mpf(self.lo + len(self.probs) - 1))

    def split_points(self) -> tuple[mpmath.mpf, ...]:
        return tuple(mp.mpf(self.lo + k) for k in range(len(self.probs)))

    def ball(self, prec: int) -> DensityKernel:
        masses = [_ball(q) for q in self.probs]
        logs = [m.log() for m in masses]
        lo, size = self.lo, len(self.probs)

        def index(x: Any) -> int | None:
            k = x.unique_fmpz() if hasattr(x, "unique_fmpz") else None
            if k is None or x.rad() != 0:
                raise Unsupported("a law on an alphabet is evaluated at exact integer points only")
            i = int(k) - lo
            return i if 0 <= i < size else None

        def pdf(x: Any) -> Any:
            i = index(x)
            return arb(0) if i is None else masses[i]

        def log_pdf(x: Any) -> Any:
            i = index(x)
            if i is None:
                raise Unsupported("the logarithm of a zero mass")
            return logs[i]

        return DensityKernel(pdf, log_pdf)

    @classmethod
    def draw(cls, r: Drawer, lo: Bound, hi: Bound) -> Categorical:
        """Masses on {lo, ..., hi}: exact positive rationals summing to 1 (:meth:`Drawer.masses`: integer
        weights in [1, 60] over their total, some points far likelier than others)."""
        if lo is None or hi is None or lo.denominator != 1 or hi.denominator != 1 or hi < lo:
            raise ValueError("a law on an alphabet needs integer ends lo <= hi")
        k = int(hi - lo) + 1
        return cls(r.masses(k), int(lo))


# ---------------------------------------------------------------------------
# the registry: which families instances are drawn from
# ---------------------------------------------------------------------------

SUPPORT_KINDS = ("line", "interval", "above", "below", "alphabet")
"""The kinds of declared support: R, [a, b], [a, oo), (-oo, b] and a finite alphabet {a, ..., b}."""

TAIL_KINDS = ("usual", "plateau", "level")
"""The shapes of a discriminator's or critic's tails: ``usual`` (a discriminator tends to 0 at one end of R
and 1 at the other, a critic settles within |x| < 20), ``plateau`` (a discriminator tends to two limits
inside (0, 1), a critic is far from its limits at |x| = 1000) and ``level`` (the same limit at both ends)."""

TAIL_SCHEDULE: dict[int, str] = {3: "plateau", 4: "level", 6: "plateau", 7: "level"}
"""The tail shape of the discriminators and critics of instance ``index`` (``usual`` when not listed).  The
first three instances (the ones a step with a certificate is cross-checked on) keep the usual shapes;
among the first six (the ones a step without one is decided on) both other shapes occur, so that an
identity true only for the usual tails is refuted or left unknown."""


def tail_kind(index: int) -> str:
    """The tail shape of the discriminators and critics drawn for instance ``index``."""
    return TAIL_SCHEDULE.get(index, "usual")


def support_kind(lo: Bound, hi: Bound) -> str:
    """The kind of the support (lo, hi), None standing for an infinite end."""
    if lo is None and hi is None:
        return "line"
    if lo is not None and hi is not None:
        return "interval"
    return "above" if lo is not None else "below"


@dataclass(frozen=True)
class Registration:
    """One family in the table instances are drawn from.

    ``role``: what it stands for (``data`` densities, ``noise`` densities,
    ``generator``, ``discriminator``, ``critic``); ``supports``: the kinds of
    declared support it is drawn for (densities; :data:`SUPPORT_KINDS`), or the shapes of tails it
    is drawn for (discriminators and critics; :data:`TAIL_KINDS`); ``weight``: its share
    of the draws among the families of that role and support; ``draw``: how a
    member is made from a :class:`Drawer` (and the support's ends, for
    densities).  Adding a family is one class (with its mpmath and ball
    representations, description, split points and support) and one
    :func:`register` call.
    """

    family: type[Any]
    role: str
    weight: int
    supports: tuple[str, ...] = ()
    draw: Callable[..., Any] | None = None

    def make(self, r: Drawer, lo: Bound = None, hi: Bound = None) -> Any:
        maker = self.draw if self.draw is not None else self.family.draw
        return maker(r, lo, hi) if self.role in ("data", "noise") else maker(r)


def _draw_skewed(r: Drawer, lo: Bound, hi: Bound) -> Pushforward:
    """A skewed law with Gaussian tails, analytic everywhere: N(0, 1) pushed through a smoothed hinge.

    x = loc + scale (z + bend sqrt(1 + z^2)) has tails of widths scale (1 + bend)
    and scale (1 - bend) on its two sides (a sinh-arcsinh-type skew normal); a
    law with a kink (the two-piece normal) would put a non-smooth point where a
    parametric family's quadrature cannot split.
    """
    return Pushforward(Gaussian(0, 1), SkewGenerator.draw(r))


REGISTRY: list[Registration] = []
ROLES = ("data", "noise", "generator", "discriminator", "critic")


def register(family: type, role: str, weight: int, supports: Sequence[str] = (),
             draw: Callable[..., Any] | None = None) -> None:
    """Add ``family`` to the draws of ``role`` (on the ``supports`` given, for densities)."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}: expected one of {ROLES}")
    if role in ("data", "noise") and not set(supports) <= set(SUPPORT_KINDS):
        raise ValueError(f"unknown support kinds {supports!r}: expected some of {SUPPORT_KINDS}")
    if role in ("discriminator", "critic") and not set(supports) <= set(TAIL_KINDS):
        raise ValueError(f"unknown tail kinds {supports!r}: expected some of {TAIL_KINDS}")
    REGISTRY.append(Registration(family, role, weight, tuple(supports), draw))


def registered(role: str, kind: str | None = None) -> tuple[Registration, ...]:
    """The registrations of ``role`` (drawn on supports of ``kind``, for densities; with tails of shape
    ``kind``, for discriminators and critics), in registration order."""
    return tuple(g for g in REGISTRY if g.role == role and (kind is None or kind in g.supports))


# densities of data (any name that is not a noise density): light and heavy tails, skewed, multimodal
register(Gaussian, "data", 3, ("line",))
register(GaussianMixture, "data", 3, ("line",))
register(StudentT, "data", 3, ("line",))
register(Pushforward, "data", 2, ("line",), draw=_draw_skewed)
register(Beta, "data", 1, ("interval",))
register(HalfLineGamma, "data", 1, ("above", "below"))
# noise densities: Gaussian tails on the line and the half-lines, since a sinh generator turns an
# exponential or polynomial tail into one whose expectations diverge
register(Gaussian, "noise", 2, ("line",))
register(GaussianMixture, "noise", 1, ("line",))
register(Pushforward, "noise", 1, ("line",), draw=_draw_skewed)
register(Beta, "noise", 1, ("interval",))
register(HalfLineGamma, "noise", 1, ("above", "below"), draw=HalfLineGamma.draw_light)
# laws on a finite alphabet: probability vectors with exact rational masses
register(Categorical, "data", 1, ("alphabet",))
register(Categorical, "noise", 1, ("alphabet",))
register(LinearGenerator, "generator", 1)
register(SinhGenerator, "generator", 2)
register(SkewGenerator, "generator", 2)
# discriminators and critics by the shape of their tails (TAIL_SCHEDULE says which instance has which)
register(WarpedSigmoidDiscriminator, "discriminator", 1, ("usual",))
register(BumpSigmoidDiscriminator, "discriminator", 1, ("usual",))
register(PlateauSigmoidDiscriminator, "discriminator", 1, ("plateau",))
register(LevelSigmoidDiscriminator, "discriminator", 1, ("level",))
register(TanhCritic, "critic", 1, ("usual",))
register(BumpCritic, "critic", 1, ("usual",))
register(SlowCritic, "critic", 1, ("plateau",))
register(LevelCritic, "critic", 1, ("level",))

SIMPLEST_FAMILIES: tuple[type, ...] = (Gaussian, Beta, HalfLineGamma, Categorical, LinearGenerator,
                                       SigmoidDiscriminator, TanhCritic)
"""The families a :class:`SimpleDrawer` draws from, each the simplest of its role and support: a single
Gaussian on the line, a scaled Beta on an interval, a Gamma law on a half-line, a probability vector on
an alphabet, a linear generator a + b z, an affine sigmoid discriminator, a tanh critic."""
