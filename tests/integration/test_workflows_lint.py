"""The GitHub Actions files: actionlint on the workflows, structure and scripts of action.yml.

actionlint lints workflows, not action metadata; it does read action.yml where a
workflow uses it as `uses: ./` (the CI's `action` job), and checks the inputs given
there. The rest of action.yml is checked here: its shape, that every expression it
uses names a declared input or an earlier step, that no input reaches a shell
script through `${{ }}`, shellcheck on its scripts, and its two scripts that carry
the logic run under bash as the runner runs them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
ACTION = REPO_ROOT / "action.yml"
WORKFLOWS = sorted(
    [
        *(REPO_ROOT / ".github" / "workflows").glob("*.y*ml"),
        *(REPO_ROOT / "examples" / "github").glob("*.y*ml"),
    ]
)
EXAMPLE = REPO_ROOT / "examples" / "vendors" / "northwind-ai"
EXAMPLE_AS_OF = "2026-12-01"
VENDORGATE = Path(sys.executable).parent / "vendorgate"
EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.DOTALL)
# How the runner runs a composite step's `shell: bash` script.
BASH = ["bash", "--noprofile", "--norc", "-eo", "pipefail"]

EXPECTED_INPUTS = {
    "paths": "",
    "fail-on": "error",
    "format": "text",
    "sarif-file": "vendorgate.sarif",
    "upload-sarif": "true",
    "category": "",
    "config": "",
    "as-of": "",
    "baseline-ref": "",
    "fail-on-new": "false",
    "python-version": "3.11",
    "opa-version": "1.22.3",
}


def _tool(name: str) -> str | None:
    local = REPO_ROOT / ".venv" / "bin" / name
    return str(local) if local.is_file() else shutil.which(name)


def _action() -> dict[str, Any]:
    loaded = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _steps() -> list[dict[str, Any]]:
    steps = _action()["runs"]["steps"]
    assert isinstance(steps, list)
    return steps


def _step(step_id: str) -> dict[str, Any]:
    return next(s for s in _steps() if s.get("id") == step_id)


def _named(name: str) -> dict[str, Any]:
    return next(s for s in _steps() if s.get("name") == name)


def _expressions(value: Any) -> list[str]:
    """The text of every `${{ }}` in a value, recursively."""
    if isinstance(value, str):
        return [m.group(1).strip() for m in EXPRESSION.finditer(value)]
    if isinstance(value, dict):
        return [e for v in value.values() for e in _expressions(v)]
    if isinstance(value, list):
        return [e for v in value for e in _expressions(v)]
    return []


# -- actionlint -------------------------------------------------------------------


def test_workflow_files_are_found() -> None:
    names = {p.relative_to(REPO_ROOT).as_posix() for p in WORKFLOWS}
    assert {".github/workflows/ci.yml", "examples/github/vendor-onboarding.yml"} <= names


def test_actionlint_is_clean() -> None:
    actionlint = _tool("actionlint")
    if actionlint is None:
        pytest.skip("actionlint is not installed (.venv/bin or PATH): run `make setup`")
    done = subprocess.run(
        [actionlint, "-no-color", *(p.relative_to(REPO_ROOT).as_posix() for p in WORKFLOWS)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


# -- action.yml structure ----------------------------------------------------------


def test_action_is_composite_with_its_interface() -> None:
    action = _action()
    assert action["name"]
    assert action["description"]
    assert action["runs"]["using"] == "composite"
    inputs = action["inputs"]
    assert {name: str(spec.get("default", "")) for name, spec in inputs.items()} == EXPECTED_INPUTS
    assert all(spec.get("description") for spec in inputs.values())
    outputs = action["outputs"]
    assert set(outputs) == {"exit-code", "sarif-file"}
    assert outputs["exit-code"]["value"] == "${{ steps.check.outputs.exit-code }}"
    assert outputs["sarif-file"]["value"] == "${{ steps.check.outputs.sarif-file }}"


def test_action_uses_the_expected_actions() -> None:
    # Compared without the ref, so that pinning a commit SHA keeps this test green.
    uses = [s["uses"].partition("@")[0] for s in _steps() if "uses" in s]
    assert uses == [
        "actions/setup-python",
        "open-policy-agent/setup-opa",
        "github/codeql-action/upload-sarif",
    ]
    assert all("@" in s["uses"] for s in _steps() if "uses" in s)


def test_every_script_has_a_shell_and_no_expression() -> None:
    for step in _steps():
        assert ("run" in step) != ("uses" in step), step
        if "run" in step:
            assert step.get("shell") == "bash", step["name"]
            # Inputs reach scripts through env only: `${{ }}` in a script is injection.
            assert "${{" not in step["run"], step["name"]


def test_expressions_name_declared_inputs_and_earlier_steps() -> None:
    action = _action()
    declared = set(action["inputs"])
    seen: set[str] = set()
    ids = [s["id"] for s in _steps() if "id" in s]
    assert len(ids) == len(set(ids)), "step ids must be unique"
    for step in _steps():
        for expression in _expressions(step):
            for name in re.findall(r"\binputs\.([A-Za-z0-9_-]+)", expression):
                assert name in declared, f"{step['name']}: inputs.{name} is not declared"
            for name in re.findall(r"\bsteps\.([A-Za-z0-9_-]+)\.", expression):
                assert name in seen, f"{step['name']}: steps.{name} is not an earlier step"
        if "id" in step:
            seen.add(step["id"])
    for output in action["outputs"].values():
        for name in re.findall(r"\bsteps\.([A-Za-z0-9_-]+)\.", output["value"]):
            assert name in seen


def test_sarif_uploads_even_when_the_check_found_problems() -> None:
    upload = _named("Upload SARIF to code scanning")
    condition = upload["if"]
    assert condition.startswith("always()")
    assert "inputs.upload-sarif == 'true'" in condition
    assert "steps.check.outputs.sarif-file != ''" in condition
    assert upload["with"]["sarif_file"] == "${{ steps.check.outputs.sarif-file }}"
    verdict = _steps()[-1]
    assert verdict["if"] == "always()"
    assert "steps.check.outputs.exit-code" in verdict["env"]["VG_EXIT_CODE"]


def test_action_scripts_pass_shellcheck(tmp_path: Path) -> None:
    shellcheck = shutil.which("shellcheck")
    if shellcheck is None:
        pytest.skip("shellcheck is not installed")
    problems = []
    for number, step in enumerate(_steps()):
        if "run" not in step:
            continue
        script = tmp_path / f"step{number}.sh"
        script.write_text("#!/usr/bin/env bash\n" + step["run"], encoding="utf-8")
        done = subprocess.run(
            [shellcheck, "--shell=bash", "--format=gcc", str(script)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            problems.append(f"{step['name']}:\n{done.stdout}{done.stderr}")
    assert not problems, "\n".join(problems)


# -- the scripts, run as the runner runs them ---------------------------------------


def _resolve(value: str, inputs: dict[str, str], outputs: dict[str, str]) -> str:
    """Evaluates the `${{ inputs.X }}` and `${{ steps.Y.outputs.Z }}` in an env value."""

    def one(match: re.Match[str]) -> str:
        expression = match.group(1).strip()
        if expression.startswith("inputs."):
            return inputs[expression.removeprefix("inputs.")]
        if expression.startswith("steps."):
            return outputs[expression.removeprefix("steps.")]
        raise AssertionError(f"unexpected expression in an env value: {expression}")

    return EXPRESSION.sub(one, value)


def _run_step(
    step: dict[str, Any],
    workspace: Path,
    inputs: dict[str, str],
    outputs: dict[str, str] | None = None,
    search_path: str | None = None,
) -> tuple[subprocess.CompletedProcess[str], dict[str, str], str]:
    """Runs one `run` step in `workspace`; returns the process, its outputs and the summary.

    `search_path` replaces PATH, as an earlier step's `$GITHUB_PATH` would change it.
    """
    given = {**EXPECTED_INPUTS, **inputs}
    github_output = workspace.parent / "github_output"
    summary = workspace.parent / "step_summary.md"
    github_output.write_text("", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VENDORGATE_", "GITHUB_", "VG_"))}
    env.update(GITHUB_OUTPUT=str(github_output), GITHUB_STEP_SUMMARY=str(summary))
    if search_path is not None:
        env["PATH"] = search_path
    env.update({k: _resolve(str(v), given, outputs or {}) for k, v in step.get("env", {}).items()})
    done = subprocess.run(
        [*BASH, "-c", step["run"]],
        cwd=workspace,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    written = dict(
        line.split("=", 1) for line in github_output.read_text(encoding="utf-8").splitlines() if line
    )
    return done, written, summary.read_text(encoding="utf-8") if summary.exists() else ""


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A checked-out repository with a clean dossier and one with a 96 h breach window."""
    root = tmp_path / "workspace"
    for vendor in ("clean-co", "bad-co"):
        folder = root / "vendors" / vendor
        shutil.copytree(EXAMPLE, folder)
        for document in folder.glob("*.yaml"):
            text = document.read_text(encoding="utf-8").replace("vendor: northwind-ai", f"vendor: {vendor}")
            document.write_text(text, encoding="utf-8")
    contract = root / "vendors" / "bad-co" / "contract.yaml"
    contract.write_text(
        contract.read_text(encoding="utf-8").replace("window_hours: 24", "window_hours: 96"), encoding="utf-8"
    )
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return root


