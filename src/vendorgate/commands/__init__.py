"""The commands of the command line, one module each, and what they share: the root, the profile, stderr."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import click

# `check`, `rules`, `explain` and `test-policies` find the profile the same way.
config_option = click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path),
    help="Organisation profile (default: vendorgate.yaml at the repository root).",
)


def say(level: str, message: str) -> None:
    """One line on stderr; the message may quote a file name or a dossier value, so it is escaped."""
    from vendorgate.output.escaping import visible

    click.echo(f"vendorgate: {level}: {visible(message)}", err=True)


def find_root(paths: Sequence[Path]) -> Path:
    """The git work tree holding the first path, else the folder common to all paths."""
    first = paths[0].absolute() if paths else Path.cwd()
    folder = first if first.is_dir() else first.parent
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    cwd = Path.cwd()
    absolute = [p.absolute() for p in paths] or [cwd]
    if all(p.is_relative_to(cwd) for p in absolute):
        return cwd
    return Path(os.path.commonpath([p if p.is_dir() else p.parent for p in absolute]))


def profile_path(config_file: Path | None) -> tuple[Path | None, Path]:
    """The profile `check` would read from here, and the repository root."""
    from vendorgate.profile import find_profile

    root = find_root(()).absolute()
    return find_profile(config_file, root), root
