"""The `vendorgate` pre-commit hook, run by a real pre-commit through `pre-commit try-repo`.

pre-commit comes from PyPI: from the dev extra when it is installed there, else into a
throwaway virtual environment. The hook repository is a committed snapshot of this
work tree (tracked and untracked, not ignored files): `try-repo` on the work tree
itself would take only its committed and tracked-modified files, so a new hook
manifest or module would be missing until committed, and it would see edits in
progress. pre-commit pip-installs that snapshot into its hook environment, exactly
as it installs a released tag for a user.

`try-repo` builds the hook environment in a throwaway store on every call; the
`_TRY_REPO` shim pins that store to one per module, so the environment is built once
(in the `hook` fixture) and reused by every test. pre-commit keys that store on the
hook repository's path relative to the repository it runs in, so every repository
of dossiers sits at the same depth beside the snapshot (`Hook.new_repo`).

The dossiers are copies of examples/vendors/northwind-ai with every date moved by
the days between today and the date the example is written for, because the hook
evaluates as of today.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import textwrap
import urllib.error
import urllib.request
import venv
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = REPO_ROOT / "examples" / "vendors" / "northwind-ai"
EXAMPLE_AS_OF = date(2026, 12, 1)  # the evaluation date the example dossier is written for
PRE_COMMIT_REQUIREMENT = "pre-commit==4.7.0"
HOOK_ID = "vendorgate"
DATE = re.compile(r"(?<![\w-])(\d{4})-(\d{2})-(\d{2})(?![\w-])")
IGNORED_IN_SNAPSHOT = shutil.ignore_patterns(
    ".git", ".venv", "__pycache__", ".*_cache", ".hypothesis", "build", "dist", "*.egg-info"
)

# Runs the real `pre-commit try-repo`, with its throwaway store replaced by one kept
# for the whole module (see the module docstring).
_TRY_REPO = textwrap.dedent(
    """
    import sys
    from pre_commit.commands import try_repo
    from pre_commit.main import main
    from pre_commit.store import Store

    store_dir, argv = sys.argv[1], sys.argv[2:]
    if hasattr(try_repo, "Store"):
        try_repo.Store = lambda _throwaway: Store(store_dir)
    raise SystemExit(main(argv))
    """
)


@dataclass(frozen=True)
class Result:
    code: int
    output: str


@dataclass(frozen=True)
class Hook:
    """Runs `pre-commit try-repo <snapshot> vendorgate` in a repository of dossiers."""

    python: str
    repo: Path
    store: Path
    env: dict[str, str]
    warmup: Result

    def try_repo(self, cwd: Path, *args: str, timeout: float = 300) -> Result:
        return _try_repo(self.python, self.store, self.repo, cwd, self.env, args, timeout)

    def new_repo(self, name: str) -> Path:
        return _new_repo(_repos_dir(self.repo) / name)


def _repos_dir(hook_repo: Path) -> Path:
    """Where the repositories of dossiers go: all at one relative path to the hook repo."""
    return hook_repo.parent / "repos"


def _try_repo(
    python: str,
    store: Path,
    repo: Path,
    cwd: Path,
    env: dict[str, str],
    args: tuple[str, ...],
    timeout: float,
) -> Result:
    done = subprocess.run(
        [python, "-c", _TRY_REPO, str(store), "try-repo", str(repo), HOOK_ID, "--color=never", "-v", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=timeout,
        check=False,
    )
    return Result(done.returncode, done.stdout)


def _base_env() -> dict[str, str]:
    """This environment without anything that would steer git, pre-commit or vendorgate."""
    dropped = ("GIT_", "PRE_COMMIT", "VENDORGATE_", "PYTHONPATH", "PYTHONHOME")
    env = {k: v for k, v in os.environ.items() if not k.startswith(dropped) and k != "SKIP"}
    env.update(
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="vendorgate tests",
        GIT_AUTHOR_EMAIL="tests@vendorgate.invalid",
        GIT_COMMITTER_NAME="vendorgate tests",
        GIT_COMMITTER_EMAIL="tests@vendorgate.invalid",
    )
    return env


def _git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=_base_env(), capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"git {' '.join(args)} failed:\n{done.stdout}{done.stderr}"
    return done.stdout


def _new_repo(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    _git(path, "init", "-q")
    _git(path, "config", "commit.gpgsign", "false")
    return path


def _commit_all(repo: Path, message: str) -> None:
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", message)


def _pypi_unreachable() -> str | None:
    """Why PyPI cannot be reached, or None when it answers."""
    index = os.environ.get("PIP_INDEX_URL", "https://pypi.org/simple/").rstrip("/")
    try:
        with urllib.request.urlopen(f"{index}/pre-commit/", timeout=15):
            return None
    except urllib.error.HTTPError:
        return None  # it answered
    except (urllib.error.URLError, OSError) as exc:
        return f"PyPI is unreachable ({exc}); the pre-commit hook test needs it"


def _fail_or_skip(what: str, output: str) -> None:
    reason = _pypi_unreachable()
    if reason is not None:
        pytest.skip(reason)
    pytest.fail(f"{what} failed:\n{output}")


def _pre_commit_python(scratch: Path) -> str:
    """A Python that can `import pre_commit`: this one (dev extra) or a fresh venv."""
    if importlib.util.find_spec("pre_commit") is not None:
        return sys.executable
    home = scratch / "pre-commit-venv"
    venv.EnvBuilder(with_pip=True).create(home)
    python = str(home / "bin" / "python")
    done = subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", PRE_COMMIT_REQUIREMENT],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode != 0:
        _fail_or_skip(f"pip install {PRE_COMMIT_REQUIREMENT}", done.stdout + done.stderr)
    return python


def _opa_binary() -> Path:
    local = REPO_ROOT / ".venv" / "bin" / "opa"
    if local.is_file():
        return local
    found = shutil.which("opa")
    if found is None:
        pytest.fail("no opa binary in .venv/bin or on PATH: run `make setup`")
    return Path(found)


def _snapshot(dest: Path) -> Path:
    """A git repository whose one commit is this work tree's tracked and untracked files."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO_ROOT,
        env=_base_env(),
        capture_output=True,
        check=False,
    )
    if listed.returncode == 0:
        for name in filter(None, listed.stdout.decode().split("\0")):
            source = REPO_ROOT / name
            if source.is_file() or source.is_symlink():
                (dest / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, dest / name, follow_symlinks=False)
    else:  # not a git work tree (an unpacked source archive)
        shutil.copytree(REPO_ROOT, dest, ignore=IGNORED_IN_SNAPSHOT, dirs_exist_ok=True)
    assert (dest / ".pre-commit-hooks.yaml").is_file()
    _new_repo(dest)
    _commit_all(dest, "vendorgate snapshot")
    return dest


