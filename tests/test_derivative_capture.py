"""Capture-avoiding substitution under a derivative (reader/substitute.py).  The variable of d/dx is free in
the derivative's value: k(t) = d/dx (x t)^2 is 2 x t^2, so k(x) = 2 x^3.  Substituting t = x under the
derivative gave d/dx (x x)^2 = 4 x^3, and k(x) = 4 x^3 was proved."""

from __future__ import annotations

import pytest
import sympy as sp

from ganproof.reader.check import check_document
from ganproof.reader.document import read_text
from ganproof.reader.substitute import substitute

x, t = sp.symbols("x t", real=True)


def test_regression_substituting_the_derivative_variable_into_a_derivative_captured_it() -> None:
    got = substitute(sp.Derivative((x * t) ** 2, x), {t: x})
    assert sp.simplify(got.doit() - 2 * x ** 3) == 0


def test_a_derivative_that_the_argument_does_not_reach_is_left_as_written() -> None:
    d = sp.Derivative((x * t) ** 2, x)
    assert substitute(d, {t: sp.Integer(3)}) == sp.Derivative((3 * x) ** 2, x)


def test_a_derivative_of_an_unknown_function_that_would_capture_is_refused() -> None:
    D = sp.Function("D")
    with pytest.raises(ValueError, match="would capture"):
        substitute(sp.Derivative(D(x) * t, x, 2) + sp.Derivative(D(x, t), x), {t: x})


def test_regression_k_of_x_is_2_x_cubed() -> None:
    text = "$$ k(t) = \\frac{d}{dx} (x t)^2 $$\n\n$$ k(x) = 4 x^3 $$\n\n$$ k(x) = 2 x^3 $$\n"
    assert [s.verdict.value for s in check_document(read_text(text)).steps] == ["refuted", "proved"]
