"""Plain-mpmath oracles for the i_ cases of the real-derivation corpus (tests/real/cases).

i_jfrancis71_kl_entropy_expansion, i_gwansiu_mle_kl: KL expansions on laws on a three-letter alphabet
(two pairs of laws); the false steps of i_gwansiu (a law of large numbers written without its sum) on one
pair and one sample point, where the sides are far apart.
i_maosong_mle_kl_argmin: arg max / arg min steps.  Lines 37-39 on the model N(theta, 1) and a sample of
three points: each maximiser is found by mpmath.findroot on the derivative and the two agree to 20 digits.
Lines 82-85 on the model of step densities (theta, theta, 1 - 2 theta) on [0, 1), [1, 2), [2, 3) against the
data density (0.6, 0.1, 0.3) (integrals are sums over the steps): dropping the log (line 82) moves the
minimiser from 0.35 to about 0.3707; lines 84, 85 keep it.  Lines 56, 61: the KL definitions, against the
closed form for two normals (quad) and against cross-entropy minus entropy on an alphabet.
i_nemotron_gan_objective_gradients: D = e^l / (1 + e^l), derivatives by mpmath.diff at l = -0.7 and 1.3.
Never imports ganproof.
"""

from __future__ import annotations

from collections.abc import Callable

import mpmath
from mpmath import mp, mpf

from agree import DPS, close, far  # noqa: E402 - tests/real is on sys.path (harness.load_oracles)

# Each function returns whether the step holds: True for a step labelled true, False for one labelled false.
ORACLE: dict[tuple[str, int], Callable[[], bool]] = {}


def v(*xs: str) -> list[mpf]:
    return [mpf(x) for x in xs]


PAIRS = ((v("0.2", "0.5", "0.3"), v("0.4", "0.4", "0.2")), (v("0.7", "0.1", "0.2"), v("0.25", "0.25", "0.5")))


def ex(p: list[mpf], f: Callable[[int], mpf]) -> mpf:
    return mpmath.fsum(p[i] * f(i) for i in range(len(p)))


def kl(p: list[mpf], q: list[mpf]) -> mpf:
    return ex(p, lambda i: mpmath.log(p[i] / q[i]))


def entropy(p: list[mpf]) -> mpf:
    return -ex(p, lambda i: mpmath.log(p[i]))


def pairs_agree(a: Callable[[list[mpf], list[mpf]], mpf], b: Callable[[list[mpf], list[mpf]], mpf]) -> bool:
    with mpmath.workdps(DPS):
        return all(close(a(p, q), b(p, q)) for p, q in PAIRS)


# i_jfrancis71: D_KL[p || p_theta] = sum_x p log p / p_theta = -H[x] - sum p log p_theta (both on line 17)
JF = "i_jfrancis71_kl_entropy_expansion.md"


def jf_17() -> bool:
    return (pairs_agree(kl, lambda p, q: ex(p, lambda i: mpmath.log(p[i] / q[i])))
            and pairs_agree(kl, lambda p, q: -entropy(p) - ex(p, lambda i: mpmath.log(q[i]))))


ORACLE[(JF, 17)] = jf_17

# i_gwansiu: p = p_data, q = p_theta
GS = "i_gwansiu_mle_kl.md"
ORACLE[(GS, 8)] = lambda: pairs_agree(kl, lambda p, q: ex(p, lambda i: mpmath.log(p[i] / q[i])))
ORACLE[(GS, 9)] = lambda: pairs_agree(lambda p, q: ex(p, lambda i: mpmath.log(p[i] / q[i])),
                                      lambda p, q: ex(p, lambda i: mpmath.log(p[i])) - ex(p, lambda i: mpmath.log(q[i])))
ORACLE[(GS, 36)] = lambda: pairs_agree(lambda p, q: kl(q, p), lambda p, q: ex(q, lambda i: mpmath.log(q[i] / p[i])))
ORACLE[(GS, 37)] = lambda: pairs_agree(lambda p, q: ex(q, lambda i: mpmath.log(q[i] / p[i])),
                                       lambda p, q: ex(q, lambda i: mpmath.log(q[i])) - ex(q, lambda i: mpmath.log(p[i])))


