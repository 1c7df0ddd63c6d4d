"""Evidence files are resolved inside the repository, must exist, and must match a stated SHA-256."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import pytest

from vendorgate.evidence import evidence_facts
from vendorgate.model import Document


def attestation(folder: Path, items: list[dict[str, Any]]) -> Document:
    folder.mkdir(parents=True, exist_ok=True)
    return Document(
        id="a",
        path=folder / "attestation.yaml",
        relpath="vendors/x/attestation.yaml",
        index=0,
        body={"certifications": items, "documents": [{"type": "security-policy", "evidence": "p.pdf"}]},
        positions={},
    )


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "vendors" / "x" / "evidence"
    folder.mkdir(parents=True)
    (folder / "soc2.pdf").write_bytes(b"report")
    return tmp_path


def statuses(root: Path, items: list[dict[str, Any]]) -> list[tuple[str, str]]:
    doc = attestation(root / "vendors" / "x", items)
    return [(f["item"], f["status"]) for f in evidence_facts(doc, root)]


def test_present_file_with_matching_hash_is_ok(root: Path) -> None:
    digest = hashlib.sha256(b"report").hexdigest().upper()
    assert statuses(root, [{"type": "soc2", "evidence": "evidence/soc2.pdf", "sha256": digest}])[0] == (
        "/certifications/0",
        "ok",
    )


def test_hash_mismatch_reports_both_hashes(root: Path) -> None:
    doc = attestation(
        root / "vendors" / "x", [{"type": "soc2", "evidence": "evidence/soc2.pdf", "sha256": "0" * 64}]
    )
    fact = evidence_facts(doc, root)[0]
    assert fact["status"] == "mismatch"
    assert fact["expected"] == "0" * 64
    assert fact["actual"] == hashlib.sha256(b"report").hexdigest()


@pytest.mark.parametrize(
    ("evidence", "status"),
    [
        ("evidence/none.pdf", "missing"),
        ("evidence", "missing"),
        ("../../../outside.pdf", "outside"),
        ("/etc/passwd", "outside"),
    ],
)
def test_paths_that_do_not_lead_to_a_file_inside_the_repo(root: Path, evidence: str, status: str) -> None:
    (root.parent / "outside.pdf").write_bytes(b"x")
    assert statuses(root, [{"type": "soc2", "evidence": evidence}])[0][1] == status


def test_symlink_out_of_the_repository_is_outside(
    root: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    secret = tmp_path_factory.mktemp("elsewhere") / "secret.pdf"
    secret.write_bytes(b"x")
    os.symlink(secret, root / "vendors" / "x" / "evidence" / "link.pdf")
    assert statuses(root, [{"type": "soc2", "evidence": "evidence/link.pdf"}])[0][1] == "outside"


def test_documents_items_are_checked_too(root: Path) -> None:
    assert ("/documents/0", "missing") in statuses(root, [])
