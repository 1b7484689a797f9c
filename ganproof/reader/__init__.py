"""The reader of LaTeX derivation files: ``ganproof check FILE`` (ganproof/docs/format.md).

blocks (display math, rows, directives) -> lexer (whitelisted tokens) ->
grammar (lark LALR, to the reader's syntax tree) -> resolve (to the SymPy
vocabulary) -> document (what each row means) -> check (verdicts).

``from ganproof.reader import read_path, read_text, check_document`` gives the two stages by hand
(``ganproof.check_file`` does both); they are imported on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_LAZY = {
    "read_path": "ganproof.reader.document",
    "read_text": "ganproof.reader.document",
    "read_stream": "ganproof.reader.document",
    "Document": "ganproof.reader.document",
    "check_document": "ganproof.reader.check",
    "FileReport": "ganproof.reader.check",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'ganproof.reader' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


__all__ = ["Document", "FileReport", "check_document", "read_path", "read_stream", "read_text"]
