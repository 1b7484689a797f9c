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


# ---------------------------------------------------------------- what the text states and the checker does not apply
def _reason(report: FileReport, line: int) -> str:
    (step,) = [s for s in report.steps if s.line == line]
    return step.reason


def test_regression_prose_value_of_a_constant_makes_a_refutation_unknown() -> None:
    # a_d2l: "maximize the cross-entropy loss when $y=0$", then max_G {-(1-y) log(1-D(G(z)))} = max_G {-log(1-D(G(z)))}:
    # true at y = 0, refuted with y free
    text = r"""We maximize the loss when $y=0$:

$$ \max_G \{ - (1-y) \log(1-D(G(z))) \} = \max_G \{ - \log(1-D(G(z))) \}.$$
"""
    report = check(text)
    assert verdicts(report) == [(3, "unknown")]
    assert "line 1 states y=0" in _reason(report, 3) and "%! assume y=0" in _reason(report, 3)


def test_regression_prose_value_that_does_not_save_the_step_keeps_it_refuted() -> None:
    # at y = 0 the left side is -log(1 - D), not -log D: the step fails under the prose's value too
    text = r"""We maximize the loss when $y=0$:

$$ - (1-y) \log(1-D(x)) = - \log(D(x)) $$
"""
    assert verdicts(check(text)) == [(3, "refuted")]


def test_regression_prose_equality_of_densities_is_no_premise() -> None:
    # examples/lsgan.tex with a factor 2 planted: "with equality exactly when $p_g = p_{data}$" made the wrong
    # 2 C(G) = 2 \int (p_data - p_g)^2 / (p_data + p_g) unknown (both sides vanish at p_g = p_data): the equality
    # case a text names is no premise of its steps, and such a step stays refuted
    text = r"""At the optimum $p_g = p_{data}$, so

$$ KL(p_g \| p_{data}) = 0 $$
$$ \int \frac{(p_{data}(x) - p_g(x))^2}{p_{data}(x) + p_g(x)} \, dx = 2 \int \frac{(p_{data}(x) - p_g(x))^2}{p_{data}(x) + p_g(x)} \, dx $$
"""
    assert verdicts(check(text)) == [(3, "refuted"), (4, "refuted")]


def test_regression_prose_value_far_from_the_display_is_no_premise() -> None:
    text = r"""We maximize the loss when $y=0$.

Some other remark.

And one more line of prose.

$$ - (1-y) \log(1-D(G(z))) = - \log(1-D(G(z))) $$

$$ \max_G \{ - (1-y) \log(1-D(G(z))) \} = \max_G \{ - \log(1-D(G(z))) \}.$$
"""
    # the bare step is refuted with y free; under \max_G the step is unknown only because two different
    # expressions can have the same optimum, and neither reason cites the far prose's y=0
    report = check(text)
    assert verdicts(report) == [(7, "refuted"), (9, "unknown")]
    assert "states y=0" not in _reason(report, 9) and "optima may still agree" in _reason(report, 9)


def test_regression_unread_law_statement_makes_a_refutation_unknown() -> None:
    # e_kennethwang: "P(x) \sim N(\mu_p, \sigma_p^2)" could not be read, and \int (x - mu_p)^2 P(x) dx = sigma_p^2
    # (true for that P) was refuted with P any density
    text = r"""$$
P(x) \sim N(\mu_p, \sigma_p^2)
$$
$$
\int_{-\infty}^{\infty}(x - \mu_p)^2 P(x) dx = \sigma_p^2
$$
"""
    report = check(text)
    assert verdicts(report) == [(5, "unknown")]
    assert "line 2 states P(x) \\sim N(\\mu_p, \\sigma_p^2), which the checker cannot read" in _reason(report, 5)
    assert report.errors  # the unread row is still reported as an error


def test_regression_unread_statement_about_another_name_leaves_a_refutation_alone() -> None:
    # the unread row is about P; the refuted step uses only p and q
    text = r"""$$
P(x) \sim N(\mu_p, \sigma_p^2)
$$
$$
KL(p \| q) = \int p(x) \log \frac{q(x)}{p(x)} dx
$$
"""
    assert verdicts(check(text)) == [(5, "refuted")]


def test_regression_inline_law_statement_makes_a_refutation_unknown() -> None:
    # e_cv7440: "Let $p(x) = N(\mu_1, \sigma_1)$" and then the entropy of that Gaussian, refuted with p any density
    text = r"""Let $p(x) = N(\mu_1, \sigma_1)$. Then

$$\int p(x) \log p(x) dx = -\frac{1}{2} (1 + \log (2 \pi \sigma_1^2)),$$
"""
    report = check(text)
    assert verdicts(report) == [(3, "unknown")]
    assert "line 1 states p(x) = N(\\mu_1, \\sigma_1)" in _reason(report, 3)


