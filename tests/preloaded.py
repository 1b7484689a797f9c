"""``python -m ganproof ARGS`` in a fresh process, without paying for the imports each time.

The corpus harnesses (tests/adversarial/harness.py, tests/real/harness.py) check every
case file in a process of its own, under a wall-clock timeout, so that a crash, a hang
or an abort in one file is measured instead of stopping the run.  Started with
``subprocess.run``, each such process spends about 0.7 s importing SymPy, Lark and the
checker before it reads the file: most of the time of a corpus whose files take about
1 s each.

A :class:`PreloadedCli` starts one server process (``python tests/preloaded.py
--serve``, with the caller's working directory and environment, so that the checkout
there is the one imported and every setting read from the environment at import time is
the one the caller gave).  The server imports the command line once (and builds the
reader's parser tables, which depend on the grammar alone), then for each command forks
a child that runs it: a separate process, as ``python -m ganproof`` would
be, with standard input from /dev/null, its own standard output and error, its exit
status (a signal that kills it is a negative status, as ``subprocess`` reports it), an
uncaught exception printed as a traceback on standard error, and the child with
everything it started killed when the timeout passes.  Nothing of one command reaches
the next: each child is forked from the server's state right after the import, and the
server itself never checks anything.

>>> with PreloadedCli(Path(".")) as cli:                                   # doctest: +SKIP
...     done = cli.run(["check", "tests/examples/se_answer.tex", "--json"], timeout=120)
"""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any


@dataclass(frozen=True)
class Completed:
    """One command's outcome: exit status (None: killed at the timeout), outputs and wall time."""

    argv: tuple[str, ...]
    returncode: int | None
    stdout: str
    stderr: str
    seconds: float


class PreloadedCli:
    """A server process that has imported ``ganproof.cli.main`` and forks one child per command.

    ``root``: the working directory (the checkout whose ``ganproof`` is imported, as with
    ``python -m``); ``env``: the environment (default: this process's).  One command at a
    time: give each thread its own (see :func:`run_all`).
    """

    def __init__(self, root: Path, env: Mapping[str, str] | None = None) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="ganproof-preloaded-")
        self._out = Path(self._dir.name) / "stdout"
        self._err = Path(self._dir.name) / "stderr"
        self._log = open(Path(self._dir.name) / "server.log", "w+b")  # noqa: SIM115 - closed in close()
        self._server = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--serve"], cwd=root,
            env=dict(os.environ if env is None else env), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=self._log, text=True, encoding="utf-8")

    def run(self, argv: Sequence[str], timeout: float) -> Completed:
        """Run ``python -m ganproof *argv`` in a forked child; kill it after ``timeout`` seconds."""
        request = {"argv": list(argv), "stdout": str(self._out), "stderr": str(self._err), "timeout": timeout}
        started = time.monotonic()
        assert self._server.stdin is not None and self._server.stdout is not None
        try:
            self._server.stdin.write(json.dumps(request) + "\n")
            self._server.stdin.flush()
            line = self._server.stdout.readline()
        except (BrokenPipeError, OSError):
            line = ""
        if not line:
            # the server is gone (the checkout's imports failed, say): what it printed is the error
            self._server.wait()
            self._log.seek(0)
            log = self._log.read().decode("utf-8", errors="replace")
            return Completed(tuple(argv), self._server.returncode or 1, "", log or "the preloaded server exited",
                             time.monotonic() - started)
        reply: dict[str, Any] = json.loads(line)
        return Completed(tuple(argv), reply["returncode"], _read(self._out), _read(self._err), reply["seconds"])

    def close(self) -> None:
        """Stop the server (it exits at the end of its input) and remove the temporary files."""
        if self._server.stdin is not None and not self._server.stdin.closed:
            try:
                self._server.stdin.close()
            except OSError:
                pass
        try:
            self._server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._server.kill()
            self._server.wait()
        if self._server.stdout is not None:
            self._server.stdout.close()
        self._log.close()
        self._dir.cleanup()

    def __enter__(self) -> PreloadedCli:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def run_all(commands: Sequence[Sequence[str]], timeout: float, jobs: int, root: Path,
            env: Mapping[str, str] | None = None) -> Iterator[Completed]:
    """Every command, ``jobs`` at a time (one server each); outcomes in the order given, each as soon as
    it and those before it are done.  The servers stop when the last outcome has been taken."""
    if not commands:
        return
    jobs = max(1, min(jobs, len(commands)))
    servers: queue.Queue[PreloadedCli] = queue.Queue()
    started = [PreloadedCli(root, env) for _ in range(jobs)]
    for server in started:
        servers.put(server)

    def one(argv: Sequence[str]) -> Completed:
        server = servers.get()
        try:
            return server.run(argv, timeout)
        finally:
            servers.put(server)

    try:
        with ThreadPoolExecutor(jobs) as pool:
            yield from pool.map(one, commands)
    finally:
        for server in started:
            server.close()


