"""Real-corpus classes of issue 14 (round of 2026-12-03): optimisation over a set, ``\\sup_{T \\in \\mathcal{T}}``;
the critic T of such a prefix read by its role; ``\\mathbb{P}_r`` as a law; braces around one name
(``{\\color{red}G}(z)``); a refutation under stripped \\max/\\sup prefixes is no refutation of the optima.

Each test writes a small file as the real cases write it (g_nemotron, a_labml, a_emptymalei) and asserts
what the reading gives: the true step holds, and a wrong one of the same shape is never accepted.
"""

from __future__ import annotations

import pytest

from ganproof.errors import InputError
from ganproof.reader.check import FileReport, check_document
from ganproof.reader.document import read_text


def check(text: str, name: str = "t.md") -> FileReport:
    return check_document(read_text(text, name), suggest=False)


def verdicts(report: FileReport) -> list[tuple[int, str]]:
    return [(s.line, s.verdict.value) for s in report.steps]


SPLIT = ("$$\n\\sup_{T \\in \\mathcal{T}} \\left\\{ \\int p(x) T(x) \\, dx - \\int q(x) T(x) \\, dx \\right\\} "
         "= \\sup_{T \\in \\mathcal{T}} \\left\\{ \\mathbb{E}_{p(x)}[T(x)] - \\mathbb{E}_{q(x)}[T(x)] \\right\\}\n$$\n")


def test_regression_sup_over_a_set_was_an_error_in_of_integral() -> None:
    # g_nemotron line 31: '\in is read only in an integral over the whole space' stopped every row
    report = check(SPLIT)
    assert verdicts(report) == [(2, "proved")]
    assert "\\sup_{T \\in \\mathcal{T}} in front of both sides is stripped" in report.steps[0].reason


def test_the_critic_of_a_sup_is_any_function_by_its_role() -> None:
    doc = read_text(SPLIT, "t.md")
    said = [m.message for m in doc.assumptions]
    assert any(m.startswith("T is read as any real function of one argument (T is optimised over") for m in said)


def test_sups_over_different_sets_are_not_compared() -> None:
    text = ("$$\n\\sup_{T \\in \\mathcal{T}} \\left\\{ \\int p(x) T(x) \\, dx \\right\\} = "
            "\\sup_{T \\in \\mathcal{S}} \\left\\{ \\int p(x) T(x) \\, dx \\right\\}\n$$\n")
    (step,) = check(text).steps
    assert step.verdict.value == "unknown"
    assert "different \\max/\\min in front" in step.reason


def test_regression_stripped_prefixes_refuted_the_optima() -> None:
    # sup_T {int p T} = sup_T {2 int p T}: the inner sides differ for some T, yet both suprema are +inf over
    # all functions: the instance refutes the inner relation only, so the step is unknown, never refuted
    text = ("$$\n\\sup_{T \\in \\mathcal{T}} \\left\\{ \\int p(x) T(x) \\, dx \\right\\} = "
            "\\sup_{T \\in \\mathcal{T}} \\left\\{ 2 \\int p(x) T(x) \\, dx \\right\\}\n$$\n")
    (step,) = check(text).steps
    assert step.verdict.value == "unknown"
    assert "their optima may still agree" in step.reason
    assert step.counterexample is None


def test_a_wrong_inner_step_under_a_max_is_never_accepted() -> None:
    text = ("$$\n\\max_{w \\in \\mathcal{W}} \\mathbb{E}_{x \\sim p}[f(x)] - \\mathbb{E}_{x \\sim q}[f(x)] = "
            "\\max_{w \\in \\mathcal{W}} \\mathbb{E}_{x \\sim q}[f(x)] - \\mathbb{E}_{x \\sim p}[f(x)]\n$$\n")
    (step,) = check(text).steps
    assert not step.verdict.accepted


def test_regression_mathbb_p_was_not_part_of_the_dialect() -> None:
    # a_labml: W(\mathbb{P}_r, \mathbb{P}_g), \mathbb{E}_{x \sim \mathbb{P}_r}: '\mathbb{P} is not part of the dialect'
    text = ("$$\n\\mathbb{E}_{x \\sim \\mathbb{P}_r} [f(x)] - \\mathbb{E}_{x \\sim \\mathbb{P}_g} [f(x)] = "
            "\\int p_r(x) f(x) \\, dx - \\int p_g(x) f(x) \\, dx\n$$\n")
    assert verdicts(check(text)) == [(2, "proved")]
    wrong = text.replace("- \\int p_g", "+ \\int p_g")
    assert verdicts(check(wrong)) == [(2, "refuted")]


def test_other_blackboard_letters_stay_errors() -> None:
    with pytest.raises(InputError, match="mathbb\\{N\\} is not part of the dialect"):
        read_text("$$\nx = \\mathbb{N}\n$$\n", "t.md")


GAME = ("$$\n\\underset{{\\color{red}G}}{\\operatorname{min}}\\underset{{\\color{green}D}}{\\operatorname{max}} "
        "V({\\color{green}D}, {\\color{red}G}) = \\mathbb E_{x\\sim p_{data}} \\left[ \\log {\\color{green}D}(x) "
        "\\right] + \\mathbb E_{z\\sim p_z} \\left[ \\log( 1- {\\color{green}D}({\\color{red}G}(z)) ) \\right]\n$$\n\n"
        "$$\nV(D, G) = \\int p_{{\\color{red}G}}(x) \\log(1 - D(x)) \\, dx + \\mathbb E_{x\\sim p_{data}} "
        "\\left[ \\log {\\color{green}D}(x) \\right]\n$$\n")


def test_regression_coloured_name_applied_was_the_generator_not_applied() -> None:
    # a_emptymalei_gan_off_by_constant: {\color{red}G}(z) gave 'the generator G is read applied to the noise',
    # p_{{\color{red}G}} "unexpected '{'": braces around one name are invisible
    report = check(GAME)
    assert report.errors == ()
    assert verdicts(report) == [(6, "proved")]
    wrong = GAME.replace("\\log(1 - D(x))", "\\log(D(x))")
    assert verdicts(check(wrong)) == [(6, "refuted")]
