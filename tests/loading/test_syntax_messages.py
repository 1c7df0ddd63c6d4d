"""SCH-001 syntax errors in words a person acts on: what is wrong, and the line and column to fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from vendorgate.loading import load_file

HEAD = "apiVersion: vendorgate/v1\nkind: VendorAttestation\nvendor: acme\n"


def error_of(tmp_path: Path, text: str, name: str = "bad.yaml") -> tuple[int, int, str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = load_file(path, root=tmp_path, first_id=0)
    assert result.documents == ()
    assert result.error is not None
    return result.error.line, result.error.column, result.error.message


TAB = (
    "invalid YAML: a tab is used to indent this line, and YAML indents with spaces only; replace the tab"
    " with spaces"
)


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        pytest.param(HEAD + "access:\n\trbac: true\n", 5, 1, TAB, id="tab-indent"),
        pytest.param(HEAD + "access:\n  rbac: true\n\t least_privilege: true\n", 6, 1, TAB, id="tab-later"),
        pytest.param(
            HEAD + 'attested_by:\n  name: "Ada Lovelace\n',
            5,
            9,
            "invalid YAML: the quote opened at line 5, column 9 is never closed; add the closing quote at the"
            " end of the value",
            id="unclosed-quote-at-the-end",
        ),
        pytest.param(
            HEAD + "attested_by:\n  name: 'Ada\n  title: CISO\n  email: 'ada@example.com'\n",
            5,
            9,
            "invalid YAML: the quote opened here is closed only at line 7, so the lines between are read as"
            " its text; close the quote at the end of this line's value",
            id="unclosed-quote-closed-later",
        ),
        pytest.param(
            HEAD + "transfer_channels: [https, sftp\nattested_on: 2026-01-10\n",
            4,
            32,
            "invalid YAML: the list opened at line 4, column 20 needs a `,` between items or its closing `]`"
            " here; add the `]` if the list ends, or the comma if it goes on",
            id="unclosed-flow-list",
        ),
        pytest.param(
            HEAD + "transfer_channels: [https, , sftp]\n",
            4,
            28,
            "invalid YAML: two commas with no item between them; remove one",
            id="double-comma",
        ),
        pytest.param(
            HEAD + "attested_on 2026-01-10\npentest: {}\n",
            4,
            1,
            "invalid YAML: this line has no `:` after its key; write it as `key: value`, with a colon and a"
            " space, or indent it under the key it continues",
            id="missing-colon",
        ),
        pytest.param(
            HEAD + "pentest:\n  by: Red Team\n    last_on: 2026-01-10\n",
            6,
            5,
            "invalid YAML: this line is indented more than the key above it, so it reads as part of that"
            " key's value; indent it like the keys it belongs with",
            id="over-indented",
        ),
        pytest.param(
            HEAD + "pentest:\n  by: Red Team\n last_on: 2026-01-10\n",
            6,
            2,
            "invalid YAML: this line is indented by 1 space, which matches none of the keys or items above"
            " it; indent it exactly like its siblings",
            id="under-indented",
        ),
        pytest.param(
            HEAD + "certifications:\n  - type: soc2\n   opinion: qualified\n",
            6,
            4,
            "invalid YAML: this line is indented by 3 spaces, which matches none of the keys or items above"
            " it; indent it exactly like its siblings",
            id="misaligned-item-key",
        ),
        pytest.param(
            HEAD + "transfer_channels:\n- https\nattested_on: 2026-01-10\n- sftp\n",
            7,
            1,
            "invalid YAML: a list item stands where a key of the mapping above is expected; indent it under"
            " the key of its list",
            id="item-at-key-level",
        ),
        pytest.param(
            HEAD + "pentest:\n  by: Red: Team\n",
            5,
            10,
            "invalid YAML: this value contains `: `, which starts a key; put the whole value in quotes",
            id="colon-in-value",
        ),
        pytest.param(
            HEAD + 'pentest:\n  by: "Red" Team\n',
            5,
            13,
            "invalid YAML: text follows the closing quote of this value; put the whole value inside the"
            " quotes",
            id="text-after-quote",
        ),
        pytest.param(
            HEAD + "pentest:\n  by: @redteam\n",
            5,
            7,
            "invalid YAML: a plain value cannot start with '@'; put the value in quotes",
            id="reserved-indicator",
        ),
        pytest.param(
            HEAD + "pentest:\n  by: `whoami`\n",
            5,
            7,
            "invalid YAML: a plain value cannot start with '`'; put the value in quotes",
            id="backtick",
        ),
    ],
)
def test_a_yaml_syntax_error_says_what_and_where_to_fix(
    tmp_path: Path, text: str, line: int, column: int, message: str
) -> None:
    assert error_of(tmp_path, text) == (line, column, message)


def test_a_trailing_comma_in_a_yaml_flow_list_is_valid_yaml(tmp_path: Path) -> None:
    # YAML (unlike JSON) allows it: the list holds two channels, not an empty third.
    path = tmp_path / "ok.yaml"
    path.write_text(HEAD + "transfer_channels: [https, sftp,]\n", encoding="utf-8")
    (document,) = load_file(path, root=tmp_path, first_id=0).documents
    assert document.body["transfer_channels"] == ["https", "sftp"]


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        pytest.param(
            '{\n  "transfer_channels": ["https", "sftp",]\n}\n',
            2,
            40,
            "invalid JSON: a comma before the closing `]`; remove the trailing comma",
            id="trailing-comma-list",
        ),
        pytest.param(
            '{\n  "kind": "VendorAttestation",\n  "vendor": "acme",  # x\n}\n',
            3,
            22,
            "invalid JSON: JSON has no comments; remove the comment, or write the document as YAML in a"
            " .yaml file",
            id="comment-is-not-json",
        ),
        pytest.param(
            '{\n  "kind": "VendorAttestation",\n  "vendor": "acme",\n}\n',
            3,
            19,
            "invalid JSON: a comma before the closing `}`; remove the trailing comma",
            id="trailing-comma-object",
        ),
        pytest.param(
            '{\n  "kind": "VendorAttestation"\n  "vendor": "acme"\n}\n',
            3,
            3,
            "invalid JSON: a comma is missing before this item, or a bracket is not closed; add the comma or"
            " the closing bracket",
            id="missing-comma",
        ),
        pytest.param(
            '{\n  "kind": "VendorAttestation",\n  "vendor": "acme\n}\n',
            3,
            13,
            "invalid JSON: this text in quotes is not closed on its line; add the closing double quote",
            id="unclosed-string",
        ),
        pytest.param(
            "{\n  'kind': 'VendorAttestation'\n}\n",
            2,
            3,
            'invalid JSON: keys must be written in double quotes, as in "key"',
            id="single-quotes",
        ),
        pytest.param(
            '{\n  "kind" "VendorAttestation"\n}\n',
            2,
            10,
            'invalid JSON: a colon is missing after this key; write "key": value',
            id="missing-colon",
        ),
    ],
)
def test_a_json_syntax_error_says_what_and_where_to_fix(
    tmp_path: Path, text: str, line: int, column: int, message: str
) -> None:
    assert error_of(tmp_path, text, name="bad.json") == (line, column, message)
