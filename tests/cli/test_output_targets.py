"""`-o` and `--summary` end to end: a report never damages a file, and a failed write claims nothing."""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from support import AS_OF, Run, run_vendorgate

NO_OPA = ("--opa-binary", "/nonexistent/opa")
CUT_LINE = "*This summary was cut here to stay under GitHub's 1 MiB limit; the full report is in"


def check(repo: Path, *args: str, env: dict[str, str] | None = None) -> Run:
    return run_vendorgate("check", "vendors", "--as-of", AS_OF, *args, cwd=repo, env=env)


def only_error(run: Run) -> str:
    """The one stderr line of a refused command line, without its prefix."""
    assert run.code == 2, run.stderr
    (line,) = run.stderr.splitlines()
    assert line.startswith("vendorgate: error: ")
    return line.removeprefix("vendorgate: error: ")


@pytest.fixture
def unix_socket(clean_repo: Path) -> Iterator[Path]:
    path = clean_repo / "sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    yield path
    server.close()


def _symlink(repo: Path) -> Path:
    (repo / "real.json").write_text("keep\n", encoding="utf-8")
    (repo / "node").symlink_to("real.json")
    return repo / "node"


def _fifo(repo: Path) -> Path:
    os.mkfifo(repo / "node")
    return repo / "node"


def _folder(repo: Path) -> Path:
    (repo / "node").mkdir()
    return repo / "node"


NODES: dict[str, Callable[[Path], Path]] = {
    "a symbolic link": _symlink,
    "a named pipe": _fifo,
    "a folder": _folder,
}


@pytest.mark.parametrize("kind", sorted(NODES))
def test_output_that_is_not_a_regular_file_is_refused_before_the_run(clean_repo: Path, kind: str) -> None:
    NODES[kind](clean_repo)
    # No OPA: had the run started, its error would be on stderr too.
    run = check(clean_repo, "-f", "json", "-o", "node", *NO_OPA)
    assert only_error(run) == (
        f"--output node is {kind}; name a regular file or a new one (or - for standard output)"
    )
    assert run.stdout == ""
    if kind == "a symbolic link":
        assert (clean_repo / "real.json").read_text(encoding="utf-8") == "keep\n"
        assert (clean_repo / "node").is_symlink()


@pytest.mark.parametrize("kind", sorted(NODES))
def test_summary_that_is_not_a_regular_file_is_refused_before_the_run(clean_repo: Path, kind: str) -> None:
    node = NODES[kind](clean_repo)
    run = check(clean_repo, "--summary", "auto", *NO_OPA, env={"GITHUB_STEP_SUMMARY": str(node)})
    assert only_error(run) == f"--summary {node} is {kind}; name a regular file or a new one"
    if kind == "a symbolic link":
        assert (clean_repo / "real.json").read_text(encoding="utf-8") == "keep\n"


def test_output_to_a_socket_or_a_device_is_refused(clean_repo: Path, unix_socket: Path) -> None:
    run = check(clean_repo, "-o", "sock", *NO_OPA)
    assert only_error(run).startswith("--output sock is a socket;")
    run = check(clean_repo, "-o", "/dev/null", *NO_OPA)
    assert only_error(run).startswith("--output /dev/null is a device;")


@pytest.mark.parametrize(
    ("target", "role"),
    [
        ("vendors/clean-co/contract.yaml", "a dossier document"),
        ("./vendors/../vendors/clean-co/engagement.yaml", "a dossier document"),
        ("alias/attestation.yaml", "a dossier document"),
        ("vendors/clean-co/evidence/soc2-type2-2026.txt", "an evidence file"),
    ],
)
def test_output_that_is_a_file_of_the_run_is_refused_and_untouched(
    clean_repo: Path, target: str, role: str
) -> None:
    (clean_repo / "alias").symlink_to("vendors/clean-co")
    before = {p: p.read_bytes() for p in (clean_repo / "vendors").rglob("*") if p.is_file()}
    for fmt in ("json", "sarif"):
        run = check(clean_repo, "-f", fmt, "-o", target)
        assert only_error(run) == f"--output {target} is {role} of this run; write the report to another file"
    assert {p: p.read_bytes() for p in (clean_repo / "vendors").rglob("*") if p.is_file()} == before


def test_output_over_a_dossier_document_is_refused_when_the_run_fails_too(clean_repo: Path) -> None:
    contract = clean_repo / "vendors" / "clean-co" / "contract.yaml"
    before = contract.read_bytes()
    run = check(clean_repo, "-f", "sarif", "-o", "vendors/clean-co/contract.yaml", *NO_OPA)
    assert run.code == 2
    assert run.stderr.splitlines()[-1] == (
        "vendorgate: error: --output vendors/clean-co/contract.yaml is a dossier document of this run;"
        " write the report to another file"
    )
    assert contract.read_bytes() == before


