"""Renders the rule catalog for `vendorgate rules` and `vendorgate explain`."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vendorgate.catalog import rule_catalog
from vendorgate.errors import UsageError
from vendorgate.model import RuleInfo
from vendorgate.output import rule_help_uri

if TYPE_CHECKING:
    from vendorgate.profile import Profile


@dataclass(frozen=True, kw_only=True, slots=True)
class Threshold:
    """A named threshold a rule reads: the catalog's default and the value this profile gives it."""

    name: str
    default: Any
    current: Any

    @property
    def overridden(self) -> bool:
        return bool(self.current != self.default)


def threshold_defaults() -> dict[str, Any]:
    """The catalog default of every named threshold, as the profile schema states it."""
    from vendorgate.validation.schemas import PROFILE_SCHEMA, load_schema

    properties = load_schema(PROFILE_SCHEMA)["properties"]["thresholds"]["properties"]
    return {name: spec.get("default") for name, spec in properties.items()}


def _catalog(profile_path: Path | None, root: Path) -> tuple[dict[str, RuleInfo], Profile]:
    from vendorgate.profile import load_profile

    profile = load_profile(profile_path, root)
    return dict(sorted(rule_catalog(profile, root).items())), profile


def _thresholds(rule: RuleInfo, profile: Profile, defaults: Mapping[str, Any]) -> list[Threshold]:
    return [
        Threshold(
            name=name, default=defaults.get(name), current=profile.thresholds.get(name, defaults.get(name))
        )
        for name in rule.thresholds
    ]


def _value(value: Any) -> str:
    return "-" if value is None else str(value)


def _threshold_text(t: Threshold, profile: Profile) -> str:
    """`breach_notification_max_hours = 48 (default 72, set in vendorgate.yaml)`."""
    if t.overridden:
        return f"{t.name} = {_value(t.current)} (default {_value(t.default)}, set in {profile.relpath})"
    return f"{t.name} = {_value(t.current)} (default)"


def _controls_text(rule: RuleInfo) -> str:
    return ", ".join(rule.citations) or "-"


def render_rules(fmt: str, profile_path: Path | None = None, root: Path | None = None) -> str:
    """The catalog `check` uses with this profile, as text, JSON or Markdown."""
    rules, profile = _catalog(profile_path, root or Path.cwd())
    defaults = threshold_defaults()
    if fmt == "json":
        return (
            json.dumps(
                [
                    {
                        "id": r.id,
                        "level": r.level.value,
                        "title": r.title,
                        "source": r.source,
                        "controls": {framework: list(ids) for framework, ids in r.controls},
                        "security_severity": r.security_severity,
                        "thresholds": [
                            {"name": t.name, "default": t.default, "current": t.current}
                            for t in _thresholds(r, profile, defaults)
                        ],
                        "area": r.area,
                        "tags": list(r.tags),
                        "help_uri": rule_help_uri(r.id),
                    }
                    for r in rules.values()
                ],
                indent=2,
            )
            + "\n"
        )
    if fmt == "markdown":
        return _markdown(rules, profile, defaults)
    width = max(len(r.title) for r in rules.values())
    lines = [f"{'ID':<9} {'LEVEL':<8} {'SEV':<4} {'TITLE':<{width}}  SOURCE"]
    for r in rules.values():
        lines.append(
            f"{r.id:<9} {r.level.value:<8} {r.security_severity:<4.1f} {r.title:<{width}}  {r.source or '-'}"
        )
        if r.controls:
            lines.append(f"{'':<9} controls: {_controls_text(r)}")
        lines += [
            f"{'':<9} threshold {_threshold_text(t, profile)}" for t in _thresholds(r, profile, defaults)
        ]
    return "\n".join(lines) + f"\n{len(rules)} rules\n"


def render_explain(rule_id: str, profile_path: Path | None = None, root: Path | None = None) -> str:
    """One rule of the catalog `check` uses with this profile."""
    rules, profile = _catalog(profile_path, root or Path.cwd())
    rule = rules.get(rule_id.upper())
    if rule is None:
        raise UsageError(f"unknown rule {rule_id!r}; `vendorgate rules` lists them")
    thresholds = _thresholds(rule, profile, threshold_defaults())
    parts = [
        f"{rule.id}: {rule.title}",
        f"level: {rule.level.value}    security severity: {rule.security_severity:.1f}"
        f"    area: {rule.area or '-'}    tags: {', '.join(rule.tags) or '-'}",
        f"source: {rule.source or '-'}",
        f"controls: {_controls_text(rule)}",
    ]
    if thresholds:
        parts.append("thresholds:")
        parts += [f"  {_threshold_text(t, profile)}" for t in thresholds]
    parts += [
        "",
        rule.description,
        "",
        "How to fix:",
        rule.help or "-",
        "",
        f"More: {rule_help_uri(rule.id)}",
    ]
    return "\n".join(parts) + "\n"


