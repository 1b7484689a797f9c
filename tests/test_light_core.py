"""A light core: ``ganproof check`` needs SymPy, mpmath, python-flint and lark only; figures (matplotlib) and
notebooks (nbformat, nbclient) come with the ``plots`` and ``notebook`` extras."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = dict(os.environ, GANPROOF_JOBS="1", PYTHONPATH=str(ROOT))
WITHOUT_EXTRAS = ("import sys\nfor name in ('matplotlib', 'nbformat', 'nbclient', 'IPython'):\n"
                  "    sys.modules[name] = None  # importing it now raises ImportError, as if not installed\n"
                  "from ganproof.cli.main import main\nsys.exit(main(sys.argv[1:]))\n")


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def without_extras(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", WITHOUT_EXTRAS, *args], capture_output=True, text=True, cwd=cwd,
                          timeout=600, env=ENV)


def test_core_dependencies_leave_out_plots_and_notebooks():
    core = " ".join(project()["dependencies"])
    assert "matplotlib" not in core and "nbformat" not in core and "jinja2" not in core
    extras = project()["optional-dependencies"]
    assert any(d.startswith("matplotlib") for d in extras["plots"])
    assert any(d.startswith("nbformat") for d in extras["notebook"])
    assert {d.split(">")[0] for d in extras["html"]} == {"jinja2", "latex2mathml"}
    assert "ganproof[plots,notebook,html]" in extras["test"]


def test_check_runs_without_the_extras(tmp_path):
    (tmp_path / "a.tex").write_text("$$ 1 + 1 = 2 $$\n")
    for args in (["check", "gibbs"], ["check", "a.tex"], ["check", ".", "--format", "csv"]):
        done = without_extras(*args, cwd=tmp_path)
        assert done.returncode == 0, done.stderr


def test_report_without_matplotlib_says_how_to_get_its_figures(tmp_path):
    done = without_extras("report", "minimum", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "pip install 'ganproof[plots]'" in done.stderr
    assert (tmp_path / "minimum.tex").is_file() and not list(tmp_path.glob("*.png"))
    assert "includegraphics" not in (tmp_path / "minimum.tex").read_text()
