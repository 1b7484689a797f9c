"""Constructs of real derivations that the reader did not read (tests/real, issue 14), one group per class.

Each test writes a small file as people write it and asserts what the reading must give: the true step
holds, and a wrong step of the same shape is still refuted (reading more must not accept more that is
wrong).  Regression tests are named after the bug they pin.
"""

from __future__ import annotations

import pytest

from ganproof.errors import InputError
from ganproof.reader.check import FileReport, check_document
from ganproof.reader.document import read_text


def check(text: str, name: str = "t.md") -> FileReport:
    return check_document(read_text(text, name), suggest=False)


def verdicts(report: FileReport) -> list[tuple[int, str]]:
    return [(s.line, s.verdict.value) for s in report.steps]


def notes_of(text: str, name: str = "t.md") -> list[str]:
    """The warnings and the assumptions (readings) the reader states for ``text``."""
    doc = read_text(text, name)
    return [m.message for m in (*doc.warnings, *doc.assumptions)]


# ---------------------------------------------------------------- p(x_i): the i-th point of an alphabet
GIBBS_POINTS = ("$$\n- \\sum_{i=1}^n p(x_i) \\, \\log p(x_i) \\leq - \\sum_{i=1}^n p(x_i) \\, \\log q(x_i)\n$$\n\n"
                "$$\n\\sum_{i=1}^n p(x_i) \\log \\frac{p(x_i)}{q(x_i)} = \\sum_{i=1}^n p(x_i) \\log p(x_i) - "
                "\\sum_{i=1}^n p(x_i) \\log q(x_i)\n$$\n")


def test_regression_sum_over_points_x_i_read_as_sample_mean() -> None:
    # e_statproofbook: \sum_{i=1}^n p(x_i) \log p(x_i) was "a sum read as a sample mean ... neither"
    doc = read_text(GIBBS_POINTS, "t.md")
    assert doc.errors == ()
    report = check(GIBBS_POINTS)
    assert [v for _, v in verdicts(report)] == ["proved", "proved"]


def test_sum_over_points_keeps_a_wrong_step_refuted() -> None:
    text = ("$$\n\\sum_{i=1}^n p(x_i) \\log \\frac{p(x_i)}{q(x_i)} = \\sum_{i=1}^n p(x_i) \\log p(x_i) + "
            "\\sum_{i=1}^n p(x_i) \\log q(x_i)\n$$\n")
    assert [v for _, v in verdicts(check(text))] == ["refuted"]


def test_sum_over_points_reads_the_mass_at_each_point() -> None:
    # \sum_i p(x_i) is the total mass, 1; 2 is refuted
    assert [v for _, v in verdicts(check("$$\n\\sum_{i=1}^n p(x_i) = 1\n$$\n"))] == ["proved"]
    assert [v for _, v in verdicts(check("$$\n\\sum_{i=1}^n p(x_i) = 2\n$$\n"))] == ["refuted"]


def test_sum_over_points_says_how_it_read_x_i() -> None:
    assert any("x_{i} is read as the point i" in w for w in notes_of(GIBBS_POINTS))


def test_sum_over_points_is_no_arithmetic_on_abstract_points() -> None:
    # the points of the abstract alphabet have no values: x_i p(x_i) stays an error, not a guess
    with pytest.raises(InputError, match="stands in arithmetic"):
        read_text("$$\n\\sum_{i=1}^n x_i p(x_i) = 1\n$$\n", "t.md")


# ---------------------------------------------------------------- \text{ and } between two formulas
def test_regression_text_and_joined_two_formulas_into_one_definition() -> None:
    # b_ponte: D(x) = 1/2 \text{ and } 1 - D(x) = 1/2 read as D(x) := 1/2 - D(x) (the \text dropped)
    text = "$$\nm(x) = \\frac{1}{2} \\text{ and } 1 - m(x) = \\frac{1}{2}\n$$\n\n$$\nm(x) + m(x) = 1\n$$\n"
    doc = read_text(text, "t.md")
    (d,) = [d for d in doc.definitions if d.name.startswith("m")]
    assert d.latex == "\\frac{1}{2}"
    # the formula after the word is a statement of its own, checked (1 - 1/2 = 1/2), not dropped
    assert [v for _, v in verdicts(check(text))] == ["proved", "proved"]


