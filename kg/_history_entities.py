"""The entries of one version's graph, summarised, and matched across two versions.

An entry is a listed model, dataset, benchmark or tool. Its summary holds what identity
rests on (names, links) and what a change is judged on (facts as predicate -> values,
values by label so that IRIs minted from line numbers or digests do not count).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rdflib import Literal, URIRef
from rdflib.term import Node

from ingest.names import entity_key
from kg.sparql import compact_iri
from kg.vocab import DCTERMS, PROV, RDF, RDFS, SKOS, VLM

Triple = tuple[Node, Node, Node]

ENTRY_CLASSES: dict[Node, str] = {
    VLM.Model: "Model",
    VLM.Dataset: "Dataset",
    VLM.Benchmark: "Benchmark",
    VLM.Tool: "Tool",
    VLM.Paper: "Paper",
}
# Not facts: names (renames are their own change), where and in which order an entry is
# listed (moved sections are not changes), provenance, free prose (re-wrapped text), and
# the values "as written" (`vlm:...Text`: only tables write them; the normalised value
# next to them is the fact).
_AS_WRITTEN = "Text"
_NOT_FACTS = {
    RDF.type,
    RDFS.label,
    SKOS.altLabel,
    PROV.wasDerivedFrom,
    VLM.listedIn,
    VLM.position,
    DCTERMS.description,
}
_LINKS = {VLM.paper, VLM.link}
# A fuzzy name match needs this similarity (0-100) of the names' keys; with at least one
# shared fact a lower one is enough.
_FUZZY_ALONE = 92
_FUZZY_WITH_FACT = 80


@dataclass(frozen=True)
class Entry:
    """A listed entry (or paper) of a version: IRI, class, names, links, facts, lines."""

    iri: str
    cls: str
    label: str
    aliases: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    facts: tuple[tuple[str, str], ...] = ()  # (compact predicate, value), sorted
    lines: tuple[int, int] = (0, 0)

    @property
    def keys(self) -> set[str]:
        """The entity keys of every name."""
        return {entity_key(name) for name in (self.label, *self.aliases)}

    def values(self) -> dict[str, set[str]]:
        """Facts grouped: predicate -> values."""
        grouped: dict[str, set[str]] = defaultdict(set)
        for predicate, value in self.facts:
            grouped[predicate].add(value)
        return grouped


def entries(triples: Iterable[Triple]) -> dict[str, Entry]:
    """The listed entries of a version's triples, by IRI."""
    by_subject: dict[Node, list[tuple[Node, Node]]] = defaultdict(list)
    for s, p, o in triples:
        by_subject[s].append((p, o))
    labels: dict[Node, str] = {
        s: str(o) for s, pairs in by_subject.items() for p, o in pairs if p == RDFS.label
    }
    found: dict[str, Entry] = {}
    for subject, pairs in by_subject.items():
        cls = next(
            (ENTRY_CLASSES[o] for p, o in pairs if p == RDF.type and o in ENTRY_CLASSES), None
        )
        if cls is None or not any(p == VLM.listedIn for p, _ in pairs):
            continue
        found[str(subject)] = _entry(subject, cls, pairs, labels, by_subject)
    return found


def _entry(
    subject: Node,
    cls: str,
    pairs: list[tuple[Node, Node]],
    labels: Mapping[Node, str],
    by_subject: Mapping[Node, list[tuple[Node, Node]]],
) -> Entry:
    aliases = sorted({str(o) for p, o in pairs if p == SKOS.altLabel})
    links = sorted({labels.get(o, str(o)) for p, o in pairs if p in _LINKS})
    facts = sorted(
        {
            (compact_iri(str(p)), _value(o, labels))
            for p, o in pairs
            if p not in _NOT_FACTS and not str(p).endswith(_AS_WRITTEN)
        }
    )
    spans = [o for p, o in pairs if p == PROV.wasDerivedFrom]
    lines = min((_lines(span, by_subject) for span in spans), default=(0, 0))
    return Entry(
        str(subject),
        cls,
        labels.get(subject, str(subject)),
        tuple(aliases),
        tuple(links),
        tuple(facts),
        lines,
    )


def _value(node: Node, labels: Mapping[Node, str]) -> str:
    if isinstance(node, Literal):
        return " ".join(str(node).split())
    return " ".join(labels.get(node, str(node)).split())


def _lines(span: Node, by_subject: Mapping[Node, list[tuple[Node, Node]]]) -> tuple[int, int]:
    described = dict(by_subject.get(span, ()))
    start, end = described.get(VLM.startLine), described.get(VLM.endLine)
    return (int(str(start)), int(str(end))) if start is not None and end is not None else (0, 0)


@dataclass
class Matching:
    """Which entry of the newer version is which of the older one: new IRI -> old IRI."""

    pairs: dict[str, str] = field(default_factory=dict)

    def share_of(self, older: Mapping[str, Entry]) -> float:
        """The share of the older version's entries matched in the newer one."""
        return len(self.pairs) / len(older) if older else 1.0


