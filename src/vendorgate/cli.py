"""The command line: options → a frozen RunConfig → the engine → formatters → files → exit code."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from types import FrameType
from typing import Any, NoReturn

import click

from vendorgate import __version__
from vendorgate.errors import UsageError, VendorgateError
from vendorgate.model import ExitCode, FailOn, Report
from vendorgate.policy.engine import EngineSettings, PolicyEngine, policy_engine

_FORMAT_FLAGS = ("--format", "-f")
_OUTPUT_FLAGS = ("--output", "-o")
TOKEN_ENV = "VENDORGATE_OPA_TOKEN"


class _Terminated(BaseException):
    """SIGTERM, raised so that every `with` block (the OPA server's among them) unwinds."""


def _on_sigterm(signum: int, frame: FrameType | None) -> NoReturn:
    del signum, frame
    raise _Terminated


class _OrderedCommand(click.Command):
    """Keeps the raw arguments so --format/--output pairs can be read in the order given."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta["raw_args"] = list(args)
        return super().parse_args(ctx, args)


def pair_outputs(raw: Sequence[str]) -> list[tuple[str, str | None]]:
    """(format, file) pairs: each --output belongs to the --format given just before it."""
    pairs: list[list[str | None]] = []
    pending_output: str | None = None
    i = 0
    while i < len(raw):
        token = raw[i]
        if token == "--":
            break
        name, value = token, None
        if token.startswith("--") and "=" in token:
            name, value = token.split("=", 1)
        elif token[:2] in ("-f", "-o") and len(token) > 2 and not token.startswith("--"):
            name, value = token[:2], token[2:]
        if name in _FORMAT_FLAGS + _OUTPUT_FLAGS:
            if value is None:
                i += 1
                value = raw[i] if i < len(raw) else ""
            if name in _FORMAT_FLAGS:
                pairs.append([value, pending_output])
                pending_output = None
            elif pairs and pairs[-1][1] is None:
                pairs[-1][1] = value
            elif not pairs:
                pending_output = value
            else:
                raise UsageError(f"--output {value} follows a --format that already has an output")
        i += 1
    if pending_output is not None:
        pairs.append(["text", pending_output])
    if not pairs:
        pairs.append(["text", None])
    return [(str(f), o) for f, o in pairs]


def find_root(paths: Sequence[Path]) -> Path:
    """The git work tree holding the first path, else the folder common to all paths."""
    first = paths[0].absolute() if paths else Path.cwd()
    folder = first if first.is_dir() else first.parent
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    cwd = Path.cwd()
    absolute = [p.absolute() for p in paths] or [cwd]
    if all(p.is_relative_to(cwd) for p in absolute):
        return cwd
    return Path(os.path.commonpath([p if p.is_dir() else p.parent for p in absolute]))


def _as_of(value: str | None) -> str:
    if value is None:
        return date.today().isoformat()
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--as-of {value!r} is not a date; write it as YYYY-MM-DD") from None
    if len(value) != 10:
        raise UsageError(f"--as-of {value!r} is not a date; write it as YYYY-MM-DD")
    return parsed.isoformat()


def _say(level: str, message: str) -> None:
    """One line on stderr; the message may quote a file name or a dossier value, so it is escaped."""
    from vendorgate.output.escaping import visible

    click.echo(f"vendorgate: {level}: {visible(message)}", err=True)


def _fail(message: str, code: ExitCode = ExitCode.ERROR) -> NoReturn:
    _say("error", message)
    sys.exit(int(code))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="vendorgate")
def cli() -> None:
    """vendorgate: a policy-as-code compliance gate for AI-vendor due diligence."""


@cli.command(cls=_OrderedCommand)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-f",
    "--format",
    "formats",
    multiple=True,
    metavar="FORMAT",
    help="text (default), json, sarif or github; repeat to write several.",
)
@click.option(
    "-o",
    "--output",
    "outputs",
    multiple=True,
    metavar="FILE",
    help="Write the preceding --format to FILE (atomically) instead of stdout.",
)
@click.option(
    "--fail-on",
    type=click.Choice([f.value for f in FailOn]),
    default="error",
    show_default=True,
    help="Lowest level that makes the gate fail (exit 1).",
)
@click.option(
    "--as-of",
    "as_of",
    metavar="YYYY-MM-DD",
    help="Evaluation date for every date rule (default: today).",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path),
    help="Organisation profile (default: vendorgate.yaml at the repository root).",
)
@click.option(
    "--root",
    type=click.Path(path_type=Path, file_okay=False),
    help="Repository root that paths are reported against (default: the git root).",
)
@click.option(
    "--opa-url",
    envvar="VENDORGATE_OPA_URL",
    metavar="URL",
    help="Use a running OPA server (token from $VENDORGATE_OPA_TOKEN).",
)
@click.option(
    "--allow-insecure-opa",
    is_flag=True,
    help="Allow plain http:// to an OPA that is not on this machine.",
)
@click.option(
    "--opa-binary",
    envvar="VENDORGATE_OPA_BINARY",
    metavar="PATH",
    help="The opa executable to start (default: beside Python, then PATH).",
)
@click.option(
    "--opa-timeout",
    type=click.FloatRange(min=0.1),
    default=60.0,
    show_default=True,
    help="Seconds to wait for each answer from OPA.",
)
@click.option(
    "--opa-startup-timeout",
    type=click.FloatRange(min=0.1),
    default=15.0,
    show_default=True,
    help="Seconds to wait for a managed OPA to become ready.",
)
@click.option(
    "--max-file-size",
    type=click.IntRange(min=1),
    default=5 * 1024 * 1024,
    show_default=True,
    help="Largest dossier file read, in bytes.",
)
@click.option(
    "--max-evidence-size",
    type=click.IntRange(min=1),
    default=256 * 1024 * 1024,
    show_default=True,
    metavar="BYTES",
    help="Largest evidence file hashed to check its sha256 (DOS-004 reports larger ones).",
)
@click.option("--category", default="", help="SARIF automationDetails category.")
@click.option(
    "--expand-dossiers",
    is_flag=True,
    help="Treat PATHS as changed files (pre-commit): check, whole, every dossier they"
    " belong to, reading its other documents from the repository.",
)
@click.option(
    "--summary",
    "summary",
    metavar="FILE|auto",
    help="Write a Markdown job summary (auto: $GITHUB_STEP_SUMMARY when set).",
)
@click.pass_context
def check(
    ctx: click.Context,
    /,
    paths: tuple[Path, ...],
    formats: tuple[str, ...],
    outputs: tuple[str, ...],
    **options: Any,
) -> None:
    """Check the vendor dossiers under PATHS (default: the profile's paths, else the repository)."""
    del formats, outputs
    from vendorgate.output import get_formatter, targets

    try:
        pairs = pair_outputs(ctx.meta.get("raw_args", []))
        for name, _ in pairs:
            get_formatter(name)
        # Every target is checked before anything is evaluated: a command line that
        # cannot write its reports costs no run.
        plan = targets.plan(pairs, options["summary"], os.environ)
    except VendorgateError as exc:
        _fail(str(exc))

    settings = EngineSettings(
        url=options["opa_url"] or None,
        token=os.environ.get(TOKEN_ENV) or None,
        allow_insecure=options["allow_insecure_opa"],
        binary=options["opa_binary"],
        timeout=options["opa_timeout"],
        startup_timeout=options["opa_startup_timeout"],
    )
    engine = policy_engine(settings)
    # A managed OPA starts first: it compiles the policies while the rest of
    # vendorgate is imported and the dossiers are loaded. Its failure is
    # reported after the options' own errors, as the run would report it.
    early_error: VendorgateError | None = None
    if settings.managed:
        try:
            engine.start()
        except VendorgateError as exc:
            early_error = exc
    try:
        report = _evaluate(paths, options, settings, engine, early_error)
    except (KeyboardInterrupt, _Terminated):
        _fail("interrupted; nothing was checked")
    finally:
        engine.stop()

    try:
        for warning in targets.write(plan, report):
            _say("warning", warning)
    except VendorgateError as exc:
        # No file was written; what goes to stdout now says the run failed, not its verdict.
        _say("error", str(exc))
        report = replace(report, execution_successful=False, error=str(exc))
    for name, out in plan.outputs:
        if out is None and targets.shown(name, report, to_file=False):
            click.echo(get_formatter(name).render(report), nl=False)
    sys.exit(int(report.exit_code))


def _evaluate(
    paths: tuple[Path, ...],
    options: dict[str, Any],
    settings: EngineSettings,
    engine: PolicyEngine,
    early_error: VendorgateError | None,
) -> Report:
    """Build the run's configuration and run it; a failure to evaluate becomes a failure report."""
    from vendorgate.pipeline import RunConfig, failure_report, known_inputs, run

    try:
        root = (options["root"] or find_root(paths)).absolute()
        config = RunConfig(
            paths=paths,
            root=root,
            as_of=_as_of(options["as_of"]),
            fail_on=FailOn(options["fail_on"]),
            engine=settings,
            max_file_size=options["max_file_size"],
            max_evidence_size=options["max_evidence_size"],
            config_file=options["config_file"],
            category=options["category"],
            expand_dossiers=options["expand_dossiers"],
        )
    except VendorgateError as exc:
        _fail(str(exc))
    try:
        if early_error is not None:
            raise early_error
        return run(config, engine)
    except VendorgateError as exc:
        _say("error", str(exc))
        return replace(failure_report(exc, config), inputs=known_inputs(config))


# `rules`, `explain` and `test-policies` find the profile as `check` does.
_config_option = click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path),
    help="Organisation profile (default: vendorgate.yaml at the repository root).",
)


