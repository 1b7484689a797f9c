r"""The self-test's slips as edits of written LaTeX: each operator of :mod:`ganproof.selftest.mutants`
(flip-sign, factor, log2-log4, swap-density, drop-term, reverse-divergence) and the divergence slips
(JSD for KL, 2 JSD for JSD), a sample set given the other law (sample-law), a density missing under
an integral (missing-density), the powers a pasted page lost (lost-power: ``\sigma_q2`` for ``\sigma_q^2``)
and a discriminator applied to the other variable (argument: ``D(G(z))`` left in an integral over x), made on
the text of one side (or of an equation of a sequence, side by side) as the person wrote it; two densities
exchanged throughout the side (exchange-densities); and a bracket closed elsewhere (bracket).

The self-test applies an operator to a right step to make a wrong one; the checker applies the same
operators to a wrong step's text to find the right one (:mod:`ganproof.reader.corrections`).  An edit is
only a candidate: it is read by the project's grammar and judged by the checker like any step, never
evaluated here.  Edits are returned smallest first (characters changed), then in reading order.

>>> [e.new for e in edits(r"-\log 4 + JSD(p \| q)", ("p", "q"))][:2]
['', '2']
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

MAX_EDITS = 60
"""At most this many edits of one side (the smallest)."""

_OPEN = "([{"
_CLOSE = ")]}"
DIVERGENCES = ("JSD", "KL", "CE")
_DIVERGENCE = re.compile(r"(?:\\(?:mathrm|operatorname|text|mathit)\{)?(JSD|KL|CE|D_\{?KL\}?|D_\{?JS\}?)\}?")
_LOG_DIGIT = re.compile(r"\\log\s*\(?\s*([24])(?![0-9])")
_COEFFICIENT = re.compile(r"(2\s*(?:\\[,;:!]|\\cdot)?\s*|\\frac\{1\}\{2\}\s*(?:\\[,;:!])?\s*)$")


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` by ``new``; ``operator`` is the self-test's name for the slip it undoes,
    ``old_shown``/``new_shown`` the piece of text before and after, for the message."""

    operator: str
    start: int
    end: int
    new: str
    old_shown: str
    new_shown: str
    cost: int | None = None
    """The size of the edit when it is not the characters replaced (every sign of a side flipped)."""
    said: str | None = None
    """The edit in words, when not ```old``` is ```new```."""

    def apply(self, text: str) -> str:
        return text[:self.start] + self.new + text[self.end:]

    @property
    def size(self) -> int:
        return self.cost if self.cost is not None else (self.end - self.start) + len(self.new)

    @property
    def description(self) -> str:
        if self.said:
            return self.said
        if not self.new_shown.strip():
            return f"`{self.old_shown}` is dropped"
        return f"`{self.old_shown}` is `{self.new_shown}`"


def _depths(text: str) -> list[int]:
    """The bracket depth before each character (escaped \\{ \\} count as brackets; \\| does not)."""
    out, depth = [], 0
    for ch in text:
        if ch in _CLOSE:
            depth = max(0, depth - 1)
        out.append(depth)
        if ch in _OPEN:
            depth += 1
    return out


def terms(text: str) -> list[tuple[int, int]]:
    """The spans of the top-level additive terms of ``text``, each with its leading sign; in an equation
    (``a + b = 0``, a row of a sequence) the terms of each side."""
    depth = _depths(text)
    equals = [i for i, ch in enumerate(text) if ch == "=" and depth[i] == 0]
    if equals:
        spans: list[tuple[int, int]] = []
        for a, b in zip([-1, *equals], [*equals, len(text)]):
            spans += [(a + 1 + u, a + 1 + v) for u, v in _side_terms(text[a + 1:b])]
        return spans
    return _side_terms(text)


def _side_terms(text: str) -> list[tuple[int, int]]:
    depth = _depths(text)
    cuts = [0]
    for i, ch in enumerate(text):
        if ch in "+-" and depth[i] == 0 and i > 0:
            before = text[:i].rstrip()
            if before and before[-1] not in "+-=(^_{[,":
                cuts.append(i)
    cuts.append(len(text))
    spans = []
    for a, b in zip(cuts, cuts[1:]):
        while a < b and text[a].isspace():
            a += 1
        end = b
        while end > a and text[end - 1].isspace():
            end -= 1
        if a < end:
            spans.append((a, end))
    return spans


