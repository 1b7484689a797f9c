"""What a proof report says, apart from how it is set: one model, two renderers (LaTeX and HTML).

A report is built once from checked derivations (:func:`builtin_report`) or a checked file
(:func:`file_report`) and rendered by :mod:`ganproof.reports.latex` (a standalone document for
pdflatex) and :mod:`ganproof.reports.html` (a standalone page).  Both show the same content in the
same order: the summary of verdicts first, then the assumptions and the trust base once, then each
derivation's or file's chains, every step's verdict and its evidence.

Mathematics in the model is LaTeX that the project wrote: the vocabulary's printer applied to the
checked SymPy expressions, the rules' and derivations' own LaTeX statements
(:data:`ganproof.rules.statements.STATEMENTS_LATEX`, :mod:`ganproof.library.catalog`), and the
concrete instances' descriptions through a whitelist (:func:`description_math`).  A name as a person
wrote it is set as mathematics only when it passes :func:`written_math`'s whitelist, else as text.
Prose is plain text; each renderer escapes it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import sympy as sp

from ganproof.chain.steps import Derivation
from ganproof.chain.verdict import Counterexample, DerivationReport, StepResult, Verdict, rules_used
from ganproof.reader.check import FileReport
from ganproof.reader.document import Document, FileChain

Draw = Callable[[Counterexample, str], "tuple[str, str] | None"]
"""Draws a counterexample's figure for a step label (``Line 36``): its (PNG file, caption), or None."""

Kind = Literal["text", "math"]
Inline = tuple[tuple[Kind, str], ...]
"""A run of prose: pieces of plain text and of LaTeX mathematics (set inline)."""

RELATION = {"=": "=", "<=": r"\le", ">=": r"\ge", "<": "<", ">": ">", r"\Rightarrow": r"\Rightarrow"}


def text(s: str) -> Inline:
    """Plain text (escaped by the renderer)."""
    return (("text", s),) if s else ()


def math(s: str) -> Inline:
    """One piece of inline mathematics (LaTeX the project wrote)."""
    return (("math", s),)


def prose(latex_text: str) -> Inline:
    r"""The project's own LaTeX text, its mathematics between dollars, as text and math pieces.

    Outside the dollars only a few text commands are known (``\texttt{..}``, ``i.e.\ ``, ``et al.\ ``);
    they are turned into plain text.

    >>> prose(r"Gibbs: $\operatorname{KL} \ge 0$ (in \texttt{gibbs})")
    (('text', 'Gibbs: '), ('math', '\\operatorname{KL} \\ge 0'), ('text', ' (in gibbs)'))
    """
    out: list[tuple[Kind, str]] = []
    for i, piece in enumerate(latex_text.split("$")):
        if not piece:
            continue
        if i % 2:
            out.append(("math", piece))
        else:
            plain = re.sub(r"\\texttt\{([^{}]*)\}", r"\1", piece).replace(r".\ ", ". ")
            out.append(("text", plain))
    return tuple(out)


# ---------------------------------------------------------------------- whitelists for mathematics from elsewhere

_DESCRIPTION = re.compile(r"[A-Za-z0-9_ ().,+\-*/^=<>\[\]{}|:;]*")
_FUNCTIONS = {"sigmoid": r"\sigma", "tanh": r"\tanh", "exp": r"\exp", "log": r"\log", "sqrt": r"\sqrt",
              "sin": r"\sin", "cos": r"\cos", "Beta": r"\mathrm{Beta}", "Exp": r"\mathrm{Exp}",
              "Gamma": r"\mathrm{Gamma}", "Laplace": r"\mathrm{Laplace}", "Logistic": r"\mathrm{Logistic}",
              "Uniform": r"\mathrm{U}", "mix": r"\mathrm{mix}"}


def description_math(description: str) -> Inline:
    r"""A concrete instance's description (our families' own text, e.g. ``N(0.3, 1.2^2)``,
    ``D(x) = sigmoid(1.2 x - 0.5)``) as mathematics, when it is made of the characters and words a
    description uses; otherwise as text.

    >>> description_math("N(0.3, 1.2^2)")
    (('math', 'N(0.3, 1.2^{2})'),)
    >>> description_math("t_6(0, 1^2) \\input")
    (('text', 't_6(0, 1^2) \\input'),)
    """
    if not _DESCRIPTION.fullmatch(description) or "\\" in description:
        return text(description)
    s = re.sub(r"\^(\d+(?:\.\d+)?)", r"^{\1}", description)
    s = re.sub(r"\b([A-Za-z]{2,})\b", lambda m: _FUNCTIONS.get(m.group(1), rf"\mathrm{{{m.group(1)}}}"), s)
    s = s.replace("*", r" \cdot ").replace("{", "{").replace("|", r"\mid ")
    return math(s)


