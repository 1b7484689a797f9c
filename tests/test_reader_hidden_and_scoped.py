"""Regression tests for what a reader of the typeset document sees: macros as TeX scopes and copies them,
and text that is never typeset as mathematics (adversarial classes C21-C23)."""

from __future__ import annotations

import pytest

from ganproof.errors import InputError
from ganproof.reader.document import Document, read_text


def read(text: str, name: str = "t.tex") -> Document:
    return read_text(text, name)


def values(doc: Document) -> list[object]:
    return [p.side.expr for ch in doc.chains for p in ch.points]


def defined(doc: Document) -> list[str]:
    return [str(d.value) if hasattr(d, "value") else str(d) for d in doc.definitions]


# ------------------------------------------------------------------------------------------------ C21
def test_regression_let_copies_the_meaning_at_the_let_not_at_the_use() -> None:
    doc = read("\\newcommand{\\B}{2}\n\\let\\A\\B\n\\renewcommand{\\B}{3}\n$$\n\\A = \\B\n$$\n")
    assert values(doc) == [2, 3]


def test_regression_let_of_a_latex_command_survives_its_redefinition() -> None:
    doc = read("\\let\\oldlog\\log\n\\renewcommand{\\log}{\\exp}\n$$\n\\oldlog 1 = \\log 0\n$$\n")
    assert values(doc) == [0, 1]


def test_regression_providecommand_of_a_latex_command_does_nothing() -> None:
    doc = read("\\providecommand{\\log}{\\exp}\n$$\n\\log 1 = 0\n$$\n")
    assert values(doc) == [0, 0]


def test_regression_newcommand_of_a_defined_command_is_an_error_in_latex() -> None:
    with pytest.raises(InputError, match="renewcommand"):
        read("\\newcommand{\\log}{\\exp}\n$$\n\\log 1 = 0\n$$\n")


def test_newcommand_of_a_latex_command_is_mathjax_s_redefinition_in_markdown() -> None:
    doc = read("$$\\newcommand{\\log}{\\exp}$$\n\n$$\n\\log 0 = 1\n$$\n", "t.md")
    assert values(doc) == [1, 1]


def test_regression_a_definition_inside_a_brace_group_ends_with_the_group() -> None:
    doc = read("\\newcommand{\\C}{2}\n{\\renewcommand{\\C}{3}}\n$$\n\\C = 2\n$$\n")
    assert values(doc) == [2, 2]


def test_regression_a_definition_inside_a_display_holds_only_in_it() -> None:
    doc = read("\\newcommand{\\K}{2}\n\\begin{equation}\\renewcommand{\\K}{3} \\K = 3\\end{equation}\n"
               "\\begin{equation} \\K = 2 \\end{equation}\n")
    assert values(doc) == [3, 3, 2, 2]


def test_a_macro_whose_only_definition_went_out_of_scope_is_unknown() -> None:
    doc = read("{\\newcommand{\\K}{2}}\n$$\n\\K = 2\n$$\n$$\n1 = 1\n$$\n")
    assert any("unknown command \\K" in e.message for e in doc.errors)


# ------------------------------------------------------------------------------------------------ C22
@pytest.mark.parametrize("wrap", [("\\iffalse\n", "\\fi\n"), ("\\begin{comment}\n", "\\end{comment}\n"),
                                  ("\\begin{verbatim}\n", "\\end{verbatim}\n"),
                                  ("\\iffalse\n\\ifx a b \\fi\n", "\\fi\n")])
def test_regression_a_definition_latex_never_typesets_is_not_read(wrap: tuple[str, str]) -> None:
    doc = read(wrap[0] + "$$\nh(x) = 2 D(x)\n$$\n" + wrap[1] + "$$\nh(x) = D(x)\n$$\n$$\nh(0) = D(0)\n$$\n")
    assert [d.line for d in doc.definitions] == [wrap[0].count("\n") + wrap[1].count("\n") + 5]


def test_regression_a_directive_inside_iffalse_is_not_in_force() -> None:
    doc = read("\\iffalse\n%! assume p = q\n\\fi\n$$\nKL(p \\| q) = 0\n$$\n")
    assert not any("assumed" in a.message for a in doc.assumptions)


def test_iff_and_ifthenelse_open_no_conditional() -> None:
    doc = read("\\iffalse a \\iff b \\ifthenelse{1}{2}{3} \\fi\n$$\nh(x) = D(x)\n$$\n$$\nh(0) = D(0)\n$$\n")
    assert len(doc.definitions) == 1


