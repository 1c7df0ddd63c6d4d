"""The text format: grouped, sorted finding lines, waivers, notices and an honest summary."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from vendorgate.model import Finding, Level, Report
from vendorgate.output import get_formatter
from vendorgate.output.text import TextFormatter

MakeFinding = Callable[..., Finding]


def render(report: Report) -> str:
    return TextFormatter().render(report)


def test_full_report_matches_golden(full_report: Report, golden: Callable[[str, str], None]) -> None:
    golden("full.txt", render(full_report))


def test_clean_report_matches_golden(clean_report: Report, golden: Callable[[str, str], None]) -> None:
    golden("clean.txt", render(clean_report))


def test_failed_report_matches_golden(failed_report: Report, golden: Callable[[str, str], None]) -> None:
    golden("failed.txt", render(failed_report))


def test_registry_returns_text_formatter() -> None:
    assert isinstance(get_formatter("text"), TextFormatter)


def test_active_findings_are_grouped_by_file_and_sorted(full_report: Report) -> None:
    text = render(full_report)
    blocks = text.split("\n\n")
    first_file = blocks[0].splitlines()
    assert [line.split(":")[1] for line in first_file] == ["20", "31"]
    assert all(line.startswith("vendors/acme-ai/attestation.yaml:") for line in first_file)
    assert blocks[1].splitlines() == [
        "vendors/acme-ai/contract.yaml:12:5: error IR-001 breach notification window"
        " (breach_notification.window_hours) is 96 h; at most 72 h allowed (GDPR Art. 33(1))",
        "vendors/acme-ai/contract.yaml:58:3: warning AI-001 contractual prohibition of training"
        " on customer data (ai.training_prohibited) is false; must be true (11 CCR 7051(a))",
    ]
    assert blocks[2].startswith("vendors/globex-ml/attestation.yaml:44:3: note LOG-003 ")
    assert blocks[3].startswith("vendors/stray.yaml:2:1: error SCH-002 ")


def test_waived_findings_follow_active_ones_with_their_waiver(full_report: Report) -> None:
    lines = render(full_report).splitlines()
    waived_at = lines.index("waived:")
    assert all("waived by" not in line for line in lines[:waived_at])
    assert lines[waived_at + 1] == (
        "  vendors/globex-ml/attestation.yaml:18:22: error TRN-001 transfer channel"
        " (transfer_channels[0]) is http; an encrypted channel such as https required"
        " (PCI DSS 4.0.1 4.2.1) (waived by ciso@example.com until 2025-09-30:"
        " legacy channel, replaced in Q3, SEC-1234)"
    )
    assert lines[waived_at + 2].endswith(
        "(waived by legal@example.com until 2026-01-31: covered by the DPA annex)"
    )


def test_notices_come_before_the_summary(full_report: Report) -> None:
    lines = render(full_report).splitlines()
    assert lines[-4:] == [
        "note: no dossier files found under docs/",
        "note: vendors/globex-ml/scan.json: skipped: not UTF-8",
        "",
        "3 errors, 2 warnings, 1 note in 2 dossiers (6 files checked); 2 waived",
    ]


def test_summary_uses_singular_for_one(make_finding: MakeFinding, clean_report: Report) -> None:
    report = replace(
        clean_report,
        files_checked=1,
        findings=(
            make_finding(),
            make_finding(level=Level.WARNING, line=20),
            make_finding(level=Level.NOTE, line=30),
        ),
    )
    assert render(report).endswith("\n1 error, 1 warning, 1 note in 1 dossier (1 file checked)\n")


def test_clean_report_is_only_the_summary(clean_report: Report) -> None:
    assert render(clean_report) == "0 errors, 0 warnings, 0 notes in 1 dossier (3 files checked)\n"


def test_failed_execution_never_reads_like_a_pass(failed_report: Report) -> None:
    text = render(failed_report)
    assert "evaluation failed" in text
    assert "nothing was checked" in text
    assert "OPA at http://127.0.0.1:8181 is unreachable" in text
    assert not re.search(r"\b\d+ errors?\b", text)
    assert not re.search(r"\b\d+ dossiers?\b", text)


def test_failed_execution_without_error_text_still_says_so(failed_report: Report) -> None:
    text = render(replace(failed_report, error=None))
    assert text.endswith("evaluation failed: unknown error; nothing was checked, this is not a pass\n")


def test_message_cannot_break_lines_or_send_terminal_escapes(
    make_finding: MakeFinding, clean_report: Report
) -> None:
    report = replace(clean_report, findings=(make_finding(message="first\nsecond\x1b[2J\r\nthird\x07"),))
    first = render(report).splitlines()[0]
    assert first.endswith("error IR-001 first second\\u001b[2J third\\u0007")
    assert "\x1b" not in render(report)


def test_output_ends_with_exactly_one_newline(full_report: Report) -> None:
    text = render(full_report)
    assert text.endswith("\n")
    assert not text.endswith("\n\n")
