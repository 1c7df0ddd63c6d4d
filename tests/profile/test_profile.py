"""vendorgate.yaml: thresholds, level overrides, disabled rules, waivers with expiry, custom policies."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from support import AS_OF, REPO, Run, copy_dossier, edit, line_of, run_vendorgate


def check(repo: Path, *args: str) -> Run:
    return run_vendorgate("check", repo / "vendors", "--as-of", AS_OF, *args, cwd=repo)


def active(run: Run) -> list[dict[str, object]]:
    return [f for f in run.json()["findings"] if not f["suppressed"]]


def profile(repo: Path, text: str) -> Path:
    path = repo / "vendorgate.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_without_profile_the_catalog_defaults_apply(slow: Path) -> None:
    run = check(slow, "--format", "json")
    assert run.code == 0
    assert [(f["rule_id"], f["level"]) for f in active(run)] == [("IR-001", "warning")]


def test_threshold_override_changes_the_result(slow: Path) -> None:
    profile(slow, "thresholds:\n  breach_notification_max_hours: 48\n")
    run = check(slow, "--format", "json")
    assert run.code == 1
    (found,) = active(run)
    assert found["level"] == "error"
    assert "at most 48 h allowed" in str(found["message"])


def test_level_override_replaces_the_level(slow: Path) -> None:
    profile(slow, "rules:\n  IR-001: {level: error, reason: board decision 2026-11}\n")
    run = check(slow, "--format", "json")
    assert run.code == 1
    assert [(f["rule_id"], f["level"]) for f in active(run)] == [("IR-001", "error")]


def test_disabled_rule_gives_no_result(slow: Path) -> None:
    profile(slow, "rules:\n  IR-001: {enabled: false, reason: covered by the annual review}\n")
    run = check(slow, "--format", "json", "--fail-on", "note")
    assert run.code == 0
    assert active(run) == []


def test_config_option_names_another_profile(slow: Path) -> None:
    other = slow / "strict.yaml"
    other.write_text("thresholds:\n  breach_notification_max_hours: 48\n", encoding="utf-8")
    shutil.move(str(other), str(slow / "profiles-strict.yml"))
    run = check(slow, "--format", "json", "--config", str(slow / "profiles-strict.yml"))
    assert run.code == 1


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        (
            "thresholds:\n  breach_notification_max_hours: 48\n  breach_window: 3\n",
            3,
            "unknown key 'breach_window'",
        ),
        ("rules:\n  IR-001: {level: fatal, reason: x}\n", 2, "use one of: error, warning, note"),
        ("rules:\n  IR-001: {level: error}\n", 2, "required key 'reason' is missing"),
        ("waivers:\n  - rule: TRN-001\n    vendor: x\n", 2, "required key"),
        ("colour: blue\n", 1, "unknown key 'colour'"),
        ("rules:\n  NOPE-001: {enabled: false, reason: typo}\n", 2, "not a known rule"),
        ("policies: [does/not/exist]\n", 1, "does not exist"),
    ],
)
def test_profile_errors_name_file_and_line_and_exit_2(
    slow: Path, text: str, line: int, fragment: str
) -> None:
    profile(slow, text)
    run = check(slow)
    assert run.code == 2
    assert run.stderr.startswith(f"vendorgate: error: vendorgate.yaml:{line}: ")
    assert fragment in run.stderr
    assert "Traceback" not in run.stderr


WAIVER = """waivers:
  - rule: IR-001
    vendor: slow-*
    justification: 60 h accepted while the DPA is renegotiated
    approved_by: ciso@example.com
    expires_on: "{expires}"
    ticket: RISK-7
