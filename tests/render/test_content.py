"""What leadership reads on the pages: every charter section, progress, cadences, metrics, findings."""

from __future__ import annotations

from tests.conftest import HEALTHY_ACTIVITY, HEALTHY_CHARTER
from tests.pilot import AS_OF, Pilot, healthy
from tests.render.pages import parse, render, site

WAIVER = """\
waivers:
  - rule: dedicated-members
    reason: Tom also covers the support rota
    approved_by: [ana.silva@example.com, raj.patel@example.com]
    expires: 2026-12-18
"""

READINGS = """\
  - date: 2026-09-26
    type: metric
    metric: weekly-reorderers
    value: 40
  - date: 2026-10-03
    type: metric
    metric: weekly-reorderers
    value: 75
"""


def team_words(repo, as_of: str = "2026-10-25", team: str = "reorder-pilot") -> str:
    run = render(repo, "--as-of", as_of)
    assert run.exit_code == 0, run.stderr
    return parse(site(repo) / f"{team}.html").words


def portfolio_row(repo, team_name: str) -> str:
    words = parse(site(repo) / "index.html").words
    assert team_name in words
    return words[words.index(team_name) :]


def test_the_team_page_shows_every_charter_section(repo):
    repo.charter(HEALTHY_CHARTER + WAIVER)
    repo.activity()
    words = team_words(repo)
    for expected in (
        "Let repeat buyers reorder in one click",
        "Criticality important",
        "Business lead Ana Silva",
        "Technology lead Raj Patel",
        "Tom Becker tom.becker@example.com technology Developer 90%",
        "demo 14d 2026-09-12",
        "Distinct buyers who reordered in the week",
        "reorder-service ../reorder-service security it-security@example.com auth/**, infra/**",
        "Change Advisory Board Tech lead approves each release; the CAB chair attends every demo",
        "backlog user interface release timing",
        "budget data retention vendor contracts",
        "Contact cio-office@example.com Answer within 5d",
        "200 weekly reorderers by the end of the time box",
        "dedicated-members Tom also covers the support rota",
        "Findings",
    ):
        assert expected in words, expected


def test_halfway_through_the_time_box_progress_is_fifty_percent(repo):
    repo.charter()
    words = team_words(repo, as_of="2026-10-25")  # 54 of the 108 days from 09-01 to 12-18
    assert "50% (in progress)" in words and "54 of 108 gone, 54 left" in words
    assert "50% (in progress)" in parse(site(repo) / "index.html").words


def test_before_the_start_nothing_is_gone_and_after_the_end_everything(repo):
    repo.charter()
    assert "0% (not started)" in team_words(repo, as_of="2026-08-01")
    assert "100% (ended)" in team_words(repo, as_of="2027-01-10")


def test_each_cadence_shows_its_last_event_and_whether_it_is_overdue(repo):
    repo.charter()
    repo.activity()
    assert "demo 14d 2026-09-12 (8 days ago): Prototype shown to five buyers and the CAB chair On track" in team_words(
        repo, as_of="2026-09-20"
    )
    assert "demo 14d 2026-09-12 (19 days ago)" in team_words(repo, as_of="2026-10-01")
    assert "the CAB chair Overdue" in team_words(repo, as_of="2026-10-01")


def test_events_after_the_as_of_date_are_not_counted(repo):
    repo.charter()
    repo.activity()
    words = team_words(repo, as_of="2026-09-15")
    assert "no reading yet" in words
    assert "Need a data-retention decision" not in words


def test_a_metric_shows_its_latest_reading_against_target(repo):
    repo.charter()
    repo.activity(HEALTHY_ACTIVITY + READINGS)
    words = team_words(repo)
    assert "75 of 200 buyers (38%) on 2026-10-03" in words
    assert "Distinct buyers who reordered in the week: 75 of 200 buyers (38%)" in parse(site(repo) / "index.html").words


