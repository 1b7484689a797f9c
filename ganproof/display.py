"""How a report shows itself (``print``, Jupyter), without the report's layer importing the renderers.

A report (:class:`~ganproof.chain.verdict.DerivationReport`, :class:`~ganproof.reader.check.FileReport`)
lives below the renderers that read it (:mod:`ganproof.reports`), so it cannot import them
without a loop between the layers.  Instead the renderers register themselves here by the name of
what they render (``@display.renders("derivation-text")``), and a report asks for its renderer by
that name.  The renderers' modules are named in :data:`PROVIDERS` and imported on the first
request, so that ``import ganproof`` stays cheap and a report prints with nothing imported first.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., str])

PROVIDERS: tuple[str, ...] = ("ganproof.reports.text", "ganproof.reports.rich")
"""Modules that register renderers when imported (each one registers with :func:`renders`)."""

_RENDERERS: dict[str, Callable[..., str]] = {}


def renders(kind: str) -> Callable[[F], F]:
    """Register the decorated function as the renderer of ``kind``; a kind has one renderer."""

    def register(fn: F) -> F:
        known = _RENDERERS.get(kind)
        if known is not None and known is not fn:
            raise ValueError(f"the renderer of {kind!r} is already {known.__module__}.{known.__qualname__}; "
                             f"{fn.__module__}.{fn.__qualname__} cannot register for it too")
        _RENDERERS[kind] = fn
        return fn

    return register


def render(kind: str, *args: Any, **kwargs: Any) -> str:
    """The text ``kind``'s renderer makes of ``args``; the providers are imported on first use."""
    if kind not in _RENDERERS:
        for module in PROVIDERS:
            import_module(module)
    try:
        fn = _RENDERERS[kind]
    except KeyError:
        raise LookupError(f"no renderer registered for {kind!r}; known: {', '.join(sorted(_RENDERERS))} "
                          f"(a renderer registers with @ganproof.display.renders({kind!r}) in one of "
                          f"{', '.join(PROVIDERS)})") from None
    return fn(*args, **kwargs)


__all__ = ["PROVIDERS", "render", "renders"]
