"""`govkit diff A B`: two teams' charters compared agreement by agreement, in text, JSON and markdown."""

from __future__ import annotations

import pytest

from tests.conftest import HEALTHY_CHARTER, govkit

WAIVER = """waivers:
  - rule: knowledge-share-cadence
    reason: Summer break
    approved_by: [ana.silva@example.com, raj.patel@example.com]
    expires: 2026-09-30
"""
LEA = """  - name: Lea Novak
    email: lea.novak@example.com
    side: technology
    role: Developer
    allocation: 100
"""


def as_returns(text: str) -> str:
    return text.replace("team: reorder-pilot", "team: returns-pilot")


def diff(repo, before: str, after: str, *args: str):
    repo.charter(before)
    repo.charter(as_returns(after), team="returns-pilot")
    return govkit("diff", "reorder-pilot", "returns-pilot", "--root", str(repo.root), *args)


def changes(repo, after: str, before: str = HEALTHY_CHARTER) -> list[tuple[str, str, str, str]]:
    """(section, kind, subject, text) of each change, leaving out the team id both sides differ in."""
    run = diff(repo, before, after, "--format", "json")
    assert run.exit_code == 0, run.stderr
    return [
        (c["section"], c["kind"], c["subject"], c["text"])
        for c in run.json()["changes"]
        if (c["section"], c["subject"]) != ("identity", "team")
    ]


def test_the_same_charter_on_both_sides_has_no_differences(repo):
    repo.charter()
    run = govkit("diff", "reorder-pilot", "reorder-pilot", "--root", str(repo.root))
    assert run.exit_code == 0
    assert run.stdout.splitlines() == ["reorder-pilot → reorder-pilot", "No differences."]
    data = govkit("diff", "reorder-pilot", "reorder-pilot", "--root", str(repo.root), "--format", "json").json()
    assert data["changes"] == []


def test_reordering_members_or_writing_2w_for_14d_is_no_change(repo):
    tom = "  - name: Tom Becker\n    email: tom.becker@example.com\n    side: technology\n    role: Developer\n    allocation: 90\n"
    reordered = HEALTHY_CHARTER.replace(tom, "").replace("members:\n", "members:\n" + tom)
    assert changes(repo, reordered.replace("  demo: 14d", "  demo: 2w")) == []


def test_identity_changes_name_status_purpose_capability_and_policy_pin(repo):
    edited = (
        HEALTHY_CHARTER.replace("name: One-click Reorder Pilot", "name: Returns Pilot")
        .replace("status: active", "status: closed")
        .replace("criticality: important", "criticality: supporting")
        .replace("policy: firewalled-pilot@1", "policy: firewalled-pilot@2")
    )
    found = changes(repo, edited)
    assert ("identity", "changed", "name", 'Name changed from "One-click Reorder Pilot" to "Returns Pilot"') in found
    assert ("identity", "changed", "status", "Status changed from active to closed") in found
    assert (
        "identity",
        "changed",
        "policy",
        "Policy pin changed from `firewalled-pilot@1` to `firewalled-pilot@2`",
    ) in (found)
    assert ("identity", "changed", "capability", "Capability criticality changed from important to supporting") in found


def test_a_longer_time_box_is_loosened_and_a_shorter_one_tightened(repo):
    longer = changes(repo, HEALTHY_CHARTER.replace("end: 2026-12-18", "end: 2027-01-29"))
    assert longer == [
        (
            "timebox",
            "loosened",
            "timebox",
            "Time box extended: ends 2027-01-29 instead of 2026-12-18 (15.4 to 21.4 weeks)",
        )
    ]
    shorter = changes(repo, HEALTHY_CHARTER.replace("end: 2026-12-18", "end: 2026-11-30"))
    assert [c[1] for c in shorter] == ["tightened"]
    moved = changes(
        repo, HEALTHY_CHARTER.replace("start: 2026-09-01", "start: 2026-09-08").replace("2026-12-18", "2026-12-25")
    )
    assert [c[1] for c in moved] == ["changed"] and "still 15.4 weeks" in moved[0][3]


def test_a_new_lead_is_named(repo):
    found = changes(repo, HEALTHY_CHARTER.replace("technology: raj.patel", "technology: tom.becker"))
    assert found == [
        (
            "leads",
            "changed",
            "technology",
            "Technology lead changed from raj.patel@example.com to tom.becker@example.com",
        )
    ]


