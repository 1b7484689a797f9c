"""What a file means (DIALECT sections 1 and 3): definitions, chains, steps, sequences of equations.

:func:`read_document` turns a file into a :class:`Document`: the chains to
check (each display block is one), the definitions, the context (names,
supports, pushforwards, sample laws, defaults), and the warnings and
assumptions made while reading.  It raises InputError for anything it
cannot read; it judges nothing.
"""

from __future__ import annotations


import dataclasses
import os
import re
import stat
from dataclasses import dataclass, field
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef

from ganproof.errors import InputError
from ganproof.reader import syntax as ast
from ganproof.reader.blocks import Block, Layout, Row, has_relation, read_layout
from ganproof.reader.cells import NOTEBOOK_SUFFIX, notebook
from ganproof.reader.directives import Directives, HypothesisDecl, read_directives
from ganproof.reader.grammar import parse_row
from ganproof.reader.lexer import lex_row
from ganproof.reader.macros import CONVENTIONAL, Macro, Macros, conventional_source
from ganproof.reader.open_integrals import extend_open_integrals
from ganproof.reader.written import written
from ganproof.numeric.limits import TimedOut, time_limit
from ganproof.reader.limits import MAX_FILE_BYTES, READ_SECONDS
from ganproof.reader.alphabet import walk
from ganproof.reader.words import consequence, disjunction
from ganproof.reader.normal_laws import NormalFormula, normal_formula, rational_in_constants
from ganproof.reader.names import DATA_DENSITIES, LAW_BASES, key_of, kind_of, nearest
from ganproof.reader.resolve import Definition, Note, Param, Resolver, Side, constant_name
from ganproof.reader.source import Source
from ganproof.rules import rule_named
from ganproof.rules.statements import STATEMENTS
from ganproof.suggest import did_you_mean
from ganproof.vocabulary import (
    Context,
    Critic,
    Defined,
    Density,
    Discriminator,
    Generator,
    Hypothesis,
    LabelledMixture,
    Pushforward,
    SampleSet,
    Support,
    X,
    Z,
)
from ganproof.reader.alphabet import laws_on_alphabets
from ganproof.vocabulary.names import ALPHABET, latex_name
from ganproof.vocabulary.printing import to_latex

MIXTURE_LABEL = "_mixture_label"


@dataclass(frozen=True)
class Point:
    """An expression of a chain (a row's side), with the line where it starts."""

    side: Side
    line: int
    offset: int
    unread: int | None = None
    """The line of the row that could not be read, when this point stands for it (its side is then 0)."""


@dataclass(frozen=True)
class FileStep:
    """``points[source] relation points[target]``; ``strict`` when it starts from the row before."""

    source: int
    target: int
    relation: str
    rule: str | None
    line: int
    offset: int
    strict: bool = True
    unread: int | None = None
    """The line of a row this step needs and that could not be read: the step is then unknown, not judged."""
    text: str = ""
    """The right-hand side as the person wrote it (:func:`~ganproof.reader.written.written`)."""
    end: int = 0
    """The offset just past that text in the file (where the right-hand side ends)."""
    within: sp.Rational | None = None
    """For a step written with ``\\approx`` to a decimal (``\\log 4 \\approx 1.386``): one unit of its last
    written digit, 10^-d.  The step holds when the decimal is the other side rounded or cut off to its digits
    (as authors write decimals; reader/check.py)."""
    decimal_left: bool = False
    """True when that decimal is the step's left side (``1.386 \\approx \\log 4``)."""
    approximate: bool = False
    """True for a step written with ``\\approx`` to no decimal (``\\frac{-1}{1 - D} \\approx -1``): checked as =,
    but an approximation is not wrong because the sides differ (reader/check.py: a refutation is unknown,
    unless a side holds a sample mean, read as its limit)."""


_RESTRICTS = re.compile(r"[=<>]|\\(?:leq?|geq?|leqslant|geqslant|neq?|in|notin|subset|subseteq)(?![A-Za-z])")
"""A relation in a condition after a formula (``when p = q``, ``for x \\in [0, 1]``): it restricts the values the
formula is stated for (``for all x`` does not)."""


@dataclass(frozen=True)
class Equation:
    lhs: sp.Expr
    rhs: sp.Expr
    line: int
    offset: int
    rule: str | None = None
    unread: int | None = None
    """The line of the row this equation stands for when that row could not be read (lhs and rhs are 0)."""
    text: str = ""
    """The equation as the person wrote it (:func:`~ganproof.reader.written.written`)."""
    start: int = 0
    end: int = 0
    """Where that text starts and ends in the file."""
    both_ways: bool = False
    """True when an equivalence (``\\iff``, ``\\Leftrightarrow``) joins this equation to the one before: each
    must then follow from the other."""


@dataclass(frozen=True)
class FileChain:
    """One display block: a chain of points and steps, or a sequence of equations."""

    kind: str
    hypotheses: tuple[Hypothesis, ...]
    points: tuple[Point, ...] = ()
    steps: tuple[FileStep, ...] = ()
    equations: tuple[Equation, ...] = ()
    unknown: sp.Expr | None = None


@dataclass(frozen=True)
class DefinitionRecord:
    line: int
    name: str
    latex: str

    def to_json(self) -> dict[str, object]:
        return {"line": self.line, "name": self.name, "value": self.latex}


@dataclass(frozen=True)
class Message:
    """A warning or assumption, with the line (and column) it is about."""

    line: int
    col: int
    message: str

    def to_json(self) -> dict[str, object]:
        return {"line": self.line or None, "col": self.col or None, "message": self.message}


@dataclass(frozen=True)
class Premise:
    """What the prose or a row that could not be read states about a name, and the checker does not apply.

    ``kind``: ``value`` (a constant equal to a number, ``$y = 0$``: ``value`` holds it), ``optimum`` (a row that
    gives an undefined optimal discriminator a number, ``D^{opt}_G(x) = \\frac{1}{2}``: its value where the laws
    are equal) or ``opaque`` (a
    statement the checker
    cannot read, ``P(x) \\sim N(\\mu_p, \\sigma_p^2)``, ``$p(x) = N(\\mu_1, \\sigma_1)$``).  A step
    refuted with such a name free may hold under what the text states: the checker says so instead of
    refuting it (:meth:`ganproof.reader.check.FileChecker._doubt`)."""

    kind: str
    names: tuple[str, ...]
    line: int
    start: int
    end: int
    text: str
    value: sp.Rational | None = None


@dataclass(frozen=True)
class Document:
    source: Source
    context: Context
    chains: tuple[FileChain, ...]
    definitions: tuple[DefinitionRecord, ...]
    assumptions: tuple[Message, ...]
    warnings: tuple[Message, ...]
    errors: tuple[InputError, ...] = ()
    """The rows and blocks that could not be read (each located): the rest of the file was still read, and
    the steps that need an unread row are unknown."""
    chi_square: str | None = None
    """The chi-square convention the file declares (``%! chi-square pearson|lsgan``); None: a step with a
    chi-square is judged in both, and decided only where they agree."""
    reader: Any = field(default=None, compare=False, repr=False)
    """The reader that read the file, in its final state (its names and definitions): it reads the checked
    corrections of a wrong row (:meth:`read_row`), through the same grammar."""

    def read_row(self, text: str, offset: int) -> Any:
        """The syntax tree and sides of one row ``text`` (a variant of a row at ``offset``), read with the
        names and definitions of the whole file; raises InputError when it cannot be read."""
        if self.reader is None:
            raise InputError("this document keeps no reader", file=self.source.name)
        return self.reader.read_variant(text, offset)


class InputErrors(InputError):
    """Every input error of a file in which nothing could be judged; the first is the message itself."""

    def __init__(self, errors: tuple[InputError, ...]) -> None:
        first = errors[0]
        super().__init__(first.message, file=first.file, line=first.line, col=first.col,
                         source_line=first.source_line, cell=first.cell)
        self.errors = errors


def decode(name: str, data: bytes) -> Source:
    """The file's text (all of it: ``data`` is the whole file); an InputError when it is too large or not UTF-8.
    A Jupyter notebook (``.ipynb``) is read as its Markdown cells (:func:`~ganproof.reader.cells.notebook`)."""
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"the file has {len(data)} bytes, more than the limit of {MAX_FILE_BYTES}", file=name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"the file is not UTF-8 (byte {exc.start}); save it as UTF-8", file=name) from None
    if name.lower().endswith(NOTEBOOK_SUFFIX):
        return notebook(name, text)
    return Source.of(name, text)


def read_path(path: str, strict: bool = False) -> Document:
    """Read and interpret the derivation file at ``path``; only a regular file is read (a FIFO or a device
    named .tex would block the read or never end)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError("no such file", file=path) from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}", file=path) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a directory, not a derivation file", file=path)
    suffix = os.path.splitext(path)[1].lower()
    if suffix not in READ_SUFFIXES:
        hint = REFUSED_HINTS.get(suffix, "copy the derivation into a .tex or .md file")
        raise InputError(f"a {suffix} file is neither LaTeX, Markdown, a notebook nor text: the checker reads "
                         f"{', '.join(READ_SUFFIXES[1:])} files (or a file with no suffix, or - for standard "
                         f"input); {hint}", file=path)
    if not stat.S_ISREG(st.st_mode):
        kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode)
                else "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else "not a regular file")
        raise InputError(f"is {kind}, not a regular file: only regular files are read (copy its content into a "
                         "file)", file=path)
    try:
        with open(path, "rb", opener=_no_block) as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
            if len(data) > MAX_FILE_BYTES:
                # only the first bytes were read: say the file's own size (a pipe or a device has none)
                st = os.fstat(fh.fileno())
                if stat.S_ISREG(st.st_mode) and st.st_size >= len(data):
                    raise InputError(f"the file has {st.st_size} bytes, more than the limit of {MAX_FILE_BYTES}",
                                     file=path)
                raise InputError(f"the file is larger than the limit of {MAX_FILE_BYTES} bytes", file=path)
    except FileNotFoundError:
        raise InputError("no such file", file=path) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a derivation file", file=path) from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}", file=path) from None
    return read_document(decode(path, data), strict)


READ_SUFFIXES = ("", ".tex", ".ltx", ".latex", ".md", ".markdown", ".mdown", ".mkd", ".txt", ".ipynb")
"""The suffixes of the files read (LaTeX, Markdown, plain text, a Jupyter notebook's Markdown cells; none at
all); any other file is refused with its suffix named (a PDF, a word-processor file is not read as LaTeX)."""

REFUSED_HINTS: dict[str, str] = {
    ".pdf": "check the LaTeX source the PDF was made from",
    ".docx": "save the derivation as LaTeX or Markdown (a .tex or .md file)",
}
"""What to try instead, for the kinds of file people most often give (others: copy into a .tex or .md file)."""

STDIN = "-"
"""The argument that names standard input (``ganproof check -``)."""


def read_stream(stream: Any, strict: bool = False, name: str = "<stdin>") -> Document:
    """Read and interpret a derivation from a binary stream (standard input), at most the file-size limit."""
    data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"the input is larger than the limit of {MAX_FILE_BYTES} bytes", file=name)
    return read_document(decode(name, data), strict)


def _no_block(path: str, flags: int) -> int:
    """Open without blocking (a file swapped for a FIFO after the check must not hang the open)."""
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def read_text(text: str, name: str = "<text>", strict: bool = False) -> Document:
    return read_document(decode(name, text.encode("utf-8")), strict)


class _Unread(Exception):
    """A row whose parse already failed (its error is recorded): it stands as an unread point."""


@dataclass(frozen=True)
class _OpenChain:
    """The points and steps of the display just read, and the index of its chain in the list (None when it
    had no step yet): a display that starts with a relation continues it."""

    points: tuple[Point, ...]
    steps: tuple[FileStep, ...]
    hypotheses: tuple[Hypothesis, ...]
    chain: int | None


_RELATION_START = ("=", "<", ">", "\\le", "\\ge", "\\leq", "\\geq", "\\approx", "\\leqslant", "\\geqslant",
                   "\\neq", "\\ne ", ":=", "\\coloneqq", "\\triangleq", "\\equiv", "\\simeq")


def _starts_with_relation(text: str) -> bool:
    """True when a row's text (as written, before reading) starts with a relation: it continues a chain."""
    head = text.replace("&", " ").lstrip()
    return head.startswith(_RELATION_START)


_SLIPS = (("never closed", "closing bracket missing? (the reader cannot tell where it closes: add it where "
                            "the expression ends)"),
          ("never opened", "opening bracket missing, or one bracket too many? (add the opening one where the "
                           "expression starts, or remove this one)"))
"""The likely slip behind a lexer's message, named after it (an author's dropped bracket)."""


def _with_slip(exc: InputError) -> InputError:
    """``exc`` with the likely slip named, when its message is one of :data:`_SLIPS`."""
    for marker, hint in _SLIPS:
        if marker in exc.message and hint not in exc.message:
            return InputError(f"{exc.message}: {hint}", file=exc.file, line=exc.line, col=exc.col,
                              source_line=exc.source_line, cell=exc.cell)
    return exc


