"""The command line, through a subprocess, as a user runs it."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

STEP_KEYS = {"index", "line", "chain", "relation", "verdict", "expected", "as_expected", "rule", "reason", "digits",
             "seconds", "equality", "counterexample", "recovers_from", "col", "source", "read_as",
             "suggestions"}
"""The keys of a step in the JSON, the same for built-in derivations and files."""


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ganproof", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=1800)


@pytest.mark.slow
def test_check_all_builtins_json(tmp_path):
    result = run("check", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    data = json.loads(result.stdout)
    assert (data["schema"], data["kind"], data["ok"]) == (1, "derivations", True)
    names = [d["name"] for d in data["derivations"]]
    assert "minimum" in names and "monte_carlo" in names
    assert data["totals"]["derivations"] == len(names)
    assert data["totals"]["steps"] == data["totals"]["as_expected"] == sum(len(d["steps"]) for d in data["derivations"])
    for d in data["derivations"]:
        assert set(d) == {"name", "title", "ok", "totals", "assumptions", "lemmas", "steps"}
        for s in d["steps"]:
            assert set(s) == STEP_KEYS and s["line"] is None
            if s["expected"] == "refuted":
                assert s["verdict"] == "refuted" and s["counterexample"]["lhs"] != s["counterexample"]["rhs"]
            else:
                assert s["verdict"] == "proved" and s["digits"] >= 30
        assert not [lm for lm in d["lemmas"] if lm["status"].startswith("assumed")]


def test_check_one_by_name_prints_steps_and_summary():
    result = run("check", "gibbs")
    assert result.returncode == 0
    assert "log-inequality" in result.stdout and "proved" in result.stdout
    assert "1 derivation, 5 steps" in result.stdout


def test_unknown_name_is_a_usage_error():
    result = run("check", "no_such_derivation")
    assert result.returncode == 2
    assert "no built-in derivation named 'no_such_derivation'" in result.stderr
    assert "ganproof list" in result.stderr


def test_bad_dps_is_a_usage_error():
    result = run("check", "gibbs", "--dps", "2")
    assert result.returncode == 2 and "--dps must be between 5 and 200" in result.stderr


def test_list_and_rules():
    listed = run("list")
    assert listed.returncode == 0 and "c_of_g" in listed.stdout
    rules = run("rules")
    assert rules.returncode == 0
    for name in ("expectation-to-integral", "lotus", "linearity", "normalisation", "add-zero", "log-algebra",
                 "pointwise-max", "substitution", "kl-definition", "jsd-definition", "ce-definition",
                 "law-of-large-numbers", "monotonicity", "log-inequality"):
        assert name in rules.stdout


def test_derivation_script_runs_from_a_checkout():
    result = subprocess.run([sys.executable, str(ROOT / "derivations" / "gibbs.py")], capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "gibbs" in result.stdout


# --- conventions of a command-line tool (issue 17) ------------------------------------------------

TINY = "$$ 1 + 1 = 2 $$\n"
"""A one-step derivation file: proved in well under a second."""

QUICK_ENV = {"GANPROOF_JOBS": "1", "PYTHONPATH": str(ROOT)}
"""One worker, and this checkout's package whatever the folder the command runs in."""


