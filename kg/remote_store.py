"""A remote SPARQL 1.1 endpoint (Virtuoso, Fuseki, GraphDB...) as a vlmkg store.

Readers query the endpoint over the SPARQL 1.1 Protocol; `load_graph` writes a graph in
batches into a *new* versioned graph name and then moves a pointer to it. The pointer
lives in a small control graph:

    GRAPH <https://w3id.org/vlmkg/graph/control> {
        <graph-iri> ctl:current  <graph-iri/version/20261126T050102123456Z-ab12cd> .
        <graph-iri> ctl:previous <graph-iri/version/20261125T...> .
    }

Every query reads the newest `ctl:current` (cached for `pointer_ttl`, 1 s) and runs with
that version as its default graph (`default-graph-uri`), so a reader sees either the
whole old graph or the whole new one, never a half-loaded one. The new pointer is
inserted before the old one is deleted, and the replaced version is kept (as
`ctl:previous`) until the next load, so a query that resolved the old pointer just
before the switch still finds its graph. Without any
pointer (a graph loaded by other tools) the graph IRI itself is queried.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import re
import secrets
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier, Node

from kg.sparql import syntax_error
from kg.store import QueryResult
from kg.vocab import GRAPH, PREFIXES, sparql_prologue
from vlmkg.errors import (
    QuerySyntaxError,
    QueryTimeoutError,
    StoreError,
    UsageError,
)

if TYPE_CHECKING:
    # Imported where used: httpx (and the rich it pulls in) and rdflib's SPARQL parser cost
    # every command ~0.1 s of start-up, and only a remote store needs them.
    import httpx

CONTROL_GRAPH = "https://w3id.org/vlmkg/graph/control"
CTL = "https://w3id.org/vlmkg/store#"
_RESULTS_JSON = "application/sparql-results+json"
_NTRIPLES = "application/n-triples"
_INSERT_BATCH = 500  # triples per INSERT DATA (Virtuoso refuses ~2000: "SQL text exceeded")
_WRITE_TIMEOUT = 600.0  # seconds for one batch or update: loads are slower than reads
_Triple = tuple[Node, Node, Node]
# An empty in-memory store: Oxigraph's parser, for the embedded store's syntax errors.
_PARSER = ox.Store()
_RDFLIB_KINDS = {
    "SelectQuery": "select",
    "AskQuery": "ask",
    "ConstructQuery": "graph",
    "DescribeQuery": "graph",
}
# Characters SPARQL's IRIREF production forbids inside <...>.
_BAD_IRI_CHARS = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_LITERAL_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


@dataclass(frozen=True)
class Credentials:
    """A user name and password for a store's update door; the password never prints."""

    user: str
    password: str = field(repr=False)


