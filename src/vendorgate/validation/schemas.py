"""Validates each document against its kind's JSON Schema and turns violations into SCH-002 findings."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterable, Mapping
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


def schema_node(prop: Mapping[str, Any], root: Mapping[str, Any]) -> Mapping[str, Any]:
    """A schema property as it applies: its `$ref` followed (marked `_ref`), an optional field's
    null branch set aside (marked `_nullable`), the property's own keys over what they resolve to."""
    ref = prop.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        name = ref.split("/")[-1]
        merged = dict(schema_node(root.get("$defs", {}).get(name, {}), root))
        merged.update({k: v for k, v in prop.items() if k != "$ref"})
        merged["_ref"] = name
        return merged
    for branch in prop.get("anyOf", []):
        # An optional field accepts null ("not stated") or a value: what matters is the value.
        if branch != _NULL_BRANCH:
            merged = dict(schema_node(branch, root))
            merged.update({k: v for k, v in prop.items() if k != "anyOf"})
            merged["_nullable"] = True
            return merged
    return prop


def types_of(prop: Mapping[str, Any]) -> list[str]:
    """The JSON types a schema property names, as a list."""
    kind = prop.get("type")
    if isinstance(kind, list):
        return [str(k) for k in kind]
    return [str(kind)] if kind else []


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
        validator = compiled(schema_name)
        raw = list(validator.iter_errors(document.body))
        errors = sorted(_leaf_errors(raw), key=lambda e: [str(p) for p in e.absolute_path])
        readings = dict(document.readings)
        for error in errors:
            for pointer, message in describe(error, validator):
                if pointer in readings:
                    if error.validator == "enum" and isinstance(error.instance, str):
                        # `no` in a vocabulary field: neither reading is a word of it,
                        # so one sentence says both and lists the words to write.
                        both = _reading_not_in_vocabulary(error)
                        findings[pointer] = self._finding(document, pointer, both)
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


def describe(error: ValidationError, checker: Draft202012Validator | None = None) -> list[tuple[str, str]]:
    """The pointers a user should look at, each with one sentence saying what is wrong there.

    An unknown key is reported at the key itself, one result per unknown key of
    the object; `checker` decides which conditional branches (`if`) apply.
    """
    if error.validator in ("additionalProperties", "unevaluatedProperties"):
        path = list(error.absolute_path)
        known, extra = _known_and_extra_keys(error, checker)
        if extra:
            field = field_name(path)
            schema = error.schema
            return [(pointer_of([*path, key]), _unknown_key(key, known, field, schema)) for key in extra]
    return [_describe_one(error)]


def _describe_one(error: ValidationError) -> tuple[str, str]:
    path = list(error.absolute_path)
    where = pointer_of(path)
    field = field_name(path)
    validator = error.validator
    instance = error.instance
    if validator == "required":
        missing = str(error.message).split("'")[1] if "'" in error.message else "a field"
        return where, f"required key {missing!r} is missing{_in(field)}; add it"
    if validator == "type":
        expected = error.validator_value
        wants_string = expected == "string" or (isinstance(expected, list) and "string" in expected)
        if wants_string and isinstance(instance, int | float) and not isinstance(instance, bool):
            hint = f'; quote it ("{instance}")' if _is_version(path) else "; quote it"
            return where, f"{field} is the number {instance}, not a string{hint}"
        words = _vocabulary(error.schema)
        if isinstance(instance, bool) and words:
            shown = "true" if instance else "false"
            return where, (
                f"{field} is {shown}, which YAML and JSON read as a boolean, not as a word of its"
                f" vocabulary; write one of: {words}"
            )
        return where, f"{field} must be {_type_phrase(expected)}, not {_json_type(instance)}"
    if validator == "format" and error.validator_value == "date":
        return where, f"{field} is {instance!r}, not a real date; write it as YYYY-MM-DD"
    if validator == "pattern" and _looks_like_date_field(error):
        if isinstance(instance, str) and _DATE_SHAPE.fullmatch(instance):
            return where, f"{field} is {instance!r}, not a real date; write it as YYYY-MM-DD"
        return where, f"{field} is {instance!r}, not a date; write it as YYYY-MM-DD"
    if validator == "enum":
        return where, f"{field} is {instance!r}; use one of: {_vocabulary(error.schema)}"
    if validator == "const":
        return where, f"{field} must be {error.validator_value!r}, not {instance!r}"
    if validator == "pattern":
        return where, f"{field} is {instance!r}, which does not match {error.validator_value}"
    return where, f"{field}: {error.message}"


def _in(field: str) -> str:
    return "" if field == "the document" else f" in {field}"


def _is_version(path: list[Any]) -> bool:
    return any(isinstance(p, str) and p in _VERSION_FIELDS for p in path)


