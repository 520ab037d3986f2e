"""Organisations' own rules: `require` (a JSON Schema fragment), `activity-count`, and plugins."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import HEALTHY_CHARTER, findings, line_of
from tests.pilot import healthy

ROOT = Path(__file__).resolve().parents[1]
POLICY_HEAD = "govkit: 1\nname: firewalled-pilot\nversion: 1.1.0\nrules:\n"
DPO_RULE = """  - id: data-protection-contact
    check: require
    severity: error
    params:
      message: Every charter names a data protection contact.
      schema: {required: [x-data-protection-contact]}
"""
NO_SECURITY_EXEMPTION = """  - id: no-security-exemption
    check: require
    severity: error
    params:
      message: A pilot may not be exempted from the security review.
      schema:
        properties:
          exemptions:
            items:
              properties:
                process: {not: {const: Security review}}
"""


def test_require_passes_when_the_charter_has_the_organisations_own_field(repo):
    repo.write("policies/firewalled-pilot.yaml", POLICY_HEAD + DPO_RULE)
    repo.charter(HEALTHY_CHARTER + "x-data-protection-contact: dpo@example.com\n")
    assert findings(repo) == []


def test_require_fails_with_the_rules_own_message(repo):
    repo.write("policies/firewalled-pilot.yaml", POLICY_HEAD + DPO_RULE)
    repo.charter()
    [finding] = findings(repo)
    assert finding["rule"] == "data-protection-contact" and finding["line"] == 1
    assert finding["message"].startswith("Every charter names a data protection contact.")
    assert "x-data-protection-contact" in finding["message"]


def test_require_points_at_the_forbidden_value(repo):
    repo.write("policies/firewalled-pilot.yaml", POLICY_HEAD + NO_SECURITY_EXEMPTION)
    text = HEALTHY_CHARTER.replace("  - process: Change Advisory Board", "  - process: Security review")
    repo.charter(text)
    [finding] = findings(repo)
    assert finding["line"] == line_of(text, "process: Security review")


def test_a_require_rule_with_a_broken_schema_is_a_policy_finding(repo):
    broken = DPO_RULE.replace("schema: {required: [x-data-protection-contact]}", "schema: {type: 12}")
    repo.write("policies/firewalled-pilot.yaml", POLICY_HEAD + broken)
    repo.charter()
    [finding] = findings(repo)
    assert finding["file"] == "policies/firewalled-pilot.yaml" and "not a valid JSON Schema" in finding["message"]
    assert finding["line"] == line_of(broken, "schema:") + len(POLICY_HEAD.splitlines())


def test_an_unknown_key_without_x_prefix_is_still_refused(repo):
    repo.charter(HEALTHY_CHARTER + "data-protection-contact: dpo@example.com\n")
    [finding] = findings(repo, "schema")
    assert "start with `x-`" in finding["message"]


COUNT_RULE = """  - id: customer-sessions
    check: activity-count
    severity: warning
    params: {event: customer-feedback, at_least: 2, every: 4w}
"""


def test_activity_count_finds_a_thin_window(tmp_path):
    pilot = healthy(tmp_path)
    pilot.charters.write("policies/firewalled-pilot.yaml", POLICY_HEAD + COUNT_RULE)
    assert pilot.findings("customer-sessions") == []  # as of 2026-10-15 only one whole window, with two
    [finding] = pilot.findings("customer-sessions", as_of="2026-10-26")
    assert finding["message"].startswith("1 customer-feedback event(s) between 2026-09-29 and 2026-10-26")
    assert finding["line"] == line_of(pilot.activity_text(), "date: 2026-09-24")
    assert pilot.findings("customer-sessions", as_of="2026-10-25") == []


PLUGIN_RULE = """  - id: few-exemptions
    check: max-exemptions
    severity: warning
    params: {max: 0}
