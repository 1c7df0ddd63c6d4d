"""A run judged by batches gives exactly the findings of one batch, dossiers whole across batches."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support import AS_OF, EXAMPLES, copy_dossier, edit
from vendorgate import pipeline, stream


@pytest.fixture
def spread(repo: Path) -> Path:
    """Dossiers in folder order, and three vendors whose documents are far apart.

    - split-co: its engagement sits in the last folder, its contract in a file of another vendor;
    - quick: a multi-document file holds two of its documents and split-co's contract, and its
      own contract sits in a folder of its own;
    - dup-co: a second contract in a far folder (DOS-002).
    """
    for number in range(8):
        folder = copy_dossier(repo, f"vendor-{number:02d}")
        if number % 3 == 0:
            edit(folder / "contract.yaml", "window_hours: 24", f"window_hours: {70 + number}")
    vendors = repo / "vendors"
    split = copy_dossier(repo, "split-co")
    edit(split / "contract.yaml", "window_hours: 24", "window_hours: 96")
    (vendors / "zz-last").mkdir()
    shutil.move(split / "engagement.yaml", vendors / "zz-last" / "engagement.yaml")
    quick = (EXAMPLES / "quickscribe" / "dossier.yaml").read_text(encoding="utf-8")
    quick = quick.replace("vendor: quickscribe", "vendor: quick")
    engagement, attestation, contract = quick.split("\n---\n")
    (vendors / "aa-mixed").mkdir()
    mixed = [engagement, attestation, (split / "contract.yaml").read_text(encoding="utf-8")]
    (vendors / "aa-mixed" / "dossier.yaml").write_text("\n---\n".join(mixed), encoding="utf-8")
    (split / "contract.yaml").unlink()
    (vendors / "quick-contract").mkdir()
    (vendors / "quick-contract" / "contract.yaml").write_text(contract, encoding="utf-8")
    dup = copy_dossier(repo, "dup-co")
    (vendors / "zz-dup").mkdir()
    shutil.copy(dup / "contract.yaml", vendors / "zz-dup" / "contract.yaml")
    return repo


def run(repo: Path, batch_files: int = stream.BATCH_FILES) -> pipeline.Report:
    config = pipeline.RunConfig(paths=(repo / "vendors",), root=repo, as_of=AS_OF, batch_files=batch_files)
    return pipeline.run(config)


def test_one_batch_judges_split_dossiers_whole(spread: Path) -> None:
    report = run(spread)
    by_rule = {(f.rule_id, f.vendor, f.path) for f in report.findings}
    # Complete across folders: no DOS-001 for the vendors whose documents are far apart.
    assert not [f for f in report.findings if f.rule_id == "DOS-001"]
    assert ("DOS-002", "dup-co", "vendors/zz-dup/contract.yaml") in by_rule
    # split-co's contract, in quick's file, is judged with split-co's engagement (IR-001: 96 h).
    assert any(f.vendor == "split-co" and f.path == "vendors/aa-mixed/dossier.yaml" for f in report.findings)
    assert {"split-co", "quick", "dup-co"} <= set(report.dossiers)


@pytest.mark.parametrize("batch_files", [1, 2, 3, 7])
def test_any_batch_size_gives_the_findings_of_one_batch(spread: Path, batch_files: int) -> None:
    whole = run(spread)
    batched = run(spread, batch_files)
    assert len(whole.findings) > 10
    assert batched.findings == whole.findings
    assert batched.dossiers == whole.dossiers
    assert batched.files_checked == whole.files_checked
    assert batched.inputs == whole.inputs
    assert batched.astral == whole.astral


def test_parallel_batches_give_the_findings_of_one_batch(
    spread: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = run(spread)
    monkeypatch.setattr(stream, "PARALLEL_LOAD_MIN_FILES", 2)
    assert run(spread, 2).findings == whole.findings


def test_split_vendors_sharing_a_file_are_judged_in_one_batch(spread: Path) -> None:
    """quick and split-co share aa-mixed/dossier.yaml: reading it again judges both whole."""
    batched = run(spread, 1)
    quick = [f for f in batched.findings if f.vendor in {"quick", "split-co"}]
    assert quick
    assert not [f for f in quick if f.rule_id in {"DOS-001", "DOS-002"}]


def test_a_file_that_no_longer_loads_when_read_again_is_reported(
    spread: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """split-co's engagement is read again after the last batch; broken by then, it fails the run."""
    moved = spread / "vendors" / "zz-last" / "engagement.yaml"
    original = stream.Loader.load

    def broken_then_load(self: stream.Loader, places: list[tuple[int, Path]]) -> list[stream.Placed]:
        moved.write_text("kind: [\n", encoding="utf-8")
        return original(self, places)

    monkeypatch.setattr(stream.Loader, "load", broken_then_load)
    report = run(spread, 1)
    assert [f.rule_id for f in report.findings if f.path == "vendors/zz-last/engagement.yaml"] == ["SCH-001"]
    assert report.exit_code == 1


def test_batches_end_at_a_folder_end_when_they_can() -> None:
    files = [Path(p) for p in ("a/1", "a/2", "a/3", "b/1", "c/1", "c/2", "c/3", "c/4", "c/5")]
    assert list(stream._cuts(files, 2)) == [(0, 3), (3, 7), (7, 9)]
