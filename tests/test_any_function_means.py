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
