"""Turn a parsed question into an answer from the graph.

One method per kind of question (lookup, list, count, compare, open); each queries the
graph with parameterised SPARQL, and says "the hub does not say" when the graph is silent.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from rdflib import URIRef

from search.assistant._text import human_number, key, tokens, words
from search.assistant.answer import Answer, Citation, EntityRef, Fact
from search.assistant.compose import (
    bold,
    cite,
    escape,
    join_words,
    key_terms,
    model_summary,
    singular,
    parameters_text,
    short_description,
    sources_block,
    table,
)
from search.assistant.graph import EntityView, GraphReader, Value
from search.assistant.lexicon import LexEntity, Lexicon, split_value_iri
from search.assistant.querying import ListQuery
from vlmkg.errors import VlmkgError
from search.assistant.understand import (
    SUBJECT_TYPES,
    TOPIC_TYPES,
    VALUE_TYPES,
    Attribute,
    Intent,
    attribute,
    attributes,
    phrase_positions,
    vocabulary,
)

_CONTENT_STOP = frozenset(
    "what which who whom whose where when why how does do did is are was were the a an of in on "
    "for to and or with by from as at about according hub list lists listed mention mentions "
    "describe describes say says give gives vlm vlms model models their its it this that these "
    "those there any have has key".split()
)


@dataclass
class Context:
    """What a chat session remembers between questions."""

    subjects: list[str] = field(default_factory=list)  # IRIs the last answer was about
    entities: list[str] = field(default_factory=list)  # IRIs of the last answer set
    target_class: str | None = None


class Answerer:
    """Answers parsed questions from the graph (and, for prose, from retrieved passages)."""

    def __init__(self, reader: GraphReader, lexicon: Lexicon, passages: PassageFinder) -> None:
        self.reader = reader
        self.lexicon = lexicon
        self.passages = passages
        self._cells: dict[str, list[tuple[str, str]]] = {}
        self._class_cells: dict[str, list[tuple[str, str]]] = {}
        self._class_descriptions: dict[str, dict[str, str]] = {}
        self._row_cells: list[tuple[str, str, str]] = []

    # ------------------------------------------------------------------ dispatch
    def answer(self, intent: Intent, context: Context) -> Answer:
        if _narrows_previous(intent, context):
            intent = replace(intent, kind="list", target_class=intent.target_class or context.target_class)
        handler = {
            "lookup": self.lookup,
            "list": self.listing,
            "count": self.listing,
            "compare": self.compare,
            "open": self.open,
            "superlative": self.superlative,
            "verify": self.verify,
        }[intent.kind]
        return handler(intent, context)

    # ------------------------------------------------------------------ lookup
    def lookup(self, intent: Intent, context: Context) -> Answer:
        attr = _first_attribute(intent)
        subjects = self._subjects(intent, attr, context)
        if not subjects:
            rows = self._rows_naming(intent)
            if rows:
                return self._row_lookup(intent, [self.reader.view(r) for r in rows], attr)
            unknown = unknown_names(intent)
            if unknown:
                return self.abstain_unknown(intent, unknown)
            return self.open(intent, context)
        views = [self.reader.view(e.iri) for e in subjects]
        twins = self._row_twins(intent, views, attr)
        if twins:
            views = twins
        rows = [v for v in views if "TableRow" in v.types]
        if rows and len(rows) == len(views):
            return self._row_lookup(intent, rows, attr)
        if attr is None or attr.name == "description":
            return self.describe(intent, views)
        parts = [self._attribute_of(intent, view, attr) for view in views]
        return _merge(intent, parts)

    def _row_twins(self, intent: Intent, views: list[EntityView], attr: Attribute | None) -> list[EntityView]:
        """Table rows named like the subjects ("ScienceQA" in a results table) whose
        columns the question asks about ("which model tops ScienceQA" -> "Top Model")."""
        if attr is not None and any(v.values(attr.property) for v in views):
            return []
        twins = []
        for view in views:
            if "TableRow" in view.types:
                return []
            rows = [e for e in self.lexicon.lookup(view.label) if e.is_a("TableRow")]
            matched = [r for r in rows if _matching_columns(intent, self.cells(r.iri))]
            if not matched:
                return []
            twins.append(self.reader.view(matched[0].iri))
        return twins

    def _subjects(self, intent: Intent, attr: Attribute | None, context: Context) -> list[LexEntity]:
        found: list[LexEntity] = []
        for mention in intent.mentions:
            candidates = list(mention.entities)
            if attr and attr.domain:
                in_domain = [e for e in candidates if e.is_a(*attr.domain)]
                candidates = in_domain or [e for e in candidates if e.is_a("TableRow")]
            else:
                candidates = [e for e in candidates if e.is_a(*SUBJECT_TYPES)] or [
                    e for e in candidates if e.is_a("VisionEncoder", "LanguageModel", "PretrainedComponent")
                ]
            candidates = _prefer_scope(candidates, intent, self.reader)
            for entity in candidates[:1]:
                if entity not in found:
                    found.append(entity)
        if not found and (intent.refers_back or attr is not None) and context.subjects:
            found = [self.lexicon.entities[i] for i in context.subjects if i in self.lexicon.entities]
        return found

    def _attribute_of(self, intent: Intent, view: EntityView, attr: Attribute) -> Answer:
        values = list(view.values(attr.property))
        if attr.name == "language_backbone" and not values:
            values = [v for v in view.values("vlm:basedOn") if v.iri and _is_llm(self.reader, v.iri)]
        if attr.name == "language_count" and not values:
            values = list(view.values("vlm:language"))
        if attr.name == "languages" and not values:
            values = list(view.values("vlm:languageCount"))
        if attr.name == "parameters":
            values += [v for v in view.values("vlm:activeParameterCount")]
        if not values:
            quoted = _sentence_about(view.description, attr)
            if quoted:
                return self._quoted(intent, view, attr, quoted)
            return self.abstain(intent, view, f"The hub does not give the {attr.noun} of {bold(view.label)}.")
        text = self._render_values(view, attr, values)
        refs = [c for v in values for c in v.citations] or list(view.citations())
        facts = [Fact(view.label, attr.noun, self._value_text(attr, v), ";".join(v.citations) or _first(view.citations()))
                 for v in values]
        entities = tuple(
            EntityRef(v.iri, v.text, self.lexicon.entities[v.iri].type)
            for v in values
            if v.iri and v.iri in self.lexicon.entities and attr.value == "entity"
        )
        plural = (attr.noun.endswith("s") and not attr.noun.startswith("number")) or (
            len(values) > 1 and attr.value == "entity"
        )
        verb = "are" if plural else "is"
        markdown = f"The {attr.noun} of {bold(view.label)} {verb} {text}.{cite(refs)}"
        return Answer(
            question=intent.question,
            markdown=markdown,
            entities=entities,
            facts=tuple(facts),
            citations=self._citations([view], refs),
            extra={"subjects": [view.iri]},
        )

    def _render_values(self, view: EntityView, attr: Attribute, values: Sequence[Value]) -> str:
        if attr.name == "parameters":
            written = parameters_text(view)
            total = [v for v in view.values("vlm:parameterCount") if v.number]
            active = [v for v in view.values("vlm:activeParameterCount") if v.number]
            parts = []
            if written:
                parts.append(bold(written))
            elif total:
                parts.append(bold(", ".join(human_number(v.number or 0) for v in total)))
            if written and total and len(total) > 1:
                parts.append(f"({', '.join(human_number(v.number or 0) for v in total)} by variant)")
            if active:
                parts.append(f"with {bold(join_words([human_number(v.number or 0) for v in active]))} active")
            return " ".join(parts) or "not given"
        if attr.name in ("language_count", "languages"):
            count_text = view.first("vlm:languageCountText") or view.first("vlm:languageCount")
            names = [v.text for v in view.values("vlm:language")]
            out = []
            if count_text:
                out.append(bold(f"{count_text} languages"))
            if names:
                out.append(("(" if out else "") + join_words(names) + (")" if out else ""))
            return " ".join(out)
        return join_words([bold(self._value_text(attr, v)) for v in values])

    def _value_text(self, attr: Attribute, value: Value) -> str:
        if attr.name == "context_window" and value.number:
            n = int(value.number)
            return f"{n:,} tokens" + (f" ({n // 1000}k)" if n % 1000 == 0 and n >= 1000 else "")
        if attr.name in ("parameters", "active_parameters") and value.number:
            return human_number(value.number)
        if attr.name == "results" and value.iri:
            result = self.reader.view(value.iri)
            score = result.first("vlm:score") or ""
            bench = result.first("vlm:benchmark") or ""
            cond = result.first("vlm:condition")
            return f"{score} on {bench}" + (f" ({cond})" if cond else "")
        if attr.name == "size" and value.iri:
            return self.reader.view(value.iri).label
        if attr.name in ("paper", "link") and value.iri:
            linked = self.reader.view(value.iri)
            return linked.first("schema:url") or linked.label
        if value.number is not None and value.text.replace(".", "").isdigit():
            return value.text
        return value.text

    def _quoted(self, intent: Intent, view: EntityView, attr: Attribute, sentence: str) -> Answer:
        refs = list(view.citations())
        markdown = (
            f"The hub does not record the {attr.noun} of {bold(view.label)} as a separate fact, "
            f"but its entry says: “{escape(sentence)}”{cite(refs)}"
        )
        return Answer(intent.question, markdown, (), (Fact(view.label, "description", sentence, _first(refs)),),
                      self._citations([view], refs), extra={"subjects": [view.iri]})

    def _row_lookup(self, intent: Intent, rows: list[EntityView], attr: Attribute | None) -> Answer:
        parts = []
        for row in rows:
            cells = self.cells(row.iri)
            matched = _matching_columns(intent, cells)
            if not matched:
                if attr is not None and attr.name != "description":
                    parts.append(self.abstain(intent, row, f"The hub does not give the {attr.noun} of {bold(row.label)}."))
                    continue
                matched = cells[1:] or cells
            refs = list(row.citations())
            table_name = row.first("vlm:table") or "table"
            text = "; ".join(f"{escape(c)}: {bold(v)}" for c, v in matched)
            parts.append(Answer(
                intent.question,
                f"In the {escape(table_name)} table, {bold(row.label)} has {text}.{cite(refs)}",
                (EntityRef(row.iri, row.label, self.lexicon.entities[row.iri].type),) if row.iri in self.lexicon.entities else (),
                tuple(Fact(row.label, c, v, _first(refs)) for c, v in matched),
                self._citations([row], refs),
                extra={"subjects": [row.iri]},
            ))
        return _merge(intent, parts)

    def cells(self, row_iri: str) -> list[tuple[str, str]]:
        """A row's (column, value) cells in column order (cached: the graph is read-only)."""
        if row_iri not in self._cells:
            self._cells[row_iri] = self._read_cells(row_iri)
        return self._cells[row_iri]

    def _read_cells(self, row_iri: str) -> list[tuple[str, str]]:
        rows = self.reader.select(
            "SELECT ?row ?col ?val ?idx WHERE { ?row vlm:cell ?c . ?c vlm:column ?col ; vlm:value ?val . "
            "OPTIONAL { ?c vlm:columnIndex ?idx } } ORDER BY ?idx",
            {"row": URIRef(row_iri)},
        )
        return [(str(r["col"]), str(r["val"])) for r in rows]

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
        entities = tuple(EntityRef(v.iri, v.label, self.lexicon.entities[v.iri].type)
                         for v in views if v.iri in self.lexicon.entities)
        return Answer(intent.question, "\n\n".join(lines), entities, tuple(facts),
                      self._citations(views, refs_all), extra={"subjects": [v.iri for v in views]})

    # ------------------------------------------------------------------ list / count
    def listing(self, intent: Intent, context: Context) -> Answer:
        topics = [e for m in intent.mentions for e in m.entities if e.is_a(*TOPIC_TYPES)]
        if topics and intent.target_class in TOPIC_TYPES:
            # "how many applications does the hub list for Healthcare": the topic's passages
            return self.open(intent, context)
        query, anchors = self._list_query(intent, context)
        if query is None:
            unknown = unknown_names(intent)
            if unknown:
                return self.abstain_unknown(intent, unknown)
            if intent.target_class and not intent.mentions:
                found = self.by_description(intent, intent.target_class)
                if found is not None:
                    return found
            return self.open(intent, context)
        rows = self.reader.select(query.sparql(), query.bindings)
        if not rows and intent.target_class and anchors.get("dropped_class") is not None:
            pass
        if not rows and anchors.get("section_only") and intent.target_class:
            query, _ = self._list_query(intent, context, use_class=False)
            assert query is not None
            rows = self.reader.select(query.sparql(), query.bindings)
        iris = list(dict.fromkeys(str(r["x"]) for r in rows))
        views = [self.reader.view(i) for i in iris]
        noun = _class_noun(intent.target_class, len(views))
        condition = join_words(query.described)
        if not views:
            markdown = f"The hub lists no {_class_noun(intent.target_class, 2)} {condition}."
            return Answer(intent.question, markdown, (), (), self._anchor_citations(anchors), sparql=query.display(),
                          grounded=True, extra={"subjects": [], "entities": []})
        lines = []
        refs_all: list[str] = []
        facts: list[Fact] = []
        for view in views:
            refs = self._evidence_refs(view, anchors) or list(view.citations())
            refs_all += refs
            detail = model_summary(view) if "Model" in view.types else _brief(view)
            lines.append(f"- {bold(view.label)}" + (f" — {escape(detail)}" if detail else "") + cite(refs))
            facts += self._list_facts(view, anchors, refs)
        count = len(views)
        entries = _entries(views, anchors, self.lexicon)
        in_entries = f" (in {entries} hub {'entry' if entries == 1 else 'entries'})" if entries != count else ""
        if intent.kind == "count":
            head = f"The hub lists **{count}** {noun}{in_entries} {condition}:"
        else:
            head = f"The hub lists {count} {noun}{in_entries} {condition}:"
        markdown = head + "\n\n" + "\n".join(lines)
        entities = tuple(EntityRef(v.iri, v.label, self.lexicon.entities[v.iri].type if v.iri in self.lexicon.entities else (v.types[0] if v.types else "Thing"))
                         for v in views)
        return Answer(intent.question, markdown, entities, tuple(facts), self._citations(views, refs_all),
                      sparql=query.display(), extra={"subjects": [], "entities": iris})

    def _list_query(self, intent: Intent, context: Context, use_class: bool = True) -> tuple[ListQuery | None, dict]:
        query = ListQuery()
        anchors: dict = {"iris": [], "properties": []}
        target = intent.target_class
        attr = _first_attribute(intent)
        constrained = False
        section_years: set[int] = set()
        values_by_property: dict[tuple[str, ...], list[LexEntity]] = {}
        sections: list[LexEntity] = []
        row_values: list[str] = []
        unused = 0
        literal_values: list[LexEntity] = []
        for mention in intent.mentions:
            ents = list(mention.entities)
            if attr and attr.name == "based_on":
                models = [e for e in ents if e.is_a("Model", "LanguageModel")]
                if models:
                    values_by_property.setdefault(("vlm:basedOn",), []).append(models[0])
                    continue
            values = [e for e in ents if e.is_a("Value")]
            if values:
                literal_values.append(values[0])
                continue
            typed = [e for e in ents if target and e.is_a(target)]
            if typed and len(typed) == len(ents) and target not in ("Section",):
                unused += 1
                continue  # the mention names a member of the answer class itself
            valued = [e for e in ents if e.is_a("VisionEncoder", "LanguageModel", "AudioEncoder", "PretrainedComponent", "Architecture")]
            if attr and attr.value == "entity":
                fitting = [e for e in valued if _fits(attr, e)]
                valued = fitting or valued
            if valued:
                entity = valued[0]
                paths = _paths_for(entity, attr)
                values_by_property.setdefault(tuple(paths), []).append(entity)
                continue
            secs = [e for e in ents if e.is_a("Section")] or [e for e in ents if e.is_a("Category", "Table")]
            if secs:
                sections.append(secs[0])
                continue
            unused += 1
        for paths, ents in values_by_property.items():
            iris = list(dict.fromkeys(e.iri for e in ents))
            labels = join_words([e.label for e in dict.fromkeys(ents)], "or")
            query.related(list(paths), iris, _relation_words(paths, labels))
            anchors["iris"] += iris
            anchors["properties"] += list(paths)
            constrained = True
        for value in literal_values:
            curie, literal = split_value_iri(value.iri)
            query.literal(curie, literal, _value_words(curie, literal))
            constrained = True
        for section in _sections_for(sections, intent, self.reader):
            if section.is_a("Section"):
                query.in_section(section.iri, f"listed under “{section.label}”")
            elif section.is_a("Table"):
                query.related(["vlm:table"], [section.iri], f"in the table “{section.label}”")
            else:
                query.related(["vlm:category", "vlm:group"], [section.iri], f"in the category “{section.label}”")
            anchors["iris"].append(section.iri)
            constrained = True
            anchors["section_only"] = not values_by_property
        for op, year in intent.years:
            heading = self._year_heading(intent, year, target) if op == "=" else None
            if heading is not None:
                query.in_section(heading.iri, f"are listed under “{heading.label}”")
                anchors["iris"].append(heading.iri)
            else:
                query.compare("vlm:releaseYear", op, year, _year_words(op, year))
            constrained = True
        for number in intent.numbers:
            path, words_ = _number_path(number, attr, target)
            if path:
                value: float | int = int(number.value) if number.value.is_integer() else number.value
                query.compare(path, number.op, value, f"with {words_} {_OP_WORDS[number.op]}{_quantity_words(path, number.value)}")
                constrained = True
        if target and _is_row_class(target):
            found = self._row_value(intent, target)
            if found:
                value_text, column = found
                row_values.append(value_text)
                query.cell_value(value_text, column, f"with {column or 'a value'} “{value_text}”")
                constrained = True
        if intent.refers_back and context.entities and len(context.entities) > 1:
            query.among(context.entities, "among the previous answer")
            constrained = True
        if target and use_class:
            query.of_class(target)
        if not constrained and (not target or unused):
            return None, anchors
        if not constrained and target and unknown_names(intent):
            return None, anchors
        if not query.described:
            query.described.append("in the hub")
        return query, anchors

    def _year_heading(self, intent: Intent, year: int, target: str | None) -> LexEntity | None:
        """The "2024" heading a question means by "in the 2024 section" or "listed under 2024"
        (a heading that lists the class asked for); None means: filter by release year."""
        if not re.search(r"\b(section|heading|listed|list|under)\b", words(intent.question)):
            return None
        for heading in intent.extra.get("year_headings", ()):
            if heading.label.strip() == str(year) and (target is None or self._section_has(heading.iri, target)):
                return heading
        return None

    def _rows_naming(self, intent: Intent) -> list[str]:
        """Table rows with a cell the question names ("the SOTA accuracy on RoboNet"), when
        the question also names one of the row's other columns."""
        if "*" not in self._class_cells:
            rows = self.reader.select(
                "SELECT ?x ?col ?val WHERE { ?x a vlm:TableRow ; vlm:cell ?c . ?c vlm:column ?col ; vlm:value ?val }"
            )
            self._row_cells = [(str(r["x"]), str(r["col"]), str(r["val"])) for r in rows]
            self._class_cells["*"] = []
        text = words(intent.question)
        named = {row for row, _, value in self._row_cells
                 if len(value) >= 3 and not value[:1].isdigit() and phrase_positions(text, value)}
        return sorted(r for r in named if _matching_columns(intent, self.cells(r)))

    def _section_has(self, section_iri: str, target: str) -> bool:
        rows = self.reader.select(
            "SELECT ?x ?sec ?cls WHERE { ?x vlm:listedIn/dcterms:isPartOf* ?sec ; a ?cls } LIMIT 1",
            {"sec": URIRef(section_iri), "cls": URIRef("https://w3id.org/vlmkg/ontology#" + target)},
        )
        return bool(rows)

    def _row_value(self, intent: Intent, target: str) -> tuple[str, str | None] | None:
        """A cell value of a row of `target` that the question names ("Moderate")."""
        if target not in self._class_cells:
            rows = self.reader.select(
                "SELECT DISTINCT ?cls ?col ?val WHERE { ?x a ?cls ; vlm:cell ?c . ?c vlm:column ?col ; vlm:value ?val }",
                {"cls": URIRef("https://w3id.org/vlmkg/ontology#" + target)},
            )
            self._class_cells[target] = [(str(r["col"]), str(r["val"])) for r in rows]
        text = words(intent.question)
        best: tuple[int, str, str] | None = None
        for column, value in self._class_cells[target]:
            if len(value) < 3 or not phrase_positions(text, value):
                continue
            score = len(value) + (10 if phrase_positions(text, column) else 0)
            if best is None or score > best[0]:
                best = (score, value, column)
        if best is None:
            return None
        return best[1], best[2] if phrase_positions(text, best[2]) else None

    # ------------------------------------------------------------------ by description
    def by_description(self, intent: Intent, target: str) -> Answer | None:
        """ "Which benchmark evaluates cross-view video understanding?": the entities of
        `target` whose description says what the question says (shared words, else
        embedding similarity); None when nothing matches well enough."""
        described = self._descriptions(target)
        content = _content_words(intent.masked) - _class_words()
        best: list[tuple[float, str]] = []
        if content:
            for iri, text in described.items():
                overlap = len(content & _content_words(text))
                if overlap >= 2 and overlap / len(content) >= 0.5:
                    best.append((overlap / len(content), iri))
        if best:
            top = max(score for score, _ in best)
            chosen = [iri for score, iri in sorted(best, reverse=True) if score == top][:3]
        else:
            chosen = self.passages.similar(intent.question, target)
        if not chosen:
            return None
        views = [self.reader.view(i) for i in chosen]
        lines = [f"- {bold(v.label)}: “{escape(v.description)}”{cite(v.citations())}" for v in views]
        noun = _class_noun(target, len(views))
        head = f"The hub describes this {noun}:" if len(views) == 1 else f"The hub describes these {noun}:"
        refs = [c for v in views for c in v.citations()]
        return Answer(intent.question, head + "\n\n" + "\n".join(lines),
                      tuple(EntityRef(v.iri, v.label, self.lexicon.entities[v.iri].type) for v in views if v.iri in self.lexicon.entities),
                      tuple(Fact(v.label, "description", v.description, _first(v.citations())) for v in views),
                      self._citations(views, refs), extra={"subjects": chosen, "entities": chosen})

    def _descriptions(self, target: str) -> dict[str, str]:
        if target not in self._class_descriptions:
            rows = self.reader.select(
                "SELECT ?x ?cls ?d WHERE { ?x a ?cls ; dcterms:description ?d }",
                {"cls": URIRef("https://w3id.org/vlmkg/ontology#" + target)},
            )
            self._class_descriptions[target] = {str(r["x"]): str(r["d"]) for r in rows}
        return self._class_descriptions[target]

    # ------------------------------------------------------------------ superlative
    def superlative(self, intent: Intent, context: Context) -> Answer:
        spec = intent.extra["superlative"]
        target = intent.target_class or "Model"
        prop = spec.get("dataset_property") if target == "Dataset" and spec.get("dataset_property") else spec["property"]
        scoped = replace(intent, kind="list", target_class=target)
        query, anchors = self._list_query(scoped, context)
        if query is None:
            query = ListQuery()
            query.of_class(target)
            query.described.append("in the hub")
        candidates = list(dict.fromkeys(str(r["x"]) for r in self.reader.select(query.sparql(), query.bindings)))
        scored = []
        for iri in candidates:
            numbers = self._numbers(iri, prop)
            if numbers:
                scored.append((max(numbers) if spec["order"] == "max" else min(numbers), iri))
        if not scored:
            return Answer(intent.question, f"The hub gives no values to rank {_class_noun(target, 2)} by.", grounded=False)
        best = max(s for s, _ in scored) if spec["order"] == "max" else min(s for s, _ in scored)
        winners = [self.reader.view(i) for s, i in scored if s == best]
        others = sorted(scored, reverse=spec["order"] == "max")
        noun = _class_noun(target, len(winners))
        value_text = _number_text(prop, best)
        lines = [f"- {bold(v.label)} — {escape(model_summary(v) if 'Model' in v.types else _brief(v))}{cite(v.citations())}"
                 for v in winners]
        runners = [self.reader.view(i) for s, i in others if s != best][:3]
        tail = ""
        if runners:
            tail = "\n\nNext: " + "; ".join(
                f"{escape(v.label)} ({_number_text(prop, max(self._numbers(v.iri, prop)) if spec['order'] == 'max' else min(self._numbers(v.iri, prop)))})"
                for v in runners) + "."
        scope = join_words(query.described)
        word = "highest" if spec["order"] == "max" else "lowest"
        head = (f"Of the {len(scored)} {_class_noun(target, 2)} {scope} with a value, the {word} is "
                f"{bold(value_text)}, held by {join_words([bold(v.label) for v in winners])}:")
        refs = [c for v in winners for c in v.citations()]
        return Answer(intent.question, head + "\n\n" + "\n".join(lines) + tail,
                      tuple(EntityRef(v.iri, v.label, self.lexicon.entities[v.iri].type) for v in winners if v.iri in self.lexicon.entities),
                      tuple(Fact(v.label, prop, value_text, _first(v.citations())) for v in winners),
                      self._citations(winners, refs), sparql=query.display(),
                      extra={"subjects": [v.iri for v in winners], "entities": [v.iri for v in winners]})

    def _numbers(self, iri: str, prop: str) -> list[float]:
        first, _, rest = prop.partition("/")
        values = self.reader.view(iri).values(first)
        if rest:
            values = tuple(x for v in values if v.iri for x in self.reader.view(v.iri).values(rest))
        return [v.number for v in values if v.number is not None]

    # ------------------------------------------------------------------ yes / no
    def verify(self, intent: Intent, context: Context) -> Answer:
        subject = next(e for m in intent.mentions for e in m.entities if e.is_a(*SUBJECT_TYPES))
        view = self.reader.view(subject.iri)
        value = next(e for m in intent.mentions for e in m.entities
                     if e.is_a(*VALUE_TYPES, "Value") and e is not subject)
        if value.is_a("Value"):
            curie, literal = split_value_iri(value.iri)
            have = [v for v in view.values(curie)]
            holds = any(v.text == literal for v in have)
            noun = {"vlm:language": "supported languages", "vlm:organization": "organisation",
                    "dcterms:license": "license"}.get(curie, curie)
        else:
            attr = _first_attribute(intent)
            paths = _paths_for(value, attr)
            rows = self.reader.select(
                f"SELECT ?s ?v WHERE {{ ?s ({' | '.join(paths)})/skos:broader* ?v }} LIMIT 1",
                {"s": URIRef(view.iri), "v": URIRef(value.iri)},
            )
            holds = bool(rows)
            have = [v for p in paths for v in view.values(p)]
            noun = _relation_noun(paths[0])
        refs = [c for v in have for c in v.citations] or list(view.citations())
        shown = join_words([bold(v.text) for v in have])
        if holds:
            markdown = f"Yes. The {noun} of {bold(view.label)}: {shown}.{cite(refs)}"
        elif have:
            markdown = f"No. The {noun} of {bold(view.label)}: {shown}; not {bold(value.label)}.{cite(refs)}"
        else:
            return self.abstain(intent, view, f"The hub does not say whether {bold(view.label)} has {bold(value.label)} as {noun}: it gives no {noun} for it.")
        return Answer(intent.question, markdown, (EntityRef(view.iri, view.label, subject.type),),
                      tuple(Fact(view.label, noun, v.text, _first(v.citations) or _first(refs)) for v in have),
                      self._citations([view], refs), extra={"subjects": [view.iri]})

    # ------------------------------------------------------------------ compare
    def compare(self, intent: Intent, context: Context) -> Answer:
        subjects: list[LexEntity] = []
        for mention in intent.mentions:
            ents = [e for e in mention.entities if e.is_a(*SUBJECT_TYPES)]
            ents = _prefer_scope(ents, intent, self.reader)
            if ents and ents[0] not in subjects:
                subjects.append(ents[0])
        views = [self.reader.view(e.iri) for e in subjects]
        if all("TableRow" in v.types for v in views):
            header, rows_ = self._compare_rows(views)
        else:
            header, rows_ = self._compare_entities(views, intent)
        refs = [c for v in views for c in v.citations()]
        markdown = (f"Comparison of {join_words([bold(v.label) for v in views])}:{cite(refs)}\n\n"
                    + table(header, rows_))
        facts = tuple(Fact(header[i + 1], row[0], row[i + 1], _first(views[i].citations()))
                      for row in rows_ for i in range(len(views)) if row[i + 1] not in ("—", ""))
        entities = tuple(EntityRef(v.iri, v.label, self.lexicon.entities[v.iri].type) for v in views)
        return Answer(intent.question, markdown, entities, facts, self._citations(views, refs),
                      extra={"subjects": [v.iri for v in views]})

    def _compare_rows(self, views: list[EntityView]) -> tuple[list[str], list[list[str]]]:
        cells = [dict(self.cells(v.iri)) for v in views]
        columns: list[str] = []
        for v in views:
            for col, _ in self.cells(v.iri)[1:]:
                if col not in columns:
                    columns.append(col)
        header = ["", *[v.label for v in views]]
        return header, [[col, *[c.get(col, "—") for c in cells]] for col in columns]

    def _compare_entities(self, views: list[EntityView], intent: Intent) -> tuple[list[str], list[list[str]]]:
        rows: list[list[str]] = []
        header = ["", *[v.label for v in views]]
        asked = [a.name for a in intent.attributes]
        spec = [
            ("architecture", "vlm:architecture"),
            ("parameters", "vlm:parameterText"),
            ("vision encoder", "vlm:visionEncoder"),
            ("language backbone", "vlm:languageBackbone"),
            ("other components", "vlm:component"),
            ("based on", "vlm:basedOn"),
            ("year", "vlm:releaseYear"),
            ("context window", "vlm:contextWindow"),
            ("languages", "vlm:languageCountText"),
            ("category", "vlm:category"),
            ("size", "vlm:size"),
            ("license", "dcterms:license"),
            ("speedup", "vlm:speedup"),
        ]
        for name, prop in spec:
            values = []
            for v in views:
                if prop == "vlm:parameterText":
                    values.append(parameters_text(v) or "—")
                    continue
                vals = v.values(prop)
                if prop == "vlm:size":
                    values.append(join_words([self.reader.view(x.iri).label for x in vals if x.iri]) or "—")
                else:
                    values.append(join_words([x.text for x in vals]) or "—")
            if any(x != "—" for x in values) or name.replace(" ", "_") in asked:
                rows.append([name, *values])
        rows.append(["description", *[short_description(v.description) or "—" for v in views]])
        return header, rows

    # ------------------------------------------------------------------ prose
    def open(self, intent: Intent, context: Context) -> Answer:
        topics = [e for m in intent.mentions for e in m.entities if e.is_a(*TOPIC_TYPES)]
        sections = [e for m in intent.mentions for e in m.entities if e.is_a("Section")]
        if intent.target_class and not intent.mentions and intent.target_class not in TOPIC_TYPES:
            found = self.by_description(intent, intent.target_class)
            if found is not None:
                return found
        passages: list[Passage] = []
        if topics:
            passages = self.passages.of_topics([t.iri for t in dict.fromkeys(topics)])
        if not passages and sections:
            passages = self.passages.of_sections([s.iri for s in dict.fromkeys(sections)])
        if not passages and sections and not topics:
            return self.listing(replace(intent, kind="list", target_class=None), context)
        if passages:
            passages = _facet_filter(passages, intent)
        else:
            passages = self.passages.search(intent.question)
        if not passages:
            subjects = [e for m in intent.mentions for e in m.entities if e.is_a(*SUBJECT_TYPES)]
            if subjects:
                return self.describe(intent, [self.reader.view(subjects[0].iri)])
            unknown = unknown_names(intent)
            if unknown:
                return self.abstain_unknown(intent, unknown)
            return Answer(intent.question, "The hub does not say anything that answers this question.",
                          grounded=False)
        return self._prose(intent, passages, topics)

    def _prose(self, intent: Intent, passages: list[Passage], topics: list[LexEntity]) -> Answer:
        groups: dict[tuple[str, str], list[Passage]] = {}
        for p in passages:
            groups.setdefault((p.topic, p.facet or ""), []).append(p)
        lines = []
        for (topic, facet), items in groups.items():
            title = f"{bold(topic)}" + (f" — {escape(facet)}" if facet else "")
            lines.append(title)
            lines += [f"- {escape(p.text)}{cite([p.citation])}" for p in items]
            lines.append("")
        refs = [p.citation for p in passages]
        citations = tuple(dict.fromkeys(Citation(p.citation, p.section, None) for p in passages))
        facts = tuple(Fact(p.topic, p.facet or "says", p.text, p.citation) for p in passages)
        entities = tuple(EntityRef(t.iri, t.label, t.type) for t in dict.fromkeys(topics))
        terms = key_terms([p.text for p in passages], limit=4 * len(passages))
        if terms:
            lines.append("Key terms: " + "; ".join(escape(t) for t in terms) + ".")
        if intent.kind == "count":
            lines.insert(0, f"The hub lists **{len(passages)}** items:\n")
        head = "According to the hub:" if not topics else f"What the hub says about {join_words([bold(t.label) for t in dict.fromkeys(topics)])}:"
        return Answer(intent.question, head + "\n\n" + "\n".join(lines).rstrip() + "", entities, facts,
                      citations, extra={"subjects": [t.iri for t in topics], "refs": refs})

    # ------------------------------------------------------------------ abstain
    def abstain(self, intent: Intent, view: EntityView, sentence: str) -> Answer:
        refs = list(view.citations())
        known = model_summary(view) if "Model" in view.types else ""
        desc = view.description
        nearest = ""
        if known or desc:
            nearest = f"\n\nWhat the hub does say about {bold(view.label)}: " + escape(
                "; ".join(x for x in (known, short_description(desc, 300)) if x)) + cite(refs)
        return Answer(intent.question, sentence + nearest, (), (), self._citations([view], refs),
                      grounded=False, extra={"subjects": [view.iri]})

    def abstain_unknown(self, intent: Intent, names: list[str]) -> Answer:
        listed = join_words([bold(n) for n in names])
        near = []
        for name in names:
            near += [e.label for e in self._nearest(name)]
        hint = f" Nearest names it knows: {join_words([escape(n) for n in dict.fromkeys(near)])}." if near else ""
        return Answer(intent.question, f"The hub does not mention {listed}, so it cannot answer this.{hint}",
                      grounded=False)

    def _nearest(self, name: str) -> list[LexEntity]:
        from rapidfuzz import fuzz, process

        choices = {e.iri: e.label for e in self.lexicon.entities.values() if e.is_a(*SUBJECT_TYPES)}
        found = process.extract(name, choices, scorer=fuzz.WRatio, limit=3)
        return [self.lexicon.entities[iri] for _, score, iri in found if score >= 70]

    # ------------------------------------------------------------------ helpers
    def _citations(self, views: Sequence[EntityView], refs: Sequence[str]) -> tuple[Citation, ...]:
        sections = {c: s for v in views for c, s in v.spans}
        urls = {c: v.url for v in views for c, _ in v.spans}
        out = []
        for ref in dict.fromkeys(refs):
            out.append(Citation(ref, sections.get(ref, ""), urls.get(ref)))
        return tuple(out)

    def _anchor_citations(self, anchors: dict) -> tuple[Citation, ...]:
        views = [self.reader.view(i) for i in anchors.get("iris", [])]
        return self._citations(views, [c for v in views for c in v.citations()])

    def _list_facts(self, view: EntityView, anchors: dict, refs: list[str]) -> list[Fact]:
        """The facts that put `view` in a list answer: the matching property values, or
        the heading it is listed under."""
        out = []
        for prop in dict.fromkeys(anchors.get("properties", [])):
            for value in view.values(prop):
                out.append(Fact(view.label, _relation_noun(prop), value.text, _first(value.citations) or _first(refs)))
        if not out:
            section = next((s for c, s in view.spans if c in refs and s), "")
            out.append(Fact(view.label, "listed under", section or "the hub", _first(refs)))
        return out

    def _evidence_refs(self, view: EntityView, anchors: dict) -> list[str]:
        refs: list[str] = []
        for prop in anchors.get("properties", []):
            for value in view.values(prop.split("/")[0]):
                refs += value.citations
        return list(dict.fromkeys(refs))


