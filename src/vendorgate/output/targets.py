"""Where a run's reports go: every target checked before anything is written, then two phases."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from vendorgate.errors import UsageError
from vendorgate.model import Report
from vendorgate.output import Formatter, OutputOptions, get_formatter, writes

STDOUT = "-"
SUMMARY_ENV = "GITHUB_STEP_SUMMARY"
# GitHub drops a step's whole job summary when its file grows past 1 MiB.
SUMMARY_LIMIT = 1024 * 1024

_NODE_KINDS = (
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


@dataclass(frozen=True)
class Target:
    """A file named by `--output` or `--summary`, as given and as an absolute path."""

    option: str
    name: str
    path: Path

    @property
    def label(self) -> str:
        return f"{self.option} {self.name}"


@dataclass(frozen=True)
class Request:
    """One report the command line asks for: a format, and the file of its `--output` (None: stdout)."""

    format: str
    file: str | None = None


def pair(given: Sequence[tuple[str, str]]) -> tuple[Request, ...]:
    """The requests of `--format` and `--output` values, ("format" | "output", value), in command-line order.

    Each --output belongs to the --format given just before it; one given before any
    --format is the default text format's; without any, text goes to stdout.
    """
    requests: list[Request] = []
    pending: str | None = None
    for option, value in given:
        if option == "format":
            requests.append(Request(value, pending))
            pending = None
        elif requests and requests[-1].file is None:
            requests[-1] = Request(requests[-1].format, value)
        elif not requests:
            pending = value
        else:
            raise UsageError(f"--output {value} follows a --format that already has an output")
    if pending is not None:
        requests.append(Request("text", pending))
    return tuple(requests) or (Request("text"),)


@dataclass(frozen=True)
class Output:
    """One report to write: its format's formatter, and its file (None: stdout)."""

    format: str
    formatter: Formatter
    target: Target | None

    def written(self, report: Report) -> bool:
        """Whether this output is written for `report`: a failed run writes nothing that reads as a pass."""
        return writes(self.formatter, report, to_file=self.target is not None)


@dataclass(frozen=True)
class Plan:
    """Every output of the command line, in its order, and the summary file."""

    outputs: tuple[Output, ...]
    summary: Target | None


def _kind(target: Target) -> str | None:
    """What the node at `target` is when it is not a regular file (None: regular or absent)."""
    try:
        mode = os.lstat(target.path).st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise UsageError(f"cannot write {target.label}: {exc.strerror}") from None
    if stat.S_ISREG(mode):
        return None
    return next((kind for test, kind in _NODE_KINDS if test(mode)), "not a regular file")


def _check_node(target: Target) -> None:
    """Refuse a target that is not a regular file, or whose folder cannot take a new file."""
    kind = _kind(target)
    if kind is not None:
        hint = " (or - for standard output)" if target.option == "--output" else ""
        raise UsageError(f"{target.label} is {kind}; name a regular file or a new one{hint}")
    folder = target.path.parent
    if not folder.is_dir():
        raise UsageError(f"cannot write {target.label}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK) and not (
        target.option == "--summary" and os.access(target.path, os.W_OK)
    ):
        raise UsageError(f"cannot write {target.label}: no permission to write in the folder {folder}")


def _identity(path: Path) -> tuple[str, tuple[int, int] | None]:
    try:
        st = os.stat(path)
    except OSError:
        return os.path.realpath(path), None
    return os.path.realpath(path), (st.st_dev, st.st_ino)


def _target(option: str, name: str) -> Target:
    return Target(option=option, name=name, path=Path(name).absolute())


def plan(
    requests: Sequence[Request],
    summary: str | None,
    environ: Mapping[str, str],
    options: OutputOptions | None = None,
) -> Plan:
    """Check every target before the run: a known format, a regular file or a new one, each named once."""
    outputs = tuple(
        Output(
            format=request.format,
            formatter=get_formatter(request.format, options),
            target=None if request.file in (None, STDOUT) else _target("--output", str(request.file)),
        )
        for request in requests
    )
    summary_target: Target | None = None
    if summary == "auto":
        value = environ.get(SUMMARY_ENV)
        summary_target = _target("--summary", value) if value else None
    elif summary:
        summary_target = _target("--summary", summary)
    targets = [output.target for output in outputs if output.target is not None]
    if summary_target is not None:
        targets.append(summary_target)
    seen: list[tuple[Target, str, tuple[int, int] | None]] = []
    for target in targets:
        _check_node(target)
        real, node = _identity(target.path)
        for other, other_real, other_node in seen:
            if real == other_real or (node is not None and node == other_node):
                raise UsageError(
                    f"{target.label} names the same file as {other.label}; give each output its own file"
                )
        seen.append((target, real, node))
    return Plan(outputs=outputs, summary=summary_target)


def _check_inputs(targets: Sequence[Target], inputs: Mapping[str, str]) -> None:
    """Refuse a target that is a file the run read: a report never overwrites its own input."""
    by_node: dict[tuple[int, int], str] | None = None
    for target in targets:
        real, node = _identity(target.path)
        role = inputs.get(real)
        if role is None and node is not None:
            if by_node is None:
                by_node = {}
                for path, what in inputs.items():
                    with contextlib.suppress(OSError):
                        info = os.stat(path)
                        by_node.setdefault((info.st_dev, info.st_ino), what)
            role = by_node.get(node)
        if role is not None:
            raise UsageError(f"{target.label} is {role} of this run; write the report to another file")


