"""The walkthrough notebooks and the %%ganproof magic.

(i) the committed notebooks' cells are what ``notebooks/generate.py`` builds
now, and they were committed with their outputs; (ii) each notebook runs on a
fresh python3 kernel without errors and shows what its text says; (iii) the
magic returns a FileReport, prints located errors instead of tracebacks and
never executes the cell.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

import nbformat
import pytest

from ganproof.chain.verdict import Verdict
from ganproof.notebook import ganproof_magic
from ganproof.notebook.magic import parse_options
from ganproof.errors import UsageError
from ganproof.reader.check import FileReport
from ganproof.reader.output import render_report

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ganproof_notebooks_generate", NOTEBOOKS / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


generate = _load_generator()
STEMS = list(generate.NOTEBOOKS)


def outputs(nb: nbformat.NotebookNode) -> list[list[dict]]:
    """Per code cell, its outputs."""
    return [list(c.get("outputs", [])) for c in nb.cells if c.cell_type == "code"]


def plain(output: dict) -> str:
    if output["output_type"] == "stream":
        return output["text"]
    return output.get("data", {}).get("text/plain", "")


# ---------------------------------------------------------------- (i) committed = generated


def test_there_are_four_notebooks() -> None:
    assert STEMS == ["theorem1", "monte_carlo", "check_your_derivation", "relatives"]


@pytest.mark.parametrize("stem", STEMS)
def test_committed_cells_are_what_the_generator_builds(stem: str) -> None:
    committed = nbformat.read(NOTEBOOKS / f"{stem}.ipynb", as_version=4)
    fresh = generate.NOTEBOOKS[stem]()
    assert [(c.cell_type, c.source) for c in committed.cells] == [(c.cell_type, c.source) for c in fresh.cells]
    assert [c.id for c in committed.cells] == [c.id for c in fresh.cells]  # ids are deterministic
    nbformat.validate(fresh)


@pytest.mark.parametrize("stem", STEMS)
def test_committed_notebooks_carry_their_outputs(stem: str) -> None:
    nb = nbformat.read(NOTEBOOKS / f"{stem}.ipynb", as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count is not None for c in code), "not executed: run python notebooks/generate.py"
    shown = [o for c in code for o in c.outputs]
    assert not [o for o in shown if o["output_type"] == "error"]
    assert all(c.outputs for c in code if not c.source.startswith("%load_ext"))


def test_check_mode_finds_no_difference_and_detects_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert generate.main(["--check"]) == 0
    assert generate.differences(STEMS) == []
    for stem in STEMS:
        shutil.copy(NOTEBOOKS / f"{stem}.ipynb", tmp_path)
    nb = nbformat.read(tmp_path / "monte_carlo.ipynb", as_version=4)
    nb.cells[2].source += "\n# edited by hand"
    nbformat.write(nb, tmp_path / "monte_carlo.ipynb")
    (tmp_path / "theorem1.ipynb").unlink()
    found = generate.differences(STEMS, tmp_path)
    assert len(found) == 2
    assert "theorem1.ipynb: missing" in found[0]
    assert "monte_carlo.ipynb: cell 2 differs" in found[1]
    # outputs and metadata are not compared
    nb = nbformat.read(tmp_path / "check_your_derivation.ipynb", as_version=4)
    for c in nb.cells:
        if c.cell_type == "code":
            c.outputs, c.execution_count = [], None
    nb.metadata["extra"] = 1
    nbformat.write(nb, tmp_path / "check_your_derivation.ipynb")
    assert generate.differences(["check_your_derivation"], tmp_path) == []


# ---------------------------------------------------------------- (ii) execution on a fresh kernel


def _execute_copy(stem: str, tmp_path: Path) -> nbformat.NotebookNode:
    copy = tmp_path / f"{stem}.ipynb"
    shutil.copy(NOTEBOOKS / f"{stem}.ipynb", copy)
    nb = nbformat.read(copy, as_version=4)
    for c in nb.cells:
        if c.cell_type == "code":
            c.outputs, c.execution_count = [], None
    # the kernel runs in notebooks/, as Jupyter runs a notebook opened there (relative paths to ../tests)
    generate.execute(nb, cwd=NOTEBOOKS, timeout=300)
    nbformat.write(nb, copy)
    return nb


def _reports(nb: nbformat.NotebookNode) -> list[str]:
    return [plain(o) for outs in outputs(nb) for o in outs if o["output_type"] == "execute_result"
            and (" steps as expected" in plain(o) or "steps proved or confirmed" in plain(o))]


def _images(nb: nbformat.NotebookNode) -> int:
    return sum(1 for outs in outputs(nb) for o in outs if "image/png" in o.get("data", {}))


@pytest.mark.slow
def test_theorem1_executes(tmp_path: Path) -> None:
    nb = _execute_copy("theorem1", tmp_path)
    reports = _reports(nb)
    names = [r.split(":")[0] for r in reports]
    assert names == ["value_function", "optimal_discriminator", "value_at_optimum", "c_of_g", "minimum",
                     "jsd_bounds", "gibbs_jensen", "theorem1_discrete"]
    for r in reports:
        last = r.strip().splitlines()[-1].strip()
        done, total = last.removeprefix("ok: ").split(" ")[0].split("/")
        assert last.startswith("ok: ") and done == total, r
        assert "REFUTED" not in r and "unknown" not in r
    assert _images(nb) == 2


@pytest.mark.slow
def test_monte_carlo_executes(tmp_path: Path) -> None:
    nb = _execute_copy("monte_carlo", tmp_path)
    reports = _reports(nb)
    assert len(reports) == 3 and all(r.strip().splitlines()[-1].strip().startswith("ok: ") for r in reports)
    merged, separate, mixture = reports
    assert "REFUTED" in merged and "refuted as expected" in merged
    assert "REFUTED" not in separate
    assert "off by a factor of 1/2" in mixture
    printed = "".join(plain(o) for outs in outputs(nb) for o in outs if o["output_type"] == "stream")
    assert "L (quadrature)                        = -1.487552" in printed
    assert _images(nb) == 1


@pytest.mark.slow
def test_relatives_executes(tmp_path: Path) -> None:
    nb = _execute_copy("relatives", tmp_path)
    reports = _reports(nb)
    names = [r.split(":")[0] for r in reports]
    assert names == ["lsgan", "f_gan", "f_table", "non_saturating"]
    for r in reports:
        last = r.strip().splitlines()[-1].strip()
        done, total = last.removeprefix("ok: ").split(" ")[0].split("/")
        assert last.startswith("ok: ") and done == total, r
        assert "REFUTED" not in r and "unknown" not in r
    printed = "".join(plain(o) for outs in outputs(nb) for o in outs if o["output_type"] == "stream")
    assert "KL(P || Q) = 0.474909552553" in printed
    # the table: the non-saturating loss is log 2 at theta = 0, and the two losses add up to theta^2/2
    rows = [line.split() for line in printed.splitlines() if line.strip()[:1].isdigit()]
    assert [row[0] for row in rows] == ["0", "1", "2", "3", "4"]
    assert rows[0][1:3] == ["0.693147", "-0.693147"]
    assert all(row[3] == row[4] for row in rows)
    assert _images(nb) == 4  # LSGAN, f-GAN, non-saturating, Arjovsky-Bottou


@pytest.mark.slow
def test_check_your_derivation_executes(tmp_path: Path) -> None:
    nb = _execute_copy("check_your_derivation", tmp_path)
    cells = outputs(nb)
    magic = [(c.source, outs) for c, outs in zip([c for c in nb.cells if c.cell_type == "code"], cells)]
    wrong, fixed, unreadable, from_file = (outs for src, outs in magic if src.startswith("%%ganproof")
                                           or src.startswith("report = %ganproof"))
    assert "holds with the opposite sign" in plain(wrong[0]) and "FAILED: 2/3" in plain(wrong[0])
    assert "ok: 3/3 steps proved or confirmed" in plain(fixed[0])
    (err,) = unreadable
    assert err["output_type"] == "stream" and err["name"] == "stderr"
    assert err["text"].startswith("<cell>:2:36: error: unknown name W")
    assert "Traceback" not in err["text"]
    assert "se_question.tex: 5 steps (3 proved, 2 refuted)" in plain(from_file[0])
    assert "(11, 'refuted')" in plain(cells[-1][0])


# ---------------------------------------------------------------- (iii) the magic


def test_the_magic_refutes_the_wrong_step() -> None:
    report = ganproof_magic("--dps 20 --instances 2", generate.SIGN_ERROR)
    assert isinstance(report, FileReport) and report.file == "<cell>"
    verdicts = [s.verdict for s in report.steps]
    assert verdicts == [Verdict.PROVED, Verdict.REFUTED, Verdict.PROVED]
    wrong = report.steps[1]
    assert wrong.line == 12 and wrong.counterexample is not None
    assert wrong.counterexample.slip == "holds with the opposite sign"
    assert float(wrong.counterexample.lhs) == pytest.approx(-float(wrong.counterexample.rhs))

    fixed = ganproof_magic("--dps 20 --instances 2", generate.FIXED)
    assert isinstance(fixed, FileReport) and fixed.ok


def test_the_magic_prints_the_located_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert ganproof_magic("", generate.UNREADABLE) is None
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert lines[0].startswith("<cell>:2:36: error: unknown name W")
    assert lines[1] == r"  V(G, D) &= \int_x p_{data}(x) \log W(x) \, dx"
    assert lines[2] == "  " + " " * 35 + "^"
    assert "Traceback" not in captured.err and captured.out == ""


def test_the_magic_never_executes_the_cell(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "pwned"
    for cell in (f"import pathlib; pathlib.Path({str(target)!r}).touch()",
                 f"$$x = __import__('pathlib').Path({str(target)!r}).touch()$$",
                 f"$$\\int_x p(x) dx = eval(\"open({str(target)!r}, 'w')\")$$"):
        assert ganproof_magic("--dps 20 --instances 1", cell) is None
        assert "<cell>" in capsys.readouterr().err
    assert not target.exists()


def test_the_magic_options_and_files(capsys: pytest.CaptureFixture[str]) -> None:
    assert parse_options("--dps 20 --instances 2 --strict").dps == 20
    for bad in ("--dps 3", "--instances 9", "--nope", "--dps"):
        with pytest.raises(UsageError):
            parse_options(bad)
        assert ganproof_magic(bad, "$$ p = p $$") is None
        assert capsys.readouterr().err.startswith("usage error: ")
    assert ganproof_magic("some.tex", "$$ p = p $$") is None  # the cell form takes options only
    assert "options only" in capsys.readouterr().err
    assert ganproof_magic("--dps 20 no/such/file.tex") is None
    assert capsys.readouterr().err.strip() == "no/such/file.tex: error: no such file"
    # --strict refuses the unclosed bracket of the question (a repair otherwise): a located error of the
    # file, and the reader keeps going with the other rows
    strict = ganproof_magic(f"--strict {ROOT / 'tests/examples/se_question.tex'}")
    shown = capsys.readouterr()
    errors = [e["line"] for e in (strict.to_json().get("errors", ()) if strict is not None else ())]
    assert 4 in errors or "se_question.tex:4:" in shown.err + shown.out


def test_the_extension_in_an_ipython_shell(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path))
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    config = Config()
    config.HistoryManager.hist_file = ":memory:"
    shell = InteractiveShell(config=config)
    shell.run_line_magic("load_ext", "ganproof.notebook")
    assert "ganproof" in shell.magics_manager.magics["cell"]
    assert "ganproof" in shell.magics_manager.magics["line"]
    result = shell.run_cell("%%ganproof --dps 20 --instances 1\n$$\\int_x p(x) \\, dx = 2$$\n")
    assert result.error_in_exec is None
    report = result.result
    assert isinstance(report, FileReport) and report.steps[0].verdict is Verdict.REFUTED
    shown, _ = shell.display_formatter.format(report)
    assert shown["text/plain"] == render_report(report)
