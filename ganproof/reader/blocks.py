"""From file text to display-math blocks, rows and directives (the format reference, section 1).

Only display math is read: the environments of :data:`ENVIRONMENTS` (``aligned``, ``align``,
``equation``, ``eqnarray``, ``multline``, ``alignat``, ..., starred or not), ``$$ ... $$``,
``\\[ ... \\]`` and, in Markdown, GitHub's ```` ```math ```` fences.  LaTeX comments, and in
Markdown HTML comments ``<!-- ... -->``, are blanked (replaced by spaces, so that every offset
still points into the original text); a comment ``% by RULE`` names the justification of the
row it ends, a line starting with ``%!`` is a directive.  Rows are split at ``\\\\``;
``\\tag{RULE}`` is taken out of its row, and a tag that is an equation number (``\\tag{4}``)
is dropped, as are ``\\label{..}``, ``\\nonumber`` and ``\\notag``.  Nothing here interprets
mathematics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ganproof.reader.limits import MAX_DIRECTIVES, MAX_ROW_CHARS, MAX_ROWS
from ganproof.reader.source import Source

ENVIRONMENTS = ("aligned", "align*", "align", "equation*", "equation", "split", "gather*", "gather",
                "eqnarray*", "eqnarray", "multline*", "multline", "flalign*", "flalign", "alignat*", "alignat",
                "alignedat")
"""The display environments read as one chain each (``alignat`` and ``alignedat`` take a column count)."""
_FENCE = r"^[ \t]*```+[ \t]*math[ \t]*$"
_OPEN = re.compile(r"\\begin\{(" + "|".join(re.escape(e) for e in ENVIRONMENTS) + r")\}|\$\$|\\\[|" + _FENCE,
                   re.M)
_FENCE_CLOSE = re.compile(r"^[ \t]*```+[ \t]*$", re.M)
_COLUMNS = re.compile(r"\s*\{\s*\d+\s*\}")
_HTML_COMMENT = re.compile(r"<!--.*?(-->|\Z)", re.S)
_MARKDOWN = (".md", ".markdown")
_TAG = re.compile(r"\\tag\*?\{([^{}]*)\}")
_EQUATION_NUMBER = re.compile(r"^\s*(\(?[A-Za-z]{0,3}\.?\s*[\d.]+[a-z']*\)?|\(?\*+\)?|\(?[ivxIVX]+\)?|\([^()]*\))\s*$")
"""A tag that numbers the equation (``4``, ``(4)``, ``A.1``, ``3b``, ``*``, ``(ii)``), not a rule name."""
_NUMBERING = re.compile(r"\\label\s*\{[^{}]*\}|\\nonumber\b|\\notag\b")
_BY = re.compile(r"^\s*by\s+([A-Za-z][\w-]*)\s*$")
_ROW_SPLIT = re.compile(r"\\\\(\s*\[[^\]]*\])?")
_IMPLIES = re.compile(r"\\(?:Longleftrightarrow|Leftrightarrow|Longrightarrow|Rightarrow|implies|iff)(?![A-Za-z])")
"""The implications that join a sequence of equations; a row is split at each (the piece after it is a new row)."""
_TRAILING_NUMBER = re.compile(r"(?:\\qquad|\\quad|\\hfill|\\hspace\*?\{[^{}]*\})\s*(\(\s*[A-Za-z]?\.?\d+[a-z]?\s*\))\s*[.,]?\s*$")
"""An equation number written at the end of a row after a space command (``\\qquad (4)``): not mathematics."""


@dataclass(frozen=True)
class Directive:
    """A ``%!`` line: its text after ``%!`` and the offset where that text starts."""

    offset: int
    text: str


@dataclass(frozen=True)
class Row:
    """One row of a display block: a span of the (comment-blanked) text."""

    start: int
    end: int
    text: str
    rule: str | None = None
    rule_offset: int | None = None
    joined: bool = False
    """True when an implication (``\\Rightarrow``, ``\\implies``, ``\\iff``, ...) joins this row to the one
    before: the block is then a sequence of equations, each following from the one before."""
    joined_offset: int = 0


@dataclass(frozen=True)
class Block:
    """One display-math block: each is one chain."""

    start: int
    end: int
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Layout:
    """The blocks and directives of a file, in the order they appear."""

    blocks: tuple[Block, ...]
    directives: tuple[Directive, ...]


def _comment_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every LaTeX comment: from an unescaped % to the end of its line."""
    spans = []
    i = 0
    n = len(text)
    while i < n:
        j = text.find("%", i)
        if j < 0:
            break
        backslashes = 0
        k = j - 1
        while k >= 0 and text[k] == "\\":
            backslashes += 1
            k -= 1
        if backslashes % 2 == 1:
            i = j + 1
            continue
        end = text.find("\n", j)
        end = n if end < 0 else end
        spans.append((j, end))
        i = end
    return spans


def _blank(chars: list[str], start: int, end: int) -> None:
    for k in range(start, end):
        if chars[k] != "\n":
            chars[k] = " "


def _closing(env_match: re.Match[str]) -> str:
    tok = env_match.group(0)
    if tok == "$$":
        return "$$"
    if tok == "\\[":
        return "\\]"
    return "\\end{" + env_match.group(1) + "}"


