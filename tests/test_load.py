"""The loader: located values, and bad input as findings, never exceptions."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from govkit.load import Document, load_bytes, load_file
from govkit.model import Finding


def load(text: str | bytes) -> Document | Finding:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return load_bytes(raw, Path("x.yaml"), "x.yaml")


def problem(text: str | bytes) -> Finding:
    result = load(text)
    assert isinstance(result, Finding), result
    return result


def test_every_value_and_key_keeps_its_line_and_column():
    doc = load("govkit: 1\nmembers:\n  - name: Ana\n    allocation: 80\n")
    assert isinstance(doc, Document)
    assert str(doc.where(("members", 0, "allocation"))) == "x.yaml:4:17"
    assert str(doc.where(("members", 0, "allocation"), key=True)) == "x.yaml:4:5"
    assert str(doc.where(("members",))) == "x.yaml:2:1"


def test_an_unknown_path_falls_back_to_the_nearest_known_place():
    doc = load("govkit: 1\nleads:\n  business: a@b.c\n")
    assert str(doc.where(("leads", "technology"))) == "x.yaml:2:1"


def test_quoted_and_unquoted_dates_mean_the_same():
    doc = load("a: 2026-09-01\nb: '2026-09-01'\n")
    assert doc.data == {"a": "2026-09-01", "b": "2026-09-01"}


def test_plain_scalars_keep_their_yaml_types():
    doc = load("i: 12\nf: 1.5\nb: true\nn: ~\ns: text\n")
    assert doc.data == {"i": 12, "f": 1.5, "b": True, "n": None, "s": "text"}


def test_exponent_numbers_are_numbers_as_in_yaml_1_2():
    doc = load("a: 1e6\nb: 2.5E-3\nc: -1e+2\nd: '1e6'\ne: 1e\n")
    assert doc.data == {"a": 1e6, "b": 2.5e-3, "c": -100.0, "d": "1e6", "e": "1e"}


@pytest.mark.parametrize("written", [".nan", ".inf", "-.Inf"])
def test_a_number_that_is_not_finite_is_refused_where_it_stands(written):
    found = problem(f"govkit: 1\ntarget: {written}\n")
    assert (found.rule, found.location.line, found.location.column) == ("yaml", 2, 9)
    assert "finite number" in found.message


def test_a_duplicate_key_is_refused_at_the_second_one():
    found = problem("govkit: 1\nteam: a\nname: x\nteam: b\n")
    assert (found.location.line, found.location.column) == (4, 1)
    assert "`team` appears twice" in found.message and "line 2" in found.message


def test_python_tags_are_never_constructed():
    found = problem("a: !!python/object/apply:os.system ['touch /tmp/pwned']\n")
    assert found.rule == "yaml" and "!!python/object/apply:os.system" in found.message
    assert not Path("/tmp/pwned").exists()


def test_an_alias_bomb_is_refused_quickly():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    started = time.perf_counter()
    found = problem("\n".join(lines) + "\n")
    assert time.perf_counter() - started < 2
    assert "Aliases" in found.message


def test_small_anchors_and_aliases_still_work():
    doc = load("base: &b {area: security}\ncopy: *b\n")
    assert doc.data["copy"] == {"area": "security"}


def test_nesting_thousands_deep_is_a_finding():
    # Whichever refuses first (govkit's own depth limit or the YAML parser's), the
    # user sees a located syntax finding, never a RecursionError.
    found = problem("a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert found.rule == "yaml"
    assert found.location is not None and found.location.line == 1


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x00\x01\x02binary", "binary"),
        (b"team: caf\xe9\n", "not valid UTF-8"),
        (b"- a\n- b\n", "holds a list"),
        (b"just text\n", "single text"),
        (b"a: [1, 2\n", "syntax error"),
        (b"a: 1\n---\nb: 2\n", "more than one YAML document"),
        (b"x: &x {a: 1}\ny: {<<: *x}\n", "Merge keys"),
        (b"? [1, 2]\n: v\n", "plain text"),
    ],
)
def test_bad_input_is_a_located_finding(raw, words):
    found = problem(raw)
    assert words in found.message
    assert found.location is not None and found.location.line >= 1


def test_non_utf8_byte_is_located():
    found = problem(b"govkit: 1\nteam: caf\xe9\n")
    assert (found.location.line, found.location.column) == (2, 10)


def test_utf8_bom_utf16_and_crlf_are_read():
    assert load(b"\xef\xbb\xbfa: 1\r\nb: 2\r\n").data == {"a": 1, "b": 2}
    assert load("a: 1\n".encode("utf-16")).data == {"a": 1}


def test_a_folder_or_missing_file_is_a_finding(tmp_path):
    assert isinstance(load_file(tmp_path, "dir"), Finding)
    assert isinstance(load_file(tmp_path / "nope.yaml", "nope.yaml"), Finding)
