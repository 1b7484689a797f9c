"""The person's own text: every file step carries its row as written, and the checker's reading only where
the reader chose a meaning or repaired the text."""

from __future__ import annotations

import ganproof
from ganproof.reader.written import written
from ganproof.schema import file_document, problems

ROWS = ("%! density p, q\n"
        "\\begin{align*}\n"
        "\\mathbb{E}_{x \\sim p}[\\log q(x)] &= \\int p(x) \\log q(x) \\, dx  % by expectation-to-integral\n"
        "&= \\int_x p(x) \\log q(x) \\tag{linearity} \\\\\n"
        "\\end{align*}\n")


def test_each_step_carries_its_row_as_written_and_the_json_validates():
    report = ganproof.check_text(ROWS, instances=2)
    obj = report.to_json()
    assert problems(file_document(obj)) == []
    sources = [s["source"] for s in obj["steps"]]
    assert sources == ["\\int p(x) \\log q(x) \\, dx", "\\int_x p(x) \\log q(x)"]


def test_the_reading_is_shown_only_where_the_reader_chose_a_meaning():
    report = ganproof.check_text(ROWS, instances=2)
    first, second = report.steps
    assert first.read_as is None  # read as written
    assert any(w["line"] == second.line and "dx" in w["message"] for w in report.warnings)
    assert second.read_as is not None and "dx" in second.read_as  # the missing dx the reader supplied


def test_the_terminal_prints_the_persons_row():
    text = str(ganproof.check_text(ROWS, instances=2))
    assert "row: \\int p(x) \\log q(x) \\, dx" in text
    assert text.count("read as: ") == 1


def test_written_takes_off_comments_tags_alignment_and_the_row_break():
    assert written("&= -\\log 4 + 2\\,JSD(p \\| q) \\tag{x} % note\n \\\\") == "= -\\log 4 + 2\\,JSD(p \\| q)"
    assert written("a \\% b \\& c \\\\[2pt]") == "a \\% b \\& c"