class RemoteSparqlStore:
    """A Store over a SPARQL 1.1 endpoint; also loads graphs with `load_graph`."""

    def __init__(
        self,
        endpoint_url: str,
        graph_iri: str = GRAPH,
        credentials: Credentials | None = None,
        *,
        update_url: str | None = None,
        graph_store_url: str | None = None,
        timeout: float = 60.0,
        batch_size: int = 20_000,
        pointer_ttl: float = 1.0,
    ) -> None:
        _check_iri(graph_iri)
        self.endpoint_url = endpoint_url
        self.graph_iri = graph_iri
        self.timeout = timeout
        self.batch_size = batch_size
        self.pointer_ttl = pointer_ttl
        self._pointer: tuple[float, str] | None = None  # (monotonic time read, version)
        self._credentials = credentials
        self._update_url = update_url
        self._graph_store_url = graph_store_url
        self._probed = update_url is not None
        import httpx

        auth = _challenge_auth_class()(credentials) if credentials else None
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)), auth=auth
        )
        self._anonymous = httpx.Client(timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)))

    # -- reading -------------------------------------------------------------------------

    def query(self, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> QueryResult:
        """Run SELECT/ASK/CONSTRUCT/DESCRIBE against the current version of the graph.

        The graph is the default graph, and also the only named graph, under its own IRI
        (as in the embedded store); `bindings` go into a VALUES block, escaped.
        """
        kind = _query_kind(sparql)
        version = self._cached_current_graph()
        text = sparql_prologue() + _rename_iri(sparql, self.graph_iri, version)
        if bindings:
            text = _bind(text, bindings)
        accept = _RESULTS_JSON if kind in ("select", "ask") else _NTRIPLES
        data = {"query": text, "default-graph-uri": version, "named-graph-uri": version}
        response = self._post(self._anonymous, self.endpoint_url, data, accept)
        if kind == "graph":
            return QueryResult(kind="graph", graph=_parse_graph(response))
        result = _parse_results(kind, response)
        if version == self.graph_iri or kind == "ask":
            return result
        renamed = {URIRef(version): URIRef(self.graph_iri)}
        rows = tuple(tuple(renamed.get(t, t) for t in row) for row in result.rows)  # type: ignore[call-overload]
        return QueryResult(kind="select", variables=result.variables, rows=rows)

    def current_graph(self) -> str:
        """The IRI of the graph version readers see now (the graph IRI if unversioned)."""
        version = max(self._pointers(self.graph_iri, "current"), default=self.graph_iri)
        self._pointer = (time.monotonic(), version)
        return version

    def _cached_current_graph(self) -> str:
        """current_graph(), re-read at most every `pointer_ttl` seconds.

        Each pointer read is an HTTP round trip, as long as the query itself on a small
        graph. A version stays in the store until the load after the one that replaced
        it, so a pointer up to `pointer_ttl` old still names a whole graph.
        """
        if self._pointer and time.monotonic() - self._pointer[0] < self.pointer_ttl:
            return self._pointer[1]
        return self.current_graph()

    def triple_count(self, graph_iri: str | None = None) -> int:
        """The number of triples in a graph (default: the current version)."""
        target = graph_iri or self.current_graph()
        _check_iri(target)
        counts = self._select_column(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{target}> {{ ?s ?p ?o }} }}"
        )
        return int(counts[0]) if counts else 0

    # -- writing -------------------------------------------------------------------------

    def load_graph(self, graph: Graph | Iterable[_Triple], graph_iri: str | None = None) -> str:
        """Load `graph` as a new version of `graph_iri`, switch readers to it, drop old ones.

        `graph` may also be an iterable of distinct triples (streamed, for big loads).
        Returns the IRI of the new version graph.
        """
        target = graph_iri or self.graph_iri
        _check_iri(target)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        version = f"{target}/version/{stamp}-{secrets.token_hex(3)}"
        try:
            # A harmless update first: refusals come before any data is sent.
            self._update(f"DROP SILENT GRAPH <{version}>")
            graph_store_url, _ = self._write_urls()
            # SPARQL parsers choke on huge INSERT DATA texts (Virtuoso: "memory exhausted").
            size = self.batch_size if graph_store_url else min(self.batch_size, _INSERT_BATCH)
            sent = 0
            for batch in _batches(graph, size):
                self._write_batch(version, batch)
                sent += len(batch)
            loaded = self.triple_count(version)
            if loaded != sent:
                raise StoreError(
                    f"the store at {self.endpoint_url} holds {loaded} of {sent} triples "
                    f"after loading {version}; the previous graph is still served"
                )
        except BaseException:
            self._update(f"DROP SILENT GRAPH <{version}>", quiet=True)
            raise
        self._switch(target, version)
        if target == self.graph_iri:
            self._pointer = (time.monotonic(), version)
        return version

    def _switch(self, target: str, version: str) -> None:
        old = self._pointers(target, "current")
        stale = self._pointers(target, "previous")
        # The new pointer goes in first: readers take the newest, and never see none.
        self._control("INSERT", [(target, "current", version)])
        self._control("DELETE", [(target, "current", v) for v in old])
        self._control("DELETE", [(target, "previous", v) for v in stale])
        previous = max(old, default=None)
        if previous:
            self._control("INSERT", [(target, "previous", previous)])
        for gone in {*old, *stale} - {previous, version}:
            self._update(f"DROP SILENT GRAPH <{gone}>")

    def drop_graph(self, graph_iri: str | None = None) -> None:
        """Remove every version of `graph_iri` and its pointers."""
        target = graph_iri or self.graph_iri
        _check_iri(target)
        for name in ("current", "previous"):
            versions = self._pointers(target, name)
            self._control("DELETE", [(target, name, v) for v in versions])
            for version in versions:
                self._update(f"DROP SILENT GRAPH <{version}>")

    def _pointers(self, target: str, name: str) -> list[str]:
        """The version IRIs `target` points to with ctl:<name> in the control graph."""
        versions = self._select_column(
            f"SELECT ?v WHERE {{ GRAPH <{CONTROL_GRAPH}> {{ <{target}> <{CTL}{name}> ?v }} }}"
        )
        for version in versions:
            _check_iri(version)
        return versions

    def _control(self, operation: str, pointers: list[tuple[str, str, str]]) -> None:
        """INSERT or DELETE DATA (target, ctl:name, version) triples in the control graph."""
        if pointers:
            triples = " ".join(f"<{t}> <{CTL}{name}> <{v}> ." for t, name, v in pointers)
            self._update(f"{operation} DATA {{ GRAPH <{CONTROL_GRAPH}> {{ {triples} }} }}")

    def close(self) -> None:
        """Close the HTTP connections."""
        self._client.close()
        self._anonymous.close()

    def __enter__(self) -> RemoteSparqlStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- HTTP ----------------------------------------------------------------------------

    def _write_batch(self, version: str, triples: list[_Triple]) -> None:
        body = "".join(f"{_term(s)} {_term(p)} {_term(o)} .\n" for s, p, o in triples)
        graph_store_url, _ = self._write_urls()
        if graph_store_url:
            self._post(
                self._writer(),
                graph_store_url,
                None,
                "*/*",
                params={"graph-uri": version, "graph": version},
                content=body.encode("utf-8"),
                content_type=_NTRIPLES,
                timeout=_WRITE_TIMEOUT,
            )
        else:
            self._update(f"INSERT DATA {{ GRAPH <{version}> {{\n{body}}} }}")

    def _update(self, text: str, *, quiet: bool = False) -> None:
        _, update_url = self._write_urls()
        try:
            self._post(
                self._writer(),
                update_url,
                {"update": text},
                "*/*",
                timeout=_WRITE_TIMEOUT,
            )
        except StoreError:
            if not quiet:
                raise

    def _writer(self) -> httpx.Client:
        return self._client if self._credentials else self._anonymous

    def _write_urls(self) -> tuple[str | None, str]:
        """(graph store URL or None, update URL); Virtuoso's authenticated doors if found."""
        if not self._probed:
            self._probed = True
            response = self._post(
                self._anonymous, self.endpoint_url, {"query": "ASK {}"}, _RESULTS_JSON
            )
            is_virtuoso = response.headers.get("server", "").startswith("Virtuoso")
            if is_virtuoso and self._credentials and self.endpoint_url.endswith("/sparql"):
                self._update_url = self.endpoint_url + "-auth"
                self._graph_store_url = self._graph_store_url or (
                    self.endpoint_url + "-graph-crud-auth"
                )
        return self._graph_store_url, self._update_url or self.endpoint_url

    def _select_column(self, text: str) -> list[str]:
        response = self._post(self._anonymous, self.endpoint_url, {"query": text}, _RESULTS_JSON)
        result = _parse_results("select", response)
        return [str(row[0]) for row in result.rows if row[0] is not None]

    def _post(
        self,
        client: httpx.Client,
        url: str,
        data: dict[str, str] | None,
        accept: str,
        *,
        params: dict[str, str] | None = None,
        content: bytes | None = None,
        content_type: str | None = None,
        timeout: float | None = None,
    ) -> httpx.Response:
        import httpx

        headers = {"Accept": accept}
        if content_type:
            headers["Content-Type"] = content_type
        try:
            response = client.post(
                url,
                data=data,
                params=params,
                content=content,
                headers=headers,
                timeout=timeout if timeout is not None else httpx.USE_CLIENT_DEFAULT,
            )
        except httpx.TimeoutException as exc:
            if isinstance(exc, httpx.ConnectTimeout):
                raise self._unreachable(url, "connection timed out") from exc
            limit = timeout or self.timeout
            raise QueryTimeoutError(
                f"the SPARQL store at {url} did not answer within {limit:g} s; "
                "narrow the query (LIMIT, more specific patterns) or raise the timeout"
            ) from exc
        except httpx.TransportError as exc:
            raise self._unreachable(url, str(exc) or type(exc).__name__) from exc
        _raise_for_answer(url, response, self._credentials)
        return response

    def _unreachable(self, url: str, reason: str) -> StoreError:
        return StoreError(
            f"cannot reach the SPARQL store at {url} ({reason}): start it "
            "(`bash scripts/virtuoso.sh start`) or fix --store / VLMKG_STORE"
        )