class _Reader:
    """The one-pass interpretation of a file (working state; the result is frozen)."""

    def __init__(self, source: Source, strict: bool, macros: tuple[Macro, ...] = ()) -> None:
        self.source = source
        self.strict = strict
        self.macros = Macros(list(macros))
        self.conventional: set[str] = set()
        """The conventional macros already reported (one warning per file)."""
        self.has_displays = False
        self.prose_definitions: dict[str, Definition] = {}
        self._pre_read: dict[tuple[int, str], ast.RowTree | None] = {}
        """The definitions read from prose (inline formulas), by name, with the shape of their row: a display
        that restates one of them verbatim is that definition again, not a step."""
        """True when the file has display math: its inline formulas then only define."""
        self.prose_defines_only = False
        self.directives: Directives | None = None
        """The file's directives (:meth:`constraint_before` puts a constraint inside a display in force)."""
        """True when the file has display math of its own: a $$...$$ inside a sentence then only defines."""
        self.res = Resolver(source)
        self.chains: list[FileChain] = []
        self.definitions: list[DefinitionRecord] = []
        self.assumptions: list[Message] = []
        self.warnings: list[Message] = []
        self.active: list[Any] = []
        """The constraints in force (each from its line on), in the order they came into force."""
        self.errors: list[InputError] = []
        """The located errors of the rows and blocks that could not be read, in the order met."""
        self.open_chain: _OpenChain | None = None
        """The chain of the display just read, which a next display starting with a relation continues."""
        self.premises: list[Premise] = []
        """What the prose states as a condition, and what the rows that could not be read state about a name
        (:class:`Premise`), in the order met."""
        self.disjuncts: set[int] = set()
        """The starts of the rows a word 'or' joins (``D(x) = 0 \\text{ or } D(x) = 1``): neither defines."""
        self.dropped_conditions: list[tuple[int, int, str]] = []
        """(start, end, clause) of each row whose condition after the formula was left out (``\\text{when } p =
        q``): a refutation of its step may be a value the condition excludes (reader/check.py: unknown)."""

    def msg(self, offset: int, text: str) -> Message:
        line, col = self.source.line_col(offset)
        return Message(line, col, text)

    def read_variant(self, text: str, offset: int) -> tuple[Side | None, list[Side]]:
        """The lead (or None) and the right-hand sides of a variant row (a checked correction): read like a
        row of the file, with what the whole file defines; its warnings are not the file's."""
        warnings, errors, notes = list(self.warnings), list(self.errors), list(self.res.notes)
        in_rows, self.res.in_rows = self.res.in_rows, True
        try:
            tree = self.parse(Row(offset, offset + len(text), text))
            lead = self.side(tree.lead) if tree.lead is not None else None
            return lead, [self.side(rel.rhs) for rel in tree.relations]
        finally:
            self.res.in_rows = in_rows
            self.warnings[:], self.errors[:], self.res.notes[:] = warnings, errors, notes

    # ---------------------------------------------------------------- rows
    def parse(self, row: Row) -> ast.RowTree:
        beside = _bold_beside_plain(row.text)
        if beside is not None:
            letter, at = beside
            raise self.source.error(row.start + at, f"{letter} is written both bold and plain in this row: bold is "
                                    "dropped, so the two would be one name, and a row that sets them side by side "
                                    "means two; write another letter for one of them")
        try:
            lexed = lex_row(row.text, row.start, self.source, self.macros)
        except InputError as exc:
            raise _with_slip(exc) from None
        for name, offset in lexed.conventional:
            if name not in self.conventional:
                self.conventional.add(name)
                self.warnings.append(self.msg(offset, f"\\{name} is not defined in the file: read as "
                                              f"{CONVENTIONAL[name]}, {conventional_source(name)}; define \\{name} "
                                              "in the file to say otherwise"))
        for rep in lexed.repairs:
            where_open, where_close = self.source.where(rep.opened), self.source.where(rep.closed)
            text = (f"'{rep.char}' opened at {where_open} is never closed before the '{rep.enclosing}' at "
                    f"{where_close} closes; read as closed there")
            if self.strict:
                raise self.source.error(rep.opened, text + " (refused: --strict)")
            self.warnings.append(self.msg(rep.opened, "repaired: " + text))
        try:
            tree = self._parse_lexed(lexed, row)
        except InputError:
            for note in lexed.notes:
                self.warnings.append(self.msg(note.offset, "read as: " + note.message))
            raise
        tree, extended = extend_open_integrals(tree)
        for at in extended:
            self.res.spanning.add(at)
            self.warnings.append(self.msg(at, "read as: this integral has no differential (no dx), and the terms "
                                          "after it hold its variable: it spans them too, as the author integrates "
                                          "the sum (write the dx where the integral ends to say otherwise)"))
        defined = self.where_definitions(lexed, tree)
        for note in lexed.notes:
            if note.offset not in defined:
                self.warnings.append(self.msg(note.offset, "read as: " + note.message))
                if note.condition is not None and _RESTRICTS.search(note.condition):
                    self.dropped_conditions.append((row.start, row.end, note.condition))
        return tree

    def where_definitions(self, lexed: Any, tree: ast.RowTree) -> set[int]:
        """Read the clause ``where m = \\frac{p + q}{2}`` after a row's formula as the definition of ``m``
        when it defines a name the formula uses and the file has not defined or used before (the row means
        its formula with m so defined; left out, m would be any number and ``KL(p \\| m)`` refuted).  The
        definition holds from this row on, as one in the prose does; an assumption says so.  Returns the
        offsets of the clauses so read (their "left out" notes are dropped)."""
        if not lexed.where:
            return set()
        nodes = [n for side in _sides(tree) for n in walk(side)]
        used = {key_of(n) for n in nodes if isinstance(n, ast.Name)}
        used |= {key_of(n.func) for n in nodes if isinstance(n, ast.Call)}
        done: set[int] = set()
        for text, offset, clause in lexed.where:
            try:
                wtree = parse_row(lex_row(text, offset, self.source, self.macros), self.source, offset)
            except InputError:
                continue
            lead = _defined_lead(wtree.lead)
            name = lead.func if isinstance(lead, ast.Call) else lead
            if isinstance(name, ast.Name) and key_of(name) in self.res.definitions and key_of(name) in used:
                # ", where m(x) = p(x) + q(x)" after m was defined otherwise: stated, not applied
                self.restated_in_prose(Row(offset, offset + len(text), text), wtree, where=True)
                continue
            if not isinstance(name, ast.Name) or len(wtree.relations) != 1 or kind_of(name) != "constant" \
                    or key_of(name) not in used or not self.is_definition(wtree):
                continue
            try:
                self.define(wtree)
            except InputError:
                continue
            shown = " ".join(text.split())
            self.assumptions.append(self.msg(offset, f"'{shown}' after the formula is read as the definition of "
                                             f"{self.res.label(name)}, which the formula uses: it holds in this "
                                             "row and the rows below"))
            done.add(clause)
        return done

    def _parse_lexed(self, lexed: Any, row: Row) -> ast.RowTree:
        toks = lexed.tokens
        for t, u in zip(toks, toks[1:]):
            # a d written against a variable, outside any integral's differential: a dropped integral sign
            if (t.type == "LETTER" and t.value == "d" and u.type == "LETTER" and u.value in "xyzt"
                    and u.offset == t.end):
                raise self.source.error(t.offset, f"d{u.value} here is outside any integral: integral sign "
                                        f"missing? (write \\int ... \\, d{u.value}; a loose d{u.value} would read "
                                        f"as a constant d times {u.value})")
        if not lexed.tokens:
            # at the row's first character (its commentary), not at the line break before it
            raise self.source.error(row.start + (len(row.text) - len(row.text.lstrip())), "empty row")
        return parse_row(lexed, self.source, row.start)

    def rule_of(self, row: Row) -> str | None:
        """The rule the row names; an unknown name is recorded as an error and the row is judged without it
        (a rule name only says where to look for a certificate: every certificate is checked anyway)."""
        if row.rule is None:
            return None
        if rule_named(row.rule) is None:
            hint = did_you_mean(row.rule, STATEMENTS)
            self.errors.append(self.source.error(row.rule_offset or row.start, f"unknown rule {row.rule!r}{hint} "
                                                 "(the rules are listed by `ganproof rules`); the row is judged "
                                                 "without it"))
            return None
        return row.rule

    def optimum_value(self, tree: ast.RowTree) -> bool:
        """True for a row that gives a starred or labelled discriminator the file has not defined a number,
        ``D^{opt}_G(x) = \\frac{1}{2}``, ``D^*(x) = 1/2``: texts state so the optimum's value in the equality case
        p_G = p_data; read as a definition it would make the optimum 1/2 for every pair of laws."""
        lead = tree.lead
        if len(tree.relations) != 1 or tree.relations[0].rel != "=":
            return False
        name = lead.func if isinstance(lead, ast.Call) else lead
        if not isinstance(name, ast.Name) or kind_of(name) != "discriminator" or not (name.starred or name.label):
            return False
        if key_of(name) in self.res.definitions and key_of(name) not in self.res.by_name:
            return False
        rhs = tree.relations[0].rhs
        while isinstance(rhs, ast.Paren):
            rhs = rhs.inner
        if isinstance(rhs, ast.Frac):
            return isinstance(rhs.num, ast.Num) and isinstance(rhs.den, ast.Num)
        if isinstance(rhs, ast.BinOp) and rhs.op == "/":
            return isinstance(rhs.left, ast.Num) and isinstance(rhs.right, ast.Num)
        return isinstance(rhs, ast.Num)

    def is_definition(self, tree: ast.RowTree) -> bool:
        lead = _defined_lead(tree.lead)
        if lead is None or not tree.relations or tree.relations[0].rel not in ("=", ":="):
            return False
        name = lead.func if isinstance(lead, ast.Call) else lead
        if not isinstance(name, ast.Name) or name.powered:
            return False  # \sigma^2 = 4 is an equation about sigma (a power), x^{(i)} = .. a sample's value
        if isinstance(lead, ast.Call):
            if not all(isinstance(a, ast.Name) or (isinstance(a, tuple) and a[0] == "sep") for a in lead.args):
                return False
        key = key_of(name)
        if tree.relations[0].rel == "=" and _self_reference(tree.relations[0].rhs, name) is not None:
            return False  # c = 2 c is an equation about c (a step), not a definition of it
        if key in self.prose_definitions and len(tree.relations) == 1:
            return self.restates(tree, key)  # "for $f(t) = t \log t$", then the display of it: the definition again
        if self.names_form(tree, name):
            return True
        if key in self.res.seen or key in self.res.definitions or kind_of(name) == "variable" \
                or (kind_of(name) == "density" and key not in self.res.scalars):
            return False  # a density's name read as a number (P_1 = 3, its pile of dirt) is defined as one
        if key in self.res.opaque or key in self.res.optimisers:
            return False  # defined by an optimum already: a later f^*(t) = t^2 is a claim about it (a step)
        # e and a bare \pi are the numbers (the rows read them so): a row that gives them a value is a step
        return name.base != "e" and not (name.base == "pi" and not name.sub)

    def names_form(self, tree: ast.RowTree, name: ast.Name) -> bool:
        """True when a row gives the discriminator a form by a name the file writes here for the first time:
        "we assume D outputs the sigmoid of a scalar \\ell, D(x) = \\frac{e^\\ell}{1 + e^\\ell}".  Read as a claim
        about every discriminator, the row would say that every D is the sigmoid of every number, which no one
        means; it is the definition of D that the rows below use (an assumption says so, with its line).

        Only a one-relation row ``D(x) = ...`` (x the data variable), for a D not defined yet, whose right side
        holds a new constant and not D itself."""
        lead = _defined_lead(tree.lead)
        if kind_of(name) != "discriminator" or len(tree.relations) != 1 or key_of(name) in self.res.definitions:
            return False
        if not isinstance(lead, ast.Call):
            return False  # D = ... defines no function of x: the rows below apply D
        args = [a for a in lead.args if not isinstance(a, tuple)]
        if len(args) != 1 or not isinstance(args[0], ast.Name) or args[0].base != "x" or args[0].sub \
                or args[0].sups:
            return False
        rhs = tree.relations[0].rhs
        fresh = False
        for n in walk(rhs):
            if isinstance(n, ast.Name) and key_of(n) == key_of(name):
                return False
            if isinstance(n, ast.Name) and kind_of(n) == "constant" and not n.sups and n.base not in ("e", "pi") \
                    and key_of(n) not in self.res.seen and key_of(n) not in self.res.definitions \
                    and key_of(n) not in self.res.constants and self.res._bound(n.base) is None:
                fresh = True
        return fresh

    def define(self, tree: ast.RowTree) -> Side:
        """Record the definition a row gives (and list it among the file's definitions).  A name given the value
        of an arg min or arg max (``\\theta^* = \\argmin_\\theta ...``) is the minimiser, which the checker does
        not compute: it stays undefined, and the row's right side starts the chain the next rows continue."""
        argopt = self._arg_prefixed(tree)
        if argopt is not None:
            return argopt
        head = _defined_lead(tree.lead)
        head_name = head.func if isinstance(head, ast.Call) else head
        formed = isinstance(head_name, ast.Name) and key_of(head_name) in self.res.seen \
            and self.names_form(tree, head_name)
        try:
            definition, body = self.resolve_definition(tree)
        except _Opaque as opaque:
            return opaque.body  # defined by an optimum: read as any function where it is applied
        lead = _defined_lead(tree.lead)
        assert lead is not None
        name = lead.func if isinstance(lead, ast.Call) else lead
        assert isinstance(name, ast.Name)
        if _prefixes_of(tree.lead):
            assert tree.lead is not None
            game = " ".join(self.source.text[tree.lead.pos:lead.pos].split())
            call = " ".join(self.source.text[lead.pos:getattr(lead, "end", name.end)].split())
            self.assumptions.append(self.msg(tree.lead.pos, f"{game} {call} = ... is read as the "
                                             f"definition of {self.res.label(name)}, the value inside the "
                                             f"optimisation: {game} in front names the game, it is not applied to "
                                             "the definition"))
        if formed:
            shown = " ".join(self.source.text[lead.pos:tree.relations[0].pos].replace("&", " ").split())
            self.assumptions.append(self.msg(lead.pos, f"{shown} = ... is read as the definition of "
                                             f"{self.res.label(name)}, not as a step: its right side names a "
                                             "constant for the first time, so the row gives the discriminator "
                                             "its form (a step holds for every D); the rows below use it"))
        law_constants = {c.name: k for k, (mean, std) in self.res.normal_laws.items()
                         for c in (mean.free_symbols | std.free_symbols)}
        shared = [p.key for p in definition.params if p.kind == "constant" and p.key in law_constants]
        if shared:
            # f(\sigma) = KL(p \| q) with p = N(0, \sigma^2): applying f(1) would not change p's sigma
            raise self.source.error(lead.pos, f"the parameter {latex_name(shared[0])} of this definition is also a "
                                    f"constant of the normal law of {latex_name(law_constants[shared[0]])}: "
                                    "applying the definition would not change that law; give the parameter "
                                    "another letter")
        self.res.definitions[definition.key] = definition
        self.res.seen.add(definition.key)
        # the lead as written up to its relation (D^{*}(x), not the name's own end, which stops before a superscript)
        written_lead = self.source.text[_group_start(self.source.text, lead.pos, tree.relations[0].pos):
                                        tree.relations[0].pos].replace("&", " ")
        shown = " ".join(written_lead.split()) or " ".join(self.source.text[lead.pos:getattr(lead, "end", name.end)]
                                                          .split())
        self.definitions.append(DefinitionRecord(self.source.line_of(lead.pos), shown, to_latex(body.expr)))
        return body

    def _arg_prefixed(self, tree: ast.RowTree) -> Side | None:
        """The right side of ``name = \\argmin_v ...`` / ``\\argmax_v``, when a row is one (see :meth:`define`)."""
        rhs = tree.relations[0].rhs
        if not (isinstance(rhs, ast.Optimise) and rhs.kind in ARG_OPTIMA) or _prefixes_of(tree.lead):
            return None
        body = self.res.side(rhs)
        lead = _defined_lead(tree.lead)
        assert lead is not None
        named = lead.func if isinstance(lead, ast.Call) else lead
        if isinstance(named, ast.Name):
            self.res.optimisers.add(key_of(named))
        shown = " ".join(self.source.text[lead.pos:tree.relations[0].pos].replace("&", " ").split())
        self.assumptions.append(self.msg(lead.pos, f"{shown} = {' '.join(body.prefixes)} ... names the "
                                         f"{'minimiser' if rhs.kind == 'argmin' else 'maximiser'}; the checker does "
                                         f"not compute it, so {shown} stays undefined, and the rows after it are "
                                         "checked as arg min / arg max of their expressions"))
        return body

    def _opaque_function(self, lead: ast.Node, name: ast.Name, body: Side, tree: ast.RowTree) -> bool:
        """``f^*(t) = \\sup_u \\{ut - f(u)\\}`` (a Fenchel conjugate): a function of one variable defined by an
        optimum the checker does not compute.  It is read as any real function of one argument where the file
        applies it (an assumption says so), and a step refuted with it is unknown (it may hold for the function
        the text defines); True when ``lead`` is such a definition (then it is recorded)."""
        if not (isinstance(lead, ast.Call) and len([a for a in lead.args if not isinstance(a, tuple)]) == 1):
            return False
        (arg,) = [a for a in lead.args if not isinstance(a, tuple)]
        if not (isinstance(arg, ast.Name) and not arg.sub and not arg.sups and len(arg.base) == 1
                and kind_of(arg) in ("variable", "constant")):
            return False  # C(G) = \max_D V(G, D) names a value of the game, not a real function (an error below)
        if kind_of(name) != "constant" or name.base in ("x", "z"):
            return False
        key = key_of(name)
        self.res.opaque[key] = Critic(key)
        written = " ".join(self.source.text[lead.pos:tree.relations[0].pos].replace("&", " ").split())
        self.assumptions.append(self.msg(lead.pos, f"{written} is defined by {' '.join(body.prefixes)}, which the "
                                         f"checker does not compute: {self.res.label(name)} is read as any real "
                                         "function of one argument, and a step that fails only for some such "
                                         "function is unknown, not refuted"))
        return True

    def restates(self, tree: ast.RowTree, key: str) -> bool:
        """True when the row gives the very definition a formula of the prose gave ``key`` (the same parameters,
        the same body once read): "at $D^*(x) = p(x)/(p(x) + q(x))$" and then the display of it."""
        old = self.prose_definitions.get(key)
        if old is None:
            return False
        try:
            new, _ = self.resolve_definition(tree)
        except (InputError, _Opaque):
            return False
        return (new.params, new.value, new.separators) == (old.params, old.value, old.separators)

    def resolve_definition(self, tree: ast.RowTree) -> tuple[Definition, Side]:
        """The definition a row gives, read but not recorded."""
        lead = _defined_lead(tree.lead)
        assert lead is not None
        outer = _prefixes_of(tree.lead)
        name = lead.func if isinstance(lead, ast.Call) else lead
        assert isinstance(name, ast.Name)
        again = _self_reference(tree.relations[0].rhs, name)
        if again is not None:
            shown = self.res.label(name)
            raise self.source.error(again.pos, f"{shown} is defined in terms of itself: the right-hand side of "
                                    f"its definition holds {shown} again, so the definition gives it no value "
                                    f"({shown} := {shown} + 1 has none); define it by an expression of other "
                                    "names, or write the equation as a step with =")
        params: list[Param] = []
        pushed = 0
        if isinstance(lead, ast.Call):
            for a in lead.args:
                if isinstance(a, tuple):
                    continue
                assert isinstance(a, ast.Name)
                kind = kind_of(a)
                key = key_of(a) if not any(isinstance(s, ast.Paren) for s in a.sups) else self.res.label(a)
                if any(p.key == key for p in params):
                    raise self.source.error(a.pos, f"the parameter {self.res.label(a)} appears twice in the "
                                            f"definition of {self.res.label(name)}: name each parameter once")
                if kind == "discriminator":
                    params.append(Param("function", key, self.res.discriminator(key).function))
                elif kind == "generator":
                    params.append(Param("function", key, self.res.generator(key).function))
                elif kind == "density":
                    params.append(Param("function", key, self.res.density(key, a.pos).function))
                elif a.base == "e" and not a.sub and not a.sups:
                    # u(e) = 1 says what u is at Euler's number (the rows read e so), it does not define u
                    raise self.source.error(a.pos, "the parameter e of a definition must be a variable (x), a "
                                            "discriminator (D), a generator (G), a density or a constant of its "
                                            "own; e is Euler's number here (name the parameter t, or write the "
                                            "value at e as a step)")
                elif not a.sub and not a.sups and len(a.base) == 1:
                    self.res.bind(a.base, a.pos, "a parameter of a definition")
                    var = X if a.base == "x" else sp.Symbol(a.base, real=True)
                    params.append(Param("variable", a.base, var))
                    self.res._vars.append(var)
                    pushed += 1
                else:
                    params.append(Param("constant", key, self.opaque_parameter(a)))
        try:
            body = self.res.side(tree.relations[0].rhs)
        finally:
            for _ in range(pushed):
                self.res._vars.pop()
        if body.prefixes and outer and body.prefixes == self.res.prefixes(tree.lead):
            # \min_G \max_D V(D, G) = \min_G \max_D E[...]: the same game on both sides defines V by the bodies
            body = Side(body.expr, (), body.uses_limit, body.domain)
        if body.prefixes and self._opaque_function(lead, name, body, tree):
            raise _Opaque(body)
        if body.prefixes:
            # C(G) = \max_D V(G, D) names the maximum, not V: stripping the \max would define another function
            raise self.source.error(tree.relations[0].rhs_pos, f"a definition by {' '.join(body.prefixes)} (the value "
                                    f"of a maximum or a minimum) is not read yet: {self.res.label(name)} is left "
                                    "undefined; write its value at the optimum, e.g. C(G) = V(G, D^*_G)")
        key = key_of(name)
        label = self.res.label(name)
        seps = tuple(str(a[1]) for a in lead.args if isinstance(a, tuple)) if isinstance(lead, ast.Call) else ()
        return Definition(key, label, tuple(params), body.expr, lead.pos, seps), body

    def opaque_parameter(self, a: ast.Name) -> sp.Symbol:
        """The placeholder of a parameter written as a decorated name (a_1, \\theta^{(D)}): the very constant
        the body reads for it, so that applying the definition replaces it; a name that no body can read as
        a value (a sample-like \\theta^{(D)}) gets a placeholder of its own, which the body cannot hold."""
        self.res.bind(key_of(a), a.pos, "a parameter of a definition")
        try:
            value = self.res.expr(a)
        except InputError:
            return sp.Dummy(key_of(a), real=True)
        if not isinstance(value, sp.Symbol) or value.name in self.res.substitution:
            raise self.source.error(a.pos, f"the parameter {self.res.label(a)} of a definition must be a "
                                    "variable (x), a discriminator (D), a generator (G), a density or a constant "
                                    f"of its own; {self.res.label(a)} already stands for a value here")
        return value

    def side(self, node: ast.Node) -> Side:
        # the constraints' substitution is made by the resolver, on free constants only
        return self.res.side(node)

    def relation(self, rel: ast.Relation, before: ast.Node | None = None) -> str:
        """The relation of a step; ``before`` is the side on its left, when the row has it."""
        if rel.rel == "~=":
            unit = _unit_of_last_digit(rel.rhs) or _unit_of_last_digit(before)
            if unit is not None:
                self.assumptions.append(self.msg(rel.pos, "\\approx to a decimal is read as agreement to its "
                                                 "digits: the other side, rounded or cut off to as many digits, "
                                                 f"is the decimal (it lies within {unit / 2} of it, or less than {unit} "
                                                 "further from zero)"))
            else:
                self.assumptions.append(self.msg(rel.pos, "\\approx is read as =: a step that holds so holds "
                                                 "approximately, one whose sides differ is unknown (an "
                                                 "approximation), unless a side is a sample mean, read as its limit"))
            return "="
        if rel.rel == "!=":
            raise self.source.error(rel.pos, "\\neq is not checked: a step is =, \\le, \\ge, < or >")
        if rel.rel == ":=":
            raise self.source.error(rel.pos, ":= only defines a new name; use = for a step")
        return rel.rel

    def named_before(self, tree: ast.RowTree) -> bool:
        """True when the row's lead is an operator applied to arguments (``D_{KL}(p || q)``) or a name (applied or
        not) that the file defined or used before: a name a definition mark cannot define again.  A number, a
        variable or a density on the left of := is no such name (its := stays an error)."""
        lead = tree.lead
        if isinstance(lead, ast.OpCall):
            return True
        name = lead.func if isinstance(lead, ast.Call) else lead
        if not isinstance(name, ast.Name) or kind_of(name) in ("density", "variable"):
            return False
        if name.powered:
            return True  # \lambda^2 := 4: a power, no name to define
        key = key_of(name)
        return key in self.res.definitions or key in self.res.seen

    def claimed_definition(self, tree: ast.RowTree) -> str:
        """``A := B`` where A is no new name (an operator, KL(p \\| q), D_{KL}(p \\| q), or a name defined or used
        before): A cannot be defined again, so the row is read as the claim ``A = B``, a step that is checked (never
        assumed), and an assumption says so at the mark."""
        assert tree.lead is not None
        rel = tree.relations[0]
        lead = " ".join(self.source.text[tree.lead.pos:rel.pos].split())
        head = tree.lead.func if isinstance(tree.lead, ast.Call) else tree.lead
        why = ("a power of a name, which := cannot define (define the name itself)" if isinstance(head, ast.Name)
               and head.powered else
               "not a new name (an operator, or a name the file defined or used before)")
        self.assumptions.append(self.msg(rel.pos, f"{lead} := ... is read as a step, {lead} = ...: {lead} is {why}, "
                                         "so the definition mark states a claim, which is checked"))
        return "="

    def warn_new_densities(self, before: int, known_before: list[str]) -> None:
        for key, offset in self.res.new_densities[before:]:
            # only a subscripted name (p_D) can be a slip of another (p_G, p_{data}); a bare p or q
            # is a density of its own, as in KL(p || q)
            if not known_before or "_" not in key:
                continue
            near = nearest(key, [k for k in known_before if "_" in k or "_" not in key])
            if not near:
                continue  # only bare densities (p, q) are known: none of them is a slip of p_{...}
            from ganproof.vocabulary.names import latex_name
            options = " or ".join(latex_name(k) for k in near[:2])
            self.warnings.append(self.msg(offset, f"{latex_name(key)} appears here for the first time, in a step: "
                                          f"it is read as a new density of its own; did you mean {options}?"))

    # ---------------------------------------------------------------- blocks
    def block(self, block: Block, hypotheses: tuple[Hypothesis, ...]) -> None:
        """Read one display block; a row that cannot be read is recorded (:attr:`errors`) and stands as an
        unread point, so that the other rows are still read and the steps that need it are unknown."""
        carry = self.open_chain if self.open_chain is not None and self.open_chain.hypotheses == hypotheses \
            else None
        self.open_chain = None
        trees: list[tuple[Row, ast.RowTree | None]] = []
        errors_before = len(self.errors)
        for row in block.rows:
            label = _ROW_LABEL.match(row.text)
            if label is not None and label.group(1).strip().lower() not in _NOT_LABELS:
                # \mathrm{target} \qquad & \max_D V(D, G): a word in the left column names the row, it says nothing
                self.assumptions.append(self.msg(row.start + label.start(1), f"the word '{label.group(1).strip()}' "
                                                 "in front of the row is its label: read as commentary, the row "
                                                 "starts after it"))
                cut = label.end(0) - 1  # keep the &
                row = dataclasses.replace(row, start=row.start + cut, text=row.text[cut:])
            if _words_only(row.text):
                # \text{The first term is ...} & \text{independent of \theta, so} \\: commentary between rows
                what = "an arrow between two rows, with its note" if _ARROW_ROW.search(row.text) else "only words (\\text)"
                self.assumptions.append(self.msg(row.start + len(row.text) - len(row.text.lstrip()),
                                                 f"this row holds {what}: it is read as commentary, and "
                                                 "the chain goes on from the row before it"))
                continue
            try:
                trees.append((row, self.parse(row)))
            except InputError as exc:
                self.errors.append(exc)
                trees.append((row, None))
        for row, tree in trees:
            if tree is None:
                self.unread_premises(row)
        kept = []
        for j, (row, tree) in enumerate(trees):
            if tree is not None and not (block.inline or block.prose) and self.optimum_value(tree):
                next_row = trees[j + 1][0] if j + 1 < len(trees) else None
                if next_row is not None and next_row.said is not None:
                    # D^{opt}(x) = 1/2 \text{ and } 1 - D^{opt}(x) = 1/2: the formula after the word states the
                    # same value's consequence, under the condition the optimum's number holds in
                    self.dropped_conditions.append((next_row.start, next_row.end, " ".join(row.text.split())))
                name = tree.lead.func if isinstance(tree.lead, ast.Call) else tree.lead
                assert isinstance(name, ast.Name)
                self.add_premise("optimum", (key_of(name),), row, _number_of(tree.relations[0].rhs))
                self.warnings.append(self.msg(row.start, "read as: this row gives the optimal discriminator a "
                                              "number (its value where p_G = p_data, as texts state it), not its "
                                              "definition: it is no step and defines nothing (define the optimum "
                                              "as a formula, D^*(x) = \\frac{p(x)}{p(x) + q(x)})"))
                continue
            kept.append((row, tree))
        kept = [(row, tree) for row, tree in kept if tree is None or not self.normal_law(row, tree)]
        trees = kept if block.inline or block.prose else self.where_rows_first(kept)
        if (block.inline and self.has_displays) or (block.prose and self.prose_defines_only):
            for row, tree in trees:
                if tree is not None:
                    self.restated_in_prose(row, tree)
        if block.inline or block.prose:
            # prose states conditions inline ($p_g = p_{data}$, $D(x) = 0.5$, $k \approx 1$): not steps
            for row, tree in trees:
                if tree is not None and _condition(tree):
                    self.condition_premise(row, tree)
            trees = [(row, tree) for row, tree in trees if tree is None or not _condition(tree)]
        if (block.prose and self.prose_defines_only) or (block.inline and self.has_displays):
            # beside display math, a formula inside a sentence ("where $m(x) = ...$", "if you let
            # $$D(x) = ...$$") is prose: only a definition in it is read (its other rows state, they do not
            # derive), its errors are prose's too, and it is no row of the chain around it
            del self.errors[errors_before:]
            trees = [(row, tree) for row, tree in trees if tree is not None and self.is_definition(tree)]
            for row, tree in trees:
                try:
                    self.define(tree)
                except InputError:
                    continue  # a formula of the prose that does not read as a definition states nothing here
                stripped = _defined_lead(tree.lead)
                assert stripped is not None
                lead = stripped.func if isinstance(stripped, ast.Call) else stripped
                if key_of(lead) in self.res.definitions:  # not one defined by an optimum (an opaque function)
                    self.prose_definitions[key_of(lead)] = self.res.definitions[key_of(lead)]
            self.open_chain = carry
            return
        read = [(row, tree) for row, tree in trees if tree is not None]
        if self.is_sequence(read) and (len(read) >= 2 or any(row.joined for row, _ in trees)):
            self.sequence(trees, hypotheses)
            return
        trees = self.conditions_before_words(trees)
        remarks = [(row, tree) for row, tree in trees if row.joined and tree is not None and not tree.relations]
        for row, _ in remarks:
            # \Rightarrow V(D, G) \text{ maximised when } ...: a conclusion in words, no equation to follow
            self.assumptions.append(self.msg(row.joined_offset, "the row after \\Rightarrow holds no relation (a "
                                             "conclusion stated in words): read as a remark, not a step"))
        if remarks:
            trees = [(row, tree) for row, tree in trees if (row, tree) not in remarks]
        after: list[tuple[Row, ast.RowTree | None]] = []
        split = _chain_then_sequence(trees)
        if split is not None:
            trees, after = split
            self.assumptions.append(self.msg(after[0][0].start + len(after[0][0].text)
                                             - len(after[0][0].text.lstrip()),
                                             "the chain above ends with '= 0' and \\Rightarrow follows: the '= 0' sets "
                                             "its last expression to zero, an equation (no step of the chain), and "
                                             "the rows after \\Rightarrow are a sequence of equations from it"))
        joined = next((row for row, _ in trees if row.joined), None)
        if joined is not None:
            raise self.source.error(joined.joined_offset, "\\Rightarrow (\\implies, \\iff) joins a sequence of "
                                    "equations, each one `left = right` that must follow from the one before; "
                                    "this block also holds rows that are not one equation: write the chain and the "
                                    "sequence in separate displays")
        points: list[Point] = list(carry.points) if carry is not None else []
        steps: list[FileStep] = list(carry.steps) if carry is not None else []
        if not trees:
            self.open_chain = carry  # an empty display (only \\ or alignment) changes nothing
            return
        first_row, first_tree = trees[0]
        starts = first_tree.lead is None if first_tree is not None else _starts_with_relation(first_row.text)
        if carry is not None and not starts:
            points, steps = [], []
            carry = None
        if carry is not None:
            if carry.chain is not None:
                del self.chains[carry.chain]
            line = self.source.line_of(trees[0][0].start)
            self.assumptions.append(self.msg(block.start, f"the display at line {line} starts with a relation: it "
                                             "continues the chain of the display before it (only prose stands "
                                             "between them)"))
        for k, (row, tree) in enumerate(trees):
            try:
                if tree is None:
                    raise _Unread()
                if k > 0 and trees[k - 1][0].said is not None and tree.lead is None:
                    # A \text{ so } B \\ &= C: whether C goes on from A or from B is not written
                    raise self.source.error(tree.relations[0].pos if tree.relations else row.start,
                                            "this row starts with a relation just after a row of two formulas "
                                            f"joined by '{trees[k - 1][0].said}': which one it goes on from is "
                                            "not clear; write its left side")
                split = self.constraint_before(tree.lead.pos if tree.lead is not None else
                                               tree.relations[0].pos if tree.relations else row.start, block)
                before = len(steps)
                self.chain_row(row, tree, points, steps)
                if split is not None and before and tree.lead is None and len(steps) > before:
                    # the step into this row has one side read without the constraint and one with it
                    line = self.source.line_of(split.offset)
                    self.errors.append(self.source.error(split.offset, "this constraint stands between two rows of "
                                                         "one chain: the row above it is read without it, the row "
                                                         "below with it, so the step between them is not judged; "
                                                         "put the constraint before the display"))
                    steps[before] = dataclasses.replace(steps[before], unread=line)
            except (InputError, _Unread) as exc:
                if isinstance(exc, InputError):
                    self.errors.append(exc)
                    self.unread_premises(row)
                self.unread_row(row, points, steps)
        self.open_chain = _OpenChain(tuple(points), tuple(steps), hypotheses,
                                     len(self.chains) if steps else None) if points else None
        if steps:
            self.chains.append(FileChain("chain", hypotheses, tuple(points), tuple(steps)))
        if after:
            self.open_chain = None  # the sequence ends the chain
            try:
                self.sequence(after, hypotheses)
            except InputError as exc:
                self.errors.append(exc)

    def constraint_before(self, at: int, block: Block) -> Any:
        """Put in force the constraints written inside ``block`` before offset ``at`` (the start of a row's
        formula: a constraint holds from its line on, within a display too); the last of them, or None."""
        if self.directives is None:
            return None
        fresh = [c for c in self.directives.constraints if block.start < c.offset < at and c not in self.active]
        if not fresh:
            return None
        self.activate(self.directives, at)
        return fresh[-1]

    def unread_premises(self, row: Row) -> None:
        """Record what a row that could not be read states about a name (``P(x) \\sim N(\\mu, \\sigma^2)``,
        ``P(x) = ..., \\quad Q(x) = ...``): a statement at the row's start, or after a comma or a quad."""
        names = tuple(dict.fromkeys(_statement_key(m) for m in _STATEMENT.finditer(row.text)
                                    if _statement_key(m) is not None))
        if names:
            self.add_premise("opaque", names, row)

    def restated_in_prose(self, row: Row, tree: ast.RowTree, where: bool = False) -> None:
        """Record a name the file defined that a formula of the prose gives another value (``where $m(x) = p(x) +
        q(x)$`` after m = (p + q)/2, "from here on take $c = 3$"): the prose states it, the checker does not apply
        it, so no step with the name is judged by the first definition alone (Resolver.restated)."""
        lead = _defined_lead(tree.lead) if tree.lead is not None else None
        name = lead.func if isinstance(lead, ast.Call) else lead
        if not isinstance(name, ast.Name) or len(tree.relations) != 1 or tree.relations[0].rel not in ("=", ":="):
            return
        key = key_of(name)
        if key not in self.res.definitions or key in self.res.restated:
            return
        line_start = self.source.text.rfind("\n", 0, row.start) + 1
        before = self.source.text[max(line_start, row.start - 60):row.start]
        if not where and not _RESTATING.search(before):
            return  # "the unique point where $C(G) = -\log 4$": a value at a point, not the name given anew
        try:
            said = to_latex(self.res.side(tree.relations[0].rhs).expr)
        except InputError:
            said = None
        shown = latex_name(key)
        first = next((d.latex for d in self.definitions if d.name.split("(")[0].replace(" ", "") in (shown, key)),
                     None)
        if said is None or said != first:
            self.res.restated[key] = self.source.line_of(row.start)
            self.warnings.append(self.msg(row.start, f"the prose gives {shown}, defined before, another value here "
                                          "(which the checker does not apply): no step with it is judged by the "
                                          "first definition"))

    def normal_law(self, row: Row, tree: ast.RowTree) -> bool:
        """True, and the density recorded as a member of the normal family, when the row gives a density by the
        normal formula (``p(x) = \\frac{1}{\\sqrt{2\\pi}\\sigma} e^{-(x - \\mu)^2 / 2\\sigma^2}``): a definition of
        the file, not a step (:mod:`ganproof.reader.normal_laws`).  Its sigma is a positive constant from here on."""
        lead = tree.lead
        at_x = isinstance(lead, ast.Call) and len(lead.args) == 1 and _is_x(lead.args[0])
        name = lead.func if isinstance(lead, ast.Call) else lead
        if not (isinstance(name, ast.Name) and kind_of(name) == "density" and len(tree.relations) == 1
                and tree.relations[0].rel == "=" and (at_x or lead is name)):
            return False
        key = key_of(name)
        if key in self.res.definitions:
            return False
        rhs = tree.relations[0].rhs
        formula = False
        try:
            if isinstance(rhs, ast.Call) and rhs.func.base == "N" and not rhs.func.sub and not rhs.func.sups:
                found = self.normal_notation(rhs, at_x)  # \mathcal{N}(\mu, \sigma^2), \mathcal{N}(x; \mu, \sigma^2)
                formula = True
            elif at_x:
                side = self.res.side(rhs)
                found = normal_formula(side.expr, X) if not side.prefixes else None
                formula = X in side.expr.free_symbols and not side.expr.atoms(AppliedUndef)
            else:
                found = None
        except InputError:
            return False
        if key in self.res.supports:
            found = None  # a normal law lives on the real line; a declared support says the density does not
        if found is not None and not (rational_in_constants(found.mean) and rational_in_constants(found.std)):
            found = None  # N(\pi, 1): the numbers' Gaussian takes exact rational parameters
        pushed = {pf.density for pf in (self.directives.pushforwards if self.directives is not None else ())}
        if found is not None and key in pushed:
            raise self.source.error(name.pos, f"{latex_name(key)} is the law of a generator by a %! pushforward "
                                    "directive and a normal law by this row: one density has one law; keep one")
        if found is not None and key in self.res.normal_laws:
            if self.res.normal_laws[key] != self.normal_parameters(found):
                # no step about p is judged by either law: p is any density, which one of the two is not
                del self.res.normal_laws[key]
                self.res.formula_densities.setdefault(key, self.source.line_of(name.pos))
                raise self.source.error(name.pos, f"{latex_name(key)} is given a second normal law here, another "
                                        "than the first: one density has one law throughout the file; give the "
                                        "second a name of its own")
            return False  # the same law again: a claim about it, checked
        if found is None:
            if formula:
                # a formula the checker does not read as a law: p stays any density, which the formula may not
                # be (e^{-x^2/2} integrates to sqrt(2 pi)); no step about p is accepted or refuted so
                self.res.formula_densities.setdefault(key, self.source.line_of(name.pos))
            return False
        if found.scale is not None and found.needs_positive:
            self.res.positive_constants.add(found.scale.name)
        mean, std = self.normal_parameters(found)
        self.res.density(key, name.pos)
        self.res.normal_laws[key] = (mean, std)
        scale = (f" ({to_latex(found.scale)} > 0, as the formula needs)" if found.scale is not None
                 and found.needs_positive else "")
        self.assumptions.append(self.msg(name.pos, f"{latex_name(key)} is read as the normal density "
                                         f"\\mathcal{{N}}({to_latex(mean)}, {to_latex(std ** 2)}) that the row "
                                         f"gives{scale}, the second parameter a variance: a definition, not a step"))
        return True

    def normal_parameters(self, found: NormalFormula) -> tuple[sp.Expr, sp.Expr]:
        """The mean and standard deviation of a read normal law in the constants as the file reads them here
        (its scale positive when a constraint or the formula makes it so)."""
        if found.scale is None:
            return found.mean, found.std
        here = self.res.constant(found.scale.name)
        return found.mean.subs(found.scale, here), found.std.subs(found.scale, here)

    def normal_notation(self, call: ast.Call, at_x: bool) -> NormalFormula | None:
        """The mean and standard deviation of ``\\mathcal{N}(\\mu, \\sigma^2)`` (or ``\\mathcal{N}(x; \\mu,
        \\sigma^2)`` for a density at x), the second parameter a variance written as a square or a number (a
        bare ``\\sigma`` may be meant as the standard deviation: not read)."""
        args = [a for a in call.args if not isinstance(a, tuple)]
        if len(args) != len(call.args) // 2 + 1 or len(args) not in (2, 3):
            return None
        if len(args) == 3:
            if not (at_x and _is_x(args[0])):
                return None
            args = args[1:]
        mean_node, var_node = args
        squared = isinstance(var_node, ast.Name) and len(var_node.sups) == 1 and isinstance(var_node.sups[0], ast.Num) \
            and var_node.sups[0].text == "2"
        if not (squared or isinstance(var_node, ast.Num)):
            return None
        mean, variance = self.res.side(mean_node).expr, self.res.side(var_node).expr
        if X in mean.free_symbols or mean.atoms(AppliedUndef) or variance.atoms(AppliedUndef):
            return None
        if not variance.free_symbols:
            std = sp.sqrt(variance)
            return NormalFormula(mean, std, None) if std.is_Rational and std.is_positive else None
        (scale,) = variance.free_symbols if len(variance.free_symbols) == 1 else (None,)
        if not isinstance(scale, sp.Symbol) or sp.simplify(variance - scale ** 2) != 0 or X in {scale}:
            return None
        return NormalFormula(mean, sp.Abs(scale), scale)  # a variance s^2: the law is the same for -s

    def conditions_before_words(self, trees: list[tuple[Row, ast.RowTree | None]]
                                ) -> list[tuple[Row, ast.RowTree | None]]:
        """The rows of a display with each condition that a word joins to the formula after it taken out
        (``p_g = p_{data} \\text{ so } C(G) = -\\log 4``): a relation between two simple sides there is what the
        next formula assumes, not a claim.  It is recorded as the prose's conditions are
        (:meth:`condition_premise`), and a refutation of the formula after it is unknown (the formula may hold
        only under it, reader/check.py); an assumption says so."""
        kept: list[tuple[Row, ast.RowTree | None]] = []
        for j, (row, _) in enumerate(trees):
            if row.said is not None and disjunction(row.said) and j > 0:
                # D(x) = 0 \text{ or } D(x) = 1: the text claims one of the two, neither alone; a refutation of
                # either is no refutation of what it says
                before = trees[j - 1][0]
                clause = "one of two formulas joined by 'or'"
                self.dropped_conditions.extend([(before.start, before.end, clause), (row.start, row.end, clause)])
                self.disjuncts |= {before.start, row.start}
        for j, (row, tree) in enumerate(trees):
            after = trees[j + 1][0] if j + 1 < len(trees) else None
            if tree is None or after is None or after.said is None or not _condition(tree) \
                    or disjunction(after.said):
                kept.append((row, tree))
                continue
            clause = " ".join(row.text.split())
            self.condition_premise(row, tree)
            self.dropped_conditions.append((after.start, after.end, clause))
            first = row.start + len(row.text) - len(row.text.lstrip())
            self.assumptions.append(self.msg(first, f"'{clause}', joined by '{after.said}' to the formula after "
                                             "it, is read as that formula's condition, not a step"))
        return kept

    def condition_premise(self, row: Row, tree: ast.RowTree) -> None:
        """Record a condition the prose states (``$y = 0$``, ``$p(x) = N(\\mu, \\sigma)$``)."""
        rel = tree.relations[0]
        lead, rhs = tree.lead, rel.rhs
        if rel.rel not in ("=", "~"):
            return
        def density(node: ast.Node | None) -> str | None:
            head = node.func if isinstance(node, ast.Call) else node
            if isinstance(head, ast.Name) and kind_of(head) == "density" and key_of(head) not in self.res.definitions:
                return self.res.law_alias.get(key_of(head), key_of(head))
            return None
        number = rhs.inner if isinstance(rhs, ast.Neg) else rhs
        if isinstance(lead, ast.Name) and kind_of(lead) == "constant" and isinstance(number, ast.Num) \
                and key_of(lead) not in self.res.definitions:
            value = _number_value(number.text)
            if value is not None:
                name = lead.base + (f"_{''.join(lead.sub)}" if lead.sub else "")
                self.add_premise("value", (name,), row, -value if isinstance(rhs, ast.Neg) else value)
            return
        # two densities said equal ($p_g = p_{data}$) are no premise: prose says so of the equality case ("with
        # equality exactly when $p_g = p_{data}$"), and under it a wrong factor in front of a vanishing term holds
        a, b = density(lead), density(rhs)
        if a is not None and isinstance(rhs, ast.Call) and b is None:
            self.add_premise("opaque", (a,), row)  # a density stated equal to a law the checker does not read

    def words_premises(self) -> None:
        """Record the names the prose defines in words: "where \\(\\mu\\) is the true (population) mean", "let
        $c$ be the normaliser".  The checker cannot read the words, so a step refuted only with such a name read
        as any number is unknown (a premise of kind ``opaque``, see :class:`Premise`)."""
        text = self.source.text
        for m in _WORDS_DEFINE.finditer(text):
            if (m.group(1).lower() == "let") != (m.group(3) == "be"):
                continue
            at = m.start(2)
            try:
                tree = parse_row(lex_row(m.group(2), at, self.source, self.macros), self.source, at)
            except InputError:
                continue
            name = tree.lead
            if tree.relations or not isinstance(name, ast.Name) or kind_of(name) != "constant":
                continue
            self.premises.append(Premise("opaque", (key_of(name),), self.source.line_of(m.start()), m.start(),
                                         m.end(), " ".join(m.group(0).split())))

    def sole_density(self, blocks: tuple[Block, ...], directives: Directives) -> None:
        """The one density the file names besides the noise (Resolver.sole_density), when it names exactly one:
        then ``\\mathbb{E}_x`` with no law draws x from it.  With two (p_data and p_g), which one a lawless
        E_x means is the text's convention, not the checker's to guess: no law is taken."""
        names: set[str] = set(_declared_densities(directives))
        for block in blocks:
            for row in block.rows:
                tree = self.pre_read(row)
                if tree is None:
                    if _DENSITY_LETTER.search(row.text):
                        return  # a row that could not be read may name another density
                    continue
                for side in _sides(tree):
                    for n in walk(side):
                        name = n.func if isinstance(n, ast.Call) else n
                        if isinstance(name, ast.Name) and kind_of(name) == "density":
                            names.add(key_of(name))
        names -= {"p_z", "p_Z"}
        if len(names) == 1:
            self.res.sole_density = next(iter(names))

    def constant_capitals(self, inline: tuple[Block, ...]) -> None:
        """The constants an inline formula gives a number (``$m = 3$``: Resolver.stated_values), and the
        capitals X and Z that the prose makes constants: an inline formula that gives one a value or a
        bound (``$X = 2$``, ``$Z > 0$``; not ``$X \\sim p$``, a random variable), or words that call it one
        (``$X$ is a constant``, ``a fixed constant $Z$``).  Read as the variable bound around it (the random
        variable beside its value), a row would say something else than the text means."""
        found = self.res.constant_capitals
        for block in inline:
            for row in block.rows:
                tree = self.pre_read(row)
                if tree is None or not isinstance(tree.lead, ast.Name) or not tree.relations:
                    continue
                lead = tree.lead
                if lead.base in ("X", "Z") and not lead.sub and not lead.sups and not lead.label and \
                        all(rel.rel in _VALUE_RELATIONS for rel in tree.relations) and \
                        all(_constant_side(rel.rhs) for rel in tree.relations):
                    found.setdefault(lead.base, row.start)
                value = tree.relations[0].rhs
                if (len(tree.relations) == 1 and tree.relations[0].rel == "=" and isinstance(value, ast.Num)
                        and kind_of(lead) == "constant"):
                    self.res.stated_values.setdefault(constant_name(lead), (value.text, row.start))
        for m in _CONSTANT_WORDS.finditer(self.source.text):
            found.setdefault(m.group(1) or m.group(2), m.start())

    def add_premise(self, kind: str, names: tuple[str, ...], row: Row, value: sp.Rational | None = None) -> None:
        first = row.start + (len(row.text) - len(row.text.lstrip()))
        self.premises.append(Premise(kind, names, self.source.line_of(first), row.start, row.end,
                                     " ".join(row.text.split()), value))

    def unread_row(self, row: Row, points: list[Point], steps: list[FileStep]) -> None:
        """Stand an unread row in the chain as one unread point: the step into it (when the row starts with a
        relation) and every step from it are unknown."""
        first = row.start + (len(row.text) - len(row.text.lstrip()))
        line = self.source.line_of(first)
        into = _starts_with_relation(row.text) and bool(points)
        points.append(Point(Side(sp.S.Zero), line, first, unread=line))
        if into:
            steps.append(FileStep(len(points) - 2, len(points) - 1, "?", None, line, first, unread=line))

    def chain_row(self, row: Row, tree: ast.RowTree, points: list[Point], steps: list[FileStep]) -> None:
        """Add one read row's points and steps to the chain."""
        rule = self.rule_of(row)
        known_before = list(self.res.densities)
        before = len(self.res.new_densities)
        is_step_row = tree.lead is None or (not self.is_definition(tree) and bool(tree.relations))
        if tree.lead is not None and not tree.relations:
            points.append(Point(self.side(tree.lead), self.source.line_of(tree.lead.pos), tree.lead.pos))
            return
        rels = list(tree.relations)
        if tree.lead is not None and self.is_definition(tree) and row.start in self.disjuncts:
            raise self.source.error(tree.lead.pos, "a formula joined to another by 'or' states one of two "
                                    "possibilities: it defines nothing (define the name before)")
        if tree.lead is not None and self.is_definition(tree) and row.said is not None and consequence(row.said):
            # p_g = p_{data} \text{ so } C(G) = -\log 4: what follows "so" is a claim, never the definition of
            # a new name (which would hold C(G) = -log 4 for every G)
            raise self.source.error(tree.lead.pos, f"the formula after '{row.said}' is a consequence, a claim, "
                                    "but it names something for the first time here: define it before (or write "
                                    "its definition without the word)")
        if tree.lead is not None and self.is_definition(tree):
            body = self.define(tree)
            rhs0 = rels.pop(0)
            points.append(Point(body, self.source.line_of(rhs0.rhs_pos), rhs0.rhs_pos))
        elif tree.lead is not None:
            points.append(Point(self.side(tree.lead), self.source.line_of(tree.lead.pos), tree.lead.pos))
        elif not points:
            raise self.source.error(rels[0].pos, "this row starts with a relation, but there is no row before "
                                    "it in this block (or in a display just before it) to continue from")
        for k, rel in enumerate(rels):
            line = self.source.line_of(rel.rhs_pos)
            try:
                if rel.rel == ":=" and k == 0 and self.named_before(tree):
                    relation = self.claimed_definition(tree)
                else:
                    relation = self.relation(rel, tree.lead if k == 0 else rels[k - 1].rhs)
                rhs = self.side(rel.rhs)
            except InputError as exc:
                # this side is unread: the step into it is unknown, and so is every step from it
                self.errors.append(exc)
                points.append(Point(Side(sp.S.Zero), line, rel.rhs_pos, unread=line))
                steps.append(FileStep(len(points) - 2, len(points) - 1, rel.rel, None, line, rel.rhs_pos,
                                      unread=line))
                return
            points.append(Point(rhs, line, rel.rhs_pos))
            unread = points[-2].unread
            end = rels[k + 1].pos if k + 1 < len(rels) else row.end
            before_side = tree.lead if k == 0 else rels[k - 1].rhs
            within = _unit_of_last_digit(rel.rhs) or _unit_of_last_digit(before_side) if rel.rel == "~=" else None
            decimal_left = within is not None and _unit_of_last_digit(rel.rhs) is None
            steps.append(FileStep(len(points) - 2, len(points) - 1, relation, rule if k == len(rels) - 1 else None,
                                  line, rel.rhs_pos, unread=unread,
                                  text=written(self.source.text[rel.rhs_pos:end]), end=end, within=within,
                                  decimal_left=decimal_left, approximate=rel.rel == "~=" and within is None))
        if is_step_row:
            self.warn_new_densities(before, known_before)

    def where_rows_first(self, trees: list[tuple[Row, ast.RowTree | None]]) -> list[tuple[Row, ast.RowTree | None]]:
        """The rows of a display with each "where" row moved before the rows that use it: a row below a formula
        that defines a name the formula uses for the first time (``JSD(P \\| Q) = \\frac12 D(P \\| M) + ...
        \\\\ M = \\frac12 (P + Q)``) says what that name is, so it is read first (an assumption says so).  Read in
        order, the name would be a free constant in the formula and the definition a claim about it."""
        moved: list[int] = []
        if any(row.joined for row, _ in trees):
            return trees  # a sequence of equations solves for its names, it does not define them below
        for j, (row, tree) in enumerate(trees):
            if j == 0 or tree is None or len(tree.relations) != 1 or not self.is_definition(tree):
                continue
            after = trees[j + 1] if j + 1 < len(trees) else None
            if after is not None and after[1] is not None and after[1].lead is None:
                continue  # the rows below continue from it: a chain that starts with the definition
            lead = _defined_lead(tree.lead)
            name = lead.func if isinstance(lead, ast.Call) else lead
            if not isinstance(name, ast.Name) or kind_of(name) != "constant":
                continue
            key = key_of(name)
            users = [t.lead.pos for _, t in trees[:j] if t is not None and t.lead is not None and t.relations and any(
                isinstance(n, ast.Name) and key_of(n) == key
                for top in (t.lead, *(rel.rhs for rel in t.relations)) for n in walk(top))]
            if not users or any(_binds(t, key) or _leads_with(t, key) for _, t in trees[:j] if t is not None):
                continue  # a parameter, a bound variable or the lead of a row above (c := 2c) is no name to define
            moved.append(j)
            shown = " ".join(self.source.text[name.pos:name.end].split())
            self.assumptions.append(self.msg(name.pos, f"the row at line {self.source.line_of(name.pos)} defines "
                                             f"{shown}, which the row at line {self.source.line_of(users[0])} "
                                             f"above it uses: it is read first, as the 'where' of that formula "
                                             f"(read in order, {shown} would be any number there)"))
        if not moved:
            return trees
        return [trees[j] for j in moved] + [t for j, t in enumerate(trees) if j not in moved]

    def is_sequence(self, trees: list[tuple[Row, ast.RowTree]]) -> bool:
        if len(trees) < 2:
            return False
        for _, t in trees:
            if t.lead is None or len(t.relations) != 1 or t.relations[0].rel != "=":
                return False
        if not any(self.may_hold_unknown(t) for _, t in trees):
            return False  # P_1 = 3 \\ P_2 = 2, or a claim and the definition after it: equations of their own
        return not all(self.is_definition(t) for _, t in trees)

    def may_hold_unknown(self, tree: ast.RowTree) -> bool:
        """True when a row may hold the unknown of a sequence of equations: a discriminator, a derivative, or a
        name the file defined or optimised (whose body may hold either).  A block of rows none of which can is
        no sequence: it has nothing to solve for."""
        if isinstance(tree.lead, ast.Name) and kind_of(tree.lead) == "variable":
            return True  # x = \\frac{a}{a + b}: the row solves for a variable
        tops = [tree.lead, *(rel.rhs for rel in tree.relations)]
        nodes = [n for top in tops if top is not None for n in walk(top)]
        divergences = {id(n.func) for n in nodes if isinstance(n, ast.Call)
                       and any(isinstance(a, tuple) and a[0] == "sep" and a[1] == "||" for a in n.args)}
        for n in nodes:
            if id(n) in divergences:
                continue  # the D of D(P \\| Q), a divergence, takes no point
            if isinstance(n, ast.Deriv):
                return True
            if isinstance(n, ast.Name) and (kind_of(n) == "discriminator" or key_of(n) in self.res.definitions
                                             or key_of(n) in self.res.opaque or key_of(n) in self.res.optimisers):
                return True
        return False

    def sequence(self, trees: list[tuple[Row, ast.RowTree | None]], hypotheses: tuple[Hypothesis, ...]) -> None:
        eqs = []
        for row, tree in trees:
            if tree is not None:
                try:
                    eqs.append(self.equation(row, tree))
                    continue
                except InputError as exc:
                    self.errors.append(exc)
                    self.unread_premises(row)
            first = row.start + (len(row.text) - len(row.text.lstrip()))
            line = self.source.line_of(first)
            eqs.append(Equation(sp.S.Zero, sp.S.Zero, line, first, unread=line))
        unknown = None
        for e in eqs:
            for d in sorted((e.lhs - e.rhs).atoms(sp.Derivative), key=str):
                (var, _), = d.variable_count
                unknown = var
                break
            if unknown is not None:
                break
        if unknown is None:
            for e in eqs:
                apps = sorted((a for a in (e.lhs - e.rhs).atoms(AppliedUndef)
                               if a.func.__name__ in self.res.discriminators), key=str)
                if apps:
                    unknown = apps[0]
                    break
        if unknown is None:
            first = trees[0][0]
            raise self.source.error(first.start + len(first.text) - len(first.text.lstrip()), "a sequence of equations needs an unknown: a discriminator "
                                    "D(x) or a derivative \\frac{d}{d(D(x))}")
        self.chains.append(FileChain("sequence", hypotheses, equations=tuple(eqs), unknown=unknown))
        ranges = (f"for every real {to_latex(unknown)}" if isinstance(unknown, sp.Symbol) and not unknown.is_positive
                  else f"for a positive {to_latex(unknown)}" if isinstance(unknown, sp.Symbol)
                  else "for positive densities and D in (0, 1)")
        self.assumptions.append(self.msg(eqs[0].offset, f"the block of lines {eqs[0].line}-{eqs[-1].line} is a "
                                         f"sequence of equations in the unknown {to_latex(unknown)}: each must "
                                         f"follow from the one before, {ranges}"))

    def equation(self, row: Row, tree: ast.RowTree) -> Equation:
        """One read row of a sequence of equations."""
        assert tree.lead is not None
        rel = tree.relations[0]
        known_before = list(self.res.densities)
        before = len(self.res.new_densities)
        lhs, rhs = self.side(tree.lead), self.side(rel.rhs)
        if lhs.prefixes or rhs.prefixes:
            raise self.source.error(tree.lead.pos, "\\max/\\min in a sequence of equations is not read")
        eq = Equation(lhs.expr, rhs.expr, self.source.line_of(rel.rhs_pos), rel.rhs_pos, self.rule_of(row),
                      text=written(self.source.text[tree.lead.pos:row.end]), start=tree.lead.pos, end=row.end,
                      both_ways=row.both_ways)
        self.warn_new_densities(before, known_before)
        return eq

    # ---------------------------------------------------------------- directives
    def _declared_once(self, directives: Directives) -> None:
        """An InputError when two directives declare one thing differently: two supports for one density,
        two pushforwards for one law, two laws for one sample set.

        A density has one support throughout the file (its integrals, its positivity and the numbers'
        object for it are one), so a second, different declaration is not a change from its line on but a
        contradiction; it names both lines.  The same declaration repeated is allowed."""
        def clash(kind: str, name: str, first: tuple[str, int], later: tuple[str, int]) -> None:
            (a, at), (b, bt) = first, later
            if a != b:
                raise self.source.error(bt, f"{kind} {name} is declared twice, differently: {a} at line "
                                        f"{self.source.line_of(at)} and {b} at line {self.source.line_of(bt)}; "
                                        f"{kind} {name} is one thing throughout the file: keep one of the two "
                                        f"directives, or give the second a name of its own")

        supports: dict[str, tuple[str, int]] = {}
        for s in directives.supports:
            ends = [e if e in ("-oo", "oo") else str(sp.Rational(e)) for e in (s.lower, s.upper)]
            shown = (("a finite alphabet" if not s.upper else f"{{{s.lower}, ..., {s.upper}}}") if s.discrete
                     else f"[{ends[0]}, {ends[1]}]".replace("-oo", "-\\infty").replace("oo", "\\infty"))
            for n in s.names:
                here = (f"the support {shown}", s.offset)
                clash("the density", latex_name(n), supports.setdefault(n, here), here)
        pushes: dict[str, tuple[str, int]] = {}
        for pf in directives.pushforwards:
            here = (f"the law of {pf.generator}(z), z ~ {latex_name(pf.noise)}", pf.offset)
            clash("the density", latex_name(pf.density), pushes.setdefault(pf.density, here), here)
        samples: dict[tuple[str, str], tuple[str, int]] = {}
        for sd in directives.samples:
            law = sd.law if isinstance(sd.law, str) else ", ".join(f"{latex_name(n)}: {y}" for n, y in sd.law)
            here = (f"drawn from {law}", sd.offset)
            clash("the sample set", f"{sd.base}^{{({sd.tag})}}", samples.setdefault((sd.base, sd.tag), here), here)

    def prepare(self, directives: Directives) -> None:
        self._declared_once(directives)
        self.res.chi_square = directives.chi_square
        self.res.noise_laws = tuple(dict.fromkeys(pf.noise for pf in directives.pushforwards))
        for s in directives.supports:
            if s.discrete:
                support = ALPHABET if not s.upper else Support(sp.Integer(s.lower), sp.Integer(s.upper), discrete=True)
            else:
                lo = sp.S.NegativeInfinity if s.lower == "-oo" else sp.Rational(s.lower)
                hi = sp.S.Infinity if s.upper == "oo" else sp.Rational(s.upper)
                support = Support(lo, hi)
            for n in s.names:
                self.res.supports[n] = support
        for sd in directives.samples:
            if sd.label:
                self.res.labels[(sd.base, sd.tag)] = sd.label
        for c in directives.constraints:
            self.constraint_sign(c)  # every form is checked here; each holds from its line on (activate)
        # densities named by directives are known before the first row
        for pf in directives.pushforwards:
            self.res.density(pf.density, pf.offset)
            self.res.density(pf.noise, pf.offset)
        for sd in directives.samples:
            for n in ([sd.law] if isinstance(sd.law, str) else [n for n, _ in sd.law]):
                self.res.density(n, sd.offset)
        for h in directives.hypotheses:
            self.res.density(h.density, h.offset)
            self.res.density(h.equals, h.offset)
        for s in directives.supports:
            for n in s.names:
                self.res.density(n, s.offset)

    def alphabets(self, blocks: tuple[Block, ...], directives: Directives) -> None:
        """The densities the file sums over an alphabet (``\\sum_x p(x) ...``) are laws on the abstract
        alphabet, stated as an assumption, unless a directive gave their support (:mod:`ganproof.reader.alphabet`).

        Read before the rows, so that a law is one thing throughout the file: a row above the sum that
        integrates it is refused where it integrates it (see the resolver)."""
        trees = []
        for block in blocks:
            for row in block.rows:
                try:
                    trees.append(parse_row(lex_row(row.text, row.start, self.source), self.source, row.start))
                except InputError:
                    continue  # reported when the block is read
        declared = {n for s in directives.supports for n in s.names}
        for key, offset in sorted(laws_on_alphabets(trees).items(), key=lambda kv: kv[1]):
            self.res.summed[key] = offset
            if key in declared:
                continue
            self.res.supports[key] = ALPHABET
            self.assumptions.append(self.msg(offset, f"{latex_name(key)} is read as a law on a finite alphabet "
                                             f"\\mathcal{{X}} (a probability vector, every mass positive): the sum "
                                             f"at line {self.source.line_of(offset)} adds it over the alphabet"))

    def optimum_by_name(self, blocks: tuple[Block, ...], inline: tuple[Block, ...], directives: Directives) -> None:
        """A starred or labelled discriminator the file uses and never defines (``D^*_G``, ``D^{opt}_G``: an
        excerpt of a proof that "plugs in D^*_G" from the proposition before it) is the optimal discriminator
        p_data / (p_data + p_model), when the file's laws leave no doubt which: exactly one data density
        (p_data, p_r, p_d) and exactly one other (the noise and laws on an alphabet aside).  An assumption says
        so at its first use.  Where the laws are more or fewer, it stays any discriminator, and a step that holds
        only for the optimum is unknown, with the reason (:meth:`ganproof.reader.check._Checker._optimum_doubt`).

        A row that gives it a formula defines it; one that gives it a number (``D^{opt}_G(x) = \\frac12``, its
        value where the laws are equal) does not, and neither stops this reading."""
        trees = [t for b in (*blocks, *inline) for row in b.rows if (t := self.pre_read(row)) is not None]
        defined: set[str] = set()
        starred: dict[str, ast.Name] = {}
        laws: set[str] = set()
        beside: set[str] = set()  # the laws of the rows that write a starred discriminator
        objective = False  # whether the file defines a function of a discriminator (its own game V(D))
        for tree in trees:
            row_laws: set[str] = set()
            row_starred = False
            lead = _defined_lead(tree.lead)
            head = lead.func if isinstance(lead, ast.Call) else lead
            if isinstance(head, ast.Name) and tree.relations and tree.relations[0].rel in ("=", ":=") \
                    and not self.optimum_value(tree):
                defined.add(key_of(head))
                if kind_of(head) != "discriminator" and any(
                        isinstance(n, ast.Name) and kind_of(n) == "discriminator" and not (n.starred or n.label)
                        for rel in tree.relations for n in walk(rel.rhs)):
                    objective = True
            for top in _sides(tree):
                for n in walk(top):
                    if not isinstance(n, ast.Name):
                        continue
                    if kind_of(n) == "discriminator" and (n.starred or n.label):
                        starred.setdefault(key_of(n), n)
                        row_starred = True
                    elif kind_of(n) == "density" and not n.sups and not n.label:
                        row_laws.add(self.res.law_alias.get(key_of(n), key_of(n)))
            laws |= row_laws
            if row_starred:
                beside |= row_laws
        noise = {"p_z", "p_Z"} | {pf.noise for pf in directives.pushforwards}
        discrete = {n for sup in directives.supports if sup.discrete for n in sup.names}
        left_out = noise | discrete | set(self.res.summed) | set(self.res.scalars)
        # the laws beside the optimum where rows write them together (a KL(P || Q) elsewhere is no law of it)
        laws = (beside - left_out) or (laws - left_out)
        data = sorted(laws & set(DATA_DENSITIES))
        others = sorted(laws - set(DATA_DENSITIES))
        if len(data) != 1 or len(others) != 1 or objective:
            # a game the file defines (V(D) = ...) has the maximiser its own terms give, which may not be
            # p_data / (p_data + p_model) (the laws swapped, a weight 2): the name alone does not say which
            return
        a, b = (sp.Function(k, positive=True) for k in (data[0], others[0]))
        value = a(X) / (a(X) + b(X))
        for key, name in starred.items():
            if key in defined or key in self.res.definitions:
                continue
            shown = self.res.label(name)
            self.res.definitions[key] = Definition(key, shown, (Param("variable", "x", X),), value, name.pos)
            self.res.by_name[key] = (data[0], others[0])
            formula = f"{latex_name(data[0])}(x) / ({latex_name(data[0])}(x) + {latex_name(others[0])}(x))"
            self.assumptions.append(self.msg(name.pos, f"{shown} is not defined in the file: read as the optimal "
                                             f"discriminator, {shown}(x) = {formula}, as its name says (the file's "
                                             f"laws are {latex_name(data[0])} and {latex_name(others[0])}; define "
                                             f"{shown} to say otherwise)"))

    def laws_of_densities(self, blocks: tuple[Block, ...], inline: tuple[Block, ...], directives: Directives) -> None:
        """A capital law written only as a law (``KL(P \\| Q)``, ``\\mathbb{E}_{x \\sim P}``), in a file that
        writes the small letter as a density (``p(x)``), is the law whose density that letter is: ``P`` is
        read as ``p``, stated as an assumption at its first use.  That is what the text means ("p and q are
        the densities of P and Q"): read as densities of their own, ``KL(P \\| Q) = \\int p \\log(p/q)`` was
        refuted although it holds.

        Only then: a capital applied to an argument anywhere in the file's math (``P(x)``, ``P_\\theta(x)``,
        in a row that could not be read too) is a function of its own and stays apart from the small letter;
        so does one that a directive names."""
        trees = []
        texts = [row.text for block in (*blocks, *inline) for row in block.rows]
        for block in blocks:
            for row in block.rows:
                tree = self.pre_read(row)
                if tree is not None:  # an unparsed row's text is still looked at for a capital applied (below)
                    trees.append(tree)
        applied = {m.group(1) for t in texts for m in _APPLIED_LAW.finditer(t)}
        declared = _declared_densities(directives)
        capitals: dict[str, int] = {}
        small: set[str] = set()
        small_first: dict[str, int] = {}  # each small density's first offset in the parsed rows
        bare_p: set[int] = set()  # the offsets of every p written (p(z), p(x), a bare p)
        p_at_z: set[int] = set()  # those of p applied to the noise variable z
        together: list[set[str]] = []  # the small densities of each row: spellings one row writes side by side
        side_by_side: set[str] = set()  # capitals a row writes beside their small letter (KL(P \| p)): two laws
        for tree in trees:
            nodes = [n for top in _sides(tree) for n in walk(top)]
            funcs = {id(n.func) for n in nodes if isinstance(n, ast.Call)}
            bare = {key_of(n) for n in nodes if isinstance(n, ast.Name) and id(n) not in funcs
                    and kind_of(n) == "density" and not n.sups and not n.label}  # laws, not densities at a point
            side_by_side |= {k for k in bare if k[0] in LAW_BASES and k[0].lower() + k[1:] in bare}
            together.append(set())
            for top in _sides(tree):
                for n in walk(top):
                    if isinstance(n, ast.Call) and key_of(n.func) == "p" and len(n.args) == 1 \
                            and isinstance(n.args[0], ast.Name) and n.args[0].base == "z" \
                            and not n.args[0].sub and not n.args[0].sups:
                        p_at_z.add(n.func.pos)
                    if not isinstance(n, ast.Name) or kind_of(n) != "density" or n.sups or n.label:
                        continue
                    if key_of(n) == "p":
                        bare_p.add(n.pos)
                    key = key_of(n)
                    if n.base in LAW_BASES:
                        capitals[key] = min(capitals.get(key, n.pos), n.pos)
                    else:
                        small.add(key)
                        together[-1].add(key)
                        small_first[key] = min(small_first.get(key, n.pos), n.pos)
        apart = _APART_WORDS.search(self.source.text) is not None or _crossed_respectively(self.source.text)
        for key, offset in sorted(capitals.items(), key=lambda kv: kv[1]):
            lower = key[0].lower() + key[1:]
            if key[0] in applied or lower not in small or key in declared or lower in declared \
                    or key in side_by_side or apart:
                continue
            self.res.law_alias[key] = lower
        # one density whose subscript is written in two cases (p_G in most rows, p_g in one): the later spelling is
        # the earlier one (ganproof/docs/format.md, section 3); not p_Z beside p_z (the noise, below), not when a
        # directive names either spelling, not when one row writes both (KL(p_n || p_N): a row that sets the two
        # side by side means two densities), and not when a capital is applied to an argument (P_G(x) is a function)
        by_case: dict[tuple[str, str], list[str]] = {}
        for key in small:
            base, _, sub = key.partition("_")
            if sub and key not in ("p_z", "p_Z"):
                by_case.setdefault((base, sub.lower()), []).append(key)
        for keys in by_case.values():
            if len(keys) < 2 or any(k in declared for k in keys) \
                    or any(len(row & set(keys)) > 1 for row in together):
                continue
            first, *later = sorted(keys, key=lambda k: small_first[k])
            for k in later:
                self.res.law_alias.setdefault(k, first)
        # the noise density: p_Z is p_z (the noise variable's density in capitals) when the file has no p_z, and
        # a p applied only to the noise z, p(z), is the noise density (ganproof/docs/format.md, section 3)
        if "p_Z" in small and "p_z" not in small and not {"p_Z", "p_z"} & declared:
            self.res.law_alias["p_Z"] = "p_z"
        other_p = any(_P_NOT_AT_Z.search(t) for t in texts)  # in a row that could not be parsed too
        if bare_p and bare_p <= p_at_z and not other_p and "p" not in declared and "p_Z" not in declared \
                and "p_z" not in declared and not ("p_Z" in small and "p_z" in small):
            self.res.law_alias["p"] = "p_z"

    def pre_read(self, row: Row) -> ast.RowTree | None:
        """The tree of a row as the passes over the whole file see it before the rows are read in order (no
        warnings, no definitions), or None when it cannot be parsed; each row is parsed once for all of them."""
        key = (row.start, row.text)
        if key not in self._pre_read:
            try:
                self._pre_read[key] = parse_row(lex_row(row.text, row.start, self.source, self.macros), self.source,
                                                row.start)
            except InputError:
                self._pre_read[key] = None
        return self._pre_read[key]

    def scalar_densities(self, blocks: tuple[Block, ...], inline: tuple[Block, ...], directives: Directives) -> None:
        """A name spelled as a density (``p``, ``q_1``) that the whole file uses only as a number is a real
        constant: "let 0 <= p <= 1, L(u) = -p \\log \\sigma(u) - (1 - p) \\log(1 - \\sigma(u))" is a
        probability p, not a density read at u in one row and at x in the next.

        Only when no use of it in any row (display or inline) is a density's: it is never applied to an
        argument, never in a row with an integral, an expectation, a sum, a limit, a divergence (KL, JSD,
        CE) or the variable x or z, never named by a directive, and its letter is in no row that could not
        be parsed.  Read so, a step holds for every real value, so it holds for the density's value at a
        point too: the reading can make a step unknown, never accept one the density reading refutes."""
        declared = _declared_densities(directives)
        candidates: dict[str, int] = {}
        ruled_out: set[str] = set()
        unparsed_letters: set[str] = set()
        for block in (*blocks, *inline):
            for row in block.rows:
                tree = self.pre_read(row)
                if tree is None:
                    unparsed_letters |= set(_DENSITY_LETTER.findall(row.text))
                    continue
                nodes = [n for side in _sides(tree) for n in walk(side)]
                context = any(isinstance(n, (ast.Integral, ast.Expect, ast.Sum, ast.Limit, ast.OpCall))
                              or (isinstance(n, ast.Name) and n.base in ("x", "z") and not n.sub) for n in nodes)
                for n in nodes:
                    if isinstance(n, ast.Call) and kind_of(n.func) == "density":
                        ruled_out.add(key_of(n.func))
                    if isinstance(n, ast.Name) and kind_of(n) == "density" and not n.label:
                        key = key_of(n)
                        candidates[key] = min(candidates.get(key, n.pos), n.pos)
                        if context:
                            ruled_out.add(key)
        for key, offset in candidates.items():
            if key in ruled_out or key in declared or key[0] in unparsed_letters:
                continue
            if key in self.res.summed or key in self.res.law_alias:
                continue
            self.res.scalars[key] = offset

    def constraint_sign(self, c: object) -> tuple[str, str] | None:
        """The constant and its class (``positive`` or ``unit``) of an inequality constraint; None for an
        equality; an InputError for any other form."""
        from ganproof.reader.directives import ConstraintDecl
        assert isinstance(c, ConstraintDecl)
        chain = [("lead", c.lhs), *c.chain]
        nodes = [n for _, n in chain]
        rels = [r for r, _ in chain[1:]]
        if rels[0] == "=":
            return None  # an equality: solved when it comes into force
        names = [n for n in nodes if isinstance(n, ast.Name)]
        nums = [n for n in nodes if isinstance(n, ast.Num)]
        if len(nodes) == 2 and names and nums and nums[0].text == "0":
            name = constant_name(names[0])
            if (nodes[0] is names[0] and rels[0] == ">") or (nodes[1] is names[0] and rels[0] == "<"):
                return name, "positive"
        elif (len(nodes) == 3 and rels == ["<", "<"] and isinstance(nodes[0], ast.Num) and nodes[0].text == "0"
              and isinstance(nodes[1], ast.Name) and isinstance(nodes[2], ast.Num) and nodes[2].text == "1"):
            return constant_name(nodes[1]), "unit"
        raise self.source.error(c.offset, "an inequality on a constant reads t > 0, 0 < t or 0 < t < 1")

    def activate(self, directives: Directives, offset: int) -> None:
        """Put in force every constraint written before ``offset`` (a block's start) and not yet in force.

        A constraint holds from its line on: a block above ``%! assume a = 2`` is read with a free."""
        fresh = [c for c in directives.constraints if c.offset < offset and c not in self.active]
        if not fresh:
            return
        self.active.extend(fresh)
        for c in fresh:
            sign = self.constraint_sign(c)
            if sign is not None:
                name, kind = sign
                self.res.positive_constants.add(name)
                if kind == "unit":
                    self.res.unit_constants.add(name)
        if any(c.rel == "=" for c in fresh):
            self.equalities(self.active)

    def equalities(self, constraints: list[Any]) -> None:
        """Solve the equality constraints in force; the resolver substitutes the solution for free constants."""
        eqs = []
        for c in constraints:
            if c.rel != "=":
                continue
            if len(c.chain) != 1:
                raise self.source.error(c.offset, "write one equation per constraint: b - a = 2")
            lhs, rhs = self.res.expr(c.lhs), self.res.expr(c.rhs)
            e = lhs - rhs
            if lhs.atoms(AppliedUndef) or rhs.atoms(AppliedUndef) or e.free_symbols & {X, Z}:
                raise self.source.error(c.offset, "a constraint is about constants only (b - a = 2)")
            # checked before solving: SymPy may not return on an equation with an integral or a function
            if not _linear(e):
                raise self.source.error(c.offset, "the constraints must be linear equations with one solution: "
                                        "this one is not linear in the constants with rational coefficients "
                                        "(b - a = 2; no powers of constants, integrals, functions or operators)")
            eqs.append((e, c.offset))
            for sym in e.free_symbols:
                self.res.constrained.setdefault(sym.name, c.offset)
        if not eqs:
            return
        symbols = sorted(set().union(*(e.free_symbols for e, _ in eqs)), key=lambda s: s.name, reverse=True)
        sol = sp.solve([e for e, _ in eqs], symbols, dict=True)
        if len(sol) != 1:
            raise self.source.error(eqs[0][1], "the constraints must be linear equations with one solution")
        # a constant the constraints fix is replaced where the resolver reads it free, never where a
        # letter is bound (by an integral, an expectation, a definition's parameter)
        self.res.substitution = {k.name: v for k, v in sol[0].items()}
        last = max(off for _, off in eqs)
        for k, v in sol[0].items():
            # located at the constraint's line: it holds from there on
            message = self.msg(last, f"by the constraints, {k} = {v}")
            if message not in self.assumptions:
                self.assumptions.append(message)


