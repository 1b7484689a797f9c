"""Plain-mpmath oracles for the d_ cases of the real-derivation corpus (tests/real/cases).

The d_ cases exercise the LaTeX and the layout of real files (macros, inline math, one row per
display, notebooks, kramdown, OCR spellings).  Each labelled step (case file, line) gets a function
that returns True when the step holds and False when it does not, computed without the checker:
concrete densities, discriminators and generators that are not ganproof's families (logistic and
Laplace densities and their mixtures; D(x) = 0.5 + 0.4 tanh(x^3 - x); the generator z + z^3/5 with
its inverse in closed form), integrals by mpmath.quad at 30 digits.  A true step must hold on at
least two assignments to 20 digits; a false step must fail on one assignment by far more than the
error.  Never imports ganproof.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import mpmath
from mpmath import mp, mpf
from remember import memo  # noqa: E402 - tests/real is on sys.path (harness.load_oracles)

DPS = 30
TOL = mpf("1e-20")
GAP = mpf("1e-6")

Density = Callable[[mpf], mpf]
Fn = Callable[[mpf], mpf]
BREAKS = ("-0.4", "0", "0.2")


def integral(f: Fn) -> mpf:
    """The integral of f over the real line (split at the kinks of the Laplace densities)."""
    return mpmath.quad(f, [-mp.inf, *(mpf(b) for b in BREAKS), mp.inf])


def close(a: mpf, b: mpf) -> bool:
    return abs(a - b) <= TOL * max(1, abs(a), abs(b))


def holds(pairs: Sequence[tuple[Callable[[], mpf], Callable[[], mpf]]]) -> bool:
    """Every (lhs, rhs) pair agrees to TOL (each pair is one concrete assignment)."""
    with mpmath.workdps(DPS):
        return all(close(lhs(), rhs()) for lhs, rhs in pairs)


def fails(lhs: Callable[[], mpf], rhs: Callable[[], mpf]) -> bool:
    with mpmath.workdps(DPS):
        return abs(lhs() - rhs()) > GAP


def below(pairs: Sequence[tuple[Callable[[], mpf], Callable[[], mpf]]]) -> bool:
    """lhs <= rhs on every assignment (up to the quadrature error)."""
    with mpmath.workdps(DPS):
        return all(lhs() <= rhs() + TOL * max(1, abs(rhs())) for lhs, rhs in pairs)


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
    return mpf("0.5") + mpf("0.4") * mpmath.tanh(x**3 - x)


def d_sig(x: mpf) -> mpf:
    return mpf("0.25") + mpf("0.55") / (1 + mpmath.exp(-(mpf("1.3") * x - mpf("0.4"))))


def gen(z: mpf) -> mpf:
    return z + z**3 / 5


def _real_cbrt(u: mpf) -> mpf:
    return mpmath.sign(u) * mpmath.cbrt(abs(u))


def gen_inv(x: mpf) -> mpf:
    q = -5 * x
    r = mpmath.sqrt(q**2 / 4 + mpf(125) / 27)
    return _real_cbrt(-q / 2 + r) + _real_cbrt(-q / 2 - r)


def pushforward(pz: Density) -> Density:
    """The density of G(z) = z + z^3/5, z ~ pz."""

    def p(x: mpf) -> mpf:
        z = gen_inv(x)
        return pz(z) / (1 + 3 * z**2 / 5)

    return memo(p)


def kl(p: Density, q: Density) -> mpf:
    return integral(lambda x: p(x) * mpmath.log(p(x) / q(x)))


def jsd(p: Density, q: Density) -> mpf:
    m = mixture("0.5", p, q)
    return kl(p, m) / 2 + kl(q, m) / 2


ORACLE: dict[tuple[str, int], Callable[[], bool]] = {}


def oracle(name: str, *lines: int) -> Callable[[Callable[[], bool]], Callable[[], bool]]:
    def register(fn: Callable[[], bool]) -> Callable[[], bool]:
        for line in lines:
            ORACLE[(name, line)] = fn
        return fn

    return register


P1, PZ1 = logistic("0.3", "1.2"), logistic(0, 1)
P2, PZ2 = mixture("0.6", logistic("-1", "0.7"), logistic("1.5", "0.9")), mixture("0.7", logistic("-0.5", "0.8"),
                                                                                logistic(1, "0.6"))
XS = ("-1.7", "-0.3", "0.45", "2.2")

# ------------------------------------------------------------------- d_srome_annotated_gan_proof
SROME = "d_srome_annotated_gan_proof.md"


def _srome_value(pd: Density, pz: Density, d: Fn) -> tuple[mpf, mpf]:
    """V(G, D) of line 6 (expectations over p_data and the noise) and its one-integral form (line 17)."""
    pg = pushforward(pz)
    v = integral(lambda x: pd(x) * mpmath.log(d(x))) + integral(lambda z: pz(z) * mpmath.log(1 - d(gen(z))))
    one = integral(lambda x: pd(x) * mpmath.log(d(x)) + pg(x) * mpmath.log(1 - d(x)))
    return v, one


@oracle(SROME, 17, 41)
def srome_lotus() -> bool:
    cases = [(P1, PZ1, d_tanh), (P2, PZ2, d_sig)]
    return holds([(lambda c=c: _srome_value(*c)[0], lambda c=c: _srome_value(*c)[1]) for c in cases])


def _srome_f_rows(a: mpf, b: mpf, y: mpf) -> tuple[mpf, mpf, mpf]:
    """The rows of line 31 as lhs - rhs: f'(y) = 0, a/y - b/(1-y) = 0, y = a/(a+b) (f(y) = a log y + b log(1-y))."""
    fprime = mpmath.diff(lambda t: a * mpmath.log(t) + b * mpmath.log(1 - t), y)
    return fprime, a / y - b / (1 - y), y - a / (a + b)


