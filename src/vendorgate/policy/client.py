"""The adapter over opa-python-client: reads bundles, loads policies, evaluates, maps every failure.

Every request has a whole-answer deadline (the timeout): the call runs in a daemon thread
and the caller stops waiting at the deadline, so a server that trickles bytes (each read
within the client's per-read timeout) cannot hold a run. Redirects are never followed.
"""

from __future__ import annotations

import ipaddress
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar
from urllib.parse import urlsplit

import requests

from vendorgate.defaults import OPA_TIMEOUT_SECONDS
from vendorgate.errors import EngineError, PolicyError, UsageError
from vendorgate.policy.contract import ENTRYPOINT_PACKAGE, ENTRYPOINT_RULE

_ASYNC_MODULE = "opa_client.opa_async"


def _without_async_client() -> None:
    """Stand in for `opa_client.opa_async` before `opa_client` is first imported.

    The package's __init__ imports its asyncio client, which imports aiohttp: about
    0.6 s of start-up measured here, more than half of a one-dossier pre-commit
    run. vendorgate only uses the synchronous OpaClient, and only this module
    imports opa_client, so the stand-in goes in just before that import.
    """
    if "opa_client" in sys.modules or _ASYNC_MODULE in sys.modules:
        return
    stub = ModuleType(_ASYNC_MODULE)
    stub.AsyncOpaClient = None  # type: ignore[attr-defined]
    sys.modules[_ASYNC_MODULE] = stub


_without_async_client()

from opa_client import OpaClient  # noqa: E402 - after the stand-in above
from opa_client.errors import ConnectionsError, RegoParseError  # noqa: E402

T = TypeVar("T")


def parse_url(url: str, *, allow_insecure: bool) -> tuple[str, int, bool]:
    """Host, port and TLS flag of an OPA URL; plain http is refused off loopback."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"--opa-url {url!r} is not an http(s) URL like https://opa.internal:8181")
    if parts.path not in ("", "/"):
        raise UsageError(f"--opa-url {url!r} has a path; give only scheme, host and port")
    host = parts.hostname
    if parts.scheme == "http" and not _is_loopback(host) and not allow_insecure:
        raise UsageError(
            f"--opa-url {url} is plain http to an address that is not a loopback IP; dossiers hold"
            " confidential contract data: use https (or http://127.0.0.1 for this machine),"
            " or pass --allow-insecure-opa"
        )
    try:
        port = parts.port or (443 if parts.scheme == "https" else 8181)
    except ValueError as exc:
        raise UsageError(f"--opa-url {url!r} has an invalid port") from exc
    # An IPv6 address keeps its brackets: the client writes host:port into its URLs.
    return (f"[{host}]" if ":" in host else host), port, parts.scheme == "https"


def _is_loopback(host: str) -> bool:
    """A loopback IP address; never a host name (`localhost`, `127.evil.example`): DNS decides those."""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True, slots=True)
class ServedBundle:
    """One bundle a server has activated: its name, its manifest's revision and roots."""

    name: str
    revision: str | None
    roots: tuple[str, ...]


