"""Discovers dossier files under the checked paths and loads each into positioned documents."""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from typing import Any

from vendorgate.defaults import MAX_FILE_BYTES
from vendorgate.errors import LoadError, UsageError
from vendorgate.loading.composer import Composer, Limits, RawDocument, YamlSyntaxError
from vendorgate.loading.syntax import json_fix
from vendorgate.model import FILE_START, Document, Kind, Notice

SUFFIXES = (".yaml", ".yml", ".json")
PROFILE_NAME = "vendorgate.yaml"
EVIDENCE_DIR = "evidence"
DEFAULT_MAX_BYTES = MAX_FILE_BYTES
# The characters YAML allows in a stream; any other (a control character) is
# refused here, with its line and column, before the parser sees it.
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_JSON_INT_DIGITS = 19
# A tree deeper than this below a checked path is reported, not walked: real dossiers
# are a few levels deep, and the limit bounds the walk on a hostile tree.
MAX_DEPTH = 64
# How much of a file that is not read is looked at to tell whether it is meant as a
# dossier document (a top-level `kind:` of a dossier kind).
SNIFF_BYTES = 4096
_KINDS = ("(" + "|".join(Kind) + ")").encode()
_SNIFF_YAML = re.compile(rb"(?m)^kind[ \t]*:[ \t]*[\"']?" + _KINDS + rb"[\"']?[ \t]*(?:#[^\n]*)?\r?$")
_SNIFF_JSON = re.compile(rb'"kind"\s*:\s*"' + _KINDS + rb'"')
# A name meant as a dossier document: one of the suffixes, perhaps followed by more.
_DOCUMENT_SUFFIX = re.compile(f"(?:{'|'.join(map(re.escape, SUFFIXES))})(?![A-Za-z0-9])", re.IGNORECASE)
# Characters a reader does not see in a name: format (zero-width, bidi), control and separators.
_INVISIBLE_CATEGORIES = frozenset(("Cf", "Cc", "Zl", "Zp"))
# A \uD800-\uDFFF escape that is not half of a pair: JSON reads it as a lone
# surrogate, which is no character and cannot be sent on as UTF-8.
_LONE_SURROGATE = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F])|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)


@dataclass(frozen=True, kw_only=True, slots=True)
class FileResult:
    """The documents of one file, or the one error that kept it from loading (SCH-001)."""

    path: Path
    relpath: str
    documents: tuple[Document, ...] = ()
    error: LoadError | None = None
    astral: Mapping[int, tuple[int, ...]] = field(default_factory=dict)
    """Line → 1-based columns of its characters beyond U+FFFF: see Report.astral."""


def _is_document_name(name: str) -> bool:
    return not name.startswith(".") and name != PROFILE_NAME and os.path.splitext(name)[1].lower() in SUFFIXES


@dataclass(frozen=True, kw_only=True, slots=True)
class Unread:
    """A file or folder under the checked paths that is not read, and why: an SCH-001 result."""

    relpath: str
    message: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Discovery:
    """What discovery found: the files to read, what it could not read, and what it passed over."""

    files: list[Path]
    unread: list[Unread]
    notices: list[Notice]


def discover(paths: Sequence[Path], root: Path, *, profiles: Iterable[Path] = ()) -> Discovery:
    """Every dossier file under `paths`, sorted, with a result for each place not read.

    Folders are walked following links that stay inside the repository (each real
    folder once), never into `.git`, at most MAX_DEPTH levels down. Hidden and
    `evidence` folders hold no dossier documents; a file there, or a file whose
    name keeps it from being read, that looks like a dossier document (its name,
    or a `kind:` in its first SNIFF_BYTES) is an Unread result. A path that does
    not exist, or a `vendorgate.yaml` other than `profiles` (the repository
    root's own and the one given by --config), is a UsageError.
    """
    walker = _Walker(root, profiles)
    for given in paths:
        _check_given(given)
    for given in paths:
        walker.top(given)
    walker.check_profiles()
    return Discovery(
        files=sorted(walker.found, key=_relative_key(root)),
        unread=sorted(set(walker.unread), key=lambda u: (u.relpath, u.message)),
        notices=walker.notices,
    )


def _relative_key(root: Path) -> Callable[[Path], str]:
    """relative(path, root), cut from the text of a path under an absolute root without pathlib.

    Discovery sorts every file of the repository by it; pathlib's relative_to is most of that cost.
    """
    prefix = str(root).rstrip("/") + "/"

    def key(path: Path) -> str:
        text = str(path)
        if root.is_absolute() and path.is_absolute() and text.startswith(prefix):
            return display(text[len(prefix) :])
        return relative(path, root)

    return key


