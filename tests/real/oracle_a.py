"""Plain-mpmath oracles for the a_ cases of the real-derivation corpus (tests/real/cases).

Each labelled step (case file, line) gets a function that returns True when the step
holds and False when it does not, computed without the checker: concrete densities,
discriminators and generators that are not ganproof's families (logistic, Laplace,
logistic mixtures; D(x) = 0.5 + 0.4 tanh(x^3 - x); the generator z + z^3/5 with its
inverse in closed form), integrals by mpmath.quad at 30 digits.  A true step must hold
on at least two assignments to 20 digits; a false step must fail on one assignment by
far more than the error.  Never imports ganproof.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

import mpmath
from mpmath import mp, mpf
from remember import memo  # noqa: E402 - tests/real is on sys.path (harness.load_oracles)

DPS = 30
TOL = mpf("1e-20")  # agreement required of a true step (relative to the size of the sides)
GAP = mpf("1e-6")  # disagreement required of a false step

Density = Callable[[mpf], mpf]
Fn = Callable[[mpf], mpf]

# breakpoints at the kinks of the Laplace densities used below (-0.4, 0.2) and at 0
BREAKS = ("-0.4", "0", "0.2")


def integral(f: Fn) -> mpf:
    """The integral of f over the real line (split at the kinks, to keep 30 digits)."""
    return mpmath.quad(f, [-mp.inf, *(mpf(b) for b in BREAKS), mp.inf])


def close(a: mpf, b: mpf) -> bool:
    """a and b agree to TOL, relative to their size (absolute below 1)."""
    return abs(a - b) <= TOL * max(1, abs(a), abs(b))


def apart(a: mpf, b: mpf) -> bool:
    """a and b differ by far more than the quadrature error."""
    return abs(a - b) > GAP


def holds(pairs: Sequence[tuple[Callable[[], mpf], Callable[[], mpf]]]) -> bool:
    """Every (lhs, rhs) pair agrees to TOL (each pair is one concrete assignment)."""
    with mpmath.workdps(DPS):
        return all(close(lhs(), rhs()) for lhs, rhs in pairs)


def fails(lhs: Callable[[], mpf], rhs: Callable[[], mpf]) -> bool:
    """The step fails on this assignment: the sides are far apart."""
    with mpmath.workdps(DPS):
        return apart(lhs(), rhs())


# ---------------------------------------------------------------- concrete objects


def logistic(m: float | str, s: float | str) -> Density:
    def p(x: mpf) -> mpf:
        u = (x - mpf(m)) / mpf(s)
        e = mpmath.exp(-abs(u))
        return e / (mpf(s) * (1 + e) ** 2)

    return memo(p)


def laplace(m: float | str, b: float | str) -> Density:
    def p(x: mpf) -> mpf:
        return mpmath.exp(-abs(x - mpf(m)) / mpf(b)) / (2 * mpf(b))

    return memo(p)


def mixture(w: float | str, p1: Density, p2: Density) -> Density:
    def p(x: mpf) -> mpf:
        return mpf(w) * p1(x) + (1 - mpf(w)) * p2(x)

    return memo(p)


def d_tanh(x: mpf) -> mpf:
    """A discriminator with values in (0.1, 0.9): 0.5 + 0.4 tanh(x^3 - x)."""
    return mpf("0.5") + mpf("0.4") * mpmath.tanh(x**3 - x)


def d_sig(x: mpf) -> mpf:
    """A discriminator with values in (0.25, 0.8): 0.25 + 0.55 sigmoid(1.3 x - 0.4)."""
    return mpf("0.25") + mpf("0.55") / (1 + mpmath.exp(-(mpf("1.3") * x - mpf("0.4"))))


def gen(z: mpf) -> mpf:
    """The generator G(z) = z + z^3/5 (increasing, so p_g has a closed form)."""
    return z + z**3 / 5


def gen_inv(x: mpf) -> mpf:
    """G^{-1}(x): the real root of z^3 + 5 z - 5 x = 0 (Cardano; one real root)."""
    q = -5 * x
    r = mpmath.sqrt(q**2 / 4 + mpf(125) / 27)
    return _real_cbrt(-q / 2 + r) + _real_cbrt(-q / 2 - r)


def _real_cbrt(u: mpf) -> mpf:
    """The real cube root (mpmath.cbrt of a negative number is the complex principal one)."""
    return mpmath.sign(u) * mpmath.cbrt(abs(u))


def pushforward(pz: Density) -> Density:
    """The density of G(z), z ~ pz: pz(G^{-1}(x)) (G^{-1})'(x)."""

    def p(x: mpf) -> mpf:
        z = gen_inv(x)
        return pz(z) / (1 + 3 * z**2 / 5)

    return memo(p)


def kl(p: Density, q: Density) -> mpf:
    return integral(lambda x: p(x) * mpmath.log(p(x) / q(x)))


def jsd(p: Density, q: Density) -> mpf:
    m = mixture("0.5", p, q)
    return kl(p, m) / 2 + kl(q, m) / 2


def value(pd: Density, pg: Density, d: Fn, one_minus_d: Fn | None = None) -> mpf:
    """V(D, G) = int pd log D + pg log(1 - D) dx (1 - D given directly when it is tiny)."""
    omd = one_minus_d or (lambda x: 1 - d(x))
    return integral(lambda x: pd(x) * mpmath.log(d(x)) + pg(x) * mpmath.log(omd(x)))


def optimal(pd: Density, pg: Density) -> Fn:
    return lambda x: pd(x) / (pd(x) + pg(x))


def optimal_complement(pd: Density, pg: Density) -> Fn:
    """1 - D*(x) = pg/(pd + pg), computed without the cancellation of 1 - D* in the tails."""
    return lambda x: pg(x) / (pd(x) + pg(x))


