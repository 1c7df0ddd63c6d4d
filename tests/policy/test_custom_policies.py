"""Custom policies: refused when they would be ignored or shadow a rule; one catalog and one id pattern."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from support import AS_OF, REPO, copy_dossier, line_of, run_vendorgate
from vendorgate.policy.metadata import RULE_ID_PATTERN

RULE = """package {package}

import data.vendorgate.lib

{metadata}deny contains result if {{
\tsome d in input.dossiers
\tc := lib.contract(d)
\tresult := lib.result(rego.metadata.rule(), d, "contract", [lib.fail("warning", ["vendor"], "always")])
}}
"""
METADATA = "# METADATA\n# title: Always\n# custom:\n#   id: {id}\n#   severity: {severity}\n"


def rego(package: str = "vendorgate.custom.org", rule_id: str = "ORG-001", severity: str = "warning") -> str:
    metadata = METADATA.format(id=rule_id, severity=severity) if rule_id else ""
    return RULE.format(package=package, metadata=metadata)


def with_policies(repo: Path, files: dict[str, str], profile: str = "policies: [org]\n") -> Path:
    copy_dossier(repo, "acme")
    (repo / "org").mkdir()
    for name, text in files.items():
        (repo / "org" / name).write_text(text, encoding="utf-8")
    (repo / "vendorgate.yaml").write_text(profile, encoding="utf-8")
    return repo


def refused(repo: Path) -> str:
    run = run_vendorgate("check", "--as-of", AS_OF, cwd=repo)
    assert run.code == 2, run.stdout + run.stderr
    (line,) = run.stderr.splitlines()
    assert "Traceback" not in line
    return line


def test_a_deny_without_custom_id_is_refused_at_its_line(repo: Path) -> None:
    with_policies(repo, {"a.rego": rego(), "b.rego": rego(rule_id="")})
    assert refused(repo) == (
        f"vendorgate: error: org/b.rego:{line_of(repo / 'org' / 'b.rego', 'deny contains')}: this deny rule"
        " has no METADATA block with a custom.id right above it, so its results could not be named,"
        " listed or waived; add one (see docs/policy-contract.md)"
    )


def test_an_unknown_level_is_refused_at_its_metadata(repo: Path) -> None:
    with_policies(repo, {"a.rego": rego(severity="fatal")})
    assert refused(repo) == (
        "vendorgate: error: org/a.rego:5: custom.severity 'fatal' is not a level; use error, warning or note"
    )


def test_a_folder_with_no_rule_in_the_custom_namespace_is_refused(repo: Path) -> None:
    # Before, a wrong package name made the rule silently never run.
    with_policies(repo, {"a.rego": rego(package="org.availability")})
    assert refused(repo) == (
        "vendorgate: error: vendorgate.yaml:1: the policy folder org defines no rule in the custom"
        " namespace; org/a.rego:1 declares package org.availability; a custom rule is a `deny` in a"
        " package vendorgate.custom.<name>"
    )


def test_a_custom_package_in_the_built_in_namespace_is_refused(repo: Path) -> None:
    with_policies(
        repo, {"a.rego": rego(), "b.rego": rego(package="vendorgate.rules.access", rule_id="ORG-002")}
    )
    assert refused(repo) == (
        "vendorgate: error: org/b.rego:1: package vendorgate.rules.access is in vendorgate's own"
        " namespace; a custom policy's package is vendorgate.custom.<name>"
    )


def test_a_policy_file_named_in_bytes_that_are_not_utf8_is_named_as_the_loader_names_files(
    repo: Path,
) -> None:
    with_policies(repo, {"a.rego": rego(), os.fsdecode(b"b-\xff.rego"): rego(package="vendorgate.rules.x")})
    assert refused(repo).startswith("vendorgate: error: org/b-\\xff.rego:1: package vendorgate.rules.x is in")


@pytest.mark.parametrize(
    ("rule_id", "title"), [("IR-001", "Breach notification window"), ("WVR-001", "Waiver expired")]
)
def test_a_custom_id_equal_to_a_built_in_one_is_refused(repo: Path, rule_id: str, title: str) -> None:
    with_policies(repo, {"a.rego": rego(rule_id=rule_id)})
    assert refused(repo) == (
        f"vendorgate: error: org/a.rego:5: rule id {rule_id} is already the id of the built-in rule"
        f" {title!r}; give the custom rule its own id"
    )


def test_a_custom_id_used_twice_is_refused(repo: Path) -> None:
    with_policies(repo, {"a.rego": rego(), "b.rego": rego()})
    assert refused(repo) == (
        "vendorgate: error: org/b.rego:5: rule id ORG-001 is already used at org/a.rego:5;"
        " give each rule its own id"
    )


@pytest.mark.parametrize("command", [("rules",), ("explain", "ORG-001"), ("test-policies",)])
def test_rules_explain_and_test_policies_refuse_what_check_refuses(
    repo: Path, command: tuple[str, ...]
) -> None:
    with_policies(repo, {"a.rego": rego(rule_id="IR-001")})
    run = run_vendorgate(*command, cwd=repo)
    assert run.code == 2
    assert run.stderr.startswith("vendorgate: error: org/a.rego:5: rule id IR-001 is already the id of")


def test_a_result_of_a_rule_no_metadata_declares_is_exit_2(repo: Path) -> None:
    text = rego().replace("rego.metadata.rule()", '{"custom": {"id": "ORG-999"}}')
    with_policies(repo, {"a.rego": text})
    assert refused(repo) == (
        "vendorgate: error: a policy returned a result of rule ORG-999, which no METADATA custom.id"
        " declares; fix the policy (see docs/policy-contract.md)"
    )


def test_a_custom_rule_id_with_a_digit_can_be_waived_and_overridden(repo: Path) -> None:
    # O2-001 passed the result contract but the profile schema refused to waive it.
    waiver = (
        "policies: [org]\nrules:\n  O2-001: {level: error, reason: board decision}\nwaivers:\n"
        "  - {rule: O2-001, vendor: acme, justification: accepted, approved_by: ciso,"
        " expires_on: '2027-06-30'}\n"
    )
    with_policies(repo, {"a.rego": rego(rule_id="O2-001")}, profile=waiver)
    run = run_vendorgate("check", "--as-of", AS_OF, "--format", "json", cwd=repo)
    assert run.code == 0, run.stderr
    (found,) = run.json()["findings"]
    assert (found["rule_id"], found["level"], found["suppressed"]) == ("O2-001", "error", True)


def test_the_waiver_rules_can_be_overridden_like_any_listed_rule(repo: Path) -> None:
    # `vendorgate rules` lists WVR-002, yet `rules: {WVR-002: ...}` was refused as unknown.
    copy_dossier(repo, "acme")
    (repo / "vendorgate.yaml").write_text(
        "rules:\n  WVR-002: {level: error, reason: renew early}\nwaivers:\n"
        "  - {rule: IR-001, vendor: acme, justification: j, approved_by: ciso, expires_on: '2026-12-10'}\n",
        encoding="utf-8",
    )
    listed = run_vendorgate("rules", "--format", "json", cwd=repo)
    assert "WVR-002" in {r["id"] for r in listed.json()}
    run = run_vendorgate("check", "--as-of", AS_OF, "--format", "json", cwd=repo)
    assert run.code == 1, run.stderr
    levels = {f["rule_id"]: f["level"] for f in run.json()["findings"]}
    assert levels["WVR-002"] == "error"


def test_a_waiver_of_a_waiver_rule_is_refused(repo: Path) -> None:
    copy_dossier(repo, "acme")
    (repo / "vendorgate.yaml").write_text(
        "waivers:\n  - {rule: WVR-001, vendor: acme, justification: j, approved_by: ciso,"
        " expires_on: '2027-06-30'}\n",
        encoding="utf-8",
    )
    assert refused(repo) == (
        "vendorgate: error: vendorgate.yaml:2: a waiver cannot waive WVR-001, a result about the waivers"
        " themselves; fix the waiver, or set its level under rules:"
    )


def test_the_profile_schema_uses_the_one_rule_id_pattern() -> None:
    schema = json.loads((REPO / "schemas" / "vendorgate-config.schema.json").read_text(encoding="utf-8"))
    assert list(schema["properties"]["rules"]["patternProperties"]) == [RULE_ID_PATTERN]
    assert schema["properties"]["waivers"]["items"]["properties"]["rule"]["pattern"] == RULE_ID_PATTERN
    every = re.findall(r'"(\^\[A-Z\][^"]*-\[0-9\]\{3\}\$)"', json.dumps(schema))
    assert set(every) == {RULE_ID_PATTERN}


def test_every_listed_rule_id_matches_the_pattern() -> None:
    run = run_vendorgate("rules", "--format", "json", cwd=REPO)
    ids = [r["id"] for r in run.json()]
    assert {"SCH-001", "WVR-001", "IR-001"} <= set(ids)
    assert all(re.match(RULE_ID_PATTERN, rule_id) for rule_id in ids)


def test_check_describes_a_custom_rule_as_rules_and_explain_do(repo: Path) -> None:
    """One catalog: the rule descriptor in check's SARIF is the one `rules` and `explain` show."""
    text = rego().replace("# title: Always\n", "# title: Always fails\n# description: A test rule.\n")
    text = text.replace("#   severity: warning\n", "#   severity: warning\n#   help: Do nothing about it.\n")
    with_policies(repo, {"a.rego": text})
    listed = {r["id"]: r for r in run_vendorgate("rules", "--format", "json", cwd=repo).json()}
    assert (listed["ORG-001"]["title"], listed["ORG-001"]["area"]) == ("Always fails", "org")
    assert "Do nothing about it." in run_vendorgate("explain", "org-001", cwd=repo).stdout
    run = run_vendorgate("check", "--as-of", AS_OF, "--format", "sarif", cwd=repo)
    assert run.code == 0, run.stderr
    (rule,) = [r for r in run.json()["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "ORG-001"]
    assert rule["shortDescription"]["text"] == "Always fails"
    assert rule["fullDescription"]["text"] == "A test rule."
    assert rule["help"]["text"] == "Do nothing about it."
    assert (rule["defaultConfiguration"]["level"], rule["properties"]["security-severity"]) == (
        "warning",
        "5.0",
    )


def test_controls_of_the_wrong_shape_in_a_custom_policy_are_refused(repo: Path) -> None:
    text = rego().replace(
        "#   severity: warning\n", '#   severity: warning\n#   controls: ["GDPR Art. 28"]\n'
    )
    with_policies(repo, {"a.rego": text})
    assert refused(repo) == (
        "vendorgate: error: org/a.rego:5: custom.controls must map each framework name to a list of"
        ' control ids, each a quoted string (`"GDPR": ["Art. 33(1)"]`, `[]` for the framework as a'
        " whole); fix it"
    )


def test_a_custom_rule_shows_its_controls_and_thresholds(repo: Path) -> None:
    """A custom rule's controls reach `rules`, `explain` and SARIF; the thresholds it reads are listed."""
    text = rego().replace(
        "#   severity: warning\n",
        '#   severity: warning\n#   controls:\n#     "ISO/IEC 27001:2022": ["A.5.19"]\n#     "SOC 2": []\n',
    )
    text += '\n_limit := lib.threshold("attestation_max_age_days")\n'
    with_policies(repo, {"a.rego": text}, "policies: [org]\nthresholds:\n  attestation_max_age_days: 30\n")
    listed = {r["id"]: r for r in run_vendorgate("rules", "--format", "json", cwd=repo).json()}
    assert listed["ORG-001"]["controls"] == {"ISO/IEC 27001:2022": ["A.5.19"], "SOC 2": []}
    assert listed["ORG-001"]["thresholds"] == [
        {"name": "attestation_max_age_days", "default": 365, "current": 30}
    ]
    explained = run_vendorgate("explain", "org-001", cwd=repo).stdout
    assert "controls: ISO/IEC 27001:2022 A.5.19, SOC 2\n" in explained
    assert "  attestation_max_age_days = 30 (default 365, set in vendorgate.yaml)\n" in explained
    run = run_vendorgate("check", "--as-of", AS_OF, "--format", "sarif", cwd=repo)
    (rule,) = [r for r in run.json()["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "ORG-001"]
    assert rule["properties"]["tags"] == ["security", "ISO/IEC 27001:2022 A.5.19", "SOC 2"]


def test_a_custom_rule_calling_a_helper_of_a_later_file_compiles_on_the_managed_opa(repo: Path) -> None:
    """OPA compiles each uploaded module with those it already holds: a.rego, uploaded first,
    calls a function of b.rego; the upload is retried after b.rego instead of failing the run."""
    caller = (
        "package vendorgate.custom.org\n\nimport data.vendorgate.lib\n\n"
        + METADATA.format(id="ORG-001", severity="warning")
        + "deny contains result if {\n\tsome d in input.dossiers\n\tc := lib.contract(d)\n"
        '\tresult := lib.result(rego.metadata.rule(), d, "contract",'
        ' [lib.fail("warning", ["vendor"], _said)])\n}\n'
    )
    helper = 'package vendorgate.custom.org\n\n_said := "said by a helper in b.rego"\n'
    with_policies(repo, {"a.rego": caller, "b.rego": helper})
    run = run_vendorgate("check", "--as-of", AS_OF, "--format", "json", cwd=repo)
    assert run.code == 0, run.stderr  # a warning does not fail the gate by default
    assert [f["message"] for f in run.json()["findings"] if f["rule_id"] == "ORG-001"] == [
        "said by a helper in b.rego"
    ]
