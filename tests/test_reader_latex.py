"""The LaTeX and the layout of real files: macros, inline math, Markdown code, notebooks.

Each test reads a small file the way a pasted derivation is written and compares its meaning with
the same derivation written in the dialect (the same SymPy expressions), or checks the located
error and its message.
"""

from __future__ import annotations

import pytest
import sympy as sp

from ganproof.errors import InputError
from ganproof.reader.document import Document, read_text
from ganproof.vocabulary import Defined


def read(text: str, name: str = "t.tex") -> Document:
    return read_text(text, name)


def unfolded(expr: sp.Expr) -> sp.Expr:
    return expr.replace(lambda e: isinstance(e, Defined), lambda e: e.value)


def meaning(doc: Document) -> list[str]:
    out = [sp.srepr(unfolded(p.side.expr)) for c in doc.chains for p in c.points]
    out += [sp.srepr(unfolded(e.lhs)) + " = " + sp.srepr(unfolded(e.rhs)) for c in doc.chains for e in c.equations]
    return out


def warnings(doc: Document) -> list[str]:
    return [w.message for w in doc.warnings]


PLAIN = "$$\n\\mathbb{E}_{x \\sim p}[\\log D(x)] = \\int p(x) \\log D(x) \\, dx\n$$\n"


# ------------------------------------------------------------------------------------------------ macros
def test_newcommand_without_and_with_arguments() -> None:
    doc = read("\\newcommand{\\E}{\\mathbb{E}}\n\\newcommand{\\lg}[1]{\\log #1}\n"
               "$$\n\\E_{x \\sim p}[\\lg{D(x)}] = \\int p(x) \\lg{D(x)} \\, dx\n$$\n")
    assert meaning(doc) == meaning(read(PLAIN))


def test_newcommand_with_an_optional_argument_and_its_default() -> None:
    defs = "\\newcommand{\\Ex}[2][p]{\\mathbb{E}_{x \\sim #1}[#2]}\n"
    assert meaning(read(defs + "$$\n\\Ex{\\log D(x)} = \\int p(x) \\log D(x) \\, dx\n$$\n")) == meaning(read(PLAIN))
    twin = PLAIN.replace("p}[", "q}[").replace("\\int p(x)", "\\int q(x)")
    assert meaning(read(defs + "$$\n\\Ex[q]{\\log D(x)} = \\int q(x) \\log D(x) \\, dx\n$$\n")) == meaning(read(twin))


def test_def_declaremathoperator_and_let() -> None:
    doc = read("\\def\\ex#1#2{\\mathbb{E}_{x \\sim #1}[#2]}\n\\DeclareMathOperator{\\lg}{log}\n\\let\\dd=d\n"
               "$$\n\\ex{p}{\\lg D(x)} = \\int p(x) \\lg D(x) \\, \\dd x\n$$\n")
    assert meaning(doc) == meaning(read(PLAIN))


def test_a_macro_defined_inside_a_display_is_no_row_of_it() -> None:
    doc = read("\\[ \\newcommand{\\E}{\\mathbb{E}} \\E_{x \\sim p}[\\log D(x)] = \\int p(x) \\log D(x) \\, dx \\]\n")
    assert meaning(doc) == meaning(read(PLAIN)) and not doc.errors


def test_renewcommand_holds_from_its_line_on() -> None:
    doc = read("\\newcommand{\\c}{1}\n$$\n\\c = 1\n$$\n\\renewcommand{\\c}{2}\n$$\n\\c = 2\n$$\n")
    assert [p.side.expr for ch in doc.chains for p in ch.points] == [1, 1, 2, 2]


def test_providecommand_does_not_replace_a_definition() -> None:
    doc = read("\\newcommand{\\c}{1}\n\\providecommand{\\c}{2}\n$$\n\\c = 1\n$$\n")
    assert [p.side.expr for ch in doc.chains for p in ch.points] == [1, 1]


def test_conventional_macros_are_read_with_one_warning_per_macro() -> None:
    doc = read("$$\n\\E_{\\vx \\sim \\pdata}[\\log D(\\vx)] = \\int \\pdata(\\vx) \\log D(\\vx) \\, d\\vx\n$$\n")
    twin = read("$$\n\\mathbb{E}_{x \\sim p_{data}}[\\log D(x)] = \\int p_{data}(x) \\log D(x) \\, dx\n$$\n")
    assert meaning(doc) == meaning(twin)
    said = [w for w in warnings(doc) if "is not defined in the file" in w]
    assert len(said) == 3 and any("\\vx" in w and "math_commands.tex" in w for w in said)


