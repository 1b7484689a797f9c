"""What rows of a derivation file mean: sample provenance, named rules, \\max in front, definitions
applied, sequences of equations; each judged by the full checker (DIALECT.md sections 1-4)."""

from __future__ import annotations

import pytest
from sympy.core.function import AppliedUndef

from ganproof.reader.check import FileReport, check_document
from ganproof.reader.document import read_text


def check(text: str) -> FileReport:
    return check_document(read_text(text, "t.tex"))


def verdicts(report: FileReport) -> list[tuple[int, str]]:
    return [(s.line, s.verdict.value) for s in report.steps]


PAIRED = r"""%! pushforward p_g = G(z), z \sim p_z
%! sample x^{(i)} \sim p_r, z^{(i)} \sim p_z
\begin{align*}
L &= \mathbb{E}_{x \sim p_r}[\log D(x)] + \mathbb{E}_{z \sim p_z}[\log(1 - D(G(z)))] \\
  &= \lim_{m \to \infty} \frac{1}{m} \sum_{i=1}^{m} \left[\log D(x^{(i)}) + \log(1 - D(G(z^{(i)})))\right]
\end{align*}
"""


def test_one_sum_over_paired_samples_each_with_its_own_law_is_proved():
    report = check(PAIRED)
    assert verdicts(report) == [(5, "proved")]
    assert report.steps[0].digits is not None and report.steps[0].digits >= 30
    assert "the samples z^(i) are drawn from p_z" in [a["message"] for a in report.assumptions]


def test_regression_paired_sample_mean_unfolds_to_single_integrals():
    # a sum over (x^(i), z^(i)) once unfolded to a double expectation: a double quadrature, minutes
    from ganproof.vocabulary import Expectation
    doc = read_text(PAIRED, "t.tex")
    mean = doc.chains[0].points[-1].side.expr
    unfolded = mean.unfold(doc.context) if hasattr(mean, "unfold") else None
    assert unfolded is not None
    for e in unfolded.atoms(Expectation):
        assert not e.body.atoms(Expectation), "nested expectation"


LABELLED = r"""%! sample (x^{(i)}, y^{(i)}) \sim labelled(p_r: 1, p_g: 0)
\begin{align*}
L &= \mathbb{E}_{x \sim p_r}[\log D(x)] + \mathbb{E}_{x \sim p_g}[\log(1 - D(x))] \\
  &= -2 \lim_{m \to \infty} \frac{1}{m} \sum_{i=1}^{m} CE(y^{(i)}, D(x^{(i)})) \\
  &= - \lim_{m \to \infty} \frac{1}{m} \sum_{i=1}^{m} CE(y^{(i)}, D(x^{(i)}))
\end{align*}
"""


def test_labelled_mixture_with_binary_cross_entropy_needs_its_factor_2():
    report = check(LABELLED)
    assert verdicts(report) == [(4, "proved"), (5, "refuted")]
    cex = report.steps[1].counterexample
    assert cex is not None and cex.slip is not None and "factor of 1/2" in cex.slip
    assert float(cex.rhs) == pytest.approx(float(cex.lhs) / 2, rel=1e-12)


UNDECLARED = r"""\begin{align*}
\mathbb{E}_{x \sim p_r}[\log D(x)] + \mathbb{E}_{x \sim p_g}[\log(1 - D(x))]
  &= \lim_{m \to \infty} \frac{1}{m} \sum_{i=1}^{m} \log D(x^{(i)}) + \mathbb{E}_{x \sim p_g}[\log(1 - D(x))]
\end{align*}
"""


def test_undeclared_samples_that_one_density_explains_are_unknown_with_a_hint():
    report = check(UNDECLARED)
    assert verdicts(report) == [(3, "unknown")]
    assert r"declare it with %! sample x^{(i)} \sim p_r" in report.steps[0].reason


def test_undeclared_samples_no_candidate_explains_are_refuted():
    text = UNDECLARED.replace(r"\log D(x^{(i)}) + \mathbb{E}_{x \sim p_g}[\log(1 - D(x))]",
                              r"\left[\log D(x^{(i)}) + \log(1 - D(x^{(i)}))\right]")
    assert text != UNDECLARED
    report = check(text)
    assert verdicts(report) == [(3, "refuted")]
    assert "no distribution makes the step hold" in report.steps[0].reason
    assert report.steps[0].counterexample is not None


NAMED = r"""\begin{align*}
KL(p \| q) &= \int p(x) \log \frac{p(x)}{q(x)} dx \tag{lotus} \\
&= \int p(x) \log p(x) \, dx - \int p(x) \log q(x) \, dx % by log-algebra
\end{align*}
"""


def test_a_named_rule_that_does_not_justify_its_step_is_reported():
    report = check(NAMED)
    first, second = report.steps
    assert first.verdict.value == "unknown"
    assert "rule 'lotus' does not justify this step" in first.reason and "kl-definition" in first.reason
    assert second.verdict.value == "proved" and second.rule == "log-algebra"


