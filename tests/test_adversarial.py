"""The adversarial corpus (tests/adversarial): its labels, its oracle, and the checker run on it.

* Every labelled step has an oracle function that re-derives its label with plain mpmath on
  objects outside the checker's families (tests/adversarial/oracle.py): the labels are not
  taken on trust.
* Every case file says which class of attack it is and what it tries, and every step of it has
  a label.
* The checker on the whole corpus: no false or undefined step proved or confirmed, JSON printed
  for every file, no traceback, no timeout (each step within the checker's own time limit, here
  CORPUS_STEP_SECONDS: see tests/conftest.py), checked for its verdicts only (CORPUS_VERDICTS_ONLY).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent / "adversarial"
sys.path.insert(0, str(HERE))

import harness  # noqa: E402
from conftest import CORPUS_STEP_SECONDS, CORPUS_VERDICTS_ONLY  # noqa: E402
import oracle  # noqa: E402
from build_cases import CLASSES  # noqa: E402

TRUTH = json.loads((HERE / "truth.json").read_text(encoding="utf-8"))
CASES = harness.case_files()
LABELLED = sorted((name, int(line)) for name, steps in TRUTH.items() for line in steps)
RELATION = re.compile(r"(?<![a-zA-Z\\])(=|<|>)|\\le|\\ge|\\leq|\\geq|\\approx")


@pytest.mark.parametrize("key", LABELLED, ids=[f"{n.rsplit('.', 1)[0]}:{ln}" for n, ln in LABELLED])
def test_oracle_agrees_with_the_label(key):
    name, line = key
    label = TRUTH[name][str(line)]
    assert key in oracle.ORACLE, f"{name}:{line} has the label {label!r} but no oracle function"
    assert oracle.ORACLE[key]() is (label == "true"), f"{name}:{line}: the oracle disagrees with the label {label!r}"


def test_every_oracle_is_labelled():
    assert sorted(oracle.ORACLE) == LABELLED


def test_corpus_is_large_and_covers_every_class():
    assert len(CASES) >= 100
    seen = {harness.case_class(p) for p in CASES}
    assert seen == set(CLASSES)
    labels = [v for steps in TRUTH.values() for v in steps.values()]
    assert labels.count("true") >= len(labels) // 4, "about a third of the steps should be true"
    assert labels.count("false") + labels.count("undefined") >= len(labels) // 3


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case_file_has_class_attack_and_labels(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("% class: ") and lines[0].split()[2] in CLASSES, lines[0]
    assert lines[1].startswith("% attack: ") and len(lines[1]) > len("% attack: ") + 10, lines[1]
    steps = TRUTH.get(path.name)
    assert steps, f"{path.name} has no entry in truth.json"
    for line, label in steps.items():
        assert label in ("true", "false", "undefined")
        text = lines[int(line) - 1]
        assert not text.startswith("%") and RELATION.search(text), f"{path.name}:{line} holds no relation: {text!r}"


def test_truth_names_only_existing_files():
    assert set(TRUTH) == {p.name for p in CASES}


def test_harness_classifies_outcomes():
    assert harness.outcome("false", "confirmed") == "false accept"
    assert harness.outcome("undefined", "proved") == "false accept"
    assert harness.outcome("true", "refuted") == "true refuted"
    assert harness.outcome("true", "unknown") == "unknown"
    assert harness.outcome("false", None) == "missing"
    assert harness.outcome("false", "refuted") == harness.outcome("true", "proved") == "good"


@pytest.mark.slow
def test_checker_on_the_corpus_has_no_false_accept_and_never_breaks(monkeypatch):
    monkeypatch.setenv("GANPROOF_STEP_SECONDS", CORPUS_STEP_SECONDS)
    for name, value in CORPUS_VERDICTS_ONLY.items():  # verdicts only: see tests/conftest.py
        monkeypatch.setenv(name, value)
    result, runs = harness.score(CASES, timeout=harness.DEFAULT_TIMEOUT, jobs=2)
    bad = [d for d in result.details if d["outcome"] in ("false accept", "traceback", "no json", "timeout")]
    assert not bad, result.table() + "\n" + "\n".join(f"{d['outcome']}: {d['file']}:{d['line']}" for d in bad)
    assert all(r.report is not None for r in runs)
