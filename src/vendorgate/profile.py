"""The organisation profile vendorgate.yaml: thresholds, rule overrides, waivers, custom policies."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from vendorgate.errors import ConfigError
from vendorgate.loading.files import PROFILE_NAME, load_file, relative
from vendorgate.model import FILE_START, Document, Finding, Level, Position, RuleInfo, Suppression
from vendorgate.validation.schemas import PROFILE_SCHEMA, SchemaValidator

EXPIRY_WARNING_DAYS = 30
WAIVER_RULES: Mapping[str, RuleInfo] = {
    "WVR-001": RuleInfo(
        id="WVR-001",
        title="Waiver expired",
        description="A waiver in vendorgate.yaml is past its expires_on date and suppresses nothing.",
        level=Level.ERROR,
        help="Fix the finding the waiver covered, or renew the waiver with a new approval and date.",
        tags=("waiver",),
        security_severity=8.0,
        area="waiver",
    ),
    "WVR-002": RuleInfo(
        id="WVR-002",
        title="Waiver expiring soon",
        description=f"A waiver expires within {EXPIRY_WARNING_DAYS} days.",
        level=Level.WARNING,
        help="Plan the fix or the renewal before the waiver lapses and the gate fails.",
        tags=("waiver",),
        security_severity=5.0,
        area="waiver",
    ),
    "WVR-003": RuleInfo(
        id="WVR-003",
        title="Stale waiver",
        description="A waiver matches no result of this run.",
        level=Level.NOTE,
        help="Remove the waiver: the finding it covered is gone (or the rule or vendor is misspelt).",
        tags=("waiver",),
        security_severity=2.0,
        area="waiver",
    ),
}


@dataclass(frozen=True, kw_only=True, slots=True)
class RuleSetting:
    level: Level | None
    enabled: bool
    reason: str
    position: Position


@dataclass(frozen=True, kw_only=True, slots=True)
class Waiver:
    rule: str
    vendor: str
    justification: str
    approved_by: str
    expires_on: str
    ticket: str | None
    position: Position


@dataclass(frozen=True, kw_only=True)
class Profile:
    """A loaded vendorgate.yaml, or the empty profile when there is none."""

    relpath: str = ""
    thresholds: Mapping[str, Any] = field(default_factory=dict)
    rules: Mapping[str, RuleSetting] = field(default_factory=dict)
    waivers: tuple[Waiver, ...] = ()
    policies: tuple[Path, ...] = ()

    def check_rule_ids(self, known: Mapping[str, RuleInfo]) -> None:
        """A rule id the catalog does not know is a typo that would silently do nothing."""
        for rule_id, setting in self.rules.items():
            if rule_id not in known:
                raise ConfigError(
                    f"{self.relpath}:{setting.position.line}: rules names {rule_id}, which is not"
                    " a known rule; see `vendorgate rules`"
                )
        for waiver in self.waivers:
            if waiver.rule not in known:
                raise ConfigError(
                    f"{self.relpath}:{waiver.position.line}: the waiver names rule {waiver.rule},"
                    " which is not a known rule; see `vendorgate rules`"
                )

    def rule_infos(self) -> dict[str, RuleInfo]:
        return dict(WAIVER_RULES) if self.waivers else {}


def find_profile(paths: Sequence[Path], root: Path) -> Path | None:
    """vendorgate.yaml at the repository root or in a folder between it and a checked path."""
    for given in paths:
        folder = given.absolute() if given.is_dir() else given.absolute().parent
        while True:
            candidate = folder / PROFILE_NAME
            if candidate.is_file():
                return candidate
            if folder in (root, folder.parent) or not folder.is_relative_to(root):
                break
            folder = folder.parent
    return None


def load_profile(path: Path | None, root: Path) -> Profile:
    """Read and validate a profile; every problem is a ConfigError naming file and line."""
    if path is None:
        return Profile()
    if not path.is_file():
        raise ConfigError(f"{path}: the profile does not exist; fix --config")
    loaded = load_file(path, root=root, first_id=0)
    relpath = relative(path, root)
    if loaded.error is not None:
        raise ConfigError(f"{relpath}:{loaded.error.line}: {loaded.error.message}")
    if len(loaded.documents) != 1:
        raise ConfigError(f"{relpath}:1: the profile must be a single YAML document")
    doc = loaded.documents[0]
    violations = SchemaValidator().check(doc, PROFILE_SCHEMA)
    if violations:
        first = violations[0]
        raise ConfigError(f"{relpath}:{first.position.line}: {first.message}")
    body: dict[str, Any] = doc.body
    return Profile(
        relpath=relpath,
        thresholds=dict(body.get("thresholds") or {}),
        rules={
            rule_id: RuleSetting(
                level=Level(value["level"]) if "level" in value else None,
                enabled=bool(value.get("enabled", True)),
                reason=value["reason"],
                position=_at(doc, f"/rules/{rule_id}"),
            )
            for rule_id, value in (body.get("rules") or {}).items()
        },
        waivers=tuple(
            Waiver(
                rule=w["rule"],
                vendor=w["vendor"],
                justification=w["justification"],
                approved_by=w["approved_by"],
                expires_on=w["expires_on"],
                ticket=w.get("ticket"),
                position=_at(doc, f"/waivers/{i}"),
            )
            for i, w in enumerate(body.get("waivers") or [])
        ),
        policies=tuple(_policy_folders(body.get("policies") or [], path.parent, relpath, doc)),
    )


def _at(doc: Document, pointer: str) -> Position:
    return doc.locate(pointer)[1]


def _policy_folders(entries: Iterable[str], base: Path, relpath: str, doc: Document) -> Iterable[Path]:
    for index, entry in enumerate(entries):
        folder = (base / entry).resolve()
        if not folder.is_dir():
            line = _at(doc, f"/policies/{index}").line
            raise ConfigError(f"{relpath}:{line}: the policy folder {entry} does not exist")
        yield folder


def apply_profile(
    profile: Profile, findings: Sequence[Finding], as_of: str
) -> tuple[list[Finding], list[Finding]]:
    """Apply rule overrides and waivers; returns the findings and the waivers' own results."""
    kept: list[Finding] = []
    for finding in findings:
        setting = profile.rules.get(finding.rule_id)
        if setting is not None and not setting.enabled:
            continue
        if setting is not None and setting.level is not None:
            kept.append(replace(finding, level=setting.level))
        else:
            kept.append(finding)
    today = date.fromisoformat(as_of)
    used: set[int] = set()
    out: list[Finding] = []
    for finding in kept:
        result = finding
        for index, waiver in enumerate(profile.waivers):
            if _covers(waiver, finding) and date.fromisoformat(waiver.expires_on) >= today:
                used.add(index)
                result = replace(
                    finding,
                    suppression=Suppression(
                        justification=waiver.justification,
                        approved_by=waiver.approved_by,
                        expires_on=waiver.expires_on,
                        ticket=waiver.ticket,
                    ),
                )
                break
        out.append(result)
    return out, list(_waiver_results(profile, kept, used, today))


