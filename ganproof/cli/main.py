"""``ganproof``: check derivations (built-in or files), write proof reports, list them, list the rules.

Exit status: 0 when every step gets its expected verdict, 1 when any does
not, 2 for a usage or input error, 3 for an internal contradiction (a proof
that the numbers reject: a bug to report) or an internal error (for files: the
other steps and files are still checked and reported, and --json still prints
JSON), 4 when a report cannot be produced as asked (TeX missing or failing, a file
that cannot be written),
141 when the reader of the output closed it (``ganproof list | head -1``),
130 on an interrupt.

Only light modules are imported here: ``--help``, ``--version``, ``list`` and
``rules`` never import SymPy; each command imports what it needs when it runs.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from importlib import import_module
from typing import IO, TYPE_CHECKING, NoReturn

from ganproof import __version__
from ganproof.cli.terminal import SchemaMismatch, Terminal, quiet_exit
from ganproof.errors import GanproofError, InputError, OutputError, SoundnessError, TexError, UsageError
from ganproof.precision import DEFAULT_DPS, DEFAULT_INSTANCES, MAX_INSTANCES
from ganproof.style import COLOR_CHOICES
from ganproof.suggest import did_you_mean

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

FORMATS = ("text", "json", "csv", "junit", "markdown", "editor")
"""What ``check --format`` prints: the text report, one JSON object, or one row per file (or built-in
derivation) for a gradebook or a course's CI (the renderers of :mod:`ganproof.reports.table`), or one
``FILE:LINE:COL: error|warning|note: ...`` line per thing to look at, for editors (:mod:`ganproof.reports.editor`)."""


class _Parser(argparse.ArgumentParser):
    """argparse, with "did you mean" for subcommands, choices and options, and errors raised as
    :class:`UsageError` (exit 2, and a JSON object under ``--json``) instead of an exit from inside."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message + _suggestion(self, message), usage=self.format_usage().strip())

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        # argparse swallows a failed write (--help into a closed pipe); here it ends the command as a closed
        # pipe does everywhere else
        if message:
            out = file or sys.stderr
            out.write(message)
            flush = getattr(out, "flush", None)
            if flush is not None:
                flush()


def _option_strings(parser: argparse.ArgumentParser) -> list[str]:
    out: list[str] = []
    for action in parser._actions:
        out.extend(s for s in action.option_strings if s.startswith("--"))
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                out.extend(_option_strings(sub))
    return out


def _suggestion(parser: argparse.ArgumentParser, message: str) -> str:
    """The closest known word for the one argparse refused, when one is close."""
    m = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)", message)
    if m:
        return did_you_mean(m.group(1), re.findall(r"'([^']*)'", m.group(2)))
    m = re.search(r"unrecognized arguments: (.*)", message)
    if m:
        for word in m.group(1).split():
            if word.startswith("-"):
                hint = did_you_mean(word.split("=")[0], _option_strings(parser))
                if hint:
                    return hint
    return ""


def _common() -> _Parser:
    """-q, -v and --color, accepted before or after the subcommand: a new parser for each (argparse shares a
    parent's actions, and the top's defaults must not reach the subcommands' copies, which would reset an
    option given before the subcommand)."""
    common = _Parser(add_help=False)
    common.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS,
                        help="print only the closing line (and errors); no progress")
    common.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                        help="print more: every step's reason, each file's full report in a folder")
    common.add_argument("--color", "--colour", choices=COLOR_CHOICES, default=argparse.SUPPRESS,
                        help="colour the verdicts: auto (on a terminal, unless NO_COLOR is set; the default), "
                             "always or never")
    return common