_RESTATING = re.compile(r"(?:\b(?:let|take|set|define|redefine|instead|now|henceforth|from here on)\b[^$.;]*"
                        r"|^\s*(?:,\s*)?(?:where|with)\b[^$.;]*)(?:\$\$|\$|\\\()\s*$", re.IGNORECASE)
"""Words just before a formula of the prose that give a name its value (let, take, set, now, instead; where or
with opening the line below a display): a defined name so stated is given another value.  Elsewhere ("the point
where $C(G) = -\\log 4$") the formula states a value the name takes, not a new one."""
_APART_WORDS = re.compile(r"\b(?:unrelated|distinct|independent of each other|not the densit(?:y|ies) of)\b",
                          re.IGNORECASE)
"""Words by which prose keeps a capital law and a small density apart ("$P$ and $p$ are unrelated"): then no
capital is read as its small letter's law."""
_MATH_LETTER = re.compile(r"\$\s*([pqPQ])(?:\s*\(\s*x\s*\))?\s*\$")


def _crossed_respectively(text: str) -> bool:
    """True when a sentence with "respectively" pairs small densities with capital laws crosswise ("P the data
    law and Q the model law, with densities $q$ and $p$ respectively"); "$p(x)$ and $q(x)$ are the densities of
    $P$ and $Q$, respectively" pairs each with its own letter."""
    for sentence in re.split(r"(?<=[.;])\s", text):
        if "respectively" not in sentence.lower():
            continue
        letters = [m.group(1) for m in _MATH_LETTER.finditer(sentence)]
        smalls = [c for c in letters if c.islower()]
        capitals = [c for c in letters if c.isupper()]
        if not capitals:
            capitals = re.findall(r"\b([PQ])\b", sentence)
        if smalls and capitals and any(a != b.lower() for a, b in zip(smalls, capitals)):
            return True
    return False