def _shift_dates(text: str, days: int) -> str:
    def shifted(match: re.Match[str]) -> str:
        return (date.fromisoformat(match.group(0)) + timedelta(days=days)).isoformat()

    return DATE.sub(shifted, text)


def _stage_engagement_edit(repo: Path, vendor: str) -> None:
    """Stage a harmless edit of one vendor's engagement: the only staged file of the commit."""
    _replace_once(
        repo / "vendors" / vendor / "engagement.yaml",
        "contact: legal-ops@example.com",
        "contact: vendor-risk@example.com",
    )
    _git(repo, "add", f"vendors/{vendor}/engagement.yaml")


def _replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path} should contain {old!r} exactly once"
    path.write_text(text.replace(old, new), encoding="utf-8")


def write_dossier(repo: Path, vendor: str) -> Path:
    """A copy of the clean example dossier as vendors/<vendor>/, dated for today."""
    folder = repo / "vendors" / vendor
    shutil.copytree(EXAMPLE / "evidence", folder / "evidence")
    days = (date.today() - EXAMPLE_AS_OF).days
    for source in sorted(EXAMPLE.glob("*.yaml")):
        text = _shift_dates(source.read_text(encoding="utf-8"), days)
        text, renamed = re.subn(r"(?m)^vendor: .*$", f"vendor: {vendor}", text)
        assert renamed == 1, f"{source} should name its vendor once"
        (folder / source.name).write_text(text, encoding="utf-8")
    return folder


