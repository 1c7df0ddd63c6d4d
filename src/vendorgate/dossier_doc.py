"""Writes docs/dossier-format.md, the field reference of the dossier documents, from the JSON Schemas."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from vendorgate.model import Kind
from vendorgate.validation.schemas import PROFILE_SCHEMA, load_schema, schema_node, types_of

_NULL_MEANS = re.compile(r"\bnull means ([^;.]+)")
_BARE_WORD = re.compile(r"[a-z][a-z0-9-]*")
_PLURALS = {"mapping": "mappings", "word": "words", "text": "texts", "date": "dates"}
_NOT_STATED = "not stated"
_INTRO = """\
# Dossier format reference

Generated from the JSON Schemas in `schemas/` by `make dossier-doc`; do not edit it by hand.

A vendor's dossier is three documents that carry the same `vendor` id: the **Engagement** (what
your organisation buys and which data it shares), the **VendorAttestation** (what the vendor
states about itself) and the **ContractTerms** (what the signed contract says). Each is a YAML or
JSON mapping; the three may be three files in one folder or documents of one multi-document YAML
file. `vendorgate init --vendor ID` writes a skeleton of all three, with every field below as a
commented example.

How to read the tables:

- **field** is the path of the field: `a.b` is key `b` inside mapping `a`, and `a[].b` is key `b`
  in each item of the list `a`.
- **required**: a document without a required field fails SCH-002. Every other field may be left
  out; a rule that needs it then counts it as missing evidence and fails, it never passes it.
- **`null`** says what writing `null` means. For most fields it is the same as leaving the field
  out: *not stated*. A few fields give `null` a meaning of its own (an unbounded retention, say).
  An empty list `[]` is a statement: "none".
- **values**: the words a field accepts (its vocabulary); any other word fails SCH-002.
- Dates are written `YYYY-MM-DD` and must exist. Versions and editions are text: quote them
  (`"1.2"`, `"2022"`), since YAML reads an unquoted `1.2` as a number. Durations are whole numbers
  whose unit is in the name (`_days`, `_hours`). A key the schema does not know fails SCH-002, so
  that a misspelt key never switches a rule off in silence.