_VALUE_RELATIONS = frozenset({"=", ":=", "<", ">", "<=", ">="})
"""The relations by which an inline formula gives a capital letter a value or a bound (not ``\\sim``, not
``\\in``): see :meth:`_Reader.constant_capitals`."""
_CONSTANT_WORDS = re.compile(r"(?:\$|\\\()\s*([XZ])\s*(?:\$|\\\))\s*(?:is|be|denotes)\s+(?:a|an|any|some)?\s*"
                             r"(?:(?:fixed|real|positive|given|known|deterministic)\s+)*(?:constant|number|scalar)\b"
                             r"|\b(?:constant|scalar|number)\s+(?:\$|\\\()\s*([XZ])\s*(?:\$|\\\))")
"""Words that call the capital X or Z a constant: "$X$ is a fixed constant", "the constant $Z$"."""
_WORDS_DEFINE = re.compile(r"\b(where|Where|and|here|let|Let)\s+(?:\\\(|\$)\s*([^$\n]{1,40}?)\s*(?:\\\)|\$)\s*"
                           r"(is|are|denotes|stands for|represents|be)\b"
                           r"(?!\s+(?:arbitrary|fixed|given|free|unknown)\b)"
                           r"(?!\s+(?:a|an|any|some)\s+(?:(?:real|positive|fixed|arbitrary|given)\s+)*"
                           r"(?:constant|number|scalar|real|parameter|value)s?\b)[^.;:$\\]{3,120}")
