"""Text units made from the graph: one card per entity, one unit per passage or table row.

A unit is what search embeds, indexes lexically and returns. Cards state an entity's key
facts as sentences ("CogVLM uses CLIP ViT-L/14 as vision encoder and Vicuna as language
backbone; 18B parameters; 2023"), so a paraphrase of the facts finds the entity.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any, Protocol

VLM = "https://w3id.org/vlmkg/ontology#"

# Classes that become units, most specific first: a unit's `type` is the first one it has.
UNIT_TYPES: tuple[str, ...] = (
    "Model",
    "Dataset",
    "Benchmark",
    "VisionEncoder",
    "LanguageModel",
    "AudioEncoder",
    "PretrainedComponent",
    "Tool",
    "TableRow",
    "ResearchDirection",
    "ApplicationDomain",
    "Category",
    "Architecture",
    "Table",
    "Passage",
    "Section",
)

# Links whose other end is a unit's graph neighbour (used to expand results): outgoing
# (a model's encoder and backbone) and incoming (a component's models, a category's
# entries, an architecture's models, a family's members, a table's rows).
NEIGHBOUR_PROPERTIES = ("visionEncoder", "languageBackbone", "component", "basedOn", "topic")
INCOMING_NEIGHBOUR_PROPERTIES = (
    "visionEncoder",
    "languageBackbone",
    "component",
    "basedOn",
    "architecture",
    "category",
    "group",
    "broader",
    "table",
)


class _Store(Protocol):
    def query(self, sparql: str, bindings: Any = None) -> Any: ...


@dataclass(frozen=True)
class Unit:
    """One searchable text: an entity card, a passage or a table row.

    `type` is the most specific vlmkg class name, `types` all of them; `source` is the
    citations `<file>#L<a>-L<b>` joined by "; "; `neighbours` are IRIs of linked entities.
    """

    iri: str
    label: str
    type: str
    text: str
    source: str = ""
    types: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    neighbours: tuple[str, ...] = ()

    @property
    def year(self) -> int | None:
        """The earliest release year, or None."""
        return min(self.years) if self.years else None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (tuples become lists)."""
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Unit:
        """The inverse of `to_dict`."""
        fields = dict(data)
        for name in ("types", "aliases", "years", "neighbours"):
            fields[name] = tuple(fields.get(name, ()))
        return cls(**fields)


def content_hash(units: Iterable[Unit]) -> str:
    """A sha256 hex digest of the units, stable across runs."""
    digest = hashlib.sha256()
    for unit in units:
        digest.update(json.dumps(unit.to_dict(), sort_keys=True).encode())
        digest.update(b"\n")
    return digest.hexdigest()


_TYPES_FILTER = ", ".join(f"vlm:{name}" for name in UNIT_TYPES)

_Q_SUBJECTS = f"""
SELECT ?s ?type WHERE {{
  ?s a ?unit_type . FILTER(?unit_type IN ({_TYPES_FILTER}))
  ?s a ?type . FILTER(STRSTARTS(STR(?type), STR(vlm:)))
}}
"""

# Every literal or labelled object of a unit subject, plus the object's own label.
_Q_OUT = f"""
SELECT ?s ?p ?o ?olabel WHERE {{
  ?s a ?type . FILTER(?type IN ({_TYPES_FILTER}))
  ?s ?p ?o .
  FILTER(?p != rdf:type && ?p != prov:wasDerivedFrom && ?p != vlm:cell && ?p != vlm:result)
  OPTIONAL {{ ?o rdfs:label ?olabel }}
}}
"""

# Who points at a unit subject (a component's models, a category's members).
_Q_IN = f"""
SELECT ?s ?p ?m ?mlabel WHERE {{
  ?m ?p ?s ; rdfs:label ?mlabel .
  ?s a ?type . FILTER(?type IN ({_TYPES_FILTER}))
  FILTER(?p IN (vlm:visionEncoder, vlm:languageBackbone, vlm:component, vlm:basedOn,
                vlm:category, vlm:group, vlm:architecture, vlm:table, vlm:topic,
                skos:broader, vlm:listedIn))
}}
"""

