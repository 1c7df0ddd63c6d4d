"""Checks the evidence files an attestation cites (DOS-004 facts): inside the repo, present, intact."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from vendorgate.model import Document

EVIDENCE_LISTS = ("certifications", "documents")
_CHUNK = 1 << 20


def evidence_facts(document: Document, root: Path) -> list[dict[str, Any]]:
    """One fact per list item with an `evidence:` path, with status ok/outside/missing/mismatch."""
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
            fact.update(_check(document.path.parent, root, item["evidence"], item.get("sha256")))
            facts.append(fact)
    return facts


def _check(folder: Path, root: Path, given: str, sha256: object) -> dict[str, Any]:
    if os.path.isabs(given) or "\x00" in given:
        return {"status": "outside"}
    real_root = root.resolve()
    lexical = Path(os.path.normpath(folder.absolute() / given))
    if not lexical.is_relative_to(root.absolute()):
        return {"status": "outside"}
    try:
        real = lexical.resolve(strict=True)
    except (OSError, RuntimeError):
        # Not there: a dangling link that points outside is still an escape.
        target = lexical.resolve()
        return {"status": "missing" if target.is_relative_to(real_root) else "outside"}
    if not real.is_relative_to(real_root):
        return {"status": "outside"}
    if not real.is_file():
        return {"status": "missing"}
    if isinstance(sha256, str):
        actual = _sha256(real)
        if actual != sha256.lower():
            return {"status": "mismatch", "expected": sha256.lower(), "actual": actual}
    return {"status": "ok"}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
