"""True steps of real derivations that the checker refuted, one class per test group (tests/real/).

A true step refuted is a wrong verdict shown to a person ("your step is wrong" when it is right).
Each class below came from the corpus of real derivations: the reader read the text as something it
does not say (an option of an environment read as a factor, an upright log dropped as commentary, a
capital law kept apart from the density the text gives it).  Each test is named after its bug, writes
a small file, and asserts both sides: the true step now holds, and a wrong step of the same shape is
still refuted (reading more must not accept more that is wrong).  Expected values are closed forms.
"""

from __future__ import annotations

from ganproof.reader.check import FileReport, check_document
from ganproof.reader.document import read_text


def check(text: str, name: str = "t.md") -> FileReport:
    return check_document(read_text(text, name), suggest=False)


def verdicts(report: FileReport) -> list[tuple[int, str]]:
    return [(s.line, s.verdict.value) for s in report.steps]


# ---------------------------------------------------------------- an inner alignment's options
def test_regression_aligned_position_option_is_no_factor() -> None:
    # a_cecs551: \begin{aligned}[c] inside an equation read "[c] P D(x)" as c P D(x): a true row refuted
    text = "\\begin{equation}\n\\begin{aligned}[c]\nb + b &= 2 b \\\\\n&= 3 b - b\n\\end{aligned}\n\\end{equation}\n"
    assert verdicts(check(text, "t.tex")) == [(3, "proved"), (4, "proved")]


def test_regression_aligned_position_option_keeps_a_wrong_row_refuted() -> None:
    text = "\\begin{equation}\n\\begin{aligned}[t]\nb + b &= 3 b\n\\end{aligned}\n\\end{equation}\n"
    report = check(text, "t.tex")
    assert verdicts(report) == [(3, "refuted")]
    assert all("t =" not in str(s.counterexample) for s in report.steps)  # no constant t was made of [t]


def test_regression_alignedat_column_count_is_no_factor() -> None:
    # \begin{alignedat}{2} read {2} as a factor 2 of the first row: a + a = 2a was refuted (read as 2a + a),
    # and the wrong a + a = 3a was proved (read as 2a + a = 3a)
    true = "\\begin{equation}\n\\begin{alignedat}{2}\na + a &= 2 a\n\\end{alignedat}\n\\end{equation}\n"
    false = "\\begin{equation}\n\\begin{alignedat}{2}\na + a &= 3 a\n\\end{alignedat}\n\\end{equation}\n"
    assert verdicts(check(true, "t.tex")) == [(3, "proved")]
    assert verdicts(check(false, "t.tex")) == [(3, "refuted")]


# ---------------------------------------------------------------- \text{log}
def test_regression_upright_text_log_is_the_logarithm_not_commentary() -> None:
    # e_phykn: -\int p \text{log} (q/p) dx was read as -\int p (q/p) dx = -1, and the true KL step refuted
    text = r"""$$
-\int p(x) \text{log} \frac{q(x)}{p(x)} dx = \int p(x) \log \frac{p(x)}{q(x)} dx
$$
"""
    assert verdicts(check(text)) == [(2, "proved")]


def test_regression_upright_text_log_dropped_made_a_wrong_step_proved() -> None:
    # read without its log, \int p \textrm{log}(q/p) dx = 1 was \int q dx = 1 and proved; it is -KL(p || q)
    text = r"""$$
\int p(x) \textrm{log} \frac{q(x)}{p(x)} dx = 1
$$
"""
    assert verdicts(check(text)) == [(2, "refuted")]


# ---------------------------------------------------------------- capital laws and their densities
def test_regression_capital_law_written_only_as_a_law_is_the_law_of_its_density() -> None:
    # e_phykn, e_statproofbook, b_statproofbook: KL(P || Q) = \int p log(p/q) dx "where p and q are the densities
    # of P and Q" was refuted: P and Q were densities of their own
    text = r"""$$
D_{KL}(P \| Q) = \int_{-\infty}^{\infty} p(x) \log\frac{p(x)}{q(x)} dx
$$
"""
    report = check(text)
    assert verdicts(report) == [(2, "proved")]
    assert any("P is read as the law whose density is p" in a["message"] for a in report.assumptions)


def test_regression_capital_law_of_a_discrete_density_is_summed() -> None:
    text = r"""$$
\mathrm{KL}[P||Q] = \sum_{x \in \mathcal{X}} p(x) \cdot \log \frac{p(x)}{q(x)}
$$
"""
    assert verdicts(check(text)) == [(2, "proved")]


def test_regression_capital_law_as_its_density_keeps_a_wrong_step_refuted() -> None:
    # the reversed ratio is -KL(p || q), not KL(P || Q): still refuted under the reading
    text = r"""$$
KL(P \| Q) = \int p(x) \log\frac{q(x)}{p(x)} dx
$$
"""
    assert verdicts(check(text)) == [(2, "refuted")]


def test_regression_capital_applied_to_an_argument_stays_apart_from_the_small_letter() -> None:
    # P(x) written as a function: P is a density of its own, and KL(P || Q) = \int p log(p/q) is not judged true
    text = r"""$$
KL(P \| Q) = \int P(x) \log\frac{P(x)}{Q(x)} dx
$$
$$
KL(P \| Q) = \int p(x) \log\frac{p(x)}{q(x)} dx
$$
"""
    report = check(text)
    assert verdicts(report) == [(2, "proved"), (5, "refuted")]
    assert not any("read as the law whose density" in a["message"] for a in report.assumptions)


def test_regression_capital_named_by_a_directive_stays_apart() -> None:
    text = r"""%! density P on [0, 1]
$$
KL(P \| Q) = \int p(x) \log\frac{p(x)}{q(x)} dx
$$
"""
    report = check(text, "t.tex")
    assert not any(s.verdict.accepted for s in report.steps)
