"""The rules' one-line statements, by name, in the order the rules are tried and listed (that of
``ALL_RULES``: a new rule's entry goes where the rule is registered; a test checks the order).

Kept apart from the rules themselves (which need SymPy) so that ``ganproof rules`` and the reports'
trust base read them without importing the symbolic machinery; each rule class takes its statement
from here by its name (:class:`ganproof.rules.base.Rule`).
"""

from __future__ import annotations

STATEMENTS: dict[str, str] = {
    "definition": "A defined name applied to arguments equals its definition with the arguments substituted.",
    "jsd-definition": "JSD(P || Q) = KL(P || M)/2 + KL(Q || M)/2 with M = (P + Q)/2.",
    "kl-definition": (
        r"KL(P || Q) = \int P(x) log(P(x)/Q(x)) dx over the one support of P's densities, which the "
        "supports of Q's densities hold."
    ),
    "f-divergence-definition": (
        r"D_f(P || Q) = \int Q(x) f(P(x)/Q(x)) dx, for a convex f with f(1) = 0 and P, Q on one "
        "support."
    ),
    "ce-definition": (
        r"CE(p, f) = -\int p log f dx over the support of p;  CE(y, d) = -(y log d + (1 - y) log(1 -"
        " d)) for d in (0, 1)."
    ),
    "law-of-large-numbers": (
        "A sample mean over samples drawn from p converges to E_{x ~ p} (labelled mixtures: the "
        "mixture)."
    ),
    "lotus": (
        r"For p_G the law of G(z), z ~ p_z: \int p_z(z) h(G(z)) dz = \int p_G(x) h(x) dx (also as "
        "expectations, and for a parametric G(z, theta) with law p_G(x, theta))."
    ),
    "expectation-to-integral": (
        r"E_{x ~ p}[f(x)] = \int p(x) f(x) dx over the support of p (from its lower to its upper "
        "end)."
    ),
    "substitution": (
        "Replace a density by an equal one under a hypothesis in force (e.g. p_G = p_data), the two"
        " declared on the same support."
    ),
    "differentiation": "Carry out a derivative by the rules of calculus (of an expression with no integral in it).",
    "leibniz": (
        r"d/d theta \int f(x, theta) dx = \int df/d theta dx when the limits do not depend on theta "
        r"(differentiation under the integral sign, for regular families); so \int dp(x; theta)/d "
        "theta dx = d/d theta 1 = 0 for a family of densities."
    ),
    "evaluation": (
        "f(theta) at theta = theta_0: substitute theta_0 for theta (a derivative of a named "
        "function stays a derivative at the point)."
    ),
    "log-algebra": "log(ab) = log a + log b and log(a/b) = log a - log b, for a, b proved positive.",
    "absolute-value": "|u| = u for u proved >= 0, |u| = -u for u proved <= 0, and |ab| = |a| |b|.",
    "linearity": (
        r"\int (a f + b g) dx = a \int f dx + b \int g dx over the same variable and domain (split "
        "or merge); the same for a sum over a finite alphabet."
    ),
    "normalisation": (
        r"\int p(x) dx = 1 for a density p over its support (from its lower to its upper end); "
        r"\sum_x p(x) = 1 for a law p on a finite alphabet, summed over that alphabet."
    ),
    "algebra": (
        "Rational arithmetic: expand products, cancel fractions (also inside logarithms and under "
        "one integral sign)."
    ),
    "add-zero": "Adding a term that is identically zero, e.g. (log 2 - log 2)(p + q).",
    "positivity": (
        "Sums, products and quotients of positive quantities are positive (a density inside its "
        "support, D, 1 - D, log of numbers > 1); a density elsewhere is only >= 0."
    ),
    "monotonicity": (
        r"If f(x) <= g(x) for every x in (a, b) then \int_a^b f dx <= \int_a^b g dx, for a < b (for "
        "reversed bounds the inequality flips)."
    ),
    "log-inequality": "log t <= t - 1 for t > 0, with equality only at t = 1.",
    "pointwise-max": (
        "If f(y) is strictly concave on the range of D ((0, 1) for a discriminator, R for a critic)"
        " with f'(y*) = 0 at y* in that range, then f(D(x)) <= f(y*(x)) for every x (stationary "
        "point, second-order condition, interior); a minimum is the maximum of -f."
    ),
    "kl-nonnegative": (
        "KL(P || Q) >= 0 for probability densities P and Q on one support (densities or mixtures of"
        " them with weights summing to 1), with equality iff P = Q (Gibbs' inequality)."
    ),
    "jensen": (
        "Jensen's inequality: H(E_w[Y]) >= E_w[H(Y)] for a law w and a function H concave on an "
        "interval that holds every value of Y (H''(t) <= 0 there, proved), an expectation an integral "
        "or a sum over an alphabet; for convex H the inequality reverses; equality when Y is constant."
    ),
}

