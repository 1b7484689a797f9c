"""tests/preloaded.py: commands forked from a preloaded server behave as ``python -m ganproof`` runs.

A stand-in ``ganproof`` package in a temporary checkout does what each test needs (print, exit, raise,
hang, crash), so that these tests say what the corpus harnesses rely on without running the checker.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from preloaded import PreloadedCli, run_all

MAIN = '''
import os, signal, sys, time

CALLS = 0


def main(argv=None):
    global CALLS
    CALLS += 1
    what = argv[0]
    if what == "echo":
        print(" ".join(argv[1:]))
        print("on stderr", file=sys.stderr)
        return 0
    if what == "exit":
        return int(argv[1])
    if what == "sys-exit":
        sys.exit(argv[1])
    if what == "raise":
        raise ValueError("boom")
    if what == "hang":
        os.fork()  # a worker of its own, killed with it
        while True:
            time.sleep(0.01)
    if what == "crash":
        os.kill(os.getpid(), signal.SIGSEGV)
    if what == "state":
        print(CALLS, sys.stdin.read() == "", os.environ.get("PRELOADED_TEST", ""), sys.argv[0].endswith("__main__.py"))
        return 0
    return 2
'''


def checkout(root: Path, main: str = MAIN) -> Path:
    """A folder holding a stand-in ``ganproof`` package whose command line is ``main``."""
    (root / "ganproof" / "cli").mkdir(parents=True)
    (root / "ganproof" / "__init__.py").write_text("")
    (root / "ganproof" / "cli" / "__init__.py").write_text("")
    (root / "ganproof" / "cli" / "main.py").write_text(textwrap.dedent(main))
    return root


def test_outputs_and_exit_status_are_the_commands(tmp_path: Path) -> None:
    with PreloadedCli(checkout(tmp_path)) as cli:
        done = cli.run(["echo", "a", "b"], timeout=30)
        assert (done.returncode, done.stdout, done.stderr) == (0, "a b\n", "on stderr\n")
        assert cli.run(["exit", "3"], timeout=30).returncode == 3
        message = cli.run(["sys-exit", "no such file"], timeout=30)
        assert message.returncode == 1 and message.stderr == "no such file\n"


def test_an_uncaught_exception_is_a_traceback_on_stderr(tmp_path: Path) -> None:
    with PreloadedCli(checkout(tmp_path)) as cli:
        done = cli.run(["raise"], timeout=30)
    assert done.returncode == 1
    assert done.stderr.startswith("Traceback (most recent call last)") and "ValueError: boom" in done.stderr


def test_a_hanging_command_is_killed_with_its_workers_at_the_timeout(tmp_path: Path) -> None:
    with PreloadedCli(checkout(tmp_path)) as cli:
        started = time.monotonic()
        done = cli.run(["hang"], timeout=0.5)
        assert done.returncode is None and 0.5 <= done.seconds < 10
        assert time.monotonic() - started < 10
        # the server goes on with the next command
        assert cli.run(["exit", "0"], timeout=30).returncode == 0


def test_a_signal_is_a_negative_exit_status(tmp_path: Path) -> None:
    with PreloadedCli(checkout(tmp_path)) as cli:
        assert cli.run(["crash"], timeout=30).returncode == -11


def test_each_command_starts_from_the_imported_state_with_no_stdin_and_the_given_env(tmp_path: Path) -> None:
    env = {"PRELOADED_TEST": "yes", "PATH": "/usr/bin:/bin"}
    done = list(run_all([["state"]] * 3, timeout=30, jobs=2, root=checkout(tmp_path), env=env))
    assert [d.stdout for d in done] == ["1 True yes True\n"] * 3


def test_a_checkout_that_cannot_be_imported_gives_its_error_for_the_command(tmp_path: Path) -> None:
    with PreloadedCli(checkout(tmp_path, "raise ImportError('no such module: sympy')\n")) as cli:
        done = cli.run(["echo"], timeout=30)
    assert done.returncode not in (0, None)
    assert "no such module: sympy" in done.stderr


def without_times(value: Any) -> Any:
    """A JSON value with every ``seconds`` entry left out (the one part that differs between runs)."""
    if isinstance(value, dict):
        return {k: without_times(v) for k, v in value.items() if k != "seconds"}
    if isinstance(value, list):
        return [without_times(v) for v in value]
    return value


def test_the_real_command_line_gives_what_a_subprocess_gives(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    wrong = tmp_path / "wrong.tex"
    wrong.write_text("$$\\mathbb{E}_{x \\sim p}[\\log q(x)] = -\\int p(x) \\log q(x) \\, dx$$\n")
    commands = [["list"], ["check", "no_such_derivation"],
                ["check", str(wrong), "--json", "--dps", "15", "--instances", "2"]]
    forked = list(run_all(commands, timeout=120, jobs=1, root=root))
    for argv, got in zip(commands, forked):
        plain = subprocess.run([sys.executable, "-m", "ganproof", *argv], capture_output=True, text=True, cwd=root,
                               timeout=120)
        assert (got.returncode, got.stderr) == (plain.returncode, plain.stderr), argv
        if "--json" in argv:
            assert without_times(json.loads(got.stdout)) == without_times(json.loads(plain.stdout))
            assert json.loads(got.stdout)["steps"][0]["verdict"] == "refuted"
        else:
            assert got.stdout == plain.stdout, argv


if sys.platform == "win32":  # pragma: no cover - fork and process groups
    pytestmark = pytest.mark.skip("tests/preloaded.py forks")
