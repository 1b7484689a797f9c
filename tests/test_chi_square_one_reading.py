"""A chi-square whose convention the file does not declare is read both ways (reader/check.py ``_judge``) and
decided only where the readings agree.  A step accepted in one reading and merely undecided in the other (the
quadrature of int (P - Q)^2 / P does not converge on densities on [0, 1]) was accepted; it is false with P
dividing (tests/adversarial/cases/c36_01)."""

from __future__ import annotations

from file_checks import verdicts


BOUND = (r"$$ \chi^2(p_a \| p_b) \ge \int_0^1 \frac{(p_a(x) - p_b(x))^2}{2 p_b(x)} dx $$" + "\n")
HEAD = "%! density p_a, p_b on [0, 1]\n"


def test_regression_chi_square_accepted_in_one_reading_and_undecided_in_the_other_is_unknown() -> None:
    ((verdict, reason),) = verdicts(HEAD + BOUND)
    assert verdict == "unknown", reason
    assert "accepted in only one convention" in reason and "with P dividing it is not decided" in reason
    assert "%! chi-square pearson" in reason


def test_the_same_bound_is_proved_in_the_declared_convention() -> None:
    ((verdict, reason),) = verdicts("%! chi-square pearson\n" + HEAD + BOUND)
    assert verdict == "proved", reason
