"""`vendorgate rules`: the rule catalog, with the profile's custom rules."""

from __future__ import annotations

from pathlib import Path

import click

from vendorgate.commands import config_option, profile_path


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
)
@config_option
def rules(fmt: str, config_file: Path | None) -> None:
    """List the rule catalog with severity, controls and thresholds, the profile's custom rules included."""
    from vendorgate.catalog_view import render_rules

    click.echo(render_rules(fmt, *profile_path(config_file)), nl=False)