@functools.cache
def _challenge_auth_class() -> Callable[[Credentials], httpx.Auth]:
    """The httpx.Auth that answers a 401 with Digest (Virtuoso) or Basic, as challenged."""
    import httpx

    class _ChallengeAuth(httpx.Auth):
        """Answers a 401 with Digest (Virtuoso) or Basic (Fuseki, GraphDB), as challenged."""

        def __init__(self, credentials: Credentials) -> None:
            self._basic = httpx.BasicAuth(credentials.user, credentials.password)
            self._digest = httpx.DigestAuth(credentials.user, credentials.password)
            self._scheme: str | None = None

        def auth_flow(
            self, request: httpx.Request
        ) -> Generator[httpx.Request, httpx.Response, None]:
            if self._scheme == "basic":
                yield from self._basic.auth_flow(request)
                return
            if self._scheme == "digest":
                yield from self._digest.auth_flow(request)
                return
            response = yield request
            challenge = response.headers.get("www-authenticate", "")
            if response.status_code != 401 or not challenge:
                return
            self._scheme = challenge.split(" ", 1)[0].lower()
            if self._scheme == "basic":
                yield from self._basic.auth_flow(request)
            elif self._scheme == "digest":
                flow = self._digest.auth_flow(request)
                next(flow)
                authed = flow.send(response)
                response = yield authed
                with contextlib.suppress(StopIteration):
                    flow.send(response)

    return _ChallengeAuth


