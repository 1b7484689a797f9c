"""LaTeX proof reports: a standalone document per report (:mod:`ganproof.reports.model`).

The document opens with the summary of verdicts (one line per derivation, or the file's), then the
assumptions and the trust base once, then each derivation's chains with a mark per step and every
step's evidence; mathematics is set as mathematics everywhere (titles, rule statements, definitions,
counterexamples), prose goes through :func:`tex_text`, which escapes every character TeX treats
specially.  The PDF carries the report's title and subject.

>>> from ganproof.library import derivation
>>> from ganproof.chain import check
>>> d = derivation("gibbs")
>>> tex = derivation_document([(d, check(d))])      # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ganproof.chain.steps import Derivation
from ganproof.chain.verdict import DerivationReport, Verdict
from ganproof.reader.check import FileReport
from ganproof.reader.document import Document
from ganproof.reports.breaking import ROW_WIDTH, expression_rows, width
from ganproof.reports.model import (ChainView, CounterexampleView, Inline, Report, RowView, SectionView, StepNote,
                                    Tally, builtin_report, file_report)

PREAMBLE = r"""\documentclass[11pt]{article}
\usepackage[a4paper,margin=2.2cm]{geometry}
\usepackage{amsmath,amssymb}
\usepackage{pifont}
\usepackage[table]{xcolor}
\usepackage{longtable,booktabs,array}
\usepackage{graphicx}
\usepackage[hidelinks]{hyperref}
\definecolor{proved}{RGB}{0,120,40}
\definecolor{confirmed}{RGB}{0,80,170}
\definecolor{refuted}{RGB}{200,0,0}
\definecolor{unknown}{RGB}{200,110,0}
\newcommand{\gpproved}{\textcolor{proved}{\ding{51}}}
\newcommand{\gpconfirmed}{\textcolor{confirmed}{$\approx$}}
\newcommand{\gprefuted}{\textcolor{refuted}{\ding{55}}}
\newcommand{\gpunknown}{\textcolor{unknown}{\textbf{?}}}
\allowdisplaybreaks
\setlength{\parindent}{0pt}
\setlength{\parskip}{0.5ex}
\sloppy
"""

MARK = {
    Verdict.PROVED: r"\gpproved",
    Verdict.CONFIRMED: r"\gpconfirmed",
    Verdict.REFUTED: r"\gprefuted",
    Verdict.UNKNOWN: r"\gpunknown",
}

LEGEND = (r"\gpproved{} proved (a rule's symbolic certificate, cross-checked by quadrature) \quad "
          r"\gpconfirmed{} confirmed (numbers only) \quad \gprefuted{} refuted (a counterexample) \quad "
          r"\gpunknown{} unknown")

_SPECIAL = {
    "\\": r"\ensuremath{\backslash}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#", "^": r"\^{}",
    "_": r"\_", "%": r"\%", "~": r"\ensuremath{\sim}", "<": r"\ensuremath{<}", ">": r"\ensuremath{>}",
    "|": r"\ensuremath{|}",
}


def tex_text(text: str) -> str:
    r"""Plain text made safe for TeX: every special character escaped.

    >>> tex_text("p_data ~ N(0, 1^2), 100% of x^{(i)}")
    'p\\_data \\ensuremath{\\sim} N(0, 1\\^{}2), 100\\% of x\\^{}\\{(i)\\}'
    """
    out = "".join(_SPECIAL.get(c, c) for c in text)
    # long unbreakable runs (reasons list rules separated by ", ") are fine; allow breaks after ';'
    return out.replace("; ", ";\\linebreak[1] ")


CODE_CHUNK = 12
"""A person's LaTeX shown as text may break after this many characters (it has few spaces)."""


def tex_code(text: str) -> str:
    """A person's own LaTeX shown as typewriter text, never typeset: escaped, and breakable every few
    characters so that a long row never runs into the margin."""
    chunks = [text[i:i + CODE_CHUNK] for i in range(0, len(text), CODE_CHUNK)]
    return r"{\ttfamily " + r"\allowbreak{}".join(tex_text(c) for c in chunks) + "}"


def inline(pieces: Inline) -> str:
    """Text escaped, mathematics between dollars."""
    return "".join(tex_text(s) if kind == "text" else f"${s}$" for kind, s in pieces)


def _pdf_text(s: str) -> str:
    """Text for the PDF's metadata (hyperref's pdftitle): escaped, no mathematics."""
    return tex_text(s).replace(";\\linebreak[1] ", "; ")


# ---------------------------------------------------------------------- pieces

