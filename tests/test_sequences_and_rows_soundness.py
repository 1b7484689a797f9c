"""Regression tests for wrong steps a hostile probe got accepted: an unknown solved for under an integral, an
equivalence checked one way, a sample mean over a fixed number of samples, a row that goes on with a minus,
a display continued from another notebook cell, and a constant d taken for a differential.  Each test also
checks that the true step of the same shape is still accepted (or, where the text is ambiguous, an error)."""

from __future__ import annotations

import json

import pytest

from ganproof.chain import Verdict
from ganproof.errors import InputError

from file_checks import ACCEPTED, block, checked


def _verdicts(text: str) -> list[Verdict]:
    return [v for _, (v, _) in sorted(checked(text).items())]


def _rows(*rows: str) -> str:
    return "\\begin{align*}\n" + " \\\\\n".join(rows) + "\n\\end{align*}\n"


# -------------------------------------------------------------- an unknown under an integral
@pytest.mark.parametrize("premise", [
    "\\int q(x) \\left(D(x) - \\frac{1}{2}\\right) dx = 0",
    "\\int_0^1 \\left(D(x) - \\frac{1}{2}\\right) dx = 0",
    "\\mathbb{E}_{x \\sim p}\\left[D(x) - \\frac{1}{2}\\right] = 0",
])
def test_regression_unknown_solved_for_under_an_integral(premise: str) -> None:
    """\\int q (D - 1/2) = 0 fixes an average of D, not D at each point: D = 1/2 does not follow (q = N(0, 1),
    D = sigmoid gives 0 and D(1) = 0.73).  It was proved, the integral's D(x) replaced by one number."""
    text = _rows(premise, "\\Rightarrow D(x) = \\frac{1}{2}")
    found = checked(text)
    assert [v for v, _ in found.values()] == [Verdict.UNKNOWN]
    assert "an average of the unknown" in next(iter(found.values()))[1]


def test_pointwise_stationary_point_still_proved() -> None:
    text = _rows("\\frac{p(x)}{D(x)} - \\frac{q(x)}{1 - D(x)} = 0",
                 "\\Rightarrow D(x) = \\frac{p(x)}{p(x) + q(x)}")
    assert _verdicts(text) == [Verdict.PROVED]


# -------------------------------------------------------------- \iff claims both directions
@pytest.mark.parametrize("arrow", ["\\Leftrightarrow", "\\iff", "\\Longleftrightarrow"])
def test_regression_equivalence_checked_one_way(arrow: str) -> None:
    """D = 1/2 gives (2D - 1)(3D - 1) = 0, but not the converse (D = 1/3): an equivalence was confirmed."""
    text = _rows("D(x) = \\frac{1}{2}", f"{arrow} (2 D(x) - 1)(3 D(x) - 1) = 0")
    (verdict, reason), = checked(text).values()
    assert verdict is Verdict.REFUTED
    assert "the converse" in reason


def test_equivalence_both_ways_still_proved() -> None:
    text = _rows("\\frac{1}{D(x)} - 2 = 0", "\\iff D(x) = \\frac{1}{2}")
    assert _verdicts(text) == [Verdict.PROVED]


def test_implication_one_way_still_accepted() -> None:
    text = _rows("D(x) = \\frac{1}{2}", "\\Rightarrow (2 D(x) - 1)(3 D(x) - 1) = 0")
    assert _verdicts(text)[0] in ACCEPTED


# -------------------------------------------------------------- a fixed number of samples
@pytest.mark.parametrize("text", [
    "%! sample x^{(i)} \\sim p\n" + block("m &= 2",
                                          "\\frac{1}{m} \\sum_{i=1}^{m} D(x^{(i)}) &= \\mathbb{E}_{x \\sim p}[D(x)]"),
    "%! sample x^{(i)} \\sim p\n%! assume m = 2\n"
    + block("\\frac{1}{m} \\sum_{i=1}^{m} D(x^{(i)}) &= \\mathbb{E}_{x \\sim p}[D(x)]"),
    "%! sample x^{(i)} \\sim p\n" + block("L(m) &= \\frac{1}{m} \\sum_{i=1}^{m} D(x^{(i)})",
                                          "L(1) &= \\mathbb{E}_{x \\sim p}[D(x)]"),
])
def test_regression_sample_mean_over_a_fixed_number_read_as_its_limit(text: str) -> None:
    """A mean of two samples is a random number, not E[D]; with m defined, assumed or a parameter it was proved."""
    with pytest.raises(InputError, match="read only as its limit"):
        checked(text)


def test_sample_mean_with_free_m_still_proved() -> None:
    text = "%! sample x^{(i)} \\sim p\n" + block(
        "\\lim_{m \\to \\infty} \\frac{1}{m} \\sum_{i=1}^{m} D(x^{(i)}) &= \\mathbb{E}_{x \\sim p}[D(x)]")
    assert _verdicts(text) == [Verdict.PROVED]


# -------------------------------------------------------------- a row that starts with a minus
def test_regression_minus_row_restarted_the_chain() -> None:
    """\\int_0^1 x dx = 1/2 - 1/2 as typeset; the row "& - 1/2" started a new chain and both steps passed."""
    text = _rows("\\int_0^1 x \\, dx &= \\frac{1}{2}", "& - \\frac{1}{2}", "&= -\\frac{1}{2}")
    assert _verdicts(text) == [Verdict.REFUTED, Verdict.REFUTED]


