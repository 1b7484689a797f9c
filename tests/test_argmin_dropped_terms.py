"""An arg min step drops the terms free of the parameter (reader/check.py ``_judge_arg``): that keeps the
minimiser only when the dropped term is one finite number that does not move with the parameter.  A term that
is +inf (KL between disjoint supports, an entropy on R) makes every theta a minimiser of the one side; a term
whose names do not carry theta may still move with it (samples drawn from q_theta, a hypothesis p = q_theta, a
pushforward through G_theta, a constraint a = theta).  Such steps are unknown; a finite constant is dropped."""

from __future__ import annotations

import pytest
from file_checks import verdicts


E2 = r"\mathbb{E}_{x \sim q_\theta}[x^2]"
ARG = r"\arg\min_{\theta} "


def step(head: str, dropped: str) -> str:
    return f"{head}\n$$ {ARG}[{E2} + {dropped}] = {ARG}{E2} $$\n"


@pytest.mark.parametrize("head, dropped, why", [
    ("%! density q_\\theta, p_{data} on [0, 1]\n%! density p on [2, 3]", r"KL(p_{data} \| p)", "supports of"),
    ("%! density q_\\theta on [0, 1]", r"H(p_{data})", "entropy of a density on a continuum"),
    ("%! density q_\\theta on [0, 1]", r"\int_0^1 \frac{1}{x} dx", "not shown to converge"),
    ("%! density q_\\theta on [0, 1]\n%! sample x^{(i)} \\sim q_\\theta", r"\frac{1}{m} \sum_{i=1}^{m} x^{(i)}",
     "whose law moves with"),
    ("%! density q_\\theta, p on [0, 1]\n%! assume p = q_\\theta", r"\mathbb{E}_{x \sim p}[x]", "may move with"),
    ("%! pushforward p_r = G_\\theta(z), z \\sim p_z\n%! density q_\\theta on [0, 1]",
     r"\mathbb{E}_{x \sim p_r}[\frac{x}{1 + x^2}]", "may move with"),
    ("%! density q_\\theta on [0, 1]\n%! assume a = \\theta", "a", "tie \\theta to the constants"),
])
def test_regression_argmin_dropped_a_term_that_is_infinite_or_moves_with_theta(head: str, dropped: str,
                                                                                 why: str) -> None:
    ((verdict, reason),) = verdicts(step(head, dropped))
    assert verdict == "unknown" and why in reason, reason


def test_argmin_still_drops_a_finite_constant_and_a_divergence_on_one_alphabet() -> None:
    ((verdict, _),) = verdicts(step("%! density q_\\theta on [0, 1]", r"\log 4"))
    assert verdict == "proved"
    text = ("%! density p, p_r, q_\\theta on {0, 1, 2}\n"
            f"$$ {ARG}[KL(p \\| q_\\theta) - KL(p \\| p_r)] = {ARG}KL(p \\| q_\\theta) $$\n")
    ((verdict, reason),) = verdicts(text)
    assert verdict == "proved" and "do not depend on \\theta" in reason


@pytest.mark.parametrize("dropped", [
    r"\int p_{data}(x)^2 dx",
    r"\mathbb{E}_{x \sim p_{data}}[p_{data}(x)]",
])
def test_regression_a_dropped_mean_with_no_bound_was_read_as_finite(dropped: str) -> None:
    # p_data(x) = 1/(2 sqrt|x|) near 0 (and a Gaussian tail) gives int p_data^2 = +inf: then every theta
    # minimises the left side, and the step has no value; the dropped-term check looked only at divergences,
    # entropies and moments, not at the means the cancelled-term check (reader/means.py) bounds
    text = step("%! density q_\\theta on [0, 1]\n%! density p_{data} on R", dropped)
    ((verdict, reason),) = verdicts(text)
    assert verdict == "unknown" and "has no bound" in reason, reason


def test_a_dropped_integral_of_a_density_against_a_bounded_function_is_still_dropped() -> None:
    text = step("%! density q_\\theta on [0, 1]\n%! density p_{data} on R", r"\int p_{data}(x) \frac{1}{1 + x^2} dx")
    ((verdict, reason),) = verdicts(text)
    assert verdict == "proved", reason