def test_text_and_cut_keeps_a_wrong_first_formula_refuted() -> None:
    text = "$$\na + a = 3 a \\text{ and } b = b\n$$\n"
    # the formula after the word is a statement of its own, checked too
    assert [v for _, v in verdicts(check(text))] == ["refuted", "proved"]


def test_text_and_without_a_second_formula_is_commentary() -> None:
    # a word after the only formula ends nothing: the row is read whole
    text = "$$\na + a = 2 a \\text{ and so on}\n$$\n"
    assert [v for _, v in verdicts(check(text))] == ["proved"]


# ---------------------------------------------------------------- f, g, h applied and never defined
def test_regression_undefined_f_stopped_the_f_divergence() -> None:
    # a_emptymalei / d_schaeffer: "unknown name f" for the f of an f-divergence
    text = ("$$\nD_f = \\int f\\left(\\frac{p(x)}{q(x)}\\right) q(x) \\, dx\n$$\n\n"
            "$$\nD_f = \\int q(x) f\\left(\\frac{p(x)}{q(x)}\\right) dx\n$$\n")
    doc = read_text(text, "t.md")
    assert doc.errors == ()
    assert any("f is read as any real function" in m for m in notes_of(text))
    assert [c.name for c in doc.context.critics] == ["f"]


def test_any_function_step_holds_for_every_function() -> None:
    # linearity holds for every h; a Monte Carlo estimate of E_p[h] is the law of large numbers
    text = ("$$\n\\int (h(x) + 2 h(x)) p(x) \\, dx = 3 \\int h(x) p(x) \\, dx\n$$\n\n"
            "$$\n\\mathbb{E}_{x \\sim p}[g(x)] = \\int p(x) g(x) \\, dx\n$$\n")
    assert [v for _, v in verdicts(check(text))] == ["proved", "proved"]


def test_any_function_wrong_step_is_refuted() -> None:
    # f(a) + f(b) = f(a + b) fails for a generic f; no property is stated in the text
    text = "$$\n\\int f(x) p(x) \\, dx = \\int f(x) q(x) \\, dx\n$$\n"
    assert [v for _, v in verdicts(check(text))] == ["refuted"]


def test_any_function_with_a_stated_property_is_unknown_not_refuted() -> None:
    # Jensen's inequality needs g convex, which the prose states and the checker does not apply
    text = ("where $g$ is a convex function:\n\n$$\n\\int q(x) g(x) \\, dx \\geq g\\left( \\int q(x) x \\, dx "
            "\\right)\n$$\n")
    (step,) = check(text).steps
    assert step.verdict.value == "unknown"
    assert "convex" in step.reason


def test_g_of_z_stays_a_generator() -> None:
    doc = read_text("$$\n\\mathbb{E}_{z \\sim p_z}[D(g(z))] = \\int p_z(z) D(g(z)) \\, dz\n$$\n", "t.md")
    assert doc.errors == ()
    assert doc.context.critics == ()
    assert [g.name for g in doc.context.generators] == ["g"]


# ---------------------------------------------------------------- D^{opt}(x) = 1/2 in a display
PONTE = ("Given that $p_{data} = p_G$:\n\n$$ D^{opt}_{G}(x)=\\frac{1}{2} $$\n\nthen\n\n"
         "$$ C(G) := \\mathbb{E}_{x \\sim p_{data}}(\\log D_{G}^{opt}(x)) + \\mathbb{E}_{x \\sim p_{G}}"
         "(\\log (1-D_{G}^{opt}(x))) $$\n\n$$ = \\int p_{data}(x) \\log \\frac{1}{2} + p_G(x) \\log \\frac{1}{2}"
         " \\, dx $$\n\n"
         "$$ C(G) = \\mathbb{E}_{x \\sim p_{data}}(\\log \\frac{p_{data}(x)}{p_{data}(x) + p_{G}(x)}) + "
         "\\mathbb{E}_{x \\sim p_{G}}(\\log \\frac{p_{G}(x)}{p_{G}(x)+p_{data}(x)}) $$\n")


