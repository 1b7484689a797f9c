"""Laws on a finite alphabet: sums over the alphabet read, proved by the rules, checked on drawn
probability vectors (format.md sections 2 and 3)."""

from __future__ import annotations

from fractions import Fraction

import mpmath
import sympy as sp

from ganproof.numeric.families import Categorical, Drawer
from ganproof.numeric.instances import alphabet_size, draw_density
from ganproof.reader.check import FileReport, check_document
from ganproof.reader.document import read_text
from ganproof.rules.prover import merged_integrals
from ganproof.rules.rewrites import Normalisation
from ganproof.vocabulary import Context, Density, X
from ganproof.vocabulary.names import ALPHABET, ALPHABET_SIZE, Support


def check(text: str) -> FileReport:
    return check_document(read_text(text, "t.md"))


def verdicts(report: FileReport) -> list[tuple[int, str]]:
    return [(s.line, s.verdict.value) for s in report.steps]


GIBBS = r"""$$
\begin{aligned}
-\mathrm{KL}(p \| q) &= \sum_{i} p_{i} \log \frac{q_{i}}{p_{i}} \\
&\leq \sum_{i} p_{i} \left( \frac{q_{i}}{p_{i}} - 1 \right) \\
&= \sum_{i} \left( q_{i} - p_{i} \right) \\
&= 0
\end{aligned}
$$
"""


def test_gibbs_inequality_over_an_alphabet_is_proved_step_by_step():
    report = check(GIBBS)
    assert verdicts(report) == [(3, "proved"), (4, "proved"), (5, "proved"), (6, "proved")]
    assert any("law on a finite alphabet" in a["message"] for a in report.assumptions)


def test_kl_as_a_sum_over_x_is_the_kl_divergence():
    report = check("$$\n\\mathrm{KL}(p \\| q) = \\sum_{x} p(x) \\log \\frac{p(x)}{q(x)}\n$$\n")
    assert verdicts(report) == [(2, "proved")]


def test_kl_over_an_alphabet_is_not_symmetric_refuted():
    report = check("$$\n\\sum_{x} p(x) \\log \\frac{p(x)}{q(x)} = \\sum_{x} q(x) \\log \\frac{q(x)}{p(x)}\n$$\n")
    assert verdicts(report) == [(2, "refuted")]


def test_a_law_summed_over_its_alphabet_adds_to_one_not_two():
    report = check("$$\n\\sum_x p(x) = 1 = \\sum_x 2 p(x) - 1 = \\sum_x 2 p(x)\n$$\n")
    assert verdicts(report) == [(2, "proved"), (2, "proved"), (2, "refuted")]


def test_sum_in_the_wrong_direction_of_gibbs_is_never_proved():
    report = check("$$\n\\sum_x p(x) \\log \\frac{q(x)}{p(x)} \\ge 0\n$$\n")
    assert [v for _, v in verdicts(report)] == ["refuted"]


DECLARED = r"""%! density p on {0, 1, 2}
$$
\sum_{x=0}^{2} p(x) = 1
$$
$$
\sum_{x=0}^{2} x p(x) = p(1) + 2 p(2) = p(1) + p(2)
$$
"""


def test_a_declared_alphabet_has_its_points_and_its_index_may_be_a_number():
    report = check(DECLARED)
    assert verdicts(report)[0] == (3, "proved")
    # the mean over {0, 1, 2} has no rule that expands a sum into its terms: confirmed by the numbers
    assert verdicts(report)[1] == (6, "confirmed")
    assert verdicts(report)[2] == (6, "refuted")


def test_expectation_under_a_law_on_an_alphabet_is_the_sum():
    report = check("$$\n\\mathbb{E}_{x \\sim p}\\left[\\log \\frac{p(x)}{q(x)}\\right] = "
                   "\\sum_x p(x) \\log \\frac{p(x)}{q(x)} = \\mathrm{KL}(p \\| q)\n$$\n")
    assert verdicts(report) == [(2, "proved"), (2, "proved")]


def test_regression_a_probability_vector_summed_is_never_normalised_as_an_integral():
    # a sum and an integral over the same ends are different things: int_1^n p(x) dx is not 1 for a pmf
    p = Density("p", ALPHABET)
    ctx = Context(densities=(p,))
    integral = sp.Integral(p(X), (X, 1, ALPHABET_SIZE))
    assert Normalisation().rewrite(integral, ctx) == integral
    assert Normalisation().rewrite(sp.Sum(p(X), (X, 1, ALPHABET_SIZE)), ctx) == 1
    q = Density("q")
    assert Normalisation().rewrite(sp.Sum(q(X), (X, -sp.oo, sp.oo)), Context(densities=(q,))) != 1


def test_a_sum_and_an_integral_over_the_same_ends_are_never_merged():
    f = sp.Function("f")
    gap = sp.Sum(f(X), (X, 0, 2)) - sp.Integral(f(X), (X, 0, 2))
    const, groups = merged_integrals(gap)
    assert len(groups) == 2


def test_drawn_probability_vectors_are_exact_and_sum_to_one():
    law = draw_density("p", ALPHABET, 0)
    assert isinstance(law, Categorical)
    assert len(law.probs) == alphabet_size(0)
    assert sum(Fraction(q) for q in law.probs) == 1
    declared = draw_density("p", Support(sp.Integer(0), sp.Integer(2), discrete=True), 1)
    assert isinstance(declared, Categorical) and declared.lo == 0 and len(declared.probs) == 3
    with mpmath.workdps(40):
        assert declared.pdf(mpmath.mpf(3)) == 0


def test_the_alphabet_size_varies_across_instances():
    assert len({alphabet_size(k) for k in range(8)}) >= 3


def test_a_law_on_an_alphabet_has_no_density_between_its_points():
    law = Categorical.draw(Drawer("t"), Fraction(0), Fraction(3))
    try:
        law.pdf(mpmath.mpf("0.5"))
    except ValueError:
        pass
    else:  # pragma: no cover
        raise AssertionError("a mass between the points of an alphabet")


def test_regression_a_laws_positive_masses_were_assumed_without_saying_so() -> None:
    # E_p[1/p(x)] = 3 holds on {0, 1, 2} only when every mass is positive (with a zero mass it is the number
    # of points with mass, at most 2): the assumption behind the confirmation is now stated
    import subprocess
    import sys

    text = "%! density p on {0, 1, 2}\n$$ \\mathbb{E}_{x \\sim p}[\\frac{1}{p(x)}] = 3 $$\n"
    result = subprocess.run([sys.executable, "-m", "ganproof", "check", "-"], input=text, capture_output=True,
                            text=True, timeout=300)
    assert "p is a law on {0, ..., 2}, every mass positive" in result.stdout, result.stdout + result.stderr
