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

import html
import re
from urllib.parse import unquote
from dataclasses import dataclass, replace
from collections.abc import Sequence

from ganproof.reader.limits import MAX_DIRECTIVES, MAX_ROW_CHARS, MAX_ROWS
from ganproof.reader.macros import Macro, find_definitions
from ganproof.reader.source import Source
from ganproof.reader.words import conjunction

ENVIRONMENTS = ("aligned", "align*", "align", "equation*", "equation", "split", "gathered", "gather*", "gather",
                "eqnarray*", "eqnarray", "multline*", "multline", "flalign*", "flalign", "alignat*", "alignat",
                "alignedat")
"""The display environments read as one chain each (``alignat`` and ``alignedat`` take a column count)."""
_FENCE = r"^[ \t]*```+[ \t]*math[ \t]*$"
_LIQUID = r"\{%\s*math\s*%\}"
"""Jekyll's Liquid math tag ``{% math %} ... {% endmath %}`` (the Stanford course notes)."""
_OPEN = re.compile(r"\\begin\{(" + "|".join(re.escape(e) for e in ENVIRONMENTS) + r")\}|\$\$|\\\[|" + _FENCE + "|"
                   + _LIQUID, re.M)
_LIQUID_CLOSE = re.compile(r"\{%\s*endmath\s*%\}")
_FENCE_CLOSE = re.compile(r"^[ \t]*```+[ \t]*$", re.M)
_COLUMNS = re.compile(r"\s*\{\s*\d+\s*\}")
_HTML_COMMENT = re.compile(r"<!--.*?(-->|\Z)", re.S)
_MARKDOWN = (".md", ".markdown", ".mdown", ".mkd", ".ipynb")
"""Markdown files (a notebook's text is its Markdown cells)."""
_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "le": "\\le", "ge": "\\ge", "nbsp": " ", "minus": "-",
             "times": "\\times", "#60": "<", "#62": ">", "#38": "&"}
"""HTML entities a page's math may hold as pasted, and what they show (each no longer than its entity)."""
_HTML_ENTITY = re.compile(r"&(" + "|".join(re.escape(k) for k in _ENTITIES) + r");")
_ESCAPED_STAR = re.compile(r"\\(?:begin|end)\s*\{[A-Za-z]+(\\\*)\}")
"""A display environment's name with its star escaped for Markdown (``\\begin{align\\*}``)."""
_TAG = re.compile(r"\\tag\*?\{([^{}]*)\}")
_EQUATION_NUMBER = re.compile(r"^\s*(\(?[A-Za-z]{0,3}\.?\s*[\d.]+[a-z']*\)?|\(?\*+\)?|\(?[ivxIVX]+\)?|\([^()]*\))\s*$")
"""A tag that numbers the equation (``4``, ``(4)``, ``A.1``, ``3b``, ``*``, ``(ii)``), not a rule name."""
_NUMBERING = re.compile(r"\\label\s*\{[^{}]*\}|\\nonumber\b|\\notag\b")
_BY = re.compile(r"^\s*by\s+([A-Za-z][\w-]*)\s*$")
_ROW_SPLIT = re.compile(r"\\\\(\s*\[[^\]]*\])?|\\newline(?![A-Za-z])|\\cr(?![A-Za-z])")
"""A row break: ``\\\\`` (with an optional spacing ``[2mm]``), ``\\newline`` or ``\\cr`` (MathJax reads all three)."""
_IMPLIES = re.compile(r"\\(?:Longleftrightarrow|Leftrightarrow|Longrightarrow|Rightarrow|implies|iff)(?![A-Za-z])")
"""The implications that join a sequence of equations; a row is split at each (the piece after it is a new row)."""
_EQUIVALENCE = re.compile(r"\\(?:Longleftrightarrow|Leftrightarrow|iff)$")
"""The implications among them that claim both directions."""
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
    both_ways: bool = False
    """True when that implication is an equivalence (``\\Leftrightarrow``, ``\\iff``): the row before must then
    follow from this one as well."""
    said: str | None = None
    """The word that joins this row to the formula before it on one line (``\\int p = 1 \\text{, so } \\int q =
    1``): the row was split there, and this formula is a statement of its own (:func:`_word_splits`)."""


@dataclass(frozen=True)
class Block:
    """One display-math block (or one inline formula): each is one chain."""

    start: int
    end: int
    rows: tuple[Row, ...]
    inline: bool = False
    """True for inline math (``$...$``, ``\\(...\\)``), read only when the file has no display math."""
    prose: bool = False
    """True for a ``$$...$$`` inside a sentence (kramdown's inline math): beside display math it only defines."""


