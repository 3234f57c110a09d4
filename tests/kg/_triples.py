"""Helpers for comparing graphs in tests: triples as short, sortable strings."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg.sparql import compact_iri
from kg.vocab import PROV, RES, VLM


def show(term: Node) -> str:
    """`res:model/cogvlm`, `"CogVLM"`, `"2023"^^xsd:integer`."""
    if isinstance(term, URIRef):
        return compact_iri(term)
    if isinstance(term, Literal):
        if term.datatype is not None:
            return f'"{term}"^^{compact_iri(term.datatype)}'
        return term.n3()
    return str(term)


def facts(graph: Graph) -> list[str]:
    """The sorted triples of the graph without provenance (statements, spans, derivations)."""
    skipped = (str(RES["fact/"]), str(RES["source/"]))
    return sorted(
        " ".join(show(t) for t in triple)
        for triple in graph
        if not str(triple[0]).startswith(skipped) and triple[1] != PROV.wasDerivedFrom
    )


def triples_of(graph: Graph, subject: URIRef) -> list[str]:
    """The sorted `p o` pairs of one subject, without its table cells (`cells_of`)."""
    return sorted(
        f"{show(p)} {show(o)}" for p, o in graph.predicate_objects(subject) if p != VLM.cell
    )


def cells_of(graph: Graph, subject: URIRef) -> list[tuple[int, str, str]]:
    """One subject's `vlm:cell`s as (column index, column, value), in column order."""
    return sorted(
        (
            int(graph.value(c, VLM.columnIndex)),
            str(graph.value(c, VLM.column)),
            str(graph.value(c, VLM.value)),
        )
        for c in graph.objects(subject, VLM.cell)
    )