@pytest.fixture
def tools() -> dict[str, str]:
    """The outputs of the install steps, pointing at this virtual environment."""
    opa = _tool("opa")
    if opa is None:
        pytest.fail("no opa binary in .venv/bin or on PATH: run `make setup`")
    return {"install.outputs.vendorgate": str(VENDORGATE), "opa.outputs.binary": opa}


def test_check_step_records_findings_without_failing(workspace: Path, tools: dict[str, str]) -> None:
    inputs = {
        "paths": "vendors/clean-co\n  vendors/bad-co\n",
        "as-of": EXAMPLE_AS_OF,
        "sarif-file": "reports/vendorgate.sarif",
        "category": "onboarding",
    }
    done, outputs, summary = _run_step(_step("check"), workspace, inputs, tools)

    assert done.returncode == 0, done.stdout + done.stderr  # the verdict waits for the upload
    assert outputs == {"exit-code": "1", "reason": "", "sarif-file": "reports/vendorgate.sarif"}
    run = json.loads((workspace / "reports" / "vendorgate.sarif").read_text(encoding="utf-8"))["runs"][0]
    assert "IR-001" in {result["ruleId"] for result in run["results"]}
    assert run["automationDetails"]["id"] == "vendorgate/onboarding/"
    assert "::error " in done.stdout
    assert "IR-001" in done.stdout
    assert "bad-co" in summary


