"""The abstract names a derivation talks about: densities, discriminators, generators.

Each name is a frozen value that makes SymPy function applications.  A
density is a SymPy function declared ``positive``; a discriminator too
(D > 0 is known to SymPy, and the checker models D = 1/(1 + W) with W > 0 so
that 1 - D > 0 is known as well, see :mod:`ganproof.vocabulary.positivity`);
a generator is a ``real`` function.

>>> p = Density("p_data")
>>> p(X)
p_data(x)
>>> p.latex
'p_{\\\\mathrm{data}}'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Final

import sympy as sp
from sympy.core.function import UndefinedFunction

X: Final = sp.Symbol("x", real=True)
"""The data variable."""
Z: Final = sp.Symbol("z", real=True)
"""The noise variable."""


@dataclass(frozen=True)
class Support:
    """The set a density lives on: the real line, a bounded interval, or a finite alphabet.

    A finite alphabet (``discrete``) is the set of integers ``lower, ..., upper``: a law on it is a
    probability vector (a pmf), and what is an integral for a density is a sum over the alphabet
    (:meth:`over`).  The alphabet of a file that sums over ``x`` without naming its points is the
    abstract one, :data:`ALPHABET` = {1, ..., |X|}, whose size :data:`ALPHABET_SIZE` is a positive
    integer that the numeric layer draws per instance.
    """

    lower: sp.Expr = sp.S.NegativeInfinity
    upper: sp.Expr = sp.S.Infinity
    discrete: bool = False

    @property
    def is_real_line(self) -> bool:
        return not self.discrete and self.lower == sp.S.NegativeInfinity and self.upper == sp.S.Infinity

    def limits(self, var: sp.Symbol) -> tuple[sp.Symbol, sp.Expr, sp.Expr]:
        return (var, self.lower, self.upper)

    def over(self, body: sp.Expr, var: sp.Symbol) -> sp.Expr:
        """``body`` integrated over the support (``\\int_lower^upper body dvar``), or summed over it
        when it is an alphabet (``\\sum_{var=lower}^{upper} body``)."""
        if self.discrete:
            return sp.Sum(body, self.limits(var))
        return sp.Integral(body, self.limits(var))

    def spans(self, node: sp.Basic) -> bool:
        """True when ``node`` is the integral (an alphabet: the sum) of something over exactly this support."""
        kind = sp.Sum if self.discrete else sp.Integral
        return (type(node) is kind and len(node.limits) == 1 and len(node.limits[0]) == 3
                and tuple(node.limits[0][1:]) == (self.lower, self.upper) and self.is_ordered)

    @property
    def is_ordered(self) -> bool:
        """True only when lower < upper is decided (an alphabet: lower <= upper, at least one point).

        A support written the wrong way round ([1, 0]) or with an order SymPy cannot decide is
        no interval a rule may integrate over: the rules that use the support do not apply.
        """
        if self.discrete:
            return at_most(self.lower, self.upper) or (self.upper - self.lower).is_nonnegative is True
        return precedes(self.lower, self.upper)

    def contains_range(self, lower: sp.Expr, upper: sp.Expr) -> bool:
        """True only when [lower, upper] is proved to lie in this support (closed containment)."""
        return at_most(self.lower, lower) and at_most(upper, self.upper)

    def holds_inside(self, point: sp.Expr) -> bool:
        """True only when ``point`` is proved to lie in the open interior of this support.

        The real line holds every real point (every argument of a density is real); a bounded
        support needs lower < point < upper decided by SymPy; an alphabet holds an integer
        point between its ends (inclusive).
        """
        if self.discrete:
            return point.is_integer is True and at_most(self.lower, point) and at_most(point, self.upper)
        if self.is_real_line:
            return point.is_real is not False
        return precedes(self.lower, point) and precedes(point, self.upper)

    def latex(self) -> str:
        if self.discrete:
            if self.upper == ALPHABET_SIZE:
                return r"\mathcal{X}"
            return rf"\{{{sp.latex(self.lower)}, \dots, {sp.latex(self.upper)}\}}"
        if self.is_real_line:
            return r"\mathbb{R}"
        return rf"[{sp.latex(self.lower)}, {sp.latex(self.upper)}]"

    def text(self) -> str:
        """Plain text for terminals: ``R``, ``[0, 1]``, ``[0, inf)``, ``{0, ..., 2}`` or ``a finite alphabet X``."""
        if self.discrete:
            if self.upper == ALPHABET_SIZE:
                return "a finite alphabet X"
            return f"{{{self.lower}, ..., {self.upper}}}"
        if self.is_real_line:
            return "R"
        lo = "(-inf" if self.lower == sp.S.NegativeInfinity else f"[{self.lower}"
        hi = "inf)" if self.upper == sp.S.Infinity else f"{self.upper}]"
        return f"{lo}, {hi}"


ALPHABET_SIZE: Final = sp.Symbol("|X|", integer=True, positive=True)
"""The number of points of the abstract alphabet; no name the reader makes is this symbol."""


def precedes(a: sp.Expr, b: sp.Expr) -> bool:
    """True only when ``a < b`` is decided by SymPy (with -oo and oo at the ends of the line)."""
    a, b = sp.sympify(a), sp.sympify(b)
    if a == b:
        return False
    if a == sp.S.NegativeInfinity or b == sp.S.Infinity:
        return b != sp.S.NegativeInfinity and a != sp.S.Infinity
    if a.is_infinite or b.is_infinite:
        return False
    return (b - a).is_positive is True


def at_most(a: sp.Expr, b: sp.Expr) -> bool:
    """True only when ``a <= b`` is decided by SymPy."""
    return a == b or precedes(a, b)


REAL_LINE: Final = Support()
UNIT_INTERVAL: Final = Support(sp.S.Zero, sp.S.One)
ALPHABET: Final = Support(sp.S.One, ALPHABET_SIZE, discrete=True)
"""The abstract finite alphabet {1, ..., |X|} of laws summed over without named points."""


def latex_name(name: str) -> str:
    """LaTeX for an internal name: ``p_data`` -> ``p_{\\mathrm{data}}``, ``D_star`` -> ``D^*``.

    >>> latex_name("p_G"), latex_name("D_star_G"), latex_name("q"), latex_name("D_theta")
    ('p_G', 'D^*_G', 'q', 'D_{\\\\theta}')
    """
    base, _, rest = name.partition("_")
    star = ""
    if rest.startswith("star"):
        star, rest = "^*", rest[4:].lstrip("_")
    if not rest:
        return base + star
    if "_" in rest:  # a subscript with its own subscript: p_{G_\\theta}, p_{\\theta_0}
        head, _, tail = rest.partition("_")
        shown = f"\\{head}" if head in GREEK else head if len(head) == 1 else rf"\mathrm{{{head}}}"
        inner = latex_name("_" + tail)  # the tail as a subscript of its own: _{\\theta}, _0
        return f"{base}{star}_{{{shown}{inner}}}"
    if rest in GREEK:
        return f"{base}{star}_{{\\{rest}}}"
    sub = rest if len(rest) == 1 else rf"\mathrm{{{rest}}}"
    return f"{base}{star}_{{{sub}}}" if len(rest) > 1 else f"{base}{star}_{sub}"


GREEK: Final = frozenset({
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu", "nu",
    "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega", "Gamma", "Delta", "Theta",
    "Lambda", "Xi", "Pi", "Sigma", "Phi", "Psi", "Omega",
})
"""Subscripts written as Greek letters (D_{\\theta}, G_{\\phi}), printed back as Greek letters."""


@dataclass(frozen=True)
class Density:
    """A probability density: positive, integrating to 1 over its support."""

    name: str
    support: Support = REAL_LINE

    @property
    def function(self) -> UndefinedFunction:
        return sp.Function(self.name, positive=True)

    @property
    def latex(self) -> str:
        return latex_name(self.name)

    def __call__(self, arg: sp.Expr) -> sp.Expr:
        return self.function(arg)


@dataclass(frozen=True)
class ParametricDensity(Density):
    """A family of densities p(x; theta), one for each value of the real parameter theta.

    Applied as ``p(x)`` it is ``p(x, theta)``; ``p(x, theta_0)`` is the member at theta_0.
    Used for parametric generators g_theta, whose law changes with theta.
    """

    parameter: str = "theta"

    @property
    def theta(self) -> sp.Symbol:
        return sp.Symbol(self.parameter, real=True)

    def __call__(self, arg: sp.Expr, at: sp.Expr | None = None) -> sp.Expr:  # type: ignore[override]
        return self.function(arg, self.theta if at is None else at)


@dataclass(frozen=True)
class _FunctionName:
    """A named function of x (or z) that makes SymPy applications; subclasses say what is known of it."""

    name: str
    positive: ClassVar[bool] = False
    """True: its values are known positive (SymPy ``positive=True``); else only real."""

    @property
    def function(self) -> UndefinedFunction:
        return sp.Function(self.name, positive=True) if self.positive else sp.Function(self.name, real=True)

    @property
    def latex(self) -> str:
        return latex_name(self.name)

    def __call__(self, arg: sp.Expr, *params: sp.Expr) -> sp.Expr:
        return self.function(arg, *params)


@dataclass(frozen=True)
class Discriminator(_FunctionName):
    """A discriminator D with values in (0, 1)."""

    name: str = "D"
    positive: ClassVar[bool] = True


@dataclass(frozen=True)
class Critic(_FunctionName):
    """A real-valued function of x with no range constraint: an LSGAN discriminator, an f-GAN critic T.

    Unlike a :class:`Discriminator` nothing is known of its sign, so the
    checker proves nothing that needs ``T(x) > 0`` or ``T(x) < 1``.
    """

    name: str = "T"


@dataclass(frozen=True)
class Generator(_FunctionName):
    """A generator G mapping noise z to a sample x; ``G(z, theta)`` for a parametric one."""

    name: str = "G"


@dataclass(frozen=True)
class Pushforward:
    """``density`` is the law of ``generator(z)`` for ``z ~ noise``."""

    density: Density
    generator: Generator
    noise: Density


@dataclass(frozen=True)
class LabelledMixture:
    """Equal-weight mixture of labelled densities: pick k uniformly, draw x ~ p_k, label y = y_k."""

    components: tuple[tuple[Density, int], ...]


@dataclass(frozen=True)
class SampleSet:
    """A named set of samples x^{(i)} and the law they are drawn from (None: unknown)."""

    name: str
    law: Density | LabelledMixture | None
    label: str | None = None
    """The name of the label variable, for a labelled mixture."""

    @property
    def latex(self) -> str:
        """``x^{(i)}`` for the set ``i``; a set named ``zi`` holds noise samples ``z^{(i)}``."""
        name = self.name
        if len(name) > 1 and name[0] in "zy" and name[1:].isalpha():
            return f"{name[0]}^{{({name[1:]})}}"
        return f"x^{{({name})}}"

    @property
    def text(self) -> str:
        """Plain text: ``x^(i)``, ``z^(i)``."""
        return self.latex.replace("{", "").replace("}", "")
