"""A function the file leaves any real function (f, g, h applied and never defined; f^* defined by a sup) is
drawn as a bounded critic on every instance, so E_p[f(x)] always had a value there, and E_p[f] - E_p[f] = 0
and 0 E_p[f] = 0 were proved.  For f(x) = x^2 (or f^*(t) = t^2/4, the conjugate of u^2) and a
Cauchy-like p the mean has no value, and E_p[f] - E_p[f] is inf - inf: such a step is unknown, as
E_p[x] - E_p[x] = 0 is (reader/check.py).  A step whose two sides hold the same mean (E_p[f] + 1 = 1 + E_p[f])
keeps its verdict, as tests/test_reader_real_constructs.py asks."""

from __future__ import annotations

import pytest
from file_checks import verdicts


SUP = "$$ f^*(t) = \\sup_{u} \\{t u - u^2\\} $$\n\n"


@pytest.mark.parametrize("text", [
    r"$$ \mathbb{E}_{x \sim p}[f(x)] - \mathbb{E}_{x \sim p}[f(x)] = 0 $$",
    r"$$ 0 \cdot \mathbb{E}_{x \sim p}[f(x)] = 0 $$",
    SUP + r"$$ \mathbb{E}_{x \sim p}[f^*(x)] + 1 - \mathbb{E}_{x \sim p}[f^*(x)] = 1 $$",
])
def test_regression_a_mean_of_any_function_was_taken_to_exist(text: str) -> None:
    ((verdict, reason),) = verdicts(text + "\n")
    assert verdict == "unknown" and "is any real function" in reason, reason


def test_a_mean_of_a_discriminator_and_a_value_of_any_function_are_still_proved() -> None:
    text = (r"$$ \mathbb{E}_{x \sim p}[D(x)] - \mathbb{E}_{x \sim p}[D(x)] = 0 $$" + "\n\n"
            r"$$ f(1) + f(2) = f(2) + f(1) $$" + "\n")
    assert [v for v, _ in verdicts(text)] == ["proved", "proved"]


def test_regression_on_a_bounded_support_the_mean_of_any_function_was_read_as_existing() -> None:
    # f(x) = 1/x against p on [0, 1] with p(0) > 0: E_p[f] = +inf, and E_p[f] - E_p[f] has no value
    text = "%! density p on [0, 1]\n" + r"$$ \mathbb{E}_{x \sim p}[f(x)] - \mathbb{E}_{x \sim p}[f(x)] = 0 $$" + "\n"
    ((verdict, reason),) = verdicts(text)
    assert verdict == "unknown" and "is any real function" in reason, reason


def test_on_a_finite_alphabet_the_mean_of_any_function_is_a_finite_sum() -> None:
    text = "%! density p on {0, 1, 2}\n" + r"$$ \mathbb{E}_{x \sim p}[f(x)] - \mathbb{E}_{x \sim p}[f(x)] = 0 $$" + "\n"
    assert [v for v, _ in verdicts(text)] == ["proved"]


@pytest.mark.parametrize("text", [
    r"$$ \mathbb{E}_{x \sim p}[f(D(x))] - \mathbb{E}_{x \sim p}[f(D(x))] = 0 $$",
    r"$$ 0 \cdot \mathbb{E}_{x \sim p}[f(D(x))] = 0 $$",
    r"$$ \mathbb{E}_{z \sim p_z}[f(G(z))] - \mathbb{E}_{z \sim p_z}[f(G(z))] = 0 $$",
    r"$$ \int p(x) f(p(x)) dx - \int p(x) f(p(x)) dx = 0 $$",
    r"$$ \mathbb{E}_{z \sim p_z}[G(z)] - \mathbb{E}_{z \sim p_z}[G(z)] = 0 $$",
    r"$$ \mathbb{E}_{x \sim p}[f(D(x))] + 1 - \mathbb{E}_{x \sim p}[f(D(x))] = 1 $$",
])
def test_regression_a_mean_of_any_function_of_d_or_g_was_taken_to_exist(text: str) -> None:
    # f(t) = 1/t and D(x) = sigmoid(x) against a Cauchy-like p: E_p[f(D(x))] = E_p[1 + e^{-x}] = +inf; G(z) = z
    # against a Cauchy-like p_z has no mean: each cancelled mean is inf - inf
    ((verdict, reason),) = verdicts(text + "\n")
    assert verdict == "unknown" and "inf - inf" in reason, reason


def test_a_mean_of_a_discriminator_of_the_generator_and_of_any_function_on_an_alphabet_are_still_proved() -> None:
    text = r"$$ \mathbb{E}_{z \sim p_z}[D(G(z))] - \mathbb{E}_{z \sim p_z}[D(G(z))] = 0 $$" + "\n"
    assert [v for v, _ in verdicts(text)] == ["proved"]
    text = "%! density p on {0, 1, 2}\n" + r"$$ \mathbb{E}_{x \sim p}[f(D(x))] - \mathbb{E}_{x \sim p}[f(D(x))] = 0 $$"
    assert [v for v, _ in verdicts(text + "\n")] == ["proved"]


def _grows(partial: object, cuts: tuple[float, ...]) -> bool:
    """The oracle, in plain mpmath (no ganproof import): ``partial(c)`` (an integral up to the cut c) grows
    without bound, each cut adding more than the last."""
    import mpmath as mp

    with mp.workdps(30):
        values = [partial(c) for c in cuts]  # type: ignore[operator]
        return all(b - a > 0.5 for a, b in zip(values, values[1:]))


