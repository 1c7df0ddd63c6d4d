"""Turns the YAML and JSON parsers' syntax errors into one sentence saying what to fix, and where."""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - pyyaml built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

# A line that looks like a mapping key: what an unclosed quote swallows.
_KEY_LINE = re.compile(r"\s*(?:-\s+)?[^\s#:\"'][^:#]*:(?:\s|$)")
# A comment after content, and a line that is only a comment.
_COMMENT = re.compile(r"(?:^|\s)#.*$")
_QUOTES = "\"'"


@dataclass(frozen=True, slots=True)
class Fix:
    """What is wrong and what to do, and the 1-based line and column where to do it."""

    message: str
    line: int
    column: int


def yaml_fix(text: str, error: yaml.MarkedYAMLError) -> Fix:
    """A person's reading of a libyaml syntax error in `text`."""
    problem = " ".join(str(error.problem or error.context or "").split())
    context = str(error.context or "")
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    opened = error.context_mark
    lines = text.splitlines()
    found = _char_at(lines, line, column)
    swallowed = _unclosed_quote(text, line, column)
    if swallowed is not None:
        return swallowed
    if "quoted scalar" in context and opened is not None:
        return Fix(
            f"invalid YAML: the quote opened at line {opened.line + 1}, column {opened.column + 1} is never"
            " closed; add the closing quote at the end of the value",
            opened.line + 1,
            opened.column + 1,
        )
    if "tab" in problem or (found == "\t" and "cannot start any token" in problem):
        tab = _first_tab(lines, line)
        return Fix(
            "invalid YAML: a tab is used to indent this line, and YAML indents with spaces only;"
            " replace the tab with spaces",
            line,
            tab,
        )
    if "cannot start any token" in problem and found:
        return Fix(
            f"invalid YAML: a plain value cannot start with {found!r}; put the value in quotes",
            line,
            column,
        )
    if "flow sequence" in context or "flow mapping" in context:
        return _unclosed_flow(lines, error, line, column)
    if "expected node content" in problem and "flow node" in context:
        return Fix("invalid YAML: two commas with no item between them; remove one", line, column)
    if "could not find expected ':'" in problem:
        key_line, key_column = (opened.line + 1, opened.column + 1) if opened else (line, column)
        return Fix(
            "invalid YAML: this line has no `:` after its key; write it as `key: value`, with a colon"
            " and a space, or indent it under the key it continues",
            key_line,
            key_column,
        )
    if "mapping values are not allowed" in problem:
        before = _line(lines, line)[: column - 1]
        if ": " in before or before.rstrip().endswith(":"):
            return Fix(
                "invalid YAML: this value contains `: `, which starts a key; put the whole value in quotes",
                line,
                column,
            )
        return Fix(
            "invalid YAML: this line is indented more than the key above it, so it reads as part of"
            " that key's value; indent it like the keys it belongs with",
            line,
            _first_content(lines, line),
        )
    if "expected key" in problem or "expected '-' indicator" in problem:
        before = _line(lines, line)[: column - 1].rstrip()
        if before and before[-1] in _QUOTES and _first_content(lines, line) < column:
            return Fix(
                "invalid YAML: text follows the closing quote of this value; put the whole value inside"
                " the quotes",
                line,
                column,
            )
        indent = _first_content(lines, line)
        is_item = _line(lines, line).lstrip().startswith("-")
        if is_item and opened is not None and indent == opened.column + 1:
            return Fix(
                "invalid YAML: a list item stands where a key of the mapping above is expected; indent"
                " it under the key of its list",
                line,
                indent,
            )
        spaces = "1 space" if indent == 2 else f"{indent - 1} spaces"
        return Fix(
            f"invalid YAML: {'a list item' if is_item else 'this line'} is indented by {spaces}, which"
            " matches none of the keys or items above it; indent it exactly like its siblings",
            line,
            indent,
        )
    return Fix(
        f"invalid YAML: {problem or 'the text cannot be parsed'}; correct the text at this line and column",
        line,
        column,
    )


