"""Network views of the knowledge graph (networkx), and their GEXF, GraphML and CSV forms.

A view is a projection of the RDF graph onto entities and the relations between them:

- `full`: every typed entity and every entity-to-entity triple (provenance statements and
  source spans left out);
- `components`: models linked to their vision encoders, language backbones and other
  pretrained parts, and those up to their families (`skos:broader`);
- `lineage`: `vlm:basedOn` chains and `skos:broader` families;
- `co-usage`: models linked when they share a component or a family, weighted by how many;
- `papers`: papers linked when the entities they describe share components, weighted.

Nodes carry `type`, `label`, `iri` and, when known, `year` and `parameter_count` (the
largest variant); edges carry `relation` and `weight`. Node ids are the resource IRIs
relative to `res:` ("model/llava"), so they stay the same from one build to the next.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg.vocab import PREFIXES, PROV, RDF, RDFS, RES, SKOS, VLM

COMPONENT_RELATIONS = (VLM.visionEncoder, VLM.languageBackbone, VLM.component)
LINEAGE_RELATIONS = (VLM.basedOn, SKOS.broader)
# Provenance machinery, not knowledge: left out of every view.
PROVENANCE_CLASSES = frozenset({RDF.Statement, VLM.SourceSpan})
NON_EDGE_PREDICATES = frozenset({RDF.type, PROV.wasDerivedFrom})
# The most specific class wins when an entity has several types.
TYPE_PRIORITY = (
    VLM.Model,
    VLM.VisionEncoder,
    VLM.LanguageModel,
    VLM.AudioEncoder,
    VLM.PretrainedComponent,
    VLM.Paper,
    VLM.Dataset,
    VLM.Benchmark,
    VLM.Tool,
    VLM.WebResource,
)

NODE_COLUMNS = ("id", "label", "type", "year", "parameter_count", "iri")
EDGE_COLUMNS = ("source", "target", "relation", "weight", "shared")


def node_id(iri: Node) -> str:
    """A stable short id: the IRI relative to `res:` ("model/llava"), else the full IRI."""
    text = str(iri)
    return text[len(str(RES)) :] if text.startswith(str(RES)) else text


def compact(iri: Node) -> str:
    """`vlm:basedOn` for a vocabulary IRI, the IRI itself when no prefix fits."""
    text = str(iri)
    best = ""
    for prefix, namespace in PREFIXES.items():
        if text.startswith(namespace) and len(namespace) > len(PREFIXES.get(best, "")):
            best = prefix
    return f"{best}:{text[len(PREFIXES[best]) :]}" if best else text


def entity_type(graph: Graph, node: Node) -> str:
    """The entity's most specific vlm class as a local name ("Model"), or "Resource"."""
    types = set(graph.objects(node, RDF.type))
    for cls in TYPE_PRIORITY:
        if cls in types:
            return str(cls)[len(str(VLM)) :]
    vlm_types = sorted(str(t)[len(str(VLM)) :] for t in types if str(t).startswith(str(VLM)))
    return vlm_types[0] if vlm_types else "Resource"


def label(graph: Graph, node: Node) -> str:
    """The entity's rdfs:label (the smallest when several), else its short id."""
    labels = sorted(str(value) for value in graph.objects(node, RDFS.label))
    return labels[0] if labels else node_id(node)


def node_attributes(graph: Graph, node: Node) -> dict[str, object]:
    """Attributes of one node: type, label, iri, and year / parameter_count when known.

    `year` is the earliest vlm:releaseYear; `parameter_count` the largest variant.
    """
    attributes: dict[str, object] = {
        "type": entity_type(graph, node),
        "label": label(graph, node),
        "iri": str(node),
    }
    years = integer_values(graph.objects(node, VLM.releaseYear))
    if years:
        attributes["year"] = min(years)
    counts = _numbers(graph.objects(node, VLM.parameterCount))
    if counts:
        attributes["parameter_count"] = float(max(counts))
    return attributes


def _numbers(values: Iterable[Node]) -> list[float]:
    numbers = []
    for value in values:
        if isinstance(value, Literal):
            try:
                numbers.append(float(value))
            except (TypeError, ValueError):
                continue
    return numbers


def integer_values(values: Iterable[Node]) -> list[int]:
    """The literals among `values` that are whole numbers, as ints (others skipped)."""
    return [int(number) for number in _numbers(values) if number.is_integer()]