def breach_window_line(contract: Path) -> int:
    lines = contract.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.strip().startswith("window_hours:"))


@pytest.fixture(scope="module")
def hook(tmp_path_factory: pytest.TempPathFactory) -> Hook:
    """pre-commit, the hook repository and its environment, built once for the module."""
    scratch = tmp_path_factory.mktemp("pre-commit")
    python = _pre_commit_python(scratch)
    repo = _snapshot(scratch / "vendorgate")
    store = scratch / "store"
    env = _base_env()
    env["VENDORGATE_OPA_BINARY"] = str(_opa_binary())

    # Build the hook environment once, on files the hook must pass over.
    warm = _new_repo(_repos_dir(repo) / "warm-up")
    (warm / "vendors" / "acme" / "evidence").mkdir(parents=True)
    (warm / "README.md").write_text("# dossiers\n", encoding="utf-8")
    (warm / "notes.yaml").write_text("note: not under vendors/\n", encoding="utf-8")
    (warm / "vendors" / "vendorgate.yaml").write_text("thresholds: {}\n", encoding="utf-8")
    (warm / "vendors" / "acme" / "evidence" / "scan.json").write_text("{}\n", encoding="utf-8")
    _commit_all(warm, "warm-up")
    files = ("README.md", "notes.yaml", "vendors/vendorgate.yaml", "vendors/acme/evidence/scan.json")
    warmup = _try_repo(python, store, repo, warm, env, ("--files", *files), timeout=900)
    if "Installing environment" not in warmup.output or "Skipped" not in warmup.output:
        _fail_or_skip("building the pre-commit hook environment", warmup.output)
    return Hook(python=python, repo=repo, store=store, env=env, warmup=warmup)


@pytest.fixture
def dossiers(hook: Hook, request: pytest.FixtureRequest) -> Path:
    """A committed repository with two clean dossiers, vendors/good-co and vendors/bad-co."""
    repo = hook.new_repo(request.node.name)
    write_dossier(repo, "good-co")
    write_dossier(repo, "bad-co")
    _commit_all(repo, "two clean dossiers")
    return repo


@pytest.fixture
def break_bad_co() -> Callable[[Path], Path]:
    """Sets bad-co's breach notification window to 96 h (IR-001); returns its contract."""

    def breaks(repo: Path) -> Path:
        contract = repo / "vendors" / "bad-co" / "contract.yaml"
        _replace_once(contract, "window_hours: 24", "window_hours: 96")
        return contract

    return breaks


