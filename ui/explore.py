"""The Explore tab's plain functions: find entities, describe one, draw its neighbourhood.

Every value from the hub is HTML-escaped in the entity page.
"""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass

from ui.queries import PoolSource, records, select
from ui.source_view import citation_href

FIND = """
SELECT ?needle ?e ?label ?type (SAMPLE(?name) AS ?hit) WHERE {
  ?e rdfs:label ?label ; a ?class .
  { ?e rdfs:label ?name } UNION { ?e skos:altLabel ?name }
  FILTER (CONTAINS(LCASE(STR(?name)), LCASE(?needle)))
  FILTER (STRSTARTS(STR(?class), STR(vlm:)))
  FILTER (?class NOT IN (vlm:PretrainedComponent, vlm:SourceSpan, vlm:Passage, vlm:Cell))
  BIND (STRAFTER(STR(?class), STR(vlm:)) AS ?type)
}
GROUP BY ?needle ?e ?label ?type
"""
FACTS = """
SELECT ?e ?p ?o ?olabel WHERE {
  ?e ?p ?o .
  OPTIONAL { ?o rdfs:label ?olabel }
  FILTER (?p NOT IN (prov:wasDerivedFrom, vlm:position))
}
"""
INCOMING = """
SELECT ?e ?p ?slabel WHERE {
  ?s ?p ?e ; rdfs:label ?slabel .
  FILTER (?p NOT IN (rdf:subject, rdf:object, vlm:listedIn))
}
LIMIT 200
"""
SOURCES = """
SELECT DISTINCT ?e ?citation WHERE { ?e prov:wasDerivedFrom/vlm:citation ?citation }
ORDER BY ?citation
"""
NEIGHBOURS = """
SELECT ?e ?a ?alabel ?rel ?b ?blabel WHERE {
  VALUES ?rel { vlm:visionEncoder vlm:languageBackbone vlm:basedOn skos:broader vlm:architecture }
  {
    ?e ?rel ?b . BIND (?e AS ?a)
  } UNION {
    ?a ?rel ?e . BIND (?e AS ?b)
  } UNION {
    ?e ?r1 ?shared . ?a ?rel ?shared . BIND (?shared AS ?b)
    VALUES ?r1 { vlm:visionEncoder vlm:languageBackbone }
    FILTER (?rel = ?r1 && ?a != ?e)
  } UNION {
    ?e skos:broader ?family . ?a vlm:visionEncoder|vlm:languageBackbone ?family .
    BIND (?family AS ?b) BIND (vlm:visionEncoder AS ?rel)
  }
  ?a rdfs:label ?alabel . ?b rdfs:label ?blabel .
}
LIMIT 120
"""
_SHORT = {
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type": "type",
    "http://www.w3.org/2000/01/rdf-schema#label": "label",
    "http://www.w3.org/2004/02/skos/core#altLabel": "alias",
    "http://www.w3.org/2004/02/skos/core#broader": "family",
    "http://purl.org/dc/terms/description": "description",
    "http://purl.org/dc/terms/license": "license",
}


@dataclass(frozen=True)
class EntityHit:
    """A search hit: the entity's IRI, label and class name."""

    iri: str
    label: str
    type: str

    @property
    def choice(self) -> str:
        """How the hit is listed: `label (Type)`."""
        return f"{self.label} ({self.type})"


def find_entities(source: PoolSource, text: str, limit: int = 25) -> list[EntityHit]:
    """Entities whose label or alias contains `text`, exact and prefix matches first."""
    needle = text.strip()
    if not needle:
        return []
    rows = records(select(source, FIND, {"needle": ("literal", needle)}))
    lowered = needle.lower()
    types: dict[str, set[str]] = defaultdict(set)
    first: dict[str, dict[str, str]] = {}
    for row in rows:
        types[row["e"]].add(row["type"])
        first.setdefault(row["e"], row)

    def rank(iri: str) -> tuple[int, int, str]:
        hit = first[iri].get("hit", "").lower()
        return (0 if hit == lowered else 1 if hit.startswith(lowered) else 2, len(hit), iri)

    return [
        EntityHit(iri, first[iri]["label"], _main_type(types[iri]))
        for iri in sorted(first, key=rank)[:limit]
    ]


def _main_type(types: set[str]) -> str:
    for preferred in ("Model", "VisionEncoder", "LanguageModel", "Dataset", "Benchmark"):
        if preferred in types:
            return preferred
    return sorted(types)[0]


