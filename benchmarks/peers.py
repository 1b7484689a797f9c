"""Benchmark: ganproof against its peers on the same three identities, side by side in one run.

Usage: python benchmarks/peers.py [--reps 3] [--sympy-limit 60] [--skip-sympy] [--profile]

The identities (instance 1 of ganproof's pool is exactly the concrete case below):

  (a) C(G) = -log 4 + 2 JSD(p_data || p_G), p_data = N(0.3, 1.1^2), p_G = N(-0.5, 0.7^2);
  (b) KL(p || q) = int p log p - int p log q, p = N(0.3, 1.1^2), q = N(-0.5, 0.7^2);
  (c) LOTUS: E_{z ~ N(0,1)}[log(1 - D(G(z)))] = int p_G(x) log(1 - D(x)) dx,
      G(z) = -0.4 + 0.8 sinh(z), D(x) = sigmoid(0.7 x - 0.2), p_G the exact law of G(z).

Columns:

* ganproof: ``ganproof.chain.check`` of a Derivation with one Chain of one step (no rule
  named: the checker searches its rules), dps 30, 3 instances, in a fresh process per
  repetition (import excluded).  "cold" is the first check in that process (what
  ``ganproof check`` pays), "warm" a second identical check in the same process (SymPy's
  cache and the families' constants warm).  The numeric and symbolic parts are timed by
  wrapping ``NumericChecker.check_chain`` and ``certify`` in the worker process (no
  ganproof code is changed).  Run with GANPROOF_JOBS=2 (this machine's cores) and =1.
  For (a) and (b) the context lists an unused density between the two, so that
  instance 1 of the pool gives the two Gaussians above (the pool's second entry is a
  mixture); instances 2 and 3 are whatever the pool gives (mixtures among them).
* floor: a hand-written ``mpmath.quad`` of the same integrals at 30 digits: one quad per
  integral as the identity writes it (3 for (a) and (b), 2 for (c)), split at the modes
  (means; G of the noise's mean for p_G), on instance 1 only, at one precision.  Plain
  mpmath functions (``npdf``, ``log``, ``asinh``); the only care taken is a softplus that
  does not take exp of a huge argument (it would hang mpmath at tanh-sinh's far nodes).
* floor x 6 (measured): the same hand-written code on ganproof's own 3 instances at its two
  working precisions (dps + 6 = 36 and dps + 15 = 45 digits): the same amount of work
  as ganproof's numeric check (6 evaluations of each side).  "6 x floor30" is the
  one-instance floor times 6.
* sympy: ``sympy.integrate`` of the same concrete integrals with exact rational
  parameters (for (c)'s left side ``sympy.stats.E`` of the expectation), each side in a
  fresh subprocess, stopped after --sympy-limit seconds (60): "did not finish in 60 s".
  A side that does not finish is not repeated.
* scipy: ``scipy.integrate.quad`` in double precision on instance 1, split at the same
  modes, with its default tolerances and with tight ones (epsabs = epsrel = 1e-14);
  the integrands use log-densities so that the tails give 0, not nan, and (c)'s left
  side is 0 for |z| > 40 (N(0,1) is below 1e-340 there, sinh would overflow).
  scipy is NOT a dependency of ganproof: it is optional here, and when ``import
  scipy`` fails the column says "scipy not installed".
* digits: correct digits against a reference value: the hand-written quad at 60 digits,
  checked against the same at 50 digits (and for (b) against the closed-form Gaussian
  KL), relative to max(1, |value|), the worse of the two sides.  ganproof's value is
  its Evaluator's on instance 1 (computed separately, not timed); its "reported"
  digits are the check's own (agreement of the two sides, worst instance).

Not a test: timings on a shared machine are noisy.  Repetitions are interleaved
(every column of every identity in each round) so that load changes hit all columns
alike; the tables give medians and the load average before and after.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

try:
    import ganproof  # noqa: F401
except ImportError:  # a checkout that is not installed
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import mpmath as mp

IDENTITIES = {
    "a": "C(G) = -log 4 + 2 JSD(p_data || p_G)",
    "b": "KL(p || q) = int p log p - int p log q",
    "c": "E_z[log(1 - D(G(z)))] = int p_G log(1 - D) (LOTUS, sinh G)",
}
DPS = 30
INSTANCES = 3
REF_DPS, REF_CHECK_DPS = 60, 50


# --------------------------------------------------------------------------------------
# ganproof: the derivations
# --------------------------------------------------------------------------------------


def derivation_for(key: str):
    """The one-step Derivation of identity ``key``."""
    import sympy as sp

    from ganproof.chain import Chain, Derivation
    from ganproof.library.common import GAN_CONTEXT, C, D, G, integral, p_data, p_G, p_z, x, z
    from ganproof.vocabulary import JSD, KL, Context, Density, Expectation

    log = sp.log
    unused = Density("q_unused")  # pads the context so that instance 1 holds two Gaussians
    if key == "a":
        ctx = Context(densities=(p_data, unused, p_G))
        chain = Chain.begin(C(), IDENTITIES[key]).eq(-log(4) + 2 * JSD(p_data(x), p_G(x)))
    elif key == "b":
        p, q = Density("p"), Density("q")
        ctx = Context(densities=(p, unused, q))
        chain = Chain.begin(KL(p(x), q(x)), IDENTITIES[key]).eq(
            integral(p(x) * log(p(x))) - integral(p(x) * log(q(x))))
    elif key == "c":
        ctx = GAN_CONTEXT
        chain = Chain.begin(Expectation(log(1 - D(G(z))), z, p_z(z)), IDENTITIES[key]).eq(
            Expectation(log(1 - D(x)), x, p_G(x)))
    else:
        raise KeyError(key)
    return Derivation(f"peer_{key}", IDENTITIES[key], ctx, (chain,))


def ganproof_instances(key: str):
    from ganproof.numeric.instances import instances_for

    deriv = derivation_for(key)
    chain = deriv.chains[0]
    ctx = chain.context(deriv.context)
    return instances_for(ctx, frozenset(), INSTANCES)  # the three identities have no free symbols


def worker_ganproof(key: str) -> None:
    """(subprocess) Check identity ``key`` twice in this process; print the timings as JSON."""
    import ganproof.chain.checker as checker
    from timing import instrument

    deriv = derivation_for(key)
    parts = {"symbolic": 0.0, "numeric": 0.0}
    instrument(parts)
    out = []
    for _ in ("cold", "warm"):
        parts.clear()
        parts.update(symbolic=0.0, numeric=0.0)
        t = time.perf_counter()
        report = checker.check(deriv, dps=DPS, instances=INSTANCES)
        total = time.perf_counter() - t
        step = report.steps[0]
        out.append({"total": total, **parts, "verdict": step.verdict.value if hasattr(step.verdict, "value") else str(step.verdict),
                    "digits": step.digits, "rule": step.rule})
    print(json.dumps(out))


def ganproof_values(key: str) -> tuple[mp.mpf, mp.mpf]:
    """ganproof's own values of the two sides on instance 1 at target dps 30 (not timed)."""
    from ganproof.numeric.evaluate import Evaluator

    deriv = derivation_for(key)
    chain = deriv.chains[0]
    ctx = chain.context(deriv.context)
    inst = ganproof_instances(key)[0]
    ev = Evaluator(ctx, jobs=1)
    vals = []
    for side in (chain.start, chain.steps[0].rhs):
        e = ev.evaluate(side, inst, DPS)
        vals.append(e.value)
    return vals[0], vals[1]