def _stage(target: Target, text: str) -> str:
    """Write `text` to a 0600 temp file beside `target` and return its name; nothing renamed yet."""
    _check_node(target)
    fd, temp = tempfile.mkstemp(prefix=".vendorgate-", suffix=".tmp", dir=target.path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return temp


def _closing(where: str) -> str:
    return (
        f"\n*This summary was cut here to stay under GitHub's 1 MiB limit; the full report is in {where}.*\n"
    )


def fit_summary(text: str, budget: int, where: str) -> bytes | None:
    """`text` as UTF-8 in at most `budget` bytes: whole lines, then a line saying it was cut."""
    data = text.encode("utf-8")
    if len(data) <= budget:
        return data
    closing = _closing(where).encode("utf-8")
    room = budget - len(closing)
    if room < 0:
        return None
    kept = bytearray()
    for line in text.splitlines(keepends=True):
        encoded = line.encode("utf-8")
        if len(kept) + len(encoded) > room:
            break
        kept += encoded
    return bytes(kept) + closing


def _append_summary(target: Target, text: str, where: str) -> tuple[str | None, int | None]:
    """Append `text` on a line of its own, within GitHub's limit.

    Returns a warning when there is no room, and the file's size before the append, so that
    a run that fails afterwards can take its summary back.
    """
    _check_node(target)
    flags = os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    readable = True
    try:
        try:
            fd = os.open(target.path, os.O_RDWR | flags, 0o666)
        except PermissionError:
            readable = False
            fd = os.open(target.path, os.O_WRONLY | flags, 0o666)
    except OSError as exc:
        raise UsageError(f"cannot write {target.label}: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UsageError(f"{target.label} is not a regular file; name a regular file or a new one")
        size = info.st_size
        # Markdown appended to a last line without its newline would join that line.
        if size and (not readable or os.pread(fd, 1, size - 1) != b"\n"):
            text = "\n" + text
        data = fit_summary(text, SUMMARY_LIMIT - 1 - size, where)
        if data is None:
            warning = (
                f"{target.label} already holds {size} bytes, at GitHub's 1 MiB limit for a job"
                " summary; no summary was added"
            )
            return warning, None
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        except OSError as exc:
            # Take back a part written: a half summary could end on the verdict line alone.
            with contextlib.suppress(OSError):
                os.ftruncate(fd, size)
            raise UsageError(f"cannot write {target.label}: {exc.strerror}; no output was written") from None
    except OSError as exc:
        raise UsageError(f"cannot write {target.label}: {exc.strerror}; no output was written") from None
    finally:
        os.close(fd)
    return None, size


def _take_back(target: Target, size: int) -> None:
    """Cut the summary file back to `size` bytes, as it was before this run appended to it."""
    with contextlib.suppress(OSError):
        fd = os.open(target.path, os.O_WRONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        try:
            os.ftruncate(fd, size)
        finally:
            os.close(fd)


def _where(files: Sequence[Target], to_stdout: bool) -> str:
    from vendorgate.output.summary import escape_markdown

    places = [escape_markdown(t.name) for t in files]
    if to_stdout or not places:
        places.append("the job log")
    return ", ".join(places[:-1]) + " and " + places[-1] if len(places) > 1 else places[0]


def write(plan: Plan, report: Report) -> list[str]:
    """Write every file of `plan` for `report`, or none: returns warnings, raises UsageError.

    Every report is rendered and written to a temp file beside its target, the summary is
    appended, and only then are the temp files renamed over their targets; a failure before
    the renames leaves every target as it was.
    """
    to_files = [o for o in plan.outputs if o.target is not None and o.written(report)]
    files = [o.target for o in to_files if o.target is not None]
    _check_inputs([*files, *([plan.summary] if plan.summary else [])], report.inputs)
    rendered = [
        (target, output.formatter.render(report)) for target, output in zip(files, to_files, strict=True)
    ]
    warnings: list[str] = []
    staged: list[tuple[Target, str]] = []
    appended: int | None = None
    try:
        for target, text in rendered:
            try:
                staged.append((target, _stage(target, text)))
            except OSError as exc:
                raise UsageError(
                    f"cannot write {target.label}: {exc.strerror}; no output was written"
                ) from None
        if plan.summary is not None:
            from vendorgate.output.summary import render_summary

            to_stdout = any(o.target is None and o.written(report) for o in plan.outputs)
            warning, appended = _append_summary(
                plan.summary, render_summary(report), _where(files, to_stdout)
            )
            if warning:
                warnings.append(warning)
        while staged:
            target, temp = staged[0]
            try:
                os.replace(temp, target.path)
            except OSError as exc:
                raise UsageError(f"cannot write {target.label}: {exc.strerror}") from None
            staged.pop(0)
    except BaseException:
        # The run ends in exit 2 (or an interrupt): its summary must not stand as a verdict.
        if plan.summary is not None and appended is not None:
            _take_back(plan.summary, appended)
        raise
    finally:
        for _, temp in staged:
            Path(temp).unlink(missing_ok=True)
    return warnings
