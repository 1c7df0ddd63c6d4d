"""Checks the evidence files an attestation cites (DOS-004 facts): inside the repo, readable, intact."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path
from typing import Any

from vendorgate.defaults import MAX_EVIDENCE_BYTES
from vendorgate.model import Document

EVIDENCE_LISTS = ("certifications", "documents")
DEFAULT_MAX_EVIDENCE_BYTES = MAX_EVIDENCE_BYTES
_CHUNK = 1 << 20


class EvidenceChecker:
    """Checks evidence paths for one run: each real file is opened and hashed at most once."""

    def __init__(self, root: Path, max_size: int = DEFAULT_MAX_EVIDENCE_BYTES) -> None:
        self.root = root.absolute()
        self.real_root = Path(os.path.realpath(root))
        self.max_size = max_size
        self._files: dict[Path, dict[str, Any]] = {}

    def facts(self, document: Document) -> list[dict[str, Any]]:
        """One fact per list item with an `evidence:` path; status ok, or why DOS-004 speaks."""
        body = document.body
        facts: list[dict[str, Any]] = []
        for list_name in EVIDENCE_LISTS:
            items = body.get(list_name)
            if not isinstance(items, list):
                continue
            for index, item in enumerate(items):
                if not isinstance(item, dict) or not isinstance(item.get("evidence"), str):
                    continue
                fact: dict[str, Any] = {
                    "doc": document.id,
                    "item": f"/{list_name}/{index}",
                    "path": item["evidence"],
                }
                fact.update(self._check(document.path.parent, item["evidence"], item.get("sha256")))
                facts.append(fact)
        return facts

    def _check(self, folder: Path, given: str, sha256: object) -> dict[str, Any]:
        if os.path.isabs(given) or "\x00" in given:
            return {"status": "outside"}
        lexical = Path(os.path.normpath(folder.absolute() / given))
        if not lexical.is_relative_to(self.root):
            return {"status": "outside"}
        try:
            real = Path(os.path.realpath(lexical, strict=True))
        except OSError as exc:
            if exc.errno in (errno.ENOENT, errno.ENOTDIR):
                # Not there: a dangling link that points outside is still an escape.
                target = Path(os.path.realpath(lexical))
                return {"status": "missing" if target.is_relative_to(self.real_root) else "outside"}
            return _fact(_unreadable(exc))
        if not real.is_relative_to(self.real_root):
            return {"status": "outside"}
        state = self._files.get(real)
        if state is None:
            state = self._files[real] = self._open(real)
        if state["status"] == "ok" and isinstance(sha256, str) and "sha256" not in state:
            state.update(self._hash(real))
        if state["status"] != "ok" or not isinstance(sha256, str):
            return _fact(state)
        if state["sha256"] is None:
            return {"status": "too_large", "size": state["size"], "limit": self.max_size}
        if state["sha256"] != sha256.lower():
            return {"status": "mismatch", "expected": sha256.lower(), "actual": state["sha256"]}
        return {"status": "ok"}

    def _open(self, real: Path) -> dict[str, Any]:
        """Whether the file can be opened for reading: status ok, missing or unreadable."""
        try:
            fd = _open_nonblocking(real)
        except OSError as exc:
            if exc.errno in (errno.ENOENT, errno.ENOTDIR):
                return {"status": "missing"}
            return _unreadable(exc)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return {"status": "missing"}
        finally:
            os.close(fd)
        return {"status": "ok"}

    def _hash(self, real: Path) -> dict[str, Any]:
        """The file's SHA-256, or None with its size when it is over the limit; read once per run."""
        try:
            with os.fdopen(_open_nonblocking(real), "rb") as handle:
                info = os.fstat(handle.fileno())
                if not stat.S_ISREG(info.st_mode):
                    return {"status": "missing"}
                size = info.st_size
                if size > self.max_size:
                    return {"sha256": None, "size": size}
                digest = hashlib.sha256()
                read = 0
                while chunk := handle.read(_CHUNK):
                    read += len(chunk)
                    if read > self.max_size:
                        return {"sha256": None, "size": read}
                    digest.update(chunk)
        except OSError as exc:
            return _unreadable(exc)
        return {"sha256": digest.hexdigest(), "size": read}


def _open_nonblocking(path: Path) -> int:
    # A FIFO or device put where a file was expected must not block the run.
    return os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))


def _fact(state: dict[str, Any]) -> dict[str, Any]:
    return {"status": state["status"], **state.get("why", {})}


def _unreadable(exc: OSError) -> dict[str, Any]:
    if exc.errno == errno.ELOOP:
        reason, remedy = "a symbolic link loop", "replace the link with the file itself"
    elif exc.errno == errno.ENAMETOOLONG:
        reason, remedy = "its path is longer than the system allows", "shorten the folder or file names"
    elif exc.errno in (errno.EACCES, errno.EPERM):
        reason, remedy = "permission denied", "make it readable to the user running vendorgate"
    else:
        reason = (exc.strerror or type(exc).__name__).lower()
        remedy = "check the file and the folders above it"
    return {"status": "unreadable", "why": {"reason": reason, "remedy": remedy}}


def evidence_facts(
    document: Document, root: Path, max_size: int = DEFAULT_MAX_EVIDENCE_BYTES
) -> list[dict[str, Any]]:
    """The evidence facts of one document, checked on their own (no cache shared with a run)."""
    return EvidenceChecker(root, max_size).facts(document)