def _check_given(given: Path) -> None:
    """A path on the command line must lead somewhere: a typo must never check nothing."""
    try:
        given.lstat()
        given.is_dir()
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            raise UsageError(f"{display(str(given))} does not exist; check the paths") from exc
        reason = exc.strerror or type(exc).__name__
        raise UsageError(f"{display(str(given))} cannot be read ({reason}); check the paths") from exc


def display(text: str) -> str:
    """`text` with any byte that is not UTF-8 (os gives it as a lone surrogate) shown as \\xNN."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text


def _is_text(name: str) -> bool:
    return display(name) == name


def sniff_kind(path: str) -> str | None:
    """The dossier kind a file's first SNIFF_BYTES declare at its top level, if any."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        head = os.read(fd, SNIFF_BYTES)
    except OSError:
        return None
    finally:
        os.close(fd)
    found = _SNIFF_YAML.search(head) or _SNIFF_JSON.search(head)
    return found.group(1).decode("ascii") if found else None


def _invisible(name: str) -> tuple[str, list[str]]:
    """`name` without invisible characters and trailing blanks or dots, and what was removed."""
    removed = [c for c in name if unicodedata.category(c) in _INVISIBLE_CATEGORIES]
    cleaned = "".join(c for c in name if unicodedata.category(c) not in _INVISIBLE_CATEGORIES)
    stripped = cleaned.rstrip(
        " .\t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
    )
    removed.extend(cleaned[len(stripped) :])
    return stripped, removed


def _codes(chars: Iterable[str]) -> str:
    return ", ".join(dict.fromkeys(f"U+{ord(c):04X}" for c in chars))


_Context = Callable[[], str] | None
"""Why a folder's files are not read (a hidden or evidence folder), worded on demand; None when they are."""


