"""Checking a derivation file: a verdict for every step, built on the chain checker.

Each step is certified by :func:`ganproof.chain.checker.certify` and
evaluated through :class:`~ganproof.chain.numeric_check.NumericChecker`;
:func:`~ganproof.chain.checker.judge` combines the two.  On top of that, the
file semantics of ganproof/docs/format.md:

* strict chains with recovery: a step after a refuted row is also judged
  against the last accepted row, and ``recovers_from`` names that row's line
  when the step holds there;
* \\max/\\min in front of both sides are stripped (noted in the reason);
* sample means whose samples have no known law are tried with each candidate
  law (each density, and their equal mixture): refuted when none makes the
  step hold, otherwise unknown with the law to declare;
* sequences of equations are judged by :mod:`ganproof.reader.equations`.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef

from ganproof.chain.checker import DEFAULT_DPS, DEFAULT_INSTANCES, certify, judge
from ganproof.chain.numeric_check import NumericChecker, NumericOutcome
from ganproof.chain.steps import Step
from ganproof.chain.verdict import Counterexample, StepResult, Verdict
from ganproof.display import render
from ganproof.errors import GanproofError, InputError, SoundnessError
from ganproof.numeric import limits
from ganproof.numeric.evaluate import default_jobs
from ganproof.reader.corrections import MAX_SUGGESTIONS, describe, search, smallest_first
from ganproof.reader.document import MIXTURE_LABEL, Document, FileChain
from ganproof.reader.equations import Implication, implication
from ganproof.reader.means import derivative_problem, mean_problem, mean_without_bound, merged_problem
from ganproof.reader.names import DATA_DENSITIES
from ganproof.reader.resolve import PEARSON_LABEL
from ganproof.reader.written import written
from ganproof.rules.domain import INFINITE_REASON, bare_in, may_be_infinite, moment_problem
from ganproof.vocabulary import (KL, Context, CrossEntropy, Defined, Density, Expectation, FDivergence, LabelledMixture,
                                   ParametricDensity, SampleMean, SampleSet)
from ganproof.vocabulary.generators import F_NEYMAN, F_PEARSON
from ganproof.vocabulary.domain import CANCELLED, MERGED, OPPOSED, ZEROED, DomainCondition
from ganproof.vocabulary.names import latex_name
from ganproof.vocabulary.printing import to_latex



@dataclass(frozen=True)
class FileReport:
    """The verdicts on a file's steps, with what was read and assumed."""

    file: str
    steps: tuple[StepResult, ...]
    definitions: tuple[dict[str, Any], ...]
    assumptions: tuple[dict[str, Any], ...]
    warnings: tuple[dict[str, Any], ...]
    errors: tuple[dict[str, Any], ...] = ()
    """The located input errors of the rows and blocks that could not be read (``line``, ``col``,
    ``message``); the other steps were judged, and a step that needs an unread row is unknown."""
    error_texts: tuple[str, ...] = ()
    """The same errors as ``FILE:LINE:COL: error: ...`` with the source line and a caret (for the text)."""
    contradictions: tuple[str, ...] = ()
    """Internal contradictions met (a rule certified a step the numbers refute): each is a bug in a rule;
    its step is reported unknown and the other steps are still checked."""
    cells: tuple[tuple[int, int], ...] = ()
    """For a notebook: (first line, cell number) of each Markdown cell read (:attr:`Source.cells`)."""

    def cell_line(self, line: int | None) -> tuple[int, int] | None:
        """(cell number, line in the cell) of a line, in a notebook; else None."""
        from ganproof.reader.source import Source

        return Source("", "", (), self.cells).cell_line(line)

    def with_cell(self, item: dict[str, Any]) -> dict[str, Any]:
        """``item`` (with a ``line``) and, in a notebook, its ``cell`` and ``cell_line``."""
        where = self.cell_line(item.get("line"))
        return item if where is None else {**item, "cell": where[0], "cell_line": where[1]}

    def at(self, line: int | None) -> str:
        """``line N``, in a notebook ``cell K line N`` (the line in the cell)."""
        where = self.cell_line(line)
        return f"line {line}" if where is None else f"cell {where[0]} line {where[1]}"

    @property
    def ok(self) -> bool:
        return all(s.verdict.accepted for s in self.steps) and not self.contradictions and not self.errors

    @property
    def mistakes(self) -> tuple[StepResult, ...]:
        """One step per mistake: each step not proved or confirmed, except those back on track (they follow
        from the last accepted row, and are refuted only against the wrong row before them)."""
        return mistakes(self.steps)

    @property
    def back_on_track(self) -> tuple[StepResult, ...]:
        """The steps refuted against a wrong row before them that follow from the last accepted row."""
        return tuple(s for s in self.steps if not s.verdict.accepted and s.recovers_from is not None)

    def _repr_latex_(self) -> str:
        """In Jupyter: the file's chains as aligned math, a verdict mark per step (tagged by line)."""
        return render("latex-steps", self.steps)

    def _repr_html_(self) -> str:
        """In Jupyter: the aligned chains above a table of verdicts, with the warnings."""
        good = sum(1 for s in self.steps if s.verdict.accepted)
        notes = [f"warning, line {w['line']}: {w['message']}" for w in self.warnings]
        return render("html-table", f"{self.file}: {good}/{len(self.steps)} steps proved or confirmed", self.steps,
                      None, notes)

    def to_json(self) -> dict[str, Any]:
        """The file object of the JSON schema (ganproof/schema/check.json)."""
        from ganproof.schema import file_json
        return file_json(self)

    def __str__(self) -> str:
        from ganproof.reader.output import render_report
        return render_report(self)


def mistakes(steps: tuple[StepResult, ...]) -> tuple[StepResult, ...]:
    """The first wrong row of each run of wrong rows: a step not accepted that is not back on track."""
    return tuple(s for s in steps if not s.verdict.accepted and s.recovers_from is None)


_NEAR_LINES = 3
"""A value the prose gives a constant ($y = 0$) is tried on the steps of a display at most this many lines from it
(the sentence that leads into the display or follows it): farther off, prose speaks of other things."""
_OPTIMUM_TRIES = 6
"""At most this many optima p_a / (p_a + p_b) are tried for an undefined D^* (data densities first): each is a
check of the step."""


_PROPERTY_WORDS = re.compile(r"convex|concave|monoton|increasing|decreasing|lipschitz|f\s*\(\s*1\s*\)\s*=\s*0",
                             re.IGNORECASE)
"""Words by which a text gives a function a property (``where g is a convex function``)."""


def _defined_labels(exprs: list[sp.Expr]) -> set[str]:
    """The names of the definitions applied in ``exprs`` (``m`` of the label ``m(x)``), nested ones too."""
    from ganproof.vocabulary import Defined

    out: set[str] = set()
    stack = list(exprs)
    while stack:
        e = stack.pop()
        for d in e.atoms(Defined):
            out.add(d.label.split("(")[0].strip())
            stack.append(d.value)
    return out


def _names_in(exprs: list[sp.Expr]) -> set[str]:
    """The names of the functions (densities, discriminators, defined functions' insides) and constants in
    ``exprs``."""
    from sympy.core.function import AppliedUndef

    from ganproof.vocabulary import Defined

    out: set[str] = set()
    stack = list(exprs)
    while stack:
        e = stack.pop()
        out |= {a.func.__name__ for a in e.atoms(AppliedUndef)}
        out |= {s.name for s in e.free_symbols if isinstance(s, sp.Symbol)}
        stack.extend(d.value for d in e.atoms(Defined))
    return out


def _unknown_sets(exprs: list[sp.Expr], ctx: Context) -> list[str]:
    names: list[str] = []
    for e in exprs:
        for sm in e.atoms(SampleMean):
            for _, name in sm.draws:
                if ctx.sample(name).law is None and name not in names:
                    names.append(name)
    return names


