"""`vlmkg serve` argument handling that needs no server."""

from __future__ import annotations

import pytest

from vlmkg.cli import main
from vlmkg.commands.serve import _is_loopback


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("localhost", True),
        ("::1", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.5", False),
        ("example.org", False),
    ],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert _is_loopback(host) is loopback


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--auth", "nocolon"], "error: --auth: expected user:password, got 'nocolon'"),
        (["--auth", "alice:"], "error: --auth: expected user:password, got 'alice:'"),
        (
            ["--base", "kg/sparql"],
            "error: --base 'kg/sparql' is not an absolute IRI (No scheme found in an absolute "
            "IRI): give one such as https://kg.example.org/sparql",
        ),
    ],
)
def test_bad_auth_is_refused_before_serving(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", *args]) == 2
    assert capsys.readouterr().err.strip() == message
