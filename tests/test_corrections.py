"""Checked corrections: for a wrong step, the small edits of the person's row under which the same checker
proves or confirms it; every suggestion the JSON gives is re-checked here from the JSON alone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from ganproof.reader.written import written
from ganproof.reader.edits import edits, terms

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "GANPROOF_JOBS": "1", "PYTHONPATH": str(ROOT)}

SLIPS = ("%! density p, q\n"
         "$$\n"
         "\\int p(x) \\log \\frac{p(x)}{q(x)} \\, dx = \\int p(x) \\log \\frac{q(x)}{p(x)} \\, dx\n"  # a sign
         "$$\n"
         "\n"
         "$$\n"
         "2 \\log 2 = \\log 2\n"  # log 4 is meant
         "$$\n"
         "\n"
         "$$\n"
         "\\int p(x) \\, dx = 7\n"  # no small edit makes it hold
         "$$\n")


def check(text: str, folder: Path, name: str = "f.tex") -> dict[str, Any]:
    (folder / name).write_text(text)
    result = subprocess.run([sys.executable, "-m", "ganproof", "check", "--json", "--instances", "2", name],
                            capture_output=True, text=True, cwd=folder, timeout=900, env=ENV)
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@lru_cache(maxsize=None)
def slips(folder: str) -> dict[str, Any]:
    return check(SLIPS, Path(folder))


def replaced(text: str, line: int, col: int, latex: str) -> str:
    """``text`` with line ``line`` from column ``col`` to its end replaced by ``latex``."""
    rows = text.split("\n")
    rows[line - 1] = rows[line - 1][:col - 1] + latex
    return "\n".join(rows)


def test_every_suggestion_is_proved_or_confirmed_when_rechecked_from_the_json(tmp_path):
    data = slips(str(tmp_path))
    by_line = {s["line"]: s for s in data["steps"]}
    assert [m["line"] for m in data["mistakes"]] == [3, 7, 11]
    rechecked = 0
    for line in (3, 7):
        step = by_line[line]
        assert step["suggestions"], step["reason"]
        for k, fix in enumerate(step["suggestions"]):
            assert fix["verdict"] in ("proved", "confirmed") and fix["line"] == line
            row = SLIPS.split("\n")[line - 1]
            assert written(row[step["col"] - 1:]) == step["source"]  # the right side runs to the end of its line
            if fix["row"] == "before":  # the corrected left side: the row up to its relation
                rows = SLIPS.split("\n")
                rows[line - 1] = fix["latex"] + " " + row[row.rindex("=", 0, step["col"] - 1):]
                mended = "\n".join(rows)
            else:
                mended = replaced(SLIPS, line, step["col"], fix["latex"])
            again = check(mended, tmp_path, f"fix{line}_{k}.tex")
            after = {s["line"]: s for s in again["steps"]}[line]
            assert after["verdict"] in ("proved", "confirmed"), (fix, after["reason"])
            rechecked += 1
    assert rechecked >= 2


def test_the_right_corrections_come_first(tmp_path):
    data = slips(str(tmp_path))
    by_line = {s["line"]: s for s in data["steps"]}
    sign = by_line[3]["suggestions"][0]
    assert sign["operator"] == "flip-sign" and sign["latex"].startswith("-\\int p(x)")
    log = by_line[7]["suggestions"][0]
    assert log["operator"] == "log2-log4" and log["latex"] == "\\log 4" and log["edit"] == "`\\log 2` is `\\log 4`"


def test_a_mistake_no_small_edit_mends_gets_no_suggestion_and_says_so(tmp_path):
    step = {s["line"]: s for s in slips(str(tmp_path))["steps"]}[11]
    assert step["verdict"] == "refuted" and step["suggestions"] == []
    assert "no small correction of this row" in step["reason"]


def test_accepted_steps_are_not_searched(tmp_path):
    data = check("%! density p\n$$\n\\int p(x) \\, dx = 1\n$$\n", tmp_path)
    assert data["steps"][0]["verdict"] == "proved" and data["steps"][0]["suggestions"] is None


def test_edits_are_the_self_test_slips_smallest_first():
    found = edits(r"-\log 4 + JSD(p \| q)", ("p", "q"))
    sizes = [e.size for e in found]
    assert sizes == sorted(sizes)
    kinds = {e.operator for e in found}
    assert {"flip-sign", "log2-log4", "factor", "jsd-kl", "reverse-divergence", "swap-density", "drop-term"} <= kinds
    assert any(e.apply(r"-\log 4 + JSD(p \| q)") == r"-\log 4 + 2\,JSD(p \| q)" for e in found)
    assert any(e.apply(r"-\log 4 + JSD(p \| q)") == r"-\log 4 + JSD(q \| p)" for e in found)


def test_terms_split_at_the_top_level_only():
    text = r"-\log 2(1+1) + \int_x \left[ p(x) - q(x) \right] dx"
    assert [text[a:b] for a, b in terms(text)] == [r"-\log 2(1+1)", r"+ \int_x \left[ p(x) - q(x) \right] dx"]


WRONG_LAW = ("$$\n\\mathbb{E}_{x \\sim p_r}[\\log D(x)] + \\mathbb{E}_{x \\sim p_g}[\\log(1 - D(x))] = "
             "\\lim_{n\\to\\infty}\\frac{1}{n} \\sum_{i=1}^{n} \\log(D(x_i^{(r)})) + "
             "\\lim_{m\\to\\infty}\\frac{1}{m} \\sum_{j=1}^{m}\\log(1 - D(x_j^{(r)}))\n$$\n")
"""The second mean is over samples of p_r where samples of p_g are meant (x_j^{(g)})."""


def test_a_sample_set_given_the_other_law_is_corrected(tmp_path):
    step = check(WRONG_LAW, tmp_path)["steps"][0]
    assert step["verdict"] == "refuted"
    fix = step["suggestions"][0]
    assert fix["operator"] == "sample-law" and fix["edit"] == "`x_j^{(r)}` is `x_j^{(g)}`", step["suggestions"]
    assert fix["latex"].endswith("\\log(1 - D(x_j^{(g)}))") and fix["verdict"] in ("proved", "confirmed")
    again = check(replaced(WRONG_LAW, 2, step["col"], fix["latex"]), tmp_path, "fixed.tex")["steps"][0]
    assert again["verdict"] in ("proved", "confirmed"), again["reason"]


def test_se_question_line_11_one_sample_set_for_two_laws_is_split_into_one_per_law(tmp_path):
    """The seed's mistake: one sample set x^{(i)} stands for samples of p_r and of p_g in one sum; the
    correction gives each term its own law (x_i^{(r)}, x_i^{(g)}), proved by the same checker."""
    text = (ROOT / "tests" / "examples" / "se_question.tex").read_text()
    data = check(text, tmp_path, "se_question.tex")
    step = {s["line"]: s for s in data["steps"]}[11]
    assert step["verdict"] == "refuted"
    laws = [g for g in step["suggestions"] if g["operator"] == "sample-law"]
    assert laws and laws[0]["verdict"] in ("proved", "confirmed"), step["suggestions"]
    assert "x_{i}^{(r)}" in laws[0]["latex"] and "x_{i}^{(g)}" in laws[0]["latex"]
    assert laws[0]["latex"].index("x_{i}^{(r)}") < laws[0]["latex"].index("x_{i}^{(g)}")  # D of p_r's samples
    assert "one sample set per law" in laws[0]["edit"] and "one sample set per law" in step["reason"]
    again = check(replaced(text, 11, step["col"], laws[0]["latex"]), tmp_path, "fixed.tex")
    assert {s["line"]: s for s in again["steps"]}[11]["verdict"] in ("proved", "confirmed")


def test_sample_law_edits():
    lawed = r"\log(D(x_i^{(r)})) + \log(1 - D(x_{j}^{(g)}))"
    found = {e.apply(lawed) for e in edits(lawed, (), ("r", "g")) if e.operator == "sample-law"}
    assert found == {r"\log(D(x_i^{(g)})) + \log(1 - D(x_{j}^{(g)}))", r"\log(D(x_i^{(r)})) + \log(1 - D(x_{j}^{(r)}))"}
    unlawed = r"\left[\log(D(x^{(i)})) + \log(1 - D(x^{(i)}))\right]"
    split = {e.apply(unlawed) for e in edits(unlawed, ("p_{r}", "p_g")) if e.operator == "sample-law"}
    # every mixed way, never one law for all (that is a declaration, which the checker suggests itself)
    assert split == {r"\left[\log(D(x_{i}^{(r)})) + \log(1 - D(x_{i}^{(g)}))\right]",
                     r"\left[\log(D(x_{i}^{(g)})) + \log(1 - D(x_{i}^{(r)}))\right]"}
    assert not [e for e in edits(unlawed, ("p",)) if e.operator == "sample-law"]  # no law has a superscript
    assert not [e for e in edits(r"\log D(z^{(i)}) + \log D(z^{(i)})", (), ("r", "g")) if e.operator == "sample-law"]


MISSING = ("%! density p\n$$\n\\mathbb{E}_{x \\sim p}[p(x)] = \\int p(x) \\, dx\n$$\n"
           "\n%! density q\n$$\n\\int q^2 \\, dx = \\int q \\, dx\n$$\n")
"""A density missing under an integral: E_p[p] is the integral of p(x) p(x) (p written with an argument),
and the integral of q^2 that of q q (q written bare, as a_emptymalei_fdivergence_kl writes its densities)."""


def test_a_density_missing_under_an_integral_is_put_back(tmp_path):
    by_line = {s["line"]: s for s in check(MISSING, tmp_path)["steps"]}
    for line, want in ((3, "\\int p(x) p(x) \\, dx"), (8, "\\int q q \\, dx")):
        step = by_line[line]
        assert step["verdict"] == "refuted"
        fixes = [g for g in step["suggestions"] if g["operator"] == "missing-density"]
        assert fixes and fixes[0]["latex"] == want and fixes[0]["verdict"] in ("proved", "confirmed"), step
        again = check(replaced(MISSING, line, step["col"], fixes[0]["latex"]), tmp_path, f"fixed{line}.tex")
        assert {s["line"]: s for s in again["steps"]}[line]["verdict"] in ("proved", "confirmed")


def test_missing_density_edits():
    text = r"\int_{-\infty}^{\infty} \log D(x) \, dx + \int f \, \mathrm{d}\mu"
    found = [e for e in edits(text, ("p_{data}",), (), ("q",)) if e.operator == "missing-density"]
    assert {e.apply(text) for e in found} == {
        r"\int_{-\infty}^{\infty} p_{data}(x) \log D(x) \, dx + \int f \, \mathrm{d}\mu",
        r"\int_{-\infty}^{\infty} q \log D(x) \, dx + \int f \, \mathrm{d}\mu",
        r"\int_{-\infty}^{\infty} \log D(x) \, dx + \int q f \, \mathrm{d}\mu"}  # no variable there: bare only
