"""`extends: NAME@MAJOR`: an organisation's policy takes the base's rules and adds to them, changes
them or switches them off, without copying the base."""

from __future__ import annotations

import shutil

from govkit.repo import builtin_dir
from tests.conftest import HEALTHY_CHARTER, findings, govkit, line_of

BUILTIN_FOLDER = builtin_dir("policies")
ACME = """govkit: 1
name: acme-pilot
version: 1.0.0
extends: firewalled-pilot@1
rules:
"""
DPO_RULE = """  - id: data-protection-contact
    check: require
    severity: error
    params:
      message: Every charter names a data protection contact.
      schema: {required: [x-data-protection-contact]}
"""
TOM = "  - name: Tom Becker\n    email: tom.becker@example.com\n    side: technology\n    role: Developer\n    allocation: 90\n"
ACME_CHARTER = HEALTHY_CHARTER.replace("policy: firewalled-pilot@1", "policy: acme-pilot@1")
SIX = ACME_CHARTER.replace(
    "repos:\n",
    "".join(
        f"  - name: Member {n}\n    email: member{n}@example.com\n    side: business\n    allocation: 100\n"
        for n in range(3)
    )
    + "repos:\n",
    1,
)


def acme(repo, rules: str, charter: str = ACME_CHARTER) -> list[dict]:
    repo.write("policies/acme-pilot.yaml", ACME + rules)
    repo.charter(charter)
    return findings(repo)


def rules_of(found: list[dict]) -> list[str]:
    return sorted(f["rule"] for f in found)


def test_an_extending_policy_holds_charters_to_every_rule_of_its_base(repo):
    found = acme(repo, DPO_RULE, ACME_CHARTER.replace("allocation: 90", "allocation: 50"))
    assert rules_of(found) == ["data-protection-contact", "dedicated-members"]  # its own rule and the base's


def test_an_extending_policy_may_list_no_rules_of_its_own(repo):
    repo.write("policies/acme-pilot.yaml", ACME.replace("rules:\n", "description: The base, as it is.\n"))
    repo.charter(ACME_CHARTER)
    assert findings(repo) == []


def test_a_rule_of_the_same_id_changes_the_bases_params_and_keeps_the_rest(repo):
    found = acme(repo, "  - id: team-size\n    params: {max: 5}\n", SIX)
    [finding] = found
    assert finding["rule"] == "team-size" and "at most 5" in finding["message"]
    [finding] = acme(repo, "  - id: team-size\n    params: {max: 5}\n", ACME_CHARTER.replace(TOM, ""))
    assert "at least 3" in finding["message"]  # the base's min still holds


def test_mappings_in_params_merge_key_by_key_and_lists_are_replaced(repo):
    rules = (
        "  - id: cadence-within-policy\n    params: {max: {demo: 7d}}\n"
        "  - id: required-sections\n    params: {sections: [cadences]}\n"
    )
    loose = ACME_CHARTER.replace("  retro: 14d", "  retro: 30d").replace(
        "exemptions:\n  - process: Change Advisory Board\n"
        "    replaced_by: Tech lead approves each release; the CAB chair attends every demo\n",
        "",
    )
    found = acme(repo, rules, loose)
    messages = sorted(f["message"] for f in found)
    assert len(found) == 2 and all(f["rule"] == "cadence-within-policy" for f in found)
    assert "The `demo` cadence is 14d; the policy allows at most 7d" in messages[0]
    assert "The `retro` cadence is 30d; the policy allows at most 21d" in messages[1]  # the base's bound stays


def test_a_rule_of_the_same_id_may_change_the_severity_alone(repo):
    half = ACME_CHARTER.replace("allocation: 90", "allocation: 50")
    [finding] = acme(repo, "  - id: dedicated-members\n    severity: error\n", half)
    assert (finding["rule"], finding["severity"]) == ("dedicated-members", "error")


def test_disabled_switches_an_inherited_rule_off(repo):
    half = ACME_CHARTER.replace("allocation: 90", "allocation: 50")
    assert acme(repo, "  - id: dedicated-members\n    disabled: true\n", half) == []


def test_switching_off_a_rule_the_base_does_not_have_is_reported_with_the_closest_rule(repo):
    found = acme(repo, "  - id: dedicated-member\n    disabled: true\n")
    [finding] = [f for f in found if f["file"] == "policies/acme-pilot.yaml"]
    assert finding["line"] == line_of(ACME, "rules:") + 1
    assert "no rule `dedicated-member` in firewalled-pilot@1 to switch off" in finding["message"]
    assert "Did you mean `dedicated-members`?" in finding["message"]


def test_an_override_cannot_change_the_check_type(repo):
    found = acme(repo, "  - id: team-size\n    check: timebox\n")
    [finding] = [f for f in found if f["file"] == "policies/acme-pilot.yaml"]
    assert "not its check type" in finding["message"] and "`disabled: true`" in finding["message"]


def test_a_new_rule_without_check_and_severity_is_reported(repo):
    found = acme(repo, "  - id: data-protection\n    params: {message: x}\n")
    [finding] = [f for f in found if f["file"] == "policies/acme-pilot.yaml"]
    assert "give it a `check` and a `severity`" in finding["message"]


