"""``check --format editor``: FILE:LINE:COL: error|warning|note: lines, as compilers print them."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from ganproof.reports.editor import editor_lines, step_message

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "GANPROOF_JOBS": "1", "PYTHONPATH": str(ROOT)}
POSITION = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning|note): (?P<message>.+)$")

SLIP = "%! density p\n$$\n\\int p(x) dx = 1 + 1\n$$\n\n$$ \\int_x p(x) \\log p(x) = \\foo $$\n"
"""A step off by 1 (line 3) and a row that cannot be read (line 6, at \\foo)."""


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ganproof", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=600, env=ENV)


def column_of(text: str, line: int, needle: str) -> int:
    return text.splitlines()[line - 1].index(needle) + 1


def test_editor_format_puts_a_refuted_step_and_an_input_error_at_their_line_and_column(tmp_path):
    (tmp_path / "slip.tex").write_text(SLIP)
    result = run("check", "--format", "editor", "slip.tex", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    found = [POSITION.match(x) for x in lines]
    located = [m for m in found if m]
    assert len(located) == 2, lines
    first, second = located
    assert (first["file"], int(first["line"]), int(first["col"]), first["severity"]) == (
        "slip.tex", 3, column_of(SLIP, 3, "1 + 1"), "error")
    assert "refuted" in first["message"] and "additive constant" in first["message"]
    assert (int(second["line"]), int(second["col"]), second["severity"]) == (6, column_of(SLIP, 6, "\\foo"), "error")
    assert "\\foo" in second["message"]
    # the closing line names the file and is no position a problem matcher would take
    assert lines[-1].startswith("slip.tex: FAILED") and not POSITION.match(lines[-1])


def test_editor_format_of_a_folder_gives_each_files_lines(tmp_path):
    (tmp_path / "a.tex").write_text(SLIP)
    (tmp_path / "b.tex").write_text("$$ 1 + 1 = 2 $$\n")
    result = run("check", "--format", "editor", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 1
    files = {m["file"] for m in map(POSITION.match, result.stdout.splitlines()) if m}
    assert files == {str(tmp_path / "a.tex")}
    assert any(x.startswith(str(tmp_path / "b.tex") + ": ok") for x in result.stdout.splitlines())


def test_editor_format_for_built_in_derivations_is_a_usage_error(tmp_path):
    result = run("check", "gibbs", "--format", "editor", cwd=tmp_path)
    assert result.returncode == 2 and "built-in derivations have no file" in result.stderr


def _step(**over: object) -> dict[str, object]:
    base: dict[str, object] = {"line": 5, "col": 3, "verdict": "refuted", "expected": "proved or confirmed",
                               "reason": "the two sides differ on instance 1", "counterexample": None,
                               "recovers_from": None}
    return {**base, **over}


def test_editor_format_an_unknown_step_is_a_warning():
    severity, message = step_message(_step(verdict="unknown", reason="no rule applies"))  # type: ignore[misc]
    assert severity == "warning" and message == "unknown: no rule applies"


def test_editor_format_a_step_back_on_track_is_a_note():
    severity, message = step_message(_step(recovers_from=2))  # type: ignore[misc]
    assert severity == "note" and "line 5 follows from line 2" in message


def test_editor_format_accepted_and_expected_mistakes_say_nothing():
    assert step_message(_step(verdict="proved")) is None
    assert step_message(_step(expected="refuted")) is None


def test_editor_format_warnings_are_sorted_by_position_with_column_one_when_unknown():
    obj = {"steps": [_step(line=9, col=4)], "errors": [],
           "warnings": [{"line": 9, "col": None, "message": "the integral has no dx"},
                        {"line": 2, "col": 7, "message": "p_D looks like p_G"}]}
    lines = editor_lines("f.tex", obj)
    assert [x.split(" ", 1)[0] for x in lines] == ["f.tex:2:7:", "f.tex:9:1:", "f.tex:9:4:"]
    assert lines[0] == "f.tex:2:7: warning: p_D looks like p_G"
