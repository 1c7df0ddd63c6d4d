"""The actions that action.yml and the workflows call: current, pinned by commit SHA, no Go build.

A tag such as `@v4` is a moving reference: whoever controls the action's repository
can point it at other code, which then runs with the job's token. Every action is
therefore called by the full 40-hex commit SHA of a release, the release tag in a
comment (`uses: actions/checkout@<sha> # v7.0.1`), the form Dependabot and Renovate
update. The SHAs were read from each action's repository (the commit a tag points
to, peeled), not typed from memory; this module checks their form, that every file
uses one pin per action, and that no action is below the major that was current on
2026-12-03 (github/codeql-action v3 is deprecated in December 2026).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
ACTION = REPO_ROOT / "action.yml"
CI = REPO_ROOT / ".github" / "workflows" / "ci.yml"
EXAMPLE = REPO_ROOT / "examples" / "github" / "vendor-onboarding.yml"
EXAMPLE_PROFILE = REPO_ROOT / "examples" / "custom-policy" / "vendorgate.yaml"
FILES = sorted(
    [
        ACTION,
        *(REPO_ROOT / ".github" / "workflows").glob("*.y*ml"),
        *(REPO_ROOT / "examples" / "github").glob("*.y*ml"),
    ]
)

# The lowest major accepted per action repository: the current one on 2026-12-03.
CURRENT_MAJOR = {
    "actions/checkout": 7,
    "actions/setup-python": 7,
    "actions/cache": 5,
    "actions/setup-go": 7,
    "actions/upload-artifact": 7,
    "open-policy-agent/setup-opa": 2,
    "github/codeql-action": 4,
}
OPA_VERSION = "1.22.3"
# vendorgate publishes no tags: the example names a placeholder the user replaces.
SELF = "vendorgate/vendorgate"
SELF_PLACEHOLDER = "VENDORGATE_COMMIT_SHA"

USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>[^\s#]+)(?:\s+#\s*(?P<comment>.*?))?\s*$")
PINNED = re.compile(r"^(?P<repo>[\w.-]+/[\w.-]+)(?P<subpath>/[^@\s]+)?@(?P<sha>[0-9a-f]{40})$")
RELEASE_TAG = re.compile(r"^v(?P<major>\d+)\.\d+\.\d+$")


def _load(path: Path) -> dict[Any, Any]:
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict), path
    return loaded


def _triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    # PyYAML reads the bare key `on` as the boolean true (YAML 1.1).
    triggers = workflow["on"] if "on" in workflow else workflow[True]
    assert isinstance(triggers, dict)
    return triggers


def _yaml_uses(value: Any) -> list[str]:
    """Every `uses:` value in a loaded file, in order."""
    if isinstance(value, dict):
        found = [value["uses"]] if isinstance(value.get("uses"), str) else []
        return found + [u for k, v in value.items() if k != "uses" for u in _yaml_uses(v)]
    if isinstance(value, list):
        return [u for v in value for u in _yaml_uses(v)]
    return []


def _line_uses(path: Path) -> list[tuple[str, str]]:
    """Every `uses:` line of a file as (reference, comment): YAML drops the comments."""
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = USES_LINE.match(line)
        if match:
            found.append((match["ref"], match["comment"] or ""))
    return found


def _remote_uses(path: Path) -> list[tuple[str, str]]:
    """The `uses:` lines that call an action from another repository."""
    return [(ref, comment) for ref, comment in _line_uses(path) if not ref.startswith(("./", "docker://"))]


def _pins() -> list[tuple[str, str, str, str]]:
    """(file, repository, sha, tag) for every pinned third-party action."""
    pins = []
    for path in FILES:
        for ref, comment in _remote_uses(path):
            match = PINNED.match(ref)
            if match and match["repo"] != SELF:
                pins.append((path.name, match["repo"] + (match["subpath"] or ""), match["sha"], comment))
    return pins


def test_the_files_are_found() -> None:
    assert {ACTION, CI, EXAMPLE} <= set(FILES)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(REPO_ROOT).as_posix())
def test_every_uses_is_read_with_its_comment(path: Path) -> None:
    # The pin checks read lines; the YAML parser confirms that no `uses:` escaped them.
    assert [ref for ref, _ in _line_uses(path)] == _yaml_uses(_load(path))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(REPO_ROOT).as_posix())
def test_every_action_is_pinned_by_commit_sha_with_its_release_tag(path: Path) -> None:
    uses = _remote_uses(path)
    assert uses, f"{path.name} calls no action"
    for ref, comment in uses:
        if ref.partition("@")[0] == SELF:
            continue  # test_the_example_pins_vendorgate_to_a_commit_the_user_chooses
        assert PINNED.match(ref), f"{path.name}: {ref} is not pinned by a full 40-hex commit SHA"
        assert RELEASE_TAG.match(comment), f"{path.name}: {ref} lacks its release tag as `# vX.Y.Z`"


def test_every_action_is_at_its_current_major() -> None:
    pins = _pins()
    assert pins
    for name, action, _, tag in pins:
        repo = "/".join(action.split("/")[:2])
        assert repo in CURRENT_MAJOR, f"{name}: {action} is new here: add its current major to CURRENT_MAJOR"
        match = RELEASE_TAG.match(tag)
        assert match, f"{name}: {action} # {tag}"
        assert int(match["major"]) >= CURRENT_MAJOR[repo], (
            f"{name}: {action} {tag} is below v{CURRENT_MAJOR[repo]}"
        )


def test_code_scanning_upload_is_codeql_action_v4_or_later() -> None:
    uploads = [(tag, sha) for _, action, sha, tag in _pins() if action == "github/codeql-action/upload-sarif"]
    assert uploads, "action.yml no longer uploads SARIF with github/codeql-action/upload-sarif"
    for tag, _ in uploads:
        match = RELEASE_TAG.match(tag)
        assert match, f"upload-sarif # {tag}"
        assert int(match["major"]) >= 4, f"upload-sarif {tag}: v3 is deprecated in December 2026"


def test_one_pin_per_action_in_every_file() -> None:
    seen: dict[str, tuple[str, str, str]] = {}
    for name, action, sha, tag in _pins():
        first = seen.setdefault(action, (name, sha, tag))
        assert (sha, tag) == first[1:], (
            f"{action}: {name} pins {sha} # {tag}, {first[0]} {first[1]} # {first[2]}"
        )


def test_the_example_pins_vendorgate_to_a_commit_the_user_chooses() -> None:
    # No tag is published: neither a tag nor a branch, only a commit SHA or the placeholder.
    selves = [(ref, comment) for ref, comment in _remote_uses(EXAMPLE) if ref.startswith(f"{SELF}@")]
    assert len(selves) == 1
    ref, _ = selves[0]
    version = ref.partition("@")[2]
    assert version == SELF_PLACEHOLDER or re.fullmatch(r"[0-9a-f]{40}", version), ref
    header = EXAMPLE.read_text(encoding="utf-8")
    assert SELF_PLACEHOLDER in header.split("\nname:", 1)[0], "the header must say how to replace it"
    assert "git ls-remote" in header


# -- OPA on the runner: OPA's own release binary, never a Go build ------------------


def _action_steps() -> list[dict[str, Any]]:
    steps = _load(ACTION)["runs"]["steps"]
    assert isinstance(steps, list)
    return steps


def _workflow_steps(path: Path) -> list[dict[str, Any]]:
    return [step for job in _load(path)["jobs"].values() for step in job.get("steps", [])]


@pytest.mark.parametrize("path", [ACTION, EXAMPLE], ids=["action.yml", "vendor-onboarding.yml"])
def test_opa_is_not_built_with_go_on_the_runner(path: Path) -> None:
    steps = _action_steps() if path == ACTION else _workflow_steps(path)
    for step in steps:
        assert not str(step.get("uses", "")).startswith("actions/setup-go@"), step
        script = str(step.get("run", ""))
        assert not re.search(r"\bgo\s+(install|build|get)\b", script), step.get("name")


def test_action_installs_opa_with_setup_opa_at_the_exact_version() -> None:
    action = _load(ACTION)
    assert str(action["inputs"]["opa-version"]["default"]) == OPA_VERSION
    steps = _action_steps()
    names = [step.get("name") for step in steps]
    setup = [step for step in steps if str(step.get("uses", "")).startswith("open-policy-agent/setup-opa@")]
    assert len(setup) == 1
    # setup-opa takes the number without a `v`, and resolves ranges: the step before
    # it admits only an exact release, the step after it checks what is on PATH.
    assert setup[0]["with"] == {"version": "${{ inputs.opa-version }}"}
    position = steps.index(setup[0])
    assert names.index("Check the OPA version") < position < names.index("Locate OPA")
    check = next(step for step in steps if step.get("id") == "check")
    assert check["env"]["VENDORGATE_OPA_BINARY"] == "${{ steps.opa.outputs.binary }}"


# -- triggers ------------------------------------------------------------------------


@pytest.mark.parametrize("path", [CI, EXAMPLE], ids=["ci.yml", "vendor-onboarding.yml"])
def test_workflow_runs_in_a_merge_queue(path: Path) -> None:
    assert "merge_group" in _triggers(_load(path))


def test_no_sarif_upload_from_a_merge_queue() -> None:
    # The queue's gh-readonly-queue/* ref is deleted when the entry resolves: the upload races it.
    upload = next(
        s for s in _action_steps() if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif@")
    )
    assert "github.event_name != 'merge_group'" in upload["if"]


def _glob_matches(pattern: str, path: str) -> bool:
    """GitHub's filter glob: `**` crosses folders, `*` and `?` do not."""
    regex = "".join(
        ".*" if token == "**" else "[^/]*" if token == "*" else "[^/]" if token == "?" else re.escape(token)
        for token in re.findall(r"\*\*|\*|\?|[^*?]+", pattern)
    )
    return re.fullmatch(regex, path) is not None


