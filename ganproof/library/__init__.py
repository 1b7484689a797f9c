"""The built-in derivations, by name, in the order they are checked.

Names, titles and groups come from :mod:`ganproof.library.catalog` (no SymPy); a derivation's module
is imported only when that derivation is built, so listing and checking names start fast.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from importlib import import_module
from typing import TYPE_CHECKING

from ganproof.errors import UsageError
from ganproof.library.catalog import BY_NAME, GROUPS, known_names
from ganproof.suggest import did_you_mean

if TYPE_CHECKING:
    from ganproof.chain import Derivation


class _Factories(Mapping[str, "Callable[[], Derivation]"]):
    """Name -> the function that builds that derivation, importing its module on first use."""

    def __getitem__(self, name: str) -> Callable[[], Derivation]:
        entry = BY_NAME[name]
        factory: Callable[[], Derivation] = getattr(import_module(f"ganproof.library.{entry.module}"), name)
        return factory

    def __iter__(self) -> Iterator[str]:
        return iter(BY_NAME)

    def __len__(self) -> int:
        return len(BY_NAME)


DERIVATIONS: Mapping[str, Callable[[], Derivation]] = _Factories()


def check_names(names: list[str]) -> None:
    """A UsageError naming the first of ``names`` that is neither a derivation nor a group, with the
    closest known names."""
    for name in names:
        if name not in BY_NAME and name not in GROUPS:
            known = ", ".join(known_names())
            raise UsageError(f"no built-in derivation named {name!r}{did_you_mean(name, known_names())}; known: "
                             f"{known} (see `ganproof list`)")


def expand(names: list[str]) -> list[str]:
    """Built-in names with groups replaced by their members, each once, in order."""
    check_names(names)
    out: list[str] = []
    for name in names:
        for member in GROUPS[name][1] if name in GROUPS else (name,):
            if member not in out:
                out.append(member)
    return out


def derivation(name: str) -> Derivation:
    """The built-in derivation called ``name``."""
    check_names([name])
    if name in GROUPS:
        raise UsageError(f"{name!r} names several derivations ({', '.join(GROUPS[name][1])}); build each by its "
                         "name")
    return DERIVATIONS[name]()


__all__ = ["DERIVATIONS", "GROUPS", "check_names", "derivation", "expand"]
