"""Reads rule descriptors from the `# METADATA` annotations of Rego files, without OPA."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from vendorgate.errors import PolicyError
from vendorgate.model import Level, RuleInfo

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - pyyaml built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_SECURITY_SEVERITY = {Level.ERROR: 8.0, Level.WARNING: 5.0, Level.NOTE: 2.0}
_PACKAGE = re.compile(r"^package\s+([\w.]+)", re.MULTILINE)


def rego_files(folders: Iterable[Path]) -> list[Path]:
    """Policy files (tests excluded), sorted, under each folder."""
    files: list[Path] = []
    for folder in folders:
        files.extend(p for p in sorted(folder.rglob("*.rego")) if not p.name.endswith("_test.rego"))
    return files


def _blocks(text: str) -> Iterable[tuple[int, str]]:
    lines = text.splitlines()
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
            yield start, "\n".join(body)
        else:
            i += 1


def read_rules(path: Path, display: str | None = None) -> list[RuleInfo]:
    """Every annotated rule with a `custom.id` in one Rego file."""
    text = path.read_text(encoding="utf-8")
    package = _PACKAGE.search(text)
    area = package.group(1).rsplit(".", 1)[-1] if package else ""
    rules: list[RuleInfo] = []
    for line, block in _blocks(text):
        try:
            data = yaml.load(block, Loader=_Loader)
        except yaml.YAMLError as exc:
            raise PolicyError(
                f"{display or path}:{line}: the METADATA block is not valid YAML; fix it"
            ) from exc
        if not isinstance(data, dict):
            continue
        custom = data.get("custom")
        if isinstance(custom, dict) and "id" in custom:
            rules.append(_rule(data, custom, area, f"{display or path}:{line}"))
    return rules


def _rule(data: Mapping[str, Any], custom: Mapping[str, Any], area: str, where: str) -> RuleInfo:
    try:
        level = Level(str(custom.get("severity", "error")))
    except ValueError as exc:
        raise PolicyError(f"{where}: custom.severity must be error, warning or note") from exc
    tags = custom.get("tags") or []
    return RuleInfo(
        id=str(custom["id"]),
        title=str(data.get("title", custom["id"])),
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
        display = _display(path, root)
        for rule in read_rules(path, display):
            if rule.id in rules:
                raise PolicyError(
                    f"{rule.location}: rule id {rule.id} is already used at"
                    f" {rules[rule.id].location}; give each rule its own id"
                )
            rules[rule.id] = rule
    return rules


def _display(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()
