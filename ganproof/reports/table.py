"""One row per file (or built-in derivation) for an instructor: CSV for a gradebook, JUnit XML for a
course's CI (each derivation a test case), a Markdown table for a page; with ``-v``, one row (one test
case) per step instead.

Rows are built from the JSON objects the checker prints (:mod:`ganproof.schema`), so the three formats
say exactly what ``--json`` says.  The order is the order of the files given (a folder's files sorted by
path), and within a file the order of its steps.
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
class Record:
    """One row of a table, which is also one JUnit test case."""

    cells: tuple[str, ...]
    """In the order of the table's columns; an absent value is an empty cell."""
    ok: bool
    case: str
    """The test case's name (the file, the derivation, or ``FILE line N``)."""
    group: str
    """The test case's class name."""
    seconds: float
    outcome: str
    """``ok``, ``failure`` (a wrong step) or ``error`` (nothing could be judged, or a bug)."""
    kind: str = ""
    """The failure's or error's type: the verdict, ``unreadable`` or ``internal-error``."""
    message: str = ""
    detail: str = ""
    summary: str = ""
    """What the test case prints (JUnit ``system-out``)."""


@dataclass(frozen=True)
class Table:
    """Records under named columns; ``what`` they are (``files``, ``derivations`` or ``steps``)."""

    what: str
    columns: tuple[str, ...]
    records: tuple[Record, ...]


def _slip(step: dict[str, Any]) -> dict[str, str] | None:
    slip: dict[str, str] | None = (step["counterexample"] or {}).get("slip")
    return slip


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# ------------------------------------------------------------------------------------------ one per file


def _record(obj: dict[str, Any], name: str, where_key: str, group: str) -> Record:
    """The row of a file or derivation object; a step is wrong when it did not get its expected verdict."""
    where = "line" if where_key == "line" else "step"
    seconds = sum(s["seconds"] for s in obj["steps"])
    counts = [obj["totals"][v] for v in VERDICTS]
    summary = _plural(obj["totals"]["steps"], "step") + (
        f" ({', '.join(f'{c} {v}' for c, v in zip(counts, VERDICTS) if c)})" if any(counts) else "")
    if "error" in obj:  # nothing could be judged: an input error, or an internal error
        err = obj["error"]
        at = f"{err['line']}:{err['col']}: " if err.get("line") is not None and err.get("col") is not None else ""
        reason = f"{at}{err['message']}"
        cells: tuple[str, ...] = (name, "false", obj["status"], "0", "0", "0", "0", "0", _text(err.get("line")), "", "",
                                  reason)
        return Record(cells, False, name, group, seconds, "error", obj["status"], reason, reason, summary)
    wrong = [s for s in obj["steps"] if not s["as_expected"]]
    errors = obj.get("errors") or []
    first = wrong[0] if wrong else None
    slip = _slip(first) if first else None
    where_value = first[where_key] if first else (errors[0]["line"] if errors else None)
    verdict = first["verdict"] if first else ("unread" if errors else None)
    why: str | None = first["reason"] if first else (errors[0]["message"] if errors else None)
    status = obj.get("status") or ("ok" if obj["ok"] else "failed")
    cells = (name, _text(obj["ok"]), status, str(obj["totals"]["steps"]), *map(str, counts), _text(where_value),
             _text(verdict), slip["text"] if slip else "", _text(why))
    if obj["ok"]:
        return Record(cells, True, name, group, seconds, "ok", summary=summary)
    head = f"{where} {where_value} {verdict}" if where_value is not None else "not every step as expected"
    detail = "\n".join(f"{where} {s[where_key]} ({s['relation']}) {s['verdict']}: {s['reason']}" for s in wrong)
    detail += "".join(f"\nline {e['line']}: could not be read: {e['message']}" for e in errors)
    outcome = "error" if status == "internal-error" else "failure"
    return Record(cells, False, name, group, seconds, outcome, verdict or status,
                  f"{head}: {slip['text']}" if slip else head, detail.strip() or (why or ""), summary)


def _columns(name: str, where: str) -> tuple[str, ...]:
    return (name, "ok", "status", "steps", *VERDICTS, where, "first_wrong_verdict", "slip", "reason")


def file_rows(outcomes: Sequence[Any]) -> Table:
    """A row per :class:`~ganproof.reader.batch.FileOutcome`, in their order."""
    return Table("files", _columns("file", "first_wrong_line"),
                 tuple(_record(o.json, o.path, "line", "ganproof.files") for o in outcomes))


def derivation_rows(reports: Sequence[Any]) -> Table:
    """A row per built-in :class:`~ganproof.chain.verdict.DerivationReport` (ok: every step as expected)."""
    return Table("derivations", _columns("derivation", "first_wrong_step"),
                 tuple(_record(r.to_json(), r.name, "index", "ganproof.derivations") for r in reports))


# ------------------------------------------------------------------------------------------ one per step

