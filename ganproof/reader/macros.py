"""User macros: the ``\\newcommand``, ``\\def``, ``\\DeclareMathOperator`` and ``\\let`` of a file, expanded.

People paste a paper's LaTeX with its macros (``\\E``, ``\\vx``, ``\\pdata``, ``\\KL``) and a blog's
MathJax with the ``\\newcommand`` it put in its first display.  :func:`find_definitions` reads every
definition in a file (in the preamble, in prose, inside a display) and gives the spans to blank, so
that no row holds one; :func:`expand` replaces each use of a macro in a row by its body, its
arguments substituted, by the project's own scanner (no TeX is run).  A macro's body is only text:
expanding it changes spelling, never mathematics, and the normaliser and the lexer then read the
result as if it had been written out.

Every character of an expansion keeps a file offset (an argument's characters their own, the body's
that of the macro's use), so that errors point into the text as written.  Expansion is bounded:
macros nest at most :data:`MAX_MACRO_DEPTH` deep and a row expands to at most
:data:`MAX_EXPANDED_CHARS` characters (a macro that expands into itself is an error at its use).

A macro that the file does not define but that the machine-learning paper templates define the
same way (the ``math_commands.tex`` of the ICLR, NeurIPS and Goodfellow et al. templates:
``\\E`` is ``\\mathbb{E}``, ``\\vx`` is a bold x) is read with that definition, and a warning says
so once per file (:data:`CONVENTIONAL`); any other undefined command stays an error at its position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

from ganproof.reader.source import Source

MAX_MACRO_DEPTH = 20
"""Macros nested in one another (a macro that expands into itself stops here)."""
MAX_EXPANDED_CHARS = 20_000
"""Characters of one row after its macros are expanded."""
MAX_MACROS = 2_000
"""Macro definitions in one file."""


@dataclass(frozen=True)
class Macro:
    """One definition: ``\\name`` with ``params`` arguments (the first optional, with ``default``, when
    ``default`` is not None) and its ``body`` (``#1`` ... ``#9`` for the arguments)."""

    name: str
    params: int
    default: str | None
    body: str
    offset: int
    conventional: bool = False
    """True for a definition of :data:`CONVENTIONAL` (not in the file: a warning says so at the first use)."""
    scope_end: int | None = None
    """In a LaTeX file, the offset where the group holding the definition closes (a brace group, an
    environment, math): TeX forgets the definition there.  None: to the end of the file (Markdown's MathJax
    keeps every definition)."""
    literal: bool = False
    """True for a ``\\let`` copy of a command the file does not define: its body is that command as LaTeX
    defines it, never expanded by a later redefinition (``\\let\\oldlog\\log`` then ``\\renewcommand{\\log}``)."""


def _vectors() -> dict[str, str]:
    letters = {f"v{c}": f"\\boldsymbol{{{c}}}" for c in "abcdefghijklmnopqrstuvwxyz"}
    letters.update({"vtheta": "\\boldsymbol{\\theta}", "vmu": "\\boldsymbol{\\mu}", "vepsilon": "\\boldsymbol{\\epsilon}",
                    "rvx": "\\mathbf{x}", "rvz": "\\mathbf{z}", "rvy": "\\mathbf{y}"})
    return letters


CONVENTIONAL: dict[str, str] = {
    "E": "\\mathbb{E}",
    "R": "\\mathbb{R}",
    "KL": "D_{\\mathrm{KL}}",
    "pdata": "p_{\\mathrm{data}}",
    "pmodel": "p_{\\mathrm{model}}",
    "Ls": "\\mathcal{L}",
    "eps": "\\epsilon",
    **_vectors(),
    "d": "\\mathrm{d}",
}
"""Macros that the machine-learning paper templates define one way (``math_commands.tex`` of the ICLR
and NeurIPS templates and of Goodfellow et al.'s book), and ``\\d``, the upright differential of notes and
blogs (``\\int f(x) \\, \\d x``; LaTeX's own ``\\d`` is a text accent, no command in math): read so when
the file does not define them."""

CONVENTIONAL_SOURCE: dict[str, str] = {
    "d": "as notes and blogs define it for the upright differential (\\newcommand{\\d}{\\mathrm{d}})",
}
"""Where a :data:`CONVENTIONAL` macro's reading comes from, for the warning at its first use (the others: the
paper templates' ``math_commands.tex``)."""
TEMPLATES_SOURCE = "as the machine-learning paper templates define it (math_commands.tex)"


def conventional_source(name: str) -> str:
    """The phrase that says where the conventional reading of ``\\name`` comes from."""
    return CONVENTIONAL_SOURCE.get(name, TEMPLATES_SOURCE)

_DEFINERS = re.compile(r"\\(newcommand|renewcommand|providecommand|DeclareMathOperator|def|let)(\*?)(?![A-Za-z])")
_NAME = re.compile(r"\s*\\([A-Za-z]+|.)")
_BRACED_NAME = re.compile(r"\s*\{\s*\\([A-Za-z]+|.)\s*\}")
_COUNT = re.compile(r"\s*\[\s*(\d)\s*\]")
_DEF_PARAMS = re.compile(r"((?:#\d)*)")
_LET_TARGET = re.compile(r"\s*=?\s*(\\[A-Za-z]+|\\.|[^\s\\])")


def _group(text: str, i: int) -> tuple[int, int] | None:
    """(content start, end after the closing brace) of the brace group at ``i`` (after spaces), or None."""
    k = i
    while k < len(text) and text[k].isspace():
        k += 1
    if k >= len(text) or text[k] != "{":
        return None
    depth = 0
    j = k
    while j < len(text):
        c = text[j]
        if c == "\\":
            j += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return k + 1, j + 1
        j += 1
    return None


def _optional(text: str, i: int) -> tuple[str, int] | None:
    """The content of an optional argument ``[...]`` at ``i`` (after spaces) and the position after it."""
    k = i
    while k < len(text) and text[k].isspace():
        k += 1
    if k >= len(text) or text[k] != "[":
        return None
    depth = 0
    for j in range(k, len(text)):
        if text[j] == "{":
            depth += 1
        elif text[j] == "}":
            depth -= 1
        elif text[j] == "]" and depth == 0:
            return text[k + 1:j], j + 1
    return None


LATEX_DEFINED = frozenset({
    "hat", "widehat", "tilde", "widetilde", "bar", "overline", "underline", "vec", "dot", "ddot", "check",
    "breve", "acute", "grave", "mathring", "prime", "ast", "star", "cdots", "ldots", "dots", "sin", "cos", "tan",
    "det", "dim", "lim", "sup", "inf", "max", "min", "arg", "Pr", "mathbb", "mathcal", "newcommand", "def", "let",
})
"""Commands LaTeX (with amsmath) defines that the reader does not read as such; with every command the reader
reads (:func:`ganproof.reader.notation.known_command`), a ``\\providecommand`` of one of them does nothing."""


def latex_defines(name: str) -> bool:
    """True when ``\\name`` is a command of LaTeX itself (the reader's or one of :data:`LATEX_DEFINED`)."""
    from ganproof.reader.notation import known_command

    return name in LATEX_DEFINED or known_command(name)


def _group_ends(masked: str) -> list[tuple[int, int]]:
    """(open, close) of every TeX group of a LaTeX text: brace groups, environments, and math (``$...$``,
    ``$$...$$``, ``\\[...\\]``, ``\\(...\\)``); a group never closed runs to the end of the text."""
    groups: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    n = len(masked)
    i = 0
    env = re.compile(r"\\(begin|end)\s*\{([^{}]*)\}")

    def close(kind: str, at: int, end: int) -> None:
        for k in range(len(stack) - 1, -1, -1):
            if stack[k][0] == kind:
                for _ in range(len(stack) - k):
                    groups.append((stack.pop()[1], end))
                return

    while i < n:
        c = masked[i]
        if c == "\\":
            m = env.match(masked, i)
            if m:
                if m.group(1) == "begin":
                    stack.append(("env:" + m.group(2).strip(), i))
                else:
                    close("env:" + m.group(2).strip(), i, m.end())
                i = m.end()
                continue
            nxt = masked[i + 1:i + 2]
            if nxt in ("[", "("):
                stack.append(("\\" + nxt, i))
            elif nxt in ("]", ")"):
                close("\\" + ("[" if nxt == "]" else "("), i, i + 2)
            i += 2
            continue
        if c == "{":
            stack.append(("{", i))
        elif c == "}":
            if stack and stack[-1][0] == "{":
                groups.append((stack.pop()[1], i + 1))
        elif c == "$":
            kind = "$$" if masked.startswith("$$", i) else "$"
            if stack and stack[-1][0] == kind:
                groups.append((stack.pop()[1], i + len(kind)))
            else:
                stack.append((kind, i))
            i += len(kind)
            continue
        i += 1
    while stack:
        groups.append((stack.pop()[1], n))
    return groups


def _scope_end(groups: list[tuple[int, int]], at: int) -> int | None:
    """Where the innermost group holding ``at`` closes, or None when none holds it."""
    inner = [b for a, b in groups if a < at < b]
    return min(inner) if inner else None


def _resolve_let(mac: Macro, macros: list[Macro]) -> Macro:
    """A ``\\let`` copies the meaning its target has at the \\let, not at each use: the file's definition in
    force there (itself resolved), else the command as LaTeX defines it (a literal copy)."""
    m = _CMD.fullmatch(mac.body)
    if m is None:
        return mac
    target = Macros([x for x in macros if x.offset < mac.offset]).at(m.group(1), mac.offset)
    if target is None or target.conventional:
        return Macro(mac.name, 0, None, mac.body, mac.offset, scope_end=mac.scope_end, literal=True)
    return Macro(mac.name, target.params, target.default, target.body, mac.offset, scope_end=mac.scope_end,
                 literal=target.literal)


def find_definitions(masked: str, source: Source, latex: bool = False) -> tuple[list[Macro], list[tuple[int, int]]]:
    """Every macro definition of the (comment-blanked) text, in order, and the spans it occupies; an
    InputError for a definition that cannot be read.  With ``latex`` (a LaTeX file, not Markdown's MathJax)
    TeX's rules hold: a definition lasts to the end of its group, and ``\\newcommand`` cannot redefine a
    command (LaTeX stops with an error there)."""
    groups = _group_ends(masked) if latex else []
    macros: list[Macro] = []
    spans: list[tuple[int, int]] = []
    for m in _DEFINERS.finditer(masked):
        if spans and m.start() < spans[-1][1]:
            continue  # inside the body of the definition before (\newcommand{\a}{\def...})
        kind, star = m.group(1), m.group(2)
        pos = m.end()
        named = _BRACED_NAME.match(masked, pos) or _NAME.match(masked, pos)
        if named is None:
            raise source.error(m.start(), f"\\{kind} needs the name of the macro, e.g. \\{kind}{{\\E}}{{\\mathbb{{E}}}}")
        name, pos = named.group(1), named.end()
        params, default = 0, None
        if kind == "let":
            target = _LET_TARGET.match(masked, pos)
            if target is None:
                raise source.error(m.start(), f"\\let\\{name} needs the command it copies, e.g. \\let\\{name}\\epsilon")
            body, end = target.group(1), target.end()
        elif kind == "def":
            ps = _DEF_PARAMS.match(masked, pos)
            assert ps is not None
            marks = ps.group(1)
            params = len(marks) // 2
            if marks != "".join(f"#{k}" for k in range(1, params + 1)):
                raise source.error(m.start(), f"\\def\\{name} has parameters {marks!r}: only #1#2... in order are read")
            g = _group(masked, ps.end())
            if g is None:
                raise source.error(m.start(), f"\\def\\{name} needs its body in braces (delimited parameters are not "
                                   "read)")
            body, end = masked[g[0]:g[1] - 1], g[1]
        else:
            if kind != "DeclareMathOperator":
                count = _COUNT.match(masked, pos)
                if count is not None:
                    params, pos = int(count.group(1)), count.end()
                    opt = _optional(masked, pos)
                    if opt is not None:
                        default, pos = opt
            g = _group(masked, pos)
            if g is None:
                raise source.error(m.start(), f"\\{kind}{{\\{name}}} needs its body in braces")
            body, end = masked[g[0]:g[1] - 1], g[1]
            if kind == "DeclareMathOperator":
                body = ("\\operatorname*{" if star else "\\operatorname{") + body + "}"
        if params > 9:
            raise source.error(m.start(), f"\\{name} takes {params} arguments: at most 9")
        if len(macros) >= MAX_MACROS:
            raise source.error(m.start(), f"more than {MAX_MACROS} macro definitions in one file")
        scope = _scope_end(groups, m.start()) if latex else None
        defined_here = Macros(macros).at(name, m.start()) if macros else None
        defined_here = defined_here if defined_here is not None and not defined_here.conventional else None
        if kind == "providecommand" and (defined_here is not None or latex_defines(name)):
            spans.append((m.start(), end))  # \providecommand does nothing to a command already defined
            continue
        if latex and kind == "newcommand" and (defined_here is not None or latex_defines(name)):
            raise source.error(m.start(), f"\\newcommand{{\\{name}}} defines a command that is already defined "
                               f"({'above' if defined_here is not None else 'by LaTeX'}): LaTeX stops with an error "
                               f"here and keeps the old meaning; write \\renewcommand{{\\{name}}} to redefine it")
        mac = Macro(name, params, default, body, m.start(), scope_end=scope)
        if kind == "let":
            mac = _resolve_let(mac, macros)
        macros.append(mac)
        spans.append((m.start(), end))
    return macros, spans


class Macros:
    """The macros of a file, by name, each use resolved to the definition in force at it."""

    def __init__(self, macros: list[Macro]) -> None:
        self.by_name: dict[str, list[Macro]] = {}
        for mac in macros:
            self.by_name.setdefault(mac.name, []).append(mac)

    def at(self, name: str, offset: int) -> Macro | None:
        """The definition of ``\\name`` in force at ``offset`` (the last one before it whose group is still
        open; else, when none stands before it, the first after it, as a page's MathJax reads them), or the
        conventional one when the file has none.  None when every definition before it has gone out of scope
        (TeX's group closed): the command is then unknown there."""
        found = self.by_name.get(name)
        if found:
            before = [mac for mac in found if mac.offset < offset]
            live = [mac for mac in before if mac.scope_end is None or offset < mac.scope_end]
            if live:
                return live[-1]
            return None if before else found[0]
        if name in CONVENTIONAL:
            return Macro(name, 0, None, CONVENTIONAL[name], -1, conventional=True)
        return None

    def __bool__(self) -> bool:
        return True


_CMD = re.compile(r"\\([A-Za-z]+|.)", re.S)
_PARAM = re.compile(r"#(\d)")
_ATOM_GROUP = re.compile(r"^\{\s*(\\[A-Za-z]+\s*(\{[^{}]*\})?|[A-Za-z0-9])\s*\}$")
"""A body that is one group around one symbol (``{\\bm{x}}``, ``{\\epsilon}``): the group is dropped."""


@dataclass(frozen=True)
class Expanded:
    """A row after its macros are expanded: the text, the file offset of each character (and one past the
    end), and the conventional macros used (name, offset of the first use)."""

    text: str
    offsets: tuple[int, ...]
    conventional: tuple[tuple[str, int], ...] = ()


def expand(text: str, offsets: tuple[int, ...], macros: Macros | Mapping[str, Macro], source: Source) -> Expanded:
    """``text`` (``offsets`` its characters' file offsets, one more past the end) with every macro use
    replaced by the definition's body; an InputError at a use that nests too deep or grows too long."""
    table = macros if isinstance(macros, Macros) else Macros(list(macros.values()))
    used: dict[str, int] = {}
    chars, offs = _expand(text, list(offsets[:len(text)]), table, source, 0, used)
    return Expanded("".join(chars), tuple(offs) + (offsets[len(text)],), tuple(used.items()))


def _arg(text: str, offs: list[int], i: int) -> tuple[str, list[int], int] | None:
    """One argument of a macro at ``i``: a brace group's content or one token (a command or a character)."""
    k = i
    while k < len(text) and text[k].isspace():
        k += 1
    if k >= len(text):
        return None
    g = _group(text, k)
    if g is not None:
        return text[g[0]:g[1] - 1], offs[g[0]:g[1] - 1], g[1]
    if text[k] == "}":
        return None
    m = _CMD.match(text, k)
    end = m.end() if m else k + 1
    return text[k:end], offs[k:end], end


def _expand(text: str, offs: list[int], table: Macros, source: Source, depth: int,
            used: dict[str, int]) -> tuple[list[str], list[int]]:
    out: list[str] = []
    out_offs: list[int] = []
    i = 0
    n = len(text)
    while i < n:
        if text[i] != "\\":
            j = text.find("\\", i)
            j = n if j < 0 else j
            out.extend(text[i:j])
            out_offs.extend(offs[i:j])
            i = j
            continue
        m = _CMD.match(text, i)
        if m is None:  # a lone backslash at the end of the row: the lexer reports it
            out.append(text[i])
            out_offs.append(offs[i])
            i += 1
            continue
        mac = table.at(m.group(1), offs[i])
        if mac is None:
            out.extend(m.group(0))
            out_offs.extend(offs[i:m.end()])
            i = m.end()
            continue
        at = offs[i]
        if depth >= MAX_MACRO_DEPTH:
            raise source.error(at, f"\\{mac.name} expands into itself, or macros nest deeper than the limit of "
                               f"{MAX_MACRO_DEPTH}")
        if mac.conventional:
            used.setdefault(mac.name, at)
        pos = m.end()
        args: list[tuple[str, list[int]]] = []
        for k in range(mac.params):
            if k == 0 and mac.default is not None:
                opt = _optional(text, pos)
                if opt is not None:
                    start = text.index("[", pos) + 1
                    args.append((opt[0], offs[start:start + len(opt[0])]))
                    pos = opt[1]
                else:
                    args.append((mac.default, [at] * len(mac.default)))
                continue
            got = _arg(text, offs, pos)
            if got is None:
                raise source.error(at, f"\\{mac.name} takes {mac.params} argument{'s' if mac.params > 1 else ''}; "
                                   f"argument {k + 1} is missing")
            args.append((got[0], got[1]))
            pos = got[2]
        body_chars: list[str] = []
        body_offs: list[int] = []
        body = mac.body
        if not mac.params and _ATOM_GROUP.match(body.strip()):
            body = body.strip()[1:-1]  # {\bm{x}}: a group around one symbol changes nothing
        last = 0
        for p in _PARAM.finditer(body):
            body_chars.extend(body[last:p.start()])
            body_offs.extend([at] * (p.start() - last))
            k = int(p.group(1))
            if 1 <= k <= len(args):
                body_chars.extend(args[k - 1][0])
                body_offs.extend(args[k - 1][1])
            last = p.end()
        body_chars.extend(body[last:])
        body_offs.extend([at] * (len(body) - last))
        if mac.literal:  # \let's copy of a command LaTeX defines: that command, whatever the file redefines later
            inner, inner_offs = body_chars, body_offs
        else:
            inner, inner_offs = _expand("".join(body_chars), body_offs, table, source, depth + 1, used)
        # a space on each side keeps the expansion apart from what is around it (\alpha then b is not \alphab)
        out.append(" ")
        out_offs.append(at)
        out.extend(inner)
        out_offs.extend(inner_offs)
        out.append(" ")
        out_offs.append(at)
        if len(out) > MAX_EXPANDED_CHARS:
            raise source.error(at, f"expanding the macros makes this row longer than the limit of "
                               f"{MAX_EXPANDED_CHARS} characters")
        i = pos
    return out, out_offs
