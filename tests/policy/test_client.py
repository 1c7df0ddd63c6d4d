"""--opa-url parsing: what a URL may name, and that plain http leaves this machine only when asked."""

from __future__ import annotations

import pytest

from vendorgate.errors import UsageError
from vendorgate.policy.client import OpaConnection, parse_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://opa.internal:8181", ("opa.internal", 8181, True)),
        ("https://opa.internal", ("opa.internal", 443, True)),
        ("https://opa.internal/", ("opa.internal", 443, True)),
        ("HTTPS://OPA.Internal:9443", ("opa.internal", 9443, True)),
        ("http://127.0.0.1:8181", ("127.0.0.1", 8181, False)),
        ("http://127.9.8.7:8181", ("127.9.8.7", 8181, False)),
        ("http://[::1]:9000", ("[::1]", 9000, False)),
        ("https://[2001:db8::1]:8181", ("[2001:db8::1]", 8181, True)),
        ("https://[2001:db8::1]", ("[2001:db8::1]", 443, True)),
    ],
)
def test_an_accepted_url_gives_host_port_and_tls(url: str, expected: tuple[str, int, bool]) -> None:
    assert parse_url(url, allow_insecure=False) == expected


def test_an_ipv6_host_keeps_its_brackets_in_the_url_the_client_builds() -> None:
    host, port, tls = parse_url("http://[::1]:9000", allow_insecure=False)
    connection = OpaConnection(host=host, port=port, tls=tls)
    try:
        assert connection.display == "http://[::1]:9000"
    finally:
        connection.close()


@pytest.mark.parametrize(
    "url",
    [
        "http://opa.internal:8181",
        "http://10.0.0.5:8181",
        "http://[2001:db8::1]:8181",
        # Names that only look like this machine.
        "http://127.example.com:8181",
        "http://localhost.example.com:8181",
        "http://127.0.0.1.nip.io:8181",
        "http://127.evil.example:8181",
        # localhost is a name too: /etc/hosts or DNS decide where it goes.
        "http://localhost:8181",
        "http://localhost",
        # Not an IP address as the ipaddress module reads one.
        "http://127.1:8181",
    ],
)
def test_plain_http_off_this_machine_is_refused_unless_allowed(url: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_url(url, allow_insecure=False)
    assert str(caught.value) == (
        f"--opa-url {url} is plain http to an address that is not a loopback IP; dossiers hold"
        " confidential contract data: use https (or http://127.0.0.1 for this machine),"
        " or pass --allow-insecure-opa"
    )
    host, _, tls = parse_url(url, allow_insecure=True)
    assert not tls
    assert host.strip("[]") in url


@pytest.mark.parametrize(
    "url",
    ["ftp://opa.internal", "opa.internal:8181", "https://", "https://:8181", "", "file:///tmp/opa"],
)
def test_a_url_that_is_not_http_or_names_no_host_is_refused(url: str) -> None:
    with pytest.raises(UsageError, match=r"is not an http\(s\) URL like https://opa.internal:8181"):
        parse_url(url, allow_insecure=False)


@pytest.mark.parametrize(
    "url", ["https://opa.internal:8181/v1", "https://opa.internal/v1/data", "http://127.0.0.1:8181//"]
)
def test_a_url_with_a_path_is_refused(url: str) -> None:
    with pytest.raises(UsageError, match="has a path; give only scheme, host and port"):
        parse_url(url, allow_insecure=False)


@pytest.mark.parametrize(
    "url", ["https://opa.internal:99999", "https://opa.internal:http", "http://127.0.0.1:-1"]
)
def test_an_invalid_port_is_refused(url: str) -> None:
    with pytest.raises(UsageError, match="has an invalid port"):
        parse_url(url, allow_insecure=False)


def test_userinfo_never_becomes_part_of_the_host() -> None:
    # Today a user name or password in the URL is dropped: the token travels
    # only in $VENDORGATE_OPA_TOKEN (issue 14 revisits the remote mode).
    assert parse_url("https://user:secret@opa.internal:8181", allow_insecure=False) == (
        "opa.internal",
        8181,
        True,
    )
    with pytest.raises(UsageError, match="plain http"):
        parse_url("http://user:secret@opa.internal", allow_insecure=False)
    assert parse_url("http://attacker.example@127.0.0.1", allow_insecure=False)[0] == "127.0.0.1"
    with pytest.raises(UsageError, match="plain http"):
        parse_url("http://127.0.0.1@attacker.example", allow_insecure=False)
