"""The SARIF 2.1.0 format, built with sarif-om and shaped for GitHub code scanning."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any
from urllib.parse import quote

import attr
import sarif_om as om

from vendorgate.model import Finding, Level, Notice, Report, RuleInfo
from vendorgate.output import INFORMATION_URI, TOOL_NAME, AfterFailure, Formatter, rule_help_uri
from vendorgate.output.escaping import json_text
from vendorgate.output.text import visible_notices

SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
SRCROOT = "%SRCROOT%"

# GitHub code scanning rejects a run with more results, or an upload larger than this once
# gzipped. Module constants so that tests can lower them instead of producing 10 MB.
MAX_RESULTS = 25_000
MAX_GZIP_BYTES = 10 * 1000 * 1000

# A result without `level` takes its rule's defaultConfiguration.level, not sarif-om's
# default "warning"; dropping a "warning" that equals the attrs default would turn a
# weaker finding of an error rule into an error. So `level` is written whenever it is set.
_ALWAYS_WRITTEN = frozenset({"level"})
# sarif-om declares required fields first, which would put `$schema` and `version` after
# the whole run; readers (and tools that sniff a file's first bytes) look for them on top.
_FIRST = ("$schema", "version")


# sarif-om's Suppression predates SARIF 2.1.0's `status` (it has a `state` the final schema
# forbids instead); this subclass adds the field the way sarif-om declares all others.
_Suppression = attr.make_class(
    "Suppression",
    {"status": attr.ib(default=None, metadata={"schema_property_name": "status"})},
    bases=(om.Suppression,),
)


# --- serialiser -------------------------------------------------------------------------------


def _default_of(field: attr.Attribute[Any]) -> Any:
    default: Any = field.default
    # attrs' stubs type Factory as a function, though at run time it is the class of
    # factory defaults (sarif-om uses one for `contents` and `newlineSequences`).
    if isinstance(default, attr.Factory):  # type: ignore[arg-type]
        factory: Callable[[], Any] = default.factory
        return factory()
    return default


# The default of a field whose value is written even when it equals its default.
_KEPT = object()


_FIELDS: dict[type, tuple[tuple[str, str, Any], ...]] = {}


def _fields_of(cls: type) -> tuple[tuple[str, str, Any], ...]:
    """(attribute, SARIF name, default left out) of each field of a sarif-om class, read once per class.

    A result has a dozen objects: reading attrs' field metadata and building factory defaults
    for each of them, for every result, cost more than the rest of the serialiser.
    """
    fields = _FIELDS.get(cls)
    if fields is None:
        read: list[tuple[str, str, Any]] = []
        for field in attr.fields(cls):
            name: str = field.metadata["schema_property_name"]
            kept = name in _ALWAYS_WRITTEN or field.default is attr.NOTHING
            read.append((field.name, name, _KEPT if kept else _default_of(field)))
        fields = _FIELDS[cls] = tuple(read)
    return fields


def to_sarif_json(value: Any) -> Any:
    """A sarif-om object tree as SARIF's JSON: camelCase names, defaulted fields left out.

    An attrs instance becomes an object keyed by each field's `schema_property_name`; a field
    is left out when it is None or equals its attrs default (so sarif-om's `-1` indexes, the
    default `contents`, `language` and `newlineSequences` never appear). An empty list the
    builder set on purpose is kept: `results: []` means "checked, found nothing", while an
    absent `results` means the tool failed. Mappings (property bags, `originalUriBaseIds`) and
    sequences are walked the same way; scalars pass through.
    """
    if attr.has(type(value)):
        out: dict[str, Any] = {}
        for attribute, name, default in _fields_of(type(value)):
            item = getattr(value, attribute)
            if item is None or (default is not _KEPT and item == default):
                continue
            out[name] = to_sarif_json(item)
        first = {key: out.pop(key) for key in _FIRST if key in out}
        return first | out
    if isinstance(value, Mapping):
        return {str(key): to_sarif_json(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_sarif_json(item) for item in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot write {type(value).__name__} into SARIF")


# --- descriptors ------------------------------------------------------------------------------


def pascal_case(title: str) -> str:
    """`Breach notification window too long` → `BreachNotificationWindowTooLong`."""
    # Upper-case only each word's first letter: acronyms such as GDPR or TLS stay readable.
    return "".join(word[0].upper() + word[1:] for word in re.findall(r"[A-Za-z0-9]+", title))


# GitHub code scanning rejects a rule with more than 20 tags and shows only the first 10; the
# rule's own tags and "security" come first, then one tag per control ("GDPR Art. 33(1)") while
# they fit in what GitHub shows. Every control is listed in the rule's help in any case.
MAX_TAGS = 10


def _tags(info: RuleInfo) -> list[str]:
    tags = list(dict.fromkeys(info.tags))
    # GitHub reads security-severity only from rules tagged "security": it stays among those shown.
    if info.security_severity > 0 and "security" not in tags[:MAX_TAGS]:
        tags = [*[t for t in tags if t != "security"][: MAX_TAGS - 1], "security"]
    tags = tags[:MAX_TAGS]
    for citation in info.citations:
        if len(tags) >= MAX_TAGS:
            break
        if citation not in tags:
            tags.append(citation)
    return tags


def _descriptor(info: RuleInfo) -> Any:
    uri = rule_help_uri(info.id)
    help_text = info.help or info.description
    help_markdown = help_text
    if info.source:
        help_text = f"{help_text}\n\nSource: {info.source}"
        help_markdown = f"{help_markdown}\n\n**Source:** {info.source}"
    if info.controls:
        controls = ", ".join(info.citations)
        help_text = f"{help_text}\n\nControls: {controls}"
        help_markdown = f"{help_markdown}\n\n**Controls:** {controls}"
    # GitHub code scanning shows help.markdown but never reads helpUri: the link goes in both.
    help_markdown = f"{help_markdown}\n\n[{info.id} in the vendorgate rule reference]({uri})"
    properties: dict[str, Any] = {}
    tags = _tags(info)
    if tags:
        properties["tags"] = tags
    properties["precision"] = info.precision
    # GitHub ignores a numeric security-severity; it must be a string such as "8.0".
    properties["security-severity"] = f"{info.security_severity:.1f}"
    return om.ReportingDescriptor(
        id=info.id,
        name=pascal_case(info.title) or pascal_case(info.id),
        short_description=om.MultiformatMessageString(text=info.title or info.id),
        full_description=om.MultiformatMessageString(text=info.description or info.title),
        help=om.MultiformatMessageString(text=help_text, markdown=help_markdown),
        help_uri=uri,
        default_configuration=om.ReportingConfiguration(level=info.level.value),
        properties=properties,
    )


def _minimal_descriptor(rule_id: str, level: Level) -> Any:
    """For a result whose rule has no metadata: still a descriptor, so ruleIndex is valid."""
    uri = rule_help_uri(rule_id)
    text = f"{rule_id}: no rule metadata is available; see the rule reference."
    return om.ReportingDescriptor(
        id=rule_id,
        name=pascal_case(rule_id),
        short_description=om.MultiformatMessageString(text=rule_id),
        help=om.MultiformatMessageString(text=f"{text} {uri}", markdown=f"{text} [{rule_id}]({uri})"),
        help_uri=uri,
        default_configuration=om.ReportingConfiguration(level=level.value),
    )


# --- results ----------------------------------------------------------------------------------


def result_order(finding: Finding) -> tuple[bool, int, tuple[str, int, int, str, str]]:
    """Active before waived, errors first, then by place: what survives a truncation."""
    return (finding.suppressed, -finding.level.rank, finding.sort_key())


def fingerprint(finding: Finding, *, with_message: bool = False) -> str:
    """A hex sha256 of rule, file, JSON pointer and vendor: unchanged when lines move."""
    parts = [finding.rule_id, finding.path, finding.pointer, finding.vendor]
    if with_message:
        parts.append(finding.message)
    return hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()


def _artifact(path: str) -> Any:
    # artifactLocation.uri is a URI reference: a space or `#` in a file name must be escaped.
    return om.ArtifactLocation(uri=quote(path, safe="/"), uri_base_id=SRCROOT)


def utf16_column(column: int, astral: Sequence[int]) -> int:
    """A 1-based column in characters as UTF-16 code units: each earlier astral character counts two."""
    return column + sum(1 for at in astral if at < column)


def _region(finding: Finding, astral: Mapping[int, tuple[int, ...]]) -> Any:
    position = finding.position
    return om.Region(
        start_line=position.line,
        start_column=utf16_column(position.column, astral.get(position.line, ())),
        end_line=position.end_line,
        end_column=utf16_column(position.end_column, astral.get(position.end_line, ())),
    )


def _result(
    finding: Finding, rule_index: int, fingerprint_value: str, astral: Mapping[int, tuple[int, ...]]
) -> Any:
    properties: dict[str, Any] = {"pointer": finding.pointer}
    if finding.vendor is not None:
        properties["vendor"] = finding.vendor
    suppressions = None
    if finding.suppression is not None:
        waiver = finding.suppression
        waiver_properties: dict[str, Any] = {
            "approvedBy": waiver.approved_by,
            "expiresOn": waiver.expires_on,
        }
        if waiver.ticket:
            waiver_properties["ticket"] = waiver.ticket
        suppressions = [
            _Suppression(
                kind="external",
                status="accepted",
                justification=waiver.justification,
                properties=waiver_properties,
            )
        ]
    return om.Result(
        rule_id=finding.rule_id,
        rule_index=rule_index,
        level=finding.level.value,
        message=om.Message(text=finding.message),
        locations=[
            om.Location(
                physical_location=om.PhysicalLocation(
                    artifact_location=_artifact(finding.path),
                    region=_region(finding, astral),
                )
            )
        ],
        partial_fingerprints={"primaryLocationLineHash": fingerprint_value},
        baseline_state=finding.baseline_state,
        suppressions=suppressions,
        properties=properties,
    )


def _fingerprints(findings: Sequence[Finding]) -> list[str]:
    """One fingerprint per finding, distinct within the run.

    One rule can fire several times at one pointer (each missing document of a dossier is
    reported at its parent); equal hashes would make GitHub merge those alerts. Such
    results are told apart by their message, which names what is missing, rather than by
    their order, so fixing one of them does not shift the others' identities. Results that
    are equal even in their message are numbered, as GitHub numbers equal line hashes.
    """
    plain = [fingerprint(f) for f in findings]
    # One count of every value, not a count per finding: a run of 20,000 results spent
    # seconds here when each finding counted its twins by scanning the whole list.
    repeats = Counter(plain)
    seen: Counter[str] = Counter()
    values: list[str] = []
    for finding, base in zip(findings, plain, strict=True):
        value = fingerprint(finding, with_message=True) if repeats[base] > 1 else base
        seen[value] += 1
        values.append(value if seen[value] == 1 else f"{value}:{seen[value]}")
    return values


# --- the log ----------------------------------------------------------------------------------


def _notification(text: str, level: str, path: str | None = None) -> Any:
    locations = None
    if path:
        physical = om.PhysicalLocation(artifact_location=_artifact(path))
        locations = [om.Location(physical_location=physical)]
    return om.Notification(message=om.Message(text=text), level=level, locations=locations)


def _notice_notification(notice: Notice) -> Any:
    return _notification(notice.message, notice.level.value, notice.path)


def _build_log(report: Report, findings: Sequence[Finding], dropped: str | None, category: str) -> Any:
    """The SARIF log for `findings` (already ordered and cut); `dropped` explains a cut."""
    rule_ids = sorted({f.rule_id for f in findings})
    first_level: dict[str, Level] = {}
    for finding in findings:
        first_level.setdefault(finding.rule_id, finding.level)
    descriptors = [
        _descriptor(report.rules[rid]) if rid in report.rules else _minimal_descriptor(rid, first_level[rid])
        for rid in rule_ids
    ]
    index = {rid: i for i, rid in enumerate(rule_ids)}
    results = [
        _result(f, index[f.rule_id], fp, report.astral.get(f.path, {}))
        for f, fp in zip(findings, _fingerprints(findings), strict=True)
    ]

    notifications = [_notice_notification(n) for n in visible_notices(report)]
    if dropped:
        notifications.append(_notification(dropped, Level.WARNING.value))
    if report.error:
        notifications.append(_notification(report.error, Level.ERROR.value))

    automation_id = f"{TOOL_NAME}/{category}/" if category else f"{TOOL_NAME}/"
    run = om.Run(
        tool=om.Tool(
            driver=om.ToolComponent(
                name=TOOL_NAME,
                semantic_version=report.tool_version or None,
                information_uri=INFORMATION_URI,
                rules=descriptors,
            )
        ),
        automation_details=om.RunAutomationDetails(id=automation_id),
        # As GitHub's own example declares. PyYAML counts columns in characters; each
        # character beyond U+FFFF before a column adds one (see utf16_column).
        column_kind="utf16CodeUnits",
        invocations=[
            om.Invocation(
                execution_successful=report.execution_successful,
                exit_code=int(report.exit_code),
                tool_execution_notifications=notifications or None,
            )
        ],
        # SARIF reads an absent `results` as "the tool failed before producing results";
        # a run that did evaluate writes the list even when it is empty.
        results=results if report.execution_successful or results else None,
    )
    return om.SarifLog(schema_uri=SARIF_SCHEMA_URI, version=SARIF_VERSION, runs=[run])


def _dump(log: Any) -> str:
    return json_text(json.dumps(to_sarif_json(log), indent=2)) + "\n"


def _gzipped_size(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), mtime=0))


def _truncation_notice(kept: int, total: int, reason: str) -> str:
    return (
        f"SARIF output truncated: kept {kept} of {total} results and dropped {total - kept}, "
        f"because {reason}; the first results by severity and place were kept, "
        "run vendorgate with --format text or json to see them all."
    )


class SarifFormatter(Formatter):
    """One SARIF run: rule descriptors, located results with fingerprints, the invocation."""

    after_failure = AfterFailure.EVERYWHERE

    def render(self, report: Report) -> str:
        # GitHub code scanning ignores `suppressions`: a waived result would show as an open
        # alert. `omit` leaves waived findings out of the file uploaded there.
        shown = report.active if self.options.sarif_waived == "omit" else report.findings
        findings = sorted(shown, key=result_order)
        if self.options.sarif_waived != "omit":
            # What the baseline reported and this run no longer does. Left out of the upload to
            # code scanning, which reads no baselineState and would show each as an open alert.
            findings += [replace(f, baseline_state="absent") for f in report.fixed]
        total = len(findings)

        kept = min(total, MAX_RESULTS)
        reason = f"GitHub code scanning accepts at most {MAX_RESULTS} results per run"
        text = self._render(report, findings, kept, total, reason)
        if _gzipped_size(text) <= MAX_GZIP_BYTES:
            return text

        # Too large even within the count limit: find the most results that fit, by
        # bisection, since the size of the log grows with every result kept.
        reason = f"GitHub code scanning accepts at most {MAX_GZIP_BYTES} bytes of gzipped SARIF"
        low, high = 0, kept - 1
        best = self._render(report, findings, 0, total, reason)
        while low < high:
            middle = (low + high + 1) // 2
            candidate = self._render(report, findings, middle, total, reason)
            if _gzipped_size(candidate) <= MAX_GZIP_BYTES:
                low, best = middle, candidate
            else:
                high = middle - 1
        return best

    def _render(self, report: Report, findings: Sequence[Finding], kept: int, total: int, reason: str) -> str:
        dropped = _truncation_notice(kept, total, reason) if kept < total else None
        return _dump(_build_log(report, findings[:kept], dropped, self.options.category))