@oracle(SROME, 31)
def srome_stationary() -> bool:
    with mpmath.workdps(DPS):
        for x in ("-0.7", "1.3"):
            a, b = P1(mpf(x)), pushforward(PZ1)(mpf(x))
            y = mpmath.findroot(lambda t: _srome_f_rows(a, b, t)[0], mpf("0.5"))
            rows = _srome_f_rows(a, b, y)
            if not all(abs(r) <= mpf("1e-15") for r in rows):
                return False
        return True


@oracle(SROME, 35)
def srome_second_derivative_slip() -> bool:
    # f''(y) = -a/y^2 - b/(1-y)^2; the text writes b/(1 - y^2) for the second term
    a, b = mpf(1), mpf(1)
    y = a / (a + b)
    true = lambda: mpmath.diff(lambda t: a * mpmath.log(t) + b * mpmath.log(1 - t), y, 2)  # noqa: E731
    written = lambda: -a / y**2 - b / (1 - y**2)  # noqa: E731
    assert not fails(true, lambda: -a / y**2 - b / (1 - y) ** 2)  # the right second derivative
    return not fails(true, written)


def _v(pd: Density, pg: Density, d: Fn) -> mpf:
    return integral(lambda x: pd(x) * mpmath.log(d(x)) + pg(x) * mpmath.log(1 - d(x)))


def _dstar(pd: Density, pg: Density) -> Fn:
    return lambda x: pd(x) / (pd(x) + pg(x))


@oracle(SROME, 44)
def srome_pointwise_max() -> bool:
    pairs = []
    for pd, pz, d in ((P1, PZ1, d_tanh), (P2, PZ2, d_sig)):
        pg = pushforward(pz)
        pairs.append((lambda pd=pd, pg=pg, d=d: _v(pd, pg, d), lambda pd=pd, pg=pg: _v(pd, pg, _dstar(pd, pg))))
    return below(pairs)


