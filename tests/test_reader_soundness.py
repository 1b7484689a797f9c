"""Soundness of the reader on input nobody here wrote (issue 13, causes 6, 7, 11 and the crashes).

Each test is a regression test for one class: a wrong step that used to be proved, or an input that
used to crash, hang or stop a run.  Through the reader API where the reading is the point, through
``python -m ganproof check FILE --json`` (a subprocess with a timeout) where the command's behaviour is.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sympy as sp

from ganproof.errors import InputError, SoundnessError
from ganproof.reader.document import InputErrors, read_text
from ganproof.reader.substitute import substitute
from ganproof.vocabulary import Defined, Expectation, X

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path | None = None, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GANPROOF_JOBS": "1"}
    return subprocess.run([sys.executable, "-m", "ganproof", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=timeout, env=env)


def block(*rows: str) -> str:
    return "\\begin{align}\n" + " \\\\\n".join(rows) + "\n\\end{align}\n"


def defined_in(doc: object, label_start: str) -> list[Defined]:
    out: list[Defined] = []
    for chain in doc.chains:  # type: ignore[attr-defined]
        for p in chain.points:
            out += [d for d in p.side.expr.atoms(Defined) if d.label.startswith(label_start)]
    return out


# ---------------------------------------------------------------- cause 6: capture


def test_regression_definition_capture():
    """h(x) under an integral over x: h's own integration variable is renamed, so the argument x stays
    free in h(x)'s value (with capture it became \\int p(x) D(x + x) dx, with no free x)."""
    doc = read_text(block("h(t) &= \\int p(x) D(x + t) \\, dx")
                    + block("\\int q(x) h(x) \\, dx &= \\int q(x) \\int p(y) D(x + y) \\, dy \\, dx"))
    (applied,) = defined_in(doc, "h(x)")
    assert X in applied.value.free_symbols
    inner = next(iter(applied.value.atoms(sp.Integral)))
    (var, _, _), = inner.limits
    assert var != X
    # the two sides are the same integral up to the name of the inner variable
    lhs = doc.chains[0].points[0].side.expr
    rhs = doc.chains[0].points[1].side.expr
    y = sp.Symbol("y", real=True)
    assert lhs.xreplace({applied: applied.value.xreplace({var: y})}) == rhs


def test_regression_definition_capture_expectation():
    """The same with a body that is an expectation over x."""
    doc = read_text(block("h(t) &= \\mathbb{E}_{x \\sim p}[D(x + t)]")
                    + block("\\mathbb{E}_{x \\sim q}[h(x)] &= \\mathbb{E}_{x \\sim p}[D(2 x)]"))
    (applied,) = defined_in(doc, "h(x)")
    assert X in applied.value.free_symbols
    (e,) = applied.value.atoms(Expectation)
    assert e.var != X and e.law.args == (e.var,)


def test_definition_parameter_rebound_in_its_body_is_left_bound():
    """f(x) = E_{x~p}[D(x)] + x: applied to 2, only the free x is replaced."""
    doc = read_text(block("f(x) &= \\mathbb{E}_{x \\sim p}[D(x)] + x") + block("f(2) &= f(2)"))
    (applied, *_) = defined_in(doc, "f(2)")
    (e,) = applied.value.atoms(Expectation)
    assert e.var == X and applied.value == e + 2


def test_substitute_renames_only_clashing_bound_variables():
    t, y = sp.symbols("t y", real=True)
    body = sp.Integral(sp.Function("D")(X + t), (X, 0, 1))
    renamed = substitute(body, {t: X})
    (var, _, _), = renamed.limits
    assert var != X and renamed.function == sp.Function("D")(var + X)
    kept = substitute(body, {t: y})
    assert kept == sp.Integral(sp.Function("D")(X + y), (X, 0, 1))


# ---------------------------------------------------------------- cause 7: sample means

SAMPLE = "%! sample x^{(i)} \\sim p\n"


