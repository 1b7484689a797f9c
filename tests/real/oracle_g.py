"""Plain-mpmath oracles for the g_ cases of the real-derivation corpus (tests/real/cases).

The g_ cases are GAN and f-divergence derivations from web notes (a data set's copy of them, too).
Each labelled step (case file, line) gets a function that returns True when the step holds as written
and False when it does not, computed without the checker: on a logistic and a Laplace density (and a
two-component Gaussian mixture), for two generating functions f of an f-divergence, f(u) = u log u
(f*(t) = e^(t - 1)) and f(u) = -log u (f*(t) = -1 - log(-t), t < 0), with critics T of the form
c tanh(x) + d; integrals by mpmath.quad at 30 digits; a supremum over t by the root of its derivative
(mpmath.findroot on a bracket), confirmed a maximum by the sign of the second derivative.  A true step holds on two
assignments to 20 digits.  Never imports ganproof.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import mpmath
from mpmath import mp, mpf
from remember import memo  # noqa: E402 - tests/real is on sys.path (harness.load_oracles)

DPS = 30
TOL = mpf("1e-20")

Fn = Callable[[mpf], mpf]

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


def integral(f: Fn) -> mpf:
    return mpmath.quad(f, [-mp.inf, mpf(-2), mpf(-1), mpf("-0.3"), mpf(0), mpf("0.5"), mpf(1), mpf(2), mp.inf])


def close(a: mpf, b: mpf) -> bool:
    return abs(a - b) <= TOL * max(1, abs(a), abs(b))


def logistic(m: str, s: str) -> Fn:
    mu, sc = mpf(m), mpf(s)

    def f(x: mpf) -> mpf:
        e = mpmath.exp(-abs(x - mu) / sc)
        return e / (sc * (1 + e) ** 2)

    return memo(f)


def laplace(m: str, b: str) -> Fn:
    mu, sc = mpf(m), mpf(b)
    return memo(lambda x: mpmath.exp(-abs(x - mu) / sc) / (2 * sc))


def mixture(w: str, m1: str, s1: str, m2: str, s2: str) -> Fn:
    a, b = mpf(w), 1 - mpf(w)

    def g(m: str, s: str) -> Fn:
        mu, sc = mpf(m), mpf(s)
        return lambda x: mpmath.exp(-((x - mu) / sc) ** 2 / 2) / (sc * mpmath.sqrt(2 * mp.pi))

    g1, g2 = g(m1, s1), g(m2, s2)
    return memo(lambda x: a * g1(x) + b * g2(x))


class Generating:
    """A generating function f of an f-divergence with its Fenchel conjugate f* and f*'s first two derivatives."""

    def __init__(self, f: Fn, conj: Fn, dconj: Fn, ddconj: Fn, start: Fn, critic_sign: int) -> None:
        self.f, self.conj, self.dconj, self.ddconj, self.start, self.sign = f, conj, dconj, ddconj, start, critic_sign

    def sup(self, u: mpf) -> mpf:
        """sup_t (t u - f*(t)): at the root of u - f*'(t), a maximum since -f*'' < 0 there."""
        lo, hi = self.start(u)
        t = mpmath.findroot(lambda t: mpmath.log(self.dconj(t)) - mpmath.log(u), (lo, hi), solver="anderson")
        assert self.ddconj(t) > 0 and abs(self.dconj(t) - u) <= TOL * max(1, u)
        return t * u - self.conj(t)


KL = Generating(lambda u: u * mpmath.log(u), lambda t: mpmath.exp(t - 1), lambda t: mpmath.exp(t - 1),
                lambda t: mpmath.exp(t - 1), lambda u: (mpmath.log(u) - 3, mpmath.log(u) + 5), 1)
REVERSE_KL = Generating(lambda u: -mpmath.log(u), lambda t: -1 - mpmath.log(-t), lambda t: -1 / t,
                        lambda t: 1 / t ** 2, lambda u: (-3 / u, -1 / (3 * u)), -1)

PAIRS: Sequence[tuple[Fn, Fn]] = ((logistic("0.2", "0.7"), laplace("-0.3", "0.9")),
                                  (mixture("0.3", "-1", "0.6", "0.8", "1.1"), logistic("0", "1.2")))


