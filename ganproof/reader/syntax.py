"""The reader's own syntax tree: frozen values with positions, before any meaning.

The grammar's transformer builds these; :mod:`ganproof.reader.resolve` maps
them, node by node, to the project's SymPy vocabulary.  ``pos`` is the offset
in the file where the node starts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union


@dataclass(frozen=True)
class Num:
    text: str
    pos: int


@dataclass(frozen=True)
class Infinity:
    pos: int


@dataclass(frozen=True)
class Reals:
    pos: int


@dataclass(frozen=True)
class Star:
    pos: int


@dataclass(frozen=True)
class Name:
    """A letter or Greek letter with its subscript and superscripts: ``p_{data}``, ``D_G^*``, ``x_i^{(r)}``."""

    base: str
    sub: tuple[str, ...] | None
    sups: tuple["Node", ...]
    pos: int
    end: int
    label: str | None = None
    """A superscript label that is part of the name: ``opt`` in ``D^{opt}``, ``(D)`` in ``L^{(D)}``."""

    @property
    def starred(self) -> bool:
        return any(isinstance(s, Star) for s in self.sups)

    @property
    def powered(self) -> bool:
        """True when a superscript is not a star: ``\\sigma^2``, ``e^{t}`` are powers, not names of their own."""
        return not all(isinstance(s, Star) for s in self.sups)


@dataclass(frozen=True)
class Call:
    func: Name
    args: tuple["Node", ...]
    pos: int
    end: int


@dataclass(frozen=True)
class OpCall:
    """``KL(p \\| q)``, ``JSD(p \\| q)``, ``CE(a, b)``."""

    op: str
    args: tuple["Node", ...]
    pos: int


@dataclass(frozen=True)
class Paren:
    inner: "Node"
    pos: int


@dataclass(frozen=True)
class Frac:
    num: "Node"
    den: "Node"
    pos: int


@dataclass(frozen=True)
class Func:
    """``\\log``, ``\\exp``, ``\\sqrt`` applied to one argument, and ``|a|`` (``abs``)."""

    name: str
    arg: "Node"
    pos: int


@dataclass(frozen=True)
class Power:
    base: "Node"
    exp: "Node"
    pos: int


@dataclass(frozen=True)
class Neg:
    inner: "Node"
    pos: int


@dataclass(frozen=True)
class BinOp:
    op: str  # '+', '-', '*', '/', 'juxt'
    left: "Node"
    right: "Node"
    pos: int


@dataclass(frozen=True)
class Expect:
    var: str | None
    law: "Node | None"
    body: "Node"
    bracketed: bool
    pos: int


@dataclass(frozen=True)
class Integral:
    lower: "Node | None"
    upper: "Node | None"
    body: "Node"
    diff: str | None
    pos: int


@dataclass(frozen=True)
class Sum:
    index: str
    lower: "Node | None"
    upper: "Node | None"
    body: "Node"
    pos: int


@dataclass(frozen=True)
class Limit:
    var: str
    body: "Node"
    pos: int


@dataclass(frozen=True)
class Deriv:
    by: "Node"
    body: "Node"
    pos: int


@dataclass(frozen=True)
class Optimise:
    """``\\max_D``, ``\\min_G`` in front of an expression."""

    kind: str
    over: "Node | None"
    body: "Node"
    pos: int


Node = Union[Num, Infinity, Reals, Star, Name, Call, OpCall, Paren, Frac, Func, Power, Neg, BinOp, Expect,
             Integral, Sum, Limit, Deriv, Optimise]


@dataclass(frozen=True)
class Relation:
    """One relation of a row and its right-hand side."""

    rel: str
    rhs: Node
    pos: int
    rhs_pos: int


@dataclass(frozen=True)
class RowTree:
    """A parsed row: an optional leading expression and its relations."""

    lead: Node | None
    relations: tuple[Relation, ...]
    pos: int


def node_pos(node: Node) -> int:
    return node.pos


ASSOCIATIVE: dict[str, str] = {"+": "sum", "-": "sum", "*": "product", "juxt": "product"}
"""Operators whose chains are flat: ``a + b + ... + z`` is one level of nesting, not 26."""


def chain_of(node: Node, group: str) -> list[tuple[str, Node]]:
    """The operands of the left-deep chain of ``group`` (``sum`` or ``product``) at ``node``, with the
    operator in front of each (the first has ``+`` or ``*``); iterative, whatever the chain's length."""
    out: list[tuple[str, Node]] = []
    while isinstance(node, BinOp) and ASSOCIATIVE.get(node.op) == group:
        out.append((node.op, node.right))
        node = node.left
    out.append(("+" if group == "sum" else "*", node))
    out.reverse()
    return out


def depth(node: object, limit: int) -> int:
    """Nesting depth of ``node``, stopping early past ``limit``; a chain of + or of products counts once."""
    best = 0
    stack: list[tuple[object, int]] = [(node, 1)]
    while stack:
        n, d = stack.pop()
        if d > best:
            best = d
            if best > limit:
                return best
        group = ASSOCIATIVE.get(n.op) if isinstance(n, BinOp) else None
        for value in getattr(n, "__dict__", {}).values():
            if isinstance(value, tuple):
                for v in value:
                    if hasattr(v, "pos"):
                        stack.append((v, d + 1))
            elif hasattr(value, "pos") and not isinstance(value, int):
                same = group is not None and isinstance(value, BinOp) and ASSOCIATIVE.get(value.op) == group
                stack.append((value, d if same else d + 1))
    return best
