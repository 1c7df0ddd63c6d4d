"""The byte search that narrows pre-commit's files never passes over a file whose parse names the vendor.

Every way YAML and JSON can write a vendor id is loaded with the real loader and searched:
where the loader reads the id, the search must say MAY_HOLD. Files it cannot search are UNSURE.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from vendorgate.loading import load_file
from vendorgate.loading.search import Verdict, search

HEAD = "apiVersion: vendorgate/v1\nkind: Engagement\n"
MAX = 5 * 1024 * 1024

# (file name, text): each is read by the loader as a document of vendor `acme`.
WRITTEN_AS_ACME = [
    ("plain.yaml", HEAD + "vendor: acme\n"),
    ("single-quoted.yaml", HEAD + "vendor: 'acme'\n"),
    ("double-quoted.yaml", HEAD + 'vendor: "acme"\n'),
    ("flow.yaml", '{apiVersion: vendorgate/v1, kind: Engagement, vendor: "acme"}\n'),
    ("flow-plain.yaml", "{kind: Engagement, vendor: acme, name: x}\n"),
    ("tagged.yaml", HEAD + "vendor: !!str acme\n"),
    ("anchored.yaml", HEAD + "name: &who acme\nvendor: *who\n"),
    ("block-literal.yaml", HEAD + "vendor: |-\n  acme\n"),
    ("block-folded.yaml", HEAD + "vendor: >-\n  acme\n"),
    ("complex-key.yaml", HEAD + "? vendor\n: acme\n"),
    ("hex-escape.yaml", HEAD + 'vendor: "\\x61cme"\n'),
    ("unicode-escape.yaml", HEAD + 'vendor: "ac\\u006De"\n'),
    ("long-escape.yaml", HEAD + 'vendor: "acm\\U00000065"\n'),
    ("escaped-line-break.yaml", HEAD + 'vendor: "ac\\\n  me"\n'),
    ("escaped-crlf.yaml", (HEAD + 'vendor: "ac\\\n  me"\n').replace("\n", "\r\n")),
    ("document.json", '{"apiVersion": "vendorgate/v1", "kind": "Engagement", "vendor": "acme"}\n'),
    ("escaped.json", '{"kind": "Engagement", "vendor": "\\u0061\\u0063me"}\n'),
    ("bom.yaml", "\ufeff" + HEAD + "vendor: acme\n"),
    ("second-document.yaml", HEAD + "vendor: other\n---\n" + HEAD + "vendor: acme\n"),
]


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_bytes(text.encode("utf-8"))
    return path


def verdict(path: Path, vendor: str = "acme", max_bytes: int = MAX) -> Verdict:
    return search([path], {vendor}, max_bytes)[path]


@pytest.mark.parametrize(("name", "text"), WRITTEN_AS_ACME, ids=[n for n, _ in WRITTEN_AS_ACME])
def test_every_way_of_writing_the_id_is_found(tmp_path: Path, name: str, text: str) -> None:
    path = write(tmp_path, name, text)
    loaded = load_file(path, root=tmp_path, first_id=0)
    assert loaded.error is None, loaded.error
    assert "acme" in {doc.vendor for doc in loaded.documents}
    assert verdict(path) is Verdict.MAY_HOLD


def test_an_id_with_spaces_is_found_when_yaml_folds_it_over_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "folded.yaml", HEAD + "vendor: acme\n  data corp\n")
    assert {d.vendor for d in load_file(path, root=tmp_path, first_id=0).documents} == {"acme data corp"}
    assert verdict(path, "acme data corp") is Verdict.MAY_HOLD
    assert verdict(path, "acme data ltd") is Verdict.ABSENT


def test_a_file_without_the_id_is_absent(tmp_path: Path) -> None:
    path = write(tmp_path, "other.yaml", HEAD + "vendor: initech\nnotes: 'C:\\\\shared\\\\acmx'\n")
    assert verdict(path) is Verdict.ABSENT


def test_the_search_only_narrows_a_longer_id_or_a_comment_matches(tmp_path: Path) -> None:
    # The parse decides: both files name another vendor, and both are parsed to see that.
    longer = write(tmp_path, "longer.yaml", HEAD + "vendor: acme-ai\n")
    comment = write(tmp_path, "comment.yaml", HEAD + "vendor: initech  # bought acme in 2025\n")
    assert verdict(longer) is Verdict.MAY_HOLD
    assert verdict(comment) is Verdict.MAY_HOLD


def test_an_escape_that_could_spell_a_character_of_any_id_is_a_match(tmp_path: Path) -> None:
    escape = write(tmp_path, "escape.yaml", HEAD + 'vendor: initech\nname: "\\x41 Corp"\n')
    assert verdict(escape) is Verdict.MAY_HOLD


def test_any_backslash_matters_for_an_id_beyond_letters_digits_and_dashes(tmp_path: Path) -> None:
    path = write(tmp_path, "quote.yaml", HEAD + 'vendor: "acme\\"s"\n')
    assert {d.vendor for d in load_file(path, root=tmp_path, first_id=0).documents} == {'acme"s'}
    assert verdict(path, 'acme"s') is Verdict.MAY_HOLD
    assert verdict(path, "acme") is Verdict.MAY_HOLD  # its text holds acme
    harmless = write(tmp_path, "harmless.yaml", HEAD + 'vendor: initech\nnote: "a\\tb"\n')
    assert verdict(harmless, "acme") is Verdict.ABSENT
    assert verdict(harmless, "ac/me") is Verdict.MAY_HOLD


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("latin-1.yaml", (HEAD + "vendor: initech\nname: caf\xe9\n").encode("latin-1")),
        ("utf-16.yaml", (HEAD + "vendor: acme\n").encode("utf-16")),
        ("nul.yaml", HEAD.encode() + b"vendor: initech\x00\n"),
    ],
    ids=["latin-1", "utf-16", "nul"],
)
def test_text_the_loader_cannot_read_is_unsure(tmp_path: Path, name: str, raw: bytes) -> None:
    path = write(tmp_path, name, raw)
    assert load_file(path, root=tmp_path, first_id=0).error is not None
    assert verdict(path) is Verdict.UNSURE


def test_unreadable_text_that_names_the_id_is_a_match(tmp_path: Path) -> None:
    path = write(tmp_path, "latin-1.yaml", (HEAD + "vendor: acme\nname: caf\xe9\n").encode("latin-1"))
    assert verdict(path) is Verdict.MAY_HOLD


def test_files_that_cannot_be_searched_are_unsure(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)  # opened without blocking: a FIFO must not hold the run
    os.symlink("loop-b.yaml", tmp_path / "loop-a.yaml")
    os.symlink("loop-a.yaml", tmp_path / "loop-b.yaml")
    big = write(tmp_path, "big.yaml", HEAD + "vendor: initech\n" + "# padding\n" * 100)
    gone = tmp_path / "gone.yaml"
    verdicts = search([fifo, tmp_path / "loop-a.yaml", big, gone], {"acme"}, 200)
    assert set(verdicts.values()) == {Verdict.UNSURE}
    assert verdict(big) is Verdict.ABSENT  # within the default limit it is read


def test_a_file_at_the_size_limit_is_read_and_one_byte_more_is_not(tmp_path: Path) -> None:
    text = HEAD + "vendor: initech\n"
    path = write(tmp_path, "edge.yaml", text)
    assert verdict(path, max_bytes=len(text)) is Verdict.ABSENT
    assert verdict(path, max_bytes=len(text) - 1) is Verdict.UNSURE


def test_several_vendors_are_searched_at_once(tmp_path: Path) -> None:
    a = write(tmp_path, "a.yaml", HEAD + "vendor: acme\n")
    b = write(tmp_path, "b.yaml", HEAD + "vendor: initech\n")
    c = write(tmp_path, "c.yaml", HEAD + "vendor: globex\n")
    assert search([a, b, c], {"acme", "initech"}, MAX) == {
        a: Verdict.MAY_HOLD,
        b: Verdict.MAY_HOLD,
        c: Verdict.ABSENT,
    }
