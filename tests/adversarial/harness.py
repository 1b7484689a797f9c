"""Runs ``ganproof check`` on the adversarial corpus and scores it against truth.json.

Every case file is checked in its own process (``python -m ganproof check
FILE --json``, from the repository root so that this checkout's package is the
one imported; forked from a process that has done the imports once, see
tests/preloaded.py) under a wall-clock timeout, so that a crash, a hang or an
abort in one file is measured instead of stopping the run.  Each labelled step is
then classed as

* ``false accept``: a false or undefined step came out proved or confirmed
  (the one outcome a checker must never produce);
* ``true refuted``: a true step came out refuted;
* ``unknown``: the checker gave no decision;
* ``missing``: the step has no verdict (unreadable file, no JSON, timeout, a
  step the reader did not find on that line);
* ``good``: a true step accepted, or a false/undefined step refuted.

Files are also classed by how the run ended: ``traceback`` (a Python
traceback on stderr), ``no json`` (stdout is not one JSON object),
``timeout``, ``exit 3`` (an internal contradiction), ``error`` (the file was
refused as input, exit 2 with an error object).

Usage: ``python tests/adversarial/harness.py [--timeout S] [--jobs N] [--json OUT] [FILE ...]``.
The exit status is 1 when any false accept, traceback, missing JSON or timeout
was seen, else 0.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE.parent))

from preloaded import Completed, run_all  # noqa: E402
CASES = HERE / "cases"
TRUTH = HERE / "truth.json"
DEFAULT_TIMEOUT = 120.0
ACCEPTED = ("proved", "confirmed")
OUTCOMES = ("false accept", "true refuted", "unknown", "missing", "good")
FILE_PROBLEMS = ("traceback", "no json", "timeout", "exit 3", "error")


def load_truth() -> dict[str, dict[int, str]]:
    """truth.json as {file name: {line: 'true' | 'false' | 'undefined'}}."""
    raw = json.loads(TRUTH.read_text(encoding="utf-8"))
    return {name: {int(line): label for line, label in steps.items()} for name, steps in raw.items()}


def case_files() -> list[Path]:
    """Every case file of the corpus (LaTeX and Markdown), sorted by name."""
    return sorted([*CASES.glob("*.tex"), *CASES.glob("*.md")])


def case_class(path: Path) -> str:
    """The class id from the file's ``% class:`` comment (``?`` when it has none)."""
    for line in path.read_text(encoding="utf-8").splitlines()[:5]:
        if line.startswith("% class:"):
            return line.split(":", 1)[1].split()[0]
    return "?"


@dataclass(frozen=True)
class FileRun:
    """One ``ganproof check --json`` run of one case file."""

    name: str
    returncode: int | None
    """None when the run timed out."""
    seconds: float
    report: dict | None
    """The parsed JSON object, or None when stdout held none."""
    stderr: str

    @property
    def verdicts(self) -> dict[int, str]:
        """Step line -> verdict, as the checker printed them."""
        if not self.report or "steps" not in self.report:
            return {}
        return {int(s["line"]): str(s["verdict"]) for s in self.report["steps"]}

    @property
    def problems(self) -> tuple[str, ...]:
        found = []
        if "Traceback (most recent call last)" in self.stderr:
            found.append("traceback")
        if self.returncode is None:
            found.append("timeout")
        elif self.report is None:
            found.append("no json")
        if self.returncode == 3:
            found.append("exit 3")
        if self.report is not None and "error" in self.report:
            found.append("error")
        return tuple(found)


def command(path: Path) -> list[str]:
    """The arguments of ``python -m ganproof`` that check one case file."""
    return ["check", str(path), "--json", "--jobs", "1"]


def file_run(path: Path, done: Completed) -> FileRun:
    """One file's run as the scoring sees it: its JSON object, if stdout held one."""
    report = None
    try:
        parsed = json.loads(done.stdout)
        if isinstance(parsed, dict):
            report = parsed
    except json.JSONDecodeError:
        pass
    return FileRun(path.name, done.returncode, done.seconds, report, done.stderr)


def run_files(paths: Sequence[Path], timeout: float = DEFAULT_TIMEOUT, jobs: int = 1) -> Iterator[FileRun]:
    """Check each file in a process of its own (``jobs`` at a time), in order, each run as soon as it is
    done; a timeout kills the process and is recorded as such."""
    env = dict(os.environ, GANPROOF_JOBS="1")
    for i, done in enumerate(run_all([command(p) for p in paths], timeout, jobs, ROOT, env)):
        yield file_run(paths[i], done)


def outcome(label: str, verdict: str | None) -> str:
    """The class of one step: see the module docstring."""
    if verdict is None:
        return "missing"
    if verdict == "unknown":
        return "unknown"
    if label == "true":
        return "good" if verdict in ACCEPTED else "true refuted"
    return "false accept" if verdict in ACCEPTED else "good"


