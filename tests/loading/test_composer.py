"""Loading keeps every value's position, keeps dates as strings, and refuses what a reviewer can't trust."""

from __future__ import annotations

from pathlib import Path

import pytest

from vendorgate.loading import load_file
from vendorgate.loading.composer import Composer, Limits


def load(tmp_path: Path, name: str, text: str) -> object:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_file(path, root=tmp_path, first_id=0)


def test_unquoted_and_quoted_dates_stay_strings(tmp_path: Path) -> None:
    result = load(tmp_path, "a.yaml", "a: 2026-03-31\nb: '2026-03-31'\nc: 2026-03-31T10:00:00Z\n")
    body = result.documents[0].body  # type: ignore[attr-defined]
    assert body == {"a": "2026-03-31", "b": "2026-03-31", "c": "2026-03-31T10:00:00Z"}


def test_every_pointer_maps_to_line_and_column(tmp_path: Path) -> None:
    text = "kind: X\nbreach_notification:\n  window_hours: 96\n  content: [nature, contact]\n"
    doc = load(tmp_path, "c.yaml", text).documents[0]  # type: ignore[attr-defined]
    assert doc.positions["/breach_notification/window_hours"] == (3, 3, 3, 19)
    contact = doc.locate("/breach_notification/content/1")[1]
    assert (contact.line, contact.column) == (4, 21)
    assert doc.locate("/kind")[1].line == 1


def test_absent_pointer_locates_at_nearest_present_parent(tmp_path: Path) -> None:
    doc = load(tmp_path, "c.yaml", "a: 1\nexit:\n  method: other\n").documents[0]  # type: ignore[attr-defined]
    pointer, position = doc.locate("/exit/deadline_days")
    assert pointer == "/exit"
    assert position.line == 2


def test_multi_document_file_gives_documents_with_their_own_lines(tmp_path: Path) -> None:
    text = "kind: A\nvendor: x\n---\nkind: B\nvendor: x\n"
    docs = load(tmp_path, "d.yaml", text).documents  # type: ignore[attr-defined]
    assert [d.body["kind"] for d in docs] == ["A", "B"]
    assert docs[1].locate("/vendor")[1].line == 5
    assert [d.index for d in docs] == [0, 1]


def test_json_values_and_positions(tmp_path: Path) -> None:
    text = '{\n  "kind": "ContractTerms",\n  "breach_notification": {\n    "window_hours": 96\n  }\n}\n'
    doc = load(tmp_path, "c.json", text).documents[0]  # type: ignore[attr-defined]
    assert doc.body["breach_notification"]["window_hours"] == 96
    assert doc.locate("/breach_notification/window_hours")[1].line == 4


def test_json_number_forms_follow_json(tmp_path: Path) -> None:
    doc = load(tmp_path, "n.json", '{"a": 1e3, "b": "2026-01-01", "c": null}').documents[0]  # type: ignore[attr-defined]
    assert doc.body == {"a": 1000.0, "b": "2026-01-01", "c": None}


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("a: 1\nb: 2\na: 3\n", 3, "appears twice"),
        ("a: 1\nb: !!python/object/apply:os.system ['true']\n", 2, "not allowed"),
        ("a: 1\n? [x]\n: 2\n", 2, "plain string"),
        ("a: 1\n1: x\n", 2, "not a string"),
        ("a: 1.0e+999\n", 1, "not a finite number"),
        ("a: 123456789012345678901234567890\n", 1, "too large"),
        ("- a\n- b\n", 1, "list, not a mapping"),
        ("a: [1, 2\n", 2, "invalid YAML"),
    ],
)
def test_untrustworthy_yaml_is_one_located_error(tmp_path: Path, text: str, line: int, fragment: str) -> None:
    result = load(tmp_path, "bad.yaml", text)
    assert result.documents == ()  # type: ignore[attr-defined]
    assert result.error is not None  # type: ignore[attr-defined]
    assert result.error.line == line  # type: ignore[attr-defined]
    assert fragment in result.error.message  # type: ignore[attr-defined]


def test_alias_expansion_is_bounded() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for level in range(1, 9):
        prev = chr(ord("a") + level - 1)
        name = chr(ord("a") + level)
        bomb += f"{name}: &{name} [{', '.join(['*' + prev] * 10)}]\n"
    with pytest.raises(Exception, match=r"expands to more than|more than 100 aliases"):
        Composer(limits=Limits()).documents(bomb)


def test_deep_nesting_is_refused_without_recursion() -> None:
    deep = "[" * 50_000 + "]" * 50_000
    with pytest.raises(Exception, match="nest"):
        Composer().documents(deep)


def test_small_aliases_are_fine(tmp_path: Path) -> None:
    doc = load(tmp_path, "a.yaml", "x: &r [eu, uk]\ny: *r\n").documents[0]  # type: ignore[attr-defined]
    assert doc.body == {"x": ["eu", "uk"], "y": ["eu", "uk"]}
