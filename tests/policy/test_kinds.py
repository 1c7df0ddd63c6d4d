"""The one list of dossier kinds (model.Kind) is the one the Rego policies and the JSON Schemas know."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from support import OPA
from vendorgate.model import Kind
from vendorgate.resources import policies_dir, schemas_dir


def opa_eval(query: str, data: Any = None) -> Any:
    """The value of `query` over the built-in policies, evaluated by the real OPA."""
    done = subprocess.run(
        [str(OPA), "eval", "--format", "json", "--stdin-input", "-d", str(policies_dir()), query],
        input=json.dumps(data or {}),
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout).get("result")
    return result[0]["expressions"][0]["value"] if result else None


def test_dos_001_requires_exactly_the_enum_kinds() -> None:
    assert opa_eval("data.vendorgate.rules.dossier.dos_001_kinds") == [str(k) for k in Kind]


@pytest.mark.parametrize("kind", list(Kind), ids=str)
def test_the_policies_read_each_kind_under_its_role(kind: Kind) -> None:
    """The key the input puts a dossier's first document under is the one the library reads."""
    body = {"kind": str(kind), "vendor": "acme"}
    dossier = {"vendor": "acme", "documents": [], kind.role: {"id": "d0", "valid": True, "body": body}}
    assert opa_eval(f"data.vendorgate.lib.{kind.role}(input.dossiers[0])", {"dossiers": [dossier]}) == body


@pytest.mark.parametrize("kind", list(Kind), ids=str)
def test_each_kind_has_its_schema(kind: Kind) -> None:
    schema = json.loads(Path(schemas_dir(), kind.schema).read_text(encoding="utf-8"))
    assert schema["properties"]["kind"]["const"] == kind