def gs_17() -> bool:
    # -E_{p_data}[log p_theta] against -lim_{N -> oo} (1/N) log p_theta(x) = 0 (log p_theta(x) is finite)
    with mpmath.workdps(DPS):
        p, q = PAIRS[0]
        left = -ex(p, lambda i: mpmath.log(q[i]))
        right = -mpmath.limit(lambda n: mpmath.log(q[0]) / n, mp.inf)
        return not far(left, right)


def gs_25() -> bool:
    # -E_{p_data}[log p_theta] against -(1/N) log p_theta(x) at N = 1, x the first letter
    with mpmath.workdps(DPS):
        p, q = PAIRS[0]
        return not far(-ex(p, lambda i: mpmath.log(q[i])), -mpmath.log(q[0]) / 1)


ORACLE[(GS, 17)] = gs_17
ORACLE[(GS, 25)] = gs_25

# i_maosong
MS = "i_maosong_mle_kl_argmin.md"
SAMPLE = v("-0.4", "0.9", "1.6")


def normal_pdf(x: mpf, m: mpf, s: mpf = mpf(1)) -> mpf:
    return mpmath.exp(-((x - m) / s) ** 2 / 2) / (s * mpmath.sqrt(2 * mp.pi))


def likelihood(t: mpf) -> mpf:
    return mpmath.fprod(normal_pdf(x, t) for x in SAMPLE)


def argopt(f: Callable[[mpf], mpf], start: mpf) -> mpf:
    return mpmath.findroot(lambda t: mpmath.diff(f, t), start)


def same_argmax(f: Callable[[mpf], mpf], g: Callable[[mpf], mpf]) -> bool:
    with mpmath.workdps(DPS + 10):
        a, b = argopt(f, mpf("0.5")), argopt(g, mpf("0.5"))
        # a maximiser: the second derivative is negative
        return close(a, b) and mpmath.diff(f, a, 2) < 0 and mpmath.diff(g, b, 2) < 0


ORACLE[(MS, 37)] = lambda: same_argmax(likelihood, lambda t: mpmath.fprod(normal_pdf(x, t) for x in SAMPLE))
ORACLE[(MS, 38)] = lambda: same_argmax(likelihood, lambda t: mpmath.log(likelihood(t)))
ORACLE[(MS, 39)] = lambda: same_argmax(lambda t: mpmath.log(likelihood(t)),
                                       lambda t: mpmath.fsum(mpmath.log(normal_pdf(x, t)) for x in SAMPLE))


def ms_56() -> bool:
    # int P log(P / Q) dx for P = N(0.3, 1.2^2), Q = N(-0.5, 0.8^2), against the closed form of the KL of two normals
    with mpmath.workdps(DPS):
        m1, s1, m2, s2 = mpf("0.3"), mpf("1.2"), mpf("-0.5"), mpf("0.8")
        closed = mpmath.log(s2 / s1) + (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2) - mpf(1) / 2
        quad = mpmath.quad(lambda x: normal_pdf(x, m1, s1) * mpmath.log(normal_pdf(x, m1, s1) / normal_pdf(x, m2, s2)),
                           [-mp.inf, -2, 0, 2, mp.inf])
        return close(closed, quad)


ORACLE[(MS, 56)] = ms_56
ORACLE[(MS, 61)] = lambda: pairs_agree(lambda p, q: -ex(p, lambda i: mpmath.log(q[i])) - entropy(p),
                                       lambda p, q: ex(p, lambda i: mpmath.log(p[i] / q[i])))

DATA = v("0.6", "0.1", "0.3")


def model(t: mpf) -> list[mpf]:
    return [t, t, 1 - 2 * t]


def kl_obj(t: mpf) -> mpf:  # line 81: D_KL(p_data || p(. | theta))
    return kl(DATA, model(t))


def nolog_obj(t: mpf) -> mpf:  # line 82: int p_data p_data / p(x | theta) dx
    return ex(DATA, lambda i: DATA[i] / model(t)[i])


