"""The organisation profile vendorgate.yaml: thresholds, rule overrides, waivers, custom policies."""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from vendorgate.catalog import (
    EXPIRY_WARNING_DAYS,
    WAIVER_EXPIRED,
    WAIVER_EXPIRING,
    WAIVER_RULES,
    WAIVER_STALE,
)
from vendorgate.errors import ConfigError
from vendorgate.loading.files import PROFILE_NAME, load_file, relative
from vendorgate.model import FILE_START, Document, Finding, Level, Position, RuleInfo, Suppression
from vendorgate.output.escaping import visible
from vendorgate.validation.schemas import PROFILE_SCHEMA, SchemaValidator


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
    path: Path | None = None
    thresholds: Mapping[str, Any] = field(default_factory=dict)
    rules: Mapping[str, RuleSetting] = field(default_factory=dict)
    waivers: tuple[Waiver, ...] = ()
    policies: tuple[Path, ...] = ()
    # Where each policy folder is named (file:line), for errors about the folder.
    policies_at: tuple[str, ...] = ()
    # The dossier folders (`paths:`); empty means the repository root.
    paths: tuple[Path, ...] = ()

    def check_rule_ids(self, known: Mapping[str, RuleInfo]) -> None:
        """A rule id the catalog does not know is a typo that would silently do nothing."""
        for rule_id, setting in self.rules.items():
            if rule_id not in known:
                raise config_error(
                    self.relpath,
                    setting.position.line,
                    f"rules names {rule_id}, which is not a known rule; see `vendorgate rules`",
                )
        for waiver in self.waivers:
            if waiver.rule not in known:
                raise config_error(
                    self.relpath,
                    waiver.position.line,
                    f"the waiver names rule {waiver.rule}, which is not a known rule; see `vendorgate rules`",
                )
            if waiver.rule in WAIVER_RULES:
                raise config_error(
                    self.relpath,
                    waiver.position.line,
                    f"a waiver cannot waive {waiver.rule}, a result about the waivers themselves;"
                    f" fix the waiver, or set its level under rules:",
                )

    def scope(self, root: Path) -> tuple[Path, ...]:
        """The dossier folders a full run reads: `paths:`, else the repository root."""
        return self.paths or (root,)

    def is_profile(self, given: Path) -> bool:
        """Whether a checked path is this profile file itself."""
        return self.path is not None and _same_file(given, self.path)

    def checked_by(self, given: Path) -> bool:
        """Whether a checked path is this profile, or a folder that holds it."""
        if self.path is None:
            return False
        if given.is_dir():
            return self.path.resolve().is_relative_to(given.resolve())
        return self.is_profile(given)


def config_error(relpath: str, line: int | None, message: str) -> ConfigError:
    """The one way a profile problem is reported: `file:line: message`, on one line.

    A key or value of the profile, or its file name, can hold a newline or
    `::error::`: the message goes through the one escaping of untrusted text.
    """
    where = f"{relpath}:{line}" if line is not None else relpath
    return ConfigError(visible(f"{where}: {message}"))


def find_profile(config_file: Path | None, root: Path) -> Path | None:
    """The profile of a run: `--config FILE`, else vendorgate.yaml at the repository root."""
    if config_file is not None:
        _readable(config_file, f"the profile {config_file} given with --config")
        return config_file.absolute()
    candidate = root / PROFILE_NAME
    if candidate.exists() or candidate.is_symlink():
        _readable(candidate, f"the profile {relative(candidate, root)}")
        return candidate
    return None


def _readable(path: Path, what: str) -> None:
    """A profile is a readable regular file; anything else is one clear sentence, exit 2."""
    problem: str | None = None
    try:
        info = path.stat()
    except FileNotFoundError:
        problem = "does not exist; fix the path"
    except OSError as exc:
        problem = f"cannot be read ({exc.strerror}); fix the path or its permissions"
    else:
        if stat.S_ISDIR(info.st_mode):
            problem = "is a folder; name the profile file itself"
        elif not stat.S_ISREG(info.st_mode):
            problem = "is not a regular file (a FIFO, socket or device); name a YAML file"
        else:
            try:
                with path.open("rb") as handle:
                    handle.read(1)
            except OSError as exc:
                problem = f"cannot be read ({exc.strerror}); fix its permissions"
    if problem is not None:
        raise ConfigError(visible(f"{what} {problem}"))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and a.samefile(b)
    except OSError:
        return False