@dataclass(frozen=True)
class Layout:
    """The blocks and directives of a file, in the order they appear."""

    blocks: tuple[Block, ...]
    directives: tuple[Directive, ...]
    inline: tuple[Block, ...] = ()
    """The inline formulas outside every display, in order (each one row or more); see :func:`has_relation`."""
    macros: tuple[Macro, ...] = ()
    """The macro definitions of the file (``\\newcommand``, ``\\def``, ...), in order; each is blanked out of the text."""
    slips: tuple[int, ...] = ()
    mismatched_images: tuple[int, ...] = ()
    """Offsets of codecogs images whose title or alt is not the formula the image shows (its src): not read."""
    """Offsets of $$ that open nothing: their partner lies past a paragraph break, so the dollars before them
    were paired wrongly (a warning names each)."""
    bare: tuple[int, ...] = ()
    """Offsets of lines read as displays though written without delimiters (a file with no math delimiters at all,
    as a page pasted as text gives its LaTeX source)."""
    standalone: bool = False
    """True when some display stands on lines of its own (not inside a sentence): then a $$...$$ inside a
    sentence is kramdown's inline math; in a file whose displays all stand in sentences (a page whose line
    breaks were lost, a Q&A answer on one line) they are displays."""


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
    markdown = source.name.lower().endswith(_MARKDOWN)
    if markdown:
        # an HTML comment in Markdown is not shown: nothing in it is read, not even a %! line; code is
        # shown as written, never as mathematics
        for m in _HTML_COMMENT.finditer(text):
            _blank(chars, m.start(), m.end())
        _blank_code(chars)
        for m in _HTML_ENTITY.finditer("".join(chars)):
            # a page's math pasted with its HTML escapes (a &lt; b, &amp;= in an align): the character it
            # shows, padded with spaces to keep every offset
            shown = _ENTITIES[m.group(1)]
            chars[m.start():m.end()] = list(shown.ljust(m.end() - m.start()))
        for m in _ESCAPED_STAR.finditer("".join(chars)):
            # \begin{align\*}: Markdown's escape of the star (a bare * would start emphasis), which the page
            # shows as \begin{align*}; read so, the space after it keeping every offset
            i = m.start(1)
            chars[i], chars[i + 1], chars[i + 2] = "*", "}", " "
        text = "".join(chars)
    comments = _comment_spans(text)
    if markdown:
        # in Markdown a % is a comment only inside math (MathJax) or at the start of a line (%! directives);
        # in prose it is a percent sign ("50% of the samples, $D(x) = 1/2$")
        spans = _math_spans(text)
        comments = [(a, b) for a, b in comments if (not text[text.rfind("\n", 0, a) + 1:a].strip()
                    or any(s <= a < e for s, e in spans)) and not (a > 0 and text[a - 1] == "{")]
        # ({% math %} is a Liquid tag, not a comment)
    # text a reader of the document never sees as mathematics: \iffalse ... \fi, comment and verbatim
    # environments (LaTeX), indented code blocks (Markdown); nothing in it is read, not a %! line either
    unmasked = list(text)
    for a, b in comments:
        _blank(unmasked, a, b)
    # (in Markdown a %! line is shown as text: an indented one is a line of code like any other)
    hidden = _hidden_markdown(text) if markdown else _hidden_latex("".join(unmasked))
    directives: list[Directive] = []
    by_comments: list[tuple[int, str, int]] = []  # (comment offset, rule, rule offset)
    for start, end in comments:
        if any(a <= start < b for a, b in hidden):
            _blank(chars, start, end)
            continue
        comment = text[start + 1:end]
        line_start = text.rfind("\n", 0, start) + 1
        if comment.startswith("!") and not text[line_start:start].strip():
            if len(directives) >= MAX_DIRECTIVES:
                raise source.error(start, f"more than {MAX_DIRECTIVES} directives (%! lines) in one file; "
                                   "split the file")
            directives.append(Directive(start + 2, comment[1:]))
        else:
            by = _BY.match(comment)
            if by:
                by_comments.append((start, by.group(1), start + 1 + by.start(1)))
        _blank(chars, start, end)
    for a, b in hidden:
        _blank(chars, a, b)
    macros, spans = find_definitions("".join(chars), source, latex=not markdown)
    for a, b in spans:
        _blank(chars, a, b)  # a \newcommand in a display is no row of it
    if markdown:
        _blank_attributes(chars)
    masked = "".join(chars)

    blocks: list[Block] = []
    total_rows = 0
    standalone = False
    slips: list[int] = []
    mismatched: list[int] = []
    # a notebook's cells are rendered one by one: no display or formula crosses from one cell into the next
    displays = [d for view in _cell_views(source, masked) for d in _displays(source, view, slips)]
    for start, body, end, closing_end in sorted(displays):
        rows = _rows(source, masked, body, end)
        sentence = _in_prose(masked, start, closing_end)
        standalone = standalone or not sentence
        prose = sentence and masked.startswith("$$", start)
        if prose and not has_relation(Block(start, closing_end, tuple(rows))):
            continue  # kramdown's $$D^*_G$$ inside a sentence names a thing; it states nothing to check
        total_rows += len(rows)
        if total_rows > MAX_ROWS:
            raise source.error(start, f"more than {MAX_ROWS} rows of display math in one file; split the file")
        # inside a sentence, a display is read as an inline formula is: $$p_G = p_{data}$$ states a condition
        blocks.append(Block(start, closing_end, tuple(rows), prose=prose))
    if markdown:
        for start, body, end, closing_end, sentence in _codecogs(masked, mismatched):
            rows = _rows(source, masked, body, end)
            standalone = standalone or not sentence
            total_rows += len(rows)
            if total_rows > MAX_ROWS:
                raise source.error(start, f"more than {MAX_ROWS} rows of display math in one file; split the file")
            if sentence and not has_relation(Block(start, closing_end, tuple(rows))):
                continue
            blocks.append(Block(start, closing_end, tuple(rows), prose=sentence))
        blocks.sort(key=lambda b: b.start)
    outside = list(masked)
    for block in blocks:
        _blank(outside, block.start, block.end)
    inline: list[Block] = []
    inline_spans = [f for view in _cell_views(source, "".join(outside)) for f in _inline_spans(view, markdown)]
    for start, body, end, closing_end in sorted(inline_spans):
        rows = _rows(source, masked, body, end)
        total_rows += len(rows)
        if total_rows > MAX_ROWS:
            raise source.error(start, f"more than {MAX_ROWS} rows of math in one file; split the file")
        inline.append(Block(start, closing_end, tuple(rows), inline=True))

    bare: list[int] = []
    if not blocks and not inline and not displays:
        # a page pasted as text (KaTeX's and MathJax's copy give the LaTeX source without its delimiters): a line
        # that is plainly LaTeX mathematics is read as a display of its own (an assumption says so)
        for start, end in _bare_latex_lines(masked):
            blocks.append(Block(start, end, tuple(_rows(source, masked, start, end))))
            bare.append(start)
        standalone = standalone or bool(bare)
    cell_starts = [source.line_starts[first - 1] for first, _ in source.cells][1:]
    blocks = [_rows_continued(b, masked) for b in _continued(blocks, masked, directives, cell_starts)]
    blocks = [_attach_by(b, by_comments, masked) for b in blocks]
    return Layout(tuple(blocks), tuple(directives), tuple(inline), tuple(macros), slips=tuple(slips), standalone=standalone,
                  mismatched_images=tuple(mismatched), bare=tuple(bare))


