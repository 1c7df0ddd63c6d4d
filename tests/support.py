"""Test helpers shared by every test module: paths, the CLI runner, dossier copies and edits."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples" / "vendors"
CLEAN = EXAMPLES / "northwind-ai"
AS_OF = "2026-12-01"
VENDORGATE = Path(sys.executable).parent / "vendorgate"
OPA = Path(sys.executable).parent / "opa"


@dataclass
class Run:
    """A finished `vendorgate` process."""

    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


def run_vendorgate(
    *args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 120
) -> Run:
    """Run the installed `vendorgate` command as a user would."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("VENDORGATE_")}
    full_env.update(env or {})
    done = subprocess.run(
        [str(VENDORGATE), *map(str, args)],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return Run(code=done.returncode, stdout=done.stdout, stderr=done.stderr)


def copy_dossier(repo: Path, vendor: str, source: Path = CLEAN) -> Path:
    """A copy of a dossier folder under vendors/<vendor> with its vendor id renamed."""
    target = repo / "vendors" / vendor
    shutil.copytree(source, target)
    for document in target.glob("*.yaml"):
        text = document.read_text(encoding="utf-8")
        document.write_text(text.replace("vendor: northwind-ai", f"vendor: {vendor}"), encoding="utf-8")
    return target


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact piece of a file; fails loudly when the piece is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    """The 1-based line of the first line containing `needle`."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def make_long_path(base: Path, length: int) -> Path:
    """Folders of 200-character names below `base` until the path is longer than `length`.

    Each is made relative to the one above (dir_fd), as no single path could name it.
    """
    name = "n" * 200
    fd = os.open(base, os.O_RDONLY)
    path = base
    try:
        while len(str(path)) <= length:
            os.mkdir(name, dir_fd=fd)
            inner = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
            path = path / name
    finally:
        os.close(fd)
    return path


def is_alive(pid: int) -> bool:
    """True while `pid` runs (a zombie waiting to be reaped counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def start_opa_server(*args: str | Path) -> tuple[subprocess.Popen[bytes], int]:
    """A real `opa run --server` on a free loopback port with `args` (e.g. `--bundle FILE`),
    not yet waited for: the caller waits for it to be ready and stops it."""
    from vendorgate.policy.opa_process import _free_port

    port = _free_port()
    process = subprocess.Popen(
        [
            str(OPA),
            "run",
            "--server",
            "--addr",
            f"127.0.0.1:{port}",
            "--log-level",
            "error",
            "--skip-version-check",
            *map(str, args),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return process, port


def wait_for_opa(port: int, timeout: float = 30) -> None:
    """Returns once the OPA server on `port` answers its health check."""
    from opa_client import OpaClient

    OpaClient(host="127.0.0.1", port=port).wait_for_ready(timeout=timeout, interval=0.05)
