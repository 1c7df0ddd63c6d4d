"""Every message of every built-in Rego result, over the examples and a few hundred generated
vendors, has the catalog v2 shape: each value named once, each expectation with its source.

The real OPA evaluates the dossiers (through `vendorgate check`). A message is
"label (path) found; expectation (citations)[; expectation (citations)]", repeated per value
(policies/vendorgate/lib/results.rego, `_parts`); a citation is "<framework> <control id>", or
the framework alone for an empty list, taken from the rule's own custom.controls.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from support import AS_OF, EXAMPLES, REPO, run_vendorgate
from vendorgate.catalog import builtin_catalog, rego_catalog
from vendorgate.model import RuleInfo
from vendorgate.resources import policies_dir

GENERATED_VENDORS = 300

# "label (path) found": the path as lib.path_text writes it ("subprocessors[0].name"), or empty.
_VALUE = re.compile(
    r"^(?P<label>[^()]+?) \((?P<path>[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+|\[\d+\])*)?\) (?P<found>\S.*)$"
)
# An internal document id, as the loader numbers documents (d0, d1, ...).
_DOCUMENT_ID = re.compile(r"(?<![\w.-])d\d+(?![\w.-])")


def split_clauses(message: str) -> list[str]:
    """The message split at each "; " outside parentheses and double-quoted strings."""
    clauses: list[str] = []
    depth, quoted, escaped, start = 0, False, False, 0
    for i, char in enumerate(message):
        if quoted:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                quoted = False
        elif char == '"':
            quoted = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif depth == 0 and message.startswith("; ", i):
            clauses.append(message[start:i])
            start = i + 2
    clauses.append(message[start:])
    return clauses


def trailing_group(clause: str) -> tuple[str, str] | None:
    """(text before, text inside) of the balanced parenthesised group that ends `clause`, if any."""
    if not clause.endswith(")"):
        return None
    depth = 0
    for i in range(len(clause) - 1, -1, -1):
        if clause[i] == ")":
            depth += 1
        elif clause[i] == "(":
            depth -= 1
            if depth == 0:
                return clause[:i].rstrip(), clause[i + 1 : -1]
    return None


def citations_of(source: str) -> list[str]:
    """The citations of a source; a threshold the profile changed adds "allows 72 h" (a regulatory
    default) or "; catalog default 30 days" after them, or is "catalog default 30 days" alone."""
    if source.startswith("catalog default "):
        return []
    source = source.split("; catalog default ", 1)[0]
    source = re.sub(r" allows [^,]+$", "", source)
    return source.split(", ")


@dataclass
class Value:
    label: str
    path: str
    found: str
    expectations: list[str]


def parse(message: str) -> list[Value]:
    """The values of a message, each with its expectation clauses; AssertionError when malformed."""
    values: list[Value] = []
    for clause in split_clauses(message):
        match = _VALUE.match(clause)
        if match:
            values.append(Value(match["label"], match["path"] or "", match["found"], []))
        else:
            assert values, f"the message does not open with `label (path) found`: {message!r}"
            values[-1].expectations.append(clause)
    return values


def check_message(rule: RuleInfo, message: str) -> None:
    """The assertions of this test for one result's message (see the module's docstring)."""
    assert _DOCUMENT_ID.search(message) is None, f"{rule.id} names an internal document id: {message!r}"
    values = parse(message)
    paths = [v.path for v in values]
    assert len(paths) == len(set(paths)), f"{rule.id} names a value twice: {message!r}"
    allowed = set(rule.citations)
    for value in values:
        assert value.expectations, f"{rule.id}: {value.label} has no expectation: {message!r}"
        for clause in value.expectations:
            if value.found.startswith("is "):
                assert value.found not in clause, f"{rule.id} repeats `{value.found}`: {message!r}"
            group = trailing_group(clause)
            if not allowed:
                # DOS-002 and CERT-006 map to no control: no source, unless a profile threshold's default.
                assert group is None or group[1].startswith("catalog default "), (
                    f"{rule.id} has no controls but cites a source: {clause!r} in {message!r}"
                )
                continue
            assert group is not None, f"{rule.id}: no source for {clause!r} in {message!r}"
            text, source = group
            assert text, f"{rule.id}: a source without an expectation in {message!r}"
            cited = citations_of(source)
            assert cited, f"{rule.id}: no citation in ({source}) of {message!r}"
            for citation in cited:
                assert citation in allowed, (
                    f"{rule.id} cites {citation!r}, not one of its controls {sorted(allowed)}: {message!r}"
                )


def findings(*args: str | Path, cwd: Path) -> list[dict[str, Any]]:
    run = run_vendorgate("check", "--as-of", AS_OF, "--format", "json", "--fail-on", "never", *args, cwd=cwd)
    assert run.code == 0, run.stderr
    report = run.json()
    assert report["execution_successful"] is True
    found: list[dict[str, Any]] = report["findings"]
    return found


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository of GENERATED_VENDORS seeded vendors from benchmarks/generate.py."""
    root = tmp_path_factory.mktemp("walk")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    done = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "generate.py"),
            str(root / "vendors"),
            "--count",
            str(GENERATED_VENDORS),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert f"{GENERATED_VENDORS} dossiers" in done.stdout
    return root


def rego_results(found: list[dict[str, Any]]) -> Iterator[tuple[RuleInfo, str]]:
    """(rule, message) of each finding of a built-in Rego rule."""
    rego = rego_catalog([policies_dir()])
    for finding in found:
        rule = rego.get(finding["rule_id"])
        if rule is not None:
            yield rule, finding["message"]


