"""Measure ``ganproof check`` on the corpus of real, public GAN derivations.

The corpus (``tests/real/cases/``) holds derivations pasted exactly as their authors
wrote them; ``truth_*.json`` gives each step's true verdict, decided by hand, and
``oracle_*.py`` re-checks every label in plain mpmath, without the checker.  This
module merges every truth and oracle file (several people add to the corpus, each in
their own files), runs the checker on every case in a process of its own with a time limit,
and scores the result:

* a file is *read* when the checker's exit status is not 2 and at least one step got
  a verdict;
* a labelled step is *right* when its verdict is the true one (true -> proved or
  confirmed, false -> refuted, undefined -> unknown or refuted);
* a *false accept* is a false or undefined step that came out proved or confirmed.

Run ``python tests/real/harness.py [--root CHECKOUT] [FILE ...]`` for the table per file
and the totals (``--root``: measure another checkout's checker on this corpus).
"""

from __future__ import annotations

import argparse

import importlib.util
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REAL = Path(__file__).resolve().parent
CASES = REAL / "cases"
ROOT = REAL.parent.parent
sys.path.insert(0, str(REAL.parent))

from preloaded import Completed, run_all  # noqa: E402

#: a true label is met by these verdicts, and so on (see the module docstring)
ACCEPTED: Mapping[str, frozenset[str]] = {
    "true": frozenset({"proved", "confirmed"}),
    "false": frozenset({"refuted"}),
    "undefined": frozenset({"unknown", "refuted"}),
}
ACCEPTING = frozenset({"proved", "confirmed"})
LABELS = frozenset(ACCEPTED)

#: seconds one checker run may take before it counts as unread
TIMEOUT = 120.0
#: seconds of the timeout left to the checker's start-up, reading and output (GANPROOF_FILE_SECONDS is
#: the timeout less this)
FILE_MARGIN = 25.0
#: checker processes at once (the machine is shared: two)
WORKERS = 2

Oracle = Callable[[], bool]


@dataclass(frozen=True)
class Truth:
    """One case file's hand-decided labels: line of each step -> true|false|undefined."""

    name: str
    source: str
    kind: str
    steps: Mapping[int, str]
    notes: str


@dataclass(frozen=True)
class StepScore:
    """One labelled step: its label, the checker's verdict (None: not judged), right?"""

    line: int
    label: str
    verdict: str | None

    @property
    def right(self) -> bool:
        return self.verdict is not None and self.verdict in ACCEPTED[self.label]

    @property
    def false_accept(self) -> bool:
        return self.label != "true" and self.verdict in ACCEPTING


@dataclass(frozen=True)
class FileScore:
    """One case file: read or not, its first error, its labelled steps' scores."""

    name: str
    exit_status: int | None
    read: bool
    first_error: str | None
    steps: tuple[StepScore, ...]
    seconds: float

    @property
    def right(self) -> int:
        return sum(step.right for step in self.steps)

    @property
    def false_accepts(self) -> tuple[StepScore, ...]:
        return tuple(step for step in self.steps if step.false_accept)


@dataclass(frozen=True)
class Summary:
    """The corpus totals that ``measure`` prints."""

    files: tuple[FileScore, ...]

    @property
    def read(self) -> int:
        return sum(f.read for f in self.files)

    @property
    def labelled(self) -> int:
        return sum(len(f.steps) for f in self.files)

    @property
    def right(self) -> int:
        return sum(f.right for f in self.files)

    @property
    def false_accepts(self) -> tuple[tuple[str, StepScore], ...]:
        return tuple((f.name, s) for f in self.files for s in f.false_accepts)