_WRITTEN = re.compile(r"(?:[A-Za-z0-9_^{}()\[\],.*'+\-/| ]|\\(?:mathrm|mathcal|mathbb|text|tilde|hat|bar|star|ast|"
                      r"theta|phi|psi|mu|nu|sigma|alpha|beta|gamma|lambda|pi|omega|tau|rho|eta|epsilon|"
                      r"varepsilon|\||mid|,|;|operatorname|mathbf|boldsymbol|prime)(?![A-Za-z]))*")


def written_math(written: str) -> Inline:
    r"""A name as a person wrote it (``D^*_G(x)``, ``\mathcal{L}(G, D)``) as mathematics when it holds only
    letters, scripts, brackets and a whitelist of font and Greek-letter commands with balanced braces;
    otherwise as text, so that no command of a file reaches TeX.

    >>> written_math(r"D^*_G(x)")
    (('math', 'D^*_G(x)'),)
    >>> written_math(r"V\input{x}")
    (('text', 'V\\input{x}'),)
    """
    if _WRITTEN.fullmatch(written) and _balanced(written):
        return math(written)
    return text(written)


def _balanced(s: str) -> bool:
    depth = 0
    for c in s:
        depth += {"{": 1, "}": -1}.get(c, 0)
        if depth < 0:
            return False
    return depth == 0


# ---------------------------------------------------------------------- the model

@dataclass(frozen=True)
class Tally:
    """One line of the summary: a derivation's (or a file's) steps by verdict."""

    label: Inline
    name: str
    counts: tuple[tuple[Verdict, int], ...]
    ok: bool
    first_wrong: str | None = None
    """Where the first step without its expected verdict is (a label such as ``line 35``)."""

    @property
    def steps(self) -> int:
        return sum(n for _, n in self.counts)


@dataclass(frozen=True)
class RowView:
    """One displayed row: a relation (or none, for the start of a chain), the expression as one or more
    pieces of LaTeX (a long row broken at its terms), and the step it ends, if any."""

    relation: str | None
    parts: tuple[str, ...]
    verdict: Verdict | None = None
    label: str = ""


@dataclass(frozen=True)
class CounterexampleView:
    """The concrete objects on which a step fails, both sides' values and the slip."""

    objects: tuple[tuple[Inline, Inline], ...]
    lhs: str
    rhs: str
    slip: str | None
    figure: tuple[str, str] | None = None
    """(PNG file, caption): where the sides differ on this instance (:func:`ganproof.reports.plots.counterexample_plot`)."""


@dataclass(frozen=True)
class StepNote:
    """A step's verdict and its evidence, in words."""

    label: str
    verdict: Verdict
    rule: str | None
    digits: int | None
    expected_refuted: bool
    reason: str
    equality: tuple[str, ...]
    counterexample: CounterexampleView | None
    recovers_from: int | None
    source: str | None = None
    """The row's right-hand side as the person wrote it (a file's step), shown as text, never typeset."""
    suggestions: tuple[tuple[str, str, int, str], ...] = ()
    """Checked corrections: (the corrected row in the person's LaTeX, the edit in words, column, verdict)."""


@dataclass(frozen=True)
class ChainView:
    title: Inline
    preface: Inline
    rows: tuple[RowView, ...]
    notes: tuple[StepNote, ...]


@dataclass(frozen=True)
class SectionView:
    """One derivation (or the file's chains)."""

    title: Inline
    name: str
    tally: Tally
    summary: Inline
    chains: tuple[ChainView, ...]
    figures: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Report:
    """Everything a report shows, in the order it shows it."""

    title: Inline
    plain_title: str
    subject: str
    source: str
    tallies: tuple[Tally, ...]
    ok: bool
    verdict_line: str
    assumptions: tuple[str, ...]
    rules: tuple[tuple[str, Inline], ...]
    lemmas: tuple[tuple[str, str, str], ...]
    sections: tuple[SectionView, ...]
    warnings: tuple[tuple[int | None, str], ...] = ()
    errors: tuple[tuple[int | None, int | None, str], ...] = ()
    definitions: tuple[tuple[int, Inline, str], ...] = ()

    @property
    def assumed_lemmas(self) -> int:
        return sum(1 for _, _, status in self.lemmas if status.startswith("assumed"))


# ---------------------------------------------------------------------- building it

