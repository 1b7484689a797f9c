"""Course notes that label their rows (``\\mathrm{target} \\qquad & \\max_D V(D, G)``), state a fact in words
inside a display (``\\mathrm{maximize \\quad when} \\quad x = ...``), close a chain with ``\\Rightarrow`` and a
conclusion in words, and pass the optimal discriminator written bare (``D^* = \\frac{p_r}{p_r + p_g}``) to the
game: each stopped a real derivation (issue 14); none may accept a wrong step."""

from __future__ import annotations

from ganproof.chain import Verdict
from ganproof.reader.document import read_text
from tests.file_checks import ACCEPTED, checked

ALIGNED = ("$$\n\\begin{aligned}\n"
           "\\mathrm{target} \\qquad &\\max \\limits_{D} V(D, G) \\newline\n"
           "V(D, G) &= \\int_x p_r(x) \\log D(x) \\, dx + \\int_x p_g(x) \\log(1 - D(x)) \\, dx \\newline\n"
           "&= \\int_x p_r(x) \\log D(x) + p_g(x) \\log(1 - D(x)) \\, dx \\newline\n"
           "\\mathrm{prior} \\qquad &a \\ln x + b \\ln(1 - x) \\quad \\mathrm{maximize \\quad when} \\quad x = \\frac{a}{a+b}"
           " \\newline\n"
           "\\Rightarrow \\qquad &V(D, G) \\quad \\mathrm{maximize \\quad when} \\quad D = \\frac{p_r}{p_r + p_g}\n"
           "\\end{aligned}\n$$\n")


def test_regression_a_row_label_and_words_in_a_display_stopped_the_block() -> None:
    steps = checked(ALIGNED)
    assert steps[5][0] in ACCEPTED
    doc = read_text(ALIGNED)
    messages = [m.message for m in doc.assumptions]
    assert any("the word 'target' in front of the row is its label" in m for m in messages)
    assert any("the row after \\Rightarrow holds no relation" in m for m in messages)


def test_a_wrong_row_after_a_label_is_refuted() -> None:
    wrong = ALIGNED.replace("&= \\int_x p_r(x) \\log D(x) + p_g(x)", "&= \\int_x p_r(x) \\log D(x) + 2 p_g(x)")
    assert checked(wrong)[5][0] is Verdict.REFUTED


def test_an_operator_name_before_the_alignment_is_no_label() -> None:
    doc = read_text("$$\n\\begin{aligned}\n\\mathrm{KL}(p \\| q) &= \\mathrm{KL}(p \\| q)\n\\end{aligned}\n$$\n")
    assert not any("is its label" in m.message for m in doc.assumptions)


def test_regression_the_optimum_written_bare_was_refused_as_a_parameter_of_the_game() -> None:
    text = ("$$\nV(D, G) = \\int p_r(x) \\log D(x) + p_g(x) \\log(1 - D(x)) \\, dx\n$$\n"
            "where $D^{*} = \\frac{p_{r}}{p_{r} + p_{g}}$, and\n"
            "$$\nV(D^{*}, G) = \\int p_r(x) \\log \\frac{p_r(x)}{p_r(x) + p_g(x)} + p_g(x) \\log \\frac{p_g(x)}{p_r(x) + "
            "p_g(x)} \\, dx\n$$\n")
    assert checked(text)[6][0] in ACCEPTED
    assert checked(text.replace("\\log \\frac{p_g(x)}", "\\log \\frac{2 p_g(x)}"))[6][0] is Verdict.REFUTED
