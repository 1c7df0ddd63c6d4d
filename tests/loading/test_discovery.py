"""Discovery finds every dossier file and passes over only what the format contract excludes."""

from __future__ import annotations

from pathlib import Path

from vendorgate.loading import discover


def test_walks_folders_and_skips_hidden_evidence_and_profile(tmp_path: Path) -> None:
    for name in [
        "vendors/a/engagement.yaml",
        "vendors/a/attestation.yml",
        "vendors/a/contract.json",
        "vendors/a/evidence/report.yaml",
        "vendors/.hidden/x.yaml",
        "vendors/a/.draft.yaml",
        "vendors/a/notes.txt",
        "vendorgate.yaml",
    ]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("a: 1\n", encoding="utf-8")
    files, notices = discover([tmp_path], tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in files] == [
        "vendors/a/attestation.yml",
        "vendors/a/contract.json",
        "vendors/a/engagement.yaml",
    ]
    assert notices == []


def test_missing_path_is_a_notice(tmp_path: Path) -> None:
    files, notices = discover([tmp_path / "nope"], tmp_path)
    assert files == []
    assert "does not exist" in notices[0].message
