"""`vendorgate check`: typed options → a frozen RunConfig and an output plan → the run → files → exit code."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from vendorgate.commands import config_option, find_root, say
from vendorgate.defaults import MAX_EVIDENCE_BYTES, MAX_FILE_BYTES, OPA_STARTUP_SECONDS, OPA_TIMEOUT_SECONDS
from vendorgate.errors import UsageError, VendorgateError
from vendorgate.model import ExitCode, FailOn, Report
from vendorgate.output import check_format

if TYPE_CHECKING:
    from vendorgate.model import Finding
    from vendorgate.output.targets import Plan
    from vendorgate.pipeline import RunConfig
    from vendorgate.policy.engine import PolicyEngine

TOKEN_ENV = "VENDORGATE_OPA_TOKEN"
# Where click's parser notes the order in which it met --format and --output.
_ORDER = "vendorgate.order"


class _CheckCommand(click.Command):
    """Notes the order in which click's own parser met each option: each --output pairs with
    the --format given just before it, which the per-option value tuples no longer say."""

    def make_parser(self, ctx: click.Context) -> Any:
        parser = super().make_parser(ctx)
        parse: Callable[[list[str]], tuple[Any, list[str], list[click.Parameter]]] = parser.parse_args

        def parse_in_order(args: list[str]) -> tuple[Any, list[str], list[click.Parameter]]:
            opts, rest, order = parse(args)
            ctx.meta[_ORDER] = tuple(param.name for param in order)
            return opts, rest, order

        # The parser is click's own and parses once; this only keeps the order it returns.
        parser.parse_args = parse_in_order  # type: ignore[method-assign]
        return parser


class FormatName(click.types.StringParamType):
    """A registered output format; an unknown one is refused with the list of known ones."""

    name = "format"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        return check_format(str(value))


class IsoDate(click.types.StringParamType):
    """A calendar date written YYYY-MM-DD, kept as that text."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value)
        try:
            parsed = date.fromisoformat(text)
        except ValueError:
            parsed = None
        if parsed is None or len(text) != 10:
            raise UsageError(f"--as-of {text!r} is not a date; write it as YYYY-MM-DD")
        return parsed.isoformat()


def output_requests(
    order: tuple[str | None, ...], formats: tuple[str, ...], outputs: tuple[str, ...]
) -> list[tuple[str, str]]:
    """The --format and --output values as ("format" | "output", value), in the order given."""
    values = {"formats": iter(formats), "outputs": iter(outputs)}
    return [
        ("format" if name == "formats" else "output", next(values[name])) for name in order if name in values
    ]


def opa_url_list(values: tuple[str, ...]) -> tuple[str, ...]:
    """The servers of every --opa-url, each a URL or a comma list of them; an empty item is refused."""
    urls: list[str] = []
    for value in values:
        items = [item.strip() for item in value.split(",")]
        if any(not item for item in items):
            raise UsageError(f"--opa-url {value!r} has an empty item; give URLs separated by commas")
        urls.extend(items)
    return tuple(urls)


