"""`vlmkg stats`: counts and network analytics of the graph, as plain data.

`graph_stats(graph)` returns a frozen `GraphStats`; `format_report` / `format_missing`
render it as text tables, `GraphStats.to_dict()` as JSON-ready data.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg.network import (
    compact,
    components_view,
    entity_type,
    integer_values,
    label,
    lineage_view,
    model_components,
    node_id,
)
from kg.vocab import BIBO, DCTERMS, PROV, RDF, RDFS, SCHEMA, SKOS, VLM

TOP = 10
# Classes whose members should trace back to a hub line.
ENTITY_CLASSES = (
    VLM.Model,
    VLM.VisionEncoder,
    VLM.LanguageModel,
    VLM.PretrainedComponent,
    VLM.Dataset,
    VLM.Benchmark,
    VLM.Tool,
    VLM.Paper,
    VLM.WebResource,
)
# Properties an entity should have one value of; several values are reported.
SINGLE_VALUED = (
    RDFS.label,
    VLM.releaseYear,
    VLM.contextWindow,
    VLM.languageCount,
    DCTERMS.license,
    VLM.organization,
    VLM.arxivId,
    BIBO.doi,
)
# Entries counted per source, and shared when several sources list them.
SOURCE_CLASSES = (VLM.Model, VLM.Dataset, VLM.Benchmark, VLM.Tool, VLM.Paper)
# Properties compared across sources: values the lists disagree on are reported.
COMPARED = (
    VLM.releaseYear,
    VLM.parameterCount,
    VLM.activeParameterCount,
    VLM.contextWindow,
    VLM.languageCount,
    DCTERMS.license,
    VLM.organization,
    DCTERMS.date,
)
# Betweenness is sampled above this many nodes (exact below).
EXACT_BETWEENNESS_LIMIT = 2000


@dataclass(frozen=True)
class SharedComponent:
    """An encoder or backbone and how central it is among models."""

    label: str
    iri: str
    models: int  # models using it or a member of its family
    degree: int  # neighbours in the components network
    betweenness: float


@dataclass(frozen=True)
class ValueWithSources:
    """One of several values of a property, with the hub lines that state it."""

    value: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Conflict:
    """An entity with several values of a single-valued property."""

    label: str
    iri: str
    property: str
    values: tuple[ValueWithSources, ...]


@dataclass(frozen=True)
class SourceCount:
    """One input file: its name, hash and date, entries per class, how many are shared."""

    file: str
    name: str
    sha256: str
    date: str
    entities: dict[str, int]  # class -> entries of that class the file lists
    shared: int  # of those, listed by another source too


@dataclass(frozen=True)
class SourceValues:
    """What one source says of a property: its file and the values, as written in RDF."""

    file: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class SourceConflict:
    """An entity several sources list, with values of a property they disagree on."""

    label: str
    iri: str
    property: str
    sources: tuple[SourceValues, ...]


@dataclass(frozen=True)
class EntityRef:
    """An entity named in a report, with its links and source lines."""

    label: str
    iri: str
    type: str = ""
    links: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class ComponentSummary:
    """Connected components of the components network (models, parts, families)."""

    count: int
    sizes: tuple[int, ...]  # largest first, at most TOP
    isolated_models: int  # models linked to no encoder, backbone or other part


@dataclass(frozen=True)
class GraphStats:
    """Everything `vlmkg stats` reports."""

    triples: int
    classes: dict[str, int]
    relations: dict[str, int]
    shared_encoders: tuple[SharedComponent, ...]
    shared_backbones: tuple[SharedComponent, ...]
    families_by_year: dict[str, dict[str, int]]
    lineage_chains: tuple[tuple[str, ...], ...]
    lineage_cycles: tuple[tuple[str, ...], ...]
    components: ComponentSummary
    without_provenance: tuple[EntityRef, ...]
    conflicts: tuple[Conflict, ...]
    models_without_paper: tuple[EntityRef, ...] = field(default=())
    sources: tuple[SourceCount, ...] = field(default=())
    shared_entities: dict[str, int] = field(default_factory=dict)  # class -> in 2+ sources
    source_conflicts: tuple[SourceConflict, ...] = field(default=())

    def to_dict(self) -> dict[str, object]:
        """JSON-ready: dataclasses as objects, tuples as lists."""
        return asdict(self)


def graph_stats(graph: Graph) -> GraphStats:
    """Counts, centrality, families per year, lineage, components and data-quality lists."""
    components = model_components(graph)
    network = components_view(graph).to_undirected(as_view=False)
    provenance = _statement_sources(graph)
    chains, cycles = _lineage_chains(graph)
    betweenness = _betweenness(network)
    sources, shared, source_conflicts = _sources(graph, provenance)
    return GraphStats(
        triples=len(graph),
        classes=_sorted_counts(Counter(compact(cls) for _, cls in graph.subject_objects(RDF.type))),
        relations=_sorted_counts(Counter(compact(p) for p in graph.predicates(unique=False))),
        shared_encoders=_shared(graph, network, betweenness, components, VLM.VisionEncoder),
        shared_backbones=_shared(graph, network, betweenness, components, VLM.LanguageModel),
        families_by_year=_families_by_year(graph, components),
        lineage_chains=chains,
        lineage_cycles=cycles,
        components=_component_summary(graph, network),
        without_provenance=_without_provenance(graph, provenance),
        conflicts=_conflicts(graph, provenance),
        models_without_paper=models_without_paper(graph),
        sources=sources,
        shared_entities=shared,
        source_conflicts=source_conflicts,
    )


def _sorted_counts(counts: Counter[str]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _shared(
    graph: Graph,
    network: nx.Graph,
    betweenness: dict[str, float],
    components: dict[Node, frozenset[Node]],
    cls: URIRef,
) -> tuple[SharedComponent, ...]:
    users: Counter[Node] = Counter(part for parts in components.values() for part in parts)
    candidates = [n for n in graph.subjects(RDF.type, cls) if users[n] and node_id(n) in network]
    ranked = sorted(candidates, key=lambda n: (-users[n], -network.degree(node_id(n)), str(n)))
    return tuple(
        SharedComponent(
            label=label(graph, n),
            iri=str(n),
            models=users[n],
            degree=int(network.degree(node_id(n))),
            betweenness=round(betweenness.get(node_id(n), 0.0), 6),
        )
        for n in ranked[:TOP]
    )


def _betweenness(network: nx.Graph) -> dict[str, float]:
    """Normalised betweenness; sampled with 500 pivots (seed 0) on large networks."""
    sample = 500 if network.number_of_nodes() > EXACT_BETWEENNESS_LIMIT else None
    result: dict[str, float] = nx.betweenness_centrality(network, k=sample, seed=0)
    return result


def _families_by_year(
    graph: Graph, components: dict[Node, frozenset[Node]]
) -> dict[str, dict[str, int]]:
    """Family label -> {year: models using a member of the family that year}."""
    families = {parent for _, parent in graph.subject_objects(SKOS.broader)}
    table: dict[Node, Counter[str]] = defaultdict(Counter)
    for model, parts in components.items():
        years = integer_values(graph.objects(model, VLM.releaseYear))
        year = str(min(years)) if years else "unknown"
        for part in parts & families:
            table[part][year] += 1
    ordered = sorted(table, key=lambda f: (-sum(table[f].values()), label(graph, f)))
    return {label(graph, f): dict(sorted(table[f].items())) for f in ordered}


def _lineage_chains(
    graph: Graph, top: int = 5
) -> tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]]:
    """(longest basedOn/broader chains as labels, child first; cycles found and cut)."""
    network = lineage_view(graph)
    cycles = []
    while True:
        try:
            cycle = nx.find_cycle(network)
        except nx.NetworkXNoCycle:
            break
        labels = [network.nodes[u]["label"] for u, _ in cycle]
        first = labels.index(min(labels))
        cycles.append(tuple(labels[first:] + labels[:first]))  # from its smallest label
        # cut the edge into that member, so the same edge goes whatever the search order
        entering = cycle[first - 1]
        network.remove_edge(entering[0], entering[1])
    longest: dict[str, tuple[str, ...]] = {}
    for node in reversed(list(nx.topological_sort(network))):
        parents = sorted((longest[p] for p in network.successors(node)), key=lambda c: (-len(c), c))
        longest[node] = (node, *(parents[0] if parents else ()))
    starts = [n for n in network if network.in_degree(n) == 0 and network.out_degree(n) > 0]
    chains = sorted((longest[n] for n in starts), key=lambda c: (-len(c), c))[:top]
    as_labels = tuple(tuple(network.nodes[n]["label"] for n in chain) for chain in chains)
    return as_labels, tuple(cycles)


def _component_summary(graph: Graph, network: nx.Graph) -> ComponentSummary:
    sizes = sorted((len(c) for c in nx.connected_components(network)), reverse=True)
    isolated = sum(
        1 for n in graph.subjects(RDF.type, VLM.Model) if network.degree(node_id(n)) == 0
    )
    return ComponentSummary(count=len(sizes), sizes=tuple(sizes[:TOP]), isolated_models=isolated)


def _statement_sources(graph: Graph) -> dict[tuple[Node, Node, Node], set[str]]:
    """(s, p, o) of every stated fact -> the citations of the spans it is derived from."""
    sources: dict[tuple[Node, Node, Node], set[str]] = defaultdict(set)
    citation = {span: str(c) for span, c in graph.subject_objects(VLM.citation)}
    for statement in graph.subjects(RDF.type, RDF.Statement):
        fact = (
            graph.value(statement, RDF.subject),
            graph.value(statement, RDF.predicate),
            graph.value(statement, RDF.object),
        )
        if None in fact:
            continue
        for span in graph.objects(statement, PROV.wasDerivedFrom):
            sources[fact].add(citation.get(span, node_id(span)))  # type: ignore[index]
    return sources


def _entity_sources(graph: Graph, entity: Node) -> tuple[str, ...]:
    refs = set()
    for span in graph.objects(entity, PROV.wasDerivedFrom):
        ref = graph.value(span, VLM.citation)
        refs.add(str(ref) if ref is not None else node_id(span))
    return tuple(sorted(refs))


def _without_provenance(
    graph: Graph, provenance: dict[tuple[Node, Node, Node], set[str]]
) -> tuple[EntityRef, ...]:
    """Entities with no span of their own and in no stated fact."""
    mentioned = {s for s, _, _ in provenance} | {o for _, _, o in provenance}
    derived = set(graph.subjects(PROV.wasDerivedFrom, None))
    entities = {e for cls in ENTITY_CLASSES for e in graph.subjects(RDF.type, cls)}
    missing = sorted(
        entities - derived - mentioned, key=lambda e: (label(graph, e).casefold(), str(e))
    )
    return tuple(_entity_ref(graph, e) for e in missing)


def _entity_ref(graph: Graph, entity: Node) -> EntityRef:
    links = sorted(
        str(url)
        for target in (*graph.objects(entity, VLM.link), *graph.objects(entity, VLM.paper))
        for url in graph.objects(target, SCHEMA.url)
    )
    return EntityRef(
        label=label(graph, entity),
        iri=str(entity),
        type=entity_type(graph, entity),
        links=tuple(links),
        sources=_entity_sources(graph, entity),
    )


def _conflicts(
    graph: Graph, provenance: dict[tuple[Node, Node, Node], set[str]]
) -> tuple[Conflict, ...]:
    conflicts = []
    for prop in SINGLE_VALUED:
        values: dict[Node, set[Node]] = defaultdict(set)
        for subject, value in graph.subject_objects(prop):
            values[subject].add(value)
        for subject, found in values.items():
            if len(found) < 2 or (subject, RDF.type, RDF.Statement) in graph:
                continue
            conflicts.append(
                Conflict(
                    label=label(graph, subject),
                    iri=str(subject),
                    property=compact(prop),
                    values=tuple(
                        ValueWithSources(
                            str(v), tuple(sorted(provenance.get((subject, prop, v), ())))
                        )
                        for v in sorted(found, key=str)
                    ),
                )
            )
    return tuple(sorted(conflicts, key=lambda c: (c.property, c.label, c.iri)))


def _sources(
    graph: Graph, provenance: dict[tuple[Node, Node, Node], set[str]]
) -> tuple[tuple[SourceCount, ...], dict[str, int], tuple[SourceConflict, ...]]:
    """(`sources`, `shared_entities`, `source_conflicts`) of `GraphStats`."""
    span_file = {span: str(f) for span, f in graph.subject_objects(VLM.sourceFile)}
    files: dict[Node, set[str]] = {}
    classes: dict[Node, str] = {}
    for cls in SOURCE_CLASSES:
        for entity in graph.subjects(RDF.type, cls):
            if entity in classes:
                continue
            spans = graph.objects(entity, PROV.wasDerivedFrom)
            found = {span_file[s] for s in spans if s in span_file}
            if found:
                files[entity], classes[entity] = found, compact(cls)
    shared = {e for e, found in files.items() if len(found) > 1}
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    shared_counts: Counter[str] = Counter()
    for entity, found in files.items():
        for file in found:
            counts[file][classes[entity]] += 1
            shared_counts[file] += entity in shared
    per_source = tuple(
        SourceCount(
            file=file,
            **_hub_description(graph, file),
            entities=dict(sorted(counts[file].items())),
            shared=shared_counts[file],
        )
        for file in _hub_files(graph)
    )
    shared_by_class = dict(sorted(Counter(classes[e] for e in shared).items()))
    return per_source, shared_by_class, _source_conflicts(graph, provenance, shared)


def _hub_files(graph: Graph) -> list[str]:
    return sorted({str(f) for f in graph.objects(None, VLM.sourceFile)})


def _hub_description(graph: Graph, file: str) -> dict[str, str]:
    for hub in graph.subjects(RDFS.label, Literal(file)):
        if (hub, RDF.type, VLM.Hub) in graph:
            checksum = str(graph.value(hub, DCTERMS.identifier) or "")
            return {
                "name": str(graph.value(hub, DCTERMS.title) or file),
                "sha256": checksum.removeprefix("sha256:"),
                "date": str(graph.value(hub, DCTERMS.date) or ""),
            }
    return {"name": file, "sha256": "", "date": ""}


def _source_conflicts(
    graph: Graph, provenance: dict[tuple[Node, Node, Node], set[str]], shared: set[Node]
) -> tuple[SourceConflict, ...]:
    """Shared entities whose sources give values of a property neither of which includes
    the other's (two years; 7B against 8B, but not 7B against 7B and 72B)."""
    said: dict[tuple[Node, Node], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for (subject, prop, value), citations in provenance.items():
        if subject in shared and prop in COMPARED:
            for citation in citations:
                said[(subject, prop)][citation.split("#", 1)[0]].add(str(value))
    conflicts = []
    for (subject, prop), by_file in said.items():
        sets = list(by_file.values())
        if any(not (a <= b or b <= a) for i, a in enumerate(sets) for b in sets[i + 1 :]):
            conflicts.append(
                SourceConflict(
                    label=label(graph, subject),
                    iri=str(subject),
                    property=compact(prop),
                    sources=tuple(
                        SourceValues(file, tuple(sorted(values)))
                        for file, values in sorted(by_file.items())
                    ),
                )
            )
    return tuple(sorted(conflicts, key=lambda c: (c.label.casefold(), c.property, c.iri)))


def models_without_paper(graph: Graph) -> tuple[EntityRef, ...]:
    """Models with no `vlm:paper`, by label, with their other links and source lines."""
    models = [m for m in graph.subjects(RDF.type, VLM.Model) if graph.value(m, VLM.paper) is None]
    models.sort(key=lambda m: (label(graph, m).casefold(), str(m)))
    return tuple(_entity_ref(graph, m) for m in models)


# --- text rendering ---------------------------------------------------------------------


def _table(headers: Sequence[object], rows: Sequence[Sequence[object]]) -> list[str]:
    cells = [tuple(str(c) for c in headers), *[tuple(str(c) for c in row) for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return lines


def format_report(stats: GraphStats) -> str:
    """The human-readable report: one titled table per section."""
    out = [f"triples: {stats.triples}", "", "classes"]
    out += _table(("class", "entities"), list(stats.classes.items()))
    out += ["", "relations"]
    out += _table(("relation", "triples"), list(stats.relations.items()))
    for title, ranked in (
        ("most shared vision encoders", stats.shared_encoders),
        ("most shared language backbones", stats.shared_backbones),
    ):
        out += ["", title]
        out += _table(
            ("label", "models", "degree", "betweenness"),
            [(r.label, r.models, r.degree, f"{r.betweenness:.4f}") for r in ranked],
        )
    out += ["", "families by models per year"]
    years = sorted({y for counts in stats.families_by_year.values() for y in counts})
    out += _table(
        ("family", *years, "total"),
        [
            (family, *(counts.get(y, "") for y in years), sum(counts.values()))
            for family, counts in list(stats.families_by_year.items())[:TOP]
        ],
    )
    out += ["", "longest lineage chains (basedOn / broader)"]
    out += [f"{len(chain) - 1}: " + " -> ".join(chain) for chain in stats.lineage_chains]
    out += [f"cycle cut: {' -> '.join(cycle)}" for cycle in stats.lineage_cycles]
    summary = stats.components
    out += [
        "",
        f"connected components (models, parts, families): {summary.count}, "
        f"largest {', '.join(map(str, summary.sizes))}; "
        f"models without any component: {summary.isolated_models}",
        "",
        f"models without a paper: {len(stats.models_without_paper)} "
        "(list: vlmkg stats --missing papers)",
        f"entities without provenance: {len(stats.without_provenance)}",
    ]
    out += [f"  {e.type} {e.label} <{e.iri}>" for e in stats.without_provenance[:TOP]]
    out += _sources_report(stats)
    out += [f"conflicting values: {len(stats.conflicts)}"]
    for conflict in stats.conflicts:
        shown = "; ".join(
            f"{v.value} ({', '.join(v.sources) or 'no source'})" for v in conflict.values
        )
        out.append(f"  {conflict.label} {conflict.property}: {shown}")
    return "\n".join(out)


def _sources_report(stats: GraphStats) -> list[str]:
    """Per-source counts, shared entities, and what the sources disagree on."""
    if not stats.sources:
        return []
    kinds = sorted({k for source in stats.sources for k in source.entities})
    out = ["", "sources"]
    out += _table(
        ("source", "file", *kinds, "shared", "sha256", "date"),
        [
            (
                s.name,
                s.file,
                *(s.entities.get(k, 0) for k in kinds),
                s.shared,
                s.sha256[:12],
                s.date,
            )
            for s in stats.sources
        ],
    )
    shared = ", ".join(f"{n} {k}" for k, n in stats.shared_entities.items()) or "none"
    out.append(
        f"entities listed by several sources: {sum(stats.shared_entities.values())} ({shared})"
    )
    out.append(f"values the sources disagree on: {len(stats.source_conflicts)}")
    for conflict in stats.source_conflicts:
        said = "; ".join(
            f"{s.file} says {', '.join(_shown(conflict.property, v) for v in s.values)}"
            for s in conflict.sources
        )
        out.append(f"  {conflict.label} {conflict.property}: {said}")
    out.append("")
    return out


def _shown(prop: str, value: str) -> str:
    """A parameter count as people write it (7000000000 -> 7B); other values as they are."""
    if not prop.endswith("arameterCount"):
        return value
    try:
        number = float(value)
    except ValueError:
        return value
    for scale, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if number >= scale:
            return f"{number / scale:.4g}{suffix}"
    return value


def format_missing(entities: tuple[EntityRef, ...]) -> str:
    """Models without a paper as a table: label, links, source lines."""
    rows = [(e.label, " ".join(e.links) or "-", " ".join(e.sources) or "-") for e in entities]
    return "\n".join(
        [f"models without a paper: {len(entities)}", *_table(("model", "links", "source"), rows)]
    )


__all__ = [
    "Conflict",
    "EntityRef",
    "GraphStats",
    "SharedComponent",
    "SourceConflict",
    "SourceCount",
    "SourceValues",
    "format_missing",
    "format_report",
    "graph_stats",
    "models_without_paper",
]