@dataclass
class Score:
    """Counts per class id: step outcomes and file problems."""

    steps: dict[str, Counter] = field(default_factory=dict)
    files: dict[str, Counter] = field(default_factory=dict)
    labels: dict[str, Counter] = field(default_factory=dict)
    details: list[dict] = field(default_factory=list)

    def add(self, cls: str, run: FileRun, truth: dict[int, str]) -> None:
        steps = self.steps.setdefault(cls, Counter())
        files = self.files.setdefault(cls, Counter())
        labels = self.labels.setdefault(cls, Counter())
        files["files"] += 1
        for p in run.problems:
            files[p] += 1
        verdicts = run.verdicts
        for line, label in sorted(truth.items()):
            got = verdicts.get(line)
            kind = outcome(label, got)
            steps[kind] += 1
            labels[label] += 1
            if kind != "good":
                self.details.append({"file": run.name, "line": line, "label": label, "verdict": got,
                                     "outcome": kind})
        for p in run.problems:
            self.details.append({"file": run.name, "line": None, "label": None, "verdict": None, "outcome": p,
                                 "stderr": run.stderr[-400:]})

    def total(self, which: str) -> Counter:
        table = self.steps if which == "steps" else self.files if which == "files" else self.labels
        out: Counter = Counter()
        for c in table.values():
            out.update(c)
        return out

    @property
    def clean(self) -> bool:
        """No false accept, and every file printed JSON without a traceback or a timeout."""
        steps, files = self.total("steps"), self.total("files")
        return not (steps["false accept"] or files["traceback"] or files["no json"] or files["timeout"])

    def table(self) -> str:
        head = (f"{'class':6} {'files':>5} {'steps':>5} {'T/F/U':>9} | {'false acc':>9} {'true ref':>8} "
                f"{'unknown':>7} {'missing':>7} {'good':>5} | {'tb':>3} {'nojs':>4} {'t/o':>3} {'ex3':>3} {'err':>3}")
        rows = [head, "-" * len(head)]

        def row(name: str, s: Counter, f: Counter, lab: Counter) -> str:
            tfu = f"{lab['true']}/{lab['false']}/{lab['undefined']}"
            return (f"{name:6} {f['files']:>5} {sum(s[o] for o in OUTCOMES):>5} {tfu:>9} | "
                    f"{s['false accept']:>9} {s['true refuted']:>8} {s['unknown']:>7} {s['missing']:>7} "
                    f"{s['good']:>5} | {f['traceback']:>3} {f['no json']:>4} {f['timeout']:>3} {f['exit 3']:>3} "
                    f"{f['error']:>3}")

        for cls in sorted(self.steps):
            rows.append(row(cls, self.steps[cls], self.files[cls], self.labels[cls]))
        rows.append("-" * len(head))
        rows.append(row("total", self.total("steps"), self.total("files"), self.total("labels")))
        return "\n".join(rows)


def score(paths: Iterable[Path], timeout: float = DEFAULT_TIMEOUT, jobs: int = 1,
          progress: bool = False) -> tuple[Score, list[FileRun]]:
    """Run every file (``jobs`` processes at a time) and score it against truth.json."""
    truth = load_truth()
    paths = list(paths)
    runs: list[FileRun] = []
    result = Score()
    for i, run in enumerate(run_files(paths, timeout, jobs)):
        path = paths[i]
        runs.append(run)
        result.add(case_class(path), run, truth.get(path.name, {}))
        if progress:
            got = run.verdicts
            marks = " ".join(f"{ln}:{truth.get(path.name, {})[ln][0]}->{got.get(ln, '-')}"
                             for ln in sorted(truth.get(path.name, {})))
            print(f"{run.seconds:6.1f}s {path.name}: {marks} {' '.join(run.problems)}", file=sys.stderr,
                  flush=True)
    return result, runs


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", type=Path, help="case files (default: every file in cases/)")
    ap.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per file (default 120)")
    ap.add_argument("--jobs", type=int, default=1, help="files checked at once (default 1)")
    ap.add_argument("--json", type=Path, help="also write every non-good step and file problem to this file")
    ap.add_argument("--quiet", action="store_true", help="no per-file progress lines")
    args = ap.parse_args(argv)
    paths = [p.resolve() for p in args.files] or case_files()
    started = time.perf_counter()
    result, _ = score(paths, args.timeout, args.jobs, progress=not args.quiet)
    print(result.table())
    bad = [d for d in result.details if d["outcome"] != "unknown"]
    for d in bad:
        where = f"{d['file']}:{d['line']}" if d["line"] else d["file"]
        print(f"  {d['outcome']:13} {where} (label {d['label']}, verdict {d['verdict']})")
    print(f"{len(paths)} files in {time.perf_counter() - started:.0f}s")
    if args.json:
        args.json.write_text(json.dumps(result.details, indent=1) + "\n", encoding="utf-8")
    return 0 if result.clean else 1


if __name__ == "__main__":
    sys.exit(main())
