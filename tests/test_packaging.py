"""The installed package: console script, `python -m govkit`, and data inside the wheel."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from govkit import DISTRIBUTION, REPOSITORY, __version__
from govkit.ci.github import release_requirement
from tests.conftest import HEALTHY_CHARTER

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ("base.html.j2", "macros.html.j2", "portfolio.html.j2", "team.html.j2", "portfolio.md.j2", "team.md.j2")


def console_script() -> str:
    found = Path(sys.executable).with_name("govkit")
    assert found.exists(), "govkit is not installed in this environment"
    return str(found)


def test_the_console_script_lints_a_repo_and_returns_its_exit_code(tmp_path):
    team = tmp_path / "teams" / "reorder-pilot"
    team.mkdir(parents=True)
    (team / "charter.yaml").write_text(
        HEALTHY_CHARTER.replace("criticality: important", "criticality: mission-critical")
    )
    done = subprocess.run([console_script(), "lint"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "single-capability" in done.stdout


def test_version_and_module_entry_point(tmp_path):
    done = subprocess.run([console_script(), "--version"], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == f"govkit {__version__}"
    done = subprocess.run(
        [sys.executable, "-m", "govkit", "schema", "policy"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and '"$id"' in done.stdout


def test_cannot_run_is_one_line_on_stderr_and_exit_two(tmp_path):
    done = subprocess.run([console_script(), "lint"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr


def build_wheel(tmp_path: Path) -> Path:
    """The wheel of this working tree, built from a copy as `pip wheel` builds it for a release."""
    source = tmp_path / "src"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(".venv", ".git", "*.egg-info", "build", "dist", "__pycache__"),
        symlinks=True,
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path / "dist"),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    [wheel] = (tmp_path / "dist").glob("*.whl")
    return wheel


def test_the_wheel_carries_schemas_policies_and_templates(tmp_path):
    wheel = build_wheel(tmp_path)
    assert wheel.name == f"govkit_pilots-{__version__}-py3-none-any.whl"
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in (
        "govkit/schemas/charter.json",
        "govkit/schemas/activity.json",
        "govkit/schemas/policy.json",
        "govkit/builtin/policies/firewalled-pilot.yaml",
        "govkit/builtin/policies/tests/team-size/fail/two-members.yaml",
        "govkit/builtin/policies/tests/guarded-paths/fail/unreviewed/commits.yaml",
        "govkit/builtin/policies/tests/amendment-signoff/pass/both-leads/history.yaml",
        "govkit/builtin/scaffold/charter.yaml.j2",
        "govkit/builtin/scaffold/pre-commit-config.yaml.j2",
        "govkit/builtin/scaffold/gitignore",
        "govkit/ci/github.py",
        *(f"govkit/builtin/templates/{name}" for name in TEMPLATES),
    ):
        assert expected in names
    assert not any(name.startswith("tests/") for name in names)


def test_the_wheel_installs_in_a_fresh_environment_as_govkit_pilots(tmp_path):
    """A new virtual environment, the wheel and its dependencies from the package index: what users get."""
    wheel = build_wheel(tmp_path)
    venv = tmp_path / "fresh"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=300)
    python = venv / "bin" / "python"
    installed = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(wheel)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert installed.returncode == 0, installed.stderr
    shown = subprocess.run([str(python), "-m", "pip", "show", "govkit-pilots"], capture_output=True, text=True)
    assert "Name: govkit-pilots" in shown.stdout and f"Version: {__version__}" in shown.stdout
    assert f"Home-page: {REPOSITORY}" in shown.stdout
    # The unrelated `govkit` distribution on the index must not be what this installs.
    other = subprocess.run([str(python), "-m", "pip", "show", "govkit"], capture_output=True, text=True)
    assert other.returncode != 0
    command = venv / "bin" / "govkit"
    version = subprocess.run([str(command), "--version"], capture_output=True, text=True, timeout=60)
    assert version.stdout.strip() == f"govkit {__version__}"
    code = "import govkit, sys; print(govkit.__file__)"
    where = subprocess.run([str(python), "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert where.stdout.startswith(str(venv))  # the installed copy, not this working tree
    # The built-in policy, its examples and the templates come from inside the installed package.
    code = "from govkit.repo import builtin_dir; print(builtin_dir('policies'))"
    policies = subprocess.run([str(python), "-c", code], cwd=tmp_path, capture_output=True, text=True).stdout.strip()
    assert policies.startswith(str(venv))
    proved = subprocess.run(
        [str(python), "-m", "govkit", "policy", "test", policies], capture_output=True, text=True, timeout=300
    )
    # Every rule of the shipped policy is proved by the examples shipped with it.
    rules = (ROOT / "govkit" / "builtin" / "policies" / "firewalled-pilot.yaml").read_text().count("\n  - id: ")
    assert proved.returncode == 0 and f"for {rules} rules" in proved.stdout, proved.stdout + proved.stderr
    env = {**os.environ, "GIT_AUTHOR_NAME": "Ana", "GIT_AUTHOR_EMAIL": "ana@example.com"}
    env |= {"GIT_COMMITTER_NAME": "Ana", "GIT_COMMITTER_EMAIL": "ana@example.com"}
    made = subprocess.run(
        [str(command), "init", "charters", "--team", "reorder-pilot", "--name", "Reorder"]
        + ["--business-lead", "ana@example.com", "--technology-lead", "raj@example.com"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert made.returncode == 0, made.stderr
    for args in (["lint"], ["render"]):
        done = subprocess.run([str(command), *args], cwd=tmp_path / "charters", capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "charters" / "site" / "reorder-pilot.html").is_file()


def test_the_installed_command_renders_with_the_built_in_templates(tmp_path):
    team = tmp_path / "teams" / "reorder-pilot"
    team.mkdir(parents=True)
    (team / "charter.yaml").write_text(HEALTHY_CHARTER)
    done = subprocess.run(
        [console_script(), "render", "--as-of", "2026-10-25"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site" / "index.html").is_file() and (tmp_path / "site" / "reorder-pilot.html").is_file()


def test_render_and_its_templates_engine_stay_out_of_startup():
    code = "import sys, govkit.cli; print('jinja2' in sys.modules, 'govkit.render' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["False", "False"]


def test_a_reader_that_stops_early_gets_no_error_message(tmp_path):
    broken = HEALTHY_CHARTER.replace("criticality: important", "criticality: mission-critical")
    for number in range(400):  # some 300 kB of JSON, far more than a pipe holds
        team = tmp_path / "teams" / f"team-{number}"
        team.mkdir(parents=True)
        (team / "charter.yaml").write_text(broken.replace("id: reorder-pilot", f"id: team-{number}"))
    # Like `govkit lint --format json | head -c 1`: read one byte, then close the pipe.
    process = subprocess.Popen(
        [console_script(), "lint", "--format", "json"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read(1) == b"{"
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 1
    assert stderr == ""


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["check", "--as-of", "15/10/2026"], "`15/10/2026` is not a date written YYYY-MM-DD"),
        (["check", "--as-of", "2026-02-30"], "`2026-02-30` is not a day of the calendar: February 2026 has 28 days"),
        (["lint", "--format", "xml"], "'xml' is not one of"),
        (["log", "reorder-pilot"], "Missing argument 'TYPE'"),
        (["chekc"], "No such command 'chekc'"),
        (["--bogus"], "No such option '--bogus'"),
        (["policy", "nope"], "No such command 'nope'"),
    ],
)
def test_bad_usage_is_one_line_that_says_where_the_help_is(tmp_path, args, says):
    done = subprocess.run([console_script(), *args], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stdout == ""
    [line] = done.stderr.strip().splitlines()
    assert says in line and line.endswith("--help` to see how to use it.")


def test_a_group_without_a_command_still_shows_its_help(tmp_path):
    done = subprocess.run([console_script(), "policy"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert "Commands:" in done.stdout + done.stderr and "test" in done.stdout + done.stderr


def test_every_install_line_in_the_readme_works_before_the_package_index_has_it():
    readme = (ROOT / "README.md").read_text()
    from_git = f'pip install "{release_requirement()}"'
    for line in readme.splitlines():
        if "pip install" in line and "pre-commit" not in line:
            labelled = line.startswith("Once it is published on the package index (not yet)")
            assert from_git in line or "pip install ./govkit" in line or labelled, line
    assert f"git clone --branch v{__version__} {REPOSITORY} && pip install ./govkit" in readme
    assert f"uses: govkit/govkit@v{__version__}" in readme


def test_sarif_points_code_scanning_at_the_project_s_home(tmp_path):
    team = tmp_path / "teams" / "reorder-pilot"
    team.mkdir(parents=True)
    (team / "charter.yaml").write_text(HEALTHY_CHARTER)
    done = subprocess.run([console_script(), "lint", "--format", "sarif"], cwd=tmp_path, capture_output=True, text=True)
    driver = json.loads(done.stdout)["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == REPOSITORY
    setup = (ROOT / "setup.cfg").read_text()
    assert f"\nname = {DISTRIBUTION}\n" in setup and f"\nurl = {REPOSITORY}\n" in setup