def _raise_for_answer(url: str, response: httpx.Response, credentials: Credentials | None) -> None:
    """Turn a refusal into a one-line StoreError / QuerySyntaxError / QueryTimeoutError."""
    if response.headers.get("x-sql-state") == "S1TAT":
        # Virtuoso's "anytime" cut-off: the rows are partial, which is worse than none.
        raise QueryTimeoutError(
            f"the SPARQL store at {url} stopped the query at its time limit "
            "(MaxQueryExecutionTime) and returned partial results; narrow the query"
        )
    if response.is_success:
        return
    message = _first_line(response.text)
    if response.status_code == 401:
        if credentials is None:
            raise StoreError(
                f"the SPARQL store at {url} needs credentials: pass --auth-file or set "
                "VLMKG_STORE_USER and VLMKG_STORE_PASSWORD"
            )
        raise StoreError(
            f"the SPARQL store at {url} refused the credentials of user {credentials.user!r}: "
            "check --auth-file or VLMKG_STORE_USER / VLMKG_STORE_PASSWORD"
        )
    who = repr(credentials.user) if credentials else "anonymous users"
    if response.status_code == 403 or "SR186" in message or "permission" in message.lower():
        raise StoreError(
            f"the SPARQL store at {url} does not permit updates for {who}: give credentials "
            "of a user granted SPARQL_UPDATE (`bash scripts/virtuoso.sh start` creates one)"
        )
    if re.search(r"SR171|S1T00|timed? ?out|exceeds the limit", message, re.IGNORECASE):
        raise QueryTimeoutError(f"the SPARQL store at {url} stopped the query: {message}")
    if response.status_code == 400 or re.search(r"\bSP0\d\d\b|syntax error", message):
        raise QuerySyntaxError(f"the SPARQL store at {url} rejected the query: {message}")
    raise StoreError(f"the SPARQL store at {url} answered HTTP {response.status_code}: {message}")


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0][:300] if lines else "(empty answer)"


