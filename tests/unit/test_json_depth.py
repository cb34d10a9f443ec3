"""The JSON reader's nesting limit: a value at depth ``MAX_DEPTH`` is read, one level deeper
is refused (the root is at depth 1), whether the deepest value is a container or a scalar."""

from __future__ import annotations

import json

import pytest

from pokin.core.errors import CascadeValidationError
from pokin.seed.formats import _json_depth_ok, read_bytes
from pokin.seed.schema import MAX_DEPTH


def nested(depth: int, leaf: object, kind: str = "list") -> object:
    """A value whose deepest part (``leaf``) lies at ``depth``."""
    value = leaf
    for _ in range(depth - 1):
        value = [value] if kind == "list" else {"k": value}
    return value


@pytest.mark.parametrize("kind", ["list", "dict"])
@pytest.mark.parametrize("leaf", [1, "x", [], {}])
def test_the_limit_is_exact(kind, leaf):
    assert _json_depth_ok(nested(MAX_DEPTH, leaf, kind))
    assert not _json_depth_ok(nested(MAX_DEPTH + 1, leaf, kind))


def test_one_deep_branch_among_shallow_ones_is_found():
    value = {"a": [1, 2, {"b": "c"}], "deep": nested(MAX_DEPTH, 0), "z": None}
    assert not _json_depth_ok(value)  # the branch starts at depth 2
    value["deep"] = nested(MAX_DEPTH - 1, 0)
    assert _json_depth_ok(value)


def test_a_deep_json_file_is_refused_with_its_name():
    data = json.dumps({"cascade": nested(MAX_DEPTH + 5, 0)}).encode()
    with pytest.raises(CascadeValidationError) as caught:
        read_bytes(data, "deep.json")
    assert "deep.json" in str(caught.value) and str(MAX_DEPTH) in str(caught.value)
