"""vendorgate on a fleet of real OPA 1.22.3 servers fed by the bundle `vendorgate bundle` builds.

Three servers: two load the bundle file (`--bundle`), the third pulls it from a small HTTP
bundle service through OPA's own `services`/`bundles` configuration, as a fleet is fed in
production. Runs spread over all three must find what the managed OPA finds; concurrent runs
with different profiles must never mix; a fleet on another revision and a server that trickles
its answer must stop the run (exit 2).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from support import AS_OF, EXAMPLES, REPO, VENDORGATE, run_vendorgate, start_opa_server
from vendorgate.policy.bundle import policy_revision
from vendorgate.policy.opa_process import _free_port

CUSTOM = REPO / "examples" / "custom-policy"
STRICT = "thresholds:\n  attestation_max_age_days: 30\n  breach_notification_max_hours: 24\n"
# Concurrent pairs of runs with different profiles, all 60 processes at once, as the issue
# asks: about 37 s on the 2 shared cores (10 pairs: about 20 s).
PAIRS = 30
READY_WITHIN = 30.0


@dataclass
class Fleet:
    urls: list[str]
    bundle_revision: str
    profiles: dict[str, Path]


def _wait_until(url: str, what: str, process: subprocess.Popen[bytes]) -> None:
    """Poll `url` until it answers 200 (OPA's /health?bundles: every bundle activated)."""
    deadline = time.monotonic() + READY_WITHIN
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{what} exited with status {process.returncode} while starting")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.05)
    pytest.fail(f"{what} was not ready within {READY_WITHIN:g} s")


def _opa(*args: str) -> tuple[subprocess.Popen[bytes], str]:
    process, port = start_opa_server(*args)
    return process, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def fleet(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fleet]:
    folder = tmp_path_factory.mktemp("fleet")
    bundle = folder / "served" / "vendorgate.tar.gz"
    bundle.parent.mkdir()
    built = run_vendorgate("bundle", "-o", bundle, cwd=folder)
    assert built.code == 0, built.stderr
    revision = policy_revision()
    assert revision in built.stdout

    processes: list[subprocess.Popen[bytes]] = []
    try:
        urls = []
        for _ in range(2):
            process, url = _opa("--bundle", str(bundle))
            processes.append(process)
            urls.append(url)

        service_port = _free_port()
        service = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(service_port), "--bind", "127.0.0.1"],
            cwd=bundle.parent,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        processes.append(service)
        _wait_until(f"http://127.0.0.1:{service_port}/vendorgate.tar.gz", "the bundle service", service)
        config = folder / "opa-config.yaml"
        config.write_text(
            "services:\n"
            "  bundle-service:\n"
            f"    url: http://127.0.0.1:{service_port}\n"
            "bundles:\n"
            "  vendorgate:\n"
            "    service: bundle-service\n"
            "    resource: vendorgate.tar.gz\n"
            "    polling:\n"
            "      min_delay_seconds: 60\n"
            "      max_delay_seconds: 120\n",
            encoding="utf-8",
        )
        process, url = _opa("--config-file", str(config))
        processes.append(process)
        urls.append(url)

        for process, url in zip(processes[:2] + processes[3:], urls, strict=True):
            _wait_until(f"{url}/health?bundles", f"the OPA at {url}", process)

        profiles = {"default": folder / "default.yaml", "strict": folder / "strict.yaml"}
        profiles["default"].write_text("{}\n", encoding="utf-8")
        profiles["strict"].write_text(STRICT, encoding="utf-8")
        yield Fleet(urls=urls, bundle_revision=revision, profiles=profiles)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=10)


def _check(*args: str | Path) -> list[str | Path]:
    return [str(VENDORGATE), "check", EXAMPLES, "--as-of", AS_OF, "--format", "json", *args]


def _findings(stdout: str) -> list[Any]:
    report = json.loads(stdout)
    assert report["execution_successful"] is True
    return list(report["findings"])