# ---------------------------------------------------------------------- passages
@dataclass(frozen=True)
class Passage:
    """A prose passage with its topic, facet, section and citation."""

    iri: str
    text: str
    topic: str
    facet: str | None
    section: str
    citation: str
    position: int


class PassageFinder:
    """Passages by topic or section, and a lexical fallback search over all of them."""

    _ALL = """
    SELECT ?p ?text ?topic ?topicLabel ?facet ?section ?cite ?start WHERE {
      ?p a vlm:Passage ; rdf:value ?text .
      OPTIONAL { ?p vlm:topic ?topic . ?topic rdfs:label ?topicLabel }
      OPTIONAL { ?p vlm:facet ?facet }
      OPTIONAL { ?p vlm:listedIn ?sec . ?sec rdfs:label ?section }
      OPTIONAL { ?p prov:wasDerivedFrom ?span . ?span vlm:citation ?cite ; vlm:startLine ?start }
    }
    """

    # Cosine similarity (all-MiniLM-L6-v2) a passage needs to count as an answer: measured
    # on the bundled hub, related questions score 0.45-0.75 and unrelated ones under 0.2.
    DENSE_MIN = 0.5

    def __init__(self, reader: GraphReader, retriever: Callable[[], Any] | None = None) -> None:
        self.reader = reader
        self._retriever_factory = retriever
        self._retriever: Any | None = None
        self._passages: list[Passage] | None = None
        self._by_topic: dict[str, list[Passage]] = {}
        self._sections: dict[str, list[str]] = {}

    def all(self) -> list[Passage]:
        if self._passages is None:
            out: dict[str, Passage] = {}
            topics: dict[str, list[Passage]] = {}
            for r in self.reader.select(self._ALL):
                iri = str(r["p"])
                if iri in out:
                    continue
                p = Passage(iri, str(r["text"]), str(r.get("topicLabel", r.get("section", ""))),
                            str(r["facet"]) if r.get("facet") is not None else None,
                            str(r.get("section", "")), str(r.get("cite", "")), int(r.get("start", 0) or 0))
                out[iri] = p
                if r.get("topic") is not None:
                    topics.setdefault(str(r["topic"]), []).append(p)
            self._passages = sorted(out.values(), key=lambda p: p.position)
            self._by_topic = {t: sorted(ps, key=lambda p: p.position) for t, ps in topics.items()}
        return self._passages

    def of_topics(self, iris: list[str]) -> list[Passage]:
        self.all()
        return [p for iri in iris for p in self._by_topic.get(iri, [])]

    def of_sections(self, iris: list[str]) -> list[Passage]:
        rows = self.reader.select(
            "SELECT DISTINCT ?p ?s1 WHERE { ?p a vlm:Passage ; vlm:listedIn/dcterms:isPartOf* ?sec . "
            "FILTER(?sec IN (?s1)) }",
            {"s1": URIRef(iris[0])},
        )
        wanted = {str(r["p"]) for r in rows}
        return [p for p in self.all() if p.iri in wanted]

    def search(self, question: str, limit: int = 6) -> list[Passage]:
        """Passages that answer a prose question: by shared content words, else (with a
        search index) by embedding similarity above DENSE_MIN."""
        return self._lexical(question, limit) or self._dense(question, limit)

    def _dense(self, question: str, limit: int) -> list[Passage]:
        retriever = self._load_retriever()
        if retriever is None:
            return []
        hits = retriever.search(question, k=limit, types=["Passage"], mode="dense")
        if not hits or hits[0].score < self.DENSE_MIN:
            return []
        by_iri = {p.iri: p for p in self.all()}
        floor = max(self.DENSE_MIN - 0.05, hits[0].score - 0.12)
        return [by_iri[h.iri] for h in hits if h.score >= floor and h.iri in by_iri]

    def _load_retriever(self) -> Any | None:
        if self._retriever is None and self._retriever_factory is not None:
            try:
                self._retriever = self._retriever_factory()
            except VlmkgError:
                self._retriever_factory = None  # no index: lexical answers only
        return self._retriever

    def similar(self, question: str, target: str, limit: int = 3) -> list[str]:
        """IRIs of `target` entities whose card is close to the question in embedding
        space (needs the search index); [] when none is close enough."""
        retriever = self._load_retriever()
        if retriever is None:
            return []
        hits = retriever.search(question, k=limit, types=[target], mode="dense")
        if not hits or hits[0].score < self.DENSE_MIN:
            return []
        return [h.iri for h in hits if h.score >= hits[0].score - 0.03]

    def _lexical(self, question: str, limit: int) -> list[Passage]:
        content = _content_words(question)
        if not content:
            return []
        scored = []
        for p in self.all():
            have = _content_words(p.text + " " + p.topic + " " + (p.facet or ""))
            overlap = len(content & have)
            if overlap >= 2 or (overlap >= 1 and len(content) == 1):
                scored.append((overlap / len(content), -p.position, p))
        scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
        if not scored or scored[0][0] < 0.4:
            return []
        best = scored[0][0]
        return [p for s, _, p in scored if s >= best * 0.75][:limit]


