"""The `init` skeleton: each list with an example item, versions quoted, vocabularies listed, all valid."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from vendorgate.loading import load_file
from vendorgate.model import Kind
from vendorgate.scaffold import skeleton
from vendorgate.validation import SchemaValidator
from vendorgate.validation.schemas import load_schema

TODAY = "2026-01-10"
# A commented line of YAML content (a key or a list item), not a line of prose:
# the skeleton's prose lines never start with a lower-case key and a colon.
_COMMENTED_YAML = re.compile(r"^# (?=\s*(?:- |[a-z0-9_]+:))")


def uncommented(text: str) -> str:
    """The skeleton with every example field and item uncommented, as a user fills it."""
    return "\n".join(_COMMENTED_YAML.sub("", line) for line in text.splitlines()) + "\n"


def load(tmp_path: Path, name: str, text: str) -> list[tuple[int, str]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    loaded = load_file(path, root=tmp_path, first_id=0)
    assert loaded.error is None, (loaded.error.line, loaded.error.message)
    (document,) = loaded.documents
    return [(f.position.line, f.message) for f in SchemaValidator().violations(document)]


@pytest.mark.parametrize("kind", list(Kind))
def test_the_skeleton_as_written_passes_its_schema(tmp_path: Path, kind: Kind) -> None:
    assert load(tmp_path, "written.yaml", skeleton(kind, "new-co", TODAY)) == []


@pytest.mark.parametrize("kind", list(Kind))
def test_every_example_uncommented_passes_its_schema(tmp_path: Path, kind: Kind) -> None:
    text = uncommented(skeleton(kind, "new-co", TODAY))
    assert "\n# " not in text.split("vendor: new-co\n", 1)[1], "a commented field was left behind"
    assert load(tmp_path, "filled.yaml", text) == []


def _array_fields(schema: dict[str, object]) -> set[str]:
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for name, prop in node.get("properties", {}).items():
                kind = prop.get("type") if isinstance(prop, dict) else None
                if kind == "array" or (isinstance(kind, list) and "array" in kind):
                    found.add(name)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return found


@pytest.mark.parametrize("kind", list(Kind))
def test_every_list_has_one_example_item_and_every_field_appears(kind: Kind) -> None:
    schema = load_schema(kind.schema)
    text = uncommented(skeleton(kind, "new-co", TODAY))
    lines = text.splitlines()
    for name in _array_fields(schema):
        (at,) = [i for i, line in enumerate(lines) if re.match(rf"\s*(?:- )?{name}:", line)]
        if lines[at].rstrip().endswith("]") or "[" in lines[at].split("#")[0]:
            continue  # a required list written in flow style, with its value
        assert lines[at + 1].lstrip().startswith("- "), f"{name} has no example item"


def test_certification_examples_hold_every_field_of_their_type() -> None:
    text = uncommented(skeleton(Kind.VENDOR_ATTESTATION, "new-co", TODAY))
    fields = ("report_type:", "opinion:", "bridge_letter_through:", "edition:", "accredited:", "version:")
    for field in fields:
        assert f"    {field}" in text, field
    assert "  - type: soc2" in text
    assert "  - type: iso27001" in text
    assert "  - type: pci-dss-aoc" in text


def test_versions_are_quoted_and_vocabularies_listed() -> None:
    text = skeleton(Kind.VENDOR_ATTESTATION, "new-co", TODAY)
    assert '#       - "1.3"\n' in text
    assert '#     edition: "2022"  #' in text
    assert '#     version: "4.0.1"  #' in text
    assert 'one or more of: ssl2, ssl3, "1.0", "1.1", "1.2", "1.3"' in text
    assert (
        "#   training_on_customer_data: never  # Whether and how customer data is used to train models;"
        " one of: never, opt-in, opt-out, default-on\n"
    ) in text
