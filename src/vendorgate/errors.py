"""The one exception hierarchy of vendorgate: every failure a user can cause is a VendorgateError."""

from __future__ import annotations


class VendorgateError(Exception):
    """Root of every error vendorgate raises on purpose; its text is one sentence for a user."""


class UsageError(VendorgateError):
    """The command line or the configuration is wrong."""


class ConfigError(UsageError):
    """vendorgate.yaml (or another configuration input) is invalid."""


class LoadError(VendorgateError):
    """A file could not be read as YAML/JSON; becomes an SCH-001 result, not a crash."""

    def __init__(self, message: str, *, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = max(line, 1)
        self.column = max(column, 1)


class EngineError(VendorgateError):
    """OPA could not evaluate: missing, unreachable, misbehaving, or the policies do not compile."""


class PolicyError(EngineError):
    """The policies failed to compile or returned something outside the result contract."""
