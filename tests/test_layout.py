"""The package's layout holds: each step imports only the steps below it,
no module imports itself round a cycle, and a rule has one home."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"

# Bottom to top. A module may import its own level and the levels below.
LEVELS = {
    "errors": 0,
    "input": 1,
    "report": 2,
    "render": 3,
    # the tools beside the pipeline
    "pipeline": 4, "nextyear": 4, "diffing": 4, "snapshot": 4, "output": 4, "skeleton": 4,
    "scaffold": 4, "explain": 4, "xmldiff": 4, "pytest_plugin": 4, "init": 4,
    "importing": 4, "lint": 4,  # reading a published report; lint rules over it and over inputs
    "serve": 4, "batch": 4,  # the browser form; a county's towns on every core
    "cli": 5, "i18n": 5, "terminal": 5, "__main__": 6, "__init__": 0,
}


def _name(path: Path) -> str:
    parts = path.with_suffix("").relative_to(PACKAGE.parent).parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def _imports() -> dict[str, set[str]]:
    """Every module of the package and the package modules it imports
    (at the top or inside a function: a lazy import is an import too)."""
    modules = {_name(p): p for p in PACKAGE.rglob("*.py") if "_templates" not in p.parts}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator"):
                candidates = [f"{node.module}.{a.name}" for a in node.names] + [node.module]
                found.add(next(c for c in candidates if c in modules))
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name in modules)
        graph[name] = found - {name}
    return graph


def _level(module: str) -> int:
    top = module.split(".")[1] if "." in module else "__init__"
    return LEVELS[top]


def test_every_module_has_a_level() -> None:
    unknown = sorted(m for m in _imports() if "." in m and m.split(".")[1] not in LEVELS)
    assert unknown == [], "add new top-level modules or folders to LEVELS"


@pytest.mark.parametrize("module", sorted(_imports()))
def test_no_upward_import(module: str) -> None:
    upward = sorted(i for i in _imports()[module] if _level(i) > _level(module) and i != "generator")
    assert upward == []


def test_no_import_cycle() -> None:
    graph = _imports()
    done: set[str] = set()

    def visit(module: str, stack: list[str]) -> None:
        if module in stack:
            raise AssertionError("import cycle: " + " → ".join([*stack[stack.index(module) :], module]))
        if module in done:
            return
        for imported in sorted(graph.get(module, ())):
            visit(imported, [*stack, module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])


@pytest.mark.parametrize(
    ("module", "must_not_import", "why"),
    [
        ("generator.report.checks", "generator.report.context", "the citation pattern lives in report.texts"),
        ("generator.diffing", "generator.nextyear", "an input is read through input.entrance"),
        ("generator.explain", "generator.input.loading", "an input is read through input.entrance"),
    ],
)
def test_one_way_in_and_one_home(module: str, must_not_import: str, why: str) -> None:
    assert must_not_import not in _imports()[module], why


def test_the_area_list_lives_in_data() -> None:
    """A new 纲要 area is one entry of data/areas.yaml: no Python module lists
    the areas itself (three area ids or more in a row, as in 职能、制度、决策)."""
    import re

    from generator.input.areas import AREA_IDS

    one = "(?:" + "|".join(map(re.escape, AREA_IDS)) + ")"
    listing = re.compile(f"(?:{one}、){{2,}}{one}")
    found = {
        str(path.relative_to(PACKAGE)): match.group(0)
        for path in PACKAGE.rglob("*.py")
        if (match := listing.search(path.read_text(encoding="utf-8")))
    }
    assert found == {}