def _class_words() -> set[str]:
    """Content words of the class nouns ("benchmark", "dataset"...): not evidence."""
    return {w for nouns in vocabulary()["classes"].values() for n in nouns for w in _content_words(n)}


def _content_words(text: str) -> set[str]:
    out = set()
    for w in re.findall(r"[a-z0-9]+", words(text)):
        if len(w) >= 4 and w not in _CONTENT_STOP:
            out.add(w[:-1] if w.endswith("s") and len(w) > 4 else w)
    return out


# ---------------------------------------------------------------------- small helpers
def unknown_names(intent: Intent) -> list[str]:
    """Name-like tokens of the question that the graph does not know ("MiniGPT-4")."""
    toks = tokens(intent.question)
    covered = {i for m in intent.mentions for i in range(m.start, m.end)}
    known_words = set()
    for attr in attributes():
        for phrase in attr.phrases:
            known_words.update(words(phrase).split())
    for nouns in vocabulary()["classes"].values():
        for noun in nouns:
            known_words.update(words(noun).split())
    out = []
    for i, tok in enumerate(toks):
        if i in covered:
            continue
        w = words(tok)
        if not w or w in known_words or w in _CONTENT_STOP:
            continue
        has_digit = any(c.isdigit() for c in tok) and any(c.isalpha() for c in tok)
        inner_caps = any(c.isupper() for c in tok[1:])
        capital = tok[:1].isupper() and i > 0
        if has_digit or inner_caps or capital:
            if re.fullmatch(r"\d{4}", tok):
                continue
            out.append(tok)
    return out


