"""Check many derivation files at once (an instructor checking a class's derivations).

Files are checked in parallel over worker processes, one file per worker at a
time (each file's own numeric work then runs in that worker alone, so the cores
are not oversubscribed).  One broken file never stops the others: every file
gives a :class:`FileOutcome`, whose status is that file's exit status.

>>> outcomes = check_files(["a.tex", "b.tex"], jobs=2)      # doctest: +SKIP
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ganproof.errors import InputError
from ganproof.style import PLAIN, Style

SUFFIXES = (".tex", ".md")


@dataclass(frozen=True)
class FileOutcome:
    """What checking one file gave: its exit status (0, 1, 2, or 3 for an internal error or contradiction:
    a bug to report), file object of the JSON schema (:mod:`ganproof.schema`), texts and time."""

    path: str
    status: int
    json: dict[str, Any]
    text: str
    summary: str
    seconds: float


def derivation_files(arguments: Sequence[str]) -> list[str]:
    """Files named on the command line, with each folder replaced by its .tex and .md files (sorted,
    recursively); a folder with no such file is an InputError."""
    out: list[str] = []
    if "-" in arguments and len(arguments) > 1:
        raise InputError("- (standard input) is checked alone, not with other files", file="-")
    for arg in arguments:
        path = Path(arg)
        if path.is_dir():
            # not only regular files: a FIFO or device named .tex is listed, and refused when read (an
            # unreadable file with its reason, not a silent skip)
            found = sorted(str(p) for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and not p.is_dir())
            if not found:
                raise InputError("the folder has no .tex or .md files to check", file=arg)
            out.extend(found)
        else:
            out.append(arg)
    return out


def check_one(path: str, strict: bool = False, dps: int = 30, instances: int = 3, jobs: int = 1,
              style: Style = PLAIN) -> FileOutcome:
    """Read and check one file; an unreadable file is an outcome with status 2, not an exception, and
    an internal error (an exception no input should cause) or contradiction an outcome with status 3.
    Its texts are rendered in ``style`` (colour or not)."""
    start = time.perf_counter()
    try:
        return _check_one(path, strict, dps, instances, jobs, start, style)
    except KeyboardInterrupt:
        raise
    except Exception as exc:  # noqa: BLE001 - one file never stops the others; reported as a bug
        return internal_error(path, exc, time.perf_counter() - start)


def internal_error(path: str, exc: BaseException, seconds: float) -> FileOutcome:
    """The outcome of a file whose check raised ``exc``: a bug in the checker, status 3, with JSON."""
    message = f"internal error ({type(exc).__name__}: {exc}); this is a bug in the checker: please report it " \
              "with the file"
    text = f"{path}: error: {message}"
    from ganproof.schema import unjudged_file_json
    return FileOutcome(path, 3, unjudged_file_json(path, [{"line": None, "col": None, "message": message,
                                                           "internal": True}], internal=True), text, text, seconds)


def _check_one(path: str, strict: bool, dps: int, instances: int, jobs: int, start: float,
               style: Style) -> FileOutcome:
    from ganproof.reader.check import check_document
    from ganproof.reader.document import STDIN, read_path, read_stream
    from ganproof.reader.output import mistakes_text, render_error, render_report
    from ganproof.schema import input_error_json

    try:
        if path == STDIN:
            import sys
            doc = read_stream(sys.stdin.buffer, strict=strict)
        else:
            doc = read_path(path, strict=strict)
    except InputError as exc:
        seconds = time.perf_counter() - start
        first = render_error(exc, style).splitlines()[0]
        every = getattr(exc, "errors", (exc,))
        lines = sorted({e.line for e in every if e.line is not None})
        where = f" (line{'s' if len(lines) > 1 else ''} {', '.join(map(str, lines))})" if lines else ""
        # the closing line a checked file ends with, so that a file nothing of which could be judged says so too
        closing = (f"{path}: {style.paint('FAILED', 'failed')}: nothing could be checked; {len(every)} input "
                   f"error{'s' if len(every) > 1 else ''}{where}; {seconds:.1f}s")
        text = render_error(exc, style) + ("\n" + closing if lines else "")  # a file that could not be opened: the error
        return FileOutcome(path, 2, input_error_json(exc, path), text, first, seconds)
    report = check_document(doc, dps=dps, instances=instances, jobs=jobs)
    seconds = time.perf_counter() - start
    good = sum(1 for s in report.steps if s.verdict.accepted)
    verdict = style.paint("ok", "ok") if report.ok else style.paint("FAILED", "failed")
    summary = (f"{path}: {verdict}: {good}/{len(report.steps)} steps proved or confirmed"
               + mistakes_text(report, limit=4)
               + (f"; {len(report.contradictions)} INTERNAL CONTRADICTION(S): a bug in a rule, please report it"
                  if report.contradictions else "")
               + f"; {seconds:.1f}s")
    status = 3 if report.contradictions else 0 if report.ok else 1
    return FileOutcome(path, status, report.to_json(), render_report(report, seconds, style), summary, seconds)


def _task(args: tuple[str, bool, int, int, Style]) -> FileOutcome:
    path, strict, dps, instances, style = args
    return check_one(path, strict, dps, instances, jobs=1, style=style)


def check_files(paths: Sequence[str], strict: bool = False, dps: int = 30, instances: int = 3,
                jobs: int | None = None,
                done: Callable[[FileOutcome, int, int], None] | None = None,
                style: Style = PLAIN) -> list[FileOutcome]:
    """Check ``paths`` over ``jobs`` processes (default: the cores); outcomes in the order of ``paths``.

    ``done(outcome, finished, total)`` is called as each file finishes (for progress).
    """
    jobs = max(1, jobs or os.cpu_count() or 1)
    results: dict[str, FileOutcome] = {}
    tasks = [(p, strict, dps, instances, style) for p in paths]
    if jobs == 1 or len(paths) == 1 or "fork" not in multiprocessing.get_all_start_methods():
        # one file alone keeps the numeric layer's own parallelism; several run one per process
        inner = _default_jobs() if len(paths) == 1 else 1
        for i, p in enumerate(paths):
            outcome = check_one(p, strict, dps, instances, jobs=inner, style=style)
            results[p] = outcome
            if done is not None:
                done(outcome, i + 1, len(paths))
    else:
        ctx = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(min(jobs, len(paths)), mp_context=ctx) as pool:
            futures = {pool.submit(_task, t): t[0] for t in tasks}
            for i, future in enumerate(as_completed(futures)):
                try:
                    outcome = future.result()
                except Exception as exc:  # noqa: BLE001 - a worker that died (memory, signal) stops no other file
                    outcome = internal_error(futures[future], exc, 0.0)
                results[futures[future]] = outcome
                if done is not None:
                    done(outcome, i + 1, len(paths))
    return [results[p] for p in paths]


def _default_jobs() -> int:
    from ganproof.numeric.evaluate import default_jobs
    return default_jobs()


def iter_summary(outcomes: Sequence[FileOutcome], seconds: float, style: Style = PLAIN) -> Iterator[str]:
    """One line per file, then the total (``style``: the total's colour; each line has its own)."""
    for o in outcomes:
        yield o.summary
    counts = {k: sum(1 for o in outcomes if o.status == k) for k in (0, 1, 2, 3)}
    rate = len(outcomes) / seconds * 60 if seconds > 0 else float("inf")
    bugs = f", {counts[3]} with an internal error (a bug: please report)" if counts[3] else ""
    yield (f"{style.paint('total', 'heading')}: {len(outcomes)} files: {counts[0]} ok, {counts[1]} with a wrong or unchecked step, "
           f"{counts[2]} unreadable{bugs}; {seconds:.1f}s ({rate:.1f} files per minute)")


__all__ = ["FileOutcome", "check_files", "check_one", "derivation_files", "iter_summary"]
