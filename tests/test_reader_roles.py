"""Names read by their role, not by the dialect's fixed letters: the value function a game's display
defines, decorated parameters of a definition, capital laws P and Q, expectations subscripted by their
law or by the noise.  Each reading is stated in the output, and none makes a wrong step accepted."""

from __future__ import annotations

import pytest

from ganproof.errors import InputError
from ganproof.reader.check import FileReport, check_document
from ganproof.reader.document import read_text


def check(text: str) -> FileReport:
    return check_document(read_text(text, "t.md"))


def verdicts(report: FileReport) -> list[tuple[int, str]]:
    return [(s.line, s.verdict.value) for s in report.steps]


GAME = r"""$$
\min_G \max_D V(D, G) = \mathbb{E}_{x \sim p_{data}}[\log D(x)] + \mathbb{E}_{x \sim p_g}[\log(1 - D(x))]
$$
$$
V(D, G) = \int_x p_{data}(x) \log D(x) + p_g(x) \log(1 - D(x)) \, dx
$$
$$
V(D, G) = \int_x p_{data}(x) \log D(x) + p_g(x) \log D(x) \, dx
$$
"""


def test_a_game_display_defines_the_value_inside_its_optimisation():
    report = check(GAME)
    assert verdicts(report) == [(5, "proved"), (8, "refuted")]
    assert [d["line"] for d in report.definitions] == [2]
    assert any("read as the definition of V" in a["message"] for a in report.assumptions)


def test_a_game_display_with_the_same_game_on_both_sides_defines_the_bodies():
    text = GAME.replace(r"= \mathbb{E}_{x \sim p_{data}}", r"= \min_G \max_D \mathbb{E}_{x \sim p_{data}}", 1)
    report = check(text)
    assert verdicts(report) == [(5, "proved"), (8, "refuted")]


def test_an_optimisation_over_no_parameter_defines_nothing():
    # F names nothing: an error, not a definition (f would be any function by its role, and still define nothing)
    text = r"""$$\max_D F(x) = 3$$
$$a + a = 2 a$$
"""
    doc = read_text(text, "t.md")
    assert doc.errors and "unknown name F" in str(doc.errors[0])
    assert read_text(text.replace("F(x)", "f(x)"), "t.md").definitions == ()


def test_regression_a_decorated_parameter_is_replaced_when_the_definition_is_applied():
    # a dummy placeholder would leave a_1 in f(3), accepting f(3) = a_1^2 (false for most a_1)
    text = r"""$$f(a_1) = a_1^2$$
$$f(3) = 9$$
$$f(3) = a_1^2$$
"""
    report = check(text)
    assert verdicts(report) == [(2, "proved"), (3, "refuted")]


def test_sample_like_parameters_are_kept_apart_and_the_bare_name_is_the_function_at_them():
    text = r"""$$J^{(D)}(\theta^{(D)}, \theta^{(G)}) = -\mathbb{E}_{x \sim p_{data}}[\log D(x)]$$
$$J^{(D)} = -\int p_{data}(x) \log D(x) \, dx$$
$$J^{(D)} = \int p_{data}(x) \log D(x) \, dx$$
"""
    report = check(text)
    assert verdicts(report) == [(2, "proved"), (3, "refuted")]


def test_a_definition_parameter_that_already_has_a_value_is_refused():
    with pytest.raises(InputError, match="already stands for a value"):
        read_text(r"""$$f(e^{2}, x) = x$$
$$f(2, 3) = 3$$
""", "t.md")


def test_capital_laws_are_densities_of_their_own_and_said_so():
    text = r"""$$KL(P \| Q) = \int P(x) \log \frac{P(x)}{Q(x)} \, dx$$
$$KL(P \| p) = 0$$
"""
    report = check(text)
    assert verdicts(report) == [(1, "proved"), (2, "refuted")]
    assert any("P is read as a density of its own" in a["message"] for a in report.assumptions)


