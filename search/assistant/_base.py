"""The state every answerer shares: the graph reader, the lexicon, caches, and the
ways of citing, describing and abstaining."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rdflib import URIRef

from search.assistant import queries
from search.assistant._rules import (
    Context,
    _first,
    unknown_names,
)
from search.assistant._text import key, tokens
from search.assistant._titles import title_asked
from search.assistant.answer import Answer, Citation, EntityRef, Fact
from search.assistant.compose import (
    bold,
    cite,
    escape,
    join_words,
    model_summary,
    short_description,
)
from search.assistant.extract import Quote, best_quotes, sentences
from search.assistant.graph import EntityView, GraphReader
from search.assistant.lexicon import LexEntity, Lexicon
from search.assistant.passages import Passage, PassageFinder
from search.assistant.querying import ListQuery
from search.assistant.understand import (
    SUBJECT_TYPES,
    Attribute,
    Intent,
)

_ALL_LITERALS = "SELECT DISTINCT ?o WHERE { ?s ?p ?o FILTER(isLiteral(?o)) }"
# a version written after a name: "Eagle 2.5", "DeepSeek R1", "Llama 4" (not a size, a year)
_VERSION = re.compile(r"(?i)(?:v|r|k)?\d{1,2}(?:\.\d+)*(?![\d.])")


def _model_like(name: str) -> bool:
    """A token shaped like a model's name: letters with digits ("Idefics3-8B"), or small
    letters with a capital after the first ("CogAgent", "Hy-Embodied-VLM"); not an acronym
    ("VRAM") or a capitalised word ("Google")."""
    letters = [c for c in name if c.isalpha()]
    digits = any(c.isdigit() for c in name)
    inner = any(c.islower() for c in letters) and any(c.isupper() for c in letters[1:])
    return bool(letters) and (digits or inner)


def name_pattern(name: str) -> re.Pattern[str]:
    """`name` in lower-case text, its parts joined by at most two separators, standing
    alone: "eagle 2.5" finds "Eagle-2.5", not "Eagle 2.5x"; "llava" is not in "video-llava"."""
    parts = re.findall(r"[a-z]+|\d+", name.lower())
    body = r"[^a-z0-9\n]{0,2}".join(re.escape(p) for p in parts)
    return re.compile(r"(?<![a-z0-9])(?<![a-z0-9]-)" + body + r"(?![a-z0-9])(?!-[a-z])")


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
        self._hub_text: str | None = None  # every literal of the graph, lower case

    def row_cells(self) -> list[tuple[str, str, str]]:
        """Every table cell of the graph as (row, column, value), read once."""
        if self._row_cells is None:
            rows = self.reader.select(queries.ALL_ROW_CELLS)
            self._row_cells = [(str(r["x"]), str(r["col"]), str(r["val"])) for r in rows]
        return self._row_cells

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

    def hub_says(self, name: str) -> bool:
        """True when some text of the graph (a label, a fact, a passage, a cell) writes
        `name` as a name of its own: "LLaVA" inside "Video-LLaVA" is not "Video-LLaVA"."""
        if self._hub_text is None:
            rows = self.reader.select(_ALL_LITERALS)
            self._hub_text = "\n".join(str(r["o"]) for r in rows).lower()
        return name_pattern(name).search(self._hub_text) is not None

    def absent_names(self, intent: Intent) -> list[str]:
        """The names a question writes that the hub's text never does: a model-like token
        no entity holds ("Video-LLaVA", "Idefics3-8B"), or a linked name with a version
        after it ("Eagle 2.5" when only EAGLE is listed). Such a question is about an
        entity the hub does not list, whatever is asked of it."""
        toks = tokens(intent.question)
        linked = [key(e.label) for m in intent.mentions for e in m.entities] + [
            key(m.text) for m in intent.mentions
        ]
        # "VL2" after "DeepSeek-VL2" is that name cut short, not another one
        # a piece of a title the question asks for ("an '-R1' style name") names no entity
        titled = {key(w) for w in title_asked(intent).extra.get("title", ())}
        names = [
            n
            for n in unknown_names(intent)
            if _model_like(n) and not any(key(n) in k for k in linked) and key(n) not in titled
        ]
        taken = {i for m in intent.mentions for i in range(m.start, m.end)}
        for mention in intent.mentions:
            after = toks[mention.end] if mention.end < len(toks) else ""
            if mention.end not in taken and _VERSION.fullmatch(after):
                names = [n for n in names if n != after] + [f"{mention.text} {after}"]
        return [n for n in dict.fromkeys(names) if not self.hub_says(n)]

    def _named_passages(self, names: list[str]) -> list[Passage]:
        """The hub's passages that write one of `names`."""
        patterns = [name_pattern(n) for n in names]
        return [p for p in self.passages.all() if any(pt.search(p.text.lower()) for pt in patterns)]

    def _quote_named(self, intent: Intent, names: list[str]) -> Answer | None:
        """A name no entity holds but a passage writes ("DriveVLM: 94ms scene
        understanding"): the passage's sentences that best answer the question."""
        from search.assistant.conditions import extraction_terms

        found = self._named_passages(names)
        query, _, quantity = extraction_terms(intent, None)
        if not found or not query:
            return None
        chunks = [(p.text, p.citation) for p in found]
        quotes = _each_named(chunks, names, query, quantity) or best_quotes(
            chunks, query, [], quantity, 2
        )
        if not quotes:
            return None
        refs = list(dict.fromkeys(q.citation for q in quotes if q.citation))
        sections = {p.citation: p.section for p in found}
        said = " ".join(f"“{escape(q.sentence)}”" for q in quotes)
        span = next((q.span for q in quotes if q.span), None)
        lead = f"{bold(span)} — " if span else ""
        listed = join_words([bold(n) for n in names])
        return Answer(
            intent.question,
            f"{lead}The hub lists no entry for {listed}; its text says: {said}{cite(refs)}",
            (),
            tuple(Fact(names[0], "says", q.sentence, q.citation) for q in quotes),
            tuple(Citation(r, sections.get(r, ""), None) for r in refs),
        )

    def abstain_unknown(self, intent: Intent, names: list[str]) -> Answer:
        quoted = self._quote_named(intent, names)
        if quoted is not None:
            return quoted
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


def _each_named(
    chunks: list[tuple[str, str]],
    names: list[str],
    query: list[frozenset[str]],
    quantity: frozenset[str] | None,
) -> list[Quote]:
    """For two or more names, the best sentence writing each ("NVLM-D (Decoder-only):
    connects ... via a 2-layer MLP", "NVLM-X ...: uses gated cross-attention"), so what is
    said of every one is quoted; [] unless each has its own sentence."""
    if len(names) < 2:
        return []
    quotes: list[Quote] = []
    patterns = {name: name_pattern(name) for name in names}
    said = [(x, where) for text, where in chunks for x in sentences(text)]
    for name, pattern in patterns.items():
        writing = [(x, where) for x, where in said if pattern.search(x.lower())]
        # a sentence of its own first: not the one that names them all
        alone = [
            (x, where)
            for x, where in writing
            if not any(p.search(x.lower()) for n, p in patterns.items() if n != name)
        ]
        # of equal ones, a sentence the name opens is about it
        alone.sort(key=lambda c: not c[0].lower().startswith(name.lower()))
        taken = {q.sentence for q in quotes}
        best = [
            q
            for q in best_quotes(alone, query, [], quantity, 2)
            + best_quotes(writing, query, [], quantity, 2)
            if q.sentence not in taken
        ]
        if not best:
            return []
        quotes.append(best[0])
    return quotes