@pytest.mark.parametrize("summand, letter", [("m D(x^{(i)})", "m"), ("i D(x^{(i)})", "i")])
def test_regression_sample_mean_index_in_summand(summand, letter):
    """1/m sum_i m D(x^(i)) and 1/m sum_i i D(x^(i)) diverge: never read as a sample mean."""
    text = SAMPLE + block(f"\\frac{{1}}{{m}} \\sum_{{i=1}}^{{m}} {summand} &= \\mathbb{{E}}_{{x \\sim p}}[{letter} D(x)]")
    with pytest.raises(InputError) as info:
        read_text(text)
    assert info.value.line == 3 and "not read as a sample mean" in info.value.message
    assert info.value.message.startswith(f"{letter} is the")


def test_regression_sample_mean_count_outside_the_sum():
    """m in front of 1/m sum_i D(x^(i)) is the number of samples (going to infinity), not a constant."""
    with pytest.raises(InputError, match="number of samples"):
        read_text(SAMPLE + block("m \\frac{1}{m} \\sum_{i=1}^{m} D(x^{(i)}) &= m \\mathbb{E}_{x \\sim p}[D(x)]"))
    with pytest.raises(InputError, match="number of samples"):
        read_text(SAMPLE + block("\\frac{1}{m} \\sum_{i=1}^{m} D(x^{(i)}) + m &= \\mathbb{E}_{x \\sim p}[D(x)] + m"))


def test_regression_sample_mean_m_squared():
    """1/m^2 sum_{i=1}^m D(x^(i)) tends to 0: it is not the sample mean 1/m sum and is never read as one."""
    with pytest.raises(InputError, match="needs its 1/m in front"):
        read_text(SAMPLE + block("\\frac{1}{m^2} \\sum_{i=1}^{m} D(x^{(i)}) &= \\mathbb{E}_{x \\sim p}[D(x)]"))


def test_regression_sample_mean_other_index():
    """A sum over j of log D(x^(i)) is m copies of one sample, not a sample mean over i."""
    with pytest.raises(InputError) as info:
        read_text(SAMPLE + block("\\frac{1}{m} \\sum_{j=1}^{m} \\log D(x^{(i)}) &= \\mathbb{E}_{x \\sim p}[\\log D(x)]"))
    assert "indexed by i, but the sum runs over j" in info.value.message


def test_sample_mean_as_written_is_still_read():
    doc = read_text(SAMPLE + block("\\frac{1}{m} \\sum_{i=1}^{m} c D(x^{(i)}) &= c \\mathbb{E}_{x \\sim p}[D(x)]"))
    assert len(doc.chains) == 1


def test_regression_sample_mean_cli_gives_no_accepted_step(tmp_path):
    f = tmp_path / "mean.tex"
    f.write_text(SAMPLE + block("\\frac{1}{m} \\sum_{i=1}^{m} i D(x^{(i)}) &= \\mathbb{E}_{x \\sim p}[i D(x)]"))
    result = run("check", str(f), "--json", timeout=300)
    assert result.returncode == 2, result.stderr
    assert "not read as a sample mean" in json.loads(result.stdout)["error"]["message"]


# ---------------------------------------------------------------- cause 11: scope of directives


def test_regression_directive_scope(tmp_path):
    """%! assume a = 2 below a block does not apply to it: a + a = 4 is refuted there, a + 1 = 3 proved
    below it."""
    f = tmp_path / "scope.tex"
    f.write_text(block("a + a &= 4") + "%! assume a = 2\n" + block("a + 1 &= 3"))
    result = run("check", str(f), "--json", timeout=300)
    data = json.loads(result.stdout)
    verdicts = {s["line"]: s["verdict"] for s in data["steps"]}
    assert verdicts == {2: "refuted", 6: "proved"}
    assert result.returncode == 1


def test_regression_directive_scope_positivity():
    """A constant is positive only from its constraint on: two different symbols above and below."""
    doc = read_text(block("t + t &= 2 t") + "%! assume t > 0\n" + block("t + t &= 2 t"))
    above, below = (c.points[0].side.expr for c in doc.chains)
    assert above.is_positive is None and below.is_positive is True


