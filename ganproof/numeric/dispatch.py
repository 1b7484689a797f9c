"""From SymPy nodes to closures: the dispatch the mpmath and the ball compilers share.

A compiler turns an unfolded expression (:func:`ganproof.numeric.evaluate.prepare`)
into a closure ``env -> value``, once per instance and working precision.  What
a node means (a density applied to x, log(1 - D), a family member p(x, theta))
is decided here, once; how numbers are made and combined is left to the
subclass, which implements the arithmetic hooks:

* :class:`ganproof.numeric.compile.Compiler` over mpmath numbers (the
  fallback path, and the only one that reports failures);
* :class:`ganproof.numeric.compile_ball.BallCompiler` over arb balls (the
  fast path).

The concrete functions are looked up through :meth:`ClosureCompiler.density`,
:meth:`~ClosureCompiler.discriminator`, :meth:`~ClosureCompiler.generator`,
:meth:`~ClosureCompiler.critic` and :meth:`~ClosureCompiler.family`, which
return objects with the same method names on both paths (``pdf``,
``log_pdf``, ``value``, ``one_minus``, ``log_value``, ``log_one_minus``,
``forward``).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Hashable
from fractions import Fraction
from typing import Any

import mpmath as mp
import sympy as sp
from sympy.core.function import AppliedUndef

from ganproof.numeric.families import ParametricPushforward
from ganproof.numeric.instances import Instance

Value = Any
"""An mpmath number or an arb ball, by subclass."""
Env = dict[Hashable, Value]
Compiled = Callable[[Env], Value]


def one_minus_of(node: sp.Expr, discs: set[str]) -> AppliedUndef | None:
    """D(a) when ``node`` is 1 - D(a) for a discriminator D."""
    if isinstance(node, sp.Add) and len(node.args) == 2 and sp.S.One in node.args:
        other = node.args[0] if node.args[1] == sp.S.One else node.args[1]
        neg = -other
        if isinstance(neg, AppliedUndef) and neg.func.__name__ in discs:
            return neg
    return None


def log_parts(arg: sp.Expr) -> tuple[sp.Expr, sp.Expr]:
    """(numerator, denominator) of a logarithm's argument, for log(arg) = log num - log den.

    The argument is brought to one fraction (``together``: 1 - a/(a + b) is
    b/(a + b), no cancellation at run time), keeping its written form:
    ``cancel`` would turn D/(1 - D) into (-D)/(D - 1), two negative parts whose
    logarithms do not exist.  When both parts still read as negated, both are
    negated back.  Each part's logarithm is still only taken of a positive
    value (else the row has no value on that instance).
    """
    num, den = sp.fraction(sp.together(arg))
    if den == 1:
        # as written: ``cancel`` would expand 1 + D (1 - D) into 1 + D - D^2, whose terms cancel to
        # within rounding where D saturates (the product, e^-2000, is lost in the difference)
        return num, sp.S.One
    if num.could_extract_minus_sign() and den.could_extract_minus_sign():
        num, den = sp.expand(-num), sp.expand(-den)
    return num, den


def minus_one_of(node: sp.Expr, discs: set[str]) -> AppliedUndef | None:
    """D(a) when ``node`` is D(a) - 1 for a discriminator D: computed as -(1 - D(a)), with no cancellation
    (D(1000) - 1 is -e^-700, not the 0 that 1 rounded from D(1000) minus 1 would give)."""
    if isinstance(node, sp.Add) and len(node.args) == 2 and sp.S.NegativeOne in node.args:
        other = node.args[0] if node.args[1] == sp.S.NegativeOne else node.args[1]
        if isinstance(other, AppliedUndef) and other.func.__name__ in discs:
            return other
    return None


REMEMBERED = (AppliedUndef, sp.log, sp.exp, sp.Pow)
"""Nodes whose values are remembered by the values of their variables (the costly ones)."""


MAX_ALPHABET = 64
"""The most points of an alphabet a sum is evaluated over (drawn alphabets have at most 7)."""


class ClosureCompiler(ABC):
    """The shared dispatch; subclasses implement the arithmetic and the quadrature."""

    failure: type[Exception] = Exception
    """What a node that cannot be evaluated raises (the mpmath path: a verdict's reason;
    the ball path: a signal to fall back)."""

    def __init__(self, inst: Instance) -> None:
        self.inst = inst
        self.dens = dict(inst.densities)
        self.discs = dict(inst.discriminators)
        self.gens = dict(inst.generators)
        self.critics = dict(inst.critics)
        self.values = dict(inst.values)
        self._compiled: dict[sp.Basic, Compiled] = {}
        self.worst = mp.mpf(0)
        """The worst relative error of the integrals met since :meth:`reset` (estimate, and ball radius)."""
        self.scale = mp.mpf(0)
        """The magnitude of the parts of the row since :meth:`reset`, against which its error bound is
        judged: the largest integral of |f| of its integrals, and the largest term of its sums (outside
        integrands: a pointwise value at a far node is no part of the row)."""
        self.lost: mp.mpf | None = None
        """The smallest ratio |term| / |sum| of a term (known to be nonzero) of a sum of the row since
        :meth:`reset`, outside integrands: a term below the row's tolerance against its sum (e^-2000 in
        log(1 + e^-2000)) is rounded away or kept only below the digits the comparison looks at, so the
        row's agreement within that tolerance says nothing about it (see
        :func:`ganproof.chain.numeric_check.compare`).  None: no sum with a nonzero term and total."""
        self._depth = 0
        """Quadratures under way (sums inside an integrand do not count towards :attr:`scale`)."""
        self.quadratures = 0
        """Quadratures actually run (a remembered integral is not run again)."""
        self.reused = 0
        """Integrals whose value was remembered from an earlier row or term."""

    def reset(self) -> None:
        """Start a new row: forget the worst error and the scale (values stay remembered)."""
        self.worst = mp.mpf(0)
        self.scale = mp.mpf(0)
        self.lost = None

    def remembered_integral(self, cache: dict[Hashable, tuple[Value, mp.mpf, mp.mpf]], key: Hashable | None,
                            run: Callable[[], tuple[Value, mp.mpf, mp.mpf]]) -> Value:
        """An integral's value: from ``cache`` under ``key`` (None: never cached), else ``run()``.

        ``run`` returns the value, its relative error and the integral of |f|;
        the error counts towards :attr:`worst` and (for an integral outside any
        integrand) the magnitude towards :attr:`scale`, also when the value is
        remembered.
        """
        hit = None if key is None else cache.get(key)
        if hit is None:
            self._depth += 1
            try:
                hit = run()
            finally:
                self._depth -= 1
            self.quadratures += 1
            if key is not None:
                cache[key] = hit
        else:
            self.reused += 1
        value, rel, mag = hit
        if rel > self.worst:
            self.worst = rel
        if not self._depth and mag > self.scale:
            # an integral of the row itself: an inner integral at a far node of an outer one is no part of
            # the row (its size is already weighted into the outer integral of |f|)
            self.scale = mag
        return value

    # --- the memo --------------------------------------------------------
    def compile(self, e: sp.Basic) -> Compiled:
        """The closure computing ``e`` from the values of its bound variables (compiled once)."""
        done = self._compiled.get(e)
        if done is None:
            done = self._compile(e)
            if isinstance(e, REMEMBERED):
                done = self.remember(done, e)
            self._compiled[e] = done
        return done

    # --- the hooks -------------------------------------------------------
    @abstractmethod
    def key(self, s: sp.Symbol) -> Hashable:
        """The key of the variable ``s`` in an environment."""

    @abstractmethod
    def remember(self, fn: Compiled, e: sp.Basic) -> Compiled:
        """``fn`` with its values remembered by the values of the variables of ``e``."""

    @abstractmethod
    def constant(self, make: Callable[[], Value]) -> Compiled:
        """A closure returning ``make()`` (at the precision in force)."""

    @abstractmethod
    def number(self, q: Fraction) -> Value:
        """The rational ``q`` at the precision in force."""

    @abstractmethod
    def decimal(self, text: str) -> Value:
        """The decimal written ``text`` at the precision in force."""

    @abstractmethod
    def pi(self) -> Value: ...

    @abstractmethod
    def e(self) -> Value: ...

    @abstractmethod
    def total(self, values: list[Value]) -> Value:
        """The sum of ``values``."""

    @abstractmethod
    def size(self, v: Value) -> mp.mpf | None:
        """|v| as an mpf (an upper bound for a ball), or None for a value that is not a plain number."""

    @abstractmethod
    def nonzero_size(self, v: Value) -> mp.mpf | None:
        """|v| when ``v`` is known to be nonzero (a ball that excludes 0; a nonzero mpf), else None."""

    def _note_lost(self, values: list[Value], out: Value) -> None:
        """Record in :attr:`lost` how small the smallest nonzero term of a sum is against the sum."""
        whole = self.nonzero_size(out)
        if whole is None:
            return
        for v in values:
            m = self.nonzero_size(v)
            if m is not None and m < whole:
                ratio = m / whole
                if self.lost is None or ratio < self.lost:
                    self.lost = ratio

    @abstractmethod
    def exp(self, arg: Compiled) -> Compiled: ...

    @abstractmethod
    def positive_log(self, value: Compiled) -> Compiled:
        """log of a value that must be positive (else the node cannot be evaluated)."""

    @abstractmethod
    def reciprocal(self, v: Value) -> Value:
        """1 / v (a value that may hold 0 cannot be inverted)."""

    @abstractmethod
    def real_power(self, base: Value, exponent: Value) -> Value:
        """base ** exponent for a real exponent (the base must be positive)."""

    @abstractmethod
    def absolute(self, v: Value) -> Value:
        """|v| (a value whose derivative is asked for at 0 cannot be evaluated)."""

    @abstractmethod
    def odd_root_power(self, base: Value, p: int, q: int) -> Value:
        """base ** (p/q) for an odd q, over the reals: the real q-th root of base, to the power p.

        An odd root of a negative number is real ((-8)^(1/3) = -2): real-analysis
        semantics, never SymPy's or mpmath's principal complex branch.
        """

    def power(self, e: sp.Pow) -> Compiled:
        base = self.compile(e.base)
        if e.exp.is_Integer:
            n = int(e.exp)
            if n >= 0:
                return lambda env: base(env) ** n
            m, reciprocal = -n, self.reciprocal
            return lambda env: reciprocal(base(env) ** m)
        if isinstance(e.exp, sp.Rational) and int(e.exp.q) % 2 == 1:
            p, q, odd = int(e.exp.p), int(e.exp.q), self.odd_root_power
            return lambda env: odd(base(env), p, q)
        ex, real_power = self.compile(e.exp), self.real_power
        return lambda env: real_power(base(env), ex(env))

    @staticmethod
    def limits(e: sp.Integral) -> tuple[sp.Symbol, sp.Expr, sp.Expr, int, sp.Expr]:
        """(variable, lower, upper, sign, integrand) of the outermost integration of ``e``.

        Several limits (SymPy merges nested integrals into one ``Integral``) are
        integrated one inside the other: the integrand of the outermost is the
        integral over the inner limits.  Bounds in reversed order count with a
        sign: int_b^a f = -int_a^b f.
        """
        var, lo, hi = e.limits[-1]
        body = e.function if len(e.limits) == 1 else sp.Integral(e.function, *e.limits[:-1])
        sign = 1
        if sp.Gt(lo, hi) is sp.true:  # undecided (a symbolic bound) is left to the bounds' own checks
            lo, hi, sign = hi, lo, -1
        return var, lo, hi, sign, body

    @abstractmethod
    def integral(self, e: sp.Integral) -> Compiled: ...

    @abstractmethod
    def derivative(self, e: sp.Derivative) -> Compiled: ...

    @abstractmethod
    def density(self, name: str) -> Any:
        """``pdf`` and ``log_pdf`` of the density standing for ``name``."""

    @abstractmethod
    def discriminator(self, name: str) -> Any:
        """``value``, ``one_minus``, ``log_value`` and ``log_one_minus`` of ``name``'s discriminator."""

    @abstractmethod
    def generator(self, name: str) -> Any:
        """``forward`` of ``name``'s generator."""

    @abstractmethod
    def critic(self, name: str) -> Callable[[Value], Value]:
        """``name``'s critic as a function."""

    @abstractmethod
    def family(self, fam: ParametricPushforward) -> Any:
        """``forward``, ``pdf`` and ``log_pdf`` of a parametric family."""

    # --- the dispatch ----------------------------------------------------
    def _compile(self, e: sp.Basic) -> Compiled:  # noqa: C901 - one dispatch table
        if isinstance(e, sp.Rational):  # integers too
            q = Fraction(int(e.p), int(e.q))
            return self.constant(lambda: self.number(q))
        if isinstance(e, sp.Float):
            text = str(e)
            return self.constant(lambda: self.decimal(text))
        if e is sp.pi:
            return self.constant(self.pi)
        if e is sp.E:
            return self.constant(self.e)
        if isinstance(e, sp.Symbol):
            return self._symbol(e)
        if isinstance(e, sp.Add):
            return self._add(e)
        if isinstance(e, sp.Mul):
            parts = [self.compile(a) for a in e.args]

            def mul(env: Env) -> Value:
                out = parts[0](env)
                for p in parts[1:]:
                    out = out * p(env)
                return out

            return mul
        if isinstance(e, sp.Pow):
            return self.power(e)
        if isinstance(e, sp.exp):
            return self.exp(self.compile(e.args[0]))
        if isinstance(e, sp.log):
            return self._log(e.args[0])
        if isinstance(e, sp.Abs):
            arg, absolute = self.compile(e.args[0]), self.absolute
            return lambda env: absolute(arg(env))
        if isinstance(e, AppliedUndef):
            return self._applied(e)
        if isinstance(e, sp.Integral):
            return self.integral(e)
        if isinstance(e, sp.Sum):
            return self._alphabet_sum(e)
        if isinstance(e, sp.Derivative):
            return self.derivative(e)
        if isinstance(e, sp.Subs):
            return self._subs(e)
        if e in (sp.S.Infinity, sp.S.NegativeInfinity, sp.S.ComplexInfinity, sp.S.NaN):
            raise self.failure("the value is not finite")
        raise self.failure(f"cannot evaluate {type(e).__name__} numerically")

    def _alphabet_end(self, e: sp.Expr) -> int:
        """An end of a sum over an alphabet as an integer: a number, or a symbol the instance gives an
        integer value (the abstract alphabet's size)."""
        if isinstance(e, sp.Integer):
            return int(e)
        if isinstance(e, sp.Symbol) and e.name in self.values:
            q = Fraction(self.values[e.name])
            if q.denominator == 1:
                return int(q)
        raise self.failure(f"the end {e} of a sum is not an integer")

    def _alphabet_sum(self, e: sp.Sum) -> Compiled:
        """A sum over a finite alphabet {lower, ..., upper}: the body at each point, added exactly."""
        if len(e.limits) != 1 or len(e.limits[0]) != 3:
            raise self.failure("only a sum over one index between two ends is evaluated")
        var, lo, hi = e.limits[0]
        a, b = self._alphabet_end(lo), self._alphabet_end(hi)
        if b < a or b - a >= MAX_ALPHABET:
            raise self.failure(f"a sum from {a} to {b} is not over a non-empty alphabet of at most "
                               f"{MAX_ALPHABET} points")
        body = self.compile(e.function)
        key = self.key(var)
        def point(k: int) -> Compiled:
            return self.constant(lambda: self.number(Fraction(k)))

        points = [point(k) for k in range(a, b + 1)]
        total = self.total

        def alphabet_sum(env: Env) -> Value:
            inner = dict(env)
            values = []
            for point in points:
                inner[key] = point(env)
                values.append(body(inner))
            return total(values)

        return alphabet_sum

    def _symbol(self, e: sp.Symbol) -> Compiled:
        key = self.key(e)
        if e.name in self.values:
            q = Fraction(self.values[e.name])
            fixed = self.constant(lambda: self.number(q))

            def symbol(env: Env) -> Value:
                v = env.get(key)
                return fixed(env) if v is None else v

            return symbol
        failure = self.failure

        def bound(env: Env) -> Value:
            try:
                return env[key]
            except KeyError:
                raise failure(f"no value for the symbol {e.name}") from None

        return bound

    def _add(self, e: sp.Add) -> Compiled:
        one_minus = one_minus_of(e, set(self.discs))
        if one_minus is not None:
            disc = self.discriminator(one_minus.func.__name__)
            arg = self.compile(one_minus.args[0])
            return lambda env: disc.one_minus(arg(env))
        minus_one = minus_one_of(e, set(self.discs))
        if minus_one is not None:
            disc = self.discriminator(minus_one.func.__name__)
            arg = self.compile(minus_one.args[0])
            return lambda env: -disc.one_minus(arg(env))
        parts = [self.compile(a) for a in e.args]
        total, size = self.total, self.size

        def add(env: Env) -> Value:
            values = [p(env) for p in parts]
            out = total(values)
            if not self._depth:
                for v in values:
                    m = size(v)
                    if m is not None and m > self.scale:
                        self.scale = m
                self._note_lost(values, out)
            return out

        return add

    def _log(self, arg: sp.Expr) -> Compiled:
        if isinstance(arg, AppliedUndef) and len(arg.args) == 1:
            name = arg.func.__name__
            inner = self.compile(arg.args[0])
            if name in self.discs:
                disc = self.discriminator(name)
                return lambda env: disc.log_value(inner(env))
            if name in self.dens:
                self._not_a_family(name)
                dens = self.density(name)
                return lambda env: dens.log_pdf(inner(env))
        if isinstance(arg, AppliedUndef) and len(arg.args) == 2 and arg.func.__name__ in self.dens:
            fam = self._family(arg.func.__name__)
            at, theta = self.compile(arg.args[0]), self.compile(arg.args[1])
            return lambda env: fam.log_pdf(at(env), theta(env))
        one_minus = one_minus_of(arg, set(self.discs))
        if one_minus is not None:
            disc = self.discriminator(one_minus.func.__name__)
            inner = self.compile(one_minus.args[0])
            return lambda env: disc.log_one_minus(inner(env))
        num, den = log_parts(arg)
        if den != 1:
            fn, fd = self.compile(sp.log(num, evaluate=False)), self.compile(sp.log(den, evaluate=False))
            return lambda env: fn(env) - fd(env)
        return self.positive_log(self.compile(num))

    def _not_a_family(self, name: str) -> None:
        if isinstance(self.dens.get(name) or self.gens.get(name), ParametricPushforward):
            raise self.failure(f"{name} is a parametric family: it needs its parameter, {name}(x, theta)")

    def _family(self, name: str) -> Any:
        fam = self.dens.get(name) or self.gens.get(name)
        if not isinstance(fam, ParametricPushforward):
            raise self.failure(f"{name} takes one argument (it is not a parametric family)")
        return self.family(fam)

    def _applied(self, e: AppliedUndef) -> Compiled:
        name = e.func.__name__
        if len(e.args) == 2:
            fam = self._family(name)
            arg, theta = self.compile(e.args[0]), self.compile(e.args[1])
            if name in self.dens:
                return lambda env: fam.pdf(arg(env), theta(env))
            return lambda env: fam.forward(arg(env), theta(env))
        if len(e.args) != 1:
            raise self.failure(f"{name} takes one argument")
        self._not_a_family(name)
        arg = self.compile(e.args[0])
        if name in self.dens:
            pdf = self.density(name).pdf
            return lambda env: pdf(arg(env))
        if name in self.discs:
            value = self.discriminator(name).value
            return lambda env: value(arg(env))
        if name in self.gens:
            forward = self.generator(name).forward
            return lambda env: forward(arg(env))
        if name in self.critics:
            critic = self.critic(name)
            return lambda env: critic(arg(env))
        raise self.failure(f"no concrete function stands for {name}")

    def _subs(self, e: sp.Subs) -> Compiled:
        """f(theta) at theta = theta_0: the body with the variables bound to the point's values."""
        body = self.compile(e.expr)
        points = [(self.key(v), self.compile(p)) for v, p in zip(e.variables, e.point)]

        def subs(env: Env) -> Value:
            inner = dict(env)
            for k, p in points:
                inner[k] = p(env)
            return body(inner)

        return subs


__all__ = ["ClosureCompiler", "Compiled", "Env", "REMEMBERED", "log_parts", "minus_one_of", "one_minus_of"]
