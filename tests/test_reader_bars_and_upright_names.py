"""Written forms of real derivations that stopped their files (issue 14): a parameter after a bar,
``p(x \\mid \\theta)`` and ``p(x | \\theta)``; a single bar between a divergence's arguments, ``KL(F|G)``;
``\\textrm{D}_{\\textrm{KL}}``; a sample mean under a limit that made its density a law on a finite alphabet;
``\\d x``, the upright differential of notes that define ``\\d`` elsewhere.  Each reading changes spelling
only: a wrong step written with it stays refuted."""

from __future__ import annotations

import pytest

from ganproof.errors import InputError
from ganproof.reader.check import check_document
from ganproof.reader.document import read_text


def report(*rows: str):  # type: ignore[no-untyped-def]
    text = "".join(f"$$\n{row}\n$$\n\n" for row in rows)
    return check_document(read_text(text, name="t.md"))


def verdicts(*rows: str) -> list[str]:
    return [s.verdict.value for s in report(*rows).steps]


def warnings(*rows: str) -> list[str]:
    return [str(w) for w in read_text("".join(f"$$\n{row}\n$$\n\n" for row in rows), name="t.md").warnings]


# ------------------------------------------------------------------ p(x | \theta) is p_\theta(x)
@pytest.mark.parametrize("bar", [r"\mid", "|"])
def test_regression_conditioning_bar_on_a_parameter_was_an_error(bar: str) -> None:
    row = rf"\mathbb{{E}}_{{x \sim p}}[\log p(x {bar} \theta)] = \int p(x) \log p_\theta(x) \, dx"
    assert verdicts(row) == ["proved"]


def test_parameter_after_a_bar_is_the_same_density_as_the_subscript() -> None:
    # p(x | theta) is p_theta, not p: KL(p || p(x|theta)) expands with log p_theta
    assert verdicts(r"KL(p \| p(x|\theta)) = \mathbb{E}_{x \sim p}[\log p(x) - \log p_\theta(x)]") == ["proved"]


def test_parameter_after_a_bar_is_not_the_unparametrised_density() -> None:
    assert verdicts(r"\mathbb{E}_{x \sim p}[\log p(x | \theta)] = \int p(x) \log p(x) \, dx") == ["refuted"]


@pytest.mark.parametrize("row", [
    r"q(z | x) = 1",                        # a conditional density: not a parameter
    r"\mathcal{L}(\theta \mid x) = 1",      # a likelihood: not a density letter
    r"p(x | \theta, \phi) = 1",              # more than one letter after the bar
    r"a = |b",                              # an absolute value that is never closed
    r"|a (b| + c) = 1",                     # a bar whose pair lies outside its brackets
])
def test_other_single_bars_stay_errors(row: str) -> None:
    with pytest.raises(InputError, match="a single \\|"):
        report(row)


# ------------------------------------------------------------------ |a|: absolute values
@pytest.mark.parametrize("row, expected", [
    (r"|a - b| = |b - a|", "proved"),
    (r"\left| a \right|^2 = a^2", "proved"),
    (r"\lvert -3 \rvert + 2|b| = 3 + 2 \vert b \vert", "proved"),
    (r"|a b| = |a||b|", "proved"),  # by absolute-value
    (r"|1 - D(x)| = 1 - D(x)", "proved"),  # the sign of 1 - D is proved
    (r"|a| + |b| = |a + b|", "refuted"),
    (r"||a| - |b|| = |a - b|", "refuted"),
    (r"|KL(p \| q) - KL(q || p)| = 0", "refuted"),
    (r"\int_{-1}^{2} |x| \, dx = \frac{5}{2}", "confirmed"),
    (r"\int_{-1}^{2} |x^2 - 1| \, dx = \frac{8}{3}", "confirmed"),
    (r"\int_{-1}^{2} |x| \, dx = \frac{5}{2} + 10^{-20}", "refuted"),
])
def test_absolute_values_are_read_and_checked(row: str, expected: str) -> None:
    assert verdicts(row) == [expected]


@pytest.mark.parametrize("row", [r"|a - 30| = 30 - a", r"|x + 30| = 30 + x", r"\int_{-10}^{10} |x - c| \, dx = 100 + c^2"])
def test_regression_an_identity_true_only_where_an_absolute_values_argument_has_one_sign_was_confirmed(
        row: str) -> None:
    # every constant and point drawn lies below 30, so |a - 30| = 30 - a agreed on all of them
    rep = report(row)
    (step,) = rep.steps
    assert step.verdict.value == "unknown" and "by the sign of" in step.reason


