"""One run of the gate: discover, load, validate, group into dossiers, evaluate on OPA, report."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from vendorgate import __version__
from vendorgate.baseline import identify
from vendorgate.catalog import DOCUMENT_PARSES, rule_catalog
from vendorgate.errors import PolicyError, UsageError, VendorgateError
from vendorgate.evidence import DEFAULT_MAX_EVIDENCE_BYTES, EvidenceChecker
from vendorgate.loading import Discovery, Unread, discover, load_file
from vendorgate.loading.composer import Limits
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
    Kind,
    Level,
    Notice,
    Position,
    Report,
    RuleInfo,
)
from vendorgate.policy.contract import to_findings
from vendorgate.policy.engine import EngineSettings, PolicyEngine, policy_engine
from vendorgate.profile import apply_profile, find_profile, load_profile
from vendorgate.validation import SchemaValidator

PARALLEL_LOAD_MIN_FILES = 300
MAX_LOAD_WORKERS = 4


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


def run(config: RunConfig, engine: PolicyEngine | None = None) -> Report:
    """Evaluate every dossier under the configured paths; raises VendorgateError when it cannot.

    `engine` is the policy engine to use (the CLI's, started early); without it the
    run builds one from `config.engine`. The run stops it on every path.
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
        if config.expand_dossiers:
            files, loaded, unread, notices = _expanded(given, scope, whole, config)
        else:
            found = discover([*given, *scope] if whole else given, config.root, profiles=_profiles(config))
            _check_not_empty(found, config)
            files, loaded = found.files, load_all(found.files, config)
            unread, notices = found.unread, found.notices
        findings, documents, dossiers = read_dossiers(loaded, config.root, config.max_evidence_size)
        findings.extend(_unread_findings(unread))
        engine.ready()
        engine.load([("custom", p) for p in profile.policies], profile.thresholds)
        raw = engine.evaluate(config.as_of, dossiers)
    finally:
        engine.stop()
    findings.extend(_in_catalog(to_findings(raw, {d.id: d for d in documents}), rules))
    vendors = None if whole else {d.vendor for d in dossiers}
    findings, profile_findings = apply_profile(profile, findings, config.as_of, vendors)
    findings.extend(profile_findings)
    return Report(
        findings=tuple(sorted(identify(findings, documents), key=Finding.sort_key)),
        rules=rules,
        as_of=config.as_of,
        files_checked=len(files),
        dossiers=tuple(d.vendor for d in dossiers),
        fail_on=config.fail_on,
        notices=tuple(notices),
        tool_version=__version__,
        inputs=_inputs(files, documents, dossiers, profile.path),
        astral={result.relpath: result.astral for result in loaded if result.astral},
    )


def _inputs(
    files: Iterable[Path],
    documents: Iterable[Document],
    dossiers: Iterable[Dossier],
    profile_path: Path | None,
) -> dict[str, str]:
    """The real path of every file the run read, and what it is: no output may overwrite one."""
    inputs = {os.path.realpath(path): "a dossier document" for path in files}
    folders = {doc.id: doc.path.parent for doc in documents}
    for dossier in dossiers:
        for fact in dossier.evidence:
            folder, given = folders.get(str(fact.get("doc"))), fact.get("path")
            if folder is not None and isinstance(given, str) and "\x00" not in given:
                inputs.setdefault(os.path.realpath(folder / given), "an evidence file")
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


def _worker_init() -> None:
    # Workers inherit the CLI's handlers: the parent alone handles Ctrl-C and
    # SIGTERM, and stops its workers itself (Pool.terminate sends SIGTERM).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _load_one(job: tuple[int, Path, Path, int]) -> FileResult:
    index, path, root, max_bytes = job
    # Ids come from the file's place in the sorted list, so parallel workers
    # never need to agree on a counter.
    return load_file(path, root=root, first_id=index * Limits().max_documents, max_bytes=max_bytes)


def load_all(files: list[Path], config: RunConfig, first: int = 0) -> list[FileResult]:
    """Load every file; a large run uses every core (parsing YAML is the loading cost).

    `first` is the place of the first file among all those the run loads: document ids
    follow from it, so files loaded in separate calls never share an id.
    """
    jobs = [(first + i, path, config.root, config.max_file_size) for i, path in enumerate(files)]
    workers = min(os.cpu_count() or 1, MAX_LOAD_WORKERS)
    if len(jobs) < PARALLEL_LOAD_MIN_FILES or workers < 2:
        return [_load_one(job) for job in jobs]
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_worker_init) as pool:
        return pool.map(_load_one, jobs, chunksize=64)


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
) -> tuple[list[Path], list[FileResult], list[Unread], list[Notice]]:
    """The given files plus every other document of the vendors they name, from the profile's paths.

    pre-commit passes only the staged files; a dossier is still judged whole, so
    its unstaged documents are read too, and so is what was not read in its folders;
    nothing else is reported. Only the folders under `paths:` are read, as in CI: an
    archive elsewhere never joins a dossier. With the profile itself staged
    (`whole`), every dossier is judged.

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
        loaded = load_all(everything.files, config)
        return everything.files, loaded, everything.unread, [*notices, *everything.notices]
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


def _parse_findings(loaded: Iterable[FileResult]) -> tuple[list[Finding], list[Document]]:
    findings: list[Finding] = []
    documents: list[Document] = []
    for result in loaded:
        if result.error is not None:
            error = result.error
            findings.append(
                Finding(
                    rule_id=DOCUMENT_PARSES.id,
                    level=DOCUMENT_PARSES.level,
                    message=error.message,
                    path=result.relpath,
                    position=Position(
                        line=error.line,
                        column=error.column,
                        end_line=error.line,
                        end_column=error.column,
                    ),
                )
            )
        documents.extend(result.documents)
    return findings, documents


def read_dossiers(
    loaded: Iterable[FileResult], root: Path, max_evidence_size: int = DEFAULT_MAX_EVIDENCE_BYTES
) -> tuple[list[Finding], list[Document], list[Dossier]]:
    """The SCH-001/SCH-002 findings, the documents, and the dossiers the policies read.

    Each dossier carries its facts: which documents conform to their schema, and
    the evidence facts of its first attestation (when that one is valid).
    """
    findings, documents = _parse_findings(loaded)
    valid, schema_findings = _validate(documents)
    findings.extend(schema_findings)
    dossiers = _evidence(group_dossiers(documents, valid), root, max_evidence_size)
    return findings, documents, dossiers


def _validate(documents: Iterable[Document]) -> tuple[frozenset[str], list[Finding]]:
    """The ids of the documents that conform to their schema, and the SCH-002 findings."""
    validator = SchemaValidator()
    valid: set[str] = set()
    findings: list[Finding] = []
    for doc in documents:
        violations = validator.violations(doc)
        if not violations:
            valid.add(doc.id)
        findings.extend(violations)
    return frozenset(valid), findings


def group_dossiers(documents: Iterable[Document], valid: frozenset[str]) -> list[Dossier]:
    """Documents by vendor id, each dossier's documents in path then file order."""
    by_vendor: dict[str, list[Document]] = {}
    for doc in documents:
        if doc.vendor is not None:
            by_vendor.setdefault(doc.vendor, []).append(doc)
    return [
        Dossier(vendor=vendor, documents=tuple(docs), valid=valid.intersection(d.id for d in docs))
        for vendor, docs in sorted(by_vendor.items())
    ]


def _evidence(dossiers: Iterable[Dossier], root: Path, max_size: int) -> list[Dossier]:
    """Each dossier with the evidence facts of its first attestation, when that one is valid."""
    checker = EvidenceChecker(root, max_size)
    checked: list[Dossier] = []
    for dossier in dossiers:
        first = dossier.first(Kind.VENDOR_ATTESTATION)
        if first is not None and first.id in dossier.valid:
            checked.append(replace(dossier, evidence=tuple(checker.facts(first))))
        else:
            checked.append(dossier)
    return checked


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
