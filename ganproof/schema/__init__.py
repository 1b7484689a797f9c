"""The JSON the checker prints, version :data:`SCHEMA_VERSION`: one home for its shapes.

Every ``--json`` output is one object with ``"schema"`` (this version) and ``"kind"``:

* ``derivations`` -- built-in derivations: ``ok``, ``totals``, ``derivations`` (each with its steps);
* ``file`` -- one derivation file: the file object itself (``file``, ``ok``, ``status``, ``totals``,
  ``steps``, ``definitions``, ``assumptions``, ``warnings``, ``errors``, ``internal_contradictions``,
  and ``error`` when nothing in it could be judged);
* ``files`` -- several files or a folder: ``ok``, ``totals`` and ``files`` (file objects);
* ``selftest`` -- the mutant counts;
* ``error`` -- a usage, input or TeX error that stopped the command: ``error: {kind, message}``.

A step is the same object for built-ins and files (``index``, ``line``, ``chain``, ``relation``,
``verdict``, ``expected``, ``as_expected``, ``rule``, ``reason``, ``digits``, ``seconds``, ``equality``,
``counterexample``, ``recovers_from``); a counterexample's instance is data (each name's role, family and
parameters) and its slip a code and a text.  ``check.json`` beside this module is the JSON Schema of all
of it; the tests validate every JSON output against it (``GANPROOF_VALIDATE_JSON=1`` makes the command
line check its own output).  A change that breaks a consumer raises :data:`SCHEMA_VERSION`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ganproof.chain.verdict import Counterexample, DerivationReport, StepResult
    from ganproof.errors import InputError
    from ganproof.reader.check import FileReport

SCHEMA_VERSION = 1
SCHEMA_FILE = Path(__file__).with_name("check.json")
VERDICTS = ("proved", "confirmed", "refuted", "unknown")
VALIDATE_ENV = "GANPROOF_VALIDATE_JSON"


# ------------------------------------------------------------------------------------------ objects


def counterexample_json(c: Counterexample) -> dict[str, Any]:
    objects = list(c.objects) or [{"name": k, "role": None, "description": v, "family": None, "parameters": {}}
                                  for k, v in c.instance.items()]
    return {"instance": objects, "lhs": c.lhs, "rhs": c.rhs,
            "slip": {"code": c.slip_code, "text": c.slip} if c.slip else None, "label": c.label}


def step_json(s: StepResult) -> dict[str, Any]:
    """One step, the same object for a built-in derivation (``line`` null) and a file."""
    return {
        "index": s.index,
        "line": s.line,
        "chain": s.chain + 1,
        "relation": s.relation,
        "verdict": s.verdict.value,
        "expected": s.expected,
        "as_expected": s.ok,
        "rule": s.rule,
        "reason": s.reason,
        "digits": s.digits,
        "seconds": round(s.seconds, 3),
        "equality": ({"latex": s.equality_condition, "text": s.equality_text or s.equality_condition}
                     if s.equality_condition else None),
        "counterexample": counterexample_json(s.counterexample) if s.counterexample else None,
        "recovers_from": s.recovers_from,
        "col": s.col,
        "source": s.source,
        "read_as": s.read_as,
        "suggestions": None if s.suggestions is None else [
            {"latex": g.latex, "edit": g.edit, "operator": g.operator, "line": g.line, "col": g.col,
             "verdict": g.verdict, "against": g.against, "row": g.row, "size": g.size} for g in s.suggestions],
    }


def step_totals(steps: Iterable[dict[str, Any]]) -> dict[str, int]:
    """Steps by verdict, and how many got their expected verdict."""
    listed = list(steps)
    out = {"steps": len(listed), **{v: sum(1 for s in listed if s["verdict"] == v) for v in VERDICTS}}
    out["as_expected"] = sum(1 for s in listed if s["as_expected"])
    return out


def derivation_json(r: DerivationReport) -> dict[str, Any]:
    steps = [step_json(s) for s in r.steps]
    return {"name": r.name, "title": r.title, "ok": r.ok, "totals": step_totals(steps),
            "assumptions": [{"line": None, "message": a} for a in r.assumptions],
            "lemmas": [dict(lm) for lm in r.lemmas], "steps": steps}


def file_json(report: FileReport) -> dict[str, Any]:
    steps = [step_json(s) for s in report.steps]
    status = "internal-error" if report.contradictions else "ok" if report.ok else "failed"
    steps = [report.with_cell(s) for s in steps]  # in a notebook: the cell and the line in it, beside line
    return {"file": report.file, "ok": report.ok, "status": status, "totals": step_totals(steps), "steps": steps,
            "definitions": [report.with_cell(d) for d in report.definitions],
            "assumptions": [report.with_cell(a) for a in report.assumptions],
            "warnings": [report.with_cell(w) for w in report.warnings], "errors": list(report.errors),
            "internal_contradictions": list(report.contradictions),
            "mistakes": [{"line": s.line, "col": s.col, "verdict": s.verdict.value} for s in report.mistakes]}


def error_object(e: InputError) -> dict[str, Any]:
    """``line``, ``col``, ``message``; in a notebook also ``cell`` and ``cell_line``."""
    return e.to_json()


def unjudged_file_json(file: str, errors: Sequence[dict[str, Any]], internal: bool = False) -> dict[str, Any]:
    """A file nothing of which could be judged: unreadable (``errors``: its input errors, the first also as
    ``error``), or an internal error (a bug in the checker)."""
    return {"file": file, "ok": False, "status": "internal-error" if internal else "unreadable",
            "totals": step_totals(()), "steps": [], "definitions": [], "assumptions": [], "warnings": [],
            "errors": list(errors), "internal_contradictions": [], "error": dict(errors[0])}


def input_error_json(err: InputError, file: str) -> dict[str, Any]:
    """The file object of a file that could not be read (every error of ``err``)."""
    return unjudged_file_json(err.file or file, [error_object(e) for e in getattr(err, "errors", (err,))])


# ------------------------------------------------------------------------------------------ documents


def document(kind: str, body: dict[str, Any]) -> dict[str, Any]:
    return {"schema": SCHEMA_VERSION, "kind": kind, **body}


def derivations_document(reports: Sequence[DerivationReport]) -> dict[str, Any]:
    objects = [derivation_json(r) for r in reports]
    totals = {"derivations": len(objects), **step_totals(s for d in objects for s in d["steps"])}
    return document("derivations", {"ok": all(d["ok"] for d in objects), "totals": totals, "derivations": objects})


def file_document(obj: dict[str, Any]) -> dict[str, Any]:
    return document("file", obj)


def files_document(objects: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Several file objects, in their order, with the totals over them."""
    by_status = {s: sum(1 for o in objects if o["status"] == s) for s in ("ok", "failed", "unreadable",
                                                                         "internal-error")}
    totals = {"files": len(objects), "ok": by_status["ok"], "failed": by_status["failed"],
              "unreadable": by_status["unreadable"], "internal_errors": by_status["internal-error"],
              **{k: v for k, v in step_totals(s for o in objects for s in o["steps"]).items()}}
    return document("files", {"ok": all(o["ok"] for o in objects), "totals": totals, "files": list(objects)})


