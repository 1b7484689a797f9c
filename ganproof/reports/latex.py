"""LaTeX proof reports: a standalone document per derivation or derivation file.

The mathematics comes from the vocabulary's own printer (:func:`to_latex`) applied
to the checked SymPy expressions, never from pasting the text of a user's file;
prose (reasons, instance descriptions) goes through :func:`tex_text`, which escapes
every character TeX treats specially.  Long rows are broken at the top-level
``+``/``-`` of a sum, and inside an integral of a sum, so that no row runs off the
page.

>>> from ganproof.library import derivation
>>> from ganproof.chain import check
>>> d = derivation("gibbs")
>>> tex = derivation_document([(d, check(d))])      # doctest: +SKIP
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sympy as sp

from ganproof.chain.steps import Derivation
from ganproof.chain.verdict import Counterexample, DerivationReport, StepResult, Verdict, rules_used
from ganproof.reader.check import FileReport
from ganproof.reader.document import Document, FileChain
from ganproof.rules import rule_named
from ganproof.vocabulary.printing import GanLatexPrinter, to_latex

ROW_WIDTH = 62
"""Estimated width (in characters of typeset math) of one row of a chain."""

PREAMBLE = r"""\documentclass[11pt]{article}
\usepackage[a4paper,margin=2.2cm]{geometry}
\usepackage{amsmath,amssymb}
\usepackage{pifont}
\usepackage[table]{xcolor}
\usepackage{longtable,booktabs}
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

RELATION = {"=": "=", "<=": r"\le", ">=": r"\ge", "<": "<", ">": ">"}

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


# ---------------------------------------------------------------------- breaking rows

_COMMAND = re.compile(r"\\(left|right|limits|mathrm|operatorname|displaystyle)\b|\\[,;!]")


CODE_CHUNK = 12
"""A person's LaTeX shown as text may break after this many characters (it has few spaces)."""


def tex_code(text: str) -> str:
    """A person's own LaTeX shown as typewriter text, never typeset: escaped, and breakable every few
    characters so that a long row never runs into the margin."""
    chunks = [text[i:i + CODE_CHUNK] for i in range(0, len(text), CODE_CHUNK)]
    return r"{\ttfamily " + r"\allowbreak{}".join(tex_text(c) for c in chunks) + "}"


def width(latex: str) -> int:
    r"""A rough typeset width of ``latex``: a command counts as one symbol, braces as none,
    a fraction as its wider part.

    >>> width(r"\log{\left(2 \right)}") < width(r"\log{\left(2 \right)} + \log{\left(3 \right)}")
    True
    """
    s = _COMMAND.sub("", latex)
    while True:  # \frac{a}{b}: the wider of a and b
        m = re.search(r"\\frac\{([^{}]*)\}\{([^{}]*)\}", s)
        if not m:
            break
        a, b = m.group(1), m.group(2)
        s = s[:m.start()] + (a if len(a) >= len(b) else b) + s[m.end():]
    s = re.sub(r"\\[A-Za-z]+", "X", s)
    return len(re.sub(r"[{}\s]", "", s)) + s.count(" ") // 3


