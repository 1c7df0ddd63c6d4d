"""The GitHub job summary: a Markdown verdict, a table per vendor and each vendor's top findings."""

from __future__ import annotations

import re
from collections.abc import Iterable

from vendorgate.model import ExitCode, Finding, Level, Report
from vendorgate.output.escaping import visible
from vendorgate.output.text import count_levels, summary_line

NO_VENDOR = "(no vendor)"
TOP_FINDINGS = 5
# With a baseline, each section lists this many findings: enough for a PR, far below the
# 1 MiB GitHub allows a job summary.
SECTION_FINDINGS = 50

# Values come from dossiers: without escaping, a vendor name or message could close the
# table, start a link or inject HTML into the page a reviewer trusts.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")

_VERDICT = {
    ExitCode.OK: "passed",
    ExitCode.FINDINGS: "failed",
    ExitCode.ERROR: "could not evaluate",
}


def escape_markdown(text: str) -> str:
    """`text` as literal inline Markdown on one line; `|` cannot break a table cell."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", visible(text))


def _vendor_key(finding: Finding) -> str:
    return finding.vendor if finding.vendor is not None else NO_VENDOR


def _vendors(report: Report) -> list[str]:
    # Clean dossiers get a row too: a reviewer should see that they were checked.
    named = set(report.dossiers) | {f.vendor for f in report.findings if f.vendor is not None}
    rows = sorted(named)
    if any(f.vendor is None for f in report.findings):
        rows.append(NO_VENDOR)
    return rows


def _row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _top(findings: list[Finding]) -> list[str]:
    ranked = sorted(findings, key=lambda f: (-f.level.rank, f.sort_key()))
    lines = [
        f"- {escape_markdown(f.rule_id)} {escape_markdown(f.path)}:{f.position.line} — "
        f"{escape_markdown(f.message)}"
        for f in ranked[:TOP_FINDINGS]
    ]
    if len(ranked) > TOP_FINDINGS:
        lines.append(f"- … and {len(ranked) - TOP_FINDINGS} more")
    return lines


def render_summary(report: Report) -> str:
    """The job summary's Markdown, ending with a newline."""
    verdict = _VERDICT[report.exit_code]
    lines = [f"## vendorgate: {verdict}", ""]
    if not report.execution_successful:
        reason = escape_markdown(report.error or "unknown error")
        lines += [
            f"**Evaluation failed:** {reason}",
            "",
            "Nothing was checked: this is not a pass. Fix the error above and run again.",
            "",
        ]
        if not report.findings:
            return "\n".join(lines)
        lines += ["Findings reported before the failure (incomplete):", ""]
    else:
        lines += [
            f"{escape_markdown(summary_line(report))}. Evaluated as of "
            f"{escape_markdown(report.as_of)} with fail-on {report.fail_on.value}.",
            "",
        ]

    by_vendor: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_vendor.setdefault(_vendor_key(finding), []).append(finding)

    lines += [
        _row(("Vendor", "Errors", "Warnings", "Notes", "Waived")),
        _row(("---", "---:", "---:", "---:", "---:")),
    ]
    for vendor in _vendors(report):
        findings = by_vendor.get(vendor, [])
        active = [f for f in findings if not f.suppressed]
        counts = count_levels(active)
        waived = len(findings) - len(active)
        lines.append(
            _row(
                (
                    escape_markdown(vendor),
                    str(counts[Level.ERROR]),
                    str(counts[Level.WARNING]),
                    str(counts[Level.NOTE]),
                    str(waived),
                )
            )
        )

    if report.baselined:
        return "\n".join(lines + _baseline_sections(report)) + "\n"
    for vendor in _vendors(report):
        active = [f for f in by_vendor.get(vendor, []) if not f.suppressed]
        if active:
            lines += ["", f"### {escape_markdown(vendor)}", "", *_top(active)]
    return "\n".join(lines) + "\n"


def _listed(findings: list[Finding]) -> list[str]:
    ranked = sorted(findings, key=lambda f: (_vendor_key(f), -f.level.rank, f.sort_key()))
    lines = [
        f"- {escape_markdown(_vendor_key(f))}: {f.level.value} {escape_markdown(f.rule_id)} "
        f"{escape_markdown(f.path)}:{f.position.line} — {escape_markdown(f.message)}"
        + (" (updated)" if f.baseline_state == "updated" else "")
        for f in ranked[:SECTION_FINDINGS]
    ]
    if len(ranked) > SECTION_FINDINGS:
        lines.append(f"- … and {len(ranked) - SECTION_FINDINGS} more (see the JSON or text report)")
    return lines or ["None."]


def _baseline_sections(report: Report) -> list[str]:
    """New findings first, then the ones the baseline had: every document of the checked
    dossiers, including those the change did not touch, which code scanning does not annotate."""
    new = [f for f in report.active if f.baseline_state != "unchanged"]
    existing = [f for f in report.active if f.baseline_state == "unchanged"]
    gate = "they do not fail the gate" if report.fail_on_new else "they count for the gate"
    lines = ["", "### New and updated findings", "", *_listed(new)]
    lines += ["", "### Existing findings", "", f"Already in the baseline; {gate}.", "", *_listed(existing)]
    if report.fixed:
        lines += ["", "### Fixed since the baseline", "", *_listed(list(report.fixed))]
    return lines