def load_profile(path: Path | None, root: Path) -> Profile:
    """Read and validate a profile; every problem is a ConfigError naming file and line.

    Relative paths in the profile (`policies:`, `paths:`) are read from the profile's own folder.
    """
    if path is None:
        return Profile()
    _readable(path, f"the profile {path}")
    relpath = relative(path, root)
    # The profile may live outside the repository (--config): it is read from its own folder.
    loaded = load_file(path, root=path.resolve().parent, first_id=0)
    if loaded.error is not None:
        raise config_error(relpath, loaded.error.line, loaded.error.message)
    if len(loaded.documents) != 1:
        raise config_error(relpath, 1, "the profile must be a single YAML document")
    doc = loaded.documents[0]
    violations = SchemaValidator().check(doc, PROFILE_SCHEMA)
    if violations:
        first = violations[0]
        raise config_error(relpath, first.position.line, first.message)
    body: dict[str, Any] = doc.body
    base = path.absolute().parent
    policies = tuple(_folders(doc, "policies", "policy folder", base=base, relpath=relpath))
    paths = tuple(_folders(doc, "paths", "dossier folder", base=base, relpath=relpath))
    for folder, line in paths:
        if not folder.resolve().is_relative_to(root.resolve()):
            raise config_error(
                relpath,
                line,
                f"the dossier folder {folder} is outside the repository {root};"
                " list folders inside it under paths:",
            )
    return Profile(
        relpath=relpath,
        path=path.absolute(),
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
        policies=tuple(folder for folder, _ in policies),
        policies_at=tuple(f"{relpath}:{line}" for _, line in policies),
        paths=tuple(folder for folder, _ in paths),
    )


def _at(doc: Document, pointer: str) -> Position:
    return doc.locate(pointer)[1]


def _folders(doc: Document, key: str, what: str, *, base: Path, relpath: str) -> Iterable[tuple[Path, int]]:
    """Each folder listed under `key`, read from the profile's folder, with its line."""
    body: dict[str, Any] = doc.body
    for index, entry in enumerate(body.get(key) or []):
        folder = Path(os.path.normpath(base / entry))
        line = _at(doc, f"/{key}/{index}").line
        if not folder.is_dir():
            raise config_error(
                relpath, line, f"the {what} {entry} does not exist (read from {base}); fix {key}:"
            )
        yield folder, line


def apply_profile(
    profile: Profile, findings: Sequence[Finding], as_of: str, vendors: Collection[str] | None = None
) -> tuple[list[Finding], list[Finding]]:
    """Apply rule overrides and waivers; returns the findings and the waivers' own results.

    `vendors` is the run's vendors when it checked only part of the repository:
    then only the waivers that match one of them are judged (WVR-001..003), so
    another vendor's waiver never fails a run that did not look at that vendor.
    """
    kept = _overridden(profile, findings)
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
    judged = [
        (index, waiver)
        for index, waiver in enumerate(profile.waivers)
        if vendors is None or any(fnmatch.fnmatchcase(v, waiver.vendor) for v in vendors)
    ]
    return out, _overridden(profile, list(_waiver_results(profile, judged, kept, used, today)))


def _overridden(profile: Profile, findings: Iterable[Finding]) -> list[Finding]:
    """The findings with the profile's `rules:` applied: a level replaced, a disabled rule dropped."""
    kept: list[Finding] = []
    for finding in findings:
        setting = profile.rules.get(finding.rule_id)
        if setting is not None and not setting.enabled:
            continue
        if setting is not None and setting.level is not None:
            kept.append(replace(finding, level=setting.level))
        else:
            kept.append(finding)
    return kept


def _covers(waiver: Waiver, finding: Finding) -> bool:
    return waiver.rule == finding.rule_id and fnmatch.fnmatchcase(finding.vendor or "", waiver.vendor)


def _waiver_results(
    profile: Profile,
    judged: Sequence[tuple[int, Waiver]],
    findings: Sequence[Finding],
    used: set[int],
    today: date,
) -> Iterable[Finding]:
    for index, waiver in judged:
        expires = date.fromisoformat(waiver.expires_on)
        what = f"the waiver of {waiver.rule} for vendor {waiver.vendor}"
        if expires < today:
            yield _waiver_finding(
                profile,
                waiver,
                WAIVER_EXPIRED,
                f"{what} expired on {waiver.expires_on} and suppresses nothing;"
                " fix the finding or renew the waiver with a new approval",
            )
            continue
        if (expires - today).days <= EXPIRY_WARNING_DAYS:
            yield _waiver_finding(
                profile,
                waiver,
                WAIVER_EXPIRING,
                f"{what} expires on {waiver.expires_on}, in {(expires - today).days} days;"
                " plan the fix or the renewal",
            )
        if index not in used and not any(_covers(waiver, f) for f in findings):
            yield _waiver_finding(
                profile,
                waiver,
                WAIVER_STALE,
                f"{what} matches no result; remove the stale waiver",
            )


def _waiver_finding(profile: Profile, waiver: Waiver, rule: RuleInfo, message: str) -> Finding:
    return Finding(
        rule_id=rule.id,
        level=rule.level,
        message=message,
        path=profile.relpath,
        position=waiver.position or FILE_START,
        pointer="",
        vendor=None,
    )
