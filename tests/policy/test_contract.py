"""The input the policies read: one dossier value carries each document's validity and its evidence facts."""

from __future__ import annotations

from pathlib import Path

from support import AS_OF, copy_dossier, edit
from vendorgate import pipeline, stream
from vendorgate.loading import discover
from vendorgate.policy.contract import to_input


def policy_input(repo: Path) -> dict[str, object]:
    config = pipeline.RunConfig(paths=(repo / "vendors",), root=repo, as_of=AS_OF)
    loaded = stream.load_all(discover(config.paths, config.root).files, config)
    _, _, dossiers = stream.read_dossiers(loaded, config.root)
    return to_input(AS_OF, dossiers)


def test_a_valid_dossier_reaches_the_policies_with_its_evidence_facts(repo: Path) -> None:
    copy_dossier(repo, "clean-co")
    payload = policy_input(repo)
    assert payload["as_of"] == AS_OF
    (dossier,) = payload["dossiers"]  # type: ignore[misc]
    assert dossier["vendor"] == "clean-co"
    assert {d["kind"]: d["valid"] for d in dossier["documents"]} == {
        "Engagement": True,
        "VendorAttestation": True,
        "ContractTerms": True,
    }
    assert dossier["attestation"]["valid"] is True
    assert [(f["path"], f["status"]) for f in dossier["evidence"]] == [("evidence/soc2-type2-2026.txt", "ok")]


def test_an_invalid_attestation_is_marked_invalid_and_brings_no_evidence(repo: Path) -> None:
    folder = copy_dossier(repo, "clean-co")
    edit(folder / "attestation.yaml", "evidence: evidence/soc2-type2-2026.txt", "evidence: 42")
    (dossier,) = policy_input(repo)["dossiers"]  # type: ignore[misc]
    assert {d["kind"]: d["valid"] for d in dossier["documents"]} == {
        "Engagement": True,
        "VendorAttestation": False,
        "ContractTerms": True,
    }
    assert dossier["attestation"]["valid"] is False
    assert dossier["contract"]["valid"] is True
    assert dossier["evidence"] == []


def test_the_thresholds_travel_in_the_input_even_when_the_profile_sets_none(repo: Path) -> None:
    copy_dossier(repo, "clean-co")
    assert policy_input(repo)["thresholds"] == {}
    config = pipeline.RunConfig(paths=(repo / "vendors",), root=repo, as_of=AS_OF)
    loaded = stream.load_all(discover(config.paths, config.root).files, config)
    _, _, dossiers = stream.read_dossiers(loaded, config.root)
    strict = {"breach_notification_max_hours": 24}
    payload = to_input(AS_OF, dossiers, strict)
    assert payload["thresholds"] == strict
    assert payload["thresholds"] is not strict