class _Breaker:
    """Print an expression as several lines of at most ``limit`` width where it can."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.printer = GanLatexPrinter()

    def lines(self, expr: sp.Expr) -> list[str]:
        whole = to_latex(expr)
        if width(whole) <= self.limit:
            return [whole]
        if isinstance(expr, sp.Add):
            return self._sum(expr)
        if isinstance(expr, sp.Integral) and len(expr.limits) == 1 and isinstance(expr.function, sp.Add):
            var, *bounds = expr.limits[0]
            body = self._sum(expr.function)
            lim = ""
            if len(bounds) == 2:
                lim = rf"\limits_{{{to_latex(bounds[0])}}}^{{{to_latex(bounds[1])}}}"
            first = rf"\int{lim} \Bigg(" + body[0]
            return [first, *body[1:-1], body[-1] + rf"\Bigg)\, d{to_latex(var)}"] if len(body) > 1 else \
                [first + rf"\Bigg)\, d{to_latex(var)}"]
        return [whole]

    def _sum(self, expr: sp.Add) -> list[str]:
        terms = self.printer._as_ordered_terms(expr, order=None)
        pieces: list[str] = []
        for i, term in enumerate(terms):
            negative = term.could_extract_minus_sign()
            shown = -term if negative and i > 0 else term
            sub = self.lines(shown) if width(to_latex(shown)) > self.limit else [to_latex(shown)]
            if isinstance(shown, sp.Add):
                sub = [r"\left(" + to_latex(shown) + r"\right)"]
            sign = "" if i == 0 else (" - " if negative else " + ")
            sub = [sign + sub[0], *sub[1:]]
            pieces.extend(sub)
        # greedy grouping of pieces into lines
        out: list[str] = []
        for piece in pieces:
            if out and width(out[-1] + piece) <= self.limit and not piece.endswith(r"\Bigg("):
                out[-1] = out[-1] + piece
            else:
                out.append(piece)
        return out


def expression_rows(expr: sp.Expr, limit: int = ROW_WIDTH) -> list[str]:
    """The LaTeX of ``expr`` as one or more rows, broken at the top-level terms of sums."""
    return _Breaker(limit).lines(expr)


# ---------------------------------------------------------------------- chains

@dataclass(frozen=True)
class Row:
    """One row of a displayed chain: a relation (or none, for a start) and an expression."""

    relation: str | None
    expr: sp.Expr
    step: StepResult | None
    label: str = ""


def align_rows(rows: Sequence[Row]) -> str:
    """An ``align*`` of the rows, with each step's mark and number as its tag."""
    out = []
    for row in rows:
        parts = expression_rows(row.expr)
        rel = RELATION.get(row.relation or "", row.relation or "")
        lead = f"&{rel} " if rel else "& "
        tag = ""
        if row.step is not None:
            tag = rf" \tag*{{{MARK[row.step.verdict]}\ ({row.label or row.step.index})}}"
        if len(parts) == 1:
            out.append(lead + parts[0] + tag)
        else:
            out.append(lead + parts[0] + r" \notag")
            out.extend(r"&\qquad " + p + r" \notag" for p in parts[1:-1])
            out.append(r"&\qquad " + parts[-1] + tag)
    return "\\begin{align*}\n" + " \\\\\n".join(out) + "\n\\end{align*}\n"


def step_notes(step: StepResult, label: str | None = None) -> str:
    """The verdict of one step in prose: rule, digits, reason, counterexample and slip."""
    name = label or f"Step {step.index}"
    head = rf"\item[{MARK[step.verdict]} {tex_text(name)}] \textbf{{{step.verdict.value}}}"
    if step.rule:
        head += rf" by \texttt{{{tex_text(step.rule)}}}"
    if step.digits is not None:
        head += rf"; the two sides agree to {step.digits} significant digits"
    if step.expected == "refuted":
        head += " (a marked mistake: refuted is the expected verdict)"
    lines = [head + "."]
    if step.source:
        lines.append(rf"\par As written: {tex_code(step.source)}")
    lines.append(rf"\par {{\small {tex_text(step.reason)}}}")
    if step.equality_condition:
        parts = " and ".join(f"${c}$" for c in step.equality_condition.split(" and "))
        lines.append(rf"\par Equality holds if and only if {parts}.")
    if step.counterexample is not None:
        lines.append(counterexample_tex(step.counterexample))
    for g in step.suggestions or ():
        lines.append(rf"\par Correction ({g.verdict}): the step holds with {tex_code(g.latex)} "
                     rf"({tex_code(g.edit)}, column {g.col}).")
    if step.recovers_from is not None:
        lines.append(rf"\par The chain recovers: the step holds against line {step.recovers_from}, "
                     "the last accepted row.")
    return "\n".join(lines) + "\n"


def counterexample_tex(cex: Counterexample) -> str:
    """The concrete instance on which a step fails, and both sides' values."""
    rows = [rf"\texttt{{{tex_text(k)}}} & {tex_text(v)} \\" for k, v in cex.instance.items()]
    slip = rf"\par Slip: \textbf{{{tex_text(cex.slip)}}}." if cex.slip else ""
    return ("\\par Counterexample:\n"
            "\\begin{longtable}{@{}p{0.22\\linewidth}p{0.72\\linewidth}@{}}\n" + "\n".join(rows) + "\n"
            rf"left side & \texttt{{{tex_text(cex.lhs)}}} \\" "\n"
            rf"right side & \texttt{{{tex_text(cex.rhs)}}} \\" "\n"
            "\\end{longtable}\n" + slip)


