"""Aggregate questions answered from the graph: rankings, distributions, trends, summaries.

"Which vision encoder is most popular?", "how many models per year?", "how has model size
changed over time?", "summarize the hub". A question is read as an aggregate only when it
has an aggregate cue and every content word is accounted for (a cue, a dimension, a class
noun, a year, a linked name or a filler word of aggregates.yaml); otherwise `aggregate`
returns None and the other answerers take it. The answers (`_aggregate_answers`,
`_overview`) count by SPARQL, show the query, cite every counted entity's line and carry
their chart in `extra["chart"]`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from itertools import pairwise
from typing import Any

from search.assistant._aggregate_answers import grouped, grouped_trend, measure_trend
from search.assistant._aggregate_data import (
    AggregateQuestion,
    Dimension,
    Measure,
    data,
    dimensions,
    filler,
    measures,
)
from search.assistant._overview import summary, trends
from search.assistant._text import tokens, words
from search.assistant._vocabulary import vocabulary
from search.assistant.answer import Answer
from search.assistant.graph import GraphReader
from search.assistant.lexicon import split_value_iri
from search.assistant.understand import SUBJECT_TYPES, TOPIC_TYPES, VALUE_TYPES, Intent

__all__ = ["AggregateQuestion", "aggregate", "read_question"]

_YEAR = re.compile(r"^(19[5-9]\d|20\d\d)$")
_BACK_REFERENCE = {"those", "these", "them", "they", "their", "its"}


def aggregate(intent: Intent, reader: GraphReader) -> Answer | None:
    """The answer to an aggregate question, or None when `intent` is not one."""
    question = read_question(intent)
    if question is None:
        return None
    if question.kind == "summary":
        return summary(intent, reader)
    if question.measure is not None:
        return measure_trend(intent, reader, question)
    if question.kind == "trend":
        return (
            grouped_trend(intent, reader, question)
            if question.dimension
            else trends(intent, reader, question)
        )
    return grouped(intent, reader, question)


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
    groups += [(cue, "", phrases) for cue, phrases in data()["cues"].items()]
    groups += [("dimension", name, list(p)) for name, (_, p) in dimensions().items()]
    groups += [("measure", name, list(p)) for name, (_, p) in measures().items()]
    classes: dict[str, list[str]] = vocabulary()["classes"]
    groups += [("class", name, nouns) for name, nouns in classes.items()]
    groups.append(("collection", "", data()["collection"]))
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
    cues = [p for phrases in data()["cues"].values() for p in phrases]
    # a lone "most" too ("which encoder do most 2025 models use"): read only with a dimension
    return _alternation([*cues, "most", "least", "fewest"])


def _hits(plain: str) -> list[_Hit]:
    """Every phrase of the aggregate language in `plain`, longest first, without overlaps."""
    # every match at every start, overlapping ones too: "llm backbone family" holds both
    # "llm backbone" and the longer "backbone family", and the longest must win
    found = [
        _Hit(start, end, category, payload or plain[start:end])
        for category, payload, pattern in _patterns()
        for start, end in _all_matches(pattern, plain)
    ]
    found.sort(key=lambda h: (-(h.end - h.start), h.start))
    kept: list[_Hit] = []
    for hit in found:
        if not any(hit.start < k.end and k.start < hit.end for k in kept):
            kept.append(hit)
    kept.sort(key=lambda h: h.start)
    # "the architectures list", "the model table": a noun naming the collection itself
    for i, (a, b) in enumerate(pairwise(kept)):
        named = a.category in ("dimension", "class") and b.category == "collection"
        if named and b.start == a.end + 1:
            kept[i] = replace(a, category="collection")
    return kept


def _all_matches(pattern: re.Pattern[str], plain: str) -> list[tuple[int, int]]:
    """(start, end) of the longest match of `pattern` at each word of `plain`."""
    spans = []
    for start in (0, *(i + 1 for i, ch in enumerate(plain) if ch == " ")):
        match = pattern.match(plain, start)
        if match is not None:
            spans.append((start, match.end()))
    return spans


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
    yes_no = bool(low) and low[0] in vocabulary()["yes_no_starts"]
    for mention in intent.mentions:
        if all(covered[i] for i in range(mention.start, mention.end)):
            if _names_a_heading(mention, hits, offsets):
                # "among the seminal models": the class noun names a heading, the scope
                scope.append(mention)
            continue  # "vision encoder" read as the dimension, not as a heading
        # about one entity (a lookup), unless it is also a value counted entities have and
        # the question names what is counted ("among models using CLIP") or asks yes or no
        # ("is CLIP the most common encoder?")
        named = any(h.category == "class" for h in hits) or yes_no
        if (
            mention.of_type(*SUBJECT_TYPES, *TOPIC_TYPES)
            and not mention.of_type("Section")
            and not (_values_of(mention) and named)
        ):
            return None
        hits = [h for h in hits if not _overlaps(h, offsets[mention.start : mention.end])]
        scope.append(mention)
        for i in range(mention.start, mention.end):
            covered[i] = True
    covered = [
        c or any(h.start <= s and e <= h.end for h in hits)
        for c, (s, e) in zip(covered, offsets, strict=True)
    ]
    if any(t in _BACK_REFERENCE for t in low):
        return None
    top_count = _top_number(" ".join(low))
    leftover = [
        t
        for t, c in zip(low, covered, strict=True)
        if not c
        and not _YEAR.match(t)
        and not (top_count is not None and t in (str(top_count), *_number_words()))
        and any(w not in filler() for w in t.split())
    ]
    if leftover:
        return None
    question = _question(hits, plain, intent, scope, yes_no)
    if question is not None and question.values:
        belongs = tuple(_dimension_of(v[0], scope) for v in question.values)
        question = replace(question, value_dimensions=belongs)
    if question is None or not (yes_no and question.values):
        return question
    if question.kind != "rank" or len(question.values) != 1:
        return None
    # "Is CLIP the most common vision encoder?": a claim about the ranking, not a filter
    return replace(question, values=(), value_dimensions=(), claim=question.values[0])


def _names_a_heading(mention: Any, hits: list[_Hit], offsets: list[tuple[int, int]]) -> bool:
    """Whether `mention` is a heading whose words only class nouns cover ("seminal models"
    is the class Model and the heading "Seminal models (Post-2021)")."""
    if not mention.of_type("Section"):
        return False
    spans = offsets[mention.start : mention.end]
    over = [h for h in hits if _overlaps(h, spans)]
    return bool(over) and all(h.category == "class" for h in over)


def _values_of(mention: Any) -> tuple[Any, ...]:
    """The entities of a mention that can be another entity's value (an encoder, a lab)."""
    return tuple(mention.of_type(*VALUE_TYPES, "Value", "Organization"))


