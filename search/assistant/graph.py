"""Read access to the graph for the assistant: entity views and parameterised queries."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from kg.store import Store
from kg.vocab import PREFIXES

_VIEW = """
SELECT ?s ?p ?o ?olabel ?cite WHERE {
  ?s ?p ?o .
  OPTIONAL { ?o rdfs:label ?olabel }
  OPTIONAL { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                 prov:wasDerivedFrom/vlm:citation ?cite }
}
"""

_SPANS = """
SELECT ?s ?cite ?section ?start WHERE {
  ?s prov:wasDerivedFrom ?span .
  ?span vlm:citation ?cite .
  OPTIONAL { ?span vlm:startLine ?start }
  OPTIONAL { ?span vlm:listedIn/rdfs:label ?section }
}
ORDER BY ?start
"""


@dataclass(frozen=True)
class Value:
    """One object of a fact: the term, its label or literal text, where it is said."""

    term: Identifier
    text: str
    citations: tuple[str, ...]

    @property
    def iri(self) -> str | None:
        return str(self.term) if isinstance(self.term, URIRef) else None

    @property
    def number(self) -> float | None:
        if isinstance(self.term, Literal):
            try:
                return float(self.term.toPython())
            except (TypeError, ValueError):
                return None
        return None


@dataclass(frozen=True)
class EntityView:
    """An entity with all its outgoing facts grouped by predicate (a CURIE like vlm:paper)."""

    iri: str
    label: str
    types: tuple[str, ...]
    facts: Mapping[str, tuple[Value, ...]]
    spans: tuple[tuple[str, str], ...]  # (citation, section label)
    extra: dict[str, object] = field(default_factory=dict, compare=False)

    def values(self, curie: str) -> tuple[Value, ...]:
        return self.facts.get(curie, ())

    def first(self, curie: str) -> str | None:
        vals = self.values(curie)
        return vals[0].text if vals else None

    @property
    def description(self) -> str:
        """The entity's description; of several (an entity listed in two places, a table
        row and a card), the one that says most."""
        said = [v.text for v in self.values("dcterms:description")]
        return max(said, key=len) if said else self.first("rdf:value") or ""

    @property
    def url(self) -> str | None:
        for curie in ("schema:url", "vlm:link", "vlm:paper"):
            for value in self.values(curie):
                if value.iri and not value.iri.startswith(PREFIXES["res"]):
                    return value.iri
        return None

    def citations(self) -> tuple[str, ...]:
        return tuple(c for c, _ in self.spans)


def curie(iri: str) -> str:
    """https://w3id.org/vlmkg/ontology#visionEncoder -> vlm:visionEncoder."""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and prefix != "res":
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


class GraphReader:
    """Entity views and queries over a Store, with a per-process cache of views."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._views: dict[str, EntityView] = {}

    def select(
        self, sparql: str, bindings: Mapping[str, Identifier] | None = None
    ) -> list[dict[str, Identifier]]:
        return self.store.query(sparql, bindings).dicts()

    def view(self, iri: str) -> EntityView:
        """All facts of an entity, each value with the citations of its statements."""
        if iri in self._views:
            return self._views[iri]
        subject = URIRef(iri)
        grouped: dict[str, dict[Identifier, tuple[str, list[str]]]] = {}
        for row in self.select(_VIEW, {"s": subject}):
            predicate = curie(str(row["p"]))
            term = row["o"]
            text = str(row.get("olabel", term))
            slot = grouped.setdefault(predicate, {})
            _, cites = slot.setdefault(term, (text, []))
            cite = row.get("cite")
            if cite is not None and str(cite) not in cites:
                cites.append(str(cite))
        facts = {
            p: tuple(
                Value(t, text, tuple(sorted(c)))
                for t, (text, c) in sorted(vals.items(), key=_order)
            )
            for p, vals in grouped.items()
        }
        spans: list[tuple[str, str]] = []
        for row in self.select(_SPANS, {"s": subject}):
            item = (str(row["cite"]), str(row.get("section", "")))
            if item not in spans:
                spans.append(item)
        labels = facts.get("rdfs:label", ())
        types = tuple(
            sorted(
                v.text.rsplit("#", 1)[-1]
                for v in facts.get("rdf:type", ())
                if v.text.startswith(PREFIXES["vlm"])
            )
        )
        view = EntityView(
            iri, labels[0].text if labels else iri.rsplit("/", 1)[-1], types, facts, tuple(spans)
        )
        self._views[iri] = view
        return view


def _order(item: tuple[Identifier, tuple[str, list[str]]]) -> tuple[int, float, str]:
    """Numbers by value, everything else by text: stable, readable order."""
    term, (text, _) = item
    if isinstance(term, Literal):
        try:
            return (0, float(term.toPython()), text)
        except (TypeError, ValueError):
            pass
    return (1, 0.0, text.lower())