def test_error_label_shows_the_whole_sample_name():
    from ganproof.errors import InputError
    text = r"$$\mathbb{E}_{x \sim p_r}[\log D(x)] = \frac{1}{m} \sum_{i=1}^{m} \log D(x^{(i)}) + \log D(x^{(i)})$$"
    with pytest.raises(InputError, match=r"the sample x\^\{\(i\)\} is only read inside a sample mean") as err:
        read_text(text, "t.tex")
    assert err.value.col == text.rindex("x^{(i)}") + 1


def test_bare_densities_get_no_typo_warning():
    report = check(NAMED)
    assert not report.warnings


def test_max_in_front_of_both_sides_is_stripped_and_reported():
    text = r"""$$V(G, D) = \int \left(p_{data}(x) \log D(x) + p_G(x) \log(1 - D(x))\right) dx$$
$$\max_D V(G, D) = \max_D \mathbb{E}_{x \sim p_{data}}[\log D(x)] + \mathbb{E}_{x \sim p_G}[\log(1-D(x))]$$
"""
    report = check(text)
    assert verdicts(report) == [(2, "proved")]
    assert "stripped" in report.steps[0].reason
    assert [d["line"] for d in report.definitions] == [1]


def test_several_relations_in_one_row_are_one_step_each():
    text = r"""$$\mathbb{E}_{x \sim p}[\log q(x)] = \int p(x) \log q(x) \, dx = -CE(p(x), q(x)) = CE(p(x), q(x))$$"""
    report = check(text)
    assert verdicts(report) == [(1, "proved"), (1, "proved"), (1, "refuted")]
    assert "opposite sign" in (report.steps[2].counterexample.slip or "")


def test_a_definition_applied_to_the_optimal_discriminator():
    text = r"""$$D^*_G(x) = \frac{p_{data}(x)}{p_{data}(x) + p_G(x)}$$
$$V(G, D) = \mathbb{E}_{x \sim p_{data}}[\log D(x)] + \mathbb{E}_{x \sim p_G}[\log(1 - D(x))]$$
\begin{align*}
V(G, D^*_G) &= \int \left(p_{data}(x) \log \frac{p_{data}(x)}{p_{data}(x) + p_G(x)}
   + p_G(x) \log \frac{p_G(x)}{p_{data}(x) + p_G(x)}\right) dx \\
&= -\log 4 + 2 JSD(p_{data} \| p_G)
\end{align*}
"""
    report = check(text)
    assert verdicts(report) == [(4, "proved"), (6, "proved")]


F_DIVERGENCE = r"""$$f(u) = u \log u$$
$$D_f(p \| q) = \int q(x) f\left(\frac{p(x)}{q(x)}\right) dx$$
$$D_f(p_{data} \| p_g) = KL(p_{data} \| p_g)$$
"""


def test_regression_definition_written_with_parallel_bars_is_applied_with_them():
    # D_f(p \| q) = ... defined a name that could not be applied as written: '||' was an error
    # for every name but KL and JSD, even for one defined with it
    from ganproof.vocabulary import Defined
    doc = read_text(F_DIVERGENCE, "t.tex")
    applied = doc.chains[0].points[0].side.expr
    assert isinstance(applied, Defined) and applied.label == r"D_f(p_{data} \| p_g)"
    assert {f.func.__name__ for f in applied.value.atoms(AppliedUndef)} == {"p_data", "p_g"}
    report = check(F_DIVERGENCE)
    assert verdicts(report) == [(3, "proved")]


def test_regression_definition_with_parallel_bars_may_be_applied_with_a_comma():
    bars = read_text(F_DIVERGENCE, "t.tex").chains[0].points[0].side.expr
    comma = read_text(F_DIVERGENCE.replace(r"D_f(p_{data} \| p_g) =", r"D_f(p_{data}, p_g) ="), "t.tex")
    assert comma.chains[0].points[0].side.expr.value == bars.value


def test_regression_no_typo_warning_that_names_no_candidate():
    # a subscripted density (p_{data}) first seen in a step, when the only densities known before are bare
    # ones (p, q: a definition's parameters), was warned about with "did you mean ?" and no name
    text = F_DIVERGENCE.replace(r"p \| q", "p, q").replace(r"p_{data} \| p_g) =", "p_{data}, p_g) =")
    doc = read_text(text, "t.tex")
    assert not [w for w in doc.warnings if "did you mean" in w.message], doc.warnings
    # a subscripted density beside another subscripted one is still a suspected slip
    slip = read_text(text.replace("$$D_f(p_{data}", "$$q = p_G(x)$$\n$$D_f(p_{data}"), "t.tex")
    assert [w.message for w in slip.warnings if "did you mean p_G" in w.message]
