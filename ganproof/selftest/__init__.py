"""The checker checking itself: mutants of every right step must be refuted (never accepted)."""

from ganproof.selftest.harness import MutantResult, SelftestReport, run_selftest

__all__ = ["MutantResult", "SelftestReport", "run_selftest"]
