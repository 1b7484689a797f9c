"""Plain-mpmath oracles for the e_ cases of the real-derivation corpus (tests/real/cases).

The e_ cases are KL, Gibbs and GAN derivations from notes, Q&A pages and blogs.  Each labelled
step (case file, line) gets a function that returns True when the step holds as written and
False when it does not, computed without the checker: where the text fixes the laws (two
Gaussians), on concrete Gaussians; where it does not, on logistic and Laplace densities, finite
probability vectors and the discriminator D(x) = 0.5 + 0.4 tanh(x^3 - x) with its optimal
counterpart; integrals by mpmath.quad at 30 digits.  A true step holds on two assignments to 20
digits; a false or undefined step fails on one assignment by far more than the error.  Never
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
    """``fn`` run at DPS digits throughout (its parameters are made from strings inside it)."""
    def run() -> bool:
        with mpmath.workdps(DPS):
            return fn()

    return run


def integral(f: Fn, breaks: Sequence[str] = ("-0.3", "0", "0.8")) -> mpf:
    """The integral of f over the real line, split at the kinks of the Laplace densities of PAIRS."""
    return mpmath.quad(f, [-mp.inf, *(mpf(b) for b in breaks), mp.inf])


def close(a: mpf, b: mpf) -> bool:
    return abs(a - b) <= TOL * max(1, abs(a), abs(b))


def holds(pairs: Sequence[Pair]) -> bool:
    with mpmath.workdps(DPS):
        return all(close(lhs(), rhs()) for lhs, rhs in pairs)


def below(pairs: Sequence[Pair]) -> bool:
    """lhs <= rhs on every assignment (up to the quadrature error)."""
    with mpmath.workdps(DPS):
        return all(lhs() <= rhs() + TOL * max(1, abs(rhs())) for lhs, rhs in pairs)


def fails(lhs: Callable[[], mpf], rhs: Callable[[], mpf]) -> bool:
    with mpmath.workdps(DPS):
        a, b = lhs(), rhs()
        return not (mpmath.isfinite(a) and mpmath.isfinite(b)) or abs(a - b) > GAP


# ------------------------------------------------------------------------------------- laws


def normal(m: str, s: str) -> Fn:
    def p(x: mpf) -> mpf:
        return mpmath.npdf(x, mpf(m), mpf(s))

    return memo(p)


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


def mixture(w: str, p1: Fn, p2: Fn) -> Fn:
    def p(x: mpf) -> mpf:
        return mpf(w) * p1(x) + (1 - mpf(w)) * p2(x)

    return memo(p)


def kl(p: Fn, q: Fn) -> mpf:
    return integral(lambda x: p(x) * mpmath.log(p(x) / q(x)))


def kl_normal_closed(m1: str, s1: str, m2: str, s2: str) -> mpf:
    """KL(N(m1, s1^2) || N(m2, s2^2)) in closed form (s = standard deviation)."""
    a, b, c, d = mpf(m1), mpf(s1), mpf(m2), mpf(s2)
    return mpmath.log(d / b) + (b**2 + (a - c) ** 2) / (2 * d**2) - mpf(1) / 2


def under_normal(m: str, s: str, g: Fn) -> mpf:
    """E[g(X)] for X ~ N(m, s^2), integrated over the standard normal variable u = (x - m)/s."""
    return mpmath.quad(lambda u: mpmath.npdf(u) * g(mpf(m) + mpf(s) * u), [-mp.inf, 0, mp.inf])


GAUSS = (("0.3", "1.2", "-0.5", "0.8"), ("-1.1", "0.6", "0.4", "1.7"))
"""Two assignments (mu_1, sigma_1, mu_2, sigma_2) of the two Gaussians."""
PAIRS = ((logistic("0.2", "0.9"), laplace("-0.3", "1.4")),
         (mixture("0.35", logistic("-1", "0.5"), laplace("0.8", "0.7")), logistic("0.5", "1.3")))
"""Two assignments (p, q) of densities that are not ganproof's families."""
with mpmath.workdps(DPS):
    VECTORS = (((mpf("0.2"), mpf("0.5"), mpf("0.3")), (mpf("0.45"), mpf("0.15"), mpf("0.4"))),
               ((mpf("0.1"), mpf("0.6"), mpf("0.25"), mpf("0.05")), (mpf("0.3"), mpf("0.3"), mpf("0.2"), mpf("0.2"))))
"""Two assignments (p, q) of probability vectors on finite alphabets."""


# ------------------------------------------------------------------------ e_phykn_kl_nonnegative
PHYKN = "e_phykn_kl_nonnegative.md"


