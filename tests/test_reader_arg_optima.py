"""arg min / arg max chains (\\theta^* = \\argmin_\\theta ... = \\argmin_\\theta ...), as maximum-likelihood and
f-GAN derivations write them: a step holds when the expressions agree, or differ only by terms free of the
parameter (numbers, constants, the data's densities); it is never refuted (a positive factor or an increasing
map keeps a minimiser), and never accepted on a term whose dependence the names do not show."""

from __future__ import annotations

import pytest

from ganproof.reader.check import check_document
from ganproof.reader.document import read_text

ARGMIN = r"\underset{\theta}{\mathrm{argmin}}\ "
ARGMAX = r"\underset{\theta}{\mathrm{argmax}}\ "
KL_ROW = r"\mathbb{E}_{x \sim P} \left[ \log p(x) - \log q_{\theta}(x) \right]"


def chain(*rows: str) -> str:
    body = " \\\\\n".join(("\\theta^{*} &= " if i == 0 else "&= ") + r for i, r in enumerate(rows))
    return "$$\n\\begin{align*}\n" + body + "\n\\end{align*}\n$$\n"


def steps(text: str) -> list[tuple[str, str]]:
    return [(s.verdict.value, s.reason) for s in check_document(read_text(text)).steps]


def test_the_maximum_likelihood_chain_is_proved_on_a_finite_alphabet() -> None:
    text = "%! density p, q_\\theta on {0, 1, 2}\n" + chain(
        ARGMIN + r"\mathbb{E}_{x \sim p} \left[ \log p(x) - \log q_{\theta}(x) \right]",
        ARGMIN + r"\mathbb{E}_{x \sim p} [ \log p(x) ] - \mathbb{E}_{x \sim p} [ \log q_{\theta}(x) ]",
        ARGMIN + r"- \mathbb{E}_{x \sim p} [ \log q_{\theta}(x) ]",
        ARGMAX + r"\mathbb{E}_{x \sim p} [ \log q_{\theta}(x) ]")
    got = steps(text)
    assert [v for v, _ in got] == ["proved", "proved", "proved"]
    assert "do not depend on \\theta, so they do not move the minimiser" in got[1][1]
    assert got[2][1].startswith("an arg max is the arg min of the negated expression")


def test_the_maximum_likelihood_chain_on_the_line_leaves_the_entropy_drop_undecided() -> None:
    """On R, E_P[log p] is +inf or -inf for some densities: there every theta minimises the one side."""
    text = chain(ARGMIN + KL_ROW,
                 ARGMIN + r"\mathbb{E}_{x \sim P} [ \log p(x) ] - \mathbb{E}_{x \sim P} [ \log q_{\theta}(x) ]",
                 ARGMIN + r"- \mathbb{E}_{x \sim P} [ \log q_{\theta}(x) ]",
                 ARGMAX + r"\mathbb{E}_{x \sim P} [ \log q_{\theta}(x) ]")
    got = steps(text)
    assert [v for v, _ in got] == ["proved", "unknown", "proved"]
    assert "may be +inf or -inf" in got[1][1] and "logarithm of a density" in got[1][1]


def test_the_minimiser_is_named_and_left_undefined() -> None:
    doc = read_text(chain(ARGMIN + KL_ROW, ARGMIN + KL_ROW))
    assert any("\\theta^{*} = \\argmin_{\\theta} ... names the minimiser" in m.message for m in doc.assumptions)
    assert not doc.definitions


@pytest.mark.parametrize("rhs, why", [
    # a term without theta in its names that may still move with it: the generator's law
    (r"- \mathbb{E}_{x \sim P} [ \log q_{\theta}(x) ] + \mathbb{E}_{x \sim p_g} [ \log p_g(x) ]", "p_g, which may depend"),
    # the discriminator
    (r"- \mathbb{E}_{x \sim P} [ \log q_{\theta}(x) ] + \mathbb{E}_{x \sim P} [ D(x) ]", "holds D, which may depend"),
    # a side that does not mention the parameter
    (r"\mathbb{E}_{x \sim P} [ \log p(x) ]", "does not mention \\theta at all"),
    # the sign lost: the parts that move differ, which is no refutation of a minimiser either
    (r"\mathbb{E}_{x \sim P} [ \log q_{\theta}(x) ]", "may still agree"),
    # a positive factor keeps the minimiser: not refuted, not proved
    (r"2 \mathbb{E}_{x \sim P} [ \log p(x) - \log q_{\theta}(x) ]", "may still agree"),
])
def test_regression_an_arg_min_step_is_never_decided_on_what_the_names_do_not_show(rhs: str, why: str) -> None:
    ((verdict, reason),) = steps(chain(ARGMIN + KL_ROW, ARGMIN + rhs))
    assert verdict == "unknown" and why in reason, reason


def test_an_arg_min_over_the_generator_is_not_judged() -> None:
    text = chain(r"\underset{G}{\mathrm{argmin}}\ " + KL_ROW, r"\underset{G}{\mathrm{argmin}}\ " + KL_ROW)
    ((verdict, reason),) = steps(text)
    assert verdict == "unknown" and "only over one parameter" in reason


def test_an_arg_min_compared_by_an_inequality_is_not_judged() -> None:
    text = "$$ " + ARGMIN + KL_ROW + r" \le " + ARGMIN + KL_ROW + " $$\n"
    ((verdict, reason),) = steps(text)
    assert verdict == "unknown" and "checked only as an equality" in reason


def test_arg_min_beside_a_max_is_not_an_arg_min_step() -> None:
    text = chain(ARGMIN + KL_ROW, r"\max_{\theta} " + KL_ROW)
    ((verdict, reason),) = steps(text)
    assert verdict == "unknown" and "different \\max/\\min in front" in reason
