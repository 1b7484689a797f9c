"""``ganproof selftest --mutants``: the false-accept rate on mutants of every right step."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from ganproof.cli.check import check_precision
from ganproof.cli.terminal import Terminal
from ganproof.errors import UsageError


def cmd_selftest(args: argparse.Namespace, term: Terminal) -> int:
    """0 when no mutant is accepted and every original is; 1 otherwise."""
    from ganproof.selftest.harness import MutantResult, run_selftest

    check_precision(args)
    if args.sample is not None and args.sample < 1:
        raise UsageError(f"--sample must be at least 1, got {args.sample}")
    if args.builtins_only and args.examples:
        raise UsageError("--builtins-only and --examples contradict each other; give one")
    examples = () if args.builtins_only else tuple(Path(e) for e in args.examples) if args.examples else None
    for folder in examples or ():
        if not folder.is_dir():
            raise UsageError(f"--examples {folder} is not a folder")
    seen = [0]

    def progress(result: MutantResult) -> None:
        seen[0] += 1
        term.progress(f"mutant {seen[0]}: {result.case}, {result.operator}: {result.outcome}")

    start = time.perf_counter()
    report = run_selftest(args.sample, args.seed, args.dps, args.instances, examples=examples, done=progress)
    term.clear_progress()
    if args.json:
        from ganproof.schema import selftest_document
        term.json(selftest_document(report.to_json(), report.ok))
        return 0 if report.ok else 1
    counts = report.to_json()
    closing = (f"{term.style.paint('ok', 'ok') if report.ok else term.style.paint('FAILED', 'failed')}; "
               f"{time.perf_counter() - start:.1f}s")
    if term.quiet:
        missing = (f"; not found: the example folders {', '.join(report.missing)} (run from a checkout, or give "
                   "--examples DIR or --builtins-only)" if report.missing else "")
        term.out(f"{closing}: {counts['accepted']} false accepts in {counts['mutants']} mutants, originals "
                 f"accepted {report.originals_accepted}/{report.originals}{missing}")
        return 0 if report.ok else 1
    for source in report.sources:
        term.out(f"right steps: {source}")
    term.out(f"mutants: {counts['mutants']} made from {report.originals} right steps"
             + (f" (a sample, seed {args.seed})" if args.sample else ""))
    for key in ("refuted", "equivalent", "unknown", "accepted"):
        note = {"equivalent": " (proved equal to the original: set aside)",
                "accepted": " (false accepts: must be 0)"}.get(key, "")
        term.out(f"  {key:<10} {counts[key]:>5}{note}")
    term.out(f"originals accepted: {report.originals_accepted}/{report.originals}")
    for r in report.results:
        if r.outcome in ("accepted", "unknown") or (term.verbose and r.outcome != "refuted"):
            term.out(f"  {r.outcome.upper()}: {r.case}: {r.operator} ({r.where}): {r.reason}")
    for label in report.rejected_originals:
        term.out(f"  ORIGINAL NOT ACCEPTED: {label}")
    term.out(closing)
    return 0 if report.ok else 1
