"""Every format renders in time linear in the number of results, counted in operations, not seconds."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from types import FrameType
from typing import Any

import pytest

from vendorgate.model import Finding, Level, Report, RuleInfo
from vendorgate.output import get_formatter
from vendorgate.output import sarif as sarif_module
from vendorgate.output.summary import render_summary

MakeFinding = Callable[..., Finding]
RULE_IDS = ("IR-001", "ENC-001", "TRN-001", "GOV-002", "XX-001")


class Counted(str):
    """A str whose every equality test is counted: C-level scans such as list.count show up."""

    comparisons = 0

    def __eq__(self, other: object) -> bool:
        Counted.comparisons += 1
        return str.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    __hash__ = str.__hash__


def _findings(make_finding: MakeFinding, count: int) -> tuple[Finding, ...]:
    """`count` findings over a few rules, files and pointers: many share a pointer or a message."""
    return tuple(
        make_finding(
            rule_id=Counted(RULE_IDS[i % len(RULE_IDS)]),
            level=(Level.ERROR, Level.WARNING, Level.NOTE)[i % 3],
            message=Counted(f"message {i % 7}"),
            path=Counted(f"vendors/v{i % 40}/attestation.yaml"),
            line=i % 300 + 1,
            pointer=Counted(f"/spec/field{i % 5}"),
            vendor=Counted(f"v{i % 40}"),
        )
        for i in range(count)
    )


def _report(findings: tuple[Finding, ...], rules: Mapping[str, RuleInfo]) -> Report:
    vendors = tuple(sorted({str(f.vendor) for f in findings}))
    return Report(findings=findings, rules=rules, as_of="2025-06-30", files_checked=40, dossiers=vendors)


def _operations(render: Callable[[Report], str], report: Report) -> int:
    """Python calls made while rendering, each equality test of a value from the findings among them."""
    calls = 0

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal calls
        if event == "call":
            calls += 1

    sys.setprofile(profile)
    try:
        render(report)
    finally:
        sys.setprofile(None)
    return calls


RENDERERS: dict[str, Callable[[Report], str]] = {
    "text": get_formatter("text").render,
    "json": get_formatter("json").render,
    "sarif": get_formatter("sarif").render,
    "github": get_formatter("github").render,
    "summary": render_summary,
}


@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_four_times_the_results_cost_about_four_times_the_work(
    name: str, make_finding: MakeFinding, full_report: Report
) -> None:
    render = RENDERERS[name]
    small = _operations(render, _report(_findings(make_finding, 300), full_report.rules))
    large = _operations(render, _report(_findings(make_finding, 1200), full_report.rules))
    # Linear work grows 4x (a sort's n log n a little more); quadratic work grows 16x.
    assert large < 6 * small, f"{name}: {small} operations for 300 results, {large} for 1200"


def test_sarif_fingerprints_are_compared_a_constant_number_of_times_each(
    make_finding: MakeFinding, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = sarif_module.fingerprint

    def counted_fingerprint(finding: Finding, *, with_message: bool = False) -> str:
        return Counted(real(finding, with_message=with_message))

    monkeypatch.setattr(sarif_module, "fingerprint", counted_fingerprint)
    findings = _findings(make_finding, 2000)
    Counted.comparisons = 0
    values = sarif_module._fingerprints(findings)
    # A few dictionary look-ups per result; counting each value's twins by scanning
    # the list made 2000 * 2000 comparisons.
    assert Counted.comparisons <= 10 * len(findings)
    assert len(set(values)) == len(values)
