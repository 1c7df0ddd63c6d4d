"""The policy-engine seam: what a run asks of a policy engine, and its two OPA implementations.

A run receives a PolicyEngine (the CLI builds one from the run's settings; a test can
hand in its own) and drives it: start, ready, load, evaluate, stop. LocalOpa is an OPA
process this run manages (policy.opa_process); RemoteOpa is one or more running servers
named by --opa-url, serving the policies as a bundle built by `vendorgate bundle`: a run
writes nothing into them. Neither imports the HTTP client before it needs it: a LocalOpa
starts before the heavy imports. Both send the profile's thresholds in every query's input.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from queue import SimpleQueue
from typing import TYPE_CHECKING, Any, Protocol

from vendorgate.defaults import OPA_STARTUP_SECONDS, OPA_TIMEOUT_SECONDS
from vendorgate.errors import EngineError, PolicyError
from vendorgate.model import Dossier
from vendorgate.policy.contract import to_input
from vendorgate.policy.metadata import rego_files
from vendorgate.policy.opa_process import ManagedOpa, start_managed

if TYPE_CHECKING:
    from vendorgate.policy.client import OpaConnection

BATCH_SIZE = 100
REQUESTS_IN_FLIGHT = 2


@dataclass(frozen=True, kw_only=True, slots=True)
class EngineSettings:
    """How to reach OPA for one run."""

    urls: tuple[str, ...] = ()
    """The OPA servers of --opa-url; none for a managed OPA."""
    token: str | None = None
    allow_insecure: bool = False
    binary: str | None = None
    timeout: float = OPA_TIMEOUT_SECONDS
    startup_timeout: float = OPA_STARTUP_SECONDS

    @property
    def managed(self) -> bool:
        """True when the run starts its own OPA (no --opa-url)."""
        return not self.urls


class PolicyEngine(Protocol):
    """What a run needs from a policy engine; stop() is safe to call on every path, twice."""

    def start(self) -> None:
        """Begin (a process, a connection); a second call does nothing."""

    def ready(self) -> None:
        """Return once the engine answers, or raise a VendorgateError saying why it cannot."""

    def load(self, custom: Sequence[tuple[str, Path]], thresholds: Mapping[str, Any]) -> None:
        """Hold the built-in and the (namespace, folder) custom policies; keep the thresholds.

        The thresholds are never written to the engine: evaluate() sends them in every
        query's input (policy/contract.to_input).
        """

    def evaluate(self, as_of: str, dossiers: Sequence[Dossier]) -> list[Any]:
        """The raw results of every dossier (policy/contract.to_findings checks them)."""

    def stop(self) -> None:
        """Release everything the engine holds."""


def policy_engine(settings: EngineSettings) -> PolicyEngine:
    """The engine the settings name: a remote server for --opa-url, else a managed OPA."""
    return LocalOpa(settings) if settings.managed else RemoteOpa(settings)


def policy_modules(folders: Sequence[tuple[str, Path]]) -> list[tuple[str, Path]]:
    """(module id, file) of every policy file of each (namespace, folder)."""
    return [
        (f"vendorgate/{namespace}/{path.relative_to(folder).as_posix()}", path)
        for namespace, folder in folders
        for path in rego_files([folder])
    ]


def _evaluate(
    connections: Sequence[OpaConnection],
    as_of: str,
    dossiers: Sequence[Dossier],
    thresholds: Mapping[str, Any],
    revision: str | None = None,
) -> list[Any]:
    """Every dossier in batches, spread over the servers with two requests in flight on each.

    A free slot (a server and one of its two places) takes the next batch, so a faster
    server takes more batches; the first batch goes to a server drawn at random. With
    `revision`, every answer must come from a bundle of that revision (its provenance
    says so), else the run stops.
    """
    batches = [dossiers[i : i + BATCH_SIZE] for i in range(0, len(dossiers), BATCH_SIZE)]
    slots: SimpleQueue[OpaConnection] = SimpleQueue()
    # A random first server: runs of one batch (a pre-commit hook) spread over the fleet too.
    first = random.randrange(len(connections))  # noqa: S311 - load spreading, not security
    for connection in [*connections[first:], *connections[:first]]:
        for _ in range(REQUESTS_IN_FLIGHT):
            slots.put(connection)

    def one(batch: Sequence[Dossier]) -> list[Any]:
        connection = slots.get()
        try:
            results, revisions = connection.evaluate(to_input(as_of, batch, thresholds))
        finally:
            slots.put(connection)
        if revision is not None and revision not in revisions:
            raise PolicyError(_answered_from(connection.display, sorted(revisions), revision))
        return results

    raw: list[Any] = []
    if len(batches) < 2:
        for batch in batches:
            raw.extend(one(batch))
        return raw
    pool = ThreadPoolExecutor(max_workers=min(len(batches), len(connections) * REQUESTS_IN_FLIGHT))
    try:
        for part in pool.map(one, batches):
            raw.extend(part)
    finally:
        # After a failure the batches not yet sent are dropped: the run exits 2 anyway.
        pool.shutdown(wait=True, cancel_futures=True)
    return raw


def _answered_from(display: str, revisions: Sequence[str], local: str) -> str:
    served = " and ".join(revisions) if revisions else "no bundle revision"
    return (
        f"OPA at {display} answered from {served}, but the local policies are revision {local};"
        " serve the bundle `vendorgate bundle` builds from them (docs/remote-opa.md)"
    )


def _claims_vendorgate(root: str) -> bool:
    """A bundle root that holds vendorgate's packages: all data, `vendorgate`, or a path under it."""
    return root.strip("/") in ("", "vendorgate") or root.startswith("vendorgate/")


