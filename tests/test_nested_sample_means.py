"""A sample x_i of a sum over i that stands inside a sample mean over j was read as a constant named x_i: the
outer mean then did not depend on i (its mean is the summand itself), and a double mean was "proved" equal to
an inner mean with a free sample in it.  Such a row is now an input error, as x^{(i)} inside a sum over j is."""

from __future__ import annotations

import pytest

from ganproof.reader.check import check_document
from ganproof.reader.document import InputErrors, read_text

HEAD = "%! sample x^{(i)} \\sim p\n%! sample x^{(j)} \\sim p\n"


def test_regression_nested_sample_mean_read_the_outer_sample_as_a_constant() -> None:
    row = (r"$$ \frac{1}{m}\sum_{i=1}^{m} \frac{1}{m}\sum_{j=1}^{m} D(x_i) D(x_j) = "
           r"\frac{1}{m}\sum_{j=1}^{m} D(x_i) D(x_j) $$" + "\n")
    with pytest.raises(InputErrors, match="stands inside a sum over j"):
        read_text(HEAD + row)


def test_two_means_side_by_side_and_a_mean_of_a_mean_are_still_read() -> None:
    text = HEAD + (r"$$ \frac{1}{m}\sum_{i=1}^{m} D(x_i) \cdot \frac{1}{n}\sum_{j=1}^{n} D(x_j) = "
                   r"\mathbb{E}_{x \sim p}[D(x)]^2 $$" + "\n\n"
                   r"$$ \frac{1}{m}\sum_{i=1}^{m} \frac{1}{m}\sum_{j=1}^{m} D(x_j) = \mathbb{E}_{x \sim p}[D(x)] $$"
                   + "\n")
    assert [s.verdict.value for s in check_document(read_text(text)).steps] == ["proved", "proved"]


def test_regression_a_mean_of_labels_alone_was_read_as_the_label() -> None:
    """labelled(p_r: 1, p_g: 0): the mean of (y^{(i)})^2 is 1/2, the square of the mean of y^{(i)} is 1/4; with no
    x^{(i)} in the summand the sum was read as not depending on i, and y^2 = y^2 was proved."""
    head = "%! sample (x^{(i)}, y^{(i)}) \\sim labelled(p_r: 1, p_g: 0)\n"
    text = head + (r"$$ \frac{1}{m}\sum_{i=1}^{m} (y^{(i)})^2 = (\frac{1}{m}\sum_{i=1}^{m} y^{(i)})^2 $$" + "\n\n"
                   r"$$ \frac{1}{m}\sum_{i=1}^{m} y^{(i)} = \frac{1}{2} $$" + "\n")
    assert [s.verdict.value for s in check_document(read_text(text)).steps] == ["refuted", "proved"]
