"""Plain-mpmath oracles for the l_ cases of the real-derivation corpus (tests/real/cases).

Densities on (0, 1), none of ganproof's families: 2x, 3x^2 (with their quantile functions sqrt(u), u^(1/3), so
that an expectation E_{x ~ p} g can be taken as int_0^1 g(F^{-1}(u)) du, a second route beside int p g dx),
1/2 + x (quantile (sqrt(1 + 8u) - 1)/2), 6x(1 - x), 1 + sin(2 pi x)/2, the uniform law; a discriminator
0.5 + 0.4 sin(t0 + t1 x); z ~ U(0, 1) or 2z with G(z) = sqrt(z) (the law 2x) or z^(1/3) (3x^2); laws on three
points; the generators u log u and (u - 1)^2 of KL and Pearson's chi^2 with their conjugates.
l_sovesh_gans_part1: JSD in its entropy form H(m) - (H(p) + H(q))/2 against the KL form; V(D*, G) with the noise
  integral (G(z) = sqrt(z), z^(1/3)) against -log 4 + 2 JSD.
l_eliottbrion_gan_value_function: a sample of four real points and four noises, the argmax objectives of lines
  14-34 compared at two parameters; the limits of lines 38 and 46 by the quantile route; line 42's free z.
l_cn_gan_basics_jsd: the chain of lines 28-35; line 30's brackets read both ways.
l_xlnwel_kr_duality: two 1-Lipschitz f (Lipschitz constants 5/6 and 0.91), the c-transform on a grid; laws on the
  segments {0} x [0, 1] and {theta} x [0, 1] (KL, JSD to the mixture, W_1 by a coupling and a dual witness).
l_penazzi_fdivergence_duality: the dQ (quantile) route against the density route; the sup over g at f'(dP/dQ).
l_lsgan_lesson_pearson, l_genmod_vanilla_gan_docstrings, l_wiki_kl_jensen_note, l_dlai_forum_bce_gan_loss,
l_qastack_cv335197_kl_nonneg: derivatives by mpmath.diff, the sigmoid and softplus, discrete laws; the flattened
  page text of the last case read as written (a lost fraction bar read as a product) and as meant.
Never imports ganproof.
"""

from __future__ import annotations

from collections.abc import Callable

import mpmath
from mpmath import mp, mpf

from agree import DPS, close, far  # noqa: E402 - tests/real is on sys.path (harness.load_oracles)

ORACLE: dict[tuple[str, int], Callable[[], bool]] = {}
Fn = Callable[[mpf], mpf]
L = mpmath.log


def integral(g: Fn) -> mpf:
    return mpmath.quad(g, [0, mpf("0.25"), mpf("0.5"), mpf("0.75"), 1])


def every(check: Callable[..., bool], cases) -> bool:
    with mpmath.workdps(DPS):
        return all(check(*c) for c in cases)


# densities on (0, 1) and, where it is closed, their quantile function
def lin2(x: mpf) -> mpf:
    return 2 * x


def cub3(x: mpf) -> mpf:
    return 3 * x ** 2


def half(x: mpf) -> mpf:
    return mpf("0.5") + x


def beta22(x: mpf) -> mpf:
    return 6 * x * (1 - x)


def wave(x: mpf) -> mpf:
    return 1 + mpmath.sin(2 * mp.pi * x) / 2


def unif(x: mpf) -> mpf:
    return mpf(1)


QUANTILE: dict[Callable, Fn] = {
    lin2: lambda u: mpmath.sqrt(u),
    cub3: lambda u: mpmath.cbrt(u),
    half: lambda u: (mpmath.sqrt(1 + 8 * u) - 1) / 2,
    unif: lambda u: u,
}


def expect(p: Fn, g: Fn) -> mpf:
    """E_{x ~ p} g(x) by the quantile route int_0^1 g(F^{-1}(u)) du (a second route beside int p g dx)."""
    qf = QUANTILE[p]
    with mpmath.workdps(mp.dps + 15):  # the quantile's endpoint singularity (u^(-1/2), u^(-1/3)) costs digits
        value = integral(lambda u: g(qf(u)))
    return +value


def kl(a: Fn, b: Fn) -> mpf:
    return integral(lambda x: a(x) * L(a(x) / b(x)))


def entropy(a: Fn) -> mpf:
    return -integral(lambda x: a(x) * L(a(x)))


def jsd(a: Fn, b: Fn) -> mpf:
    m = lambda x: (a(x) + b(x)) / 2  # noqa: E731
    return kl(a, m) / 2 + kl(b, m) / 2