def _narrows_previous(intent: Intent, context: Context) -> bool:
    """ "which of those are decoder-only?" after a list: filter the previous answer set."""
    if not (intent.refers_back and len(context.entities) > 1) or intent.kind in ("list", "count", "compare"):
        return False
    values = [m for m in intent.mentions if m.of_type("Architecture", "VisionEncoder", "LanguageModel",
                                                        "Section", "Category")]
    subjects = [m for m in intent.mentions if m.of_type(*SUBJECT_TYPES)]
    return bool(values or intent.years or intent.numbers) and not subjects


def _first_attribute(intent: Intent) -> Attribute | None:
    """The most specific attribute that applies to a named entity (else the first)."""
    named = [e for m in intent.mentions for e in m.entities]
    for attr in intent.attributes:
        if not attr.domain or any(e.is_a(*attr.domain) for e in named):
            return attr
    return intent.attributes[0] if intent.attributes else None


def _fits(attr: Attribute, entity: LexEntity) -> bool:
    ranges = {
        "vision_encoder": ("VisionEncoder",),
        "language_backbone": ("LanguageModel",),
        "component": ("PretrainedComponent", "AudioEncoder", "VisionEncoder", "LanguageModel"),
        "based_on": ("Model", "LanguageModel"),
        "architecture": ("Architecture",),
    }
    return entity.is_a(*ranges.get(attr.name, ()))