def test_a_file_definition_wins_over_the_convention() -> None:
    doc = read("\\newcommand{\\E}{2}\n$$\n\\E = 2\n$$\n")
    assert [p.side.expr for ch in doc.chains for p in ch.points] == [2, 2]
    assert not [w for w in warnings(doc) if "is not defined" in w]


def test_error_undefined_macro_names_itself_at_its_use() -> None:
    with pytest.raises(InputError) as info:
        read("$$\n1 = \\foo + 1\n$$\n")
    assert (info.value.line, info.value.col) == (2, 5)
    assert "unknown command \\foo: not part of the LaTeX dialect, and the file does not define it" in info.value.message


def test_error_macro_that_expands_into_itself() -> None:
    with pytest.raises(InputError, match="expands into itself"):
        read("\\newcommand{\\a}{\\a + 1}\n$$\n1 = \\a\n$$\n")


def test_error_macro_expansion_too_long() -> None:
    defs = "\\newcommand{\\a}{x x x x x x x x}\n" + "".join(
        f"\\newcommand{{\\{n}}}{{\\{m} \\{m} \\{m} \\{m}}}\n" for m, n in zip("abcdefg", "bcdefgh"))
    with pytest.raises(InputError, match="longer than the limit"):
        read(defs + "$$\n1 = \\h\n$$\n")


def test_error_macro_argument_missing() -> None:
    with pytest.raises(InputError, match="argument 2 is missing"):
        read("\\newcommand{\\f}[2]{#1 + #2}\n$$\n1 = \\f{a}\n$$\n")


def test_error_def_with_delimited_parameters() -> None:
    with pytest.raises(InputError, match="only #1#2... in order are read"):
        read("\\def\\f#2{#2}\n$$\n1 = 1\n$$\n")


def test_macro_errors_point_at_the_use_and_arguments_keep_their_positions() -> None:
    with pytest.raises(InputError) as info:
        read("\\newcommand{\\f}[1]{\\log #1}\n$$\n1 = \\f{\\bar}\n$$\n")
    assert (info.value.line, info.value.col) == (3, 8)  # the \bar written in the argument


# ------------------------------------------------------------------------------------------------ inline math
def test_inline_math_is_read_when_the_file_has_no_display() -> None:
    doc = read("We have $\\mathbb{E}_{x \\sim p}[\\log D(x)] = \\int p(x) \\log D(x) \\, dx$ by definition.\n",
               "t.md")
    assert meaning(doc) == meaning(read(PLAIN))
    assert any("no display math" in a.message for a in doc.assumptions)


def test_inline_math_is_not_read_beside_display_math() -> None:
    doc = read("Here $a + 1 = 2$ holds.\n\n" + PLAIN, "t.md")
    assert meaning(doc) == meaning(read(PLAIN))


def test_inline_conditions_are_not_steps() -> None:
    doc = read("When $p = q$ and $D(x) = 0.5$, $\\int p(x) \\, dx = 1$.\n", "t.md")
    assert len(doc.chains) == 1 and len(doc.chains[0].steps) == 1


def test_paren_inline_math_and_tex_dollars() -> None:
    doc = read("So \\( \\int p(x) \\, dx = 1 \\) and $\\int q(x) \\, dx = 1$.\n", "t.tex")
    assert len(doc.chains) == 2


def test_markdown_dollars_in_prose_are_not_math() -> None:
    # "$5 and $10": a $ before a space or a digit after the closing one is prose (Pandoc's rule)
    doc = read("It costs $5 and $10. Then $\\int p(x) \\, dx = 1$.\n", "t.md")
    assert len(doc.chains) == 1


def test_markdown_code_is_not_math() -> None:
    text = ("```python\nx = '$$ a = b $$'\n```\n\nIn code `$a = 1$` too.\n\n"
            "$$\n\\int p(x) \\, dx = 1\n$$\n")
    doc = read(text, "t.md")
    assert len(doc.chains) == 1 and not doc.errors


def test_markdown_percent_in_prose_is_no_comment() -> None:
    doc = read("In 50% of the cases $\\int p(x) \\, dx = 1$ holds.\n", "t.md")
    assert len(doc.chains) == 1


def test_latex_percent_is_a_comment() -> None:
    with pytest.raises(InputError, match="no display math found"):
        read("% $\\int p(x) \\, dx = 1$\n", "t.tex")


# ------------------------------------------------------------------------------------------------ notebooks
def notebook(*cells: tuple[str, object]) -> str:
    import json

    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {},
                       "cells": [{"cell_type": kind, "metadata": {}, "source": src} for kind, src in cells]})


