"""Named hostile inputs, each through the real CLI: a finding or exit 2, in bounded time."""

from __future__ import annotations

import time

import pytest

from tests.conftest import HEALTHY_CHARTER, findings, govkit

BOMB = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{n}: &{n} [{','.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True)
)

CASES = {
    "alias bomb": (BOMB.encode(), "yaml"),
    "nesting thousands deep": (("a: " + "[" * 5000 + "]" * 5000).encode(), "yaml"),
    "multi-megabyte scalar": (b"govkit: 1\npurpose: " + b"x" * 3_000_000 + b"\n", "schema"),
    "too large a file": (b"a: " + b"x" * 11_000_000, "file"),
    "binary": (bytes(range(256)) * 4, "file"),
    "utf-16 with a bom": (HEALTHY_CHARTER.encode("utf-16"), None),
    "utf-8 with a bom and crlf": (b"\xef\xbb\xbf" + HEALTHY_CHARTER.replace("\n", "\r\n").encode(), None),
    "tabs for indentation": (HEALTHY_CHARTER.replace("  name: One-click", "\tname: One-click").encode(), "yaml"),
    "python object tag": (b"govkit: !!python/object/apply:os.system [echo pwned]\n", "yaml"),
    "a charter that is a list": (b"- govkit: 1\n- team: x\n", "yaml"),
    "a charter that is null": (b"~\n", "yaml"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_charter(repo, name):
    raw, rule = CASES[name]
    repo.charter(raw)
    started = time.perf_counter()
    found = findings(repo)
    assert time.perf_counter() - started < 10
    if rule is None:
        assert [f for f in found if f["rule"] in ("yaml", "file", "schema")] == []
    else:
        assert rule in {f["rule"] for f in found}
        assert all(f["file"] == "teams/reorder-pilot/charter.yaml" for f in found)


@pytest.mark.parametrize("team", ["../../x", "A", "a/b", "..", "x y"])
def test_a_team_id_that_escapes_or_is_malformed_cannot_be_checked(repo, team):
    repo.charter()
    run = govkit("check", "--root", str(repo.root), team)
    assert run.exit_code == 2 and "no team" in run.stderr
