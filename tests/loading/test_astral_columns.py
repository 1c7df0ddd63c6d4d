"""Where the characters beyond U+FFFF are: what SARIF needs to count columns in UTF-16 units."""

from __future__ import annotations

from pathlib import Path

from vendorgate.loading import load_file
from vendorgate.loading.files import astral_columns


def test_ascii_text_has_none() -> None:
    assert astral_columns("kind: Engagement\nvendor: acme\n") == {}


def test_columns_per_line_in_characters() -> None:
    text = "a: é\nb: \U0001f642 x \U0001f680\nc: 1\n\U0001f642\n"
    assert astral_columns(text) == {2: (4, 8), 4: (1,)}


def test_lines_break_where_yaml_breaks_them() -> None:
    # CRLF is one break; CR, NEL and U+2028 are breaks of their own, as PyYAML counts lines.
    text = "a: 1\r\nb: 2\rc: 3\x85d: \U0001f642\u2028e: \U0001f642"
    assert astral_columns(text) == {4: (4,), 5: (4,)}


def test_load_file_records_them_even_when_the_file_does_not_parse(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("kind: Engagement\nvendor: \U0001f642-co\n", encoding="utf-8")
    assert load_file(good, root=tmp_path, first_id=0).astral == {2: (9,)}
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: \U0001f642\n  b: [\n", encoding="utf-8")
    result = load_file(bad, root=tmp_path, first_id=0)
    assert result.error is not None
    assert result.astral == {1: (4,)}
