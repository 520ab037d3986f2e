import datetime as dt

from tests.conftest import HEALTHY_CHARTER, line_of
from tests.rules.helpers import edit, rule_findings

FUTURE = (dt.date.today() + dt.timedelta(days=60)).isoformat()
PAST = (dt.date.today() - dt.timedelta(days=1)).isoformat()
PART_TIME = edit("allocation: 90", "allocation: 50")


def waiver(
    rule="dedicated-members",
    approvers="[ana.silva@example.com, raj.patel@example.com]",
    expires=FUTURE,
    reason="Covers support",
):
    lines = [f"  - rule: {rule}"]
    if reason:
        lines.append(f"    reason: {reason}")
    if approvers:
        lines.append(f"    approved_by: {approvers}")
    if expires:
        lines.append(f"    expires: {expires}")
    return "waivers:\n" + "\n".join(lines) + "\n"


def test_a_valid_waiver_waives_its_rule_and_nothing_else(tmp_path):
    found = rule_findings(tmp_path, None, PART_TIME + waiver())
    assert [(f["rule"], f["waived"]) for f in found] == [("dedicated-members", True)]


def test_a_waiver_of_an_unknown_rule_fails_at_the_rule(tmp_path):
    text = HEALTHY_CHARTER + waiver(rule="team-sise")
    [finding] = rule_findings(tmp_path, "waivers", text)
    assert finding["line"] == line_of(text, "- rule: team-sise")
    assert "does not have" in finding["message"]


def test_a_waiver_approved_by_one_lead_does_not_waive(tmp_path):
    text = PART_TIME + waiver(approvers="[ana.silva@example.com]")
    found = rule_findings(tmp_path, None, text)
    [problem] = [f for f in found if f["rule"] == "waivers"]
    assert problem["line"] == line_of(text, "approved_by:")
    assert "technology lead raj.patel@example.com" in problem["message"]
    assert [f["waived"] for f in found if f["rule"] == "dedicated-members"] == [False]


def test_a_waiver_without_reason_or_expiry_fails(tmp_path):
    text = HEALTHY_CHARTER + waiver(reason=None, expires=None)
    messages = [f["message"] for f in rule_findings(tmp_path, "waivers", text)]
    assert any("no `reason`" in m for m in messages)
    assert any("no `expires`" in m for m in messages)


def test_an_expired_waiver_no_longer_waives(tmp_path):
    text = PART_TIME + waiver(expires=PAST)
    found = rule_findings(tmp_path, None, text)
    [expired] = [f for f in found if f["rule"] == "waivers"]
    assert expired["severity"] == "info" and expired["line"] == line_of(text, f"expires: {PAST}")
    assert [f["waived"] for f in found if f["rule"] == "dedicated-members"] == [False]