SEVERITY_REASONING = """\
## Security severity

Each rule carries a security severity from 1.0 to 10.0 (its `custom.security_severity`), which
SARIF passes to GitHub code scanning as `security-severity`: GitHub ranks alerts by it (9.0 and
above critical, 7.0 high, 4.0 medium, below low). The level (error, warning, note) says whether
the gate fails; the security severity says how much is exposed when the rule fails, so that rules
of one level are ranked among themselves. It was chosen by what a failing rule leaves open:

- **9.0, customer data readable or reused.** Data readable in transit (TLS below 1.2, clear-text
  channels) or at rest (no or weak encryption), and customer data used to train the vendor's
  models: the data itself is exposed, and nothing later can undo it.
- **8.0 to 8.5, access and breach notice.** Who can reach the data (role-based access,
  multi-factor authentication, key custody), personal data shared without masking or without a
  BAA, and a breach notice too late for the customer's own 72-hour duty.
- **7.0 to 7.5, control over who processes the data, where and for how long.** Sub-processors
  and upstream model providers, residency and transfer mechanisms, the Article 28 DPA, data
  ownership, prompt retention, the HIPAA breach notice, current SOC 2 and PCI evidence, complete
  dossiers with intact evidence, access logging, access revoked at exit. A document that does
  not parse (SCH-001) ranks here: none of its vendor's rules ran.
- **5.5 to 6.5, assurance, traceability and exit.** ISO/IEC 27001 validity, a tested incident
  response plan, described processing, risk assessments, audit rights, CCPA terms, event dates in
  the future, validated crypto modules, log retention, return or deletion at the end, the EU AI
  Act duties, and a document that does not conform to its schema (SCH-002): its rules did not run.
- **4.0 to 5.0, documentation, reviews and notices.** Stale attestations, security documents and
  pentests, access reviews, an AI management system, breach-notice content, sub-processor change
  notice, log integrity, transfer impact assessments, a second document of a kind, an expired
  waiver (the finding it covered is reported again by its own rule).
- **1.0 to 3.5, contractual and procedural hygiene.** SLA availability and credits, AI evaluation
  evidence, a privacy certification, certificates of destruction, certifications about to
  expire, and the profile's waiver housekeeping (a waiver expiring soon, a stale waiver).

A custom rule without its own `custom.security_severity` gets its level's default: error 8.0,
warning 5.0, note 2.0.

| security severity | rules |
|---|---|
"""


def _markdown(rules: dict[str, RuleInfo], profile: Profile, defaults: Mapping[str, Any]) -> str:
    out = ["# Rule reference", "", "Generated by `vendorgate rules --format markdown`.", ""]
    out.append(SEVERITY_REASONING.rstrip("\n"))
    scores = sorted({r.security_severity for r in rules.values()}, reverse=True)
    for score in scores:
        ids = ", ".join(r.id for r in rules.values() if r.security_severity == score)
        out.append(f"| {score:.1f} | {ids} |")
    out.append("")
    for rule in rules.values():
        thresholds = _thresholds(rule, profile, defaults)
        out += [
            f"## {rule.id}",
            "",
            f"**{rule.title}** — level `{rule.level.value}`, security severity"
            f" {rule.security_severity:.1f}, area `{rule.area or '-'}`",
            "",
            rule.description,
            "",
            f"Source: {rule.source or '-'}",
            "",
            f"Controls: {_controls_text(rule)}",
            "",
        ]
        if thresholds:
            shown = ", ".join(
                f"`{t.name}` = {_value(t.current)} (default {_value(t.default)})"
                if t.overridden
                else f"`{t.name}` = {_value(t.default)} (default)"
                for t in thresholds
            )
            out += [f"Thresholds: {shown}", ""]
        out += [rule.help or "", ""]
    return "\n".join(out)