def _overlaps(hit: _Hit, spans: list[tuple[int, int]]) -> bool:
    return any(hit.start < e and s < hit.end for s, e in spans)


def _question(
    hits: list[_Hit], plain: str, intent: Intent, scope: list[Any], yes_no: bool
) -> AggregateQuestion | None:
    cues = {h.category for h in hits}
    if re.search(r"\bmost\b", plain):
        cues.add("most")  # "which encoder do most models use", "which one shows up most"
    if re.search(r"\b(least|fewest)\b", plain):
        cues.add("least")
    dimension, by_year = _dimension(hits, plain)
    grouping_cues = {"group", "distribution", "trend", "average", "top", "rank_most", "rank_least"}
    if re.search(r"\bhow many\b", plain) and not (cues & grouping_cues or by_year):
        # "how many architectures does the list cover?": a count, not a grouping
        return None
    measure = next((measures()[h.payload][0] for h in hits if h.category == "measure"), None)
    counted = [h.payload for h in hits if h.category in ("class", "rank_most", "rank_least")]
    counted = [c for c in counted if c in vocabulary()["classes"]]
    sections = tuple(
        (e.iri, e.label) for m in scope for e in m.of_type("Section")[:1] if not m.of_type("Value")
    )
    values = tuple(
        (e.iri, e.label)
        for m in scope
        if not m.of_type("Section")
        for e in (_values_of(m) or m.entities)[:1]
    )
    years = _as_range(intent.years)
    headings = intent.extra.get("year_headings") or ()
    if headings and re.search(r"\b(section|heading|list)s?\b", plain):
        # "in the 2024 section": the heading, not the release year
        sections, years = (*sections, *((e.iri, e.label) for e in headings[:1])), ()
    if "summary" in cues and not (dimension or measure or scope or years or counted):
        return AggregateQuestion("summary")
    if dimension is None and measure is None and "distribution" in cues and len(values) == 1:
        return _share(values[0], scope, counted, sections, years)
    if by_year and dimension is not None and measure is None:
        # "the most common architecture per year": the leading values of each year
        return _scoped("trend", dimension, None, counted, sections, values, ())
    yearly = dimension is not None and dimension.name == "year"
    if measure and (cues & {"average", "trend", "rank_most", "distribution"} or yearly):
        # "the average model size", "the typical model size", "the distribution of sizes",
        # "model size per year", "how has model size grown"
        kind = "trend" if "trend" in cues or yearly else "average"
        return _scoped(kind, None, measure, counted, sections, values, () if yearly else years)
    if yearly:
        years, dimension = (), (None if "trend" in cues else dimension)
        if dimension is None and measure is None:
            return _scoped("trend", None, None, counted, sections, values, ())
    if "trend" in cues:
        return _scoped("trend", dimension, measure, counted, sections, values, years)
    if dimension is None:
        return None
    ranks = bool(cues & {"rank_most", "rank_least", "most", "least"}) or _top_before(hits, plain)
    # "what kinds of architectures does the list cover": the values it holds, counted
    grouped = bool(cues & {"distribution", "summary"}) or _group_before(hits)
    if not (ranks or grouped):
        return None
    if not yes_no:
        # "which architecture is most common (decoder-only, encoder-decoder, ...)?": values
        # of the dimension itself are examples of what is ranked, never a condition
        values = tuple(v for v in values if not _value_of(dimension, v[0], scope))
    question = _scoped(
        "rank" if ranks else "distribution",
        dimension,
        None,
        counted,
        sections,
        values,
        years,
        claims=yes_no,
    )
    if question is None:
        return None
    least = bool(cues & {"rank_least", "least"}) and not cues & {"rank_most", "most"}
    order = "least" if least else "most"
    return replace(question, order=order, top=_top_number(plain))


