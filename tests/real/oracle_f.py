"""Plain-mpmath oracles for the f_ cases of the real-derivation corpus (tests/real/cases).

The f_ cases are GAN and divergence derivations from lecture slides, blog notes, a data set's copy of
web notes and a Markdown note (optimal discriminator, change of variables, KL and JSD rewrites).  Each
labelled step (case file, line) gets a function that returns True when the step holds as written and
False when it does not, computed without the checker: on logistic, Laplace and mixture densities, the
discriminator D(x) = 0.5 + 0.4 tanh(x^3 - x), an affine generator g(z) = m + s z of standard normal
noise (its law N(m, s^2)), integrals by mpmath.quad at 30 digits.  A true step holds on two assignments
to 20 digits; a false or undefined step fails on one assignment by far more than the error.  Never
imports ganproof.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import mpmath
from mpmath import mp, mpf
from remember import memo  # noqa: E402 - tests/real is on sys.path (harness.load_oracles)

DPS = 30
TOL = mpf("1e-20")
GAP = mpf("1e-6")

Fn = Callable[[mpf], mpf]
Pair = tuple[Callable[[], mpf], Callable[[], mpf]]

ORACLE: dict[tuple[str, int], Callable[[], bool]] = {}


def oracle(name: str, *lines: int) -> Callable[[Callable[[], bool]], Callable[[], bool]]:
    def register(fn: Callable[[], bool]) -> Callable[[], bool]:
        for line in lines:
            ORACLE[(name, line)] = at_full_precision(fn)
        return fn

    return register


def at_full_precision(fn: Callable[[], bool]) -> Callable[[], bool]:
    def run() -> bool:
        with mpmath.workdps(DPS):
            return fn()

    return run


def integral(f: Fn, breaks: Sequence[str] = ("-2", "-1", "-0.5", "-0.3", "0", "0.2", "0.5", "0.8", "1", "2")) -> mpf:
    """The integral of f over the real line, split at the kinks (the centres) of the logistic and Laplace densities below."""
    return mpmath.quad(f, [-mp.inf, *(mpf(b) for b in breaks), mp.inf])


def close(a: mpf, b: mpf) -> bool:
    return abs(a - b) <= TOL * max(1, abs(a), abs(b))


def holds(pairs: Sequence[Pair]) -> bool:
    with mpmath.workdps(DPS):
        return all(close(lhs(), rhs()) for lhs, rhs in pairs)


def fails(lhs: Callable[[], mpf], rhs: Callable[[], mpf]) -> bool:
    with mpmath.workdps(DPS):
        a, b = lhs(), rhs()
        return not (mpmath.isfinite(a) and mpmath.isfinite(b)) or abs(a - b) > GAP


def logistic(m: str, s: str) -> Fn:
    def p(x: mpf) -> mpf:
        u = (x - mpf(m)) / mpf(s)
        e = mpmath.exp(-abs(u))
        return e / (mpf(s) * (1 + e) ** 2)

    return memo(p)


def laplace(m: str, b: str) -> Fn:
    def p(x: mpf) -> mpf:
        return mpmath.exp(-abs(x - mpf(m)) / mpf(b)) / (2 * mpf(b))

    return memo(p)


def normal(m: str, s: str) -> Fn:
    def p(x: mpf) -> mpf:
        return mpmath.npdf(x, mpf(m), mpf(s))

    return memo(p)


def mixture(w: str, p1: Fn, p2: Fn) -> Fn:
    def p(x: mpf) -> mpf:
        return mpf(w) * p1(x) + (1 - mpf(w)) * p2(x)

    return memo(p)


def disc(x: mpf) -> mpf:
    """A discriminator that is no sigmoid of an affine map."""
    return mpf("0.5") + mpf("0.4") * mpmath.tanh(x**3 - x)


def kl(p: Fn, q: Fn) -> mpf:
    return integral(lambda x: p(x) * mpmath.log(p(x) / q(x)))


def jsd(p: Fn, q: Fn) -> mpf:
    m = memo(lambda x: (p(x) + q(x)) / 2)
    return kl(p, m) / 2 + kl(q, m) / 2


PAIRS = ((logistic("0.2", "0.9"), laplace("-0.3", "1.4")),
         (mixture("0.35", logistic("-1", "0.5"), laplace("0.8", "0.7")), logistic("0.5", "1.3")))
"""Two assignments (p, q) of densities that are not ganproof's families."""
GENERATORS = (("0.4", "1.3"), ("-0.7", "0.6"))
"""Two affine generators g(z) = m + s z of z ~ N(0, 1) (paired with PAIRS' first density as the data)."""