def _with_laws(ctx: Context, names: list[str], law: object) -> Context:
    samples = tuple(SampleSet(s.name, law, MIXTURE_LABEL if isinstance(law, LabelledMixture) else s.label)  # type: ignore[arg-type]
                    if s.name in names else s for s in ctx.samples)
    return replace(ctx, samples=samples)


def _with_named_samples(ctx: Context, expr: sp.Expr) -> Context:
    """``ctx`` and the sample sets of ``expr`` it does not know whose superscript names a density
    (``x_i^{(g)}`` drawn from ``p_g``, as the file's reader reads them): a corrected row may bring a sample
    set the file never wrote (a checked correction that gives a sample set the other law)."""
    known = {s.name for s in ctx.samples}
    densities = {d.name: d for d in ctx.densities}
    added = tuple(SampleSet(name, densities[f"p_{name}"])
                  for name in dict.fromkeys(n for sm in expr.atoms(SampleMean) for _, n in sm.draws)
                  if name not in known and f"p_{name}" in densities)
    return replace(ctx, samples=(*ctx.samples, *added)) if added else ctx


def _sample_latex(name: str) -> str:
    return SampleSet(name, None).latex



_PARAMETERS = frozenset("theta vartheta phi varphi psi omega w eta beta alpha lambda".split())
"""The letters an arg min may run over for the checker to judge it: parameters, named in the densities they move."""


def _arg_optima(src: tuple[str, ...], dst: tuple[str, ...]) -> tuple[str, str | None, int, int] | None:
    """For two sides that are each one \\argmin_{v} or \\argmax_{v} over the same v: (the prefixes as written,
    v's name or None when it is no parameter, the sign that makes each an arg min); else None."""
    if len(src) != 1 or len(dst) != 1:
        return None
    found = []
    for prefix in (src[0], dst[0]):
        m = re.fullmatch(r"\\arg(min|max)_\{(.*)\}", prefix)
        if m is None:
            return None
        found.append((1 if m.group(1) == "min" else -1, m.group(2).strip()))
    (s1, v1), (s2, v2) = found
    if v1 != v2:
        return None
    name = v1.lstrip("\\")
    written = src[0] if src == dst else f"{src[0]} and {dst[0]}"
    return written, name if name in _PARAMETERS else None, s1, s2


def _names(expr: sp.Basic) -> set[str]:
    names = {s.name for s in expr.free_symbols if isinstance(s, sp.Symbol)}
    names |= {f.func.__name__ for f in expr.atoms(AppliedUndef)}
    return names


def _mentions(expr: sp.Basic, var: str) -> bool:
    """True when a name in ``expr`` carries ``var`` (theta, q_theta, Q_{theta, 1}) or is it."""
    return any(var in re.split(r"[_,{}\s]+", n) for n in _names(expr))


def _not_data(expr: sp.Basic) -> str:
    """What in ``expr`` is neither a number, a constant nor a data density (``p``, ``P``, ``p_data``, ...): the
    functions whose dependence on a parameter the names do not show ("D"), or "" when there is none."""
    data = set(DATA_DENSITIES) | {"p", "P"}
    foreign = sorted({f.func.__name__ for f in expr.atoms(AppliedUndef)} - data)
    return ", ".join(foreign)


def _tied_to(var: str, ctx: Context) -> set[str]:
    """The densities whose law may move with the parameter ``var`` although their names do not carry it: one a
    hypothesis equates (from here on, transitively) with a density that carries it, a pushforward whose
    generator or noise carries it or that is a parametric family."""
    tied = {d.name for d in ctx.densities if _mentions_name(d.name, var)}
    for pf in ctx.pushforwards:
        if (isinstance(pf.density, ParametricDensity) or _mentions_name(pf.generator.name, var)
                or pf.noise.name in tied or _mentions_name(pf.noise.name, var)):
            tied.add(pf.density.name)
    grown = True
    while grown:
        grown = False
        for h in ctx.hypotheses:
            a, b = h.density.name, h.equals.name
            if (a in tied) != (b in tied):
                tied |= {a, b}
                grown = True
    return tied


def _mentions_name(name: str, var: str) -> bool:
    return var in re.split(r"[_,{}\s]+", name)


def _dropped_problem(term: sp.Expr, var: str, shown_var: str, ctx: Context, constrained: set[str],
                     free: Iterable[str] = (), discriminators: Iterable[str] = ()) -> str | None:
    """Why ``term``, free of ``var`` by its names, may still move the minimiser when it is dropped from an arg min
    over ``var``, or None.  Dropping c from argmin_v [A(v) + c] keeps the minimiser only when c is one finite
    number: a term that is +inf or -inf (or has no value) makes every v a minimiser, or none.  ``free`` and
    ``discriminators`` are as for :func:`~ganproof.reader.means.mean_without_bound`."""
    if var in constrained:
        return (f"the constraints (%! assume) tie {shown_var} to the constants, so a term of constants may move "
                f"with {shown_var}")
    tied = _tied_to(var, ctx)
    names = _names(term)
    moving = sorted(n for n in names if n in tied)
    if moving:
        return (f"it holds {', '.join(latex_name(n) for n in moving)}, whose law may move with {shown_var} (a "
                "hypothesis or a pushforward ties it to a name that carries it)")
    for mean in term.atoms(SampleMean):
        for _, sample in mean.draws:
            law = ctx.sample(sample).law
            laws = ([law] if isinstance(law, Density) else
                    [d for d, _ in law.components] if isinstance(law, LabelledMixture) else [])
            if law is None or any(d.name in tied for d in laws):
                return (f"it is a mean over samples {ctx.sample(sample).latex} whose law "
                        + ("the file does not declare" if law is None else f"moves with {shown_var}")
                        + f", so its limit may depend on {shown_var}")
    finite_kinds = (KL, FDivergence, CrossEntropy, sp.Integral, Expectation)
    for node in sp.preorder_traversal(term):
        if isinstance(node, finite_kinds):
            why = may_be_infinite(node, ctx)
            if why:
                return (f"{to_latex(node)} may be +inf or -inf or have no value ({why}); where it is, every "
                        f"{shown_var} is a minimiser of the one side and not of the other (between laws on one finite "
                        "alphabet, %! density p, q on {0, 1, 2}, every divergence and entropy is finite)")
    why = moment_problem([term], ctx)
    if why:
        return why
    hit = mean_without_bound([term], ctx, free, discriminators)
    if hit is not None:
        node, found = hit
        return (f"{to_latex(node)} averages {to_latex(found.node)} over a continuum, and {found.what}, so it may be "
                f"+inf or -inf; where it is, every {shown_var} is a minimiser of the one side and not of the other")
    return None


def _chi_squares(expr: sp.Basic) -> set[FDivergence]:
    """The chi-squares of ``expr`` whose convention a file may mean either way: Pearson's, as the reader builds
    them (Neyman's, written \\chi^2_N, has one)."""
    return {e for e in expr.atoms(FDivergence) if e.f == F_PEARSON and e.label == PEARSON_LABEL}


def _has_chi_square(*exprs: sp.Basic) -> bool:
    return any(_chi_squares(e) for e in exprs)


def _other_convention(expr: sp.Expr) -> sp.Expr:
    """``expr`` with each Pearson chi-square read in the LSGAN paper's convention: the first argument divides.
    int (P - Q)^2 / P is int Q f(P/Q) for Neyman's f = (1 - u)^2 / u, so the generator changes and the arguments,
    as written, stay."""
    return expr.xreplace({e: FDivergence(e.first, e.second, F_NEYMAN, e.label, e.var)
                          for e in _chi_squares(expr)})


