"""The corpus of real, public GAN derivations (tests/real/): labels, oracles, checker.

(1) every hand-decided label agrees with its plain-mpmath oracle (no checker involved);
(2) every case file names its source and has a truth entry, and every label sits on a
line of its file; (3) the checker, run on every case, accepts no step labelled false or
undefined.  The read rate and the accuracy are printed, not asserted: raising them is
the reader's work, and 0 false accepts must hold whatever it reads.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from conftest import CORPUS_STEP_SECONDS

REAL = Path(__file__).resolve().parent / "real"

_spec = importlib.util.spec_from_file_location("real_corpus_harness", REAL / "harness.py")
assert _spec is not None and _spec.loader is not None
harness = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = harness
_spec.loader.exec_module(harness)

TRUTH = harness.load_truth()
ORACLES = harness.load_oracles()
PREFIXES = frozenset({"a_", "b_", "d_", "e_", "f_", "g_", "h_", "i_", "j_", "k_", "l_"})
"""One prefix per contributor of cases (the README says whose is whose), so that two never collide."""
LABELLED = sorted((name, line) for name, t in TRUTH.items() for line in t.steps)


@pytest.mark.parametrize(("name", "line"), LABELLED, ids=[f"{n}:{l}" for n, l in LABELLED])
def test_oracle_agrees_with_label(name: str, line: int) -> None:
    """A step labelled true holds on the oracle's instances; false/undefined does not."""
    assert (name, line) in ORACLES, f"{name} line {line} is labelled but has no oracle"
    expected = TRUTH[name].steps[line] == "true"
    assert ORACLES[(name, line)]() is expected, (
        f"{name} line {line}: labelled {TRUTH[name].steps[line]}, oracle says the"
        f" step {'does not hold' if expected else 'holds'}"
    )


def test_every_oracle_has_a_label() -> None:
    stray = sorted(set(ORACLES) - set(LABELLED))
    assert not stray, f"oracles for steps with no truth label: {stray}"


def test_every_case_has_source_and_truth() -> None:
    files = harness.case_files()
    assert files, "tests/real/cases/ holds no case file"
    names = {p.name for p in files}
    assert not sorted(set(TRUTH) - names), "truth entries without a case file"
    for path in files:
        assert path.name in TRUTH, f"{path.name} has no truth entry"
        assert path.name[:2] in PREFIXES, f"{path.name}: name is not prefixed {' or '.join(sorted(PREFIXES))}"
        text = path.read_text(encoding="utf-8")
        lines = text.split("\n")  # lines end at \n only: some pasted files hold form feeds
        head = "\n".join(lines[:5])
        assert "source:" in head, f"{path.name}: no `source:` line in its first lines"
        n_lines = len(lines)
        truth = TRUTH[path.name]
        assert truth.kind in {"paper", "book", "notes", "blog", "qa", "readme", "homework"}
        assert truth.steps, f"{path.name}: no labelled step"
        for line in truth.steps:
            assert 1 <= line <= n_lines, f"{path.name}: label on line {line} of {n_lines}"


@pytest.mark.slow
def test_regression_checker_accepts_no_false_step_of_the_real_corpus(capsys, monkeypatch) -> None:
    """The checker on every case: 0 false accepts (read rate and accuracy printed), each step within the
    budget CORPUS_STEP_SECONDS (tests/conftest.py)."""
    monkeypatch.setenv("GANPROOF_STEP_SECONDS", CORPUS_STEP_SECONDS)
    lines: list[str] = []
    summary = harness.measure(out=lines.append)
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    assert not summary.false_accepts, "\n".join(
        f"{name} line {s.line}: labelled {s.label}, checker said {s.verdict}"
        for name, s in summary.false_accepts
    )


def test_harness_scores_verdicts_against_labels() -> None:
    """The scoring rules: true <- proved|confirmed, false <- refuted, undefined <- unknown|
    refuted; a false or undefined step proved or confirmed is a false accept; a file whose
    checker exited 2, or judged nothing, is not read; an unjudged label is not right."""
    truth = harness.Truth(
        name="x.tex", source="s", kind="notes", notes="",
        steps={1: "true", 2: "false", 3: "undefined", 4: "false", 5: "true", 6: "undefined"},
    )
    result = {
        "exit_status": 1,
        "steps": [
            {"line": 1, "verdict": "confirmed"}, {"line": 2, "verdict": "refuted"},
            {"line": 3, "verdict": "unknown"}, {"line": 4, "verdict": "proved"},
            {"line": 6, "verdict": "confirmed"},
        ],
    }
    scored = harness.score(truth, result)
    assert scored.read
    assert scored.right == 3
    assert [s.line for s in scored.false_accepts] == [4, 6]
    unread = harness.score(truth, {"exit_status": 2, "steps": [], "error": {"line": 3, "col": 7, "message": "m"}})
    assert not unread.read and unread.right == 0 and unread.first_error == "3:7: m"
