"""Named rules, each with a one-line statement and one hook."""

from ganproof.rules.base import Certificate, InequalityRule, RewriteRule, Rule
from ganproof.rules.inequalities import INEQUALITY_RULES
from ganproof.rules.rewrites import REWRITE_RULES

ALL_RULES: tuple[Rule, ...] = (*REWRITE_RULES, *INEQUALITY_RULES)


def rule_named(name: str) -> Rule | None:
    """The rule called ``name``, or None."""
    for r in ALL_RULES:
        if r.name == name:
            return r
    return None


__all__ = ["ALL_RULES", "Certificate", "INEQUALITY_RULES", "InequalityRule", "REWRITE_RULES", "RewriteRule", "Rule", "rule_named"]
