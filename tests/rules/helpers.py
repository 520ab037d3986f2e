"""A yamllint-style helper: lint one charter text, get one rule's findings as (line, message)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import HEALTHY_CHARTER, Repo, findings


def rule_findings(tmp_path: Path, rule: str, text: str = HEALTHY_CHARTER, policy: str | None = None) -> list[dict]:
    root = tmp_path / "repo"
    repo = Repo(root)
    repo.charter(text)
    if policy is not None:
        repo.write("policies/firewalled-pilot.yaml", policy)
    return findings(repo, rule)


def edit(old: str, new: str, text: str = HEALTHY_CHARTER) -> str:
    assert old in text, f"{old!r} not in the charter"
    return text.replace(old, new, 1)
