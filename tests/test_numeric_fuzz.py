"""Property-based fuzzing of the numeric layer: any expression of the vocabulary evaluates to a value
with its trusted digits, or to a reason it could not (never an exception, never NaN or inf as a value)."""

from __future__ import annotations

import mpmath as mp
import sympy as sp
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from ganproof.library.common import GAN_CONTEXT, D, integral, p_data, p_G
from ganproof.numeric.evaluate import Evaluation, Evaluator
from ganproof.numeric.instances import instances_for
from ganproof.vocabulary import JSD, KL, Expectation, X

x = X
ATOMS = [p_data(x), p_G(x), D(x), 1 - D(x), sp.log(D(x)), sp.log(1 - D(x)), sp.log(p_data(x)), sp.log(p_G(x)),
         sp.Integer(2), sp.Rational(1, 2), sp.log(2), x, x**2, sp.exp(-x**2), -sp.Integer(3)]

body = st.recursive(
    st.sampled_from(ATOMS),
    lambda inner: st.one_of(
        st.builds(lambda a, b: a + b, inner, inner),
        st.builds(lambda a, b: a * b, inner, inner),
        st.builds(lambda a, b: a / b, inner, inner),
        st.builds(lambda a: sp.log(a), inner),
    ),
    max_leaves=5,
)

expression = st.one_of(
    st.builds(lambda f: integral(p_data(x) * f), body),
    st.builds(lambda f: Expectation(f, x, p_G(x)), body),
    st.builds(lambda f: integral(f), body),
    st.just(KL(p_data(x), p_G(x), x)),
    st.just(JSD(p_G(x), p_data(x), x)),
    st.builds(lambda f, g: integral(p_data(x) * f) - Expectation(g, x, p_G(x)), body, body),
)

INSTANCES = instances_for(GAN_CONTEXT, frozenset(), 3)


REGRESSION_SINGULAR = integral(p_data(x) * p_data(x)) - Expectation(p_data(x) / (p_G(x) + sp.log(p_G(x))), x, p_G(x))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(expression, st.sampled_from(INSTANCES))
@example(REGRESSION_SINGULAR, INSTANCES[2])
def test_any_expression_evaluates_or_says_why(expr, inst):
    ev = Evaluator(GAN_CONTEXT, jobs=1)
    result = ev.evaluate(expr, inst, 15)
    assert isinstance(result, Evaluation)
    if result.ok:
        assert mp.isfinite(result.value) and result.digits >= 1
    else:
        assert result.reason