def run_env(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None,
            **kwargs: object) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    full.update(QUICK_ENV)
    full.update(env or {})
    return subprocess.run([sys.executable, "-m", "ganproof", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=600, env=full, **kwargs)  # type: ignore[call-overload]


def test_version_prints_the_package_version():
    import ganproof

    result = run_env("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"ganproof {ganproof.__version__}"


def test_version_is_the_distribution_version():
    import tomllib

    import ganproof

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert "version" in project.get("dynamic", ()) and "version" not in project
    assert re.fullmatch(r"\d+\.\d+\.\d+", ganproof.__version__)


def _closed_pipe_run(args: list[str], tmp_path: Path) -> tuple[int, str]:
    """Run with standard output a pipe whose reading end is already closed: the first write fails."""
    read, write = os.pipe()
    os.close(read)
    try:
        proc = subprocess.run([sys.executable, "-m", "ganproof", *args], stdout=write, stderr=subprocess.PIPE,
                              text=True, cwd=tmp_path, timeout=600, env=dict(os.environ, **QUICK_ENV))
    finally:
        os.close(write)
    return proc.returncode, proc.stderr


@pytest.mark.parametrize("args", [["list"], ["rules"], ["--help"], ["check", "--help"], ["check", "gibbs"],
                                  ["check", "tiny.tex"], ["check", "tiny.tex", "--json"],
                                  ["check", "tiny.tex", "tiny2.tex"], ["check", "tiny.tex", "--format", "csv"]],
                         ids=lambda a: " ".join(a))
def test_closed_pipe_exits_141_without_a_traceback(tmp_path, args):
    (tmp_path / "tiny.tex").write_text(TINY)
    (tmp_path / "tiny2.tex").write_text(TINY)
    status, err = _closed_pipe_run(args, tmp_path)
    assert "Traceback" not in err and "BrokenPipe" not in err and "Exception ignored" not in err, err
    assert status == 141, err


def test_quiet_prints_only_the_closing_line(tmp_path):
    (tmp_path / "tiny.tex").write_text(TINY)
    result = run_env("check", "-q", "tiny.tex", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [result.stdout.strip()]
    assert result.stdout.startswith("ok: 1/1 steps proved or confirmed")
    folder = run_env("-q", "check", str(tmp_path), cwd=tmp_path)
    assert folder.returncode == 0 and folder.stdout.splitlines()[0].startswith("total: 1 files: 1 ok")
    assert len(folder.stdout.splitlines()) == 1


def test_verbose_prints_the_reason_of_every_proved_step():
    plain = run_env("check", "gibbs")
    loud = run_env("check", "gibbs", "-v")
    assert plain.returncode == loud.returncode == 0
    assert "reason:" not in plain.stdout
    assert loud.stdout.count("reason: by ") == 5


def test_quiet_and_verbose_together_is_a_usage_error():
    result = run_env("list", "-q", "-v")
    assert result.returncode == 2 and "-q and -v" in result.stderr


def _on_a_terminal(args: list[str], env: dict[str, str]) -> str:
    """Standard output of the command run with a pseudo-terminal as its standard output."""
    import pty

    leader, follower = pty.openpty()
    full = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    full.update(QUICK_ENV)
    full.update(env)
    try:
        proc = subprocess.Popen([sys.executable, "-m", "ganproof", *args], stdout=follower,
                                stderr=subprocess.DEVNULL, env=full, cwd=ROOT)
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal is closed once the command has ended
                break
            if not chunk:
                break
            chunks.append(chunk)
        proc.wait(timeout=120)
    finally:
        os.close(leader)
    return b"".join(chunks).decode()


def test_colour_on_a_terminal_unless_no_color():
    assert "\x1b[" in _on_a_terminal(["list"], {})
    assert "\x1b[" not in _on_a_terminal(["list"], {"NO_COLOR": "1"})
    assert "\x1b[" in _on_a_terminal(["list", "--color=always"], {"NO_COLOR": "1"})
    assert "\x1b[" not in _on_a_terminal(["list", "--color", "never"], {})


def test_no_colour_in_a_pipe_unless_always():
    assert "\x1b[" not in run_env("list").stdout
    coloured = run_env("check", "gibbs", "--color=always").stdout
    assert "\x1b[32mproved   \x1b[0m" in coloured and "\x1b[1;32mok\x1b[0m" in coloured


def test_misspelled_subcommand_gets_did_you_mean():
    result = run_env("chek", "gibbs")
    assert result.returncode == 2 and "did you mean 'check'?" in result.stderr
    assert "Traceback" not in result.stderr


def test_misspelled_option_gets_did_you_mean():
    result = run_env("check", "gibbs", "--jsn")
    assert result.returncode == 2 and "did you mean '--json'?" in result.stderr


def test_misspelled_derivation_name_gets_did_you_mean():
    result = run_env("check", "c_of_gg")
    assert result.returncode == 2 and "did you mean 'c_of_g'?" in result.stderr
    report = run_env("report", "theorem")
    assert report.returncode == 2 and "did you mean 'theorem1'?" in report.stderr


def test_a_name_that_looks_like_a_path_is_a_file_argument(tmp_path):
    result = run_env("check", "missing.ipynb", cwd=tmp_path)
    assert result.returncode == 2 and "missing.ipynb: error: no such file" in result.stderr


def test_usage_error_under_json_is_json():
    result = run_env("check", "--json", "no_such_derivation")
    assert result.returncode == 2
    data = json.loads(result.stdout)
    assert data["ok"] is False and data["error"]["kind"] == "usage"
    assert "no built-in derivation named 'no_such_derivation'" in data["error"]["message"]
    parse = run_env("check", "--json", "--dps", "many")
    assert parse.returncode == 2 and json.loads(parse.stdout)["error"]["kind"] == "usage"


def test_outputs_respect_the_umask(tmp_path):
    def with_umask(mask: int):
        return lambda: os.umask(mask)

    (tmp_path / "tiny.tex").write_text(TINY)
    done = subprocess.run([sys.executable, "-m", "ganproof", "report", "tiny.tex"], capture_output=True, text=True,
                          cwd=tmp_path, timeout=600, env=dict(os.environ, **QUICK_ENV),
                          preexec_fn=with_umask(0o022))
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE((tmp_path / "tiny.report.tex").stat().st_mode) == 0o644


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["list"], ["rules"], ["check", "--help"]],
                         ids=lambda a: " ".join(a))
def test_light_commands_do_not_import_sympy(args):
    code = ("import sys\nfrom ganproof.cli.main import main\nstatus = main(sys.argv[1:])\n"
            "heavy = sorted(m for m in ('sympy', 'mpmath', 'flint', 'lark', 'matplotlib') if m in sys.modules)\n"
            "sys.stderr.write('HEAVY ' + ','.join(heavy))\nsys.exit(status)\n")
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, env=dict(os.environ, **QUICK_ENV))
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().endswith("HEAVY"), done.stderr


