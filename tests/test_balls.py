"""The ball path: arb tanh-sinh, the ball families, and agreement with the mpmath path."""

from __future__ import annotations

import mpmath as mp
import pytest
import sympy as sp
from flint import arb
from hypothesis import given, settings
from hypothesis import strategies as st

from ganproof.library import derivation
from ganproof.numeric import evaluate
from ganproof.numeric.ball_families import (
    critic_kernel,
    density_kernel,
    discriminator_kernel,
    family_kernel,
    generator_kernel,
)
from ganproof.numeric.balls import bound, from_mpf, tanh_sinh, to_mpf, workprec
from ganproof.numeric.evaluate import combine, evaluate_rows, prepare
from ganproof.numeric.instances import examples, instances_for
from ganproof.numeric.families import Gaussian, ParametricPushforward, Pushforward

# drawn members of every registered family (the instances' own draws)
_NOISE = tuple(examples("noise", 2))
_GENERATORS = tuple(examples("generator", 2))
_DISCRIMINATORS = tuple(examples("discriminator", 2))
_CRITICS = tuple(examples("critic", 2))
_DATA = tuple(d for kind in ("line", "interval", "above", "below") for d in examples("data", 2, kind))

PREC = 150  # bits: about 45 digits, the high working precision of a check at dps 30


def _close(ball: arb, exact: mp.mpf, prec: int = PREC) -> bool:
    """The ball's midpoint is within its radius plus 2^-(prec - 8) (relative) of the mpmath value."""
    slack = bound(ball.rad()) + mp.ldexp(1, -(prec - 8)) * max(1, abs(exact))
    return abs(to_mpf(ball) - exact) <= slack


# --- conversion ----------------------------------------------------------


def test_regression_from_mpf_keeps_the_sign():
    # the first version read mpf.man_exp, which holds |mantissa|: -12.5 became 12.5
    with mp.workdps(30):
        assert to_mpf(from_mpf(mp.mpf("-12.5"))) == mp.mpf("-12.5")


@given(st.integers(min_value=-(2 ** 200), max_value=2 ** 200), st.integers(min_value=-3000, max_value=3000))
def test_from_mpf_and_to_mpf_round_trip_exactly(man, exp):
    with mp.workprec(400):
        x = mp.ldexp(man, exp)
        ball = from_mpf(x)
        assert ball.is_exact()
        assert to_mpf(ball) == x


def test_from_mpf_refuses_infinity():
    with pytest.raises(ValueError, match="no exact ball"):
        from_mpf(mp.inf)


def test_workprec_restores_the_precision():
    from flint import ctx

    before = ctx.prec
    with pytest.raises(RuntimeError):
        with workprec(300):
            assert ctx.prec == 300
            raise RuntimeError
    assert ctx.prec == before


# --- tanh-sinh in balls against closed forms ------------------------------


def test_gaussian_integral_over_the_line_is_sqrt_2pi():
    with workprec(PREC + 20), mp.workprec(PREC):
        value, err = tanh_sinh(lambda x: (-(x * x) / 2).exp(), [mp.ninf, mp.mpf(0), mp.inf], PREC,
                               cut=(mp.mpf(-20), mp.mpf(20)))
        exact = mp.sqrt(2 * mp.pi)
        assert abs(to_mpf(value) - exact) < mp.ldexp(1, -(PREC - 8))
        assert err < mp.ldexp(1, -(PREC - 8))


def test_semi_infinite_pieces_use_mpmaths_transformation():
    # int_0^inf e^-x dx = 1, cut where e^-x < 2^-(prec + 20)
    with workprec(PREC + 20), mp.workprec(PREC):
        value, err = tanh_sinh(lambda x: (-x).exp(), [mp.mpf(0), mp.inf], PREC, cut=(mp.mpf(-1), mp.mpf(130)))
        assert abs(to_mpf(value) - 1) < mp.ldexp(1, -(PREC - 8))


def test_an_endpoint_singularity_converges_as_in_mpmath():
    # int_0^1 sqrt(x) dx = 2/3: tanh-sinh handles the derivative's singularity at 0
    with workprec(PREC + 20), mp.workprec(PREC):
        value, _ = tanh_sinh(lambda x: x.sqrt(), [mp.mpf(0), mp.mpf(1)], PREC)
        assert abs(to_mpf(value) - mp.mpf(2) / 3) < mp.ldexp(1, -(PREC - 8))


