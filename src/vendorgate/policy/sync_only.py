"""Keeps opa-python-client's asyncio client (and so aiohttp) out of a run that never uses it."""

from __future__ import annotations

import sys
from types import ModuleType

_ASYNC_MODULE = "opa_client.opa_async"


def install() -> None:
    """Stand in for `opa_client.opa_async` before `opa_client` is first imported.

    The package's __init__ imports its async client, which imports aiohttp: about
    0.6 s of start-up measured here, more than half of a one-dossier pre-commit
    run. vendorgate only uses the synchronous OpaClient.
    """
    if "opa_client" in sys.modules or _ASYNC_MODULE in sys.modules:
        return
    stub = ModuleType(_ASYNC_MODULE)
    stub.AsyncOpaClient = None  # type: ignore[attr-defined]
    sys.modules[_ASYNC_MODULE] = stub
