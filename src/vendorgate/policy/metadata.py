"""Reads rule descriptors from the `# METADATA` annotations of Rego files, without OPA."""

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
CUSTOM_NAMESPACE = "vendorgate.custom"
_SECURITY_SEVERITY = {Level.ERROR: 8.0, Level.WARNING: 5.0, Level.NOTE: 2.0}
_PACKAGE = re.compile(r"^[ \t]*package[ \t]+([\w.]+)", re.MULTILINE)
# A rule head of `deny` (opa fmt puts heads at column 1; an indented one is still a head).
_DENY_HEAD = re.compile(r"^[ \t]*deny\b\s*(contains\b|if\b|:=|=|\[|\{|$)")


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
    rules: list[RuleInfo] = []
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
            rules.append(_rule(data, custom, area, f"{where}:{line}"))
            annotated.add(after)
    deny = [i for i, text_line in enumerate(lines) if _DENY_HEAD.match(text_line)]
    return PolicyFile(
        display=where,
        package=name,
        package_line=text.count("\n", 0, package.start()) + 1 if package else 1,
        rules=tuple(rules),
        deny_lines=tuple(i + 1 for i in deny),
        unannotated=tuple(i + 1 for i in deny if i not in annotated),
    )


def _rule(data: Mapping[str, Any], custom: Mapping[str, Any], area: str, where: str) -> RuleInfo:
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
        security_severity=float(custom.get("security_severity", _SECURITY_SEVERITY[level])),
        precision=str(custom.get("precision", "very-high")),
        area=area,
        location=where,
    )


def catalog(folders: Iterable[Path], root: Path | None = None) -> dict[str, RuleInfo]:
    """Rule descriptors of every policy file under `folders`, by rule id."""
    rules: dict[str, RuleInfo] = {}
    for path in rego_files(folders):
        policy = scan(path, _display(path, root))
        policy.check_annotated()
        for rule in policy.rules:
            _add(rules, rule)
    return rules


def custom_catalog(
    folders: Sequence[tuple[Path, str]], root: Path, builtin: Mapping[str, RuleInfo]
) -> dict[str, RuleInfo]:
    """The rules of the profile's policy folders, each (folder, where the profile names it).

    Every folder must define a rule in the custom namespace, every custom `deny`
    must carry its own id, and no id may repeat a built-in or another custom one:
    a rule that would be silently ignored or would shadow another is refused.
    """
    rules: dict[str, RuleInfo] = {}
    for folder, named_at in folders:
        defines = False
        packages: list[PolicyFile] = []
        for path in rego_files([folder]):
            policy = scan(path, _display(path, root))
            _own_namespace(policy)
            packages.append(policy)
            if not _is_custom(policy.package):
                continue
            policy.check_annotated()
            defines = defines or bool(policy.deny_lines)
            for rule in policy.rules:
                known = builtin.get(rule.id)
                if known is not None:
                    raise PolicyError(
                        f"{rule.location}: rule id {rule.id} is already the id of the built-in rule"
                        f" {known.title!r}; give the custom rule its own id"
                    )
                _add(rules, rule)
        if not defines:
            found = (
                f"; {packages[0].display}:{packages[0].package_line} declares package"
                f" {packages[0].package or '(none)'}"
                if packages
                else "; it holds no .rego file"
            )
            raise PolicyError(
                f"{named_at}: the policy folder {_display(folder, root)} defines no rule in the"
                f" custom namespace{found}; a custom rule is a `deny` in a package"
                f" {CUSTOM_NAMESPACE}.<name>"
            )
    return rules


def _is_custom(package: str) -> bool:
    return package.startswith(f"{CUSTOM_NAMESPACE}.")


def _own_namespace(policy: PolicyFile) -> None:
    """A custom file may not add to or override vendorgate's own packages."""
    name = policy.package
    if (name == "vendorgate" or name.startswith("vendorgate.")) and not _is_custom(name):
        raise PolicyError(
            f"{policy.display}:{policy.package_line}: package {name} is in vendorgate's own"
            f" namespace; a custom policy's package is {CUSTOM_NAMESPACE}.<name>"
        )


def _add(rules: dict[str, RuleInfo], rule: RuleInfo) -> None:
    if rule.id in rules:
        raise PolicyError(
            f"{rule.location}: rule id {rule.id} is already used at"
            f" {rules[rule.id].location}; give each rule its own id"
        )
    rules[rule.id] = rule


def _display(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()