def _profile_path(config_file: Path | None) -> tuple[Path | None, Path]:
    """The profile `check` would read from here, and the repository root."""
    from vendorgate.profile import find_profile

    root = find_root(()).absolute()
    return find_profile(config_file, root), root


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
)
@_config_option
def rules(fmt: str, config_file: Path | None) -> None:
    """List the rule catalog: id, level, title and source, with the profile's custom rules."""
    from vendorgate.catalog_view import render_rules

    try:
        click.echo(render_rules(fmt, *_profile_path(config_file)), nl=False)
    except VendorgateError as exc:
        _fail(str(exc))


@cli.command()
@click.argument("rule_id")
@_config_option
def explain(rule_id: str, config_file: Path | None) -> None:
    """Print one rule's full description, source and remedy."""
    from vendorgate.catalog_view import render_explain

    try:
        click.echo(render_explain(rule_id, *_profile_path(config_file)), nl=False)
    except VendorgateError as exc:
        _fail(str(exc))


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False), required=False)
@click.option("--vendor", required=True, help="The vendor id (a lower-case slug).")
def init(folder: Path | None, vendor: str) -> None:
    """Write a dossier skeleton for VENDOR into FOLDER (default: vendors/VENDOR)."""
    from vendorgate.output.escaping import visible
    from vendorgate.scaffold import write_skeleton

    try:
        written = write_skeleton(folder or Path("vendors") / vendor, vendor)
    except VendorgateError as exc:
        _fail(str(exc))
    for path in written:
        click.echo(f"wrote {visible(str(path))}")


