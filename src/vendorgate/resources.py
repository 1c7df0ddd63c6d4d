"""Finds the built-in policies and schemas, inside an installed wheel or in the source tree."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """The folder of built-in `policies` or `schemas`."""
    packaged = _PACKAGE / "_data" / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parents[1] / name


def policies_dir() -> Path:
    return data_dir("policies")


def schemas_dir() -> Path:
    return data_dir("schemas")
