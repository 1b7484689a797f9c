"""What a written name stands for, by its spelling (DIALECT section 2).

``p``, ``q``, ``p_{...}``: densities; ``D``, ``D_{...}``, ``D^*``: discriminators;
``G``, ``G_{...}``: generators; ``x``, ``z``: the data and noise variables;
other letters: constants.  A definition in the file overrides the spelling
(``D_G^*(x) = ...`` makes ``D_G^*`` a defined function).  Keys are the
project's internal names (``p_data``, ``D_star_G``), printed by
:func:`ganproof.vocabulary.names.latex_name`.
"""

from __future__ import annotations

from ganproof.reader import syntax as ast

DENSITY_BASES = ("p", "q")
LAW_BASES = ("P", "Q")
"""Capital letters that name laws (KL(P \\| Q), \\mathbb{E}_{x \\sim P_r}): read as densities of their own, P
apart from p, with a reading note at their first use."""
DATA_DENSITIES = ("p_data", "p_r", "p_d", "P_data", "P_r", "P_d")
VARIABLES = ("x", "z")


def subscript_text(sub: tuple[str, ...] | None) -> str:
    return "".join(sub) if sub else ""


def key_of(name: ast.Name) -> str:
    """The internal name: base, ``_star`` when starred, ``_`` and the subscript."""
    key = name.base
    if name.label:
        key += "^{" + name.label + "}"
    if name.starred:
        key += "_star"
    sub = subscript_text(name.sub)
    if sub:
        key += "_" + sub
    return key


def kind_of(name: ast.Name) -> str:
    """'density', 'discriminator', 'generator', 'variable' or 'constant', by spelling alone."""
    others = [s for s in name.sups if not isinstance(s, ast.Star)]
    if name.base in DENSITY_BASES + LAW_BASES and not others and not name.starred:
        return "density"
    if name.base == "D" and not others:
        return "discriminator"
    if name.base == "G" and not others and not name.starred:
        return "generator"
    if name.base in VARIABLES and name.sub is None and not name.sups and not name.label:
        return "variable"
    return "constant"


def _edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def nearest(key: str, known: list[str]) -> list[str]:
    """Known names ordered by how likely ``key`` is a typo of each (nearest first).

    Compares the subscripts: the edit distance, then a shared first letter
    (``p_D`` is nearest ``p_G``, a one-letter change, then ``p_data``).
    """
    base, _, sub = key.partition("_")

    def score(other: str) -> tuple[int, int, str]:
        obase, _, osub = other.partition("_")
        d = _edit_distance(sub, osub)
        same_first = 0 if sub[:1].lower() == osub[:1].lower() else 1
        return (d if obase == base else d + 5, same_first, other)

    return sorted((k for k in known if k != key), key=score)
