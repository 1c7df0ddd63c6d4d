"""`vendorgate explain`: one rule's full description, source, controls, thresholds and remedy."""

from __future__ import annotations

from pathlib import Path

import click

from vendorgate.commands import config_option, profile_path


@click.command()
@click.argument("rule_id")
@config_option
def explain(rule_id: str, config_file: Path | None) -> None:
    """Print one rule's full description, source, controls, thresholds and remedy."""
    from vendorgate.catalog_view import render_explain

    click.echo(render_explain(rule_id, *profile_path(config_file)), nl=False)
