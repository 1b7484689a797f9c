"""\\Arrowvert between the arguments of a KL (a blog's D_{KL}(p_{data}\\Arrowvert p_{\\theta})) is the divergence
bar \\|; it was an unknown command, and the whole block around it went unread."""

from __future__ import annotations

import pytest

from ganproof.errors import InputError
from ganproof.reader.check import check_document
from ganproof.reader.document import read_text

ROWS = (r"D_{KL}(p_{data}\Arrowvert p_{\theta}) &= \mathbb{E}_{x\sim p_{data}}[\log \frac{p_{data}}{p_{\theta}}] \\",
        r"&=\mathbb{E}_{x\sim p_{data}}[\log p_{data}]-\mathbb{E}_{x\sim p_{data}}[\log p_{\theta}]")


def verdicts(*rows: str) -> list[str]:
    text = "$$\n\\begin{align}\n" + "\n".join(rows) + "\n\\end{align}\n$$\n"
    return [s.verdict.value for s in check_document(read_text(text, name="t.md")).steps]


def test_regression_arrowvert_was_an_unknown_command_kl_expansion_is_proved() -> None:
    assert verdicts(*ROWS) == ["proved", "proved"]


def test_arrowvert_kl_with_the_arguments_swapped_is_refuted() -> None:
    # KL(p_theta || p_data) is not E_{p_data}[log p_data / p_theta]: the bar orders the arguments
    swapped = r"D_{KL}(p_{\theta}\Arrowvert p_{data}) &= \mathbb{E}_{x\sim p_{data}}[\log \frac{p_{data}}{p_{\theta}}]"
    assert verdicts(swapped) == ["refuted"]


def test_arrowvert_outside_a_divergence_is_still_an_error() -> None:
    with pytest.raises(InputError):
        check_document(read_text("$$\nD(x) = x \\Arrowvert x\n$$\n", name="t.md"))