def selftest_document(counts: dict[str, int], ok: bool) -> dict[str, Any]:
    return document("selftest", {"ok": ok, **counts})


def error_document(kind: str, message: str) -> dict[str, Any]:
    """A command that stopped: ``kind`` usage, input, tex, output or internal-contradiction."""
    return document("error", {"ok": False, "error": {"kind": kind, "message": message}})


# ------------------------------------------------------------------------------------------ validation


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of every output, from ``check.json``."""
    loaded: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return loaded


def problems(doc: Any) -> list[str]:
    """Where ``doc`` breaks the schema (empty when it conforms); needs the ``jsonschema`` package.  A document
    of a known ``kind`` is explained against that kind's definition (not the first branch that fails)."""
    import jsonschema

    whole = schema()
    validator = jsonschema.Draft202012Validator(whole)
    if not any(True for _ in validator.iter_errors(doc)):
        return []
    kind = doc.get("kind") if isinstance(doc, dict) else None
    if kind in KINDS:
        validator = jsonschema.Draft202012Validator({"$defs": whole["$defs"], "$ref": f"#/$defs/{KINDS[kind]}"})
    found = sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))
    return [f"{'/'.join(str(p) for p in e.absolute_path) or '(top)'}: {e.message[:300]}" for e in found] or \
        ["(top): not a document of any kind"]


KINDS = {"derivations": "derivationsDocument", "file": "fileDocument", "files": "filesDocument",
         "selftest": "selftestDocument", "error": "errorDocument"}
"""Each ``kind`` and its definition in the schema."""


def self_check_wanted() -> bool:
    return os.environ.get(VALIDATE_ENV, "") not in ("", "0")


__all__ = ["SCHEMA_FILE", "SCHEMA_VERSION", "VALIDATE_ENV", "counterexample_json", "derivation_json",
           "derivations_document", "document", "error_document", "file_document", "file_json",
           "files_document", "input_error_json", "problems", "schema", "selftest_document", "self_check_wanted",
           "step_json", "step_totals", "unjudged_file_json"]
