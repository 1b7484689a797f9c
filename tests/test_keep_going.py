"""The reader keeps going past a row it cannot read (issue 14, items 4 and 5).

A row that cannot be read is a located error; the other steps are still judged, the steps that need the
unread row are unknown (never accepted), and every error of the file is reported in one run.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ganproof.chain.verdict import Verdict
from ganproof.cli.main import main
from ganproof.errors import InputError
from ganproof.reader.check import check_document
from ganproof.reader.document import read_text

ROOT = Path(__file__).resolve().parents[1]

TWO_BAD_ROWS = r"""\begin{align}
1 + 1 &= 2 \\
&= \nosuchcommand{3} \\
&= 2 \\
&= 1 + 1 \\
&= (1 + 1 \\
&= 2
\end{align}
"""


def _check(text: str, name: str = "t.tex"):  # type: ignore[no-untyped-def]
    doc = read_text(text, name=name)
    return doc, check_document(doc, jobs=1)


def test_several_unreadable_rows_all_reported_and_other_steps_judged() -> None:
    doc, report = _check(TWO_BAD_ROWS)
    assert [(e.line, e.col) for e in doc.errors] == [(3, 4), (6, 4)]
    by_line = {s.line: s for s in report.steps}
    assert by_line[2].verdict is Verdict.PROVED
    assert by_line[5].verdict is Verdict.PROVED  # 2 = 1 + 1: between the two unread rows, still judged
    assert not report.ok


def test_step_after_unread_row_is_unknown() -> None:
    _, report = _check(TWO_BAD_ROWS)
    by_line = {s.line: s for s in report.steps}
    for line, missing in ((3, 3), (4, 3), (7, 6)):
        assert by_line[line].verdict is Verdict.UNKNOWN
        assert f"line {missing} could not be read" in by_line[line].reason


def test_regression_wrong_step_after_unread_row_never_accepted() -> None:
    # 0 = 5 after an unread lead row: the step from the unread row is unknown, the false 5 = 6 refuted
    _, report = _check("$$\n\\nosuch{x} = 0 \\\\ = 5 \\\\ = 6\n$$\n")
    assert all(not s.verdict.accepted for s in report.steps)


def test_exit_codes_and_json_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "a.tex"
    f.write_text(TWO_BAD_ROWS)
    assert main(["check", "--json", "--jobs", "1", str(f)]) == 1
    out = json.loads(capsys.readouterr().out)
    assert [(e["line"], e["col"]) for e in out["errors"]] == [(3, 4), (6, 4)]
    assert all(isinstance(e["message"], str) and e["message"] for e in out["errors"])
    assert main(["check", "--jobs", "1", str(f)]) == 1
    text = capsys.readouterr().out
    assert f"{f}:3:4: error:" in text and f"{f}:6:4: error:" in text
    bad = tmp_path / "b.tex"
    bad.write_text("$$\n\\nosuch{1} = 2\n$$\n$$\n(1 + 2 = 3\n$$\n")
    assert main(["check", "--json", "--jobs", "1", str(bad)]) == 2
    out = json.loads(capsys.readouterr().out)
    assert out["error"]["line"] == 2  # the single-error shape, with every error listed beside it
    assert [e["line"] for e in out["errors"]] == [2, 5]
    good = tmp_path / "c.tex"
    good.write_text("$$\n1 + 1 = 2\n$$\n")
    assert main(["check", "--json", "--jobs", "1", str(good)]) == 0
    assert json.loads(capsys.readouterr().out)["errors"] == []


def test_regression_stray_dx_names_missing_integral_sign() -> None:
    doc = read_text("$$\nV = p(x) \\log D(x) dx \\\\ = 1\n$$\n$$\n1 + 1 = 2\n$$\n", name="t.tex")
    assert len(doc.errors) == 1
    assert "integral sign missing?" in doc.errors[0].message
    assert (doc.errors[0].line, doc.errors[0].col) == (2, 20)


def test_unbalanced_bracket_names_slip() -> None:
    with pytest.raises(InputError) as info:
        read_text("$$\n(1 + 2 = 3\n$$\n", name="t.tex")
    assert "closing bracket missing?" in info.value.message


def test_display_starting_with_relation_continues_previous_display() -> None:
    text = "$$ 2 + 2 $$\nwhich is\n$$ = 4 $$\nand then\n$$ = 5 $$\n"
    _, report = _check(text)
    assert [(s.line, s.verdict) for s in report.steps] == [(3, Verdict.PROVED), (5, Verdict.REFUTED)]


def test_continued_display_after_unread_last_row_is_unknown() -> None:
    _, report = _check("$$ 1 + 1 = \\nosuch{2} $$\nso\n$$ = 2 $$\n$$ 3 = 3 $$\n")
    by_line = {s.line: s for s in report.steps}
    assert by_line[3].verdict is Verdict.UNKNOWN and "could not be read" in by_line[3].reason


def test_display_after_directive_is_not_continued() -> None:
    with pytest.raises(InputError) as info:
        read_text("$$ 2 + 2 $$\n%! assume a > 0\n$$ = 4 $$\n", name="t.tex")
    assert "no row before" in info.value.message


def test_rightarrow_joins_sequence_of_equations() -> None:
    text = ("\\begin{equation}\n\\frac{p_{data}(x)}{D(x)} - \\frac{p_g(x)}{1 - D(x)} = 0 \\Rightarrow "
            "p_{data}(x) (1 - D(x)) = p_g(x) D(x) \\implies D(x) = \\frac{p_{data}(x)}{p_{data}(x) + p_g(x)}\n"
            "\\end{equation}\n")
    doc, report = _check(text)
    assert doc.chains[0].kind == "sequence" and len(doc.chains[0].equations) == 3
    assert [s.verdict.accepted for s in report.steps] == [True, True]
    wrong = text.replace("{p_{data}(x) + p_g(x)}", "{p_g(x)}")
    _, report = _check(wrong)
    assert report.steps[-1].verdict is Verdict.REFUTED


def test_equation_numbers_are_ignored() -> None:
    _, report = _check("$$\n1 + 1 = 2 \\qquad (4)\n$$\n$$\n2 = 1 + 1 \\tag{5}\n$$\n")
    assert [s.verdict for s in report.steps] == [Verdict.PROVED, Verdict.PROVED]
    assert all(s.rule in (None, "algebra") for s in report.steps)


def test_stdin_is_read(tmp_path: Path) -> None:
    for extra in ([], ["--json"]):
        done = subprocess.run([sys.executable, "-m", "ganproof", "check", *extra, "-"], input=b"$$ 1 + 1 = 2 $$\n",
                              capture_output=True, cwd=ROOT, timeout=300, env={"GANPROOF_JOBS": "1",
                                                                                 "PATH": "/usr/bin:/bin"})
        assert done.returncode == 0, done.stderr.decode()
    assert json.loads(done.stdout)["file"] == "<stdin>"


def test_other_file_kinds_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "a.pdf"
    f.write_bytes(b"%PDF-1.4")
    assert main(["check", str(f)]) == 2
    assert "neither LaTeX, Markdown" in capsys.readouterr().err
