"""The operators of GAN theory as SymPy expressions.

Each operator keeps what it needs to rewrite itself into integrals (the
distribution of an expectation, the sample set of a sample mean) and prints
itself in LaTeX.  Rewriting is done by the rules in :mod:`ganproof.rules`,
which call :meth:`GanOperator.unfold`: the definition of the operator, in
terms of integrals, expectations and elementary functions.

Bound variables are part of the operator: ``free_symbols`` leaves them out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sympy as sp

from ganproof.vocabulary.names import Density, X, latex_name

if TYPE_CHECKING:  # pragma: no cover
    from ganproof.vocabulary.context import Context


class GanOperator(sp.Expr):
    """Base class of the vocabulary's operators."""

    is_commutative = True
    is_real = True

    def unfold(self, ctx: Context) -> sp.Expr:
        """The operator's definition one level down (integrals, expectations, logs)."""
        raise NotImplementedError

    @property
    def bound(self) -> frozenset[sp.Symbol]:
        return frozenset()

    @property
    def free_symbols(self) -> set[sp.Basic]:
        free: set[sp.Basic] = set()
        for a in self.args:
            free |= a.free_symbols
        return free - set(self.bound)


def _density_of(law_app: sp.Expr) -> str:
    if not isinstance(law_app, sp.core.function.AppliedUndef):
        raise TypeError(f"expected a density applied to the bound variable, got {law_app}")
    return law_app.func.__name__


class Expectation(GanOperator):
    """E_{var ~ law}[body]; ``law`` is the density applied to ``var``.

    >>> from ganproof.vocabulary.names import Density, X
    >>> p = Density("p_data")
    >>> Expectation(sp.log(X), X, p(X)).density_name
    'p_data'
    """

    def __new__(cls, body: sp.Expr, var: sp.Symbol, law: sp.Expr) -> Expectation:
        _density_of(law)
        return sp.Expr.__new__(cls, sp.sympify(body), var, law)

    @property
    def body(self) -> sp.Expr:
        return self.args[0]

    @property
    def var(self) -> sp.Symbol:
        return self.args[1]

    @property
    def law(self) -> sp.Expr:
        return self.args[2]

    @property
    def density_name(self) -> str:
        return _density_of(self.law)

    @property
    def bound(self) -> frozenset[sp.Symbol]:
        return frozenset({self.var})

    def unfold(self, ctx: Context) -> sp.Expr:
        support = ctx.support_of(self.density_name)
        return support.over(self.law * self.body, self.var)

    def _latex(self, printer: sp.printing.latex.LatexPrinter) -> str:
        law = latex_name(self.density_name)
        params = self.law.args[1:]
        if params:  # a member of a family: p_g(., theta)
            law += r"(\cdot, " + ", ".join(printer._print(a) for a in params) + ")"
        return (
            rf"\mathbb{{E}}_{{{printer._print(self.var)} \sim {law}}}"
            rf"\left[{printer._print(self.body)}\right]"
        )


class _Divergence(GanOperator):
    """Shared shape of KL, JSD and cross-entropy: two functions of a bound variable."""

    symbol = ""

    def __new__(cls, first: sp.Expr, second: sp.Expr, var: sp.Symbol = X) -> _Divergence:
        return sp.Expr.__new__(cls, sp.sympify(first), sp.sympify(second), var)

    @property
    def first(self) -> sp.Expr:
        return self.args[0]

    @property
    def second(self) -> sp.Expr:
        return self.args[1]

    @property
    def var(self) -> sp.Symbol:
        return self.args[2]

    @property
    def bound(self) -> frozenset[sp.Symbol]:
        return frozenset({self.var})

    def _arg_latex(self, printer: sp.printing.latex.LatexPrinter, e: sp.Expr) -> str:
        # p(x) prints as p: the variable is bound by the divergence.
        if isinstance(e, sp.core.function.AppliedUndef) and e.args == (self.var,):
            return latex_name(e.func.__name__)
        return printer._print(e)

    def _latex(self, printer: sp.printing.latex.LatexPrinter) -> str:
        sep = r" \,\middle\|\, " if self.symbol != r"\mathrm{CE}" else ", "
        return (
            rf"{self.symbol}\left({self._arg_latex(printer, self.first)}{sep}"
            rf"{self._arg_latex(printer, self.second)}\right)"
        )

    def support(self, ctx: Context) -> sp.Expr:
        return ctx.support_for(self.first, self.second)