"""A name in inline math that the words around it define ("where \\(\\mu\\) is the true mean", "let $c$ be
the normaliser"); not one they leave arbitrary ("where $c$ is any constant")."""
def _sides(tree: ast.RowTree) -> list[ast.Node]:
    """The sides of a row: its lead (when it has one) and the right side of each relation."""
    return ([tree.lead] if tree.lead is not None else []) + [r.rhs for r in tree.relations]


_DENSITY_LETTER = re.compile(r"(?<![A-Za-z\\])([pqPQ])(?![A-Za-z])")
"""A density's letter standing alone in a row's text (not in \\exp, not the command \\P)."""


def _declared_densities(directives: Directives) -> set[str]:
    """Every density a directive names (a support, a pushforward, a hypothesis, a sample set's law)."""
    declared = {n for s in directives.supports for n in s.names}
    declared |= {n for pf in directives.pushforwards for n in (pf.density, pf.noise)}
    declared |= {n for h in directives.hypotheses for n in (h.density, h.equals)}
    declared |= {n for sd in directives.samples
                 for n in ([sd.law] if isinstance(sd.law, str) else [k for k, _ in sd.law])}
    return declared


def _degree(e: sp.Expr) -> int | None:
    """The degree of ``e`` in its constants as written (no expansion), or None when it is no polynomial
    of plain numbers: an integral, a derivative, an operator or a function of a constant."""
    if isinstance(e, sp.Symbol):
        return 1
    if isinstance(e, (sp.Rational, sp.NumberSymbol)):
        return 0
    if isinstance(e, (sp.exp, sp.log)):
        return 0 if all(_degree(a) == 0 for a in e.args) else None
    if isinstance(e, (sp.Add, sp.Mul)):
        degrees = [_degree(a) for a in e.args]
        if any(d is None for d in degrees):
            return None
        return max(degrees) if isinstance(e, sp.Add) else sum(degrees)  # type: ignore[arg-type]
    if isinstance(e, sp.Pow):
        base, exp = _degree(e.base), _degree(e.exp)
        if base == 0 and exp == 0:
            return 0
        if base is not None and isinstance(e.exp, sp.Integer) and e.exp > 0:
            return base * int(e.exp)
    return None


