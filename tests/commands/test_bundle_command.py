"""`vendorgate bundle` as a user gets it wrong: every mistake is one sentence naming the file, exit 2."""

from __future__ import annotations

import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from support import REPO, VENDORGATE, Run, run_vendorgate

CUSTOM_EXAMPLE = REPO / "examples" / "custom-policy"


def bundle(cwd: Path, *args: str | Path) -> Run:
    return run_vendorgate("bundle", *args, cwd=cwd)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A git repository with the custom-policy example's profile and policy folder."""
    root = tmp_path / "project"
    shutil.copytree(CUSTOM_EXAMPLE, root)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return root


def assert_refused(run: Run, *fragments: str) -> None:
    assert run.code == 2, run.stdout + run.stderr
    assert run.stdout == ""
    line = run.stderr.strip()
    assert line.startswith("vendorgate: error: "), run.stderr
    assert "\n" not in line
    assert "Traceback" not in line
    for fragment in fragments:
        assert fragment in line


def test_a_missing_signing_key_is_exit_2_and_writes_nothing(project: Path) -> None:
    run = bundle(project, "--signing-key", "keys/missing.pem")
    assert_refused(run, "the signing key keys/missing.pem does not exist")
    assert not (project / "bundle.tar.gz").exists()


def test_a_folder_as_signing_key_is_exit_2(project: Path) -> None:
    assert_refused(bundle(project, "--signing-key", "policies"), "the signing key policies is not a file")


def test_a_key_that_is_not_a_private_key_is_exit_2(project: Path) -> None:
    (project / "key.pem").write_text("not a key\n", encoding="utf-8")
    run = bundle(project, "--signing-key", "key.pem")
    assert_refused(run, "could not sign the bundle with", "key.pem", "RS256")
    assert not (project / "bundle.tar.gz").exists()


def test_a_signing_algorithm_without_a_key_is_exit_2(project: Path) -> None:
    assert_refused(bundle(project, "--signing-alg", "ES256"), "--signing-alg needs --signing-key")


def test_an_output_in_a_missing_folder_is_exit_2(project: Path) -> None:
    assert_refused(bundle(project, "-o", "dist/bundle.tar.gz"), "dist/bundle.tar.gz", "does not exist")


def test_an_output_under_a_file_is_exit_2(project: Path) -> None:
    assert_refused(bundle(project, "-o", "vendorgate.yaml/bundle.tar.gz"), "vendorgate.yaml/bundle.tar.gz")


def test_an_output_that_is_a_folder_is_exit_2(project: Path) -> None:
    assert_refused(bundle(project, "-o", "policies"), "-o policies is a folder")


@pytest.mark.parametrize("target", ["policies/org/availability.rego", "vendorgate.yaml"])
def test_the_bundle_never_overwrites_a_file_it_is_built_from(project: Path, target: str) -> None:
    before = (project / target).read_bytes()
    run = bundle(project, "--config", "vendorgate.yaml", "-o", target)
    assert_refused(run, f"-o {target} is", "which the bundle is built from")
    assert (project / target).read_bytes() == before


def test_the_bundle_never_overwrites_its_signing_key(project: Path) -> None:
    key = project / "key.pem"
    key.write_text("secret\n", encoding="utf-8")
    run = bundle(project, "--signing-key", "key.pem", "--signing-alg", "HS256", "-o", "key.pem")
    assert_refused(run, "-o key.pem is", "which the bundle is built from")
    assert key.read_text(encoding="utf-8") == "secret\n"


def test_a_custom_policy_that_does_not_compile_is_exit_2_at_its_line(project: Path) -> None:
    policy = project / "policies" / "org" / "availability.rego"
    text = policy.read_text(encoding="utf-8")
    line = text.splitlines().index("deny contains result if {") + 2
    lines = text.splitlines()
    lines[line - 1] = "\tsome d in input.dossiers ]["
    policy.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = bundle(project, "--config", "vendorgate.yaml")
    assert_refused(run, f"{policy}:{line}: the policy does not compile (rego_parse_error", "fix it")
    assert not (project / "bundle.tar.gz").exists()


def test_an_existing_bundle_is_replaced_whole(project: Path) -> None:
    (project / "bundle.tar.gz").write_bytes(b"an old bundle")
    run = bundle(project, "--config", "vendorgate.yaml")
    assert run.code == 0, run.stderr
    with tarfile.open(project / "bundle.tar.gz") as archive:
        assert "/custom/1/availability.rego" in archive.getnames()
    assert not [p.name for p in project.iterdir() if p.name.endswith(".tmp")]


def test_two_concurrent_builds_leave_one_whole_bundle(project: Path) -> None:
    runs = [
        subprocess.Popen(
            [str(VENDORGATE), "bundle", "--config", "vendorgate.yaml"],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    for process in runs:
        process.communicate(timeout=120)
        assert process.returncode == 0
    with tarfile.open(project / "bundle.tar.gz") as archive:
        assert "/.manifest" in archive.getnames()
    assert not [p.name for p in project.iterdir() if p.name.endswith(".tmp")]


def test_a_custom_policy_outside_vendorgates_namespace_never_reaches_a_bundle(project: Path) -> None:
    # On a server, a bundle with package system.authz would decide who may call OPA at all.
    (project / "policies" / "org" / "authz.rego").write_text(
        "package system.authz\n\ndefault allow := true\n", encoding="utf-8"
    )
    run = bundle(project, "--config", "vendorgate.yaml")
    assert_refused(run, "authz.rego: the package system.authz is outside vendorgate's namespaces")
    assert not (project / "bundle.tar.gz").exists()
