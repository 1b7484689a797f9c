"""Steps whose sides may have no value, and directives that contradict each other (issue 13, the
leftovers of the adversarial rounds).

* A density named in a file is any density on its support: on an unbounded support its moments need
  not exist (a Cauchy-like p has no mean), so E_p[x] + 1 = 1 + E_p[x] has no value in general and is
  not proved; on a bounded support it is.
* A certified equation whose cross-check finds a side with no value (an integral that does not
  converge absolutely) is unknown, never proved.
* KL(p || q) >= 0 holds for densities on different supports too (KL = +inf where q vanishes on part
  of p's support): it is proved, never refuted; an infinite value is no evidence about an inequality.
* Two different directives for one name are an input error that names both lines.

Each refusal sits beside its true neighbour, which must still be accepted.
"""

from __future__ import annotations

from functools import lru_cache

import pytest

import ganproof
from ganproof.chain import Verdict
from ganproof.errors import InputError


@lru_cache(maxsize=None)
def verdicts(text: str) -> dict[int, Verdict]:
    """{line: verdict} of ``text`` checked as a file (remembered: several tests read one file)."""
    report = ganproof.check_text(text, jobs=1)
    return {s.line: s.verdict for s in report.steps}


def block(*rows: str) -> str:
    return "".join(f"\\begin{{align*}}\n{r}\n\\end{{align*}}\n" for r in rows)


ACCEPTED = (Verdict.PROVED, Verdict.CONFIRMED)

MOMENTS = block(
    "\\mathbb{E}_{x \\sim p}[x] + 1 &= 1 + \\mathbb{E}_{x \\sim p}[x]",  # line 2
    "\\mathbb{E}_{x \\sim p}[x^2] - \\mathbb{E}_{x \\sim p}[x^2] &= 0",  # line 5: SymPy cancels it to 0 = 0
    "\\int x p(x) dx + 1 &= 1 + \\int x p(x) dx",  # line 8
    "\\mathbb{E}_{x \\sim p}[x] &= 0",  # line 11: false for most p
    "\\mathbb{E}_{x \\sim p}[\\log D(x)] + 1 &= 1 + \\mathbb{E}_{x \\sim p}[\\log D(x)]",  # line 14
    "\\mathbb{E}_{x \\sim p}[\\frac{1}{1 + e^{-x}}] + 1 &= 1 + \\mathbb{E}_{x \\sim p}[\\frac{1}{1 + e^{-x}}]",  # 17
)


def test_mean_of_a_density_with_unstated_tails_is_not_proved():
    v = verdicts(MOMENTS)
    assert v[2] not in ACCEPTED and v[2] == Verdict.UNKNOWN
    assert v[8] == Verdict.UNKNOWN


def test_moment_cancelled_by_sympy_is_still_not_proved():
    assert verdicts(MOMENTS)[5] == Verdict.UNKNOWN


def test_false_step_about_a_mean_is_still_refuted():
    assert verdicts(MOMENTS)[11] == Verdict.REFUTED


def test_bounded_weights_of_a_density_are_still_proved():
    v = verdicts(MOMENTS)
    assert v[14] == Verdict.PROVED  # log D(x): x only inside D
    assert v[17] == Verdict.PROVED  # a bounded function of x: its expectation exists for every p


def test_mean_on_a_bounded_support_is_proved():
    text = "%! density p on [0, 1]\n" + block("\\mathbb{E}_{x \\sim p}[x] + 1 &= 1 + \\mathbb{E}_{x \\sim p}[x]")
    assert verdicts(text)[3] == Verdict.PROVED


DIVERGENT = block(
    "\\int_{-\\infty}^{\\infty} \\frac{x}{1 + x^2} dx + 1 &= 1 + \\int_{-\\infty}^{\\infty} \\frac{x}{1 + x^2} dx",
    "\\int_{-\\infty}^{\\infty} \\frac{1}{1 + x^2} dx + 1 &= 1 + \\int_{-\\infty}^{\\infty} \\frac{1}{1 + x^2} dx",
)


def test_identity_between_divergent_integrals_is_not_proved():
    v = verdicts(DIVERGENT)
    assert v[2] == Verdict.UNKNOWN
    assert v[5] == Verdict.PROVED


DISJOINT = "%! density p on [0, 1]\n%! density q on [2, 3]\n%! density p_r on [0, 2]\n" + block(
    "KL(p \\| q) &\\ge 0",  # line 5: KL = +inf
    "KL(p \\| p_r) &\\ge 0",  # line 8: finite, p's support inside p_r's
    "KL(p_r \\| p) + KL(p \\| p_r) &\\ge 0",  # line 11
    "KL(p \\| q) &\\le -1",  # line 14: false (+inf)
    "KL(p \\| q) &= 3",  # line 17: false (+inf)
)


def test_kl_of_densities_on_disjoint_supports_is_not_refuted():
    v = verdicts(DISJOINT)
    assert v[5] == v[8] == v[11] == Verdict.PROVED


def test_kl_of_disjoint_supports_false_bounds_are_not_accepted():
    v = verdicts(DISJOINT)
    assert v[14] not in ACCEPTED
    assert v[17] == Verdict.REFUTED


def test_kl_strict_on_different_supports_needs_more_than_gibbs():
    text = "%! density p on [0, 1]\n%! density q on [0, 2]\n" + block("KL(p \\| q) &> 0")
    assert verdicts(text)[4] not in ACCEPTED


@pytest.mark.parametrize("directives, kind", [
    ("%! density p on [0, 1]\n%! density p on [0, 2]\n", "the density p"),
    ("%! density p, q on [0, 1]\n%! density q on \\mathbb{R}\n", "the density q"),
    ("%! sample x^{(i)} \\sim p_r\n%! sample x^{(i)} \\sim p_g\n", "the sample set x^{(i)}"),
    ("%! pushforward p_G = G(z), z \\sim p_z\n%! pushforward p_G = G(w), w \\sim p_w\n", "the density p_G"),
])
def test_directive_declared_twice_differently_is_an_input_error(directives, kind):
    with pytest.raises(InputError) as err:
        ganproof.check_text(directives + block("a + a &= 2 a"), jobs=1)
    message = str(err.value)
    assert f"{kind} is declared twice, differently" in message
    assert "at line 1 and" in message and "at line 2" in message and "<text>:2:" in message


def test_directive_repeated_identically_is_allowed():
    text = "%! density p on [0, 1]\n%! density p, q on [0.0, 1]\n" + block("\\int_0^1 p(x) dx &= 1")
    assert verdicts(text)[4] == Verdict.PROVED