def match(older: Mapping[str, Entry], newer: Mapping[str, Entry]) -> Matching:
    """Match entries of two consecutive versions, class by class.

    In order: the same name (label or alias key), a shared paper or link, then a similar
    name (`fuzz.ratio` of the keys) — each step only among entries still unmatched, and
    only when the match is unique both ways; last, the same label across classes.
    """
    matching = Matching()
    for cls in sorted({e.cls for e in newer.values()}):
        old = {iri: e for iri, e in older.items() if e.cls == cls}
        new = {iri: e for iri, e in newer.items() if e.cls == cls}
        for step in (_by_label, _by_name, _by_link, _by_similar_name):
            found = step(old, new)
            matching.pairs.update(found)
            new = {iri: e for iri, e in new.items() if iri not in found}
            taken = set(found.values())
            old = {iri: e for iri, e in old.items() if iri not in taken}
    # An entry that moved to another class ("ScienceQA" from Datasets to Benchmarks).
    taken = set(matching.pairs.values())
    old_left = {iri: e for iri, e in older.items() if iri not in taken}
    new_left = {iri: e for iri, e in newer.items() if iri not in matching.pairs}
    matching.pairs.update(_by_label(old_left, new_left))
    return matching


def _unique(candidates: dict[str, set[str]]) -> dict[str, str]:
    """New -> old where each side has exactly one candidate on the other."""
    backwards: dict[str, set[str]] = defaultdict(set)
    for new_iri, olds in candidates.items():
        for old_iri in olds:
            backwards[old_iri].add(new_iri)
    return {
        n: next(iter(o))
        for n, o in candidates.items()
        if len(o) == 1 and len(backwards[next(iter(o))]) == 1
    }


def _by_label(old: Mapping[str, Entry], new: Mapping[str, Entry]) -> dict[str, str]:
    index: dict[str, set[str]] = defaultdict(set)
    for iri, e in old.items():
        index[entity_key(e.label)].add(iri)
    return _unique(
        {iri: index[entity_key(e.label)] for iri, e in new.items() if entity_key(e.label) in index}
    )


def _by_name(old: Mapping[str, Entry], new: Mapping[str, Entry]) -> dict[str, str]:
    index: dict[str, set[str]] = defaultdict(set)
    for iri, e in old.items():
        for key in e.keys:
            index[key].add(iri)
    candidates = {
        iri: set().union(*(index.get(k, set()) for k in e.keys)) for iri, e in new.items()
    }
    return _unique({k: v for k, v in candidates.items() if v})


def _by_link(old: Mapping[str, Entry], new: Mapping[str, Entry]) -> dict[str, str]:
    index: dict[str, set[str]] = defaultdict(set)
    for iri, e in old.items():
        for link in e.links:
            index[link].add(iri)
    candidates = {
        iri: set().union(*(index.get(link, set()) for link in e.links)) for iri, e in new.items()
    }
    return _unique({k: v for k, v in candidates.items() if v})


def _by_similar_name(old: Mapping[str, Entry], new: Mapping[str, Entry]) -> dict[str, str]:
    scored: list[tuple[float, str, str]] = []
    for new_iri, n in new.items():
        for old_iri, o in old.items():
            score = fuzz.ratio(entity_key(n.label), entity_key(o.label))
            shared = bool(set(n.facts) & set(o.facts))
            if score >= _FUZZY_ALONE or (shared and score >= _FUZZY_WITH_FACT):
                scored.append((score, new_iri, old_iri))
    found: dict[str, str] = {}
    for _, new_iri, old_iri in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
        if new_iri not in found and old_iri not in found.values():
            found[new_iri] = old_iri
    return found


def canonical_iris(matching: Matching, newer: Mapping[str, Entry], suffix: str) -> dict[str, str]:
    """Fresh IRI -> the IRI it keeps across versions (only where they differ).

    A matched entry takes its older IRI; an unmatched one keeps its fresh IRI unless a
    matched entry already holds it, then it gets `-<suffix>` (the short commit id).
    """
    taken = set(matching.pairs.values())
    renamed: dict[str, str] = {}
    for iri in newer:
        old = matching.pairs.get(iri)
        if old is not None:
            if old != iri:
                renamed[iri] = old
        elif iri in taken:
            renamed[iri] = f"{iri}-{suffix}"
    return renamed


def rename(triples: Iterable[Triple], iris: Mapping[str, str]) -> set[Triple]:
    """The triples with subjects and objects renamed by `iris`."""
    nodes: dict[Node, Node] = {URIRef(k): URIRef(v) for k, v in iris.items()}
    if not nodes:
        return set(triples)
    return {(nodes.get(s, s), p, nodes.get(o, o)) for s, p, o in triples}


__all__ = ["ENTRY_CLASSES", "Entry", "Matching", "canonical_iris", "entries", "match", "rename"]
