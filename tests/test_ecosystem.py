"""The integrations users copy from the README: the GitHub Action and shell completion."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import HEALTHY_CHARTER

ROOT = Path(__file__).resolve().parents[1]


def run_steps(workspace: Path, inputs: dict[str, str]) -> list[subprocess.CompletedProcess[str]]:
    """Run the action's govkit steps in bash, as the runner would, with these inputs."""
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    values = {name: spec.get("default", "") for name, spec in action["inputs"].items()} | inputs
    done = []
    bin_dir = str(Path(sys.executable).parent)
    for step in action["runs"]["steps"]:
        if "run" not in step or "govkit" not in step["run"] or "pip install" in step["run"]:
            continue
        env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ["PATH"]}
        for key, value in step.get("env", {}).items():
            env[key] = value.replace("${{ inputs.", "").replace(" }}", "")
            env[key] = values[env[key]]
        done.append(subprocess.run(["bash", "-c", step["run"]], cwd=workspace, env=env, capture_output=True, text=True))
    return done


def test_the_action_writes_sarif_and_fails_on_errors(tmp_path):
    team = tmp_path / "teams" / "reorder-pilot"
    team.mkdir(parents=True)
    (team / "charter.yaml").write_text(
        HEALTHY_CHARTER.replace("criticality: important", "criticality: mission-critical")
    )
    sarif_step, annotate_step = run_steps(tmp_path, {})
    assert sarif_step.returncode == 0, sarif_step.stderr
    assert '"ruleId": "single-capability"' in (tmp_path / "govkit.sarif").read_text()
    assert annotate_step.returncode == 1
    assert annotate_step.stdout.startswith("::error file=teams/reorder-pilot/charter.yaml,line=9,col=16")


def test_the_action_passes_as_of_and_fail_on_to_check(tmp_path):
    team = tmp_path / "teams" / "reorder-pilot"
    team.mkdir(parents=True)
    (team / "charter.yaml").write_text(HEALTHY_CHARTER.replace("status: active", "status: draft"))
    steps = run_steps(tmp_path, {"command": "check", "as-of": "2026-10-15", "fail-on": "never"})
    assert [s.returncode for s in steps] == [0, 0]
    assert '"command"' not in steps[1].stdout and "govkit check" in steps[1].stdout


def test_shell_completion_scripts_come_from_the_console_script():
    govkit = Path(sys.executable).with_name("govkit")
    for shell in ("bash", "zsh", "fish"):
        env = {**os.environ, "_GOVKIT_COMPLETE": f"{shell}_source"}
        done = subprocess.run([str(govkit)], env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0 and "_GOVKIT_COMPLETE" in done.stdout


def complete(words: str, cwd: Path) -> list[str]:
    """What bash would offer for the last of `words`, from the console script itself."""
    govkit = Path(sys.executable).with_name("govkit")
    parts = words.split(" ")
    env = {**os.environ, "_GOVKIT_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": str(len(parts) - 1)}
    done = subprocess.run([str(govkit)], cwd=cwd, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return [line.split(",", 1)[1] for line in done.stdout.splitlines() if line]


def test_team_arguments_complete_to_the_repo_s_team_ids(tmp_path):
    for team in ("reorder-pilot", "returns-pilot", "claims-pilot"):
        (tmp_path / "teams" / team).mkdir(parents=True)
        (tmp_path / "teams" / team / "charter.yaml").write_text(HEALTHY_CHARTER.replace("reorder-pilot", team))
    (tmp_path / "teams" / "no-charter-here").mkdir()
    assert complete("govkit check re", tmp_path) == ["reorder-pilot", "returns-pilot"]
    assert complete("govkit render ", tmp_path) == ["claims-pilot", "reorder-pilot", "returns-pilot"]
    assert complete("govkit log cl", tmp_path) == ["claims-pilot"]
    assert complete("govkit log claims-pilot escalation", tmp_path) == ["escalation", "escalation-resolved"]
    assert complete(f"govkit review --root {tmp_path} cl", ROOT / "docs") == ["claims-pilot"]
    assert complete("govkit diff cl", tmp_path / "teams" / "claims-pilot") == ["claims-pilot"]  # found upward


def test_team_completion_outside_a_charter_repo_offers_nothing(tmp_path):
    assert complete("govkit check ", tmp_path) == []
