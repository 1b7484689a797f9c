"""Caps on what the reader accepts, so that no input can make it run away.

Every cap is checked where the input is read, and past it the reader raises
an :class:`~ganproof.errors.InputError` that names the cap and the value found.
"""

from __future__ import annotations

import os
from typing import Final

MAX_FILE_BYTES: Final = 1_000_000
"""A derivation file larger than this is refused before it is decoded."""
MAX_ROWS: Final = 2_000
"""Rows of display math in one file."""
MAX_ROW_CHARS: Final = 5_000
"""Characters in one row (between two ``\\\\``)."""
MAX_TOKENS: Final = 2_000
"""Tokens in one row."""
MAX_DEPTH: Final = 40
"""Nesting depth of brackets and of operators in one row."""
MAX_NUMBER_DIGITS: Final = 30
"""Digits in one number literal."""
MAX_EXPONENT: Final = 100
"""Largest absolute value of a literal integer exponent."""
MAX_DIGITS: Final = 300
"""Largest number of decimal digits of a number the reader builds (10^{300}, 10^{-300}): a power or
product past it is refused before it is computed, and the numeric layer's floats stay finite."""
def _seconds(name: str, default: float) -> float:
    """A positive number of seconds from the environment variable ``name``, else ``default``."""
    try:
        value = float(os.environ.get(name, default))
    except ValueError:
        return default
    return value if value > 0 else default


READ_SECONDS: Final = _seconds("GANPROOF_READ_SECONDS", 60.0)
"""Wall-clock limit for reading one file (GANPROOF_READ_SECONDS): past it, an InputError."""
MAX_DIRECTIVES: Final = 200
"""``%!`` directive lines in one file."""