# --------------------------------------------------------------------------------------
# the hand-written mpmath floor, from the parameters of a ganproof instance
# --------------------------------------------------------------------------------------


def _hand_density(d):
    """(pdf, split points) of a ganproof concrete density, written by hand with plain mpmath."""
    from ganproof.numeric.families import Gaussian, GaussianMixture, Pushforward

    if isinstance(d, Gaussian):
        mu, s = mp.mpf(str(d.mean)), mp.mpf(str(d.std))
        return (lambda x: mp.npdf(x, mu, s)), [mu]
    if isinstance(d, GaussianMixture):
        comps = [(mp.mpf(str(w)), mp.mpf(str(m)), mp.mpf(str(s))) for w, m, s in d.components]
        return (lambda x: mp.fsum(w * mp.npdf(x, m, s) for w, m, s in comps)), [m for _, m, _ in comps]
    if isinstance(d, Pushforward):
        base, modes = _hand_density(d.base)
        fwd, inv = _hand_generator(d.generator)
        def pdf(x):
            z, jacobian = inv(x)
            return base(z) * jacobian
        return pdf, [fwd(m) for m in modes]
    raise TypeError(f"no hand-written density for {d!r}")


def _hand_generator(g):
    """(forward, inverse with |d inverse/dx|) of a ganproof generator."""
    from ganproof.numeric.families import LinearGenerator, SinhGenerator

    a, b = mp.mpf(str(g.shift)), mp.mpf(str(g.scale))
    if isinstance(g, SinhGenerator):
        def inv(x):
            u = (x - a) / b
            return mp.asinh(u), 1 / (b * mp.sqrt(1 + u * u))
        return (lambda z: a + b * mp.sinh(z)), inv
    if isinstance(g, LinearGenerator):
        return (lambda z: a + b * z), (lambda x: ((x - a) / b, 1 / b))
    raise TypeError(f"no hand-written generator for {g!r}")


