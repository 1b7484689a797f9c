"""One versioned JSON schema (ganproof/schema/check.json) for every --json output.

conftest.py sets GANPROOF_VALIDATE_JSON=1, so every JSON output of every test is validated by the command
line itself (a mismatch exits 3); the tests here check each kind of output explicitly, the schema's own
tables against the code's, and that the hook catches a mismatch.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from ganproof.chain.numeric_check import SLIP_CODES
from ganproof.cli.terminal import SchemaMismatch, Terminal
from ganproof.numeric.instances import object_data
from ganproof.schema import SCHEMA_VERSION, problems, schema

ROOT = Path(__file__).resolve().parent.parent
ENV = dict(os.environ, GANPROOF_JOBS="1", PYTHONPATH=str(ROOT), GANPROOF_VALIDATE_JSON="0")
"""The command line's own check off: here the tests validate what it printed."""

WRONG = "$$\n\\begin{aligned}\n2 &= 1 + 1 \\\\\n&= -2 \\\\\n&= 2 \\cdot 1\n\\end{aligned}\n$$\n"
"""A sign slip on line 4, then a step that holds against line 3 only (recovers_from)."""


def run(*args: str, cwd: Path = ROOT, stdin: str | None = None) -> dict:
    done = subprocess.run([sys.executable, "-m", "ganproof", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=900, env=ENV, input=stdin)
    assert "Traceback" not in done.stderr, done.stderr
    data = json.loads(done.stdout)
    assert problems(data) == [], problems(data)
    assert data["schema"] == SCHEMA_VERSION
    return data


def test_the_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(schema())


def test_the_schema_ships_with_the_package():
    assert (resources.files("ganproof.schema") / "check.json").is_file()
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert '"schema/*.json"' in pyproject and '"jsonschema' in pyproject


def test_slip_codes_are_the_schemas():
    assert schema()["$defs"]["slip"]["properties"]["code"]["enum"] == list(SLIP_CODES)


def test_built_in_derivations_with_counterexamples():
    data = run("check", "gibbs", "lecture_mistakes", "--json")
    assert data["kind"] == "derivations"
    refuted = [s for d in data["derivations"] for s in d["steps"] if s["verdict"] == "refuted"]
    assert refuted and all(s["counterexample"]["instance"] for s in refuted)
    for obj in refuted[0]["counterexample"]["instance"]:
        assert obj["role"] in ("density", "discriminator", "generator", "critic", "value")
        assert obj["family"] and isinstance(obj["parameters"], dict)
    assert any(s["counterexample"]["slip"] and s["counterexample"]["slip"]["code"] in SLIP_CODES for s in refuted)


def test_a_file_has_the_same_step_object_as_a_built_in(tmp_path):
    (tmp_path / "wrong.tex").write_text(WRONG)
    data = run("check", "wrong.tex", "--json", cwd=tmp_path)
    built_in = run("check", "gibbs", "--json")["derivations"][0]["steps"][0]
    assert data["kind"] == "file" and data["status"] == "failed"
    assert [set(s) for s in data["steps"]] == [set(built_in)] * 3
    first, second, third = data["steps"]
    assert (first["line"], second["line"], third["line"]) == (3, 4, 5)
    assert second["verdict"] == "refuted" and second["counterexample"]["slip"]["code"] == "opposite-sign"
    assert third["recovers_from"] == 3


def test_a_folder_is_one_object_with_totals(tmp_path):
    (tmp_path / "a.tex").write_text("$$ 1 + 1 = 2 $$\n")
    (tmp_path / "b.tex").write_text(WRONG)
    (tmp_path / "c.tex").write_text("$$ x = \\foo $$\n")
    data = run("check", ".", "--json", cwd=tmp_path)
    assert data["kind"] == "files" and [Path(f["file"]).name for f in data["files"]] == ["a.tex", "b.tex", "c.tex"]
    assert {k: data["totals"][k] for k in ("files", "ok", "failed", "unreadable")} == \
        {"files": 3, "ok": 1, "failed": 1, "unreadable": 1}


def test_standard_input_and_an_unreadable_file():
    assert run("check", "-", "--json", stdin="$$ 1 + 1 = 2 $$\n")["file"] == "<stdin>"
    data = run("check", "-", "--json", stdin="$$ x = \\foo $$\n")
    assert data["status"] == "unreadable" and data["error"]["line"] == 1


@pytest.mark.parametrize("args, kind", [(["check", "--json", "no_such_name"], "usage"),
                                        (["check", "--json", "--dps", "x"], "usage"),
                                        (["check", "--json", "missing.tex", "-"], "input")],
                         ids=["unknown name", "bad option", "stdin with files"])
def test_errors_that_stop_a_command(args, kind):
    data = run(*args)
    assert data["kind"] == "error" and data["ok"] is False and data["error"]["kind"] == kind


def test_selftest_counts():
    from ganproof.schema import selftest_document

    doc = selftest_document({"mutants": 3, "refuted": 2, "equivalent": 1, "accepted": 0, "unknown": 0,
                             "originals": 1, "originals_accepted": 1}, True)
    assert problems(doc) == []
    assert problems({**doc, "accepted": -1})


@pytest.mark.parametrize("role", ["data", "noise", "discriminator", "generator", "critic"])
def test_every_family_is_data_the_schema_accepts(role):
    from ganproof.numeric.instances import examples

    validator = jsonschema.Draft202012Validator({"$defs": schema()["$defs"], "$ref": "#/$defs/parameters"})
    for obj in examples(role, count=2):
        data = object_data(obj)
        assert data["family"] == type(obj).__name__
        json.dumps(data)
        body = {k: v for k, v in data.items() if k != "family"}
        assert not list(validator.iter_errors(body)), body


def test_the_validation_hook_catches_a_mismatch(monkeypatch, capsys):
    monkeypatch.setenv("GANPROOF_VALIDATE_JSON", "1")
    with pytest.raises(SchemaMismatch, match="does not match"):
        Terminal().json({"schema": SCHEMA_VERSION, "kind": "file", "ok": True})
    Terminal().json({"schema": SCHEMA_VERSION, "kind": "error", "ok": False,
                     "error": {"kind": "usage", "message": "m"}})
    capsys.readouterr()