def test_a_member_joins_one_leaves_and_one_changes_allocation_role_and_aliases(repo):
    edited = (
        HEALTHY_CHARTER.replace("role: Developer", "role: Senior developer")
        .replace("    allocation: 90\n", "    allocation: 100\n    aliases: [tom@users.noreply.example.com]\n")
        .replace("repos:\n", LEA + "repos:\n", 1)
    )
    found = changes(repo, edited)
    assert (
        "members",
        "added",
        "lea.novak@example.com",
        "Member lea.novak@example.com (technology, Developer, 100%) joined",
    ) in (found)
    tom = [c for c in found if c[2] == "tom.becker@example.com"]
    assert [c[3] for c in tom] == [
        "Member tom.becker@example.com role changed from Developer to Senior developer",
        "Member tom.becker@example.com allocation changed from 90% to 100%",
        "Member tom.becker@example.com aliases set to tom@users.noreply.example.com",
    ]
    left = changes(repo, HEALTHY_CHARTER, before=HEALTHY_CHARTER.replace("repos:\n", LEA + "repos:\n", 1))
    assert left == [
        (
            "members",
            "removed",
            "lea.novak@example.com",
            "Member lea.novak@example.com (technology, Developer, 100%) left",
        )
    ]


def test_a_member_matched_by_email_whatever_its_case(repo):
    assert changes(repo, HEALTHY_CHARTER.replace("email: tom.becker@", "email: Tom.Becker@")) == []


def test_guarded_paths_added_are_tightened_and_removed_loosened(repo):
    more = changes(repo, HEALTHY_CHARTER.replace('["auth/**", "infra/**"]', '["auth/**", "infra/**", "db/**"]'))
    assert more == [
        (
            "repos",
            "tightened",
            "reorder-service: security",
            "Guardrail `security` on `reorder-service` now also guards db/**",
        )
    ]
    fewer = changes(repo, HEALTHY_CHARTER.replace('["auth/**", "infra/**"]', '["auth/**"]'))
    assert [c[1] for c in fewer] == ["loosened"] and "no longer guards infra/**" in fewer[0][3]


def test_a_new_guardrail_area_and_a_new_owner(repo):
    data_guard = "      - area: data\n        owner: dpo@example.com\n        paths: [exports/**]\ncadences:"
    edited = HEALTHY_CHARTER.replace("cadences:", data_guard, 1).replace("it-security@", "security-team@")
    found = changes(repo, edited)
    assert (
        "repos",
        "added",
        "reorder-service: data",
        "Guardrail on `reorder-service` added: data owned by dpo@example.com: exports/**",
    ) in (found)
    assert [c[3] for c in found if c[1] == "changed"] == [
        "Guardrail `security` on `reorder-service` owner changed from it-security@example.com to security-team@example.com"
    ]


def test_a_repo_added_and_removed(repo):
    edited = HEALTHY_CHARTER.replace(
        "name: reorder-service\n    path: ../reorder-service", "name: returns-api\n    path: ../returns-api"
    )
    found = changes(repo, edited)
    assert [(c[1], c[2]) for c in found] == [("added", "returns-api"), ("removed", "reorder-service")]
    assert "security owned by it-security@example.com: auth/**, infra/**" in found[0][3]


@pytest.mark.parametrize(
    ("agreed", "kind", "text"),
    [
        ("21d", "loosened", "Cadence `demo` loosened from 14d to 21d"),
        ("7d", "tightened", "Cadence `demo` tightened from 14d to 7d"),
        ("1w", "tightened", "Cadence `demo` tightened from 14d to 1w"),
        ("3w", "loosened", "Cadence `demo` loosened from 14d to 3w"),
    ],
)
def test_a_shorter_cadence_is_tightened_and_a_longer_one_loosened(repo, agreed, kind, text):
    assert changes(repo, HEALTHY_CHARTER.replace("  demo: 14d", f"  demo: {agreed}")) == [
        ("cadences", kind, "demo", text)
    ]


def test_a_cadence_added_and_one_removed(repo):
    edited = HEALTHY_CHARTER.replace("  knowledge-share: 30d\n", "  decision: 30d\n")
    assert changes(repo, edited) == [
        ("cadences", "added", "decision", "Cadence `decision` added (30d)"),
        ("cadences", "removed", "knowledge-share", "Cadence `knowledge-share` removed (was 30d)"),
    ]


def test_metric_target_and_reading_interval(repo):
    found = changes(repo, HEALTHY_CHARTER.replace("target: 200", "target: 300").replace("every: 7d", "every: 14d"))
    assert found == [
        ("metrics", "changed", "weekly-reorderers", "Metric `weekly-reorderers` target changed from 200 to 300"),
        (
            "metrics",
            "loosened",
            "weekly-reorderers",
            "Metric `weekly-reorderers` reading interval loosened from 7d to 14d",
        ),
    ]
    tighter = changes(repo, HEALTHY_CHARTER.replace("every: 7d", "every: 3d"))
    assert [c[1] for c in tighter] == ["tightened"]


