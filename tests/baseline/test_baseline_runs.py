"""`check --baseline` and `--baseline-ref` end to end: the real OPA, a git repository of two commits."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from support import AS_OF, Run, copy_dossier, edit, run_vendorgate

ALPHA = "vendors/alpha"
BETA = "vendors/beta"


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t.invalid", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def check(repo: Path, *args: str | Path) -> Run:
    return run_vendorgate("check", "--as-of", AS_OF, "--root", repo, *args, repo / "vendors", cwd=repo)


@pytest.fixture
def two_commits(repo: Path) -> Path:
    """Base: alpha has ENC-002 (3DES) and IR-001 (96 h), beta IR-001 (96 h).
    Head: alpha's ENC-002 unchanged, its IR-001 at 120 h (updated), beta's IR-001 fixed and
    beta's algorithm 3DES (new)."""
    for vendor in ("alpha", "beta"):
        copy_dossier(repo, vendor)
        edit(repo / "vendors" / vendor / "contract.yaml", "window_hours: 24", "window_hours: 96")
    edit(repo / ALPHA / "attestation.yaml", "algorithm: AES-256-GCM", "algorithm: 3DES-CBC")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    edit(repo / ALPHA / "contract.yaml", "window_hours: 96", "window_hours: 120")
    edit(repo / BETA / "contract.yaml", "window_hours: 96", "window_hours: 24")
    edit(repo / BETA / "attestation.yaml", "algorithm: AES-256-GCM", "algorithm: 3DES-CBC")
    git(repo, "commit", "-qam", "head")
    return repo


def states(data: dict[str, Any]) -> set[tuple[str, str, str]]:
    return {(f["vendor"], f["rule_id"], f["baseline_state"]) for f in data["findings"]}


EXPECTED = {("alpha", "ENC-002", "unchanged"), ("alpha", "IR-001", "updated"), ("beta", "ENC-002", "new")}


def base_report(repo: Path, tmp_path: Path) -> Path:
    """The JSON report of the base commit, written from a checkout of it."""
    git(repo, "checkout", "-q", "HEAD~1")
    report = tmp_path / "base.json"
    try:
        run = check(repo, "--format", "json", "--output", report)
        assert run.code == 1, run.stderr
    finally:
        git(repo, "checkout", "-q", "-")
    return report


def test_baseline_file_classifies_new_unchanged_updated_and_fixed(two_commits: Path, tmp_path: Path) -> None:
    report = base_report(two_commits, tmp_path)
    run = check(two_commits, "--format", "json", "--baseline", report)
    data = run.json()
    assert states(data) == EXPECTED
    assert [(f["vendor"], f["rule_id"]) for f in data["baseline"]["fixed"]] == [("beta", "IR-001")]
    assert data["baseline"]["by_state"] == {"new": 1, "updated": 1, "unchanged": 1}
    assert run.code == 1


def test_baseline_ref_gives_the_same_classification_and_leaves_no_worktree(two_commits: Path) -> None:
    run = check(two_commits, "--format", "json", "--baseline-ref", "HEAD~1")
    assert run.code == 1, run.stderr
    data = run.json()
    assert states(data) == EXPECTED
    assert [(f["vendor"], f["rule_id"]) for f in data["baseline"]["fixed"]] == [("beta", "IR-001")]
    assert git(two_commits, "worktree", "list").count("\n") == 1


def test_fail_on_new_fails_on_new_and_updated_only(two_commits: Path) -> None:
    assert check(two_commits, "--baseline-ref", "HEAD~1", "--fail-on-new").code == 1
    # Against itself every finding is unchanged: visible, marked existing, and the gate passes.
    run = check(two_commits, "--baseline-ref", "HEAD", "--fail-on-new")
    assert run.code == 0, run.stderr
    assert run.stdout.count("(existing)") == 3
    assert "0 new or updated, 3 existing, 0 fixed" in run.stdout
    # Without --fail-on-new the existing findings still fail the gate.
    assert check(two_commits, "--baseline-ref", "HEAD").code == 1


def test_sarif_carries_baseline_state_and_is_schema_valid(two_commits: Path, sarif_validator: Any) -> None:
    run = check(two_commits, "--format", "sarif", "--baseline-ref", "HEAD~1")
    sarif = json.loads(run.stdout)
    sarif_validator.validate(sarif)
    results = sarif["runs"][0]["results"]
    got = {(r["properties"]["vendor"], r["ruleId"], r["baselineState"]) for r in results}
    assert got == EXPECTED | {("beta", "IR-001", "absent")}
    # The file for code scanning holds no absent result: GitHub would show it as an open alert.
    omitted = json.loads(
        check(two_commits, "-f", "sarif", "--sarif-waived", "omit", "--baseline-ref", "HEAD~1").stdout
    )
    assert {r["baselineState"] for r in omitted["runs"][0]["results"]} == {"new", "updated", "unchanged"}