def test_regression_optimum_value_read_as_definition_for_every_law() -> None:
    # b_ponte: a display D^{opt}_G(x) = 1/2 (the equality case) became the definition D^opt := 1/2, and
    # the later general step with the optimum was refuted
    doc = read_text(PONTE, "t.md")
    assert not any(d.name.startswith("D") for d in doc.definitions)
    assert any("optimal discriminator a number" in m.message for m in doc.warnings)
    report = check(PONTE)
    by_line = dict(verdicts(report))
    assert by_line[9] == "unknown"  # holds with D^opt = 1/2 (stated), never accepted
    assert "line 3 states" in [s for s in report.steps if s.line == 9][0].reason
    assert by_line[11] == "proved"  # D^opt, never defined, is the optimum p_data/(p_data + p_G) by its name
    assert "refuted" not in by_line.values()


def test_optimum_value_wrong_step_stays_refuted() -> None:
    text = PONTE.replace("\\log \\frac{1}{2} + p_G(x) \\log \\frac{1}{2}", "\\log 2 + p_G(x) \\log 2")
    by_line = dict(verdicts(check(text)))
    assert by_line[9] == "refuted"


# ---------------------------------------------------------------- the generator of the default pushforward
def test_regression_pushforward_default_took_the_parameter_g_of_v_not_g_of_z() -> None:
    # f_chunhaoy: V(G, D) = \int p_data log D dx + \int p_z(z) log(1 - D(g(z))) dz = \int (...) dx was refuted:
    # the default read p_g as the law of G, V's parameter, which nothing applies, instead of g
    text = ("$$\nV(G, D) = \\int_x p_{data}(x) \\log D(x) \\, dx + \\int_z p_z(z) \\log(1 - D(g(z))) \\, dz\n"
            "$$\n\n$$\n= \\int_x p_{data}(x) \\log D(x) + p_g(x) \\log(1 - D(x)) \\, dx\n$$\n")
    doc = read_text(text, "t.md")
    assert [(pf.density.name, pf.generator.name) for pf in doc.context.pushforwards] == [("p_g", "g")]
    assert [v for _, v in verdicts(check(text))] == ["proved"]


def test_pushforward_default_keeps_a_wrong_change_of_variables_refuted() -> None:
    text = ("$$\nV(G, D) = \\int_x p_{data}(x) \\log D(x) \\, dx + \\int_z p_z(z) \\log(1 - D(g(z))) \\, dz\n"
            "$$\n\n$$\n= \\int_x p_{data}(x) \\log D(x) + p_g(x) \\log(D(x)) \\, dx\n$$\n")
    assert [v for _, v in verdicts(check(text))] == ["refuted"]


# ---------------------------------------------------------------- accents: \tilde{x}, \hat{p}, \widehat{y}
def test_regression_tilde_x_stopped_the_file() -> None:
    # b_weng: \tilde{x} = D(x), then f(\tilde{x}) = A log \tilde{x} + ...: "unknown command \tilde"
    text = "$$\n\\tilde{x} + \\tilde{x} = 2 \\tilde{x}\n$$\n\n$$\n\\int \\hat{p}(x) \\, dx = 1\n$$\n"
    doc = read_text(text, "t.md")
    assert doc.errors == ()
    assert [v for _, v in verdicts(check(text))] == ["proved", "proved"]


def test_an_accented_letter_is_not_the_letter() -> None:
    # \tilde{x} is a constant of its own, never the bound x of an integral, \hat p not p
    assert [v for _, v in verdicts(check("$$\n\\int p(x) \\tilde{x} \\, dx = \\int p(x) x \\, dx\n$$\n"))] \
        == ["refuted"]
    assert [v for _, v in verdicts(check("$$\n\\int \\hat{p}(x) \\log \\frac{\\hat{p}(x)}{p(x)} \\, dx = 0\n$$\n"))] \
        == ["refuted"]
    assert [v for _, v in verdicts(check("$$\n\\widehat{y} (1 - \\widehat{y}) = \\widehat{y} - \\widehat{y}^2\n$$\n"))] \
        == ["proved"]


def test_an_accent_on_more_than_a_letter_is_an_error() -> None:
    # aise: \bar{P_{z}(z)} is no distribution: an error that says so, not a guess
    with pytest.raises(InputError, match="read only on one letter"):
        read_text("$$\n\\mathbb{E}_{z \\sim \\bar{P_{z}(z)}}[D(z)] = 1\n$$\n", "t.md")


