"""Hostile values in every field of a report: every format shows them escaped, none runs a command.

A GitHub runner reads every line of a step's stdout and stderr: a line that starts with `::`
after its leading blanks, or holds `##[` anywhere, is a workflow command (`::stop-commands::`
would silence every annotation that follows). Vendor ids, paths, messages and waiver fields
are written by whoever opens a branch, so each format must escape them.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import replace

import pytest

from vendorgate.model import Finding, Notice, Report, Suppression
from vendorgate.output import get_formatter
from vendorgate.output.summary import render_summary

MakeFinding = Callable[..., Finding]

# What .NET's String.TrimStart removes before the runner looks for `::`.
DOTNET_BLANKS = (
    "\t\n\v\f\r \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"
)
HOSTILE = "\u202e\u2066\x1b[2J\x9b\u2028\x85\u200f\ufeff\r\n::error::pwned ##[error]pwned\u00a0::"
HIDDEN = {
    chr(c)
    for c in range(sys.maxunicode + 1)
    if unicodedata.category(chr(c)) in {"Cc", "Cf", "Zl", "Zp", "Cs"} and chr(c) != "\n"
}
OUR_COMMANDS = {"error", "warning", "notice", "group", "endgroup"}


def command_name(line: str) -> str:
    """The name of the workflow command `line` is, as the runner reads it."""
    head = line[2:].split("::", 1)[0]
    return head.split(" ", 1)[0]


def hostile_report(report: Report, make_finding: MakeFinding) -> Report:
    waiver = Suppression(
        justification=f"accepted {HOSTILE}",
        approved_by=f"{HOSTILE}@example.com",
        expires_on=f"2099-01-01{HOSTILE}",
        ticket=f"RISK{HOSTILE}",
    )
    findings = (
        make_finding(path="::error::x.yaml", message=f"quoted subprocessor {HOSTILE}", vendor=HOSTILE),
        make_finding(path="::stop-commands::tok", rule_id="SCH-001", message=HOSTILE, vendor=None),
        make_finding(path=f" {HOSTILE}.yaml", message="m", vendor="acme", suppression=waiver),
        make_finding(path=f"\u00a0::warning::{HOSTILE}.yaml", message="m", vendor="acme"),
    )
    notices = (Notice(message=HOSTILE, path=f"::notice::{HOSTILE}"), Notice(message=f"::error::{HOSTILE}"))
    return replace(report, findings=findings, notices=notices, dossiers=(HOSTILE, "acme"))


def outputs(report: Report) -> dict[str, str]:
    shown = {name: get_formatter(name).render(report) for name in ("text", "github", "json", "sarif")}
    shown["summary"] = render_summary(report)
    return shown


@pytest.fixture(params=["passed", "failed"])
def report(request: pytest.FixtureRequest, clean_report: Report, make_finding: MakeFinding) -> Report:
    hostile = hostile_report(clean_report, make_finding)
    if request.param == "failed":
        return replace(hostile, execution_successful=False, error=f"cannot read {HOSTILE}")
    return hostile


def test_no_line_of_any_format_starts_a_workflow_command(report: Report) -> None:
    for name, text in outputs(report).items():
        for line in text.split("\n"):
            opened = line.lstrip(DOTNET_BLANKS)
            assert "##[" not in line, (name, line)
            if name == "github" and line.startswith("::"):
                # One of vendorgate's own commands; its data is escaped, so it stays one.
                assert command_name(line) in OUR_COMMANDS, line
                assert "\r" not in line
                continue
            assert not opened.startswith("::"), (name, line)


@pytest.mark.parametrize("name", ["text", "github", "summary"])
def test_no_hidden_character_reaches_a_reader(report: Report, name: str) -> None:
    text = outputs(report)[name]
    raw = sorted({f"U+{ord(c):04X}" for c in text if c in HIDDEN})
    assert raw == []
    assert "\\u202e" in text


@pytest.mark.parametrize("name", ["json", "sarif"])
def test_machine_formats_keep_the_values_exactly(report: Report, name: str) -> None:
    text = outputs(report)[name]
    assert all(ord(c) < 128 for c in text)
    if name == "json":
        assert HOSTILE in {f["message"] for f in json.loads(text)["findings"]}
    else:
        results = json.loads(text)["runs"][0].get("results") or []
        assert report.findings == () or HOSTILE in {r["message"]["text"] for r in results}


def test_text_line_of_a_hostile_path(clean_report: Report, make_finding: MakeFinding) -> None:
    text = get_formatter("text").render(hostile_report(clean_report, make_finding))
    assert "\\u003a:error::x.yaml:12:5: error IR-001 quoted subprocessor \\u202e\\u2066" in text
    assert "\\u003a:stop-commands::tok:12:5: error SCH-001" in text