def _read(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8", errors="replace")
    except FileNotFoundError:
        return ""


# ---------------------------------------------------------------------- the server (its own process)

def _serve() -> None:
    """Import the command line, then answer one JSON request per line of standard input."""
    # as ``python -m`` does: the working directory (the checkout) first on the path, not this folder
    sys.path[0] = os.getcwd()
    _warm_up()
    for line in sys.stdin:
        request = json.loads(line)
        reply = _fork(request["argv"], request["stdout"], request["stderr"], float(request["timeout"]))
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


PRELOAD = ("ganproof.cli.check", "ganproof.chain", "ganproof.chain.parallel", "ganproof.reader.check",
           "ganproof.reader.document", "ganproof.reader.batch", "ganproof.reader.output")
"""Modules ``check`` imports lazily (the command line itself starts without SymPy), imported by the server
(each when it exists: another checkout may not have it)."""


def _warm_up() -> None:
    """What every command would otherwise repeat: the imports, and the reader's LALR tables (built from
    the grammar alone, the same for every file)."""
    import importlib

    import ganproof.cli.main  # noqa: F401 - a checkout without it cannot run any command

    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    grammar = sys.modules.get("ganproof.reader.grammar")
    if grammar is not None and callable(getattr(grammar, "parser", None)):
        grammar.parser()


def _fork(argv: list[str], stdout: str, stderr: str, timeout: float) -> dict[str, Any]:
    """Run one command in a forked child with a timeout; its exit status and wall time."""
    sys.stdout.flush()
    sys.stderr.flush()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the server's loop
        os._exit(_child(argv, stdout, stderr))
    try:
        os.setpgid(pid, pid)  # also done in the child: whichever runs first, the group exists
    except OSError:
        pass
    deadline = started + timeout
    pause = 0.001
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return {"returncode": os.waitstatus_to_exitcode(status), "seconds": time.monotonic() - started}
        if time.monotonic() > deadline:
            try:
                os.killpg(pid, signal.SIGKILL)  # the child and any worker it forked
            except OSError:
                pass
            os.waitpid(pid, 0)
            return {"returncode": None, "seconds": time.monotonic() - started}
        time.sleep(pause)
        pause = min(pause * 2, 0.02)


def _child(argv: list[str], stdout: str, stderr: str) -> int:
    """In the forked child: the standard streams redirected, the command run as ``python -m ganproof``
    runs it; the exit status."""
    import atexit
    import traceback

    code: Any = 1
    try:
        os.setpgid(0, 0)
        null = os.open(os.devnull, os.O_RDONLY)
        out = os.open(stdout, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        err = os.open(stderr, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(null, 0)
        os.dup2(out, 1)
        os.dup2(err, 2)
        for fd in (null, out, err):
            os.close(fd)
        sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115 - fd 0 is /dev/null now
        import ganproof.cli.main as cli

        sys.argv = [str(Path(cli.__file__).resolve().parent.parent / "__main__.py"), *argv]
        code = cli.main(argv)
    except SystemExit as exc:
        code = exc.code
    except BaseException:  # noqa: BLE001 - printed as the interpreter prints an uncaught exception
        traceback.print_exc()
        code = 1
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    try:
        atexit._run_exitfuncs()  # what the interpreter runs at exit
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:  # noqa: BLE001 - a failing flush (closed pipe) ends the child like the interpreter
        code = code or 1
    return int(code) & 0xFF


if __name__ == "__main__":
    if sys.argv[1:] == ["--serve"]:
        _serve()
    else:
        sys.exit(f"usage: {sys.argv[0]} --serve (started by PreloadedCli)")
