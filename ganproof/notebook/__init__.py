"""Jupyter support: the ``%%ganproof`` cell magic and plain-text display of reports.

Load it in a notebook with ``%load_ext ganproof.notebook``; then

.. code-block:: text

    %%ganproof --dps 20 --instances 2
    \\begin{align*}
    ...
    \\end{align*}

checks the cell as a derivation file (ganproof/docs/format.md) and displays its report,
and ``%ganproof FILE`` checks a file.  Nothing here imports IPython: the
extension only calls methods of the shell it is given.
"""

from __future__ import annotations

from typing import Any

from ganproof.notebook.magic import ganproof_magic, register

__all__ = ["ganproof_magic", "load_ipython_extension", "register"]


def load_ipython_extension(ipython: Any) -> None:
    """Called by ``%load_ext ganproof.notebook``: registers the magic and the text display of reports."""
    register(ipython)
