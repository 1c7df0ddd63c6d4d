"""Engine faults fail closed: exit 2, one `vendorgate: error:` line, no traceback, no pass-like output.

Every run asks for `--format json --output previous.json` (a file that exists before the run
and must stay untouched) and `--format sarif --output report.sarif` (which, when written,
must say executionSuccessful false and carry no results).
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fault_standin import (
    StandIn,
    answer_500,
    answer_500_echoing_the_token,
    answer_a_rule_outside_the_catalog,
    answer_from_another_revision,
    answer_garbage,
    answer_nothing,
    answer_off_contract,
    close_the_connection,
    kill_the_real_opa,
    trickle,
)

from support import AS_OF, OPA, Run, copy_dossier, is_alive, run_vendorgate, start_opa_server, wait_for_opa

PREVIOUS = '{"previous": "report, left as it was"}\n'
TOKEN = "s3cr3t-token"
QUICK = ("--opa-timeout", "5", "--opa-startup-timeout", "10")


def free_port() -> int:
    from vendorgate.policy.opa_process import _free_port

    return _free_port()


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository holding the clean example dossier (a run on it would pass)."""
    repo = tmp_path_factory.mktemp("fault-repo")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    copy_dossier(repo, "northwind-ai")
    return repo


@pytest.fixture
def stand_in() -> Iterator[Callable[..., StandIn]]:
    started: list[StandIn] = []

    def start(behaviour: Callable[..., None]) -> StandIn:
        server = StandIn(behaviour)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


def fake_opa(folder: Path, body: str) -> Path:
    """An executable `opa` that is a shell script with `body`."""
    path = folder / "opa"
    path.write_text("#!/bin/sh\n" + textwrap.dedent(body), encoding="utf-8")
    path.chmod(0o755)
    return path


def check(repo: Path, out: Path, *args: str, env: dict[str, str] | None = None) -> Run:
    out.mkdir(exist_ok=True)
    (out / "previous.json").write_text(PREVIOUS, encoding="utf-8")
    return run_vendorgate(
        "check",
        repo,
        "--as-of",
        AS_OF,
        "--format",
        "json",
        "--output",
        out / "previous.json",
        "--format",
        "sarif",
        "--output",
        out / "report.sarif",
        *args,
        cwd=repo,
        env=env,
        timeout=60,
    )


def assert_failed_closed(run: Run, out: Path, *fragments: str) -> str:
    """Exit 2, one error line naming the problem, the old JSON untouched, a failed SARIF written."""
    assert run.code == 2, (run.code, run.stderr)
    assert "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    (line,) = lines
    assert line.startswith("vendorgate: error: "), line
    for fragment in fragments:
        assert fragment in line, line
    assert run.stdout == ""
    assert (out / "previous.json").read_text(encoding="utf-8") == PREVIOUS
    sarif = json.loads((out / "report.sarif").read_text(encoding="utf-8"))
    (sarif_run,) = sarif["runs"]
    assert sarif_run["invocations"][0]["executionSuccessful"] is False
    assert not sarif_run.get("results")
    assert sorted(p.name for p in out.iterdir() if p.name.endswith(".tmp")) == []
    return line


# -- the OPA binary -------------------------------------------------------------------------


def test_opa_binary_missing(clean: Path, tmp_path: Path) -> None:
    run = check(clean, tmp_path / "out", "--opa-binary", "/nonexistent/opa")
    assert_failed_closed(run, tmp_path / "out", "/nonexistent/opa does not exist", "--opa-binary")


def test_opa_of_the_wrong_version(clean: Path, tmp_path: Path) -> None:
    binary = fake_opa(tmp_path, 'echo "Version: 0.1.0"\n')
    run = check(clean, tmp_path / "out", "--opa-binary", str(binary))
    assert_failed_closed(run, tmp_path / "out", "is OPA 0.1.0", "needs OPA 1.22.3")


def test_opa_crashing_while_starting(clean: Path, tmp_path: Path) -> None:
    binary = fake_opa(
        tmp_path,
        """\
        if [ "$1" = version ]; then echo "Version: 1.22.3"; exit 0; fi
        echo "error: listen tcp 127.0.0.1:1: bind: permission denied" >&2
        exit 1
        """,
    )
    run = check(clean, tmp_path / "out", "--opa-binary", str(binary))
    assert_failed_closed(run, tmp_path / "out", "OPA exited with status 1 while starting", "bind")


