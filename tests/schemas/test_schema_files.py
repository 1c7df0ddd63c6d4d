"""Static checks of the JSON Schema files in schemas/: valid draft 2020-12 and fully described."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

REPO_ROOT = Path(__file__).resolve().parents[2]
SCHEMA_DIR = REPO_ROOT / "schemas"
DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FILES = (
    "engagement.schema.json",
    "vendor-attestation.schema.json",
    "contract-terms.schema.json",
    "vendorgate-config.schema.json",
)

# Keywords whose value is one subschema, a list of subschemas, or a map of name -> subschema.
_SINGLE = (
    "items",
    "contains",
    "additionalProperties",
    "unevaluatedProperties",
    "unevaluatedItems",
    "propertyNames",
    "not",
    "if",
    "then",
    "else",
)
_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
_MAPS = ("$defs", "dependentSchemas")
_PROPERTY_MAPS = ("properties", "patternProperties")


def _load(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    return schema


def _properties(schema: Any, pointer: str = "#") -> Iterator[tuple[str, Any]]:
    """Yield (JSON pointer, schema) for every property schema at every depth."""
    if not isinstance(schema, dict):
        return
    for keyword in _PROPERTY_MAPS:
        for name, subschema in schema.get(keyword, {}).items():
            where = f"{pointer}/{keyword}/{name}"
            yield where, subschema
            yield from _properties(subschema, where)
    for keyword in _SINGLE:
        if keyword in schema:
            yield from _properties(schema[keyword], f"{pointer}/{keyword}")
    for keyword in _LISTS:
        for index, subschema in enumerate(schema.get(keyword, [])):
            yield from _properties(subschema, f"{pointer}/{keyword}/{index}")
    for keyword in _MAPS:
        for name, subschema in schema.get(keyword, {}).items():
            yield from _properties(subschema, f"{pointer}/{keyword}/{name}")


@pytest.mark.parametrize("name", SCHEMA_FILES)
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    schema = _load(name)
    assert schema.get("$schema") == DRAFT_2020_12
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("name", SCHEMA_FILES)
def test_schema_has_id_title_and_description(name: str) -> None:
    schema = _load(name)
    schema_id = schema.get("$id")
    assert isinstance(schema_id, str)
    assert schema_id.endswith("/" + name)
    for keyword in ("title", "description"):
        value = schema.get(keyword)
        assert isinstance(value, str)
        assert value.strip()


@pytest.mark.parametrize("name", SCHEMA_FILES)
def test_schema_rejects_unknown_top_level_keys(name: str) -> None:
    schema = _load(name)
    assert schema.get("type") == "object"
    assert schema.get("additionalProperties") is False


@pytest.mark.parametrize("name", SCHEMA_FILES)
def test_every_property_has_a_description(name: str) -> None:
    found = list(_properties(_load(name)))
    assert found, "the walk found no properties at all"
    missing = [
        pointer
        for pointer, subschema in found
        if not (
            isinstance(subschema, dict)
            and isinstance(subschema.get("description"), str)
            and subschema["description"].strip()
        )
    ]
    assert missing == [], f"properties without a description: {missing}"


def test_walk_reaches_nested_and_conditional_properties() -> None:
    pointers = {pointer for pointer, _ in _properties(_load("vendor-attestation.schema.json"))}
    assert "#/properties/encryption/properties/in_transit/properties/tls_versions" in pointers
    assert any(pointer.endswith("/then/properties/edition") for pointer in pointers)
    assert any(pointer.startswith("#/$defs/") for pointer in pointers)


DOSSIER_SCHEMAS = SCHEMA_FILES[:3]


def _optional_properties(schema: Any, pointer: str = "#") -> Iterator[tuple[str, Any]]:
    """(pointer, schema) of every property a document may leave out, outside `if` selectors."""
    if not isinstance(schema, dict):
        return
    required = set(schema.get("required", []))
    for name, subschema in schema.get("properties", {}).items():
        where = f"{pointer}/properties/{name}"
        if name not in required:
            yield where, subschema
        yield from _optional_properties(subschema, where)
    for keyword in _SINGLE:
        if keyword in schema and keyword != "if":
            yield from _optional_properties(schema[keyword], f"{pointer}/{keyword}")
    for keyword in _LISTS:
        for index, subschema in enumerate(schema.get(keyword, [])):
            yield from _optional_properties(subschema, f"{pointer}/{keyword}/{index}")
    for keyword in _MAPS:
        for name, subschema in schema.get(keyword, {}).items():
            yield from _optional_properties(subschema, f"{pointer}/{keyword}/{name}")


def _accepts_null(subschema: dict[str, Any]) -> bool:
    keywords = set(subschema) - {"description"}
    if not keywords:
        return True  # a marker that allows any value
    types = subschema.get("type")
    if types is not None:
        listed = types if isinstance(types, list) else [types]
        return "null" in listed and ("enum" not in subschema or None in subschema["enum"])
    return {"type": "null"} in subschema.get("anyOf", [])


@pytest.mark.parametrize("name", DOSSIER_SCHEMAS)
def test_every_optional_property_accepts_null_as_not_stated(name: str) -> None:
    found = list(_optional_properties(_load(name)))
    assert len(found) > 10
    refusing = [pointer for pointer, subschema in found if not _accepts_null(subschema)]
    assert refusing == [], f"optional properties that refuse null: {refusing}"


@pytest.mark.parametrize("name", DOSSIER_SCHEMAS)
def test_required_properties_still_refuse_null(name: str) -> None:
    schema = _load(name)
    validator = Draft202012Validator(schema)
    for key in schema["required"]:
        assert not _accepts_null(schema["properties"][key]) or "$ref" in schema["properties"][key], key
    document = dict.fromkeys(schema["required"])
    refused = {error.path[0] for error in validator.iter_errors(document) if error.path}
    assert refused == set(schema["required"])
