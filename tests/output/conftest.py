"""Fixtures for the output-format tests: hand-built reports, golden files and the SARIF schema.

Golden files live in tests/output/golden/ and are compared byte for byte. After an intended
change of a format, regenerate them with

    UPDATE_GOLDEN=1 pytest tests/output

and review the diff before committing it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from vendorgate.model import (
    FailOn,
    Finding,
    Level,
    Notice,
    Position,
    Report,
    RuleInfo,
    Suppression,
)

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
REPO_ROOT = Path(__file__).resolve().parents[2]
SARIF_SCHEMA = REPO_ROOT.parent / "shared" / "reference" / "sarif-schema-2.1.0.json"

MakeFinding = Callable[..., Finding]


def _finding(
    *,
    rule_id: str = "IR-001",
    level: Level = Level.ERROR,
    message: str = "breach notification window is 96 h; at most 72 h allowed (GDPR Art. 33)",
    path: str = "vendors/acme-ai/attestation.yaml",
    line: int = 12,
    column: int = 5,
    end_line: int | None = None,
    end_column: int | None = None,
    pointer: str = "/spec/incident_response/window_hours",
    vendor: str | None = "acme-ai",
    suppression: Suppression | None = None,
) -> Finding:
    return Finding(
        rule_id=rule_id,
        level=level,
        message=message,
        path=path,
        position=Position(
            line=line,
            column=column,
            end_line=line if end_line is None else end_line,
            end_column=column + 10 if end_column is None else end_column,
        ),
        pointer=pointer,
        vendor=vendor,
        suppression=suppression,
    )


@pytest.fixture
def make_finding() -> MakeFinding:
    """A Finding factory: every argument has a realistic default, override what matters."""
    return _finding


RULES: dict[str, RuleInfo] = {
    "IR-001": RuleInfo(
        id="IR-001",
        title="Breach notification window too long",
        description="The vendor must notify the controller of a personal-data breach within "
        "72 hours of becoming aware of it.",
        level=Level.ERROR,
        source="GDPR Art. 33(2); DORA Art. 19",
        help="Set `incident_response.window_hours` to **72** or less, and make the contract say the same.",
        tags=("incident-response", "gdpr"),
        security_severity=8.0,
        precision="very-high",
        area="incident-response",
    ),
    "ENC-001": RuleInfo(
        id="ENC-001",
        title="Data at rest not encrypted with AES-256",
        description="Customer data at rest must be encrypted with AES-256 or stronger.",
        level=Level.ERROR,
        source="ISO/IEC 27001:2022 A.8.24",
        help="Attest `encryption.at_rest.algorithm: AES-256` (or stronger).",
        tags=("encryption", "iso27001", "security"),
        security_severity=7.5,
        precision="high",
    ),
    "TRN-001": RuleInfo(
        id="TRN-001",
        title="Insecure transfer channel",
        description="Every transfer channel must use TLS 1.2 or later.",
        level=Level.ERROR,
        source="NIST SP 800-52 Rev. 2",
        help="Replace plain `ftp` or `http` channels with `sftp` or `https` (TLS >= 1.2).",
        tags=("transfer",),
        security_severity=6.5,
    ),
    "GOV-002": RuleInfo(
        id="GOV-002",
        title="AI training on customer data not excluded",
        description="The contract must forbid training models on customer data.",
        level=Level.WARNING,
        source="EU AI Act Art. 10",
        help="Add `ai.training_on_customer_data: false` to the contract terms.",
        tags=("ai", "eu-ai-act"),
        security_severity=4.0,
        precision="medium",
    ),
    "SCH-002": RuleInfo(
        id="SCH-002",
        title="Schema violation",
        description="A document does not match the JSON Schema of its kind.",
        level=Level.ERROR,
        source="docs/dossier-format.md",
        help="Correct the field so that it matches the schema.",
        tags=("schema",),
    ),
}


def _full_report() -> Report:
    """Two vendors, a vendor-less schema error, a weaker finding, waivers and notices."""
    findings = (
        _finding(),
        _finding(
            rule_id="ENC-001",
            message="data at rest is encrypted with AES-128; AES-256 or stronger required",
            line=20,
            column=7,
            pointer="/spec/encryption/at_rest/algorithm",
        ),
        _finding(
            rule_id="TRN-001",
            level=Level.WARNING,
            message="transfer channel 'reports' uses ftp; sftp or https required",
            line=31,
            column=9,
            pointer="/spec/transfer/channels/1/protocol",
        ),
        _finding(
            rule_id="GOV-002",
            level=Level.WARNING,
            message="contract does not exclude AI training on customer data",
            path="vendors/acme-ai/contract.yaml",
            line=1,
            column=1,
            pointer="/spec/ai",
        ),
        _finding(
            rule_id="DOS-004",
            level=Level.NOTE,
            message="evidence file 'soc2-2024.pdf' has no sha256",
            path="vendors/globex-ml/attestation.yaml",
            line=44,
            column=11,
            pointer="/spec/evidence/0/path",
            vendor="globex-ml",
        ),
        _finding(
            rule_id="TRN-001",
            message="transfer channel 'backup' uses http; sftp or https required",
            path="vendors/globex-ml/attestation.yaml",
            line=18,
            column=9,
            pointer="/spec/transfer/channels/0/protocol",
            vendor="globex-ml",
            suppression=Suppression(
                justification="legacy channel, replaced in Q3",
                approved_by="ciso@example.com",
                expires_on="2025-09-30",
                ticket="SEC-1234",
            ),
        ),
        _finding(
            rule_id="GOV-002",
            level=Level.WARNING,
            message="contract does not exclude AI training on customer data",
            path="vendors/globex-ml/contract.yaml",
            line=3,
            column=1,
            pointer="/spec/ai",
            vendor="globex-ml",
            suppression=Suppression(
                justification="covered by the DPA annex",
                approved_by="legal@example.com",
                expires_on="2026-01-31",
            ),
        ),
        _finding(
            rule_id="SCH-002",
            message="'kind' must be one of Engagement, VendorAttestation, ContractTerms",
            path="vendors/stray.yaml",
            line=2,
            column=1,
            pointer="/kind",
            vendor=None,
        ),
    )
    return Report(
        findings=findings,
        rules=RULES,
        as_of="2025-06-30",
        files_checked=6,
        dossiers=("acme-ai", "globex-ml"),
        notices=(
            Notice(message="skipped: not UTF-8", path="vendors/globex-ml/scan.json"),
            Notice(message="no dossier files found under docs/"),
        ),
        tool_version="0.1.0",
    )


@pytest.fixture
def full_report() -> Report:
    return _full_report()


@pytest.fixture
def clean_report() -> Report:
    """A run that checked one dossier and found nothing."""
    return Report(
        findings=(),
        rules=RULES,
        as_of="2025-06-30",
        files_checked=3,
        dossiers=("initech",),
        tool_version="0.1.0",
    )


@pytest.fixture
def failed_report() -> Report:
    """A run whose engine failed: nothing was evaluated, whatever the counts would say."""
    return Report(
        findings=(),
        rules=RULES,
        as_of="2025-06-30",
        files_checked=0,
        dossiers=(),
        fail_on=FailOn.WARNING,
        notices=(Notice(message="skipped: larger than 10 MiB", path="vendors/huge.yaml"),),
        execution_successful=False,
        error="OPA at http://127.0.0.1:8181 is unreachable: connection refused",
        tool_version="0.1.0",
    )


@pytest.fixture
def golden() -> Callable[[str, str], None]:
    """Compare `text` with golden/<name>; UPDATE_GOLDEN=1 rewrites the file instead."""

    def check(name: str, text: str) -> None:
        path = GOLDEN_DIR / name
        if os.environ.get("UPDATE_GOLDEN") == "1":
            GOLDEN_DIR.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="")
            return
        assert path.exists(), f"{path} is missing; create it with UPDATE_GOLDEN=1"
        assert text == path.read_text(encoding="utf-8")

    return check


@pytest.fixture(scope="session")
def sarif_schema() -> dict[str, Any]:
    if not SARIF_SCHEMA.is_file():
        pytest.skip(
            "../shared/reference/sarif-schema-2.1.0.json is absent: "
            f"cannot validate SARIF against the OASIS schema (looked at {SARIF_SCHEMA})"
        )
    schema: dict[str, Any] = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return schema


@pytest.fixture
def validate_sarif(sarif_schema: dict[str, Any]) -> Callable[[str], dict[str, Any]]:
    """Parse a SARIF text, assert it is valid SARIF 2.1.0, and return it."""
    from jsonschema import Draft7Validator

    validator = Draft7Validator(sarif_schema, format_checker=Draft7Validator.FORMAT_CHECKER)

    def validate(text: str) -> dict[str, Any]:
        log: dict[str, Any] = json.loads(text)
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(log)]
        assert errors == []
        return log

    return validate
