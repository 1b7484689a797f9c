"""What is known while a derivation is checked: names, supports, laws, hypotheses.

A :class:`Context` is a frozen value; ``with_*`` methods return changed copies.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import sympy as sp

from ganproof.errors import UsageError
from ganproof.vocabulary.names import (
    REAL_LINE,
    Critic,
    Density,
    GREEK,
    Discriminator,
    Generator,
    ParametricDensity,
    Pushforward,
    SampleSet,
    Support,
    latex_name,
)


@dataclass(frozen=True)
class Hypothesis:
    """``density`` equals ``equals`` (e.g. p_G = p_data), in force in this context."""

    density: Density
    equals: Density

    def latex(self) -> str:
        return f"{self.density.latex} = {self.equals.latex}"


@dataclass(frozen=True)
class Context:
    """The names of a derivation and what is known about them."""

    densities: tuple[Density, ...] = ()
    discriminators: tuple[Discriminator, ...] = (Discriminator("D"),)
    generators: tuple[Generator, ...] = ()
    critics: tuple[Critic, ...] = ()
    """Real-valued functions of x with no range constraint (an LSGAN D, an f-GAN critic)."""
    pushforwards: tuple[Pushforward, ...] = ()
    samples: tuple[SampleSet, ...] = ()
    hypotheses: tuple[Hypothesis, ...] = ()
    unit_symbols: tuple[sp.Symbol, ...] = ()
    """Symbols that stand for a value in (0, 1), like a discriminator's value y."""
    normal_laws: tuple[tuple[str, sp.Expr, sp.Expr], ...] = ()
    """Densities given by the normal formula in the file's constants: (name, mean, standard deviation).  The
    numbers draw each as N(mean, std^2) at the drawn values of those constants (the std's are positive)."""
    notes: tuple[str, ...] = field(default=())
    """Assumptions made while reading, reported with the verdicts."""

    # --- lookups -------------------------------------------------------
    def density(self, name: str) -> Density:
        for d in self.densities:
            if d.name == name:
                return d
        raise UsageError(f"no density named {name!r} in this context (known: {self.density_names})")

    @property
    def density_names(self) -> tuple[str, ...]:
        return tuple(d.name for d in self.densities)

    @property
    def discriminator_names(self) -> tuple[str, ...]:
        return tuple(d.name for d in self.discriminators)

    @property
    def critic_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.critics)

    def support_of(self, name: str) -> Support:
        for d in self.densities:
            if d.name == name:
                return d.support
        return REAL_LINE

    def support_for(self, *exprs: sp.Expr) -> Support:
        """The support of the first density that occurs in ``exprs`` (R if none)."""
        for e in exprs:
            for f in sorted(e.atoms(sp.core.function.AppliedUndef), key=str):
                if f.func.__name__ in self.density_names:
                    return self.support_of(f.func.__name__)
        return REAL_LINE

    def sample(self, name: str) -> SampleSet:
        for s in self.samples:
            if s.name == name:
                return s
        return SampleSet(name, None)

    def pushforward_of(self, name: str) -> Pushforward | None:
        for pf in self.pushforwards:
            if pf.density.name == name:
                return pf
        return None

    # --- changed copies -----------------------------------------------
    def with_hypothesis(self, density: Density, equals: Density) -> Context:
        return replace(self, hypotheses=self.hypotheses + (Hypothesis(density, equals),))

    def with_samples(self, *samples: SampleSet) -> Context:
        return replace(self, samples=self.samples + samples)

    def assumptions_latex(self) -> tuple[str, ...]:
        """Everything this context assumes, as LaTeX lines, for reports and output."""
        out = []
        for d in self.densities:
            what = "law" if d.support.discrete else "density"
            every = r"\text{, every mass positive}" if d.support.discrete else ""
            out.append(rf"{d.latex} \text{{ is a {what} on }} {d.support.latex()}{every}")
        for dd in self.discriminators:
            out.append(rf"{dd.latex}(x) \in (0, 1)")
        for cc in self.critics:
            out.append(rf"{cc.latex}(x) \in \mathbb{{R}}")
        for pf in self.pushforwards:
            theta = getattr(pf.density, "parameter", None)
            of = rf"(z, \{theta})" if theta in GREEK else (f"(z, {theta})" if theta else "(z)")
            out.append(
                rf"{pf.density.latex} \text{{ is the law of }} {pf.generator.latex}{of},"
                rf"\ z \sim {pf.noise.latex}"
            )
        for s in self.samples:
            if s.law is not None:
                law = s.law.latex if isinstance(s.law, Density) else "a labelled mixture"
                out.append(rf"{s.latex} \sim {law}")
        for h in self.hypotheses:
            out.append(h.latex())
        for name, mean, std in self.normal_laws:
            out.append(rf"{latex_name(name)} = \mathcal{{N}}\left({sp.latex(mean)}, {sp.latex(std ** 2)}\right)")
        for u in self.unit_symbols:
            out.append(rf"{sp.latex(u)} \in (0, 1)")
        return tuple(out)

    def assumptions_text(self) -> tuple[str, ...]:
        """The same as :meth:`assumptions_latex`, in plain text for terminals and JSON."""
        out = [f"{d.name} is a law on {d.support.text()}, every mass positive" if d.support.discrete
               else f"{d.name} is a density on {d.support.text()}" for d in self.densities]
        out += [f"{dd.name}(x) is in (0, 1)" for dd in self.discriminators]
        out += [f"{cc.name}(x) is any real number" for cc in self.critics]
        out += [f"{pf.density.name} is the law of {pf.generator.name}"
                f"{'(z, ' + pf.density.parameter + ')' if isinstance(pf.density, ParametricDensity) else '(z)'}"
                f", z ~ {pf.noise.name}" for pf in self.pushforwards]
        for s in self.samples:
            if s.law is not None:
                law = s.law.name if isinstance(s.law, Density) else "a labelled mixture"
                out.append(f"the samples {s.text} are drawn from {law}")
        out += [f"{h.density.name} = {h.equals.name}" for h in self.hypotheses]
        out += [f"{name} is the normal density N({mean}, {str(std ** 2).replace('**', '^')})"
                for name, mean, std in self.normal_laws]
        out += [f"{u} is in (0, 1)" for u in self.unit_symbols]
        return tuple(out)