# ---------------------------------------------------------------- l_sovesh_gans_part1
SO = "l_sovesh_gans_part1.tex"


def so_21(p: Fn, q: Fn) -> bool:
    m = lambda x: (p(x) + q(x)) / 2  # noqa: E731
    return close(jsd(p, q), entropy(m) - (entropy(p) + entropy(q)) / 2)


def so_37(p: Fn, gen: Fn, pg: Fn) -> bool:
    # V(D*, G) = E_{p_data} log D* + E_{z ~ U(0,1)} log(1 - D*(G(z))), the generated law p_g the law of G(z)
    dstar = lambda x: p(x) / (p(x) + pg(x))  # noqa: E731
    v = integral(lambda x: p(x) * L(dstar(x))) + integral(lambda z: L(1 - dstar(gen(z))))
    return close(v, -L(4) + 2 * jsd(p, pg))


ORACLE[(SO, 21)] = lambda: every(so_21, [(half, lin2), (beta22, wave)])
ORACLE[(SO, 37)] = lambda: every(so_37, [(half, mpmath.sqrt, lin2), (beta22, mpmath.cbrt, cub3)])

# ---------------------------------------------------------------- l_eliottbrion_gan_value_function
EB = "l_eliottbrion_gan_value_function.md"
REAL_X = tuple(mpf(v) for v in ("0.3", "1.1", "-0.4", "0.8"))
NOISE = tuple(mpf(v) for v in ("0.2", "-0.7", "1.5", "0.05"))
M = len(REAL_X)
THETAS = ((mpf("0.3"), mpf("0.7")), (mpf("-0.5"), mpf("1.9")))


def gen_eb(z: mpf) -> mpf:
    return mpf("0.5") + mpf("1.3") * z - mpf("0.2") * z ** 2


def disc_eb(t: tuple[mpf, mpf]) -> Fn:
    return lambda x: mpf("0.5") + mpf("0.4") * mpmath.sin(t[0] + t[1] * x)


def sample() -> list[tuple[mpf, int]]:
    """The 2m labelled samples, real and generated interleaved (x_i, y_i)."""
    out: list[tuple[mpf, int]] = []
    for x, z in zip(REAL_X, NOISE):
        out += [(x, 1), (gen_eb(z), 0)]
    return out


def eb_row(line: int, t: tuple[mpf, mpf]) -> mpf:
    d = disc_eb(t)
    real = [x for x, y in sample() if y == 1]
    fake = [x for x, y in sample() if y == 0]
    if line == 10:  # prod_i P(y = y_i | x_i; D), in the order of the sample
        return mpmath.fprod(d(x) if y == 1 else 1 - d(x) for x, y in sample())
    if line == 14:  # the product split by label; P(y = 1 | x) = D(x), P(y = 0 | x) = 1 - D(x)
        pr = lambda y, x: d(x) if y == 1 else 1 - d(x)  # noqa: E731
        return mpmath.fprod(pr(1, x) for x in real) * mpmath.fprod(pr(0, x) for x in fake)
    if line == 18:
        return mpmath.fprod(d(x) for x in real) * mpmath.fprod(1 - d(x) for x in fake)
    if line == 22:
        return L(mpmath.fprod(d(x) for x in real) * mpmath.fprod(1 - d(x) for x in fake))
    if line == 26:
        return mpmath.fsum(L(d(x)) for x in real) + mpmath.fsum(L(1 - d(x)) for x in fake)
    if line == 30:
        return mpmath.fsum(L(d(x)) for x in real) / M + mpmath.fsum(L(1 - d(x)) for x in fake) / M
    # 34: the generated samples written G(z_i)
    return mpmath.fsum(L(d(x)) for x in REAL_X) / M + mpmath.fsum(L(1 - d(gen_eb(z))) for z in NOISE) / M


# each argmax row against the one before: the objective is the same strictly increasing function of the
# previous one at both parameters (identity, log, division by m > 0), so the maximiser is the same
EB_MAP: dict[int, tuple[int, Callable[[mpf], mpf]]] = {
    14: (10, lambda v: v), 18: (14, lambda v: v), 22: (18, L), 26: (22, lambda v: v),
    30: (26, lambda v: v / M), 34: (30, lambda v: v),
}


def eb_step(line: int) -> Callable[[], bool]:
    before, g = EB_MAP[line]
    return lambda: every(lambda t: close(eb_row(line, t), g(eb_row(before, t))), [(t,) for t in THETAS])


for _line in EB_MAP:
    ORACLE[(EB, _line)] = eb_step(_line)