def _c_forms(pd: Density, pg: Density) -> dict[str, Callable[[], mpf]]:
    """C(G) = max_D V(G, D) and each form the text gives it (lines 52, 67, 74, 93, 100, 105)."""
    log2 = mpmath.log(2)
    m = lambda x: (pd(x) + pg(x)) / 2  # noqa: E731
    return {
        "max": lambda: _v(pd, pg, _dstar(pd, pg)),
        "52": lambda: integral(lambda x: pd(x) * mpmath.log(pd(x) / (pg(x) + pd(x)))
                               + pg(x) * mpmath.log(pg(x) / (pg(x) + pd(x)))),
        "67": lambda: integral(lambda x: (log2 - log2) * pd(x) + pd(x) * mpmath.log(pd(x) / (pg(x) + pd(x)))
                               + (log2 - log2) * pg(x) + pg(x) * mpmath.log(pg(x) / (pg(x) + pd(x)))),
        "74": lambda: -log2 * integral(lambda x: pg(x) + pd(x))
        + integral(lambda x: pd(x) * (log2 + mpmath.log(pd(x) / (pg(x) + pd(x))))
                   + pg(x) * (log2 + mpmath.log(pg(x) / (pg(x) + pd(x))))),
        "93": lambda: -mpmath.log(4) + integral(lambda x: pd(x) * mpmath.log(pd(x) / m(x)))
        + integral(lambda x: pg(x) * mpmath.log(pg(x) / m(x))),
        "100": lambda: -mpmath.log(4) + kl(pd, m) + kl(pg, m),
        "105": lambda: -mpmath.log(4) + 2 * jsd(pd, pg),
    }


def _c_step(line: str) -> Callable[[], bool]:
    def check() -> bool:
        pairs = []
        for pd, pz in ((P1, PZ1), (P2, PZ2)):
            forms = _c_forms(pd, pushforward(pz))
            pairs.append((forms["max"], forms[line]))
        ok = holds(pairs)
        if line == "52":  # and D* is the maximum: any other discriminator gives less
            ok = ok and below([(lambda: _v(P1, pushforward(PZ1), d_tanh), _c_forms(P1, pushforward(PZ1))["max"])])
        return ok

    return check


for _line in ("52", "67", "74", "93", "100", "105"):
    ORACLE[(SROME, int(_line))] = _c_step(_line)


def _pointwise(rows: Callable[[mpf, mpf], tuple[mpf, ...]]) -> bool:
    """At several x, for two density pairs, every row of ``rows(p_data(x), p_G(x))`` is equal."""
    with mpmath.workdps(DPS):
        for pd, pz in ((P1, PZ1), (P2, PZ2)):
            pg = pushforward(pz)
            for x in XS:
                vals = rows(pd(mpf(x)), pg(mpf(x)))
                if not all(close(vals[0], v) for v in vals[1:]):
                    return False
        return True


@oracle(SROME, 58)
def srome_complement() -> bool:
    return _pointwise(lambda d, g: (1 - d / (d + g), 1 - d / (g + d), (g + d) / (g + d) - d / (g + d)))


@oracle(SROME, 61)
def srome_complement_end() -> bool:
    return _pointwise(lambda d, g: ((g + d) / (g + d) - d / (g + d), g / (g + d)))


@oracle(SROME, 83)
def srome_log4() -> bool:
    def rows() -> list[mpf]:
        pg = pushforward(PZ1)
        return [-mpmath.log(2) * integral(lambda x: pg(x) + P1(x)), -mpmath.log(2) * (1 + 1), -2 * mpmath.log(2),
                -mpmath.log(4)]

    with mpmath.workdps(DPS):
        r = rows()
    return holds([(lambda a=a: a, lambda b=b: b) for a, b in zip(r, r[1:])])


@oracle(SROME, 87)
def srome_log_sum() -> bool:
    return _pointwise(lambda d, g: (mpmath.log(2) + mpmath.log(d / (g + d)), mpmath.log(2 * d / (g + d))))


@oracle(SROME, 88)
def srome_log_half() -> bool:
    return _pointwise(lambda d, g: (mpmath.log(2 * d / (g + d)), mpmath.log(d / ((g + d) / 2))))


# ------------------------------------------------------------------- d_hotaj_two_kl_proofs
HOTAJ = "d_hotaj_two_kl_proofs.md"
KLP, KLQ = (P1, logistic("-0.4", "0.9")), (P2, mixture("0.3", logistic("0.8", "1.1"), logistic("-1.2", "0.7")))