# The passages about a topic (a research direction's challenges, an application's uses).
_Q_PASSAGES = """
SELECT ?s ?facet ?text ?position WHERE {
  ?p vlm:topic ?s ; rdf:value ?text .
  OPTIONAL { ?p vlm:facet ?facet }
  OPTIONAL { ?p vlm:position ?position }
}
"""

_Q_CITATIONS = """
SELECT ?s ?citation WHERE { ?s prov:wasDerivedFrom ?span . ?span vlm:citation ?citation }
"""

_Q_RESULTS = """
SELECT ?s ?blabel ?score ?condition WHERE {
  ?s vlm:result ?r . ?r vlm:benchmark ?b ; vlm:score ?score . ?b rdfs:label ?blabel .
  OPTIONAL { ?r vlm:condition ?condition }
}
"""

_Q_MODEL_RESULTS = """
SELECT ?s ?mlabel ?score WHERE {
  ?m vlm:result ?r ; rdfs:label ?mlabel . ?r vlm:benchmark ?s ; vlm:score ?score .
}
"""

_Q_CELLS = """
SELECT ?s ?column ?value ?index WHERE {
  ?s vlm:cell ?c . ?c vlm:column ?column ; vlm:value ?value .
  OPTIONAL { ?c vlm:columnIndex ?index }
}
"""


