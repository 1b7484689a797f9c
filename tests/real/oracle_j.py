"""Plain-mpmath oracles for the j_ cases of the real-derivation corpus (tests/real/cases).

j_chunxy_f_divergence_variational: f-divergences of two pairs of densities on (0, 1), (6x(1-x), 1) and
(1/2 + x, 3/2 - x), for two convex f with f(1) = 0: t log t (conjugate e^(t-1)) and (t-1)^2 (conjugate
s + s^2/4); the suprema over t by mpmath.findroot on the derivative.  The log sum steps on two triples
(a_i), (b_i) with a = sum a_i, b = sum b_i and f(t) = t log t.  The variational expression as written
(E_p[f(x)] + E_q[f^* o T(x)], lines 36 and 47) is false: already T = 5 makes it e^4 + E_p[x log x] > 50,
far above the divergence.
j_carvalho_mle_or_kl: the model N(theta, 1), a sample of three points and the law p = N(0.3, 1.2^2); the
minimum over theta of KL(p || N(theta, 1)) and of the cross-entropy differ by the entropy of p (line 14).
j_faizal_likelihood_kl, j_szhan_ml_kl: the KL of two normals, by quad and by its closed form; the law of
large numbers (line 22) on two laws: the limit of the sample mean is the mean, int x p(x) dx.
Never imports ganproof.
"""

from __future__ import annotations

from collections.abc import Callable

import mpmath
from mpmath import mp, mpf

from agree import DPS, close, far  # noqa: E402 - tests/real is on sys.path (harness.load_oracles)

# Each function returns whether the step holds: True for a step labelled true, False for one labelled false.
ORACLE: dict[tuple[str, int], Callable[[], bool]] = {}


Fn = Callable[[mpf], mpf]

# two pairs of densities on (0, 1)
PAIRS: tuple[tuple[Fn, Fn], ...] = (
    (lambda x: 6 * x * (1 - x), lambda x: mpf(1)),
    (lambda x: mpf("0.5") + x, lambda x: mpf("1.5") - x),
)


def xlogx(t: mpf) -> mpf:
    return t * mpmath.log(t) if t > 0 else mpf(0)


# convex f with f(1) = 0, its conjugate f^*(s) = sup_t (s t - f(t)) and that conjugate's derivative
FS: tuple[tuple[Fn, Fn, Fn], ...] = (
    (xlogx, lambda s: mpmath.exp(s - 1), lambda s: mpmath.exp(s - 1)),
    (lambda t: (t - 1) ** 2, lambda s: s + s ** 2 / 4, lambda s: 1 + s / 2),
)
# the root in t of a - b f^*'(t) (a >= 0, b > 0), solved by hand for each conjugate above (cx_roots checks
# them against findroot at a few points): inside integrals, findroot at every node would be slow
ROOTS: tuple[Callable[[mpf, mpf], mpf], ...] = (
    lambda a, b: 1 + mpmath.log(a / b) if a > 0 else -mp.inf,
    lambda a, b: 2 * (a / b - 1),
)


def integral(g: Fn) -> mpf:
    return mpmath.quad(g, [0, mpf("0.5"), 1])


def d_f(f: Fn, p: Fn, q: Fn) -> mpf:
    return integral(lambda x: f(p(x) / q(x)) * q(x))


def sup_t(g: Fn, dg: Fn, start: mpf) -> mpf:
    """sup_t g(t) for a concave g, at the root of its derivative dg (found by findroot)."""
    return g(mpmath.findroot(dg, start))


def all_cases(check: Callable[[Fn, Fn, Fn, Fn, Fn], bool]) -> bool:
    with mpmath.workdps(DPS):
        return all(check(f, fs, dfs, p, q) for f, fs, dfs in FS for p, q in PAIRS)


def root_of(dfs: Fn) -> Callable[[mpf, mpf], mpf]:
    return ROOTS[[entry[2] for entry in FS].index(dfs)]


def cx_roots() -> bool:
    with mpmath.workdps(DPS):
        return all(close(root(a, b), mpmath.findroot(lambda t: a - b * dfs(t), mpf(1)))
                   for (_, _, dfs), root in zip(FS, ROOTS) for a, b in ((mpf("0.4"), mpf("1.3")), (mpf(2), mpf("0.5"))))


