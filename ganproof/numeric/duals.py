"""Values that carry a second number through the ball kernels: duals and pairs.

:class:`Dual` gives the exact derivative of a concrete closed-form function;
:class:`Pair` computes a function at two points in one pass (the two sides of
a difference quotient of quadratures).

A :class:`Dual` is a value and a derivative, v + d eps with eps^2 = 0.  The
ball families and the ball compiler only use arithmetic, ``exp``, ``log``,
``log1p``, ``sqrt``, ``asinh``, ``sinh``, ``tanh``, powers, ``mid`` and
comparisons, so a dual bound to one variable flows through them unchanged
(arb returns NotImplemented for a foreign operand, so ``2 * dual`` reaches
``Dual.__rmul__``), and the result's ``d`` is the derivative of the concrete
function in that variable, with a rigorous ball around its rounding error
and no truncation error at all.

This differentiates a closed-form integrand at one point.  It is never used
through an integral sign: d/dtheta of an integral is a difference quotient
of quadratures (:meth:`ganproof.numeric.compile_ball.BallCompiler._derivative`),
because moving the derivative inside is what the ``leibniz`` rule claims and
the numbers must check.

>>> x = Dual(arb(2), arb(1))
>>> (x * x).d         # d/dx x^2 at 2
4.00000000000000
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from flint import arb

def _lift(o: object) -> Dual:
    return o if isinstance(o, Dual) else Dual(o if isinstance(o, arb) else arb(o), arb(0))  # type: ignore[arg-type]


class Dual:
    """v + d eps, eps^2 = 0, with arb parts."""

    __slots__ = ("v", "d")

    def __init__(self, v: arb, d: arb) -> None:
        self.v = v
        self.d = d

    def __repr__(self) -> str:
        return f"Dual({self.v}, {self.d})"

    # --- arithmetic ---------------------------------------------------------
    def __add__(self, o: object) -> Dual:
        if isinstance(o, Dual):
            return Dual(self.v + o.v, self.d + o.d)
        return Dual(self.v + o, self.d)  # type: ignore[operator]

    __radd__ = __add__

    def __neg__(self) -> Dual:
        return Dual(-self.v, -self.d)

    def __pos__(self) -> Dual:
        return Dual(+self.v, +self.d)

    def __sub__(self, o: object) -> Dual:
        if isinstance(o, Dual):
            return Dual(self.v - o.v, self.d - o.d)
        return Dual(self.v - o, self.d)  # type: ignore[operator]

    def __rsub__(self, o: object) -> Dual:
        return Dual(o - self.v, -self.d)  # type: ignore[operator]

    def __mul__(self, o: object) -> Dual:
        if isinstance(o, Dual):
            return Dual(self.v * o.v, self.d * o.v + self.v * o.d)
        return Dual(self.v * o, self.d * o)  # type: ignore[operator]

    __rmul__ = __mul__

    def __truediv__(self, o: object) -> Dual:
        if isinstance(o, Dual):
            inv = 1 / o.v
            return Dual(self.v * inv, (self.d * o.v - self.v * o.d) * inv * inv)
        return Dual(self.v / o, self.d / o)  # type: ignore[operator]

    def __rtruediv__(self, o: object) -> Dual:
        inv = 1 / self.v
        value = o * inv  # type: ignore[operator]
        return Dual(value, -value * inv * self.d)

    def __pow__(self, e: object) -> Dual:
        if isinstance(e, Dual):
            return (e * self.log()).exp()
        if isinstance(e, int):
            if e == 0:
                return Dual(arb(1), arb(0))
            return Dual(self.v ** e, e * self.v ** (e - 1) * self.d)
        return Dual(self.v ** e, e * self.v ** (e - 1) * self.d)  # type: ignore[operator]

    def __rpow__(self, b: object) -> Dual:
        return (self * _lift(b).v.log()).exp()

    # --- functions (the arb method names) -------------------------------------
    def exp(self) -> Dual:
        e = self.v.exp()
        return Dual(e, e * self.d)

    def log(self) -> Dual:
        return Dual(self.v.log(), self.d / self.v)

    def log1p(self) -> Dual:
        return Dual(self.v.log1p(), self.d / (1 + self.v))

    def sqrt(self) -> Dual:
        s = self.v.sqrt()
        return Dual(s, self.d / (2 * s))

    def asinh(self) -> Dual:
        return Dual(self.v.asinh(), self.d / (1 + self.v * self.v).sqrt())

    def sinh(self) -> Dual:
        return Dual(self.v.sinh(), self.v.cosh() * self.d)

    def tanh(self) -> Dual:
        t = self.v.tanh()
        return Dual(t, (1 - t * t) * self.d)

    # --- what branches and checks look at: the value ---------------------------
    def mid(self) -> arb:
        return self.v.mid()

    def is_finite(self) -> bool:
        return bool(self.v.is_finite() and self.d.is_finite())

    def __lt__(self, o: object) -> bool:
        return bool(self.v < _lift(o).v)

    def __le__(self, o: object) -> bool:
        return bool(self.v <= _lift(o).v)

    def __gt__(self, o: object) -> bool:
        return bool(self.v > _lift(o).v)

    def __ge__(self, o: object) -> bool:
        return bool(self.v >= _lift(o).v)

    __hash__ = None  # type: ignore[assignment]


def derivative_of(value: object) -> arb:
    """The derivative part of a body's value: 0 when the body did not depend on the variable."""
    return value.d if isinstance(value, Dual) else arb(0)