def _linear(e: sp.Expr) -> bool:
    """True when ``e`` is of degree at most 1 in its constants, each with a rational coefficient, and
    its constant term is a plain number (no integral, derivative, function of a constant or operator)."""
    degree = _degree(e)
    if degree is None or degree > 1:
        return False
    symbols = sorted(e.free_symbols, key=lambda s: s.name)
    if not symbols:
        return True
    poly = sp.Poly(e, *symbols)  # of degree 1 as written: cheap to expand
    return all(c.is_Rational for m, c in poly.terms() if sum(m) == 1)


def read_document(source: Source, strict: bool = False) -> Document:
    """Interpret ``source`` under a wall-clock limit of :data:`~ganproof.reader.limits.READ_SECONDS`
    (where a timer is available: the main thread); past it, an InputError.  The reader's own caps
    (sizes, depths, digits) keep every input far below it: the limit is the last guard."""
    try:
        with time_limit(READ_SECONDS):
            return _read_document(source, strict)
    except TimedOut:
        raise InputError(f"reading the file took longer than the limit of {READ_SECONDS:g} s "
                         "(GANPROOF_READ_SECONDS); please report the file", file=source.name) from None
    except RecursionError:
        raise InputError("the file is nested too deeply to read (the reader's recursion limit); please report "
                         "the file", file=source.name) from None


