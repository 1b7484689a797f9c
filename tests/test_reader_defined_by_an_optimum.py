"""A function of one variable defined by an optimum, as a Fenchel conjugate is (f^*(t) = \\sup_u \\{ut - f(u)\\}):
the checker does not compute the optimum, so the name is any real function where the file applies it; a step
that holds for every function is decided, and one refuted only for some function is unknown."""

from __future__ import annotations

import pytest

from ganproof.errors import InputError
from ganproof.reader.check import check_document
from ganproof.reader.document import read_text

CONJUGATE = r"$$ f^*(t) = \sup_{u \in \text{dom}_f} \left\{ u t - f(u) \right\} $$" + "\n"


def verdicts(text: str) -> list[tuple[int, str, str]]:
    return [(s.line, s.verdict.value, s.reason) for s in check_document(read_text(text)).steps]


def test_a_step_true_for_every_function_is_proved() -> None:
    text = CONJUGATE + r"$$ \int p(x) (D(x) - f^*(D(x))) dx = \mathbb{E}_{x \sim p}[D(x)] - \int p(x) f^*(D(x)) dx $$" + "\n"
    ((line, verdict, _),) = verdicts(text)
    assert (line, verdict) == (2, "proved")


def test_regression_a_step_about_the_defined_function_is_not_refuted_for_another_function() -> None:
    # f^*(0) = -inf_u f(u) >= 0 holds for the conjugate of an f with f(1) = 0 at... any claim about f^*'s
    # values depends on the optimum: read as any function, a refutation would be about another function
    ((_, verdict, reason),) = verdicts(CONJUGATE + r"$$ f^*(1) = f^*(2) $$" + "\n")
    assert verdict == "unknown"
    assert "defined by an optimum the checker does not compute" in reason


def test_the_definition_is_said_and_not_listed_as_a_definition() -> None:
    doc = read_text(CONJUGATE + r"$$ f^*(1) + 1 = 1 + f^*(1) $$" + "\n")
    assert any("f^*(t) is defined by \\sup_{u \\in \\text{dom}_f}, which the checker does not compute"
               in m.message for m in doc.assumptions)
    assert not doc.definitions


def test_error_function_defined_by_an_optimum_applied_to_two_arguments() -> None:
    with pytest.raises(InputError, match="f\\^\\* is defined with one argument, but is applied to 2"):
        read_text(CONJUGATE + r"$$ f^*(1, 2) = 0 $$" + "\n")


def test_a_value_defined_by_an_optimum_is_still_refused() -> None:
    # C(G) = max_D V(G, D) names a maximum over a function: not a function of one variable by an optimum over
    # a number, so it stays an error that says what to write
    doc = read_text(r"$$ C = \max_D \mathbb{E}_{x \sim p}[\log D(x)] $$" + "\n" + r"$$ 2 a = a + a $$" + "\n")
    assert [e.line for e in doc.errors] == [1] and "a definition by \\max_{D}" in doc.errors[0].message


def test_regression_inline_conjugate_beside_display_math_crashed_with_key_error() -> None:
    # "i.e., $f^*(t) = \sup_u \{ut - f(u)\}$" in the prose of a file that has displays: the inline definition is
    # read as an opaque function, which is no entry of the definitions; recording it as a prose definition raised
    # KeyError('f_star') (an internal error on a real f-GAN note)
    text = (r"$$ a + a = 2 a $$" + "\n\n" + r"where $f^*(t) = \sup_{u \in \mathrm{dom}_f}\left\{ ut - f(u) \right\}$." +
            "\n\n" + r"$$ f^*(1) + 1 = 1 + f^*(1) $$" + "\n")
    doc = read_text(text)
    assert not doc.errors
    assert any("which the checker does not compute" in m.message for m in doc.assumptions)


def test_regression_inline_arg_max_beside_display_math_crashed_with_key_error() -> None:
    # "MLE seeks: \(\theta^* = \arg\max_\theta ...\)" beside displays raised KeyError('theta_star')
    text = (r"MLE seeks: \(\theta^* = \arg\max_\theta \; \mathbb{E}_{x \sim p} [ \log q(x) ].\)" + "\n\n" +
            r"$$ a + a = 2 a $$" + "\n")
    doc = read_text(text)
    assert not doc.errors
