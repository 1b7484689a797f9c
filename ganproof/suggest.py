""""Did you mean": the known names closest to a misspelled one (difflib), for every message that
refuses a name (derivations, rule tags, subcommands, options)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def close_names(name: str, known: Iterable[str], n: int = 3, cutoff: float = 0.75) -> list[str]:
    """The known names that look like ``name``, best first (case-insensitive); none when nothing is close."""
    choices = list(dict.fromkeys(known))
    lowered = {c.lower(): c for c in choices}
    hits = difflib.get_close_matches(name.lower(), list(lowered), n=n, cutoff=cutoff)
    return [lowered[h] for h in hits]


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """``" (did you mean 'x'?)"`` (or ``'x' or 'y'``) when a known name is close to ``name``, else ``""``."""
    hits = close_names(name, known)
    if not hits:
        return ""
    return " (did you mean " + " or ".join(repr(h) for h in hits) + "?)"


__all__ = ["close_names", "did_you_mean"]
