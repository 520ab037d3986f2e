"""`govkit checks`: every check type a policy may use, built in and from plugins, with its scope,
evidence, params (types and defaults) and documentation; and plugins need only govkit.plugin."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

from govkit.checks import BUILTIN
from tests.conftest import govkit
from tests.test_custom_rules import plugin_site  # noqa: F401 (a fixture: the example plugin, installed)

ROOT = Path(__file__).resolve().parents[1]


def test_the_text_lists_every_built_in_check_with_its_params_and_help():
    run = govkit("checks")
    assert run.exit_code == 0
    headings = [line.split("  ")[0] for line in run.stdout.splitlines() if line and not line.startswith(" ")]
    assert headings == sorted(BUILTIN)
    assert "team-size  (built in; scope team; evidence charter)" in run.stdout
    assert "  param max: whole number ≥ 1, default 9" in run.stdout
    assert "  | team-size: a pilot team is small, between `min` and `max` members." in run.stdout


def test_json_gives_tools_each_checks_scope_evidence_and_params():
    data = govkit("checks", "--format", "json").json()
    checks = {check["id"]: check for check in data["checks"]}
    assert set(checks) == set(BUILTIN) and data["broken"] == {}
    assert checks["one-pilot-per-person"]["scope"] == "portfolio"
    assert checks["concurrent-pilots"]["params"] == [
        {
            "name": "max",
            "type": "whole number ≥ 1",
            "required": False,
            "default": 1,
            "description": "Active pilots one person may lead at once.",
        }
    ]
    assert checks["guarded-paths"]["evidence"] == ["git"]
    assert checks["require"]["params"][0] == {
        "name": "schema",
        "type": "mapping",
        "required": True,
        "default": None,
        "description": "A JSON Schema (draft 2020-12) the charter must satisfy.",
    }
    assert checks["cadence-within-policy"]["params"][0]["type"] == "mapping of text like 14d or 2w"


def test_installed_plugins_are_listed_beside_the_built_in_checks(plugin_site):  # noqa: F811
    env = {**os.environ, "PYTHONPATH": str(plugin_site)}
    command = [str(Path(sys.executable).with_name("govkit")), "checks", "--format", "json"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    checks = {check["id"]: check for check in json.loads(done.stdout)["checks"]}
    assert checks["dependency-review"]["origin"] == "plugin govkit_example_checks.dependency_review"
    assert checks["dependency-review"]["evidence"] == ["git"]
    assert checks["dependency-review"]["params"][0]["default"][0] == "requirements*.txt"
    assert checks["max-exemptions"]["doc"].startswith("max-exemptions: the team is taken out of at most")


def test_the_example_plugin_imports_nothing_of_govkit_but_govkit_plugin():
    sources = (ROOT / "examples" / "govkit-plugin-example").rglob("*.py")
    imported = set()
    for source in sources:
        for node in ast.walk(ast.parse(source.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("govkit"):
                imported.add(node.module)
            if isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names if alias.name.startswith("govkit"))
    assert imported == {"govkit.plugin", "govkit_example_checks"}
