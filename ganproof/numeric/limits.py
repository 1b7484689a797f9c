"""Time limits, so that no step can hang a check.

A row evaluation or a symbolic search that runs over its limit is stopped by a
SIGALRM timer (the numeric layer and SymPy are pure Python here, so the signal
lands between bytecodes); the step becomes ``unknown: timed out`` and the check
goes on.  Where no timer is available (not the main thread, or no setitimer),
the limit is not enforced.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


def _seconds(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, default))
    except ValueError:
        return default
    return value if value > 0 else default


ROW_SECONDS = _seconds("GANPROOF_ROW_SECONDS", 120.0)
"""Limit for one row on one instance at one precision (GANPROOF_ROW_SECONDS)."""

SEARCH_SECONDS = _seconds("GANPROOF_SEARCH_SECONDS", 60.0)
"""Limit for the symbolic search of one step (GANPROOF_SEARCH_SECONDS)."""


class TimedOut(Exception):
    """Raised inside a :func:`time_limit` block when its time is up."""


def can_limit() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TimedOut in the block after ``seconds`` (wall clock); nested limits keep the outer one."""
    if not can_limit() or signal.getitimer(signal.ITIMER_REAL)[0] > 0:
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise TimedOut(f"timed out after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
