"""Checked corrections of a wrong row: small edits of the person's own text under which the step holds.

For a step that is a mistake (refuted, and not back on track), the self-test's slips
(:mod:`ganproof.reader.edits`) are applied to the right-hand side as written, one at a time, smallest
first.  Each edited row is read by the file's own reader (the same grammar, never evaluated) and judged
by the same checker against the row the step should follow from (the row before, or, when that row was
itself wrong, the last accepted row).  Only an edit under which the step comes out proved or confirmed is
a suggestion: a suggestion is only as good as the checker that accepts it.

A cheap screen comes first: both sides on one instance at low precision; an edit whose sides clearly differ
there is dropped (a screen can only drop a candidate, never accept one).  The search stops after
:data:`MAX_SUGGESTIONS` and within a time budget of the step's own check time (so that suggestions at most
double a file's time), at least :data:`MIN_SECONDS` for the first suggestion (a second one only within the step's
own time); both counted in CPU time, so that a loaded machine finds
the same suggestions.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from typing import Any

import mpmath as mp
import sympy as sp

from ganproof.chain.verdict import Suggestion, Verdict
from ganproof.errors import GanproofError
from ganproof.numeric import limits
from ganproof.reader.written import written
from ganproof.reader.edits import Edit, density_spellings, edits
from ganproof.vocabulary import Context

MAX_SUGGESTIONS = 2
MIN_SECONDS = 3.0
WALL_FACTOR = 4.0
"""The search's budget is CPU time of this process (a loaded machine does not cut it); wall time is capped at this
many times the budget, for work done in forked workers that the process's CPU time does not count."""
SCREEN_DIGITS = (15, 20)
_COMMENT = re.compile(r"(?<!\\)%[^\n]*|\\(?:tag\*?|label)\s*\{[^{}]*\}")

Judge = Callable[[sp.Expr, Any], tuple[Verdict, str]]
"""(lhs, edited side) -> the checker's verdict on the step with that right-hand side."""


def blank(text: str) -> str:
    """``text`` with comments, tags and labels blanked by spaces (positions kept)."""
    return _COMMENT.sub(lambda m: " " * len(m.group(0)), text)


def spellings(doc: Any, ctx: Context) -> tuple[str, ...]:
    """The file's densities as written, one spelling per density, noise densities left out."""
    noise = {pf.noise.name for pf in ctx.pushforwards}
    names = {d.name for d in ctx.densities} - noise
    out: dict[str, str] = {}
    for s in density_spellings(doc.source.text):
        name = re.sub(r"[{}]|\\(?:mathrm|text|rm)", "", s)
        if name in names and name not in out:
            out[name] = s
    return tuple(out.values())


def bare_densities(doc: Any, ctx: Context, written: Sequence[str]) -> tuple[str, ...]:
    """The file's densities that it never writes with an argument (``q`` in ``\\frac{p}{q}``), as their LaTeX
    name, when the file's text holds that name: they are written bare, and a missing one is put in bare."""
    noise = {pf.noise.name for pf in ctx.pushforwards}
    seen = {re.sub(r"[{}]|\\(?:mathrm|text|rm)", "", w) for w in written}
    out = []
    for d in ctx.densities:
        if d.name in noise or d.name in seen:
            continue
        if re.search(r"(?<![A-Za-z\\])" + re.escape(d.latex) + r"(?![A-Za-z0-9_])", doc.source.text):
            out.append(d.latex)
    return tuple(out)


def sample_tags_of(ctx: Context) -> tuple[str, ...]:
    """The superscripts that name the file's densities for samples (``x_i^{(r)}`` is drawn from ``p_r``, as
    the reader reads it), noise densities left out."""
    noise = {pf.noise.name for pf in ctx.pushforwards}
    return tuple(d.name[2:] for d in ctx.densities
                 if d.name.startswith("p_") and d.name[2:].isalpha() and d.name not in noise)


def screen_differs(numeric: Any, ctx: Context, lhs: sp.Expr, rhs: sp.Expr, relation: str) -> bool:
    """True when both sides have values on the first instance and they clearly break ``relation`` there."""
    insts = numeric.instances(ctx, [lhs, rhs], 1)
    if not insts:
        return False
    ev = numeric.evaluator(ctx)
    lv, rv = ev.evaluation(lhs, insts[0], *SCREEN_DIGITS), ev.evaluation(rhs, insts[0], *SCREEN_DIGITS)
    if not (lv.ok and rv.ok) or lv.value is None or rv.value is None:
        return False
    gap = lv.value - rv.value
    tol = mp.mpf(10) ** -8 * (1 + abs(lv.value) + abs(rv.value))
    if relation == "=":
        return bool(abs(gap) > tol)
    if relation in ("<=", "<"):
        return bool(gap > tol)
    if relation in (">=", ">"):
        return bool(-gap > tol)
    return False