# ---------------------------------------------------------------- := on a name that is not new: a claim
def test_regression_definition_mark_on_kl_stopped_the_row() -> None:
    # d_schaeffer: D_{KL}(p || q) := \int ... was ":= only defines a new name"; KL is an operator, so the row
    # claims what KL(p || q) is, and the claim is checked
    text = ("$$D_{KL}(p || q) := \\int \\frac{p(x)}{q(x)} \\log \\frac{p(x)}{q(x)} q(x) dx = "
            "\\int p(x) \\log \\frac{p(x)}{q(x)} dx$$\n")
    assert read_text(text, "t.md").errors == ()
    assert [v for _, v in verdicts(check(text))] == ["proved", "proved"]
    assert any(":= ... is read as a step" in m for m in notes_of(text))


def test_definition_mark_on_kl_keeps_a_wrong_claim_refuted() -> None:
    # f(t) = -log t gives KL(q || p), not KL(p || q): the row's claim is refuted, not taken as a definition
    text = "$$D_{KL}(p || q) := \\int  \\log \\frac{q(x)}{p(x)} q(x) dx $$\n"
    assert [v for _, v in verdicts(check(text))] == ["refuted"]


def test_definition_mark_on_a_defined_name_is_a_checked_claim() -> None:
    text = "$$\nm(x) = \\frac{p(x) + q(x)}{2}\n$$\n\n$$\nm(x) := \\frac{p(x) + q(x)}{3}\n$$\n"
    assert [v for _, v in verdicts(check(text))] == ["refuted"]


def test_definition_mark_between_two_sides_of_a_step_is_still_an_error() -> None:
    doc = read_text("$$\nKL(p \\| q) = KL(p \\| q) := 0\n$$\n", "t.md")
    assert any(":= only defines a new name" in str(e) for e in doc.errors)


# ---------------------------------------------------------------- p_g beside p_G: one density
PONTE_CASES = ("$$\nC(G) = \\mathbb{E}_{x \\sim p_{data}}[\\log D(x)] + \\mathbb{E}_{x \\sim p_{g}}[\\log(1 - D(x))]\n$$\n\n"
         "$$\n= \\int p_{data}(x) \\log D(x) + p_{G}(x) \\log(1 - D(x)) dx\n$$\n")


def test_regression_p_g_beside_p_G_read_as_two_densities() -> None:
    # b_ponte: E_{x ~ p_g} in one row, p_G everywhere else: read as two densities, the true step was refuted
    assert [v for _, v in verdicts(check(PONTE_CASES))] == ["proved"]
    # p_g is written first: p_G is read as it, and the reading is stated
    assert any("p_G is read as p_g" in m and "differ only in the case" in m for m in notes_of(PONTE_CASES))


def test_case_alias_keeps_a_wrong_step_refuted() -> None:
    wrong = PONTE_CASES.replace("p_{G}(x) \\log(1 - D(x))", "p_{G}(x) \\log D(x)")
    assert [v for _, v in verdicts(check(wrong))] == ["refuted"]


def test_regression_two_cases_in_one_row_were_one_density() -> None:
    # KL(p_n || p_N) = 0 was proved: a row that writes both spellings side by side means two densities
    text = "$$\nKL(p_n \\| p_N) = 0\n$$\n"
    assert [v for _, v in verdicts(check(text))] == ["refuted"]
    assert not any("differ only in the case" in m for m in notes_of(text))


def test_case_alias_is_not_made_when_a_directive_names_both() -> None:
    text = "%! density p_g, p_G\n" + PONTE_CASES
    assert not any("differ only in the case" in m for m in notes_of(text))
    assert [v for _, v in verdicts(check(text))] == ["refuted"]


# ---------------------------------------------------------------- a list of equations in one row
def _rows_of(text: str) -> list[str]:
    from ganproof.reader.blocks import read_layout
    from ganproof.reader.source import Source

    return [" ".join(r.text.split()) for b in read_layout(Source.of("t.md", text)).blocks for r in b.rows]


