"""One run of the gate: discover, load, validate, group into dossiers, evaluate on OPA, report."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from vendorgate import __version__
from vendorgate.catalog import DOCUMENT_PARSES, rule_catalog
from vendorgate.errors import PolicyError, UsageError, VendorgateError
from vendorgate.evidence import DEFAULT_MAX_EVIDENCE_BYTES
from vendorgate.loading import Discovery, Unread, discover
from vendorgate.loading.files import (
    DEFAULT_MAX_BYTES,
    PROFILE_NAME,
    FileResult,
    display,
    relative,
)
from vendorgate.loading.search import Verdict, search
from vendorgate.model import (
    FILE_START,
    Document,
    Dossier,
    FailOn,
    Finding,
    Level,
    Notice,
    Report,
    RuleInfo,
)
from vendorgate.policy.contract import to_findings
from vendorgate.policy.engine import EngineSettings, PolicyEngine, policy_engine
from vendorgate.profile import apply_profile, find_profile, load_profile
from vendorgate.stream import BATCH_FILES, Judge, Loader, evidence_inputs, load_all

__all__ = ["RunConfig", "failure_report", "known_inputs", "run"]


@dataclass(frozen=True, kw_only=True)
class RunConfig:
    """Everything one `vendorgate check` needs, fixed before the run starts."""

    paths: tuple[Path, ...]
    root: Path
    as_of: str
    fail_on: FailOn = FailOn.ERROR
    engine: EngineSettings = field(default_factory=EngineSettings)
    max_file_size: int = DEFAULT_MAX_BYTES
    max_evidence_size: int = DEFAULT_MAX_EVIDENCE_BYTES
    # --config; without it the profile is vendorgate.yaml at the root, if any.
    config_file: Path | None = None
    expand_dossiers: bool = False
    # Files judged per batch (vendorgate.stream); not a CLI option: tests make it tiny.
    batch_files: int = BATCH_FILES


def run(config: RunConfig, engine: PolicyEngine | None = None) -> Report:
    """Evaluate every dossier under the configured paths; raises VendorgateError when it cannot.

    `engine` is the policy engine to use (the CLI's, started early); without it the
    run builds one from `config.engine`. The run stops it on every path.

    The files are judged by batch (vendorgate.stream): only the findings and a small index
    outlive a batch, so memory follows the batch size, not the repository.
    """
    profile = load_profile(find_profile(config.config_file, config.root), config.root)
    rules = rule_catalog(profile, config.root)
    given = [p for p in config.paths if not profile.is_profile(p)]
    # No PATHS, or the profile itself among them (pre-commit passes a staged
    # vendorgate.yaml, or a folder holding it is checked): the run judges
    # everything under the profile's paths, and every waiver.
    whole = not config.paths or any(profile.checked_by(p) for p in config.paths)
    scope = list(profile.scope(config.root))

    engine = engine or policy_engine(config.engine)
    try:
        engine.start()
        loaded: list[FileResult] | None = None
        if config.expand_dossiers:
            files, loaded, unread, notices = _expanded(given, scope, whole, config)
        else:
            found = discover([*given, *scope] if whole else given, config.root, profiles=_profiles(config))
            _check_not_empty(found, config)
            files, unread, notices = found.files, found.unread, found.notices
        asked = False

        def evaluate(dossiers: Sequence[Dossier]) -> list[Finding]:
            nonlocal asked
            if not asked:
                engine.ready()
                engine.load([("custom", p) for p in profile.policies], profile.thresholds)
                asked = True
            documents = {d.id: d for dossier in dossiers for d in dossier.documents}
            return _in_catalog(to_findings(engine.evaluate(config.as_of, dossiers), documents), rules)

        judge = Judge(
            root=config.root,
            max_evidence_size=config.max_evidence_size,
            evaluate=evaluate,
            batch_files=config.batch_files,
        )
        if loaded is not None:
            judged = judge.all([list(enumerate(loaded))])
        else:
            with Loader(config, len(files)) as loader:
                judged = judge.all(loader.batches(files, config.batch_files), loader)
        if not asked:
            # A run with no file to judge still reaches OPA: a broken server or policy fails it.
            evaluate([])
    finally:
        engine.stop()
    findings = [*judged.findings, *_unread_findings(unread)]
    vendors = None if whole else set(judged.vendors)
    findings, profile_findings = apply_profile(profile, findings, config.as_of, vendors)
    findings.extend(profile_findings)
    inputs = _inputs(files, [], [], profile.path)
    for path, what in judged.inputs.items():
        inputs.setdefault(path, what)
    return Report(
        findings=tuple(sorted(findings, key=Finding.sort_key)),
        rules=rules,
        as_of=config.as_of,
        files_checked=len(files),
        dossiers=tuple(sorted(judged.vendors)),
        fail_on=config.fail_on,
        notices=tuple(notices),
        tool_version=__version__,
        inputs=inputs,
        astral=judged.astral,
    )


def _inputs(
    files: Iterable[Path],
    documents: Iterable[Document],
    dossiers: Iterable[Dossier],
    profile_path: Path | None,
) -> dict[str, str]:
    """The real path of every file the run read, and what it is: no output may overwrite one."""
    inputs = {os.path.realpath(path): "a dossier document" for path in files}
    for path, what in evidence_inputs(documents, dossiers).items():
        inputs.setdefault(path, what)
    if profile_path is not None:
        inputs.setdefault(os.path.realpath(profile_path), "the profile")
    return inputs


def known_inputs(config: RunConfig) -> dict[str, str]:
    """For a run that failed: the files it would have read (evidence is not known).

    Without PATHS that is the whole repository: the profile's paths may be what failed.
    """
    profile: Path | None = None
    try:
        profile = find_profile(config.config_file, config.root)
    except VendorgateError:
        profile = config.config_file
    files: list[Path] = []
    with contextlib.suppress(VendorgateError, OSError):
        files = discover(config.paths or (config.root,), config.root, profiles=_profiles(config)).files
    return _inputs(files, [], [], profile)


def _in_catalog(findings: list[Finding], rules: Mapping[str, RuleInfo]) -> list[Finding]:
    """A result of a rule the catalog does not list could be neither explained nor waived."""
    for finding in findings:
        if finding.rule_id not in rules:
            raise PolicyError(
                f"a policy returned a result of rule {finding.rule_id}, which no METADATA"
                " custom.id declares; fix the policy (see docs/policy-contract.md)"
            )
    return findings


def _profiles(config: RunConfig) -> tuple[Path, ...]:
    """The profiles a run may hold: the repository root's own and the one --config names."""
    root_profile = config.root / PROFILE_NAME
    return (root_profile,) if config.config_file is None else (root_profile, config.config_file)


def _check_not_empty(found: Discovery, config: RunConfig) -> None:
    """A run that would check nothing stops: a misspelt or empty path must never pass.

    pre-commit (--expand-dossiers) passes staged files that its `files:` pattern
    selected; when none of them is a dossier document there is nothing to judge,
    and a notice says so instead.
    """
    if found.files or found.unread:
        return
    if config.expand_dossiers and all(not p.is_dir() for p in config.paths):
        found.notices.append(
            Notice(message="none of the given files is a dossier document; nothing to check")
        )
        return
    raise UsageError(f"no dossier documents under {_where(config.paths)}; check the paths")


def _where(paths: tuple[Path, ...]) -> str:
    if not paths:
        return "the profile's paths"
    if len(paths) > 3:
        return f"the {len(paths)} given paths"
    shown = []
    for path in paths:
        text = display(str(path))
        if path.is_dir() and not text.endswith("/"):
            text += "/"
        shown.append(text)
    return ", ".join(shown)


def _expanded(
    focus: list[Path], scope: list[Path], whole: bool, config: RunConfig
) -> tuple[list[Path], list[FileResult] | None, list[Unread], list[Notice]]:
    """The given files plus every other document of the vendors they name, from the profile's paths.

    pre-commit passes only the staged files; a dossier is still judged whole, so
    its unstaged documents are read too, and so is what was not read in its folders;
    nothing else is reported. Only the folders under `paths:` are read, as in CI: an
    archive elsewhere never joins a dossier. With the profile itself staged
    (`whole`), every dossier is judged: the files are returned, not loaded, and streamed.

    The other documents are found without parsing the repository: a byte search for
    the vendor ids (loading.search) narrows the files, and only those are parsed.
    """
    everything = discover(scope, config.root, profiles=_profiles(config))
    inside, outside = _split(focus, scope)
    notices = [
        Notice(
            message=f"{relative(p, config.root)} is outside the profile's paths; not checked",
            path=relative(p, config.root),
        )
        for p in outside
    ]
    if whole:
        return everything.files, None, everything.unread, [*notices, *everything.notices]
    wanted = (
        discover(inside, config.root, profiles=_profiles(config))
        if inside
        else Discovery(files=[], unread=[], notices=[])
    )
    _check_not_empty(wanted, config)
    notices.extend(wanted.notices)
    staged = load_all(wanted.files, config)
    vendors = {doc.vendor for r in staged for doc in r.documents if doc.vendor is not None}
    chosen = set(wanted.files)
    verdicts = search([p for p in everything.files if p not in chosen], vendors, config.max_file_size)
    others = load_all(_of(verdicts, Verdict.MAY_HOLD, config), config, first=len(staged))
    members = [*staged, *(r for r in others if _holds(r, vendors))]
    folders = {r.relpath.rpartition("/")[0] for r in members}
    # A file that may hold a document of these vendors but cannot be read is reported:
    # one that names a vendor id, wherever it is, and, in the dossiers' folders (as
    # discovery's unread results), one that could not even be searched.
    unsure = [
        p for p in _of(verdicts, Verdict.UNSURE, config) if _in_folders(relative(p, config.root), folders)
    ]
    suspects = [r for r in others if r.error is not None]
    suspects.extend(
        r
        for r in load_all(unsure, config, first=len(staged) + len(others))
        if r.error is not None or _holds(r, vendors)
    )
    kept = sorted([*members, *suspects], key=lambda r: r.relpath)
    unread = set(wanted.unread) | {u for u in everything.unread if _in_folders(u.relpath, folders)}
    return [r.path for r in kept], kept, sorted(unread, key=lambda u: (u.relpath, u.message)), notices


def _of(verdicts: Mapping[Path, Verdict], verdict: Verdict, config: RunConfig) -> list[Path]:
    """The files of one verdict, in the order of the repository (documents join dossiers in it)."""
    return sorted((p for p, v in verdicts.items() if v is verdict), key=lambda p: relative(p, config.root))


def _holds(result: FileResult, vendors: set[str]) -> bool:
    return any(doc.vendor in vendors for doc in result.documents)


def _in_folders(relpath: str, folders: Iterable[str]) -> bool:
    return any(_within(relpath, folder) for folder in folders)


def _split(paths: list[Path], scope: list[Path]) -> tuple[list[Path], list[Path]]:
    """The paths under one of the scope folders, and the others."""
    folders = [folder.absolute() for folder in scope]
    inside: list[Path] = []
    outside: list[Path] = []
    for path in paths:
        absolute = Path(os.path.normpath(path.absolute()))
        (inside if any(absolute.is_relative_to(f) for f in folders) else outside).append(path)
    return inside, outside


def _within(relpath: str, folder: str) -> bool:
    return relpath.rpartition("/")[0] == folder or relpath.startswith(f"{folder}/")


def _unread_findings(unread: Iterable[Unread]) -> list[Finding]:
    """An SCH-001 result on each file or folder that discovery could not read."""
    return [
        Finding(
            rule_id=DOCUMENT_PARSES.id,
            level=DOCUMENT_PARSES.level,
            message=u.message,
            path=u.relpath,
            position=FILE_START,
        )
        for u in unread
    ]


def failure_report(error: VendorgateError, config: RunConfig | None) -> Report:
    """The report of a run that could not evaluate: never one that looks like a pass."""
    return Report(
        findings=(),
        rules={},
        as_of=config.as_of if config else "",
        files_checked=0,
        dossiers=(),
        fail_on=config.fail_on if config else FailOn.ERROR,
        notices=(Notice(message=str(error), level=Level.ERROR),),
        execution_successful=False,
        error=str(error),
        tool_version=__version__,
    )
