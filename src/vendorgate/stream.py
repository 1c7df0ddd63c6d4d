"""Judges a run's files by batch: load, validate, evaluate, map, then drop the documents.

A full run used to hold every document to the end: memory grew with the repository (about
60 KB per dossier). Here only the findings, the vendor ids and a small index (vendor → the
places of its files) outlive a batch, so memory follows the batch size.

A dossier is judged whole: its documents may sit in several files, anywhere under the checked
paths. Files are batched in the order of the repository, so a dossier's folder is one batch
but for the rare folder cut by a batch boundary, or a vendor spread over folders. Each batch's
dossiers are evaluated at once; a vendor found again in a later batch is *split*: what its
earlier partial dossiers gave is dropped, and after the last batch the files of the split
vendors are read again and their dossiers judged whole (vendors that share a file stay in one
batch). The files' own results (SCH-001, SCH-002) come from the first read only.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from vendorgate.baseline import identify
from vendorgate.catalog import DOCUMENT_PARSES
from vendorgate.evidence import DEFAULT_MAX_EVIDENCE_BYTES, EvidenceChecker
from vendorgate.loading import load_file
from vendorgate.loading.composer import Limits
from vendorgate.loading.files import FileResult
from vendorgate.model import Document, Dossier, Finding, Kind, Position
from vendorgate.validation import SchemaValidator

if TYPE_CHECKING:
    from multiprocessing.pool import Pool

    from vendorgate.pipeline import RunConfig

PARALLEL_LOAD_MIN_FILES = 300
MAX_LOAD_WORKERS = 4
# Files per batch: about 180 dossiers of three files, some 10 MB of loaded documents in
# this process and a few hundred KB per dossier in OPA while a request is evaluated.
BATCH_FILES = 500

# One file of a batch: its place among all the files the run loads (document ids
# follow from it, so a file read again gets the same ids) and what loading gave.
Placed = tuple[int, FileResult]
Evaluate = Callable[[Sequence[Dossier]], list[Finding]]


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
    """Load every file at once (small runs and the pre-commit hook); a large run uses every core.

    `first` is the place of the first file among all those the run loads: document ids
    follow from it, so files loaded in separate calls never share an id.
    """
    with Loader(config, len(files)) as loader:
        return [result for _, result in loader.load(list(enumerate(files, first)))]


class Loader:
    """Loads batches of files, in a pool of forked processes when the run is large enough.

    `batches` loads the next batch while the caller judges the current one: two batches
    at most are in memory.
    """

    def __init__(self, config: RunConfig, total: int) -> None:
        self._root = config.root
        self._max_bytes = config.max_file_size
        workers = min(os.cpu_count() or 1, MAX_LOAD_WORKERS)
        self._pool: Pool | None = None
        if total >= PARALLEL_LOAD_MIN_FILES and workers >= 2:
            self._pool = multiprocessing.get_context("fork").Pool(workers, initializer=_worker_init)

    def __enter__(self) -> Loader:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()

    def _jobs(self, places: Sequence[tuple[int, Path]]) -> list[tuple[int, Path, Path, int]]:
        return [(index, path, self._root, self._max_bytes) for index, path in places]

    def _submit(self, places: Sequence[tuple[int, Path]]) -> Callable[[], list[Placed]]:
        jobs = self._jobs(places)
        indices = [index for index, _ in places]
        if self._pool is None:
            return lambda: list(zip(indices, map(_load_one, jobs), strict=True))
        pending = self._pool.map_async(_load_one, jobs, chunksize=max(1, min(64, len(jobs) // 16)))
        return lambda: list(zip(indices, pending.get(), strict=True))

    def load(self, places: Sequence[tuple[int, Path]]) -> list[Placed]:
        """The files at these places, loaded now."""
        return self._submit(places)()

    def batches(self, files: Sequence[Path], size: int) -> Iterator[list[Placed]]:
        """`files` in batches of about `size`, in their order, each loaded while the previous is judged."""
        cuts = [list(enumerate(files[start:end], start)) for start, end in _cuts(files, size)]
        if not cuts:
            return
        pending = self._submit(cuts[0])
        for following in cuts[1:]:
            current = pending()
            pending = self._submit(following)
            yield current
        yield pending()


def _cuts(files: Sequence[Path], size: int) -> Iterator[tuple[int, int]]:
    """Batches of `size` files, each stretched to the end of its last folder (up to twice `size`):
    a dossier's folder is then one batch, and its vendor need not be read again at the end."""
    start = 0
    while start < len(files):
        end = min(start + size, len(files))
        limit = min(start + 2 * size, len(files))
        while end < limit and files[end].parent == files[end - 1].parent:
            end += 1
        yield start, end
        start = end


@dataclass
class Judged:
    """What outlives the batches: every finding, the vendors, and what the outputs need."""

    findings: list[Finding] = field(default_factory=list)
    vendors: set[str] = field(default_factory=set)
    inputs: dict[str, str] = field(default_factory=dict)
    """Real path → "an evidence file": no output of the run may overwrite one."""
    astral: dict[str, dict[int, tuple[int, ...]]] = field(default_factory=dict)