def _hotaj_rows(p: Density, q: Density) -> dict[int, mpf]:
    """The value of each row's right side (lines of the file), for densities p and q."""
    def e(f: Fn) -> mpf:
        return integral(lambda x: p(x) * f(x))
    return {
        21: kl(p, q), 22: e(lambda x: -mpmath.log(q(x) / p(x))),
        23: -mpmath.log(e(lambda x: q(x) / p(x))),
        24: -mpmath.log(integral(lambda x: p(x) * q(x) / p(x))),
        26: -mpmath.log(integral(q)), 27: -mpmath.log(1), 28: mpf(0),
        41: e(lambda x: 1 - q(x) / p(x)), 42: integral(lambda x: p(x) * (1 - q(x) / p(x))),
        43: integral(lambda x: p(x) - q(x)), 44: mpf(1) - 1, 45: mpf(0),
    }


def _hotaj(prev: int, row: int, relation: str) -> Callable[[], bool]:
    def check() -> bool:
        with mpmath.workdps(DPS):
            for p, q in (KLP, KLQ):
                r = _hotaj_rows(p, q)
                a, b = r[prev], r[row]
                if relation == "=" and not close(a, b):
                    return False
                if relation == ">=" and not a >= b - TOL * max(1, abs(b)):
                    return False
            return True

    return check


# line of the step -> (row before, this row's value key, relation); 21 and 39 are D_KL = E_p[-log q/p]
for _line, _spec in {21: (21, 22, "="), 22: (22, 23, ">="), 24: (23, 24, "="), 26: (24, 26, "="), 27: (26, 27, "="),
                     28: (27, 28, "="), 39: (21, 22, "="), 40: (22, 41, ">="), 41: (41, 42, "="), 43: (42, 43, "="),
                     44: (43, 44, "="), 45: (44, 45, "=")}.items():
    ORACLE[(HOTAJ, _line)] = _hotaj(*_spec)


# ------------------------------------------------------------------- d_schaeffer_gibbs_inequality
GIBBS = "d_schaeffer_gibbs_inequality.md"
PMFS = ((("0.2", "0.5", "0.3"), ("0.4", "0.1", "0.5")), (("0.05", "0.15", "0.3", "0.5"), ("0.25", "0.25", "0.25", "0.25")))


def _gibbs_rows(p: Sequence[mpf], q: Sequence[mpf]) -> dict[str, mpf]:
    log = mpmath.log
    return {
        "entropy": -sum(a * log(a) for a in p), "cross": -sum(a * log(b) for a, b in zip(p, q)),
        "diff": -sum(a * log(a) for a in p) + sum(a * log(b) for a, b in zip(p, q)),
        "ratio": sum(a * log(b / a) for a, b in zip(p, q)), "jensen": log(sum(a * b / a for a, b in zip(p, q))),
        "sumq": log(sum(q)), "log1": log(1), "zero": mpf(0),
    }


def _gibbs(a: str, b: str, relation: str) -> Callable[[], bool]:
    def check() -> bool:
        with mpmath.workdps(DPS):
            for p, q in PMFS:
                r = _gibbs_rows([mpf(v) for v in p], [mpf(v) for v in q])
                lhs, rhs = r[a], r[b]
                if relation == "<=" and not lhs <= rhs + TOL:
                    return False
                if relation == "=" and not close(lhs, rhs):
                    return False
            return True

    return check


for _line, _spec in {10: ("entropy", "cross", "<="), 14: ("diff", "zero", "<="), 18: ("ratio", "zero", "<="),
                     24: ("ratio", "jensen", "<="), 25: ("jensen", "sumq", "="), 26: ("sumq", "log1", "="),
                     27: ("log1", "zero", "=")}.items():
    ORACLE[(GIBBS, _line)] = _gibbs(*_spec)


# ------------------------------------------------------------------- d_schaeffer_kl_definition, d_schaeffer_f_divergence
@oracle("d_schaeffer_kl_definition.md", 4)
def schaeffer_kl() -> bool:
    pairs = []
    for p, q in (KLP, KLQ):
        pairs.append((lambda p=p, q=q: kl(p, q), lambda p=p, q=q: integral(lambda x: p(x) * mpmath.log(p(x) / q(x)))))
        pairs.append((lambda p=p, q=q: kl(p, q), lambda p=p, q=q: -integral(lambda x: p(x) * mpmath.log(q(x) / p(x)))))
    return holds(pairs)