def _matching(text: str, i: int) -> int | None:
    """The index of the bracket closing the one at ``i``."""
    depth = 0
    for j in range(i, len(text)):
        if text[j] in _OPEN:
            depth += 1
        elif text[j] in _CLOSE:
            depth -= 1
            if depth == 0:
                return j
    return None


def _flip_signs(text: str) -> Iterator[Edit]:
    spans = terms(text)
    for k, (a, b) in enumerate(spans):
        term = text[a:b]
        if term.startswith("-"):
            new = "" if k == 0 else "+"
            yield Edit("flip-sign", a, a + 1, new, term, (new + term[1:]).strip())
        elif term.startswith("+"):
            yield Edit("flip-sign", a, a + 1, "-", term, "-" + term[1:])
        else:
            yield Edit("flip-sign", a, a, "-", term, "-" + term)
    if len(spans) > 1:
        flipped = []
        for k, (a, b) in enumerate(spans):
            term = text[a:b]
            if term.startswith("-"):
                flipped.append(("+ " if k else "") + term[1:].lstrip())
            elif term.startswith("+"):
                flipped.append("- " + term[1:].lstrip())
            else:
                flipped.append("-" + term)
        yield Edit("flip-sign", spans[0][0], spans[-1][1], " ".join(flipped), text, " ".join(flipped),
                   cost=2 * len(spans), said="the sign of every term is flipped (the whole side has the opposite sign)")


def _log_swaps(text: str) -> Iterator[Edit]:
    for m in _LOG_DIGIT.finditer(text):
        digit = m.group(1)
        other = "4" if digit == "2" else "2"
        yield Edit("log2-log4", m.start(1), m.end(1), other, m.group(0), m.group(0)[:-1] + other)


def _divergence_edits(text: str) -> Iterator[Edit]:
    for m in _DIVERGENCE.finditer(text):
        word = m.group(0)
        before = text[:m.start()]
        coefficient = _COEFFICIENT.search(before)
        if coefficient and coefficient.group(0).strip():
            c0 = coefficient.start()
            yield Edit("factor", c0, m.start(), "", text[c0:m.end()], word)
        yield Edit("factor", m.start(), m.start(), "2\\,", word, f"2\\,{word}")
        yield Edit("factor", m.start(), m.start(), "\\frac{1}{2}", word, f"\\frac{{1}}{{2}}{word}")
        name = m.group(1)
        for other in ("JSD", "KL"):
            if other != name and name in ("JSD", "KL"):
                s = m.start(1)
                yield Edit("jsd-kl", s, s + len(name), other, word, word.replace(name, other))
        yield from _reverse_arguments(text, m.end(), word)


def _reverse_arguments(text: str, at: int, word: str) -> Iterator[Edit]:
    rest = text[at:]
    lead = re.match(r"\s*(\\left\s*)?[(\[]", rest)
    if not lead:
        return
    open_at = at + lead.end() - 1
    close = _matching(text, open_at)
    if close is None:
        return
    inner = text[open_at + 1:close]
    right = re.search(r"\\right\s*$", inner)
    body = inner[:right.start()] if right else inner
    depth = _depths(body)
    for sep in (r"\|", "||", r"\parallel", r"\Vert", r"\mid", ","):
        k = body.find(sep)
        while k >= 0 and depth[k] != 0:
            k = body.find(sep, k + 1)
        if k >= 0:
            first, second = body[:k].strip(), body[k + len(sep):].strip()
            if first and second:
                new_body = f"{second} {sep} {first}"
                yield Edit("reverse-divergence", open_at + 1, open_at + 1 + len(body), new_body,
                           f"{word}({first} {sep} {second})", f"{word}({new_body})")
            return


