"""Where the command line's output goes, and how loud it is: stdout and stderr with their styles,
the verbosity (``-q``, ``-v``) and the progress line.

A closed pipe (``ganproof check | head -1``) is not an error of the checker: :func:`quiet_exit`
points standard output at /dev/null so that nothing more is written (and Python's own flush at exit
raises nothing), and the command ends with 141 (128 + SIGPIPE), the status a shell gives a tool that
the pipe's reader stopped.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from typing import IO

from ganproof.style import PLAIN, Style, wants_colour

BROKEN_PIPE_STATUS = 141
"""128 + SIGPIPE: a command whose output was closed by its reader."""


@dataclass(frozen=True)
class Terminal:
    """The output channels of one command: ``verbosity`` -1 (``-q``), 0, or 1 (``-v``)."""

    verbosity: int = 0
    style: Style = PLAIN
    """For standard output."""
    err_style: Style = PLAIN
    """For standard error."""
    progress_shown: bool = False
    """Whether a progress line is drawn on standard error (a terminal, and not ``-q``)."""
    out_stream: IO[str] | None = field(default=None, compare=False)
    """None: whatever ``sys.stdout`` is when a line is written (so does ``err_stream``)."""
    err_stream: IO[str] | None = field(default=None, compare=False)

    @classmethod
    def from_options(cls, quiet: bool, verbose: bool, color: str) -> Terminal:
        out, err = sys.stdout, sys.stderr
        try:
            interactive = err.isatty()
        except (AttributeError, ValueError):
            interactive = False
        return cls(verbosity=-1 if quiet else 1 if verbose else 0, style=Style(wants_colour(color, out)),
                   err_style=Style(wants_colour(color, err)), progress_shown=interactive and not quiet,
                   out_stream=out, err_stream=err)

    @property
    def quiet(self) -> bool:
        return self.verbosity < 0

    @property
    def verbose(self) -> bool:
        return self.verbosity > 0

    def out(self, text: str = "") -> None:
        """A line on standard output, flushed (so that a reader sees each report as it is ready)."""
        print(text, file=self.out_stream or sys.stdout, flush=True)

    def json(self, data: object) -> None:
        """One JSON object on standard output (every ``--json`` output goes through here).

        With ``GANPROOF_VALIDATE_JSON=1`` (the tests set it) the object is checked against the JSON Schema
        first, and an object that breaks it raises :class:`SchemaMismatch` (a bug: exit 3) after printing.
        """
        self.out(json.dumps(data, indent=2))
        from ganproof.schema import problems, self_check_wanted
        if self_check_wanted():
            found = problems(data)
            if found:
                raise SchemaMismatch("the JSON output does not match ganproof/schema/check.json: "
                                     + "; ".join(found[:5]))


    def err(self, text: str) -> None:
        """A line on standard error."""
        self.clear_progress()
        print(text, file=self.err_stream or sys.stderr, flush=True)

    def error(self, text: str) -> None:
        """``ganproof: error: TEXT`` on standard error."""
        self.err(f"ganproof: {self.err_style.paint('error:', 'error')} {text}")

    def info(self, text: str) -> None:
        """A line on standard output that says what was done (``wrote FILE``), left out under ``-q``."""
        if not self.quiet:
            self.out(text)

    def note(self, text: str) -> None:
        """An informative line on standard error, left out under ``-q``."""
        if not self.quiet:
            self.err(text)

    def progress(self, text: str) -> None:
        """Redraw the progress line (only on a terminal, and not under ``-q``)."""
        if self.progress_shown:
            stream = self.err_stream or sys.stderr
            stream.write(f"\r\x1b[K{text}")
            stream.flush()

    def clear_progress(self) -> None:
        if self.progress_shown:
            stream = self.err_stream or sys.stderr
            stream.write("\r\x1b[K")
            stream.flush()


def quiet_exit() -> int:
    """After a closed pipe: standard output (and error, if that is the closed one) to /dev/null, and 141."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, OSError, ValueError):
            try:
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, stream.fileno())
                os.close(devnull)
            except (OSError, ValueError, AttributeError):
                pass
    return BROKEN_PIPE_STATUS


class SchemaMismatch(Exception):
    """An output that breaks the JSON Schema: a bug in the checker."""


__all__ = ["BROKEN_PIPE_STATUS", "SchemaMismatch", "Terminal", "quiet_exit"]