def test_check_step_gates_a_pull_request_on_what_it_introduces(
    workspace: Path, tools: dict[str, str]
) -> None:
    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-C", str(workspace), "-c", "user.name=t", "-c", "user.email=t@t", *args], check=True
        )

    git("add", "-A")
    git("commit", "-qm", "base: bad-co's 96 h window")
    git("commit", "-q", "--allow-empty", "-m", "head: nothing new")
    inputs = {"paths": "vendors", "as-of": EXAMPLE_AS_OF, "baseline-ref": "HEAD~1", "fail-on-new": "true"}
    done, outputs, summary = _run_step(_step("check"), workspace, inputs, tools)

    assert outputs["exit-code"] == "0", done.stdout + done.stderr
    assert "IR-001" in done.stdout  # still annotated
    assert "### Existing findings" in summary
    log = json.loads((workspace / "vendorgate.sarif").read_text(encoding="utf-8"))
    assert {r["baselineState"] for r in log["runs"][0]["results"]} == {"unchanged"}


def test_check_step_records_an_evaluation_failure(workspace: Path, tools: dict[str, str]) -> None:
    inputs = {"paths": "vendors", "as-of": EXAMPLE_AS_OF, "config": "missing/vendorgate.yaml"}
    done, outputs, _ = _run_step(_step("check"), workspace, inputs, tools)

    assert done.returncode == 0, done.stdout + done.stderr
    assert outputs["exit-code"] == "2"
    assert outputs["sarif-file"] == "vendorgate.sarif"  # still written, and says it failed
    log = json.loads((workspace / "vendorgate.sarif").read_text(encoding="utf-8"))
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is False
    # The one-line reason, for the last step; standard error still reaches the log.
    assert "missing/vendorgate.yaml" in outputs["reason"]
    assert "\n" not in outputs["reason"]
    assert not outputs["reason"].startswith("vendorgate: ")
    assert outputs["reason"] in done.stderr
    # ...and no upload follows it (test_upload_runs_only_after_a_run_that_evaluated).
    assert not _uploads(exit_code=outputs["exit-code"], sarif_file=outputs["sarif-file"])