def test_opa_not_ready_in_time_is_stopped(clean: Path, tmp_path: Path) -> None:
    pid_file = tmp_path / "opa.pid"
    binary = fake_opa(
        tmp_path,
        f"""\
        if [ "$1" = version ]; then echo "Version: 1.22.3"; exit 0; fi
        echo $$ > {pid_file}
        exec sleep 30
        """,
    )
    started = time.monotonic()
    run = check(clean, tmp_path / "out", "--opa-binary", str(binary), "--opa-startup-timeout", "1")
    assert_failed_closed(run, tmp_path / "out", "did not become ready within 1 s", "--opa-startup-timeout")
    assert time.monotonic() - started < 20
    assert not is_alive(int(pid_file.read_text()))


FAKE_OPA_KILLED_WHILE_EVALUATING = """\
import json, os, signal, sys
from http.server import BaseHTTPRequestHandler, HTTPServer

if sys.argv[1] == "version":
    print("Version: 1.22.3")
    sys.exit(0)
host, port = sys.argv[sys.argv.index("--addr") + 1].rsplit(":", 1)


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self.answer(200, {})

    def do_PUT(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.answer(204 if self.path.startswith("/v1/data") else 200, {})

    def do_POST(self):
        os.kill(os.getpid(), signal.SIGKILL)


HTTPServer((host, int(port)), Handler).serve_forever()
"""


def test_managed_opa_killed_during_evaluation(clean: Path, tmp_path: Path) -> None:
    binary = tmp_path / "opa"
    binary.write_text(f"#!{sys.executable}\n" + FAKE_OPA_KILLED_WHILE_EVALUATING, encoding="utf-8")
    binary.chmod(0o755)
    run = check(clean, tmp_path / "out", "--opa-binary", str(binary), *QUICK)
    assert_failed_closed(
        run, tmp_path / "out", "OPA stopped (status -9) during evaluation", "nothing was checked"
    )


# -- a remote OPA that fails ------------------------------------------------------------------


@pytest.fixture
def real_opa(builtin_bundle: Path) -> Iterator[subprocess.Popen[bytes]]:
    """A real `opa run --server` of our own serving the built-in bundle, to be killed by a test."""
    process, port = start_opa_server("--bundle", builtin_bundle)
    process.port = port  # type: ignore[attr-defined]
    wait_for_opa(port, timeout=15)
    yield process
    if process.poll() is None:
        process.kill()
    process.wait(timeout=10)


