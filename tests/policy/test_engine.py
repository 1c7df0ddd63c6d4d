"""The policy-engine seam: a run stops the engine on every path, and reuses an early-started OPA."""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from support import AS_OF, OPA
from vendorgate import pipeline, stream
from vendorgate.errors import EngineError, PolicyError, UsageError
from vendorgate.model import Dossier
from vendorgate.policy import engine as policy_engine
from vendorgate.policy.client import ServedBundle
from vendorgate.policy.engine import EngineSettings, LocalOpa, RemoteOpa
from vendorgate.policy.opa_process import ManagedOpa

SETTINGS = EngineSettings(binary=str(OPA))


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[subprocess.Popen[bytes]]:
    """Every OPA process the engine starts during the test."""
    processes: list[subprocess.Popen[bytes]] = []
    real = policy_engine.start_managed

    def recording(binary: str | None, startup_timeout: float) -> ManagedOpa:
        server = real(binary, startup_timeout)
        assert server.process is not None
        processes.append(server.process)
        return server

    monkeypatch.setattr(policy_engine, "start_managed", recording)
    return processes


def config(repo: Path, *paths: Path) -> pipeline.RunConfig:
    return pipeline.RunConfig(paths=paths or (repo / "vendors",), root=repo, as_of=AS_OF, engine=SETTINGS)


def test_a_run_starts_one_opa_and_stops_it(clean_repo: Path, started: list[subprocess.Popen[bytes]]) -> None:
    report = pipeline.run(config(clean_repo))
    assert report.dossiers == ("clean-co",)
    (process,) = started
    assert process.poll() is not None


def test_an_early_started_opa_is_the_one_the_run_uses(
    clean_repo: Path, started: list[subprocess.Popen[bytes]]
) -> None:
    engine = LocalOpa(SETTINGS)
    engine.start()
    engine.start()
    (process,) = started
    assert process.poll() is None
    report = pipeline.run(config(clean_repo), engine)
    assert report.dossiers == ("clean-co",)
    assert len(started) == 1
    assert process.poll() is not None


def test_a_run_that_fails_stops_its_opa(repo: Path, started: list[subprocess.Popen[bytes]]) -> None:
    (repo / "vendors").mkdir()
    with pytest.raises(UsageError, match="no dossier documents under"):
        pipeline.run(config(repo))
    (process,) = started
    assert process.poll() is not None


