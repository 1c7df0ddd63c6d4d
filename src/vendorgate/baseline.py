"""Baselines: what each finding was reported on, a baseline read from a JSON report or a git ref,
and every finding of a run classified against it as new, unchanged or updated (and what was fixed)."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from vendorgate.errors import UsageError, VendorgateError
from vendorgate.model import Document, Finding, Level, Position, Report
from vendorgate.pointer import path_of

# What ties a baseline entry to a finding: never across files, vendors or document kinds.
Key = tuple[str, str | None, str | None, str, str]


def _key(finding: Finding) -> Key:
    return (finding.rule_id, finding.vendor, finding.kind, finding.path, finding.pointer)


def _value_at(body: Any, pointer: str) -> Any:
    """The value at `pointer`, or at the nearest present pointer above it."""
    value = body
    for token in path_of(pointer):
        if isinstance(value, dict) and str(token) in value:
            value = value[str(token)]
        elif isinstance(value, list) and isinstance(token, int) and token < len(value):
            value = value[token]
        else:
            break
    return value


def value_hash(value: Any) -> str:
    """A short, stable hash of a JSON value (key order does not count)."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def identify(findings: Iterable[Finding], documents: Sequence[Document]) -> list[Finding]:
    """`findings`, each with the kind of its document and the hash of the value it is about."""
    by_path: dict[str, list[Document]] = {}
    for document in documents:
        by_path.setdefault(document.relpath, []).append(document)
    out = []
    for finding in findings:
        # The document of the finding is the last one of its file that starts at or before it.
        candidates = [
            d
            for d in by_path.get(finding.path, ())
            if (d.start.line, d.start.column) <= (finding.position.line, finding.position.column)
        ] or by_path.get(finding.path, [])
        if not candidates:
            out.append(finding)
            continue
        document = candidates[-1]
        out.append(
            replace(
                finding, kind=document.kind, value_hash=value_hash(_value_at(document.body, finding.pointer))
            )
        )
    return out


def classify(report: Report, baseline: Sequence[Finding], *, fail_on_new: bool) -> Report:
    """`report` with every finding marked new, unchanged or updated against `baseline`, and the
    baseline's findings this run no longer reports as `fixed`."""
    remaining: dict[Key, list[Finding]] = {}
    for entry in baseline:
        remaining.setdefault(_key(entry), []).append(entry)
    states: dict[int, str] = {}
    # Equal values match first, so that an unchanged finding is never taken for an updated one.
    for index, finding in enumerate(report.findings):
        entries = remaining.get(_key(finding), [])
        same = next((e for e in entries if e.value_hash == finding.value_hash), None)
        if same is not None:
            entries.remove(same)
            states[index] = "unchanged"
    for index, finding in enumerate(report.findings):
        if index in states:
            continue
        entries = remaining.get(_key(finding), [])
        if entries:
            entries.pop(0)
            states[index] = "updated"
        else:
            states[index] = "new"
    findings = tuple(replace(f, baseline_state=states[i]) for i, f in enumerate(report.findings))
    fixed = tuple(sorted((e for entries in remaining.values() for e in entries), key=Finding.sort_key))
    return replace(report, findings=findings, fixed=fixed, baselined=True, fail_on_new=fail_on_new)


def _not_a_report(path: Path, why: str) -> UsageError:
    return UsageError(
        f"baseline {path} is not a vendorgate JSON report ({why}); write one with "
        "`vendorgate check --format json --output FILE`"
    )


