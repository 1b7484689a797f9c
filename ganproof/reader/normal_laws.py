"""A density that a file gives by the normal formula: ``p(x) = \\frac{1}{\\sqrt{2\\pi}\\sigma_1}
e^{-\\frac{(x - \\mu_1)^2}{2\\sigma_1^2}}`` makes p the normal density N(mu_1, sigma_1^2) of the file's constants.

Texts that derive the KL divergence between two Gaussians write their densities so.  Read as a claim, the row
would be refuted (p is any density); read as the definition of a function, p would leave the densities and
with them KL, JSD and the expectations under it.  Read as a member of the normal family, p stays a density and
the numbers draw it as N(mu, sigma^2) at the drawn values of the file's mu and sigma.

The formula is recognised exactly, never guessed: it must be C exp(Q) with Q a quadratic in x whose leading
coefficient is -1/(2 sigma^2) for a constant sigma, and C and the constant term of Q must be the normal
density's, each difference simplifying to exactly 0 with sigma taken positive.  sigma is then a positive
constant of the file (the formula is a density only for sigma > 0).
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

MAX_OPS = 200
"""The size (SymPy's operation count) above which a formula is not tried: the reader's time limit bounds the
simplification, and a normal density is a short formula."""


@dataclass(frozen=True)
class NormalFormula:
    """What a normal density formula gives: its mean, and its standard deviation as a positive symbol of the
    file (or a positive rational multiple of one)."""

    mean: sp.Expr
    std: sp.Expr
    scale: sp.Symbol | None
    """The constant the standard deviation is made of (None for a number)."""
    needs_positive: bool = False
    """True when the formula is a density only for a positive scale (``\\frac{1}{\\sqrt{2\\pi}\\sigma}``): the
    scale is then a positive constant of the file.  A formula even in it (``\\sqrt{2\\pi\\sigma^2}``, only
    sigma^2 written) is a density for either sign: its standard deviation is |sigma|, and sigma stays real."""


def normal_formula(expr: sp.Expr, x: sp.Symbol) -> NormalFormula | None:
    """The mean and standard deviation of ``expr`` when it is exactly the normal density in ``x``, else None."""
    if x not in expr.free_symbols or expr.atoms(sp.core.function.AppliedUndef) or sp.count_ops(expr) > MAX_OPS:
        return None
    others = expr.free_symbols - {x}
    if not all(isinstance(s, sp.Symbol) and s.is_real for s in others):
        return None
    factor, rest = expr.as_independent(x, as_Add=False)
    rest = sp.powsimp(rest, combine="exp")
    if not isinstance(rest, sp.exp):
        return None
    try:
        poly = sp.Poly(sp.expand(rest.args[0]), x)
    except sp.PolynomialError:
        return None
    if poly.degree() != 2:
        return None
    a2, a1, a0 = poly.all_coeffs()
    variance = sp.together(-1 / (2 * a2))
    if not variance.free_symbols:
        std0 = sp.sqrt(variance)
        if not (std0.is_Rational and std0.is_positive):
            return None
        scale, positive = None, sp.Integer(1)  # std0 * 1: a number
    else:
        scale = _scale_of(variance)
        if scale is None:
            return None
        positive = sp.Dummy(scale.name, positive=True)
    ratio = sp.sqrt((variance.subs(scale, positive) if scale is not None else variance) / positive ** 2)
    if not (ratio.is_Rational and ratio.is_positive):
        return None
    std = ratio * positive
    mean = sp.expand(a1 * variance)
    mean = mean.subs(scale, positive) if scale is not None else mean
    if x in mean.free_symbols:
        return None
    if scale is not None:
        factor, a0 = factor.subs(scale, positive), a0.subs(scale, positive)
    checks = (factor - 1 / (sp.sqrt(2 * sp.pi) * std), a0 + mean ** 2 / (2 * std ** 2))
    if any(sp.simplify(difference) != 0 for difference in checks):
        return None
    if scale is None:
        return NormalFormula(mean, std, None)
    back = {positive: scale}
    if sp.simplify(expr.subs(scale, -scale) - expr) == 0:
        return NormalFormula(mean.subs(back), ratio * sp.Abs(scale), scale, needs_positive=False)
    return NormalFormula(mean.subs(back), std.subs(back), scale, needs_positive=True)


def rational_in_constants(e: sp.Expr) -> bool:
    """True when ``e`` is a polynomial with rational coefficients in its constants (an |sigma| counts as sigma):
    its value at rational constants is rational, as the numbers' Gaussian needs (not pi, sqrt 2, log 3)."""
    e = e.replace(sp.Abs, lambda a: a)
    symbols = sorted(e.free_symbols, key=str)
    if not symbols:
        return bool(e.is_Rational)
    try:
        return all(c.is_Rational for c in sp.Poly(e, *symbols).coeffs())
    except sp.PolynomialError:
        return False


def _scale_of(variance: sp.Expr) -> sp.Symbol | None:
    """The one constant whose square a variance is a positive rational multiple of (``sigma_1^2``, ``2 s^2``)."""
    symbols = variance.free_symbols
    if len(symbols) != 1:
        return None
    (s,) = symbols
    ratio = sp.simplify(variance / s ** 2)
    return s if ratio.is_Rational and ratio.is_positive else None