def _covers(waiver: Waiver, finding: Finding) -> bool:
    return waiver.rule == finding.rule_id and fnmatch.fnmatchcase(finding.vendor or "", waiver.vendor)


def _waiver_results(
    profile: Profile, findings: Sequence[Finding], used: set[int], today: date
) -> Iterable[Finding]:
    for index, waiver in enumerate(profile.waivers):
        expires = date.fromisoformat(waiver.expires_on)
        what = f"the waiver of {waiver.rule} for vendor {waiver.vendor}"
        if expires < today:
            yield _waiver_finding(
                profile,
                waiver,
                "WVR-001",
                Level.ERROR,
                f"{what} expired on {waiver.expires_on} and suppresses nothing;"
                " fix the finding or renew the waiver with a new approval",
            )
            continue
        if (expires - today).days <= EXPIRY_WARNING_DAYS:
            yield _waiver_finding(
                profile,
                waiver,
                "WVR-002",
                Level.WARNING,
                f"{what} expires on {waiver.expires_on}, in {(expires - today).days} days;"
                " plan the fix or the renewal",
            )
        if index not in used and not any(_covers(waiver, f) for f in findings):
            yield _waiver_finding(
                profile,
                waiver,
                "WVR-003",
                Level.NOTE,
                f"{what} matches no result; remove the stale waiver",
            )


def _waiver_finding(profile: Profile, waiver: Waiver, rule_id: str, level: Level, message: str) -> Finding:
    return Finding(
        rule_id=rule_id,
        level=level,
        message=message,
        path=profile.relpath,
        position=waiver.position or FILE_START,
        pointer="",
        vendor=None,
    )
