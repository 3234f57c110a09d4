"""The query pool's contract over a remote SPARQL store: no worker processes.

A remote store runs each query in its own server, so there is nothing local to kill: the
time limit is the HTTP timeout of the request (the store may go on until its own limit,
e.g. Virtuoso's MaxQueryExecutionTime). Answers are serialised by the same functions as
the embedded workers' (`ui._query_worker`), after converting rdflib terms to pyoxigraph's.
"""

from __future__ import annotations

import re
import threading
from dataclasses import replace

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier, Node

from kg._terms import to_ox
from kg.remote_store import RemoteSparqlStore
from kg.store import QueryResult
from kg.store_config import StoreSettings, open_remote
from kg.vocab import PREFIXES
from ui._query_worker import QueryJob, QueryReply, boolean_reply, graph_reply, select_reply
from vlmkg.errors import StoreError, UsageError

_NOT_LABEL = re.compile(r"[^A-Za-z0-9_]")


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

    @property
    def store(self) -> RemoteSparqlStore:
        """The store queried with the pool's own time limit."""
        return self._store(self.time_limit)

    def run(self, job: QueryJob, time_limit: float | None = None) -> QueryReply:
        """Run `job` on the store; raises QueryTimeoutError, QuerySyntaxError, StoreError."""
        store = self._store(self.time_limit if time_limit is None else time_limit)
        self._check_graphs(job)
        bindings: dict[str, Identifier] = {
            name: URIRef(value) if kind == "iri" else Literal(value)
            for name, kind, value in job.bindings
        }
        result = store.query(job.query, bindings or None)
        try:
            return _reply(result, job, min(job.row_limit, self.row_limit))
        except (TypeError, ValueError, OSError) as exc:  # a term pyoxigraph cannot write
            raise StoreError(f"cannot serialise the SPARQL store's answer: {exc}") from exc

    def close(self) -> None:
        """Close the HTTP connections."""
        with self._lock:
            stores, self._stores = list(self._stores.values()), {}
        for store in stores:
            store.close()

    def _store(self, time_limit: float) -> RemoteSparqlStore:
        with self._lock:
            if time_limit not in self._stores:
                self._stores[time_limit] = open_remote(replace(self.settings, timeout=time_limit))
            return self._stores[time_limit]

    def _check_graphs(self, job: QueryJob) -> None:
        # The store serves one graph (default and only named graph), as the embedded one.
        own = self.settings.graph
        for name in (*job.default_graphs, *job.named_graphs):
            if name != own:
                raise UsageError(
                    f"this endpoint serves only the graph <{own}>, not <{name}>: "
                    "drop default-graph-uri / named-graph-uri"
                )


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


def _to_ox(term: Node | None) -> ox.NamedNode | ox.BlankNode | ox.Literal | None:
    if term is None:
        return None
    if isinstance(term, BNode) and _NOT_LABEL.search(str(term)):
        # Stores name blank nodes freely (Virtuoso: `nodeID://b10006`); labels are local.
        return ox.BlankNode(_NOT_LABEL.sub("_", str(term)))
    return to_ox(term)
