"""`govkit render` as a site: which pages it writes, where, and how it keeps the old site safe."""

from __future__ import annotations

import os
import time

from tests.conftest import HEALTHY_CHARTER, govkit
from tests.render.pages import local_targets, parse, render, site


def two_teams(repo):
    repo.charter()
    repo.activity()
    repo.charter(HEALTHY_CHARTER.replace("team: reorder-pilot", "team: claims-pilot"), team="claims-pilot")


def test_every_team_gets_a_page_and_the_portfolio_an_index(repo):
    two_teams(repo)
    run = render(repo, "--as-of", "2026-10-25")
    assert run.exit_code == 0, run.stderr
    assert "the portfolio and 2 team pages" in run.stdout
    names = {p.name for p in site(repo).iterdir() if not p.name.startswith(".")}
    assert names == {"index.html", "reorder-pilot.html", "claims-pilot.html"}


def test_the_pages_parse_and_every_link_points_to_a_page_that_exists(repo):
    two_teams(repo)
    assert render(repo).exit_code == 0
    pages = sorted(site(repo).glob("*.html"))
    linked = set()
    for path in pages:
        page = parse(path)
        assert "script" not in page.tags
        for target in local_targets(page, site(repo)):
            assert target.is_file(), f"{path.name} links to missing {target.name}"
            linked.add(target.name)
    assert {"reorder-pilot.html", "claims-pilot.html", "index.html"} <= linked


def test_the_pages_need_nothing_from_elsewhere(repo):
    two_teams(repo)
    render(repo)
    for path in site(repo).glob("*.html"):
        page = parse(path)
        assert not {"script", "link", "img", "iframe"} & set(page.tags)
        assert all("://" not in link for link in page.links)
        assert "@media print" in path.read_text()
        style = path.read_text()
        # A long unbroken name wraps rather than widening the page, but no column wraps inside a word.
        assert "overflow-wrap: break-word" in style and "word-break: normal" in style
        assert "anywhere" not in style and "break-all" not in style


def test_by_default_the_site_goes_to_site_in_the_charter_repo(repo):
    repo.charter()
    run = govkit("render", "--root", str(repo.root))
    assert run.exit_code == 0, run.stderr
    assert (repo.root / "site" / "index.html").is_file()
    assert (repo.root / "site" / "reorder-pilot.html").is_file()


def test_markdown_gives_the_same_pages_as_markdown_with_working_links(repo):
    two_teams(repo)
    run = render(repo, "--format", "md", "--as-of", "2026-10-25")
    assert run.exit_code == 0, run.stderr
    names = {p.name for p in site(repo).iterdir() if not p.name.startswith(".")}
    assert names == {"index.md", "reorder-pilot.md", "claims-pilot.md"}
    index = (site(repo) / "index.md").read_text()
    assert "[One-click Reorder Pilot](reorder-pilot.md)" in index
    assert "| 50% (in progress)" in index
    team = (site(repo) / "reorder-pilot.md").read_text()
    assert "[Portfolio](index.md)" in team
    for heading in ("Purpose and capability", "Time box", "Cadences", "Metrics", "Guardrails", "Findings"):
        assert f"## {heading}" in team


def test_named_teams_are_the_only_ones_rendered(repo):
    two_teams(repo)
    assert render(repo, "claims-pilot").exit_code == 0
    names = {p.name for p in site(repo).iterdir() if not p.name.startswith(".")}
    assert names == {"index.html", "claims-pilot.html"}


def test_an_unknown_team_cannot_be_rendered(repo):
    repo.charter()
    run = render(repo, "nobody")
    assert run.exit_code == 2
    assert "There is no team `nobody`" in run.stderr and "reorder-pilot" in run.stderr


def test_a_team_called_index_does_not_replace_the_portfolio(repo):
    repo.charter(HEALTHY_CHARTER.replace("team: reorder-pilot", "team: index"), team="index")
    assert render(repo).exit_code == 0
    portfolio = parse(site(repo) / "index.html")
    assert "Pilot team portfolio" in portfolio.words
    assert "index.team.html" in portfolio.links
    assert (site(repo) / "index.team.html").is_file()


def test_an_out_that_is_a_file_is_refused(repo):
    repo.charter()
    out = repo.root.parent / "report.html"
    out.write_text("keep me")
    run = render(repo, out=out)
    assert run.exit_code == 2
    assert "is a file" in run.stderr and len(run.stderr.strip().splitlines()) == 1
    assert out.read_text() == "keep me"


