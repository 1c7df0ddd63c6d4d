"""Evidence files are resolved inside the repository, must exist, and must match a stated SHA-256."""

from __future__ import annotations

import errno
import hashlib
import os
from pathlib import Path
from typing import Any

import pytest

from support import make_long_path
from vendorgate.evidence import EvidenceChecker, evidence_facts
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


def fact_of(root: Path, item: dict[str, Any], **options: Any) -> dict[str, Any]:
    doc = attestation(root / "vendors" / "x", [item])
    return evidence_facts(doc, root, **options)[0]


def test_a_symlink_loop_is_unreadable_not_a_crash(root: Path) -> None:
    folder = root / "vendors" / "x" / "evidence"
    os.symlink("b.pdf", folder / "a.pdf")
    os.symlink("a.pdf", folder / "b.pdf")
    fact = fact_of(root, {"type": "soc2", "evidence": "evidence/a.pdf", "sha256": "0" * 64})
    assert fact["status"] == "unreadable"
    assert fact["reason"] == "a symbolic link loop"
    assert fact["remedy"] == "replace the link with the file itself"


def test_an_unreadable_file_is_unreadable(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests run as root, who can read anything: the refusal is simulated.
    locked = os.path.realpath(root / "vendors" / "x" / "evidence" / "soc2.pdf")
    real_open = os.open

    def refusing_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if os.fspath(path) == locked:
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    # Even with no sha256 stated, a file that cannot be read is not good evidence.
    fact = fact_of(root, {"type": "soc2", "evidence": "evidence/soc2.pdf"})
    assert (fact["status"], fact["reason"]) == ("unreadable", "permission denied")
    assert fact["remedy"] == "make it readable to the user running vendorgate"


def test_a_path_longer_than_the_system_allows_is_unreadable(root: Path) -> None:
    folder = root / "vendors" / "x"
    long = make_long_path(folder / "evidence", os.pathconf(root, "PC_PATH_MAX"))
    given = os.path.relpath(long, folder) + "/soc2.pdf"
    fact = fact_of(root, {"type": "soc2", "evidence": given})
    assert (fact["status"], fact["reason"]) == ("unreadable", "its path is longer than the system allows")


def test_a_file_over_the_size_limit_is_too_large_to_verify(root: Path) -> None:
    item = {"type": "soc2", "evidence": "evidence/soc2.pdf", "sha256": "0" * 64}
    assert fact_of(root, item, max_size=5) == {
        "doc": "a",
        "item": "/certifications/0",
        "path": "evidence/soc2.pdf",
        "status": "too_large",
        "size": 6,
        "limit": 5,
    }
    # At the limit it is hashed; without a stated sha256 there is nothing to hash.
    assert fact_of(root, item, max_size=6)["status"] == "mismatch"
    assert fact_of(root, {"type": "soc2", "evidence": "evidence/soc2.pdf"}, max_size=5)["status"] == "ok"


def test_each_real_file_is_hashed_once_per_run(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = root / "vendors" / "x"
    os.symlink("soc2.pdf", folder / "evidence" / "same.pdf")
    digest = hashlib.sha256(b"report").hexdigest()
    items = [
        {"type": "soc2", "evidence": "evidence/soc2.pdf", "sha256": digest},
        {"type": "iso", "evidence": "evidence/same.pdf", "sha256": digest},
        {"type": "pci", "evidence": "./evidence/../evidence/soc2.pdf", "sha256": "0" * 64},
    ]
    hashed: list[str] = []
    real_sha256 = hashlib.sha256

    def counting_sha256(*args: Any) -> Any:
        hashed.append("x")
        return real_sha256(*args)

    monkeypatch.setattr(hashlib, "sha256", counting_sha256)
    checker = EvidenceChecker(root)
    first = attestation(folder, items)
    second = attestation(folder, items[:1])
    facts = checker.facts(first) + checker.facts(second)
    assert [f["status"] for f in facts] == ["ok", "ok", "mismatch", "missing", "ok", "missing"]
    assert len(hashed) == 1
