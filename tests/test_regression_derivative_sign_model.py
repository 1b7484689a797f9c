"""Regression: the sign model of the rules (D(x) = 1/(1 + W(x)), W > 0) was substituted inside a
derivative *with respect to* D(x), and SymPy raised a ValueError (an internal error on input); Jensen's finite-law search
then expanded a derivative's (variable, count) pair (an AttributeError)."""

from __future__ import annotations

from ganproof.reader.check import check_document
from ganproof.reader.document import read_text


def _verdicts(row: str) -> list[str]:
    doc = read_text("\\begin{align*}\n" + row + "\n\\end{align*}\n", "derivative.tex")
    return [s.verdict.value for s in check_document(doc, dps=15, instances=2, jobs=1).steps]


def test_regression_derivative_wrt_discriminator_under_log_is_judged():
    assert _verdicts("\\log(1 + \\frac{\\partial}{\\partial D(x)} D(x)) &= \\log 2") == ["proved"]


def test_regression_derivative_wrt_discriminator_under_sqrt_is_judged():
    assert _verdicts("\\sqrt{\\frac{d}{d(D(x))} D(x)} &= 1") == ["proved"]


def test_false_sign_of_a_derivative_wrt_discriminator_is_not_accepted():
    # d/dD log D = 1/D > 1 for D in (0, 1): the claim <= 1 is false
    assert _verdicts("\\frac{\\partial}{\\partial D(x)} \\log D(x) &\\le 1")[0] in ("refuted", "unknown")
