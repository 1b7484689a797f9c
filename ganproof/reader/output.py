"""Human text and JSON for a checked file, and the located error message (DIALECT section 4).

Renderers read a frozen :class:`~ganproof.reader.check.FileReport` (or an
InputError) and never recompute anything.
"""

from __future__ import annotations

from ganproof.chain.verdict import StepResult, Verdict
from ganproof.errors import InputError
from ganproof.reader.check import FileReport
from ganproof.reader.check import render_error as _render_one
from ganproof.style import PLAIN, Style

MARK = {Verdict.PROVED: "proved", Verdict.CONFIRMED: "confirmed", Verdict.REFUTED: "REFUTED",
        Verdict.UNKNOWN: "unknown"}


def render_step(s: StepResult, style: Style = PLAIN, report: FileReport | None = None) -> str:
    rule = s.rule or "-"
    if len(rule) > 44:
        rule = rule[:41] + "..."
    digits = f"{s.digits:>3d} digits" if s.digits is not None else "   -      "
    mark = style.paint(f"{MARK[s.verdict]:<9}", s.verdict.value)
    where = report.cell_line(s.line) if report is not None else None
    at = f"line {s.line:>4}" if where is None else f"cell {where[0]} line {where[1]:>3}"
    lines = [f"  {at} {s.relation:<2} {mark} {rule:<44} {digits} {s.seconds:6.2f}s"]
    if s.source:
        lines.append(f"       row: {s.source}")
    if s.read_as:
        lines.append(f"       read as: {s.read_as}")
    lines.append(f"       reason: {s.reason}")
    if s.equality_condition:
        lines.append(f"       equality iff {s.equality_text or s.equality_condition}")
    if s.counterexample is not None:
        cex = s.counterexample
        lines.append("       counterexample: " + "; ".join(f"{k} = {v}" for k, v in cex.instance.items()))
        lines.append(f"       left side  = {cex.lhs}")
        lines.append(f"       right side = {cex.rhs}")
        if cex.slip:
            lines.append(f"       slip: {cex.slip}")
    for g in s.suggestions or ():
        against = f", against line {g.against}" if g.against is not None else ""
        lines.append(f"       correction ({g.verdict}{against}): line {s.line} holds if {g.edit} (col {g.col}): {g.latex}")
    if s.recovers_from is not None:
        lines.append(f"       back on track: line {s.line} follows from line {s.recovers_from}, the last accepted "
                     "row (the mistake is counted once, at the first wrong row)")
    return "\n".join(lines)


def render_report(report: FileReport, seconds: float | None = None, style: Style = PLAIN) -> str:
    """The file's steps, what it defines and assumes, its warnings and a closing line (``ok`` or ``FAILED``)."""
    counts = {v: sum(1 for s in report.steps if s.verdict is v) for v in Verdict}
    parts = ", ".join(f"{counts[v]} {v.value}" for v in Verdict if counts[v])
    out = [paint_error(t, style) for t in report.error_texts]
    out.append(f"{report.file}: {len(report.steps)} step{'s' if len(report.steps) != 1 else ''} ({parts})"
               + (f"; {len(report.errors)} row{'s' if len(report.errors) != 1 else ''} or block"
                  f"{'s' if len(report.errors) != 1 else ''} could not be read" if report.errors else ""))
    out.extend(render_step(s, style, report) for s in report.steps)
    if report.definitions:
        out.append("definitions:")
        out.extend(f"  {report.at(d['line'])}: {d['name']} := {d['value']}" for d in report.definitions)
    if report.assumptions:
        out.append("assumptions:")
        out.extend(f"  {report.at(a['line'])}: {a['message']}" if a["line"] else f"  {a['message']}"
                   for a in report.assumptions)
    if report.warnings:
        out.append("warnings:")
        out.extend(f"  {report.at(w['line'])}: {style.paint('warning', 'warning')}: {w['message']}"
                   if style.colour else f"  {report.at(w['line'])}: {w['message']}" for w in report.warnings)
    good = sum(1 for s in report.steps if s.verdict.accepted)
    tail = f"; {seconds:.1f}s" if seconds is not None else ""
    tail = mistakes_text(report) + tail
    unread = f", {len(report.errors)} input error{'s' if len(report.errors) != 1 else ''}" if report.errors else ""
    verdict = style.paint("ok", "ok") if report.ok else style.paint("FAILED", "failed")
    out.append(f"{verdict}: {good}/{len(report.steps)} steps proved or confirmed{unread}{tail}")
    return "\n".join(out)


def mistakes_text(report: FileReport, limit: int | None = None) -> str:
    """``; 4 mistakes: lines 33, 34, 36, 48 (lines 35, 49 back on track: they follow from lines 32, 47)``:
    each mistake counted once, at its first wrong row; the first rows neither proved nor refuted are
    counted apart (``; 1 not decided (unknown): line 7``), since an unknown step is no mistake found;
    empty when every step is accepted.  ``limit`` lists at most that many lines of each kind."""
    first = report.mistakes
    if not first:
        return ""

    def lines(steps: list[StepResult]) -> str:
        shown = steps if limit is None else steps[:limit]
        more = ", ..." if len(shown) < len(steps) else ""
        if any(report.cell_line(s.line) is not None for s in shown):
            # a notebook: each place as its cell and the line in it, as the steps above show them
            return ", ".join(report.at(s.line) for s in shown) + more
        return f"line{'s' if len(steps) != 1 else ''} {', '.join(str(s.line) for s in shown)}{more}"

    out = ""
    wrong = [s for s in first if s.verdict is Verdict.REFUTED]
    if wrong:
        out = f"; {len(wrong)} mistake{'s' if len(wrong) != 1 else ''}: {lines(wrong)}"
        back = report.back_on_track
        if back:
            many = len(back) != 1
            out += (f" ({lines(list(back))} back on track: {'they follow' if many else 'it follows'} from "
                    f"line{'s' if many else ''} {', '.join(str(s.recovers_from) for s in back)})")
    undecided = [s for s in first if s.verdict is not Verdict.REFUTED]
    if undecided:
        out += f"; {len(undecided)} not decided (unknown): {lines(undecided)}"
    return out


def render_error(err: InputError, style: Style = PLAIN) -> str:
    """Every error of ``err`` (one, or all of a file where nothing could be judged), each as
    ``FILE:LINE:COL: error: MESSAGE``, the source line and a caret under the column."""
    return "\n".join(paint_error(_render_one(e), style) for e in getattr(err, "errors", (err,)))


def paint_error(text: str, style: Style) -> str:
    """``text`` (a rendered error) with its first ``error:`` in the error colour."""
    if not style.colour:
        return text
    head, sep, rest = text.partition("error: ")
    return f"{head}{style.paint('error:', 'error')} {rest}" if sep else text