def trust_base(rules: Sequence[str], lemmas: Sequence[dict[str, str]]) -> str:
    """The rules a report relies on, each with its statement, and the lemmas (assumed or derived)."""
    items = []
    for name in rules:
        rule = rule_named(name)
        statement = tex_text(rule.statement) if rule is not None else "(not a rule of this checker)"
        items.append(rf"\item[\texttt{{{tex_text(name)}}}] {statement}")
    out = "\\subsection*{Trust base}\n"
    out += ("The steps below rely on these rules and on nothing else:\n\\begin{description}\n"
            + "\n".join(items) + "\n\\end{description}\n") if items else "No rule was used.\n"
    assumed = [lm for lm in lemmas if lm["status"].startswith("assumed")]
    for lm in lemmas:
        out += rf"Lemma \texttt{{{tex_text(lm['name'])}}} ({tex_text(lm['statement'])}): {tex_text(lm['status'])}." "\n\n"
    out += ("Assumed lemmas: none.\n\n" if not assumed else
            rf"\textbf{{Assumed lemmas: {len(assumed)}}} (see above)." "\n\n")
    return out


def _assumptions(lines: Sequence[str]) -> str:
    if not lines:
        return ""
    items = "\n".join(rf"\item ${a}$" for a in lines)
    return "\\subsection*{Assumptions and hypotheses}\n\\begin{itemize}\n" + items + "\n\\end{itemize}\n"


def _document(title: str, source: str, body: str) -> str:
    return (PREAMBLE + rf"\title{{{tex_text(title)}}}" "\n" r"\author{ganproof}" "\n" r"\date{}" "\n"
            "\\begin{document}\n\\maketitle\n" + rf"\noindent Source: \texttt{{{tex_text(source)}}}\par" "\n"
            + rf"\noindent {{\small {LEGEND}}}\par" "\n" + body + "\\end{document}\n")


def _summary_line(steps: Sequence[StepResult]) -> str:
    counts = {v: sum(1 for s in steps if s.verdict is v) for v in Verdict}
    parts = ", ".join(f"{counts[v]} {v.value}" for v in Verdict if counts[v])
    return f"{len(steps)} steps: {parts}."


# ---------------------------------------------------------------------- built-in derivations

def figure_tex(file: str, caption: str) -> str:
    """A figure from a PNG beside the report (``file`` is a bare name the report's folder holds)."""
    return ("\\begin{figure}[ht]\n\\centering\n"
            rf"\includegraphics[width=0.8\linewidth]{{{file}}}" "\n"
            rf"\caption{{{tex_text(caption)}}}" "\n\\end{figure}\n")


def derivation_section(derivation: Derivation, report: DerivationReport,
                       figures: Sequence[tuple[str, str]] = ()) -> str:
    """One derivation: its assumptions, trust base, chains with marks, per-step verdicts, figures."""
    out = [rf"\section{{{tex_text(report.title)}}}", rf"\noindent\texttt{{{tex_text(report.name)}}}: "
           rf"{tex_text(_summary_line(report.steps))}" "\n"]
    if derivation.summary:
        out.append(tex_text(derivation.summary) + "\n")
    out.append(_assumptions(report.assumptions))
    out.append(trust_base(report.rules_used, report.lemmas))
    steps = iter(report.steps)
    for c, chain in enumerate(derivation.chains):
        title = chain.title or f"Chain {c + 1}"
        out.append(rf"\subsection*{{{tex_text(title)}}}")
        if chain.hypotheses:
            out.append("Under the hypothesis " + ", ".join(f"${h.latex()}$" for h in chain.hypotheses) + ".\n")
        rows = [Row(None, chain.start, None)]
        results = []
        for step in chain.steps:
            result = next(steps)
            results.append(result)
            rows.append(Row(step.relation, step.rhs, result))
        out.append(align_rows(rows))
        out.append("\\begin{description}\n" + "".join(step_notes(r) for r in results) + "\\end{description}\n")
    out.extend(figure_tex(f, c) for f, c in figures)
    return "\n".join(out)


