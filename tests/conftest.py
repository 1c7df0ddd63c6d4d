"""Shared fixtures: a scratch git repository of dossiers, a SARIF validator and a separate OPA server."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from support import OPA, SHARED, Run, copy_dossier, edit, run_vendorgate, start_opa_server, wait_for_opa


@pytest.fixture
def vendorgate() -> Callable[..., Run]:
    return run_vendorgate


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """An empty git work tree: the repository root that paths are reported against."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    return tmp_path


@pytest.fixture
def slow(repo: Path) -> Path:
    """A dossier whose only problem is a 60-hour breach window (a warning by default)."""
    folder = copy_dossier(repo, "slow-co")
    edit(
        folder / "engagement.yaml",
        "regimes: [gdpr, ccpa, hipaa, nis2, dora, euaia]",
        "regimes: [gdpr, ccpa, hipaa, dora, euaia]",
    )
    edit(folder / "contract.yaml", "window_hours: 24", "window_hours: 60")
    return repo


@pytest.fixture
def clean_repo(repo: Path) -> Path:
    copy_dossier(repo, "clean-co")
    return repo


@pytest.fixture(scope="session")
def sarif_validator() -> Any:
    """A validator for the OASIS SARIF 2.1.0 schema kept in ../shared/."""
    from jsonschema import Draft7Validator

    schema_path = SHARED / "reference" / "sarif-schema-2.1.0.json"
    if not schema_path.is_file():
        pytest.skip("../shared/reference/sarif-schema-2.1.0.json is absent: cannot validate SARIF")
    return Draft7Validator(json.loads(schema_path.read_text(encoding="utf-8")))


@pytest.fixture(scope="session")
def builtin_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundle of the built-in policies, as `vendorgate bundle` builds it without a profile."""
    from vendorgate.policy.bundle import BundleSpec, build

    output = tmp_path_factory.mktemp("bundle") / "vendorgate.tar.gz"
    build(BundleSpec(output=output, opa_binary=str(OPA)))
    return output


@pytest.fixture(scope="session")
def opa_server(builtin_bundle: Path) -> Iterator[str]:
    """A separately started OPA server on loopback serving the built-in bundle, for --opa-url."""
    process, port = start_opa_server("--bundle", builtin_bundle)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_opa(port, timeout=15)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
