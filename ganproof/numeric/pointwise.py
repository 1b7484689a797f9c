"""Where a refuted step goes wrong, pointwise: the integrand of its two sides' difference on the instance.

A refutation says *that* two sides differ on an instance and by how much.  When both sides are integrals
over one variable (the usual case in this mathematics: expectations, KL and JSD written out), their
difference merges into one integral (:func:`ganproof.numeric.evaluate.prepare`), and the integrand of that
integral says *where* they differ.  A reader would rather look than read: the reports draw this curve under
the step (:func:`ganproof.reports.plots.counterexample_plot`), marked where the difference is largest.

Only the shape is given here, sampled at a modest precision (the curve is for the eye; the refutation was
decided by the checker at full precision, never by this curve), under a time limit: a step whose difference
is not one integral over one variable, or whose integrand cannot be sampled in time, has no curve.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import mpmath as mp
import sympy as sp

from ganproof.numeric import limits
from ganproof.numeric.compile import Compiler, NumericFailure
from ganproof.numeric.evaluate import prepare
from ganproof.numeric.instances import Instance
from ganproof.vocabulary.context import Context

POINTS = 161
"""Sample points of a curve (odd, so that a symmetric range has its middle)."""
DPS = 15
"""Working digits of the samples: enough for a picture."""
SECONDS = 2.0
"""The time one curve may take; beyond it the step has no curve."""


@dataclass(frozen=True)
class DifferenceCurve:
    """The integrand of (left side - right side) over the integration variable, sampled on an instance.

    ``xs`` and ``ys`` are floats (for plotting); ``largest_at`` is the sample where ``|ys|`` is largest.
    ``integral`` is the integral's range as written, as text (``-oo``, ``oo`` for the real line); ``xs``
    covers the part of it where the instance's densities hold their mass.
    """

    variable: str
    xs: tuple[float, ...]
    ys: tuple[float, ...]
    largest_at: float
    lower: str
    upper: str

    @property
    def largest(self) -> float:
        """The difference of the integrands at :attr:`largest_at`."""
        return self.ys[self.xs.index(self.largest_at)]

    def to_json(self) -> dict[str, object]:
        return {"variable": self.variable, "x": list(self.xs), "y": list(self.ys),
                "largest_at": self.largest_at, "range": [self.lower, self.upper]}


def single_integral(expr: sp.Expr) -> tuple[sp.Expr, sp.Symbol, sp.Expr, sp.Expr] | None:
    """``(integrand, variable, lower, upper)`` when ``expr`` is one integral over one variable (times a
    number), else None.  A constant factor scales the integrand."""
    factor, rest = (expr.as_coeff_Mul() if isinstance(expr, sp.Mul) else (sp.Integer(1), expr))
    if not isinstance(rest, sp.Integral) or len(rest.limits) != 1 or len(rest.limits[0]) != 3:
        return None
    var, lo, hi = rest.limits[0]
    if rest.function.has(sp.Integral) or not (lo.is_number and hi.is_number):
        return None
    if sp.Gt(lo, hi) is sp.true:
        lo, hi, factor = hi, lo, -factor
    return factor * rest.function, var, lo, hi


EDGE = 0.01
"""A window on the real line grows until the difference at its edges is below this share of its largest value."""
GROWTHS = 12
"""At most this many doublings of a window on the real line."""


def _window(compiler: Compiler, lo: sp.Expr, hi: sp.Expr, body: sp.Expr,
            f: Callable[[mp.mpf], mp.mpf]) -> tuple[mp.mpf, mp.mpf] | None:
    """The part of (lo, hi) to draw: the whole range when finite; on a half-line or the real line, a window
    around the densities' modes and means that grows until the difference has fallen off at its edges."""
    a = mp.mpf(float(lo)) if lo.is_finite else mp.ninf
    b = mp.mpf(float(hi)) if hi.is_finite else mp.inf
    if mp.isfinite(a) and mp.isfinite(b):
        return a, b
    inner = [p for p in compiler.domain(lo, hi, body).points if mp.isfinite(p)] or [mp.mpf(0)]
    c_lo, c_hi = min(inner) - 1, max(inner) + 1
    for _ in range(GROWTHS):
        c_lo, c_hi = max(a, c_lo), min(b, c_hi)
        probe = [c_lo + (c_hi - c_lo) * k / 32 for k in range(33)]
        top = max(abs(f(x)) for x in probe)
        open_lo = mp.isinf(a) and abs(f(c_lo)) > EDGE * top
        open_hi = mp.isinf(b) and abs(f(c_hi)) > EDGE * top
        if not (open_lo or open_hi):
            break
        width = c_hi - c_lo
        c_lo, c_hi = (c_lo - width / 2 if open_lo else c_lo), (c_hi + width / 2 if open_hi else c_hi)
    return (c_lo, c_hi) if c_lo < c_hi else None


def _written_variable(lhs: sp.Expr, rhs: sp.Expr) -> str | None:
    """The variable the person integrates over, when every integral of the step uses the same one (the
    checker renames bound variables canonically before it merges the sides)."""
    names = {lim[0].name for e in (lhs, rhs) for i in e.atoms(sp.Integral) for lim in i.limits}
    return names.pop() if len(names) == 1 else None


def difference_curve(lhs: sp.Expr, rhs: sp.Expr, ctx: Context, inst: Instance,
                     points: int = POINTS) -> DifferenceCurve | None:
    """The curve of a step's difference on ``inst``, or None when it is not one integral over one variable
    or cannot be sampled (a failure, a non-finite value, the time limit)."""
    try:
        with limits.time_limit(SECONDS), mp.workdps(DPS):
            found = single_integral(prepare(sp.Add(lhs, -rhs), ctx))
            if found is None:
                return None
            body, var, lo, hi = found
            compiler = Compiler(inst)
            compiled = compiler.compile(body)

            def f(x: mp.mpf) -> mp.mpf:
                y = compiled({var: x})
                if not isinstance(y, mp.mpf) or not mp.isfinite(y):
                    raise NumericFailure("the difference has no finite real value at a point")
                return y

            window = _window(compiler, lo, hi, body, f)
            if window is None:
                return None
            a, b = window
            xs = [a + (b - a) * k / (points - 1) for k in range(points)]
            ys = []
            deadline = time.monotonic() + SECONDS  # also within a step's budget, whose timer is the outer one
            for x in xs:
                if time.monotonic() > deadline:
                    return None
                ys.append(float(f(x)))
    except (limits.TimedOut, NumericFailure, ZeroDivisionError, OverflowError, ValueError, TypeError):
        return None
    fx = [float(x) for x in xs]
    k = max(range(points), key=lambda i: abs(ys[i]))
    return DifferenceCurve(_written_variable(lhs, rhs) or "x", tuple(fx), tuple(ys), fx[k], str(lo), str(hi))
