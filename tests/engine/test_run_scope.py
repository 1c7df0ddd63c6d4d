"""What a run reads and judges: the profile's paths, whole dossiers, and only its own vendors' waivers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support import AS_OF, Run, copy_dossier, edit, line_of, run_vendorgate

EXPIRED_FOR_B = """waivers:
  - rule: IR-001
    vendor: b-*
    justification: accepted while the DPA is renegotiated
    approved_by: ciso@example.com
    expires_on: "2026-11-30"
"""


def check(repo: Path, *args: str | Path) -> Run:
    return run_vendorgate("check", *args, "--as-of", AS_OF, "--format", "json", cwd=repo)


def rule_ids(run: Run) -> list[str]:
    return sorted(f["rule_id"] for f in run.json()["findings"])


@pytest.fixture
def two_vendors(repo: Path) -> Path:
    """Clean dossiers a-co and b-co, and a waiver for b-* that expired the day before AS_OF."""
    copy_dossier(repo, "a-co")
    copy_dossier(repo, "b-co")
    (repo / "vendorgate.yaml").write_text(EXPIRED_FOR_B, encoding="utf-8")
    return repo


# -- point 8: a partial run judges only its own vendors' waivers -----------------------------


def test_a_run_over_one_vendor_does_not_judge_another_vendors_waiver(two_vendors: Path) -> None:
    run = check(two_vendors, "vendors/a-co")
    assert run.code == 0, run.stdout
    assert rule_ids(run) == []


def test_a_commit_of_vendor_a_is_not_failed_by_vendor_bs_expired_waiver(two_vendors: Path) -> None:
    run = check(two_vendors, "--expand-dossiers", "vendors/a-co/engagement.yaml")
    assert run.code == 0, run.stdout
    assert rule_ids(run) == []


def test_the_waivers_of_the_vendors_in_the_run_are_judged(two_vendors: Path) -> None:
    run = check(two_vendors, "--expand-dossiers", "vendors/b-co/contract.yaml")
    assert run.code == 1
    (found,) = run.json()["findings"]
    assert found["rule_id"] == "WVR-001"
    assert found["line"] == line_of(two_vendors / "vendorgate.yaml", "- rule: IR-001")


@pytest.mark.parametrize(
    "args",
    [
        (),
        (".",),
        ("vendors/a-co", "vendorgate.yaml"),
        ("--expand-dossiers", "vendors/a-co/engagement.yaml", "vendorgate.yaml"),
    ],
    ids=["no-paths", "root", "profile-checked", "profile-staged"],
)
def test_a_run_that_includes_the_profile_judges_every_waiver(
    two_vendors: Path, args: tuple[str, ...]
) -> None:
    run = check(two_vendors, *args)
    assert run.code == 1
    assert rule_ids(run) == ["WVR-001"]


@pytest.mark.parametrize(("args", "judged"), [((".",), True), ((), True), (("vendors",), False)])
def test_a_waiver_for_no_vendor_at_all_is_stale_only_when_the_profile_is_checked(
    two_vendors: Path, args: tuple[str, ...], judged: bool
) -> None:
    ghost = EXPIRED_FOR_B.replace("2026-11-30", "2027-06-30").replace("b-*", "ghost-*")
    (two_vendors / "vendorgate.yaml").write_text(ghost, encoding="utf-8")
    run = check(two_vendors, *args)
    assert rule_ids(run) == (["WVR-003"] if judged else [])


def test_a_stale_waiver_for_a_vendor_of_the_run_is_still_reported(two_vendors: Path) -> None:
    (two_vendors / "vendorgate.yaml").write_text(
        EXPIRED_FOR_B.replace("2026-11-30", "2027-06-30").replace("b-*", "a-*"), encoding="utf-8"
    )
    run = check(two_vendors, "vendors/a-co")
    assert rule_ids(run) == ["WVR-003"]


# -- point 9: the profile's paths ------------------------------------------------------------


@pytest.fixture
def archived(repo: Path) -> Path:
    """vendors/acme, plus an old copy of its contract in archive/, outside `paths: [vendors]`."""
    folder = copy_dossier(repo, "acme")
    (repo / "archive" / "acme").mkdir(parents=True)
    shutil.copy(folder / "contract.yaml", repo / "archive" / "acme" / "contract-2023.yaml")
    edit(repo / "archive" / "acme" / "contract-2023.yaml", "window_hours: 24", "window_hours: 96")
    (repo / "vendorgate.yaml").write_text("paths: [vendors]\n", encoding="utf-8")
    return repo


def test_the_hook_never_mixes_an_archive_outside_paths_into_a_dossier(archived: Path) -> None:
    run = check(archived, "--expand-dossiers", "vendors/acme/engagement.yaml")
    assert run.code == 0, run.stdout
    assert rule_ids(run) == []
    assert run.json()["summary"]["files_checked"] == 3


def test_the_hook_passes_over_a_staged_file_outside_paths(archived: Path) -> None:
    run = run_vendorgate(
        "check", "--expand-dossiers", "archive/acme/contract-2023.yaml", "--as-of", AS_OF, cwd=archived
    )
    assert (
        "note: archive/acme/contract-2023.yaml: archive/acme/contract-2023.yaml is outside the" in run.stdout
    )
    assert "IR-001" not in run.stdout


def test_check_without_paths_reads_only_the_profiles_paths(archived: Path) -> None:
    run = check(archived)
    assert run.code == 0, run.stdout
    assert run.json()["summary"]["files_checked"] == 3


def test_a_staged_profile_checks_every_dossier_under_paths(archived: Path) -> None:
    other = copy_dossier(archived, "other-co")
    edit(other / "contract.yaml", "window_hours: 24", "window_hours: 96")
    run = check(archived, "--expand-dossiers", "vendorgate.yaml")
    assert run.code == 1
    assert run.json()["summary"]["files_checked"] == 6
    assert {f["path"] for f in run.json()["findings"]} == {"vendors/other-co/contract.yaml"}


def test_without_paths_the_whole_repository_is_read(archived: Path) -> None:
    (archived / "vendorgate.yaml").write_text("thresholds: {}\n", encoding="utf-8")
    run = check(archived)
    assert run.code == 1
    assert "DOS-002" in rule_ids(run)


def test_paths_are_read_from_the_profiles_folder(
    archived: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("compliance") / "profile.yaml"
    elsewhere.write_text(f"paths: [{archived / 'vendors'}]\n", encoding="utf-8")
    run = check(archived, "--config", elsewhere)
    assert run.code == 0, run.stdout + run.stderr
    assert run.json()["summary"]["files_checked"] == 3


def test_a_paths_entry_that_is_not_a_folder_is_exit_2(repo: Path) -> None:
    copy_dossier(repo, "acme")
    (repo / "vendorgate.yaml").write_text("paths:\n  - vendors\n  - dossiers\n", encoding="utf-8")
    run = run_vendorgate("check", "--as-of", AS_OF, cwd=repo)
    assert run.code == 2
    assert run.stderr == (
        "vendorgate: error: vendorgate.yaml:3: the dossier folder dossiers does not exist"
        f" (read from {repo}); fix paths:\n"
    )


def test_a_paths_entry_outside_the_repository_is_exit_2(
    repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    copy_dossier(repo, "acme")
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (repo / "vendorgate.yaml").write_text(f"paths: [{elsewhere}]\n", encoding="utf-8")
    run = run_vendorgate("check", "--as-of", AS_OF, cwd=repo)
    assert run.code == 2
    assert run.stderr == (
        f"vendorgate: error: vendorgate.yaml:1: the dossier folder {elsewhere} is outside the repository"
        f" {repo}; list folders inside it under paths:\n"
    )


# -- DOS-002 names files, never internal ids ---------------------------------------------------


def test_dos_002_names_the_extra_file_and_the_one_the_rules_read(repo: Path) -> None:
    folder = copy_dossier(repo, "acme")
    shutil.copy(folder / "contract.yaml", folder / "contract-2024.yaml")
    run = check(repo)
    assert run.code == 1
    (found,) = run.json()["findings"]
    assert found["rule_id"] == "DOS-002"
    assert found["path"] == "vendors/acme/contract.yaml"
    assert found["message"] == (
        "document kind (kind) is ContractTerms, a second one for vendor acme; one ContractTerms per"
        " vendor allowed, and the rules read only vendors/acme/contract-2024.yaml: merge this one"
        " into it or delete it"
    )


def test_dos_002_gives_the_position_in_a_multi_document_file(repo: Path) -> None:
    folder = copy_dossier(repo, "acme")
    parts = [
        (folder / name).read_text(encoding="utf-8")
        for name in ("engagement.yaml", "contract.yaml", "contract.yaml")
    ]
    (folder / "all.yaml").write_text("---\n".join(p for p in parts), encoding="utf-8")
    for name in ("engagement.yaml", "contract.yaml"):
        (folder / name).unlink()
    run = check(repo)
    (found,) = [f for f in run.json()["findings"] if f["rule_id"] == "DOS-002"]
    assert found["message"] == (
        "document kind (kind) is ContractTerms, a second one for vendor acme; one ContractTerms per"
        " vendor allowed, and the rules read only document 2 of vendors/acme/all.yaml: merge this"
        " one into it or delete it"
    )
