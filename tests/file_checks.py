"""Small files checked as a user's file would be (``ganproof.check_text``), for the regression tests of
steps that SymPy folds as it reads them (inf - inf, 0 * inf): each text is checked once per process."""

from __future__ import annotations

from functools import lru_cache

import ganproof
from ganproof.chain import Verdict

ACCEPTED = (Verdict.PROVED, Verdict.CONFIRMED)
DISJOINT = "%! density p on [0, 1]\n%! density q on [2, 3]\n"
"""Two densities with disjoint declared supports: KL(p || q) = +inf on every instance."""


@lru_cache(maxsize=None)
def checked(text: str) -> dict[int, tuple[Verdict, str]]:
    """{line: (verdict, reason)} of ``text`` checked as a file."""
    report = ganproof.check_text(text, jobs=1)
    return {s.line: (s.verdict, s.reason) for s in report.steps}


def block(*rows: str) -> str:
    """Each row in a display of its own."""
    return "".join(f"\\begin{{align*}}\n{r}\n\\end{{align*}}\n" for r in rows)