"""


def test_waiver_suppresses_with_justification_in_sarif_and_text(slow: Path) -> None:
    profile(slow, WAIVER.format(expires="2027-06-30"))
    run = check(slow, "--format", "sarif", "--fail-on", "warning")
    assert run.code == 0
    (result,) = run.json()["runs"][0]["results"]
    assert result["ruleId"] == "IR-001"
    (suppression,) = result["suppressions"]
    assert suppression["kind"] == "external"
    assert suppression["status"] == "accepted"
    assert suppression["justification"] == "60 h accepted while the DPA is renegotiated"
    text = check(slow, "--fail-on", "warning").stdout
    assert "waived:" in text
    assert "waived by ciso@example.com until 2027-06-30" in text


def test_expired_waiver_does_not_suppress_and_is_wvr_001_at_its_line(slow: Path) -> None:
    path = profile(slow, WAIVER.format(expires="2026-11-30"))
    run = check(slow, "--format", "json", "--fail-on", "warning")
    assert run.code == 1
    found = {f["rule_id"]: f for f in active(run)}
    assert found["IR-001"]["suppressed"] is False
    wvr = found["WVR-001"]
    assert wvr["level"] == "error"
    assert wvr["path"] == "vendorgate.yaml"
    assert wvr["line"] == line_of(path, "- rule: IR-001")
    assert "expired on 2026-11-30" in str(wvr["message"])
    assert "IR-001" in str(wvr["message"])
    assert "slow-*" in str(wvr["message"])


def test_waiver_on_its_last_day_still_applies(slow: Path) -> None:
    profile(slow, WAIVER.format(expires=AS_OF))
    run = check(slow, "--format", "json")
    assert run.code == 0
    assert [f["rule_id"] for f in active(run)] == ["WVR-002"]
    assert [f["rule_id"] for f in run.json()["findings"] if f["suppressed"]] == ["IR-001"]


def test_waiver_expiring_within_30_days_is_wvr_002(slow: Path) -> None:
    profile(slow, WAIVER.format(expires="2026-12-31"))
    run = check(slow, "--format", "json")
    assert run.code == 0
    (found,) = active(run)
    assert (found["rule_id"], found["level"]) == ("WVR-002", "warning")


def test_waiver_matching_nothing_is_wvr_003(clean_repo: Path) -> None:
    profile(clean_repo, WAIVER.format(expires="2027-06-30"))
    # With no PATHS the run judges the whole repository, so every waiver.
    run = run_vendorgate("check", "--as-of", AS_OF, "--format", "json", cwd=clean_repo)
    assert run.code == 0
    (found,) = active(run)
    assert (found["rule_id"], found["level"]) == ("WVR-003", "note")
    assert "remove the stale waiver" in str(found["message"])


def test_custom_policy_adds_a_rule_with_its_own_sarif_descriptor(repo: Path) -> None:
    example = REPO / "examples" / "custom-policy"
    shutil.copytree(example / "policies", repo / "policies")
    folder = copy_dossier(repo, "orion-ml")
    edit(folder / "contract.yaml", "availability_pct: 99.9", "availability_pct: 99.5")
    profile(repo, "policies: [policies/org]\n")
    run = check(repo, "--format", "sarif", "--fail-on", "warning")
    assert run.code == 1
    driver = run.json()["runs"][0]["tool"]["driver"]
    (rule,) = driver["rules"]
    assert rule["id"] == "ORG-001"
    assert rule["shortDescription"]["text"] == "High-risk vendors need 99.9 % availability"
    assert "Risk Committee decision RC-2026-07" in rule["help"]["text"]
    (result,) = run.json()["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == line_of(
        folder / "contract.yaml", "availability_pct"
    )


def test_test_policies_runs_the_custom_policy_tests() -> None:
    # The example sits inside this repository, not at a repository root: named with --config.
    run = run_vendorgate(
        "test-policies", "--config", "vendorgate.yaml", cwd=REPO / "examples" / "custom-policy"
    )
    assert run.code == 0, run.stdout + run.stderr
    assert "PASS" in run.stdout


def test_custom_example_runs_with_its_waiver() -> None:
    example = REPO / "examples" / "custom-policy"
    run = run_vendorgate(
        "check", "vendors", "--config", "vendorgate.yaml", "--as-of", AS_OF, "--format", "json", cwd=example
    )
    assert run.code == 0
    (found,) = run.json()["findings"]
    assert found["rule_id"] == "ORG-001"
    assert found["suppressed"] is True


def test_init_writes_a_skeleton_that_passes_the_schema(repo: Path) -> None:
    made = run_vendorgate("init", "--vendor", "new-co", cwd=repo)
    assert made.code == 0
    assert sorted(p.name for p in (repo / "vendors" / "new-co").iterdir()) == [
        "attestation.yaml",
        "contract.yaml",
        "engagement.yaml",
    ]
    # The skeleton is attested today: checked as of an earlier day, that date lies in the
    # future (DOS-005), so it is checked as of the day it was written.
    written = run_vendorgate(
        "check", repo / "vendors", "--as-of", date.today().isoformat(), "--format", "json"
    )
    rules = {f["rule_id"] for f in written.json()["findings"]}
    assert not {r for r in rules if r.startswith(("SCH", "DOS"))}
    assert {"IR-001", "TRN-001", "ENC-001", "EXIT-001"} <= rules
    again = run_vendorgate("init", "--vendor", "new-co", cwd=repo)
    assert again.code == 2
    assert "already exists" in again.stderr


@pytest.mark.parametrize("vendor", ["New Co", "new-co\n", "-new"])
def test_init_refuses_a_bad_vendor_id(repo: Path, vendor: str) -> None:
    """The vendor id is checked with the schemas' own pattern, as a whole string."""
    run = run_vendorgate("init", "--vendor", vendor, cwd=repo)
    assert run.code == 2
    assert "is not a vendor id" in run.stderr
