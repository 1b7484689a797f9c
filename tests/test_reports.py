"""LaTeX proof reports: escaping, row breaking, and real compilation of every report.

In CI (CI=true) a missing TeX engine is a failure, not a skip: the reports are
part of the product.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from ganproof.chain import check
from ganproof.errors import TexError
from ganproof.library import DERIVATIONS, derivation
from ganproof.reader.check import check_document
from ganproof.reader.document import read_path
from ganproof.reports.latex import ROW_WIDTH, derivation_document, expression_rows, file_document, tex_text, width
from ganproof.reports.pdf import compile_pdf, first_error, tex_engine

# one worker runs this module: each report is built once (cached) for all its tests
pytestmark = pytest.mark.xdist_group("reports")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((Path(__file__).resolve().parent / "examples").glob("*.tex"))


def need_tex() -> None:
    if tex_engine() is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("no TeX engine in CI: .ci/run must install TeX Live")
        pytest.skip("no TeX engine installed (latexmk or pdflatex)")


@lru_cache(maxsize=None)
def builtin_tex(name: str) -> str:
    d = derivation(name)
    return derivation_document([(d, check(d))])


@lru_cache(maxsize=None)
def file_tex(path: Path) -> str:
    doc = read_path(str(path))
    return file_document(doc, check_document(doc))


def compiled(tex: str, tmp_path: Path) -> str:
    """Compile ``tex``; return TeX's log."""
    log = tmp_path / "report.log"
    pdf = compile_pdf(tex, tmp_path / "report.pdf", log)
    assert pdf.read_bytes()[:5] == b"%PDF-"
    return log.read_text(errors="replace")


def overfull(log: str, tolerance_pt: float = 5.0) -> list[str]:
    return [m.group(0) for m in re.finditer(r"Overfull \\hbox \(([\d.]+)pt too wide\)[^\n]*", log)
            if float(m.group(1)) > tolerance_pt]


@pytest.mark.parametrize("name", list(DERIVATIONS))
def test_report_of_every_builtin_compiles_without_overfull_lines(name, tmp_path):
    need_tex()
    log = compiled(builtin_tex(name), tmp_path)
    assert not overfull(log), overfull(log)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_report_of_every_example_compiles_with_its_refuted_steps(path, tmp_path):
    need_tex()
    tex = file_tex(path)
    assert r"\gprefuted" in tex and "Counterexample" in tex
    log = compiled(tex, tmp_path)
    assert not overfull(log), overfull(log)


def test_report_shows_trust_base_marks_and_counterexample():
    tex = builtin_tex("lecture_mistakes")
    assert "Trust base" in tex and "Assumed lemmas: none." in tex
    assert tex.count(r"\gprefuted\ (") == sum(1 for s in check(derivation("lecture_mistakes")).steps
                                                if s.verdict.value == "refuted")
    assert "left side" in tex and "right side" in tex and "Slip:" in tex


def test_report_of_a_file_annotates_the_files_own_lines():
    tex = file_tex(next(p for p in EXAMPLES if p.name == "se_answer.tex"))
    for line in (6, 8, 10, 12):
        assert rf"(line {line})}}" in tex
    assert "opposite sign" in tex


NASTY = r"\input{/etc/passwd} \write18{rm -rf /} $x$ & # % ^ _ { } ~ < > | \\ end"


def test_text_is_escaped_so_user_strings_cannot_run_tex(tmp_path):
    need_tex()
    tex = derivation_document([(derivation("gibbs"), check(derivation("gibbs")))])
    tex = tex.replace(r"\end{document}", tex_text(NASTY) + "\n" + r"\end{document}")
    compiled(tex, tmp_path)
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(tmp_path / "report.pdf"), "-"], capture_output=True,
                              text=True).stdout
        assert "input{/etc/passwd}" in text.replace(" ", "").replace("\n", "") or "passwd" in text


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_escaped_text_has_no_active_characters(text):
    out = tex_text(text)
    # every special character is escaped: outside our own escapes no $ & # % ^ _ { } ~ remain bare
    stripped = re.sub(r"\\ensuremath\{\\(backslash|sim)\}|\\ensuremath\{[<>|]\}|\\\^\{\}|\\[{}$&#%_]|"
                      r"\\linebreak\[1\]", "", out)
    assert not re.search(r"[\\{}$&#%^_~]", stripped), out


def test_long_sums_are_broken_into_rows():
    d = derivation("c_of_g")
    for chain in d.chains:
        for step in chain.steps:
            rows = expression_rows(step.rhs)
            if width(sp.latex(step.rhs)) > ROW_WIDTH:
                assert len(rows) > 1 or not isinstance(step.rhs, (sp.Add, sp.Integral))
            for r in rows:
                assert width(r) <= ROW_WIDTH + 40, r


