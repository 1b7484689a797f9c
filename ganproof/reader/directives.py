"""``%!`` directives (DIALECT section 3): supports, pushforwards, sample laws, hypotheses, constraints.

Each directive is split by regular expressions into its parts; each part that
is mathematics is read by the same lexer and grammar as a row.  A directive
that does not fit one of the forms is an InputError at its position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ganproof.reader import syntax as ast
from ganproof.reader.blocks import Directive
from ganproof.reader.grammar import parse_row
from ganproof.reader.lexer import lex_row
from ganproof.reader.names import key_of, kind_of
from ganproof.reader.source import Source


@dataclass(frozen=True)
class SupportDecl:
    names: tuple[str, ...]
    lower: str
    upper: str
    offset: int
    discrete: bool = False
    """A finite alphabet {lower, ..., upper} of integers; ``upper`` empty: the abstract alphabet."""


@dataclass(frozen=True)
class PushforwardDecl:
    density: str
    generator: str
    noise: str
    offset: int


@dataclass(frozen=True)
class SampleDecl:
    """``x^{(i)} \\sim p_r``; or a labelled mixture ``(x^{(i)}, y^{(i)}) \\sim labelled(p_r: 1, p_g: 0)``."""

    base: str
    tag: str
    law: tuple[tuple[str, int], ...] | str
    label: str | None
    offset: int


@dataclass(frozen=True)
class HypothesisDecl:
    density: str
    equals: str
    offset: int


@dataclass(frozen=True)
class ConstraintDecl:
    """A constraint on constants: ``lhs rel rhs`` (syntax trees)."""

    lhs: ast.Node
    rel: str
    rhs: ast.Node
    offset: int
    chain: tuple[tuple[str, ast.Node], ...] = ()


@dataclass(frozen=True)
class Directives:
    supports: tuple[SupportDecl, ...] = ()
    pushforwards: tuple[PushforwardDecl, ...] = ()
    samples: tuple[SampleDecl, ...] = ()
    hypotheses: tuple[HypothesisDecl, ...] = ()
    constraints: tuple[ConstraintDecl, ...] = ()
    chi_square: str | None = None
    """The chi-square convention declared by ``%! chi-square pearson|lsgan`` (CHI_SQUARE_CONVENTIONS), or None."""


CHI_SQUARE_CONVENTIONS = {
    "pearson": "Pearson's, \\chi^2(P \\| Q) = int (P - Q)^2 / Q (Q divides; the f-divergence with f = (u - 1)^2)",
    "lsgan": "the LSGAN paper's, \\chi^2(P \\| Q) = int (P - Q)^2 / P (P divides)",
}
"""The conventions of ``%! chi-square``: which argument of \\chi^2(P || Q) divides (Neyman's \\chi^2_N the other)."""


def _split_top(text: str, base: int) -> list[tuple[str, int]]:
    """Split at commas outside brackets; each piece with its offset."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "," and depth == 0:
            out.append((text[start:i], base + start))
            start = i + 1
    out.append((text[start:], base + start))
    # each piece starts at its first non-space character, and its offset is that character's
    return [(t.lstrip(), o + (len(t) - len(t.lstrip()))) for t, o in out if t.strip()]


def _tree(text: str, offset: int, source: Source) -> ast.RowTree:
    return parse_row(lex_row(text, offset, source), source, offset)


def _lead(text: str, offset: int) -> int:
    """The offset of the first non-space character of ``text`` (at ``offset`` in the file)."""
    return offset + (len(text) - len(text.lstrip()))


def _expr(text: str, offset: int, source: Source) -> ast.Node:
    tree = _tree(text, offset, source)
    if tree.lead is None or tree.relations:
        raise source.error(_lead(text, offset), f"expected an expression here, found {text.strip()!r}")
    return tree.lead


def _density(text: str, offset: int, source: Source) -> str:
    offset = _lead(text, offset)
    node = _expr(text, offset, source)
    name = node.func if isinstance(node, ast.Call) else node
    if not isinstance(name, ast.Name) or kind_of(name) != "density":
        raise source.error(offset, f"expected a density (p, q, p_{{...}}), found {text.strip()!r}")
    return key_of(name)


def _sample(text: str, offset: int, source: Source) -> tuple[str, str]:
    offset = _lead(text, offset)
    node = _expr(text, offset, source)
    if isinstance(node, ast.Name):
        for s in node.sups:
            if isinstance(s, ast.Paren) and isinstance(s.inner, ast.Name):
                return node.base, s.inner.base
        if node.sub and len(node.sub) == 1:
            return node.base, node.sub[0]
    raise source.error(offset, f"expected a sample such as x^{{(i)}}, found {text.strip()!r}")


_DENSITY = re.compile(r"^\s*density\s+(?P<names>.+?)(?:\s+on\s+(?P<support>.+?))?\s*$")
_PUSH = re.compile(r"^\s*pushforward\s+(?P<dens>[^=]+?)\s*=\s*(?P<rest>.+?)\s*$")
_WORD = re.compile(r"\s*(?P<word>\S+)")
_FORMS = {
    "density": "a density directive names densities, with an optional support: %! density p, q on [0, 1]",
    "pushforward": "a pushforward directive reads %! pushforward p_G = G(z), z \\sim p_z",
    "sample": "a sample directive reads %! sample x^{(i)} \\sim p_r",
    "chi-square": "a chi-square directive names the convention of \\chi^2(P \\| Q): %! chi-square pearson "
                  "(Q divides) or %! chi-square lsgan (P divides)",
    "assume": "an assume directive states a hypothesis or constraints: %! assume p_G = p_{data}, or "
              "%! assume b - a = 2, t > 0",
}
_CHI = re.compile(r"^\s*chi-square(?:\s+(?P<convention>\S+))?\s*$")
_SAMPLE = re.compile(r"^\s*sample\s+(?P<rest>.+?)\s*$")
_ASSUME = re.compile(r"^\s*assume\s+(?P<rest>.+?)\s*$")
_LABELLED = re.compile(r"^\s*labelled\s*\((?P<items>.*)\)\s*$")
_ALPHABET = re.compile(r"^\s*\\?\{\s*(?P<items>[^{}]*?)\s*\\?\}\s*$")
_ABSTRACT_ALPHABET = ("a finite alphabet", "\\mathcal{X}", "finite")
_INTERVAL = re.compile(r"^\s*\[\s*(?P<lo>-?\d+(?:\.\d+)?)\s*,\s*(?P<hi>-?\d+(?:\.\d+)?)\s*\]\s*$")
_INFINITY = r"\\infty|\u221e"
_HALF_LINE = re.compile(
    r"^\s*(?:\[\s*(?P<lo>-?\d+(?:\.\d+)?)\s*,\s*\+?(?:%s)\s*[)\]]"
    r"|[(\[]\s*-\s*(?:%s)\s*,\s*(?P<hi>-?\d+(?:\.\d+)?)\s*\]"
    r"|[(\[]\s*-\s*(?:%s)\s*,\s*\+?(?:%s)\s*[)\]])\s*$" % ((_INFINITY,) * 4))
"""A half-line [a, \\infty) or (-\\infty, b], or (-\\infty, \\infty): an infinite end may be written open or
closed; a finite end is closed (a density's value at an open end is not defined by the file)."""


def _alphabet(items: str, offset: int, source: Source) -> tuple[str, str]:
    """The ends of an alphabet written {0, 1, 2} or {1, \\dots, 5} (consecutive integers, at most 64)."""
    parts = [t.strip() for t in items.split(",")]
    dots = ("\\dots", "\\ldots", "...", "\\cdots")
    try:
        if len(parts) == 3 and parts[1] in dots:
            lo, hi = int(parts[0]), int(parts[2])
        else:
            values = [int(t) for t in parts]
            lo, hi = values[0], values[-1]
            if values != list(range(lo, hi + 1)):
                raise ValueError
    except ValueError:
        raise source.error(offset, "a finite alphabet is a set of consecutive integers, {0, 1, 2} or "
                           "{1, \\dots, 5}") from None
    if hi < lo or hi - lo >= 64:
        raise source.error(offset, f"the alphabet {{{lo}, ..., {hi}}} is empty or has more than 64 points")
    return str(lo), str(hi)


def read_directives(items: tuple[Directive, ...], source: Source) -> Directives:
    supports, pushes, samples, hyps, constraints = [], [], [], [], []
    chi: tuple[str, int] | None = None
    for d in items:
        text, off = d.text, d.offset
        if m := _CHI.match(text):
            convention = m.group("convention")
            if convention is None or convention.lower() not in CHI_SQUARE_CONVENTIONS:
                at = off + (m.start("convention") if convention else len(text.rstrip()))
                found = f"found {convention!r}" if convention else "found nothing after it"
                raise source.error(at, f"unknown chi-square convention: expected pearson (Q divides in "
                                   f"\\chi^2(P \\| Q)) or lsgan (P divides), {found}")
            convention = convention.lower()
            if chi is not None and chi[0] != convention:
                raise source.error(off, f"the chi-square convention is declared twice: {chi[0]} at line "
                                   f"{source.line_of(chi[1])}, {convention} here; keep one")
            chi = (convention, off)
        elif m := _DENSITY.match(text):
            names = tuple(_density(t, o, source) for t, o in _split_top(m.group("names"), off + m.start("names")))
            lo, hi = "-oo", "oo"
            if m.group("support"):
                sup = m.group("support")
                iv = _INTERVAL.match(sup)
                if iv:
                    lo, hi = iv.group("lo"), iv.group("hi")
                    if float(lo) >= float(hi):
                        raise source.error(off + m.start("support"), f"the support [{lo}, {hi}] is empty")
                elif hl := _HALF_LINE.match(sup):
                    lo, hi = hl.group("lo") or "-oo", hl.group("hi") or "oo"
                elif sup.strip() in _ABSTRACT_ALPHABET:
                    supports.append(SupportDecl(names, "1", "", off, discrete=True))
                    continue
                elif al := _ALPHABET.match(sup):
                    lo, hi = _alphabet(al.group("items"), off + m.start("support"), source)
                    supports.append(SupportDecl(names, lo, hi, off, discrete=True))
                    continue
                elif sup.strip() not in ("\\mathbb{R}", "R"):
                    raise source.error(off + m.start("support"), "a support is [a, b] with numbers a < b, "
                                       "a half-line [a, \\infty) or (-\\infty, b], "
                                       "\\mathbb{R}, a finite alphabet of consecutive integers {0, 1, 2} "
                                       "({1, \\dots, 5}), or `a finite alphabet`")
            supports.append(SupportDecl(names, lo, hi, off))
        elif (m := _PUSH.match(text)) and len(parts := _split_top(m.group("rest"), off + m.start("rest"))) == 2 \
                and "\\sim" in parts[1][0]:
            dens = _density(m.group("dens"), off + m.start("dens"), source)
            (gen_text, gen_off), (noise_text, noise_off) = parts
            gen_node = _expr(gen_text, gen_off, source)
            if not (isinstance(gen_node, ast.Call) and kind_of(gen_node.func) == "generator"):
                raise source.error(gen_off, "expected a generator applied to the noise, e.g. G(z)")
            var_text, _, law_text = noise_text.partition("\\sim")
            var_node = _expr(var_text, noise_off, source)
            if not (isinstance(var_node, ast.Name) and not var_node.sups
                    and kind_of(var_node) in ("variable", "constant")):
                raise source.error(noise_off, f"expected the noise variable (z) before \\sim, found "
                                   f"{var_text.strip()!r}")
            args = [a for a in gen_node.args if not isinstance(a, tuple)]
            if len(args) != 1 or not (isinstance(args[0], ast.Name) and key_of(args[0]) == key_of(var_node)):
                raise source.error(gen_off, f"expected a generator applied to the noise {var_node.base} alone, "
                                   f"e.g. G({var_node.base}), found {gen_text.strip()!r}")
            noise = _density(law_text, noise_off + len(var_text) + 4, source)
            pushes.append(PushforwardDecl(dens, key_of(gen_node.func), noise, off))
        elif m := _SAMPLE.match(text):
            rest = m.group("rest")
            base_off = off + m.start("rest")
            if rest.lstrip().startswith("("):
                lhs, sep, rhs = rest.partition("\\sim")
                lab = _LABELLED.match(rhs)
                if not sep or not lab:
                    raise source.error(base_off, "a labelled sample reads (x^{(i)}, y^{(i)}) \\sim "
                                       "labelled(p_r: 1, p_g: 0)")
                pair = _split_top(lhs.strip()[1:-1], base_off + lhs.index("(") + 1)
                if len(pair) != 2:
                    raise source.error(base_off, "a labelled sample names a sample and its label: (x^{(i)}, y^{(i)})")
                (xb, xt), (yb, yt) = (_sample(t, o, source) for t, o in pair)
                comps = []
                items_off = base_off + len(lhs) + len(sep) + lab.start("items")
                for piece, po in _split_top(lab.group("items"), items_off):
                    name, colon, label = piece.partition(":")
                    if not colon or label.strip() not in ("0", "1"):
                        raise source.error(po, "each component of labelled(...) reads p: 0 or p: 1")
                    comps.append((_density(name, po, source), int(label.strip())))
                samples.append(SampleDecl(xb, xt, tuple(comps), yb, off))
            else:
                for piece, po in _split_top(rest, base_off):
                    lhs, sep, rhs = piece.partition("\\sim")
                    if not sep:
                        raise source.error(po, "a sample directive reads x^{(i)} \\sim p_r")
                    b, t = _sample(lhs, po, source)
                    samples.append(SampleDecl(b, t, _density(rhs, po + len(lhs) + 4, source), None, off))
        elif m := _ASSUME.match(text):
            for piece, po in _split_top(m.group("rest"), off + m.start("rest")):
                tree = _tree(piece, po, source)
                if tree.lead is None or not tree.relations:
                    raise source.error(po, "an assumption is a relation: p_G = p_{data}, or b - a = 2, t > 0")
                lead = tree.lead
                first = tree.relations[0]
                lname = lead.func if isinstance(lead, ast.Call) else lead
                rname = first.rhs.func if isinstance(first.rhs, ast.Call) else first.rhs
                if (isinstance(lname, ast.Name) and kind_of(lname) == "density" and isinstance(rname, ast.Name)
                        and kind_of(rname) == "density"):
                    if first.rel != "=" or len(tree.relations) != 1:
                        raise source.error(po, "a hypothesis about densities reads p_G = p_{data}")
                    hyps.append(HypothesisDecl(key_of(lname), key_of(rname), po))
                else:
                    chain = tuple((r.rel, r.rhs) for r in tree.relations)
                    constraints.append(ConstraintDecl(lead, first.rel, first.rhs, po, chain))
        else:
            w = _WORD.match(text)
            if w is None:
                raise source.error(off, "an empty directive: a %! line reads %! density, %! pushforward, "
                                   "%! sample, %! assume or %! chi-square, then what it declares (ganproof/docs/format.md, directives)")
            word, word_off = w.group("word"), off + w.start("word")
            if word in _FORMS:
                raise source.error(word_off, _FORMS[word])
            raise source.error(word_off, f"unknown directive {word!r}: the directives are density, pushforward, "
                               "sample, assume and chi-square (ganproof/docs/format.md, directives)")
    return Directives(tuple(supports), tuple(pushes), tuple(samples), tuple(hyps), tuple(constraints),
                      chi[0] if chi else None)
