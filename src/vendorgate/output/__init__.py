"""The Formatter interface and the one registry of output formats, imported lazily."""

from __future__ import annotations

from importlib import import_module
from typing import Protocol

from vendorgate.errors import UsageError
from vendorgate.model import Report

INFORMATION_URI = "https://github.com/vendorgate/vendorgate"
RULES_DOC_URI = f"{INFORMATION_URI}/blob/main/docs/rules.md"


class Formatter(Protocol):
    """Turns a report into the text of one output format."""

    def render(self, report: Report) -> str: ...


# Format name → "module:class"; modules load only when their format is asked for,
# so a pre-commit run that prints text never imports the SARIF machinery.
FORMATTERS: dict[str, str] = {
    "text": "vendorgate.output.text:TextFormatter",
    "json": "vendorgate.output.json_format:JsonFormatter",
    "sarif": "vendorgate.output.sarif:SarifFormatter",
    "github": "vendorgate.output.github:GithubFormatter",
}


def get_formatter(name: str) -> Formatter:
    """The formatter registered under `name`; an unknown name is a usage error."""
    target = FORMATTERS.get(name)
    if target is None:
        known = ", ".join(sorted(FORMATTERS))
        raise UsageError(f"unknown output format {name!r}; choose one of {known}")
    module_name, class_name = target.split(":")
    formatter: Formatter = getattr(import_module(module_name), class_name)()
    return formatter


def rule_help_uri(rule_id: str) -> str:
    """The rule's section in the project's rule reference."""
    return f"{RULES_DOC_URI}#{rule_id.lower()}"
