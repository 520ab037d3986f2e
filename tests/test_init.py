"""`govkit init` and `govkit team add`: new charter repos and teams, whole or not at all."""

from __future__ import annotations

import subprocess

import pytest
import yaml

from govkit import REPOSITORY, __version__
from tests.conftest import govkit, line_of

LEADS = ["--business-lead", "ana.silva@example.com", "--technology-lead", "raj.patel@example.com"]


@pytest.fixture
def identity(monkeypatch):
    for key in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{key}_NAME", "Ana Silva")
        monkeypatch.setenv(f"GIT_{key}_EMAIL", "ana.silva@example.com")


def init(target, *extra: str, team: str = "reorder-pilot", input: str | None = None):
    return govkit("init", str(target), "--team", team, "--name", "One-click Reorder Pilot", *LEADS, *extra, input=input)


def test_init_creates_a_committed_repo_with_every_file(tmp_path, identity):
    target = tmp_path / "charters"
    run = init(target)
    assert run.exit_code == 0, run.stderr
    for path in (
        "policies/firewalled-pilot.yaml",
        "policies/tests/team-size/fail/two-members.yaml",
        "teams/reorder-pilot/charter.yaml",
        "teams/reorder-pilot/activity.yaml",
        "README.md",
        ".github/workflows/govkit.yml",
        ".pre-commit-config.yaml",
        ".gitignore",
    ):
        assert (target / path).is_file(), path
    log = subprocess.run(["git", "log", "--format=%an|%s"], cwd=target, capture_output=True, text=True, check=True)
    assert log.stdout.strip() == "Ana Silva|Start the charter repo with team reorder-pilot"
    status = subprocess.run(["git", "status", "--porcelain"], cwd=target, capture_output=True, text=True, check=True)
    assert status.stdout == ""
    assert "Next:" in run.stdout and "run `govkit ci github`" in run.stdout


def test_the_new_charter_is_a_draft_with_both_leads_and_lints_with_warnings_only(tmp_path, identity):
    target = tmp_path / "charters"
    init(target)
    text = (target / "teams/reorder-pilot/charter.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=https://schemas.govkit.dev/v1/charter.json")
    charter = yaml.safe_load(text)
    assert charter["status"] == "draft"
    assert [(m["email"], m["side"]) for m in charter["members"]][:2] == [
        ("ana.silva@example.com", "business"),
        ("raj.patel@example.com", "technology"),
    ]
    assert charter["members"][0]["name"] == "Ana Silva"
    run = govkit("lint", "--root", str(target), "--format", "json")
    # The placeholders are warnings to work through, so the new repo's CI and pre-commit pass
    # from its first commit; a third member's placeholder keeps the team within size.
    assert run.exit_code == 0, run.stdout
    found = run.json()["findings"]
    assert {(f["rule"], f["severity"]) for f in found} == {("required-sections", "warning")}
    placeholders = {f["line"] for f in found}
    assert placeholders == {
        number for number, line in enumerate(text.splitlines(), 1) if ": TODO" in line or '"TODO: ' in line
    }
    assert len(placeholders) == 6


def test_the_new_repo_checks_clean_of_errors(tmp_path, identity):
    target = tmp_path / "charters"
    init(target)
    run = govkit("check", "--root", str(target), "--format", "json")
    assert run.exit_code == 0, run.stdout
    assert {f["severity"] for f in run.json()["findings"]} == {"warning"}


def test_the_workflow_is_the_one_govkit_ci_github_writes(tmp_path, identity):
    target = tmp_path / "charters"
    init(target)
    workflow = target / ".github/workflows/govkit.yml"
    written = workflow.read_text()
    steps = [step.get("run", "") for job in yaml.safe_load(written)["jobs"].values() for step in job["steps"]]
    assert "govkit lint --format github" in steps
    assert "govkit check --root charters --format github" in steps
    run = govkit("ci", "github", "--root", str(target))
    assert run.exit_code == 0, run.stderr
    assert "already up to date" in run.stdout and workflow.read_text() == written


def test_the_precommit_config_pins_this_release(tmp_path, identity):
    target = tmp_path / "charters"
    init(target)
    hooks = yaml.safe_load((target / ".pre-commit-config.yaml").read_text())
    assert hooks["repos"] == [{"repo": REPOSITORY, "rev": f"v{__version__}", "hooks": [{"id": "govkit-lint"}]}]


def test_the_new_repo_s_readme_installs_this_release_from_git(tmp_path, identity):
    target = tmp_path / "charters"
    init(target)
    readme = (target / "README.md").read_text()
    assert f'pip install "govkit-pilots @ git+{REPOSITORY}@v{__version__}"' in readme
    assert "pip install govkit" not in readme


