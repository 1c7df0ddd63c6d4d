"""The default limits and timeouts, in one module light enough for the CLI to import before OPA starts."""

from __future__ import annotations

MAX_FILE_BYTES = 5 * 1024 * 1024
"""Largest dossier file read (--max-file-size)."""
MAX_EVIDENCE_BYTES = 256 * 1024 * 1024
"""Largest evidence file hashed for its sha256 (--max-evidence-size)."""
OPA_TIMEOUT_SECONDS = 60.0
"""How long to wait for each answer from OPA (--opa-timeout)."""
OPA_STARTUP_SECONDS = 15.0
"""How long a managed OPA may take to become ready (--opa-startup-timeout)."""