def test_a_metric_added_by_id(repo):
    metric = "  - id: repeat-rate\n    kind: outcome\n    description: Share of buyers who reorder\nexemptions:"
    found = changes(repo, HEALTHY_CHARTER.replace("exemptions:", metric, 1))
    assert found == [("metrics", "added", "repeat-rate", "Metric `repeat-rate` (outcome) added")]


def test_exemptions_by_process_with_their_replacing_control(repo):
    edited = HEALTHY_CHARTER.replace("the CAB chair attends every demo", "the CAB chair reviews each release note")
    [change] = changes(repo, edited)
    assert change[:3] == ("exemptions", "changed", "Change Advisory Board")
    assert change[3].startswith('Exemption from "Change Advisory Board": replacing control changed from')
    gone = changes(
        repo,
        HEALTHY_CHARTER.replace(
            "exemptions:\n  - process: Change Advisory Board\n", "exemptions:\n  - process: Architecture board\n"
        ),
    )
    assert [(c[1], c[2]) for c in gone] == [("added", "Architecture board"), ("removed", "Change Advisory Board")]


def test_a_decision_moved_to_the_team_is_one_change(repo):
    edited = HEALTHY_CHARTER.replace("release timing]", "release timing, budget]").replace("[budget, ", "[")
    assert changes(repo, edited) == [
        ("decisions", "changed", "budget", 'Decision "budget" moved from escalated to decided by the team')
    ]


def test_escalation_response_time_and_exit_criteria(repo):
    edited = HEALTHY_CHARTER.replace("respond_within: 5d", "respond_within: 3d").replace(
        "  - 200 weekly reorderers by the end of the time box\n",
        "  - 200 weekly reorderers by the end of the time box\n  - Hand over to the webshop team\n",
    )
    assert changes(repo, edited) == [
        ("escalation", "tightened", "respond_within", "Escalation response time tightened from 5d to 3d"),
        (
            "exit_criteria",
            "added",
            "Hand over to the webshop team",
            'Exit criterion added: "Hand over to the webshop team"',
        ),
    ]


def test_waivers_added_removed_and_extended(repo):
    added = changes(repo, HEALTHY_CHARTER + WAIVER)
    assert added == [
        (
            "waivers",
            "added",
            "knowledge-share-cadence",
            'Waiver of `knowledge-share-cadence` added (expires 2026-09-30; "Summer break")',
        )
    ]
    extended = changes(
        repo, HEALTHY_CHARTER + WAIVER.replace("2026-09-30", "2026-10-31"), before=HEALTHY_CHARTER + WAIVER
    )
    assert extended == [
        (
            "waivers",
            "loosened",
            "knowledge-share-cadence",
            "Waiver of `knowledge-share-cadence` expiry loosened from 2026-09-30 to 2026-10-31",
        )
    ]
    removed = changes(repo, HEALTHY_CHARTER, before=HEALTHY_CHARTER + WAIVER)
    assert [c[1] for c in removed] == ["removed"]


def test_json_has_the_contract_shape(repo):
    run = diff(repo, HEALTHY_CHARTER, HEALTHY_CHARTER.replace("  demo: 14d", "  demo: 21d"), "--format", "json")
    data = run.json()
    assert {k: data[k] for k in ("govkit", "command", "from", "to")} == {
        "govkit": 1,
        "command": "diff",
        "from": "reorder-pilot",
        "to": "returns-pilot",
    }
    assert data["changes"][-1] == {
        "section": "cadences",
        "kind": "loosened",
        "subject": "demo",
        "before": "14d",
        "after": "21d",
        "text": "Cadence `demo` loosened from 14d to 21d",
    }


def test_json_shows_added_agreements_as_the_charter_writes_them(repo):
    data_guard = "      - area: data\n        owner: dpo@example.com\n        paths: [exports/**]\ncadences:"
    edited = HEALTHY_CHARTER.replace("repos:\n", LEA + "repos:\n", 1).replace("cadences:", data_guard, 1)
    run = diff(repo, HEALTHY_CHARTER, edited + WAIVER, "--format", "json")
    added = {c["subject"]: c["after"] for c in run.json()["changes"] if c["kind"] == "added"}
    assert added["lea.novak@example.com"] == {
        "name": "Lea Novak",
        "email": "lea.novak@example.com",
        "side": "technology",
        "role": "Developer",
        "allocation": 100,
    }
    assert added["reorder-service: data"] == {"area": "data", "owner": "dpo@example.com", "paths": ["exports/**"]}
    assert added["knowledge-share-cadence"] == {
        "rule": "knowledge-share-cadence",
        "reason": "Summer break",
        "approved_by": ["ana.silva@example.com", "raj.patel@example.com"],
        "expires": "2026-09-30",
    }