def _paths_for(entity: LexEntity, attr: Attribute | None) -> list[str]:
    if attr and attr.value == "entity" and attr.name in (
        "vision_encoder", "language_backbone", "component", "based_on", "architecture"
    ) and _fits(attr, entity):
        if attr.name == "component":
            return ["vlm:component", "vlm:visionEncoder", "vlm:languageBackbone"]
        return [attr.property]
    if entity.is_a("Architecture"):
        return ["vlm:architecture"]
    if entity.is_a("VisionEncoder"):
        return ["vlm:visionEncoder"]
    if entity.is_a("LanguageModel"):
        return ["vlm:languageBackbone", "vlm:basedOn"]
    return ["vlm:component"]


def _relation_words(paths: tuple[str, ...], labels: str) -> str:
    """ "using Vicuna (or a member of its family) as language backbone" """
    family = " (or a model of that family)"
    return {
        "vlm:visionEncoder": f"using {labels}{family} as vision encoder",
        "vlm:languageBackbone": f"using {labels}{family} as language backbone",
        "vlm:architecture": f"with the {labels} architecture",
        "vlm:component": f"using {labels} as a pretrained component",
        "vlm:basedOn": f"based on {labels}",
        "vlm:table": f"in the table {labels}",
    }.get(paths[0], f"related to {labels}")