@functools.lru_cache(maxsize=256)
def parsed_kind(sparql: str) -> str | None:
    """select | ask | graph when rdflib's parser accepts `sparql` (with the predeclared
    prefixes), else None. It only parses: nothing runs.

    Oxigraph parses only as part of running a query, and on an empty store a query that
    needs no data (a VALUES cross join, a count over BINDs) runs in full, with no limit.
    """
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        algebra = translateQuery(parseQuery(sparql), initNs=PREFIXES).algebra
    except Exception:  # rdflib's parse and prefix errors share no narrower base class
        return None
    return _RDFLIB_KINDS.get(algebra.name)


def _query_kind(sparql: str) -> str:
    """select | ask | graph. A query rdflib refuses goes to Oxigraph, for the embedded
    store's own syntax error (or, in a syntax only Oxigraph knows, its kind)."""
    return parsed_kind(sparql) or _oxigraph_query_kind(sparql)


def _oxigraph_query_kind(sparql: str) -> str:
    try:
        answer = _PARSER.query(sparql, prefixes=PREFIXES)
    except SyntaxError as exc:
        raise syntax_error(str(exc)) from exc
    if isinstance(answer, ox.QueryBoolean):
        return "ask"
    return "select" if isinstance(answer, ox.QuerySolutions) else "graph"


def _rename_iri(text: str, old: str, new: str) -> str:
    """`text` with every <old> IRI token (outside strings and comments) written <new>."""
    if old == new:
        return text
    parts, position = [], 0
    for match in _TOKENS.finditer(text):
        if match.group(0) == f"<{old}>":
            parts += [text[position : match.start()], f"<{new}>"]
            position = match.end()
    return "".join(parts) + text[position:]


# Tokens that matter for finding the WHERE group: strings, IRIs and comments are skipped.
_TOKENS = re.compile(
    r'''"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\''''
    r"""|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'"""
    r"|<[^<>\"{}|^`\\\x00-\x20]*>|#[^\n]*|[{}()]"
    r"|\b(?:SELECT|ASK|CONSTRUCT|DESCRIBE|WHERE)\b",
    re.IGNORECASE,
)


def _bind(text: str, bindings: Mapping[str, Identifier]) -> str:
    """The query with a VALUES block opening its WHERE group, binding each variable.

    Inside the group the values join every pattern and FILTER, as if substituted
    (a trailing VALUES clause is applied after projection by some stores, e.g. Virtuoso).
    """
    values = _values_clause(bindings)
    tokens = list(_TOKENS.finditer(text))
    form, depth, wanted_group, groups_seen = None, 0, 1, 0
    for i, match in enumerate(tokens):
        token = match.group(0).upper()
        if form is None:
            if depth == 0 and token in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
                form = token
                short = i + 1 < len(tokens) and tokens[i + 1].group(0).upper() == "WHERE"
                # CONSTRUCT {template} [WHERE] {pattern}: the pattern is the 2nd group;
                # CONSTRUCT WHERE {triples} allows no VALUES inside: trailing clause.
                if form == "CONSTRUCT" and short:
                    break
                wanted_group = 2 if form == "CONSTRUCT" else 1
        elif token == "{" and depth == 0:
            groups_seen += 1
            if groups_seen == wanted_group:
                return f"{text[: match.end()]} {values} {text[match.end() :]}"
        if token in ("(", "{"):
            depth += 1
        elif token in (")", "}"):
            depth -= 1
    return f"{text}\n{values}"  # DESCRIBE without a WHERE group, CONSTRUCT WHERE


