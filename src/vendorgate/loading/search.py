"""Narrows a repository's dossier files to those that may hold a given vendor's documents, by bytes.

pre-commit judges the dossiers of the staged files whole, so it needs the other documents of
those vendors; parsing every file of the repository to find them costs as much as checking it.
A document's `vendor` value is text of the file, so a file that holds none of its bytes cannot
hold the document. The search only narrows: every file it keeps is parsed, and the parsed
`vendor` decides (an id that is part of another id, or quoted in a comment, is a match here).

What the bytes of a file cannot hide, and so what the search relies on:

- YAML folds a scalar over lines only at whitespace, so each run of non-whitespace characters of
  the id is in the file as it is, whatever the style (plain, quoted, flow, block scalar, alias).
- Escapes are the one way to write a character with other bytes (`\\x61`, `\\u0061`, and a
  backslash before a line break joins two lines without a space): a file with such an escape is
  kept for any id, and a file with any backslash at all for an id that has characters beyond
  letters, digits, `-`, `_` and `.` (a quote, a slash, a control character).
- A file that is not UTF-8, holds a NUL byte, cannot be read, is larger than the loader reads, or
  is not a regular file cannot be searched: it is not a match, it is UNSURE, and the caller
  decides (it may be a document of the vendor that nobody can read).
"""

from __future__ import annotations

import enum
import os
import re
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

# Escapes that can spell a letter, digit, `-`, `_` or `.`, and the escaped line break
# (backslash then \r, \n, U+0085, U+2028 or U+2029), which joins two pieces of text.
_SPELLING_ESCAPE = re.compile(rb"\\(?:[xuU\r\n]|\xc2\x85|\xe2\x80[\xa8\xa9])")
_PLAIN_ID = re.compile(r"[A-Za-z0-9._-]*")
_READ_CHUNK = 1 << 16


class Verdict(enum.Enum):
    """What a file's bytes say about the vendors searched for."""

    ABSENT = "absent"
    """It holds none of them: no parse of it can give one of their documents."""
    MAY_HOLD = "may hold"
    """It holds the text of one of them (or an escape that could spell it): parse it to know."""
    UNSURE = "unsure"
    """Its bytes could not be searched (unreadable, too large, not UTF-8, not a regular file)."""


@dataclass(frozen=True, slots=True)
class _Needle:
    """The byte pieces that every file holding one vendor id holds, and which backslashes matter."""

    pieces: tuple[bytes, ...]
    any_backslash: bool

    @classmethod
    def of(cls, vendor: str) -> _Needle:
        # str.split() cuts at more characters than YAML folds at: shorter pieces are
        # a weaker test, never a wrong one. An id of whitespace only has no piece,
        # and every file may hold it.
        pieces = tuple(piece.encode("utf-8", "surrogatepass") for piece in vendor.split())
        return cls(pieces=pieces, any_backslash=_PLAIN_ID.fullmatch(vendor) is None)

    def found_in(self, raw: bytes) -> bool:
        if all(piece in raw for piece in self.pieces):
            return True
        if self.any_backslash:
            return b"\\" in raw
        return b"\\" in raw and _SPELLING_ESCAPE.search(raw) is not None


def search(paths: Iterable[Path], vendors: Iterable[str], max_bytes: int) -> dict[Path, Verdict]:
    """The verdict on each file for the vendor ids `vendors` (files of more than `max_bytes`: UNSURE)."""
    needles = [_Needle.of(vendor) for vendor in sorted(set(vendors))]
    return {path: _verdict(path, needles, max_bytes) for path in paths}


def _verdict(path: Path, needles: Sequence[_Needle], max_bytes: int) -> Verdict:
    raw = _read(path, max_bytes)
    if raw is None:
        return Verdict.UNSURE
    if any(needle.found_in(raw) for needle in needles):
        return Verdict.MAY_HOLD
    if not _searchable_text(raw):
        return Verdict.UNSURE
    return Verdict.ABSENT


def _searchable_text(raw: bytes) -> bool:
    """True when `raw` is text the loader reads as it is: UTF-8 without a NUL byte."""
    if raw.isascii():
        return b"\x00" not in raw
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return b"\x00" not in raw


def _read(path: Path, max_bytes: int) -> bytes | None:
    """The bytes of a regular file of at most `max_bytes`, else None (the loader says why)."""
    try:
        # O_NONBLOCK: a FIFO named like a dossier file must not hold the run.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
            return None
        # Sized by the file: a bigger buffer costs an allocation per file, and a short
        # read is the end (read on only when the file grew since fstat).
        chunks: list[bytes] = []
        size, want = 0, info.st_size + 1
        while size <= max_bytes:
            chunk = os.read(fd, min(want, max_bytes + 1 - size))
            chunks.append(chunk)
            size += len(chunk)
            if len(chunk) < want:
                break
            want = _READ_CHUNK
    except OSError:
        return None
    finally:
        os.close(fd)
    return None if size > max_bytes else b"".join(chunks)
