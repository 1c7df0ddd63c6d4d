"""The METADATA parser: what it reads from a Rego file, and every way a file is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from vendorgate.errors import PolicyError
from vendorgate.model import Level
from vendorgate.policy.metadata import rego_files, scan

RULE = """\
# METADATA
# title: Breach window
# description: >-
#   The contract states a breach
#   notification window.
# custom:
#   id: ABC-001
#   severity: warning
#   source: GDPR 33
#   tags: [incident, gdpr]
#   help: |
#     Set the window.
deny contains result if {
	result := 1
}
"""


def write(tmp_path: Path, text: str, name: str = "rule.rego") -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_rule_reads_every_field(tmp_path: Path) -> None:
    policy = scan(write(tmp_path, "package vendorgate.rules.incident\n\n" + RULE), "p/rule.rego")
    assert (policy.package, policy.package_line) == ("vendorgate.rules.incident", 1)
    (rule,) = policy.rules
    assert rule.id == "ABC-001"
    assert rule.title == "Breach window"
    assert rule.description == "The contract states a breach notification window."
    assert rule.level is Level.WARNING
    assert rule.source == "GDPR 33"
    assert rule.help == "Set the window."
    assert rule.tags == ("incident", "gdpr")
    # The security severity follows the level unless the rule states its own.
    assert rule.security_severity == 5.0
    assert rule.precision == "very-high"
    # The area is the last part of the package; the location is the `# METADATA` line.
    assert (rule.area, rule.location) == ("incident", "p/rule.rego:3")
    assert (policy.deny_lines, policy.unannotated) == ((15,), ())
    policy.check_annotated()


def test_defaults_and_stated_values(tmp_path: Path) -> None:
    text = (
        "package vendorgate.custom.acme\n"
        "# METADATA\n#custom:\n#  id: ACME-100\n#  security_severity: 9.5\n#  precision: high\n"
        "deny contains x if { x := 1 }\n"
    )
    (rule,) = scan(write(tmp_path, text)).rules
    assert (rule.title, rule.level, rule.security_severity, rule.precision) == (
        "ACME-100",
        Level.ERROR,
        9.5,
        "high",
    )
    assert (rule.description, rule.source, rule.help, rule.tags) == ("", "", "", ())


def test_a_block_without_custom_id_is_no_rule(tmp_path: Path) -> None:
    text = "# METADATA\n# title: Helpers\npackage vendorgate.lib\n\n# METADATA\n# title: Rank\nrank := 1\n"
    policy = scan(write(tmp_path, text))
    assert (policy.package, policy.package_line, policy.rules, policy.deny_lines) == (
        "vendorgate.lib",
        3,
        (),
        (),
    )


@pytest.mark.parametrize(
    "head",
    [
        "deny contains r if {",
        "deny if {",
        "deny := {1}",
        "deny = x {",
        "deny[r] {",
        "  deny contains r if {",
        "deny",
    ],
)
def test_every_form_of_a_deny_head_needs_its_own_metadata(tmp_path: Path, head: str) -> None:
    text = "package vendorgate.custom.x\n\n" + RULE + "\n" + head + "\n"
    policy = scan(write(tmp_path, text), "x.rego")
    assert policy.deny_lines == (15, 19)
    assert policy.unannotated == (19,)
    with pytest.raises(PolicyError, match=r"^x\.rego:19: this deny rule has no METADATA block"):
        policy.check_annotated()


@pytest.mark.parametrize("line", ["denylist := {1}", "# deny contains r if {", "not_deny contains r if {"])
def test_what_only_looks_like_a_deny_head_is_not_one(tmp_path: Path, line: str) -> None:
    assert scan(write(tmp_path, f"package p\n{line}\n")).deny_lines == ()


def test_a_block_parted_from_its_rule_does_not_annotate_it(tmp_path: Path) -> None:
    text = RULE.replace("deny contains", "\ndeny contains")
    assert scan(write(tmp_path, "package p\n" + text)).unannotated == (15,)


def test_without_a_package(tmp_path: Path) -> None:
    policy = scan(write(tmp_path, RULE))
    assert (policy.package, policy.package_line) == ("", 1)
    assert policy.rules[0].area == ""


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ("# custom: [unclosed\n", r"^r\.rego:3: the METADATA block is not valid YAML"),
        ("# custom:\n#   id: abc-1\n", r"^r\.rego:3: custom\.id 'abc-1' is not a rule id like ABC-001"),
        ("# custom:\n#   id: 1\n", r"^r\.rego:3: custom\.id 1 is not a rule id"),
        (
            "# custom:\n#   id: ABC-001\n#   severity: fatal\n",
            r"^r\.rego:3: custom\.severity 'fatal' is not a level",
        ),
    ],
)
def test_a_bad_block_names_its_file_and_line(tmp_path: Path, block: str, message: str) -> None:
    path = write(tmp_path, "package p\n\n# METADATA\n" + block + "deny contains r if { r := 1 }\n")
    with pytest.raises(PolicyError, match=message):
        scan(path, "r.rego")


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.rego"
    path.write_bytes(b"package p\n# \xff\n")
    with pytest.raises(PolicyError, match=r"^bad\.rego: the policy file cannot be read as UTF-8 text"):
        scan(path, "bad.rego")


def test_rego_files_are_sorted_recursive_and_skip_tests(tmp_path: Path) -> None:
    for name in ("b.rego", "a/z.rego", "a_test.rego", "a/y_test.rego", "notes.md", "c.rego"):
        write(tmp_path, "package p\n", name)
    found = [p.relative_to(tmp_path).as_posix() for p in rego_files([tmp_path])]
    assert found == ["a/z.rego", "b.rego", "c.rego"]


def test_controls_and_thresholds_are_read_per_rule(tmp_path: Path) -> None:
    """custom.controls keeps its order (an empty list: the framework as a whole); each rule's
    thresholds are the names its own section of the file reads, comments left out."""
    text = (
        "package vendorgate.rules.incident\n\n"
        "# METADATA\n# custom:\n#   id: ABC-001\n#   controls:\n"
        '#     "GDPR": ["Art. 33(1)", "Art. 33(2)"]\n#     "RFC 8996": []\n'
        "deny contains r if { r := _window }\n\n"
        '# lib.threshold("commented_out_days")\n'
        '_window := lib.limit(\n\t"breach_hours", "max", "%s", "h", [],\n)\n'
        '_warn := lib.threshold("breach_warn_hours") + lib.threshold("breach_hours")\n\n'
        "# METADATA\n# custom:\n#   id: ABC-002\n"
        'deny contains r if { r := lib.threshold("review_days") }\n'
    )
    first, second = scan(write(tmp_path, text)).rules
    assert first.controls == (("GDPR", ("Art. 33(1)", "Art. 33(2)")), ("RFC 8996", ()))
    assert first.citations == ("GDPR Art. 33(1)", "GDPR Art. 33(2)", "RFC 8996")
    assert first.thresholds == ("breach_hours", "breach_warn_hours")
    # A custom policy may leave controls out: it maps to no control.
    assert (second.controls, second.citations, second.thresholds) == ((), (), ("review_days",))


@pytest.mark.parametrize(
    "controls",
    [
        '#   controls: ["GDPR Art. 33"]\n',
        '#   controls: "GDPR"\n',
        '#   controls:\n#     "GDPR": "Art. 33"\n',
        '#   controls:\n#     "23 NYCRR": [500.17]\n',
        '#   controls:\n#     "GDPR": ["Art. 33", ""]\n',
        "#   controls:\n#     2021: []\n",
        '#   controls:\n#     "GDPR": [["Art. 33"]]\n',
    ],
)
def test_controls_of_the_wrong_shape_are_refused(tmp_path: Path, controls: str) -> None:
    path = write(
        tmp_path,
        "package p\n\n# METADATA\n# custom:\n#   id: ABC-001\n"
        + controls
        + "deny contains r if { r := 1 }\n",
    )
    with pytest.raises(PolicyError) as raised:
        scan(path, "r.rego")
    message = str(raised.value)
    assert message.startswith(
        "r.rego:3: custom.controls must map each framework name to a list of control ids"
    )
    assert message.endswith("; fix it")
    assert "\n" not in message


@pytest.mark.parametrize("value", ["high", "true", "11", "-1", "[8]"])
def test_a_security_severity_that_is_not_a_score_is_refused(tmp_path: Path, value: str) -> None:
    block = f"# custom:\n#   id: ABC-001\n#   security_severity: {value}\n"
    path = write(tmp_path, "package p\n\n# METADATA\n" + block + "deny contains r if { r := 1 }\n")
    with pytest.raises(
        PolicyError,
        match=r"^r\.rego:3: custom\.security_severity .* is not a number from 0\.0 to 10\.0; fix it$",
    ):
        scan(path, "r.rego")
