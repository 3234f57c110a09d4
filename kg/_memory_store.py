"""A built graph as the default graph of an in-memory Oxigraph store.

A build checks its graph with SPARQL (`kg.shacl`) and writes it to the Oxigraph store on
disk: both need the graph in Oxigraph, so the records' triples go there once, instead of
into an rdflib Graph (whose `add` cost more than the mapping itself) converted again for
each use. They go as N-Triples text, parsed by Oxigraph: terms repeat (predicates,
classes, source spans: ~6k distinct terms in the bundled hub's ~25k triples), so each is
written once, and no Python object is made per triple (half the time of building
`pyoxigraph.Quad`s; docs/performance.md).
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg._terms import from_ox
from kg.vocab import PREFIXES

Triple = tuple[Node, Node, Node]
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def memory_store(triples: Iterable[Triple]) -> ox.Store:
    """A new in-memory store whose default graph holds `triples` (duplicates dropped).

    Raises ValueError for a term that is not valid RDF (an IRI with a space...).
    """
    store = ox.Store()
    try:
        store.load(n_triples(triples), ox.RdfFormat.N_TRIPLES)
    except SyntaxError as exc:
        raise ValueError(f"the graph is not valid RDF: {exc}") from exc
    return store


def n_triples(triples: Iterable[Triple]) -> str:
    """The triples as N-Triples, each distinct term serialised once."""
    written: dict[Node, str] = {}
    lines = []
    for triple in triples:
        terms = []
        for term in triple:
            found = written.get(term)
            if found is None:
                found = written[term] = _n_triples_term(term)
            terms.append(found)
        lines.append(f"{terms[0]} {terms[1]} {terms[2]} .\n")
    return "".join(lines)


def _n_triples_term(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        text = f'"{str(term).translate(_ESCAPES)}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None:
            return f"{text}^^<{term.datatype}>"
        return text
    if isinstance(term, BNode):
        return f"_:{term}"
    raise TypeError(f"not an RDF term: {term!r}")


def rdflib_graph(store: ox.Store) -> Graph:
    """The store's default graph as an rdflib Graph (vlmkg's prefixes bound)."""
    graph = Graph()
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri)
    for quad in store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
        graph.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))  # type: ignore[arg-type]
    return graph


__all__ = ["memory_store", "n_triples", "rdflib_graph"]
