"""Writes a dossier skeleton from the JSON Schemas: every field present, commented with its meaning."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from vendorgate.errors import UsageError
from vendorgate.model import Kind
from vendorgate.validation.schemas import load_schema, schema_node, types_of

_HEADER = ("apiVersion", "kind", "vendor")
_INDENT = "  "
# An enum word written bare reads back as the same text in YAML 1.1 and 1.2;
# any other (a version such as "1.3", a word YAML 1.1 reads as a boolean) is quoted.
_BARE_WORD = re.compile(r"[a-z][a-z0-9-]*")
_NOT_BARE = frozenset(("y", "n", "yes", "no", "on", "off", "true", "false", "null"))
# Examples for the string shapes the schemas constrain: each passes its schema.
_SHA256_EXAMPLE = "0" * 64
_EVIDENCE_EXAMPLE = "evidence/document.pdf"
_EMAIL_EXAMPLE = "name@example.com"
_URL_EXAMPLE = "https://example.com/model-card"

_Line = tuple[int, str, str]
"""One line of the skeleton: its indentation depth, its YAML text and its comment."""


def _placeholders(today: str) -> dict[str, str]:
    # Required fields must hold a value for the document to pass its schema;
    # each placeholder is plainly one, and the optional fields stay commented out.
    return {
        "name": '"TODO: the vendor\'s legal name"',
        "data_classes": "[confidential]",
        "attested_on": today,
        "contract_id": '"TODO: contract reference"',
    }


def skeleton(kind: Kind, vendor: str, today: str) -> str:
    """One document of `kind`: header and required fields set, every other field commented out.

    A commented field shows an example value that passes the schema (versions
    quoted, a list with one example item holding all its fields, the vocabulary
    of each field in its comment): uncommenting it gives a valid document.
    """
    schema = load_schema(kind.schema)
    lines = [
        f"# {kind} of vendor {vendor}: {_describe(schema)}",
        "# Each commented field shows its shape with an example value, not a recommendation: uncomment",
        "# a field and write what is true of this vendor; a field left commented is not stated, and",
        "# the rules that read it fail.",
        f"apiVersion: {schema['properties']['apiVersion']['const']}",
        f"kind: {kind}",
        f"vendor: {vendor}",
    ]
    required = set(schema.get("required", []))
    values = _placeholders(today)
    for name, prop in schema.get("properties", {}).items():
        if name in _HEADER:
            continue
        if name in required:
            lines.append(f"{name}: {values.get(name, '')}  # {_comment(prop, schema)}")
        else:
            lines.extend(f"# {text}" for text in _render(_field(name, prop, schema, 0, today)))
    return "\n".join(lines) + "\n"


def _render(lines: list[_Line]) -> Iterator[str]:
    for depth, text, comment in lines:
        yield f"{_INDENT * depth}{text}" + (f"  # {comment}" if comment else "")


def _field(
    name: str, prop: Mapping[str, Any], root: Mapping[str, Any], depth: int, today: str
) -> list[_Line]:
    """The lines of one field and, for a mapping or a list, of its example content."""
    resolved = schema_node(prop, root)
    comment = _comment(prop, root)
    kinds = types_of(resolved)
    if "object" in kinds and resolved.get("properties"):
        lines: list[_Line] = [(depth, f"{name}:", comment)]
        for child, child_prop in resolved["properties"].items():
            lines.extend(_field(child, child_prop, root, depth + 1, today))
        return lines
    if "array" in kinds:
        lines = [(depth, f"{name}:", comment)]
        for item in _items(resolved.get("items", {}), root, depth + 1, today):
            lines.extend(item)
        return lines
    value = _scalar(_EVIDENCE_EXAMPLE) if name == "evidence" else _example(resolved, today)
    return [(depth, f"{name}: {value}", comment)]


def _items(prop: Mapping[str, Any], root: Mapping[str, Any], depth: int, today: str) -> list[list[_Line]]:
    """One example item of a list (one per type when the item's fields depend on its `type`)."""
    resolved = schema_node(prop, root)
    if not resolved.get("properties"):
        # The list's own comment already names the words an item may take.
        return [[(depth, f"- {_example(resolved, today)}", "")]]
    examples = []
    for variant in _variants(resolved):
        lines: list[_Line] = []
        for child, child_prop in variant.items():
            lines.extend(_field(child, child_prop, root, depth + 1, today))
        first_depth, first_text, first_comment = lines[0]
        lines[0] = (first_depth - 1, f"- {first_text}", first_comment)
        examples.append(lines)
    return examples


def _variants(item: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The fields of an item, once per `type` branch (if/then) when its fields depend on its type."""
    base = dict(item.get("properties", {}))
    branches: dict[tuple[str, ...], dict[str, Any]] = {}
    for sub in item.get("allOf", []):
        selector = sub.get("if", {}).get("properties", {}).get("type", {})
        words = tuple(str(v) for v in selector.get("enum", [selector.get("const")]) if v is not None)
        if not words:
            continue
        fields = branches.setdefault(words, {})
        for name, prop in sub.get("then", {}).get("properties", {}).items():
            fields.setdefault(name, prop)
    if not branches:
        return [base]
    variants = []
    for words, fields in branches.items():
        typed = dict(base)
        typed["type"] = {**base.get("type", {}), "examples": [words[0]]}
        typed.update(fields)
        variants.append(typed)
    return variants


def _example(prop: Mapping[str, Any], today: str) -> str:
    """A YAML value that passes `prop`: an example, never a recommendation."""
    if prop.get("examples"):
        return _scalar(prop["examples"][0])
    if "const" in prop:
        return _scalar(prop["const"])
    words = [v for v in prop.get("enum", []) if v is not None]
    if words:
        return _scalar(words[0])
    if prop.get("format") == "date":
        return _scalar(today)
    kinds = types_of(prop)
    if "boolean" in kinds:
        return "false"
    if "integer" in kinds or "number" in kinds:
        return str(prop.get("minimum", 0))
    if "array" in kinds:
        return "[]"
    if "object" in kinds:
        return "{}"
    return _scalar(_text_example(prop))


def _text_example(prop: Mapping[str, Any]) -> str:
    pattern = str(prop.get("pattern", ""))
    if "{64}" in pattern:
        return _SHA256_EXAMPLE
    if prop.get("format") == "email":
        return _EMAIL_EXAMPLE
    if prop.get("format") == "uri" or pattern.startswith("^http"):
        return _URL_EXAMPLE
    return "TODO" if prop.get("minLength") else ""


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and _BARE_WORD.fullmatch(value) and value not in _NOT_BARE:
        return value
    return json.dumps(value)


def _comment(prop: Mapping[str, Any], root: Mapping[str, Any]) -> str:
    resolved = schema_node(prop, root)
    note = _vocabulary_note(resolved)
    items = schema_node(resolved.get("items", {}), root) if "array" in types_of(resolved) else {}
    if items and not note:
        words = _words(items)
        note = f"one or more of: {words}" if words else ""
    return "; ".join(part for part in (_describe(prop).rstrip("."), note) if part)


def _vocabulary_note(prop: Mapping[str, Any]) -> str:
    words = _words(prop)
    return f"one of: {words}" if words else ""


def _words(prop: Mapping[str, Any]) -> str:
    return ", ".join(_scalar(v) for v in prop.get("enum", []) if v is not None)


def _describe(prop: Mapping[str, Any]) -> str:
    return " ".join(str(prop.get("description", "")).split())


def write_skeleton(folder: Path, vendor: str, today: str | None = None) -> list[Path]:
    """Write the three documents into `folder`; refuses a bad vendor id or existing files."""
    # The vendor id pattern is the schemas' own (every kind's schema states the same one).
    if not re.fullmatch(load_schema(Kind.ENGAGEMENT.schema)["properties"]["vendor"]["pattern"], vendor):
        raise UsageError(f"--vendor {vendor!r} is not a vendor id; use lower-case letters, digits and dashes")
    targets = [folder / f"{kind.role}.yaml" for kind in Kind]
    existing = [t for t in targets if t.exists()]
    if existing:
        raise UsageError(f"{existing[0]} already exists; choose an empty folder")
    folder.mkdir(parents=True, exist_ok=True)
    stamp = today or date.today().isoformat()
    for kind, target in zip(Kind, targets, strict=True):
        target.write_text(skeleton(kind, vendor, stamp), encoding="utf-8")
    return targets
