"""Comparisons of two or more entities, and yes/no questions."""

from __future__ import annotations

from rdflib import URIRef

from search.assistant._base import BaseAnswerer
from search.assistant._rules import (
    Context,
    _first,
    _first_attribute,
    _paths_for,
    _prefer_scope,
    _relation_noun,
)
from search.assistant.answer import Answer, EntityRef, Fact
from search.assistant.compose import (
    bold,
    cite,
    join_words,
    parameters_text,
    short_description,
    table,
    tokens_text,
)
from search.assistant.graph import EntityView
from search.assistant.lexicon import LexEntity, split_value_iri
from search.assistant.understand import (
    SUBJECT_TYPES,
    VALUE_TYPES,
    Intent,
)


class CompareAnswers(BaseAnswerer):
    """Comparisons of two or more entities, and yes/no questions."""

    def verify(self, intent: Intent, context: Context) -> Answer:
        subject = next(e for m in intent.mentions for e in m.entities if e.is_a(*SUBJECT_TYPES))
        view = self.reader.view(subject.iri)
        value = next(
            e
            for m in intent.mentions
            for e in m.entities
            if e.is_a(*VALUE_TYPES, "Value") and e is not subject
        )
        if value.is_a("Value"):
            curie, literal = split_value_iri(value.iri)
            have = [v for v in view.values(curie)]
            holds = any(v.text == literal for v in have)
            noun = {
                "vlm:language": "supported languages",
                "vlm:organization": "organisation",
                "dcterms:license": "license",
            }.get(curie, curie)
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
            markdown = (
                f"No. The {noun} of {bold(view.label)}: {shown}; "
                f"not {bold(value.label)}.{cite(refs)}"
            )
        else:
            return self.abstain(
                intent,
                view,
                f"The hub does not say whether {bold(view.label)} has {bold(value.label)} "
                f"as {noun}: it gives no {noun} for it.",
            )
        return Answer(
            intent.question,
            markdown,
            (EntityRef(view.iri, view.label, subject.type),),
            tuple(
                Fact(view.label, noun, v.text, _first(v.citations) or _first(refs)) for v in have
            ),
            self._citations([view], refs),
            extra={"subjects": [view.iri]},
        )

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
        markdown = (
            f"Comparison of {join_words([bold(v.label) for v in views])}:{cite(refs)}\n\n"
            + table(header, rows_)
        )
        facts = tuple(
            Fact(header[i + 1], row[0], row[i + 1], _first(views[i].citations()))
            for row in rows_
            for i in range(len(views))
            if row[i + 1] not in ("—", "")
        )
        entities = tuple(
            EntityRef(v.iri, v.label, self.lexicon.entities[v.iri].type) for v in views
        )
        return Answer(
            intent.question,
            markdown,
            entities,
            facts,
            self._citations(views, refs),
            extra={"subjects": [v.iri for v in views]},
        )

    def _compare_rows(self, views: list[EntityView]) -> tuple[list[str], list[list[str]]]:
        cells = [dict(self.cells(v.iri)) for v in views]
        columns: list[str] = []
        for v in views:
            for col, _ in self.cells(v.iri)[1:]:
                if col not in columns:
                    columns.append(col)
        header = ["", *[v.label for v in views]]
        return header, [[col, *[c.get(col, "—") for c in cells]] for col in columns]

    def _compare_entities(
        self, views: list[EntityView], intent: Intent
    ) -> tuple[list[str], list[list[str]]]:
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
                    values.append(
                        join_words([self.reader.view(x.iri).label for x in vals if x.iri]) or "—"
                    )
                elif prop == "vlm:contextWindow":
                    values.append(
                        join_words([tokens_text(int(x.number)) for x in vals if x.number]) or "—"
                    )
                else:
                    values.append(join_words([x.text for x in vals]) or "—")
            if any(x != "—" for x in values) or name.replace(" ", "_") in asked:
                rows.append([name, *values])
        rows.append(["description", *[short_description(v.description) or "—" for v in views]])
        return header, rows
