"""Time limits, so that no step can hang a check.

A row evaluation or a symbolic search that runs over its limit is stopped by a
SIGALRM timer (the numeric layer and SymPy are pure Python here, so the signal
lands between bytecodes); the step becomes ``unknown: timed out`` and the check
goes on.  Where no timer is available (not the main thread, or no setitimer),
the limit is not enforced.

Besides the limit of one row, the whole numeric work of a step (every row on
every instance at every precision, its re-checks and precision raises) runs
under one :func:`budget`: a deadline that every row evaluation started inside
it respects (:func:`row_seconds`), also in forked workers, which inherit it.
A row started after the deadline is not evaluated at all: it is timed out.
A file's check runs under one more budget (:data:`FILE_SECONDS`), which cuts the budget of each of
its steps and its symbolic searches (:func:`search_seconds`).
"""

from __future__ import annotations

import os
import signal
import threading
import time
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


STEP_SECONDS = _seconds("GANPROOF_STEP_SECONDS", 120.0)
"""Limit for the whole numeric work of one step (GANPROOF_STEP_SECONDS)."""

FILE_SECONDS = _seconds("GANPROOF_FILE_SECONDS", 900.0)
"""Limit for the whole checking work of one file (GANPROOF_FILE_SECONDS): every step's budget and every
symbolic search is cut to what it leaves, so a file with many slow steps ends (its late steps unknown,
timed out) instead of running past a caller's timeout."""

_DEADLINE: float | None = None
"""The monotonic time at which the innermost :func:`budget` ends (None: no budget in force)."""


@contextmanager
def budget(seconds: float) -> Iterator[None]:
    """A deadline ``seconds`` from now for all the numeric work in the block.

    Nested budgets keep the earlier deadline: an inner budget never extends an outer one.
    """
    global _DEADLINE
    saved = _DEADLINE
    end = time.monotonic() + seconds
    if saved is None or end < saved:
        _DEADLINE = end
    try:
        yield
    finally:
        _DEADLINE = saved


def remaining() -> float:
    """Seconds left before the deadline of the budget in force (infinity without one)."""
    return float("inf") if _DEADLINE is None else _DEADLINE - time.monotonic()


def row_seconds() -> float:
    """The time one row evaluation may take now: ROW_SECONDS, cut to what the budget leaves.

    Zero or less means the budget is spent: the row is not to be started.
    """
    return min(ROW_SECONDS, remaining())


def search_seconds() -> float:
    """The time one symbolic search may take now: SEARCH_SECONDS, cut to what the budget leaves."""
    return min(SEARCH_SECONDS, remaining())


REFIRE_SECONDS = 0.25
"""How soon a time limit's alarm fires again when the block has not ended after it (see :func:`time_limit`)."""


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

    done = [False]

    def expire(signum: int, frame: FrameType | None) -> None:
        if not done[0]:
            raise TimedOut(f"timed out after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    # the timer fires again every REFIRE_SECONDS until the block ends: a TimedOut raised where Python cannot
    # propagate it (inside a garbage-collector callback, a __del__) is only printed as unraisable, and the
    # block would run on without a limit
    signal.setitimer(signal.ITIMER_REAL, seconds, REFIRE_SECONDS)
    try:
        yield
    finally:
        while True:  # a late alarm during the disarming is caught here, never raised past the block's own exit
            try:
                done[0] = True
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
                break
            except TimedOut:
                continue