def test_ctrl_c_during_a_run_stops_its_opa(
    clean_repo: Path, started: list[subprocess.Popen[bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(stream, "read_dossiers", interrupted)
    with pytest.raises(KeyboardInterrupt):
        pipeline.run(config(clean_repo))
    (process,) = started
    assert process.poll() is not None


def test_stopping_an_engine_never_started_or_twice_is_safe(started: list[subprocess.Popen[bytes]]) -> None:
    LocalOpa(SETTINGS).stop()
    RemoteOpa(EngineSettings(urls=("https://opa.invalid",))).stop()
    engine = LocalOpa(SETTINGS)
    engine.start()
    engine.stop()
    engine.stop()
    (process,) = started
    assert process.poll() is not None


def test_the_settings_choose_the_engine() -> None:
    assert isinstance(policy_engine.policy_engine(EngineSettings()), LocalOpa)
    assert isinstance(policy_engine.policy_engine(EngineSettings(urls=("https://opa.internal",))), RemoteOpa)


class Recording:
    """A PolicyEngine of the test's own: the run needs nothing else from an engine."""

    def __init__(self, fail: bool = False) -> None:
        self.calls: list[str] = []
        self.fail = fail

    def start(self) -> None:
        self.calls.append("start")

    def ready(self) -> None:
        self.calls.append("ready")

    def load(self, custom: Sequence[tuple[str, Path]], thresholds: Any) -> None:
        self.calls.append("load")

    def evaluate(self, as_of: str, dossiers: Sequence[Any]) -> list[Any]:
        self.calls.append(f"evaluate {as_of} {[d.vendor for d in dossiers]}")
        if self.fail:
            raise EngineError("the engine broke")
        first = dossiers[0].documents[0]
        return [{"rule": "DOS-001", "level": "warning", "message": "from the stand-in", "doc": first.id}]

    def stop(self) -> None:
        self.calls.append("stop")


def test_a_run_drives_an_engine_it_is_handed(clean_repo: Path) -> None:
    engine = Recording()
    report = pipeline.run(config(clean_repo), engine)
    assert engine.calls == ["start", "ready", "load", f"evaluate {AS_OF} ['clean-co']", "stop"]
    assert [(f.rule_id, f.message) for f in report.findings] == [("DOS-001", "from the stand-in")]


def test_an_engine_that_fails_is_stopped(clean_repo: Path) -> None:
    engine = Recording(fail=True)
    with pytest.raises(EngineError, match="the engine broke"):
        pipeline.run(config(clean_repo), engine)
    assert engine.calls[-1] == "stop"


class Server:
    """A stand-in connection that records how many of its requests are in flight at once."""

    def __init__(self, name: str, together: threading.Barrier, lock: threading.Lock) -> None:
        self.display = name
        self.batches: list[list[str]] = []
        self.in_flight = 0
        self.most = 0
        self._together = together
        self._lock = lock

    def evaluate(self, input_document: dict[str, Any]) -> tuple[list[Any], set[str]]:
        with self._lock:
            self.in_flight += 1
            self.most = max(self.most, self.in_flight)
            vendors = [d["vendor"] for d in input_document["dossiers"]]
            self.batches.append(vendors)
            first_wave = sum(len(s.batches) for s in FLEET) <= 6
        if first_wave:
            # The first six requests wait for each other: all six slots are busy at once.
            self._together.wait(timeout=30)
        with self._lock:
            self.in_flight -= 1
        assert input_document["thresholds"] == {"attestation_max_age_days": 30}
        return [{"vendors": vendors}], {"sha256:served"}


FLEET: list[Server] = []


def test_batches_spread_over_the_servers_two_in_flight_each() -> None:
    together, lock = threading.Barrier(6), threading.Lock()
    FLEET[:] = [Server(f"http://127.0.0.{n}:8181", together, lock) for n in (1, 2, 3)]
    dossiers = [
        Dossier(vendor=f"v{i:05d}", documents=(), valid=frozenset())
        for i in range(policy_engine.BATCH_SIZE * 12)
    ]
    raw = policy_engine._evaluate(
        FLEET,  # type: ignore[arg-type]
        AS_OF,
        dossiers,
        {"attestation_max_age_days": 30},
        "sha256:served",
    )
    # Every batch once, the results in the order of the dossiers, whoever answered them.
    assert [v for result in raw for v in result["vendors"]] == [d.vendor for d in dossiers]
    assert all(server.most == 2 for server in FLEET)
    assert all(len(server.batches) >= 2 for server in FLEET)


def test_an_answer_from_another_revision_stops_the_run() -> None:
    FLEET[:] = [Server("http://127.0.0.1:8181", threading.Barrier(1), threading.Lock())]
    dossiers = [Dossier(vendor="v1", documents=(), valid=frozenset())]
    with pytest.raises(PolicyError) as caught:
        policy_engine._evaluate(
            FLEET,  # type: ignore[arg-type]
            AS_OF,
            dossiers,
            {"attestation_max_age_days": 30},
            "sha256:local",
        )
    assert str(caught.value) == (
        "OPA at http://127.0.0.1:8181 answered from sha256:served, but the local policies are"
        " revision sha256:local; serve the bundle `vendorgate bundle` builds from them (docs/remote-opa.md)"
    )


class Listing:
    """A stand-in connection that lists the given bundles."""

    display = "https://opa.internal:8181"

    def __init__(self, *bundles: ServedBundle) -> None:
        self._bundles = list(bundles)

    def bundles(self) -> list[ServedBundle]:
        return self._bundles


OTHER = ServedBundle(name="authz", revision="r1", roots=("system",))


@pytest.mark.parametrize("roots", [("vendorgate", "vendorgate_profile"), ("vendorgate/rules",), ("",)])
def test_the_bundle_claiming_vendorgate_s_packages_is_the_one_checked(roots: tuple[str, ...]) -> None:
    policy_engine.check_revision(
        Listing(OTHER, ServedBundle(name="vg", revision="sha256:local", roots=roots)),  # type: ignore[arg-type]
        "sha256:local",
    )
    with pytest.raises(PolicyError) as caught:
        policy_engine.check_revision(
            Listing(OTHER, ServedBundle(name="vg", revision="sha256:old", roots=roots)),  # type: ignore[arg-type]
            "sha256:local",
        )
    assert str(caught.value) == (
        "OPA at https://opa.internal:8181 serves the bundle 'vg' of revision sha256:old, but the local"
        " policies are revision sha256:local; serve the bundle `vendorgate bundle` builds from them,"
        " or check out the policies the servers serve"
    )


@pytest.mark.parametrize(
    "bundles", [(), (OTHER,), (ServedBundle(name="x", revision="r", roots=("vendorgatex",)),)]
)
def test_a_server_without_a_vendorgate_bundle_is_refused(bundles: tuple[ServedBundle, ...]) -> None:
    with pytest.raises(PolicyError, match=r"serves no vendorgate bundle \(vendorgate uploads nothing\)"):
        policy_engine.check_revision(Listing(*bundles), "sha256:local")  # type: ignore[arg-type]