def walk(found: list[dict[str, Any]]) -> set[str]:
    """Check every Rego result; every failure is collected, so one run lists them all."""
    failures: list[str] = []
    fired: set[str] = set()
    for rule, message in rego_results(found):
        fired.add(rule.id)
        try:
            check_message(rule, message)
        except AssertionError as exc:
            failures.append(str(exc).splitlines()[0])
    assert not failures, f"{len(failures)} messages break the catalog v2 shape:\n" + "\n".join(
        sorted(set(failures))[:40]
    )
    return fired


def test_every_message_of_the_examples(tmp_path: Path) -> None:
    found = findings(EXAMPLES, cwd=REPO)
    # The example with its profile: a threshold it overrides says so in the message.
    custom = REPO / "examples" / "custom-policy"
    found += findings("vendors", "--config", "vendorgate.yaml", cwd=custom)
    fired = walk(found)
    assert {"ENC-001", "IR-001", "AI-001"} <= fired


def test_every_message_of_the_generated_vendors(generated: Path) -> None:
    fired = walk(findings(cwd=generated))
    # The walk saw most of the catalog: a generator that stopped producing findings fails here.
    assert len(fired) >= 30, sorted(fired)


def test_every_message_under_a_profile_that_changes_every_threshold(generated: Path, tmp_path: Path) -> None:
    """Stricter limits: each limit says "by the organisation profile" and keeps its source."""
    profile = tmp_path / "stricter.yaml"
    profile.write_text(
        "thresholds:\n"
        "  attestation_max_age_days: 90\n  risk_assessment_max_age_days: 90\n  review_max_age_months: 6\n"
        "  soc2_max_age_months: 6\n  bridge_max_gap_months: 1\n  expiry_warning_days: 400\n"
        "  at_rest_min_key_bits: 256\n  key_rotation_max_days: 90\n  key_rotation_warn_days: 30\n"
        "  access_review_max_days: 30\n  log_retention_min_days: 400\n  log_retention_warn_days: 800\n"
        "  log_searchable_min_days: 400\n  breach_notification_max_hours: 24\n"
        "  breach_notification_warn_hours: 12\n  subprocessor_notice_min_days: 90\n"
        "  prompt_retention_max_days: 1\n  sla_min_availability_pct: 99.99\n  exit_deadline_max_days: 10\n"
        "  exit_deadline_warn_days: 5\n  access_revocation_max_hours: 1\n",
        encoding="utf-8",
    )
    found = findings("--config", profile, cwd=generated)
    walk(found)
    assert any("by the organisation profile" in f["message"] for f in found)


@pytest.mark.parametrize(
    ("message", "rule_id"),
    [
        # The old shape: the found value twice, a condition with no source.
        (
            "breach notification window (breach_notification.window_hours) is 96 h; at most 72 h allowed"
            " (GDPR Art. 33(1)); breach notification window is 96 h; 48 h or less recommended",
            "IR-001",
        ),
        # A source that is not one of the rule's controls.
        (
            "breach notification window (breach_notification.window_hours) is 96 h;"
            " at most 72 h allowed (GDPR 33)",
            "IR-001",
        ),
        # One value named twice.
        (
            "plan (incident_response.plan) is false; must be true (23 NYCRR 500.16);"
            " plan (incident_response.plan) is false; must be true (23 NYCRR 500.16)",
            "IR-004",
        ),
        # An internal document id.
        (
            "incident response plan (incident_response.plan) is false in d3; must be true (23 NYCRR 500.16)",
            "IR-004",
        ),
        # No `label (path) found` first.
        ("the attestation is 400 days old; at most 365 days allowed (CSA CCM v4 A&A-02)", "DOS-003"),
        # A rule whose controls are {} cites nothing.
        ("document kind (kind) is repeated; only one per vendor allowed (GDPR Art. 28(3))", "DOS-002"),
    ],
)
def test_the_walk_refuses_a_malformed_message(message: str, rule_id: str) -> None:
    with pytest.raises(AssertionError):
        check_message(builtin_catalog()[rule_id], message)


@pytest.mark.parametrize(
    ("message", "rule_id"),
    [
        (
            "breach notification window (breach_notification.window_hours) is 96 h; at most 48 h allowed by"
            " the organisation profile (GDPR Art. 33(1) allows 72 h); at most 24 h allowed for the early"
            " warning when NIS2 applies (NIS2 Art. 23(4)); breach notification clock start"
            " (breach_notification.clock_start) is confirmation; awareness expected, so that the clock runs"
            " from when the vendor becomes aware (GDPR Art. 33(2))",
            "IR-001",
        ),
        (
            "incident response plan test date (incident_response.last_tested_on)"
            " is 2025-11-30 (366 days old);"
            " a test within the last 12 months required (PCI DSS 4.0.1 12.10.2)",
            "IR-004",
        ),
        (
            "TLS versions (encryption.in_transit.tls_versions) is not stated; 1.2 or 1.3 required (RFC 8996)",
            "ENC-001",
        ),
        (
            "certification expiry (certifications[0].expires_on) is 2026-12-20;"
            " renew (catalog default 60 days)",
            "CERT-006",
        ),
    ],
)
def test_the_walk_accepts_a_well_formed_message(message: str, rule_id: str) -> None:
    check_message(builtin_catalog()[rule_id], message)
