"""The one escaping of untrusted text: nothing invisible, no line break, no workflow command."""

from __future__ import annotations

import json
import sys
import unicodedata

import pytest

from vendorgate.output.escaping import json_text, line_start, visible

# What Unicode itself calls controls, format characters, line and paragraph separators and
# surrogates: none of them may reach a terminal or a runner's log as itself.
HIDDEN_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs"}


def test_every_control_format_and_separator_character_is_escaped() -> None:
    hidden = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) in HIDDEN_CATEGORIES]
    for char in hidden:
        shown = visible(f"a{char}b")
        assert char not in shown, f"U+{ord(char):04X} is shown raw"
        if char not in "\r\n":
            assert shown == f"a\\u{ord(char):04x}b" or shown == f"a\\U{ord(char):08x}b"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("invoice\u202eexe.pdf", "invoice\\u202eexe.pdf"),
        ("\u2066isolate\u2069", "\\u2066isolate\\u2069"),
        ("a\u2028b\u2029c\x85d", "a\\u2028b\\u2029c\\u0085d"),
        ("\u200emark\u200f\ufeff", "\\u200emark\\u200f\\ufeff"),
        ("\x1b[2Jclear\x07\x9b", "\\u001b[2Jclear\\u0007\\u009b"),
        ("tag\U000e0041", "tag\\U000e0041"),
        ("lone \udc80 surrogate", "lone \\udc80 surrogate"),
        ("first\n  second\r\nthird\rfourth", "first second third fourth"),
        ("ok ##[error]pwned", "ok ##\\u005berror]pwned"),
    ],
)
def test_visible(raw: str, shown: str) -> None:
    assert visible(raw) == shown
    shown.encode("utf-8")


def test_ordinary_text_is_unchanged() -> None:
    text = "vendors/acme-ai/contract.yaml: window is 96 h (GDPR Art. 33) — Zürich, 東京 :: ok"
    assert visible(text) == text
    assert line_start(text) == text


def test_keep_lines_keeps_only_the_line_breaks() -> None:
    assert visible("a\r\nb\rc\nd\u202e", keep_lines=True) == "a\nb\nc\nd\\u202e"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("::error::x.yaml", "\\u003a:error::x.yaml"),
        ("::stop-commands::tok", "\\u003a:stop-commands::tok"),
        (" ::error::x", "\\u0020\\u003a:error::x"),
        ("\u00a0\u3000::warning::x", "\\u00a0\\u3000\\u003a:warning::x"),
        ("\n::error::x", "\\u0020\\u003a:error::x"),
    ],
)
def test_line_start_cannot_open_a_workflow_command(raw: str, shown: str) -> None:
    assert line_start(raw) == shown
    assert not line_start(raw).lstrip().startswith("::")


def test_json_text_is_the_same_json_without_a_legacy_command() -> None:
    value = {"message": "x ##[error]pwned \\##[y", "##[key": "##[["}
    text = json_text(json.dumps(value, indent=2))
    assert "##[" not in text
    assert json.loads(text) == value