def test_regression_a_list_of_equations_joined_by_commas_was_an_error() -> None:
    # b_weng: "P_1 = 3, P_2 = 2, ..." and "\tilde{x} = D(x), A = p_r(x), B = p_g(x)" stopped at the first comma
    piles = "$$\nP_1 = 3, P_2 = 2, P_3 = 1\\\\\nQ_1 = 1, Q_2 = 2, Q_3 = 4\n$$\n\n$$\nP_1 + P_2 = Q_3 + Q_1\n$$\n"
    assert _rows_of(piles)[:3] == ["P_1 = 3", "P_2 = 2", "P_3 = 1"]
    assert [v for _, v in verdicts(check(piles))] == ["proved"]
    assert [v for _, v in verdicts(check(piles.replace("= Q_3 + Q_1", "= Q_3 + Q_2")))] == ["refuted"]


def test_a_comma_list_with_a_part_that_is_no_equation_stays_one_row() -> None:
    assert _rows_of("$$\nx = G(z), z \\sim p_z\n$$\n") == ["x = G(z), z \\sim p_z"]
    assert _rows_of("$$\nD(x) = \\frac{1}{2}, x \\in \\mathbb{R}\n$$\n") == ["D(x) = \\frac{1}{2}, x \\in \\mathbb{R}"]
    assert _rows_of("$$\nf(a, b) = a + b\n$$\n") == ["f(a, b) = a + b"]
    assert _rows_of("$$\n&= a, b = 2\n$$\n") == ["&= a, b = 2"]


def test_regression_a_density_name_read_as_a_number_could_not_be_defined() -> None:
    # P_1 = 3 (a pile of dirt, never applied): the row was a claim about a free P_1, so two true steps were refuted
    text = "$$\nP_1 = 3\n$$\n\n$$\nP_1 + P_1 = 6\n$$\n"
    assert [v for _, v in verdicts(check(text))] == ["proved"]


def test_a_block_of_equations_with_nothing_to_solve_for_is_no_sequence() -> None:
    text = "$$\nP_1 = 3 \\\\ P_2 = 2 \\\\ P_1 + P_2 = 5\n$$\n"
    assert [v for _, v in verdicts(check(text))] == ["proved"]
    assert [v for _, v in verdicts(check(text.replace("= 5", "= 6")))] == ["refuted"]


# ---------------------------------------------------------------- D(P || Q), and a "where" row after its formula
WHERE_AFTER = "$$\nJSD(P||Q) = \\frac{1}{2}D(P||M)+ \\frac{1}{2}D(Q||M) \\\\\nM = \\frac{1}{2}(P+Q)\n$$\n"


def test_regression_d_of_two_laws_split_by_a_double_bar_was_an_error() -> None:
    # e_csdn, b_jaketae, b_kpal: D(P || M) is the relative entropy (Cover and Thomas), and M is defined below it
    assert [v for _, v in verdicts(check(WHERE_AFTER))] == ["proved"]
    notes = notes_of(WHERE_AFTER)
    assert any("read as the relative entropy KL" in m for m in notes)
    assert any("defines M, which the row at line 2 above it uses: it is read first" in m for m in notes)


def test_where_row_after_its_formula_keeps_a_wrong_formula_refuted() -> None:
    assert [v for _, v in verdicts(check(WHERE_AFTER.replace("\\frac{1}{2}D(Q||M)", "\\frac{1}{2}D(M||Q)")))] \
        == ["refuted"]
    assert [v for _, v in verdicts(check(WHERE_AFTER.replace("M = \\frac{1}{2}(P+Q)", "M = \\frac{1}{3}(P+Q)")))] \
        == ["refuted"]


def test_d_of_one_point_stays_the_discriminator() -> None:
    text = "$$\n\\mathbb{E}_{x \\sim p}[D(x)] = \\int p(x) D(x) dx\n$$\n"
    assert [v for _, v in verdicts(check(text))] == ["proved"]
    assert not any("relative entropy" in m for m in notes_of(text))


# ---------------------------------------------------------------- D^*_G plugged in, never defined
THEOREM_EXCERPT = ("$$\nC(G) = \\mathbb{E}_{x \\sim p_{data}}[\\log D^*_G(x)] + \\mathbb{E}_{x \\sim p_g}[\\log(1 - D^*_G(x))]"
                   "\n$$\n\n$$\n= -\\log 4 + 2 \\, JSD(p_{data} \\| p_g)\n$$\n")