def _phykn_rows(m1: str, s1: str, m2: str, s2: str) -> dict[int, Callable[[], mpf]]:
    p, q = normal(m1, s1), normal(m2, s2)
    return {
        0: lambda: kl_normal_closed(m1, s1, m2, s2),
        7: lambda: integral(lambda x: p(x) * mpmath.log(p(x) / q(x))),
        16: lambda: -integral(lambda x: p(x) * mpmath.log(q(x) / p(x))),
        17: lambda: under_normal(m1, s1, lambda x: -mpmath.log(q(x) / p(x))),
        18: lambda: -mpmath.log(under_normal(m1, s1, lambda x: q(x) / p(x))),
        19: lambda: -mpmath.log(integral(lambda x: p(x) * q(x) / p(x))),
    }


@oracle(PHYKN, 7)
def phykn_definition() -> bool:
    return holds([(r[0], r[7]) for r in (_phykn_rows(*g) for g in GAUSS)])


@oracle(PHYKN, 16)
def phykn_sign() -> bool:
    return holds([(r[0], r[16]) for r in (_phykn_rows(*g) for g in GAUSS)])


@oracle(PHYKN, 17)
def phykn_expectation() -> bool:
    return holds([(r[16], r[17]) for r in (_phykn_rows(*g) for g in GAUSS)])


@oracle(PHYKN, 18)
def phykn_jensen() -> bool:
    return below([(r[18], r[17]) for r in (_phykn_rows(*g) for g in GAUSS)])


@oracle(PHYKN, 19)
def phykn_expectation_as_integral() -> bool:
    return holds([(r[18], r[19]) for r in (_phykn_rows(*g) for g in GAUSS)])


# ---------------------------------------------------------------------- e_kennethwang_kl_normals
KENNETH = "e_kennethwang_kl_normals.md"


def _kenneth_rows(mp_: str, sp_: str, mq: str, sq: str) -> dict[int, Callable[[], mpf]]:
    a, b, c, d = mpf(mp_), mpf(sp_), mpf(mq), mpf(sq)

    def pdf(x: mpf, m: mpf, s: mpf) -> mpf:  # the page's formula, not mpmath.npdf
        return 1 / (mpmath.sqrt(2 * mp.pi) * s) * mpmath.exp(-(x - m) ** 2 / (2 * s**2))

    big_p = normal(mp_, sp_)
    return {
        0: lambda: kl_normal_closed(mp_, sp_, mq, sq),
        10: lambda: integral(lambda x: big_p(x) * mpmath.log(big_p(x) / normal(mq, sq)(x))),
        31: lambda: integral(lambda x: big_p(x) * mpmath.log(pdf(x, a, b) / pdf(x, c, d))),
        37: lambda: integral(lambda x: big_p(x) * (mpmath.log(d / b) - (x - a) ** 2 / (2 * b**2)
                                                    + (x - c) ** 2 / (2 * d**2))),
        54: lambda: mpmath.log(d / b) - mpf(1) / 2 + (b**2 + (a - c) ** 2) / (2 * d**2),
        62: lambda: mpmath.log(d / b) + (b**2 + (a - c) ** 2) / (2 * d**2) - mpf(1) / 2,
        450: lambda: integral(lambda x: (x - a) ** 2 * big_p(x)),
        451: lambda: b**2,
        480: lambda: integral(lambda x: (x - c) ** 2 * big_p(x)),
        481: lambda: b**2 + (a - c) ** 2,
    }


def _kenneth(line: int, against: int = 0) -> Callable[[], bool]:
    def check() -> bool:
        return holds([(r[line], r[against]) for r in (_kenneth_rows(*g) for g in GAUSS)])

    return check


for _line in (10, 31, 37, 54, 62):
    ORACLE[(KENNETH, _line)] = at_full_precision(_kenneth(_line))
ORACLE[(KENNETH, 45)] = at_full_precision(_kenneth(450, 451))
ORACLE[(KENNETH, 48)] = at_full_precision(_kenneth(480, 481))


# ------------------------------------------------------------------------ e_polonsky_kl_gaussians
POLONSKY = "e_polonsky_kl_gaussians.md"
FREE_X = mpf("0.7")
"""A value of the free symbol X in the row P(X) \\log[...] (the integral runs over x)."""


