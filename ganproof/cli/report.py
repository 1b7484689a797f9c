"""``ganproof report``: a LaTeX proof report of built-in derivations or of one file, and its PDF."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ganproof.cli.check import check_precision, is_file_argument
from ganproof.cli.terminal import Terminal
from ganproof.errors import InputError, TexError, UsageError


def cmd_report(args: argparse.Namespace, term: Terminal) -> int:
    """Write the LaTeX report (and the PDF with --pdf); the exit status is that of the check, or 4 when the
    PDF asked for could not be made."""
    from ganproof.chain import check
    from ganproof.library import GROUPS, derivation, expand
    from ganproof.reports.files import write_atomic
    from ganproof.reports.latex import render as render_tex
    from ganproof.reports.model import builtin_report, file_report
    from ganproof.reports.pdf import INSTALL_HINT, compile_pdf, tex_engine

    check_precision(args)
    html = _html(term) if args.html else None  # before any work: a missing extra is said at once
    files = [n for n in args.names if is_file_argument(n)]
    if files and len(args.names) > 1:
        raise UsageError("a report is of one derivation file, or of built-in derivations; got "
                         + ", ".join(args.names))

    def progress(name: str) -> Callable[[Any], None]:
        return lambda step: term.progress(f"{name}: step {step.index} {step.verdict.value}")

    if files:
        from ganproof.reader.check import check_document
        from ganproof.reader.document import read_path
        from ganproof.reader.output import render_error

        source = Path(files[0])
        try:
            doc = read_path(str(source), strict=args.strict)
        except InputError as exc:
            term.err(render_error(exc, term.err_style))
            return 2
        report = check_document(doc, dps=args.dps, instances=args.instances, progress=progress(str(source)))
        term.clear_progress()
        ok = report.ok
        for c in report.contradictions:
            term.err(f"ganproof: INTERNAL CONTRADICTION in {source}: {c}")
        default = Path(source.stem + ".report.tex")
    else:
        names = expand(args.names)
        checked = []
        for d in (derivation(n) for n in names):
            checked.append((d, check(d, dps=args.dps, instances=args.instances, progress=progress(d.name))))
            term.clear_progress()
        group = args.names[0] if len(args.names) == 1 and args.names[0] in GROUPS else None
        ok = all(r.ok for _, r in checked)
        default = Path((group or ("_".join(names) if len(names) <= 3 else "report")) + ".tex")
    out = Path(args.output) if args.output else default
    if out.suffix != ".tex":
        raise UsageError(f"the report is a .tex file; -o {out} does not end in .tex")
    if files and out.resolve() == Path(files[0]).resolve():
        raise UsageError(f"-o {out} is the derivation file itself; choose another name")
    assets: list[Path] = []
    plots = None if args.no_figures else _plots(term)
    draw = _counterexample_figures(plots, out, assets, term) if plots is not None else None
    if files:
        model = file_report(doc, report, draw)
    else:
        figures: dict[str, list[tuple[str, str]]] = {}
        if plots is not None:
            for d, _ in checked:
                for suffix, make, caption in plots.REPORT_FIGURES.get(d.name, ()):
                    png = out.with_name(f"{out.stem}-{suffix}.png")
                    assets.append(plots.save_png(make(), png))
                    term.info(f"wrote {png}")
                    figures.setdefault(d.name, []).append((png.name, caption))
        model = builtin_report(checked, title=GROUPS[group][0] if group else None, figures=figures, draw=draw)
    tex = render_tex(model)
    write_atomic(out, tex)
    term.info(f"wrote {out}")
    if html is not None:
        page = out.with_suffix(".html")
        write_atomic(page, html.render(model, figures_folder=out.parent))
        term.info(f"wrote {page}")
    if args.pdf:
        if tex_engine() is None:
            raise TexError(f"no TeX engine found (latexmk or pdflatex), so no PDF (the .tex is written: {out}); "
                           f"{INSTALL_HINT}")
        pdf = compile_pdf(tex, out.with_suffix(".pdf"), assets=assets)
        term.info(f"wrote {pdf}")
    if files and report.contradictions:
        return 3
    return 0 if ok else 1


PLOTS_HINT = "pip install 'ganproof[plots]'"


def _counterexample_figures(plots: Any, out: Path, assets: list[Path], term: Terminal) -> Any:
    """The report's ``draw``: each counterexample whose sides differ by one integral gets a PNG beside the
    report (``OUT-counterexample-N.png``) of where they differ; others get none."""
    from ganproof.chain.verdict import Counterexample

    def draw(cex: Counterexample, label: str) -> tuple[str, str] | None:
        curve = cex.curve()
        if curve is None:
            return None
        png = out.with_name(f"{out.stem}-counterexample-{len(assets) + 1}.png")
        assets.append(plots.save_png(plots.counterexample_plot(curve), png))
        term.info(f"wrote {png}")
        return png.name, plots.counterexample_caption(curve, label)

    return draw


def _html(term: Terminal) -> Any:
    """The HTML renderer; a usage error naming the extra when jinja2 or latex2mathml is missing."""
    from ganproof.reports import html

    try:
        html._modules()
    except ImportError as exc:
        raise UsageError(f"--html needs jinja2 and latex2mathml, which are not installed ({html.HTML_HINT})") from exc
    return html


def _plots(term: Terminal) -> Any:
    """The plotting module, or None (with a note saying how to get the figures) when matplotlib is missing:
    the report is written without its figures, as with --no-figures."""
    try:
        from ganproof.reports import plots
    except ImportError as exc:
        if exc.name is not None and not exc.name.startswith("matplotlib"):
            raise
        term.note(f"ganproof: no figures in the report: matplotlib is not installed ({PLOTS_HINT} adds it; "
                  "--no-figures leaves them out without this note)")
        return None
    return plots
