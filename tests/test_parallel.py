"""Several derivations checked at once, one per worker process (what `ganproof check` runs)."""

from __future__ import annotations

import dataclasses

import pytest
import sympy as sp

from ganproof.chain import Chain, Derivation, check
from ganproof.chain.parallel import check_all, cost
from ganproof.errors import SoundnessError
from ganproof.library import derivation
from ganproof.library.common import GAN_CONTEXT, p_data, p_G
from ganproof.vocabulary import KL, X


def _verdicts(report):
    return [(s.index, s.verdict, s.rule) for s in report.steps]


def test_reports_come_in_the_order_given_and_match_a_check_in_this_process():
    names = ["value_at_optimum", "gibbs", "minimum"]
    derivations = [derivation(n) for n in names]
    reports = list(check_all(derivations, jobs=2))
    assert [r.name for r in reports] == names
    for d, r in zip(derivations, reports):
        assert _verdicts(r) == _verdicts(check(d, jobs=1))


def test_a_wrong_step_is_refuted_in_a_worker_too():
    x = X
    wrong = Chain.begin(KL(p_data(x), p_G(x), x)).eq(KL(p_G(x), p_data(x), x))
    planted = Derivation("planted", "KL is symmetric (it is not)", GAN_CONTEXT, (wrong,))
    reports = list(check_all([derivation("gibbs"), planted], jobs=2))
    assert reports[0].ok
    (step,) = reports[1].steps
    assert step.verdict.value == "refuted"


def test_an_internal_contradiction_in_a_worker_is_raised_here(monkeypatch):
    # a rule that certifies a false step: the worker's SoundnessError reaches the caller
    import ganproof.chain.checker as checker

    def lying_certify(step, ctx):
        from ganproof.rules.base import Certificate
        return Certificate(rules=("algebra",)), None

    monkeypatch.setattr(checker, "certify", lying_certify)
    x = X
    false = Chain.begin(sp.log(2) + 0 * p_data(x)).eq(sp.log(3))
    bad = Derivation("bad", "log 2 = log 3", GAN_CONTEXT, (false,))
    with pytest.raises(SoundnessError):
        list(check_all([derivation("gibbs"), bad], jobs=2))


def test_the_largest_derivation_counts_as_largest():
    # arjovsky_bottou differentiates quadratures: it must be started first
    sizes = {n: cost(derivation(n)) for n in ("gibbs", "c_of_g", "arjovsky_bottou")}
    assert max(sizes, key=sizes.get) == "arjovsky_bottou"


def test_one_derivation_is_checked_in_this_process():
    (report,) = check_all([derivation("gibbs")], jobs=2)
    assert report.ok and dataclasses.is_dataclass(report)


def test_progress_hears_every_step_of_every_derivation_from_the_workers():
    names = ["gibbs", "value_at_optimum", "minimum"]
    heard: list[tuple[str, int]] = []
    reports = list(check_all([derivation(n) for n in names], jobs=2,
                             progress=lambda name, step: heard.append((name, step.index))))
    expected = sorted((r.name, s.index) for r in reports for s in r.steps)
    assert sorted(heard) == expected


def test_progress_in_one_process_names_the_derivation_too():
    heard: list[str] = []
    list(check_all([derivation("gibbs"), derivation("value_at_optimum")], jobs=1,
                   progress=lambda name, step: heard.append(name)))
    assert heard.count("gibbs") == 5 and heard.count("value_at_optimum") == 6


def test_the_cli_writes_no_progress_when_stderr_is_not_a_terminal():
    import subprocess
    import sys

    code = "from ganproof.cli.main import main; raise SystemExit(main(['check', 'gibbs', 'value_at_optimum']))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stderr == ""
    assert "ok: 2 derivations" in done.stdout


def test_the_cli_shows_derivation_and_step_on_a_terminal():
    import os
    import pty
    import subprocess
    import sys

    code = "from ganproof.cli.main import main; raise SystemExit(main(['check', 'gibbs', 'value_at_optimum']))"
    try:
        leader, follower = pty.openpty()
    except OSError:  # pragma: no cover - a machine without pseudo-terminals
        pytest.skip("no pseudo-terminal on this machine")
    done = subprocess.run([sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=follower, timeout=300)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(leader)
    shown = b"".join(chunks).decode()
    assert done.returncode == 0
    assert "gibbs: step 5 proved" in shown and "value_at_optimum: step 6 proved" in shown
