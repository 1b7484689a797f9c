"""Writes the adversarial case files and truth.json from the table below.

Each case is written as an attacker would write a derivation file.  A step's
line ends in a marker ``@T`` (true), ``@F`` (false) or ``@U`` (no real value
as written); the marker is stripped from the file and recorded in truth.json
under the 1-based line of the step's right-hand side.  The labels were decided
by hand, as mathematics, independently of the checker; tests/adversarial/oracle.py
re-derives each of them with plain mpmath.

Run ``python tests/adversarial/build_cases.py`` after editing the table.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARKS = {"@T": "true", "@F": "false", "@U": "undefined"}

CLASSES = {
    "C01": "instance pools that wrap (more names than the pools)",
    "C02": "declared supports the numbers ignore",
    "C03": "reversed integral bounds",
    "C04": "divergence rules with non-density arguments",
    "C05": "positivity outside the support",
    "C06": "variable capture in definitions",
    "C07": "sample-mean structure",
    "C08": "identities true only for sigmoid-affine discriminators",
    "C09": "identities true only at fixed constants",
    "C10": "tolerances: huge/tiny magnitudes, cancellation, truncated integrals",
    "C11": "directive scope",
    "C12": "complex-branch logarithms and powers",
    "C13": "crashes: power towers, long sums, deep nesting, overflow",
    "C14": "divergent integrals that symmetric quadrature nodes cancel",
    "C15": "quadrature nodes: narrow peaks, kinks, tail cuts",
    "C16": "agreement beyond the target digits (the screen and dps)",
    "C17": "hypotheses and constraints",
    "C18": "strict inequalities and equality cases",
    "C19": "reader semantics: log scope, dummy variables, recovery",
    "C20": "derivatives and pointwise maximisation",
    "C21": "user macros: scope and meaning (let, providecommand, TeX groups)",
    "C22": "text never typeset as mathematics (iffalse, comment and verbatim, Markdown indented code, image titles, HTML attributes)",
    "C23": "names that alias by LaTeX spelling (a subscript without braces)",
    "C24": "finite alphabets: identities true only on the alphabet sizes drawn",
    "C25": "\\text that typesets mathematics the checker drops as commentary",
    "C26": "hypotheses equating densities declared on different supports",
    "C27": "mass where no quadrature node goes: far-out and narrow bumps beside a constant or a density",
    "C28": "built-in constants and functions given a value by a row (\\pi = 3)",
    "C29": "directives interacting: a support declared twice, a point support, constraints and bounds",
    "C30": "inequalities: Jensen the wrong way, strict against non-strict bounds, chains mixing = and \\le",
    "C31": "a rule named in the file that does not justify the step",
    "C32": "inf - inf: a possibly infinite term that SymPy cancels against itself",
    "C33": "a definition in terms of the name it defines",
    "C34": "0 * inf: a possibly infinite term multiplied by 0, which SymPy builds as 0",
    "C35": "arg min: a dropped term that is infinite, or that moves with the parameter through a hypothesis, a "
           "sample law or a constraint",
    "C36": "chi-square with no declared convention: a step accepted in one reading and not decided in the other",
    "C51": "powers, Euler's e and absolute values: a power on the left read as the definition of its base, e taken "
           "for a parameter, a quadrature across the kink of |u| trusted",
    "C52": "readings added for real text: two spellings side by side, comma lists of equations, a where row below "
           "its formula, D(P || Q), the optimum by its name, a subscripted law under E, nested subscripts, X for x",
    "C53": "a name indexed by theta differentiated in theta, a density given by a formula that is no law, digits "
           "with space between, a sample size the prose fixes, a claim after a word, a capital the prose gives a "
           "value, \\approx to a decimal",
    "C50": "liberal readings: a density letter used as a number, D given a form, where clauses, an integral without "
           "dx, \\forall in front, \\circ, p1, x(1 - x), a bare sum, a name defined in words",
    "C37": "a name defined by an optimum (f^* by a sup, theta^* by an arg min) given a value by a later row, read "
           "as a new definition",
    "C38": "a starred constant (theta^*, t^*) read as the plain letter, or as the bound variable",
    "C39": "a sample x_i of an outer sum, inside an inner sample mean over j, read as a constant x_i",
    "C40": "capture under substitution into a derivative: k(t) = d/dx (x t)^2 applied to x",
    "C41": "an expectation of a function the file leaves any real function (f, T, an f^* defined by a sup) taken to "
           "exist",
    "C42": "a sample mean of labels alone (y^{(i)} of a labelled sample set, no x^{(i)}) read as the label itself",
    "C43": "a cancelled mean of an unbounded function hidden behind another application: f(D(x)), f(G(z)), "
           "f(p(x)), the generator G(z) itself",
    "C44": "identities true only for increasing generators: every drawn G is a strictly increasing bijection of R",
    "C46": "a tiny positive value made by the instance's objects (a saturated discriminator, a far generator "
           "value), not by a written number, added to 1 under a logarithm or a root: the difference evaluated as "
           "one expression rounds it away",
    "C47": "identities true only for the drawn shapes' tails: every drawn D tends to 0 at one end of R and 1 at "
           "the other, every free function f settles to its limits within |x| < 1000",
    "C48": 'a derivative of a function the file leaves any real function taken to exist',
    "C49": "a sequence of equations solved for the unknown with a coefficient that may be 0 (a free constant, a "
           "difference of densities): where it is 0 the previous equation holds for every D and the next does "
           "not follow",
}

AL = "\\begin{align*}\n%s\n\\end{align*}\n"
ARGMIN, ARGMAX = "\\arg\\min_{\\theta} ", "\\arg\\max_{\\theta} "


def blocks(*rows: str) -> str:
    """One align* block per row (each row one step)."""
    return "\n".join(AL % r for r in rows)


CASES: list[tuple[str, str, str, str]] = [
    # ---------------------------------------------------------------- C01
    ("C01", "pool_kl_fifth_density", "five densities on R: the fifth takes the first's object, so KL(p_a||p_e)=0 looks true",
     "%! density p_a, p_b, p_c, p_d, p_e\n" + blocks(
         "\\int p_b(x) dx + \\int p_c(x) dx + \\int p_d(x) dx &= 3 @T",
         "KL(p_a \\| p_e) &= 0 @F",
         "KL(p_a \\| p_a) &= 0 @T")),
    ("C01", "pool_expectation_fifth", "E_{p_a}[log D] = E_{p_e}[log D] when the pool of four densities wraps",
     "%! density p_a, p_b, p_c, p_d, p_e\n" + blocks(
         "\\mathbb{E}_{x \\sim p_a}[\\log D(x)] + \\mathbb{E}_{x \\sim p_b}[D(x)] + \\mathbb{E}_{x \\sim p_c}[D(x)] + \\mathbb{E}_{x \\sim p_d}[D(x)] &= \\mathbb{E}_{x \\sim p_e}[\\log D(x)] + \\mathbb{E}_{x \\sim p_b}[D(x)] + \\mathbb{E}_{x \\sim p_c}[D(x)] + \\mathbb{E}_{x \\sim p_d}[D(x)] @F",
         "\\mathbb{E}_{x \\sim p_a}[\\log D(x)] &= \\int p_a(x) \\log D(x) dx @T")),
    ("C01", "pool_six_densities_mean", "six densities: p_b and p_f collide, so their means look equal",
     "%! density p_a, p_b, p_c, p_d, p_e, p_f\n" + blocks(
         "\\mathbb{E}_{x \\sim p_a}[x] + \\mathbb{E}_{x \\sim p_b}[x] + \\mathbb{E}_{x \\sim p_c}[x] + \\mathbb{E}_{x \\sim p_d}[x] + \\mathbb{E}_{x \\sim p_e}[x] &= \\mathbb{E}_{x \\sim p_a}[x] + \\mathbb{E}_{x \\sim p_f}[x] + \\mathbb{E}_{x \\sim p_c}[x] + \\mathbb{E}_{x \\sim p_d}[x] + \\mathbb{E}_{x \\sim p_e}[x] @F")),
    ("C01", "pool_fifth_discriminator", "five discriminators: D_a and D_e take the same sigmoid",
     blocks(
         "D_a(0.3) + D_b(0.3) + D_c(0.3) + D_d(0.3) &= D_e(0.3) + D_b(0.3) + D_c(0.3) + D_d(0.3) @F",
         "\\int p(x) D_a(x) dx + \\int p(x) D_b(x) dx &= \\int p(x) (D_a(x) + D_b(x)) dx @T")),
    ("C01", "pool_two_noises", "two noise densities get the same object, so E over p_z equals E over p_w",
     "%! pushforward p_G = G_a(z), z \\sim p_z\n%! pushforward p_H = G_b(w), w \\sim p_w\n" + blocks(
         "\\mathbb{E}_{z \\sim p_z}[D(z)] &= \\mathbb{E}_{z \\sim p_w}[D(z)] @F",
         "\\mathbb{E}_{z \\sim p_z}[D(G_a(z))] &= \\mathbb{E}_{x \\sim p_G}[D(x)] @T")),
    ("C01", "pool_sixth_constant", "six constants: the first and the sixth take the same value on every instance",
     blocks(
         "a + b + c + d + e - f &= b + c + d + e @F",
         "(a + b)^2 - f^2 &= a^2 + 2 a b + b^2 - f^2 @T")),
    ("C01", "pool_unit_fifth", "five densities on [0, 1]: the Beta pool wraps",
     "%! density q_a, q_b, q_c, q_d, q_e on [0, 1]\n" + blocks(
         "\\mathbb{E}_{x \\sim q_a}[x] + \\mathbb{E}_{x \\sim q_b}[x] + \\mathbb{E}_{x \\sim q_c}[x] + \\mathbb{E}_{x \\sim q_d}[x] &= \\mathbb{E}_{x \\sim q_e}[x] + \\mathbb{E}_{x \\sim q_b}[x] + \\mathbb{E}_{x \\sim q_c}[x] + \\mathbb{E}_{x \\sim q_d}[x] @F",
         "\\int_0^1 q_c(x) dx &= 1 @T")),
    ("C01", "pool_fifth_generator", "five generators: G_a and G_e take the same map",
     "%! pushforward p_a = G_a(z), z \\sim p_z\n%! pushforward p_b = G_b(z), z \\sim p_z\n%! pushforward p_c = G_c(z), z \\sim p_z\n%! pushforward p_d = G_d(z), z \\sim p_z\n%! pushforward p_e = G_e(z), z \\sim p_z\n" + blocks(
         "\\mathbb{E}_{z \\sim p_z}[D(G_a(z)) + D(G_b(z)) + D(G_c(z)) + D(G_d(z))] &= \\mathbb{E}_{z \\sim p_z}[D(G_e(z)) + D(G_b(z)) + D(G_c(z)) + D(G_d(z))] @F")),
    ("C01", "pool_fifth_true_steps", "true steps among five densities must stay accepted",
     "%! density p_a, p_b, p_c, p_d, p_e\n" + blocks(
         "KL(p_a \\| p_e) + KL(p_b \\| p_c) + KL(p_c \\| p_d) &\\ge 0 @T",
         "\\mathbb{E}_{x \\sim p_a}[D(x)] - \\mathbb{E}_{x \\sim p_e}[D(x)] &= \\int (p_a(x) - p_e(x)) D(x) dx @T")),
    ("C01", "pool_chained_hypotheses", "chained hypotheses p = q, q = p_r (once an internal contradiction)",
     "%! assume p = q\n%! assume q = p_r\n" + blocks(
         "\\mathbb{E}_{x \\sim p}[D(x)] &= \\mathbb{E}_{x \\sim p_r}[D(x)] @T",
         "KL(p \\| p_r) &= 0 @T")),
    # ---------------------------------------------------------------- C02
    ("C02", "support_23_expectation", "a density on [2, 3] evaluated as a Beta on [0, 1]: E_p[D] = 0",
     "%! density p on [2, 3]\n" + blocks(
         "\\mathbb{E}_{x \\sim p}[D(x)] &= 0 @F",
         "\\mathbb{E}_{x \\sim p}[x] &\\ge 2 @T")),
    ("C02", "support_02_half_mass", "with p on [0, 2], the mass on [1, 2] is invisible to a Beta on [0, 1]",
     "%! density p on [0, 2]\n" + blocks(
         "\\int_1^2 p(x) dx &= 0 @F",
         "\\int_0^2 p(x) dx &= 1 @T")),
    ("C02", "support_23_outside", "mass of a density on [2, 3] over [0, 1] is 0 (true); equal halves (false)",
     "%! density p on [2, 3]\n" + blocks(
         "\\int_0^1 p(x) dx &= 0 @T",
         "\\int_2^3 p(x) dx &= 1 @T",
         "\\int_2^{\\frac{5}{2}} p(x) dx &= \\int_{\\frac{5}{2}}^3 p(x) dx @F")),
    ("C02", "support_half_line", "an attacker declares a half-line support",
     "%! density p on [0, \\infty)\n" + blocks(
         "\\mathbb{E}_{x \\sim p}[x] &\\ge 0 @T",
         "\\int_{-1}^{0} p(x) dx &= 0 @T")),
    ("C02", "support_negative", "a density on [-10, 0] has a non-positive mean",
     "%! density p on [-10, 0]\n" + blocks(
         "\\mathbb{E}_{x \\sim p}[x] &> 0 @F",
         "\\mathbb{E}_{x \\sim p}[x] &\\le 0 @T",
         "\\mathbb{E}_{x \\sim p}[x] &= \\int_0^1 x p(x) dx @F")),
    ("C02", "support_noise_unit", "a noise density declared on [0, 1] (once a Gaussian, then exit 3)",
     "%! density p_z on [0, 1]\n%! pushforward p_G = G(z), z \\sim p_z\n" + blocks(
         "\\mathbb{E}_{z \\sim p_z}[D(G(z))] &= \\mathbb{E}_{x \\sim p_G}[D(x)] @T",
         "\\int_0^1 p_z(z) dz &= 1 @T",
         "\\int_1^2 p_z(z) dz &= 0 @T",
         "\\mathbb{E}_{z \\sim p_z}[z^2] &\\le \\mathbb{E}_{z \\sim p_z}[z] @T",
         "\\mathbb{E}_{z \\sim p_z}[z] &= \\frac{1}{2} @F")),
    ("C02", "support_narrow", "a support of width 1/1000",
     "%! density p on [0, 0.001]\n" + blocks(
         "\\int p(x) dx &= 1 @T",
         "\\mathbb{E}_{x \\sim p}[x] &= \\frac{1}{2000} @F",
         "\\mathbb{E}_{x \\sim p}[1000 x] &\\le 1 @T")),
    ("C02", "support_wide", "a support of width 2000: the second moment can be huge",
     "%! density p on [-1000, 1000]\n" + blocks(
         "\\mathbb{E}_{x \\sim p}[x^2] &\\le 1 @F",
         "\\int_{-1000}^{1000} p(x) dx &= 1 @T")),
    ("C02", "support_mixed_kl", "KL between a density on [0, 1] and one on R, in both directions",
     "%! density p on [0, 1]\n%! density q\n" + blocks(
         "KL(p \\| q) &\\ge 0 @T",
         "KL(q \\| p) &\\le 10 @F")),
    ("C02", "support_disjoint_jsd", "disjoint supports: JSD is log 2 (true) and the overlap integral is 0",
     "%! density p on [0, 1]\n%! density q on [2, 3]\n" + blocks(
         "\\int p(x) q(x) dx &= 0 @T",
         "JSD(p \\| q) &= \\log 2 @T",
         "JSD(p \\| q) &= 0 @F")),
    ("C02", "support_log_moment", "E[log x] on [0, 1] is not bounded below by -10 for every density",
     "%! density p on [0, 1]\n" + blocks(
         "\\mathbb{E}_{x \\sim p}[\\log x] &> -10 @F",
         "\\mathbb{E}_{x \\sim p}[x - x^2] &\\le \\frac{1}{4} @T")),
    ("C02", "support_shifted_bounds", "E_p[x] for p on [2, 3] written with the bounds of [0, 1]",
     "%! density p on [2, 3]\n" + blocks(
         "\\mathbb{E}_{x \\sim p}[x] &= \\int_0^1 x p(x) dx @F",
         "\\mathbb{E}_{x \\sim p}[x] &= \\int_2^3 x p(x) dx @T")),
    # ---------------------------------------------------------------- C03
    ("C03", "reversed_zero", "an integral from 1 down to 0 evaluated as 0",
     blocks(
         "\\int_1^0 D(x) dx &= 0 @F",
         "\\int_1^0 x dx &= -\\frac{1}{2} @T")),
    ("C03", "reversed_monotone", "monotonicity applied to reversed bounds",
     blocks(
         "\\int_1^0 D(x) dx &\\le \\int_1^0 1 dx @F",
         "\\int_1^0 D(x) dx &\\ge \\int_1^0 1 dx @T")),
    ("C03", "reversed_swap", "swapping bounds changes the sign",
     "%! density p on [0, 1]\n" + blocks(
         "\\int_1^0 p(x) dx &= -\\int_0^1 p(x) dx @T",
         "\\int_2^0 x^2 dx &= \\frac{8}{3} @F")),
    ("C03", "reversed_linearity", "linearity across reversed bounds",
     blocks(
         "\\int_1^0 (D(x) + x) dx &= \\int_1^0 D(x) dx - \\frac{1}{2} @T",
         "\\int_1^0 (D(x) + x) dx &= \\int_0^1 D(x) dx + \\frac{1}{2} @F")),
    ("C03", "reversed_positivity", "positivity of an integral whose bounds are reversed",
     blocks(
         "\\int_1^0 e^{x} dx &> 0 @F",
         "\\int_1^0 e^{x} dx &= 1 - e^{1} @T")),
    ("C03", "reversed_normalisation", "normalisation with reversed bounds",
     "%! density p on [0, 1]\n" + blocks(
         "\\int_1^0 p(x) dx &= 1 @F",
         "\\int_1^0 p(x) dx &= -1 @T")),
    ("C03", "reversed_infinite", "the whole line written from +infinity to -infinity",
     blocks(
         "\\int_{\\infty}^{-\\infty} p(x) dx &= 1 @F",
         "\\int_{\\infty}^{-\\infty} p(x) D(x) dx &= -\\mathbb{E}_{x \\sim p}[D(x)] @T")),
    ("C03", "reversed_equal_bounds", "equal bounds give 0; strictness at equal bounds fails",
     blocks(
         "\\int_1^1 D(x) dx &= 0 @T",
         "\\int_0^0 D(x) dx &< \\int_0^0 1 dx @F")),
    # ---------------------------------------------------------------- C04
    ("C04", "kl_scaled_second", "Gibbs' inequality with a second argument that integrates to 1.01",
     blocks("KL(p \\| 1.01 q) &\\ge 0 @F")),
    ("C04", "kl_scaled_first", "Gibbs' inequality with a first argument that integrates to 0.99",
     blocks("KL(0.99 p \\| q) &\\ge 0 @F")),
    ("C04", "kl_sum_second", "KL against p + q, which integrates to 2, is always negative",
     blocks(
         "KL(p \\| p + q) &\\ge 0 @F",
         "KL(p \\| p + q) &< 0 @T")),
    ("C04", "kl_mixture_true", "true Gibbs' inequalities with mixtures as arguments",
     blocks(
         "KL\\left(p \\| \\frac{p + q}{2}\\right) &\\ge 0 @T",
         "KL\\left(\\frac{p + q}{2} \\| q\\right) &\\ge 0 @T")),
    ("C04", "kl_discriminator", "KL against a discriminator, which is not a density",
     blocks("KL(p \\| D) &\\ge 0 @F")),
    ("C04", "kl_zero_claims", "KL = 0 for distinct names, and the true KL(p||p) = 0",
     blocks(
         "KL(p \\| q) &= 0 @F",
         "KL(p \\| p) &= 0 @T")),
    ("C04", "kl_signed_argument", "KL of 2p - q, which is negative somewhere (log of a negative number)",
     blocks("KL(2 p - q \\| q) &\\ge 0 @U")),
    ("C04", "jsd_halved_arguments", "JSD of half-densities: true, although the arguments are not densities",
     blocks(
         "JSD(0.5 p \\| 0.5 q) &\\ge 0 @T",
         "JSD(0.5 p \\| 0.5 q) &= \\frac{1}{2} JSD(p \\| q) @T",
         "JSD(0.5 p \\| 0.5 q) &= JSD(p \\| q) @F")),
    ("C04", "log_inequality_scaled", "log t <= t - 1 with t = 2q/p, integrated (true), then dropped (false)",
     blocks(
         "\\int p(x) \\log \\frac{2 q(x)}{p(x)} dx &\\le \\int p(x) \\left(\\frac{2 q(x)}{p(x)} - 1\\right) dx @T",
         "\\int p(x) \\log \\frac{2 q(x)}{p(x)} dx &\\le 0 @F")),
    ("C04", "kl_definition_scaled", "the KL definition applied to a scaled argument",
     blocks(
         "KL(p \\| 2 q) &= KL(p \\| q) - \\log 2 @T",
         "KL(p \\| 2 q) &= KL(p \\| q) @F")),
    # ---------------------------------------------------------------- C05
    ("C05", "positivity_outside_support", "a density on [0, 1] taken as positive at 2 and 3",
     "%! density p, q on [0, 1]\n" + blocks(
         "p(2) &> 0 @F",
         "\\log(1 + p(2)) &> 0 @F",
         "p(\\frac{1}{2}) &\\ge 0 @T")),
    ("C05", "positivity_ratio_outside", "a ratio of two densities outside their common support is 0/0",
     "%! density p, q on [0, 1]\n" + blocks(
         "\\frac{p(3)}{q(3)} &> 0 @U")),
    ("C05", "positivity_log_zero", "log of a density outside its support",
     "%! density p on [0, 1]\n" + blocks(
         "\\log p(2) + \\log p(2) &= 2 \\log p(2) @U",
         "\\log(1 - p(2)) &= 0 @T")),
    ("C05", "positivity_discriminator_far", "D and 1 - D are positive everywhere, also far out",
     blocks(
         "D(1000) &> 0 @T",
         "1 - D(-1000) &> 0 @T",
         "\\log D(1000) &< 0 @T")),
    ("C05", "positivity_mixed_supports", "a ratio with one density outside its support",
     "%! density p on [0, 1]\n%! density q\n" + blocks(
         "\\frac{p(2)}{q(2)} &> 0 @F",
         "\\frac{q(2)}{1 + p(2)} &> 0 @T")),
    ("C05", "positivity_sum_outside", "a sum of two densities outside their support",
     "%! density p, q on [0, 1]\n" + blocks(
         "p(-1) + q(-1) &> 0 @F",
         "p(-1) + q(-1) &= 0 @T")),
    ("C05", "positivity_product_outside", "a product p(x) q(x) taken as positive at a point outside one support",
     "%! density p on [2, 3]\n%! density q\n" + blocks(
         "p(0) q(0) &> 0 @F",
         "p(\\frac{5}{2}) q(\\frac{5}{2}) &> 0 @T")),
    # ---------------------------------------------------------------- C06
    ("C06", "capture_integral_body", "h(t) = int p(x) D(x + t) dx applied at h(x) under an integral over x",
     blocks("h(t) = \\int p(x) D(x + t) dx") + blocks(
         "\\int q(x) h(x) dx &= \\int q(x) \\left(\\int p(y) D(y + x) dy\\right) dx @T",
         "\\int q(x) h(x) dx &= \\int q(x) \\left(\\int p(y) D(2 y) dy\\right) dx @F")),
    ("C06", "capture_expectation_body", "g(t) = E_{x ~ p}[t D(x)] applied at g(x) under an expectation over x",
     blocks("g(t) = \\mathbb{E}_{x \\sim p}[t D(x)]") + blocks(
         "\\mathbb{E}_{x \\sim q}[g(x)] &= \\mathbb{E}_{x \\sim q}[x] \\mathbb{E}_{y \\sim p}[D(y)] @T",
         "\\mathbb{E}_{x \\sim q}[g(x)] &= \\mathbb{E}_{y \\sim p}[y D(y)] @F")),
    ("C06", "capture_bounded_integral", "k(u) = int_0^1 x u dx applied at k(x) under an integral over x",
     blocks("k(u) = \\int_0^1 x u dx") + blocks(
         "k(1) &= \\frac{1}{2} @T",
         "\\int_0^1 k(x) dx &= \\frac{1}{4} @T",
         "\\int_0^1 k(x) dx &= \\frac{1}{3} @F")),
    ("C06", "capture_parameter_swap", "w(a, b) = a - b applied with its arguments swapped (simultaneous substitution)",
     blocks("w(a, b) = a - b") + blocks(
         "w(b, a) &= b - a @T",
         "w(b, a) &= a - b @F",
         "w(b, b) &= 0 @T")),
    ("C06", "capture_shadowed_parameter", "a parameter shadowed by the bound variable of the body",
     blocks("h(t) = \\mathbb{E}_{t \\sim p}[D(t)]") + blocks(
         "h(5) &= \\mathbb{E}_{x \\sim p}[D(x)] @T",
         "h(5) &= D(5) @F")),
    ("C06", "capture_outer_variable", "a definition whose body mentions the argument inside an integral over t",
     blocks("r(x) = \\int_0^1 (x + t) dt") + blocks(
         "r(t) &= t + \\frac{1}{2} @T",
         "r(t) &= 1 @F")),
    # ---------------------------------------------------------------- C07
    ("C07", "sample_mean_m_inside", "m inside the summand of a sample mean over m samples",
     "%! sample x^{(i)} \\sim p\n" + blocks(
         "\\frac{1}{m} \\sum_{i=1}^{m} m D(x^{(i)}) &= \\mathbb{E}_{x \\sim p}[D(x)] @F")),
    ("C07", "sample_mean_i_inside", "the index i inside the summand",
     "%! sample x^{(i)} \\sim p\n" + blocks(
         "\\frac{1}{m} \\sum_{i=1}^{m} i D(x^{(i)}) &= \\mathbb{E}_{x \\sim p}[D(x)] @F")),
    ("C07", "sample_mean_wrong_index", "a sum over j of a summand indexed by i",
     "%! sample x^{(i)} \\sim p\n" + blocks(
         "\\frac{1}{m} \\sum_{j=1}^{m} \\log D(x^{(i)}) &= \\mathbb{E}_{x \\sim p}[\\log D(x)] @F")),
    ("C07", "sample_mean_true", "true laws of large numbers",
     "%! sample x^{(i)} \\sim p\n" + blocks(
         "\\lim_{m \\to \\infty} \\frac{1}{m} \\sum_{i=1}^{m} \\log D(x^{(i)}) &= \\mathbb{E}_{x \\sim p}[\\log D(x)] @T",
         "\\frac{1}{n} \\sum_{i=1}^{n} D(x^{(i)}) - \\frac{1}{m} \\sum_{i=1}^{m} D(x^{(i)}) &= 0 @T")),
    ("C07", "sample_mean_normalisation", "a factor 1/2 inside the summand of a sample mean",
     "%! sample x^{(i)} \\sim p\n" + blocks(
         "\\frac{1}{m} \\sum_{i=1}^{m} \\frac{1}{2} D(x^{(i)}) &= \\mathbb{E}_{x \\sim p}[D(x)] @F",
         "\\frac{1}{m} \\sum_{i=1}^{m} \\frac{1}{2} D(x^{(i)}) &= \\frac{1}{2} \\mathbb{E}_{x \\sim p}[D(x)] @T")),
    ("C07", "sample_mean_fixed_sample", "the same sample x^{(1)} in every term",
     "%! sample x^{(i)} \\sim p\n" + blocks(
         "\\frac{1}{m} \\sum_{i=1}^{m} D(x^{(1)}) &= \\mathbb{E}_{x \\sim p}[D(x)] @F")),
    ("C07", "sample_mean_m_squared", "1/m^2 in front of a sum of m terms tends to 0",
     "%! sample x^{(i)} \\sim p\n" + blocks(
         "\\frac{1}{m^2} \\sum_{i=1}^{m} D(x^{(i)}) &= \\mathbb{E}_{x \\sim p}[D(x)] @F",
         "\\frac{1}{m^2} \\sum_{i=1}^{m} D(x^{(i)}) &= 0 @T")),
    ("C07", "sample_mean_wrong_law", "samples declared from p, the expectation taken over q",
     "%! sample x^{(i)} \\sim p\n" + blocks(
         "\\frac{1}{m} \\sum_{i=1}^{m} D(x^{(i)}) &= \\mathbb{E}_{x \\sim q}[D(x)] @F")),
    ("C07", "sample_mean_square_jensen", "the mean of squares is not the square of the mean",
     "%! sample x^{(i)} \\sim p\n" + blocks(
         "\\frac{1}{m} \\sum_{i=1}^{m} D(x^{(i)})^2 &= \\mathbb{E}_{x \\sim p}[D(x)^2] @T",
         "\\frac{1}{m} \\sum_{i=1}^{m} D(x^{(i)})^2 &= \\left(\\mathbb{E}_{x \\sim p}[D(x)]\\right)^2 @F")),
    ("C07", "sample_mean_noise", "samples of the noise pushed through G",
     "%! pushforward p_G = G(z), z \\sim p_z\n%! sample z^{(i)} \\sim p_z\n" + blocks(
         "\\frac{1}{m} \\sum_{i=1}^{m} \\log(1 - D(G(z^{(i)}))) &= \\mathbb{E}_{x \\sim p_G}[\\log(1 - D(x))] @T",
         "\\frac{1}{m} \\sum_{i=1}^{m} \\log(1 - D(G(z^{(i)}))) &= \\mathbb{E}_{x \\sim p_z}[\\log(1 - D(x))] @F")),
    ("C07", "sample_mean_superscript_law", "samples x_i^{(g)} (from p_g) equated with an expectation over p_r",
     blocks(
         "\\frac{1}{n} \\sum_{i=1}^{n} D(x_{i}^{(g)}) &= \\mathbb{E}_{x \\sim p_r}[D(x)] @F",
         "\\frac{1}{n} \\sum_{i=1}^{n} D(x_{i}^{(r)}) &= \\mathbb{E}_{x \\sim p_r}[D(x)] @T")),
    ("C07", "sample_mean_double_range", "a sum over 2m samples divided by m",
     "%! sample x^{(i)} \\sim p\n" + blocks(
         "\\frac{1}{m} \\sum_{i=1}^{2 m} D(x^{(i)}) &= 2 \\mathbb{E}_{x \\sim p}[D(x)] @T")),
    # ---------------------------------------------------------------- C08
    ("C08", "logit_symmetry", "logit D(1) + logit D(-1) = 2 logit D(0), true only for affine logits",
     blocks("\\log \\frac{D(1)}{1 - D(1)} + \\log \\frac{D(-1)}{1 - D(-1)} &= 2 \\log \\frac{D(0)}{1 - D(0)} @F")),
    ("C08", "logit_expectation", "E_p[logit D(x)] = logit D(E_p[x]), true only for affine logits",
     blocks("\\mathbb{E}_{x \\sim p}\\left[\\log \\frac{D(x)}{1 - D(x)}\\right] &= \\log \\frac{D(\\mathbb{E}_{y \\sim p}[y])}{1 - D(\\mathbb{E}_{y \\sim p}[y])} @F")),
    ("C08", "logit_equal_steps", "equal increments of the logit over equal steps",
     blocks("\\log \\frac{D(2)}{1 - D(2)} - \\log \\frac{D(1)}{1 - D(1)} &= \\log \\frac{D(1)}{1 - D(1)} - \\log \\frac{D(0)}{1 - D(0)} @F")),
    ("C08", "odds_ratio_square", "odds ratios of a sigmoid of an affine function multiply",
     blocks("\\frac{D(2) (1 - D(0))}{(1 - D(2)) D(0)} &= \\left(\\frac{D(1) (1 - D(0))}{(1 - D(1)) D(0)}\\right)^2 @F")),
    ("C08", "log_concavity", "log-concavity of D, true for sigmoids of affine functions only",
     blocks(
         "\\log D(0) &\\ge \\frac{\\log D(1) + \\log D(-1)}{2} @F",
         "\\frac{D(1)}{1 - D(1)} &> 0 @T")),
    ("C08", "reflection", "D(x) + D(-x) = 1",
     blocks("D(x) + D(-x) &= 1 @F")),
    ("C08", "logit_split_true", "log(D/(1 - D)) split into two logs (true; once left unknown)",
     blocks(
         "\\log \\frac{D(x)}{1 - D(x)} &= \\log D(x) - \\log(1 - D(x)) @T",
         "\\mathbb{E}_{x \\sim p}\\left[\\log \\frac{D(x)}{1 - D(x)}\\right] &= \\mathbb{E}_{x \\sim p}[\\log D(x)] - \\mathbb{E}_{x \\sim p}[\\log(1 - D(x))] @T")),
    ("C08", "monotone_discriminator", "a discriminator taken as monotone",
     blocks(
         "D(1) - D(0) &= -(D(0) - D(1)) @T",
         "D(1) &\\ge D(0) @F")),
    # ---------------------------------------------------------------- C09
    ("C09", "constant_roots", "a polynomial vanishing at the three values the constant pool gives a",
     blocks("(a + 0.6) (a - 1.3) (a - 0.45) &= 0 @F")),
    ("C09", "constant_roots_positive", "a positive constant's pool values as roots",
     "%! assume t > 0\n" + blocks("(t - 0.7) (t - 1.9) (t - 0.35) &= 0 @F")),
    ("C09", "constant_difference_roots", "the differences a - b the pool produces as roots",
     blocks("(a - b + 1.05) (a - b - 3) (a - b + 0.45) &= 0 @F")),
    ("C09", "constant_true_identities", "true polynomial identities in constants",
     blocks(
         "(a + b)^3 &= a^3 + 3 a^2 b + 3 a b^2 + b^3 @T",
         "(a - b)(a + b) &= a^2 - b^2 @T")),
    ("C09", "constant_greek", "Greek constants: the pool values of lambda as roots",
     blocks(
         "(\\lambda + 0.6) (\\lambda - 1.3) (\\lambda - 0.45) + \\mu - \\mu &= 0 @F",
         "\\lambda^2 - \\mu^2 &= (\\lambda - \\mu)(\\lambda + \\mu) @T")),
    ("C09", "constant_in_integral", "a constant that vanishes the step on the pool's values only",
     blocks("\\int p(x) D(x) dx \\cdot (a + 0.6) (a - 1.3) (a - 0.45) &= 0 @F")),
    ("C09", "constant_sign", "a constant assumed to have a sign it need not have",
     blocks(
         "a^2 - 2 a + 1 &\\ge 0 @T",
         "a^3 &\\ge a @F")),
    # ---------------------------------------------------------------- C10
    ("C10", "huge_plus_one", "e^{100} = e^{100} + 1: a difference of 1 hidden by a relative yardstick",
     blocks("e^{100} &= e^{100} + 1 @F")),
    ("C10", "tiny_offsets", "offsets of 10^{-40} hidden by an absolute yardstick",
     blocks(
         "a + 1 &= a + 1 + 10^{-40} @F",
         "e^{10^{-40}} &= 1 @F",
         "e^{10^{-40}} &> 1 @T")),
    ("C10", "thirty_digits_of_e", "a 30-digit decimal value of e",
     blocks(
         "e^{1} &= 2.71828182845904523536028747135 @F",
         "e^{1} &> 2.71828182845904523536028747135 @T")),
    ("C10", "far_tail_value", "a density's value far in the tail is tiny, not 0",
     blocks(
         "p(30) &= 0 @F",
         "p(30) &> 0 @T")),
    ("C10", "saturated_discriminator", "D(1000)(1 - D(1000)) is tiny, not 0",
     blocks("D(1000) (1 - D(1000)) &= 0 @F")),
    ("C10", "truncated_expectation", "a truncated integral: only heavy tails reveal the missing mass",
     blocks("\\int p(x) D(x) dx &= \\int_{-30}^{30} p(x) D(x) dx @F")),
    ("C10", "truncated_normalisation", "mass outside [-100, 100]",
     blocks(
         "\\int_{-100}^{100} p(x) dx &= 1 @F",
         "\\int_{-100}^{100} p(x) dx &\\le 1 @T")),
    ("C10", "cancellation", "catastrophic cancellation between huge terms",
     blocks(
         "(10^{20} + a) - 10^{20} &= a @T",
         "10^{30} + 1 - 10^{30} &= 0 @F")),
    ("C10", "huge_ratio", "(e^{100} + 1)/e^{100} = 1",
     blocks("\\frac{e^{100} + 1}{e^{100}} &= 1 @F")),
    ("C10", "tiny_integral", "an integral of size 10^{-40}",
     blocks("\\int_0^1 10^{-40} D(x) dx &= 0 @F")),
    ("C10", "tail_mass", "the mass beyond 40",
     blocks(
         "\\int_{40}^{\\infty} p(x) dx &= 0 @F",
         "\\int_{40}^{\\infty} p(x) dx &\\ge 0 @T")),
    ("C10", "softplus_large", "log(1 + e^{100}) = 100: off by e^{-100}, far below a relative tolerance",
     blocks("\\log(1 + e^{100}) &= 100 @F")),
    ("C10", "truncated_mean", "a mean truncated to [-50, 50]",
     blocks("\\int p(x) D(x) x dx &= \\int_{-50}^{50} p(x) D(x) x dx @F")),
    ("C10", "small_constant_assumed", "two constants 10^{-35} apart taken as equal",
     "%! assume b - a = 10^{-35}\n" + blocks(
         "b - a &= 0 @F",
         "b - a &> 0 @T")),
    # ---------------------------------------------------------------- C11
    ("C11", "assume_below", "a constraint placed after the block it is meant to justify",
     blocks("a + a &= 4 @F") + "%! assume a = 2\n" + blocks("a + a &= 4 @T")),
    ("C11", "hypothesis_below", "a hypothesis p = q placed after the step that needs it",
     blocks("\\mathbb{E}_{x \\sim p}[D(x)] &= \\mathbb{E}_{x \\sim q}[D(x)] @F") + "%! assume p = q\n"
     + blocks("\\mathbb{E}_{x \\sim p}[D(x)] &= \\mathbb{E}_{x \\sim q}[D(x)] @T")),
    ("C11", "assume_inside_block", "a constraint between two rows of one block",
     "\\begin{align*}\na + a &= 2 a \\\\ @T\n%! assume a = 2\n&= 4 @T\n\\end{align*}\n"
     + blocks("a &\\le 1 @F")),
    ("C11", "hypothesis_end_of_file", "a hypothesis on the last line of the file, after every step",
     blocks("KL(p \\| q) &= 0 @F", "KL(p \\| q) &\\ge 0 @T") + "%! assume p = q\n"),
    ("C11", "assume_below_positive", "positivity taken from a constraint placed below",
     blocks("\\log(b^2) &= 2 \\log b @U") + "%! assume b > 0\n" + blocks("\\log(b^2) &= 2 \\log b @T")),
    # ---------------------------------------------------------------- C12
    ("C12", "log_negative_numbers", "logs of negative numbers through the complex branch",
     blocks(
         "\\log(-2) - \\log(-1) &= \\log 2 @U",
         "\\log 2 - \\log 1 &= \\log 2 @T")),
    ("C12", "exp_log_real", "e^{log a} = a for a real a that takes negative values",
     blocks("e^{\\log a} &= a @U") + "%! assume a > 0\n" + blocks("e^{\\log a} &= a @T")),
    ("C12", "log_square", "log(a^2) = 2 log a for a real a",
     blocks("\\log(a^2) &= 2 \\log a @U")),
    ("C12", "sqrt_product", "sqrt(a) sqrt(b) = sqrt(ab) for real a, b",
     blocks("\\sqrt{a} \\sqrt{b} &= \\sqrt{a b} @U")),
    ("C12", "log_quotient_constants", "log(a/b) = log a - log b for real a, b",
     blocks("\\log \\frac{a}{b} &= \\log a - \\log b @U")),
    ("C12", "log_D_minus_one", "log(D - 1): the log of a negative quantity",
     blocks("\\log(D(x) - 1) &= \\log(1 - D(x)) @U")),
    ("C12", "square_root_of_square", "(a^2)^{1/2} = a (false for negative a) and the real cube root (true)",
     blocks(
         "(a^2)^{\\frac{1}{2}} &= a @F",
         "(a^3)^{\\frac{1}{3}} &= a @T")),
    ("C12", "sqrt_of_square_positive", "sqrt(t^2) = t for t > 0 (true), sqrt(a^2) = a (false)",
     "%! assume t > 0\n" + blocks(
         "\\sqrt{t^2} &= t @T",
         "\\sqrt{a^2} + t - t &= a @F")),
    # ---------------------------------------------------------------- C13
    ("C13", "power_tower", "(((10^100)^100)^100)^100: exact evaluation would never end",
     blocks("(((10^{100})^{100})^{100})^{100} &= 1 @F")),
    ("C13", "power_overflow", "(10^{100})^4 = 1: an OverflowError in the slip finder",
     blocks("(10^{100})^{4} &= 1 @F")),
    ("C13", "flat_sum_long", "a flat sum of 400 ones (a RecursionError once)",
     blocks(" + ".join(["1"] * 400) + " &= 400 @T")),
    ("C13", "deep_nesting", "35 levels of brackets",
     blocks("(" * 35 + "a + 1" + ")" * 35 + " &= a + 1 @T")),
    ("C13", "huge_exponent_inequality", "10^{10^{10}} > 1: an astronomically large value",
     blocks("10^{10^{10}} &> 1 @T", "10^{10^{10}} &= 10^{10^{10}} + 1 @F")),
    ("C13", "triple_integral", "a triple nested integral (once 721 s for one step)",
     blocks("\\int p(x) \\int q(y) \\int p(w) D(x + y + w) dw dy dx &\\le 1 @T")),
    ("C13", "division_by_zero", "a quotient with a zero denominator",
     blocks("\\frac{a}{a - a} &= 1 @U", "\\frac{1}{1 - 1} &= 0 @U")),
    ("C13", "log_of_zero", "log 0 compared with a number",
     blocks("\\log(1 - 1) &< 0 @U", "\\log(0 + 1) &= 0 @T")),
    ("C13", "exp_overflow", "e^{e^{100}} is far beyond any float",
     blocks("e^{e^{100}} &> e^{100} @T", "e^{e^{100}} &= e^{e^{100}} + 1 @F")),
    ("C13", "flat_sum_medium", "a flat sum of 150 ones, under the nesting cap",
     blocks(" + ".join(["1"] * 150) + " &= 150 @T", " + ".join(["1"] * 150) + " &= 151 @F")),
    # ---------------------------------------------------------------- C14
    ("C14", "pv_one_over_x", "int_{-1}^{1} dx/x: divergent, but symmetric nodes sum to 0",
     blocks("\\int_{-1}^{1} \\frac{1}{x} dx &= 0 @U")),
    ("C14", "odd_over_line", "int x/(1 + x^2) over R: divergent, symmetric nodes cancel",
     blocks("\\int_{-\\infty}^{\\infty} \\frac{x}{1 + x^2} dx &= 0 @U")),
    ("C14", "identity_over_line", "int x dx over R",
     blocks("\\int_{-\\infty}^{\\infty} x dx &= 0 @U")),
    ("C14", "cubic_pole", "int_{-1}^{1} dx/x^3",
     blocks("\\int_{-1}^{1} \\frac{1}{x^3} dx &= 0 @U")),
    ("C14", "divergent_tail_with_density", "int p(x) e^{x^2} dx: divergent for tails heavier than e^{-x^2}, unbounded for lighter ones",
     blocks("\\int p(x) e^{x^2} dx &\\le 10 @F")),
    ("C14", "convergent_true", "convergent improper integrals (true)",
     blocks(
         "\\int_{-\\infty}^{\\infty} \\frac{1}{1 + x^2} dx &= \\pi @T",
         "\\int_{0}^{1} \\frac{1}{\\sqrt{x}} dx &= 2 @T")),
    # ---------------------------------------------------------------- C15
    ("C15", "narrow_peak_off_split", "a narrow Gaussian bump at 7 that quadrature nodes can miss",
     blocks(
         "\\int_{-\\infty}^{\\infty} e^{-10^{6} (x - 7)^2} dx &= 0 @F",
         "\\int_{-\\infty}^{\\infty} e^{-10^{6} (x - 7)^2} dx &= \\frac{\\sqrt{\\pi}}{1000} @T")),
    ("C15", "narrow_peak_with_density", "a density times a bump at 3 of width 10^{-4}",
     blocks("\\int p(x) e^{-10^{8} (x - 3)^2} dx &= 0 @F")),
    ("C15", "kink_inside", "a kink at 1/3, not a split point",
     blocks(
         "\\int_0^1 \\sqrt{(x - \\frac{1}{3})^2} dx &= \\frac{5}{18} @T",
         "\\int_0^1 \\sqrt{(x - \\frac{1}{3})^2} dx &= \\frac{5}{18} + 10^{-12} @F")),
    ("C15", "far_bump_tail_cut", "a bump at 500, between the tail probes, left out by the tail cut",
     blocks("\\int p(x) e^{100 \\cdot 100 - 100 (x - 500)^2} dx &= 0 @F")),
    ("C15", "oscillating_exponential", "an integrand with a large cancellation across the line",
     blocks(
         "\\int_{-\\infty}^{\\infty} (x^3 - 3 x) e^{-x^2} dx &= 0 @T",
         "\\int_{-\\infty}^{\\infty} x^2 e^{-x^2} dx &= \\frac{\\sqrt{\\pi}}{2} @T",
         "\\int_{-\\infty}^{\\infty} x^2 e^{-x^2} dx &= \\frac{\\sqrt{\\pi}}{3} @F")),
    ("C15", "half_line_heavy", "a slowly decaying integrand on a half-line",
     blocks(
         "\\int_{1}^{\\infty} \\frac{1}{x^2} dx &= 1 @T",
         "\\int_{1}^{\\infty} \\frac{1}{x^{\\frac{11}{10}}} dx &= 10 @T",
         "\\int_{1}^{\\infty} \\frac{1}{x^{\\frac{11}{10}}} dx &= 9 @F")),
    # ---------------------------------------------------------------- C16
    ("C16", "pi_thirty_digits", "a 30-digit value of pi, wrong in the last digits",
     blocks("4 \\pi &= 12.5663706143591729538505735331 @F")),
    # ---------------------------------------------------------------- C17
    ("C17", "hypothesis_kl_zero", "under p = q, KL(p||q) = 0 (true) and E_p[x] = 0 (false)",
     "%! assume p = q\n" + blocks(
         "KL(p \\| q) &= 0 @T",
         "\\mathbb{E}_{x \\sim p}[x] &= 0 @F")),
    ("C17", "hypothesis_pushforward", "under p_G = p_data, an expectation over the noise",
     "%! pushforward p_G = G(z), z \\sim p_z\n%! assume p_G = p_{data}\n" + blocks(
         "\\mathbb{E}_{z \\sim p_z}[D(G(z))] &= \\mathbb{E}_{x \\sim p_{data}}[D(x)] @T",
         "\\mathbb{E}_{z \\sim p_z}[D(z)] &= \\mathbb{E}_{x \\sim p_{data}}[D(x)] @F")),
    ("C17", "constraint_unit", "a constant assumed in (0, 1): a^2 < a, but not a < 1/2",
     "%! assume 0 < a < 1\n" + blocks(
         "a^2 &< a @T",
         "a &< \\frac{1}{2} @F")),
    ("C17", "constraint_log", "a positive constant: log(1 + t) > 0, but not t > 1",
     "%! assume t > 0\n" + blocks(
         "\\log(1 + t) &> 0 @T",
         "t &> 1 @F")),
    ("C17", "constraint_equation", "constraints b - a = 2 fix b, not a",
     "%! assume b - a = 2\n" + blocks(
         "b - 2 &= a @T",
         "a + 0 &= 0 @F")),
    ("C17", "constraint_huge", "two constants 10^{50} apart: a relative offset of 10^{-50}",
     "%! assume b - a = 10^{50}\n" + blocks(
         "\\frac{b - a + 1}{b - a} &= 1 @F",
         "b - a &> 10^{49} @T")),
    # ---------------------------------------------------------------- C18
    ("C18", "kl_strict", "KL(p||q) > 0: fails at p = q",
     blocks(
         "KL(p \\| q) &> 0 @F",
         "KL(p \\| q) &\\ge 0 @T")),
    ("C18", "log_inequality_strict", "log t < t - 1: fails at t = 1",
     "%! assume t > 0\n" + blocks(
         "\\log t &< t - 1 @F",
         "\\log t &\\le t - 1 @T")),
    ("C18", "square_strict", "a^2 > 0: fails at a = 0, which the pool never draws",
     blocks(
         "a^2 &> 0 @F",
         "a^2 &\\ge 0 @T")),
    ("C18", "jsd_bounds", "JSD <= log 2 with strictness for densities positive on R",
     blocks(
         "JSD(p \\| q) &\\le \\log 2 @T",
         "JSD(p \\| q) &< \\log 2 @T",
         "JSD(p \\| q) &> 0 @F")),
    ("C18", "discriminator_bounds", "bounds on D that hold and one that does not",
     blocks(
         "D(x) &< 1 @T",
         "D(x) &\\le \\frac{1}{2} @F",
         "\\int p(x) \\log D(x) dx &< 0 @T")),
    ("C18", "strict_monotone", "a strict inequality between integrals",
     blocks(
         "\\int p(x) D(x) dx &< \\int p(x) dx @T",
         "\\int p(x) D(x) dx &< \\int p(x) D(x) dx @F")),
    ("C18", "equality_case_pointwise", "x^2 + 1 >= 2x with equality at 1; strict version false",
     blocks(
         "a^2 + 1 &\\ge 2 a @T",
         "a^2 + 1 &> 2 a @F")),
    # ---------------------------------------------------------------- C19
    ("C19", "log_takes_next_factor", "log D(x) D(x) is (log D(x)) D(x), not 2 log D(x)",
     blocks(
         "\\log D(x) D(x) &= 2 \\log D(x) @F",
         "\\log 2 a &= a \\log 2 @T")),
    ("C19", "dummy_variable_names", "an integral over t of a D(t), and an integrand that does not depend on t",
     blocks(
         "\\int p(t) D(t) dt &= \\mathbb{E}_{x \\sim p}[D(x)] @T",
         "\\int p(x) D(y) dx &= D(y) @T",
         "\\mathbb{E}_{x \\sim p}[D(y)] &= \\mathbb{E}_{y \\sim p}[D(y)] @F")),
    ("C19", "recovery_not_acceptance", "a false row, then a row equal to the chain's start: still a wrong step",
     "\\begin{align*}\n\\mathbb{E}_{x \\sim p}[D(x)] \\\\\n&= \\mathbb{E}_{x \\sim q}[D(x)] \\\\ @F\n&= \\int p(x) D(x) dx @F\n\\end{align*}\n"),
    ("C19", "expectation_without_brackets", "an expectation without brackets spans the rest of its term",
     blocks(
         "\\mathbb{E}_{x \\sim p} D(x) + 1 &= \\mathbb{E}_{x \\sim p}[D(x)] + 1 @T",
         "\\mathbb{E}_{x \\sim p} D(x) D(x) &= \\left(\\mathbb{E}_{x \\sim p}[D(x)]\\right)^2 @F")),
    ("C19", "wrong_integration_variable", "an integral over t of a function of x only: divergent",
     blocks("\\int p(x) D(x) dt &= \\mathbb{E}_{x \\sim p}[D(x)] @U")),
    ("C19", "bare_density_in_expectation", "a bare density read at the variable in scope",
     blocks(
         "\\mathbb{E}_{x \\sim p}[q] &= \\int p(x) q(x) dx @T",
         "\\mathbb{E}_{x \\sim p}[q] &= 1 @F")),
    ("C19", "pi_as_a_name", "pi written alone on the left: a definition of pi, or a step?",
     blocks("\\pi &= 3.14159265358979323846264338328 @F")),
    ("C16", "log2_eleven_digits", "log 2 to 11 digits: passes a 12-digit screen only barely",
     blocks("\\log 2 &= 0.69314718056 @F", "\\log 2 &= \\log 4 - \\log 2 @T")),
    ("C16", "offset_1e20", "an offset of 10^{-20}: invisible to the 12-digit screen",
     blocks(
         "\\int p(x) D(x) dx &= \\int p(x) D(x) dx + 10^{-20} @F",
         "\\int p(x) D(x) dx + 10^{-20} &> \\int p(x) D(x) dx @T")),
    ("C16", "offset_1e32", "an offset of 10^{-32}, below the default 30 digits",
     blocks("\\mathbb{E}_{x \\sim p}[D(x)] &= \\mathbb{E}_{x \\sim p}[D(x)] + 10^{-32} @F")),
    ("C16", "relative_offset_large", "a relative offset of 10^{-35} on a value of size 10^{10}",
     blocks("10^{10} \\mathbb{E}_{x \\sim p}[D(x)] &= 10^{10} \\mathbb{E}_{x \\sim p}[D(x)] + 10^{-25} @F")),
    # ---------------------------------------------------------------- C20
    ("C20", "derivative_pointwise", "a derivative with respect to D(x)",
     blocks(
         "\\frac{d}{d(D(x))} \\left(p(x) \\log D(x) + q(x) \\log(1 - D(x))\\right) &= \\frac{p(x)}{D(x)} - \\frac{q(x)}{1 - D(x)} @T",
         "\\frac{d}{d(D(x))} \\left(p(x) \\log D(x) + q(x) \\log(1 - D(x))\\right) &= \\frac{p(x)}{D(x)} + \\frac{q(x)}{1 - D(x)} @F")),
    ("C20", "pointwise_max_true", "the optimal discriminator bound, pointwise",
     blocks("p(x) \\log D(x) + q(x) \\log(1 - D(x)) &\\le p(x) \\log \\frac{p(x)}{p(x) + q(x)} + q(x) \\log \\frac{q(x)}{p(x) + q(x)} @T")),
    ("C20", "pointwise_max_sign", "the bound with a flipped sign: -q log(1 - D) is convex in D, no maximum",
     blocks("p(x) \\log D(x) - q(x) \\log(1 - D(x)) &\\le p(x) \\log \\frac{p(x)}{p(x) + q(x)} - q(x) \\log \\frac{q(x)}{p(x) + q(x)} @F")),
    ("C20", "pointwise_max_integrated", "the optimal value integrated: V(D) <= -log 4 + 2 JSD",
     blocks("\\int \\left(p(x) \\log D(x) + q(x) \\log(1 - D(x))\\right) dx &\\le -\\log 4 + 2 JSD(p \\| q) @T",
            "\\int \\left(p(x) \\log D(x) + q(x) \\log(1 - D(x))\\right) dx &\\le -\\log 4 @F")),
    # ---------------------------------------------------------------- C21
    ("C21", "let_copies_at_the_let", "\\let\\A\\B copies B's meaning at the \\let; a later \\renewcommand{\\B} does not change A",
     "\\newcommand{\\B}{2}\n\\let\\A\\B\n\\renewcommand{\\B}{3}\n" + blocks(
         "\\A + 1 &= 4 @F",
         "\\A + 1 &= 3 @T",
         "\\B + 1 &= 4 @T")),
    ("C21", "let_keeps_builtin_log", "\\let\\oldlog\\log, then \\log redefined as \\exp: \\oldlog is still the logarithm",
     "\\let\\oldlog\\log\n\\renewcommand{\\log}{\\exp}\n" + blocks(
         "\\oldlog 1 &= 1 @F",
         "\\oldlog 1 + \\log 0 &= 1 @T")),
    ("C21", "providecommand_defined", "\\providecommand of a command already defined (by LaTeX or above) does nothing",
     "\\providecommand{\\log}{\\exp}\n\\newcommand{\\C}{2}\n\\providecommand{\\C}{5}\n" + blocks(
         "1 + \\log 1 &= 2 @F",
         "\\log 1 &= 0 @T",
         "\\C + 1 &= 6 @F",
         "\\C + 1 &= 3 @T")),
    ("C21", "group_local_definition", "a \\renewcommand inside a brace group is forgotten when the group closes",
     "\\newcommand{\\C}{2}\n{\\renewcommand{\\C}{3}}\n" + blocks(
         "\\C + 0 &= 3 @F",
         "\\C + 0 &= 2 @T")),
    ("C21", "environment_local_definition", "a \\renewcommand inside a display holds in it and not after it",
     "\\newcommand{\\K}{2}\n\\begin{align*}\n\\renewcommand{\\K}{3}\n\\K + 1 &= 4 @T\n\\end{align*}\n" + blocks(
         "\\K + 1 &= 4 @F",
         "\\K + 1 &= 3 @T")),
    ("C21", "relation_redefined", "\\renewcommand{\\le}{\\ge}: the relation typeset is the one to check",
     "\\renewcommand{\\le}{\\ge}\n" + blocks(
         "1 &\\le 2 @F",
         "2 &\\le 1 @T")),
    # ---------------------------------------------------------------- C22
    ("C22", "iffalse_definition", "a definition inside \\iffalse ... \\fi is never typeset; the visible one holds",
     "\\iffalse\n" + blocks("h(x) = 2 D(x)") + "\\fi\n" + blocks(
         "h(x) = D(x)",
         "\\int p(x) h(x) dx &= 2 \\int p(x) D(x) dx @F",
         "\\int p(x) h(x) dx &= \\int p(x) D(x) dx @T")),
    ("C22", "comment_environment", "a definition inside \\begin{comment} (the comment package) is not read",
     "\\begin{comment}\n" + blocks("g(x) = 2 D(x)") + "\\end{comment}\n" + blocks(
         "g(x) = D(x)",
         "\\int p(x) g(x) dx &= 2 \\int p(x) D(x) dx @F",
         "\\int p(x) g(x) dx &= \\int p(x) D(x) dx @T")),
    ("C22", "verbatim_display", "a display shown as code in a verbatim environment defines nothing",
     "\\begin{verbatim}\n" + blocks("g(x) = 3 D(x)") + "\\end{verbatim}\n" + blocks(
         "g(x) = D(x)",
         "\\int p(x) g(x) dx &= 3 \\int p(x) D(x) dx @F",
         "\\int p(x) g(x) dx &= \\int p(x) D(x) dx @T")),
    ("C22", "iffalse_macro", "a \\renewcommand inside \\iffalse ... \\fi changes nothing",
     "\\newcommand{\\C}{2}\n\\iffalse\n\\renewcommand{\\C}{7}\n\\fi\n" + blocks(
         "\\C + 1 &= 8 @F",
         "\\C + 1 &= 3 @T")),
    ("C22", "iffalse_directive", "a hypothesis inside \\iffalse ... \\fi (with a nested \\ifx) is switched off",
     "\\iffalse\n\\ifx a b \\fi\n%! assume p = q\n\\fi\n" + blocks(
         "KL(p \\| q) &= 0 @F",
         "KL(p \\| p) &= 0 @T")),
    ("C22", "indented_code.md", "Markdown: a display indented four spaces after a paragraph is a code block, not math",
     "Some notes.\n\n    $$ h(x) = 2 D(x) $$\n\nThe definition:\n\n$$ h(x) = D(x) $$\n\n"
     "$$ \\int p(x) h(x) dx = 2 \\int p(x) D(x) dx $$ @F\n\n$$ \\int p(x) h(x) dx = \\int p(x) D(x) dx $$ @T\n"),
    ("C22", "indented_code_directive.md", "Markdown: a %! hypothesis inside an indented code block is shown, not in force",
     "How to write a hypothesis:\n\n    %! assume p = q\n\nThe step:\n\n$$ KL(p \\| q) = 0 $$ @F\n\n"
     "$$ KL(q \\| q) = 0 $$ @T\n"),
    ("C22", "codecogs_title_not_shown.md", "a codecogs image shows its src; a title saying another formula is never typeset",
     "Two facts.\n\n"
     "<img src=\"https://latex.codecogs.com/svg.latex?a%20+%20a%20=%203%20a\" title=\"a + a = 2 a\" /> @F\n\n"
     "<img src=\"https://latex.codecogs.com/svg.latex?a&space;+&space;a&space;=&space;2&space;a\" title=\"a + a = 2 a\" /> @T\n"),
    ("C22", "html_attribute_definition.md", "a formula inside an HTML attribute (a tooltip) is never typeset: it defines nothing",
     "The function <abbr title=\"$h(x) = 2 D(x)$\">h</abbr> is defined below.\n\n$$ h(x) = D(x) $$\n\n"
     "$$ \\int p(x) h(x) dx = 2 \\int p(x) D(x) dx $$ @F\n\n$$ \\int p(x) h(x) dx = \\int p(x) D(x) dx $$ @T\n"),
    # ---------------------------------------------------------------- C23
    ("C23", "subscript_without_braces", "p_12 is typeset p_1 followed by 2, not p_{12}; a_12 is a_1 2",
     blocks(
         "p_12(x) &= p_{12}(x) @F",
         "a_12 &= a_{12} @F",
         "p_{12}(x) &= p_{12}(x) @T")),
    # ---------------------------------------------------------------- C24
    ("C24", "alphabet_size_product", "a product that vanishes on alphabets of 2 to 7 points, not on larger ones",
     blocks(
         "(\\sum_x \\frac{p(x)}{p(x)} - 2)(\\sum_x \\frac{p(x)}{p(x)} - 3)(\\sum_x \\frac{p(x)}{p(x)} - 4)(\\sum_x \\frac{p(x)}{p(x)} - 5)(\\sum_x \\frac{p(x)}{p(x)} - 6)(\\sum_x \\frac{p(x)}{p(x)} - 7) &= 0 @F",
         "\\sum_x p(x) &= 1 @T")),
    ("C24", "alphabet_size_square", "the number of points written as a sum: |X|(|X| - 1) vanishes on no alphabet drawn",
     blocks(
         "\\sum_x \\frac{q(x)}{q(x)} \\left(\\sum_x \\frac{q(x)}{q(x)} - 1\\right) &= 0 @F",
         "\\sum_x q(x) \\frac{q(x)}{q(x)} &= 1 @T")),
    # ---------------------------------------------------------------- C25
    ("C25", "text_digit_appended", "2\\text{1} is typeset 21: a \\text read as commentary hides a digit of the number",
     blocks("1 + 1 &= 2\\text{1} @F", "1 + 1 &= 2 \\text{ (by arithmetic)} @T")),
    ("C25", "text_term_appended", "a \\text or \\mbox holding + 1 continues the formula as typeset",
     blocks("a + a &= 2 a \\text{ + 1} @F", "b + b &= 2 b\\mbox{$+1$} @F", "c + c &= 2 c \\quad \\text{for every real number} @T")),
    ("C20", "pointwise_max_wrong_weights", "the maximiser written with its weights swapped",
     blocks("p(x) \\log D(x) + q(x) \\log(1 - D(x)) &\\le p(x) \\log \\frac{q(x)}{p(x) + q(x)} + q(x) \\log \\frac{p(x)}{p(x) + q(x)} @F")),
    # ---------------------------------------------------------------- C26
    ("C26", "hyp_default_support_positivity", "q has no support directive (R) and is said equal to p on [0, 1]: q(1.5) is 0",
     "%! density p on [0, 1]\n%! assume p = q\n" + blocks("q(1.5) &> 0 @F")),
    ("C26", "hyp_declared_mismatch", "p on [0, 1] and q on [0, 2] said equal: the masses still add to 2",
     "%! density p on [0, 1]\n%! density q on [0, 2]\n%! assume p = q\n" + blocks(
         "\\int_0^2 q(x) dx + \\int_0^1 p(x) dx &= 3 @F")),
    ("C26", "hyp_reversed_order", "the hypothesis before the support: log q(2) with q = p on [0, 1] has no value",
     "%! assume q = p\n%! density p on [0, 1]\n" + blocks("\\log q(2) &= \\log q(2) @U")),
    ("C26", "hyp_same_support_true", "the same hypothesis on one support stays usable",
     "%! density p, q on [0, 1]\n%! assume p = q\n" + blocks("KL(p \\| q) &= 0 @T", "\\int_0^1 q(x) dx &= 1 @T")),
    # ---------------------------------------------------------------- C27
    ("C27", "far_bump_constant", "a Gaussian bump at 1000 beside + 1: quadrature nodes never reach it",
     blocks("\\int_{-\\infty}^{\\infty} e^{-(x - 1000)^2} dx + 1 &= 1 @F",
            "\\int_{-\\infty}^{\\infty} e^{-(x - 1000)^2} dx &= \\sqrt{\\pi} @T")),
    ("C27", "far_bump_half_line", "a bump at 300 on a half-line beside a constant a",
     blocks("\\int_{0}^{\\infty} e^{-(x - 300)^2} dx + a &= a @F")),
    ("C27", "far_bump_long_range", "a bump at 1000 inside the finite range [-10^4, 10^4]",
     blocks("\\int_{-10000}^{10000} e^{-(x - 1000)^2} dx + a &= a @F")),
    ("C27", "far_bump_density", "a density's heavy tail times 10^6 times a bump at 1000",
     blocks("\\int p(x) (D(x) + 10^{6} e^{-(x - 1000)^2}) dx &= \\int p(x) D(x) dx @F")),
    ("C27", "narrow_bump_density", "a bump of width 10^{-6} and height 10^6 at 1/3 under a density",
     blocks("\\int p(x) (D(x) + 10^{6} e^{-10^{12} (x - \\frac{1}{3})^2}) dx &= \\int p(x) D(x) dx @F")),
    ("C27", "narrow_bump_composed", "a narrow bump at 10 written with small numbers only: 81 (9x - 90)^2",
     blocks("\\int_{-\\infty}^{\\infty} e^{-81 (9 x - 90)^2} dx + 1 &= 1 @F",
            "\\int_{-\\infty}^{\\infty} e^{-81 (9 x - 90)^2} dx &= \\frac{\\sqrt{\\pi}}{81} @T")),
    ("C27", "far_lorentzian", "a Cauchy kernel centred at 10^6 integrates to pi, not 0",
     blocks("\\int_{-\\infty}^{\\infty} \\frac{1}{1 + (x - 1000000)^2} dx &= \\pi @T",
            "\\int_{-\\infty}^{\\infty} \\frac{1}{1 + (x - 1000000)^2} dx + 1 &= 1 @F")),
    ("C27", "far_bump_constraint", "the bump's centre is a constant fixed far out by a constraint",
     "%! assume a = 500\n" + blocks("\\int_{-\\infty}^{\\infty} e^{-(x - a)^2} dx + 1 &= 1 @F")),
    ("C27", "bump_under_exponential", "the missed integral inside an exponential: e^{sqrt(pi)} is not 1",
     blocks("e^{\\int_{-\\infty}^{\\infty} e^{-(x - 70)^2} dx} &= 1 @F")),
    ("C27", "bump_times_discriminator", "D times a bump at 200: positive, not 0",
     blocks("\\int_{-\\infty}^{\\infty} D(x) e^{-(x - 200)^2} dx &= 0 @F")),
    ("C27", "two_far_bumps", "two bumps at +-400: equal masses cancel, unequal ones do not",
     blocks("\\int_{-\\infty}^{\\infty} (e^{-(x - 400)^2} - e^{-(x + 400)^2}) dx &= 0 @T",
            "\\int_{-\\infty}^{\\infty} (e^{-(x - 400)^2} - 2 e^{-(x + 400)^2}) dx &= 0 @F")),
    ("C27", "narrow_bump_unit_interval", "a bump of width 10^{-6} at 0.3 on [0, 1] beside + 1",
     blocks("\\int_0^1 10^{6} e^{-10^{12} (x - \\frac{3}{10})^2} dx + 1 &= 1 @F")),
    ("C27", "plateau_of_two_steps", "two monotone logistic steps 1 apart at 1000: their difference is a bump",
     blocks("\\int_{-\\infty}^{\\infty} (\\frac{1}{1 + e^{x - 1000}} - \\frac{1}{1 + e^{x - 1001}}) dx + 1 &= 1 @F",
            "\\int_{-\\infty}^{\\infty} (\\frac{1}{1 + e^{x - 1000}} - \\frac{1}{1 + e^{x - 1001}}) dx &= -1 @T")),
    ("C27", "double_exponential_steps", "e^{-e^{x - 1000}} - e^{-e^{x - 1001}} on a half-line (its printing ran for ever)",
     blocks("\\int_{0}^{\\infty} (e^{-e^{x - 1000}} - e^{-e^{x - 1001}}) dx + 1 &= 1 @F")),
    ("C27", "nested_moving_bump", "an inner bump at 1000 + 100 y that moves with the outer variable",
     blocks("\\int_0^1 \\int_{-\\infty}^{\\infty} e^{-(x - 1000 - 100 y)^2} dx dy + 1 &= 1 @F")),
    ("C27", "shifted_density", "a density at x - 1000: its mass lies where its own modes and tails are not",
     blocks("\\int p(x - 1000) dx &= 1 @T", "\\int p(x - 1000) dx + 1 &= 1 @F")),
    ("C27", "scaled_density", "a density at 1000 x: all its mass within 10^{-2} of 0",
     blocks("\\int p(1000 x) dx &= \\frac{1}{1000} @T", "\\int p(1000 x) D(x) dx + 1 &= 1 @F")),
    # ---------------------------------------------------------------- C28
    ("C28", "pi_given_a_value", "\\pi = 3 alone on a row, then a step that uses the value 3",
     blocks("\\pi &= 3 @F", "\\sqrt{\\pi} \\sqrt{\\pi} &= 3 @F")),
    ("C28", "pi_then_integral", "\\pi = 4, then the Cauchy kernel's integral said to be 4",
     blocks("\\pi &= 4 @F", "\\int_{-\\infty}^{\\infty} \\frac{1}{1 + x^2} dx &= 4 @F",
            "\\int_{-\\infty}^{\\infty} \\frac{1}{1 + x^2} dx &= \\pi @T")),
    ("C28", "e_given_a_value", "e = 3 alone on a row, then e e = 9",
     blocks("e &= 3 @F", "e \\cdot e &= 9 @F")),
    ("C28", "log_given_a_formula", "log(t) = 2t as if it defined log, then log 3 = 6",
     blocks("\\log(t) &= 2 t @F", "\\log(3) &= 6 @F", "\\log 1 &= 0 @T")),
    # ---------------------------------------------------------------- C29
    ("C29", "support_declared_twice", "two different support directives for p: an input error naming both lines (nothing is checked under either)",
     "%! density p on [0, 1]\n%! density p on [0, 2]\n" + blocks("\\int_0^2 p(x) dx &= 1 @T",
                                                                  "\\int_0^1 p(x) dx &= 1 @F")),
    ("C29", "support_twice_positivity", "p on [2, 3] then on [0, 1]: an input error naming both lines, never a verdict under one of them",
     "%! density p on [2, 3]\n%! density p on [0, 1]\n" + blocks("p(\\frac{1}{2}) &> 0 @T",
                                                                  "p(\\frac{5}{2}) &> 0 @F")),
    ("C29", "point_support", "a density declared on a point [1, 1]",
     "%! density p on [1, 1]\n" + blocks("\\int p(x) dx &= 0 @F")),
    ("C29", "constraint_interval_log", "0 < t < 1 makes log t negative, not above -1",
     "%! assume 0 < t < 1\n" + blocks("\\log t &< 0 @T", "\\log t &> -1 @F")),
    ("C29", "support_and_bounds", "p on [2, 3] integrated over [0, 1] and [0, 5/2]; its mean is at least 2",
     "%! density p on [2, 3]\n" + blocks("\\int_0^1 p(x) dx &= 0 @T",
                                         "\\int_0^{\\frac{5}{2}} p(x) dx &= \\frac{1}{2} @F",
                                         "\\mathbb{E}_{x \\sim p}[x] &\\ge 2 @T")),
    # ---------------------------------------------------------------- C30
    ("C30", "jensen_wrong_way", "Jensen for the concave log, both directions",
     blocks("\\log \\mathbb{E}_{x \\sim p}[D(x)] &\\le \\mathbb{E}_{x \\sim p}[\\log D(x)] @F",
            "\\mathbb{E}_{x \\sim p}[\\log D(x)] &\\le \\log \\mathbb{E}_{x \\sim p}[D(x)] @T")),
    ("C30", "jensen_convex_wrong", "Jensen the wrong way for the convex square and exp",
     blocks("\\mathbb{E}_{x \\sim p}[D(x)^2] &\\le \\mathbb{E}_{x \\sim p}[D(x)]^2 @F",
            "\\exp(\\mathbb{E}_{x \\sim p}[D(x)]) &\\ge \\mathbb{E}_{x \\sim p}[\\exp(D(x))] @F")),
    ("C30", "jsd_strict_bounds", "C(G) >= -log 4 holds, > -log 4 fails at p = q; JSD >= log 2 fails",
     blocks("2 JSD(p \\| q) - \\log 4 &> -\\log 4 @F", "JSD(p \\| q) &\\ge \\log 2 @F",
            "2 JSD(p \\| q) - \\log 4 &\\ge -\\log 4 @T")),
    ("C30", "kl_strict", "KL > 0 fails at p = q; KL(p || p) < 0 is false; KL >= 0 holds",
     blocks("KL(p \\| q) &> 0 @F", "KL(p \\| p) &< 0 @F", "KL(p \\| q) &\\ge 0 @T")),
    ("C30", "chain_mixing", "a chain through \\le that comes back with = to a smaller value",
     "\\begin{align*}\na + a &= 2 a \\\\ @T\n&\\le 2 a + 1 \\\\ @T\n&= 2 a @F\n\\end{align*}\n"),
    ("C30", "equal_sides_strict", "a < a and a^2 + 1 < a^2 + 1 on equal sides",
     blocks("a^2 + 1 &< a^2 + 1 @F", "a^2 + 1 &\\le a^2 + 1 @T")),
    # ---------------------------------------------------------------- C31
    ("C31", "named_rule_wrong", "a false step tagged with a rule that would be sound elsewhere",
     blocks("\\int p(x) \\log D(x) dx &= \\int p(x) \\log D(x) dx + 1 \\tag{linearity} @F",
            "KL(p \\| q) &\\ge 1 \\tag{kl-nonnegative} @F",
            "a &\\le a^2 \\tag{kl-nonnegative} @F")),
    ("C31", "named_rule_jensen_misapplied", "jensen named for a non-concave function and for a true KL bound",
     blocks("\\mathbb{E}_{x \\sim p}[-\\log D(x)] &\\le -\\log \\mathbb{E}_{x \\sim p}[D(x)] \\tag{jensen} @F",
            "\\log(1 + a^2) &\\le a^2 \\tag{jensen} @T")),
    # ---------------------------------------------------------------- C32
    ("C32", "kl_minus_itself_disjoint", "KL(p || q) = +inf on disjoint supports; SymPy cancels KL - KL to 0",
     "%! density p on [0, 1]\n%! density q on [2, 3]\n" + blocks(
         "KL(p \\| q) - KL(p \\| q) &= 0 @U",
         "2 KL(p \\| q) - KL(p \\| q) &= KL(p \\| q) @U",
         "H(p, q) - H(p, q) &= 0 @U",
         "KL(p \\| q) - KL(q \\| p) &= 0 @U")),
    ("C32", "unstated_tails", "densities on R with unstated tails: KL, entropy and mean may be infinite",
     blocks("KL(p \\| q) - KL(p \\| q) &= 0 @U",
            "H(p) - H(p) &= 0 @U",
            "\\mathbb{E}_{x \\sim p}[x] - \\mathbb{E}_{x \\sim p}[x] &= 0 @U")),
    ("C32", "integral_not_integrable", "an integral that diverges, minus itself",
     blocks("\\int_1^{\\infty} \\frac{1}{x} dx - \\int_1^{\\infty} \\frac{1}{x} dx &= 0 @U",
            "\\int_0^1 \\frac{1}{x} dx - \\int_0^1 \\frac{1}{x} dx &= 0 @U")),
    ("C32", "finite_alphabet_true", "the same cancellations on one finite alphabet, where every term is finite",
     "%! density p, q on {0, 1, 2}\n" + blocks(
         "KL(p \\| q) - KL(p \\| q) &= 0 @T",
         "2 KL(p \\| q) - KL(p \\| q) &= KL(p \\| q) @T",
         "H(p) - H(p) &= 0 @T")),
    ("C32", "always_finite_true", "terms finite for every density: KL against a mixture, JSD, a continuous integrand",
     blocks("KL(p \\| \\frac{p + q}{2}) - KL(p \\| \\frac{p + q}{2}) &= 0 @T",
            "JSD(p \\| q) - JSD(p \\| q) &= 0 @T",
            "\\int_0^1 x^2 dx - \\int_0^1 x^2 dx &= 0 @T")),
    # ---------------------------------------------------------------- C33
    ("C33", "function_plus_one", "f(x) := f(x) + 1 defines nothing; a step about f(1) after it",
     AL % "f(x) &:= f(x) + 1 \\\\\nf(1) &= f(1) + 1 @U"),
    ("C33", "constant_twice", "c := 2c, then c = 1 (no c with c = 2c is 1)",
     AL % "c &:= 2c \\\\\nc &= 1 @F"),
    ("C33", "constant_plus_one_and_a_true_definition", "c := c + 1 beside a definition of another name",
     AL % "c &\\coloneqq c + 1 \\\\\nc + 1 &= c @U" + "\n" + AL % "g(t) &:= t^2 \\\\\ng(2) &= 4 @T"),
    # ---------------------------------------------------------------- C34
    ("C34", "zero_times_infinite",
     "KL(p || q) = +inf on disjoint supports and H(p) has no value for some p on R; 0 * inf has no value",
     "%! density p on [0, 1]\n%! density q on [2, 3]\n%! density p_r\n" + blocks(
         "0 \\cdot KL(p \\| q) &= 0 @U",
         "(1 - 1) H(p_r) &= 0 @U",
         "0 \\cdot KL(p \\| p) &= 0 @T",
         "0 \\cdot \\mathbb{E}_{x \\sim p}[D(x)] &= 0 @T")),
    # ---------------------------------------------------------------- C35
    ("C35", "argmin_infinite_dropped",
     "a term without theta dropped from an arg min while it is +inf (disjoint supports, an entropy): then every "
     "theta minimises the left side",
     "%! density q_\\theta on [0, 1]\n%! density p_{data} on [0, 1]\n%! density p on [2, 3]\n%! density p_r\n" + blocks(
         ARGMIN + "[\\mathbb{E}_{x \\sim q_\\theta}[x^2] + KL(p_{data} \\| p)] &= " + ARGMIN
         + "\\mathbb{E}_{x \\sim q_\\theta}[x^2] @F",
         ARGMIN + "[\\mathbb{E}_{x \\sim q_\\theta}[x^2] + H(p_r)] &= " + ARGMIN + "\\mathbb{E}_{x \\sim q_\\theta}[x^2] @F",
         ARGMAX + "[-\\mathbb{E}_{x \\sim q_\\theta}[x^2] - KL(p_{data} \\| p)] &= " + ARGMAX
         + "[-\\mathbb{E}_{x \\sim q_\\theta}[x^2]] @F",
         ARGMIN + "[\\mathbb{E}_{x \\sim q_\\theta}[x^2] + \\log 4] &= " + ARGMIN + "\\mathbb{E}_{x \\sim q_\\theta}[x^2] @T")),
    ("C35", "argmin_tied_term",
     "a term whose names do not carry theta but whose law does: samples of q_theta, p = q_theta assumed, a "
     "pushforward through G_theta",
     "%! density q_\\theta on [0, 1]\n%! sample x^{(i)} \\sim q_\\theta\n%! pushforward p_r = G_\\theta(z), z \\sim p_z\n"
     + blocks(ARGMIN + "[\\mathbb{E}_{x \\sim q_\\theta}[x^2] - \\frac{1}{m} \\sum_{i=1}^{m} x^{(i)}] &= " + ARGMIN
              + "\\mathbb{E}_{x \\sim q_\\theta}[x^2] @F",
              ARGMIN + "[\\mathbb{E}_{x \\sim q_\\theta}[x^2] - \\mathbb{E}_{x \\sim p_r}[\\frac{x}{1 + x^2}]] &= " + ARGMIN
              + "\\mathbb{E}_{x \\sim q_\\theta}[x^2] @F")
     + "\n%! density p on [0, 1]\n%! assume p = q_\\theta\n"
     + blocks(ARGMIN + "[\\mathbb{E}_{x \\sim q_\\theta}[x^2] - \\mathbb{E}_{x \\sim p}[x]] &= " + ARGMIN
              + "\\mathbb{E}_{x \\sim q_\\theta}[x^2] @F")),
    ("C35", "argmin_constraint_tie",
     "a constraint a = theta: the term a, free of theta by its name, moves with it",
     "%! density q_\\theta on [0, 1]\n%! assume a = \\theta\n" + blocks(
         ARGMIN + "[\\mathbb{E}_{x \\sim q_\\theta}[x^2] - a] &= " + ARGMIN + "\\mathbb{E}_{x \\sim q_\\theta}[x^2] @F")),
    ("C35", "argmin_finite_alphabet_true",
     "on one finite alphabet every divergence and entropy is finite: dropping H(p) or KL(p || p_r) keeps the arg min",
     "%! density p, p_r, q_\\theta on {0, 1, 2}\n" + blocks(
         ARGMIN + "[KL(p \\| q_\\theta) + H(p)] &= " + ARGMIN + "KL(p \\| q_\\theta) @T",
         ARGMIN + "[KL(p \\| q_\\theta) - KL(p \\| p_r)] &= " + ARGMIN + "KL(p \\| q_\\theta) @T")),
    # ---------------------------------------------------------------- C36
    ("C36", "chi_square_other_reading_undecided",
     "chi^2 >= half of int (P - Q)^2 / Q holds with Q dividing; with P dividing it fails, and the quadrature of "
     "int (P - Q)^2 / P does not settle it on densities on [0, 1]",
     "%! density p_a, p_b on [0, 1]\n" + blocks(
         "\\chi^2(p_a \\| p_b) &\\ge \\int_0^1 \\frac{(p_a(x) - p_b(x))^2}{2 p_b(x)} dx @F",
         "\\chi^2(p_a \\| p_b) &\\ge \\int_0^1 \\frac{(p_a(x) - p_b(x))^2}{2 p_a(x)} dx @F",
         "\\chi^2(p_a \\| p_b) + 1 &\\ge 1 @T")),
    ("C36", "chi_square_declared",
     "the same bound with the convention declared: it holds",
     "%! chi-square pearson\n%! density p_a, p_b on [0, 1]\n" + blocks(
         "\\chi^2(p_a \\| p_b) &\\ge \\int_0^1 \\frac{(p_a(x) - p_b(x))^2}{2 p_b(x)} dx @T")),
    # ---------------------------------------------------------------- C37
    ("C37", "conjugate_redefined",
     "f^*(t) = sup_u {t u - u^2} is t^2/4; a later row f^*(t) = t^2 is a wrong claim, not a second definition",
     AL % "f^*(t) &= \\sup_{u} \\{t u - u^2\\}" + "\n" + blocks(
         "f^*(t) &= t^2 @F",
         "f^*(1) &= 1 @F",
         "f^*(t) + 1 &= 1 + f^*(t) @T")),
    ("C37", "argmin_value_redefined",
     "theta^* names the minimiser (0 for q_theta uniform on [theta/2, theta/2 + 1/2]); theta^* = 3 is a claim",
     "%! density q_\\theta on [0, 1]\n" + AL % ("\\theta^* &= " + ARGMIN + "\\mathbb{E}_{x \\sim q_\\theta}[x^2]")
     + "\n" + blocks("\\theta^* &= 3 @F", "\\theta^* + 1 &= 4 @F", "2 \\theta^* &= \\theta^* + \\theta^* @T")),
    # ---------------------------------------------------------------- C38
    ("C38", "starred_constant",
     "theta^* beside theta, a^\\ast beside a, and t^* inside an integral over t: each starred letter is its own name",
     blocks("\\theta^* - \\theta &= 0 @F",
            "a^{\\ast} + a &= 2 a @F",
            "\\int_0^1 (t - t^*) dt &= 0 @F",
            "\\pi^* &= \\pi @F",
            "c^* + 1 &= 1 + c^* @T")),
    # ---------------------------------------------------------------- C39
    ("C39", "nested_sample_mean",
     "a double mean over i and j: x_i inside the sum over j was the constant x_i, so the outer mean was the inner "
     "one and equal to a sum with a free sample",
     "%! sample x^{(i)} \\sim p\n%! sample x^{(j)} \\sim p\n" + blocks(
         "\\frac{1}{m}\\sum_{i=1}^{m} \\frac{1}{m}\\sum_{j=1}^{m} D(x_i) D(x_j) &= "
         "\\frac{1}{m}\\sum_{j=1}^{m} D(x_i) D(x_j) @U",
         "\\frac{1}{m}\\sum_{i=1}^{m} D(x_i) \\cdot \\frac{1}{n}\\sum_{j=1}^{n} D(x_j) &= "
         "\\mathbb{E}_{x \\sim p}[D(x)]^2 @T",
         "\\frac{1}{m}\\sum_{i=1}^{m} \\frac{1}{m}\\sum_{j=1}^{m} D(x_j) &= \\mathbb{E}_{x \\sim p}[D(x)] @T")),
    # ---------------------------------------------------------------- C40
    ("C40", "derivative_capture",
     "k(t) = d/dx (x t)^2 = 2 x t^2, so k(x) = 2 x^3; substituting t = x under the derivative gives 4 x^3",
     AL % "k(t) &= \\frac{d}{dx} (x t)^2" + "\n" + blocks("k(x) &= 4 x^3 @F", "k(x) &= 2 x^3 @T")),
    # ---------------------------------------------------------------- C41
    ("C41", "any_function_expectation",
     "f is any real function: E_p[f(x)] has no value for f(x) = x^2 and a Cauchy p, so E - E = 0 and 0 E = 0 "
     "have none either; the critics are bounded on every instance",
     blocks("\\mathbb{E}_{x \\sim p}[f(x)] - \\mathbb{E}_{x \\sim p}[f(x)] &= 0 @U",
            "0 \\cdot \\mathbb{E}_{x \\sim p}[f(x)] &= 0 @U",
            "f(1) + f(2) &= f(2) + f(1) @T")),
    ("C41", "conjugate_expectation",
     "f^*(t) = sup_u {t u - u^2} = t^2/4 is read as any function, but it is unbounded: E_p[f^*(x)] has no value "
     "for a Cauchy p; a discriminator D in (0, 1) keeps E_p[D] - E_p[D] = 0",
     AL % "f^*(t) &= \\sup_{u} \\{t u - u^2\\}" + "\n" + blocks(
         "\\mathbb{E}_{x \\sim p}[f^*(x)] - \\mathbb{E}_{x \\sim p}[f^*(x)] &= 0 @U",
         "\\mathbb{E}_{x \\sim p}[f^*(x)] + 1 - \\mathbb{E}_{x \\sim p}[f^*(x)] &= 1 @U",
         "\\mathbb{E}_{x \\sim p}[D(x)] - \\mathbb{E}_{x \\sim p}[D(x)] &= 0 @T")),
    # ---------------------------------------------------------------- C42
    ("C42", "label_mean",
     "labels 1 and 0 with probability 1/2 each: the mean of y^2 is 1/2 and the square of the mean of y is 1/4; "
     "the sum did not depend on i and was read as y^2 = y^2",
     "%! sample (x^{(i)}, y^{(i)}) \\sim labelled(p_r: 1, p_g: 0)\n" + blocks(
         "\\frac{1}{m}\\sum_{i=1}^{m} (y^{(i)})^2 &= (\\frac{1}{m}\\sum_{i=1}^{m} y^{(i)})^2 @F",
         "\\frac{1}{m}\\sum_{i=1}^{m} y^{(i)} &= \\frac{1}{2} @T",
         "\\frac{1}{m}\\sum_{i=1}^{m} (y^{(i)})^2 D(x^{(i)}) &= \\frac{1}{m}\\sum_{i=1}^{m} y^{(i)} D(x^{(i)}) @T")),
    # ---------------------------------------------------------------- C43
    ("C43", "any_function_of_d_and_g",
     "f(t) = 1/t and D(x) = sigmoid(x) under a Cauchy p: E_p[f(D(x))] = E_p[1 + e^{-x}] = +inf; G(z) = z under a "
     "Cauchy p_z has no mean, nor has f(G(z)) for f(t) = t; only the argument of f was looked at, not what moves in it",
     blocks("\\mathbb{E}_{x \\sim p}[f(D(x))] - \\mathbb{E}_{x \\sim p}[f(D(x))] &= 0 @U",
            "0 \\cdot \\mathbb{E}_{x \\sim p}[f(D(x))] &= 0 @U",
            "\\mathbb{E}_{z \\sim p_z}[G(z)] - \\mathbb{E}_{z \\sim p_z}[G(z)] &= 0 @U",
            "\\mathbb{E}_{z \\sim p_z}[f(G(z))] + 1 - \\mathbb{E}_{z \\sim p_z}[f(G(z))] &= 1 @U",
            "\\mathbb{E}_{z \\sim p_z}[D(G(z))] - \\mathbb{E}_{z \\sim p_z}[D(G(z))] &= 0 @T")),
    # ---------------------------------------------------------------- C44
    ("C44", "increasing_generator_jacobian",
     "the change of variables without |G'|: p_G(G(z)) G'(z) = p_z(z) holds for increasing G only; G(z) = -z (a decreasing G) gives -p_z(z)",
     "%! pushforward p_G = G(z), z \\sim p_z\n" + blocks(
         "p_G(G(z)) \\frac{d}{dz} G(z) &= p_z(z) @F",
         "\\frac{d}{dz} G(z) &= \\frac{p_z(z)}{p_G(G(z))} @F")),
    ("C44", "increasing_generator_integral",
     "int p_G(G(z)) G'(z) dz is 1 for an increasing bijection, -1 for a decreasing one, and 0 for G(z) = z^2 (an odd integrand)",
     "%! pushforward p_G = G(z), z \\sim p_z\n" + blocks(
         "\\int p_G(G(z)) \\frac{d}{dz} G(z) dz &= 1 @F",
         "\\int p_G(G(z)) D(G(z)) \\frac{d}{dz} G(z) dz &= \\mathbb{E}_{x \\sim p_G}[D(x)] @F")),
    ("C44", "fourth_generator_jacobian",
     "the change of variables without |G'| for the fourth and fifth generators of a file: the orientation "
     "of each generator must vary over the instances whatever its place among the file's generators "
     "(G_4(z) = -z, G_5(z) = -z make the Jacobian -1)",
     "%! pushforward p_4 = G_4(z), z \\sim p_z\n%! pushforward p_5 = G_5(z), z \\sim p_z\n" + blocks(
         "p_4(G_4(z)) \\frac{d}{dz} G_4(z) + G_1(z) + G_2(z) + G_3(z) &= p_z(z) + G_1(z) + G_2(z) + G_3(z) @F",
         "p_5(G_5(z)) \\frac{d}{dz} G_5(z) + G_1(z) + G_2(z) + G_3(z) + G_4(z) &= "
         "p_z(z) + G_1(z) + G_2(z) + G_3(z) + G_4(z) @F",
         "\\left(p_4(G_4(z)) \\frac{d}{dz} G_4(z)\\right)^2 + G_1(z) + G_2(z) + G_3(z) &= "
         "p_z(z)^2 + G_1(z) + G_2(z) + G_3(z) @T")),
    # ---------------------------------------------------------------- C46
    ("C46", "tiny_inside_log",
     "D(10^4)(1 - D(10^4)) is about e^{-2000} on every drawn D, and log(1 + t) = 0, sqrt(1 + t) = 1 only at "
     "t = 0; the bare product = 0 is refuted (C10), the same number under log(1 + .) is not",
     blocks("\\log(1 + D(10000) (1 - D(10000))) &= 0 @F",
            "\\sqrt{1 + D(10000) (1 - D(10000))} &= 1 @F",
            "\\log(1 + D(-1000) (1 - D(-1000))) + \\log(1 + D(1000) (1 - D(1000))) &= 0 @F",
            "\\log(1 + e^{-G(100)^2}) &= 0 @F")),
    # ---------------------------------------------------------------- C47
    ("C47", "discriminator_limits",
     "int (D(x) - D(x - 1)) dx is lim D(+oo) - lim D(-oo), which is +-1 for a drawn D; it is 0.8 for "
     "D(x) = 0.5 + 0.4 tanh(x^3 - x) and 0 for a D that tends to 1/2",
     blocks("\\left(\\int_{-\\infty}^{\\infty} (D(x) - D(x - 1)) dx\\right)^2 &= 1 @F",
            "\\left(\\int_{-\\infty}^{\\infty} (D(x)^2 - D(x - 1)^2) dx\\right)^2 &= 1 @F")),
    ("C47", "free_function_tails",
     "int f'(x) dx over R is f(+oo) - f(-oo), not f(1000) - f(-1000); they differ for f(x) = tanh(x / 1000) "
     "(2 against 2 tanh 1)",
     blocks("\\int_{-\\infty}^{\\infty} \\frac{d}{dx} f(x) dx &= f(1000) - f(-1000) @F",
            "\\int_{-\\infty}^{\\infty} (f(x) - f(x - 1)) dx &= f(1000) - f(-1000) @F")),
    ("C47", "saturation_at_far_points",
     "a D that tends to 0 and 1 makes D(1000) + D(-1000) = 1 and D(500)(1 - D(500)) = 0 to hundreds of digits; "
     "D(x) = 0.5 + 0.4 tanh(x) gives 1 + 0 and 0.09; the telescoping sum of D(x + 1) - D(x) over x = -500..499 is "
     "D(500) - D(-500), true for every D",
     blocks("D(1000) + D(-1000) &= 1 @F",
            "D(500) (1 - D(500)) + D(-500) (1 - D(-500)) &= 0 @F",
            "(D(1000) - D(-1000))^2 &= 1 @F",
            "D(1000) + (1 - D(1000)) &= 1 @T",
            "\\mathbb{E}_{x \\sim p}[D(x) - D(x - 1)] &= \\mathbb{E}_{x \\sim p}[D(x)] - \\mathbb{E}_{x \\sim p}[D(x - 1)] @T")),
    # ---------------------------------------------------------------- C48
    ("C48", "free_function_derivative",
     "f is any real function: f(s) = |s - t| has no derivative at t, so d/dt f(t) has no value there and "
     "neither side of any step below has one; the drawn f are all smooth",
     blocks("\\frac{d}{dt} f(t) - \\frac{d}{dt} f(t) &= 0 @U",
            "\\frac{d}{dt} (f(t) + t) &= \\frac{d}{dt} f(t) + 1 @U",
            "\\frac{d}{d(D(x))} f(D(x)) - \\frac{d}{d(D(x))} f(D(x)) &= 0 @U",
            "\\frac{d}{dt} f(t) + 1 &= 1 + \\frac{d}{dt} f(t) @U",
            "\\frac{d}{dt} t^2 - \\frac{d}{dt} t^2 &= 0 @T")),
    # ---------------------------------------------------------------- C49
    ("C49", "sequence_vanishing_coefficient",
     "a D = a p/(p + q) holds for every D at a = 0; (p - q) D = (p - q)/2 holds for every D where p(x) = "
     "q(x), which two densities do somewhere; the root the numbers check is found as if the coefficient "
     "were non-zero",
     AL % "a D(x) &= \\frac{a p(x)}{p(x) + q(x)} \\\\\nD(x) &= \\frac{p(x)}{p(x) + q(x)} @F" + "\n"
     + AL % "(p(x) - q(x)) D(x) &= \\frac{p(x) - q(x)}{2} \\\\\nD(x) &= \\frac{1}{2} @F" + "\n"
     + AL % "p(x) D(x) &= q(x) (1 - D(x)) \\\\\nD(x) &= \\frac{q(x)}{p(x) + q(x)} @T"),
    # ---------------------------------------------------------------- C50
    ("C50", "number_spelled_as_density",
     "p is never applied, integrated or written beside x: read as a number; a wrong derivative must still fail",
     AL % "L(u) &= -p\\log(\\frac{e^u}{1+e^u}) - (1-p)\\log(\\frac{1}{1+e^u}) \\\\\n&= -pu + \\log(1 + e^u) @T"
     + "\n" + blocks("\\frac{d}{du} L(u) &= \\frac{e^u}{1+e^u} + p @F",
                     "\\frac{d}{du} L(u) &= \\frac{e^u}{1+e^u} - p @T")),
    ("C50", "discriminator_given_a_form",
     "D(x) = e^l/(1 + e^l) with a new l is read as D's definition; wrong steps under it must fail",
     blocks("V(D) &= \\mathbb{E}_{x \\sim p}[\\log D(x)]",
            "D(x) = \\frac{e^\\ell}{1 + e^\\ell}",
            "\\log D(x) &= \\ell + \\log(1 + e^\\ell) @F",
            "\\log(1 - D(x)) &= -\\log(1 + e^\\ell) @T",
            "\\frac{d}{d\\ell} \\log D(x) &= D(x) @F")),
    ("C50", "where_clauses_and_capture",
     "a clause where m = ... defines m; a defined t must not be captured by an integral's dt",
     blocks("JSD(p \\| q) &= KL(p \\| m), \\text{ where } m = \\frac{p+q}{2} @F",
            "\\int_0^1 t \\, dt &= 1, \\text{ where } t = 2 @F",
            "c \\cdot a &= 2 a, \\text{ with } c = 3 @F",
            "s &= 2",
            "\\int_0^1 s \\, ds &= 2 @F",
            "\\int_0^1 s \\, ds &= \\frac{1}{2} @T")),
    ("C50", "integral_without_dx",
     "an integral with no dx spans the terms after it that hold x: a wrong factor inside must still fail",
     blocks("KL(p \\| q) + KL(q \\| p) &= \\int_x p(x) \\log \\frac{p(x)}{q(x)} + 2 q(x) \\log \\frac{q(x)}{p(x)} @F",
            "\\int_{0}^{1} 2x + x &= 1 @F")),
    ("C50", "quantifier_and_composition",
     "a leading \\forall is left out and \\circ composes: the order of a composition matters",
     blocks("\\forall a, b, a + b = b + 2 a @F",
            "f \\circ g(x) &= g(f(x)) @F",
            "\\mathbb{E}_{z \\sim p_z}[\\log(1 - D \\circ G(z))] &= \\mathbb{E}_{z \\sim p_z}[\\log(1 - D(G(z)))] @T",
            "f \\circ g \\circ h(x) &= f(h(g(x))) @F")),
    ("C50", "digit_product_and_bare_sum",
     "p1 is p_1, x(1 - x) a product and a bare sum the sum over the alphabet: wrong steps must fail",
     blocks("KL(p1 \\| p_0) &= KL(p_0 \\| p_1) @F",
            "JSD(p1 \\| p_0) &= JSD(p_0 \\| p_1) @T",
            "x(1 - x) &= x + x^2 @F",
            "\\sum{q(x) \\log \\frac{q(x)}{p(x)}} &= KL(p \\| q) @F")),
    ("C50", "name_defined_in_words",
     "a name the prose defines in words: a refutation with it is unknown at most, never an acceptance",
     blocks("2 \\mu &= \\mu + 1 @F") + "where $\\mu$ is the true (population) mean.\n"),
    # ---------------------------------------------------------------- C51
    ("C51", "power_is_no_definition",
     "sigma^2 = 4 is a claim about sigma (a power), not sigma := 4; lambda^2 := 9 cannot define lambda either",
     blocks("\\sigma^2 &= 4 @F",
            "\\sigma + \\sigma &= 8 @F",
            "\\lambda^{2} &:= 9 @F",
            "\\lambda \\cdot \\lambda &= 9 @F")),
    ("C51", "euler_number_is_no_parameter",
     "u(e) = 1 states u's value at e: it does not define u everywhere",
     blocks("u(e) &= 1", "u(7) &= 1 @F", "u(0) + u(0) &= 2 u(0) @T")),
    ("C51", "prose_definition_with_a_power",
     "Let $h(t) = t^2$ defines h: its true and false values are judged with it",
     "Let $h(t) = t^2$ and $g(t) = e^{t}$.\n" + blocks("h(3) &= 9 @T", "g(2) &= e^2 @T", "h(3) &= 8 @F")),
    ("C51", "kinks_of_absolute_values",
     "|x - c| bends at c: a quadrature across the bend must not decide; a wrong constant must still fail",
     blocks("\\int_{-1}^{1} |x| \\, dx &= 1 @T",
            "\\int_{-1}^{1} |x - 0.3| \\, dx &= 1 @F",
            "\\int_{0}^{3} |x^2 - 2| \\, dx &= 3 + \\frac{8 \\sqrt{2}}{3} @T",
            "\\int_{0}^{3} |x^2 - 2| \\, dx &= 3 + \\frac{8 \\sqrt{2}}{3} + 10^{-6} @F")),
    ("C51", "absolute_values_of_functions",
     "|p - q| and |D - 1/2| bend where no formula says: wrong steps with them must not be accepted",
     blocks("\\int |p(x) - q(x)| \\, dx &= 0 @F",
            "\\mathbb{E}_{x \\sim p}[|D(x) - \\tfrac12|] &= \\mathbb{E}_{x \\sim p}[D(x)] - \\tfrac12 @F",
            "|a - b| &= a - b @F",
            "|a||b| &= |a b| @T",
            "||a| - |b|| &= |a - b| @F")),
    ("C51", "absolute_value_sign_ranges",
     "every constant and point drawn lies below 30: an identity that holds only where |u| has one sign agrees on all",
     blocks("|a - 30| &= 30 - a @F",
            "|x + 30| &= 30 + x @F",
            "\\int_{-10}^{10} |x - c| \\, dx &= 100 + c^2 @F")),
    # ---------------------------------------------------------------- C52
    ("C52", "spellings_side_by_side",
     "p_n beside p_N, and bold q beside q, in one row are two names: merged, KL between them would be 0",
     blocks("KL(p_n \\| p_N) &= 0 @F",
            "KL(p_n \\| p_n) &= 0 @T",
            "KL(\\mathbf{q} \\| q) &= 0 @F")),
    ("C52", "comma_list_of_equations",
     "a = 2, b = 3 in one row: two definitions, and a wrong sum with them must fail",
     blocks("a = 2, b = 3",
            "a + b &= 6 @F",
            "a b &= 6 @T",
            "P_1 = 3, P_2 = 2",
            "P_1 + P_2 &= 5 @T",
            "P_1 - P_2 &= 5 @F")),
    ("C52", "where_row_below_its_formula",
     "M defined below the formula that uses it: read first; a wrong factor or a wrong M must still fail",
     AL % "JSD(p \\| q) &= \\frac{1}{2} D(p \\| M) + \\frac{1}{2} D(q \\| M) \\\\ @T\nM &= \\frac{1}{2}(p + q)"
     + AL % "JSD(p \\| q) &= D(p \\| K) \\\\ @F\nK &= \\frac{1}{2}(p + q)"
     + AL % "JSD(p \\| q) &= \\frac{1}{2} D(p \\| L) + \\frac{1}{2} D(q \\| L) \\\\ @F\nL &= \\frac{1}{3}(p + q)"),
    ("C52", "optimum_by_its_name",
     "D^*_G never defined is the optimum when one data density and one other law stand beside it; a wrong "
     "constant must fail, and with a third law beside it no optimum is assumed",
     blocks("\\mathbb{E}_{x \\sim p_{data}}[\\log D^*_G(x)] + \\mathbb{E}_{x \\sim p_g}[\\log(1 - D^*_G(x))] &= "
            "-\\log 4 + 2 \\, JSD(p_{data} \\| p_g) @T",
            "\\mathbb{E}_{x \\sim p_{data}}[\\log D^*_G(x)] + \\mathbb{E}_{x \\sim p_g}[\\log(1 - D^*_G(x))] &= "
            "-\\log 2 + 2 \\, JSD(p_{data} \\| p_g) @F",
            "\\mathbb{E}_{x \\sim p_{data}}[\\log D^*_G(x)] &= \\mathbb{E}_{x \\sim p_g}[\\log D^*_G(x)] @F")),
    ("C52", "subscripted_laws",
     "E_{p_{data}} names its law, p_{G_theta} and p_{G_phi} (p_{theta_0}, p_{theta_1}) are two densities",
     blocks("\\mathbb{E}_{p_{data}}[D(x)] &= \\int p_{data}(x) D(x) \\, dx @T",
            "\\mathbb{E}_{p_{data}}[D(x)] &= \\int p_g(x) D(x) \\, dx @F",
            "\\mathbb{E}_{x \\sim p_{G_\\theta}}[D(x)] &= \\mathbb{E}_{x \\sim p_{G_\\phi}}[D(x)] @F",
            "KL(p_{\\theta_0} \\| p_{\\theta_1}) &= 0 @F")),
    ("C52", "capital_for_the_bound_variable",
     "X inside the scope of x is x: true and wrong steps with it are judged as with x",
     blocks("\\mathbb{E}_{x \\sim p}[\\log D(X)] &= \\int p(x) \\log D(x) \\, dx @T",
            "\\int_0^1 X \\, dx &= \\frac{1}{3} @F",
            "\\mathbb{E}_{x \\sim p}[X^2] &= \\mathbb{E}_{x \\sim p}[X]^2 @F")),
    # ---------------------------------------------------------------- C53
    ("C53", "derivative_of_a_theta_indexed_name",
     "G_theta, p_theta and D_theta read as one fixed object each: their derivative in theta would be 0",
     "%! density p_\\theta on [0, 1]\n" + blocks(
         "\\frac{\\partial}{\\partial \\theta} \\mathbb{E}_{z \\sim p_z}[\\log(1 - D(G_\\theta(z)))] &= 0 @F",
         "\\int_0^1 x \\frac{\\partial}{\\partial \\theta} p_\\theta(x) \\, dx &= 0 @F",
         "\\frac{\\partial}{\\partial \\theta} \\mathbb{E}_{x \\sim p_{data}}[\\log D_\\theta(x)] &= 0 @F")),
    ("C53", "density_given_by_a_formula_that_is_no_law",
     "a prose formula for a density that does not integrate to 1 (or lives on another support) is dropped: the "
     "name stays any density, and what holds for every density is proved of it",
     "Let $p(x) = e^{-x^2/2}$ and $q(x) = \\frac{1}{\\sqrt{2\\pi}} e^{-x^2/4}$.\n" + blocks(
         "\\int p(x) \\, dx &= 1 @F",
         "KL(r \\| q) &\\ge 0 @F",
         "KL(r \\| r) &= 0 @T")),
    ("C53", "digits_with_space_between",
     "2 5 and 1\\,000 are one number each as TeX sets them (25, 1000), not products",
     blocks("2 5 &= 10 @F",
            "1\\,000 \\cdot \\log 2 &= 0 @F",
            "2 \\cdot 5 &= 10 @T")),
    ("C53", "sample_size_given_in_prose",
     "With $m = 3$ samples: a mean of three random samples is not the expectation it tends to",
     "%! sample x^{(i)} \\sim p_{data}\nWith $m = 3$ samples:\n" + blocks(
         "\\frac{1}{m} \\sum_{i=1}^{m} \\log D(x^{(i)}) &= \\mathbb{E}_{x \\sim p_{data}}[\\log D(x)] @F")),
    ("C53", "claim_after_a_word",
     "a formula after so, hence or and is a claim of its own: left out, a wrong one passed and the file ended ok",
     "%! density p, q\n" + blocks(
         "\\int p(x) \\, dx = 1 \\text{ so } \\int q(x) \\, dx = 2 @F",
         "a + a = 2 a, \\quad \\text{hence} \\quad a + a + a = 4 a @F",
         "b + b = 2 b \\text{ and } b b = b^2 @T")),
    ("C53", "capital_given_a_value_in_prose",
     "Let $X = 2$: X is that constant, not the x bound around it",
     "Let $X = 2$ be a constant.\n" + blocks(
         "\\int_0^1 X \\, dx &= \\frac{1}{2} @F",
         "\\int_0^1 X \\, dx &= X @T")),
    ("C53", "approx_to_a_decimal",
     "\\approx to a decimal: the other side rounded or cut off to its digits; one digit off is wrong",
     blocks("\\log 4 &\\approx 1.386 @T",
            "\\log 2 &\\approx 0.70 @F",
            "\\frac{1}{3} &\\approx 0.4 @F",
            "\\pi &\\approx 3.1415 @T")),
    ("C53", "approx_one_unit_above",
     "\\approx to a decimal: the value one unit above it neither rounds nor cuts off to it (0.5 is not 0.4)",
     blocks("\\frac{1}{2} &\\approx 0.4 @F",
            "1 &\\approx 0.9 @F",
            "\\frac{9}{20} &\\approx 0.4 @T")),
    ("C53", "normal_law_even_in_its_scale",
     "a normal formula that writes only c^2 is a density for c < 0 too: c is not made positive",
     "Let $p(x) = \\frac{1}{\\sqrt{2\\pi c^2}} e^{-\\frac{x^2}{2c^2}}$.\n" + blocks(
         "\\sqrt{c^2} &= c @F",
         "\\int p(x) \\, dx &= 1 @T")),
    ("C53", "condition_then_a_new_name",
     "p_g = p_data so C(G) = -log 4: the name after the word is no definition (it would hold for every G)",
     blocks("p_g = p_{data} \\text{ so } C(G) = -\\log 4",
            "C(G) &= -\\log 4 + 2 JSD(p_{data} \\| p_g)",
            "C(G) &\\le -\\log 4 @F")),
    ("C53", "sequence_in_a_real_constant",
     "a sequence solving for a constant a, not D: its unknown is no value in (0, 1), where the premise has no root",
     AL % "\\frac{d}{da} \\left( a^2 + 2 a \\right) = 0 \\\\\n\\Rightarrow a = 7 @F"
     + "\n" + AL % "\\frac{d}{dt} (t^3 - 3 t) = 0 \\\\\n\\Rightarrow t = 1 @F"
     + "\n" + AL % "\\frac{d}{da} \\left( a^2 + 2 a \\right) = 0 \\\\\n\\Rightarrow a = -1 @T"),
    ("C53", "prose_restates_a_defined_name",
     "the prose gives m another value after its definition: a step with the first m is not what the text says",
     "Let $m(x) = \\frac{p(x) + q(x)}{2}$ be the mixture.\n\n" + AL % "\\int m(x) \\, dx = 1, @F"
     + "where $m(x) = p(x) + q(x)$.\n"),
    ("C53", "capital_beside_its_small_letter",
     "KL(P || p) in one row: P and p are two laws, not a law and its density",
     blocks("KL(P \\| p) &= 0 @F",
            "\\int p(x) dx &= 1 @T")),
]


def build() -> dict[str, dict[str, str]]:
    """Write every case file; return the truth table."""
    out = HERE / "cases"
    out.mkdir(exist_ok=True)
    for old in [*out.glob("*.tex"), *out.glob("*.md")]:
        old.unlink()
    truth: dict[str, dict[str, str]] = {}
    counters: dict[str, int] = {}
    for cls, slug, attack, body in CASES:
        counters[cls] = counters.get(cls, 0) + 1
        stem, dot, suffix = slug.partition(".")
        name = f"{cls.lower()}_{counters[cls]:02d}_{stem}.{suffix if dot else 'tex'}"
        lines = [f"% class: {cls} {CLASSES[cls]}", f"% attack: {attack}"]
        labels: dict[str, str] = {}
        for raw in body.rstrip("\n").split("\n"):
            text = raw.rstrip()
            for mark, label in MARKS.items():
                if text.endswith(mark):
                    text = text[: -len(mark)].rstrip()
                    labels[str(len(lines) + 1)] = label
            lines.append(text)
        assert labels, name
        (out / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        truth[name] = labels
    return truth


if __name__ == "__main__":
    table = build()
    (HERE / "truth.json").write_text(json.dumps(table, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    steps = [v for t in table.values() for v in t.values()]
    print(f"{len(table)} files, {len(steps)} steps: "
          + ", ".join(f"{k} {steps.count(k)}" for k in ("true", "false", "undefined")))