STEP_COLUMNS = ("file", "line", "step", "relation", "verdict", "expected", "as_expected", "rule", "digits",
                "slip_code", "slip", "recovers_from", "reason")


def _unread_record(name: str, error: dict[str, Any], kind: str) -> Record:
    at = f"{error['line']}:{error['col']}: " if error.get("line") is not None and error.get("col") is not None else ""
    reason = f"{at}{error['message']}"
    cells = (name, _text(error.get("line")), "", "", "unread", "", "false", "", "", "", "", "", reason)
    case = f"line {error['line']}" if error.get("line") is not None else name
    return Record(cells, False, case, name, 0.0, "error", kind, reason, reason)


def _step_records(obj: dict[str, Any], name: str, where_key: str) -> list[Record]:
    """A row per step of a file or derivation object, then one per row that could not be read (for a file of
    which nothing could be judged: its errors only)."""
    if "error" in obj:
        return [_unread_record(name, e, obj["status"]) for e in obj["errors"] or [obj["error"]]]
    out = []
    for s in obj["steps"]:
        slip = _slip(s)
        cells = (name, _text(s["line"]), str(s["index"]), s["relation"], s["verdict"], s["expected"],
                 _text(s["as_expected"]), _text(s["rule"]), _text(s["digits"]), slip["code"] if slip else "",
                 slip["text"] if slip else "", _text(s["recovers_from"]), s["reason"])
        label = f"line {s['line']}" if s["line"] is not None else f"step {s['index']}"
        outcome = "ok" if s["as_expected"] else "failure"
        message = f"{label} {s['verdict']}" + (f": {slip['text']}" if slip else "")
        out.append(Record(cells, s["as_expected"], label, name, s["seconds"], outcome,
                          s["verdict"] if outcome != "ok" else "", message if outcome != "ok" else "",
                          s["reason"] if outcome != "ok" else "", f"{s['verdict']} ({s['rule'] or '-'})"))
    out.extend(_unread_record(name, e, "unreadable") for e in obj.get("errors") or ())
    return out


def file_step_rows(outcomes: Sequence[Any]) -> Table:
    """A row per step of every file (and per row that could not be read), files in their order."""
    return Table("steps", STEP_COLUMNS, tuple(r for o in outcomes for r in _step_records(o.json, o.path, "line")))


def derivation_step_rows(reports: Sequence[Any]) -> Table:
    """A row per step of every built-in derivation (the ``file`` column holds the derivation's name)."""
    return Table("steps", STEP_COLUMNS,
                 tuple(r for rep in reports for r in _step_records(rep.to_json(), rep.name, "index")))


# ------------------------------------------------------------------------------------------ formats


def render_csv(table: Table) -> str:
    """RFC 4180 CSV with a header row; ok is ``true``/``false``, an absent value an empty cell."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(table.columns)
    for record in table.records:
        writer.writerow(record.cells)
    return buf.getvalue().rstrip("\n")


def _md(cell: str) -> str:
    return cell.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ") or " "


def render_markdown(table: Table) -> str:
    """A GitHub-flavoured Markdown table (pipes in cells escaped), then a line of totals."""
    lines = ["| " + " | ".join(table.columns) + " |", "|" + "|".join("---" for _ in table.columns) + "|"]
    lines.extend("| " + " | ".join(_md(c) for c in r.cells) + " |" for r in table.records)
    ok = sum(r.ok for r in table.records)
    lines.extend(["", f"{ok} of {len(table.records)} {table.what} ok"])
    return "\n".join(lines)


def render_junit(table: Table) -> str:
    """JUnit XML: one ``testsuite`` (``ganproof``), one ``testcase`` per row; a wrong step is a ``failure``
    (its message: the first wrong step and its slip; its text: every wrong step), an unreadable file or an
    internal error an ``error``."""
    failures = sum(1 for r in table.records if r.outcome == "failure")
    errors = sum(1 for r in table.records if r.outcome == "error")
    total = f"{sum(r.seconds for r in table.records):.3f}"
    counts = {"tests": str(len(table.records)), "failures": str(failures), "errors": str(errors)}
    suites = ET.Element("testsuites", {"name": "ganproof check", **counts, "time": total})
    suite = ET.SubElement(suites, "testsuite", {"name": "ganproof", **counts, "skipped": "0", "time": total})
    for r in table.records:
        case = ET.SubElement(suite, "testcase", classname=r.group, name=r.case, time=f"{r.seconds:.3f}")
        if r.outcome != "ok":
            ET.SubElement(case, r.outcome, message=r.message, type=r.kind).text = r.detail
        if r.summary:
            ET.SubElement(case, "system-out").text = r.summary
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


__all__ = ["RENDERERS", "STEP_COLUMNS", "Record", "Table", "derivation_rows", "derivation_step_rows", "file_rows",
           "file_step_rows", "render_csv", "render_junit", "render_markdown", "render_rows"]