def follows(prev: Callable[[mpf, mpf, mpf], mpf], nxt: Callable[[mpf, mpf, mpf], mpf],
            points: Sequence[tuple[mpf, mpf]]) -> bool:
    """Stationary-point sequence: at the solution d in (0, 1) of prev(a, b, d) = 0, nxt holds.

    Each equation of these sequences has exactly one solution in (0, 1) (they are all
    equivalent to d (a + b) = a), so "follows" is "nxt holds at prev's root".
    """
    with mpmath.workdps(DPS):
        for a, b in points:
            d = mpmath.findroot(lambda t: prev(a, b, t), (mpf("0.01"), mpf("0.99")),
                                solver="anderson")
            if not abs(prev(a, b, d)) <= TOL or not abs(nxt(a, b, d)) <= TOL * (1 + abs(a) + abs(b)):
                return False
        return True


P1, G1 = logistic("0.3", "1.2"), laplace("-0.4", "0.8")
P2, G2 = mixture("0.6", logistic("-1", "0.7"), logistic("1.5", "0.9")), logistic("0.2", "1.6")
PZ = logistic(0, 1)
PZ2 = mixture("0.7", logistic("-0.5", "0.8"), logistic(1, "0.6"))


def density_points() -> list[tuple[mpf, mpf]]:
    """(p_data(x0), p_g(x0)) at two points for two pairs of densities."""
    with mpmath.workdps(DPS):
        return [(P1(mpf("-0.7")), G1(mpf("-0.7"))), (P2(mpf("1.3")), G2(mpf("1.3")))]


ORACLE: dict[tuple[str, int], Callable[[], bool]] = {}


def oracle(name: str, *lines: int) -> Callable[[Callable[[], bool]], Callable[[], bool]]:
    def register(fn: Callable[[], bool]) -> Callable[[], bool]:
        for line in lines:
            ORACLE[(name, line)] = fn
        return fn

    return register


# ------------------------------------------- a_delphi_gan_exercises_optimal_discriminator

DELPHI = "a_delphi_gan_exercises_optimal_discriminator.md"
# the rows of the \implies sequence, as lhs - rhs, in a = p_R(x), b = p_Z(G(z)=x), d = D*(x)
_DELPHI_ROWS: dict[int, Callable[[mpf, mpf, mpf], mpf]] = {
    42: lambda a, b, d: a / d - b / (1 - d),
    43: lambda a, b, d: a / d - b / (1 - d),
    44: lambda a, b, d: (a - d * a) - d * b,
    45: lambda a, b, d: a - d * (a + b),
    46: lambda a, b, d: d - a / (a + b),
    52: lambda a, b, d: d - a / (a + b),  # p_G(x) := p_Z(G(z)=x), as the text says
}
for _line, _prev in ((43, 42), (44, 43), (45, 44), (46, 45), (52, 46)):
    ORACLE[(DELPHI, _line)] = (
        lambda prev=_DELPHI_ROWS[_prev], nxt=_DELPHI_ROWS[_line]: follows(prev, nxt, density_points())
    )


# --------------------------------------------------------------- a_cs236_notes_gan_fgan


@oracle("a_cs236_notes_gan_fgan.md", 42)
def cs236_fgan_bound() -> bool:
    """D_f(p, q) >= E_p[T] - E_q[f*(T)] for every T (KL: f*(t) = e^(t-1)), tight at T*."""
    with mpmath.workdps(DPS):
        for p, q in ((logistic("0.3", 1), logistic("-0.2", "1.3")), (P2, logistic(0, 2))):
            df = kl(p, q)
            tstar = lambda x, p=p, q=q: 1 + mpmath.log(p(x) / q(x))
            candidates = (
                tstar,
                lambda x: mpf("0.5") * mpmath.tanh(x),
                lambda x, t=tstar: t(x) + mpf("0.2") * mpmath.sin(x),
            )
            bounds = [integral(lambda x, t=t: p(x) * t(x) - q(x) * mpmath.exp(t(x) - 1))
                      for t in candidates]
            if any(b > df + TOL for b in bounds) or not close(bounds[0], df):
                return False
        return True


# ------------------------------------------------------ a_emptymalei_gan_off_by_constant


@oracle("a_emptymalei_gan_off_by_constant.md", 29)
def emptymalei_max_over_g() -> bool:
    """max_G V(G, D) for a fixed D is E_data log D + sup log(1 - D), not 2 JSD - log 4.

    With D = 0.5 + 0.4 tanh(x^3 - x) (inf D = 0.1, approached as x -> -inf) the left
    side is E_data[log D] + log 0.9 whatever p_G; the right side at p_G = p_data is
    -log 4.
    """
    lhs = lambda: integral(lambda x: P1(x) * mpmath.log(d_tanh(x))) + mpmath.log(mpf("0.9"))
    return not fails(lhs, lambda: -mpmath.log(4))


# ---------------------------------------------------------------- a_emptymalei_fgan_vdm


@oracle("a_emptymalei_fgan_vdm.md", 14)
def emptymalei_vdm() -> bool:
    """E_p[T] - E_Q[f*(T)] with T = g_f(V) equals E_p[g_f(V)] - E_Q[f*(g_f(V))]."""
    v = lambda x: mpf("0.7") * x - mpf("0.2") + mpf("0.3") * mpmath.sin(x)
    cases = (  # (g_f, f*) for the GAN divergence and for KL (f-GAN, Table 2)
        # written with log1p/expm1 so that the far tails keep their digits
        (lambda t: -mpmath.log1p(mpmath.exp(-t)), lambda t: -mpmath.log(-mpmath.expm1(t))),
        (lambda t: t, lambda t: mpmath.exp(t - 1)),
    )
    pairs = []
    for g, fstar in cases:
        t_omega = lambda x, g=g: g(v(x))  # the critic the objective is written in
        lhs = lambda t=t_omega, fs=fstar: integral(lambda x: P1(x) * t(x) - G1(x) * fs(t(x)))
        rhs = lambda g=g, fs=fstar: integral(
            lambda x: P1(x) * g(v(x))) - integral(lambda x: G1(x) * fs(g(v(x))))
        pairs.append((lhs, rhs))
    return holds(pairs)


