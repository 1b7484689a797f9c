"""A sum that holds a possibly infinite term with opposite signs (issue 13, "inf - inf").

SymPy cancels KL(p || q) - KL(p || q) to 0 and 2 KL - KL to KL as it builds the sum, so the step
reached the rules as 0 = 0 and was proved; on densities with disjoint supports KL(p || q) = +inf and
the sum is inf - inf, which has no value.  The reader now records such terms before SymPy adds them,
and a cancelled term that may be infinite (a KL or f-divergence, a cross-entropy or entropy of
densities, an integral not shown to converge) leaves the step unknown, with a reason that names the
term and says why it may be infinite.  The same steps where every term is finite (laws on one finite
alphabet, KL against a mixture that holds the first law, bounded f-divergences, JSD, a continuous
integrand on a closed interval) stay proved.
"""

from __future__ import annotations

from ganproof.chain import Verdict
from file_checks import ACCEPTED, DISJOINT, block, checked
STEPS = (
    "KL(p \\| q) - KL(p \\| q) &= 0",  # line 2 (+2 with the directives)
    "2 KL(p \\| q) - KL(p \\| q) &= KL(p \\| q)",  # 5
    "H(p, q) - H(p, q) &= 0",  # 8: the cross-entropy
    "KL(p \\| q) - (KL(p \\| q) - 1) &= 1",  # 11: the minus distributes over the bracket
)


def test_kl_minus_itself_on_disjoint_supports_is_unknown_and_says_why():
    v = checked(DISJOINT + block(*STEPS))
    for line in (4, 7, 10, 13):
        verdict, reason = v[line]
        assert verdict == Verdict.UNKNOWN, (line, verdict, reason)
        assert "inf - inf" in reason, reason
    assert "disjoint" in v[4][1] and "KL" in v[4][1]
    assert "CE" in v[10][1]


def test_the_same_steps_on_one_finite_alphabet_stay_proved():
    v = checked("%! density p, q on {0, 1, 2}\n" + block(*STEPS, "H(p) - H(p) &= 0"))
    for line in (3, 6, 9, 12, 15):
        assert v[line][0] in ACCEPTED, (line, v[line])


def test_densities_with_unstated_tails_are_not_cancelled_either():
    # p and q are any densities on R: KL(p || q) is +inf for a Cauchy-like p against a Gaussian q
    v = checked(block("KL(p \\| q) - KL(p \\| q) &= 0", "H(p) - H(p) &= 0",
                      "\\mathbb{E}_{x \\sim p}[x] - \\mathbb{E}_{x \\sim p}[x] &= 0"))
    assert v[2][0] == Verdict.UNKNOWN and "tails" in v[2][1]
    assert v[5][0] == Verdict.UNKNOWN and "entropy" in v[5][1]
    assert v[8][0] == Verdict.UNKNOWN  # the moment rule (tests/test_values_must_exist.py) already refuses it


def test_terms_that_are_always_finite_still_cancel():
    v = checked(block(
        "KL(p \\| \\frac{p + q}{2}) - KL(p \\| \\frac{p + q}{2}) &= 0",  # <= log 2
        "JSD(p \\| q) - JSD(p \\| q) &= 0",
        "\\int_0^1 x^2 dx - \\int_0^1 x^2 dx &= 0",
        "KL(p \\| q) + KL(q \\| p) &= KL(q \\| p) + KL(p \\| q)",  # no opposite signs: +inf = +inf
        "KL(p \\| q) - 1 &= -1 + KL(p \\| q)",
        "\\mathbb{E}_{x \\sim p}[D(x)] - \\mathbb{E}_{x \\sim p}[D(x)] &= 0"))
    for line in (2, 5, 8, 11, 14, 17):
        assert v[line][0] in ACCEPTED, (line, v[line])


def test_an_integral_not_shown_to_converge_is_not_cancelled():
    v = checked(block("\\int_1^{\\infty} \\frac{1}{x} dx - \\int_1^{\\infty} \\frac{1}{x} dx &= 0",
                      "\\int_0^1 \\frac{1}{x} dx - \\int_0^1 \\frac{1}{x} dx &= 0"))
    assert v[2][0] == Verdict.UNKNOWN and "inf - inf" in v[2][1] and "unbounded range" in v[2][1]
    assert v[5][0] == Verdict.UNKNOWN


def test_two_different_divergences_both_infinite_with_opposite_signs():
    v = checked(DISJOINT + block(
        "KL(p \\| q) - KL(q \\| p) &= \\int_0^1 p(x) \\log \\frac{p(x)}{q(x)} dx - \\int_2^3 q(x) \\log "
        "\\frac{q(x)}{p(x)} dx"))
    assert v[4][0] not in ACCEPTED, v[4]


def test_a_false_step_with_a_cancelled_term_is_still_not_accepted():
    v = checked(block("KL(p \\| q) - KL(p \\| q) &= 1"))
    assert v[2][0] in (Verdict.UNKNOWN, Verdict.REFUTED)


def test_regression_two_infinite_integrals_merged_by_linearity_were_proved() -> None:
    # int p^2/q = +inf for a Cauchy-like p against a Gaussian q, and so is int (p^2/q - p): their difference is
    # inf - inf, yet linearity merged them into int p = 1 and the step was proved; the same with KL's integrand
    from file_checks import verdicts
    text = (r"$$ \int \frac{p(x)^2}{q(x)} dx - \int \left(\frac{p(x)^2}{q(x)} - p(x)\right) dx = 1 $$" + "\n\n"
            r"$$ \int p(x) \log \frac{p(x)}{q(x)} dx - \int \left(p(x) \log \frac{p(x)}{q(x)} + p(x)\right) dx = -1 $$"
            + "\n")
    found = verdicts(text)
    assert [v for v, _ in found] == ["unknown", "unknown"], found
    assert all("neither is shown to exist" in r for _, r in found), found


def test_two_integrals_whose_difference_is_no_more_finite_than_each_keep_their_verdict() -> None:
    from file_checks import verdicts
    text = (r"$$ \int p(x) \log D(x) dx - \int q(x) \log D(x) dx = \int (p(x) - q(x)) \log D(x) dx $$" + "\n\n"
            r"$$ \int p(x) D(x) dx - \int q(x) D(x) dx = \int (p(x) - q(x)) D(x) dx $$" + "\n")
    assert [v for v, _ in verdicts(text)] == ["proved", "proved"]