def test_regression_directive_scope_definition_before_constraint():
    """A definition made above a constraint means the same constant below it: the constraint applies
    where the definition is applied."""
    doc = read_text(block("V(x) &= b x") + "%! assume b - a = 2\n" + block("V(1) &= a + 2"))
    (applied,) = defined_in(doc, "V(1)")
    a = next(s for s in doc.chains[0].points[1].side.expr.free_symbols if s.name == "a")
    assert applied.value == a + 2


def test_regression_support_directive_after_use():
    with pytest.raises(InputError) as info:
        read_text(block("\\int_0^1 p(x) \\, dx &= 1") + "%! density p on [0, 1]\n" + block("p(x) &= p(x)"))
    assert info.value.line == 4 and "holds from its line on" in info.value.message


def test_regression_hypothesis_between_supports():
    """%! assume p = q for a p on [0, 1] and a q on R (declared or by default) used to be taken by the
    numbers (q got p's Beta) and ignored by the rules (q positive on R): q(1.5) > 0 was proved while
    q = p is 0 there. Densities on different supports cannot be equal: the hypothesis is an input error."""
    for head in ("%! density p on [0, 1]\n%! density q\n%! assume p = q\n",
                 "%! assume q = p\n%! density p on [0, 1]\n",
                 "%! density p on [0, 1]\n%! density q on [0, 2]\n%! assume p = q\n"):
        with pytest.raises(InputError) as info:
            read_text(head + block("q(1.5) &> 0"))
        assert "different supports cannot be equal" in info.value.message, head
    doc = read_text("%! density p, q on [0, 1]\n%! assume p = q\n" + block("q(0.5) &> 0"))
    assert [h.latex() for h in doc.chains[0].hypotheses] == ["p = q"]


def test_regression_pi_defined_by_a_row():
    """\\pi = 3 alone on a row used to define \\pi (a name not seen before), so \\sqrt{\\pi} \\sqrt{\\pi} = 3
    below it was proved by definition. A bare \\pi is the number, as e is: the row is a step (and \\pi_1
    may still be defined)."""
    doc = read_text(block("\\pi &= 3") + block("\\sqrt{\\pi} \\sqrt{\\pi} &= 3"))
    assert not doc.definitions
    assert [len(c.steps) for c in doc.chains] == [1, 1]
    assert doc.chains[0].points[0].side.expr == sp.pi
    named = read_text(block("\\pi_1 &= 3") + block("\\pi_1 + 1 &= 4"))
    assert [d.name for d in named.definitions] == ["\\pi_1"] or len(named.definitions) == 1


# ---------------------------------------------------------------- crashes and hangs


def test_regression_printing_a_sum_with_a_numeric_integral_hang():
    """SymPy orders a sum's terms by their numeric values when printing it: a term that is a number holding
    an integral was evaluated by SymPy's own quadrature, and with e^{-e^{x - 1000}} in it that ran for ever
    (ganproof check of such a step never returned). Such sums are printed in the order of their terms."""
    import time

    from ganproof.vocabulary.printing import to_latex
    x = sp.Symbol("x", real=True)
    row = sp.Integral(sp.exp(-sp.exp(x - 1000)) - sp.exp(-sp.exp(x - 1001)), (x, 0, sp.oo)) + 1
    started = time.perf_counter()
    text = to_latex(row)
    assert time.perf_counter() - started < 5
    assert "\\int" in text and "1" in text


def test_regression_power_tower_hang(tmp_path):
    f = tmp_path / "tower.tex"
    f.write_text(block("(((10^{100})^{100})^{100})^{100} &= 1"))
    result = run("check", str(f), "--json", timeout=120)
    assert result.returncode == 2, result.stderr
    error = json.loads(result.stdout)["error"]
    assert error["line"] == 2 and "300 digits" in error["message"]