def test_regression_the_optimum_plugged_in_from_the_proposition_before_was_any_discriminator() -> None:
    # b_ponte, the paper's Theorem 1 pasted alone: D^*_G is the optimum of Proposition 1, never defined here
    assert [v for _, v in verdicts(check(THEOREM_EXCERPT))] == ["proved"]
    assert any("D^*_G is not defined in the file: read as the optimal discriminator" in m
               for m in notes_of(THEOREM_EXCERPT))
    assert [v for _, v in verdicts(check(THEOREM_EXCERPT.replace("-\\log 4", "-\\log 2")))] == ["refuted"]


def test_the_optimum_by_name_needs_one_data_density_and_one_other_law() -> None:
    three = THEOREM_EXCERPT.replace("[\\log D^*_G(x)]", "[\\log D^*_G(x)] + KL(p_g \\| q)")
    assert not any("read as the optimal discriminator" in m for m in notes_of(three))
    assert [v for _, v in verdicts(check(three))] != ["proved"]


def test_a_value_of_the_optimum_by_name_for_equal_laws_makes_its_use_unknown_not_refuted() -> None:
    text = ("$$\nC(G) = \\mathbb{E}_{x \\sim p_{data}}[\\log D^*_G(x)] + \\mathbb{E}_{x \\sim p_g}[\\log(1 - D^*_G(x))]"
            "\n$$\n\nWhen $p_g = p_{data}$ we get\n\n$$\nD^*_G(x) = \\frac{1}{2}\n$$\n\nso\n\n"
            "$$\nC(G) = \\mathbb{E}_{x \\sim p_{data}}[\\log \\frac{1}{2}] + \\mathbb{E}_{x \\sim p_g}[\\log \\frac{1}{2}]\n$$\n")
    (step,) = check(text).steps
    assert step.verdict.value == "unknown" and "where the laws are equal" in step.reason


# ---------------------------------------------------------------- \mathbb{E}_{p_{data}}, p_{G_\theta}
@pytest.mark.parametrize("law", ["p_{data}", "p_\\text{data}", "p_g", "p_{g}"])
def test_regression_a_subscripted_law_under_an_expectation_was_an_error(law: str) -> None:
    # j_szhan: \mathbb{E}_{p_\text{data}}[\log p_\text{data}(x)] stopped at "unexpected '}'"
    density = law if law != "p_{g}" else "p_g"
    text = f"$$\n\\mathbb{{E}}_{{{law}}}[\\log D(x)] = \\int {density}(x) \\log D(x) dx\n$$\n"
    assert [v for _, v in verdicts(check(text))] == ["proved"]
    other = "p_{data}" if "g" in law else "p_g"
    wrong = f"$$\n\\mathbb{{E}}_{{{law}}}[\\log D(x)] = \\int {other}(x) \\log D(x) dx\n$$\n"
    assert [v for _, v in verdicts(check(wrong))] == ["refuted"]


def test_the_noise_density_as_the_subscript_draws_z() -> None:
    text = "$$\n\\mathbb{E}_{p_z}[\\log(1 - D(G(z)))] = \\int p_z(z) \\log(1 - D(G(z))) dz\n$$\n"
    assert [v for _, v in verdicts(check(text))] == ["proved"]


def test_error_a_subscript_of_an_expectation_that_names_no_law() -> None:
    with pytest.raises(InputError, match="the subscript x_1 of an expectation must be a variable"):
        read_text("$$\n\\mathbb{E}_{x_1}[D(x)] = 1\n$$\n", "t.md")


def test_regression_a_subscript_with_its_own_subscript_was_an_error() -> None:
    # a_cs236: p_{G_\theta}, the law of G_\theta; p_{\theta_0} and p_{\theta_1} are two densities
    text = "$$\n\\mathbb{E}_{x \\sim p_{G_\\theta}}[D(x)] = \\int p_{G_\\theta}(x) D(x) dx\n$$\n"
    assert [v for _, v in verdicts(check(text))] == ["proved"]
    two = "$$\nKL(p_{\\theta_0} \\| q) = KL(p_{\\theta_1} \\| q)\n$$\n"
    assert [v for _, v in verdicts(check(two))] == ["refuted"]


def test_a_nested_subscript_prints_as_written() -> None:
    from ganproof.vocabulary.names import latex_name

    assert latex_name("p_G_theta") == "p_{G_{\\theta}}"
    assert latex_name("p_theta_0") == "p_{\\theta_0}"


