"""The ``%%ganproof`` magic: check the cell (or a file) as a derivation file.

``%%ganproof [--dps N] [--instances K] [--strict]`` reads the cell body with
:func:`ganproof.reader.document.read_text` under the name ``<cell>`` (line
numbers count from the cell's first line), checks it with
:func:`ganproof.reader.check.check_document` and returns the
:class:`~ganproof.reader.check.FileReport`, which Jupyter displays.
``%ganproof [options] FILE`` does the same for a file.  Input the checker
cannot read is printed as the located error message (``<cell>:LINE:COL:
error: ...``, the source line and a caret), never as a traceback, and the
magic returns None.

The cell is only ever read by the derivation reader: it is parsed by the
whitelisted lexer and grammar, never executed or evaluated.

:func:`register` also gives both report types a plain-text display (the
terminal renderers), used when a report type has no ``_repr_pretty_`` of
its own; frontends prefer a report's HTML or LaTeX representation when it
has one.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NoReturn

from ganproof.chain.checker import DEFAULT_DPS, DEFAULT_INSTANCES, check_precision
from ganproof.chain.verdict import DerivationReport
from ganproof.errors import InputError, UsageError
from ganproof.reader.check import FileReport, check_document
from ganproof.reader.document import read_path, read_text
from ganproof.reader.output import render_error
from ganproof.reader.output import render_report as render_file_report
from ganproof.reports.text import render_report as render_derivation_report

__all__ = ["CELL_NAME", "MagicOptions", "parse_options", "ganproof_magic", "register"]

CELL_NAME = "<cell>"
"""The file name under which a cell is read (it appears in error messages and reports)."""

USAGE = "%%ganproof [--dps N] [--instances K] [--strict]   (cell)\n%ganproof [--dps N] [--instances K] [--strict] FILE"



@dataclass(frozen=True)
class MagicOptions:
    """The options of one ``%%ganproof`` / ``%ganproof`` call."""

    dps: int = DEFAULT_DPS
    instances: int = DEFAULT_INSTANCES
    strict: bool = False
    paths: tuple[str, ...] = ()


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message}\nusage: {USAGE}")


def _parser() -> _Parser:
    p = _Parser(prog="%%ganproof", add_help=False)
    p.add_argument("--dps", type=int, default=DEFAULT_DPS)
    p.add_argument("--instances", type=int, default=DEFAULT_INSTANCES)
    p.add_argument("--strict", action="store_true")
    p.add_argument("paths", nargs="*")
    return p


def parse_options(line: str) -> MagicOptions:
    """The magic's options (the text after ``%%ganproof``); a UsageError when they make no sense."""
    try:
        words = shlex.split(line)
    except ValueError as exc:
        raise UsageError(f"cannot split the options {line!r}: {exc}\nusage: {USAGE}") from None
    args = _parser().parse_args(words)
    check_precision(args.dps, args.instances)
    return MagicOptions(args.dps, args.instances, args.strict, tuple(args.paths))


def ganproof_magic(line: str, cell: str | None = None) -> FileReport | None:
    """``%%ganproof`` (cell) and ``%ganproof FILE`` (line): the FileReport, or None after printing an error.

    The cell body is read as a derivation file named ``<cell>``.  An
    InputError (unreadable input, with its location) or a UsageError (bad
    options) is printed to stderr; an internal contradiction
    (SoundnessError) is a bug and propagates.
    """
    try:
        opts = parse_options(line)
        if cell is None:
            if len(opts.paths) != 1:
                raise UsageError(f"%ganproof checks one FILE, got {len(opts.paths)}\nusage: {USAGE}")
            doc = read_path(opts.paths[0], strict=opts.strict)
        else:
            if opts.paths:
                raise UsageError(f"%%ganproof takes options only, not {' '.join(opts.paths)!r} "
                                 f"(the derivation is the cell)\nusage: {USAGE}")
            doc = read_text(cell, CELL_NAME, strict=opts.strict)
        return check_document(doc, dps=opts.dps, instances=opts.instances)
    except InputError as err:
        print(render_error(err), file=sys.stderr)
    except UsageError as err:
        print(f"usage error: {err}", file=sys.stderr)
    return None


def _text_printer(render: Callable[[Any], str]) -> Callable[[Any, Any, bool], None]:
    """An IPython pretty-printer (obj, printer, cycle) that writes ``render(obj)``."""

    def printer(obj: Any, p: Any, cycle: bool) -> None:
        p.text(render(obj))

    return printer


def register(ipython: Any) -> None:
    """Register ``%%ganproof`` / ``%ganproof`` and the plain-text display of reports on an IPython shell."""
    ipython.register_magic_function(ganproof_magic, magic_kind="line_cell", magic_name="ganproof")
    formatter = ipython.display_formatter.formatters["text/plain"]
    for cls, render in ((FileReport, render_file_report), (DerivationReport, render_derivation_report)):
        if "_repr_pretty_" not in vars(cls):
            formatter.for_type(cls, _text_printer(render))
