from tests.conftest import line_of
from tests.rules.helpers import edit, rule_findings


def test_two_leads_on_their_sides_pass(tmp_path):
    assert rule_findings(tmp_path, "paired-leads") == []


def test_one_person_as_both_leads_fails_at_the_technology_lead(tmp_path):
    text = edit("  technology: raj.patel@example.com", "  technology: ana.silva@example.com")
    found = rule_findings(tmp_path, "paired-leads", text)
    lines = {f["line"] for f in found}
    assert line_of(text, "  technology: ana.silva") in lines
    assert any("both leads" in f["message"] for f in found)


def test_a_lead_who_is_not_a_member_fails(tmp_path):
    text = edit("  business: ana.silva@example.com", "  business: ghost@example.com")
    [finding] = rule_findings(tmp_path, "paired-leads", text)
    assert finding["line"] == line_of(text, "business: ghost")
    assert "not in `members`" in finding["message"]


def test_a_lead_on_the_wrong_side_fails(tmp_path):
    text = edit("  technology: raj.patel@example.com", "  technology: tom.becker@example.com")
    text = edit(
        "    email: tom.becker@example.com\n    side: technology",
        "    email: tom.becker@example.com\n    side: business",
        text,
    )
    found = rule_findings(tmp_path, "paired-leads", text)
    assert [f["line"] for f in found] == [line_of(text, "technology: tom.becker")]
    assert "on the business side" in found[0]["message"]


def test_a_lead_email_two_letters_from_a_member_asks_did_you_mean_and_adds_no_one(tmp_path):
    text = edit("  business: ana.silva@example.com", "  business: ana.slva@exmple.com")
    [finding] = rule_findings(tmp_path, "paired-leads", text)
    assert finding["line"] == line_of(text, "business: ana.slva")
    assert "did you mean ana.silva@example.com (Ana Silva)?" in finding["message"]
    assert "add them" not in finding["message"]


def test_a_lead_three_letters_from_every_member_is_told_to_add_them(tmp_path):
    text = edit("  business: ana.silva@example.com", "  business: ana.sil@exmple.org")
    [finding] = rule_findings(tmp_path, "paired-leads", text)
    assert "did you mean" not in finding["message"] and "add them there with `side: business`" in finding["message"]