def json_fix(text: str, message: str, line: int, column: int) -> Fix:
    """A person's reading of a json.JSONDecodeError (its `msg`, line and column) in `text`."""
    lines = text.splitlines()
    found = _char_at(lines, line, column)
    previous = _previous_content(lines, line, column)
    if found in ("#", "/"):
        return Fix(
            "invalid JSON: JSON has no comments; remove the comment, or write the document as YAML in a"
            " .yaml file",
            line,
            column,
        )
    if message in ("Expecting value", "Expecting property name enclosed in double quotes"):
        if previous is not None and previous[0] == "," and found in ("]", "}"):
            return Fix(
                f"invalid JSON: a comma before the closing `{found}`; remove the trailing comma",
                previous[1],
                previous[2],
            )
        if message != "Expecting value":
            return Fix('invalid JSON: keys must be written in double quotes, as in "key"', line, column)
        return Fix(
            "invalid JSON: a value is missing here; write a value (text in double quotes, a number,"
            " true, false or null)",
            line,
            column,
        )
    if message == "Expecting ',' delimiter":
        return Fix(
            "invalid JSON: a comma is missing before this item, or a bracket is not closed; add the comma"
            " or the closing bracket",
            line,
            column,
        )
    if message == "Expecting ':' delimiter":
        return Fix('invalid JSON: a colon is missing after this key; write "key": value', line, column)
    if message.startswith(("Unterminated string", "Invalid control character")):
        if message.startswith("Invalid control character") and found in ("", "\r"):
            # The line ends inside the text: the place to fix is the text's opening quote.
            column = _line(lines, line).rfind('"', 0, column - 1) + 1 or column
        return Fix(
            "invalid JSON: this text in quotes is not closed on its line; add the closing double quote",
            line,
            column,
        )
    return Fix(f"invalid JSON: {message}; correct the text at this line and column", line, column)


def _line(lines: list[str], line: int) -> str:
    return lines[line - 1] if 0 < line <= len(lines) else ""


def _char_at(lines: list[str], line: int, column: int) -> str:
    text = _line(lines, line)
    return text[column - 1] if 0 < column <= len(text) else ""


def _first_content(lines: list[str], line: int) -> int:
    text = _line(lines, line)
    return len(text) - len(text.lstrip(" \t")) + 1


def _first_tab(lines: list[str], line: int) -> int:
    at = _line(lines, line).find("\t")
    return at + 1 if at >= 0 else 1


def _previous_content(lines: list[str], line: int, column: int) -> tuple[str, int, int] | None:
    """The last character before (line, column) that is not blank or in a comment, and its position."""
    for number in range(line, 0, -1):
        text = _line(lines, number)
        if number == line:
            text = text[: column - 1]
        text = _COMMENT.sub("", text).rstrip()
        if text:
            return text[-1], number, len(text)
    return None


def _unclosed_flow(lines: list[str], error: yaml.MarkedYAMLError, line: int, column: int) -> Fix:
    opened = error.context_mark
    bracket = "]" if "sequence" in str(error.context) else "}"
    what = "list" if bracket == "]" else "mapping"
    at = f"line {opened.line + 1}, column {opened.column + 1}" if opened else "above"
    if opened is not None and line > opened.line + 1 and _KEY_LINE.match(_line(lines, line)):
        # The next key was read into the list: the bracket belongs after the list's last item.
        previous = _previous_content(lines, line, 1)
        if previous is not None:
            line, column = previous[1], previous[2] + 1
    return Fix(
        f"invalid YAML: the {what} opened at {at} needs a `,` between items or its closing `{bracket}`"
        f" here; add the `{bracket}` if the {what} ends, or the comma if it goes on",
        line,
        column,
    )


def _unclosed_quote(text: str, line: int, column: int) -> Fix | None:
    """A quoted value that runs over a line holding a key: its quote was not closed where meant."""
    last: yaml.Token | None = None
    try:
        for token in yaml.scan(text, Loader=_Loader):
            start = token.start_mark
            if (start.line + 1, start.column + 1) >= (line, column):
                break
            last = token
    except yaml.YAMLError:
        pass
    if not isinstance(last, yaml.ScalarToken) or last.style not in ('"', "'"):
        return None
    start, end = last.start_mark, last.end_mark
    inner = text.splitlines()[start.line + 1 : end.line + 1]
    if not any(_KEY_LINE.match(row) for row in inner):
        return None
    return Fix(
        f"invalid YAML: the quote opened here is closed only at line {end.line + 1}, so the lines"
        " between are read as its text; close the quote at the end of this line's value",
        start.line + 1,
        start.column + 1,
    )
