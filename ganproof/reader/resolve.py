"""The reader's syntax tree to the project's SymPy vocabulary, node by node.

Only the node types of :mod:`ganproof.reader.syntax` are mapped, each to a
fixed SymPy constructor (``sp.Add``, ``sp.log``, :class:`~ganproof.vocabulary.Expectation`,
...).  Numbers go through :class:`fractions.Fraction`; names become
:class:`~ganproof.vocabulary.Density`, :class:`~ganproof.vocabulary.Discriminator`,
:class:`~ganproof.vocabulary.Generator`, the variables x and z, real constants,
or the applications of definitions made earlier in the file.  Nothing is
evaluated: no ``eval``, ``sympify`` or ``parse_expr`` of file text.

:class:`Resolver` keeps what the file has named so far (its scope); the
values it returns are SymPy expressions and frozen records.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction

import mpmath
import sympy as sp
from sympy.core.function import AppliedUndef, UndefinedFunction

from ganproof.reader import syntax as ast
from ganproof.reader.alphabet import index_point, summed_densities, summed_points, walk
from ganproof.reader.limits import MAX_DEPTH, MAX_DIGITS, MAX_EXPONENT
from ganproof.reader.names import DENSITY_BASES, LAW_BASES, kind_of, key_of, subscript_text
from ganproof.reader.source import Source
from ganproof.reader.substitute import substitute
from ganproof.vocabulary import (
    JSD,
    KL,
    BinaryCE,
    Critic,
    CrossEntropy,
    Defined,
    Density,
    Discriminator,
    Expectation,
    FDivergence,
    Generator,
    SampleMean,
    Support,
    X,
    Z,
)
from ganproof.vocabulary.generators import F_NEYMAN, F_PEARSON
from ganproof.vocabulary.domain import CANCELLED, EXISTS, MERGED, OPPOSED, ZEROED, DomainCondition, Range, interval_of
from ganproof.vocabulary.names import ALPHABET_SIZE, REAL_LINE, latex_name
from ganproof.vocabulary.printing import to_latex



def _indexed_by(body: ast.Node, letter: str) -> ast.Name | None:
    """The first name in ``body`` whose subscript holds ``letter`` (``p_\\theta``, ``G_{\\theta}``,
    ``D_{\\theta_1}``, and ``p(x \\mid \\theta)``, which reads as ``p_\\theta``), or None."""
    for n in walk(body):
        if isinstance(n, ast.Call):
            n = n.func
        if isinstance(n, ast.Name) and n.sub and any(re.search(rf"(?<![A-Za-z]){re.escape(letter)}(?![A-Za-z])", s)
                                                     for s in n.sub):
            return n
    return None


def constant_name(node: ast.Name) -> str:
    """The name of the constant a letter stands for, with its label, star and subscript (``\\sigma_1`` ->
    ``sigma_1``, ``\\theta^*`` -> ``theta_star``): one spelling for the rows and the constraints on them."""
    return node.base + (f"^{{{node.label}}}" if node.label else "") + ("_star" if node.starred else "") + (
        f"_{subscript_text(node.sub)}" if node.sub else "")

@dataclass(frozen=True)
class Param:
    """A parameter of a definition: a variable (x), a function (D, G, p) or a constant."""

    kind: str
    key: str
    placeholder: object


@dataclass(frozen=True)
class Definition:
    """``NAME(params) := value``, made by a definition row."""

    key: str
    label: str
    params: tuple[Param, ...]
    value: sp.Expr
    offset: int
    separators: tuple[str, ...] = ()
    """The separators between the parameters as written: ``("||",)`` for ``D_f(p \\| q) = ...``."""


@dataclass(frozen=True)
class Note:
    """A warning or an assumption made while reading, at an offset of the file."""

    offset: int
    message: str
    kind: str = "warning"


@dataclass(frozen=True)
class SampleRef:
    """A sample set written in the file: ``x^{(i)}`` has base x and tag i; ``x_i^{(r)}`` tag r."""

    base: str
    tag: str
    offset: int

    @property
    def set_name(self) -> str:
        return self.tag if self.base == "x" else f"{self.base}{self.tag}"

    @property
    def latex(self) -> str:
        return f"{self.base}^{{({self.tag})}}"


@dataclass(frozen=True)
class Side:
    """A resolved side of a relation, with the \\max/\\min written in front of it."""

    expr: sp.Expr
    prefixes: tuple[str, ...] = ()
    uses_limit: bool = False
    domain: tuple[DomainCondition, ...] = ()
    """What must be positive for the side to have a real value (logarithms' arguments, real powers'
    bases), recorded as written, before SymPy could evaluate it away (exp(log a) is built as a)."""


_EULER_BASES = ("e",)
NONZERO = "the denominator of a fraction"
"""The ``what`` of a recorded denominator (a :class:`DomainCondition` with ``nonzero``)."""


def _number(text: str) -> sp.Rational:
    q = Fraction(text)
    return sp.Rational(q.numerator, q.denominator)


MAY_BE_INFINITE = (KL, FDivergence, CrossEntropy, sp.Integral, Expectation, SampleMean, Defined, sp.Derivative,
                   sp.Subs)
"""The kinds of term that may be +-inf (or have no value) on some instance: a sum holding one of them
with opposite signs is recorded (SymPy cancels KL - KL to 0 as it builds).  A sample mean read as its
limit is an expectation; a defined name (V := E_p[1/D]) stands for its value, which may be one of them; a
derivative of a function the file leaves free may not exist (:func:`ganproof.reader.means.derivative_problem`)."""

_DIVERGENCES = (KL, FDivergence, CrossEntropy)


def signed_terms(term: sp.Expr) -> list[tuple[sp.Expr, int]]:
    """The terms of ``term`` that may be infinite, each with the sign of its coefficient (0: not decided).

    ``3 KL(p || q) - a H(p)`` gives [(KL(p || q), 1), (H(p), 0)] (the sign of a is not known); a product
    of a coefficient and a sum is opened (2 (KL - 1) is 2 KL - 2)."""
    out: list[tuple[sp.Expr, int]] = []

    def walk(t: sp.Expr, sign: int, depth: int) -> None:
        if depth > 8:
            return
        for a in sp.Add.make_args(t):
            c, rest = a.as_coeff_Mul()
            s = sign * (1 if c > 0 else -1 if c < 0 else 0) if c.is_extended_real else 0
            factors = sp.Mul.make_args(rest)
            terms = [f for f in factors if isinstance(f, MAY_BE_INFINITE)]
            sums = [f for f in factors if isinstance(f, sp.Add)]
            others = [f for f in factors if f not in terms and f not in sums]
            if any(o.is_positive is not True for o in others):
                s = 0
            if len(terms) == 1 and not sums:
                out.append((terms[0], s))
            elif len(sums) == 1 and not terms:
                walk(sums[0], s, depth + 1)

    walk(term, 1, 0)
    return out


def _flatten_product(node: ast.Node) -> list[ast.Node]:
    """The factors of a product, left to right (iterative: a product may have many factors)."""
    out: list[ast.Node] = []
    stack: list[ast.Node] = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, ast.BinOp) and n.op in ("juxt", "*"):
            stack.append(n.right)
            stack.append(n.left)
        else:
            out.append(n)
    return out


PEARSON_LABEL = r"\chi^2"
CHI_SQUARE: dict[str, tuple[sp.Lambda, str]] = {"CHI2": (F_PEARSON, PEARSON_LABEL), "CHI2N": (F_NEYMAN, r"\chi^2_{N}")}
"""The chi-square operators of the lexer -> their generator f and their label: the f-divergence
D_f(P || Q) = int Q f(P/Q) with f = (u - 1)^2 (Pearson, int (P - Q)^2 / Q) or (1 - u)^2 / u (Neyman,
int (P - Q)^2 / P)."""

CHI_SQUARE_NOTE = {
    "CHI2": ("\\chi^2(P \\| Q) is read as Pearson's chi-square int (P - Q)^2 / Q (Q divides, as in the f-divergence "
             "table); where a step holds only with P dividing (the LSGAN paper's convention), the checker says so. "
             "Declare the convention with %! chi-square pearson or %! chi-square lsgan"),
    "CHI2N": "\\chi^2_N(P \\| Q) is read as Neyman's chi-square int (P - Q)^2 / P (P divides)",
}
"""The reading note of a chi-square whose convention the file has not declared."""


WHOLE_SPACES = frozenset({"X", "Y", "Z", "chi", "Omega"})
"""Names of the sample space in an integral's subscript (\\int_{\\mathcal{X}} f(x) \\, dx, \\int_\\Omega ... d\\omega)."""


