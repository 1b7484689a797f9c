"""One mistake, one error: a row that follows from the last accepted row is back on track, in chains and in
sequences of equations, and the mistakes are counted once, at their first wrong row."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import ganproof
from ganproof.chain.verdict import Verdict
from ganproof.reader.check import FileReport
from ganproof.reports.editor import editor_lines
from ganproof.schema import file_document, problems

ONE_SLIP_EACH = ("%! density p\n"
                 "\\begin{align*}\n"
                 "\\int p(x) \\, dx &= 2 \\\\\n"   # line 3: wrong (the integral is 1)
                 "&= 1 \\\\\n"                     # line 4: wrong against line 3, right against the start
                 "&= 2 - 1\n"                      # line 5: right
                 "\\end{align*}\n"
                 "\n"
                 "\\begin{align*}\n"
                 "2 D(x) &= 1 \\\\\n"              # line 9: the first equation
                 "D(x) &= 2 \\\\\n"                # line 10: wrong (D = 1/2)
                 "D(x) &= \\frac{1}{2}\n"          # line 11: follows from line 9
                 "\\end{align*}\n")


@lru_cache(maxsize=None)
def checked() -> FileReport:
    return ganproof.check_text(ONE_SLIP_EACH, instances=2)


def test_regression_a_wrong_middle_row_is_one_mistake_not_two():
    report = checked()
    by_line = {s.line: s for s in report.steps}
    assert by_line[4].recovers_from == 3 and not by_line[4].verdict.accepted  # strict verdict kept
    assert [s.line for s in report.mistakes] == [3, 10]
    assert not report.ok


def test_regression_a_sequence_of_equations_gets_back_on_track():
    report = checked()
    by_line = {s.line: s for s in report.steps}
    assert by_line[10].verdict.value == "refuted" and by_line[10].recovers_from is None
    assert by_line[11].recovers_from == 9 and "follow from line 9" in by_line[11].reason


def test_the_summary_names_each_mistake_once_and_the_rows_back_on_track():
    report = checked()
    closing = str(report).splitlines()[-1]
    assert "2 mistakes: lines 3, 10 (lines 4, 11 back on track: they follow from lines 3, 9)" in closing
    obj = report.to_json()
    assert problems(file_document(obj)) == []
    assert [(m["line"], m["verdict"]) for m in obj["mistakes"]] == [(3, "refuted"), (10, "refuted")]
    severities = [x.split(": ")[1].split(":")[0] for x in editor_lines("f.tex", obj)]
    assert severities.count("error") == 2 and severities.count("note") == 2


def test_regression_an_unknown_step_is_not_counted_as_a_mistake():
    # the closing line said "1 mistake: line 7" for a file whose line 7 was unknown (no rule, no refutation)
    report = checked()
    steps = tuple(replace(s, verdict=Verdict.UNKNOWN) if s.line == 10 else s for s in report.steps)
    undecided = replace(report, steps=steps)
    closing = str(undecided).splitlines()[-1]
    assert "; 1 mistake: line 3 (lines 4, 11 back on track: they follow from lines 3, 9)" in closing
    assert "; 1 not decided (unknown): line 10" in closing
    assert "2 mistakes" not in closing