def test_a_metric_with_two_readings_or_more_has_a_trend_picture(repo):
    repo.charter()
    repo.activity(HEALTHY_ACTIVITY + READINGS)
    render(repo)
    page = parse(site(repo) / "reorder-pilot.html")
    assert "svg" in page.tags and "polyline" in page.tags
    assert "3 readings from 2026-09-19 to 2026-10-03, 12 to 75 buyers; target 200 buyers" in page.words
    assert render(repo, "--format", "md", out=site(repo).parent / "md").exit_code == 0
    assert "| ▁▂▄ |" in (site(repo).parent / "md" / "reorder-pilot.md").read_text()


def test_a_metric_with_one_reading_has_no_trend_yet(repo):
    repo.charter()
    repo.activity()
    render(repo)
    page = parse(site(repo) / "reorder-pilot.html")
    assert "svg" not in page.tags and "needs two readings" in page.words


def test_markup_in_charter_and_activity_text_is_shown_as_text(repo):
    charter = HEALTHY_CHARTER.replace(
        "name: One-click Reorder Pilot", "name: \"<script>alert('name')</script>\""
    ).replace("purpose: Let repeat", "purpose: <script>alert('purpose')</script> Let repeat")
    repo.charter(charter)
    repo.activity(HEALTHY_ACTIVITY.replace("summary: Prototype", "summary: <script>alert('summary')</script>"))
    assert render(repo, "--as-of", "2026-10-25").exit_code == 0
    for path in (site(repo) / "index.html", site(repo) / "reorder-pilot.html"):
        html = path.read_text()
        page = parse(path)
        assert "script" not in page.tags
        assert "<script" not in html.lower() and "&lt;script&gt;" in html
    words = parse(site(repo) / "reorder-pilot.html").words
    for where in ("name", "purpose", "summary"):
        assert f"<script>alert('{where}')</script>" in words


def test_markup_in_markdown_pages_is_escaped(repo):
    repo.charter(HEALTHY_CHARTER.replace("purpose: Let repeat", "purpose: <script>x</script> | *Let* repeat"))
    assert render(repo, "--format", "md").exit_code == 0
    team = (site(repo) / "reorder-pilot.md").read_text()
    assert "<script>" not in team
    assert r"\<script\>x\</script\> \| \*Let\* repeat" in team


def test_an_ampersand_in_markdown_pages_shows_as_typed(repo):
    repo.charter(HEALTHY_CHARTER.replace("purpose: Let repeat", "purpose: Replace the AT&amp;T fax line. Let repeat"))
    assert render(repo, "--format", "md").exit_code == 0
    team = (site(repo) / "reorder-pilot.md").read_text()
    assert "Replace the AT&amp;amp;T fax line. Let repeat" in team


def test_a_team_whose_charter_does_not_load_is_red_in_the_portfolio(tmp_path):
    pilot = healthy(tmp_path)
    repo = pilot.charters
    repo.charter("govkit: 1\nteam: [\n", team="broken")
    run = render(repo, "--as-of", AS_OF)
    assert run.exit_code == 0, run.stderr
    assert portfolio_row(repo, "broken").startswith("broken broken Red charter unreadable YAML syntax error")
    words = parse(site(repo) / "broken.html").words
    assert "The charter could not be read: YAML syntax error" in words
    assert "Error now YAML syntax error" in words and "yaml teams/broken/charter.yaml:" in words
    assert portfolio_row(repo, "One-click Reorder Pilot").startswith(
        "One-click Reorder Pilot reorder-pilot, active Green"
    )


def test_a_team_whose_charter_fails_its_schema_is_red_under_its_name(repo):
    repo.charter(HEALTHY_CHARTER.replace("purpose:", "porpose:"))
    render(repo)
    assert portfolio_row(repo, "One-click Reorder Pilot").startswith("One-click Reorder Pilot reorder-pilot Red")
    words = parse(site(repo) / "reorder-pilot.html").words
    assert "does not match its schema" in words and "Did you mean purpose?" in words