def test_notebook_markdown_cells_are_read_and_code_cells_are_not() -> None:
    text = notebook(("markdown", ["# Title\n", "prose\n"]), ("code", ["x = '$$ 1 = 2 $$'\n"]),
                    ("markdown", ["$$\n", "\\mathbb{E}_{x \\sim p}[\\log D(x)] = \\int p(x) \\log D(x) \\, dx\n", "$$"]))
    doc = read(text, "nb.ipynb")
    assert meaning(doc) == meaning(read(PLAIN))
    step = doc.chains[0].steps[0]
    assert doc.source.cell_line(step.line) == (3, 2)


def test_notebook_positions_are_cells_and_lines() -> None:
    text = notebook(("markdown", "Intro"), ("markdown", ["$$\n", "1 = \\foo\n", "$$\n", "$$\n", "1 = 1\n", "$$"]))
    doc = read(text, "nb.ipynb")
    err = doc.errors[0]
    assert err.cell == (2, 2) and err.col == 5
    assert str(err).startswith("nb.ipynb:cell 2:2:5: unknown command \\foo")
    assert err.to_json()["cell"] == 2 and err.to_json()["cell_line"] == 2


def test_notebook_format_3_worksheets() -> None:
    import json

    text = json.dumps({"nbformat": 3, "worksheets": [{"cells": [
        {"cell_type": "markdown", "source": ["$$\n", "\\int p(x) \\, dx = 1\n", "$$"]}]}]})
    assert len(read(text, "nb.ipynb").chains) == 1


def test_error_notebook_that_is_not_json_or_has_no_markdown() -> None:
    with pytest.raises(InputError, match="not a Jupyter notebook: the file is not valid JSON"):
        read("nope", "nb.ipynb")
    with pytest.raises(InputError, match="the JSON has no list of cells"):
        read('{"cells": 3}', "nb.ipynb")
    with pytest.raises(InputError, match="has no Markdown cell"):
        read(notebook(("code", "x = 1")), "nb.ipynb")
    with pytest.raises(InputError, match="neither text nor a list of lines"):
        read(notebook(("markdown", 3)), "nb.ipynb")


def test_notebook_report_says_cell_and_line() -> None:
    from ganproof.reader.check import check_document
    from ganproof.reader.output import render_report

    doc = read(notebook(("markdown", "Intro"), ("markdown", ["$$\n", "1 = 1\n", "$$"])), "nb.ipynb")
    report = check_document(doc, jobs=1)
    assert report.to_json()["steps"][0]["cell"] == 2 and report.to_json()["steps"][0]["cell_line"] == 2
    assert "cell 2 line   2 =" in render_report(report)


# ------------------------------------------------------------------------------------------------ layout
def test_kramdown_formula_in_a_sentence_beside_displays_only_defines() -> None:
    text = ("If $$\\int q(x) \\, dx = 2$$ and $$c = 3$$, and $$m(x) = \\frac{p(x) + q(x)}{2}$$ then\n\n"
            "$$\n\\int m(x) \\, dx = 1\n$$\n")
    doc = read(text, "t.md")
    assert len(doc.chains) == 1 and [d.name for d in doc.definitions] == ["m(x)"]
    assert not doc.errors


def test_kramdown_formulas_are_steps_when_the_file_has_no_standalone_display() -> None:
    doc = read("We get $$\\int p(x) \\, dx = 1$$ and $$p = q$$ here.\n", "t.md")
    assert len(doc.chains) == 1 and len(doc.chains[0].steps) == 1


def test_kramdown_formula_without_relation_is_prose() -> None:
    doc = read("The optimal $$D^*_G(\\foo)$$ is\n\n$$\n\\int p(x) \\, dx = 1\n$$\n", "t.md")
    assert not doc.errors and len(doc.chains) == 1


def test_display_starting_with_plus_continues_the_row_before() -> None:
    split = ("\\begin{equation}\n1 = \\int p(x) \\log D(x)\n\\end{equation}\n\\begin{equation}\n"
             "+ q(x) \\log D(x) \\, dx\n\\end{equation}\n")
    whole = "\\begin{equation}\n1 = \\int p(x) \\log D(x) + q(x) \\log D(x) \\, dx\n\\end{equation}\n"
    assert meaning(read(split)) == meaning(read(whole))


def test_regression_a_definition_by_a_maximum_is_not_the_function_maximised() -> None:
    # C(G) = \max_D V(G, D) was read as C(G) := V(G, D): a later C(G) = V(G, D^*) was refuted
    doc = read("$$\nV(G, D) = \\int p(x) \\log D(x) \\, dx\n$$\n$$\nC(G) = \\max_D V(G, D)\n$$\n$$\n1 = 1\n$$\n")
    assert any("a definition by \\max_{D}" in e.message for e in doc.errors)
    assert [d.name for d in doc.definitions] == ["V(G, D)"]


def test_jekyll_liquid_math_tags_are_display_math() -> None:
    doc = read("Given\n\n{% math %}\n\\int p(x) \\, dx = 1\n{% endmath %}\nwhere ...\n", "t.md")
    assert len(doc.chains) == 1


