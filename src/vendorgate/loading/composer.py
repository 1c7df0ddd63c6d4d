"""Builds plain values and a JSON-pointer → position map from a YAML event stream, without recursion."""

from __future__ import annotations

import json
import math
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from vendorgate.errors import LoadError
from vendorgate.loading.syntax import yaml_fix
from vendorgate.model import Position, Span, position_of
from vendorgate.pointer import escape, field_name, path_of

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - pyyaml built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_TAG = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = (_TAG + t for t in ("str", "int", "float", "bool", "null"))
_SCALAR_TAGS = frozenset((_STR, _INT, _FLOAT, _BOOL, _NULL, _TAG + "timestamp"))
_COLLECTION_TAGS = frozenset((_TAG + "map", _TAG + "seq"))
_NON_SPECIFIC = (None, "!")
_BARE_TAG = "!"
_INT_LIMIT = 2**63
_RESOLVED_CACHE_SIZE = 4096

# The YAML 1.2 core schema (yaml.org/spec/1.2.2 10.3.2): how a plain scalar is read.
_CORE_NULL = re.compile(r"~|null|Null|NULL|")
_CORE_BOOL = re.compile(r"true|True|TRUE|false|False|FALSE")
_CORE_INT = re.compile(r"[-+]?[0-9]+")
_CORE_OCT = re.compile(r"0o[0-7]+")
_CORE_HEX = re.compile(r"0x[0-9a-fA-F]+")
_CORE_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_CORE_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)")
_CORE_NAN = re.compile(r"\.(?:nan|NaN|NAN)")
# The YAML 1.1 booleans, in any case (PyYAML's resolver leaves out y and n).
_YAML11_BOOL = re.compile(r"(?i:(y|yes|on)|(n|no|off))")
# A plain scalar whose first character is none of these is text in YAML 1.1 and
# in YAML 1.2 alike: most values are, and they skip every regular expression.
_TYPED_STARTS = frozenset("0123456789+-.~<=!&*NnTtFfYyOo")


class _Reading:
    """A plain scalar's YAML 1.2 value and, when YAML 1.1 reads it otherwise, what to say."""

    __slots__ = ("note", "value")

    def __init__(self, value: Any, note: str | None) -> None:
        self.value = value
        self.note = note


# Typed plain values repeat across every file of a run (true, false, dates,
# small numbers): each text is resolved once per process, not once per value.
# The values are immutable, so sharing them is safe.
_RESOLVED: dict[str, _Reading] = {}
_NUMBER_TEXT_LIMIT = 100
_MERGE_KEY = "<<"
_LIBYAML_DEPTH = "exceeded maximum nesting depth"


@dataclass(frozen=True, kw_only=True, slots=True)
class Limits:
    """Bounds that keep a hostile document from exhausting time or memory."""

    max_depth: int = 64
    max_aliases: int = 100
    max_nodes: int = 100_000
    max_documents: int = 1_000
    max_alias_chars: int = 1_000_000
    """Characters of keys and scalars that aliases may add, over the whole file."""
    max_key_chars: int = 1_000
    max_index_chars: int = 32_000_000
    """Characters of all JSON pointers kept for positions, over the whole file."""


class YamlSyntaxError(LoadError):
    """The text is not YAML at all (as opposed to YAML that breaks one of vendorgate's rules)."""


@dataclass(frozen=True, kw_only=True, slots=True)
class RawDocument:
    """One composed document: its value, positions, and where it starts."""

    body: Any
    positions: dict[str, Span]
    start: Position
    readings: tuple[tuple[str, str], ...] = ()
    """(pointer, message) of each value YAML 1.1 reads otherwise than YAML 1.2."""


@dataclass(slots=True)
class _Frame:
    is_map: bool
    value: Any
    pointer: str
    start: Any
    anchor: str | None
    nodes_before: int
    chars_before: int
    key: str | None = None
    key_start: Any = None
    seen: set[str] = field(default_factory=set)


def _pos(start: Any, end: Any) -> Span:
    return (start.line + 1, start.column + 1, end.line + 1, end.column + 1)