def test_a_warning_makes_a_team_amber(tmp_path):
    pilot = healthy(tmp_path)
    pilot.charter_text = pilot.charter_text.replace("allocation: 90", "allocation: 50")
    pilot.write()
    render(pilot.charters, "--as-of", AS_OF)
    assert "Amber" in portfolio_row(pilot.charters, "One-click Reorder Pilot")
    words = parse(site(pilot.charters) / "reorder-pilot.html").words
    assert "Warning now Tom Becker is allocated 50%" in words and "dedicated-members" in words


def test_the_portfolio_shows_checks_findings_from_git(tmp_path):
    pilot = healthy(tmp_path)
    pilot.team_repo.commit("2026-10-01", {"infra/x.tf": "x"}, message="Open the firewall")
    render(pilot.charters, "--as-of", AS_OF)
    assert "Red" in portfolio_row(pilot.charters, "One-click Reorder Pilot")
    words = parse(site(pilot.charters) / "reorder-pilot.html").words
    assert "Error since 2026-10-01 The commit" in words and "guarded-paths" in words


def test_a_missing_activity_log_is_said_plainly(repo):
    repo.charter()
    words = team_words(repo)
    assert "There is no activity log yet (teams/reorder-pilot/activity.yaml)" in words
    assert "demo 14d none yet Overdue" in words


def test_a_broken_activity_log_is_shown_and_the_page_still_renders(repo):
    repo.charter()
    repo.activity("govkit: 1\nevents: [\n")
    words = team_words(repo)
    assert "The activity log could not be read: YAML syntax error" in words
    assert "Purpose and capability" in words


def test_a_partly_broken_log_is_not_judged_on_the_page_as_check_does_not(repo):
    repo.charter()
    repo.activity(HEALTHY_ACTIVITY + "  - date: someday\n    type: demo\n")
    words = team_words(repo)
    assert "does not match its schema, so none of its events are used" in words
    assert "demo 14d none yet Not checked" in words and "Overdue" not in words


def test_an_open_escalation_is_listed_with_its_age(repo):
    repo.charter()
    repo.activity(HEALTHY_ACTIVITY.replace("    type: escalation-resolved\n    ref: esc-1\n", "    type: other\n"))
    words = team_words(repo, as_of="2026-10-12")
    assert (
        "esc-1 2026-10-02 (10 days ago) Need a data-retention decision for order history Unanswered too long" in words
    )


def test_the_team_page_carries_the_pilot_review(tmp_path):
    pilot = healthy(tmp_path)
    pilot.team_repo.commit("2026-10-01", {"infra/x.tf": "x"})
    assert render(pilot.charters, "--as-of", AS_OF).exit_code == 0
    words = parse(site(pilot.charters) / "reorder-pilot.html").words
    assert "Pilot review" in words
    assert "2 touched guarded paths, 1 without the required review" in words
    assert "esc-1 2026-10-02 2026-10-06 4" in words
    assert render(pilot.charters, "--as-of", AS_OF, "--format", "md").exit_code == 0
    markdown = (site(pilot.charters) / "reorder-pilot.md").read_text()
    assert "## Pilot review" in markdown and "| demo | 100% |" in markdown


def test_a_single_commit_is_counted_in_the_singular(tmp_path):
    pilot = Pilot(tmp_path)
    pilot.team_repo.commit("2026-09-10")
    pilot.write()
    assert render(pilot.charters, "--as-of", AS_OF).exit_code == 0
    assert "1 commit in the time box" in parse(site(pilot.charters) / "reorder-pilot.html").words
    pilot.team_repo.commit("2026-09-11")
    assert render(pilot.charters, "--as-of", AS_OF, "--format", "md").exit_code == 0
    assert "2 commits in the time box" in (site(pilot.charters) / "reorder-pilot.md").read_text()


def test_commits_count_as_deliveries_for_the_release_cadence_as_in_check(tmp_path):
    pilot = healthy(tmp_path)
    assert render(pilot.charters, "--as-of", AS_OF).exit_code == 0
    words = parse(site(pilot.charters) / "reorder-pilot.html").words
    assert (
        "release 7d 2026-10-14 (1 day ago): commit" in words
        and "in reorder-service: Work of 2026-10-14 On track" in words
    )