# ---------------------------------------------------------------- a_emptymalei_fdivergence_kl


def _fdiv_rows(p: Density, q: Density) -> dict[int, Callable[[], mpf]]:
    r = lambda x: p(x) / q(x)
    return {
        26: lambda: integral(lambda x: r(x) * mpmath.log(r(x)) * q(x)),
        27: lambda: integral(lambda x: r(x) * mpmath.log(r(x))),
        28: lambda: integral(lambda x: p(x) * mpmath.log(r(x))),
    }


_FDIV = _fdiv_rows(logistic(0, 1), logistic("0.4", "1.5"))


@oracle("a_emptymalei_fdivergence_kl.md", 27)
def emptymalei_fdiv_dropped_q() -> bool:
    """int f(p/q) q dmu = int (p/q) log(p/q) dmu drops the factor q (mu Lebesgue)."""
    return not fails(_FDIV[26], _FDIV[27])


@oracle("a_emptymalei_fdivergence_kl.md", 28)
def emptymalei_fdiv_second_row() -> bool:
    """int (p/q) log(p/q) dmu = int p log(p/q) dmu is false as a step from row 27."""
    return not fails(_FDIV[27], _FDIV[28])


# ---------------------------------------------------------------- a_omnianasa_lsgan_pearson


def _lsgan_2c(pd: Density, pg: Density, a: mpf, b: mpf, c: mpf) -> mpf:
    """2 C(G): the extended generator criterion at D* = (b pd + a pg)/(pd + pg), times 2."""
    dstar = lambda x: (b * pd(x) + a * pg(x)) / (pd(x) + pg(x))
    return integral(lambda x: pd(x) * (dstar(x) - c) ** 2 + pg(x) * (dstar(x) - c) ** 2)


@oracle("a_omnianasa_lsgan_pearson.md", 28)
def lsgan_plug_in() -> bool:
    pairs = []
    for (pd, pg), (a, b, c) in (((P1, G1), (-1, 1, 0)), ((P2, G2), (0, 1, 1))):
        a, b, c = mpf(a), mpf(b), mpf(c)
        lhs = lambda pd=pd, pg=pg, a=a, b=b, c=c: _lsgan_2c(pd, pg, a, b, c)
        rhs = lambda pd=pd, pg=pg, a=a, b=b, c=c: integral(
            lambda x: ((b - c) * pd(x) + (a - c) * pg(x)) ** 2 / (pd(x) + pg(x)))
        pairs.append((lhs, rhs))
    return holds(pairs)


@oracle("a_omnianasa_lsgan_pearson.md", 34)
def lsgan_pearson() -> bool:
    """With b - c = 1, b - a = 2: 2C(G) = int (pd - pg)^2/(pd + pg); the Pearson
    chi^2(P || Q) = int (P - Q)^2 / Q of P = pd + pg, Q = 2 pg is int (pd - pg)^2/(2 pg)."""
    pd, pg = logistic("0.5", 1), logistic(0, "1.5")
    lhs = lambda: _lsgan_2c(pd, pg, mpf(-1), mpf(1), mpf(0))
    rhs = lambda: integral(lambda x: (pd(x) + pg(x) - 2 * pg(x)) ** 2 / (2 * pg(x)))
    return not fails(lhs, rhs)


# ---------------------------------------------------------------- a_omnianasa_gan_global_optimum


@oracle("a_omnianasa_gan_global_optimum.md", 38)
def omnianasa_log4() -> bool:
    """At p_g = p_data and D = 1/2, V = E log(1/2) + E log(1/2) = -log 4, not log 4."""
    half = lambda x: mpf("0.5")
    return not fails(lambda: value(P1, P1, half), lambda: mpmath.log(4))


# ---------------------------------------------------------------- a_zhifanlight_gan_derivation

ZHIFAN = "a_zhifanlight_gan_derivation.md"


def _v_rows(pr: Density, pz: Density, d: Fn) -> dict[str, Callable[[], mpf]]:
    """The value function in the forms the GAN notes write it (G(z) = z + z^3/5)."""
    pg = pushforward(pz)
    zint = lambda: integral(lambda z: pz(z) * mpmath.log(1 - d(gen(z))))
    return {
        "expectation": lambda: integral(lambda x: pr(x) * mpmath.log(d(x))) + zint(),
        "x_and_z": lambda: integral(lambda x: pr(x) * mpmath.log(d(x))) + zint(),
        "substituted": lambda: integral(lambda x: pr(x) * mpmath.log(d(x))) + integral(
            lambda x: pz(gen_inv(x)) * mpmath.log(1 - d(x)) / (1 + 3 * gen_inv(x) ** 2 / 5)),
        "two_x": lambda: integral(lambda x: pr(x) * mpmath.log(d(x)))
        + integral(lambda x: pg(x) * mpmath.log(1 - d(x))),
        "one_x": lambda: value(pr, pg, d),
    }


_V_ASSIGN = ((P1, PZ, d_tanh), (P2, PZ2, d_sig))


@functools.lru_cache(maxsize=None)
def _v_value(i: int, row: str) -> mpf:
    """One form of V on assignment i, computed once (several steps compare the same rows)."""
    with mpmath.workdps(DPS):
        return _v_rows(*_V_ASSIGN[i])[row]()


