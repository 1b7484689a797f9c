"""Concrete instances: an assignment of concrete functions to the abstract names.

Instances are chosen so that accidental agreement is unlikely: different
means AND different variances (equal-variance Gaussians make KL symmetric
and hide real errors), mixtures, non-linear generators (an identity
generator hides LOTUS errors), and asymmetric discriminators.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy as sp

from ganproof.numeric.families import (
    Beta,
    ConcreteDensity,
    ConcreteDiscriminator,
    ConcreteGenerator,
    Gaussian,
    GaussianMixture,
    LinearGenerator,
    Pushforward,
    SigmoidDiscriminator,
    ParametricPushforward,
    SinhGenerator,
    TanhCritic,
)
from ganproof.vocabulary.context import Context
from ganproof.vocabulary.names import ParametricDensity

_REAL_POOLS: tuple[tuple[ConcreteDensity, ...], ...] = (
    (Gaussian("0.3", "1.1"), GaussianMixture((("0.6", "-1", "0.7"), ("0.4", "1.5", "1.2"))),
     Gaussian("-0.5", "0.7"), Gaussian("1.2", "1.6")),
    (GaussianMixture((("0.3", "-0.8", "0.5"), ("0.7", "0.9", "1.3"))), Gaussian("-0.2", "1.4"),
     Gaussian("0.8", "0.6"), GaussianMixture((("0.5", "-2", "1"), ("0.5", "1", "0.8")))),
    (Gaussian("-0.7", "0.9"), Gaussian("0.45", "1.3"),
     GaussianMixture((("0.25", "0", "0.6"), ("0.75", "1.7", "0.9"))), Gaussian("2.1", "0.75")),
    (Gaussian("1.1", "0.5"), GaussianMixture((("0.5", "-1.2", "0.9"), ("0.5", "0.6", "0.4"))),
     Gaussian("-1.5", "1.7"), Gaussian("0", "2.2")),
)
_UNIT_POOLS: tuple[tuple[ConcreteDensity, ...], ...] = (
    (Beta("2", "3"), Beta("3.5", "2"), Beta("1.5", "1.2"), Beta("4", "4.5")),
    (Beta("3", "1.5"), Beta("2", "5"), Beta("1.2", "2.4"), Beta("5", "2")),
    (Beta("1.4", "3.1"), Beta("2.5", "2.5"), Beta("4", "1.8"), Beta("2.2", "1.3")),
    (Beta("6", "2"), Beta("1.7", "1.7"), Beta("2.8", "4.2"), Beta("1.1", "3")),
)
_NOISE = (Gaussian("0", "1"), GaussianMixture((("0.5", "-0.6", "0.8"), ("0.5", "0.7", "1.1"))),
          Gaussian("0.2", "0.8"), Gaussian("-0.3", "1.2"))
_GENERATORS: tuple[ConcreteGenerator, ...] = (
    SinhGenerator("-0.4", "0.8"), LinearGenerator("0.5", "1.3"), SinhGenerator("0.3", "0.6"),
    LinearGenerator("-0.9", "0.7"),
)
_DISCRIMINATORS: tuple[ConcreteDiscriminator, ...] = (
    SigmoidDiscriminator("0.7", "-0.2"), SigmoidDiscriminator("-1.3", "0.4"),
    SigmoidDiscriminator("0.45", "0.9"), SigmoidDiscriminator("2.1", "-1.1"),
)
_CRITICS: tuple[TanhCritic, ...] = (
    TanhCritic("0.4", "1.3", "0.8", "-0.3"), TanhCritic("-0.6", "0.9", "-1.1", "0.5"),
    TanhCritic("0.9", "-1.7", "0.6", "0.2"), TanhCritic("-0.2", "2.2", "1.4", "-0.8"),
)
_KAPPAS = ("0.3", "-0.45", "0.6", "0.2")
"""How strongly theta scales a parametric generator's output (see ParametricPushforward)."""
_POSITIVE = ("0.7", "1.9", "0.35", "2.6", "1.3")
_UNIT = ("0.3", "0.62", "0.81", "0.17", "0.55")
_REAL = ("-0.6", "1.3", "0.45", "-1.7", "0.9")

MAX_INSTANCES = len(_REAL_POOLS)