def test_text_groups_changes_by_section(repo):
    run = diff(repo, HEALTHY_CHARTER, HEALTHY_CHARTER.replace("  demo: 14d", "  demo: 7d"))
    assert run.stdout.splitlines() == [
        "reorder-pilot → returns-pilot: 2 changes (1 changed, 1 tightened)",
        "",
        "Identity",
        "  changed    Team id changed from `reorder-pilot` to `returns-pilot`",
        "",
        "Cadences",
        "  tightened  Cadence `demo` tightened from 14d to 7d",
    ]


def test_markdown_renders_a_heading_and_a_list_per_section(repo):
    run = diff(
        repo, HEALTHY_CHARTER, HEALTHY_CHARTER.replace("  demo: 14d", "  demo: 7d") + WAIVER, "--format", "markdown"
    )
    assert run.exit_code == 0
    assert run.stdout.startswith("### govkit diff: `reorder-pilot` → `returns-pilot`\n\n**3 changes")
    assert "#### Cadences\n\n- **tightened** Cadence `demo` tightened from 14d to 7d\n" in run.stdout
    assert "#### Waivers\n\n- **added** Waiver of `knowledge-share-cadence` added" in run.stdout


def test_markdown_keeps_user_text_from_becoming_html(repo):
    edited = HEALTHY_CHARTER.replace("name: One-click Reorder Pilot", "name: <script>alert(1)</script>")
    run = diff(repo, HEALTHY_CHARTER, edited, "--format", "markdown")
    assert "<script>" not in run.stdout and r"\<script\>alert(1)\</script\>" in run.stdout


def test_markdown_shows_a_name_with_asterisks_as_typed_not_as_emphasis(repo):
    edited = HEALTHY_CHARTER.replace("name: One-click Reorder Pilot", "name: P *gamma*")
    run = diff(repo, HEALTHY_CHARTER, edited, "--format", "markdown")
    assert r'- **changed** Name changed from "One-click Reorder Pilot" to "P \*gamma\*"' in run.stdout


def test_markdown_shows_globs_as_typed_not_as_bold_and_keeps_ids_as_code(repo):
    edited = HEALTHY_CHARTER.replace(
        'paths: ["auth/**", "infra/**"]', 'paths: ["auth/**", "infra/**", "src/**", "db/**"]'
    )
    run = diff(repo, HEALTHY_CHARTER, edited, "--format", "markdown")
    assert r"Guardrail `security` on `reorder-service` now also guards src/\*\*, db/\*\*" in run.stdout


def test_an_unknown_team_cannot_run_and_lists_the_known_ones(repo):
    repo.charter()
    run = govkit("diff", "reorder-pilot", "nope", "--root", str(repo.root))
    assert run.exit_code == 2 and run.stdout == ""
    assert len(run.stderr.strip().splitlines()) == 1
    assert "no team `nope`" in run.stderr and "Known teams: reorder-pilot" in run.stderr


def test_an_invalid_charter_cannot_run_and_says_which_file_and_to_lint(repo):
    repo.charter()
    repo.charter(as_returns(HEALTHY_CHARTER).replace("side: business", "side: sales"), team="returns-pilot")
    run = govkit("diff", "reorder-pilot", "returns-pilot", "--root", str(repo.root))
    assert run.exit_code == 2 and len(run.stderr.strip().splitlines()) == 1
    assert "teams/returns-pilot/charter.yaml:" in run.stderr and "govkit lint" in run.stderr


def test_broken_yaml_cannot_run(repo):
    repo.charter()
    repo.charter("govkit: [\n", team="returns-pilot")
    run = govkit("diff", "reorder-pilot", "returns-pilot", "--root", str(repo.root))
    assert run.exit_code == 2 and "teams/returns-pilot/charter.yaml" in run.stderr and "Traceback" not in run.stderr


def test_a_charter_that_names_one_person_twice_cannot_run_and_says_which_file(repo):
    repo.charter()
    twice = as_returns(HEALTHY_CHARTER).replace("email: tom.becker@", "email: raj.patel@")
    repo.charter(twice, team="returns-pilot")
    run = govkit("diff", "reorder-pilot", "returns-pilot", "--root", str(repo.root))
    assert run.exit_code == 2 and run.stdout == "" and len(run.stderr.strip().splitlines()) == 1
    assert "internal error" not in run.stderr
    assert "teams/returns-pilot/charter.yaml:" in run.stderr and "govkit lint" in run.stderr
