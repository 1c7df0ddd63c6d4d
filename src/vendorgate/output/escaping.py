"""The one escaping of untrusted text for every human-read output: terminal, runner log, Markdown."""

from __future__ import annotations

import re

# Dossier values, file names and error messages are written by whoever opens a branch. Shown raw,
# a control character repaints the reviewer's terminal, a bidi override or isolate reorders what
# a line appears to say, a zero-width or line-separator character hides text or splits a line,
# and a lone surrogate cannot even be encoded. Every character of Unicode's categories Cc
# (controls), Cf (format), Zl, Zp and Cs is therefore shown as a `\uXXXX` escape.
# tests/output/test_escaping.py checks this list against unicodedata.
_INVISIBLE = re.compile(
    "["
    "\x00-\x1f\x7f-\x9f\xad"
    "\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f"
    "\ud800-\udfff\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
    "]"
)
# Line feeds and carriage returns, with the blanks around them, read as one space: a value
# written over several lines (a folded justification) stays readable on one line.
_LINE_BREAK = re.compile(r"[^\S\r\n]*[\r\n]+\s*")
# The GitHub runner runs `##[command]data` found anywhere in a line of the log.
_LEGACY_COMMAND = "##["


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def visible(text: str, *, keep_lines: bool = False) -> str:
    """`text` on one line, every invisible or control character shown as a `\\uXXXX` escape.

    Also breaks up `##[`, which a GitHub runner would run as a workflow command from
    anywhere in a line of the log. With `keep_lines`, line breaks stay as `\\n` (for a
    format that encodes them itself, as workflow commands do).
    """
    if keep_lines:
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        return "\n".join(visible(line) for line in lines)
    one_line = _LINE_BREAK.sub(" ", text)
    return _INVISIBLE.sub(_escape, one_line).replace(_LEGACY_COMMAND, "##\\u005b")


def line_start(text: str) -> str:
    """visible(text), made safe to open a line of a runner's log.

    The runner runs a line as a workflow command (`::stop-commands::…`, `::error::…`) when it
    starts with `::` after its leading blanks, so those blanks and a first `:` are escaped.
    """
    shown = visible(text)
    body = shown.lstrip()
    head = "".join(f"\\u{ord(c):04x}" for c in shown[: len(shown) - len(body)])
    if body.startswith(":"):
        body = "\\u003a" + body[1:]
    return head + body


def json_text(text: str) -> str:
    """Serialised JSON with `##[` written as `##\\u005b`: the same value, inert in a runner's log.

    `##[` can only occur inside a JSON string, where `\\u005b` decodes back to `[`.
    """
    return text.replace(_LEGACY_COMMAND, "##\\u005b")
