"""The policy-engine seam: a run stops the engine on every path, and reuses an early-started OPA."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from support import AS_OF, OPA
from vendorgate import pipeline, stream
from vendorgate.errors import EngineError, UsageError
from vendorgate.policy import engine as policy_engine
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
    RemoteOpa(EngineSettings(url="https://opa.invalid")).stop()
    engine = LocalOpa(SETTINGS)
    engine.start()
    engine.stop()
    engine.stop()
    (process,) = started
    assert process.poll() is not None


def test_the_settings_choose_the_engine() -> None:
    assert isinstance(policy_engine.policy_engine(EngineSettings()), LocalOpa)
    assert isinstance(policy_engine.policy_engine(EngineSettings(url="https://opa.internal")), RemoteOpa)


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