STATEMENTS_LATEX: dict[str, str] = {
    "definition": "A defined name applied to arguments equals its definition with the arguments substituted.",
    "jsd-definition": r"$\operatorname{JSD}(P \,\|\, Q) = \tfrac12 \operatorname{KL}(P \,\|\, M) + \tfrac12 "
                      r"\operatorname{KL}(Q \,\|\, M)$ with $M = \tfrac12 (P + Q)$.",
    "kl-definition": r"$\operatorname{KL}(P \,\|\, Q) = \int P(x) \log \frac{P(x)}{Q(x)} \, dx$ over the one "
                     r"support of $P$'s densities, which the supports of $Q$'s densities hold.",
    "f-divergence-definition": r"$D_f(P \,\|\, Q) = \int Q(x) \, f\!\left(\frac{P(x)}{Q(x)}\right) dx$, for a "
                               r"convex $f$ with $f(1) = 0$ and $P$, $Q$ on one support.",
    "ce-definition": r"$\operatorname{CE}(p, f) = -\int p \log f \, dx$ over the support of $p$; "
                     r"$\operatorname{CE}(y, d) = -\bigl(y \log d + (1 - y) \log(1 - d)\bigr)$ for $d \in (0, 1)$.",
    "law-of-large-numbers": r"A sample mean over samples drawn from $p$ converges to $\mathbb{E}_{x \sim p}$ "
                            "(labelled mixtures: the mixture).",
    "lotus": r"For $p_G$ the law of $G(z)$, $z \sim p_z$: $\int p_z(z) \, h(G(z)) \, dz = \int p_G(x) \, h(x) \, "
             r"dx$ (also as expectations, and for a parametric $G(z, \theta)$ with law $p_G(x, \theta)$).",
    "expectation-to-integral": r"$\mathbb{E}_{x \sim p}[f(x)] = \int p(x) f(x) \, dx$ over the support of $p$ "
                               "(from its lower to its upper end).",
    "substitution": r"Replace a density by an equal one under a hypothesis in force (e.g. $p_G = p_{data}$), "
                    "the two declared on the same support.",
    "differentiation": "Carry out a derivative by the rules of calculus (of an expression with no integral in it).",
    "leibniz": r"$\frac{d}{d\theta} \int f(x, \theta) \, dx = \int \frac{\partial f}{\partial \theta} \, dx$ "
               r"when the limits do not depend on $\theta$ (differentiation under the integral sign, for regular "
               r"families); so $\int \frac{\partial p(x; \theta)}{\partial \theta} \, dx = \frac{d}{d\theta} 1 = 0$ "
               "for a family of densities.",
    "evaluation": r"$f(\theta)$ at $\theta = \theta_0$: substitute $\theta_0$ for $\theta$ (a derivative of a "
                  "named function stays a derivative at the point).",
    "log-algebra": r"$\log(ab) = \log a + \log b$ and $\log(a/b) = \log a - \log b$, for $a$, $b$ proved positive.",
    "absolute-value": r"$|u| = u$ for $u$ proved $\ge 0$, $|u| = -u$ for $u$ proved $\le 0$, and $|ab| = |a|\,|b|$.",
    "linearity": r"$\int (a f + b g) \, dx = a \int f \, dx + b \int g \, dx$ over the same variable and domain "
                 "(split or merge); the same for a sum over a finite alphabet.",
    "normalisation": r"$\int p(x) \, dx = 1$ for a density $p$ over its support (from its lower to its upper "
                     r"end); $\sum_x p(x) = 1$ for a law $p$ on a finite alphabet, summed over that alphabet.",
    "algebra": "Rational arithmetic: expand products, cancel fractions (also inside logarithms and under "
               "one integral sign).",
    "add-zero": r"Adding a term that is identically zero, e.g. $(\log 2 - \log 2)(p + q)$.",
    "positivity": r"Sums, products and quotients of positive quantities are positive (a density inside its "
                  r"support, $D$, $1 - D$, $\log$ of numbers $> 1$); a density elsewhere is only $\ge 0$.",
    "monotonicity": r"If $f(x) \le g(x)$ for every $x \in (a, b)$ then $\int_a^b f \, dx \le \int_a^b g \, dx$, "
                    r"for $a < b$ (for reversed bounds the inequality flips).",
    "log-inequality": r"$\log t \le t - 1$ for $t > 0$, with equality only at $t = 1$.",
    "pointwise-max": r"If $f(y)$ is strictly concave on the range of $D$ ($(0, 1)$ for a discriminator, "
                     r"$\mathbb{R}$ for a critic) with $f'(y^*) = 0$ at $y^*$ in that range, then "
                     r"$f(D(x)) \le f(y^*(x))$ for every $x$ (stationary point, second-order condition, interior); "
                     r"a minimum is the maximum of $-f$.",
    "kl-nonnegative": r"$\operatorname{KL}(P \,\|\, Q) \ge 0$ for probability densities $P$ and $Q$ on one "
                      r"support (densities or mixtures of them with weights summing to 1), with equality iff "
                      r"$P = Q$ (Gibbs' inequality).",
    "jensen": r"Jensen's inequality: $H(\mathbb{E}_w[Y]) \ge \mathbb{E}_w[H(Y)]$ for a law $w$ and a function $H$ "
              r"concave on an interval that holds every value of $Y$ ($H''(t) \le 0$ there, proved), an expectation "
              r"an integral or a sum over an alphabet; for convex $H$ the inequality reverses; equality when $Y$ is "
              "constant.",
}
"""The same statements as LaTeX text (prose, with its mathematics between dollars), for the reports."""

LEMMAS: dict[str, str] = {
    "kl-nonnegative": "gibbs",
}
"""The rules whose fact is a derived lemma: the built-in derivation that proves it."""
