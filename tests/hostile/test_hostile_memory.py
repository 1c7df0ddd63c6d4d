"""Expansion bombs and a 40 MB file, loaded under a 1.5 GiB address-space limit.

The limit is set with setrlimit in the child before it starts. The managed OPA is a Go
program that reserves far more virtual memory than it uses, so the CLI run here talks to a
separately started OPA (--opa-url) and the limit binds vendorgate alone.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from support import AS_OF, VENDORGATE

LIMIT = 1536 * 1024 * 1024
HEAD = "apiVersion: vendorgate/v1\nkind: Engagement\n"
SECONDS = 90


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))


def bombs(folder: Path) -> dict[str, str]:
    """Write each bomb; returns file name -> a fragment of the message expected for it."""
    laughs = [HEAD, "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"]
    for index, name in enumerate("bcdefghij"):
        laughs.append(f"{name}: &{name} [{', '.join(['*' + 'abcdefghij'[index]] * 10)}]\n")
    deep_keys = [HEAD.rstrip("\n")]
    for depth in range(60):
        deep_keys.append(" " * depth + f'"{"k" * 900}{depth}":')
    deep_keys.append(" " * 60 + "[" + ",".join(["1"] * 90_000) + "]")
    item = "  - the same line of padding, again and again\n"
    files = {
        "billion-laughs.yaml": ("".join(laughs), "more than 100,000 values"),
        "big-text-aliases.yaml": (
            HEAD + "a: &a " + "x" * 4_000_000 + "\nb: [" + ", ".join(["*a"] * 99) + "]\n",
            "aliases expand to more than",
        ),
        "long-key-paths.yaml": ("\n".join(deep_keys) + "\n", "too long and deep to index"),
        "many-documents.yaml": ("kind: Engagement\n---\n" * 200_000, "more than 1,000 documents"),
        "deep.yaml": (HEAD + "x: " + "[" * 50_000 + "]" * 50_000 + "\n", "nests deeper"),
        "forty-megabytes.yaml": (
            HEAD + "notes:\n" + item * (40 * 1024 * 1024 // len(item)),
            "more than 100,000 values",
        ),
    }
    expected = {}
    for name, (text, fragment) in files.items():
        (folder / name).write_text(text, encoding="utf-8")
        expected[name] = fragment
    return expected


@pytest.fixture(scope="module")
def bomb_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    repo = tmp_path_factory.mktemp("bombs")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    return repo, bombs(repo)


def test_the_loader_stays_within_the_memory_limit(bomb_repo: tuple[Path, dict[str, str]]) -> None:
    repo, expected = bomb_repo
    script = textwrap.dedent(
        """
        import json, sys
        from pathlib import Path
        from vendorgate.loading import load_file

        root = Path(sys.argv[1])
        out = {}
        for name in sys.argv[2:]:
            result = load_file(root / name, root=root, first_id=0, max_bytes=64 * 1024 * 1024)
            out[name] = None if result.error is None else [result.error.line, result.error.message]
        print(json.dumps(out))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(repo), *expected],
        capture_output=True,
        text=True,
        timeout=SECONDS,
        preexec_fn=_limit_memory,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout)
    for name, fragment in expected.items():
        assert loaded[name] is not None, name
        line, message = loaded[name]
        assert fragment in message, (name, message)
        assert line >= 1


def test_the_cli_stays_within_the_memory_limit(
    bomb_repo: tuple[Path, dict[str, str]], opa_server: str
) -> None:
    repo, expected = bomb_repo
    done = subprocess.run(
        [
            str(VENDORGATE),
            "check",
            *(str(repo / name) for name in expected),
            "--as-of",
            AS_OF,
            "--format",
            "json",
            "--opa-url",
            opa_server,
            "--max-file-size",
            str(64 * 1024 * 1024),
        ],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=SECONDS,
        preexec_fn=_limit_memory,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    findings = json.loads(done.stdout)["findings"]
    by_path = {f["path"]: f for f in findings}
    assert set(by_path) == set(expected)
    for name, fragment in expected.items():
        assert by_path[name]["rule_id"] == "SCH-001"
        assert fragment in by_path[name]["message"], by_path[name]
