"""The policy contract: the input the policies read, and the results they must return.

docs/policy-contract.md describes both sides; this module is the only place that builds
the one and checks the other.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from vendorgate.errors import PolicyError
from vendorgate.model import Document, Dossier, Finding, Kind, Level
from vendorgate.policy.metadata import RULE_ID

ENTRYPOINT_PACKAGE = "vendorgate.main"
ENTRYPOINT_RULE = "findings"
# The data path the policies fall back to for thresholds when the input carries none
# (the Rego tests set it with `with`); vendorgate itself never writes it.
PROFILE_DATA_PATH = "vendorgate_profile"


def to_input(
    as_of: str, dossiers: Sequence[Dossier], thresholds: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The input document of one evaluation: the date, the profile's thresholds, each dossier.

    The thresholds travel in every query, even empty: a server shared by runs with
    different profiles holds none of them, and data left on it never mixes in.
    """
    return {
        "as_of": as_of,
        "thresholds": dict(thresholds or {}),
        "dossiers": [dossier_input(d) for d in dossiers],
    }


def dossier_input(dossier: Dossier) -> dict[str, Any]:
    """One dossier as the policies read it: its documents, their validity, its evidence facts."""
    entry: dict[str, Any] = {
        "vendor": dossier.vendor,
        "documents": [
            {
                "id": doc.id,
                "kind": doc.kind,
                "valid": doc.id in dossier.valid,
                "path": doc.relpath,
                "index": doc.index,
            }
            for doc in dossier.documents
        ],
        "evidence": list(dossier.evidence),
    }
    for kind in Kind:
        doc = dossier.first(kind)
        if doc is not None:
            entry[kind.role] = {"id": doc.id, "valid": doc.id in dossier.valid, "body": doc.body}
    return entry


def to_findings(raw: Sequence[Any], documents: Mapping[str, Document]) -> list[Finding]:
    """Checks each raw result against the result contract and locates it in its file."""
    findings = []
    for item in raw:
        doc, level, pointer = _checked(item, documents)
        located, position = doc.locate(pointer)
        findings.append(
            Finding(
                rule_id=item["rule"],
                level=level,
                message=item["message"],
                path=doc.relpath,
                position=position,
                pointer=located,
                vendor=doc.vendor,
            )
        )
    return findings


def _checked(item: Any, documents: Mapping[str, Document]) -> tuple[Document, Level, str]:
    if not isinstance(item, dict):
        raise _contract(item, "a result must be an object")
    rule = item.get("rule")
    if not isinstance(rule, str) or not RULE_ID.match(rule):
        raise _contract(item, "`rule` must be an id like ABC-001")
    try:
        level = Level(str(item.get("level")))
    except ValueError:
        raise _contract(item, "`level` must be error, warning or note") from None
    if not isinstance(item.get("message"), str) or not item["message"].strip():
        raise _contract(item, "`message` must be a non-empty string")
    doc = documents.get(item.get("doc"))  # type: ignore[arg-type]
    if doc is None:
        raise _contract(item, "`doc` must be the id of a document in the input")
    pointer = item.get("pointer", "")
    if not isinstance(pointer, str) or (pointer and not pointer.startswith("/")):
        raise _contract(item, "`pointer` must be a JSON pointer such as /a/b")
    return doc, level, pointer


def _contract(item: Any, problem: str) -> PolicyError:
    rule = item.get("rule") if isinstance(item, dict) else None
    who = f"rule {rule}" if isinstance(rule, str) else "a policy"
    return PolicyError(
        f"{who} returned a result that breaks the result contract ({problem});"
        " fix the policy (see docs/policy-contract.md)"
    )