def _v_step(a: str, b: str) -> Callable[[], bool]:
    def fn() -> bool:
        return holds([(lambda i=i: _v_value(i, a), lambda i=i: _v_value(i, b))
                      for i in range(len(_V_ASSIGN))])

    return fn


def _c_rows(pr: Density, pg: Density) -> dict[str, Callable[[], mpf]]:
    """C(G) = V(D*_G, G) in the forms of Theorem 1's proof."""
    m = mixture("0.5", pr, pg)
    s = lambda x: pr(x) + pg(x)
    return {
        "v_dstar": lambda: value(pr, pg, optimal(pr, pg), optimal_complement(pr, pg)),
        "ratios": lambda: integral(lambda x: pr(x) * mpmath.log(pr(x) / s(x))
                                   + pg(x) * mpmath.log(pg(x) / s(x))),
        "halves": lambda: integral(lambda x: pr(x) * mpmath.log(pr(x) / (2 * m(x)))
                                   + pg(x) * mpmath.log(pg(x) / (2 * m(x)))),
        "minus2log2": lambda: -2 * mpmath.log(2) + integral(
            lambda x: pr(x) * mpmath.log(pr(x) / m(x)) + pg(x) * mpmath.log(pg(x) / m(x))),
        "kl_kl": lambda: -2 * mpmath.log(2) + kl(pr, m) + kl(pg, m),
        "jsd": lambda: -2 * mpmath.log(2) + 2 * jsd(pr, pg),
        "ints_minus_log4": lambda: integral(
            lambda x: pr(x) * mpmath.log(pr(x) / m(x)) + pg(x) * mpmath.log(pg(x) / m(x)))
        - mpmath.log(4),
        "kl_kl_minus_log4": lambda: kl(pr, m) + kl(pg, m) - mpmath.log(4),
        "log4_jsd": lambda: -mpmath.log(4) + 2 * jsd(pr, pg),
    }


_C_ASSIGN = ((P1, G1), (P2, G2))


@functools.lru_cache(maxsize=None)
def _c_value(i: int, row: str) -> mpf:
    """One form of C(G) on assignment i, computed once."""
    with mpmath.workdps(DPS):
        return _c_rows(*_C_ASSIGN[i])[row]()


def _c_step(a: str, b: str) -> Callable[[], bool]:
    def fn() -> bool:
        return holds([(lambda i=i: _c_value(i, a), lambda i=i: _c_value(i, b))
                      for i in range(len(_C_ASSIGN))])

    return fn


ORACLE[(ZHIFAN, 20)] = _v_step("expectation", "x_and_z")
ORACLE[(ZHIFAN, 21)] = _v_step("x_and_z", "one_x")
ORACLE[(ZHIFAN, 32)] = _c_step("v_dstar", "ratios")
ORACLE[(ZHIFAN, 33)] = _c_step("ratios", "halves")
ORACLE[(ZHIFAN, 34)] = _c_step("halves", "minus2log2")
ORACLE[(ZHIFAN, 35)] = _c_step("minus2log2", "kl_kl")
ORACLE[(ZHIFAN, 36)] = _c_step("kl_kl", "jsd")


# ---------------------------------------------------------------- a_sword4869_gan_optimum

SWORD = "a_sword4869_gan_optimum.md"
ORACLE[(SWORD, 22)] = _v_step("expectation", "x_and_z")
ORACLE[(SWORD, 23)] = _v_step("x_and_z", "substituted")
ORACLE[(SWORD, 24)] = _v_step("substituted", "two_x")
ORACLE[(SWORD, 25)] = _v_step("two_x", "one_x")


@oracle(SWORD, 31)
def sword_max_equal() -> bool:
    """max_D V(D,G) = max_D int ...: the two functions of D agree at every D tried."""
    pairs = []
    for pr, pz, d in _V_ASSIGN:
        pg = pushforward(pz)
        for dd in (d, d_sig):
            rows = _v_rows(pr, pz, dd)
            pairs.append((rows["expectation"], rows["one_x"]))
    return holds(pairs)


def _pointwise(a: mpf, b: mpf, d: mpf) -> mpf:
    return a * mpmath.log(d) + b * mpmath.log(1 - d)


@oracle(SWORD, 33)
def sword_derivative() -> bool:
    """d/dD (a log D + b log(1 - D)) = a/D - b/(1 - D): the two equations are one."""
    with mpmath.workdps(DPS):
        for a, b in density_points():
            for d in (mpf("0.2"), mpf("0.55"), mpf("0.9")):
                if not close(mpmath.diff(lambda t: _pointwise(a, b, t), d), a / d - b / (1 - d)):
                    return False
        return True


ORACLE[(SWORD, 34)] = lambda: follows(
    lambda a, b, d: a / d - b / (1 - d), lambda a, b, d: d - a / (a + b), density_points())
ORACLE[(SWORD, 47)] = lambda: holds([
    (lambda pr=pr, pg=pg: _c_value(_C_ASSIGN.index((pr, pg)), "v_dstar"),
     lambda pr=pr, pg=pg: integral(lambda x: pr(x) * mpmath.log(optimal(pr, pg)(x))
                                   + pg(x) * mpmath.log(optimal_complement(pr, pg)(x))))
    for pr, pg in _C_ASSIGN])
ORACLE[(SWORD, 48)] = _c_step("v_dstar", "ratios")
ORACLE[(SWORD, 49)] = _c_step("ratios", "ints_minus_log4")
ORACLE[(SWORD, 50)] = _c_step("ints_minus_log4", "kl_kl_minus_log4")


@oracle(SWORD, 55)
def sword_min_c() -> bool:
    """min_G C(G) = -log 4: C = -log 4 at p_g = p_data, and above it elsewhere."""
    with mpmath.workdps(DPS):
        at_data = [_c_rows(p, p)["v_dstar"]() for p in (P1, P2)]
        elsewhere = [_c_value(i, "v_dstar") for i in range(len(_C_ASSIGN))]
        return all(close(c, -mpmath.log(4)) for c in at_data) and all(
            c > -mpmath.log(4) + GAP for c in elsewhere)


