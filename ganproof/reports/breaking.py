"""Long rows of a chain broken at the top-level terms of sums, so that no row runs off the page.

Both renderers of a report (:mod:`ganproof.reports.latex`, :mod:`ganproof.reports.html`) set a row as
the pieces :func:`expression_rows` gives; :func:`width` estimates the typeset width of LaTeX.
"""

from __future__ import annotations

import re

import sympy as sp

from ganproof.vocabulary.printing import GanLatexPrinter, to_latex

ROW_WIDTH = 62
"""Estimated width (in characters of typeset math) of one row of a chain."""

_COMMAND = re.compile(r"\\(left|right|limits|mathrm|operatorname|displaystyle)\b|\\[,;!]")


def width(latex: str) -> int:
    r"""A rough typeset width of ``latex``: a command counts as one symbol, braces as none,
    a fraction as its wider part.

    >>> width(r"\log{\left(2 \right)}") < width(r"\log{\left(2 \right)} + \log{\left(3 \right)}")
    True
    """
    s = _COMMAND.sub("", latex)
    while True:  # \frac{a}{b}: the wider of a and b
        m = re.search(r"\\frac\{([^{}]*)\}\{([^{}]*)\}", s)
        if not m:
            break
        a, b = m.group(1), m.group(2)
        s = s[:m.start()] + (a if len(a) >= len(b) else b) + s[m.end():]
    s = re.sub(r"\\[A-Za-z]+", "X", s)
    return len(re.sub(r"[{}\s]", "", s)) + s.count(" ") // 3


class _Breaker:
    """Print an expression as several lines of at most ``limit`` width where it can."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.printer = GanLatexPrinter()

    def lines(self, expr: sp.Expr) -> list[str]:
        whole = to_latex(expr)
        if width(whole) <= self.limit:
            return [whole]
        if isinstance(expr, sp.Add):
            return self._sum(expr)
        if isinstance(expr, sp.Integral) and len(expr.limits) == 1 and isinstance(expr.function, sp.Add):
            var, *bounds = expr.limits[0]
            body = self._sum(expr.function)
            lim = ""
            if len(bounds) == 2:
                lim = rf"\limits_{{{to_latex(bounds[0])}}}^{{{to_latex(bounds[1])}}}"
            first = rf"\int{lim} \Bigg(" + body[0]
            return [first, *body[1:-1], body[-1] + rf"\Bigg)\, d{to_latex(var)}"] if len(body) > 1 else \
                [first + rf"\Bigg)\, d{to_latex(var)}"]
        return [whole]

    def _sum(self, expr: sp.Add) -> list[str]:
        terms = self.printer._as_ordered_terms(expr, order=None)
        pieces: list[str] = []
        for i, term in enumerate(terms):
            negative = term.could_extract_minus_sign()
            shown = -term if negative and i > 0 else term
            sub = self.lines(shown) if width(to_latex(shown)) > self.limit else [to_latex(shown)]
            if isinstance(shown, sp.Add):
                sub = [r"\left(" + to_latex(shown) + r"\right)"]
            sign = "" if i == 0 else (" - " if negative else " + ")
            sub = [sign + sub[0], *sub[1:]]
            pieces.extend(sub)
        # greedy grouping of pieces into lines
        out: list[str] = []
        for piece in pieces:
            if out and width(out[-1] + piece) <= self.limit and not piece.endswith(r"\Bigg("):
                out[-1] = out[-1] + piece
            else:
                out.append(piece)
        return out


def expression_rows(expr: sp.Expr, limit: int = ROW_WIDTH) -> list[str]:
    """The LaTeX of ``expr`` as one or more rows, broken at the top-level terms of sums."""
    return _Breaker(limit).lines(expr)


__all__ = ["ROW_WIDTH", "expression_rows", "width"]