def _read_document(source: Source, strict: bool = False) -> Document:
    layout = read_layout(source)
    directives = read_directives(layout.directives, source)
    blocks = layout.blocks or _inline_steps(source, layout)
    if layout.blocks:
        # beside display math, inline formulas are prose: read only for the definitions they give, in order
        blocks = tuple(sorted(layout.blocks + tuple(b for b in layout.inline if has_relation(b)),
                              key=lambda b: b.start))
    r = _Reader(source, strict, layout.macros)
    r.has_displays = bool(layout.blocks)
    r.directives = directives
    r.prose_defines_only = layout.standalone
    for at in layout.mismatched_images:
        r.warnings.append(r.msg(at, "this codecogs image is not read: its title (or alt) is not the formula the "
                                "image shows (its src); make them the same"))
    for slip in layout.slips:
        r.warnings.append(r.msg(slip, "this $$ pairs with none: the next $$ lies past a paragraph break, so a $ is "
                                "missing or one too many in the sentence before it (the formulas there may be "
                                "read wrongly or not at all); the pairing starts again from the next $$"))
    for at in layout.bare:
        r.assumptions.append(r.msg(at, "this line is LaTeX written without math delimiters (as a page pasted as text "
                                   "gives it): it is read as a display of its own"))
    if not layout.blocks:
        r.assumptions.append(r.msg(blocks[0].start, "the file has no display math: each inline formula that "
                                   "holds a relation ($...$, \\(...\\)) is read as a chain of its own"))
    _bold_and_plain(r, layout.blocks + layout.inline)
    r.prepare(directives)
    r.alphabets(layout.blocks, directives)
    r.laws_of_densities(layout.blocks, layout.inline, directives)
    r.scalar_densities(layout.blocks, layout.inline, directives)
    r.optimum_by_name(layout.blocks, layout.inline, directives)
    r.words_premises()
    r.constant_capitals(layout.inline)
    r.sole_density(layout.blocks + layout.inline, directives)
    hyp_decls = list(directives.hypotheses)
    previous_end = 0
    for block in blocks:
        r.activate(directives, block.start)
        hyps = []
        for h in hyp_decls:
            if h.offset < block.start:
                hyps.append(_hypothesis(r, h))
        if any(previous_end <= d.offset < block.start for d in layout.directives):
            r.open_chain = None  # only prose may stand between a display and the one that continues it
        r.res.in_rows = True
        try:
            r.block(block, tuple(hyps))
        except InputError as exc:
            r.errors.append(exc)  # the block could not be read as a whole: the next blocks still are
            r.open_chain = None
        finally:
            r.res.in_rows = False
        previous_end = block.end
    r.activate(directives, len(source.text) + 1)  # the constraints below the last block are checked too
    _check_directive_order(r, directives)
    for h in hyp_decls:
        r.assumptions.append(r.msg(h.offset, f"assumed from line {source.line_of(h.offset)} on: "
                                   f"{Hypothesis(Density(h.density), Density(h.equals)).latex()}"))
    for note in r.res.notes:
        target = r.warnings if note.kind == "warning" else r.assumptions
        m = r.msg(note.offset, note.message)
        if m not in target:
            target.append(m)
    judged = [c for c in r.chains if any(s.unread is None for s in c.steps) or
              any(a.unread is None and b.unread is None for a, b in zip(c.equations, c.equations[1:]))]
    errors = tuple(sorted(r.errors, key=lambda e: (e.line or 0, e.col or 0)))
    if not judged and errors:
        raise InputErrors(errors)  # nothing could be judged: the file is unreadable (exit 2)
    if not r.chains:
        first = source.line_of(blocks[0].start)
        what = ("the display math holds no step to check (only definitions or single expressions)" if layout.blocks
                else "the file has no display math, and its inline formulas hold no step to check (only "
                "definitions, single expressions, or conditions between two names or numbers such as "
                "$p_g = p_{data}$, which prose states and a step does not)")
        raise InputError(what, file=source.name, line=first, col=1, source_line=source.source_line(first),
                         cell=source.cell_line(first))
    context = _context(r, directives)
    return Document(source, context, tuple(r.chains), tuple(r.definitions), tuple(r.assumptions),
                    tuple(sorted(r.warnings, key=lambda m: (m.line, m.col))), errors,
                    chi_square=directives.chi_square, reader=r)


_ROW_LABEL = re.compile(r"^\s*(?:\\(?:mathrm|text|textrm|textbf|textit|mathbf|operatorname|mbox)\s*\{\s*"
                        r"([A-Za-z][A-Za-z ]{2,}[A-Za-z]:?)\s*\}|([A-Za-z]{3,}:))(?:\s|\\q?quad\b|\\[,;: ])*&")
"""A word set in the left column of an aligned row before its ``&`` (``\\mathrm{target} \\qquad & ...``,
``\\text{Proof:} & ...``): the row's label."""
_NOT_LABELS = frozenset({"log", "ln", "exp", "max", "min", "sup", "inf", "kl", "jsd", "js", "ce", "lim", "argmax",
                         "argmin", "arg max", "arg min", "sigmoid", "softmax", "var", "cov", "tr", "det", "sgn"})
"""Words that name an operator or a function: never a row's label."""
_TEXT_ONLY = re.compile(r"\\(?:text|textrm|textit|textbf|mbox|intertext|shortintertext)\s*\{(?:[^{}]|\{[^{}]*\})*\}")


_SPACING = re.compile(r"[\s&.,;:]|\\(?:quad|qquad|[,;:! ])")
"""Alignment marks, spacing and punctuation: what a row of commentary may hold besides its words."""
_ARROW_ROW = re.compile(r"\\(?:[Bb]ig+[lr]?\s*)?\\?(?:Downarrow|downarrow|Uparrow|uparrow|Longdownarrow|Updownarrow)"
                        r"(?:\s*[_^]\s*(?:\{(?:[^{}]|\{[^{}]*\})*\}|\S))*")
"""An arrow between two rows of a chain, with its note (``\\Downarrow_{T(x) = \\arg\\sup_t ...}``): commentary."""


def _words_only(text: str) -> bool:
    """True for a row of words only: \\text groups (which may hold inline $...$), alignment marks, spacing and
    punctuation, and nothing else; or for a row that is an arrow down (or up) between two rows of a chain, with its
    note as a script (``&\\Downarrow_{...}``)."""
    rest = _TEXT_ONLY.sub(" ", text)
    if rest != text and not _SPACING.sub("", rest):
        return True
    arrows = _ARROW_ROW.sub(" ", rest)
    return arrows != rest and not _SPACING.sub("", arrows)


class _Opaque(Exception):
    """Raised by :meth:`_Reader.resolve_definition` for a function defined by an optimum (recorded as opaque)."""

    def __init__(self, body: Side) -> None:
        super().__init__("defined by an optimum")
        self.body = body


ARG_OPTIMA = ("argmin", "argmax")
"""The prefixes whose value is the point of an optimum, not the optimum (judged in reader/check.py)."""


GENERATED_DENSITIES = ("p_g", "p_G", "p_model", "p_gen", "P_g", "P_G")
"""Densities whose subscript names the generator: in a file with one generator and a noise density, such a density
is read as the generator's law, with or without a data density, and even when the file has other densities (the p,
q of a KL section)."""


_APPLIED_LAW = re.compile(r"(?<![A-Za-z\\])([PQ])\s*(?:_\s*(?:\{[^{}]*\}|\\[A-Za-z]+|[A-Za-z0-9]))?\s*"
                          r"(?:\^\s*(?:\{[^{}]*\}|\S))?\s*(?:\\(?:left|bigl?|Bigl?|biggl?|Biggl?)(?![A-Za-z])\s*)?\(")
"""A capital law letter applied to an argument, in a row's text as written (``P(x)``, ``P_{\\theta}(x)``,
``Q \\left(x\\right)``): such a capital is a function of its own, never the law of the small letter."""


_STATEMENT = re.compile(r"(?:^|,|\\q?quad(?![A-Za-z]))\s*&?\s*(?:\\(?:boxed|displaystyle)\s*\{?\s*)?"
                        r"(?P<base>[A-Za-z]|\\[A-Za-z]+)(?![A-Za-z])\s*"
                        r"(?:_\s*(?P<sub>\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}|\\?[A-Za-z0-9]+))?\s*"
                        r"(?:\((?P<args>[^()]*)\))?\s*&?\s*(?P<rel>=|\\sim(?![A-Za-z])|:=)")
"""A statement about a name at the start of a row, or after a comma or a quad: ``P(x) \\sim N(...)``,
``Q(x) = ...``, ``\\sigma_p = 2``."""
_SUB_NOISE = re.compile(r"\\(?:text|mathrm|textrm|mathit|boldsymbol|mathbf|bm)\s*|[{}\s\\]")


def _statement_key(m: re.Match[str]) -> str | None:
    """The name a :data:`_STATEMENT` match is about, spelled as the checker's names are (``p_data``,
    ``sigma_p``), or None when it is no name (a command that is not a Greek letter)."""
    from ganproof.reader.lexer import GREEK

    base = m.group("base")
    if base.startswith("\\"):
        base = base[1:]
        if base not in GREEK:
            return None
    sub = _SUB_NOISE.sub("", m.group("sub") or "")
    return base + (f"_{sub}" if sub else "")


def _number_of(node: ast.Node) -> sp.Rational | None:
    """The value of a number written as ``2``, ``0.5``, ``\\frac{1}{2}``, ``1/2`` (in brackets or not), else None."""
    while isinstance(node, ast.Paren):
        node = node.inner
    if isinstance(node, ast.Num):
        return _number_value(node.text)
    if isinstance(node, ast.Frac) and isinstance(node.num, ast.Num) and isinstance(node.den, ast.Num):
        a, b = _number_value(node.num.text), _number_value(node.den.text)
    elif isinstance(node, ast.BinOp) and node.op == "/" and isinstance(node.left, ast.Num) \
            and isinstance(node.right, ast.Num):
        a, b = _number_value(node.left.text), _number_value(node.right.text)
    else:
        return None
    return a / b if a is not None and b else None  # type: ignore[return-value]


def _group_start(text: str, start: int, end: int) -> int:
    """``start`` moved back to the command whose brace group it lies in when ``text[start:end]`` closes more
    braces than it opens (the L of ``\\mathcal{L}_D`` is at the letter: shown from there, the name reads L}_D)."""
    while text.count("}", start, end) > text.count("{", start, end):
        brace = text.rfind("{", 0, start)
        if brace < 0:
            return start
        command = re.search(r"\\[A-Za-z]+\s*$", text[max(0, brace - 40):brace])
        start = brace - (len(command.group(0)) if command else 0)
    return start


def _constant_side(node: ast.Node) -> bool:
    """True when a side holds no variable, no function applied and no operator: numbers and constants only
    (``2``, ``c + 1``; not ``x``, ``G(z)``, ``\\mathbb{E}[x]``), so a capital it gives a value is a constant."""
    for n in walk(node):
        if isinstance(n, (ast.Call, ast.OpCall, ast.Integral, ast.Expect, ast.Sum, ast.Limit, ast.Deriv)):
            return False
        if isinstance(n, ast.Name) and (n.base in ("x", "z") or kind_of(n) != "constant"):
            return False
    return True


def _is_x(node: object) -> bool:
    """True for the plain variable x."""
    return isinstance(node, ast.Name) and node.base == "x" and not node.sub and not node.sups


def _unit_of_last_digit(node: ast.Node | None) -> sp.Rational | None:
    """10^-d for a side that is a decimal written with d digits after its point (``1.386``, ``-0.69``), else
    None: how close a value written so to the digits shown may be."""
    if isinstance(node, ast.Neg):
        node = node.inner
    if not isinstance(node, ast.Num) or "." not in node.text:
        return None
    digits = len(node.text.split(".", 1)[1])
    return sp.Rational(1, 10 ** digits) if 0 < digits <= 30 else None


def _number_value(text: str) -> sp.Rational | None:
    try:
        from fractions import Fraction

        q = Fraction(text)
    except (ValueError, ZeroDivisionError):
        return None
    return sp.Rational(q.numerator, q.denominator)


_P_NOT_AT_Z = re.compile(r"(?<![A-Za-z\\])p(?![A-Za-z_])(?!\s*(?:\\left\s*)?\(\s*(?:\\boldsymbol\{z\}|\\mathbf\{z\}|"
                         r"\\bm\{z\}|z)\s*(?:\\right\s*)?\))")
"""A density p written other than at the noise variable, p(z), in a row's text: then p is no noise density."""


def _prefixes_of(lead: ast.Node | None) -> tuple[ast.Optimise, ...]:
    """The \\max/\\min written in front of a row's leading expression, outermost first."""
    out: list[ast.Optimise] = []
    while isinstance(lead, ast.Optimise):
        out.append(lead)
        lead = lead.body
    return tuple(out)


def _self_reference(rhs: ast.Node, name: ast.Name) -> ast.Name | None:
    """The first place where the right-hand side of a definition of ``name`` writes ``name`` again (the
    same letter, subscript and marks), or None."""
    key, marks = key_of(name), len(name.sups)
    hits = [n for n in walk(rhs) if isinstance(n, ast.Name) and key_of(n) == key and len(n.sups) == marks]
    return min(hits, key=lambda n: n.pos) if hits else None


_BOLD = re.compile(r"\\(mathbf|boldsymbol|bm|pmb|mathsf|mathbfit|bf)\s*\{?\s*(\\[A-Za-z]+|[A-Za-z])\s*\}?")
_VARIABLE_LETTERS = frozenset("xyzXYZ")
"""Letters that texts set bold as vectors and plain as their coordinates, the one variable either way."""


