"""Writing a run's files: 0600 temp files renamed only when every file and the summary are ready."""

from __future__ import annotations

import os
import stat
from dataclasses import replace
from pathlib import Path

import pytest

from vendorgate.errors import UsageError
from vendorgate.model import Report
from vendorgate.output import get_formatter, targets, writes
from vendorgate.output.targets import Request, fit_summary, plan, write


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_files_go_through_0600_temp_files_that_are_renamed(
    tmp_path: Path, clean_report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    modes: list[int] = []
    real_fsync = os.fsync

    def spying_fsync(fd: int) -> None:
        modes.append(stat.S_IMODE(os.fstat(fd).st_mode))
        real_fsync(fd)

    monkeypatch.setattr(targets.os, "fsync", spying_fsync)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.json").write_text("old\n", encoding="utf-8")
    write(plan([Request("json", "x.json"), Request("sarif", "x.sarif")], None, {}), clean_report)
    assert modes == [0o600, 0o600]
    assert '"execution_successful": true' in (tmp_path / "x.json").read_text(encoding="utf-8")
    assert (tmp_path / "x.sarif").is_file()
    assert temp_files(tmp_path) == []


def test_a_file_that_cannot_be_written_leaves_every_target_as_it_was(
    tmp_path: Path, clean_report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fsync = os.fsync
    calls: list[int] = []

    def second_fsync_fails(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(targets.os, "fsync", second_fsync_fails)
    monkeypatch.chdir(tmp_path)
    for name in ("x.json", "x.sarif", "summary.md"):
        (tmp_path / name).write_text("old\n", encoding="utf-8")
    chosen = plan([Request("json", "x.json"), Request("sarif", "x.sarif")], "summary.md", {})
    with pytest.raises(UsageError) as caught:
        write(chosen, clean_report)
    assert str(caught.value) == (
        "cannot write --output x.sarif: No space left on device; no output was written"
    )
    for name in ("x.json", "x.sarif", "summary.md"):
        assert (tmp_path / name).read_text(encoding="utf-8") == "old\n"
    assert temp_files(tmp_path) == []


def test_a_summary_that_cannot_be_written_renames_no_file(
    tmp_path: Path, clean_report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.json").write_text("old\n", encoding="utf-8")
    (tmp_path / "summary.md").write_text("earlier step\n", encoding="utf-8")
    real_write = os.write

    def full_disk(fd: int, data: bytes | memoryview) -> int:
        real_write(fd, bytes(data[:10]))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(targets.os, "write", full_disk)
    with pytest.raises(UsageError, match=r"cannot write --summary summary\.md: No space left"):
        write(plan([Request("json", "x.json")], "summary.md", {}), clean_report)
    assert (tmp_path / "x.json").read_text(encoding="utf-8") == "old\n"
    # The part written before the failure is taken back.
    assert (tmp_path / "summary.md").read_text(encoding="utf-8") == "earlier step\n"
    assert temp_files(tmp_path) == []


def test_a_rename_that_fails_takes_the_summary_back(
    tmp_path: Path, clean_report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.json").write_text("old\n", encoding="utf-8")
    (tmp_path / "summary.md").write_text("earlier step", encoding="utf-8")

    def failing_replace(source: str, target: Path) -> None:
        raise OSError(16, "Device or resource busy")

    monkeypatch.setattr(targets.os, "replace", failing_replace)
    with pytest.raises(UsageError) as caught:
        write(plan([Request("json", "x.json")], "summary.md", {}), clean_report)
    assert str(caught.value) == "cannot write --output x.json: Device or resource busy"
    assert (tmp_path / "x.json").read_text(encoding="utf-8") == "old\n"
    assert (tmp_path / "summary.md").read_text(encoding="utf-8") == "earlier step"
    assert temp_files(tmp_path) == []


def test_a_failed_run_writes_only_sarif_to_files(
    tmp_path: Path, failed_report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("x.json", "x.txt", "x.github"):
        (tmp_path / name).write_text("old\n", encoding="utf-8")
    pairs = [
        Request("json", "x.json"),
        Request("text", "x.txt"),
        Request("github", "x.github"),
        Request("sarif", "x.sarif"),
    ]
    write(plan(pairs, None, {}), failed_report)
    for name in ("x.json", "x.txt", "x.github"):
        assert (tmp_path / name).read_text(encoding="utf-8") == "old\n"
    assert '"executionSuccessful": false' in (tmp_path / "x.sarif").read_text(encoding="utf-8")


def test_a_target_that_is_an_input_of_the_run_is_refused_before_any_write(
    tmp_path: Path, clean_report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out.json").write_text("old\n", encoding="utf-8")
    proof = tmp_path / "proof.pdf"
    proof.write_text("evidence\n", encoding="utf-8")
    os.link(proof, tmp_path / "alias.pdf")
    report = replace(clean_report, inputs={os.path.realpath(proof): "an evidence file"})
    with pytest.raises(UsageError) as caught:
        write(plan([Request("json", "out.json"), Request("sarif", "alias.pdf")], None, {}), report)
    assert str(caught.value) == (
        "--output alias.pdf is an evidence file of this run; write the report to another file"
    )
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == "old\n"
    assert proof.read_text(encoding="utf-8") == "evidence\n"


def test_summary_auto_without_github_writes_no_summary() -> None:
    assert plan([Request("text", None)], "auto", {}).summary is None
    assert plan([Request("text", None)], "auto", {"GITHUB_STEP_SUMMARY": ""}).summary is None


def test_summary_is_cut_on_a_line_with_a_closing_line() -> None:
    text = "".join(f"| vendor-{i} | 1 |\n" for i in range(100))
    cut = fit_summary(text, 500, "report.sarif and the job log")
    assert cut is not None
    assert len(cut) <= 500
    lines = cut.decode("utf-8").splitlines()
    assert lines[0] == "| vendor-0 | 1 |"
    assert lines[-1] == (
        "*This summary was cut here to stay under GitHub's 1 MiB limit; the full report is in"
        " report.sarif and the job log.*"
    )
    assert all(line.startswith("| vendor-") for line in lines[:-2])
    assert fit_summary(text, 10, "the job log") is None
    assert fit_summary("short\n", 500, "x") == b"short\n"


@pytest.mark.parametrize(
    ("fmt", "to_stdout", "to_file"),
    [("text", False, False), ("json", True, False), ("github", True, False), ("sarif", True, True)],
)
def test_each_format_says_where_a_failed_run_goes(
    fmt: str, to_stdout: bool, to_file: bool, failed_report: Report, clean_report: Report
) -> None:
    formatter = get_formatter(fmt)
    assert writes(formatter, failed_report, to_file=False) is to_stdout
    assert writes(formatter, failed_report, to_file=True) is to_file
    assert writes(formatter, clean_report, to_file=False)
    assert writes(formatter, clean_report, to_file=True)
