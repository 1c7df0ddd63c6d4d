"""docs/dossier-format.md is the project's own field reference, generated from the schemas and current."""

from __future__ import annotations

import json
import re

from support import REPO
from vendorgate.dossier_doc import render

DOC = REPO / "docs" / "dossier-format.md"


def test_the_committed_reference_is_the_generated_one() -> None:
    assert DOC.read_text(encoding="utf-8") == render(), "run `make dossier-doc`"


def _names(node: object) -> set[str]:
    """Every property name declared anywhere in a schema."""
    found: set[str] = set()
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            found.add(name)
            found |= _names(sub)
        for key, value in node.items():
            if key != "properties":
                found |= _names(value)
    elif isinstance(node, list):
        for value in node:
            found |= _names(value)
    return found


def test_every_field_of_every_schema_has_a_row() -> None:
    text = DOC.read_text(encoding="utf-8")
    fields = set(re.findall(r"^\| `([^`]+)` \|", text, re.MULTILINE))
    last_parts = {re.split(r"\.|\[\]\.", field)[-1] for field in fields}
    for schema in sorted((REPO / "schemas").glob("*.schema.json")):
        missing = _names(json.loads(schema.read_text(encoding="utf-8"))) - last_parts
        assert not missing, f"{schema.name}: no row for {sorted(missing)}"


def test_a_row_says_type_vocabulary_and_what_null_means() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert (
        "| `ai.retention.prompts_days` | whole number >= 0 |  | unbounded |  | How long prompts are kept, in"
        " days; null means unbounded. |"
    ) in text
    assert '`ssl2`, `ssl3`, `"1.0"`, `"1.1"`, `"1.2"`, `"1.3"`' in text
    assert "| `certifications[].type` | word | **required** | not allowed |" in text
    assert "| `certifications[].opinion` | word |  | not stated |" in text
    assert "Only when `type` is soc2." in text


def test_the_readme_points_at_the_reference_inside_the_repository() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "(docs/dossier-format.md)" in readme
    assert "../shared" not in readme