_BARE_COMMANDS = re.compile(r"\\(?:frac|dfrac|log|ln|int|sum|mathbb|min|max|sup|inf|le|ge|leq|geq|cdot|left|right|"
                            r"parallel|sim|mathrm|text|partial|infty|exp|quad|qquad)(?![A-Za-z])")
_BARE_RELATION = re.compile(r"=|\\(?:le|ge|leq|geq)(?![A-Za-z])")
_PROSE_WORDS = re.compile(r"(?<![\\A-Za-z_{])[A-Za-z]{2,}\s+[A-Za-z]{2,}\s+[A-Za-z]{2,}(?![A-Za-z])")
_TEXT_GROUP = re.compile(r"\\(?:text|mathrm|textrm|mbox|operatorname)\s*\{[^{}]*\}")


def _bare_latex_lines(masked: str) -> list[tuple[int, int]]:
    """(start, end) of each line that is LaTeX mathematics written without delimiters: a relation, at least
    three math commands (\\frac, \\log, \\mathbb, ...), balanced braces, and no run of three words outside
    \\text (prose)."""
    found = []
    pos = 0
    for line in masked.split("\n"):
        start, pos = pos, pos + len(line) + 1
        body = _TEXT_GROUP.sub(" ", line)
        if (len(_BARE_COMMANDS.findall(line)) >= 3 and _BARE_RELATION.search(body)
                and not _PROSE_WORDS.search(body) and line.count("{") == line.count("}")
                and "$" not in line):
            stripped = len(line) - len(line.lstrip())
            found.append((start + stripped, start + len(line.rstrip())))
    return found


_SPACE = r"(?:\s|\\quad|\\qquad|\\[,;:!]|\\hspace\{[^{}]*\})"
_CONTINUES = re.compile(rf"^(?:{_SPACE}|&)*\+")
"""A row that starts with + (after alignment and spaces): the rest of the expression before it."""
_CONTINUES_MINUS = re.compile(rf"^{_SPACE}*(?:&{_SPACE}*)+-(?!-)")
"""A row of a display that starts with - after its alignment point (``&= a \\\\ & - b``): under the right-hand
side before it, the rest of that expression, as a row that starts with + is.  Before the alignment point
(``-KL(p \\| q) &= ...``) a minus leads a new row."""
_LEADING_MINUS = re.compile(rf"^{_SPACE}*-(?!-)")
"""A row that starts with - (no alignment point before it)."""


def _continues_row(row: Row) -> bool:
    """True when ``row`` goes on with the expression of the row before it in the same display: it starts with +,
    with - after its alignment point, or with - and holds no relation (``\\\\ - \\frac12``)."""
    if _CONTINUES.match(row.text) or _CONTINUES_MINUS.match(row.text):
        return True
    return bool(_LEADING_MINUS.match(row.text)) and not has_relation(Block(row.start, row.end, (row,)))


def _rows_continued(block: Block, masked: str) -> Block:
    """A row of a display that starts with ``+`` continues the row before it in the same display (one long sum
    broken over two rows, ``&= a \\\\ & \\quad + b``): the two rows are one, the break between them blanked, as
    across two displays (:func:`_continued`).  Read apart, the row before was judged without its last terms."""
    rows: list[Row] = []
    for row in block.rows:
        prev = rows[-1] if rows else None
        if prev is None or not _continues_row(row) or row.end - prev.start > MAX_ROW_CHARS or row.joined:
            rows.append(row)
            continue
        gap = "".join("\n" if c == "\n" else " " for c in masked[prev.end:row.start])
        rows[-1] = Row(prev.start, row.end, prev.text + gap + row.text, row.rule or prev.rule,
                       row.rule_offset if row.rule else prev.rule_offset, prev.joined, prev.joined_offset,
                       prev.both_ways)
    if len(rows) == len(block.rows):
        return block
    return Block(block.start, block.end, tuple(rows), block.inline, block.prose)


