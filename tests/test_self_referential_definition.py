"""A definition whose right-hand side holds the name it defines (issue 13): ``f(x) := f(x) + 1`` and
``c := 2 c`` were accepted as definitions, and a step using them was judged against a name that has
no value.  They are input errors at the name's second occurrence (file, line, column), with a message
saying the name is defined in terms of itself.  ``c = 2 c`` written with = stays what it always could
be, an equation about c (a step, refuted for c != 0); a definition of other names is unchanged.
"""

from __future__ import annotations

import pytest

import ganproof
from ganproof.chain import Verdict
from ganproof.errors import InputError


def block(*rows: str) -> str:
    return "\\begin{align*}\n" + " \\\\\n".join(rows) + "\n\\end{align*}\n"


@pytest.mark.parametrize("row, name, col", [
    ("f(x) &:= f(x) + 1", "f", 10),
    ("c &:= 2c", "c", 8),
    ("g(t) &:= \\log(1 + g(t)^2)", "g", 19),
    ("V_1 &\\coloneqq \\int p(x) V_1 dx", "V_1", 26),
])
def test_a_name_defined_in_terms_of_itself_is_an_input_error(row, name, col):
    report = ganproof.check_text(block(row, "1 + 1 &= 2"), jobs=1)
    errors = [e for e in report.errors if "defined in terms of itself" in e["message"]]
    assert errors, report.errors
    assert errors[0]["line"] == 2 and errors[0]["col"] == col, errors[0]
    assert errors[0]["message"].startswith(f"{name} is defined in terms of itself"), errors[0]
    assert "define it by an expression of other names" in errors[0]["message"]


def test_the_error_alone_in_a_file_is_raised_with_file_line_and_column():
    with pytest.raises(InputError) as err:
        ganproof.check_text(block("c &:= 2c", "c &= 0"), jobs=1)
    assert "<text>:2:8" in str(err.value) and "c is defined in terms of itself" in str(err.value)


def test_an_equation_with_equals_is_a_step_not_a_definition():
    report = ganproof.check_text(block("c &= 2c"), jobs=1)
    assert not report.errors
    assert [s.verdict for s in report.steps] == [Verdict.REFUTED]


def test_definitions_of_other_names_are_unchanged():
    report = ganproof.check_text(block("V(D) &:= \\int p(x) \\log D(x) dx",
                                       "V(D) + 1 &= 1 + \\int p(x) \\log D(x) dx"), jobs=1)
    assert not report.errors and [s.verdict for s in report.steps] == [Verdict.PROVED]
