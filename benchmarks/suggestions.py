"""Benchmark: how many single-slip mistakes get a right correction suggested (issue 15, "Done when").

Usage: python benchmarks/suggestions.py [--timeout 120] [--workers 2] [--root CHECKOUT]

The mistakes: the seeds' six known ones (tests/examples/expected.json, ``_errors_in_the_seeds``; the
seed files' lines below) and every step labelled ``false`` in the corpus of real derivations
(tests/real/truth_*.json).  Each file is checked as ``python -m ganproof check FILE --json`` in a
process of its own (tests/real/harness.py's runner, ``--workers`` at a time, GANPROOF_JOBS=1), and
for each mistake the step reported on its line is looked at:

* *suggested*: the step has at least one suggestion (``suggestions`` in the JSON: each one an
  edit of the person's row under which the same checker proves or confirms the step);
* for the seeds, *right*: a suggestion is the known correction (the edit named in :data:`SEED_FIXES`).

A step labelled false that the checker does not refute (unknown, timed out), or that it reports as
back on track (it follows from the last accepted row), gets no suggestion by design: it is listed
with its verdict and counted as missed.  Printed: one line per mistake, the rates, the machine.
Not a test: the figure depends on the time limits on a loaded machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "real"))
sys.path.insert(0, str(ROOT / "tests"))

from harness import CASES, load_truth, run_checkers  # noqa: E402

EXAMPLES = ROOT / "tests" / "examples"

SEED_FIXES: dict[tuple[str, int], tuple[str, ...]] = {
    ("lecture_as_written.tex", 33): ("p_{G}", "p_G"),
    ("lecture_as_written.tex", 34): ("dropped",),
    ("lecture_as_written.tex", 36): ("2\\,JSD",),
    ("lecture_as_written.tex", 48): ("-\\log 2",),
    ("se_question.tex", 11): ("sample",),
    ("se_answer.tex", 10): ("sign",),
}
"""Per seed mistake, words of which one appears in a right correction's ``edit`` (the known fix)."""


def mistakes() -> dict[Path, list[tuple[int, str]]]:
    """File -> its mistakes, (line, where the mistake is described)."""
    out: dict[Path, list[tuple[int, str]]] = {}
    for (name, line) in SEED_FIXES:
        out.setdefault(EXAMPLES / name, []).append((line, "seed"))
    for name, truth in sorted(load_truth().items()):
        lines = sorted(line for line, label in truth.steps.items() if label == "false")
        if lines:
            out[CASES / name] = [(line, "corpus") for line in lines]
    return out


def step_at(result: dict[str, Any], line: int) -> dict[str, Any] | None:
    """The first step reported on ``line`` that is not accepted, else the first one there."""
    steps = [s for s in result.get("steps", []) if s.get("line") == line]
    wrong = [s for s in steps if s["verdict"] not in ("proved", "confirmed")]
    return (wrong or steps or [None])[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per file (default 120)")
    parser.add_argument("--workers", type=int, default=2, help="files checked at once (default 2)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout whose checker is measured")
    args = parser.parse_args()

    todo = mistakes()
    files = list(todo)
    started = time.perf_counter()
    results = dict(zip(files, run_checkers(files, args.workers, args.timeout, args.root)))
    seconds = time.perf_counter() - started

    rows: list[tuple[str, str, bool, bool | None]] = []
    for path in files:
        result = results[path]
        for line, kind in todo[path]:
            step = step_at(result, line)
            if step is None:
                why = result.get("error", {}).get("message") if result.get("error") else "no step on this line"
                rows.append((f"{path.name}:{line}", f"not reported ({why})", False, False if kind == "seed" else None))
                continue
            fixes = step.get("suggestions") or []
            back = step.get("recovers_from")
            state = step["verdict"] + (f", back on track from line {back}" if back is not None else "")
            shown = "; ".join(f"{g['edit']} ({g['verdict']})" for g in fixes[:2]) or "none"
            right: bool | None = None
            if kind == "seed":
                words = SEED_FIXES[(path.name, line)]
                right = any(any(w in g["edit"] for w in words) for g in fixes)
            rows.append((f"{path.name}:{line}", f"{state}; suggestions: {shown}", bool(fixes), right))

    width = max(len(r[0]) for r in rows)
    for where, what, suggested, right in rows:
        mark = "yes" if suggested else "no "
        extra = "" if right is None else (" (the known fix)" if right else " (not the known fix)")
        print(f"{where:<{width}}  {mark}{extra}  {what}")
    seeds = [r for r in rows if r[3] is not None]
    corpus = [r for r in rows if r[3] is None]
    both = seeds + corpus
    print()
    print(f"seeds:  {sum(1 for r in seeds if r[3])}/{len(seeds)} with the known correction suggested")
    print(f"corpus: {sum(1 for r in corpus if r[2])}/{len(corpus)} false steps with a checked correction suggested")
    mistaken = [r for r in corpus if r[1].startswith("refuted;")]
    print(f"        {sum(1 for r in mistaken if r[2])}/{len(mistaken)} of those the checker reports as mistakes "
          "(refuted, not back on track); the others are not refuted (unknown, not read, back on track), "
          "and a correction is only searched for a mistake")
    rate = (sum(1 for r in seeds if r[3]) + sum(1 for r in corpus if r[2])) / len(both)
    print(f"all:    {rate:.0%} of {len(both)} mistakes")
    print(f"{len(files)} files in {seconds:.0f} s; {platform.machine()}, {platform.python_implementation()} "
          f"{platform.python_version()}, {os.cpu_count()} cores, load average "
          + ", ".join(f"{v:.2f}" for v in os.getloadavg()))
    print(json.dumps({"seeds": [len(seeds), sum(1 for r in seeds if r[3])],
                      "corpus": [len(corpus), sum(1 for r in corpus if r[2])],
                      "corpus_mistakes": [len(mistaken), sum(1 for r in mistaken if r[2])]}))


if __name__ == "__main__":
    main()
