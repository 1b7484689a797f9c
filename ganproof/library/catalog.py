"""The built-in derivations by name: where each is built and its title, readable without SymPy.

``ganproof list`` and the command line's checks of names ("did you mean") read this table alone;
a derivation itself is built (and SymPy imported) only when it is checked.  Each factory takes its
title from here, so that the listing and the report never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    """One built-in derivation: its name, the module of its factory (a function of that name) and title."""

    name: str
    module: str
    title: str
    title_latex: str = ""
    """The title as LaTeX text (prose, with its mathematics between dollars), for the reports."""
    summary_latex: str = ""
    """The derivation's summary as LaTeX text, for the reports (its plain text is the derivation's own)."""


ENTRIES: tuple[Entry, ...] = (
    Entry("value_function", "theorem1", "The value function V(G, D) as one integral over x",
          r"The value function $V(G, D)$ as one integral over $x$",
          r'$V(G, D) = \mathbb{E}_{p_{data}}[\log D] + \mathbb{E}_{z \sim p_z}[\log(1 - D(G(z)))] = \int p_{data} \log D + p_G \log(1 - D) \, dx$.'),
    Entry("optimal_discriminator", "theorem1", "The optimal discriminator D*_G = p_data / (p_data + p_G)",
          r"The optimal discriminator $D^*_G = p_{data} / (p_{data} + p_G)$",
          r'For fixed $G$, $V(G, D) \le V(G, D^*_G)$ for every $D$, with $D^*_G(x) = \frac{p_{data}(x)}{p_{data}(x) + p_G(x)} \in (0, 1)$.'),
    Entry("value_at_optimum", "theorem1", "At p_G = p_data: D*_G = 1/2 and V(G, D*_G) = -log 4",
          r"At $p_G = p_{data}$: $D^*_G = \tfrac12$ and $V(G, D^*_G) = -\log 4$",
          r'Under the hypothesis $p_G = p_{data}$ the optimal discriminator is $\tfrac12$ everywhere and the value is $-\log 4$.'),
    Entry("c_of_g", "theorem1",
          "C(G) = -log 4 + KL(p_data || m) + KL(p_G || m) = -log 4 + 2 JSD(p_data || p_G)",
          r"$C(G) = -\log 4 + \operatorname{KL}(p_{data} \,\|\, m) + \operatorname{KL}(p_G \,\|\, m) = -\log 4 + 2 \operatorname{JSD}(p_{data} \,\|\, p_G)$",
          r'The virtual training criterion in terms of the Jensen-Shannon divergence ($m = \tfrac12 (p_{data} + p_G)$).'),
    Entry("gibbs", "theorem1", "Gibbs' inequality: KL(p || q) >= 0, with equality iff p = q",
          r"Gibbs' inequality: $\operatorname{KL}(p \,\|\, q) \ge 0$, with equality iff $p = q$",
          r'Derived from $\log t \le t - 1$ (equality only at $t = 1$), so that Theorem 1 assumes no lemma.'),
    Entry("minimum", "theorem1", "The global minimum: C(G) >= -log 4, with equality iff p_G = p_data",
          r"The global minimum: $C(G) \ge -\log 4$, with equality iff $p_G = p_{data}$",
          r'$C(G) = -\log 4 + 2 \operatorname{JSD} \ge -\log 4$ by $\operatorname{KL} \ge 0$ (derived in \texttt{gibbs}); equality iff both KL terms vanish, i.e.\ $p_{data} = \tfrac12 (p_{data} + p_G) = p_G$. So the minimum $-\log 4$ is reached iff $p_G = p_{data}$.'),
    Entry("monte_carlo", "monte_carlo", "Monte Carlo estimates of the GAN loss: where the samples come from",
          "Monte Carlo estimates of the GAN loss: where the samples come from",
          r'Each expectation needs samples from its own distribution. A single sample set $x^{(i)} \sim p_r$ for both terms estimates $\mathbb{E}_{p_r}[\log D + \log(1 - D)]$, a different number (refuted). A labelled equal mixture with binary cross-entropy estimates $L/2$.'),
    Entry("lecture_mistakes", "lecture", "The mistakes of the lecture proof as written (each must be refuted)",
          "The mistakes of the lecture proof as written (each must be refuted)",
          r"Known mistakes in the lecture notes' proof of Theorem 1, entered as written."),
    Entry("lsgan", "relatives",
          "Least-squares GAN: D* = (b p_data + a p_G)/(p_data + p_G) and 2 C(G) = Pearson chi-square",
          r"Least-squares GAN: $D^* = \frac{b\, p_{data} + a\, p_G}{p_{data} + p_G}$ and $2 C(G) = \chi^2_{\mathrm{Pearson}}$",
          r"Mao et al.\ (2017). For any targets $a$, $b$ the squared loss is minimised pointwise by $D^*(x) = \frac{b\, p_{data}(x) + a\, p_G(x)}{p_{data}(x) + p_G(x)}$. With $b - c = 1$ and $b - a = 2$ the generator's objective at $D^*$ is half the Pearson $\chi^2$ divergence of $p_{data} + p_G$ from $2 p_G$, so $C(G) \ge 0$, with the minimum $0$ at $p_G = p_{data}$."),
    Entry("f_gan", "relatives",
          "f-GAN: D_f(P || Q) >= E_P[T] - E_Q[f*(T)], tight at T* = f'(p/q); the GAN f gives 2 JSD - log 4",
          r"$f$-GAN: $D_f(P \,\|\, Q) \ge \mathbb{E}_P[T] - \mathbb{E}_Q[f^*(T)]$, tight at $T^* = f'(p/q)$; the GAN $f$ gives $2 \operatorname{JSD} - \log 4$",
          r"Nowozin, Cseke and Tomioka (2016). For convex $f$ with $f(1) = 0$ and its conjugate $f^*$, $t u - f^*(t) \le f(u)$ at every $x$ (Fenchel-Young, proved here as the maximum of a concave function of $t = T(x)$), so every critic $T$ gives a lower bound on $D_f$, and $T^* = f'(p/q)$ attains it. With $f(u) = u \log u - (u + 1) \log(u + 1)$ and $T = \log D$ the bound is Goodfellow et al.'s $V(G, D)$, and $D_f(p_{data} \,\|\, p_G) = 2 \operatorname{JSD}(p_{data} \,\|\, p_G) - \log 4 = C(G)$."),
    Entry("f_table", "divergences",
          "The f-divergence table: Pearson and Neyman chi-square, squared Hellinger, Jensen-Shannon",
          r"The $f$-divergence table: Pearson and Neyman $\chi^2$, squared Hellinger, Jensen-Shannon",
          r"The $f$-divergence table of Nowozin, Cseke and Tomioka (2016) beyond KL. For each $f$, its conjugate $f^*$ on its domain and a critic $T = g(V)$ that stays in that domain: Pearson $\chi^2$ ($f(u) = (u - 1)^2$, $f^*(t) = t^2/4 + t$, $T = V$), Neyman $\chi^2$ (Pearson's with $P$ and $Q$ exchanged), squared Hellinger ($f(u) = (\sqrt{u} - 1)^2$, $f^*(t) = \frac{t}{1 - t}$, $T = 1 - e^{-V}$) and Jensen-Shannon ($f(u) = u \log u - (u + 1) \log \frac{u + 1}{2}$, $f^*(t) = -\log(2 - e^t)$, $T = \log 2 + \log D$). Every critic gives a lower bound (Fenchel-Young at every $x$), $T^* = f'(p/q)$ attains it, and $D_f$ is the divergence under its usual name."),
    Entry("non_saturating", "relatives",
          "The non-saturating loss: E_{p_G}[-log D*] = KL(p_G || p_data) - KL(p_G || m) + log 2 >= log 2",
          r"The non-saturating loss: $\mathbb{E}_{p_G}[-\log D^*] = \operatorname{KL}(p_G \,\|\, p_{data}) - \operatorname{KL}(p_G \,\|\, m) + \log 2 \ge \log 2$",
          r'At the optimal discriminator the minimax generator minimises $\mathbb{E}_{p_G}[\log(1 - D^*)] = \operatorname{KL}(p_G \,\|\, m) - \log 2$, its part of $2 \operatorname{JSD} - \log 4$; the non-saturating loss $\mathbb{E}_{p_G}[-\log D^*]$ adds $\operatorname{KL}(p_G \,\|\, p_{data})$ and subtracts the same term: $\mathbb{E}_{p_G}[-\log D^*] = \operatorname{KL}(p_G \,\|\, p_{data}) - \mathbb{E}_{p_G}[\log(1 - D^*)]$. It is still smallest, $\log 2$, exactly at $p_G = p_{data}$, but its reverse KL punishes samples where $p_{data}$ is small far more than missing modes of $p_{data}$.'),
    Entry("arjovsky_bottou", "relatives",
          "Arjovsky and Bottou, Theorem 2.5: the non-saturating gradient is that of KL - 2 JSD",
          r"Arjovsky and Bottou, Theorem 2.5: the non-saturating gradient is that of $\operatorname{KL} - 2 \operatorname{JSD}$",
          r'Arjovsky and Bottou (2017). With $D^* = p_r/(p_r + p_g(\cdot, \theta_0))$ computed at $\theta_0$ and held fixed, the gradient in $\theta$ of $\mathbb{E}_z[-\log D^*(g_\theta(z))]$ at $\theta_0$ equals the gradient of $\operatorname{KL}(P_\theta \,\|\, P_r) - 2 \operatorname{JSD}(P_\theta \,\|\, P_r)$: the non-saturating generator follows a reverse KL that punishes fake-looking samples, minus a JSD term that pushes away from $P_r$. Differentiation under the integral sign (\texttt{leibniz}) is the one regularity assumption; the numbers check it with central differences of quadratures (never under the integral sign) on location-scale families of non-linear generators.'),
    Entry("jsd_bounds", "bounds", "The bounds 0 <= JSD(p || q) <= log 2, hence -log 4 <= C(G) <= 0",
          r"The bounds $0 \le \operatorname{JSD}(p \,\|\, q) \le \log 2$, hence $-\log 4 \le C(G) \le 0$",
          r"$\operatorname{JSD}(p \,\|\, q) = \tfrac12 \int p \log \frac{2p}{p + q} + q \log \frac{2q}{p + q} \, dx$ and $\frac{2p}{p + q} \le 2$ pointwise, so $\operatorname{JSD} \le \log 2$; $\operatorname{JSD} \ge 0$ by Gibbs' inequality. Hence $C(G) = -\log 4 + 2 \operatorname{JSD}(p_{data} \,\|\, p_G) \in [-\log 4, 0]$. The upper bound is reached only for disjoint supports, which densities on one common support never have."),
    Entry("gibbs_jensen", "bounds", "Gibbs' inequality by Jensen: KL(p || q) = -E_p[log(q/p)] >= -log E_p[q/p] = 0",
          r"Gibbs' inequality by Jensen: $\operatorname{KL}(p \,\|\, q) = -\mathbb{E}_p[\log \tfrac{q}{p}] \ge -\log \mathbb{E}_p[\tfrac{q}{p}] = 0$",
          r"The textbook proof: $\log$ is concave, so $\mathbb{E}_p[\log Y] \le \log \mathbb{E}_p[Y]$ with $Y = q/p$ (the rule checks concavity on the range of $Y$), and $\mathbb{E}_p[q/p] = \int q = 1$; for densities on the line and for laws on a finite alphabet, where the expectations are sums."),
    Entry("theorem1_discrete", "bounds", "Theorem 1 on a finite alphabet: D* pointwise, C(G) = -log 4 + 2 JSD as sums, the minimum",
          r"Theorem 1 on a finite alphabet: $D^*$ pointwise, $C(G) = -\log 4 + 2 \operatorname{JSD}$ as sums, the minimum",
          r"With $p_{data}$ and $p_G$ laws on a finite alphabet, $V(G, D) = \sum_x p_{data}(x) \log D(x) + p_G(x) \log(1 - D(x))$ is maximised at every point by $D^*(x) = \frac{p_{data}(x)}{p_{data}(x) + p_G(x)}$, and at $D^*$ the sums rewrite into $-\log 4 + 2 \operatorname{JSD}(p_{data} \,\|\, p_G) \ge -\log 4$, with equality at $p_G = p_{data}$; the numbers check the sums on drawn probability vectors."),
)
"""In the order they are checked."""

BY_NAME: dict[str, Entry] = {e.name: e for e in ENTRIES}

GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "theorem1": ("Goodfellow et al.'s Theorem 1, step by step",
                 ("value_function", "optimal_discriminator", "value_at_optimum", "c_of_g", "gibbs", "minimum")),
    "relatives": ("Relatives of the GAN theorem: LSGAN, f-GAN and its divergence table, the non-saturating loss, Arjovsky-Bottou",
                  ("lsgan", "f_gan", "f_table", "non_saturating", "arjovsky_bottou")),
    "bounds": ("The inequalities around Theorem 1: the bounds on JSD and C(G), Gibbs by Jensen, the finite-alphabet case",
               ("jsd_bounds", "gibbs_jensen", "theorem1_discrete")),
}
"""Names that stand for several derivations: ``ganproof report theorem1``."""


CHAIN_TITLES_LATEX: dict[str, str] = {
    'The minimum -log 4 is attained at p_G = p_data':
        r'The minimum $-\log 4$ is attained at $p_G = p_{data}$',
    'JSD(p || q) <= log 2: each density is at most the sum of the two':
        r'$\operatorname{JSD}(p \,\|\, q) \le \log 2$: each density is at most the sum of the two',
    "JSD(p || q) >= 0: both KL terms are >= 0 (Gibbs' inequality)":
        r"$\operatorname{JSD}(p \,\|\, q) \ge 0$: both KL terms are $\ge 0$ (Gibbs' inequality)",
    "Hence C(G) <= 0 (and C(G) >= -log 4 is the derivation 'minimum')":
        r"Hence $C(G) \le 0$ (and $C(G) \ge -\log 4$ is the derivation \texttt{minimum})",
    'KL >= 0 by Jensen: log is concave, so E_p[log Y] <= log E_p[Y]':
        r'$\operatorname{KL} \ge 0$ by Jensen: $\log$ is concave, so $\mathbb{E}_p[\log Y] \le \log \mathbb{E}_p[Y]$',
    'C(G) = -log 4 + 2 JSD(p_data || p_G), the sums rewritten with +-log 2':
        r'$C(G) = -\log 4 + 2 \operatorname{JSD}(p_{data} \,\|\, p_G)$, the sums rewritten with $\pm \log 2$',
    'KL + KL is 2 JSD, not JSD':
        r'$\operatorname{KL} + \operatorname{KL}$ is $2 \operatorname{JSD}$, not $\operatorname{JSD}$',
    'The p_D typo: p_D(x) where p_G(x) is meant':
        'The $p_D$ typo: $p_D(x)$ where $p_G(x)$ is meant',
    'Stationary point of f(y) = r (y - b)^2/2 + g (y - a)^2/2, r, g > 0':
        r'Stationary point of $f(y) = \tfrac12 r (y - b)^2 + \tfrac12 g (y - a)^2$, $r, g > 0$',
    "f'(y*) = 0 at y* = (b r + a g)/(r + g)":
        "$f'(y^*) = 0$ at $y^* = (b r + a g)/(r + g)$",
    "Second-order condition: f'' > 0 on R, so y* is the minimum":
        r"Second-order condition: $f'' > 0$ on $\mathbb{R}$, so $y^*$ is the minimum",
    "Hence D* minimises the discriminator's objective pointwise":
        "Hence $D^*$ minimises the discriminator's objective pointwise",
    "The generator's objective at D*, with b - c = 1 and b - a = 2 (a = b - 2, c = b - 1)":
        "The generator's objective at $D^*$, with $b - c = 1$ and $b - a = 2$ ($a = b - 2$, $c = b - 1$)",
    'The minimum 0 is attained at p_G = p_data':
        'The minimum $0$ is attained at $p_G = p_{data}$',
    'D_KL is the KL divergence':
        '$D_{KL}$ is the KL divergence',
    'D_RKL is the KL divergence the other way round':
        '$D_{RKL}$ is the KL divergence the other way round',
    'D_GAN = 2 JSD - log 4, the value of C(G)':
        r'$D_{GAN} = 2 \operatorname{JSD} - \log 4$, the value of $C(G)$',
    'The non-saturating loss at D* in KL terms (m = (p_data + p_G)/2)':
        r'The non-saturating loss at $D^*$ in KL terms ($m = \tfrac12 (p_{data} + p_G)$)',
    "The minimax generator's term at D*":
        "The minimax generator's term at $D^*$",
    'Non-saturating against minimax: the two losses differ by KL(p_G || p_data)':
        r'Non-saturating against minimax: the two losses differ by $\operatorname{KL}(p_G \,\|\, p_{data})$',
    'The non-saturating loss is at least log 2':
        r'The non-saturating loss is at least $\log 2$',
    'log 2 is attained at p_G = p_data':
        r'$\log 2$ is attained at $p_G = p_{data}$',
    'The gradient of the non-saturating loss at theta_0':
        r'The gradient of the non-saturating loss at $\theta_0$',
    'The gradient of KL(P_theta || P_r) - 2 JSD(P_theta || P_r) at theta_0':
        r'The gradient of $\operatorname{KL}(P_\theta \,\|\, P_r) - 2 \operatorname{JSD}(P_\theta \,\|\, P_r)$ at $\theta_0$',
    'Theorem 2.5: the two gradients agree at theta_0':
        r'Theorem 2.5: the two gradients agree at $\theta_0$',
    'From expectations to one integral over x':
        'From expectations to one integral over $x$',
    'Stationary point of f(y) = a log y + b log(1 - y), a, b > 0':
        r'Stationary point of $f(y) = a \log y + b \log(1 - y)$, $a, b > 0$',
    "f'(y*) = 0 at y* = a/(a + b)":
        "$f'(y^*) = 0$ at $y^* = a/(a + b)$",
    "Second-order condition: f'' < 0 on (0, 1)":
        "Second-order condition: $f'' < 0$ on $(0, 1)$",
    'Interior: 0 < y* < 1':
        'Interior: $0 < y^* < 1$',
    'Hence D*_G maximises V(G, D) pointwise':
        'Hence $D^*_G$ maximises $V(G, D)$ pointwise',
    'D*_G when p_G = p_data':
        '$D^*_G$ when $p_G = p_{data}$',
    'The value of the game at p_G = p_data':
        'The value of the game at $p_G = p_{data}$',
    'C(G) with the +-log 2 rewrite':
        r'$C(G)$ with the $\pm \log 2$ rewrite',
    'The bound is attained when p_G = p_data':
        'The bound is attained when $p_G = p_{data}$',
    'KL >= 0 from log t <= t - 1':
        r'$\operatorname{KL} \ge 0$ from $\log t \le t - 1$',
    'Dropping the two + log 2 terms inside the integral':
        r'Dropping the two $+\log 2$ terms inside the integral',
    'The sign of log 2 at p_G = p_data':
        r'The sign of $\log 2$ at $p_G = p_{data}$',
    "The bound is tight at T* = f'(p/q) for D_GAN":
        "The bound is tight at $T^* = f'(p/q)$ for $D_{GAN}$",
    "The bound is tight at T* = f'(p/q) for D_KL":
        "The bound is tight at $T^* = f'(p/q)$ for $D_{KL}$",
    "The bound is tight at T* = f'(p/q) for D_RKL":
        "The bound is tight at $T^* = f'(p/q)$ for $D_{RKL}$",
    'The variational bound for D_GAN: f*(t) = -log(1 - e^t), t < 0; T = log D':
        r'The variational bound for $D_{GAN}$: $f^*(t) = -\log(1 - e^t)$, $t < 0$; $T = \log D$',
    'The variational bound for D_KL: f*(t) = e^{t - 1}':
        'The variational bound for $D_{KL}$: $f^*(t) = e^{t - 1}$',
    'The variational bound for D_RKL: f*(t) = -1 - log(-t), t < 0; T = -e^{-V}':
        r'The variational bound for $D_{RKL}$: $f^*(t) = -1 - \log(-t)$, $t < 0$; $T = -e^{-V}$',
    'The variational bound for D_chi^2: f*(t) = t^2/4 + t on R; T = V':
        r'The variational bound for $D_{\chi^2}$: $f^*(t) = t^2/4 + t$ on $\mathbb{R}$; $T = V$',
    "The bound is tight at T* = f'(p/q) for D_chi^2":
        r"The bound is tight at $T^* = f'(p/q)$ for $D_{\chi^2}$",
    'D_chi^2 is the Pearson chi-square sum (a - b)^2 / b':
        r'$D_{\chi^2}$ is the Pearson $\chi^2$, $\sum_x (a(x) - b(x))^2 / b(x)$',
    "Neyman's chi-square is Pearson's with the arguments swapped, and so is its bound":
        r"Neyman's $\chi^2$ is Pearson's with the arguments swapped, and so is its bound",
    'The variational bound for D_H^2: f*(t) = t/(1 - t), t < 1; T = 1 - e^{-V}':
        r'The variational bound for $D_{H^2}$: $f^*(t) = t/(1 - t)$, $t < 1$; $T = 1 - e^{-V}$',
    "The bound is tight at T* = f'(p/q) for D_H^2":
        r"The bound is tight at $T^* = f'(p/q)$ for $D_{H^2}$",
    'D_H^2 is the squared Hellinger distance int (sqrt p - sqrt q)^2':
        r'$D_{H^2}$ is the squared Hellinger distance $\int (\sqrt{p} - \sqrt{q})^2 \, dx$',
    'The variational bound for D_JS: f*(t) = -log(2 - e^t), t < log 2; T = log 2 + log D':
        r'The variational bound for $D_{JS}$: $f^*(t) = -\log(2 - e^t)$, $t < \log 2$; $T = \log 2 + \log D$',
    "The bound is tight at T* = f'(p/q) for D_JS":
        r"The bound is tight at $T^* = f'(p/q)$ for $D_{JS}$",
    'D_JS is twice the Jensen-Shannon divergence':
        r'$D_{JS}$ is twice the Jensen-Shannon divergence',
}
"""The built-in chains' titles (as each derivation gives them) as LaTeX text, for the reports; a test
checks that every chain of the library has one."""


def title_latex(name: str) -> str:
    """The title of the built-in derivation ``name`` as LaTeX text (its mathematics between dollars)."""
    entry = BY_NAME[name]
    return entry.title_latex or entry.title


def title(name: str) -> str:
    """The title of the built-in derivation ``name``."""
    return BY_NAME[name].title


def known_names() -> list[str]:
    """Every name a command accepts: the derivations, then the groups."""
    return [*BY_NAME, *GROUPS]


__all__ = ["BY_NAME", "ENTRIES", "GROUPS", "Entry", "CHAIN_TITLES_LATEX", "known_names", "title", "title_latex"]
