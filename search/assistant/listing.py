"""Which/how many/the largest: answer sets from parameterised SPARQL."""

from __future__ import annotations

import re
from dataclasses import replace

from rdflib import URIRef

from search.assistant import queries
from search.assistant._absent_parts import absent_part_asked, unstated_asked
from search.assistant._base import BaseAnswerer
from search.assistant._dates import date_rank
from search.assistant._months import months_asked
from search.assistant._rules import (
    _OP_WORDS,
    Context,
    _brief,
    _class_noun,
    _class_words,
    _content_words,
    _entries,
    _first,
    _first_attribute,
    _fits,
    _is_row_class,
    _number_path,
    _number_text,
    _paths_for,
    _quantity_words,
    _relation_noun,
    _relation_words,
    _sections_for,
    _value_words,
    _year_words,
    listed_label,
    unknown_names,
)
from search.assistant._table_rows import rows_in_scope
from search.assistant._text import key, tokens, words
from search.assistant._titles import title_asked, with_title
from search.assistant._undisclosed import undisclosed_asked
from search.assistant._vocabulary import stopwords, vocabulary
from search.assistant.answer import Answer, Citation, EntityRef, Fact
from search.assistant.compose import (
    bold,
    cite,
    escape,
    join_words,
    model_summary,
)
from search.assistant.conditions import (
    absent_words,
    affirmed,
    condition_data,
    is_generic,
    is_topical,
    match_condition,
    names_unnegated,
    parenthetical_tokens,
    repeated_cue,
    sole_number,
    stem,
    text_condition,
    text_stems,
)
from search.assistant.extract import sentences
from search.assistant.graph import EntityView
from search.assistant.lexicon import LexEntity, Mention, split_value_iri
from search.assistant.querying import ListQuery
from search.assistant.understand import (
    TOPIC_TYPES,
    Attribute,
    Intent,
    class_nouns,
    phrase_positions,
)
from vlmkg.errors import UsageError


