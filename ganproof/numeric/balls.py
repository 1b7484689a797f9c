"""Ball arithmetic (python-flint's arb) for the evaluator's fast path: precision, conversion, tanh-sinh.

An ``arb`` is a midpoint and a radius: every operation widens the radius by
its rounding error, so a value carries a rigorous bound on the arithmetic
error behind it.  Integrands evaluated with arb cost a tenth of the same
integrand evaluated with mpmath numbers (benchmarks/backends.py), which is
where the evaluator spends nearly all its time.

:func:`tanh_sinh` is mpmath's default quadrature (the same nodes, levels and
error estimate as ``mpmath.quad``), summed in balls: the result's radius
bounds the rounding error, and the difference between levels estimates the
truncation error, as in mpmath.

Precision is set only inside :func:`workprec` (flint keeps it in a global
context, which this restores on exit).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

import mpmath as mp
from flint import arb, ctx, fmpq

__all__ = ["arb", "workprec", "from_fraction", "from_mpf", "to_mpf", "bound", "tanh_sinh", "quadrature", "Quadrature", "MAX_LEVEL"]


@contextmanager
def workprec(bits: int) -> Iterator[None]:
    """Arb arithmetic at ``bits`` bits inside the block; the previous precision is restored after it."""
    saved = ctx.prec
    ctx.prec = bits
    try:
        yield
    finally:
        ctx.prec = saved


def from_fraction(q: Fraction) -> arb:
    """q correctly rounded at the current precision (exact when it is a dyadic rational that fits)."""
    return arb(fmpq(q.numerator, q.denominator))


def from_mpf(x: mp.mpf) -> arb:
    """The exact point ``x`` (an mpf is a binary number: no rounding); ValueError for inf and NaN."""
    sign, man, exp, _ = mp.mpf(x)._mpf_
    if not man:
        if x == 0:
            return arb(0)
        raise ValueError(f"no exact ball for {x}")
    m = -int(man) if sign else int(man)
    with workprec(max(ctx.prec, int(man).bit_length() + 8)):  # wide enough that nothing rounds
        return arb(m) * arb(2) ** int(exp)


def to_mpf(x: arb) -> mp.mpf:
    """The midpoint of ``x``, exactly, as an mpf (rounded at mpmath's current precision)."""
    man, exp = x.mid().man_exp()
    return mp.mpf((int(man), int(exp)))


def bound(x: arb) -> mp.mpf:
    """An upper bound of |x| as an mpf."""
    man, exp = x.abs_upper().man_exp()
    return mp.mpf((int(man), int(exp)))


GUARD = 20
"""Bits the quadrature works above its target (as mpmath.quad does)."""

STATS = {"quadratures": 0, "points": 0}
"""Quadratures run and integrand values computed in this process (for benchmarks; never reset here)."""

MAX_LEVEL = 10
"""The finest tanh-sinh level tried (step 2^-10); mpmath's default stops near level 8 at 50 digits."""


@lru_cache(maxsize=64)
def _level(m: int, prec: int) -> tuple[tuple[arb, arb], ...]:
    """Tanh-sinh nodes of level m on (-1, 1), as (1 - |x|, weight) pairs for t > 0, new at this level.

    Level 0 has step 1 and all t = k >= 1; level m has step 2^-m and the odd
    multiples only (the even ones are the previous levels' nodes).  The node
    x = tanh(pi/2 sinh t) is kept as its distance to the end, 2 / (e^(pi sinh t) + 1),
    so that nodes next to an end are not rounded onto it.  The weight is
    pi/2 cosh t / cosh^2(pi/2 sinh t); nodes stop once it is below 2^-(prec + 20).
    Midpoints only: the rule is exact arithmetic on these points.
    """
    with workprec(prec + 30):
        h = arb(2) ** (-m)
        half_pi = arb.pi() / 2
        tiny = arb(2) ** (-(prec + 20))
        out = []
        k = 1
        step = 1 if m == 0 else 2
        while True:
            t = h * k
            u = half_pi * t.sinh()
            e = (2 * u).exp()
            gap = 2 / (e + 1)
            w = half_pi * t.cosh() * 4 * e / (e + 1) ** 2
            if w < tiny:
                break
            out.append((gap.mid(), w.mid()))
            k += step
        return tuple(out)


Node = tuple[arb, arb]
"""A quadrature node and its weight (the step h included): exact points, so radii stay small."""


@lru_cache(maxsize=4096)
def nodes(a: mp.mpf, b: mp.mpf, m: int, prec: int, cut: tuple[mp.mpf, mp.mpf] | None) -> tuple[Node, ...]:
    """Level m's new tanh-sinh nodes on the piece (a, b), as ``mpmath.quad`` places them.

    A finite piece is mapped linearly; (a, inf) by x = a - 1 + 2/(s + 1) and
    (-inf, b) by x = b + 1 - 2/(s + 1), mpmath's transformations.  Nodes
    outside ``cut`` (the interval beyond which the integrand was found
    negligible) are left out, as mpmath's path counts the integrand 0 there.
    The same piece, level and precision give the same node objects, so the
    compiler's memo recognises a node met in another integral.
    """
    with workprec(prec + GUARD + 10):
        lo = None if mp.isinf(a) else from_mpf(a)
        hi = None if mp.isinf(b) else from_mpf(b)
        c_lo = c_hi = None
        if cut is not None:
            c_lo, c_hi = from_mpf(cut[0]), from_mpf(cut[1])
        h = arb(2) ** (-m)
        raw: list[tuple[arb, arb]] = []  # (x, weight) before the cut
        if lo is not None and hi is not None:
            half = (hi - lo) / 2
            if m == 0:
                raw.append(((lo + hi) / 2, arb.pi() / 2 * half))
            for gap, w in _level(m, prec):
                d = half * gap
                raw.append((lo + d, w * half))
                raw.append((hi - d, w * half))
        else:
            if lo is None and hi is None:
                raise ValueError("a piece infinite at both ends (split it first)")
            sign, end = (1, lo) if hi is None else (-1, hi)
            assert end is not None
            items = [(arb(2), arb.pi() / 2)] if m == 0 else []  # s = 0: u = 2 / (s + 1) = 2
            for gap, w in _level(m, prec):
                items.append((2 / (2 - gap), w))  # s = 1 - gap: next to the finite end
                items.append((2 / gap, w))  # s = -1 + gap: far out
            for u, w in items:
                # x = end + (u - 1) away from the end; rounded to an exact point below, as every node is
                raw.append((end + sign * (u - 1), w * u * u / 2))
        out = []
        for x, w in raw:
            x = x.mid()
            if lo is not None and not x > lo or hi is not None and not x < hi:
                continue  # next to an end, the node rounds onto it: its weight is below 2^-(prec + 20)
            if c_lo is not None and c_hi is not None and not (c_lo <= x and x <= c_hi):
                continue
            out.append((x, (w * h).mid()))
        return tuple(out)


def _piece_level(f: Callable[[arb], arb], level: tuple[Node, ...]) -> arb:
    STATS["points"] += len(level)
    total = arb(0)
    for x, w in level:
        total += w * f(x)
    return total


def _piece_level_abs(f: Callable[[arb], arb], level: tuple[Node, ...]) -> tuple[arb, arb]:
    """The level's sum of w f(x) and of w |f(x)| (midpoints: the magnitude is an estimate)."""
    STATS["points"] += len(level)
    total = arb(0)
    size = arb(0)
    for x, w in level:
        v = w * f(x)
        total += v
        size += abs(v.mid())
    return total, size


def _estimate(results: list[arb], prec: int) -> mp.mpf:
    """mpmath's tanh-sinh error estimate from the last levels' sums (TanhSinh.estimate_error)."""
    if len(results) == 2:
        return bound(results[0] - results[1]) + bound(arb(0) + results[1].rad())
    d1 = bound(results[-1].mid() - results[-2].mid())
    d2 = bound(results[-1].mid() - results[-3].mid())
    if d1 == 0 and d2 == 0:
        return mp.mpf(0)
    if d1 == 0 or d2 == 0:
        return mp.mpf(2) ** (-prec)
    l1, l2 = mp.log10(d1), mp.log10(d2)
    d4 = min(0, max(l1 ** 2 / l2, 2 * l1, -(prec + GUARD) * mp.log10(2)))
    return mp.mpf(10) ** int(d4)


@dataclass(frozen=True)
class Quadrature:
    """A tanh-sinh integral: the ball, the error estimate (absolute), and the integral of |f|."""

    value: arb
    error: mp.mpf
    magnitude: mp.mpf
    """The integral of |f| (the order of magnitude of the parts that were summed; with ``measure``,
    the magnitude of the measured value)."""


def tanh_sinh(f: Callable[[arb], arb], points: Sequence[mp.mpf], prec: int,
              cut: tuple[mp.mpf, mp.mpf] | None = None,
              measure: Callable[[object], arb] | None = None) -> tuple[arb, mp.mpf]:
    """The integral of f and its error estimate: :func:`quadrature` without the magnitude."""
    out = quadrature(f, points, prec, cut, measure)
    return out.value, out.error


def quadrature(f: Callable[[arb], arb], points: Sequence[mp.mpf], prec: int,
               cut: tuple[mp.mpf, mp.mpf] | None = None,
               measure: Callable[[object], arb] | None = None) -> Quadrature:
    """The integral of f over the pieces between ``points`` (mpf, the ends may be infinite).

    Each piece is summed level by level until mpmath's estimate of the
    truncation error is below 2^-prec (or MAX_LEVEL is reached); the
    estimate returned is the sum over pieces of that estimate plus the
    radius of the sum (the rounding error, rigorous).  An infinite end needs
    ``cut``: nodes beyond it are left out.  Call inside :func:`workprec`.

    ``measure`` maps a partial sum to the number whose convergence counts
    (default: the sum itself); with values that are pairs f(theta + h),
    f(theta - h) it is their difference quotient, and the error returned is
    that quotient's.
    """
    m_of = measure if measure is not None else (lambda v: v)  # type: ignore[return-value]
    points = list(points)
    if len(points) == 2 and mp.isinf(points[0]) and mp.isinf(points[1]):
        points.insert(1, mp.mpf(0))
    if (mp.isinf(points[0]) or mp.isinf(points[-1])) and cut is None:
        raise ValueError("an infinite range needs a tail cut")
    eps = mp.mpf(2) ** (-prec)
    total: object = arb(0)
    error = mp.mpf(0)
    magnitude = arb(0)
    STATS["quadratures"] += 1
    for a, b in zip(points, points[1:]):
        results: list[arb] = []
        partial: object = arb(0)
        size = arb(0)
        err = mp.mpf(1)
        for m in range(MAX_LEVEL + 1):
            if measure is None:
                level, level_size = _piece_level_abs(f, nodes(a, b, m, prec, cut))
                size = level_size if m == 0 else size / 2 + level_size
            else:
                level = _piece_level(f, nodes(a, b, m, prec, cut))
            partial = level if m == 0 else partial / 2 + level  # type: ignore[operator]
            if not partial.is_finite():  # type: ignore[attr-defined]
                raise FloatingPointError("an integrand value is not finite (or its ball is unbounded)")
            results.append(m_of(partial))
            if m >= 1:
                err = _estimate(results, prec)
                if err <= eps * max(mp.mpf(1), bound(results[-1])):
                    break
        total = total + partial  # type: ignore[operator]
        error += err + bound(results[-1].rad())
        magnitude += size if measure is None else abs(results[-1].mid())
    return Quadrature(total, error, bound(magnitude))  # type: ignore[arg-type]
