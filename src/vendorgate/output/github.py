"""The GitHub Actions format: workflow commands that annotate each active finding's line."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import groupby

from vendorgate.model import Finding, Level, Notice, Report
from vendorgate.output import AfterFailure, Formatter
from vendorgate.output.escaping import visible
from vendorgate.output.text import summary_line, visible_notices

# Workflow commands have three kinds of annotation; SARIF's "note" is GitHub's "notice".
_COMMAND = {Level.ERROR: "error", Level.WARNING: "warning", Level.NOTE: "notice"}


def escape_data(value: str) -> str:
    """A command's message, escaped as @actions/core's escapeData does."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """A command's property value, escaped as @actions/core's escapeProperty does."""
    # `:` and `,` delimit the properties themselves, so a path or title holding one would
    # otherwise end its value early and smuggle in another property.
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, properties: dict[str, str | int] | None = None) -> str:
    """`::name key=value,...::message`, with everything escaped.

    Values are first made visible (no control or bidi character) as in every other format,
    then escaped for the command syntax; a file name with such a character then names no
    file in the repository, and its annotation shows without a place.
    """
    props = ",".join(
        f"{key}={escape_property(visible(str(value)))}" for key, value in (properties or {}).items()
    )
    head = f"::{name} {props}" if props else f"::{name}"
    return f"{head}::{escape_data(visible(message, keep_lines=True))}"


def annotation(finding: Finding) -> str:
    position = finding.position
    properties: dict[str, str | int] = {"file": finding.path, "line": position.line}
    # GitHub reads col and endColumn only on a one-line annotation; on one that spans
    # lines they would be misread, so such a region is given by its lines alone.
    if position.line == position.end_line:
        properties["col"] = position.column
    properties["endLine"] = position.end_line
    if position.line == position.end_line:
        properties["endColumn"] = position.end_column
    properties["title"] = finding.rule_id
    return command(_COMMAND[finding.level], finding.message, properties)


def most_severe(findings: Iterable[Finding], limit: int) -> tuple[list[Finding], int]:
    """The findings to annotate, most severe first, and how many were left out.

    GitHub shows at most 10 error and 10 warning annotations per step: at most `limit` of
    each level beyond notes are kept (0: no limit); notes are not counted.
    """
    ordered = sorted(findings, key=lambda f: (-f.level.rank, f.sort_key()))
    if limit == 0:
        return ordered, 0
    kept: list[Finding] = []
    shown: Counter[Level] = Counter()
    for finding in ordered:
        if finding.level is not Level.NOTE and shown[finding.level] >= limit:
            continue
        shown[finding.level] += 1
        kept.append(finding)
    return kept, len(ordered) - len(kept)


def _notice(notice: Notice) -> str:
    properties: dict[str, str | int] | None = {"file": notice.path} if notice.path else None
    return command(_COMMAND[notice.level], notice.message, properties)


class GithubFormatter(Formatter):
    """An annotation per active finding, the most severe first up to the display limit; none when waived."""

    after_failure = AfterFailure.STDOUT

    def render(self, report: Report) -> str:
        lines: list[str] = []
        shown, left_out = most_severe(report.active, self.options.max_annotations)
        for path, findings in groupby(shown, key=lambda f: f.path):
            lines.append(command("group", path))
            lines.extend(annotation(f) for f in findings)
            lines.append(command("endgroup", ""))
        if left_out:
            more = "finding" if left_out == 1 else "findings"
            lines.append(command("notice", f"{left_out} more {more}: see the job summary"))
        lines.extend(_notice(n) for n in visible_notices(report))
        if not report.execution_successful:
            # An annotation, not just a log line, so the failure shows on the check run
            # itself and nobody reads the missing findings as a pass.
            reason = report.error or "unknown error"
            lines.append(command("error", f"vendorgate evaluation failed: {reason}; nothing was checked"))
        lines.append(f"vendorgate: {summary_line(report)}")
        return "\n".join(lines) + "\n"