class _Scalars:
    """Turns scalar events into values as YAML 1.2 reads them, keeping dates as strings.

    After each value, `note` says how YAML 1.1 reads the scalar otherwise (None
    when it reads it the same): the composer reports that as SCH-002 at the value.
    """

    def __init__(self, json_mode: bool) -> None:
        self._json = json_mode
        self._resolver = Resolver()
        self._constructor = SafeConstructor()
        self._resolved = _RESOLVED
        self.note: str | None = None

    def value(self, event: yaml.ScalarEvent) -> Any:
        self.note = None
        tag = event.tag
        text = event.value
        if tag is None and event.implicit[0]:
            if self._json:
                return self._json_scalar(event)
            if text and text[0] not in _TYPED_STARTS:
                return text
            reading = self._resolved.get(text)
            if reading is None:
                reading = self._plain(event)
                if len(self._resolved) >= _RESOLVED_CACHE_SIZE:
                    self._resolved.clear()
                self._resolved[text] = reading
            self.note = reading.note
            return reading.value
        if tag in _NON_SPECIFIC:
            if tag == _BARE_TAG:
                self.note = _BARE_TAG_NOTE
            return text
        if tag not in _SCALAR_TAGS:
            raise _located(event, _tag_message(tag))
        if tag == _STR:
            return text
        return self._tagged(event, tag)

    def _json_scalar(self, event: yaml.ScalarEvent) -> Any:
        _check_length(event)
        try:
            value = json.loads(event.value)
        except ValueError:
            return event.value
        return self._checked_number(event, value)

    def _plain(self, event: yaml.ScalarEvent) -> _Reading:
        text = event.value
        value = self._core(event, text)
        older = self._yaml11(text)
        if older is _UNREAD or _same(older, value):
            return _Reading(value, None)
        suggested = value if not isinstance(value, str) else older
        return _Reading(
            value,
            f"is {_code(text)}, which YAML 1.1 reads as {_reading(older)} and YAML 1.2 as"
            f" {_reading(value)}; write {_reading(suggested, bare=True)}, or quote it if it is text",
        )

    def _core(self, event: yaml.ScalarEvent, text: str) -> Any:
        """The YAML 1.2 core schema's value of a plain scalar."""
        if _CORE_NULL.fullmatch(text):
            return None
        if _CORE_BOOL.fullmatch(text):
            return text[0] in "tT"
        if _CORE_INT.fullmatch(text):
            return self._number(event, int, text)
        if _CORE_OCT.fullmatch(text):
            return self._number(event, lambda t: int(t[2:], 8), text)
        if _CORE_HEX.fullmatch(text):
            return self._number(event, lambda t: int(t[2:], 16), text)
        if _CORE_FLOAT.fullmatch(text) or _CORE_INF.fullmatch(text) or _CORE_NAN.fullmatch(text):
            return self._number(event, _core_float, text)
        return text

    def _tagged(self, event: yaml.ScalarEvent, tag: str) -> Any:
        """An explicitly tagged scalar, read strictly: `!!bool maybe` is an error, not a guess."""
        text = event.value
        if tag == _NULL:
            if not _CORE_NULL.fullmatch(text):
                raise _located(event, f"the value {_code(text)} is not null, as its tag !!null says")
            return None
        if tag == _BOOL:
            if not _CORE_BOOL.fullmatch(text):
                raise _located(
                    event,
                    f"the value {_code(text)} is not a boolean, as its tag !!bool says; write true or false",
                )
            return text[0] in "tT"
        if tag == _INT:
            if not (_CORE_INT.fullmatch(text) or _CORE_OCT.fullmatch(text) or _CORE_HEX.fullmatch(text)):
                raise _located(
                    event,
                    f"the value {_code(text)} is not a whole number, as its tag !!int says; write one",
                )
        elif tag == _FLOAT:
            if not any(p.fullmatch(text) for p in (_CORE_FLOAT, _CORE_INF, _CORE_NAN, _CORE_OCT, _CORE_HEX)):
                raise _located(
                    event, f"the value {_code(text)} is not a number, as its tag !!float says; write one"
                )
        else:
            return text
        value = self._core(event, text)
        if tag == _FLOAT and not isinstance(value, float):
            value = float(value)
        older = self._yaml11(text, tag)
        if older is not _UNREAD and not _same(older, value):
            self.note = (
                f"is {_code(text)}, which YAML 1.1 reads as {_reading(older)} and YAML 1.2 as"
                f" {_reading(value)}; write {_reading(value, bare=True)} without the tag"
            )
        return value

    def _yaml11(self, text: str, tag: str | None = None) -> Any:
        """How a YAML 1.1 reader (PyYAML's resolver, plus y/n) reads the scalar; _UNREAD if it cannot."""
        if tag is None:
            boolean = _YAML11_BOOL.fullmatch(text)
            if boolean is not None:
                return boolean.group(1) is not None
            tag = self._resolver.resolve(ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
        if tag == _BOOL:
            return text.lower() in ("true", "yes", "on")
        if tag == _NULL:
            return None
        if tag not in (_INT, _FLOAT):
            return text
        if len(text) > _NUMBER_TEXT_LIMIT:
            return _UNREAD
        node = ScalarNode(tag, text, None, None)
        try:
            if tag == _INT:
                return self._constructor.construct_yaml_int(node)
            return self._constructor.construct_yaml_float(node)
        except (ValueError, OverflowError, IndexError, KeyError):
            return _UNREAD

    def _number(self, event: yaml.ScalarEvent, convert: Callable[[str], Any], text: str) -> Any:
        _check_length(event)
        try:
            number = convert(text)
        except (ValueError, OverflowError) as exc:
            raise _located(event, f"the value {_shown(text)} is not a number YAML can read") from exc
        return self._checked_number(event, number)

    @staticmethod
    def _checked_number(event: yaml.ScalarEvent, value: Any) -> Any:
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and abs(value) >= _INT_LIMIT:
            raise _located(event, f"the number {_shown(event.value)} is too large; quote it if it is text")
        if isinstance(value, float) and not math.isfinite(value):
            raise _located(
                event, f"the number {_shown(event.value)} is not a finite number; write a real number"
            )
        return value


_UNREAD = object()
_BARE_TAG_NOTE = (
    "has the bare tag `!`, which YAML readers do not agree on (YAML 1.2 reads a scalar with it as"
    " text, some YAML 1.1 readers as if it had no tag); remove the `!`, and quote the value if it is text"
)


def _code(text: str) -> str:
    return f"`{_shown(text)}`" if text else '""'


def _core_float(text: str) -> float:
    lowered = text.lower()
    if lowered.endswith((".inf", ".nan")):
        return float(lowered.replace(".", ""))
    return float(text)


def _same(older: Any, value: Any) -> bool:
    if type(older) is not type(value):
        return False
    # A NaN never gets here: it is refused as not finite before it is compared.
    return bool(older == value)


def _reading(value: Any, *, bare: bool = False) -> str:
    if isinstance(value, str):
        return f'"{_shown(value)}"' if bare else f'the text "{_shown(value)}"'
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def _check_length(event: yaml.ScalarEvent) -> None:
    # Python refuses to convert very long digit strings (and converting them is slow),
    # so a number this long is refused before it is read.
    if len(event.value) > _NUMBER_TEXT_LIMIT:
        raise _located(event, f"the number {_shown(event.value)} is too long; quote it if it is text")


def _shown(text: str) -> str:
    return text if len(text) <= 40 else text[:40] + "..."


def _tag_message(tag: str) -> str:
    short = tag.replace(_TAG, "!!", 1) if tag.startswith(_TAG) else tag
    return f"the tag {_shown(short)} is not allowed; use plain YAML values without tags"


def _located(event: Any, message: str) -> LoadError:
    mark = event.start_mark
    return LoadError(message, line=mark.line + 1, column=mark.column + 1)


class Composer:
    """Consumes parser events and yields one RawDocument per YAML document."""

    def __init__(self, *, json_mode: bool = False, limits: Limits | None = None) -> None:
        self._scalars = _Scalars(json_mode)
        self._limits = limits or Limits()

    def documents(self, text: str) -> list[RawDocument]:
        """Every document of `text`; raises LoadError (YamlSyntaxError when it is not YAML)."""
        try:
            return list(self._compose(yaml.parse(text, Loader=_Loader)))
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else 1
            column = mark.column + 1 if mark else 1
            if exc.problem == _LIBYAML_DEPTH:
                # libyaml's own bound, met before ours when it reads ahead.
                raise LoadError(
                    f"the document nests deeper than {self._limits.max_depth} levels; flatten it",
                    line=line,
                    column=column,
                ) from exc
            fix = yaml_fix(text, exc)
            raise YamlSyntaxError(fix.message, line=fix.line, column=fix.column) from exc
        except yaml.reader.ReaderError as exc:
            line = text.encode("utf-8", "replace")[: exc.position].count(b"\n") + 1
            code = ord(exc.character) if isinstance(exc.character, str) else int(exc.character)
            raise YamlSyntaxError(
                f"the file contains the character U+{code:04X}, which YAML does not allow; remove it",
                line=line,
            ) from exc
        except yaml.YAMLError as exc:
            raise YamlSyntaxError("invalid YAML: the text cannot be parsed", line=1, column=1) from exc

    def _compose(self, events: Iterable[yaml.Event]) -> Iterable[RawDocument]:
        state = _State(self._limits)
        for event in events:
            if isinstance(event, yaml.ScalarEvent):
                value = self._scalars.value(event)
                state.scalar(event, value, self._scalars.note)
            elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                state.open(event)
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                state.close(event)
            elif isinstance(event, yaml.AliasEvent):
                state.alias(event)
            elif isinstance(event, yaml.DocumentStartEvent):
                state.begin(event)
            elif isinstance(event, yaml.DocumentEndEvent):
                yield state.end()


class _State:
    """The composer's bookkeeping; every count that a limit bounds is kept for the whole file."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.stack: list[_Frame] = []
        self.positions: dict[str, Span] = {}
        self.readings: list[tuple[str, str]] = []
        self.anchors: dict[str, tuple[Any, int, int]] = {}
        self.root: list[Any] = []
        self.root_start: Position | None = None
        self.doc_start: Any = None
        self.nodes = 0
        self.documents = 0
        self.aliases = 0
        self.chars = 0
        self.alias_chars = 0
        self.index_chars = 0

    def begin(self, event: yaml.DocumentStartEvent) -> None:
        # Anchors belong to one document; the counts stay, so that many small
        # documents in one file are bounded like one big one.
        self.documents += 1
        if self.documents > self.limits.max_documents:
            raise _located(
                event, f"the file holds more than {self.limits.max_documents:,} documents; split it"
            )
        self.positions = {}
        self.readings = []
        self.anchors = {}
        self.root = []
        self.root_start = None
        self.doc_start = event.start_mark

    def end(self) -> RawDocument:
        body = self.root[0] if self.root else None
        if isinstance(body, dict) or self.root_start is None:
            start = _first_content(self.positions, self.doc_start)
        else:
            # Not a mapping: point at the value itself, the one thing to fix.
            start = self.root_start
        return RawDocument(body=body, positions=self.positions, start=start, readings=tuple(self.readings))

    def _expecting_key(self) -> bool:
        return bool(self.stack) and self.stack[-1].is_map and self.stack[-1].key is None

    def _child_pointer(self) -> str:
        if not self.stack:
            return ""
        parent = self.stack[-1]
        if parent.is_map:
            return f"{parent.pointer}/{escape(parent.key or '')}"
        return f"{parent.pointer}/{len(parent.value)}"

    def scalar(self, event: yaml.ScalarEvent, value: Any, note: str | None) -> None:
        if self._expecting_key():
            # A key is read as YAML 1.2 reads it (`on:` is the key "on"); only values are flagged.
            self._key(event, value)
            return
        if note is not None:
            self._note(note)
        self.chars += len(event.value) + 1
        self._attach(value, event.start_mark, event.end_mark, 1)
        if event.anchor:
            self.anchors[event.anchor] = (value, 1, len(event.value) + 1)

    def _note(self, note: str) -> None:
        """A value that YAML 1.1 reads otherwise, at the pointer the next value takes."""
        pointer = self._child_pointer()
        self.readings.append((pointer, f"{field_name(path_of(pointer))} {note}"))

    def _key(self, event: yaml.ScalarEvent, value: Any) -> None:
        frame = self.stack[-1]
        if not isinstance(value, str):
            raise _located(event, f"the key {_shown(event.value)!r} is not a string; quote it")
        if value == _MERGE_KEY and event.implicit[0] and event.tag is None:
            raise _located(event, "merge keys (<<) are not supported; write the keys out")
        if len(value) > self.limits.max_key_chars:
            raise _located(
                event,
                f"the key {_shown(value)!r} is longer than {self.limits.max_key_chars:,} characters;"
                " shorten it",
            )
        if value in frame.seen:
            raise _located(event, f"the key {_shown(value)!r} appears twice in one mapping; keep only one")
        frame.seen.add(value)
        # Every dossier repeats the same keys and pointers: one shared string
        # each keeps a 10,000-dossier run's memory in bounds.
        frame.key = sys.intern(value)
        frame.key_start = event.start_mark
        self.chars += len(value) + 1
        if event.anchor:
            self.anchors[event.anchor] = (value, 1, len(value) + 1)

    def open(self, event: yaml.CollectionStartEvent) -> None:
        if self._expecting_key():
            raise _located(event, "a mapping key must be a plain string, not a list or mapping")
        tag = event.tag
        if tag not in _NON_SPECIFIC and tag not in _COLLECTION_TAGS:
            raise _located(event, _tag_message(tag))
        if len(self.stack) >= self.limits.max_depth:
            raise _located(
                event, f"the document nests deeper than {self.limits.max_depth} levels; flatten it"
            )
        if tag == _BARE_TAG:
            self._note(_BARE_TAG_NOTE)
        is_map = isinstance(event, yaml.MappingStartEvent)
        self.stack.append(
            _Frame(
                is_map=is_map,
                value={} if is_map else [],
                pointer=self._child_pointer(),
                start=event.start_mark,
                anchor=event.anchor,
                nodes_before=self.nodes,
                chars_before=self.chars,
            )
        )

    def close(self, event: yaml.CollectionEndEvent) -> None:
        frame = self.stack.pop()
        size = self.nodes - frame.nodes_before + 1
        weight = self.chars - frame.chars_before + 2
        self.nodes = frame.nodes_before
        self.chars += 2
        self._attach(frame.value, frame.start, event.end_mark, size)
        if frame.anchor:
            self.anchors[frame.anchor] = (frame.value, size, weight)

    def alias(self, event: yaml.AliasEvent) -> None:
        limits = self.limits
        if self._expecting_key():
            raise _located(event, "a mapping key must be a plain string, not an alias")
        self.aliases += 1
        if self.aliases > limits.max_aliases:
            raise _located(
                event, f"the file uses more than {limits.max_aliases} aliases; write the values out"
            )
        if event.anchor not in self.anchors:
            raise _located(event, f"the alias *{_shown(str(event.anchor))} names no anchor before it")
        value, size, weight = self.anchors[event.anchor]
        self.alias_chars += weight
        if self.alias_chars > limits.max_alias_chars:
            raise _located(
                event,
                f"the aliases expand to more than {limits.max_alias_chars:,} characters;"
                " write the values out",
            )
        self.chars += weight
        self._attach(value, event.start_mark, event.end_mark, size)

    def _attach(self, value: Any, start: Any, end: Any, size: int) -> None:
        limits = self.limits
        self.nodes += size
        if self.nodes > limits.max_nodes:
            raise LoadError(
                f"the file holds or expands to more than {limits.max_nodes:,} values;"
                " split it or use fewer aliases",
                line=start.line + 1,
                column=start.column + 1,
            )
        if not self.stack:
            self.root.append(value)
            self.root_start = position_of(_pos(start, end))
            return
        parent = self.stack[-1]
        if parent.is_map:
            key = parent.key
            assert key is not None
            pointer = f"{parent.pointer}/{escape(key)}"
            position = _pos(parent.key_start, end)
            parent.value[key] = value
            parent.key = None
        else:
            pointer = f"{parent.pointer}/{len(parent.value)}"
            position = _pos(start, end)
            parent.value.append(value)
        self.index_chars += len(pointer)
        if self.index_chars > limits.max_index_chars:
            raise LoadError(
                f"the keys of the file are too long and deep to index (over {limits.max_index_chars:,}"
                " characters of key paths); shorten them",
                line=start.line + 1,
                column=start.column + 1,
            )
        self.positions[sys.intern(pointer)] = position


def _first_content(positions: dict[str, Span], doc_start: Any) -> Position:
    if positions:
        return position_of(min(positions.values()))
    line = (doc_start.line + 1) if doc_start is not None else 1
    return Position(line=line, column=1, end_line=line, end_column=1)
