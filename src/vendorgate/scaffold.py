"""Writes a dossier skeleton from the JSON Schemas: every field present, commented with its meaning."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from vendorgate.errors import UsageError
from vendorgate.model import Kind
from vendorgate.validation.schemas import load_schema

_HEADER = ("apiVersion", "kind", "vendor")


def _placeholders(vendor: str, today: str) -> dict[str, str]:
    # Required fields must hold a value for the document to pass its schema;
    # each placeholder is plainly one, and the optional fields stay blank.
    return {
        "name": '"TODO: the vendor\'s legal name"',
        "data_classes": "[confidential]",
        "attested_on": today,
        "contract_id": '"TODO: contract reference"',
    }


def skeleton(kind: Kind, vendor: str, today: str) -> str:
    """One document of `kind`: header and required fields set, every other field commented out."""
    schema = load_schema(kind.schema)
    lines = [
        f"# {kind} of vendor {vendor}: {schema.get('description', '')}",
        "# Uncomment and fill each field; a blank field fails the rules that read it.",
        f"apiVersion: {schema['properties']['apiVersion']['const']}",
        f"kind: {kind}",
        f"vendor: {vendor}",
    ]
    required = set(schema.get("required", []))
    values = _placeholders(vendor, today)
    for name, prop in schema.get("properties", {}).items():
        if name in _HEADER:
            continue
        if name in required:
            lines.append(f"{name}: {values.get(name, '')}  # {_describe(prop)}")
        else:
            lines.extend(_commented(name, prop, schema, 0))
    return "\n".join(lines) + "\n"


def _commented(name: str, prop: Mapping[str, Any], root: Mapping[str, Any], depth: int) -> Iterator[str]:
    pad = "  " * depth
    resolved = _resolve(prop, root)
    if resolved.get("type") == "object" and resolved.get("properties"):
        yield f"# {pad}{name}:  # {_describe(prop)}"
        for child, child_prop in resolved["properties"].items():
            yield from _commented(child, child_prop, root, depth + 1)
    else:
        yield f"# {pad}{name}: {_hint(resolved)}  # {_describe(prop)}"


def _resolve(prop: Mapping[str, Any], root: Mapping[str, Any]) -> Mapping[str, Any]:
    ref = prop.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        merged = dict(root.get("$defs", {}).get(ref.split("/")[-1], {}))
        merged.update({k: v for k, v in prop.items() if k != "$ref"})
        return merged
    return prop


def _hint(prop: Mapping[str, Any]) -> str:
    if "enum" in prop:
        return " | ".join(str(v) for v in prop["enum"])
    if prop.get("format") == "date":
        return "YYYY-MM-DD"
    kind = prop.get("type")
    if kind == "array":
        items = prop.get("items", {})
        return f"[{' | '.join(str(v) for v in items['enum'])}]" if "enum" in items else "[...]"
    if isinstance(kind, list):
        return " | ".join(str(k) for k in kind)
    return str(kind or "value")


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
