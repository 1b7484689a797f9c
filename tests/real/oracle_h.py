"""Plain-mpmath oracles for the h_ cases of the real-derivation corpus (tests/real/cases).

h_deshanadesai_kl_mle_argmin: arg min chains over a model q_theta = N(theta, 1.5^2) for a target p, a
two-component Gaussian mixture.  An equality of two expressions holds when they agree at two parameters
(theta = 0.3 and 1.1) to 20 digits; a step between two arg mins (or an arg min and an arg max, negated)
holds when the difference of the two expressions is the same at both parameters (it does not depend on
theta, so the minimisers agree).  Integrals by mpmath.quad at 30 digits.  Never imports ganproof.
"""

from __future__ import annotations

from collections.abc import Callable

import mpmath
from mpmath import mp, mpf

DPS = 30
TOL = mpf("1e-20")
CASE = "h_deshanadesai_kl_mle_argmin.md"
THETAS = (mpf("0.3"), mpf("1.1"))

Fn = Callable[[mpf], mpf]
Side = Callable[[mpf], mpf]

ORACLE: dict[tuple[str, int], Callable[[], bool]] = {}


def integral(f: Fn) -> mpf:
    return mpmath.quad(f, [-mp.inf, mpf(-3), mpf(-1), mpf(0), mpf(1), mpf(3), mp.inf])


def normal(m: mpf, s: mpf) -> Fn:
    return lambda x: mpmath.exp(-((x - m) / s) ** 2 / 2) / (s * mpmath.sqrt(2 * mp.pi))


def p(x: mpf) -> mpf:
    return mpf("0.3") * normal(mpf(-1), mpf("0.8"))(x) + mpf("0.7") * normal(mpf("0.5"), mpf(1))(x)


def q(theta: mpf) -> Fn:
    return normal(theta, mpf("1.5"))


def e_p(f: Fn) -> mpf:
    return integral(lambda x: p(x) * f(x))


def e_q(theta: mpf, f: Fn) -> mpf:
    return integral(lambda x: q(theta)(x) * f(x))


def close(a: mpf, b: mpf) -> bool:
    return abs(a - b) <= TOL * max(1, abs(a), abs(b))


def equal(a: Side, b: Side) -> bool:
    with mpmath.workdps(DPS):
        return all(close(a(t), b(t)) for t in THETAS)


def same_argmin(a: Side, b: Side) -> bool:
    """The difference a - b does not depend on theta (b an arg min's expression; negate an arg max's)."""
    with mpmath.workdps(DPS):
        d0, d1 = (a(t) - b(t) for t in THETAS)
        return close(d0, d1) and not close(a(THETAS[0]), a(THETAS[1]))


log = mpmath.log

# the KL chain (f = u log u): rows 14-21
k14: Side = lambda t: e_p(lambda x: 1 + log(p(x) / q(t)(x))) - e_q(t, lambda x: p(x) / q(t)(x))
k15: Side = lambda t: e_p(lambda x: 1 + log(p(x) / q(t)(x))) - e_p(lambda x: mpf(1))
k16: Side = lambda t: e_p(lambda x: log(p(x) / q(t)(x)))
k17: Side = lambda t: e_p(lambda x: log(p(x)) - log(q(t)(x)))
k18: Side = lambda t: e_p(lambda x: log(p(x))) - e_p(lambda x: log(q(t)(x)))
k20: Side = lambda t: -e_p(lambda x: log(q(t)(x)))
k21: Side = lambda t: -(e_p(lambda x: log(q(t)(x))))  # argmax E: the arg min of -E
# the reverse KL chain (f = -log u): rows 31-36
r31: Side = lambda t: e_p(lambda x: -q(t)(x) / p(x)) - e_q(t, lambda x: -1 - log(q(t)(x) / p(x)))
r32: Side = lambda t: e_q(t, lambda x: mpf(-1)) + e_q(t, lambda x: 1 + log(q(t)(x) / p(x)))
r33: Side = lambda t: e_q(t, lambda x: log(q(t)(x) / p(x)))
r34: Side = lambda t: e_q(t, lambda x: log(q(t)(x)) - log(p(x)))
r35: Side = lambda t: e_q(t, lambda x: log(q(t)(x))) - e_q(t, lambda x: log(p(x)))
r36: Side = lambda t: -(-e_q(t, lambda x: log(q(t)(x))) + e_q(t, lambda x: log(p(x))))  # argmax, negated


def kl_definition() -> bool:
    with mpmath.workdps(DPS):
        lhs = integral(lambda x: p(x) * log(p(x) / q(THETAS[0])(x)))
        # KL(p || q) by its own definition: E_p[log p] - E_p[log q]
        rhs = e_p(lambda x: log(p(x))) - e_p(lambda x: log(q(THETAS[0])(x)))
        return close(lhs, rhs)


ORACLE[(CASE, 8)] = kl_definition
for line, (a, b, how) in {15: (k14, k15, equal), 16: (k15, k16, equal), 17: (k16, k17, equal), 18: (k17, k18, equal),
                          20: (k18, k20, same_argmin), 21: (k20, k21, equal),
                          32: (r31, r32, equal), 33: (r32, r33, equal), 34: (r33, r34, equal), 35: (r34, r35, equal),
                          36: (r35, r36, equal)}.items():
    ORACLE[(CASE, line)] = (lambda a=a, b=b, how=how: how(a, b))
