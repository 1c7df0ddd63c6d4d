"""The one owner of the managed OPA process: find it, check its version, start it early, always stop it."""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from shutil import which
from types import TracebackType
from typing import IO

from vendorgate.defaults import OPA_STARTUP_SECONDS
from vendorgate.errors import EngineError, PolicyError
from vendorgate.policy.metadata import rego_files
from vendorgate.resources import policies_dir

REQUIRED_VERSION = "1.22.3"
_VERSION = re.compile(r"^Version:\s*(\S+)", re.MULTILINE)
_PR_SET_PDEATHSIG = 1
_KEPT_ENVIRONMENT = ("PATH", "TZ", "LANG", "LC_ALL")
_REGO_ERROR = re.compile(r"(\S+\.rego:\d+): rego_\w+_error: (.*)")


def find_opa(explicit: str | None = None) -> Path:
    """The OPA binary: --opa-binary, $VENDORGATE_OPA_BINARY, beside Python (a venv), or PATH."""
    for candidate in (explicit, os.environ.get("VENDORGATE_OPA_BINARY")):
        if candidate:
            path = Path(candidate)
            if path.is_file() and os.access(path, os.X_OK):
                return path
            raise EngineError(
                f"the OPA binary {candidate} does not exist or is not executable;"
                " fix --opa-binary/VENDORGATE_OPA_BINARY or run `make setup`"
            )
    beside = Path(sys.executable).parent / "opa"
    if beside.is_file() and os.access(beside, os.X_OK):
        return beside
    found = which("opa")
    if found:
        return Path(found)
    raise EngineError(
        f"OPA is not installed: run `make setup`, or install OPA {REQUIRED_VERSION} on PATH,"
        " or pass --opa-url to use a running OPA server"
    )


def check_version(binary: Path) -> None:
    """Refuse an OPA whose version is not the one the policies are tested on."""
    try:
        done = subprocess.run(
            [str(binary), "version"], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise EngineError(f"the OPA binary {binary} could not run ({exc}); reinstall it") from exc
    match = _VERSION.search(done.stdout)
    version = match.group(1) if match else "unknown"
    if done.returncode != 0 or version.lstrip("v") != REQUIRED_VERSION:
        raise EngineError(
            f"{binary} is OPA {version}, but vendorgate needs OPA {REQUIRED_VERSION};"
            " run `make setup` or pass --opa-binary"
        )


def _die_with_parent() -> None:
    # Linux only: the kernel stops OPA if vendorgate itself is killed, so no
    # orphan survives even a SIGKILL that skips every cleanup path.
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def _opa_environment() -> dict[str, str]:
    # Policies can read OPA's environment (opa.runtime().env): the managed OPA
    # gets none of vendorgate's, so no CI secret or token is within their reach.
    return {name: os.environ[name] for name in _KEPT_ENVIRONMENT if name in os.environ}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class ManagedOpa:
    """An `opa run --server` bound to 127.0.0.1 for the length of a `with` block."""

    def __init__(
        self, binary: Path, *, startup_timeout: float = OPA_STARTUP_SECONDS, policy_files: Sequence[Path] = ()
    ) -> None:
        self.binary = binary
        self.startup_timeout = startup_timeout
        # Loading the files at start compiles them once, while Python loads the
        # dossiers; uploading module by module recompiles everything per upload.
        self.policy_files = tuple(policy_files)
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> ManagedOpa:
        if self.process is None:
            self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def start(self) -> None:
        # An anonymous temp file (no name on disk) keeps OPA's output for the
        # error message without a pipe that could fill up and block it. OPA
        # prints start-up errors (a policy that does not compile) on stdout.
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in stop()
        self.port = _free_port()
        command = [
            str(self.binary),
            "run",
            "--server",
            "--addr",
            f"127.0.0.1:{self.port}",
            "--log-level",
            "error",
            "--skip-version-check",
            *(str(p) for p in self.policy_files),
        ]
        try:
            self.process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=self._log,
                stderr=self._log,
                env=_opa_environment(),
                preexec_fn=_die_with_parent,  # noqa: PLW1509 - single-threaded at this point
            )
        except OSError as exc:
            self.stop()
            raise EngineError(f"OPA could not start ({exc}); run `make setup`") from exc

    def wait_ready(self, probe: object) -> None:
        """Poll `probe()` (a health check) until it is true, OPA exits, or time runs out."""
        deadline = time.monotonic() + self.startup_timeout
        delay = 0.005
        while True:
            if self.process is not None and self.process.poll() is not None:
                compile_error = self._compile_error()
                if compile_error:
                    raise PolicyError(f"{compile_error}; fix the policy")
                raise EngineError(
                    f"OPA exited with status {self.process.returncode} while starting"
                    f"{self._stderr_tail()}; check the OPA installation (`make setup`)"
                )
            if callable(probe) and probe():
                return
            if time.monotonic() >= deadline:
                raise EngineError(
                    f"OPA did not become ready within {self.startup_timeout:g} s;"
                    " raise --opa-startup-timeout or check the machine's load"
                )
            time.sleep(delay)
            delay = min(delay * 2, 0.05)

    def exited(self, grace: float = 0.5) -> int | None:
        """OPA's exit status if it has stopped (waiting up to `grace` s for a dying one), else None.

        Called after a failed request: a killed OPA closes its sockets a moment
        before it can be reaped, so without the wait its death would be missed.
        """
        if self.process is None:
            return None
        try:
            return self.process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            return None

    def _compile_error(self) -> str | None:
        if self._log is None:
            return None
        self._log.seek(0)
        for line in self._log.read()[-4000:].decode("utf-8", "replace").splitlines():
            match = _REGO_ERROR.search(line)
            if match:
                return f"{match.group(1)}: the policy does not compile: {match.group(2).strip()}"
        return None

    def _stderr_tail(self) -> str:
        if self._log is None:
            return ""
        self._log.seek(0)
        lines = [
            line.strip()
            for line in self._log.read()[-4000:].decode("utf-8", "replace").splitlines()
            if line.strip() and not line.startswith("Flag --")
        ]
        # The line that says what went wrong, not a deprecation notice after it.
        errors = [line for line in lines if "error" in line.lower()]
        chosen = (errors or lines or [""])[-1]
        return f" ({chosen[:200]})" if chosen else ""

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=3)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._log is not None:
            self._log.close()
            self._log = None


def start_managed(binary: str | None, startup_timeout: float) -> ManagedOpa:
    """A started (not yet ready) OPA holding the built-in policies; the caller stops it.

    The CLI calls this before it imports the rest of vendorgate: OPA compiles the
    policies (about half a second) while Python imports and loads the dossiers,
    instead of after. So this module imports nothing heavy (no HTTP client).
    """
    path = find_opa(binary)
    check_version(path)
    server = ManagedOpa(path, startup_timeout=startup_timeout, policy_files=rego_files([policies_dir()]))
    server.start()
    return server
