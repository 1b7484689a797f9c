"""A density declared on a half-line (``%! density p on [0, \\infty)``): read, kept, and honoured by the numbers."""

from __future__ import annotations

import pytest
import sympy as sp

from ganproof.chain import Verdict
from ganproof.errors import InputError
from ganproof.reader.document import read_text
from tests.file_checks import block, checked


@pytest.mark.parametrize("written, lower, upper", [
    ("[0, \\infty)", sp.Integer(0), sp.oo),
    ("[0, \\infty]", sp.Integer(0), sp.oo),
    ("[0.5, +\\infty)", sp.Rational(1, 2), sp.oo),
    ("(-\\infty, 1]", -sp.oo, sp.Integer(1)),
    ("[-\\infty, -2]", -sp.oo, sp.Integer(-2)),
    ("(-\\infty, \\infty)", -sp.oo, sp.oo),
])
def test_regression_half_line_support_was_an_input_error(written: str, lower: sp.Expr, upper: sp.Expr) -> None:
    doc = read_text(f"%! density p on {written}\n" + block("\\int p(x) dx &= 1"))
    support = doc.context.density("p").support
    assert (support.lower, support.upper) == (lower, upper)


@pytest.mark.parametrize("written", ["(0, \\infty)", "[\\infty, 0]", "[0, -\\infty)"])
def test_a_half_line_with_an_open_finite_end_or_the_wrong_order_is_an_input_error(written: str) -> None:
    with pytest.raises(InputError, match="a half-line"):
        read_text(f"%! density p on {written}\n" + block("\\int p(x) dx &= 1"))


def test_the_numbers_honour_a_half_line() -> None:
    steps = checked("%! density p on [0, \\infty)\n" + block(
        "\\int_{-1}^{0} p(x) dx &= 0",
        "\\int_{1}^{\\infty} p(x) dx &= 0",
        "\\mathbb{E}_{x \\sim p}[x] &\\le 0"))
    assert steps[3][0] in (Verdict.PROVED, Verdict.CONFIRMED)
    assert steps[6][0] is Verdict.REFUTED
    assert steps[9][0] is Verdict.REFUTED
