"""Comparisons of two or more entities, and yes/no questions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

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
from search.assistant._text import human_number, words
from search.assistant._vocabulary import curated
from search.assistant.answer import Answer, EntityRef, Fact
from search.assistant.compose import (
    bold,
    cite,
    escape,
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
    phrase_positions,
)

# the list's own words for a normalised part ("redesigned ViT" for ViT)
_AS_WRITTEN = {
    "vlm:visionEncoder": "vlm:visionEncoderText",
    "vlm:languageBackbone": "vlm:languageBackboneText",
}


def _as_written(label: str, written: list[str]) -> str:
    """`label` as the list writes it when it qualifies the name with a word or two before
    it ("redesigned ViT"); `label` itself otherwise."""
    for text in written:
        text = re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.I)
        before = text[: -len(label)].split() if text.lower().endswith(label.lower()) else None
        if before and len(before) <= 2:
            return text
    return label


@dataclass(frozen=True)
class Comparative:
    """What a comparative word asks: the measure ("parameters", "date", "context_window")
    and whether the larger ("more") or the smaller ("less") value wins."""

    measure: str
    order: str
    phrase: str


@cache
def _comparatives() -> tuple[Comparative, ...]:
    found = [
        Comparative(rule["measure"], rule["order"], phrase)
        for rule in curated("comparatives.yaml")["comparatives"]
        for phrase in rule["phrases"]
    ]
    return tuple(sorted(found, key=lambda c: -len(c.phrase)))


_SCORE_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*%?")


def _alternatives(question: str) -> bool:
    """True when a question offers both ends to choose from ("released before or after",
    "bigger or smaller"): it asks which, not yes or no."""
    text = words(question)
    ends = {c.phrase.split()[-1] for c in _comparatives()}
    pairs = re.findall(r"\b([\w-]+) or ([\w-]+)\b", text)
    return any(a in ends and b in ends and a != b for a, b in pairs)


_OTHER_MEASURE = re.compile(
    r"^\s*(?:\w+\s+){0,2}?(?:vision|visual|image|encoder|backbone|llm|language|dataset|data|"
    r"training|vocabulary|resolution|score|accuracy|benchmark|gap|margin|share|number of)"
)


def comparative(question: str) -> Comparative | None:
    """The comparative a question asks by ("which is bigger" -> parameters, more), if any;
    None when it compares something else ("which has the larger vision encoder")."""
    text = words(question)
    for candidate in _comparatives():
        for start in phrase_positions(text, candidate.phrase):
            if not _OTHER_MEASURE.match(text[start + len(words(candidate.phrase)) :]):
                return candidate
    return None


# how the winner is said, by (measure, order)
_VERDICT = {
    ("parameters", "more"): "is bigger",
    ("parameters", "less"): "is smaller",
    ("date", "more"): "is newer",
    ("date", "less"): "is older",
    ("context_window", "more"): "has the longer context window",
    ("context_window", "less"): "has the shorter context window",
}
_SUPERLATIVE = {
    ("parameters", "more"): "is the biggest",
    ("parameters", "less"): "is the smallest",
    ("date", "more"): "is the newest",
    ("date", "less"): "is the oldest",
    ("context_window", "more"): "has the longest context window",
    ("context_window", "less"): "has the shortest context window",
}
_NOUN = {"parameters": "parameter count", "date": "date", "context_window": "context window"}
_YES_NO = re.compile(r"^\s*(?:is|was|are|were|does|did|do|has|have)\b", re.I)


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def written_parameters(view: EntityView) -> str | None:
    """The parameter counts in the list's words: its cell ("109B total, 17B active") or
    the stretch of the entry holding them ("3B/7B/72B"); None for a stretch that runs into
    the active count without saying so ("1.2T total parameters with 48B") or across a
    bracket."""
    written = view.first("vlm:parametersText") or parameters_text(view)
    if written and not _balanced(written):
        return None  # a stretch across a bracket ("7B and 1B), Janus (1.3B") is no wording
    if not written or "active" in written.lower():
        return written
    active = {human_number(v.number or 0) for v in view.values("vlm:activeParameterCount")}
    if any(re.search(rf"(?<![\d.]){re.escape(a)}\b", written) for a in active if a):
        return None
    return written


def _parameters_said(view: EntityView) -> str:
    """The parameter counts in the list's words, with the active counts it states
    elsewhere ("2.8T; 104B active"), or "—"."""
    written = written_parameters(view) or ""
    if not written:
        written = join_words(
            [human_number(v.number) for v in view.values("vlm:parameterCount") if v.number]
        )
    active = [human_number(v.number) for v in view.values("vlm:activeParameterCount") if v.number]
    missing = [
        a for a in dict.fromkeys(active) if not re.search(rf"(?<![\d.]){re.escape(a)}", written)
    ]
    if missing:
        written = (f"{written}; " if written else "") + join_words(missing) + " active"
    return written or "—"


@dataclass(frozen=True)
class _Measured:
    view: EntityView
    key: tuple[float, ...] | None  # None: the list states no comparable value
    text: str  # the value as the list writes it, or why there is none
    refs: tuple[str, ...]


def _measured(view: EntityView, measure: str) -> _Measured:
    """One entity's value of `measure`, comparable as a tuple, with its written form."""
    where = tuple(view.citations())
    if measure == "parameters":
        totals = [v for v in view.values("vlm:parameterCount") if v.number]
        if totals:
            written = written_parameters(view) or ""
            largest = max(v.number or 0 for v in totals)
            active = [v.number for v in view.values("vlm:activeParameterCount") if v.number]
            text = written or ", ".join(human_number(v.number or 0) for v in totals)
            if active and "active" not in text.lower():
                text += f" ({join_words([human_number(a) for a in active])} active)"
            if len(totals) > 1:
                text += f" (largest {human_number(largest)})"
            refs = tuple(c for v in totals for c in v.citations) or where
            return _Measured(view, (largest,), text, refs)
        partial = view.first("vlm:parametersText") or view.first("vlm:parameterText")
        if partial:
            return _Measured(view, None, f"only “{partial}”, no total", where)
    elif measure == "date":
        dates = view.values("dcterms:date") or view.values("vlm:releaseYear")
        if dates:
            parts = tuple(float(p) for p in re.findall(r"\d+", dates[0].text)[:3])
            return _Measured(view, parts, dates[0].text, tuple(dates[0].citations) or where)
    elif measure == "context_window":
        windows = [v for v in view.values("vlm:contextWindow") if v.number]
        if windows:
            largest = max(v.number or 0 for v in windows)
            refs = tuple(c for v in windows for c in v.citations) or where
            return _Measured(view, (largest,), tokens_text(int(largest)), refs)
    hidden = measure in {v.text for v in view.values("vlm:undisclosed")} or (
        measure == "date" and "year" in {v.text for v in view.values("vlm:undisclosed")}
    )
    return _Measured(view, None, "undisclosed" if hidden else "not given", where)