def _softplus(t):
    """log(1 + e^t); beyond +-2 prec bits the exp would be below the precision (and is skipped)."""
    cap = 2 * mp.mp.prec
    if t > cap:
        return t
    if t < -cap:
        return mp.mpf(0)
    return mp.log1p(mp.exp(t)) if t < 0 else t + mp.log1p(mp.exp(-t))


def _points(*groups):
    inner = sorted(set(p for g in groups for p in g))
    return [-mp.inf, *inner, mp.inf]


def floor_values(key: str, inst, dps: int) -> tuple[mp.mpf, mp.mpf]:
    """Both sides of identity ``key`` on ``inst`` by hand-written mpmath.quad at ``dps`` digits."""
    dens = dict(inst.densities)
    with mp.workdps(dps):
        if key == "a":
            p, mp_ = _hand_density(dens["p_data"])
            q, mq = _hand_density(dens["p_G"])
            pts = _points(mp_, mq)
            def c_of_g(x):
                a, b = p(x), q(x)
                return a * mp.log(a / (a + b)) + b * mp.log(b / (a + b))

            def kl_m(first):
                def f(x):
                    a, b = p(x), q(x)
                    u = a if first else b
                    return u * mp.log(2 * u / (a + b))
                return f

            lhs = mp.quad(c_of_g, pts)
            rhs = -mp.log(4) + mp.quad(kl_m(True), pts) + mp.quad(kl_m(False), pts)
        elif key == "b":
            p, mp_ = _hand_density(dens["p"])
            q, mq = _hand_density(dens["q"])
            pts = _points(mp_, mq)
            def kl(x):
                a = p(x)
                return a * mp.log(a / q(x))

            def entropy_term(x):
                a = p(x)
                return a * mp.log(a)

            lhs = mp.quad(kl, pts)
            rhs = mp.quad(entropy_term, pts) - mp.quad(lambda x: p(x) * mp.log(q(x)), pts)
        elif key == "c":
            pz, mz = _hand_density(dens["p_z"])
            pg, mg = _hand_density(dens["p_G"])
            G, _ = _hand_generator(dict(inst.generators)["G"])
            disc = dict(inst.discriminators)["D"]
            k, c = mp.mpf(str(disc.slope)), mp.mpf(str(disc.offset))
            lhs = mp.quad(lambda z: pz(z) * -_softplus(k * G(z) + c), _points(mz))
            rhs = mp.quad(lambda x: pg(x) * -_softplus(k * x + c), _points(mg))
        else:
            raise KeyError(key)
        return +lhs, +rhs


