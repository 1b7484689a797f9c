"""A clause ``where m = ...`` after a row's formula defines the name the formula uses (issue 14, definitions
where people put them): left out, ``m`` was any number and the definition of JSD by ``KL(p \\| m)`` with
``\\text{where $m = \\frac{p+q}{2}$}`` (a real derivation's first row) was refuted."""

from __future__ import annotations

import pytest

from ganproof.chain import Verdict
from ganproof.reader.document import read_text
from tests.file_checks import ACCEPTED, block, checked

JSD = "JSD(p \\| q) &= \\frac{1}{2} KL(p \\| m) + \\frac12 KL(q \\| m)"


@pytest.mark.parametrize("clause", [
    ", \\text{where $m = \\frac{p+q}{2}$}",
    ", \\text{ where } m = \\frac{p+q}{2}",
    ", where m = \\frac{p + q}{2}",
    " \\quad \\text{with } m = \\frac{1}{2}(p + q)",
])
def test_regression_a_where_clause_was_left_out_and_its_name_read_as_any_number(clause: str) -> None:
    text = block(JSD + clause)
    assert checked(text)[2][0] in ACCEPTED
    assert any("read as the definition of m" in m.message for m in read_text(text).assumptions)


def test_a_wrong_row_with_a_where_clause_is_refuted() -> None:
    steps = checked(block("JSD(p \\| q) &= KL(p \\| m), \\text{ where } m = \\frac{p+q}{2}"))
    assert steps[2][0] is Verdict.REFUTED


def test_the_definition_holds_in_the_rows_below() -> None:
    steps = checked(block(JSD + ", \\text{ where } m = \\frac{p+q}{2}") + block("KL(p \\| m) &\\ge 0"))
    assert steps[5][0] in ACCEPTED


def test_a_clause_about_a_name_the_formula_does_not_use_stays_a_remark() -> None:
    doc = read_text(block("a + b &= b + a, \\text{ where } c = 2"))
    assert not any("definition of c" in m.message for m in doc.assumptions)
    assert any("left out" in m.message for m in doc.warnings)


def test_a_clause_about_a_name_used_before_stays_a_remark() -> None:
    """Not a definition of c (c is used before): a condition the checker leaves out, so the step, which holds
    under it, is unknown, not refuted on a c the condition excludes."""
    text = block("c^2 &= c \\cdot c") + block("c^2 &= 4, \\text{ where } c = 2")
    assert checked(text)[5][0] is Verdict.UNKNOWN


def test_a_condition_after_where_stays_a_condition() -> None:
    doc = read_text(block("\\log(x^2) &= 2 \\log x, \\text{ where } x > 0"))
    assert not any("read as the definition" in m.message for m in doc.assumptions)


def test_regression_a_name_defined_in_words_gave_a_refutation_with_any_value() -> None:
    text = block("2 \\mu &= \\mu + 1") + "where $\\mu$ is the true (population) mean.\n"
    steps = checked(text)
    assert steps[2][0] is Verdict.UNKNOWN
    assert "which the checker cannot read" in steps[2][1]


@pytest.mark.parametrize("words", ["where $\\mu$ is any constant.", "where $\\mu$ is a real number.",
                                   "let $\\mu$ be arbitrary."])
def test_a_name_the_words_leave_arbitrary_is_still_any_number(words: str) -> None:
    assert checked(block("2 \\mu &= \\mu + 1") + words + "\n")[2][0] is Verdict.REFUTED
