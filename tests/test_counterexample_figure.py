"""Where a refuted step goes wrong, pointwise (ganproof.numeric.pointwise) and its figure in reports and notebooks.

The curves are checked against closed forms (the difference of two polynomial integrands), not against the
checker's own numbers; the figures are checked as files and as what the reports include.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from ganproof import check_text
from ganproof.chain.verdict import Counterexample
from ganproof.numeric.pointwise import EDGE, difference_curve

pytest.importorskip("matplotlib")

POLY = "$$\n\\int_0^1 x^2 \\, dx = \\int_0^1 x \\, dx\n$$\n"
GAN = ("$$\n\\int p(x) \\log D(x) \\, dx + \\int q(x) \\log(1 - D(x)) \\, dx "
       "= \\int p(x) \\log D(x) \\, dx - \\int q(x) \\log(1 - D(x)) \\, dx\n$$\n")
PNG = b"\x89PNG\r\n\x1a\n"


def refuted(text: str) -> Counterexample:
    (step,) = check_text(text).steps
    assert step.verdict.value == "refuted" and step.counterexample is not None
    return step.counterexample


def test_the_curve_is_the_integrand_of_the_difference() -> None:
    curve = refuted(POLY).curve()
    assert curve is not None and curve.variable == "x" and (curve.lower, curve.upper) == ("0", "1")
    assert curve.xs[0] == 0.0 and curve.xs[-1] == 1.0
    for x, y in zip(curve.xs, curve.ys):
        assert y == pytest.approx(x * x - x, abs=1e-12)
    # x^2 - x is largest in size at its vertex, x = 1/2, where it is -1/4
    assert curve.largest_at == pytest.approx(0.5) and curve.largest == pytest.approx(-0.25)


def test_the_curve_of_reversed_bounds_carries_their_sign() -> None:
    curve = refuted("$$\n\\int_1^0 x^2 \\, dx = \\int_1^0 x \\, dx\n$$\n").curve()
    assert curve is not None and curve.xs[0] == 0.0 and curve.xs[-1] == 1.0
    assert curve.largest == pytest.approx(0.25)  # int_1^0 f = -int_0^1 f: the integrand is x - x^2


def test_no_curve_when_the_difference_is_not_one_integral() -> None:
    assert refuted("$$\n\\int_0^1 x \\, dx = 1\n$$\n").curve() is None


def test_the_window_on_the_real_line_reaches_where_the_difference_has_fallen_off() -> None:
    curve = refuted(GAN).curve()
    assert curve is not None and (curve.lower, curve.upper) == ("-oo", "oo")
    top = max(abs(y) for y in curve.ys)
    assert abs(curve.ys[0]) <= EDGE * top and abs(curve.ys[-1]) <= EDGE * top
    assert curve.xs[0] < curve.largest_at < curve.xs[-1]


def test_a_counterexample_keeps_its_curve_across_processes() -> None:
    cex = refuted(POLY)
    again = pickle.loads(pickle.dumps(cex))
    assert again == cex and again.curve() == cex.curve()


def test_difference_curve_of_sides_that_are_not_integrals_is_none() -> None:
    cex = refuted("$$\n1 = 2\n$$\n")
    assert cex.sides is not None
    lhs, rhs, ctx, inst = cex.sides
    assert difference_curve(lhs, rhs, ctx, inst) is None


def test_report_of_a_file_draws_each_counterexample_beside_it(tmp_path: Path) -> None:
    src = tmp_path / "mine.tex"
    src.write_text(POLY + "\n" + "$$\n\\int_0^1 x \\, dx = 1\n$$\n")
    out = tmp_path / "r.tex"
    result = subprocess.run([sys.executable, "-m", "ganproof", "report", str(src), "-o", str(out), "--html"],
                            capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert result.returncode == 1, result.stderr
    png = tmp_path / "r-counterexample-1.png"
    assert png.read_bytes()[:8] == PNG and not (tmp_path / "r-counterexample-2.png").exists()
    tex = out.read_text()
    assert r"\includegraphics[width=0.62\linewidth]{r-counterexample-1.png}" in tex
    assert "it is largest in size at x = 0.5, where it is -0.25" in tex
    assert (tmp_path / "r.html").read_text().count("data:image/png;base64,") == 1


def test_report_without_figures_draws_no_counterexample(tmp_path: Path) -> None:
    src = tmp_path / "mine.tex"
    src.write_text(POLY)
    result = subprocess.run([sys.executable, "-m", "ganproof", "report", str(src), "-o", "r.tex", "--no-figures"],
                            capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert result.returncode == 1, result.stderr
    assert not list(tmp_path.glob("*.png")) and "includegraphics" not in (tmp_path / "r.tex").read_text()


def test_the_notebook_display_embeds_the_figure() -> None:
    page = check_text(POLY)._repr_html_()
    assert page.count("data:image/png;base64,") == 1 and "largest in size at x = 0.5" in page
