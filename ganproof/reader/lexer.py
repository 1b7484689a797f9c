"""Row text to tokens: a whitelist of LaTeX, and the passes that the grammar needs.

The grammar (:mod:`ganproof.reader.grammar`) is LALR, so every decision that
needs more than one token of look-ahead is made here, on the token list:

* commentary (``\\quad``, ``\\left``, ``\\,``, ``&``, ``\\text{...}`` outside a subscript) is dropped;
* ``KL``, ``JSD``, ``JS``, ``CE``, ``D_{KL}``, ``\\mathrm{KL}`` become one operator token,
  ``\\mathbb{E}`` and ``E_{x \\sim p}`` an expectation token;
* ``\\frac{d}{d`` and ``\\frac{\\partial}{\\partial`` become one derivative token;
* brackets are matched; a ``(`` or ``[`` left open when its enclosing bracket
  closes is closed there, with a repair note naming both positions (the
  caller refuses repairs in strict mode);
* each ``\\int`` is paired with its differential ``dx`` at the same bracket
  level (``INT_D`` ... ``DIFF``); an integral without one spans the rest of
  its additive term (``INT_O``);
* a ``(`` right after a name is a call parenthesis (``CALLPAR``), a ``(`` or
  ``[`` right after an expectation's subscript opens its argument (``EOPEN_*``).

Anything not on the whitelist is an InputError at its position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ganproof.reader.limits import MAX_DEPTH, MAX_NUMBER_DIGITS, MAX_TOKENS
from ganproof.reader.macros import Macros, expand
from ganproof.reader.notation import FORMAT_REFERENCE, Normal, normalise, normalise_mapped
from ganproof.reader.source import Source
from ganproof.reader.words import CONDITION_WORDS as _CONDITION_WORDS, conjunction

GREEK = frozenset(
    "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi "
    "rho sigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Phi Psi Omega pi ell".split()
)
_SKIP_WITH_ARG = frozenset({"begin", "end", "phantom"})
_TEXT_COMMANDS = frozenset({"text", "textrm", "textit", "textbf", "mbox"})
_NAME_COMMANDS = frozenset({"mathrm", "operatorname", "mathit", "mathsf", "rm"})
_REFUSED = {
    "prod": "a product \\prod over an index is not read yet: write the sum of the logarithms, "
            "\\log \\prod_i f_i = \\sum_i \\log f_i, or the product of the terms",
    "argmax": "arg max is not read yet: write the maximiser's value, D^*(x) = \\frac{p(x)}{p(x) + q(x)}",
    "argmin": "arg min is not read yet: write the minimiser's value as a definition row",
}
_SEE = f"see the format reference {FORMAT_REFERENCE}"
_SIMPLE = {
    "frac": "FRAC",
    "log": "LOG", "ln": "LOG", "exp": "EXP", "sqrt": "SQRT",
    "int": "INT", "sum": "SUM", "lim": "LIM",
    "cdot": "TIMES", "times": "TIMES", "div": "DIV",
    "sim": "SIM", "to": "TO", "rightarrow": "TO", "infty": "INFTY", "partial": "PARTIAL",
    "ast": "STAR", "star": "STAR", "Vert": "PAR", "|": "PAR", "parallel": "PAR", "in": "IN",
    "forall": "FORALL", "circ": "CIRC",
}
_COMMENTARY_CODES = {"x21af": "a contradiction mark", "x220e": "an end-of-proof mark", "x25a1": "an end-of-proof mark",
                     "x2713": "a check mark"}
"""\\unicode{..} characters that are marks beside a formula, not mathematics (read as commentary)."""
_BOLD_TEXT = frozenset({"textbf", "textit"})
_DECORATIONS = frozenset({"tilde", "widetilde", "hat", "widehat", "bar", "overline", "check", "breve", "dot", "ddot",
                          "mathring"})
_DECORATION_LABEL = {"overline": "bar"}
"""A decoration spelled two ways: \\overline{p} is \\bar{p}."""
"""Accents on one letter that make a name of its own: ``\\tilde{x}`` is not x, ``\\hat{y}`` not y, ``\\tilde
p_\\theta`` a density of its own (the accent is a label of the name, as ``D^{opt}``)."""
"""Text fonts that, around one letter in math, set that letter (\\textbf{p} is a bold p)."""
_RELATIONS = {
    "le": "<=", "leq": "<=", "leqslant": "<=", "ge": ">=", "geq": ">=", "geqslant": ">=",
    "lt": "<", "gt": ">", "approx": "~=", "neq": "!=", "ne": "!=",
}
_OPERATOR_WORDS = {"KL": "KL", "JSD": "JSD", "JS": "JSD", "CE": "CE"}
OPENERS = {"LPAR": "RPAR", "CALLPAR": "RPAR", "CALLBRACK": "RBRACK", "EOPEN_P": "RPAR", "LBRACK": "RBRACK", "EOPEN_B": "RBRACK",
           "LBRACE": "RBRACE", "DERIV": "RBRACE"}
_CLOSE_CHAR = {"RPAR": ")", "RBRACK": "]", "RBRACE": "}"}
_OPEN_CHAR = {"LPAR": "(", "CALLPAR": "(", "CALLBRACK": "[", "EOPEN_P": "(", "LBRACK": "[", "EOPEN_B": "[", "LBRACE": "{",
              "DERIV": "{"}

_TOKEN = re.compile(
    r"(?P<ws>\s+)"
    r"|(?P<cmd>\\[A-Za-z]+)"
    r"|(?P<sym>\\[,;:! |{}\\%])"
    r"|(?P<num>\d+(?:\.\d+)?)"
    r"|(?P<letter>[A-Za-z])"
    r"|(?P<par>\|\|)"
    r"|(?P<coloneq>:=)"
    r"|(?P<semi>;)"
    r"|(?P<char>[_^+\-*/=<>()\[\]{},:&.|'!])"
)


def known_command(name: str) -> bool:
    """True when the lexer reads ``\\name`` (a Greek letter, an operator, a relation, a text or name command)."""
    return (name in GREEK or name in _SIMPLE or name in _RELATIONS or name in _TEXT_COMMANDS
            or name in _NAME_COMMANDS or name in _SKIP_WITH_ARG or name in ("max", "min", "sup", "inf", "mathbb", "unicode"))


@dataclass(frozen=True)
class Tok:
    """A token: its type, its value and the offset in the file where it starts."""

    type: str
    value: str
    offset: int
    end: int
    synthetic: bool = False
    opener: int | None = None
    """For a DERIV token (``\\frac{d}{d``): the offset of its open brace, the ``{`` before the second d."""


@dataclass(frozen=True)
class Repair:
    """A bracket closed by the reader: where it was opened and where its enclosing bracket closed."""

    opened: int
    closed: int
    char: str
    enclosing: str


@dataclass(frozen=True)
class Note:
    """A reading the lexer took where the notation has two (``a/2b``): a warning at its offset."""

    offset: int
    message: str
    condition: str | None = None
    """The clause, when the note says a condition after the formula was left out (``\\text{when } p = q``)."""


@dataclass(frozen=True)
class Lexed:
    tokens: tuple[Tok, ...]
    repairs: tuple[Repair, ...]
    open_integrals: tuple[int, ...]
    """Offsets of integrals with no differential (they span the rest of their term)."""
    notes: tuple[Note, ...] = ()
    """Readings of ambiguous notation, each a warning at its offset (notation entries of kind 'reading')."""
    conventional: tuple[tuple[str, int], ...] = ()
    """The conventional macros the row uses without the file defining them (name, offset of the use)."""
    where: tuple[tuple[str, int, int], ...] = ()
    """The formulas of a clause ``where m = ...`` / ``with m = ...`` cut from the end of the row (see
    :func:`where_formulas`): (text, its offset in the file, the offset of the clause's note)."""


def _brace_arg(norm: Normal, pos: int, source: Source, what: str) -> tuple[str, int]:
    """The content of the brace group starting at ``pos`` (after spaces) and the position after it."""
    text = norm.text
    k = pos
    while k < len(text) and text[k].isspace():
        k += 1
    if k >= len(text) or text[k] != "{":
        raise source.error(norm.at(pos), f"{what} needs an argument in braces, e.g. {what}{{data}}")
    depth = 0
    for j in range(k, len(text)):
        if text[j] == "{":
            depth += 1
        elif text[j] == "}":
            depth -= 1
            if depth == 0:
                return text[k + 1:j], j + 1
    raise source.error(norm.at(k), f"the brace opened here after {what} is never closed")


_POSITION_OPTION = re.compile(r"\s*\[\s*[tcb]\s*\]")
"""The vertical position of an inner alignment, ``\\begin{aligned}[t]``: typesetting, no factor ``t``."""
_COLUMN_COUNT = re.compile(r"\s*\{\s*\d+\s*\}")
"""The column count of ``\\begin{alignedat}{2}``: no factor 2."""
_POSITIONED = frozenset({"aligned", "alignedat", "gathered"})
_COUNTED = frozenset({"alignedat", "alignat", "alignat*"})


def _environment_options(text: str, pos: int, env: str) -> int:
    """The position after the options of ``\\begin{env}`` at ``pos``: the position ``[t]``, ``[c]``, ``[b]`` of
    an inner alignment and the column count ``{2}`` of ``alignedat``, in either order (amsmath writes the position
    first).  They set the layout and are no part of the row's mathematics (``[c]`` read as a factor c, ``{2}`` as a
    factor 2, changed the row)."""
    for _ in range(2):
        m = (_POSITION_OPTION.match(text, pos) if env in _POSITIONED else None) or (
            _COLUMN_COUNT.match(text, pos) if env in _COUNTED else None)
        if m is None:
            break
        pos = m.end()
    return pos


def raw_tokens(norm: Normal, source: Source) -> list[Tok]:
    """The whitelisted tokens of one row, in the dialect's spelling (:func:`~ganproof.reader.notation.normalise`)."""
    out: list[Tok] = []
    text = norm.text
    offsets = norm.offsets
    pos = 0
    n = len(text)
    while pos < n:
        m = _TOKEN.match(text, pos)
        if m is None:
            ch = text[pos]
            raise source.error(norm.at(pos), f"unexpected character {ch!r}: not part of the LaTeX dialect "
                               f"({_SEE}, section 2)")
        kind = m.lastgroup
        s, e = m.start(), m.end()
        pos = e
        if kind == "ws":
            continue
        val = m.group(0)
        at = offsets[s]
        end = max(offsets[e - 1] + 1, at)
        if kind == "num":
            digits = sum(c.isdigit() for c in val)
            if digits > MAX_NUMBER_DIGITS:
                raise source.error(at, f"a number with {digits} digits is longer than the limit of "
                                   f"{MAX_NUMBER_DIGITS}")
            out.append(Tok("NUMBER", val, at, end))
        elif kind == "letter":
            out.append(Tok("LETTER", val, at, end))
        elif kind == "par":
            out.append(Tok("PAR", "||", at, end))
        elif kind == "semi":
            out.append(Tok("PAR", ";", at, end))  # KL(p; q), JSD(p;q): the divergence bar written as ;
        elif kind == "coloneq":
            out.append(Tok("DEFEQ", ":=", at, end))
        elif kind == "sym":
            c = val[1]
            if c == "|":
                out.append(Tok("PAR", "||", at, end))
            elif c in "{}":
                # braces shown as brackets group, as ( ) do: \log\left\{\frac{q}{p}\right\}, \min_D \{ ... \}
                out.append(Tok("LPAR" if c == "{" else "RPAR", val, at, end))
            elif c == "\\":
                raise source.error(at, "a row break \\\\ here is not allowed")
            elif c == "%":
                raise source.error(at, "a percent sign \\% is not part of the dialect")
            # spacing commands \, \; \: \! and "\ " are commentary
        elif kind == "cmd":
            name = val[1:]
            if name == "mid":
                out.append(Tok("BAR", "|", at, end))  # \mid: as a single |
                continue
            if name in ("argmin", "argmax"):
                out.append(Tok("MAXMIN", name, at, end))  # \argmin_\theta: a prefix, judged by check.py
                continue
            if name in _REFUSED:
                raise source.error(at, _REFUSED[name])
            if name in _SKIP_WITH_ARG:
                env, pos = _brace_arg(norm, pos, source, val)
                if name == "begin":
                    pos = _environment_options(text, pos, env.strip())
                continue
            if name == "unicode":
                content, pos = _brace_arg(norm, pos, source, val)
                if content.strip().lower() not in _COMMENTARY_CODES:
                    raise source.error(at, f"\\unicode{{{content}}} is not part of the dialect: \\unicode is read only "
                                       "for the marks set beside a formula (x21af, a contradiction; x220e, x25a1, "
                                       "end of proof), which are commentary; write the character as LaTeX")
                continue
            if name in _DECORATIONS:
                k = pos
                while k < len(norm.text) and norm.text[k] == " ":
                    k += 1
                if k < len(norm.text) and norm.text[k] == "{":
                    content, pos = _brace_arg(norm, pos, source, val)
                else:
                    m = re.match(r"[A-Za-z]|\\[A-Za-z]+", norm.text[k:])
                    content, pos = (m.group(0), k + m.end()) if m else ("", pos)
                letter = content.strip()
                greek = letter[1:] if letter.startswith("\\") else None
                if len(letter) == 1 and letter.isascii() and letter.isalpha():
                    out.append(Tok("LETTER", letter, at, norm.end(s, pos)))
                elif greek is not None and greek in GREEK:
                    out.append(Tok("GREEK", greek, at, norm.end(s, pos)))
                else:
                    raise source.error(at, f"{val} is read only on one letter, a name of its own (\\tilde{{x}}, "
                                       f"\\hat{{\\theta}}); {val}{{{letter}}} is not: name the thing with a letter")
                out.append(Tok("LABEL", _DECORATION_LABEL.get(name, name.replace("wide", "")), at, norm.end(s, pos)))
                continue
            if name in _BOLD_TEXT:
                content, pos = _brace_arg(norm, pos, source, val)
                letter = content.strip()
                if len(letter) == 1 and letter.isascii() and letter.isalpha():
                    out.append(Tok("LETTER", letter, at, norm.end(s, pos)))  # \textbf{p}: a bold letter
                else:
                    out.append(Tok("TEXT", letter, at, norm.end(s, pos)))
                continue
            if name in _TEXT_COMMANDS or name in _NAME_COMMANDS:
                content, pos = _brace_arg(norm, pos, source, val)
                # in a math font spaces are not typeset: \mathrm{K L} is KL (text keeps its spaces); but words
                # set apart by a \quad or a space, one of three letters or more, are words: \mathrm{maximize \quad when}
                words = re.sub(r"\\(?:q?quad|[,;: ])", " ", content).split()
                prose = name in _NAME_COMMANDS and len(words) >= 2 and any(len(w) >= 3 for w in words) \
                    and all(w.isalpha() for w in words)
                word = content.strip() if name in _TEXT_COMMANDS else " ".join(words) if prose \
                    else "".join(content.split())
                kind_ = "TEXT" if name in _TEXT_COMMANDS or prose else "NAMEWORD"
                out.append(Tok(kind_, word, at, norm.end(s, pos)))
                continue
            if name == "mathbb":
                content, pos = _brace_arg(norm, pos, source, val)
                if content.strip() == "E":
                    out.append(Tok("EXPECT", "E", at, norm.end(s, pos)))
                elif content.strip() == "R":
                    out.append(Tok("REALS", "R", at, norm.end(s, pos)))
                elif content.strip() in ("P", "Q"):
                    # \mathbb{P}_r, \mathbb{P}_g, \mathbb{Q}: a law, the capital P or Q (a density by its role)
                    out.append(Tok("LETTER", content.strip(), at, norm.end(s, pos)))
                else:
                    raise source.error(at, f"\\mathbb{{{content}}} is not part of the dialect "
                                       "(only \\mathbb{E}, \\mathbb{R} and the laws \\mathbb{P}, \\mathbb{Q})")
                continue
            if name in GREEK:
                out.append(Tok("GREEK", name, at, end))
            elif name in _SIMPLE:
                out.append(Tok(_SIMPLE[name], name, at, end))
            elif name in ("max", "min", "sup", "inf", "arg"):
                if name == "arg":
                    # \arg\max_\theta, \arg \, \min: one prefix, the arg max / arg min
                    follow = re.match(r"(?:\s|\\[,;:! ])*\\(max|min)(?![A-Za-z])", text[pos:])
                    if follow is None:
                        raise source.error(at, "\\arg is read only before \\max or \\min (\\arg\\max_\\theta, "
                                           "the arg max); it is not part of the dialect otherwise")
                    pos += follow.end()
                    out.append(Tok("MAXMIN", "arg" + follow.group(1), at, max(offsets[pos - 1] + 1, at)))
                    continue
                out.append(Tok("MAXMIN", name, at, end))
            elif name in _RELATIONS:
                out.append(Tok("REL", _RELATIONS[name], at, end))
            else:
                raise source.error(at, f"unknown command {val}: not part of the LaTeX dialect, and the file does not "
                                   f"define it (define it before its first use, e.g. \\newcommand{{{val}}}{{...}}; "
                                   f"{_SEE}, section 2)")
        else:  # single characters
            c = val
            simple = {"_": "SUB", "^": "SUP", "+": "PLUS", "-": "MINUS", "*": "STAR", "/": "DIV",
                      "(": "LPAR", ")": "RPAR", "[": "LBRACK", "]": "RBRACK", "{": "LBRACE", "}": "RBRACE",
                      ",": "COMMA", ":": "COLON", ".": "DOT"}
            if c == "&":
                continue
            if c in "=<>":
                out.append(Tok("REL", c, at, end))
            elif c == "|":
                out.append(Tok("BAR", "|", at, end))  # a divergence's bar or a parameter's, else an error
            elif c == "'":
                out.append(Tok("PRIME", c, at, end))
            elif c == "!":
                raise source.error(at, "'!' is not part of the dialect (no factorials)")
            else:
                out.append(Tok(simple[c], c, at, end))
        if len(out) > MAX_TOKENS:
            raise source.error(at, f"a row of more than {MAX_TOKENS} tokens is over the limit; split it")
    return out


def _set_braces(toks: list[Tok], source: Source) -> None:
    """Braces shown as brackets (``\\{ ... \\}``) group an expression; holding a list or a condition
    (``\\{0, 1\\}``, ``\\{x : p(x) > 0\\}``, ``\\max\\{a, b\\}``) they are a set, which is not read."""
    for i, t in enumerate(toks):
        if t.type != "LPAR" or t.value != "\\{":
            continue
        depth = 0
        for k in range(i, len(toks)):
            u = toks[k]
            if u.type in ("LPAR", "LBRACK", "LBRACE"):
                depth += 1
            elif u.type in ("RPAR", "RBRACK", "RBRACE"):
                depth -= 1
                if depth == 0:
                    if u.value != "\\}":
                        raise source.error(t.offset, f"'\\{{' opened here is closed by '{u.value}' at "
                                           f"{source.where(u.offset)}: close it with \\}}")
                    break
            elif depth == 1 and u.type in ("COMMA", "COLON", "IN"):
                raise source.error(t.offset, "braces \\{ ... \\} around a list or a condition make a set, which "
                                   "is not read (\\{0, 1\\}, \\{x : p(x) > 0\\}, \\max\\{a, b\\}); braces around one "
                                   "expression group it, as ( ) do")


_ARG_BEFORE = frozenset({"SUB", "SUP", "FRAC", "SQRT", "DERIV"})
"""Tokens after which a brace group is an argument or a script, never a plain group."""
_BINARY = frozenset({"PLUS", "TIMES", "DIV"})
_TRAILING = frozenset({"PLUS", "MINUS", "TIMES", "DIV"})


def _invisible_groups(toks: list[Tok]) -> list[Tok]:
    """A plain brace group that is no expression of its own (``{\\log 2 p(x) +}``, ``{p(x)( \\log 2}``: it
    starts with + or ends with an operator, or holds a bracket it does not close) only groups for TeX and is
    invisible on the page: its braces are dropped.  A group that is an expression keeps its reading."""
    if not any(t.type == "LBRACE" for t in toks):
        return toks
    drop: set[int] = set()
    for i, t in enumerate(toks):
        if t.type != "LBRACE" or t.synthetic or (i > 0 and toks[i - 1].type in _ARG_BEFORE):
            continue
        if i > 0 and toks[i - 1].type == "RBRACE":
            continue  # the second argument of \frac, or a group after a group: not judged here
        depth, close = 0, -1
        for k in range(i, len(toks)):
            if toks[k].type in ("LBRACE", "DERIV"):
                depth += 1
            elif toks[k].type == "RBRACE":
                depth -= 1
                if depth == 0:
                    close = k
                    break
        if close < 0 or (close + 1 < len(toks) and toks[close + 1].type in ("SUB", "SUP")):
            continue
        inner = toks[i + 1:close]
        balance = sum({"LPAR": 1, "LBRACK": 1, "RPAR": -1, "RBRACK": -1}.get(u.type, 0) for u in inner)
        if inner and (inner[0].type in _BINARY or inner[-1].type in _TRAILING or balance != 0):
            drop.update((i, close))
        elif _one_name(inner):
            drop.update((i, close))  # {G}(z), p_{{G}}, x \sim {Q_\theta}: TeX typesets the name alone
    return [t for k, t in enumerate(toks) if k not in drop] if drop else toks


def _one_name(inner: list[Tok]) -> bool:
    """True when a brace group holds one name only: a letter or a Greek letter, with a subscript of one token
    or of one brace group (``{G}``, ``{Q_\\theta}``, ``{p_{data}}``; a colour command's group, ``{\\color{red}
    G}``, is one after the colour is dropped).  Such braces are invisible on the page: ``{G}(z)`` is ``G(z)``."""
    if not inner or inner[0].type not in ("LETTER", "GREEK"):
        return False
    if len(inner) == 1:
        return True
    if inner[1].type != "SUB" or len(inner) < 3:
        return False
    if len(inner) == 3:
        return inner[2].type in ("LETTER", "GREEK", "NUMBER")
    if inner[2].type != "LBRACE" or inner[-1].type != "RBRACE":
        return False
    depth = 0
    for k in range(2, len(inner)):
        depth += {"LBRACE": 1, "RBRACE": -1}.get(inner[k].type, 0)
        if depth == 0 and k != len(inner) - 1:
            return False
    return all(u.type in ("LETTER", "GREEK", "NUMBER", "LBRACE", "RBRACE", "TEXT", "NAMEWORD") for u in inner[2:])


_DEPTH = {"LPAR": 1, "CALLPAR": 1, "CALLBRACK": 1, "LBRACK": 1, "LBRACE": 1, "RPAR": -1, "RBRACK": -1, "RBRACE": -1}


def _word_at(toks: list[Tok], i: int) -> str:
    """The run of adjacent letters starting at ``i`` (no spaces between them), or ''."""
    j = i
    while j < len(toks) and toks[j].type == "LETTER" and (j == i or toks[j].offset == toks[j - 1].end):
        j += 1
    return "".join(t.value for t in toks[i:j])


def _conditions(toks: list[Tok], source: Source) -> tuple[list[Tok], list[Note]]:
    """A condition or a remark after a formula is commentary: from a comma at the top level followed by
    ``\\text{...}`` (or typeset inside it, ``\\text{, with } x_i \\sim p``), ``\\forall``, a word (for, where, if, ...) or a clause holding ``\\in`` or ``\\forall``
    (``, \\quad x \\in \\mathcal{X}``), and from a ``\\forall`` at the top level, to the end of the row.
    The formula before it is checked for all values; a warning says so (a refutation may be one that the
    condition excludes; an acceptance holds a fortiori)."""
    lead_notes: list[Note] = []
    if toks and toks[0].type == "FORALL":
        j = 1
        while j + 1 < len(toks) and toks[j].type in ("LETTER", "GREEK") and toks[j + 1].type == "COMMA":
            j += 2  # \forall p, q, D_f(p \| q) \ge 0: the names the quantifier binds, each before a comma
        if j > 1 and any(u.type in ("REL", "DEFEQ") for u in toks[j:]):
            quantifier = " ".join(source.text[toks[0].offset:toks[j - 1].end].split())
            lead_notes.append(Note(toks[0].offset, f"the quantifier '{quantifier}' in front of the formula is left "
                                   "out: the formula is checked for all values of its names, which is what it says"))
            toks = toks[j:]
    toks, notes = _cut_conditions(toks, source)
    return toks, lead_notes + notes


def _cut_conditions(toks: list[Tok], source: Source) -> tuple[list[Tok], list[Note]]:
    depth = 0
    cut = -1
    comma_in_text = joined = False
    for i, t in enumerate(toks):
        if t.type == "FORALL" and depth == 0:
            if any(u.type in ("REL", "DEFEQ") for u in toks[:i]):
                cut = i  # after a formula: its condition
            break
        if t.type == "COMMA" and depth == 0 and i + 1 < len(toks):
            nxt = toks[i + 1]
            rest_depth, cue = 0, False
            for u in toks[i + 1:]:
                rest_depth += _DEPTH.get(u.type, 0)
                if rest_depth == 0 and u.type in ("IN", "FORALL"):
                    cue = True
                    break
            words = nxt.type == "TEXT" and not _typeset_math(nxt.value)  # \text{ + 1} goes on with the formula
            if cue or words or nxt.type == "FORALL" or _word_at(toks, i + 1) in _CONDITION_WORDS:
                cut = i
                break
        if (t.type == "TEXT" and depth == 0 and t.value.lstrip().startswith(",")
                and any(u.type in ("REL", "DEFEQ") for u in toks[:i])):
            cut, comma_in_text = i, True  # \textrm{, with } x_i \sim p: the comma typeset inside the text
            break
        if t.type == "TEXT" and depth == 0 and (
                ((t.value.split() or [""])[0].lower() in _CONDITION_WORDS
                 and any(u.type in ("REL", "DEFEQ") for u in toks[:i]))
                or (any(w.lower().strip(".,;:") in _CONDITION_WORDS for w in t.value.split()[1:])
                    and any(u.type in ("REL", "DEFEQ") for u in toks))):
            cut = i  # \quad \text{where } m = ...: a condition or a definition of the formula's names, no comma
            break
        if t.type == "TEXT" and depth == 0 and conjunction(t.value) \
                and any(u.type in ("REL", "DEFEQ") for u in toks[:i]) \
                and any(u.type in ("REL", "DEFEQ") for u in toks[i + 1:]):
            cut, joined = i, True  # a second formula joined by a word: a statement of its own, left out
            break
        depth = max(0, depth + _DEPTH.get(t.type, 0))  # a stray closer does not open a level
    if cut < 0:
        for t in toks:
            if t.type == "FORALL":
                raise source.error(t.offset, "\\forall is read only after a formula, as its condition (f(x) \\ge 0 "
                                   "\\quad \\forall x, or ..., for all x): it is left out, the formula is checked for "
                                   "all values")
        return toks, []
    clause = " ".join(source.text[toks[cut].offset:max(t.end for t in toks[cut:])].split())
    if joined:
        return toks[:cut], [Note(toks[cut].offset, f"the formula after the word '{' '.join(toks[cut].value.split())}' "
                                 f"('{clause}') is a statement of its own, joined to this one by the word: it is left "
                                 "out, only the formula before it is read")]
    note = Note(toks[cut].offset, f"the clause '{clause}' after the formula is read as a condition or a remark and "
                "left out: the formula is checked for all values (a counterexample may be one the condition excludes)",
                condition=clause)
    return toks[:cut], [note]


_WHERE_WORD = re.compile(r"^(?:\s|,|\\[,;:! ]|\\q?quad\b|\\(?:text|textrm|mathrm|mbox)\s*\{)*(where|with)\b\s*",
                         re.IGNORECASE)
_INLINE_MATH = re.compile(r"\$([^$]+)\$")


def where_formulas(toks: list[Tok], cut: int, source: Source) -> tuple[tuple[str, int, int], ...]:
    """The formulas of a clause that opens with *where* or *with*, cut from the end of a row by
    :func:`_conditions`: ``, \\text{where $m = \\frac{p+q}{2}$}`` gives the text inside the dollars,
    ``\\text{ where } m = ...`` and ``, where m = ...`` the text after the word (and after the \\text's brace).
    Each is (text, offset in the file, offset of the clause).  The reader reads one as a definition only when
    it defines a name the formula before it uses (:meth:`ganproof.reader.document._Reader.where_definitions`);
    any other clause stays a remark, left out."""
    start = toks[cut].offset
    end = max(t.end for t in toks[cut:])
    raw = source.text[start:end]
    m = _WHERE_WORD.match(raw)
    if m is None:
        return ()
    rest_at = start + m.end()
    rest = source.text[rest_at:end]
    dollars = [(g.group(1), rest_at + g.start(1)) for g in _INLINE_MATH.finditer(rest)]
    if dollars:
        return tuple((text, at, start) for text, at in dollars)
    if "\\text" in raw[:m.start(1)] or "\\mathrm" in raw[:m.start(1)] or "\\mbox" in raw[:m.start(1)]:
        close = rest.find("}")
        if close < 0 or rest[:close].strip():
            return ()  # more words inside the \text: a remark
        rest_at, rest = rest_at + close + 1, rest[close + 1:]
    if not rest.strip():
        return ()
    return ((rest, rest_at, start),)


def _sum_of_factors(inner: list[Tok]) -> bool:
    """True when ``inner`` is factors joined by + only, each a name (with scripts, applied or not), a number or
    a bracket group: a bracket opened anywhere between two of its terms and closed at its end gives one sum."""
    parts: list[list[Tok]] = [[]]
    depth = 0
    for t in inner:
        if t.type == "PLUS" and depth == 0:
            parts.append([])
            continue
        depth += _DEPTH.get(t.type, 0)
        parts[-1].append(t)
    for part in parts:
        if not part:
            return False
        k = 0
        if part[0].type == "NUMBER":
            k = 1
        elif part[0].type in ("LETTER", "GREEK"):
            k = 1
            while k < len(part) and part[k].type in ("SUB", "SUP"):
                k = _script_end(part, k)
            if k < len(part) and part[k].type == "LPAR":
                close = _match_close(part, k)
                k = close + 1 if close > 0 else -1
        elif part[0].type in ("LPAR", "LBRACK"):
            close = _match_close(part, 0)
            k = close + 1 if close > 0 else -1
        if k != len(part):
            return False
    return True


def _stray_closers(toks: list[Tok], source: Source) -> tuple[list[Tok], list[Note]]:
    """A ``)`` that closes no bracket of its brace group and stands at the end of that group
    (``\\frac{p(x) + q(x))}{2}``) is dropped when the group is a sum of factors joined by +: wherever its
    opening bracket was meant, the group is the same sum.  A warning says so; any other stray ``)`` stays
    an error."""
    stack: list[int] = []
    drop: list[int] = []
    for i, t in enumerate(toks):
        if t.type in ("LPAR", "LBRACK", "LBRACE", "DERIV"):
            stack.append(i)
        elif t.type in ("RPAR", "RBRACK", "RBRACE"):
            if (t.type == "RPAR" and t.value == ")" and stack and toks[stack[-1]].type == "LBRACE"
                    and i + 1 < len(toks) and toks[i + 1].type == "RBRACE"
                    and _sum_of_factors(toks[stack[-1] + 1:i])):
                drop.append(i)
                continue
            if stack:
                stack.pop()
    if not drop:
        return toks, []
    notes = [Note(toks[i].offset, "this ')' closes no bracket of its brace group: it is dropped (the group is a sum, "
                  "the same wherever the opening bracket was meant)") for i in drop]
    return [t for k, t in enumerate(toks) if k not in set(drop)], notes


def _drop_trailing_punctuation(toks: list[Tok], source: Source) -> list[Tok]:
    while toks and toks[-1].type in ("DOT", "COMMA"):
        toks = toks[:-1]
    for t in toks:
        if t.type == "DOT":
            raise source.error(t.offset, "a '.' inside a row is not part of the dialect (decimal numbers are)")
    return toks


def _in_script(toks: list[Tok], i: int) -> bool:
    """True when token i is inside or directly after a subscript marker ``_`` / ``_{``."""
    if i > 0 and toks[i - 1].type == "SUB":
        return True
    depth = 0
    for k in range(i - 1, -1, -1):
        t = toks[k].type
        if t == "RBRACE":
            depth += 1
        elif t == "LBRACE":
            if depth == 0:
                return k > 0 and toks[k - 1].type == "SUB"
            depth -= 1
    return False


_COMMAND_WORDS = frozenset({"log", "ln", "exp", "sqrt", "max", "min", "lim", "sum", "int", "frac", "infty", "cdot"})


_TERM_NEIGHBOURS = frozenset({"PLUS", "MINUS", "REL", "DEFEQ", "TIMES"})


def _text_as_term(toks: list[Tok], i: int) -> bool:
    """True for a ``\\text`` word that stands where a term of the formula goes: one word with a capital letter
    (``\\text{BCE}``, ``\\text{Loss}``) at the start of the row or after an operator, with a relation or an
    operator after it (commentary stands beside a formula, after a comma or a \\quad, not inside it)."""
    word = toks[i].value.strip()
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", word) or word.lower() == word:
        return False
    before = i == 0 or toks[i - 1].type in _TERM_NEIGHBOURS
    after = i + 1 < len(toks) and toks[i + 1].type in _TERM_NEIGHBOURS
    return before and after


def _unknown_word(word: str) -> str:
    """The message for a run of three or more letters that is no operator word."""
    if word in _COMMAND_WORDS:
        return f"unknown name {word!r}: write \\{word} (a command), not the letters {word}"
    spaced = " ".join(word)
    return (f"unknown name {word!r}: not part of the dialect (operators: KL, JSD, CE, E); a product of "
            f"constants is written with spaces or \\cdot: {spaced}")


def _spaced_operator(toks: list[Tok], i: int) -> int:
    """The end of capital letters written apart that spell an operator word and are applied to arguments
    (``K L(p \\| q)``, ``J S D(P \\| Q)``, as OCR writes them: math mode does not typeset the spaces); else 0."""
    j = i
    while j < len(toks) and toks[j].type == "LETTER" and toks[j].value.isupper() and j - i < 3:
        j += 1
    for end in range(j, i + 1, -1):
        if "".join(x.value for x in toks[i:end]) in _OPERATOR_WORDS and end < len(toks) and toks[end].type == "LPAR":
            return end
    return 0


def _words(toks: list[Tok], source: Source) -> list[Tok]:
    """Operator words (KL, JSD, JS, CE) from runs of adjacent letters, \\mathrm{..} and D_{KL}."""
    out: list[Tok] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.type == "LETTER" and not _in_script(toks, i):
            j = i
            while j + 1 < len(toks) and toks[j + 1].type == "LETTER" and toks[j + 1].offset == toks[j].end:
                j += 1
            word = "".join(x.value for x in toks[i:j + 1])
            if word in _OPERATOR_WORDS:
                out.append(Tok("OPNAME", _OPERATOR_WORDS[word], t.offset, toks[j].end))
                i = j + 1
                continue
            spaced = _spaced_operator(toks, i)
            if spaced:
                out.append(Tok("OPNAME", _OPERATOR_WORDS["".join(x.value for x in toks[i:spaced])], t.offset,
                               toks[spaced - 1].end))
                i = spaced
                continue
            if len(word) >= 3:
                raise source.error(t.offset, _unknown_word(word))
        if t.type in ("TEXT", "NAMEWORD") and not _in_script(toks, i):
            if t.value == "d":
                # \mathrm{d}x, \text{d}x: the d of a differential or of a derivative, paired later
                out.append(t)
                i += 1
                continue
            if t.value in _OPERATOR_WORDS:
                out.append(Tok("OPNAME", _OPERATOR_WORDS[t.value], t.offset, t.end))
            elif t.value == "E":
                out.append(Tok("EXPECT", "E", t.offset, t.end))
            elif t.type == "NAMEWORD" and t.value:
                raise source.error(t.offset, f"unknown name {t.value!r}: not part of the dialect "
                                   f"(operators: KL, JSD, CE, E; {_SEE}, section 2)")
            elif t.type == "TEXT" and _text_as_term(toks, i):
                # \text{BCE} = ..., \text{BCE} + \log D(x) = 0: a quantity named in words; dropped as commentary,
                # the row would start with its relation (and go on from the row before) or lose a term
                raise source.error(t.offset, f"\\text{{{t.value.strip()}}} stands as a term of the formula, but "
                                   "the checker reads \\text as commentary (the row would lose it): name the "
                                   f"quantity with a letter, as L_{{\\text{{{t.value.strip()}}}}}")
            elif t.type == "TEXT" and _typeset_math(t.value):
                raise source.error(t.offset, f"\\text{{{t.value}}} is typeset where the formula goes on ({t.value.strip()} "
                                   "reads as part of it) but the checker reads \\text as commentary: write it as "
                                   "mathematics outside \\text, or words inside")
            # \text{...} outside a subscript is commentary
            i += 1
            continue
        out.append(t)
        i += 1
    # D_{KL}, D_{JS}, D_KL
    merged: list[Tok] = []
    i = 0
    while i < len(out):
        t = out[i]
        if t.type == "LETTER" and t.value == "D" and i + 1 < len(out) and out[i + 1].type == "SUB":
            rest = out[i + 2:i + 5]
            word = None
            end = 0
            if len(rest) >= 3 and rest[0].type == "LBRACE" and rest[2].type == "RBRACE":
                inner = rest[1]
                if inner.type in ("TEXT", "NAMEWORD", "OPNAME") and inner.value in ("KL", "JS", "JSD"):
                    word, end = inner.value, 5
            if word is None and i + 5 < len(out) + 1:
                seq = out[i + 2:]
                if seq and seq[0].type == "LBRACE":
                    letters = []
                    k = 1
                    while k < len(seq) and seq[k].type == "LETTER":
                        letters.append(seq[k].value)
                        k += 1
                    if k < len(seq) and seq[k].type == "RBRACE" and "".join(letters) in ("KL", "JS", "JSD"):
                        word, end = "".join(letters), 2 + k + 1
            if word is not None:
                merged.append(Tok("OPNAME", "KL" if word == "KL" else "JSD", t.offset, out[i + end - 1].end))
                i += end
                continue
        merged.append(t)
        i += 1
    # TEXT tokens left inside subscripts are name parts
    return merged


_CHI_SQUARE_NAMES = {"": "CHI2", "P": "CHI2", "Pearson": "CHI2", "pearson": "CHI2", "Pear": "CHI2",
                     "N": "CHI2N", "Neyman": "CHI2N", "neyman": "CHI2N", "Ney": "CHI2N"}
r"""The subscript of \chi^2 -> the operator: none or Pearson's name is the Pearson chi-square, N or Neyman's
the Neyman chi-square (the two differ by which argument divides)."""


def _bare_jsd(toks: list[Tok], source: Source) -> list[Tok]:
    r"""``D_{JS} = \frac{1}{2}[KL(P \| M) + KL(Q \| M)]``: a definition card writes the Jensen-Shannon divergence
    without its arguments.  When the row starts with a bare JSD and a relation, and its right side holds exactly
    two KL whose first arguments are two different single letters, the JSD is of those two (in either order: it
    is symmetric).  Anything else is an input error that says to write the arguments."""
    if len(toks) < 2 or toks[0].type != "OPNAME" or toks[0].value != "JSD" or toks[1].type not in ("REL", "DEFEQ"):
        return toks
    firsts = [toks[k + 2] for k in range(len(toks) - 3)
              if toks[k].type == "OPNAME" and toks[k].value == "KL" and toks[k + 1].type in ("LPAR", "CALLPAR")
              and toks[k + 2].type == "LETTER" and toks[k + 3].type == "PAR"]
    kls = sum(1 for t in toks if t.type == "OPNAME" and t.value == "KL")
    if kls != 2 or len(firsts) != 2 or firsts[0].value == firsts[1].value:
        raise source.error(toks[0].offset, "the Jensen-Shannon divergence is written without its arguments: write "
                           "them, JSD(P \\| Q) (they are read from the row only when its right side is the mean of "
                           "two KL whose first arguments are two laws, KL(P \\| M) and KL(Q \\| M))")
    head, at = toks[0], toks[0].end
    args = [Tok("LPAR", "(", at, at, synthetic=True), Tok("LETTER", firsts[0].value, at, at, synthetic=True),
            Tok("PAR", "||", at, at, synthetic=True), Tok("LETTER", firsts[1].value, at, at, synthetic=True),
            Tok("RPAR", ")", at, at, synthetic=True)]
    return [head, *args, *toks[1:]]


SINGLE_BAR = ("a single | that pairs with no other (conditioning, or a bar whose pair lies outside its brackets) is "
              "not part of the dialect: a bar is read between the two arguments of a divergence, KL(p | q), before "
              "the parameter of a density, p(x | \\theta) (p_\\theta(x)), and in pairs around an absolute value, "
              "|a - b|; write KL(p \\| q) or KL(p || q) for a divergence")
_BRACKET_DEPTH = {"LPAR": 1, "LBRACK": 1, "LBRACE": 1, "RPAR": -1, "RBRACK": -1, "RBRACE": -1}


def _divergence_head(toks: list[Tok], o: int) -> bool:
    """True when the bracket at ``o`` holds a divergence's arguments: after an operator word (KL, JSD, CE, the
    chi-squares, D_{KL} merged) or after ``D`` with a subscript (``D_f``, ``D_{\\phi}``)."""
    if o == 0:
        return False
    k = o - 1
    if toks[k].type == "OPNAME":
        return True
    if toks[k].type == "RBRACE":
        depth = 0
        while k >= 0:
            depth += {"RBRACE": 1, "LBRACE": -1}.get(toks[k].type, 0)
            if depth == 0:
                break
            k -= 1
        k -= 1
    elif toks[k].type in ("LETTER", "GREEK"):
        k -= 1
    else:
        return False
    return (k >= 1 and toks[k].type == "SUB" and toks[k - 1].type == "LETTER" and toks[k - 1].value == "D"
            and not _in_script(toks, k - 1))


def _single_bars(toks: list[Tok], source: Source) -> list[Tok]:
    """A single bar ``|`` (or ``\\mid``) that stands alone at the top of a bracket: between a divergence's two
    arguments it is the divergence bar (``KL(F|G)``, ``D_{KL}(p | q)``, as ``\\|`` is); in a density's call
    before one Greek letter it is the parameter of a parametrised density (``p(x | \\theta)``, ``p(x \\mid
    \\theta)`` are ``p_\\theta(x)``).  The other bars are absolute values (:func:`_absolute_values`)."""
    if not any(t.type == "BAR" for t in toks):
        return _absolute_values(toks, source)
    to_par: set[int] = set()
    drop: set[int] = set()
    subscript: dict[int, Tok] = {}
    for o, t in enumerate(toks):
        if t.type not in ("LPAR", "LBRACK"):
            continue
        depth, close, bars, pars = 0, -1, [], 0
        for k in range(o, len(toks)):
            depth += _BRACKET_DEPTH.get(toks[k].type, 0)
            if depth == 0:
                close = k
                break
            if depth == 1 and toks[k].type == "BAR":
                bars.append(k)
            elif depth == 1 and toks[k].type == "PAR":
                pars += 1
        if close < 0 or len(bars) != 1 or pars:
            continue
        bar = bars[0]
        if bar == o + 1 or bar == close - 1:
            continue
        if _divergence_head(toks, o):
            to_par.add(bar)
            continue
        head = toks[o - 1] if o > 0 else None
        if (head is not None and head.type == "LETTER" and head.value in ("p", "q", "P", "Q")
                and not _in_script(toks, o - 1) and not (o >= 2 and toks[o - 2].type in ("SUB", "SUP", "LABEL"))
                and close == bar + 2 and toks[bar + 1].type == "GREEK" and (o - 1) not in subscript):
            subscript[o - 1] = toks[bar + 1]
            drop.update((bar, bar + 1))
    out: list[Tok] = []
    for k, t in enumerate(toks):
        if k in drop:
            continue
        if k in to_par:
            out.append(replace(t, type="PAR", value="||"))
            continue
        out.append(t)
        if k in subscript:
            param = subscript[k]
            out.append(Tok("SUB", "_", param.offset, param.offset, synthetic=True))
            out.append(param)
    return _absolute_values(out, source)


_ENDS_OPERAND = frozenset({"LETTER", "GREEK", "NUMBER", "RPAR", "RBRACK", "RBRACE", "INFTY", "PRIME", "ABS_R", "LABEL",
                           "STAR", "TEXT", "NAMEWORD", "REALS"})
"""Tokens after which a bar closes an absolute value that is open at that depth (``|a - b|``); after any other
token (an operator, a relation, an opening bracket, the start) a bar opens one."""


def _absolute_values(toks: list[Tok], source: Source) -> list[Tok]:
    """Pair the bars left after the divergence and parameter bars as absolute values: ``|a - b|``,
    ``\\left| D(x) - \\frac12 \\right|``, ``\\lvert u \\rvert``, ``2|x|``.  A bar after an operand closes the
    innermost open absolute value when it was opened inside the same brackets; any other bar opens one.  A bar that
    pairs with none (``q(z | x)``, a conditional density; ``L(\\theta | x)``, a likelihood) is an input error."""
    if not any(t.type == "BAR" or t.type == "PAR" for t in toks):
        return toks
    out: list[Tok] = []
    depth = 0
    open_at: list[tuple[int, Tok]] = []  # (bracket depth, opening bar)
    pending = list(reversed(toks))
    while pending:
        t = pending.pop()
        if t.type == "PAR" and ((open_at and open_at[-1][0] == depth) or (out and out[-1].type == "ABS_L")
                                or not out or out[-1].type not in _ENDS_OPERAND | {"PAR"}):
            # || where an absolute value closes or opens (|a||b|, ||a| - |b||): two bars, not a divergence's
            pending += [replace(t, type="BAR", value="|", offset=t.offset + 1), replace(t, type="BAR", value="|")]
            continue
        if t.type == "BAR":
            prev = out[-1].type if out else None
            if open_at and open_at[-1][0] == depth and prev in _ENDS_OPERAND:
                open_at.pop()
                out.append(replace(t, type="ABS_R"))
            else:
                open_at.append((depth, t))
                out.append(replace(t, type="ABS_L"))
            continue
        delta = _BRACKET_DEPTH.get(t.type, 0) + (1 if t.type in ("CALLPAR", "CALLBRACK", "EOPEN_P", "EOPEN_B") else 0)
        if delta < 0 and open_at and open_at[-1][0] == depth:
            raise source.error(open_at[-1][1].offset, SINGLE_BAR)  # |a (b| c): the bar's pair lies outside
        depth += delta
        out.append(t)
    if open_at:
        raise source.error(open_at[0][1].offset, SINGLE_BAR)
    return out


def _script_group(toks: list[Tok], i: int) -> tuple[list[Tok], int]:
    """The tokens of the script whose marker (``^`` or ``_``) is at i, and the index after it: one token, or
    a braced group."""
    if i + 1 >= len(toks):
        return [], i + 1
    if toks[i + 1].type == "LBRACE":
        end = _group_end(toks, i + 1)
        if end < 0:
            return [], i + 1
        return toks[i + 2:end], end + 1
    return [toks[i + 1]], i + 2


def _chi_scripts(toks: list[Tok], i: int, source: Source) -> tuple[str, int] | None:
    """At a ``\\chi`` (index i) with the scripts of a chi-square, ``\\chi^2``, ``\\chi^{2}_{Pearson}``,
    ``\\chi_N^2``: its operator (CHI2 or CHI2N) and the index after its scripts; else None."""
    k = i + 1
    square = False
    name: str | None = None
    while k < len(toks) and toks[k].type in ("SUP", "SUB"):
        inner, after = _script_group(toks, k)
        if toks[k].type == "SUP":
            if square or len(inner) != 1 or inner[0].type != "NUMBER" or inner[0].value != "2":
                return None
            square = True
        else:
            if name is not None:
                return None
            name = "".join(t.value for t in inner if t.type in ("LETTER", "TEXT", "NAMEWORD")).strip()
            if any(t.type not in ("LETTER", "TEXT", "NAMEWORD") for t in inner) or not name:
                return None
        k = after
    if not square:
        return None
    written = name or ""
    if written not in _CHI_SQUARE_NAMES:
        raise source.error(toks[i].offset, f"unknown chi-square \\chi^2_{{{written}}}: the checker reads the Pearson "
                           "chi-square \\chi^2(P \\| Q) (also \\chi^2_{Pearson}, \\chi^2_P, D_{\\chi^2}) and the "
                           "Neyman one \\chi^2_{N}(P \\| Q) (also \\chi^2_{Neyman}); write one of those")
    return _CHI_SQUARE_NAMES[written], k


def _chi_square(toks: list[Tok], source: Source) -> list[Tok]:
    """The chi-square divergences applied to their arguments, ``\\chi^2(P \\| Q)``, ``\\chi^2_{Pearson}(P, Q)``,
    ``\\chi^2_N(P \\| Q)``, ``D_{\\chi^2}(P \\| Q)``: an operator word (CHI2, CHI2N) for the grammar. A chi-square
    not applied to arguments (a statistic, a distribution's name) is left as written."""
    out: list[Tok] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        start, at = i, i
        if (t.type == "LETTER" and t.value == "D" and i + 2 < len(toks) and toks[i + 1].type == "SUB"
                and toks[i + 2].type == "LBRACE" and i + 3 < len(toks) and toks[i + 3].type == "GREEK"
                and toks[i + 3].value == "chi"):
            # D_{\chi^2}: the chi-square's scripts end where the brace closes
            end = _group_end(toks, i + 2)
            found = _chi_scripts(toks[:end], i + 3, source) if end > 0 else None
            if found is not None and found[1] == end and end + 1 < len(toks) and toks[end + 1].type in ("LPAR", "LBRACK"):
                out.append(Tok("OPNAME", found[0], t.offset, toks[end].end))
                i = end + 1
                continue
        if t.type == "GREEK" and t.value == "chi" and not _in_script(toks, i):
            found = _chi_scripts(toks, at, source)
            if found is not None and found[1] < len(toks) and toks[found[1]].type in ("LPAR", "LBRACK"):
                out.append(Tok("OPNAME", found[0], toks[start].offset, toks[found[1] - 1].end))
                i = found[1]
                continue
        out.append(t)
        i += 1
    return out


def _group_end(toks: list[Tok], i: int) -> int:
    """Index of the RBRACE matching the LBRACE at i (or -1)."""
    depth = 0
    for k in range(i, len(toks)):
        if toks[k].type in ("LBRACE", "DERIV"):
            depth += 1
        elif toks[k].type == "RBRACE":
            depth -= 1
            if depth == 0:
                return k
    return -1


def _law_applied(inner: list[Tok]) -> bool:
    """True for the subscript of ``E_{p(x)}``, ``E_{p_{data}(x)}``: a density letter p or q (with a subscript)
    applied to one variable, the law the variable is drawn from."""
    if len(inner) < 4 or inner[0].type != "LETTER" or inner[0].value not in ("p", "q"):
        return False
    k = 1
    if inner[k].type == "SUB":
        k = _script_end(inner, k)
    return (len(inner) == k + 3 and inner[k].type == "LPAR" and inner[k + 1].type == "LETTER"
            and inner[k + 2].type == "RPAR")


def _expectations_and_derivatives(toks: list[Tok]) -> list[Tok]:
    out = list(toks)
    # E_{x \sim p} -> EXPECT
    for i, t in enumerate(out):
        if t.type == "LETTER" and t.value == "E" and i + 2 < len(out) and out[i + 1].type == "SUB":
            if out[i + 2].type == "LBRACE":
                end = _group_end(out, i + 2)
                if end > 0 and (any(x.type == "SIM" for x in out[i + 3:end]) or _law_applied(out[i + 3:end])):
                    out[i] = replace(t, type="EXPECT")
    # \frac{d}{d ...} and \frac{\partial}{\partial ...} -> DERIV (an opening brace)
    res: list[Tok] = []
    i = 0
    while i < len(out):
        w = out[i:i + 5]
        if (len(w) == 5 and w[0].type == "FRAC" and w[1].type == "LBRACE" and w[3].type == "RBRACE"
                and w[4].type == "LBRACE" and _is_d(w[2]) and i + 5 < len(out) and _is_d(out[i + 5])):
            res.append(Tok("DERIV", "d", w[0].offset, out[i + 5].end, opener=w[4].offset))
            i += 6
            continue
        leibniz = _leibniz(out, i)
        if leibniz is not None:
            res.extend(leibniz[0])
            i = leibniz[1]
            continue
        res.append(out[i])
        i += 1
    return res


def _leibniz(toks: list[Tok], i: int) -> tuple[list[Tok], int] | None:
    """``\\frac{d f(x)}{dx}`` (Leibniz's notation, the function in the numerator) at ``i``: the tokens of
    ``{\\frac{d}{dx} (f(x))}`` and the index after the fraction; None for any other fraction.  Only a numerator
    that starts with d and holds more, over a denominator that is d and one letter (``dx``, ``d\\theta``)."""
    if not (toks[i].type == "FRAC" and i + 3 < len(toks) and toks[i + 1].type == "LBRACE" and _is_d(toks[i + 2])):
        return None
    num_end = _group_end(toks, i + 1)
    den = num_end + 1
    if num_end <= i + 3 or den >= len(toks) or toks[den].type != "LBRACE":
        return None
    den_end = _group_end(toks, den)
    if den_end != den + 3 or not _is_d(toks[den + 1]) or toks[den + 2].type not in ("LETTER", "GREEK"):
        return None
    at, var = toks[i].offset, toks[den + 2]
    body = toks[i + 3:num_end]
    made = [Tok("LBRACE", "{", at, at, synthetic=True), Tok("DERIV", "d", at, at, synthetic=True, opener=at), var,
            Tok("RBRACE", "}", var.end, var.end, synthetic=True),
            Tok("LPAR", "(", body[0].offset, body[0].offset, synthetic=True), *body,
            Tok("RPAR", ")", body[-1].end, body[-1].end, synthetic=True),
            Tok("RBRACE", "}", toks[den_end].end, toks[den_end].end, synthetic=True)]
    return made, den_end + 1


def _is_d(t: Tok) -> bool:
    return (t.type == "LETTER" and t.value == "d") or t.type == "PARTIAL" or (
        t.type in ("NAMEWORD", "TEXT") and t.value == "d")


_HEADS = {"LETTER": "name", "GREEK": "name", "LABEL": "name", "EXPECT": "expect", "INT": "int", "SUM": "sum", "LIM": "lim",
          "MAXMIN": "maxmin", "OPNAME": "opname"}


def _structure(toks: list[Tok], source: Source, notes: list[Note]) -> tuple[list[Tok], list[Repair], list[int]]:
    """Match brackets (repairing unclosed ( and [), pair integrals with differentials, mark calls."""
    out: list[Tok] = []
    repairs: list[Repair] = []
    open_integrals: list[int] = []
    first_diffs: list[tuple[int, str]] = []  # (offset of the integral, its variable) for \int dx f(x)
    # each frame: [opener type, opener offset, index in out, script owner or None, list of INT indices in out]
    stack: list[list[object]] = [["ROOT", 0, -1, None, []]]
    last = "other"  # kind of the construct that ended at the previous token
    pending_owner: str | None = None  # a SUB/SUP was just seen: the owner of the next script
    i = 0

    def close_frame(frame: list[object]) -> None:
        for k in frame[4]:  # type: ignore[union-attr]
            out[k] = replace(out[k], type="INT_O")
            open_integrals.append(out[k].offset)

    while i < len(toks):
        t = toks[i]
        ty = t.type
        if ty in ("SUB", "SUP"):
            pending_owner = last if last != "other" else "other"
            out.append(t)
            i += 1
            continue
        if pending_owner is not None and ty != "LBRACE":
            # a one-token script: the construct continues
            owner = pending_owner
            pending_owner = None
            if ty == "LETTER" and t.value == "d":
                out.append(t)  # a script value, never a differential
                last = owner
                i += 1
                continue
            out.append(t)
            last = owner if ty in ("LETTER", "NUMBER", "GREEK", "STAR", "INFTY", "REALS") else "other"
            i += 1
            continue
        if ty in OPENERS:
            if len(stack) > MAX_DEPTH:
                raise source.error(t.offset, f"brackets nested deeper than the limit of {MAX_DEPTH}")
            owner = None
            if ty == "LBRACE" and pending_owner is not None:
                owner = pending_owner
            pending_owner = None
            if ty == "LPAR" and last in ("name", "opname"):
                t = replace(t, type="CALLPAR")
            elif ty == "LBRACK" and last == "opname":
                t = replace(t, type="CALLBRACK")  # KL[p \| q], D_{JSD}[p, q]: a divergence's arguments
            elif ty in ("LPAR", "LBRACK") and last == "expect":
                t = replace(t, type="EOPEN_P" if ty == "LPAR" else "EOPEN_B")
            stack.append([t.type, t.offset if t.opener is None else t.opener, len(out), owner, []])
            out.append(t)
            last = "other"
            i += 1
            continue
        if ty in _CLOSE_CHAR:
            want = ty
            k = len(stack) - 1
            while k > 0 and OPENERS[stack[k][0]] != want:  # type: ignore[index]
                k -= 1
            if k == 0:
                raise source.error(t.offset, f"'{_CLOSE_CHAR[ty]}' closes a bracket that was never opened")
            # brackets above k were left open
            for frame in reversed(stack[k + 1:]):
                opener = str(frame[0])
                if opener in ("LBRACE", "DERIV"):
                    raise source.error(int(frame[1]), f"'{{' opened here at {source.where(int(frame[1]))} is "
                                       f"never closed before '{_CLOSE_CHAR[ty]}' at {source.where(t.offset)}")
                close_frame(frame)
                closer = OPENERS[opener]
                repairs.append(Repair(int(frame[1]), t.offset, _OPEN_CHAR[opener], _CLOSE_CHAR[ty]))
                out.append(Tok(closer, _CLOSE_CHAR[closer], t.offset, t.offset, synthetic=True))
            del stack[k + 1:]
            frame = stack.pop()
            close_frame(frame)
            out.append(t)
            owner = frame[3]
            last = str(owner) if owner is not None else ("other" if ty != "RPAR" else "other")
            i += 1
            continue
        pending_owner = None
        if ty == "INT":
            stack[-1][4].append(len(out))  # type: ignore[union-attr]
            out.append(t)
            last = "int"
            i += 1
            continue
        # d followed by the letter d is never a differential: with a constant d, \int_0^1 d \, dx would
        # otherwise integrate x with respect to d (a variable named d is refused: its dd reads either way)
        if (ty in ("LETTER", "NAMEWORD", "TEXT") and t.value == "d" and stack[-1][4] and last == "int"
                and i + 1 < len(toks) and toks[i + 1].type == "LETTER" and toks[i + 1].value != "d"
                and i + 2 < len(toks)
                and toks[i + 2].type not in ("RPAR", "RBRACK", "RBRACE", "REL", "PLUS", "MINUS")):
            # \int dx\, f(x): the differential written first; the integral spans the rest of its term
            k = stack[-1][4].pop()  # type: ignore[union-attr]
            var = toks[i + 1]
            out[k] = replace(out[k], type="INT_O", value="d" + var.value)
            first_diffs.append((out[k].offset, var.value))
            last = "other"
            i += 2
            continue
        if (ty == "LETTER" and t.value == "d" and stack[-1][4] and i + 1 < len(toks)
                and toks[i + 1].type == "LETTER" and toks[i + 1].value == "d"
                and (i + 2 == len(toks) or toks[i + 2].type in ("RPAR", "RBRACK", "RBRACE", "REL", "PLUS", "MINUS"))):
            raise source.error(t.offset, "dd at the end of an integral reads both as d times d and as the "
                               "differential of a variable d: name the variable of integration another letter "
                               "(\\int_0^1 t \\, dt)")
        if (ty == "LETTER" and t.value == "d" and stack[-1][4] and i + 1 < len(toks)
                and toks[i + 1].type == "LETTER" and toks[i + 1].value != "d"):
            k = stack[-1][4].pop()  # type: ignore[union-attr]
            out[k] = replace(out[k], type="INT_D")
            var = toks[i + 1]
            out.append(Tok("DIFF", var.value, t.offset, var.end))
            last = "other"
            i += 2
            continue
        if ty in ("NAMEWORD", "TEXT") and t.value == "d" and stack[-1][4] and i + 1 < len(toks) \
                and toks[i + 1].type == "LETTER" and toks[i + 1].value != "d":
            k = stack[-1][4].pop()  # type: ignore[union-attr]
            out[k] = replace(out[k], type="INT_D")
            var = toks[i + 1]
            out.append(Tok("DIFF", var.value, t.offset, var.end))
            last = "other"
            i += 2
            continue
        if (ty in ("NAMEWORD", "TEXT", "LETTER") and t.value == "d" and stack[-1][4] and i + 1 < len(toks)
                and toks[i + 1].type == "GREEK" and toks[i + 1].value in REFERENCE_MEASURES):
            # \int f \, d\mu: integration against the reference measure the densities are densities of
            k = stack[-1][4].pop()  # type: ignore[union-attr]
            out[k] = replace(out[k], type="INT_D")
            var = toks[i + 1]
            out.append(Tok("DIFF", "x", t.offset, var.end))
            notes.append(Note(t.offset, f"d\\{var.value} is read as dx: the reference measure \\{var.value} is taken "
                              "as Lebesgue measure, the densities as densities with respect to it"))
            last = "other"
            i += 2
            continue
        if ty in ("NAMEWORD", "TEXT") and t.value == "d" and stack[-1][3] is None:
            # outside a subscript (p_{\mathrm{d}} is a name), an upright d is only a differential
            written = " ".join(source.text[t.offset:t.end].split())
            raise source.error(t.offset, f"{written} is read only as the d of a differential, after an integral "
                               f"in the same bracket: \\int_0^1 f(x) \\, {written}x")
        out.append(t)
        last = _HEADS.get(ty, "other")
        if ty == "STAR" and out and len(out) >= 2 and out[-2].type == "SUP":
            last = "name"
        i += 1
    if len(stack) > 1:
        frame = stack[-1]
        opener = _OPEN_CHAR[str(frame[0])]
        raise source.error(int(frame[1]), f"'{opener}' opened here is never closed in this row")
    close_frame(stack[0])
    open_integrals.extend(offset for offset, _ in first_diffs)
    for offset, var in first_diffs:
        notes.append(Note(offset, f"the differential d{var} is written first (\\int d{var} \\, f): the integral "
                          "spans the rest of its additive term"))
    return out, repairs, open_integrals


_MATH_START = frozenset("+-=<>*/^_0123456789|")


def _typeset_math(content: str) -> bool:
    """True when the content of a \\text is mathematics as typeset, not commentary: math inside it
    first (``\\mbox{$+1$}``; words first are commentary: ``\\text{where $m = ...$}``), no letter at all (``2\\text{1}`` shows 21), or a start that continues the formula
    (``a = a \\text{ + 1}``)."""
    c = content.strip()
    if not c or all(ch in " .,;:!?'\"" for ch in c) or (c.startswith("(") and c.endswith(")")):
        return False  # punctuation (\text{,}), a label in brackets (\text{(1)})
    return c[0] in _MATH_START or c.startswith(("$", "\\(")) or not any(ch.isalpha() for ch in c)


_ONE_ARGUMENT = frozenset({"FRAC", "SQRT", "SUP", "SUB"})
"""Tokens whose next token may be their argument (``\\frac12``, ``\\sqrt2``, ``x^2``, ``\\log_2``): a number
there is that argument, and a number after it a factor (``x^2 3``)."""


def _past_group(toks: list[Tok], j: int) -> int:
    """The index just past the brace group that opens at ``toks[j]`` (the end of the row if it never closes)."""
    depth = 0
    while j < len(toks):
        depth += {"LBRACE": 1, "RBRACE": -1}.get(toks[j].type, 0)
        j += 1
        if depth == 0:
            break
    return j


def _side_by_side_numbers(toks: list[Tok], source: Source) -> None:
    """An InputError for two numbers with only space between them (``2 5``, ``1\\,000``, ``1~000``): TeX sets
    them as one number, 25 or 1000, and reading them as a product (2 \\cdot 5) would say something else."""
    arguments: set[int] = set()  # the tokens that are an argument of \\frac written without braces
    for i, t in enumerate(toks):
        if t.type != "FRAC":
            continue
        j = i + 1
        for _ in range(2):
            if j < len(toks) and toks[j].type == "LBRACE":
                j = _past_group(toks, j)
            elif j < len(toks):
                arguments.add(j)
                j += 1
    for k in range(len(toks) - 1):
        a, b = toks[k], toks[k + 1]
        if a.type == "NUMBER" and b.type == "NUMBER" and k not in arguments and (
                k == 0 or toks[k - 1].type not in _ONE_ARGUMENT):
            raise source.error(b.offset, f"two numbers stand side by side, {a.value} and {b.value}, with only space "
                               f"between them: TeX sets them as one number ({a.value}{b.value}); write it without "
                               f"the space, or {a.value} \\cdot {b.value} for a product")


def _frac_arguments(toks: list[Tok], source: Source) -> list[Tok]:
    """An argument of ``\\frac`` written without braces is one character, as in LaTeX: ``\\frac12`` is
    ``\\frac{1}{2}``, ``\\frac{1}23`` is ``\\frac{1}{2} 3``; a number token there is split after its first digit."""
    out = list(toks)
    for a, b in zip(out, out[1:]):
        if a.type in ("SUB", "SUP") and b.type == "NUMBER" and len(b.value) > 1:
            what = "subscript" if a.type == "SUB" else "superscript"
            mark = "_" if a.type == "SUB" else "^"
            raise source.error(b.offset, f"a {what} without braces is one character in LaTeX: {mark}{b.value} is "
                               f"typeset {mark}{b.value[0]} followed by {b.value[1:]}; write {mark}{{{b.value}}}")
    i = -1
    while i + 1 < len(out):
        i += 1
        if out[i].type != "FRAC":
            continue
        j = i + 1
        for _ in range(2):
            if j >= len(out):
                break
            t = out[j]
            if t.type == "LBRACE":
                j = _past_group(out, j)
                continue
            if t.type == "NUMBER" and len(t.value) > 1:
                if not t.value.isdigit():
                    raise source.error(t.offset, "write the arguments of \\frac in braces, e.g. \\frac{1}{2}: without "
                                       "braces each argument is one character")
                out[j:j + 1] = [Tok("NUMBER", t.value[0], t.offset, t.offset + 1),
                                Tok("NUMBER", t.value[1:], t.offset + 1, t.end)]
            j += 1
    return out


def _match_close(toks: list[Tok], i: int) -> int:
    """Index of the bracket closing the opener at ``i`` (same kind), or -1."""
    depth = 0
    for k in range(i, len(toks)):
        if toks[k].type in OPENERS:
            depth += 1
        elif toks[k].type in _CLOSE_CHAR:
            depth -= 1
            if depth == 0:
                return k
    return -1


def _compositions(toks: list[Tok], source: Source) -> list[Tok]:
    """``f^* \\circ T(x)`` is ``f^*(T(x))``: a composition applied to an argument is the outer function at the
    inner one's value.  The ``\\circ`` becomes an opening bracket and a closing one follows the factor after it
    (an atom with its scripts and its call); the rightmost first, so ``f \\circ g \\circ h(x)`` is
    ``f(g(h(x)))``.  A ``\\circ`` with no factor after it is an error."""
    if not any(t.type == "CIRC" for t in toks):
        return toks
    out = list(toks)
    for i in range(len(out) - 1, -1, -1):
        t = out[i]
        if t.type != "CIRC":
            continue
        j = _factor_end(out, i + 1)
        if 0 < j < len(out) and out[j].type in ("LPAR", "LBRACK") and out[i + 1].type in ("LETTER", "GREEK"):
            k = _match_close(out, j)  # the inner function's argument (a call is marked later, by _structure)
            j = k + 1 if k > 0 else -1
        if i == 0 or j < 0:
            raise source.error(t.offset, "\\circ composes two functions and is read only between them, applied to "
                               "an argument: f \\circ g(x) is f(g(x))")
        out[i] = Tok("LPAR", "(", t.offset, t.end, synthetic=True)
        out.insert(j, Tok("RPAR", ")", out[j - 1].end, out[j - 1].end, synthetic=True))
    return out


def _script_end(toks: list[Tok], i: int) -> int:
    """Index after the script whose ``_`` or ``^`` is at ``i`` (a brace group or one token)."""
    if i + 1 < len(toks) and toks[i + 1].type == "LBRACE":
        k = _match_close(toks, i + 1)
        return k + 1 if k > 0 else len(toks)
    return min(i + 2, len(toks))


def _primes(toks: list[Tok], source: Source) -> list[Tok]:
    """``f'(y)`` is ``{\\frac{d}{d(y)} f(y)}``: the derivative of a function of one argument, at that argument.

    The braces keep the derivative one factor (``f'(y) g(y)`` is not the derivative of the product).
    The argument must be a variable or a discriminator's value ``D(x)``, where d/dy f(y) is f'(y).
    """
    if not any(t.type == "PRIME" for t in toks):
        return toks
    out: list[Tok] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.type != "PRIME":
            out.append(t)
            i += 1
            continue
        head = out[-1] if out else None
        j = i
        while j < len(toks) and toks[j].type == "PRIME":
            j += 1
        if head is None or head.type not in ("LETTER", "GREEK") or j >= len(toks) or toks[j].type != "LPAR":
            raise source.error(t.offset, "\"'\" is not part of the dialect (no primes or factorials) except the "
                               "derivative of a function applied to one argument, f'(y)")
        if j - i > 1:
            raise source.error(t.offset, "a second derivative f''(y) is not read yet: write \\frac{d}{dy} twice, "
                               "\\frac{d}{dy} \\frac{d}{dy} f(y)")
        close = _match_close(toks, j)
        if close < 0:
            raise source.error(toks[j].offset, "'(' opened here is never closed in this row")
        arg = toks[j + 1:close]
        one_letter = len(arg) == 1 and arg[0].type in ("LETTER", "GREEK")
        applied = (len(arg) >= 3 and arg[0].type == "LETTER" and arg[0].value == "D" and arg[1].type == "LPAR"
                   and _match_close(arg, 1) == len(arg) - 1)
        if not (one_letter or applied):
            written = " ".join(source.text[toks[j].offset:toks[close].end].split())
            raise source.error(toks[j].offset, f"f'{written} is read only at a variable or at a discriminator's "
                               "value: f'(y), f'(D(x)); write the derivative as \\frac{d}{dy} f(y) and put y = "
                               "... in a row of its own")
        out.pop()
        at = head.offset
        out.append(Tok("LBRACE", "{", at, at, synthetic=True))
        out.append(Tok("DERIV", "d", at, at, synthetic=True, opener=at))
        out.append(Tok("LPAR", "(", toks[j].offset, toks[j].end, synthetic=True))
        out.extend(arg)
        out.append(Tok("RPAR", ")", toks[close].offset, toks[close].end, synthetic=True))
        out.append(Tok("RBRACE", "}", at, at, synthetic=True))
        out.append(head)
        out.extend(toks[j:close + 1])
        out.append(Tok("RBRACE", "}", toks[close].end, toks[close].end, synthetic=True))
        i = close + 1
    return out


def _labels(toks: list[Tok], source: Source) -> list[Tok]:
    """Superscript labels are part of a name: ``D^{opt}``, ``V^{\\text{GAN}}``, ``L^{(D)}``, ``p^{*}``.

    Only where the superscript has no other reading: a word of three or more letters or a
    ``\\text``/``\\mathrm`` word (both errors before), ``(W)`` on a capital letter (a sample is
    on a small letter: ``x^{(i)}`` stays a sample), a star on a density's ``p`` or ``q``.
    A power ``x^{ab}`` and a starred discriminator ``D^*`` keep their readings.
    """
    if not any(t.type == "SUP" for t in toks):
        return toks
    out = list(toks)
    i = 0
    while i < len(out):
        t = out[i]
        if t.type != "SUP" or i == 0:
            i += 1
            continue
        # the head: a letter, possibly with a subscript before the superscript
        h = i - 1
        if out[h].type == "RBRACE":
            k = h
            depth = 0
            while k >= 0:
                depth += {"RBRACE": 1, "LBRACE": -1}.get(out[k].type, 0)
                if depth == 0:
                    break
                k -= 1
            h = k - 2 if k >= 2 and out[k - 1].type == "SUB" else -1
        elif h >= 1 and out[h - 1].type == "SUB":
            h -= 2
        if h < 0 or out[h].type not in ("LETTER", "GREEK") or out[h].value == "e":
            i += 1
            continue
        head = out[h]
        end = _script_end(out, i)
        inner = out[i + 1:end]
        label = None
        if inner and inner[0].type == "LBRACE":
            body = inner[1:-1]
            letters = all(x.type == "LETTER" for x in body) and len(body) >= 3 and all(
                body[k + 1].offset == body[k].end for k in range(len(body) - 1))
            if letters:
                label = "".join(x.value for x in body)
            elif len(body) == 1 and body[0].type in ("TEXT", "NAMEWORD") and body[0].value:
                label = body[0].value
            elif (len(body) == 3 and body[0].type == "LPAR" and body[2].type == "RPAR"
                  and body[1].type in ("LETTER", "TEXT", "NAMEWORD") and head.type == "LETTER"
                  and head.value.isupper()):
                label = f"({body[1].value})"
            elif len(body) == 1 and body[0].type == "STAR" and head.value in ("p", "q"):
                label = "*"
        elif len(inner) == 2 and inner[1].type == "STAR" and head.value in ("p", "q") and head.type == "LETTER":
            label = "*"
        if label is None:
            i += 1
            continue
        out[i:end] = [Tok("LABEL", label, t.offset, out[end - 1].end)]
        i += 1
    return out


REFERENCE_MEASURES = frozenset({"mu", "nu"})
"""Greek letters that name the reference measure in a differential (\\int f(p/q) q \\, d\\mu)."""
_WHOLE_SPACES = frozenset({"X", "Y", "Z", "chi", "Omega"})
"""Sets that name the whole sample space in \\int_{x \\in \\mathcal{X}}: read as the support of the densities."""


def _optimisation_sets(toks: list[Tok], source: Source) -> tuple[list[Tok], list[Note]]:
    """``\\sup_{T \\in \\mathcal{T}}`` is an optimisation over T within a set: the set is kept as written.

    The prefix is read only in front of a whole side, and stripped only when both sides have the same
    one, compared as written, set included (``\\sup_{T \\in A}`` against ``\\sup_{T \\in B}`` is not
    checked): the inner expressions then agree for every T, so the suprema over any one set agree.  The set is
    never given a meaning, so nothing is proved about it; a note says so.  The subscript becomes one token, the
    variable, spanning the whole written group, so that the prefix's text is the group as written.
    """
    notes: list[Note] = []
    if not any(t.type == "IN" for t in toks):
        return toks, notes
    out = list(toks)
    i = 0
    while i + 5 < len(out):
        w = out[i:i + 5]
        if (w[0].type == "MAXMIN" and w[1].type == "SUB" and w[2].type == "LBRACE"
                and w[3].type in ("LETTER", "GREEK") and w[4].type == "IN"):
            close = _match_close(out, i + 2)
            if close > i + 5:
                written = " ".join(source.text[w[4].end:out[close].offset].split())
                notes.append(Note(w[4].offset, f"\\{w[0].value} over {w[3].value} in {written}: the set is kept "
                                  "as written; the prefix is stripped only where both sides have the same one"))
                out[i + 2:close + 1] = [Tok(w[3].type, w[3].value, out[i + 2].offset, out[close].end)]
        i += 1
    return out, notes


def _domains(toks: list[Tok], source: Source) -> tuple[list[Tok], list[Note]]:
    """``\\int_{x \\in \\mathcal{X}}`` is ``\\int_x``: an integral over the whole sample space.

    Only a set that names the whole space (:data:`_WHOLE_SPACES`, ``\\mathbb{R}``, ``\\mathbb{R}^d``)
    is read so, with a warning; a set such as A (a subset) stays an error.
    """
    notes: list[Note] = []
    if not any(t.type == "IN" for t in toks):
        return toks, notes
    out = list(toks)
    i = 0
    while i < len(out):
        w = out[i:i + 6]
        if (len(w) >= 6 and w[0].type in ("INT", "SUM") and w[1].type == "SUB" and w[2].type == "LBRACE"
                and w[3].type == "LETTER" and w[4].type == "IN"):
            close = _match_close(out, i + 2)
            domain = out[i + 5:close] if close > 0 else []
            whole = (len(domain) == 1 and domain[0].value in _WHOLE_SPACES) or (
                domain and domain[0].type == "REALS" and (len(domain) == 1 or (
                    len(domain) == 3 and domain[1].type == "SUP")))
            if whole:
                written = " ".join(source.text[domain[0].offset:domain[-1].end].split())
                what = "integral" if w[0].type == "INT" else "sum"
                notes.append(Note(w[4].offset, f"{written} is read as the whole sample space: the {what} over "
                                  f"{w[3].value} runs over the support of the densities"))
                out[i + 2:close + 1] = [w[3]]
        i += 1
    for t in out:
        if t.type == "IN":
            raise source.error(t.offset, "\\in is read only in an integral over the whole space, "
                               "\\int_{x \\in \\mathcal{X}}; write the bounds, \\int_0^1, or declare the support "
                               f"(%! density p on [0, 1]); {_SEE}")
    return out, notes


def _upper_limit_first(toks: list[Tok]) -> list[Tok]:
    """``\\sum^N_{i=1}`` is ``\\sum_{i=1}^N``: the two limits of a sum in either order."""
    out = list(toks)
    for i, t in enumerate(out):
        if t.type == "SUM" and i + 1 < len(out) and out[i + 1].type == "SUP":
            sup_end = _script_end(out, i + 1)
            if sup_end < len(out) and out[sup_end].type == "SUB":
                sub_end = _script_end(out, sup_end)
                out[i + 1:sub_end] = out[sup_end:sub_end] + out[i + 1:sup_end]
    return out


def _digit_subscripts(toks: list[Tok]) -> tuple[list[Tok], list[Note]]:
    """``p1`` (a density's letter with one digit written against it, as plain-text notes write it) is ``p_1``: no
    one writes p times 1 so; a warning says so.  Only p, q, P and Q, and one digit not followed by a point."""
    out: list[Tok] = []
    notes: list[Note] = []
    for i, t in enumerate(toks):
        prev = toks[i - 1] if i > 0 else None
        if (t.type == "NUMBER" and len(t.value) == 1 and prev is not None and prev.type == "LETTER"
                and prev.value in ("p", "q", "P", "Q") and prev.end == t.offset
                and (i < 2 or toks[i - 2].type not in ("SUB", "SUP") or toks[i - 2].end != prev.offset)):
            out.append(Tok("SUB", "_", t.offset, t.offset, synthetic=True))
            notes.append(Note(prev.offset, f"{prev.value}{t.value} is read as {prev.value}_{t.value}, the density "
                              "with that subscript (write it so to silence this warning)"))
        out.append(t)
    return out, notes


_FUNCTION_LETTERS = frozenset("DGpqPQfgh")
"""Letters that name functions (discriminator, generator, densities, free functions): never part of a constant
run after \\log."""


def _constant_run_end(toks: list[Tok], i: int) -> int:
    """Index after the constants juxtaposed from ``i`` on (``\\pi {\\sigma_2}^2`` after ``\\log 2``): letters and
    Greek letters with their scripts, and brace groups of them; -1 when a function letter, a call or anything
    else comes first."""
    j = i
    while j < len(toks):
        t = toks[j]
        if t.type == "GREEK" or (t.type == "LETTER" and t.value not in _FUNCTION_LETTERS and t.value not in "xzd"):
            j += 1
        elif t.type == "LBRACE":
            k = _match_close(toks, j)
            if k < 0 or not all(u.type in ("GREEK", "LETTER", "NUMBER", "SUB", "SUP", "LBRACE", "RBRACE")
                                and not (u.type == "LETTER" and (u.value in _FUNCTION_LETTERS or u.value in "xzd"))
                                for u in toks[j + 1:k]):
                break
            j = k + 1
        elif t.type in ("SUB", "SUP") and j > i:
            if j + 1 >= len(toks):
                return -1
            nxt = toks[j + 1]
            if nxt.type == "LBRACE":
                k = _match_close(toks, j + 1)
                if k < 0:
                    return -1
                j = k + 1
            elif nxt.type in ("NUMBER", "LETTER", "GREEK"):
                j += 2
            else:
                return -1
        else:
            break
    if j == i or (j < len(toks) and toks[j].type in ("LPAR", "CALLPAR", "LBRACK", "CALLBRACK")):
        return -1  # nothing, or the run ends in a call (\log 2 \pi f(x)): not a run of constants
    return j


def _log_constant_runs(toks: list[Tok]) -> tuple[list[Tok], list[Note]]:
    """``\\log 2\\pi\\sigma^2`` and ``\\log 2 \\pi e \\sigma^2`` (no brackets) are the log of the whole product, as
    texts mean them (the entropy of a Gaussian, 1/2 \\log 2\\pi e \\sigma^2), not (\\log 2) \\pi \\sigma^2: a number
    right after \\log followed by constants written beside it; a warning says so.  A number alone (\\log 2), or one
    followed by a function, a variable or an operator, stays the log of the number."""
    out: list[Tok] = []
    notes: list[Note] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        out.append(t)
        if t.type == "LOG" and i + 2 < len(toks) and toks[i + 1].type == "NUMBER":
            end = _constant_run_end(toks, i + 2)
            if end > 0:
                out.append(Tok("LPAR", "(", toks[i + 1].offset, toks[i + 1].offset, synthetic=True))
                out.extend(toks[i + 1:end])
                out.append(Tok("RPAR", ")", toks[end - 1].end, toks[end - 1].end, synthetic=True))
                notes.append(Note(t.offset, "\\log before a number and the constants written beside it is read as "
                                  "the log of their product (\\log 2\\pi\\sigma^2 is \\log(2\\pi\\sigma^2)); write "
                                  "(\\log 2)\\pi\\sigma^2 for the other reading"))
                i = end
                continue
        i += 1
    return out, notes


def _bare_sums(toks: list[Tok]) -> tuple[list[Tok], list[Note]]:
    """``\\sum \\{p(x) \\log q(x)\\}`` (no index, no limits) is ``\\sum_x``: the sum over the points x of an
    alphabet, when the row after it holds x; a warning says so.  Without an x after it, it stays an error."""
    out: list[Tok] = []
    notes: list[Note] = []
    for i, t in enumerate(toks):
        out.append(t)
        if t.type == "SUM" and (i + 1 >= len(toks) or toks[i + 1].type not in ("SUB", "SUP")) \
                and any(u.type == "LETTER" and u.value == "x" for u in toks[i + 1:]):
            out.append(Tok("SUB", "_", t.end, t.end, synthetic=True))
            out.append(Tok("LETTER", "x", t.end, t.end, synthetic=True))
            notes.append(Note(t.offset, "\\sum without an index is read as \\sum_x, the sum over the points x of "
                              "the alphabet (write the index to say otherwise)"))
    return out, notes


_FACTOR_START = frozenset({"LETTER", "GREEK", "NUMBER", "LPAR", "LBRACK", "FRAC", "SQRT", "LOG", "EXP"})


def _factor_end(toks: list[Tok], i: int) -> int:
    """Index after the factor that starts at ``i`` (an atom, its call and its scripts), or -1."""
    if i >= len(toks):
        return -1
    t = toks[i]
    if t.type in ("LPAR", "LBRACK", "LBRACE", "CALLPAR", "CALLBRACK", "EOPEN_P", "EOPEN_B"):
        k = _match_close(toks, i)
        if k < 0:
            return -1
        j = k + 1
    elif t.type in ("NUMBER", "INFTY"):
        j = i + 1
    elif t.type in ("LETTER", "GREEK", "LABEL"):
        j = i + 1
        while j < len(toks) and toks[j].type in ("SUB", "LABEL") or (
                j < len(toks) and toks[j].type == "SUP" and j + 1 < len(toks) and toks[j + 1].type == "STAR"):
            j = _script_end(toks, j) if toks[j].type != "LABEL" else j + 1
        if j < len(toks) and toks[j].type == "CALLPAR":
            k = _match_close(toks, j)
            if k < 0:
                return -1
            j = k + 1
    elif t.type == "FRAC":
        j = i + 1
        for _ in range(2):
            if j < len(toks) and toks[j].type == "LBRACE":
                k = _match_close(toks, j)
                if k < 0:
                    return -1
                j = k + 1
            else:
                j += 1
    else:
        return -1
    return j


def _written(source: Source, toks: list[Tok], i: int, j: int) -> str:
    """The file text of tokens ``i:j``, spaces collapsed."""
    if j <= i:
        return ""
    return " ".join(source.text[toks[i].offset:max(t.end for t in toks[i:j])].split())


def _log_of_sum(toks: list[Tok], i: int) -> bool:
    """True when the \\log at ``i`` (with or without a base, ``\\log_b``) is followed by a \\sum."""
    j = _script_end(toks, i + 1) if i + 1 < len(toks) and toks[i + 1].type == "SUB" else i + 1
    return j < len(toks) and toks[j].type == "SUM"


def _readings(toks: list[Tok], source: Source) -> list[Note]:
    """Warnings for ambiguous notation (entries of kind 'reading' in the notation table)."""
    notes: list[Note] = []
    for i, t in enumerate(toks):
        if t.type == "DIV" and i > 0:
            j = _factor_end(toks, i + 1)
            k = _factor_end(toks, j) if j > 0 and j < len(toks) and toks[j].type in _FACTOR_START else -1
            if k > 0 and toks[i + 1].type not in ("LPAR", "LBRACK", "LBRACE"):
                den, rest = _written(source, toks, i + 1, j), _written(source, toks, j, k)
                notes.append(Note(t.offset, f"'/' takes the next factor only: .../{den} {rest} is read as "
                                  f"(.../{den}) \\cdot {rest}; write .../({den} {rest}) if {den} {rest} is the "
                                  "denominator"))
        elif t.type == "LOG" and _log_of_sum(toks, i):
            notes.append(Note(t.offset, "\\log before a sum without brackets takes the whole sum: \\log \\sum ... is "
                              "read as \\log(\\sum ...), the sum spanning the rest of the term; write "
                              "(\\log \\sum ...) ... if less is the argument"))
        elif t.type in ("LOG", "EXP") and i + 1 < len(toks) and toks[i + 1].type not in (
                "LPAR", "LBRACK", "LBRACE", "CALLPAR", "CALLBRACK"):
            j = _factor_end(toks, i + 1)
            if j < 0:
                continue
            word = "\\" + t.value
            arg = _written(source, toks, i + 1, j)
            if j < len(toks) and toks[j].type == "SUP":
                k = _script_end(toks, j)
                power = _written(source, toks, j, k)
                notes.append(Note(t.offset, f"{word} without brackets takes the next factor with its power: "
                                  f"{word} {arg}{power} is read as {word}({arg}{power}), not ({word} {arg}){power}"))
                j = k
                arg = _written(source, toks, i + 1, j)
            if j < len(toks) and toks[j].type in _FACTOR_START:
                k = _factor_end(toks, j)
                rest = _written(source, toks, j, k if k > 0 else j + 1)
                notes.append(Note(t.offset, f"{word} without brackets takes the next factor only: {word} {arg} {rest} "
                                  f"is read as ({word} {arg}) \\cdot {rest}; write {word}({arg} {rest}) if the "
                                  "product is the argument"))
        elif t.type in ("EOPEN_P", "EOPEN_B"):
            k = _match_close(toks, i)
            if 0 < k < len(toks) - 1 and toks[k + 1].type == "SUP":
                e = max(x for x in range(i, -1, -1) if toks[x].type == "EXPECT")
                power = _written(source, toks, k + 1, _script_end(toks, k + 1))
                notes.append(Note(toks[e].offset, f"a power after an expectation's bracket is of the expectation: "
                                  f"read as (\\mathbb{{E}}[...]){power}, not \\mathbb{{E}}[(...){power}]; put the "
                                  "power inside the brackets if it is of the integrand"))
    return notes


def lex_row(text: str, base: int, source: Source, macros: Macros | None = None) -> Lexed:
    """The tokens of one row, ready for the grammar: the file's macros expanded and the spelling normalised
    by the notation table first."""
    conventional: tuple[tuple[str, int], ...] = ()
    if macros is not None and "\\" in text:
        expanded = expand(text, tuple(range(base, base + len(text) + 1)), macros, source)
        norm = normalise_mapped(expanded.text, expanded.offsets, source)
        conventional = expanded.conventional
    else:
        norm = normalise(text, base, source)
    toks = raw_tokens(norm, source)
    whole = toks
    toks, condition_notes = _conditions(toks, source)
    where = where_formulas(whole, len(toks), source) if condition_notes and len(toks) < len(whole) else ()
    _set_braces(toks, source)
    toks = _frac_arguments(toks, source)
    _side_by_side_numbers(toks, source)
    toks = _invisible_groups(toks)
    toks = _drop_trailing_punctuation(toks, source)
    toks = _labels(toks, source)
    toks = _words(toks, source)
    toks = _chi_square(toks, source)
    toks = _single_bars(toks, source)
    toks = _bare_jsd(toks, source)
    toks = _expectations_and_derivatives(toks)
    toks = _primes(toks, source)
    toks = _compositions(toks, source)
    toks, digit_notes = _digit_subscripts(toks)
    toks, set_notes = _optimisation_sets(toks, source)
    toks, domain_notes = _domains(toks, source)
    domain_notes = set_notes + domain_notes
    toks = _upper_limit_first(toks)
    toks, bare_notes = _bare_sums(toks)
    toks, log_notes = _log_constant_runs(toks)
    domain_notes = domain_notes + bare_notes + digit_notes + log_notes
    for t in toks:
        if t.type == "PARTIAL":
            raise source.error(t.offset, "\\partial is only read in \\frac{\\partial}{\\partial D(x)}")
    toks, stray_notes = _stray_closers(toks, source)
    structure_notes: list[Note] = []
    out, repairs, open_integrals = _structure(toks, source, structure_notes)
    spelled = [Note(offset, message) for offset, message in norm.notes]
    return Lexed(tuple(out), tuple(repairs), tuple(open_integrals),
                 tuple(spelled + condition_notes + domain_notes + stray_notes + structure_notes
                       + _readings(out, source)), conventional, where)