def test_glob_matching_follows_github() -> None:
    assert _glob_matches("vendors/**", "vendors/acme/contract.yaml")
    assert not _glob_matches("vendors/*", "vendors/acme/contract.yaml")
    assert not _glob_matches("vendorgate.yaml", "sub/vendorgate.yaml")


def test_example_paths_filter_covers_everything_that_changes_a_verdict() -> None:
    paths = _triggers(_load(EXAMPLE))["pull_request"]["paths"]
    profile = _load(EXAMPLE_PROFILE)
    assert profile["policies"], "the example profile names no custom policy folder"
    changed = [
        "vendors/acme/contract.yaml",
        "vendorgate.yaml",
        ".github/workflows/vendor-onboarding.yml",
        *(f"{folder.rstrip('/')}/availability.rego" for folder in profile["policies"]),
    ]
    for path in changed:
        assert any(_glob_matches(p, path) for p in paths), f"a pull request changing {path} skips the gate"


def test_example_gates_pull_requests_on_their_base_and_runs_everything_nightly() -> None:
    workflow = _load(EXAMPLE)
    assert "schedule" in _triggers(workflow)
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    gate = next(s for s in steps if str(s.get("uses", "")).startswith("vendorgate/vendorgate@"))
    assert gate["with"]["baseline-ref"] == "${{ github.event.pull_request.base.sha || '' }}"
    assert gate["with"]["fail-on-new"] == "${{ github.event_name == 'pull_request' }}"
    checkout = next(s for s in steps if str(s.get("uses", "")).startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # the base commit is there to check out
