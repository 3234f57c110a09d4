"""A synthetic hub graph N times the bundled one, streamed as triples.

Copy 0 is the bundled hub's graph as `kg.build` makes it. Copy k renames every resource
IRI (`res:...` + `-x<k>`) and appends ` #<k>` to labels, so each copy is a hub of
distinct entities with the same shape: selective queries (one label, one family) keep
their answer size, scans and aggregations grow with N.
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS
from rdflib.term import Node

from kg.vocab import RES

Triple = tuple[Node, Node, Node]
_RESOURCE = str(RES)
_RENAMED_LITERALS = {RDFS.label, SKOS.altLabel}


def hub_graph() -> Graph:
    """The bundled hub's graph (copy 0)."""
    import ingest
    from kg.build import build
    from vlmkg.config import bundled_hub

    return build(ingest.read_hubs([bundled_hub()]))


def replicate(graph: Graph, copies: int) -> Iterator[Triple]:
    """The triples of `copies` renamed copies of `graph` (len(graph) * copies, distinct)."""
    triples = list(graph)
    yield from triples
    for k in range(1, copies):
        suffix = f"-x{k}"
        label_suffix = f" #{k}"
        for s, p, o in triples:
            if isinstance(o, Literal) and p in _RENAMED_LITERALS:
                o = Literal(f"{o}{label_suffix}", lang=o.language, datatype=o.datatype)
            yield _rename(s, suffix), p, _rename(o, suffix)


def _rename(term: Node, suffix: str) -> Node:
    if isinstance(term, URIRef) and term.startswith(_RESOURCE):
        return URIRef(f"{term}{suffix}")
    return term
