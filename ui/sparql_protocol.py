"""The SPARQL 1.1 Protocol as plain functions: read a request, refuse writes, pick a format.

These run in the server process before a query reaches a worker, so a refused or
unservable request costs no worker time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import parse_qs

from pyoxigraph import NamedNode

from kg.sparql import check_query
from ui._query_worker import FORMATS
from vlmkg.errors import (
    FormatNotAcceptableError,
    MediaTypeError,
    QueryRefusedError,
    UsageError,
)

MAX_QUERY_CHARS = 100_000

# media type (and common aliases) -> format name
MEDIA_TYPES: dict[str, str] = {media: name for name, (media, _) in FORMATS.items()} | {
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/plain": "ntriples",
    "application/x-turtle": "turtle",
    "application/json+ld": "jsonld",
    "application/x-json+ld": "jsonld",
    "application/turtle": "turtle",
    "text/n3": "turtle",  # Turtle is N3
    "text/rdf+n3": "turtle",
}
# ?format= values some clients (YASGUI, curl users) send
FORMAT_ALIASES: dict[str, str] = {name: name for name in FORMATS} | {
    "nt": "ntriples",
    "n-triples": "ntriples",
    "ttl": "turtle",
    "json-ld": "jsonld",
    "rdf": "rdfxml",
    "n3": "turtle",
}
DEFAULT_FORMAT = {"select": "json", "ask": "json", "graph": "turtle"}
_KINDS = {"SELECT": "select", "ASK": "ask", "CONSTRUCT": "graph", "DESCRIBE": "graph"}


@dataclass(frozen=True)
class SparqlRequest:
    """A protocol request: the query text and the dataset it names."""

    query: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    format: str | None = None  # an explicit ?format= overrides Accept


def read_request(
    method: str, content_type: str, url_params: Mapping[str, Sequence[str]], body: bytes
) -> SparqlRequest:
    """The SparqlRequest of an HTTP request.

    Raises UsageError (bad parameters), MediaTypeError, QueryRefusedError (an update).
    """
    params = {k: list(v) for k, v in url_params.items()}
    media, _, media_params = content_type.partition(";")
    media = media.strip().lower()
    if method == "POST":
        if media in ("application/x-www-form-urlencoded", "application/sparql-query"):
            _check_charset(media, media_params)
        if media == "application/x-www-form-urlencoded":
            for key, values in _form(body).items():
                params.setdefault(key, []).extend(values)
        elif media == "application/sparql-query":
            params.setdefault("query", []).append(_utf8(body))
        elif media == "application/sparql-update":
            raise QueryRefusedError(_READ_ONLY)
        else:
            raise MediaTypeError(
                f"unsupported content type {media or '(none)'!r}: POST a query as "
                "application/x-www-form-urlencoded (query=...) or application/sparql-query"
            )
    if "update" in params:
        raise QueryRefusedError(_READ_ONLY)
    queries = params.get("query", [])
    if len(queries) != 1 or not queries[0].strip():
        raise UsageError(
            "give exactly one non-empty `query` parameter (GET ?query=... or POST query=...)"
        )
    if len(queries[0]) > MAX_QUERY_CHARS:
        raise UsageError(f"the query is longer than {MAX_QUERY_CHARS} characters")
    formats = [f for f in params.get("format", []) if f.strip()]
    for iri in params.get("default-graph-uri", []) + params.get("named-graph-uri", []):
        try:
            NamedNode(iri)
        except ValueError as exc:  # would otherwise fail in (and cost) a query worker
            raise UsageError(f"the graph {iri!r} is not an IRI: {exc}") from exc
    return SparqlRequest(
        query=queries[0],
        default_graphs=tuple(params.get("default-graph-uri", [])),
        named_graphs=tuple(params.get("named-graph-uri", [])),
        format=formats[0] if formats else None,
    )


def check_base_iri(iri: str) -> str:
    """`iri` when it can be a base IRI (absolute, with a scheme); raises UsageError."""
    try:
        NamedNode(iri)
    except ValueError as exc:
        raise UsageError(
            f"--base {iri!r} is not an absolute IRI ({exc}): give one such as "
            "https://kg.example.org/sparql"
        ) from exc
    return iri


_READ_ONLY = (
    "this endpoint is read-only: SPARQL updates (INSERT, DELETE, LOAD, CLEAR, DROP...) are refused"
)


def _check_charset(media: str, media_params: str) -> None:
    # The protocol requires UTF-8 (sections 2.1.2-2.1.3); decoding another charset would
    # answer a query the client never sent, so it is refused.
    for param in media_params.split(";"):
        key, _, value = param.partition("=")
        charset = value.strip().strip('"').lower()
        if key.strip().lower() == "charset" and charset not in ("utf-8", "utf8"):
            raise MediaTypeError(
                f"unsupported charset {value.strip()!r} in {media}: the SPARQL 1.1 Protocol "
                "requires UTF-8; send the query as UTF-8 (charset=UTF-8 or no charset)"
            )


def _form(body: bytes) -> dict[str, list[str]]:
    try:
        return parse_qs(_utf8(body), True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        raise UsageError(
            "a percent-encoded value of the form is not UTF-8: the SPARQL 1.1 Protocol "
            "requires UTF-8"
        ) from exc


def _utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"the request body is not valid UTF-8 (byte {exc.start}): the SPARQL 1.1 "
            "Protocol requires UTF-8"
        ) from exc


def query_kind(query: str, allow_service: bool = False) -> str:
    """select | ask | graph; raises QueryRefusedError for updates and SERVICE (kg.sparql rules).

    A query with no recognisable form is left to the parser, which reports the position.
    """
    return _KINDS.get(check_query(query, allow_service=allow_service), "select")


def negotiate(kind: str, accept: str, explicit: str | None = None) -> str:
    """The format name to answer a `kind` query with, from ?format= or the Accept header.

    Raises FormatNotAcceptableError for an unknown ?format= or when nothing accepted fits.
    """
    allowed = [name for name, (_, kinds) in FORMATS.items() if kind in kinds]
    if explicit:
        name = FORMAT_ALIASES.get(explicit.lower()) or MEDIA_TYPES.get(explicit.lower())
        if name in allowed:
            return name
        if name is None:
            raise FormatNotAcceptableError(_not_acceptable(kind, explicit, allowed))
        # A known format for another query form (clients such as SPARQLWrapper send their
        # default `format=json` with CONSTRUCT too): let the Accept header decide.
    ranges = _accept_ranges(accept)
    if not ranges:
        return DEFAULT_FORMAT[kind]
    best: tuple[float, int, str] | None = None
    for position, (media, q) in enumerate(ranges):
        if q <= 0:
            continue
        for name in _matching(media, kind, allowed):
            candidate = (q, -position, name)
            if best is None or candidate[:2] > best[:2]:
                best = candidate
    if best is None:
        raise FormatNotAcceptableError(_not_acceptable(kind, accept, allowed))
    return best[2]


def prefers_html(accept: str) -> bool:
    """True when `accept` ranks an HTML page at least as high as any RDF format named
    explicitly (a browser: `text/html,...,*/*;q=0.8`), so it gets a page, not Turtle."""
    ranges = _accept_ranges(accept)
    page = max((q for media, q in ranges if media in _HTML), default=0.0)
    graphs = [name for name, (_, kinds) in FORMATS.items() if "graph" in kinds]
    rdf = max((q for media, q in ranges if MEDIA_TYPES.get(media) in graphs), default=0.0)
    return page > 0 and page >= rdf


_HTML = ("text/html", "application/xhtml+xml")


def _matching(media: str, kind: str, allowed: list[str]) -> list[str]:
    if media in ("*/*", "*"):
        return [DEFAULT_FORMAT[kind]]
    if media.endswith("/*"):
        major = media[:-1]
        return [n for n in allowed if FORMATS[n][0].startswith(major)]
    name = MEDIA_TYPES.get(media)
    return [name] if name in allowed else []


def _accept_ranges(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        if not media:
            continue
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append((media.lower(), q))
    return ranges


def _not_acceptable(kind: str, asked: str, allowed: list[str]) -> str:
    what = {"select": "SELECT results", "ask": "ASK results", "graph": "graphs"}[kind]
    offered = ", ".join(FORMATS[n][0] for n in allowed)
    return f"cannot write {what} as {asked!r}; available: {offered}"