def _values_clause(bindings: Mapping[str, Identifier]) -> str:
    """A VALUES block binding each variable to one term."""
    names = list(bindings)
    for name in names:
        if not _VARIABLE.match(name):
            raise UsageError(f"not a SPARQL variable name: {name!r}")
    variables = " ".join(f"?{name}" for name in names)
    terms = " ".join(_term(bindings[name]) for name in names)
    return f"VALUES ({variables}) {{ ({terms}) }}"


def _check_iri(iri: str) -> None:
    if not iri or _BAD_IRI_CHARS.search(iri):
        raise UsageError(f"not an IRI a SPARQL store accepts: {iri!r}")


def _term(term: Node) -> str:
    """A term in SPARQL / N-Triples syntax, escaped so no value can change the query."""
    if isinstance(term, URIRef):
        _check_iri(str(term))
        return f"<{term}>"
    if isinstance(term, Literal):
        lexical = f'"{str(term).translate(_LITERAL_ESCAPES)}"'
        if term.language:
            if not _LANGUAGE_TAG.match(term.language):
                raise UsageError(f"not a language tag: {term.language!r}")
            return f"{lexical}@{term.language}"
        if term.datatype and term.datatype != XSD.string:
            _check_iri(str(term.datatype))
            return f"{lexical}^^<{term.datatype}>"
        return lexical
    if isinstance(term, BNode):
        if not _VARIABLE.match(str(term)):
            raise UsageError(f"not a blank node label: {term!r}")
        return f"_:{term}"
    raise UsageError(f"cannot send {type(term).__name__} {term!r} to a SPARQL store")


def _batches(graph: Graph | Iterable[_Triple], size: int) -> Iterator[list[_Triple]]:
    """Triples in lists of about `size`; all triples sharing blank nodes go in one list.

    A blank node label means one node only within one request, so a group of triples
    connected through blank nodes must not be split across batches.
    """
    parent: dict[BNode, BNode] = {}

    def root(node: BNode) -> BNode:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    groups: dict[BNode, list[_Triple]] = {}
    batch: list[_Triple] = []
    with_blanks: list[_Triple] = []
    for triple in graph:
        s, _, o = triple
        blanks = [t for t in (s, o) if isinstance(t, BNode)]
        if not blanks:
            batch.append(triple)
            if len(batch) >= size:
                yield batch
                batch = []
            continue
        with_blanks.append(triple)
        if len(blanks) == 2:
            a, b = root(blanks[0]), root(blanks[1])
            if a != b:
                parent[a] = b
    for triple in with_blanks:
        blank = next(t for t in (triple[0], triple[2]) if isinstance(t, BNode))
        groups.setdefault(root(blank), []).append(triple)
    for group in groups.values():
        batch.extend(group)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _parse_results(kind: str, response: httpx.Response) -> QueryResult:
    try:
        payload = json.loads(response.content)
    except ValueError as exc:
        raise StoreError(
            f"the SPARQL store answered {response.headers.get('content-type')!r}, "
            "not SPARQL JSON results"
        ) from exc
    if kind == "ask":
        return QueryResult(kind="ask", boolean=bool(payload["boolean"]))
    variables = tuple(payload["head"].get("vars", ()))
    rows = tuple(
        tuple(_from_json(binding.get(v)) for v in variables)
        for binding in payload["results"]["bindings"]
    )
    return QueryResult(kind="select", variables=variables, rows=rows)


def _from_json(value: dict[str, str] | None) -> Identifier | None:
    if value is None:
        return None
    kind, text = value["type"], value["value"]
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    datatype = value.get("datatype")
    if datatype == str(XSD.string):
        datatype = None
    return Literal(text, lang=value.get("xml:lang"), datatype=datatype)


def _parse_graph(response: httpx.Response) -> Graph:
    content_type = response.headers.get("content-type", _NTRIPLES).split(";")[0].strip()
    formats = {_NTRIPLES: "nt", "text/plain": "nt", "text/turtle": "turtle"}
    graph = Graph()
    graph.parse(data=response.text, format=formats.get(content_type, "turtle"))
    return graph


__all__ = ["CONTROL_GRAPH", "Credentials", "RemoteSparqlStore"]