def closed_form_kl(inst) -> mp.mpf | None:
    """KL of two Gaussians in closed form (for (b)'s reference check)."""
    from ganproof.numeric.families import Gaussian

    p, q = dict(inst.densities)["p"], dict(inst.densities)["q"]
    if not (isinstance(p, Gaussian) and isinstance(q, Gaussian)):
        return None
    with mp.workdps(REF_DPS):
        m1, s1, m2, s2 = (mp.mpf(str(v)) for v in (p.mean, p.std, q.mean, q.std))
        return mp.log(s2 / s1) + (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2) - mp.mpf(1) / 2


# --------------------------------------------------------------------------------------
# scipy, double precision (optional)
# --------------------------------------------------------------------------------------


def scipy_sides(key: str, inst, tight: bool):
    """Functions returning each side by scipy.integrate.quad on ``inst``; None without scipy."""
    try:
        from scipy.integrate import quad
    except ImportError:
        return None
    import warnings

    opts = {"epsabs": 1e-14, "epsrel": 1e-14, "limit": 200} if tight else {}
    dens = dict(inst.densities)

    def q(f, pts):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            edges = [-math.inf, *pts, math.inf]
            return math.fsum(quad(f, lo, hi, **opts)[0] for lo, hi in zip(edges, edges[1:]))

    def lae(a, b):  # log(e^a + e^b)
        hi, lo = (a, b) if a >= b else (b, a)
        return hi if lo == -math.inf else hi + math.log1p(math.exp(lo - hi))

    def logpdf(d):
        mu, s = float(str(d.mean)), float(str(d.std))
        c = math.log(s * math.sqrt(2 * math.pi))
        return (lambda x: -((x - mu) ** 2) / (2 * s * s) - c), mu

    def softplus(t):
        return t + math.log1p(math.exp(-t)) if t > 0 else math.log1p(math.exp(t))

    if key in ("a", "b"):
        lp, mp1 = logpdf(dens["p_data" if key == "a" else "p"])
        lq, mq1 = logpdf(dens["p_G" if key == "a" else "q"])
        pts = sorted({mp1, mq1})
        if key == "a":
            def lhs():
                def f(x):
                    a, b = lp(x), lq(x)
                    s = lae(a, b)
                    return math.exp(a) * (a - s) + math.exp(b) * (b - s)
                return q(f, pts)

            def rhs():
                def kl(first):
                    def f(x):
                        a, b = lp(x), lq(x)
                        u = a if first else b
                        return math.exp(u) * (u - (lae(a, b) - math.log(2)))
                    return q(f, pts)
                return -math.log(4) + kl(True) + kl(False)
        else:
            def lhs():
                return q(lambda x: math.exp(lp(x)) * (lp(x) - lq(x)), pts)

            def rhs():
                return q(lambda x: math.exp(lp(x)) * lp(x), pts) - q(lambda x: math.exp(lp(x)) * lq(x), pts)
        return lhs, rhs
    gen, disc = dict(inst.generators)["G"], dict(inst.discriminators)["D"]
    a, b = float(str(gen.shift)), float(str(gen.scale))
    k, c = float(str(disc.slope)), float(str(disc.offset))
    noise = dens["p_z"]
    mz, sz = float(str(noise.mean)), float(str(noise.std))

    def npdf(z):
        return math.exp(-((z - mz) ** 2) / (2 * sz * sz)) / (sz * math.sqrt(2 * math.pi))

    def lhs():
        def f(z):
            if abs(z - mz) > 40 * sz:
                return 0.0
            return npdf(z) * -softplus(k * (a + b * math.sinh(z)) + c)
        return q(f, [mz])

    def rhs():
        def f(x):
            u = (x - a) / b
            return npdf(math.asinh(u)) / (b * math.hypot(1.0, u)) * -softplus(k * x + c)
        return q(f, [a + b * math.sinh(mz)])

    return lhs, rhs


