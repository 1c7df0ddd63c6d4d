"""Discovers dossier files under the checked paths and loads each into positioned documents."""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from vendorgate.errors import LoadError
from vendorgate.loading.composer import Composer, Limits, RawDocument, YamlSyntaxError
from vendorgate.model import FILE_START, Document, Notice

SUFFIXES = frozenset((".yaml", ".yml", ".json"))
PROFILE_NAME = "vendorgate.yaml"
EVIDENCE_DIR = "evidence"
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# The characters YAML allows in a stream; any other (a control character) is
# refused here, with its line and column, before the parser sees it.
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_JSON_INT_DIGITS = 19
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


def _is_document_name(name: str) -> bool:
    return not name.startswith(".") and name != PROFILE_NAME and os.path.splitext(name)[1].lower() in SUFFIXES


def discover(paths: Sequence[Path], root: Path) -> tuple[list[Path], list[Notice]]:
    """Every dossier file under `paths`, sorted, and notices for paths passed over.

    Directories are walked without following links, skipping hidden folders and
    `evidence` folders; a file named explicitly is taken when its suffix fits.
    """
    found: set[Path] = set()
    notices: list[Notice] = []
    for given in paths:
        if given.is_dir():
            found.update(_walk(given, notices, root))
        elif given.exists() or given.is_symlink():
            if _is_document_name(given.name) and _not_in_evidence(given, root):
                found.add(given.absolute())
            else:
                notices.append(Notice(message=f"{given} is not a dossier file; skipped"))
        else:
            notices.append(Notice(message=f"{given} does not exist; skipped"))
    return sorted(found, key=lambda p: relative(p, root)), notices


def _not_in_evidence(path: Path, root: Path) -> bool:
    return EVIDENCE_DIR not in Path(relative(path.parent, root)).parts


def _walk(top: Path, notices: list[Notice], root: Path) -> Iterable[Path]:
    for folder, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != EVIDENCE_DIR)
        for name in dirs:
            link = Path(folder, name)
            if link.is_symlink():
                where = relative(link, root)
                notices.append(
                    Notice(message=f"{where} is a link to a folder and was not followed", path=where)
                )
        for name in files:
            if _is_document_name(name):
                yield Path(folder, name).absolute()


def relative(path: Path, root: Path) -> str:
    """`path` relative to the repository root, posix style; absolute when outside it."""
    absolute = path.absolute()
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return absolute.as_posix()


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
    try:
        raw = _read(path, root, max_bytes)
        text = _decode(raw)
        json_mode = path.suffix.lower() == ".json"
        documents = _parse(text, json_mode, limits)
        _check_top_levels(documents)
    except LoadError as exc:
        return FileResult(path=path, relpath=relpath, error=exc)
    return FileResult(
        path=path,
        relpath=relpath,
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


@cache
def _resolved(root: Path) -> Path:
    return root.resolve()


def _read(path: Path, root: Path, max_bytes: int) -> bytes:
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError) as exc:
        raise LoadError("the file cannot be read (a broken or looping link); fix or remove it") from exc
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
        raise LoadError(f"the file cannot be read: {exc.strerror}") from exc


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
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
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
        line = text.count("\n", 0, lone.start()) + 1
        column = lone.start() - (text.rfind("\n", 0, lone.start()) + 1) + 1
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
        raise _JsonSyntaxError(f"invalid JSON: {exc.msg}", line=exc.lineno, column=exc.colno) from exc
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