def test_an_infinite_range_without_a_cut_is_refused():
    with workprec(PREC + 20), pytest.raises(ValueError, match="tail cut"):
        tanh_sinh(lambda x: x, [mp.ninf, mp.mpf(0), mp.inf], PREC)


def test_a_non_finite_integrand_is_an_error_not_a_value():
    with workprec(PREC + 20), pytest.raises(FloatingPointError):
        tanh_sinh(lambda x: (x - x).log(), [mp.mpf(0), mp.mpf(1)], PREC)


# --- the families in balls agree with the mpmath families -----------------

_DENSITIES = sorted({*_DATA, *_NOISE} | {Pushforward(n, g) for n in _NOISE for g in _GENERATORS}, key=repr)
_POINTS = st.fractions(min_value=-12, max_value=12, max_denominator=97)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(_DENSITIES), _POINTS)
def test_density_kernels_agree_with_the_mpmath_densities(d, q):
    with workprec(PREC), mp.workprec(PREC):
        lo, hi = d.support()
        x = mp.mpf(q.numerator) / q.denominator
        if not lo < x < hi:  # into the support: next to a mean or mode inside it
            inner = [p for p in d.split_points() if lo < p < hi]
            x = inner[0] + (x - int(x)) ** 2 * mp.mpf("0.01") * (1 if inner[0] + mp.mpf("0.01") < hi else -1)
        k = density_kernel(d, PREC)
        assert _close(k.pdf(from_mpf(x)), d.pdf(x))
        assert _close(k.log_pdf(from_mpf(x)), d.log_pdf(x))


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(_GENERATORS), st.sampled_from(_DISCRIMINATORS), st.sampled_from(_CRITICS), _POINTS)
def test_generator_discriminator_and_critic_kernels_agree_with_mpmath(g, disc, critic, q):
    with workprec(PREC), mp.workprec(PREC):
        x = mp.mpf(q.numerator) / q.denominator
        b = from_mpf(x)
        gk = generator_kernel(g, PREC)
        assert _close(gk.forward(b), g.forward(x))
        assert _close(gk.inverse(b), g.inverse(x))
        assert _close(gk.inverse_derivative(b), g.inverse_derivative(x))
        assert _close(gk.log_inverse_derivative(b), g.log_inverse_derivative(x))
        dk = discriminator_kernel(disc, PREC)
        assert _close(dk.value(b), disc.value(x))
        assert _close(dk.one_minus(b), disc.one_minus(x))
        assert _close(dk.log_value(b), disc.log_value(x))
        assert _close(dk.log_one_minus(b), disc.log_one_minus(x))
        assert _close(critic_kernel(critic, PREC)(b), critic.value(x))


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(_GENERATORS), st.sampled_from(("0.3", "-0.45")), _POINTS,
       st.fractions(min_value=-2, max_value=2, max_denominator=17))
def test_family_kernels_agree_with_the_mpmath_family(g, kappa, q, t):
    fam = ParametricPushforward(Pushforward(_NOISE[0], g), kappa)
    with workprec(PREC), mp.workprec(PREC):
        x, theta = mp.mpf(q.numerator) / q.denominator, mp.mpf(t.numerator) / t.denominator
        k = family_kernel(fam, PREC)
        assert _close(k.forward(from_mpf(x), from_mpf(theta)), fam.forward(x, theta))
        assert _close(k.pdf(from_mpf(x), from_mpf(theta)), fam.pdf(x, theta))
        assert _close(k.log_pdf(from_mpf(x), from_mpf(theta)), fam.log_pdf(x, theta))


# --- the ball path against the mpmath path, row by row ------------------------


def _rows(name: str) -> tuple[object, list[sp.Expr]]:
    deriv = derivation(name)
    rows: list[sp.Expr] = []
    for chain in deriv.chains:
        for row in (chain.start, *(s.rhs for s in chain.steps)):
            if row not in rows:
                rows.append(row)
    return deriv.context, rows