_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*([KMBT]?)", re.IGNORECASE)
_MAGNITUDE = {"": 1.0, "K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}


def natural_key(text: str) -> tuple[float, str]:
    """Sort key: a leading size first ("1B" < "4B" < "12B" < "250M"... by value), then text."""
    match = _NUMBER.match(text.strip())
    if match is None:
        return (float("inf"), text.casefold())
    return (float(match.group(1)) * _MAGNITUDE[match.group(2).upper()], text.casefold())


def compact_citations(citations: Iterable[str]) -> list[str]:
    """Citations sorted, adjacent or overlapping line ranges of one file merged."""
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    others = set()
    for citation in citations:
        match = _CITATION.fullmatch(citation)
        if match is None:
            others.add(citation)
            continue
        spans[match.group(1)].append((int(match.group(2)), int(match.group(3))))
    merged: list[str] = []
    for file in sorted(spans):
        ranges: list[list[int]] = []
        for start, end in sorted(spans[file]):
            if ranges and start <= ranges[-1][1] + 1:
                ranges[-1][1] = max(ranges[-1][1], end)
            else:
                ranges.append([start, end])
        merged.extend(f"{file}#L{start}-L{end}" for start, end in ranges)
    return merged + sorted(others)


_CITATION = re.compile(r"(.+)#L(\d+)-L(\d+)")


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


class _Facts:
    """Everything the queries said about one subject, grouped by property local name."""

    def __init__(self) -> None:
        self.types: set[str] = set()
        self.out: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
        self.incoming: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.citations: set[str] = set()
        self.results: list[tuple[str, str, str | None]] = []
        self.cells: list[tuple[int, str, str]] = []
        self.notes: list[tuple[int, str, str]] = []  # passages about this topic

    def values(self, prop: str) -> list[str]:
        """Labels (or literal values) of a property, no duplicates, in natural order."""
        seen = {label or obj for obj, label in self.out.get(prop, ())}
        return sorted(seen, key=natural_key)

    def sources(self, prop: str) -> list[str]:
        """Labels of subjects that point here with `prop`, sorted."""
        return sorted({label for _, label in self.incoming.get(prop, ())})


def units_from_store(store: _Store) -> list[Unit]:
    """Every unit of the graph in `store`, sorted by IRI."""
    facts: dict[str, _Facts] = defaultdict(_Facts)
    for row in _rows(store, _Q_SUBJECTS):
        facts[row["s"]].types.add(_local(row["type"]))
    for row in _rows(store, _Q_OUT):
        facts[row["s"]].out[_local(row["p"])].append((row["o"], row.get("olabel")))
    for row in _rows(store, _Q_IN):
        facts[row["s"]].incoming[_local(row["p"])].append((row["m"], row["mlabel"]))
    for row in _rows(store, _Q_PASSAGES):
        if row["s"] in facts:
            position = int(float(row.get("position", "0")))
            facts[row["s"]].notes.append((position, row.get("facet", ""), row["text"]))
    for row in _rows(store, _Q_CITATIONS):
        if row["s"] in facts:
            facts[row["s"]].citations.add(row["citation"])
    for row in _rows(store, _Q_RESULTS):
        if row["s"] in facts:
            facts[row["s"]].results.append((row["blabel"], row["score"], row.get("condition")))
    for row in _rows(store, _Q_MODEL_RESULTS):
        if row["s"] in facts:
            facts[row["s"]].incoming["evaluated"].append((row["score"], row["mlabel"]))
    for row in _rows(store, _Q_CELLS):
        if row["s"] in facts:
            index = int(float(row.get("index", "0")))
            facts[row["s"]].cells.append((index, row["column"], row["value"]))
    units = [_unit(iri, f) for iri, f in facts.items() if f.types]
    return sorted(units, key=lambda u: u.iri)


def _rows(store: _Store, sparql: str) -> list[dict[str, str]]:
    return [{k: str(v) for k, v in row.items()} for row in store.query(sparql).dicts()]


def _unit(iri: str, f: _Facts) -> Unit:
    unit_type = next(t for t in UNIT_TYPES if t in f.types)
    values = f.values("value")
    label = (f.values("label") or [""])[0] or (values[0][:80] if values else _local(iri))
    aliases = tuple(a for a in f.values("altLabel") if a != label)
    years = tuple(sorted({int(float(y)) for y in f.values("releaseYear")}))
    outgoing = {obj for p in NEIGHBOUR_PROPERTIES for obj, _ in f.out.get(p, ())}
    members = {m for p in INCOMING_NEIGHBOUR_PROPERTIES for m, _ in f.incoming.get(p, ())}
    neighbours = tuple(sorted(outgoing | members))
    return Unit(
        iri=iri,
        label=label,
        type=unit_type,
        text=_card_text(label, unit_type, aliases, f),
        source="; ".join(compact_citations(f.citations)),
        types=tuple(t for t in UNIT_TYPES if t in f.types)
        + tuple(sorted(f.types - set(UNIT_TYPES))),
        aliases=aliases,
        years=years,
        neighbours=neighbours,
    )


_TYPE_NOUNS = {
    "Model": "a vision-language model",
    "Dataset": "a dataset",
    "Benchmark": "a benchmark",
    "VisionEncoder": "a vision encoder",
    "LanguageModel": "a language model",
    "AudioEncoder": "an audio encoder",
    "PretrainedComponent": "a pretrained component",
    "Tool": "a tool",
    "TableRow": "a table row",
    "ResearchDirection": "a research direction",
    "ApplicationDomain": "an application domain",
    "Category": "a category",
    "Architecture": "an architecture",
    "Table": "a table",
    "Passage": "a passage",
    "Section": "a section of the hub",
}


def _card_text(label: str, unit_type: str, aliases: tuple[str, ...], f: _Facts) -> str:
    """The unit's text: what it is, its description and its key facts as sentences."""
    if unit_type == "Passage":
        return _passage_text(f)
    sentences = [f"{label} is {_TYPE_NOUNS.get(unit_type, 'an entity')}."]
    if aliases:
        sentences.append(f"Also called {', '.join(aliases)}.")
    sentences.extend(_ensure_period(d) for d in f.values("description"))
    sentences.extend(_fact_sentences(label, f))
    return " ".join(s for s in sentences if s)


def _ensure_period(text: str) -> str:
    text = " ".join(text.split())
    return text if not text or text[-1] in ".!?" else text + "."


def _joined(items: list[str]) -> str:
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)


