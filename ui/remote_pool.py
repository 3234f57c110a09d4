"""The query pool's contract over a remote SPARQL store: no worker processes.

A remote store runs each query in its own server, so there is nothing local to kill: the
time limit is the HTTP timeout of the request (the store may go on until its own limit,
e.g. Virtuoso's MaxQueryExecutionTime). Answers are serialised by the same functions as
the embedded workers' (`ui._query_worker`), after converting rdflib terms to pyoxigraph's.

Each query is parsed here first: by rdflib's parser, which runs nothing; when it refuses
(or the query has a relative IRI and no base), by the embedded store's parser with the
job's base IRI, so syntax errors name the position in the client's own text. Oxigraph
parses only by running the query, and a query that needs no data (a VALUES cross join)
runs in full even over an empty store, so that runs in a query worker process over an
empty store, killed at the time limit (`ui.query_pool`). Relative IRIs are then sent
resolved (Virtuoso refuses a BASE after the predeclared PREFIX lines). A dataset naming
only graphs this endpoint does not serve is empty, as in the embedded store: such
queries are answered by that worker too.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import threading
from dataclasses import replace
from pathlib import Path
from urllib.parse import urljoin

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier, Node

from kg._relative_iris import relative_iri_problem, relative_iris
from kg._terms import to_ox
from kg.remote_store import RemoteSparqlStore, parsed_kind
from kg.store import QueryResult
from kg.store_config import StoreSettings, open_remote
from kg.vocab import PREFIXES
from ui._query_worker import QueryJob, QueryReply, boolean_reply, graph_reply, select_reply
from ui.query_pool import QueryPool
from vlmkg.errors import StoreError, UsageError

_NOT_LABEL = re.compile(r"[^A-Za-z0-9_]")
_SERVICE = re.compile(r"(?i)\bSERVICE\b")  # may also match in a string: then no local run
_BASE_DECLARATION = re.compile(r'(?i:\bBASE)\s*<([^<>"{}|^`\\\s]*)>')


class RemoteQueryPool:
    """Runs QueryJobs on the SPARQL store `settings` names, like `ui.query_pool.QueryPool`."""

    def __init__(
        self, settings: StoreSettings, time_limit: float = 30.0, row_limit: int = 10_000
    ) -> None:
        self.settings = settings
        self.time_limit = time_limit
        self.row_limit = row_limit
        self._stores: dict[float, RemoteSparqlStore] = {}  # by HTTP timeout
        self._lock = threading.Lock()
        self._empty: QueryPool | None = None  # one worker over an empty store, when needed
        self._empty_dir: Path | None = None

    @property
    def store(self) -> RemoteSparqlStore:
        """The store queried with the pool's own time limit."""
        return self._store(self.time_limit)

    def run(self, job: QueryJob, time_limit: float | None = None) -> QueryReply:
        """Run `job` on the store; raises QueryTimeoutError, QuerySyntaxError, StoreError."""
        store = self._store(self.time_limit if time_limit is None else time_limit)
        serves = self._serves_dataset(job)
        if not serves and _SERVICE.search(job.query):  # pyoxigraph would call the SERVICE
            raise UsageError(
                "a SERVICE query over graphs this endpoint does not serve is not supported: "
                "drop default-graph-uri / named-graph-uri"
            )
        # Run over the empty store: an empty dataset's query, and the syntax check of one
        # rdflib refuses (a SERVICE query is left to the store's own parser).
        if not serves or not (_SERVICE.search(job.query) or _parses_unrun(job)):
            capped = replace(job, row_limit=min(job.row_limit, self.row_limit))
            local = self._empty_pool().run(capped, time_limit)  # raises QuerySyntaxError
            if not serves:
                return local
        bindings: dict[str, Identifier] = {
            name: URIRef(value) if kind == "iri" else Literal(value)
            for name, kind, value in job.bindings
        }
        text = _foreign_graphs_empty(_resolved(job.query, job.base_iri), self.settings.graph)
        result = store.query(text, bindings or None)
        try:
            return _reply(result, job, min(job.row_limit, self.row_limit))
        except (TypeError, ValueError, OSError) as exc:  # a term pyoxigraph cannot write
            raise StoreError(f"cannot serialise the SPARQL store's answer: {exc}") from exc

    def close(self) -> None:
        """Close the HTTP connections and stop the empty store's worker."""
        with self._lock:
            stores, self._stores = list(self._stores.values()), {}
            empty, self._empty = self._empty, None
            directory, self._empty_dir = self._empty_dir, None
        for store in stores:
            store.close()
        if empty is not None:
            empty.close()
        if directory is not None:
            shutil.rmtree(directory, ignore_errors=True)

    def _empty_pool(self) -> QueryPool:
        with self._lock:
            if self._empty is None:
                directory = Path(tempfile.mkdtemp(prefix="vlmkg-empty-store-"))
                ox.Store(str(directory / "store"))  # created and closed; the worker reads it
                self._empty_dir = directory
                self._empty = QueryPool(directory / "store", 1, self.time_limit, self.row_limit)
            return self._empty

    def _store(self, time_limit: float) -> RemoteSparqlStore:
        with self._lock:
            if time_limit not in self._stores:
                self._stores[time_limit] = open_remote(replace(self.settings, timeout=time_limit))
            return self._stores[time_limit]

    def _serves_dataset(self, job: QueryJob) -> bool:
        """True when the store answers the job's dataset; False when it names only graphs
        the endpoint does not serve (an empty dataset). Raises UsageError for a mix."""
        # The store serves one graph (default and only named graph), as the embedded one.
        own = self.settings.graph
        named = {*job.default_graphs, *job.named_graphs}
        if not named or named == {own}:
            return True
        if own not in named:
            return False
        other = sorted(named - {own})[0]
        raise UsageError(
            f"this endpoint serves only the graph <{own}>, not <{other}>: "
            "drop default-graph-uri / named-graph-uri"
        )


