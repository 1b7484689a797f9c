"""Concrete instances: an assignment of concrete functions to the abstract names, drawn afresh per name.

Every name of a context (density, noise density, generator, discriminator,
critic, free constant) gets its own concrete object on each instance, drawn
from the families registered in :mod:`ganproof.numeric.families` (see
``REGISTRY`` there) by a :class:`~ganproof.numeric.families.Drawer` keyed by
(the seed, the role, the name, the instance index).  So

* no two names share an object unless a hypothesis (``p_G = p_data``) says
  so; hypotheses are resolved as equivalence classes, so chains
  (``p = q``, ``q = p_r``) give all three one law;
* an identity that holds only for a short list of objects (a 5th density
  equal to the 1st, every D of one parametric shape, every constant from five
  values) has nothing to hold on;
* a run is reproducible, in every process, and any instance can be replayed
  from its index and the seed (:data:`SEED`, or ``GANPROOF_SEED``);
* instance k is the same whatever the number of instances asked for, so more
  instances (for a step without a certificate) are the first ones plus new
  ones, and any number can be drawn (:data:`MAX_INSTANCES` only caps what a
  user may ask for with ``--instances``).

A density is drawn for its declared support: on R from Gaussians, Gaussian
mixtures, Student-t laws (5, 6 or 8 degrees of freedom) and skewed laws
(a Gaussian through a smoothed hinge, with two tails of different widths);
on a bounded interval [a, b] a Beta scaled to [a, b]; on a finite alphabet a probability vector
with exact rational masses (the abstract alphabet {1, ..., |X|} has 2 to 7 points, one size per
instance); on [a, oo) or
(-oo, b] a shifted or reflected (generalised) Gamma law.  Noise densities
honour their support too, with Gaussian-type tails (a sinh generator would
turn a heavier tail into divergent expectations).  A generator is a strictly
monotone map, increasing on some instances and decreasing on others, every
combination of orientations of the generators on the first instances
(:func:`draw`), so a change of variables that forgets the |.| of the Jacobian
is refuted.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from typing import Any

import sympy as sp

from ganproof.numeric.families import (
    Gaussian,
    Bound,
    ConcreteCritic,
    ConcreteDensity,
    ConcreteDiscriminator,
    ConcreteGenerator,
    Drawer,
    ParametricPushforward,
    Pushforward,
    Registration,
    SimpleDrawer,
    oriented,
    registered,
    support_kind,
    tail_kind,
)
from ganproof.precision import MAX_INSTANCES
from ganproof.vocabulary.context import Context
from ganproof.vocabulary.names import ALPHABET_SIZE, ParametricDensity, Support

SEED = 13
"""The default seed of the draws; ``GANPROOF_SEED`` (an integer) replaces it, to replay or to vary a run."""


def seed() -> int:
    """The seed in force: ``GANPROOF_SEED`` when set to an integer, else :data:`SEED`."""
    text = os.environ.get("GANPROOF_SEED", "").strip()
    try:
        return int(text) if text else SEED
    except ValueError:
        return SEED


@dataclass(frozen=True)
class Instance:
    """A frozen assignment of concrete mpmath functions to the abstract names."""

    label: str
    densities: tuple[tuple[str, ConcreteDensity | ParametricPushforward], ...]
    discriminators: tuple[tuple[str, ConcreteDiscriminator], ...]
    generators: tuple[tuple[str, ConcreteGenerator | ParametricPushforward], ...]
    critics: tuple[tuple[str, ConcreteCritic], ...] = field(default=())
    values: tuple[tuple[str, str], ...] = field(default=())
    """Values of free symbols (constants, points), as exact decimal strings."""

    def density(self, name: str) -> ConcreteDensity:
        return dict(self.densities)[name]  # type: ignore[return-value]

    def describe(self, only: frozenset[str] | None = None) -> dict[str, str]:
        """Which concrete object stood for each name (for the names in ``only``, when given).

        A counterexample shows only the names its step uses: p_D and p of a file are noise
        beside a step about p_data and p_G.
        """
        def keep(name: str) -> bool:
            return only is None or name in only

        out = {n: self._law_text(d) for n, d in self.densities if keep(n)}
        # "D(x) = sigmoid(...)" is shown under its own name: D_theta(x) -> sigmoid(...)
        out.update({f"{n}(x)": d.description.partition(" = ")[2] for n, d in self.discriminators if keep(n)})
        out.update({f"{n}(z)": g.description.partition(" = ")[2] for n, g in self.generators if keep(n)})
        out.update({f"{n}(x)": c.description.partition(" = ")[2] for n, c in self.critics if keep(n)})
        out.update({n: v for n, v in self.values if keep(n)})
        return out

    def _law_text(self, d: ConcreteDensity | ParametricPushforward) -> str:
        """A density's description, a pushforward's naming its generator as the file does (``law of
        G_4(z) = ...``, not ``law of G(z)``, in a file with several generators)."""
        text = d.description
        if isinstance(d, Pushforward):
            for n, g in self.generators:
                if g is d.generator and n != "G":
                    return text.replace("law of G(z)", f"law of {n}(z)", 1)
        return text

    def data(self, only: frozenset[str] | None = None) -> tuple[dict[str, Any], ...]:
        """The same objects as :meth:`describe`, as data: for each name its ``role`` (density,
        discriminator, generator, critic, value), ``description`` (the text), ``family`` and ``parameters``
        (each a number as an exact decimal string, or a nested family), so that a counterexample can be
        rebuilt by a program."""
        def keep(name: str) -> bool:
            return only is None or name in only

        out: list[dict[str, Any]] = []
        for role, members in (("density", self.densities), ("discriminator", self.discriminators),
                              ("generator", self.generators), ("critic", self.critics)):
            for name, obj in members:
                if keep(name):
                    family = object_data(obj)
                    out.append({"name": name, "role": role, "description": obj.description,
                                "family": family.pop("family"), "parameters": family})
        out.extend({"name": n, "role": "value", "description": v, "family": "number", "parameters": {"value": v}}
                   for n, v in self.values if keep(n))
        return tuple(out)


def object_data(obj: object) -> dict[str, Any]:
    """A concrete object (a frozen dataclass of a family) as ``{"family": NAME, FIELD: VALUE, ...}``, nested
    families likewise, numbers as strings (exact decimals, as in the descriptions)."""
    def value(v: object) -> Any:
        if dataclasses.is_dataclass(v) and not isinstance(v, type):
            return object_data(v)
        if isinstance(v, (tuple, list)):
            return [value(x) for x in v]
        if v is None or isinstance(v, bool):
            return v
        return str(v)

    assert dataclasses.is_dataclass(obj) and not isinstance(obj, type), type(obj)
    out: dict[str, Any] = {"family": type(obj).__name__}
    for f in dataclasses.fields(obj):
        if f.repr and not f.name.startswith("_"):
            out[f.name] = value(getattr(obj, f.name))
    return out


# --- drawing one object ------------------------------------------------------


def _bound(e: sp.Expr) -> Bound:
    """A support's end as an exact rational, None when infinite."""
    if e in (sp.S.Infinity, sp.S.NegativeInfinity):
        return None
    if not isinstance(e, sp.Rational):
        raise ValueError(f"a support's end {e} is not a rational number")
    return Fraction(int(e.p), int(e.q))