@dataclass
class Resolver:
    """The scope of a file while it is read: names seen, definitions, densities, samples."""

    source: Source
    supports: dict[str, Support] = field(default_factory=dict)
    labels: dict[tuple[str, str], str] = field(default_factory=dict)
    """(base, tag) of a labelled sample set -> the label variable's base (y)."""
    positive_constants: set[str] = field(default_factory=set)
    chi_square: str | None = None
    """The chi-square convention the file declares (``%! chi-square pearson|lsgan``), or None: both are tried."""
    unit_constants: set[str] = field(default_factory=set)
    in_rows: bool = False
    """True while the rows of a block are read (not the directives)."""
    row_uses: dict[str, int] = field(default_factory=dict)
    """Densities, generators and sample sets -> the first offset where a row uses them."""
    made: list[sp.Symbol] = field(default_factory=list)
    """Every constant symbol made, in order (one letter may have several, one per constraint in force)."""
    densities: dict[str, Density] = field(default_factory=dict)
    density_first: dict[str, int] = field(default_factory=dict)
    discriminators: dict[str, Discriminator] = field(default_factory=dict)
    generators: dict[str, Generator] = field(default_factory=dict)
    opaque: dict[str, Critic] = field(default_factory=dict)
    """Functions of one argument the file defines by an optimum (f^*(t) = \\sup_u ...), keyed as written: read as
    any real function where applied (reader/check.py makes a refutation with them unknown)."""
    optimisers: set[str] = field(default_factory=set)
    """Names given the value of an arg min or arg max (\\theta^* = \\argmin_\\theta ...), which the checker does
    not compute: they stay undefined, a later row giving them a value is a step about them, and a refutation with
    them is unknown (reader/check.py)."""
    functions: dict[str, Critic] = field(default_factory=dict)
    """Names read by their role as any real function of one argument (f, g, h applied and never defined)."""
    _sigmoid_noted: set[str] = field(default_factory=set)
    """\\sigma, once it has been read as the logistic sigmoid (the note is given once)."""
    optimised: set[str] = field(default_factory=set)
    """Letters a \\max, \\min, \\sup or \\inf in front of a side optimises over (``\\sup_{T \\in \\mathcal{T}}``):
    applied to one argument and never defined, such a letter is a function by its role, as f, g, h are."""
    constants: dict[str, sp.Symbol] = field(default_factory=dict)
    definitions: dict[str, Definition] = field(default_factory=dict)
    samples: dict[str, SampleRef] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)
    notes: list[Note] = field(default_factory=list)
    new_densities: list[tuple[str, int]] = field(default_factory=list)
    substitution: dict[str, sp.Expr] = field(default_factory=dict)
    """Constants fixed by the constraints (``%! assume b - a = 2``): name -> value, used where read free."""
    constrained: dict[str, int] = field(default_factory=dict)
    """Every constant named in an equality constraint -> the constraint's offset.  Such a letter is never
    bound (an integral's, an expectation's or a derivative's variable, a definition's parameter): the
    substitution of ``b = a + 2`` must not be captured by a bound ``a``."""
    _vars: list[sp.Symbol] = field(default_factory=list)
    _domain: list[tuple[sp.Expr, dict[sp.Symbol, Range], str]] = field(default_factory=list)
    """The domain conditions of the side being read: (expression, interval of each bound variable
    filled in as its integral or expectation closes, what needs it)."""
    _sample_scope: dict[str, object] | None = None
    _sample_letters: list[tuple[str, str, int]] = field(default_factory=list)
    """The index and the number of samples of each sum being read, with the sum's offset."""
    _side_counts: list[tuple[str, int]] = field(default_factory=list)
    """The number of samples (m) of each sample mean of the side being read."""
    _depth: int = 0
    summed: dict[str, int] = field(default_factory=dict)
    """Densities that a sum over an alphabet applies to its index -> the first such sum's offset (see
    :mod:`ganproof.reader.alphabet`): laws on an alphabet, summed and never integrated."""
    law_alias: dict[str, str] = field(default_factory=dict)
    """A capital law written only as a law -> the small letter the file writes as its density (``P`` -> ``p``;
    see :meth:`ganproof.reader.document._Reader.laws_of_densities`)."""
    aliased: set[str] = field(default_factory=set)
    """The capital laws whose reading as the small letter's law was already noted."""
    _stated: set[str] = field(default_factory=set)
    """The readings of a notation already noted once for the file (D(p \\| q) as KL)."""
    normal_laws: dict[str, tuple[sp.Expr, sp.Expr]] = field(default_factory=dict)
    """Densities the file gives by the normal formula -> (mean, standard deviation) in its constants (see
    :mod:`ganproof.reader.normal_laws`)."""
    restated: dict[str, int] = field(default_factory=dict)
    """Defined names a formula of the prose gives another value -> its line: no step with one is accepted or
    refuted by the first definition (see :meth:`ganproof.reader.document._Reader.restated_in_prose`)."""
    sole_density: str | None = None
    """The one density the file names besides the noise, if it names one only: the law of a lawless
    \\mathbb{E}_x (see :meth:`ganproof.reader.document._Reader.sole_density`)."""
    stated_values: dict[str, tuple[str, int]] = field(default_factory=dict)
    """Constants an inline formula of the prose gives a number (``With $m = 3$ samples``) -> (the number as
    written, its offset): a sample mean over such an m is no limit (see
    :meth:`ganproof.reader.document._Reader.constant_capitals`)."""
    formula_densities: dict[str, int] = field(default_factory=dict)
    """Densities the file gives by a formula the checker does not read as a law (not the normal formula, or
    N(mu, sigma) with a bare sigma) -> the line: read as any density, which the formula may not be, so a step
    about one is neither accepted nor refuted (reader/check.py)."""
    constant_capitals: dict[str, int] = field(default_factory=dict)
    """The capitals X and Z that the prose gives a value, a bound or the word constant (``let $X = 2$``, ``$Z$
    is a fixed constant``) -> the offset where it does: a constant of the file, never the variable x (z) bound
    around it (see :meth:`ganproof.reader.document._Reader.constant_capitals`)."""
    noise_laws: tuple[str, ...] = ()
    """The noise densities the pushforward directives name (``%! pushforward p_g = G(z), z \\sim q``), in order:
    with one, \\mathbb{E}_z draws z from it."""
    by_name: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Starred discriminators the file never defines, read as the optimum by their name -> (the data density,
    the other law) of that optimum (see :meth:`ganproof.reader.document._Reader.optimum_by_name`)."""
    spanning: set[int] = field(default_factory=set)
    """The offsets of integrals with no differential that span the terms after them (see
    :mod:`ganproof.reader.open_integrals`; a warning of the reader says so, not the "rest of its term" note)."""
    scalars: dict[str, int] = field(default_factory=dict)
    """Names spelled as densities that the file uses only as numbers -> their first offset (``p`` in "let
    0 <= p <= 1, L(u) = -p \\log \\sigma(u) - ..."; see
    :meth:`ganproof.reader.document._Reader.scalar_densities`): read as real constants."""
    _alphabet_index: list[str] = field(default_factory=list)
    _alphabet_points: list[tuple[str, frozenset[str]]] = field(default_factory=list)
    """The index of each sum over an alphabet being read and the letters x of its points x_i (p(x_i))."""
    _alphabet_letters: list[tuple[str, int]] = field(default_factory=list)
    """The letters that name the size of the abstract alphabet on the side being read (\\sum_{i=1}^{n})."""
    """The indices of the sums over an alphabet being read, innermost last (``p_i`` is p at i)."""

    # ------------------------------------------------------------------ names
    def used(self, key: str, offset: int) -> None:
        """Record that a row uses ``key`` (a density, generator or sample set) at ``offset``."""
        if self.in_rows and offset < self.row_uses.get(key, offset + 1):
            self.row_uses[key] = offset

    def density(self, key: str, offset: int) -> Density:
        law = key
        key = self.law_alias.get(key, key)
        if law != key and law not in self.aliased:
            self.aliased.add(law)
            if key != "p_z" and law.partition("_")[0] == key.partition("_")[0] and law.lower() == key.lower():
                self.notes.append(Note(offset, f"{latex_name(law)} is read as {latex_name(key)}, the density the "
                                       f"file writes first: the two spellings differ only in the case of the "
                                       f"subscript (declare both, %! density {latex_name(law)}, "
                                       f"{latex_name(key)}, to keep them apart)", "reading"))
            elif key == "p_z":
                how = "p(z): p is written only at the noise z" if law == "p" else "the file has no p_z"
                self.notes.append(Note(offset, f"{latex_name(law)} is read as the noise density p_z ({how})",
                                       "reading"))
            else:
                self.notes.append(Note(offset, f"{latex_name(law)} is read as the law whose density is "
                                       f"{latex_name(key)} (a capital names a law, the small letter its density: the "
                                       f"file writes {latex_name(law)} only as a law and {latex_name(key)} as a "
                                       "density)", "reading"))
        self.used(key, offset)
        if key not in self.densities:
            self.densities[key] = Density(key, self.supports.get(key, REAL_LINE))
            self.density_first[key] = offset
            self.new_densities.append((key, offset))
            if key.partition("_")[0] in LAW_BASES:
                self.notes.append(Note(offset, f"{latex_name(key)} is read as a density of its own (a capital "
                                       f"{key[0]} names a law; it is not {latex_name(key[0].lower() + key[1:])}): "
                                       f"{latex_name(key)}(x) is its density at x", "reading"))
        self.seen.add(key)
        return self.densities[key]

    def discriminator(self, key: str) -> Discriminator:
        self.seen.add(key)
        return self.discriminators.setdefault(key, Discriminator(key))

    def generator(self, key: str, offset: int | None = None) -> Generator:
        if offset is not None:
            self.used(key, offset)
        self.seen.add(key)
        return self.generators.setdefault(key, Generator(key))

    def constant(self, name: str) -> sp.Symbol:
        """The constant ``name`` as the constraints in force here make it: real, positive, or in (0, 1).

        The constraints hold from their line on, so one letter can be a real constant in a block above
        ``%! assume t > 0`` and a positive one below it; the two are different symbols.  A constant in
        (0, 1) is also marked non-integer (true of it), which keeps it apart from a constant only
        known positive."""
        self.seen.add(name)
        if name in self.unit_constants:
            want = sp.Symbol(name, positive=True, noninteger=True)
        elif name in self.positive_constants:
            want = sp.Symbol(name, positive=True)
        else:
            want = sp.Symbol(name, real=True)
        if self.constants.get(name) != want:
            self.constants[name] = want
            self.made.append(want)
        return self.constants[name]

    @property
    def var(self) -> sp.Symbol:
        return self._vars[-1] if self._vars else X

    def _variable(self, letter: str) -> sp.Symbol:
        if letter == "x":
            return X
        if letter == "z":
            return Z
        return sp.Symbol(letter, real=True)

    def bind(self, letter: str, offset: int, what: str) -> None:
        """An InputError when ``letter``, bound at ``offset`` as ``what``, is a constant of the constraints."""
        if letter in self.constrained:
            line = self.source.line_of(self.constrained[letter])
            raise self.source.error(offset, f"{latex_name(letter)} is a constant of the constraint on line {line} "
                                    f"(%! assume); it cannot also be {what}: use another letter")

    def _note_once(self, tag: str, offset: int, message: str) -> None:
        """State a reading of a notation once for the file (at its first use): later uses read it the same way."""
        if tag not in self._stated:
            self._stated.add(tag)
            self.notes.append(Note(offset, message, "reading"))

    def _bound(self, letter: str) -> sp.Symbol | None:
        for v in reversed(self._vars):
            if v.name == letter:
                return v
        return None

    def label(self, name: ast.Name) -> str:
        """LaTeX of a written name, as the reports print it."""
        src = self.source.text
        end = name.end
        # the node ends at its base and subscript; take in the written scripts (x^{(i)}, D^*_G)
        while (name.sups or name.sub) and end < len(src) and (
                src[end - 1] in "^_" or (end + 1 < len(src) and src[end] in "^_")):
            if src[end] in "^_":
                end += 1
            if src[end:end + 1] == "{":
                depth, k = 0, end
                while k < len(src):
                    depth += {"{": 1, "}": -1}.get(src[k], 0)
                    k += 1
                    if depth == 0:
                        break
                end = k
            else:
                end += 1
        return " ".join(src[name.pos:end].split())

    # ------------------------------------------------------------------ entry points
    def side(self, node: ast.Node) -> Side:
        """A side of a relation: \\max/\\min in front are taken off and returned."""
        prefixes = self.prefixes(node)
        while isinstance(node, ast.Optimise):
            over = node.over
            while isinstance(over, ast.Paren):
                over = over.inner
            if isinstance(over, ast.Name) and not over.sub and not over.sups and over.label is None:
                self.optimised.add(over.base)
            node = node.body
        if ast.depth(node, MAX_DEPTH * 4) > MAX_DEPTH * 4:
            raise self.source.error(node.pos, f"the expression is nested deeper than the limit of {MAX_DEPTH * 4}")
        uses_limit = _has_limit(node)
        self._domain = []
        self._side_counts = []
        self._alphabet_letters = []
        expr = self.expr(node)
        for q in expr.atoms(sp.Rational):
            size = max(abs(q.p), q.q)
            if size.bit_length() > MAX_DIGITS * 3.33:
                raise self.source.error(node.pos, f"a number on this side has more than {MAX_DIGITS} digits "
                                        f"(about {size.bit_length() * 0.30103:.0f}); the checker does not compute "
                                        "with numbers that large")
        for letter, offset in self._alphabet_letters:
            if any(isinstance(s, sp.Symbol) and s.name == letter for s in expr.free_symbols):
                raise self.source.error(offset, f"{latex_name(letter)} is the number of points of the alphabet "
                                        "this sum runs over, and also a constant elsewhere on this side: use "
                                        "another letter for the constant")
        for count, offset in self._side_counts:
            if any(isinstance(s, sp.Symbol) and s.name == count for s in expr.free_symbols):
                raise self.source.error(offset, f"{latex_name(count)} is the number of samples of this sum "
                                        f"(read as {count} \\to \\infty), and also a constant elsewhere on this "
                                        f"side: use another letter for the constant")
        domain = tuple(DomainCondition(e, tuple(scope.values()), what, nonzero=what == NONZERO)
                       for e, scope, what in self._domain)
        return Side(expr, prefixes, uses_limit, domain)

    def prefixes(self, node: ast.Node) -> tuple[str, ...]:
        """The \\max/\\min written in front of ``node``, outermost first, as written (``\\max_{D}``)."""
        out: list[str] = []
        while isinstance(node, ast.Optimise):
            over = self.source.text[node.over.pos:getattr(node.over, "end", node.over.pos + 1)] if node.over else ""
            over = " ".join(over.split())
            if over.startswith("{") and over.endswith("}"):
                over = over[1:-1].strip()  # \sup_{T \in \mathcal{T}}: the group as written, one pair of braces
            out.append(f"\\{node.kind}_{{{over}}}" if over else f"\\{node.kind}")
            node = node.body
        return tuple(out)

    def _needs_positive(self, e: sp.Expr, what: str = "the argument of a logarithm") -> None:
        """Record that ``e`` must be positive for the side to have a real value."""
        self._domain.append((e, {}, what))

    def _needs_nonzero(self, e: sp.Expr) -> None:
        """Record that the denominator ``e`` must be nonzero (SymPy cancels a/a to 1 as it builds)."""
        if not e.is_number:
            self._domain.append((e, {}, NONZERO))

    def _opposed(self, terms: list[sp.Expr]) -> None:
        """Record the terms of a sum that may be infinite and stand in it with opposite signs, before
        SymPy adds them: one term twice (KL - KL, 2 KL - KL: SymPy cancels it) as :data:`CANCELLED`, two
        different divergences as an :data:`OPPOSED` pair (KL(p || q) - KL(q || p)), two different integrals or
        expectations as a :data:`MERGED` pair."""
        signed: list[tuple[sp.Expr, int]] = []
        for t in terms:
            signed += signed_terms(t)
        if len(signed) < 2:
            return
        signs: dict[sp.Expr, set[int]] = {}
        counts: dict[sp.Expr, int] = {}
        for e, s in signed:
            signs.setdefault(e, set()).add(s)
            counts[e] = counts.get(e, 0) + 1
        for e, ss in signs.items():
            if counts[e] > 1 and (0 in ss or ss == {1, -1}):
                self._domain.append((e, {}, CANCELLED))
        divs = [(e, s) for e, s in signed if isinstance(e, _DIVERGENCES)][:12]
        for i, (a, sa) in enumerate(divs):
            for b, sb in divs[i + 1:]:
                if a != b and (sa * sb < 0 or 0 in (sa, sb)):
                    self._domain.append((sp.Tuple(a, b), {}, OPPOSED))
        means = [(e, s) for e, s in signed if isinstance(e, (sp.Integral, Expectation))][:12]
        for i, (a, sa) in enumerate(means):
            for b, sb in means[i + 1:]:
                if a != b and (sa * sb < 0 or 0 in (sa, sb)):
                    self._domain.append((sp.Tuple(a, b), {}, MERGED))

    def _zeroed(self, factors: list[sp.Expr]) -> None:
        """Record, as :data:`ZEROED`, the terms that may be infinite in the factors of a product with a
        factor 0, before SymPy builds it as 0 (0 KL(p || q) is 0 * inf where the divergence is +inf)."""
        if not any(f.is_zero for f in factors):
            return
        for f in factors:
            if not f.is_zero:
                for e in sorted(f.atoms(*MAY_BE_INFINITE), key=sp.default_sort_key)[:12]:
                    self._domain.append((e, {}, ZEROED))

    def _close_scope(self, mark: int, interval: Range) -> None:
        """The conditions recorded since ``mark`` stand where ``interval[0]`` ranges over ``interval``
        (an inner binder of the same letter, closed before, keeps its own)."""
        for _, scope, _ in self._domain[mark:]:
            scope.setdefault(interval[0], interval)

    def expr(self, node: ast.Node) -> sp.Expr:
        self._depth += 1
        if self._depth > MAX_DEPTH * 4:
            raise self.source.error(node.pos, f"the expression is nested deeper than the limit of {MAX_DEPTH * 4}")
        try:
            return self._expr(node)
        finally:
            self._depth -= 1

    def _expr(self, node: ast.Node) -> sp.Expr:  # noqa: C901 - one dispatch over the syntax tree
        if isinstance(node, ast.Num):
            return _number(node.text)
        if isinstance(node, ast.Infinity):
            return sp.oo
        if isinstance(node, ast.Paren):
            return self.expr(node.inner)
        if isinstance(node, ast.Neg):
            return -self.expr(node.inner)
        if isinstance(node, ast.BinOp):
            return self._binop(node)
        if isinstance(node, ast.Frac):
            num, den = self.expr(node.num), self.expr(node.den)
            if den == 0:
                raise self.source.error(node.pos, "division by zero in this fraction")
            self._needs_nonzero(den)
            return num / den
        if isinstance(node, ast.Func):
            arg = self.expr(node.arg)
            if node.name == "log":
                if arg.is_zero:
                    raise self.source.error(node.pos, "the logarithm of 0 is not finite")
                self._needs_positive(arg)
                return sp.log(arg)
            if node.name == "exp":
                return self._pow(sp.E, arg, node.pos)
            if node.name == "abs":
                return sp.Abs(arg)
            self._needs_positive(arg, "the base of a real power")
            return sp.sqrt(arg)
        if isinstance(node, ast.Power):
            return self._power(node)
        if isinstance(node, ast.Name):
            return self._name(node)
        if isinstance(node, ast.Call):
            return self._call(node)
        if isinstance(node, ast.OpCall):
            return self._opcall(node)
        if isinstance(node, ast.Expect):
            return self._expect(node)
        if isinstance(node, ast.Integral):
            return self._integral(node)
        if isinstance(node, ast.Limit):
            return self._limit(node)
        if isinstance(node, ast.Sum):
            if summed_densities(node):
                return self._alphabet_sum(node)
            raise self.source.error(node.pos, "a sum is read as a sample mean, \\frac{1}{m} \\sum_{i=1}^{m} "
                                    "f(x^{(i)}) (with or without \\lim_{m \\to \\infty}), or as a sum over a "
                                    "finite alphabet of a law at the sum's index, \\sum_x p(x) f(x) or "
                                    "\\sum_i p_i f_i; this sum is neither")
        if isinstance(node, ast.Deriv):
            return self._deriv(node)
        if isinstance(node, ast.Optimise):
            raise self.source.error(node.pos, f"\\{node.kind} is only read in front of a whole side of a relation")
        if isinstance(node, ast.Star):
            raise self.source.error(node.pos, "a '*' is only read as a superscript (D^*)")
        if isinstance(node, ast.Reals):
            raise self.source.error(node.pos, "\\mathbb{R} is only read as the domain of an integral")
        raise self.source.error(getattr(node, "pos", 0), "cannot read this expression")  # pragma: no cover

    # ------------------------------------------------------------------ arithmetic
    def _binop(self, node: ast.BinOp) -> sp.Expr:
        if node.op in ("juxt", "*") and _ends_in_sum(node) and summed_densities(node.right):  # type: ignore[arg-type]
            return self.expr(node.left) * self._alphabet_sum(node.right)  # type: ignore[arg-type]
        if node.op in ("juxt", "*") and _ends_in_sum(node):
            return self._sample_mean_product(node, limit_var=None)
        if node.op in ("+", "-") and isinstance(node.left, ast.BinOp) and node.left.op in ("+", "-"):
            # a long sum is a left-deep chain: read it term by term, not by recursion
            terms = [self.expr(t) if op == "+" else -self.expr(t) for op, t in ast.chain_of(node, "sum")]
            self._opposed(terms)
            return sp.Add(*terms)
        if node.op in ("juxt", "*") and isinstance(node.left, ast.BinOp) and node.left.op in ("juxt", "*"):
            factors = [self.expr(f) for f in _flatten_product(node)]
            self._zeroed(factors)
            return sp.Mul(*factors)
        a = self.expr(node.left)
        b = self.expr(node.right)
        if node.op == "+":
            self._opposed([a, b])
            return a + b
        if node.op == "-":
            self._opposed([a, -b])
            return a - b
        if node.op == "/":
            if b == 0:
                raise self.source.error(node.right.pos, "division by zero")
            self._needs_nonzero(b)
            return a / b
        self._zeroed([a, b])
        return a * b

    def _power(self, node: ast.Power) -> sp.Expr:
        if isinstance(node.exp, ast.Star):
            raise self.source.error(node.pos, "a '*' superscript is only read on a name (D^*)")
        base_is_e = isinstance(node.base, ast.Name) and node.base.base == "e" and not node.base.sub
        exp = self.expr(node.exp)
        self._check_exponent(exp, node.exp.pos)
        if base_is_e:
            return self._pow(sp.E, exp, node.pos)
        base = self.expr(node.base)
        if exp.is_integer is not True:
            self._needs_positive(base, "the base of a real power")
        return self._pow(base, exp, node.pos)

    def _pow(self, base: sp.Expr, exp: sp.Expr, offset: int) -> sp.Expr:
        """``base ** exp``, refused before SymPy computes it when its value would have more than
        :data:`~ganproof.reader.limits.MAX_DIGITS` digits: ``(((10^{100})^{100})^{100})^{100}`` is exact
        in SymPy, and computing 10^(10^8) would take the reader's whole time (in C, uninterruptible)."""
        digits = _power_digits(base, exp)
        if digits is not None and abs(digits) > MAX_DIGITS:
            shown = f"{digits:.0f}" if abs(digits) < 1e6 else f"{digits:.3g}"
            raise self.source.error(offset, f"this power is about 10^{{{shown}}}, beyond the limit of "
                                    f"{MAX_DIGITS} digits for a number; the checker does not compute with numbers "
                                    "that large or that small")
        return sp.exp(exp) if base is sp.E else sp.Pow(base, exp)

    def _check_exponent(self, exp: sp.Expr, offset: int) -> None:
        # an exponent that holds an integral, a sum or a limit is not compared here: SymPy would evaluate it
        # (an integral by its own quadrature, with no time limit: e^{\int e^{(x - 70)^2} dx}, a divergent one,
        # took minutes); its size is the numeric layer's, which evaluates under a budget
        if exp.has(sp.Integral, sp.Sum, sp.Product, sp.Limit, sp.Derivative):
            return
        if exp.is_number and exp.is_finite is not False:
            try:
                big = abs(exp) > MAX_EXPONENT
            except TypeError:
                big = False
            if big is sp.true or big is True:
                raise self.source.error(offset, f"the exponent {exp} is larger in size than the limit of {MAX_EXPONENT} "
                                        f"(a number exponent must lie in [-{MAX_EXPONENT}, {MAX_EXPONENT}], so that "
                                        "every evaluation stays within its budget)")

    # ------------------------------------------------------------------ names and calls
    def _name(self, node: ast.Name) -> sp.Expr:
        for index, points in reversed(self._alphabet_points):
            if node.base in points and node.sub is not None and tuple(node.sub) == (index,) and not node.sups \
                    and not node.label:
                bound = self._bound(index)
                assert bound is not None
                return bound
        for index in reversed(self._alphabet_index):
            key = index_point(node, index)
            if key is not None and key not in self.definitions:
                bound = self._bound(index)
                assert bound is not None
                return self.density(key, node.pos)(bound)
        samples = self._sample_of(node)
        if samples is not None:
            return samples
        if node.sups:
            others = [s for s in node.sups if not isinstance(s, ast.Star)]
            if others:
                if isinstance(others[0], ast.Paren):
                    raise self.source.error(node.pos, f"the sample {self.label(node)} is only read inside a sample "
                                            "mean \\frac{1}{m}\\sum_{i=1}^{m} ...")
                plain = ast.Name(node.base, node.sub, tuple(s for s in node.sups if isinstance(s, ast.Star)),
                                 node.pos, node.end, node.label)
                exp = self.expr(others[0])
                self._check_exponent(exp, others[0].pos)
                if node.base == "e" and not node.sub and len(others) == 1:
                    return self._pow(sp.E, exp, node.pos)
                base = self._name(plain)
                for extra in others[1:]:
                    raise self.source.error(extra.pos, "two superscripts on one name")
                if exp.is_integer is not True:
                    self._needs_positive(base, "the base of a real power")
                return self._pow(base, exp, node.pos)
        if not node.sub and not node.sups:
            self._check_sample_letter(node)
        key = key_of(node)
        if key in self.definitions and not node.sub and not node.sups and not node.label and not node.starred:
            bound = self._bound(node.base)
            if bound is not None:
                # \int_0^1 t \, dt after t := 2: the bound variable, not the defined constant (no capture)
                return bound
        if key in self.definitions:
            d = self.definitions[key]
            self.seen.add(key)
            variables = [p for p in d.params if p.kind == "variable"]
            if not d.params:
                return Defined(d.label, d.value)
            if len(d.params) == 1 and len(variables) == 1:
                return self._apply_definition(d, (self.var,), node.pos, f"{d.label}")
            if all(p.kind == "constant" for p in d.params):
                # J^{(D)} for J^{(D)}(\theta^{(D)}, \theta^{(G)}): the function at its own written parameters
                return self._apply_definition(d, tuple(p.placeholder for p in d.params), node.pos, f"{d.label}")
            raise self.source.error(node.pos, f"{d.label} is defined with parameters "
                                    f"({', '.join(p.key for p in d.params)}); apply it, e.g. {d.label}(...)")
        kind = kind_of(node)
        if kind == "density" and key in self.scalars:
            return self._scalar(key, node.pos)
        if kind == "density":
            return self.density(key, node.pos)(self.var)
        if kind == "discriminator":
            return self.discriminator(key)(self.var)
        if kind == "generator":
            raise self.source.error(node.pos, f"the generator {self.label(node)} is read applied to the noise, "
                                    "e.g. G(z)")
        if kind == "variable":
            bound = self._bound(node.base)
            return bound if bound is not None else self._variable(node.base)
        # a starred letter (\theta^*, t^*) is a name of its own: never the bound variable, never the plain letter
        bound = self._bound(node.base) if not node.sub and not node.label and not node.starred else None
        if bound is not None:
            return bound
        if node.base == "e" and not node.sub and not node.label and not node.starred:
            return sp.E
        if node.base == "pi" and not node.sub and not node.starred:
            return sp.pi
        if node.base in self.constant_capitals and not node.sub and not node.sups and not node.label:
            self._note_once(f"{node.base}-constant", node.pos,
                            f"{node.base} is read as a constant, as the text states at line "
                            f"{self.source.line_of(self.constant_capitals[node.base])}, not as the variable "
                            f"{node.base.lower()}")
            return self.substitution.get(node.base, self.constant(node.base))
        small = self._bound(node.base.lower()) if node.base in ("X", "Z") else None
        if small is not None and not node.sub and not node.sups and not node.label:
            # \mathbb{E}_{x \sim p}[\log D(X)]: the random variable in capitals, inside the scope of its value x
            self._note_once(f"{node.base}->{node.base.lower()}", node.pos,
                            f"{node.base} is read as {node.base.lower()}, the variable bound here: a random variable "
                            f"in capitals beside its value in small letters (write {node.base.lower()} to say so, or "
                            f"define {node.base})")
            return small
        if node.base.isupper() and len(node.base) == 1 and node.base not in ("A", "B", "C", "K", "M", "N", "T"):
            raise self.source.error(node.pos, f"unknown name {self.label(node)}: it is not a density (p, q, P, Q), "
                                    "a discriminator (D), a generator (G) or defined earlier in the file")
        name = constant_name(node)
        constant = self.constant(name)
        return self.substitution.get(name, constant)

    def _scalar(self, key: str, offset: int) -> sp.Symbol:
        """A name spelled as a density that the file uses only as a number: a real constant, noted once."""
        if key not in self.aliased:
            self.aliased.add(key)
            self.notes.append(Note(offset, f"{latex_name(key)} is read as a number, not a density: the file never "
                                   "applies it to an argument, integrates it, takes an expectation under it or "
                                   "writes it beside x or z (declare it, %! density "
                                   f"{latex_name(key)}, to read it as a density)", "reading"))
        return self.constant(key)

    def function_of(self, node: ast.Node) -> Callable[[sp.Expr], sp.Expr] | None:
        """The function a bare name stands for (D, G, p, a defined function), or None."""
        if not isinstance(node, ast.Name):
            return None
        key = key_of(node)
        if key in self.definitions:
            d = self.definitions[key]
            if len(d.params) == 1 and d.params[0].kind == "variable":
                pos = node.pos

                def applied(a: sp.Expr) -> sp.Expr:
                    return self._apply_definition(d, (a,), pos, None)

                return applied
            if not d.params and X in d.value.free_symbols and not d.value.has(sp.Integral, sp.Sum, sp.Derivative,
                                                                               sp.Subs, sp.Limit):
                # D^* = \frac{p_r}{p_r + p_g} (densities written bare, at x): a pointwise function of x
                value = d.value

                def at(a: sp.Expr) -> sp.Expr:
                    return value.xreplace({X: a})

                return at
            return None
        kind = kind_of(node)
        if kind == "density" and key not in self.scalars:
            return self.density(key, node.pos).function
        if kind == "discriminator":
            return self.discriminator(key).function
        if kind == "generator":
            return self.generator(key, node.pos).function
        return None

    def _args(self, args: tuple[object, ...]) -> tuple[list[ast.Node], list[str]]:
        nodes: list[ast.Node] = []
        seps: list[str] = []
        for a in args:
            if isinstance(a, tuple) and a and a[0] == "sep":
                seps.append(str(a[1]))
            else:
                nodes.append(a)  # type: ignore[arg-type]
        return nodes, seps

    def _call(self, node: ast.Call) -> sp.Expr:
        args, seps = self._args(node.args)
        func = node.func
        if len(args) == 1 and not seps and any(index_point(func, i) for i in self._alphabet_index):
            # p_i (a + b) in a sum over i: the mass p_i times the bracket
            return self._name(func) * self.expr(args[0])
        key = key_of(func)
        if seps == ["||"] and len(args) == 2 and key == "D" and key not in self.definitions:
            # D(P \| Q): the relative entropy in information theory's notation (Cover and Thomas), not the
            # discriminator, which takes one point
            self._note_once("D(p||q)", node.pos, "D(.. \\| ..) is read as the relative entropy KL(.. \\| ..) (the "
                            "notation of information theory, Cover and Thomas): D with two arguments split by \\| is "
                            "no discriminator (define D_f(p \\| q) = ... to say otherwise)")
            return self._opcall(ast.OpCall("KL", node.args, node.pos))
        if "||" in seps and not (key in self.definitions and "||" in self.definitions[key].separators):
            written = self.source.text[node.pos:node.end]
            if ";" in written and not re.search(r"\|\||\\\||\\parallel|\\Vert|\\mid", written):
                raise self.source.error(node.pos, f"';' in {self.label(func)}(x; ...) is not read: a semicolon "
                                        "separates the two laws of a divergence (KL(p; q)), and a parameter after "
                                        "the variable only in \\mathcal{N}(x; \\mu, \\sigma^2); write the "
                                        f"parameter as a subscript ({self.label(func)}_\\theta(x)) or define "
                                        f"{self.label(func)} with it")
            raise self.source.error(node.pos, f"'||' separates the arguments of KL, JSD only, not of "
                                    f"{self.label(func)} (unless a definition wrote it so: D_f(p \\| q) = ...)")
        if key in self.definitions:
            self.seen.add(key)
            return self._apply_definition_nodes(self.definitions[key], args, node)
        if key in self.opaque:
            if len(args) != 1:
                raise self.source.error(node.pos, f"{self.label(func)} is defined with one argument, but is applied "
                                        f"to {len(args)}")
            return self.opaque[key](self.expr(args[0]))
        kind = kind_of(func)
        if kind in ("density", "discriminator", "generator"):
            if len(args) != 1:
                raise self.source.error(node.pos, f"{self.label(func)} takes one argument, got {len(args)}")
            if kind == "density" and self._holds_values(args[0]):
                # p_1(\log 2 + \log \frac{p_1(x)}{...}): a density times a bracket, not one at a density's value
                self.notes.append(Note(node.pos, f"{self.label(func)}(...) is read as {self.label(func)} times the "
                                       "bracket: the bracket holds a density or a discriminator at a point, which "
                                       "is no point a density is taken at", "reading"))
                return self._name(func) * self.expr(args[0])
            arg = self.expr(args[0])
            if kind == "density":
                return self.density(key, func.pos)(arg)
            if kind == "discriminator":
                return self.discriminator(key)(arg)
            return self.generator(key, func.pos)(arg)
        if func.sups and any(isinstance(s, ast.Paren) for s in func.sups):
            raise self.source.error(node.pos, f"{self.label(func)} is a sample, not a function")
        if not func.sub and not func.sups and func.label is None:
            by_role = self._by_role(func, args, node)
            if by_role is not None:
                return by_role
        if len(args) == 1 and func.base not in ("f", "g", "h") and not func.base.isupper() \
                and (func.base not in ("x", "z") or func.label is not None):
            # a constant times a bracket: a(b + c)
            return self.expr(func) * self.expr(args[0])
        if len(args) == 1 and func.base in FUNCTION_LETTERS and not func.sub and func.label is None and func.sups \
                and all(isinstance(u, ast.Star) for u in func.sups) and key not in self.definitions:
            # f^*(t) applied and never defined (a conjugate the prose names): any real function, as f is
            if key not in self.functions:
                self.functions[key] = Critic(key)
                shown = self.label(func)
                self.notes.append(Note(node.pos, f"{shown} is read as any real function of one argument ({shown} is "
                                       "applied but not defined in the file): a step holds only if it holds for "
                                       f"every such function; define {shown} to check the step for yours", "reading"))
            return self.functions[key](self.expr(args[0]))
        if len(args) == 1 and func.base in ("x", "z") and not func.sub and not func.sups and func.label is None \
                and not func.starred:
            # x(1 - x): the variable is no function, so the variable times the bracket
            self.notes.append(Note(node.pos, f"{func.base}(...) is read as {func.base} times the bracket: the "
                                   f"variable {func.base} is no function", "reading"))
            return self.expr(func) * self.expr(args[0])
        raise self.source.error(func.pos, f"unknown name {self.label(func)}: it is applied to arguments but was "
                                "not defined earlier in the file (define it with a row "
                                f"{self.label(func)}(...) = ...)")

    def _by_role(self, func: ast.Name, args: list[ast.Node], node: ast.Call) -> sp.Expr | None:
        """An undefined name read by the role its use gives it, with a note; None when it has none.

        ``H(p)``, ``H(p, q)`` applied to densities: the entropy -int p log p and the cross-entropy
        -int p log q.  ``g(z)`` applied to the noise variable: a generator g of its own."""
        if func.base == "H" and len(args) in (1, 2) and all(self._is_density_node(a) for a in args):
            first = self._density_argument(args[0])
            second = self._density_argument(args[-1])
            what = "the entropy" if len(args) == 1 else "the cross-entropy"
            written = " ".join(self.source.text[node.pos:node.end].split())
            self.notes.append(Note(node.pos, f"{written} is read as {what} {to_latex(CrossEntropy(first, second, self.var))}"
                                   f" = -\\int {to_latex(first)} \\log {to_latex(second)}: H applied to densities and "
                                   "not defined in the file", "reading"))
            return CrossEntropy(first, second, self.var)
        if func.base == "g" and len(args) == 1 and isinstance(args[0], ast.Name) and args[0].base == "z" \
                and not args[0].sub and not args[0].sups and "g" not in self.functions:
            if "g" not in self.generators:
                self.notes.append(Note(node.pos, "g(z) is read as a generator g of its own, applied to the noise z "
                                       "(g is not defined in the file)", "reading"))
            return self.generator("g", func.pos)(self.expr(args[0]))
        if func.base == "sigma" and len(args) == 1 and "sigma" not in self.definitions \
                and "sigma" not in self.functions and not _SIGMA_ELSEWHERE.search(self.source.text):
            if "sigma" not in self._sigmoid_noted:
                self._sigmoid_noted.add("sigma")
                self.notes.append(Note(node.pos, "\\sigma(t) is read as the logistic sigmoid 1/(1 + e^{-t}) (\\sigma is "
                                       "applied and not defined in the file, and never stands alone); define \\sigma "
                                       "to read it otherwise", "reading"))
            t = self.expr(args[0])
            return 1 / (1 + sp.exp(-t))
        if (func.base in FUNCTION_LETTERS or func.base in self.optimised) and len(args) == 1 \
                and func.base not in self.generators and func.base not in self.definitions:
            if func.base not in self.functions:
                self.functions[func.base] = Critic(func.base)
                why = ("is optimised over by a prefix, applied" if func.base not in FUNCTION_LETTERS
                       else "is applied")
                self.notes.append(Note(node.pos, f"{func.base} is read as any real function of one argument ({func.base} "
                                       f"{why} but not defined in the file): a step holds only if it holds for "
                                       f"every such function; define {func.base} to check the step for yours",
                                       "reading"))
            return self.functions[func.base](self.expr(args[0]))
        return None

    def _holds_values(self, node: ast.Node) -> bool:
        """True when ``node`` holds a density or a discriminator applied to an argument (a value, not a point)."""
        for n in walk(node):
            if isinstance(n, ast.Call) and kind_of(n.func) in ("density", "discriminator") \
                    and key_of(n.func) not in self.definitions:
                return True
        return False

    def _is_density_node(self, node: ast.Node) -> bool:
        """A density written bare (p, q_\\theta) or at the variable in scope (p(x))."""
        if isinstance(node, ast.Name):
            return kind_of(node) == "density" and key_of(node) not in self.definitions \
                and key_of(node) not in self.scalars
        if isinstance(node, ast.Call) and len(node.args) == 1:
            return self._is_density_node(node.func)
        return False

    def _apply_definition_nodes(self, d: Definition, args: list[ast.Node], node: ast.Call) -> sp.Expr:
        if len(args) != len(d.params):
            raise self.source.error(node.pos, f"{d.label} is defined with {len(d.params)} parameter(s) "
                                    f"({', '.join(p.key for p in d.params)}), but is applied to {len(args)}")
        values: list[object] = []
        for p, a in zip(d.params, args):
            if p.kind == "function":
                f = self.function_of(a)
                if f is None:
                    raise self.source.error(a.pos, f"the parameter {p.key} of {d.label} is a function: pass a "
                                            "name such as D, G, p or a defined function")
                values.append(f)
            elif p.kind == "constant" and isinstance(a, ast.Name) and p.key in (key_of(a), self.label(a)):
                values.append(p.placeholder)  # the parameter as written in the definition: itself
            else:
                values.append(self.expr(a))
        label = " ".join(self.source.text[node.pos:node.end].split())
        return self._apply_definition(d, tuple(values), node.pos, label)

    def _apply_definition(self, d: Definition, values: tuple[object, ...], offset: int, label: str | None) -> sp.Expr:
        """``d``'s value at ``values``, by capture-avoiding substitution (:mod:`ganproof.reader.substitute`).

        The constraints in force here (``%! assume b = a + 2``) are also substituted for the constants of
        the body that are not parameters: a definition made before a constraint means the same constant.
        """
        symbols: dict[sp.Basic, sp.Expr] = {}
        functions: dict[UndefinedFunction, Callable[..., sp.Expr]] = {}
        brought: set[sp.Basic] = set()
        for p, v in zip(d.params, values):
            if p.kind == "function":
                ph = p.placeholder
                if isinstance(ph, UndefinedFunction) and v is not ph:
                    fn = v

                    def rep(*a: sp.Expr, fn: object = fn) -> sp.Expr:
                        return fn(*a)  # type: ignore[operator]

                    functions[ph] = rep
                    probe = sp.Dummy("t", real=True)
                    brought |= set(getattr(rep(probe), "free_symbols", set())) - {probe}
            else:
                symbols[p.placeholder] = v  # type: ignore[index]
        params = {p.placeholder for p in d.params if p.kind != "function"}
        for s in d.value.free_symbols:
            if not isinstance(s, sp.Symbol) or s in params or s in symbols or s.name not in self.constants:
                continue
            if s.name in self.substitution:
                symbols[s] = self.substitution[s.name]
            elif self.constant(s.name) != s:
                symbols[s] = self.constants[s.name]  # made positive by a constraint since the definition
        try:
            value = substitute(d.value, symbols, functions, brought)
        except ValueError as exc:  # e.g. a derivative whose variable the arguments turn into no variable
            raise self.source.error(offset, f"{d.label} cannot be applied to these arguments: its definition "
                                    f"does not stay meaningful ({' '.join(str(exc).split())})") from None
        if label is None:
            shown = ", ".join(to_latex(v) for v in values if isinstance(v, sp.Basic))
            label = f"{d.label}({shown})"
        return Defined(label, value)

    # ------------------------------------------------------------------ operators
    def _opcall(self, node: ast.OpCall) -> sp.Expr:
        args, seps = self._args(node.args)
        if len(args) != 2:
            raise self.source.error(node.pos, f"{node.op} takes two arguments, got {len(args)}")
        if node.op in ("KL", "JSD"):
            first, second = (self._density_argument(a) for a in args)
            return KL(first, second, self.var) if node.op == "KL" else JSD(first, second, self.var)
        if node.op in CHI_SQUARE:
            first, second = (self._density_argument(a) for a in args)
            f, label = CHI_SQUARE[node.op]
            if self.chi_square == "lsgan" and node.op == "CHI2":
                # the first argument divides: int (P - Q)^2 / P is int Q f(P/Q) with Neyman's generator
                f = F_NEYMAN
            divides = "Q" if f == F_PEARSON else "P"
            written = "\\chi^2_N" if node.op == "CHI2N" else "\\chi^2"
            note = (CHI_SQUARE_NOTE[node.op] if not self.chi_square or node.op == "CHI2N" else
                    f"{written}(P \\| Q) is read as int (P - Q)^2 / {divides}, in the convention the file "
                    f"declares (%! chi-square {self.chi_square})")
            if all(n.message != note for n in self.notes):
                self.notes.append(Note(node.pos, note, "reading"))  # said once, where the file first writes it
            return FDivergence(first, second, f, label, self.var)
        # CE: a density first, or a label 0, 1, y
        head = args[0]
        is_density = (isinstance(head, ast.Name) and kind_of(head) == "density" and key_of(head) not in self.definitions) \
            or (isinstance(head, ast.Call) and kind_of(head.func) == "density")
        if is_density:
            return CrossEntropy(self._density_argument(head), self.expr(args[1]), self.var)
        label = self.expr(head)
        if label in (0, 1) or (isinstance(label, sp.Symbol) and label.name in {v for v in self.labels.values()}):
            return BinaryCE(label, self.expr(args[1]))
        raise self.source.error(head.pos, "CE takes a density first (cross-entropy CE(p(x), f(x))) or a label "
                                "0, 1 or y first (binary cross-entropy CE(y, d))")

    def _density_argument(self, node: ast.Node) -> sp.Expr:
        f = self.function_of(node)
        if f is not None:
            return f(self.var)
        return self.expr(node)

    def _expect(self, node: ast.Expect) -> sp.Expr:
        letter = node.var or "x"
        law_fn: Callable[[sp.Expr], sp.Expr] | None = None
        if node.var == "" and isinstance(node.law, ast.Name):
            # \mathbb{E}_{p_{data}}[f]: a subscripted name as the subscript names the law, as \mathbb{E}_p does
            if kind_of(node.law) != "density" or key_of(node.law) in self.definitions:
                raise self.source.error(node.law.pos, f"the subscript {self.label(node.law)} of an expectation "
                                        "must be a variable (x, z) or a density (p_{data}, p_g); write "
                                        "\\mathbb{E}_{x \\sim p}[...]")
            self._note_once(f"E_{{{self.label(node.law)}}}", node.pos, f"\\mathbb{{E}}_{{{self.label(node.law)}}} is read as "
                            f"\\mathbb{{E}}_{{x \\sim {self.label(node.law)}}}: the subscript names the law")
            law_fn = self._law(node.law)
            if self.law_alias.get(key_of(node.law), key_of(node.law)) in ("p_z", "p_Z"):
                letter = "z"  # \mathbb{E}_{p_z}[\log(1 - D(G(z)))]: the noise is drawn
        elif node.law is None and letter in DENSITY_BASES + LAW_BASES:
            # \mathbb{E}_p[f] is the expectation under p: of x drawn from p
            law_fn = self.density(letter, node.pos).function
            letter = "x"
            self._note_once(f"E_{{{node.var}}}", node.pos, f"\\mathbb{{E}}_{{{node.var}}} is read as "
                            f"\\mathbb{{E}}_{{x \\sim {node.var}}}: the subscript names the law")
        self.bind(letter, node.pos, "the variable of an expectation")
        var = self._variable(letter)
        if law_fn is not None:
            pass
        elif node.law is None:
            law_fn = self._default_law(letter, node.pos)
        else:
            law_fn = self._law(node.law)
        self._vars.append(var)
        mark = len(self._domain)
        try:
            body = self.expr(node.body)
        finally:
            self._vars.pop()
        law_support = self._support_for(law_fn(var))
        self._close_scope(mark, law_support.limits(var) if law_support.discrete
                          else interval_of(var, law_support.lower, law_support.upper))
        if not node.bracketed:
            self.notes.append(Note(node.pos, "an expectation without brackets spans the rest of its term"
                                   f" (read as E[{to_latex(body)}])", "reading"))
        out = Expectation(body, var, law_fn(var))
        self._domain.append((out, {}, EXISTS))
        return out

    def _law(self, law: ast.Node) -> Callable[[sp.Expr], sp.Expr]:
        if isinstance(law, ast.Name) and kind_of(law) == "density":
            return self.density(key_of(law), law.pos).function
        if isinstance(law, ast.Call) and kind_of(law.func) == "density" and len(law.args) == 1:
            return self.density(key_of(law.func), law.func.pos).function
        raise self.source.error(law.pos, "the distribution of an expectation must be a density: "
                                "\\mathbb{E}_{x \\sim p_{data}} or \\mathbb{E}_{x \\sim p_r(x)}")

    def _default_law(self, letter: str, offset: int) -> Callable[[sp.Expr], sp.Expr]:
        if letter == "z" and len(self.noise_laws) == 1 and self.noise_laws[0] not in ("p_z", "p_Z"):
            # %! pushforward p_g = G(z), z \sim q: the file names its noise law
            law = self.noise_laws[0]
            self._note_once("E_z", offset, f"\\mathbb{{E}}_z is read as \\mathbb{{E}}_{{z \\sim {latex_name(law)}}}: "
                            "z is the noise, drawn from the noise law the pushforward directive declares")
            return self.density(law, offset).function
        if letter == "z":
            # \mathbb{E}_z: z is the noise, drawn from the noise density p_z
            self.notes.append(Note(offset, "\\mathbb{E}_z is read as \\mathbb{E}_{z \\sim p_z}: z is the noise, "
                                   "drawn from the noise density p_z", "reading"))
            return self.density("p_z", offset).function
        if letter == "x" and self.sole_density is not None:
            law = self.sole_density
            self._note_once("E_x", offset, f"\\mathbb{{E}}_x is read as \\mathbb{{E}}_{{x \\sim {latex_name(law)}}}: "
                            f"{latex_name(law)} is the one density the file names besides the noise")
            return self.density(law, offset).function
        raise self.source.error(offset, f"say which distribution {letter} is drawn from: "
                                f"\\mathbb{{E}}_{{{letter} \\sim p}}[...]")

    def _integral(self, node: ast.Integral) -> sp.Expr:  # noqa: C901 - one case per form of the subscript
        letter = None
        bounds: tuple[sp.Expr, sp.Expr] | None = None
        if node.lower is not None and node.upper is None:
            if isinstance(node.lower, ast.Reals):
                bounds = (sp.S.NegativeInfinity, sp.S.Infinity)
            elif isinstance(node.lower, ast.Name) and not node.lower.sub and not node.lower.sups:
                letter = node.lower.base
            else:
                raise self.source.error(node.lower.pos, "an integral's subscript is its variable (\\int_x) or "
                                        "its lower bound with an upper bound (\\int_0^1)")
        elif node.lower is not None and node.upper is not None:
            bounds = (self.expr(node.lower), self.expr(node.upper))
            for b, n in zip(bounds, (node.lower, node.upper)):
                if b.free_symbols or not (b.is_number):
                    raise self.source.error(n.pos, "an integral's bounds must be numbers or \\infty")
        if node.diff is not None:
            if letter is not None and letter != node.diff and letter in WHOLE_SPACES and node.diff.islower():
                # \int_{\mathcal{X}} f(x) \, dx: the subscript names the whole space, the differential the variable
                self.notes.append(Note(node.pos, f"\\int_{{{letter}}} ... d{node.diff} is read as the integral over "
                                       f"the whole sample space: {letter} is the space, {node.diff} its variable, "
                                       "the integral runs over the support of the densities", "warning"))
                letter = None
            if letter is not None and letter != node.diff:
                raise self.source.error(node.pos, f"this integral is over {letter} (\\int_{letter}) but ends in "
                                        f"d{node.diff}")
            letter = node.diff
        letter = letter or "x"
        self.bind(letter, node.pos, "the variable of an integral")
        var = self._variable(letter)
        if node.diff is None and node.pos not in self.spanning:
            self.notes.append(Note(node.pos, f"the integral has no d{letter}: it spans the rest of its additive "
                                   "term", "warning"))
        self._vars.append(var)
        mark = len(self._domain)
        try:
            body = self.expr(node.body)
        finally:
            self._vars.pop()
        self._not_summed(body, node.pos)
        limits = self._support_for(body).limits(var) if bounds is None else (var, bounds[0], bounds[1])
        self._close_scope(mark, interval_of(*limits))
        if var not in body.free_symbols and any(b.is_infinite for b in limits[1:]):
            # \int \int f(x) dx: the outer integral's body no longer depends on x (the inner one bound
            # it); over an unbounded domain that diverges, and it is never what was meant
            raise self.source.error(node.pos, f"this integral over {letter} is of an expression that does not "
                                    f"depend on {letter}, over an unbounded domain (is it an integral over "
                                    f"{letter} inside another, or a missing d{letter}?)")
        out = sp.Integral(body, limits)
        self._domain.append((out, {}, EXISTS))
        return out

    def _not_summed(self, body: sp.Expr, offset: int) -> None:
        """An InputError when an integral's body holds a law on an alphabet: such a law is summed."""
        for f in sorted(body.atoms(AppliedUndef), key=str):
            name = f.func.__name__
            if name in self.densities and self.densities[name].support.discrete:
                where = self.summed.get(name)
                why = f" (the sum at line {self.source.line_of(where)} adds it over the alphabet)" if where else ""
                raise self.source.error(offset, f"{latex_name(name)} is a law on a finite alphabet{why}: it is "
                                        f"summed, \\sum_x {latex_name(name)}(x) ..., not integrated; a file "
                                        "writes each law one way")

    def _alphabet_sum(self, node: ast.Sum) -> sp.Expr:
        """``\\sum_x body`` over the alphabet of the laws the body applies to x (see
        :mod:`ganproof.reader.alphabet`): a ``sp.Sum`` over the alphabet's ends.

        The laws summed must share one alphabet, declared (``%! density p on {0, 1, 2}``) or the
        abstract one; written bounds must be that alphabet's ends (``\\sum_{x=0}^{2}``), or 1 and a
        letter for the abstract alphabet {1, ..., n} (the letter then names its size and nothing else).
        Over the abstract alphabet the points have no values of their own, so the index may stand only
        as the argument of a function (p(x), D(x), f(x)), never in arithmetic (x p(x)).
        """
        letter = node.index
        self.bind(letter, node.pos, "the index of a sum")
        var = self._variable(letter)
        self._vars.append(var)
        self._alphabet_index.append(letter)
        points = summed_points(node)
        self._alphabet_points.append((letter, points))
        if points:
            shown = ", ".join(f"{b}_{{{letter}}}" for b in sorted(points))
            self.notes.append(Note(node.pos, f"{shown} is read as the point {letter} of the alphabet this sum runs "
                                   f"over (a density is applied to it: the mass at {shown})", "reading"))
        mark = len(self._domain)
        try:
            body = self.expr(node.body)
        finally:
            self._vars.pop()
            self._alphabet_index.pop()
            self._alphabet_points.pop()
        keys = [key for key, _ in summed_densities(node)]
        supports = {self.densities[k].support for k in keys if k in self.densities}
        if any(not sup.discrete for sup in supports):
            names = ", ".join(latex_name(k) for k in keys if not self.densities[k].support.discrete)
            raise self.source.error(node.pos, f"this sum adds {names} over an alphabet, but a directive declares "
                                    "it a density on an interval: declare it on an alphabet, %! density p on "
                                    "{0, 1, 2}, or integrate it")
        if len(supports) != 1:
            raise self.source.error(node.pos, "the laws this sum adds live on different alphabets: declare them "
                                    "on one, %! density p, q on {0, 1, 2}")
        (support,) = supports
        self._alphabet_bounds(node, support)
        if support.upper == ALPHABET_SIZE and _arithmetic_in(body, var):
            raise self.source.error(node.pos, f"the sum's index {letter} stands in arithmetic in its summand, but "
                                    "the points of an abstract alphabet have no values of their own: declare "
                                    "the alphabet, %! density p on {0, 1, 2}, or use the index only as an "
                                    f"argument, p({letter})")
        self._close_scope(mark, (var, support.lower, support.upper))
        return support.over(body, var)

    def _alphabet_bounds(self, node: ast.Sum, support: Support) -> None:
        """An InputError when a sum over an alphabet writes bounds that are not the alphabet's ends."""
        if node.lower is None and node.upper is None:
            return
        lower = self.expr(node.lower) if node.lower is not None else None
        upper = node.upper
        if support.upper == ALPHABET_SIZE:
            ok = (lower == 1 and isinstance(upper, ast.Name) and not upper.sub and not upper.sups
                  and upper.base != node.index and self._bound(upper.base) is None)
            if ok:
                assert isinstance(upper, ast.Name)
                self.notes.append(Note(node.pos, f"\\sum_{{{node.index}=1}}^{{{upper.base}}} is read as the sum "
                                       f"over the alphabet {{1, \\dots, {upper.base}}} of its laws: "
                                       f"{upper.base} is the number of its points", "reading"))
                self._alphabet_letters.append((upper.base, node.pos))
                return
            raise self.source.error(node.pos, "a sum over the abstract alphabet is written \\sum_x, "
                                    "\\sum_{x \\in \\mathcal{X}} or \\sum_{i=1}^{n}; for other bounds declare "
                                    "the alphabet, %! density p on {0, 1, 2}")
        upper_value = self.expr(upper) if upper is not None else None
        if (lower, upper_value) != (support.lower, support.upper):
            raise self.source.error(node.pos, f"the sum's bounds are not the ends of the alphabet "
                                    f"{support.latex()} of its laws")

    def _support_for(self, body: sp.Expr) -> Support:
        for f in sorted(body.atoms(AppliedUndef), key=str):
            name = f.func.__name__
            if name in self.densities:
                return self.densities[name].support
        return REAL_LINE

    def _deriv(self, node: ast.Deriv) -> sp.Expr:
        by_node = node.by.inner if isinstance(node.by, ast.Paren) else node.by
        if isinstance(by_node, ast.Name) and kind_of(by_node) == "discriminator" and key_of(by_node) not in self.definitions:
            by = self.discriminator(key_of(by_node))(self.var)
        else:
            by = self.expr(by_node)
            if isinstance(by_node, ast.Name) and not by_node.sups and self._bound(by_node.base) is None:
                self.bind(key_of(by_node), node.by.pos, "the variable of a derivative")
        if not (isinstance(by, sp.Symbol) or (isinstance(by, AppliedUndef) and by.func.__name__ in self.discriminators)):
            raise self.source.error(node.by.pos, "a derivative is read with respect to a variable or the value of "
                                    "a discriminator: \\frac{d}{d(D(x))}")
        if isinstance(by, sp.Symbol) and isinstance(by_node, ast.Name):
            indexed = _indexed_by(node.body, by_node.base)
            if indexed is not None:
                shown = latex_name(key_of(indexed))
                raise self.source.error(indexed.pos, f"the derivative with respect to {self.label(by_node)} of "
                                        f"{shown}, whose subscript names it, is not read: the checker reads {shown} "
                                        f"as one fixed density or function, not a family in "
                                        f"{self.label(by_node)}, so the derivative would be 0 (write the dependence "
                                        f"out, as a definition of {shown} with {self.label(by_node)} in its body)")
        body = self.expr(node.body)
        if isinstance(by, sp.Symbol) and isinstance(by_node, ast.Name):
            # through a definition (L(\\theta) = \\int x p_\\theta(x) dx): the names its body applies
            for f in sorted(body.atoms(AppliedUndef), key=str):
                sub = f.func.__name__.split("_", 1)[1] if "_" in f.func.__name__ else ""
                if re.search(rf"(?<![A-Za-z]){re.escape(by_node.base)}(?![A-Za-z])", sub):
                    shown = latex_name(f.func.__name__)
                    raise self.source.error(node.by.pos, f"the derivative with respect to {self.label(by_node)} "
                                            f"of an expression that holds {shown} (through a definition), whose "
                                            f"subscript names {self.label(by_node)}, is not read: the checker "
                                            f"reads {shown} as one fixed density or function, not a family in "
                                            f"{self.label(by_node)}, so the derivative would be 0")
        try:
            return sp.Derivative(body, by)
        except ValueError:  # SymPy refuses some variables (a defined function's value, for instance)
            raise self.source.error(node.by.pos, "a derivative is read with respect to a variable or the value "
                                    "of a discriminator: \\frac{d}{d(D(x))}") from None

    # ------------------------------------------------------------------ sample means
    def _limit(self, node: ast.Limit) -> sp.Expr:
        body = node.body
        factors = _flatten_product(body)
        if not factors or not isinstance(factors[-1], ast.Sum):
            raise self.source.error(node.pos, "a limit is read only as the limit of a sample mean: "
                                    "\\lim_{m \\to \\infty} \\frac{1}{m} \\sum_{i=1}^{m} f(x^{(i)})")
        return self._sample_mean_product(body, limit_var=node.var)

    def _sample_mean_product(self, node: ast.Node, limit_var: str | None) -> sp.Expr:
        factors = _flatten_product(node)
        total = factors[-1]
        assert isinstance(total, ast.Sum)
        upper = total.upper
        count = upper.base if isinstance(upper, ast.Name) and not upper.sub else None
        if count is None or total.lower is None or not (isinstance(total.lower, ast.Num) and total.lower.text == "1"):
            raise self.source.error(total.pos, "a sum is read only as a sample mean "
                                    "\\frac{1}{m} \\sum_{i=1}^{m}: from 1 to a letter")
        if limit_var is not None and limit_var != count:
            raise self.source.error(total.pos, f"the limit is over {limit_var} but the sum runs to {count}")
        rest: list[ast.Node] = []
        found = False
        for f in factors[:-1]:
            if (not found and isinstance(f, ast.Frac) and isinstance(f.num, ast.Num) and f.num.text == "1"
                    and isinstance(f.den, ast.Name) and f.den.base == count and not f.den.sub
                    and not f.den.sups):
                found = True
                continue
            rest.append(f)
        if not found:
            raise self.source.error(total.pos, f"a sum over samples needs its 1/{count} in front: "
                                    f"\\frac{{1}}{{{count}}} \\sum_{{{total.index}=1}}^{{{count}}} ...")
        if total.index == count:
            raise self.source.error(total.pos, f"the sum's index {total.index} is also its upper bound: "
                                    f"\\frac{{1}}{{m}} \\sum_{{i=1}}^{{m}} ...")
        fixed = ("a parameter or a bound variable here" if self._bound(count) is not None else
                 "defined in the file" if count in self.definitions else
                 "fixed by a directive" if count in self.substitution or count in self.constrained else
                 f"given the value {self.stated_values[count][0]} by the text (line "
                 f"{self.source.line_of(self.stated_values[count][1])})" if count in self.stated_values else None)
        if fixed is not None:
            # the reading below is the limit m -> infinity: with m fixed the sum is a finite mean of random samples
            raise self.source.error(total.pos, f"the number of samples {count} is {fixed}, but a sample mean "
                                    f"\\frac{{1}}{{{count}}} \\sum_{{{total.index}=1}}^{{{count}}} is read only as "
                                    f"its limit {count} \\to \\infty (law of large numbers), which a fixed "
                                    f"{count} is not; write the limit with a letter of its own, or the finite sum as "
                                    "a random quantity outside the checked steps")
        coeff: sp.Expr = sp.S.One
        self._sample_letters.append((count, "the number of samples", total.pos))
        try:
            for f in rest:
                coeff = coeff * self.expr(f)
            mean = self._sample_mean(total)
        finally:
            self._sample_letters.pop()
        self._side_counts.append((count, total.pos))
        if limit_var is None:
            self.notes.append(Note(total.pos, f"\\frac{{1}}{{{count}}}\\sum without \\lim is read as the limit "
                                   f"{count} \\to \\infty (law of large numbers)", "reading"))
        return coeff * mean

    def _sample_mean(self, total: ast.Sum) -> sp.Expr:
        outer = self._sample_scope
        scope: dict[str, object] = {"index": total.index, "refs": {}}
        self._sample_scope = scope
        self._sample_letters.append((total.index, "the index", total.pos))
        try:
            body = self.expr(total.body)
        finally:
            self._sample_scope = outer
            self._sample_letters.pop()
        refs: dict[str, tuple[sp.Symbol, SampleRef]] = scope["refs"]  # type: ignore[assignment]
        if not refs:
            self.notes.append(Note(total.pos, f"the sum over {total.index} does not depend on {total.index} "
                                   f"(no sample such as x^{{({total.index})}} in it): its mean is the summand "
                                   "itself", "warning"))
            return body
        draws = [(v, ref.set_name) for v, ref in refs.values()]
        return SampleMean(body, *draws)

    def _check_sample_letter(self, node: ast.Name) -> None:
        """An InputError when a plain letter is the index or the number of samples of a sum it is in:
        in ``\\frac{1}{m} \\sum_{i=1}^{m} i D(x^{(i)})`` neither i nor m is a constant, and the sum is
        no sample mean (it diverges), so it is never read as one."""
        for letter, role, offset in reversed(self._sample_letters):
            if node.base == letter:
                raise self.source.error(node.pos, f"{latex_name(letter)} is {role} of the sum at "
                                        f"{self.source.where(offset)}; a sample mean's summand depends on "
                                        "the index only through its samples (x^{(i)}, x_i) and never on the "
                                        "number of samples, so this sum is not read as a sample mean: "
                                        "write the summand as f(x^{(i)})")

    def _sample_of(self, node: ast.Name) -> sp.Expr | None:
        """The bound variable of a sample x^{(i)}, x_i, x_i^{(r)} inside a sample mean, or None."""
        tag = None
        paren_sups = [s for s in node.sups if isinstance(s, ast.Paren)]
        if paren_sups:
            inner = paren_sups[0].inner
            if isinstance(inner, ast.Name) and not inner.sub and not inner.sups:
                tag = inner.base
        scope = self._sample_scope
        index = scope["index"] if scope else None
        sub = subscript_text(node.sub)
        if tag is None and index is not None and sub == index and not node.sups:
            tag = index
        if tag is None and node.sub is not None and not node.sups and index is not None and any(
                role == "the index" and letter == sub for letter, role, _ in self._sample_letters):
            # x_i of a sum over i, inside a sum over j: not a constant x_i (the outer mean would not depend on i)
            raise self.source.error(node.pos, f"the sample {self.label(node)} is indexed by {sub}, but it stands "
                                    f"inside a sum over {index}: a sample mean averages x_{{{index}}} over its own "
                                    f"index {index}, and a sample of an outer sum inside an inner one is not read "
                                    "(write the two means apart, or one mean over pairs)")
        if tag is None:
            return None
        if node.sub is not None and sub != (index or sub) and paren_sups:
            raise self.source.error(node.pos, f"the sample {self.label(node)} is indexed by {sub}, but the sum "
                                    f"runs over {index}")
        if node.sub is None and index is not None and tag != index:
            raise self.source.error(node.pos, f"the sample {self.label(node)} is indexed by {tag}, but the sum "
                                    f"runs over {index}: a sample mean averages x^{{({index})}} over its own "
                                    f"index {index}, so this sum is not read as a sample mean")
        if scope is None:
            raise self.source.error(node.pos, f"the sample {self.label(node)} is only read inside a sample mean "
                                    "\\frac{1}{m}\\sum_{i=1}^{m} ...")
        base = node.base
        refs: dict[str, tuple[sp.Symbol, SampleRef]] = scope["refs"]  # type: ignore[assignment]
        # a label y^{(i)} of a labelled sample set: it is drawn with its x^{(i)}, so the mean depends on i through
        # it even where x^{(i)} is not written (the mean of y^{(i)} alone is the mean of the labels, not y)
        for (sbase, stag), label in self.labels.items():
            if label == base and stag == tag:
                self._sample_ref(SampleRef(sbase, tag, node.pos), refs)
                return sp.Symbol(label, real=True)
        return self._sample_ref(SampleRef(base, tag, node.pos), refs)

    def _sample_ref(self, ref: SampleRef, refs: dict[str, tuple[sp.Symbol, SampleRef]]) -> sp.Expr:
        """The bound variable of the sample set ``ref`` names in the mean being read (made on its first use)."""
        base, tag = ref.base, ref.tag
        self.used(f"sample:{ref.base}:{ref.tag}", ref.offset)
        if ref.set_name not in refs:
            taken = {v for v, _ in refs.values()}
            if base == "x" and X not in taken:
                var = X
            elif base == "z" and Z not in taken:
                var = Z
            else:
                var = sp.Symbol(f"{base}_{tag}", real=True)
            refs[ref.set_name] = (var, ref)
            self.samples.setdefault(ref.set_name, ref)
        return refs[ref.set_name][0]


