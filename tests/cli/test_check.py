"""`vendorgate check` end to end on the real OPA: findings at the right line, exit codes, outputs."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest
import yaml

from support import AS_OF, VENDORGATE, Run, copy_dossier, edit, line_of, run_vendorgate


def check(repo: Path, *args: str, env: dict[str, str] | None = None) -> Run:
    return run_vendorgate("check", repo, "--as-of", AS_OF, *args, cwd=repo, env=env)


def results(run: Run) -> list[dict[str, object]]:
    return [f for f in run.json()["findings"] if not f["suppressed"]]


def test_clean_dossier_exits_0_with_no_result(clean_repo: Path) -> None:
    run = check(clean_repo, "--format", "json")
    assert run.code == 0, run.stderr
    assert results(run) == []
    assert run.json()["summary"]["dossiers"] == 1


def test_96_hour_window_is_ir_001_at_its_line_in_sarif(repo: Path, sarif_validator: object) -> None:
    folder = copy_dossier(repo, "slow-co")
    contract = folder / "contract.yaml"
    edit(contract, "window_hours: 24", "window_hours: 96")
    run = check(repo, "--format", "sarif")
    assert run.code == 1, run.stderr
    sarif = run.json()
    assert list(sarif_validator.iter_errors(sarif)) == []  # type: ignore[attr-defined]
    (result,) = sarif["runs"][0]["results"]
    assert result["ruleId"] == "IR-001"
    assert result["level"] == "error"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "vendors/slow-co/contract.yaml", "uriBaseId": "%SRCROOT%"}
    assert location["region"]["startLine"] == line_of(contract, "window_hours: 96")
    assert "is 96 h; at most 24 h allowed" in result["message"]["text"]
    assert "at most 72 h allowed (GDPR Art. 33(1))" in result["message"]["text"]


def test_sarif_columns_after_an_emoji_count_utf16_units(repo: Path, sarif_validator: object) -> None:
    """One line of JSON with an emoji before the value: SARIF counts it twice, text once."""
    folder = copy_dossier(repo, "emoji-co")
    contract = folder / "contract.yaml"
    edit(contract, "window_hours: 24", "window_hours: 96")
    edit(contract, "subject: Analysis of", "subject: Analysis \U0001f642 of")
    body = yaml.safe_load(contract.read_text(encoding="utf-8"))
    contract.unlink()
    line = json.dumps(body, ensure_ascii=False, default=str)
    (folder / "contract.json").write_text(line + "\n", encoding="utf-8")
    assert line.index("\U0001f642") < line.index('"window_hours"')
    characters = line.index('"window_hours"') + 1
    run = check(repo, "--format", "sarif", "--format", "text", "--output", str(repo / "out.txt"))
    assert run.code == 1, run.stderr
    sarif = run.json()
    assert list(sarif_validator.iter_errors(sarif)) == []  # type: ignore[attr-defined]
    assert sarif["runs"][0]["columnKind"] == "utf16CodeUnits"
    (result,) = sarif["runs"][0]["results"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (1, characters + 1)
    assert region["endColumn"] == len(line[: line.index("96") + 2].encode("utf-16-le")) // 2 + 1
    # The text format keeps counting characters, as it did.
    assert f"contract.json:1:{characters}: error IR-001" in (repo / "out.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("document", "old", "new", "rule", "needle"),
    [
        ("contract.yaml", "window_hours: 24", "window_hours: 96", "IR-001", "window_hours"),
        (
            "attestation.yaml",
            "transfer_channels: [https, sftp]",
            "transfer_channels: [https, ftp]",
            "TRN-001",
            "transfer_channels",
        ),
        (
            "attestation.yaml",
            'tls_versions: ["1.2", "1.3"]',
            'tls_versions: ["1.1", "1.2"]',
            "ENC-001",
            "tls_versions",
        ),
        (
            "contract.yaml",
            "customer_sole_owner: true",
            "customer_sole_owner: false",
            "GOV-002",
            "customer_sole_owner",
        ),
        ("contract.yaml", "deadline_days: 30", "deadline_days: 120", "EXIT-001", "deadline_days: 120"),
    ],
)
def test_each_planted_violation_gives_its_rule_at_its_line(
    repo: Path, document: str, old: str, new: str, rule: str, needle: str
) -> None:
    folder = copy_dossier(repo, "acme")
    edit(folder / document, old, new)
    run = check(repo, "--format", "json")
    assert run.code == 1, run.stderr
    found = results(run)
    assert [f["rule_id"] for f in found] == [rule]
    assert found[0]["path"] == f"vendors/acme/{document}"
    assert found[0]["line"] == line_of(folder / document, needle)


def test_missing_document_is_dos_001_at_the_vendor_key(repo: Path) -> None:
    folder = copy_dossier(repo, "acme")
    (folder / "contract.yaml").unlink()
    run = check(repo, "--format", "json")
    assert run.code == 1
    (found,) = results(run)
    assert found["rule_id"] == "DOS-001"
    assert "ContractTerms" in str(found["message"])
    assert found["path"] == "vendors/acme/attestation.yaml"
    assert found["line"] == line_of(folder / "attestation.yaml", "vendor: acme")


def test_multi_document_file_is_one_dossier(repo: Path) -> None:
    folder = copy_dossier(repo, "acme")
    combined = "\n---\n".join(
        (folder / name).read_text(encoding="utf-8")
        for name in ("engagement.yaml", "attestation.yaml", "contract.yaml")
    )
    for name in ("engagement.yaml", "attestation.yaml", "contract.yaml"):
        (folder / name).unlink()
    (folder / "dossier.yaml").write_text(combined.replace("window_hours: 24", "window_hours: 96"))
    run = check(repo, "--format", "json")
    (found,) = results(run)
    assert found["rule_id"] == "IR-001"
    assert found["line"] == line_of(folder / "dossier.yaml", "window_hours: 96")


def test_json_dossier_documents_are_located(repo: Path) -> None:
    folder = copy_dossier(repo, "acme")
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))
    body = yaml.load((folder / "contract.yaml").read_text(), Loader=Loader)
    body["exit"]["deadline_days"] = 120
    (folder / "contract.yaml").unlink()
    (folder / "contract.json").write_text(json.dumps(body, indent=2))
    run = check(repo, "--format", "json")
    (found,) = results(run)
    assert found["rule_id"] == "EXIT-001"
    assert found["path"] == "vendors/acme/contract.json"
    assert found["line"] == line_of(folder / "contract.json", '"deadline_days": 120')


def test_schema_error_is_sch_002_at_its_line_and_fails(repo: Path) -> None:
    folder = copy_dossier(repo, "acme")
    edit(folder / "attestation.yaml", "pentest:", "pentset: {}\npentest:")
    run = check(repo, "--format", "json")
    assert run.code == 1
    sch = [f for f in results(run) if f["rule_id"] == "SCH-002"]
    assert [(f["line"], f["path"]) for f in sch] == [
        (line_of(folder / "attestation.yaml", "pentset"), "vendors/acme/attestation.yaml")
    ]


@pytest.mark.parametrize(("fail_on", "code"), [("error", 0), ("warning", 1), ("note", 1), ("never", 0)])
def test_fail_on_sets_the_lowest_failing_level(repo: Path, fail_on: str, code: int) -> None:
    folder = copy_dossier(repo, "acme")
    edit(folder / "contract.yaml", "clock_start: awareness", "clock_start: confirmation")
    run = check(repo, "--fail-on", fail_on)
    assert run.code == code, run.stdout + run.stderr


def test_findings_fail_even_with_fail_on_never_only_when_engine_fails(repo: Path) -> None:
    copy_dossier(repo, "acme")
    run = check(repo, "--fail-on", "never", "--opa-binary", str(repo / "no-opa"))
    assert run.code == 2
    assert run.stderr.startswith("vendorgate: error: ")
    assert "Traceback" not in run.stderr


def test_text_output_lists_path_line_col_level_rule_message(repo: Path) -> None:
    folder = copy_dossier(repo, "acme")
    edit(folder / "contract.yaml", "window_hours: 24", "window_hours: 96")
    run = check(repo)
    line = line_of(folder / "contract.yaml", "window_hours")
    expected = (
        f"vendors/acme/contract.yaml:{line}:3: error IR-001"
        " breach notification window (breach_notification.window_hours) is 96 h"
    )
    assert expected in run.stdout
    assert "1 error" in run.stdout.splitlines()[-1]


def test_output_is_written_atomically_and_replaces_the_old_file(clean_repo: Path) -> None:
    # A hidden folder: a report.json inside the checked tree would itself be read as a dossier file.
    (clean_repo / ".out").mkdir()
    target = clean_repo / ".out" / "report.json"
    target.write_text("old report")
    run = check(clean_repo, "--format", "json", "--output", str(target))
    assert run.code == 0
    assert json.loads(target.read_text())["exit_code"] == 0
    assert run.stdout == ""
    assert [p.name for p in target.parent.iterdir()] == ["report.json"]


def test_failed_run_leaves_the_previous_output_untouched(clean_repo: Path) -> None:
    target = clean_repo / "report.json"
    target.write_text("previous report")
    run = check(clean_repo, "--format", "json", "--output", str(target), "--opa-binary", "/nonexistent/opa")
    assert run.code == 2
    assert target.read_text() == "previous report"


def test_format_output_pairs_write_several_formats_from_one_run(repo: Path, sarif_validator: object) -> None:
    folder = copy_dossier(repo, "acme")
    edit(folder / "contract.yaml", "window_hours: 24", "window_hours: 96")
    sarif = repo / "out.sarif"
    run = check(repo, "--format", "sarif", "--output", str(sarif), "--format", "text")
    assert run.code == 1
    assert "IR-001" in run.stdout
    assert "contract.yaml:" in run.stdout
    log = json.loads(sarif.read_text())
    assert list(sarif_validator.iter_errors(log)) == []  # type: ignore[attr-defined]
    assert log["runs"][0]["results"][0]["ruleId"] == "IR-001"


def test_unknown_format_is_a_usage_error(clean_repo: Path) -> None:
    run = check(clean_repo, "--format", "yaml")
    assert run.code == 2
    assert "unknown output format 'yaml'" in run.stderr


def test_bad_as_of_is_a_usage_error(clean_repo: Path) -> None:
    run = run_vendorgate("check", clean_repo, "--as-of", "2026-13-01")
    assert run.code == 2
    assert "--as-of '2026-13-01' is not a date" in run.stderr


def test_as_of_moves_every_date_rule(repo: Path) -> None:
    copy_dossier(repo, "acme")
    later = run_vendorgate("check", repo, "--as-of", "2028-12-01", "--format", "json", cwd=repo)
    rules = {f["rule_id"] for f in later.json()["findings"]}
    assert {"DOS-003", "CERT-001", "GOV-004"} <= rules


def test_remote_opa_url_is_used(repo: Path, opa_server: str) -> None:
    folder = copy_dossier(repo, "acme")
    edit(folder / "contract.yaml", "window_hours: 24", "window_hours: 96")
    run = check(
        repo,
        "--format",
        "json",
        env={"VENDORGATE_OPA_URL": opa_server, "VENDORGATE_OPA_BINARY": "/nonexistent/opa"},
    )
    assert run.code == 1, run.stderr
    assert [f["rule_id"] for f in results(run)] == ["IR-001"]


def test_plain_http_to_a_remote_host_is_refused(clean_repo: Path) -> None:
    run = check(clean_repo, "--opa-url", "http://opa.example.com:8181")
    assert run.code == 2
    assert "or pass --allow-insecure-opa" in run.stderr


def test_unreachable_opa_url_fails_closed(clean_repo: Path) -> None:
    from vendorgate.policy.opa_process import _free_port

    run = check(clean_repo, "--opa-url", f"http://127.0.0.1:{_free_port()}", "--format", "sarif")
    assert run.code == 2
    assert "unreachable" in run.stderr
    assert "Traceback" not in run.stderr
    assert run.json()["runs"][0]["invocations"][0]["executionSuccessful"] is False


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found.update(int(c) for c in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_no_opa_process_outlives_a_run(clean_repo: Path) -> None:
    process = subprocess.Popen(
        [str(VENDORGATE), "check", str(clean_repo), "--as-of", AS_OF],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    seen: set[int] = set()
    while process.poll() is None:
        seen |= _children(process.pid)
        time.sleep(0.01)
    assert process.returncode == 0
    assert seen, "the run started no OPA"
    assert [pid for pid in seen if _alive(pid)] == []


OPA_TOKEN = "vg-token-5f0c2e9a"


def test_help_runs_without_opa_and_never_prints_the_token() -> None:
    run = run_vendorgate(
        "check",
        "--help",
        env={"VENDORGATE_OPA_TOKEN": OPA_TOKEN, "VENDORGATE_OPA_BINARY": "/nonexistent/opa"},
    )
    assert run.code == 0
    assert "--fail-on" in run.stdout
    assert OPA_TOKEN not in run.stdout + run.stderr


def test_a_failed_run_never_prints_the_opa_token(clean_repo: Path) -> None:
    from vendorgate.policy.opa_process import _free_port

    url = f"http://127.0.0.1:{_free_port()}"
    run = check(clean_repo, "--opa-url", url, "--format", "sarif", env={"VENDORGATE_OPA_TOKEN": OPA_TOKEN})
    assert run.code == 2
    assert "unreachable" in run.stderr
    assert OPA_TOKEN not in run.stdout + run.stderr
