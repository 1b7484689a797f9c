"""A possibly infinite term multiplied by 0 (issue 13, "0 * inf").

SymPy builds 0 KL(p || q) and (1 - 1) H(p) as 0 as it reads them, so the step reached the rules as
0 = 0 and was proved; on densities with disjoint supports KL(p || q) = +inf, and an entropy of a
density on R may be +-inf or have no value, and 0 * inf has no value.  The reader now records the
terms that may be infinite in a product with a factor 0 before SymPy builds it, and such a term that
may be infinite leaves the step unknown, with a reason that names it.  The same product of a term
that is always finite (KL(p || p), the expectation of a bounded D) stays proved.
"""

from __future__ import annotations

from ganproof.chain import Verdict
from file_checks import ACCEPTED, DISJOINT, block, checked


def test_zero_times_kl_on_disjoint_supports_is_unknown_and_names_the_term():
    v = checked(DISJOINT + block("0 \\cdot KL(p \\| q) &= 0", "KL(p \\| q) \\cdot 0 &= 0",
                                 "2 \\cdot 0 \\cdot KL(p \\| q) &= 0"))
    for line in (4, 7, 10):
        verdict, reason = v[line]
        assert verdict == Verdict.UNKNOWN, (line, verdict, reason)
        assert "0 * inf" in reason and "KL" in reason and "disjoint" in reason, reason


def test_zero_times_entropy_on_the_real_line_is_unknown():
    v = checked(block("(1 - 1) H(p) &= 0", "0 \\cdot \\mathbb{E}_{x \\sim p}[x] &= 0"))
    for line in (2, 5):
        assert v[line][0] == Verdict.UNKNOWN, v[line]


def test_zero_times_a_finite_term_stays_proved():
    v = checked(DISJOINT + block("0 \\cdot KL(p \\| p) &= 0", "0 \\cdot \\mathbb{E}_{x \\sim p}[D(x)] &= 0",
                                 "0 \\cdot KL(p \\| q) + 1 &\\ge 0 \\cdot 3 + 1"))
    assert v[4][0] in ACCEPTED, v[4]
    assert v[7][0] in ACCEPTED, v[7]
    assert v[10][0] == Verdict.UNKNOWN, v[10]  # the 0 * inf is on the left of an inequality too

