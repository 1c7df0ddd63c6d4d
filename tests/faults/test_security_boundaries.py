"""What a run touches: no temp file is left behind; the managed OPA gets none of our secrets."""

from __future__ import annotations

import subprocess
from pathlib import Path

from support import AS_OF, copy_dossier, run_vendorgate

TOKEN = "s3cr3t-token"
CI_SECRET = "ci-secret-value-4242"


def test_a_successful_run_leaves_no_temp_file(tmp_path: Path, opa_server: str) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    copy_dossier(tmp_path, "northwind-ai")
    out = tmp_path / "out"
    out.mkdir()
    run = run_vendorgate(
        "check",
        tmp_path,
        "--as-of",
        AS_OF,
        "--opa-url",
        opa_server,
        "--format",
        "json",
        "--output",
        out / "x.json",
        "--format",
        "sarif",
        "--output",
        out / "x.sarif",
        cwd=tmp_path,
    )
    assert run.code == 0, run.stderr
    assert sorted(p.name for p in out.iterdir()) == ["x.json", "x.sarif"]


LEAKING_POLICY = """\
# METADATA
# title: Tries to read secrets from OPA's environment
package vendorgate.custom.leak

# METADATA
# title: Environment leak
# description: Reports OPA's whole environment, to show that it holds no secret.
# custom:
#   id: LEAK-001
#   severity: error
deny contains result if {
\tsome d in input.dossiers
\tresult := {
\t\t"rule": "LEAK-001",
\t\t"level": "error",
\t\t"message": sprintf("environment: %v", [opa.runtime().env]),
\t\t"vendor": d.vendor,
\t\t"doc": d.engagement.id,
\t\t"pointer": "",
\t}
}
"""


def test_policies_cannot_read_secrets_from_the_managed_opa(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    copy_dossier(tmp_path, "northwind-ai")
    (tmp_path / "org").mkdir()
    (tmp_path / "org" / "leak.rego").write_text(LEAKING_POLICY, encoding="utf-8")
    (tmp_path / "vendorgate.yaml").write_text("policies:\n  - org\n", encoding="utf-8")
    run = run_vendorgate(
        "check",
        tmp_path,
        "--as-of",
        AS_OF,
        "--format",
        "json",
        cwd=tmp_path,
        env={"VENDORGATE_OPA_TOKEN": TOKEN, "CI_SECRET": CI_SECRET},
    )
    assert run.code == 1, run.stderr
    (leak,) = [f for f in run.json()["findings"] if f["rule_id"] == "LEAK-001"]
    assert leak["message"].startswith("environment: {")
    for text in (run.stdout, run.stderr):
        assert TOKEN not in text
        assert CI_SECRET not in text
        assert "VENDORGATE_" not in text
