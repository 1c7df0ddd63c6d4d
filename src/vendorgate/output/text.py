"""The human-readable text format: one `path:line:col: level RULE-ID message` line per finding."""

from __future__ import annotations

from collections.abc import Iterable

from vendorgate.model import Finding, Level, Notice, Report
from vendorgate.output import AfterFailure, Formatter
from vendorgate.output.escaping import line_start, visible

_LEVELS = (Level.ERROR, Level.WARNING, Level.NOTE)


def plural(count: int, noun: str) -> str:
    """`1 error`, `2 errors`: summary lines read as English, not as `1 errors`."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def count_levels(findings: Iterable[Finding]) -> dict[Level, int]:
    """How many of `findings` there are per level, with every level present."""
    counts = dict.fromkeys(_LEVELS, 0)
    for finding in findings:
        counts[finding.level] += 1
    return counts


def summary_line(report: Report) -> str:
    """`3 errors, 1 warning, 0 notes in 2 dossiers (6 files checked); 1 waived`, or the failure."""
    if not report.execution_successful:
        # Counts from a run that could not finish would read like a verdict; say only that
        # there is none, so nobody mistakes a failed evaluation for a clean one.
        reason = visible(report.error) if report.error else "unknown error"
        return f"evaluation failed: {reason}; nothing was checked, this is not a pass"
    counts = count_levels(report.active)
    waived = len(report.findings) - len(report.active)
    line = (
        f"{plural(counts[Level.ERROR], 'error')}, {plural(counts[Level.WARNING], 'warning')}, "
        f"{plural(counts[Level.NOTE], 'note')} in {plural(len(report.dossiers), 'dossier')} "
        f"({plural(report.files_checked, 'file')} checked)"
    )
    line = f"{line}; {waived} waived" if waived else line
    if report.baselined:
        states = [f.baseline_state for f in report.active]
        existing = states.count("unchanged")
        line += f"; {len(states) - existing} new or updated, {existing} existing, {len(report.fixed)} fixed"
    return line


def visible_notices(report: Report) -> list[Notice]:
    """The notices to show, sorted; one that only repeats `report.error` is left out."""
    # A failed run often records its error as a notice too; the failure statement that
    # every format prints already says it, and saying it twice reads like two failures.
    return sorted(
        (n for n in report.notices if report.error is None or n.message != report.error),
        key=lambda n: (n.path or "", n.message),
    )


def finding_line(finding: Finding) -> str:
    position = finding.position
    return (
        f"{line_start(finding.path)}:{position.line}:{position.column}: "
        f"{finding.level.value} {visible(finding.rule_id)} {visible(finding.message)}"
    )


def _state(finding: Finding) -> str:
    """Marks a finding the baseline already had; new and updated ones are the PR's own."""
    return {"unchanged": " (existing)", "updated": " (updated)"}.get(finding.baseline_state or "", "")


def _waiver(finding: Finding) -> str:
    suppression = finding.suppression
    if suppression is None:
        return ""
    ticket = f", {visible(suppression.ticket)}" if suppression.ticket else ""
    return (
        f" (waived by {visible(suppression.approved_by)} until {visible(suppression.expires_on)}: "
        f"{visible(suppression.justification)}{ticket})"
    )


def _notice_line(notice: Notice) -> str:
    where = f"{visible(notice.path)}: " if notice.path else ""
    return f"{notice.level.value}: {where}{visible(notice.message)}"


class TextFormatter(Formatter):
    """Findings grouped by file, then waived findings, notices and a one-line summary."""

    after_failure = AfterFailure.NOWHERE

    def render(self, report: Report) -> str:
        lines: list[str] = []
        active = sorted(report.active, key=Finding.sort_key)
        previous_path: str | None = None
        for finding in active:
            if previous_path is not None and finding.path != previous_path:
                lines.append("")
            lines.append(finding_line(finding) + _state(finding))
            previous_path = finding.path

        waived = sorted((f for f in report.findings if f.suppressed), key=Finding.sort_key)
        if waived:
            if lines:
                lines.append("")
            lines.append("waived:")
            lines.extend(f"  {finding_line(f)}{_waiver(f)}" for f in waived)

        if report.fixed:
            if lines:
                lines.append("")
            lines.append("fixed since the baseline:")
            lines.extend(f"  {finding_line(f)}" for f in report.fixed)

        notices = visible_notices(report)
        if notices:
            if lines:
                lines.append("")
            lines.extend(_notice_line(n) for n in notices)

        if lines:
            lines.append("")
        lines.append(summary_line(report))
        return "\n".join(lines) + "\n"
