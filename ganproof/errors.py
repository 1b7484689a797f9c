"""One exception tree for the whole library.

A wrong step is never an exception: it is a :class:`~ganproof.chain.verdict.Verdict`.
Exceptions are kept for three separate cases:

* :class:`InputError` -- input the checker cannot read (a file, a name, a
  malformed expression); it carries the file, line and column when known.
* :class:`SoundnessError` -- an internal contradiction: a rule produced a
  symbolic certificate that the numbers reject.  This is a bug in a rule and
  must never be turned into a verdict.
* :class:`UsageError` -- the library was called with arguments that make no
  sense (an unknown derivation name, an unsupported relation).

Only the command line turns these into exit codes and messages.
"""

from __future__ import annotations


class GanproofError(Exception):
    """Base class of every error the library raises on purpose."""


class UsageError(GanproofError):
    """The library or the command was asked for something that does not exist.

    ``usage``: the command's usage line, when the command line itself was malformed.
    """

    def __init__(self, message: str, *, usage: str | None = None) -> None:
        super().__init__(message)
        self.usage = usage


class InputError(GanproofError):
    """Input that cannot be read, with its location when known.

    >>> str(InputError("unknown name 'Q'", file="a.tex", line=3, col=7))
    "a.tex:3:7: unknown name 'Q'"
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        col: int | None = None,
        source_line: str | None = None,
        cell: tuple[int, int] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.col = col
        self.source_line = source_line
        self.cell = cell
        """In a notebook: (cell number, line in the cell) of ``line``."""

    @property
    def where(self) -> str:
        """``FILE:LINE:COL``, in a notebook ``FILE:cell K:LINE:COL`` (the line in the cell)."""
        if self.cell is not None:
            parts: tuple[object, ...] = (self.file, f"cell {self.cell[0]}", self.cell[1], self.col)
        else:
            parts = (self.file, self.line, self.col)
        return ":".join(str(p) for p in parts if p is not None)

    def to_json(self) -> dict[str, object]:
        """``line``, ``col`` and ``message``; in a notebook also ``cell`` and ``cell_line``."""
        out: dict[str, object] = {"line": self.line, "col": self.col, "message": self.message}
        if self.cell is not None:
            out["cell"], out["cell_line"] = self.cell
        return out

    def __str__(self) -> str:
        where = self.where
        return f"{where}: {self.message}" if where else self.message


class SoundnessError(GanproofError):
    """A symbolic certificate that the numbers contradict: a bug in a rule.

    Raised loudly, never reported as a verdict, because a checker that
    silently trusted it would accept false steps.
    """


class OutputError(GanproofError):
    """An output file (a report, a PDF, a figure) could not be written: the path and the system's reason."""


class TexError(GanproofError):
    """A TeX engine could not compile a generated report: the log's first error and its line."""

    def __init__(self, message: str, tex_line: int | None = None) -> None:
        super().__init__(message)
        self.tex_line = tex_line