def _waived_workspace(workspace: Path) -> None:
    """bad-co's 96 h window waived by the profile, until after the evaluation date."""
    (workspace / "vendorgate.yaml").write_text(
        "waivers:\n"
        "  - rule: IR-001\n"
        "    vendor: bad-co\n"
        "    justification: renegotiation signed, countersignature pending\n"
        "    approved_by: ciso@example.com\n"
        "    expires_on: 2027-03-31\n",
        encoding="utf-8",
    )


def test_uploaded_sarif_holds_no_waived_finding(workspace: Path, tools: dict[str, str]) -> None:
    _waived_workspace(workspace)
    inputs = {"paths": "vendors", "as-of": EXAMPLE_AS_OF}
    done, outputs, _ = _run_step(_step("check"), workspace, inputs, tools)
    assert outputs["exit-code"] == "0", done.stdout + done.stderr
    run = json.loads((workspace / "vendorgate.sarif").read_text(encoding="utf-8"))["runs"][0]
    # Code scanning would show a suppressed result as an open alert: the upload has none.
    assert "IR-001" not in {result["ruleId"] for result in run["results"]}
    assert not any("suppressions" in result for result in run["results"])
    # The standard SARIF of the same run keeps it, suppressed, for other viewers.
    standard = subprocess.run(
        [str(VENDORGATE), "check", "vendors", "--as-of", EXAMPLE_AS_OF, "--format", "sarif"],
        cwd=workspace,
        env={k: v for k, v in os.environ.items() if not k.startswith("VENDORGATE_")}
        | {"VENDORGATE_OPA_BINARY": tools["opa.outputs.binary"]},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert standard.returncode == 0, standard.stderr
    (waived,) = [r for r in json.loads(standard.stdout)["runs"][0]["results"] if r["ruleId"] == "IR-001"]
    assert waived["suppressions"][0]["status"] == "accepted"


def test_check_step_refuses_an_unknown_format(workspace: Path, tools: dict[str, str]) -> None:
    done, outputs, _ = _run_step(_step("check"), workspace, {"format": "xml"}, tools)
    assert done.returncode == 0
    assert outputs["exit-code"] == "2"
    assert "::error" in done.stdout


@pytest.mark.parametrize(("exit_code", "status"), [("0", 0), ("1", 1), ("2", 2), ("", 2)])
def test_last_step_applies_the_recorded_exit_code(workspace: Path, exit_code: str, status: int) -> None:
    outputs = {"check.outputs.exit-code": exit_code, "check.outputs.reason": ""}
    done, _, _ = _run_step(_steps()[-1], workspace, {}, outputs)
    assert done.returncode == status, done.stdout + done.stderr
    if status:
        assert "::error title=vendorgate::" in done.stdout


def test_last_step_fails_with_the_one_line_reason(workspace: Path) -> None:
    outputs = {"check.outputs.exit-code": "2", "check.outputs.reason": "no OPA at 100% of paths"}
    done, _, _ = _run_step(_steps()[-1], workspace, {}, outputs)
    assert done.returncode == 2
    assert done.stdout.splitlines() == [
        "::error title=vendorgate::the dossiers could not be evaluated (exit 2): no OPA at 100%25 of paths;"
        " nothing was uploaded to code scanning and the gate fails closed"
    ]


# -- the upload step's condition, evaluated as GitHub evaluates it ------------------

_IF_TOKEN = re.compile(
    r"\s*(?:(?P<op>&&|\|\||==|!=|\(|\))|(?P<call>always\(\))|'(?P<text>[^']*)'|(?P<name>[A-Za-z_][\w.-]*))"
)


def _evaluate_if(condition: str, context: dict[str, str]) -> bool:
    """A step's `if:` with only what the action uses: literals, names, ==, !=, &&, || and ()."""
    python: list[str] = []
    position = 0
    while position < len(condition.rstrip()):
        match = _IF_TOKEN.match(condition, position)
        assert match, f"cannot read {condition[position:]!r}"
        position = match.end()
        if match["op"]:
            python.append({"&&": "and", "||": "or"}.get(match["op"], match["op"]))
        elif match["call"]:
            python.append("True")
        elif match["text"] is not None:
            python.append(repr(match["text"]))
        else:
            # An unset output reads as an empty string, as on GitHub.
            python.append(repr(context.get(match["name"], "")))
    return bool(eval(" ".join(python), {"__builtins__": {}}))  # only the tokens above


def _uploads(*, exit_code: str, sarif_file: str = "vendorgate.sarif", event: str = "pull_request") -> bool:
    condition = _named("Upload SARIF to code scanning")["if"]
    context = {
        "inputs.upload-sarif": "true",
        "github.event_name": event,
        "steps.check.outputs.sarif-file": sarif_file,
        "steps.check.outputs.exit-code": exit_code,
    }
    return _evaluate_if(condition, context)


@pytest.mark.parametrize(("exit_code", "uploads"), [("0", True), ("1", True), ("2", False), ("", False)])
def test_upload_runs_only_after_a_run_that_evaluated(exit_code: str, uploads: bool) -> None:
    # An upload from a run that could not evaluate would close every open alert of its category.
    assert _uploads(exit_code=exit_code) is uploads
    assert not _uploads(exit_code=exit_code, sarif_file="")
    assert not _uploads(exit_code=exit_code, event="merge_group")


# -- OPA from setup-opa: the version is exact, and the binary found is that version --


@pytest.mark.parametrize(
    "version", ["1.x", "latest", "edge", ">=1.22.3", "v1.22.3", "1.22", "1.22.3 || 2", ""]
)
def test_opa_version_must_be_one_exact_release(workspace: Path, version: str) -> None:
    # setup-opa resolves ranges and `latest` to whatever is newest: only X.Y.Z reaches it.
    done, _, _ = _run_step(_named("Check the OPA version"), workspace, {"opa-version": version})
    assert done.returncode == 2, done.stdout + done.stderr
    assert "::error title=vendorgate::opa-version must be an exact release number" in done.stdout


def test_opa_version_accepts_the_default_release(workspace: Path) -> None:
    done, _, _ = _run_step(_named("Check the OPA version"), workspace, {})
    assert done.returncode == 0, done.stdout + done.stderr


def _path_without_opa() -> list[str]:
    """This machine's PATH less every folder that holds an `opa`."""
    folders = os.environ.get("PATH", "").split(os.pathsep)
    return [f for f in folders if f and not (Path(f) / "opa").exists()]


def test_locate_opa_records_the_binary_that_setup_opa_put_on_path(
    workspace: Path, tools: dict[str, str]
) -> None:
    opa = Path(tools["opa.outputs.binary"])
    search_path = os.pathsep.join([str(opa.parent), *_path_without_opa()])
    done, outputs, _ = _run_step(_step("opa"), workspace, {}, search_path=search_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert outputs == {"binary": str(opa)}


def test_locate_opa_refuses_another_version(workspace: Path, tmp_path: Path) -> None:
    stub = tmp_path / "bin" / "opa"
    stub.parent.mkdir()
    stub.write_text('#!/usr/bin/env bash\necho "Version: 1.22.2"\n', encoding="utf-8")
    stub.chmod(0o755)
    search_path = os.pathsep.join([str(stub.parent), *_path_without_opa()])
    done, outputs, _ = _run_step(_step("opa"), workspace, {}, search_path=search_path)
    assert done.returncode == 2
    assert f"::error title=vendorgate::{stub} is not OPA 1.22.3 (it says: Version: 1.22.2)" in done.stdout
    assert outputs == {}


def test_locate_opa_fails_closed_when_no_opa_is_on_path(workspace: Path) -> None:
    done, outputs, _ = _run_step(
        _step("opa"), workspace, {}, search_path=os.pathsep.join(_path_without_opa())
    )
    assert done.returncode == 2
    assert "::error title=vendorgate::setup-opa put no opa on PATH" in done.stdout
    assert outputs == {}