def plural(n: int, word: str) -> str:
    """``1 step``, ``2 steps``."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def count_line(steps: Sequence[StepResult]) -> str:
    """``4 steps: 3 proved, 1 refuted.``"""
    counts = {v: sum(1 for s in steps if s.verdict is v) for v in Verdict}
    parts = ", ".join(f"{counts[v]} {v.value}" for v in Verdict if counts[v])
    return f"{plural(len(steps), 'step')}: {parts}." if steps else "no steps."


def tally(label: Inline, name: str, steps: Sequence[StepResult], where: str = "step") -> Tally:
    wrong = next((s for s in steps if not s.ok), None)
    first = None
    if wrong is not None:
        first = f"line {wrong.line}" if where == "line" and wrong.line is not None else f"step {wrong.index}"
    return Tally(label, name, tuple((v, sum(1 for s in steps if s.verdict is v)) for v in Verdict),
                 all(s.ok for s in steps), first)


def counterexample_view(cex: Counterexample, label: str = "", draw: Draw | None = None) -> CounterexampleView:
    from ganproof.vocabulary.names import latex_name

    if cex.objects:
        objects = tuple((math(latex_name(str(o["name"]))), description_math(str(o["description"])))
                        for o in cex.objects)
    else:
        objects = tuple((text(k), description_math(v)) for k, v in cex.instance.items())
    return CounterexampleView(objects, cex.lhs, cex.rhs, cex.slip, draw(cex, label) if draw is not None else None)


def step_note(step: StepResult, label: str, draw: Draw | None = None) -> StepNote:
    equality = tuple(step.equality_condition.split(" and ")) if step.equality_condition else ()
    cex = step.counterexample
    return StepNote(label, step.verdict, step.rule, step.digits, step.expected == "refuted", step.reason, equality,
                    counterexample_view(cex, label, draw) if cex is not None else None,
                    step.recovers_from, step.source,
                    tuple((g.latex, g.edit, g.col, g.verdict) for g in step.suggestions or ()))


def row(relation: str | None, expr: sp.Expr, step: StepResult | None = None, label: str = "") -> RowView:
    from ganproof.reports.breaking import expression_rows

    rel = RELATION.get(relation or "", relation) if relation else None
    return RowView(rel, tuple(expression_rows(expr)), step.verdict if step is not None else None,
                   label or (str(step.index) if step is not None else ""))


def _rules(steps: Sequence[StepResult]) -> tuple[tuple[str, Inline], ...]:
    from ganproof.rules.statements import STATEMENTS_LATEX

    return tuple((name, prose(STATEMENTS_LATEX[name]) if name in STATEMENTS_LATEX
                  else text("(not a rule of this checker)")) for name in rules_used(steps))


def builtin_report(checked: Sequence[tuple[Derivation, DerivationReport]], title: str | None = None,
                   figures: Mapping[str, Sequence[tuple[str, str]]] | None = None,
                   draw: Draw | None = None) -> Report:
    """The report of one or more checked built-in derivations (``figures``: a derivation's name to its
    (PNG file, caption) pairs; ``draw``: the figure of each counterexample, none when not given)."""
    from ganproof.library.catalog import BY_NAME

    if not checked:
        raise ValueError("a report needs at least one derivation")
    sections = []
    tallies = []
    assumptions: list[str] = []
    lemmas: dict[str, tuple[str, str, str]] = {}
    for derivation, report in checked:
        entry = BY_NAME.get(derivation.name)
        heading = prose(entry.title_latex) if entry is not None and entry.title_latex else text(report.title)
        summary = prose(entry.summary_latex) if entry is not None and entry.summary_latex else text(derivation.summary)
        t = tally(heading, report.name, report.steps)
        tallies.append(t)
        assumptions.extend(a for a in report.assumptions if a not in assumptions)
        for lm in report.lemmas:
            lemmas.setdefault(lm["name"], (lm["name"], lm["statement"], lm["status"]))
        steps = iter(report.steps)
        chains = []
        for c, chain in enumerate(derivation.chains):
            rows = [row(None, chain.start)]
            notes = []
            for step in chain.steps:
                result = next(steps)
                rows.append(row(step.relation, step.rhs, result))
                notes.append(step_note(result, f"Step {result.index}", draw))
            preface = (text("Under the hypothesis ") + _joined([h.latex() for h in chain.hypotheses]) + text(".")
                       if chain.hypotheses else ())
            chains.append(ChainView(chain_title(chain.title) if chain.title else text(f"Chain {c + 1}"), preface,
                                    tuple(rows), tuple(notes)))
        sections.append(SectionView(heading, report.name, t, summary, tuple(chains),
                                    tuple((figures or {}).get(derivation.name, ()))))
    all_steps = [s for _, r in checked for s in r.steps]
    ok = all(r.ok for _, r in checked)
    doc_title = title or (checked[0][1].title if len(checked) == 1 else "ganproof proof report")
    title_inline = sections[0].title if title is None and len(checked) == 1 else text(doc_title)
    names = ", ".join(d.name for d, _ in checked)
    return Report(title_inline, doc_title, "Proof report of the built-in derivations " + names,
                  f"built-in derivations: {names}", tuple(tallies), ok,
                  count_line(all_steps) + (" Every step has its expected verdict." if ok
                                           else " Some steps do not have their expected verdict."),
                  tuple(assumptions), _rules(all_steps), tuple(lemmas.values()), tuple(sections))


def chain_title(title: str) -> Inline:
    """A built-in chain's title, as mathematics where the catalog gives its LaTeX."""
    from ganproof.library.catalog import CHAIN_TITLES_LATEX

    return prose(CHAIN_TITLES_LATEX[title]) if title in CHAIN_TITLES_LATEX else text(title)


