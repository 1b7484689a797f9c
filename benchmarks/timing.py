"""Shared by the benchmark scripts: time ganproof's symbolic and numeric parts without changing ganproof.

``instrument(parts)`` wraps ``ganproof.chain.checker.certify`` and
``NumericChecker.check_chain`` in this process, so that every check adds into
``parts``: seconds in certification ("symbolic") and in numeric
cross-checking ("numeric"), and the row values computed ("rows"), computed in
ball arithmetic ("balls") and found already computed ("hits").  With worker
processes the numeric work runs there; the seconds are this process's share.
"""

from __future__ import annotations

import time
from typing import Any


def instrument(parts: dict[str, Any]) -> None:
    """Make every later check in this process add its timings and counts into ``parts``."""
    import ganproof.chain.checker as checker

    certify, check_chain = checker.certify, checker.NumericChecker.check_chain

    def add(key: str, amount: float) -> None:
        parts[key] = parts.get(key, 0) + amount

    def timed_certify(*args: Any, **kw: Any) -> Any:
        t = time.perf_counter()
        try:
            return certify(*args, **kw)
        finally:
            add("symbolic", time.perf_counter() - t)

    def counts(numeric: Any) -> dict[object, tuple[int, int, int]]:
        return {ctx: (ev.evaluations, ev.on_balls, ev.hits) for ctx, ev in numeric.evaluators.items()}

    def timed_check_chain(self: Any, *args: Any, **kw: Any) -> Any:
        t = time.perf_counter()
        before = counts(self)
        try:
            return check_chain(self, *args, **kw)
        finally:
            add("numeric", time.perf_counter() - t)
            for ctx, (rows, balls, hits) in counts(self).items():
                r0, b0, h0 = before.get(ctx, (0, 0, 0))
                add("rows", rows - r0)
                add("balls", balls - b0)
                add("hits", hits - h0)

    checker.certify = timed_certify
    checker.NumericChecker.check_chain = timed_check_chain
