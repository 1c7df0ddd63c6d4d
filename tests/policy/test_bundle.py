"""`vendorgate bundle` builds an OPA bundle that a real OPA server loads, verifies and evaluates.

The same example dossiers evaluated by a server that holds only the bundle give the same raw
results as the managed OPA of `vendorgate check`; the manifest's revision is a content hash
of the policy files; a signed bundle loads with its public key and is refused with another.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tarfile
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from support import AS_OF, EXAMPLES, OPA, REPO, Run, run_vendorgate, start_opa_server, wait_for_opa
from vendorgate.loading import discover, load_file
from vendorgate.policy.bundle import BUNDLE_ROOTS, policy_revision, policy_sources, revision
from vendorgate.policy.contract import to_input
from vendorgate.policy.engine import EngineSettings, LocalOpa
from vendorgate.stream import read_dossiers

CUSTOM_EXAMPLE = REPO / "examples" / "custom-policy"


def bundle(cwd: Path, *args: str | Path) -> Run:
    return run_vendorgate("bundle", *args, cwd=cwd)


def manifest(path: Path) -> dict[str, Any]:
    with tarfile.open(path) as archive:
        member = archive.extractfile("/.manifest")
        assert member is not None
        loaded: dict[str, Any] = json.loads(member.read())
        return loaded


def bundle_paths(path: Path) -> set[str]:
    with tarfile.open(path) as archive:
        return {name.lstrip("/") for name in archive.getnames()}


@contextmanager
def bundle_server(bundle_file: Path, *extra: str | Path) -> Iterator[str]:
    """An `opa run --server --bundle FILE` holding nothing but the bundle."""
    process, port = start_opa_server("--bundle", bundle_file, *extra)
    try:
        wait_for_opa(port)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def post(url: str, path: str, body: Any) -> Any:
    request = urllib.request.Request(
        f"{url}{path}", data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.loads(answer.read())


def get(url: str, path: str) -> Any:
    with urllib.request.urlopen(f"{url}{path}", timeout=60) as answer:
        return json.loads(answer.read())


def example_input(folder: Path) -> tuple[dict[str, Any], Any]:
    """The OPA input of the dossiers under `folder`, built as `vendorgate check` builds it."""
    root = folder.parent
    found = discover([folder], root)
    loaded = [load_file(path, root=root, first_id=i * 1000) for i, path in enumerate(found.files)]
    _, _, dossiers = read_dossiers(loaded, root)
    return to_input(AS_OF, dossiers), dossiers


def managed_results(dossiers: Any, custom: list[tuple[str, Path]]) -> list[Any]:
    engine = LocalOpa(EngineSettings())
    try:
        engine.start()
        engine.ready()
        engine.load(custom, {})
        return engine.evaluate(AS_OF, dossiers)
    finally:
        engine.stop()


def canonical(results: list[Any]) -> list[str]:
    return sorted(json.dumps(r, sort_keys=True) for r in results)


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two RSA key pairs, made by openssl."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed: no key pair to sign with")
    folder = tmp_path_factory.mktemp("keys")
    made = {}
    for name in ("right", "wrong"):
        private, public = folder / f"{name}.pem", folder / f"{name}.pub.pem"
        subprocess.run(
            ["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", private],
            check=True,
            capture_output=True,
        )
        subprocess.run(["openssl", "pkey", "-in", private, "-pubout", "-out", public], check=True)
        made[name], made[f"{name}.pub"] = private, public
    return made


def test_the_bundle_evaluates_the_examples_as_the_managed_opa_does(repo: Path) -> None:
    out = repo / "bundle.tar.gz"
    run = bundle(repo, "-o", out)
    assert run.code == 0, run.stderr
    assert manifest(out)["roots"] == list(BUNDLE_ROOTS)
    assert not any(name.endswith("_test.rego") for name in bundle_paths(out))
    document, dossiers = example_input(EXAMPLES)
    with bundle_server(out) as url:
        served = post(url, "/v1/data/vendorgate/main/findings", {"input": document})["result"]
        bundles = get(url, "/v1/data/system/bundles")["result"]
    assert {b["manifest"]["revision"] for b in bundles.values()} == {manifest(out)["revision"]}
    assert len({r["vendor"] for r in served}) >= 2, "the examples should give results for several vendors"
    assert canonical(served) == canonical(managed_results(dossiers, []))


def test_the_profiles_custom_policies_are_in_the_bundle(tmp_path: Path) -> None:
    out = tmp_path / "custom.tar.gz"
    run = bundle(CUSTOM_EXAMPLE, "--config", "vendorgate.yaml", "-o", out)
    assert run.code == 0, run.stderr
    assert "custom/1/availability.rego" in bundle_paths(out)
    assert "custom/1/availability_test.rego" not in bundle_paths(out)
    document, dossiers = example_input(CUSTOM_EXAMPLE / "vendors")
    with bundle_server(out) as url:
        served = post(url, "/v1/data/vendorgate/main/findings", {"input": document})["result"]
    assert "ORG-001" in {r["rule"] for r in served}
    custom = [("custom", CUSTOM_EXAMPLE / "policies" / "org")]
    assert canonical(served) == canonical(managed_results(dossiers, custom))


def test_the_revision_is_a_hash_of_the_policy_files(tmp_path: Path) -> None:
    folder = tmp_path / "org"
    shutil.copytree(CUSTOM_EXAMPLE / "policies" / "org", folder)
    first = policy_revision([folder])
    assert first == policy_revision([folder])
    assert first.startswith("sha256:")
    assert len(first) == len("sha256:") + 64
    assert first != policy_revision([])
    policy = folder / "availability.rego"
    policy.write_bytes(policy.read_bytes() + b"\n")
    second = policy_revision([folder])
    assert second != first
    # A test file is not in the bundle, so it does not change the revision.
    (folder / "availability_test.rego").write_text("package vendorgate.custom.availability_test\n")
    assert policy_revision([folder]) == second
    # The same bytes under another name are another bundle.
    policy.rename(folder / "renamed.rego")
    assert policy_revision([folder]) != second


def test_the_manifest_revision_follows_a_changed_policy_byte(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(CUSTOM_EXAMPLE, project)
    before, after, again = tmp_path / "before.tar.gz", tmp_path / "after.tar.gz", tmp_path / "again.tar.gz"
    assert bundle(project, "--config", "vendorgate.yaml", "-o", before).code == 0
    assert bundle(project, "--config", "vendorgate.yaml", "-o", again).code == 0
    policy = project / "policies" / "org" / "availability.rego"
    policy.write_text(policy.read_text().replace("99.9", "99.8"))
    run = bundle(project, "--config", "vendorgate.yaml", "-o", after)
    assert run.code == 0, run.stderr
    assert manifest(before)["revision"] == manifest(again)["revision"]
    assert manifest(after)["revision"] != manifest(before)["revision"]
    assert manifest(after)["revision"] in run.stdout
    assert manifest(after)["revision"] == revision(policy_sources([project / "policies" / "org"]))


def test_a_signed_bundle_loads_with_its_public_key(repo: Path, keys: dict[str, Path]) -> None:
    out = repo / "signed.tar.gz"
    run = bundle(repo, "-o", out, "--signing-key", keys["right"])
    assert run.code == 0, run.stderr
    assert "signed (RS256)" in run.stdout
    assert ".signatures.json" in bundle_paths(out)
    document, _ = example_input(EXAMPLES)
    with bundle_server(out, "--verification-key", keys["right.pub"]) as url:
        served = post(url, "/v1/data/vendorgate/main/findings", {"input": document})["result"]
    assert served


@pytest.mark.parametrize("which", ["wrong.pub", None], ids=["wrong-key", "unsigned"])
def test_opa_refuses_a_bundle_the_key_does_not_verify(
    repo: Path, keys: dict[str, Path], which: str | None
) -> None:
    out = repo / "bundle.tar.gz"
    signing = ["--signing-key", keys["right"]] if which else []
    assert bundle(repo, "-o", out, *signing).code == 0
    key = keys[which] if which else keys["right.pub"]
    done = subprocess.run(
        [OPA, "run", "--server", "--addr", "127.0.0.1:0", "--bundle", out, "--verification-key", key],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode != 0
    assert "bundle" in (done.stdout + done.stderr)
