"""LaTeX for vocabulary expressions: densities as p_{\\mathrm{data}}(x), logs with \\log."""

from __future__ import annotations

import sympy as sp
from sympy.printing.latex import LatexPrinter

from ganproof.vocabulary.names import latex_name


class GanLatexPrinter(LatexPrinter):
    """SymPy's LaTeX printer with the project's names for applied functions."""

    def __init__(self) -> None:
        super().__init__({"ln_notation": False, "mul_symbol": None})

    def _print_Function(self, expr: sp.Expr, exp: str | None = None) -> str:
        if isinstance(expr, sp.core.function.AppliedUndef):
            args = ", ".join(self._print(a) for a in expr.args)
            name = latex_name(expr.func.__name__)
            out = rf"{name}({args})"
            return rf"\left({out}\right)^{{{exp}}}" if exp else out
        return super()._print_Function(expr, exp)

    def _print_Symbol(self, expr: sp.Symbol, style: str = "plain") -> str:
        if expr.name.startswith("\\") or "(" in expr.name or "^" in expr.name:
            return expr.name  # a label made by the project's own printers
        return super()._print_Symbol(expr, style)


def to_latex(expr: sp.Expr) -> str:
    """LaTeX for an expression of the vocabulary.

    >>> from ganproof.vocabulary.names import Density, X
    >>> to_latex(sp.log(Density("p_data")(X)))
    '\\\\log{\\\\left(p_{\\\\mathrm{data}}(x) \\\\right)}'
    """
    return GanLatexPrinter().doprint(expr)
