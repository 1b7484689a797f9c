"""Jensen's inequality as a rule with its side condition (concavity on the range of the argument):
proved where it holds, refuted or unknown where it is misused, never proved."""

from __future__ import annotations

import sympy as sp

from ganproof.chain.numeric_check import written_digits
from ganproof.reader.check import FileReport, check_document
from ganproof.reader.document import read_text
from ganproof.rules.algebra import expand_logs
from ganproof.rules.jensen import Jensen
from ganproof.rules.prover import gap_of
from ganproof.vocabulary import Context, Density, Discriminator, X


def check(text: str) -> FileReport:
    return check_document(read_text(text, "t.md"))


def results(report: FileReport) -> list[tuple[str, str | None]]:
    return [(s.verdict.value, s.rule) for s in report.steps]


P, Q = Density("p"), Density("q")
CTX = Context(densities=(P, Q), discriminators=(Discriminator("D"),))
D = Discriminator("D")


def jensen_gap(lhs: sp.Expr, rhs: sp.Expr, relation: str) -> object:
    gap, strict = gap_of(lhs, rhs, relation)
    return Jensen().certify_gap(gap, strict, CTX)


def integral(body: sp.Expr) -> sp.Expr:
    return sp.Integral(body, (X, -sp.oo, sp.oo))


def test_concave_log_of_an_expectation_is_at_least_the_expectation_of_the_log():
    report = check("$$\n\\int p(x) \\log D(x) \\, dx \\le \\log \\int p(x) D(x) \\, dx\n$$\n")
    assert results(report) == [("proved", "jensen")]


def test_convex_square_of_an_expectation_is_at_most_the_expectation_of_the_square():
    report = check("$$\n\\int p(x) D(x)^2 \\, dx \\ge \\left( \\int p(x) D(x) \\, dx \\right)^2\n$$\n")
    assert results(report) == [("proved", "jensen")]


def test_kl_nonnegative_by_jensen_as_the_textbooks_write_it():
    report = check("$$\nKL(p \\| q) = -\\int p(x) \\log \\frac{q(x)}{p(x)} dx \\ge -\\log \\int p(x) "
                   "\\frac{q(x)}{p(x)} dx = -\\log \\int q(x) dx = 0\n$$\n")
    assert [v for v, _ in results(report)] == ["proved"] * 4
    # the right side normalises to 0, so Gibbs' inequality proves it too; either rule is a proof
    assert results(report)[1][1] in ("jensen", "log-inequality, monotonicity")


def test_jensen_over_an_alphabet():
    report = check("$$\n\\sum_x p(x) \\log \\frac{q(x)}{p(x)} \\le \\log \\left( \\sum_x p(x) \\frac{q(x)}{p(x)} \\right) = 0\n$$\n")
    assert [v for v, _ in results(report)] == ["proved", "proved"]


def test_jensen_misused_with_a_convex_function_is_refuted_never_proved():
    # exp is convex: E[e^D] >= e^{E[D]}, so the step as written is false
    assert jensen_gap(integral(P(X) * sp.exp(D(X))), sp.exp(integral(P(X) * D(X))), "<=") is None
    report = check("$$\n\\int p(x) e^{D(x)} \\, dx \\le e^{\\int p(x) D(x) \\, dx}\n$$\n")
    assert [v for v, _ in results(report)] == ["refuted"]


def test_jensen_with_the_law_changed_between_the_sides_is_not_proved():
    assert jensen_gap(integral(P(X) * sp.log(D(X))), sp.log(integral(Q(X) * D(X))), "<=") is None
    report = check("$$\n\\int p(x) \\log D(x) \\, dx \\le \\log \\int q(x) D(x) \\, dx\n$$\n")
    assert [v for v, _ in results(report)] == ["refuted"]


def test_jensen_in_the_wrong_direction_is_refuted():
    assert jensen_gap(integral(P(X) * sp.log(D(X))), sp.log(integral(P(X) * D(X))), ">=") is None
    report = check("$$\n\\int p(x) \\log D(x) \\, dx \\ge \\log \\int p(x) D(x) \\, dx\n$$\n")
    assert [v for v, _ in results(report)] == ["refuted"]


def test_jensen_needs_the_function_real_on_the_range_of_its_argument():
    # Y = x takes negative values: log is not real there, so concavity of log on (0, oo) proves nothing
    assert jensen_gap(integral(P(X) * sp.log(X)), sp.log(integral(P(X) * X)), "<=") is None


def test_jensen_is_never_strict():
    assert jensen_gap(integral(P(X) * sp.log(D(X))), sp.log(integral(P(X) * D(X))), "<") is None


def test_two_expectations_moved_across_a_concave_function_in_one_step():
    # Crooks' bound on JSD: t -> log(2 / (1 + e^t)) is concave, applied to two expectations
    text = ("$$\n\\frac{1}{2} \\left( \\mathbb{E}_{x \\sim p} \\left[\\log \\frac{2}{1 + \\frac{q(x)}{p(x)}}\\right] + "
            "\\mathbb{E}_{x \\sim q} \\left[\\log \\frac{2}{1 + \\frac{p(x)}{q(x)}}\\right] \\right) \\le \\frac{1}{2} "
            "\\left( \\log \\frac{2}{1 + e^{\\mathbb{E}_{x \\sim p}[\\log \\frac{q(x)}{p(x)}]}} + \\log \\frac{2}{1 + "
            "e^{\\mathbb{E}_{x \\sim q}[\\log \\frac{p(x)}{q(x)}]}} \\right)\n$$\n")
    assert results(check(text)) == [("proved", "jensen")]


def test_finite_jensen_midpoint_concavity():
    report = check("%! assume a > 0, b > 0\n$$\n\\frac{1}{2} (\\log a + \\log b) \\le \\log \\frac{a + b}{2}\n$$\n")
    assert results(report) == [("proved", "jensen")]
    report = check("$$\n\\frac{1}{2} (e^{a} + e^{b}) \\le e^{(a + b)/2}\n$$\n")
    assert [v for v, _ in results(report)] == ["refuted"]


def test_regression_an_integral_in_an_exponent_is_no_written_magnitude():
    # e^{\int q log p} once asked for 242 extra digits, and the check of a true step was inconclusive
    assert written_digits(sp.exp(integral(Q(X) * sp.log(P(X))))) == 0
    assert written_digits(sp.exp(sp.Integer(100))) == 44


def test_regression_log_of_one_plus_exp_of_an_integral_is_no_traceback():
    # SymPy's factor_list raised PolynomialError on e^{\int ...} + 1 inside a logarithm
    e = sp.log(2 / (sp.exp(integral(Q(X) * sp.log(P(X)))) + 1))
    assert expand_logs(e, CTX) is not None