class Pair:
    """Two values carried through the same computation, componentwise: f(theta + h) and f(theta - h).

    A derivative of an integral is a difference quotient of two quadratures;
    bound to a pair, the variable makes one quadrature compute both on the
    same nodes and levels, and the levels stop when the *quotient* has
    converged (see :func:`ganproof.numeric.balls.tanh_sinh`'s ``measure``).
    Branches look at the first value; each branch is an exact formula for
    every argument, so the second value is right either way.
    """

    __slots__ = ("a", "b")

    def __init__(self, a: arb, b: arb) -> None:
        self.a = a
        self.b = b

    def __repr__(self) -> str:
        return f"Pair({self.a}, {self.b})"

    def _map(self, name: str) -> Pair:
        return Pair(getattr(self.a, name)(), getattr(self.b, name)())

    def __add__(self, o: object) -> Pair:
        if isinstance(o, Pair):
            return Pair(self.a + o.a, self.b + o.b)
        return Pair(self.a + o, self.b + o)  # type: ignore[operator]

    __radd__ = __add__

    def __neg__(self) -> Pair:
        return Pair(-self.a, -self.b)

    def __pos__(self) -> Pair:
        return Pair(+self.a, +self.b)

    def __sub__(self, o: object) -> Pair:
        if isinstance(o, Pair):
            return Pair(self.a - o.a, self.b - o.b)
        return Pair(self.a - o, self.b - o)  # type: ignore[operator]

    def __rsub__(self, o: object) -> Pair:
        return Pair(o - self.a, o - self.b)  # type: ignore[operator]

    def __mul__(self, o: object) -> Pair:
        if isinstance(o, Pair):
            return Pair(self.a * o.a, self.b * o.b)
        return Pair(self.a * o, self.b * o)  # type: ignore[operator]

    __rmul__ = __mul__

    def __truediv__(self, o: object) -> Pair:
        if isinstance(o, Pair):
            return Pair(self.a / o.a, self.b / o.b)
        return Pair(self.a / o, self.b / o)  # type: ignore[operator]

    def __rtruediv__(self, o: object) -> Pair:
        return Pair(o / self.a, o / self.b)  # type: ignore[operator]

    def __pow__(self, e: object) -> Pair:
        if isinstance(e, Pair):
            return Pair(self.a ** e.a, self.b ** e.b)
        return Pair(self.a ** e, self.b ** e)  # type: ignore[operator]

    def __rpow__(self, base: object) -> Pair:
        return Pair(base ** self.a, base ** self.b)  # type: ignore[operator]

    def exp(self) -> Pair:
        return self._map("exp")

    def log(self) -> Pair:
        return self._map("log")

    def log1p(self) -> Pair:
        return self._map("log1p")

    def sqrt(self) -> Pair:
        return self._map("sqrt")

    def asinh(self) -> Pair:
        return self._map("asinh")

    def sinh(self) -> Pair:
        return self._map("sinh")

    def tanh(self) -> Pair:
        return self._map("tanh")

    def mid(self) -> arb:
        return self.a.mid()

    def abs_upper(self) -> arb:
        return max(self.a.abs_upper(), self.b.abs_upper())

    def is_finite(self) -> bool:
        return bool(self.a.is_finite() and self.b.is_finite())

    # an order holds of a pair when it holds of both values
    def _both(self, o: object, order: Callable[[Any, Any], Any]) -> bool:
        other = o if isinstance(o, Pair) else Pair(o, o)  # type: ignore[arg-type]
        return bool(order(self.a, other.a) and order(self.b, other.b))

    def __lt__(self, o: object) -> bool:
        return self._both(o, operator.lt)

    def __le__(self, o: object) -> bool:
        return self._both(o, operator.le)

    def __gt__(self, o: object) -> bool:
        return self._both(o, operator.gt)

    def __ge__(self, o: object) -> bool:
        return self._both(o, operator.ge)

    __hash__ = None  # type: ignore[assignment]


def pair_quotient(value: object, h_exp: int) -> arb:
    """(a - b) / 2h for a pair (a, b) = (f(v + h), f(v - h)), h = 2^-h_exp; 0 for a value that is no pair."""
    if isinstance(value, Pair):
        return (value.a - value.b) * arb(2) ** (h_exp - 1)
    return arb(0)


__all__ = ["Dual", "Pair", "derivative_of", "pair_quotient"]