def _value_words(curie: str, value: str) -> str:
    return {
        "vlm:organization": f"by {value}",
        "dcterms:license": f"under the {value} license",
        "vlm:language": f"supporting {value}",
    }.get(curie, f"with {value}")


def _relation_noun(path: str) -> str:
    return {"vlm:visionEncoder": "vision encoder", "vlm:languageBackbone": "language backbone",
            "vlm:architecture": "architecture", "vlm:component": "pretrained components",
            "vlm:basedOn": "base model"}.get(path, "related entities")


def _number_text(prop: str, value: float) -> str:
    if prop == "vlm:contextWindow":
        return f"{int(value):,} tokens"
    if prop == "vlm:releaseYear":
        return str(int(value))
    if prop in ("vlm:languageCount",):
        return f"{int(value)} languages"
    if prop == "vlm:parameterCount":
        return f"{human_number(value)} parameters"
    return human_number(value)


_OP_WORDS = {"=": "", ">": "over ", "<": "under ", ">=": "at least ", "<=": "at most "}


def _year_words(op: str, year: int) -> str:
    return {"=": f"dated {year}", ">": f"dated after {year}", "<": f"dated before {year}",
            ">=": f"dated {year} or later", "<=": f"dated {year} or earlier"}[op]


def _number_path(number, attr: Attribute | None, target: str | None = None) -> tuple[str | None, str]:
    if number.unit == "tokens" or (attr and attr.name == "context_window"):
        return "vlm:contextWindow", "a context window of"
    if target == "Dataset" or (attr and attr.name == "size"):
        return "vlm:size/vlm:value", "a size of"
    if number.unit == "params" or (attr and attr.name in ("parameters", "active_parameters")):
        return "vlm:parameterCount", "a variant of"
    return None, ""


