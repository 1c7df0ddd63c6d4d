"""The JSON format: the documented, versioned shape, sorted and complete."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from vendorgate.model import Finding, Report
from vendorgate.output import get_formatter
from vendorgate.output.json_format import SCHEMA_VERSION, JsonFormatter

DOC = Path(__file__).resolve().parents[2] / "docs" / "json-output.md"

TOP_KEYS = [
    "schema_version",
    "tool",
    "as_of",
    "execution_successful",
    "error",
    "exit_code",
    "fail_on",
    "summary",
    "findings",
    "notices",
    "baseline",
]
FINDING_KEYS = [
    "rule_id",
    "level",
    "message",
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "pointer",
    "vendor",
    "suppressed",
    "suppression",
    "kind",
    "value_hash",
    "baseline_state",
]


def render(report: Report) -> dict[str, Any]:
    text = JsonFormatter().render(report)
    assert text.endswith("}\n")
    data: dict[str, Any] = json.loads(text)
    return data


def test_full_report_matches_golden(full_report: Report, golden: Callable[[str, str], None]) -> None:
    golden("full.json", JsonFormatter().render(full_report))


def test_failed_report_matches_golden(failed_report: Report, golden: Callable[[str, str], None]) -> None:
    golden("failed.json", JsonFormatter().render(failed_report))


def test_registry_returns_json_formatter() -> None:
    assert isinstance(get_formatter("json"), JsonFormatter)


def test_shape_is_the_documented_one(full_report: Report) -> None:
    data = render(full_report)
    assert list(data) == TOP_KEYS
    assert data["schema_version"] == SCHEMA_VERSION == "1.1"
    assert data["tool"] == {"name": "vendorgate", "version": "0.1.0"}
    assert data["as_of"] == "2025-06-30"
    assert data["execution_successful"] is True
    assert data["error"] is None
    assert data["exit_code"] == 1
    assert data["fail_on"] == "error"
    assert data["summary"] == {
        "files_checked": 6,
        "dossiers": 2,
        "by_level": {"error": 3, "warning": 2, "note": 1},
        "waived": 2,
    }
    assert all(list(f) == FINDING_KEYS for f in data["findings"])
    assert all(list(n) == ["message", "path", "level"] for n in data["notices"])


def test_findings_are_sorted_and_include_waived_ones(full_report: Report) -> None:
    findings = render(full_report)["findings"]
    keys = [(f["path"], f["line"], f["column"], f["rule_id"]) for f in findings]
    assert keys == sorted(keys)
    assert len(findings) == len(full_report.findings)
    waived = [f for f in findings if f["suppressed"]]
    assert [f["suppression"] for f in waived] == [
        {
            "justification": "legacy channel, replaced in Q3",
            "approved_by": "ciso@example.com",
            "expires_on": "2025-09-30",
            "ticket": "SEC-1234",
        },
        {
            "justification": "covered by the DPA annex",
            "approved_by": "legal@example.com",
            "expires_on": "2026-01-31",
            "ticket": None,
        },
    ]
    assert all(f["suppression"] is None for f in findings if not f["suppressed"])


def test_finding_carries_position_pointer_and_vendor(full_report: Report) -> None:
    first = render(full_report)["findings"][0]
    assert first == {
        "rule_id": "ENC-002",
        "level": "error",
        "message": "encryption-at-rest algorithm (encryption.at_rest.algorithm) is 3DES-CBC; a strong"
        " cipher such as AES-256-GCM required, not DES, 3DES, TDEA or RC4 (NIST SP 800-131A r2)",
        "path": "vendors/acme-ai/attestation.yaml",
        "line": 20,
        "column": 7,
        "end_line": 20,
        "end_column": 17,
        "pointer": "/encryption/at_rest/algorithm",
        "vendor": "acme-ai",
        "suppressed": False,
        "suppression": None,
        "kind": None,
        "value_hash": None,
        "baseline_state": None,
    }


def test_failed_execution_has_error_and_exit_code_2(failed_report: Report) -> None:
    data = render(failed_report)
    assert data["execution_successful"] is False
    assert data["exit_code"] == 2
    assert data["error"].startswith("OPA at http://127.0.0.1:8181 is unreachable")
    assert data["fail_on"] == "warning"
    assert data["notices"] == [
        {"message": "skipped: larger than 10 MiB", "path": "vendors/huge.yaml", "level": "note"}
    ]


def test_waived_only_findings_exit_0(full_report: Report) -> None:
    only_waived = tuple(f for f in full_report.findings if f.suppressed)
    data = render(replace(full_report, findings=only_waived))
    assert data["exit_code"] == 0
    assert data["summary"]["by_level"] == {"error": 0, "warning": 0, "note": 0}
    assert data["summary"]["waived"] == 2


def test_every_field_is_documented(full_report: Report) -> None:
    documented = set(re.findall(r"`([a-z_]+)`", DOC.read_text(encoding="utf-8")))
    data = render(full_report)
    fields = set(TOP_KEYS) | set(FINDING_KEYS) | set(data["summary"]) | set(data["tool"])
    fields |= set(data["summary"]["by_level"]) | {"message", "path", "level"}
    fields |= {key for f in data["findings"] if f["suppression"] for key in f["suppression"]}
    fields |= {"fail_on_new", "by_state", "fixed", "new", "updated", "unchanged"}
    assert fields - documented == set()


def test_findings_use_model_sort_order(full_report: Report) -> None:
    expected = [f.rule_id for f in sorted(full_report.findings, key=Finding.sort_key)]
    assert [f["rule_id"] for f in render(full_report)["findings"]] == expected
