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

    def _print_Add(self, expr: sp.Add, order: str | None = None) -> str:
        # SymPy orders the terms of a sum by their numeric values, and a term that is a number holding an
        # integral is evaluated for that by SymPy's own quadrature, unbounded in time (an integrand such
        # as e^{-e^{x - 1000}} ran for ever): such sums keep the order of their terms
        if order is None and any(a.is_number and a.has(sp.Integral, sp.Sum, sp.Derivative, sp.Limit)
                                 for a in expr.args):
            order = "none"
        return super()._print_Add(expr, order)

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