class ListAnswers(BaseAnswerer):
    """Which/how many/the largest: answer sets from parameterised SPARQL."""

    def listing(self, intent: Intent, context: Context) -> Answer:
        intent = rows_in_scope(intent, self.reader)  # "architectures in the timeline": rows
        intent = title_asked(intent)  # "papers with hallucination in the title"
        topics = [e for m in intent.mentions for e in m.entities if e.is_a(*TOPIC_TYPES)]
        if topics and intent.target_class in TOPIC_TYPES:
            # "how many applications does the hub list for Healthcare": the topic's passages
            return self.open(intent, context)
        if self._asks_values_of_subject(intent):
            # "which datasets was Molmo trained on?": the subject's own values, not a class
            kind = "count" if intent.kind == "count" else "lookup"
            extra = {**intent.extra, "lists_values": True}  # the values are the answer set
            return self.lookup(replace(intent, kind=kind, extra=extra), context)
        intent = self._with_headings_named(_without_named_numbers(_as_words(intent)))
        months = months_asked(intent.question)
        headings = {key(m.text) for m in intent.mentions if m.of_type("Section")}
        if len(months) == 1 and key(f"{months[0][1]} {months[0][0][:4]}") not in headings:
            # "released in June 2024": the month is a date condition (a "June 2024" heading
            # the question names is its scope instead)
            consumed = (*intent.extra.get("consumed_names", ()), *months[0][1].lower().split())
            extra = {**intent.extra, "consumed_names": consumed, "month": months[0]}
            intent = replace(intent, extra=extra)
        absent = absent_part_asked(intent)
        if absent:  # "models with no vision encoder": cells that say there is none
            consumed = (*intent.extra.get("consumed_names", ()), absent[2])
            extra = {**intent.extra, "consumed_names": consumed, "absent": absent[:2]}
            intent = replace(intent, extra=extra)
        unstated = unstated_asked(intent)
        if unstated:  # "2024 models that don't state a parameter count": no value at all
            consumed = (*intent.extra.get("consumed_names", ()), unstated)
            extra = {**intent.extra, "consumed_names": consumed, "unstated": unstated}
            intent = replace(intent, extra=extra)
        hidden = None if unstated else undisclosed_asked(intent)
        if hidden:  # "models with an undisclosed parameter count": cells saying so
            consumed = (*intent.extra.get("consumed_names", ()), hidden[1])
            extra = {**intent.extra, "consumed_names": consumed, "undisclosed": hidden[0]}
            intent = replace(intent, extra=extra)
        repeated = repeated_cue(intent.question)
        if repeated:
            consumed = (*intent.extra.get("consumed_names", ()), repeated)
            intent = replace(intent, extra={**intent.extra, "consumed_names": consumed})
        unknown = [
            n
            for n in unknown_names(intent)
            if not self._in_a_cell(n) and not _is_unit(n, intent.question)
        ]
        if intent.target_class == "Paper":
            unknown = []  # a title's words: "Mamba" is matched in the titles as a word
        named_too: list[str] = []
        if unknown and intent.mentions:
            if not _alternatives_listed(intent.question):
                # "trained on NVIDIA A100 GPUs": a name the graph lacks decides the answer
                found = self._named_in_text(intent, unknown)
                return found if found is not None else self.abstain_unknown(intent, unknown)
            # "(a ConvNeXt encoder, CLIP-ConvNeXt, or ...)": more names for the same thing
            named_too = self._naming(intent.target_class, unknown, every=False)
            intent = replace(intent, extra={**intent.extra, "consumed_names": tuple(unknown)})
        query, anchors = self._list_query(intent, context)
        if query is not None:
            with_title(query, intent)
        if query is None:
            if unknown:
                # a name the graph does not hold may still be in the entries' own words
                found = self._named_in_text(intent, unknown)
                return found if found is not None else self.abstain_unknown(intent, unknown)
            if intent.target_class and not intent.mentions:
                found = self.by_description(intent, intent.target_class)
                if found is not None:
                    return found
            return self.open(intent, context)
        rows = self.reader.select(query.sparql(), query.bindings)
        if not rows and anchors.get("literals") and intent.target_class:
            # "datasets with Chinese image-text pairs": no entry states the value as a fact,
            # but an entry's own words may say it
            return self._literal_in_text(intent, context, anchors["literals"])
        if (
            not rows
            and anchors.get("section_only")
            and self._heading_is_class(anchors, intent)
            and not self._names_a_table(anchors)  # "the encoders table": its rows
        ):
            # "the Research Directions section covers how many directions": the heading
            # names the class itself, whose members are not listed under it
            query = ListQuery()
            query.of_class(intent.target_class or "Model")
            query.described.append("in the hub")
            rows = self.reader.select(query.sparql(), query.bindings)
        if not rows and anchors.get("section_only") and intent.target_class:
            query, _ = self._list_query(intent, context, use_class=False)
            assert query is not None
            rows = self.reader.select(query.sparql(), query.bindings)
        iris = list(dict.fromkeys(str(r["x"]) for r in rows))
        iris = [i for i in iris if not self._denied(i, anchors)]
        if intent.target_class is None:
            iris = self._without_own_papers(iris)
        iris += [i for i in self._mentioning(anchors, intent.target_class) if i not in iris]
        if named_too and not anchors.get("constrained"):
            iris = list(named_too)  # the names are the question's only condition
        iris += [i for i in named_too if i not in iris]
        iris = self._without_excluded(intent, iris)
        if intent.target_class and _is_row_class(intent.target_class):
            meeting = self.cell_condition(intent, iris)  # "effectiveness above 60%"
            if meeting is not None:
                iris = meeting[0]
                query.described.append(meeting[1])
        views = [self.reader.view(i) for i in iris]
        if repeated:
            views = self._repeated(views, anchors)
            query.described.append("listed more than once")
        views, unmatched = self._text_filtered(intent, views, query, anchors)
        if unmatched is not None:
            return unmatched
        return self._list_answer(intent, views, query, anchors)

    def _without_own_papers(self, iris: list[str]) -> list[str]:
        """`iris` without the papers that are another member's own paper: "which entries
        are from 2021?" lists CLIP once, not CLIP and its arXiv paper."""
        papers = {v.iri for i in iris for v in self.reader.view(i).values("vlm:paper") if v.iri}
        return [i for i in iris if i not in papers]

    def _repeated(self, views: list[EntityView], anchors: dict) -> list[EntityView]:
        """The entities listed on more than one line (under the question's headings, when
        it names some): the same paper twice is one entity with two spans."""
        sections = {
            self.lexicon.entities[i].label
            for i in anchors.get("iris", [])
            if i in self.lexicon.entities
        }
        out = []
        for view in views:
            lines = {c for c, s in view.spans if not sections or s in sections}
            if len(lines) > 1:
                out.append(view)
        return out

    def _literal_in_text(self, intent: Intent, context: Context, literals: list) -> Answer:
        """The members of the asked class whose own text names a value that no entry
        states as a fact ("Chinese" in "100M Chinese image-text pairs")."""
        names = list(dict.fromkeys(v.label for v in literals))
        query, anchors = self._list_query(intent, context, literals=False)
        if query is None:
            query = ListQuery()
            query.of_class(intent.target_class or "Model")
            anchors = {"iris": [], "properties": []}
        rows = self.reader.select(query.sparql(), query.bindings)
        patterns = [_name_pattern(n) for n in names]
        # names given as alternatives ("a Perceiver Resampler (or Perceiver-style
        # pooling)"): one of them will do; the text condition's groups say which together
        needed = any if _alternatives_listed(intent.question) else all
        views = [
            v
            for v in (self.reader.view(i) for i in dict.fromkeys(str(r["x"]) for r in rows))
            if needed(p.search(self._condition_text(v.iri, self.own_text(v))) for p in patterns)
        ]
        if query.described == ["in the hub"]:
            query.described.clear()
        query.described.append(f"whose entry mentions {join_words(names)}")
        views, _ = self._text_filtered(
            intent, views, query, {**anchors, "constrained": True, "literal": True}
        )
        return self._list_answer(intent, views, query, anchors)

    def _list_answer(
        self, intent: Intent, views: list[EntityView], query: ListQuery, anchors: dict
    ) -> Answer:
        """The answer set as markdown: how many, under which conditions, one line each."""
        iris = [v.iri for v in views]
        noun = _class_noun(intent.target_class, len(views))
        from search.assistant.compose import join_conditions  # "dated June 2024", not twice

        condition = join_conditions(query.described)
        if not views:
            quoted = self._quoted_from_anchor(intent, anchors)
            if quoted is not None:
                return quoted
            markdown = f"The hub lists no {_class_noun(intent.target_class, 2)} {condition}."
            return Answer(
                intent.question,
                markdown,
                (),
                (),
                self._anchor_citations(anchors),
                sparql=query.display(),
                grounded=True,
                extra={"subjects": [], "entities": []},
            )
        lines = []
        refs_all: list[str] = []
        facts: list[Fact] = []
        for view in views:
            refs = self._evidence_refs(view, anchors) or list(view.citations())
            refs_all += refs
            detail = model_summary(view) if "Model" in view.types else _brief(view)
            lines.append(
                f"- {bold(listed_label(view))}"
                + (f" — {escape(detail)}" if detail else "")
                + cite(refs)
            )
            facts += self._list_facts(view, anchors, refs)
        count = len(views)
        entries = _entries(views, anchors, self.lexicon)
        in_entries = (
            f" (in {entries} hub {'entry' if entries == 1 else 'entries'})"
            if entries != count
            else ""
        )
        if intent.kind == "count":
            headings = {
                self.lexicon.entities[i].label
                for i in anchors.get("iris", [])
                if i in self.lexicon.entities
            }
            repeats = _repeats(views, headings)
            head = f"The hub lists **{count}** {noun}{repeats or in_entries} {condition}:"
        else:
            head = f"The hub lists {count} {noun}{in_entries} {condition}:"
        markdown = head + "\n\n" + "\n".join(lines)
        entities = tuple(
            EntityRef(
                v.iri,
                listed_label(v),
                self.lexicon.entities[v.iri].type
                if v.iri in self.lexicon.entities
                else (v.types[0] if v.types else "Thing"),
            )
            for v in views
        )
        return Answer(
            intent.question,
            markdown,
            entities,
            tuple(facts),
            self._citations(views, refs_all),
            sparql=query.display(),
            extra={"subjects": [], "entities": iris},
        )

    def _quoted_from_anchor(self, intent: Intent, anchors: dict) -> Answer | None:
        """When the one entity a question is about has no linked value for the asked
        attribute ("how many models does InternVL3 comprise" with no member entries), the
        sentences of its own text that answer it (its entry may say "comprises seven
        models"); None when the entity is not the attribute's subject or no sentence fits."""
        attr = _first_attribute(intent)
        iris = list(dict.fromkeys(anchors.get("iris", [])))
        if attr is None or len(iris) != 1 or iris[0] not in self.lexicon.entities:
            return None
        if not self.lexicon.entities[iris[0]].is_a(*attr.domain):
            return None  # "models trained on LAION-5B": the dataset is the relation's object
        return self.extractive(intent, self.reader.view(iris[0]), None)

    def _asks_values_of_subject(self, intent: Intent) -> bool:
        """The class asked for is what a relation of the one named entity points to (the
        datasets of "trained on", the models of "outperforms"), and the entity is its
        subject: a lookup of that relation, in the direction subject -> values."""
        attr = _first_attribute(intent)
        if attr is None or not attr.objects or intent.target_class not in attr.objects:
            return False
        if not intent.mentions or intent.numbers or intent.years:
            return False
        for mention in intent.mentions:
            if any(e.is_a(*attr.objects) for e in mention.entities):
                return False  # "which models were trained on LAION-5B": the other direction
            if not any(e.is_a(*attr.domain) for e in mention.entities):
                return False
        return True

    def _list_query(
        self, intent: Intent, context: Context, use_class: bool = True, literals: bool = True
    ) -> tuple[ListQuery | None, dict]:
        query = ListQuery()
        anchors: dict = {"iris": [], "properties": []}
        target = intent.target_class
        attr = _first_attribute(intent)
        constrained = False
        values_by_property: dict[tuple[str, ...], list[LexEntity]] = {}
        sections: list[LexEntity] = []
        row_values: list[str] = []
        unused = 0
        literal_values: list[LexEntity] = []
        negated = _negated(intent)
        not_by_property: dict[tuple[str, ...], list[LexEntity]] = {}
        for mention in intent.mentions:
            ents = list(mention.entities)
            builds_on = attr and (
                attr.name == "based_on"
                or (
                    attr.name == "language_backbone"
                    and target == "Model"
                    and any(e.is_a("Model") for e in ents)
                    and not any(e.is_a("LanguageModel", "VisionEncoder") for e in ents)
                )
            )  # "models built on top of Qwen2-VL": a model built on a model (or its row)
            if builds_on:
                models = [e for e in ents if e.is_a("Model", "LanguageModel")]
                if models:
                    # "built on top of a Vicuna LLM": a language model is also a backbone
                    bases: tuple[str, ...] = (
                        ("vlm:basedOn", "vlm:languageBackbone")
                        if models[0].is_a("LanguageModel")
                        else ("vlm:basedOn",)
                    )
                    values_by_property.setdefault(bases, []).append(models[0])
                    continue
            if attr and attr.inverse:
                subjects = [e for e in ents if e.is_a(*attr.domain)]
                if subjects:  # "which models are in the X series": X's members
                    values_by_property.setdefault((attr.inverse,), []).append(subjects[0])
                    continue
            if attr and attr.edges:
                objects = [e for e in ents if e.is_a(*attr.objects)]
                if objects:  # "which models were trained on LAION-5B": a typed mention edge
                    values_by_property.setdefault(attr.edges, []).append(objects[0])
                    continue
            values = [e for e in ents if e.is_a("Value")]
            if values:
                if literals:
                    literal_values.append(values[0])
                continue
            typed = [e for e in ents if target and e.is_a(target)]
            if typed and len(typed) == len(ents) and target not in ("Section",):
                unused += 1
                continue  # the mention names a member of the answer class itself
            valued = [
                e
                for e in ents
                if e.is_a(
                    "VisionEncoder",
                    "LanguageModel",
                    "AudioEncoder",
                    "PretrainedComponent",
                    "Architecture",
                )
            ]
            if attr and attr.value == "entity":
                fitting = [e for e in valued if _fits(attr, e)]
                valued = fitting or valued
            if valued:
                entity = valued[0]
                paths = _either_paths(intent, entity) or _paths_for(entity, attr)
                chosen = not_by_property if mention in negated else values_by_property
                chosen.setdefault(tuple(paths), []).append(entity)
                continue
            secs = [e for e in ents if e.is_a("Section")] or [
                e for e in ents if e.is_a("Category", "Table")
            ]
            if secs:
                sections.append(secs[0])
                continue
            unused += 1
        anchors["relations"] = [(k, list(v)) for k, v in values_by_property.items()]
        for path_key, ents in values_by_property.items():
            iris = list(dict.fromkeys(e.iri for e in ents))
            labels = join_words([e.label for e in dict.fromkeys(ents)], "or")
            query.related(list(path_key), iris, _relation_words(path_key, labels))
            anchors["iris"] += iris
            anchors["properties"] += list(path_key)
            constrained = True
        anchors["literals"] = literal_values
        for path_key, ents in not_by_property.items():
            iris = list(dict.fromkeys(e.iri for e in ents))
            labels = join_words([e.label for e in dict.fromkeys(ents)], "or")
            query.not_related(list(path_key), iris, "not " + _relation_words(path_key, labels))
            constrained = True
        for value in literal_values:
            curie, literal = split_value_iri(value.iri)
            query.literal(curie, literal, _value_words(curie, literal))
            constrained = True
        for scope in intent.extra.get("scopes", ()):
            if scope.iri not in {s.iri for s in sections} and not re.fullmatch(
                r"\d{4}", scope.label.strip()
            ):
                sections.append(scope)
        seen_headings: set[str] = set()
        named_scopes = {s.iri for s in intent.extra.get("scopes", ())}
        candidates = _sections_for(sections, intent, self.reader)
        scoping = bool(re.search(_SCOPE_WORDS, words(intent.question)))
        in_scopes = self._resolved_scopes(candidates, named_scopes, target, scoping)
        # a heading that holds none of the asked class beside one that does is a word of
        # the condition ("benchmarks under Space and the egocentric world involve video",
        # where "Video" heads a list of papers)
        anchors["demoted"] = [s.iri for s in candidates if s not in in_scopes]
        for section in in_scopes:
            if words(section.label) in seen_headings:
                continue  # the same heading named twice (a mention and a scope)
            seen_headings.add(words(section.label))
            siblings = [
                s
                for s in in_scopes
                if s is not section and s.is_a("Section") and _either(s, in_scopes)
            ]
            if section.is_a("Section") and siblings:
                # "the Bias or Instruction Tuning sections": headings side by side, either
                group = [section, *siblings]
                seen_headings.update(words(s.label) for s in siblings)
                names = join_words([f"“{s.label}”" for s in group], "or")
                query.in_any_section([s.iri for s in group], f"listed under {names}")
                anchors["iris"] += [s.iri for s in siblings]
            elif section.is_a("Section"):
                query.in_section(section.iri, f"listed under “{section.label}”")
            elif section.is_a("Table"):
                query.related(["vlm:table"], [section.iri], f"in the table “{section.label}”")
            else:
                query.related(
                    ["vlm:category", "vlm:group"],
                    [section.iri],
                    f"in the category “{section.label}”",
                )
            anchors["iris"].append(section.iri)
            constrained = True
            anchors["section_only"] = not values_by_property
        scoped_years = {
            y
            for scope in [*intent.extra.get("scopes", ()), *sections]
            if not re.fullmatch(r"\d{4}", scope.label.strip())
            for y in re.findall(r"\d{4}", scope.label)
        }
        years = [(op, y) for op, y in intent.years if not (op == "=" and str(y) in scoped_years)]
        if self._years_either(query, intent, years, target):
            years = [(op, y) for op, y in years if op != "="]
            constrained = True
        for op, year in years:
            heading = self._year_heading(intent, year, target) if op == "=" else None
            if heading is not None:
                query.in_section(heading.iri, f"listed under “{heading.label}”")
                anchors["iris"].append(heading.iri)
            else:
                if target and _is_row_class(target):
                    # a table's rows give the year in a Date/Year cell ("2025-03-18")
                    query.row_year(op, year, _year_words(op, year))
                else:
                    query.compare("vlm:releaseYear", op, year, _year_words(op, year))
            constrained = True
        if intent.extra.get("month"):
            iso, month = intent.extra["month"]
            query.date_prefix(
                iso,
                f"dated {month.capitalize()}, {iso[:4]}"
                if len(iso) > 7
                else f"dated {month.capitalize()} {iso[:4]}",
            )
            constrained = True
        for number in intent.numbers:
            path, words_ = _number_path(number, attr, target)
            if path and "parameterCount" in path and sole_number(intent.question, number):
                # "a single 7B size", "only in 7B": that count and no other variant
                size = _quantity_words("vlm:parameterCount", number.value)
                query.sole("vlm:parameterCount", number.value, f"with {size} as their only size")
                constrained = True
            elif path:
                bound: float | int = (
                    int(number.value) if number.value.is_integer() else number.value
                )
                query.compare(
                    path,
                    number.op,
                    bound,
                    f"with {words_} {_OP_WORDS[number.op]}{_quantity_words(path, number.value)}",
                )
                constrained = True
        if intent.extra.get("absent") and attr:
            curie, pattern = intent.extra["absent"]
            query.matching(curie, pattern, f"with no {attr.noun} (the list writes N/A or none)")
            constrained = True
        if intent.extra.get("unstated") and attr and not attr.inverse:
            # no value in any form: "4.5B x 74" is a count as written, if not a total
            query.lacks(" | ".join((attr.property, *attr.written)), f"with no {attr.noun} stated")
            constrained = True
        if intent.extra.get("undisclosed") and attr:
            said = f"whose {attr.noun} the list gives as undisclosed"
            query.literal("vlm:undisclosed", intent.extra["undisclosed"], said)
            constrained = True
        # a cell value of the table the question names is a condition on its rows
        # ("corpora marked multilingual" in the Training corpora table), whatever the class
        names_table = any(m.of_type("Table") for m in intent.mentions)
        if target and (_is_row_class(target) or names_table):
            found = self._row_value(intent, target if _is_row_class(target) else "TableRow")
            graph_values = {words(e.label) for es in values_by_property.values() for e in es}
            if found and not _is_row_class(target) and words(found[0]) in graph_values:
                found = None  # "models using CLIP ViT-L/14" per the encoders table: a row key
            if found:
                value_text, column = found
                row_values.append(value_text)
                query.cell_value(value_text, column, f"with {column or 'a value'} “{value_text}”")
                constrained = True
        if intent.refers_back and context.entities and len(context.entities) > 1:
            query.among(context.entities, "among the previous answer")
            constrained = True
        has_value = bool(values_by_property or not_by_property or literal_values or row_values)
        if not has_value and _asks_for_any_value(intent, attr, unused):
            # "which tools give a speedup?": the attribute is the condition, any value; where
            # no entry states it as a fact, its words are ("corpora marked multilingual")
            assert attr is not None and target is not None
            written = attr.value == "text" and self._phrase_written(intent, attr)
            if not written and self._stated(target, attr.property):
                query.has(attr.property, f"with a {attr.noun}")
                anchors["properties"].append(attr.property)
                constrained = True
            else:
                anchors["attribute_words"] = True
        if target and use_class:
            # the members of an entry are named in it, not listed themselves
            members = any(k == (attr.inverse,) for k in values_by_property) if attr else False
            query.of_class(target, listed=not members)
        anchors["constrained"] = constrained
        anywhere = False
        if (
            not target
            and not constrained
            and use_class
            and not intent.mentions
            and intent.extra.get("any_entries")
        ):
            # "which write-ups mention gated cross-attention": listed entries of any class,
            # their words the condition (a name is the mentions' business)
            condition = text_condition(intent)
            anywhere = condition is not None and not is_generic(condition)
            if anywhere:
                query.of_listed_classes()
        if not constrained and not anywhere and (not target or unused):
            return None, anchors
        if not constrained and (target or anywhere) and target != "Paper" and unknown_names(intent):
            return None, anchors
        if not query.described:
            query.described.append("in the hub")
        return query, anchors

    def _years_either(
        self, query: ListQuery, intent: Intent, years: list[tuple[str, int]], target: str | None
    ) -> bool:
        """Two or more single years are either of them ("2023 or 2024 models", "the 2023
        and 2024 sections": an entry has one year): one condition on the query; False when
        there are fewer than two."""
        asked = sorted({y for op, y in years if op == "="})
        if len(asked) < 2:
            return False
        said = join_words([str(y) for y in asked], "or")
        headings = [self._year_heading(intent, y, target) for y in asked]
        if all(headings):
            labels = join_words([f"“{h.label}”" for h in headings if h], "or")
            query.in_any_section([h.iri for h in headings if h], f"listed under {labels}")
        elif target and _is_row_class(target):
            return False  # a row's year is in a cell: each year its own condition
        else:
            query.compare_any("vlm:releaseYear", asked, f"dated {said}")
        return True

    def _phrase_written(self, intent: Intent, attr: Attribute) -> bool:
        """True when the words by which the question names the attribute are written in
        some entry of the asked class: a value ("multilingual"), not only the attribute."""
        asked = words(intent.question)
        used = [p for p in attr.phrases if phrase_positions(asked, p)]
        texts = self._descriptions(intent.target_class or "Model").values()
        return any(phrase_positions(words(t), p) for p in used for t in texts)

    def _with_headings_named(self, intent: Intent) -> Intent:
        """`intent` with the headings it names in full as mentions ("in the Small,
        efficient and OCR-focused section"), a heading at any depth of the hub; none that
        a mention already covers, and no one-word heading (the linker finds those)."""
        low = [words(t) for t in tokens(intent.question)]
        flat = [(w, i) for i, t in enumerate(low) for w in re.findall(r"[a-z0-9]+", t)]
        kept = list(intent.mentions)
        found: list[Mention] = []
        for heading, parts in self._heading_words():
            n = len(parts)
            for start in range(len(flat) - n + 1):
                if [w for w, _ in flat[start : start + n]] != parts:
                    continue
                first, last = flat[start][1], flat[start + n - 1][1] + 1
                # a shorter name inside a heading of three words or more is part of it
                # ("Reasoning" in "Reasoning, agents and long context")
                inside = [m for m in kept if first <= m.start and m.end <= last and n >= 3]
                others = [m for m in kept if m not in inside] + found
                if any(m.start < last and first < m.end for m in others):
                    continue
                kept = [m for m in kept if m not in inside]
                found.append(Mention(heading.label, first, last, (heading,)))
        found += self._headings_before_cue(intent, kept + found, low)
        if not found:
            return intent
        mentions = tuple(sorted((*kept, *found), key=lambda m: m.start))
        return replace(intent, mentions=mentions)

    def _headings_before_cue(
        self, intent: Intent, mentions: list[Mention], low: list[str]
    ) -> list[Mention]:
        """A heading named by the words right before "table"/"section"/"heading" with no
        preposition before them ("how many rows does the ethics table have?": "Ethical
        Challenges"); none the question's scopes or mentions hold already."""
        covered = {i for m in mentions for i in range(m.start, m.end)}
        known = {s.iri for s in intent.extra.get("scopes", ())}
        known |= {e.iri for m in mentions for e in m.entities}
        stop = _function_words() | {"does", "do", "did", "has", "have", "is", "are", "many"}
        out = []
        for j, cue in enumerate(low):
            if cue not in ("table", "section", "heading", "subsection", "rows") or j in covered:
                continue
            start = j
            while start > 0 and j - start < 4 and start - 1 not in covered:
                if low[start - 1] in stop or not re.fullmatch(r"[a-z0-9&]+", low[start - 1]):
                    break
                start -= 1
            asked = low[start:j]
            if not asked or all(w in class_nouns() for w in asked):
                continue  # "the datasets section": the class's own heading, read elsewhere
            hits = self.lexicon.headings_like(asked)
            kind = "Table" if cue == "table" else "Section"
            hits = [h for h in hits if h.is_a(kind)] or hits
            labels = {words(e.label) for e in intent.extra.get("scopes", ())}
            if hits and hits[0].iri not in known and words(hits[0].label) not in labels:
                out.append(Mention(" ".join(asked), start, j + 1, (hits[0],)))
                covered |= set(range(start, j + 1))
        return out

    def _heading_words(self) -> list[tuple[LexEntity, list[str]]]:
        """Headings and tables of two words or more with their words, longest first."""
        if not hasattr(self, "_headings_cache"):
            out = []
            for entity in self.lexicon.entities.values():
                if not entity.is_a("Section", "Table"):
                    continue
                parts = re.findall(r"[a-z0-9]+", words(entity.label))
                if len(parts) >= 2:
                    out.append((entity, parts))
            self._headings_cache = sorted(out, key=lambda pair: -len(pair[1]))
        return self._headings_cache

    def _resolved_scopes(
        self, scopes: list[LexEntity], by_words: set[str], target: str | None, scoping: bool
    ) -> list[LexEntity]:
        """The headings that scope an answer, nested ones resolved: of a heading and one
        inside it the inner one ("the Bias subsection of the datasets section"); a heading
        found by the question's words (`by_words`) that shares no entry with a heading the
        question names is dropped (it read "datasets section" as "Additional Datasets"),
        and so is one with no entry of the asked class beside one with some."""
        if len(scopes) < 2 and not (scopes and target in _LISTED_TYPES):
            return scopes
        members = {s.iri: self._scope_members(s) for s in scopes}
        if target in _LISTED_TYPES:
            of_class = set(self._members(target))
            holding = [s for s in scopes if members[s.iri] & of_class]
            if holding or not scoping:
                # "which benchmarks evaluate video understanding?" with a "Video" heading
                # of papers: a word of the condition, unless the question says "under"
                scopes = holding
            if len(scopes) < 2:
                return scopes
        kept = [
            s
            for s in scopes
            if not any(
                o.iri != s.iri and members[o.iri] and members[o.iri] < members[s.iri]
                for o in scopes
            )
        ]
        named = [s for s in kept if s.iri not in by_words]
        return [
            s
            for s in kept
            if s.iri not in by_words
            or not named
            or any(members[s.iri] & members[o.iri] for o in named)
        ]

    def _scope_members(self, scope: LexEntity) -> frozenset[str]:
        """The entities listed under a heading, in a table or in a category."""
        query = ListQuery()
        if scope.is_a("Section"):
            query.in_section(scope.iri, "")
        elif scope.is_a("Table"):
            query.related(["vlm:table"], [scope.iri], "")
        else:
            query.related(["vlm:category", "vlm:group"], [scope.iri], "")
        return frozenset(str(r["x"]) for r in self.reader.select(query.sparql(), query.bindings))

    def _stated(self, target: str, curie: str) -> bool:
        """True when some listed member of `target` has a value for the property."""
        query = ListQuery()
        query.of_class(target)
        query.has(curie, "")
        return bool(self.reader.select(query.sparql() + " LIMIT 1", query.bindings))

    def _text_filtered(
        self, intent: Intent, views: list[EntityView], query: ListQuery, anchors: dict
    ) -> tuple[list[EntityView], Answer | None]:
        """The candidates whose own text meets the question's unconsumed words; (the
        candidates, None) when there are none, (..., an abstention) when nothing meets them
        and the query had no other condition."""
        if anchors.get("attribute_words"):
            intent = _attribute_as_words(intent)  # no fact states it: its words are found
        if anchors.get("demoted"):
            demoted = set(anchors["demoted"])
            undemoted = tuple(
                m for m in intent.mentions if not any(e.iri in demoted for e in m.entities)
            )
            intent = replace(intent, mentions=undemoted)
        if anchors.get("constrained") and not anchors.get("literal"):
            # "a SAM model (SAM-B, SAM-2, or a SAM-derived pathway)": with a graph condition,
            # a parenthetical elaborates it and its words are no further condition
            aside = parenthetical_tokens(intent.question)
            if aside:
                excluded = set(intent.extra.get("excluded_tokens", ())) | aside
                intent = replace(
                    intent, extra={**intent.extra, "excluded_tokens": tuple(sorted(excluded))}
                )
        condition = text_condition(intent)
        if condition is None or not views:
            return views, None
        if anchors.get("constrained") and is_generic(condition):
            return views, None  # "long-context understanding": the attribute says it all
        texts = {v.iri: self._condition_text(v.iri, self.own_text(v)) for v in views}
        population = list(texts.values())
        if intent.target_class:
            described = self._descriptions(intent.target_class)
            population = [self._condition_text(i, d) for i, d in described.items()] or population
        # With graph conditions already, only a rare word may narrow the answer further;
        # without any, the words are the question's whole condition.
        constrained = bool(anchors.get("constrained"))
        known = self._hub_stems()
        share = 0.25 if constrained else 0.5
        if anchors.get("attribute_words"):
            share = 1.0  # the attribute's words are the condition, however common
        kept = match_condition(condition, texts, population, share, known)
        topical = is_topical(intent) or bool(intent.extra.get("literal_tokens"))
        if constrained and topical and kept is None:
            # "... under Space and the egocentric world involve video": after a topic cue
            # the words are the question's own condition, common in the class or not
            kept = match_condition(condition, texts, population, 0.5, known)
        if kept is None or (constrained and not kept and not topical):
            return views, None  # no word of the condition tells candidates apart
        if not kept:
            close = set(self._similar(intent.question, intent.target_class or "Model"))
            kept = [v.iri for v in views if v.iri in close]
        if kept:
            acronyms = _acronyms(intent)
            views = [
                v for v in views if v.iri in kept and all(a.search(texts[v.iri]) for a in acronyms)
            ]
            if query.described == ["in the hub"]:
                query.described.clear()
            absent = absent_words(condition, population + list(texts.values()), known)
            said = " ".join(w for w in condition.words if w not in absent)
            query.described.append(f"whose entry mentions “{said or condition.phrase()}”")
            if absent and said:
                # a word no entry has is not silently dropped: the answer says so
                query.described.append(f"(no entry mentions “{' '.join(absent)}”)")
            return views, None
        noun = _class_noun(intent.target_class, 2)
        return views, Answer(
            intent.question,
            f"The hub lists no {noun} whose entry mentions “{escape(condition.phrase())}”.",
            grounded=False,
            sparql=query.display(),
        )

    def _hub_stems(self) -> frozenset[str]:
        """Every stem the hub uses: entity labels, descriptions and passages."""
        if not hasattr(self, "_stems_of_hub"):
            texts = [e.label for e in self.lexicon.entities.values()]
            texts += [d for cls in _LISTED_TYPES for d in self._descriptions(cls).values()]
            texts += [p.text for p in self.passages.all()]
            self._stems_of_hub = frozenset().union(*(text_stems(t) for t in texts))
        return self._stems_of_hub

    def _similar(self, question: str, target: str) -> list[str]:
        """Entities of `target` close to the question in embedding space ([] for a class
        the search index does not hold, such as papers)."""
        try:
            return self.passages.similar(question, target, 10)
        except UsageError:
            return []

    def _without_excluded(self, intent: Intent, iris: list[str]) -> list[str]:
        """The answer set without what the question excludes: named entities, and the
        entries of an excluded heading ("not counting the Recent papers list")."""
        scopes = {words(e.label) for e in intent.extra.get("scopes", ())}
        # "besides Flamingo, which models are in the 2022 & Prior section": the heading
        # is the scope, not excluded with the name before it
        shunned = [e for e in intent.extra.get("excluded", ()) if words(e.label) not in scopes]
        excluded = {e.iri for e in shunned}
        for entity in shunned:
            if entity.is_a("Section"):
                rows = self.reader.select(queries.SECTION_MEMBERS, {"sec": URIRef(entity.iri)})
                excluded |= {str(r["x"]) for r in rows}
        return [i for i in iris if i not in excluded]

    def _names_a_table(self, anchors: dict) -> bool:
        scopes = [self.lexicon.entities.get(i) for i in anchors.get("iris", [])]
        return any(e is not None and e.is_a("Table") for e in scopes)

    def _heading_is_class(self, anchors: dict, intent: Intent) -> bool:
        nouns = {words(n) for n in vocabulary()["classes"].get(intent.target_class or "", [])}
        labels = [
            words(self.lexicon.entities[i].label)
            for i in anchors.get("iris", [])
            if i in self.lexicon.entities
        ]
        return bool(labels) and all(label in nouns for label in labels)

    def _in_a_cell(self, name: str) -> bool:
        """True when a table cell or column holds `name` ("Moderate", "VRAM"): a table's
        word, not an unknown name."""
        wanted = words(name)
        return any(
            wanted in words(value).split() or wanted in words(column).split()
            for _, column, value in self.row_cells()
        )  # a column's name ("VRAM") is the table's word too

    def _members(self, target: str | None) -> list[str]:
        """IRIs of the listed entities of `target` (models when None), in hub order."""
        name = target or "Model"
        if name not in self._members_cache:
            query = ListQuery()
            query.of_class(name)
            rows = self.reader.select(query.sparql(), query.bindings)
            self._members_cache[name] = list(dict.fromkeys(str(r["x"]) for r in rows))
        return self._members_cache[name]

    def _sentences(self, iri: str) -> list[tuple[str, frozenset[str]]]:
        """An entity's sentences (description and the passages about it) with their stems."""
        if iri not in self._sentence_cache:
            view = self.reader.view(iri)
            texts = [view.description] + [p.text for p in self.passages.of_topics([iri])]
            if "Paper" in view.types:
                texts.append(view.label)  # a paper's title is its only text
            self._sentence_cache[iri] = [
                (s, text_stems(s)) for t in texts if t for s in sentences(t)
            ]
        return self._sentence_cache[iri]

    def _denied(self, iri: str, anchors: dict) -> bool:
        """True when the entry's own sentences name an asked value only with a negation or
        contrast before it ("more efficient than image encoders like SigLIP", "belongs
        beside CLIP, SigLIP"): the fact was read from words that say it is not used."""
        for _, entities in anchors.get("relations", []):
            for entity in entities:
                patterns = [_name_pattern(n) for n in (entity.label, *entity.aliases)]
                said = [t for t, _ in self._sentences(iri) if any(p.search(t) for p in patterns)]
                if said and not any(names_unnegated(p, t) for t in said for p in patterns):
                    return True
        return False

    def _mentioning(self, anchors: dict, target: str | None) -> list[str]:
        """Members of `target` with a sentence that names a related value and says how
        ("... built on top of Qwen2-VL", "trained with an InternViT encoder"): the edges the
        graph has no statement for, read from the entries' own words."""
        cues: dict[str, list[str]] = vocabulary()["relation_cues"]
        found: list[str] = []
        for paths, entities in anchors.get("relations", []):
            cue = frozenset(stem(w) for p in paths for w in cues.get(p, []))
            names = [_name_pattern(n) for e in entities for n in (e.label, *e.aliases)]
            if not cue or not names:
                continue
            # the value itself, or an entry of another class named alike ("SigLip" the
            # model row beside the SigLIP encoder), is none of its users
            itself = {words(e.label) for e in entities}
            for iri in self._members(target):
                if iri in found or iri in {e.iri for e in entities}:
                    continue
                view = self.reader.view(iri)
                if words(view.label) in itself:
                    continue
                if any(view.values(p) for p in paths):
                    continue  # the entry's parse states the relation: its words decide
                if any(
                    cue & stems and _named_near(text, names, cue)
                    for text, stems in self._sentences(iri)
                ):
                    found.append(iri)
        return found

    def _named_in_text(self, intent: Intent, names: list[str]) -> Answer | None:
        """The members of the asked class whose own sentences name every one of `names`
        (words the graph knows no entity for, "WebLI"); None when no member does."""
        target = intent.target_class if intent.target_class != "TableRow" else None
        kept = self._naming(target, names, every=not _alternatives_listed(intent.question))
        if not kept:
            return None
        query = ListQuery()
        query.of_class(target or "Model")
        query.among(kept, f"whose entry names {join_words(list(dict.fromkeys(names)))}")
        # the names are the condition met: their words are no text condition ("former")
        consumed = (*intent.extra.get("consumed_names", ()), *names)
        scoped = replace(
            intent,
            target_class=target or "Model",
            extra={**intent.extra, "consumed_names": consumed},
        )
        views = [self.reader.view(i) for i in kept]
        views, _ = self._text_filtered(scoped, views, query, {"constrained": True})
        return self._list_answer(scoped, views, query, {"iris": [], "properties": []})

    def _naming(self, target: str | None, names: list[str], every: bool) -> list[str]:
        """Members of `target` whose sentences name every one (or any one) of `names`."""
        patterns = [_name_pattern(n) for n in names]
        test = all if every else any

        def named(iri: str, pattern: re.Pattern[str]) -> bool:
            # its own sentences decide where they name it ("did not use a Q-Former" is no
            # use, whatever a fact read from it says); else its facts' values ("LAION-5B"
            # in a table's Training Data)
            said = [t for t, _ in self._sentences(iri) if pattern.search(t)]
            if said:
                return any(names_unnegated(pattern, t) for t in said)
            return bool(pattern.search(self.own_text(self.reader.view(iri))))

        return [iri for iri in self._members(target) if test(named(iri, p) for p in patterns)]

    def _condition_text(self, iri: str, text: str) -> str:
        """`text` with the passages about the entity: a write-up's prose is its own text
        ("downsampled to 256 via pixel shuffling" in the paragraph after its summary)."""
        passages = self.passages.of_topics([iri])
        return affirmed(" . ".join([text, *(p.text for p in passages)]))

    def own_text(self, view: EntityView) -> str:
        """What an entity says of itself: label, every fact's text, headings, cells."""
        parts = [view.label]
        for curie, values in view.facts.items():
            if curie in ("rdf:type", "prov:wasDerivedFrom"):
                continue
            parts += [v.text for v in values if not v.text.startswith("http")]
        parts += [section for _, section in view.spans]
        # the headings it sits under, at every depth ("Small, efficient and OCR-focused"
        # above the card "#### SmolVLM")
        parts += [h for h in self._heading_path().get(view.iri, ()) if h not in parts]
        if "TableRow" in view.types:
            parts += [f"{c} {v}" for c, v in self.cells(view.iri)]
        return " . ".join(parts)

    def _heading_path(self) -> dict[str, tuple[str, ...]]:
        """IRI -> the labels of every heading its entry is listed under, inner first."""
        if not hasattr(self, "_heading_paths"):
            paths: dict[str, list[str]] = {}
            for row in self.reader.select(queries.HEADING_PATHS):
                found = paths.setdefault(str(row["x"]), [])
                if str(row["label"]) not in found:
                    found.append(str(row["label"]))
            self._heading_paths = {k: tuple(v) for k, v in paths.items()}
        return self._heading_paths

    def _year_heading(self, intent: Intent, year: int, target: str | None) -> LexEntity | None:
        """The "2024" heading a question means by "in the 2024 section" or "listed under 2024"
        (a heading that lists the class asked for); None means: filter by release year."""
        if not re.search(r"\b(section|heading|listed|list|under)\b", words(intent.question)):
            return None
        for heading in intent.extra.get("year_headings", ()):
            if heading.label.strip() == str(year) and (
                target is None or self._section_has(heading.iri, target)
            ):
                return heading
        return None

    def _section_has(self, section_iri: str, target: str) -> bool:
        rows = self.reader.select(
            queries.SECTION_HAS_CLASS,
            {
                "sec": URIRef(section_iri),
                "cls": URIRef("https://w3id.org/vlmkg/ontology#" + target),
            },
        )
        return bool(rows)

    def _row_value(self, intent: Intent, target: str) -> tuple[str, str | None] | None:
        """A cell value of a row of `target` that the question names ("Moderate")."""
        if target not in self._class_cells:
            rows = self.reader.select(
                queries.CLASS_CELLS,
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

    def by_description(self, intent: Intent, target: str) -> Answer | None:
        """ "Which benchmark evaluates cross-view video understanding?": the entities of
        `target` whose description says what the question says (shared words, else
        embedding similarity); None when nothing matches well enough."""
        if not intent.extra.get("described") and _asks_for_several(intent, target):
            # "video benchmarks?", "list every benchmark that measures video understanding":
            # every entry whose text meets the words, not the three closest
            marked = replace(intent, kind="list", extra={**intent.extra, "described": True})
            return self.listing(marked, Context())
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
            chosen = self._similar(intent.question, target)[:3]
        if not chosen:
            return None
        views = [self.reader.view(i) for i in chosen]
        lines = [
            f"- {bold(v.label)}: “{escape(v.description)}”{cite(v.citations())}" for v in views
        ]
        noun = _class_noun(target, len(views))
        head = (
            f"The hub describes this {noun}:"
            if len(views) == 1
            else f"The hub describes these {noun}:"
        )
        refs = [c for v in views for c in v.citations()]
        return Answer(
            intent.question,
            head + "\n\n" + "\n".join(lines),
            tuple(
                EntityRef(v.iri, v.label, self.lexicon.entities[v.iri].type)
                for v in views
                if v.iri in self.lexicon.entities
            ),
            tuple(
                Fact(v.label, "description", v.description, _first(v.citations())) for v in views
            ),
            self._citations(views, refs),
            extra={"subjects": chosen, "entities": chosen},
        )

    def _descriptions(self, target: str) -> dict[str, str]:
        if target not in self._class_descriptions:
            rows = self.reader.select(
                queries.DESCRIPTIONS,
                {"cls": URIRef("https://w3id.org/vlmkg/ontology#" + target)},
            )
            self._class_descriptions[target] = {str(r["x"]): str(r["d"]) for r in rows}
        return self._class_descriptions[target]

    def superlative(self, intent: Intent, context: Context) -> Answer:
        spec = intent.extra["superlative"]
        best_of = max if spec["order"] == "max" else min
        target = intent.target_class or "Model"
        prop = (
            spec.get("dataset_property")
            if target == "Dataset" and spec.get("dataset_property")
            else spec["property"]
        )
        scoped = replace(intent, kind="list", target_class=target)
        query, _anchors = self._list_query(scoped, context)
        if query is None:
            query = ListQuery()
            query.of_class(target)
            query.described.append("in the hub")
        candidates = list(
            dict.fromkeys(str(r["x"]) for r in self.reader.select(query.sparql(), query.bindings))
        )
        kept, _ = self._text_filtered(
            scoped, [self.reader.view(i) for i in candidates], query, {"constrained": True}
        )
        candidates = [v.iri for v in kept]
        scored = []
        for iri in candidates:
            numbers = self._numbers(iri, prop)
            if numbers:
                scored.append((max(numbers) if spec["order"] == "max" else min(numbers), iri))
        if not scored:
            return Answer(
                intent.question,
                f"The hub gives no values to rank {_class_noun(target, 2)} by.",
                grounded=False,
            )
        best = max(s for s, _ in scored) if spec["order"] == "max" else min(s for s, _ in scored)
        winners = [self.reader.view(i) for s, i in scored if s == best]
        others = sorted(scored, reverse=spec["order"] == "max")
        _class_noun(target, len(winners))
        value_text = _number_text(prop, best)
        lines = [f"- {bold(v.label)} — {escape(_summary(v))}{cite(v.citations())}" for v in winners]
        runners = [self.reader.view(i) for s, i in others if s != best][:3]
        tail = ""
        if runners:
            tail = (
                "\n\nNext: "
                + "; ".join(
                    f"{escape(v.label)} ({_number_text(prop, best_of(self._numbers(v.iri, prop)))})"
                    for v in runners
                )
                + "."
            )
        scope = join_words(query.described)
        word = "highest" if spec["order"] == "max" else "lowest"
        head = (
            f"Of the {len(scored)} {_class_noun(target, 2)} {scope} with a value, the {word} is "
            f"{bold(value_text)}, held by {join_words([bold(v.label) for v in winners])}:"
        )
        refs = [c for v in winners for c in v.citations()]
        return Answer(
            intent.question,
            head + "\n\n" + "\n".join(lines) + tail,
            tuple(
                EntityRef(v.iri, v.label, self.lexicon.entities[v.iri].type)
                for v in winners
                if v.iri in self.lexicon.entities
            ),
            tuple(Fact(v.label, prop, value_text, _first(v.citations())) for v in winners),
            self._citations(winners, refs),
            sparql=query.display(),
            extra={"subjects": [v.iri for v in winners], "entities": [v.iri for v in winners]},
        )

    def _numbers(self, iri: str, prop: str) -> list[float]:
        if prop == "dcterms:date":  # by the full date where the list gives one, else the year
            view = self.reader.view(iri)
            year = next((v.number for v in view.values("vlm:releaseYear")), None)
            rank = date_rank(view.first("dcterms:date"), year)
            return [rank] if rank is not None else []
        first, _, rest = prop.partition("/")
        values = self.reader.view(iri).values(first)
        if rest:
            values = tuple(x for v in values if v.iri for x in self.reader.view(v.iri).values(rest))
        return [v.number for v in values if v.number is not None]

    def _list_facts(self, view: EntityView, anchors: dict, refs: list[str]) -> list[Fact]:
        """The facts that put `view` in a list answer: the matching property values, or
        the heading it is listed under."""
        out = []
        for prop in dict.fromkeys(anchors.get("properties", [])):
            for value in view.values(prop):
                out.append(
                    Fact(
                        view.label,
                        _relation_noun(prop),
                        value.text,
                        _first(value.citations) or _first(refs),
                    )
                )
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

    def _anchor_citations(self, anchors: dict) -> tuple[Citation, ...]:
        views = [self.reader.view(i) for i in anchors.get("iris", [])]
        return self._citations(views, [c for v in views for c in v.citations()])


# Table rows named in a question about listed entries ("benchmarks for spatial reasoning",
# "papers about hallucination in OCR") say what the entries are about: words to find in
# them, not a row the answer is drawn from.
_ROW_TYPES = (
    "TableRow",
    "EthicalChallenge",
    "CompressionTechnique",
    "EmbodiedTask",
    "PrivacyImpact",
)
_LISTED_TYPES = ("Paper", "Dataset", "Benchmark", "Model", "Tool")


def _as_words(intent: Intent) -> Intent:
    """`intent` without the mentions of table rows when it asks for listed entries; for
    papers, whose only text is their title, without every mention but the headings and
    papers (a model or a row named is a word of the titles asked for)."""
    if intent.target_class not in _LISTED_TYPES:
        return intent
    demoted = ("Paper", "Section", "Category", "Table") if intent.target_class == "Paper" else None

    def as_words(m: Mention) -> bool:
        if not m.entities:
            return False
        if demoted is not None:
            return not any(e.is_a(*demoted) for e in m.entities)
        return all(e.is_a(*_ROW_TYPES) for e in m.entities)

    kept = tuple(m for m in intent.mentions if not as_words(m))
    if len(kept) == len(intent.mentions):
        return intent
    # a name is matched as written ("CLIP" is no video clip); a row's words with synonyms
    names = tuple(
        i
        for m in intent.mentions
        if m not in kept and not all(e.is_a(*_ROW_TYPES) for e in m.entities)
        for i in range(m.start, m.end)
    )
    extra = {**intent.extra, "literal_tokens": names}
    return replace(intent, mentions=kept, extra=extra)


def _repeats(views: list[EntityView], headings: set[str]) -> str:
    """ " on 301 lines (3 listed more than once)" when some of the counted are listed more
    than once (under `headings`, when the question names some): the count is of distinct
    entities, the lines are the list's entries (and entries naming two, such as
    "Pixtral 12B & Pixtral Large", share a line)."""
    spans = {v.iri: [c for c, h in v.spans if not headings or h in headings] for v in views}
    twice = [v for v in views if len(set(spans[v.iri])) > 1]
    if not twice:
        return ""
    lines = {c for found in spans.values() for c in found}
    firsts = [found[0] for found in spans.values() if found]
    shared = sum(1 for found in spans.values() if found and firsts.count(found[0]) > 1)
    notes = [f"{len(twice)} listed more than once"]
    if shared:
        notes.append(f"{shared} sharing a line")
    return f" on {len(lines)} lines ({', '.join(notes)})"


def _without_named_numbers(intent: Intent) -> Intent:
    """`intent` without the numbers that are part of a name it excludes ("apart from
    LAION-5B" asks no size of 5B)."""
    names = [words(e.label).split() for e in intent.extra.get("excluded", ())]
    kept = tuple(n for n in intent.numbers if not any(words(n.text) in ws for ws in names))
    return intent if len(kept) == len(intent.numbers) else replace(intent, numbers=kept)


def _negated(intent: Intent) -> list[Mention]:
    """The mentions a negation stands right before ("not decoder-only", "non-MoE",
    "aren't encoder-decoder"): what the answer's members must not have."""
    cues = {words(str(c)) for c in condition_data()["negations"]}
    low = [words(t) for t in tokens(intent.question)]
    return [
        m
        for m in intent.mentions
        if m.start > 0 and (low[m.start - 1] in cues or low[m.start - 1].endswith(" t"))
    ]


# words by which a question says it means a heading ("under Bias", "the Tools section")
_SCOPE_WORDS = (
    r"\b(section|sections|subsection|heading|headings|under|category|listed|table|group|"
    r"part|list)\b"
)


def _asks_for_several(intent: Intent, target: str) -> bool:
    """True when a question asks for every entry of `target` that fits, not the one it
    describes: the class noun in the plural ("video benchmarks?") or "list/every/all"."""
    text = words(intent.question)
    if re.match(r"(how|why|when|where|who|whose|does|do|did|is|can|could|should)\b", text):
        return False  # "how can VLMs run efficiently on edge devices?": prose
    if re.search(r"\b(list|every|all|name the)\b", text):
        return True
    nouns = [words(n) for n in vocabulary()["classes"].get(target, [])]
    plural = re.compile(r"(?:[^su]s|ora)$")  # "benchmarks", "corpora"; not "corpus"
    return any(plural.search(n) and phrase_positions(text, n) for n in nouns)


def _either(section: LexEntity, chosen: list[LexEntity]) -> bool:
    """True when `section` is one of several headings in `chosen` (after nesting is
    resolved, headings left side by side share no entries: the question means either)."""
    return sum(1 for s in chosen if s.is_a("Section")) > 1


def _attribute_as_words(intent: Intent) -> Intent:
    """`intent` with the words of its attribute phrases left for a text condition."""
    phrases = {words(p) for a in intent.attributes for p in a.phrases}
    names = tuple(n for n in intent.extra.get("consumed_names", ()) if words(n) not in phrases)
    # matched as written: "multilingual" is a value, not any word about languages
    low = [words(t) for t in tokens(intent.question)]
    literal = tuple(intent.extra.get("literal_tokens", ())) + tuple(
        i for i, w in enumerate(low) if any(w in p.split() for p in phrases)
    )
    extra = {**intent.extra, "consumed_names": names, "literal_tokens": literal}
    return replace(intent, attributes=(), extra=extra)


def _asks_for_any_value(intent: Intent, attr: Attribute | None, unused: int) -> bool:
    """True when the asked attribute is a list question's only condition: no value, number,
    year or name of it is given ("which tools give a speedup?", "models with a stated
    context window"), and the asked class is the attribute's subject."""
    if attr is None or unused or intent.numbers or intent.years:
        return False
    if any(not m.of_type("Section", "Table", "Category") for m in intent.mentions):
        return False
    if any(intent.extra.get(k) for k in ("month", "absent", "unstated", "undisclosed")):
        return False
    covered = {i for m in intent.mentions for i in range(m.start, m.end)}
    outside = " ".join(words(t) for i, t in enumerate(tokens(intent.question)) if i not in covered)
    if not any(phrase_positions(outside, p) for p in attr.phrases):
        return False  # "long context" in the heading "Reasoning, agents and long context"
    if intent.target_class not in attr.domain or "/" in attr.property or attr.inverse:
        return False
    condition = text_condition(intent)
    if condition is not None and not is_generic(condition):
        return False  # "trained on LAION data": the words are the condition
    return attr.value in ("number", "text", "quantity")


def _either_paths(intent: Intent, entity: LexEntity) -> list[str]:
    """The properties of every relation attribute the question joins by "or" that fits
    `entity` ("SigLIP as its vision encoder or as one of its pretrained components"); []
    when fewer than two fit."""
    if not re.search(r"\bor\b", words(intent.question)):
        return []
    fitting = [a for a in intent.attributes if a.value == "entity" and _fits(a, entity)]
    if len(fitting) < 2:
        return []
    return list(dict.fromkeys(p for a in fitting for p in _paths_for(entity, a)))


def _is_unit(name: str, question: str) -> bool:
    """ "GB" in "under 8 GB": the unit of a number, not a name."""
    return bool(re.search(r"\d\s+" + re.escape(name) + r"\b", question)) and len(name) <= 4


def _acronyms(intent: Intent) -> list[re.Pattern[str]]:
    """Names written in capitals that a text condition holds ("CLIP"), as case-sensitive
    patterns: a title's "Video Clip" is not the model."""
    toks = tokens(intent.question)
    return [
        re.compile(r"(?<![A-Za-z])" + re.escape(toks[i]) + r"(?![a-z])")
        for i in intent.extra.get("literal_tokens", ())
        if i < len(toks) and re.fullmatch(r"[A-Z][A-Z0-9]+", toks[i])
    ]


def _alternatives_listed(question: str) -> bool:
    """Names given as alternatives: in parentheses or joined by "or"."""
    return "(" in question or bool(re.search(r"\bor\b", question))


def _named_near(text: str, names: list[re.Pattern[str]], cue: frozenset[str]) -> bool:
    """A name with a cue word close before it (eight words) or right after it (five):
    "built on top of Qwen2-VL", "InternViT encoder"; not "based on input length ... like
    Qwen2.5-VL-72B"."""
    for pattern in names:
        for match in pattern.finditer(text):
            before = re.findall(r"[A-Za-z]+", text[: match.start()])[-8:]
            after = re.findall(r"[A-Za-z]+", text[match.end() :])[:5]
            if cue & {stem(w.lower()) for w in before + after}:
                return True
    return False


def _name_pattern(name: str) -> re.Pattern[str]:
    """A name as a pattern over an entry's text, standing alone: "Qwen2" is not found in
    "Qwen2-VL" or "Qwen2.5", "BLIP" not in "BLIP-2"; spaces and hyphens inside it are
    interchangeable, case is ignored."""
    parts = [re.escape(p) for p in re.split(r"[\s\-]+", name.strip()) if p]
    body = r"[\s\-]?".join(parts)
    # "InternViT-6B-448px-V1-5", "ConvNeXt-XXLarge": suffixes with digits or sizes are variants
    variant = r"(?:-(?:(?=[\w.]*\d)[\w.]+|xx?large|large|base|small|tiny|huge|giant|[lbhgs]\b))*"
    return re.compile(r"(?<![\w.\-])" + body + variant + r"(?![\w\-]|\.\d)", re.I)


def _summary(view: EntityView) -> str:
    return model_summary(view) if "Model" in view.types else _brief(view)


def _function_words() -> frozenset[str]:
    return stopwords("content")