class KL(_Divergence):
    """Kullback-Leibler divergence KL(P || Q) = int P log(P/Q)."""

    symbol = r"\mathrm{KL}"

    def unfold(self, ctx: Context) -> sp.Expr:
        P, Q = self.first, self.second
        return ctx.support_for(P, Q).over(P * sp.log(P / Q), self.var)


class JSD(_Divergence):
    """Jensen-Shannon divergence: (1/2) KL(P || M) + (1/2) KL(Q || M), M = (P + Q)/2."""

    symbol = r"\mathrm{JSD}"

    def unfold(self, ctx: Context) -> sp.Expr:
        P, Q = self.first, self.second
        M = (P + Q) / 2
        return KL(P, M, self.var) / 2 + KL(Q, M, self.var) / 2


class CrossEntropy(_Divergence):
    """Cross-entropy of a density P and a positive function F: -int P log F."""

    symbol = r"\mathrm{CE}"

    def unfold(self, ctx: Context) -> sp.Expr:
        P, F = self.first, self.second
        return -ctx.support_for(P).over(P * sp.log(F), self.var)


class FDivergence(_Divergence):
    """The f-divergence D_f(P || Q) = int Q f(P/Q) dx, for a convex f with f(1) = 0.

    ``f`` is a :class:`sympy.Lambda` of one variable; ``label`` names it in
    print (``D_{KL}``, ``D_{GAN}``).

    >>> from ganproof.vocabulary.names import Density, X
    >>> u = sp.Symbol("u", positive=True)
    >>> FDivergence(Density("p")(X), Density("q")(X), sp.Lambda(u, u * sp.log(u)), "KL").label
    'KL'
    """

    def __new__(cls, first: sp.Expr, second: sp.Expr, f: sp.Lambda, label: str | sp.Symbol = "f",
                var: sp.Symbol = X) -> FDivergence:
        if not (isinstance(f, sp.Lambda) and len(f.variables) == 1):
            raise TypeError(f"an f-divergence needs f as a Lambda of one variable, got {f!r}")
        symbol = label if isinstance(label, sp.Symbol) else sp.Symbol(label)
        # args in the order of this signature, so that SymPy's rebuilding func(*args) works
        return sp.Expr.__new__(cls, sp.sympify(first), sp.sympify(second), f, symbol, var)

    @property
    def var(self) -> sp.Symbol:
        return self.args[4]

    @property
    def f(self) -> sp.Lambda:
        return self.args[2]

    @property
    def label(self) -> str:
        return self.args[3].name

    @property
    def free_symbols(self) -> set[sp.Basic]:
        free: set[sp.Basic] = set()
        for a in (self.first, self.second, self.f):
            free |= a.free_symbols
        return free - set(self.bound)

    def unfold(self, ctx: Context) -> sp.Expr:
        P, Q = self.first, self.second
        return ctx.support_for(P, Q).over(Q * self.f(P / Q), self.var)

    def _latex(self, printer: sp.printing.latex.LatexPrinter) -> str:
        label = self.label
        sub = label if len(label) == 1 or label.startswith("\\") else rf"\mathrm{{{label}}}"
        return (
            rf"D_{{{sub}}}\left({self._arg_latex(printer, self.first)} \,\middle\|\, "
            rf"{self._arg_latex(printer, self.second)}\right)"
        )


class BinaryCE(GanOperator):
    """Binary cross-entropy of a label y and a probability d: -(y log d + (1 - y) log(1 - d))."""

    def __new__(cls, label: sp.Expr, prob: sp.Expr) -> BinaryCE:
        return sp.Expr.__new__(cls, sp.sympify(label), sp.sympify(prob))

    def unfold(self, ctx: Context) -> sp.Expr:
        y, d = self.args
        terms = []
        if y != 0:
            terms.append(y * sp.log(d))
        if y != 1:
            terms.append((1 - y) * sp.log(1 - d))
        return -sp.Add(*terms)

    def _latex(self, printer: sp.printing.latex.LatexPrinter) -> str:
        y, d = self.args
        return rf"\mathrm{{CE}}\left({printer._print(y)}, {printer._print(d)}\right)"


