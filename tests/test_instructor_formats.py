"""``check DIR --format csv|junit|markdown``: one row per file for a gradebook or a course's CI, parsed back."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from ganproof.cli.main import FORMATS
from ganproof.reports.table import RENDERERS

ROOT = Path(__file__).resolve().parent.parent
ENV = dict(os.environ, GANPROOF_JOBS="1", PYTHONPATH=str(ROOT))

FILES = {
    "alice.tex": "$$ 1 + 1 = 2 $$\n",
    "bob.tex": "$$\n\\begin{aligned}\n2 &= 1 + 1 \\\\\n&= -2\n\\end{aligned}\n$$\n",
    "carol.md": "Here is my step: $$ x = \\foo $$\n",
}
"""One right file, one with a sign slip on line 4, one unreadable (an unknown command on line 1)."""


@pytest.fixture(scope="module")
def klass(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("class")
    for name, text in FILES.items():
        (folder / name).write_text(text)
    return folder


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ganproof", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=900, env=ENV)


def test_format_choices_are_the_renderers():
    assert FORMATS == ("text", "json", *RENDERERS, "editor")  # editor: positions, not rows (reports/editor.py)


def test_csv_is_one_row_per_file_in_path_order(klass):
    result = run("check", ".", "--format", "csv", "--jobs", "2", cwd=klass)
    assert result.returncode == 2, result.stderr  # the worst file: unreadable
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["file"] for r in rows] == ["alice.tex", "bob.tex", "carol.md"]
    alice, bob, carol = rows
    assert (alice["ok"], alice["status"], alice["steps"], alice["proved"], alice["first_wrong_line"]) == \
        ("true", "ok", "1", "1", "")
    assert (bob["ok"], bob["status"], bob["steps"], bob["refuted"], bob["first_wrong_line"],
            bob["first_wrong_verdict"]) == ("false", "failed", "2", "1", "4", "refuted")
    assert bob["slip"] == "holds with the opposite sign"
    assert (carol["ok"], carol["status"], carol["steps"], carol["first_wrong_line"]) == ("false", "unreadable", "0",
                                                                                        "1")
    assert "unknown command \\foo" in carol["reason"]


def test_junit_is_one_test_case_per_file(klass):
    result = run("check", ".", "--format", "junit", cwd=klass)
    root = ET.fromstring(result.stdout)
    suite = root.find("testsuite")
    assert suite is not None and (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "1", "1")
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    assert list(cases) == ["alice.tex", "bob.tex", "carol.md"]
    assert cases["alice.tex"].find("failure") is None and cases["alice.tex"].find("error") is None
    failure = cases["bob.tex"].find("failure")
    assert failure is not None and failure.get("message") == "line 4 refuted: holds with the opposite sign"
    assert failure.text is not None and failure.text.startswith("line 4 (=) refuted: ")
    error = cases["carol.md"].find("error")
    assert error is not None and error.get("type") == "unreadable" and "\\foo" in (error.get("message") or "")


def test_markdown_is_a_table_with_a_row_per_file(klass):
    result = run("check", ".", "--format", "markdown", cwd=klass)
    lines = result.stdout.splitlines()
    assert lines[0].startswith("| file | ok | status | steps |") and lines[1].startswith("|---|")
    body = [ln for ln in lines[2:] if ln.startswith("| ")]
    assert [ln.split(" | ")[0] for ln in body] == ["| alice.tex", "| bob.tex", "| carol.md"]
    assert all(ln.count(" | ") == lines[0].count(" | ") for ln in body)
    assert lines[-1] == "1 of 3 files ok"


def test_built_in_derivations_as_junit():
    result = run("check", "gibbs", "--format", "junit", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    case = ET.fromstring(result.stdout).find("testsuite/testcase")
    assert case is not None and case.get("name") == "gibbs" and case.find("failure") is None


def test_json_and_another_format_is_a_usage_error(klass):
    result = run("check", ".", "--json", "--format", "csv", cwd=klass)
    assert result.returncode == 2 and "--json and --format csv" in result.stderr


def test_verbose_csv_is_one_row_per_step(klass):
    result = run("check", ".", "--format", "csv", "-v", cwd=klass)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["file"], r["line"], r["verdict"]) for r in rows] == [
        ("alice.tex", "1", "proved"), ("bob.tex", "3", "proved"), ("bob.tex", "4", "refuted"),
        ("carol.md", "1", "unread")]
    assert rows[2]["slip_code"] == "opposite-sign" and rows[2]["as_expected"] == "false"


def test_verbose_junit_is_one_test_case_per_step(klass):
    result = run("check", ".", "--format", "junit", "-v", cwd=klass)
    suite = ET.fromstring(result.stdout).find("testsuite")
    assert suite is not None
    cases = [(c.get("classname"), c.get("name"), c.find("failure") is not None, c.find("error") is not None)
             for c in suite.iter("testcase")]
    assert cases == [("alice.tex", "line 1", False, False), ("bob.tex", "line 3", False, False),
                     ("bob.tex", "line 4", True, False), ("carol.md", "line 1", False, True)]