def _continued(blocks: list[Block], masked: str, directives: list[Directive],
               cell_starts: Sequence[int] = ()) -> list[Block]:
    """A display whose first row starts with ``+`` continues the last row of the display before it (a blog
    splits one long expression over several displays): the two rows are one, the text between them blanked,
    so that every offset still points into the file.  Not across a directive, and not from one cell of a
    notebook into the next (``cell_starts``: where each cell after the first starts), as Jupyter renders each
    cell on its own."""
    out: list[Block] = []
    for b in blocks:
        prev = out[-1] if out else None
        if (prev is None or not b.rows or not prev.rows or not _CONTINUES.match(b.rows[0].text)
                or any(prev.end <= d.offset < b.start for d in directives)
                or any(prev.end <= c <= b.start for c in cell_starts)):
            out.append(b)
            continue
        last, first = prev.rows[-1], b.rows[0]
        if first.end - last.start > MAX_ROW_CHARS:
            out.append(b)
            continue
        chars = list(masked[last.start:first.end])
        for k in range(last.end - last.start, first.start - last.start):
            if chars[k] != "\n":
                chars[k] = " "
        joined = Row(last.start, first.end, "".join(chars), first.rule or last.rule,
                     first.rule_offset if first.rule else last.rule_offset, last.joined, last.joined_offset,
                     last.both_ways)
        out[-1] = Block(prev.start, b.end, prev.rows[:-1] + (joined,) + b.rows[1:], prev.inline, prev.prose)
    return out


_CODECOGS = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"'][^\"']*latex\.codecogs\.com[^>]*>", re.I)
_TITLE = re.compile(r"\b(title|alt)\s*=\s*\"([^\"]*)\"", re.I)
_CODECOGS_PREFIX = re.compile(r"\s*(?:\\(?:inline|fn_[a-z]+|bg_[a-z]+|dpi\{\d+\}|tiny|small|normalsize|large|Large|"
                              r"LARGE|huge|Huge)(?![A-Za-z])\s*)+")
"""What codecogs puts before the formula: inline style, font, background, resolution and size."""
_TAGS = re.compile(r"<[^>]*>")


_IMAGE_SPACING = re.compile(r"\\(?:[,;:! ]|q?quad(?![A-Za-z]))")
"""Spacing commands: a title and a src that differ only in them show one formula."""
_SRC = re.compile(r"\bsrc\s*=\s*[\"']([^\"']*)[\"']", re.I)


def _shown_formula(img: str) -> str | None:
    """The LaTeX a codecogs image shows: its src's query, URL-decoded (None when the src has no query)."""
    m = _SRC.search(img)
    if m is None or "?" not in m.group(1):
        return None
    return m.group(1).split("?", 1)[1]


def _same_formula(title: str, src_query: str) -> bool:
    """True when the title's LaTeX is the src's (spaces, codecogs's prefixes and URL escapes aside; a + in the
    query may stand for a space)."""
    def squash(t: str) -> str:
        while (m := _CODECOGS_PREFIX.match(t)) and m.end() > 0:
            t = t[m.end():]
        return "".join(_IMAGE_SPACING.sub(" ", t).split())
    want = squash(title)
    # the codecogs editor writes &space; and &plus; (HTML entities) in the URL, others write %20 or +
    decoded = unquote(src_query.replace("&space;", " "))
    return any(squash(html.unescape(q)) == want for q in (decoded, decoded.replace("+", " ")))


def _codecogs(masked: str, mismatched: list[int] | None = None) -> list[tuple[int, int, int, int, bool]]:
    """The formulas of a Markdown file written as codecogs images (``<img src="https://latex.codecogs.com/
    svg.latex?..." title="LATEX" />``, READMEs from before GitHub rendered math): (start, body start, body end,
    end, inside a sentence) with the body the LaTeX of the ``title`` (else ``alt``) attribute as written;
    codecogs's prefixes (``\\inline``, ``\\small``, ``\\fn_cm``) are not part of the formula."""
    out = []
    for m in _CODECOGS.finditer(masked):
        titles = {t.group(1).lower(): t for t in _TITLE.finditer(m.group(0))}
        t = titles.get("title") or titles.get("alt")
        if t is None or "&" in t.group(2):
            continue  # no attribute, or one with HTML entities: the formula is not there as written
        shown = _shown_formula(m.group(0))
        if shown is not None and not _same_formula(t.group(2), shown):
            if mismatched is not None:
                mismatched.append(m.start())
            continue  # the reader sees the src's formula: a title that says another is not read
        body, end = m.start() + t.start(2), m.start() + t.end(2)
        prefix = _CODECOGS_PREFIX.match(masked, body, end)
        if prefix:
            body = prefix.end()
        line_start = masked.rfind("\n", 0, m.start()) + 1
        line_end = masked.find("\n", m.end())
        line_end = len(masked) if line_end < 0 else line_end
        around = _TAGS.sub(" ", masked[line_start:m.start()] + " " + masked[m.end():line_end])
        out.append((m.start(), body, end, m.end(), bool(_WORDY.search(around))))
    return out


_WORDY = re.compile(r"[^\W_]")


def _in_prose(masked: str, start: int, end: int) -> bool:
    """True when a display stands inside a sentence: a word before it or after it on its lines (Markdown's
    kramdown writes inline math as ``$$...$$``)."""
    line_start = masked.rfind("\n", 0, start) + 1
    line_end = masked.find("\n", end)
    line_end = len(masked) if line_end < 0 else line_end
    return bool(_WORDY.search(masked, line_start, start) or _WORDY.search(masked, end, line_end))


