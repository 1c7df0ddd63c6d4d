"""The policy-engine seam: what a run asks of a policy engine, and its two OPA implementations.

A run receives a PolicyEngine (the CLI builds one from the run's settings; a test can
hand in its own) and drives it: start, ready, load, evaluate, stop. LocalOpa is an OPA
process this run manages (policy.opa_process); RemoteOpa is a running server named by
--opa-url. Neither imports the HTTP client before it needs it: a LocalOpa starts before
the heavy imports.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from vendorgate.defaults import OPA_STARTUP_SECONDS, OPA_TIMEOUT_SECONDS
from vendorgate.errors import EngineError
from vendorgate.model import Dossier
from vendorgate.policy.contract import PROFILE_DATA_PATH, to_input
from vendorgate.policy.metadata import rego_files
from vendorgate.policy.opa_process import ManagedOpa, start_managed
from vendorgate.resources import policies_dir

if TYPE_CHECKING:
    from vendorgate.policy.client import OpaConnection

BATCH_SIZE = 100
REQUESTS_IN_FLIGHT = 2


@dataclass(frozen=True, kw_only=True, slots=True)
class EngineSettings:
    """How to reach OPA for one run."""

    url: str | None = None
    token: str | None = None
    allow_insecure: bool = False
    binary: str | None = None
    timeout: float = OPA_TIMEOUT_SECONDS
    startup_timeout: float = OPA_STARTUP_SECONDS

    @property
    def managed(self) -> bool:
        """True when the run starts its own OPA (no --opa-url)."""
        return not self.url


class PolicyEngine(Protocol):
    """What a run needs from a policy engine; stop() is safe to call on every path, twice."""

    def start(self) -> None:
        """Begin (a process, a connection); a second call does nothing."""

    def ready(self) -> None:
        """Return once the engine answers, or raise a VendorgateError saying why it cannot."""

    def load(self, custom: Sequence[tuple[str, Path]], thresholds: Mapping[str, Any]) -> None:
        """Hold the built-in and the (namespace, folder) custom policies, and the profile's data."""

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


def _load(
    connection: OpaConnection, modules: Sequence[tuple[str, Path]], thresholds: Mapping[str, Any]
) -> None:
    if modules:
        connection.load_policies([(mid, path, path.read_text(encoding="utf-8")) for mid, path in modules])
    connection.put_data(PROFILE_DATA_PATH, {"thresholds": dict(thresholds)})


def _evaluate(connection: OpaConnection, as_of: str, dossiers: Sequence[Dossier]) -> list[Any]:
    """Every dossier in batches, two requests in flight so OPA uses both cores."""
    batches = [dossiers[i : i + BATCH_SIZE] for i in range(0, len(dossiers), BATCH_SIZE)]

    def one(batch: Sequence[Dossier]) -> list[Any]:
        return connection.evaluate(to_input(as_of, batch))

    raw: list[Any] = []
    if len(batches) < 2:
        for batch in batches:
            raw.extend(one(batch))
        return raw
    with ThreadPoolExecutor(max_workers=REQUESTS_IN_FLIGHT) as pool:
        for part in pool.map(one, batches):
            raw.extend(part)
    return raw


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
        """Upload the custom modules and set the thresholds.

        The built-in files were on OPA's command line: it does not start when one
        fails to compile, and evaluation fails without the entrypoint.
        """
        _load(self._live()[1], policy_modules(custom), thresholds)

    def evaluate(self, as_of: str, dossiers: Sequence[Dossier]) -> list[Any]:
        server, client = self._live()
        try:
            return _evaluate(client, as_of, dossiers)
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
    """A running OPA server (--opa-url): every policy module is uploaded through the client."""

    def __init__(self, settings: EngineSettings) -> None:
        self.settings = settings
        self._client: OpaConnection | None = None

    def start(self) -> None:
        self._live()

    def _live(self) -> OpaConnection:
        if self._client is None:
            from vendorgate.policy.client import parse_url

            settings = self.settings
            host, port, tls = parse_url(settings.url or "", allow_insecure=settings.allow_insecure)
            self._client = _connection(
                host=host, port=port, tls=tls, token=settings.token, timeout=settings.timeout
            )
        return self._client

    def ready(self) -> None:
        # A server this run did not start: its first request says whether it answers.
        self._live()

    def load(self, custom: Sequence[tuple[str, Path]], thresholds: Mapping[str, Any]) -> None:
        _load(self._live(), policy_modules([("builtin", policies_dir()), *custom]), thresholds)

    def evaluate(self, as_of: str, dossiers: Sequence[Dossier]) -> list[Any]:
        return _evaluate(self._live(), as_of, dossiers)

    def stop(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            client.close()