def test_an_integral_over_a_kink_it_cannot_place_is_unknown() -> None:
    # |p(x) - q(x)| bends where p = q: quadrature across the bend has no trustworthy error estimate
    rep = report(r"\int |p(x) - q(x)| \, dx = 1")
    (step,) = rep.steps
    assert step.verdict.value == "unknown" and "not located here" in step.reason


# ------------------------------------------------------------------ KL(F|G): the divergence bar
def test_regression_single_bar_in_a_divergence_was_an_error() -> None:
    assert verdicts(r"D_{KL}(p | q) = \int p(x) \log \frac{p(x)}{q(x)} \, dx",
                    r"KL(p|q) = KL(p \| q)", r"KL(p \mid q) = KL(p \| q)") == ["proved"] * 3


def test_single_bar_in_a_divergence_keeps_its_order() -> None:
    assert verdicts(r"KL(p | q) = KL(q \| p)") == ["refuted"]


def test_single_bar_beside_a_double_bar_is_still_an_error() -> None:
    with pytest.raises(InputError, match="a single \\|"):
        report(r"KL(p | q \| q) = 1")


# ------------------------------------------------------------------ \textrm{D}_{\textrm{KL}}
@pytest.mark.parametrize("written", [r"\textrm{D}_{\textrm{KL}}", r"\text{D}_{\text{KL}}", r"\textrm{D}_\textrm{KL}",
                                     r"\mathrm{D}_{\textrm{KL}}", r"\text{D}_{KL}"])
def test_regression_upright_text_d_with_kl_subscript_was_an_error(written: str) -> None:
    assert verdicts(rf"{written}(p \| q) = \int p(x) \log \frac{{p(x)}}{{q(x)}} \, dx") == ["proved"]


def test_upright_text_kl_keeps_a_wrong_expansion_refuted() -> None:
    assert verdicts(r"\textrm{D}_{\textrm{KL}}(p \| q) = \int q(x) \log \frac{p(x)}{q(x)} \, dx") == ["refuted"]


def test_text_letter_without_a_subscript_stays_commentary() -> None:
    # \text{D} alone is prose, as before: it does not become the discriminator
    assert verdicts(r"1 + 1 = 2 \text{D}") == ["proved"]


# ------------------------------------------------------------------ a sample mean under a limit
LIMIT = r"\mathbb{E}_{x \sim p}[\log q(x)] = \lim_{n\to\infty} \frac1n\sum_{i=1}^n \log q(x_i)"


def test_regression_sample_mean_under_a_limit_made_its_density_a_finite_alphabet() -> None:
    rep = report(LIMIT, r"\mathbb{E}_{x \sim p}[\log q(x)] = \int p(x) \log q(x) \, dx")
    assert not rep.errors
    assert [s.verdict.value for s in rep.steps] == ["unknown", "proved"]
    assert not any("finite alphabet" in str(a) for a in rep.assumptions)


def test_sum_over_an_alphabet_still_makes_a_law_on_it() -> None:
    rep = report(r"\sum_x p(x) \log p(x) = \sum_x p(x) \log p(x)")
    assert any("finite alphabet" in str(a) for a in rep.assumptions)


# ------------------------------------------------------------------ \d x
def test_regression_backslash_d_was_an_unknown_command() -> None:
    assert verdicts(r"\int_0^1 2x \, \d x = \int_0^1 2 x \, \mathrm{d}x") == ["proved"]


def test_backslash_d_is_reported_as_a_conventional_macro_once() -> None:
    said = [w for w in warnings(r"\int_0^1 2x \, \d x = 1", r"\int_0^1 3x^2 \, \d x = 1") if "\\d is not defined" in w]
    assert len(said) == 1 and "\\mathrm{d}" in said[0] and "math_commands" not in said[0]


def test_backslash_d_keeps_a_wrong_integral_refuted() -> None:
    assert verdicts(r"\int_0^1 2x \, \d x = 2") == ["refuted"]


def test_a_file_definition_of_backslash_d_wins() -> None:
    doc = read_text("\\newcommand{\\d}{2}\n$$\n\\d = 2\n$$\n", name="t.md")
    assert not [w for w in doc.warnings if "is not defined" in str(w)]


@pytest.mark.parametrize("row", [r"KL(\hat{p} \| q) = KL(\hat p \| q)", r"KL(\overline{p} \| q) = KL(\bar{p} \| q)",
                                 r"KL(p_{\text{data}} \| q) = KL(p_{data} \| q)"])
def test_regression_a_divergence_bar_after_a_decorated_name_was_read_as_two_absolute_value_bars(row: str) -> None:
    assert verdicts(row) == ["proved"]