def _displays(source: Source, masked: str, slips: list[int]) -> list[tuple[int, int, int, int]]:
    """(start, body start, body end, end) of every display block; an InputError for an unclosed one.  The
    offset of each $$ that opens nothing (its partner lies past a paragraph break) is added to ``slips``."""
    out = []
    pos = 0
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
        elif m.group(0).startswith("{%"):
            tag = _LIQUID_CLOSE.search(masked, m.end())
            if tag is None:
                raise source.error(m.start(), "display math opened with {% math %} is never closed: expected "
                                   "{% endmath %} after it")
            end, closing = tag.start(), tag.group(0)
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
            line_start = masked.rfind("\n", 0, m.start()) + 1
            if closing == "$$" and _BLANK_LINE.search(masked, body, end) and _WORDY.search(masked, line_start,
                                                                                         m.start()):
                # a $$ in a sentence whose partner lies past a paragraph break: the dollars of the paragraph
                # before were paired wrongly (an author's $$N$); this one opens nothing, and the pairing starts
                # again from the next $$
                slips.append(m.start())
                pos = m.end()
                continue
        out.append((m.start(), body, end, end + len(closing)))
        pos = end + len(closing)
    return out


def _math_spans(text: str) -> list[tuple[int, int]]:
    """Where the math of a Markdown file is (displays and inline formulas), for telling a comment's % from a
    percent sign; an unclosed display runs to the end (its error comes later, located)."""
    spans = []
    pos = 0
    while True:
        m = _OPEN.search(text, pos)
        if m is None:
            break
        if m.group(0).lstrip().startswith("`"):
            fence = _FENCE_CLOSE.search(text, m.end())
            end = fence.end() if fence else len(text)
        elif m.group(0).startswith("{%"):
            tag = _LIQUID_CLOSE.search(text, m.end())
            end = tag.end() if tag else len(text)
        else:
            close = text.find(_closing(m), m.end())
            end = close + len(_closing(m)) if close >= 0 else len(text)
        spans.append((m.start(), end))
        pos = end
    outside = list(text)
    for a, b in spans:
        _blank(outside, a, b)
    spans += [(a, d) for a, _, _, d in _inline_spans("".join(outside), True)]
    return spans


def _cell_views(source: Source, masked: str) -> list[str]:
    """The text as each cell of a notebook sees it (every other cell blanked, offsets kept), or the text alone
    for a plain file: delimiters pair within one cell, as Jupyter renders each cell on its own."""
    if len(source.cells) < 2:
        return [masked]
    bounds = [source.line_starts[first - 1] for first, _ in source.cells] + [len(masked)]
    views = []
    for a, b in zip(bounds, bounds[1:]):
        chars = list(masked)
        _blank(chars, 0, a)
        _blank(chars, b, len(masked))
        views.append("".join(chars))
    return views


_HTML_TAG = re.compile(r"<(?:[A-Za-z][A-Za-z0-9-]*)(?=[\s/>])[^<>]*>")
_ATTRIBUTE_VALUE = re.compile(r"=\s*(\"[^\"]*\"|'[^']*')")


def _blank_attributes(chars: list[str]) -> None:
    """Blank the quoted attribute values of a Markdown file's HTML tags (``<abbr title="$h(x) = 2 D(x)$">``):
    a page never typesets them, so no formula in them is read.  A codecogs image keeps its own (its title is
    read, once it is the formula the image shows)."""
    text = "".join(chars)
    for m in _HTML_TAG.finditer(text):
        if _CODECOGS.match(m.group(0)):
            continue
        for v in _ATTRIBUTE_VALUE.finditer(m.group(0)):
            _blank(chars, m.start() + v.start(1), m.start() + v.end(1))


_IF = re.compile(r"\\(?!iff(?![A-Za-z])|ifthenelse)(if[A-Za-z]*|fi)(?![A-Za-z])")
"""TeX's conditionals and their \\fi (not the relation \\iff, not \\ifthenelse, which takes arguments)."""
_HIDDEN_ENVS = ("comment", "verbatim", "verbatim*", "Verbatim", "lstlisting", "minted", "filecontents",
                "filecontents*")
_VERB = re.compile(r"\\verb\*?([^A-Za-z\s*])")


def _hidden_latex(text: str) -> list[tuple[int, int]]:
    """Spans of a LaTeX text that TeX never typesets as mathematics: ``\\iffalse ... \\fi`` (conditionals
    nested in it counted), the comment package's and verbatim environments, ``\\verb|...|``."""
    spans: list[tuple[int, int]] = []
    pos = 0
    while True:
        m = re.compile(r"\\iffalse(?![A-Za-z])").search(text, pos)
        if m is None:
            break
        depth, end = 1, len(text)
        for t in _IF.finditer(text, m.end()):
            depth += 1 if t.group(1) != "fi" else -1
            if depth == 0:
                end = t.end()
                break
        spans.append((m.start(), end))
        pos = end
    for env in _HIDDEN_ENVS:
        opening = "\\begin{" + env + "}"
        pos = 0
        while True:
            a = text.find(opening, pos)
            if a < 0:
                break
            b = text.find("\\end{" + env + "}", a)
            b = len(text) if b < 0 else b + len(env) + 6
            spans.append((a, b))
            pos = b
    for m in _VERB.finditer(text):
        b = text.find(m.group(1), m.end())
        if b >= 0 and "\n" not in text[m.end():b]:
            spans.append((m.start(), b + 1))
    return spans


_LIST_ITEM = re.compile(r"^\s*([-*+]|\d{1,9}[.)])(\s|$)")
_CONTAINER = re.compile(r"^\s*(!!!|\?\?\?|===|>|[-*+]\s|\d{1,9}[.)]\s|:::|<)")


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))


