"""The package type-checks: mypy finds no error outside ``ganproof/reader``, and no more inside it
than its recorded baseline (a ratchet: lower ``READER_BASELINE`` as the reader's errors are mended).

mypy runs in a subprocess with its configuration from ``pyproject.toml`` ([tool.mypy]) and a cache
of its own, so the test sees the checkout's sources whatever is installed.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
READER_BASELINE = 28
"""mypy's error count in ganproof/reader when this test was written; it may only go down."""
_ERROR = re.compile(r"^(?P<path>[^:\s]+\.py):\d+: error: ")


def _mypy_errors(cache: Path) -> list[str]:
    try:
        import mypy  # noqa: F401
    except ImportError:
        pytest.fail("mypy is not installed: install the test extras (pip install -e '.[test]')")
    run = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(cache)], cwd=ROOT,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode in (0, 1), f"mypy did not run (exit {run.returncode}):\n{run.stderr}{run.stdout}"
    return [line for line in run.stdout.splitlines() if _ERROR.match(line)]


@pytest.mark.slow
def test_the_package_type_checks_outside_the_reader_and_within_its_baseline_inside(tmp_path: Path) -> None:
    errors = _mypy_errors(tmp_path / "mypy-cache")
    by_file = Counter(m["path"] for line in errors if (m := _ERROR.match(line)))
    outside = [line for line in errors if not line.startswith("ganproof/reader/")]
    assert not outside, "mypy errors outside ganproof/reader:\n" + "\n".join(outside)
    inside = sum(n for path, n in by_file.items() if path.startswith("ganproof/reader/"))
    assert inside <= READER_BASELINE, (
        f"ganproof/reader has {inside} mypy errors, more than its baseline {READER_BASELINE}:\n" + "\n".join(errors))
