"""main(), the one error boundary: every failure becomes one escaped stderr line and an exit code."""

from __future__ import annotations

import json
import signal
from collections.abc import Iterator

import pytest

from vendorgate import catalog_view
from vendorgate.cli import main
from vendorgate.errors import UsageError


@pytest.fixture(autouse=True)
def _signal_handlers() -> Iterator[None]:
    """main() takes SIGINT and SIGTERM over; give them back to pytest afterwards."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


def exit_of(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[object, str, str]:
    with pytest.raises(SystemExit) as done:
        main(argv)
    out, err = capsys.readouterr()
    return done.value.code, out, err


def test_a_vendorgate_error_is_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def refuse(*args: object) -> str:
        raise UsageError("the file x\x1b[2J.yaml cannot be read")

    monkeypatch.setattr(catalog_view, "render_rules", refuse)
    code, out, err = exit_of(["rules"], capsys)
    assert (code, out) == (2, "")
    assert err == "vendorgate: error: the file x\\u001b[2J.yaml cannot be read\n"


def test_an_unexpected_exception_is_an_internal_error_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def crash(*args: object) -> str:
        raise RuntimeError("boom\nTraceback")

    monkeypatch.delenv("VENDORGATE_DEBUG", raising=False)
    monkeypatch.setattr(catalog_view, "render_rules", crash)
    code, out, err = exit_of(["rules"], capsys)
    assert (code, out) == (2, "")
    assert err == (
        "vendorgate: error: internal error (RuntimeError: boom Traceback); please report it with the input\n"
    )


def test_an_interrupt_says_nothing_was_checked(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(*args: object) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(catalog_view, "render_rules", interrupted)
    code, _, err = exit_of(["rules"], capsys)
    assert code == 2
    assert err.splitlines()[-1] == "vendorgate: error: interrupted; nothing was checked"


def test_a_click_usage_error_shows_the_usage_and_one_error_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = exit_of(["check", "--fail-on", "sometimes"], capsys)
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert lines[0].startswith("Usage: vendorgate check [OPTIONS] [PATHS]...")
    assert "Try 'vendorgate check --help' for help." in lines
    assert lines[-1].startswith("vendorgate: error: Invalid value for '--fail-on': 'sometimes' is not one of")


def test_a_command_returns_its_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = exit_of(["rules", "--format", "json"], capsys)
    assert code == 0
    assert "IR-001" in json.dumps(json.loads(out))
