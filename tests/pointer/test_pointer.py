"""JSON pointers: one escaping for the loader's positions and the schema findings, and back."""

from __future__ import annotations

from pathlib import Path

import pytest

from vendorgate.loading import load_file
from vendorgate.pointer import escape, field_name, path_of, pointer_of
from vendorgate.validation import SchemaValidator


@pytest.mark.parametrize(
    ("token", "escaped"),
    [("a", "a"), ("a/b", "a~1b"), ("a~b", "a~0b"), ("~1", "~01"), ("/~", "~1~0"), ("", "")],
)
def test_escape_replaces_tilde_before_slash(token: str, escaped: str) -> None:
    assert escape(token) == escaped


@pytest.mark.parametrize(
    "path",
    [[], ["a"], ["a", 0, "b"], ["a/b", "~1", 12], [""], ["01", "-1", "²"]],
)
def test_a_path_survives_the_round_trip(path: list[str | int]) -> None:
    assert path_of(pointer_of(path)) == path


def test_only_an_rfc_6901_index_is_read_as_one() -> None:
    assert path_of("/list/0/10/007/x") == ["list", 0, 10, "007", "x"]


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ([], "the document"),
        (["a"], "a"),
        (["a", 0, "b"], "a[0].b"),
        ([0, "b"], "[0].b"),
        ([".hidden", "x.[y"], ".hidden.x.[y"),
    ],
)
def test_field_name_reads_like_code(path: list[str | int], name: str) -> None:
    assert field_name(path) == name


def test_loader_and_schema_agree_on_an_escaped_key(tmp_path: Path) -> None:
    """The schema names the pointer the loader stored for a key holding `/` and `~`, so it is located."""
    text = "apiVersion: vendorgate/v1\nkind: Engagement\nvendor: acme\nname: x\n'a/b~c': 1\n"
    path = tmp_path / "engagement.yaml"
    path.write_text(text, encoding="utf-8")
    (doc,) = load_file(path, root=tmp_path, first_id=0).documents
    assert "/a~1b~0c" in doc.positions
    (finding,) = [f for f in SchemaValidator().violations(doc) if "a/b~c" in f.message]
    assert (finding.pointer, finding.position.line) == ("/a~1b~0c", 5)