"""
_PROFILE_INTRO = """\
The organisation profile is the optional `vendorgate.yaml` at the repository root (or the file
given with `--config`). It is not a dossier document: it tunes the thresholds and rules for the
whole repository.
"""


@dataclass(frozen=True, slots=True)
class _Row:
    field: str
    type: str
    required: bool
    null: str
    values: str
    meaning: str


def render() -> str:
    """The whole reference: one table per document kind, then the organisation profile."""
    parts = [_INTRO]
    for kind in Kind:
        schema = load_schema(kind.schema)
        parts.append(f"\n## {kind}\n\n{_describe(schema)}\n\n")
        parts.append(_table(_rows(schema, schema, "", set(schema.get("required", [])))))
    profile = load_schema(PROFILE_SCHEMA)
    parts.append(f"\n## Organisation profile (`vendorgate.yaml`)\n\n{_PROFILE_INTRO}\n")
    parts.append(_table(_rows(profile, profile, "", set(profile.get("required", [])))))
    return "".join(parts)


def _table(rows: Iterator[_Row]) -> str:
    lines = ["| field | type | required | `null` | values | meaning |", "|---|---|---|---|---|---|"]
    for row in rows:
        cells = (
            f"`{row.field}`",
            row.type,
            "**required**" if row.required else "",
            row.null,
            row.values,
            row.meaning,
        )
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _rows(
    schema: Mapping[str, Any], root: Mapping[str, Any], prefix: str, required: set[str]
) -> Iterator[_Row]:
    for name, prop in schema.get("properties", {}).items():
        path = f"{prefix}{name}"
        yield _row(path, prop, root, name in required)
        yield from _children(path, schema_node(prop, root), root)
    yield from _branches(schema, root, prefix)


def _children(path: str, resolved: Mapping[str, Any], root: Mapping[str, Any]) -> Iterator[_Row]:
    if resolved.get("properties"):
        yield from _rows(resolved, root, f"{path}.", set(resolved.get("required", [])))
    items = schema_node(resolved.get("items", {}), root)
    if items.get("properties") or items.get("allOf"):
        yield from _rows(items, root, f"{path}[].", set(items.get("required", [])))
    patterns = resolved.get("patternProperties", {})
    for pattern, sub in patterns.items():
        sub_resolved = schema_node(sub, root)
        key = f"{path}.<{_pattern_name(pattern)}>"
        yield _row(key, sub, root, False)
        yield from _children(key, sub_resolved, root)


def _pattern_name(pattern: str) -> str:
    return "rule id" if "[A-Z]" in pattern else "key"


def _branches(schema: Mapping[str, Any], root: Mapping[str, Any], prefix: str) -> Iterator[_Row]:
    """Fields allowed only for some values of `type` (a certification's fields depend on its type)."""
    seen: set[str] = set()
    for sub in schema.get("allOf", []):
        selector = sub.get("if", {}).get("properties", {}).get("type", {})
        words = [str(v) for v in selector.get("enum", [selector.get("const")]) if v is not None]
        for name, prop in sub.get("then", {}).get("properties", {}).items():
            # The later branches that repeat a name only mark it as allowed (no type): skip them.
            if name in seen or ("type" not in prop and "anyOf" not in prop):
                continue
            seen.add(name)
            owners = [w for other in schema.get("allOf", []) for w in _owners(other, name)]
            row = _row(f"{prefix}{name}", prop, root, False)
            only = " or ".join(dict.fromkeys(owners or words))
            meaning = f"Only when `type` is {only}. {row.meaning}"
            yield _Row(row.field, row.type, False, row.null, row.values, meaning)


def _owners(sub: Mapping[str, Any], name: str) -> list[str]:
    then = sub.get("then", {}).get("properties", {})
    prop = then.get(name)
    if not isinstance(prop, dict) or ("type" not in prop and "anyOf" not in prop):
        return []
    selector = sub.get("if", {}).get("properties", {}).get("type", {})
    return [str(v) for v in selector.get("enum", [selector.get("const")]) if v is not None]


def _row(path: str, prop: Mapping[str, Any], root: Mapping[str, Any], required: bool) -> _Row:
    resolved = schema_node(prop, root)
    meaning = _describe(prop) or _describe(resolved)
    return _Row(
        field=path,
        type=_type(resolved, root),
        required=required,
        null=_null(prop, resolved, meaning),
        values=_values(resolved, root),
        meaning=meaning,
    )


def _type(prop: Mapping[str, Any], root: Mapping[str, Any]) -> str:
    kinds = [k for k in types_of(prop) if k != "null"]
    if "const" in prop:
        return f"`{prop['const']}`"
    if prop.get("format") == "date":
        return "date"
    if "array" in kinds:
        items = schema_node(prop.get("items", {}), root)
        inner = "mapping" if items.get("properties") else _type(items, root)
        return f"list of {_PLURALS.get(inner, inner)}" if inner else "list"
    if prop.get("_ref") == "evidence":
        return "file path"
    if "object" in kinds:
        return "mapping"
    pattern = str(prop.get("pattern", ""))
    if "{64}" in pattern:
        return "SHA-256 (64 hex digits)"
    if prop.get("format") == "email":
        return "e-mail address"
    if prop.get("format") == "uri":
        return "URL"
    if "integer" in kinds:
        return f"whole number{_range(prop)}"
    if "number" in kinds:
        return f"number{_range(prop)}"
    if "boolean" in kinds:
        return "true / false"
    if "string" in kinds:
        return "word" if prop.get("enum") else "text"
    return " or ".join(kinds)


def _range(prop: Mapping[str, Any]) -> str:
    low, high = prop.get("minimum"), prop.get("maximum")
    if low is not None and high is not None:
        return f" {low}-{high}"
    if low is not None:
        return f" >= {low}"
    return ""


def _values(prop: Mapping[str, Any], root: Mapping[str, Any]) -> str:
    if "array" in types_of(prop):
        prop = schema_node(prop.get("items", {}), root)
    words = [v for v in prop.get("enum", []) if v is not None]
    # A word YAML would read as something else (a version such as 1.2) is shown quoted, as it is written.
    return ", ".join(f"`{w}`" if _BARE_WORD.fullmatch(str(w)) else f'`"{w}"`' for w in words)


def _null(prop: Mapping[str, Any], resolved: Mapping[str, Any], meaning: str) -> str:
    nullable = "null" in types_of(resolved) or resolved.get("_nullable") or None in resolved.get("enum", [])
    if not nullable:
        return "not allowed"
    special = _NULL_MEANS.search(meaning)
    return special.group(1) if special else _NOT_STATED


def _describe(prop: Mapping[str, Any]) -> str:
    return " ".join(str(prop.get("description", "")).split())


def main() -> None:
    """Print the reference (the Makefile writes it to docs/dossier-format.md)."""
    sys.stdout.write(render())


if __name__ == "__main__":
    main()