def lotus_rows(m: str, s: str, data: Fn) -> tuple[Callable[[], mpf], Callable[[], mpf]]:
    """V(G, D) as the two integrals (over x and over the noise z), and as one integral over x against the law
    p_g = N(m, s^2) of g(z) = m + s z."""
    pg = normal(m, s)

    def over_z() -> mpf:
        # the noise integral split where x = m + s z crosses the bends of D (x^3 - x turns at +-1/sqrt(3))
        cuts = sorted((mpf(b) - mpf(m)) / mpf(s) for b in ("-2", "-1", "-0.5", "0", "0.5", "1", "2"))
        return integral(lambda x: data(x) * mpmath.log(disc(x))) + mpmath.quad(
            lambda z: mpmath.npdf(z) * mpmath.log(1 - disc(mpf(m) + mpf(s) * z)), [-mp.inf, *cuts, mp.inf])

    def over_x() -> mpf:
        return integral(lambda x: data(x) * mpmath.log(disc(x)) + pg(x) * mpmath.log(1 - disc(x)))

    return over_z, over_x


# ----------------------------------------------------- f_chunhaoy_stat5011_optimal_discriminator
@oracle("f_chunhaoy_stat5011_optimal_discriminator.md", 5)
def chunhaoy_change_of_variables() -> bool:
    return holds([lotus_rows(m, s, pair[0]) for (m, s), pair in zip(GENERATORS, PAIRS)])


# ------------------------------------------------------------------- f_square1111_gan_proposition
SQUARE = "f_square1111_gan_proposition.md"


@oracle(SQUARE, 5)
def square_lost_integral_sign() -> bool:
    # as written the second term p_g(x) log(1 - D(x)) dx has no integral sign (and one ')' too many): the row
    # is no number; read with the term at a point x = 0.3 it differs from V, so the step fails as written
    (m, s), (data, _) = GENERATORS[0], PAIRS[0]
    over_z, _ = lotus_rows(m, s, data)
    pg = normal(m, s)
    x = mpf("0.3")
    return not fails(over_z, lambda: integral(lambda t: data(t) * mpmath.log(disc(t)))
                     + pg(x) * mpmath.log(1 - disc(x)))


@oracle(SQUARE, 9)
def square_log_d_instead_of_log_one_minus_d() -> bool:
    # C(G) = V(G, D*) = E_data[log D*] + E_z[log(1 - D*(g(z)))]; the row writes log D*(G(z))
    (m, s), (data, _) = GENERATORS[0], PAIRS[0]
    pg = normal(m, s)

    def dstar(x: mpf) -> mpf:
        return data(x) / (data(x) + pg(x))

    def value() -> mpf:
        return integral(lambda x: data(x) * mpmath.log(dstar(x)) + pg(x) * mpmath.log(1 - dstar(x)))

    def written() -> mpf:
        return integral(lambda x: data(x) * mpmath.log(dstar(x)) + pg(x) * mpmath.log(dstar(x)))

    return not fails(value, written)


