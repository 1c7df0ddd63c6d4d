"""Seeded generator of realistic, varied vendor dossiers for the benchmarks.

Every dossier starts from the clean example `examples/vendors/northwind-ai` and receives seeded
mutations: a breach window that is too long, insecure transfer channels, expired or expiring
certificates, missing fields, weak ciphers, unsigned clauses, schema errors, missing documents.
About a third stay clean. Most dossiers are three files in one folder (engagement.yaml,
attestation.yaml, contract.yaml); about 10% are one multi-document `dossier.yaml`; a few
attestations are JSON. Evidence references are dropped from most attestations; about 10% keep
them and get a copy of the example's evidence file, so DOS-004 hashes real files.

Dossier i depends only on (seed, i): the first 100 dossiers of a 1,000-dossier tree are the
100-dossier tree. Run it directly to write a tree:

    .venv/bin/python benchmarks/generate.py benchmarks/out/demo --count 100 --seed 7
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import re
import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "vendors" / "northwind-ai"
EVIDENCE_FILE = "evidence/soc2-type2-2026.txt"
AS_OF = date(2026, 12, 1)
MULTI_DOC_SHARE = 0.10
JSON_SHARE = 0.03
EVIDENCE_SHARE = 0.10
CLEAN_SHARE = 0.33

Doc = dict[str, Any]

_ADJECTIVES = (
    "amber", "bright", "cobalt", "deep", "ember", "fable", "granite", "harbor", "iris", "jade",
    "keen", "lumen", "maple", "north", "onyx", "polar", "quartz", "river", "silver", "tidal",
    "ultra", "vivid", "willow", "xenon", "yonder", "zephyr",
)  # fmt: skip
_NOUNS = (
    "analytics", "atlas", "beacon", "cortex", "dialog", "echo", "forge", "graph", "helix",
    "insight", "lattice", "mind", "nexus", "oracle", "pilot", "quill", "relay", "signal",
    "tensor", "vector", "wave", "scribe", "lens", "sense",
)  # fmt: skip
_SERVICES = (
    "Contract-analysis assistant (hosted LLM)",
    "Customer-support chatbot",
    "Speech-to-text transcription API",
    "Document OCR and extraction",
    "Code-completion assistant",
    "Fraud-scoring model API",
    "Clinical-notes summarisation",
    "Marketing copy generation",
    "Semantic search over the knowledge base",
    "CV screening assistant",
)
_TEAMS = ("Legal Operations", "Customer Care", "Engineering", "Finance", "HR", "Marketing", "Clinical IT")


class _StringDateLoader(yaml.SafeLoader):
    """Reads YAML with dates kept as YYYY-MM-DD strings, as vendorgate does."""


_StringDateLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# A small YAML writer for the shapes of a dossier (about 50 times faster than yaml.dump, which
# matters at 30,000 files): block mappings, block lists of mappings, flow lists of scalars,
# dates unquoted as people write them, versions and anything ambiguous double-quoted.
_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 ._@/()+-]*(?<! )$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_RESERVED = frozenset(("y", "n", "yes", "no", "on", "off", "true", "false", "null"))


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    if _DATE.match(text) or (_PLAIN.match(text) and text.lower() not in _RESERVED):
        return text
    return json.dumps(text, ensure_ascii=False)


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return _scalar(value)


def _block(mapping: Doc, indent: int) -> Iterator[str]:
    pad = " " * indent
    for key, value in mapping.items():
        if isinstance(value, dict) and value:
            yield f"{pad}{key}:"
            yield from _block(value, indent + 2)
        elif isinstance(value, list) and any(isinstance(item, dict | list) for item in value):
            yield f"{pad}{key}:"
            for item in value:
                yield from _list_item(item, indent + 2)
        else:
            yield f"{pad}{key}: {_flow(value)}"


def _list_item(item: Any, indent: int) -> Iterator[str]:
    if isinstance(item, dict) and item:
        lines = list(_block(item, indent + 2))
        yield " " * indent + "- " + lines[0].lstrip()
        yield from lines[1:]
    else:
        yield " " * indent + "- " + _flow(item)


def to_yaml(doc: Doc) -> str:
    """One dossier document as YAML text."""
    return "\n".join(_block(doc, 0)) + "\n"


@dataclass
class Dossier:
    """One generated vendor: its three documents, layout and the mutations applied."""

    vendor: str
    engagement: Doc | None
    attestation: Doc | None
    contract: Doc | None
    layout: str = "files"
    evidence: bool = False
    mutations: list[str] = field(default_factory=list)


@dataclass
class Summary:
    """What a generated tree holds, for the benchmark report."""

    dossiers: int = 0
    files: int = 0
    clean: int = 0
    multi_document: int = 0
    json_files: int = 0
    with_evidence: int = 0
    mutations: Counter[str] = field(default_factory=Counter)


def _load_example() -> tuple[Doc, Doc, Doc]:
    docs = []
    for name in ("engagement.yaml", "attestation.yaml", "contract.yaml"):
        with (EXAMPLE / name).open(encoding="utf-8") as handle:
            docs.append(yaml.load(handle, Loader=_StringDateLoader))  # noqa: S506 - a SafeLoader subclass
    return docs[0], docs[1], docs[2]


def _day(offset_days: int) -> str:
    return (AS_OF + timedelta(days=offset_days)).isoformat()


# Mutations: each takes (rng, dossier) and changes it in place. Names say what a reviewer
# would find; several map to more than one rule.
Mutation = Callable[[random.Random, Dossier], None]


def _breach_window(rng: random.Random, d: Dossier) -> None:
    assert d.contract is not None
    d.contract["breach_notification"]["window_hours"] = rng.choice((36, 48, 72, 96, 120, 168))
    if rng.random() < 0.3:
        d.contract["breach_notification"]["clock_start"] = "confirmation"


def _insecure_channels(rng: random.Random, d: Dossier) -> None:
    assert d.attestation is not None
    extra = rng.sample(["ftp", "http", "telnet", "tftp", "smtp", "public-bucket"], k=rng.randint(1, 3))
    d.attestation["transfer_channels"] = [*d.attestation["transfer_channels"], *extra]


def _expired_iso(rng: random.Random, d: Dossier) -> None:
    assert d.attestation is not None
    for cert in d.attestation["certifications"]:
        if cert["type"] == "iso27001":
            cert["expires_on"] = _day(-rng.randint(1, 400))
            if rng.random() < 0.3:
                cert["edition"] = "2013"


def _expiring_soon(rng: random.Random, d: Dossier) -> None:
    assert d.attestation is not None
    cert = rng.choice([c for c in d.attestation["certifications"] if "expires_on" in c])
    cert["expires_on"] = _day(rng.randint(0, 59))


def _stale_soc2(rng: random.Random, d: Dossier) -> None:
    assert d.attestation is not None
    soc2 = d.attestation["certifications"][0]
    soc2["period_end"] = _day(-rng.randint(400, 900))
    if rng.random() < 0.4:
        soc2["opinion"] = rng.choice(("qualified", "adverse"))
    if rng.random() < 0.2:
        soc2["report_type"] = "type1"


def _weak_tls(rng: random.Random, d: Dossier) -> None:
    assert d.attestation is not None
    d.attestation["encryption"]["in_transit"]["tls_versions"] = rng.choice(
        (["1.0", "1.1", "1.2"], ["1.2"], ["ssl3", "1.2", "1.3"], ["1.1"])
    )


def _weak_at_rest(rng: random.Random, d: Dossier) -> None:
    assert d.attestation is not None
    at_rest = d.attestation["encryption"]["at_rest"]
    choice = rng.randrange(3)
    if choice == 0:
        at_rest["algorithm"], at_rest["key_bits"] = "3DES", 112
    elif choice == 1:
        at_rest["scope"] = ["primary"]
    else:
        at_rest["algorithm"], at_rest["key_bits"] = "AES-128-CBC", 128


def _key_management(rng: random.Random, d: Dossier) -> None:
    assert d.attestation is not None
    keys = d.attestation["encryption"]["keys"]
    keys["rotation_days"] = rng.choice((400, 800, 1095))
    if rng.random() < 0.3:
        keys["custody"] = "application"


def _weak_access(rng: random.Random, d: Dossier) -> None:
    assert d.attestation is not None
    access = d.attestation["access"]
    access["mfa"][rng.choice(("admins", "customer_data_access", "remote"))] = False
    if rng.random() < 0.5:
        access["review_interval_days"] = rng.choice((270, 365))
    if rng.random() < 0.3:
        access["privileged_segregation"] = False


def _weak_logging(rng: random.Random, d: Dossier) -> None:
    assert d.attestation is not None
    logging = d.attestation["logging"]
    logging["retention_days"] = rng.choice((30, 60, 180))
    if rng.random() < 0.5:
        logging["fields"] = ["user", "event", "timestamp"]
    if rng.random() < 0.4:
        logging["immutable"] = False


def _untested_ir_plan(rng: random.Random, d: Dossier) -> None:
    assert d.attestation is not None
    d.attestation["incident_response"]["last_tested_on"] = _day(-rng.randint(400, 800))


def _subprocessor_gaps(rng: random.Random, d: Dossier) -> None:
    assert d.attestation is not None
    subs = d.attestation["subprocessors"]
    subs.append(
        {
            "name": f"Example Analytics {rng.randint(1, 99)}",
            "purpose": "usage analytics",
            "locations": [rng.choice(("us", "in", "sg"))],
            "transfer_mechanism": rng.choice(("none", "scc-2010", "scc-2021")),
            "flowdown": rng.random() < 0.5,
        }
    )


def _upstream_model(rng: random.Random, d: Dossier) -> None:
    assert d.attestation is not None
    model = d.attestation["ai"]["upstream_models"][0]
    if rng.random() < 0.5:
        model["provider"] = "Unlisted Foundation Models Inc."
    model["trains_on_inputs"] = rng.random() < 0.5
    model["retention_days"] = rng.choice((0, 45, 90))


def _ai_training(rng: random.Random, d: Dossier) -> None:
    assert d.attestation is not None
    assert d.contract is not None
    d.attestation["ai"]["training_on_customer_data"] = rng.choice(("opt-out", "default-on", "opt-in"))
    if rng.random() < 0.5:
        d.contract["ai"]["training_prohibited"] = False


def _ai_retention(rng: random.Random, d: Dossier) -> None:
    assert d.attestation is not None
    retention = d.attestation["ai"]["retention"]
    retention["prompts_days"] = rng.choice((None, 45, 90))
    if rng.random() < 0.5:
        retention["human_review"] = "undisclosed"


def _ai_evaluation(rng: random.Random, d: Dossier) -> None:
    assert d.attestation is not None
    d.attestation["ai"].pop("red_team_last_on", None)
    if rng.random() < 0.5:
        d.attestation["ai"].pop("model_change_notice_days", None)


def _stale_documents(rng: random.Random, d: Dossier) -> None:
    assert d.attestation is not None
    d.attestation["pentest"]["last_on"] = _day(-rng.randint(400, 700))
    if rng.random() < 0.5:
        d.attestation["documents"] = d.attestation["documents"][1:]
    if rng.random() < 0.3:
        d.attestation["attested_on"] = _day(-rng.randint(370, 600))


def _roles(rng: random.Random, d: Dossier) -> None:
    assert d.contract is not None
    if rng.random() < 0.5:
        d.contract["roles"]["processor"] = "customer"
    else:
        d.contract["processing"].pop(rng.choice(("purpose", "duration", "data_types")))
    if rng.random() < 0.4:
        d.contract["data_ownership"]["outputs_customer_owned"] = False


def _ownership(rng: random.Random, d: Dossier) -> None:
    assert d.contract is not None
    d.contract["data_ownership"][rng.choice(("customer_sole_owner", "use_limited_to_instructions"))] = False


def _dpa_ccpa(rng: random.Random, d: Dossier) -> None:
    assert d.contract is not None
    clauses = d.contract["dpa"]["clauses"]
    clauses.remove(rng.choice(clauses))
    if rng.random() < 0.5:
        d.contract["ccpa"][rng.choice(sorted(d.contract["ccpa"]))] = False


def _sla_audit(rng: random.Random, d: Dossier) -> None:
    assert d.contract is not None
    d.contract["sla"]["availability_pct"] = rng.choice((98.0, 99.0, 99.4))
    if rng.random() < 0.5:
        d.contract["sla"]["service_credits"] = False
    if rng.random() < 0.4:
        d.contract["audit_rights"]["regulator_access"] = False


def _exit_terms(rng: random.Random, d: Dossier) -> None:
    assert d.contract is not None
    exit_terms = d.contract["exit"]
    exit_terms["deadline_days"] = rng.choice((45, 60, 120, 180))
    if rng.random() < 0.4:
        exit_terms["backups_deadline_days"] = None
    if rng.random() < 0.3:
        exit_terms["deletion_certificate"] = False
        exit_terms["method"] = "other"
    if rng.random() < 0.3:
        exit_terms["evidence_retention_years"] = 3


def _revocation(rng: random.Random, d: Dossier) -> None:
    assert d.contract is not None
    if rng.random() < 0.3:
        d.contract.pop("termination")
    else:
        d.contract["termination"]["access_revocation_hours"] = rng.choice((48, 72, 168))


def _subprocessor_notice(rng: random.Random, d: Dossier) -> None:
    assert d.contract is not None
    d.contract["subprocessor_changes"]["notice_days"] = rng.choice((7, 14, 21))
    if rng.random() < 0.3:
        d.contract["subprocessor_changes"]["objection_right"] = False


def _residency(rng: random.Random, d: Dossier) -> None:
    assert d.attestation is not None
    assert d.contract is not None
    d.attestation["residency"]["processing"].append(rng.choice(("in", "sg", "br")))
    if rng.random() < 0.4:
        d.contract.pop("location_change_notice_days")


def _transfers(rng: random.Random, d: Dossier) -> None:
    assert d.attestation is not None
    transfer = d.attestation["transfers"][0]
    choice = rng.randrange(3)
    if choice == 0:
        transfer["mechanism"] = "scc-2010"
    elif choice == 1:
        transfer["dpf_active"] = False
    else:
        transfer["mechanism"], transfer["tia_done"] = "scc-2021", False


def _unmasked_flow(rng: random.Random, d: Dossier) -> None:
    assert d.engagement is not None
    flow = rng.choice(d.engagement["data_flows"])
    flow["masking"] = "none"
    if rng.random() < 0.5:
        flow.pop("identity_needed", None)


def _risk_assessment(rng: random.Random, d: Dossier) -> None:
    assert d.engagement is not None
    risk = d.engagement["risk"]
    if rng.random() < 0.5:
        risk["dpia_done"] = False
    else:
        risk["assessed_on"] = _day(-rng.randint(400, 800))


def _card_data(rng: random.Random, d: Dossier) -> None:
    assert d.engagement is not None
    d.engagement["data_classes"].append("pan")
    if rng.random() < 0.5:
        assert d.attestation is not None
        d.attestation["certifications"].append(
            {"type": "pci-dss-aoc", "version": "3.2.1", "issued_on": _day(-500)}
        )


def _gpai_provider(rng: random.Random, d: Dossier) -> None:
    assert d.attestation is not None
    assert d.engagement is not None
    act = d.attestation["eu_ai_act"]
    act.clear()
    act.update({"role": "gpai-provider", "placed_on_market_on": _day(-rng.randint(30, 300))})
    act.update(
        {"annex_xii_docs": True, "copyright_policy": rng.random() < 0.5, "training_summary_published": False}
    )
    if "euaia" not in d.engagement["regimes"]:
        d.engagement["regimes"].append("euaia")


def _dropped_sections(rng: random.Random, d: Dossier) -> None:
    assert d.attestation is not None
    assert d.contract is not None
    for key in rng.sample(["logging", "access", "subprocessors", "incident_response"], k=rng.randint(1, 2)):
        d.attestation.pop(key, None)
    for key in rng.sample(["sla", "exit", "breach_notification", "audit_rights"], k=rng.randint(1, 2)):
        d.contract.pop(key, None)


def _schema_error(rng: random.Random, d: Dossier) -> None:
    assert d.attestation is not None
    assert d.contract is not None
    choice = rng.randrange(3)
    if choice == 0:
        d.attestation["encryption"]["in_transit"]["tls_versions"] = [1.2, 1.3]
    elif choice == 1:
        d.contract["breach_notice"] = {"hours": 72}
    else:
        d.contract.pop("contract_id")


def _missing_document(rng: random.Random, d: Dossier) -> None:
    if rng.random() < 0.5:
        d.contract = None
    else:
        d.engagement = None


MUTATIONS: dict[str, tuple[float, Mutation]] = {
    "breach-window": (1.0, _breach_window),
    "insecure-channels": (1.0, _insecure_channels),
    "expired-iso27001": (0.8, _expired_iso),
    "expiring-certificate": (0.8, _expiring_soon),
    "stale-soc2": (0.6, _stale_soc2),
    "weak-tls": (0.8, _weak_tls),
    "weak-at-rest": (0.6, _weak_at_rest),
    "key-management": (0.5, _key_management),
    "weak-access": (0.8, _weak_access),
    "weak-logging": (0.8, _weak_logging),
    "untested-ir-plan": (0.5, _untested_ir_plan),
    "subprocessor-gaps": (0.6, _subprocessor_gaps),
    "upstream-model": (0.5, _upstream_model),
    "ai-training": (0.6, _ai_training),
    "ai-retention": (0.6, _ai_retention),
    "ai-evaluation": (0.4, _ai_evaluation),
    "stale-documents": (0.5, _stale_documents),
    "roles": (0.4, _roles),
    "ownership": (0.4, _ownership),
    "dpa-ccpa": (0.5, _dpa_ccpa),
    "sla-audit": (0.5, _sla_audit),
    "exit-terms": (0.6, _exit_terms),
    "revocation": (0.5, _revocation),
    "subprocessor-notice": (0.5, _subprocessor_notice),
    "residency": (0.5, _residency),
    "transfers": (0.5, _transfers),
    "unmasked-flow": (0.4, _unmasked_flow),
    "risk-assessment": (0.4, _risk_assessment),
    "card-data": (0.3, _card_data),
    "gpai-provider": (0.3, _gpai_provider),
    "dropped-sections": (0.5, _dropped_sections),
    "schema-error": (0.15, _schema_error),
    "missing-document": (0.1, _missing_document),
}


def _vendor_id(rng: random.Random, index: int) -> str:
    return f"{rng.choice(_ADJECTIVES)}-{rng.choice(_NOUNS)}-{index:05d}"


def _vary_scope(rng: random.Random, d: Dossier) -> None:
    """Realistic variety in the clean baseline: scope, regimes, names and dates."""
    assert d.engagement is not None
    assert d.attestation is not None
    assert d.contract is not None
    s, a, c = d.engagement, d.attestation, d.contract
    title = d.vendor.rsplit("-", 1)[0].replace("-", " ").title()
    s["name"] = f"{title} Ltd."
    s["service"] = rng.choice(_SERVICES)
    s["owner"]["team"] = rng.choice(_TEAMS)
    s["risk"]["tier"] = rng.choice(("high", "medium", "low"))
    s["risk"]["assessed_on"] = _day(-rng.randint(10, 300))
    # Keep every regime the clean example satisfies; drop a few at random for variety.
    s["regimes"] = [r for r in s["regimes"] if rng.random() < 0.85 or r == "gdpr"]
    a["attested_on"] = _day(-rng.randint(5, 300))
    a["attested_by"]["email"] = f"security@{d.vendor}.example"
    c["contract_id"] = f"MSA-{rng.randint(2024, 2026)}-{rng.randint(1, 9999):04d}"
    c["breach_notification"]["window_hours"] = rng.choice((12, 24, 24, 24))
    c["exit"]["deadline_days"] = rng.choice((14, 30, 30))
    a["logging"]["retention_days"] = rng.choice((365, 400, 730))
    a["access"]["review_interval_days"] = rng.choice((30, 90, 90, 180))


def make_dossier(seed: int, index: int, base: tuple[Doc, Doc, Doc]) -> Dossier:
    """Dossier `index` of the tree with `seed`: the example, varied, then mutated."""
    rng = random.Random(f"vendorgate-bench:{seed}:{index}")  # noqa: S311 - test data, not crypto
    engagement, attestation, contract = (copy.deepcopy(doc) for doc in base)
    vendor = _vendor_id(rng, index)
    for doc in (engagement, attestation, contract):
        doc["vendor"] = vendor
    dossier = Dossier(vendor=vendor, engagement=engagement, attestation=attestation, contract=contract)
    _vary_scope(rng, dossier)
    dossier.evidence = rng.random() < EVIDENCE_SHARE
    if not dossier.evidence:
        for item in attestation["certifications"] + attestation["documents"]:
            item.pop("evidence", None)
            item.pop("sha256", None)
    if rng.random() >= CLEAN_SHARE:
        names = list(MUTATIONS)
        weights = [MUTATIONS[name][0] for name in names]
        chosen = set(rng.choices(names, weights=weights, k=rng.randint(1, 4)))
        for name in sorted(chosen, key=names.index):
            if name == "missing-document" or (dossier.engagement and dossier.contract):
                MUTATIONS[name][1](rng, dossier)
                dossier.mutations.append(name)
    roll = rng.random()
    if roll < MULTI_DOC_SHARE:
        dossier.layout = "multi"
    elif roll < MULTI_DOC_SHARE + JSON_SHARE:
        dossier.layout = "json"
    return dossier


def _dump(doc: Doc, comment: str) -> str:
    return f"# {comment}\n{to_yaml(doc)}"


def write_dossier(dossier: Dossier, folder: Path) -> int:
    """Write one dossier's files under folder/<vendor>/; returns how many files it wrote."""
    target = folder / dossier.vendor
    target.mkdir(parents=True, exist_ok=True)
    parts = [
        ("engagement", dossier.engagement, "Our scope for this vendor."),
        ("attestation", dossier.attestation, "What the vendor attests about its service."),
        ("contract", dossier.contract, "Metadata of the signed agreement."),
    ]
    present = [(name, doc, note) for name, doc, note in parts if doc is not None]
    if dossier.evidence:
        (target / "evidence").mkdir(exist_ok=True)
        shutil.copyfile(EXAMPLE / EVIDENCE_FILE, target / EVIDENCE_FILE)
    if dossier.layout == "multi":
        text = "---\n".join(_dump(doc, note) for _, doc, note in present)
        (target / "dossier.yaml").write_text(text, encoding="utf-8")
        return 1
    for name, doc, note in present:
        if name == "attestation" and dossier.layout == "json":
            (target / "attestation.json").write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
        else:
            (target / f"{name}.yaml").write_text(_dump(doc, note), encoding="utf-8")
    return len(present)


def generate(out: Path, count: int, seed: int = 7) -> Summary:
    """Write `count` dossiers under `out` (which must not hold other dossiers)."""
    base = _load_example()
    out.mkdir(parents=True, exist_ok=True)
    summary = Summary()
    for index in range(count):
        dossier = make_dossier(seed, index, base)
        summary.files += write_dossier(dossier, out)
        summary.dossiers += 1
        summary.clean += not dossier.mutations
        summary.multi_document += dossier.layout == "multi"
        summary.json_files += dossier.layout == "json"
        summary.with_evidence += dossier.evidence
        summary.mutations.update(dossier.mutations)
    return summary


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path, help="folder to write the dossiers into")
    parser.add_argument("--count", type=int, default=100, help="number of dossiers (default 100)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    args = parser.parse_args(argv)
    summary = generate(args.out, args.count, args.seed)
    print(
        f"{summary.dossiers} dossiers, {summary.files} files under {args.out}:"
        f" {summary.clean} clean, {summary.multi_document} multi-document,"
        f" {summary.json_files} with a JSON attestation, {summary.with_evidence} with evidence files"
    )
    for name, times in summary.mutations.most_common():
        print(f"  {name:22s} {times}")


if __name__ == "__main__":
    main()