def _joined(latex: Sequence[str]) -> Inline:
    out: list[tuple[Kind, str]] = []
    for i, item in enumerate(latex):
        if i:
            out.append(("text", ", "))
        out.append(("math", item))
    return tuple(out)


def _file_chain_rows(chain: FileChain, results: Sequence[StepResult]) -> list[RowView]:
    if chain.kind == "sequence":
        first = chain.equations[0]
        rows = [row(None, sp.Eq(first.lhs, first.rhs, evaluate=False))]
        for eq, result in zip(chain.equations[1:], results):
            rows.append(row(r"\Rightarrow", sp.Eq(eq.lhs, eq.rhs, evaluate=False), result, f"line {eq.line}"))
        return rows
    rows = []
    previous: int | None = None
    for step, result in zip(chain.steps, results):
        if step.source != previous:
            rows.append(row(None, chain.points[step.source].side.expr))
        rows.append(row(step.relation, chain.points[step.target].side.expr, result, f"line {step.line}"))
        previous = step.target
    return rows


def file_report(doc: Document, report: FileReport, draw: Draw | None = None) -> Report:
    """The report of a checked derivation file: its own chains, annotated, with what was read (``draw``: the
    figure of each counterexample, none when not given)."""
    from pathlib import PurePath

    name = PurePath(report.file).name or report.file
    t = tally(text(name), name, report.steps, where="line")
    chains = []
    for c, chain in enumerate(doc.chains):
        results = [s for s in report.steps if s.chain == c]
        if not results:
            continue
        kind = "sequence of equations" if chain.kind == "sequence" else "chain"
        title = text(f"The {kind} ending on line {max(s.line or 0 for s in results)}")
        preface: Inline = ()
        if chain.kind == "sequence" and chain.unknown is not None:
            from ganproof.vocabulary.printing import to_latex

            preface = (text("Each equation must follow from the one before it, for positive densities and ")
                       + math(r"D \in (0, 1)") + text(" (the unknown is ") + math(to_latex(chain.unknown))
                       + text(")."))
        if chain.hypotheses:
            preface += text(" Under the hypothesis ") + _joined([h.latex() for h in chain.hypotheses]) + text(".")
        notes = tuple(step_note(r, f"Line {r.line}", draw) for r in results)
        chains.append(ChainView(title, preface, tuple(_file_chain_rows(chain, results)), notes))
    verdict = count_line(report.steps) + (" Every step is proved or confirmed." if report.ok
                                          else " Not every step is proved or confirmed.")
    section = SectionView(text(name), name, t, (), tuple(chains))
    return Report(text(f"Check of {name}"), f"Check of {name}", "ganproof check of a derivation file", report.file,
                  (t,), report.ok, verdict, tuple(doc.context.assumptions_latex()), _rules(report.steps), (),
                  (section,),
                  warnings=tuple((w.get("line"), str(w["message"])) for w in report.warnings),
                  errors=tuple((e.get("line"), e.get("col"), str(e["message"])) for e in report.errors),
                  definitions=tuple((d.line, written_math(d.name), d.latex) for d in doc.definitions))


__all__ = ["ChainView", "CounterexampleView", "Draw", "Inline", "Report", "RowView", "SectionView", "StepNote", "Tally",
           "builtin_report", "count_line", "description_math", "file_report", "math", "plural", "prose", "text",
           "written_math"]
