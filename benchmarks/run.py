"""The vendorgate benchmark (`make bench`): vendorgate against conftest and a raw `opa eval`.

For each size N (1, 100, 1,000 and 10,000 dossiers by default) it generates a seeded tree of
dossiers (cached under benchmarks/out/, which git ignores) and measures:

* vendorgate end to end, cold (it starts its own OPA): wall time (median of several runs),
  files per second, and the peak RSS of vendorgate and of its OPA child, each sampled from
  /proc/<pid>/status (VmHWM) while it runs;
* where vendorgate's time goes (start-up, loading, schema validation, OPA evaluation,
  output, and finer phases), from one extra run through benchmarks/phases.py;
* conftest over the same files with the equivalent deny-style policies in
  benchmarks/conftest-policies (installed with `go install` when missing; skipped with a
  message when that is impossible), and the ratio vendorgate/conftest;
* a raw `opa eval` of vendorgate's own policies over vendorgate's own input in one batch
  (built by benchmarks/opa_input.py), and the ratio vendorgate/raw OPA;
* the pre-commit case (benchmarks/precommit.py): `check --expand-dossiers` on one file of the
  N-dossier tree against the same file in the one-dossier tree, paired, and their ratio.

It prints the machine, versions and date, then Markdown tables ready for benchmarks/README.md,
and writes every sample to benchmarks/out/results-<time>.json.

    .venv/bin/python benchmarks/run.py                 # 1, 100, 1000, 10000
    .venv/bin/python benchmarks/run.py --sizes 1,100   # only these sizes
    .venv/bin/python benchmarks/run.py --quick         # fewer runs; 10,000 only if named
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
OUT = BENCH / "out"
POLICIES = BENCH / "conftest-policies"
# The virtual environment's bin/ (run with .venv/bin/python; not resolved, a venv python is a link).
BIN = Path(sys.executable).parent
AS_OF = "2026-12-01"
SEED = 7
DEFAULT_SIZES = (1, 100, 1_000, 10_000)
CONFTEST_PACKAGE = "github.com/open-policy-agent/conftest@latest"
MB = 1024 * 1024

sys.path.insert(0, str(BENCH))

import generate  # noqa: E402 - benchmarks/ is not a package
import precommit  # noqa: E402
from phases import GROUPS, PHASES  # noqa: E402

# Rules conftest can express completely on one document, and those it covers only in part.
FULL_RULES = (
    "DOS-003", "GOV-004", "CERT-001", "CERT-002", "CERT-004", "CERT-006", "ENC-001", "ENC-002",
    "ENC-004", "TRN-001", "ACC-001", "ACC-002", "ACC-003", "LOG-001", "LOG-003", "IR-004", "SUB-001",
    "SUB-003", "AI-005", "GOV-001", "GOV-002", "SUB-002", "CTR-004", "EXIT-001", "EXIT-002",
    "EXIT-003", "GOV-003",
)  # fmt: skip
PARTIAL_RULES = ("LOG-002", "AI-002", "AI-001", "IR-001", "IR-003", "CTR-005", "EXIT-004", "XFR-001")


class BenchError(Exception):
    """A tool failed in a way that makes its numbers meaningless."""


@dataclass
class Sample:
    """One measured process run."""

    wall: float
    exit_code: int
    rss_mb: float
    child_rss_mb: dict[str, float] = field(default_factory=dict)
    workers_rss_mb: float = 0.0
    wait4_maxrss_mb: float = 0.0


@dataclass
class SizeResult:
    """Everything measured for one N."""

    dossiers: int
    files: int
    generated: dict[str, Any]
    vendorgate: list[Sample] = field(default_factory=list)
    vendorgate_findings: int | None = None
    phases: dict[str, float] = field(default_factory=dict)
    conftest: list[Sample] = field(default_factory=list)
    conftest_failures: int | None = None
    raw_opa: list[Sample] = field(default_factory=list)
    raw_opa_eval_s: float | None = None
    raw_opa_input_mb: float | None = None
    agreement: dict[str, Any] | None = None
    pre_commit: precommit.PreCommitResult | None = None


# --------------------------------------------------------------------------- measuring


def _children(pid: int) -> list[int]:
    found: list[int] = []
    with contextlib.suppress(OSError):
        for task in os.listdir(f"/proc/{pid}/task"):
            with contextlib.suppress(OSError), open(f"/proc/{pid}/task/{task}/children") as handle:
                found.extend(int(p) for p in handle.read().split())
    return found


def _status(pid: int) -> tuple[str, int] | None:
    """(name, VmHWM in kB) of a live process, None when it is gone."""
    name, hwm = "", 0
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("Name:"):
                    name = line.split()[1]
                elif line.startswith("VmHWM:"):
                    hwm = int(line.split()[1])
                    break
    except (OSError, ValueError, IndexError):
        return None
    return name, hwm


class PeakRss:
    """Samples the peak RSS (VmHWM) of a process and of every descendant, by pid, until stopped."""

    def __init__(self, pid: int, interval: float = 0.01) -> None:
        self.pid = pid
        self.interval = interval
        self.peaks: dict[int, tuple[str, int]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        while not self._stop.is_set():
            pending = [self.pid]
            while pending:
                pid = pending.pop()
                status = _status(pid)
                if status is None:
                    continue
                name, hwm = status
                if hwm > self.peaks.get(pid, ("", 0))[1]:
                    self.peaks[pid] = (name, hwm)
                pending.extend(_children(pid))
            self._stop.wait(self.interval)

    def own_mb(self) -> float:
        return self.peaks.get(self.pid, ("", 0))[1] / 1024

    def children_mb(self) -> dict[str, float]:
        """Largest peak per process name among the descendants (e.g. {'opa': 80.5})."""
        by_name: dict[str, float] = {}
        for pid, (name, hwm) in self.peaks.items():
            if pid != self.pid:
                by_name[name] = max(by_name.get(name, 0.0), hwm / 1024)
        return by_name

    def workers_mb(self) -> float:
        """Sum of the peaks of the descendants that are not OPA (e.g. a pool of loader processes)."""
        return sum(hwm for pid, (name, hwm) in self.peaks.items() if pid != self.pid and name != "opa") / 1024


def measure(
    command: Sequence[str | Path], *, stdout: Path | None = None, ok: Sequence[int] = (0, 1)
) -> Sample:
    """Run one command from the repository root; wall time, exit code and peak RSS."""
    with tempfile.TemporaryFile() as errors, contextlib.ExitStack() as stack:
        out = stack.enter_context(stdout.open("wb")) if stdout else subprocess.DEVNULL
        start = time.perf_counter()
        process = subprocess.Popen(
            [str(c) for c in command],
            cwd=REPO,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=errors,
            env=MEASURED_ENVIRONMENT,
        )
        with PeakRss(process.pid) as rss:
            _, status, usage = os.wait4(process.pid, 0)
            wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in ok:
            errors.seek(0)
            tail = errors.read()[-800:].decode("utf-8", "replace").strip()
            raise BenchError(f"{Path(str(command[0])).name} exited {process.returncode}: {tail}")
    return Sample(
        wall=wall,
        exit_code=process.returncode,
        rss_mb=rss.own_mb(),
        child_rss_mb=rss.children_mb(),
        workers_rss_mb=rss.workers_mb(),
        wait4_maxrss_mb=usage.ru_maxrss / 1024,
    )


# What a user gets: no bytecode cache written or read (a cold run of an editable install compiles).
MEASURED_ENVIRONMENT = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}


def median_wall(samples: Sequence[Sample]) -> float | None:
    return statistics.median(s.wall for s in samples) if samples else None


# --------------------------------------------------------------------------- tools


def ensure_conftest(skip: bool) -> Path | None:
    """conftest from the venv or PATH, installed with `go install` when missing; None to skip."""
    if skip:
        print("conftest: skipped (--no-conftest)")
        return None
    for candidate in (BIN / "conftest", shutil.which("conftest")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return Path(candidate)
    go = shutil.which("go")
    if go is None:
        print("conftest: SKIPPED: it is not installed and `go` is not on PATH to install it", file=sys.stderr)
        return None
    print(f"conftest: installing with GOBIN={BIN} go install {CONFTEST_PACKAGE} (takes a few minutes)")
    try:
        subprocess.run(
            [go, "install", CONFTEST_PACKAGE],
            env={**os.environ, "GOBIN": str(BIN)},
            check=True,
            timeout=1800,
            capture_output=True,
            text=True,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        detail = getattr(exc, "stderr", None) or str(exc)
        print(f"conftest: SKIPPED: `go install` failed: {str(detail).strip()[-400:]}", file=sys.stderr)
        return None
    installed = BIN / "conftest"
    return installed if installed.is_file() else None


def find_opa() -> Path:
    from vendorgate.policy.opa_process import find_opa as vendorgate_find_opa

    return vendorgate_find_opa()


def policy_files() -> list[Path]:
    from vendorgate.policy.metadata import rego_files
    from vendorgate.resources import policies_dir

    return rego_files([policies_dir()])


def _output(command: Sequence[str | Path]) -> str:
    try:
        done = subprocess.run(
            [str(c) for c in command], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout.strip()


def environment(conftest: Path | None, opa: Path) -> dict[str, Any]:
    """The machine, versions, date and source revision the numbers belong to."""
    meminfo = Path("/proc/meminfo").read_text().split("\n", 1)[0].split()
    conftest_version = None
    if conftest is not None:
        module = re.search(r"^\s*mod\s+\S+\s+(\S+)", _output(["go", "version", "-m", conftest]), re.MULTILINE)
        embedded = re.search(r"OPA:\s*(\S+)", _output([conftest, "--version"]))
        conftest_version = (module.group(1) if module else "unknown") + (
            f" (embeds OPA {embedded.group(1)})" if embedded else ""
        )
    opa_version = re.search(r"^Version:\s*(\S+)", _output([opa, "version"]), re.MULTILINE)
    dirty = _output(["git", "-C", REPO, "status", "--porcelain", "--", "src", "policies"])
    return {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "cpus": len(os.sched_getaffinity(0)),
        "cpu_model": _cpu_model(),
        "memory_gib": round(int(meminfo[1]) / 1024 / 1024, 1) if len(meminfo) > 1 else None,
        "kernel": platform.release(),
        "python": platform.python_version(),
        "opa": opa_version.group(1) if opa_version else "unknown",
        "conftest": conftest_version,
        "vendorgate_commit": _output(["git", "-C", REPO, "rev-parse", "--short", "HEAD"]),
        "src_or_policies_modified": bool(dirty),
        "load_average_start": os.getloadavg(),
    }


def _cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


# --------------------------------------------------------------------------- data


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for path in [BENCH / "generate.py", *sorted(generate.EXAMPLE.glob("*.yaml"))]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def dataset(count: int, seed: int, regenerate: bool) -> tuple[Path, dict[str, Any]]:
    """The tree of `count` dossiers, generated once and reused while the generator is unchanged."""
    tree = OUT / f"dossiers-{count}-seed{seed}"
    stamp = OUT / f"dossiers-{count}-seed{seed}.json"
    fingerprint = _fingerprint()
    if not regenerate and tree.is_dir() and stamp.is_file():
        recorded = json.loads(stamp.read_text())
        if recorded.get("fingerprint") == fingerprint:
            return tree, recorded["summary"]
    shutil.rmtree(tree, ignore_errors=True)
    started = time.perf_counter()
    summary = generate.generate(tree, count, seed)
    described = {
        "dossiers": summary.dossiers,
        "files": summary.files,
        "clean": summary.clean,
        "multi_document": summary.multi_document,
        "json_files": summary.json_files,
        "with_evidence": summary.with_evidence,
        "mutations": dict(summary.mutations.most_common()),
    }
    stamp.write_text(json.dumps({"fingerprint": fingerprint, "summary": described}, indent=2))
    print(f"  generated {count} dossiers ({summary.files} files) in {time.perf_counter() - started:.1f} s")
    return tree, described


# --------------------------------------------------------------------------- runs


def runs_for(count: int, quick: bool, override: int | None) -> int:
    if override:
        return override
    if quick:
        return 3 if count == 1 else 1
    if count <= 100:
        return 5
    return 3 if count <= 1_000 else 1


def vendorgate_command(tree: Path, report: Path) -> list[str | Path]:
    return [BIN / "vendorgate", "check", tree, "--as-of", AS_OF, "--format", "json", "--output", report]


def conftest_command(conftest: Path, tree: Path) -> list[str | Path]:
    return [
        conftest,
        "test",
        tree,
        "--policy",
        POLICIES,
        "--namespace",
        "main",
        "--output",
        "json",
        "--no-color",
    ]


def opa_command(opa: Path, input_file: Path) -> list[str | Path]:
    command: list[str | Path] = [opa, "eval", "--format", "json", "--metrics", "--input", input_file]
    for path in policy_files():
        command += ["--data", path]
    return [*command, "data.vendorgate.main.findings"]


def run_phases(tree: Path, scratch: Path) -> dict[str, float]:
    """One in-process run with timers around each phase (benchmarks/phases.py)."""
    timings = scratch / "phases.json"
    t0 = time.time()
    command = [
        sys.executable,
        BENCH / "phases.py",
        tree,
        "--as-of",
        AS_OF,
        "--output",
        scratch / "phases-report.json",
        "--json",
        timings,
        "--t0",
        repr(t0),
    ]
    sample = measure(command, ok=(0,))
    result = json.loads(timings.read_text())
    if result["exit_code"] not in (0, 1):
        raise BenchError(f"the phases run exited {result['exit_code']}")
    if result["missing"]:
        print(f"  note: phases not found in the engine (counted as other): {', '.join(result['missing'])}")
    phases: dict[str, float] = dict(result["phases"])
    # Interpreter shutdown happens after phases.py's last clock read.
    phases["other"] += max(0.0, sample.wall - result["total"])
    phases["total"] = sample.wall
    return phases


def agreement(vendorgate_report: Path, conftest_report: Path) -> dict[str, Any]:
    """Per rule, whether both tools flag the same vendors (a check that the comparison is fair).

    Vendors with a schema error are left out: vendorgate reports SCH-002 and keeps the rules
    off an invalid document, while conftest (no schemas) evaluates it anyway.
    """
    by_tool: dict[str, dict[str, set[str]]] = {"vendorgate": {}, "conftest": {}}
    findings = json.loads(vendorgate_report.read_text())["findings"]
    invalid = {Path(f["path"]).parent.name for f in findings if f["rule_id"].startswith("SCH-")}
    for finding in findings:
        by_tool["vendorgate"].setdefault(finding["rule_id"], set()).add(Path(finding["path"]).parent.name)
    for entry in json.loads(conftest_report.read_text()):
        for failure in (entry.get("failures") or []) + (entry.get("warnings") or []):
            rule = str(failure.get("msg", "")).split(" ", 1)[0]
            by_tool["conftest"].setdefault(rule, set()).add(Path(entry["filename"]).parent.name)
    for rules in by_tool.values():
        for vendors in rules.values():
            vendors.difference_update(invalid)
    differing = {
        rule: {
            "vendorgate_only": len(
                by_tool["vendorgate"].get(rule, set()) - by_tool["conftest"].get(rule, set())
            ),
            "conftest_only": len(
                by_tool["conftest"].get(rule, set()) - by_tool["vendorgate"].get(rule, set())
            ),
        }
        for rule in FULL_RULES
        if by_tool["vendorgate"].get(rule, set()) != by_tool["conftest"].get(rule, set())
    }
    return {
        "full_rules": len(FULL_RULES),
        "same_vendors": len(FULL_RULES) - len(differing),
        "differing": differing,
        "schema_error_vendors_left_out": len(invalid),
    }


def _count_conftest_failures(report: Path) -> int:
    return sum(len(entry.get("failures") or []) for entry in json.loads(report.read_text()))


def _raw_opa_stats(report: Path) -> tuple[int, float | None]:
    answer = json.loads(report.read_text())
    results = answer["result"][0]["expressions"][0]["value"]
    eval_ns = answer.get("metrics", {}).get("timer_rego_query_eval_ns")
    return len(results), (eval_ns / 1e9 if eval_ns else None)


def measure_size(
    count: int, args: argparse.Namespace, conftest: Path | None, opa: Path, scratch: Path
) -> SizeResult:
    tree, described = dataset(count, args.seed, args.regenerate)
    result = SizeResult(dossiers=count, files=described["files"], generated=described)
    runs = runs_for(count, args.quick, args.runs)
    warm = count <= 1_000

    report = scratch / "vendorgate.json"
    if warm:
        measure(vendorgate_command(tree, report))
    for _ in range(runs):
        result.vendorgate.append(measure(vendorgate_command(tree, report)))
    result.vendorgate_findings = len(json.loads(report.read_text())["findings"])
    print(f"  vendorgate  {_walls(result.vendorgate)}")

    result.phases = run_phases(tree, scratch)
    print("  phases      " + ", ".join(f"{k} {v:.2f}" for k, v in result.phases.items() if v >= 0.005))

    if conftest is not None:
        conftest_report = scratch / "conftest.json"
        if warm:
            measure(conftest_command(conftest, tree), stdout=conftest_report)
        for _ in range(runs):
            result.conftest.append(measure(conftest_command(conftest, tree), stdout=conftest_report))
        result.conftest_failures = _count_conftest_failures(conftest_report)
        print(f"  conftest    {_walls(result.conftest)}")
        if count >= 100:
            result.agreement = agreement(report, conftest_report)

    if not args.no_pre_commit and count > 1:
        one_tree, _ = dataset(1, args.seed, args.regenerate)
        result.pre_commit = precommit.measure(
            tree,
            one_tree,
            max(runs, 3),
            vendorgate=BIN / "vendorgate",
            as_of=AS_OF,
            scratch=scratch,
            run=measure,
            read_report=lambda path: json.loads(path.read_text()),
        )
        pairs = ", ".join(f"{r:.2f}" for r in result.pre_commit.ratios)
        print(f"  pre-commit  {_walls_of(result.pre_commit.walls)} against one dossier: ratios {pairs}")

    if not args.no_raw_opa:
        input_file = scratch / "opa-input.json"
        subprocess.run(
            [sys.executable, BENCH / "opa_input.py", tree, input_file, "--as-of", AS_OF, "--root", REPO],
            cwd=REPO,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        result.raw_opa_input_mb = input_file.stat().st_size / MB
        opa_report = scratch / "opa.json"
        if warm:
            measure(opa_command(opa, input_file), stdout=opa_report, ok=(0,))
        for _ in range(runs):
            result.raw_opa.append(measure(opa_command(opa, input_file), stdout=opa_report, ok=(0,)))
        raw_results, result.raw_opa_eval_s = _raw_opa_stats(opa_report)
        print(f"  raw opa     {_walls(result.raw_opa)} ({raw_results} results)")
    return result


def _walls(samples: Sequence[Sample]) -> str:
    return _walls_of([s.wall for s in samples])


def _walls_of(walls: Sequence[float]) -> str:
    return "runs " + ", ".join(f"{wall:.2f}" for wall in walls) + " s"


# --------------------------------------------------------------------------- report


def _seconds(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:.2f}" if value < 100 else f"{value:.0f}"


def _ratio(a: float | None, b: float | None) -> str:
    return "n/a" if a is None or b is None or b == 0 else f"{a / b:.2f}"


def _max(values: Iterator[float]) -> float | None:
    collected = list(values)
    return max(collected) if collected else None


def _mb(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0f}"


def main_table(results: Sequence[SizeResult]) -> str:
    lines = [
        "| dossiers | files | vendorgate s | files/s | RSS vendorgate MB | RSS OPA MB | RSS workers MB"
        " | RSS total MB | conftest s | vendorgate/conftest | raw opa eval s | vendorgate/raw OPA |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        vg = median_wall(r.vendorgate)
        ct = median_wall(r.conftest)
        raw = median_wall(r.raw_opa)
        rss_vg = _max(s.rss_mb for s in r.vendorgate)
        rss_opa = _max(s.child_rss_mb.get("opa", 0.0) for s in r.vendorgate)
        rss_workers = _max(s.workers_rss_mb for s in r.vendorgate)
        rss_total = _max(s.rss_mb + s.child_rss_mb.get("opa", 0.0) + s.workers_rss_mb for s in r.vendorgate)
        runs = f" ({len(r.vendorgate)})" if len(r.vendorgate) > 1 else " (1)"
        lines.append(
            f"| {r.dossiers:,} | {r.files:,} | {_seconds(vg)}{runs} | {r.files / vg:,.0f} |"
            f" {_mb(rss_vg)} | {_mb(rss_opa)} | {_mb(rss_workers)} | {_mb(rss_total)} |"
            f" {_seconds(ct)} | {_ratio(vg, ct)} |"
            f" {_seconds(raw)} | {_ratio(vg, raw)} |"
            if vg
            else f"| {r.dossiers:,} | {r.files:,} | failed | | | | | | | | | |"
        )
    return "\n".join(lines)


def split_table(results: Sequence[SizeResult]) -> str:
    groups = list(GROUPS)
    lines = [
        "| dossiers | total s | " + " | ".join(groups) + " |",
        "|---:|---:|" + "---:|" * len(groups),
    ]
    for r in results:
        if not r.phases:
            continue
        cells = [_seconds(sum(r.phases.get(p, 0.0) for p in GROUPS[g])) for g in groups]
        lines.append(f"| {r.dossiers:,} | {_seconds(r.phases['total'])} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def phase_table(results: Sequence[SizeResult]) -> str:
    shown = [r for r in results if r.phases]
    lines = [
        "| phase (s) | " + " | ".join(f"{r.dossiers:,}" for r in shown) + " |",
        "|---|" + "---:|" * len(shown),
    ]
    for phase in (*PHASES, "total"):
        lines.append(f"| {phase} | " + " | ".join(f"{r.phases.get(phase, 0.0):.3f}" for r in shown) + " |")
    return "\n".join(lines)


def extra_lines(results: Sequence[SizeResult]) -> list[str]:
    lines = []
    for r in results:
        notes = [f"vendorgate results {r.vendorgate_findings}"]
        if r.conftest_failures is not None:
            notes.append(f"conftest failures {r.conftest_failures}")
        if r.raw_opa_eval_s is not None:
            notes.append(
                f"raw OPA query eval only {r.raw_opa_eval_s:.2f} s over {r.raw_opa_input_mb:.1f} MB input"
            )
        if r.agreement is not None:
            a = r.agreement
            notes.append(
                f"same vendors flagged for {a['same_vendors']}/{a['full_rules']} per-document rules"
                f" ({a.get('schema_error_vendors_left_out', 0)} vendors with schema errors left out)"
            )
            if a["differing"]:
                notes.append(f"differing: {a['differing']}")
        lines.append(f"- N = {r.dossiers:,}: " + "; ".join(notes))
    return lines


def render(env: dict[str, Any], results: Sequence[SizeResult]) -> str:
    load = ", ".join(f"{x:.2f}" for x in env["load_average_start"])
    header = [
        f"Measured {env['date']} on {env['cpus']} CPUs ({env['cpu_model']}), {env['memory_gib']} GiB RAM,"
        f" Linux {env['kernel']}; load average at start {load}.",
        f"Python {env['python']}, OPA {env['opa']}, conftest {env['conftest'] or 'skipped'},"
        f" vendorgate at {env['vendorgate_commit']}"
        + (" with uncommitted changes in src/ or policies/" if env["src_or_policies_modified"] else "")
        + ".",
    ]
    return "\n".join(
        [
            *header,
            "",
            main_table(results),
            "",
            "Where vendorgate's time goes (seconds, one in-process run; see phases.py):",
            "",
            split_table(results),
            "",
            phase_table(results),
            "",
            *extra_lines(results),
            *_pre_commit_lines(results),
            "",
            "Against the targets of issue 14:",
            "",
            *target_lines(results),
        ]
    )


TARGET_RSS_MB = 500.0
TARGET_10K_S = 15.0
TARGET_ONE_S = 0.2


def target_lines(results: Sequence[SizeResult]) -> list[str]:
    """One line per target of issue 14: the measured value and whether it is met."""

    def verdict(ok: bool) -> str:
        return "met" if ok else "**not met**"

    lines = []
    for r in results:
        vg = median_wall(r.vendorgate)
        if vg is None:
            continue
        total = _max(s.rss_mb + s.child_rss_mb.get("opa", 0.0) + s.workers_rss_mb for s in r.vendorgate)
        total = total or 0.0
        checks = [f"peak RSS total {total:.0f} MB (≤ {TARGET_RSS_MB:.0f}): {verdict(total <= TARGET_RSS_MB)}"]
        if r.dossiers == 1:
            checks.append(f"one dossier {vg:.2f} s (≤ {TARGET_ONE_S}): {verdict(vg <= TARGET_ONE_S)}")
        if r.dossiers == 10_000:
            checks.append(f"wall {vg:.1f} s (≤ {TARGET_10K_S:.0f}): {verdict(vg <= TARGET_10K_S)}")
        if r.dossiers >= 1_000:
            raw, ct = median_wall(r.raw_opa), median_wall(r.conftest)
            if raw:
                checks.append(f"vendorgate/raw OPA {vg / raw:.2f} (≤ 1.0): {verdict(vg / raw <= 1.0)}")
            if ct:
                checks.append(f"vendorgate/conftest {vg / ct:.2f} (≤ 0.5): {verdict(vg / ct <= 0.5)}")
        if r.pre_commit is not None and r.pre_commit.ratios:
            ratio = statistics.median(r.pre_commit.ratios)
            checks.append(f"pre-commit/one dossier {ratio:.2f} (≤ 1.5): {verdict(ratio <= 1.5)}")
        lines.append(f"- N = {r.dossiers:,}: " + "; ".join(checks))
    per_dossier = [(r.dossiers, median_wall(r.vendorgate)) for r in results if r.dossiers >= 1_000]
    measured = [(n, wall / n) for n, wall in per_dossier if wall]
    if len(measured) > 1:
        spread = max(t for _, t in measured) / min(t for _, t in measured)
        shown = ", ".join(f"{n:,}: {t * 1000:.2f} ms" for n, t in measured)
        lines.append(f"- linear from 1,000 up: time per dossier {shown} (largest/smallest {spread:.2f})")
    return lines


def _pre_commit_lines(results: Sequence[SizeResult]) -> list[str]:
    rows = [(r.dossiers, r.files, r.pre_commit) for r in results if r.pre_commit is not None]
    if not rows:
        return []
    return [
        "",
        f"pre-commit: `check --expand-dossiers {rows[0][2].staged}` in the N-dossier tree against the same"
        " file in a one-dossier tree, run in turn (after one warm-up pair):",
        "",
        precommit.table(rows),
    ]


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"--sizes {text!r}: give numbers like 1,100,1000") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("--sizes needs positive numbers")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", type=parse_sizes, help="comma-separated dossier counts (default 1,100,1000,10000)"
    )
    parser.add_argument("--quick", action="store_true", help="fewer runs; 10,000 only when named in --sizes")
    parser.add_argument(
        "--runs", type=int, help="runs per measurement (default: 5 up to 100, 3 up to 1000, else 1)"
    )
    parser.add_argument("--seed", type=int, default=SEED, help=f"generator seed (default {SEED})")
    parser.add_argument("--regenerate", action="store_true", help="rewrite the cached dossier trees")
    parser.add_argument("--no-conftest", action="store_true", help="do not run (or install) conftest")
    parser.add_argument("--no-raw-opa", action="store_true", help="do not run the raw opa eval")
    parser.add_argument(
        "--no-pre-commit", action="store_true", help="do not run the pre-commit case (--expand-dossiers)"
    )
    parser.add_argument(
        "--json", type=Path, help="where to write all samples (default benchmarks/out/results-*.json)"
    )
    args = parser.parse_args(argv)
    sizes = args.sizes or [n for n in DEFAULT_SIZES if not (args.quick and n > 1_000)]

    OUT.mkdir(parents=True, exist_ok=True)
    conftest = ensure_conftest(args.no_conftest)
    opa = find_opa()
    env = environment(conftest, opa)
    print(
        f"vendorgate benchmark: sizes {', '.join(f'{n:,}' for n in sizes)}; as of {AS_OF}; seed {args.seed}"
    )

    results: list[SizeResult] = []
    with tempfile.TemporaryDirectory(prefix="vendorgate-bench-") as scratch:
        for count in sizes:
            print(f"N = {count:,} dossiers")
            try:
                results.append(measure_size(count, args, conftest, opa, Path(scratch)))
            except BenchError as exc:
                print(f"  FAILED: {exc}", file=sys.stderr)
                return 1
    env["load_average_end"] = os.getloadavg()

    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = args.json or OUT / f"results-{stamp}.json"
    target.write_text(json.dumps({"environment": env, "results": [asdict(r) for r in results]}, indent=2))
    print()
    print(render(env, results))
    print()
    print(f"all samples: {target.relative_to(REPO) if target.is_relative_to(REPO) else target}")
    if conftest is None and not args.no_conftest:
        print("conftest was SKIPPED (see the message above): the vendorgate/conftest column is n/a")
    return 0


if __name__ == "__main__":
    sys.exit(main())
