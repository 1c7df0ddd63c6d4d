"""pre-commit's --expand-dossiers finds a vendor's other documents by a byte search, and the parse decides.

Only files that hold the vendor id's bytes are parsed; what joins the dossier is what the
parsed `vendor` says, and what cannot be read is still reported where it may be the vendor's.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from support import AS_OF, Run, copy_dossier, edit, run_vendorgate


def expand(repo: Path, *staged: str) -> Run:
    return run_vendorgate(
        "check", "--expand-dossiers", *staged, "--as-of", AS_OF, "--format", "json", cwd=repo
    )


def located(run: Run) -> list[tuple[str, str]]:
    return sorted((f["rule_id"], f["path"]) for f in run.json()["findings"])


def fail_breach_window(folder: Path) -> None:
    fail_breach_window_in(folder / "contract.yaml")


def fail_breach_window_in(contract: Path) -> None:
    edit(contract, "window_hours: 24", "window_hours: 96")


@pytest.fixture
def neighbours(repo: Path) -> Path:
    """Clean `acme`; `acme-ai` and `big-acme` (ids that contain acme) each failing IR-001."""
    copy_dossier(repo, "acme")
    for other in ("acme-ai", "big-acme"):
        fail_breach_window(copy_dossier(repo, other))
    return repo


def test_an_id_inside_other_ids_joins_only_its_own_documents(neighbours: Path) -> None:
    run = expand(neighbours, "vendors/acme/engagement.yaml")
    assert run.code == 0, run.stdout
    assert run.json()["summary"]["files_checked"] == 3
    assert run.json()["summary"]["dossiers"] == 1


def test_a_longer_id_is_judged_without_the_shorter_ones_documents(neighbours: Path) -> None:
    run = expand(neighbours, "vendors/acme-ai/engagement.yaml")
    assert run.code == 1
    assert located(run) == [("IR-001", "vendors/acme-ai/contract.yaml")]
    assert run.json()["summary"]["files_checked"] == 3


def test_a_file_that_mentions_the_id_but_names_another_vendor_stays_out(neighbours: Path) -> None:
    edit(
        neighbours / "vendors" / "acme-ai" / "engagement.yaml",
        "vendor: acme-ai",
        "vendor: acme-ai  # spun off from acme; see vendors/acme",
    )
    run = expand(neighbours, "vendors/acme/contract.yaml")
    assert run.code == 0, run.stdout
    assert run.json()["summary"]["files_checked"] == 3


@pytest.mark.parametrize(
    ("written", "suffix"),
    [
        ("vendor: 'acme'", ".yaml"),
        ('vendor: "acme"', ".yaml"),
        ('vendor: "\\x61cme"', ".yaml"),
        ("vendor: !!str acme", ".yaml"),
    ],
    ids=["single-quoted", "double-quoted", "escaped", "tagged"],
)
def test_the_id_written_in_any_yaml_form_joins_the_dossier(repo: Path, written: str, suffix: str) -> None:
    folder = copy_dossier(repo, "acme")
    fail_breach_window(folder)
    edit(folder / "contract.yaml", "vendor: acme", written)
    run = expand(repo, "vendors/acme/engagement.yaml")
    assert run.code == 1
    assert located(run) == [("IR-001", "vendors/acme/contract.yaml")]


def test_a_flow_style_document_in_another_folder_joins_the_dossier(repo: Path) -> None:
    copy_dossier(repo, "acme")
    copy_dossier(repo, "initech")
    notes = repo / "vendors" / "initech" / "acme-scope.yaml"
    notes.write_text("{apiVersion: vendorgate/v1, kind: Engagement, vendor: acme}\n", encoding="utf-8")
    run = expand(repo, "vendors/acme/attestation.yaml")
    assert run.code == 1
    paths = {path for _, path in located(run)}
    assert paths == {"vendors/initech/acme-scope.yaml"}
    assert run.json()["summary"]["files_checked"] == 4


def test_a_document_of_the_vendor_in_another_folder_is_judged_with_it(repo: Path) -> None:
    folder = copy_dossier(repo, "acme")
    copy_dossier(repo, "initech")
    contracts = repo / "vendors" / "contracts" / "2025"
    contracts.mkdir(parents=True)
    shutil.move(folder / "contract.yaml", contracts / "acme.yaml")
    fail_breach_window_in(contracts / "acme.yaml")
    shutil.copy(contracts / "acme.yaml", contracts / "acme-copy.yaml")
    run = expand(repo, "vendors/acme/engagement.yaml")
    assert run.code == 1
    assert located(run) == [
        ("DOS-002", "vendors/contracts/2025/acme.yaml"),
        ("IR-001", "vendors/contracts/2025/acme-copy.yaml"),
    ]
    assert run.json()["summary"]["files_checked"] == 4


def test_a_json_document_with_escapes_joins_the_dossier(repo: Path) -> None:
    folder = copy_dossier(repo, "acme")
    (folder / "extra.json").write_text(
        '{"apiVersion": "vendorgate/v1", "kind": "Engagement", "vendor": "\\u0061cme"}\n', encoding="utf-8"
    )
    run = expand(repo, "vendors/acme/contract.yaml")
    assert run.code == 1
    assert "vendors/acme/extra.json" in {path for _, path in located(run)}


@pytest.fixture
def unreadable(repo: Path) -> Path:
    """Clean acme and initech, each with a non-UTF-8 file and a FIFO in its folder."""
    for vendor in ("acme", "initech"):
        folder = copy_dossier(repo, vendor)
        (folder / "notes.yaml").write_bytes(b"kind: Engagement\nname: caf\xe9\n")
        os.mkfifo(folder / "pipe.yaml")
    return repo


def test_what_cannot_be_read_in_the_dossiers_folder_fails_the_commit(unreadable: Path) -> None:
    run = expand(unreadable, "vendors/acme/engagement.yaml")
    assert run.code == 1
    findings = {(f["rule_id"], f["path"]): f["message"] for f in run.json()["findings"]}
    assert set(findings) == {("SCH-001", "vendors/acme/notes.yaml"), ("SCH-001", "vendors/acme/pipe.yaml")}
    assert "not valid UTF-8" in findings["SCH-001", "vendors/acme/notes.yaml"]
    assert "not a regular file" in findings["SCH-001", "vendors/acme/pipe.yaml"]


def test_a_file_that_names_the_vendor_but_cannot_be_parsed_fails_the_commit(repo: Path) -> None:
    copy_dossier(repo, "acme")
    copy_dossier(repo, "initech")
    (repo / "vendors" / "initech" / "acme-contract.yaml").write_bytes(
        b"kind: ContractTerms\nvendor: acme\nnotes: caf\xe9\n"
    )
    (repo / "vendors" / "initech" / "broken.yaml").write_text("vendor: acme\nkind: [\n", encoding="utf-8")
    run = expand(repo, "vendors/acme/engagement.yaml")
    assert run.code == 1
    assert located(run) == [
        ("SCH-001", "vendors/initech/acme-contract.yaml"),
        ("SCH-001", "vendors/initech/broken.yaml"),
    ]


def test_another_vendors_unreadable_file_is_left_to_its_own_commit_and_ci(unreadable: Path) -> None:
    # Its bytes do not name acme and it is outside acme's folders: initech's commit and the
    # full run in CI report it.
    shutil.rmtree(unreadable / "vendors" / "acme")
    copy_dossier(unreadable, "acme")
    assert expand(unreadable, "vendors/acme/engagement.yaml").code == 0
    everything = run_vendorgate("check", "--as-of", AS_OF, "--format", "json", cwd=unreadable)
    assert located(everything) == [
        ("SCH-001", "vendors/initech/notes.yaml"),
        ("SCH-001", "vendors/initech/pipe.yaml"),
    ]