def critics(g: Generating) -> Sequence[Fn]:
    """Critics in the domain of f* (negative ones for reverse KL)."""
    if g.sign > 0:
        return (lambda x: mpf("0.4") * mpmath.tanh(x) + mpf("0.1"), lambda x: mpmath.tanh(3 * x - 1) - mpf("0.5"))
    return (lambda x: mpf("0.4") * mpmath.tanh(x) - mpf("1.2"), lambda x: -mpmath.exp(mpmath.tanh(x - 1)))


def divergence(g: Generating, p: Fn, q: Fn) -> mpf:
    return integral(lambda x: q(x) * g.f(p(x) / q(x)))


def bound(g: Generating, p: Fn, q: Fn, T: Fn) -> mpf:
    return integral(lambda x: q(x) * (T(x) * p(x) / q(x) - g.conj(T(x))))


FGAN = "g_nemotron_fgan_variational_bound.md"


@oracle(FGAN, 19)
def fenchel_moreau() -> bool:
    # f(u) = sup_t {t u - f*(t)} at several u, for both generating functions
    return all(close(g.f(mpf(u)), g.sup(mpf(u))) for g in (KL, REVERSE_KL) for u in ("0.3", "1", "2.7"))


@oracle(FGAN, 21, 28)
def divergence_as_integral_of_sup() -> bool:
    # D_f(P || Q) = int q sup_t {t p/q - f*(t)} dx (the sup at u = p/q, by the root of its derivative)
    return all(close(divergence(g, p, q), integral(lambda x: q(x) * g.sup(p(x) / q(x))))
               for g in (KL, REVERSE_KL) for p, q in PAIRS[:1])


@oracle(FGAN, 29)
def variational_lower_bound() -> bool:
    # the integral of the sup is at least the value of every critic of a family, hence of their sup
    return all(bound(g, p, q, T) <= divergence(g, p, q) + TOL
               for g in (KL, REVERSE_KL) for p, q in PAIRS for T in critics(g))


@oracle(FGAN, 30)
def split_the_integral() -> bool:
    # int q (T p/q - f*(T)) dx = int p T dx - int q f*(T) dx for every critic: the sups agree
    return all(close(bound(g, p, q, T), integral(lambda x: p(x) * T(x)) - integral(lambda x: q(x) * g.conj(T(x))))
               for g in (KL, REVERSE_KL) for p, q in PAIRS for T in critics(g))


@oracle(FGAN, 31)
def integrals_as_expectations() -> bool:
    # int p T dx - int q f*(T) dx = E_p[T] - E_q[f*(T)], the expectations split at the densities' kinks only
    def expect(d: Fn, h: Fn) -> mpf:
        return mpmath.quad(lambda x: d(x) * h(x), [-mp.inf, mpf("-0.3"), mpf("0.2"), mp.inf])

    g = KL
    return all(close(integral(lambda x: p(x) * T(x)) - integral(lambda x: q(x) * g.conj(T(x))),
                     expect(p, T) - expect(q, lambda x: g.conj(T(x))))
               for p, q in PAIRS[:1] for T in critics(g))


# ---------------------------------------------------------------- g_csdn_pytorch_note46_gan_math.md
NOTE46 = "g_csdn_pytorch_note46_gan_math.md"
KINKS = [-mp.inf, mpf(-2), mpf(-1), mpf("-0.3"), mpf(0), mpf("0.2"), mpf(1), mpf(2), mp.inf]
"""The pieces of the real line for these oracles: the kinks of the logistic (0.2, 0) and Laplace (-0.3) densities."""


def whole(f: Fn) -> mpf:
    """The integral over R, split at every kink of the densities of PAIRS."""
    return mpmath.quad(f, KINKS)


class Sigmoid:
    """A discriminator with values in (0, 1), sigmoid(a x + b), with log D and log(1 - D) computed without
    underflow in the tails (log D = -log(1 + e^-(a x + b)), log(1 - D) = -log(1 + e^(a x + b)))."""

    def __init__(self, a: str, b: str) -> None:
        self.a, self.b = mpf(a), mpf(b)

    def log(self, x: mpf) -> mpf:
        return -mpmath.log1p(mpmath.exp(-(self.a * x + self.b)))

    def log1m(self, x: mpf) -> mpf:
        return -mpmath.log1p(mpmath.exp(self.a * x + self.b))


DISCRIMINATORS: Sequence[Sigmoid] = (Sigmoid("0.7", "-0.2"), Sigmoid("-1.3", "0.4"))
ONE: Sequence[tuple[Fn, Fn]] = PAIRS[:1]
"""The logistic and Laplace pair (the mixture's Gaussian tails make log(p/q) lose digits in the far tails)."""