def test_rule_listing_is_every_rule_in_order():
    from ganproof.rules import ALL_RULES
    from ganproof.rules.statements import LEMMAS, STATEMENTS

    assert list(STATEMENTS) == [r.name for r in ALL_RULES], \
        "ganproof/rules/statements.py lists the rules in the order of ALL_RULES (ganproof rules prints that order)"
    assert {r.name: r.lemma for r in ALL_RULES if r.lemma} == LEMMAS
    listed = [line.split()[0] for line in run_env("rules").stdout.splitlines()]
    assert listed == [r.name for r in ALL_RULES]


def test_derivation_listing_titles_are_the_derivations_own():
    from ganproof.library import DERIVATIONS, derivation
    from ganproof.library.catalog import title

    assert all(derivation(name).title == title(name) for name in DERIVATIONS)
    listed = run_env("list").stdout
    assert all(f"{title(name)}" in listed for name in DERIVATIONS)


def test_regression_a_notebook_is_read_from_its_markdown_cells_not_as_latex(tmp_path):
    # the JSON of a notebook is never read as LaTeX: its Markdown cells are, positions as cell and line
    notebook = tmp_path / "derivation.ipynb"
    notebook.write_text(json.dumps({"cells": [{"cell_type": "code", "source": ["x = '$$ 1 = 1 $$'"]},
                                              {"cell_type": "markdown", "source": ["$$ 1 + 1 = 3 $$"]}],
                                    "nbformat": 4, "nbformat_minor": 5, "metadata": {}}))
    result = run_env("check", str(notebook))
    assert result.returncode == 1 and "cell 2 line   1 =  REFUTED" in result.stdout.replace("\x1b", "")
    data = json.loads(run_env("check", str(notebook), "--json").stdout)
    assert data["status"] == "failed" and data["steps"][0]["cell"] == 2 and data["steps"][0]["cell_line"] == 1


def test_report_that_cannot_be_written_exits_4_naming_the_file(tmp_path):
    (tmp_path / "tiny.tex").write_text(TINY)
    (tmp_path / "blocker").write_text("a file where a folder should be")
    result = run_env("report", "tiny.tex", "-o", "blocker/out.tex", cwd=tmp_path)
    assert result.returncode == 4 and "Traceback" not in result.stderr
    assert "ganproof: error: cannot write blocker/out.tex: " in result.stderr