def _quantity_words(path: str, value: float) -> str:
    if path == "vlm:contextWindow":
        return f"{int(value):,} tokens"
    if path == "vlm:parameterCount":
        return f"{human_number(value)} parameters"
    return human_number(value)


def _is_row_class(name: str) -> bool:
    return name in ("TableRow", "EthicalChallenge", "CompressionTechnique", "EmbodiedTask", "PrivacyImpact")


def _sections_for(sections: list[LexEntity], intent: Intent, reader: GraphReader) -> list[LexEntity]:
    """Sections that scope the answer: drop one whose title merely repeats the class noun
    ("benchmarks" naming the Benchmarks heading) unless the question says section/heading."""
    out = []
    scoped = bool(re.search(r"\b(section|heading|under|category|listed|table|group|part)\b", words(intent.question)))
    class_nouns = {words(n) for nouns in vocabulary()["classes"].values() for n in nouns}
    for s in sections:
        if words(s.label) in class_nouns and not scoped:
            continue
        out.append(s)
    return out


def _prefer_scope(candidates: list[LexEntity], intent: Intent, reader: GraphReader) -> list[LexEntity]:
    """Among same-named entities, prefer the one whose type the question names
    ("... in the compression table" -> the table row, "toolkit" -> the tool)."""
    if len(candidates) <= 1:
        return candidates
    text = words(intent.question)
    cues = {
        "TableRow": ("table", "row", "rows"),
        "Tool": ("tool", "tools", "toolkit"),
        "Dataset": ("dataset", "datasets", "data"),
        "Benchmark": ("benchmark", "benchmarks"),
        "Model": ("model", "models", "vlm"),
        "VisionEncoder": ("encoder", "vision"),
        "LanguageModel": ("llm", "language model", "backbone"),
    }
    scored = []
    for i, c in enumerate(candidates):
        score = sum(1 for t, ws in cues.items() if c.is_a(t) and any(phrase_positions(text, w) for w in ws))
        scored.append((-score, i, c))
    return [c for _, _, c in sorted(scored)]


