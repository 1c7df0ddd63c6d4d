"""Everything that talks to Open Policy Agent: the process, the client, metadata and results."""

from vendorgate.policy import sync_only

# Runs before any module of this package imports opa_client (see sync_only).
sync_only.install()
