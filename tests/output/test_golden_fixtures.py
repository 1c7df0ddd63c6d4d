"""The reports behind the golden files mean what the catalog says: real rules, levels, documents, pointers."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import PurePosixPath
from typing import Any, NamedTuple

import pytest

from support import SHARED
from vendorgate.catalog import DOCUMENT_RULES, builtin_catalog
from vendorgate.model import Finding, Kind, Level, Report
from vendorgate.pointer import path_of
from vendorgate.resources import schemas_dir

MakeFinding = Callable[..., Finding]
CATALOG_MD = SHARED / "spec" / "rule-catalog.md"
LETTERS = {"S": Kind.ENGAGEMENT, "A": Kind.VENDOR_ATTESTATION, "C": Kind.CONTRACT_TERMS}
LEVELS = {"E": Level.ERROR, "W": Level.WARNING, "N": Level.NOTE}
# The fixtures name each dossier file after the role of its document (contract.yaml holds the
# ContractTerms); a file named otherwise (vendors/stray.yaml) is not a dossier document.
KIND_OF_FILE = {kind.role: kind for kind in Kind}


def fixture_findings(reports: list[Report], make_finding: MakeFinding) -> list[Finding]:
    """Every finding of the golden reports, and the one `make_finding` builds by default."""
    return [make_finding(), *(f for report in reports for f in report.findings)]


@pytest.fixture
def reports(full_report: Report, clean_report: Report, failed_report: Report) -> list[Report]:
    return [full_report, clean_report, failed_report]


def kind_of(finding: Finding) -> Kind | None:
    return KIND_OF_FILE.get(PurePosixPath(finding.path).stem)


def resolves(schema: dict[str, Any], path: list[str | int], defs: dict[str, Any]) -> bool:
    """Whether a document of `schema` can hold a value at `path`."""
    if "$ref" in schema:
        schema = defs[schema["$ref"].removeprefix("#/$defs/")]
    branches = schema.get("anyOf", []) + schema.get("oneOf", []) + schema.get("allOf", [])
    if any(resolves(branch, path, defs) for branch in branches):
        return True
    if not path:
        return True
    head, rest = path[0], path[1:]
    if isinstance(head, int):
        return "items" in schema and resolves(schema["items"], rest, defs)
    properties: dict[str, Any] = schema.get("properties", {})
    return head in properties and resolves(properties[head], rest, defs)


def test_descriptors_are_the_catalogs(reports: list[Report]) -> None:
    catalog = builtin_catalog()
    for report in reports:
        assert report.rules
        for rule_id, info in report.rules.items():
            assert info == catalog[rule_id], rule_id


def test_every_finding_names_a_rule_at_a_level_it_emits(
    reports: list[Report], make_finding: MakeFinding
) -> None:
    catalog = builtin_catalog()
    for finding in fixture_findings(reports, make_finding):
        assert finding.rule_id in catalog, finding.rule_id
        # A rule's METADATA level is the highest level any of its branches emits.
        assert finding.level.rank <= catalog[finding.rule_id].level.rank, finding


def test_every_pointer_exists_in_the_documents_format(
    reports: list[Report], make_finding: MakeFinding
) -> None:
    for finding in fixture_findings(reports, make_finding):
        kind = kind_of(finding)
        if kind is None:
            # Only the document rules report on a file that is not a dossier document.
            assert finding.rule_id in DOCUMENT_RULES, finding
            continue
        schema = json.loads((schemas_dir() / kind.schema).read_text(encoding="utf-8"))
        assert resolves(schema, path_of(finding.pointer), schema["$defs"]), finding


class SpecRule(NamedTuple):
    reads: set[Kind] | None  # None: any document (the document rules)
    levels: set[Level]  # the levels of its branches, and the rule's own


def spec_rules() -> dict[str, SpecRule]:
    """id → what the catalog's tables say the rule reads and which levels its branches emit."""
    if not CATALOG_MD.is_file():
        pytest.skip("../shared/spec/rule-catalog.md is absent: cannot read rules' documents and branches")
    rules = {}
    for line in CATALOG_MD.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 6 and re.fullmatch(r"[A-Z]+-\d{3}", cells[0]):
            letters = {letter.strip() for letter in cells[1].split(",")}
            reads = {LETTERS[x] for x in letters} if letters <= set(LETTERS) else None
            # A branch shows its level as "(E)" or "(E, once)"; one without a level has the rule's.
            marked = re.findall(r"\(([EWN])[,)]", cells[3])
            rules[cells[0]] = SpecRule(reads, {LEVELS[x] for x in [cells[4], *marked]})
    return rules


def test_every_finding_is_at_a_branch_level_in_a_document_its_rule_reads(
    reports: list[Report], make_finding: MakeFinding
) -> None:
    rules = spec_rules()
    for finding in fixture_findings(reports, make_finding):
        rule = rules[finding.rule_id]
        assert finding.level in rule.levels, finding
        if rule.reads is not None:
            assert kind_of(finding) in rule.reads, finding