def test_formulas_in_sentences_are_displays_when_no_display_stands_alone() -> None:
    # a Q&A answer pasted on one line: its $$ are displays, their steps are read
    doc = read("So $$ \\int p(x) \\, dx = 1 $$ and then \\begin{align} \\int q(x) \\, dx &= 1 \\end{align} ok.\n", "t.md")
    assert len(doc.chains) == 2


def test_regression_a_dollar_slip_costs_its_paragraph_only() -> None:
    # "$$N$ elements" paired every later $$ with the wrong partner: the pairing starts again past the
    # paragraph break, and a warning says where
    text = ("For $$P$$ over $$N$ elements, its $$H := 1$$ and $$Q$$, if $$P = Q$$\n\nProof:\n\n"
            "$$\\int p(x) \\, dx = 1$$\n\nand\n\n$$\\int q(x) \\, dx = 1$$\n")
    doc = read(text, "t.md")
    assert len(doc.chains) == 2
    assert any("pairs with none" in w.message for w in doc.warnings)


def test_regression_a_lone_backslash_is_a_located_error_not_a_crash_of_the_macro_expansion() -> None:
    with pytest.raises(InputError):
        read("$$\n1 = \\\n$$\n")


def test_codecogs_images_are_read_from_their_title() -> None:
    img = ('<a href="https://www.codecogs.com/eqnedit.php?latex=x"><img src="https://latex.codecogs.com/svg.latex?'
           '\\inline&space;\\int&space;p(x)&space;dx&space;=&space;1" title="\\inline \\small \\int p(x) \\, dx = 1" '
           '/></a>\n')
    doc = read("Normalisation:\n\n" + img, "t.md")
    assert len(doc.chains) == 1 and not doc.errors
    assert doc.source.line_col(doc.chains[0].steps[0].offset)[0] == 3


def test_codecogs_image_in_a_sentence_without_relation_is_prose() -> None:
    text = ('Let <img src="https://latex.codecogs.com/svg.latex?P_{z}" title="P_{z}" /> be the prior.\n\n'
            "$$\n\\int p(x) \\, dx = 1\n$$\n")
    doc = read(text, "t.md")
    assert len(doc.chains) == 1 and not doc.errors


def test_inline_definitions_beside_displays_are_read_in_order() -> None:
    text = ("For $f(t) = t \\log t$ and $p = q$, the divergence is\n\n$$\n\\int f(p(x)) \\, dx = \\int p(x) \\log p(x) \\, dx\n$$\n"
            "and $\\int q(x) \\, dx = 2$ is no step.\n")
    doc = read(text, "t.md")
    assert [d.name for d in doc.definitions] == ["f(t)"]
    assert len(doc.chains) == 1 and len(doc.chains[0].steps) == 1 and not doc.errors


def test_regression_the_dollar_slip_rule_looks_at_the_words_before_the_opening_dollars_only() -> None:
    # "$$\begin{aligned}" after an indented closing $$ and a blank line was taken for a $$ in a sentence
    text = "$$\\begin{aligned}\n1 &= 1\n\\end{aligned}\n$$\n\n$$\n\\begin{aligned}\n2 &= 2\n\\end{aligned}\n$$\n"
    doc = read(text, "t.md")
    assert len(doc.chains) == 2 and not doc.warnings


def test_regression_a_display_restating_a_prose_definition_is_that_definition_not_a_step() -> None:
    # "the conjugate is $f^*(t) = -\log(1 - e^t)$ for $t < 0$" and then its display: the display was read as
    # a step f^*(t) = f^*(t), unknown for want of 1 - e^t > 0 (examples/f_gan_gan.tex failed)
    text = ("The optimum is $D^*(x) = p(x)/(p(x) + q(x))$:\n\n$$\nD^*(x) = \\frac{p(x)}{p(x) + q(x)}\n$$\n\n"
            "$$\n\\int p(x) D^*(x) \\, dx = \\int \\frac{p(x)^2}{p(x) + q(x)} \\, dx\n$$\n")
    doc = read(text, "t.md")
    assert [d.line for d in doc.definitions] == [1, 4] and not doc.errors
    assert [len(c.steps) for c in doc.chains] == [1]


def test_a_display_giving_a_prose_defined_name_another_value_is_a_step() -> None:
    text = "The optimum is $D^*(x) = p(x)/(p(x) + q(x))$:\n\n$$\nD^*(x) = \\frac{q(x)}{p(x) + q(x)}\n$$\n"
    doc = read(text, "t.md")
    assert [d.line for d in doc.definitions] == [1]
    assert [len(c.steps) for c in doc.chains] == [1]
