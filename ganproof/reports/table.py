"""One row per file (or built-in derivation) for an instructor: CSV for a gradebook, JUnit XML for a
course's CI (each derivation a test case), a Markdown table for a page.

Rows are built from the JSON objects the checker prints (:mod:`ganproof.reader.check` and
:meth:`ganproof.chain.verdict.DerivationReport.to_json`), so the three formats say exactly what
``--json`` says.  The order is the order of the files given (a folder's files sorted by path).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree as ET

VERDICTS = ("proved", "confirmed", "refuted", "unknown")


@dataclass(frozen=True)
class Row:
    """What one file (or built-in derivation) gave."""

    name: str
    """The file's path as given, or the derivation's name."""
    ok: bool
    status: str
    """``ok``, ``failed`` (a step not proved or confirmed, or not as expected), ``unreadable`` (an input
    error: nothing judged), ``internal-error`` (a bug in the checker)."""
    steps: int
    counts: tuple[int, int, int, int]
    """Steps proved, confirmed, refuted, unknown."""
    first_wrong: int | None
    """The line (files) or step number (built-ins) of the first step not accepted (not as expected)."""
    first_verdict: str | None
    slip: str | None
    """The first wrong step's slip, when one was named (opposite sign, constant factor, ...)."""
    reason: str | None
    """The first wrong step's reason, or the input error's message."""
    seconds: float | None = None
    failures: tuple[str, ...] = ()
    """Every step not accepted, one line each (``line 10 =: refuted: reason``), for JUnit's detail."""


@dataclass(frozen=True)
class Table:
    """Rows, and whether they are files (keyed by line) or built-in derivations (keyed by step number)."""

    kind: str
    rows: tuple[Row, ...]

    @property
    def name_column(self) -> str:
        return "file" if self.kind == "files" else "derivation"

    @property
    def where_column(self) -> str:
        return "first_wrong_line" if self.kind == "files" else "first_wrong_step"


def _slip_text(step: dict[str, Any]) -> str | None:
    slip = (step["counterexample"] or {}).get("slip")
    return slip["text"] if slip else None


def _row(obj: dict[str, Any], name: str, where_key: str, seconds: float | None) -> Row:
    """The row of a file or derivation object; a step is wrong when it did not get its expected verdict."""
    steps = obj["steps"]
    if "error" in obj:  # nothing could be judged: an input error, or an internal error
        err = obj["error"]
        status = obj["status"]
        where = f"{err['line']}:{err['col']}: " if err.get("line") is not None and err.get("col") is not None else ""
        return Row(name, False, status, 0, (0, 0, 0, 0), err.get("line"), None, None,
                   f"{where}{err.get('message', '')}", seconds)
    counts = tuple(obj["totals"][v] for v in VERDICTS)
    wrong = [s for s in steps if not s["as_expected"]]
    first = wrong[0] if wrong else None
    label = "line" if where_key == "line" else "step"
    failures = tuple(f"{label} {s[where_key]} ({s['relation']}) {s['verdict']}: {s['reason']}" for s in wrong)
    errors = obj.get("errors") or []
    reason = first["reason"] if first else (errors[0]["message"] if errors else None)
    status = obj.get("status") or ("ok" if obj["ok"] else "failed")
    return Row(name, bool(obj.get("ok")), status, len(steps), counts,  # type: ignore[arg-type]
               first[where_key] if first else (errors[0].get("line") if errors else None),
               first["verdict"] if first else ("unread" if errors else None),
               _slip_text(first) if first else None, reason, seconds, failures)


def file_rows(outcomes: Sequence[Any]) -> Table:
    """A row per :class:`~ganproof.reader.batch.FileOutcome`, in their order."""
    return Table("files", tuple(_row(o.json, o.path, "line", o.seconds) for o in outcomes))


def derivation_rows(reports: Sequence[Any]) -> Table:
    """A row per built-in :class:`~ganproof.chain.verdict.DerivationReport` (ok: every step as expected)."""
    return Table("derivations", tuple(_row(r.to_json(), r.name, "index", sum(s.seconds for s in r.steps))
                                      for r in reports))


