"""Integrals and sums over an alphabet: the two linear functionals a derivation integrates with.

A law on the real line or an interval has a density, and its expectations are integrals
(``sp.Integral``); a law on a finite alphabet has a probability vector, and its expectations
are sums over the alphabet (``sp.Sum`` with the alphabet's ends as limits, see
:meth:`ganproof.vocabulary.names.Support.over`).  Linearity, normalisation, monotonicity and
every pointwise inequality hold for both alike (both are integrals against a measure: Lebesgue's
or counting), so the rules that use only those facts treat the two through this module:
:func:`is_measure` says whether a node is one of them, and :func:`rebuilt` makes a node of the same
kind with a new body or new limits, so that a sum never turns into an integral (or back) when a
rule rewrites it.
"""

from __future__ import annotations

import sympy as sp

MEASURES: tuple[type[sp.Integral], type[sp.Sum]] = (sp.Integral, sp.Sum)
"""The node types that integrate a body against a measure."""


def is_measure(node: sp.Basic) -> bool:
    """True for an integral or a sum over an alphabet."""
    return isinstance(node, MEASURES)


def rebuilt(node: sp.Basic, body: sp.Expr, *limits: object) -> sp.Expr:
    """A node of ``node``'s kind (integral or sum) of ``body`` over ``limits`` (default: its own)."""
    kind = sp.Sum if isinstance(node, sp.Sum) else sp.Integral
    return kind(body, *(limits or node.limits))


def kind_key(node: sp.Basic) -> str:
    """``"sum"`` or ``"integral"``: part of every key that groups nodes by their domain."""
    return "sum" if isinstance(node, sp.Sum) else "integral"
