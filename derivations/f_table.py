"""Check the built-in derivation 'f_table' and print each step, its rule and its verdict.

Usage: python derivations/f_table.py [--dps N] [--json]
The derivation itself is defined in the package (ganproof.library), so that
the installed `ganproof check` and this script check the same chain.
"""

import sys
from pathlib import Path

try:
    from ganproof.cli.main import run_script
except ImportError:  # a checkout that is not installed: use the package beside this folder
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from ganproof.cli.main import run_script

if __name__ == "__main__":
    sys.exit(run_script("f_table"))
