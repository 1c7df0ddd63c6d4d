"""Starts the managed OPA with the built-in policies as early as possible, before the heavy imports."""

from __future__ import annotations

from vendorgate.policy.metadata import rego_files
from vendorgate.policy.server import ManagedOpa, check_version, find_opa
from vendorgate.resources import policies_dir


def start_managed(binary: str | None, startup_timeout: float) -> ManagedOpa:
    """A started (not yet ready) OPA holding the built-in policies; the caller stops it.

    OPA compiles the policies (about half a second) while Python imports the
    rest of vendorgate and loads the dossiers, instead of after.
    """
    path = find_opa(binary)
    check_version(path)
    server = ManagedOpa(path, startup_timeout=startup_timeout, policy_files=rego_files([policies_dir()]))
    server.start()
    return server
