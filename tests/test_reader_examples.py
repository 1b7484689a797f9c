"""The three example files give exactly the verdicts in examples/expected.json.

The examples are copies of ../shared/examples (the seeds' derivations as files);
they are checked through the command line, as a user runs ``ganproof check FILE``.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

# one worker runs this module: each example file is checked once (cached) for all its tests
pytestmark = pytest.mark.xdist_group("reader_examples")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = Path(__file__).resolve().parent / "examples"
EXPECTED: dict[str, Any] = json.loads((EXAMPLES / "expected.json").read_text())
FILES = sorted(k for k in EXPECTED if not k.startswith("_"))


@lru_cache(maxsize=None)
def checked(name: str, *flags: str) -> tuple[int, str, str]:
    result = subprocess.run([sys.executable, "-m", "ganproof", "check", str(EXAMPLES / name), *flags],
                            capture_output=True, text=True, cwd=ROOT, timeout=600)
    return result.returncode, result.stdout, result.stderr


def report(name: str) -> dict[str, Any]:
    code, out, err = checked(name, "--json")
    assert code == 1, err[-2000:]
    data: dict[str, Any] = json.loads(out)
    return data


def _allowed(spec: str) -> tuple[set[str], int | None]:
    """``"V"``, ``"X"``, ``"X or unknown"``, ``"X (recovers_from 32)"`` -> verdicts, recovers_from."""
    m = re.search(r"recovers_from (\d+)", spec)
    words = re.sub(r"\(.*\)", "", spec).split(" or ")
    verdicts: set[str] = set()
    for w in (w.strip() for w in words):
        verdicts |= {"V": {"proved", "confirmed"}, "X": {"refuted"}}.get(w, {w})
    return verdicts, int(m.group(1)) if m else None


def test_examples_are_the_shared_examples():
    shared = ROOT.parent / "shared" / "examples"
    if not shared.is_dir():
        pytest.skip("../shared/examples is not beside this checkout")
    for path in shared.iterdir():
        assert (EXAMPLES / path.name).read_bytes() == path.read_bytes(), path.name


@pytest.mark.parametrize("name", FILES)
def test_example_gives_the_expected_verdicts(name):
    data = report(name)
    assert data["file"].endswith(name) and data["ok"] is False
    got = {str(s["line"]): s for s in data["steps"]}
    assert sorted(got, key=int) == sorted(EXPECTED[name], key=int), "the steps are not on the expected lines"
    for line, spec in EXPECTED[name].items():
        verdicts, recovers = _allowed(spec)
        step = got[line]
        assert step["verdict"] in verdicts, (line, step)
        assert step["recovers_from"] == recovers, (line, step)


@pytest.mark.parametrize("name", FILES)
def test_example_accepted_steps_agree_to_30_digits(name):
    for s in report(name)["steps"]:
        if s["verdict"] in ("proved", "confirmed"):
            assert s["digits"] is not None and s["digits"] >= 30, s
            assert s["counterexample"] is None


def _significant_digits(text: str) -> int:
    mantissa = re.sub(r"[eE].*$", "", text).lstrip("+-").replace(".", "").lstrip("0")
    return len(mantissa)


@pytest.mark.parametrize("name", FILES)
def test_every_refuted_step_prints_a_counterexample(name):
    refuted = [s for s in report(name)["steps"] if s["verdict"] == "refuted"]
    assert refuted
    for s in refuted:
        cex = s["counterexample"]
        assert cex is not None and cex["instance"], s
        lhs, rhs = float(cex["lhs"]), float(cex["rhs"])
        assert abs(lhs - rhs) > 1e-6 * max(1.0, abs(lhs)), s
        for value in (cex["lhs"], cex["rhs"]):
            assert value in ("0.0", "0") or _significant_digits(value) >= 10, value


def test_answer_sign_error_is_named_as_the_opposite_sign():
    step = {s["line"]: s for s in report("se_answer.tex")["steps"]}[10]
    assert step["verdict"] == "refuted"
    assert step["counterexample"]["slip"] == {"code": "opposite-sign", "text": "holds with the opposite sign"}
    assert float(step["counterexample"]["lhs"]) == pytest.approx(-float(step["counterexample"]["rhs"]), rel=1e-12)


def test_lecture_slips_are_named():
    steps = {s["line"]: s for s in report("lecture_as_written.tex")["steps"]}
    # line 34 drops the two + log 2 terms, line 48 has the sign of log 2 wrong: both off by log 4
    slip = steps[48]["counterexample"]["slip"]
    assert slip["code"] == "additive-log-2" and "log 4" in slip["text"], steps[48]
    # line 34 follows line 33, itself refuted: the slip is named against line 32, the last accepted row
    assert "does not follow from line 32" in steps[34]["reason"]
    assert "against that row: off by log 4" in steps[34]["reason"], steps[34]["reason"]
    lhs, rhs = float(steps[48]["counterexample"]["lhs"]), float(steps[48]["counterexample"]["rhs"])
    assert rhs - lhs == pytest.approx(1.3862943611198906, rel=1e-12)


def test_question_merged_sample_set_is_refuted_for_every_candidate_law():
    step = {s["line"]: s for s in report("se_question.tex")["steps"]}[11]
    assert step["verdict"] == "refuted"
    reason = step["reason"]
    for law in ("drawn from p_r", "drawn from p_g", "equal mixture"):
        assert law in reason, reason


def test_question_unclosed_bracket_is_repaired_with_both_positions():
    warnings = report("se_question.tex")["warnings"]
    repairs = [w for w in warnings if w["message"].startswith("repaired")]
    assert [w["line"] for w in repairs] == [4, 10]
    assert "4:88" in repairs[0]["message"] and "4:97" in repairs[0]["message"]


def test_question_strict_refuses_the_unclosed_bracket():
    # the reader keeps going: both unclosed brackets are located errors, the other steps are still judged
    code, out, err = checked("se_question.tex", "--strict")
    assert code == 1
    assert re.search(r"se_question\.tex:4:88: error: .*--strict", out + err), out + err
    assert re.search(r"se_question\.tex:10:88: error: .*--strict", out + err), out + err


def test_lecture_typo_density_gets_a_warning_naming_the_likely_one():
    warnings = report("lecture_as_written.tex")["warnings"]
    typo = [w for w in warnings if "p_D" in w["message"]]
    assert len(typo) == 1 and typo[0]["line"] == 33
    assert "did you mean p_G" in typo[0]["message"]


def test_human_output_of_the_answer():
    code, out, err = checked("se_answer.tex")
    assert code == 1, err
    assert re.search(r"line\s+10 =\s+REFUTED", out), out
    assert "counterexample:" in out and "slip: holds with the opposite sign" in out
    left = re.search(r"left side  = (\S+)", out)
    right = re.search(r"right side = (\S+)", out)
    assert left and right and float(left.group(1)) == -float(right.group(1)) != 0  # the opposite sign, exactly
    assert out.rstrip().splitlines()[-1].startswith("FAILED: 3/4 steps proved or confirmed")


@pytest.mark.parametrize("name", FILES)
def test_example_counts_each_mistake_once_at_its_first_wrong_row(name):
    # the mistakes expected.json lists: the rows it expects refuted that are not back on track
    wanted = sorted(int(line) for line, spec in EXPECTED[name].items()
                    if "X" in spec and _allowed(spec)[1] is None)
    back = {int(line): _allowed(spec)[1] for line, spec in EXPECTED[name].items() if _allowed(spec)[1]}
    data = report(name)
    assert [m["line"] for m in data["mistakes"]] == wanted
    assert {s["line"]: s["recovers_from"] for s in data["steps"] if s["recovers_from"]} == back
    code, out, _ = checked(name)
    closing = out.rstrip().splitlines()[-1]
    count = f"{len(wanted)} mistake{'s' if len(wanted) != 1 else ''}: line{'s' if len(wanted) != 1 else ''} "
    assert count + ", ".join(map(str, wanted)) in closing, closing


def test_lecture_mistakes_each_get_a_checked_correction():
    data = report("lecture_as_written.tex")
    steps = {s["line"]: s for s in data["steps"]}
    for m in data["mistakes"]:
        fixes = steps[m["line"]]["suggestions"]
        assert fixes and all(f["verdict"] in ("proved", "confirmed") for f in fixes), steps[m["line"]]["reason"]
    assert steps[36]["suggestions"][0]["latex"] == "-\\log 4 + 2\\,JSD(p_{data} \\| p_G)"
    assert steps[33]["suggestions"][0]["operator"] == "swap-density"


def test_answer_sign_is_corrected_in_the_persons_own_latex():
    step = {s["line"]: s for s in report("se_answer.tex")["steps"]}[10]
    fix = step["suggestions"][0]
    assert fix["latex"].startswith("-\\frac{1}{n} \\sum") and fix["operator"] == "flip-sign", step["suggestions"]


@pytest.mark.slow
def test_lecture_with_every_first_suggestion_applied_is_accepted_where_it_was_wrong(tmp_path):
    # each suggestion re-checked from the JSON alone: the row's right side (from its column to the end of
    # its line) replaced by the suggested LaTeX, and the file checked again
    data = report("lecture_as_written.tex")
    rows = (EXAMPLES / "lecture_as_written.tex").read_text().split("\n")
    fixed = []
    for s in data["steps"]:
        if s["suggestions"]:
            line = rows[s["line"] - 1]
            tail = " \\\\" if line.rstrip().endswith("\\\\") else ""
            rows[s["line"] - 1] = line[:s["col"] - 1] + s["suggestions"][0]["latex"] + tail
            fixed.append(s["line"])
    (tmp_path / "fixed.tex").write_text("\n".join(rows))
    result = subprocess.run([sys.executable, "-m", "ganproof", "check", "--json", str(tmp_path / "fixed.tex")],
                            capture_output=True, text=True, cwd=ROOT, timeout=900)
    again = {s["line"]: s for s in json.loads(result.stdout)["steps"]}
    assert fixed and all(again[n]["verdict"] in ("proved", "confirmed") for n in fixed), \
        {n: again[n]["reason"] for n in fixed}
