"""Sums over a finite alphabet: which sums they are, and which laws live on an alphabet.

A sum is read two ways.  ``\\frac{1}{m} \\sum_{i=1}^{m} f(x^{(i)})`` averages samples (a sample
mean, read by the resolver); ``\\sum_x p(x) \\log \\frac{p(x)}{q(x)}`` or ``\\sum_i p_i \\log(p_i/q_i)``
adds the terms of a law on a finite alphabet: the sum's index is the point of the alphabet, and
a density applied to it (``p(x)``, ``p(i)``, or ``p_i`` with the index as subscript) is the mass
of that point.  This module tells the second kind apart by that one mark (a density at the sum's
index), and finds, before any row is read, the densities a file sums over an alphabet: those are
laws on the alphabet (probability vectors) throughout the file, unless a directive declared
their support.  A density that the file sums and also integrates is an error where it is
integrated (a law is either summed or integrated, never both).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ganproof.reader import syntax as ast
from ganproof.reader.names import DENSITY_BASES, key_of, kind_of

def _children(node: object) -> Iterator[object]:
    for value in getattr(node, "__dict__", {}).values():
        if isinstance(value, tuple):
            for v in value:
                if hasattr(v, "pos"):
                    yield v
        elif hasattr(value, "pos") and not isinstance(value, int):
            yield value


def children(node: object) -> Iterator[object]:
    """The nodes directly under ``node``."""
    return _children(node)


def walk(node: object) -> Iterator[object]:
    """Every node under ``node`` (itself included), iteratively."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(_children(n))


def index_point(name: ast.Name, index: str) -> str | None:
    """The density key of ``p_i`` read as the mass p(i) at the index ``i`` of a sum, or None.

    Only a density letter whose whole subscript is the index (``p_i``, ``q_{i}``) is so read; ``p_{data}``
    and ``p_G`` keep their names, and a sample ``x_i`` is no density.
    """
    if name.sub is None or tuple(name.sub) != (index,) or name.sups or name.label:
        return None
    plain = ast.Name(name.base, None, (), name.pos, name.end)
    return key_of(plain) if kind_of(plain) == "density" else None


def point_of(node: object, index: str) -> bool:
    """True when ``node`` is ``x_i``: a small letter (no density, no variable of its own role) whose whole
    subscript is the index ``i`` of a sum, read as the i-th point of the alphabet (``\\sum_{i=1}^n p(x_i)
    \\log p(x_i)`` is ``\\sum_i p(i) \\log p(i)``)."""
    return (isinstance(node, ast.Name) and node.sub is not None and tuple(node.sub) == (index,)
            and not node.sups and not node.label and len(node.base) == 1 and node.base.islower()
            and node.base != index and node.base not in DENSITY_BASES)


def summed_points(total: ast.Sum) -> frozenset[str]:
    """The letters ``x`` of the points ``x_i`` at which ``total`` applies a density to its index ``i``."""
    index = total.index
    out: set[str] = set()
    for n in walk(total.body):
        if isinstance(n, ast.Call) and kind_of(n.func) == "density" and not n.func.sups:
            args = [a for a in n.args if hasattr(a, "pos")]
            if len(args) == 1 and point_of(args[0], index):
                out.add(args[0].base)  # type: ignore[union-attr]
    return frozenset(out)


def summed_densities(total: ast.Sum) -> list[tuple[str, int]]:
    """The densities ``total`` applies to its own index (``p(x)``, ``p(i)``, ``p_i``), with their offsets.

    Empty: the sum is no sum over an alphabet (a sample mean, or a sum the reader does not read).  An
    inner sum over another index is looked into as well; an inner binder of the same letter hides it.
    """
    index = total.index
    found: list[tuple[str, int]] = []
    stack: list[object] = [total.body]
    while stack:
        n = stack.pop()
        if isinstance(n, ast.Sum) and n.index == index:
            continue
        if isinstance(n, (ast.Integral, ast.Expect)) and _binds(n, index):
            continue
        if isinstance(n, ast.Call):
            key = index_point(n.func, index)  # p_i (a + b): the mass p_i times a bracket
            if key is not None:
                found.append((key, n.func.pos))
        if isinstance(n, ast.Call) and kind_of(n.func) == "density" and not n.func.sups:
            args = [a for a in n.args if hasattr(a, "pos")]
            if len(args) == 1 and ((isinstance(args[0], ast.Name) and args[0].base == index
                                    and args[0].sub is None and not args[0].sups) or point_of(args[0], index)):
                found.append((key_of(n.func), n.func.pos))
        if isinstance(n, ast.Name):
            key = index_point(n, index)
            if key is not None:
                found.append((key, n.pos))
        stack.extend(_children(n))
    return found


def _binds(node: ast.Integral | ast.Expect, letter: str) -> bool:
    if isinstance(node, ast.Expect):
        return (node.var or "x") == letter
    if node.diff is not None:
        return node.diff == letter
    return isinstance(node.lower, ast.Name) and node.upper is None and node.lower.base == letter


def _last_factor(node: object) -> object:
    """The last factor of a product (``\\frac{1}{n} \\sum_i ...`` -> the sum), or the node itself."""
    while isinstance(node, ast.BinOp) and node.op in ("juxt", "*"):
        node = node.right
    return node


def sample_means_under_limits(top: object) -> set[int]:
    """The ids of the sums that a limit averages (``\\lim_{n \\to \\infty} \\frac{1}{n} \\sum_{i=1}^n f(x_i)``,
    the sum the last factor of the limit's body): sample means, never sums over an alphabet (the resolver reads
    them so), so a density applied to their samples x_i is no law on an alphabet."""
    return {id(last) for n in walk(top) if isinstance(n, ast.Limit)
            for last in (_last_factor(n.body),) if isinstance(last, ast.Sum)}


def laws_on_alphabets(trees: Iterable[ast.RowTree]) -> dict[str, int]:
    """Each density that a sum over an alphabet in ``trees`` applies to its index -> the first such offset
    (a sample mean under a limit is no such sum)."""
    out: dict[str, int] = {}
    for tree in trees:
        nodes = [tree.lead, *(r.rhs for r in tree.relations)]
        for top in nodes:
            if top is None:
                continue
            means = sample_means_under_limits(top)
            for n in walk(top):
                if isinstance(n, ast.Sum) and id(n) not in means:
                    for key, offset in summed_densities(n):
                        if key not in out or offset < out[key]:
                            out[key] = offset
    return out