@pytest.mark.parametrize("row", ["(10^{100})^{4} &= 1", "(10^{-100})^{4} &= 0",
                                 "((10^{1/3})^{100})^{100} &= 1", "10^{100} " * 4 + "&= 1"])
def test_astronomical_numbers_are_input_errors(row):
    with pytest.raises(InputError, match="300 digits"):
        read_text(block(row))


def test_regression_flat_sum_recursion(tmp_path):
    """A flat sum of 500 terms (under the token cap) is read, not a RecursionError."""
    f = tmp_path / "flat.tex"
    f.write_text(block(" + ".join(f"{k} a" for k in range(1, 501)) + f" &= {500 * 501 // 2} a"))
    result = run("check", str(f), "--json", timeout=300)
    assert "Traceback" not in result.stderr
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert json.loads(result.stdout)["steps"][0]["verdict"] == "proved"


def test_long_product_and_difference_are_read():
    doc = read_text(block(" - ".join(["a"] * 400) + " &= -398 a"))
    a = next(iter(doc.chains[0].points[0].side.expr.free_symbols))
    assert doc.chains[0].points[0].side.expr == -398 * a
    doc = read_text(block(" ".join(["a"] * 60) + " &= a^{60}"))
    assert doc.chains[0].points[0].side.expr == a ** 60


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_regression_fifo_tex(tmp_path):
    """A FIFO named .tex is refused at once (it used to block forever), alone and in a folder walk."""
    fifo = tmp_path / "pipe.tex"
    os.mkfifo(fifo)
    result = run("check", str(fifo), "--json", timeout=60)
    assert result.returncode == 2
    assert "named pipe" in json.loads(result.stdout)["error"]["message"]
    (tmp_path / "good.tex").write_text(block("a + a &= 2 a"))
    result = run("check", str(tmp_path), "--json", timeout=300)
    data = {Path(o["file"]).name: o for o in json.loads(result.stdout)["files"]}
    assert data["good.tex"]["ok"] is True and "named pipe" in data["pipe.tex"]["error"]["message"]
    assert result.returncode == 2


def _contradiction_on_line(line: int):
    """A judge that raises the SoundnessError of a buggy rule on the step of ``line``, as a rule bug would."""
    from ganproof.chain import checker

    real = checker.judge

    def judge(cert, why_not, numeric, step, ctx=None):
        if step.line == line:
            raise SoundnessError(f"rule(s) test certified a step that the numbers refute (line {line})")
        return real(cert, why_not, numeric, step, ctx)

    return judge


def test_regression_exit3_json(tmp_path, monkeypatch, capsys):
    """A contradiction on one step: exit 3, JSON printed, that step unknown, the other steps checked."""
    from ganproof.cli.main import main
    from ganproof.reader import check

    monkeypatch.setenv("GANPROOF_JOBS", "1")
    monkeypatch.setattr(check, "judge", _contradiction_on_line(2))
    f = tmp_path / "two.tex"
    f.write_text(block("a + a &= 2 a") + block("3 a &= a + a + a"))
    assert main(["check", str(f), "--json"]) == 3
    data = json.loads(capsys.readouterr().out)
    verdicts = {s["line"]: s["verdict"] for s in data["steps"]}
    assert verdicts == {2: "unknown", 5: "proved"}
    assert data["ok"] is False and len(data["internal_contradictions"]) == 1


def test_regression_exit3_directory(tmp_path, monkeypatch, capsys):
    """One file with a contradiction never stops the others in a folder."""
    from ganproof.cli.main import main
    from ganproof.reader import check

    monkeypatch.setattr(check, "judge", _contradiction_on_line(2))
    (tmp_path / "a.tex").write_text(block("a + a &= 2 a"))
    (tmp_path / "b.tex").write_text("\n" + "\n" + block("3 a &= a + a + a"))
    assert main(["check", str(tmp_path), "--json", "--jobs", "1"]) == 3
    data = {Path(o["file"]).name: o for o in json.loads(capsys.readouterr().out)["files"]}
    assert data["a.tex"]["internal_contradictions"] and data["a.tex"]["steps"][0]["verdict"] == "unknown"
    assert data["b.tex"]["ok"] is True and data["b.tex"]["steps"][0]["verdict"] == "proved"


