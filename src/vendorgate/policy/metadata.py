"""Parses the `# METADATA` annotations of Rego files into rule descriptors, without OPA."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from vendorgate.errors import PolicyError
from vendorgate.model import Level, RuleInfo

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - pyyaml built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

# The one rule-id pattern: results, METADATA ids, the profile's `rules:` keys and
# waivers all use it (schemas/vendorgate-config.schema.json repeats it; a test
# keeps the two equal).
RULE_ID_PATTERN = r"^[A-Z][A-Z0-9]*-[0-9]{3}$"
RULE_ID = re.compile(RULE_ID_PATTERN)
_PACKAGE = re.compile(r"^[ \t]*package[ \t]+([\w.]+)", re.MULTILINE)
# A rule head of `deny` (opa fmt puts heads at column 1; an indented one is still a head).
_DENY_HEAD = re.compile(r"^[ \t]*deny\b\s*(contains\b|if\b|:=|=|\[|\{|$)")
# A named threshold read by a rule: `lib.threshold("name")` or `lib.limit("name", ...)`.
_THRESHOLD_CALL = re.compile(r"\b(?:threshold|limit)\(\s*\"([A-Za-z0-9_]+)\"")


@dataclass(frozen=True, kw_only=True, slots=True)
class PolicyFile:
    """What one Rego file declares: its package and its `deny` rules with their descriptors."""

    display: str
    package: str
    package_line: int
    rules: tuple[RuleInfo, ...]
    deny_lines: tuple[int, ...]
    unannotated: tuple[int, ...]

    def check_annotated(self) -> None:
        """A `deny` without its own custom.id would give results nobody can name or waive."""
        if self.unannotated:
            raise PolicyError(
                f"{self.display}:{self.unannotated[0]}: this deny rule has no METADATA block"
                " with a custom.id right above it, so its results could not be named, listed"
                " or waived; add one (see docs/policy-contract.md)"
            )


def rego_files(folders: Iterable[Path]) -> list[Path]:
    """Policy files (tests excluded), sorted, under each folder."""
    files: list[Path] = []
    for folder in folders:
        files.extend(p for p in sorted(folder.rglob("*.rego")) if not p.name.endswith("_test.rego"))
    return files


def _blocks(lines: Sequence[str]) -> Iterable[tuple[int, str, int]]:
    """(first line, YAML text, index of the line after the block) of each METADATA block."""
    i = 0
    while i < len(lines):
        if lines[i].strip() == "# METADATA":
            start = i + 1
            body: list[str] = []
            i += 1
            while i < len(lines) and lines[i].lstrip().startswith("#"):
                content = lines[i].lstrip()[1:]
                body.append(content[1:] if content.startswith(" ") else content)
                i += 1
            yield start, "\n".join(body), i
        else:
            i += 1


def scan(path: Path, display: str | None = None) -> PolicyFile:
    """The package, the annotated rules and the `deny` heads of one Rego file."""
    where = display or path.as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(f"{where}: the policy file cannot be read as UTF-8 text; fix it") from exc
    lines = text.splitlines()
    package = _PACKAGE.search(text)
    name = package.group(1) if package else ""
    area = name.rsplit(".", 1)[-1]
    found: list[tuple[Mapping[str, Any], Mapping[str, Any], int, int]] = []
    annotated: set[int] = set()
    for line, block, after in _blocks(lines):
        try:
            data = yaml.load(block, Loader=_Loader)
        except yaml.YAMLError as exc:
            raise PolicyError(f"{where}:{line}: the METADATA block is not valid YAML; fix it") from exc
        if not isinstance(data, dict):
            continue
        custom = data.get("custom")
        if isinstance(custom, dict) and "id" in custom:
            found.append((data, custom, line, after))
            annotated.add(after)
    rules: list[RuleInfo] = []
    for n, (data, custom, line, after) in enumerate(found):
        # A rule's section runs from its METADATA to the next rule's: its own helpers are there.
        end = found[n + 1][2] - 1 if n + 1 < len(found) else len(lines)
        rules.append(_rule(data, custom, area, f"{where}:{line}", _thresholds_read(lines[after:end])))
    deny = [i for i, text_line in enumerate(lines) if _DENY_HEAD.match(text_line)]
    return PolicyFile(
        display=where,
        package=name,
        package_line=text.count("\n", 0, package.start()) + 1 if package else 1,
        rules=tuple(rules),
        deny_lines=tuple(i + 1 for i in deny),
        unannotated=tuple(i + 1 for i in deny if i not in annotated),
    )


def _thresholds_read(section: Sequence[str]) -> tuple[str, ...]:
    """The threshold names a rule's section of its file reads, in order, comments left out."""
    code = "\n".join(line for line in section if not line.lstrip().startswith("#"))
    return tuple(dict.fromkeys(_THRESHOLD_CALL.findall(code)))


def _controls(custom: Mapping[str, Any], where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """custom.controls as (framework, ids) pairs; absent or empty means the rule maps to none."""
    controls = custom.get("controls")
    if controls is None:
        return ()
    shape = (
        f"{where}: custom.controls must map each framework name to a list of control ids, each a"
        ' quoted string (`"GDPR": ["Art. 33(1)"]`, `[]` for the framework as a whole); fix it'
    )
    if not isinstance(controls, dict):
        raise PolicyError(shape)
    pairs: list[tuple[str, tuple[str, ...]]] = []
    for framework, ids in controls.items():
        if not isinstance(framework, str) or not framework.strip():
            raise PolicyError(shape)
        if not isinstance(ids, list) or not all(isinstance(i, str) and i.strip() for i in ids):
            raise PolicyError(shape)
        pairs.append((framework, tuple(ids)))
    return tuple(pairs)


def _security_severity(custom: Mapping[str, Any], level: Level, where: str) -> float:
    value = custom.get("security_severity", level.security_severity)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= value <= 10.0:
        raise PolicyError(
            f"{where}: custom.security_severity {value!r} is not a number from 0.0 to 10.0; fix it"
        )
    return float(value)


def _rule(
    data: Mapping[str, Any],
    custom: Mapping[str, Any],
    area: str,
    where: str,
    thresholds: tuple[str, ...] = (),
) -> RuleInfo:
    rule_id = custom["id"]
    if not isinstance(rule_id, str) or not RULE_ID.match(rule_id):
        raise PolicyError(
            f"{where}: custom.id {rule_id!r} is not a rule id like ABC-001"
            " (capital letters and digits, a hyphen, three digits); fix it"
        )
    try:
        level = Level(str(custom.get("severity", "error")))
    except ValueError as exc:
        raise PolicyError(
            f"{where}: custom.severity {custom.get('severity')!r} is not a level; use error, warning or note"
        ) from exc
    tags = custom.get("tags") or []
    return RuleInfo(
        id=rule_id,
        title=str(data.get("title", rule_id)),
        description=" ".join(str(data.get("description", "")).split()),
        level=level,
        source=str(custom.get("source", "")),
        help=str(custom.get("help", "")).strip(),
        tags=tuple(str(t) for t in tags),
        security_severity=_security_severity(custom, level, where),
        precision=str(custom.get("precision", "very-high")),
        area=area,
        location=where,
        controls=_controls(custom, where),
        thresholds=thresholds,
    )
