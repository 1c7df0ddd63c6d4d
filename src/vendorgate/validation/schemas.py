"""Validates each document against its kind's JSON Schema and turns violations into SCH-002 findings."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vendorgate.catalog import DOCUMENT_CONFORMS
from vendorgate.model import Document, Finding, Kind
from vendorgate.pointer import field_name, pointer_of
from vendorgate.resources import schemas_dir

if TYPE_CHECKING:
    # Imported for real only when a document is invalid (see compiled): most
    # runs never need jsonschema, and importing it costs about 0.1 s.
    from jsonschema import Draft202012Validator, ValidationError

PROFILE_SCHEMA = "vendorgate-config.schema.json"
_VERSION_FIELDS = frozenset(("tls_versions", "version", "edition"))
_NULL_BRANCH = {"type": "null"}
_DATE_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


@cache
def load_schema(name: str) -> dict[str, Any]:
    path: Path = schemas_dir() / name
    with path.open(encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema


@cache
def compiled(name: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    """One compiled validator per schema, reused for every document of a run."""
    return Draft202012Validator(load_schema(name), format_checker=Draft202012Validator.FORMAT_CHECKER)


@cache
def fast_check(name: str) -> Callable[[Any], bool]:
    """A compiled (Rust) validity check: about 600 times faster than jsonschema per document.

    Most documents are valid, so they never reach the Python validator; an
    invalid one is validated again by jsonschema for located, readable messages.
    """
    check: Callable[[Any], bool] = _fast_validator(name).is_valid
    return check


@cache
def _fast_validator(name: str) -> Any:
    import jsonschema_rs

    return jsonschema_rs.validator_for(load_schema(name), validate_formats=True)


def fast_errors(name: str, instance: Any) -> list[tuple[str, str, str]]:
    """(pointer, keyword, message) of each violation the compiled validator finds.

    Read only for an invalid document, to catch what jsonschema does not report.
    """
    found = []
    for error in _fast_validator(name).iter_errors(instance):
        path = list(error.instance_path)
        keyword = str(error.schema_path[-1]) if error.schema_path else ""
        found.append((pointer_of(path), keyword, f"{field_name(path)}: {error.message}"))
    return found or [("", "", "the document does not conform to its schema")]


class SchemaValidator:
    """Validates documents by kind; an unknown or missing kind is itself a violation."""

    def violations(self, document: Document) -> list[Finding]:
        body = document.body
        kind = body.get("kind")
        try:
            schema = Kind(kind).schema
        except ValueError:
            return [self._finding(document, "/kind", _kind_message(kind))]
        return self.check(document, schema)

    def check(self, document: Document, schema_name: str) -> list[Finding]:
        # A value that YAML 1.1 and 1.2 read differently is reported at its own
        # pointer, ahead of (and instead of) what the schema says about it.
        findings: dict[str, Finding] = {
            pointer: self._finding(document, pointer, message) for pointer, message in document.readings
        }
        if fast_check(schema_name)(document.body):
            return list(findings.values())
        raw = list(compiled(schema_name).iter_errors(document.body))
        errors = sorted(_leaf_errors(raw), key=lambda e: [str(p) for p in e.absolute_path])
        readings = set(findings)
        for error in errors:
            pointer, message = describe(error)
            if pointer in readings:
                continue
            previous = findings.get(pointer)
            # A wrong type also breaks the enum and pattern checks at the same
            # place; the type error says what to do, so it wins.
            if previous is None or error.validator == "type":
                findings[pointer] = self._finding(document, pointer, message)
        # What the fast validator rejects and jsonschema does not see (a regex
        # whose `$` matches before a final newline in Python, say) is reported
        # with the fast validator's message: the two never disagree silently.
        seen = {(pointer_of(e.absolute_path), str(e.validator)) for e in _all_errors(raw)}
        for pointer, keyword, message in fast_errors(schema_name, document.body):
            if (pointer, keyword) not in seen and pointer not in findings:
                findings[pointer] = self._finding(document, pointer, message)
        return list(findings.values())

    @staticmethod
    def _finding(document: Document, pointer: str, message: str) -> Finding:
        located, position = document.locate(pointer)
        return Finding(
            rule_id=DOCUMENT_CONFORMS.id,
            level=DOCUMENT_CONFORMS.level,
            message=message,
            path=document.relpath,
            position=position,
            pointer=located,
            vendor=document.vendor,
        )


def _kind_message(kind: object) -> str:
    known = ", ".join(Kind)
    if kind is None:
        return f"the document has no kind; set kind to one of {known}"
    return f"kind {kind!r} is not a dossier kind; use one of {known}"


def _leaf_errors(errors: Iterable[ValidationError]) -> Iterable[ValidationError]:
    for error in errors:
        if error.context and error.validator in ("anyOf", "oneOf"):
            # An optional field also accepts null ("not stated"); what to write
            # instead of a wrong value is said by the other branch.
            branches = [e for e in error.context if e.schema != _NULL_BRANCH] or error.context
            yield from _leaf_errors([min(branches, key=_relevance)])
        elif error.context and error.validator in ("allOf", "if", "then"):
            yield from _leaf_errors(error.context)
        else:
            yield error


def _all_errors(errors: Iterable[ValidationError]) -> Iterable[ValidationError]:
    for error in errors:
        yield error
        yield from _all_errors(error.context or ())


def _relevance(error: ValidationError) -> tuple[int, int]:
    return (-len(error.absolute_path), 0 if error.validator == "type" else 1)


def describe(error: ValidationError) -> tuple[str, str]:
    """The pointer a user should look at, and one sentence saying what is wrong."""
    path = list(error.absolute_path)
    where = pointer_of(path)
    field = field_name(path)
    validator = error.validator
    instance = error.instance
    if validator in ("additionalProperties", "unevaluatedProperties"):
        extra = _extra_keys(error)
        if extra:
            key = extra[0]
            return pointer_of([*path, key]), f"unknown key {key!r}{_in(field)}; remove it or fix its spelling"
    if validator == "required":
        missing = str(error.message).split("'")[1] if "'" in error.message else "a field"
        return where, f"required key {missing!r} is missing{_in(field)}; add it"
    if validator == "type":
        expected = error.validator_value
        wants_string = expected == "string" or (isinstance(expected, list) and "string" in expected)
        if wants_string and isinstance(instance, int | float) and not isinstance(instance, bool):
            hint = f'; quote it ("{instance}")' if _is_version(path) else "; quote it"
            return where, f"{field} is the number {instance}, not a string{hint}"
        return where, f"{field} must be {_type_phrase(expected)}, not {_json_type(instance)}"
    if validator == "format" and error.validator_value == "date":
        return where, f"{field} is {instance!r}, not a real date; write it as YYYY-MM-DD"
    if validator == "pattern" and _looks_like_date_field(error):
        if isinstance(instance, str) and _DATE_SHAPE.fullmatch(instance):
            return where, f"{field} is {instance!r}, not a real date; write it as YYYY-MM-DD"
        return where, f"{field} is {instance!r}, not a date; write it as YYYY-MM-DD"
    if validator == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value if v is not None)  # type: ignore[union-attr]
        return where, f"{field} is {instance!r}; use one of: {allowed}"
    if validator == "const":
        return where, f"{field} must be {error.validator_value!r}, not {instance!r}"
    if validator == "pattern":
        return where, f"{field} is {instance!r}, which does not match {error.validator_value}"
    return where, f"{field}: {error.message}"


def _in(field: str) -> str:
    return "" if field == "the document" else f" in {field}"


def _is_version(path: list[Any]) -> bool:
    return any(isinstance(p, str) and p in _VERSION_FIELDS for p in path)


def _extra_keys(error: ValidationError) -> list[str]:
    instance = error.instance
    if not isinstance(instance, dict):
        return []
    schema = error.schema if isinstance(error.schema, dict) else {}
    known = set(schema.get("properties", {}))
    extra = [k for k in instance if k not in known]
    if extra:
        return extra
    # For unevaluatedProperties the allowed keys live in sub-schemas; fall back
    # to the names jsonschema quotes in its message.
    return [part for part in str(error.message).split("'")[1::2] if part in instance]


def _looks_like_date_field(error: ValidationError) -> bool:
    return str(error.validator_value).endswith("-[0-9]{2}-[0-9]{2}$")


def _type_phrase(expected: Any) -> str:
    if isinstance(expected, list):
        # Null in an optional field means "not stated": a value is asked for.
        stated = [e for e in expected if e != "null"] or expected
        return " or ".join(_type_phrase(e) for e in stated)
    return {
        "object": "a mapping",
        "array": "a list",
        "string": "a string",
        "integer": "a whole number",
        "number": "a number",
        "boolean": "true or false",
        "null": "null",
    }.get(str(expected), str(expected))


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "a mapping"