def _polonsky_rows(m1: str, s1: str, m2: str, s2: str) -> dict[int, Callable[[], mpf]]:
    a, b, c, d = mpf(m1), mpf(s1), mpf(m2), mpf(s2)
    big_p, big_q = normal(m1, s1), normal(m2, s2)

    def log_q_written(x: mpf) -> mpf:
        return mpmath.log(1 / mpmath.sqrt(2 * mp.pi * d**2) * mpmath.exp(-(x - c) ** 2 / (2 * d**2)))

    def quadratic(x: mpf) -> mpf:
        return x**2 - 2 * c * x + c**2

    return {
        0: lambda: kl_normal_closed(m1, s1, m2, s2),
        12: lambda: integral(lambda x: big_p(x) * mpmath.log(big_p(x) / big_q(x))),
        17: lambda: integral(lambda x: big_p(x) * mpmath.log(big_q(x))),
        # P(X) with X a constant: the integrand is a constant times log Q(x), its integral diverges
        18: lambda: mpmath.quad(lambda x: big_p(FREE_X) * log_q_written(x), [-mp.inf, 0, mp.inf]),
        20: lambda: integral(lambda x: big_p(x) * (mpmath.log(1 / mpmath.sqrt(2 * mp.pi * d**2))
                                                    - (x - c) ** 2 / (2 * d**2))),
        21: lambda: (-mpf(1) / 2 * mpmath.log(2 * mp.pi * d**2) * integral(big_p)
                     - 1 / (2 * d**2) * integral(lambda x: big_p(x) * (x - c) ** 2)),
        22: lambda: (-mpf(1) / 2 * mpmath.log(2 * mp.pi * d**2)
                     - 1 / (2 * d**2) * integral(lambda x: big_p(x) * quadratic(x))),
        23: lambda: -mpf(1) / 2 * mpmath.log(2 * mp.pi * d**2) - 1 / (2 * d**2) * under_normal(m1, s1, quadratic),
        260: lambda: under_normal(m1, s1, lambda x: x**2),
        261: lambda: b**2 + a**2,
    }


@oracle(POLONSKY, 12)
def polonsky_definition() -> bool:
    return holds([(r[12], r[0]) for r in (_polonsky_rows(*g) for g in GAUSS)])


@oracle(POLONSKY, 18)
def polonsky_free_capital_x() -> bool:
    rows = _polonsky_rows(*GAUSS[0])
    return not fails(rows[17], rows[18])


@oracle(POLONSKY, 20)
def polonsky_from_the_free_capital_x() -> bool:
    rows = _polonsky_rows(*GAUSS[0])
    return not fails(rows[18], rows[20])


def _polonsky_chain(line: int, before: int) -> Callable[[], bool]:
    def check() -> bool:
        return holds([(r[before], r[line]) for r in (_polonsky_rows(*g) for g in GAUSS)])

    return check


ORACLE[(POLONSKY, 21)] = at_full_precision(_polonsky_chain(21, 20))
ORACLE[(POLONSKY, 22)] = at_full_precision(_polonsky_chain(22, 21))
ORACLE[(POLONSKY, 23)] = at_full_precision(_polonsky_chain(23, 17))
ORACLE[(POLONSKY, 26)] = at_full_precision(_polonsky_chain(260, 261))


# --------------------------------------------------------------- e_cv7440_kl_gaussians_question
CV7440 = "e_cv7440_kl_gaussians_question.md"


@oracle(CV7440, 6)
def cv7440_kl_as_two_integrals() -> bool:
    def pair(g: tuple[str, str, str, str]) -> Pair:
        p, q = normal(g[0], g[1]), normal(g[2], g[3])
        return (lambda: kl_normal_closed(*g),
                lambda: -integral(lambda x: p(x) * mpmath.log(q(x))) + integral(lambda x: p(x) * mpmath.log(p(x))))

    return holds([pair(g) for g in GAUSS])


@oracle(CV7440, 8)
def cv7440_negative_entropy() -> bool:
    def pair(g: tuple[str, str, str, str]) -> Pair:
        p = normal(g[0], g[1])
        return (lambda: integral(lambda x: p(x) * mpmath.log(p(x))),
                lambda: -mpf(1) / 2 * (1 + mpmath.log(2 * mp.pi * mpf(g[1]) ** 2)))

    return holds([pair(g) for g in GAUSS])


@oracle(CV7440, 20)
def cv7440_second_moment() -> bool:
    return holds([(lambda g=g: under_normal(g[0], g[1], lambda x: x**2),
                   lambda g=g: mpf(g[1]) ** 2 + mpf(g[0]) ** 2) for g in GAUSS])


# ------------------------------------------------------------------------- e_csdn_gan_jsd_recap
CSDN = "e_csdn_gan_jsd_recap.md"


def d_tanh(x: mpf) -> mpf:
    return mpf("0.5") + mpf("0.4") * mpmath.tanh(x**3 - x)


