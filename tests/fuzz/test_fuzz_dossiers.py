"""Property-based tests: random and mutated dossiers never crash the gate or point outside the file.

In process, for random YAML structures, mutated copies of the clean example and random bytes:
`load_file` and `SchemaValidator` raise nothing; a load error's line is within the file; every
position and every finding is within the file. A few whole-CLI runs over folders of such files
check that the gate exits 0, 1 or 2 without a traceback, within a time bound, with every result
carrying a rule id and a line within its file.

The seed is fixed (derandomize); VENDORGATE_FUZZ_EXAMPLES sets the number of examples
(`make fuzz` runs 2000).
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support import AS_OF, CLEAN, run_vendorgate
from vendorgate.loading import load_file
from vendorgate.validation import SchemaValidator

EXAMPLES = int(os.environ.get("VENDORGATE_FUZZ_EXAMPLES", "25"))
CLI_RUNS = 3
CLI_SECONDS = 60
NAMES = ("engagement.yaml", "attestation.yaml", "contract.yaml")
FIELD_NAMES = (
    "apiVersion",
    "kind",
    "vendor",
    "name",
    "breach_notification",
    "window_hours",
    "certifications",
    "evidence",
    "type",
    "subprocessors",
)
fuzz_settings = settings(
    derandomize=True,
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _clean_bodies() -> dict[str, Any]:
    bodies = {}
    for name in NAMES:
        result = load_file(CLEAN / name, root=CLEAN, first_id=0)
        assert result.error is None
        bodies[name] = result.documents[0].body
    return bodies


CLEAN_TEXTS = {name: (CLEAN / name).read_bytes() for name in NAMES}
CLEAN_BODIES = _clean_bodies()

# -- strategies ---------------------------------------------------------------------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**80), max_value=2**80),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(
        ["2026-01-01", "2026-02-30", "Engagement", "ContractTerms", "VendorAttestation", "1e999"]
    ),
)
keys = st.one_of(st.text(max_size=12), st.sampled_from(FIELD_NAMES))
odd_keys = st.one_of(keys, st.integers(), st.booleans(), st.none())
structures = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=5), st.dictionaries(keys, children, max_size=6)),
    max_leaves=40,
)


@st.composite
def random_yaml(draw: st.DrawFn) -> tuple[str, bytes]:
    """Valid YAML (or JSON) of random structure, sometimes with non-string keys."""
    body = draw(st.dictionaries(odd_keys if draw(st.booleans()) else keys, structures, max_size=8))
    if draw(st.booleans()):
        body.setdefault("kind", draw(st.sampled_from(["Engagement", "VendorAttestation", "ContractTerms"])))
    if draw(st.integers(0, 4)) == 0:
        body = {k: v for k, v in body.items() if isinstance(k, str)}
        return "random.json", json.dumps(body, indent=draw(st.sampled_from([None, 2]))).encode()
    text = yaml.safe_dump(
        body, default_flow_style=draw(st.sampled_from([False, True, None])), allow_unicode=draw(st.booleans())
    )
    return "random.yaml", text.encode("utf-8")


def _containers(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path] if isinstance(value, dict | list) and value else []
    if isinstance(value, dict):
        for key, child in value.items():
            found.extend(_containers(child, (*path, key)))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found.extend(_containers(child, (*path, index)))
    return found


def _at(value: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        value = value[part]
    return value


@st.composite
def mutated_body(draw: st.DrawFn) -> tuple[str, bytes]:
    """The clean example's document with keys deleted, values of other types, then dumped."""
    name = draw(st.sampled_from(NAMES))
    body = copy.deepcopy(CLEAN_BODIES[name])
    for _ in range(draw(st.integers(1, 4))):
        containers = _containers(body)
        if not containers:
            break
        container = _at(body, draw(st.sampled_from(containers)))
        if not container:
            continue
        key = draw(
            st.sampled_from(list(container.keys()) if isinstance(container, dict) else range(len(container)))
        )
        if draw(st.booleans()):
            del container[key]
        else:
            container[key] = draw(structures)
    text = yaml.safe_dump(body, sort_keys=False, default_flow_style=draw(st.sampled_from([False, None])))
    return name, text.encode("utf-8")


@st.composite
def mutated_text(draw: st.DrawFn) -> tuple[str, bytes]:
    """The clean example's text, truncated, with a line dropped or doubled, or bytes changed."""
    name = draw(st.sampled_from(NAMES))
    raw = CLEAN_TEXTS[name]
    lines = raw.splitlines(keepends=True)
    how = draw(st.sampled_from(["truncate", "drop-line", "double-line", "insert", "replace"]))
    if how == "truncate":
        raw = raw[: draw(st.integers(0, len(raw)))]
    elif how == "drop-line":
        index = draw(st.integers(0, len(lines) - 1))
        raw = b"".join(lines[:index] + lines[index + 1 :])
    elif how == "double-line":
        index = draw(st.integers(0, len(lines) - 1))
        raw = b"".join(lines[: index + 1] + lines[index:])
    else:
        at = draw(st.integers(0, len(raw)))
        piece = draw(
            st.binary(min_size=1, max_size=8)
            | st.sampled_from([b"[", b"{", b": ", b"\t", b"&a", b"*a", b"!!"])
        )
        raw = raw[:at] + piece + raw[at + (len(piece) if how == "replace" else 0) :]
    return name, raw


