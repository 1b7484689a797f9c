"""The relatives of Theorem 1 as LaTeX files (examples/lsgan.tex, examples/f_gan_gan.tex), checked through
the command line as a user runs ``ganproof check FILE``: every step proved or confirmed, and a slip planted
in a copy of each file refuted at its line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

# one worker runs this module: each example file is checked once (cached) for all its tests
pytestmark = pytest.mark.xdist_group("examples_relatives")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

# the line of every step (where its right-hand side starts)
STEP_LINES = {
    "lsgan.tex": [15, 17, 24, 25, 26, 34, 35, 36, 51, 52, 53, 54],
    "f_gan_gan.tex": [27, 28, 30, 31, 47, 48, 49, 50, 51, 56, 57],
    "bounds.tex": [10, 11, 13, 14, 19, 19, 19, 26, 27, 28, 29, 30],
    "alphabet.tex": [13, 15, 16, 23, 24, 25, 26, 27],
    "chi_square_lsgan.tex": [13, 14, 15, 16],
}

_RUNS: dict[tuple[str, ...], tuple[int, str, str]] = {}


def run(path: Path, *flags: str) -> tuple[int, str, str]:
    key = (str(path), path.read_text(encoding="utf-8"), *flags)
    if key not in _RUNS:
        result = subprocess.run([sys.executable, "-m", "ganproof", "check", str(path), *flags],
                                capture_output=True, text=True, cwd=ROOT, timeout=600)
        _RUNS[key] = (result.returncode, result.stdout, result.stderr)
    return _RUNS[key]


def checked(path: Path, code: int) -> dict[str, Any]:
    got, out, err = run(path, "--json")
    assert got == code, (got, out[-2000:], err[-2000:])
    data: dict[str, Any] = json.loads(out)
    return data


def plant(tmp_path: Path, name: str, *edits: tuple[str, str]) -> tuple[Path, list[int]]:
    """A copy of the example with each ``old`` (found once) replaced by ``new``; and the edited lines."""
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    lines = []
    for old, new in edits:
        assert text.count(old) == 1, old
        lines.append(text[:text.index(old)].count("\n") + 1)
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path, lines


@pytest.mark.parametrize("name", sorted(STEP_LINES))
def test_every_step_of_the_example_is_proved_or_confirmed(name):
    data = checked(EXAMPLES / name, 0)
    assert data["ok"] is True and data["file"].endswith(name)
    assert [s["line"] for s in data["steps"]] == STEP_LINES[name]
    for s in data["steps"]:
        assert s["verdict"] in ("proved", "confirmed"), s
        assert s["digits"] is not None and s["digits"] >= 30, s
        assert s["counterexample"] is None and s["recovers_from"] is None, s
    assert not data["warnings"], data["warnings"]


def test_lsgan_reads_the_constraints_and_the_stationary_point():
    data = checked(EXAMPLES / "lsgan.tex", 0)
    messages = [a["message"] for a in data["assumptions"]]
    assert "by the constraints, b = a + 2" in messages and "by the constraints, c = a + 1" in messages
    assert any("lines 23-26 is a sequence of equations in the unknown D(x)" in m for m in messages), messages
    steps = {s["line"]: s for s in data["steps"]}
    assert steps[35]["relation"] == ">=" and steps[54]["relation"] == ">="


def test_f_gan_bound_is_proved_by_the_pointwise_maximum():
    steps = {s["line"]: s for s in checked(EXAMPLES / "f_gan_gan.tex", 0)["steps"]}
    assert steps[48]["relation"] == ">=" and "pointwise-max" in steps[48]["rule"]
    assert "jsd-definition" in steps[30]["rule"]


def test_lsgan_planted_slips_are_refuted_at_their_lines(tmp_path):
    path, (swapped, doubled) = plant(
        tmp_path, "lsgan.tex",
        # the stationary point with the targets swapped
        (r"D(x) &= \frac{b \, p_{data}(x) + a \, p_g(x)}", r"D(x) &= \frac{a \, p_{data}(x) + b \, p_g(x)}"),
        # a factor 2 in front of the Pearson integral
        (r"&= \int \frac{(p_{data}(x) - p_g(x))^2}", r"&= 2 \int \frac{(p_{data}(x) - p_g(x))^2}"),
    )
    steps = {s["line"]: s for s in checked(path, 1)["steps"]}
    assert (swapped, doubled) == (26, 52)
    refuted = sorted(line for line, s in steps.items() if s["verdict"] == "refuted")
    assert refuted == [26, 52, 53], refuted
    slip = steps[52]["counterexample"]["slip"]
    assert slip["code"] == "constant-factor" and "factor of 2" in slip["text"]
    lhs, rhs = float(steps[52]["counterexample"]["lhs"]), float(steps[52]["counterexample"]["rhs"])
    assert rhs == pytest.approx(2 * lhs, rel=1e-12)
    # the next row is right against the last accepted row
    assert steps[53]["recovers_from"] == 51 and "does follow from line 51" in steps[53]["reason"]
    assert all(s["verdict"] == "proved" for line, s in steps.items() if line not in refuted)


def test_f_gan_planted_slips_are_refuted_at_their_lines(tmp_path):
    path, (log2, flipped) = plant(
        tmp_path, "f_gan_gan.tex",
        (r"&= -\log 4 + 2 \, JSD(p_{data} \| p_g)", r"&= -\log 2 + 2 \, JSD(p_{data} \| p_g)"),
        # the variational bound the wrong way round
        (r"&\ge \int \left( p_{data}(x) T(x)", r"&\le \int \left( p_{data}(x) T(x)"),
    )
    steps = {s["line"]: s for s in checked(path, 1)["steps"]}
    assert (log2, flipped) == (30, 48)
    refuted = sorted(line for line, s in steps.items() if s["verdict"] == "refuted")
    assert refuted == [30, 31, 48], refuted
    slip = steps[30]["counterexample"]["slip"]
    assert slip["code"] == "additive-log-2" and "off by log 2" in slip["text"]
    lhs, rhs = float(steps[30]["counterexample"]["lhs"]), float(steps[30]["counterexample"]["rhs"])
    assert rhs - lhs == pytest.approx(0.6931471805599453, rel=1e-12)
    assert steps[31]["recovers_from"] == 28
    assert steps[48]["relation"] == "<=" and steps[48]["counterexample"] is not None
    assert all(s["verdict"] == "proved" for line, s in steps.items() if line not in refuted)


def test_bounds_planted_slips_are_refuted_at_their_lines(tmp_path):
    path, (bound, jensen) = plant(
        tmp_path, "bounds.tex",
        # JSD <= (1/2) log 2: half the bound
        (r"&= \log 2" + "\n", r"&= \frac{1}{2} \log 2" + "\n"),
        # Jensen the wrong way round: -log E_p[q/p] is a lower bound on KL, not an upper one
        (r"&\ge -\log \int p(x)", r"&\le -\log \int p(x)"),
    )
    steps = {(s["line"], s["relation"]): s for s in checked(path, 1)["steps"]}
    assert (bound, jensen) == (14, 28)
    assert steps[(14, "=")]["verdict"] == "refuted" and steps[(14, "=")]["counterexample"] is not None
    assert steps[(28, "<=")]["verdict"] == "refuted"
    assert steps[(29, "=")]["verdict"] == "proved" and steps[(30, "=")]["verdict"] == "proved"


def test_alphabet_planted_slip_is_refuted_and_the_sums_are_read_over_an_alphabet(tmp_path):
    data = checked(EXAMPLES / "alphabet.tex", 0)
    assert any("law on a finite alphabet" in a["message"] for a in data["assumptions"])
    path, (half,) = plant(tmp_path, "alphabet.tex",
                          (r"&= -\log 4 + 2 \, JSD(p_{data} \| p_g)", r"&= -\log 4 + JSD(p_{data} \| p_g)"))
    steps = {s["line"]: s for s in checked(path, 1)["steps"]}
    assert half == 15 and steps[15]["verdict"] == "refuted"
    # -log 4 + JSD >= -log 4 is true: the row after the slip follows from it
    assert steps[16]["verdict"] == "proved" and steps[16]["recovers_from"] is None


def test_chi_square_lsgan_planted_slip_is_refuted_at_its_line(tmp_path):
    # the second argument halved: chi^2(p_data + p_g || p_g) in the paper's convention is another number
    path, (halved,) = plant(tmp_path, "chi_square_lsgan.tex",
                            (r"&= \chi^2(p_{data} + p_g \,\|\, 2 p_g)", r"&= \chi^2(p_{data} + p_g \,\|\, p_g)"))
    steps = {s["line"]: s for s in checked(path, 1)["steps"]}
    assert halved == 15 and steps[15]["verdict"] == "refuted" and steps[15]["counterexample"] is not None
    assert [line for line, s in steps.items() if s["verdict"] == "refuted"] == [15]
