"""Shared helpers for the tests: one-step derivations over the GAN context."""

from __future__ import annotations

import os

import sympy as sp
import pytest

# Every JSON output of every command the tests run (in this process or in a subprocess, which inherits the
# environment) is validated against ganproof/schema/check.json: one that breaks it exits 3.
os.environ["GANPROOF_VALIDATE_JSON"] = "1"

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
