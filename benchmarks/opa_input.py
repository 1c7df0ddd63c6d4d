"""Builds the input vendorgate sends to OPA, as one batch, for the raw `opa eval` comparison.

It reuses vendorgate's own functions (discover, load, validate, group, evidence facts and
policy.contract.to_input), so the raw engine sees exactly the documents vendorgate
evaluates, only in one request instead of vendorgate's batches. run.py calls it in its own
process so that the harness stays small:

    .venv/bin/python benchmarks/opa_input.py TREE input.json --as-of 2026-12-01 --root .
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def build(tree: Path, root: Path, as_of: str) -> dict[str, Any]:
    """The input document {as_of, dossiers: [...]} for every dossier under `tree`."""
    from vendorgate import pipeline, stream
    from vendorgate.loading import discover
    from vendorgate.policy.contract import to_input

    config = pipeline.RunConfig(paths=(tree,), root=root, as_of=as_of)
    loaded = stream.load_all(discover(config.paths, config.root).files, config)
    _, _, dossiers = stream.read_dossiers(loaded, config.root, config.max_evidence_size)
    return to_input(as_of, dossiers)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="write vendorgate's OPA input for a tree as one batch")
    parser.add_argument("tree", type=Path)
    parser.add_argument("dest", type=Path)
    parser.add_argument("--as-of", required=True)
    parser.add_argument("--root", type=Path, default=Path.cwd())
    args = parser.parse_args(argv)
    payload = build(args.tree, args.root.absolute(), args.as_of)
    with args.dest.open("w", encoding="utf-8") as handle:
        json.dump(payload, handle, separators=(",", ":"))
    print(len(payload["dossiers"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