class FileChecker:
    """Checks the chains of one document, step by step."""

    def __init__(self, doc: Document, dps: int = DEFAULT_DPS, instances: int = DEFAULT_INSTANCES,
                 jobs: int | None = None, suggest: bool = True) -> None:
        self.doc = doc
        self.numeric = NumericChecker(dps, instances, default_jobs() if jobs is None else jobs)
        self._sequence_equations: tuple[sp.Expr, ...] = ()
        """The equations (lhs - rhs) of the sequence being checked: where its unknown lives (equations.py)."""
        self.index = 0
        self.contradictions: list[str] = []
        self.suggest = suggest and doc.reader is not None
        self.simple = simplest_enabled()

    def _verdict(self, cert: Any, why_not: str, outcome: NumericOutcome, step: Step,
                 ctx: Context | None = None) -> tuple[Verdict, str]:
        """:func:`judge`, except that an internal contradiction (a certificate the numbers refute) makes
        this step unknown and is recorded: it is a bug in a rule, reported as such (exit 3), and it must
        not stop the other steps and files from being checked and reported."""
        try:
            return judge(cert, why_not, outcome, step, ctx)
        except SoundnessError as exc:
            line = f"line {step.line}: {exc}" if step.line is not None else str(exc)
            self.contradictions.append(line)
            return Verdict.UNKNOWN, (f"INTERNAL CONTRADICTION (a bug in a rule; please report it): {exc}; the "
                                     "step is left unknown")

    def results(self) -> Iterator[StepResult]:
        for c, chain in enumerate(self.doc.chains):
            ctx = self.doc.context
            for h in chain.hypotheses:
                ctx = ctx.with_hypothesis(h.density, h.equals)
            if chain.kind == "sequence":
                yield from self._sequence(c, chain, ctx)
            else:
                yield from self._chain(c, chain, ctx)

    # ------------------------------------------------------------------ one step
    def _judge(self, lhs: sp.Expr, rhs: sp.Expr, relation: str, rule: str | None, ctx: Context,
               insts: Any, line: int, domain: tuple[DomainCondition, ...] = ()
               ) -> tuple[Verdict, str, NumericOutcome, str | None, tuple[str | None, str | None]]:
        """The step's verdict.  A chi-square whose convention the file does not declare is judged in both
        (which argument divides, :func:`_other_convention`): the step is decided only where they agree."""
        first = self._judge_read(lhs, rhs, relation, rule, ctx, insts, line, domain)
        if self.doc.chi_square is not None or not _has_chi_square(lhs, rhs):
            return first
        l2, r2 = _other_convention(lhs), _other_convention(rhs)
        second = self._judge_read(l2, r2, relation, rule, ctx, insts, line, domain)
        if first[0].accepted == second[0].accepted and (first[0].accepted or first[0] is second[0]):
            return first
        head = "holds only in one convention"
        if first[0].accepted and second[0] is Verdict.REFUTED:
            needed, other = "pearson", "with P dividing (the LSGAN paper's convention) it is refuted"
        elif second[0].accepted and first[0] is Verdict.REFUTED:
            needed, other = "lsgan", "with Q dividing (Pearson's, the f-divergence table's) it is refuted"
        elif first[0].accepted or second[0].accepted:
            # accepted in one reading and not decided in the other: the step is decided only where both agree
            needed = "pearson" if first[0].accepted else "lsgan"
            undecided = second if first[0].accepted else first
            head = "is accepted in only one convention"
            other = (f"with {'P' if first[0].accepted else 'Q'} dividing it is not decided "
                     f"({undecided[1]})")
        else:
            return first if first[0] is not Verdict.REFUTED else second
        divides = "Q" if needed == "pearson" else "P"
        reason = (f"the step {head} of the chi-square: with {divides} dividing in "
                  f"\\chi^2(P \\| Q) = int (P - Q)^2 / {divides}; {other}. The file does not say which it "
                  f"means: declare %! chi-square {needed} to have the step checked in that convention")
        return Verdict.UNKNOWN, reason, NumericOutcome("inconclusive", None, reason), rule, (None, None)

    def _judge_arg(self, src: Any, dst: Any, step: Any, ctx: Context, insts: Any, arg: tuple[str, str, int, int]
                   ) -> tuple[Verdict, str, NumericOutcome, str | None, tuple[str | None, str | None]]:
        """A step between two arg mins (or arg maxes, or one of each) over one parameter: the minimisers agree
        when the expressions (an arg max's negated) differ only by terms that do not depend on the parameter.
        Those terms are dropped and the rest must be equal (proved or confirmed as any step); a parameter-free term
        may hold only numbers, constants and the data's densities, which do not move with the parameter.  Parts
        that differ are no refutation: a positive factor or a monotone map keeps the minimiser."""
        written, var, s_src, s_dst = arg

        def unknown(why: str) -> tuple[Verdict, str, NumericOutcome, str | None, tuple[str | None, str | None]]:
            return Verdict.UNKNOWN, why, NumericOutcome("inconclusive", None, why), step.rule, (None, None)

        if step.relation != "=":
            return unknown(f"{written} is a point, not a number: a step between two of them is checked only as an "
                           f"equality, not {step.relation}")
        if var is None:
            return unknown(f"{written}: the checker compares arg mins and arg maxes only over one parameter (\\theta, "
                           "w, \\phi), whose dependence it can see in the names (q_\\theta, Q_\\theta)")
        shown_var = f"\\{var}" if len(var) > 1 else var
        a, b = s_src * src.expr, s_dst * dst.expr
        flip = "an arg max is the arg min of the negated expression; " if s_src != s_dst or s_src < 0 else ""
        whole = self._judge(a, b, "=", step.rule, ctx, insts, step.line, src.domain + dst.domain)
        if whole[0].accepted:
            return whole[0], f"{flip}the expressions agree: {whole[1]}", whole[2], whole[3], (None, None)
        var_name, var = var, shown_var
        res = self._res()
        constrained = set(getattr(res, "constrained", {}) or {}) | {
            s.name for v in (getattr(res, "substitution", {}) or {}).values() for s in getattr(v, "free_symbols", ())}
        parts: list[sp.Expr] = []
        dropped: list[str] = []
        for side, sign in ((src.expr, s_src), (dst.expr, s_dst)):
            moving, fixed = [], []
            for term in sp.Add.make_args(sp.expand(sign * side) if isinstance(side, sp.Add) else sign * side):
                (moving if _mentions(term, var_name) else fixed).append(term)
            if not moving:
                return unknown(f"a side of the step does not mention {var} at all inside {written}: the checker sees "
                               f"what depends on {var} only through the names that carry it (q_{{{var}}})")
            for term in fixed:
                foreign = _not_data(term)
                if foreign:
                    return unknown(f"the term {to_latex(term)} does not mention {var}, but it holds {foreign}, which "
                                   f"may depend on {var} all the same: the checker drops only terms of numbers, "
                                   "constants and the data's densities from an arg min")
                problem = _dropped_problem(term, var_name, var, ctx, constrained, self._any_functions(),
                                           getattr(res, "discriminators", {}))
                if problem:
                    return unknown(f"the term {to_latex(term)} does not mention {var}, but it is dropped from "
                                   f"{written} only if it is one finite number that does not move with {var}: "
                                   f"{problem}; the step is not decided (write the step without that term)")
            dropped += [to_latex(t) for t in fixed]
            parts.append(sp.Add(*moving))
        verdict, reason, outcome, rule, cond = self._judge(parts[0], parts[1], "=", step.rule, ctx, insts, step.line,
                                                           src.domain + dst.domain)
        if not dropped:
            return unknown(f"{flip}the expressions differ ({whole[1]}), but their minimisers may still agree (a "
                           "positive factor or an increasing map keeps them), so the step is not refuted")
        kept = ("the terms " + ", ".join(sorted(set(dropped))) + f" do not depend on {var}, so they do not move "
                f"the {'minimiser' if s_src > 0 else 'maximiser'} and are left out; ")
        if verdict.accepted:
            return verdict, f"{flip}{kept}the rest agree: {reason}", outcome, rule, (None, None)
        return unknown(f"{flip}{kept}the parts that depend on {var} differ ({reason}), but their minimisers may "
                       "still agree (a positive factor or an increasing map keeps them), so the step is not refuted")

    def _judge_read(self, lhs: sp.Expr, rhs: sp.Expr, relation: str, rule: str | None, ctx: Context,
                    insts: Any, line: int, domain: tuple[DomainCondition, ...] = ()
                    ) -> tuple[Verdict, str, NumericOutcome, str | None, tuple[str | None, str | None]]:
        """The step's verdict with its chi-squares read as the reader read them."""
        unknown = _unknown_sets([lhs, rhs], ctx)
        if unknown:
            v, reason, outcome = self._candidate_laws(lhs, rhs, relation, ctx, unknown)
            return v, reason, outcome, rule, (None, None)
        step = Step(lhs, rhs, relation, rule, line=line, domain=domain)  # type: ignore[arg-type]
        cert, why_not = certify(step, ctx)
        outcome = self.numeric.check(lhs, rhs, relation, ctx, insts, certified=cert is not None)
        verdict, reason = self._verdict(cert, why_not, outcome, step, ctx)
        if verdict.accepted:
            # the terms SymPy cancelled or zeroed as it built them (recorded as domain conditions): there a mean
            # with no value is inf - inf or 0 * inf (a step whose sides hold the same mean stands or falls with it)
            free, discriminators = self._any_functions(), getattr(self._res(), "discriminators", {})
            unsure = mean_problem([c.expr for c in domain if c.what in (CANCELLED, ZEROED, OPPOSED)], ctx,
                                  free, discriminators) or merged_problem(
                [c.expr for c in domain if c.what == MERGED], ctx, free, discriminators) or derivative_problem(
                [lhs, rhs, *(c.expr for c in domain)], free)
            if unsure:
                verdict, reason = Verdict.UNKNOWN, f"{unsure}; read as written: {reason}"
                outcome = NumericOutcome("inconclusive", None, unsure)
        if verdict is Verdict.REFUTED and outcome.counterexample and outcome.counterexample.slip:
            reason = f"{reason}; {outcome.counterexample.slip}"
        shown_rule = rule or (cert.rule_text if cert else None)
        cond = (cert.equality_condition, cert.equality_text) if cert else (None, None)
        return verdict, reason, outcome, shown_rule, cond

    def _res(self) -> Any:
        """The file's resolver (its definitions, functions, optimisers, constraints), or None for a document read
        without one."""
        return getattr(self.doc.reader, "res", None) if self.doc.reader is not None else None

    def _any_functions(self) -> set[str]:
        """The names the file leaves any real function (f, g, h applied and never defined, a letter optimised over
        by a prefix, a function defined by an optimum)."""
        res = self._res()
        if res is None:
            return set()
        defined = set(getattr(res, "definitions", {}))
        return (set(getattr(res, "functions", {})) - defined) | set(getattr(res, "opaque", {}))

    def _doubt(self, lhs: sp.Expr, rhs: sp.Expr, relation: str, ctx: Context, line: int, offset: int | None,
               domain: tuple[DomainCondition, ...]) -> str | None:
        """Why a refuted step is not shown as wrong, or None: the file states something about a name of the
        step that the checker does not apply (:class:`~ganproof.reader.document.Premise`), and under it the
        step may hold.  A value the prose gives a constant (``$y = 0$``), in the sentence before or after the
        display, is tried: the step is unknown when it holds under it (the text may mean it), and stays refuted
        when it fails under it too.  Two densities the prose says are equal (``$p_g = p_{data}$``) are not: prose
        says so of the equality case, and a wrong factor in front of a term that vanishes there would hold.  A
        statement the checker cannot read (``P(x) \\sim
        N(\\mu_p, \\sigma_p^2)``) cannot be tried: a step whose refutation takes its name as any object is
        unknown.  Never an acceptance: a step that holds only under a condition of the prose is not proved."""
        reader = self.doc.reader
        for start, end, clause in (getattr(reader, "dropped_conditions", ()) if reader is not None else ()):
            if offset is not None and start <= offset < end:
                return (f"the row states a condition, '{clause}', that the checker leaves out: the formula fails for "
                        "some values, which the condition may exclude (to check the step under it, state it where "
                        "the checker reads it: a directive such as %! assume, or a definition)")
        names = _names_in([lhs, rhs])
        optimum = self._optimum_doubt(lhs, rhs, relation, ctx, line, domain, names)
        if optimum is not None:
            return optimum
        optimisers = sorted(set(getattr(self._res(), "optimisers", ())) & names)
        if optimisers:
            shown = ", ".join(latex_name(k) for k in optimisers)
            return (f"{shown} is named as an arg min or arg max, which the checker does not compute, and is read as "
                    f"any constant: the step may hold for the {shown} the text defines")
        opaque = sorted(set(getattr(self._res(), "opaque", {})) & names)
        if opaque:
            shown = ", ".join(latex_name(k) for k in opaque)
            return (f"{shown} is defined by an optimum the checker does not compute, and is read as any real "
                    f"function: the step may hold for the {shown} the text defines")
        functions = sorted(set(getattr(self._res(), "functions", {})) & names)
        if functions and _PROPERTY_WORDS.search(self.doc.source.text):
            shown = ", ".join(functions)
            return (f"{shown} is read as any real function (the file does not define it), and the text gives "
                    "functions a property (convex, concave, monotone, Lipschitz, f(1) = 0) that the checker does "
                    f"not apply: the step may hold for the {shown} the text means (define it to check the step)")
        premises = getattr(self.doc.reader, "premises", ()) if self.doc.reader is not None else ()
        if not premises:
            return None
        by_name: dict[str, tuple[str, str]] = getattr(self._res(), "by_name", {})

        def holds(l2: sp.Expr, r2: sp.Expr) -> bool:
            """The step with its sides rewritten under a condition of the prose is accepted."""
            v2, *_ = self._judge(l2, r2, relation, None, ctx, self.numeric.instances(ctx, [l2, r2]), line, domain)
            return bool(v2.accepted)

        for prem in premises:
            if offset is not None and prem.start <= offset < prem.end:
                continue  # the step's own row
            if not set(prem.names) & names and not (prem.kind == "optimum" and prem.names[0] in by_name):
                continue
            where = f"line {prem.line} states {prem.text}"
            if prem.kind == "optimum" and prem.value is not None and line > prem.line \
                    and prem.names[0] in by_name:
                # the optimum read by its name: its value is the prose's for equal laws; try the step there
                data, model = (sp.Function(k, positive=True) for k in by_name[prem.names[0]])
                if not (lhs.has(model) or rhs.has(model)):
                    continue
                if holds(lhs.replace(model, data), rhs.replace(model, data)):
                    return (f"{where}, the value of the optimal discriminator where the laws are equal "
                            f"({latex_name(model.__name__)} = {latex_name(data.__name__)}), and there the step "
                            "holds; the checker applies no condition of the prose")
                continue
            if prem.kind == "optimum" and prem.value is not None and line > prem.line:
                (name,) = prem.names
                value = prem.value
                is_disc = (lambda e, n=name: isinstance(e, AppliedUndef) and e.func.__name__ == n
                           and len(e.args) == 1)
                if holds(lhs.replace(is_disc, lambda e, v=value: v), rhs.replace(is_disc, lambda e, v=value: v)):
                    return (f"{where}, the value of the optimal discriminator where the laws are equal, and with "
                            f"it the step holds; the checker applies no condition of the prose (define the "
                            "discriminator to check the step as meant)")
                continue
            if prem.kind == "opaque":
                return (f"{where}, which the checker cannot read: the step is refuted only with "
                        f"{', '.join(n for n in prem.names if n in names)} read as any object of its kind, and may "
                        "hold for the one the text means (write it where the checker reads it: a definition row, "
                        "a directive)")
            if prem.kind == "value" and abs(prem.line - line) <= _NEAR_LINES:
                (name,) = prem.names
                sub = {sym: prem.value for sym in (lhs.free_symbols | rhs.free_symbols)
                       if isinstance(sym, sp.Symbol) and sym.name == name}
                if holds(lhs.subs(sub), rhs.subs(sub)):
                    return (f"{where} in the prose, and with {name} = {prem.value} the step holds; the checker "
                            f"applies no condition of the prose (to check the step under it: %! assume {prem.text})")
        # "With $a = -1$, $b = 1$:": the values the prose gives near the step, all at once
        near = [p for p in premises if p.kind == "value" and abs(p.line - line) <= _NEAR_LINES]
        if len({p.names[0] for p in near}) >= 2:
            values = {p.names[0]: p.value for p in near}
            sub = {sym: values[sym.name] for sym in (lhs.free_symbols | rhs.free_symbols)
                   if isinstance(sym, sp.Symbol) and sym.name in values}
            if sub and holds(lhs.subs(sub), rhs.subs(sub)):
                shown = ", ".join(f"{k} = {v}" for k, v in values.items())
                return (f"the prose gives {shown} near the step, and with these values the step holds; the "
                        "checker applies no condition of the prose (to check the step under them: %! assume)")
        return None

    def _optimum_doubt(self, lhs: sp.Expr, rhs: sp.Expr, relation: str, ctx: Context, line: int,
                       domain: tuple[DomainCondition, ...], names: set[str]) -> str | None:
        """A starred or labelled discriminator (``D^*``, ``D^*_G``, ``D^{opt}_G``) that the file never defines is
        the optimal discriminator of the text ("plug in $D^*_G$"), read by the checker as any discriminator.  A
        step refuted so is tried with it as the optimum p_a / (p_a + p_b) of ordered pairs of the file's densities
        (the noise excepted; a data density first, then the other orders, at most :data:`_OPTIMUM_TRIES`): unknown
        when it holds for one (the file should define it), refuted when it holds for none."""
        defined = set(getattr(self._res(), "definitions", {}))
        starred = [d for d in ctx.discriminators
                   if d.name in names and d.name not in defined and ("_star" in d.name or "^{" in d.name)]
        if not starred:
            return None
        noise = {pf.noise.name for pf in ctx.pushforwards}
        laws = [d for d in ctx.densities if d.name not in noise and not d.support.discrete]
        data = [d for d in laws if d.name in DATA_DENSITIES]
        # a data density first (the usual game), then the other orders (a game with the laws swapped)
        pairs = sorted(((a, b) for a in laws for b in laws if a.name != b.name),
                       key=lambda ab: ab[0] not in data)[:_OPTIMUM_TRIES]
        for disc in starred:
            for a, b in pairs:
                def optimum(e: sp.Expr, a: object = a, b: object = b) -> sp.Expr:
                    (arg,) = e.args
                    return a(arg) / (a(arg) + b(arg))  # type: ignore[operator]
                is_disc = (lambda e, n=disc.name: isinstance(e, AppliedUndef) and e.func.__name__ == n
                           and len(e.args) == 1)
                l2, r2 = lhs.replace(is_disc, optimum), rhs.replace(is_disc, optimum)
                v2, *_ = self._judge(l2, r2, relation, None, ctx, self.numeric.instances(ctx, [l2, r2]), line,
                                     domain)
                if v2.accepted:
                    shown = f"{a.latex}(x) / ({a.latex}(x) + {b.latex}(x))"
                    return (f"{disc.latex} is not defined in the file: read as any discriminator the step fails, "
                            f"and with {disc.latex}(x) = {shown}, the optimal discriminator, it holds (define "
                            f"{disc.latex} with a row {disc.latex}(x) = ... to check the step as meant)")
        return None

    def _candidate_laws(self, lhs: sp.Expr, rhs: sp.Expr, relation: str, ctx: Context,
                        names: list[str]) -> tuple[Verdict, str, NumericOutcome]:
        shown = ", ".join(_sample_latex(n) for n in names)
        candidates: list[tuple[str, object]] = [(d.latex, d) for d in ctx.densities
                                                 if not any(pf.noise.name == d.name for pf in ctx.pushforwards)]
        if len(candidates) >= 2:
            dens = [c[1] for c in candidates]
            mixture = LabelledMixture(tuple((d, 0) for d in dens))  # type: ignore[misc]
            candidates.append(("the equal mixture (" + " + ".join(c[0] for c in candidates) + f")/{len(dens)}",
                               mixture))
        holding, failing, unclear = [], [], []
        first_cex: Counterexample | None = None
        for label, law in candidates:
            cctx = _with_laws(ctx, names, law)
            insts = self.numeric.instances(cctx, [lhs, rhs])
            out = self.numeric.check(lhs, rhs, relation, cctx, insts)
            if out.status == "agree":
                holding.append(label)
            elif out.status == "disagree" and out.counterexample:
                cex = out.counterexample
                failing.append(f"drawn from {label}: left {cex.lhs}, right {cex.rhs}")
                if first_cex is None:
                    inst = dict(cex.instance)
                    inst[shown] = f"drawn from {label}"
                    drawn = {"name": shown, "role": "samples", "description": f"drawn from {label}",
                             "family": "samples", "parameters": {"law": label}}
                    first_cex = replace(cex, instance=inst, objects=(*cex.objects, drawn))
            else:
                unclear.append(label)
        head = f"the samples {shown} have no declared distribution"
        if holding:
            law = holding[0]
            return (Verdict.UNKNOWN, f"{head}; the step holds if they are drawn from {law}: declare it with "
                    f"%! sample {shown} \\sim {law}", NumericOutcome("inconclusive", None, head))
        if failing and not unclear:
            reason = (f"{head}, and no distribution makes the step hold (one sample set cannot stand for samples "
                      f"of different distributions): " + "; ".join(failing))
            return Verdict.REFUTED, reason, NumericOutcome("disagree", None, reason, first_cex)
        return (Verdict.UNKNOWN, f"{head}; no candidate distribution was shown to make the step hold",
                NumericOutcome("inconclusive", None, head))

    # ------------------------------------------------------------------ chains
    def _chain(self, c: int, chain: FileChain, ctx: Context) -> Iterator[StepResult]:
        rows = [p.side.expr for p in chain.points]
        insts = self.numeric.instances(ctx, rows)
        started, started_cpu = time.perf_counter(), time.process_time()
        self.numeric.prefetch(ctx, rows, insts)
        shared = (time.perf_counter() - started) / max(1, len(chain.steps))
        shared_cpu = (time.process_time() - started_cpu) / max(1, len(chain.steps))
        status: dict[int, str] = {}
        for i, p in enumerate(chain.points):
            if not any(s.target == i for s in chain.steps):
                # a chain start (or a definition's value); an unread row is never a row to recover from
                status[i] = "unread" if p.unread is not None else "accepted"
        last_accepted: int | None = 0 if status.get(0) == "accepted" else None
        for step in chain.steps:
            self.index += 1
            t0 = time.perf_counter() - shared
            c0 = time.process_time() - shared_cpu
            src, dst = chain.points[step.source], chain.points[step.target]
            notes = []
            if step.unread is not None:
                # the step needs a row that could not be read: it is not judged (never accepted)
                status[step.target] = "unread"
                yield self._result(c, step.relation, src.side.expr, dst.side.expr, step.rule, Verdict.UNKNOWN,
                                   f"line {step.unread} could not be read (see the error reported there), so this "
                                   "step is not judged", NumericOutcome("inconclusive", None, ""), (None, None),
                                   step.line, None, time.perf_counter() - t0, step.offset, step.text)
                continue
            arg = _arg_optima(src.side.prefixes, dst.side.prefixes)
            if arg is not None:
                verdict, reason, outcome, rule, cond = self._judge_arg(src.side, dst.side, step, ctx, insts, arg)
            elif src.side.prefixes != dst.side.prefixes:
                verdict, reason, outcome, rule, cond = (
                    Verdict.UNKNOWN,
                    f"the two sides have different \\max/\\min in front ({' '.join(src.side.prefixes) or 'none'} "
                    f"vs {' '.join(dst.side.prefixes) or 'none'}); such a step is not checked",
                    NumericOutcome("inconclusive", None, ""), step.rule, (None, None))
            elif step.within is not None:
                verdict, reason, outcome, rule, cond = self._judge_within(src.side, dst.side, step, ctx)
            else:
                if src.side.prefixes:
                    notes.append(f"{' '.join(src.side.prefixes)} in front of both sides is stripped: the inner "
                                 "expressions must agree for every value of what they optimise over")
                verdict, reason, outcome, rule, cond = self._judge(src.side.expr, dst.side.expr, step.relation,
                                                                   step.rule, ctx, insts, step.line,
                                                                   src.side.domain + dst.side.domain)
                if verdict is Verdict.REFUTED and step.approximate and not any(
                        e.atoms(SampleMean) for e in (src.side.expr, dst.side.expr)):
                    why = ("the step is written with \\approx and its sides differ: an approximation (for large or "
                           "small values, or where the text says so) is not judged by the exact numbers")
                    verdict, reason = Verdict.UNKNOWN, f"{why}; read as =: {reason}"
                    outcome = NumericOutcome("inconclusive", None, why)
                if verdict is Verdict.REFUTED:
                    doubt = self._doubt(src.side.expr, dst.side.expr, step.relation, ctx, step.line, step.offset,
                                        src.side.domain + dst.side.domain)
                    if doubt is not None:
                        verdict, reason = Verdict.UNKNOWN, f"{doubt}; read as written: {reason}"
                        outcome = NumericOutcome("inconclusive", None, doubt)
                if verdict is Verdict.REFUTED and src.side.prefixes:
                    # two expressions that differ for some D may still have the same maximum over D: the
                    # instance refutes the inner relation, not the optimised one
                    shown = " ".join(src.side.prefixes)
                    why = (f"the expressions inside {shown} differ for some value of what they optimise over "
                           f"({reason}), but their optima may still agree, so the step is not refuted")
                    verdict, reason = Verdict.UNKNOWN, why
                    outcome = NumericOutcome("inconclusive", None, why)
            recovers = None
            if (status.get(step.source) == "refuted" and not verdict.accepted and last_accepted is not None
                    and last_accepted != step.source
                    and chain.points[last_accepted].side.prefixes == dst.side.prefixes):
                base = chain.points[last_accepted]
                v2, r2, out2, _, _ = self._judge(base.side.expr, dst.side.expr, step.relation, None, ctx, insts,
                                              step.line, base.side.domain + dst.side.domain)
                if v2.accepted:
                    recovers = base.line
                    notes.append(f"it does follow from line {base.line}, the last accepted row (the chain "
                                 f"recovers from line {base.line}): {r2}")
                else:
                    slip = out2.counterexample.slip if out2.counterexample else None
                    against = f" (against that row: {slip})" if slip else ""
                    notes.append(f"it does not follow from line {base.line}, the last accepted row, either{against}")
            fixes = None
            if verdict is Verdict.REFUTED and recovers is None and self.suggest:
                base_index = step.source if status.get(step.source) == "accepted" else last_accepted
                if base_index is not None:
                    fixes = self._corrections(chain.points[base_index], step, ctx, time.process_time() - c0)
                    notes.append(describe(fixes, step.line) + ("" if base_index == step.source or not fixes else
                                 f" (against line {chain.points[base_index].line}, the last accepted row)"))
            if verdict.accepted or recovers is not None:
                status[step.target] = "accepted"
                last_accepted = step.target
            else:
                status[step.target] = verdict.value
            if notes:
                reason = reason + "; " + "; ".join(notes)
            result = self._result(c, step.relation, src.side.expr, dst.side.expr, rule, verdict, reason, outcome,
                                  cond, step.line, recovers, time.perf_counter() - t0, step.offset, step.text,
                                  to_latex(dst.side.expr))
            yield result if fixes is None else replace(result, suggestions=fixes)

    def _judge_within(self, src: Any, dst: Any, step: Any, ctx: Context) -> Any:
        """A step written with ``\\approx`` to a decimal a with d digits (unit u = 10^-d): it holds when the other
        side v rounds to a, |v - a| <= u/2, or cuts off to a, v in [a, a + u) away from zero (half open: 0.5 does
        not cut off to 0.4).  Each is judged as an inequality (on the checker's instances when a side holds a
        density or a free name): accepted when one is, refuted when both are.  Sides with a \\max or \\min in
        front are not judged so (unknown)."""
        if src.prefixes or dst.prefixes:
            why = "a step written with \\approx between optimised sides (\\max, \\min) is not checked"
            return Verdict.UNKNOWN, why, NumericOutcome("inconclusive", None, why), step.rule, (None, None)
        decimal, value = (src.expr, dst.expr) if step.decimal_left else (dst.expr, src.expr)
        unit = step.within
        domain = src.domain + dst.domain

        def judge(gap: sp.Expr, bound: sp.Expr, relation: str) -> Any:
            return self._judge(gap, bound, relation, None, ctx, self.numeric.instances(ctx, [gap]), step.line,
                               domain)

        read = (f"read as: {to_latex(decimal)} is {to_latex(value)} rounded or cut off to its digits "
                "(\\approx to a decimal)")
        rounded = judge(sp.Abs(value - decimal), unit / 2, "<=")
        if rounded[0].accepted:
            return rounded[0], f"{read}: rounded: {rounded[1]}", *rounded[2:]
        # cut off: sign(a) (v - a) in (0, u), as |sign(a) (v - a) - u/2| < u/2 (v = a is the rounding's)
        offset = sp.sign(decimal) * (value - decimal)
        if value.is_Rational and decimal.is_Rational:
            # two exact numbers: the half-open end is decided exactly (the numbers cannot tell v = a + u apart)
            exact: tuple[Verdict, str] = (
                (Verdict.PROVED, "by exact arithmetic") if 0 < offset < unit else
                (Verdict.REFUTED, f"{to_latex(value)} cut off to as many digits is not {to_latex(decimal)}"))
            cut: tuple[Any, ...] = (*exact, rounded[2], None, (None, None))
        else:
            cut = judge(sp.Abs(offset - unit / 2), unit / 2, "<")
        if cut[0].accepted:
            return cut[0], f"{read}: cut off: {cut[1]}", *cut[2:]
        if rounded[0] is Verdict.REFUTED and cut[0] is Verdict.REFUTED:
            return rounded[0], f"{read}: neither rounded nor cut off: {rounded[1]}", *rounded[2:]
        unknown = rounded if rounded[0] is not Verdict.REFUTED else cut
        return Verdict.UNKNOWN, f"{read}: {unknown[1]}", NumericOutcome("inconclusive", None, unknown[1]), \
            *unknown[3:]

    def _corrections(self, base: Any, step: Any, ctx: Context, spent: float) -> tuple[Any, ...]:
        """The checked corrections of a wrong chain step's right-hand side (:mod:`ganproof.reader.corrections`)."""
        def judge(lhs: sp.Expr, side: Any) -> tuple[Verdict, str]:
            sctx = _with_named_samples(ctx, side.expr)
            if _unknown_sets([lhs, side.expr], sctx):
                # samples of no declared law are never proved or confirmed (at best unknown, with the law to
                # declare): no such row is a correction, and trying its candidate laws would spend the time
                return Verdict.UNKNOWN, "the samples have no declared distribution"
            insts = self.numeric.instances(sctx, [lhs, side.expr])
            v, r, *_ = self._judge(lhs, side.expr, step.relation, None, sctx, insts, step.line,
                                   base.side.domain + side.domain)
            return v, r

        def lone(read: Any) -> Any:
            lead, rhs = read
            return lead if not rhs else None

        started = time.process_time()
        found = search(self.doc, ctx, self.numeric, base.side.expr, base.side.prefixes, step.relation,
                       self.doc.source.text[step.offset:step.end], step.offset, judge, spent, lone, base.line)
        first = self._lead_text(base, step)
        if first is None:
            return found
        # the step starts the chain: the slip may be in its first row (D_KL(p || q) = E_q[-log p/q] is right for
        # KL(q || p)); nothing before that row depends on it.  Both rows are searched, and the smallest edits of
        # either come first: the arguments of the first row's KL swapped before p and q exchanged throughout this
        # row; only an edit smaller than those already found is sought there
        target = self.doc.source.text[step.offset:step.end]
        try:
            read = self.doc.read_row(written(target), step.offset)
        except (GanproofError, RecursionError, ValueError, TypeError):
            return found
        goal = lone(read)
        if goal is None or goal.prefixes != base.side.prefixes:
            return found

        def judge_before(fixed: sp.Expr, side: Any) -> tuple[Verdict, str]:
            return judge_pair(side, goal)

        def judge_pair(first_row: Any, rest: Any) -> tuple[Verdict, str]:
            sctx = _with_named_samples(ctx, first_row.expr)
            if _unknown_sets([first_row.expr, rest.expr], sctx):
                return Verdict.UNKNOWN, "the samples have no declared distribution"
            insts = self.numeric.instances(sctx, [first_row.expr, rest.expr])
            v, r, *_ = self._judge(first_row.expr, rest.expr, step.relation, None, sctx, insts, step.line,
                                   first_row.domain + rest.domain)
            return v, r

        left = max(0.0, spent - (time.process_time() - started))
        below = max(g.size for g in found) if len(found) >= MAX_SUGGESTIONS else None
        return smallest_first(found, search(self.doc, ctx, self.numeric, goal.expr, base.side.prefixes,
                                            step.relation, first[1], first[0], judge_before, left, lone, base.line,
                                            before=True, below=below))

    def _lead_text(self, base: Any, step: Any) -> tuple[int, str] | None:
        """(offset, text) of a chain's first row as written, when ``step`` is the chain's first step and that row
        is a row of its own (not a definition's name, nor a name defined before standing for its value); else
        None."""
        if step.source != 0 or base.unread is not None or base.offset is None or step.offset <= base.offset:
            return None
        raw = self.doc.source.text[base.offset:step.offset]
        m = _RELATION_AT_END.search(raw)
        if m is None:
            return None
        text = raw[:m.start()]
        if not text.strip() or "\n\n" in text or ":=" in text:
            return None
        if isinstance(getattr(base.side, "expr", None), Defined):
            return None  # a name the file defined (L(D, G) = ...): the slip is in what is said of it, not its name
        return base.offset, text

    def _result(self, c: int, relation: str, lhs: sp.Expr, rhs: sp.Expr, rule: str | None, verdict: Verdict,
                reason: str, outcome: NumericOutcome, cond: tuple[str | None, str | None], line: int,
                recovers: int | None,
                seconds: float, offset: int | None = None, source: str | None = None,
                reading: str | None = None) -> StepResult:
        col = self.doc.source.line_col(offset)[1] if offset is not None and self.doc.source.line_starts else None
        if verdict is not Verdict.UNKNOWN:
            verdict, reason, outcome = self._stated_elsewhere(verdict, reason, outcome, lhs, rhs)
        if verdict is Verdict.REFUTED:
            outcome, reason = self._simplest(outcome, relation, reason)
        return StepResult(
            index=self.index, chain=c, relation=relation, lhs_latex=to_latex(lhs), rhs_latex=to_latex(rhs),
            rule=rule, verdict=verdict, expected="proved or confirmed", reason=reason,
            digits=outcome.digits if verdict.accepted else None,
            counterexample=outcome.counterexample if verdict is Verdict.REFUTED else None,
            seconds=seconds, equality_condition=cond[0], equality_text=cond[1], line=line, recovers_from=recovers,
            col=col, source=source or None, read_as=reading,
        )

    def _stated_elsewhere(self, verdict: Verdict, reason: str, outcome: NumericOutcome, lhs: sp.Expr,
                          rhs: sp.Expr) -> tuple[Verdict, str, NumericOutcome]:
        """A verdict made unknown when the step holds a name the file gives something the checker does not
        apply: a density given by a formula that is no law (Resolver.formula_densities), a defined name the prose
        gives another value (Resolver.restated).  One table, one rule: the step is not judged by the reading."""
        names = _names_in([lhs, rhs])
        labels = names | _defined_labels([lhs, rhs])
        table = (
            ("formula_densities", lambda k: k in names,
             "the file gives {shown} by a formula that the checker does not read as a law: it reads the name as "
             "any density, which the formula may not be (it may not integrate to 1), so the step is not judged by "
             "it (write the formula into the rows, or give a normal law as \\mathcal{{N}}(\\mu, \\sigma^2))",
             "read as any density"),
            ("restated", lambda k: k in labels or latex_name(k) in labels,
             "the prose gives {shown} another value than its definition, which the checker does not apply: the "
             "step is not judged by the first definition alone (define the second value with a name of its own)",
             "read with the first definition"),
        )
        for attribute, hit, message, read in table:
            lines: dict[str, int] = getattr(self._res(), attribute, {})
            found = sorted(k for k in lines if hit(k))
            if found:
                why = message.format(shown=", ".join(f"{latex_name(k)} (line {lines[k]})" for k in found))
                verdict, reason = Verdict.UNKNOWN, f"{why}; {read}: {reason}"
                outcome = NumericOutcome("inconclusive", None, why)
        return verdict, reason, outcome

    def _simplest(self, outcome: NumericOutcome, relation: str, reason: str) -> tuple[NumericOutcome, str]:
        """A refuted step's outcome and reason on the first simple instance that refutes it too
        (:meth:`NumericChecker.simplest`), the reason relabelled (``... on simple instance 1``); else as
        they were.  Off with ``GANPROOF_SIMPLEST=0``; a counterexample about sample sets of no declared
        law (tried with each candidate law) keeps its drawn instance, which its reason describes."""
        cex = outcome.counterexample
        if (not self.simple or cex is None or cex.sides is None
                or any(o.get("role") == "samples" for o in cex.objects)):
            return outcome, reason
        found = self.numeric.simplest(cex, relation)
        if found is None:
            return outcome, reason
        simple, why = found
        if outcome.reason and outcome.reason in reason:
            reason = reason.replace(outcome.reason, why, 1)
        return replace(outcome, reason=why, counterexample=simple), reason

    # ------------------------------------------------------------------ sequences
    def _sequence(self, c: int, chain: FileChain, ctx: Context) -> Iterator[StepResult]:
        assert chain.unknown is not None
        eqs = chain.equations
        self._sequence_equations = tuple(e.lhs - e.rhs for e in eqs if e.unread is None)
        good: int | None = 0 if eqs and eqs[0].unread is None else None  # the last accepted equation
        wrong_before = False  # whether the equation before this one was not accepted
        for k in range(1, len(eqs)):
            self.index += 1
            t0, c0 = time.perf_counter(), time.process_time()
            prev, cur = eqs[k - 1], eqs[k]
            if prev.unread is not None or cur.unread is not None:
                missing = prev.unread if prev.unread is not None else cur.unread
                yield self._result(c, "=", prev.lhs - prev.rhs, cur.lhs - cur.rhs, cur.rule, Verdict.UNKNOWN,
                                   f"line {missing} could not be read (see the error reported there), so whether "
                                   f"line {cur.line} follows from line {prev.line} is not judged",
                                   NumericOutcome("inconclusive", None, ""), (None, None), cur.line, None,
                                   time.perf_counter() - t0, cur.offset, cur.text)
                wrong_before = True
                continue
            imp, verdict, reason = self._follows(prev, cur, chain.unknown, ctx, cur.line)
            what = (f"follows from line {prev.line}" if verdict.accepted else f"line {cur.line} from line {prev.line}")
            at = (f" (checked at the solution {to_latex(chain.unknown)} = {to_latex(imp.root)} of line {prev.line})"
                  if imp.root is not None else "")
            reason = f"{what}: {reason}{at}"
            if imp.certificate is not None:
                reason += f"; {imp.certificate.detail}"
            if cur.both_ways and verdict.accepted:
                # \iff claims the converse too: line k - 1 must follow from line k
                back, v_back, r_back = self._follows(cur, prev, chain.unknown, ctx, prev.line)
                if not v_back.accepted:
                    verdict, imp = v_back, back
                    reason = (f"line {prev.line} from line {cur.line} (the converse, which the equivalence claims "
                              f"too): {r_back}; line {cur.line} does follow from line {prev.line}")
            recovers = None
            if not verdict.accepted and wrong_before and good is not None and good != k - 1:
                base = eqs[good]
                _, v2, r2 = self._follows(base, cur, chain.unknown, ctx, cur.line)
                if v2.accepted:
                    recovers = base.line
                    reason += (f"; it does follow from line {base.line}, the last accepted equation (the sequence "
                               f"recovers from line {base.line}): {r2}")
                else:
                    reason += f"; it does not follow from line {base.line}, the last accepted equation, either"
            fixes = None
            if verdict is Verdict.REFUTED and recovers is None and self.suggest:
                base_k = good if wrong_before else k - 1
                if base_k is not None:
                    fixes = self._equation_corrections(eqs[base_k], cur, chain.unknown, ctx, time.process_time() - c0)
                    reason += "; " + describe(fixes, cur.line) + (
                        "" if base_k == k - 1 or not fixes else
                        f" (against line {eqs[base_k].line}, the last accepted equation)")
            if verdict.accepted or recovers is not None:
                good = k
            wrong_before = not verdict.accepted and recovers is None
            result = self._result(c, "=", prev.lhs - prev.rhs, cur.lhs - cur.rhs,
                                  cur.rule or (imp.certificate.rule_text if imp.certificate else None), verdict,
                                  reason, imp.outcome, (None, None), cur.line, recovers, time.perf_counter() - t0,
                                  cur.offset, cur.text, f"{to_latex(cur.lhs)} = {to_latex(cur.rhs)}")
            yield result if fixes is None else replace(result, suggestions=fixes)

    def _follows(self, prev: Any, cur: Any, unknown: sp.Expr, ctx: Context,
                 line: int) -> tuple[Implication, Verdict, str]:
        """Whether the equation ``cur`` follows from ``prev`` (each with ``lhs`` and ``rhs``): the evidence, and
        the verdict and reason the chain checker gives it, reported at ``line``."""
        imp, _ = implication((prev.lhs, prev.rhs), (cur.lhs, cur.rhs), unknown, ctx, self.numeric,
                             self._sequence_equations)
        step = Step(imp.lhs, imp.rhs, "=", None, line=line)
        verdict, reason = self._verdict(imp.certificate, imp.why_not or "no symbolic certificate", imp.outcome,
                                        step, ctx)
        return imp, verdict, reason

    def _equation_corrections(self, base: Any, cur: Any, unknown: sp.Expr, ctx: Context,
                              spent: float) -> tuple[Any, ...]:
        """The checked corrections of a wrong equation of a sequence: edits of the equation as written under which
        it follows from ``base`` (the equation before, or the last accepted one) by the same judgement."""
        if not cur.text or cur.end <= cur.start:
            return ()

        def judge(_: sp.Expr, side: Any) -> tuple[Verdict, str]:
            _, verdict, reason = self._follows(base, side, unknown, ctx, cur.line)
            if cur.both_ways and verdict.accepted:  # an equivalence: the corrected row must give back the base
                _, verdict, reason = self._follows(side, base, unknown, ctx, base.line)
            return verdict, reason

        def equation(read: Any) -> Any:
            lead, rhs = read
            if lead is None or len(rhs) != 1 or lead.prefixes or rhs[0].prefixes:
                return None
            return _EquationSide(lead.expr, rhs[0].expr)

        return search(self.doc, ctx, self.numeric, sp.S.Zero, (), "=", self.doc.source.text[cur.start:cur.end],
                      cur.start, judge, spent, equation, base.line, screen=False)


