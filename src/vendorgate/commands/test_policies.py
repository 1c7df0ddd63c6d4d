"""`vendorgate test-policies`: `opa test` on the custom policies, the built-in library beside them."""

from __future__ import annotations

from pathlib import Path

import click

from vendorgate.commands import config_option, profile_path
from vendorgate.errors import UsageError
from vendorgate.model import ExitCode


@click.command("test-policies")
@config_option
@click.option("--opa-binary", envvar="VENDORGATE_OPA_BINARY", metavar="PATH")
def test_policies(config_file: Path | None, opa_binary: str | None) -> ExitCode:
    """Run `opa test` on the custom policies, with the built-in library beside them."""
    import subprocess

    from vendorgate.catalog import rule_catalog
    from vendorgate.policy.opa_process import find_opa
    from vendorgate.profile import load_profile
    from vendorgate.resources import policies_dir

    path, root = profile_path(config_file)
    if path is None:
        raise UsageError(
            f"no profile: {root / 'vendorgate.yaml'} does not exist and no --config was given;"
            " nothing to test"
        )
    profile = load_profile(path, root)
    if not profile.policies:
        raise UsageError(f"{profile.relpath} names no custom policy folders (policies:); nothing to test")
    rule_catalog(profile, root)
    binary = find_opa(opa_binary)
    done = subprocess.run(
        [str(binary), "test", str(policies_dir()), *map(str, profile.policies)], check=False
    )
    return ExitCode.OK if done.returncode == 0 else ExitCode.FINDINGS
