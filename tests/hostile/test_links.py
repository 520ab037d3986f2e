"""A committed link cannot make govkit read or write outside the charter repo.

Reading through a link leading out is a `file` finding at the link (lint, check, and render's
team page), or exit 2 naming it where no page could show it; writing through one is exit 2
naming it, with nothing written. Links that stay inside the repo are followed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import HEALTHY_ACTIVITY, HEALTHY_CHARTER, Repo, govkit

SECRET = "govkit: [\nsecret: do-not-read\n"  # what lies outside: reading it would give a yaml finding


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    return folder


def link(repo: Repo, relative: str, target: Path) -> Path:
    path = repo.root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, path)
    return path


def lint(repo: Repo) -> list[dict[str, object]]:
    run = govkit("lint", "--root", str(repo.root), "--format", "json")
    assert run.exit_code in (0, 1), run.stderr
    return run.json()["findings"]  # type: ignore[no-any-return]


def check(repo: Repo) -> list[dict[str, object]]:
    run = govkit("check", "--root", str(repo.root), "--as-of", "2026-10-15", "--format", "json")
    assert run.exit_code in (0, 1), run.stderr
    return run.json()["findings"]  # type: ignore[no-any-return]


def at(findings: list[dict[str, object]], name: str) -> dict[str, object]:
    [found] = [f for f in findings if f["file"] == name]
    assert found["rule"] == "file" and "outside the charter repo" in str(found["message"])
    assert "do-not-read" not in str(findings)
    return found


def render(repo: Repo, *extra: str):  # type: ignore[no-untyped-def]
    return govkit("render", "--root", str(repo.root), "--as-of", "2026-10-15", *extra)


def refused(run, name: str) -> None:  # type: ignore[no-untyped-def]
    assert run.exit_code == 2, run.stdout
    assert "internal error" not in run.stderr
    assert name in run.stderr and "outside the charter repo" in run.stderr


def untouched(outside: Path, before: dict[str, bytes]) -> None:
    assert {p.name: p.read_bytes() for p in outside.iterdir()} == before


# Reading


def test_a_charter_linked_out_of_the_repo_is_a_file_finding_and_is_not_read(repo, outside):
    (outside / "charter.yaml").write_text(SECRET)
    link(repo, "teams/reorder-pilot/charter.yaml", outside / "charter.yaml")
    at(lint(repo), "teams/reorder-pilot/charter.yaml")
    at(check(repo), "teams/reorder-pilot/charter.yaml")
    run = render(repo, "--out", str(repo.root.parent / "site"))
    assert run.exit_code == 0, run.stderr
    page = (repo.root.parent / "site" / "reorder-pilot.html").read_text()
    assert "outside the charter repo" in page and "do-not-read" not in page


def test_an_activity_log_linked_out_of_the_repo_is_a_file_finding_and_is_not_read(repo, outside):
    repo.charter()
    (outside / "activity.yaml").write_text(SECRET)
    link(repo, "teams/reorder-pilot/activity.yaml", outside / "activity.yaml")
    at(lint(repo), "teams/reorder-pilot/activity.yaml")
    at(check(repo), "teams/reorder-pilot/activity.yaml")


def test_a_team_folder_linked_out_of_the_repo_is_a_file_finding_at_the_link(repo, outside):
    (outside / "charter.yaml").write_text(SECRET)
    link(repo, "teams/sneaky", outside)
    repo.charter()
    at(lint(repo), "teams/sneaky")
    at(check(repo), "teams/sneaky")
    refused(render(repo), "teams/sneaky")


def test_teams_linked_out_of_the_repo_is_a_file_finding_and_render_refuses(repo, outside):
    (outside / "reorder-pilot").mkdir()
    (outside / "reorder-pilot" / "charter.yaml").write_text(SECRET)
    os.rmdir(repo.root / "teams")
    link(repo, "teams", outside)
    at(lint(repo), "teams")
    at(check(repo), "teams")
    refused(render(repo), "teams")


def test_policies_linked_out_of_the_repo_is_a_file_finding_and_render_refuses(repo, outside):
    (outside / "firewalled-pilot.yaml").write_text(SECRET)
    repo.charter()
    link(repo, "policies", outside)
    at(lint(repo), "policies")
    at(check(repo), "policies")
    refused(render(repo), "policies")


def test_a_policy_file_linked_out_of_the_repo_is_a_file_finding(repo, outside):
    (outside / "firewalled-pilot.yaml").write_text(SECRET)
    repo.charter()
    link(repo, "policies/firewalled-pilot.yaml", outside / "firewalled-pilot.yaml")
    at(lint(repo), "policies/firewalled-pilot.yaml")
    at(check(repo), "policies/firewalled-pilot.yaml")


def test_a_template_linked_out_of_the_repo_is_refused_and_not_read(repo, outside):
    repo.charter()
    (outside / "team.html.j2").write_text("do-not-read {{ team.id }}")
    link(repo, "templates/team.html.j2", outside / "team.html.j2")
    run = render(repo)
    refused(run, "templates/team.html.j2")
    assert not (repo.root / "site").exists()


def test_templates_linked_out_of_the_repo_is_refused(repo, outside):
    repo.charter()
    (outside / "portfolio.html.j2").write_text("do-not-read")
    link(repo, "templates", outside)
    refused(render(repo), "templates")


def test_links_that_stay_inside_the_repo_are_followed(repo):
    repo.write("shared/charter.yaml", HEALTHY_CHARTER)
    repo.write("shared/activity.yaml", HEALTHY_ACTIVITY)
    link(repo, "teams/reorder-pilot/charter.yaml", Path("../../shared/charter.yaml"))  # relative, as git stores it
    link(repo, "teams/reorder-pilot/activity.yaml", repo.root / "shared" / "activity.yaml")
    assert [f for f in lint(repo) if f["rule"] in ("file", "yaml", "schema")] == []
    (repo.root / "pages").mkdir()
    link(repo, "site", repo.root / "pages")
    assert render(repo).exit_code == 0
    assert (repo.root / "pages" / "index.html").is_file()


# Writing


def test_render_refuses_a_site_folder_linked_out_of_the_repo(repo, outside):
    repo.charter()
    (outside / "keep.txt").write_text("mine")
    link(repo, "site", outside)
    refused(render(repo), "site")
    untouched(outside, {"keep.txt": b"mine"})
    assert [p.name for p in outside.parent.iterdir() if p.name.startswith(".")] == []  # no staging beside it


def test_render_refuses_an_out_inside_the_repo_reached_through_a_link_out(repo, outside):
    repo.charter()
    link(repo, "published", outside)
    refused(render(repo, "--out", str(repo.root / "published" / "site")), "published")
    assert list(outside.iterdir()) == []


def test_log_refuses_an_activity_log_linked_out_of_the_repo(repo, outside):
    repo.charter()
    (outside / "activity.yaml").write_text(HEALTHY_ACTIVITY)
    link(repo, "teams/reorder-pilot/activity.yaml", outside / "activity.yaml")
    run = govkit("log", "reorder-pilot", "retro", "--date", "2026-10-10", "--root", str(repo.root))
    refused(run, "teams/reorder-pilot/activity.yaml")
    untouched(outside, {"activity.yaml": HEALTHY_ACTIVITY.encode()})
    assert (repo.root / "teams/reorder-pilot/activity.yaml").is_symlink()


def test_log_refuses_a_lock_file_linked_out_of_the_repo(repo, outside):
    repo.charter()
    log = repo.activity()
    link(repo, "teams/reorder-pilot/.activity.yaml.lock", outside / "planted")
    run = govkit("log", "reorder-pilot", "retro", "--date", "2026-10-10", "--root", str(repo.root))
    refused(run, "teams/reorder-pilot/.activity.yaml.lock")
    assert list(outside.iterdir()) == [] and log.read_text() == HEALTHY_ACTIVITY


def test_log_appends_to_an_activity_log_linked_inside_the_repo(repo):
    repo.charter()
    shared = repo.write("shared/log.yaml", HEALTHY_ACTIVITY)
    link(repo, "teams/reorder-pilot/activity.yaml", shared)
    run = govkit("log", "reorder-pilot", "retro", "--date", "2026-10-10", "--root", str(repo.root))
    assert run.exit_code == 0, run.stderr
    assert shared.read_text().endswith("  - date: 2026-10-10\n    type: retro\n")
    assert (repo.root / "teams/reorder-pilot/activity.yaml").is_symlink()


def test_team_add_refuses_teams_linked_out_of_the_repo(repo, outside):
    os.rmdir(repo.root / "teams")
    link(repo, "teams", outside)
    run = govkit(
        "team", "add", "new-pilot", "--name", "New", "--business-lead", "a@example.com",
        "--technology-lead", "b@example.com", "--root", str(repo.root),
    )  # fmt: skip
    refused(run, "teams")
    assert list(outside.iterdir()) == []


def test_team_add_refuses_an_id_taken_by_a_broken_link(repo, outside):
    link(repo, "teams/new-pilot", outside / "gone")
    run = govkit(
        "team", "add", "new-pilot", "--name", "New", "--business-lead", "a@example.com",
        "--technology-lead", "b@example.com", "--root", str(repo.root),
    )  # fmt: skip
    assert run.exit_code == 2 and "already a team `new-pilot`" in run.stderr
    assert list(outside.iterdir()) == []


def test_init_refuses_a_link_and_writes_nothing_where_it_points(tmp_path, outside):
    target = tmp_path / "charters"
    os.symlink(outside, target)
    run = govkit(
        "init", str(target), "--team", "reorder-pilot", "--name", "Reorder",
        "--business-lead", "a@example.com", "--technology-lead", "b@example.com",
    )  # fmt: skip
    assert run.exit_code == 2 and "internal error" not in run.stderr
    assert "is a link" in run.stderr
    assert list(outside.iterdir()) == [] and target.is_symlink()