@dataclass(frozen=True)
class Instance:
    """A frozen assignment of concrete mpmath functions to the abstract names."""

    label: str
    densities: tuple[tuple[str, ConcreteDensity | ParametricPushforward], ...]
    discriminators: tuple[tuple[str, ConcreteDiscriminator], ...]
    generators: tuple[tuple[str, ConcreteGenerator | ParametricPushforward], ...]
    critics: tuple[tuple[str, TanhCritic], ...] = field(default=())
    values: tuple[tuple[str, str], ...] = field(default=())
    """Values of free symbols (constants, points), as exact decimal strings."""

    def density(self, name: str) -> ConcreteDensity:
        return dict(self.densities)[name]

    def describe(self, only: frozenset[str] | None = None) -> dict[str, str]:
        """Which concrete object stood for each name (for the names in ``only``, when given).

        A counterexample shows only the names its step uses: p_D and p of a file are noise
        beside a step about p_data and p_G.
        """
        def keep(name: str) -> bool:
            return only is None or name in only

        out = {n: d.description for n, d in self.densities if keep(n)}
        # "D(x) = sigmoid(...)" is shown under its own name: D_theta(x) -> sigmoid(...)
        out.update({f"{n}(x)": d.description.partition(" = ")[2] for n, d in self.discriminators if keep(n)})
        out.update({f"{n}(z)": g.description.partition(" = ")[2] for n, g in self.generators if keep(n)})
        out.update({f"{n}(x)": c.description.partition(" = ")[2] for n, c in self.critics if keep(n)})
        out.update({n: v for n, v in self.values if keep(n)})
        return out


def instances_for(ctx: Context, free: frozenset[sp.Symbol], count: int = 3) -> tuple[Instance, ...]:
    """``count`` instances of the names in ``ctx`` and of the free symbols ``free``."""
    out = []
    for k in range(min(count, MAX_INSTANCES)):
        dens: dict[str, ConcreteDensity | ParametricPushforward] = {}
        gens = {g.name: _GENERATORS[(k + i) % len(_GENERATORS)] for i, g in enumerate(ctx.generators)}
        pushed = {pf.density.name for pf in ctx.pushforwards}
        noises = {pf.noise.name for pf in ctx.pushforwards}
        i_real = i_unit = 0
        for d in ctx.densities:
            if d.name in pushed:
                continue
            if d.name in noises:
                dens[d.name] = _NOISE[k % len(_NOISE)]
            elif d.support.is_real_line:
                dens[d.name] = _REAL_POOLS[k][i_real % len(_REAL_POOLS[k])]
                i_real += 1
            else:
                dens[d.name] = _UNIT_POOLS[k][i_unit % len(_UNIT_POOLS[k])]
                i_unit += 1
        for pf in ctx.pushforwards:
            gen = gens.get(pf.generator.name) or _GENERATORS[k % len(_GENERATORS)]
            law = Pushforward(dens[pf.noise.name], gen)
            if isinstance(pf.density, ParametricDensity):
                family = ParametricPushforward(law, _KAPPAS[k % len(_KAPPAS)])
                gens[pf.generator.name] = family
                dens[pf.density.name] = family
            else:
                gens[pf.generator.name] = gen
                dens[pf.density.name] = law
        for h in ctx.hypotheses:
            # the hypothesis density takes the law of the other name; a pushforward keeps its law
            if h.density.name in pushed and h.equals.name not in pushed:
                dens[h.equals.name] = dens[h.density.name]
            else:
                dens[h.density.name] = dens[h.equals.name]
        discs = {d.name: _DISCRIMINATORS[(k + i) % len(_DISCRIMINATORS)] for i, d in enumerate(ctx.discriminators)}
        critics = {c.name: _CRITICS[(k + i) % len(_CRITICS)] for i, c in enumerate(ctx.critics)}
        values = []
        for i, s in enumerate(sorted(free, key=lambda s: s.name)):
            if s in ctx.unit_symbols:
                pool = _UNIT
            elif s.is_positive:
                pool = _POSITIVE
            else:
                pool = _REAL
            values.append((s.name, pool[(k + 2 * i) % len(pool)]))
        out.append(
            Instance(
                label=f"instance {k + 1}",
                densities=tuple(sorted(dens.items())),
                discriminators=tuple(sorted(discs.items())),
                generators=tuple(sorted(gens.items())),
                critics=tuple(sorted(critics.items())),
                values=tuple(values),
            )
        )
    return tuple(out)