class _Walker:
    """One discovery: the state shared by every checked path."""

    def __init__(self, root: Path, profiles: Iterable[Path]) -> None:
        self.root = root
        self.real_root = os.path.realpath(root)
        self.profiles = {os.path.realpath(root / PROFILE_NAME)} | {os.path.realpath(p) for p in profiles}
        self.found: set[Path] = set()
        self.unread: list[Unread] = []
        self.notices: list[Notice] = []
        self.strays: list[str] = []
        self.visited: set[tuple[int, int] | str] = set()

    def where(self, path: str | Path) -> str:
        return relative(Path(path), self.root)

    def report(self, path: str | Path, message: str, context: _Context) -> None:
        """An Unread result in a dossier folder; a notice where no dossier document is read anyway."""
        where = self.where(path)
        if context is None:
            self.unread.append(Unread(relpath=where, message=message))
        else:
            self.notices.append(Notice(message=f"{where}: {message}", path=where))

    def inside(self, path: str) -> bool:
        real = os.path.realpath(path)
        return real == self.real_root or real.startswith(self.real_root.rstrip(os.sep) + os.sep)

    def top(self, given: Path) -> None:
        context = self.context_of(given)
        if given.is_dir():
            if given.is_symlink() and not self.inside(str(given)):
                self.report(given, _LINK_OUT, context)
                return
            self.walk(str(given), context)
        elif given.name == PROFILE_NAME and self.is_profile(str(given)):
            self.notices.append(
                Notice(message=f"{self.where(given)} is the profile, not a dossier file; skipped")
            )
        elif not self.file(str(given), given.name, context):
            where = self.where(given)
            self.notices.append(Notice(message=f"{where} is not a dossier file; skipped", path=where))

    def context_of(self, given: Path) -> _Context:
        """Why nothing in `given`'s folder is read (hidden or evidence folder), or None."""
        folder = Path(self.where(given.parent if not given.is_dir() else given))
        context: _Context = None
        if folder.is_absolute():
            return None
        for depth, part in enumerate(folder.parts, start=1):
            context = _folder_context(partial(str, Path(*folder.parts[:depth]).as_posix()), part, context)
        return context

    def is_profile(self, path: str) -> bool:
        return os.path.realpath(path) in self.profiles

    def walk(self, top: str, context: _Context) -> None:
        """Depth-first over real folders; links to folders wait until every real folder is seen."""
        stack: list[tuple[str, int, _Context]] = [(top, 0, context)]
        links: list[tuple[str, int, _Context]] = []
        while stack or links:
            if not stack:
                link = links.pop(0)
                if self.inside(link[0]):
                    stack.append(link)
                else:
                    self.report(link[0], _LINK_OUT, link[2])
                continue
            folder, depth, folder_context = stack.pop()
            seen = _identity(folder)
            if seen in self.visited:
                continue
            self.visited.add(seen)
            subfolders = self.folder(folder, depth, top, folder_context, links)
            stack.extend(reversed(subfolders))

    def folder(
        self,
        folder: str,
        depth: int,
        top: str,
        context: _Context,
        links: list[tuple[str, int, _Context]],
    ) -> list[tuple[str, int, _Context]]:
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            self.report(folder, _unlistable(exc), context)
            return []
        subfolders: list[tuple[str, int, _Context]] = []
        for entry in entries:
            if entry.name == ".git":
                continue
            try:
                is_link = entry.is_symlink()
                is_dir = entry.is_dir()
            except OSError:
                is_link, is_dir = False, False
            if is_dir:
                if not _is_text(entry.name):
                    self.report(entry.path, _FOLDER_NOT_UTF8, context)
                    continue
                inner = _folder_context(partial(self.where, entry.path), entry.name, context)
                if depth + 1 > MAX_DEPTH:
                    self.report(entry.path, _too_deep(self.where(top)), inner)
                    continue
                (links if is_link else subfolders).append((entry.path, depth + 1, inner))
            else:
                self.file(entry.path, entry.name, context)
        return subfolders

    def file(self, path: str, name: str, context: _Context) -> bool:
        """Take, report or pass over one file; False when it is not a dossier file at all."""
        if name == PROFILE_NAME:
            if not self.is_profile(path):
                self.strays.append(self.where(path))
            return True
        if not _is_text(name):
            if _looks_like_document(display(name)):
                self.report(path, _FILE_NOT_UTF8, context)
                return True
            return False
        if context is None and _is_document_name(name):
            self.found.add(Path(path).absolute())
            return True
        cleaned, removed = _invisible(name)
        if removed and _is_document_name(cleaned):
            self.report(path, _invisible_message(removed, cleaned), context)
            return True
        if not _looks_like_document(cleaned):
            return False
        kind = sniff_kind(path)
        if kind is None:
            return False
        if context is None:
            why = _HIDDEN_FILE if name.startswith(".") else _wrong_suffix(cleaned)
        else:
            why = context()
        self.unread.append(Unread(relpath=self.where(path), message=_not_read(kind, why)))
        return True

    def check_profiles(self) -> None:
        if not self.strays:
            return
        first, *others = sorted(self.strays)
        more = f" (and {len(others)} more)" if others else ""
        raise UsageError(
            f"{first}: a profile is read only from the repository root or --config; move its"
            f" settings there and delete this file{more}"
        )


def _identity(folder: str) -> tuple[int, int] | str:
    """What makes a folder the same folder whatever link leads to it: its device and inode."""
    try:
        info = os.stat(folder)
    except OSError:
        return os.path.abspath(folder)  # listing it fails too, and says why
    return (info.st_dev, info.st_ino)


def _folder_context(relpath: Callable[[], str], name: str, outer: _Context) -> _Context:
    """Why nothing in this folder is read (its own name or an outer folder's); None in a dossier folder.

    The reason is worded only when a file needs it: most hidden and evidence folders hold none.
    """
    if outer is not None:
        return outer
    if name.startswith("."):
        return partial(_hidden_folder, relpath)
    if name == EVIDENCE_DIR:
        return partial(_evidence_folder, relpath)
    return None


def _hidden_folder(relpath: Callable[[], str]) -> str:
    return f"it is in the hidden folder {relpath()}, and hidden folders are not read; move it out"


def _evidence_folder(relpath: Callable[[], str]) -> str:
    return (
        f"it is in the evidence folder {relpath()}, which holds the files documents cite, not"
        " dossier documents; move it to the vendor's folder"
    )


def _looks_like_document(name: str) -> bool:
    return _DOCUMENT_SUFFIX.search(name) is not None


def _not_read(kind: str, why: str) -> str:
    return (
        f"this file holds {_article(kind)} {kind} document but is not read: {why}, or delete it if it"
        " is not meant to be checked"
    )


def _article(kind: str) -> str:
    return "an" if kind[0] in "AEIOU" else "a"


def _wrong_suffix(name: str) -> str:
    match = _DOCUMENT_SUFFIX.search(name)
    assert match is not None
    return (
        f"only names ending in {', '.join(SUFFIXES[:-1])} or {SUFFIXES[-1]} are read; rename it to"
        f" {name[: match.end()]} if it belongs to the dossier"
    )


