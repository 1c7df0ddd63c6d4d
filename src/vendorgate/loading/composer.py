"""Builds plain values and a JSON-pointer → position map from a YAML event stream, without recursion."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from vendorgate.errors import LoadError
from vendorgate.model import Position

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - pyyaml built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = frozenset(_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp"))
_COLLECTION_TAGS = frozenset((_TAG + "map", _TAG + "seq"))
_NON_SPECIFIC = (None, "!")
_INT_LIMIT = 2**63


@dataclass(frozen=True, kw_only=True, slots=True)
class Limits:
    """Bounds that keep a hostile document from exhausting time or memory."""

    max_depth: int = 64
    max_aliases: int = 100
    max_nodes: int = 100_000


@dataclass(frozen=True, kw_only=True, slots=True)
class RawDocument:
    """One composed document: its value, positions, and where it starts."""

    body: Any
    positions: dict[str, Position]
    start: Position


@dataclass(slots=True)
class _Frame:
    is_map: bool
    value: Any
    pointer: str
    start: Any
    anchor: str | None
    nodes_before: int
    key: str | None = None
    key_start: Any = None
    seen: set[str] = field(default_factory=set)


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _pos(start: Any, end: Any) -> Position:
    return Position(
        line=start.line + 1,
        column=start.column + 1,
        end_line=end.line + 1,
        end_column=end.column + 1,
    )


class _Scalars:
    """Turns scalar events into values the way a safe loader would, keeping dates as strings."""

    def __init__(self, json_mode: bool) -> None:
        self._json = json_mode
        self._resolver = Resolver()
        self._constructor = SafeConstructor()

    def value(self, event: yaml.ScalarEvent) -> Any:
        tag = event.tag
        text = event.value
        if tag not in _NON_SPECIFIC and tag not in _SCALAR_TAGS:
            raise _located(event, f"the tag {tag} is not allowed; use plain YAML values")
        plain = event.implicit[0] and tag in _NON_SPECIFIC
        if tag == _TAG + "str" or (not plain and tag in _NON_SPECIFIC):
            return text
        if self._json:
            return self._json_scalar(event)
        resolved: str = (
            self._resolver.resolve(ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
            if plain
            else str(tag)
        )
        return self._construct(event, resolved)

    def _json_scalar(self, event: yaml.ScalarEvent) -> Any:
        try:
            value = json.loads(event.value)
        except ValueError:
            return event.value
        return self._checked_number(event, value)

    def _construct(self, event: yaml.ScalarEvent, tag: str) -> Any:
        text = event.value
        node = ScalarNode(tag, text, None, None)
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "bool":
            return self._constructor.construct_yaml_bool(node)
        if tag == _TAG + "int":
            return self._checked_number(event, self._constructor.construct_yaml_int(node))
        if tag == _TAG + "float":
            return self._checked_number(event, self._constructor.construct_yaml_float(node))
        return text

    @staticmethod
    def _checked_number(event: yaml.ScalarEvent, value: Any) -> Any:
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and abs(value) >= _INT_LIMIT:
            raise _located(event, f"the number {event.value[:40]} is too large")
        if isinstance(value, float) and not math.isfinite(value):
            raise _located(event, f"the number {event.value[:40]} is not a finite number")
        return value


def _located(event: Any, message: str) -> LoadError:
    mark = event.start_mark
    return LoadError(message, line=mark.line + 1, column=mark.column + 1)


class Composer:
    """Consumes parser events and yields one RawDocument per YAML document."""

    def __init__(self, *, json_mode: bool = False, limits: Limits | None = None) -> None:
        self._scalars = _Scalars(json_mode)
        self._limits = limits or Limits()

    def documents(self, text: str) -> list[RawDocument]:
        try:
            return list(self._compose(yaml.parse(text, Loader=_Loader)))
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            problem = exc.problem or exc.context or "invalid YAML"
            line = mark.line + 1 if mark else 1
            column = mark.column + 1 if mark else 1
            raise LoadError(f"invalid YAML: {problem}", line=line, column=column) from exc
        except yaml.YAMLError as exc:
            raise LoadError(f"invalid YAML: {exc}", line=1, column=1) from exc

    def _compose(self, events: Iterable[yaml.Event]) -> Iterable[RawDocument]:
        limits = self._limits
        stack: list[_Frame] = []
        positions: dict[str, Position] = {}
        anchors: dict[str, tuple[Any, int]] = {}
        nodes = 0
        aliases = 0
        root: list[Any] = []
        doc_start: Any = None

        def attach(value: Any, start: Any, end: Any, size: int) -> None:
            nonlocal nodes
            nodes += size
            if nodes > limits.max_nodes:
                raise LoadError(
                    f"the document expands to more than {limits.max_nodes} values",
                    line=start.line + 1,
                    column=start.column + 1,
                )
            if not stack:
                root.append(value)
                return
            parent = stack[-1]
            if parent.is_map:
                key = parent.key
                assert key is not None
                pointer = f"{parent.pointer}/{_escape(key)}"
                positions[pointer] = _pos(parent.key_start, end)
                parent.value[key] = value
                parent.key = None
            else:
                pointer = f"{parent.pointer}/{len(parent.value)}"
                positions[pointer] = _pos(start, end)
                parent.value.append(value)

        def child_pointer() -> str:
            if not stack:
                return ""
            parent = stack[-1]
            if parent.is_map:
                return f"{parent.pointer}/{_escape(parent.key or '')}"
            return f"{parent.pointer}/{len(parent.value)}"

        def expecting_key() -> bool:
            return bool(stack) and stack[-1].is_map and stack[-1].key is None

        for event in events:
            if isinstance(event, yaml.ScalarEvent):
                value = self._scalars.value(event)
                if expecting_key():
                    frame = stack[-1]
                    if not isinstance(value, str):
                        raise _located(event, f"the key {event.value[:40]!r} is not a string; quote it")
                    if value in frame.seen:
                        raise _located(event, f"the key {value!r} appears twice in one mapping")
                    frame.seen.add(value)
                    frame.key = value
                    frame.key_start = event.start_mark
                    continue
                attach(value, event.start_mark, event.end_mark, 1)
                if event.anchor:
                    anchors[event.anchor] = (value, 1)
            elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                if expecting_key():
                    raise _located(event, "a mapping key must be a plain string")
                tag = event.tag
                if tag not in _NON_SPECIFIC and tag not in _COLLECTION_TAGS:
                    raise _located(event, f"the tag {tag} is not allowed; use plain YAML values")
                if len(stack) >= limits.max_depth:
                    raise _located(event, f"the document nests deeper than {limits.max_depth} levels")
                is_map = isinstance(event, yaml.MappingStartEvent)
                stack.append(
                    _Frame(
                        is_map=is_map,
                        value={} if is_map else [],
                        pointer=child_pointer(),
                        start=event.start_mark,
                        anchor=event.anchor,
                        nodes_before=nodes,
                    )
                )
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                frame = stack.pop()
                size = nodes - frame.nodes_before + 1
                nodes = frame.nodes_before
                attach(frame.value, frame.start, event.end_mark, size)
                if frame.anchor:
                    anchors[frame.anchor] = (frame.value, size)
            elif isinstance(event, yaml.AliasEvent):
                if expecting_key():
                    raise _located(event, "a mapping key must be a plain string, not an alias")
                aliases += 1
                if aliases > limits.max_aliases:
                    raise _located(event, f"the document uses more than {limits.max_aliases} aliases")
                if event.anchor not in anchors:
                    raise _located(event, f"the alias *{event.anchor} names no anchor")
                value, size = anchors[event.anchor]
                attach(value, event.start_mark, event.end_mark, size)
            elif isinstance(event, yaml.DocumentStartEvent):
                positions = {}
                anchors = {}
                nodes = 0
                aliases = 0
                root = []
                doc_start = event.start_mark
            elif isinstance(event, yaml.DocumentEndEvent):
                body = root[0] if root else None
                first = _first_content(positions, doc_start)
                yield RawDocument(body=body, positions=positions, start=first)


def _first_content(positions: dict[str, Position], doc_start: Any) -> Position:
    if positions:
        return min(positions.values(), key=lambda p: (p.line, p.column))
    line = (doc_start.line + 1) if doc_start is not None else 1
    return Position(line=line, column=1, end_line=line, end_column=1)