# ------------------------------------------------------------------------------------------ formats


def columns(table: Table) -> list[str]:
    return [table.name_column, "ok", "status", "steps", *VERDICTS, table.where_column, "first_wrong_verdict",
            "slip", "reason"]


def _cells(row: Row) -> list[str]:
    return [row.name, "true" if row.ok else "false", row.status, str(row.steps), *(str(c) for c in row.counts),
            "" if row.first_wrong is None else str(row.first_wrong), row.first_verdict or "", row.slip or "",
            row.reason or ""]


def render_csv(table: Table) -> str:
    """RFC 4180 CSV with a header row; ok is ``true``/``false``, an absent value an empty cell."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns(table))
    for row in table.rows:
        writer.writerow(_cells(row))
    return buf.getvalue().rstrip("\n")


def _md(cell: str) -> str:
    return cell.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ") or " "


def render_markdown(table: Table) -> str:
    """A GitHub-flavoured Markdown table (pipes in cells escaped), then a line of totals."""
    head = columns(table)
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    for row in table.rows:
        lines.append("| " + " | ".join(_md(c) for c in _cells(row)) + " |")
    ok = sum(r.ok for r in table.rows)
    lines.append("")
    lines.append(f"{ok} of {len(table.rows)} {'files' if table.kind == 'files' else 'derivations'} ok")
    return "\n".join(lines)


def render_junit(table: Table) -> str:
    """JUnit XML: one ``testsuite`` (``ganproof``), one ``testcase`` per file or derivation; a wrong step is a
    ``failure`` (its message: the first wrong step and its slip; its text: every wrong step), an unreadable
    file or an internal error an ``error``."""
    failures = sum(1 for r in table.rows if r.status == "failed")
    errors = sum(1 for r in table.rows if r.status in ("unreadable", "internal-error"))
    total = sum(r.seconds or 0.0 for r in table.rows)
    suites = ET.Element("testsuites", name="ganproof check", tests=str(len(table.rows)), failures=str(failures),
                        errors=str(errors), time=f"{total:.3f}")
    suite = ET.SubElement(suites, "testsuite", name="ganproof", tests=str(len(table.rows)), failures=str(failures),
                          errors=str(errors), skipped="0", time=f"{total:.3f}")
    where = "line" if table.kind == "files" else "step"
    for row in table.rows:
        case = ET.SubElement(suite, "testcase", classname=f"ganproof.{table.kind}", name=row.name,
                             time=f"{row.seconds or 0.0:.3f}")
        if row.status == "failed":
            head = (f"{where} {row.first_wrong} {row.first_verdict}" if row.first_wrong is not None
                    else "not every step as expected")
            message = f"{head}: {row.slip}" if row.slip else head
            failure = ET.SubElement(case, "failure", message=message, type=row.first_verdict or "failed")
            failure.text = "\n".join(row.failures) or (row.reason or "")
        elif row.status in ("unreadable", "internal-error"):
            error = ET.SubElement(case, "error", message=row.reason or row.status, type=row.status)
            error.text = row.reason or ""
        counts = ", ".join(f"{c} {v}" for c, v in zip(row.counts, VERDICTS) if c)
        ET.SubElement(case, "system-out").text = (f"{row.steps} step{'' if row.steps == 1 else 's'}"
                                                  + (f" ({counts})" if counts else ""))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode")


RENDERERS: dict[str, Callable[[Table], str]] = {
    "csv": render_csv,
    "junit": render_junit,
    "markdown": render_markdown,
}
"""``--format`` -> its renderer; a new format is one entry."""


def render_rows(table: Table, fmt: str) -> str:
    return RENDERERS[fmt](table)


__all__ = ["RENDERERS", "Row", "Table", "columns", "derivation_rows", "file_rows", "render_csv", "render_junit",
           "render_markdown", "render_rows"]
