"""The Python API at the top level: ganproof.check_file, check_text and check, returning the reports the
command line prints; lazy, so that ``import ganproof`` stays cheap."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import ganproof
from ganproof.chain.verdict import DerivationReport, Verdict
from ganproof.errors import InputError, UsageError
from ganproof.reader.check import FileReport
from ganproof.reader.output import render_report as render_file
from ganproof.reports.text import render_report as render_derivation

ROOT = Path(__file__).resolve().parent.parent
ENV = dict(os.environ, GANPROOF_JOBS="1", PYTHONPATH=str(ROOT))
TEXT = "$$\n\\mathbb{E}_{x \\sim p}[\\log q(x)] = \\int p(x) \\log q(x) \\, dx = -\\int p(x) \\log q(x) \\, dx\n$$\n"
"""A right step on line 2, then a sign slip."""


def test_import_ganproof_is_cheap():
    code = ("import sys, ganproof\nprint(ganproof.__version__)\n"
            "print(sorted(m for m in ('sympy', 'mpmath', 'lark', 'ganproof.chain') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=ENV,
                          timeout=60, check=True)
    assert done.stdout.split("\n")[:2] == [ganproof.__version__, "[]"]


def test_check_text_returns_the_file_report_the_cli_prints():
    report = ganproof.check_text(TEXT, jobs=1)
    assert isinstance(report, FileReport) and report.file == "<text>"
    assert [s.verdict for s in report.steps] == [Verdict.PROVED, Verdict.REFUTED]
    assert not report.ok and str(report) == render_file(report)
    assert "line    2 =  proved" in str(report) and "slip: holds with the opposite sign" in str(report)


def test_check_file_is_what_check_file_json_prints(tmp_path):
    path = tmp_path / "mine.tex"
    path.write_text(TEXT)
    report = ganproof.check_file(path, jobs=1)
    done = subprocess.run([sys.executable, "-m", "ganproof", "check", str(path), "--json"], capture_output=True,
                          text=True, cwd=ROOT, env=ENV, timeout=600)
    printed = json.loads(done.stdout)

    def without_times(obj: dict) -> dict:
        return {**obj, "steps": [{**s, "seconds": None} for s in obj["steps"]]}

    assert without_times({"schema": 1, "kind": "file", **report.to_json()}) == without_times(printed)


def test_check_by_name_or_derivation_returns_the_derivation_report():
    from ganproof.library import derivation

    report = ganproof.check("gibbs", jobs=1)
    assert isinstance(report, DerivationReport) and report.ok
    assert str(report) == render_derivation(report) and str(report).startswith("gibbs: ")
    assert ganproof.check(derivation("gibbs"), jobs=1).to_json()["totals"] == report.to_json()["totals"]


def test_check_of_a_group_or_a_misspelled_name_is_a_usage_error():
    with pytest.raises(UsageError, match="names several derivations"):
        ganproof.check("theorem1")
    with pytest.raises(UsageError, match=re.escape("did you mean 'gibbs'?")):
        ganproof.check("gibs")


def test_unreadable_input_raises_a_located_input_error():
    with pytest.raises(InputError) as info:
        ganproof.check_text("$$ x = \\foo $$\n", name="mine.tex")
    assert (info.value.file, info.value.line, info.value.col) == ("mine.tex", 1, 8)
    with pytest.raises(UsageError, match="--dps must be between"):
        ganproof.check_text(TEXT, dps=1)


def test_the_notebooks_imports_work():
    """Every ``from ganproof... import ...`` in a notebook's cells (code and prose) imports."""
    statements: set[str] = set()
    for nb in (ROOT / "notebooks").glob("*.ipynb"):
        for cell in json.loads(nb.read_text())["cells"]:
            source = "".join(cell["source"])
            statements.update(m.group(0) for m in re.finditer(r"from ganproof[\w.]* import [\w, ]+", source))
    statements.add("from ganproof.reader import check_document, read_path")  # documented in earlier releases
    code = "\n".join(sorted(statements)) + "\nimport ganproof\nganproof.check_file, ganproof.check_text\n"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=ENV,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert len(statements) >= 3


def test_api_names_are_listed():
    assert {"check", "check_file", "check_text", "__version__"} <= set(ganproof.__all__) <= set(dir(ganproof))
    with pytest.raises(AttributeError):
        ganproof.no_such_thing  # noqa: B018