# ------------------------------------------------------------- f_ccmath_gan_notes_discretization
@oracle("f_ccmath_gan_notes_discretization.md", 6)
def notes_expectations_as_one_integral() -> bool:
    # for every D: E_data[log D] + E_g[log(1 - D)] = int p_data log D + p_g log(1 - D) dx, so the maxima agree
    pairs = []
    for p, q in PAIRS:
        pairs.append((lambda p=p, q=q: integral(lambda x: p(x) * mpmath.log(disc(x)))
                      + integral(lambda x: q(x) * mpmath.log(1 - disc(x))),
                      lambda p=p, q=q: integral(lambda x: p(x) * mpmath.log(disc(x))
                                                + q(x) * mpmath.log(1 - disc(x)))))
    return holds(pairs)


# ---------------------------------------------------------- f_ccmath_gan_framework_proposition1
FRAMEWORK = "f_ccmath_gan_framework_proposition1.md"


@oracle(FRAMEWORK, 16)
def framework_lost_integral_sign() -> bool:
    # "... dx + p_g(x) log(1 - D(x)) dx": the second term has no integral sign; at a point it is not V
    return square_lost_integral_sign()


@oracle(FRAMEWORK, 23)
def framework_derivative() -> bool:
    # f(x) = a log x + b log(1 - x): f'(x) = a/x - b/(1 - x), by central differences at two points
    pairs = []
    for a, b, x in (("0.7", "1.9", "0.35"), ("2.5", "0.4", "0.8")):
        def f(t: mpf, a: str = a, b: str = b) -> mpf:
            return mpf(a) * mpmath.log(t) + mpf(b) * mpmath.log(1 - t)

        pairs.append((lambda f=f, x=x: mpmath.diff(f, mpf(x)),
                      lambda a=a, b=b, x=x: mpf(a) / mpf(x) - mpf(b) / (1 - mpf(x))))
    return holds(pairs)


# ----------------------------------------------------------------------- f_datumorphism_jsd_card
@oracle("f_datumorphism_jsd_card.md", 5)
def datumorphism_jsd_definition() -> bool:
    pairs = []
    for p, q in PAIRS:
        m = memo(lambda x, p=p, q=q: (p(x) + q(x)) / 2)
        pairs.append((lambda p=p, q=q: jsd(p, q), lambda p=p, q=q, m=m: (kl(p, m) + kl(q, m)) / 2))
    return holds(pairs)


# ------------------------------------------------------------------ f_ghnote_gan_static_generator
GHNOTE = "f_ghnote_gan_static_generator.md"


def _kl_rows(p: Fn, q: Fn) -> dict[int, Callable[[], mpf]]:
    return {
        0: lambda: kl(p, q),
        11: lambda: integral(lambda x: p(x) * mpmath.log(p(x) / q(x))),
        12: lambda: integral(lambda x: p(x) * mpmath.log(2 * p(x) / (2 * q(x)))),
        13: lambda: integral(lambda x: p(x) * mpmath.log(p(x) / (q(x) / 2))) - mpmath.log(2),
    }


@oracle(GHNOTE, 11)
def ghnote_kl_definition() -> bool:
    return holds([(r[0], r[11]) for r in (_kl_rows(p, q) for p, q in PAIRS)])


@oracle(GHNOTE, 12)
def ghnote_kl_times_two() -> bool:
    return holds([(r[11], r[12]) for r in (_kl_rows(p, q) for p, q in PAIRS)])


@oracle(GHNOTE, 13)
def ghnote_kl_half_q_minus_log_two() -> bool:
    return holds([(r[12], r[13]) for r in (_kl_rows(p, q) for p, q in PAIRS)])


@oracle(GHNOTE, 18)
def ghnote_jsd_definition() -> bool:
    return datumorphism_jsd_definition()


@oracle(GHNOTE, 27)
def ghnote_two_kl_are_two_jsd() -> bool:
    pairs = []
    for p, q in PAIRS:
        m = memo(lambda x, p=p, q=q: (p(x) + q(x)) / 2)
        pairs.append((lambda p=p, q=q, m=m: -mpmath.log(4) + kl(p, m) + kl(q, m),
                      lambda p=p, q=q: -mpmath.log(4) + 2 * jsd(p, q)))
    return holds(pairs)