@dataclass(frozen=True)
class _EquationSide:
    """A corrected equation of a sequence, as :func:`~ganproof.reader.corrections.search` sees a side."""

    lhs: sp.Expr
    rhs: sp.Expr
    prefixes: tuple[str, ...] = ()

    @property
    def expr(self) -> sp.Expr:
        return self.lhs - self.rhs


_RELATION_AT_END = re.compile(r"(?:&\s*)?(?:=|\\(?:geq?|leq?|geqslant|leqslant)(?![A-Za-z])|[<>])\s*&?\s*$")
"""The relation that ends the text between a chain's first row and its first right-hand side."""


def simplest_enabled() -> bool:
    """Whether a refuted step of a file is shown on a simple instance when one refutes it
    (``GANPROOF_SIMPLEST``, default on; ``0`` keeps the drawn instance)."""
    return os.environ.get("GANPROOF_SIMPLEST", "1").strip() != "0"


def render_error(err: InputError) -> str:
    """``FILE:LINE:COL: error: MESSAGE``, the source line and a caret under the column."""
    where = err.where
    head = f"{where}: error: {err.message}" if where else f"error: {err.message}"
    if err.source_line is None or err.col is None:
        return head
    line = err.source_line.replace("\t", " ")
    return f"{head}\n  {line}\n  {' ' * (err.col - 1)}^"