def jsd(p: Fn, q: Fn) -> mpf:
    def m(x: mpf) -> mpf:
        return (p(x) + q(x)) / 2

    return (kl(p, m) + kl(q, m)) / 2


def _value(pd: Fn, pg: Fn, d: Fn) -> mpf:
    return integral(lambda x: pd(x) * mpmath.log(d(x)) + pg(x) * mpmath.log(1 - d(x)))


def _dstar(pd: Fn, pg: Fn) -> Fn:
    return lambda x: pd(x) / (pd(x) + pg(x))


@oracle(CSDN, 6)
def csdn_discrete_kl() -> bool:
    def pair(p: Sequence[mpf], q: Sequence[mpf]) -> Pair:
        # KL of two probability vectors, against the same sum written as cross-entropy minus entropy
        return (lambda: mpmath.fsum(a * mpmath.log(a / b) for a, b in zip(p, q)),
                lambda: -mpmath.fsum(a * mpmath.log(b) for a, b in zip(p, q))
                + mpmath.fsum(a * mpmath.log(a) for a in p))

    return holds([pair(p, q) for p, q in VECTORS])


@oracle(CSDN, 10)
def csdn_jsd_definition() -> bool:
    def pair(p: Fn, q: Fn) -> Pair:
        def m(x: mpf) -> mpf:
            return (p(x) + q(x)) / 2

        # JSD as the entropy of the mixture minus the mean entropy, against the two KL terms
        return (lambda: integral(lambda x: -m(x) * mpmath.log(m(x)))
                - (integral(lambda x: -p(x) * mpmath.log(p(x))) + integral(lambda x: -q(x) * mpmath.log(q(x)))) / 2,
                lambda: kl(p, m) / 2 + kl(q, m) / 2)

    return holds([pair(p, q) for p, q in PAIRS])


@oracle(CSDN, 18)
def csdn_optimal_discriminator() -> bool:
    # the maximiser of V(D, G) = \int p_data log D + p_G log(1 - D) is the ratio: it beats nearby discriminators
    with mpmath.workdps(DPS):
        for pd, pg in PAIRS[:1]:
            ds = _dstar(pd, pg)
            best = _value(pd, pg, ds)
            for eps in (mpf("0.05"), mpf("-0.05")):
                moved = _value(pd, pg, lambda x, e=eps: ds(x) + e * ds(x) * (1 - ds(x)) * mpmath.tanh(x))
                if not moved < best:
                    return False
        return True


@oracle(CSDN, 24)
def csdn_value_at_the_optimum() -> bool:
    return holds([(lambda pd=pd, pg=pg: _value(pd, pg, _dstar(pd, pg)),
                   lambda pd=pd, pg=pg: -2 * mpmath.log(2) + 2 * jsd(pd, pg)) for pd, pg in PAIRS])


# ----------------------------------------------------------------- e_errorhandle_kl_gaussian_formula
ERRORHANDLE = "e_errorhandle_kl_gaussian_formula.md"


@oracle(ERRORHANDLE, 10)
def errorhandle_lost_squares() -> bool:
    # as written, \sigma_q2 is \sigma_q times 2 and (\mu_p - \mu_q)2 is twice the difference
    m_p, s_p, m_q, s_q = (mpf(v) for v in GAUSS[0])
    written = (mpmath.log((s_q * 2) / (s_p * 2)) + (s_p**2 + (m_p - m_q) * 2) / (s_q * 2) - 1) / 2
    return not fails(lambda: kl_normal_closed(*GAUSS[0]), lambda: written)


# ------------------------------------------------------------- e_statproofbook_kl_nonneg_gibbs / _logsum
SPB_GIBBS = "e_statproofbook_kl_nonneg_gibbs.md"
SPB_LOGSUM = "e_statproofbook_kl_nonneg_logsum.md"


def _kl_vec(p: Sequence[mpf], q: Sequence[mpf]) -> mpf:
    return mpmath.fsum(a * mpmath.log(a / b) for a, b in zip(p, q))


def _entropy_terms(p: Sequence[mpf], q: Sequence[mpf]) -> tuple[mpf, mpf]:
    return (mpmath.fsum(a * mpmath.log(a) for a in p), mpmath.fsum(a * mpmath.log(b) for a, b in zip(p, q)))


@oracle(SPB_GIBBS, 5)
@oracle(SPB_LOGSUM, 5)
def spb_nonnegative() -> bool:
    return below([(lambda: mpf(0), lambda p=p, q=q: _kl_vec(p, q)) for p, q in VECTORS])