@pytest.mark.parametrize("name", ["c_of_g", "optimal_discriminator", "f_gan", "arjovsky_bottou"])
def test_the_ball_path_agrees_with_the_mpmath_path_on_every_row(monkeypatch, name):
    ctx, rows = _rows(name)
    inst = instances_for(ctx, frozenset(s for r in rows for s in r.free_symbols if isinstance(s, sp.Symbol)
                                        and s.name not in {"x", "z"}), 1)[0]
    values = {}
    for backend in ("arb", "mpmath"):
        monkeypatch.setenv("GANPROOF_BACKEND", backend)
        values[backend] = [combine(lo, hi) for lo, hi in zip(evaluate_rows(ctx, rows, inst, 21),
                                                             evaluate_rows(ctx, rows, inst, 30))]
    monkeypatch.setenv("GANPROOF_BACKEND", "arb")
    paths = [raw.path for raw in evaluate_rows(ctx, rows, inst, 21)]
    # only derivatives of second order are left to mpmath (the ball path takes first derivatives)
    second = [any(n > 1 for d in r.atoms(sp.Derivative) for _, n in d.variable_count) for r in rows]
    assert paths == ["mpmath" if s else "arb" for s in second], list(zip(rows, paths))
    for row, fast, slow in zip(rows, values["arb"], values["mpmath"]):
        assert fast.ok and slow.ok, (row, fast.reason, slow.reason)
        digits = min(fast.digits, slow.digits, 20)
        assert digits >= 15, (row, fast.digits, slow.digits)
        assert abs(fast.value - slow.value) <= mp.mpf(10) ** (-digits + 1) * max(1, abs(slow.value)), row


def test_a_row_the_ball_path_cannot_finish_is_computed_by_mpmath():
    # log of a quantity that is 0 exactly: the ball holds 0, the ball path refuses, mpmath decides
    ctx, rows = _rows("c_of_g")
    inst = instances_for(ctx, frozenset(), 1)[0]
    p = sp.Function("p_data")
    x = sp.Symbol("x", real=True)
    row = sp.Integral(p(x) * sp.log(p(x) - p(x) + sp.Rational(0)), (x, -sp.oo, sp.oo))
    (raw,) = evaluate_rows(ctx, [row], inst, 20)
    assert raw.path == "mpmath"
    assert raw.value is None and raw.reason


def test_prepare_is_shared_by_both_paths():
    # both paths evaluate the same prepared expression: the ball path adds no rewriting of its own
    ctx, rows = _rows("gibbs")
    assert all(prepare(r, ctx) == prepare(r, ctx) for r in rows)
    assert evaluate.backend() in evaluate.BACKENDS


# --- dual numbers: exact pointwise derivatives ----------------------------------

from ganproof.numeric.duals import Dual, derivative_of  # noqa: E402

_CLOSED_FORMS = [
    # (f on duals or balls, f' as an mpmath function)
    (lambda t: t * t * t - 2 * t, lambda x: 3 * x ** 2 - 2),
    (lambda t: (3 * t).exp() / (1 + t * t), lambda x: mp.diff(lambda u: mp.exp(3 * u) / (1 + u * u), x)),
    (lambda t: (t * t + 1).log() + (t * t).log1p(), lambda x: 4 * x / (1 + x * x)),
    (lambda t: t.asinh() * t.sinh(), lambda x: mp.sinh(x) / mp.sqrt(1 + x * x) + mp.asinh(x) * mp.cosh(x)),
    (lambda t: t.tanh() - (2 + t * t).sqrt(), lambda x: 1 - mp.tanh(x) ** 2 - x / mp.sqrt(2 + x * x)),
    (lambda t: (t * t + 1) ** arb("0.3") + 2 ** t - 1 / t,
     lambda x: mp.mpf(6) / 10 * x * (x * x + 1) ** (-mp.mpf(7) / 10) + mp.log(2) * 2 ** x + 1 / x ** 2),
]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(range(len(_CLOSED_FORMS))), st.fractions(min_value="0.1", max_value=3, max_denominator=31))
def test_dual_numbers_give_the_exact_derivative_of_closed_forms(k, q):
    f, df = _CLOSED_FORMS[k]
    with workprec(PREC), mp.workprec(PREC):
        x = mp.mpf(q.numerator) / q.denominator
        value = f(Dual(from_mpf(x), arb(1)))
        exact = df(x)
        assert _close(derivative_of(value), exact, PREC - 40 if k == 1 else PREC)


def test_dual_numbers_through_a_density_kernel():
    # d/dx of the N(m, s^2) density is -(x - m)/s^2 times the density
    g = Gaussian("0.3", "1.1")
    with workprec(PREC), mp.workprec(PREC):
        x = mp.mpf("0.7")
        k = density_kernel(g, PREC)
        slope = derivative_of(k.pdf(Dual(from_mpf(x), arb(1))))
        m, s = mp.mpf(g.mean), mp.mpf(g.std)
        assert _close(slope, -(x - m) / s ** 2 * g.pdf(x))


