"""Which store a command uses: the embedded Oxigraph build (default) or a SPARQL endpoint.

A store spec is a URL:

    sparql+http://127.0.0.1:8890/sparql          a SPARQL 1.1 endpoint (also sparql+https)
    sparql+http://host/ds/query?update=http://host/ds/update&gsp=http://host/ds/data
                                                 separate update / Graph Store doors
    sparql+http://host/sparql?timeout=120        query time-out in seconds (default 60)
    oxigraph  (or nothing)                       the embedded store of $VLMKG_HOME/current

It comes from `--store`, else `$VLMKG_STORE`, else `[store] url` in
`$VLMKG_HOME/config.toml`; the graph IRI likewise from `--graph`, `$VLMKG_GRAPH`,
`[store] graph` (default `kg.vocab.GRAPH`). Credentials come from an auth file holding
`user:password` (`--auth-file`, `$VLMKG_STORE_AUTH_FILE`, `[store] auth_file`) or from
`$VLMKG_STORE_USER` + `$VLMKG_STORE_PASSWORD` — never from the URL or the command line.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit, urlunsplit

from rdflib import Graph

from kg.remote_store import Credentials, RemoteSparqlStore
from kg.store import Store
from kg.vocab import GRAPH
from vlmkg.config import home as default_home
from vlmkg.errors import UsageError

EMBEDDED = "oxigraph"
_SCHEMES = {"sparql+http": "http", "sparql+https": "https"}
_OPTIONS = {"update", "gsp", "timeout"}


@dataclass(frozen=True)
class StoreSettings:
    """Where the graph lives: `endpoint` None means the embedded Oxigraph build."""

    endpoint: str | None = None
    graph: str = GRAPH
    credentials: Credentials | None = None
    update_url: str | None = None
    graph_store_url: str | None = None
    timeout: float = 60.0

    @property
    def remote(self) -> bool:
        """True for a SPARQL endpoint."""
        return self.endpoint is not None

    def describe(self) -> str:
        """A line naming the store for messages and logs (no credentials)."""
        if self.endpoint is None:
            return "the embedded Oxigraph store"
        return f"the SPARQL store {self.endpoint}, graph <{self.graph}>"


def store_settings(
    spec: str | None = None,
    *,
    graph: str | None = None,
    auth_file: str | Path | None = None,
    home: Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> StoreSettings:
    """Settings from the arguments, else the environment, else `$VLMKG_HOME/config.toml`."""
    env = os.environ if environ is None else environ
    config = _config_file(home or default_home())
    spec = spec or env.get("VLMKG_STORE") or config.get("url")
    graph = graph or env.get("VLMKG_GRAPH") or config.get("graph") or GRAPH
    if not spec or spec.strip().lower() == EMBEDDED:
        return StoreSettings(graph=graph)
    endpoint, options = parse_spec(spec)
    auth_file = auth_file or env.get("VLMKG_STORE_AUTH_FILE") or config.get("auth_file")
    return StoreSettings(
        endpoint=endpoint,
        graph=graph,
        credentials=_credentials(auth_file, env),
        update_url=options.get("update"),
        graph_store_url=options.get("gsp"),
        timeout=_timeout(options.get("timeout", "60")),
    )


def open_store(
    spec: str | None = None,
    home: Path | None = None,
    *,
    graph: str | None = None,
    auth_file: str | Path | None = None,
) -> Store:
    """The store a read command should query (see the module docstring for the spec)."""
    settings = store_settings(spec, graph=graph, auth_file=auth_file, home=home)
    if settings.remote:
        return open_remote(settings)
    from kg.builds import open_current

    return open_current(home)


def open_remote(settings: StoreSettings) -> RemoteSparqlStore:
    """A RemoteSparqlStore for remote settings (also the writer `vlmkg build` uses)."""
    if settings.endpoint is None:
        raise UsageError("no SPARQL store configured: pass --store sparql+http://host/sparql")
    return RemoteSparqlStore(
        settings.endpoint,
        settings.graph,
        settings.credentials,
        update_url=settings.update_url,
        graph_store_url=settings.graph_store_url,
        timeout=settings.timeout,
    )


def load_remote(settings: StoreSettings, graph: Graph) -> str:
    """Load `graph` into the remote store as the new version of its graph; returns its IRI."""
    with open_remote(settings) as store:
        return store.load_graph(graph)


def parse_spec(spec: str) -> tuple[str, dict[str, str]]:
    """(endpoint URL, options) from `sparql+http[s]://host/path?update=..&gsp=..&timeout=..`."""
    parts = urlsplit(spec.strip())
    scheme = _SCHEMES.get(parts.scheme.lower())
    if scheme is None or not parts.hostname:
        raise UsageError(
            f"unknown store {spec!r}: use sparql+http://host:port/path (a SPARQL 1.1 "
            f"endpoint), sparql+https://..., or {EMBEDDED!r} for the embedded store"
        )
    if parts.username or parts.password:
        raise UsageError(
            "credentials do not belong in the store URL (it ends up in shell history and "
            "logs): use --auth-file or VLMKG_STORE_USER / VLMKG_STORE_PASSWORD"
        )
    query = parse_qs(parts.query, keep_blank_values=True)
    unknown = sorted(set(query) - _OPTIONS)
    if unknown:
        raise UsageError(
            f"unknown store option {unknown[0]!r} in {spec!r}: use {', '.join(sorted(_OPTIONS))}"
        )
    options = {key: values[-1] for key, values in query.items()}
    endpoint = urlunsplit((scheme, parts.netloc, parts.path or "/", "", ""))
    return endpoint, options


def read_auth_file(path: str | Path) -> Credentials:
    """Credentials from a file whose first line is `user:password`."""
    path = Path(path).expanduser()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise UsageError(f"cannot read the store credentials file {path}: {reason}") from exc
    user, colon, password = (lines[0].strip() if lines else "").partition(":")
    if not colon or not user:
        raise UsageError(f"the store credentials file {path} must hold one line `user:password`")
    return Credentials(user, password)


def _credentials(auth_file: str | Path | None, env: Mapping[str, str]) -> Credentials | None:
    if auth_file:
        return read_auth_file(auth_file)
    user, password = env.get("VLMKG_STORE_USER"), env.get("VLMKG_STORE_PASSWORD")
    if user and password is not None:
        return Credentials(user, password)
    if user:
        raise UsageError("VLMKG_STORE_USER is set but VLMKG_STORE_PASSWORD is not")
    return None


def _timeout(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if seconds <= 0:
        raise UsageError(f"store timeout must be a positive number of seconds, not {text!r}")
    return seconds


def _config_file(home: Path) -> dict[str, str]:
    """The `[store]` table of $VLMKG_HOME/config.toml ({} when there is none)."""
    path = home / "config.toml"
    if not path.is_file():
        return {}
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("store", {})
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"cannot read {path}: {exc}") from exc
    if not isinstance(table, dict):
        raise UsageError(f"{path}: [store] must be a table")
    return {key: str(value) for key, value in table.items()}


__all__ = [
    "EMBEDDED",
    "StoreSettings",
    "load_remote",
    "open_remote",
    "open_store",
    "parse_spec",
    "read_auth_file",
    "store_settings",
]
