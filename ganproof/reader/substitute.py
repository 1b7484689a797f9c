"""Capture-avoiding substitution, for applying a definition to its arguments.

``h(t) = \\int p(x) D(x + t) dx`` applied to ``x`` is ``\\int p(x') D(x' + x) dx'``,
never ``\\int p(x) D(x + x) dx``: before a parameter is replaced under an operator
that binds a variable (an integral, an expectation, a divergence, a sample mean,
a sum, a lambda), that bound variable is renamed to a fresh one whenever it
occurs free in what is substituted.  An occurrence of a parameter that the
body binds again (``f(x) = \\mathbb{E}_{x \\sim p}[D(x)] + x``) is bound there and
left alone.

A binder is any expression with a ``bound`` set of variables (the vocabulary's
operators) or SymPy's ``bound_symbols`` (``Integral``, ``Sum``, ``Lambda``); renaming
one is an ``xreplace`` of its own bound variable inside it, which is an
alpha-renaming, so the meaning is unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import sympy as sp
from sympy.core.function import AppliedUndef, UndefinedFunction

FunctionMap = Mapping[UndefinedFunction, Callable[..., sp.Expr]]


def bound_of(expr: sp.Basic) -> frozenset[sp.Symbol]:
    """The variables ``expr`` binds at its top (empty for a non-binder)."""
    bound = getattr(expr, "bound", None)
    if isinstance(bound, (set, frozenset)):
        return frozenset(bound)
    if isinstance(expr, (sp.Integral, sp.Sum, sp.Product, sp.Lambda)):
        return frozenset(s for s in expr.bound_symbols if isinstance(s, sp.Symbol))
    return frozenset()


def fresh_symbol(base: sp.Symbol, avoid: Iterable[sp.Basic]) -> sp.Symbol:
    """A real symbol named after ``base`` (x', x'', ...) that is none of ``avoid``."""
    names = {getattr(s, "name", None) for s in avoid}
    name = base.name
    while True:
        name += "'"
        if name not in names:
            return sp.Symbol(name, **base.assumptions0) if base.assumptions0 else sp.Symbol(name, real=True)


def substitute(expr: sp.Expr, symbols: Mapping[sp.Basic, sp.Expr], functions: FunctionMap | None = None,
               function_free: Iterable[sp.Basic] = ()) -> sp.Expr:
    """``expr`` with each free symbol of ``symbols`` replaced and each applied function of ``functions``
    rebuilt, renaming bound variables that would capture a free symbol of the replacements.

    ``function_free`` are the free symbols a function replacement may bring in beyond its arguments
    (the constants of a defined function's body).
    """
    functions = dict(functions or {})
    extra = frozenset(function_free)
    return _subst(expr, dict(symbols), functions, extra)


def _incoming(symbols: Mapping[sp.Basic, sp.Expr], extra: frozenset[sp.Basic], functions: FunctionMap) -> set[sp.Basic]:
    free: set[sp.Basic] = set(extra) if functions else set()
    for v in symbols.values():
        free |= getattr(v, "free_symbols", set())
    return free


def _subst(expr: sp.Basic, symbols: dict[sp.Basic, sp.Expr], functions: FunctionMap,
           extra: frozenset[sp.Basic]) -> sp.Basic:
    if not symbols and not functions:
        return expr
    if expr in symbols:
        return symbols[expr]
    if not expr.args:
        return expr
    if isinstance(expr, sp.Derivative):
        clash = _derivative_clash(expr, symbols, functions, extra)
        if clash:
            # d/dx (x t)^2 at t = x is 2 x * x^2, not d/dx (x x)^2: the variable of a derivative is free in its
            # value, so an argument that brings it in is substituted into the derivative carried out
            done = expr.doit()
            if any(isinstance(n, (sp.Derivative, sp.Subs)) and _derivative_clash(n, symbols, functions, extra)
                   for n in sp.preorder_traversal(done)):
                raise ValueError(f"the derivative by {', '.join(sorted(map(str, clash)))} would capture the "
                                 "argument, which holds that variable")
            return _subst(done, symbols, functions, extra)
    bound = bound_of(expr)
    if bound:
        inner = {k: v for k, v in symbols.items() if k not in bound}
        if not inner and not functions:
            return expr
        incoming = _incoming(inner, extra, functions)
        clash = sorted((b for b in bound if b in incoming), key=str)
        if clash:
            avoid = set(incoming) | set(expr.free_symbols) | set(expr.atoms(sp.Symbol)) | set(inner)
            renaming: dict[sp.Basic, sp.Basic] = {}
            for b in clash:
                new = fresh_symbol(b, avoid | set(renaming.values()))
                renaming[b] = new
            expr = expr.xreplace(renaming)
        symbols = inner
    args = [_subst(a, symbols, functions, extra) for a in expr.args]
    if isinstance(expr, AppliedUndef) and expr.func in functions:
        return functions[expr.func](*args)
    if all(a is b for a, b in zip(args, expr.args)):
        return expr
    return expr.func(*args)


def _derivative_clash(expr: sp.Basic, symbols: Mapping[sp.Basic, sp.Expr], functions: FunctionMap,
                      extra: frozenset[sp.Basic]) -> set[sp.Basic]:
    """The variables of the derivative ``expr`` (or of a ``Subs``) that the substitution would bring in, when it
    changes something under the derivative."""
    if isinstance(expr, sp.Derivative):
        dvars = {v for v, _ in expr.variable_count}
        body = expr.expr
    elif isinstance(expr, sp.Subs):
        dvars = set(expr.variables)
        body = expr.expr
    else:
        return set()
    touched = any(k in body.free_symbols for k in symbols) or any(
        a.func in functions for a in body.atoms(AppliedUndef))
    if not touched:
        return set()
    return dvars & _incoming({k: v for k, v in symbols.items() if k not in dvars}, extra, functions)

