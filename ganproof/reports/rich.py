"""Rich display of check results in Jupyter: the chain as aligned math with a mark per step
(``_repr_latex_``), and the same math above a table of verdicts (``_repr_html_``).

The math is the checked expressions' own LaTeX (``StepResult.lhs_latex`` /
``rhs_latex``, printed by the vocabulary's printer); every piece of prose goes
through :func:`html.escape`.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Sequence

from ganproof.chain.verdict import Counterexample, StepResult, Verdict
from ganproof.display import renders

MARK_TEX = {
    Verdict.PROVED: r"\color{green}{\checkmark}",
    Verdict.CONFIRMED: r"\color{blue}{\approx}",
    Verdict.REFUTED: r"\color{red}{\times}",
    Verdict.UNKNOWN: r"\color{orange}{?}",
}
COLOUR = {Verdict.PROVED: "#007828", Verdict.CONFIRMED: "#0050aa", Verdict.REFUTED: "#c80000",
          Verdict.UNKNOWN: "#c86e00"}
RELATION = {"=": "=", "<=": r"\le", ">=": r"\ge", "<": "<", ">": ">"}


def _label(step: StepResult) -> str:
    return f"line {step.line}" if step.line is not None else str(step.index)


@renders("latex-steps")
def aligned(steps: Sequence[StepResult], starts: Sequence[str] | None = None) -> str:
    """``$$\\begin{aligned}...\\end{aligned}$$``: each chain's rows, each step tagged with its mark."""
    groups: list[list[str]] = []
    previous_rhs: str | None = None
    current_chain: int | None = None
    for step in steps:
        if step.chain != current_chain or step.lhs_latex != previous_rhs:
            new_chain = step.chain != current_chain
            start = starts[step.chain] if starts is not None and new_chain else step.lhs_latex
            groups.append([f"& {start} &&"])
            current_chain = step.chain
        rel = RELATION.get(step.relation, step.relation)
        groups[-1].append(rf"&{rel} {step.rhs_latex} && {MARK_TEX[step.verdict]}\ \text{{({_label(step)})}}")
        previous_rhs = step.rhs_latex
    body = r" \\[1ex] ".join(r" \\ ".join(g) for g in groups)
    return "$$\\begin{aligned}" + body + "\\end{aligned}$$"


def _figure(cex: Counterexample, label: str) -> str:
    """Where the sides differ (:meth:`Counterexample.curve`), as an embedded PNG; nothing when the difference is
    not one integral or matplotlib (the plots extra) is missing."""
    curve = cex.curve()
    if curve is None:
        return ""
    try:
        from ganproof.reports import plots
    except ImportError:
        return ""
    caption = plots.counterexample_caption(curve, label)
    data = base64.b64encode(plots.png_bytes(plots.counterexample_plot(curve), dpi=80)).decode("ascii")
    return (f"<br><img src='data:image/png;base64,{data}' alt='{html.escape(caption, quote=True)}' "
            f"style='max-width:32em'><br><small>{html.escape(caption)}</small>")


@renders("html-table")
def html_table(title: str, steps: Sequence[StepResult], starts: Sequence[str] | None = None,
               notes: Sequence[str] = ()) -> str:
    """The aligned chain and a table: step, relation, verdict, rule, digits, reason, counterexample."""
    head = "<tr><th>step</th><th></th><th>verdict</th><th>rule</th><th>digits</th><th>reason</th></tr>"
    rows = []
    for s in steps:
        cex = ""
        if s.counterexample is not None:
            c = s.counterexample
            inst = "; ".join(f"{k} = {v}" for k, v in c.instance.items())
            slip = f"<br><b>slip:</b> {html.escape(c.slip)}" if c.slip else ""
            cex = (f"<br><b>counterexample:</b> {html.escape(inst)}<br>left side = <code>{html.escape(c.lhs)}"
                   f"</code>, right side = <code>{html.escape(c.rhs)}</code>{slip}{_figure(c, _label(s))}")
        rows.append(
            f"<tr><td>{html.escape(_label(s))}</td><td>{html.escape(s.relation)}</td>"
            f"<td style='color:{COLOUR[s.verdict]};font-weight:bold'>{s.verdict.value}</td>"
            f"<td><code>{html.escape(s.rule or '-')}</code></td><td>{s.digits if s.digits is not None else '-'}</td>"
            f"<td style='text-align:left'>{html.escape(s.reason)}{cex}</td></tr>")
    extra = "".join(f"<p>{html.escape(n)}</p>" for n in notes)
    return (f"<div><p><b>{html.escape(title)}</b></p>\n{aligned(steps, starts)}\n"
            f"<table>{head}{''.join(rows)}</table>{extra}</div>")


__all__ = ["aligned", "html_table"]