@cli.command("test-policies")
@_config_option
@click.option("--opa-binary", envvar="VENDORGATE_OPA_BINARY", metavar="PATH")
def test_policies(config_file: Path | None, opa_binary: str | None) -> None:
    """Run `opa test` on the custom policies, with the built-in library beside them."""
    import subprocess

    from vendorgate.pipeline import rule_catalog
    from vendorgate.policy.opa_process import find_opa
    from vendorgate.profile import load_profile
    from vendorgate.resources import policies_dir

    try:
        path, root = _profile_path(config_file)
        if path is None:
            raise UsageError(
                f"no profile: {root / 'vendorgate.yaml'} does not exist and no --config was given;"
                " nothing to test"
            )
        profile = load_profile(path, root)
        if not profile.policies:
            raise UsageError(f"{profile.relpath} names no custom policy folders (policies:); nothing to test")
        rule_catalog(profile, root)
        binary = find_opa(opa_binary)
    except VendorgateError as exc:
        _fail(str(exc))
    done = subprocess.run(
        [str(binary), "test", str(policies_dir()), *map(str, profile.policies)], check=False
    )
    sys.exit(0 if done.returncode == 0 else int(ExitCode.FINDINGS))


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """Entry point: never a traceback; exit 2 for anything that kept the gate from deciding."""
    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        cli.main(
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
    except click.Abort:
        _fail("interrupted; nothing was checked")
    except (KeyboardInterrupt, _Terminated):
        _fail("interrupted; nothing was checked")
    except VendorgateError as exc:
        _fail(str(exc))
    except Exception as exc:
        if os.environ.get("VENDORGATE_DEBUG"):
            raise
        _fail(f"internal error ({type(exc).__name__}: {exc}); please report it with the input")
    sys.exit(0)
