"""``ganproof list`` and ``ganproof rules``: read from tables that need no SymPy (they start fast)."""

from __future__ import annotations

import argparse

from ganproof.cli.terminal import Terminal


def cmd_list(args: argparse.Namespace, term: Terminal) -> int:
    from ganproof.library.catalog import ENTRIES, GROUPS, known_names

    width = max(len(n) for n in known_names())
    for entry in ENTRIES:
        term.out(f"{term.style.paint(f'{entry.name:<{width}}', 'heading')}  {entry.title}")
    for name, (title, members) in GROUPS.items():
        term.out(f"{term.style.paint(f'{name:<{width}}', 'heading')}  {title} (all of: {', '.join(members)})")
    return 0


def cmd_rules(args: argparse.Namespace, term: Terminal) -> int:
    from ganproof.rules.statements import LEMMAS, STATEMENTS

    width = max(len(name) for name in STATEMENTS)
    for name, statement in STATEMENTS.items():
        lemma = f" [derived lemma: see '{LEMMAS[name]}']" if name in LEMMAS else ""
        term.out(f"{term.style.paint(f'{name:<{width}}', 'heading')}  {statement}{lemma}")
    return 0