def test_the_oracle_means_of_log_d_one_over_d_and_a_densitys_own_value_have_no_bound() -> None:
    import mpmath as mp

    cauchy = lambda x: 1 / (mp.pi * (1 + x ** 2))  # noqa: E731
    sigmoid = lambda x: 1 / (1 + mp.exp(-x))  # noqa: E731
    # E_p[1/D] and -E_p[log D] with D = sigmoid, p Cauchy: the mass below -c adds without bound
    assert _grows(lambda c: mp.quad(lambda x: cauchy(x) / sigmoid(x), [-c, -1]), (10, 100, 1000))
    assert _grows(lambda c: mp.quad(lambda x: -cauchy(x) * mp.log(sigmoid(x)), [-c, -1]), (1e3, 1e5, 1e7))
    # int p^2 with p(x) = 1/(2 sqrt x) on (0, 1]: -log(eps)/4 as the cut eps goes to 0
    assert _grows(lambda c: mp.quad(lambda x: 1 / (4 * x), [1 / c, 1]), (1e2, 1e4, 1e6))


@pytest.mark.parametrize("text", [
    r"$$ \mathbb{E}_{x \sim p}[\frac{1}{D(x)}] - \mathbb{E}_{x \sim p}[\frac{1}{D(x)}] = 0 $$",
    r"$$ \mathbb{E}_{x \sim p}[\log D(x)] - \mathbb{E}_{x \sim p}[\log D(x)] = 0 $$",
    r"$$ 0 \cdot \mathbb{E}_{x \sim p}[\log(1 - D(x))] = 0 $$",
    r"$$ \mathbb{E}_{z \sim p_z}[D(G(z))^{-2}] + 1 - \mathbb{E}_{z \sim p_z}[D(G(z))^{-2}] = 1 $$",
    r"$$ \int p(x) \log D(x) \, dx - \int p(x) \log D(x) \, dx = 0 $$",
])
def test_regression_a_mean_of_log_d_or_a_negative_power_of_d_was_taken_to_exist(text: str) -> None:
    ((verdict, reason),) = verdicts(text + "\n")
    assert verdict == "unknown" and "its logarithm or a negative power of it has no bound" in reason, reason


@pytest.mark.parametrize("text", [
    r"$$ \int p(x)^2 \, dx - \int p(x)^2 \, dx = 0 $$",
    r"$$ \mathbb{E}_{x \sim p}[p(x)] - \mathbb{E}_{x \sim p}[p(x)] = 0 $$",
    r"$$ 0 \cdot \int \frac{p(x)^2}{q(x)} \, dx = 0 $$",
])
def test_regression_a_mean_of_a_densitys_own_value_was_taken_to_exist(text: str) -> None:
    ((verdict, reason),) = verdicts("%! density p, q\n" + text + "\n")
    assert verdict == "unknown" and "a density's value has no bound" in reason, reason


def test_bounded_functions_of_d_and_densities_as_weights_are_still_proved() -> None:
    # log(1 + D) is in (0, log 2), D^2 in (0, 1); p and (p + q)/2 weigh an integral of a bounded integrand
    rows = [r"\mathbb{E}_{x \sim p}[\log(1 + D(x))] - \mathbb{E}_{x \sim p}[\log(1 + D(x))] = 0",
            r"\mathbb{E}_{x \sim p}[D(x)^2] - \mathbb{E}_{x \sim p}[D(x)^2] = 0",
            r"\int \frac{p(x) + q(x)}{2} D(x) \, dx - \int \frac{p(x) + q(x)}{2} D(x) \, dx = 0",
            r"\int p(x) \, dx - \int p(x) \, dx = 0"]
    text = "%! density p, q\n" + "\n\n".join(f"$$ {r} $$" for r in rows) + "\n"
    assert [v for v, _ in verdicts(text)] == ["proved"] * 4


def test_on_a_finite_alphabet_a_mean_of_log_d_is_a_finite_sum() -> None:
    text = "%! density p on {0, 1, 2}\n" + r"$$ \mathbb{E}_{x \sim p}[\log D(x)] - \mathbb{E}_{x \sim p}[\log D(x)] = 0 $$"
    assert [v for v, _ in verdicts(text + "\n")] == ["proved"]


@pytest.mark.parametrize("text, words", [
    ("Let $V(D) = \\mathbb{E}_{x \\sim p}[1/D(x)]$.\n$$ V(D) - V(D) = 0 $$\n", "a discriminator's value is in (0, 1)"),
    ("Let $W = \\mathrm{KL}(p \\| q)$.\n$$ W - W = 0 $$\n", "inf - inf"),
    ("Let $W = \\mathrm{KL}(p \\| q)$.\n$$ 0 \\cdot W = 0 $$\n", "0 * inf"),
    ("$$ \\frac{1}{m}\\sum_{i=1}^m \\log D(x^{(i)}) - \\frac{1}{m}\\sum_{i=1}^m \\log D(x^{(i)}) = 0 $$\n",
     "a discriminator's value is in (0, 1)"),
])
def test_regression_a_defined_name_or_a_sample_mean_cancelled_against_itself_was_proved(text: str, words: str) -> None:
    # E_p[1/D] = +inf for D = sigmoid against a Cauchy-like p, KL(p || q) = +inf for a Cauchy-like p against a
    # Gaussian q, and a sample mean of log D is read as its limit E_p[log D] = -inf there: inf - inf has no value.
    # The resolver recorded only divergences, integrals and expectations written out, not a name that stands for
    # one (V(D), W) or a sample mean, before SymPy cancelled them.
    ((verdict, reason),) = verdicts(text)
    assert verdict == "unknown" and words in reason, reason


def test_a_defined_mean_of_a_bounded_function_cancelled_against_itself_is_still_proved() -> None:
    text = "Let $U(D) = \\mathbb{E}_{x \\sim p}[D(x)]$.\n$$ U(D) - U(D) = 0 $$\n"
    assert [v for v, _ in verdicts(text)] == ["proved"]
