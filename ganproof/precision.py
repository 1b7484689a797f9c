"""The precision a check runs at by default, and the range it may be asked for.

Kept free of SymPy so that the command line's help and option checks read it without the checker.
"""

from __future__ import annotations

DEFAULT_DPS = 30
"""Significant digits the two sides of a step must agree to."""
DEFAULT_INSTANCES = 3
"""Concrete instances per step."""

MIN_DPS, MAX_DPS = 5, 200
"""The digits a check may be asked for."""

MAX_INSTANCES = 8
"""The most instances a user may ask for per step (``--instances``), and the pool of spare instances a
check draws from when both sides diverge on one.  :func:`instances_for` itself draws any number: a
step without a certificate may be checked on more instances than this."""

__all__ = ["DEFAULT_DPS", "DEFAULT_INSTANCES", "MAX_DPS", "MAX_INSTANCES", "MIN_DPS"]
