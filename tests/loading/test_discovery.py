"""Discovery finds every dossier file, and never passes over one in silence.

A file or folder that is not read, but should or might be, is an Unread result
(SCH-001) that says why and what to do; a path that does not exist and a stray
profile stop the run.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from support import make_long_path
from vendorgate.errors import UsageError
from vendorgate.loading import discover, load_file
from vendorgate.loading.files import MAX_DEPTH, SNIFF_BYTES, Unread

ENGAGEMENT = "apiVersion: vendorgate/v1\nkind: Engagement\nvendor: acme\n"


def write(root: Path, name: str, text: str = ENGAGEMENT) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def found(root: Path, *paths: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in discover(paths or (root,), root).files]


def unread(root: Path, *paths: Path) -> list[Unread]:
    return discover(paths or (root,), root).unread


def test_walks_folders_and_skips_hidden_evidence_and_profile(tmp_path: Path) -> None:
    for name in [
        "vendors/a/engagement.yaml",
        "vendors/a/attestation.yml",
        "vendors/a/contract.json",
        "vendors/a/evidence/report.yaml",
        "vendors/.hidden/x.yaml",
        "vendors/a/.draft.yaml",
        "vendors/a/notes.txt",
        "vendorgate.yaml",
    ]:
        write(tmp_path, name, "a: 1\n")
    result = discover([tmp_path], tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in result.files] == [
        "vendors/a/attestation.yml",
        "vendors/a/contract.json",
        "vendors/a/engagement.yaml",
    ]
    # None of the files passed over looks like a dossier document: no result, no notice.
    assert result.unread == []
    assert result.notices == []


def test_a_path_that_does_not_exist_stops_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "vendors/acme/engagement.yaml")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError) as raised:
        discover([Path("vendors/acme"), Path("vendors/acme-ai")], tmp_path)
    assert str(raised.value) == "vendors/acme-ai does not exist; check the paths"


def test_a_path_that_cannot_be_looked_at_stops_the_run(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as raised:
        discover([tmp_path / ("x" * 300)], tmp_path)
    assert (
        str(raised.value) == f"{tmp_path / ('x' * 300)} cannot be read (File name too long); check the paths"
    )


def test_upper_case_suffixes_are_read(tmp_path: Path) -> None:
    write(tmp_path, "vendors/a/ENGAGEMENT.YAML")
    write(tmp_path, "vendors/a/contract.Json", '{"kind": "ContractTerms"}')
    assert found(tmp_path) == ["vendors/a/ENGAGEMENT.YAML", "vendors/a/contract.Json"]


HIDDEN_FOLDER = (
    "this file holds an Engagement document but is not read: it is in the hidden folder"
    " vendors/a/.old, and hidden folders are not read; move it out, or delete it if it is not"
    " meant to be checked"
)


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("vendors/a/.old/engagement.yaml", ENGAGEMENT, HIDDEN_FOLDER),
        (
            "vendors/a/evidence/contract.json",
            '{"apiVersion": "vendorgate/v1", "kind": "ContractTerms"}',
            "this file holds a ContractTerms document but is not read: it is in the evidence folder"
            " vendors/a/evidence, which holds the files documents cite, not dossier documents; move it"
            " to the vendor's folder, or delete it if it is not meant to be checked",
        ),
        (
            "vendors/a/.engagement.yaml",
            ENGAGEMENT,
            "this file holds an Engagement document but is not read: its name starts with a dot, which"
            " marks a hidden file; rename it without the dot, or delete it if it is not meant to be"
            " checked",
        ),
        (
            "vendors/a/engagement.yaml.bak",
            "# old copy\nkind: 'Engagement'  # the scope\n",
            "this file holds an Engagement document but is not read: only names ending in .yaml, .yml"
            " or .json are read; rename it to engagement.yaml if it belongs to the dossier, or delete"
            " it if it is not meant to be checked",
        ),
        (
            "vendors/a/contract.yml.orig",
            "kind: ContractTerms\n",
            "this file holds a ContractTerms document but is not read: only names ending in .yaml,"
            " .yml or .json are read; rename it to contract.yml if it belongs to the dossier, or"
            " delete it if it is not meant to be checked",
        ),
        (
            "vendors/a/attestation.yaml~",
            "kind: VendorAttestation\n",
            "this file holds a VendorAttestation document but is not read: only names ending in .yaml,"
            " .yml or .json are read; rename it to attestation.yaml if it belongs to the dossier, or"
            " delete it if it is not meant to be checked",
        ),
    ],
)
def test_a_file_meant_as_a_dossier_document_that_is_not_read_is_a_result(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    write(tmp_path, "vendors/a/engagement.yaml")
    write(tmp_path, name, text)
    assert found(tmp_path) == ["vendors/a/engagement.yaml"]
    assert unread(tmp_path) == [Unread(relpath=name, message=message)]


@pytest.mark.parametrize(
    ("name", "codes", "clean"),
    [
        ("contract.yaml\u200b", "U+200B", "contract.yaml"),
        ("contract.yaml ", "U+0020", "contract.yaml"),
        ("contract.\u200fyaml", "U+200F", "contract.yaml"),
        ("contract.yml\u202e.", "U+202E, U+002E", "contract.yml"),
    ],
)
def test_an_invisible_or_trailing_character_around_the_suffix_is_a_result(
    tmp_path: Path, name: str, codes: str, clean: str
) -> None:
    # Whatever the file holds: a name built to look like a dossier file is never passed over.
    write(tmp_path, f"vendors/a/{name}", "anything: 1\n")
    assert found(tmp_path) == []
    assert unread(tmp_path) == [
        Unread(
            relpath=f"vendors/a/{name}",
            message=f"the file name has an invisible or trailing character ({codes}) around its"
            f" suffix, so it is not read; rename it to {clean}",
        )
    ]


def test_ordinary_files_in_hidden_and_evidence_folders_get_no_result(tmp_path: Path) -> None:
    write(tmp_path, ".github/workflows/ci.yaml", "on: push\njobs: {}\n")
    write(tmp_path, ".pre-commit-config.yaml", "repos: []\n")
    write(tmp_path, "vendors/a/evidence/scan.json", '{"kind": "scan-result"}')
    write(tmp_path, "vendors/a/evidence/notes.yaml.bak", "kind: Notes\n")
    write(tmp_path, "vendors/a/engagement.yaml")
    result = discover([tmp_path], tmp_path)
    assert result.unread == []
    assert result.notices == []


def test_git_is_never_walked(tmp_path: Path) -> None:
    write(tmp_path, ".git/engagement.yaml")
    write(tmp_path, "vendors/.git/engagement.yaml")
    write(tmp_path, "vendors/a/engagement.yaml")
    assert unread(tmp_path) == []


def test_only_the_first_4_kib_are_sniffed(tmp_path: Path) -> None:
    write(tmp_path, "vendors/a/engagement.yaml")
    write(tmp_path, "vendors/.old/late.yaml", "# padding\n" * (SNIFF_BYTES // 10 + 1) + ENGAGEMENT)
    write(tmp_path, "vendors/.old/early.yaml", "# padding\n" * (SNIFF_BYTES // 10 - 10) + ENGAGEMENT)
    assert [u.relpath for u in unread(tmp_path)] == ["vendors/.old/early.yaml"]


def test_a_symlinked_folder_inside_the_repository_is_followed_once(tmp_path: Path) -> None:
    write(tmp_path, "archive/acme/engagement.yaml")
    (tmp_path / "vendors").mkdir()
    (tmp_path / "vendors" / "acme").symlink_to(tmp_path / "archive" / "acme", target_is_directory=True)
    # A loop back to an ancestor: each real folder is walked once.
    (tmp_path / "archive" / "acme" / "again").symlink_to(tmp_path / "archive", target_is_directory=True)
    assert found(tmp_path, tmp_path / "vendors") == ["vendors/acme/engagement.yaml"]
    # Walking the whole repository, the real folder is read and the link adds nothing.
    assert found(tmp_path) == ["archive/acme/engagement.yaml"]
    assert unread(tmp_path) == []


def test_a_symlinked_folder_out_of_the_repository_is_a_result(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside")
    write(outside, "engagement.yaml")
    write(tmp_path, "vendors/a/engagement.yaml")
    (tmp_path / "vendors" / "b").symlink_to(outside, target_is_directory=True)
    assert found(tmp_path) == ["vendors/a/engagement.yaml"]
    assert unread(tmp_path) == [
        Unread(
            relpath="vendors/b",
            message="the folder is a link to a place outside the repository, so nothing in it is"
            " checked; commit the folder itself instead of the link",
        )
    ]


def _refuse_listing(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make `folder` unlistable, as chmod 000 would for anyone but root (tests run as root)."""
    locked = str(folder)
    real_scandir = os.scandir

    def scandir(path: str) -> object:
        if path == locked:
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_a_folder_that_cannot_be_listed_is_a_result(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests run as root, who can list anything: the refusal is simulated.
    write(tmp_path, "vendors/a/engagement.yaml")
    write(tmp_path, "vendors/b/engagement.yaml")
    _refuse_listing(monkeypatch, tmp_path / "vendors" / "b")
    assert found(tmp_path) == ["vendors/a/engagement.yaml"]
    assert unread(tmp_path) == [
        Unread(
            relpath="vendors/b",
            message="the folder cannot be listed (Permission denied), so nothing in it is checked;"
            " give the user running vendorgate read access to it, or remove it",
        )
    ]


def test_a_hidden_folder_that_cannot_be_listed_is_a_notice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "vendors/a/engagement.yaml")
    (tmp_path / ".cache").mkdir()
    _refuse_listing(monkeypatch, tmp_path / ".cache")
    result = discover([tmp_path], tmp_path)
    assert result.unread == []
    assert [n.path for n in result.notices] == [".cache"]
    assert "cannot be listed (Permission denied)" in result.notices[0].message


