"""Values are read as a reviewer reads them: null is "not stated", a future event date is DOS-005
and not stated, a YAML 1.1-only form is SCH-002 at its value. End to end, on the real OPA."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import AS_OF, Run, copy_dossier, edit, line_of, run_vendorgate


def check(repo: Path) -> Run:
    return run_vendorgate("check", repo, "--as-of", AS_OF, "--format", "json", cwd=repo)


def results(run: Run) -> list[dict[str, object]]:
    return [f for f in run.json()["findings"] if not f["suppressed"]]


def by_rule(run: Run, rule: str) -> list[dict[str, object]]:
    return [f for f in results(run) if f["rule_id"] == rule]


@pytest.mark.parametrize(
    ("document", "old", "new", "rule", "message"),
    [
        (
            "contract.yaml",
            "window_hours: 24",
            "window_hours: null",
            "IR-001",
            "breach notification window (breach_notification.window_hours) is not stated",
        ),
        (
            "attestation.yaml",
            "review_interval_days: 90",
            "review_interval_days: ~",
            "ACC-003",
            "access review interval (access.review_interval_days) is not stated",
        ),
        (
            "attestation.yaml",
            "  last_on: 2026-08-20",
            "  last_on: null",
            "GOV-004",
            "not stated",
        ),
        (
            "attestation.yaml",
            "    rotation_days: 365",
            "    rotation_days: null",
            "ENC-004",
            "not stated",
        ),
    ],
)
def test_null_in_an_optional_field_is_not_stated(
    repo: Path, document: str, old: str, new: str, rule: str, message: str
) -> None:
    path = copy_dossier(repo, "null-co") / document
    edit(path, old, new)
    run = check(repo)
    assert run.stderr == ""
    # The schema accepts null: no SCH-002, the rules read the document.
    assert by_rule(run, "SCH-002") == []
    found = by_rule(run, rule)
    assert len(found) == 1, results(run)
    assert message in str(found[0]["message"])
    assert found[0]["line"] == line_of(path, new.strip())


def test_a_null_section_is_not_stated(repo: Path) -> None:
    path = copy_dossier(repo, "null-co") / "contract.yaml"
    edit(
        path,
        "breach_notification:\n  window_hours: 24\n  clock_start: awareness\n"
        "  content: [nature, categories, approximate-counts, contact, consequences, measures, identities]\n",
        "breach_notification: null\n",
    )
    run = check(repo)
    assert by_rule(run, "SCH-002") == []
    (ir,) = by_rule(run, "IR-001")
    assert "not stated" in str(ir["message"])
    assert ir["line"] == line_of(path, "breach_notification: null")


def test_a_soc2_period_ending_in_2099_is_dos_005_and_no_current_report(repo: Path) -> None:
    path = copy_dossier(repo, "future-co") / "attestation.yaml"
    edit(path, "period_end: 2026-06-30", "period_end: 2099-12-31")
    run = check(repo)
    assert run.code == 1, run.stderr
    line = line_of(path, "period_end: 2099-12-31")
    (dos,) = by_rule(run, "DOS-005")
    assert dos["message"] == (
        "report period end (certifications[0].period_end) is 2099-12-31, after the evaluation date"
        " 2026-12-01; a date on or before the evaluation date required, as every other rule reads"
        " a later one as not stated (CSA CCM v4 STA-14)"
    )
    assert (dos["line"], dos["level"]) == (line, "error")
    (cert,) = by_rule(run, "CERT-001")
    assert "SOC 2 report period end (certifications[0].period_end) is not stated" in str(cert["message"])
    assert (cert["line"], cert["level"]) == (line, "error")


def test_each_future_event_date_is_one_result_at_its_field(repo: Path) -> None:
    folder = copy_dossier(repo, "future-co")
    edit(folder / "attestation.yaml", "attested_on: 2026-10-01", "attested_on: 2026-12-02")
    edit(folder / "engagement.yaml", "assessed_on: 2026-06-30", "assessed_on: 2030-01-01")
    edit(folder / "contract.yaml", "signed_on: 2026-06-20", "signed_on: 2027-01-01")
    run = check(repo)
    found = {(f["path"], f["line"]) for f in by_rule(run, "DOS-005")}
    assert found == {
        ("vendors/future-co/attestation.yaml", line_of(folder / "attestation.yaml", "attested_on:")),
        ("vendors/future-co/engagement.yaml", line_of(folder / "engagement.yaml", "assessed_on:")),
        ("vendors/future-co/contract.yaml", line_of(folder / "contract.yaml", "signed_on:")),
    }
    messages = {str(f["message"]).split(";")[0] for f in by_rule(run, "DOS-005")}
    assert messages == {
        "attestation date (attested_on) is 2026-12-02, after the evaluation date 2026-12-01",
        "risk assessment date (risk.assessed_on) is 2030-01-01, after the evaluation date 2026-12-01",
        "DPA signature date (dpa.signed_on) is 2027-01-01, after the evaluation date 2026-12-01",
    }


def test_the_evaluation_date_itself_is_not_in_the_future(repo: Path) -> None:
    folder = copy_dossier(repo, "today-co")
    edit(folder / "attestation.yaml", "attested_on: 2026-10-01", f"attested_on: {AS_OF}")
    assert by_rule(check(repo), "DOS-005") == []


def test_a_yaml_1_1_octal_window_is_sch_002_and_never_passes_nis2(repo: Path) -> None:
    folder = copy_dossier(repo, "octal-co")
    contract = folder / "contract.yaml"
    edit(contract, "window_hours: 24", "window_hours: 030")
    # The attestation is still judged: one document's YAML 1.1 form takes out only that document.
    edit(folder / "attestation.yaml", "transfer_channels: [https, sftp]", "transfer_channels: [https, ftp]")
    run = check(repo)
    assert run.code == 1, run.stderr
    assert by_rule(run, "SCH-001") == []
    (sch,) = by_rule(run, "SCH-002")
    assert sch["message"] == (
        "breach_notification.window_hours is `030`, which YAML 1.1 reads as 24 and YAML 1.2 as 30;"
        " write 30, or quote it if it is text"
    )
    assert (sch["path"], sch["line"]) == ("vendors/octal-co/contract.yaml", line_of(contract, "030"))
    # The contract is invalid, so the rules that read it stay silent on it.
    assert [
        f for f in results(run) if f["path"].endswith("contract.yaml") and f["rule_id"] != "SCH-002"
    ] == []
    assert len(by_rule(run, "TRN-001")) == 1


@pytest.mark.parametrize("form", ["yes", "on", "Y", "1:30", "0b1010", "1_000", "! 30"])
def test_each_yaml_1_1_form_is_sch_002_at_its_value(repo: Path, form: str) -> None:
    folder = copy_dossier(repo, "form-co")
    attestation = folder / "attestation.yaml"
    edit(attestation, "review_interval_days: 90", f"review_interval_days: {form}")
    run = check(repo)
    (sch,) = by_rule(run, "SCH-002")
    assert sch["line"] == line_of(attestation, "review_interval_days:")
    assert "YAML 1.1" in str(sch["message"]) or "bare tag" in str(sch["message"])
    assert by_rule(run, "ACC-003") == []