def _density_swaps(text: str, densities: Sequence[str]) -> Iterator[Edit]:
    for name in densities:
        pattern = re.compile(re.escape(name) + r"(?![A-Za-z0-9_{])")
        for m in pattern.finditer(text):
            for other in densities:
                if other != name:
                    yield Edit("swap-density", m.start(), m.end(), other, name, other)


def _name_at(name: str) -> re.Pattern[str]:
    """Where ``name`` (a density as written: ``p``, ``p_G``, ``p_{data}``) stands as a name of its own: not a
    letter of a longer name or command (the ``p`` of ``\\exp``, of ``p_G``)."""
    return re.compile(r"(?<![A-Za-z\\])" + re.escape(name) + r"(?![A-Za-z0-9_{])")


def _density_exchanges(text: str, densities: Sequence[str]) -> Iterator[Edit]:
    """Two densities exchanged throughout the side (``p`` for ``q`` and ``q`` for ``p`` in every place:
    ``\\int q \\log \\frac{q}{p}`` written for ``\\int p \\log \\frac{p}{q}``, KL(q || p) for KL(p || q) inside a
    longer expression), when both occur and together more than twice (once each is two single swaps' worth).
    Weighed as a replacement of the whole span from the first place changed to the last, so that it comes after
    the one-token slips and after the arguments of one divergence swapped."""
    for k, a in enumerate(densities):
        for b in densities[k + 1:]:
            places = sorted([(m.start(), m.end(), b) for m in _name_at(a).finditer(text)]
                            + [(m.start(), m.end(), a) for m in _name_at(b).finditer(text)])
            if len({new for *_, new in places}) < 2 or len(places) < 3:
                continue
            start, end = places[0][0], places[-1][1]
            pieces, at = [], start
            for u, v, new in places:
                pieces += [text[at:u], new]
                at = v
            pieces.append(text[at:end])
            yield Edit("exchange-densities", start, end, "".join(pieces), f"{a}, {b}", f"{b}, {a}",
                       said=f"`{a}` and `{b}` are exchanged throughout the row ({len(places)} places)")


def _drop_terms(text: str) -> Iterator[Edit]:
    spans = terms(text)
    if len(spans) < 2:
        return
    for k, (a, b) in enumerate(spans):
        term = text[a:b]
        if k == 0:
            nxt = spans[1][0]
            rest = text[nxt:]
            new = rest[1:].lstrip() if rest.startswith("+") else None
            yield Edit("drop-term", a, nxt + (len(rest) - len(new)) if new is not None else nxt, "", term, "")
        else:
            yield Edit("drop-term", a, b, "", term, "")


_SAMPLE = re.compile(r"(?<![A-Za-z\\])x(?:_\{?([A-Za-z])\}?)?\^\{?\(([A-Za-z]+)\)\}?")
"""A sample as written: ``x^{(i)}`` (of no law), ``x_i^{(r)}``, ``x_{j}^{(g)}`` (drawn from p_r, p_g)."""
MAX_SPLITS = 12
"""At most this many ways of giving the occurrences of one sample set of no law a law each."""
_ORDINAL = {1: "1st", 2: "2nd", 3: "3rd"}


def sample_tags(densities: Sequence[str]) -> tuple[str, ...]:
    """The superscripts that name the densities ``p_{...}`` as written (``p_{r}``, ``p_g``, ``p_{\text{data}}``
    give ``r``, ``g``, ``data``): a sample ``x_i^{(r)}`` is drawn from ``p_r``."""
    tags = []
    for name in densities:
        if name.startswith("p_"):
            tag = re.sub(r"\\(?:mathrm|text|rm)\s*|[{}\s]", "", name[2:])
            if tag.isalpha():
                tags.append(tag)
    return tuple(dict.fromkeys(tags))