def test_internal_error_is_an_outcome_not_a_traceback(tmp_path, monkeypatch):
    """An exception no input should cause is a status-3 outcome with JSON, and the next file is checked."""
    from ganproof.reader import batch, document

    real = document.read_path

    def broken(path, strict=False):
        if path.endswith("a.tex"):
            raise ZeroDivisionError("boom")
        return real(path, strict)

    monkeypatch.setattr(document, "read_path", broken)
    (tmp_path / "a.tex").write_text(block("a &= a"))
    (tmp_path / "b.tex").write_text(block("a + a &= 2 a"))
    outcomes = batch.check_files(batch.derivation_files([str(tmp_path)]), jobs=1)
    assert [o.status for o in outcomes] == [3, 0]
    assert outcomes[0].json["error"]["internal"] is True and "ZeroDivisionError" in outcomes[0].json["error"]["message"]



def test_regression_definition_applied_where_its_derivative_has_no_variable():
    """V's body differentiates by D(x); V(G, D_G^*) makes that variable a defined value, which SymPy refuses
    (a ValueError traceback found by the fuzz test): a located input error at the application."""
    text = ("\\begin{align*}\nD_G^*(x) = \\frac{p_{data}(x)}{p_{data}(x) + p_G(x)}\n\\end{align*}\n"
            "\\begin{align*}\nV(G, D) = \\int_x \\frac{d}{d(D(x))} (p_G(x) \\log(1 - D(x))) dx\n\\end{align*}\n"
            "\\begin{align*}\nV(G, D_G^*) &= 0\n\\end{align*}\n")
    with pytest.raises(InputError) as info:
        read_text(text)
    assert info.value.line == 8 and "cannot be applied to these arguments" in info.value.message


def test_regression_a_defined_constant_was_captured_by_an_integrals_variable() -> None:
    from ganproof.chain import Verdict
    from tests.file_checks import ACCEPTED, block, checked

    text = block("t &= 2") + block("\\int_0^1 t \\, dt &= 2") + block("\\int_0^1 t \\, dt &= \\frac{1}{2}")
    steps = checked(text)
    assert steps[5][0] is Verdict.REFUTED
    assert steps[8][0] is not Verdict.REFUTED  # true: proved, or unknown where e^{10^8} has no usable value
    where = checked(block("\\int_0^1 t \\, dt &= 1, \\text{ where } t = 2"))
    assert where[2][0] is Verdict.REFUTED


def test_regression_a_definition_applied_at_a_huge_number_hung_the_log_algebra() -> None:
    # log(1 + e^u) at u = 10^8: SymPy factored 1 + e^{10^8} as a polynomial of degree 10^8, in C, past the limit
    from ganproof.chain import Verdict
    from tests.file_checks import block, checked

    text = block("L(u) &= -c u + \\log(1 + e^u)") + block("L(10^{8}) &= -c \\cdot 10^{8} + 10^{8} + 10^{-30}") \
        + block("L(10^{8}) &= -c \\cdot 10^{8} + \\log(1 + e^{10^{8}})")
    steps = checked(text)
    assert steps[5][0] is Verdict.REFUTED
    assert steps[8][0] is not Verdict.REFUTED  # true: proved, or unknown where e^{10^8} has no usable value


def test_regression_a_power_on_the_left_was_read_as_the_definition_of_its_base() -> None:
    # \sigma^2 = 4 defined sigma := 4, so \sigma + \sigma = 8 was proved "by definition" (sigma is 2 or -2)
    from tests.file_checks import ACCEPTED, block, checked

    for text in (block("\\sigma^2 &= 4") + block("\\sigma + \\sigma &= 8"),
                 "Let $\\sigma^2 = 4$.\n" + block("\\sigma + \\sigma &= 8")):
        assert read_text(text).definitions == ()
        assert all(verdict not in ACCEPTED for verdict, _ in checked(text).values()), text


