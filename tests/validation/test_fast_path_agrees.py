"""The compiled fast check and jsonschema agree on validity, so the fast path never hides a violation."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from support import CLEAN
from vendorgate.loading import load_file
from vendorgate.validation.schemas import KIND_SCHEMAS, compiled, fast_check

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
]


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
    schema = KIND_SCHEMAS[body["kind"]]
    slow_valid = not any(True for _ in compiled(schema).iter_errors(mutated))
    assert fast_check(schema)(mutated) == slow_valid


def test_the_clean_documents_are_valid_both_ways() -> None:
    for body in DOCUMENTS:
        schema = KIND_SCHEMAS[body["kind"]]
        assert fast_check(schema)(body)
        assert not list(compiled(schema).iter_errors(body))