_SIMPLE: ContextVar[bool] = ContextVar("ganproof_simple_draws", default=False)
"""Whether the draws in progress are those of a simple instance (see :func:`simple_draws`)."""


@contextmanager
def simple_draws() -> Iterator[None]:
    """Within the block every object is drawn by a :class:`~ganproof.numeric.families.SimpleDrawer`."""
    token = _SIMPLE.set(True)
    try:
        yield
    finally:
        _SIMPLE.reset(token)


def _drawer(*key: object) -> Drawer:
    """The drawer for ``key``: a :class:`SimpleDrawer` inside :func:`simple_draws`, else a :class:`Drawer`."""
    return SimpleDrawer(*key) if _SIMPLE.get() else Drawer(*key)


def _choose(r: Drawer, regs: tuple[Registration, ...], what: str) -> Registration:
    if not regs:
        raise ValueError(f"no family is registered for {what}")
    return r.family(regs)


ALPHABET_SIZES = (2, 7)
"""The abstract alphabet {1, ..., |X|} has between 2 and 7 points on the first instances (drawn per instance)."""
WIDE_ALPHABET_SIZES = (8, 48)
"""... and between 8 and 48 on the instances past the first three (those that a step with no certificate
needs): an equation true only on the sizes of a short range (a product (|X| - 2)(|X| - 3)...(|X| - 7) of
sums of p(x)/p(x)) is not confirmed by them."""
SIMPLE_ALPHABET_SIZES = (2, 4)
"""... and between 2 and 4 on a simple instance (a counterexample a person can follow)."""


