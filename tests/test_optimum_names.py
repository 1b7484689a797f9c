"""Names the checker does not compute, and starred letters.

* A function defined by an optimum (f^*(t) = \\sup_u {t u - u^2}, read as any real function) and a name given
  the value of an arg min (\\theta^* = \\argmin_\\theta ...) stay undefined: a later row f^*(t) = t^2 or
  \\theta^* = 3 is a claim about them (a step), not a second definition that the rows after it are proved by.
* A starred letter is a name of its own: \\theta^* is not \\theta, and t^* is not the variable of an integral
  over t.
"""

from __future__ import annotations

import pytest

from ganproof.reader.check import check_document
from ganproof.reader.document import read_text


def verdicts(text: str) -> list[str]:
    return [s.verdict.value for s in check_document(read_text(text)).steps]


def test_regression_a_conjugate_defined_by_a_sup_is_not_redefined_by_a_later_row() -> None:
    text = "$$ f^*(t) = \\sup_{u} \\{t u - u^2\\} $$\n\n$$ f^*(t) = t^2 $$\n\n$$ f^*(1) = 1 $$\n"
    doc = read_text(text)
    assert not doc.definitions
    assert verdicts(text) == ["unknown", "unknown"]


def test_regression_a_minimiser_named_by_an_arg_min_is_not_redefined_by_a_later_row() -> None:
    text = ("%! density q_\\theta on [0, 1]\n$$ \\theta^* = \\arg\\min_{\\theta} \\mathbb{E}_{x \\sim q_\\theta}[x^2] $$"
            "\n\n$$ \\theta^* = 3 $$\n\n$$ \\theta^* + 1 = 4 $$\n\n$$ 2 \\theta^* = \\theta^* + \\theta^* $$\n")
    got = check_document(read_text(text)).steps
    assert [s.verdict.value for s in got] == ["unknown", "unknown", "proved"]
    assert "named as an arg min or arg max" in got[0].reason


@pytest.mark.parametrize("row", [
    r"\theta^* - \theta = 0",
    r"a^{\ast} + a = 2 a",
    r"\theta^{*}_{1} - \theta_1 = 0",
    r"\int_0^1 (t - t^*) dt = 0",
    r"\pi^* = \pi",
])
def test_regression_a_starred_constant_was_read_as_the_plain_letter(row: str) -> None:
    assert verdicts(f"$$ {row} $$\n") == ["refuted"]


def test_a_starred_constant_is_still_one_name() -> None:
    assert verdicts("$$ c^* + 1 = 1 + c^* $$\n") == ["proved"]
