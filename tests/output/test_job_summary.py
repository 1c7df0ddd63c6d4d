"""The Markdown job summary: verdict heading, a per-vendor table parsed back, top findings."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from vendorgate.model import FailOn, Finding, Level, Report
from vendorgate.output.summary import NO_VENDOR, escape_markdown, render_summary

MakeFinding = Callable[..., Finding]
HEADER = ["Vendor", "Errors", "Warnings", "Notes", "Waived"]


def split_row(line: str) -> list[str]:
    """A Markdown table row's cells: split on `|` that is not escaped as `\\|`."""
    assert line.startswith("|")
    assert line.endswith("|")
    cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
    return [cell.strip().replace("\\|", "|") for cell in cells]


def parse_table(markdown: str) -> dict[str, list[int]]:
    """The one table in `markdown`: vendor → [errors, warnings, notes, waived]."""
    lines = [line for line in markdown.splitlines() if line.startswith("|")]
    assert split_row(lines[0]) == HEADER
    assert all(re.fullmatch(r"-+:?", cell) for cell in split_row(lines[1]))
    table: dict[str, list[int]] = {}
    for line in lines[2:]:
        cells = split_row(line)
        assert len(cells) == len(HEADER)
        vendor = re.sub(r"\\(.)", r"\1", cells[0])
        table[vendor] = [int(cell) for cell in cells[1:]]
    return table


def test_full_report_matches_golden(full_report: Report, golden: Callable[[str, str], None]) -> None:
    golden("full.md", render_summary(full_report))


def test_failed_report_matches_golden(failed_report: Report, golden: Callable[[str, str], None]) -> None:
    golden("failed.md", render_summary(failed_report))


def test_table_counts_per_vendor(full_report: Report) -> None:
    assert parse_table(render_summary(full_report)) == {
        "acme-ai": [2, 2, 0, 0],
        "globex-ml": [0, 0, 1, 2],
        NO_VENDOR: [1, 0, 0, 0],
    }


def test_clean_dossiers_get_a_row_of_zeros(clean_report: Report) -> None:
    markdown = render_summary(clean_report)
    assert markdown.startswith("## vendorgate: passed\n")
    assert parse_table(markdown) == {"initech": [0, 0, 0, 0]}
    assert "###" not in markdown


def test_verdict_heading(full_report: Report, failed_report: Report) -> None:
    assert render_summary(full_report).startswith("## vendorgate: failed\n")
    never = replace(full_report, fail_on=FailOn.NEVER)
    assert render_summary(never).startswith("## vendorgate: passed\n")
    failed = render_summary(failed_report)
    assert failed.startswith("## vendorgate: could not evaluate\n")
    assert "Nothing was checked: this is not a pass." in failed
    assert "|" not in failed


def test_top_findings_per_vendor_errors_first(full_report: Report) -> None:
    markdown = render_summary(full_report)
    section = markdown.split("### acme-ai\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert section == [
        "- ENC-002 vendors/acme-ai/attestation.yaml:20 — encryption-at-rest algorithm"
        " (encryption.at\\_rest.algorithm) is 3DES-CBC; a strong cipher such as AES-256-GCM"
        " required, not DES, 3DES, TDEA or RC4 (NIST SP 800-131A r2)",
        "- IR-001 vendors/acme-ai/contract.yaml:12 — breach notification window"
        " (breach\\_notification.window\\_hours) is 96 h; at most 72 h allowed (GDPR Art. 33(1))",
        "- LOG-003 vendors/acme-ai/attestation.yaml:31 — log immutability (logging.immutable)"
        " is false; must be true (PCI DSS 4.0.1 10.3.2)",
        "- AI-001 vendors/acme-ai/contract.yaml:58 — contractual prohibition of training on"
        " customer data (ai.training\\_prohibited) is false; must be true (11 CCR 7051(a))",
    ]
    assert f"### {escape_markdown(NO_VENDOR)}" in markdown


def test_at_most_five_top_findings(make_finding: MakeFinding, clean_report: Report) -> None:
    findings = tuple(
        make_finding(level=Level.WARNING if i % 2 else Level.ERROR, line=i + 1, vendor="initech")
        for i in range(8)
    )
    markdown = render_summary(replace(clean_report, findings=findings))
    bullets = [line for line in markdown.splitlines() if line.startswith("- ")]
    assert len(bullets) == 6
    assert [b.split(":")[1].split(" ")[0] for b in bullets[:5]] == ["1", "3", "5", "7", "2"]
    assert bullets[-1] == "- … and 3 more"
    assert parse_table(markdown) == {"initech": [4, 4, 0, 0]}


def test_pipes_in_cells_are_escaped(make_finding: MakeFinding, clean_report: Report) -> None:
    finding = make_finding(vendor="acme | evil", message="a | b\nc")
    markdown = render_summary(replace(clean_report, findings=(finding,)))
    assert parse_table(markdown) == {"acme | evil": [1, 0, 0, 0], "initech": [0, 0, 0, 0]}
    assert "a \\| b c" in markdown


def test_markdown_and_html_in_values_are_literal() -> None:
    assert escape_markdown("<img src=x> [link](y) *bold* `code`") == (
        "\\<img src=x\\> \\[link\\](y) \\*bold\\* \\`code\\`"
    )


def test_ends_with_newline(full_report: Report, failed_report: Report) -> None:
    assert render_summary(full_report).endswith("\n")
    assert render_summary(failed_report).endswith("\n")
