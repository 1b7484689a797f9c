"""A row of words only inside a display (\\text{The first term is independent of $\\theta$, so} \\\\) is
commentary: it is no row of the chain, and the next row continues from the row before it."""

from __future__ import annotations

import pytest

from ganproof.reader.check import check_document
from ganproof.reader.document import _words_only, read_text

TEXT = ("$$\n\\begin{align*}\n"
        "2 a &= a + a \\\\\n"
        "\\text{The first term is} & \\text{independent of $\\theta$, so} \\\\\n"
        "&= a + a + 0\n"
        "\\end{align*}\n$$\n")


def test_a_words_only_row_is_commentary_and_the_chain_goes_on() -> None:
    doc = read_text(TEXT)
    report = check_document(doc)
    assert [(s.line, s.verdict.value) for s in report.steps] == [(3, "proved"), (5, "proved")]
    assert not doc.errors
    assert any("holds only words" in m.message and m.line == 4 for m in doc.assumptions)


@pytest.mark.parametrize("row, words", [
    (r"\text{so} \quad", True),
    (r"& \text{(by Jensen)} ,", True),
    (r"\text{so} = a", False),
    (r"&= \text{const} + a", False),
    ("", False),
])
def test_words_only(row: str, words: bool) -> None:
    assert _words_only(row) is words
