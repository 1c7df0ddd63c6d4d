"""The Formatter interface, the options that only shape outputs, and the one registry of formats."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from enum import Enum
from importlib import import_module
from typing import ClassVar

from vendorgate.errors import UsageError
from vendorgate.model import Report

TOOL_NAME = "vendorgate"
INFORMATION_URI = "https://github.com/vendorgate/vendorgate"
RULES_DOC_URI = f"{INFORMATION_URI}/blob/main/docs/rules.md"


class AfterFailure(Enum):
    """Where a format is written for a run that could not evaluate: never as if it passed."""

    NOWHERE = "nowhere"
    """Standard error already says why; the format could only repeat it."""
    STDOUT = "stdout"
    """The stream says the run failed; a file is left as it was rather than replaced by no verdict."""
    EVERYWHERE = "everywhere"
    """Files too: a reader of the file must learn that the run failed (SARIF's executionSuccessful)."""


@dataclass(frozen=True, kw_only=True)
class OutputOptions:
    """Values that shape an output but not the run: given to every formatter, used by some."""

    category: str = ""
    """SARIF's automationDetails category: tells apart runs of one tool on one commit."""
    sarif_waived: str = "suppress"
    """What SARIF does with a waived finding: `suppress` (a result with `suppressions`, the
    standard) or `omit` (no result: GitHub code scanning ignores `suppressions`)."""
    max_annotations: int = 10
    """The most error and the most warning annotations of the github format (0: no limit)."""


class Formatter(ABC):
    """Turns a report into the text of one output format; says itself where a failed run goes."""

    after_failure: ClassVar[AfterFailure]

    def __init__(self, options: OutputOptions | None = None) -> None:
        self.options = options or OutputOptions()

    @abstractmethod
    def render(self, report: Report) -> str:
        """The whole output for `report`, ending with a newline."""


def writes(formatter: Formatter, report: Report, *, to_file: bool) -> bool:
    """Whether `formatter` writes `report` to a file (or stdout): nothing that reads as a pass."""
    if report.execution_successful:
        return True
    if to_file:
        return formatter.after_failure is AfterFailure.EVERYWHERE
    return formatter.after_failure is not AfterFailure.NOWHERE


# Format name → "module:class"; modules load only when their format is asked for,
# so a pre-commit run that prints text never imports the SARIF machinery.
FORMATTERS: dict[str, str] = {
    "text": "vendorgate.output.text:TextFormatter",
    "json": "vendorgate.output.json_format:JsonFormatter",
    "sarif": "vendorgate.output.sarif:SarifFormatter",
    "github": "vendorgate.output.github:GithubFormatter",
}


def check_format(name: str) -> str:
    """`name` when a format is registered under it; an unknown name is a usage error."""
    if name not in FORMATTERS:
        known = ", ".join(sorted(FORMATTERS))
        raise UsageError(f"unknown output format {name!r}; choose one of {known}")
    return name


def get_formatter(name: str, options: OutputOptions | None = None) -> Formatter:
    """The formatter registered under `name`, made with `options`; an unknown name is a usage error."""
    module_name, class_name = FORMATTERS[check_format(name)].split(":")
    formatter: Formatter = getattr(import_module(module_name), class_name)(options)
    return formatter


def rule_help_uri(rule_id: str) -> str:
    """The rule's section in the project's rule reference."""
    return f"{RULES_DOC_URI}#{rule_id.lower()}"