def align_rows(rows: Sequence[RowView]) -> str:
    """An ``align*`` of the rows, with each step's mark and label as its tag."""
    out = []
    for r in rows:
        lead = f"&{r.relation} " if r.relation else "& "
        tag = rf" \tag*{{{MARK[r.verdict]}\ ({r.label})}}" if r.verdict is not None else ""
        parts = r.parts
        if len(parts) == 1:
            out.append(lead + parts[0] + tag)
        else:
            out.append(lead + parts[0] + r" \notag")
            out.extend(r"&\qquad " + p + r" \notag" for p in parts[1:-1])
            out.append(r"&\qquad " + parts[-1] + tag)
    return "\\begin{align*}\n" + " \\\\\n".join(out) + "\n\\end{align*}\n"


def step_notes(note: StepNote) -> str:
    """The verdict of one step in prose: rule, digits, reason, counterexample and slip."""
    head = rf"\item[{MARK[note.verdict]} {tex_text(note.label)}] \textbf{{{note.verdict.value}}}"
    if note.rule:
        head += rf" by \texttt{{{tex_text(note.rule)}}}"
    if note.digits is not None:
        head += rf"; the two sides agree to {note.digits} significant digits"
    if note.expected_refuted:
        head += " (a marked mistake: refuted is the expected verdict)"
    lines = [head + "."]
    if note.source:
        lines.append(rf"\par As written: {tex_code(note.source)}")
    lines.append(rf"\par {{\small {tex_text(note.reason)}}}")
    if note.equality:
        lines.append(r"\par Equality holds if and only if " + " and ".join(f"${c}$" for c in note.equality) + ".")
    if note.counterexample is not None:
        lines.append(counterexample_tex(note.counterexample))
    for latex, edit, col, verdict in note.suggestions:
        lines.append(rf"\par Correction ({tex_text(verdict)}): the step holds with {tex_code(latex)} "
                     rf"({tex_code(edit)}, column {col}).")
    if note.recovers_from is not None:
        lines.append(rf"\par The chain recovers: the step holds against line {note.recovers_from}, "
                     "the last accepted row.")
    return "\n".join(lines) + "\n"


def counterexample_tex(cex: CounterexampleView) -> str:
    """The concrete instance on which a step fails, and both sides' values."""
    rows = [rf"{inline(name)} & {inline(what)} \\" for name, what in cex.objects]
    slip = rf"\par Slip: \textbf{{{tex_text(cex.slip)}}}." if cex.slip else ""
    return ("\\par Counterexample:\n"
            "\\begin{longtable}{@{}p{0.22\\linewidth}p{0.72\\linewidth}@{}}\n" + "\n".join(rows) + "\n"
            rf"left side & ${tex_text(cex.lhs)}$ \\" "\n"
            rf"right side & ${tex_text(cex.rhs)}$ \\" "\n"
            "\\end{longtable}\n" + slip + (counterexample_figure_tex(*cex.figure) if cex.figure else ""))


def counterexample_figure_tex(file: str, caption: str) -> str:
    """The figure of where a step's sides differ, in place under its counterexample (not floated away from it)."""
    return ("\\par\\begin{center}\n"
            rf"\includegraphics[width=0.62\linewidth]{{{file}}}\\" "\n"
            rf"{{\small {tex_text(caption)}}}" "\n\\end{center}\n")


def _mark_counts(t: Tally) -> str:
    return " & ".join(str(n) if n else "" for _, n in t.counts)


def summary_tex(report: Report) -> str:
    """The summary of verdicts: one row per derivation (or the file), its counts and its result."""
    head = " & ".join(MARK[v] for v in Verdict)
    rows = []
    for t in report.tallies:
        result = r"as expected" if t.ok else rf"first at {tex_text(t.first_wrong or '')}"
        rows.append(rf"{inline(t.label)} & {t.steps} & {_mark_counts(t)} & {result} \\")
    return ("\\section*{Summary}\n"
            "\\begin{longtable}{@{}>{\\raggedright\\arraybackslash}p{0.56\\linewidth}rrrrrl@{}}\n\\toprule\n"
            rf"derivation & steps & {head} & result \\" "\n\\midrule\n" + "\n".join(rows) + "\n\\bottomrule\n"
            "\\end{longtable}\n" + rf"\noindent {tex_text(report.verdict_line)}\par" "\n")


def trust_base(report: Report) -> str:
    """The rules the report relies on, each with its statement, and the lemmas (assumed or derived)."""
    items = [rf"\item[\texttt{{{tex_text(name)}}}] {inline(statement)}" for name, statement in report.rules]
    out = "\\subsection*{Trust base}\n"
    out += ("The steps of this report rely on these rules and on nothing else:\n\\begin{description}\n"
            + "\n".join(items) + "\n\\end{description}\n") if items else "No rule was used.\n"
    for name, statement, status in report.lemmas:
        out += rf"Lemma \texttt{{{tex_text(name)}}} ({tex_text(statement)}): {tex_text(status)}." "\n\n"
    n = report.assumed_lemmas
    out += "Assumed lemmas: none.\n\n" if not n else rf"\textbf{{Assumed lemmas: {n}}} (see above)." "\n\n"
    return out