# ---------------------------------------------------------------- a_ogs22_gibbs_inequality

with mpmath.workdps(DPS):  # decimal constants made at 30 digits, not at the default 15
    GIBBS_P = [mpf("0.5"), mpf("0.3"), mpf("0.2")]
    GIBBS_Q = [mpf("0.2"), mpf("0.2"), mpf("0.6")]


@oracle("a_ogs22_gibbs_inequality.md", 5)
def gibbs_p_of_q() -> bool:
    """sum p(i) log q(i)/p(q) <= 0 has no value as written: p(q) is not defined.

    The nearest readings disagree: with p(q) read as p(i) it is Gibbs' inequality
    (holds); read as one fixed p(k) (the term does not depend on i), it fails for the
    smallest p(k).  A statement whose truth depends on an undefined term is not a step
    that holds.
    """
    with mpmath.workdps(DPS):
        as_p_i = sum(p * mpmath.log(q / p) for p, q in zip(GIBBS_P, GIBBS_Q))
        as_p_k = sum(p * mpmath.log(q / GIBBS_P[2]) for p, q in zip(GIBBS_P, GIBBS_Q))
        readings_agree = (as_p_i <= 0) == (as_p_k <= 0)
        return readings_agree and as_p_i <= 0


@oracle("a_ogs22_gibbs_inequality.md", 6)
def gibbs_sign_slip() -> bool:
    """-sum p log p <= sum p log q fails at p = q = (1/2, 1/2): log 2 > -log 2 (base 2)."""
    with mpmath.workdps(DPS):
        p = q = [mpf("0.5"), mpf("0.5")]
        lhs = -sum(pi * mpmath.log(pi, 2) for pi in p)
        rhs = sum(pi * mpmath.log(qi, 2) for pi, qi in zip(p, q))
        return lhs <= rhs


# ---------------------------------------------------------------- a_adamartin_gan_theory_optimal_discriminator

ADA = "a_adamartin_gan_theory_optimal_discriminator.md"
ORACLE[(ADA, 41)] = _v_step("expectation", "two_x")
ORACLE[(ADA, 53)] = lambda: follows(
    lambda a, b, d: a / d - b / (1 - d), lambda a, b, d: d - a / (a + b), density_points())
ORACLE[(ADA, 63)] = _c_step("v_dstar", "log4_jsd")


# ---------------------------------------------------------------- a_binaryoracle_js_divergence_example

BINARY = "a_binaryoracle_js_divergence_example.md"


def _discrete_kl(p: Sequence[mpf], q: Sequence[mpf]) -> mpf:
    """sum p log(p/q) with the convention 0 log(0/q) = 0 (the limit t log t -> 0)."""
    return mpmath.fsum(pi * mpmath.log(pi / qi) for pi, qi in zip(p, q) if pi != 0)


@oracle(BINARY, 48)
def binary_kl_p_m() -> bool:
    """KL(P||M) = 1 log(1/0.5) + 0 log(0/0.5) = log 2, P = (1, 0), M = (1/2, 1/2).

    The middle term is 0 by the convention of the KL sum, i.e. the limit of
    t log(t/0.5) as t -> 0+ (checked small at t = 1e-40: the term is 0 in the sum).
    """
    with mpmath.workdps(DPS):
        tiny = mpf("1e-40")
        vanishes = abs(tiny * mpmath.log(tiny / mpf("0.5"))) < mpf("1e-37")
        middle = 1 * mpmath.log(1 / mpf("0.5")) + 0
        kl_pm = _discrete_kl([mpf(1), mpf(0)], [mpf("0.5"), mpf("0.5")])
        return vanishes and close(kl_pm, middle) and close(middle, mpmath.log(2))


@oracle(BINARY, 50)
def binary_kl_q_m() -> bool:
    with mpmath.workdps(DPS):
        return close(_discrete_kl([mpf(0), mpf(1)], [mpf("0.5"), mpf("0.5")]), mpmath.log(2))


@oracle(BINARY, 52)
def binary_js() -> bool:
    with mpmath.workdps(DPS):
        m = [mpf("0.5"), mpf("0.5")]
        js = _discrete_kl([mpf(1), mpf(0)], m) / 2 + _discrete_kl([mpf(0), mpf(1)], m) / 2
        middle = mpmath.log(2) / 2 + mpmath.log(2) / 2
        return close(js, middle) and close(middle, mpmath.log(2))


# ---------------------------------------------------------------- a_d2l_book_gan_losses

D2L = "a_d2l_book_gan_losses.md"
_GENERATORS: tuple[Fn, ...] = (gen, lambda z: mpf("0.8") * z - mpf("0.3"), lambda z: mpmath.sinh(z) / 2)
with mpmath.workdps(DPS):
    _ZS = (mpf("-1.1"), mpf("0.2"), mpf("0.9"))


def _over_generators(label: int, loss: Callable[[mpf, mpf], mpf], simplified: Fn,
                     pick: Callable[..., mpf]) -> bool:
    """pick_G {loss(y, D(G(z)))} = pick_G {simplified(D(G(z)))} at the label y, for each z:
    the objectives agree for every generator tried, so do their max (min)."""
    with mpmath.workdps(DPS):
        for d in (d_tanh, d_sig):
            for z in _ZS:
                lhs = pick(*(loss(mpf(label), d(g(z))) for g in _GENERATORS))
                rhs = pick(*(simplified(d(g(z))) for g in _GENERATORS))
                if not close(lhs, rhs):
                    return False
        return True


