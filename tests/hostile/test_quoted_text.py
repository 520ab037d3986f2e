"""Named hijack attempts through the real CLI: text a user wrote is shown in every format, never obeyed."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import HEALTHY_ACTIVITY, HEALTHY_CHARTER, govkit
from tests.hostile.outputs import (
    assert_github_annotations,
    assert_no_active_characters,
    assert_no_workflow_command,
    assert_plain_markdown,
    junit_tree,
    markdown_tokens,
    sarif_document,
)
from tests.pilot import healthy

# One YAML double-quoted scalar holding a terminal escape, a bidi override, a line break into
# a workflow command, a legacy command, a mention, an issue link, links, an image, HTML, a
# table break-out, a code span, a line separator and a NUL.
HOSTILE_YAML = (
    r'"x\e[31m\u202e\r\n::add-mask::secret ##[set-env name=A]b @org/team #123 https://evil.example/x '
    r"<https://evil.example> [c](https://evil.example) ![i](https://evil.example/i.png) <img src=x> "
    r'| a | b | `code` \u2028 $x$ \0 www.evil.example"'
)
FORMATS = ("text", "github", "markdown", "junit", "sarif")


def assert_harmless(output: str, output_format: str) -> None:
    """`output` in `output_format` quotes hostile text: it is shown, and nothing obeys it."""
    if output_format == "text":
        assert_no_active_characters(output)
        assert_no_workflow_command(output)
        assert "\\x1b[31m\\u202e\\r\\n::add-mask::secret #\\x23[set-env" in output
    elif output_format == "github":
        assert_github_annotations(output)
    elif output_format == "markdown":
        assert_plain_markdown(output)
        assert "`@org/team`" in output and "`https://evil.example/x`" in output
    elif output_format == "junit":
        junit_tree(output)
        assert "\\x1b[31m\\u202e" in output
    else:
        results = sarif_document(output)["runs"][0]["results"]
        assert any("\\x1b\\[31m\\u202e" in result["message"]["text"] for result in results)


@pytest.mark.parametrize("output_format", FORMATS)
def test_a_charter_key_full_of_markup_and_commands_is_shown_as_text(repo, output_format):
    repo.charter(HEALTHY_CHARTER + f"{HOSTILE_YAML}: 1\n")
    run = govkit("lint", "--root", str(repo.root), "--format", output_format)
    assert run.exit_code == 1, run.stderr
    assert_harmless(run.stdout, output_format)


@pytest.mark.parametrize("output_format", FORMATS)
def test_an_event_naming_a_hostile_metric_is_shown_as_text(repo, output_format):
    repo.charter()
    repo.activity(
        HEALTHY_ACTIVITY + f"  - date: 2026-09-20\n    type: metric\n    metric: {HOSTILE_YAML}\n    value: 3\n"
    )
    run = govkit("lint", "--root", str(repo.root), "--format", output_format)
    assert run.exit_code == 1, run.stderr
    assert_harmless(run.stdout, output_format)


@pytest.mark.parametrize("output_format", FORMATS)
def test_a_commit_by_a_hostile_author_with_a_hostile_subject_and_file_is_shown_as_text(tmp_path, output_format):
    pilot = healthy(tmp_path)
    pilot.team_repo.commit(
        "2026-10-01",
        {"infra/@org-team [x](https:evil).tf": "x"},
        author="Eve \x1b[31m @org/team <eve@vendor.example>",
        message="fix ##[add-mask]secret \u202e @org/team #123 [c](https://evil.example) <img src=x> | a | b",
    )
    run = pilot.check("--format", output_format)
    assert run.exit_code == 1, run.stderr
    output = run.stdout
    if output_format == "text":
        assert_no_active_characters(output)
        assert_no_workflow_command(output)
        assert "Eve \\x1b[31m @org/team" in output and "fix #\\x23[add-mask]secret \\u202e" in output
    elif output_format == "github":
        assert_github_annotations(output)
    elif output_format == "markdown":
        assert_plain_markdown(output)
        assert "`@org/team`" in output and "`#123`" in output
    elif output_format == "junit":
        assert "Eve \\x1b[31m" in "".join(junit_tree(output).itertext())
    else:
        texts = [r["message"]["text"] for r in sarif_document(output)["runs"][0]["results"]]
        assert any("Eve \\x1b\\[31m" in text and "\\[c\\](https://evil.example)" in text for text in texts)


@pytest.mark.parametrize("output_format", FORMATS)
def test_a_team_folder_named_like_a_workflow_command_is_shown_as_text(repo, output_format):
    repo.charter()
    os.mkdir(repo.root / "teams" / "x\n::add-mask::secret ##[error]y @org [a](https:evil) \x1b[31m")
    os.mkdir(os.fsencode(repo.root / "teams") + b"/not-utf8-\xff")
    run = govkit("lint", "--root", str(repo.root), "--format", output_format)
    assert run.exit_code == 1, run.stderr
    output = run.stdout
    {
        "text": lambda: (assert_no_active_characters(output), assert_no_workflow_command(output)),
        "github": lambda: assert_github_annotations(output),
        "markdown": lambda: assert_plain_markdown(output),
        "junit": lambda: junit_tree(output),
        "sarif": lambda: sarif_document(output),
    }[output_format]()
    assert "not-utf8-" in output


def test_a_rendered_markdown_page_shows_hostile_charter_text_as_text(repo, tmp_path):
    hostile = HOSTILE_YAML
    repo.charter(
        HEALTHY_CHARTER.replace("name: One-click Reorder Pilot", f"name: {hostile}")
        .replace(
            "purpose: Let repeat buyers reorder in one click, and learn to deliver together.",
            'purpose: "- [x](https://evil.example) @org/team reorder in one click"',
        )
        .replace("  - 200 weekly reorderers by the end of the time box", f"  - {hostile}")
    )
    repo.activity(
        HEALTHY_ACTIVITY.replace("summary: Prototype shown to five buyers and the CAB chair", f"summary: {hostile}")
    )
    out = tmp_path / "site"
    run = govkit("render", "--root", str(repo.root), "--out", str(out), "--format", "md", "--as-of", "2026-10-15")
    assert run.exit_code == 0, run.stderr
    for page in ("index.md", "reorder-pilot.md"):
        text = (out / page).read_text()
        links = [t for t in markdown_tokens(text) if t.type == "link_open"]
        assert {t.attrs["href"] for t in links} <= {"index.md", "reorder-pilot.md"}
        assert_plain_markdown(text.replace("](index.md)", "").replace("](reorder-pilot.md)", ""))
    assert "`@org/team`" in (out / "reorder-pilot.md").read_text()


def test_a_rendered_html_page_shows_controls_and_bidi_overrides_escaped(repo, tmp_path):
    repo.charter(HEALTHY_CHARTER.replace("name: One-click Reorder Pilot", f"name: {HOSTILE_YAML}"))
    out = tmp_path / "site"
    run = govkit("render", "--root", str(repo.root), "--out", str(out), "--as-of", "2026-10-15")
    assert run.exit_code == 0, run.stderr
    page = (out / "reorder-pilot.html").read_text()
    assert_no_active_characters(page)
    assert "x\\x1b[31m\\u202e" in page and "&lt;img src=x&gt;" in page


@pytest.mark.parametrize("output_format", ["text", "markdown"])
def test_a_review_shows_hostile_exit_criteria_as_text(repo, output_format):
    repo.charter(HEALTHY_CHARTER.replace("  - 200 weekly reorderers by the end of the time box", f"  - {HOSTILE_YAML}"))
    repo.activity()
    run = govkit(
        "review", "reorder-pilot", "--root", str(repo.root), "--as-of", "2026-10-15", "--format", output_format
    )
    assert run.exit_code == 0, run.stderr
    if output_format == "text":
        assert_no_active_characters(run.stdout)
        assert_no_workflow_command(run.stdout)
    else:
        assert_plain_markdown(run.stdout)


@pytest.mark.parametrize("output_format", ["text", "markdown"])
def test_a_diff_shows_hostile_names_as_text(repo, output_format):
    repo.charter()
    other = HEALTHY_CHARTER.replace("team: reorder-pilot", "team: other").replace(
        "name: One-click Reorder Pilot", f"name: {HOSTILE_YAML}"
    )
    repo.charter(other, team="other")
    run = govkit("diff", "reorder-pilot", "other", "--root", str(repo.root), "--format", output_format)
    assert run.exit_code == 0, run.stderr
    if output_format == "text":
        assert_no_active_characters(run.stdout)
        assert_no_workflow_command(run.stdout)
        assert "\\x1b[31m" in run.stdout
    else:
        assert_plain_markdown(run.stdout)


@pytest.mark.parametrize("output_format", ["text", "markdown", "json"])
def test_a_policy_file_whose_name_is_not_utf8_is_named_in_every_diff_format(repo, output_format):
    policy = (Path(__file__).resolve().parents[2] / "policies" / "firewalled-pilot.yaml").read_bytes()
    (repo.root / "policies").mkdir()
    name = str(repo.root / os.fsdecode(b"policies/new-\xff.yaml"))
    Path(name).write_bytes(policy)
    run = govkit("policy", "diff", "firewalled-pilot@1", name, "--root", str(repo.root), "--format", output_format)
    assert run.exit_code == 0, run.stderr
    if output_format == "json":
        assert json.loads(run.stdout)["to"] == name
    else:
        assert_no_active_characters(run.stdout)
        assert "new-\\udcff.yaml" in run.stdout