def test_a_body_that_does_not_depend_on_the_variable_has_derivative_zero():
    assert derivative_of(arb(3)) == 0


def test_a_derivative_of_an_integral_is_a_difference_quotient_of_quadratures_in_one_pass():
    # d/dtheta int_0^1 e^(theta x) dx at theta = 7/10 is (theta e^theta - e^theta + 1)/theta^2
    from ganproof.library.common import GAN_CONTEXT
    from ganproof.numeric.instances import Instance

    theta, t0, x = sp.Symbol("theta", real=True), sp.Symbol("t0", real=True), sp.Symbol("x", real=True)
    row = sp.Subs(sp.Derivative(sp.Integral(sp.exp(theta * x), (x, 0, 1)), theta), theta, t0)
    inst = Instance("t", (), (), (), values=(("t0", "0.7"),))
    (raw,) = evaluate_rows(GAN_CONTEXT, [row], inst, 40)
    assert raw.path == "arb" and raw.value is not None
    with mp.workdps(40):
        th = mp.mpf(7) / 10
        exact = (th * mp.exp(th) - mp.exp(th) + 1) / th ** 2
        assert abs(raw.value - exact) < mp.mpf(10) ** -35
        assert raw.error < mp.mpf(10) ** -30  # the quotient's own error estimate, not a scaled one


def test_pairs_compute_both_points_and_order_holds_of_both():
    from ganproof.numeric.duals import Pair, pair_quotient

    with workprec(PREC):
        p = Pair(arb(2), arb(3))
        q = (2 * p + 1).log() * p
        assert _close(q.a, mp.log(5) * 2) and _close(q.b, mp.log(7) * 3)
        assert p > 1 and not (p > 2) and arb(0) < p
        assert pair_quotient(Pair(arb(5), arb(3)), 4) == 16  # (5 - 3) / (2 * 2^-4)
        assert pair_quotient(arb(5), 4) == 0


# --- flat integrands (codegen) -------------------------------------------------

import re  # noqa: E402

from ganproof.numeric.codegen import generate  # noqa: E402
from ganproof.numeric.compile_ball import HELPERS, BallCompiler  # noqa: E402


def _integrands(name: str) -> tuple[object, list[sp.Expr]]:
    ctx, rows = _rows(name)
    out: list[sp.Expr] = []
    for r in rows:
        try:
            prepared = prepare(r, ctx)
        except Exception:  # noqa: BLE001 - a row with no integral form
            continue
        out.extend(i.function for i in prepared.atoms(sp.Integral) if i.function not in out)
    return ctx, out


@pytest.mark.parametrize("name", ["c_of_g", "value_function", "f_gan", "non_saturating"])
def test_flat_integrands_agree_with_the_closures_at_every_point(name):
    ctx, bodies = _integrands(name)
    inst = instances_for(ctx, frozenset(), 1)[0]
    with mp.workprec(PREC):
        compiler = BallCompiler(inst, PREC)
        with workprec(PREC + 20):
            for body in bodies:
                (var,) = [s for s in body.free_symbols if s.name.startswith("_u")] or [None]
                if var is None:
                    continue
                flat, tree = generate(compiler, body, HELPERS), compiler.compile(body)
                for q in ("-2.5", "-0.3", "0.8", "3.1"):
                    env = {compiler.slot(var): arb(q)}
                    a, b = flat(env), tree(env)
                    assert _close(a, to_mpf(b)), (body, q)


def test_no_text_of_the_input_reaches_the_generated_source():
    # names of densities, symbols and numbers stay in the namespace: the source holds only
    # k0, k1, ... (leaves), t0, t1, ... (temporaries), env, the helpers and method-free operators
    ctx, bodies = _integrands("c_of_g")
    inst = instances_for(ctx, frozenset(), 1)[0]
    with mp.workprec(PREC), workprec(PREC + 20):
        compiler = BallCompiler(inst, PREC)
        for body in bodies:
            source = generate(compiler, body, HELPERS).source
            words = set(re.findall(r"[A-Za-z_][A-Za-z_0-9]*", source))
            allowed = {"def", "integrand", "env", "return", "get", *HELPERS}
            assert all(w in allowed or re.fullmatch(r"[kt]\d+", w) for w in words), words
            assert not re.search(r"\d\.\d", source)  # no number literal: numbers are leaves
