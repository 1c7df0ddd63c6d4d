"""The GitHub Actions format: escaped workflow commands, grouped per file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from vendorgate.model import Finding, Level, Notice, Report
from vendorgate.output import OutputOptions, get_formatter
from vendorgate.output.github import (
    GithubFormatter,
    annotation,
    command,
    escape_data,
    escape_property,
)

MakeFinding = Callable[..., Finding]


def render(report: Report) -> str:
    return GithubFormatter().render(report)


def test_full_report_matches_golden(full_report: Report, golden: Callable[[str, str], None]) -> None:
    golden("full.github", render(full_report))


def test_failed_report_matches_golden(failed_report: Report, golden: Callable[[str, str], None]) -> None:
    golden("failed.github", render(failed_report))


def test_registry_returns_github_formatter() -> None:
    assert isinstance(get_formatter("github"), GithubFormatter)


def test_escape_data_like_the_toolkit() -> None:
    assert escape_data("100% sure\r\nnext: a, b") == "100%25 sure%0D%0Anext: a, b"
    # `%` first, so an escape written by the caller is not decoded by GitHub.
    assert escape_data("%0A") == "%250A"


def test_escape_property_also_escapes_colon_and_comma() -> None:
    assert escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"


def test_annotation_line(make_finding: MakeFinding) -> None:
    finding = make_finding(
        path="vendors/acme, inc:eu/attestation.yaml",
        message="window is 96 h: 100% over\nsee contract, section 4",
        line=12,
        column=5,
        end_line=13,
        end_column=2,
    )
    # A region over two lines carries no columns: GitHub reads them only on one line.
    assert annotation(finding) == (
        "::error file=vendors/acme%2C inc%3Aeu/attestation.yaml,line=12,endLine=13,"
        "title=IR-001::window is 96 h: 100%25 over%0Asee contract, section 4"
    )


def test_one_line_annotation_has_columns(make_finding: MakeFinding) -> None:
    finding = make_finding(line=7, column=3, end_line=7, end_column=9)
    assert ",line=7,col=3,endLine=7,endColumn=9," in annotation(finding)


def test_levels_map_to_commands(make_finding: MakeFinding) -> None:
    assert annotation(make_finding(level=Level.ERROR)).startswith("::error ")
    assert annotation(make_finding(level=Level.WARNING)).startswith("::warning ")
    assert annotation(make_finding(level=Level.NOTE)).startswith("::notice ")


def test_command_without_properties() -> None:
    assert command("endgroup", "") == "::endgroup::"
    assert command("group", "a%b\nc") == "::group::a%25b%0Ac"


def test_most_severe_first_grouped_per_file_and_waived_ones_silent(full_report: Report) -> None:
    lines = render(full_report).splitlines()
    groups = [line.removeprefix("::group::") for line in lines if line.startswith("::group::")]
    # Errors of every file before any warning: each run of one file is a group.
    assert groups == [
        "vendors/acme-ai/attestation.yaml",
        "vendors/acme-ai/contract.yaml",
        "vendors/stray.yaml",
        "vendors/acme-ai/attestation.yaml",
        "vendors/acme-ai/contract.yaml",
        "vendors/globex-ml/attestation.yaml",
    ]
    assert lines.count("::endgroup::") == len(groups)
    annotations = [line for line in lines if "title=" in line]
    assert len(annotations) == len(full_report.active)
    assert [line.split(" ")[0] for line in annotations] == ["::error"] * 3 + ["::warning"] * 2 + ["::notice"]
    assert not any("backup" in line or "globex-ml/contract.yaml" in line for line in lines)
    assert not any("more finding" in line for line in lines)


def _many(make_finding: MakeFinding, level: Level, count: int) -> list[Finding]:
    return [make_finding(level=level, path=f"v/{level.value}.yaml", line=i + 1) for i in range(count)]


def test_annotations_capped_per_level_with_a_closing_notice(
    full_report: Report, make_finding: MakeFinding
) -> None:
    findings = [
        *_many(make_finding, Level.NOTE, 3),
        *_many(make_finding, Level.WARNING, 12),
        *_many(make_finding, Level.ERROR, 15),
    ]
    report = replace(full_report, findings=tuple(findings), notices=())
    lines = render(report).splitlines()
    annotations = [line for line in lines if "title=" in line]
    kinds = [line.split(" ")[0] for line in annotations]
    assert kinds == ["::error"] * 10 + ["::warning"] * 10 + ["::notice"] * 3
    # The first ten errors by place are kept: lines 1 to 10.
    assert [a.split(",line=")[1].split(",")[0] for a in annotations[:10]] == [str(i) for i in range(1, 11)]
    assert lines[-2] == "::notice::7 more findings: see the job summary"

    unlimited = GithubFormatter(OutputOptions(max_annotations=0)).render(report)
    assert unlimited.count("title=") == 30
    assert "more findings" not in unlimited
    raised = GithubFormatter(OutputOptions(max_annotations=12)).render(report)
    assert raised.count("title=") == 27
    assert "::notice::3 more findings: see the job summary" in raised


def test_summary_line_is_last_and_plain(full_report: Report) -> None:
    assert render(full_report).splitlines()[-1] == (
        "vendorgate: 3 errors, 2 warnings, 1 note in 2 dossiers (6 files checked); 2 waived"
    )


def test_failed_execution_is_an_error_annotation(failed_report: Report) -> None:
    lines = render(failed_report).splitlines()
    assert lines[-2] == (
        "::error::vendorgate evaluation failed: OPA at http://127.0.0.1:8181 is unreachable: "
        "connection refused; nothing was checked"
    )
    assert "errors" not in lines[-1]


def test_notices_are_annotations_on_their_file(full_report: Report) -> None:
    lines = render(full_report).splitlines()
    assert "::notice file=vendors/globex-ml/scan.json::skipped: not UTF-8" in lines
    assert "::notice::no dossier files found under docs/" in lines


def test_clean_report_prints_only_the_summary(clean_report: Report) -> None:
    assert render(clean_report) == (
        "vendorgate: 0 errors, 0 warnings, 0 notes in 1 dossier (3 files checked)\n"
    )


def test_only_waived_findings_give_no_annotation(full_report: Report) -> None:
    waived = tuple(f for f in full_report.findings if f.suppressed)
    text = render(replace(full_report, findings=waived, notices=()))
    assert "::" not in text


def test_error_repeated_as_a_notice_is_annotated_once(failed_report: Report) -> None:
    error = failed_report.error or ""
    report = replace(failed_report, notices=(Notice(message=error, level=Level.ERROR),))
    errors = [line for line in render(report).splitlines() if line.startswith("::error")]
    assert len(errors) == 1