def _hidden_markdown(text: str) -> list[tuple[int, int]]:
    """Markdown's indented code blocks (lines indented by four spaces or a tab, after a blank line, outside
    a list, a quote or an admonition whose content is indented): shown as written, never as mathematics.
    Where the container is in doubt the lines are read (an indented display in a list item is math)."""
    lines = text.split("\n")
    starts, off = [], 0
    for line in lines:
        starts.append(off)
        off += len(line) + 1
    spans: list[tuple[int, int]] = []
    paragraph_first: str | None = None  # the first line of the last paragraph at column < 4
    blank_before = True
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            blank_before = True
            i += 1
            continue
        if _indent(line) >= 4 and blank_before and (paragraph_first is None or not _CONTAINER.match(paragraph_first)):
            j = i
            while j < len(lines) and (not lines[j].strip() or _indent(lines[j]) >= 4):
                j += 1
            while j > i and not lines[j - 1].strip():
                j -= 1
            spans.append((starts[i], starts[j - 1] + len(lines[j - 1])))
            i = j
            blank_before = False
            continue
        if _indent(line) < 4:
            if blank_before or paragraph_first is None or _LIST_ITEM.match(line):
                paragraph_first = line
        blank_before = False
        i += 1
    return spans


_CODE_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})[ \t]*([^`\n]*)$", re.M)
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)


def _blank_code(chars: list[str]) -> None:
    """Blank the code of a Markdown file: fenced code blocks (but ```` ```math ````, which is math) and code
    spans (`` `...` ``), whose $ and \\ are shown as written."""
    text = "".join(chars)
    pos = 0
    fenced: list[tuple[int, int]] = []
    while True:
        m = _CODE_FENCE.search(text, pos)
        if m is None:
            break
        fence, info = m.group(1), m.group(2).strip()
        close = re.compile(r"^[ ]{0,3}" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$", re.M)
        c = close.search(text, m.end())
        end = c.end() if c else len(text)
        if info.split()[:1] != ["math"]:
            fenced.append((m.start(), end))
        pos = end
    for a, b in fenced:
        _blank(chars, a, b)
    text = "".join(chars)
    for m in _CODE_SPAN.finditer(text):
        if "\n\n" not in m.group(2) and not m.group(0).startswith("```"):
            _blank(chars, m.start(), m.end())


def _unescaped(text: str, i: int) -> bool:
    """True when the character at ``i`` is not escaped by an odd run of backslashes."""
    k = i - 1
    while k >= 0 and text[k] == "\\":
        k -= 1
    return (i - 1 - k) % 2 == 0


_BLANK_LINE = re.compile(r"\n[ \t]*(\n|\Z)")


def _inline_spans(text: str, markdown: bool) -> list[tuple[int, int, int, int]]:
    """(start, body start, body end, end) of every inline formula ``$...$`` or ``\\(...\\)`` of ``text`` (in
    which the displays are blanked).  A formula does not cross a blank line; in Markdown a ``$`` opens only
    before a non-space and closes only after one, not before a digit (Pandoc's rule: "$5 and $10" is prose)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        if text.startswith("\\(", i) and _unescaped(text, i):
            close = text.find("\\)", i + 2)
            if close >= 0 and not _BLANK_LINE.search(text, i, close):
                out.append((i, i + 2, close, close + 2))
                i = close + 2
                continue
            i += 2
            continue
        if text[i] != "$" or not _unescaped(text, i) or text.startswith("$$", i):
            i += 2 if text.startswith("$$", i) else 1
            continue
        if markdown and (i + 1 >= n or text[i + 1].isspace()):
            i += 1
            continue
        j = i + 1
        found = -1
        while j < n:
            if text[j] == "\n" and _BLANK_LINE.match(text, j):
                break  # a formula ends with its paragraph
            if text[j] == "$" and _unescaped(text, j):
                if not markdown or (not text[j - 1].isspace() and not (j + 1 < n and text[j + 1].isdigit())):
                    found = j
                break  # in Markdown a $ that cannot close makes the opening one prose ("$5 and $10")
            j += 1
        if found < 0:
            i = j if j < n and text[j] == "$" and j > i else i + 1
            continue
        out.append((i, i + 1, found, found + 1))
        i = found + 1
    return out


_TOP_RELATION = re.compile(r"(?<![\\:<>!])=|<|>|\\(?:le|leq|ge|geq|leqslant|geqslant|approx|coloneqq|coloneq|triangleq|"
                           r"lt|gt|eqdef)(?![A-Za-z])|:=")


_SPACING = re.compile(r"\\[,;:!> ]")


def has_relation(block: Block) -> bool:
    """True when a formula holds a relation outside every brace group and bracket (``a = b``, not
    ``\\sum_{i=1}`` or ``P(y=1)``): only such inline math is read as a step."""
    for row in block.rows:
        depth = 0
        text = _SPACING.sub("  ", row.text)  # \!=\! is a relation between two negative spaces
        i = 0
        while i < len(text):
            c = text[i]
            if c in "{([" and _unescaped(text, i):
                depth += 1
            elif c in "})]" and _unescaped(text, i):
                depth = max(0, depth - 1)
            elif depth == 0:
                m = _TOP_RELATION.match(text, i)
                if m:
                    return True
            i += 1
    return False


def _rows(source: Source, masked: str, start: int, end: int) -> list[Row]:
    rows: list[Row] = []
    pos = start
    pieces: list[tuple[int, int]] = []
    breaks = list(_ROW_SPLIT.finditer(masked, start, end))
    depth, seen, inner = 0, start, set()
    for m in breaks:
        depth, seen = _depth(masked, seen, m.start(), depth), m.end()
        if depth > 0:
            inner.add(m.start())  # inside a group or an inner environment (\substack, cases, array)
    if _depth(masked, seen, end, depth) != 0:
        inner = set()  # the braces of the block do not balance (an author's slip): every break is a row's
    for m in breaks:
        if m.start() in inner:
            continue
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, end))
    pieces = [part for a, b in pieces for part in _equation_list(masked, a, b)]
    said: dict[int, str] = {}
    pieces = [part for a, b in pieces for part in _word_splits(masked, a, b, said)]
    # (start, end, offset of the implication joining it, whether that implication is an equivalence)
    split: list[tuple[int, int, int | None, bool]] = []
    for a, b in pieces:
        joined: int | None = None
        both = False
        for m in _IMPLIES.finditer(masked, a, b):
            split.append((a, m.start(), joined, both))
            a, joined, both = m.end(), m.start(), _EQUIVALENCE.match(m.group(0)) is not None
        split.append((a, b, joined, both))
    for a, b, joined_at, both_ways in split:
        a0 = a
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
        if not _ENV_MARKS.sub(" ", seg).replace("&", " ").strip():
            continue  # nothing but alignment, or the \end{aligned} after a last \\
        a, b, seg = _without_env_marks(a, b, seg)
        if b - a > MAX_ROW_CHARS:
            first = a + (len(seg) - len(seg.lstrip()))  # the row's first character, not the line break before it
            raise source.error(first, f"a row of {b - a} characters is longer than the limit of {MAX_ROW_CHARS}; "
                               "split it with \\\\")
        rows.append(Row(a, b, seg, rule, rule_offset, joined_at is not None, joined_at or 0, both_ways,
                        said.get(a0)))
    return rows


