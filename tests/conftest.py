"""Shared helpers for the tests: one-step derivations over the GAN context; how the suite runs.

The suite runs over worker processes (pytest-xdist, ``-n auto`` in pyproject.toml's addopts): the
parallelism is the workers', so each test's own checks stay in its process (GANPROOF_JOBS=1, for the
subprocesses the tests start too) instead of forking a pool per check, which costs about a quarter more
CPU on a loaded machine.  The tests that are about the pools say ``jobs=2`` (tests/test_parallel.py,
tests/test_batch.py) or set GANPROOF_JOBS themselves.  A GANPROOF_JOBS given in the environment stands.

Tests marked ``slow`` (whole corpora, the self-test sample, the notebooks, the whole library through the
command line) run first, then the modules that one worker runs whole (``xdist_group``: they share a result
computed once), so that the workers finish together; ``-m "not slow"`` leaves the slow ones out.
"""

from __future__ import annotations

import os

import sympy as sp
import pytest

# Every JSON output of every command the tests run (in this process or in a subprocess, which inherits the
# environment) is validated against ganproof/schema/check.json: one that breaks it exits 3.
os.environ["GANPROOF_VALIDATE_JSON"] = "1"
# the workers are the suite's parallelism (see the module docstring)
os.environ.setdefault("GANPROOF_JOBS", "1")

CORPUS_STEP_SECONDS = "5"
"""The checker's numeric budget per step (GANPROOF_STEP_SECONDS, default 120) when the tests run it on a
whole corpus (tests/adversarial, tests/real), where the one assertion is that no false step is accepted: a
step over the budget is unknown (timed out), never accepted, and a file of a few steps ends well inside the
harness's timeout per file.  Measured on 2026-12-03 (2-core machine, loaded): at 5 s against 10 s no
labelled verdict of either corpus became an acceptance (tests/real: the same 81/226 labels right, three
true steps that were refuted after more than 5 s became unknown; tests/adversarial: 0 false accepts,
0 tracebacks), and the real corpus took 293 s of checker time instead of 374 s.  The harness scripts
keep the checker's defaults."""

CORPUS_VERDICTS_ONLY = {"GANPROOF_SUGGEST": "0", "GANPROOF_SIMPLEST": "0"}
"""The settings under which the adversarial corpus (tests/test_adversarial.py) is checked: verdicts only, no
search for suggested corrections of a refuted step nor for a simpler counterexample.  That corpus's one
assertion is about verdicts (no false or undefined step accepted, no traceback, no timeout), and neither
search changes a verdict: measured on 2026-12-04 on the 221 files, every verdict the same with both on and
with both off, and the checker's time 252 s against 151 s (a refuted step with no small correction spends
the search's minimum budget, twice).  The suggestions stay on for the corpus of real derivations
(tests/test_real_corpus.py), whose mistakes are the ones people make, and in tests/test_corrections.py."""

from ganproof.chain import Chain, Derivation, StepResult, check
from ganproof.library.common import GAN_CONTEXT
from ganproof.vocabulary import Context

TEST_DPS = 30


def check_step(
    lhs: sp.Expr,
    rhs: sp.Expr,
    relation: str = "=",
    rule: str | None = None,
    ctx: Context = GAN_CONTEXT,
    dps: int = TEST_DPS,
    assume: tuple = (),
) -> StepResult:
    """The result of checking the single step ``lhs relation rhs``."""
    chain = Chain.begin(lhs, assume=assume).then(relation, rhs, rule)  # type: ignore[arg-type]
    report = check(Derivation("t", "t", ctx, (chain,)), dps=dps)
    (step,) = report.steps
    return step


@pytest.fixture
def one_step():
    return check_step


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The slow tests first, then the modules run by one worker (``xdist_group``), then the rest, each in
    collection order: no worker starts a long piece of work when the others are nearly done."""
    items.sort(key=lambda item: 0 if item.get_closest_marker("slow") else 1 if item.get_closest_marker(
        "xdist_group") else 2)
