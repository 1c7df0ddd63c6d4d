"""The SARIF format: valid SARIF 2.1.0 that GitHub code scanning can use fully.

Every SARIF text these tests produce goes through `validate_sarif`, which checks it against
the OASIS schema in ../shared/reference/sarif-schema-2.1.0.json.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
import sarif_om as om

from vendorgate.catalog import builtin_catalog
from vendorgate.model import Finding, Level, Notice, Position, Report, RuleInfo
from vendorgate.output import INFORMATION_URI, OutputOptions, get_formatter, rule_help_uri
from vendorgate.output import sarif as sarif_module
from vendorgate.output.sarif import SarifFormatter, fingerprint, pascal_case, to_sarif_json

Validate = Callable[[str], dict[str, Any]]
MakeFinding = Callable[..., Finding]


def run_of(report: Report, validate: Validate, category: str = "") -> dict[str, Any]:
    log = validate(SarifFormatter(OutputOptions(category=category)).render(report))
    assert len(log["runs"]) == 1
    run: dict[str, Any] = log["runs"][0]
    return run


def test_full_report_matches_golden(
    full_report: Report, golden: Callable[[str, str], None], validate_sarif: Validate
) -> None:
    text = SarifFormatter(OutputOptions(category="vendors")).render(full_report)
    validate_sarif(text)
    golden("full.sarif", text)


def test_failed_report_matches_golden(
    failed_report: Report, golden: Callable[[str, str], None], validate_sarif: Validate
) -> None:
    text = SarifFormatter().render(failed_report)
    validate_sarif(text)
    golden("failed.sarif", text)


def test_registry_returns_sarif_formatter() -> None:
    assert isinstance(get_formatter("sarif"), SarifFormatter)


def test_log_header_and_one_run(full_report: Report, validate_sarif: Validate) -> None:
    text = SarifFormatter().render(full_report)
    assert text.endswith("}\n")
    log = validate_sarif(text)
    assert list(log)[:2] == ["$schema", "version"]
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1


def test_driver(full_report: Report, validate_sarif: Validate) -> None:
    driver = run_of(full_report, validate_sarif)["tool"]["driver"]
    assert driver["name"] == "vendorgate"
    assert driver["semanticVersion"] == "0.1.0"
    assert driver["informationUri"] == INFORMATION_URI


def test_automation_details_id_carries_the_category(full_report: Report, validate_sarif: Validate) -> None:
    named = run_of(full_report, validate_sarif, category="vendors")
    assert named["automationDetails"] == {"id": "vendorgate/vendors/"}
    assert run_of(full_report, validate_sarif)["automationDetails"] == {"id": "vendorgate/"}
    assert (
        get_formatter("sarif", OutputOptions(category="x")).render(full_report).count('"vendorgate/x/"') == 1
    )


def test_one_descriptor_per_rule_that_fired(full_report: Report, validate_sarif: Validate) -> None:
    rules = run_of(full_report, validate_sarif)["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted({f.rule_id for f in full_report.findings})


def test_rule_index_points_at_the_rule(full_report: Report, validate_sarif: Validate) -> None:
    run = run_of(full_report, validate_sarif)
    rules = run["tool"]["driver"]["rules"]
    assert len(run["results"]) == len(full_report.findings)
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_descriptor_from_rule_metadata(full_report: Report, validate_sarif: Validate) -> None:
    rules = run_of(full_report, validate_sarif)["tool"]["driver"]["rules"]
    ir = next(r for r in rules if r["id"] == "IR-001")
    source = "GDPR 33(1)-(2), 28(3)(f); NIS2 Art 23(4); 23 NYCRR 500.17"
    assert ir["name"] == "BreachNotificationWindow"
    assert ir["shortDescription"] == {"text": "Breach notification window"}
    assert ir["fullDescription"]["text"].startswith("The contract must oblige the vendor to notify")
    controls = "GDPR Art. 33(1), GDPR Art. 33(2), GDPR Art. 28(3)(f), NIS2 Art. 23(4), 23 NYCRR 500.17"
    assert ir["help"]["text"].endswith(f"\n\nSource: {source}\n\nControls: {controls}")
    assert ir["help"]["markdown"].startswith("Set `breach_notification.window_hours` in the contract")
    # GitHub shows help.markdown and never reads helpUri: the rule link is in the markdown.
    assert ir["help"]["markdown"].endswith(
        f"\n\n**Source:** {source}\n\n**Controls:** {controls}"
        f"\n\n[IR-001 in the vendorgate rule reference]({rule_help_uri('IR-001')})"
    )
    assert ir["helpUri"] == rule_help_uri("IR-001")
    assert ir["defaultConfiguration"] == {"level": "error"}
    # The rule's own tags, "security", then one tag per framework control.
    assert ir["properties"]["tags"] == [
        "incident",
        "gdpr",
        "nis2",
        "security",
        "GDPR Art. 33(1)",
        "GDPR Art. 33(2)",
        "GDPR Art. 28(3)(f)",
        "NIS2 Art. 23(4)",
        "23 NYCRR 500.17",
    ]
    assert ir["properties"]["precision"] == "very-high"


def _with_custom_rule(report: Report, make_finding: MakeFinding) -> Report:
    """`report` plus a finding of a custom policy whose METADATA gives no security severity."""
    custom = RuleInfo(
        id="ACME-001",
        title="Vendor on the approved list",
        description="The vendor must be on the company's approved-vendor list.",
        level=Level.WARNING,
        tags=("procurement",),
    )
    finding = make_finding(
        rule_id="ACME-001",
        level=Level.WARNING,
        message="vendor acme-ai is not on the approved-vendor list",
        path="vendors/acme-ai/engagement.yaml",
        pointer="/vendor",
    )
    return replace(
        report,
        findings=(*report.findings, finding),
        rules={**report.rules, custom.id: custom},
    )


def test_security_severity_is_a_string(
    full_report: Report, make_finding: MakeFinding, validate_sarif: Validate
) -> None:
    report = _with_custom_rule(full_report, make_finding)
    rules = run_of(report, validate_sarif)["tool"]["driver"]["rules"]
    severities = {r["id"]: r["properties"]["security-severity"] for r in rules if "properties" in r}
    assert all(isinstance(value, str) for value in severities.values())
    assert severities["IR-001"] == "8.0"
    assert severities["LOG-003"] == "5.0"
    assert severities["ACME-001"] == "0.0"


def test_security_tag_is_added_once(
    full_report: Report, make_finding: MakeFinding, validate_sarif: Validate
) -> None:
    report = _with_custom_rule(full_report, make_finding)
    rules = run_of(report, validate_sarif)["tool"]["driver"]["rules"]
    tags = {r["id"]: r["properties"].get("tags", []) for r in rules if "properties" in r}
    assert tags["ENC-002"] == ["encryption", "gdpr", "security", "GDPR Art. 32(1)(a)", "NIST SP 800-131A r2"]
    # A rule without a security severity is not presented to GitHub as a security rule.
    assert tags["ACME-001"] == ["procurement"]


def test_every_builtin_rule_gets_its_own_severity_and_control_tags(
    full_report: Report, make_finding: MakeFinding, validate_sarif: Validate
) -> None:
    """security-severity is the rule's METADATA value; tags stay within GitHub's limits.

    GitHub code scanning rejects a rule with more than 20 tags and shows only 10: no rule
    has more than 10, its own tags and "security" always among them, and the controls that
    do not fit (CTR-001 maps to nine GDPR points) are still listed in the rule's help.
    """
    catalog = builtin_catalog()
    findings = tuple(make_finding(rule_id=rule_id, level=info.level) for rule_id, info in catalog.items())
    report = replace(full_report, rules=catalog, findings=findings)
    descriptors = {r["id"]: r for r in run_of(report, validate_sarif)["tool"]["driver"]["rules"]}
    for rule_id, info in catalog.items():
        properties = descriptors[rule_id]["properties"]
        assert properties["security-severity"] == f"{info.security_severity:.1f}", rule_id
        tags = properties["tags"]
        assert len(tags) <= sarif_module.MAX_TAGS <= 20, rule_id
        assert tags[: len(info.tags) + 1] == [*info.tags, "security"], rule_id
        assert tags[len(info.tags) + 1 :] == list(info.citations[: len(tags) - len(info.tags) - 1]), rule_id
        for citation in info.citations:
            assert citation in descriptors[rule_id]["help"]["text"], (rule_id, citation)
    assert descriptors["ENC-001"]["properties"]["security-severity"] == "9.0"
    assert descriptors["CTR-004"]["properties"]["security-severity"] == "3.0"
    ctr_001 = descriptors["CTR-001"]["properties"]["tags"]
    assert ctr_001 == [
        "contract",
        "gdpr",
        "security",
        *(f"GDPR Art. 28(3)({letter})" for letter in "abcdefg"),
    ]
    assert "GDPR Art. 28(9)" in descriptors["CTR-001"]["help"]["markdown"]


def test_a_custom_rule_with_many_tags_keeps_security_within_what_github_shows(
    full_report: Report, make_finding: MakeFinding, validate_sarif: Validate
) -> None:
    custom = RuleInfo(
        id="ACME-002",
        title="Many tags",
        description="A custom rule with more tags than code scanning shows.",
        level=Level.ERROR,
        tags=tuple(f"t{i}" for i in range(25)),
        security_severity=6.0,
        controls=(("SOC 2", ()),),
    )
    report = replace(
        full_report,
        findings=(make_finding(rule_id="ACME-002", level=Level.ERROR),),
        rules={custom.id: custom},
    )
    (rule,) = run_of(report, validate_sarif)["tool"]["driver"]["rules"]
    assert rule["properties"]["tags"] == [*(f"t{i}" for i in range(9)), "security"]
    assert rule["properties"]["security-severity"] == "6.0"
    assert "Controls: SOC 2" in rule["help"]["text"]


def test_rule_without_metadata_gets_a_minimal_descriptor(
    full_report: Report, validate_sarif: Validate
) -> None:
    rules = {rule_id: info for rule_id, info in full_report.rules.items() if rule_id != "EXIT-003"}
    report = replace(full_report, rules=rules)
    descriptors = run_of(report, validate_sarif)["tool"]["driver"]["rules"]
    exit_003 = next(r for r in descriptors if r["id"] == "EXIT-003")
    assert exit_003["name"] == "EXIT003"
    assert exit_003["shortDescription"] == {"text": "EXIT-003"}
    assert exit_003["helpUri"] == rule_help_uri("EXIT-003")
    assert exit_003["help"]["text"]
    assert exit_003["defaultConfiguration"] == {"level": "warning"}


def test_result_location_and_message(full_report: Report, validate_sarif: Validate) -> None:
    results = run_of(full_report, validate_sarif)["results"]
    ir = next(r for r in results if r["ruleId"] == "IR-001")
    assert ir["level"] == "error"
    assert ir["message"] == {
        "text": "breach notification window (breach_notification.window_hours) is 96 h;"
        " at most 72 h allowed (GDPR Art. 33(1))"
    }
    assert ir["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {
                    "uri": "vendors/acme-ai/contract.yaml",
                    "uriBaseId": "%SRCROOT%",
                },
                "region": {"endColumn": 15, "endLine": 12, "startColumn": 5, "startLine": 12},
            }
        }
    ]
    assert ir["properties"] == {
        "pointer": "/breach_notification/window_hours",
        "vendor": "acme-ai",
    }


def test_uri_is_percent_encoded(
    make_finding: MakeFinding, clean_report: Report, validate_sarif: Validate
) -> None:
    report = replace(clean_report, findings=(make_finding(path="vendors/acme ai/#1.yaml"),))
    location = run_of(report, validate_sarif)["results"][0]["locations"][0]
    assert location["physicalLocation"]["artifactLocation"]["uri"] == "vendors/acme%20ai/%231.yaml"


def test_weaker_level_than_rule_default_is_written(
    make_finding: MakeFinding, clean_report: Report, validate_sarif: Validate
) -> None:
    # IR-001 defaults to error; an absent level would make this warning read as an error.
    report = replace(clean_report, findings=(make_finding(level=Level.WARNING),))
    assert run_of(report, validate_sarif)["results"][0]["level"] == "warning"


def test_fingerprint_survives_line_moves(
    make_finding: MakeFinding, clean_report: Report, validate_sarif: Validate
) -> None:
    before = make_finding(line=12)
    after = replace(before, position=Position(line=15, column=9, end_line=16, end_column=2))
    assert fingerprint(before) == fingerprint(after)
    hashes = [
        run_of(replace(clean_report, findings=(f,)), validate_sarif)["results"][0]["partialFingerprints"][
            "primaryLocationLineHash"
        ]
        for f in (before, after)
    ]
    assert hashes[0] == hashes[1] == fingerprint(before)
    assert len(hashes[0]) == 64
    int(hashes[0], 16)


def test_fingerprint_changes_with_rule_path_pointer_or_vendor(make_finding: MakeFinding) -> None:
    base = make_finding()
    variants = [
        replace(base, rule_id="EXIT-003"),
        replace(base, path="vendors/acme-ai/dossier.yaml"),
        replace(base, pointer="/breach_notification"),
        replace(base, vendor="globex-ml"),
    ]
    assert len({fingerprint(f) for f in [base, *variants]}) == 5


def test_repeats_at_one_pointer_are_told_apart_by_message(
    make_finding: MakeFinding, clean_report: Report, validate_sarif: Validate
) -> None:
    missing = [
        make_finding(rule_id="DOS-001", message=f"dossier has no {kind} document", pointer="")
        for kind in ("ContractTerms", "Engagement", "VendorAttestation")
    ]

    def hashes(findings: list[Finding]) -> dict[str, str]:
        results = run_of(replace(clean_report, findings=tuple(findings)), validate_sarif)["results"]
        return {r["message"]["text"]: r["partialFingerprints"]["primaryLocationLineHash"] for r in results}

    three = hashes(missing)
    assert len(set(three.values())) == 3
    assert all(len(value) == 64 for value in three.values())
    # Adding the first missing document must not change the identity of the other two.
    two = hashes(missing[1:])
    assert two == {text: three[text] for text in two}


def test_identical_results_are_numbered(
    make_finding: MakeFinding, clean_report: Report, validate_sarif: Validate
) -> None:
    twice = (make_finding(), make_finding(line=13))
    results = run_of(replace(clean_report, findings=twice), validate_sarif)["results"]
    hashes = [r["partialFingerprints"]["primaryLocationLineHash"] for r in results]
    expected = fingerprint(twice[0], with_message=True)
    assert hashes == [expected, f"{expected}:2"]


def test_waived_result_carries_an_accepted_external_suppression(
    full_report: Report, validate_sarif: Validate
) -> None:
    results = run_of(full_report, validate_sarif)["results"]
    waived = [r for r in results if "suppressions" in r]
    assert len(waived) == 2
    trn = next(r for r in waived if r["ruleId"] == "TRN-001")
    assert trn["suppressions"] == [
        {
            "kind": "external",
            "justification": "legacy channel, replaced in Q3",
            "properties": {
                "approvedBy": "ciso@example.com",
                "expiresOn": "2025-09-30",
                "ticket": "SEC-1234",
            },
            "status": "accepted",
        }
    ]


def test_results_order_puts_active_errors_first(full_report: Report, validate_sarif: Validate) -> None:
    results = run_of(full_report, validate_sarif)["results"]
    levels = [(("suppressions" in r), r["level"]) for r in results]
    assert levels == [
        (False, "error"),
        (False, "error"),
        (False, "error"),
        (False, "warning"),
        (False, "warning"),
        (False, "note"),
        (True, "error"),
        (True, "warning"),
    ]


def test_omit_leaves_waived_findings_out(full_report: Report, validate_sarif: Validate) -> None:
    """GitHub code scanning ignores `suppressions`: the file it gets holds no waived result."""
    standard = run_of(full_report, validate_sarif)["results"]
    assert sum("suppressions" in r for r in standard) == 2
    log = validate_sarif(SarifFormatter(OutputOptions(sarif_waived="omit")).render(full_report))
    omitted = log["runs"][0]["results"]
    assert len(omitted) == len(standard) - 2 == len(full_report.active)
    assert not any("suppressions" in r for r in omitted)
    waived = {(f.rule_id, f.path) for f in full_report.findings if f.suppressed}
    uri = "physicalLocation"
    assert not {(r["ruleId"], r["locations"][0][uri]["artifactLocation"]["uri"]) for r in omitted} & waived


def test_omit_orders_by_severity_then_place(
    make_finding: MakeFinding, clean_report: Report, validate_sarif: Validate
) -> None:
    findings = (
        make_finding(level=Level.NOTE, path="a.yaml", line=1),
        make_finding(level=Level.WARNING, path="a.yaml", line=9),
        make_finding(level=Level.ERROR, path="b.yaml", line=5),
        make_finding(level=Level.WARNING, path="a.yaml", line=2),
        make_finding(level=Level.ERROR, path="a.yaml", line=7),
    )
    report = replace(clean_report, findings=findings)
    log = validate_sarif(SarifFormatter(OutputOptions(sarif_waived="omit")).render(report))
    places = [
        (
            r["level"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
        )
        for r in log["runs"][0]["results"]
    ]
    assert places == [
        ("error", "a.yaml", 7),
        ("error", "b.yaml", 5),
        ("warning", "a.yaml", 2),
        ("warning", "a.yaml", 9),
        ("note", "a.yaml", 1),
    ]


def test_columns_count_utf16_code_units(
    make_finding: MakeFinding, clean_report: Report, validate_sarif: Validate
) -> None:
    # Line 3 holds an emoji at column 5 (two UTF-16 units) and one at 20; line 4 none.
    finding = make_finding(path="v.yaml", line=3, column=10, end_line=4, end_column=6)
    report = replace(clean_report, findings=(finding,), astral={"v.yaml": {3: (5, 20)}})
    run = run_of(report, validate_sarif)
    assert run["columnKind"] == "utf16CodeUnits"
    region = run["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 3, "startColumn": 11, "endLine": 4, "endColumn": 6}


def test_invocation_of_a_successful_run(full_report: Report, validate_sarif: Validate) -> None:
    invocation = run_of(full_report, validate_sarif)["invocations"][0]
    assert invocation["executionSuccessful"] is True
    assert invocation["exitCode"] == 1
    assert invocation["toolExecutionNotifications"] == [
        {"message": {"text": "no dossier files found under docs/"}, "level": "note"},
        {
            "message": {"text": "skipped: not UTF-8"},
            "level": "note",
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": "vendors/globex-ml/scan.json",
                            "uriBaseId": "%SRCROOT%",
                        }
                    }
                }
            ],
        },
    ]


def test_failed_run_says_so(failed_report: Report, validate_sarif: Validate) -> None:
    run = run_of(failed_report, validate_sarif)
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["exitCode"] == 2
    assert invocation["toolExecutionNotifications"][-1] == {
        "message": {"text": "OPA at http://127.0.0.1:8181 is unreachable: connection refused"},
        "level": "error",
    }
    # An absent results array is SARIF's "the tool failed"; an empty one would be a pass.
    assert "results" not in run


def test_clean_run_has_an_empty_results_array(clean_report: Report, validate_sarif: Validate) -> None:
    run = run_of(clean_report, validate_sarif)
    assert run["results"] == []
    assert run["tool"]["driver"]["rules"] == []
    assert run["invocations"] == [{"executionSuccessful": True, "exitCode": 0}]


def _many(make_finding: MakeFinding, count: int) -> tuple[Finding, ...]:
    levels = (Level.NOTE, Level.WARNING, Level.ERROR)
    return tuple(
        make_finding(
            level=levels[i % 3],
            line=i + 1,
            pointer=f"/spec/items/{i}",
            message=f"finding number {i} " + "padding " * 20,
        )
        for i in range(count)
    )


def test_truncation_at_the_result_limit(
    monkeypatch: pytest.MonkeyPatch,
    make_finding: MakeFinding,
    clean_report: Report,
    validate_sarif: Validate,
) -> None:
    monkeypatch.setattr(sarif_module, "MAX_RESULTS", 4)
    report = replace(clean_report, findings=_many(make_finding, 9))
    run = run_of(report, validate_sarif)
    assert [r["level"] for r in run["results"]] == ["error", "error", "error", "warning"]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in run["results"]] == [
        3,
        6,
        9,
        2,
    ]
    notification = run["invocations"][0]["toolExecutionNotifications"][-1]
    assert notification["level"] == "warning"
    assert "kept 4 of 9 results and dropped 5" in notification["message"]["text"]
    assert "at most 4 results per run" in notification["message"]["text"]


def test_truncation_at_the_size_limit(
    monkeypatch: pytest.MonkeyPatch,
    make_finding: MakeFinding,
    clean_report: Report,
    validate_sarif: Validate,
) -> None:
    report = replace(clean_report, findings=_many(make_finding, 60))
    full = SarifFormatter().render(report)
    limit = len(gzip.compress(full.encode())) * 2 // 3
    monkeypatch.setattr(sarif_module, "MAX_GZIP_BYTES", limit)
    text = SarifFormatter().render(report)
    assert len(gzip.compress(text.encode(), mtime=0)) <= limit
    run = validate_sarif(text)["runs"][0]
    kept = len(run["results"])
    assert 0 < kept < 60
    assert all(r["level"] == "error" for r in run["results"][: min(kept, 20)])
    notification = run["invocations"][0]["toolExecutionNotifications"][-1]
    assert notification["level"] == "warning"
    assert f"kept {kept} of 60 results and dropped {60 - kept}" in notification["message"]["text"]
    assert "gzipped" in notification["message"]["text"]


def test_no_truncation_notice_under_the_limits(full_report: Report, validate_sarif: Validate) -> None:
    notifications = run_of(full_report, validate_sarif)["invocations"][0]["toolExecutionNotifications"]
    assert all("truncated" not in n["message"]["text"] for n in notifications)


def test_serializer_drops_defaults_and_keeps_what_was_set() -> None:
    result = om.Result(message=om.Message(text="m"), level="warning")
    assert to_sarif_json(result) == {"message": {"text": "m"}, "level": "warning"}
    driver = om.ToolComponent(name="x", rules=[])
    assert to_sarif_json(driver) == {"name": "x", "rules": []}
    region = om.Region(start_line=1, start_column=1)
    assert to_sarif_json(region) == {"startColumn": 1, "startLine": 1}


def test_serializer_rejects_unknown_values() -> None:
    with pytest.raises(TypeError, match="cannot write object"):
        to_sarif_json(om.Message(text=object()))


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Breach notification window too long", "BreachNotificationWindowTooLong"),
        ("GDPR Art. 28 processor terms", "GDPRArt28ProcessorTerms"),
        ("sub-processor list missing", "SubProcessorListMissing"),
    ],
)
def test_pascal_case(title: str, name: str) -> None:
    assert pascal_case(title) == name


def test_error_repeated_as_a_notice_is_reported_once(failed_report: Report, validate_sarif: Validate) -> None:
    error = failed_report.error or ""
    report = replace(failed_report, notices=(Notice(message=error, level=Level.ERROR),))
    notifications = run_of(report, validate_sarif)["invocations"][0]["toolExecutionNotifications"]
    assert notifications == [{"message": {"text": error}, "level": "error"}]
