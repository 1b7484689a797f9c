"""Derivation chains, the checker and its verdicts."""

from ganproof.chain.checker import DEFAULT_DPS, DEFAULT_INSTANCES, certify, check, iter_check
from ganproof.chain.steps import Chain, Derivation, Step
from ganproof.chain.verdict import Counterexample, DerivationReport, StepResult, Verdict

__all__ = [
    "DEFAULT_DPS", "DEFAULT_INSTANCES", "Chain", "Counterexample", "Derivation", "DerivationReport",
    "Step", "StepResult", "Verdict", "certify", "check", "iter_check",
]
