"""HTML proof reports: the same report as the LaTeX one (:mod:`ganproof.reports.model`), as one standalone page.

The page needs no network and no script: mathematics is MathML (converted from the project's own LaTeX
by latex2mathml, rendered natively by current browsers), the styles are inline, and figures are embedded
as data URIs.  The page is assembled by a Jinja2 template (``templates/report.html.j2``) with
autoescaping on, so that prose from a file can never become markup.  Both libraries come with the
``html`` extra (``pip install 'ganproof[html]'``).
"""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from ganproof.chain.steps import Derivation
from ganproof.chain.verdict import DerivationReport, Verdict
from ganproof.reader.check import FileReport
from ganproof.reader.document import Document
from ganproof.reports.model import Inline, Report, builtin_report, file_report

HTML_HINT = "pip install 'ganproof[html]'"

MARK = {Verdict.PROVED: "\u2713", Verdict.CONFIRMED: "\u2248", Verdict.REFUTED: "\u2717", Verdict.UNKNOWN: "?"}


def _modules() -> tuple[Any, Any]:
    """jinja2 and latex2mathml's converter (ImportError, naming the extra, without them)."""
    try:
        import jinja2
        from latex2mathml import converter
    except ImportError as exc:
        raise ImportError(f"the HTML report needs jinja2 and latex2mathml ({HTML_HINT})", name=exc.name) from exc
    return jinja2, converter


@lru_cache(maxsize=4096)
def mathml(latex: str, display: bool = False) -> str:
    """The MathML of a piece of the project's LaTeX; where latex2mathml cannot convert it, the LaTeX itself
    in a ``<code>`` (escaped), so that nothing is lost."""
    from markupsafe import escape

    _, converter = _modules()
    # latex2mathml sets \log t as "logt": a thin space after an operator name followed by its argument
    spaced = re.sub(r"\\(log|exp|sin|cos|tanh|min|max) (?=[A-Za-z0-9\\])", r"\\\1\\, ", latex)
    try:
        return str(converter.convert(spaced, display="block" if display else "inline"))
    except Exception:  # latex2mathml raises its own and Python's errors on constructs it lacks
        return f'<code class="tex">{escape(latex)}</code>'


def inline_html(pieces: Inline) -> str:
    """Text escaped, mathematics as inline MathML."""
    from markupsafe import escape

    return "".join(str(escape(s)) if kind == "text" else mathml(s) for kind, s in pieces)


def _figure(folder: Path | None, file: str) -> str | None:
    """A PNG beside the report as a data URI (the page stays one file); None when it is not there."""
    path = (folder / file) if folder is not None else Path(file)
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


def render(report: Report, figures_folder: Path | None = None) -> str:
    """The standalone HTML page of a report (figures read from ``figures_folder``)."""
    jinja2, _ = _modules()
    env = jinja2.Environment(loader=jinja2.PackageLoader("ganproof.reports", "templates"),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    from markupsafe import Markup

    env.filters["inline"] = lambda pieces: Markup(inline_html(pieces))
    env.filters["display"] = lambda latex: Markup(mathml(latex, display=True))
    env.filters["math"] = lambda latex: Markup(mathml(latex))
    env.filters["figure"] = lambda file: _figure(figures_folder, file)
    return env.get_template("report.html.j2").render(report=report, MARK=MARK, Verdict=Verdict,
                                                     verdicts=list(Verdict))


def derivation_html(checked: Sequence[tuple[Derivation, DerivationReport]], title: str | None = None,
                    figures: Mapping[str, Sequence[tuple[str, str]]] | None = None,
                    figures_folder: Path | None = None) -> str:
    """A standalone HTML page for one or more checked built-in derivations."""
    return render(builtin_report(checked, title, figures), figures_folder)


def file_html(doc: Document, report: FileReport) -> str:
    """A standalone HTML page for a checked derivation file."""
    return render(file_report(doc, report))


__all__ = ["HTML_HINT", "derivation_html", "file_html", "inline_html", "mathml", "render"]