def test_regression_markdown_indented_code_is_not_math() -> None:
    doc = read("Notes.\n\n    $$ h(x) = 2 D(x) $$\n\nThen:\n\n$$ h(x) = D(x) $$\n\n$$ h(0) = D(0) $$\n", "t.md")
    assert [d.line for d in doc.definitions] == [7]


def test_regression_markdown_indented_directive_is_not_in_force() -> None:
    doc = read("How:\n\n    %! assume p = q\n\nThen:\n\n$$ KL(p \\| q) = 0 $$\n", "t.md")
    assert not any("assumed" in a.message for a in doc.assumptions)


@pytest.mark.parametrize("opener", ["1. The optimum:", "- The optimum:", '!!! note "The optimum"'])
def test_an_indented_display_in_a_list_or_admonition_is_math(opener: str) -> None:
    doc = read(opener + "\n\n    $$ h(x) = 2 D(x) $$\n\n$$ h(0) = 2 D(0) $$\n", "t.md")
    assert [d.line for d in doc.definitions] == [3]


# ------------------------------------------------------------------------------------------------ C23
@pytest.mark.parametrize("row", ["p_12(x) = p_{12}(x)", "a_12 = a_{12}", "2^10 = 1024"])
def test_regression_a_subscript_without_braces_is_one_character(row: str) -> None:
    with pytest.raises(InputError, match="without braces is one character"):
        read("$$\n" + row + "\n$$\n")


def test_regression_a_codecogs_title_that_is_not_the_image_s_formula_is_not_read() -> None:
    shown = '<img src="https://latex.codecogs.com/svg.latex?a%20+%20a%20=%203%20a" title="a + a = 2 a" />'
    same = '<img src="https://latex.codecogs.com/svg.latex?\\inline&space;1&space;&plus;&space;1&space;=&space;2" title="1 + 1 = 2" />'
    doc = read("Facts.\n\n" + shown + "\n\n" + same + "\n", "t.md")
    assert [p.line for ch in doc.chains for p in ch.points] == [5, 5]
    assert any("codecogs image is not read" in w.message for w in doc.warnings)


# ------------------------------------------------------------------------------------------------ C24
def test_regression_alphabet_sizes_reach_past_a_short_range_on_the_further_instances() -> None:
    from ganproof.numeric.instances import ALPHABET_SIZES, WIDE_ALPHABET_SIZES, alphabet_size

    first = {alphabet_size(i, s) for i in range(3) for s in range(40)}
    further = {alphabet_size(i, s) for i in range(3, 6) for s in range(40)}
    assert first <= set(range(ALPHABET_SIZES[0], ALPHABET_SIZES[1] + 1))
    assert further <= set(range(WIDE_ALPHABET_SIZES[0], WIDE_ALPHABET_SIZES[1] + 1)) and len(further) > 10


def test_regression_a_formula_in_an_html_attribute_is_not_read() -> None:
    doc = read('The <abbr title="$h(x) = 2 D(x)$">h</abbr> below.\n\n$$ h(x) = D(x) $$\n\n$$ h(0) = D(0) $$\n', "t.md")
    assert [d.line for d in doc.definitions] == [3]


# ------------------------------------------------------------------------------------------------ C25
@pytest.mark.parametrize("row", ["1 + 1 = 2\\text{1}", "a = a \\text{ + 1}", "a = a\\mbox{$+1$}"])
def test_regression_text_that_typesets_mathematics_is_an_error(row: str) -> None:
    with pytest.raises(InputError, match="typeset where the formula goes on"):
        read("$$\n" + row + "\n$$\n")


@pytest.mark.parametrize("note", ["\\text{,}", "\\text{(1)}", "\\quad \\text{for all reals}", "\\text{where $m = 1$}"])
def test_text_that_is_commentary_is_still_dropped(note: str) -> None:
    doc = read("$$\n1 + 1 = 2 " + note + "\n$$\n")
    assert values(doc) == [2, 2]


# ------------------------------------------------------------------------------------------------ notebooks
def test_regression_a_display_never_crosses_from_one_notebook_cell_into_the_next() -> None:
    import json

    from ganproof.reader.cells import notebook
    from ganproof.reader.document import read_document

    cells = ["Draft:\n\n$$\nh(x) = 2 D(x)", "$$\n\nThen:\n\n$$\nh(x) = D(x)\n$$",
             "$$\n\\int p(x) h(x) dx = 2 \\int p(x) D(x) dx\n$$"]
    nb = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": c} for c in cells], "metadata": {},
          "nbformat": 4, "nbformat_minor": 5}
    with pytest.raises(InputError, match="never closed"):
        read_document(notebook("t.ipynb", json.dumps(nb)))