# How close a misspelt key must be to a known one (difflib's ratio) to be named
# as what was meant: `opnion` and `transfer_chanels` are, `colour` and `logging` are not.
_SUGGESTION_CUTOFF = 0.75


def _unknown_key(key: str, known: list[str], field: str, schema: Any) -> str:
    close = [k for k in known if k.casefold() == key.casefold()]
    close = close or difflib.get_close_matches(key.casefold(), known, n=1, cutoff=_SUGGESTION_CUTOFF)
    if close:
        return f"unknown key {key!r}{_in(field)}; did you mean {close[0]!r}?"
    owners = _branch_owners(schema, key)
    if owners:
        return (
            f"unknown key {key!r}{_in(field)}, a field only of type {owners}; remove it or correct the type"
        )
    return f"unknown key {key!r}{_in(field)}; remove it or fix its spelling"


def _branch_owners(schema: Any, key: str) -> str:
    """The `type` values whose conditional branch allows `key` ("soc2"), or "" when none does."""
    owners: list[str] = []
    for sub in schema.get("allOf", []) if isinstance(schema, dict) else []:
        selector = sub.get("if", {}).get("properties", {}).get("type", {})
        if key in sub.get("then", {}).get("properties", {}):
            owners.extend(str(v) for v in selector.get("enum", [selector.get("const")]) if v is not None)
    return " or ".join(dict.fromkeys(owners))


def _known_and_extra_keys(
    error: ValidationError, checker: Draft202012Validator | None
) -> tuple[list[str], list[str]]:
    """The keys the object's schema allows, and the object's other keys in document order."""
    instance = error.instance
    if not isinstance(instance, dict):
        return [], []
    schema = error.schema if isinstance(error.schema, dict) else {}
    if error.validator == "additionalProperties":
        # additionalProperties sees only its own object's properties, never a branch's.
        known = [str(k) for k in schema.get("properties", {})]
    else:
        known = list(dict.fromkeys(_evaluated_keys(schema, instance, checker)))
    patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
    extra = [k for k in instance if k not in known and not any(p.search(k) for p in patterns)]
    # A key that fits a pattern once upper-cased (a rule id written `cert-003`) is what was meant.
    known.extend(k.upper() for k in extra if any(p.search(k.upper()) for p in patterns))
    return known, extra


def _evaluated_keys(schema: Any, instance: dict[str, Any], checker: Draft202012Validator | None) -> list[str]:
    """The property names `schema` evaluates for `instance`: its own and those of the branches that apply.

    A certification's fields depend on its `type` (allOf of if/then): only the
    fields of its own type are known, so `opnion` is the one key reported, at its
    own line, and the suggestion is taken among the fields of that type.
    """
    if not isinstance(schema, dict):
        return []
    keys = [str(k) for k in schema.get("properties", {})]
    for sub in schema.get("allOf", []):
        keys.extend(_evaluated_keys(sub, instance, checker))
    for keyword in ("anyOf", "oneOf"):
        for sub in schema.get(keyword, []):
            if _applies(sub, instance, checker):
                keys.extend(_evaluated_keys(sub, instance, checker))
    if "if" in schema:
        if _applies(schema["if"], instance, checker):
            keys.extend(_evaluated_keys(schema["if"], instance, checker))
            keys.extend(_evaluated_keys(schema.get("then"), instance, checker))
        else:
            keys.extend(_evaluated_keys(schema.get("else"), instance, checker))
    return keys


def _applies(schema: Any, instance: Any, checker: Draft202012Validator | None) -> bool:
    if checker is None:
        from jsonschema import Draft202012Validator

        return bool(Draft202012Validator(schema).is_valid(instance))
    return bool(checker.evolve(schema=schema).is_valid(instance))


def _vocabulary(schema: Any) -> str:
    """The words of a vocabulary (an enum) as a list to write from; "" when it is none."""
    words = schema.get("enum") if isinstance(schema, dict) else None
    if not isinstance(words, list):
        return ""
    return ", ".join(str(v) for v in words if v is not None)


def _reading_not_in_vocabulary(error: ValidationError) -> str:
    field = field_name(list(error.absolute_path))
    text = str(error.instance)
    older = _YAML11_WORDS.get(text.casefold(), "something other than text")
    return (
        f'{field} is `{text}`, which YAML 1.1 reads as {older} and YAML 1.2 as the text "{text}",'
        f" and neither is a word of its vocabulary; write one of: {_vocabulary(error.schema)}"
    )


# The words YAML 1.1 reads as booleans (the composer notes each one it meets).
_YAML11_WORDS = dict.fromkeys(("y", "yes", "on"), "true") | dict.fromkeys(("n", "no", "off"), "false")


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
