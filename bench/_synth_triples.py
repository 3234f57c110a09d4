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
from rdflib.plugins.serializers.nt import _nt_row
from rdflib.term import Node

from kg.vocab import RES

Triple = tuple[Node, Node, Node]
_RESOURCE = str(RES)
_RENAMED_LITERALS = {RDFS.label, SKOS.altLabel}
# Stand-ins for a copy's suffixes in the N-Triples template (text no IRI or label holds).
_IRI_MARK, _LABEL_MARK = "@@copy-iri@@", "@@copy-label@@"


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


def ntriples(graph: Graph, copies: int, *, start: int = 0, per_chunk: int = 10) -> Iterator[str]:
    """The triples of copies `start` .. `start + copies - 1` as N-Triples text, in chunks of
    `per_chunk` copies: the same triples as `replicate`, written by string substitution
    into one template (a loader's own parser then reads them, not rdflib)."""
    template = _template(graph)
    for first in range(start, start + copies, per_chunk):
        last = min(first + per_chunk, start + copies)
        yield "".join(_copy_text(template, k) for k in range(first, last))


def _template(graph: Graph) -> str:
    rows = []
    for s, p, o in graph:
        if isinstance(o, Literal) and p in _RENAMED_LITERALS:
            o = Literal(f"{o}{_LABEL_MARK}", lang=o.language, datatype=o.datatype)
        rows.append(_nt_row((_rename(s, _IRI_MARK), p, _rename(o, _IRI_MARK))))
    template = "".join(rows)
    if template.count(_IRI_MARK) + template.count(_LABEL_MARK) == 0:
        raise ValueError("the graph has no resource IRIs or labels to rename")
    return template


def _copy_text(template: str, k: int) -> str:
    if k == 0:
        return template.replace(_IRI_MARK, "").replace(_LABEL_MARK, "")
    return template.replace(_IRI_MARK, f"-x{k}").replace(_LABEL_MARK, f" #{k}")