def _sample_laws(text: str, tags: Sequence[str]) -> Iterator[Edit]:
    """A sample set given the other law: a sample drawn from one density given another's superscript
    (``x_i^{(r)}`` for ``x_i^{(g)}``), and the occurrences of one sample set of no law (``x^{(i)}`` standing
    for samples of two laws in one sum) given a law each, in every mixed way.  ``tags``: the superscripts
    that name densities (:func:`sample_tags`)."""
    if len(tags) < 2:
        return
    unlawed: dict[str, list[re.Match[str]]] = {}
    for m in _SAMPLE.finditer(text):
        sub, tag = m.group(1), m.group(2)
        if tag in tags:
            for other in tags:
                if other != tag:
                    shown = m.group(0)[:m.start(2) - m.start()] + other + m.group(0)[m.end(2) - m.start():]
                    yield Edit("sample-law", m.start(2), m.end(2), other, m.group(0), shown, cost=len(m.group(0)))
        elif sub is None:
            unlawed.setdefault(m.group(0), []).append(m)
    for written, found in unlawed.items():
        if not 2 <= len(found) <= 4:
            continue
        index = found[0].group(2)
        made = 0
        for laws in itertools.product(tags, repeat=len(found)):
            if len(set(laws)) < 2 or made >= MAX_SPLITS:
                continue
            made += 1
            pieces, at = [], found[0].start()
            for m, law in zip(found, laws):
                pieces += [text[at:m.start()], f"x_{{{index}}}^{{({law})}}"]
                at = m.end()
            new = "".join(pieces)
            where = ", ".join(f"`x_{{{index}}}^{{({law})}}` in the {_ORDINAL.get(k + 1, f'{k + 1}th')} place"
                              for k, law in enumerate(laws))
            yield Edit("sample-law", found[0].start(), found[-1].end(), new, written, new,
                       cost=sum(len(m.group(0)) for m in found),
                       said=f"the samples `{written}` are {where} (one sample set per law)")


MAX_BRACKET_MOVES = 12
"""At most this many places a closing bracket is moved to, over one side."""


def _bracket_moves(text: str) -> Iterator[Edit]:
    r"""A bracket closed elsewhere: the ``)`` of a round bracket moved to just before another additive term (inside
    or after it) at the bracket's level, or to the end of the group around it: ``\log(1 - D(x) + y)`` for
    ``\log(1 - D(x)) + y`` and the reverse.  Weighed after the one-token slips."""
    depth = _depths(text)
    made = 0
    for i, ch in enumerate(text):
        if ch != "(" or made >= MAX_BRACKET_MOVES or re.search(r"\\left\s*$", text[:i]):
            continue
        j = _matching(text, i)
        if j is None or text[j] != ")" or re.search(r"\\right\s*$", text[:j]):
            continue  # \left( ... \right) is moved as a pair or not at all
        outer = depth[i]
        stops = []
        for k in range(i + 1, len(text)):
            if depth[k] < outer or (k > j and text[k] in _CLOSE and depth[k] == outer):
                stops.append(k)  # the end of the group around the bracket
                break
            if text[k] in "+-" and k != j + 1 and (depth[k] == outer + 1 and k < j or depth[k] == outer and k > j):
                if text[:k].rstrip()[-1:] not in ("", "(", "[", "{", "^", "_", "="):
                    stops.append(k)
        else:
            stops.append(len(text))
        for k in stops:
            if made >= MAX_BRACKET_MOVES:
                break
            cut = k
            while cut > i + 1 and text[cut - 1].isspace():
                cut -= 1
            if cut in (j, j + 1) or cut <= i + 1:
                continue
            moved = text[:j] + text[j + 1:]
            at = cut if cut < j else cut - 1
            new_text = moved[:at] + ")" + moved[at:]
            a, b = i, max(j + 1, cut)
            new = new_text[a:b]
            made += 1
            yield Edit("bracket", a, b, new, text[a:b], new, cost=24 + abs(cut - j) // 4,
                       said=f"a bracket closes elsewhere: `{text[a:b].strip()}` is `{new.strip()}`")


_SUM_INDEX = re.compile(r"\\sum_\{?\s*([a-z])\s*=")
_BARE_ARGUMENT = re.compile(r"(?<=\()\s*x\s*(?=\))")
"""``x`` as the whole argument of a function, ``D(x)``."""