ORACLE[(D2L, 11)] = lambda: _over_generators(
    0, lambda y, dg: -(1 - y) * mpmath.log(1 - dg), lambda dg: -mpmath.log(1 - dg), max)
ORACLE[(D2L, 15)] = lambda: _over_generators(
    1, lambda y, dg: -y * mpmath.log(dg), lambda dg: -mpmath.log(dg), min)


# ---------------------------------------------------------------- a_zhifanlight_kl_nonnegative

ZKL = "a_zhifanlight_kl_nonnegative.md"
with mpmath.workdps(DPS):
    _PQ = (
        ([mpf("0.5"), mpf("0.3"), mpf("0.2")], [mpf("0.2"), mpf("0.2"), mpf("0.6")]),
        ([mpf("0.1"), mpf("0.6"), mpf("0.25"), mpf("0.05")],
         [mpf("0.4"), mpf("0.4"), mpf("0.1"), mpf("0.1")]),
    )
_ZKL_ROWS: dict[int, Callable[[Sequence[mpf], Sequence[mpf]], mpf]] = {
    20: lambda p, q: -_discrete_kl(p, q),
    21: lambda p, q: mpmath.fsum(pi * mpmath.log(qi / pi) for pi, qi in zip(p, q)),
    22: lambda p, q: mpmath.fsum(pi * (qi / pi - 1) for pi, qi in zip(p, q)),
    23: lambda p, q: mpmath.fsum(qi - pi for pi, qi in zip(p, q)),
    24: lambda p, q: mpf(0),
}


def _zkl_step(prev: int, line: int, relation: str) -> Callable[[], bool]:
    def fn() -> bool:
        with mpmath.workdps(DPS):
            for p, q in _PQ:
                a, b = _ZKL_ROWS[prev](p, q), _ZKL_ROWS[line](p, q)
                if relation == "=" and not close(a, b):
                    return False
                if relation == "<=" and not a <= b + TOL:
                    return False
            return True

    return fn


ORACLE[(ZKL, 21)] = _zkl_step(20, 21, "=")
ORACLE[(ZKL, 22)] = _zkl_step(21, 22, "<=")
ORACLE[(ZKL, 23)] = _zkl_step(22, 23, "=")
ORACLE[(ZKL, 24)] = _zkl_step(23, 24, "=")


# ---------------------------------------------------------------- a_emptymalei_kl_definition


@oracle("a_emptymalei_kl_definition.md", 10)
def emptymalei_kl_integral() -> bool:
    """E_p[log(p/q)] = int p log(p/q) dx: the expectation computed as a quadrature in the
    quantile variable u (x = F^{-1}(u), logistic p) against the x-integral."""
    pairs = []
    for m, s, q in (("0.3", "1", logistic("-0.2", "1.3")), ("-0.5", "0.7", logistic("0.4", "1.4"))):
        p = logistic(m, s)
        quantile = lambda u, m=m, s=s: mpf(m) + mpf(s) * mpmath.log(u / (1 - u))
        lhs = lambda p=p, q=q, qf=quantile: mpmath.quad(
            lambda u: mpmath.log(p(qf(u)) / q(qf(u))), [0, mpf("0.5"), 1])
        rhs = lambda p=p, q=q: integral(lambda x: p(x) * mpmath.log(p(x) / q(x)))
        pairs.append((lhs, rhs))
    return holds(pairs)


# ---------------------------------------------------------------- a_labml_wgan_annotated
# One-dimensional laws, where the Wasserstein-1 distance has two independent closed
# forms: the cost of the monotone (quantile) coupling, int_0^1 |Q_r(u) - Q_g(u)| du
# (the primal inf), and int |F_r - F_g| dx.  The dual value of a critic f is, by parts,
# E_r f - E_g f = int f'(x) (F_g(x) - F_r(x)) dx, so critics are given by their slopes.

WGAN = "a_labml_wgan_annotated.md"


def _logistic_cdf(m: str, s: str) -> Fn:
    return lambda x: 1 / (1 + mpmath.exp(-(x - mpf(m)) / mpf(s)))


def _logistic_quantile(m: str, s: str) -> Fn:
    return lambda u: mpf(m) + mpf(s) * mpmath.log(u / (1 - u))


_WGAN_LAWS = (  # (F_r, Q_r, F_g, Q_g): a shifted and rescaled pair, and a pushforward G(z)
    (_logistic_cdf("0", "1"), _logistic_quantile("0", "1"),
     _logistic_cdf("0.7", "1.3"), _logistic_quantile("0.7", "1.3")),
    (_logistic_cdf("0.2", "1.1"), _logistic_quantile("0.2", "1.1"),
     lambda x: _logistic_cdf("0", "1")(gen_inv(x)), lambda u: gen(_logistic_quantile("0", "1")(u))),
)


def _crossings(fr: Fn, fg: Fn) -> list[mpf]:
    """Points where F_r - F_g changes sign on [-6, 6] (found on a grid, then refined)."""
    grid = [mpf(k) / 4 for k in range(-24, 25)]
    out = []
    for a, b in zip(grid, grid[1:]):
        if (fr(a) - fg(a)) * (fr(b) - fg(b)) < 0:
            out.append(mpmath.findroot(lambda t: fr(t) - fg(t), (a, b), solver="anderson"))
    return out


def _w_primal(qr: Fn, qg: Fn, kinks: Sequence[mpf]) -> mpf:
    """Cost of the quantile coupling; split where the quantiles cross (|.| has a kink)."""
    return mpmath.quad(lambda u: abs(qr(u) - qg(u)), [0, *sorted(kinks), 1])


def _dual(fr: Fn, fg: Fn, slope: Fn, cuts: Sequence[mpf]) -> mpf:
    return mpmath.quad(lambda x: slope(x) * (fg(x) - fr(x)), [-mp.inf, *cuts, mp.inf])