_WORD_JOIN = re.compile(r"(?:\s*,\s*|\\(?:q?quad(?![A-Za-z])|[,;:! ])\s*)*"
                        r"\\(?:text|textrm|textit|textnormal|mathrm|mbox|hbox)\s*\{([^{}$]*)\}"
                        r"(?:\s*\\(?:q?quad(?![A-Za-z])|[,;:! ]))*")


def _word_splits(masked: str, a: int, b: int, said: dict[int, str]) -> list[tuple[int, int]]:
    """The parts of the row ``a``..``b`` when words join formulas in it (``A \\text{ so } B``, ``A, \\quad
    \\text{hence} \\quad B``, ``A \\text{ and } B``): each formula is a row of its own, a statement checked on
    its own (left in one row, the second would be dropped unchecked).  Only at the top level, and only when a
    relation stands on each side; ``said`` maps the start of each part after a word to the word."""
    parts: list[tuple[int, int]] = []
    start = a
    depth, seen = 0, a
    for m in _WORD_JOIN.finditer(masked, a, b):
        depth, seen = _depth(masked, seen, m.start(), depth), m.start()
        if depth != 0 or _open_brackets(masked[a:m.start()]) or not conjunction(m.group(1)):
            continue
        before, after = masked[start:m.start()], masked[m.end():b]
        if not (_holds_relation(before) and _holds_relation(after)):
            continue
        parts.append((start, m.start()))
        start = m.end()
        said[start] = " ".join(m.group(1).split())
    parts.append((start, b))
    return [piece for a2, b2 in parts for piece in _quad_splits(masked, a2, b2)]


_QUAD_JOIN = re.compile(r"(?:\s*,)?(?:\s*\\q?quad(?![A-Za-z]))+\s*(?=(?:[A-Za-z]|\\[A-Za-z]+)(?:_\{?[A-Za-z0-9]+\}?)?\s*(?::=|=(?!=)))")
"""Spacing, ``\\quad``, between a formula and a name with ``=`` after it (``JSD(P \\| Q) = \\frac12 D(P \\| M) + ...
\\quad M = \\frac12 (P + Q)``): a second equation on the row, which names what the first uses."""


def _quad_splits(masked: str, a: int, b: int) -> list[tuple[int, int]]:
    """The parts of the row ``a``..``b`` when ``\\quad`` sets a second equation beside the first (a name and
    ``=`` after it, a relation before it, outside every bracket): each is a row of its own, so that a
    definition there is read as one (the "where" row of the display, read before the formula that uses it)."""
    parts: list[tuple[int, int]] = []
    start = a
    depth, seen = 0, a
    for m in _QUAD_JOIN.finditer(masked, a, b):
        depth, seen = _depth(masked, seen, m.start(), depth), m.start()
        if depth != 0 or _open_brackets(masked[a:m.start()]) or not _holds_relation(masked[start:m.start()]):
            continue
        parts.append((start, m.start()))
        start = m.end()
    parts.append((start, b))
    return parts


def _open_brackets(text: str) -> bool:
    """True when ``text`` leaves a parenthesis, a square bracket or a set's brace ``\\{`` open (``(a = 1
    \\text{ and } ...``); the plain braces of groups are :func:`_depth`'s."""
    depth = 0
    for i, c in enumerate(text):
        if (c in "([" and _unescaped(text, i)) or (c == "{" and not _unescaped(text, i)):
            depth += 1
        elif (c in ")]" and _unescaped(text, i)) or (c == "}" and not _unescaped(text, i)):
            depth = max(0, depth - 1)
    return depth > 0


def _holds_relation(text: str) -> bool:
    """True when ``text`` holds a relation outside every bracket (see :func:`has_relation`)."""
    return has_relation(Block(0, len(text), (Row(0, len(text), text),)))


