"""Builds the OPA bundle of vendorgate's policies (`opa build`), with a content-hash revision.

The only place that runs `opa build`. A bundle holds the built-in policies (`policies/`,
tests left out) and the profile's custom policy folders, laid out as:

    vendorgate/...        the built-in files, as under policies/
    custom/<n>/...        the files of the n-th folder under the profile's `policies:`
    .manifest             {"revision": "sha256:<hex>", "roots": [...], "metadata": {...}}

The revision is policy_revision(): the SHA-256 of the bundle's policy files, each as its path
in the bundle and its bytes; the same files give the same revision, and any change of a byte, a
name or the set of files gives another.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from vendorgate import __version__
from vendorgate.errors import EngineError, PolicyError, UsageError
from vendorgate.policy.contract import PROFILE_DATA_PATH
from vendorgate.policy.metadata import rego_files
from vendorgate.policy.opa_process import check_version, find_opa
from vendorgate.resources import policies_dir

# The data paths the bundle owns. `vendorgate` holds every package of the policies
# (vendorgate.main, .lib, .rules, .custom.<name>); the profile's data path is claimed too,
# so nothing written into a server that serves the bundle can change what it decides.
BUNDLE_ROOTS = ("vendorgate", PROFILE_DATA_PATH)
DEFAULT_SIGNING_ALGORITHM = "RS256"
BUILD_TIMEOUT_SECONDS = 300
# Changes when what the revision covers changes, so two schemes never give the same text.
_REVISION_SCHEME = b"vendorgate-policy-revision-1\0"
_BUILD_ERROR = re.compile(r"(\S+\.rego):(\d+): (rego_\w+_error): (.*)")
_OUTSIDE_ROOTS = re.compile(r"do not permit 'package ([\w.]+)' in module '([^']+)'")


@dataclass(frozen=True, kw_only=True, slots=True)
class PolicySource:
    """One policy file of the bundle: where it goes in the bundle, where it is read from, its bytes."""

    bundle_path: str
    path: Path
    text: bytes


@dataclass(frozen=True, kw_only=True, slots=True)
class BundleSpec:
    """What to build: the custom folders, where to write, how to sign, which OPA to run."""

    custom: tuple[Path, ...] = ()
    output: Path
    signing_key: Path | None = None
    signing_alg: str = DEFAULT_SIGNING_ALGORITHM
    opa_binary: str | None = None
    # Files the bundle must never overwrite (the profile; the policies and key are added).
    protected: tuple[Path, ...] = ()


@dataclass(frozen=True, kw_only=True, slots=True)
class Built:
    """A written bundle."""

    output: Path
    revision: str
    files: int
    algorithm: str | None
    """The signing algorithm; None for a bundle that is not signed."""


def policy_sources(custom: Sequence[Path]) -> list[PolicySource]:
    """Every policy file of the bundle, read once: the built-in ones, then each custom folder's."""
    builtin = policies_dir()
    located = [(path.relative_to(builtin).as_posix(), path) for path in rego_files([builtin])]
    for number, folder in enumerate(custom, start=1):
        located.extend(
            (f"custom/{number}/{path.relative_to(folder).as_posix()}", path) for path in rego_files([folder])
        )
    sources = []
    for bundle_path, path in located:
        try:
            text = path.read_bytes()
        except OSError as exc:
            raise UsageError(
                f"{path} cannot be read ({exc.strerror or type(exc).__name__}); make it readable"
                " or remove it from the policy folder"
            ) from exc
        sources.append(PolicySource(bundle_path=bundle_path, path=path, text=text))
    return sources


def revision(sources: Sequence[PolicySource]) -> str:
    """The content hash of the policy files: `sha256:` and 64 hex digits."""
    digest = hashlib.sha256(_REVISION_SCHEME)
    for source in sorted(sources, key=lambda s: s.bundle_path):
        name = source.bundle_path.encode("utf-8")
        # Each length first: no two different sets of files give the same stream of bytes.
        digest.update(len(name).to_bytes(8, "big") + name)
        digest.update(len(source.text).to_bytes(8, "big") + source.text)
    return f"sha256:{digest.hexdigest()}"


def policy_revision(custom: Sequence[Path] = ()) -> str:
    """The revision a bundle of the built-in policies and these custom folders has."""
    return revision(policy_sources(custom))


