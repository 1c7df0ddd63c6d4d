"""`vendorgate bundle`: options → a frozen BundleConfig → build the OPA bundle → write it → exit code."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click

from vendorgate.commands import config_option, profile_path
from vendorgate.model import ExitCode

# The algorithms `opa build --signing-alg` accepts (policy.bundle is imported only when run).
SIGNING_ALGORITHMS = (
    *(f"RS{bits}" for bits in (256, 384, 512)),
    *(f"PS{bits}" for bits in (256, 384, 512)),
    *(f"ES{bits}" for bits in (256, 384, 512)),
    *(f"HS{bits}" for bits in (256, 384, 512)),
)

DEFAULT_OUTPUT = Path("bundle.tar.gz")


@dataclass(frozen=True, kw_only=True, slots=True)
class BundleConfig:
    """Everything one `vendorgate bundle` needs, fixed before it starts."""

    output: Path = DEFAULT_OUTPUT
    config_file: Path | None = None
    signing_key: Path | None = None
    signing_alg: str | None = None
    opa_binary: str | None = None


@click.command("bundle")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=DEFAULT_OUTPUT,
    show_default=True,
    metavar="FILE",
    help="Where to write the bundle (replaced atomically).",
)
@config_option
@click.option(
    "--signing-key",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Sign the bundle with this PEM private key (HS256/384/512: a file holding the secret).",
)
@click.option(
    "--signing-alg",
    type=click.Choice(
        [
            "RS256",
            "RS384",
            "RS512",
            "PS256",
            "PS384",
            "PS512",
            "ES256",
            "ES384",
            "ES512",
            "HS256",
            "HS384",
            "HS512",
        ]
    ),
    help="Signing algorithm, with --signing-key (default: RS256).",
)
@click.option("--opa-binary", envvar="VENDORGATE_OPA_BINARY", metavar="PATH")
def bundle(
    output: Path,
    config_file: Path | None,
    signing_key: Path | None,
    signing_alg: str | None,
    opa_binary: str | None,
) -> ExitCode:
    """Build an OPA bundle of the built-in and the profile's custom policies (for OPA servers)."""
    config = BundleConfig(
        output=output,
        config_file=config_file,
        signing_key=signing_key,
        signing_alg=signing_alg,
        opa_binary=opa_binary,
    )
    return run(config)


def run(config: BundleConfig) -> ExitCode:
    from vendorgate.catalog import rule_catalog
    from vendorgate.errors import UsageError
    from vendorgate.policy.bundle import DEFAULT_SIGNING_ALGORITHM, BundleSpec, build
    from vendorgate.profile import load_profile

    if config.signing_key is None and config.signing_alg is not None:
        raise UsageError("--signing-alg needs --signing-key FILE")
    path, root = profile_path(config.config_file)
    custom: tuple[Path, ...] = ()
    protected: tuple[Path, ...] = ()
    if path is not None:
        profile = load_profile(path, root)
        # The catalog refuses what `check` would refuse (a deny without custom.id, a package
        # outside vendorgate.custom): a bundle never holds a policy the gate cannot name.
        rule_catalog(profile, root)
        custom, protected = tuple(profile.policies), (path,)
    built = build(
        BundleSpec(
            custom=custom,
            output=config.output,
            signing_key=config.signing_key,
            signing_alg=config.signing_alg or DEFAULT_SIGNING_ALGORITHM,
            opa_binary=config.opa_binary,
            protected=protected,
        )
    )
    signed = f", signed ({built.algorithm})" if built.algorithm else ", not signed"
    click.echo(f"wrote {built.output}: {built.files} policy files, revision {built.revision}{signed}")
    return ExitCode.OK
