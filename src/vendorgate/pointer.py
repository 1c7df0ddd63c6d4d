"""JSON pointers (RFC 6901): the one escaping of keys into pointers and back, and a field's readable name."""

from __future__ import annotations

import re
from collections.abc import Iterable

# An array index as RFC 6901 writes it: no sign, no leading zero.
_INDEX = re.compile(r"0|[1-9][0-9]*")


def escape(token: str) -> str:
    """A key as one pointer token: `~` becomes `~0`, then `/` becomes `~1`."""
    return token.replace("~", "~0").replace("/", "~1")


def pointer_of(path: Iterable[str | int]) -> str:
    """The pointer of a path of keys and list indexes: ["a", 0, "b/c"] is /a/0/b~1c."""
    return "".join("/" + escape(str(part)) for part in path)


def path_of(pointer: str) -> list[str | int]:
    """The keys and list indexes of a pointer; a token written as an array index is read as one."""
    if not pointer:
        return []
    tokens = (t.replace("~1", "/").replace("~0", "~") for t in pointer[1:].split("/"))
    return [int(t) if _INDEX.fullmatch(t) else t for t in tokens]


def field_name(path: Iterable[str | int]) -> str:
    """A path as a reader names the field: ["a", 0, "b"] is a[0].b, and [] is the document."""
    name = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path)
    if not name:
        return "the document"
    return name[1:] if name.startswith(".") else name