def test_an_expectation_subscripted_by_a_law_draws_x_from_it():
    text = r"""$$\mathbb{E}_p\left[\log \frac{p}{q}\right] = KL(p \| q)$$
$$\mathbb{E}_q\left[\log \frac{p}{q}\right] = KL(p \| q)$$
"""
    report = check(text)
    assert verdicts(report) == [(1, "proved"), (2, "refuted")]
    assert any("the subscript names the law" in a["message"] for a in report.assumptions)


def test_an_expectation_over_z_draws_from_the_noise_density():
    text = r"""$$\mathbb{E}_z[\log(1 - D(G(z)))] = \int p_z(z) \log(1 - D(G(z))) \, dz$$"""
    report = check(text)
    assert verdicts(report) == [(1, "proved")]
    assert any("the noise density p_z" in a["message"] for a in report.assumptions)


def test_an_expectation_over_x_without_a_law_is_still_an_error():
    with pytest.raises(InputError, match="say which distribution x is drawn from"):
        read_text(r"$$\mathbb{E}_x[\log D(x)] = 1$$", "t.md")


def test_h_applied_to_densities_is_the_entropy_and_the_cross_entropy():
    text = r"""$$KL(p \| q) = H(p, q) - H(p)$$
$$KL(p \| q) = H(p) - H(p, q)$$
"""
    report = check(text)
    assert verdicts(report) == [(1, "proved"), (2, "refuted")]
    assert any("read as the cross-entropy" in a["message"] for a in report.assumptions)


def test_h_applied_to_something_else_is_still_unknown():
    doc = read_text(r"""$$H(a) = a$$
$$H(2) = 2$$
""", "t.md")
    assert len(doc.chains) == 1 and [d.name for d in doc.definitions] == ["H(a)"]
    with pytest.raises(InputError, match="unknown name H"):
        read_text(r"$$H(2, a) = 2 a$$", "t.md")


def test_lowercase_g_applied_to_the_noise_is_a_generator():
    text = r"""$$\int_z p_z(z) \log(1 - D(g(z))) \, dz = \mathbb{E}_{z \sim p_z}[\log(1 - D(g(z)))]$$
$$\int_z p_z(z) \log(1 - D(g(z))) \, dz = \mathbb{E}_{z \sim p_z}[\log(D(g(z)))]$$
"""
    report = check(text)
    assert verdicts(report) == [(1, "proved"), (2, "refuted")]
    assert sum("g(z) is read as a generator" in a["message"] for a in report.assumptions) == 1


SIGMOID = r"""The discriminator is $D(x) = \sigma(x)$, where $\sigma$ is the sigmoid.
$$ \sigma(0) = \frac{1}{2} $$
$$ \frac{d}{dx} \sigma(x) = \sigma(x) (1 - \sigma(x)) $$
$$ \sigma(x) + \sigma(-x) = 2 $$
"""


def test_sigma_applied_and_never_defined_is_the_logistic_sigmoid() -> None:
    # sigma(0) = 1/2 was refuted: sigma(0) was read as the constant sigma times 0
    report = check(SIGMOID)
    assert verdicts(report) == [(2, "proved"), (3, "proved"), (4, "refuted")]
    assert any("logistic sigmoid" in a["message"] for a in report.assumptions), report.assumptions


def test_sigma_that_also_stands_alone_is_a_number_not_the_sigmoid() -> None:
    # a Gaussian's sigma: sigma (a + b) = sigma a + sigma b holds for the number, not for the sigmoid
    report = check(r"$$ \sigma^2 + \sigma(a + b) = \sigma^2 + \sigma a + \sigma b $$" + "\n")
    assert verdicts(report) == [(1, "proved")]


def test_a_defined_sigma_keeps_its_definition() -> None:
    report = check("Let $\\sigma(x) = \\frac{1}{1 + e^{-2x}}$.\n$$ \\sigma(1) = \\frac{1}{1 + e^{-1}} $$\n")
    assert verdicts(report) == [(2, "refuted")]