"""


@pytest.fixture(scope="module")
def plugin_site(tmp_path_factory) -> Path:
    """The example plugin built into a wheel and unpacked, as pip would install it."""
    work = tmp_path_factory.mktemp("plugin")
    source = work / "src"
    shutil.copytree(ROOT / "examples" / "govkit-plugin-example", source)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(work), str(source)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    [wheel] = work.glob("*.whl")
    site = work / "site"
    zipfile.ZipFile(wheel).extractall(site)
    return site


def lint_with(
    site_dir: Path | None, repo_root: Path, cwd: Path, module: bool = False
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ}
    if site_dir is not None:
        env["PYTHONPATH"] = str(site_dir)
    command = [sys.executable, "-m", "govkit"] if module else [str(Path(sys.executable).with_name("govkit"))]
    return subprocess.run(
        [*command, "lint", "--root", str(repo_root)], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )


def test_an_installed_plugin_adds_a_check_type(repo, plugin_site):
    repo.write("policies/firewalled-pilot.yaml", POLICY_HEAD + PLUGIN_RULE)
    repo.charter()
    done = lint_with(plugin_site, repo.root, repo.root)
    assert done.returncode == 0, done.stderr
    assert "warning few-exemptions The charter lists 1 exemptions" in done.stdout


def test_without_the_plugin_the_check_type_is_unknown(repo):
    repo.write("policies/firewalled-pilot.yaml", POLICY_HEAD + PLUGIN_RULE)
    repo.charter()
    done = lint_with(None, repo.root, repo.root)
    assert done.returncode == 1 and "Unknown check type `max-exemptions`" in done.stdout


def test_a_plugin_lying_in_the_current_folder_is_never_loaded(repo, plugin_site):
    repo.write("policies/firewalled-pilot.yaml", POLICY_HEAD + PLUGIN_RULE)
    repo.charter()
    for item in plugin_site.iterdir():
        shutil.copytree(item, repo.root / item.name)
    done = lint_with(None, repo.root, repo.root, module=True)
    assert "Unknown check type `max-exemptions`" in done.stdout


def test_require_says_what_is_wrong_in_plain_words_not_the_schema_library_s(repo):
    repo.write("policies/firewalled-pilot.yaml", POLICY_HEAD + NO_SECURITY_EXEMPTION)
    repo.charter(HEALTHY_CHARTER.replace("  - process: Change Advisory Board", "  - process: Security review"))
    [finding] = findings(repo)
    assert finding["message"] == (
        "A pilot may not be exempted from the security review. "
        "`process` of the 1st exemption is `Security review`, which is not allowed here."
    )


def test_require_gives_a_propertys_own_message_when_the_rule_has_one(repo):
    rule = DPO_RULE.replace(
        "      schema: {required: [x-data-protection-contact]}\n",
        "      schema: {required: [x-data-protection-contact, x-security-reviewer]}\n"
        "      messages:\n"
        "        x-security-reviewer: Name who reviews security for this pilot, as `x-security-reviewer`.\n",
    )
    repo.write("policies/firewalled-pilot.yaml", POLICY_HEAD + rule)
    repo.charter(HEALTHY_CHARTER + "x-data-protection-contact: dpo@example.com\n")
    [finding] = findings(repo)
    assert finding["message"] == (
        "Name who reviews security for this pilot, as `x-security-reviewer`. "
        "Missing required key `x-security-reviewer` at the top level."
    )
    repo.charter(HEALTHY_CHARTER)
    messages = sorted(f["message"] for f in findings(repo))
    assert messages[0].startswith("Every charter names a data protection contact. Missing required key")
    assert messages[1].startswith("Name who reviews security")


def test_x_keys_are_allowed_anywhere_in_a_charter_and_a_rule_may_require_them(repo):
    rule = """  - id: member-cost-centre
    check: require
    severity: warning
    params:
      message: Every member names their cost centre.
      schema:
        properties:
          members: {items: {required: [x-cost-centre]}}
"""
    repo.write("policies/firewalled-pilot.yaml", POLICY_HEAD + rule)
    text = HEALTHY_CHARTER.replace("    role: Product lead\n", "    role: Product lead\n    x-cost-centre: CC-100\n")
    text = text.replace("    role: Tech lead\n", "    role: Tech lead\n    x-cost-centre: CC-200\n")
    text = text.replace("  criticality: important\n", "  criticality: important\n  x-portfolio: retail\n")
    repo.charter(text)
    [finding] = findings(repo)
    assert finding["rule"] == "member-cost-centre" and finding["line"] == line_of(text, "- name: Tom Becker")
    assert "Missing required key `x-cost-centre` in the 3rd member (Tom Becker)." in finding["message"]