# ---------------------------------------------------------------- the optimal discriminator named and never defined
def test_regression_undefined_starred_discriminator_is_tried_as_the_optimum() -> None:
    # d_srome: "plug in $D^*_G$", then 1 - D^*_G(x) = 1 - p_data/(p_G + p_data): refuted with D^*_G any
    # discriminator, true for the optimal one
    text = r"""$$
1-D_G^*(x) = 1 - \frac{p_{data}(x)}{p_{G}(x)+p_{data}(x)}
$$
"""
    report = check(text)
    # one data density and one other law beside it: D^*_G is that optimum by its name (an assumption says so)
    assert verdicts(report) == [(2, "proved")]
    assert any("D_G^* is not defined in the file: read as the optimal discriminator" in str(a.get("message"))
               for a in report.assumptions)
    # a third law leaves a doubt which optimum it is: tried as each, unknown
    three = text.replace("1 - \\frac", "\\int q(y) dy - \\frac")
    report = check(three)
    assert verdicts(report) == [(2, "unknown")]
    assert "D^*_G is not defined in the file" in _reason(report, 2)


def test_regression_undefined_starred_discriminator_wrong_for_every_optimum_stays_refuted() -> None:
    # 1 - D^*(x) = D^*(x) holds for no optimum p_a / (p_a + p_b) of two different densities
    text = r"""$$
1-D_G^*(x) = D_G^*(x) + \frac{p_{data}(x)}{p_{G}(x)+p_{data}(x)}
$$
"""
    assert verdicts(check(text)) == [(2, "refuted")]


def test_regression_plain_discriminator_is_not_tried_as_the_optimum() -> None:
    # D (no star, no label) is any discriminator: the same row is refuted
    text = r"""$$
1-D(x) = 1 - \frac{p_{data}(x)}{p_{G}(x)+p_{data}(x)}
$$
"""
    assert verdicts(check(text)) == [(2, "refuted")]


# ---------------------------------------------------------------- the noise density's spellings
def test_regression_noise_density_in_capitals_is_the_noise() -> None:
    # b_ponte: E_{z ~ p_Z}[log(1 - D(G(z)))] = E_{x ~ p_G}[log(1 - D(x))] (LOTUS) was refuted: p_Z was not the noise,
    # so p_G was not read as the law of G(z)
    text = r"""$$ \mathbb{E}_{z \sim p_{Z}(z)} \log (1-D(G(z))) = \mathbb{E}_{x \sim p_{G}(x)} \log(1-D(x)) $$
$$ \mathbb{E}_{x \sim p_{data}} \log D(x) = \int p_{data}(x) \log D(x) \, dx $$
"""
    report = check(text)
    assert verdicts(report) == [(1, "proved"), (2, "proved")]
    assert any("p_Z is read as the noise density p_z" in a["message"] for a in report.assumptions)


def test_regression_p_at_the_noise_is_the_noise_density() -> None:
    # d_srome: \int_z p(z) log(1 - D(G(z))) dz next to E_{z ~ p_z}: p(z) is the noise density (the format says so)
    text = r"""$$ \mathbb{E}_{z \sim p_z}[\log(1 - D(G(z)))] = \int p(z) \log(1 - D(G(z))) \, dz $$"""
    report = check(text)
    assert verdicts(report) == [(1, "proved")]
    assert any("p is read as the noise density p_z" in a["message"] for a in report.assumptions)


def test_regression_p_written_at_x_is_not_the_noise_density() -> None:
    # p is also applied to x: it is a density of its own, and the step is refuted
    text = r"""$$ \mathbb{E}_{z \sim p_z}[\log(1 - D(G(z)))] = \int p(z) \log(1 - D(G(z))) \, dz $$
$$ \int p(x) \, dx = 1 $$
"""
    report = check(text)
    assert verdicts(report)[0] == (1, "refuted")


# ---------------------------------------------------------------- layout and the generator's law
def test_regression_row_starting_with_plus_continues_the_row_before() -> None:
    # b_jaketae: "&= - \log 4 + E_{p_data}[...] \\ & \quad+ E_{p_g}[...]" was read as two rows, and the first,
    # without its last term, refuted against the row before
    text = r"""$$
\begin{align}
V &= \int p(x) \log p(x) \, dx + \int q(x) \log q(x) \, dx \\ &= \int p(x) \log p(x) \, dx \\ & \quad+ \int q(x) \log q(x) \, dx \\
&= 2 \int p(x) \log p(x) \, dx \\ & \quad+ \int q(x) \log q(x) \, dx
\end{align}
$$
"""
    assert verdicts(check(text)) == [(3, "proved"), (4, "refuted")]


def test_regression_density_named_after_the_generator_is_its_law_beside_other_densities() -> None:
    # b_weng: a file with p, q (a KL section) besides p_r, p_z, p_g: p_g was no pushforward, and the LOTUS step
    # E_z[log(1 - D(G(z)))] = E_{p_g}[log(1 - D(x))] was refuted
    text = r"""$$ KL(p \| q) = \int p(x) \log \frac{p(x)}{q(x)} \, dx $$
$$
\begin{aligned}
L & = \mathbb{E}_{x \sim p_{r}(x)} [\log D(x)] + \mathbb{E}_{z \sim p_z(z)} [\log(1 - D(G(z)))] \\
& = \mathbb{E}_{x \sim p_{r}(x)} [\log D(x)] + \mathbb{E}_{x \sim p_g(x)} [\log(1 - D(x))] \\
& = \mathbb{E}_{x \sim p_{r}(x)} [\log D(x)] + \mathbb{E}_{x \sim p_g(x)} [\log(D(x))]
\end{aligned}
$$
"""
    report = check(text)
    assert verdicts(report) == [(1, "proved"), (5, "proved"), (6, "refuted")]
    assert any("its subscript names the generator" in a["message"] for a in report.assumptions)
