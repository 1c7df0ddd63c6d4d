"""SARIF, annotations and the job summary, produced end to end on the examples as GitHub consumes them."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

from support import AS_OF, EXAMPLES, run_vendorgate


def sarif_of(folder: Path, cwd: Path) -> dict[str, Any]:
    run = run_vendorgate(
        "check", folder, "--as-of", AS_OF, "--format", "sarif", "--category", "vendors", cwd=cwd
    )
    assert run.code == 1, run.stderr
    return json.loads(run.stdout)  # type: ignore[no-any-return]


def test_sarif_on_examples_is_valid_and_complete(repo: Path, sarif_validator: Any) -> None:
    shutil.copytree(EXAMPLES, repo / "vendors")
    log = sarif_of(repo / "vendors", repo)
    assert list(sarif_validator.iter_errors(log)) == []
    (run,) = log["runs"]
    assert run["automationDetails"]["id"] == "vendorgate/vendors/"
    assert run["invocations"][0]["executionSuccessful"] is True
    rules = run["tool"]["driver"]["rules"]
    assert run["results"]
    for result in run["results"]:
        rule = rules[result["ruleIndex"]]
        assert rule["id"] == result["ruleId"]
        assert rule["help"]["text"]
        assert rule["help"]["markdown"]
        assert rule["helpUri"].endswith("#" + rule["id"].lower())
        assert float(rule["properties"]["security-severity"]) > 0
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1
        assert result["partialFingerprints"]["primaryLocationLineHash"]


def test_fingerprints_survive_a_comment_added_at_the_top(repo: Path) -> None:
    shutil.copytree(EXAMPLES, repo / "vendors")
    before = sarif_of(repo / "vendors", repo)["runs"][0]["results"]
    for path in (repo / "vendors").rglob("*.yaml"):
        path.write_text("# reviewed 2026-12-01\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    after = sarif_of(repo / "vendors", repo)["runs"][0]["results"]

    def prints(results: list[dict[str, Any]]) -> list[tuple[str, str]]:
        return sorted((r["ruleId"], r["partialFingerprints"]["primaryLocationLineHash"]) for r in results)

    def lines(results: list[dict[str, Any]]) -> list[int]:
        return sorted(r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results)

    assert prints(before) == prints(after)
    assert lines(after) == [line + 1 for line in lines(before)]


def test_github_annotations_carry_file_and_line(repo: Path) -> None:
    shutil.copytree(EXAMPLES, repo / "vendors")
    run = run_vendorgate("check", repo / "vendors", "--as-of", AS_OF, "--format", "github", cwd=repo)
    assert run.code == 1
    annotations = [line for line in run.stdout.splitlines() if line.startswith(("::error ", "::warning "))]
    assert annotations
    # Columns only on a one-line region: GitHub reads them on no other.
    one_line = re.compile(
        r"^::(error|warning|notice) file=vendors/[^,]+,line=(\d+),col=\d+,endLine=(\d+),"
        r"endColumn=\d+,title=[A-Z]+-\d{3}::.+"
    )
    lines_only = re.compile(
        r"^::(error|warning|notice) file=vendors/[^,]+,line=(\d+),endLine=(\d+),title=[A-Z]+-\d{3}::.+"
    )
    for line in annotations:
        match = one_line.match(line) or lines_only.match(line)
        assert match, line
        assert (match.group(2) == match.group(3)) == (match.re is one_line), line
    assert "::group::vendors/leaky-llm/contract.yaml" in run.stdout


def test_github_annotations_are_capped_and_the_cap_is_an_option(repo: Path) -> None:
    shutil.copytree(EXAMPLES, repo / "vendors")

    def kinds(*args: str) -> tuple[list[str], str]:
        run = run_vendorgate("check", "vendors", "--as-of", AS_OF, "--format", "github", *args, cwd=repo)
        assert run.code == 1, run.stderr
        lines = run.stdout.splitlines()
        return [line.split(" ")[0] for line in lines if "title=" in line], lines[-2]

    everything, last = kinds("--max-annotations", "0")
    assert everything.count("::error") > 10
    assert "more findings" not in last
    capped, last = kinds()
    assert capped == (
        ["::error"] * 10
        + ["::warning"] * min(10, everything.count("::warning"))
        + ["::notice"] * min(10, everything.count("::notice"))
    )
    assert last == f"::notice::{len(everything) - len(capped)} more findings: see the job summary"
    assert kinds("--max-annotations", "12")[0].count("::error") == 12


def test_job_summary_is_a_markdown_table_per_vendor(repo: Path) -> None:
    shutil.copytree(EXAMPLES, repo / "vendors")
    summary = repo / ".summary.md"
    run = run_vendorgate(
        "check",
        repo / "vendors",
        "--as-of",
        AS_OF,
        "--summary",
        "auto",
        cwd=repo,
        env={"GITHUB_STEP_SUMMARY": str(summary)},
    )
    assert run.code == 1
    rows = [line for line in summary.read_text(encoding="utf-8").splitlines() if line.startswith("|")]
    header = [c.strip() for c in rows[0].strip("|").split("|")]
    assert header[:4] == ["Vendor", "Errors", "Warnings", "Notes"]
    assert set(rows[1].replace("|", "").strip()) <= {"-", ":", " "}
    table = {
        cells[0]: cells[1:] for cells in ([c.strip() for c in row.strip("|").split("|")] for row in rows[2:])
    }
    report = json.loads(
        run_vendorgate("check", repo / "vendors", "--as-of", AS_OF, "--format", "json", cwd=repo).stdout
    )
    for vendor in ("leaky-llm", "quickscribe", "northwind-ai"):
        errors = sum(1 for f in report["findings"] if f["vendor"] == vendor and f["level"] == "error")
        key = next(k for k in table if vendor in k)
        assert int(table[key][0]) == errors, vendor
