"""Hostile file names, dossier values and waiver fields, end to end: shown escaped, never run.

A GitHub runner runs any line of stdout or stderr that starts with `::` (after blanks) or
holds `##[`; a terminal obeys escape sequences; bidi overrides reorder what a reviewer reads.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

import pytest

from support import AS_OF, Run, edit, run_vendorgate

HOSTILE_YAML = r"\u202e\e[2J\e]0;pwned\a##[error]pwned\u2028\x85\u2066::error::x"
HIDDEN = {
    chr(c)
    for c in range(sys.maxunicode + 1)
    if unicodedata.category(chr(c)) in {"Cc", "Cf", "Zl", "Zp", "Cs"} and chr(c) != "\n"
}
DOTNET_BLANKS = "\t\v\f \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
OUR_COMMANDS = {"error", "warning", "notice", "group", "endgroup"}
PROFILE = f"""\
waivers:
  - rule: DOS-004
    vendor: clean-co
    justification: "accepted {HOSTILE_YAML}"
    approved_by: "ciso{HOSTILE_YAML}@example.com"
    expires_on: "2027-06-30"
    ticket: "RISK-{HOSTILE_YAML}"
"""
BROKEN = "apiVersion: vendorgate/v1\nkind: [\n"


@pytest.fixture
def hostile_repo(clean_repo: Path) -> Path:
    folder = clean_repo / "vendors" / "clean-co"
    edit(
        folder / "attestation.yaml",
        "evidence: evidence/soc2-type2-2026.txt",
        f'evidence: "{HOSTILE_YAML}.txt"',
    )
    (clean_repo / "vendorgate.yaml").write_text(PROFILE, encoding="utf-8")
    names = (
        "::error::x.yaml",
        "::stop-commands::tok.yaml",
        " \u00a0::warning::w.yaml",
        "e\x1b\u202ex.yaml",
    )
    for name in names:
        # At the root, so that the file name opens its lines of text.
        (clean_repo / name).write_text(BROKEN, encoding="utf-8")
    evil = clean_repo / "vendors" / "evil"
    evil.mkdir()
    (evil / "engagement.yaml").write_text(
        (folder / "engagement.yaml")
        .read_text(encoding="utf-8")
        .replace("vendor: clean-co", f'vendor: "{HOSTILE_YAML}"'),
        encoding="utf-8",
    )
    return clean_repo


def assert_inert(text: str, *, github: bool = False) -> None:
    """No hidden character, no `##[`, and no line a runner would read as a workflow command."""
    assert sorted(f"U+{ord(c):04X}" for c in set(text) & HIDDEN) == []
    assert "##[" not in text
    for line in re.split(r"\r\n|\r|\n", text):
        opened = line.lstrip(DOTNET_BLANKS)
        if github and line.startswith("::"):
            assert re.split(r"[ :]", line[2:], maxsplit=1)[0] in OUR_COMMANDS, line
        else:
            assert not opened.startswith("::"), line


def check(repo: Path, *args: str) -> Run:
    return run_vendorgate("check", ".", "--as-of", AS_OF, *args, cwd=repo)


def test_text_shows_hostile_names_and_values_escaped(hostile_repo: Path) -> None:
    run = check(hostile_repo)
    assert run.code == 1, run.stderr
    assert_inert(run.stdout)
    assert_inert(run.stderr)
    lines = run.stdout.splitlines()
    assert any(line.startswith("\\u003a:error::x.yaml:") for line in lines)
    assert any(line.startswith("\\u003a:stop-commands::tok.yaml:") for line in lines)
    (waived,) = [line for line in lines if "DOS-004" in line]
    assert (
        "\\u202e\\u001b[2J\\u001b]0;pwned\\u0007##\\u005berror]pwned\\u2028\\u0085\\u2066::error::x" in waived
    )
    assert "(waived by ciso\\u202e" in waived


def test_annotations_and_summary_show_hostile_values_escaped(hostile_repo: Path) -> None:
    summary = hostile_repo / "summary.md"
    run = check(hostile_repo, "-f", "github", "--summary", str(summary))
    assert run.code == 1, run.stderr
    assert_inert(run.stdout, github=True)
    assert_inert(summary.read_text(encoding="utf-8"))
    assert "::error file=%3A%3Aerror%3A%3Ax.yaml," in run.stdout
    assert "::group::e\\u001b\\u202ex.yaml" in run.stdout
    markdown = summary.read_text(encoding="utf-8")
    assert "| \\\\u202e\\\\u001b\\[2J\\\\u001b\\]0;pwned\\\\u0007##\\\\u005berror\\]pwned" in markdown
    assert "- SCH-001 e\\\\u001b\\\\u202ex.yaml:3 — invalid YAML" in markdown


def test_error_messages_on_stderr_are_escaped(hostile_repo: Path) -> None:
    run = check(hostile_repo, "-o", "no\x1b[31mdir\u202e/::error::x.json")
    assert run.code == 2
    assert_inert(run.stderr)
    assert run.stderr.startswith(
        "vendorgate: error: cannot write --output no\\u001b[31mdir\\u202e/::error::x.json:"
    )
    run = run_vendorgate("check", "--\x1b[2J\u202e##[error]x", cwd=hostile_repo)
    assert run.code == 2
    assert_inert(run.stderr)
    assert run.stderr.splitlines()[-1].startswith("vendorgate: error: No such option")
