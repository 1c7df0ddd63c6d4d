"""Runs the policies over dossiers on OPA (managed or remote) and turns raw results into Findings."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vendorgate.errors import EngineError, PolicyError
from vendorgate.model import Document, Dossier, Finding, Kind, Level
from vendorgate.policy.client import PROFILE_DATA_PATH, OpaEngine, parse_url
from vendorgate.policy.launch import start_managed
from vendorgate.policy.metadata import RULE_ID, rego_files
from vendorgate.policy.server import ManagedOpa
from vendorgate.resources import policies_dir

BATCH_SIZE = 250
REQUESTS_IN_FLIGHT = 2


@dataclass(frozen=True, kw_only=True, slots=True)
class EngineSettings:
    """How to reach OPA for one run."""

    url: str | None = None
    token: str | None = None
    allow_insecure: bool = False
    binary: str | None = None
    timeout: float = 60.0
    startup_timeout: float = 15.0


def policy_modules(folders: Sequence[tuple[str, Path]]) -> list[tuple[str, Path]]:
    """(module id, file) of every policy file of each (namespace, folder)."""
    return [
        (f"vendorgate/{namespace}/{path.relative_to(folder).as_posix()}", path)
        for namespace, folder in folders
        for path in rego_files([folder])
    ]


@contextmanager
def opa_session(
    settings: EngineSettings,
    custom: Sequence[tuple[str, Path]],
    server: ManagedOpa | None = None,
) -> Iterator[Session]:
    """An OPA holding the policies: a remote server, or a managed one stopped on every exit.

    A managed OPA starts with the built-in policy files (see launch); the
    organisation's custom modules are uploaded through the client, as are all
    modules for a remote server.
    """
    if settings.url:
        host, port, tls = parse_url(settings.url, allow_insecure=settings.allow_insecure)
        engine = OpaEngine(host=host, port=port, tls=tls, token=settings.token, timeout=settings.timeout)
        modules = policy_modules([("builtin", policies_dir()), *custom])
        try:
            yield Session(engine=engine, server=None, modules=modules)
        finally:
            engine.close()
        return
    if server is None:
        server = start_managed(settings.binary, settings.startup_timeout)
    with server:
        engine = OpaEngine(host="127.0.0.1", port=server.port, timeout=settings.timeout)
        try:
            yield Session(engine=engine, server=server, modules=policy_modules(custom))
        finally:
            engine.close()


@dataclass(kw_only=True, slots=True)
class Session:
    """An engine plus, when managed, the server process behind it."""

    engine: OpaEngine
    server: ManagedOpa | None
    modules: list[tuple[str, Path]]

    def ready(self) -> None:
        if self.server is not None:
            self.server.wait_ready(self.engine.healthy)

    def load(self, thresholds: Mapping[str, Any]) -> None:
        """Upload the modules the server does not start with, then set the thresholds.

        A managed OPA got the built-in files on its command line: it does not
        start when one fails to compile, and evaluation fails without the entrypoint.
        """
        if self.modules:
            self.engine.load_policies(
                [(mid, path, path.read_text(encoding="utf-8")) for mid, path in self.modules]
            )
        self.engine.put_data(PROFILE_DATA_PATH, {"thresholds": dict(thresholds)})

    def evaluate(
        self,
        as_of: str,
        dossiers: Sequence[Dossier],
        valid: Mapping[str, bool],
        evidence: Mapping[str, list[dict[str, Any]]],
    ) -> list[Any]:
        """Evaluate every dossier in batches, two requests in flight so OPA uses both cores."""
        batches = [dossiers[i : i + BATCH_SIZE] for i in range(0, len(dossiers), BATCH_SIZE)]

        def one(batch: Sequence[Dossier]) -> list[Any]:
            payload = {
                "as_of": as_of,
                "dossiers": [dossier_input(d, valid, evidence.get(d.vendor, [])) for d in batch],
            }
            return self.engine.evaluate(payload)

        raw: list[Any] = []
        try:
            if len(batches) < 2:
                for batch in batches:
                    raw.extend(one(batch))
                return raw
            with ThreadPoolExecutor(max_workers=REQUESTS_IN_FLIGHT) as pool:
                for part in pool.map(one, batches):
                    raw.extend(part)
        except EngineError:
            if self.server is not None and self.server.exited() is not None:
                raise EngineError(
                    f"OPA stopped (status {self.server.exited()}) during evaluation;"
                    " nothing was checked: run again, and check memory limits"
                ) from None
            raise
        return raw


def dossier_input(
    dossier: Dossier, valid: Mapping[str, bool], evidence: list[dict[str, Any]]
) -> dict[str, Any]:
    """The input shape the policies read (see docs/policy-contract.md)."""
    entry: dict[str, Any] = {
        "vendor": dossier.vendor,
        "documents": [
            {
                "id": doc.id,
                "kind": doc.kind,
                "valid": valid.get(doc.id, False),
                "path": doc.relpath,
                "index": doc.index,
            }
            for doc in dossier.documents
        ],
        "evidence": evidence,
    }
    for kind in Kind:
        doc = dossier.first(kind)
        if doc is not None:
            entry[kind.role] = {"id": doc.id, "valid": valid.get(doc.id, False), "body": doc.body}
    return entry


def to_findings(raw: Sequence[Any], documents: Mapping[str, Document]) -> list[Finding]:
    """Checks each raw result against the result contract and locates it in its file."""
    findings = []
    for item in raw:
        doc, level, pointer = _checked(item, documents)
        located, position = doc.locate(pointer)
        findings.append(
            Finding(
                rule_id=item["rule"],
                level=level,
                message=item["message"],
                path=doc.relpath,
                position=position,
                pointer=located,
                vendor=doc.vendor,
            )
        )
    return findings


def _checked(item: Any, documents: Mapping[str, Document]) -> tuple[Document, Level, str]:
    if not isinstance(item, dict):
        raise _contract(item, "a result must be an object")
    rule = item.get("rule")
    if not isinstance(rule, str) or not RULE_ID.match(rule):
        raise _contract(item, "`rule` must be an id like ABC-001")
    try:
        level = Level(str(item.get("level")))
    except ValueError:
        raise _contract(item, "`level` must be error, warning or note") from None
    if not isinstance(item.get("message"), str) or not item["message"].strip():
        raise _contract(item, "`message` must be a non-empty string")
    doc = documents.get(item.get("doc"))  # type: ignore[arg-type]
    if doc is None:
        raise _contract(item, "`doc` must be the id of a document in the input")
    pointer = item.get("pointer", "")
    if not isinstance(pointer, str) or (pointer and not pointer.startswith("/")):
        raise _contract(item, "`pointer` must be a JSON pointer such as /a/b")
    return doc, level, pointer


def _contract(item: Any, problem: str) -> PolicyError:
    rule = item.get("rule") if isinstance(item, dict) else None
    who = f"rule {rule}" if isinstance(rule, str) else "a policy"
    return PolicyError(
        f"{who} returned a result that breaks the result contract ({problem});"
        " fix the policy (see docs/policy-contract.md)"
    )