def time_call(fn, min_seconds: float = 0.2) -> tuple[float, object]:
    """Seconds per call of ``fn`` (repeated until ``min_seconds`` have passed) and its value."""
    n, start = 0, time.perf_counter()
    while True:
        value = fn()
        n += 1
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            return elapsed / n, value


# --------------------------------------------------------------------------------------
# SymPy (each side in a subprocess, with a time limit)
# --------------------------------------------------------------------------------------


def worker_sympy(key: str, side: str, limit: float) -> None:
    """(subprocess) Integrate one side of identity ``key`` with SymPy; print JSON."""
    import signal

    import sympy as sp
    from sympy import Rational as Q
    from sympy.stats import E, Normal

    x = sp.Symbol("x", real=True)

    def gauss(mu, s, v=x):
        return sp.exp(-(v - mu) ** 2 / (2 * s ** 2)) / (s * sp.sqrt(2 * sp.pi))

    oo = sp.oo
    if key in ("a", "b"):
        p, q = gauss(Q(3, 10), Q(11, 10)), gauss(Q(-1, 2), Q(7, 10))
    if key == "a":
        m = (p + q) / 2
        pieces = {"lhs": [(1, p * sp.log(p / (p + q)) + q * sp.log(q / (p + q)))],
                  "rhs": [(1, p * sp.log(p / m)), (1, q * sp.log(q / m))]}
        const = {"lhs": 0, "rhs": -sp.log(4)}[side]
    elif key == "b":
        pieces = {"lhs": [(1, p * sp.log(p / q))], "rhs": [(1, p * sp.log(p)), (-1, p * sp.log(q))]}
        const = 0
    else:
        def sigmoid(t):
            return 1 / (1 + sp.exp(-t))

        def G(v):
            return Q(-2, 5) + Q(4, 5) * sp.sinh(v)

        const = 0
        if side == "rhs":
            u = (x + Q(2, 5)) / Q(4, 5)
            p_g = gauss(0, 1, sp.asinh(u)) / (Q(4, 5) * sp.sqrt(1 + u ** 2))
            pieces = {"rhs": [(1, p_g * sp.log(1 - sigmoid(Q(7, 10) * x - Q(1, 5))))]}
    result = {"seconds": None, "value": None, "unevaluated": False}

    def expire(signum, frame):
        raise TimeoutError

    signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, limit)
    start = time.perf_counter()
    try:
        if key == "c" and side == "lhs":
            Z = Normal("z", 0, 1)
            total = E(sp.log(1 - sigmoid(Q(7, 10) * G(Z) - Q(1, 5))))
        else:
            total = const + sum(c * sp.integrate(f, (x, -oo, oo)) for c, f in pieces[side])
        result["seconds"] = time.perf_counter() - start
        result["unevaluated"] = bool(total.has(sp.Integral))
        if not result["unevaluated"]:
            result["value"] = str(sp.N(total, 45))
    except TimeoutError:
        result["seconds"] = None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    print(json.dumps(result))


def run_sympy(key: str, side: str, limit: float) -> dict:
    cmd = [sys.executable, __file__, "--worker", "sympy", "--identity", key, "--side", side,
           "--sympy-limit", str(limit)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=limit + 60)
    except subprocess.TimeoutExpired:
        return {"seconds": None, "value": None, "unevaluated": False}
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        return {"seconds": None, "value": None, "unevaluated": False, "error": done.stderr.strip()[-300:]}
    return json.loads(lines[-1])


def run_ganproof(key: str, jobs: int) -> list[dict]:
    env = dict(os.environ, GANPROOF_JOBS=str(jobs))
    cmd = [sys.executable, __file__, "--worker", "ganproof", "--identity", key]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------------------
# the report
# --------------------------------------------------------------------------------------


