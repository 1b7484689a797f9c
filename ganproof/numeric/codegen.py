"""Integrands as one flat Python function each: the ball path's inner loop without closure calls.

Quadrature calls an integrand thousands of times.  A tree of closures (one
per SymPy node, :mod:`ganproof.numeric.dispatch`) spends most of each call on
Python calls, not on arithmetic: an arb operation costs 0.1-0.6 us, a closure
call with its lookups about as much again.  :func:`generate` writes the
integrand as one function of straight-line code instead, each distinct
subexpression computed once (common subexpressions shared), and compiles it
with Python's ``compile``.

No text of the input reaches that source: every leaf (a number, a concrete
function, a variable's slot, a subtree left to the closures) is an entry of
the function's namespace, named ``k0``, ``k1``, ...; the source holds only
those names, temporaries ``t0``, ``t1``, ..., operators and the method names
chosen here.  The expression itself was built by the project's grammar or
library, never parsed from code.

What the flat code does not cover (an integral, a derivative or a
substitution inside the integrand) is compiled by the closure compiler and
called as one leaf; a node whose meaning the dispatch decides differently
(1 - D, log of a density, ...) is written with the same kernels.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import sympy as sp
from sympy.core.function import AppliedUndef

from ganproof.numeric.dispatch import Compiled, log_parts, minus_one_of, one_minus_of

if TYPE_CHECKING:  # pragma: no cover
    from ganproof.numeric.compile_ball import BallCompiler


class _Writer:
    """Straight-line code for one expression: lines, names for leaves, one temporary per node."""

    def __init__(self, compiler: BallCompiler, helpers: dict[str, Callable[..., Any]]) -> None:
        self.c = compiler
        self.lines: list[str] = []
        self.names: dict[str, Any] = dict(helpers)
        self.done: dict[sp.Basic, str] = {}
        self.leaf_ids: dict[int, str] = {}

    def leaf(self, obj: Any) -> str:
        """A namespace name standing for ``obj`` (one name per object)."""
        found = self.leaf_ids.get(id(obj))
        if found is None:
            found = f"k{len(self.leaf_ids)}"
            self.leaf_ids[id(obj)] = found
            self.names[found] = obj
        return found

    def emit(self, code: str) -> str:
        t = f"t{len(self.lines)}"
        self.lines.append(f"    {t} = {code}")
        return t

    def node(self, e: sp.Basic) -> str:
        found = self.done.get(e)
        if found is None:
            found = self.done[e] = self._node(e)
        return found

    def _closure(self, e: sp.Basic) -> str:
        """A subtree left to the closure compiler, called with the environment."""
        return self.emit(f"{self.leaf(self.c.compile(e))}(env)")

    def _node(self, e: sp.Basic) -> str:  # noqa: C901 - one dispatch table, as the closure compiler's
        c = self.c
        if isinstance(e, (sp.Rational, sp.Float)) or e is sp.pi or e is sp.E:
            return self.leaf(c.compile(e)({}))
        if isinstance(e, sp.Symbol):
            if e.name in c.values:
                fixed = self.leaf(c.compile(e)({}))
                return self.emit(f"env.get({self.leaf(c.key(e))}, {fixed})")
            return self.emit(f"env[{self.leaf(c.key(e))}]")
        if isinstance(e, sp.Add):
            one_minus = one_minus_of(e, set(c.discs))
            if one_minus is not None:
                disc = c.discriminator(one_minus.func.__name__)
                return self.call(disc.one_minus, one_minus.args[0])
            minus_one = minus_one_of(e, set(c.discs))
            if minus_one is not None:
                disc = c.discriminator(minus_one.func.__name__)
                return self.emit(f"-{self.call(disc.one_minus, minus_one.args[0])}")
            return self.emit(" + ".join(self.node(a) for a in e.args))
        if isinstance(e, sp.Mul):
            return self.emit(" * ".join(self.node(a) for a in e.args))
        if isinstance(e, sp.Pow):
            base = self.node(e.base)
            if e.exp.is_Integer:
                n = int(e.exp)
                if n >= 0:
                    return self.emit(f"{base} ** {self.leaf(n)}")
                return self.emit(f"RECIPROCAL({base} ** {self.leaf(-n)})")
            if isinstance(e.exp, sp.Rational) and int(e.exp.q) % 2 == 1:
                return self.emit(f"ODD_ROOT({base}, {self.leaf(int(e.exp.p))}, {self.leaf(int(e.exp.q))})")
            return self.emit(f"POWER({base}, {self.node(e.exp)})")
        if isinstance(e, sp.exp):
            return self.emit(f"EXP({self.node(e.args[0])})")
        if isinstance(e, sp.log):
            return self._log(e.args[0])
        if isinstance(e, sp.Abs):
            return self.emit(f"ABS({self.node(e.args[0])})")
        if isinstance(e, AppliedUndef):
            return self._applied(e)
        if isinstance(e, (sp.Integral, sp.Derivative, sp.Subs)):
            return self._closure(e)
        raise c.failure(f"cannot evaluate {type(e).__name__} numerically")

    def call(self, fn: Callable[[Any], Any], arg: sp.Expr) -> str:
        """``fn(arg)``; remembered by node when ``arg`` is a variable (the integration variable):
        integrals over the same pieces meet the same node objects (see ``BallCompiler.memoized``)."""
        if isinstance(arg, sp.Symbol) and arg not in self.c.volatile and arg.name not in self.c.values:
            fn = self.c.memoized(fn)
        return self.emit(f"{self.leaf(fn)}({self.node(arg)})")

    def _log(self, arg: sp.Expr) -> str:
        c = self.c
        if isinstance(arg, AppliedUndef) and len(arg.args) == 1:
            name = arg.func.__name__
            if name in c.discs:
                return self.call(c.discriminator(name).log_value, arg.args[0])
            if name in c.dens:
                c._not_a_family(name)
                return self.call(c.density(name).log_pdf, arg.args[0])
        if isinstance(arg, AppliedUndef) and len(arg.args) == 2 and arg.func.__name__ in c.dens:
            fam = c._family(arg.func.__name__)
            return self.emit(f"{self.leaf(fam.log_pdf)}({self.node(arg.args[0])}, {self.node(arg.args[1])})")
        one_minus = one_minus_of(arg, set(c.discs))
        if one_minus is not None:
            disc = c.discriminator(one_minus.func.__name__)
            return self.call(disc.log_one_minus, one_minus.args[0])
        num, den = log_parts(arg)
        if den != 1:
            return self.emit(f"{self._log(num)} - {self._log(den)}")
        return self.emit(f"LOG({self.node(num)})")

    def _applied(self, e: AppliedUndef) -> str:
        c = self.c
        name = e.func.__name__
        if len(e.args) == 2:
            fam = c._family(name)
            fn = fam.pdf if name in c.dens else fam.forward
            return self.emit(f"{self.leaf(fn)}({self.node(e.args[0])}, {self.node(e.args[1])})")
        if len(e.args) != 1:
            raise c.failure(f"{name} takes one argument")
        c._not_a_family(name)
        if name in c.dens:
            fn = c.density(name).pdf
        elif name in c.discs:
            fn = c.discriminator(name).value
        elif name in c.gens:
            fn = c.generator(name).forward
        elif name in c.critics:
            fn = c.critic(name)
        else:
            raise c.failure(f"no concrete function stands for {name}")
        return self.call(fn, e.args[0])


def generate(compiler: BallCompiler, e: sp.Expr, helpers: dict[str, Callable[..., Any]]) -> Compiled:
    """``e`` as one function ``env -> value``, for the ball compiler ``compiler`` (see the module)."""
    writer = _Writer(compiler, helpers)
    result = writer.node(e)
    source = "def integrand(env):\n" + "\n".join(writer.lines) + f"\n    return {result}\n"
    namespace: dict[str, Any] = {"__builtins__": {}, **writer.names}
    exec(compile(source, "<ganproof integrand>", "exec"), namespace)  # noqa: S102 - our own code, see above
    integrand = namespace["integrand"]
    integrand.source = source  # for tests and debugging
    return integrand  # type: ignore[no-any-return]


__all__ = ["generate"]
