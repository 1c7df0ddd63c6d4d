"""Everything that talks to Open Policy Agent: the process, the client, metadata and results."""
