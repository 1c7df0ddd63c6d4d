"""The immutable data that flows through a run: positions, documents, dossiers, findings, reports."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import Any

JSONValue = Any
"""A value as loaded from YAML/JSON: dict, list, str, int, float, bool or None."""


class Level(StrEnum):
    """A finding's level, named as SARIF names them."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"

    @property
    def rank(self) -> int:
        """Higher is more severe; used for --fail-on and for sorting."""
        return _RANK[self]

    @property
    def security_severity(self) -> float:
        """A rule's SARIF security-severity at this level, unless its METADATA states another."""
        return _SECURITY_SEVERITY[self]


_RANK = {Level.ERROR: 3, Level.WARNING: 2, Level.NOTE: 1}
_SECURITY_SEVERITY = {Level.ERROR: 8.0, Level.WARNING: 5.0, Level.NOTE: 2.0}


class FailOn(StrEnum):
    """The lowest level that makes the gate fail."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"
    NEVER = "never"

    def trips(self, level: Level) -> bool:
        """True when a finding of this level fails the gate."""
        if self is FailOn.NEVER:
            return False
        return level.rank >= Level(self.value).rank


class ExitCode(IntEnum):
    """The gate's exit-code contract."""

    OK = 0
    FINDINGS = 1
    ERROR = 2


class Kind(StrEnum):
    """A dossier document's kind: the one list of them, in the dossier's order."""

    ENGAGEMENT = "Engagement"
    VENDOR_ATTESTATION = "VendorAttestation"
    CONTRACT_TERMS = "ContractTerms"

    @property
    def role(self) -> str:
        """Where the policies read a dossier's first document of this kind, and its skeleton's name."""
        return _ROLES[self]

    @property
    def schema(self) -> str:
        """The file name of its JSON Schema: the kind in kebab case (vendor-attestation.schema.json)."""
        return re.sub(r"(?<!^)(?=[A-Z])", "-", self.value).lower() + ".schema.json"


_ROLES = {
    Kind.ENGAGEMENT: "engagement",
    Kind.VENDOR_ATTESTATION: "attestation",
    Kind.CONTRACT_TERMS: "contract",
}


@dataclass(frozen=True, kw_only=True, slots=True)
class Position:
    """A 1-based region in a file: where a key starts and where its value ends."""

    line: int
    column: int
    end_line: int
    end_column: int


FILE_START = Position(line=1, column=1, end_line=1, end_column=1)

Span = tuple[int, int, int, int]
"""A position as (line, column, end_line, end_column): what documents store for every pointer.

Plain tuples are cheap to build for every value of every file and to pass
between loader processes; a Position is made only for what a finding cites.
"""


def position_of(span: Span) -> Position:
    return Position(line=span[0], column=span[1], end_line=span[2], end_column=span[3])


@dataclass(frozen=True, kw_only=True, slots=True)
class Document:
    """One YAML/JSON document of a file, with the position of every JSON pointer in it."""

    id: str
    path: Path
    relpath: str
    index: int
    body: JSONValue
    positions: Mapping[str, Span]
    start: Position = FILE_START
    readings: tuple[tuple[str, str], ...] = ()
    """(pointer, message) of each value YAML 1.1 reads otherwise than YAML 1.2: an SCH-002 each."""

    @property
    def kind(self) -> str | None:
        value = self.body.get("kind") if isinstance(self.body, dict) else None
        return value if isinstance(value, str) else None

    @property
    def vendor(self) -> str | None:
        value = self.body.get("vendor") if isinstance(self.body, dict) else None
        return value if isinstance(value, str) else None

    def locate(self, pointer: str) -> tuple[str, Position]:
        """The nearest present pointer at or above `pointer`, and its position."""
        current = pointer
        while True:
            span = self.positions.get(current)
            if span is not None:
                return current, position_of(span)
            if current == "":
                return "", self.start
            current = current.rsplit("/", 1)[0]


@dataclass(frozen=True, kw_only=True, slots=True)
class Dossier:
    """All documents that share one vendor id, in path order then position in the file.

    It carries the facts the policies read beside the documents: which documents
    conform to their schema, and the evidence facts of its first attestation.
    """

    vendor: str
    documents: tuple[Document, ...]
    # Ids of the documents that conform to their schema; the rules read only those.
    # No default: a dossier built without its validity would silence every rule.
    valid: frozenset[str]
    evidence: tuple[dict[str, Any], ...] = ()

    def first(self, kind: Kind) -> Document | None:
        """The document of `kind` the rules read: the first one (DOS-002 reports the others)."""
        return next((doc for doc in self.documents if doc.kind == kind), None)