def _value_of(dimension: Dimension, iri: str, scope: list[Any]) -> bool:
    """Whether the entity `iri` a mention of `scope` names is a value of `dimension`."""
    if iri.startswith("value:"):
        return split_value_iri(iri)[0] == dimension.predicate
    entities = [e for m in scope for e in m.entities if e.iri == iri]
    return bool(dimension.value_types) and any(e.is_a(*dimension.value_types) for e in entities)


def _dimension_of(iri: str, scope: list[Any]) -> str:
    """The dimension a named value belongs to ("architecture" for decoder-only), "" when
    none says."""
    for name, (found, _) in dimensions().items():
        if found.value_types and _value_of(found, iri, scope):
            return name
    return ""


def _as_range(years: tuple[tuple[str, int], ...]) -> tuple[tuple[str, int], ...]:
    """Two exact years as the range they span ("from 2023 to 2025", "in 2023 and 2024"):
    no entity has both, so the question asks for the years between."""
    exact = sorted({year for op, year in years if op == "="})
    if len(exact) < 2 or len(exact) != len(years):
        return years
    return ((">=", exact[0]), ("<=", exact[-1]))


def _dimension(hits: list[_Hit], plain: str) -> tuple[Dimension | None, bool]:
    """(what the question groups by, whether it also asks per year).

    A dimension right after a group cue wins ("how many architectures were released in
    each year" groups by year: the noun after "how many" names what is counted); "the
    most common architecture per year" groups by architecture, per year."""
    found = [h for h in hits if h.category == "dimension"]
    if not found:
        return None, False
    after_cue = [
        b.payload
        for a, b in pairwise(hits)
        if a.category == "group" and b.category == "dimension" and 0 <= b.start - a.end <= 5
    ]
    counted = [h for h in found if re.search(r"\bhow many $", plain[: h.start])]
    others = [h for h in found if h.payload != "year" and h not in counted]
    if "year" in after_cue and others:
        return dimensions()[others[0].payload][0], True
    if after_cue:
        return dimensions()[after_cue[0]][0], False
    return dimensions()[found[0].payload][0], False


