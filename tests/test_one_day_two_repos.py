"""Commits of one day in two repos, one right after the other as history streams: each is judged by its own repo's
guards, the charter version of its day, and counted on its day."""

from __future__ import annotations

from tests.conftest import govkit
from tests.gitrepo import GitRepo
from tests.pilot import AS_OF, healthy

SECOND_REPO = """  - name: reorder-ui
    path: ../reorder-ui
    guarded:
      - area: data
        owner: it-security@example.com
        paths: ["secrets/**"]
cadences:
"""


def test_the_second_repo_is_judged_by_its_own_guards_on_the_day_the_first_ended(tmp_path):
    pilot = healthy(tmp_path)
    pilot.charter_text = pilot.charter_text.replace("cadences:\n", SECOND_REPO, 1)
    pilot.write()
    oldest = pilot.team_repo.git("log", "--reverse", "--format=%as").splitlines()[0]
    ui = GitRepo(tmp_path / "reorder-ui")
    # Read right after the first repo's oldest commit, on its day: auth/ is guarded in the first repo only.
    sha = ui.commit(oldest, {"auth/b.py": "x", "secrets/key": "x"}, author="Ed Outside <ed@outside.example>")
    found = pilot.findings()
    [guarded] = [f for f in found if f["rule"] == "guarded-paths"]
    assert guarded["commit"] == sha and "secrets/key" in guarded["message"] and "auth/b.py" not in guarded["message"]
    [outsider] = [f for f in found if f["rule"] == "roster-authors"]
    assert "Commits in reorder-ui by" in outsider["message"] and f"(1 commit, on {oldest})" in outsider["message"]
    review = govkit("review", "reorder-pilot", "--root", str(pilot.charters.root), "--as-of", AS_OF, "--format", "json")
    first_repo = len(pilot.team_repo.git("log", "--format=%H").splitlines())
    assert (review.json()["commits"], review.json()["guarded_changes"]) == (first_repo + 1, 2)
