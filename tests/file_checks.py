"""Small files checked as a user's file would be (``ganproof.check_text``), for the regression tests of
steps that SymPy folds as it reads them (inf - inf, 0 * inf): each text is checked once per process."""

from __future__ import annotations

from functools import lru_cache

import ganproof
from ganproof.chain import Verdict
from ganproof.reader.check import check_document
from ganproof.reader.document import read_text

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


def verdicts(text: str) -> list[tuple[str, str]]:
    """(verdict, reason) of each step of ``text``, read and checked in this process with the reader's defaults."""
    return [(s.verdict.value, s.reason) for s in check_document(read_text(text)).steps]
