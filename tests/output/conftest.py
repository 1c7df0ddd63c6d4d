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

from vendorgate.catalog import builtin_catalog
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

# The findings below copy what the real policies write (rule, level, document, pointer and
# message) for the dossier values they describe; test_golden_fixtures.py holds them to it.
IR_001_MESSAGE = (
    "breach notification window (breach_notification.window_hours) is 96 h;"
    " at most 72 h allowed (GDPR Art. 33(1))"
)


def _finding(
    *,
    rule_id: str = "IR-001",
    level: Level = Level.ERROR,
    message: str = IR_001_MESSAGE,
    path: str = "vendors/acme-ai/contract.yaml",
    line: int = 12,
    column: int = 5,
    end_line: int | None = None,
    end_column: int | None = None,
    pointer: str = "/breach_notification/window_hours",
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


def _catalog_rules(*ids: str) -> dict[str, RuleInfo]:
    """The real catalog's descriptors of `ids`, so that the golden files show what users see."""
    catalog = builtin_catalog()
    return {rule_id: catalog[rule_id] for rule_id in ids}


RULES: dict[str, RuleInfo] = _catalog_rules(
    "IR-001", "ENC-002", "LOG-003", "AI-001", "TRN-001", "EXIT-003", "SCH-002"
)


def _full_report() -> Report:
    """Two vendors, a vendor-less schema error, a weaker finding, waivers and notices."""
    findings = (
        _finding(),
        _finding(
            rule_id="ENC-002",
            message="encryption-at-rest algorithm (encryption.at_rest.algorithm) is 3DES-CBC; a strong"
            " cipher such as AES-256-GCM required, not DES, 3DES, TDEA or RC4 (NIST SP 800-131A r2)",
            path="vendors/acme-ai/attestation.yaml",
            line=20,
            column=7,
            pointer="/encryption/at_rest/algorithm",
        ),
        _finding(
            rule_id="LOG-003",
            level=Level.WARNING,
            message="log immutability (logging.immutable) is false; must be true (PCI DSS 4.0.1 10.3.2)",
            path="vendors/acme-ai/attestation.yaml",
            line=31,
            column=3,
            pointer="/logging/immutable",
        ),
        _finding(
            rule_id="AI-001",
            level=Level.WARNING,
            message="contractual prohibition of training on customer data (ai.training_prohibited)"
            " is false; must be true (11 CCR 7051(a))",
            line=58,
            column=3,
            pointer="/ai/training_prohibited",
        ),
        _finding(
            rule_id="LOG-003",
            level=Level.NOTE,
            message="customer log export (logging.customer_export) is false; must be true"
            " (GDPR Art. 28(3)(h))",
            path="vendors/globex-ml/attestation.yaml",
            line=44,
            column=3,
            pointer="/logging/customer_export",
            vendor="globex-ml",
        ),
        _finding(
            rule_id="TRN-001",
            message="transfer channel (transfer_channels[0]) is http; an encrypted channel such as"
            " https required (PCI DSS 4.0.1 4.2.1)",
            path="vendors/globex-ml/attestation.yaml",
            line=18,
            column=22,
            pointer="/transfer_channels/0",
            vendor="globex-ml",
            suppression=Suppression(
                justification="legacy channel, replaced in Q3",
                approved_by="ciso@example.com",
                expires_on="2025-09-30",
                ticket="SEC-1234",
            ),
        ),
        _finding(
            rule_id="EXIT-003",
            level=Level.WARNING,
            message="access revocation time at termination (termination.access_revocation_hours) is 72 h;"
            " 24 h or less recommended (PCI DSS 4.0.1 8.2.5)",
            path="vendors/globex-ml/contract.yaml",
            line=3,
            column=3,
            pointer="/termination/access_revocation_hours",
            vendor="globex-ml",
            suppression=Suppression(
                justification="covered by the DPA annex",
                approved_by="legal@example.com",
                expires_on="2026-01-31",
            ),
        ),
        _finding(
            rule_id="SCH-002",
            message="kind 'Vendor' is not a dossier kind; use one of Engagement, "
            "VendorAttestation, ContractTerms",
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