def _entry(raw: Any) -> Finding:
    if not isinstance(raw, dict):
        raise ValueError("a finding is not an object")
    fields = {"rule_id": str, "path": str, "pointer": str, "value_hash": str, "level": str, "message": str}
    for name, kind in fields.items():
        if not isinstance(raw.get(name), kind):
            raise ValueError(f"a finding has no {name}")
    for name in ("vendor", "kind"):
        if raw.get(name) is not None and not isinstance(raw[name], str):
            raise ValueError(f"a finding's {name} is not text")
    line, column = raw.get("line"), raw.get("column")
    position = Position(
        line=line if isinstance(line, int) else 1,
        column=column if isinstance(column, int) else 1,
        end_line=line if isinstance(line, int) else 1,
        end_column=column if isinstance(column, int) else 1,
    )
    return Finding(
        rule_id=raw["rule_id"],
        level=Level(raw["level"]),
        message=raw["message"],
        path=raw["path"],
        position=position,
        pointer=raw["pointer"],
        vendor=raw.get("vendor"),
        kind=raw.get("kind"),
        value_hash=raw["value_hash"],
    )


def read_baseline(path: Path) -> list[Finding]:
    """The findings of the JSON report at `path`; anything else, or a failed run, is a usage error."""
    try:
        data = json.loads(path.read_bytes())
    except OSError as exc:
        raise UsageError(f"cannot read baseline {path}: {exc.strerror or exc}") from exc
    except ValueError as exc:
        raise _not_a_report(path, "not JSON") from exc
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("tool"), dict)
        or data["tool"].get("name") != "vendorgate"
    ):
        raise _not_a_report(path, "no vendorgate tool")
    version = data.get("schema_version")
    if not isinstance(version, str) or version.split(".")[0] != "1" or version == "1.0":
        raise _not_a_report(path, f"schema_version {version!r}; 1.1 or a later 1.x with value_hash is needed")
    if data.get("execution_successful") is not True:
        raise UsageError(
            f"baseline {path} is the report of a run that could not evaluate; it cannot be a baseline"
        )
    findings = data.get("findings")
    if not isinstance(findings, list):
        raise _not_a_report(path, "no findings list")
    try:
        return [_entry(raw) for raw in findings]
    except ValueError as exc:
        raise _not_a_report(path, str(exc)) from exc


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    git = shutil.which("git")
    if git is None:
        raise UsageError("--baseline-ref needs git on PATH")
    return subprocess.run([git, "-C", str(root), *args], capture_output=True, text=True, check=False)


def verify_ref(root: Path, ref: str) -> None:
    """Raises a usage error unless `ref` names a commit of the repository at `root`."""
    if (
        ref.startswith("-")
        or _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").returncode != 0
    ):
        raise UsageError(
            f"--baseline-ref {ref!r} is not a commit of the git repository at {root}; fetch it first"
        )


def at_ref(root: Path, ref: str, evaluate: Callable[[Path], Report]) -> list[Finding]:
    """The findings of `evaluate(root_at_ref)`, where `root_at_ref` is `root` in a temporary git
    worktree at `ref`, removed on every path; a missing ref or a run that could not evaluate is
    an error."""
    if (
        ref.startswith("-")
        or _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").returncode != 0
    ):
        raise UsageError(
            f"--baseline-ref {ref!r} is not a commit of the repository at {root}; fetch it first"
        )
    parent = Path(tempfile.mkdtemp(prefix="vendorgate-baseline-"))
    tree = parent / "tree"
    try:
        added = _git(root, "worktree", "add", "--detach", "--quiet", str(tree), ref)
        if added.returncode != 0:
            raise UsageError(f"cannot check out --baseline-ref {ref!r}: {added.stderr.strip()}")
        # The root may be a folder inside the repository: the same folder of the checkout.
        top = _git(root, "rev-parse", "--show-toplevel").stdout.strip()
        inside = root.resolve().relative_to(Path(top).resolve()) if top else Path()
        report = evaluate(tree / inside)
    finally:
        _git(root, "worktree", "remove", "--force", str(tree))
        shutil.rmtree(parent, ignore_errors=True)
        _git(root, "worktree", "prune")
    if not report.execution_successful:
        raise VendorgateError(f"the baseline at {ref} could not be evaluated: {report.error}")
    return list(report.findings)
