"""Any text in any field of a finding, through every output format: shown, never obeyed, always valid."""

from __future__ import annotations

import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from govkit.markdown import markdown_code, markdown_sentence, markdown_text
from govkit.model import Finding, Location, Result, Severity, TeamStatus
from govkit.report import FORMATS, reporter
from govkit.visible import folded, quoted
from tests.hostile.outputs import (
    assert_github_annotations,
    assert_no_active_characters,
    assert_no_workflow_command,
    assert_plain_markdown,
    junit_tree,
    sarif_document,
    shown_text,
    unescaped_pipes,
)

# Pieces of every hijack the formats must resist, mixed with any character at all.
PIECES = [
    *"\x00\x07\x08\x0b\x0c\x1b\x7f\x85\x9b\u061c\u200e\u202a\u202e\u2066\u2069\u2028\u2029\ufffe\uffff\ud800\udcff",
    *"\n\r\t `|[]()<>!*_#~$&\\-+=.:@",
    "::add-mask::",
    "::stop-commands::x",
    "::set-output name=a::",
    "##[error]",
    "##[set-env name=A]",
    "@org/team",
    "@someone",
    "#123",
    "GH-7",
    "o/r#9",
    "https://evil.example/x",
    "www.evil.example",
    "<https://evil.example>",
    "[x](https://evil.example)",
    "![i](https://evil.example/i.png)",
    "[r]: https://evil.example",
    "<img src=x onerror=alert(1)>",
    "<!--",
    "&lt;",
    "a@example.com",
    "mailto:a@b.c",
    "```",
    "1. ",
    "---",
    "| a | b |",
]
any_text = st.lists(st.one_of(st.characters(), st.sampled_from(PIECES)), max_size=12).map("".join)
maybe_text = st.one_of(st.none(), any_text)


@st.composite
def findings(draw: st.DrawFn) -> Finding:
    location = draw(
        st.one_of(
            st.none(),
            st.builds(
                Location,
                any_text,
                st.one_of(st.none(), st.integers(1, 10**6)),
                st.one_of(st.none(), st.integers(1, 10**4)),
            ),
        )
    )
    return Finding(
        rule=draw(any_text),
        severity=draw(st.sampled_from(Severity)),
        message=draw(any_text),
        location=location,
        team=draw(maybe_text),
        commit=draw(maybe_text),
        waived=draw(st.booleans()),
        day=draw(maybe_text),
        until=draw(maybe_text),
    )


@st.composite
def results(draw: st.DrawFn) -> Result:
    found = draw(st.lists(findings(), min_size=1, max_size=4))
    teams = sorted({f.team for f in found if f.team})
    return Result(
        command=draw(st.sampled_from(["lint", "check", "policy test"])),
        as_of=draw(maybe_text),
        findings=found,
        teams=[TeamStatus(team, draw(st.sampled_from(["red", "amber", "green"]))) for team in teams],
        rule_help=draw(st.dictionaries(any_text, any_text, max_size=2)),
        category=draw(maybe_text),
    )


def written(result: Result, name: str, fail_on: Severity | None) -> str:
    out = io.StringIO()
    reporter(name)(result, out, fail_on)
    return out.getvalue()


@settings(max_examples=300, deadline=None)
@given(results(), st.sampled_from([Severity.ERROR, Severity.WARNING, Severity.INFO, None]))
def test_any_text_in_any_field_is_shown_and_never_obeyed_in_every_format(result, fail_on):
    outputs = {name: written(result, name, fail_on) for name in FORMATS}

    text = outputs["text"]
    assert_no_active_characters(text)
    assert_no_workflow_command(text)
    for finding in result.findings:
        assert quoted(finding.message) in text  # shown, escaped, never dropped

    assert_github_annotations(outputs["github"])

    cases = junit_tree(outputs["junit"]).iter("testcase")
    failing = sum(1 for case in cases if case.find("failure") is not None)
    counted_rules = {(f.team or "repository", f.rule) for f in result.findings if f.counts_at(fail_on)}
    assert failing == len(counted_rules)

    sarif = sarif_document(outputs["sarif"])
    assert len(sarif["runs"][0]["results"]) == len(result.findings)

    json.loads(outputs["json"])

    markdown = outputs["markdown"]
    assert_plain_markdown(markdown)
    rows = [line for line in markdown.split("\n") if line.startswith("| ")]
    team_rows = len(result.teams) + 1 if result.teams else 0
    assert len(rows) == team_rows + len(result.findings) + 1  # headers and one row each
    assert all(unescaped_pipes(row) in (3, 5) for row in rows)


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_markdown_text_renders_back_to_exactly_the_text_on_one_line(text):
    line = markdown_text(text)
    assert "\n" not in line
    assert_plain_markdown(line)
    assert shown_text(line) == folded(text)
    assert_plain_markdown(f"| {line} |\n|---|\n| {line} |")
    assert unescaped_pipes(line) == 0


@settings(max_examples=300, deadline=None)
@given(any_text, any_text)
def test_a_sentence_quoting_any_text_in_code_spans_stays_plain_and_whole(before, value):
    line = markdown_sentence(f"{before} `{value}` and `{value}`.")
    assert "\n" not in line and unescaped_pipes(line) == 0
    assert_plain_markdown(line)
    assert_plain_markdown(f"- {markdown_sentence(f'{before} `{value}`.', in_table=False)}")
    code = markdown_code(value)
    assert_plain_markdown(f"Team {code} here")
    assert shown_text(f"Team {code} here") == f"Team {folded(value)} here"
