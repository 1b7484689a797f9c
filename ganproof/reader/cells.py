"""A Jupyter notebook read as its Markdown cells.

A notebook (``.ipynb``) is JSON: its derivation is in the Markdown cells, the code cells are code.
:func:`notebook` parses the JSON (a data format, not code: nothing is evaluated) and gives a
:class:`~ganproof.reader.source.Source` whose text is the Markdown cells one after another, a blank line
between two cells (a formula never runs from one cell into the next), and whose ``cells`` say where each
cell starts, so that every position is reported as a cell of the notebook and a line in it.  Both the
current format (``cells``) and format 3 (``worksheets``) are read.
"""

from __future__ import annotations

import json
from typing import Any

from ganproof.errors import InputError
from ganproof.reader.source import Source

NOTEBOOK_SUFFIX = ".ipynb"
MAX_CELLS = 5_000
"""Cells in one notebook."""


def _text(source: Any, name: str, number: int) -> str:
    """A cell's source: a string or a list of strings (its lines, each with its newline)."""
    if isinstance(source, str):
        return source
    if isinstance(source, list) and all(isinstance(s, str) for s in source):
        return "".join(source)
    raise InputError(f"cell {number} of the notebook has a source that is neither text nor a list of lines",
                     file=name)


def _cells(data: Any, name: str) -> list[Any]:
    if isinstance(data, dict) and isinstance(data.get("cells"), list):
        return list(data["cells"])
    if isinstance(data, dict) and isinstance(data.get("worksheets"), list):  # nbformat 3
        out: list[Any] = []
        for sheet in data["worksheets"]:
            if isinstance(sheet, dict) and isinstance(sheet.get("cells"), list):
                out.extend(sheet["cells"])
        return out
    raise InputError("not a Jupyter notebook: the JSON has no list of cells", file=name)


def notebook(name: str, text: str) -> Source:
    """The Markdown cells of the notebook ``text`` as one text, with the line where each cell starts."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        where = f" (line {exc.lineno}, column {exc.colno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise InputError(f"not a Jupyter notebook: the file is not valid JSON{where}; save the notebook again, "
                         "or copy its Markdown into a .md file", file=name) from None
    cells = _cells(data, name)
    if len(cells) > MAX_CELLS:
        raise InputError(f"the notebook has {len(cells)} cells, more than the limit of {MAX_CELLS}", file=name)
    parts: list[str] = []
    starts: list[tuple[int, int]] = []
    line = 1
    for number, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "markdown":
            continue
        body = _text(cell.get("source", ""), name, number).replace("\r\n", "\n")
        starts.append((line, number))
        parts.append(body)
        line += body.count("\n") + 2  # the cell's lines, then the blank line that separates it from the next
    if not parts:
        raise InputError("the notebook has no Markdown cell: the checker reads the derivation in the Markdown "
                         "cells ($$ ... $$, \\begin{align} ... \\end{align}), not the code", file=name)
    return Source.of(name, "\n\n".join(parts), tuple(starts))
