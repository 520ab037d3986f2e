"""Any bytes in a governance file give findings: never a traceback, an internal error or a hang."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govkit.load import Document, load_bytes
from govkit.model import Finding
from tests.conftest import HEALTHY_ACTIVITY, HEALTHY_CHARTER, govkit

FAST = settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Text that looks like YAML: indentation, keys, flow collections, anchors, tags, quotes.
TOKENS = list("abc:-[]{}&*!?|>'\"#%@`,\n\t ~0123456789.") + ["!!python/object:os.system ", "<<: ", "---\n", "\n  - "]
yamlish = st.lists(st.sampled_from(TOKENS), max_size=200).map("".join)


@FAST
@given(st.binary(max_size=2000))
def test_the_loader_turns_any_bytes_into_a_document_or_a_located_finding(raw):
    result = load_bytes(raw, Path("x.yaml"), "x.yaml")
    assert isinstance(result, Document | Finding)
    if isinstance(result, Finding):
        assert result.location is not None and result.message


@FAST
@given(yamlish)
def test_the_loader_survives_yaml_shaped_noise(text):
    result = load_bytes(text.encode(), Path("x.yaml"), "x.yaml")
    if isinstance(result, Document):
        assert isinstance(result.data, dict)
    else:
        assert result.rule in ("yaml", "file")


def mutate(text: str, data: st.DataObject) -> bytes:
    """Cut, duplicate or replace a random slice of a valid file."""
    raw = text.encode()
    start = data.draw(st.integers(0, len(raw)))
    end = data.draw(st.integers(start, min(len(raw), start + 40)))
    filler = data.draw(
        st.one_of(st.binary(max_size=20), st.sampled_from([b"", b":", b"- ", b"\t", b"  ", b"{", b"&a", b"*a"]))
    )
    return raw[:start] + filler + raw[end:]


def run_all_commands(root: Path) -> None:
    for args in (["lint"], ["check", "--as-of", "2026-10-15"]):
        for fmt in ("json", "sarif"):
            run = govkit(*args, "--root", str(root), "--format", fmt)
            # Whatever the files hold, it is a finding: govkit itself always runs.
            assert run.exit_code in (0, 1), run.stderr
            assert "Traceback" not in run.stderr and "internal error" not in run.stderr
            json.loads(run.stdout)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_lint_and_check_survive_a_mangled_charter_and_activity_log(tmp_path_factory, data):
    root = tmp_path_factory.mktemp("repo")
    team = root / "teams" / "reorder-pilot"
    team.mkdir(parents=True)
    (team / "charter.yaml").write_bytes(mutate(HEALTHY_CHARTER, data))
    (team / "activity.yaml").write_bytes(mutate(HEALTHY_ACTIVITY, data))
    run_all_commands(root)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_lint_survives_a_mangled_policy(tmp_path_factory, data):
    root = tmp_path_factory.mktemp("repo")
    team = root / "teams" / "reorder-pilot"
    team.mkdir(parents=True)
    (team / "charter.yaml").write_text(HEALTHY_CHARTER)
    policy = (Path(__file__).resolve().parents[2] / "policies" / "firewalled-pilot.yaml").read_text()
    (root / "policies").mkdir()
    (root / "policies" / "firewalled-pilot.yaml").write_bytes(mutate(policy, data))
    run_all_commands(root)