def test_a_name_with_quotes_and_colons_stays_valid_yaml(tmp_path, identity):
    target = tmp_path / "charters"
    govkit("init", str(target), "--team", "t1", "--name", 'Reorder: "fast" pilot # 1', *LEADS)
    assert yaml.safe_load((target / "teams/t1/charter.yaml").read_text())["name"] == 'Reorder: "fast" pilot # 1'


def test_init_refuses_a_non_empty_folder_and_leaves_it_alone(tmp_path, identity):
    target = tmp_path / "charters"
    target.mkdir()
    (target / "notes.txt").write_text("mine")
    run = init(target)
    assert run.exit_code == 2 and "not empty" in run.stderr
    assert [p.name for p in target.iterdir()] == ["notes.txt"]


@pytest.mark.parametrize("bad", ["../x", "A", "a/b", "..", "x y", "-x"])
def test_init_refuses_bad_team_ids_and_writes_nothing(tmp_path, identity, bad):
    run = govkit("init", str(tmp_path / "charters"), f"--team={bad}", "--name", "X", *LEADS)
    assert run.exit_code == 2 and "cannot be a team id" in run.stderr
    assert list(tmp_path.iterdir()) == []


def test_without_a_git_identity_init_says_how_and_writes_nothing(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / "gitconfig"))
    for key in ("AUTHOR", "COMMITTER"):
        monkeypatch.delenv(f"GIT_{key}_NAME", raising=False)
        monkeypatch.delenv(f"GIT_{key}_EMAIL", raising=False)
    run = init(tmp_path / "charters")
    assert run.exit_code == 2
    assert 'git config --global user.email "you@example.com"' in run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"]


def test_init_prompts_for_what_is_missing_in_a_terminal(tmp_path, identity):
    target = tmp_path / "charters"
    answers = "reorder-pilot\nOne-click Reorder Pilot\nana.silva@example.com\nraj.patel@example.com\ncio@example.com\n"
    run = govkit("init", str(target), "--interactive", input=answers)
    assert run.exit_code == 0, run.stderr
    assert "Team id" in run.stdout and (target / "teams/reorder-pilot/charter.yaml").is_file()


def test_a_bad_answer_is_asked_again_and_stopping_writes_nothing(tmp_path, identity):
    target = tmp_path / "charters"
    answers = "Bad Id\nreorder-pilot\nOne-click\nnot-an-email\nana.silva@example.com\nraj.patel@example.com\n\n"
    run = govkit("init", str(target), "--interactive", input=answers)
    assert run.exit_code == 0, run.stderr
    assert "`Bad Id` cannot be a team id" in run.stdout + run.stderr
    assert "`not-an-email` is not an email address" in run.stdout + run.stderr
    assert (target / "teams/reorder-pilot/charter.yaml").is_file()
    stopped = govkit("init", str(tmp_path / "other"), "--interactive", input="reorder-pilot\n")
    assert stopped.exit_code == 2 and "nothing was written" in stopped.stderr
    assert not (tmp_path / "other").exists()


@pytest.mark.parametrize("name", ["Reorder\nPilot", "Reorder\rPilot", "Tab\there", "Line\u2028break"])
def test_a_team_name_on_several_lines_is_refused_before_anything_is_written(tmp_path, identity, name):
    target = tmp_path / "charters"
    run = govkit("init", str(target), "--team", "reorder-pilot", "--name", name, *LEADS)
    assert run.exit_code == 2 and "one line of plain text" in run.stderr
    assert not target.exists()
    init(target)
    run = govkit("team", "add", "returns-pilot", "--root", str(target), "--name", name, *LEADS)
    assert run.exit_code == 2 and not (target / "teams" / "returns-pilot").exists()


def test_init_into_a_file_says_it_is_a_file(tmp_path, identity):
    (tmp_path / "afile").write_text("")
    run = init(tmp_path / "afile")
    assert run.exit_code == 2 and "is a file" in run.stderr


def test_without_a_terminal_a_missing_option_is_a_usage_error(tmp_path, identity):
    run = govkit("init", str(tmp_path / "charters"), "--no-interactive", "--team", "x")
    assert run.exit_code == 2 and "--name" in run.stderr


def test_team_add_adds_a_linted_draft_team_and_refuses_duplicates(tmp_path, identity):
    target = tmp_path / "charters"
    init(target)
    run = govkit("team", "add", "returns-pilot", "--root", str(target), "--name", "Returns", *LEADS)
    assert run.exit_code == 0, run.stderr
    assert (target / "teams/returns-pilot/activity.yaml").is_file()
    assert yaml.safe_load((target / "teams/returns-pilot/charter.yaml").read_text())["team"] == "returns-pilot"
    again = govkit("team", "add", "returns-pilot", "--root", str(target), "--name", "Returns", *LEADS)
    assert again.exit_code == 2 and "already a team" in again.stderr
    bad = govkit("team", "add", "../escape", "--root", str(target), "--name", "X", *LEADS)
    assert bad.exit_code == 2 and not (tmp_path / "escape").exists()


