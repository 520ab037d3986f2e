"""Rules across teams (scope `portfolio`): `one-pilot-per-person` and `concurrent-pilots` see every
charter at once, in `lint` and `check`, and their findings count in each team's status."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from types import SimpleNamespace

import pytest

from govkit.checks.base import Problem, params_schema
from govkit.engine import portfolio_findings
from govkit.errors import GovkitError
from govkit.evidence.read import read_team
from govkit.repo import CharterRepo
from tests.conftest import HEALTHY_CHARTER, Repo, govkit, line_of, statuses

POLICY = """govkit: 1
name: acme-pilot
version: 1.0.0
extends: firewalled-pilot@1
rules:
  - id: one-pilot-per-person
    check: one-pilot-per-person
    severity: error
  - id: concurrent-pilots
    check: concurrent-pilots
    severity: warning
    params: {max: 1}
"""


def pilot(team: str, start: str = "2026-09-01", end: str = "2026-12-18", **swap: str) -> str:
    """A pilot of its own people (leads included), pinning acme-pilot@1; `swap` replaces emails."""
    text = HEALTHY_CHARTER.replace("reorder-pilot", team).replace("policy: firewalled-pilot@1", "policy: acme-pilot@1")
    text = text.replace("start: 2026-09-01", f"start: {start}").replace("end: 2026-12-18", f"end: {end}")
    text = text.replace("raj@users.noreply.example.com", f"raj@{team}.example.com")
    for person in ("ana.silva", "raj.patel", "tom.becker"):
        text = text.replace(f"{person}@example.com", swap.get(person.replace(".", "_"), f"{person}@{team}.example.com"))
    return text


def portfolio(repo: Repo, *charters: tuple[str, str]) -> None:
    repo.write("policies/acme-pilot.yaml", POLICY)
    for team, text in charters:
        repo.charter(text, team=team)


def lint(repo: Repo, *args: str) -> dict:
    run = govkit("lint", "--root", str(repo.root), "--format", "json", *args)
    assert run.exit_code in (0, 1), run.stderr
    return run.json()


def test_a_person_in_two_overlapping_pilots_is_a_finding_in_each_at_the_member(repo):
    shared = "tom@example.com"
    returns = pilot("returns-pilot", tom_becker=shared)
    portfolio(repo, ("reorder-pilot", pilot("reorder-pilot", tom_becker=shared)), ("returns-pilot", returns))
    found = [f for f in lint(repo)["findings"] if f["rule"] == "one-pilot-per-person"]
    assert sorted(f["team"] for f in found) == ["reorder-pilot", "returns-pilot"]
    mine = next(f for f in found if f["team"] == "returns-pilot")
    assert (mine["file"], mine["line"]) == ("teams/returns-pilot/charter.yaml", line_of(returns, shared))
    assert "also a member of the active pilot `reorder-pilot` from 2026-09-01 to 2026-12-18" in mine["message"]


def test_a_person_is_known_by_their_aliases_across_charters(repo):
    first = pilot("reorder-pilot", raj_patel="raj.patel@example.com").replace(
        "raj@reorder-pilot.example.com", "raj@users.noreply.example.com"
    )
    second = pilot("returns-pilot", raj_patel="raj@users.noreply.example.com").replace(
        "aliases: [raj@returns-pilot.example.com]", "aliases: [raj.p@example.com]"
    )
    portfolio(repo, ("reorder-pilot", first), ("returns-pilot", second))
    found = [f for f in lint(repo)["findings"] if f["rule"] == "one-pilot-per-person"]
    assert len(found) == 2 and "(as raj@users.noreply.example.com)" in found[0]["message"]


def test_pilots_one_after_the_other_and_draft_pilots_share_people_freely(repo):
    portfolio(
        repo,
        ("reorder-pilot", pilot("reorder-pilot", end="2026-10-31", tom_becker="tom@example.com")),
        ("returns-pilot", pilot("returns-pilot", start="2026-11-01", tom_becker="tom@example.com")),
        (
            "claims-pilot",
            pilot("claims-pilot", tom_becker="tom@example.com").replace("status: active", "status: draft"),
        ),
    )
    assert [f for f in lint(repo)["findings"] if f["rule"] == "one-pilot-per-person"] == []


def test_a_lead_of_two_overlapping_pilots_is_over_concurrent_pilots(repo):
    portfolio(
        repo,
        ("reorder-pilot", pilot("reorder-pilot", ana_silva="ana@example.com")),
        ("returns-pilot", pilot("returns-pilot", start="2026-10-01", ana_silva="ana@example.com")),
    )
    found = [f for f in lint(repo)["findings"] if f["rule"] == "concurrent-pilots"]
    assert sorted(f["team"] for f in found) == ["reorder-pilot", "returns-pilot"]
    assert "ana@example.com leads 2 active pilots at once from 2026-10-01" in found[0]["message"]
    assert all(f["line"] == 15 and f["severity"] == "warning" for f in found)  # the `business:` lead


def test_a_higher_max_allows_more_pilots_per_lead(repo):
    portfolio(
        repo,
        ("reorder-pilot", pilot("reorder-pilot", ana_silva="ana@example.com")),
        ("returns-pilot", pilot("returns-pilot", ana_silva="ana@example.com")),
    )
    repo.write("policies/acme-pilot.yaml", POLICY.replace("{max: 1}", "{max: 2}"))
    found = lint(repo)["findings"]
    assert [f for f in found if f["rule"] == "concurrent-pilots"] == []
    assert [f for f in found if f["rule"] == "one-pilot-per-person"]  # the same lead is still in both


def test_check_of_one_team_still_sees_the_others_and_its_status_counts_the_finding(repo):
    shared = "tom@example.com"
    portfolio(
        repo,
        ("reorder-pilot", pilot("reorder-pilot", tom_becker=shared)),
        ("returns-pilot", pilot("returns-pilot", tom_becker=shared)),
    )
    run = govkit("check", "reorder-pilot", "--root", str(repo.root), "--as-of", "2026-10-15", "--format", "json")
    data = run.json()
    assert [f["team"] for f in data["findings"] if f["rule"] == "one-pilot-per-person"] == ["reorder-pilot"]
    assert statuses(data) == {"reorder-pilot": "red"}


def test_a_team_whose_policy_lacks_the_rule_is_not_held_to_it(repo):
    shared = "tom@example.com"
    other = pilot("returns-pilot", tom_becker=shared).replace("policy: acme-pilot@1", "policy: firewalled-pilot@1")
    portfolio(repo, ("reorder-pilot", pilot("reorder-pilot", tom_becker=shared)), ("returns-pilot", other))
    found = [f for f in lint(repo)["findings"] if f["rule"] == "one-pilot-per-person"]
    assert [f["team"] for f in found] == ["reorder-pilot"]  # it still sees the other charter


def test_a_waiver_waives_a_portfolio_finding_for_its_team(repo):
    waiver = (
        "waivers:\n  - rule: one-pilot-per-person\n    reason: Tom hands over in October\n"
        "    approved_by: [ana.silva@reorder-pilot.example.com, raj.patel@reorder-pilot.example.com]\n"
        "    expires: 2026-12-31\n"
    )
    shared = "tom@example.com"
    portfolio(
        repo,
        ("reorder-pilot", pilot("reorder-pilot", tom_becker=shared) + waiver),
        ("returns-pilot", pilot("returns-pilot", tom_becker=shared)),
    )
    found = {f["team"]: f for f in lint(repo)["findings"] if f["rule"] == "one-pilot-per-person"}
    assert found["reorder-pilot"]["waived"] is True and found["returns-pilot"]["waived"] is False


def test_a_past_overlap_is_a_closed_breach_as_of_a_later_day(repo):
    shared = "tom@example.com"
    portfolio(
        repo,
        ("reorder-pilot", pilot("reorder-pilot", end="2026-10-10", tom_becker=shared)),
        ("returns-pilot", pilot("returns-pilot", tom_becker=shared)),
    )
    run = govkit("check", "--root", str(repo.root), "--as-of", "2026-11-20", "--format", "json")
    found = [f for f in run.json()["findings"] if f["rule"] == "one-pilot-per-person"]
    assert found and all(f["open"] is False and f["day"] == "2026-09-01" for f in found)


def test_render_shows_the_judgement_check_makes(repo, tmp_path):
    shared = "tom@example.com"
    portfolio(
        repo,
        ("reorder-pilot", pilot("reorder-pilot", tom_becker=shared)),
        ("returns-pilot", pilot("returns-pilot", tom_becker=shared)),
    )
    out = tmp_path / "site"
    run = govkit("render", "--root", str(repo.root), "--as-of", "2026-10-15", "--out", str(out), "--format", "md")
    assert run.exit_code == 0, run.stderr
    assert "one-pilot-per-person" in (out / "reorder-pilot.md").read_text()


def test_lint_of_300_teams_reads_each_charter_once(repo):
    repo.write("policies/acme-pilot.yaml", POLICY)
    for number in range(300):
        team = f"pilot-{number:03d}"
        # Every tenth pilot shares its developer with the one before it.
        tom = f"tom{number - 1}@example.com" if number % 10 == 9 else f"tom{number}@example.com"
        repo.charter(pilot(team, tom_becker=tom), team=team)
    started = time.perf_counter()
    data = lint(repo)
    elapsed = time.perf_counter() - started
    assert len(data["teams"]) == 300
    assert len([f for f in data["findings"] if f["rule"] == "one-pilot-per-person"]) == 60
    assert elapsed < 30  # about a second on a laptop; re-reading charters per team took minutes


def test_policy_test_proves_a_rule_across_teams_on_folders_of_several_teams(tmp_path):
    folder = tmp_path / "policies"
    (folder / "acme-pilot.yaml").parent.mkdir()
    (folder / "acme-pilot.yaml").write_text(POLICY.replace("params: {max: 1}", "disabled: true"))
    for expect, shared in (("pass", None), ("fail", "tom@example.com")):
        example = folder / "tests" / "one-pilot-per-person" / expect / "two-pilots"
        for team in ("reorder-pilot", "returns-pilot"):
            (example / "teams" / team).mkdir(parents=True)
            text = pilot(team, tom_becker=shared) if shared else pilot(team)
            (example / "teams" / team / "charter.yaml").write_text(text)
        (example / "example.yaml").write_text("as_of: 2026-10-15\n")
    run = govkit("policy", "test", str(folder), "--format", "json")
    assert run.exit_code == 0, run.stdout
    assert run.json()["findings"] == []
    # The pass example turned into a fail one is reported, at the example.
    shared = folder / "tests" / "one-pilot-per-person" / "fail" / "two-pilots" / "teams"
    passing = folder / "tests" / "one-pilot-per-person" / "pass" / "two-pilots" / "teams"
    for team in ("reorder-pilot", "returns-pilot"):
        (passing / team / "charter.yaml").write_text((shared / team / "charter.yaml").read_text())
    [finding] = govkit("policy", "test", str(folder), "--format", "json").json()["findings"]
    assert finding["file"] == "policies/tests/one-pilot-per-person/pass/two-pilots"
    assert "The pass example two-pilots raised `one-pilot-per-person`" in finding["message"]


def test_a_check_across_teams_that_names_no_team_cannot_run(repo):
    portfolio(repo, ("reorder-pilot", pilot("reorder-pilot")))
    evidence = read_team(CharterRepo(repo.root), "reorder-pilot", None, dt.date(2026, 10, 1))
    assert evidence.policy is not None
    careless = SimpleNamespace(
        ID="careless",
        SCOPE="portfolio",
        EVIDENCE=frozenset({"charter"}),
        PARAMS=params_schema({}),
        check=lambda portfolio, params: iter([Problem("Something is wrong somewhere.")]),
    )
    rule = dataclasses.replace(evidence.policy.rules[-1], id="careless", check=careless)
    evidence = dataclasses.replace(evidence, policy=dataclasses.replace(evidence.policy, rules=(rule,)))
    with pytest.raises(GovkitError, match="without naming a team of the repo"):
        portfolio_findings([evidence], dt.date(2026, 10, 1))