def _assumptions(lines: Sequence[str]) -> str:
    if not lines:
        return ""
    items = "\n".join(rf"\item ${a}$" for a in lines)
    return "\\subsection*{Assumptions and hypotheses}\n\\begin{itemize}\n" + items + "\n\\end{itemize}\n"


def figure_tex(file: str, caption: str) -> str:
    """A figure from a PNG beside the report (``file`` is a bare name the report's folder holds)."""
    return ("\\begin{figure}[ht]\n\\centering\n"
            rf"\includegraphics[width=0.8\linewidth]{{{file}}}" "\n"
            rf"\caption{{{tex_text(caption)}}}" "\n\\end{figure}\n")


def chain_tex(chain: ChainView) -> str:
    out = [rf"\subsection*{{{inline(chain.title)}}}"]
    if chain.preface:
        out.append(inline(chain.preface) + "\n")
    out.append(align_rows(chain.rows))
    out.append("\\begin{description}\n" + "".join(step_notes(n) for n in chain.notes) + "\\end{description}\n")
    return "\n".join(out)


def section_tex(section: SectionView, numbered: bool = True) -> str:
    star = "" if numbered else "*"
    title = inline(section.title)
    plain = tex_text(section.name)
    out = [rf"\section{star}[{plain}]{{{title}}}" if numbered else rf"\section*{{{title}}}",
           rf"\noindent\texttt{{{plain}}}: {tex_text(_counts_sentence(section.tally))}" "\n"]
    if section.summary:
        out.append(inline(section.summary) + "\n")
    out.extend(chain_tex(c) for c in section.chains)
    out.extend(figure_tex(f, c) for f, c in section.figures)
    return "\n".join(out)


def _counts_sentence(t: Tally) -> str:
    from ganproof.reports.model import plural

    parts = ", ".join(f"{n} {v.value}" for v, n in t.counts if n)
    return f"{plural(t.steps, 'step')}: {parts}." if t.steps else "no steps."


def render(report: Report) -> str:
    """The standalone LaTeX document of a report."""
    body = [summary_tex(report), "\\section*{What the steps rely on}\n", _assumptions(report.assumptions)]
    if report.errors:
        items = "\n".join(rf"\item line {line}, column {col}: {tex_text(msg)}" for line, col, msg in report.errors)
        body.append("\\subsection*{Rows that could not be read}\n\\begin{itemize}\n" + items + "\n\\end{itemize}\n")
    if report.warnings:
        items = "\n".join(rf"\item line {line}: {tex_text(msg)}" for line, msg in report.warnings)
        body.append("\\subsection*{Warnings}\n\\begin{itemize}\n" + items + "\n\\end{itemize}\n")
    if report.definitions:
        items = "\n".join(rf"\item line {line}: {inline(name)} $:= {latex}$" for line, name, latex in report.definitions)
        body.append("\\subsection*{Definitions}\n\\begin{itemize}\n" + items + "\n\\end{itemize}\n")
    body.append(trust_base(report))
    body.append("\\clearpage\n")
    numbered = len(report.sections) > 1
    body.extend(section_tex(s, numbered) for s in report.sections)
    meta = (rf"\hypersetup{{pdftitle={{{_pdf_text(report.plain_title)}}}, pdfsubject={{{_pdf_text(report.subject)}}}, "
            r"pdfauthor={ganproof}, pdfcreator={ganproof}}" "\n")
    return (PREAMBLE + meta + rf"\title{{{inline(report.title)}}}" "\n" r"\author{ganproof}" "\n" r"\date{}" "\n"
            "\\begin{document}\n\\maketitle\n\\thispagestyle{empty}\n"
            + rf"\noindent Source: \texttt{{{tex_text(report.source)}}}\par" "\n"
            + rf"\noindent {{\small {LEGEND}}}\par" "\n" + "\n".join(body) + "\\end{document}\n")


# ---------------------------------------------------------------------- entry points

def derivation_document(checked: Sequence[tuple[Derivation, DerivationReport]], title: str | None = None,
                        figures: Mapping[str, Sequence[tuple[str, str]]] | None = None) -> str:
    """A standalone LaTeX document for one or more checked built-in derivations.

    ``figures`` maps a derivation's name to (PNG file, caption) pairs shown at the end of its section;
    the files must stand beside the .tex when it is compiled.
    """
    return render(builtin_report(checked, title, figures))


def file_document(doc: Document, report: FileReport) -> str:
    """A standalone LaTeX document for a checked derivation file: the file's own rows, annotated."""
    return render(file_report(doc, report))


__all__ = ["ROW_WIDTH", "align_rows", "derivation_document", "expression_rows", "file_document", "inline", "render", "tex_code",
           "step_notes", "tex_text", "trust_base", "width"]
