"""A quantifier in front of a formula, a composition applied to an argument, and an arrow row between two rows
of a chain (issue 14: each stopped a real derivation, course notes on the variational f-divergence)."""

from __future__ import annotations

import pytest

from ganproof.chain import Verdict
from ganproof.errors import InputError
from ganproof.reader.document import read_text
from tests.file_checks import ACCEPTED, block, checked


def test_regression_a_leading_forall_was_an_input_error() -> None:
    text = block("\\forall p, q, KL(p \\| q) \\ge 0")
    assert checked(text)[2][0] in ACCEPTED
    assert any("quantifier" in m.message for m in read_text(text).warnings)


def test_a_wrong_formula_after_a_quantifier_is_refuted() -> None:
    assert checked(block("\\forall a, b, a + b = b + 2 a"))[2][0] is Verdict.REFUTED


def test_a_forall_with_no_formula_after_it_stays_an_error() -> None:
    with pytest.raises(InputError, match="forall"):
        read_text(block("\\forall x > 0 \\quad x^2 > 0"))


def test_regression_a_composition_was_an_unknown_command() -> None:
    row = "\\mathbb{E}_{z \\sim p_z}[\\log(1 - D \\circ G(z))] &= \\mathbb{E}_{z \\sim p_z}[\\log(1 - D(G(z)))]"
    assert checked(block(row))[2][0] in ACCEPTED


def test_a_composition_is_the_outer_function_at_the_inner_value_not_the_reverse() -> None:
    assert checked(block("f \\circ g \\circ h(x) &= f(g(h(x)))"))[2][0] in ACCEPTED
    assert checked(block("f \\circ g(x) &= g(f(x))"))[2][0] is Verdict.REFUTED


def test_a_composition_with_nothing_after_it_is_an_input_error() -> None:
    with pytest.raises(InputError, match="composes two functions"):
        read_text(block("f \\circ &= f"))


def test_regression_an_arrow_row_between_two_rows_stopped_the_chain() -> None:
    steps = checked(block("&2a = a + a \\\\\n&\\Downarrow_{T(x) = \\arg \\sup_t [t - 1]} \\\\\n&= 2a + 0"))
    assert steps[2][0] in ACCEPTED
    assert steps[4][0] in ACCEPTED


def test_regression_a_sum_without_an_index_was_an_input_error() -> None:
    assert checked(block("KL(p \\| q) &= \\sum{p(x) \\log \\frac{p(x)}{q(x)}}"))[2][0] in ACCEPTED
    assert checked(block("KL(p \\| q) &= \\sum{q(x) \\log \\frac{p(x)}{q(x)}}"))[2][0] is Verdict.REFUTED


def test_regression_the_variable_before_a_bracket_was_an_unknown_function() -> None:
    assert checked(block("x(1 - x) &= x - x^2"))[2][0] in ACCEPTED
    assert checked(block("x(1 - x) &= x + x^2"))[2][0] is Verdict.REFUTED
