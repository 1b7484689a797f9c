"""Named rules, each with a one-line statement and one hook.

The rules need SymPy; their names and statements do not (:mod:`ganproof.rules.statements`), so this
package imports the rules only when one of them is asked for (``ganproof rules`` starts fast).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_LAZY = {
    "Certificate": "ganproof.rules.base",
    "InequalityRule": "ganproof.rules.base",
    "RewriteRule": "ganproof.rules.base",
    "Rule": "ganproof.rules.base",
    "INEQUALITY_RULES": "ganproof.rules.inequalities",
    "REWRITE_RULES": "ganproof.rules.rewrites",
    "ALL_RULES": "ganproof.rules.registry",
    "rule_named": "ganproof.rules.registry",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'ganproof.rules' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


__all__ = ["ALL_RULES", "Certificate", "INEQUALITY_RULES", "InequalityRule", "REWRITE_RULES", "RewriteRule", "Rule",
           "rule_named"]