def kl(p: Fn, q: Fn) -> mpf:
    return whole(lambda x: p(x) * mpmath.log(p(x) / q(x)))


def half(p: Fn, q: Fn) -> Fn:
    return lambda x: (p(x) + q(x)) / 2


def jsd(p: Fn, q: Fn) -> mpf:
    return kl(p, half(p, q)) / 2 + kl(q, half(p, q)) / 2


def value_at_optimum(p: Fn, q: Fn) -> mpf:
    """E_p[log p/(p+q)] + E_q[log q/(p+q)], the row of line 42."""
    return whole(lambda x: p(x) * mpmath.log(p(x) / (p(x) + q(x))) + q(x) * mpmath.log(q(x) / (p(x) + q(x))))


@oracle(NOTE46, 19)
def note46_expectations_as_integrals() -> bool:
    # E_{P_data}[log D(X)] + E_{P_G}[log(1 - D(x))] = int P_data log D dx + int p_G log(1 - D) dx (X the variable
    # x; p_G the density of the law P_G): one expectation against each density, at two discriminators
    return all(close(mpmath.quad(lambda x: p(x) * d.log(x), KINKS) + mpmath.quad(lambda x: q(x) * d.log1m(x), KINKS),
                     whole(lambda x: p(x) * d.log(x)) + whole(lambda x: q(x) * d.log1m(x)))
               for p, q in ONE for d in DISCRIMINATORS)


@oracle(NOTE46, 20)
def note46_one_whole() -> bool:
    # the two integrals over x as one, int [P_data log D + P_G log(1 - D)] dx (the \left. slip read away)
    return all(close(whole(lambda x: p(x) * d.log(x)) + whole(lambda x: q(x) * d.log1m(x)),
                     whole(lambda x: p(x) * d.log(x) + q(x) * d.log1m(x)))
               for p, q in ONE for d in DISCRIMINATORS)


@oracle(NOTE46, 42)
def note46_value_at_the_optimum() -> bool:
    # V(G, D*) with V of line 5 and D* = P_data/(P_data + P_G) of line 37
    def v(p: Fn, q: Fn, d: Fn) -> mpf:
        return whole(lambda x: p(x) * mpmath.log(d(x)) + q(x) * mpmath.log(1 - d(x)))

    return all(close(v(p, q, lambda x: p(x) / (p(x) + q(x))), value_at_optimum(p, q)) for p, q in ONE)


@oracle(NOTE46, 43)
def note46_halves() -> bool:
    # log p/(p+q) = log (p/2)/((p+q)/2), in each term
    return all(close(value_at_optimum(p, q),
                     whole(lambda x: p(x) * mpmath.log((p(x) / 2) / half(p, q)(x)))
                     + whole(lambda x: q(x) * mpmath.log((q(x) / 2) / half(p, q)(x))))
               for p, q in ONE)


@oracle(NOTE46, 44)
def note46_two_kl() -> bool:
    # = -2 log 2 + KL(P_data || m) + KL(P_G || m), m = (P_data + P_G)/2 (the bar written \mid)
    return all(close(value_at_optimum(p, q), -2 * mpmath.log(2) + kl(p, half(p, q)) + kl(q, half(p, q)))
               for p, q in ONE)


@oracle(NOTE46, 46)
def note46_jsd() -> bool:
    # -2 log 2 + KL + KL = -2 log 2 + 2 JSD, JSD computed as the mean of the two KL to the mixture
    return all(close(value_at_optimum(p, q), -2 * mpmath.log(2) + 2 * jsd(p, q)) for p, q in ONE)


@oracle(NOTE46, 51)
def note46_jsd_definition() -> bool:
    # JSD(P || Q) = 1/2 D(P || M) + 1/2 D(Q || M), D the KL divergence, M = (P + Q)/2: the value of the line-44
    # identity against the integral of the JSD's generating function, (u log u - (u + 1) log((u + 1)/2))/2 at u = p/q
    def f(u: mpf) -> mpf:
        return (u * mpmath.log(u) - (u + 1) * mpmath.log((u + 1) / 2)) / 2

    return all(close(whole(lambda x: q(x) * f(p(x) / q(x))), kl(p, half(p, q)) / 2 + kl(q, half(p, q)) / 2)
               for p, q in ONE)