CX = "j_chunxy_f_divergence_variational.md"


def cx_11() -> bool:
    # D_f(p || p) = int f(1) p dx = 0
    return all_cases(lambda f, fs, dfs, p, q: close(d_f(f, p, p), mpf(0)) and close(d_f(f, q, q), mpf(0)))


def cx_12() -> bool:
    return all_cases(lambda f, fs, dfs, p, q: d_f(f, p, q) >= 0 and d_f(f, q, p) >= 0)


def cx_17() -> bool:
    # D_f = int f(p/q) q dx >= f(int (p/q) q dx) = f(1) = 0
    def check(f: Fn, fs: Fn, dfs: Fn, p: Fn, q: Fn) -> bool:
        inner = integral(lambda x: p(x) / q(x) * q(x))
        return d_f(f, p, q) >= f(inner) and close(f(inner), f(mpf(1))) and close(f(mpf(1)), mpf(0))
    return all_cases(check)


TRIPLES = (([mpf("0.2"), mpf("0.5"), mpf("1.1")], [mpf("0.7"), mpf("0.3"), mpf("0.4")]),
           ([mpf(1), mpf(2), mpf(3)], [mpf("0.5"), mpf("0.5"), mpf(4)]))


def logsum(left: Callable[[list[mpf], list[mpf]], mpf], right: Callable[[list[mpf], list[mpf]], mpf],
           rel: str = "=") -> bool:
    with mpmath.workdps(DPS):
        for a, b in TRIPLES:
            x, y = left(a, b), right(a, b)
            if not (close(x, y) if rel == "=" else x >= y):
                return False
        return True


def s(a: list[mpf], b: list[mpf], term: Callable[[mpf, mpf], mpf]) -> mpf:
    return mpmath.fsum(term(ai, bi) for ai, bi in zip(a, b))


L24 = lambda a, b: s(a, b, lambda ai, bi: ai * mpmath.log(ai / bi))  # noqa: E731
R24 = lambda a, b: s(a, b, lambda ai, bi: bi * (ai / bi) * mpmath.log(ai / bi))  # noqa: E731
R25 = lambda a, b: mpmath.fsum(b) * s(a, b, lambda ai, bi: bi / mpmath.fsum(b) * xlogx(ai / bi))  # noqa: E731
R26 = lambda a, b: mpmath.fsum(b) * xlogx(s(a, b, lambda ai, bi: bi / mpmath.fsum(b) * ai / bi))  # noqa: E731
R27 = lambda a, b: mpmath.fsum(b) * xlogx(mpmath.fsum(a) / mpmath.fsum(b))  # noqa: E731
R28 = lambda a, b: mpmath.fsum(a) * mpmath.log(mpmath.fsum(a) / mpmath.fsum(b))  # noqa: E731

ORACLE[(CX, 24)] = lambda: logsum(L24, R24)
ORACLE[(CX, 25)] = lambda: logsum(R24, R25)
ORACLE[(CX, 26)] = lambda: logsum(R25, R26, ">=")
ORACLE[(CX, 27)] = lambda: logsum(R26, R27)
ORACLE[(CX, 28)] = lambda: logsum(R27, R28)


def cx_written_variational() -> bool:
    # D_f(p || q) = sup_T {E_p[f(x)] + E_q[f^*(T(x))]}: at T = 5 the braces already hold far more than D_f
    with mpmath.workdps(DPS):
        f, fs, _ = FS[0]
        p, q = PAIRS[0]
        lhs = d_f(f, p, q)
        at_five = integral(lambda x: p(x) * f(x)) + integral(lambda x: q(x) * fs(mpf(5)))
        return not (at_five > lhs and far(at_five, lhs))


ORACLE[(CX, 36)] = cx_written_variational
ORACLE[(CX, 47)] = cx_written_variational
ORACLE[(CX, 11)] = cx_11
ORACLE[(CX, 12)] = cx_12
ORACLE[(CX, 17)] = cx_17
ORACLE[(CX, 41)] = lambda: all_cases(lambda f, fs, dfs, p, q: close(d_f(f, p, q), integral(lambda x: f(p(x) / q(x)) * q(x))))


