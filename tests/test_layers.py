"""The package's layers import one way only: no module imports a layer above its own, even inside a
function, so there is no loop between layers (issue 18: the reports' display hooks, the terminal
styles and the LaTeX edits used to be imported from below).  Read from the source with :mod:`ast`;
imports under ``if TYPE_CHECKING:`` are for the type checker only and do not count."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from ganproof import display

PACKAGE = Path(__file__).resolve().parent.parent / "ganproof"

LAYERS: dict[str, int] = {
    # below everything: no import of another layer at run time
    "ganproof": 0, "errors": 0, "precision": 0, "style": 0, "display": 0, "schema": 0, "suggest": 0,
    "vocabulary": 1, "rules": 2, "numeric": 3, "chain": 4, "library": 5, "reader": 6,
    "reports": 7, "selftest": 7, "notebook": 8, "api": 8, "cli": 9, "__main__": 10,
}
"""Each layer's height: a module may import its own layer and layers strictly below it."""


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def _imports(text: str, package: list[str]) -> list[tuple[int, str]]:
    """(line, module) of every import of a ganproof module in ``text`` (a module of ``package``), at any
    depth, outside ``if TYPE_CHECKING:``."""
    out: list[tuple[int, str]] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            if isinstance(child, ast.Import):
                out.extend((child.lineno, a.name) for a in child.names if a.name.split(".")[0] == "ganproof")
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package[:len(package) - (child.level - 1)]
                    target = ".".join(base + ([child.module] if child.module else []))
                else:
                    target = child.module or ""
                if target.split(".")[0] == "ganproof":
                    out.append((child.lineno, target))
            visit(child)

    visit(ast.parse(text))
    return out


def _of_file(path: Path) -> list[tuple[int, str]]:
    here = _module(path).split(".")
    return _imports(path.read_text(encoding="utf-8"), here if path.name == "__init__.py" else here[:-1])


def _edges() -> list[tuple[str, int, str]]:
    return [(_module(p), line, target) for p in sorted(PACKAGE.rglob("*.py")) for line, target in _of_file(p)]


def test_every_layer_has_a_height() -> None:
    layers = {_layer(_module(p)) for p in PACKAGE.rglob("*.py")}
    assert layers <= set(LAYERS), sorted(layers - set(LAYERS))


def test_no_module_imports_a_layer_above_its_own() -> None:
    climbs = [f"{src} line {line} imports {target}" for src, line, target in _edges()
              if _layer(src) != _layer(target) and LAYERS[_layer(target)] >= LAYERS[_layer(src)]]
    assert not climbs, "\n".join(climbs)


def test_the_layer_check_sees_an_import_inside_a_function_and_skips_type_checking() -> None:
    # the check must not be blind to the lazy imports that used to hide the climbs
    text = ("import os\nfrom .verdict import Verdict\ndef f():\n    from ganproof.reports.rich import aligned\n"
            "if TYPE_CHECKING:\n    from ganproof.cli import main\n")
    assert _imports(text, ["ganproof", "chain"]) == [(2, "ganproof.chain.verdict"), (4, "ganproof.reports.rich")]


def test_a_report_asks_for_a_renderer_it_never_imports() -> None:
    assert display.render("derivation-text", _tiny_report()).startswith("tiny: a tiny derivation")


def test_an_unknown_renderer_names_the_known_ones() -> None:
    with pytest.raises(LookupError, match=r"no renderer registered for 'pdf-page'; known: .*derivation-text"):
        display.render("pdf-page")


def test_a_kind_has_one_renderer() -> None:
    @display.renders("layers-test-kind")
    def first() -> str:
        return "first"

    with pytest.raises(ValueError, match=r"the renderer of 'layers-test-kind' is already .*first"):
        @display.renders("layers-test-kind")
        def second() -> str:
            return "second"

    assert display.render("layers-test-kind") == "first"


def _tiny_report():  # type: ignore[no-untyped-def]
    from ganproof.chain import Chain, Derivation, check
    from ganproof.vocabulary import Context

    import sympy as sp

    d = Derivation("tiny", "a tiny derivation", Context(), (Chain.begin(sp.Integer(2), "two").eq(sp.Integer(1) + 1,
                                                                                                  "algebra"),))
    return check(d)
