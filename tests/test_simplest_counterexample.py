"""Counterexamples a person can follow: a refuted step of a file is shown on a simple instance.

A simple instance draws every name from the simplest family of its role (a single Gaussian, a linear
generator, an affine sigmoid) with one-place parameters (ganproof.numeric.families.SimpleDrawer); a
file's refuted step is shown on the first of them that refutes it too, else on the drawn instance
that refuted it (ganproof.chain.numeric_check.NumericChecker.simplest).  GANPROOF_SIMPLEST=0 keeps
the drawn instance.  The values shown are checked against closed forms and plain-mpmath quadrature
of the reported parameters, independent of the checker.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

import jsonschema
import mpmath
import pytest
import sympy as sp

from ganproof import check_text
from ganproof.chain.numeric_check import SIMPLE_TRIES, NumericChecker
from ganproof.chain.verdict import Counterexample, StepResult
from ganproof.numeric.families import (
    SIMPLEST_FAMILIES,
    Categorical,
    Gaussian,
    GaussianMixture,
    LinearGenerator,
    Pushforward,
    SigmoidDiscriminator,
    SimpleDrawer,
    registered,
)
from ganproof.numeric.instances import instance_at, seed
from ganproof.schema import schema
from ganproof.vocabulary.context import Context
from ganproof.vocabulary.names import Density, Discriminator, Generator, Support

ROOT = Path(__file__).resolve().parents[1]
ROUND = re.compile(r"^-?\d+(\.\d)?$")
"""A round parameter: an integer or a decimal with one place."""

ENTROPY = "$$\n\\int p(x) \\log p(x) \\, dx = -\\int p(x) \\log p(x) \\, dx\n$$\n"
"""Wrong by its sign: the left side is -H(p), the right side H(p)."""
GAN = ("$$\n\\int p(x) \\log D(x) \\, dx + \\int q(x) \\log(1 - D(x)) \\, dx "
       "= \\int p(x) \\log D(x) \\, dx - \\int q(x) \\log(1 - D(x)) \\, dx\n$$\n")
"""Wrong: the right side flips the sign of the second term (two densities and a discriminator)."""
AFFINE_ONLY = ("%! pushforward p_G = G(z), z \\sim p_z\n"
               "$$\n\\int p_z(z) G(z) \\, dz = G\\left(\\int z \\, p_z(z) \\, dz\\right)\n$$\n")
"""Wrong in general, true for every affine generator: no simple instance (linear G) refutes it."""
TRUE = ("$$\n\\int p(x) \\log D(x) \\, dx + \\int q(x) \\log(1 - D(x)) \\, dx "
        "= \\int \\left( p(x) \\log D(x) + q(x) \\log(1 - D(x)) \\right) dx\n$$\n")


def only_step(text: str, monkeypatch: pytest.MonkeyPatch, simplest: str = "1") -> StepResult:
    monkeypatch.setenv("GANPROOF_SIMPLEST", simplest)
    (step,) = check_text(text).steps
    return step


def refuted(text: str, monkeypatch: pytest.MonkeyPatch, simplest: str = "1") -> tuple[StepResult, Counterexample]:
    step = only_step(text, monkeypatch, simplest)
    assert step.verdict.value == "refuted" and step.counterexample is not None, step.reason
    return step, step.counterexample


def numbers(params: Any) -> list[str]:
    """Every number of a parameters object (nested families and lists included)."""
    if isinstance(params, dict):
        return [n for k, v in params.items() if k != "family" for n in numbers(v)]
    if isinstance(params, list):
        return [n for v in params for n in numbers(v)]
    return [] if params is None or isinstance(params, bool) else [str(params)]


def by_name(cex: Counterexample) -> dict[str, dict[str, Any]]:
    return {o["name"]: o for o in cex.objects}


def test_a_wrong_step_of_a_file_is_refuted_on_a_simple_instance_with_round_parameters(monkeypatch):
    step, cex = refuted(ENTROPY, monkeypatch)
    assert cex.label == "simple instance 1"
    assert step.reason.startswith("the two sides differ on simple instance 1")
    (p,) = cex.objects
    assert p["name"] == "p" and p["family"] == "Gaussian" and p["description"] == cex.instance["p"]
    assert all(ROUND.match(n) for n in numbers(p["parameters"])), p
    # closed form: -H(N(m, s^2)) on the left, H on the right, H = log(s sqrt(2 pi e))
    s = mpmath.mpf(Fraction(p["parameters"]["std"]).numerator) / Fraction(p["parameters"]["std"]).denominator
    entropy = mpmath.log(s * mpmath.sqrt(2 * mpmath.pi * mpmath.e))
    assert mpmath.mpf(cex.lhs) == pytest.approx(-entropy, rel=1e-13)
    assert mpmath.mpf(cex.rhs) == pytest.approx(entropy, rel=1e-13)
    assert cex.slip_code == "opposite-sign"


def gaussian_pdf(params: dict[str, str]) -> Any:
    m, s = mpmath.mpf(params["mean"]), mpmath.mpf(params["std"])
    return lambda x: mpmath.exp(-(x - m) ** 2 / (2 * s * s)) / (s * mpmath.sqrt(2 * mpmath.pi))


def test_every_name_of_a_gan_step_is_simple_and_the_values_are_those_of_its_parameters(monkeypatch):
    _, cex = refuted(GAN, monkeypatch)
    assert cex.label is not None and cex.label.startswith("simple instance ")
    objs = by_name(cex)
    assert set(objs) == {"p", "q", "D"}
    assert objs["p"]["family"] == objs["q"]["family"] == "Gaussian"
    assert objs["D"]["family"] == "SigmoidDiscriminator" and objs["D"]["role"] == "discriminator"
    for o in objs.values():
        assert all(ROUND.match(n) for n in numbers(o["parameters"])), o
    # plain mpmath quadrature of the reported objects, independent of the checker's evaluator
    p, q = gaussian_pdf(objs["p"]["parameters"]), gaussian_pdf(objs["q"]["parameters"])
    a, b = mpmath.mpf(objs["D"]["parameters"]["slope"]), mpmath.mpf(objs["D"]["parameters"]["offset"])

    def log_d(x: Any) -> Any:
        return -mpmath.log1p(mpmath.exp(-(a * x + b)))

    def log_1md(x: Any) -> Any:
        return -mpmath.log1p(mpmath.exp(a * x + b))

    with mpmath.workdps(30):
        first = mpmath.quad(lambda x: p(x) * log_d(x), [-mpmath.inf, 0, mpmath.inf])
        second = mpmath.quad(lambda x: q(x) * log_1md(x), [-mpmath.inf, 0, mpmath.inf])
    assert mpmath.mpf(cex.lhs) == pytest.approx(first + second, rel=1e-12)
    assert mpmath.mpf(cex.rhs) == pytest.approx(first - second, rel=1e-12)


def test_with_the_switch_off_the_drawn_instance_is_kept(monkeypatch):
    step, cex = refuted(GAN, monkeypatch, simplest="0")
    assert cex.label is not None and re.fullmatch(r"instance \d+", cex.label)
    assert "simple instance" not in step.reason and f"on {cex.label}" in step.reason
    # the drawn instance: four-place parameters, a bent discriminator
    objs = by_name(cex)
    assert objs["D"]["family"] != "SigmoidDiscriminator"
    assert not all(ROUND.match(n) for o in objs.values() for n in numbers(o["parameters"]))
    _, simple = refuted(GAN, monkeypatch, simplest="1")
    assert simple.objects != cex.objects and simple.lhs != cex.lhs


def test_the_json_counterexample_is_the_simple_instance_and_meets_the_schema(tmp_path, monkeypatch):
    (tmp_path / "gan.tex").write_text(GAN)
    env = dict(os.environ, GANPROOF_JOBS="1", GANPROOF_SIMPLEST="1", GANPROOF_VALIDATE_JSON="1",
               PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "ganproof", "check", "gan.tex", "--json"], capture_output=True,
                          text=True, cwd=tmp_path, env=env, timeout=600)
    assert done.returncode == 1, done.stderr  # a mistake, and a document that meets the schema (else 3)
    data = json.loads(done.stdout)
    jsonschema.Draft202012Validator(schema()).validate(data)
    (step,) = data["steps"]
    shown = step["counterexample"]
    _, cex = refuted(GAN, monkeypatch)
    assert shown["label"] == cex.label and shown["label"].startswith("simple instance ")
    assert shown["instance"] == json.loads(json.dumps(list(cex.objects)))
    assert (shown["lhs"], shown["rhs"]) == (cex.lhs, cex.rhs)
    assert f"on {cex.label}" in step["reason"]
    # the instance rebuilt from the JSON is the simple instance the checker used
    ctx, inst = cex.sides[2], cex.sides[3]  # type: ignore[index]
    number = int(shown["label"].rsplit(" ", 1)[1])
    assert inst == instance_at(ctx, inst_free(inst), number - 1, seed(), True)
    objs = {o["name"]: o for o in shown["instance"]}
    assert Gaussian(**objs["p"]["parameters"]).description == objs["p"]["description"]
    assert SigmoidDiscriminator(**objs["D"]["parameters"]).description.partition(" = ")[2] \
        == objs["D"]["description"].partition(" = ")[2]


def inst_free(inst: Any) -> frozenset[sp.Symbol]:
    return frozenset(sp.Symbol(n) for n, _ in inst.values)


def test_a_step_refuted_only_off_the_simple_families_keeps_its_drawn_instance(monkeypatch):
    step, cex = refuted(AFFINE_ONLY, monkeypatch)
    # every simple instance has a linear generator, on which the step holds: none replaces the refutation
    assert cex.label is not None and not cex.label.startswith("simple")
    assert "simple instance" not in step.reason
    assert by_name(cex)["G"]["family"] != "LinearGenerator"


def test_a_true_step_is_not_refuted_with_the_switch_on(monkeypatch):
    step = only_step(TRUE, monkeypatch)
    assert step.verdict.value in ("proved", "confirmed"), step.reason
    assert step.counterexample is None


def test_simplest_never_reports_a_counterexample_for_a_true_step():
    """Asked about a true identity (as if refuted), the simple instances find nothing: the search only
    reports a difference certified beyond its error bound."""
    x = sp.Symbol("x", real=True)
    p, q = sp.Function("p"), sp.Function("q")
    ctx = Context(densities=(Density("p"), Density("q")))
    lhs = sp.Integral(p(x) * sp.log(p(x) / q(x)), (x, -sp.oo, sp.oo))
    rhs = sp.Integral(p(x) * sp.log(p(x)), (x, -sp.oo, sp.oo)) - sp.Integral(p(x) * sp.log(q(x)), (x, -sp.oo, sp.oo))
    numeric = NumericChecker(30, 3, jobs=1)
    inst = numeric.instances(ctx, [lhs, rhs])[0]
    fake = Counterexample(instance={}, lhs="0", rhs="1", label=inst.label, sides=(lhs, rhs, ctx, inst))
    assert numeric.simplest(fake, "=") is None
    # and the same search finds the simple counterexample of the wrong one
    found = numeric.simplest(Counterexample(instance={}, lhs="0", rhs="1", sides=(lhs, -rhs, ctx, inst)), "=")
    assert found is not None and found[1] == "the two sides differ on simple instance 1"


def test_a_counterexample_about_samples_of_no_declared_law_is_left_as_drawn(monkeypatch):
    text = (r"""\begin{align*}
