"""``ganproof check``: built-in derivations by name, or derivation files and folders, printed as text, JSON
or one row per file (CSV, JUnit XML, Markdown)."""

from __future__ import annotations

import argparse
import os
import time
from typing import Any

from ganproof.cli.terminal import Terminal
from ganproof.errors import UsageError


def check_precision(args: argparse.Namespace) -> None:
    from ganproof.chain.checker import check_precision
    check_precision(args.dps, args.instances)


def check_jobs(args: argparse.Namespace) -> None:
    if args.jobs is not None and args.jobs < 1:
        raise UsageError(f"--jobs must be at least 1, got {args.jobs}")


def output_format(args: argparse.Namespace) -> str:
    """The format asked for: --format, or json for --json, or text."""
    if args.json and args.format not in (None, "json"):
        raise UsageError(f"--json and --format {args.format} ask for two formats; give one")
    return "json" if args.json else args.format or "text"


def cmd_check(args: argparse.Namespace, term: Terminal) -> int:
    check_precision(args)
    check_jobs(args)
    fmt = output_format(args)
    files = [n for n in args.names if is_file_argument(n)]
    if files:
        if len(files) != len(args.names):
            raise UsageError("check either derivation files or built-in derivations, not both in one command")
        return cmd_check_files(args, files, fmt, term)
    return cmd_check_builtins(args, fmt, term)


def cmd_check_builtins(args: argparse.Namespace, fmt: str, term: Terminal) -> int:
    if fmt == "editor":
        raise UsageError("--format editor gives FILE:LINE:COL: positions, and built-in derivations have no file; "
                         "check a derivation file with it, or use --format text for built-ins")
    from ganproof.chain import StepResult, check
    from ganproof.chain.parallel import check_all
    from ganproof.library import DERIVATIONS, derivation, expand
    from ganproof.reports.text import render_report, render_summary

    names = expand(args.names) if args.names else list(DERIVATIONS)
    derivations = [derivation(n) for n in names]
    start = time.perf_counter()
    reports: list[Any] = []
    if len(derivations) == 1:
        d = derivations[0]

        def one(step: StepResult) -> None:
            term.progress(f"{d.name}: step {step.index} {step.verdict.value}")

        results = iter([check(d, dps=args.dps, instances=args.instances, progress=one, jobs=args.jobs)])
    else:
        # several derivations: one per worker process, reports printed in order as they are ready;
        # the progress line names the derivation and step each worker has just finished
        def progress(name: str, step: StepResult) -> None:
            term.progress(f"{name}: step {step.index} {step.verdict.value} ({len(reports)}/{len(derivations)} "
                          "reports ready)")

        results = check_all(derivations, dps=args.dps, instances=args.instances, jobs=args.jobs,
                            progress=progress if term.progress_shown else None)
    for report in results:
        term.clear_progress()
        reports.append(report)
        if fmt == "text" and not term.quiet:
            term.out(render_report(report, term.style, term.verbose))
            term.out()
    ok = all(r.ok for r in reports)
    if fmt == "text":
        term.out(render_summary(reports, time.perf_counter() - start, term.style))
    elif fmt == "json":
        from ganproof.schema import derivations_document
        term.json(derivations_document(reports))
    else:
        from ganproof.reports.table import derivation_rows, derivation_step_rows, render_rows
        term.out(render_rows((derivation_step_rows if term.verbose else derivation_rows)(reports), fmt))
    return 0 if ok else 1


def is_file_argument(arg: str) -> bool:
    """``-`` (standard input), a path that exists, or one that looks like a path (a folder separator or a
    suffix: built-in names have neither) names derivation files; anything else is a built-in name."""
    return (arg == "-" or os.path.exists(arg) or os.sep in arg or "/" in arg
            or os.path.splitext(arg)[1] != "")


def cmd_check_files(args: argparse.Namespace, files: list[str], fmt: str, term: Terminal) -> int:
    """Check derivation files: 0 all proved or confirmed, 1 any refuted or unknown, 2 unreadable input.

    One file prints its full report (or one JSON object); several files (or a folder) are checked in
    parallel and print one line each and a total (or one JSON object with every file's and the totals).
    """
    from ganproof.reader.batch import check_files, derivation_files, iter_summary

    paths = derivation_files(files)
    start = time.perf_counter()
    single = len(paths) == 1 and not os.path.isdir(files[0])

    def progress(outcome: object, finished: int, total: int) -> None:
        if not single:
            term.progress(f"checked {finished}/{total} files")

    outcomes = check_files(paths, strict=args.strict, dps=args.dps, instances=args.instances, jobs=args.jobs,
                           done=progress, style=term.style)
    term.clear_progress()
    status = max(o.status for o in outcomes)
    seconds = time.perf_counter() - start
    if fmt == "json":
        from ganproof.schema import file_document, files_document
        term.json(file_document(outcomes[0].json) if single else files_document([o.json for o in outcomes]))
    elif fmt == "editor":
        from ganproof.reports.editor import iter_editor
        for line in iter_editor(outcomes):
            term.out(line)
    elif fmt != "text":
        from ganproof.reports.table import file_rows, file_step_rows, render_rows
        term.out(render_rows((file_step_rows if term.verbose else file_rows)(outcomes), fmt))
    elif single:
        o = outcomes[0]
        if "error" in o.json:  # nothing in it could be judged: the errors are the whole answer
            term.err(o.text)
        elif term.quiet:
            term.out(o.text.splitlines()[-1])
        else:
            term.out(o.text)
    else:
        lines = list(iter_summary(outcomes, seconds, term.style))
        if term.verbose:
            for o in outcomes:
                term.out(o.text)
                term.out()
        elif not term.quiet:
            for line in lines[:-1]:
                term.out(line)
        term.out(lines[-1])
    for o in outcomes:
        for c in o.json.get("internal_contradictions", ()):
            term.err(f"ganproof: INTERNAL CONTRADICTION in {o.path}: {c}")
    if status == 3:
        term.err("This is a bug in the checker; please report it with the command you ran.")
    return status