def _precision(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dps", type=int, default=DEFAULT_DPS,
                   help=f"significant digits the two sides must agree to (default {DEFAULT_DPS})")
    p.add_argument("--instances", type=int, default=DEFAULT_INSTANCES,
                   help=f"concrete instances per step (default {DEFAULT_INSTANCES}, at most {MAX_INSTANCES})")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="ganproof", parents=[_common()],
        description="A proof checker for the mathematics of GAN losses: symbolic rules, cross-checked by quadrature.",
    )
    parser.set_defaults(quiet=False, verbose=False, color="auto")
    parser.add_argument("--version", action="version", version=f"ganproof {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    chk = sub.add_parser("check", parents=[_common()], help="check derivation files (FILE.tex, FILE.md, - for "
                         "standard input), folders of them, or built-in derivations (all by default)")
    chk.add_argument("names", nargs="*", metavar="FILE|DIR|NAME",
                     help="derivation files (an existing file, a path, or - for standard input), folders of "
                          "them, or built-in derivation names (see `ganproof list`)")
    chk.add_argument("--strict", action="store_true",
                     help="files: refuse to repair an unclosed bracket (an error instead of a warning)")
    _precision(chk)
    chk.add_argument("--json", action="store_true", help="print one JSON object (the same as --format json)")
    chk.add_argument("--format", choices=FORMATS, default=None,
                     help="text (the default), json, or one row per file (per built-in derivation) as csv, "
                          "junit (XML, one test case per file) or markdown (a table); with -v, one row (one "
                          "test case) per step; or editor: FILE:LINE:COL: error|warning|note: lines that Vim, "
                          "Emacs and VS Code jump to (files only)")
    chk.add_argument("--jobs", type=int, default=None,
                     help="worker processes: files, or built-in derivations, checked at once when several "
                     "are given (default: GANPROOF_JOBS or all cores)")
    rep = sub.add_parser("report", parents=[_common()], help="write a LaTeX proof report of built-in derivations or "
                         "of a derivation file, and compile it to PDF with --pdf")
    rep.add_argument("names", nargs="+", metavar="FILE|NAME",
                     help="one derivation file, or built-in derivation names (theorem1 for all of Theorem 1)")
    rep.add_argument("-o", "--output", metavar="OUT.tex",
                     help="where to write the report (default: NAME.tex, or FILE's name with .report.tex, "
                          "in the current folder)")
    rep.add_argument("--pdf", action="store_true", help="also compile it to OUT.pdf with latexmk or pdflatex")
    rep.add_argument("--html", action="store_true",
                     help="also write OUT.html: the same report as one standalone page (MathML, no network; "
                          "needs the html extra: pip install 'ganproof[html]')")
    rep.add_argument("--no-figures", action="store_true",
                     help="built-ins: leave out the plots (written as OUT-NAME.png beside the report)")
    rep.add_argument("--strict", action="store_true", help="files: refuse to repair an unclosed bracket")
    _precision(rep)
    st = sub.add_parser("selftest", parents=[_common()], help="measure the checker's false-accept rate: mutants of "
                        "every right step (built-ins and examples) must never be accepted")
    st.add_argument("--mutants", action="store_true", required=True,
                    help="mutate every right step's right-hand side (or relation) and check each mutant")
    st.add_argument("--sample", type=int, default=None, metavar="N",
                    help="check a reproducible sample of N mutants instead of all")
    st.add_argument("--seed", type=int, default=0, help="the sample's seed (default 0)")
    st.add_argument("--examples", action="append", default=None, metavar="DIR",
                    help="a folder of example files with expected.json; repeat for several "
                         "(default: tests/examples and examples of this checkout, or of the current folder; "
                         "the self-test fails when they are not found)")
    st.add_argument("--builtins-only", action="store_true",
                    help="mutate the built-in derivations' steps only (no example files)")
    _precision(st)
    st.add_argument("--json", action="store_true", help="print the counts as one JSON object")
    sub.add_parser("list", parents=[_common()], help="list the built-in derivations")
    sub.add_parser("rules", parents=[_common()], help="list the rules, each with its statement")
    return parser


COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("ganproof.cli.check", "cmd_check"),
    "report": ("ganproof.cli.report", "cmd_report"),
    "selftest": ("ganproof.cli.selftest", "cmd_selftest"),
    "list": ("ganproof.cli.listing", "cmd_list"),
    "rules": ("ganproof.cli.listing", "cmd_rules"),
}
"""Each subcommand's module and function (imported when it runs): it prints through the Terminal and
returns the exit status."""


def command(name: str) -> Callable[[argparse.Namespace, Terminal], int]:
    module, function = COMMANDS[name]
    found: Callable[[argparse.Namespace, Terminal], int] = getattr(import_module(module), function)
    return found


# ---------------------------------------------------------------------------------------------- JSON


def _json_requested(argv: Sequence[str]) -> bool:
    return "--json" in argv or "--format=json" in argv or any(
        a == "--format" and b == "json" for a, b in zip(argv, argv[1:]))


def _color_option(argv: Sequence[str]) -> str:
    """The value of --color (or --colour) in ``argv``, before it is parsed; auto when absent or unknown."""
    value = "auto"
    for i, a in enumerate(argv):
        name, eq, rest = a.partition("=")
        if name in ("--color", "--colour"):
            value = rest if eq else (argv[i + 1] if i + 1 < len(argv) else value)
    return value if value in COLOR_CHOICES else "auto"


def _error_json(message: str, kind: str, term: Terminal) -> None:
    from ganproof.schema import error_document
    term.json(error_document(kind, message))


# ---------------------------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; the exit status (see the module's docstring). Never raises for a closed pipe."""
    try:
        return _main(list(sys.argv[1:] if argv is None else argv))
    except BrokenPipeError:
        return quiet_exit()


def _main(argv: list[str]) -> int:
    json_wanted = _json_requested(argv)
    # the options that shape the output are read first, so that even a usage error is printed as asked
    term = Terminal.from_options("-q" in argv or "--quiet" in argv, False, _color_option(argv))
    try:
        try:
            args = _parser().parse_args(argv)
        except SystemExit as exc:  # --help, --version
            return int(exc.code or 0) if not isinstance(exc.code, str) else 2
        term = Terminal.from_options(args.quiet, args.verbose, args.color)
        if args.quiet and args.verbose:
            raise UsageError("-q and -v ask for less and for more output; give one")
        return command(args.command)(args, term)
    except SchemaMismatch as exc:
        term.error(f"{exc}; this is a bug in the checker: please report it with the command you ran")
        return 3
    except SoundnessError as exc:
        term.clear_progress()
        if json_wanted:
            _error_json(str(exc), "internal-contradiction", term)
        term.err(f"ganproof: INTERNAL CONTRADICTION: {exc}")
        term.err("This is a bug in a rule; please report it with the command you ran.")
        return 3
    except (TexError, OutputError) as exc:
        if json_wanted:
            _error_json(str(exc), "tex" if isinstance(exc, TexError) else "output", term)
        term.error(str(exc))
        return 4
    except (UsageError, InputError) as exc:
        kind = "usage" if isinstance(exc, UsageError) else "input"
        if json_wanted:
            _error_json(str(exc), kind, term)
        usage = getattr(exc, "usage", None)
        if usage:
            term.err(usage)
        term.error(str(exc))
        return 2
    except GanproofError as exc:  # pragma: no cover - every subclass is handled above
        term.error(str(exc))
        return 2
    except KeyboardInterrupt:
        term.err("ganproof: interrupted")
        return 130


def run_script(name: str, argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python derivations/NAME.py``: check one built-in derivation and print it."""
    args = list(sys.argv[1:] if argv is None else argv)
    return main(["check", name, *args])


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