def test_a_tree_deeper_than_the_limit_is_a_result_on_the_first_folder_past_it(tmp_path: Path) -> None:
    deep = tmp_path / "vendors" / Path(*["d"] * (MAX_DEPTH + 3))
    write(deep, "engagement.yaml")
    write(tmp_path, "vendors/a/engagement.yaml")
    assert found(tmp_path, tmp_path / "vendors") == ["vendors/a/engagement.yaml"]
    past = "vendors/" + "/".join(["d"] * (MAX_DEPTH + 1))
    assert unread(tmp_path, tmp_path / "vendors") == [
        Unread(
            relpath=past,
            message=f"the folder is more than {MAX_DEPTH} levels below vendors, so nothing in it is"
            " checked; move its files to a shallower folder",
        )
    ]


def test_a_path_longer_than_the_system_allows_is_a_result(tmp_path: Path) -> None:
    limit = os.pathconf(tmp_path, "PC_PATH_MAX")
    write(tmp_path, "vendors/a/engagement.yaml")
    make_long_path(tmp_path / "vendors" / "a", limit)
    results = unread(tmp_path)
    assert len(results) == 1
    assert results[0].message == (
        "the folder's path is longer than the system allows, so nothing in it is checked;"
        " shorten the folder names"
    )
    assert found(tmp_path) == ["vendors/a/engagement.yaml"]