def contact_of(target) -> str:
    return yaml.safe_load((target / "teams/reorder-pilot/charter.yaml").read_text())["escalation"]["contact"]


def test_without_a_terminal_the_escalation_contact_is_a_placeholder_that_lint_flags(tmp_path, identity):
    target = tmp_path / "charters"
    assert init(target, "--no-interactive").exit_code == 0
    assert contact_of(target).startswith("TODO") and contact_of(target) != "ana.silva@example.com"
    text = (target / "teams/reorder-pilot/charter.yaml").read_text()
    found = govkit("lint", "--root", str(target), "--format", "json").json()["findings"]
    [flagged] = [f for f in found if f["line"] == line_of(text, "contact:")]
    assert (
        flagged["rule"] == "required-sections"
        and "`escalation.contact` still holds the placeholder" in flagged["message"]
    )


def test_in_a_terminal_init_asks_for_an_escalation_contact_who_is_not_a_lead(tmp_path, identity):
    target = tmp_path / "charters"
    run = init(target, "--interactive", input="raj.patel@example.com\ncio-office@example.com\n")
    assert run.exit_code == 0, run.stderr
    assert "Escalation contact" in run.stdout and "raj.patel@example.com is one of the leads" in run.stdout + run.stderr
    assert contact_of(target) == "cio-office@example.com"


def test_the_escalation_contact_can_be_given_and_never_as_a_lead(tmp_path, identity):
    target = tmp_path / "charters"
    refused = init(target, "--escalation-contact", "Ana.Silva@example.com")
    assert refused.exit_code == 2 and "is one of the leads" in refused.stderr and not target.exists()
    assert init(target, "--escalation-contact", "cio-office@example.com").exit_code == 0
    assert contact_of(target) == "cio-office@example.com"
    add = govkit(
        "team",
        "add",
        "returns-pilot",
        "--root",
        str(target),
        "--name",
        "Returns",
        *LEADS,
        "--escalation-contact",
        "raj.patel@example.com",
    )
    assert add.exit_code == 2 and "is one of the leads" in add.stderr and not (target / "teams/returns-pilot").exists()


def timebox_of(target, team: str = "reorder-pilot") -> tuple[str, str]:
    box = yaml.safe_load((target / f"teams/{team}/charter.yaml").read_text())["timebox"]
    return str(box["start"]), str(box["end"])


def test_the_time_box_is_set_by_weeks_or_by_its_end(tmp_path, identity):
    assert init(tmp_path / "a", "--start", "2027-01-04", "--weeks", "10").exit_code == 0
    assert timebox_of(tmp_path / "a") == ("2027-01-04", "2027-03-12")  # the Friday of the 10th week
    assert init(tmp_path / "b", "--start", "2027-01-04", "--end", "2027-05-28").exit_code == 0
    assert timebox_of(tmp_path / "b") == ("2027-01-04", "2027-05-28")
    both = init(tmp_path / "c", "--weeks", "10", "--end", "2027-05-28")
    assert both.exit_code == 2 and "not both" in both.stderr and not (tmp_path / "c").exists()


def test_a_time_box_longer_than_the_policy_allows_is_refused_with_what_it_allows(tmp_path, identity):
    run = init(tmp_path / "a", "--start", "2027-01-04", "--weeks", "27")
    assert run.exit_code == 2 and not (tmp_path / "a").exists()
    assert "27 weeks is longer than the policy firewalled-pilot@1 allows: at most 26 weeks" in run.stderr
    assert "--weeks 26 or fewer, or an --end on or before 2027-07-05" in run.stderr
    early = init(tmp_path / "b", "--start", "2027-01-04", "--end", "2027-01-04")
    assert early.exit_code == 2 and "give a later --end" in early.stderr


def test_team_add_holds_the_time_box_to_the_repo_s_own_policy(tmp_path, identity):
    target = tmp_path / "charters"
    init(target)
    policy = target / "policies/firewalled-pilot.yaml"
    policy.write_text(policy.read_text().replace("max_weeks: 26", "max_weeks: 12"))
    args = ("team", "add", "returns-pilot", "--root", str(target), "--name", "Returns", *LEADS)
    run = govkit(*args, "--weeks", "16")
    assert run.exit_code == 2 and "at most 12 weeks" in run.stderr
    assert govkit(*args, "--weeks", "12").exit_code == 0


def test_the_new_charter_says_that_without_repos_releases_are_counted_from_logged_releases(tmp_path, identity):
    target = tmp_path / "charters"
    init(target)
    text = (target / "teams/reorder-pilot/charter.yaml").read_text()
    above = text.splitlines()[line_of(text, "repos: []") - 2]
    assert "releases are counted from `release` events only" in above
    assert "govkit log reorder-pilot release" in above