def _invisible_message(removed: list[str], cleaned: str) -> str:
    return (
        f"the file name has an invisible or trailing character ({_codes(removed)}) around its"
        f" suffix, so it is not read; rename it to {cleaned}"
    )


def _unlistable(exc: OSError) -> str:
    if exc.errno == errno.ENAMETOOLONG:
        return (
            "the folder's path is longer than the system allows, so nothing in it is checked;"
            " shorten the folder names"
        )
    reason = exc.strerror or type(exc).__name__
    return (
        f"the folder cannot be listed ({reason}), so nothing in it is checked; give the user"
        " running vendorgate read access to it, or remove it"
    )


def _too_deep(top: str) -> str:
    return (
        f"the folder is more than {MAX_DEPTH} levels below {top}, so nothing in it is checked;"
        " move its files to a shallower folder"
    )


_LINK_OUT = (
    "the folder is a link to a place outside the repository, so nothing in it is checked;"
    " commit the folder itself instead of the link"
)
_FOLDER_NOT_UTF8 = (
    "the folder name is not valid UTF-8 (shown with \\x escapes), so nothing in it is checked;"
    " rename it in UTF-8"
)
_FILE_NOT_UTF8 = (
    "the file name is not valid UTF-8 (shown with \\x escapes), so the file is not read; rename it in UTF-8"
)
_HIDDEN_FILE = "its name starts with a dot, which marks a hidden file; rename it without the dot"


def relative(path: Path, root: Path) -> str:
    """`path` relative to the repository root, posix style (absolute when outside it), printable.

    A byte of a name that is not UTF-8 is shown as \\xNN, so no output ever holds a lone surrogate.
    """
    absolute = path.absolute()
    try:
        return display(absolute.relative_to(root).as_posix())
    except ValueError:
        return display(absolute.as_posix())


def load_file(
    path: Path,
    *,
    root: Path,
    first_id: int,
    max_bytes: int = DEFAULT_MAX_BYTES,
    limits: Limits | None = None,
) -> FileResult:
    """Load every document of one file; any problem becomes the file's single LoadError."""
    relpath = relative(path, root)
    astral: dict[int, tuple[int, ...]] = {}
    try:
        raw = _read(path, root, max_bytes)
        text = _decode(raw)
        astral = astral_columns(text)
        json_mode = path.suffix.lower() == ".json"
        documents = _parse(text, json_mode, limits)
        _check_top_levels(documents)
    except LoadError as exc:
        return FileResult(path=path, relpath=relpath, error=exc, astral=astral)
    return FileResult(
        path=path,
        relpath=relpath,
        astral=astral,
        documents=tuple(
            Document(
                id=f"d{first_id + i}",
                path=path,
                relpath=relpath,
                index=i,
                body=raw_doc.body,
                positions=raw_doc.positions,
                start=raw_doc.start,
                readings=raw_doc.readings,
            )
            for i, raw_doc in enumerate(documents)
        ),
    )


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# What YAML (and so the composer's line numbers) reads as a line break.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def astral_columns(text: str) -> dict[int, tuple[int, ...]]:
    """Line → the 1-based columns of each character beyond U+FFFF on it (none for ASCII text)."""
    if text.isascii():
        return {}
    found: dict[int, list[int]] = {}
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        columns = [m.start() + 1 for m in _ASTRAL.finditer(line)]
        if columns:
            found[number] = columns
    return {number: tuple(columns) for number, columns in found.items()}


@cache
def _resolved(root: Path) -> Path:
    return root.resolve()


def _read(path: Path, root: Path, max_bytes: int) -> bytes:
    try:
        real = Path(os.path.realpath(path, strict=True))
    except OSError as exc:
        raise LoadError(_unreadable(exc)) from exc
    if not real.is_relative_to(_resolved(root)):
        raise LoadError("the file is a link to a place outside the repository; commit the file itself")
    try:
        info = real.stat()
        if not stat.S_ISREG(info.st_mode):
            raise LoadError("the file is not a regular file; commit a plain YAML or JSON file")
        size = info.st_size
        if size > max_bytes:
            raise LoadError(
                f"the file is {size:,} bytes, over the limit of {max_bytes:,} bytes;"
                " split it or raise --max-file-size"
            )
        with real.open("rb") as handle:
            return handle.read(max_bytes + 1)
    except OSError as exc:
        raise LoadError(_unreadable(exc)) from exc