def test_names_that_are_not_utf8_are_results_shown_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "vendors" / "a"
    write(folder, "engagement.yaml")
    (folder / os.fsdecode(b"contract-\xff.yaml")).write_text("kind: ContractTerms\n", encoding="utf-8")
    (folder / os.fsdecode(b"sub-\xfe")).mkdir()
    (folder / os.fsdecode(b"photo-\xfe.png")).write_bytes(b"\x89PNG")
    assert found(tmp_path) == ["vendors/a/engagement.yaml"]
    assert unread(tmp_path) == [
        Unread(
            relpath="vendors/a/contract-\\xff.yaml",
            message="the file name is not valid UTF-8 (shown with \\x escapes), so the file is not"
            " read; rename it in UTF-8",
        ),
        Unread(
            relpath="vendors/a/sub-\\xfe",
            message="the folder name is not valid UTF-8 (shown with \\x escapes), so nothing in it"
            " is checked; rename it in UTF-8",
        ),
    ]


def test_a_stray_profile_stops_the_run(tmp_path: Path) -> None:
    write(tmp_path, "vendorgate.yaml", "thresholds: {}\n")
    write(tmp_path, "vendors/a/engagement.yaml")
    write(tmp_path, "vendors/a/vendorgate.yaml", "rules: {}\n")
    with pytest.raises(UsageError) as raised:
        discover([tmp_path], tmp_path)
    assert str(raised.value) == (
        "vendors/a/vendorgate.yaml: a profile is read only from the repository root or --config;"
        " move its settings there and delete this file"
    )


def test_the_root_profile_and_the_config_file_are_not_stray(tmp_path: Path) -> None:
    write(tmp_path, "vendorgate.yaml", "thresholds: {}\n")
    config = write(tmp_path, "config/vendorgate.yaml", "thresholds: {}\n")
    write(tmp_path, "vendors/a/engagement.yaml")
    result = discover([tmp_path], tmp_path, profiles=[config])
    assert found(tmp_path, tmp_path / "vendors") == ["vendors/a/engagement.yaml"]
    assert result.unread == []


def test_a_file_whose_path_is_longer_than_the_system_allows_is_sch_001(tmp_path: Path) -> None:
    limit = os.pathconf(tmp_path, "PC_PATH_MAX")
    (tmp_path / "vendors").mkdir()
    folder = make_long_path(tmp_path / "vendors", limit - 250)
    name = "e" * (limit - len(str(folder))) + ".yaml"
    assert len(name) <= 255
    fd = os.open(folder.parent, os.O_RDONLY)
    try:
        # The folder can be listed, the file cannot be named by one path.
        inner = os.open(folder.name, os.O_RDONLY, dir_fd=fd)
        with open(os.open(name, os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=inner), "w") as handle:
            handle.write(ENGAGEMENT)
        os.close(inner)
    finally:
        os.close(fd)
    (path,) = discover([tmp_path], tmp_path).files
    result = load_file(path, root=tmp_path, first_id=0)
    assert result.error is not None
    assert result.error.message == (
        "the file's path is longer than the system allows, so it is not read; shorten the folder names"
    )