def _binds(tree: ast.RowTree, key: str) -> bool:
    """True when ``tree`` binds the name ``key``: a parameter of its lead (f(y) = ...), the variable of an
    integral (dy), a sum, a limit or a derivative (\\frac{d}{dy}) in it."""
    lead = _defined_lead(tree.lead)
    if isinstance(lead, ast.Call) and any(isinstance(a, ast.Name) and key_of(a) == key for a in lead.args):
        return True
    for top in (tree.lead, *(rel.rhs for rel in tree.relations)):
        for n in (walk(top) if top is not None else ()):
            if isinstance(n, ast.Integral) and n.diff == key or isinstance(n, (ast.Sum, ast.Limit)) and \
                    getattr(n, "index", getattr(n, "var", None)) == key:
                return True
            if isinstance(n, ast.Deriv) and isinstance(n.by, ast.Name) and key_of(n.by) == key:
                return True
    return False


def _leads_with(tree: ast.RowTree, key: str) -> bool:
    """True when the lead of ``tree`` is the name ``key`` (applied or not): that row defines it or states
    something of it, so a row below that gives it a value is no "where" of it."""
    lead = _defined_lead(tree.lead) if tree.lead is not None else None
    head = lead.func if isinstance(lead, ast.Call) else lead
    return isinstance(head, ast.Name) and key_of(head) == key


def _chain_then_sequence(trees: list[tuple[Row, ast.RowTree | None]]) -> tuple[
        list[tuple[Row, ast.RowTree | None]], list[tuple[Row, ast.RowTree | None]]] | None:
    """A chain whose last relation is ``= 0`` followed by rows joined by \\Rightarrow (``f'(x) = A/x - B/(1-x)
    = 0 \\Rightarrow x = A/(A+B)``): the chain without its ``= 0``, and the sequence of equations that starts
    with "last expression = 0" and goes on with the joined rows.  None for any other block."""
    k = next((i for i, (row, _) in enumerate(trees) if row.joined), None)
    if k is None or k == 0:
        return None
    prev_row, prev = trees[k - 1]
    if prev is None or not prev.relations or any(row.joined for row, _ in trees[:k]):
        return None
    last = prev.relations[-1]
    if last.rel != "=" or not (isinstance(last.rhs, ast.Num) and sp.Rational(last.rhs.text) == 0):
        return None
    left = prev.relations[-2].rhs if len(prev.relations) >= 2 else prev.lead
    if left is None:
        return None
    for _, tree in trees[k:]:
        if tree is None or tree.lead is None or len(tree.relations) != 1 or tree.relations[0].rel != "=":
            return None
    equation = ast.RowTree(left, (last,), ast.node_pos(left))
    chain = ast.RowTree(prev.lead, prev.relations[:-1], prev.pos)
    if not chain.relations and chain.lead is None:
        return None
    return [*trees[:k - 1], (prev_row, chain)], [(prev_row, equation), *trees[k:]]


def _bold_beside_plain(text: str) -> tuple[str, int] | None:
    """The first letter (not x, y, z) that ``text`` writes both bold and plain, with the bold's offset: one row
    that sets \\mathbf{q} beside q (KL(\\mathbf{q} \\| q)) means two names, which dropping bold would merge."""
    plain = _FONT_GROUP.sub(" ", _BOLD.sub(" ", text))
    for m in _BOLD.finditer(text):
        letter = m.group(2)
        if letter not in _VARIABLE_LETTERS and letter not in _FONTS_AND_E and _plain_letter(letter).search(plain):
            return letter, m.start()
    return None


_FONT_GROUP = re.compile(r"\\(?:mathbb|mathcal|mathscr|mathfrak|mathrm|operatorname|text|textrm)\s*\{[^{}]*\}")
"""A letter in another font (\\mathbb{E}, \\mathcal{X}): no plain letter."""
_FONTS_AND_E = frozenset({"E", "\\mathbb", "\\mathcal", "\\mathscr", "\\mathfrak", "\\mathrm", "\\text"})
"""Bold E is the expectation (\\mathbf{E}), and a bold font command holds no letter of its own."""


def _plain_letter(letter: str) -> re.Pattern[str]:
    """The letter written plain: not inside a longer name or command."""
    return re.compile(r"(?<![A-Za-z\\])" + re.escape(letter) + r"(?![A-Za-z])")


def _bold_and_plain(r: _Reader, blocks: tuple[Block, ...]) -> None:
    """Say so when the math writes a letter both bold and plain (\\mathbf{p} and p): bold is dropped, so the two
    spellings are one name (texts set a vector or a law bold and mean the same letter), and a step that holds only
    because they are one name (KL(\\mathbf{p} \\| p) = 0) must show the reading it rests on."""
    rows = [row for b in blocks for row in b.rows]
    bold: dict[str, int] = {}
    for row in rows:
        for m in _BOLD.finditer(row.text):
            letter = m.group(2)
            if letter not in _VARIABLE_LETTERS:
                bold.setdefault(letter, row.start + m.start())
    if not bold:
        return
    plain_text = " ".join(_BOLD.sub(" ", row.text) for row in rows)
    for letter, at in sorted(bold.items(), key=lambda kv: kv[1]):
        if _plain_letter(letter).search(plain_text):
            r.assumptions.append(r.msg(at, f"{letter} is written both bold and plain: bold is dropped, so the two "
                                          "spellings are one name (write another letter to keep them apart)"))


def _defined_lead(lead: ast.Node | None) -> ast.Node | None:
    """The name a definition row defines, with its parameters: the row's lead itself, or, under
    optimisation prefixes, the function inside them when every prefix optimises over one of its
    parameters or a parameter's subscript (``\\min_G \\max_D V(D, G) = ...`` and ``\\min_\\theta \\max_\\phi
    V(G_\\theta, D_\\phi) = ...`` define V, the game's value; ``\\max_D f(x)`` is no definition).  None when the lead is an optimisation of anything else."""
    prefixes = _prefixes_of(lead)
    inner = prefixes[-1].body if prefixes else lead
    if isinstance(inner, ast.Call):
        # a brace group around a parameter ({\\color{red}G}) is no expression of its own
        inner = ast.Call(inner.func, tuple(_unbraced(a) for a in inner.args), inner.pos, inner.end)
    if not prefixes:
        return inner
    if not isinstance(inner, ast.Call):
        return None
    params = {key_of(a) for a in inner.args if isinstance(a, ast.Name)}
    # \min_\theta \max_\phi V(G_\theta, D_\phi): a prefix over a parameter's subscript (the weights of G_\theta)
    params |= {"".join(a.sub) for a in inner.args if isinstance(a, ast.Name) and a.sub}
    for p in prefixes:
        over = _unbraced(p.over)
        if not isinstance(over, ast.Name) or key_of(over) not in params:
            return None
    return inner


def _unbraced(node: Any) -> Any:
    """``node`` without the brackets around a bare name: ``{G}`` is G."""
    while isinstance(node, ast.Paren) and isinstance(node.inner, (ast.Name, ast.Paren)):
        node = node.inner
    return node


def _simple(node: ast.Node | None) -> bool:
    """A name (starred or not, never a power), a name applied to names, or a number (with a sign): one side of a
    stated condition."""
    if isinstance(node, ast.Neg):
        return _simple(node.inner)
    if isinstance(node, ast.Num):
        return True
    if isinstance(node, ast.Name):
        # a power is no name: t^2, e^{t} (``h(t) = t^2`` defines h; ``\sigma^2 = 4`` gives sigma no value)
        return not node.powered
    return isinstance(node, ast.Call) and _simple(node.func) and all(
        isinstance(a, ast.Name) or isinstance(a, tuple) for a in node.args)


def _condition(tree: ast.RowTree) -> bool:
    """True for an inline formula that states a condition or a value, one relation between two simple sides
    (``p_g = p_{data}``, ``D(x) = 0.5``, ``k \\approx 1``), not a step of a derivation."""
    return tree.lead is not None and len(tree.relations) == 1 and _simple(tree.lead) and _simple(
        tree.relations[0].rhs)


def _inline_steps(source: Source, layout: Layout) -> tuple[Block, ...]:
    """The inline formulas read when a file has no display math: those that hold a relation; an InputError that
    says precisely why nothing is read when there is none."""
    found = tuple(b for b in layout.inline if has_relation(b))
    if found:
        return found
    base = ("no display math found: the checker reads \\begin{align}...\\end{align}, \\begin{aligned}, "
            "equation, split, gather, $$...$$, \\[...\\] and ```math fences, and, in a file without them, the "
            "inline formulas ($...$, \\(...\\)) that hold a relation")
    if layout.inline:
        line = source.line_of(layout.inline[0].start)
        why = (f"; the {len(layout.inline)} inline formula{'s' if len(layout.inline) > 1 else ''} of the file "
               f"(the first at line {line}) hold{'s' if len(layout.inline) == 1 else ''} no relation (=, \\le, "
               "\\ge, <, >) outside brackets")
    else:
        bare = _bare_math_line(source)
        why = ("; the file has no math delimiters at all" + (
            f": line {bare} looks like mathematics written without them (put it in $$ ... $$)" if bare else ""))
    line = 1
    raise InputError(base + why, file=source.name, line=line, col=1, source_line=source.source_line(line),
                     cell=source.cell_line(line))


_BARE_MATH = re.compile(r"\\(?:frac|log|int|sum|mathbb|min|max|mathbf|cdot|le|ge|leq|geq)(?![A-Za-z])|"
                        r"\b(?:log|E_\w|E\[)|[=≤≥]")


def _bare_math_line(source: Source) -> int | None:
    """The first line that holds a relation and a LaTeX command or a log, written without math delimiters."""
    for k, line in enumerate(source.text.split("\n"), start=1):
        hits = _BARE_MATH.findall(line)
        if any(h in ("=", "≤", "≥") for h in hits) and any(h not in ("=", "≤", "≥") for h in hits):
            return k
    return None


def _hypothesis(r: _Reader, h: HypothesisDecl) -> Hypothesis:
    """The hypothesis ``h`` (two densities said equal); an InputError when their supports differ.

    Two densities on different supports cannot be equal (one is positive where the other is 0): such a
    hypothesis contradicts the file's own declarations, and no rule or number may use it either way."""
    left, right = r.res.density(h.density, h.offset), r.res.density(h.equals, h.offset)
    if left.support != right.support:
        raise r.source.error(h.offset, f"this hypothesis says {latex_name(left.name)} = {latex_name(right.name)}, "
                             f"but {latex_name(left.name)} is a density on {left.support.text()} and "
                             f"{latex_name(right.name)} one on {right.support.text()}: densities on different "
                             "supports cannot be equal; declare both on one support (%! density "
                             f"{left.name}, {right.name} on ...)")
    return Hypothesis(left, right)


def _check_directive_order(r: _Reader, directives: Directives) -> None:
    """An InputError when a support, pushforward or sample directive comes after a row that uses its names.

    A directive holds from its line on; these three say what a name *is* (its support, its law), which
    cannot change in the middle of a file, so a row above the directive that already uses the name is
    refused rather than read with a meaning the file had not yet given it."""
    uses = r.res.row_uses
    checks: list[tuple[int, str, list[tuple[str, str]]]] = []
    for s in directives.supports:
        checks.append((s.offset, "density", [(n, n) for n in s.names]))
    for p in directives.pushforwards:
        checks.append((p.offset, "pushforward", [(p.density, p.density), (p.generator, p.generator),
                                                  (p.noise, p.noise)]))
    for d in directives.samples:
        checks.append((d.offset, "sample", [(f"sample:{d.base}:{d.tag}", f"{d.base}^{{({d.tag})}}")]))
    for offset, kind, names in checks:
        for key, shown in names:
            first = uses.get(key)
            if first is not None and first < offset:
                line = r.source.line_of(first)
                raise r.source.error(offset, f"this %! {kind} directive is about {latex_name(shown)}, which line "
                                     f"{line} above already uses: a directive holds from its line on, so move "
                                     f"it above line {line}")


def _context(r: _Reader, directives: Directives) -> Context:
    res = r.res
    for p in directives.pushforwards:
        res.density(p.density, p.offset)
        res.density(p.noise, p.offset)
        res.generator(p.generator)
    for s in directives.samples:
        if isinstance(s.law, str):
            res.density(s.law, s.offset)
        else:
            for name, _ in s.law:
                res.density(name, s.offset)
    pushforwards = [Pushforward(res.densities[p.density], res.generators[p.generator], res.densities[p.noise])
                    for p in directives.pushforwards]
    noise = pushforwards[0].noise if pushforwards else (res.densities.get("p_z"))
    applied: set[str] = set()
    for ch in r.chains:
        for e in [*(pt.side.expr for pt in ch.points), *(q.lhs - q.rhs for q in ch.equations)]:
            applied |= {a.func.__name__ for a in e.atoms(AppliedUndef)}
            for dfn in e.atoms(Defined):
                applied |= {a.func.__name__ for a in dfn.value.atoms(AppliedUndef)}
    for dfn in res.definitions.values():
        applied |= {a.func.__name__ for a in getattr(dfn.value, "atoms", lambda *_: ())(AppliedUndef)}
    # the generator of the default pushforward is one the rows apply to the noise (g(z) of V(G, D) = ...),
    # not a definition's parameter named G that nothing applies
    on_noise = [g for k, g in res.generators.items() if k in applied and k not in res.definitions]
    if not pushforwards and res.generators and noise is not None:
        data = [k for k in DATA_DENSITIES if k in res.densities]
        others = [k for k in res.densities if k != noise.name and k not in data[:1] and k not in res.normal_laws]
        named = [k for k in others if k in GENERATED_DENSITIES]
        if data and len(others) == 1:
            gen = on_noise[0] if len(on_noise) == 1 else next(iter(res.generators.values()))
            pushforwards.append(Pushforward(res.densities[others[0]], gen, noise))
            r.assumptions.append(Message(1, 1, f"{res.densities[others[0]].latex} is read as the law of "
                                         f"{gen.latex}(z), z \\sim {noise.latex} (no pushforward directive)"))
        elif len(named) == 1 and len(res.generators) == 1:
            # no data density, or other densities too (p, q of a KL section): the one whose subscript names the
            # generator is its law
            gen = on_noise[0] if len(on_noise) == 1 else next(iter(res.generators.values()))
            pushforwards.append(Pushforward(res.densities[named[0]], gen, noise))
            r.assumptions.append(Message(1, 1, f"{res.densities[named[0]].latex} is read as the law of "
                                         f"{gen.latex}(z), z \\sim {noise.latex} (its subscript names the generator; "
                                         "no pushforward directive)"))
    samples = []
    declared = {(s.base, s.tag): s for s in directives.samples}
    for name, ref in res.samples.items():
        decl = declared.get((ref.base, ref.tag))
        law: Density | LabelledMixture | None = None
        label = None
        if decl is not None:
            if isinstance(decl.law, str):
                law = res.densities[decl.law]
            else:
                law = LabelledMixture(tuple((res.densities[n], y) for n, y in decl.law))
                label = decl.label
        elif f"p_{ref.tag}" in res.densities:
            law = res.densities[f"p_{ref.tag}"]
            r.assumptions.append(r.msg(ref.offset, f"the samples {ref.latex} are read as drawn from {law.latex} "
                                       "(their superscript names it)"))
        elif ref.base == "z" and noise is not None:
            law = noise
            r.assumptions.append(r.msg(ref.offset, f"the samples {ref.latex} are read as drawn from the noise "
                                       f"density {noise.latex}"))
        samples.append(SampleSet(name, law, label))
    discriminators = tuple(d for k, d in res.discriminators.items() if k not in res.definitions)
    used: set[str] = {pf.generator.name for pf in pushforwards}
    for ch in r.chains:
        for e in [*(pt.side.expr for pt in ch.points), *(q.lhs - q.rhs for q in ch.equations)]:
            used |= {a.func.__name__ for a in e.atoms(AppliedUndef)}
            for dfn in e.atoms(Defined):
                used |= {a.func.__name__ for a in dfn.value.atoms(AppliedUndef)}
    generators = tuple(g for k, g in res.generators.items() if k not in res.definitions and k in used)
    unit = tuple(dict.fromkeys(s for s in res.made if s.name in res.unit_constants and s.is_noninteger))
    return Context(
        densities=tuple(res.densities.values()),
        discriminators=discriminators or (Discriminator("D"),),
        generators=generators,
        critics=tuple(f for k, f in res.functions.items() if k not in res.definitions) + tuple(res.opaque.values()),
        pushforwards=tuple(pushforwards),
        samples=tuple(samples),
        unit_symbols=unit,
        normal_laws=tuple((k, mean, std) for k, (mean, std) in res.normal_laws.items()),
    )


_ = (Generator, MIXTURE_LABEL)