def test_true_minus_continuation_accepted() -> None:
    text = _rows("\\int_0^1 (2x - 1) \\, dx &= \\int_0^1 2x \\, dx", "&\\quad - \\int_0^1 1 \\, dx", "&= 0")
    assert all(v in ACCEPTED for v in _verdicts(text))


def test_minus_before_the_alignment_point_leads_a_row() -> None:
    text = _rows("\\int_0^1 x \\, dx &= \\frac{1}{2}", "-\\int_0^1 x \\, dx &= -\\frac{1}{2}")
    found = _verdicts(text)
    assert len(found) == 2 and all(v in ACCEPTED for v in found)


# -------------------------------------------------------------- notebook cells
def test_regression_plus_display_continued_from_the_cell_before() -> None:
    """Jupyter renders each cell on its own: a cell starting with + is no continuation of the one before."""
    import ganproof

    cells = [{"cell_type": "markdown", "metadata": {}, "source": ["$$\n", "\\int_0^1 2x \\, dx = 1 - \\frac{1}{2}\n",
                                                                  "$$\n"]},
             {"cell_type": "markdown", "metadata": {}, "source": ["$$\n", "+ \\frac{1}{2} = 1\n", "$$\n"]}]
    nb = json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
    report = ganproof.check_text(nb, name="cells.ipynb", jobs=1)
    assert [s.verdict for s in report.steps] == [Verdict.REFUTED, Verdict.REFUTED]


# -------------------------------------------------------------- a constant d
def test_regression_constant_d_read_as_a_differential() -> None:
    """\\int_0^1 d \\, dx is d; it was read as \\int x \\, dd, and \\int_0^1 d \\, dx = x was confirmed."""
    assert _verdicts(block("\\int_0^1 d \\, dx &= x")) == [Verdict.REFUTED]
    assert [v in ACCEPTED for v in _verdicts(block("\\int_0^1 d \\, dx &= d"))] == [True]


def test_dd_at_the_end_of_an_integral_is_an_error() -> None:
    with pytest.raises(InputError, match="dd at the end of an integral"):
        checked(block("\\int_0^1 d \\, dd &= \\frac{1}{2}"))


# -------------------------------------------------------------- the optimum by its name, beside the file's own game
_REVERSED = block("V(D) &= \\mathbb{E}_{x \\sim p_g}[\\log D(x)] + \\mathbb{E}_{x \\sim p_{data}}[\\log(1 - D(x))]")


def test_regression_optimum_by_name_ignored_the_files_own_game() -> None:
    """With the game's laws swapped, D^*_G is p_g / (p_g + p_data); reading it as p_data / (p_data + p_g) proved a
    false value of V(D^*_G) (-2.16 against the true maximum -1.16 for N(0, 1) and N(1, 1))."""
    text = _REVERSED + block(
        "V(D^*_G) &= \\mathbb{E}_{x \\sim p_g}[\\log \\frac{p_{data}(x)}{p_{data}(x) + p_g(x)}] + "
        "\\mathbb{E}_{x \\sim p_{data}}[\\log \\frac{p_g(x)}{p_{data}(x) + p_g(x)}]")
    assert all(v not in ACCEPTED for v in _verdicts(text))


def test_optimum_of_a_swapped_game_is_tried_before_refuting() -> None:
    """V(D^*_G) = -log 4 + 2 JSD is true for the swapped game's optimum: unknown (D^*_G is not defined), not
    refuted."""
    text = _REVERSED + block("V(D^*_G) &= -\\log 4 + 2 \\, JSD(p_{data} \\| p_g)")
    assert _verdicts(text) == [Verdict.UNKNOWN]


# -------------------------------------------------------------- \mathbb{E}_z and a declared noise law
def test_regression_e_z_ignored_the_declared_noise_law() -> None:
    text = "%! pushforward p_g = G(z), z \\sim q\n" + block(
        "\\mathbb{E}_z[D(G(z))] &= \\mathbb{E}_{x \\sim p_g}[D(x)]", "\\mathbb{E}_z[D(z)] &= \\mathbb{E}_{z \\sim q}[D(z)]")
    assert _verdicts(text) == [Verdict.PROVED, Verdict.PROVED]


# -------------------------------------------------------------- a condition after the formula
@pytest.mark.parametrize("row", ["KL(p \\| q) &= 0 \\quad \\text{iff } p = q",
                                 "\\mathbb{E}_{x \\sim p}[D(x)] &= \\mathbb{E}_{x \\sim q}[D(x)], \\text{ when } p = q",
                                 "a^2 &= a, \\text{ for } a = 1"])
def test_regression_step_refuted_outside_the_condition_it_states(row: str) -> None:
    """The checker leaves the condition out; a counterexample it excludes is no refutation: unknown."""
    (verdict, reason), = checked(block(row)).values()
    assert verdict is Verdict.UNKNOWN
    assert "leaves out" in reason


def test_for_all_clause_still_refutes() -> None:
    assert _verdicts(block("D(x) &\\ge \\frac{1}{2} \\quad \\text{for all } x")) == [Verdict.REFUTED]