def _parses_unrun(job: QueryJob) -> bool:
    """Whether `job` parses as the embedded store would parse it, found without running it."""
    if job.base_iri is None and relative_iri_problem(job.query) is not None:
        return False  # Oxigraph refuses a relative IRI without a base IRI; rdflib does not
    return parsed_kind(job.query) is not None


def _reply(result: QueryResult, job: QueryJob, row_limit: int) -> QueryReply:
    """`result` serialised as the job asks, by the embedded workers' serialisers."""
    if result.kind == "ask":
        return boolean_reply(bool(result.boolean), job.select_format)
    if result.kind == "select":
        rows = (tuple(_to_ox(term) for term in row) for row in result.rows)
        return select_reply(list(result.variables), rows, job.select_format, row_limit)
    triples = (
        ox.Triple(_to_ox(s), _to_ox(p), _to_ox(o))  # type: ignore[arg-type]
        for s, p, o in result.graph or ()
    )
    return graph_reply(triples, job.graph_format, row_limit, PREFIXES)


def _resolved(query: str, base_iri: str | None) -> str:
    """`query` with its relative IRIs resolved (RFC 3986) against `base_iri`, and after
    the query's own BASE against that one, which is then blanked out (Virtuoso refuses a
    BASE after the predeclared PREFIX lines; blanks keep the positions of syntax errors).
    Several BASEs (each relative to the last) are left to the store."""
    declared = list(_BASE_DECLARATION.finditer(query))
    if len(declared) > 1:
        return query
    own_base, since = None, len(query)
    if declared:
        own = declared[0]
        own_base, since = _join(base_iri or "", own.group(1)), own.start()
        query = query[:since] + " " * (own.end() - since) + query[own.end() :]
    parts, end = [], 0
    for match in relative_iris(query):
        base = own_base if match.start() > since else base_iri
        if base is None:
            continue
        parts += [query[end : match.start()], f"<{_join(base, match.group(1))}>"]
        end = match.end()
    return "".join(parts) + query[end:]


def _join(base: str, iri: str) -> str:
    # urljoin drops an empty fragment (`onto#`), which namespace IRIs often end with.
    joined = urljoin(base, iri)
    return joined + "#" if iri.endswith("#") and not joined.endswith("#") else joined


# strings and comments (skipped whole), and `GRAPH <iri> {`
_GRAPH_OR_SKIPPED = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|#[^\n]*'
    r'|(?i:\bGRAPH)\s*<([^<>"{}|^`\\\s]*)>\s*\{'
)


def _foreign_graphs_empty(query: str, own: str) -> str:
    """`query` with each `GRAPH <g> {` of a graph other than `own` written
    `GRAPH <own> { FILTER(false)`: the empty pattern SPARQL gives a graph outside the
    dataset. Virtuoso 7.2 instead drops such a GRAPH pattern (ASK answers true) when the
    request names its graphs with named-graph-uri, as every query here does."""
    parts, end = [], 0
    for match in _GRAPH_OR_SKIPPED.finditer(query):
        if match.group(1) is None or match.group(1) == own:
            continue
        parts += [query[end : match.start()], f"GRAPH <{own}> {{ FILTER(false) "]
        end = match.end()
    return "".join(parts) + query[end:]


def _to_ox(term: Node | None) -> ox.NamedNode | ox.BlankNode | ox.Literal | None:
    if term is None:
        return None
    if isinstance(term, BNode) and _NOT_LABEL.search(str(term)):
        # Stores name blank nodes freely (Virtuoso: `nodeID://b10006`); labels are local.
        return ox.BlankNode(_NOT_LABEL.sub("_", str(term)))
    return to_ox(term)
