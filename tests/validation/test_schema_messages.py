"""SCH-002 messages that fix the typo: the misspelt key at its own line, the key meant, the words to write."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vendorgate.loading import load_file
from vendorgate.validation import SchemaValidator

HEADER = 'apiVersion: vendorgate/v1\nkind: VendorAttestation\nvendor: acme\nattested_on: "2026-01-10"\n'


def violations(tmp_path: Path, text: str, name: str = "a.yaml") -> list[tuple[int, int, str]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    loaded = load_file(path, root=tmp_path, first_id=0)
    assert loaded.error is None, loaded.error
    found = SchemaValidator().violations(loaded.documents[0])
    return sorted((f.position.line, f.position.column, f.message) for f in found)


def test_an_unknown_top_level_key_names_the_key_meant(tmp_path: Path) -> None:
    found = violations(tmp_path, HEADER + "transfer_chanels: [https]\n")
    assert found == [(5, 1, "unknown key 'transfer_chanels'; did you mean 'transfer_channels'?")]


def test_an_unknown_key_far_from_every_known_one_names_none(tmp_path: Path) -> None:
    found = violations(tmp_path, HEADER + "logging:\n  retention_days: 30\n  colour: blue\n")
    assert found == [(7, 3, "unknown key 'colour' in logging; remove it or fix its spelling")]


def test_a_key_in_the_wrong_case_names_the_key_meant(tmp_path: Path) -> None:
    found = violations(tmp_path, HEADER + "access:\n  RBAC: true\n")
    assert found == [(6, 3, "unknown key 'RBAC' in access; did you mean 'rbac'?")]


def test_a_misspelt_certification_key_is_reported_itself_at_its_own_line(tmp_path: Path) -> None:
    # jsonschema's unevaluatedProperties error is on the whole item; the keys the
    # item's type allows (report_type here) are known, only `opnion` is not.
    text = HEADER + "certifications:\n  - type: soc2\n    report_type: type2\n    opnion: unqualified\n"
    found = violations(tmp_path, text)
    assert found == [(8, 5, "unknown key 'opnion' in certifications[0]; did you mean 'opinion'?")]


def test_each_unknown_key_of_one_item_is_its_own_result(tmp_path: Path) -> None:
    text = (
        HEADER + "certifications:\n"
        "  - type: iso27001\n"
        '    edition: "2022"\n'
        '    expires_onn: "2027-01-01"\n'
        "    report_type: type2\n"
    )
    found = violations(tmp_path, text)
    assert found == [
        (8, 5, "unknown key 'expires_onn' in certifications[0]; did you mean 'expires_on'?"),
        (
            9,
            5,
            "unknown key 'report_type' in certifications[0], a field only of type soc2; remove it or"
            " correct the type",
        ),
    ]


def test_a_field_of_several_types_names_them_all(tmp_path: Path) -> None:
    text = HEADER + 'certifications:\n  - type: soc2\n    edition: "2022"\n'
    found = violations(tmp_path, text)
    assert found == [
        (
            7,
            5,
            "unknown key 'edition' in certifications[0], a field only of type iso27001 or iso27701 or"
            " iso42001; remove it or correct the type",
        )
    ]


def test_a_misspelt_key_in_a_list_item_of_another_list_names_the_key_meant(tmp_path: Path) -> None:
    text = HEADER + "subprocessors:\n  - name: Blob Co\n    flowdwn: true\n"
    found = violations(tmp_path, text)
    assert found == [(7, 5, "unknown key 'flowdwn' in subprocessors[0]; did you mean 'flowdown'?")]


def test_a_hostile_unknown_key_is_shown_escaped(tmp_path: Path) -> None:
    text = HEADER + 'certifications:\n  - type: soc2\n    "opnion\\u202e\\e": qualified\n'
    found = violations(tmp_path, text)
    assert found == [(7, 5, "unknown key 'opnion\\u202e\\x1b' in certifications[0]; did you mean 'opinion'?")]


def test_a_literal_boolean_in_a_vocabulary_lists_the_words(tmp_path: Path) -> None:
    found = violations(tmp_path, HEADER + "ai:\n  training_on_customer_data: false\n")
    assert found == [
        (
            6,
            3,
            "ai.training_on_customer_data is false, which YAML and JSON read as a boolean, not as a word"
            " of its vocabulary; write one of: never, opt-in, opt-out, default-on",
        )
    ]


def test_a_json_boolean_in_a_vocabulary_lists_the_words(tmp_path: Path) -> None:
    body = {
        "apiVersion": "vendorgate/v1",
        "kind": "VendorAttestation",
        "vendor": "acme",
        "attested_on": "2026-01-10",
        "transfer_channels": ["https", True],
    }
    found = violations(tmp_path, json.dumps(body, indent=1), name="a.json")
    assert found == [
        (
            8,
            3,
            "transfer_channels[1] is true, which YAML and JSON read as a boolean, not as a word of its"
            " vocabulary; write one of: https, sftp, ftps, vpn-ipsec, vpn-tls, ftp, http, telnet, tftp,"
            " smtp, smtp-tls, public-bucket",
        )
    ]


@pytest.mark.parametrize(("word", "older"), [("no", "false"), ("Off", "false"), ("yes", "true")])
def test_a_yaml_1_1_boolean_word_in_a_vocabulary_is_one_sentence_with_the_words(
    tmp_path: Path, word: str, older: str
) -> None:
    # The composer's YAML 1.1 note and the schema's enum error meet at one value:
    # one result says both readings and what to write instead.
    found = violations(tmp_path, HEADER + f"ai:\n  training_on_customer_data: {word}\n")
    assert found == [
        (
            6,
            3,
            f"ai.training_on_customer_data is `{word}`, which YAML 1.1 reads as {older} and YAML 1.2 as"
            f' the text "{word}", and neither is a word of its vocabulary; write one of: never, opt-in,'
            " opt-out, default-on",
        )
    ]


def test_a_yaml_1_1_boolean_word_in_a_boolean_field_keeps_the_composer_note(tmp_path: Path) -> None:
    found = violations(tmp_path, HEADER + "access:\n  rbac: no\n")
    assert found == [
        (
            6,
            3,
            'access.rbac is `no`, which YAML 1.1 reads as false and YAML 1.2 as the text "no"; write'
            " false, or quote it if it is text",
        )
    ]


def test_a_misspelt_profile_key_names_the_key_meant(tmp_path: Path) -> None:
    from vendorgate.validation.schemas import PROFILE_SCHEMA

    path = tmp_path / "vendorgate.yaml"
    path.write_text("thresholds: {}\nwaiver: []\n", encoding="utf-8")
    document = load_file(path, root=tmp_path, first_id=0).documents[0]
    found = SchemaValidator().check(document, PROFILE_SCHEMA)
    assert [(f.position.line, f.message) for f in found] == [
        (2, "unknown key 'waiver'; did you mean 'waivers'?")
    ]


def test_keys_allowed_by_a_pattern_are_known_and_a_lower_case_rule_id_is_named(tmp_path: Path) -> None:
    from vendorgate.validation.schemas import PROFILE_SCHEMA

    path = tmp_path / "vendorgate.yaml"
    path.write_text(
        "rules:\n  CERT-003: {level: warning, reason: ok}\n  cert-004: {level: warning, reason: ok}\n",
        encoding="utf-8",
    )
    document = load_file(path, root=tmp_path, first_id=0).documents[0]
    found = SchemaValidator().check(document, PROFILE_SCHEMA)
    assert [(f.position.line, f.message) for f in found] == [
        (3, "unknown key 'cert-004' in rules; did you mean 'CERT-004'?")
    ]