def test_an_unknown_base_is_a_finding_at_the_extends_line(repo):
    repo.write("policies/acme-pilot.yaml", ACME.replace("firewalled-pilot@1", "firewalled-pilots@1") + DPO_RULE)
    repo.charter(ACME_CHARTER)
    found = findings(repo)
    [policy] = [f for f in found if f["file"] == "policies/acme-pilot.yaml"]
    assert (policy["rule"], policy["line"]) == ("schema", line_of(ACME, "extends:"))
    assert "no policy `firewalled-pilots@1`" in policy["message"] and "`firewalled-pilot@1`" in policy["message"]
    [pin] = [f for f in found if f["file"] == "teams/reorder-pilot/charter.yaml"]
    assert pin["rule"] == "policy"  # the charter cannot be judged by a policy that is not valid
    assert "which is policies/acme-pilot.yaml; that policy is not valid" in pin["message"]


def test_a_cycle_of_extends_is_a_finding_at_each_extends_and_never_a_crash(repo):
    repo.write("policies/a.yaml", "govkit: 1\nname: a\nversion: 1.0.0\nextends: b@1\n")
    repo.write("policies/b.yaml", "govkit: 1\nname: b\nversion: 1.0.0\nextends: a@1\n")
    repo.charter(HEALTHY_CHARTER.replace("policy: firewalled-pilot@1", "policy: a@1"))
    run = govkit("lint", "--root", str(repo.root), "--format", "json")
    assert run.exit_code == 1 and "internal error" not in run.stderr
    found = {f["file"]: f for f in run.json()["findings"]}
    assert found["policies/a.yaml"]["line"] == 4 and found["policies/b.yaml"]["line"] == 4
    assert any("leads back" in f["message"] for f in found.values())
    assert found["teams/reorder-pilot/charter.yaml"]["rule"] == "policy"


def test_a_policy_extending_its_own_pin_is_a_cycle(repo):
    repo.write("policies/firewalled-pilot.yaml", ACME.replace("acme-pilot", "firewalled-pilot") + DPO_RULE)
    repo.charter()
    [finding] = [f for f in findings(repo) if f["file"] == "policies/firewalled-pilot.yaml"]
    assert "leads back" in finding["message"] and "name of its own" in finding["message"]


def test_check_judges_by_the_extending_policy(repo):
    repo.write("policies/acme-pilot.yaml", ACME + "  - id: team-size\n    params: {max: 5}\n")
    repo.charter(SIX)
    run = govkit("check", "--root", str(repo.root), "--as-of", "2026-10-15", "--format", "json")
    assert "at most 5" in next(f["message"] for f in run.json()["findings"] if f["rule"] == "team-size")


# --- policy test ----------------------------------------------------------------------------


def test_adding_an_organisation_rule_to_a_copy_of_the_built_in_policy_breaks_none_of_its_examples(tmp_path):
    folder = tmp_path / "policies"
    shutil.copytree(BUILTIN_FOLDER, folder)
    policy = folder / "firewalled-pilot.yaml"
    policy.write_text(policy.read_text() + DPO_RULE)
    run = govkit("policy", "test", str(folder), "--format", "json")
    errors = [f for f in run.json()["findings"] if f["severity"] == "error"]
    assert errors == []  # 43 examples lack x-data-protection-contact, and none of them fails for it


def test_an_extending_policy_proves_inherited_rules_on_the_bases_examples(tmp_path):
    folder = tmp_path / "policies"
    (folder / "tests" / "data-protection-contact" / "pass").mkdir(parents=True)
    (folder / "tests" / "data-protection-contact" / "fail").mkdir(parents=True)
    (folder / "acme-pilot.yaml").write_text(ACME + DPO_RULE + "  - id: retro-cadence\n    disabled: true\n")
    draft = HEALTHY_CHARTER.replace("status: active", "status: draft")
    (folder / "tests" / "data-protection-contact" / "pass" / "named.yaml").write_text(
        draft + "x-data-protection-contact: dpo@example.com\n"
    )
    (folder / "tests" / "data-protection-contact" / "fail" / "unnamed.yaml").write_text(draft)
    run = govkit("policy", "test", str(folder), "--format", "json")
    assert run.exit_code == 0, run.stdout
    data = run.json()
    assert data["findings"] == []
    # the base's 21 rules less the one switched off, each on its two built-in examples, and the new rule's two
    assert data["tested"] == {"examples": 43, "rules": 21}


def test_a_changed_rule_is_proved_on_the_bases_examples_judged_by_the_change(tmp_path):
    folder = tmp_path / "policies"
    folder.mkdir()
    (folder / "acme-pilot.yaml").write_text(ACME + "  - id: team-size\n    params: {min: 1}\n")
    run = govkit("policy", "test", str(folder), "--format", "json")
    [finding] = run.json()["findings"]
    assert finding["rule"] == "team-size" and finding["file"] == "<built-in>/tests/team-size/fail/two-members.yaml"
    assert "did not raise `team-size`" in finding["message"]


# --- policy diff ----------------------------------------------------------------------------


def test_policy_diff_compares_the_rules_an_extending_policy_ends_up_with(repo):
    path = repo.write("policies/acme-pilot.yaml", ACME + DPO_RULE + "  - id: retro-cadence\n    disabled: true\n")
    run = govkit("policy", "diff", "firewalled-pilot@1", str(path), "--root", str(repo.root), "--format", "json")
    assert run.exit_code == 0, run.stderr
    texts = [(c["kind"], c["subject"]) for c in run.json()["changes"] if c["section"] == "rules"]
    assert texts == [("added", "data-protection-contact"), ("removed", "retro-cadence")]


def test_lint_of_one_policy_file_resolves_its_base(repo):
    path = repo.write("policies/acme-pilot.yaml", ACME + DPO_RULE)
    run = govkit("lint", "--root", str(repo.root), str(path), "--format", "json")
    assert run.exit_code == 0 and run.json()["findings"] == []
