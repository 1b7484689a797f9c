"""The Python API: check a file, a text or a built-in derivation, and get the report the command line prints.

>>> import ganproof
>>> report = ganproof.check_text(r"$$ \\mathbb{E}_{x \\sim p}[1] = 1 $$")   # doctest: +SKIP
>>> report.ok, [s.verdict.value for s in report.steps]                 # doctest: +SKIP
(True, ['proved'])
>>> print(report)                                                       # doctest: +SKIP

``str(report)`` is the command line's text, ``report.to_json()`` its JSON object (the schema of
:mod:`ganproof.schema`), and in Jupyter a report shows itself as aligned mathematics with a table of
verdicts.  Input that cannot be read raises :class:`~ganproof.errors.InputError` (with its file, line
and column); a wrong step is a verdict, never an exception.
"""

from __future__ import annotations

from collections.abc import Callable
from os import PathLike
from typing import TYPE_CHECKING

from ganproof.precision import DEFAULT_DPS, DEFAULT_INSTANCES

if TYPE_CHECKING:
    from ganproof.chain import Derivation, DerivationReport, StepResult
    from ganproof.reader.check import FileReport


def check_file(path: str | PathLike[str], *, strict: bool = False, dps: int = DEFAULT_DPS,
               instances: int = DEFAULT_INSTANCES, jobs: int | None = None,
               progress: Callable[[StepResult], None] | None = None) -> FileReport:
    """Read and check the derivation file at ``path`` (LaTeX or Markdown; see ganproof/docs/format.md).

    ``strict``: refuse to repair an unclosed bracket; ``dps``: digits the two sides must agree to;
    ``instances``: concrete instances per step; ``jobs``: worker processes for the numbers (default
    ``GANPROOF_JOBS`` or the cores); ``progress(step)`` hears of each step as it is judged.
    """
    from ganproof.chain.checker import check_precision
    from ganproof.reader.check import check_document
    from ganproof.reader.document import read_path

    check_precision(dps, instances)
    return check_document(read_path(str(path), strict=strict), dps=dps, instances=instances, jobs=jobs,
                          progress=progress)


def check_text(text: str, *, name: str = "<text>", strict: bool = False, dps: int = DEFAULT_DPS,
               instances: int = DEFAULT_INSTANCES, jobs: int | None = None,
               progress: Callable[[StepResult], None] | None = None) -> FileReport:
    """Check a derivation given as text (``name`` stands for the file in messages); as :func:`check_file`."""
    from ganproof.chain.checker import check_precision
    from ganproof.reader.check import check_document
    from ganproof.reader.document import read_text

    check_precision(dps, instances)
    return check_document(read_text(text, name=name, strict=strict), dps=dps, instances=instances, jobs=jobs,
                          progress=progress)


def check(derivation: Derivation | str, *, dps: int = DEFAULT_DPS, instances: int = DEFAULT_INSTANCES,
          jobs: int | None = None, progress: Callable[[StepResult], None] | None = None) -> DerivationReport:
    """Check a :class:`~ganproof.chain.Derivation`, or the built-in derivation of that name
    (``ganproof list``; a group such as ``theorem1`` names several: check each of
    ``ganproof.library.expand(["theorem1"])``)."""
    from ganproof.chain import check as check_derivation
    from ganproof.chain.checker import check_precision
    from ganproof.library import derivation as built_in

    check_precision(dps, instances)
    target = built_in(derivation) if isinstance(derivation, str) else derivation
    return check_derivation(target, dps=dps, instances=instances, jobs=jobs, progress=progress)


__all__ = ["check", "check_file", "check_text"]
