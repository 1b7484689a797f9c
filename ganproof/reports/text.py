"""Plain-text rendering of check results for the terminal."""

from __future__ import annotations

from collections.abc import Sequence

from ganproof.chain.verdict import DerivationReport, StepResult, Verdict
from ganproof.display import renders
from ganproof.style import PLAIN, Style

MARK = {
    Verdict.PROVED: "proved",
    Verdict.CONFIRMED: "confirmed",
    Verdict.REFUTED: "REFUTED",
    Verdict.UNKNOWN: "unknown",
}


def render_step(step: StepResult, style: Style = PLAIN, verbose: bool = False) -> str:
    """One line for a step, then its reason (a proved step's too when ``verbose``) and its counterexample
    when it has one."""
    digits = f"{step.digits:>3d} digits" if step.digits is not None else "   -      "
    expected = "" if step.ok else "   <-- expected " + step.expected
    if step.ok and step.expected == "refuted":
        expected = "   (a marked mistake, refuted as expected)"
    rule = step.rule or "-"
    if len(rule) > 38:
        rule = rule[:35] + "..."
    lines = [
        f"  [{step.index:>2}] {step.relation:<2} {style.paint(f'{MARK[step.verdict]:<9}', step.verdict.value)} "
        f"{rule:<38} {digits} {step.seconds:6.2f}s{style.paint(expected, 'failed') if not step.ok else expected}"
    ]
    if step.verdict is not Verdict.PROVED or verbose:
        lines.append(f"       reason: {step.reason}")
    if step.equality_condition:
        lines.append(f"       equality iff {step.equality_text or step.equality_condition}")
    if step.counterexample is not None:
        cex = step.counterexample
        lines.append("       counterexample: " + "; ".join(f"{k} = {v}" for k, v in cex.instance.items()))
        lines.append(f"       left side  = {cex.lhs}")
        lines.append(f"       right side = {cex.rhs}")
        if cex.slip:
            lines.append(f"       slip: {cex.slip}")
    return "\n".join(lines)


def render_header(report_name: str, title: str) -> str:
    return f"{report_name}: {title}"


@renders("derivation-text")
def render_report(report: DerivationReport, style: Style = PLAIN, verbose: bool = False) -> str:
    """A derivation's steps, grouped by chain, with its lemmas and a closing line."""
    out = [style.paint(render_header(report.name, report.title), "heading")]
    current = -1
    for step in report.steps:
        if step.chain != current:
            current = step.chain
            title = report.chain_titles[current]
            if title:
                out.append(f"  -- {title}")
        out.append(render_step(step, style, verbose))
    for lemma in report.lemmas:
        out.append(f"  lemma {lemma['name']}: {lemma['status']}")
    good = sum(s.ok for s in report.steps)
    verdict = style.paint("ok", "ok") if report.ok else style.paint("FAILED", "failed")
    out.append(f"  {verdict}: {good}/{len(report.steps)} steps as expected")
    return "\n".join(out)


def render_summary(reports: Sequence[DerivationReport], seconds: float, style: Style = PLAIN) -> str:
    """One closing line: derivations, steps by verdict, how many as expected, assumed lemmas, time."""
    steps = [s for r in reports for s in r.steps]
    counts = {v: sum(1 for s in steps if s.verdict is v) for v in Verdict}
    good = sum(s.ok for s in steps)
    assumed = [lm for r in reports for lm in r.lemmas if lm["status"].startswith("assumed")]
    parts = ", ".join(f"{counts[v]} {v.value}" for v in Verdict if counts[v])
    verdict = style.paint("ok", "ok") if all(r.ok for r in reports) else style.paint("FAILED", "failed")
    return (
        f"{verdict}: {len(reports)} derivation{'s' if len(reports) != 1 else ''}, {len(steps)} steps ({parts}); "
        f"{good}/{len(steps)} as expected; assumed lemmas: {len(assumed)}; {seconds:.1f}s"
    )