def test_tex_error_names_the_first_error_and_its_line(tmp_path):
    need_tex()
    broken = "\\documentclass{article}\n\\begin{document}\nfine\n\\undefinedmacro\n\\end{document}\n"
    with pytest.raises(TexError, match=r"Undefined control sequence.*line 4") as err:
        compile_pdf(broken, tmp_path / "x.pdf")
    assert err.value.tex_line == 4


def test_first_error_without_error_line():
    assert first_error("no errors here")[1] is None


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ganproof", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=900, env=env)


def test_cli_report_of_theorem1_writes_tex_and_pdf(tmp_path):
    need_tex()
    result = run("report", "theorem1", "--pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "theorem1.tex").exists() and (tmp_path / "theorem1.pdf").read_bytes()[:5] == b"%PDF-"
    tex = (tmp_path / "theorem1.tex").read_text()
    for name in ("value_function", "optimal_discriminator", "c_of_g", "minimum"):
        assert tex_text(name) in tex
    for png in ("theorem1-integrand.png", "theorem1-c-of-g.png"):
        assert (tmp_path / png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert rf"\includegraphics[width=0.8\linewidth]{{{png}}}" in tex


def test_cli_report_of_a_file_exit_status_follows_the_check(tmp_path):
    example = next(p for p in EXAMPLES if p.name == "se_answer.tex")
    result = run("report", str(example), "-o", str(tmp_path / "out" / "a.tex"), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert (tmp_path / "out" / "a.tex").exists()


def test_cli_report_refuses_to_overwrite_the_derivation_file(tmp_path):
    src = tmp_path / "mine.tex"
    src.write_text(r"$$\mathbb{E}_{x \sim p}[\log q(x)] = \int p(x) \log q(x) \, dx$$" "\n")
    result = run("report", str(src), "-o", str(src), cwd=tmp_path)
    assert result.returncode == 2 and "is the derivation file itself" in result.stderr
    assert src.read_text().startswith("$$")


def test_cli_report_pdf_without_tex_exits_4_says_so_in_one_line_and_writes_tex(tmp_path):
    env = dict(os.environ, PATH=str(Path(sys.executable).parent))
    result = run("report", "gibbs", "--pdf", cwd=tmp_path, env=env)
    assert result.returncode == 4, result.stderr
    assert (tmp_path / "gibbs.tex").exists() and not (tmp_path / "gibbs.pdf").exists()
    lines = [ln for ln in result.stderr.splitlines() if "no TeX engine" in ln]
    assert len(lines) == 1 and "gibbs.tex" in lines[0] and "apt-get install" in lines[0]


def test_cli_report_of_unreadable_file_is_a_located_error(tmp_path):
    src = tmp_path / "bad.tex"
    src.write_text("$$ x = \\foo $$\n")
    result = run("report", str(src), cwd=tmp_path)
    assert result.returncode == 2 and "bad.tex:1:8: error:" in result.stderr


def test_jupyter_reprs_of_a_derivation_mark_every_step():
    report = check(derivation("gibbs"))
    latex = report._repr_latex_()
    assert latex.startswith("$$\\begin{aligned}") and latex.endswith("\\end{aligned}$$")
    assert latex.count(r"\color{green}{\checkmark}") == len(report.steps)
    assert latex.count("{(") == len(report.steps)
    page = report._repr_html_()
    assert page.count("<tr>") == len(report.steps) + 1 and "\\begin{aligned}" in page


def test_jupyter_html_of_a_file_escapes_and_shows_the_counterexample():
    doc = read_path(str(next(p for p in EXAMPLES if p.name == "se_answer.tex")))
    report = check_document(doc)
    page = report._repr_html_()
    assert "color:#c80000" in page and "counterexample" in page and "opposite sign" in page
    assert r"\color{red}{\times}\ \text{(line 10)}" in report._repr_latex_()
    assert "<script" not in page


def test_write_atomic_replaces_and_leaves_no_temporary(tmp_path):
    from ganproof.reports.files import write_atomic
    target = tmp_path / "sub" / "r.tex"
    write_atomic(target, "first")
    write_atomic(target, b"second")
    assert target.read_text() == "second"
    assert [p.name for p in target.parent.iterdir()] == ["r.tex"]


def test_write_atomic_interrupted_keeps_the_good_file(tmp_path, monkeypatch):
    from ganproof.reports import files
    target = tmp_path / "r.tex"
    target.write_text("good")

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        files.write_atomic(target, "half-written")
    assert target.read_text() == "good"
    assert [p.name for p in tmp_path.iterdir()] == ["r.tex"]