def _fact_sentences(label: str, f: _Facts) -> list[str]:
    parts: list[str] = []
    encoders, backbones = f.values("visionEncoder"), f.values("languageBackbone")
    uses = []
    if encoders:
        uses.append(f"{_joined(encoders)} as vision encoder")
    if backbones:
        uses.append(f"{_joined(backbones)} as language backbone")
    if f.values("component"):
        uses.append(f"{_joined(f.values('component'))} as pretrained components")
    facts = [f"{label} uses {_joined(uses)}"] if uses else []
    sizes = f.values("parameterText") or [_short_count(v) for v in f.values("parameterCount")]
    if sizes:
        facts.append(f"{'/'.join(sizes)} parameters")
    if f.values("architecture"):
        facts.append(f"{_joined(f.values('architecture'))} architecture")
    if f.values("releaseYear"):
        facts.append(f"released in {_joined(sorted(f.values('releaseYear')))}")
    if facts:
        sentence = "; ".join(facts)
        parts.append(sentence[0].upper() + sentence[1:] + ".")
    for prop, template in _SIMPLE_FACTS:
        found = f.values(prop)
        if prop == "sectionKind":  # "model_year" -> "model year"
            found = [kind.replace("_", " ") for kind in found]
        if found:
            parts.append(template.format(label=label, value=_joined(found)))
    for benchmark, score, condition in sorted(f.results):
        suffix = f" ({condition})" if condition else ""
        parts.append(f"{label} scores {score} on {benchmark}{suffix}.")
    for prop, template in _INCOMING_FACTS:
        found = f.sources(prop)
        if found:
            parts.append(template.format(label=label, value=_joined(found)))
    evaluated = sorted({m for _, m in f.incoming.get("evaluated", ())})
    if evaluated:
        parts.append(f"Models evaluated on {label}: {_joined(evaluated)}.")
    for facet, group in _by_facet(f.notes):
        prefix = f"{facet}: " if facet else ""
        parts.append(prefix + "; ".join(_ensure_period(t)[:-1] for t in group) + ".")
    if f.cells:
        cells = "; ".join(f"{col}: {val}" for _, col, val in sorted(f.cells))
        parts.append(f"{cells}.")
    return parts


_SIMPLE_FACTS: tuple[tuple[str, str], ...] = (
    ("basedOn", "{label} is based on {value}."),
    ("variant", "Variants: {value}."),
    ("trainingData", "Trained on {value}."),
    ("contextWindow", "Context window of {value} tokens."),
    ("languageCountText", "Supports {value} languages."),
    ("language", "Languages: {value}."),
    ("license", "License: {value}."),
    ("organization", "Developed by {value}."),
    ("category", "Category: {value}."),
    ("group", "Group: {value}."),
    ("size", "Size: {value}."),
    ("speedup", "Speedup: {value}."),
    ("broader", "Part of the {value} family."),
    ("table", "Row of the table {value}."),
    ("sectionKind", "Lists {value}."),
)

_INCOMING_FACTS: tuple[tuple[str, str], ...] = (
    ("visionEncoder", "Vision encoder of {value}."),
    ("languageBackbone", "Language backbone of {value}."),
    ("component", "Pretrained component of {value}."),
    ("basedOn", "Models based on {label}: {value}."),
    ("broader", "Members of the {label} family: {value}."),
    ("category", "Entries in {label}: {value}."),
    ("group", "Entries in {label}: {value}."),
    ("architecture", "Models with this architecture: {value}."),
    ("table", "Rows: {value}."),
    ("listedIn", "Listed under {label}: {value}."),
)


def _by_facet(notes: list[tuple[int, str, str]]) -> list[tuple[str, list[str]]]:
    """Passage texts grouped by facet, facets in order of first appearance."""
    groups: dict[str, list[str]] = {}
    for _, facet, text in sorted(notes):
        if text not in groups.setdefault(facet, []):
            groups[facet].append(text)
    return list(groups.items())


def _short_count(value: str) -> str:
    """7000000000.0 -> "7B", 250000000 -> "250M"."""
    number = float(value)
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if number >= size:
            return f"{number / size:g}{suffix}"
    return f"{number:g}"


def _passage_text(f: _Facts) -> str:
    text = _ensure_period((f.values("value") or f.values("label") or [""])[0])
    topics = f.values("topic")
    facet = f.values("facet")
    context = " — ".join([*topics[:1], *facet[:1]])
    return f"{context}: {text}" if context else text
