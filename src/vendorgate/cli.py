"""The command line: the click group of the commands, and main(), the one place errors become exit codes."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Sequence
from types import FrameType
from typing import NoReturn

import click

from vendorgate import __version__
from vendorgate.commands import say
from vendorgate.commands.bundle import bundle
from vendorgate.commands.check import check
from vendorgate.commands.explain import explain
from vendorgate.commands.init import init
from vendorgate.commands.rules import rules
from vendorgate.commands.test_policies import test_policies
from vendorgate.errors import VendorgateError
from vendorgate.model import ExitCode


class _Terminated(BaseException):
    """SIGTERM or SIGINT, raised so that every `with` block (the OPA server's among them) unwinds.

    Not a KeyboardInterrupt: click would catch that inside the command, print an empty line
    and re-raise it as Abort; this reaches main() untouched.
    """


def _on_signal(signum: int, frame: FrameType | None) -> NoReturn:
    del signum, frame
    raise _Terminated


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="vendorgate")
def cli() -> None:
    """vendorgate: a policy-as-code compliance gate for AI-vendor due diligence."""


for _command in (check, rules, explain, init, test_policies, bundle):
    cli.add_command(_command)


def _fail(message: str) -> NoReturn:
    say("error", message)
    sys.exit(int(ExitCode.ERROR))


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """Entry point: never a traceback; exit 2 for anything that kept the gate from deciding.

    The one error boundary: commands raise, and only here does an error become a line on
    stderr and an exit code.
    """
    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    try:
        code = cli.main(
            args=list(argv) if argv is not None else None,
            prog_name="vendorgate",
            standalone_mode=False,
        )
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.UsageError as exc:
        # click's own report would print the offending argument raw; its usage lines are fixed.
        if exc.ctx is not None:
            click.echo(f"{exc.ctx.get_usage()}\nTry '{exc.ctx.command_path} --help' for help.\n", err=True)
        _fail(exc.format_message())
    except (click.Abort, KeyboardInterrupt, _Terminated):
        _fail("interrupted; nothing was checked")
    except VendorgateError as exc:
        _fail(str(exc))
    except Exception as exc:
        if os.environ.get("VENDORGATE_DEBUG"):
            raise
        _fail(f"internal error ({type(exc).__name__}: {exc}); please report it with the input")
    sys.exit(int(code) if isinstance(code, int) else 0)
