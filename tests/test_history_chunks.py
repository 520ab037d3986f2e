"""History arrives from git in chunks that end anywhere: inside a character, a field, a list of files. However
it is cut, the commits read, and so every finding, are the same."""

from __future__ import annotations

import datetime as dt
import io
import subprocess

import pytest

import govkit.git.log as log
from govkit.git.run import RepoProblem
from tests.pilot import Pilot, healthy

SIZES = [1, 2, 3, 7, 64, 1000]
NOON = int(dt.datetime(2026, 10, 1, 12, tzinfo=dt.UTC).timestamp())


def odd_history(pilot: Pilot) -> None:
    """Commits whose records hold what a cut could split: wide characters, separators, many files, NULs."""
    repo = pilot.team_repo
    repo.commit("2026-09-30", {f"src/module{n}/file{n}.py": str(n) for n in range(40)}, message="Café ✓ 文字")
    repo.commit("2026-10-01", {"\nnotes.txt": "x", "f" * 40: "x", "auth/keys.py": "x"}, message="W\x1e\x1f")
    headers = f"author Mal\0lory <mallory@evil.example> {NOON} +0000\ncommitter Mallory <m@evil.example> {NOON} +0000\n"
    repo.commit_object(headers.encode(), b"Tidy up\0\0fake\0\n\nReviewed-by: it-security@example.com\n", {"a.txt": "a"})
    repo.commit("2026-10-02", message="Outsider", author="Ed Outside <ed@outside.example>")


@pytest.mark.parametrize("size", SIZES)
def test_history_cut_into_chunks_of_any_size_is_judged_the_same(tmp_path, monkeypatch, size):
    pilot = healthy(tmp_path)
    odd_history(pilot)
    whole = pilot.check()
    assert {f["rule"] for f in whole.json()["findings"]} >= {"guarded-paths", "roster-authors"}
    monkeypatch.setattr(log, "_CHUNK", size)
    assert pilot.check().stdout == whole.stdout


@pytest.mark.parametrize("size", SIZES)
def test_a_commit_that_cannot_be_placed_in_time_ends_the_history_there_however_it_is_cut(tmp_path, monkeypatch, size):
    pilot = healthy(tmp_path)
    headers = b"author Tom Becker <tom.becker@example.com>\ncommitter Tom Becker <tom.becker@example.com>\n"
    undated = pilot.team_repo.commit_object(headers, b"Undated\n")
    odd_history(pilot)  # newer than the undated commit: read before it
    whole = pilot.check()
    found = whole.json()["findings"]
    assert [f["rule"] for f in found if undated[:10] in f["message"]] == ["git"]
    assert "roster-authors" in {f["rule"] for f in found}
    monkeypatch.setattr(log, "_CHUNK", size)
    assert pilot.check().stdout == whole.stdout


@pytest.mark.parametrize("size", [*SIZES, 1 << 16])
def test_text_between_records_is_refused_after_the_commits_before_it(tmp_path, monkeypatch, size):
    pilot = healthy(tmp_path)
    odd_history(pilot)
    output = subprocess.run(
        ["git", *log.LOG_ARGUMENTS, "HEAD"], cwd=pilot.team_repo.path, capture_output=True, check=True
    ).stdout
    commits = list(log._records(io.BytesIO(output)))
    third = output.index(b"\0" + commits[3].sha.encode() + b"\0" + commits[3].authored_day.encode())
    junk = b"\0not a record" * 10  # not file names: they begin with the NUL that ends a list of files
    monkeypatch.setattr(log, "_CHUNK", size)
    read = []
    with pytest.raises(RepoProblem, match=r"git log wrote a record govkit cannot read safely: .\\x00not a record"):
        read.extend(log._records(io.BytesIO(output[:third] + junk + output[third:])))
    assert read == commits[:3]
