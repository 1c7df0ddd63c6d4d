"""Where the profile comes from: --config FILE or vendorgate.yaml at the repository root, nothing else."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from support import AS_OF, REPO, copy_dossier, edit, run_vendorgate

CUSTOM = REPO / "examples" / "custom-policy"


def one_line(stderr: str) -> str:
    """The single stderr line of a run that stopped on a configuration error."""
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("vendorgate: error: "), stderr
    return lines[0]


def test_a_profile_in_a_vendor_folder_never_disables_the_rules(slow: Path) -> None:
    # Before, the walk up from vendors/slow-co found this file first and its
    # `rules:` switched IR-001 off: the run passed.
    (slow / "vendors" / "slow-co" / "vendorgate.yaml").write_text(
        "rules:\n  IR-001: {enabled: false, reason: the vendor says so}\n", encoding="utf-8"
    )
    run = run_vendorgate("check", "vendors/slow-co", "--as-of", AS_OF, "--fail-on", "warning", cwd=slow)
    assert run.code != 0, run.stdout


def test_config_outside_the_repository_reads_its_policies_from_its_own_folder(
    repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("compliance")
    shutil.copytree(CUSTOM / "policies", outside / "policies")
    (outside / "profile.yml").write_text(
        "thresholds:\n  breach_notification_max_hours: 48\npolicies: [policies/org]\n", encoding="utf-8"
    )
    folder = copy_dossier(repo, "orion-ml")
    edit(folder / "contract.yaml", "availability_pct: 99.9", "availability_pct: 99.5")
    edit(folder / "contract.yaml", "window_hours: 24", "window_hours: 60")
    run = run_vendorgate(
        "check", "--config", outside / "profile.yml", "--as-of", AS_OF, "--format", "json", cwd=repo
    )
    assert run.code == 1, run.stderr
    found = {(f["rule_id"], f["level"]) for f in run.json()["findings"]}
    assert found == {("ORG-001", "warning"), ("IR-001", "error")}


def test_the_root_profile_is_found_from_a_subfolder(slow: Path) -> None:
    stricter = "thresholds:\n  breach_notification_max_hours: 48\n"
    (slow / "vendorgate.yaml").write_text(stricter, encoding="utf-8")
    run = run_vendorgate("check", ".", "--as-of", AS_OF, "--format", "json", cwd=slow / "vendors" / "slow-co")
    assert run.code == 1, run.stderr
    assert [f["level"] for f in run.json()["findings"] if f["rule_id"] == "IR-001"] == ["error"]


def _fifo(repo: Path) -> Path:
    os.mkfifo(repo / "profile.yaml")
    return repo / "profile.yaml"


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda repo: repo / "missing.yaml", "does not exist; fix the path"),
        (lambda repo: repo / "vendors", "is a folder; name the profile file itself"),
        (_fifo, "is not a regular file (a FIFO, socket or device); name a YAML file"),
    ],
    ids=["missing", "folder", "fifo"],
)
@pytest.mark.parametrize("command", [("check",), ("rules",), ("explain", "IR-001"), ("test-policies",)])
def test_a_config_that_is_not_a_readable_file_is_exit_2_in_one_sentence(
    slow: Path, make: object, problem: str, command: tuple[str, ...]
) -> None:
    target = make(slow)  # type: ignore[operator]
    run = run_vendorgate(*command, "--config", target, cwd=slow, timeout=30)
    assert run.code == 2
    assert one_line(run.stderr) == f"vendorgate: error: the profile {target} given with --config {problem}"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file without read permission")
def test_an_unreadable_config_is_exit_2(slow: Path) -> None:
    target = slow / "profile.yaml"
    target.write_text("thresholds: {}\n", encoding="utf-8")
    target.chmod(0)
    run = run_vendorgate("check", "--config", target, cwd=slow)
    assert run.code == 2
    assert "given with --config cannot be read (Permission denied)" in one_line(run.stderr)


@pytest.mark.parametrize(
    "text",
    [
        'policies: ["org\\n::error::x"]\n',
        'paths: ["vendors\\u202e\\n::error::x"]\n',
        'rules:\n  "A\\n::error::x": {enabled: false, reason: x}\n',
        'waivers:\n  - {rule: "A\\n::error::x", vendor: x, justification: j, approved_by: me,'
        ' expires_on: "2027-01-01"}\n',
    ],
    ids=["policy-folder", "paths", "rule-key", "waiver-rule"],
)
def test_profile_errors_never_carry_a_control_character(slow: Path, text: str) -> None:
    (slow / "vendorgate.yaml").write_text(text, encoding="utf-8")
    run = run_vendorgate("check", "--as-of", AS_OF, cwd=slow)
    assert run.code == 2
    line = one_line(run.stderr)
    assert line.startswith("vendorgate: error: vendorgate.yaml:")
    assert "::error::x" in line  # shown, on the same line: never a workflow command
    assert "\u202e" not in line


def test_a_config_named_with_control_characters_is_escaped(slow: Path) -> None:
    run = run_vendorgate("check", "--config", "x\u202e\n::error::y.yaml", cwd=slow)
    assert run.code == 2
    assert one_line(run.stderr) == (
        "vendorgate: error: the profile x\\u202e ::error::y.yaml given with --config does not exist;"
        " fix the path"
    )


def test_rules_explain_and_test_policies_find_the_root_profile_as_check_does(repo: Path) -> None:
    shutil.copytree(CUSTOM / "policies", repo / "policies")
    (repo / "vendorgate.yaml").write_text("policies: [policies/org]\n", encoding="utf-8")
    below = repo / "vendors"
    below.mkdir()
    listed = run_vendorgate("rules", "--format", "json", cwd=below)
    assert listed.code == 0, listed.stderr
    assert "ORG-001" in {r["id"] for r in listed.json()}
    explained = run_vendorgate("explain", "ORG-001", cwd=below)
    assert explained.code == 0, explained.stderr
    assert explained.stdout.startswith("ORG-001: High-risk vendors need 99.9 % availability\n")
    tested = run_vendorgate("test-policies", cwd=below)
    assert tested.code == 0, tested.stdout + tested.stderr
    assert "PASS" in tested.stdout


def test_test_policies_without_a_profile_says_so(repo: Path) -> None:
    run = run_vendorgate("test-policies", cwd=repo)
    assert run.code == 2
    assert "vendorgate.yaml does not exist and no --config was given; nothing to test" in one_line(run.stderr)
