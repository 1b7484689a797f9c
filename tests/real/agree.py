"""``close`` and ``far``: when two values an oracle computed agree, or clearly differ (shared by the
``oracle_*.py`` files that import it).  Plain mpmath, no ganproof.

A true step's sides must agree to ``TOL`` relative to their size; a false step's must differ by more than
``FAR``: a step between the two is decided by neither, and its oracle says so instead of guessing.
"""

from __future__ import annotations

from mpmath import mpf

DPS = 30
TOL = mpf("1e-20")
FAR = mpf("1e-3")


def close(a: mpf, b: mpf) -> bool:
    return abs(a - b) <= TOL * max(1, abs(a), abs(b))


def far(a: mpf, b: mpf) -> bool:
    return abs(a - b) > FAR * max(1, abs(a), abs(b))
