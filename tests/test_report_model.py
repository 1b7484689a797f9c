"""The report model and its two renderers (LaTeX, HTML): summary first, mathematics as mathematics, the
assumptions and trust base once, metadata, escaping of everything that did not come from the project."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest

from ganproof.chain import check
from ganproof.chain.verdict import Verdict
from ganproof.errors import UsageError
from ganproof.library import DERIVATIONS, GROUPS, derivation
from ganproof.library.catalog import CHAIN_TITLES_LATEX, ENTRIES
from ganproof.reports import html as html_report
from ganproof.reports.latex import inline, render
from ganproof.reports.model import (Report, Tally, builtin_report, count_line, description_math, plural, prose,
                                    text, written_math)
from ganproof.rules.statements import STATEMENTS, STATEMENTS_LATEX

pytestmark = pytest.mark.xdist_group("report-model")

ROOT = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=None)
def checked(name: str):
    d = derivation(name)
    return d, check(d)


def test_every_rule_has_a_latex_statement_and_every_entry_a_latex_title() -> None:
    assert list(STATEMENTS_LATEX) == list(STATEMENTS)
    for latex in STATEMENTS_LATEX.values():
        assert latex.count("$") % 2 == 0, latex
    for e in ENTRIES:
        assert e.title_latex and e.summary_latex and e.title_latex.count("$") % 2 == 0, e.name


def test_every_chain_title_that_holds_mathematics_has_its_latex() -> None:
    for name in DERIVATIONS:
        for chain in derivation(name).chains:
            if re.search(r"[=<>^_*]|\blog\b|\bKL\b|\bJSD\b|\bD\*|theta", chain.title):
                assert chain.title in CHAIN_TITLES_LATEX, chain.title


def test_prose_splits_text_and_mathematics() -> None:
    assert prose(r"a $x$ b $\log y$") == (("text", "a "), ("math", "x"), ("text", " b "), ("math", r"\log y"))
    assert prose(r"in \texttt{gibbs}") == (("text", "in gibbs"),)


def test_description_math_takes_our_descriptions_and_refuses_commands() -> None:
    assert description_math("N(-1.2, 0.8^2)") == (("math", "N(-1.2, 0.8^{2})"),)
    assert description_math("D(x) = sigmoid(1.2 x - 0.5)")[0] == ("math", r"D(x) = \sigma(1.2 x - 0.5)")
    for hostile in (r"\input{/etc/passwd}", "N(0, 1) $x$", "a & b", "100%", "x # y"):
        assert description_math(hostile) == text(hostile)


def test_written_math_sets_names_as_mathematics_only_through_the_whitelist() -> None:
    assert written_math(r"\mathcal{L}(G, D)") == (("math", r"\mathcal{L}(G, D)"),)
    assert written_math(r"D^*_G(x)") == (("math", r"D^*_G(x)"),)
    for hostile in (r"V\input{x}", r"V\write18{rm}", "V}{", r"\def\x{1}", "V$x$", r"\mathrmx{a}"):
        assert written_math(hostile) == text(hostile)


def test_regression_one_step_is_not_1_steps() -> None:
    assert plural(1, "step") == "1 step" and plural(2, "step") == "2 steps"
    d, r = checked("gibbs")
    one = type(r)(r.name, r.title, r.summary, r.assumptions, r.lemmas, r.steps[:1], r.chain_titles, r.chain_starts)
    assert count_line(one.steps).startswith("1 step:")


def test_latex_report_opens_with_the_summary_then_assumptions_and_trust_base_once() -> None:
    names = ("value_at_optimum", "gibbs")
    report = builtin_report([checked(n) for n in names], title=GROUPS["theorem1"][0])
    tex = render(report)
    summary = tex.index(r"\section*{Summary}")
    assert summary < tex.index("Trust base") < tex.index(r"\section[value\_at\_optimum]")
    assert tex.count("Trust base") == 1 and tex.count("Assumptions and hypotheses") == 1
    # one summary row per derivation, with its steps
    assert len(report.tallies) == len(names) and all(t.ok for t in report.tallies)
    assert r"\hypersetup{pdftitle={Goodfellow et al.'s Theorem 1, step by step}" in tex
    # mathematics as mathematics: the title and the rule statements, no literal \int in text
    assert r"$\operatorname{KL}(p \,\|\, q) \ge 0$" in tex
    assert r"\ensuremath{\backslash}int" not in tex


def test_summary_names_the_first_wrong_step() -> None:
    report = builtin_report([checked("lecture_mistakes")])
    (t,) = report.tallies
    # every step of lecture_mistakes is expected refuted: the derivation is as expected
    assert t.ok and dict(t.counts)[Verdict.REFUTED] == t.steps


def test_html_report_is_one_page_with_mathml_and_nothing_to_fetch() -> None:
    pytest.importorskip("latex2mathml")
    page = html_report.render(builtin_report([checked("gibbs")]))
    assert page.startswith("<!DOCTYPE html>") and "<math" in page
    assert "<script" not in page.lower()
    # no address to fetch: only the MathML namespace names a URL
    assert set(re.findall(r"https?://[^\s\"'<>]+", page)) <= {"http://www.w3.org/1998/Math/MathML"}
    assert page.index('id="summary"') < page.index('id="basis"') < page.index('id="gibbs"')
    assert '<code class="tex">' not in page  # every formula converted


def test_html_report_escapes_text_that_did_not_come_from_the_project() -> None:
    pytest.importorskip("latex2mathml")
    base = builtin_report([checked("gibbs")])
    hostile = "<script>alert(1)</script> & <b>"
    report = Report(text(hostile), hostile, hostile, hostile, (Tally(text(hostile), "x", (), True),), True,
                    hostile, (), (), (), (), warnings=((1, hostile),), errors=((1, 2, hostile),),
                    definitions=((3, written_math(r"V\input{x}<i>"), "x"),))
    page = html_report.render(report)
    assert "<script>" not in page and "<b>" not in page and "<i>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;" in page
    assert base.sections  # the model of a real report renders too
    assert "<math" in html_report.render(base)


def test_latex_of_the_same_hostile_report_is_escaped() -> None:
    hostile = r"\input{/etc/passwd} $x$ & # % ^ _ { } ~"
    report = Report(text(hostile), hostile, hostile, hostile, (Tally(text(hostile), "x", (), True),), True,
                    hostile, (), (), (), (), warnings=((1, hostile),))
    tex = render(report)
    assert r"\input{/etc" not in tex and inline(text(hostile)) in tex


def test_cli_html_without_its_extra_is_a_usage_error_naming_it(monkeypatch) -> None:
    from ganproof.cli import report as cli_report

    def missing():
        raise ImportError("no module named latex2mathml", name="latex2mathml")

    monkeypatch.setattr(html_report, "_modules", missing)
    with pytest.raises(UsageError, match=r"pip install 'ganproof\[html\]'"):
        cli_report._html(None)  # type: ignore[arg-type]


def test_cli_report_html_writes_the_page_beside_the_tex(tmp_path: Path) -> None:
    pytest.importorskip("latex2mathml")
    out = tmp_path / "g.tex"
    run = subprocess.run([sys.executable, "-m", "ganproof", "report", "gibbs", "--html", "--no-figures", "-o",
                          str(out)], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert run.returncode == 0, run.stderr
    page = (tmp_path / "g.html").read_text(encoding="utf-8")
    assert "<math" in page and "Gibbs" in page and out.exists()


def test_pdf_carries_the_reports_title(tmp_path: Path) -> None:
    from ganproof.reports.pdf import compile_pdf, tex_engine

    if tex_engine() is None or shutil.which("pdfinfo") is None:
        pytest.skip("no TeX engine or pdfinfo")
    pdf = compile_pdf(render(builtin_report([checked("gibbs")])), tmp_path / "g.pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert re.search(r"Title:\s+Gibbs' inequality", info), info