def eb_38(p: Fn, t: tuple[mpf, mpf]) -> bool:
    # the limit of (1/m) sum log D(x_i), x_i ~ p: the mean of log D(F^{-1}(U)), U uniform, is E_p log D
    d = disc_eb(t)
    return close(expect(p, lambda x: L(d(x))), integral(lambda x: p(x) * L(d(x))))


ORACLE[(EB, 38)] = lambda: every(eb_38, [(p, t) for p in (lin2, cub3) for t in THETAS])


def eb_42() -> bool:
    # the left side tends to E_{z ~ p_z} log(1 - D(G(z))), a number; the right side, an expectation over x of a
    # term free of x, is log(1 - D(G(z))) at a z the row leaves free: its value changes with z
    with mpmath.workdps(DPS):
        d = disc_eb(THETAS[0])
        limit = expect(lin2, lambda z: L(1 - d(gen_eb(z))))  # z ~ 2z on (0, 1)
        at = [L(1 - d(gen_eb(mpf(z)))) for z in ("0.1", "0.9")]
        return close(at[0], at[1]) and close(at[0], limit)


ORACLE[(EB, 42)] = eb_42


def eb_46(t: tuple[mpf, mpf]) -> bool:
    # the limit of line 34's objective (both sample means by the quantile route: real x ~ 3x^2, z ~ 2z) is
    # E_{p_data} log D + E_{p_z} log(1 - D(G(z))) (density integrals): the same objective, the same argmax
    d = disc_eb(t)
    limit = expect(cub3, lambda x: L(d(x))) + expect(lin2, lambda z: L(1 - d(gen_eb(z))))
    value = integral(lambda x: cub3(x) * L(d(x))) + integral(lambda z: lin2(z) * L(1 - d(gen_eb(z))))
    return close(limit, value)


ORACLE[(EB, 46)] = lambda: every(eb_46, [(t,) for t in THETAS])


def eb_50(t: tuple[mpf, mpf]) -> bool:
    # line 50 restates line 4's value function: both right sides at (D, G), by the two routes
    d = disc_eb(t)
    line4 = integral(lambda x: cub3(x) * L(d(x))) + integral(lambda z: lin2(z) * L(1 - d(gen_eb(z))))
    line50 = expect(cub3, lambda x: L(d(x))) + expect(lin2, lambda z: L(1 - d(gen_eb(z))))
    return close(line4, line50)


ORACLE[(EB, 50)] = lambda: every(eb_50, [(t,) for t in THETAS])

# ---------------------------------------------------------------- l_cn_gan_basics_jsd
CN = "l_cn_gan_basics_jsd.md"
CN_PAIRS = ((half, lin2), (beta22, wave))


def disc_cn(x: mpf) -> mpf:
    return mpf("0.5") + mpf("0.3") * mpmath.sin(3 * x)


def cn_11(p: Fn, q: Fn) -> bool:
    two = integral(lambda x: p(x) * L(disc_cn(x))) + integral(lambda x: q(x) * L(1 - disc_cn(x)))
    one = integral(lambda x: p(x) * L(disc_cn(x)) + q(x) * L(1 - disc_cn(x)))
    return close(two, one)


def cn_v_opt(p: Fn, q: Fn) -> mpf:
    dstar = lambda x: p(x) / (p(x) + q(x))  # noqa: E731 - line 22
    return integral(lambda x: p(x) * L(dstar(x))) + integral(lambda x: q(x) * L(1 - dstar(x)))


def cn_row(line: str, p: Fn, q: Fn) -> mpf:
    m = lambda x: (p(x) + q(x)) / 2  # noqa: E731
    if line == "28":
        return integral(lambda x: p(x) * L(p(x) / (p(x) + q(x))) + q(x) * L(q(x) / (p(x) + q(x))))
    if line == "30 as meant":  # the second denominator (P_data + P_G)/2
        return integral(lambda x: p(x) * L((p(x) / 2) / m(x)) + q(x) * L((q(x) / 2) / m(x)))
    if line == "30 as bracketed":  # ')' closes the '(' of the denominator, '/ 2' divides the fraction
        return integral(lambda x: p(x) * L((p(x) / 2) / m(x)) + q(x) * L((q(x) / 2) / (p(x) + q(x)) / 2))
    if line == "31":  # 2 log(1/2) + one integral
        return 2 * L(mpf(1) / 2) + integral(lambda x: p(x) * L(p(x) / m(x)) + q(x) * L(q(x) / m(x)))
    if line == "33":
        return -2 * L(2) + integral(lambda x: p(x) * L(p(x) / m(x))) + integral(lambda x: q(x) * L(q(x) / m(x)))
    # 34: the KLs, each by its entropy split int a log a - int a log m
    kl_split = lambda a: integral(lambda x: a(x) * L(a(x))) - integral(lambda x: a(x) * L(m(x)))  # noqa: E731
    return -2 * L(2) + kl_split(p) + kl_split(q)


