"""An integral written without its differential spans the terms after it that hold its variable.

``\\int_x p_1(x) \\log \\frac{p_1(x)}{p_0(x) + p_1(x)} + p_0 \\log \\frac{p_0(x)}{p_0(x) + p_1(x)}`` (course notes,
no ``dx`` anywhere): the grammar reads an integral with no differential as spanning the rest of its term, which
leaves the second term outside the integral with its x free, and the row compared a number with a function of
x.  The author integrates the sum.  So, after the grammar, a sum whose term is such an integral takes into the
integral the terms that follow it as long as each holds the integral's variable and no integral, expectation or
sum of its own; a note says so, at the integral.  An integral whose differential is written (before or after
its body) keeps the span it was given: the differential marks where it ends."""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any

from ganproof.reader import syntax as ast
from ganproof.reader.alphabet import children, walk

_BINDERS = (ast.Integral, ast.Expect, ast.Sum, ast.Limit, ast.Deriv, ast.Optimise)


def _variable(node: ast.Integral) -> str:
    low = node.lower
    if node.upper is None and isinstance(low, ast.Name) and not low.sub and not low.sups and len(low.base) == 1:
        return low.base
    return "x"


def _holds(node: ast.Node, letter: str) -> bool:
    """True when ``node`` holds the letter as a plain name and binds nothing of its own."""
    seen = False
    for n in walk(node):
        if isinstance(n, _BINDERS):
            return False
        if isinstance(n, ast.Name) and n.base == letter and not n.sub and not n.sups:
            seen = True
    return seen


def _terms(node: ast.Node) -> list[tuple[str, ast.Node, int]]:
    """The terms of a sum, left to right, each with the sign before it and the position of that operator."""
    out: list[tuple[str, ast.Node, int]] = []
    while isinstance(node, ast.BinOp) and node.op in ("+", "-"):
        out.append((node.op, node.right, node.pos))
        node = node.left
    out.append(("+", node, node.pos))
    return out[::-1]


def _extend(node: ast.Node, notes: list[int]) -> ast.Node:
    terms = [(op, _map(t, notes), pos) for op, t, pos in _terms(node)]
    merged: list[tuple[str, ast.Node, int]] = []
    i = 0
    while i < len(terms):
        op, term, pos = terms[i]
        if isinstance(term, ast.Integral) and term.diff is None and i + 1 < len(terms):
            letter = _variable(term)
            j = i + 1
            body = term.body
            while j < len(terms) and _holds(terms[j][1], letter):
                body = ast.BinOp(terms[j][0], body, terms[j][1], terms[j][2])
                j += 1
            if j > i + 1:
                notes.append(term.pos)
                term = replace(term, body=body)
                merged.append((op, term, pos))
                i = j
                continue
        merged.append((op, term, pos))
        i += 1
    first_op, out, _ = merged[0]
    if first_op == "-":
        out = ast.Neg(out, out.pos)
    for op, term, pos in merged[1:]:
        out = ast.BinOp(op, out, term, pos)
    return out


def _map(node: Any, notes: list[int]) -> Any:
    """``node`` with the sums under it extended (:func:`_extend`); the same object where nothing changed."""
    if isinstance(node, ast.BinOp) and node.op in ("+", "-"):
        return _extend(node, notes)
    if not hasattr(node, "__dataclass_fields__"):
        return node
    changes: dict[str, object] = {}
    for f in fields(node):
        value = getattr(node, f.name)
        if isinstance(value, tuple):
            new = tuple(_map(v, notes) if hasattr(v, "pos") else v for v in value)
            if any(a is not b for a, b in zip(new, value)):
                changes[f.name] = new
        elif hasattr(value, "pos") and hasattr(value, "__dataclass_fields__"):
            new_value = _map(value, notes)
            if new_value is not value:
                changes[f.name] = new_value
    return replace(node, **changes) if changes else node


def _free(node: ast.Node, letter: str) -> bool:
    """True when ``node`` holds the letter outside every integral, expectation, sum and derivative."""
    stack: list[object] = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, _BINDERS):
            continue
        if isinstance(n, ast.Name) and n.base == letter and not n.sub and not n.sups:
            return True
        stack.extend(children(n))
    return False


def extend_open_integrals(tree: ast.RowTree) -> tuple[ast.RowTree, tuple[int, ...]]:
    """``tree`` with every open integral extended over the terms after it that hold its variable, and the
    offsets of the integrals so extended (for the notes).

    Only where another side of the row holds no free x: then the narrow reading would equate a number with a
    function of x, which nobody writes (``C(G) = \\int_x p_1 \\log ... + p_0 \\log ...``); a row whose every side
    holds x free, or that has one side only, keeps the narrow reading."""
    sides = ([tree.lead] if tree.lead is not None else []) + [r.rhs for r in tree.relations]
    if len(sides) < 2 or all(_free(side, "x") for side in sides):
        return tree, ()
    notes: list[int] = []
    try:
        lead = _map(tree.lead, notes) if tree.lead is not None else None
        relations = tuple(replace(r, rhs=_map(r.rhs, notes)) for r in tree.relations)
    except RecursionError:
        return tree, ()
    if not notes:
        return tree, ()
    return replace(tree, lead=lead, relations=relations), tuple(notes)