def _samples_missing(text: str, tags: Sequence[str]) -> Iterator[Edit]:
    """Samples written as the bare variable: ``\\frac{1}{m} \\sum_{i=1}^{m} [CE(1, D(x)) + CE(0, D(x))]`` (a sum
    that does not depend on its index) where ``D(x_i^{(r)})`` and ``D(x_i^{(g)})`` are meant: the occurrences of
    ``x`` given a law each, in every mixed way, as for a sample set of no law (:func:`_sample_laws`)."""
    index = _SUM_INDEX.search(text)
    if index is None or len(tags) < 2 or _SAMPLE.search(text):
        return
    found = list(_BARE_ARGUMENT.finditer(text[index.end():]))
    if not 2 <= len(found) <= 4:
        return
    shift, i, made = index.end(), index.group(1), 0
    for laws in itertools.product(tags, repeat=len(found)):
        if len(set(laws)) < 2 or made >= MAX_SPLITS:
            continue
        made += 1
        pieces, at = [], shift + found[0].start()
        for m, law in zip(found, laws):
            pieces += [text[at:shift + m.start()], f"x_{{{i}}}^{{({law})}}"]
            at = shift + m.end()
        where = ", ".join(f"`x_{{{i}}}^{{({law})}}` in the {_ORDINAL.get(k + 1, f'{k + 1}th')} place"
                          for k, law in enumerate(laws))
        yield Edit("sample-law", shift + found[0].start(), shift + found[-1].end(), "".join(pieces), "x",
                   "".join(pieces), cost=4 * len(found),
                   said=f"the `x` are samples: {where} (a sum over {i} that does not depend on {i} is no sample "
                        "mean)")


_INTEGRAL = re.compile(r"\\int(?![A-Za-z])(?:\s*\\limits)?(?:\s*_(?:\{(?:[^{}]|\{[^{}]*\})*\}|\\?[A-Za-z0-9]+))?"
                       r"(?:\s*\^(?:\{(?:[^{}]|\{[^{}]*\})*\}|\\?[A-Za-z0-9]+))?\s*")
r"""``\int`` with its limits or domain (``\int_x``, ``\int_{-\infty}^{\infty}``, ``\int_{\mathcal{X}}``)."""
_DIFFERENTIAL = re.compile(r"(?:\\mathrm\{d\}|\\mathrm\s*d|\\,\s*d|(?<![A-Za-z\\])d)\s*([a-z])(?![A-Za-z])")


def _missing_densities(text: str, densities: Sequence[str], bare: Sequence[str]) -> Iterator[Edit]:
    """A density missing under an integral: one of the file's densities put in front of an integrand, as the
    file writes densities (``p_G(x)`` with the integral's variable, or bare ``q`` where the file writes them
    bare).  Weighed as twice the characters inserted: it changes the integrand."""
    for m in _INTEGRAL.finditer(text):
        var = _DIFFERENTIAL.search(text, m.end())
        written = [f"{d}({var.group(1)})" for d in densities] if var is not None else []
        for ins in [*written, *bare]:
            shown = m.group(0).rstrip()
            yield Edit("missing-density", m.end(), m.end(), f"{ins} ", shown, f"{shown} {ins}", cost=2 * len(ins),
                       said=f"the density `{ins}` is missing under the integral: `{shown}` is `{shown} {ins}`")


_LOST_POWER = re.compile(r"((?:\\[A-Za-z]+|[A-Za-z])?(?:_\{[^{}]*\}|_[A-Za-z0-9])|\\right\s*\)|\))([2-9])(?![0-9])")
r"""A power whose ``^`` was lost in pasting: ``\sigma_q2``, ``(\mu_p - \mu_q)2`` (a digit right after a subscript
or a closing bracket)."""


def _lost_powers(text: str) -> Iterator[Edit]:
    """The powers a page lost (``\\sigma_q2`` for ``\\sigma_q^2``), all put back at once: a page that lost one
    ``^`` lost them all, so this is one slip however many places it touches."""
    found = list(_LOST_POWER.finditer(text))
    if not found:
        return
    a, b = found[0].start(), found[-1].end()
    pieces, at = [], a
    for m in found:
        pieces += [text[at:m.start(2)], "^", m.group(2)]
        at = m.end(2)
    shown = found[0].group(0)
    fixed = f"{shown[:-1]}^{shown[-1]}"
    more = f" (and {len(found) - 1} more place{'s' if len(found) > 2 else ''})" if len(found) > 1 else ""
    yield Edit("lost-power", a, b, "".join(pieces), shown, fixed, cost=2 * len(found),
               said=f"the powers lost their `^`: `{shown}` is `{fixed}`{more}")