def cn_pair_check(check: Callable[[Fn, Fn], bool]) -> Callable[[], bool]:
    return lambda: every(check, CN_PAIRS)


ORACLE[(CN, 11)] = cn_pair_check(cn_11)
ORACLE[(CN, 28)] = cn_pair_check(lambda p, q: close(cn_v_opt(p, q), cn_row("28", p, q)))


def cn_30() -> bool:
    # undefined: the second fraction's denominator '(P_data(x) + P_G(x)' ends at the brace and its ')' and
    # '/ 2' stand after the fraction; read as meant the row keeps the value of line 28, read as bracketed
    # (')' closing the denominator's '(', '/ 2' dividing the fraction) it is off by a term P_G log 4
    with mpmath.workdps(DPS):
        p, q = CN_PAIRS[0]
        meant, bracketed = cn_row("30 as meant", p, q), cn_row("30 as bracketed", p, q)
        assert close(meant, cn_row("28", p, q))
        return not far(meant, bracketed)


def cn_31() -> bool:
    # undefined: the step out of line 30, whose row has no definite value; row 31 agrees with one reading only
    with mpmath.workdps(DPS):
        p, q = CN_PAIRS[0]
        r31 = cn_row("31", p, q)
        return close(r31, cn_row("30 as meant", p, q)) and close(r31, cn_row("30 as bracketed", p, q))


ORACLE[(CN, 30)] = cn_30
ORACLE[(CN, 31)] = cn_31
ORACLE[(CN, 33)] = cn_pair_check(lambda p, q: close(cn_row("31", p, q), cn_row("33", p, q)))
ORACLE[(CN, 34)] = cn_pair_check(lambda p, q: close(cn_row("33", p, q), cn_row("34", p, q))
                                 and close(cn_row("34", p, q), -2 * L(2) + kl(p, lambda x: (p(x) + q(x)) / 2)
                                           + kl(q, lambda x: (p(x) + q(x)) / 2)))


def cn_35() -> bool:
    # undefined: '-2log+2JSD' has a log with no argument; the one value it can be given, -2 log(+2 JSD), is far
    # from the row before (-2 log 2 + 2 JSD, which is what the author meant)
    with mpmath.workdps(DPS):
        p, q = CN_PAIRS[0]
        before = cn_row("34", p, q)
        assert close(before, -2 * L(2) + 2 * jsd(p, q))
        return not far(before, -2 * L(2 * jsd(p, q)))


ORACLE[(CN, 35)] = cn_35

# ---------------------------------------------------------------- l_xlnwel_kr_duality
XL = "l_xlnwel_kr_duality.md"
LIPSCHITZ: tuple[Fn, ...] = (lambda x: mpmath.sin(x) / 2 + x / 3, lambda x: mpf("0.7") * mpmath.cos(mpf("1.3") * x))
POINTS = tuple(mpf(v) for v in ("-1.2", "0.4", "2.5"))


def grid_inf(g: Fn, centre: mpf, half_width: int = 4, n: int = 400) -> mpf:
    """min of g over a grid of 2n+1 points around centre (the centre included)."""
    return min(g(centre + mpf(half_width) * k / n) for k in range(-n, n + 1))


def c_transform(f: Fn) -> Fn:
    """f^c(y) = inf_x |x - y| - f(x): for 1-Lipschitz f (constant < 1) the inf is at x = y, so f^c = -f; the
    grid minimum checks that no other point of the grid is lower."""
    def fc(y: mpf) -> mpf:
        value = grid_inf(lambda x: abs(x - y) - f(x), y)
        assert close(value, -f(y))
        return value
    return fc


def xl_22(f: Fn) -> bool:
    fc = c_transform(f)
    return all(abs(fc(y) - fc(x)) <= abs(y - x) for x in POINTS for y in POINTS)


def xl_23(f: Fn) -> bool:
    fc = c_transform(f)
    return all(-fc(x) <= abs(y - x) - fc(y) for x in POINTS for y in POINTS)


def xl_24(f: Fn) -> bool:
    fc = c_transform(f)
    out = True
    for x in POINTS:
        fcx = fc(x)
        inf = grid_inf(lambda y: abs(y - x) + f(y), x)  # |y - x| - f^c(y), f^c = -f (checked at the points)
        out = out and -fcx <= inf + mpf("1e-25") and inf <= -fcx and close(inf, -fcx)
    return out


