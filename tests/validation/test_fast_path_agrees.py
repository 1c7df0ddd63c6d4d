"""The fast check and jsonschema agree on validity; where they cannot, neither hides a violation."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from support import CLEAN
from vendorgate.loading import load_file
from vendorgate.model import Document, Kind
from vendorgate.validation.schemas import SchemaValidator, compiled, fast_check

DOCUMENTS = [
    load_file(CLEAN / name, root=CLEAN, first_id=0).documents[0].body
    for name in ("engagement.yaml", "attestation.yaml", "contract.yaml")
]
REPLACEMENTS: list[Any] = [
    None,
    True,
    0,
    -1,
    1.5,
    2**40,
    "",
    "x",
    "2026-02-30",
    "2026-01-01",
    "1.2",
    [],
    ["x"],
    {},
    {"x": 1},
    "0000-01-01",
]
# Python's `$` also matches before a final newline, jsonschema-rs's does not: the two
# validators cannot agree on these, so the validator must report them all the same.
DIVERGENT: list[Any] = ["x\n", "2026-01-01\n", "northwind-ai\n"]


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += paths(item, (*prefix, index))
    return found


def mutate(body: dict[str, Any], path: tuple[Any, ...], action: str, replacement: Any) -> dict[str, Any]:
    result = copy.deepcopy(body)
    parent: Any = result
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if action == "delete":
        del parent[last]
    elif action == "extra" and isinstance(parent[last], dict):
        parent[last]["unexpected_key"] = replacement
    else:
        parent[last] = replacement
    return result


@settings(derandomize=True, max_examples=300, deadline=None)
@given(
    which=st.integers(min_value=0, max_value=2),
    choice=st.integers(min_value=0, max_value=10_000),
    action=st.sampled_from(["replace", "delete", "extra"]),
    replacement=st.sampled_from(REPLACEMENTS),
)
def test_fast_check_agrees_with_jsonschema(which: int, choice: int, action: str, replacement: Any) -> None:
    body = DOCUMENTS[which]
    candidates = paths(body)
    mutated = mutate(body, candidates[choice % len(candidates)], action, replacement)
    schema = Kind(body["kind"]).schema
    slow_valid = not any(True for _ in compiled(schema).iter_errors(mutated))
    assert fast_check(schema)(mutated) == slow_valid


def document(body: Any) -> Document:
    positions = {f"/{key}": (line, 1, line, 10) for line, key in enumerate(body, start=1)}
    return Document(id="d0", path=CLEAN / "x.yaml", relpath="x.yaml", index=0, body=body, positions=positions)


@settings(derandomize=True, max_examples=300, deadline=None)
@given(
    which=st.integers(min_value=0, max_value=2),
    choice=st.integers(min_value=0, max_value=10_000),
    action=st.sampled_from(["replace", "delete", "extra"]),
    replacement=st.sampled_from(REPLACEMENTS + DIVERGENT),
)
def test_a_document_either_validator_rejects_is_invalid(
    which: int, choice: int, action: str, replacement: Any
) -> None:
    body = DOCUMENTS[which]
    candidates = paths(body)
    mutated = mutate(body, candidates[choice % len(candidates)], action, replacement)
    schema = Kind(body["kind"]).schema
    rejected = not fast_check(schema)(mutated) or any(True for _ in compiled(schema).iter_errors(mutated))
    findings = SchemaValidator().check(document(mutated), schema)
    assert bool(findings) == rejected
    assert all(f.rule_id == "SCH-002" and f.message for f in findings)


def test_a_trailing_newline_in_a_patterned_value_is_a_violation_with_both_validators_asked() -> None:
    body = copy.deepcopy(DOCUMENTS[2])
    body["vendor"] = "northwind-ai\n"
    # jsonschema alone would accept it; the fast validator's message reports it.
    assert not list(compiled("contract-terms.schema.json").iter_errors(body))
    findings = SchemaValidator().check(document(body), "contract-terms.schema.json")
    assert [(f.pointer, f.message) for f in findings] == [
        ("/vendor", 'vendor: "northwind-ai\\n" does not match "^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$"')
    ]


def test_a_divergent_value_is_reported_beside_other_violations() -> None:
    body = copy.deepcopy(DOCUMENTS[2])
    body["vendor"] = "northwind-ai\n"
    del body["contract_id"]
    findings = SchemaValidator().check(document(body), "contract-terms.schema.json")
    messages = sorted(f.message for f in findings)
    assert len(messages) == 2, messages
    assert "required key 'contract_id' is missing; add it" in messages
    assert any(m.startswith('vendor: "northwind-ai\\n" does not match') for m in messages)


def test_year_zero_is_refused_by_both_validators() -> None:
    body = copy.deepcopy(DOCUMENTS[1])
    body["attested_on"] = "0000-01-01"
    assert not fast_check("vendor-attestation.schema.json")(body)
    findings = SchemaValidator().check(document(body), "vendor-attestation.schema.json")
    assert [f.message for f in findings] == [
        "attested_on is '0000-01-01', not a real date; write it as YYYY-MM-DD"
    ]


def test_the_clean_documents_are_valid_both_ways() -> None:
    for body in DOCUMENTS:
        schema = Kind(body["kind"]).schema
        assert fast_check(schema)(body)
        assert not list(compiled(schema).iter_errors(body))
