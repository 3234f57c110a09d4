"""The SPARQL 1.1 Service Description of `/sparql` (answered to a GET with no query).

`describe(endpoint, dataset, allow_service)` returns the description as triples:
an `sd:Service` with its endpoint, the query language, the result formats the workers
write, and `sd:defaultDataset` with the default graph and every named graph of the
store (as `DATASET_QUERY` finds them, so graphs added to the store appear without a
change here), each with its `void:triples` count.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pyoxigraph as ox

from ui._query_worker import FORMATS

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
PREFIXES = {
    "sd": SD,
    "void": VOID,
    "formats": "http://www.w3.org/ns/formats/",
    "ent": "http://www.w3.org/ns/entailment/",
}
# format name (ui._query_worker.FORMATS) -> its W3C format IRI
FORMAT_IRIS = {
    "json": "http://www.w3.org/ns/formats/SPARQL_Results_JSON",
    "xml": "http://www.w3.org/ns/formats/SPARQL_Results_XML",
    "csv": "http://www.w3.org/ns/formats/SPARQL_Results_CSV",
    "tsv": "http://www.w3.org/ns/formats/SPARQL_Results_TSV",
    "turtle": "http://www.w3.org/ns/formats/Turtle",
    "ntriples": "http://www.w3.org/ns/formats/N-Triples",
    "jsonld": "http://www.w3.org/ns/formats/JSON-LD",
    "rdfxml": "http://www.w3.org/ns/formats/RDF_XML",
}
# Triple counts of the default graph (?g unbound) and of each named graph of the store.
DATASET_QUERY = (
    "SELECT ?g (COUNT(*) AS ?triples) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } "
    "GROUP BY ?g ORDER BY ?g"
)


@dataclass(frozen=True)
class Dataset:
    """What the endpoint queries: the default graph's size, its IRI when it is also a
    named graph of the store, and the named graphs (IRI, triple count), sorted."""

    default_triples: int
    default_graph: str | None
    named_graphs: tuple[tuple[str, int], ...]


def dataset_of(rows: list[tuple[str | None, int]], default_graph: str | None) -> Dataset:
    """The Dataset from DATASET_QUERY's rows (graph IRI or None for the default, count)."""
    named = tuple(sorted((g, n) for g, n in rows if g is not None))
    default = next((n for g, n in rows if g is None), 0)
    known = {g for g, _ in named}
    return Dataset(default, default_graph if default_graph in known else None, named)


def describe(endpoint: str, dataset: Dataset, allow_service: bool = False) -> list[ox.Triple]:
    """The service description triples of the endpoint at `endpoint` over `dataset`."""
    service = ox.NamedNode(endpoint)
    out = [
        _t(service, RDF_TYPE, _sd("Service")),
        _t(service, _sd("endpoint"), service),
        _t(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
        _t(service, _sd("defaultEntailmentRegime"), ox.NamedNode(PREFIXES["ent"] + "Simple")),
    ]
    out += [_t(service, _sd("resultFormat"), ox.NamedNode(FORMAT_IRIS[f])) for f in FORMATS]
    if allow_service:
        out.append(_t(service, _sd("feature"), _sd("BasicFederatedQuery")))
    data, default = ox.BlankNode("dataset"), ox.BlankNode("defaultGraph")
    entries = [ox.BlankNode(f"namedGraph{i}") for i in range(len(dataset.named_graphs))]
    out += [
        _t(service, _sd("defaultDataset"), data),
        _t(data, RDF_TYPE, _sd("Dataset")),
        _t(data, _sd("defaultGraph"), default),
        *(_t(data, _sd("namedGraph"), entry) for entry in entries),
        *_graph(default, dataset.default_triples),
    ]
    for index, (entry, (name, triples)) in enumerate(
        zip(entries, dataset.named_graphs, strict=True)
    ):
        # The default graph *is* the store's graph of that name: one sd:Graph node for both.
        graph = default if name == dataset.default_graph else ox.BlankNode(f"graph{index}")
        out += [
            _t(entry, RDF_TYPE, _sd("NamedGraph")),
            _t(entry, _sd("name"), ox.NamedNode(name)),
            _t(entry, _sd("graph"), graph),
        ]
        if graph is not default:
            out += _graph(graph, triples)
    return out


def _graph(node: ox.BlankNode, triples: int) -> list[ox.Triple]:
    return [
        _t(node, RDF_TYPE, _sd("Graph")),
        _t(node, ox.NamedNode(VOID + "triples"), _count(triples)),
    ]


def description_page(endpoint: str, turtle: str) -> str:
    """The HTML page a browser gets: how to query the endpoint, and its description."""
    url = html.escape(endpoint)
    query = "SELECT%20*%20WHERE%20%7B%20%3Fm%20a%20vlm%3AModel%20%7D%20LIMIT%2010"
    example = html.escape(f"{endpoint}?query={query}")
    return (
        '<!doctype html><html><head><meta charset="utf-8"><title>vlmkg SPARQL endpoint'
        '</title></head><body style="font-family: system-ui, sans-serif; margin: 2em">'
        f"<h1>SPARQL 1.1 endpoint</h1><p>This is a read-only SPARQL 1.1 Protocol endpoint: "
        f"<code>GET {url}?query=...</code>, or <code>POST</code> the query as "
        "<code>application/x-www-form-urlencoded</code> (<code>query=...</code>) or "
        "<code>application/sparql-query</code>. For example: "
        f'<a href="{example}">ten models</a>. The web UI (with a query editor) is at '
        '<a href="/">/</a>.</p><h2>Service description</h2><p>Also as '
        f'<a href="{url}?format=turtle">Turtle</a> and '
        f'<a href="{url}?format=json-ld">JSON-LD</a>.</p>'
        f"<pre>{html.escape(turtle)}</pre></body></html>"
    )


def _sd(name: str) -> ox.NamedNode:
    return ox.NamedNode(SD + name)


def _count(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=XSD_INTEGER)


def _t(
    subject: ox.NamedNode | ox.BlankNode,
    predicate: ox.NamedNode,
    obj: ox.NamedNode | ox.BlankNode | ox.Literal,
) -> ox.Triple:
    return ox.Triple(subject, predicate, obj)