@dataclass(frozen=True, kw_only=True, slots=True)
class Suppression:
    """Why a finding does not count: an accepted, unexpired waiver."""

    justification: str
    approved_by: str
    expires_on: str
    ticket: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Finding:
    """One result of one rule, located in one file."""

    rule_id: str
    level: Level
    message: str
    path: str
    position: Position
    pointer: str = ""
    vendor: str | None = None
    suppression: Suppression | None = None
    kind: str | None = None
    """The kind of the document the finding is in (None: the file holds no readable document)."""
    value_hash: str | None = None
    """A hash of the value at `pointer` (or the nearest present value above it): a baseline entry
    stops matching when the value it was reported on changes."""
    baseline_state: str | None = None
    """Against a baseline: `new`, `unchanged` or `updated`; None when the run has no baseline."""

    @property
    def suppressed(self) -> bool:
        return self.suppression is not None

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.position.line, self.position.column, self.rule_id, self.message)


@dataclass(frozen=True, kw_only=True, slots=True)
class RuleInfo:
    """A rule's descriptor, from its Rego METADATA (or built in, for SCH-* and WVR-*)."""

    id: str
    title: str
    description: str
    level: Level
    source: str = ""
    help: str = ""
    tags: tuple[str, ...] = ()
    security_severity: float = 0.0
    precision: str = "very-high"
    area: str = ""
    location: str = ""
    controls: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(framework, control ids) pairs from custom.controls, in METADATA order; no ids means
    the framework or standard as a whole (`("RFC 8996", ())`)."""
    thresholds: tuple[str, ...] = ()
    """The named thresholds of vendorgate.yaml that the rule reads, in the order it reads them."""

    @property
    def citations(self) -> tuple[str, ...]:
        """Each control as messages cite it: "GDPR Art. 33(1)", or the framework alone."""
        cited: list[str] = []
        for framework, ids in self.controls:
            cited.extend([f"{framework} {control}" for control in ids] if ids else [framework])
        return tuple(cited)


@dataclass(frozen=True, kw_only=True, slots=True)
class Notice:
    """Something the run wants a reader to know that is not a finding (a skipped file)."""

    message: str
    path: str | None = None
    level: Level = Level.NOTE


@dataclass(frozen=True, kw_only=True, slots=True)
class Report:
    """Everything one run found, ready for a formatter."""

    findings: tuple[Finding, ...]
    rules: Mapping[str, RuleInfo]
    as_of: str
    files_checked: int
    dossiers: tuple[str, ...]
    fail_on: FailOn = FailOn.ERROR
    notices: tuple[Notice, ...] = ()
    execution_successful: bool = True
    error: str | None = None
    tool_version: str = ""
    # Real path of each file the run read → what it is to the run ("a dossier document",
    # "an evidence file", "the profile"): no output of the run may overwrite one.
    inputs: Mapping[str, str] = field(default_factory=dict)
    # Relative path → line → the 1-based columns (in characters) of each character outside
    # Unicode's basic plane on that line (an emoji): two UTF-16 code units each, which SARIF
    # counts. Only files and lines that hold one are listed.
    astral: Mapping[str, Mapping[int, tuple[int, ...]]] = field(default_factory=dict)
    baselined: bool = False
    """Whether the findings were compared with a baseline (each carries its `baseline_state`)."""
    fixed: tuple[Finding, ...] = ()
    """Findings of the baseline that this run no longer reports (`absent` in SARIF)."""
    fail_on_new: bool = False
    """Only new and updated findings fail the gate; unchanged ones are still reported."""

    @property
    def active(self) -> tuple[Finding, ...]:
        """Findings that are not waived."""
        return tuple(f for f in self.findings if not f.suppressed)

    @property
    def exit_code(self) -> ExitCode:
        if not self.execution_successful:
            return ExitCode.ERROR
        gating = (f for f in self.active if not self.fail_on_new or f.baseline_state != "unchanged")
        if any(self.fail_on.trips(f.level) for f in gating):
            return ExitCode.FINDINGS
        return ExitCode.OK
