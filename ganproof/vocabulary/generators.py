"""The generators f of the f-divergences D_f(P || Q) = int Q f(P/Q) dx, one home for every layer.

The library's derivations (relatives, f_table) prove facts about them and the reader builds
the chi-square divergences a file writes from them, so they live in the vocabulary, below both.
Each f is a :class:`sympy.Lambda` of the density ratio ``u`` (positive), convex with f(1) = 0.
"""

from __future__ import annotations

import sympy as sp

log, sqrt = sp.log, sp.sqrt

u = sp.Symbol("u", positive=True)
"""The variable of f in D_f(P || Q) = int Q f(P/Q): the density ratio."""

F_KL = sp.Lambda(u, u * log(u))
"""f(u) = u log u: D_f = KL(P || Q); f*(t) = e^(t - 1); T* = 1 + log(p/q)."""
F_REVERSE_KL = sp.Lambda(u, -log(u))
"""f(u) = -log u: D_f = KL(Q || P); f*(t) = -1 - log(-t) for t < 0; T* = -q/p."""
F_GAN = sp.Lambda(u, u * log(u) - (u + 1) * log(u + 1))
"""f(u) = u log u - (u + 1) log(u + 1): D_f = 2 JSD(P || Q) - log 4; f*(t) = -log(1 - e^t) for t < 0."""
F_PEARSON = sp.Lambda(u, (u - 1) ** 2)
"""f(u) = (u - 1)^2: the Pearson chi-square divergence int (P - Q)^2 / Q."""
F_NEYMAN = sp.Lambda(u, (1 - u) ** 2 / u)
"""f(u) = (1 - u)^2 / u: the Neyman chi-square int (P - Q)^2 / P."""
F_HELLINGER = sp.Lambda(u, (sqrt(u) - 1) ** 2)
"""f(u) = (sqrt(u) - 1)^2: the squared Hellinger distance int (sqrt(P) - sqrt(Q))^2; f*(t) = t/(1 - t), t < 1."""
F_JS = sp.Lambda(u, u * log(u) - (u + 1) * log((u + 1) / 2))
"""f(u) = u log u - (u + 1) log((u + 1)/2): D_f = 2 JSD(P || Q); f*(t) = -log(2 - e^t), t < log 2."""

__all__ = ["F_GAN", "F_HELLINGER", "F_JS", "F_KL", "F_NEYMAN", "F_PEARSON", "F_REVERSE_KL", "u"]
