"""The command line, through a subprocess, as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ganproof", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=1800)


def test_check_all_builtins_json(tmp_path):
    result = run("check", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    data = json.loads(result.stdout)
    assert data["ok"] is True
    names = [d["name"] for d in data["derivations"]]
    assert "minimum" in names and "monte_carlo" in names
    for d in data["derivations"]:
        assert set(d) == {"name", "title", "ok", "assumptions", "lemmas", "steps"}
        for s in d["steps"]:
            assert set(s) == {"index", "relation", "verdict", "expected", "rule", "reason", "digits",
                              "counterexample", "seconds"}
            if s["expected"] == "refuted":
                assert s["verdict"] == "refuted" and s["counterexample"]["lhs"] != s["counterexample"]["rhs"]
            else:
                assert s["verdict"] == "proved" and s["digits"] >= 30
        assert not [lm for lm in d["lemmas"] if lm["status"].startswith("assumed")]


def test_check_one_by_name_prints_steps_and_summary():
    result = run("check", "gibbs")
    assert result.returncode == 0
    assert "log-inequality" in result.stdout and "proved" in result.stdout
    assert "1 derivation, 5 steps" in result.stdout


def test_unknown_name_is_a_usage_error():
    result = run("check", "no_such_derivation")
    assert result.returncode == 2
    assert "no built-in derivation named 'no_such_derivation'" in result.stderr
    assert "ganproof list" in result.stderr


def test_bad_dps_is_a_usage_error():
    result = run("check", "gibbs", "--dps", "2")
    assert result.returncode == 2 and "--dps must be between 5 and 200" in result.stderr


def test_list_and_rules():
    listed = run("list")
    assert listed.returncode == 0 and "c_of_g" in listed.stdout
    rules = run("rules")
    assert rules.returncode == 0
    for name in ("expectation-to-integral", "lotus", "linearity", "normalisation", "add-zero", "log-algebra",
                 "pointwise-max", "substitution", "kl-definition", "jsd-definition", "ce-definition",
                 "law-of-large-numbers", "monotonicity", "log-inequality"):
        assert name in rules.stdout


def test_derivation_script_runs_from_a_checkout():
    result = subprocess.run([sys.executable, str(ROOT / "derivations" / "gibbs.py")], capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "gibbs" in result.stdout