def subjects_of_type(graph: Graph, cls: URIRef) -> set[Node]:
    """Every IRI typed `cls`."""
    return {s for s in graph.subjects(RDF.type, cls) if isinstance(s, URIRef)}


def broader_closure(graph: Graph) -> Callable[[Node], frozenset[Node]]:
    """A function giving each node's families: all `skos:broader` ancestors, cycles cut."""
    parents: dict[Node, set[Node]] = defaultdict(set)
    for child, parent in graph.subject_objects(SKOS.broader):
        if isinstance(parent, URIRef) and parent != child:
            parents[child].add(parent)
    memo: dict[Node, frozenset[Node]] = {}

    def ancestors(node: Node) -> frozenset[Node]:
        if node not in memo:
            seen: set[Node] = set()
            stack = list(parents.get(node, ()))
            while stack:
                current = stack.pop()
                if current in seen or current == node:
                    continue
                seen.add(current)
                stack.extend(parents.get(current, ()))
            memo[node] = frozenset(seen)
        return memo[node]

    return ancestors


def model_components(graph: Graph) -> dict[Node, frozenset[Node]]:
    """Each model's components: its encoders, backbones, other parts and their families."""
    ancestors = broader_closure(graph)
    result: dict[Node, frozenset[Node]] = {}
    for model in subjects_of_type(graph, VLM.Model):
        direct = {
            part
            for relation in COMPONENT_RELATIONS
            for part in graph.objects(model, relation)
            if isinstance(part, URIRef)
        }
        families = set().union(*(ancestors(part) for part in direct)) if direct else set()
        result[model] = frozenset(direct | families)
    return result


def _add_node(network: nx.Graph, graph: Graph, node: Node) -> None:
    key = node_id(node)
    if key not in network:
        network.add_node(key, **node_attributes(graph, node))


def _add_relation(
    network: nx.Graph, graph: Graph, subject: Node, relation: Node, obj: Node
) -> None:
    """One edge per node pair; several relations between them are joined, weight counts them."""
    _add_node(network, graph, subject)
    _add_node(network, graph, obj)
    source, target, name = node_id(subject), node_id(obj), compact(relation)
    if network.has_edge(source, target):
        data = network.edges[source, target]
        relations = set(str(data["relation"]).split("|")) | {name}
        data["relation"] = "|".join(sorted(relations))
        data["weight"] = len(relations)
    else:
        network.add_edge(source, target, relation=name, weight=1)


def full_view(graph: Graph) -> nx.DiGraph:
    """Every typed entity, every triple between two of them (provenance left out)."""
    network = nx.DiGraph()
    entities = {
        s
        for s, cls in graph.subject_objects(RDF.type)
        if isinstance(s, URIRef) and cls not in PROVENANCE_CLASSES
    }
    entities -= {s for cls in PROVENANCE_CLASSES for s in graph.subjects(RDF.type, cls)}
    for entity in sorted(entities, key=str):
        _add_node(network, graph, entity)
    for subject, relation, obj in graph:
        if (
            subject in entities
            and obj in entities
            and relation not in NON_EDGE_PREDICATES
            and subject != obj
        ):
            _add_relation(network, graph, subject, relation, obj)
    return network


def components_view(graph: Graph) -> nx.DiGraph:
    """Models -> encoders, backbones and other parts -> their families."""
    network = nx.DiGraph()
    for model in sorted(subjects_of_type(graph, VLM.Model), key=str):
        _add_node(network, graph, model)
    parts: set[Node] = set()
    for relation in COMPONENT_RELATIONS:
        for model, part in graph.subject_objects(relation):
            if isinstance(part, URIRef) and model != part:
                _add_relation(network, graph, model, relation, part)
                parts.add(part)
    _add_broader_edges(network, graph, parts)
    return network


def _add_broader_edges(network: nx.DiGraph, graph: Graph, start: set[Node]) -> None:
    seen: set[Node] = set()
    stack = sorted(start, key=str)
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        for parent in graph.objects(node, SKOS.broader):
            if isinstance(parent, URIRef) and parent != node:
                _add_relation(network, graph, node, SKOS.broader, parent)
                stack.append(parent)


def lineage_view(graph: Graph) -> nx.DiGraph:
    """`vlm:basedOn` and `skos:broader` edges, child -> parent."""
    network = nx.DiGraph()
    for relation in LINEAGE_RELATIONS:
        for child, parent in sorted(graph.subject_objects(relation), key=str):
            if isinstance(child, URIRef) and isinstance(parent, URIRef) and child != parent:
                _add_relation(network, graph, child, relation, parent)
    return network


