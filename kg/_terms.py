"""Converting RDF terms between rdflib and pyoxigraph."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier, Node

from kg.vocab import XSD

_XSD_STRING = str(XSD.string)


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The pyoxigraph term for an rdflib URIRef, BNode or Literal."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def from_ox(term: object) -> Identifier | None:
    """The rdflib term for a pyoxigraph term; plain strings come back without a datatype."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"unexpected Oxigraph term: {term!r}")


def quads(
    triples: Iterable[tuple[Node, Node, Node]], graph_name: ox.NamedNode
) -> Iterator[ox.Quad]:
    """pyoxigraph quads of rdflib triples, all in `graph_name`."""
    for s, p, o in triples:
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph_name)  # type: ignore[arg-type]