@st.composite
def random_bytes(draw: st.DrawFn) -> tuple[str, bytes]:
    head = draw(st.sampled_from([b"", b"apiVersion: vendorgate/v1\nkind: Engagement\n"]))
    name = draw(st.sampled_from(["noise.yaml", "noise.json"]))
    return name, head + draw(st.binary(max_size=2000))


any_file = st.one_of(random_yaml(), mutated_body(), mutated_text(), random_bytes())

# -- properties ---------------------------------------------------------------------------------


def line_bound(raw: bytes) -> int:
    """The last line a result may point at: the file's line count, plus one for a final newline."""
    text = raw.decode("utf-8", "replace")
    return max(len(text.splitlines()), raw.count(b"\n")) + 1


def one_line(message: str) -> bool:
    return bool(message.strip()) and "\n" not in message and "Traceback" not in message


def check_in_process(folder: Path, name: str, raw: bytes) -> None:
    path = folder / name
    path.write_bytes(raw)
    bound = line_bound(raw)
    result = load_file(path, root=folder, first_id=0)
    if result.error is not None:
        assert result.documents == ()
        assert 1 <= result.error.line <= bound, (result.error.line, bound, result.error.message)
        assert result.error.column >= 1
        assert one_line(result.error.message), result.error.message
        return
    assert result.documents
    for document in result.documents:
        assert isinstance(document.body, dict)
        assert 1 <= document.start.line <= bound
        for pointer, (line, _, end_line, _) in document.positions.items():
            assert 1 <= line <= end_line <= bound, (pointer, line, end_line, bound)
        for finding in SchemaValidator().violations(document):
            assert finding.rule_id == "SCH-002"
            assert 1 <= finding.position.line <= bound, (finding, bound)
            assert one_line(finding.message), finding.message


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@fuzz_settings
@given(case=random_yaml())
def test_random_yaml_structures(scratch: Path, case: tuple[str, bytes]) -> None:
    check_in_process(scratch, *case)


@fuzz_settings
@given(case=mutated_body())
def test_mutated_copies_of_the_clean_example(scratch: Path, case: tuple[str, bytes]) -> None:
    check_in_process(scratch, *case)


@fuzz_settings
@given(case=mutated_text())
def test_truncated_and_edited_clean_text(scratch: Path, case: tuple[str, bytes]) -> None:
    check_in_process(scratch, *case)


@fuzz_settings
@given(case=random_bytes())
def test_random_bytes(scratch: Path, case: tuple[str, bytes]) -> None:
    check_in_process(scratch, *case)


@settings(derandomize=True, max_examples=CLI_RUNS, deadline=None, suppress_health_check=list(HealthCheck))
@given(files=st.lists(any_file, min_size=4, max_size=12), vendor_files=st.lists(mutated_body(), max_size=3))
def test_whole_runs_over_fuzzed_folders(
    tmp_path_factory: pytest.TempPathFactory,
    opa_server: str,
    files: list[tuple[str, bytes]],
    vendor_files: list[tuple[str, bytes]],
) -> None:
    repo = tmp_path_factory.mktemp("fuzz-run")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    written: dict[str, bytes] = {}
    for index, (name, raw) in enumerate(files):
        relpath = f"fuzz/{index:02d}-{name}"
        written[relpath] = raw
    # Mutated documents of one vendor: they form a dossier that reaches the policies.
    for index, (name, raw) in enumerate(vendor_files):
        written[f"vendors/fuzz-co/{index}-{name}"] = raw.replace(b"northwind-ai", b"fuzz-co")
    for relpath, raw in written.items():
        (repo / relpath).parent.mkdir(parents=True, exist_ok=True)
        (repo / relpath).write_bytes(raw)
    started = time.monotonic()
    run = run_vendorgate(
        "check",
        repo,
        "--as-of",
        AS_OF,
        "--format",
        "json",
        "--opa-url",
        opa_server,
        cwd=repo,
        timeout=CLI_SECONDS,
    )
    assert time.monotonic() - started < CLI_SECONDS
    assert run.code in (0, 1, 2), run.stderr
    assert "Traceback" not in run.stderr
    if run.code == 2:
        assert len(run.stderr.splitlines()) == 1
        assert run.stderr.startswith("vendorgate: error: ")
    report = run.json()
    for finding in report["findings"]:
        assert finding["rule_id"], finding
        assert finding["path"] in written, finding
        assert 1 <= finding["line"] <= line_bound(written[finding["path"]]), finding