def load_truth(folder: Path = REAL) -> dict[str, Truth]:
    """Every ``truth_*.json`` in ``folder`` merged: case file name -> its labels.

    Raises ValueError naming the files when two of them label the same case, or when a
    label is not one of true, false, undefined.
    """
    merged: dict[str, Truth] = {}
    origin: dict[str, str] = {}
    for path in sorted(folder.glob("truth_*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for name, entry in data.items():
            if name.startswith("_"):
                continue
            if name in merged:
                raise ValueError(f"{name} is labelled in both {origin[name]} and {path.name}")
            steps = {int(line): label for line, label in entry["steps"].items()}
            bad = {line: label for line, label in steps.items() if label not in LABELS}
            if bad:
                raise ValueError(
                    f"{path.name}: {name}: labels {bad} are not one of {sorted(LABELS)}"
                )
            merged[name] = Truth(
                name=name,
                source=entry.get("source", ""),
                kind=entry.get("kind", ""),
                steps=steps,
                notes=entry.get("notes", ""),
            )
            origin[name] = path.name
    return merged


def load_oracles(folder: Path = REAL) -> dict[tuple[str, int], Oracle]:
    """Every ``ORACLE`` dict of the ``oracle_*.py`` files in ``folder``, merged.

    Raises ValueError when two files register the same (case, line).
    """
    merged: dict[tuple[str, int], Oracle] = {}
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))  # the oracles' shared helpers (remember.py)
    for path in sorted(folder.glob("oracle_*.py")):
        spec = importlib.util.spec_from_file_location(f"_real_{path.stem}", path)
        assert spec is not None and spec.loader is not None, path
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for key, fn in module.ORACLE.items():
            name, line = key
            if (name, int(line)) in merged:
                raise ValueError(f"{path.name}: oracle for {key} is registered twice")
            merged[(name, int(line))] = fn
    return merged


def case_files(folder: Path = CASES) -> list[Path]:
    """The corpus's case files (``.tex``, ``.md``, ``.ipynb``), sorted by name."""
    return sorted(p for p in folder.iterdir() if p.suffix in {".tex", ".md", ".ipynb"})


def run_checkers(paths: Sequence[Path | str], workers: int = WORKERS, timeout: float = TIMEOUT,
                 root: Path = ROOT) -> Iterator[dict[str, Any]]:
    """``python -m ganproof check PATH --json`` for each path, each in a process of its own run from
    ``root`` (forked from one that has done the imports once: tests/preloaded.py), ``workers`` at a time;
    the results in the order of ``paths``.

    ``root`` is this repository by default; another checkout of ganproof (a branch under
    review) can be measured on the same corpus by passing its root.

    Each result is the parsed JSON object with ``exit_status`` and ``seconds`` added, or, when
    the run timed out, crashed or printed no JSON, an error record ``{"file", "error":
    {"message"}, "exit_status", "seconds"}`` saying what happened.
    """
    # the checker's own file budget ends a slow file (its late steps unknown, timed out) before the
    # harness's timeout would count it unread; a caller's GANPROOF_FILE_SECONDS is kept
    env = dict(os.environ, GANPROOF_JOBS="1")
    env.setdefault("GANPROOF_FILE_SECONDS", f"{max(1.0, timeout - FILE_MARGIN):g}")
    commands = [["check", str(path), "--json"] for path in paths]
    for i, done in enumerate(run_all(commands, timeout, workers, root, env)):
        yield checker_result(paths[i], done, timeout)


def run_checker(path: Path | str, timeout: float = TIMEOUT, root: Path = ROOT) -> dict[str, Any]:
    """One file's result (see :func:`run_checkers`)."""
    (result,) = run_checkers([path], 1, timeout, root)
    return result


def checker_result(path: Path | str, done: Completed, timeout: float) -> dict[str, Any]:
    """The result of one checker run (see :func:`run_checkers`)."""
    if done.returncode is None:
        return {
            "file": str(path),
            "error": {"message": f"timed out after {timeout:g} s"},
            "exit_status": None,
            "seconds": done.seconds,
        }
    try:
        result = json.loads(done.stdout)
    except json.JSONDecodeError:
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        return {
            "file": str(path),
            "error": {"message": f"no JSON on stdout (exit {done.returncode}): {tail[0]}"},
            "exit_status": done.returncode,
            "seconds": done.seconds,
        }
    if isinstance(result, list):  # one file given: the list form has one object
        result = result[0] if result else {}
    result["exit_status"] = done.returncode
    result["seconds"] = done.seconds
    return result


def first_error(result: Mapping[str, Any]) -> str | None:
    """The first input error the checker reported for a file, as ``LINE:COL: message``."""
    errors: list[Any] = []
    if isinstance(result.get("error"), dict):
        errors.append(result["error"])
    if isinstance(result.get("errors"), list):
        errors.extend(e for e in result["errors"] if isinstance(e, dict))
    if not errors:
        return None
    errors.sort(key=lambda e: (e.get("line") or 0, e.get("col") or 0))
    e = errors[0]
    where = f"{e['line']}:{e.get('col', '?')}: " if e.get("line") is not None else ""
    return where + str(e.get("message", "")).splitlines()[0]