def _comparable(a: tuple[float, ...], b: tuple[float, ...]) -> int:
    """-1, 0, 1 for a date-like or numeric key; a year and a full date of that year tie."""
    common = min(len(a), len(b))
    return (a[:common] > b[:common]) - (a[:common] < b[:common])


class CompareAnswers(BaseAnswerer):
    """Comparisons of two or more entities, and yes/no questions."""

    def verify(self, intent: Intent, context: Context) -> Answer:
        subjects = list(
            dict.fromkeys(
                e for m in intent.mentions for e in m.entities[:1] if e.is_a(*SUBJECT_TYPES)
            )
        )
        if len(subjects) >= 2:
            # "is X newer than Y?": a comparison of the two, not whether Y is X's part
            decided = self.ranked_comparison(intent, [self.reader.view(e.iri) for e in subjects])
            if decided is not None:
                return decided
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
        decided = self.ranked_comparison(intent, views)
        if decided is not None:
            return decided
        if all("TableRow" in v.types for v in views):
            header, rows_ = self._compare_rows(views)
        else:
            header, rows_ = self._compare_entities(views, intent)
        refs = [c for v in views for c in v.citations()]
        markdown = (
            f"Comparison of {join_words([bold(v.label) for v in views])}:{cite(refs)}\n\n"
            + table(header, rows_)
        )
        quoted = self._asked_in_words(intent, views)
        if quoted:
            markdown += "\n\n" + "\n".join(f"- {a.markdown}" for a in quoted)
        facts = tuple(
            Fact(header[i + 1], row[0], row[i + 1], _first(views[i].citations()))
            for row in rows_
            for i in range(len(views))
            if row[i + 1] not in ("—", "")
        )
        entities = tuple(
            EntityRef(v.iri, v.label, self.lexicon.entities[v.iri].type) for v in views
        )
        citations = self._citations(views, refs)
        citations += tuple(c for a in quoted for c in a.citations if c not in citations)
        return Answer(
            intent.question,
            markdown,
            entities,
            facts,
            citations,
            extra={"subjects": [v.iri for v in views]},
        )

    def results_on(self, intent: Intent) -> Answer | None:
        """ "Which does better on TextVQA, A or B?": each model's result on the one benchmark
        the question names, as the list states it, with its line; the higher one said when
        both are numbers. None unless one benchmark and two models or more are named."""
        named = [e for m in intent.mentions for e in m.entities[:1]]
        benches = list(dict.fromkeys(e for e in named if e.is_a("Benchmark")))
        models = list(dict.fromkeys(e for e in named if e.is_a("Model")))
        one_asked = len(models) == 1 and all(
            a.name in ("results", "evaluated_on") for a in intent.attributes
        )
        if len(benches) != 1 or not (len(models) >= 2 or one_asked):
            return None
        bench = benches[0]
        measured: list[tuple[EntityView, str, float | None, tuple[str, ...]]] = []
        for model in models:
            view = self.reader.view(model.iri)
            for value in view.values("vlm:result"):
                result = self.reader.view(value.iri) if value.iri else None
                if result is None or bench.iri not in {
                    v.iri for v in result.values("vlm:benchmark")
                }:
                    continue
                number = next((v.number for v in result.values("vlm:scoreValue")), None)
                written = _SCORE_NUMBER.fullmatch((result.first("vlm:score") or "").strip())
                if number is None and written:
                    number = float(written.group(1))  # "71.2", "85.0%": a number as written
                where = tuple(value.citations) or result.citations()
                score = result.first("vlm:score") or ""
                condition = result.first("vlm:condition")
                score += f" ({condition})" if score and condition else ""
                measured.append((view, score, number, where))
                break
            else:
                measured.append((view, "", None, ()))
        if not any(score for _, score, _, _ in measured):
            return None
        said = [
            f"{bold(view.label)}: {bold(score) if score else 'not given'}{cite(where)}"
            for view, score, _, where in measured
        ]
        numbers = [(n, view) for view, _, n, _ in measured if n is not None]
        lead = f"On {bold(bench.label)} the list gives "
        if len(numbers) == len(measured) and len(numbers) >= 2:
            best = max(numbers, key=lambda x: x[0])[1]
            lead = f"{bold(best.label)} scores higher on {bold(bench.label)} — "
        markdown = lead + "; ".join(said) + "."
        refs = [c for _, _, _, where in measured for c in where]
        views = [view for view, _, _, _ in measured]
        return Answer(
            intent.question,
            markdown,
            tuple(EntityRef(v.iri, v.label, "Model") for v in views),
            tuple(
                Fact(view.label, f"result on {bench.label}", score, _first(where))
                for view, score, _, where in measured
                if score
            ),
            self._citations(views, refs),
            extra={"subjects": [v.iri for v in views]},
        )

    def _asked_in_words(self, intent: Intent, views: list[EntityView]) -> list[Answer]:
        """For an attribute the comparison asks about that an entity has no fact for ("how
        do X and Y differ in the projector"), the sentence of that entity's own text that
        says it, quoted with its line."""
        found: list[Answer] = []
        for attr in intent.attributes:
            if attr.name in ("year", "description") or not attr.property:
                continue
            for view in views:
                if view.values(attr.property):
                    continue
                quoted = self.extractive(intent, view, attr, limit=1)
                if quoted is not None:
                    found.append(quoted)
        return found

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
            ("connector", "vlm:connector"),
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
                    values.append(_parameters_said(v))
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
                elif prop == "vlm:connector":
                    # "projector" beside "mlp projector" says nothing more
                    said = [x.text for x in vals]
                    kept = [t for t in said if not any(t != o and t in o for o in said)]
                    values.append(join_words(kept) or "—")
                elif prop in _AS_WRITTEN:
                    written = [x.text for x in v.values(_AS_WRITTEN[prop])]
                    values.append(join_words([_as_written(x.text, written) for x in vals]) or "—")
                else:
                    values.append(join_words([x.text for x in vals]) or "—")
            if any(x != "—" for x in values) or name.replace(" ", "_") in asked:
                rows.append([name, *values])
        rows.append(["description", *[short_description(v.description) or "—" for v in views]])
        return header, rows

    def ranked_comparison(self, intent: Intent, views: list[EntityView]) -> Answer | None:
        """ "X vs Y: which is bigger?", "is X newer than Y?": the winner by the values the
        list states, each with its line; None when the question has no comparative."""
        asked = comparative(intent.question) if len(views) >= 2 else None
        if (
            asked is not None
            and asked.measure == "parameters"
            and all(v.values("vlm:size") and "Model" not in v.types for v in views)
        ):
            return self._by_size(intent, views, asked.order)  # "LAION-5B or LAION400M"
        if asked is None or not all(
            "Model" in v.types or v.values("vlm:releaseYear") for v in views
        ):
            return None
        measured = [_measured(v, asked.measure) for v in views]
        known = [m for m in measured if m.key is not None]
        noun = _NOUN[asked.measure]
        said = [f"{bold(m.view.label)}: {bold(m.text)}{cite(m.refs)}" for m in measured]
        if len(known) < 2 and any(m.text == "not given" for m in measured):
            return None  # the entries' own text may say it: the other answerers look there
        if len(known) < 2:
            markdown = (
                f"The list does not state a {noun} for each of them, so it cannot say which "
                f"{_VERDICT[(asked.measure, asked.order)]}. " + "; ".join(said) + "."
            )
            return self._ranked(intent, measured, None, markdown, noun, grounded=bool(known))
        sign = 1 if asked.order == "more" else -1
        best = known[0]
        for m in known[1:]:
            if sign * _comparable(m.key or (), best.key or ()) > 0:
                best = m
        tied = [m for m in known if _comparable(m.key or (), best.key or ()) == 0]
        if len(tied) > 1:
            lead = (
                f"{join_words([bold(m.view.label) for m in tied])} are level by the list's {noun}"
            )
            winner = None
        else:
            verdicts = _SUPERLATIVE if len(known) > 2 else _VERDICT
            lead = f"{bold(best.view.label)} {verdicts[(asked.measure, asked.order)]}"
            winner = best
        if _YES_NO.match(intent.question) and not _alternatives(intent.question):
            lead = ("Yes. " if winner is not None and winner.view is views[0] else "No. ") + lead
        markdown = f"{lead} — " + "; ".join(said) + "."
        return self._ranked(intent, measured, winner, markdown, noun, grounded=True)

    def _by_size(self, intent: Intent, views: list[EntityView], order: str) -> Answer | None:
        """ "which is larger, LAION-5B or LAION400M?": the datasets' sizes as the list
        writes them, the larger (or smaller) first; how many times the other when both
        count the same unit (said to be computed); None unless each states one size."""
        sizes: list[tuple[EntityView, EntityView, float]] = []
        for view in views:
            found = [self.reader.view(v.iri) for v in view.values("vlm:size") if v.iri]
            stated = [
                (q, float(n))
                for q in found
                if (n := q.first("vlm:value")) and re.fullmatch(r"[\d.]+", n)
            ]
            if len(stated) != 1:
                return None
            sizes.append((view, *stated[0]))
        sign = 1 if order == "more" else -1
        ranked = sorted(sizes, key=lambda s: -sign * s[2])
        (best, _, best_n), (_, _, other_n) = ranked[0], ranked[1]
        if best_n == other_n:
            lead = f"{join_words([bold(s[0].label) for s in sizes])} are the same size"
            winner = None
        else:
            lead = f"{bold(best.label)} is {'larger' if order == 'more' else 'smaller'}"
            winner = best
        said = [
            f"{bold(v.label)}: {bold(escape(q.label))}{cite(list(q.citations()))}"
            for v, q, _ in sizes
        ]
        units = {q.first("vlm:unit") for _, q, _ in sizes}
        times = ""
        if winner is not None and len(units) == 1 and min(best_n, other_n) > 0:
            ratio = max(best_n, other_n) / min(best_n, other_n)
            times = (
                f" ({ratio:.3g} times the other's size, computed from the two sizes)"
                if order == "more"
                else f" (the other is {ratio:.3g} times its size, computed from the two sizes)"
            )
        markdown = f"{lead}{times} — " + "; ".join(said) + "."
        refs = [c for _, q, _ in sizes for c in q.citations()]
        entities = (
            (EntityRef(winner.iri, winner.label, self.lexicon.entities[winner.iri].type),)
            if winner is not None and winner.iri in self.lexicon.entities
            else ()
        )
        return Answer(
            intent.question,
            markdown,
            entities,
            tuple(Fact(v.label, "size", q.label, _first(list(q.citations()))) for v, q, _ in sizes),
            self._citations(views, refs),
            grounded=True,
            extra={"subjects": [v.iri for v in views]},
        )

    def _ranked(
        self,
        intent: Intent,
        measured: list[_Measured],
        winner: _Measured | None,
        markdown: str,
        noun: str,
        grounded: bool,
    ) -> Answer:
        views = [m.view for m in measured]
        entities = (
            (
                EntityRef(
                    winner.view.iri, winner.view.label, self.lexicon.entities[winner.view.iri].type
                ),
            )
            if winner is not None and winner.view.iri in self.lexicon.entities
            else ()
        )
        return Answer(
            intent.question,
            markdown,
            entities,
            tuple(Fact(m.view.label, noun, m.text, _first(m.refs)) for m in measured),
            self._citations(views, [r for m in measured for r in m.refs]),
            grounded=grounded,
            extra={"subjects": [v.iri for v in views]},
        )
