"""A page pasted as text: KaTeX's and MathJax's copy give the LaTeX source of a formula without its delimiters.
In a file with no math delimiters at all, a line that is plainly LaTeX mathematics (a relation, three math
commands or more, balanced braces, no run of three words outside \\text) is read as a display of its own."""

from __future__ import annotations

import pytest

from ganproof.errors import InputError
from ganproof.reader.check import check_document
from ganproof.reader.document import read_text

BARE = r"\mathbb{E}_{x \sim p}\left[\log \frac{p(x)}{q(x)}\right] = KL(p \| q)"


def test_a_bare_latex_line_is_read_as_a_display() -> None:
    doc = read_text("Some words first.\n" + BARE + "\nMore words.\n", name="page.md")
    assert [s.line for c in doc.chains for s in c.steps] == [2]
    assert any("LaTeX written without math delimiters" in m.message and m.line == 2 for m in doc.assumptions)
    report = check_document(doc)
    assert [s.verdict.value for s in report.steps] == ["proved"]


def test_a_sentence_with_commands_is_prose() -> None:
    text = r"We write the ratio as \frac{p}{q} and take \log of it so that the \mathbb{E} = holds" + "\n"
    with pytest.raises(InputError, match="no display math found"):
        read_text(text, name="page.md")


def test_bare_lines_are_not_read_beside_delimited_math() -> None:
    doc = read_text("$$ 2 a = a + a $$\n\n" + BARE + "\n", name="page.md")
    assert [s.line for c in doc.chains for s in c.steps] == [1]
    assert not any("without math delimiters" in m.message for m in doc.assumptions)


def test_a_line_with_two_commands_only_is_not_read() -> None:
    with pytest.raises(InputError, match="no display math found"):
        read_text(r"\log a = \log b" + "\n", name="page.md")


def test_regression_katex_copy_of_a_gan_recap_is_read() -> None:
    # b_mfbz: the rendered glyphs one per line, then the source line, then the rendered line
    text = ("min\nG\nmax\nD\nV\n=\n"
            r"\min_{G} \max_{D} V(D, G) = \mathbb{E}_{x \sim p_{\text{data}}(x)}[\log D(x)] + "
            r"\mathbb{E}_{z \sim p_{z}(z)}[\log(1 - D(G(z)))]\\ = -\log 4 + 2JSD(p_{\text{data}} \parallel p_g)"
            r"\\ \geq -\log 4" + "\nGminDmaxV(D,G)=Ex∼pdata\n")
    report = check_document(read_text(text, name="page.md"))
    # V at any D is not -log 4 + 2 JSD (that is its value at the optimal D); JSD >= 0 gives the bound
    assert [(s.line, s.verdict.value) for s in report.steps] == [(7, "refuted"), (7, "proved")]