def line_verdict(verdicts: Sequence[str], label: str, unread: bool = False) -> str | None:
    """The verdict of a labelled line that holds ``verdicts`` (pasted prose often puts several steps on
    one line): the first verdict that is not an acceptance when there is one (for a false line: a
    refutation first), else the first.  So a false line is a false accept only when every step the
    checker found on it was accepted, and a true line is right only when none of its steps was rejected.
    A line on which a row could not be read (``unread``) and whose judged steps were all accepted is not
    judged (None): the false step may be the unread one."""
    if not verdicts:
        return None
    if label != "true" and "refuted" in verdicts:
        return "refuted"
    rejected = [v for v in verdicts if v not in ACCEPTING]
    if rejected:
        return rejected[0]
    return None if unread else verdicts[0]


def score(truth: Truth, result: Mapping[str, Any]) -> FileScore:
    """Compare one checker result with the file's labels."""
    on_line: dict[int, list[str]] = {}
    for step in result.get("steps") or ():
        on_line.setdefault(int(step["line"]), []).append(str(step["verdict"]))
    error_lines = {e.get("line") for e in (result.get("errors") or ())}
    exit_status = result.get("exit_status")
    read = exit_status is not None and exit_status != 2 and bool(on_line)
    steps = tuple(
        StepScore(line=line, label=label,
                  verdict=line_verdict(on_line.get(line, []), label, unread=line in error_lines))
        for line, label in sorted(truth.steps.items())
    )
    return FileScore(
        name=truth.name,
        exit_status=exit_status,
        read=read,
        first_error=first_error(result),
        steps=steps,
        seconds=float(result.get("seconds", 0.0)),
    )


def measure(
    paths: Iterable[Path] | None = None,
    workers: int = WORKERS,
    timeout: float = TIMEOUT,
    out: Callable[[str], None] = print,
    root: Path = ROOT,
) -> Summary:
    """Run the checker (of the checkout at ``root``) on the corpus, print table and totals."""
    truth = load_truth()
    files = list(paths) if paths is not None else case_files()
    unlabelled = [p.name for p in files if p.name not in truth]
    if unlabelled:
        raise ValueError(f"case files without a truth entry: {unlabelled}")
    results = list(run_checkers(files, workers, timeout, root))
    summary = Summary(tuple(score(truth[p.name], r) for p, r in zip(files, results)))
    for line in table(summary):
        out(line)
    return summary


def table(summary: Summary) -> list[str]:
    """The per-file lines and the totals, as printed by ``measure``."""
    lines = [f"{'file':50} {'exit':>4} {'read':>4} {'right':>7} {'FA':>3} {'time':>6}  first error"]
    for f in summary.files:
        fa = len(f.false_accepts)
        err = f.first_error or ""
        lines.append(
            f"{f.name:50} {str(f.exit_status):>4} {'yes' if f.read else 'no':>4} "
            f"{f'{f.right}/{len(f.steps)}':>7} {fa:>3} {f.seconds:5.1f}s  {err[:110]}"
        )
        for s in f.steps:
            if not s.right:
                lines.append(f"{'':6}line {s.line:4}: label {s.label:9} verdict {s.verdict}")
    n = len(summary.files)
    lab = summary.labelled
    lines.append(
        f"files read: {summary.read}/{n}"
        + (f" ({100 * summary.read / n:.0f}%)" if n else "")
        + f"; labelled steps right: {summary.right}/{lab}"
        + (f" ({100 * summary.right / lab:.0f}%)" if lab else "")
        + f"; false accepts: {len(summary.false_accepts)}"
    )
    for name, s in summary.false_accepts:
        lines.append(f"FALSE ACCEPT: {name} line {s.line} ({s.label}) came out {s.verdict}")
    return lines


def main(argv: list[str]) -> int:
    """Command line: ``harness.py [--root CHECKOUT] [FILE ...]`` (default: every case file).

    Exit status 1 when any step labelled false or undefined was accepted.
    """
    parser = argparse.ArgumentParser(description="Check the real-derivation corpus and compare with its labels.")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout whose ganproof is run (default: this one)")
    parser.add_argument("files", nargs="*", type=Path, help="case files (default: every case file)")
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.files] or None
    summary = measure(paths, root=args.root.resolve())
    return 1 if summary.false_accepts else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
