"""The state every answerer shares: the graph reader, the lexicon, caches, and the
ways of citing, describing and abstaining."""

from __future__ import annotations

from collections.abc import Sequence

from rdflib import URIRef

from search.assistant import queries
from search.assistant._rules import (
    Context,
    _first,
)
from search.assistant.answer import Answer, Citation, EntityRef, Fact
from search.assistant.compose import (
    bold,
    cite,
    escape,
    join_words,
    model_summary,
    short_description,
)
from search.assistant.graph import EntityView, GraphReader
from search.assistant.lexicon import LexEntity, Lexicon
from search.assistant.passages import PassageFinder
from search.assistant.querying import ListQuery
from search.assistant.understand import (
    SUBJECT_TYPES,
    Attribute,
    Intent,
)


class BaseAnswerer:
    """Graph access, citations, descriptions and abstentions; the answerers build on it."""

    def __init__(self, reader: GraphReader, lexicon: Lexicon, passages: PassageFinder) -> None:
        self.reader = reader
        self.lexicon = lexicon
        self.passages = passages
        self._cells: dict[str, list[tuple[str, str]]] = {}
        self._sentence_cache: dict[str, list[tuple[str, frozenset[str]]]] = {}
        self._members_cache: dict[str, list[str]] = {}
        self._class_cells: dict[str, list[tuple[str, str]]] = {}
        self._class_descriptions: dict[str, dict[str, str]] = {}
        self._row_cells: list[tuple[str, str, str]] | None = None  # (row, column, value)

    def cells(self, row_iri: str) -> list[tuple[str, str]]:
        """A row's (column, value) cells in column order (cached: the graph is read-only)."""
        if row_iri not in self._cells:
            self._cells[row_iri] = self._read_cells(row_iri)
        return self._cells[row_iri]

    def _read_cells(self, row_iri: str) -> list[tuple[str, str]]:
        rows = self.reader.select(
            queries.ROW_CELLS,
            {"row": URIRef(row_iri)},
        )
        return [(str(r["col"]), str(r["val"])) for r in rows]

    def _citations(self, views: Sequence[EntityView], refs: Sequence[str]) -> tuple[Citation, ...]:
        sections = {c: s for v in views for c, s in v.spans}
        urls = {c: v.url for v in views for c, _ in v.spans}
        out = []
        for ref in dict.fromkeys(refs):
            out.append(Citation(ref, sections.get(ref, ""), urls.get(ref)))
        return tuple(out)

    def abstain(self, intent: Intent, view: EntityView, sentence: str) -> Answer:
        refs = list(view.citations())
        known = model_summary(view) if "Model" in view.types else ""
        desc = view.description
        nearest = ""
        if known or desc:
            nearest = (
                f"\n\nWhat the hub does say about {bold(view.label)}: "
                + escape("; ".join(x for x in (known, short_description(desc, 300)) if x))
                + cite(refs)
            )
        return Answer(
            intent.question,
            sentence + nearest,
            (),
            (),
            self._citations([view], refs),
            grounded=False,
            extra={"subjects": [view.iri]},
        )

    def abstain_unknown(self, intent: Intent, names: list[str]) -> Answer:
        listed = join_words([bold(n) for n in names])
        near = []
        for name in names:
            near += [e.label for e in self._nearest(name)]
        hint = (
            f" Nearest names it knows: {join_words([escape(n) for n in dict.fromkeys(near)])}."
            if near
            else ""
        )
        return Answer(
            intent.question,
            f"The hub does not mention {listed}, so it cannot answer this.{hint}",
            grounded=False,
        )

    def _nearest(self, name: str) -> list[LexEntity]:
        from rapidfuzz import fuzz, process

        choices = {e.iri: e.label for e in self.lexicon.entities.values() if e.is_a(*SUBJECT_TYPES)}
        found = process.extract(name, choices, scorer=fuzz.WRatio, limit=3)
        return [self.lexicon.entities[iri] for _, score, iri in found if score >= 70]

    def describe(self, intent: Intent, views: list[EntityView]) -> Answer:
        lines, refs_all, facts = [], [], []
        for view in views:
            refs = list(view.citations())
            refs_all += refs
            summary = model_summary(view) if "Model" in view.types else ""
            desc = view.description
            line = f"{bold(view.label)}"
            if summary:
                line += f" ({escape(summary)})"
            if desc:
                line += f": {escape(desc)}"
            elif "TableRow" in view.types:
                cells = self.cells(view.iri)
                line += ": " + "; ".join(f"{escape(c)} {bold(v)}" for c, v in cells[1:])
            lines.append(line + cite(refs))
            if desc:
                facts.append(Fact(view.label, "description", desc, _first(refs)))
        entities = tuple(
            EntityRef(v.iri, v.label, self.lexicon.entities[v.iri].type)
            for v in views
            if v.iri in self.lexicon.entities
        )
        return Answer(
            intent.question,
            "\n\n".join(lines),
            entities,
            tuple(facts),
            self._citations(views, refs_all),
            extra={"subjects": [v.iri for v in views]},
        )

    # Implemented by the answerer mixins; declared here so each can call the others.
    def listing(self, intent: Intent, context: Context) -> Answer:
        raise NotImplementedError

    def lookup(self, intent: Intent, context: Context) -> Answer:
        raise NotImplementedError

    def open(self, intent: Intent, context: Context) -> Answer:
        raise NotImplementedError

    def by_description(self, intent: Intent, target: str) -> Answer | None:
        raise NotImplementedError

    def cell_condition(self, intent: Intent, rows: list[str]) -> tuple[list[str], str] | None:
        raise NotImplementedError

    def _named_in_text(self, intent: Intent, names: list[str]) -> Answer | None:
        raise NotImplementedError

    def extractive(
        self, intent: Intent, view: EntityView, attr: Attribute | None, limit: int = 2
    ) -> Answer | None:
        raise NotImplementedError

    def _row_lookup(self, intent: Intent, rows: list[EntityView], attr: Attribute | None) -> Answer:
        raise NotImplementedError

    def _list_query(
        self, intent: Intent, context: Context, use_class: bool = True
    ) -> tuple[ListQuery | None, dict]:
        raise NotImplementedError
