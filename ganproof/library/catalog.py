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


ENTRIES: tuple[Entry, ...] = (
    Entry("value_function", "theorem1", "The value function V(G, D) as one integral over x"),
    Entry("optimal_discriminator", "theorem1", "The optimal discriminator D*_G = p_data / (p_data + p_G)"),
    Entry("value_at_optimum", "theorem1", "At p_G = p_data: D*_G = 1/2 and V(G, D*_G) = -log 4"),
    Entry("c_of_g", "theorem1",
          "C(G) = -log 4 + KL(p_data || m) + KL(p_G || m) = -log 4 + 2 JSD(p_data || p_G)"),
    Entry("gibbs", "theorem1", "Gibbs' inequality: KL(p || q) >= 0, with equality iff p = q"),
    Entry("minimum", "theorem1", "The global minimum: C(G) >= -log 4, with equality iff p_G = p_data"),
    Entry("monte_carlo", "monte_carlo", "Monte Carlo estimates of the GAN loss: where the samples come from"),
    Entry("lecture_mistakes", "lecture", "The mistakes of the lecture proof as written (each must be refuted)"),
    Entry("lsgan", "relatives",
          "Least-squares GAN: D* = (b p_data + a p_G)/(p_data + p_G) and 2 C(G) = Pearson chi-square"),
    Entry("f_gan", "relatives",
          "f-GAN: D_f(P || Q) >= E_P[T] - E_Q[f*(T)], tight at T* = f'(p/q); the GAN f gives 2 JSD - log 4"),
    Entry("non_saturating", "relatives",
          "The non-saturating loss: E_{p_G}[-log D*] = KL(p_G || p_data) - KL(p_G || m) + log 2 >= log 2"),
    Entry("arjovsky_bottou", "relatives",
          "Arjovsky and Bottou, Theorem 2.5: the non-saturating gradient is that of KL - 2 JSD"),
)
"""In the order they are checked."""

BY_NAME: dict[str, Entry] = {e.name: e for e in ENTRIES}

GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "theorem1": ("Goodfellow et al.'s Theorem 1, step by step",
                 ("value_function", "optimal_discriminator", "value_at_optimum", "c_of_g", "gibbs", "minimum")),
    "relatives": ("Relatives of the GAN theorem: LSGAN, f-GAN, the non-saturating loss, Arjovsky-Bottou",
                  ("lsgan", "f_gan", "non_saturating", "arjovsky_bottou")),
}
"""Names that stand for several derivations: ``ganproof report theorem1``."""


def title(name: str) -> str:
    """The title of the built-in derivation ``name``."""
    return BY_NAME[name].title


def known_names() -> list[str]:
    """Every name a command accepts: the derivations, then the groups."""
    return [*BY_NAME, *GROUPS]


__all__ = ["BY_NAME", "ENTRIES", "GROUPS", "Entry", "known_names", "title"]
