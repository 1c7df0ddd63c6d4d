"""Hostile dossier files, all in one real run beside a real failing dossier.

Every hostile file gives one located SCH-001 (or SCH-002) result with a one-sentence message;
the run exits 1 without a traceback, executes nothing, and still reports every finding of
the real dossier exactly as a run without the hostile files does.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from support import AS_OF, Run, copy_dossier, edit, line_of, run_vendorgate

HEAD = "apiVersion: vendorgate/v1\nkind: Engagement\n"
FORTY_MB = 40 * 1024 * 1024
RUN_SECONDS = 90


@dataclass(frozen=True)
class Case:
    """One hostile file: its bytes, the rule and line expected, and a fragment of the message."""

    name: str
    content: bytes
    fragment: str
    needle: bytes | None = None
    rule: str = "SCH-001"

    def line(self) -> int:
        """The 1-based line holding `needle` (line 1 when the problem is the whole file)."""
        if self.needle is None:
            return 1
        at = self.content.find(self.needle)
        assert at >= 0, f"{self.needle!r} not in {self.name}"
        return self.content.count(b"\n", 0, at) + 1


def billion_laughs() -> bytes:
    lines = [HEAD, 'lol: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n']
    previous = "a"
    for name in "bcdefghi":
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]\n")
        previous = name
    return "".join(lines).encode()


def forty_megabytes() -> bytes:
    """A 40 MB dossier-looking file: a long list that would parse if it were ever read."""
    item = b"  - the same line of padding, again and again\n"
    body = (HEAD + "notes:\n").encode()
    return body + item * ((FORTY_MB - len(body)) // len(item) + 1)


def cases(marker: Path) -> list[Case]:
    """Every hostile file; `marker` is the file a successful code execution would create."""
    head = HEAD.encode()
    touch = f'["touch {marker}"]'
    return [
        Case(
            "syntax-unclosed.yaml",
            head + b"vendor: [unclosed\nname: x\n",
            "invalid YAML: the list opened at line 3, column 9 needs",
            b"vendor: [unclosed",
        ),
        Case(
            "syntax-indent.yaml",
            head + b"vendor: x\n  name: y\n",
            "invalid YAML: this line is indented more than the key above it",
            b"  name: y",
        ),
        Case("syntax-tab.yaml", head + b"\tvendor: x\n", "invalid YAML: a tab is used", b"\tvendor"),
        Case(
            "syntax.json",
            b'{\n  "kind": "Engagement",\n  "vendor": ,\n}\n',
            "invalid JSON: a value is missing here",
            b'"vendor"',
        ),
        Case("empty.yaml", b"", "empty"),
        Case("blank.yaml", b"\n   \n\n", "empty"),
        Case("comments-only.yaml", b"# nothing here\n", "no document"),
        Case("latin-1.yaml", head + b"name: Caf\xe9 GmbH\n", "not valid UTF-8", b"Caf"),
        Case("utf-16.yaml", HEAD.encode("utf-16"), "NUL byte"),
        Case("nul-byte.yaml", head + b"name: a\x00b\n", "NUL byte", b"\x00"),
        Case("control-char.yaml", head + b"name: a\x07b\n", "control character", b"\x07"),
        Case("top-level-list.yaml", b"- kind: Engagement\n- vendor: x\n", "list, not a mapping", b"- kind"),
        Case("top-level-text.yaml", b"just some words\n", "string, not a mapping", b"just"),
        Case("top-level-list.json", b'[\n  {"kind": "Engagement"}\n]\n', "list, not a mapping"),
        Case("second-document-list.yaml", head + b"---\n- item\n", "document 2 is a list", b"- item"),
        Case(
            "unknown-kind.yaml",
            b"apiVersion: vendorgate/v1\nkind: Spaceship\nname: x\n",
            "not a dossier kind",
            b"kind: Spaceship",
            rule="SCH-002",
        ),
        Case(
            "duplicate-key.yaml",
            head + b"vendor: reviewed-value\nname: x\nvendor: loaded-value\n",
            "appears twice",
            b"vendor: loaded-value",
        ),
        Case(
            "duplicate-key.json",
            b'{\n  "kind": "Engagement",\n  "vendor": "a",\n  "vendor": "b"\n}\n',
            "appears twice",
            b'"vendor": "b"',
        ),
        Case(
            "python-apply.yaml",
            head + f"name: !!python/object/apply:os.system {touch}\n".encode(),
            "!!python/object/apply:os.system is not allowed",
            b"!!python",
        ),
        Case(
            "python-new.yaml",
            head + f'name: !!python/object/new:subprocess.Popen [["touch", "{marker}"]]\n'.encode(),
            "is not allowed",
            b"!!python",
        ),
        Case("python-name.yaml", head + b"name: !!python/name:os.system\n", "is not allowed", b"!!python"),
        Case(
            "python-on-a-list.yaml",
            head + f"name: !!python/object/apply:os.system\n  - touch {marker}\n".encode(),
            "is not allowed",
            b"!!python",
        ),
        Case(
            "tag-directive.yaml",
            b"%TAG !py! tag:yaml.org,2002:python/\n---\n"
            + head
            + f"name: !py!object/apply:os.system {touch}\n".encode(),
            "!!python/object/apply:os.system is not allowed",
            b"!py!object",
        ),
        Case("local-tag.yaml", head + b"name: !vault |\n  c2VjcmV0\n", "!vault is not allowed", b"!vault"),
        Case("binary-tag.yaml", head + b"name: !!binary aGVsbG8=\n", "!!binary is not allowed", b"!!binary"),
        Case("billion-laughs.yaml", billion_laughs(), "more than 100,000 values", b"f: &f"),
        Case(
            "alias-text-bomb.yaml",
            head + b"a: &a " + b"x" * 400_000 + b"\nb: [*a, *a, *a]\n",
            "aliases expand to more than",
            b"b: [",
        ),
        Case("merge-key.yaml", head + b"base: &b {x: 1}\nname:\n  <<: *b\n", "merge keys", b"<<"),
        Case(
            "deep-flow.yaml",
            head + b"name: " + b"[" * 50_000 + b"]" * 50_000 + b"\n",
            "nests deeper than 64 levels",
            b"name:",
        ),
        Case(
            "deep-block.yaml",
            head + b"name:\n" + b"- " * 50_000 + b"x\n",
            "nests deeper than 64 levels",
            b"- - ",
        ),
        Case(
            "deep-flow.json",
            b'{\n  "kind": "Engagement",\n  "name": ' + b"[" * 50_000 + b"]" * 50_000 + b"\n}\n",
            "nests deeper than 64 levels",
            b'"name"',
        ),
        Case("forty-megabytes.yaml", forty_megabytes(), "over the limit of 5,242,880 bytes"),
        Case("int-key.yaml", head + b"2026: a year as a key\n", "is not a string", b"2026:"),
        # YAML 1.2 reads the key `yes` as the text "yes": a key the schema does not know.
        Case("yes-key.yaml", head + b"yes: a text key\n", "unknown key 'yes'", b"yes:", rule="SCH-002"),
        Case("bool-key.yaml", head + b"true: a boolean as a key\n", "is not a string", b"true:"),
        Case("null-key.yaml", head + b"~: a null key\n", "is not a string", b"~:"),
        Case("complex-key.yaml", head + b"? [a, b]\n: a list as a key\n", "plain string", b"? ["),
        Case("float-overflow.yaml", head + b"name: 1.0e+999\n", "not a finite number", b"1.0e+999"),
        Case("int-overflow.yaml", head + f"name: {2**70}\n".encode(), "too large", str(2**70).encode()),
        Case("infinity.yaml", head + b"name: .inf\n", "not a finite number", b".inf"),
        Case("not-a-number.yaml", head + b"name: .nan\n", "not a finite number", b".nan"),
        Case("long-int.yaml", head + b"name: " + b"9" * 5000 + b"\n", "too long", b"999"),
        Case(
            "float-overflow.json",
            b'{\n  "kind": "Engagement",\n  "name": 1e999\n}\n',
            "not a finite number",
            b"1e999",
        ),
        Case(
            "int-overflow.json",
            b'{\n  "kind": "Engagement",\n  "name": ' + str(2**70).encode() + b"\n}\n",
            "too large",
            str(2**70).encode(),
        ),
        # YAML 1.2 reads 1e999 (no dot) as a number, as 1.0e+999: not a finite one.
        Case("e999.yaml", head + b"name: 1e999\n", "not a finite number", b"1e999"),
        # Explicit tags are read strictly: a value the tag does not fit is an error, not a guess.
        Case("tag-bool-maybe.yaml", head + b"name: !!bool maybe\n", "`maybe` is not a boolean", b"!!bool"),
        Case("tag-int-empty.yaml", head + b'name: !!int ""\n', "not a whole number", b"!!int"),
        Case("tag-null-text.yaml", head + b"name: !!null foo\n", "`foo` is not null", b"!!null"),
        Case("tag-float-text.yaml", head + b"name: !!float abc\n", "`abc` is not a number", b"!!float"),
        Case(
            "lone-surrogate.json",
            b'{\n  "kind": "Engagement",\n  "name": "a\\ud800b"\n}\n',
            "half of a surrogate pair",
            b"\\ud800",
        ),
        Case(
            "lone-low-surrogate.json",
            b'{\n  "kind": "Engagement",\n  "name": "\\udc00"\n}\n',
            "half of a surrogate pair",
            b"\\udc00",
        ),
        # Python's `$` matches before a final newline, jsonschema-rs's does not: still invalid.
        Case("vendor-newline.yaml", head + b'vendor: "x\\n"\n', "does not match", b"vendor:", rule="SCH-002"),
        Case(
            "year-zero.yaml",
            head + b"service: x\nrisk:\n  assessed_on: 0000-01-01\n",
            "not a real date",
            b"assessed_on",
            rule="SCH-002",
        ),
        Case(
            "yaml11-octal.yaml",
            head + b"service: 030\n",
            "service is `030`, which YAML 1.1 reads as 24 and YAML 1.2 as 30",
            b"service:",
            rule="SCH-002",
        ),
        Case(
            "yaml11-bare-tag.yaml",
            head + b"service: ! 030\n",
            "service has the bare tag `!`",
            b"service:",
            rule="SCH-002",
        ),
    ]


OUTSIDE_LINK = Case("link-outside.yaml", b"", "outside the repository")
FIFO = Case("named-pipe.yaml", b"", "not a regular file")
EVIDENCE = "evidence: evidence/soc2-type2-2026.txt"


def one_sentence(message: str) -> bool:
    """A single line and a single sentence, short enough to read in an annotation."""
    return (
        bool(message)
        and "\n" not in message
        and len(message) <= 200
        and message == message.strip()
        and not re.search(r"[.!?]\s+[A-Z]", message)
        and "Traceback" not in message
    )


@dataclass
class HostileRun:
    repo: Path
    marker: Path
    run: Run
    seconds: float
    baseline: Run
    contract: Path
    cases: list[Case]

    def report(self) -> dict[str, Any]:
        result: dict[str, Any] = self.run.json()
        return result

    def results_for(self, relpath: str) -> list[dict[str, Any]]:
        return [f for f in self.report()["findings"] if f["path"] == relpath]


def build_repo(repo: Path, outside: Path, marker: Path) -> tuple[Path, list[Case]]:
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    folder = copy_dossier(repo, "northwind-ai")
    contract = folder / "contract.yaml"
    edit(contract, "window_hours: 24", "window_hours: 96")
    hostile = repo / "hostile"
    hostile.mkdir()
    all_cases = cases(marker)
    for case in all_cases:
        (hostile / case.name).write_bytes(case.content)
    secret = outside / "secret.yaml"
    secret.write_text(HEAD + "vendor: outside\n", encoding="utf-8")
    (hostile / OUTSIDE_LINK.name).symlink_to(secret)
    # Reading a named pipe would block the run forever.
    os.mkfifo(hostile / FIFO.name)
    # Evidence paths that leave the repository: by `..`, and by a link whose target
    # even has the expected content (so only the path check can stop it).
    escape = copy_dossier(repo, "escape-co")
    edit(escape / "attestation.yaml", EVIDENCE, "evidence: ../../../outside/soc2.txt")
    linked = copy_dossier(repo, "link-co")
    report = linked / "evidence" / "soc2-type2-2026.txt"
    stolen = outside / "soc2-copy.txt"
    stolen.write_bytes(report.read_bytes())
    report.unlink()
    report.symlink_to(stolen)
    return contract, [*all_cases, OUTSIDE_LINK, FIFO]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, opa_server: str) -> HostileRun:
    repo = tmp_path_factory.mktemp("hostile-repo")
    outside = tmp_path_factory.mktemp("outside")
    marker = tmp_path_factory.mktemp("pwned") / "pwned"
    contract, all_cases = build_repo(repo, outside, marker)
    started = time.monotonic()
    run = run_vendorgate("check", repo, "--as-of", AS_OF, "--format", "json", cwd=repo, timeout=RUN_SECONDS)
    seconds = time.monotonic() - started
    # The same dossier alone, on a separately started OPA: what "fully reported" means.
    alone = tmp_path_factory.mktemp("baseline-repo")
    subprocess.run(["git", "init", "-q", str(alone)], check=True)
    edit(copy_dossier(alone, "northwind-ai") / "contract.yaml", "window_hours: 24", "window_hours: 96")
    baseline = run_vendorgate(
        "check", alone, "--as-of", AS_OF, "--format", "json", "--opa-url", opa_server, cwd=alone
    )
    return HostileRun(
        repo=repo,
        marker=marker,
        run=run,
        seconds=seconds,
        baseline=baseline,
        contract=contract,
        cases=all_cases,
    )


def test_the_run_fails_with_findings_and_no_traceback(hostile: HostileRun) -> None:
    assert hostile.run.code == 1, hostile.run.stderr
    assert "Traceback" not in hostile.run.stderr
    assert hostile.run.stderr == ""
    report = hostile.report()
    assert report["execution_successful"] is True
    assert report["summary"]["files_checked"] == len(hostile.cases) + 9
    assert hostile.seconds < RUN_SECONDS


def test_nothing_in_a_dossier_was_executed(hostile: HostileRun) -> None:
    assert not hostile.marker.exists()
    assert list(hostile.marker.parent.iterdir()) == []


def test_the_real_dossier_is_fully_reported(hostile: HostileRun) -> None:
    assert hostile.baseline.code == 1, hostile.baseline.stderr
    expected = [
        f for f in hostile.baseline.json()["findings"] if f["path"].startswith("vendors/northwind-ai/")
    ]
    found = [f for f in hostile.report()["findings"] if f["path"].startswith("vendors/northwind-ai/")]
    assert found == expected
    ir = [f for f in found if f["rule_id"] == "IR-001"]
    assert [f["line"] for f in ir] == [line_of(hostile.contract, "window_hours: 96")]


@pytest.mark.parametrize("vendor", ["escape-co", "link-co"])
def test_evidence_outside_the_repository_is_refused(hostile: HostileRun, vendor: str) -> None:
    attestation = hostile.repo / "vendors" / vendor / "attestation.yaml"
    found = hostile.results_for(f"vendors/{vendor}/attestation.yaml")
    dos = [f for f in found if f["rule_id"] == "DOS-004"]
    assert dos, found
    assert "outside the repository" in dos[0]["message"]
    assert dos[0]["line"] == line_of(attestation, "evidence:")


def _case_ids() -> list[str]:
    return [case.name for case in cases(Path("/marker"))] + [OUTSIDE_LINK.name, FIFO.name]


@pytest.mark.parametrize("name", _case_ids())
def test_each_hostile_file_is_one_located_result(hostile: HostileRun, name: str) -> None:
    case = next(c for c in hostile.cases if c.name == name)
    found = hostile.results_for(f"hostile/{name}")
    matching = [f for f in found if f["rule_id"] == case.rule and case.fragment in f["message"]]
    assert matching, f"no {case.rule} about {case.fragment!r} for {name}: {found}"
    result = matching[0]
    assert result["line"] == case.line(), result
    assert result["level"] == "error"
    assert one_sentence(result["message"]), result["message"]
    if case.rule == "SCH-001":
        # A file that does not load is one result, never a cascade of guesses.
        assert len(found) == 1, found


def test_the_size_limit_is_configurable(tmp_path: Path, opa_server: str) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    copy_dossier(tmp_path, "northwind-ai")
    padded = tmp_path / "vendors" / "padded.yaml"
    padded.write_text(HEAD + "# padding\n" * 2000, encoding="utf-8")
    run = run_vendorgate(
        "check",
        tmp_path,
        "--as-of",
        AS_OF,
        "--format",
        "json",
        "--max-file-size",
        "10000",
        "--opa-url",
        opa_server,
        cwd=tmp_path,
    )
    assert run.code == 1, run.stderr
    (result,) = run.json()["findings"]
    assert result["rule_id"] == "SCH-001"
    assert result["path"] == "vendors/padded.yaml"
    assert result["line"] == 1
    assert f"is {padded.stat().st_size:,} bytes, over the limit of 10,000 bytes" in result["message"]
    assert "--max-file-size" in result["message"]
    assert one_sentence(result["message"])


def test_a_symlinked_folder_out_of_the_repository_is_sch_001_on_the_link(
    tmp_path: Path, opa_server: str
) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path / "repo")], check=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text("not: [valid\n", encoding="utf-8")
    (tmp_path / "repo" / "vendors").mkdir()
    (tmp_path / "repo" / "vendors" / "elsewhere").symlink_to(outside, target_is_directory=True)
    run = run_vendorgate(
        "check", tmp_path / "repo", "--as-of", AS_OF, "--format", "json", "--opa-url", opa_server
    )
    assert run.code == 1, run.stderr
    report = run.json()
    (result,) = report["findings"]
    assert result["rule_id"] == "SCH-001"
    assert result["level"] == "error"
    assert result["path"] == "vendors/elsewhere"
    assert result["message"] == (
        "the folder is a link to a place outside the repository, so nothing in it is checked;"
        " commit the folder itself instead of the link"
    )
    assert report["summary"]["files_checked"] == 0  # secret.yaml is never read


def test_a_kind_that_is_not_text_is_sch_002(tmp_path: Path, opa_server: str) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "hostile").mkdir()
    kinds = {"kind-list.yaml": "[Engagement]", "kind-map.yaml": "{name: Engagement}"}
    for name, kind in kinds.items():
        (tmp_path / "hostile" / name).write_text(
            f"apiVersion: vendorgate/v1\nvendor: x\nkind: {kind}\n", encoding="utf-8"
        )
    run = run_vendorgate(
        "check", tmp_path, "--as-of", AS_OF, "--format", "json", "--opa-url", opa_server, cwd=tmp_path
    )
    assert run.code == 1, run.stderr
    assert "Traceback" not in run.stderr
    for name in kinds:
        kind_results = [
            f
            for f in run.json()["findings"]
            if f["path"] == f"hostile/{name}" and f["rule_id"] == "SCH-002" and f["line"] == 3
        ]
        assert kind_results, run.stdout
        assert one_sentence(kind_results[0]["message"])
