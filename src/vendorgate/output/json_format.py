"""The machine-readable JSON format, versioned by `schema_version` (see docs/json-output.md)."""

from __future__ import annotations

import json
from typing import Any

from vendorgate.model import Finding, Notice, Report, Suppression
from vendorgate.output import TOOL_NAME, AfterFailure, Formatter
from vendorgate.output.escaping import json_text
from vendorgate.output.text import count_levels

# Bump the minor version for added fields, the major version for anything a consumer that
# reads the current shape would misread (renamed, removed or retyped fields).
SCHEMA_VERSION = "1.1"
STATES = ("new", "updated", "unchanged")


def _suppression(suppression: Suppression | None) -> dict[str, Any] | None:
    if suppression is None:
        return None
    return {
        "justification": suppression.justification,
        "approved_by": suppression.approved_by,
        "expires_on": suppression.expires_on,
        "ticket": suppression.ticket,
    }


def _finding(finding: Finding) -> dict[str, Any]:
    position = finding.position
    return {
        "rule_id": finding.rule_id,
        "level": finding.level.value,
        "message": finding.message,
        "path": finding.path,
        "line": position.line,
        "column": position.column,
        "end_line": position.end_line,
        "end_column": position.end_column,
        "pointer": finding.pointer,
        "vendor": finding.vendor,
        "suppressed": finding.suppressed,
        "suppression": _suppression(finding.suppression),
        "kind": finding.kind,
        "value_hash": finding.value_hash,
        "baseline_state": finding.baseline_state,
    }


def _notice(notice: Notice) -> dict[str, Any]:
    return {"message": notice.message, "path": notice.path, "level": notice.level.value}


def report_to_dict(report: Report, *, findings: bool = True) -> dict[str, Any]:
    """The report as the documented JSON object, before serialisation (`findings=False`: `[]`)."""
    counts = count_levels(report.active)
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": TOOL_NAME, "version": report.tool_version},
        "as_of": report.as_of,
        "execution_successful": report.execution_successful,
        "error": report.error,
        "exit_code": int(report.exit_code),
        "fail_on": report.fail_on.value,
        "summary": {
            "files_checked": report.files_checked,
            "dossiers": len(report.dossiers),
            "by_level": {level.value: count for level, count in counts.items()},
            "waived": len(report.findings) - len(report.active),
        },
        "findings": [_finding(f) for f in sorted(report.findings, key=Finding.sort_key)] if findings else [],
        "notices": [_notice(n) for n in sorted(report.notices, key=lambda n: (n.path or "", n.message))],
        "baseline": None
        if not report.baselined
        else {
            "fail_on_new": report.fail_on_new,
            "by_state": {state: sum(f.baseline_state == state for f in report.findings) for state in STATES},
            "fixed": [_finding(f) for f in report.fixed],
        },
    }


class JsonFormatter(Formatter):
    """Every finding (waived ones flagged), the notices and the verdict, as one JSON object."""

    after_failure = AfterFailure.STDOUT

    def render(self, report: Report) -> str:
        if not report.findings:
            return json_text(json.dumps(report_to_dict(report), indent=2)) + "\n"
        # The findings are dumped one by one and indented into place: the same text as one
        # json.dumps of the whole report, without every finding's dict and pieces alive at
        # once (with indent, json.dumps builds the text from millions of small strings).
        # `##[` lies inside one JSON string, so escaping each piece escapes the whole.
        head, _, tail = json.dumps(report_to_dict(report, findings=False), indent=2).partition(
            '"findings": []'
        )
        items = ",\n".join(
            json_text(_indented(json.dumps(_finding(f), indent=2), "    "))
            for f in sorted(report.findings, key=Finding.sort_key)
        )
        return f'{json_text(head)}"findings": [\n{items}\n  ]{json_text(tail)}\n'


def _indented(text: str, prefix: str) -> str:
    return prefix + text.replace("\n", "\n" + prefix)