@pytest.fixture
def real_opa_without_bundle() -> Iterator[int]:
    """A real `opa run --server` holding no bundle: its port."""
    port = free_port()
    process = subprocess.Popen(
        [str(OPA), "run", "--server", "--addr", f"127.0.0.1:{port}", "--log-level", "error"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    from opa_client import OpaClient

    OpaClient(host="127.0.0.1", port=port).wait_for_ready(timeout=15, interval=0.05)
    yield port
    process.kill()
    process.wait(timeout=10)


def test_real_opa_killed_during_evaluation(
    clean: Path, tmp_path: Path, real_opa: subprocess.Popen[bytes], stand_in: Callable[..., StandIn]
) -> None:
    proxy = stand_in(kill_the_real_opa)
    proxy.forward_port = real_opa.port  # type: ignore[attr-defined]
    proxy.victim = real_opa
    run = check(clean, tmp_path / "out", "--opa-url", proxy.url, *QUICK)
    assert_failed_closed(run, tmp_path / "out", "unreachable or closed the connection")
    assert real_opa.returncode == -signal.SIGKILL
    # The run really talked to the real OPA (it read the bundle revision there) before the kill.
    assert any(seen.path.startswith("/v1/data/system/bundles") for seen in proxy.seen)


def test_connection_closed_on_evaluation(
    clean: Path, tmp_path: Path, stand_in: Callable[..., StandIn]
) -> None:
    server = stand_in(close_the_connection)
    run = check(clean, tmp_path / "out", "--opa-url", server.url, *QUICK)
    assert_failed_closed(run, tmp_path / "out", server.url, "unreachable or closed the connection")


def test_opa_answering_500(clean: Path, tmp_path: Path, stand_in: Callable[..., StandIn]) -> None:
    server = stand_in(answer_500)
    run = check(clean, tmp_path / "out", "--opa-url", server.url, *QUICK)
    assert_failed_closed(run, tmp_path / "out", "answered HTTP 500", "out of memory", "check the OPA server")


def test_opa_answering_malformed_json(clean: Path, tmp_path: Path, stand_in: Callable[..., StandIn]) -> None:
    server = stand_in(answer_garbage)
    run = check(clean, tmp_path / "out", "--opa-url", server.url, *QUICK)
    assert_failed_closed(run, tmp_path / "out", "malformed JSON", "--opa-url")


def test_opa_answering_nothing_times_out(
    clean: Path, tmp_path: Path, stand_in: Callable[..., StandIn]
) -> None:
    server = stand_in(answer_nothing)
    started = time.monotonic()
    run = check(clean, tmp_path / "out", "--opa-url", server.url, "--opa-timeout", "1")
    assert_failed_closed(run, tmp_path / "out", "did not send a whole answer within 1 s", "--opa-timeout")
    assert time.monotonic() - started < 20


def test_a_server_trickling_its_answer_is_cut_off_at_the_deadline(
    clean: Path, tmp_path: Path, stand_in: Callable[..., StandIn]
) -> None:
    # Each byte comes well within any per-read timeout: only a whole-answer deadline ends it.
    server = stand_in(trickle)
    started = time.monotonic()
    run = check(clean, tmp_path / "out", "--opa-url", server.url, "--opa-timeout", "2")
    assert_failed_closed(run, tmp_path / "out", server.url, "did not send a whole answer within 2 s")
    assert time.monotonic() - started < 20


def test_a_redirect_is_not_followed(clean: Path, tmp_path: Path, stand_in: Callable[..., StandIn]) -> None:
    target = stand_in(answer_off_contract)

    def redirect(handler: Any) -> None:
        handler.send_response(307)
        handler.send_header("Location", f"{target.url}/v1/data/vendorgate/main/findings")
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    server = stand_in(redirect)
    run = check(clean, tmp_path / "out", "--opa-url", server.url, *QUICK, env={"VENDORGATE_OPA_TOKEN": TOKEN})
    assert_failed_closed(run, tmp_path / "out", "answered with a redirect", "does not follow")
    # Neither the dossiers nor the token reached the redirect's target.
    assert not [seen for seen in target.seen if seen.method == "POST"]


def test_a_result_of_a_rule_outside_the_catalog_is_refused(
    clean: Path, tmp_path: Path, stand_in: Callable[..., StandIn]
) -> None:
    server = stand_in(answer_a_rule_outside_the_catalog)
    run = check(clean, tmp_path / "out", "--opa-url", server.url, *QUICK)
    assert_failed_closed(run, tmp_path / "out", "rule ZZZ-999, which no METADATA custom.id declares")


def test_an_answer_from_another_bundle_revision_is_refused(
    clean: Path, tmp_path: Path, stand_in: Callable[..., StandIn]
) -> None:
    server = stand_in(answer_from_another_revision)
    run = check(clean, tmp_path / "out", "--opa-url", server.url, *QUICK)
    line = assert_failed_closed(run, tmp_path / "out", "answered from sha256:" + "0" * 64)
    assert server.revision in line


def test_a_server_serving_no_vendorgate_bundle_is_refused(
    clean: Path, tmp_path: Path, real_opa_without_bundle: int
) -> None:
    url = f"http://127.0.0.1:{real_opa_without_bundle}"
    run = check(clean, tmp_path / "out", "--opa-url", url, *QUICK)
    assert_failed_closed(run, tmp_path / "out", url, "serves no vendorgate bundle", "`vendorgate bundle`")


def test_opa_result_off_the_contract_from_a_server(
    clean: Path, tmp_path: Path, stand_in: Callable[..., StandIn]
) -> None:
    server = stand_in(answer_off_contract)
    run = check(clean, tmp_path / "out", "--opa-url", server.url, *QUICK)
    assert_failed_closed(run, tmp_path / "out", "breaks the result contract")


def test_remote_opa_unreachable(clean: Path, tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    run = check(clean, tmp_path / "out", "--opa-url", url, *QUICK)
    assert_failed_closed(run, tmp_path / "out", url, "unreachable")


def test_tls_error(clean: Path, tmp_path: Path, stand_in: Callable[..., StandIn]) -> None:
    server = stand_in(answer_500)
    url = f"https://127.0.0.1:{server.port}"
    run = check(clean, tmp_path / "out", "--opa-url", url, *QUICK)
    assert_failed_closed(run, tmp_path / "out", "TLS error", url)


def test_plain_http_to_another_host_is_refused(clean: Path, tmp_path: Path) -> None:
    run = check(clean, tmp_path / "out", "--opa-url", "http://opa.example.com:8181")
    assert_failed_closed(run, tmp_path / "out", "plain http", "--allow-insecure-opa")


def test_the_token_never_leaks(clean: Path, tmp_path: Path, stand_in: Callable[..., StandIn]) -> None:
    server = stand_in(answer_500_echoing_the_token)
    out = tmp_path / "out"
    summary = tmp_path / "summary.md"
    run = check(
        clean,
        out,
        "--opa-url",
        server.url,
        "--summary",
        str(summary),
        *QUICK,
        env={"VENDORGATE_OPA_TOKEN": TOKEN},
    )
    assert_failed_closed(run, out, "answered HTTP 500")
    assert {seen.headers.get("Authorization") for seen in server.seen} == {f"Bearer {TOKEN}"}
    written = [p.read_text(encoding="utf-8") for p in [*out.iterdir(), summary] if p.is_file()]
    for text in [run.stdout, run.stderr, *written]:
        assert TOKEN not in text


# -- policies that fail -----------------------------------------------------------------------


def with_custom_policy(repo: Path, rego: str) -> Path:
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    copy_dossier(repo, "northwind-ai")
    (repo / "bad").mkdir()
    (repo / "bad" / "broken.rego").write_text(rego, encoding="utf-8")
    (repo / "vendorgate.yaml").write_text("policies:\n  - bad\n", encoding="utf-8")
    return repo


# A custom rule needs METADATA with its own id (else it is refused before OPA sees it).
BAD_METADATA = "# METADATA\n# title: Broken\n# custom:\n#   id: BAD-001\n"
NOT_REGO = (
    f"package vendorgate.custom.bad\n\nimport rego.v1\n\n{BAD_METADATA}deny contains x if {{\n  x := [\n}}\n"
)


def test_policy_that_does_not_compile_on_the_managed_opa(tmp_path: Path) -> None:
    repo = with_custom_policy(tmp_path / "repo", NOT_REGO)
    run = check(repo, tmp_path / "out", *QUICK)
    line = assert_failed_closed(run, tmp_path / "out", "broken.rego:", "does not compile")
    assert "broken.rego:11" in line or "broken.rego:10" in line, line


def test_custom_policies_a_remote_opa_does_not_serve_are_refused(tmp_path: Path, opa_server: str) -> None:
    # Nothing is uploaded: the server serves the built-in bundle, whose revision is not
    # that of the built-in and the custom policies together.
    repo = with_custom_policy(tmp_path / "repo", NOT_REGO)
    run = check(repo, tmp_path / "out", "--opa-url", opa_server, *QUICK)
    line = assert_failed_closed(
        run, tmp_path / "out", "of revision sha256:", "the local policies are revision"
    )
    from vendorgate.policy.bundle import policy_revision

    assert policy_revision([repo / "bad"]) in line
    assert policy_revision() in line


def test_policy_result_off_the_contract(tmp_path: Path) -> None:
    repo = with_custom_policy(
        tmp_path / "repo",
        f'package vendorgate.custom.bad\n\n{BAD_METADATA}deny contains {{"rule": "nope"}} if true\n',
    )
    run = check(repo, tmp_path / "out", *QUICK)
    assert_failed_closed(run, tmp_path / "out", "breaks the result contract", "fix the policy")


def test_no_fault_leaves_a_temp_file_beside_the_outputs(clean: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run = check(clean, out, "--opa-binary", "/nonexistent/opa")
    assert run.code == 2
    assert sorted(p.name for p in out.iterdir()) == ["previous.json", "report.sarif"]


def test_a_remote_run_writes_nothing_into_the_server(
    clean: Path, tmp_path: Path, stand_in: Callable[..., StandIn]
) -> None:
    server = stand_in(lambda handler: handler.answer([]))
    run = check(clean, tmp_path / "out", "--opa-url", server.url, *QUICK)
    assert run.code == 0, run.stderr
    assert {(seen.method, seen.path.split("?")[0]) for seen in server.seen} == {
        ("POST", "/v1/data/system/bundles"),
        ("POST", "/v1/data/vendorgate/main/findings"),
    }
    (evaluation,) = [seen for seen in server.seen if "/vendorgate/main/findings" in seen.path]
    assert "provenance=True" in evaluation.path