def check_document(doc: Document, dps: int = DEFAULT_DPS, instances: int = DEFAULT_INSTANCES,
                   jobs: int | None = None, progress: Any = None, suggest: bool | None = None) -> FileReport:
    """Check every step of ``doc``: a frozen report.  ``suggest``: search checked corrections of each
    mistake (default: on, unless ``GANPROOF_SUGGEST=0``)."""
    if suggest is None:
        suggest = os.environ.get("GANPROOF_SUGGEST", "1") != "0"
    checker = FileChecker(doc, dps, instances, jobs, suggest)
    steps = []
    chosen = _lines_read_with_a_choice(doc)
    with limits.budget(limits.FILE_SECONDS):
        for r in checker.results():
            if r.read_as is not None and r.line not in chosen:
                r = replace(r, read_as=None)  # read as written: the person's row says it all
            steps.append(r)
            if progress is not None:
                progress(r)
    return FileReport(
        file=doc.source.name,
        steps=tuple(steps),
        definitions=tuple(d.to_json() for d in doc.definitions),
        assumptions=tuple(a.to_json() for a in (*_context_assumptions(doc), *doc.assumptions)),
        warnings=tuple(w.to_json() for w in doc.warnings),
        errors=tuple(e.to_json() for e in doc.errors),
        error_texts=tuple(render_error(e) for e in doc.errors),
        contradictions=tuple(checker.contradictions),
        cells=doc.source.cells,
    )


def _lines_read_with_a_choice(doc: Document) -> frozenset[int]:
    """The lines where the reader chose a meaning the text leaves open or repaired it: a warning, or a
    "read as" note, is about them.  There the checker's reading is shown beside the person's row."""
    return frozenset(m.line for m in doc.warnings if m.line) | frozenset(
        m.line for m in doc.assumptions if m.line and "read as" in m.message)


def _context_assumptions(doc: Document) -> list[Any]:
    from ganproof.reader.document import Message
    out = []
    for text in doc.context.assumptions_text():
        out.append(Message(0, 0, text))
    return out