def _shared_network(graph: Graph, holdings: dict[Node, frozenset[Node]], relation: str) -> nx.Graph:
    """Holders linked when they hold common parts; weight = number of parts shared."""
    network = nx.Graph()
    holders_of: dict[Node, list[Node]] = defaultdict(list)
    for holder in sorted(holdings, key=str):
        _add_node(network, graph, holder)
        for part in holdings[holder]:
            holders_of[part].append(holder)
    shared: dict[tuple[Node, Node], list[Node]] = defaultdict(list)
    for part in sorted(holders_of, key=str):
        holders = holders_of[part]
        for i, first in enumerate(holders):
            for second in holders[i + 1 :]:
                shared[(first, second)].append(part)
    for (first, second), parts in shared.items():
        names = sorted(label(graph, part) for part in parts)
        network.add_edge(
            node_id(first),
            node_id(second),
            relation=relation,
            weight=len(parts),
            shared="; ".join(names),
        )
    return network


def co_usage_view(graph: Graph) -> nx.Graph:
    """Models linked when they share an encoder, backbone, other part or family."""
    return _shared_network(graph, model_components(graph), "co-usage")


def papers_view(graph: Graph) -> nx.Graph:
    """Papers linked when the entities they describe share components (or are them)."""
    components = model_components(graph)
    universe = set().union(*components.values()) if components else set()
    described: dict[Node, set[Node]] = defaultdict(set)
    for entity, paper in graph.subject_objects(VLM.paper):
        if isinstance(paper, URIRef):
            described[paper].add(entity)
    holdings: dict[Node, frozenset[Node]] = {}
    for paper in subjects_of_type(graph, VLM.Paper) | set(described):
        parts: set[Node] = set()
        for entity in described.get(paper, ()):
            parts |= components.get(entity, frozenset())
            if entity in universe:
                parts.add(entity)
        holdings[paper] = frozenset(parts)
    return _shared_network(graph, holdings, "shared-components")


VIEWS: dict[str, Callable[[Graph], nx.Graph]] = {
    "full": full_view,
    "components": components_view,
    "lineage": lineage_view,
    "co-usage": co_usage_view,
    "papers": papers_view,
}


def network_view(graph: Graph, view: str = "full") -> nx.Graph:
    """The named view (one of VIEWS) of `graph` as a networkx graph."""
    return VIEWS[view](graph)


# GEXF 1.3 as networkx writes it has a typo in the XML Schema instance namespace.
_BAD_XSI = b'xmlns:xsi="http://w3.org/2001/XMLSchema-instance"'
_XSI = b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'


def to_gexf(network: nx.Graph) -> bytes:
    """The network as a GEXF 1.3 document (what Gephi 0.9+ opens)."""
    buffer = io.BytesIO()
    nx.write_gexf(network, buffer, version="1.3")
    return buffer.getvalue().replace(_BAD_XSI, _XSI, 1)


def to_graphml(network: nx.Graph) -> bytes:
    """The network as GraphML with typed attribute keys."""
    buffer = io.BytesIO()
    nx.write_graphml(network, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


def to_csv(network: nx.Graph) -> tuple[bytes, bytes]:
    """(nodes.csv, edges.csv), rows sorted by id; ids are the stable node ids."""
    return _csv_rows(NODE_COLUMNS, _node_rows(network)), _csv_rows(
        EDGE_COLUMNS, _edge_rows(network)
    )


def _node_rows(network: nx.Graph) -> Iterator[dict[str, object]]:
    for key in sorted(network.nodes):
        yield {"id": key, **network.nodes[key]}


def _edge_rows(network: nx.Graph) -> Iterator[dict[str, object]]:
    edges = []
    for source, target, data in network.edges(data=True):
        if not network.is_directed() and target < source:
            source, target = target, source
        edges.append({"source": source, "target": target, **data})
    yield from sorted(edges, key=lambda row: (row["source"], row["target"]))


def _csv_rows(columns: tuple[str, ...], rows: Iterable[dict[str, object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({column: _csv_value(row.get(column)) for column in columns})
    return buffer.getvalue().encode("utf-8")


def _csv_value(value: object) -> object:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return "" if value is None else value


__all__ = [
    "VIEWS",
    "broader_closure",
    "compact",
    "entity_type",
    "integer_values",
    "label",
    "model_components",
    "network_view",
    "node_attributes",
    "node_id",
    "to_csv",
    "to_gexf",
    "to_graphml",
]