class _NoScreen(Exception):
    """The screen does not apply (an equation of a sequence)."""


def search(doc: Any, ctx: Context, numeric: Any, lhs: sp.Expr, prefixes: tuple[str, ...], relation: str,
           raw: str, start: int, judge: Judge, seconds: float, sides: Callable[[Any], Any],
           against: int | None, before: bool = False, screen: bool = True,
           below: int | None = None) -> tuple[Suggestion, ...]:
    """The checked corrections of the text ``raw`` (at file offset ``start``), smallest first.

    ``sides`` picks the edited side out of what the reader read (a chain's right-hand side, or a sequence's
    equation), ``judge`` gives the checker's verdict of the step with it.  ``before``: the edited text is the
    step's left-hand side (the row before, a chain's first row) and ``lhs`` the right-hand side it must reach.
    ``screen``: whether the cheap screen applies (not for an equation of a sequence, which holds at its solution
    only: ``lhs`` is then unused).  ``below``: only edits smaller than this are tried (another search already
    found its fill of suggestions of at most this size)."""
    allowed = max(MIN_SECONDS, seconds)
    started = time.process_time()
    deadline, wall_deadline = time.process_time() + allowed, time.perf_counter() + WALL_FACTOR * allowed
    text = blank(raw)
    found: list[Suggestion] = []
    written_densities = spellings(doc, ctx)
    for edit in edits(text, written_densities, sample_tags_of(ctx), bare_densities(doc, ctx, written_densities)):
        if len(found) >= MAX_SUGGESTIONS or time.process_time() > deadline or time.perf_counter() > wall_deadline:
            break
        if below is not None and edit.size >= below:
            break  # the edits come smallest first: none after this one is smaller
        if found:
            deadline = min(deadline, started + seconds)  # a second suggestion only within the step's own time
            if time.process_time() > deadline:
                break
        latex = written(edit.apply(text))
        try:
            side = sides(doc.read_row(latex, start))
        except (GanproofError, RecursionError, ValueError, TypeError):
            continue  # the edit made a row that cannot be read: no candidate
        if side is None or side.prefixes != prefixes:
            continue
        try:
            if not screen:
                raise _NoScreen
            with limits.budget(max(0.5, min(deadline - time.process_time(), wall_deadline - time.perf_counter()))):
                pair = (side.expr, lhs) if before else (lhs, side.expr)
                if screen_differs(numeric, ctx, *pair, relation):
                    continue
        except _NoScreen:
            pass
        except Exception:  # noqa: BLE001 - a screen that fails drops nothing and accepts nothing
            pass
        # each candidate's check (its symbolic search and numbers) runs within what the search has left: a slow
        # candidate times out (unknown, so no suggestion) instead of spending many times the step's own time
        try:
            with limits.budget(max(0.5, min(deadline - time.process_time(), wall_deadline - time.perf_counter()))):
                verdict, _ = judge(lhs, side)
        except limits.TimedOut:
            continue
        if verdict.accepted:
            found.append(_suggestion(doc, edit, latex, start, verdict, against, before))
    return tuple(found)


def _suggestion(doc: Any, edit: Edit, latex: str, start: int, verdict: Verdict, against: int | None,
                before: bool = False) -> Suggestion:
    line, col = doc.source.line_col(start + edit.start)
    said = f"in the first row of the chain (line {line}), {edit.description}" if before else edit.description
    return Suggestion(latex=latex, edit=said, operator=edit.operator, line=line, col=col,
                      verdict=verdict.value, against=against, row="before" if before else "this", size=edit.size)


def smallest_first(*found: Sequence[Suggestion]) -> tuple[Suggestion, ...]:
    """The suggestions of several searches (this row's, the row before's) as one list, smallest edit first (the
    first search's first on a tie), at most :data:`MAX_SUGGESTIONS`."""
    merged = [g for group in found for g in group]
    order = sorted(range(len(merged)), key=lambda k: (merged[k].size, k))
    return tuple(merged[k] for k in order)[:MAX_SUGGESTIONS]


def describe(suggestions: Sequence[Suggestion], line: int | None) -> str:
    """``line 36 holds if `JSD` is `2\\,JSD` (col 40)``, or that no small correction was found."""
    if not suggestions:
        return ("no small correction of this row (sign, factor, log 2/log 4, density, term, divergence, sample law, "
                "missing density, lost power, argument, bracket) holds")
    s = suggestions[0]
    return f"line {line} holds if {s.edit} (col {s.col}): {s.latex}"


__all__ = ["MAX_SUGGESTIONS", "bare_densities", "describe", "sample_tags_of", "search", "screen_differs",
           "smallest_first", "spellings"]
