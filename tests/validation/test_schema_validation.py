"""Schema violations become SCH-002 results at the offending key, with a sentence saying what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import AS_OF, run_vendorgate
from vendorgate.loading import load_file
from vendorgate.validation import SchemaValidator

HEADER = "apiVersion: vendorgate/v1\nkind: VendorAttestation\nvendor: acme\nattested_on: 2026-01-10\n"


def violations(tmp_path: Path, text: str) -> list[tuple[int, str]]:
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    doc = load_file(path, root=tmp_path, first_id=0).documents[0]
    return [(f.position.line, f.message) for f in SchemaValidator().violations(doc)]


def test_valid_attestation_has_no_violation(tmp_path: Path) -> None:
    assert violations(tmp_path, HEADER) == []


@pytest.mark.parametrize(
    ("extra", "line", "fragment"),
    [
        ("breach_window: 3\n", 5, "unknown key 'breach_window'"),
        ("encryption:\n  in_transit:\n    tls_versions: [1.2]\n", 7, 'quote it ("1.2")'),
        ("certifications:\n  - type: iso27001\n    edition: 2022\n", 7, 'quote it ("2022")'),
        ("pentest:\n  last_on: 2026-02-30\n", 6, "not a real date"),
        ("access:\n  rbac: yes please\n", 6, "must be true or false"),
        ("transfer_channels: [https, carrier-pigeon]\n", 5, "use one of"),
        ("logging:\n  retention_days: 30\n  colour: blue\n", 7, "unknown key 'colour' in logging"),
    ],
)
def test_violation_is_located_at_the_offending_line(
    tmp_path: Path, extra: str, line: int, fragment: str
) -> None:
    found = violations(tmp_path, HEADER + extra)
    assert len(found) == 1, found
    assert found[0][0] == line
    assert fragment in found[0][1]


def test_unknown_kind_is_reported_at_kind(tmp_path: Path) -> None:
    found = violations(tmp_path, "apiVersion: vendorgate/v1\nvendor: acme\nkind: Contract\n")
    assert found == [
        (3, "kind 'Contract' is not a dossier kind; use one of Engagement, VendorAttestation, ContractTerms")
    ]


def test_missing_required_key_is_reported_at_the_document(tmp_path: Path) -> None:
    found = violations(tmp_path, "apiVersion: vendorgate/v1\nkind: ContractTerms\nvendor: acme\n")
    assert found == [(1, "required key 'contract_id' is missing; add it")]


def test_a_yaml_1_1_form_in_the_profile_stops_the_run_naming_both_readings(clean_repo: Path) -> None:
    (clean_repo / "vendorgate.yaml").write_text(
        "thresholds:\n  breach_notification_max_hours: 060\n", encoding="utf-8"
    )
    run = run_vendorgate("check", clean_repo / "vendors", "--as-of", AS_OF, cwd=clean_repo)
    assert run.code == 2
    assert run.stderr.strip() == (
        "vendorgate: error: vendorgate.yaml:2: thresholds.breach_notification_max_hours is `060`,"
        " which YAML 1.1 reads as 48 and YAML 1.2 as 60; write 60, or quote it if it is text"
    )