@oracle("d_schaeffer_f_divergence.md", 21)
def schaeffer_fdiv_kl() -> bool:
    pairs = []
    for p, q in (KLP, KLQ):
        pairs.append((lambda p=p, q=q: integral(lambda x: p(x) / q(x) * mpmath.log(p(x) / q(x)) * q(x)),
                      lambda p=p, q=q: integral(lambda x: p(x) * mpmath.log(p(x) / q(x)))))
        pairs.append((lambda p=p, q=q: kl(p, q), lambda p=p, q=q: integral(lambda x: p(x) * mpmath.log(p(x) / q(x)))))
    return holds(pairs)


@oracle("d_schaeffer_f_divergence.md", 25)
def schaeffer_reverse_kl_slip() -> bool:
    # with f(t) = -log t the f-divergence is int q log(q/p) = KL(q || p), not the KL(p || q) the row names
    p, q = KLP
    assert not fails(lambda: kl(q, p), lambda: integral(lambda x: mpmath.log(q(x) / p(x)) * q(x)))
    return not fails(lambda: kl(p, q), lambda: integral(lambda x: mpmath.log(q(x) / p(x)) * q(x)))


# ------------------------------------------------------------------- d_ajitsamudrala_gan_readme
AJIT = "d_ajitsamudrala_gan_readme.md"


@oracle(AJIT, 7)
def ajit_kl_sign_slip() -> bool:
    # H(p, q) - H(p) = sum p log(p/q) = KL; the line ends with minus that sum
    with mpmath.workdps(DPS):
        p, q = [mpf(v) for v in PMFS[0][0]], [mpf(v) for v in PMFS[0][1]]
        cross = -sum(a * mpmath.log(b) for a, b in zip(p, q))
        entropy = -sum(a * mpmath.log(a) for a in p)
        kl_pq = sum(a * mpmath.log(a / b) for a, b in zip(p, q))
        assert close(cross - entropy, kl_pq)
        return close(cross - entropy, -kl_pq)


@oracle(AJIT, 15)
def ajit_jsd() -> bool:
    pairs = []
    for p, q in (KLP, KLQ):
        m = mixture("0.5", p, q)
        pairs.append((lambda p=p, q=q: jsd(p, q), lambda p=p, q=q, m=m: kl(p, m) / 2 + kl(q, m) / 2))
    return holds(pairs)


@oracle(AJIT, 25)
def ajit_log_of_log_slip() -> bool:
    # E_{p_r} log D + E_{p_g} log(1 - D) against int p_r log D + p_g log(1 - log D) dx (y-hat = D(x))
    pr, pg = P1, pushforward(PZ1)
    lhs = lambda: integral(lambda x: pr(x) * mpmath.log(d_tanh(x)) + pg(x) * mpmath.log(1 - d_tanh(x)))  # noqa: E731
    rhs = lambda: integral(lambda x: pr(x) * mpmath.log(d_tanh(x)) + pg(x) * mpmath.log(1 - mpmath.log(d_tanh(x))))  # noqa: E731
    # the other reading of 'log 1 - y-hat' ((log 1) - y-hat) differs from the right side too
    assert fails(lambda: integral(lambda x: pr(x) * mpmath.log(d_tanh(x)) - pg(x) * d_tanh(x)), rhs)
    return not fails(lhs, rhs)


@oracle(AJIT, 35)
def ajit_optimal_value() -> bool:
    pairs = []
    for pr, pz in ((P1, PZ1), (P2, PZ2)):
        pg = pushforward(pz)
        pairs.append((lambda pr=pr, pg=pg: integral(lambda x: pr(x) * mpmath.log(pr(x) / (pr(x) + pg(x)))
                                                     + pg(x) * mpmath.log(1 - pr(x) / (pr(x) + pg(x)))),
                      lambda pr=pr, pg=pg: integral(lambda x: pr(x) * mpmath.log(pr(x) / (pr(x) + pg(x)))
                                                     + pg(x) * mpmath.log(pg(x) / (pr(x) + pg(x))))))
    return holds(pairs)
