"""Compile a LaTeX report to PDF with a real TeX engine, in a temporary folder.

latexmk is preferred (it reruns as often as needed); pdflatex, run twice, is the
fallback.  A failed compilation raises :class:`~ganproof.errors.TexError` with the
log's first error and the line of the .tex file it points at.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ganproof.errors import TexError
from ganproof.reports.files import write_atomic

TEX_TIMEOUT = 180
"""Seconds one engine run may take."""

INSTALL_HINT = ("install TeX Live (Debian: apt-get install texlive-latex-base texlive-latex-recommended "
                "texlive-fonts-recommended latexmk)")


def tex_engine() -> list[str] | None:
    """The command that compiles a .tex file to PDF here, or None when no engine is installed."""
    if shutil.which("latexmk") and shutil.which("pdflatex"):
        return ["latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error"]
    if shutil.which("pdflatex"):
        return ["pdflatex", "-interaction=nonstopmode", "-halt-on-error"]
    return None


def first_error(log: str) -> tuple[str, int | None]:
    """The first ``! ...`` error of a TeX log and the input line (``l.NN``) it names.

    >>> first_error("x\\n! Undefined control sequence.\\nl.12 \\\\foo\\n")
    ('Undefined control sequence.', 12)
    """
    lines = log.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("! "):
            message = line[2:].strip()
            for follow in lines[i + 1:i + 30]:
                m = re.match(r"l\.(\d+)", follow)
                if m:
                    return message, int(m.group(1))
            return message, None
    return "the TeX engine failed without an error line in its log", None


def compile_pdf(tex: str, pdf_path: Path, log_path: Path | None = None, assets: Sequence[Path] = ()) -> Path:
    """Compile the document ``tex`` (with the files ``assets`` beside it) and write the PDF to ``pdf_path``
    (and TeX's log to ``log_path``).

    Raises TexError when no engine is installed or the document does not compile.
    """
    engine = tex_engine()
    if engine is None:
        raise TexError(f"no TeX engine found (latexmk or pdflatex); {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="ganproof-tex-") as tmp:
        folder = Path(tmp)
        (folder / "report.tex").write_text(tex, encoding="utf-8")
        for asset in assets:  # figures the report includes by their bare names
            shutil.copyfile(asset, folder / asset.name)
        runs = 1 if engine[0] == "latexmk" else 2
        for _ in range(runs):
            try:
                done = subprocess.run([*engine, "report.tex"], cwd=folder, capture_output=True, text=True,
                                      timeout=TEX_TIMEOUT, stdin=subprocess.DEVNULL)
            except subprocess.TimeoutExpired:
                raise TexError(f"the TeX engine ran for more than {TEX_TIMEOUT} s") from None
            if done.returncode != 0:
                log_file = folder / "report.log"
                log = log_file.read_text(errors="replace") if log_file.exists() else done.stdout
                message, line = first_error(log)
                where = f" (line {line} of the .tex)" if line is not None else ""
                raise TexError(f"TeX could not compile the report: {message}{where}", line)
        write_atomic(pdf_path, (folder / "report.pdf").read_bytes())
        if log_path is not None:
            write_atomic(log_path, (folder / "report.log").read_bytes())
    return pdf_path