def _equation_list(masked: str, a: int, b: int) -> list[tuple[int, int]]:
    """The parts of the row ``a``..``b`` when it is a list of equations joined by commas (``P_1 = 3, P_2 = 2`` or
    ``\\tilde{x} = D(x), A = p_r(x), B = p_g(x)``: blogs name several things in one display): each part is a
    row of its own.  Only when every part is one equation, split at commas outside every bracket; a part with
    no ``=``, or with another relation (``x = G(z), z \\sim p_z``, ``D(x) = 1/2, x \\in X``), keeps the row
    whole, and so does a row that starts with a relation (the next row of a chain)."""
    cuts, depth, i = [], 0, a
    while i < b:
        ch = masked[i]
        if ch == "\\":
            m = _COMMAND.match(masked, i)
            word = m.group(1) if m is not None else ""
            if word in ("left", "bigl", "Bigl", "biggl", "Biggl"):
                depth += 1
            elif word in ("right", "bigr", "Bigr", "biggr", "Biggr"):
                depth -= 1
            elif masked[i + 1:i + 2] in ("{", "}"):
                depth += 1 if masked[i + 1] == "{" else -1  # a set's braces, \{ ... \}
            i = m.end() if m is not None and word else i + 2  # \{ and \, are one token
            continue
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "," and depth == 0:
            cuts.append(i)
        i += 1
    if not cuts:
        return [(a, b)]
    parts, start = [], a
    for cut in cuts:
        parts.append((start, cut))
        start = cut + 1
    if masked[start:b].strip():
        parts.append((start, b))
    if len(parts) < 2 or masked[a:b].lstrip().startswith(("=", "&", ":=")):
        return [(a, b)]
    for p, q in parts:
        text = masked[p:q]
        if text.count("=") != 1 or _OTHER_RELATION.search(text) or not text.split("=")[0].strip(" &\t\n:"):
            return [(a, b)]
    return parts


_COMMAND = re.compile(r"\\([A-Za-z]+)")
_OTHER_RELATION = re.compile(r"[<>]|\\(?:le|ge|leq|geq|neq|ne|sim|in|notin|to|approx|propto|equiv|subset|subseteq|"
                             r"mapsto|coloneqq|triangleq|forall|exists|iff|implies)(?![A-Za-z])|\\(?:text|mathrm)\s*\{|"
                             r"(?<![A-Za-z\\])(?:where|with|for|and|if|when|since|so|let|then|thus|hence|i\.e|"
                             r"e\.g)(?![A-Za-z])")
"""A relation other than =, or prose, in a part of a comma list: the list is no list of equations."""


def _without_env_marks(a: int, b: int, seg: str) -> tuple[int, int, str]:
    """The row ``seg`` (at ``a``..``b``) without the ``\\begin{aligned}`` that opens it or the ``\\end{aligned}``
    that closes it: they are no mathematics, and a row's span is what a correction of it replaces."""
    while True:
        lead = _ENV_MARKS.match(seg, len(seg) - len(seg.lstrip()))
        if lead is None:
            break
        cut = lead.end()
        if lead.group(0).startswith("\\begin"):
            for _ in range(2):  # the position [t]/[c]/[b] and the column count {2}, in either order
                option = _ENV_OPTION.match(seg, cut)
                if option is None:
                    break
                cut = option.end()
        seg, a = seg[cut:], a + cut
    while True:
        tail = _TRAILING_ENV_MARK.search(seg)
        if tail is None:
            break
        seg, b = seg[:tail.start()], a + tail.start()
    return a, b, seg


_ENV_MARKS = re.compile(r"\\(?:begin|end)\s*\{(?:" + "|".join(re.escape(e) for e in ENVIRONMENTS) + r")\}(?:\s*\{\s*\d+\s*\})?")
"""The opening and closing of a display environment inside a block: no mathematics."""
_ENV_OPTION = re.compile(r"\s*\[\s*[tcb]\s*\]|\s*\{\s*\d+\s*\}")
"""An option after ``\\begin{aligned}``: the vertical position ``[c]`` or ``alignedat``'s column count; no factor."""
_TRAILING_ENV_MARK = re.compile(r"\s*" + _ENV_MARKS.pattern + r"\s*$")
_INNER = re.compile(r"\\(begin|end)\s*\{([^{}]*)\}|(?<!\\)[{}]")


def _depth(masked: str, start: int, at: int, depth: int) -> int:
    """The nesting depth at ``at``, from ``depth`` at ``start``: brace groups and inner environments
    (``cases``, ``array``, ``matrix``: any environment but the display ones, which only align)."""
    for m in _INNER.finditer(masked, start, at):
        if m.group(1) is None:
            depth += 1 if m.group(0) == "{" else -1
        elif m.group(2).strip() not in ENVIRONMENTS:
            depth += 1 if m.group(1) == "begin" else -1
    return depth


def _attach_by(block: Block, by_comments: list[tuple[int, str, int]], masked: str) -> Block:
    """Give each ``% by RULE`` comment inside the block to the row it ends."""
    rows = list(block.rows)
    for offset, rule, rule_offset in by_comments:
        if not block.start <= offset <= block.end:
            continue
        k = offset - 1
        while k >= block.start and masked[k].isspace():
            k -= 1
        target: int | None = None
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
            rows[target] = replace(rows[target], rule=rule, rule_offset=rule_offset)
    return replace(block, rows=tuple(rows))
