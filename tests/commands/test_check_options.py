"""`check`'s command line as click parses it: which report goes where, and typed values refused early."""

from __future__ import annotations

import pytest

from vendorgate.commands.check import check, opa_url_list, output_requests
from vendorgate.errors import UsageError
from vendorgate.output.targets import Request, pair, plan


def requests(*args: str) -> tuple[Request, ...]:
    """The output requests of `vendorgate check ARGS`, parsed by click, nothing run."""
    with check.make_context("check", list(args)) as ctx:
        order = ctx.meta["vendorgate.order"]
        return pair(output_requests(order, ctx.params["formats"], ctx.params["outputs"]))


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((), [Request("text")]),
        (("vendors",), [Request("text")]),
        (("-f", "json"), [Request("json")]),
        (("-o", "out.txt"), [Request("text", "out.txt")]),
        (
            ("-f", "json", "-o", "a.json", "-f", "sarif", "-f", "text", "-o", "t.txt"),
            [Request("json", "a.json"), Request("sarif"), Request("text", "t.txt")],
        ),
        # An --output before any --format belongs to the first --format.
        (("-o", "a.json", "-f", "json", "-f", "text"), [Request("json", "a.json"), Request("text")]),
        # Other options and paths between a pair do not part it.
        (
            ("-f", "sarif", "--as-of", "2025-06-30", "vendors", "-o", "x.sarif"),
            [Request("sarif", "x.sarif")],
        ),
        # Every spelling click accepts pairs the same way.
        (
            ("--format=json", "--output=a.json", "-fsarif", "-ob.sarif"),
            [Request("json", "a.json"), Request("sarif", "b.sarif")],
        ),
        (("--format", "github", "--output", "-"), [Request("github", "-")]),
        # After `--` everything is a path, whatever it looks like.
        (("-f", "json", "--", "-o", "x"), [Request("json")]),
    ],
)
def test_each_output_pairs_with_the_format_before_it(args: tuple[str, ...], expected: list[Request]) -> None:
    assert list(requests(*args)) == expected


def test_a_second_output_for_one_format_is_refused() -> None:
    with pytest.raises(UsageError) as caught:
        requests("-f", "json", "-o", "a.json", "-o", "b.json")
    assert str(caught.value) == "--output b.json follows a --format that already has an output"


def test_an_unknown_format_is_refused_while_parsing() -> None:
    with pytest.raises(UsageError) as caught:
        requests("-f", "json", "-f", "yaml")
    assert str(caught.value) == "unknown output format 'yaml'; choose one of github, json, sarif, text"


@pytest.mark.parametrize("value", ["2025-6-30", "2025-02-30", "20250630", "yesterday", "2025-06-30T00:00"])
def test_as_of_must_be_a_real_iso_date(value: str) -> None:
    with pytest.raises(UsageError) as caught, check.make_context("check", ["--as-of", value]):
        pass
    assert str(caught.value) == f"--as-of {value!r} is not a date; write it as YYYY-MM-DD"


def test_as_of_is_kept_as_given_when_it_is_a_date() -> None:
    with check.make_context("check", ["--as-of", "2024-02-29"]) as ctx:
        assert ctx.params["as_of"] == "2024-02-29"


def test_dash_is_standard_output_and_the_category_reaches_the_sarif_formatter() -> None:
    from vendorgate.output import OutputOptions
    from vendorgate.output.sarif import SarifFormatter

    chosen = plan(requests("-f", "sarif", "-o", "-"), None, {}, OutputOptions(category="vendors"))
    (output,) = chosen.outputs
    assert output.target is None
    assert isinstance(output.formatter, SarifFormatter)
    assert output.formatter.options.category == "vendors"


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (("https://a:8181",), ("https://a:8181",)),
        (
            ("https://a:8181,https://b:8181", "https://c:8181"),
            ("https://a:8181", "https://b:8181", "https://c:8181"),
        ),
        ((" https://a:8181 , https://b:8181",), ("https://a:8181", "https://b:8181")),
        ((), ()),
    ],
)
def test_opa_urls_are_repeated_or_comma_lists(values: tuple[str, ...], expected: tuple[str, ...]) -> None:
    assert opa_url_list(values) == expected


@pytest.mark.parametrize(
    "value", ["https://a:8181,", ",https://a:8181", "https://a:8181,,https://b:8181", ""]
)
def test_an_empty_opa_url_item_is_refused(value: str) -> None:
    with pytest.raises(UsageError) as caught:
        opa_url_list((value,))
    assert str(caught.value) == f"--opa-url {value!r} has an empty item; give URLs separated by commas"