@dataclass
class _Batch:
    """One batch judged: its files' own findings, and the dossier findings of each vendor."""

    file_findings: list[Finding]
    by_vendor: dict[str, list[Finding]]
    files_of: dict[str, set[int]]
    inputs: dict[str, str]


class Judge:
    """Judges batches of loaded files; see the module's docstring for how dossiers stay whole."""

    def __init__(
        self, *, root: Path, max_evidence_size: int, evaluate: Evaluate, batch_files: int = BATCH_FILES
    ):
        self._root = root
        self._max_evidence_size = max_evidence_size
        self._evaluate = evaluate
        self._batch_files = batch_files

    def all(self, batches: Iterable[list[Placed]], loader: Loader | None = None) -> Judged:
        """Judge `batches` in turn; `loader` reads the files of split vendors again (none: no split)."""
        judged = Judged()
        files_of: dict[str, set[int]] = {}
        paths: dict[int, Path] = {}
        pending: dict[str, list[Finding]] = {}
        split: set[str] = set()
        for placed in batches:
            batch = self._judge(placed, only=None)
            judged.findings.extend(batch.file_findings)
            judged.inputs.update(batch.inputs)
            for _, result in placed:
                if result.astral:
                    judged.astral[result.relpath] = dict(result.astral)
            for vendor, indices in batch.files_of.items():
                if vendor in files_of:
                    split.add(vendor)
                    pending.pop(vendor, None)
                files_of.setdefault(vendor, set()).update(indices)
            for vendor, found in batch.by_vendor.items():
                if vendor not in split:
                    pending[vendor] = found
            # The path of each file with documents, to read a split vendor again (small).
            paths.update((index, result.path) for index, result in placed if result.documents)
        judged.vendors.update(files_of)
        for found in pending.values():
            judged.findings.extend(found)
        if split:
            if loader is None:
                raise AssertionError("a vendor was split across batches without a loader to read it again")
            for group in self._groups(split, files_of):
                places = sorted((index, paths[index]) for index in group[1])
                batch = self._judge(loader.load(places), only=group[0])
                judged.findings.extend(batch.file_findings)
                judged.inputs.update(batch.inputs)
                for found in batch.by_vendor.values():
                    judged.findings.extend(found)
        return judged

    def _groups(self, split: set[str], files_of: dict[str, set[int]]) -> list[tuple[set[str], set[int]]]:
        """The split vendors in batches: vendors that share a file together, about batch_files files each."""
        owner: dict[int, str] = {}
        parent = {vendor: vendor for vendor in split}

        def find(vendor: str) -> str:
            while parent[vendor] != vendor:
                parent[vendor] = parent[parent[vendor]]
                vendor = parent[vendor]
            return vendor

        for vendor in sorted(split):
            for index in files_of[vendor]:
                other = owner.setdefault(index, vendor)
                parent[find(other)] = find(vendor)
        components: dict[str, tuple[set[str], set[int]]] = {}
        for vendor in sorted(split):
            vendors, indices = components.setdefault(find(vendor), (set(), set()))
            vendors.add(vendor)
            indices.update(files_of[vendor])
        groups: list[tuple[set[str], set[int]]] = []
        for vendors, indices in sorted(components.values(), key=lambda c: min(c[1])):
            if groups and len(groups[-1][1]) + len(indices) <= self._batch_files:
                groups[-1][0].update(vendors)
                groups[-1][1].update(indices)
            else:
                groups.append((set(vendors), set(indices)))
        return groups

    def _judge(self, placed: list[Placed], only: set[str] | None) -> _Batch:
        loaded = [result for _, result in placed]
        file_findings, documents, dossiers = read_dossiers(loaded, self._root, self._max_evidence_size)
        if only is not None:
            dossiers = [d for d in dossiers if d.vendor in only]
        found = identify(self._evaluate(dossiers), documents)
        by_vendor: dict[str, list[Finding]] = {d.vendor: [] for d in dossiers}
        for finding in found:
            if finding.vendor is None or finding.vendor not in by_vendor:
                raise AssertionError(f"a finding of {finding.rule_id} names no dossier of its batch")
            by_vendor[finding.vendor].append(finding)
        files_of: dict[str, set[int]] = {}
        for index, result in placed:
            for doc in result.documents:
                if doc.vendor is not None:
                    files_of.setdefault(doc.vendor, set()).add(index)
        if only is not None:
            # Read again for a split vendor: a file that no longer loads (changed since) is
            # reported, never left out of its dossier in silence. It had loaded the first time.
            file_findings = _parse_findings(r for r in loaded if r.error is not None)[0]
        return _Batch(
            file_findings=identify(file_findings, documents),
            by_vendor=by_vendor,
            files_of=files_of,
            inputs=evidence_inputs(documents, dossiers),
        )


def evidence_inputs(documents: Iterable[Document], dossiers: Iterable[Dossier]) -> dict[str, str]:
    """The real path of every evidence file the dossiers name: no output may overwrite one."""
    inputs: dict[str, str] = {}
    folders = {doc.id: doc.path.parent for doc in documents}
    for dossier in dossiers:
        for fact in dossier.evidence:
            folder, given = folders.get(str(fact.get("doc"))), fact.get("path")
            if folder is not None and isinstance(given, str) and "\x00" not in given:
                inputs.setdefault(os.path.realpath(folder / given), "an evidence file")
    return inputs


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
