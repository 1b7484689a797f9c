"""The chi-square divergences as files write them (issue 16, item 4): \\chi^2(P \\| Q), \\chi^2_{Pearson},
D_{\\chi^2}, Neyman's \\chi^2_N; the two conventions of Pearson's (Q divides, as the f-divergence table; P
divides, as the LSGAN paper) judged both ways unless ``%! chi-square pearson|lsgan`` says which."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import sympy as sp

from ganproof.errors import InputError
from ganproof.reader.check import check_document
from ganproof.reader.document import read_text
from ganproof.vocabulary import FDivergence
from ganproof.vocabulary.generators import F_NEYMAN, F_PEARSON

ROOT = Path(__file__).resolve().parent.parent
# arguments whose ratio is bounded both ways (P/Q in (1/2, 1)), so that both conventions are finite on every
# instance and the numbers decide quickly: chi^2(P || Q) with P = p + q, Q = p + 2q, P - Q = -q
CHI = r"\chi^2(p + q \| p + 2 q)"
CHI_N = r"\chi^2_N(p + q \| p + 2 q)"
PEARSON_INTEGRAL = r"\int \frac{q(x)^2}{p(x) + 2 q(x)} dx"
NEYMAN_INTEGRAL = r"\int \frac{q(x)^2}{p(x) + q(x)} dx"


def display(row: str) -> str:
    return f"$$ {row} $$\n"


def verdicts(text: str) -> list[tuple[int, str]]:
    report = check_document(read_text(text))
    return [(s.line, s.verdict.value) for s in report.steps]


def reasons(text: str) -> list[str]:
    return [s.reason for s in check_document(read_text(text)).steps]


def lead_divergence(text: str) -> FDivergence:
    doc = read_text(text)
    (expr,) = [e for c in doc.chains for e in [c.points[0].side.expr] if isinstance(e, FDivergence)]
    return expr


@pytest.mark.parametrize("written", [r"\chi^2(p \| q)", r"\chi^{2}(p, q)", r"\chi^2_{\text{Pearson}}(p \| q)",
                                     r"\chi^2_{Pearson}(p \| q)", r"\chi^2_P(p \| q)", r"D_{\chi^2}(p \| q)",
                                     r"\chi_{\mathrm{Pearson}}^2(p \| q)", r"\chi^2\left(p \,\|\, q\right)"])
def test_pearson_chi_square_is_read_in_each_spelling(written: str) -> None:
    expr = lead_divergence(display(f"{written} = 0"))
    assert expr.f == F_PEARSON and expr.label == r"\chi^2"
    assert str(expr.first) == "p(x)" and str(expr.second) == "q(x)"


@pytest.mark.parametrize("written", [r"\chi^2_N(p \| q)", r"\chi^2_{Neyman}(p \| q)", r"\chi^{2}_{\text{Neyman}}(p, q)",
                                     r"D_{\chi^2_N}(p \| q)"])
def test_neyman_chi_square_is_read_in_each_spelling(written: str) -> None:
    expr = lead_divergence(display(f"{written} = 0"))
    assert expr.f == F_NEYMAN


def test_error_unknown_chi_square_subscript() -> None:
    with pytest.raises(InputError, match=r"unknown chi-square \\chi\^2_\{LS\}: the checker reads the Pearson"):
        read_text(display(r"\chi^2_{LS}(p \| q) = 0"))


def test_error_chi_square_convention_declared_twice() -> None:
    text = "%! chi-square lsgan\n%! chi-square pearson\n" + display(CHI + " = " + NEYMAN_INTEGRAL)
    with pytest.raises(InputError, match="the chi-square convention is declared twice: lsgan at line 1, pearson "
                                         "here; keep one") as err:
        read_text(text)
    assert err.value.line == 2


def test_chi_square_declared_twice_alike_is_one_declaration() -> None:
    text = "%! chi-square lsgan\n%! chi-square LSGAN\n" + display(CHI + " = " + NEYMAN_INTEGRAL)
    assert read_text(text).chi_square == "lsgan"


def test_the_standard_definition_is_proved_when_the_convention_is_declared() -> None:
    text = "%! chi-square pearson\n" + display(CHI + " = " + PEARSON_INTEGRAL)
    assert verdicts(text) == [(2, "proved")]
    text = "%! chi-square lsgan\n" + display(CHI + " = " + NEYMAN_INTEGRAL)
    assert verdicts(text) == [(2, "proved")]


def test_a_declared_convention_refutes_the_other() -> None:
    text = "%! chi-square lsgan\n" + display(CHI + " = " + PEARSON_INTEGRAL)
    assert verdicts(text) == [(2, "refuted")]


@pytest.mark.parametrize("integral, needed", [(PEARSON_INTEGRAL, "pearson"), (NEYMAN_INTEGRAL, "lsgan")])
def test_regression_an_undeclared_convention_decides_no_step_that_needs_one(integral: str, needed: str) -> None:
    # a step true in one convention only was proved (or refuted) in the one the reader happened to pick
    text = display(CHI + " = " + integral)
    assert verdicts(text) == [(1, "unknown")]
    (reason,) = reasons(text)
    assert "holds only in one convention of the chi-square" in reason
    assert f"declare %! chi-square {needed}" in reason


def test_a_step_wrong_in_both_conventions_is_refuted() -> None:
    text = display(CHI + " = 2 " + PEARSON_INTEGRAL)
    assert verdicts(text) == [(1, "refuted")]


def test_a_step_true_in_both_conventions_is_decided() -> None:
    text = display(r"\chi^2(p \| q) = D_{\chi^2}(p \| q)") + display(r"\chi^2(p \| q) \ge 0")
    assert [v for _, v in verdicts(text)] == ["proved", "proved"]


def test_neyman_has_one_convention() -> None:
    assert verdicts(display(CHI_N + " = " + NEYMAN_INTEGRAL)) == [(1, "proved")]
    assert verdicts(display(CHI_N + " = " + PEARSON_INTEGRAL)) == [(1, "refuted")]


def test_the_reading_note_is_given_once_where_the_file_first_writes_it() -> None:
    text = display(r"\chi^2(p \| q) = \chi^2(p \| q) + 0") + "\n" + display(r"\chi^2(p \| q) \ge 0")
    notes = [m for m in read_text(text).assumptions if "chi-square" in m.message]
    assert len(notes) == 1 and notes[0].line == 1
    assert "Declare the convention with %! chi-square pearson or %! chi-square lsgan" in notes[0].message


def test_the_lsgan_example_is_proved_in_its_declared_convention_and_not_without() -> None:
    path = ROOT / "examples" / "chi_square_lsgan.tex"
    run = subprocess.run([sys.executable, "-m", "ganproof", "check", str(path), "--json"], capture_output=True,
                         text=True, cwd=ROOT, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    steps = json.loads(run.stdout)["steps"]
    assert [(s["line"], s["verdict"]) for s in steps] == [(13, "proved"), (14, "proved"), (15, "proved"),
                                                          (16, "proved")]
    text = path.read_text(encoding="utf-8").replace("%! chi-square lsgan\n", "%! chi-square pearson\n")
    report = check_document(read_text(text))
    assert {s.line: s.verdict.value for s in report.steps}[14] == "refuted"


def test_other_convention_keeps_the_arguments_as_written() -> None:
    from ganproof.reader.check import _other_convention
    from ganproof.vocabulary import Density, X
    p, q = Density("p")(X), Density("q")(X)
    pearson = FDivergence(p, q, F_PEARSON, r"\chi^2")
    swapped = _other_convention(pearson + 1)
    (inner,) = swapped.atoms(FDivergence)
    assert inner.first == p and inner.second == q and inner.f == F_NEYMAN
    # int q f_N(p/q) is int (p - q)^2 / p: the first argument divides
    t = sp.Symbol("t", positive=True)
    assert sp.simplify(q * F_NEYMAN(p / q) - (p - q) ** 2 / p) == 0 and t