ORACLE[(XL, 22)] = lambda: every(xl_22, [(f,) for f in LIPSCHITZ])
ORACLE[(XL, 23)] = lambda: every(xl_23, [(f,) for f in LIPSCHITZ])
ORACLE[(XL, 24)] = lambda: every(xl_24, [(f,) for f in LIPSCHITZ])

THETA_SEG = (mpf("0.5"), mpf("-2"))


def seg_density(offset: mpf) -> Callable[[mpf, mpf], mpf]:
    """The uniform law on {offset} x [0, 1], as a density against length on the union of the two segments."""
    return lambda x, y: mpf(1) if x == offset and 0 <= y <= 1 else mpf(0)


def seg_kl(a: Callable[[mpf, mpf], mpf], b: Callable[[mpf, mpf], mpf], at: mpf) -> mpf:
    """KL(a || b) = int a log(a / b) over a's segment {at} x [0, 1]; +inf where b vanishes and a does not."""
    def term(y: mpf) -> mpf:
        av, bv = a(at, y), b(at, y)
        return mpmath.inf if bv == 0 else av * L(av / bv)
    nodes = [term(mpf(k) / 8) for k in range(1, 8)]
    if any(v == mpmath.inf for v in nodes):
        return mpmath.inf
    return mpmath.quad(term, [0, 1])


def xl_kl(theta: mpf, swap: bool) -> bool:
    p, q = seg_density(mpf(0)), seg_density(theta)
    value = seg_kl(q, p, theta) if swap else seg_kl(p, q, mpf(0))
    return value == mpmath.inf


ORACLE[(XL, 59)] = lambda: every(lambda t: xl_kl(t, False), [(t,) for t in THETA_SEG])
ORACLE[(XL, 60)] = lambda: every(lambda t: xl_kl(t, True), [(t,) for t in THETA_SEG])


def seg_jsd(theta: mpf) -> mpf:
    p, q = seg_density(mpf(0)), seg_density(theta)
    m = lambda x, y: (p(x, y) + q(x, y)) / 2  # noqa: E731
    return (seg_kl(p, m, mpf(0)) + seg_kl(q, m, theta)) / 2


def xl_61(theta: mpf) -> bool:
    row = (integral(lambda y: 1 * L(1 / mpf("0.5"))) + integral(lambda y: 1 * L(1 / mpf("0.5")))) / 2
    return close(seg_jsd(theta), row)


ORACLE[(XL, 61)] = lambda: every(xl_61, [(t,) for t in THETA_SEG])
ORACLE[(XL, 62)] = lambda: every(lambda t: close(seg_jsd(t), L(2)), [(t,) for t in THETA_SEG])


def xl_63(theta: mpf) -> bool:
    # W_1 <= the cost of the coupling (0, y) -> (theta, y); W_1 >= E_P h - E_Q h for the 1-Lipschitz
    # h(x, y) = -sign(theta) x; both bounds are |theta|
    upper = integral(lambda y: mpmath.sqrt((0 - theta) ** 2 + (y - y) ** 2))
    h = lambda x, y: -mpmath.sign(theta) * x  # noqa: E731
    lower = integral(lambda y: h(mpf(0), y)) - integral(lambda y: h(theta, y))
    return close(upper, lower) and close(upper, abs(theta))


ORACLE[(XL, 63)] = lambda: every(xl_63, [(t,) for t in THETA_SEG])

# ---------------------------------------------------------------- l_penazzi_fdivergence_duality
PE = "l_penazzi_fdivergence_duality.md"
PE_PAIRS = ((cub3, lin2), (half, unif))  # (P, Q) by their densities; P << Q


def f_kl(u: mpf) -> mpf:
    return u * L(u)


def f_kl_star(y: mpf) -> mpf:
    return mpmath.exp(y - 1)


def f_chi(u: mpf) -> mpf:
    return (u - 1) ** 2


def f_chi_star(y: mpf) -> mpf:
    return y + y ** 2 / 4


GENERATORS = ((f_kl, f_kl_star), (f_chi, f_chi_star))
PE_CASES = [(p, q, f, fs) for p, q in PE_PAIRS for f, fs in GENERATORS]
TESTS: tuple[Fn, ...] = (lambda x: mpmath.sin(3 * x), lambda x: x ** 2 - mpf("0.5"))


def pe_df_dq(p: Fn, q: Fn, f: Fn) -> mpf:
    """int f(dP/dQ) dQ by Q's quantile route."""
    return expect(q, lambda x: f(p(x) / q(x)))


def pe_df_density(p: Fn, q: Fn, f: Fn) -> mpf:
    return integral(lambda x: f(p(x) / q(x)) * q(x))


