"""The OPA process owner: which binary, which version, and that the process never outlives vendorgate."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from support import OPA, is_alive
from vendorgate.errors import EngineError
from vendorgate.policy.opa_process import REQUIRED_VERSION, check_version, find_opa, start_managed


def fake_opa(folder: Path, body: str) -> Path:
    """An executable `opa` that is a shell script with `body`: a binary OPA cannot be made to be."""
    path = folder / "opa"
    path.write_text("#!/bin/sh\n" + textwrap.dedent(body), encoding="utf-8")
    path.chmod(0o755)
    return path


# -- finding the binary ---------------------------------------------------------------------


def test_the_opa_beside_python_is_found_without_configuration(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VENDORGATE_OPA_BINARY", raising=False)
    assert find_opa() == OPA


@pytest.mark.parametrize("how", ["--opa-binary", "VENDORGATE_OPA_BINARY"])
def test_a_named_binary_that_is_missing_or_not_executable_is_refused(
    how: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    not_executable = tmp_path / "opa"
    not_executable.write_text("#!/bin/sh\n", encoding="utf-8")
    for candidate in (tmp_path / "missing" / "opa", not_executable):
        explicit = str(candidate) if how == "--opa-binary" else None
        if how == "VENDORGATE_OPA_BINARY":
            monkeypatch.setenv("VENDORGATE_OPA_BINARY", str(candidate))
        with pytest.raises(EngineError) as caught:
            find_opa(explicit)
        assert str(caught.value) == (
            f"the OPA binary {candidate} does not exist or is not executable;"
            " fix --opa-binary/VENDORGATE_OPA_BINARY or run `make setup`"
        )


def test_an_explicit_binary_wins_over_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VENDORGATE_OPA_BINARY", str(tmp_path / "missing"))
    assert find_opa(str(OPA)) == OPA


def test_no_opa_anywhere_says_how_to_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VENDORGATE_OPA_BINARY", raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(EngineError) as caught:
        find_opa()
    assert str(caught.value) == (
        f"OPA is not installed: run `make setup`, or install OPA {REQUIRED_VERSION} on PATH,"
        " or pass --opa-url to use a running OPA server"
    )


def test_an_opa_on_path_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VENDORGATE_OPA_BINARY", raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    monkeypatch.setenv("PATH", str(OPA.parent))
    assert find_opa() == OPA


# -- the version check -------------------------------------------------------------------


def test_the_pinned_version_is_accepted() -> None:
    check_version(OPA)


@pytest.mark.parametrize(
    ("body", "shown"),
    [
        ('echo "Version: 0.70.0"', "0.70.0"),
        ('echo "Version: v1.22.4"', "v1.22.4"),
        ('echo "Version: 1.22.30"', "1.22.30"),
        ('echo "no version here"', "unknown"),
        # The right words but a failed command is not a usable OPA either.
        ('echo "Version: 1.22.3"; exit 3', "1.22.3"),
    ],
)
def test_another_version_is_refused(tmp_path: Path, body: str, shown: str) -> None:
    binary = fake_opa(tmp_path, body + "\n")
    with pytest.raises(EngineError) as caught:
        check_version(binary)
    assert str(caught.value) == (
        f"{binary} is OPA {shown}, but vendorgate needs OPA 1.22.3; run `make setup` or pass --opa-binary"
    )


def test_a_binary_that_cannot_run_is_refused(tmp_path: Path) -> None:
    binary = tmp_path / "opa"
    binary.write_bytes(b"\x7fELF not really")
    binary.chmod(0o755)
    with pytest.raises(
        EngineError, match=rf"the OPA binary {re.escape(str(binary))} could not run .*; reinstall it"
    ):
        check_version(binary)


def test_a_refused_version_starts_no_process(tmp_path: Path) -> None:
    marker = tmp_path / "started"
    binary = fake_opa(tmp_path, f'[ "$1" = version ] && echo "Version: 0.1.0" && exit 0\ntouch {marker}\n')
    with pytest.raises(EngineError, match=r"is OPA 0\.1\.0"):
        start_managed(str(binary), 5)
    assert not marker.exists()


# -- the process --------------------------------------------------------------------------


def test_stop_ends_the_process_and_is_safe_twice() -> None:
    server = start_managed(str(OPA), 15)
    process = server.process
    assert process is not None
    assert process.poll() is None
    server.stop()
    assert process.poll() is not None
    server.stop()
    assert server.exited() is None


def test_opa_dies_with_a_killed_vendorgate(tmp_path: Path) -> None:
    # SIGKILL skips every cleanup path; the kernel still stops OPA (PR_SET_PDEATHSIG).
    script = (
        "import sys, time\n"
        "from vendorgate.policy.opa_process import start_managed\n"
        f"server = start_managed({str(OPA)!r}, 15)\n"
        "print(server.process.pid, flush=True)\n"
        "time.sleep(120)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None
        opa = int(parent.stdout.readline())
        assert is_alive(opa)
    finally:
        parent.kill()
        parent.wait()
    deadline = time.monotonic() + 20
    while is_alive(opa) and time.monotonic() < deadline:
        time.sleep(0.02)
    if is_alive(opa):  # pragma: no cover - the failure this test exists for
        os.kill(opa, signal.SIGKILL)
        pytest.fail("OPA outlived the vendorgate process that started it")