def cx_42() -> bool:
    # f^** = f: sup_t (u t - f^*(t)) (findroot) is f(u) at a few points u, so the integrals agree
    def check(f: Fn, fs: Fn, dfs: Fn, p: Fn, q: Fn) -> bool:
        return all(close(sup_t(lambda t: u * t - fs(t), lambda t: u - dfs(t), mpf(1)), f(u))
                   for u in (mpf("0.3"), mpf(1), mpf("2.5")))
    return all_cases(check)


def pointwise_sup(fs: Fn, dfs: Fn, a: mpf, b: mpf) -> mpf:
    """sup_t (a t - b f^*(t)) for b > 0, at the root of a - b f^*'(t) (0 when a = 0 for f^* = e^(t-1))."""
    t = root_of(dfs)(a, b)
    return mpf(0) if t == -mp.inf else a * t - b * fs(t)


def cx_43() -> bool:
    def check(f: Fn, fs: Fn, dfs: Fn, p: Fn, q: Fn) -> bool:
        sup_form = integral(lambda x: pointwise_sup(fs, dfs, p(x) / q(x), mpf(1)) * q(x))
        return close(d_f(f, p, q), sup_form)
    return all_cases(check)


def cx_44() -> bool:
    def check(f: Fn, fs: Fn, dfs: Fn, p: Fn, q: Fn) -> bool:
        a = integral(lambda x: pointwise_sup(fs, dfs, p(x) / q(x), mpf(1)) * q(x))
        b = integral(lambda x: pointwise_sup(fs, dfs, p(x), q(x)))
        return close(a, b)
    return all_cases(check)


def cx_46() -> bool:
    # the supremum over functions T is attained by the pointwise maximiser T(x), so it is the integral of the
    # pointwise supremum; any other T (here T + 0.1 and T = 0) gives less
    def check(f: Fn, fs: Fn, dfs: Fn, p: Fn, q: Fn) -> bool:
        best = integral(lambda x: pointwise_sup(fs, dfs, p(x), q(x)))
        t_opt = lambda x: root_of(dfs)(p(x), q(x))  # noqa: E731
        at = lambda tt: integral(lambda x: p(x) * tt(x) - fs(tt(x)) * q(x))  # noqa: E731
        return (close(at(t_opt), best) and at(lambda x: t_opt(x) + mpf("0.1")) < best
                and at(lambda x: mpf(0)) < best and close(best, d_f(f, p, q)))
    return all_cases(check)


ORACLE[(CX, 42)] = lambda: cx_roots() and cx_42()
ORACLE[(CX, 43)] = cx_43
ORACLE[(CX, 44)] = cx_44
ORACLE[(CX, 46)] = cx_46


def normal_pdf(x: mpf, m: mpf, sd: mpf = mpf(1)) -> mpf:
    return mpmath.exp(-((x - m) / sd) ** 2 / 2) / (sd * mpmath.sqrt(2 * mp.pi))


LINE = [-mp.inf, -2, 0, 2, mp.inf]
NORMALS = ((mpf("0.3"), mpf("1.2"), mpf("-0.5"), mpf("0.8")), (mpf(1), mpf("0.7"), mpf(0), mpf("1.5")))


def kl_closed(m1: mpf, s1: mpf, m2: mpf, s2: mpf) -> mpf:
    return mpmath.log(s2 / s1) + (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2) - mpf(1) / 2


def kl_quad(m1: mpf, s1: mpf, m2: mpf, s2: mpf) -> mpf:
    return mpmath.quad(lambda x: normal_pdf(x, m1, s1) * mpmath.log(normal_pdf(x, m1, s1) / normal_pdf(x, m2, s2)),
                       LINE)


def kl_split(m1: mpf, s1: mpf, m2: mpf, s2: mpf) -> mpf:
    # E_p[log p] - E_p[log q], two integrals
    return (mpmath.quad(lambda x: normal_pdf(x, m1, s1) * mpmath.log(normal_pdf(x, m1, s1)), LINE)
            - mpmath.quad(lambda x: normal_pdf(x, m1, s1) * mpmath.log(normal_pdf(x, m2, s2)), LINE))