@click.command(cls=_CheckCommand)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-f",
    "--format",
    "formats",
    type=FormatName(),
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
    type=IsoDate(),
    metavar="YYYY-MM-DD",
    help="Evaluation date for every date rule (default: today).",
)
@config_option
@click.option(
    "--root",
    type=click.Path(path_type=Path, file_okay=False),
    help="Repository root that paths are reported against (default: the git root).",
)
@click.option(
    "--opa-url",
    "opa_urls",
    envvar="VENDORGATE_OPA_URL",
    multiple=True,
    metavar="URL",
    help="Evaluate on running OPA servers serving the `vendorgate bundle` (repeat, or a comma"
    " list; token from $VENDORGATE_OPA_TOKEN). Nothing is uploaded.",
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
    default=OPA_TIMEOUT_SECONDS,
    show_default=True,
    help="Seconds OPA may take for each whole answer (not each read).",
)
@click.option(
    "--opa-startup-timeout",
    type=click.FloatRange(min=0.1),
    default=OPA_STARTUP_SECONDS,
    show_default=True,
    help="Seconds to wait for a managed OPA to become ready.",
)
@click.option(
    "--max-file-size",
    type=click.IntRange(min=1),
    default=MAX_FILE_BYTES,
    show_default=True,
    help="Largest dossier file read, in bytes.",
)
@click.option(
    "--max-evidence-size",
    type=click.IntRange(min=1),
    default=MAX_EVIDENCE_BYTES,
    show_default=True,
    metavar="BYTES",
    help="Largest evidence file hashed to check its sha256 (DOS-004 reports larger ones).",
)
@click.option("--category", default="", help="SARIF automationDetails category.")
@click.option(
    "--sarif-waived",
    type=click.Choice(["suppress", "omit"]),
    default="suppress",
    show_default=True,
    help="SARIF: write each waived finding as a result with `suppressions` (suppress), or"
    " leave it out (omit: GitHub code scanning ignores `suppressions`).",
)
@click.option(
    "--max-annotations",
    type=click.IntRange(min=0),
    default=10,
    show_default=True,
    metavar="N",
    help="github format: at most N error and N warning annotations, the most severe first"
    " (GitHub shows 10 of each per step); 0 for no limit.",
)
@click.option(
    "--expand-dossiers",
    is_flag=True,
    help="Treat PATHS as changed files (pre-commit): check, whole, every dossier they"
    " belong to, reading its other documents from the repository.",
)
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="REPORT.json",
    help="Compare with the --format json report of an earlier run: each finding is new,"
    " unchanged or updated, and the report lists the fixed ones.",
)
@click.option(
    "--baseline-ref",
    metavar="GIT_REF",
    help="Compare with the same paths evaluated at GIT_REF (e.g. the pull request's base),"
    " in a temporary git worktree.",
)
@click.option(
    "--fail-on-new",
    is_flag=True,
    help="With a baseline: only new and updated findings fail the gate; unchanged ones are"
    " still reported, as existing.",
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
    *,
    paths: tuple[Path, ...],
    formats: tuple[str, ...],
    outputs: tuple[str, ...],
    fail_on: str,
    as_of: str | None,
    config_file: Path | None,
    root: Path | None,
    opa_urls: tuple[str, ...],
    allow_insecure_opa: bool,
    opa_binary: str | None,
    opa_timeout: float,
    opa_startup_timeout: float,
    max_file_size: int,
    max_evidence_size: int,
    category: str,
    sarif_waived: str,
    max_annotations: int,
    expand_dossiers: bool,
    baseline_file: Path | None,
    baseline_ref: str | None,
    fail_on_new: bool,
    summary: str | None,
) -> ExitCode:
    """Check the vendor dossiers under PATHS (default: the profile's paths, else the repository)."""
    from vendorgate.output import OutputOptions, targets

    # Every target is checked before anything is evaluated: a command line that
    # cannot write its reports costs no run.
    requests = targets.pair(output_requests(ctx.meta.get(_ORDER, ()), formats, outputs))
    plan = targets.plan(
        requests,
        summary,
        os.environ,
        OutputOptions(category=category, sarif_waived=sarif_waived, max_annotations=max_annotations),
    )

    if baseline_file is not None and baseline_ref is not None:
        raise UsageError("give --baseline or --baseline-ref, not both")
    if fail_on_new and baseline_file is None and baseline_ref is None:
        raise UsageError("--fail-on-new needs --baseline REPORT.json or --baseline-ref GIT_REF")
    # A baseline file is read before anything is evaluated: a wrong file costs no run.
    from vendorgate import baseline as baselines

    baseline = None if baseline_file is None else baselines.read_baseline(baseline_file)
    repository = (root or find_root(paths)).absolute()
    if baseline_ref is not None:
        baselines.verify_ref(repository, baseline_ref)

    from vendorgate.policy.engine import EngineSettings, policy_engine

    settings = EngineSettings(
        urls=opa_url_list(opa_urls),
        token=os.environ.get(TOKEN_ENV) or None,
        allow_insecure=allow_insecure_opa,
        binary=opa_binary,
        timeout=opa_timeout,
        startup_timeout=opa_startup_timeout,
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
        from vendorgate.pipeline import RunConfig

        config = RunConfig(
            paths=paths,
            root=repository,
            as_of=as_of or date.today().isoformat(),
            fail_on=FailOn(fail_on),
            engine=settings,
            max_file_size=max_file_size,
            max_evidence_size=max_evidence_size,
            config_file=config_file,
            expand_dossiers=expand_dossiers,
        )
        report = _evaluate(config, engine, early_error)
    finally:
        engine.stop()
    if report.execution_successful and (baseline is not None or baseline_ref is not None):
        report = _compare(report, config, baseline, baseline_ref, fail_on_new=fail_on_new)
    return _write(plan, report)


def _at_ref(config: RunConfig, tree: Path) -> RunConfig:
    """`config` for the same paths in `tree`, a checkout of the repository at another commit."""

    def moved(path: Path) -> Path:
        absolute = path if path.is_absolute() else Path.cwd() / path
        try:
            return tree / absolute.relative_to(config.root)
        except ValueError:
            return absolute

    config_file = config.config_file
    if config_file is not None and moved(config_file).exists():
        config_file = moved(config_file)
    return replace(
        config,
        root=tree,
        paths=tuple(moved(p) for p in config.paths if moved(p).exists()),
        config_file=config_file,
    )


def _compare(
    report: Report, config: RunConfig, baseline: list[Finding] | None, ref: str | None, *, fail_on_new: bool
) -> Report:
    """`report` classified against the baseline; a baseline that could not be made fails the run."""
    from vendorgate import baseline as baselines
    from vendorgate.pipeline import failure_report, run

    def evaluate(tree: Path) -> Report:
        moved = _at_ref(config, tree)
        if config.paths and not moved.paths:
            # None of the paths existed at the base (a new dossier): nothing was reported there.
            return replace(report, findings=())
        try:
            return run(moved)
        except VendorgateError as exc:
            return failure_report(exc, moved)

    try:
        entries = baselines.at_ref(config.root, ref, evaluate) if ref is not None else baseline or []
    except VendorgateError as exc:
        say("error", str(exc))
        return replace(report, execution_successful=False, error=str(exc))
    return baselines.classify(report, entries, fail_on_new=fail_on_new)


def _evaluate(config: RunConfig, engine: PolicyEngine, early_error: VendorgateError | None) -> Report:
    """Run `config`; a failure to evaluate becomes a failure report, which is still written."""
    from vendorgate.pipeline import failure_report, known_inputs, run

    try:
        if early_error is not None:
            raise early_error
        return run(config, engine)
    except VendorgateError as exc:
        say("error", str(exc))
        return replace(failure_report(exc, config), inputs=known_inputs(config))


def _write(plan: Plan, report: Report) -> ExitCode:
    """Write the files of `plan`, then what goes to stdout; a failed write fails the run."""
    from vendorgate.output import targets

    try:
        for warning in targets.write(plan, report):
            say("warning", warning)
    except VendorgateError as exc:
        # No file was written; what goes to stdout now says the run failed, not its verdict.
        say("error", str(exc))
        report = replace(report, execution_successful=False, error=str(exc))
    for output in plan.outputs:
        if output.target is None and output.written(report):
            click.echo(output.formatter.render(report), nl=False)
    return report.exit_code
