"""The one rule catalog: built-in Rego METADATA, the rules checked in Python, the profile's custom policies.

`check`, `rules`, `explain`, the profile's rule-id checks and (through the
report) every output format read the catalog built here, and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from vendorgate.errors import PolicyError
from vendorgate.loading.files import relative
from vendorgate.model import Level, RuleInfo
from vendorgate.policy.metadata import PolicyFile, rego_files, scan
from vendorgate.resources import policies_dir

if TYPE_CHECKING:
    from vendorgate.profile import Profile

CUSTOM_NAMESPACE = "vendorgate.custom"
EXPIRY_WARNING_DAYS = 30

# The rules checked in Python map to no framework's control (controls stay empty). Their
# security severities rank them with the Rego rules (docs/rules.md, "Security severity"): a
# document that does not parse or conform is one whose rules did not run, so they rank with
# the rules about missing documents; the waiver rules are the profile's own hygiene.

# The document rules, checked in Python by the loader and the schema validator.
DOCUMENT_PARSES = RuleInfo(
    id="SCH-001",
    title="Document parses",
    description=(
        "The file is valid UTF-8 YAML or JSON within the size and alias limits, with no"
        " duplicate keys or non-standard tags, and each document is a mapping."
    ),
    level=Level.ERROR,
    help=(
        "Fix the syntax at the reported line. A file that does not parse takes its vendor"
        " out of the gate, so it is an error, never skipped."
    ),
    tags=("document",),
    security_severity=7.0,
    area="document",
)
DOCUMENT_CONFORMS = RuleInfo(
    id="SCH-002",
    title="Document conforms to schema",
    description=(
        "The document matches the JSON Schema of its kind: known kind and keys, the"
        " right types, real YYYY-MM-DD dates, versions and editions quoted as strings."
    ),
    level=Level.ERROR,
    help=(
        "Correct the key or value at the reported line as the message says;"
        " `docs/dossier-format.md` describes every field."
    ),
    tags=("document",),
    security_severity=6.0,
    area="document",
)

# The profile's own rules, about its waivers.
WAIVER_EXPIRED = RuleInfo(
    id="WVR-001",
    title="Waiver expired",
    description="A waiver in vendorgate.yaml is past its expires_on date and suppresses nothing.",
    level=Level.ERROR,
    help="Fix the finding the waiver covered, or renew the waiver with a new approval and date.",
    tags=("waiver",),
    security_severity=4.0,
    area="waiver",
)
WAIVER_EXPIRING = RuleInfo(
    id="WVR-002",
    title="Waiver expiring soon",
    description=f"A waiver expires within {EXPIRY_WARNING_DAYS} days.",
    level=Level.WARNING,
    help="Plan the fix or the renewal before the waiver lapses and the gate fails.",
    tags=("waiver",),
    security_severity=2.5,
    area="waiver",
)
WAIVER_STALE = RuleInfo(
    id="WVR-003",
    title="Stale waiver",
    description="A waiver matches no result of this run.",
    level=Level.NOTE,
    help="Remove the waiver: the finding it covered is gone (or the rule or vendor is misspelt).",
    tags=("waiver",),
    security_severity=1.0,
    area="waiver",
)

DOCUMENT_RULES: Mapping[str, RuleInfo] = {r.id: r for r in (DOCUMENT_PARSES, DOCUMENT_CONFORMS)}
WAIVER_RULES: Mapping[str, RuleInfo] = {r.id: r for r in (WAIVER_EXPIRED, WAIVER_EXPIRING, WAIVER_STALE)}


def rule_catalog(profile: Profile, root: Path) -> dict[str, RuleInfo]:
    """The one catalog of a run, `rules` and `explain`: built-in rules plus the profile's own.

    A custom rule that would be ignored or would shadow another, and a rule id
    in the profile that the catalog does not know, stop here (exit 2).
    """
    rules = builtin_catalog()
    rules.update(custom_catalog(list(zip(profile.policies, profile.policies_at, strict=True)), root, rules))
    profile.check_rule_ids(rules)
    return rules


def builtin_catalog() -> dict[str, RuleInfo]:
    """Every built-in rule: the Rego catalog, the document rules checked in Python, the waiver rules."""
    rules = dict(DOCUMENT_RULES)
    for rule_id, rule in rego_catalog([policies_dir()]).items():
        if rule_id in rules:  # pragma: no cover - a built-in policy reusing a Python rule's id
            raise PolicyError(f"{rule.location}: rule id {rule_id} is already a built-in rule")
        rules[rule_id] = rule
    rules.update(WAIVER_RULES)
    return rules


def rego_catalog(folders: Iterable[Path], root: Path | None = None) -> dict[str, RuleInfo]:
    """Rule descriptors of every policy file under `folders`, by rule id."""
    rules: dict[str, RuleInfo] = {}
    for path in rego_files(folders):
        policy = scan(path, _display(path, root))
        policy.check_annotated()
        for rule in policy.rules:
            _add(rules, rule)
    return rules


def custom_catalog(
    folders: Sequence[tuple[Path, str]], root: Path, builtin: Mapping[str, RuleInfo]
) -> dict[str, RuleInfo]:
    """The rules of the profile's policy folders, each (folder, where the profile names it).

    Every folder must define a rule in the custom namespace, every custom `deny`
    must carry its own id, and no id may repeat a built-in or another custom one:
    a rule that would be silently ignored or would shadow another is refused.
    """
    rules: dict[str, RuleInfo] = {}
    for folder, named_at in folders:
        defines = False
        packages: list[PolicyFile] = []
        for path in rego_files([folder]):
            policy = scan(path, _display(path, root))
            _own_namespace(policy)
            packages.append(policy)
            if not _is_custom(policy.package):
                continue
            policy.check_annotated()
            defines = defines or bool(policy.deny_lines)
            for rule in policy.rules:
                known = builtin.get(rule.id)
                if known is not None:
                    raise PolicyError(
                        f"{rule.location}: rule id {rule.id} is already the id of the built-in rule"
                        f" {known.title!r}; give the custom rule its own id"
                    )
                _add(rules, rule)
        if not defines:
            found = (
                f"; {packages[0].display}:{packages[0].package_line} declares package"
                f" {packages[0].package or '(none)'}"
                if packages
                else "; it holds no .rego file"
            )
            raise PolicyError(
                f"{named_at}: the policy folder {_display(folder, root)} defines no rule in the"
                f" custom namespace{found}; a custom rule is a `deny` in a package"
                f" {CUSTOM_NAMESPACE}.<name>"
            )
    return rules


def _is_custom(package: str) -> bool:
    return package.startswith(f"{CUSTOM_NAMESPACE}.")


def _own_namespace(policy: PolicyFile) -> None:
    """A custom file may not add to or override vendorgate's own packages."""
    name = policy.package
    if (name == "vendorgate" or name.startswith("vendorgate.")) and not _is_custom(name):
        raise PolicyError(
            f"{policy.display}:{policy.package_line}: package {name} is in vendorgate's own"
            f" namespace; a custom policy's package is {CUSTOM_NAMESPACE}.<name>"
        )


def _add(rules: dict[str, RuleInfo], rule: RuleInfo) -> None:
    if rule.id in rules:
        raise PolicyError(
            f"{rule.location}: rule id {rule.id} is already used at"
            f" {rules[rule.id].location}; give each rule its own id"
        )
    rules[rule.id] = rule


def _display(path: Path, root: Path | None) -> str:
    """A policy file as errors name it: from the repository root, the installed ones as they are."""
    return path.as_posix() if root is None else relative(path, root)