def build(spec: BundleSpec) -> Built:
    """Build the bundle and write it to spec.output (atomically); raises VendorgateError when it cannot."""
    key = _checked_key(spec.signing_key)
    sources = policy_sources(spec.custom)
    _check_output(spec.output, [*spec.protected, *(s.path for s in sources), *([key] if key else [])])
    binary = find_opa(spec.opa_binary)
    check_version(binary)
    rev = revision(sources)
    with tempfile.TemporaryDirectory(prefix="vendorgate-bundle-") as scratch:
        stage = Path(scratch) / "bundle"
        for source in sources:
            target = stage / source.bundle_path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.text)
        manifest = {"revision": rev, "roots": list(BUNDLE_ROOTS), "metadata": {"vendorgate": __version__}}
        (stage / ".manifest").write_text(json.dumps(manifest), encoding="utf-8")
        built = Path(scratch) / "bundle.tar.gz"
        _opa_build(
            binary,
            stage,
            built,
            key=key,
            algorithm=spec.signing_alg,
            sources={s.bundle_path: s.path for s in sources},
        )
        _write(built, spec.output)
    return Built(
        output=spec.output, revision=rev, files=len(sources), algorithm=spec.signing_alg if key else None
    )


def _checked_key(key: Path | None) -> Path | None:
    """The signing key as an absolute path, once it is known to be a readable file.

    `opa build --signing-key` takes a value that is not a file as the HMAC secret itself:
    a mistyped path would sign with its own text. So the file must exist first.
    """
    if key is None:
        return None
    try:
        info = key.stat()
        if not stat.S_ISREG(info.st_mode):
            raise UsageError(f"the signing key {key} is not a file; give the path of the private key file")
        with key.open("rb"):
            pass
    except FileNotFoundError as exc:
        raise UsageError(
            f"the signing key {key} does not exist; give the path of a PEM private key"
            " (or, for HS256/384/512, of a file holding the secret)"
        ) from exc
    except OSError as exc:
        raise UsageError(
            f"the signing key {key} cannot be read ({exc.strerror or type(exc).__name__});"
            " make it readable to the user running vendorgate"
        ) from exc
    return key.absolute()


def _check_output(output: Path, inputs: Sequence[Path]) -> None:
    """Refuse an output that cannot be written or that is one of the files the bundle is made of."""
    if output.is_dir():
        raise UsageError(
            f"-o {output} is a folder; name the bundle file to write, e.g. {output / 'bundle.tar.gz'}"
        )
    folder = output.absolute().parent
    if not folder.is_dir():
        raise UsageError(f"-o {output}: the folder {folder} does not exist; create it or choose another path")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(f"-o {output}: the folder {folder} is not writable; choose another path")
    real = os.path.realpath(output)
    for path in inputs:
        if os.path.realpath(path) == real:
            raise UsageError(f"-o {output} is {path}, which the bundle is built from; choose another path")


def _opa_build(
    binary: Path, stage: Path, built: Path, *, key: Path | None, algorithm: str, sources: dict[str, Path]
) -> None:
    command = [str(binary), "build", "--bundle", ".", "--output", str(built)]
    if key is not None:
        command += ["--signing-key", str(key), "--signing-alg", algorithm]
    try:
        done = subprocess.run(
            command,
            cwd=stage,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=BUILD_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise EngineError(
            f"opa build did not finish within {BUILD_TIMEOUT_SECONDS} s; check the machine's load"
        ) from exc
    except OSError as exc:
        raise EngineError(f"the OPA binary {binary} could not run ({exc}); run `make setup`") from exc
    if done.returncode == 0 and built.is_file():
        return
    output = f"{done.stderr}\n{done.stdout}"
    located = _BUILD_ERROR.search(output)
    if located is not None:
        where = located.group(1).removeprefix("/").removeprefix("./")
        source = sources.get(where)
        shown = str(source) if source is not None else where
        raise PolicyError(
            f"{shown}:{located.group(2)}: the policy does not compile ({located.group(3)}:"
            f" {located.group(4).strip()}); fix it and build the bundle again"
        )
    outside = _OUTSIDE_ROOTS.search(output)
    if outside is not None:
        source = sources.get(outside.group(2))
        raise PolicyError(
            f"{source or outside.group(2)}: the package {outside.group(1)} is outside vendorgate's"
            " namespaces, where a bundle may hold no policy; name it vendorgate.custom.<name>"
        )
    reason = _last_line(output)
    for bundle_path, source in sources.items():
        reason = reason.replace(bundle_path, str(source))
    if key is not None:
        raise UsageError(
            f"opa build could not sign the bundle with {key} ({reason}); give a PEM private key"
            f" that matches --signing-alg {algorithm}"
        )
    raise EngineError(f"opa build failed ({reason}); check the OPA installation (`make setup`)")


def _last_line(output: str) -> str:
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    errors = [line for line in lines if "error" in line.lower()]
    chosen = (errors or lines or ["no output"])[-1]
    return chosen.removeprefix("error: ")[:300]


def _write(built: Path, output: Path) -> None:
    """Copy the bundle to `output` through a temporary file beside it: never half a bundle there."""
    folder = output.absolute().parent
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(handle, "wb") as target, built.open("rb") as source:
            shutil.copyfileobj(source, target)
            target.flush()
            os.fsync(target.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, output)
        temporary = None
    except OSError as exc:
        raise UsageError(
            f"-o {output} cannot be written ({exc.strerror or type(exc).__name__}); choose another path"
        ) from exc
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