def _share(
    value: tuple[str, str],
    scope: list[Any],
    counted: list[str],
    sections: tuple[tuple[str, str], ...],
    years: tuple[tuple[str, int], ...],
) -> AggregateQuestion | None:
    """ "What share of the models are decoder-only?": the distribution over the dimension
    the named value belongs to, with the value as the claim to give the share of."""
    iri, _ = value
    mention = next(m for m in scope if any(e.iri == iri for e in m.entities))
    entity = next(e for e in mention.entities if e.iri == iri)
    curie = split_value_iri(iri)[0] if iri.startswith("value:") else None
    for found, _ in dimensions().values():
        if curie == found.predicate or (found.value_types and entity.is_a(*found.value_types)):
            named = [c for c in counted if c != found.value_class]
            if named and named[0] not in found.classes:
                return None
            return AggregateQuestion(
                "distribution",
                found,
                counted=named[0] if named else found.classes[0],
                years=years,
                sections=sections,
                claim=value,
            )
    return None


def _scoped(
    kind: str,
    dimension: Dimension | None,
    measure: Measure | None,
    counted: list[str],
    sections: tuple[tuple[str, str], ...],
    values: tuple[tuple[str, str], ...],
    years: tuple[tuple[str, int], ...],
    claims: bool = False,
) -> AggregateQuestion | None:
    """The question with its counted class: the first class noun the dimension applies to
    (`claims`: a yes/no question whose value is a claim, not a condition)."""
    allowed = dimension.classes if dimension else ("Model", "Dataset", "Benchmark")
    if measure:
        allowed = ("Model",)
    named = [c for c in counted if not dimension or c != dimension.value_class]
    if named and named[0] == "TableRow" and "Entry" in allowed:
        named[0] = "Entry"  # "which section has the most entries"
    if named and named[0] not in allowed:
        return None
    if values and not named and not (kind == "rank" and claims):
        return None  # "how did the context window of Gemini change?" asks about Gemini
    return AggregateQuestion(
        kind,
        dimension,
        measure,
        named[0] if named else allowed[0],
        years=years,
        sections=sections,
        values=values,
        alternatives=() if named else allowed[1:],
    )


def _group_before(hits: list[_Hit]) -> bool:
    """ "per year", "by architecture", "for each organisation": a group cue, then the dimension."""
    return any(
        a.category == "group" and b.category == "dimension" and 0 <= b.start - a.end <= 5
        for a, b in pairwise(hits)
    )


def _top_before(hits: list[_Hit], plain: str) -> bool:
    """ "top 5 encoders", "top five backbones", "the leading architectures" """
    return any(
        a.category == "top"
        and b.category == "dimension"
        and _is_count(plain[a.end : b.start].strip())
        for a, b in pairwise(hits)
    )


def _is_count(text: str) -> bool:
    return not text or text.isdigit() or text in _number_words()


def _top_number(plain: str) -> int | None:
    """N of "top 5", "top five", "the five most common": the groups asked for."""
    for match in _TOP_NUMBER.finditer(plain):
        number = match.group(1) or match.group(2)
        if number.isdigit():
            return int(number)
        if number in _number_words():
            return _number_words()[number]
    return None


@cache
def _number_words() -> dict[str, int]:
    named: dict[str, int] = vocabulary()["number_words"]
    return {w: n for w, n in named.items() if n > 1}


_TOP_NUMBER = re.compile(r"\btop ([a-z]+|\d{1,2})\b|\b([a-z]+|\d{1,2}) (?:most|least)\b")