def alphabet_size(index: int, seed_value: int | None = None) -> int:
    """The number of points of the abstract alphabet on instance ``index``: one size for every law of the
    instance (they live on one alphabet), drawn afresh per instance."""
    r = _drawer(seed() if seed_value is None else seed_value, "alphabet", index)
    if _SIMPLE.get():
        return r.integer(*SIMPLE_ALPHABET_SIZES)
    return r.integer(*(ALPHABET_SIZES if index < 3 else WIDE_ALPHABET_SIZES))


def _alphabet_end(e: sp.Expr, index: int, seed_value: int | None) -> Fraction:
    """An end of an alphabet as an integer: a number, or the abstract alphabet's size on this instance."""
    if e == ALPHABET_SIZE:
        return Fraction(alphabet_size(index, seed_value))
    if isinstance(e, sp.Integer):
        return Fraction(int(e))
    raise ValueError(f"an alphabet's end {e} is not an integer")


def draw_density(name: str, support: Support, index: int, role: str = "data",
                 seed_value: int | None = None) -> ConcreteDensity:
    """The density standing for ``name`` on instance ``index``, on its declared ``support``."""
    if support.discrete:
        first, last = _alphabet_end(support.lower, index, seed_value), _alphabet_end(support.upper, index, seed_value)
        r = _drawer(seed() if seed_value is None else seed_value, role, name, index)
        reg = _choose(r, registered(role, "alphabet"), f"{role} laws on {support.text()}")
        return reg.make(r, first, last)  # type: ignore[no-any-return]
    lo, hi = _bound(support.lower), _bound(support.upper)
    kind = support_kind(lo, hi)
    r = _drawer(seed() if seed_value is None else seed_value, role, name, index)
    reg = _choose(r, registered(role, kind), f"{role} densities on {support.text()}")
    return reg.make(r, lo, hi)  # type: ignore[no-any-return]


def draw(role: str, name: str, index: int, seed_value: int | None = None, ordinal: int = 0) -> object:
    """The generator, discriminator or critic standing for ``name`` on instance ``index``.

    A generator is decreasing on instance ``index`` as :func:`decreasing_on` says (``ordinal``: its
    place among the context's generators): every generator is decreasing on some of the first six
    instances (the ones a step without a certificate is checked on), and any two take all four
    combinations of orientations on the first eight, so an identity true only for increasing maps
    (a Jacobian without |.|), or only for generators of one orientation, has nothing to hold on.
    The first instance's are all increasing.  A discriminator or critic is drawn among the families
    with the instance's tail shape (:func:`~ganproof.numeric.families.tail_kind`).
    """
    r = _drawer(seed() if seed_value is None else seed_value, role, name, index)
    kind = tail_kind(index) if role in ("discriminator", "critic") else None
    made = _choose(r, registered(role, kind), role if kind is None else f"{role}s with {kind} tails").make(r)
    if role == "generator" and isinstance(made, ConcreteGenerator):
        return oriented(made, decreasing_on(index, ordinal))
    return made