def check_revision(connection: OpaConnection, local: str) -> None:
    """Refuse a server that serves no vendorgate bundle, or one of another revision."""
    ours = [b for b in connection.bundles() if any(_claims_vendorgate(root) for root in b.roots)]
    if not ours:
        raise PolicyError(
            f"OPA at {connection.display} serves no vendorgate bundle (vendorgate uploads nothing);"
            " build one with `vendorgate bundle` and load it into the server (docs/remote-opa.md)"
        )
    for bundle in ours:
        if bundle.revision != local:
            raise PolicyError(
                f"OPA at {connection.display} serves the bundle {bundle.name!r} of revision"
                f" {bundle.revision or '(none)'}, but the local policies are revision {local};"
                " serve the bundle `vendorgate bundle` builds from them, or check out the policies"
                " the servers serve"
            )


def _connection(**kwargs: Any) -> OpaConnection:
    # Imported here: the HTTP client (requests, opa_client) is the slow import that
    # a managed OPA's early start must not wait for.
    from vendorgate.policy.client import OpaConnection

    return OpaConnection(**kwargs)


class LocalOpa:
    """An OPA process this run starts with the built-in policies, and always stops."""

    def __init__(self, settings: EngineSettings) -> None:
        self.settings = settings
        # The managed process, once started (early by the CLI, else by the run).
        self.server: ManagedOpa | None = None
        self._client: OpaConnection | None = None
        self._thresholds: dict[str, Any] = {}

    def start(self) -> None:
        self._started()

    def _started(self) -> ManagedOpa:
        if self.server is None:
            self.server = start_managed(self.settings.binary, self.settings.startup_timeout)
        return self.server

    def _live(self) -> tuple[ManagedOpa, OpaConnection]:
        server = self._started()
        if self._client is None:
            self._client = _connection(host="127.0.0.1", port=server.port, timeout=self.settings.timeout)
        return server, self._client

    def ready(self) -> None:
        server, client = self._live()
        server.wait_ready(client.healthy)

    def load(self, custom: Sequence[tuple[str, Path]], thresholds: Mapping[str, Any]) -> None:
        """Upload the custom modules into this run's own OPA; keep the thresholds for the input.

        The built-in files were on OPA's command line: it does not start when one
        fails to compile, and evaluation fails without the entrypoint.
        """
        modules = policy_modules(custom)
        if modules:
            self._live()[1].load_policies(
                [(mid, path, path.read_text(encoding="utf-8")) for mid, path in modules]
            )
        self._thresholds = dict(thresholds)

    def evaluate(self, as_of: str, dossiers: Sequence[Dossier]) -> list[Any]:
        server, client = self._live()
        try:
            return _evaluate([client], as_of, dossiers, self._thresholds)
        except EngineError:
            status = server.exited()
            if status is not None:
                raise EngineError(
                    f"OPA stopped (status {status}) during evaluation;"
                    " nothing was checked: run again, and check memory limits"
                ) from None
            raise

    def stop(self) -> None:
        client, self._client = self._client, None
        server = self.server
        try:
            if client is not None:
                client.close()
        finally:
            if server is not None:
                server.stop()


class RemoteOpa:
    """Running OPA servers (--opa-url) serving vendorgate's bundle: read, checked, never written."""

    def __init__(self, settings: EngineSettings) -> None:
        self.settings = settings
        self._clients: list[OpaConnection] = []
        self._thresholds: dict[str, Any] = {}
        self._revision: str | None = None

    def start(self) -> None:
        self._live()

    def _live(self) -> list[OpaConnection]:
        if not self._clients:
            from vendorgate.policy.client import parse_url

            settings = self.settings
            # Every URL is checked before any connection: a bad one costs no request.
            parsed = [parse_url(url, allow_insecure=settings.allow_insecure) for url in settings.urls]
            self._clients = [
                _connection(host=host, port=port, tls=tls, token=settings.token, timeout=settings.timeout)
                for host, port, tls in parsed
            ]
        return self._clients

    def ready(self) -> None:
        # Servers this run did not start: their first request says whether they answer.
        self._live()

    def load(self, custom: Sequence[tuple[str, Path]], thresholds: Mapping[str, Any]) -> None:
        """Check that every server serves the bundle of exactly these policies; upload nothing."""
        from vendorgate.policy.bundle import policy_revision

        self._revision = policy_revision([folder for _, folder in custom])
        for connection in self._live():
            check_revision(connection, self._revision)
        self._thresholds = dict(thresholds)

    def evaluate(self, as_of: str, dossiers: Sequence[Dossier]) -> list[Any]:
        if self._revision is None:
            raise EngineError("the servers' bundle revision was not checked before evaluating")
        return _evaluate(self._live(), as_of, dossiers, self._thresholds, self._revision)

    def stop(self) -> None:
        clients, self._clients = self._clients, []
        for client in clients:
            client.close()