def split_obj(t: mpf) -> mpf:  # line 83
    return ex(DATA, lambda i: mpmath.log(DATA[i])) - ex(DATA, lambda i: mpmath.log(model(t)[i]))


def neg_ce(t: mpf) -> mpf:  # line 84: - int p_data log p(x | theta) dx
    return -ex(DATA, lambda i: mpmath.log(model(t)[i]))


def ce_obj(t: mpf) -> mpf:  # line 85, maximised
    return ex(DATA, lambda i: mpmath.log(model(t)[i]))


def minimiser(f: Callable[[mpf], mpf]) -> mpf:
    with mpmath.workdps(DPS + 10):
        t = mpmath.findroot(lambda u: mpmath.diff(f, u), (mpf("0.2"), mpf("0.45")), solver="anderson")
        assert mpmath.diff(f, t, 2) > 0
        return t


def same_argmin(f: Callable[[mpf], mpf], g: Callable[[mpf], mpf]) -> bool:
    with mpmath.workdps(DPS + 10):
        return close(minimiser(f), minimiser(g))


def other_argmin(f: Callable[[mpf], mpf], g: Callable[[mpf], mpf]) -> bool:
    """False (the step does not hold) when the two minimisers are far apart."""
    with mpmath.workdps(DPS + 10):
        return not far(minimiser(f), minimiser(g))


ORACLE[(MS, 82)] = lambda: other_argmin(kl_obj, nolog_obj)
ORACLE[(MS, 83)] = lambda: other_argmin(nolog_obj, split_obj)
ORACLE[(MS, 84)] = lambda: same_argmin(split_obj, neg_ce)
ORACLE[(MS, 85)] = lambda: same_argmin(neg_ce, lambda t: -ce_obj(t))

# i_nemotron: D = e^l / (1 + e^l)
NM = "i_nemotron_gan_objective_gradients.md"
ELLS = (mpf("-0.7"), mpf("1.3"))


def D(l: mpf) -> mpf:
    return mpmath.exp(l) / (1 + mpmath.exp(l))


def ells_agree(a: Callable[[mpf], mpf], b: Callable[[mpf], mpf]) -> bool:
    with mpmath.workdps(DPS):
        return all(close(a(l), b(l)) for l in ELLS)


def d(f: Callable[[mpf], mpf]) -> Callable[[mpf], mpf]:
    return lambda l: mpmath.diff(f, l)


ORACLE[(NM, 24)] = lambda: ells_agree(lambda l: mpmath.log(D(l)), lambda l: l - mpmath.log(1 + mpmath.exp(l)))
ORACLE[(NM, 30)] = lambda: ells_agree(d(lambda l: mpmath.log(D(l))), d(lambda l: l - mpmath.log(1 + mpmath.exp(l))))
ORACLE[(NM, 31)] = lambda: ells_agree(d(lambda l: l - mpmath.log(1 + mpmath.exp(l))),
                                      lambda l: 1 - mpmath.exp(l) / (1 + mpmath.exp(l)))
ORACLE[(NM, 32)] = lambda: ells_agree(lambda l: 1 - mpmath.exp(l) / (1 + mpmath.exp(l)), lambda l: 1 - D(l))
ORACLE[(NM, 42)] = lambda: ells_agree(d(lambda l: mpmath.log(1 - D(l))), d(lambda l: mpmath.log(1 / (1 + mpmath.exp(l)))))
ORACLE[(NM, 43)] = lambda: ells_agree(d(lambda l: mpmath.log(1 / (1 + mpmath.exp(l)))),
                                      d(lambda l: -mpmath.log(1 + mpmath.exp(l))))
ORACLE[(NM, 44)] = lambda: ells_agree(d(lambda l: -mpmath.log(1 + mpmath.exp(l))), lambda l: -mpmath.exp(l) / (1 + mpmath.exp(l)))
ORACLE[(NM, 45)] = lambda: ells_agree(lambda l: -mpmath.exp(l) / (1 + mpmath.exp(l)), lambda l: -D(l))