def test_an_out_folder_holding_other_files_is_never_replaced(repo):
    repo.charter()
    out = repo.root.parent / "documents"
    out.mkdir()
    (out / "plan.txt").write_text("mine")
    run = render(repo, out=out)
    assert run.exit_code == 2
    assert "did not write" in run.stderr
    assert [p.name for p in out.iterdir()] == ["plan.txt"]


def test_rendering_again_replaces_the_whole_previous_site_and_leaves_nothing_beside_it(repo):
    two_teams(repo)
    assert render(repo).exit_code == 0
    (repo.root / "teams" / "claims-pilot" / "charter.yaml").unlink()
    assert render(repo).exit_code == 0
    names = {p.name for p in site(repo).iterdir() if not p.name.startswith(".")}
    assert names == {"index.html", "reorder-pilot.html"}
    assert sorted(p.name for p in site(repo).parent.iterdir()) == ["charters", "site"]


def test_folders_left_by_a_killed_render_are_cleared_once_they_are_old(repo):
    repo.charter()
    parent = site(repo).parent
    hour_ago = time.time() - 3700
    for name in (".site.k1ll3d00.new", ".site.k1ll3d00.old", ".site.fresh000.new", ".sitemap.x.new"):
        (parent / name).mkdir()
        (parent / name / "index.html").write_text("<html>")
        if "fresh" not in name:
            os.utime(parent / name, (hour_ago, hour_ago))
    assert render(repo).exit_code == 0
    # Cleared: the old leftovers of this site. Kept: one a render running now may own, and another site's.
    assert sorted(p.name for p in parent.iterdir()) == [".site.fresh000.new", ".sitemap.x.new", "charters", "site"]


def test_repo_templates_override_the_built_in_ones(repo):
    repo.charter()
    repo.write("templates/portfolio.html.j2", "<p>Our portfolio: {{ portfolio.teams | length }} team</p>\n")
    assert render(repo).exit_code == 0
    assert (site(repo) / "index.html").read_text() == "<p>Our portfolio: 1 team</p>\n"
    assert "Purpose and capability" in (site(repo) / "reorder-pilot.html").read_text()


def test_a_repo_base_template_frames_the_built_in_pages(repo):
    repo.charter()
    repo.write(
        "templates/base.html.j2",
        "<!DOCTYPE html><html><body><p>ACME governance</p>{% block content %}{% endblock %}</body></html>\n",
    )
    assert render(repo).exit_code == 0
    team = parse(site(repo) / "reorder-pilot.html")
    assert "ACME governance" in team.words and "Purpose and capability" in team.words


def test_an_unknown_name_in_a_template_fails_and_keeps_the_previous_site(repo):
    repo.charter()
    repo.activity()
    assert render(repo).exit_code == 0
    before = {p.name: p.read_text() for p in site(repo).iterdir()}
    repo.write("templates/team.html.j2", "<h1>{{ team.name }}</h1>\n<p>{{ team.nickname }}</p>\n")
    run = render(repo)
    assert run.exit_code == 2
    assert "templates/team.html.j2:2" in run.stderr and "nickname" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1 and "Traceback" not in run.stderr
    assert {p.name: p.read_text() for p in site(repo).iterdir()} == before
    assert sorted(p.name for p in site(repo).parent.iterdir()) == ["charters", "site"]


def test_a_template_syntax_error_names_the_file_and_line(repo):
    repo.charter()
    repo.write("templates/portfolio.md.j2", "# Portfolio\n{% for team in portfolio.teams %}\n")
    run = render(repo, "--format", "md")
    assert run.exit_code == 2
    assert "templates/portfolio.md.j2:" in run.stderr and "syntax error" in run.stderr
    assert not site(repo).exists()


def test_a_template_cannot_reach_into_python(repo):
    repo.charter()
    repo.write("templates/portfolio.html.j2", "{{ portfolio.__class__.__init__.__globals__ }}\n")
    run = render(repo)
    assert run.exit_code == 2
    assert "templates/portfolio.html.j2:1" in run.stderr


def test_a_bad_as_of_date_is_a_usage_error(repo):
    repo.charter()
    run = render(repo, "--as-of", "2026-13-40")
    assert run.exit_code == 2 and "--as-of" in run.stderr


def test_an_empty_repo_renders_an_empty_portfolio(repo):
    run = render(repo)
    assert run.exit_code == 0, run.stderr
    assert "There are no teams to show" in parse(site(repo) / "index.html").words
