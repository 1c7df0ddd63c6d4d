"""Every rule reads null in an optional field exactly as it reads the field left out.

One real OPA evaluation over the clean example, once with each optional field set to null
and once with it removed: both give the same failing conditions (each clause of each message),
at the same levels, except where the format gives null its own meaning (unbounded retention).
Only the location differs, as the catalog says: a null value is at its own key, an absent one
at its nearest present parent.
"""

from __future__ import annotations

import copy
import json
import subprocess
from pathlib import Path
from typing import Any

from support import AS_OF, CLEAN, OPA
from vendorgate.loading import load_file
from vendorgate.model import Document
from vendorgate.resources import policies_dir
from vendorgate.validation import SchemaValidator

ROLES = {"engagement.yaml": "engagement", "attestation.yaml": "attestation", "contract.yaml": "contract"}
# The format's own null: "unbounded", not "not stated".
NULL_MEANS_UNBOUNDED = {
    ("attestation", ("ai", "retention", "prompts_days")),
    ("attestation", ("ai", "retention", "outputs_days")),
    ("contract", ("exit", "backups_deadline_days")),
}


def bodies() -> dict[str, dict[str, Any]]:
    return {
        role: load_file(CLEAN / name, root=CLEAN, first_id=0).documents[0].body
        for name, role in ROLES.items()
    }


def key_paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path that ends in a mapping key (list items are values, not fields)."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            found.append((*prefix, key))
            found += key_paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += key_paths(item, (*prefix, index))
    return found


def changed(body: dict[str, Any], path: tuple[Any, ...], action: str) -> dict[str, Any]:
    result = copy.deepcopy(body)
    parent: Any = result
    for step in path[:-1]:
        parent = parent[step]
    if action == "null":
        parent[path[-1]] = None
    else:
        del parent[path[-1]]
    return result


def schema_valid(body: dict[str, Any]) -> bool:
    document = Document(id="x", path=Path("x.yaml"), relpath="x.yaml", index=0, body=body, positions={})
    return not SchemaValidator().violations(document)


def dossier(vendor: str, docs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "vendor": vendor,
        "documents": [{"id": role, "kind": body["kind"], "valid": True} for role, body in docs.items()],
        "evidence": [],
    }
    for role, body in docs.items():
        entry[role] = {"id": role, "valid": True, "body": body}
    return entry


def test_null_in_an_optional_field_gives_the_results_of_leaving_it_out(tmp_path: Path) -> None:
    clean = bodies()
    cases: list[tuple[str, tuple[Any, ...]]] = []
    dossiers = []
    for role, body in clean.items():
        for path in key_paths(body):
            if (role, tuple(p for p in path if isinstance(p, str))) in NULL_MEANS_UNBOUNDED:
                continue
            nulled = changed(body, path, "null")
            if not schema_valid(nulled):
                continue  # a required field: null is a schema error there, not "not stated"
            number = len(cases)
            cases.append((role, path))
            dossiers.append(dossier(f"null-{number}", {**clean, role: nulled}))
            dossiers.append(dossier(f"absent-{number}", {**clean, role: changed(body, path, "remove")}))
    assert len(cases) > 100
    given = tmp_path / "input.json"
    given.write_text(json.dumps({"as_of": AS_OF, "dossiers": dossiers}), encoding="utf-8")
    done = subprocess.run(
        [OPA, "eval", "--format", "json", "-d", policies_dir(), "-i", given, "data.vendorgate.main.findings"],
        capture_output=True,
        text=True,
        check=True,
    )
    findings = json.loads(done.stdout)["result"][0]["expressions"][0]["value"]
    by_vendor: dict[str, set[tuple[str, str, str, str]]] = {}
    for f in findings:
        for clause in f["message"].split("; "):
            by_vendor.setdefault(f["vendor"], set()).add((f["rule"], f["level"], f["doc"], clause))
    differing = [
        (role, path)
        for number, (role, path) in enumerate(cases)
        if by_vendor.get(f"null-{number}", set()) != by_vendor.get(f"absent-{number}", set())
    ]
    assert differing == []
