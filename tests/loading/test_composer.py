"""Loading keeps every value's position, keeps dates as strings, and refuses what a reviewer can't trust."""

from __future__ import annotations

from pathlib import Path

import pytest

from vendorgate.errors import LoadError
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


YAML11_FORMS = [
    (
        "030",
        30,
        "x is `030`, which YAML 1.1 reads as 24 and YAML 1.2 as 30; write 30, or quote it if it is text",
    ),
    (
        "-030",
        -30,
        "x is `-030`, which YAML 1.1 reads as -24 and YAML 1.2 as -30; write -30, or quote it if it is text",
    ),
    (
        "08",
        8,
        'x is `08`, which YAML 1.1 reads as the text "08" and YAML 1.2 as 8'
        "; write 8, or quote it if it is text",
    ),
    (
        "yes",
        "yes",
        'x is `yes`, which YAML 1.1 reads as true and YAML 1.2 as the text "yes"'
        "; write true, or quote it if it is text",
    ),
    (
        "No",
        "No",
        'x is `No`, which YAML 1.1 reads as false and YAML 1.2 as the text "No"'
        "; write false, or quote it if it is text",
    ),
    (
        "ON",
        "ON",
        'x is `ON`, which YAML 1.1 reads as true and YAML 1.2 as the text "ON"'
        "; write true, or quote it if it is text",
    ),
    (
        "off",
        "off",
        'x is `off`, which YAML 1.1 reads as false and YAML 1.2 as the text "off"'
        "; write false, or quote it if it is text",
    ),
    (
        "y",
        "y",
        'x is `y`, which YAML 1.1 reads as true and YAML 1.2 as the text "y"'
        "; write true, or quote it if it is text",
    ),
    (
        "N",
        "N",
        'x is `N`, which YAML 1.1 reads as false and YAML 1.2 as the text "N"'
        "; write false, or quote it if it is text",
    ),
    (
        "1:30",
        "1:30",
        'x is `1:30`, which YAML 1.1 reads as 90 and YAML 1.2 as the text "1:30"'
        "; write 90, or quote it if it is text",
    ),
    (
        "0b1010",
        "0b1010",
        'x is `0b1010`, which YAML 1.1 reads as 10 and YAML 1.2 as the text "0b1010"'
        "; write 10, or quote it if it is text",
    ),
    (
        "1_000",
        "1_000",
        'x is `1_000`, which YAML 1.1 reads as 1000 and YAML 1.2 as the text "1_000"'
        "; write 1000, or quote it if it is text",
    ),
    (
        "0o17",
        15,
        'x is `0o17`, which YAML 1.1 reads as the text "0o17" and YAML 1.2 as 15'
        "; write 15, or quote it if it is text",
    ),
]


@pytest.mark.parametrize(("text", "value", "message"), YAML11_FORMS)
def test_a_yaml_1_1_form_is_read_as_yaml_1_2_and_noted_at_its_value(
    text: str, value: object, message: str
) -> None:
    [doc] = Composer().documents(f"a: 1\nx: {text}\n")
    assert doc.body == {"a": 1, "x": value}
    assert doc.readings == (("/x", message),)


def test_a_noted_value_is_named_by_its_path_in_lists_and_mappings() -> None:
    [doc] = Composer().documents("breach_notification:\n  window_hours: 030\nlist:\n  - {on: yes}\n")
    assert [pointer for pointer, _ in doc.readings] == ["/breach_notification/window_hours", "/list/0/on"]
    assert doc.readings[0][1].startswith(
        "breach_notification.window_hours is `030`, which YAML 1.1 reads as 24"
    )
    assert doc.readings[1][1].startswith("list[0].on is `yes`")
    # A key is read as YAML 1.2 reads it: `on` is the text "on", not a boolean.
    assert doc.body["list"] == [{"on": "yes"}]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("30", 30),
        ("0", 0),
        ("-7", -7),
        ("0x1F", 31),
        ("1.5", 1.5),
        ("true", True),
        ("False", False),
        ("TRUE", True),
        ("~", None),
        ("null", None),
        ("2026-03-31", "2026-03-31"),
        ("'030'", "030"),
        ('"yes"', "yes"),
        ("Northwind", "Northwind"),
        ("no-such-thing", "no-such-thing"),
    ],
)
def test_values_both_versions_read_alike_are_not_noted(text: str, value: object) -> None:
    [doc] = Composer().documents(f"x: {text}\n")
    assert doc.body == {"x": value}
    assert doc.readings == ()


def test_a_bare_tag_is_noted_on_scalars_and_collections() -> None:
    [doc] = Composer().documents("a: ! 030\nb: ! {c: 1}\n")
    assert doc.body == {"a": "030", "b": {"c": 1}}
    assert [pointer for pointer, _ in doc.readings] == ["/a", "/b"]
    assert doc.readings[0][1] == (
        "a has the bare tag `!`, which YAML readers do not agree on (YAML 1.2 reads a scalar with it as"
        " text, some YAML 1.1 readers as if it had no tag); remove the `!`, and quote the value if it is text"
    )


def test_readings_belong_to_their_own_document() -> None:
    first, second = Composer().documents("a: yes\n---\nb: 1\n")
    assert [p for p, _ in first.readings] == ["/a"]
    assert second.readings == ()


def test_a_cached_reading_is_noted_again_in_every_file() -> None:
    for _ in range(3):
        [doc] = Composer().documents("x: 030\n")
        assert [p for p, _ in doc.readings] == ["/x"]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("!!bool maybe", "the value `maybe` is not a boolean, as its tag !!bool says; write true or false"),
        ("!!bool yes", "the value `yes` is not a boolean"),
        ('!!int ""', 'the value "" is not a whole number, as its tag !!int says'),
        ("!!int 1.5", "the value `1.5` is not a whole number"),
        ("!!float abc", "the value `abc` is not a number, as its tag !!float says"),
        ("!!null foo", "the value `foo` is not null, as its tag !!null says"),
    ],
)
def test_an_explicit_tag_with_a_value_it_does_not_fit_is_a_located_error(text: str, fragment: str) -> None:
    with pytest.raises(LoadError) as caught:
        Composer().documents(f"a: 1\nx: {text}\n")
    assert caught.value.message == fragment or caught.value.message.startswith(fragment)
    assert (caught.value.line, caught.value.column) == (2, 4)


def test_explicit_tags_that_fit_are_read_as_yaml_1_2_reads_them() -> None:
    [doc] = Composer().documents(
        "a: !!int 30\nb: !!float 1\nc: !!bool true\nd: !!null ~\ne: !!str 030\nf: !!int 030\n"
    )
    assert doc.body == {"a": 30, "b": 1.0, "c": True, "d": None, "e": "030", "f": 30}
    assert doc.readings == (
        ("/f", "f is `030`, which YAML 1.1 reads as 24 and YAML 1.2 as 30; write 30 without the tag"),
    )


def test_a_yaml_1_1_form_does_not_take_the_file_out(tmp_path: Path) -> None:
    result = load(tmp_path, "c.yaml", "kind: X\nwindow_hours: 030\n---\nkind: Z\n")
    assert result.error is None  # type: ignore[attr-defined]
    first, second = result.documents  # type: ignore[attr-defined]
    assert [p for p, _ in first.readings] == ["/window_hours"]
    assert second.readings == ()