def _matching_columns(intent: Intent, cells: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (column, value) cells whose header the question names ("prevalence", "VRAM")."""
    asked = {singular(w) for w in words(intent.question).split()}
    out = []
    for column, value in cells[1:]:
        col_words = [singular(w) for w in words(column).split() if len(w) >= 3 and w not in _CONTENT_STOP]
        if col_words and any(w in asked for w in col_words):
            out.append((column, value))
    aliases = {"vram": ("memory",), "latency": ("fast", "speed", "time", "slow"),
               "accuracy": ("accurate",), "parameters": ("size", "params")}
    if not out:
        for column, value in cells[1:]:
            if any(w in asked for w in aliases.get(words(column), ())):
                out.append((column, value))
    return out


def _facet_filter(passages: list[Passage], intent: Intent) -> list[Passage]:
    text = words(intent.question)
    facets = list(dict.fromkeys(p.facet for p in passages if p.facet))
    chosen = []
    for facet in facets:
        fw = [w for w in words(facet).split() if len(w) >= 4 and w not in ("key",)]
        if fw and any(phrase_positions(text, w) or phrase_positions(text, w.rstrip("s")) for w in fw):
            chosen.append(facet)
    if not chosen:
        return passages
    return [p for p in passages if p.facet in chosen]


def _sentence_about(description: str, attr: Attribute) -> str | None:
    """The sentence of a description that talks about the attribute, if any."""
    if not description:
        return None
    phrases = [p for p in attr.phrases if len(p) >= 5]
    for sentence in re.split(r"(?<=[.;])\s+", description):
        w = words(sentence)
        if any(phrase_positions(w, p) for p in phrases):
            return sentence.strip()
    return None


def _is_llm(reader: GraphReader, iri: str) -> bool:
    return "LanguageModel" in reader.view(iri).types


def _class_noun(name: str | None, count: int) -> str:
    nouns = {
        "Model": ("model", "models"), "Dataset": ("dataset", "datasets"),
        "Benchmark": ("benchmark", "benchmarks"), "Tool": ("tool", "tools"),
        "VisionEncoder": ("vision encoder", "vision encoders"),
        "LanguageModel": ("language model", "language models"),
        "EthicalChallenge": ("bias type", "bias types"),
        "CompressionTechnique": ("compression technique", "compression techniques"),
        "ResearchDirection": ("research direction", "research directions"),
        "ApplicationDomain": ("application domain", "application domains"),
        "Paper": ("paper", "papers"), "TableRow": ("entry", "entries"),
    }
    one, many = nouns.get(name or "", ("entry", "entries"))
    return one if count == 1 else many


def _brief(view: EntityView) -> str:
    parts = []
    years = [v.text for v in view.values("vlm:releaseYear")]
    if years:
        parts.append("/".join(years))
    desc = view.description
    if desc:
        parts.append(short_description(desc, 120))
    return "; ".join(parts)


def _entries(views: list[EntityView], anchors: dict, lexicon: Lexicon) -> int:
    """How many hub entries (source lines) the answer set comes from: one bullet can
    name two models ("Pixtral 12B & Pixtral Large")."""
    sections = {lexicon.entities[i].label for i in anchors.get("iris", []) if i in lexicon.entities}
    spans = set()
    for view in views:
        chosen = [c for c, s in view.spans if s in sections] or [c for c, _ in view.spans[:1]]
        spans.update(chosen[:1])
    return len(spans) if spans else len(views)


def _first(items: Sequence[str]) -> str:
    return items[0] if items else ""


def _merge(intent: Intent, parts: list[Answer]) -> Answer:
    if len(parts) == 1:
        return parts[0]
    grounded = any(p.grounded for p in parts)
    return Answer(
        question=intent.question,
        markdown="\n\n".join(p.markdown for p in parts),
        entities=tuple(e for p in parts if p.grounded for e in p.entities),
        facts=tuple(f for p in parts for f in p.facts),
        citations=tuple(dict.fromkeys(c for p in parts for c in p.citations)),
        grounded=grounded,
        extra={"subjects": [s for p in parts for s in p.extra.get("subjects", [])]},
    )