def test_manifest_is_valid(hook: Hook) -> None:
    done = subprocess.run(
        [hook.python, "-m", "pre_commit", "validate-manifest", str(REPO_ROOT / ".pre-commit-hooks.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_files_outside_dossiers_are_not_passed_to_the_hook(hook: Hook) -> None:
    # README.md and notes.yaml are outside vendors/; a nested vendorgate.yaml and evidence are excluded.
    assert hook.warmup.code == 0, hook.warmup.output
    assert "(no files to check)Skipped" in hook.warmup.output


def test_passing_dossier_passes(hook: Hook, dossiers: Path) -> None:
    good_co = dossiers / "vendors" / "good-co"
    files = sorted(p.relative_to(dossiers).as_posix() for p in good_co.glob("*.yaml"))
    done = hook.try_repo(dossiers, "--files", *files)
    assert done.code == 0, done.output
    assert "Passed" in done.output


def test_staged_contract_change_fails_at_its_line(
    hook: Hook, dossiers: Path, break_bad_co: Callable[[Path], Path]
) -> None:
    contract = break_bad_co(dossiers)
    _git(dossiers, "add", "vendors/bad-co/contract.yaml")

    done = hook.try_repo(dossiers)  # no --files: pre-commit passes the staged files

    assert done.code == 1, done.output
    assert "- exit code: 1" in done.output  # findings, not "could not evaluate" (2)
    assert "IR-001" in done.output
    assert f"vendors/bad-co/contract.yaml:{breach_window_line(contract)}:" in done.output
    assert "good-co" not in done.output


def test_staged_engagement_evaluates_the_whole_dossier(
    hook: Hook, dossiers: Path, break_bad_co: Callable[[Path], Path]
) -> None:
    contract = break_bad_co(dossiers)
    _commit_all(dossiers, "bad-co agrees to a 96 h breach window")
    _stage_engagement_edit(dossiers, "bad-co")
    assert _git(dossiers, "diff", "--cached", "--name-only").split() == ["vendors/bad-co/engagement.yaml"]

    done = hook.try_repo(dossiers)

    # Only engagement.yaml is staged, yet the unstaged contract is read and reported.
    assert done.code == 1, done.output
    assert "IR-001" in done.output
    assert f"vendors/bad-co/contract.yaml:{breach_window_line(contract)}:" in done.output


def test_dossiers_without_staged_files_are_not_checked(
    hook: Hook, dossiers: Path, break_bad_co: Callable[[Path], Path]
) -> None:
    break_bad_co(dossiers)
    _commit_all(dossiers, "bad-co agrees to a 96 h breach window")
    _stage_engagement_edit(dossiers, "good-co")

    done = hook.try_repo(dossiers)

    assert done.code == 0, done.output
    assert "Passed" in done.output
    assert "IR-001" not in done.output


def test_an_upper_case_suffix_is_checked_as_in_ci(
    hook: Hook, dossiers: Path, break_bad_co: Callable[[Path], Path]
) -> None:
    # pre-commit's `types_or` and vendorgate's discovery both read .YAML as YAML.
    contract = break_bad_co(dossiers)
    upper = contract.rename(contract.with_name("CONTRACT.YAML"))
    _git(dossiers, "add", "-A", "vendors/bad-co")

    done = hook.try_repo(dossiers)

    assert done.code == 1, done.output
    assert "IR-001" in done.output
    assert f"vendors/bad-co/CONTRACT.YAML:{breach_window_line(upper)}:" in done.output


def _expired_waiver_for_bad_co(repo: Path) -> None:
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    (repo / "vendorgate.yaml").write_text(
        "waivers:\n"
        "  - rule: IR-001\n"
        "    vendor: bad-co\n"
        "    justification: accepted while the DPA is renegotiated\n"
        "    approved_by: ciso@example.com\n"
        f'    expires_on: "{yesterday}"\n',
        encoding="utf-8",
    )


def test_another_vendors_expired_waiver_does_not_block_a_commit(hook: Hook, dossiers: Path) -> None:
    _expired_waiver_for_bad_co(dossiers)
    _commit_all(dossiers, "a waiver for bad-co, expired yesterday")
    _stage_engagement_edit(dossiers, "good-co")

    done = hook.try_repo(dossiers)

    assert done.code == 0, done.output
    assert "WVR-001" not in done.output


def test_a_staged_profile_judges_every_waiver_and_dossier(hook: Hook, dossiers: Path) -> None:
    _expired_waiver_for_bad_co(dossiers)
    _git(dossiers, "add", "vendorgate.yaml")

    done = hook.try_repo(dossiers)

    assert done.code == 1, done.output
    assert re.search(r"^vendorgate\.yaml:2:\d+: error WVR-001 ", done.output, re.MULTILINE), done.output
    assert "in 2 dossiers (6 files checked)" in done.output


def test_the_hook_never_reads_an_archive_outside_the_profiles_paths(hook: Hook, dossiers: Path) -> None:
    archive = dossiers / "archive" / "good-co"
    archive.mkdir(parents=True)
    shutil.copy(dossiers / "vendors" / "good-co" / "contract.yaml", archive / "contract-2023.yaml")
    (dossiers / "vendorgate.yaml").write_text("paths: [vendors]\n", encoding="utf-8")
    _commit_all(dossiers, "archive an old contract of good-co")
    _stage_engagement_edit(dossiers, "good-co")

    done = hook.try_repo(dossiers)

    assert done.code == 0, done.output
    assert "DOS-002" not in done.output
    assert "archive" not in done.output
