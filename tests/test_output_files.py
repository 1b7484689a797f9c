"""Files the checker writes (reports, PDFs, figures, notebooks): atomic, and with the mode the umask gives."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from ganproof.reports.files import write_atomic


@pytest.fixture
def umask() -> Iterator[object]:
    """Set the umask for one test and put the old one back."""
    old = os.umask(0o022)

    def set_mask(mask: int) -> None:
        os.umask(mask)

    yield set_mask
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_file_gets_0666_less_the_umask_not_0600(tmp_path, umask):
    umask(0o022)
    assert mode(write_atomic(tmp_path / "a.tex", "x")) == 0o644
    umask(0o002)
    assert mode(write_atomic(tmp_path / "b.pdf", b"%PDF")) == 0o664
    umask(0o077)
    assert mode(write_atomic(tmp_path / "c.png", b"png")) == 0o600


def test_existing_file_keeps_its_mode(tmp_path, umask):
    umask(0o022)
    target = tmp_path / "report.tex"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert target.read_text() == "new" and mode(target) == 0o640


def test_no_temporary_file_is_left_behind(tmp_path):
    write_atomic(tmp_path / "out" / "a.tex", "x")
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["a.tex"]
