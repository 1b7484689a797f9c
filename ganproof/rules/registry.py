"""Every rule, in the order they are tried and listed, and the look-up by name."""

from __future__ import annotations

from ganproof.rules.base import Rule
from ganproof.rules.inequalities import INEQUALITY_RULES
from ganproof.rules.rewrites import REWRITE_RULES

ALL_RULES: tuple[Rule, ...] = (*REWRITE_RULES, *INEQUALITY_RULES)


def rule_named(name: str) -> Rule | None:
    """The rule called ``name``, or None."""
    for r in ALL_RULES:
        if r.name == name:
            return r
    return None


__all__ = ["ALL_RULES", "rule_named"]