def pe_27(p: Fn, q: Fn, f: Fn, fs: Fn) -> bool:
    return close(pe_df_dq(p, q, f), pe_df_density(p, q, f))


def pe_48() -> bool:
    # discrete laws: E_Q g as the mean over equally weighted points that make up Q, against sum_x Q(x) g(x)
    with mpmath.workdps(DPS):
        out = True
        for qw, reps in (((mpf("0.4"), mpf("0.4"), mpf("0.2")), (0, 0, 1, 1, 2)),
                         ((mpf("0.25"), mpf("0.5"), mpf("0.25")), (0, 1, 1, 2))):
            pw = (mpf("0.2"), mpf("0.5"), mpf("0.3"))
            for f, _ in GENERATORS:
                mean = mpmath.fsum(f(pw[i] / qw[i]) for i in reps) / len(reps)
                out = out and close(mean, mpmath.fsum(qw[i] * f(pw[i] / qw[i]) for i in range(3)))
        return out


def fprime(f: Fn) -> Fn:
    return lambda u: mpmath.diff(f, u)


def pe_dual_value(p: Fn, q: Fn, fs: Fn, g: Fn) -> mpf:
    return expect(p, g) - expect(q, lambda x: fs(g(x)))


def pe_57(p: Fn, q: Fn, f: Fn, fs: Fn) -> bool:
    # the sup over g is attained at g = f'(dP/dQ) and equals D_f; moving g off it lowers the value
    d = pe_df_density(p, q, f)
    gstar = lambda x: (L(p(x) / q(x)) + 1) if f is f_kl else 2 * (p(x) / q(x) - 1)  # noqa: E731 - f'(u)
    assert close(gstar(mpf("0.3")), fprime(f)(p(mpf("0.3")) / q(mpf("0.3"))))
    top = pe_dual_value(p, q, fs, gstar)
    lower = all(pe_dual_value(p, q, fs, lambda x, e=e, h=h: gstar(x) + e * h(x)) < top
                for e in (mpf("0.1"), mpf("-0.1")) for h in TESTS)
    return close(top, d) and lower


def conj_sup(fs: Fn, r: mpf) -> mpf:
    """sup_y (y r - f*(y)) at the root of r - f*'(y) (f* convex)."""
    y = mpmath.findroot(lambda v: r - mpmath.diff(fs, v), mpf("0.1"))
    return y * r - fs(y)


def pe_76(p: Fn, q: Fn, f: Fn, fs: Fn) -> bool:
    pointwise = all(close(conj_sup(fs, p(x) / q(x)), f(p(x) / q(x))) for x in (mpf("0.2"), mpf("0.55"), mpf("0.9")))
    return pointwise and close(pe_df_dq(p, q, f), integral(lambda x: f(p(x) / q(x)) * q(x)))


def pe_77(p: Fn, q: Fn, f: Fn, fs: Fn) -> bool:
    lhs = pe_df_density(p, q, f)
    return all(lhs >= integral(lambda x: (g(x) * p(x) / q(x) - fs(g(x))) * q(x)) for g in TESTS)


def pe_78(p: Fn, q: Fn, f: Fn, fs: Fn) -> bool:
    return all(close(integral(lambda x: (g(x) * p(x) / q(x) - fs(g(x))) * q(x)),
                     expect(q, lambda x: g(x) * p(x) / q(x)) - expect(q, lambda x: fs(g(x)))) for g in TESTS)


def pe_79(p: Fn, q: Fn, f: Fn, fs: Fn) -> bool:
    # int g (dP/dQ) dQ by Q's quantile route against int g dP by P's
    return all(close(expect(q, lambda x: g(x) * p(x) / q(x)) - expect(q, lambda x: fs(g(x))),
                     expect(p, g) - integral(lambda x: fs(g(x)) * q(x))) for g in TESTS)


def pe_80(p: Fn, q: Fn, f: Fn, fs: Fn) -> bool:
    return all(close(integral(lambda x: g(x) * p(x)) - integral(lambda x: fs(g(x)) * q(x)),
                     pe_dual_value(p, q, fs, g)) for g in TESTS)


ORACLE[(PE, 27)] = lambda: every(pe_27, PE_CASES)
ORACLE[(PE, 40)] = lambda: every(pe_27, PE_CASES)  # d(x) for dx: the same integral
ORACLE[(PE, 48)] = pe_48
ORACLE[(PE, 57)] = lambda: every(pe_57, PE_CASES)
ORACLE[(PE, 75)] = lambda: every(pe_27, PE_CASES)
ORACLE[(PE, 76)] = lambda: every(pe_76, PE_CASES)
ORACLE[(PE, 77)] = lambda: every(pe_77, PE_CASES)
ORACLE[(PE, 78)] = lambda: every(pe_78, PE_CASES)
ORACLE[(PE, 79)] = lambda: every(pe_79, PE_CASES)
ORACLE[(PE, 80)] = lambda: every(pe_80, PE_CASES)