def test_the_pulled_bundle_is_the_one_vendorgate_built(fleet: Fleet) -> None:
    with urllib.request.urlopen(f"{fleet.urls[2]}/v1/data/system/bundles", timeout=10) as answer:
        served = json.load(answer)["result"]
    assert served["vendorgate"]["manifest"]["revision"] == fleet.bundle_revision


def test_the_fleet_finds_what_the_managed_opa_finds(fleet: Fleet) -> None:
    managed = run_vendorgate("check", EXAMPLES, "--as-of", AS_OF, "--format", "json", cwd=REPO)
    assert managed.code == 1, managed.stderr
    remote = run_vendorgate(
        "check", EXAMPLES, "--as-of", AS_OF, "--format", "json", "--opa-url", ",".join(fleet.urls), cwd=REPO
    )
    assert remote.code == 1, remote.stderr
    assert _findings(remote.stdout) == _findings(managed.stdout)
    # Each server alone, given as repeated --opa-url or one at a time, answers the same.
    for url in fleet.urls:
        alone = run_vendorgate(
            "check", EXAMPLES, "--as-of", AS_OF, "--format", "json", "--opa-url", url, cwd=REPO
        )
        assert _findings(alone.stdout) == _findings(managed.stdout), url


def test_concurrent_runs_with_different_profiles_never_mix(fleet: Fleet) -> None:
    urls = [arg for url in fleet.urls for arg in ("--opa-url", url)]
    solo = {}
    for name, profile in fleet.profiles.items():
        done = subprocess.run(
            _check("--config", profile, *urls),
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 1, done.stderr
        solo[name] = _findings(done.stdout)
    # The strict profile must find more, or the test could not see a mix-up.
    assert len(solo["strict"]) > len(solo["default"])

    # Each run's one batch goes to a server drawn at random: the pairs land on all three.
    runs = [
        (
            name,
            subprocess.Popen(_check("--config", profile, *urls), cwd=REPO, stdout=subprocess.PIPE, text=True),
        )
        for _ in range(PAIRS)
        for name, profile in fleet.profiles.items()
    ]
    for name, process in runs:
        stdout, _ = process.communicate(timeout=300)
        assert process.returncode == 1, name
        assert _findings(stdout) == solo[name], name


def test_a_fleet_on_another_revision_is_refused_naming_both(fleet: Fleet) -> None:
    # The example's profile adds custom policies: the fleet serves the built-in bundle only.
    local = policy_revision([CUSTOM / "policies" / "org"])
    run = run_vendorgate(
        "check",
        "--root",
        CUSTOM,
        "--config",
        CUSTOM / "vendorgate.yaml",
        *("--as-of", AS_OF, "--format", "json", "--opa-url", ",".join(fleet.urls)),
        cwd=CUSTOM,
    )
    assert run.code == 2, run.stderr
    (line,) = run.stderr.splitlines()
    assert line.startswith("vendorgate: error: OPA at http://127.0.0.1:"), line
    assert fleet.bundle_revision in line
    assert local in line
    assert "`vendorgate bundle`" in line


def test_a_trickling_server_is_cut_off_at_the_deadline(fleet: Fleet) -> None:
    from faults.fault_standin import StandIn, trickle

    # The stand-in lists the right bundle, then sends its answer a byte at a time. It is the
    # only server: a run that reached it must be cut off, however its batches were spread.
    server = StandIn(trickle)
    try:
        started = time.monotonic()
        run = run_vendorgate(
            "check",
            EXAMPLES,
            "--as-of",
            AS_OF,
            "--format",
            "json",
            "--opa-timeout",
            "2",
            *("--opa-url", server.url),
            cwd=REPO,
        )
        elapsed = time.monotonic() - started
    finally:
        server.stop()
    assert run.code == 2, run.stderr
    assert f"OPA at {server.url} did not send a whole answer within 2 s" in run.stderr
    assert json.loads(run.stdout)["execution_successful"] is False
    assert elapsed < 30
