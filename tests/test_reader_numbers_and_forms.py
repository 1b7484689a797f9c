"""Two readings of names by the file's use of them (issue 14, names by role):

* a letter spelled as a density (``p``) that the file uses only as a number ("let 0 <= p <= 1") is a real
  constant, not a density read at u in one row and at x in the next;
* a row that gives the discriminator a form by a constant written there for the first time
  (``D(x) = \\frac{e^\\ell}{1 + e^\\ell}``) is D's definition, not a claim about every D.

Both came from real derivations (a Q&A answer on the derivative of the binary cross-entropy, a blog post on the
gradients of the GAN objectives) whose true steps were refuted."""

from __future__ import annotations

from ganproof.chain import Verdict
from ganproof.reader.document import read_text
from tests.file_checks import ACCEPTED, block, checked

BCE = ("L(u) &= -p\\log(\\frac{e^u}{1+e^u}) - (1-p)\\log(\\frac{1}{1+e^u}) \\\\\n"
       "&= -pu + \\log(1 + e^u)")


def _notes(text: str) -> list[str]:
    return [m.message for m in read_text(text).assumptions]


def test_regression_bare_p_was_a_density_at_u_in_a_definition_and_at_x_in_the_next_row() -> None:
    text = block(BCE) + block("\\frac{d}{du} L(u) = \\frac{e^u}{1+e^u} - p")
    steps = checked(text)
    assert steps[3][0] in ACCEPTED
    assert steps[6][0] in ACCEPTED
    assert any("p is read as a number" in n for n in _notes(text))


def test_a_wrong_step_with_p_read_as_a_number_is_refuted() -> None:
    steps = checked(block("L(u) &= -p u + \\log(1 + e^u)") + block("\\frac{d}{du} L(u) = \\frac{e^u}{1+e^u} + p"))
    assert steps[5][0] is Verdict.REFUTED


def test_p_stays_a_density_when_another_row_integrates_it() -> None:
    text = block("\\int p(x) dx &= 1") + block(BCE)
    assert not any("read as a number" in n for n in _notes(text))


def test_p_stays_a_density_beside_the_data_variable() -> None:
    text = block("p \\log D(x) + (1-p)\\log(1 - D(x)) &= (1-p)\\log(1 - D(x)) + p \\log D(x)")
    assert not any("read as a number" in n for n in _notes(text))


def test_p_stays_a_density_when_a_directive_declares_it() -> None:
    text = "%! density p on [0, 1]\n" + block(BCE)
    assert not any("read as a number" in n for n in _notes(text))


USED = block("V(D) &= \\mathbb{E}_{x \\sim p}[\\log D(x)]")
"""A row that uses D first: the rows below are not its first appearance (which is a definition anyway)."""
SIGMOID = USED + block("D(x) = \\frac{e^\\ell}{1 + e^\\ell}")


def test_regression_the_discriminator_as_a_sigmoid_of_a_new_scalar_was_refuted_as_a_step() -> None:
    text = SIGMOID + block("\\log D(x) = \\ell - \\log(1 + e^\\ell)") + block(
        "\\frac{d}{d\\ell}[\\log D(x)] &= 1 - \\frac{e^\\ell}{1+e^\\ell} \\\\\n&= 1 - D(x)")
    steps = checked(text)
    assert 5 not in steps  # the definition is not a step
    assert steps[8][0] in ACCEPTED
    assert steps[11][0] in ACCEPTED
    assert steps[12][0] in ACCEPTED
    assert any("read as the definition of D" in n for n in _notes(text))


def test_a_wrong_step_after_the_discriminator_is_given_a_form_is_refuted() -> None:
    steps = checked(SIGMOID + block("\\log D(x) = \\ell + \\log(1 + e^\\ell)"))
    assert steps[8][0] is Verdict.REFUTED


def test_a_claim_about_the_discriminator_with_no_new_name_stays_a_step() -> None:
    steps = checked(USED + block("D(x) = \\frac{p(x)}{p(x) + q(x)}") + block("D(x) = \\frac{1}{2}"))
    assert steps[5][0] is Verdict.REFUTED
    assert steps[8][0] is Verdict.REFUTED


def test_a_claim_about_a_discriminator_with_a_constant_seen_before_stays_a_step() -> None:
    steps = checked(USED + block("a + b &= b + a") + block("D(x) = \\frac{a}{a + b}"))
    assert steps[8][0] is Verdict.REFUTED
