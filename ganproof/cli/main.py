"""``ganproof``: check the built-in derivations, list them, list the rules.

Exit status: 0 when every step gets its expected verdict, 1 when any does
not, 2 for a usage or input error, 3 for an internal contradiction (a proof
that the numbers reject: a bug to report).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence

from ganproof.chain import DEFAULT_DPS, DEFAULT_INSTANCES, StepResult, check
from ganproof.errors import GanproofError, InputError, SoundnessError, UsageError
from ganproof.library import DERIVATIONS, derivation
from ganproof.reports.text import render_report, render_summary
from ganproof.rules import ALL_RULES


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ganproof",
        description="A proof checker for the mathematics of GAN losses: symbolic rules, cross-checked by quadrature.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    chk = sub.add_parser("check", help="check built-in derivations (all by default)")
    chk.add_argument("names", nargs="*", help="built-in derivation names (see `ganproof list`)")
    chk.add_argument("--dps", type=int, default=DEFAULT_DPS,
                     help=f"significant digits the two sides must agree to (default {DEFAULT_DPS})")
    chk.add_argument("--instances", type=int, default=DEFAULT_INSTANCES,
                     help=f"concrete instances per step (default {DEFAULT_INSTANCES}, at most 4)")
    chk.add_argument("--json", action="store_true", help="print one JSON object instead of text")
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


def cmd_check(args: argparse.Namespace) -> int:
    if not 5 <= args.dps <= 200:
        raise UsageError(f"--dps must be between 5 and 200, got {args.dps}")
    if not 1 <= args.instances <= 4:
        raise UsageError(f"--instances must be between 1 and 4, got {args.instances}")
    names = args.names or list(DERIVATIONS)
    derivations = [derivation(n) for n in names]
    start = time.perf_counter()
    reports = []
    for d in derivations:
        report = check(d, dps=args.dps, instances=args.instances, progress=_progress(d.name))  # type: ignore[arg-type]
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


def cmd_list() -> int:
    width = max(len(n) for n in DERIVATIONS)
    for name, factory in DERIVATIONS.items():
        print(f"{name:<{width}}  {factory().title}")
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
        if args.command == "list":
            return cmd_list()
        return cmd_rules()
    except SoundnessError as exc:
        _clear_progress()
        print(f"ganproof: INTERNAL CONTRADICTION: {exc}", file=sys.stderr)
        print("This is a bug in a rule; please report it with the command you ran.", file=sys.stderr)
        return 3
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
