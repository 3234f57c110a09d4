"""A built graph as the default graph of an in-memory Oxigraph store.

A build checks its graph with SPARQL (`kg.shacl`) and writes it to the Oxigraph store on
disk: both need Oxigraph terms, so the records' triples are converted once, into this
store, instead of being held in an rdflib Graph (whose `add` cost more than the mapping
itself) and converted again for each use. Terms repeat (predicates, classes, source
spans: ~6k distinct terms in the bundled hub's ~25k triples), so each is converted once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Node

from kg._terms import from_ox, to_ox
from kg.vocab import PREFIXES

Triple = tuple[Node, Node, Node]


def memory_store(triples: Iterable[Triple]) -> ox.Store:
    """A new in-memory store whose default graph holds `triples` (duplicates dropped)."""
    store = ox.Store()
    store.bulk_extend(ox_quads(triples, ox.DefaultGraph()))
    return store


def ox_quads(
    triples: Iterable[Triple], graph_name: ox.NamedNode | ox.DefaultGraph
) -> Iterator[ox.Quad]:
    """Oxigraph quads of rdflib triples in `graph_name`, each distinct term converted once."""
    converted: dict[Node, Any] = {}
    for triple in triples:
        terms: list[Any] = []
        for term in triple:
            found = converted.get(term)
            if found is None:
                found = converted[term] = to_ox(term)
            terms.append(found)
        yield ox.Quad(terms[0], terms[1], terms[2], graph_name)


def rdflib_graph(store: ox.Store) -> Graph:
    """The store's default graph as an rdflib Graph (vlmkg's prefixes bound)."""
    graph = Graph()
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri)
    for quad in store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
        graph.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))  # type: ignore[arg-type]
    return graph


__all__ = ["memory_store", "ox_quads", "rdflib_graph"]
