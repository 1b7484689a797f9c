"""ganproof: a symbolic derivation and proof checker for the mathematics of GAN losses.

The Python API (imported on first use, so that ``import ganproof`` stays cheap)::

    ganproof.check_file("mine.tex")          # a derivation file -> FileReport
    ganproof.check_text(r"$$ ... $$")        # a derivation as text -> FileReport
    ganproof.check("c_of_g")                 # a built-in derivation (or a Derivation) -> DerivationReport

Each report prints as the command line's text (``print(report)``), gives its JSON object
(``report.to_json()``) and displays itself in Jupyter; see :mod:`ganproof.api`.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "check": "ganproof.api",
    "check_file": "ganproof.api",
    "check_text": "ganproof.api",
    "DerivationReport": "ganproof.chain.verdict",
    "StepResult": "ganproof.chain.verdict",
    "Verdict": "ganproof.chain.verdict",
    "FileReport": "ganproof.reader.check",
    "InputError": "ganproof.errors",
    "UsageError": "ganproof.errors",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'ganproof' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])


__all__ = ["DerivationReport", "FileReport", "InputError", "StepResult", "UsageError", "Verdict", "__version__",
           "check", "check_file", "check_text"]
