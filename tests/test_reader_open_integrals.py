"""An integral with no differential spans the terms after it that hold its variable (issue 14): course notes
wrote ``\\int_x p_1(x) \\log(...) + p_0 \\log(...)`` with no dx, and the second term was left outside the
integral, its x free, so a true step was refuted.  And ``p_1(\\log 2 + \\log \\frac{p_1(x)}{...})`` is p_1 times
the bracket, not p_1 at a point."""

from __future__ import annotations

from ganproof.chain import Verdict
from ganproof.reader.document import read_text
from tests.file_checks import ACCEPTED, block, checked

ROW = ("KL(p \\| q) + KL(q \\| p) &= \\int_x p(x) \\log \\frac{p(x)}{q(x)} "
       "+ q(x) \\log \\frac{q(x)}{p(x)}")


def test_regression_an_integral_without_dx_left_the_next_term_outside() -> None:
    steps = checked(block(ROW))
    assert steps[2][0] in ACCEPTED
    assert any("has no differential" in m.message for m in read_text(block(ROW)).warnings)


def test_a_wrong_row_with_an_integral_without_dx_is_refuted() -> None:
    wrong = ROW.replace("q(x) \\log \\frac{q(x)}{p(x)}", "2 q(x) \\log \\frac{q(x)}{p(x)}")
    assert checked(block(wrong))[2][0] is Verdict.REFUTED


def test_an_integral_with_its_differential_keeps_its_span() -> None:
    doc = read_text(block("\\int_0^1 x \\, dx + x &= \\frac{1}{2} + x"))
    assert not any("has no differential" in m.message for m in doc.warnings)
    assert checked(block("\\int_0^1 x \\, dx + x &= \\frac{1}{2} + x"))[2][0] in ACCEPTED


def test_a_term_without_the_variable_stays_outside() -> None:
    # read over the sum, the integral would be 2
    assert checked(block("\\int_{-1}^{1} x + 1 &= 1"))[2][0] in ACCEPTED


def test_regression_a_density_before_a_bracket_of_values_was_read_at_a_point() -> None:
    text = block("\\int p(\\log 2 + \\log p(x)) dx &= \\log 2 + \\int p(x) \\log p(x) dx")
    assert checked(text)[2][0] in ACCEPTED
    assert any("times the bracket" in m.message for m in read_text(text).assumptions + read_text(text).warnings)


def test_a_row_whose_every_side_holds_x_keeps_the_narrow_reading() -> None:
    doc = read_text(block("\\int_0^1 x + x &= \\frac{1}{2} + x"))
    assert not any("has no differential" in m.message for m in doc.warnings)
    assert checked(block("\\int_0^1 x + x &= \\frac{1}{2} + x"))[2][0] in ACCEPTED