#: The orientation masks of the generators, by ordinal: generator j is decreasing on instance i when
#: the bits of i under mask j have odd parity.  Distinct nonzero masks over three bits give functions
#: of i that are balanced on i < 8 and pairwise independent there (all four combinations occur), and
#: each of them is 1 on some i < 6.  The powers of two come first, so that up to three generators
#: take every combination of orientations on the first eight instances.
ORIENTATION_MASKS: tuple[int, ...] = (1, 2, 4, 3, 5, 6, 7)


def decreasing_on(index: int, ordinal: int) -> bool:
    """Whether the generator with place ``ordinal`` among a context's generators is drawn decreasing
    on instance ``index``.  Beyond seven generators the masks repeat, each with a higher bit added
    (pairs of them then agree on the first eight instances, but each is still decreasing on some of
    the first six)."""
    mask = ORIENTATION_MASKS[ordinal % len(ORIENTATION_MASKS)]
    mask |= (1 << (2 + ordinal // len(ORIENTATION_MASKS))) if ordinal >= len(ORIENTATION_MASKS) else 0
    return bin(index & mask).count("1") % 2 == 1


def draw_constant(symbol: sp.Symbol, kind: str, index: int, seed_value: int | None = None) -> str:
    """An exact decimal for a free symbol: ``unit`` in [0.05, 0.95], ``positive`` in [0.1, 1.9], or ``real``.

    A real constant has a magnitude in [0.1, 1.9] and either sign (a parameter
    theta of a parametric family stays within |theta| <= 2, where the family's
    tail cut holds).
    """
    r = _drawer(seed() if seed_value is None else seed_value, "constant", symbol.name, index)
    if kind == "unit":
        return r.decimal("0.05", "0.95")
    if kind == "positive":
        return r.decimal("0.1", "1.9")
    return r.signed("0.1", "1.9")


def _kappa(name: str, index: int, seed_value: int) -> str:
    """How strongly theta scales a parametric generator's output (see ParametricPushforward)."""
    return _drawer(seed_value, "kappa", name, index).signed("0.15", "0.6")


# --- hypotheses as equivalence classes ----------------------------------------


def _classes(ctx: Context) -> dict[str, str]:
    """Each density name -> the representative of its class under the hypotheses (union-find).

    The representative is the smallest name of the class, so the law a class
    gets does not depend on the order in which the hypotheses were written.
    """
    parent: dict[str, str] = {d.name: d.name for d in ctx.densities}
    for pf in ctx.pushforwards:
        parent.setdefault(pf.density.name, pf.density.name)
        parent.setdefault(pf.noise.name, pf.noise.name)
    for h in ctx.hypotheses:
        parent.setdefault(h.density.name, h.density.name)
        parent.setdefault(h.equals.name, h.equals.name)

    def find(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for h in ctx.hypotheses:
        a, b = find(h.density.name), find(h.equals.name)
        if a != b:
            lo, hi = sorted((a, b))
            parent[hi] = lo
    return {n: find(n) for n in parent}


# --- instances -----------------------------------------------------------------


def _values_kind(s: sp.Symbol, ctx: Context) -> str:
    if s == ALPHABET_SIZE:
        return "alphabet"
    if s in ctx.unit_symbols:
        return "unit"
    if s.is_positive:
        return "positive"
    return "real"


@lru_cache(maxsize=4096)
def instance_at(ctx: Context, free: frozenset[sp.Symbol], index: int, seed_value: int,
                simple: bool = False) -> Instance:
    """Instance number ``index`` (from 0) of the names in ``ctx`` and the free symbols ``free``.

    ``simple``: simple instance number ``index`` instead, every object drawn from the simplest family
    its role allows with one-place parameters (:class:`~ganproof.numeric.families.SimpleDrawer`),
    labelled ``simple instance N``: the instance a refuted step's counterexample is shown on when one
    refutes it too (it never decides that a step holds).
    """
    if simple:
        with simple_draws():
            found = _instance(ctx, free, index, seed_value)
        return dataclasses.replace(found, label=f"simple instance {index + 1}")
    return _instance(ctx, free, index, seed_value)


def _instance(ctx: Context, free: frozenset[sp.Symbol], index: int, seed_value: int) -> Instance:
    rep = _classes(ctx)
    members: dict[str, list[str]] = {}
    for n, r in rep.items():
        members.setdefault(r, []).append(n)
    support = {d.name: d.support for d in ctx.densities}
    pushed = {pf.density.name: pf for pf in ctx.pushforwards}
    noises = {pf.noise.name for pf in ctx.pushforwards}

    ordinal = {n: j for j, n in enumerate(sorted({g.name for g in ctx.generators}
                                                   | {pf.generator.name for pf in ctx.pushforwards}))}
    gens: dict[str, ConcreteGenerator | ParametricPushforward] = {
        g.name: draw("generator", g.name, index, seed_value, ordinal[g.name])  # type: ignore[misc]
        for g in ctx.generators}
    law: dict[str, ConcreteDensity | ParametricPushforward] = {}  # by class representative

    def plain(r: str) -> ConcreteDensity:
        """The drawn law of a class with no pushforward in it."""
        names = sorted(members[r])
        declared = [support[n] for n in names if n in support and not support[n].is_real_line]
        role = "noise" if any(n in noises for n in names) else "data"
        return draw_density(r, declared[0] if declared else Support(), index, role, seed_value)

    # classes without a pushforward first; a pushforward's noise may itself be such a class (a normal law of
    # the file's constants among them: the noise p_z = N(0, 1) of a pushforward is that Gaussian)
    normal = _normal_laws(ctx, free, rep, index, seed_value)
    for r, names in members.items():
        if not any(n in pushed for n in names):
            law[r] = normal.get(r) or plain(r)
    pending = [pf for pf in ctx.pushforwards]
    while pending:
        progressed = False
        for pf in list(pending):
            nr, dr = rep[pf.noise.name], rep[pf.density.name]
            if nr not in law:
                continue
            gen = gens.get(pf.generator.name)
            if gen is None or isinstance(gen, ParametricPushforward):
                gen = draw("generator", pf.generator.name, index, seed_value,  # type: ignore[assignment]
                           ordinal[pf.generator.name])
            base = law[nr]
            assert isinstance(base, ConcreteDensity) and isinstance(gen, ConcreteGenerator)
            push = Pushforward(base, gen)
            if isinstance(pf.density, ParametricDensity):
                family = ParametricPushforward(push, _kappa(pf.density.name, index, seed_value))
                gens[pf.generator.name] = family
                law.setdefault(dr, family)
            else:
                gens[pf.generator.name] = gen
                law.setdefault(dr, push)
            pending.remove(pf)
            progressed = True
        if not progressed:
            # a cycle of pushforwards (each one's noise another's law): break it with a drawn noise
            pf = pending[0]
            law[rep[pf.noise.name]] = plain(rep[pf.noise.name])

    free = free | {s for _, mean, std in ctx.normal_laws for s in (mean.free_symbols | std.free_symbols)}
    dens = {n: law[r] for n, r in rep.items()}
    discs = {d.name: draw("discriminator", d.name, index, seed_value) for d in ctx.discriminators}
    critics = {c.name: draw("critic", c.name, index, seed_value) for c in ctx.critics}
    if any(d.support.discrete and d.support.upper == ALPHABET_SIZE for d in ctx.densities):
        # a KL or an expectation of laws on the abstract alphabet unfolds to sums up to |X|
        free = free | {ALPHABET_SIZE}
    values = tuple((s.name, str(alphabet_size(index, seed_value)) if _values_kind(s, ctx) == "alphabet"
                    else draw_constant(s, _values_kind(s, ctx), index, seed_value))
                   for s in sorted(free, key=lambda s: s.name))
    return Instance(
        label=f"instance {index + 1}",
        densities=tuple(sorted(dens.items())),
        discriminators=tuple(sorted(discs.items())),  # type: ignore[arg-type]
        generators=tuple(sorted(gens.items())),
        critics=tuple(sorted(critics.items())),  # type: ignore[arg-type]
        values=values,
    )


def _normal_laws(ctx: Context, free: frozenset[sp.Symbol], rep: dict[str, str], index: int,
                 seed_value: int) -> dict[str, ConcreteDensity]:
    """The Gaussian of each density class that the file gives by the normal formula (Context.normal_laws),
    at this instance's values of the constants in its mean and standard deviation."""
    out: dict[str, ConcreteDensity] = {}
    for name, mean, std in ctx.normal_laws:
        if name not in rep or rep[name] in out:
            continue
        if any(n in {pf.density.name for pf in ctx.pushforwards} for n, r in rep.items() if r == rep[name]):
            continue  # a class with a generator's law: the pushforward draws it (the reader allows no both)
        symbols = sorted(mean.free_symbols | std.free_symbols, key=lambda s: s.name)
        values = {s: sp.Rational(draw_constant(s, _values_kind(s, ctx), index, seed_value)) for s in symbols}
        m, sd = sp.Rational(mean.subs(values)), sp.Rational(std.subs(values))
        if sd <= 0:
            raise ValueError(f"the standard deviation {std} of {name} is {sd} on instance {index + 1}")
        out[rep[name]] = Gaussian(_exact_text(m), _exact_text(sd))
    return out


def _exact_text(q: sp.Rational) -> str:
    """A rational as an exact decimal string when it has one (as the drawn constants are written), else p/q."""
    for digits in range(31):
        scaled = q * 10 ** digits
        if scaled.is_Integer:
            text = str(abs(int(scaled))).rjust(digits + 1, "0")
            whole, frac = text[:len(text) - digits], text[len(text) - digits:]
            return ("-" if q < 0 else "") + whole + (f".{frac}" if digits else "")
    return f"{q.p}/{q.q}"


def instances_for(ctx: Context, free: frozenset[sp.Symbol], count: int = 3) -> tuple[Instance, ...]:
    """``count`` instances of the names in ``ctx`` and of the free symbols ``free`` (any count >= 0).

    Instance k is the same for every ``count``: asking for more instances
    adds new ones after the first.  Each is drawn once per process and
    remembered, so asking again is cheap.
    """
    s = seed()
    return tuple(instance_at(ctx, free, k, s) for k in range(max(0, count)))


def examples(role: str, count: int = 3, kind: str = "line") -> tuple[object, ...]:
    """``count`` drawn members of every family registered for ``role`` (for tests and benchmarks): of the
    support ``kind`` for densities, of the tail shape ``kind`` (TAIL_KINDS; "line": all) otherwise."""
    out: list[object] = []
    density = role in ("data", "noise")
    lo, hi = {"line": (None, None), "interval": (Fraction(-1, 2), Fraction(2)),
              "above": (Fraction(1, 3), None), "below": (None, Fraction(-1)),
              "alphabet": (Fraction(0), Fraction(4))}[kind] if density else (None, None)
    # a density's kind is its support; a discriminator's or critic's, the shape of its tails
    # ("line" for any shape)
    for reg in registered(role, None if not density and kind == "line" else kind):
        for k in range(count):
            r = Drawer(SEED, "example", role, reg.family.__name__, kind, k)
            out.append(reg.make(r, lo, hi))
    return tuple(out)