def read_layout(source: Source) -> Layout:
    """Blocks, rows and directives of ``source``; an InputError for an unclosed block."""
    text = source.text
    chars = list(text)
    if source.name.lower().endswith(_MARKDOWN):
        # an HTML comment in Markdown is not shown: nothing in it is read, not even a %! line
        for m in _HTML_COMMENT.finditer(text):
            _blank(chars, m.start(), m.end())
        text = "".join(chars)
    directives: list[Directive] = []
    by_comments: list[tuple[int, str, int]] = []  # (comment offset, rule, rule offset)
    for start, end in _comment_spans(text):
        body = text[start + 1:end]
        line_start = text.rfind("\n", 0, start) + 1
        if body.startswith("!") and not text[line_start:start].strip():
            if len(directives) >= MAX_DIRECTIVES:
                raise source.error(start, f"more than {MAX_DIRECTIVES} directives (%! lines) in one file; "
                                   "split the file")
            directives.append(Directive(start + 2, body[1:]))
        else:
            m = _BY.match(body)
            if m:
                by_comments.append((start, m.group(1), start + 1 + m.start(1)))
        _blank(chars, start, end)
    masked = "".join(chars)

    blocks: list[Block] = []
    pos = 0
    total_rows = 0
    while True:
        m = _OPEN.search(masked, pos)
        if m is None:
            break
        body = m.end()
        if m.group(0).lstrip().startswith("`"):
            fence = _FENCE_CLOSE.search(masked, m.end())
            if fence is None:
                raise source.error(m.start(), "the ```math fence opened here is never closed: expected a line ``` "
                                   "after it")
            end, closing = fence.start(), fence.group(0)
        else:
            closing = _closing(m)
            if m.group(1) in ("alignat", "alignat*", "alignedat"):
                cols = _COLUMNS.match(masked, body)
                body = cols.end() if cols else body
            end = masked.find(closing, body)
            if end < 0:
                what = m.group(0)
                raise source.error(m.start(), f"display math opened with {what} is never closed: "
                                   f"expected {closing} after it")
        rows = _rows(source, masked, body, end)
        total_rows += len(rows)
        if total_rows > MAX_ROWS:
            raise source.error(m.start(), f"more than {MAX_ROWS} rows of display math in one file; split the file")
        blocks.append(Block(m.start(), end + len(closing), tuple(rows)))
        pos = end + len(closing)

    blocks = [_attach_by(b, by_comments, masked) for b in blocks]
    return Layout(tuple(blocks), tuple(directives))


def _rows(source: Source, masked: str, start: int, end: int) -> list[Row]:
    rows: list[Row] = []
    pos = start
    pieces: list[tuple[int, int]] = []
    for m in _ROW_SPLIT.finditer(masked, start, end):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, end))
    split: list[tuple[int, int, int | None]] = []  # (start, end, offset of the implication joining it)
    for a, b in pieces:
        joined: int | None = None
        for m in _IMPLIES.finditer(masked, a, b):
            split.append((a, m.start(), joined))
            a, joined = m.end(), m.start()
        split.append((a, b, joined))
    for a, b, joined_at in split:
        seg = _NUMBERING.sub(lambda n: " " * len(n.group(0)), masked[a:b])
        number = _TRAILING_NUMBER.search(seg)
        if number is not None:
            seg = seg[:number.start()] + " " * (number.end() - number.start()) + seg[number.end():]
        rule = rule_offset = None
        for t in [t for t in _TAG.finditer(seg) if _EQUATION_NUMBER.match(t.group(1))]:
            # an equation number: not a rule
            seg = seg[:t.start()] + " " * (t.end() - t.start()) + seg[t.end():]
        tags = list(_TAG.finditer(seg))
        if len(tags) > 1:
            raise source.error(a + tags[1].start(), "a row names more than one \\tag{...}; keep one rule per row")
        if tags:
            t = tags[0]
            rule, rule_offset = t.group(1).strip(), a + t.start(1)
            seg = seg[:t.start()] + " " * (t.end() - t.start()) + seg[t.end():]
        if not seg.replace("&", " ").strip():
            continue
        if b - a > MAX_ROW_CHARS:
            first = a + (len(seg) - len(seg.lstrip()))  # the row's first character, not the line break before it
            raise source.error(first, f"a row of {b - a} characters is longer than the limit of {MAX_ROW_CHARS}; "
                               "split it with \\\\")
        rows.append(Row(a, b, seg, rule, rule_offset, joined_at is not None, joined_at or 0))
    return rows


def _attach_by(block: Block, by_comments: list[tuple[int, str, int]], masked: str) -> Block:
    """Give each ``% by RULE`` comment inside the block to the row it ends."""
    rows = list(block.rows)
    for offset, rule, rule_offset in by_comments:
        if not block.start <= offset <= block.end:
            continue
        k = offset - 1
        while k >= block.start and masked[k].isspace():
            k -= 1
        for i, row in enumerate(rows):
            content_end = row.start + len(row.text.rstrip())
            if row.start <= k < max(row.end, content_end) or (k < row.start and i == 0):
                target = i
                break
        else:
            target = max((i for i, r in enumerate(rows) if r.start <= k), default=None)
            if target is None:
                continue
        if rows[target].rule is None:
            from dataclasses import replace
            rows[target] = replace(rows[target], rule=rule, rule_offset=rule_offset)
    return Block(block.start, block.end, tuple(rows))
