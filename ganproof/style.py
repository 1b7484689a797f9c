"""Colour for the terminal: a few ANSI roles (verdicts, ok/FAILED, errors), or none at all.

Renderers take a :class:`Style` and call :meth:`Style.paint` on words they have already padded, so
columns line up with or without colour.  :func:`wants_colour` decides, the way terminal tools do:
``--color=always|never`` first, then ``NO_COLOR`` (set and not empty: no colour), then whether the
stream is a terminal (and ``TERM`` is not ``dumb``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import IO

CODES: dict[str, str] = {
    "proved": "32",        # green
    "confirmed": "36",     # cyan
    "refuted": "1;31",     # bold red
    "unknown": "33",       # yellow
    "ok": "1;32",
    "failed": "1;31",
    "error": "1;31",
    "warning": "33",
    "heading": "1",
    "dim": "2",
}
"""The SGR code of each role; a role not listed is printed plain."""

COLOR_CHOICES = ("auto", "always", "never")


@dataclass(frozen=True)
class Style:
    """Whether to colour, and how: ``paint(text, role)`` wraps ``text`` in the role's escape codes."""

    colour: bool = False

    def paint(self, text: str, role: str) -> str:
        code = CODES.get(role.lower())
        if not self.colour or code is None or not text:
            return text
        return f"\x1b[{code}m{text}\x1b[0m"


PLAIN = Style(False)


def wants_colour(mode: str, stream: IO[str]) -> bool:
    """Colour for ``stream`` under ``--color=mode`` (auto, always, never)."""
    if mode == "always":
        return True
    if mode == "never" or os.environ.get("NO_COLOR", ""):
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


__all__ = ["CODES", "COLOR_CHOICES", "PLAIN", "Style", "wants_colour"]