\mathbb{E}_{x \sim p_r}[\log D(x)] + \mathbb{E}_{x \sim p_g}[\log(1 - D(x))]
  &= \lim_{m \to \infty} \frac{1}{m} \sum_{i=1}^{m} \left[\log D(x^{(i)}) + \log(1 - D(x^{(i)}))\right]
\end{align*}
""")
    step, cex = refuted(text, monkeypatch)
    assert any(o["role"] == "samples" for o in cex.objects)
    assert "simple instance" not in step.reason and not (cex.label or "").startswith("simple")


# --- the drawer itself --------------------------------------------------------------------------------


def test_the_simple_drawer_draws_one_place_decimals_in_the_ordinary_ranges():
    r = SimpleDrawer("test", 1)
    for _ in range(200):
        v = r.decimal("0.15", "0.6")
        assert ROUND.match(v) and Fraction("0.15") <= Fraction(v) <= Fraction("0.6")
        w = r.signed("0.5", "2")
        assert ROUND.match(w) and Fraction("0.5") <= abs(Fraction(w)) <= 2
    # no one-place decimal in the range: two places, still inside it
    assert Fraction("0.11") <= Fraction(r.decimal("0.11", "0.19")) <= Fraction("0.19")
    assert SimpleDrawer("k", 2).decimal("-1", "1") == SimpleDrawer("k", 2).decimal("-1", "1")  # seeded


def test_the_simple_drawer_takes_the_simplest_family_of_every_role_and_support():
    r = SimpleDrawer("test", 2)
    assert r.family(registered("data", "line")).family is Gaussian
    assert r.family(registered("noise", "line")).family is Gaussian
    assert r.family(registered("generator")).family is LinearGenerator
    assert r.family(registered("discriminator")).family is SigmoidDiscriminator
    for role, kind in (("data", "interval"), ("data", "above"), ("data", "alphabet"), ("critic", None)):
        assert r.family(registered(role, kind)).family in SIMPLEST_FAMILIES
    assert GaussianMixture not in SIMPLEST_FAMILIES


def test_simple_masses_on_an_alphabet_are_one_place_and_sum_to_one():
    for k in (1, 2, 4, 10):
        masses = SimpleDrawer("masses", k).masses(k)
        assert len(masses) == k and all(ROUND.match(m) for m in masses) and sum(map(Fraction, masses)) == 1
        Categorical(masses)  # a valid law: every mass positive
    assert len(SimpleDrawer("masses", 30).masses(30)) == 30  # too many points for one place: the ordinary ones


def test_a_simple_instance_is_simple_for_every_role_and_reproducible():
    ctx = Context(densities=(Density("p"), Density("u", Support(sp.Integer(0), sp.Integer(1)))),
                  discriminators=(Discriminator("D"),), generators=(Generator("G"),))
    c = sp.Symbol("c")
    for k in range(SIMPLE_TRIES):
        inst = instance_at(ctx, frozenset({c}), k, seed(), True)
        assert inst.label == f"simple instance {k + 1}"
        assert instance_at(ctx, frozenset({c}), k, seed(), simple=True) == inst
        fams = {o["name"]: o["family"] for o in inst.data()}
        # the generator is decreasing on every other instance (a linear one, reflected)
        g = "LinearGenerator" if k % 2 == 0 else "ReflectedGenerator"
        assert fams == {"p": "Gaussian", "u": "Beta", "D": "SigmoidDiscriminator", "G": g, "c": "number"}
        for o in inst.data():
            assert all(ROUND.match(n) for n in numbers(o["parameters"])), o
    assert instance_at(ctx, frozenset({c}), 0, seed()).label == "instance 1"  # the drawn ones are unchanged


def test_a_gaussian_through_a_linear_generator_is_named_as_the_gaussian_it_is():
    push = Pushforward(Gaussian("-1.5", "0.9"), LinearGenerator("-0.6", "0.7"))
    assert push.description == "law of G(z) = -0.6 + 0.7 z, z ~ N(-1.5, 0.9^2), that is N(-1.65, 0.63^2)"
    with mpmath.workdps(30):
        same = Gaussian("-1.65", "0.63")
        for x in ("-3", "-1.65", "0.2"):
            assert push.pdf(mpmath.mpf(x)) == pytest.approx(same.pdf(mpmath.mpf(x)), rel=1e-25)


def test_the_lecture_kl_plus_kl_step_is_shown_on_two_gaussians(monkeypatch):
    """Line 36 of the lecture as written ("KL + KL = JSD", where it is 2 JSD): on the simple instance
    p_data and p_G are two Gaussians, and the two sides are -log 4 + 2 JSD and -log 4 + JSD of them."""
    monkeypatch.setenv("GANPROOF_SIMPLEST", "1")
    from ganproof import check_file

    report = check_file(ROOT / "tests" / "examples" / "lecture_as_written.tex")
    (step,) = [s for s in report.steps if s.line == 36]
    cex = step.counterexample
    assert step.verdict.value == "refuted" and cex is not None and cex.label == "simple instance 1"
    objs = by_name(cex)
    data, push = objs["p_data"], objs["p_G"]
    assert data["family"] == "Gaussian" and push["family"] == "Pushforward"
    base, gen = push["parameters"]["base"], push["parameters"]["generator"]
    assert base["family"] == "Gaussian" and gen["family"] == "LinearGenerator"
    for o in objs.values():
        assert all(ROUND.match(n) for n in numbers(o["parameters"])), o
    # the law of shift + scale z, z ~ N(m, s^2), is N(shift + scale m, (scale s)^2)
    shift, scale = mpmath.mpf(gen["shift"]), mpmath.mpf(gen["scale"])
    law = {"mean": shift + scale * mpmath.mpf(base["mean"]), "std": scale * mpmath.mpf(base["std"])}
    assert push["description"].endswith(f"that is N({mpmath.nstr(law['mean'], 6)}, "
                                        f"{mpmath.nstr(law['std'], 6)}^2)")
    p, q = gaussian_pdf(data["parameters"]), gaussian_pdf(law)  # type: ignore[arg-type]

    def m(x: Any) -> Any:
        return (p(x) + q(x)) / 2

    with mpmath.workdps(30):
        cuts = [-mpmath.inf, law["mean"], mpmath.mpf(data["parameters"]["mean"]), mpmath.inf]
        jsd = (mpmath.quad(lambda x: p(x) * mpmath.log(p(x) / m(x)), cuts)
               + mpmath.quad(lambda x: q(x) * mpmath.log(q(x) / m(x)), cuts)) / 2
    assert mpmath.mpf(cex.lhs) == pytest.approx(-mpmath.log(4) + 2 * jsd, rel=1e-12)
    assert mpmath.mpf(cex.rhs) == pytest.approx(-mpmath.log(4) + jsd, rel=1e-12)
