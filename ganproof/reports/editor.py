"""The editor format: one ``FILE:LINE:COL: error|warning|note: MESSAGE`` line per thing to look at.

This is the form compilers print (GNU style), so Vim's quickfix (``:set makeprg=ganproof\\ check\\ --format\\
editor\\ %``), Emacs' compilation mode and VS Code's problem matchers jump to each one.  It is rendered from a
file object of the JSON schema (:mod:`ganproof.schema`), so that one file and a folder checked in parallel
give the same lines:

* a refuted step is an ``error`` (its slip, both values and the corrections that hold, when any);
* a step refuted against the row before it but following from the last accepted row is a ``note``
  ("back on track"): the mistake is counted once, at its first wrong row;
* an unknown step, a row that could not be judged and a reader's warning are ``warning`` s;
* an input error (a row that could not be read) is an ``error``.

Lines are sorted by position; a line without a column gets column 1.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

SEVERITIES = ("error", "warning", "note")


def _at(path: str, line: int | None, col: int | None) -> str:
    if line is None:
        return f"{path}:"
    return f"{path}:{line}:{col or 1}:"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def step_message(step: dict[str, Any]) -> tuple[str, str] | None:
    """(severity, message) for a step that needs a look; None for a step proved or confirmed."""
    verdict = step["verdict"]
    if step.get("expected") == "refuted" and verdict == "refuted":
        return None  # a marked mistake, refuted as expected
    if verdict in ("proved", "confirmed"):
        return None
    if step.get("recovers_from") is not None:
        return "note", (f"back on track: line {step['line']} follows from line {step['recovers_from']}, the last "
                        "accepted row (it is refuted only against the wrong row before it, so the mistake is "
                        "counted there)")
    if verdict == "refuted":
        parts = ["refuted:"]
        cex = step.get("counterexample")
        slip = (cex or {}).get("slip")
        if slip and slip["text"] not in step["reason"]:
            parts.append(f"{slip['text']};")
        if cex:
            parts.append(f"left side = {cex['lhs']}, right side = {cex['rhs']};")
        parts.insert(1, step["reason"] + ";")
        return "error", _one_line(" ".join(parts)).rstrip(";")
    return "warning", _one_line(f"unknown: {step['reason']}")


def editor_lines(path: str, obj: dict[str, Any]) -> list[str]:
    """Every diagnostic of one file object (kind ``file``), sorted by line and column."""
    found: list[tuple[int, int, int, str]] = []

    def add(line: int | None, col: int | None, severity: str, message: str) -> None:
        found.append((line or 0, col or 0, len(found), f"{_at(path, line, col)} {severity}: {_one_line(message)}"))

    for e in obj.get("errors", ()):
        add(e.get("line"), e.get("col"), "error", e["message"])
    for s in obj.get("steps", ()):
        said = step_message(s)
        if said is not None:
            add(s.get("line"), s.get("col"), *said)
    for w in obj.get("warnings", ()):
        add(w.get("line"), w.get("col"), "warning", w["message"])
    for c in obj.get("internal_contradictions", ()):
        add(None, None, "error", f"INTERNAL CONTRADICTION (a bug in a rule; please report it): {c}")
    return [text for *_, text in sorted(found)]


def iter_editor(outcomes: list[Any]) -> Iterator[str]:
    """The diagnostics of each checked file (:class:`~ganproof.reader.batch.FileOutcome`), in order, and
    each file's closing line (``FILE: ok|FAILED: ...``, which no problem matcher takes for a position)."""
    for o in outcomes:
        yield from editor_lines(o.path, o.json)
        if "error" in o.json:
            yield f"{o.path}: {o.json['status']}: nothing in it could be judged"
        else:
            yield o.summary


__all__ = ["SEVERITIES", "editor_lines", "iter_editor", "step_message"]