_SLOPES: tuple[Callable[[Fn, Fn], Fn], ...] = (  # 1-Lipschitz critics, by their slopes
    lambda fr, fg: (lambda x: mpmath.sign(fg(x) - fr(x))),  # the optimal critic
    lambda fr, fg: (lambda x: mpmath.cos(x)),  # f = sin
    lambda fr, fg: (lambda x: 1 / mpmath.cosh(x) ** 2),  # f = tanh
    lambda fr, fg: (lambda x: mpf(-1)),  # f = -x
)


@functools.lru_cache(maxsize=None)
def _wgan_base(i: int) -> tuple[mpf, tuple[mpf, ...]]:
    """Law pair i: its primal W and the dual values of the 1-Lipschitz critics (computed once;
    a K-Lipschitz critic K h has K times the dual value of h)."""
    with mpmath.workdps(DPS):
        fr, qr, fg, qg = _WGAN_LAWS[i]
        cuts = _crossings(fr, fg) or [mpf(0)]
        w = _w_primal(qr, qg, [fr(c) for c in cuts])
        return w, tuple(_dual(fr, fg, make(fr, fg), cuts) for make in _SLOPES)


def _wgan_check(k: mpf, scaled: bool) -> bool:
    """sup over K-Lipschitz f of E_r[f/K] - E_g[f/K] (scaled) or of E_r f - E_g f (K W)
    equals K^(0 or 1) W: the optimal critic attains the primal value, the others stay below."""
    with mpmath.workdps(DPS):
        for i in range(len(_WGAN_LAWS)):
            w, base = _wgan_base(i)
            values = [k * v for v in base]
            if scaled:
                values, target = [v / k for v in values], w
            else:
                target = k * w
            if not close(values[0], target) or any(v > target + TOL for v in values[1:]):
                return False
        return True


ORACLE[(WGAN, 35)] = lambda: _wgan_check(mpf(1), scaled=False)
ORACLE[(WGAN, 48)] = lambda: _wgan_check(mpf("2.5"), scaled=True)
ORACLE[(WGAN, 58)] = lambda: _wgan_check(mpf("2.5"), scaled=False)


@oracle(WGAN, 67)
def wgan_pushforward() -> bool:
    """E_{P_theta}[f_w] = E_{z ~ p(z)}[f_w(g_theta(z))] for the critics tried (so the max over
    w is unchanged): f_w(x) = K tanh(x - 0.4), K atan(x + 0.5), K / (1 + (x - 0.3)^2), with
    g_theta = z + z^3/5 and p(z) a logistic mixture; then the dual check of line 57."""
    with mpmath.workdps(DPS):
        k = mpf("2.5")
        pz, ptheta = PZ2, pushforward(PZ2)
        for f in (lambda x: k * mpmath.tanh(x - mpf("0.4")), lambda x: k * mpmath.atan(x + mpf("0.5")),
                  lambda x: k / (1 + (x - mpf("0.3")) ** 2)):
            over_x = integral(lambda x: ptheta(x) * f(x))
            over_z = integral(lambda z: pz(z) * f(gen(z)))
            if not close(over_x, over_z):
                return False
        return _wgan_check(k, scaled=False)


# ---------------------------------------------------------------- a_goodfellow_nips2016_tutorial_solutions

NIPS = "a_goodfellow_nips2016_tutorial_solutions.tex"

# line 21: the functional derivative of J^(D) at one entry D(x), with a = p_data(x),
# b = p_model(x) (p_model the law of G(z)): -a/(2d) + b/(2(1 - d)) = 0
ORACLE[(NIPS, 25)] = lambda: follows(
    lambda a, b, d: -a / (2 * d) + b / (2 * (1 - d)), lambda a, b, d: d - a / (a + b),
    density_points())

_SCALE = "1.2"


def _pg_theta(theta: mpf) -> Density:
    return logistic(theta, _SCALE)


def _dlog_pg(theta: mpf) -> Fn:
    """d/dtheta log p_g(x; theta) for the logistic location family: tanh((x - theta)/(2s))/s."""
    s = mpf(_SCALE)
    return lambda x: mpmath.tanh((x - theta) / (2 * s)) / s


def _central(fn: Callable[[mpf], mpf], theta: mpf) -> mpf:
    """d/dtheta by a central difference with h = 1e-12 at 60 digits (error ~ 1e-24)."""
    with mpmath.workdps(60):
        h = mpf("1e-12")
        return (fn(theta + h) - fn(theta - h)) / (2 * h)


def _integral_wide(f: Fn) -> mpf:
    """integral() with breakpoints that also cover the logistic locations used here."""
    return mpmath.quad(f, [-mp.inf, mpf("-0.4"), mpf("0.25"), mpf("0.9"), mp.inf])


@oracle(NIPS, 43)
def nips_kl_gradient() -> bool:
    """d/dtheta KL(p_data || p_g) = -E_{p_data} d/dtheta log p_g, p_g = logistic(theta, 1.2)."""
    pairs = []
    for pdata, theta in ((P1, "0.25"), (P2, "0.9")):
        th = mpf(theta)
        kl_of = lambda t, pdata=pdata: _integral_wide(
            lambda x: pdata(x) * mpmath.log(pdata(x) / _pg_theta(t)(x)))
        lhs = lambda kl_of=kl_of, th=th: _central(kl_of, th)
        rhs = lambda pdata=pdata, th=th: -_integral_wide(lambda x: pdata(x) * _dlog_pg(th)(x))
        pairs.append((lhs, rhs))
    return holds(pairs)


