"""``memo``: a density of an oracle remembering its values (shared by the ``oracle_*.py`` files).

The quadratures of one oracle evaluate the same densities at the same nodes over and over (the same
tanh-sinh nodes for every integral over the same pieces at the same precision), and a density is a pure
function, so each value is computed once per (argument, working precision).  Plain mpmath, no ganproof.
"""

from __future__ import annotations

from collections.abc import Callable

import mpmath
from mpmath import mpf

Fn = Callable[[mpf], mpf]


def memo(f: Fn) -> Fn:
    """``f`` remembering its values by argument and working precision (idempotent)."""
    if getattr(f, "remembers", False):
        return f
    cache: dict[tuple[mpf, int], mpf] = {}

    def remembered(x: mpf) -> mpf:
        key = (x, mpmath.mp.prec)
        value = cache.get(key)
        if value is None:
            value = cache[key] = f(x)
        return value

    remembered.remembers = True  # type: ignore[attr-defined]
    return remembered
