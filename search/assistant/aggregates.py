"""Aggregate questions answered from the graph: rankings, distributions, trends, summaries.

"Which vision encoder is most popular?", "how many models per year?", "how has model size
changed over time?", "summarize the hub". A question is read as an aggregate only when it
has an aggregate cue and every content word is accounted for (aggregates.yaml); otherwise
`aggregate` returns None and the other answerers take it. Every number comes from SPARQL
over the graph (shown with the answer), every counted entity is cited by the hub line that
states the counted fact, and the answer carries chart data in `extra["chart"]`.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any

import yaml
from rdflib import URIRef

from kg.vocab import PREFIXES, VLM
from search.assistant._text import human_number, tokens, words
from search.assistant._vocabulary import stopwords, vocabulary
from search.assistant.answer import Answer, Citation, EntityRef, Fact
from search.assistant.compose import bold, escape, join_words, table
from search.assistant.graph import GraphReader
from search.assistant.lexicon import split_value_iri
from search.assistant.querying import ListQuery
from search.assistant.understand import SUBJECT_TYPES, TOPIC_TYPES, Intent, phrase_positions

__all__ = ["AggregateQuestion", "aggregate", "read_question"]

TOP_GROUPS = 8  # rows of a ranking table
CITED_GROUPS = 3  # groups whose counted entities are named in the text
NAMED_PER_GROUP = 5
_YEAR = re.compile(r"^(19[5-9]\d|20\d\d)$")
_BACK_REFERENCE = {"those", "these", "them", "they", "their", "its"}
_LISTED = {"Model", "Dataset", "Benchmark", "Tool"}
_STATED_COUNT = re.compile(r"^~?(\d+(?:\.\d+)?)\s?([KMBT])\b", re.I)
_PRODUCT = re.compile(r"[x×*]\s*\d")
_SCALE = {"k": 1e3, "m": 1e6, "b": 1e9, "t": 1e12}


@dataclass(frozen=True)
class Dimension:
    """What is grouped by: a property of the counted entities and how its values group."""

    name: str
    predicate: str
    grouping: str  # family | label | literal | year
    noun: str
    classes: tuple[str, ...]


@dataclass(frozen=True)
class Measure:
    """A number whose median per year a trend shows (parameter count, context window)."""

    name: str
    predicate: str
    text_predicate: str | None
    noun: str
    unit: str


@dataclass(frozen=True)
class AggregateQuestion:
    """An aggregate question: its kind, what it groups by or measures, and its scope."""

    kind: str  # rank | distribution | trend | summary
    dimension: Dimension | None = None
    measure: Measure | None = None
    counted: str = "Model"
    order: str = "most"  # most | least
    top: int | None = None
    years: tuple[tuple[str, int], ...] = ()
    sections: tuple[tuple[str, str], ...] = ()  # (section IRI, heading)
    values: tuple[tuple[str, str], ...] = ()  # (entity IRI or value IRI, label)


# -- the language data -------------------------------------------------------------------


@cache
def _data() -> dict[str, Any]:
    text = resources.files("search.assistant").joinpath("aggregates.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@cache
def dimensions() -> dict[str, tuple[Dimension, tuple[str, ...]]]:
    """Each dimension with its phrases (its vocabulary attribute's phrases, plurals too)."""
    attributes = vocabulary()["attributes"]
    out = {}
    for name, spec in _data()["dimensions"].items():
        phrases = list(spec.get("phrases") or ())
        if spec.get("attribute"):
            phrases += attributes[spec["attribute"]]["phrases"]
        dimension = Dimension(
            name, spec["predicate"], spec["grouping"], spec["noun"], tuple(spec["classes"])
        )
        out[name] = (dimension, _with_plurals(phrases))
    return out


@cache
def measures() -> dict[str, tuple[Measure, tuple[str, ...]]]:
    out = {}
    for name, spec in _data()["measures"].items():
        measure = Measure(
            name, spec["predicate"], spec.get("text_predicate"), spec["noun"], spec["unit"]
        )
        out[name] = (measure, _with_plurals(spec["phrases"]))
    return out


def _with_plurals(phrases: Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    for phrase in phrases:
        phrase = words(phrase)
        plural = phrase[:-1] + "ies" if phrase.endswith("y") else phrase + "s"
        out += [phrase, plural]
    return tuple(dict.fromkeys(out))


@cache
def _filler() -> frozenset[str]:
    return frozenset(_data()["filler"].split()) | stopwords("content")


# -- reading the question ----------------------------------------------------------------


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    category: str  # a cue name, "dimension", "measure", "class", "collection"
    payload: str


@cache
def _patterns() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    """(category, payload, one regex of all its phrases, longest first) for each group."""
    groups: list[tuple[str, str, list[str]]] = []
    groups += [(cue, "", phrases) for cue, phrases in _data()["cues"].items()]
    groups += [("dimension", name, list(p)) for name, (_, p) in dimensions().items()]
    groups += [("measure", name, list(p)) for name, (_, p) in measures().items()]
    classes: dict[str, list[str]] = vocabulary()["classes"]
    groups += [("class", name, nouns) for name, nouns in classes.items()]
    groups.append(("collection", "", _data()["collection"]))
    # "which year has the most models": "most" before a class noun ranks
    groups += [("rank_most", name, [f"most {n}" for n in nouns]) for name, nouns in classes.items()]
    groups += [
        ("rank_least", name, [f"fewest {n}" for n in nouns]) for name, nouns in classes.items()
    ]
    return tuple(
        (category, payload, _alternation(phrases)) for category, payload, phrases in groups
    )


def _alternation(phrases: Iterable[str]) -> re.Pattern[str]:
    ordered = sorted({words(p) for p in phrases}, key=len, reverse=True)
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(map(re.escape, ordered)) + r")(?![a-z0-9])")


@cache
def _trigger() -> re.Pattern[str]:
    """Any phrase that can make a question an aggregate: a quick test before reading it."""
    cues = [p for phrases in _data()["cues"].values() for p in phrases]
    nouns = [n for ns in vocabulary()["classes"].values() for n in ns]
    return _alternation([*cues, *(f"most {n}" for n in nouns), *(f"fewest {n}" for n in nouns)])


def _hits(plain: str) -> list[_Hit]:
    """Every phrase of the aggregate language in `plain`, longest first, without overlaps."""
    found = [
        _Hit(match.start(), match.end(), category, payload or match.group(0))
        for category, payload, pattern in _patterns()
        for match in pattern.finditer(plain)
    ]
    found.sort(key=lambda h: (-(h.end - h.start), h.start))
    kept: list[_Hit] = []
    for hit in found:
        if not any(hit.start < k.end and k.start < hit.end for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


def read_question(intent: Intent) -> AggregateQuestion | None:
    """The aggregate question `intent` asks, or None when it is not one (or not fully read)."""
    if not _trigger().search(words(intent.question)):
        return None
    toks = tokens(intent.question)
    low = [words(t) for t in toks]
    plain = " ".join(low)
    offsets, at = [], 0
    for text in low:
        offsets.append((at, at + len(text)))
        at += len(text) + 1
    hits = _hits(plain)
    covered = [any(h.start <= s and e <= h.end for h in hits) for s, e in offsets]
    scope: list[Any] = []
    for mention in intent.mentions:
        if all(covered[i] for i in range(mention.start, mention.end)):
            continue  # "vision encoder" read as the dimension, not as a heading
        if mention.of_type(*SUBJECT_TYPES, *TOPIC_TYPES) and not mention.of_type("Section"):
            return None  # about one entity: a lookup, not an aggregate
        hits = [h for h in hits if not _overlaps(h, offsets[mention.start : mention.end])]
        scope.append(mention)
        for i in range(mention.start, mention.end):
            covered[i] = True
    covered = [
        c or any(h.start <= s and e <= h.end for h in hits) for c, (s, e) in zip(covered, offsets)
    ]
    if any(t in _BACK_REFERENCE for t in low):
        return None
    has_top = any(h.category == "top" for h in hits)
    leftover = [
        t
        for t, c in zip(low, covered)
        if not c
        and not _YEAR.match(t)
        and not (has_top and t.isdigit())
        and any(w not in _filler() for w in t.split())
    ]
    if leftover:
        return None
    return _question(hits, plain, intent, scope)


def _overlaps(hit: _Hit, spans: list[tuple[int, int]]) -> bool:
    return any(hit.start < e and s < hit.end for s, e in spans)


def _question(
    hits: list[_Hit], plain: str, intent: Intent, scope: list[Any]
) -> AggregateQuestion | None:
    cues = {h.category for h in hits}
    dimension = next((dimensions()[h.payload][0] for h in hits if h.category == "dimension"), None)
    measure = next((measures()[h.payload][0] for h in hits if h.category == "measure"), None)
    counted = [h.payload for h in hits if h.category in ("class", "rank_most", "rank_least")]
    counted = [c for c in counted if c in vocabulary()["classes"]]
    sections = tuple(
        (e.iri, e.label) for m in scope for e in m.of_type("Section")[:1] if not m.of_type("Value")
    )
    values = tuple(
        (e.iri, e.label) for m in scope if not m.of_type("Section") for e in m.entities[:1]
    )
    years = intent.years
    if "summary" in cues and not (dimension or measure or scope or years or counted):
        return AggregateQuestion("summary")
    if dimension and dimension.name == "year":
        years, dimension = (), (None if "trend" in cues else dimension)
        if dimension is None and measure is None:
            return _scoped("trend", None, None, counted, sections, values, ())
    if "trend" in cues:
        return _scoped("trend", dimension, measure, counted, sections, values, years)
    if dimension is None:
        return None
    ranks = "rank_most" in cues or "rank_least" in cues or _top_before(hits)
    grouped = "distribution" in cues or _group_before(hits)
    if not (ranks or grouped):
        return None
    question = _scoped(
        "rank" if ranks else "distribution", dimension, None, counted, sections, values, years
    )
    if question is None:
        return None
    order = "least" if "rank_least" in cues and "rank_most" not in cues else "most"
    return replace(question, order=order, top=_top_number(plain))


def _scoped(
    kind: str,
    dimension: Dimension | None,
    measure: Measure | None,
    counted: list[str],
    sections: tuple[tuple[str, str], ...],
    values: tuple[tuple[str, str], ...],
    years: tuple[tuple[str, int], ...],
) -> AggregateQuestion | None:
    """The question with its counted class: the first class noun the dimension applies to."""
    allowed = dimension.classes if dimension else ("Model", "Dataset", "Benchmark")
    if measure:
        allowed = ("Model",)
    named = [c for c in counted if not dimension or c != _dimension_class(dimension)]
    if named and named[0] not in allowed:
        return None
    return AggregateQuestion(
        kind,
        dimension,
        measure,
        named[0] if named else allowed[0],
        years=years,
        sections=sections,
        values=values,
    )


def _dimension_class(dimension: Dimension) -> str | None:
    """The class whose nouns also name the dimension ("backbones" are LanguageModels)."""
    return {"vision_encoder": "VisionEncoder", "language_backbone": "LanguageModel"}.get(
        dimension.name
    )


def _group_before(hits: list[_Hit]) -> bool:
    """ "per year", "by architecture", "for each organisation": a group cue, then the dimension."""
    return any(
        a.category == "group" and b.category == "dimension" and 0 <= b.start - a.end <= 5
        for a, b in zip(hits, hits[1:])
    )


def _top_before(hits: list[_Hit]) -> bool:
    return any(
        a.category == "top" and b.category == "dimension" and 0 <= b.start - a.end <= 4
        for a, b in zip(hits, hits[1:])
    )


def _top_number(plain: str) -> int | None:
    match = re.search(r"\btop (\d{1,2})\b", plain)
    return int(match.group(1)) if match else None


# -- answering ---------------------------------------------------------------------------


def aggregate(intent: Intent, reader: GraphReader) -> Answer | None:
    """The answer to an aggregate question, or None when `intent` is not one."""
    question = read_question(intent)
    if question is None:
        return None
    if question.kind == "summary":
        return _summary(intent, reader)
    if question.measure is not None:
        return _measure_trend(intent, reader, question)
    if question.kind == "trend" and question.dimension is None:
        return _yearly(intent, reader, question)
    return _grouped(intent, reader, question)


def _where(question: AggregateQuestion) -> ListQuery:
    """The conditions on the counted entities ?x, with their values bound as RDF terms."""
    query = ListQuery()
    query.of_class(question.counted)
    for op, year in question.years:
        query.compare("vlm:releaseYear", op, year, f"year {op} {year}")
    for iri, heading in question.sections:
        query.in_section(iri, f"under {heading}")
    for iri, label in question.values:
        if iri.startswith("value:"):
            curie, value = split_value_iri(iri)
            query.literal(curie, value, label)
        else:
            paths = [
                "vlm:visionEncoder",
                "vlm:languageBackbone",
                "vlm:component",
                "vlm:architecture",
                "vlm:basedOn",
                "vlm:category",
            ]
            query.related(paths, [iri], label)
    return query


_GROUP = {
    "family": (
        "?value skos:broader* ?g . FILTER NOT EXISTS { ?g skos:broader ?parent }\n"
        "  ?g rdfs:label ?group ."
    ),
    "label": "OPTIONAL { ?value rdfs:label ?vl }\n  BIND(?value AS ?g) BIND(COALESCE(?vl, STR(?value)) AS ?group)",
    "literal": "BIND(?value AS ?g) BIND(STR(?value) AS ?group)",
    "year": "BIND(?value AS ?g) BIND(?value AS ?group)",
}


def _grouped_sparql(
    question: AggregateQuestion, where: ListQuery, by_year: bool
) -> tuple[str, str]:
    """(the GROUP BY query a person can run, the row query giving each counted entity)."""
    dimension = question.dimension
    assert dimension is not None
    body = "\n  ".join(
        [*where.patterns, f"?x {dimension.predicate} ?value .", _GROUP[dimension.grouping]]
    )
    year = "?x vlm:releaseYear ?year .\n  " if by_year else ""
    keys = "?year ?g ?group" if by_year else "?g ?group"
    order = (
        "?year DESC(?count) ?group"
        if by_year
        else ("?group" if dimension.grouping == "year" else "DESC(?count) ?group")
    )
    counts = (
        f"SELECT {keys} (COUNT(DISTINCT ?x) AS ?count) WHERE {{\n  {year}{body}\n}}\n"
        f"GROUP BY {keys}\nORDER BY {order}"
    )
    rows = (
        f"SELECT DISTINCT ?g ?group ?x ?label ?named ?cite{' ?year' if by_year else ''} WHERE {{\n"
        f"  {year}{body}\n  ?x rdfs:label ?label .\n"
        "  OPTIONAL { ?value rdfs:label ?nl }\n  BIND(COALESCE(?nl, STR(?value)) AS ?named)\n"
        f"  OPTIONAL {{ ?st rdf:subject ?x ; rdf:predicate {dimension.predicate} ; "
        "rdf:object ?value ;\n    prov:wasDerivedFrom/vlm:citation ?cite }\n}"
    )
    return counts, rows


@dataclass
class _Group:
    key: str
    label: str
    count: int
    iri: str | None
    members: dict[str, tuple[str, list[str], list[str]]]  # x -> (label, named values, cites)


def _groups(
    reader: GraphReader, counts_sparql: str, rows_sparql: str, where: ListQuery, year: Any = None
) -> list[_Group]:
    """The groups in the order of the GROUP BY query, each with its counted entities."""
    groups: dict[str, _Group] = {}
    for row in reader.select(_bound(counts_sparql, where)):
        if year is not None and str(row.get("year")) != str(year):
            continue
        key = str(row["g"])
        groups[key] = _Group(key, _text(row["group"]), int(row["count"]), _iri(row["g"]), {})
    for row in reader.select(_bound(rows_sparql, where)):
        group = groups.get(str(row["g"]))
        if group is None or (year is not None and str(row.get("year")) != str(year)):
            continue
        label, named, cites = group.members.setdefault(str(row["x"]), (str(row["label"]), [], []))
        if str(row["named"]) not in named:
            named.append(str(row["named"]))
        if row.get("cite") is not None and str(row["cite"]) not in cites:
            cites.append(str(row["cite"]))
    return list(groups.values())


def _text(term: Any) -> str:
    return str(term)


def _iri(term: Any) -> str | None:
    return str(term) if isinstance(term, URIRef) else None


def _grouped(intent: Intent, reader: GraphReader, question: AggregateQuestion) -> Answer:
    dimension = question.dimension
    assert dimension is not None
    where = _where(question)
    by_year = question.kind == "trend"
    counts_sparql, rows_sparql = _grouped_sparql(question, where, by_year)
    if by_year:
        return _grouped_trend(intent, reader, question, where, counts_sparql, rows_sparql)
    groups = _groups(reader, counts_sparql, rows_sparql, where)
    counted = _counted_phrase(question)
    if not groups:
        return _nothing(intent, question, counted, where, counts_sparql)
    total = len({x for g in groups for x in g.members})
    ranked = (
        groups
        if dimension.grouping == "year"
        else sorted(
            groups,
            key=lambda g: (g.count if question.order == "least" else -g.count, g.label.lower()),
        )
    )
    shown = ranked[: question.top or TOP_GROUPS]
    lead = _lead(question, ranked, total, counted)
    header = [dimension.noun, _plural(question.counted)]
    named_col = dimension.grouping == "family"
    if named_col:
        header.append("named in the hub as")
    rows = []
    for group in shown:
        row = [escape(group.label), str(group.count)]
        if named_col:
            row.append(escape(_named_breakdown(group)))
        rows.append(row)
    rest = len(ranked) - len(shown)
    parts = [lead, table(header, rows)]
    if rest:
        nouns = _plural_noun(dimension.noun) if rest > 1 else dimension.noun
        parts.append(f"…and {rest} more {nouns} with fewer {_plural(question.counted)}.")
    leading = (
        shown
        if question.kind == "distribution" or dimension.grouping != "year"
        else sorted(shown, key=lambda g: (-g.count, g.label))
    )
    parts.append(_counted_lines(leading[:CITED_GROUPS]))
    parts.append(_method(question, total, counted))
    chart = {
        "kind": "bar",
        "title": f"{_plural(question.counted).capitalize()} per {dimension.noun}",
        "x": [g.label for g in shown],
        "y": [g.count for g in shown],
        "x_label": dimension.noun,
        "y_label": _plural(question.counted),
    }
    return _answer(
        intent,
        "\n\n".join(parts),
        shown,
        groups,
        reader,
        where,
        counts_sparql,
        chart,
        dimension.noun,
    )


def _lead(question: AggregateQuestion, ranked: list[_Group], total: int, counted: str) -> str:
    dimension = question.dimension
    assert dimension is not None
    if question.kind == "distribution":
        return (
            f"The {total} {counted} fall into {len(ranked)} "
            f"{_plural_noun(dimension.noun)}; the hub's counts:"
        )
    best = (
        min(g.count for g in ranked) if question.order == "least" else max(g.count for g in ranked)
    )
    top = [g for g in ranked if g.count == best]
    word = "least" if question.order == "least" else "most"
    names = join_words([bold(g.label) for g in top])
    each = " each" if len(top) > 1 else ""
    if dimension.grouping == "year":
        verb = "have" if len(top) > 1 else "has"
        return f"{names} {verb} the {word} {_plural(question.counted)}: {best} of the {total} {counted}{each}."
    noun = _plural_noun(dimension.noun) if len(top) > 1 else dimension.noun
    verb = "are" if len(top) > 1 else "is"
    return f"{names} {verb} the {word} common {noun}: {best} of the {total} {counted}{each}."


def _named_breakdown(group: _Group) -> str:
    tally: dict[str, int] = defaultdict(int)
    for _, named, _ in group.members.values():
        for name in named:
            tally[name] += 1
    ordered = sorted(tally.items(), key=lambda kv: (-kv[1], kv[0].lower()))
    text = ", ".join(f"{name} ({n})" for name, n in ordered[:4])
    return text + (f", {len(ordered) - 4} more" if len(ordered) > 4 else "")


def _counted_lines(groups: list[_Group]) -> str:
    """The counted entities of the leading groups, each with its line; the rest as a count."""
    lines = ["Counted:"]
    for group in groups:
        members = sorted(group.members.values(), key=lambda m: m[0].lower())
        named = [
            f"{escape(label)} [{_short(cites)}]" if cites else escape(label)
            for label, _, cites in members[:NAMED_PER_GROUP]
        ]
        more = len(members) - NAMED_PER_GROUP
        tail = f" and {more} more" if more > 0 else ""
        lines.append(f"- {bold(group.label)} ({group.count}): {', '.join(named)}{tail}")
    return "\n".join(lines)


def _short(cites: list[str]) -> str:
    first = cites[0]
    _, _, lines = first.partition("#")
    start, _, end = lines.partition("-")
    return (
        start if not end or end.lstrip("L") == start.lstrip("L") else f"{start}-{end.lstrip('L')}"
    )


def _counted_phrase(question: AggregateQuestion) -> str:
    noun = _plural(question.counted)
    listed = "listed " if question.counted in _LISTED else ""
    if question.dimension is not None and question.dimension.grouping != "year":
        what = f"{listed}{noun} with a stated {question.dimension.noun.replace(' family', '')}"
    else:
        what = f"{listed}{noun} with a stated release year"
    return what + _scope_phrase(question)


def _scope_phrase(question: AggregateQuestion) -> str:
    parts = []
    for op, year in question.years:
        parts.append(
            {
                "=": f"from {year}",
                ">": f"after {year}",
                ">=": f"from {year} on",
                "<": f"before {year}",
                "<=": f"up to {year}",
            }[op]
        )
    for _, heading in question.sections:
        parts.append(f"under {escape(heading)}")
    for _, label in question.values:
        parts.append(f"related to {escape(label)}")
    return (" " + " ".join(parts)) if parts else ""


def _method(question: AggregateQuestion, total: int, counted: str) -> str:
    dimension = question.dimension
    how = ""
    if dimension is not None and dimension.grouping == "family":
        how = f" Each {dimension.noun.replace(' family', '')} counts under its top family (`skos:broader*`)."
    return f"Counted by SPARQL over the graph ({total} {counted}; a {_singular(question.counted)} counts once per group).{how}"


def _grouped_trend(
    intent: Intent,
    reader: GraphReader,
    question: AggregateQuestion,
    where: ListQuery,
    counts_sparql: str,
    rows_sparql: str,
) -> Answer:
    dimension = question.dimension
    assert dimension is not None
    rows = reader.select(_bound(counts_sparql, where))
    by_year: dict[int, dict[str, int]] = defaultdict(dict)
    totals: dict[str, int] = defaultdict(int)
    for row in rows:
        year, label, count = int(row["year"]), str(row["group"]), int(row["count"])
        by_year[year][label] = count
        totals[label] += count
    counted = _counted_phrase(question)
    if not by_year:
        return _nothing(intent, question, counted, where, counts_sparql)
    leading = sorted(totals, key=lambda g: (-totals[g], g.lower()))[:5]
    years = sorted(by_year)
    header = ["year", *[escape(g) for g in leading]]
    lines = [[str(y), *[str(by_year[y].get(g, 0)) for g in leading]] for y in years]
    firsts = []
    for y in years:
        best = max(by_year[y].values())
        tops = sorted(g for g, n in by_year[y].items() if n == best)
        firsts.append(f"{y}: {join_words([bold(g) for g in tops])} ({best})")
    lead = (
        f"The most common {dimension.noun} per year, among the {counted}: "
        + "; ".join(firsts)
        + "."
    )
    groups = _groups_for_citations(reader, rows_sparql, where)
    parts = [
        lead,
        table(header, lines),
        f"Columns: the {len(leading)} {_plural_noun(dimension.noun)} with the most {_plural(question.counted)} over all years; a {_singular(question.counted)} listed with two years counts in each.",
    ]
    parts.append(_counted_lines([g for g in groups if g.label in leading[:CITED_GROUPS]]))
    chart = {
        "kind": "bar",
        "title": f"{_plural(question.counted).capitalize()} per year by {dimension.noun}",
        "x": [str(y) for y in years],
        "series": [{"name": g, "y": [by_year[y].get(g, 0) for y in years]} for g in leading],
        "x_label": "year",
        "y_label": _plural(question.counted),
    }
    shown = [g for g in groups if g.label in leading]
    return _answer(
        intent,
        "\n\n".join(parts),
        shown,
        groups,
        reader,
        where,
        counts_sparql,
        chart,
        dimension.noun,
    )


def _groups_for_citations(reader: GraphReader, rows_sparql: str, where: ListQuery) -> list[_Group]:
    groups: dict[str, _Group] = {}
    for row in reader.select(_bound(rows_sparql, where)):
        key = str(row["g"])
        group = groups.setdefault(key, _Group(key, str(row["group"]), 0, _iri(row["g"]), {}))
        label, named, cites = group.members.setdefault(str(row["x"]), (str(row["label"]), [], []))
        if str(row["named"]) not in named:
            named.append(str(row["named"]))
        if row.get("cite") is not None and str(row["cite"]) not in cites:
            cites.append(str(row["cite"]))
    for group in groups.values():
        group.count = len(group.members)
    return sorted(groups.values(), key=lambda g: (-g.count, g.label.lower()))


# -- per-year counts and medians ----------------------------------------------------------


def _yearly(intent: Intent, reader: GraphReader, question: AggregateQuestion) -> Answer:
    """Entities per release year (and, for models, the yearly medians of stated sizes)."""
    year_dimension = dimensions()["year"][0]
    grouped = replace(question, kind="distribution", dimension=year_dimension, years=())
    answer = _grouped(intent, reader, grouped)
    if answer.grounded and question.counted == "Model":
        chart = dict(
            answer.extra["chart"],
            kind="line",
            title=f"{_plural(question.counted).capitalize()} per year",
        )
        answer = replace(answer, extra={**answer.extra, "chart": chart})
    return answer


def _measure_trend(intent: Intent, reader: GraphReader, question: AggregateQuestion) -> Answer:
    measure = question.measure
    assert measure is not None
    where = _where(replace(question, counted="Model"))
    body = "\n  ".join(where.patterns)
    sparql = (
        f"SELECT ?x ?label ?year ?n ?cite WHERE {{\n  {body}\n"
        f"  ?x rdfs:label ?label ; vlm:releaseYear ?year ; {measure.predicate} ?n .\n"
        f"  OPTIONAL {{ ?st rdf:subject ?x ; rdf:predicate {measure.predicate} ; rdf:object ?n ;\n"
        "    prov:wasDerivedFrom/vlm:citation ?cite }\n}\nORDER BY ?year ?label"
    )
    texts: dict[str, list[str]] = defaultdict(list)
    if measure.text_predicate:
        text_sparql = (
            f"SELECT ?x ?text WHERE {{\n  {body}\n  ?x {measure.text_predicate} ?text .\n}}"
        )
        for row in reader.select(_bound(text_sparql, where)):
            texts[str(row["x"])].append(str(row["text"]))
    models: dict[str, dict[str, Any]] = {}
    unstated: dict[str, list[str]] = defaultdict(list)
    for row in reader.select(_bound(sparql, where)):
        x, value = str(row["x"]), float(row["n"].toPython())
        item = models.setdefault(
            x, {"label": str(row["label"]), "years": set(), "values": {}, "cites": []}
        )
        item["years"].add(int(row["year"]))
        if measure.text_predicate and not _stated(value, texts[x]):
            unstated[x] = [t for t in texts[x] if _PRODUCT.search(t)]
            continue
        item["values"][value] = True
        if row.get("cite") is not None and str(row["cite"]) not in item["cites"]:
            item["cites"].append(str(row["cite"]))
    per_year: dict[int, list[tuple[float, str, str]]] = defaultdict(list)
    for x, item in models.items():
        if not item["values"]:
            continue
        per_year[min(item["years"])].append((max(item["values"]), item["label"], x))
    counted = (
        f"listed models with a stated {measure.noun} and a release year{_scope_phrase(question)}"
    )
    if not per_year:
        return _nothing(intent, question, counted, where, sparql)
    years = sorted(per_year)
    rows, medians = [], []
    for y in years:
        values = sorted(per_year[y])
        median = statistics.median(v for v, _, _ in values)
        medians.append(median)
        largest = values[-1]
        rows.append(
            [
                str(y),
                str(len(values)),
                _amount(median, measure),
                _amount(values[0][0], measure) + f" ({escape(values[0][1])})",
                _amount(largest[0], measure) + f" ({escape(largest[1])})",
            ]
        )
    first, last = medians[0], medians[-1]
    direction = "grew" if last > first else ("fell" if last < first else "stayed")
    lead = (
        f"The median {measure.noun} of the {counted} {direction} from "
        f"**{_amount(first, measure)}** ({years[0]}) to **{_amount(last, measure)}** ({years[-1]})."
    )
    n_models = sum(len(v) for v in per_year.values())
    parts = [lead, table(["year", "models", "median", "smallest", "largest"], rows)]
    note = f"Each of the {n_models} models counts once, with its largest stated {measure.noun}, in its earliest release year; the median is computed from the rows of the SPARQL below."
    if unstated:
        labels = sorted(models[x]["label"] for x in unstated)
        written = sorted({t for x in unstated for t in unstated[x]})
        note += (
            f" Left out, as the hub does not state them as a number: values computed from "
            f"{escape(join_words(written)) or 'a product'} ({escape(join_words(labels))})."
        )
    parts.append(note)
    lines = ["Counted:"]
    for y in years[-CITED_GROUPS:][::-1]:
        entries = sorted(per_year[y], key=lambda v: -v[0])
        named = [
            f"{escape(label)} {_amount(v, measure)} [{_short(models[x]['cites'])}]"
            if models[x]["cites"]
            else f"{escape(label)} {_amount(v, measure)}"
            for v, label, x in entries[:NAMED_PER_GROUP]
        ]
        more = len(entries) - NAMED_PER_GROUP
        lines.append(
            f"- **{y}** ({len(entries)}): {', '.join(named)}{f' and {more} more' if more > 0 else ''}"
        )
    parts.append("\n".join(lines))
    scale = 1e9 if measure.unit == "parameters" else 1e3
    chart = {
        "kind": "line",
        "title": f"Median {measure.noun} per year",
        "x": [str(y) for y in years],
        "y": [round(m / scale, 3) for m in medians],
        "x_label": "year",
        "y_label": f"median {measure.noun} ({'billions' if scale == 1e9 else 'thousands of tokens'})",
    }
    facts, refs = [], []
    entities = []
    for y in years:
        for value, label, x in per_year[y]:
            cites = models[x]["cites"]
            facts.append(
                Fact(label, measure.noun, _amount(value, measure), cites[0] if cites else "")
            )
            refs += cites
            entities.append(EntityRef(x, label, "Model"))
    return Answer(
        intent.question,
        "\n\n".join(parts),
        tuple(entities),
        tuple(facts),
        _citations(reader, refs),
        sparql=_display(sparql, where),
        extra={"chart": chart, "entities": [e.iri for e in entities], "aggregate": "trend"},
    )


def _stated(value: float, texts: list[str]) -> bool:
    """Whether one of the hub's own texts writes `value` as a number ("7B"), not a product."""
    for text in texts:
        if _PRODUCT.search(text):
            continue
        match = _STATED_COUNT.match(text.strip())
        if (
            match
            and abs(float(match.group(1)) * _SCALE[match.group(2).lower()] - value) <= 1e-6 * value
        ):
            return True
    return False


def _amount(value: float, measure: Measure) -> str:
    if measure.unit == "parameters":
        return human_number(value)
    return f"{human_number(value)} tokens"


# -- the overview ------------------------------------------------------------------------

_CLASS_COUNTS = """
SELECT ?class (COUNT(DISTINCT ?x) AS ?count) WHERE {
  ?x a ?class .
  FILTER(?class IN (%s))
  FILTER(?class NOT IN (vlm:Model, vlm:Dataset, vlm:Benchmark, vlm:Tool)
         || EXISTS { ?x vlm:listedIn ?section })
}
GROUP BY ?class
"""
_SECTIONS = """
SELECT ?s ?title ?parent ?cite ?start WHERE {
  ?s a vlm:Section ; rdfs:label ?title ; dcterms:isPartOf ?parent .
  OPTIONAL { ?s prov:wasDerivedFrom ?span . ?span vlm:citation ?cite ; vlm:startLine ?start }
}
ORDER BY ?start
"""
_SECTION_ENTRIES = """
SELECT ?s (COUNT(DISTINCT ?x) AS ?entries) WHERE {
  ?x vlm:listedIn/dcterms:isPartOf* ?s ; a ?class .
  FILTER(?class IN (vlm:Model, vlm:Dataset, vlm:Benchmark, vlm:Tool, vlm:TableRow,
                    vlm:ResearchDirection, vlm:ApplicationDomain))
}
GROUP BY ?s
"""
_HUBS = (
    "SELECT DISTINCT ?file WHERE { ?span a vlm:SourceSpan ; vlm:sourceFile ?file } ORDER BY ?file"
)


def _summary(intent: Intent, reader: GraphReader) -> Answer:
    names = _data()["summary_classes"]
    in_list = ", ".join(f"vlm:{c}" for c in names)
    class_sparql = _CLASS_COUNTS % in_list
    counts = {
        str(r["class"]).rsplit("#", 1)[-1]: int(r["count"]) for r in reader.select(class_sparql)
    }
    held = [(c, counts[c]) for c in names if counts.get(c)]
    files = [str(r["file"]) for r in reader.select(_HUBS)]
    holds = join_words([f"**{n}** {names[c]}" for c, n in held]) or "no entities"
    parts = [f"{escape(join_words(files)) or 'The graph'} holds {holds}."]
    facts: list[Fact] = [Fact("hub", f"number of {names[c]}", str(n), "") for c, n in held]
    refs: list[str] = []
    bullets = []
    years = _grouped_counts(reader, AggregateQuestion("distribution", dimensions()["year"][0]))
    if years:
        busiest = max(years, key=lambda g: (g.count, g.label))
        bullets.append(
            f"Years covered (models' release years): {years[0].label}–{years[-1].label}; "
            f"most models in {busiest.label} ({busiest.count})."
        )
    for name, title in (
        ("vision_encoder", "vision encoder families"),
        ("language_backbone", "language backbone families"),
        ("architecture", "architectures"),
    ):
        groups = _grouped_counts(reader, AggregateQuestion("rank", dimensions()[name][0]))
        ranked = sorted(groups, key=lambda g: (-g.count, g.label.lower()))[:5]
        if ranked:
            bullets.append(
                f"Most shared {title}: "
                + ", ".join(
                    f"{escape(g.label)} ({g.count} model{'s' if g.count != 1 else ''})"
                    for g in ranked
                )
                + "."
            )
            for group in ranked[:3]:
                for label, _, cites in group.members.values():
                    refs += cites[:1]
    sections = _top_sections(reader)
    if sections:
        bullets.append(
            "Sections: "
            + "; ".join(f"{escape(t)} ({n} entries)" if n else escape(t) for t, n, _ in sections)
            + "."
        )
        refs = [c for _, _, c in sections if c] + refs
    parts.append("\n".join(f"- {b}" for b in bullets))
    parts.append(
        "Computed by SPARQL over the graph: counts per class (models, datasets, benchmarks and tools as listed in the hub), groupings by family, release year and heading."
    )
    chart = {
        "kind": "bar",
        "title": "What the hub holds",
        "x": [names[c] for c, _ in held],
        "y": [n for _, n in held],
        "x_label": "class",
        "y_label": "entities",
    }
    return Answer(
        intent.question,
        "\n\n".join(parts),
        (),
        tuple(facts),
        _citations(reader, refs),
        sparql=_prologue() + class_sparql.strip(),
        extra={"chart": chart, "aggregate": "summary"},
    )


def _grouped_counts(reader: GraphReader, question: AggregateQuestion) -> list[_Group]:
    where = _where(question)
    counts_sparql, rows_sparql = _grouped_sparql(question, where, False)
    return _groups(reader, counts_sparql, rows_sparql, where)


def _top_sections(reader: GraphReader) -> list[tuple[str, int, str | None]]:
    """The hub's main headings (below a lone title heading) with the entries under each."""
    rows = reader.select(_SECTIONS)
    entries = {str(r["s"]): int(r["entries"]) for r in reader.select(_SECTION_ENTRIES)}
    sections = {str(r["s"]): r for r in rows}
    children: dict[str, list[str]] = defaultdict(list)
    for iri, row in sections.items():
        children[str(row["parent"])].append(iri)
    top = [iri for iri, row in sections.items() if str(row["parent"]) not in sections]
    while len(top) == 1 and children.get(top[0]):
        top = children[top[0]]
    return [
        (
            str(sections[i]["title"]),
            entries.get(i, 0),
            str(sections[i]["cite"]) if sections[i].get("cite") else None,
        )
        for i in top
    ]


# -- shared pieces -----------------------------------------------------------------------


def _answer(
    intent: Intent,
    markdown: str,
    shown: list[_Group],
    groups: list[_Group],
    reader: GraphReader,
    where: ListQuery,
    sparql: str,
    chart: dict[str, Any],
    noun: str,
) -> Answer:
    facts, refs = [], []
    for group in groups:
        for label, named, cites in group.members.values():
            for name in named:
                facts.append(Fact(label, noun, name, cites[0] if cites else ""))
            refs += cites
    lead_members = list(shown[0].members) if shown else []
    entities = tuple(EntityRef(g.iri, g.label, "Group") for g in shown if g.iri)
    return Answer(
        intent.question,
        markdown,
        entities,
        tuple(facts),
        _citations(reader, refs),
        sparql=_display(sparql, where),
        extra={"chart": chart, "entities": lead_members, "aggregate": "grouped"},
    )


def _nothing(
    intent: Intent, question: AggregateQuestion, counted: str, where: ListQuery, sparql: str
) -> Answer:
    return Answer(
        intent.question,
        f"The hub states no {counted}, so there is nothing to count.",
        grounded=False,
        sparql=_display(sparql, where),
    )


def _citations(reader: GraphReader, refs: list[str]) -> tuple[Citation, ...]:
    """Each cited line once, in hub order, with its heading."""
    unique = sorted(dict.fromkeys(r for r in refs if r), key=_line_key)
    sections = _span_sections(reader)
    return tuple(Citation(r, sections.get(r, "")) for r in unique)


def _line_key(ref: str) -> tuple[str, int]:
    file, _, lines = ref.partition("#L")
    start = lines.split("-")[0]
    return (file, int(start) if start.isdigit() else 0)


_SPAN_SECTIONS = """
SELECT ?cite ?section WHERE {
  ?span a vlm:SourceSpan ; vlm:citation ?cite ; vlm:listedIn/rdfs:label ?section .
}
"""


def _span_sections(reader: GraphReader) -> dict[str, str]:
    cached = getattr(reader, "_aggregate_span_sections", None)
    if cached is None:
        cached = {str(r["cite"]): str(r["section"]) for r in reader.select(_SPAN_SECTIONS)}
        reader._aggregate_span_sections = cached  # type: ignore[attr-defined]
    return cached


def _bound(sparql: str, where: ListQuery) -> str:
    """The query with its values stated as RDF terms in a VALUES block (never spliced text)."""
    values = "".join(
        f"  VALUES ?{name} {{ {term.n3()} }}\n" for name, term in where.bindings.items()
    )
    return sparql.replace("WHERE {\n", "WHERE {\n" + values, 1)


def _display(sparql: str, where: ListQuery) -> str:
    """The query as a user can paste it: prefixes, and the bound values in a VALUES block."""
    return _prologue() + _bound(sparql, where)


def _prologue() -> str:
    used = ("dcterms", "prov", "rdf", "rdfs", "skos", "vlm")
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in used)


def _plural(class_name: str) -> str:
    return {
        "Model": "models",
        "Dataset": "datasets",
        "Benchmark": "benchmarks",
        "Tool": "tools",
        "TableRow": "entries",
    }.get(class_name, class_name.lower() + "s")


def _singular(class_name: str) -> str:
    return _plural(class_name).removesuffix("s")


def _plural_noun(noun: str) -> str:
    if noun.endswith("y"):
        return noun[:-1] + "ies"
    return noun + "s"


_ = VLM  # the namespace the fixed queries use