@oracle(NIPS, 50)
def nips_cost_gradient() -> bool:
    """d/dtheta E_{p_g} f = E_{p_g} f d/dtheta log p_g, f held fixed (the text's 'copy')."""
    pairs = []
    for f, theta in ((lambda x: mpmath.tanh(x) + mpf("0.3"), "0.25"),
                     (lambda x: mpf(1) / (1 + x**2), "-0.4")):
        th = mpf(theta)
        cost = lambda t, f=f: _integral_wide(lambda x: _pg_theta(t)(x) * f(x))
        lhs = lambda cost=cost, th=th: _central(cost, th)
        rhs = lambda f=f, th=th: _integral_wide(lambda x: _pg_theta(th)(x) * f(x) * _dlog_pg(th)(x))
        pairs.append((lhs, rhs))
    return holds(pairs)


# ---------------------------------------------------------------- a_eth_dl_summary_gans

ETH = "a_eth_dl_summary_gans.tex"


@oracle(ETH, 9)
def eth_posterior() -> bool:
    """p/(p + p_theta) = P~(y = 1 | x) for the joint p~(x, y) = (y p(x) + (1 - y) p_theta(x))/2."""
    with mpmath.workdps(DPS):
        for p, pt in ((P1, G1), (P2, G2)):
            for x in (mpf("-0.7"), mpf("1.3")):
                joint1, joint0 = p(x) / 2, pt(x) / 2
                if not close(p(x) / (p(x) + pt(x)), joint1 / (joint0 + joint1)):
                    return False
        return True


@oracle(ETH, 11)
def eth_objective_jsd() -> bool:
    """l(theta, phi*) + log 2 = KL(p||m)/2 + KL(p_theta||m)/2 (= JSD), the 1/2-weighted objective at q*."""
    pairs = []
    for i in range(len(_C_ASSIGN)):
        lhs = lambda i=i: _c_value(i, "v_dstar") / 2 + mpmath.log(2)
        rhs = lambda i=i: (_c_value(i, "kl_kl") + 2 * mpmath.log(2)) / 2
        pairs.append((lhs, rhs))
    return holds(pairs)


ORACLE[(ETH, 18)] = lambda: _wgan_check(mpf("2.5"), scaled=True)


# ---------------------------------------------------------------- a_opedal_eth_dl_summary_gans

OPEDAL = "a_opedal_eth_dl_summary_gans.tex"
ORACLE[(OPEDAL, 6)] = eth_posterior


@oracle(OPEDAL, 7)
def opedal_lstar() -> bool:
    """l*(theta) = E_{p~}[y log q* + (1 - y) log(1 - q*)] = JS(p, p_theta) - log 2."""
    pairs = []
    for i in range(len(_C_ASSIGN)):
        lhs = lambda i=i: _c_value(i, "v_dstar") / 2
        rhs = lambda i=i: (_c_value(i, "kl_kl") + 2 * mpmath.log(2)) / 2 - mpmath.log(2)
        pairs.append((lhs, rhs))
    return holds(pairs)


@oracle(OPEDAL, 9)
def opedal_upper_bound() -> bool:
    """l*(theta) >= l(theta, phi) for every classifier q_phi tried (so also their sup)."""
    with mpmath.workdps(DPS):
        for i, (p, pt) in enumerate(_C_ASSIGN):
            lstar = _c_value(i, "v_dstar") / 2
            for q in (d_tanh, d_sig, lambda x: mpf("0.5"), optimal(pt, p)):
                if value(p, pt, q) / 2 > lstar + TOL:
                    return False
        return True


# ---------------------------------------------------------------- a_zhifanlight_wgan_duality

ORACLE[("a_zhifanlight_wgan_duality.md", 18)] = lambda: _wgan_check(mpf("2.5"), scaled=True)


# ---------------------------------------------------------------- a_cecs551_project_gan

CECS = "a_cecs551_project_gan.tex"


@oracle(CECS, 7)
def cecs_d_of_one_minus_x() -> bool:
    """E_z log(1 - D(G(z))) = E_{P_theta} log(1 - D(x)), not E_{P_theta} log D(1 - x)."""
    pg = pushforward(PZ2)
    lhs = lambda: _v_value(1, "x_and_z")
    rhs = lambda: integral(lambda x: P2(x) * mpmath.log(d_sig(x))) + integral(
        lambda x: pg(x) * mpmath.log(d_sig(1 - x)))
    return not fails(lhs, rhs)


def _diverges(pr: Density, pt: Density) -> bool:
    """int p_r/(P_r + P_theta) + int P_theta/(P_r + P_theta): the integrands add to 1, so the
    partial integrals over [-R, R] grow like 2R (no finite value); True when they do."""
    with mpmath.workdps(DPS):
        total = lambda r: mpmath.quad(
            lambda x: pr(x) / (pr(x) + pt(x)) + pt(x) / (pr(x) + pt(x)), [-r, 0, r])
        return all(close(total(mpf(r)), 2 * mpf(r)) for r in (50, 500))


ORACLE[(CECS, 8)] = lambda: not _diverges(P1, G1)
ORACLE[(CECS, 40)] = lambda: not _diverges(P2, G2)

# the block right of \Longleftrightarrow, from the derivative set to 0 at line 24
_CECS_ROWS: dict[int, Callable[[mpf, mpf, mpf], mpf]] = {
    24: lambda a, b, d: (a / d - b / (1 - d)) / mpmath.log(10),
    28: lambda a, b, d: b * d - a * (1 - d),
    29: lambda a, b, d: b * d - (a - a * d),
    30: lambda a, b, d: d * (b + a) - a,
    31: lambda a, b, d: d - a / (b + a),
}
for _line, _prev in ((28, 24), (29, 28), (30, 29), (31, 30)):
    ORACLE[(CECS, _line)] = (
        lambda prev=_CECS_ROWS[_prev], nxt=_CECS_ROWS[_line]: follows(prev, nxt, density_points())
    )
