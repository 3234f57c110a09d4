"""Store specs, the environment and config.toml -> which store, graph and credentials."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.remote_store import Credentials
from kg.store_config import StoreSettings, parse_spec, read_auth_file, store_settings
from kg.vocab import GRAPH
from vlmkg.errors import UsageError


@pytest.mark.parametrize(
    ("spec", "endpoint", "options"),
    [
        ("sparql+http://127.0.0.1:8890/sparql", "http://127.0.0.1:8890/sparql", {}),
        ("SPARQL+HTTPS://kg.example.org/sparql", "https://kg.example.org/sparql", {}),
        ("sparql+http://host:3030", "http://host:3030/", {}),
        (
            "sparql+http://h/ds/query?update=http://h/ds/update&gsp=http://h/ds/data",
            "http://h/ds/query",
            {"update": "http://h/ds/update", "gsp": "http://h/ds/data"},
        ),
        ("sparql+http://h/sparql?timeout=5", "http://h/sparql", {"timeout": "5"}),
    ],
)
def test_parse_spec(spec: str, endpoint: str, options: dict[str, str]) -> None:
    assert parse_spec(spec) == (endpoint, options)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (
            "http://127.0.0.1:8890/sparql",
            "unknown store 'http://127.0.0.1:8890/sparql': use sparql+http://host:port/path "
            "(a SPARQL 1.1 endpoint), sparql+https://..., or 'oxigraph' for the embedded store",
        ),
        (
            "sparql+http://dba:secret@127.0.0.1:8890/sparql",
            "credentials do not belong in the store URL (it ends up in shell history and logs): "
            "use --auth-file or VLMKG_STORE_USER / VLMKG_STORE_PASSWORD",
        ),
        (
            "sparql+http://h/sparql?user=dba",
            "unknown store option 'user' in 'sparql+http://h/sparql?user=dba': "
            "use gsp, timeout, update",
        ),
    ],
)
def test_bad_specs_say_what_to_write(spec: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_spec(spec)
    assert str(caught.value) == message


def test_no_spec_anywhere_means_the_embedded_store(tmp_path: Path) -> None:
    assert store_settings(home=tmp_path, environ={}) == StoreSettings()
    assert store_settings("oxigraph", home=tmp_path, environ={}).remote is False


def test_the_option_wins_over_the_environment_which_wins_over_config(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text(
        '[store]\nurl = "sparql+http://from-config/sparql"\ngraph = "urn:graph:config"\n'
    )
    env = {"VLMKG_STORE": "sparql+http://from-env/sparql"}
    assert store_settings(home=tmp_path, environ={}).endpoint == "http://from-config/sparql"
    assert store_settings(home=tmp_path, environ={}).graph == "urn:graph:config"
    assert store_settings(home=tmp_path, environ=env).endpoint == "http://from-env/sparql"
    chosen = store_settings(
        "sparql+http://from-option/sparql", graph="urn:g", home=tmp_path, environ=env
    )
    assert (chosen.endpoint, chosen.graph) == ("http://from-option/sparql", "urn:g")
    assert chosen.describe() == "the SPARQL store http://from-option/sparql, graph <urn:g>"


def test_credentials_from_the_environment(tmp_path: Path) -> None:
    env = {
        "VLMKG_STORE": "sparql+http://h/sparql",
        "VLMKG_STORE_USER": "vlmkg",
        "VLMKG_STORE_PASSWORD": "s3cret:with:colons",
    }
    settings = store_settings(home=tmp_path, environ=env)
    assert settings.credentials == Credentials("vlmkg", "s3cret:with:colons")
    assert settings.graph == GRAPH
    assert "s3cret" not in repr(settings)


def test_a_user_without_a_password_is_refused(tmp_path: Path) -> None:
    env = {"VLMKG_STORE": "sparql+http://h/sparql", "VLMKG_STORE_USER": "vlmkg"}
    with pytest.raises(UsageError) as caught:
        store_settings(home=tmp_path, environ=env)
    assert str(caught.value) == "VLMKG_STORE_USER is set but VLMKG_STORE_PASSWORD is not"


def test_the_auth_file_wins_over_the_environment(tmp_path: Path) -> None:
    auth = tmp_path / "credentials"
    auth.write_text("writer:pa:ss\n")
    env = {"VLMKG_STORE_USER": "other", "VLMKG_STORE_PASSWORD": "x"}
    settings = store_settings("sparql+http://h/sparql", auth_file=auth, home=tmp_path, environ=env)
    assert settings.credentials == Credentials("writer", "pa:ss")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "must hold one line `user:password`"),
        ("no-colon\n", "must hold one line `user:password`"),
        (":password\n", "must hold one line `user:password`"),
    ],
)
def test_malformed_auth_files(tmp_path: Path, content: str, message: str) -> None:
    auth = tmp_path / "credentials"
    auth.write_text(content)
    with pytest.raises(UsageError) as caught:
        read_auth_file(auth)
    assert str(caught.value) == f"the store credentials file {auth} {message}"


def test_a_missing_auth_file(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as caught:
        read_auth_file(tmp_path / "nope")
    assert str(caught.value) == (
        f"cannot read the store credentials file {tmp_path / 'nope'}: No such file or directory"
    )


@pytest.mark.parametrize("timeout", ["0", "-1", "soon"])
def test_bad_timeouts(tmp_path: Path, timeout: str) -> None:
    with pytest.raises(UsageError) as caught:
        store_settings(f"sparql+http://h/sparql?timeout={timeout}", home=tmp_path, environ={})
    assert str(caught.value) == (
        f"store timeout must be a positive number of seconds, not {timeout!r}"
    )