def test_regression_a_prose_definition_with_a_power_on_the_right_was_read_as_a_condition() -> None:
    # "Let $h(t) = t^2$." was a stated condition (two "simple" sides), so h stayed any function and h(2) = 4 was refuted
    from ganproof.chain import Verdict
    from tests.file_checks import block, checked

    steps = checked("Let $h(t) = t^2$ and $g(t) = e^{t}$.\n" + block("h(3) &= 9") + block("g(2) &= e^2")
                    + block("h(3) &= 8"))
    assert steps[3][0] is Verdict.PROVED and steps[6][0] is Verdict.PROVED
    assert steps[9][0] is Verdict.REFUTED


def test_regression_eulers_number_was_read_as_the_parameter_of_a_definition() -> None:
    # u(e) = 1 defined u := 1 everywhere, so u(7) = 1 was proved "by definition"
    from tests.file_checks import ACCEPTED, block, checked

    text = block("u(e) &= 1") + block("u(7) &= 1")
    (error,) = read_text(text).errors
    assert "e is Euler's number here" in error.message and error.line == 2
    assert all(verdict not in ACCEPTED for verdict, _ in checked(text).values())


def test_regression_a_bold_and_a_plain_letter_were_merged_without_a_word() -> None:
    # KL(\mathbf{p} \| p) = 0 was proved with no assumption saying that bold p is read as p (now an error: one row
    # writes both); across rows the reading is stated
    doc = read_text("\\begin{equation}\nKL(\\mathbf{p} \\| q) = KL(\\mathbf{p} \\| q)\n\\end{equation}\n"
                    "\\begin{equation}\n\\mathbb{E}_{\\mathbf{x} \\sim p}[D(\\mathbf{x})] = \\int p(x) D(x) dx\n"
                    "\\end{equation}\n")
    notes = [m.message for m in doc.assumptions if "bold and plain" in m.message]
    assert notes == ["p is written both bold and plain: bold is dropped, so the two spellings are one name (write "
                     "another letter to keep them apart)"]  # x, a vector in bold and its value plain, is no news


def test_regression_bold_beside_plain_in_one_row_was_one_name() -> None:
    # KL(\mathbf{q} \| q) = 0 was proved (with an assumption): one row that sets the two side by side means two,
    # so the row is an input error (not judged)
    text = "\\begin{equation}\nKL(\\mathbf{q} \\| q) = 0\n\\end{equation}\n"
    with pytest.raises(InputErrors) as caught:
        read_text(text)
    (error,) = caught.value.errors
    assert "q is written both bold and plain in this row" in error.message and (error.line, error.col) == (2, 4)
    # a bold vector beside its plain value stays one variable
    assert read_text("\\begin{equation}\np(\\mathbf{x}) = p(x)\n\\end{equation}\n").errors == ()


def test_regression_a_constraint_between_two_rows_of_a_chain_refuted_the_true_step_below_it() -> None:
    # %! assume a = 2 inside the align: 2a = 4 below it was refuted, read with a free
    from ganproof.chain import Verdict
    from tests.file_checks import checked

    text = "\\begin{align*}\na + a &= 2 a \\\\\n%! assume a = 2\n&= 4 \\\\\n&= 5\n\\end{align*}\n" \
        "\\begin{align*}\na &= 2\n\\end{align*}\n"
    steps = checked(text)
    assert steps[2][0] is Verdict.PROVED
    assert steps[4][0] is Verdict.UNKNOWN and "line 3 could not be read" in steps[4][1]
    assert steps[5][0] is Verdict.REFUTED  # 4 = 5, read under the constraint
    assert steps[8][0] is Verdict.PROVED  # a = 2 from line 3 on
    (error,) = read_text(text).errors
    assert error.line == 3 and "stands between two rows of one chain" in error.message
