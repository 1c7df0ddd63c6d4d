"""The pre-commit case of `make bench`: one changed file in an N-dossier repository against one dossier.

pre-commit runs `vendorgate check --expand-dossiers <staged files>`. The case stages one file
of dossier 0, which every generated tree holds identically (a tree of N dossiers is the first N
of a larger one), and runs the same command in the N-dossier tree (A) and in the one-dossier
tree (B), in turn A B A B ..., so that the ratio A/B is taken pair by pair and holds while the
machine's speed drifts. The target is A/B <= 1.5: the hook's cost follows the dossier, not
the repository.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TARGET_RATIO = 1.5


@dataclass
class PreCommitResult:
    """The paired runs of one size."""

    staged: str
    walls: list[float] = field(default_factory=list)
    one_walls: list[float] = field(default_factory=list)
    rss_mb: float = 0.0
    files_checked: int | None = None

    @property
    def ratios(self) -> list[float]:
        return [a / b for a, b in zip(self.walls, self.one_walls, strict=True) if b > 0]


def staged_file(tree: Path) -> Path:
    """The first document file of dossier 0 (its folder's name ends in -00000)."""
    folders = sorted(tree.glob("*-00000"))
    if not folders:
        raise FileNotFoundError(f"{tree} has no dossier 0 (a folder named *-00000)")
    return sorted(p for p in folders[0].iterdir() if p.suffix in (".yaml", ".json"))[0]


def command(vendorgate: Path, tree: Path, staged: Path, as_of: str, report: Path) -> list[str | Path]:
    return [
        vendorgate,
        "check",
        "--expand-dossiers",
        staged,
        "--root",
        tree,
        "--as-of",
        as_of,
        "--format",
        "json",
        "--output",
        report,
    ]


def measure(
    tree: Path,
    one_tree: Path,
    runs: int,
    *,
    vendorgate: Path,
    as_of: str,
    scratch: Path,
    run: Callable[[Sequence[str | Path]], Any],
    read_report: Callable[[Path], dict[str, Any]],
) -> PreCommitResult:
    """`runs` pairs (after one warm-up pair) of the hook in `tree` and in `one_tree`."""
    staged = staged_file(tree)
    one_staged = one_tree / staged.relative_to(tree)
    report = scratch / "pre-commit.json"
    result = PreCommitResult(staged=staged.relative_to(tree).as_posix())
    big = command(vendorgate, tree, staged, as_of, report)
    one = command(vendorgate, one_tree, one_staged, as_of, scratch / "pre-commit-one.json")
    run(big)
    run(one)
    for _ in range(runs):
        sample = run(big)
        result.walls.append(sample.wall)
        result.rss_mb = max(result.rss_mb, sample.rss_mb + sum(sample.child_rss_mb.values()))
        result.one_walls.append(run(one).wall)
    result.files_checked = read_report(report)["summary"]["files_checked"]
    return result


def table(rows: Sequence[tuple[int, int, PreCommitResult]]) -> str:
    lines = [
        "| dossiers | files | pre-commit s | one-dossier s | ratio (median of pairs) | files checked"
        " | RSS total MB | target ≤ 1.5 |",
        "|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for dossiers, files, r in rows:
        if not r.walls:
            continue
        ratio = statistics.median(r.ratios)
        lines.append(
            f"| {dossiers:,} | {files:,} | {statistics.median(r.walls):.2f} ({len(r.walls)})"
            f" | {statistics.median(r.one_walls):.2f} | {ratio:.2f}"
            f" | {r.files_checked} | {r.rss_mb:.0f} | {'met' if ratio <= TARGET_RATIO else 'not met'} |"
        )
    return "\n".join(lines)
