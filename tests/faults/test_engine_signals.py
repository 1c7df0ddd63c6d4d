"""An interrupted run stops its managed OPA and exits 2; that OPA listens on 127.0.0.1 only.

`vendorgate check` runs on a generated input big enough to keep it loading for a while; once
its OPA child is up and listening, the test checks where it listens, sends SIGINT or SIGTERM,
and then checks that the run exited 2 with one error line and that the OPA is gone.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from support import AS_OF, VENDORGATE, is_alive

DEADLINE = 30.0
BULK_FILES = 40
VALUES_PER_FILE = 60_000


@pytest.fixture(scope="module")
def big_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Many large but valid-YAML files: loading them takes far longer than OPA's start."""
    repo = tmp_path_factory.mktemp("big-repo")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    items = ", ".join(["1"] * VALUES_PER_FILE)
    for index in range(BULK_FILES):
        folder = repo / "vendors" / f"bulk-{index:02d}"
        folder.mkdir(parents=True)
        (folder / "engagement.yaml").write_text(
            f"apiVersion: vendorgate/v1\nkind: Engagement\nvendor: bulk-{index:02d}\nnotes: [{items}]\n",
            encoding="utf-8",
        )
    return repo


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found.extend(int(c) for c in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def cmdline(pid: int) -> list[str]:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return []
    return [part.decode() for part in raw.split(b"\0") if part]


def listeners(port: int) -> list[str]:
    """Local addresses (hex, as /proc/net shows them) of sockets listening on `port`."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            rows = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            fields = row.split()
            address, port_hex = fields[1].rsplit(":", 1)
            if int(port_hex, 16) == port and fields[3] == "0A":
                found.append(address)
    return found


def wait_for(condition: object, what: str) -> object:
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        value = condition() if callable(condition) else None
        if value:
            return value
        time.sleep(0.01)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def running(big_repo: Path) -> Iterator[subprocess.Popen[str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VENDORGATE_")}
    process = subprocess.Popen(
        [str(VENDORGATE), "check", str(big_repo), "--as-of", AS_OF, "--format", "json"],
        cwd=big_repo,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=DEADLINE)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_an_interrupted_run_stops_its_opa_and_exits_2(running: subprocess.Popen[str], signum: int) -> None:
    def opa_child() -> int | None:
        for child in children(running.pid):
            args = cmdline(child)
            if len(args) > 2 and args[1:3] == ["run", "--server"]:
                return child
        return None

    opa = wait_for(opa_child, "the managed OPA to start")
    assert isinstance(opa, int)
    args = cmdline(opa)
    address = args[args.index("--addr") + 1]
    host, port = address.rsplit(":", 1)
    assert host == "127.0.0.1"
    # Listening, and only on 127.0.0.1 (0100007F in /proc/net/tcp's byte order).
    wait_for(lambda: listeners(int(port)), "OPA to listen")
    assert listeners(int(port)) == ["0100007F"]
    assert running.poll() is None, "the run ended before the signal; make the input bigger"

    running.send_signal(signum)
    stdout, stderr = running.communicate(timeout=DEADLINE)
    assert running.returncode == 2, stderr
    assert stderr.splitlines() == ["vendorgate: error: interrupted; nothing was checked"]
    assert stdout == ""
    wait_for(lambda: not is_alive(opa), "OPA to stop")
