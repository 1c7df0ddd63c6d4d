"""Runs one `vendorgate check` in this process with timers around each phase, for run.py.

The engine is not changed: an import hook wraps the engine's functions and methods with timers
right after their module executes (stream.load_all, stream._validate, LocalOpa.load and
evaluate, ManagedOpa.start and wait_ready, the formatter's render, ...), so every later
`from x import y` already sees the timed version, and no module is imported earlier than the
command line itself imports it (vendorgate starts OPA before its heavy imports; importing them
here first would hide that overlap). Time spent executing modules is the "imports" phase.
Phases whose function no longer exists are reported as missing instead of failing.

    .venv/bin/python benchmarks/phases.py TREE --as-of 2026-12-01 --output report.json \\
        --json phases.json --t0 EPOCH

`--t0` is the caller's time.time() just before it started this process, so that interpreter
start-up is measured too; `--output` is where vendorgate writes its JSON report.
"""

from __future__ import annotations

import time

PROCESS_STARTED = time.time()

import argparse  # noqa: E402 - after the clock read, on purpose
import functools  # noqa: E402
import importlib.abc  # noqa: E402
import importlib.machinery  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from pathlib import Path  # noqa: E402
from types import ModuleType  # noqa: E402
from typing import Any  # noqa: E402

# Phase names, in the order a run goes through them.
PHASES = (
    "python start-up",
    "imports",
    "opa version check",
    "OPA spawn",
    "catalog + profile",
    "discover",
    "loading",
    "schema validation",
    "evidence",
    "OPA ready wait",
    "policy upload",
    "OPA evaluation",
    "findings mapping",
    "output",
    "OPA stop",
    "other",
)

# The five groups: start-up, loading, schema validation, OPA evaluation, output.
GROUPS: dict[str, tuple[str, ...]] = {
    "start-up": (
        "python start-up",
        "imports",
        "opa version check",
        "OPA spawn",
        "catalog + profile",
        "OPA ready wait",
        "policy upload",
        "OPA stop",
        "other",
    ),
    "loading": ("discover", "loading", "evidence"),
    "schema validation": ("schema validation",),
    "OPA evaluation": ("OPA evaluation", "findings mapping"),
    "output": ("output",),
}

# Where each phase's function is defined: module -> (attribute path, phase).
TARGETS: dict[str, tuple[tuple[str, str], ...]] = {
    "vendorgate.policy.opa_process": (
        ("check_version", "opa version check"),
        ("ManagedOpa.start", "OPA spawn"),
        ("ManagedOpa.wait_ready", "OPA ready wait"),
        ("ManagedOpa.stop", "OPA stop"),
    ),
    "vendorgate.profile": (("load_profile", "catalog + profile"),),
    "vendorgate.loading.files": (("discover", "discover"),),
    "vendorgate.policy.engine": (
        ("LocalOpa.load", "policy upload"),
        ("LocalOpa.evaluate", "OPA evaluation"),
        ("RemoteOpa.load", "policy upload"),
        ("RemoteOpa.evaluate", "OPA evaluation"),
    ),
    "vendorgate.catalog": (("builtin_catalog", "catalog + profile"),),
    "vendorgate.policy.contract": (("to_findings", "findings mapping"),),
    "vendorgate.stream": (
        ("load_all", "loading"),
        ("_parse_findings", "loading"),
        ("_validate", "schema validation"),
        ("_evidence", "evidence"),
    ),
    "vendorgate.output.targets": (("write", "output"),),
    "vendorgate.output": (("get_formatter", "output formatter"),),
}


class Timers:
    """Accumulates wall seconds per phase; a timed call inside another counts for the outer one."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.missing: list[str] = []
        self._depth = 0

    def timed(self, function: Callable[..., Any], phase: str) -> Callable[..., Any]:
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            if self._depth:
                return function(*args, **kwargs)
            self._depth += 1
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self._depth -= 1
                self.seconds[phase] = self.seconds.get(phase, 0.0) + time.perf_counter() - start

        return timed

    def patch(self, module: ModuleType, targets: Sequence[tuple[str, str]]) -> None:
        for path, phase in targets:
            *owners, name = path.split(".")
            owner: Any = module
            for part in owners:
                owner = getattr(owner, part, None)
            original = getattr(owner, name, None) if owner is not None else None
            if not callable(original):
                self.missing.append(f"{module.__name__}.{path}")
            elif phase == "output formatter":
                setattr(owner, name, self._formatter_factory(original))
            else:
                setattr(owner, name, self.timed(original, phase))

    def _formatter_factory(self, get_formatter: Callable[..., Any]) -> Callable[..., Any]:
        def timed_get_formatter(*args: Any, **kwargs: Any) -> Any:
            formatter = get_formatter(*args, **kwargs)
            render = getattr(formatter, "render", None)
            if callable(render):
                formatter.render = self.timed(render, "output")
            return formatter

        return timed_get_formatter


class ImportTimer(importlib.abc.MetaPathFinder):
    """Times every module execution as "imports" and patches TARGETS right after they run."""

    def __init__(self, timers: Timers) -> None:
        self.timers = timers
        self.seen: set[str] = set()
        self._finding = False

    def find_spec(
        self, fullname: str, path: Any, target: Any = None
    ) -> importlib.machinery.ModuleSpec | None:
        if self._finding:
            return None
        self._finding = True
        try:
            spec = None
            for finder in sys.meta_path:
                if finder is not self and hasattr(finder, "find_spec"):
                    spec = finder.find_spec(fullname, path, target)
                    if spec is not None:
                        break
        finally:
            self._finding = False
        loader = spec.loader if spec is not None else None
        if isinstance(loader, importlib.machinery.SourceFileLoader | importlib.machinery.ExtensionFileLoader):
            self._wrap(loader, fullname)
        return spec

    def _wrap(self, loader: Any, fullname: str) -> None:
        execute = self.timers.timed(loader.exec_module, "imports")

        def exec_module(module: ModuleType) -> None:
            execute(module)
            if fullname in TARGETS:
                self.seen.add(fullname)
                self.timers.patch(module, TARGETS[fullname])

        loader.exec_module = exec_module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="vendorgate check with per-phase timers")
    parser.add_argument("tree", type=Path)
    parser.add_argument("--as-of", required=True)
    parser.add_argument("--output", type=Path, required=True, help="vendorgate's JSON report")
    parser.add_argument("--json", type=Path, required=True, help="where to write the phase timings")
    parser.add_argument("--t0", type=float, default=PROCESS_STARTED, help="caller's time.time() at spawn")
    args = parser.parse_args(argv)

    timers = Timers()
    timers.seconds["python start-up"] = max(0.0, PROCESS_STARTED - args.t0)
    hook = ImportTimer(timers)
    sys.meta_path.insert(0, hook)
    command = [
        "check",
        str(args.tree),
        "--as-of",
        args.as_of,
        "--format",
        "json",
        "--output",
        str(args.output),
    ]
    try:
        cli: Any = timers.timed(importlib.import_module, "imports")("vendorgate.cli")
        cli.main(command)
    except SystemExit as done:
        exit_code = done.code if isinstance(done.code, int) else 2
    else:
        exit_code = 0
    finally:
        sys.meta_path.remove(hook)
    total = time.time() - args.t0
    timers.seconds["other"] = max(0.0, total - sum(timers.seconds.values()))
    missing = timers.missing + [f"{name} (never imported)" for name in TARGETS if name not in hook.seen]
    result = {
        "exit_code": exit_code,
        "total": total,
        "phases": {phase: round(timers.seconds.get(phase, 0.0), 4) for phase in PHASES},
        "missing": missing,
    }
    args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
