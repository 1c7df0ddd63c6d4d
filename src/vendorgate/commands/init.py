"""`vendorgate init`: a dossier skeleton for a new vendor."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False), required=False)
@click.option("--vendor", required=True, help="The vendor id (a lower-case slug).")
def init(folder: Path | None, vendor: str) -> None:
    """Write a dossier skeleton for VENDOR into FOLDER (default: vendors/VENDOR)."""
    from vendorgate.output.escaping import visible
    from vendorgate.scaffold import write_skeleton

    for path in write_skeleton(folder or Path("vendors") / vendor, vendor):
        click.echo(f"wrote {visible(str(path))}")
