"""The quick validity check answers exactly what jsonschema's validator answers."""

from __future__ import annotations

import copy
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govkit.load import Document, load_bytes
from govkit.validate import KINDS, _quick_validity, _validator
from govkit.validity import compile_validity
from tests.conftest import HEALTHY_ACTIVITY, HEALTHY_CHARTER

POLICY = (Path(__file__).parent.parent / "govkit" / "builtin" / "policies" / "firewalled-pilot.yaml").read_text()
SAMPLES = {"charter": HEALTHY_CHARTER, "activity": HEALTHY_ACTIVITY, "policy": POLICY}

# Values that sit on the edges jsonschema draws: bools against numbers, whole floats
# against integers, dates that match the pattern but not the calendar, empty text.
TRICKY = [
    True,
    False,
    0,
    1,
    1.0,
    2.5,
    -1,
    101,
    math.nan,
    None,
    "",
    "x",
    "1",
    "14d",
    "0d",
    "2026-09-01",
    "2026-02-30",
    "a@b.c",
    "not an email",
    "active",
    "mission-critical",
    "firewalled-pilot@1",
    [],
    ["x"],
    {},
    {"name": "x"},
]


def sample(kind: str) -> Any:
    loaded = load_bytes(SAMPLES[kind].encode(), Path(f"{kind}.yaml"), f"{kind}.yaml")
    assert isinstance(loaded, Document)
    return loaded.data


def places(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += places(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += places(value, (*path, index))
    return found


# Extra keys: unknown, an organisation's own `x-` field, and near misses of that pattern.
EXTRA_KEYS = ["extra", "x-extra", "x-", "X-extra"]


def changed(data: Any, path: tuple[Any, ...], action: str, value: Any, key: str = "extra") -> Any:
    """A copy of `data` with one place replaced, removed, or given an extra key."""
    data = copy.deepcopy(data)
    if not path:
        if action == "add" and isinstance(data, dict):
            data[key] = value
            return data
        return value if action == "replace" else data
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    if action == "replace":
        parent[path[-1]] = value
    elif action == "remove":
        del parent[path[-1]]
    elif isinstance(parent[path[-1]], dict):
        parent[path[-1]][key] = value
    return data


def test_every_govkit_schema_has_a_quick_check():
    for kind in KINDS:
        assert _quick_validity(kind) is not None, kind


def test_the_samples_pass_the_quick_check():
    for kind in KINDS:
        assert _quick_validity(kind)(sample(kind)), kind  # type: ignore[misc]


@pytest.mark.parametrize("kind", KINDS)
def test_each_single_change_gets_the_same_answer_as_jsonschema(kind):
    quick, full = _quick_validity(kind), _validator(kind)
    assert quick is not None
    original = sample(kind)
    for path in places(original):
        changes = [("remove", None, ""), *(("add", "x", key) for key in EXTRA_KEYS)]
        for action, value, key in [*changes, *(("replace", value, "") for value in TRICKY)]:
            document = changed(original, path, action, value, key)
            assert quick(document) == full.is_valid(document), (path, action, value, key)


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_several_changes_get_the_same_answer_as_jsonschema(kind, data):
    document = sample(kind)
    for _ in range(data.draw(st.integers(2, 4))):
        path = data.draw(st.sampled_from(places(document)))
        action = data.draw(st.sampled_from(["replace", "remove", "add"]))
        document = changed(
            document, path, action, data.draw(st.sampled_from(TRICKY)), data.draw(st.sampled_from(EXTRA_KEYS))
        )
    quick = _quick_validity(kind)
    assert quick is not None
    assert quick(document) == _validator(kind).is_valid(document)


def test_a_keyword_it_does_not_mirror_leaves_the_schema_to_jsonschema():
    checker = _validator("charter").format_checker
    assert compile_validity({"oneOf": [{"type": "string"}]}, checker) is None
    assert compile_validity({"$ref": "https://example.com/other.json"}, checker) is None
    assert compile_validity({"$defs": {"a": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}, checker) is None
    assert compile_validity({"$defs": {"a": {"$id": "a.json"}}, "$ref": "#/$defs/a"}, checker) is None
    assert compile_validity({"$schema": "http://json-schema.org/draft-04/schema#"}, checker) is None
