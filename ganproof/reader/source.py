"""The text of a derivation file and its positions.

Every token, row and directive keeps its offset into the original text;
:class:`Source` turns an offset into a 1-based line and column, and builds an
:class:`~ganproof.errors.InputError` that carries the file, line, column and
the source line (for the caret the command line prints).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from ganproof.errors import InputError


@dataclass(frozen=True)
class Source:
    """A decoded file: its name, its text and where each line starts.

    A notebook's text is its Markdown cells one after another (:mod:`ganproof.reader.cells`); ``cells``
    then gives, for each cell read, the line of the text where it starts and its number in the notebook,
    so that a position is also said as a cell and a line in it."""

    name: str
    text: str
    line_starts: tuple[int, ...] = field(default=(), compare=False)
    cells: tuple[tuple[int, int], ...] = field(default=(), compare=False)
    """(first line in ``text``, cell number from 1) of each cell read, in order; empty for a plain file."""

    @classmethod
    def of(cls, name: str, text: str, cells: tuple[tuple[int, int], ...] = ()) -> Source:
        starts = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                starts.append(i + 1)
        return cls(name, text, tuple(starts), cells)

    def cell_line(self, line: int | None) -> tuple[int, int] | None:
        """(cell number, line in the cell) of a line of the text, or None for a plain file."""
        if not self.cells or line is None:
            return None
        k = bisect.bisect_right([first for first, _ in self.cells], line) - 1
        if k < 0:
            return None
        first, number = self.cells[k]
        return number, line - first + 1

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of ``offset``."""
        offset = max(0, min(offset, len(self.text)))
        i = bisect.bisect_right(self.line_starts, offset) - 1
        return i + 1, offset - self.line_starts[i] + 1

    def line_of(self, offset: int) -> int:
        return self.line_col(offset)[0]

    def where(self, offset: int) -> str:
        line, col = self.line_col(offset)
        return f"{line}:{col}"

    def source_line(self, line: int) -> str:
        start = self.line_starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start:] if end < 0 else self.text[start:end]

    def error(self, offset: int, message: str) -> InputError:
        """An InputError located at ``offset``."""
        line, col = self.line_col(offset)
        return InputError(message, file=self.name, line=line, col=col, source_line=self.source_line(line),
                          cell=self.cell_line(line))