class SampleMean(GanOperator):
    """lim_{m -> oo} (1/m) sum_i body(x^{(i)}, ...): one variable per sample set.

    ``draws`` pairs each bound variable with the name of its sample set; the
    law of each set is recorded in the :class:`~ganproof.vocabulary.context.Context`
    (provenance).  The law of large numbers turns it into an expectation.
    """

    def __new__(cls, body: sp.Expr, *draws: tuple[sp.Symbol, str]) -> SampleMean:
        if not draws:
            raise TypeError("a sample mean needs at least one (variable, sample set) pair")
        if len(draws) == 1 and isinstance(draws[0], sp.Tuple) and all(isinstance(d, sp.Tuple) for d in draws[0]):
            pairs = draws[0]  # rebuilt from its own args
        else:
            pairs = sp.Tuple(*(sp.Tuple(v, n if isinstance(n, sp.Symbol) else sp.Symbol(n)) for v, n in draws))
        return sp.Expr.__new__(cls, sp.sympify(body), pairs)

    @property
    def body(self) -> sp.Expr:
        return self.args[0]

    @property
    def draws(self) -> tuple[tuple[sp.Symbol, str], ...]:
        return tuple((v, s.name) for v, s in self.args[1])

    @property
    def bound(self) -> frozenset[sp.Symbol]:
        return frozenset(v for v, _ in self.draws)

    @property
    def free_symbols(self) -> set[sp.Basic]:
        return self.body.free_symbols - set(self.bound)

    def unfold(self, ctx: Context) -> sp.Expr:
        """The limit by the law of large numbers; needs every sample set's law."""
        # The sample sets of one sum are drawn independently of each other, so each additive
        # term of the body is averaged only over the samples it mentions: the mean of
        # log D(x^(i)) + log(1 - D(G(z^(i)))) is E_x[log D(x)] + E_z[log(1 - D(G(z)))], two
        # single integrals, not one double integral.
        return sp.Add(*(self._unfold_term(term, ctx) for term in sp.Add.make_args(self.body)))

    def _unfold_term(self, term: sp.Expr, ctx: Context) -> sp.Expr:
        from ganproof.vocabulary.names import LabelledMixture

        result: sp.Expr = term
        for var, name in reversed(self.draws):
            sample = ctx.sample(name)
            law = sample.law
            if law is None:
                raise LookupError(f"the samples {name} have no known distribution")
            label = sp.Symbol(sample.label or "y", real=True)
            if not (term.free_symbols & {var, label}):
                continue
            if isinstance(law, Density):
                result = Expectation(result, var, law(var))
            elif isinstance(law, LabelledMixture):
                k = len(law.components)
                result = sp.Add(
                    *(
                        Expectation(result.xreplace({label: sp.Integer(y)}), var, dens(var)) / k
                        for dens, y in law.components
                    )
                )
        return result

    def _latex(self, printer: sp.printing.latex.LatexPrinter) -> str:
        # a sample is printed as written: x^{(i)} (tagged by the sum's index), x_i^{(r)} (drawn from p_r); the
        # symbol of a second set (x_g for x_i^{(g)}) is the reader's, not the person's
        written: dict[sp.Symbol, tuple[str, str]] = {}
        for v, name in self.draws:
            base = v.name.split("_")[0] if "_" in v.name else v.name
            tag = name[len(base):] if base != "x" and name.startswith(base) and len(name) > len(base) else name
            written[v] = (base, tag)
        indices = [tag for _, tag in written.values() if tag in _INDEX_LETTERS]
        index = indices[0] if indices else "i"
        sub = {v: sp.Symbol(rf"{printer._print(sp.Symbol(base))}^{{({tag})}}" if tag in _INDEX_LETTERS else
                            rf"{printer._print(sp.Symbol(base))}_{{{index}}}^{{({tag})}}")
               for v, (base, tag) in written.items()}
        return (
            rf"\lim_{{m \to \infty}} \frac{{1}}{{m}} \sum_{{{index}=1}}^{{m}} "
            rf"\left[{printer._print(self.body.xreplace(sub))}\right]"
        )


_INDEX_LETTERS = frozenset("ijkln")
"""Tags that are a sum's index (``x^{(i)}``), not a law's name (``x_i^{(r)}``)."""


class Defined(GanOperator):
    """A defined name applied to arguments, e.g. V(G, D^*_G), standing for its value."""

    def __new__(cls, label: str | sp.Symbol, value: sp.Expr) -> Defined:
        symbol = label if isinstance(label, sp.Symbol) else sp.Symbol(label)
        return sp.Expr.__new__(cls, symbol, sp.sympify(value))

    @property
    def label(self) -> str:
        return self.args[0].name

    @property
    def value(self) -> sp.Expr:
        return self.args[1]

    @property
    def free_symbols(self) -> set[sp.Basic]:
        return self.value.free_symbols

    def unfold(self, ctx: Context) -> sp.Expr:
        return self.value

    def _latex(self, printer: sp.printing.latex.LatexPrinter) -> str:
        return self.label


OPERATORS = (Expectation, KL, JSD, FDivergence, CrossEntropy, BinaryCE, SampleMean, Defined)