# ---------------------------------------------------------------- l_lsgan_lesson_pearson
LS = "l_lsgan_lesson_pearson.md"


def ls_16() -> bool:
    with mpmath.workdps(DPS):
        deriv = all(close(mpmath.diff(lambda t: L(1 - t), d), -1 / (1 - d)) for d in (mpf("0.2"), mpf("0.65")))
        # '\approx -1' under the prose's condition D(G(z)) ~ 0: the gap to -1 is D/(1 - D), of the order of D
        approx = all(abs(-1 / (1 - d) + 1) <= 2 * d for d in (mpf("1e-8"), mpf("1e-12")))
        return deriv and approx


def ls_57(p: Fn, q: Fn) -> bool:
    # the f-divergence with f(u) = (u - 1)^2 (q dividing), by q's quantile route
    return close(integral(lambda x: (p(x) - q(x)) ** 2 / q(x)), expect(q, lambda x: f_chi(p(x) / q(x))))


def ls_65(p: Fn, q: Fn) -> bool:
    a, b = mpf(-1), mpf(1)
    out = True
    for x in (mpf("0.15"), mpf("0.5"), mpf("0.8")):
        general = (b * p(x) + a * q(x)) / (p(x) + q(x))  # line 61, the minimiser of the pointwise loss
        loss = lambda dv: p(x) * (dv - b) ** 2 / 2 + q(x) * (dv - a) ** 2 / 2  # noqa: E731
        out = out and close(mpmath.diff(loss, general), 0) and close(general, (p(x) - q(x)) / (p(x) + q(x)))
    return out


ORACLE[(LS, 16)] = ls_16
ORACLE[(LS, 57)] = lambda: every(ls_57, [(cub3, lin2), (half, unif)])
ORACLE[(LS, 65)] = lambda: every(ls_65, [(cub3, lin2), (beta22, wave)])

# ---------------------------------------------------------------- l_genmod_vanilla_gan_docstrings
GM = "l_genmod_vanilla_gan_docstrings.md"


def sig(x: mpf) -> mpf:
    return 1 / (1 + mpmath.exp(-x))


def softplus(x: mpf) -> mpf:
    return L(1 + mpmath.exp(x))


XS = [(mpf("0.7"),), (mpf("-2.3"),)]
ORACLE[(GM, 48)] = lambda: every(lambda x: close(L(sig(x)), -softplus(-x)), XS)
ORACLE[(GM, 50)] = lambda: every(lambda x: close(L(1 - sig(x)), -softplus(x)), XS)

# ---------------------------------------------------------------- l_wiki_kl_jensen_note
WK = "l_wiki_kl_jensen_note.md"
WK_PAIRS = ((lin2, half), (cub3, beta22))


def wk_5(p: Fn, q: Fn) -> bool:
    return close(expect(p, lambda x: L(p(x) / q(x))), kl(p, q))


def wk_11() -> bool:
    # false: Jensen gives KL >= -log E_p[q/p] = 0; the row writes <=, and KL(2x || 1/2 + x) > 0
    with mpmath.workdps(DPS):
        p, q = WK_PAIRS[0]
        lhs, rhs = kl(p, q), -L(expect(p, lambda x: q(x) / p(x)))
        return not (lhs > rhs and far(lhs, rhs))


def wk_12(p: Fn, q: Fn) -> bool:
    a = -L(expect(p, lambda x: q(x) / p(x)))
    b = -L(integral(lambda x: p(x) * q(x) / p(x)))
    return close(a, b) and a <= b + mpf("1e-25")


ORACLE[(WK, 5)] = lambda: every(wk_5, WK_PAIRS)
ORACLE[(WK, 11)] = wk_11
ORACLE[(WK, 12)] = lambda: every(wk_12, WK_PAIRS)

# ---------------------------------------------------------------- l_dlai_forum_bce_gan_loss
DL = "l_dlai_forum_bce_gan_loss.md"


def dl_5() -> bool:
    # false: line 3 defines BCE = y log y + (1 - y^) log(1 - y^); at y = 1, y^ = 0.3 it is 0.7 log 0.7, not the
    # case row's log(y^) (nor is the usual BCE -log y^ equal to log y^)
    with mpmath.workdps(DPS):
        y, yh = mpf(1), mpf("0.3")
        line3 = y * L(y) + (1 - yh) * L(1 - yh)
        usual = -y * L(yh) - (1 - y) * L(1 - yh)
        return not (far(line3, L(yh)) and far(usual, L(yh)))