def derivation_document(checked: Sequence[tuple[Derivation, DerivationReport]], title: str | None = None,
                        figures: Mapping[str, Sequence[tuple[str, str]]] | None = None) -> str:
    """A standalone LaTeX document for one or more checked built-in derivations.

    ``figures`` maps a derivation's name to (PNG file, caption) pairs shown at the end of its section;
    the files must stand beside the .tex when it is compiled.
    """
    if not checked:
        raise ValueError("a report needs at least one derivation")
    names = ", ".join(d.name for d, _ in checked)
    doc_title = title or (checked[0][1].title if len(checked) == 1 else "ganproof proof report")
    body = "\n".join(derivation_section(d, r, (figures or {}).get(d.name, ())) for d, r in checked)
    all_steps = [s for _, r in checked for s in r.steps]
    ok = all(r.ok for _, r in checked)
    body += ("\\section*{Result}\n" + tex_text(_summary_line(all_steps)) + " "
             + ("Every step has its expected verdict." if ok else r"\textbf{Some steps do not have their expected "
                r"verdict.}") + "\n")
    return _document(doc_title, f"built-in derivations: {names}", body)


# ---------------------------------------------------------------------- derivation files

def _file_chain_rows(chain: FileChain, results: Sequence[StepResult]) -> list[Row]:
    if chain.kind == "sequence":
        rows = [Row(None, sp.Eq(chain.equations[0].lhs, chain.equations[0].rhs, evaluate=False), None)]
        for eq, result in zip(chain.equations[1:], results):
            rows.append(Row(r"\Rightarrow", sp.Eq(eq.lhs, eq.rhs, evaluate=False), result, f"line {eq.line}"))
        return rows
    rows: list[Row] = []
    previous: int | None = None
    for step, result in zip(chain.steps, results):
        if step.source != previous:
            rows.append(Row(None, chain.points[step.source].side.expr, None))
        rows.append(Row(step.relation, chain.points[step.target].side.expr, result, f"line {step.line}"))
        previous = step.target
    return rows


def file_document(doc: Document, report: FileReport) -> str:
    """A standalone LaTeX document for a checked derivation file: the file's own rows, annotated."""
    body = [rf"\noindent {tex_text(_summary_line(report.steps))} "
            + ("Every step is proved or confirmed." if report.ok else r"\textbf{Not every step is proved or confirmed.}")
            + "\n"]
    body.append(_assumptions(doc.context.assumptions_latex()))
    if report.warnings:
        items = "\n".join(rf"\item line {w['line']}: {tex_text(str(w['message']))}" for w in report.warnings)
        body.append("\\subsection*{Warnings}\n\\begin{itemize}\n" + items + "\n\\end{itemize}\n")
    if doc.definitions:
        items = "\n".join(rf"\item line {d.line}: \texttt{{{tex_text(d.name)}}} $:=$ \\ ${d.latex}$"
                           for d in doc.definitions)
        body.append("\\subsection*{Definitions}\n\\begin{itemize}\n" + items + "\n\\end{itemize}\n")
    body.append(trust_base(rules_used(report.steps), []))
    for c, chain in enumerate(doc.chains):
        results = [s for s in report.steps if s.chain == c]
        if not results:
            continue
        kind = "sequence of equations" if chain.kind == "sequence" else "chain"
        body.append(rf"\subsection*{{The {kind} ending on line {max(s.line or 0 for s in results)}}}")
        if chain.kind == "sequence":
            body.append(rf"Each equation must follow from the one before it, for positive densities and "
                        rf"$D \in (0, 1)$ (the unknown is ${to_latex(chain.unknown)}$)." "\n"
                        if chain.unknown is not None else "")
        if chain.hypotheses:
            body.append("Under the hypothesis " + ", ".join(f"${h.latex()}$" for h in chain.hypotheses) + ".\n")
        body.append(align_rows(_file_chain_rows(chain, results)))
        body.append("\\begin{description}\n" + "".join(step_notes(r, f"Line {r.line}") for r in results)
                    + "\\end{description}\n")
    return _document(f"Check of {report.file}", report.file, "\n".join(body))


__all__ = ["align_rows", "derivation_document", "file_document", "expression_rows", "step_notes", "tex_text", "trust_base", "width"]
