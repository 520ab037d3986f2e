"""Guardrails stay with IT: a policy guards paths in every team repo (`guards:`), and a team that
removes or narrows a guard in its charter needs the guard owner's approval as well as both leads'."""

from __future__ import annotations

from tests.pilot import RAJ, TOM, healthy
from tests.test_amendments_in_force import approve
from tests.test_approve import TODAY, as_person
from tests.test_approve import approve as approve_as
from tests.test_check_history import BOTH, charter_history

POLICY = """govkit: 1
name: acme-pilot
version: 1.0.0
extends: firewalled-pilot@1
guards:
  - area: infrastructure
    owner: it-infra@example.com
    paths: ["*.tf", "deploy/**"]
"""
SECURITY = "Approved-by: IT Security <it-security@example.com>"


def acme_pilot(tmp_path):
    pilot = healthy(tmp_path)
    pilot.charters.write("policies/acme-pilot.yaml", POLICY)
    pilot.charter_text = pilot.charter_text.replace("policy: firewalled-pilot@1", "policy: acme-pilot@1")
    return pilot.write()


def test_a_policy_guard_holds_in_a_repo_whose_charter_does_not_guard_it(tmp_path):
    pilot = acme_pilot(tmp_path)
    sha = pilot.team_repo.commit("2026-10-01", {"network/main.tf": "x"}, author=TOM, message="Open a port")
    [finding] = pilot.findings("guarded-paths")
    assert finding["commit"] == sha
    assert "network/main.tf, guarded by it-infra@example.com (infrastructure)" in finding["message"]


def test_a_policy_guard_is_kept_by_the_owners_review_or_a_technologists(tmp_path):
    pilot = acme_pilot(tmp_path)
    pilot.team_repo.commit(
        "2026-10-01", {"deploy/prod.yaml": "x"}, trailers=["Reviewed-by: IT Infra <it-infra@example.com>"]
    )
    pilot.team_repo.commit("2026-10-02", {"deploy/prod.yaml": "y"}, trailers=[f"Reviewed-by: {RAJ}"])
    assert pilot.findings("guarded-paths") == []


def test_a_charter_with_no_guards_at_all_is_still_held_to_the_policys(tmp_path):
    pilot = acme_pilot(tmp_path)
    guards = '    guarded:\n      - area: security\n        owner: it-security@example.com\n        paths: ["auth/**", "infra/**"]\n'
    assert guards in pilot.charter_text
    pilot.charter_text = pilot.charter_text.replace(guards, "")
    pilot.write()
    pilot.team_repo.commit("2026-10-01", {"deploy/prod.yaml": "x"}, author=TOM)
    assert len(pilot.findings("guarded-paths")) == 1


def test_removing_a_guard_needs_its_owners_approval_as_well_as_both_leads(tmp_path):
    pilot = healthy(tmp_path)
    dropped = pilot.charter_text.replace('paths: ["auth/**", "infra/**"]', 'paths: ["auth/**"]')
    charter_history(pilot, [("2026-08-25", pilot.charter_text, None), ("2026-09-20", dropped, BOTH)])
    [finding] = pilot.findings("amendment-signoff")
    assert "waits for the approval of it-security@example.com, owner of the security guard" in finding["message"]
    assert "infra/**" in finding["message"] and "reorder-service" in finding["message"]
    assert "the business lead" not in finding["message"]  # both leads did approve
    # Not in force: infra/ is still guarded.
    pilot.team_repo.commit("2026-10-01", {"infra/main.tf": "x"}, author=TOM, message="Unreviewed infra")
    assert len(pilot.findings("guarded-paths")) == 1


def test_with_the_owners_approval_the_narrowed_guard_is_in_force(tmp_path):
    pilot = healthy(tmp_path)
    dropped = pilot.charter_text.replace('paths: ["auth/**", "infra/**"]', 'paths: ["auth/**"]')
    repo, shas = charter_history(pilot, [("2026-08-25", pilot.charter_text, None), ("2026-09-20", dropped, BOTH)])
    approve(repo, shas[1], "2026-09-22", SECURITY, author="IT Security <it-security@example.com>")
    pilot.team_repo.commit("2026-10-01", {"infra/main.tf": "x"}, author=TOM, message="Unreviewed infra")
    assert pilot.findings("amendment-signoff") == []
    assert pilot.findings("guarded-paths") == []


def test_dropping_a_repo_drops_its_guards_and_needs_the_owner_too(tmp_path):
    pilot = healthy(tmp_path)
    start = pilot.charter_text.index("repos:\n")
    end = pilot.charter_text.index("cadences:\n")
    without = pilot.charter_text[:start] + pilot.charter_text[end:]
    charter_history(pilot, [("2026-08-25", pilot.charter_text, None), ("2026-09-20", without, BOTH)])
    [finding] = pilot.findings("amendment-signoff")
    assert "it-security@example.com" in finding["message"] and "auth/**, infra/**" in finding["message"]


def test_adding_a_guard_or_a_path_needs_only_the_leads(tmp_path):
    pilot = healthy(tmp_path)
    wider = pilot.charter_text.replace('paths: ["auth/**", "infra/**"]', 'paths: ["auth/**", "infra/**", "*.tf"]')
    charter_history(pilot, [("2026-08-25", pilot.charter_text, None), ("2026-09-20", wider, BOTH)])
    assert pilot.findings("amendment-signoff") == []


def test_the_guard_owner_approves_with_govkit_approve_like_a_lead(tmp_path):
    pilot = healthy(tmp_path)
    dropped = pilot.charter_text.replace('paths: ["auth/**", "infra/**"]', 'paths: ["auth/**"]')
    charter_history(pilot, [("2026-08-25", pilot.charter_text, None), ("2026-09-20", dropped, BOTH)])
    tom = approve_as(pilot, as_person("Tom Becker", "tom.becker@example.com"), "--yes")
    assert tom.exit_code == 2 and "it-security@example.com (owner of the security guard" in tom.output
    owner = approve_as(pilot, as_person("IT Security", "it-security@example.com"), "--yes")
    assert owner.exit_code == 0, owner.output
    assert pilot.findings("amendment-signoff", as_of=TODAY) == []