@oracle(SPB_GIBBS, 11)
@oracle(SPB_LOGSUM, 11)
def spb_definition() -> bool:
    # the sum of p log(p/q), against the same sum as the expectation of log p - log q written termwise
    return holds([(lambda p=p, q=q: _kl_vec(p, q),
                   lambda p=p, q=q: mpmath.fsum(a * (mpmath.log(a) - mpmath.log(b)) for a, b in zip(p, q)))
                  for p, q in VECTORS])


@oracle(SPB_GIBBS, 15)
def spb_split() -> bool:
    return holds([(lambda p=p, q=q: _kl_vec(p, q),
                   lambda p=p, q=q: _entropy_terms(p, q)[0] - _entropy_terms(p, q)[1]) for p, q in VECTORS])


@oracle(SPB_GIBBS, 19)
def spb_gibbs() -> bool:
    return below([(lambda p=p, q=q: -_entropy_terms(p, q)[0], lambda p=p, q=q: -_entropy_terms(p, q)[1])
                  for p, q in VECTORS])


@oracle(SPB_GIBBS, 23)
def spb_gibbs_moved() -> bool:
    return below([(lambda: mpf(0), lambda p=p, q=q: _entropy_terms(p, q)[0] - _entropy_terms(p, q)[1])
                  for p, q in VECTORS])


@oracle(SPB_LOGSUM, 15)
def spb_log_sum_inequality() -> bool:
    # non-negative a_i, b_i that are not probability vectors, a base c = 3
    cases = (((mpf("0.7"), mpf("2.1"), mpf("0.4")), (mpf("1.5"), mpf("0.2"), mpf("0.9"))),
             ((mpf("3"), mpf("0.25")), (mpf("0.5"), mpf("4"))))
    base = mpf(3)

    def pair(a: Sequence[mpf], b: Sequence[mpf]) -> Pair:
        sa, sb = mpmath.fsum(a), mpmath.fsum(b)
        return (lambda: sa * mpmath.log(sa / sb, base),
                lambda: mpmath.fsum(x * mpmath.log(x / y, base) for x, y in zip(a, b)))

    return below([pair(a, b) for a, b in cases])


@oracle(SPB_LOGSUM, 23)
def spb_log_sum_chain() -> bool:
    # KL = the sum (definition) >= 1 log(1/1) = 0
    with mpmath.workdps(DPS):
        return all(_kl_vec(p, q) >= 0 for p, q in VECTORS) and close(1 * mpmath.log(mpf(1) / 1), mpf(0))


# ------------------------------------------------------------------------- e_breheny_gibbs_inequality
BREHENY = "e_breheny_gibbs_inequality.md"


@oracle(BREHENY, 7, 23)
def breheny_nonnegative() -> bool:
    return below([(lambda: mpf(0), lambda f=f, g=g: kl(f, g)) for f, g in PAIRS])


@oracle(BREHENY, 15)
def breheny_log_bound() -> bool:
    points = [mpf(v) for v in ("-2.5", "-0.3", "0", "0.9", "3.1")]
    pairs: list[Pair] = []
    for f, g in PAIRS:
        for x in points:
            pairs.append((lambda f=f, g=g, x=x: mpmath.log(g(x) / f(x)), lambda f=f, g=g, x=x: g(x) / f(x) - 1))
    return below(pairs)


@oracle(BREHENY, 19)
def breheny_distribution_function_in_place_of_the_density() -> bool:
    # F is the distribution (its distribution function): at x = 3 with f = N(0, 1), g = N(3, 1) the left
    # side is about 4.49, the right side about 0.39
    with mpmath.workdps(DPS):
        f, g, x = normal("0", "1"), normal("3", "1"), mpf(3)
        lhs = mpmath.ncdf(x) * mpmath.log(g(x) / f(x))
        rhs = g(x) - f(x)
        return bool(lhs <= rhs)


@oracle(BREHENY, 29)
def breheny_jensen_chain() -> bool:
    # KL = E_f{-log g/f} >= -log E_f g/f = 0
    with mpmath.workdps(DPS):
        for f, g in PAIRS:
            first = integral(lambda x: f(x) * -mpmath.log(g(x) / f(x)))
            second = -mpmath.log(integral(lambda x: g(x) / f(x) * f(x)))
            if not (close(kl(f, g), first) and first >= second - TOL and abs(second) <= TOL):
                return False
        return True


@oracle(BREHENY, 33)
def breheny_expectation_of_the_ratio() -> bool:
    return holds([(lambda f=f, g=g: integral(lambda x: g(x) / f(x) * f(x)), lambda: mpf(1)) for f, g in PAIRS]
                 + [(lambda g=g: integral(g), lambda: mpf(1)) for _, g in PAIRS])