def correct_digits(v, ref) -> float:
    if v is None:
        return float("nan")
    with mp.workdps(REF_DPS):
        d = abs(mp.mpf(v) - ref) / max(mp.mpf(1), abs(ref))
        return math.inf if d == 0 else float(-mp.log10(d))


def fmt_digits(d: float) -> str:
    if math.isnan(d):
        return "-"
    return ">40" if d > 40 else f"{d:.1f}"


def med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def fmt_s(x) -> str:
    if x is None:
        return "-"
    if x < 0.01:
        return f"{x * 1e3:.2f} ms"
    return f"{x:.2f} s"


def machine_line() -> str:
    return (f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"mpmath {mp.__version__} ({mp.libmp.BACKEND} backend)")


def load() -> str:
    return "load average " + ", ".join(f"{v:.2f}" for v in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--sympy-limit", type=float, default=60.0)
    parser.add_argument("--skip-sympy", action="store_true")
    parser.add_argument("--identities", default="abc")
    parser.add_argument("--profile", action="store_true", help="also print a cProfile summary of one ganproof check of (a), 1 job")
    parser.add_argument("--worker", choices=("ganproof", "sympy"), help=argparse.SUPPRESS)
    parser.add_argument("--identity", help=argparse.SUPPRESS)
    parser.add_argument("--side", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker == "ganproof":
        return worker_ganproof(args.identity)
    if args.worker == "sympy":
        return worker_sympy(args.identity, args.side, args.sympy_limit)

    import sympy
    from ganproof.numeric.evaluate import HIGH_EXTRA, LOW_EXTRA

    try:
        import scipy
        scipy_version = f"scipy {scipy.__version__}"
    except ImportError:
        scipy_version = "scipy not installed"
    keys = [k for k in args.identities if k in IDENTITIES]
    cores = os.cpu_count() or 1
    print(machine_line() + f", sympy {sympy.__version__}, {scipy_version}")
    print(f"start: {time.strftime('%Y-%m-%d %H:%M:%S')}, {load()}")
    print(f"ganproof: dps {DPS}, {INSTANCES} instances, working precisions {DPS + LOW_EXTRA} and {DPS + HIGH_EXTRA}; "
          f"medians of {args.reps} interleaved rounds")
    for k in keys:
        print(f"  ({k}) {IDENTITIES[k]}; instance 1: {ganproof_instances(k)[0].describe()}")

    # references and accuracy (not timed)
    refs, ref_note, acc = {}, {}, {}
    for k in keys:
        inst1 = ganproof_instances(k)[0]
        hi, lo = floor_values(k, inst1, REF_DPS), floor_values(k, inst1, REF_CHECK_DPS)
        refs[k] = hi
        agree = min(correct_digits(l, h) for l, h in zip(lo, hi))
        with mp.workdps(REF_DPS):
            sides = min(correct_digits(hi[0], hi[1]), 99)
        note = f"{REF_DPS}- vs {REF_CHECK_DPS}-digit quad agree to {fmt_digits(agree)} digits, sides to {fmt_digits(sides)}"
        if k == "b":
            cf = closed_form_kl(inst1)
            if cf is not None:
                note += f", closed-form KL to {fmt_digits(correct_digits(hi[0], cf))}"
        ref_note[k] = note
        gv = ganproof_values(k)
        acc[k] = {"ganproof": min(correct_digits(v, r) for v, r in zip(gv, hi))}

    times: dict[str, dict[str, list]] = {k: {} for k in keys}
    extra: dict[str, dict] = {k: {} for k in keys}
    scipy_fns = {k: {t: scipy_sides(k, ganproof_instances(k)[0], t) for t in (False, True)} for k in keys}

    def add(k, col, v):
        times[k].setdefault(col, []).append(v)

    for rnd in range(args.reps):
        for k in keys:
            insts = ganproof_instances(k)
            for jobs in sorted({cores, 1}, reverse=True):
                cold, warm = run_ganproof(k, jobs)
                add(k, f"g{jobs}", cold["total"])
                add(k, f"g{jobs}num", cold["numeric"])
                add(k, f"g{jobs}sym", cold["symbolic"])
                add(k, f"g{jobs}warm", warm["total"])
                add(k, f"g{jobs}warmnum", warm["numeric"])
                extra[k]["verdict"] = f"{cold['verdict']} ({cold['rule']})"
                extra[k]["reported"] = cold["digits"]
            t = time.perf_counter()
            values = floor_values(k, insts[0], DPS)
            add(k, "floor", time.perf_counter() - t)
            acc[k]["floor"] = min(correct_digits(v, r) for v, r in zip(values, refs[k]))
            t = time.perf_counter()
            for inst in insts:
                for w in (DPS + LOW_EXTRA, DPS + HIGH_EXTRA):
                    floor_values(k, inst, w)
            add(k, "floor6", time.perf_counter() - t)
            for tight in (False, True):
                fns = scipy_fns[k][tight]
                if fns is None:
                    continue
                per, vals = time_call(lambda: (fns[0](), fns[1]()))
                add(k, f"scipy{int(tight)}", per)
                acc[k][f"scipy{int(tight)}"] = min(correct_digits(v, r) for v, r in zip(vals, refs[k]))
        print(f"  round {rnd + 1} done, {load()}", flush=True)

    sympy_res: dict[str, dict] = {}
    if not args.skip_sympy:
        for k in keys:
            runs = []
            for rnd in range(args.reps):
                sides = {s: run_sympy(k, s, args.sympy_limit) for s in ("lhs", "rhs")}
                runs.append(sides)
                if any(r["seconds"] is None or r["unevaluated"] for r in sides.values()):
                    break  # did not finish (or gave up): not repeated
            last = runs[-1]
            if any(r["seconds"] is None for r in last.values()):
                slow = [s for s, r in last.items() if r["seconds"] is None]
                sympy_res[k] = {"text": f"did not finish in {args.sympy_limit:.0f} s ({', '.join(slow)})", "seconds": None}
            elif any(r["unevaluated"] for r in last.values()):
                sympy_res[k] = {"text": "gave up (unevaluated Integral) after "
                                        f"{fmt_s(sum(r['seconds'] for r in last.values()))}", "seconds": None}
            else:
                secs = med([sum(r["seconds"] for r in run.values()) for run in runs])
                digits = min(correct_digits(r["value"], ref) for r, ref in zip((last["lhs"], last["rhs"]), refs[k]))
                sympy_res[k] = {"text": fmt_s(secs), "seconds": secs, "digits": digits}
        print(f"  sympy done, {load()}")

    J = cores
    print()
    print(f"Table 1. Wall time (median of {args.reps}); ganproof in a fresh process per round, GANPROOF_JOBS={J} and =1")
    head = (f"{'id':<3}{'gp total':>10}{'numeric':>10}{'symbolic':>10}{'warm':>10}"
            f"{'gp 1 job':>10}{'numeric':>10}{'floor 1x30':>11}{'floor x6':>10}{'6xfloor30':>10}"
            f"{'scipy':>10}{'scipy tight':>12}  sympy")
    print(head)
    for k in keys:
        c = times[k]
        print(f"({k}){fmt_s(med(c[f'g{J}'])):>9}{fmt_s(med(c[f'g{J}num'])):>10}{fmt_s(med(c[f'g{J}sym'])):>10}"
              f"{fmt_s(med(c[f'g{J}warm'])):>10}{fmt_s(med(c['g1'])):>10}{fmt_s(med(c['g1num'])):>10}"
              f"{fmt_s(med(c['floor'])):>11}{fmt_s(med(c['floor6'])):>10}{fmt_s(6 * med(c['floor'])):>10}"
              f"{fmt_s(med(c['scipy0'])) if 'scipy0' in c else 'not':>10}"
              f"{fmt_s(med(c['scipy1'])) if 'scipy1' in c else 'installed':>12}"
              f"  {sympy_res[k]['text'] if k in sympy_res else 'skipped'}")
    print("  gp = ganproof.chain.check (cold: first check in the process); numeric/symbolic: its check_chain/certify parts;")
    print("  warm: the same check again in the same process; floor x6: hand-written quad on ganproof's 3 instances at "
          f"{DPS + LOW_EXTRA} and {DPS + HIGH_EXTRA} digits")
    if scipy_version == "scipy not installed":
        print("  scipy: scipy not installed (optional, not a ganproof dependency: pip install scipy to fill the column)")

    print()
    print("Table 2. Correct digits against the 60-digit reference (instance 1, worse side)")
    print(f"{'id':<4}{'ganproof':>9}{'reported':>9}{'floor':>7}{'scipy':>7}{'tight':>7}{'sympy':>7}  verdict; reference")
    for k in keys:
        a = acc[k]
        sd = sympy_res.get(k, {}).get("digits", float("nan"))
        sc0 = fmt_digits(a["scipy0"]) if "scipy0" in a else "not"
        sc1 = fmt_digits(a["scipy1"]) if "scipy1" in a else "inst."
        print(f"({k}){fmt_digits(a['ganproof']):>9}{extra[k]['reported']!s:>9}{fmt_digits(a['floor']):>7}"
              f"{sc0:>7}{sc1:>7}{fmt_digits(sd):>7}  {extra[k]['verdict']}; {ref_note[k]}")
    print("  reported: the digits of agreement ganproof reports (worst of its 3 instances)")

    print()
    print("Table 3. Ratios (medians) against the goals")
    print(f"{'id':<4}{'gp/floor':>9}{'num/floor':>10}{'gp/floor x6':>12}{'num/floor x6':>13}{'gp1/floor':>10}"
          f"{'sympy/gp':>10}{'digits>scipy':>13}{'gp/scipy':>10}{'gp/tight':>10}{'floor/tight':>12}")
    for k in keys:
        c, a = times[k], acc[k]
        gp, num, floor, floor6 = med(c[f'g{J}']), med(c[f'g{J}num']), med(c['floor']), med(c['floor6'])
        s = sympy_res.get(k, {})
        if s.get("seconds"):
            sym = f"{s['seconds'] / gp:.2f}x"
        elif k in sympy_res:
            sym = f">{args.sympy_limit / gp:.0f}x"
        else:
            sym = "-"
        best_scipy = max(a.get("scipy0", float("nan")), a.get("scipy1", float("nan")))
        gained = f"{min(a['ganproof'], 40) - best_scipy:+.1f}" if "scipy1" in a else "n/a"
        r0 = f"{gp / med(c['scipy0']):.0f}x" if "scipy0" in c else "n/a"
        r1 = f"{gp / med(c['scipy1']):.0f}x" if "scipy1" in c else "n/a"
        r2 = f"{floor / med(c['scipy1']):.0f}x" if "scipy1" in c else "n/a"
        print(f"({k}){gp / floor:>8.2f}x{num / floor:>9.2f}x{gp / floor6:>11.2f}x{num / floor6:>12.2f}x"
              f"{med(c['g1']) / floor:>9.2f}x{sym:>10}{gained:>13}{r0:>10}{r1:>10}{r2:>12}")
    print("  goals: gp/floor <= 2; sympy/gp >= 100 where SymPy finishes (\">N\": SymPy did not finish, a lower bound);")
    print("  >= 20 more correct digits than scipy (its better tolerance) at gp/scipy <= 50;")
    print("  floor/tight: the hand-written 30-digit mpmath quad against scipy (tight), for scale")
    print(f"end: {time.strftime('%Y-%m-%d %H:%M:%S')}, {load()}")

    if args.profile:
        import cProfile
        import pstats

        from ganproof.chain import check

        deriv = derivation_for("a")
        check(deriv, jobs=1)  # warm
        prof = cProfile.Profile()
        prof.enable()
        check(deriv, jobs=1)
        prof.disable()
        print("\ncProfile of one warm check of (a), 1 job (top 25 by internal time):")
        pstats.Stats(prof).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