# ---------------------------------------------------------------- X beside x
def test_regression_the_random_variable_in_capitals_beside_its_value_was_an_unknown_name() -> None:
    # g_csdn: V(G, D) = E_{x \sim P_{data}}[\log D(X)] + ...; e_polonsky: \int P(X) ... dx
    text = "$$\nE_{x \\sim p}[\\log D(X)] = \\int p(x) \\log D(x) dx\n$$\n"
    assert [v for _, v in verdicts(check(text))] == ["proved"]
    assert any("X is read as x, the variable bound here" in m for m in notes_of(text))
    wrong = "$$\nE_{x \\sim p}[\\log D(X)] = \\int p(x) \\log (1 - D(x)) dx\n$$\n"
    assert [v for _, v in verdicts(check(wrong))] == ["refuted"]


def test_a_capital_x_outside_any_scope_of_x_stays_an_unknown_name() -> None:
    with pytest.raises(InputError, match="unknown name X"):
        read_text("$$\nD(X) = D(x)\n$$\n", "t.md")


# ---------------------------------------------------------------- Leibniz's d f(x) / dx; a chain "= 0" then \Rightarrow
def test_regression_leibniz_derivative_with_the_function_in_the_numerator_was_an_error() -> None:
    # k_boileau: \frac{df(x)}{dx} stopped the block
    text = "$$\n\\frac{d x^3}{dx} = 3 x^2\n$$\n"
    assert [v for _, v in verdicts(check(text))] == ["proved"]
    assert [v for _, v in verdicts(check(text.replace("3 x^2", "2 x^2")))] == ["refuted"]
    # a fraction of products of a constant d is no derivative unless its denominator is d and one letter
    report = check("$$\n\\frac{d a}{d b c} = \\frac{a}{b c}\n$$\n")
    assert "b*c*d is not proved != 0" in report.steps[0].reason  # the fraction (d a) / (d b c), d a constant


CHAIN_THEN_SEQUENCE = ("\\begin{align*}\n\\frac{d}{d D(x)} \\left( p(x) \\log D(x) + q(x) \\log(1 - D(x)) \\right) &= "
                       "\\frac{p(x)}{D(x)} - \\frac{q(x)}{1 - D(x)} = 0 \\\\\n"
                       "\\Rightarrow D(x) &= \\frac{p(x)}{p(x) + q(x)}\n\\end{align*}\n")


def test_regression_a_chain_ending_in_zero_then_an_implication_was_an_error() -> None:
    # k_boileau and the optimal-discriminator derivations: "... = 0 \Rightarrow D(x) = ..." in one block
    report = check(CHAIN_THEN_SEQUENCE, "t.tex")
    assert [v for _, v in verdicts(report)] == ["proved", "proved"]
    assert any("ends with '= 0' and \\Rightarrow follows" in m for m in notes_of(CHAIN_THEN_SEQUENCE, "t.tex"))
    wrong = CHAIN_THEN_SEQUENCE.replace("{p(x) + q(x)}\n", "{p(x) + 2 q(x)}\n")
    assert [v for _, v in verdicts(check(wrong, "t.tex"))] == ["proved", "refuted"]


def test_a_name_solved_for_below_is_no_where_row() -> None:
    # y = a/(a+b) after \Rightarrow solves for y, the parameter of f above: never hoisted as a definition
    text = ("\\begin{align*}\nf(y) &= a \\log y + b \\log(1 - y) \\\\\n"
            "\\frac{d}{dy} f(y) &= \\frac{a}{y} - \\frac{b}{1 - y} = 0 \\\\\n\\Rightarrow y &= \\frac{a}{a+b}\n"
            "\\end{align*}\n")
    assert not any("it is read first, as the 'where'" in m for m in notes_of(text, "t.tex"))


def test_regression_a_value_below_a_row_that_leads_with_the_name_was_hoisted_as_its_where() -> None:
    # c := 2c \\ c = 0: the value was read first, and the failed definition became the claim 0 = 2 * 0, proved
    text = "\\begin{align*}\nc &:= 2c \\\\\nc &= 0\n\\end{align*}\n"
    with pytest.raises(InputError, match="c is defined in terms of itself"):
        read_text(text, "t.tex")
