"""Records to RDF, per docs/ontology.md: `build(records) -> Graph`.

Every fact a record states is added as a triple and also reified as an `rdf:Statement`
derived from the record's source span, so each value can be traced to its hub line even
when a duplicate entry states a conflicting one.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from ingest.records import (
    BenchmarkRecord,
    BenchmarkResult,
    Component,
    DatasetRecord,
    Mention,
    ModelRecord,
    PaperRecord,
    PassageRecord,
    Quantity,
    Record,
    SectionRecord,
    Source,
    TableRowRecord,
    ToolRecord,
)
from kg._iris import IriMinter, digest, entity_key, file_slug, safe_slug
from kg._links import link_triples
from kg._literals import decimal, integer, string
from kg.merge import resolve
from kg.vocab import DCTERMS, PREFIXES, PROV, RDF, RDFS, RES, SCHEMA, SKOS, VLM, XSD

Triple = tuple[Node, Node, Node]
Entry = ModelRecord | DatasetRecord | BenchmarkRecord | ToolRecord
OnError = Callable[[Record, Exception], None]


@dataclass(frozen=True)
class HubSource:
    """An input file as a `prov:Entity`: its name in citations, a display name, hash, date."""

    file: str  # as in `Source.file`
    name: str  # `--source-name`, else the file name
    sha256: str
    date: str  # the file's modification date, YYYY-MM-DD


# Component.kind -> (IRI kind, classes)
COMPONENT_KINDS: dict[str, tuple[str, tuple[URIRef, ...]]] = {
    "vision_encoder": ("encoder", (VLM.VisionEncoder, VLM.PretrainedComponent)),
    "language_model": ("llm", (VLM.LanguageModel, VLM.PretrainedComponent)),
    "audio_encoder": ("component", (VLM.AudioEncoder, VLM.PretrainedComponent)),
    "other": ("component", (VLM.PretrainedComponent,)),
}
# Mention.relation -> the typed edge it adds next to vlm:mentions
MENTION_RELATIONS: dict[str, URIRef] = {
    "trained_on": VLM.trainedOn,
    "fine_tuned_on": VLM.fineTunedOn,
    "outperforms": VLM.outperforms,
    "based_on": VLM.basedOn,
    "evaluated_on": VLM.evaluatedOn,
}
# The terms of every reified fact, looked up once (a namespace attribute is a Python call).
_TYPE, _STATEMENT, _DERIVED_FROM = RDF.type, RDF.Statement, PROV.wasDerivedFrom
_SUBJECT, _PREDICATE, _OBJECT = RDF.subject, RDF.predicate, RDF.object
ENTRY_KINDS: dict[type, tuple[str, URIRef]] = {
    ModelRecord: ("model", VLM.Model),
    DatasetRecord: ("dataset", VLM.Dataset),
    BenchmarkRecord: ("benchmark", VLM.Benchmark),
    ToolRecord: ("tool", VLM.Tool),
}


def build(
    records: Iterable[Record],
    *,
    sources: Sequence[HubSource] = (),
    on_error: OnError | None = None,
    tick: Callable[[], object] | None = None,
) -> Graph:
    """The graph of the records: entities, sections, source spans and reified facts.

    Entries of different files that name one thing get one IRI (`kg.merge`). With
    `on_error`, a record whose mapping raises (or makes an invalid IRI) adds nothing and is
    passed to it with the exception; without, the exception propagates. `tick` is called
    once per record (progress).
    """
    graph = Graph()
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri)
    emit(records, graph.add, sources=sources, on_error=on_error, tick=tick)
    return graph


def triples(records: Iterable[Record], *, sources: Sequence[HubSource] = ()) -> set[Triple]:
    """The triples of `build(records)` as a plain set (cheaper than a Graph when large)."""
    out: set[Triple] = set()
    emit(records, out.add, sources=sources)
    return out


def emit(
    records: Iterable[Record],
    sink: Callable[[Triple], object],
    *,
    sources: Sequence[HubSource] = (),
    on_error: OnError | None = None,
    tick: Callable[[], object] | None = None,
) -> None:
    """Pass every triple of `build(records)` to `sink`, some more than once, in memory O(entities).

    For graphs too big to hold: the sink can write batches to a store (which drops
    duplicates), so memory stays bounded by the number of entities, not of triples.
    """
    builder = _GraphBuilder(list(records), sink)
    builder.sources = {source.file: source for source in sources}
    builder.on_error, builder.tick = on_error, tick
    builder.run()


@dataclass(frozen=True)
class _Listing:
    """An item listed in a section, to number once all items are known."""

    section: URIRef
    line: int
    seq: int
    item: URIRef
    span: URIRef


class _GraphBuilder:
    """One pass over the records: sections first, then entries, then list positions."""

    def __init__(self, records: list[Record], sink: Callable[[Triple], object]) -> None:
        self.records = records
        self.emit = sink
        self.sink = sink  # spans and hubs go here even while a record's triples are held
        self.sources: dict[str, HubSource] = {}
        self.on_error: OnError | None = None
        self.tick: Callable[[], object] | None = None
        self.merged: dict[tuple[str, str], str] = {}
        self.checked_iris: set[str] = set()
        self.described_spans: set[URIRef] = set()
        self.iris = IriMinter()
        self.labels: dict[URIRef, str] = {}
        self.spans: dict[Source, URIRef] = {}
        self.hubs: dict[str, URIRef] = {}
        self.sections: dict[str, list[tuple[int, URIRef]]] = defaultdict(list)
        self.listings: list[_Listing] = []
        self.aliases: dict[tuple[str, str], URIRef] = {}
        self.levels: dict[URIRef, int] = {}
        self.titled_papers: set[URIRef] = set()

    # -- driver -------------------------------------------------------------------------

    def run(self) -> None:
        for record in self.records:
            if isinstance(record, SectionRecord):
                self.guarded(record, self.section)
        for file_sections in self.sections.values():
            file_sections.sort(key=lambda pair: pair[0])
        self.register_entries()
        for record in self.records:
            self.guarded(record, self.dispatch)
            if self.tick is not None:
                self.tick()
        self.number_listings()

    def dispatch(self, record: Record) -> None:
        """Map one record by its type (sections are mapped first, in `run`)."""
        if isinstance(record, ModelRecord):
            self.model(record)
        elif isinstance(record, DatasetRecord):
            self.dataset(record)
        elif isinstance(record, BenchmarkRecord):
            self.benchmark(record)
        elif isinstance(record, ToolRecord):
            self.tool(record)
        elif isinstance(record, PaperRecord):
            self.paper(record)
        elif isinstance(record, TableRowRecord):
            self.table_row(record)
        elif isinstance(record, PassageRecord):
            self.passage(record)

    def register_entries(self) -> None:
        """Mint entry IRIs first, so a `basedOn` or result can point at a later entry.

        Entries of different files that name the same thing share the first one's key.
        """
        self.merged = self.merge_entries()
        for record in self.records:
            if isinstance(record, PaperRecord):
                self.titled_papers.add(self.paper_iri(record))
                continue
            if not isinstance(record, ModelRecord | DatasetRecord | BenchmarkRecord | ToolRecord):
                continue
            kind, _ = ENTRY_KINDS[type(record)]
            iri = self.entry_iri(kind, record.name)
            for alias in getattr(record, "aliases", ()):
                self.aliases.setdefault((kind, entity_key(alias)), iri)
            if isinstance(record, ModelRecord):
                for backbone in record.language_backbones:
                    self.component_iri(backbone)

    def merge_entries(self) -> dict[tuple[str, str], str]:
        entries = [
            (ENTRY_KINDS[type(record)][0], record)
            for record in self.records
            if type(record) in ENTRY_KINDS
        ]
        merged, _ = resolve(entries)
        return merged

    def entry_iri(self, kind: str, name: str) -> URIRef:
        """The IRI of an entry, shared with the entries of other files naming the same thing."""
        key = entity_key(name)
        return self.iris.mint(kind, name, key=self.merged.get((kind, key), key))

    def lookup(self, kind: str, name: str) -> URIRef | None:
        key = entity_key(name)
        key = self.merged.get((kind, key), key)
        return self.iris.get(kind, key) or self.aliases.get((kind, key))

    def guarded(self, record: Record, handler: Callable[[Any], None]) -> None:
        """Map one record; with `on_error`, all of its triples or none of them."""
        if self.on_error is None:
            handler(record)
            return
        held: list[Triple] = []
        labels, listings = len(self.labels), len(self.listings)
        self.emit = held.append
        try:
            handler(record)
            self.check_iris(held)
        except Exception as exc:  # one bad record must not cost the build the others
            for iri in list(self.labels)[labels:]:
                del self.labels[iri]
            del self.listings[listings:]
            self.on_error(record, exc)
            return
        finally:
            self.emit = self.sink
        for triple in held:
            self.sink(triple)

    def check_iris(self, held: list[Triple]) -> None:
        """Raise ValueError for an IRI a store would refuse (a space, a bracket...)."""
        import pyoxigraph

        for triple in held:
            for term in triple:
                if isinstance(term, URIRef) and term not in self.checked_iris:
                    try:
                        pyoxigraph.NamedNode(str(term))
                    except Exception as exc:  # pyoxigraph raises a bare Exception here
                        raise ValueError(f"<{term}> is not a valid IRI") from exc
                    self.checked_iris.add(term)

    # -- primitives ---------------------------------------------------------------------

    def add(self, s: Node, p: Node, o: Node) -> None:
        self.emit((s, p, o))

    def fact(self, s: Node, p: Node, o: Node, span: URIRef) -> None:
        """Add `s p o` and its `rdf:Statement`, derived from `span`."""
        emit = self.emit
        emit((s, p, o))
        statement = RES[f"fact/{digest(s, p, o, span)}"]
        emit((statement, _TYPE, _STATEMENT))
        emit((statement, _SUBJECT, s))
        emit((statement, _PREDICATE, p))
        emit((statement, _OBJECT, o))
        emit((statement, _DERIVED_FROM, span))

    def quantity(self, iri: URIRef, predicate: URIRef, quantity: Quantity, span: URIRef) -> None:
        """Link `iri` by `predicate` to a vlm:Quantity node (value, unit, the list's text)."""
        node = RES[f"quantity/{digest(iri, quantity.value, quantity.unit, quantity.text)}"]
        self.fact(node, RDF.type, VLM.Quantity, span)
        self.fact(node, VLM.value, decimal(quantity.value), span)
        self.fact(node, VLM.unit, string(quantity.unit), span)
        self.fact(node, RDFS.label, string(quantity.text), span)
        self.add(node, PROV.wasDerivedFrom, span)
        self.fact(iri, predicate, node, span)

    def entity(self, iri: URIRef, classes: Iterable[URIRef], name: str, span: URIRef) -> None:
        """Type and name an entity: the first name seen is its label, later ones altLabels."""
        for cls in classes:
            self.fact(iri, RDF.type, cls, span)
        self.name(iri, name, span)
        self.add(iri, PROV.wasDerivedFrom, span)

    def name(self, iri: URIRef, name: str, span: URIRef) -> None:
        label = self.labels.setdefault(iri, name)
        predicate = RDFS.label if label == name else SKOS.altLabel
        self.fact(iri, predicate, string(name), span)

    def span(self, source: Source) -> URIRef:
        """The `vlm:SourceSpan` of a line range, described once."""
        found = self.spans.get(source)
        if found is not None:
            return found
        hub = self.hub(source.file)
        fslug = str(hub).rsplit("/", 1)[-1]
        iri = RES[f"source/{fslug}/L{source.start_line}-L{source.end_line}"]
        self.spans[source] = iri
        if iri in self.described_spans:
            return iri  # the same lines under another heading path
        self.described_spans.add(iri)
        add = self.sink  # not held with a record's triples: the span is cached for others
        add((iri, RDF.type, VLM.SourceSpan))
        add((iri, RDF.type, PROV.Entity))
        add((iri, VLM.sourceFile, string(source.file)))
        add((iri, VLM.startLine, integer(source.start_line)))
        add((iri, VLM.endLine, integer(source.end_line)))
        add((iri, VLM.citation, string(source.ref)))
        add((iri, DCTERMS.isPartOf, hub))
        section = self.innermost_section(source)
        if section is not None:
            add((iri, VLM.listedIn, section))
        return iri

    def hub(self, file: str) -> URIRef:
        found = self.hubs.get(file)
        if found is None:
            found = self.iris.mint("hub", file_slug(file), key=file)
            self.hubs[file] = found
            add = self.sink
            add((found, RDF.type, VLM.Hub))
            add((found, RDF.type, DCTERMS.BibliographicResource))
            add((found, RDFS.label, string(file)))
            source = self.sources.get(file)
            if source is not None:  # the input file as a prov:Entity: which bytes, when
                add((found, RDF.type, PROV.Entity))
                add((found, DCTERMS.title, string(source.name)))
                add((found, DCTERMS.identifier, string(f"sha256:{source.sha256}")))
                add((found, DCTERMS.date, Literal(source.date, datatype=XSD.date)))
        return found

    def innermost_section(self, source: Source) -> URIRef | None:
        """The last heading at or before the source's first line: the section it is in."""
        file_sections = self.sections.get(source.file, [])
        index = bisect_right(file_sections, source.start_line, key=lambda pair: pair[0])
        return file_sections[index - 1][1] if index else None

    def listed(self, item: URIRef, source: Source, span: URIRef) -> None:
        section = self.innermost_section(source)
        if section is None:
            return
        self.fact(item, VLM.listedIn, section, span)
        self.listings.append(_Listing(section, source.start_line, len(self.listings), item, span))

    def number_listings(self) -> None:
        by_section: dict[URIRef, list[_Listing]] = defaultdict(list)
        for listing in self.listings:
            by_section[listing.section].append(listing)
        for listings in by_section.values():
            listings.sort(key=lambda entry: (entry.line, entry.seq))
            for position, listing in enumerate(listings, start=1):
                self.fact(listing.item, VLM.position, integer(position), listing.span)

    # -- sections -----------------------------------------------------------------------

    def section(self, record: SectionRecord) -> None:
        hub = self.hub(record.source.file)
        fslug = str(hub).rsplit("/", 1)[-1]
        iri = self.iris.mint(f"section/{fslug}", record.title, key=f"L{record.source.start_line}")
        file_sections = self.sections[record.source.file]
        parent = self.parent_section(record, file_sections)
        file_sections.append((record.source.start_line, iri))
        self.levels[iri] = record.level
        span = self.span(record.source)
        self.entity(iri, (VLM.Section,), record.title, span)
        self.fact(iri, DCTERMS.isPartOf, parent or hub, span)
        self.fact(iri, VLM.sectionKind, string(record.kind), span)
        self.fact(iri, VLM.level, integer(record.level), span)
        if record.year is not None:
            self.fact(iri, VLM.year, integer(record.year), span)

    def parent_section(
        self, record: SectionRecord, earlier: list[tuple[int, URIRef]]
    ) -> URIRef | None:
        """The nearest earlier heading of a smaller level (sections arrive in file order)."""
        for line, iri in reversed(earlier):
            if line < record.source.start_line and self.levels[iri] < record.level:
                return iri
        return None

    # -- entries ------------------------------------------------------------------------

    def entry(self, record: Entry) -> tuple[URIRef, URIRef]:
        """Type, name, describe, list and link an entry; returns (its IRI, its span)."""
        kind, cls = ENTRY_KINDS[type(record)]
        iri = self.entry_iri(kind, record.name)
        span = self.span(record.source)
        self.entity(iri, (cls,), record.name, span)
        for alias in getattr(record, "aliases", ()):
            if alias != self.labels[iri]:
                self.fact(iri, SKOS.altLabel, string(alias), span)
        if record.description:
            self.fact(iri, DCTERMS.description, string(record.description), span)
        if not (isinstance(record, ModelRecord) and (record.series or record.continued)):
            self.listed(iri, record.source, span)
        for link in record.links:
            for s, p, o in link_triples(iri, link):
                if p == RDFS.label and s in self.titled_papers:
                    continue  # a listed paper is labelled by its title
                self.fact(s, p, o, span)
                if p == RDF.type and s != iri:
                    self.add(s, PROV.wasDerivedFrom, span)
        return iri, span

    def model(self, record: ModelRecord) -> None:
        iri, span = self.entry(record)
        if record.year is not None:
            self.fact(iri, VLM.releaseYear, integer(record.year), span)
        for architecture in record.architectures:
            node = self.concept("architecture", VLM.Architecture, architecture, span)
            self.fact(iri, VLM.architecture, node, span)
        self.model_details(iri, record, span)
        for count in record.parameters:
            if not count.total:
                predicate = VLM.partialParameterCount
            elif count.active:
                predicate = VLM.activeParameterCount
            else:
                predicate = VLM.parameterCount
            self.fact(iri, predicate, decimal(count.value), span)
            if count.text:
                self.fact(iri, VLM.parameterText, string(count.text), span)
        for predicate, components in (
            (VLM.visionEncoder, record.vision_encoders),
            (VLM.languageBackbone, record.language_backbones),
            (VLM.component, record.components),
        ):
            for component in components:
                self.fact(iri, predicate, self.component(component, span), span)
        for name in record.based_on:
            self.fact(iri, VLM.basedOn, self.based_on(name, span), span)
        for variant in record.variants:
            self.fact(iri, VLM.variant, string(variant), span)
        for data in record.training_data:
            dataset = self.lookup("dataset", data)
            self.fact(iri, VLM.trainingData, dataset or string(data), span)
        for result in record.benchmark_results:
            self.benchmark_result(iri, result, span)
        if record.context_window is not None:
            self.fact(iri, VLM.contextWindow, integer(record.context_window), span)
        self.languages(iri, record.languages, record.language_count, span)
        if record.license:
            self.fact(iri, DCTERMS.license, string(record.license), span)
        if record.organization:
            self.fact(iri, VLM.organization, string(record.organization), span)

    def model_details(self, iri: URIRef, record: ModelRecord, span: URIRef) -> None:
        """What a model table row or write-up states beyond the common facts."""
        texts = (
            (VLM.subtitle, (record.subtitle,)),
            (VLM.authors, (record.authors,)),
            (VLM.parametersText, (record.parameters_text,)),
            (VLM.architectureText, (record.architecture_text,)),
            (VLM.licenseText, (record.license_text,)),
            (VLM.organizationText, (record.organization_text,)),
            (VLM.visionEncoderText, record.vision_encoder_text),
            (VLM.languageBackboneText, record.language_backbone_text),
            (VLM.undisclosed, record.undisclosed),
            (VLM.connector, record.connectors),
        )
        for predicate, values in texts:
            for value in values:
                if value:
                    self.fact(iri, predicate, string(value), span)
        if record.training_stages is not None:
            self.fact(iri, VLM.trainingStages, integer(record.training_stages), span)
        for quantity in record.quantities:
            self.quantity(iri, VLM.quantity, quantity, span)
        if record.date:
            datatype = XSD.date if len(record.date) == 10 else XSD.gYearMonth
            self.fact(iri, DCTERMS.date, Literal(record.date, datatype=datatype), span)
        if record.organization:
            organization = self.iris.mint("organization", record.organization)
            classes = (VLM.Organization, SCHEMA.Organization)
            self.entity(organization, classes, record.organization, span)
            self.fact(iri, SCHEMA.creator, organization, span)
        if record.series:
            series = self.lookup("model", record.series) or self.iris.mint("model", record.series)
            self.fact(iri, VLM.memberOf, series, span)
            self.fact(series, VLM.member, iri, span)
        for mention in record.mentions:
            self.mention(iri, mention, span)
        # one row's cells apart from another's: a model two tables list has both rows
        row = URIRef(f"{iri}/row/{file_slug(record.source.file)}-L{record.source.start_line}")
        self.cells(row, iri, record.cells, span)

    def mention(self, iri: URIRef, mention: Mention, span: URIRef) -> None:
        """`vlm:mentions` an entity named in the text, and the typed edge the sentence states."""
        target, kind = None, ""
        for kind in ("model", "dataset", "benchmark", "llm", "encoder", "tool"):
            target = self.lookup(kind, mention.name)
            if target is not None:
                break
        if target is None and mention.relation == "evaluated_on":
            # a benchmark a write-up names in prose but no entry lists (ingest/benchmarks.yaml)
            target, kind = self.iris.mint("benchmark", mention.name), "benchmark"
            self.entity(target, (VLM.Benchmark,), mention.name, span)
        if target is None or target == iri:
            return
        self.fact(iri, VLM.mentions, target, span)
        predicate = MENTION_RELATIONS.get(mention.relation)
        if mention.relation in ("based_on", "outperforms") and kind not in ("model", "llm"):
            predicate = None  # a model is built on, or beats, a model: else a plain mention
        if mention.relation == "evaluated_on" and kind != "benchmark":
            predicate = None
        if predicate is not None:
            self.fact(iri, predicate, target, span)
        if mention.relation == "evaluated_on" and kind == "benchmark" and mention.score:
            self.benchmark_result(iri, BenchmarkResult(mention.name, mention.score), span)

    def paper_iri(self, record: PaperRecord) -> URIRef:
        if record.arxiv_id:
            return RES[f"paper/arxiv-{record.arxiv_id.replace('/', '-')}"]
        return self.iris.mint("paper", record.title)

    def paper(self, record: PaperRecord) -> None:
        """A listed paper: title, arXiv id, year, the section listing it."""
        iri = self.paper_iri(record)
        span = self.span(record.source)
        self.entity(iri, (VLM.Paper,), record.title, span)
        self.fact(iri, DCTERMS.title, string(record.title), span)
        if record.short_name:
            self.fact(iri, SKOS.altLabel, string(record.short_name), span)
        if record.year is not None:
            self.fact(iri, VLM.releaseYear, integer(record.year), span)
        if record.date:
            self.fact(iri, DCTERMS.date, Literal(record.date, datatype=XSD.gYearMonth), span)
        for tag in record.tags:
            self.fact(iri, VLM.category, self.concept("category", VLM.Category, tag, span), span)
        self.listed(iri, record.source, span)
        for link in record.links:
            for s, p, o in link_triples(iri, link):
                if p == RDFS.label and s == iri:
                    continue
                if p == VLM.paper and o == iri:
                    continue  # the paper's own arXiv link describes it, it is no other paper
                self.fact(s, p, o, span)
                if p == RDF.type and s != iri:
                    self.add(s, PROV.wasDerivedFrom, span)

    def dataset(self, record: DatasetRecord) -> None:
        iri, span = self.entry(record)
        if record.category:
            node = self.concept("category", VLM.Category, record.category, span)
            self.fact(iri, VLM.category, node, span)
        if record.year is not None:
            self.fact(iri, VLM.releaseYear, integer(record.year), span)
        for size in record.sizes:
            self.quantity(iri, VLM.size, size, span)
        self.languages(iri, record.languages, record.language_count, span)
        if record.license:
            self.fact(iri, DCTERMS.license, string(record.license), span)

    def benchmark(self, record: BenchmarkRecord) -> None:
        iri, span = self.entry(record)
        if record.year is not None:
            self.fact(iri, VLM.releaseYear, integer(record.year), span)
        if record.group:
            node = self.concept("category", VLM.Category, record.group, span)
            self.fact(iri, VLM.category, node, span)

    def tool(self, record: ToolRecord) -> None:
        iri, span = self.entry(record)
        if record.group:
            node = self.concept("category", VLM.Category, record.group, span)
            self.fact(iri, VLM.group, node, span)
        if record.license:
            self.fact(iri, DCTERMS.license, string(record.license), span)
        if record.speedup:
            self.fact(iri, VLM.speedup, string(record.speedup), span)

    def languages(
        self, iri: URIRef, languages: tuple[str, ...], count: int | None, span: URIRef
    ) -> None:
        for language in languages:
            self.fact(iri, VLM.language, string(language), span)
        if count is not None:
            self.fact(iri, VLM.languageCount, integer(count), span)

    # -- things entries point at ----------------------------------------------------------

    def concept(self, kind: str, cls: URIRef, name: str, span: URIRef) -> URIRef:
        """An architecture or category: a `skos:Concept` shared by every entry naming it."""
        iri = self.iris.mint(kind, name)
        self.entity(iri, (cls, SKOS.Concept), name, span)
        return iri

    def component_iri(self, component: Component) -> URIRef:
        kind, _ = COMPONENT_KINDS.get(component.kind, COMPONENT_KINDS["other"])
        return self.iris.mint(kind, component.name)

    def component(self, component: Component, span: URIRef) -> URIRef:
        """A pretrained component and its chain of broader families."""
        kind, classes = COMPONENT_KINDS.get(component.kind, COMPONENT_KINDS["other"])
        iri = self.iris.mint(kind, component.name)
        self.entity(iri, classes, component.name, span)
        for alias in component.aliases:
            if alias != self.labels[iri]:
                self.fact(iri, SKOS.altLabel, string(alias), span)
        for chain in (component.broader, *component.designs):
            narrower = iri
            for family in chain:
                broader = self.iris.mint(kind, family)
                if broader == narrower:
                    continue
                self.entity(broader, classes, family, span)
                self.fact(narrower, SKOS.broader, broader, span)
                narrower = broader
        return iri

    def based_on(self, name: str, span: URIRef) -> URIRef:
        """A listed model, else a known language model, else a model known only by name."""
        found = self.lookup("model", name) or self.lookup("llm", name)
        if found is not None:
            return found
        iri = self.iris.mint("model", name)
        self.entity(iri, (VLM.Model,), name, span)
        return iri

    def benchmark_result(self, model: URIRef, result: BenchmarkResult, span: URIRef) -> None:
        benchmark = self.lookup("benchmark", result.benchmark)
        if benchmark is None:
            benchmark = self.iris.mint("benchmark", result.benchmark)
            self.entity(benchmark, (VLM.Benchmark,), result.benchmark, span)
        node = RES[f"result/{digest(model, benchmark, result.score, result.condition)}"]
        label = f"{result.score} on {result.benchmark}"
        if result.condition:
            label += f" ({result.condition})"
        self.entity(node, (VLM.BenchmarkResult,), label, span)
        self.fact(model, VLM.result, node, span)
        self.fact(node, VLM.benchmark, benchmark, span)
        self.fact(node, VLM.score, string(result.score), span)
        if result.value is not None:
            self.fact(node, VLM.scoreValue, decimal(result.value), span)
        if result.condition:
            self.fact(node, VLM.condition, string(result.condition), span)

    # -- tables and prose ---------------------------------------------------------------

    def table_row(self, record: TableRowRecord) -> None:
        span = self.span(record.source)
        hub_slug = file_slug(record.source.file)
        table = self.iris.mint("table", record.table, key=f"{hub_slug}|{entity_key(record.table)}")
        self.entity(table, (VLM.Table,), record.table, span)
        table_slug = str(table).rsplit("/", 1)[-1]
        row = self.iris.mint(f"row/{table_slug}", record.key)
        classes = [VLM.TableRow]
        if record.kind != "table":
            classes.append(VLM["".join(part.title() for part in record.kind.split("_"))])
        self.entity(row, classes, record.key, span)
        self.fact(row, VLM.table, table, span)
        self.listed(row, record.source, span)
        section = self.innermost_section(record.source)
        if section is not None:
            self.fact(table, VLM.listedIn, section, span)
        self.cells(row, row, record.cells, span)

    def cells(
        self, base: URIRef, owner: URIRef, cells: tuple[tuple[str, str], ...], span: URIRef
    ) -> None:
        """`owner`'s `vlm:cell`s, (column, value) in order, with IRIs under `base`."""
        taken: set[str] = set()
        for index, (column, value) in enumerate(cells, start=1):
            column_slug = safe_slug(column)
            if column_slug in taken:
                column_slug = f"{column_slug}-{index}"
            taken.add(column_slug)
            cell = URIRef(f"{base}/{column_slug}")
            self.fact(owner, VLM.cell, cell, span)
            self.fact(cell, RDF.type, VLM.Cell, span)
            self.fact(cell, VLM.column, string(column), span)
            self.fact(cell, VLM.value, string(value), span)
            self.fact(cell, VLM.columnIndex, integer(index), span)

    def passage(self, record: PassageRecord) -> None:
        span = self.span(record.source)
        source = record.source
        iri = RES[f"passage/{digest(source.file, source.start_line, source.end_line, record.text)}"]
        self.fact(iri, RDF.type, VLM.Passage, span)
        self.fact(iri, RDF.value, string(record.text), span)
        self.add(iri, PROV.wasDerivedFrom, span)
        if record.facet:
            self.fact(iri, VLM.facet, string(record.facet), span)
        topic: URIRef | None
        if record.kind == "research_direction":
            topic = self.iris.mint("direction", record.topic)
            self.entity(topic, (VLM.ResearchDirection,), record.topic, span)
        elif record.kind == "application":
            topic = self.iris.mint("application", record.topic)
            self.entity(topic, (VLM.ApplicationDomain,), record.topic, span)
        elif record.subject and (model := self.lookup("model", record.subject)) is not None:
            topic = model
            self.fact(iri, VLM.about, model, span)
        else:
            topic = self.innermost_section(source)
        if topic is not None:
            self.fact(iri, VLM.topic, topic, span)
        self.listed(iri, source, span)


__all__ = ["HubSource", "build", "emit", "triples"]