def test_profile_is_not_overwritten(clean_repo: Path) -> None:
    profile = clean_repo / "vendorgate.yaml"
    profile.write_text("thresholds: {}\n", encoding="utf-8")
    run = check(clean_repo, "-f", "json", "-o", "vendorgate.yaml")
    assert (
        only_error(run)
        == "--output vendorgate.yaml is the profile of this run; write the report to another file"
    )
    assert profile.read_text(encoding="utf-8") == "thresholds: {}\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("-f", "json", "-o", "out.json", "-f", "sarif", "-o", "./out.json"),
            "--output ./out.json names the same file as --output out.json; give each output its own file",
        ),
        (
            ("-f", "json", "-o", "out.json", "--summary", "vendors/../out.json"),
            "--summary vendors/../out.json names the same file as --output out.json;"
            " give each output its own file",
        ),
    ],
)
def test_two_outputs_naming_one_file_are_refused_before_the_run(
    clean_repo: Path, args: tuple[str, ...], message: str
) -> None:
    (clean_repo / "out.json").write_text("old\n", encoding="utf-8")
    run = check(clean_repo, *args, *NO_OPA)
    assert only_error(run) == message
    assert (clean_repo / "out.json").read_text(encoding="utf-8") == "old\n"


def test_json_beside_a_refused_sarif_is_not_written_and_stdout_says_the_run_failed(clean_repo: Path) -> None:
    (clean_repo / "out.json").write_text("old\n", encoding="utf-8")
    contract = clean_repo / "vendors" / "clean-co" / "contract.yaml"
    before = contract.read_bytes()
    run = check(clean_repo, "-f", "json", "-o", "out.json", "-f", "sarif", "-o", str(contract), "-f", "json")
    assert run.code == 2
    assert (clean_repo / "out.json").read_text(encoding="utf-8") == "old\n"
    assert contract.read_bytes() == before
    shown = run.json()
    assert shown["execution_successful"] is False
    assert shown["exit_code"] == 2
    assert "is a dossier document of this run" in shown["error"]


def test_summary_starts_on_a_new_line(clean_repo: Path) -> None:
    summary = clean_repo / "summary.md"
    summary.write_text("| an earlier step's table |", encoding="utf-8")
    run = check(clean_repo, "--summary", "auto", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert run.code == 0, run.stderr
    assert summary.read_text(encoding="utf-8").startswith(
        "| an earlier step's table |\n## vendorgate: passed\n"
    )


def test_summary_stays_under_githubs_limit(clean_repo: Path) -> None:
    summary = clean_repo / "summary.md"
    # Room for the heading and the closing line, not for the whole summary.
    earlier = ("x" * 99 + "\n") * 10484  # 175 bytes short of 1 MiB
    summary.write_text(earlier, encoding="utf-8")
    run = check(clean_repo, "-f", "sarif", "-o", "out.sarif", "-f", "text", "--summary", "summary.md")
    assert run.code == 0, run.stderr
    text = summary.read_text(encoding="utf-8")
    assert len(text.encode("utf-8")) < 1024 * 1024
    added = text.removeprefix(earlier).splitlines()
    assert added[0] == "## vendorgate: passed"
    assert added[-1] == f"{CUT_LINE} out.sarif and the job log.*"
    assert "| clean-co |" not in text


def test_summary_already_at_githubs_limit_gets_nothing_and_a_warning(clean_repo: Path) -> None:
    summary = clean_repo / "summary.md"
    summary.write_bytes(b"x" * (1024 * 1024 - 10))
    run = check(clean_repo, "--summary", "summary.md")
    assert run.code == 0
    assert summary.read_bytes() == b"x" * (1024 * 1024 - 10)
    assert run.stderr == (
        f"vendorgate: warning: --summary summary.md already holds {1024 * 1024 - 10} bytes, at GitHub's"
        " 1 MiB limit for a job summary; no summary was added\n"
    )


def test_summary_of_a_new_file_is_created(clean_repo: Path) -> None:
    run = check(clean_repo, "-f", "json", "-o", "out.json", "--summary", "new.md")
    assert run.code == 0, run.stderr
    assert (clean_repo / "new.md").read_text(encoding="utf-8").startswith("## vendorgate: passed\n")
    assert json.loads((clean_repo / "out.json").read_text(encoding="utf-8"))["execution_successful"]