DISCRETE = (((mpf("0.2"), mpf("0.5"), mpf("0.3")), (mpf("0.4"), mpf("0.4"), mpf("0.2"))),
            ((mpf("0.7"), mpf("0.1"), mpf("0.2")), (mpf("0.25"), mpf("0.5"), mpf("0.25"))))


def dl_13(p, q) -> bool:
    cross = -mpmath.fsum(a * L(b) for a, b in zip(p, q))
    ent = -mpmath.fsum(a * L(a) for a in p)
    return close(mpmath.fsum(a * L(a / b) for a, b in zip(p, q)), cross - ent)


ORACLE[(DL, 5)] = dl_5
ORACLE[(DL, 13)] = lambda: every(dl_13, DISCRETE)

# ---------------------------------------------------------------- l_qastack_cv335197_kl_nonneg
QS = "l_qastack_cv335197_kl_nonneg.md"
L2 = lambda v: mpmath.log(v, 2)  # noqa: E731


def qs_readings_disagree(meant: Callable[..., mpf], literal: Callable[..., mpf]) -> bool:
    """Undefined rows of the flattened text: the fraction bar (and the subscripts) are lost; read as meant and
    read as written (a lost fraction p(x)/q(x) as the product p(x) q(x)) the row takes values far apart, so it
    has no definite value as written: False."""
    with mpmath.workdps(DPS):
        p, q = DISCRETE[0]
        return not far(meant(p, q), literal(p, q))


S = mpmath.fsum
# line 5: -D(p||q) = -sum p ln(p/q), written '−∑xp(x)lnp(x)q(x)'
ORACLE[(QS, 5)] = lambda: qs_readings_disagree(lambda p, q: -S(a * L(a / b) for a, b in zip(p, q)),
                                               lambda p, q: -S(a * L(a) * b for a, b in zip(p, q)))


def qs_8(p, q) -> bool:
    # Gibbs' inequality with log base 2 (no fraction lost on this line)
    return -S(a * L2(a) for a in p) <= -S(a * L2(b) for a, b in zip(p, q)) and close(
        -S(a * L2(a) for a in p), -S(a * L2(b) for a, b in zip(p, p)))


ORACLE[(QS, 8)] = lambda: every(qs_8, DISCRETE)


def qs_10() -> bool:
    # '...≥0∑xp(x)log2p(x)q(x)≥0': as meant sum p log2(p/q) >= 0 holds; as written (p(x) q(x) a product)
    # sum p q log2 p < 0: the readings disagree on the truth of the row
    with mpmath.workdps(DPS):
        p, q = DISCRETE[0]
        meant = S(a * L2(a / b) for a, b in zip(p, q)) >= 0
        literal = S(a * L2(a) * b for a, b in zip(p, q)) >= 0
        return meant == literal


def qs_14() -> bool:
    # the log sum inequality, fractions lost: sum a log2(a/b) >= (sum a) log2(sum a / sum b) holds; as written
    # (a_i b_i and the sums multiplied) sum a b log2 a >= (sum a) log2(sum a) sum b = 0 fails
    with mpmath.workdps(DPS):
        a, b = (mpf("0.5"), mpf("1.5"), mpf("0.25")), (mpf("1"), mpf("0.5"), mpf("0.75"))
        meant = S(x * L2(x / y) for x, y in zip(a, b)) >= S(a) * L2(S(a) / S(b))
        literal = S(x * L2(x) * y for x, y in zip(a, b)) >= S(a) * L2(S(a)) * S(b)
        return meant == literal


# line 16: ... = 1⋅log211 = 0: as meant 1 log2(1/1) = 0; as written log2(11) (or log 211), far from 0
ORACLE[(QS, 16)] = lambda: qs_readings_disagree(lambda p, q: 1 * L2(mpf(1) / 1), lambda p, q: 1 * L2(mpf(11)))
# line 20: -D = sum p log2(q/p) <= log2 sum p q/p = log2 1 = 0, written 'log2∑xp(x)q(x)p(x)=log21=0'
ORACLE[(QS, 20)] = lambda: qs_readings_disagree(lambda p, q: L2(S(a * b / a for a, b in zip(p, q))),
                                                lambda p, q: L2(S(a * b * a for a, b in zip(p, q))))
ORACLE[(QS, 10)] = qs_10
ORACLE[(QS, 14)] = qs_14