def test_summary_lists_new_findings_before_existing_ones(two_commits: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    check(two_commits, "--baseline-ref", "HEAD~1", "--fail-on-new", "--summary", summary)
    text = summary.read_text(encoding="utf-8")
    new = text.index("### New and updated findings")
    existing = text.index("### Existing findings")
    fixed = text.index("### Fixed since the baseline")
    assert new < text.index("beta: error ENC-002") < existing < text.index("alpha: error ENC-002") < fixed
    assert "IR-001" in text[new:existing]
    assert "(updated)" in text[new:existing]
    assert "IR-001" in text[fixed:]


def test_a_ref_that_does_not_exist_is_exit_2_before_any_run(two_commits: Path) -> None:
    run = check(two_commits, "--baseline-ref", "no-such-branch")
    assert run.code == 2
    assert "--baseline-ref 'no-such-branch' is not a commit" in run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize(
    ("content", "why"),
    [
        ("not json", "not JSON"),
        ('{"version": "2.1.0", "runs": []}', "no vendorgate tool"),
        ('{"schema_version": "1.0", "tool": {"name": "vendorgate"}, "findings": []}', "schema_version '1.0'"),
    ],
)
def test_a_baseline_file_that_is_not_a_vendorgate_report_is_exit_2(
    two_commits: Path, tmp_path: Path, content: str, why: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    run = check(two_commits, "--baseline", bad)
    assert run.code == 2
    assert f"is not a vendorgate JSON report ({why}" in run.stderr
    assert run.stderr.count("\n") == 1


def test_a_baseline_of_a_failed_run_is_exit_2(two_commits: Path, tmp_path: Path) -> None:
    report = base_report(two_commits, tmp_path)
    data = json.loads(report.read_text(encoding="utf-8"))
    data["execution_successful"] = False
    report.write_text(json.dumps(data), encoding="utf-8")
    run = check(two_commits, "--baseline", report)
    assert run.code == 2
    assert "could not evaluate" in run.stderr


def test_a_baseline_ref_that_cannot_be_evaluated_fails_closed(two_commits: Path) -> None:
    # The base holds a document that does not compile as a profile: the baseline run fails.
    (two_commits / "vendorgate.yaml").write_text("paths: [", encoding="utf-8")
    git(two_commits, "add", "-A")
    git(two_commits, "commit", "-qm", "broken profile")
    (two_commits / "vendorgate.yaml").unlink()
    git(two_commits, "commit", "-qam", "profile removed")
    run = check(two_commits, "--format", "json", "--baseline-ref", "HEAD~1", "--fail-on-new")
    assert run.code == 2
    assert "the baseline at HEAD~1 could not be evaluated" in run.stderr
    assert git(two_commits, "worktree", "list").count("\n") == 1


def test_a_dossier_the_base_does_not_have_is_all_new(two_commits: Path) -> None:
    copy_dossier(two_commits, "gamma")
    edit(
        two_commits / "vendors" / "gamma" / "attestation.yaml",
        "algorithm: AES-256-GCM",
        "algorithm: 3DES-CBC",
    )
    git(two_commits, "add", "-A")
    git(two_commits, "commit", "-qm", "onboard gamma")
    run = run_vendorgate(
        "check",
        "--as-of",
        AS_OF,
        "-f",
        "json",
        "--baseline-ref",
        "HEAD~1",
        "--fail-on-new",
        "vendors/gamma",
        cwd=two_commits,
    )
    assert run.code == 1, run.stderr
    assert states(run.json()) == {("gamma", "ENC-002", "new")}


def test_a_root_below_the_git_top_is_the_same_folder_at_the_ref(two_commits: Path) -> None:
    run = run_vendorgate(
        "check",
        "--as-of",
        AS_OF,
        "-f",
        "json",
        "--baseline-ref",
        "HEAD~1",
        "--root",
        two_commits / "vendors",
        "alpha",
        "beta",
        cwd=two_commits / "vendors",
    )
    assert run.code == 1, run.stderr
    assert states(run.json()) == EXPECTED
