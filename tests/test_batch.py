"""Checking many derivation files at once: ``ganproof check FILE... / DIR``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ganproof.errors import InputError
from ganproof.reader.batch import check_files, derivation_files

GOOD = r"""$$\mathbb{E}_{x \sim p}[\log q(x)] = \int p(x) \log q(x) \, dx$$
"""
WRONG = r"""$$\mathbb{E}_{x \sim p}[\log q(x)] = -\int p(x) \log q(x) \, dx$$
"""
BROKEN = "$$ x = \\foo $$\n"


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    (tmp_path / "class").mkdir()
    (tmp_path / "class" / "alice.tex").write_text(GOOD)
    (tmp_path / "class" / "bob.md").write_text(WRONG)
    (tmp_path / "class" / "carol.tex").write_text(BROKEN)
    (tmp_path / "class" / "notes.txt").write_text("not a derivation")
    return tmp_path / "class"


def test_folder_lists_its_tex_and_md_files_sorted(folder):
    assert [Path(p).name for p in derivation_files([str(folder)])] == ["alice.tex", "bob.md", "carol.tex"]


def test_empty_folder_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no .tex or .md files"):
        derivation_files([str(tmp_path)])


def test_one_broken_file_never_stops_the_others(folder):
    outcomes = check_files(derivation_files([str(folder)]), dps=15, instances=2, jobs=2)
    assert [o.status for o in outcomes] == [0, 1, 2]
    assert outcomes[1].json["steps"][0]["verdict"] == "refuted"
    assert outcomes[2].json["error"]["line"] == 1 and outcomes[2].json["error"]["col"] == 8


def test_parallel_and_sequential_give_the_same_verdicts(folder):
    paths = derivation_files([str(folder)])
    one = check_files(paths, dps=15, instances=2, jobs=1)
    two = check_files(paths, dps=15, instances=2, jobs=2)
    def verdicts(outcomes):  # everything but the steps' times
        return [{**o.json, "steps": [{**s, "seconds": None} for s in o.json["steps"]]} for o in outcomes]

    assert verdicts(one) == verdicts(two)


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ganproof", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=600)


def test_cli_folder_prints_one_line_per_file_and_a_total(folder):
    result = run("check", str(folder), "--dps", "15", "--instances", "2", "--jobs", "2", cwd=folder)
    assert result.returncode == 2, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 4
    assert "alice.tex: ok: 1/1" in lines[0] and "bob.md: FAILED: 0/1" in lines[1] and "1 mistake: line 1" in lines[1]
    assert "carol.tex:1:8: error: unknown command \\foo" in lines[2]
    assert lines[3].startswith("total: 3 files: 1 ok, 1 with a wrong or unchecked step, 1 unreadable")


def test_cli_several_files_json_is_one_object_with_the_files_and_totals(folder):
    files = [str(folder / "alice.tex"), str(folder / "carol.tex")]
    result = run("check", *files, "--json", "--dps", "15", "--instances", "2", cwd=folder)
    assert result.returncode == 2
    data = json.loads(result.stdout)
    assert (data["schema"], data["kind"], data["ok"]) == (1, "files", False)
    assert [d["file"] for d in data["files"]] == files
    alice, carol = data["files"]
    assert alice["ok"] is True and alice["status"] == "ok"
    assert carol["status"] == "unreadable" and carol["steps"] == [] and carol["error"] == carol["errors"][0]
    assert data["totals"] == {"files": 2, "ok": 1, "failed": 0, "unreadable": 1, "internal_errors": 0, "steps": 1,
                              "proved": alice["totals"]["proved"], "confirmed": alice["totals"]["confirmed"],
                              "refuted": 0, "unknown": 0, "as_expected": 1}