class OpaConnection:
    """One connection to an OPA server, for one run; every failure becomes a VendorgateError."""

    def __init__(
        self,
        *,
        host: str,
        port: int,
        tls: bool = False,
        token: str | None = None,
        timeout: float = OPA_TIMEOUT_SECONDS,
    ) -> None:
        self.display = f"{'https' if tls else 'http'}://{host}:{port}"
        self.timeout = timeout
        # The token goes into the client's headers only; it is never formatted
        # into a message, and text from the server is scrubbed of it, so it
        # cannot leak into output or logs even when a server echoes it.
        self._token = token
        self._client = OpaClient(host=host, port=port, ssl=tls, token=token, timeout=timeout, retries=0)
        # A redirect could carry the dossiers (and the token) to another server: refused.
        # opa_client has no option for it; its session is the one place to say so.
        self._client._session.max_redirects = 0

    def _scrub(self, text: str) -> str:
        return text.replace(self._token, "***") if self._token else text

    def close(self) -> None:
        self._client.close_connection()

    def healthy(self) -> bool:
        return bool(self._client.check_health())

    def load_policies(self, modules: Sequence[tuple[str, Path, str]]) -> None:
        """Upload (id, file, text) modules into a managed OPA; a compile error names file and line.

        OPA compiles each upload with the modules it already holds, so a module that calls a
        function of a module not yet uploaded fails to compile: such uploads are retried after
        the others, round by round, and only a round without progress is an error.
        """
        ids = {module_id: path for module_id, path, _ in modules}
        pending = list(modules)
        while pending:
            failed: list[tuple[tuple[str, Path, str], RegoParseError]] = []
            for module in pending:
                module_id, path, text = module
                try:
                    self._call(partial(self._upload, module_id, text))
                except RegoParseError as exc:
                    if not exc.errors:
                        # Not a compile error: the server refused the upload itself.
                        raise EngineError(
                            f"OPA at {self.display} refused the policy {path}"
                            f" ({self._scrub(_short(exc))}); check the OPA server's log"
                        ) from exc
                    failed.append((module, exc))
            if len(failed) == len(pending):
                raise PolicyError(self._scrub(_compile_message(failed[0][1], ids))) from failed[0][1]
            pending = [module for module, _ in failed]

    def _upload(self, module_id: str, text: str) -> bool:
        return bool(self._client.update_policy_from_string(text, module_id, rego_compat=False))

    def bundles(self) -> list[ServedBundle]:
        """The bundles the server has activated (OPA's data.system.bundles; none: undefined)."""
        # A query, not a GET of the data: an error status (401, 500) raises rather than
        # reading as "no bundles", and an undefined result (no bundle) has no `result`.
        answer = self._call(lambda: self._client.query_rule({}, "system", "bundles"))
        result = answer.get("result", {}) if isinstance(answer, dict) else None
        if not isinstance(result, dict):
            raise EngineError(
                f"OPA at {self.display} answered its bundle list with something else;"
                " check that --opa-url points at an OPA server"
            )
        served = []
        for name, status in result.items():
            manifest = status.get("manifest") if isinstance(status, dict) else None
            manifest = manifest if isinstance(manifest, dict) else {}
            revision = manifest.get("revision")
            roots = manifest.get("roots")
            served.append(
                ServedBundle(
                    name=str(name),
                    revision=revision if isinstance(revision, str) else None,
                    # A manifest without roots claims every path (OPA's default).
                    roots=tuple(str(r) for r in roots) if isinstance(roots, list) else ("",),
                )
            )
        return served

    def evaluate(self, input_document: Mapping[str, Any]) -> tuple[list[Any], set[str]]:
        """The entrypoint's results for one input, and the revisions of the bundles that answered.

        The revisions come from OPA's provenance of this very answer, so a bundle swapped
        during the run (or a load balancer in front of servers of mixed revisions) is seen.
        """
        answer = self._call(
            lambda: self._client.query_rule(
                dict(input_document), ENTRYPOINT_PACKAGE, ENTRYPOINT_RULE, query_params={"provenance": True}
            )
        )
        if not isinstance(answer, dict) or "result" not in answer:
            raise PolicyError(
                f"OPA at {self.display} returned no result for data.{ENTRYPOINT_PACKAGE}."
                f"{ENTRYPOINT_RULE}; the policies are not loaded or do not define it"
            )
        result = answer["result"]
        if not isinstance(result, list):
            raise PolicyError(
                f"data.{ENTRYPOINT_PACKAGE}.{ENTRYPOINT_RULE} is not a list of results;"
                " fix the entrypoint policy"
            )
        provenance = answer.get("provenance")
        bundles = provenance.get("bundles") if isinstance(provenance, dict) else None
        revisions = {
            str(b["revision"])
            for b in (bundles.values() if isinstance(bundles, dict) else ())
            if isinstance(b, dict) and isinstance(b.get("revision"), str)
        }
        return result, revisions

    def _within_deadline(self, action: Callable[[], T]) -> T:
        """`action()`, or TimeoutError once the whole answer has taken longer than the timeout.

        requests' timeout bounds each read, not the answer. The call runs in a daemon
        thread: at the deadline the caller stops waiting, and the abandoned request ends
        with the process (which exits 2) or when the server closes its connection.
        """
        outcome: list[tuple[bool, Any]] = []
        done = threading.Event()

        def work() -> None:
            try:
                outcome.append((True, action()))
            except BaseException as exc:  # re-raised in the caller's thread
                outcome.append((False, exc))
            finally:
                done.set()

        threading.Thread(target=work, name="vendorgate-opa-request", daemon=True).start()
        if not done.wait(self.timeout):
            raise TimeoutError
        ok, value = outcome[0]
        if ok:
            return value  # type: ignore[no-any-return]
        raise value

    def _call(self, action: Callable[[], T]) -> T:
        try:
            return self._within_deadline(action)
        except RegoParseError:
            raise
        except requests.exceptions.SSLError as exc:
            raise EngineError(
                f"TLS error talking to OPA at {self.display}; check its certificate"
                " (REQUESTS_CA_BUNDLE names a custom CA)"
            ) from exc
        except (requests.exceptions.Timeout, TimeoutError) as exc:
            raise EngineError(
                f"OPA at {self.display} did not send a whole answer within {self.timeout:g} s"
                " (--opa-timeout bounds each answer); raise --opa-timeout or check the server"
            ) from exc
        except (requests.exceptions.ConnectionError, ConnectionsError) as exc:
            raise EngineError(
                f"OPA at {self.display} is unreachable or closed the connection;"
                " check that it is running (and --opa-url)"
            ) from exc
        except requests.exceptions.TooManyRedirects as exc:
            raise EngineError(
                f"OPA at {self.display} answered with a redirect, which vendorgate does not follow;"
                " give the server's own URL as --opa-url"
            ) from exc
        except requests.exceptions.HTTPError as exc:
            status = exc.response.status_code if exc.response is not None else "an error"
            raise EngineError(
                f"OPA at {self.display} answered HTTP {status}{self._scrub(_opa_message(exc))};"
                " check the OPA server's log"
            ) from exc
        except ValueError as exc:
            raise EngineError(
                f"OPA at {self.display} answered with malformed JSON; check that --opa-url"
                " points at an OPA server"
            ) from exc
        except requests.exceptions.RequestException as exc:
            raise EngineError(f"talking to OPA at {self.display} failed: {type(exc).__name__}") from exc


def _short(exc: RegoParseError) -> str:
    text = " ".join(f"{exc.expression or 'error'}: {exc.message or 'no message'}".split())
    return text if len(text) <= 200 else text[:200] + "..."


def _opa_message(exc: requests.exceptions.HTTPError) -> str:
    try:
        body = exc.response.json() if exc.response is not None else {}
    except ValueError:
        return ""
    message = body.get("message") if isinstance(body, dict) else None
    return f" ({' '.join(str(message).split())[:200]})" if message else ""


def _compile_message(exc: RegoParseError, ids: Mapping[str, Path]) -> str:
    for error in exc.errors:
        if not isinstance(error, dict):
            continue
        location = error.get("location") or {}
        file = ids.get(str(location.get("file", "")), location.get("file", "a policy"))
        row = location.get("row", 1)
        message = " ".join(str(error.get("message", "error")).split())
        return f"{file}:{row}: the policy does not compile: {message}; fix the policy"
    return f"a policy does not compile ({exc.message}); run `opa check` on the policy folders"
