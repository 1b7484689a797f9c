"""Writing output files atomically: to a temporary file beside the target, then renamed over it.

An interrupted run never leaves a truncated report or notebook where a good one stood.  The file gets
the mode a plain ``open(path, "w")`` would give it: an existing file keeps its mode, a new one gets
0666 less the umask (the temporary file is created 0600, which would otherwise stay).
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from ganproof.errors import OutputError


def current_umask() -> int:
    """The process's umask (read by setting it and putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def target_mode(target: Path) -> int:
    """The permission bits ``target`` should have once written."""
    try:
        st = os.stat(target)
    except OSError:
        return 0o666 & ~current_umask()
    return stat.S_IMODE(st.st_mode) if stat.S_ISREG(st.st_mode) else 0o666 & ~current_umask()


def write_atomic(path: Path | str, data: str | bytes) -> Path:
    """Write ``data`` (text as UTF-8) to ``path`` atomically; the folder is made if needed.  A file that
    cannot be written raises :class:`~ganproof.errors.OutputError` naming it and the reason."""
    target = Path(path)
    try:
        return _write(target, data.encode("utf-8") if isinstance(data, str) else data)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None


def _write(target: Path, raw: bytes) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = target_mode(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return target