_SIGMA_ELSEWHERE = re.compile(r"(?:\\sigma(?![A-Za-z])|\u03c3)(?!\s*(?:\\left\s*)?\()(?!\s*(?:\$|\\\)))")
"""A \\sigma that is not applied (\\sigma^2, \\sigma_1, \\sigma x): then the file's \\sigma is a number, not the
sigmoid.  A \\sigma alone in inline math (``where $\\sigma$ is the sigmoid``) names the function: it does not count."""

FUNCTION_LETTERS = frozenset({"f", "g", "h"})
"""Letters that, applied to one argument and never defined, name any real function of one argument (a convex
f of an f-divergence, a g of Jensen's inequality, an h of a Monte Carlo estimate)."""


def _power_digits(base: sp.Expr, exp: sp.Expr) -> float | None:
    """log10 of ``|base ** exp|`` (its number of digits, negative for a small number), when both are
    numbers; None when it cannot be told cheaply (a symbolic base or exponent, a zero base)."""
    if not (base.is_number and exp.is_number):
        return None
    try:
        if isinstance(base, sp.Rational):
            if base == 0:
                return None
            mag = float(mpmath.log10(abs(base.p)) - mpmath.log10(base.q))
        else:
            value = sp.Abs(base).evalf(15)
            if not value.is_Float or value == 0:
                return None
            mag = float(mpmath.log10(mpmath.mpf(value._mpf_)))
        e = exp.evalf(15)
        if not (e.is_Float or e.is_Rational):
            return None
        return mag * float(e)
    except (TypeError, ValueError, OverflowError, AttributeError):
        return None


def _arithmetic_in(body: sp.Expr, var: sp.Symbol) -> bool:
    """True when ``var`` occurs in ``body`` other than as (part of) the argument of a function (p(x),
    D(x), G(x)); a defined name counts by its value."""
    stack: list[sp.Basic] = [body]
    while stack:
        n = stack.pop()
        if n == var:
            return True
        if isinstance(n, AppliedUndef):
            continue
        if isinstance(n, Defined):
            stack.append(n.value)
            continue
        stack.extend(n.args)
    return False


def _ends_in_sum(node: ast.BinOp) -> bool:
    return isinstance(node.right, ast.Sum)


def _has_limit(node: object) -> bool:
    """True when a limit or a sum occurs in ``node`` (iterative over the tree)."""
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, (ast.Limit, ast.Sum)):
            return True
        for value in getattr(n, "__dict__", {}).values():
            if isinstance(value, tuple):
                stack.extend(v for v in value if hasattr(v, "pos"))
            elif hasattr(value, "pos") and not isinstance(value, int):
                stack.append(value)
    return False


_ = latex_name
