"""`vendorgate check` never goes green on what it did not check, and one bad file never loses the run.

End to end on the real OPA (a separately started server, for speed): a misspelt or empty
path, a stray profile, a dossier document nobody reads, a link out of the repository, and
files that cannot be read at all.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from support import AS_OF, VENDORGATE, Run, copy_dossier, edit, run_vendorgate


def check(repo: Path, opa: str, *args: str | Path) -> Run:
    return run_vendorgate("check", *args, "--as-of", AS_OF, "--opa-url", opa, cwd=repo)


def rule_results(report: dict[str, Any], rule: str) -> list[dict[str, Any]]:
    return [f for f in report["findings"] if f["rule_id"] == rule]


def test_a_misspelt_path_is_exit_2_naming_it(clean_repo: Path, opa_server: str) -> None:
    # A newcomer typed acme-ai for clean-co: this once checked nothing and passed.
    run = check(clean_repo, opa_server, "vendors/acme-ai", "--format", "json")
    assert run.code == 2
    assert run.stderr == "vendorgate: error: vendors/acme-ai does not exist; check the paths\n"
    assert run.json()["execution_successful"] is False


def test_a_run_that_finds_no_dossier_document_is_exit_2(repo: Path, opa_server: str) -> None:
    (repo / "vendors" / "acme").mkdir(parents=True)
    (repo / "vendors" / "acme" / "notes.md").write_text("# to do\n", encoding="utf-8")
    run = check(repo, opa_server, "vendors")
    assert run.code == 2
    assert run.stderr == "vendorgate: error: no dossier documents under vendors/; check the paths\n"
    assert run.stdout == ""


@pytest.mark.parametrize("where", ["vendors/vendorgate.yaml", "vendors/clean-co/vendorgate.yaml"])
def test_a_stray_profile_is_exit_2_and_its_policies_never_load(
    clean_repo: Path, opa_server: str, where: str
) -> None:
    # A profile in vendors/ once switched every rule off; one in a vendor's folder loaded
    # that vendor's own Rego. The Rego here would not even compile.
    (clean_repo / "evil").mkdir()
    (clean_repo / "evil" / "x.rego").write_text("package vendorgate.custom.x\nnot rego\n", encoding="utf-8")
    stray = clean_repo / where
    stray.write_text(
        "rules: {IR-001: {enabled: false, reason: mine}}\npolicies: [../../evil]\n", encoding="utf-8"
    )
    run = check(clean_repo, opa_server, ".")
    assert run.code == 2
    assert run.stderr == (
        f"vendorgate: error: {where}: a profile is read only from the repository root or --config;"
        " move its settings there and delete this file\n"
    )


def test_the_profile_given_by_config_is_not_stray(clean_repo: Path, opa_server: str) -> None:
    profile = clean_repo / "config" / "vendorgate.yaml"
    profile.parent.mkdir()
    profile.write_text("thresholds: {}\n", encoding="utf-8")
    run = check(clean_repo, opa_server, ".", "--config", profile)
    assert run.code == 0, run.stderr


def test_a_dossier_document_nobody_reads_fails_the_gate(clean_repo: Path, opa_server: str) -> None:
    hidden = clean_repo / "vendors" / "clean-co" / ".old" / "contract.yaml"
    hidden.parent.mkdir()
    shutil.copy(clean_repo / "vendors" / "clean-co" / "contract.yaml", hidden)
    backup = clean_repo / "vendors" / "clean-co" / "engagement.yaml.bak"
    shutil.copy(clean_repo / "vendors" / "clean-co" / "engagement.yaml", backup)
    workflow = clean_repo / ".github" / "workflows" / "ci.yaml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text("on: push\njobs: {}\n", encoding="utf-8")

    run = check(clean_repo, opa_server, ".", "--format", "json")

    assert run.code == 1, run.stderr
    results = {f["path"]: f for f in run.json()["findings"]}
    assert set(results) == {"vendors/clean-co/.old/contract.yaml", "vendors/clean-co/engagement.yaml.bak"}
    assert all(f["rule_id"] == "SCH-001" and f["level"] == "error" for f in results.values())
    assert results["vendors/clean-co/.old/contract.yaml"]["message"].startswith(
        "this file holds a ContractTerms document but is not read: it is in the hidden folder"
        " vendors/clean-co/.old"
    )
    assert "rename it to engagement.yaml" in results["vendors/clean-co/engagement.yaml.bak"]["message"]


def test_a_symlinked_vendor_folder_inside_the_repository_is_checked(repo: Path, opa_server: str) -> None:
    archive = copy_dossier(repo, "slow-co").rename(repo / "slow-co-2026")
    edit(archive / "contract.yaml", "window_hours: 24", "window_hours: 96")
    (repo / "vendors").mkdir(exist_ok=True)
    (repo / "vendors" / "slow-co").symlink_to(archive, target_is_directory=True)
    run = check(repo, opa_server, "vendors", "--format", "json")
    assert run.code == 1, run.stderr
    (result,) = run.json()["findings"]
    assert (result["rule_id"], result["path"]) == ("IR-001", "vendors/slow-co/contract.yaml")


def test_expand_dossiers_with_no_dossier_file_among_the_staged_is_a_notice(
    clean_repo: Path, opa_server: str
) -> None:
    # pre-commit passes the staged files its `files:` pattern selects; a notebook under
    # vendors/ is one. The dossiers themselves are judged by the full run in CI.
    notebook = clean_repo / "vendors" / "analysis.ipynb"
    notebook.write_text("{}\n", encoding="utf-8")
    run = check(clean_repo, opa_server, "--expand-dossiers", notebook, "--format", "json")
    assert run.code == 0, run.stderr
    messages = [n["message"] for n in run.json()["notices"]]
    assert "none of the given files is a dossier document; nothing to check" in messages


@pytest.fixture
def broken_repo(repo: Path) -> Path:
    """A failing dossier (IR-001) beside files that cannot be read in five different ways."""
    folder = copy_dossier(repo, "slow-co")
    edit(folder / "contract.yaml", "window_hours: 24", "window_hours: 96")
    # A file name that is not UTF-8.
    (folder / os.fsdecode(b"notes-\xff.yaml")).write_text("kind: Engagement\n", encoding="utf-8")
    # An evidence symlink loop, cited by the attestation.
    evidence = folder / "evidence"
    os.symlink("loop-b.txt", evidence / "loop-a.txt")
    os.symlink("loop-a.txt", evidence / "loop-b.txt")
    edit(
        folder / "attestation.yaml",
        "    evidence: evidence/soc2-type2-2026.txt",
        "    evidence: evidence/loop-a.txt",
    )
    # A tree deeper than the limit.
    deep = repo / "vendors" / Path(*["d"] * 70)
    deep.mkdir(parents=True)
    return repo


def test_one_bad_file_never_loses_the_run(broken_repo: Path, opa_server: str, sarif_validator: Any) -> None:
    out = broken_repo / "out"
    out.mkdir()
    run = check(
        broken_repo,
        opa_server,
        "vendors",
        *("-f", "text", "-o", out / "report.txt"),
        *("-f", "json", "-o", out / "report.json"),
        *("-f", "sarif", "-o", out / "report.sarif"),
    )
    assert run.code == 1, run.stderr
    assert run.stderr == ""

    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["execution_successful"] is True
    assert [f["path"] for f in rule_results(report, "IR-001")] == ["vendors/slow-co/contract.yaml"]
    (loop,) = rule_results(report, "DOS-004")
    assert loop["message"] == (
        "evidence file (certifications[0].evidence) is evidence/loop-a.txt, which cannot be read:"
        " a symbolic link loop; a readable file required: replace the link with the file itself"
        " (CSA CCM v4 STA-14)"
    )
    unread = {f["path"]: f["message"] for f in rule_results(report, "SCH-001")}
    assert set(unread) == {"vendors/slow-co/notes-\\xff.yaml", "vendors/" + "/".join(["d"] * 65)}

    text = (out / "report.txt").read_text(encoding="utf-8")
    assert "IR-001" in text
    assert "DOS-004" in text
    assert "vendors/slow-co/notes-\\xff.yaml" in text

    sarif = json.loads((out / "report.sarif").read_text(encoding="utf-8"))
    assert list(sarif_validator.iter_errors(sarif)) == []
    rules = sorted(r["ruleId"] for r in sarif["runs"][0]["results"])
    assert rules == ["DOS-004", "IR-001", "SCH-001", "SCH-001"]


def test_evidence_over_the_size_limit_is_dos_004(repo: Path, opa_server: str) -> None:
    copy_dossier(repo, "big-co")
    run = check(repo, opa_server, ".", "--format", "json", "--max-evidence-size", "10")
    assert run.code == 1, run.stderr
    (result,) = run.json()["findings"]
    assert result["rule_id"] == "DOS-004"
    assert result["path"] == "vendors/big-co/attestation.yaml"
    assert "over the limit of 10 bytes, so its sha256 cannot be verified" in result["message"]
    assert "raise --max-evidence-size or store a smaller file" in result["message"]


def _can_run_as_nobody() -> str | None:
    if os.geteuid() != 0:
        return "not root: cannot run as another user to make a folder unreadable"
    if shutil.which("setpriv") is None:
        return "setpriv is not installed"
    return None


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder another user can read (pytest's own are private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="vendorgate-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder)


def test_a_folder_the_user_cannot_list_is_sch_001(shared_dir: Path, opa_server: str) -> None:
    reason = _can_run_as_nobody()
    if reason is not None:
        pytest.skip(reason)
    repo = shared_dir / "repo"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    copy_dossier(repo, "open-co")
    locked = copy_dossier(repo, "locked-co")
    edit(locked / "contract.yaml", "window_hours: 24", "window_hours: 96")
    for path in [repo, *repo.rglob("*")]:
        if ".git" not in path.parts:
            path.chmod(0o755 if path.is_dir() else 0o644)
    locked.chmod(0o000)
    as_nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    done = subprocess.run(
        [*as_nobody, str(VENDORGATE), "check", ".", "--as-of", AS_OF, "--opa-url", opa_server, "-f", "json"],
        cwd=repo,
        env={
            "PATH": os.environ.get("PATH", ""),
            "HOME": str(shared_dir),
            "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
        },
        capture_output=True,
        text=True,
        check=False,
    )
    locked.chmod(0o755)
    assert done.returncode == 1, done.stderr
    (result,) = json.loads(done.stdout)["findings"]
    assert result["rule_id"] == "SCH-001"
    assert result["path"] == "vendors/locked-co"
    assert result["message"].startswith("the folder cannot be listed (Permission denied)")
