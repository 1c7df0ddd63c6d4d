"""Parallel loading and concurrent evaluation give exactly the sequential result."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import AS_OF, EXAMPLES, copy_dossier, edit
from vendorgate import pipeline, stream
from vendorgate.policy import engine as policy_engine


@pytest.fixture
def many(repo: Path) -> Path:
    for number in range(12):
        folder = copy_dossier(repo, f"vendor-{number:02d}")
        if number % 3 == 0:
            edit(folder / "contract.yaml", "window_hours: 24", f"window_hours: {70 + number}")
    copy_dossier(repo, "quick", EXAMPLES / "quickscribe")
    return repo


def run(repo: Path) -> pipeline.Report:
    return pipeline.run(pipeline.RunConfig(paths=(repo / "vendors",), root=repo, as_of=AS_OF))


def test_parallel_loading_and_batches_match_the_sequential_run(
    many: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sequential = run(many)
    monkeypatch.setattr(stream, "PARALLEL_LOAD_MIN_FILES", 2)
    monkeypatch.setattr(policy_engine, "BATCH_SIZE", 2)
    parallel = run(many)
    assert len(sequential.findings) > 10
    assert parallel.findings == sequential.findings
    assert parallel.dossiers == sequential.dossiers
