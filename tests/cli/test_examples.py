"""The example dossiers, run through the CLI: each control area fails where planted, at the right line."""

from __future__ import annotations

import os
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

from support import AS_OF, EXAMPLES, REPO, run_vendorgate

EXPECTED: dict[str, set[str]] = {
    "dossier": {"DOS-003", "DOS-004"},
    "governance": {"GOV-001", "GOV-003", "GOV-004"},
    "certifications": {"CERT-001", "CERT-002", "CERT-006"},
    "encryption": {"ENC-001", "ENC-002", "TRN-001"},
    "access": {"ACC-001", "ACC-002"},
    "logging": {"LOG-002", "LOG-003"},
    "incident": {"IR-001"},
    "privacy": {"PRV-001"},
    "subprocessors": {"SUB-001", "SUB-002", "SUB-003"},
    "transfers": {"XFR-001", "XFR-002", "XFR-003"},
    "contract": {"CTR-001", "CTR-003", "CTR-004", "CTR-005"},
    "ai": {"AI-001", "AI-002"},
    "exit": {"EXIT-001", "EXIT-002", "EXIT-003", "EXIT-004"},
}


@cache
def findings() -> tuple[dict[str, object], ...]:
    run = run_vendorgate("check", EXAMPLES, "--as-of", AS_OF, "--format", "json", cwd=REPO)
    assert run.code == 1, run.stderr
    return tuple(run.json()["findings"])


def by_area() -> dict[str, set[str]]:
    from vendorgate.catalog import builtin_catalog

    rules = builtin_catalog()
    areas: dict[str, set[str]] = defaultdict(set)
    for found in findings():
        areas[rules[str(found["rule_id"])].area].add(str(found["rule_id"]))
    return areas


@pytest.mark.parametrize("area", sorted(EXPECTED))
def test_each_control_area_fails_where_planted(area: str) -> None:
    assert by_area()[area] == EXPECTED[area]


def test_clean_example_gives_no_result() -> None:
    assert [f for f in findings() if "northwind-ai" in str(f["path"])] == []


def test_every_result_points_at_the_line_of_its_key() -> None:
    for found in findings():
        pointer = str(found["pointer"])
        key = pointer.rsplit("/", 1)[-1]
        if not key or key.isdigit():
            continue
        line = (REPO / str(found["path"])).read_text(encoding="utf-8").splitlines()[int(found["line"]) - 1]  # type: ignore[call-overload]
        at = line[int(found["column"]) - 1 :]  # type: ignore[call-overload]
        # The key itself starts at the column, bare or quoted, and is followed by its colon.
        assert at.startswith((f"{key}:", f'"{key}":', f"'{key}':")), (found["rule_id"], pointer, line)


def test_examples_cover_multi_document_and_folder_layouts() -> None:
    paths = {Path(str(f["path"])).name for f in findings()}
    assert "dossier.yaml" in paths
    assert {"attestation.yaml", "contract.yaml", "engagement.yaml"} <= paths


def test_the_examples_read_as_their_golden_report() -> None:
    """The whole text report of the examples, every message as a reviewer reads it (catalog v2).

    After a deliberate change of a rule's wording, regenerate it with
    UPDATE_GOLDEN=1 pytest tests/cli/test_examples.py
    """
    run = run_vendorgate("check", "examples/vendors", "--as-of", AS_OF, "--format", "text", cwd=REPO)
    assert run.code == 1, run.stderr
    golden = Path(__file__).resolve().parent / "golden" / "examples.txt"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(run.stdout, encoding="utf-8")
    assert golden.exists(), f"{golden} is missing; create it with UPDATE_GOLDEN=1"
    assert run.stdout == golden.read_text(encoding="utf-8")
