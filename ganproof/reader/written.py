"""The person's own text of a row or a side, as written in the file, for the output to show.

Only what is no mathematics is taken off: LaTeX comments, ``\\tag{...}``/``\\label{...}``/``\\nonumber``,
alignment ``&`` and the row break ``\\\\``; runs of white space become one space.  The text is shown,
never read: the verdicts rest on what the grammar read (:mod:`ganproof.reader.syntax`).
"""

from __future__ import annotations

import re

_COMMENT = re.compile(r"(?<!\\)%[^\n]*")
_MARKS = re.compile(r"\\(?:tag\*?|label)\s*\{[^{}]*\}|\\(?:nonumber|notag)\b")
_BREAK = re.compile(r"\\\\\s*(?:\[[^\]]*\])?\s*$")


def written(text: str) -> str:
    """``text`` (a slice of the file) without comments, tags, ``&`` and a closing ``\\\\``, on one line."""
    out = _COMMENT.sub("", text)
    out = _MARKS.sub("", out)
    out = re.sub(r"(?<!\\)&", " ", out)
    out = " ".join(out.split())
    while True:
        trimmed = _BREAK.sub("", out).rstrip()
        if trimmed == out:
            break
        out = trimmed
    return out


__all__ = ["written"]
