"""``ganproof``: check derivations (built-in or files), write proof reports, list them, list the rules.

Exit status: 0 when every step gets its expected verdict, 1 when any does
not, 2 for a usage or input error, 3 for an internal contradiction (a proof
that the numbers reject: a bug to report) or an internal error (for files: the
other steps and files are still checked and reported, and --json still prints
JSON), 4 when TeX cannot compile a report.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from ganproof.chain import DEFAULT_DPS, DEFAULT_INSTANCES, StepResult, check
from ganproof.chain.checker import check_precision
from ganproof.chain.parallel import check_all
from ganproof.errors import GanproofError, InputError, SoundnessError, TexError, UsageError
from ganproof.library import DERIVATIONS, GROUPS, derivation, expand
from ganproof.reports.text import render_report, render_summary
from ganproof.rules import ALL_RULES


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ganproof",
        description="A proof checker for the mathematics of GAN losses: symbolic rules, cross-checked by quadrature.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    chk = sub.add_parser("check", help="check derivation files (FILE.tex, FILE.md) or built-in derivations "
                         "(all by default)")
    chk.add_argument("names", nargs="*", metavar="FILE|DIR|NAME",
                     help="derivation files (an existing file, or a name ending in .tex or .md), folders of "
                          "them, or built-in derivation names (see `ganproof list`)")
    chk.add_argument("--strict", action="store_true",
                     help="files: refuse to repair an unclosed bracket (an error instead of a warning)")
    chk.add_argument("--dps", type=int, default=DEFAULT_DPS,
                     help=f"significant digits the two sides must agree to (default {DEFAULT_DPS})")
    chk.add_argument("--instances", type=int, default=DEFAULT_INSTANCES,
                     help=f"concrete instances per step (default {DEFAULT_INSTANCES}, at most 4)")
    chk.add_argument("--json", action="store_true", help="print one JSON object instead of text (several files: "
                     "a list of them)")
    chk.add_argument("--jobs", type=int, default=None,
                     help="worker processes: files, or built-in derivations, checked at once when several "
                     "are given (default: GANPROOF_JOBS or all cores)")
    rep = sub.add_parser("report", help="write a LaTeX proof report of built-in derivations or of a derivation "
                         "file, and compile it to PDF with --pdf")
    rep.add_argument("names", nargs="+", metavar="FILE|NAME",
                     help="one derivation file, or built-in derivation names (theorem1 for all of Theorem 1)")
    rep.add_argument("-o", "--output", metavar="OUT.tex",
                     help="where to write the report (default: NAME.tex, or FILE's name with .report.tex, "
                          "in the current folder)")
    rep.add_argument("--pdf", action="store_true", help="also compile it to OUT.pdf with latexmk or pdflatex")
    rep.add_argument("--no-figures", action="store_true",
                     help="built-ins: leave out the plots (written as OUT-NAME.png beside the report)")
    rep.add_argument("--strict", action="store_true", help="files: refuse to repair an unclosed bracket")
    rep.add_argument("--dps", type=int, default=DEFAULT_DPS,
                     help=f"significant digits the two sides must agree to (default {DEFAULT_DPS})")
    rep.add_argument("--instances", type=int, default=DEFAULT_INSTANCES,
                     help=f"concrete instances per step (default {DEFAULT_INSTANCES}, at most 4)")
    st = sub.add_parser("selftest", help="measure the checker's false-accept rate: mutants of every right step "
                        "(built-ins and examples) must never be accepted")
    st.add_argument("--mutants", action="store_true", required=True,
                    help="mutate every right step's right-hand side (or relation) and check each mutant")
    st.add_argument("--sample", type=int, default=None, metavar="N",
                    help="check a reproducible sample of N mutants instead of all")
    st.add_argument("--seed", type=int, default=0, help="the sample's seed (default 0)")
    st.add_argument("--examples", action="append", default=None, metavar="DIR",
                    help="a folder of example files with expected.json; repeat for several "
                         "(default: tests/examples and examples of this checkout)")
    st.add_argument("--dps", type=int, default=DEFAULT_DPS, help=f"digits (default {DEFAULT_DPS})")
    st.add_argument("--instances", type=int, default=DEFAULT_INSTANCES,
                    help=f"instances per step (default {DEFAULT_INSTANCES})")
    st.add_argument("--json", action="store_true", help="print the counts as one JSON object")
    sub.add_parser("list", help="list the built-in derivations")
    sub.add_parser("rules", help="list the rules, each with its statement")
    return parser


def _progress(name: str) -> object:
    interactive = sys.stderr.isatty()

    def show(step: StepResult) -> None:
        if interactive:
            sys.stderr.write(f"\r\x1b[K{name}: step {step.index} {step.verdict.value}")
            sys.stderr.flush()

    return show


def _clear_progress() -> None:
    if sys.stderr.isatty():
        sys.stderr.write("\r\x1b[K")
        sys.stderr.flush()


def _check_precision(args: argparse.Namespace) -> None:
    check_precision(args.dps, args.instances)


def cmd_check(args: argparse.Namespace) -> int:
    _check_precision(args)
    files = [n for n in args.names if is_file_argument(n)]
    if files:
        if len(files) != len(args.names):
            raise UsageError("check either derivation files or built-in derivations, not both in one command")
        return cmd_check_files(args, files)
    names = expand(args.names) if args.names else list(DERIVATIONS)
    derivations = [derivation(n) for n in names]
    if args.jobs is not None and args.jobs < 1:
        raise UsageError(f"--jobs must be at least 1, got {args.jobs}")
    start = time.perf_counter()
    reports = []
    if len(derivations) == 1:
        d = derivations[0]
        results = iter([check(d, dps=args.dps, instances=args.instances, progress=_progress(d.name),  # type: ignore[arg-type]
                              jobs=args.jobs)])
    else:
        # several derivations: one per worker process, reports printed in order as they are ready;
        # the progress line names the derivation and step each worker has just finished
        def progress(name: str, step: StepResult) -> None:
            sys.stderr.write(f"\r\x1b[K{name}: step {step.index} {step.verdict.value} "
                             f"({len(reports)}/{len(derivations)} reports ready)")
            sys.stderr.flush()

        results = check_all(derivations, dps=args.dps, instances=args.instances, jobs=args.jobs,
                            progress=progress if sys.stderr.isatty() else None)
    for report in results:
        _clear_progress()
        reports.append(report)
        if not args.json:
            print(render_report(report), flush=True)
            print()
    ok = all(r.ok for r in reports)
    if args.json:
        print(json.dumps({"ok": ok, "derivations": [r.to_json() for r in reports]}, indent=2))
    else:
        print(render_summary(reports, time.perf_counter() - start))
    return 0 if ok else 1


def is_file_argument(arg: str) -> bool:
    """A path that exists as a file or folder, or ends in .tex or .md, names derivation files; ``-`` is
    standard input."""
    return arg == "-" or os.path.isfile(arg) or os.path.isdir(arg) or arg.lower().endswith((".tex", ".md"))


def cmd_check_files(args: argparse.Namespace, files: list[str]) -> int:
    """Check derivation files: 0 all proved or confirmed, 1 any refuted or unknown, 2 unreadable input.

    One file prints its full report (or one JSON object); several files (or a folder) are checked in
    parallel and print one line each and a total (or a JSON list of the per-file objects).
    """
    from ganproof.reader.batch import check_files, derivation_files, iter_summary

    paths = derivation_files(files)
    if args.jobs is not None and args.jobs < 1:
        raise UsageError(f"--jobs must be at least 1, got {args.jobs}")
    start = time.perf_counter()
    single = len(paths) == 1 and not os.path.isdir(files[0])

    def progress(outcome: object, finished: int, total: int) -> None:
        if sys.stderr.isatty() and not single:
            sys.stderr.write(f"\r\x1b[Kchecked {finished}/{total} files")
            sys.stderr.flush()

    outcomes = check_files(paths, strict=args.strict, dps=args.dps, instances=args.instances, jobs=args.jobs,
                           done=progress)
    _clear_progress()
    status = max(o.status for o in outcomes)
    if args.json:
        print(json.dumps(outcomes[0].json if single else [o.json for o in outcomes], indent=2))
    elif single:
        print(outcomes[0].text, file=sys.stderr if outcomes[0].status in (2, 3) and "steps" not in outcomes[0].json
              else sys.stdout)
    else:
        for line in iter_summary(outcomes, time.perf_counter() - start):
            print(line)
    for o in outcomes:
        for c in o.json.get("internal_contradictions", ()):
            print(f"ganproof: INTERNAL CONTRADICTION in {o.path}: {c}", file=sys.stderr)
    if status == 3:
        print("This is a bug in the checker; please report it with the command you ran.", file=sys.stderr)
    return status


def cmd_report(args: argparse.Namespace) -> int:
    """Write the LaTeX report (and the PDF with --pdf); the exit status is that of the check."""
    from ganproof.reports.latex import derivation_document, file_document
    from ganproof.reports.files import write_atomic
    from ganproof.reports.pdf import INSTALL_HINT, compile_pdf, tex_engine

    _check_precision(args)
    files = [n for n in args.names if is_file_argument(n)]
    if files and len(args.names) > 1:
        raise UsageError("a report is of one derivation file, or of built-in derivations; got "
                         + ", ".join(args.names))
    if files:
        from ganproof.reader.check import check_document
        from ganproof.reader.document import read_path
        from ganproof.reader.output import render_error

        source = Path(files[0])
        try:
            doc = read_path(str(source), strict=args.strict)
        except InputError as exc:
            print(render_error(exc), file=sys.stderr)
            return 2
        report = check_document(doc, dps=args.dps, instances=args.instances, progress=_progress(str(source)))
        _clear_progress()
        tex, ok = file_document(doc, report), report.ok
        for c in report.contradictions:
            print(f"ganproof: INTERNAL CONTRADICTION in {source}: {c}", file=sys.stderr)
        default = Path(source.stem + ".report.tex")
    else:
        names = expand(args.names)
        checked = []
        for d in (derivation(n) for n in names):
            checked.append((d, check(d, dps=args.dps, instances=args.instances, progress=_progress(d.name))))
            _clear_progress()
        group = args.names[0] if len(args.names) == 1 and args.names[0] in GROUPS else None
        ok = all(r.ok for _, r in checked)
        default = Path((group or ("_".join(names) if len(names) <= 3 else "report")) + ".tex")
    out = Path(args.output) if args.output else default
    if out.suffix != ".tex":
        raise UsageError(f"the report is a .tex file; -o {out} does not end in .tex")
    if files and out.resolve() == Path(files[0]).resolve():
        raise UsageError(f"-o {out} is the derivation file itself; choose another name")
    assets: list[Path] = []
    if not files:
        figures: dict[str, list[tuple[str, str]]] = {}
        if not args.no_figures:
            from ganproof.reports.plots import REPORT_FIGURES, save_png
            for d, _ in checked:
                for suffix, make, caption in REPORT_FIGURES.get(d.name, ()):
                    png = out.with_name(f"{out.stem}-{suffix}.png")
                    assets.append(save_png(make(), png))
                    print(f"wrote {png}")
                    figures.setdefault(d.name, []).append((png.name, caption))
        tex = derivation_document(checked, title=GROUPS[group][0] if group else None, figures=figures)
    write_atomic(out, tex)
    print(f"wrote {out}")
    if args.pdf:
        if tex_engine() is None:
            print(f"no TeX engine found (latexmk or pdflatex), so no PDF; {INSTALL_HINT}")
        else:
            pdf = compile_pdf(tex, out.with_suffix(".pdf"), assets=assets)
            print(f"wrote {pdf}")
    if files and report.contradictions:
        return 3
    return 0 if ok else 1


def cmd_selftest(args: argparse.Namespace) -> int:
    """0 when no mutant is accepted and every original is; 1 otherwise."""
    from ganproof.selftest.harness import EXAMPLES, MutantResult, run_selftest

    _check_precision(args)
    if args.sample is not None and args.sample < 1:
        raise UsageError(f"--sample must be at least 1, got {args.sample}")
    examples = tuple(Path(e) for e in args.examples) if args.examples else EXAMPLES
    for folder in examples:
        if args.examples and not folder.is_dir():
            raise UsageError(f"--examples {folder} is not a folder")
    seen = [0]

    def progress(result: MutantResult) -> None:
        seen[0] += 1
        if sys.stderr.isatty():
            sys.stderr.write(f"\r\x1b[Kmutant {seen[0]}: {result.case}, {result.operator}: {result.outcome}")
            sys.stderr.flush()

    start = time.perf_counter()
    report = run_selftest(args.sample, args.seed, args.dps, args.instances, examples=examples, done=progress)
    _clear_progress()
    if args.json:
        print(json.dumps(report.to_json(), indent=2))
        return 0 if report.ok else 1
    counts = report.to_json()
    for source in report.sources:
        print(f"right steps: {source}")
    print(f"mutants: {counts['mutants']} made from {report.originals} right steps"
          + (f" (a sample, seed {args.seed})" if args.sample else ""))
    for key in ("refuted", "equivalent", "unknown", "accepted"):
        note = {"equivalent": " (proved equal to the original: set aside)",
                "accepted": " (false accepts: must be 0)"}.get(key, "")
        print(f"  {key:<10} {counts[key]:>5}{note}")
    print(f"originals accepted: {report.originals_accepted}/{report.originals}")
    for r in report.results:
        if r.outcome in ("accepted", "unknown"):
            print(f"  {r.outcome.upper()}: {r.case}: {r.operator} ({r.where}): {r.reason}")
    for label in report.rejected_originals:
        print(f"  ORIGINAL NOT ACCEPTED: {label}")
    print(f"{'ok' if report.ok else 'FAILED'}; {time.perf_counter() - start:.1f}s")
    return 0 if report.ok else 1


def cmd_list() -> int:
    width = max(len(n) for n in [*DERIVATIONS, *GROUPS])
    for name, factory in DERIVATIONS.items():
        print(f"{name:<{width}}  {factory().title}")
    for name, (title, members) in GROUPS.items():
        print(f"{name:<{width}}  {title} (all of: {', '.join(members)})")
    return 0


def cmd_rules() -> int:
    width = max(len(r.name) for r in ALL_RULES)
    for rule in ALL_RULES:
        lemma = f" [derived lemma: see '{rule.lemma}']" if rule.lemma else ""
        print(f"{rule.name:<{width}}  {rule.statement}{lemma}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "check":
            return cmd_check(args)
        if args.command == "report":
            return cmd_report(args)
        if args.command == "selftest":
            return cmd_selftest(args)
        if args.command == "list":
            return cmd_list()
        return cmd_rules()
    except SoundnessError as exc:
        _clear_progress()
        if getattr(args, "json", False):
            print(json.dumps({"ok": False, "internal_contradiction": str(exc)}, indent=2))
        print(f"ganproof: INTERNAL CONTRADICTION: {exc}", file=sys.stderr)
        print("This is a bug in a rule; please report it with the command you ran.", file=sys.stderr)
        return 3
    except TexError as exc:
        _clear_progress()
        print(f"ganproof: error: {exc}", file=sys.stderr)
        return 4
    except (UsageError, InputError) as exc:
        _clear_progress()
        print(f"ganproof: error: {exc}", file=sys.stderr)
        return 2
    except GanproofError as exc:  # pragma: no cover - every subclass is handled above
        print(f"ganproof: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        _clear_progress()
        print("ganproof: interrupted", file=sys.stderr)
        return 130


def run_script(name: str, argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python derivations/NAME.py``: check one built-in derivation and print it."""
    args = list(sys.argv[1:] if argv is None else argv)
    return main(["check", name, *args])


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
