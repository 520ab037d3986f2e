"""The one-way flow, held: no module imports from a layer above its own.

files + git → load → evidence → checks → policy/repo and reading → engine → views (review,
render, report, compare) → commands → cli. Imports inside functions count too.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "govkit"

LAYERS = [
    # values and the bottom of the stack: nothing above them
    {
        "govkit",
        "errors",
        "model",
        "wording",
        "markdown",
        "measurements",
        "trailers",
        "validity",
        "dates",
        "status",
        "visible",
        "places",
        "slips",
        "syntax_slips",
    },
    {"git", "git.*", "confine", "load", "load.*", "validate"},
    {
        "evidence",
        "evidence.charter",
        "evidence.activity",
        "evidence.history",
        "evidence.team",
        "evidence.portfolio",
        "consistency",
    },
    {"checks", "checks.*"},
    {"policy", "policy_catalog", "rules", "charter_log", "repo", "evidence.files", "evidence.read"},
    {"engine", "plugin", "streams"},
    {"review", "render", "render.*", "report", "report.*", "compare", "compare.*"},
    {"commands", "commands.*", "ci", "ci.*", "sample"},
    {"cli", "cli.*", "__main__"},
]


def layer_of(module: str) -> int:
    name = module.removeprefix("govkit.") if module != "govkit" else "govkit"
    for index, members in enumerate(LAYERS):
        if name in members or any(m.endswith(".*") and name.startswith(m[:-1]) for m in members):
            return index
    raise AssertionError(f"{module} is in no layer: add it to LAYERS")


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imported(path: Path, known: set[str]) -> set[str]:
    """What a module imports when it runs (names imported only for type hints are left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    hints = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
        for inner in ast.walk(node)
    }
    names: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in hints:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("govkit"):
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names if alias.name.startswith("govkit"))
    return names & known


def test_every_module_is_in_a_layer():
    for module in modules():
        layer_of(module)


def test_no_module_imports_from_a_layer_above_its_own():
    found = modules()
    upward = [
        f"{module} (layer {layer_of(module)}) imports {target} (layer {layer_of(target)})"
        for module, path in found.items()
        for target in sorted(imported(path, set(found)))
        if layer_of(target) > layer_of(module)
    ]
    assert upward == []
