"""Small HTTP servers on 127.0.0.1 that stand in for OPA and misbehave on purpose.

A stand-in answers what a run asks before evaluating (the bundle list, with a vendorgate
bundle of the local policies' revision; the health check) like OPA does, records every
request with its headers, and misbehaves only on the evaluation POST. It runs in a thread
and is bounded: every wait ends when the fixture stops it, and every connection has a
socket timeout.
"""

from __future__ import annotations

import http.client
import json
import signal
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from vendorgate.policy.bundle import BUNDLE_ROOTS, policy_revision

EVALUATION_PATH = "/v1/data/vendorgate/main/findings"
BUNDLES_PATH = "/v1/data/system/bundles"
WAIT_LIMIT = 30.0


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]


Behaviour = Callable[["Handler"], None]


class StandIn(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, behaviour: Behaviour) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.behaviour = behaviour
        self.seen: list[Seen] = []
        self.stopping = threading.Event()
        self.forward_port: int | None = None
        self.victim: subprocess.Popen[bytes] | None = None
        # The revision of the bundle it claims to serve: the built-in policies', unless a test says.
        self.revision = policy_revision()
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05})
        self._thread.daemon = True
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def stop(self) -> None:
        self.stopping.set()
        self.shutdown()
        self.server_close()
        self._thread.join(timeout=5)


class Handler(BaseHTTPRequestHandler):
    server: StandIn
    body_seen: bytes = b""

    protocol_version = "HTTP/1.1"
    timeout = 10
    # One write per answer, sent at once: no 40 ms delayed-ACK stall per request.
    wbufsize = 1 << 16
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: object) -> None:
        del format, args

    def body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def answer(self, result: object) -> None:
        """An evaluation answer as OPA sends it with ?provenance: from the stand-in's bundle."""
        bundles = {"vendorgate": {"revision": self.server.revision}}
        self.send_json(200, {"result": result, "provenance": {"version": "1.22.3", "bundles": bundles}})

    def send_json(self, status: int, value: object) -> None:
        self.send_text(status, json.dumps(value))

    def send_text(self, status: int, text: str, content_type: str = "application/json") -> None:
        data = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _record(self) -> bytes:
        data = self.body()
        self.body_seen = data
        self.server.seen.append(Seen(self.command, self.path, dict(self.headers.items())))
        return data

    def do_GET(self) -> None:
        data = self._record()
        if self.server.forward_port is not None:
            self.forward(data)
        else:
            self.send_json(200, {})

    def do_PUT(self) -> None:
        # vendorgate writes nothing into a server: a PUT is recorded (tests assert there is
        # none) and refused as a server that serves the bundle refuses writes under its roots.
        self._record()
        self.send_json(400, {"code": "invalid_parameter", "message": "path is owned by bundle"})

    def do_POST(self) -> None:
        data = self._record()
        if self.path.split("?")[0] == EVALUATION_PATH:
            self.server.behaviour(self)
        elif self.path.split("?")[0] == BUNDLES_PATH and self.server.forward_port is None:
            manifest = {"revision": self.server.revision, "roots": list(BUNDLE_ROOTS)}
            self.send_json(200, {"result": {"vendorgate": {"manifest": manifest}}})
        elif self.server.forward_port is not None:
            self.forward(data)
        else:
            self.send_json(404, {"code": "not_found"})

    def forward(self, data: bytes) -> None:
        """Relay the request to the real OPA behind this stand-in."""
        assert self.server.forward_port is not None
        connection = http.client.HTTPConnection("127.0.0.1", self.server.forward_port, timeout=60)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
        connection.request(self.command, self.path, body=data or None, headers=headers)
        answer = connection.getresponse()
        payload = answer.read()
        connection.close()
        self.send_response(answer.status)
        for name, value in answer.getheaders():
            if name.lower() not in ("content-length", "connection", "transfer-encoding", "date"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


def answer_500(handler: Handler) -> None:
    handler.send_json(500, {"code": "internal_error", "message": "evaluation failed: out of memory"})


def answer_500_echoing_the_token(handler: Handler) -> None:
    """A careless server that quotes the request's credentials back in its error."""
    handler.send_json(
        500,
        {"code": "internal_error", "message": f"denied for {handler.headers.get('Authorization')}"},
    )


def answer_garbage(handler: Handler) -> None:
    handler.send_text(200, "<html><body>this is not OPA</body></html>")


def answer_nothing(handler: Handler) -> None:
    """Accept the request and never answer (until the fixture stops the server)."""
    handler.server.stopping.wait(WAIT_LIMIT)
    handler.close_connection = True


def close_the_connection(handler: Handler) -> None:
    handler.close_connection = True


def answer_off_contract(handler: Handler) -> None:
    handler.answer([{"rule": "nope"}])


def answer_a_rule_outside_the_catalog(handler: Handler) -> None:
    """A well-formed result of a rule no METADATA declares (say, a leftover module's)."""
    body = json.loads(handler.body_seen or b"{}")
    doc = body["input"]["dossiers"][0]["documents"][0]["id"]
    handler.answer([{"rule": "ZZZ-999", "level": "error", "message": "left over", "doc": doc}])


def answer_from_another_revision(handler: Handler) -> None:
    """An answer whose provenance names another bundle than the one listed (swapped mid-run)."""
    bundles = {"vendorgate": {"revision": "sha256:" + "0" * 64}}
    handler.send_json(200, {"result": [], "provenance": {"bundles": bundles}})


def trickle(handler: Handler) -> None:
    """Send a valid answer one byte at a time, each well within any per-read timeout."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", "1000000")
    handler.end_headers()
    handler.wfile.flush()
    for _ in range(int(WAIT_LIMIT / 0.2)):
        if handler.server.stopping.wait(0.2):
            break
        try:
            handler.wfile.write(b" ")
            handler.wfile.flush()
        except OSError:
            return
    handler.close_connection = True


def kill_the_real_opa(handler: Handler) -> None:
    """SIGKILL the real OPA behind the stand-in while the evaluation request is in flight."""
    victim = handler.server.victim
    assert victim is not None
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=10)
    handler.close_connection = True
