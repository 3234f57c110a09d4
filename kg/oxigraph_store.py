"""The embedded store: the hub graph on disk in Oxigraph, through rdflib (oxrdflib).

The graph lives in the named graph `kg.vocab.GRAPH` (an rdflib `Graph(store="Oxigraph")`
without a fixed identifier would write into a random named graph and look empty when
reopened); queries see it as their default graph. Readers open the directory read-only,
so several can run while a builder writes a new build elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from types import TracebackType

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Identifier, Node

from kg._terms import from_ox, quads, to_ox
from kg.sparql import syntax_error
from kg.store import QueryResult
from kg.vocab import GRAPH, PREFIXES
from vlmkg.errors import StoreError, UsageError

_GRAPH_NAME = ox.NamedNode(GRAPH)
_LOAD_BATCH = 100_000


class OxigraphStore:
    """A built graph in an Oxigraph directory; `graph` is its rdflib view."""

    def __init__(self, path: Path, *, read_only: bool = True) -> None:
        self.path = Path(path)
        self.read_only = read_only
        try:
            inner = ox.Store.read_only(str(self.path)) if read_only else ox.Store(str(self.path))
        except OSError as exc:
            mode = "read" if read_only else "write"
            raise StoreError(f"cannot open the graph store {self.path} to {mode}: {exc}") from exc
        self._inner: ox.Store | None = inner
        self._graph: Graph | None = None

    @property
    def graph(self) -> Graph:
        """The hub graph as an rdflib Graph over this store (made on first use)."""
        if self._graph is None:
            # oxrdflib imports rdflib's SPARQL engine (~0.1 s); queries and loads need neither.
            from oxrdflib import OxigraphStore as RdflibOxigraphStore

            graph = Graph(store=RdflibOxigraphStore(store=self.inner), identifier=URIRef(GRAPH))
            for prefix, iri in PREFIXES.items():
                graph.bind(prefix, iri)
            self._graph = graph
        return self._graph

    @classmethod
    def create(
        cls, path: Path, triples: Iterable[tuple[Node, Node, Node]] | ox.Store
    ) -> OxigraphStore:
        """A new store at `path` (which must not exist) holding `triples` (or the default graph
        of an in-memory store), opened to write."""
        path = Path(path)
        if path.exists():
            raise StoreError(f"cannot create the graph store: {path} already exists")
        store = cls(path, read_only=False)
        store.load(triples)
        store.optimize()
        return store

    @property
    def inner(self) -> ox.Store:
        """The pyoxigraph store (raises StoreError once closed)."""
        if self._inner is None:
            raise StoreError(f"the graph store {self.path} is closed")
        return self._inner

    def load(
        self, triples: Iterable[tuple[Node, Node, Node]] | Path | ox.Store, graph: str = GRAPH
    ) -> None:
        """Add triples (an N-Triples file's, or an in-memory store's default graph) to the hub
        graph or the named `graph`, in batches written straight to disk."""
        batch: list[ox.Quad] = []
        try:
            name = ox.NamedNode(graph)
            if isinstance(triples, Path):
                self.inner.bulk_load(
                    path=str(triples), format=ox.RdfFormat.N_TRIPLES, to_graph=name
                )
                self.inner.flush()
                return
            if isinstance(triples, ox.Store):  # all in Oxigraph: no Python object per triple
                data = triples.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
                # lenient: the terms were checked when they entered the in-memory store
                self.inner.bulk_load(data, ox.RdfFormat.N_TRIPLES, to_graph=name, lenient=True)
                self.inner.flush()
                return
            for quad in quads(triples, name):
                batch.append(quad)
                if len(batch) >= _LOAD_BATCH:
                    self.inner.bulk_extend(batch)
                    batch = []
            if batch:
                self.inner.bulk_extend(batch)
            self.inner.flush()
        except OSError as exc:
            raise StoreError(f"cannot write the graph store {self.path}: {exc}") from exc

    def optimize(self) -> None:
        """Compact the files a bulk load wrote, so reads touch fewer of them."""
        try:
            self.inner.optimize()
        except OSError as exc:
            raise StoreError(f"cannot optimize the graph store {self.path}: {exc}") from exc

    def query(self, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> QueryResult:
        """Run SELECT/ASK/CONSTRUCT/DESCRIBE on the hub graph, prefixes predeclared.

        `bindings` are substituted for variables (SEP-0007), never spliced into the text;
        in a SELECT a bound variable must be projected (SELECT * or listed).
        """
        substitutions = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        try:
            answer = self.inner.query(
                sparql,
                prefixes=PREFIXES,
                default_graph=_GRAPH_NAME,
                substitutions=substitutions,  # type: ignore[arg-type]
            )
            return _result(answer)
        except SyntaxError as exc:
            raise syntax_error(str(exc), sparql) from exc
        except OSError as exc:
            raise StoreError(f"the graph store {self.path} failed: {exc}") from exc
        except RuntimeError as exc:
            if "projection" not in str(exc):
                raise
            raise UsageError(
                f"cannot bind {', '.join('?' + k for k in bindings or {})}: a bound variable "
                "must be in the SELECT projection (or use SELECT *)"
            ) from exc

    def __len__(self) -> int:
        answer = self.inner.query(
            "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", default_graph=_GRAPH_NAME
        )
        return int(next(iter(answer))[0].value)  # type: ignore[arg-type]

    def close(self) -> None:
        """Release the store; later queries raise StoreError."""
        if self._inner is not None:
            if self._graph is not None:
                self._graph.close()
            self._graph = None
            self._inner = None

    def __enter__(self) -> OxigraphStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _result(answer: object) -> QueryResult:
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult(kind="ask", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = tuple(v.value for v in answer.variables)
        rows = tuple(tuple(from_ox(term) for term in solution) for solution in answer)
        return QueryResult(kind="select", variables=variables, rows=rows)
    if isinstance(answer, ox.QueryTriples):
        graph = Graph()
        for triple in answer:
            graph.add((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))  # type: ignore[arg-type]
        return QueryResult(kind="graph", graph=graph)
    raise StoreError(f"unexpected query answer from Oxigraph: {answer!r}")


__all__ = ["OxigraphStore"]
