"""The Rego catalog matches the rule catalog spec, and every rule carries complete METADATA."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from support import CLEAN, OPA, REPO, SHARED, run_vendorgate
from vendorgate.catalog import DOCUMENT_RULES, builtin_catalog, rego_catalog
from vendorgate.model import Level
from vendorgate.resources import policies_dir

CATALOG_MD = SHARED / "spec" / "rule-catalog.md"
LEVELS = {"E": Level.ERROR, "W": Level.WARNING, "N": Level.NOTE}


def spec_rows() -> dict[str, tuple[str, str, str]]:
    """id → (title, lvl, source) from the catalog's tables."""
    rows = {}
    for line in catalog_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 6 and re.fullmatch(r"[A-Z]+-\d{3}", cells[0]):
            rows[cells[0]] = (cells[2], cells[4], cells[5])
    return rows


def catalog_ids_in_text() -> set[str]:
    """Every rule id that opens a table row of the catalog, found without parsing the cells."""
    return set(re.findall(r"^\|\s*([A-Z]+-\d{3})\s*\|", catalog_text(), flags=re.MULTILINE))


def catalog_text() -> str:
    if not CATALOG_MD.is_file():
        pytest.skip("../shared/spec/rule-catalog.md is absent: cannot compare with the catalog")
    return CATALOG_MD.read_text(encoding="utf-8")


def test_policy_ids_equal_the_catalog_ids() -> None:
    spec = spec_rows()
    # Every row of the catalog was parsed (a row with a stray `|` would drop out of spec_rows).
    assert set(spec) == catalog_ids_in_text()
    implemented = set(rego_catalog([policies_dir()])) | set(DOCUMENT_RULES)
    assert implemented == set(spec)


def test_levels_titles_and_sources_match_the_catalog() -> None:
    rules = builtin_catalog()
    for rule_id, (title, lvl, source) in spec_rows().items():
        rule = rules[rule_id]
        assert rule.title == title, rule_id
        assert rule.level is LEVELS[lvl], rule_id
        if source != "-":
            assert rule.source == source, rule_id


def opa_rule_annotations() -> dict[str, dict[str, Any]]:
    """The annotation of each built-in rule with a custom.id, by id, as the real OPA reads them."""
    done = subprocess.run(
        [str(OPA), "inspect", "--annotations", "--format", "json", str(policies_dir())],
        capture_output=True,
        text=True,
        check=True,
    )
    return {
        a["annotations"]["custom"]["id"]: a
        for a in json.loads(done.stdout).get("annotations", [])
        if isinstance(a.get("annotations", {}).get("custom"), dict)
        and "id" in a["annotations"]["custom"]
        and not a["location"]["file"].endswith("_test.rego")
    }


def control_area(annotation: dict[str, Any]) -> str:
    """The package below data.vendorgate.rules that OPA places the annotated rule in."""
    path = [part["value"] for part in annotation["path"]]
    assert path[:3] == ["data", "vendorgate", "rules"], path
    return str(path[3])


def test_every_rule_has_complete_metadata() -> None:
    areas = {control_area(a) for a in opa_rule_annotations().values()}
    for rule in rego_catalog([policies_dir()]).values():
        assert rule.description, rule.id
        assert len(rule.help) > 40, rule.id
        # The area is the rule's control-area package, and its first tag says so.
        assert rule.area in areas, rule.id
        assert rule.tags[:1] == (rule.area,), rule.id
        expected = {Level.ERROR: 8.0, Level.WARNING: 5.0, Level.NOTE: 2.0}[rule.level]
        assert rule.security_severity == expected, rule.id


def test_metadata_parser_agrees_with_opa_inspect() -> None:
    """Same ids, and each rule's area is the package OPA puts it in."""
    opa = {rule_id: control_area(a) for rule_id, a in opa_rule_annotations().items()}
    assert opa == {rule.id: rule.area for rule in rego_catalog([policies_dir()]).values()}


def test_rego_fixture_equals_the_clean_example() -> None:
    """The Rego tests' clean dossier is examples/vendors/northwind-ai, value for value."""
    fixture = opa_value("data.vendorgate.fixtures.clean", REPO / "policies")

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))
    for role, name in (
        ("engagement", "engagement"),
        ("attestation", "attestation"),
        ("contract", "contract"),
    ):
        example = yaml.load((CLEAN / f"{name}.yaml").read_text(encoding="utf-8"), Loader=Loader)
        assert fixture[role]["body"] == example, role


def test_rules_command_lists_the_whole_catalog() -> None:
    run = run_vendorgate("rules", "--format", "json")
    assert run.code == 0
    listed = {r["id"]: r for r in json.loads(run.stdout)}
    assert set(spec_rows()) <= set(listed)
    assert listed["IR-001"]["level"] == "error"
    assert listed["IR-001"]["source"].startswith("GDPR 33(1)-(2)")


def test_rules_text_shows_id_level_title_source() -> None:
    run = run_vendorgate("rules")
    line = next(line for line in run.stdout.splitlines() if line.startswith("TRN-001"))
    assert "error" in line
    assert "Secure transfer channels" in line
    assert "PCI 4.2.1" in line


def test_explain_prints_the_full_help() -> None:
    run = run_vendorgate("explain", "ir-001")
    assert run.code == 0
    assert run.stdout.startswith("IR-001: Breach notification window")
    assert "window_hours" in run.stdout
    assert "source: GDPR 33(1)-(2)" in run.stdout


def test_explain_unknown_rule_is_a_usage_error() -> None:
    run = run_vendorgate("explain", "XYZ-999")
    assert run.code == 2
    assert "unknown rule 'XYZ-999'" in run.stderr


def test_rules_reference_doc_is_current() -> None:
    """docs/rules.md (the SARIF helpUri target) is regenerated by `make rules-doc`."""
    run = run_vendorgate("rules", "--format", "markdown")
    assert (REPO / "docs" / "rules.md").read_text(encoding="utf-8") == run.stdout, "run `make rules-doc`"


def opa_value(query: str, path: Path) -> Any:
    """The value of one query over the policies in `path`, evaluated by the real OPA."""
    done = subprocess.run(
        [str(OPA), "eval", "--format", "json", "-d", str(path), query],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)["result"][0]["expressions"][0]["value"]


def test_thresholds_in_rego_equal_the_profile_schema() -> None:
    defaults = opa_value("data.vendorgate.lib.thresholds.defaults", policies_dir())
    schema = json.loads((REPO / "schemas" / "vendorgate-config.schema.json").read_text())
    properties = schema["properties"]["thresholds"]["properties"]
    assert set(defaults) == set(properties)
    for name, value in defaults.items():
        assert properties[name].get("default") == value, name


def test_every_backticked_catalog_threshold_is_named_in_rego() -> None:
    names = set(re.findall(r"`([a-z0-9_]+)`=", catalog_text()))
    assert names == set(opa_value("data.vendorgate.lib.thresholds.defaults", policies_dir()))


def test_each_policy_file_has_a_test_file() -> None:
    for path in Path(policies_dir(), "vendorgate", "rules").glob("*.rego"):
        if not path.name.endswith("_test.rego"):
            assert path.with_name(path.stem + "_test.rego").is_file(), path
