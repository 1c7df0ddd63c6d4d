"""Matching a run against a baseline: never across vendors, files or kinds, never across a changed value."""

from __future__ import annotations

from dataclasses import replace

from vendorgate.baseline import classify, value_hash
from vendorgate.model import Finding, Level, Position, Report

AT = Position(line=3, column=5, end_line=3, end_column=9)
BASE = Finding(
    rule_id="ENC-002",
    level=Level.ERROR,
    message="algorithm is 3DES-CBC",
    path="vendors/alpha/attestation.yaml",
    position=AT,
    pointer="/encryption/at_rest/algorithm",
    vendor="alpha",
    kind="VendorAttestation",
    value_hash=value_hash("3DES-CBC"),
)


def report(*findings: Finding) -> Report:
    return Report(findings=findings, rules={}, as_of="2026-12-01", files_checked=1, dossiers=("alpha",))


def states(current: Finding, baseline: Finding) -> tuple[str | None, tuple[Finding, ...]]:
    classified = classify(report(current), [baseline], fail_on_new=True)
    return classified.findings[0].baseline_state, classified.fixed


def test_same_rule_vendor_kind_file_pointer_and_value_is_unchanged() -> None:
    assert states(BASE, BASE) == ("unchanged", ())


def test_a_changed_value_is_updated_not_unchanged() -> None:
    assert states(replace(BASE, value_hash=value_hash("DES")), BASE) == ("updated", ())


def test_no_match_across_vendors() -> None:
    other = replace(BASE, vendor="beta", path="vendors/beta/attestation.yaml")
    assert states(other, BASE) == ("new", (BASE,))


def test_no_match_across_files_of_one_vendor() -> None:
    other = replace(BASE, path="vendors/alpha/attestation-2025.yaml")
    assert states(other, BASE) == ("new", (BASE,))


def test_no_match_across_document_kinds() -> None:
    assert states(replace(BASE, kind="VendorContract"), BASE) == ("new", (BASE,))


def test_an_equal_value_is_matched_before_a_changed_one() -> None:
    # Two results of one rule at one pointer: the one whose value did not change stays unchanged.
    changed = replace(BASE, message="other", value_hash=value_hash("RC4"))
    classified = classify(
        report(changed, BASE), [BASE, replace(BASE, value_hash=value_hash("DES"))], fail_on_new=True
    )
    assert [f.baseline_state for f in classified.findings] == ["updated", "unchanged"]


def test_fail_on_new_lets_only_new_and_updated_fail_the_gate() -> None:
    assert classify(report(BASE), [BASE], fail_on_new=True).exit_code == 0
    assert classify(report(BASE), [BASE], fail_on_new=False).exit_code == 1
    updated = replace(BASE, value_hash=value_hash("DES"))
    assert classify(report(updated), [BASE], fail_on_new=True).exit_code == 1
