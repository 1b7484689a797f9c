"""Every error message of the reader (ganproof/reader/*.py): an input that triggers it, a distinctive
fragment of the message, and the line and column it points at (DIALECT.md sections 1-4).

Each input is parsed only (``read_text`` / ``read_path``); nothing here runs the numeric checker.
Columns are counted by hand from the input: in ``display(row)`` the row is line 2 and a character's
column is its index in ``row`` plus one.

Messages that no input can reach (defensive code) have no test: grammar.py "cannot read this row"
(twice: the list lexer never fails) and resolve.py "a '*' is only read as a superscript" and "cannot
read this expression" (the grammar never puts a Star or an unknown node where an expression is read).

Tests marked xfail(strict=True) describe a bug: they state what the reader should do.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re

import pytest

from ganproof.cli.main import main
from ganproof.errors import InputError
from ganproof.reader.document import read_path, read_text
from ganproof.reader.limits import (
    MAX_DEPTH,
    MAX_DIRECTIVES,
    MAX_FILE_BYTES,
    MAX_NUMBER_DIGITS,
    MAX_ROW_CHARS,
    MAX_ROWS,
    MAX_TOKENS,
)
from ganproof.reader.output import render_error

NAME = "t.tex"


def display(row: str) -> str:
    """One ``$$`` block whose only row is line 2 of the file."""
    return "$$\n" + row + "\n$$\n"


def read_error(text: str, strict: bool = False) -> InputError:
    """The first InputError of reading ``text``: raised (nothing could be judged), or the first of the
    document's errors (the reader keeps going past an unreadable row); its source line must be the line it
    names."""
    try:
        doc = read_text(text, name=NAME, strict=strict)
    except InputError as exc:
        err = exc
    else:
        assert doc.errors, "reading gave neither an error nor a recorded input error"
        err = doc.errors[0]
    assert err.file == NAME
    if err.line is not None:
        assert err.source_line == text.split("\n")[err.line - 1]
    return err


def check_error(text: str, fragment: str | re.Pattern[str], line: int, col: int, strict: bool = False) -> InputError:
    err = read_error(text, strict)
    if isinstance(fragment, re.Pattern):
        assert fragment.search(err.message), err.message
    else:
        assert fragment in err.message, err.message
    assert (err.line, err.col) == (line, col), f"{err.line}:{err.col}: {err.message}"
    return err


# --------------------------------------------------------------------------------------------- lexer.py
# (row, message fragment, column on line 2)
LEXER = [
    pytest.param("x = \\text1", "\\text needs an argument in braces, e.g. \\text{data}", 10,
                 id="needs_an_argument_in_braces"),
    pytest.param("x = \\text{so", "the brace opened here after \\text is never closed", 10,
                 id="brace_after_command_never_closed"),
    pytest.param("x = 1 ? 2", "unexpected character '?': not part of the LaTeX dialect", 7,
                 id="unexpected_character"),
    pytest.param("x = " + "1" * (MAX_NUMBER_DIGITS + 1),
                 f"a number with {MAX_NUMBER_DIGITS + 1} digits is longer than the limit of {MAX_NUMBER_DIGITS}", 5,
                 id="number_too_long"),
    pytest.param("x = \\{ a, b \\}", "braces \\{ ... \\} around a list or a condition make a set, which is not read "
                 "(\\{0, 1\\}, \\{x : p(x) > 0\\}, \\max\\{a, b\\}); braces around one expression group it, as ( ) do", 5,
                 id="set_braces"),
    pytest.param("x = \\{ a + b )", "'\\{' opened here is closed by ')' at 2:14: close it with \\}", 5,
                 id="set_brace_closed_by_another_bracket"),
    pytest.param("x = 5 \\% a", "a percent sign \\% is not part of the dialect", 7, id="percent_sign"),
    pytest.param("x = \\mathbb{N}", "\\mathbb{N} is not part of the dialect (only \\mathbb{E}, \\mathbb{R} and the laws \\mathbb{P}, \\mathbb{Q})", 5,
                 id="mathbb_other_than_E_R"),
    pytest.param("x = \\arg a", "\\arg is read only before \\max or \\min", 5, id="arg"),
    pytest.param("x = \\foo", "unknown command \\foo: not part of the LaTeX dialect", 5, id="unknown_command"),
    pytest.param("x = |a", "a single | that pairs with no other (conditioning, or a bar whose pair lies outside "
                 "its brackets) is not part of the dialect", 5, id="single_bar"),
    pytest.param("x = a'", "is not part of the dialect (no primes or factorials)", 6, id="prime_or_factorial"),
    pytest.param("x = a . b", "a '.' inside a row is not part of the dialect", 7, id="dot_inside_row"),
    pytest.param("x = sqrt a", "unknown name 'sqrt': write \\sqrt (a command), not the letters sqrt", 5,
                 id="unknown_name_command_word"),
    pytest.param("x = abc", "unknown name 'abc': not part of the dialect (operators: KL, JSD, CE, E); a product of "
                 "constants is written with spaces or \\cdot: a b c", 5, id="unknown_name_run_of_letters"),
    pytest.param("x = \\mathrm{foo}", "unknown name 'foo': not part of the dialect (operators: KL, JSD, CE, E; see", 5,
                 id="unknown_name_mathrm"),
    pytest.param("x = a)", "')' closes a bracket that was never opened", 6, id="closes_a_bracket_never_opened"),
    #             x = (\frac{1)   '{' at index 10, ')' at index 12
    pytest.param("x = (\\frac{1)", "'{' opened here at 2:11 is never closed before ')' at 2:13", 11,
                 id="brace_never_closed_before_closer"),
    pytest.param("x = (a", "'(' opened here is never closed in this row", 5, id="never_closed_in_this_row"),
    pytest.param("x = \\partial a", "\\partial is only read in \\frac{\\partial}{\\partial D(x)}", 5,
                 id="partial_outside_derivative"),
    pytest.param("x = \\frac1.5", "write the arguments of \\frac in braces, e.g. \\frac{1}{2}", 10,
                 id="frac_argument_without_braces_not_one_character"),
    pytest.param("x = \\text{d}x", "\\text{d} is read only as the d of a differential, after an integral", 5,
                 id="upright_d_outside_an_integral"),
    pytest.param("x = \\mathrm{d}x", "\\mathrm{d} is read only as the d of a differential", 5,
                 id="mathrm_d_outside_an_integral"),
]


@pytest.mark.parametrize("row, fragment, col", LEXER)
def test_error_lexer(row: str, fragment: str, col: int) -> None:
    check_error(display(row), fragment, 2, col)


def test_error_row_of_too_many_tokens() -> None:
    # 1+1+...+1: MAX_TOKENS + 1 one-character tokens; the first token over the limit is the last one
    row = "+".join(["1"] * (MAX_TOKENS // 2 + 1))
    assert len(row) == MAX_TOKENS + 1
    check_error(display(row), f"a row of more than {MAX_TOKENS} tokens is over the limit; split it", 2, MAX_TOKENS + 1)


def test_error_brackets_nested_too_deep() -> None:
    # "x = " then MAX_DEPTH + 1 "(": the one over the limit is at index 4 + MAX_DEPTH
    row = "x = " + "(" * (MAX_DEPTH + 1) + "1" + ")" * (MAX_DEPTH + 1)
    check_error(display(row), f"brackets nested deeper than the limit of {MAX_DEPTH}", 2, 4 + MAX_DEPTH + 1)


# --------------------------------------------------------------------------------------------- grammar.py
GRAMMAR = [
    pytest.param("x = a , b", "unexpected ',' here (expected a relation", 7, id="unexpected_token_here"),
    #             x = \frac{1}   the last token '}' ends after index 11
    pytest.param("x = \\frac{1}", "the row ends too early (expected '{'", 13, id="row_ends_too_early"),
]


@pytest.mark.parametrize("row, fragment, col", GRAMMAR)
def test_error_grammar(row: str, fragment: str, col: int) -> None:
    check_error(display(row), fragment, 2, col)


def test_error_unexpected_token_on_a_later_line_of_an_align_block() -> None:
    text = "\\begin{align*}\n  V &= a + b \\\\\n    &= a ) b\n\\end{align*}\n"
    check_error(text, "')' closes a bracket that was never opened", 3, 10)
    text = "\\begin{align*}\n  V &= a + b \\\\\n    &= a , b\n\\end{align*}\n"
    check_error(text, "unexpected ',' here", 3, 10)


# --------------------------------------------------------------------------------------------- resolve.py
RESOLVE = [
    pytest.param("x = \\frac{1}{0}", "division by zero in this fraction", 5, id="division_by_zero_in_fraction"),
    pytest.param("x = \\log 0", "the logarithm of 0 is not finite", 5, id="logarithm_of_zero"),
    pytest.param("x = \\sum_{i=1}^{m} a", "a sum is read as a sample mean, \\frac{1}{m} \\sum_{i=1}^{m}", 5,
                 id="sum_neither_sample_mean_nor_over_an_alphabet"),
    pytest.param("x = \\sum_{x} x p(x)", "the sum's index x stands in arithmetic in its summand", 5,
                 id="sum_over_abstract_alphabet_index_in_arithmetic"),
    pytest.param("x = \\sum_{x=0}^{3} p(x)", "a sum over the abstract alphabet is written \\sum_x", 5,
                 id="sum_over_abstract_alphabet_with_bounds"),
    pytest.param("x = \\sum_{i=1}^{n} p_i + n", "is the number of points of the alphabet this sum runs over", 5,
                 id="alphabet_size_letter_also_a_constant"),
    pytest.param("1 = \\sum_{x} p(x) = \\int p(x) \\, dx", "is a law on a finite alphabet", 21,
                 id="law_on_an_alphabet_integrated"),
    pytest.param("x = 1 + (\\max_D D(x))", "\\max is only read in front of a whole side of a relation", 10,
                 id="max_only_in_front_of_a_side"),
    pytest.param("x = 2^*", "a '*' superscript is only read on a name (D^*)", 5, id="star_superscript_only_on_name"),
    pytest.param("x = \\int_0^{\\mathbb{R}} x dx", "\\mathbb{R} is only read as the domain of an integral", 12,
                 id="reals_only_as_domain"),
    pytest.param("x = 1/0", re.compile(r"^division by zero$"), 7, id="division_by_zero"),
    pytest.param("x = a^{101}", "the exponent 101 is larger in size than the limit of 100", 8, id="exponent_too_large"),
    pytest.param("x = x^{(1)}", "the sample x^{(1)} is only read inside a sample mean", 5,
                 id="sample_with_numbered_tag_outside_sample_mean"),
    pytest.param("x = a^2^3", "two superscripts on one name", 9, id="two_superscripts"),
    #             V(D) = D(x) \\ = V   the bare V at index 17
    pytest.param("V(D) = D(x) \\\\ = V", "V is defined with parameters (D); apply it, e.g. V(...)", 18,
                 id="defined_with_parameters_apply_it"),
    pytest.param("x = G", "the generator G is read applied to the noise, e.g. G(z)", 5, id="generator_not_applied"),
    pytest.param("x = U", "unknown name U: it is not a density (p, q, P, Q), a discriminator (D), a generator (G)", 5,
                 id="unknown_name"),
    pytest.param("x = f(p \\| q)", "'||' separates the arguments of KL, JSD only, not of f", 5,
                 id="parallel_only_in_KL_JSD"),
    #             V(p, q) = p(x) \\ = V(p \| q)   the call V(p \| q) at index 20: V was defined with a comma
    pytest.param("V(p, q) = p(x) \\\\ = V(p \\| q)", "'||' separates the arguments of KL, JSD only, not of V "
                 "(unless a definition wrote it so", 21, id="parallel_only_where_the_definition_wrote_it"),
    pytest.param("x = D(x, z)", "D takes one argument, got 2", 5, id="takes_one_argument"),
    pytest.param("x = x^{(i)}(z)", "x^{(i)} is a sample, not a function", 5, id="sample_not_a_function"),
    pytest.param("x = F(x)", "unknown name F: it is applied to arguments but was not defined earlier in the file", 5,
                 id="unknown_name_applied"),
    pytest.param("V(D) = D(x) \\\\ = V(D, D)", "V is defined with 1 parameter(s) (D), but is applied to 2", 18,
                 id="defined_with_n_parameters_applied_to_m"),
    #             V(D) = D(x) \\ = V(1)   the argument 1 at index 19
    pytest.param("V(D) = D(x) \\\\ = V(1)", "the parameter D of V is a function: pass a name", 20,
                 id="parameter_is_a_function"),
    pytest.param("x = KL(p)", "KL takes two arguments, got 1", 5, id="operator_takes_two_arguments"),
    pytest.param("x = CE(2, D(x))", "CE takes a density first (cross-entropy CE(p(x), f(x))) or a label", 8,
                 id="CE_density_or_label_first"),
    #             x = \mathbb{E}_{x \sim a}[x]   the law a at index 23
    pytest.param("x = \\mathbb{E}_{x \\sim a}[x]", "the distribution of an expectation must be a density", 24,
                 id="expectation_law_not_a_density"),
    pytest.param("x = \\mathbb{E}[x]", "say which distribution x is drawn from: \\mathbb{E}_{x \\sim p}[...]", 5,
                 id="say_which_distribution"),
    pytest.param("x = \\int_1 x dx", "an integral's subscript is its variable (\\int_x) or its lower bound", 10,
                 id="integral_subscript"),
    pytest.param("x = \\int_0^a x dx", "an integral's bounds must be numbers or \\infty", 12,
                 id="integral_bounds_numbers"),
    pytest.param("x = \\int_z x dx", "this integral is over z (\\int_z) but ends in dx", 5,
                 id="integral_variable_and_differential_differ"),
    #             x = \frac{d}{d 2} x   the 2 at index 15
    pytest.param("x = \\frac{d}{d 2} x", "a derivative is read with respect to a variable or the value of a "
                 "discriminator", 16, id="derivative_by_what"),
    pytest.param("x = \\lim_{m \\to \\infty} a", "a limit is read only as the limit of a sample mean", 5,
                 id="limit_only_of_sample_mean"),
    #             x = \frac{1}{m}\sum_...   \sum at index 15
    pytest.param("x = \\frac{1}{m}\\sum_{i=0}^{m} x^{(i)}", "a sum is read only as a sample mean \\frac{1}{m} "
                 "\\sum_{i=1}^{m}: from 1 to a letter", 16, id="sum_from_1_to_a_letter"),
    #             x = \lim_{n \to \infty} \frac{1}{m} \sum...   \sum at index 4 + 20 + 12 = 36
    pytest.param("x = \\lim_{n \\to \\infty} \\frac{1}{m} \\sum_{i=1}^{m} x^{(i)}",
                 "the limit is over n but the sum runs to m", 37, id="limit_variable_and_sum_bound_differ"),
    pytest.param("x = 2 \\sum_{i=1}^{m} x^{(i)}", "a sum over samples needs its 1/m in front", 7,
                 id="sum_needs_one_over_m"),
    #             x = \frac{1}{m}\sum_{i=1}^{m} x_j^{(r)}   x_j at index 15 + 15 = 30
    pytest.param("x = \\frac{1}{m}\\sum_{i=1}^{m} x_j^{(r)}",
                 "the sample x_j^{(r)} is indexed by j, but the sum runs over i", 31, id="sample_index_differs"),
    pytest.param("x = x^{(i)}", "the sample x^{(i)} is only read inside a sample mean", 5,
                 id="sample_outside_sample_mean"),
]


@pytest.mark.parametrize("row, fragment, col", RESOLVE)
def test_error_resolve(row: str, fragment: str | re.Pattern[str], col: int) -> None:
    check_error(display(row), fragment, 2, col)


def test_error_expression_nested_too_deep() -> None:
    # a side of MAX_DEPTH * 4 + 1 minus signs: reported at the start of the side
    limit = MAX_DEPTH * 4
    row = "x = " + "- " * (limit + 1) + "a"
    check_error(display(row), f"the expression is nested deeper than the limit of {limit}", 2, 5)


def test_error_expression_nested_too_deep_in_a_constraint() -> None:
    # constraints are resolved without the whole-side check: the error is at the first '-' over the limit,
    # the (limit + 1)-th, at index len("%! assume ") + 2 * limit
    limit = MAX_DEPTH * 4
    text = "%! assume " + "- " * (limit + 1) + "a = 2\n" + display("x = 1")
    check_error(text, f"the expression is nested deeper than the limit of {limit}", 1, 10 + 2 * limit + 1)


# --------------------------------------------------------------------------------------------- document.py
DOCUMENT = [
    pytest.param("V(e^{2}) = 1 \\\\ = 2", "the parameter e^{2} of a definition must be a variable (x), a "
                 "discriminator (D), a generator (G), a density or a constant of its own", 3,
                 id="definition_parameter"),
    pytest.param("x = a \\neq b", "\\neq is not checked: a step is =, \\le, \\ge, < or >", 7, id="neq"),
    pytest.param("x := 1", ":= only defines a new name; use = for a step", 3, id="coloneq_in_a_step"),
    pytest.param("= a", "this row starts with a relation, but there is no row before it in this block", 1,
                 id="starts_with_relation_first_row"),
    pytest.param("\\max_D D(x) = 1 \\\\ D(x) = 2", "\\max/\\min in a sequence of equations is not read", 1,
                 id="max_in_sequence_of_equations"),
    #             V(x, x) = x   the second x at index 5
    pytest.param("V(x, x) = x \\\\ = 2", "the parameter x appears twice in the definition of V", 6,
                 id="definition_parameter_twice"),
    #             x \tag{nosuch}   the rule name at index 7
    pytest.param("x \\tag{nosuch}", "unknown rule 'nosuch' (the rules are listed by `ganproof rules`)", 8,
                 id="unknown_rule"),
    pytest.param("x \\tag{lotuss}", "unknown rule 'lotuss' (did you mean 'lotus'?) (the rules are listed by", 8,
                 id="unknown_rule_did_you_mean"),
]


@pytest.mark.parametrize("row, fragment, col", DOCUMENT)
def test_error_document(row: str, fragment: str, col: int) -> None:
    check_error(display(row), fragment, 2, col)


def test_error_unknown_rule_named_by_comment() -> None:
    #        x % by nosuch   the rule name at index 7
    check_error(display("x % by nosuch"), "unknown rule 'nosuch'", 2, 8)


def test_error_sequence_of_equations_needs_an_unknown() -> None:
    text = "\\begin{align*}\n  x &= 1 \\\\\n  x &= 2\n\\end{align*}\n"
    check_error(text, "a sequence of equations needs an unknown: a discriminator D(x) or a derivative", 2, 3)


def test_error_empty_row() -> None:
    check_error("$$\\quad$$\n", "empty row", 1, 3)


UNCLOSED = "x = \\mathbb{E}_{x \\sim p}[\\log(1 - D(x)]"  # '(' at index 30, ']' at index 39


def test_error_unclosed_bracket_refused_in_strict_mode() -> None:
    err = check_error(display(UNCLOSED), "'(' opened at 2:31 is never closed before the ']' at 2:40 closes; read as "
                      "closed there (refused: --strict)", 2, 31, strict=True)
    assert err.message.endswith("(refused: --strict)")


def test_unclosed_bracket_is_repaired_with_a_warning_when_not_strict() -> None:
    doc = read_text(display(UNCLOSED), name=NAME)
    assert [(w.line, w.col) for w in doc.warnings if w.message.startswith("repaired:")] == [(2, 31)]


def test_error_no_display_math() -> None:
    check_error("Inline $a$ only.\n", "no display math found: the checker reads \\begin{align}", 1, 1)


def test_error_no_display_math_and_no_inline_relation() -> None:
    check_error("Inline $a + b$ and $\\sum_{i=1}^n x_i$ only.\n", "the 2 inline formulas of the file (the first at "
                "line 1) hold no relation", 1, 1)


def test_error_no_math_delimiters_at_all() -> None:
    check_error("Prose.\n\nV(G, D) = E_x[log(D(x))] + 1\n", "the file has no math delimiters at all: line 3 looks "
                "like mathematics written without them (put it in $$ ... $$)", 1, 1)


def test_error_inline_conditions_are_no_steps() -> None:
    check_error("When $p_g = p_{data}$ and $D(x) = 0.5$, ...\n", "its inline formulas hold no step to check", 1, 1)


def test_error_no_step_to_check() -> None:
    check_error("Prose.\n\n$$\na = 1\n$$\n", "the display math holds no step to check (only definitions", 3, 1)


# --------------------------------------------------------------------------------------------- blocks.py
def test_error_display_math_never_closed() -> None:
    check_error("Prose.\n$$\nx = 1\n", "display math opened with $$ is never closed: expected $$ after it", 2, 1)


def test_error_environment_never_closed() -> None:
    text = "\\begin{align*}\nx = 1\n\\end{align}\n"
    check_error(text, "display math opened with \\begin{align*} is never closed: expected \\end{align*}", 1, 1)


def test_error_too_many_directives() -> None:
    text = "%! assume t > 0\n" * (MAX_DIRECTIVES + 1) + display("x = 1")
    check_error(text, f"more than {MAX_DIRECTIVES} directives (%! lines) in one file", MAX_DIRECTIVES + 1, 1)


def test_error_too_many_rows() -> None:
    # a first block of exactly MAX_ROWS rows (lines 2 .. MAX_ROWS + 1, closed on line MAX_ROWS + 2),
    # then a block of two rows opened on line MAX_ROWS + 3: the error names that block
    first = "$$\n" + "x \\\\\n" * (MAX_ROWS - 1) + "x\n$$\n"
    text = first + "$$\nx \\\\\nx\n$$\n"
    check_error(text, f"more than {MAX_ROWS} rows of display math in one file", MAX_ROWS + 3, 1)


def test_error_more_than_one_tag() -> None:
    #                 x = 1 \tag{lotus} \tag{linearity}   the second \tag at index 18
    check_error(display("x = 1 \\tag{lotus} \\tag{linearity}"),
                "a row names more than one \\tag{...}; keep one rule per row", 2, 19)


def test_error_row_too_long() -> None:
    row = "a " * (MAX_ROW_CHARS // 2 + 1)
    check_error("$$" + row + "$$\n", f"a row of {len(row)} characters is longer than the limit of {MAX_ROW_CHARS}",
                1, 3)


# --------------------------------------------------------------------------------------------- directives.py
# (directive on line 2, message fragment, column)
DIRECTIVES = [
    pytest.param("%! density p = q", "expected an expression here, found 'p = q'", 12, id="expected_an_expression"),
    pytest.param("%! density a", "expected a density (p, q, p_{...}), found 'a'", 12, id="expected_a_density"),
    pytest.param("%! sample a \\sim p_r", "expected a sample such as x^{(i)}, found 'a'", 11, id="expected_a_sample"),
    pytest.param("%! density p on [1, 0]", "the support [1, 0] is empty", 17, id="support_empty"),
    pytest.param("%! density p on (0, 1)", "a support is [a, b] with numbers a < b, a half-line [a, \\infty) or (-\\infty, b], \\mathbb{R}, a finite alphabet", 17,
                 id="support_form"),
    pytest.param("%! density p on {0, 2, 3}", "a finite alphabet is a set of consecutive integers", 17,
                 id="alphabet_not_consecutive"),
    pytest.param("%! density p on {0, \\dots, 99}", "is empty or has more than 64 points", 17,
                 id="alphabet_too_large"),
    pytest.param("%! pushforward p_G = D(z), z \\sim p_z", "expected a generator applied to the noise, e.g. G(z)", 22,
                 id="pushforward_needs_generator"),
    pytest.param("%! sample (x^{(i)}, y^{(i)}) \\sim p_r",
                 "a labelled sample reads (x^{(i)}, y^{(i)}) \\sim labelled(p_r: 1, p_g: 0)", 11,
                 id="labelled_sample_form"),
    pytest.param("%! sample (x^{(i)}) \\sim labelled(p_r: 1)",
                 "a labelled sample names a sample and its label: (x^{(i)}, y^{(i)})", 11,
                 id="labelled_sample_pair"),
    #             %! sample (x^{(i)}, y^{(i)}) \sim labelled(p_r: 2, ...   p_r at index 10 + 19 + 5 + 9 = 43
    pytest.param("%! sample (x^{(i)}, y^{(i)}) \\sim labelled(p_r: 2, p_g: 0)",
                 "each component of labelled(...) reads p: 0 or p: 1", 44, id="labelled_component"),
    pytest.param("%! sample x^{(i)}", "a sample directive reads x^{(i)} \\sim p_r", 11, id="sample_form"),
    pytest.param("%! assume t", "an assumption is a relation: p_G = p_{data}, or b - a = 2, t > 0", 11,
                 id="assumption_is_a_relation"),
    pytest.param("%! assume p_G \\le p_{data}", "a hypothesis about densities reads p_G = p_{data}", 11,
                 id="hypothesis_form"),
    pytest.param("%!frobnicate", "unknown directive 'frobnicate': the directives are density, pushforward, sample, "
                 "assume and chi-square", 3, id="unknown_directive"),
    pytest.param("%!", "an empty directive: a %! line reads %! density, %! pushforward, %! sample, %! assume or "
                 "%! chi-square", 3, id="empty_directive"),
    #             %! chi-square neyman   the convention at index 14
    pytest.param("%! chi-square neyman", "unknown chi-square convention: expected pearson (Q divides in "
                 "\\chi^2(P \\| Q)) or lsgan (P divides), found 'neyman'", 15, id="chi_square_convention"),
    pytest.param("%! chi-square", "unknown chi-square convention: expected pearson", 14,
                 id="chi_square_convention_missing"),
    pytest.param("%! density", "a density directive names densities, with an optional support: %! density p, q on",
                 4, id="density_form"),
    pytest.param("%! pushforward p_G = G(z)", "a pushforward directive reads %! pushforward p_G = G(z), z \\sim p_z",
                 4, id="pushforward_form"),
    pytest.param("%! sample", "a sample directive reads %! sample x^{(i)} \\sim p_r", 4, id="sample_directive_form"),
    pytest.param("%! assume", "an assume directive states a hypothesis or constraints", 4, id="assume_form"),
    pytest.param("%! pushforward p_G = G(w), z \\sim p_z",
                 "expected a generator applied to the noise z alone, e.g. G(z), found 'G(w)'", 22,
                 id="pushforward_generator_of_another_variable"),
    #             %! pushforward p_G = G(z), 2 \sim p_z   the 2 at index 27
    pytest.param("%! pushforward p_G = G(z), 2 \\sim p_z", "expected the noise variable (z) before \\sim", 28,
                 id="pushforward_noise_variable"),
    #             %! sample x^{(i)} \sim p_r, z^{(i)} \sim a   the law a of the second sample at index 41
    pytest.param("%! sample x^{(i)} \\sim p_r, z^{(i)} \\sim a", "expected a density", 42,
                 id="second_sample_law_not_a_density"),
    pytest.param("%! density p \\\\ q", "a row break \\\\ here is not allowed", 14, id="row_break_not_allowed"),
    # document.py, on the constraints of an assume directive
    pytest.param("%! assume t > 1", "an inequality on a constant reads t > 0, 0 < t or 0 < t < 1", 11,
                 id="inequality_on_a_constant"),
    pytest.param("%! assume a = b = 2", "write one equation per constraint: b - a = 2", 11,
                 id="one_equation_per_constraint"),
    pytest.param("%! assume D(x) = 2", "a constraint is about constants only (b - a = 2)", 11,
                 id="constraint_about_constants_only"),
    #             %! assume t > 0, a^2 = 4   the equation at index 17
    pytest.param("%! assume t > 0, a^2 = 4", "the constraints must be linear equations with one solution", 18,
                 id="constraints_linear_one_solution"),
    pytest.param("%! assume a = \\exp(b)", "the constraints must be linear equations with one solution: this one "
                 "is not linear in the constants with rational coefficients", 11, id="constraint_not_linear"),
    pytest.param("%! assume a = 1, a = 2", "the constraints must be linear equations with one solution", 11,
                 id="constraints_without_a_solution"),
]


@pytest.mark.parametrize("directive, fragment, col", DIRECTIVES)
def test_error_directive(directive: str, fragment: str, col: int) -> None:
    check_error("Prose.\n" + directive + "\n" + display("x = 1"), fragment, 2, col)


# --------------------------------------------------------------------------------------------- files
def file_error(path: str) -> InputError:
    with pytest.raises(InputError) as info:
        read_path(path)
    assert info.value.file == path
    return info.value


def test_error_no_such_file(tmp_path) -> None:
    err = file_error(str(tmp_path / "missing.tex"))
    assert err.message == "no such file"
    assert (err.line, err.col) == (None, None)


def test_error_is_a_directory(tmp_path) -> None:
    assert file_error(str(tmp_path)).message == "is a directory, not a derivation file"


def test_error_not_utf8(tmp_path) -> None:
    path = tmp_path / "latin1.tex"
    path.write_bytes(b"$$\nx = \xff\n$$\n")  # the bad byte at offset 7
    assert file_error(str(path)).message == "the file is not UTF-8 (byte 7); save it as UTF-8"


def test_error_file_too_large(tmp_path) -> None:
    path = tmp_path / "big.tex"
    path.write_bytes(b"%" * (MAX_FILE_BYTES + 1))
    assert file_error(str(path)).message == (f"the file has {MAX_FILE_BYTES + 1} bytes, more than the limit of "
                                             f"{MAX_FILE_BYTES}")


def test_error_cannot_read_the_file(tmp_path) -> None:
    # a symlink loop: an OSError that is neither "no such file" nor "a directory" (even as root)
    a, b = tmp_path / "a.tex", tmp_path / "b.tex"
    os.symlink(b, a)
    os.symlink(a, b)
    assert file_error(str(a)).message.startswith("cannot read the file: ")


def test_render_error_points_a_caret_at_the_column() -> None:
    err = read_error(display("x = \\foo"))
    assert render_error(err).split("\n") == [
        f"{NAME}:2:5: error: {err.message}",
        "  x = \\foo",
        "      ^",
    ]


# --------------------------------------------------------------------------------------------- the CLI
BAD = "Prose.\n$$\nx = \\foo\n$$\n"  # \foo at line 3, column 5


def test_cli_parse_error_prints_file_line_col_and_a_caret(tmp_path, capsys) -> None:
    path = tmp_path / "bad.tex"
    path.write_text(BAD)
    assert main(["check", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    head, line, caret, closing = err.rstrip("\n").split("\n")
    assert head.startswith(f"{path}:3:5: error: unknown command \\foo")
    assert line == "  x = \\foo"
    assert caret == "      ^"
    assert closing.startswith(f"{path}: FAILED: nothing could be checked; 1 input error (line 3)")


def test_cli_json_error_object(tmp_path, capsys) -> None:
    path = tmp_path / "bad.tex"
    path.write_text(BAD)
    assert main(["check", str(path), "--json"]) == 2
    obj = json.loads(capsys.readouterr().out)
    assert (obj["schema"], obj["kind"], obj["status"], obj["steps"]) == (1, "file", "unreadable", [])
    assert obj["file"] == str(path) and obj["errors"] == [obj["error"]]
    assert set(obj["error"]) == {"line", "col", "message"}
    assert (obj["error"]["line"], obj["error"]["col"]) == (3, 5)
    assert obj["error"]["message"].startswith("unknown command \\foo")


def test_cli_strict_refuses_an_unclosed_bracket(tmp_path, capsys) -> None:
    path = tmp_path / "unclosed.tex"
    path.write_text(display(UNCLOSED))
    assert main(["check", str(path), "--strict"]) == 2
    head, line, caret, _closing = capsys.readouterr().err.rstrip("\n").split("\n")
    assert head.startswith(f"{path}:2:31: error: '(' opened at 2:31 is never closed before the ']' at 2:40")
    assert head.endswith("(refused: --strict)")
    assert line == "  " + UNCLOSED
    assert caret == "  " + " " * 30 + "^"


def test_cli_missing_file(tmp_path, capsys) -> None:
    path = tmp_path / "missing.tex"
    assert main(["check", str(path)]) == 2
    assert capsys.readouterr().err.strip() == f"{path}: error: no such file"


# --------------------------------------------------------------------------------------------- bugs
# each test here was a strict xfail until its bug was fixed; the tests after them cover what was found with them
def test_error_constraint_on_the_variable_x() -> None:
    check_error("%! assume x = 2\n" + display("x = \\int x dx"), "a constraint is about constants only", 1, 11)


def _read_in_a_child(text: str, conn) -> None:  # type: ignore[no-untyped-def]
    try:
        read_text(text, name=NAME)
        conn.send(("read", None, None, None))
    except InputError as err:
        conn.send(("InputError", err.message, err.line, err.col))
    except Exception as exc:  # noqa: BLE001 - any other exception is the bug being reported
        conn.send((type(exc).__name__, str(exc), None, None))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_error_constraint_with_an_integral_does_not_hang() -> None:
    # read in a forked child, so that the hang can be stopped without leaving SymPy half-way in this process
    ctx = multiprocessing.get_context("fork")
    here, there = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_read_in_a_child, args=("%! assume a = \\int x dx\n" + display("x = a"), there))
    child.start()
    try:
        finished = here.poll(2.0)
    finally:
        if child.is_alive():
            child.kill()
        child.join()
    assert finished, "reading the file took more than 2 s"
    kind, message, line, col = here.recv()
    assert kind == "InputError", (kind, message)
    assert "constraint" in message
    assert (line, col) == (1, 11)


def test_error_sample_law_not_a_density_points_at_the_law() -> None:
    #           %! sample x^{(i)} \sim a   the law a at index 23
    check_error("%! sample x^{(i)} \\sim a\n" + display("x = 1"), "expected a density", 1, 24)


def test_error_pushforward_noise_not_a_density_points_at_the_law() -> None:
    #           %! pushforward p_G = G(z), z \sim a   the law a at index 34
    check_error("%! pushforward p_G = G(z), z \\sim a\n" + display("x = 1"), "expected a density", 1, 35)


def test_error_unknown_directive_points_at_the_word() -> None:
    check_error("%! frobnicate\n" + display("x = 1"), "unknown directive 'frobnicate'", 1, 4)


@pytest.mark.parametrize("directive", ["%! density", "%! pushforward p_G = G(z)"])
def test_error_malformed_known_directive_is_not_unknown(directive: str) -> None:
    err = read_error(directive + "\n" + display("x = 1"))
    assert "unknown directive" not in err.message
    assert directive.split()[1] in err.message


def test_error_pushforward_generator_with_two_arguments() -> None:
    err = read_error("%! pushforward p_G = G(z, z), z \\sim p_z\n" + display("x = 1"))
    assert "never closed" not in err.message
    assert (err.line, err.col) == (1, 22)


def test_error_empty_row_points_at_the_row() -> None:
    check_error("$$\n\\quad\n$$\n", "empty row", 2, 1)


def test_error_row_too_long_points_at_the_row() -> None:
    row = "a " * (MAX_ROW_CHARS // 2 + 1)
    check_error("$$\n" + row + "\n$$\n", "is longer than the limit", 2, 1)


def test_error_derivative_brace_never_closed_points_at_the_brace() -> None:
    #                 x = \frac{d}{dx x   the unclosed '{' at index 12
    check_error(display("x = \\frac{d}{dx x"), "'{' opened here is never closed in this row", 2, 13)


def test_error_file_too_large_does_not_misstate_its_size(tmp_path) -> None:
    path = tmp_path / "big.tex"
    path.write_bytes(b"%" * (2 * MAX_FILE_BYTES))
    message = file_error(str(path)).message
    assert f"{MAX_FILE_BYTES + 1} bytes" not in message
    assert f"limit of {MAX_FILE_BYTES}" in message
    assert message == f"the file has {2 * MAX_FILE_BYTES} bytes, more than the limit of {MAX_FILE_BYTES}"


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_error_endless_device_is_refused_as_not_a_regular_file() -> None:
    # a device (endless, or blocking) is never read: only regular files are
    message = file_error("/dev/zero").message
    assert message.startswith("is a device, not a regular file")


def test_mathrm_d_is_read_as_a_differential() -> None:
    doc = read_text(display("x = \\int_0^1 x \\, \\mathrm{d}x"), name=NAME)
    assert not [w for w in doc.warnings if "has no d" in w.message]


def test_text_d_is_not_silently_dropped() -> None:
    try:
        doc = read_text(display("x = \\int_0^1 x \\, \\text{d}x"), name=NAME)
    except InputError:
        return
    assert not [w for w in doc.warnings if "has no d" in w.message]


def test_mathrm_and_text_d_make_the_same_integral_as_dx() -> None:
    written = [read_text(display(f"x = \\int_0^1 x \\, {d}x"), name=NAME).chains[0].points[1].side.expr
               for d in ("d", "\\mathrm{d}", "\\text{d}", "\\operatorname{d}")]
    assert all(w == written[0] for w in written), written
    assert str(written[0]) == "Integral(x, (x, 0, 1))"


def test_mathrm_d_in_a_derivative() -> None:
    doc = read_text(display("x = \\frac{\\mathrm{d}}{\\mathrm{d}x} x^2"), name=NAME)
    assert str(doc.chains[0].points[1].side.expr) == "Derivative(x**2, x)"


def test_mathrm_d_in_a_subscript_is_part_of_a_name() -> None:
    doc = read_text(display("x = p_{\\mathrm{d}}(x)"), name=NAME)
    assert str(doc.chains[0].points[1].side.expr) == "p_d(x)"


@pytest.mark.parametrize("row, value", [
    ("x = \\frac12", "1/2"),        # \frac12 is \frac{1}{2}
    ("x = \\frac{1}23", "3/2"),     # \frac{1}{2} 3
    ("x = \\frac1{23}", "1/23"),
    ("x = \\frac\\pi2", "pi/2"),
    ("x = \\frac ab", "a/b"),
])
def test_frac_arguments_without_braces_are_one_character(row: str, value: str) -> None:
    assert str(read_text(display(row), name=NAME).chains[0].points[1].side.expr) == value


def test_constraints_substitute_free_constants() -> None:
    doc = read_text("%! assume b - a = 2\n" + display("x = b + 1"), name=NAME)
    assert str(doc.chains[0].points[1].side.expr) == "a + 3"


@pytest.mark.parametrize("row, what, col", [
    #  x = \int_0^1 t \, dt   the \int at index 4
    ("x = \\int_0^1 t \\, dt", "the variable of an integral", 5),
    #  x = \frac{d}{dt} t^2    the t after d at index 14
    ("x = \\frac{d}{dt} t^2", "the variable of a derivative", 15),
    #  V(a) = a + b   the parameter a at index 2
    ("V(a) = a + b \\\\ = V(1)", "a parameter of a definition", 3),
])
def test_error_a_constant_of_the_constraints_is_never_bound(row: str, what: str, col: int) -> None:
    # b = a + 2 substituted under a bound a would be captured by it; a bound t would be replaced by 2
    text = "%! assume b - a = 2, t = 2\n" + display(row)
    check_error(text, f"is a constant of the constraint on line 1 (%! assume); it cannot also be {what}", 3, col)


def test_error_second_constraint_is_located_at_its_own_text() -> None:
    #           %! assume t > 0,   a = \exp(b)   the second constraint at index 19
    check_error("%! assume t > 0,   a = \\exp(b)\n" + display("x = 1"), "not linear in the constants", 1, 20)
    # a token of a piece after a comma: the spaces before the piece used to shift it to the right
    #           %! assume t > 0,   a = \foo   \foo at index 23
    check_error("%! assume t > 0,   a = \\foo\n" + display("x = 1"), "unknown command \\foo", 1, 24)