_APPLIED = re.compile(r"(?<![A-Za-z\\])D(?:\^\{?\\?(?:\*|ast|star|opt)\}?|_\{?[A-Za-z]\}?|\^\{?\\?(?:\*|ast)\}?)*\s*\(")
r"""A discriminator applied: ``D(``, ``D^*(``, ``D_G^\ast(``."""
_BOUND = re.compile(r"(?:\\mathrm\{d\}\s*|\\mathrm\s*d\s*|(?<![A-Za-z\\])d\s*)(?:\\(?:boldsymbol|mathbf)\{)?([a-z])\}?"
                    r"(?![A-Za-z])|(?<![A-Za-z\\])(?:\\(?:boldsymbol|mathbf)\{)?([a-z])\}?\s*\\sim")
"""The variables an integral (``dx``, ``\\mathrm{d}z``) or an expectation (``x \\sim``) binds in a row."""


def _argument_variables(text: str) -> Iterator[Edit]:
    """A discriminator applied to the other variable: ``D(G(z))`` or ``D(z)`` left in an integral over x after the
    change of variables (``D(x)`` is meant), and the reverse: the argument replaced by each variable the row binds."""
    bound = list(dict.fromkeys(m.group(1) or m.group(2) for m in _BOUND.finditer(text)))
    if len(bound) < 1:
        return
    for m in _APPLIED.finditer(text):
        open_at = m.end() - 1
        close = _matching(text, open_at)
        if close is None:
            continue
        arg = text[open_at + 1:close]
        plain = re.sub(r"\\(?:boldsymbol|mathbf)\{([a-z])\}", r"\1", arg).strip()
        for var in bound:
            if plain != var:
                yield Edit("argument", open_at + 1, close, var, f"{text[m.start():close + 1]}",
                           f"{text[m.start():open_at + 1]}{var})")


def density_spellings(text: str) -> tuple[str, ...]:
    """The densities of a file as written (``p_{data}``, ``p_G``, ``q``...), in order of first use."""
    found = re.findall(r"(?<![A-Za-z\\])([pq](?:_\{[^{}]*\}|_[A-Za-z0-9])?)(?=\s*\()", text)
    return tuple(dict.fromkeys(found))


def edits(text: str, densities: Sequence[str] = (), tags: Sequence[str] | None = None,
          bare: Sequence[str] = ()) -> list[Edit]:
    """Every single edit of ``text`` (one side as written), smallest first, at most :data:`MAX_EDITS`.

    ``densities``: the file's densities as written with an argument (``p_G`` of ``p_G(x)``); ``tags``: the
    sample superscripts that name a density (default: those of ``densities``, :func:`sample_tags`);
    ``bare``: the densities the file writes without an argument (``q`` of ``\\frac{p}{q}``)."""
    found: list[Edit] = [*_log_swaps(text), *_flip_signs(text), *_divergence_edits(text),
                         *_density_swaps(text, densities), *_density_exchanges(text, [*densities, *bare]),
                         *_drop_terms(text),
                         *_sample_laws(text, sample_tags(densities) if tags is None else tags),
                         *_samples_missing(text, sample_tags(densities) if tags is None else tags),
                         *_missing_densities(text, densities, bare), *_lost_powers(text),
                         *_argument_variables(text), *_bracket_moves(text)]
    unique: dict[str, Edit] = {}
    for e in found:
        result = e.apply(text)
        if result != text and result.strip() and result not in unique:
            unique[result] = e
    ordered = sorted(unique.values(), key=lambda e: (e.size, e.start))
    return ordered[:MAX_EDITS]


__all__ = ["DIVERGENCES", "Edit", "MAX_EDITS", "density_spellings", "edits", "sample_tags", "terms"]
