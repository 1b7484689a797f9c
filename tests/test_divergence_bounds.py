"""KL >= 0 whichever way it is written (as KL, as the integral or the sum of p log(p/q)), and the bounds
0 <= JSD <= log 2; each proved by the pointwise rules with their side conditions, and each misuse
refuted or unknown, never proved."""

from __future__ import annotations

import pytest

from ganproof.reader.check import FileReport, check_document
from ganproof.reader.document import read_text


def check(text: str) -> FileReport:
    return check_document(read_text(text, "t.md"))


def verdict_of(row: str, directives: str = "") -> tuple[str, str | None]:
    report = check(directives + "$$\n" + row + "\n$$\n")
    assert len(report.steps) == 1
    return report.steps[0].verdict.value, report.steps[0].rule


@pytest.mark.parametrize("row", [
    r"\int p(x) \log \frac{p(x)}{q(x)} dx \ge 0",
    r"-\int p(x) \log \frac{q(x)}{p(x)} dx \ge 0",
    r"\int p(x) \log p(x) dx \ge \int p(x) \log q(x) dx",
    r"\sum_x p(x) \log \frac{p(x)}{q(x)} \ge 0",
    r"\int p(x) \log \frac{2 p(x)}{p(x) + q(x)} dx \ge 0",
])
def test_gibbs_inequality_written_as_an_integral_or_a_sum_is_proved(row):
    assert verdict_of(row)[0] == "proved"


@pytest.mark.parametrize("row", [
    r"\int p(x) \log \frac{q(x)}{p(x)} dx \ge 0",
    r"\int p(x) \log \frac{p(x)}{q(x)} dx \ge 1",
    r"\int p(x) \log \frac{p(x)}{2 q(x)} dx \ge 0",
])
def test_gibbs_misused_is_never_proved(row):
    assert verdict_of(row)[0] in ("refuted", "unknown")


def test_gibbs_over_part_of_the_support_is_never_proved():
    # int_0^{1/2} p log(p/q) can be negative: p - q does not integrate to 0 over half the support
    v, _ = verdict_of(r"\int_0^{1/2} p(x) \log \frac{p(x)}{q(x)} dx \ge 0", "%! density p, q on [0, 1]\n")
    assert v in ("refuted", "unknown")


def test_jsd_is_at_most_log_2():
    assert verdict_of(r"JSD(p \| q) \le \log 2")[0] == "proved"
    assert verdict_of(r"\frac{1}{2} KL(p \| \frac{p+q}{2}) + \frac{1}{2} KL(q \| \frac{p+q}{2}) \le \log 2")[0] \
        == "proved"


def test_jsd_is_at_least_0():
    assert verdict_of(r"JSD(p \| q) \ge 0")[0] == "proved"


@pytest.mark.parametrize("row", [r"JSD(p \| q) \le \frac{1}{2} \log 2", r"JSD(p \| q) \le 0",
                                 r"JSD(p \| q) \ge \log 2"])
def test_wrong_bounds_on_jsd_are_refuted(row):
    assert verdict_of(row)[0] == "refuted"


def test_c_of_g_is_between_minus_log_4_and_0():
    row = r"-\log 4 + 2 JSD(p \| q) \le 0"
    assert verdict_of(row)[0] == "proved"
    assert verdict_of(r"-\log 4 + 2 JSD(p \| q) \ge -\log 4")[0] == "proved"
    assert verdict_of(r"-\log 4 + 2 JSD(p \| q) \le -\log 4")[0] == "refuted"