def entity_page(source: PoolSource, hit: EntityHit) -> str:
    """The entity's page as HTML: facts, aliases and source lines (all values escaped)."""
    bindings = {"e": ("iri", hit.iri)}
    facts = records(select(source, FACTS, bindings))
    incoming = records(select(source, INCOMING, bindings))
    citations = [r["citation"] for r in records(select(source, SOURCES, bindings))]
    grouped: dict[str, list[str]] = defaultdict(list)
    for fact in facts:
        name = _predicate_name(fact["p"])
        if name == "label":
            continue
        value = fact.get("olabel") or fact["o"]
        shown = html.escape(value)
        if name == "type":
            shown = html.escape(value.rsplit("#", 1)[-1].rsplit("/", 1)[-1])
        if shown not in grouped[name]:
            grouped[name].append(shown)
    for fact in incoming:
        name = f"{_predicate_name(fact['p'])} of"
        shown = html.escape(fact["slabel"])
        if shown not in grouped[name]:
            grouped[name].append(shown)
    rows = "".join(
        f"<tr><th>{html.escape(name)}</th><td>{'<br>'.join(values)}</td></tr>"
        for name, values in sorted(grouped.items(), key=lambda kv: _order(kv[0]))
    )
    sources = "".join(
        f'<li><a href="{href}" target="_blank">{html.escape(c)}</a></li>'
        if (href := citation_href(c))
        else f"<li>{html.escape(c)}</li>"
        for c in citations
    )
    return (
        f'<div class="vlmkg-entity"><h2>{html.escape(hit.label)}</h2>'
        f"<p><code>{html.escape(hit.iri)}</code> · {html.escape(hit.type)}</p>"
        f"<table>{rows}</table>"
        f"<h3>Sources</h3><ul>{sources or '<li>none</li>'}</ul></div>"
    )


def _predicate_name(iri: str) -> str:
    if iri in _SHORT:
        return _SHORT[iri]
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _order(name: str) -> tuple[int, str]:
    first = ("alias", "type", "description", "visionEncoder", "languageBackbone", "family")
    return (first.index(name) if name in first else len(first), name)


def neighbourhood(source: PoolSource, hit: EntityHit) -> list[tuple[str, str, str]]:
    """(from label, relation, to label) edges around the entity: its components, their
    families, and the models sharing them."""
    rows = records(select(source, NEIGHBOURS, {"e": ("iri", hit.iri)}))
    edges = {(r["alabel"], _predicate_name(r["rel"]), r["blabel"]) for r in rows}
    return sorted(edges)


def neighbourhood_svg(hit: EntityHit, edges: list[tuple[str, str, str]]) -> str:
    """An SVG picture of the neighbourhood, the entity highlighted; labels escaped."""
    import networkx as nx

    graph = nx.DiGraph()
    graph.add_node(hit.label)
    for a, rel, b in edges:
        graph.add_edge(a, b, rel=rel)
    width, height, margin = 760, 480, 70
    position = nx.spring_layout(graph, seed=7, k=1.5 / max(1, len(graph) ** 0.5))
    xs = [p[0] for p in position.values()]
    ys = [p[1] for p in position.values()]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0

    def at(node: str) -> tuple[float, float]:
        x, y = position[node]
        return (
            margin + (x - min(xs)) / span_x * (width - 2 * margin),
            margin / 2 + (y - min(ys)) / span_y * (height - margin),
        )

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'class="vlmkg-neighbourhood" role="img" aria-label="neighbourhood">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" '
        'markerHeight="6" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#868e96"/>'
        "</marker></defs>",
    ]
    for a, b, data in graph.edges(data=True):
        (x1, y1), (x2, y2) = at(a), at(b)
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#adb5bd" '
            'marker-end="url(#arrow)"/>'
            f'<text x="{(x1 + x2) / 2:.1f}" y="{(y1 + y2) / 2:.1f}" font-size="9" '
            f'fill="#868e96" text-anchor="middle">{html.escape(data["rel"])}</text>'
        )
    for node in graph:
        x, y = at(node)
        colour = "#f59f00" if node == hit.label else "#74c0fc"
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="7" fill="{colour}"/>'
            f'<text x="{x:.1f}" y="{y - 11:.1f}" font-size="11" text-anchor="middle">'
            f"{html.escape(node)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