def _unreadable(exc: OSError) -> str:
    if exc.errno == errno.ENAMETOOLONG:
        return "the file's path is longer than the system allows, so it is not read; shorten the folder names"
    if exc.errno in (errno.ENOENT, errno.ELOOP, errno.ENOTDIR):
        return "the file cannot be read (a broken or looping link); fix or remove it"
    reason = exc.strerror or type(exc).__name__
    return (
        f"the file cannot be read ({reason}); give the user running vendorgate read access to it,"
        " or remove it"
    )


def _line_column(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of a character offset in `text`."""
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _decode(raw: bytes) -> str:
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise LoadError(
            "the file contains a NUL byte; dossier files must be UTF-8 text",
            line=raw.count(b"\n", 0, nul) + 1,
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadError(
            "the file is not valid UTF-8; save it as UTF-8 text",
            line=raw.count(b"\n", 0, exc.start) + 1,
        ) from exc
    if not text.strip():
        raise LoadError("the file is empty; add a dossier document or delete the file")
    bad = _NOT_PRINTABLE.search(text)
    if bad is not None:
        line, column = _line_column(text, bad.start())
        raise LoadError(
            f"the file contains the control character U+{ord(bad.group()):04X}, which YAML does not"
            " allow; remove it",
            line=line,
            column=column,
        )
    return text


def _parse(text: str, json_mode: bool, limits: Limits | None) -> list[RawDocument]:
    composer = Composer(json_mode=json_mode, limits=limits)
    if not json_mode:
        return composer.documents(text)
    try:
        body = _strict_json(text)
    except _JsonSyntaxError:
        raise
    except LoadError as exc:
        # A duplicate key or a number out of range: the YAML reader finds its line.
        try:
            composer.documents(text)
        except YamlSyntaxError:
            pass
        except LoadError as located:
            raise located from exc
        raise
    _check_surrogates(text, body)
    try:
        # The YAML reader gives positions, and applies the same limits as to YAML.
        positions = composer.documents(text)
    except YamlSyntaxError:
        # Valid JSON that the YAML reader rejects still loads; its findings
        # then point at the start of the file rather than at the exact line.
        positions = []
    if len(positions) == 1:
        return [RawDocument(body=body, positions=positions[0].positions, start=positions[0].start)]
    return [RawDocument(body=body, positions={}, start=FILE_START)]


def _check_surrogates(text: str, body: Any) -> None:
    lone = _LONE_SURROGATE.search(text)
    if lone is None:
        return
    try:
        json.dumps(body, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        line, column = _line_column(text, lone.start())
        raise LoadError(
            f"the escape {lone.group()} is half of a surrogate pair, not a character; remove it"
            " or write the whole character",
            line=line,
            column=column,
        ) from None


class _JsonSyntaxError(LoadError):
    """The text is not JSON."""


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise LoadError(f"the key {key[:40]!r} appears twice in one object; keep only one")
        result[key] = value
    return result


def _reject_constant(name: str) -> Any:
    raise LoadError(f"the number {name} is not a finite number; write a real number")


def _json_int(text: str) -> int:
    digits = text.lstrip("-")
    if len(digits) > _JSON_INT_DIGITS or abs(int(text)) >= 2**63:
        raise LoadError(f"the number {text[:40]} is too large; quote it if it is text")
    return int(text)


def _json_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise LoadError(f"the number {text[:40]} is not a finite number; write a real number")
    return value


def _strict_json(text: str) -> Any:
    try:
        return json.loads(
            text,
            object_pairs_hook=_reject_duplicates,
            parse_constant=_reject_constant,
            parse_int=_json_int,
            parse_float=_json_float,
        )
    except json.JSONDecodeError as exc:
        fix = json_fix(text, exc.msg, exc.lineno, exc.colno)
        raise _JsonSyntaxError(fix.message, line=fix.line, column=fix.column) from exc
    except RecursionError as exc:
        raise LoadError("the document nests too deeply; flatten it") from exc


def _check_top_levels(documents: list[RawDocument]) -> None:
    if not documents:
        raise LoadError("the file holds no document; add a dossier document or delete the file")
    for number, doc in enumerate(documents, start=1):
        if not isinstance(doc.body, dict):
            what = "empty" if doc.body is None else f"a {_type_name(doc.body)}"
            where = f"document {number}" if len(documents) > 1 else "the document"
            raise LoadError(
                f"the top level of {where} is {what}, not a mapping of keys to values",
                line=doc.start.line,
                column=doc.start.column,
            )


def _type_name(value: Any) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    return "string"
