"""\\log before a number and constants written beside it: the log of their product (issue 14).

A Q&A derivation of the KL divergence of two Gaussians writes -\\frac12 \\log 2\\pi\\sigma_2^2; read as
(\\log 2) \\pi \\sigma_2^2 its true step was refuted."""

from __future__ import annotations

import pytest
import sympy as sp

from ganproof.reader.document import read_text


def first_side(row: str) -> sp.Expr:
    doc = read_text("\\begin{equation}\n" + row + "\n\\end{equation}\n")
    return doc.chains[0].points[0].side.expr


@pytest.mark.parametrize("row, expected", [
    (r"\log 2\pi{\sigma_{2}}^{2} = 1", "log(2*pi*sigma_2**2)"),
    (r"\frac12 \log 2 \pi e \sigma^2 = 1", "log(2*E*pi*sigma**2)/2"),
    (r"\log 2 \pi = 1", "log(2*pi)"),
])
def test_a_number_and_constants_after_log_are_one_argument(row: str, expected: str) -> None:
    assert str(first_side(row)) == expected


@pytest.mark.parametrize("row, expected", [
    (r"\log 2 + a = 1", "a + log(2)"),
    (r"\log 2 D(x) = 1", "D(x)*log(2)"),      # a function after the number: the log of the number
    (r"2 \log 2 x = 1", "2*x*log(2)"),        # the variable
    (r"\log 2 \cdot \pi = 1", "pi*log(2)"),   # an operator between them
])
def test_a_number_alone_after_log_stays_the_log_of_the_number(row: str, expected: str) -> None:
    assert str(first_side(row)) == expected


def test_the_reading_is_said() -> None:
    doc = read_text("\\begin{equation}\n\\log 2\\pi\\sigma^2 = 1\n\\end{equation}\n")
    assert any("read as the log of their product" in m.message for m in doc.warnings + doc.assumptions)
