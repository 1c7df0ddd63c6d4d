"""Everything that talks to Open Policy Agent: the engine seam, the process, the client, the contract."""