def normals_agree(a: Callable[..., mpf], b: Callable[..., mpf]) -> bool:
    with mpmath.workdps(DPS):
        return all(close(a(*n), b(*n)) for n in NORMALS)


SZ = "j_szhan_ml_kl.md"
ORACLE[(SZ, 15)] = lambda: normals_agree(kl_closed, kl_quad)
ORACLE[(SZ, 17)] = lambda: normals_agree(kl_quad, kl_split)

FZ = "j_faizal_likelihood_kl.md"
ORACLE[(FZ, 12)] = lambda: normals_agree(kl_closed, kl_quad)
ORACLE[(FZ, 13)] = lambda: normals_agree(kl_closed, kl_quad)

SAMPLE = (mpf("-0.4"), mpf("0.9"), mpf("1.6"))


def argmax(f: Fn) -> mpf:
    return mpmath.findroot(lambda t: mpmath.diff(f, t), mpf("0.5"))


def fz_4() -> bool:
    # arg max of P(X | theta), the likelihood of the i.i.d. sample, and of the product of P(x_i | theta)
    with mpmath.workdps(DPS + 10):
        joint = lambda t: mpmath.exp(-mpmath.fsum((x - t) ** 2 for x in SAMPLE) / 2) / (2 * mp.pi) ** mpf("1.5")  # noqa: E731
        product = lambda t: mpmath.fprod(normal_pdf(x, t) for x in SAMPLE)  # noqa: E731
        return close(argmax(joint), argmax(product))


def fz_22() -> bool:
    # the law of large numbers: the sample mean tends (almost surely) to the mean mu = int x p(x) dx; two laws
    # with a known mean, N(0.3, 1.2^2) and the exponential law of rate 2 (mean 1/2)
    with mpmath.workdps(DPS):
        normal = mpmath.quad(lambda x: x * normal_pdf(x, mpf("0.3"), mpf("1.2")), LINE)
        expo = mpmath.quad(lambda x: x * 2 * mpmath.exp(-2 * x), [0, 1, mp.inf])
        return close(normal, mpf("0.3")) and close(expo, mpf("0.5"))


ORACLE[(FZ, 4)] = fz_4
ORACLE[(FZ, 22)] = fz_22

CV = "j_carvalho_mle_or_kl.md"


def cv_10() -> bool:
    # max log L(D | theta) = max log prod p(x_i | theta) = max sum log p(x_i | theta), model N(theta, 1)
    with mpmath.workdps(DPS + 10):
        log_l = lambda t: mpmath.log(mpmath.fprod(normal_pdf(x, t) for x in SAMPLE))  # noqa: E731
        sum_log = lambda t: mpmath.fsum(mpmath.log(normal_pdf(x, t)) for x in SAMPLE)  # noqa: E731
        return close(log_l(argmax(log_l)), sum_log(argmax(sum_log)))


def cv_14() -> bool:
    # min_theta KL(p || N(theta, 1)) against min_theta -int p log N(theta, 1): apart by the entropy of p.  The
    # cross-entropy in closed form, 1/2 log 2 pi + (sd^2 + (m - theta)^2) / 2, checked by quad at one theta; both
    # minima by findroot on the derivative
    with mpmath.workdps(DPS + 10):
        m, sd = mpf("0.3"), mpf("1.2")
        kl_t = lambda t: kl_closed(m, sd, t, mpf(1))  # noqa: E731
        ce_t = lambda t: mpmath.log(2 * mp.pi) / 2 + (sd ** 2 + (m - t) ** 2) / 2  # noqa: E731
        ce_quad = -mpmath.quad(lambda x: normal_pdf(x, m, sd) * mpmath.log(normal_pdf(x, mpf("-0.2"))), LINE)
        if not close(ce_quad, ce_t(mpf("-0.2"))):
            return True  # the closed form is wrong: the oracle fails its label
        t1, t2 = mpmath.findroot(lambda t: mpmath.diff(kl_t, t), mpf(0)), mpmath.findroot(lambda t: mpmath.diff(ce_t, t), mpf(0))
        return not far(kl_t(t1), ce_t(t2))


ORACLE[(CV, 10)] = cv_10
ORACLE[(CV, 14)] = cv_14
