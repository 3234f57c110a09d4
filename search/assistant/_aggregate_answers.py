"""Answers to aggregate questions: rankings, distributions and trends, counted by SPARQL.

Every number comes from a query over the graph (the one shown with the answer); every
counted entity is cited by the hub line stating the counted fact; the answer carries its
chart in `extra["chart"]` ({kind, title, x, y} or {kind, title, x, series}).
"""

from __future__ import annotations

import re
import statistics
import weakref
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from rdflib import Literal, URIRef

from kg.vocab import PREFIXES
from search.assistant._aggregate_data import (
    AggregateQuestion,
    Measure,
    article,
    dimension,
    plural,
    plural_noun,
    singular,
)
from search.assistant._months import MONTH_NAMES
from search.assistant._text import human_number
from search.assistant._vocabulary import curated
from search.assistant.answer import Answer, Citation, EntityRef, Fact
from search.assistant.compose import bold, escape, join_words, table
from search.assistant.graph import GraphReader
from search.assistant.lexicon import split_value_iri, value_iri
from search.assistant.querying import ListQuery
from search.assistant.understand import Intent

ENTRY = "Entry"  # not a class: any listed entry of ENTRY_CLASSES
ENTRY_CLASSES = ("Model", "Dataset", "Benchmark", "Tool", "Paper", "TableRow")
TOP_GROUPS = 8  # rows of a distribution table
RANKED_GROUPS = 5  # rows of a ranking table (its leader, and the next for context)
CITED_GROUPS = 3  # groups whose counted entities are named in the text
NAMED_PER_GROUP = 5
TREND_COLUMNS = 5
_LISTED = {"Model", "Dataset", "Benchmark", "Tool"}
_RELATED = (
    "vlm:visionEncoder vlm:languageBackbone vlm:component vlm:architecture vlm:basedOn "
    "vlm:category schema:creator"
)
_STATED_COUNT = re.compile(r"^~?(\d+(?:\.\d+)?)\s?([KMBT])\b", re.I)
_PRODUCT = re.compile(r"[x×*]\s*\d")
_SCALE = {"k": 1e3, "m": 1e6, "b": 1e9, "t": 1e12}
# How each grouping names its group ?g (an IRI or a literal) and its label ?group.
_GROUP = {
    "family": (
        "?value skos:broader* ?g . FILTER NOT EXISTS { ?g skos:broader ?parent }\n"
        "  ?g rdfs:label ?group ."
    ),
    "label": (
        "OPTIONAL { ?value rdfs:label ?vl }\n"
        "  BIND(?value AS ?g) BIND(COALESCE(?vl, STR(?value)) AS ?group)"
    ),
    "literal": "BIND(?value AS ?g) BIND(STR(?value) AS ?group)",
    # a heading with the heading it is under, unless that one is the document's title:
    # "Seminal models (Post-2021) › 2025", not a bare "2025"
    "section": (
        "?value rdfs:label ?vl . BIND(?value AS ?g)\n"
        "  OPTIONAL { ?value dcterms:isPartOf ?parent . ?parent rdfs:label ?pl ;\n"
        "    dcterms:isPartOf/a vlm:Section }\n"
        '  BIND(IF(BOUND(?pl), CONCAT(?pl, " › ", ?vl), ?vl) AS ?group)'
    ),
    "year": "BIND(?value AS ?g) BIND(?value AS ?group)",
    # a date's month: "2026-07-17" counts under "July 2026"
    "month": (
        "FILTER(REGEX(STR(?value), '^[0-9]{4}-[0-9]{2}'))\n"
        "  BIND(SUBSTR(STR(?value), 1, 7) AS ?g)\n"
        "  VALUES (?mm ?month) { "
        + " ".join(f'("{n:02d}" "{name}")' for n, name in enumerate(MONTH_NAMES, start=1))
        + " }\n"
        "  FILTER(SUBSTR(?g, 6, 2) = ?mm)\n"
        '  BIND(CONCAT(?month, " ", SUBSTR(?g, 1, 4)) AS ?group)'
    ),
}


@dataclass
class Member:
    """A counted entity: its label, the values it was counted by, the lines stating them."""

    label: str
    named: list[str] = field(default_factory=list)
    cites: list[str] = field(default_factory=list)


@dataclass
class Group:
    """One value of the dimension with its count and its counted entities."""

    key: str
    label: str
    count: int
    iri: str | None
    members: dict[str, Member] = field(default_factory=dict)


# -- queries -----------------------------------------------------------------------------


def conditions(question: AggregateQuestion) -> ListQuery:
    """The conditions on the counted entities ?x, their values bound as RDF terms."""
    query = ListQuery()
    if question.counted == ENTRY:
        # "which section has the most entries": every listed model, dataset, benchmark...
        query.patterns.append(
            "?x a ?entryClass ; vlm:listedIn ?anywhere .\n  FILTER(?entryClass IN ("
            + ", ".join(f"vlm:{c}" for c in ENTRY_CLASSES)
            + "))"
        )
    else:
        query.of_class(question.counted)
    for op, year in question.years:
        query.compare("vlm:releaseYear", op, year, f"year {op} {year}")
    for iri, heading in question.sections:
        query.in_section(iri, f"under {heading}")
    named = question.value_dimensions or ("",) * len(question.values)
    for (iri, label), name in zip(question.values, named, strict=True):
        if iri.startswith("value:"):
            curie, value = split_value_iri(iri)
            query.literal(curie, value, label)
        else:
            # the value's own property when a dimension says which, else any relation
            paths = [dimension(name).predicate] if name else _RELATED.split()
            query.related(paths, [iri], label)
    return query


def grouped_queries(
    question: AggregateQuestion, where: ListQuery, by_year: bool = False
) -> tuple[str, str]:
    """(the GROUP BY query whose numbers the answer gives, the row query naming each
    counted entity with the line that states its value)."""
    dimension = question.dimension
    assert dimension is not None
    body = "\n  ".join(
        [*where.patterns, f"?x {dimension.predicate} ?value .", _GROUP[dimension.grouping]]
    )
    year = "?x vlm:releaseYear ?year .\n  " if by_year else ""
    keys = "?year ?g ?group" if by_year else "?g ?group"
    if by_year:
        order = "?year DESC(?count) ?group"
    else:
        order = "?group" if dimension.grouping == "year" else "DESC(?count) ?group"
        order = "?g" if dimension.grouping == "month" else order
    counts = (
        f"SELECT {keys} (COUNT(DISTINCT ?x) AS ?count) WHERE {{\n  {year}{body}\n}}\n"
        f"GROUP BY {keys}\nORDER BY {order}"
    )
    rows = (
        f"SELECT DISTINCT ?g ?group ?x ?label ?named ?cite WHERE {{\n  {body}\n"
        "  ?x rdfs:label ?label .\n"
        "  OPTIONAL { ?value rdfs:label ?nl }\n  BIND(COALESCE(?nl, STR(?value)) AS ?named)\n"
        f"  OPTIONAL {{ ?st rdf:subject ?x ; rdf:predicate {dimension.predicate} ; "
        "rdf:object ?value ;\n    prov:wasDerivedFrom/vlm:citation ?stated }\n"
        # a value no statement cites (the heading an entry is listed under): its own line
        "  OPTIONAL { FILTER(!BOUND(?stated)) ?x prov:wasDerivedFrom/vlm:citation ?own }\n"
        "  BIND(COALESCE(?stated, ?own) AS ?cite)\n}"
    )
    return counts, rows


def bound(sparql: str, where: ListQuery) -> str:
    """The query with its values stated as RDF terms in a VALUES block (never spliced text)."""
    values = "".join(
        f"  VALUES ?{name} {{ {term.n3()} }}\n" for name, term in where.bindings.items()
    )
    return sparql.replace("WHERE {\n", "WHERE {\n" + values, 1)


def display(sparql: str, where: ListQuery | None = None) -> str:
    """The query as a user can paste it: prefixes, and the bound values in a VALUES block."""
    used = ("dcterms", "prov", "rdf", "rdfs", "schema", "skos", "vlm")
    prologue = "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in used)
    return prologue + (bound(sparql, where) if where else sparql)


def read_groups(reader: GraphReader, question: AggregateQuestion) -> list[Group]:
    """The groups of a rank or distribution question in the GROUP BY query's order."""
    where = conditions(question)
    counts, rows = grouped_queries(question, where)
    dimension = question.dimension
    assert dimension is not None
    literal = dimension.grouping == "literal"
    groups = {
        str(r["g"]): Group(
            str(r["g"]),
            str(r["group"]),
            int(r["count"]),
            value_iri(dimension.predicate, str(r["g"])) if literal else _iri(r["g"]),
        )
        for r in reader.select(bound(counts, where))
    }
    _add_members(reader, bound(rows, where), groups)
    return list(groups.values())


def _add_members(reader: GraphReader, rows_sparql: str, groups: dict[str, Group]) -> None:
    for row in reader.select(rows_sparql):
        group = groups.get(str(row["g"]))
        if group is None:
            continue
        member = group.members.setdefault(str(row["x"]), Member(str(row["label"])))
        if str(row["named"]) not in member.named:
            member.named.append(str(row["named"]))
        if row.get("cite") is not None and str(row["cite"]) not in member.cites:
            member.cites.append(str(row["cite"]))


def _iri(term: Any) -> str | None:
    return str(term) if isinstance(term, URIRef) else None


# -- rankings and distributions ----------------------------------------------------------


def grouped(intent: Intent, reader: GraphReader, question: AggregateQuestion) -> Answer:
    """ "Which vision encoder is most popular?", "how many datasets per category?" """
    dimension = question.dimension
    assert dimension is not None
    groups = read_groups(reader, question)
    for other in question.alternatives:
        if groups:
            break
        # "the distribution of licenses": count the class that states them
        question = replace(question, counted=other)
        groups = read_groups(reader, question)
    where = conditions(question)
    counts_sparql, _ = grouped_queries(question, where)
    counted = counted_phrase(question)
    if not groups:
        return nothing(intent, counted, display(counts_sparql, where))
    total = len({x for g in groups for x in g.members})
    chronological = dimension.grouping == "year"
    by_count = sorted(
        groups,
        key=lambda g: (g.count if question.order == "least" else -g.count, g.label.lower()),
    )
    ranking = question.kind == "rank" and not question.top
    # a ranking asks for its leader: the next few give it context, the sources the rest
    limit = question.top or (RANKED_GROUPS if ranking else TOP_GROUPS)
    if question.top and not chronological:
        # "top 5": a group tied with the fifth is shown too, not cut at random
        while limit < len(by_count) and by_count[limit].count == by_count[limit - 1].count:
            limit += 1
    shown = (groups if chronological else by_count)[:limit]
    header = [dimension.noun, plural(question.counted)]
    rows = [[escape(g.label), str(g.count)] for g in shown]
    if dimension.grouping == "family" and not ranking:
        # a ranking leads with its value and stays short: how the hub names each family's
        # members is the distribution's detail (and the counted facts')
        header.append("named in the hub as")
        rows = [[*row, escape(_named_tally(g))] for row, g in zip(rows, shown, strict=True)]
    parts = [_lead(question, groups, total, counted), table(header, rows)]
    if dimension.grouping == "family" and ranking:
        written = _most_written(question, groups, by_count[0])
        if written:
            parts.insert(1, written)
    if question.claim is not None and question.kind == "distribution":
        parts[0] = _share_of(question, groups, total, counted) + " " + parts[0]
    elif question.claim is not None:
        parts[0] = _verdict(question, groups) + " " + parts[0]
    rest = len(groups) - len(shown)
    if rest:
        parts.append(_rest_line(question, shown, [g for g in groups if g not in shown]))
    # a ranking names the counted entities of its answer only (the leaders, ties together):
    # the table gives every group's count and the sources every counted line, so the
    # answer leads with the value and stays short
    answered = _answered(question, shown, by_count)
    leading = answered if ranking else shown
    parts.append(counted_lines(leading[:CITED_GROUPS]))
    parts.append(_method(question))
    chart = {
        "kind": "bar",
        "title": f"{plural(question.counted).capitalize()} per {dimension.noun}",
        "x": [g.label for g in shown],
        "y": [g.count for g in shown],
        "x_label": dimension.noun,
        "y_label": plural(question.counted),
    }
    answer = grouped_answer(
        intent,
        "\n\n".join(parts),
        shown,
        groups,
        reader,
        display(counts_sparql, where),
        chart,
        dimension.noun.removesuffix(" family"),
        answered=answered,
    )
    if dimension.grouping == "year":
        return answer
    return with_undisclosed(answer, reader, question, dimension.name, dimension.noun)


def with_undisclosed(
    answer: Answer, reader: GraphReader, question: AggregateQuestion, name: str, noun: str
) -> Answer:
    """The answer with the entities the list says do not disclose the counted value (an
    `Undisclosed` cell) named apart, with their lines: never counted, never dropped silently."""
    where = conditions(question)
    body = "\n  ".join(where.patterns)
    sparql = (
        f"SELECT DISTINCT ?x ?label ?cite WHERE {{\n  {body}\n"
        "  ?x vlm:undisclosed ?attribute ; rdfs:label ?label .\n"
        "  OPTIONAL { ?x prov:wasDerivedFrom/vlm:citation ?cite }\n}"
    )
    attribute = undisclosed_name(name)
    found: dict[str, Member] = {}
    for row in reader.select(bound(sparql, where).replace("?attribute", _literal(attribute))):
        member = found.setdefault(str(row["x"]), Member(str(row["label"])))
        if row.get("cite") is not None and str(row["cite"]) not in member.cites:
            member.cites.append(str(row["cite"]))
    if not found:
        return answer
    members = sorted(found.values(), key=lambda m: m.label.lower())
    named = [
        f"{escape(m.label)} [{short_ref(m.cites[0])}]" if m.cites else escape(m.label)
        for m in members[:NAMED_PER_GROUP]
    ]
    more = len(members) - NAMED_PER_GROUP
    counted = singular(question.counted) if len(members) == 1 else plural(question.counted)
    note = (
        f"Not counted: {len(members)} {counted} whose {noun.removesuffix(' family')} the list "
        f"gives as undisclosed ({', '.join(named)}{f' and {more} more' if more > 0 else ''})."
    )
    refs = [c.source for c in answer.citations] + [c for m in members for c in m.cites[:1]]
    return replace(
        answer,
        markdown=answer.markdown + "\n\n" + note,
        citations=citations(reader, refs),
    )


def undisclosed_name(name: str) -> str:
    """A dimension's or measure's name as ingest writes it in vlm:undisclosed."""
    meanings: dict[str, str] = curated("undisclosed.yaml")["meanings"]
    return meanings.get(name, name)


def _literal(text: str) -> str:
    return Literal(text).n3()


def _rest_line(question: AggregateQuestion, shown: list[Group], rest: list[Group]) -> str:
    """ "…and 6 more organisations with 1 model each." when they tie with the last shown,
    "…with fewer models." when they have fewer."""
    assert question.dimension is not None
    more = f"…and {len(rest)} more {plural_noun(question.dimension.noun, len(rest))}"
    counts = {g.count for g in rest}
    if len(counts) == 1 and shown and counts == {shown[-1].count}:
        n = shown[-1].count
        noun = singular(question.counted) if n == 1 else plural(question.counted)
        return f"{more} with {n} {noun} each."
    if shown and max(counts) < min(g.count for g in shown):
        return f"{more} with fewer {plural(question.counted)}."
    return f"{more}, not shown."


def _answered(
    question: AggregateQuestion, shown: list[Group], by_count: list[Group]
) -> list[Group]:
    """The groups that answer the question: the leaders (ties together) of a ranking, the
    claimed group of a share, every shown group of a distribution or a top N."""
    if question.kind != "rank" or question.top:
        if question.claim is not None:
            claimed = _claimed(question.claim, by_count)
            return [claimed] if claimed else []
        return shown
    best = by_count[0].count if by_count else 0
    return [g for g in by_count if g.count == best]


def _claimed(claim: tuple[str, str], groups: list[Group]) -> Group | None:
    """The group a named value counts in: itself, or the family it counts under."""
    iri, label = claim
    same = next((g for g in groups if g.iri == iri or g.label.lower() == label.lower()), None)
    if same is not None:
        return same
    return next(
        (g for g in groups for m in g.members.values() if label.lower() in map(str.lower, m.named)),
        None,
    )


def _share_of(question: AggregateQuestion, groups: list[Group], total: int, counted: str) -> str:
    """ "**decoder-only**: 20 of the 34 listed models with a stated architecture (59%)." """
    assert question.claim is not None
    label = question.claim[1]
    claimed = _claimed(question.claim, groups)
    if claimed is None:
        return f"None of the {total} {counted} has {bold(label)}."
    share = round(100 * claimed.count / total) if total else 0
    named = bold(label)
    if claimed.label.lower() != label.lower():
        named += f" (counted under {bold(claimed.label)})"
    return f"{named}: {claimed.count} of the {total} {counted} ({share}%)."


def _lead(question: AggregateQuestion, groups: list[Group], total: int, counted: str) -> str:
    dimension = question.dimension
    assert dimension is not None
    if question.kind == "distribution":
        if total == 1:
            one = counted.replace(plural(question.counted), singular(question.counted), 1)
            return f"The one {one} has one {dimension.noun}; the hub's count:"
        return (
            f"The {total} {counted} fall into {len(groups)} "
            f"{plural_noun(dimension.noun, len(groups))}; the hub's counts:"
        )
    counts = [g.count for g in groups]
    best = min(counts) if question.order == "least" else max(counts)
    top = [g for g in groups if g.count == best]
    word = "least" if question.order == "least" else "most"
    names = join_words([bold(g.label) for g in top])
    if dimension.grouping == "year":
        if len(top) > 1:
            return (
                f"{names} have the {word} {plural(question.counted)}, with {best} each of the "
                f"{total} {counted}."
            )
        return (
            f"{names} has the {word} {plural(question.counted)}: {best} of the {total} {counted}."
        )
    if len(top) > 3:
        # a many-way tie is no leader: say so, and how many tie
        some = join_words([bold(g.label) for g in top[:3]] + [f"{len(top) - 3} more"])
        counted_one = singular(question.counted) if best == 1 else plural(question.counted)
        return (
            f"No single {dimension.noun} leads: {len(top)} "
            f"{plural_noun(dimension.noun, len(top))} have {best} {counted_one} each "
            f"({some}), of the {total} {counted}."
        )
    leader = dimension.leader[1] if question.order == "least" else dimension.leader[0]
    if len(top) > 1:
        return (
            f"{names} are the {leader} {plural_noun(dimension.noun, len(top))}, with {best} "
            f"each of the {total} {counted}."
        )
    return f"{names} is the {leader} {dimension.noun}: {best} of the {total} {counted}."


def _verdict(question: AggregateQuestion, groups: list[Group]) -> str:
    """ "Yes." or "No: CLIP has 7." for "is CLIP the most common vision encoder?" """
    assert question.claim is not None
    iri, label = question.claim
    counts = [g.count for g in groups]
    best = min(counts) if question.order == "least" else max(counts)
    claimed = next((g for g in groups if g.iri == iri or g.label.lower() == label.lower()), None)
    member_of = next(
        (g for g in groups for m in g.members.values() if label.lower() in map(str.lower, m.named)),
        None,
    )
    if claimed is None and member_of is not None:
        # "Is SigLIP-400M the most common encoder?": it counts under its family
        has = f"{bold(label)} counts under {bold(member_of.label)}, which has {member_of.count}"
        return f"**{'Yes' if member_of.count == best else 'No'}** ({has}):"
    if claimed is not None and claimed.count == best:
        return "**Yes.**"
    has = f"{bold(claimed.label)} has {claimed.count}" if claimed else f"{bold(label)} has none"
    return f"**No** ({has}):"


def _most_written(question: AggregateQuestion, groups: list[Group], leader: Group) -> str:
    """ "As the hub writes it, the most common is CLIP ViT-L/14 (5 models)." when the most
    frequent name as written is not the leading family's own name; "" otherwise."""
    tally = _names_tally(groups)
    if not tally:
        return ""
    sign = 1 if question.order == "least" else -1
    ordered = sorted(tally.items(), key=lambda kv: (sign * kv[1], kv[0].lower()))
    count = ordered[0][1]
    tied = [name for name, n in ordered if n == count]
    if tied == [leader.label] or len(tied) > 3:
        return ""  # the family's own name, or no name stands out
    names = join_words([bold(escape(n)) for n in tied])
    counted = plural(question.counted) if count != 1 else question.counted
    each = " each" if len(tied) > 1 else ""
    verb = "are" if len(tied) > 1 else "is"
    least = "least" if question.order == "least" else "most"
    return f"As the hub writes it, the {least} common {verb} {names} ({count} {counted}{each})."


def _names_tally(groups: list[Group]) -> dict[str, int]:
    """How many counted members the hub names each way, over `groups`."""
    tally: dict[str, int] = defaultdict(int)
    for group in groups:
        for member in group.members.values():
            for name in member.named:
                tally[name] += 1
    return tally


def _named_tally(group: Group) -> str:
    """How the hub names a family's members: "CLIP ViT-L/14 (4), CLIP (1), 2 more"."""
    tally = _names_tally([group])
    ordered = sorted(tally.items(), key=lambda kv: (-kv[1], kv[0].lower()))
    text = ", ".join(f"{name} ({n})" for name, n in ordered[:4])
    return text + (f", {len(ordered) - 4} more" if len(ordered) > 4 else "")


def counted_lines(groups: list[Group]) -> str:
    """The counted entities of the leading groups, each with its line; the rest as a count."""
    lines = ["Counted:"]
    for group in groups:
        members = sorted(group.members.values(), key=lambda m: m.label.lower())
        named = [
            f"{escape(m.label)} [{short_ref(m.cites[0])}]" if m.cites else escape(m.label)
            for m in members[:NAMED_PER_GROUP]
        ]
        more = len(members) - NAMED_PER_GROUP
        tail = f" and {more} more" if more > 0 else ""
        lines.append(f"- {bold(group.label)} ({group.count}): {', '.join(named)}{tail}")
    return "\n".join(lines)


def short_ref(ref: str) -> str:
    """vlm-research-hub.md#L35-L35 -> L35; #L36-L37 -> L36-37."""
    _, _, lines = ref.partition("#")
    start, _, end = lines.partition("-")
    if end and end.lstrip("L") != start.lstrip("L"):
        return f"{start}-{end.lstrip('L')}"
    return start


def counted_phrase(question: AggregateQuestion) -> str:
    """ "listed models with a stated vision encoder from 2024" """
    listed = "listed " if question.counted in _LISTED else ""
    dimension = question.dimension
    if dimension is not None and dimension.stated:
        stated = dimension.stated
    elif dimension is not None and dimension.grouping != "year":
        stated = "with a stated " + dimension.noun.removesuffix(" family")
    else:
        stated = "with a stated release year"
    return f"{listed}{plural(question.counted)} {stated}{scope_phrase(question)}"


def scope_phrase(question: AggregateQuestion) -> str:
    """ " from 2023 to 2025 under Tools": the question's years, headings and values."""
    words = {"=": "from", ">": "after", ">=": "from", "<": "before", "<=": "up to"}
    ops = dict(question.years)
    if set(ops) == {">=", "<="}:
        parts = [f"from {ops['>=']} to {ops['<=']}"]  # a range: "from 2023 to 2025"
    else:
        parts = [f"{words[op]} {year}{' on' if op == '>=' else ''}" for op, year in question.years]
    parts += [f"under {escape(heading)}" for _, heading in question.sections]
    named = question.value_dimensions or ("",) * len(question.values)
    parts += [
        f"whose {dimension(name).noun.removesuffix(' family')} is {escape(label)}"
        if name
        else f"related to {escape(label)}"
        for (_, label), name in zip(question.values, named, strict=True)
    ]
    return (" " + " ".join(parts)) if parts else ""


def _method(question: AggregateQuestion) -> str:
    # the lead says what was counted and how many: said once
    text = (
        f"Counted by SPARQL over the graph; {article(singular(question.counted))} counts once "
        "per group."
    )
    dimension = question.dimension
    if dimension is not None and dimension.grouping == "family":
        text += (
            f" Each {dimension.noun.removesuffix(' family')} counts under its top family "
            "(`skos:broader*`)."
        )
    return text


# -- categories over the years -----------------------------------------------------------


def grouped_trend(intent: Intent, reader: GraphReader, question: AggregateQuestion) -> Answer:
    """ "What are the main trends in architectures?": the leading values per year."""
    dimension = question.dimension
    assert dimension is not None
    where = conditions(question)
    counts_sparql, _ = grouped_queries(question, where, by_year=True)
    by_year: dict[int, dict[str, int]] = defaultdict(dict)
    totals: dict[str, int] = defaultdict(int)
    for row in reader.select(bound(counts_sparql, where)):
        year, label, count = int(row["year"]), str(row["group"]), int(row["count"])
        by_year[year][label] = count
        totals[label] += count
    counted = counted_phrase(question)
    if not by_year:
        return nothing(intent, counted, display(counts_sparql, where))
    leading = sorted(totals, key=lambda g: (-totals[g], g.lower()))[:TREND_COLUMNS]
    years = sorted(by_year)
    firsts = []
    for year in years:
        best = max(by_year[year].values())
        tops = sorted(g for g, n in by_year[year].items() if n == best)
        firsts.append(f"{year}: {join_words([bold(g) for g in tops])} ({best})")
    groups = {g.label: g for g in read_groups(reader, replace(question, kind="rank"))}
    shown = [groups[g] for g in leading if g in groups]
    if len(years) == 1:
        # one year asked ("in 2026, which month saw the most releases"): its leader, the
        # runners-up in a line, no table of one row
        (year,) = years
        ranked = sorted(by_year[year], key=lambda g: (-by_year[year][g], g.lower()))
        best = by_year[year][ranked[0]]
        tops = [g for g in ranked if by_year[year][g] == best]
        rest = [f"{escape(g)} ({by_year[year][g]})" for g in ranked[len(tops) :][:TREND_COLUMNS]]
        parts = [
            f"The most common {dimension.noun} in {year}, among the {counted}: "
            f"{join_words([bold(g) for g in tops])} ({best}).",
            *([f"Next: {'; '.join(rest)}."] if rest else []),
            counted_lines([groups[g] for g in tops if g in groups]),
        ]
        shown = [groups[g] for g in ranked if g in groups]
    else:
        parts = []
    parts = parts or [
        f"The most common {dimension.noun} per year, among the {counted}: "
        + "; ".join(firsts)
        + ".",
        table(
            ["year", *[escape(g) for g in leading]],
            [[str(y), *[str(by_year[y].get(g, 0)) for g in leading]] for y in years],
        ),
        f"Columns: the {len(leading)} {plural_noun(dimension.noun, len(leading))} with the most "
        f"{plural(question.counted)} over all years; {article(singular(question.counted))} listed "
        "with two years counts in each.",
        counted_lines(shown[:CITED_GROUPS]),
    ]
    chart = {
        "kind": "bar",
        "title": f"{plural(question.counted).capitalize()} per year by {dimension.noun}",
        "x": [str(y) for y in years],
        "series": [{"name": g, "y": [by_year[y].get(g, 0) for y in years]} for g in leading],
        "x_label": "year",
        "y_label": plural(question.counted),
    }
    return grouped_answer(
        intent,
        "\n\n".join(parts),
        shown,
        list(groups.values()),
        reader,
        display(counts_sparql, where),
        chart,
        dimension.noun.removesuffix(" family"),
    )


# -- numbers over the years --------------------------------------------------------------


def measure_trend(intent: Intent, reader: GraphReader, question: AggregateQuestion) -> Answer:
    """ "How has model size changed over time?": yearly medians of the numbers the hub
    states (a product such as "4.5B x 74" is left out and said so)."""
    measure = question.measure
    assert measure is not None
    where = conditions(replace(question, counted="Model"))
    sparql, per_year, left_out, models = _measured(reader, measure, where, question.years)
    counted = f"listed models with a stated {measure.noun} and a release year"
    counted += scope_phrase(question)
    if not per_year:
        return nothing(intent, counted, display(sparql, where))
    years = sorted(per_year)
    medians = [statistics.median(v for v, _, _ in per_year[y]) for y in years]
    named = _year_headings(reader, per_year)
    rows = []
    for year, median in zip(years, medians, strict=True):
        values = sorted(per_year[year])
        rows.append(
            [
                escape(named[year]),
                str(len(values)),
                _median_text(median, len(values), measure),
                f"{amount(values[0][0], measure)} ({escape(values[0][1])})",
                f"{amount(values[-1][0], measure)} ({escape(values[-1][1])})",
            ]
        )
    first, last = amount(medians[0], measure), amount(medians[-1], measure)
    if medians[-1] == medians[0]:
        change = f"was **{first}** in {_year_said(named, per_year, years[0])} and in "
        change += _year_said(named, per_year, years[-1])
    else:
        verb = "grew" if medians[-1] > medians[0] else "fell"
        change = (
            f"{verb} from **{first}** ({_year_said(named, per_year, years[0])}) "
            f"to **{last}** ({_year_said(named, per_year, years[-1])})"
        )
    lead = f"The median {measure.noun} of the {counted} {change}."
    if question.kind == "average":
        every = [v for y in years for v, _, _ in per_year[y]]
        lead = (
            f"The median {measure.noun} of the {len(every)} {counted} is "
            f"**{amount(statistics.median(every), measure)}** (mean "
            f"{amount(statistics.fmean(every), measure)}, computed from the stated values "
            "below); per release year:"
        )
    parts = [
        lead,
        table(["year", "models", "median", "smallest", "largest"], rows),
        _measure_note(measure, per_year, left_out),
        _measure_lines(measure, per_year, years, models, named),
    ]
    scale, unit = (1e9, "billions") if measure.unit == "parameters" else (1e3, "thousands")
    chart = {
        "kind": "line",
        "title": f"Median {measure.noun} per year",
        "x": [named[y] for y in years],
        "y": [round(m / scale, 3) for m in medians],
        "x_label": "year",
        "y_label": f"median {measure.noun} ({unit})",
    }
    facts, refs, entities = [], [], []
    for year in years:
        for value, label, x in per_year[year]:
            cites = models[x].cites
            facts.append(Fact(label, measure.noun, amount(value, measure), _first(cites)))
            refs += cites
            entities.append(EntityRef(x, label, "Model"))
    answer = Answer(
        intent.question,
        "\n\n".join(parts),
        tuple(entities),
        tuple(facts),
        citations(reader, refs),
        sparql=display(sparql, where),
        extra={"chart": chart, "entities": [e.iri for e in entities], "aggregate": "trend"},
    )
    asked = replace(question, counted="Model")
    return with_undisclosed(answer, reader, asked, measure.name, measure.noun)


def _year_headings(
    reader: GraphReader, per_year: dict[int, list[tuple[float, str, str]]]
) -> dict[int, str]:
    """Per release year, what the hub calls it: the heading all its models are listed
    under when that heading names the year with more ("2022 & Prior": its models may be
    older), else the year itself."""
    named = {}
    for year, found in per_year.items():
        headings = set()
        for _, _, x in found:
            own = {s for _, s in reader.view(x).spans if str(year) in s}
            headings.add(own.pop() if len(own) == 1 else str(year))
        only = headings.pop() if len(headings) == 1 else str(year)
        named[year] = only
    return named


def _year_said(named: dict[int, str], per_year: dict, year: int) -> str:
    """ "2022 & Prior, 2 models" """
    count = len(per_year[year])
    return f"{named[year]}, {count} model{'' if count == 1 else 's'}"


def _median_text(median: float, count: int, measure: Measure) -> str:
    """The median, said plainly where it is one value or the mean of two."""
    if count == 1:
        return f"{amount(median, measure)} (the only one)"
    if count == 2:
        return f"{amount(median, measure)} (mean of the 2)"
    return amount(median, measure)


def _measured(
    reader: GraphReader, measure: Measure, where: ListQuery, asked: tuple = ()
) -> tuple[str, dict[int, list[tuple[float, str, str]]], dict[str, list[str]], dict[str, Member]]:
    """(the row query, per year the (value, label, IRI) of each model's largest stated
    value in its earliest year, the products left out per model, the models)."""
    body = "\n  ".join(where.patterns)
    sparql = (
        f"SELECT ?x ?label ?year ?n ?cite WHERE {{\n  {body}\n"
        f"  ?x rdfs:label ?label ; vlm:releaseYear ?year ; {measure.predicate} ?n .\n"
        f"  OPTIONAL {{ ?st rdf:subject ?x ; rdf:predicate {measure.predicate} ; "
        "rdf:object ?n ;\n    prov:wasDerivedFrom/vlm:citation ?cite }\n}\nORDER BY ?year ?label"
    )
    texts: dict[str, list[str]] = defaultdict(list)
    if measure.text_predicate:
        text_sparql = (
            f"SELECT ?x ?text WHERE {{\n  {body}\n  ?x {measure.text_predicate} ?text .\n}}"
        )
        for row in reader.select(bound(text_sparql, where)):
            texts[str(row["x"])].append(str(row["text"]))
    models: dict[str, Member] = {}
    years: dict[str, set[int]] = defaultdict(set)
    values: dict[str, set[float]] = defaultdict(set)
    left_out: dict[str, list[str]] = {}
    for row in reader.select(bound(sparql, where)):
        x, value = str(row["x"]), float(str(row["n"]))
        model = models.setdefault(x, Member(str(row["label"])))
        if all(_holds(int(row["year"]), op, year) for op, year in asked):
            years[x].add(int(row["year"]))
        if measure.text_predicate and not stated(value, texts[x]):
            left_out[x] = [t for t in texts[x] if _PRODUCT.search(t)]
            continue
        values[x].add(value)
        if row.get("cite") is not None and str(row["cite"]) not in model.cites:
            model.cites.append(str(row["cite"]))
    per_year: dict[int, list[tuple[float, str, str]]] = defaultdict(list)
    for x, found in values.items():
        if years[x]:  # its earliest year among those asked for
            per_year[min(years[x])].append((max(found), models[x].label, x))
    return sparql, per_year, left_out, models


def _holds(value: int, op: str, bound: int) -> bool:
    return {
        "=": value == bound,
        ">": value > bound,
        ">=": value >= bound,
        "<": value < bound,
        "<=": value <= bound,
    }[op]


def stated(value: float, texts: list[str]) -> bool:
    """Whether one of the hub's own texts writes `value` as a number ("7B", "~400M"), not
    as a product ("4.5B x 74")."""
    for text in texts:
        match = _STATED_COUNT.match(text.strip())
        if match is None or _PRODUCT.search(text):
            continue
        written = float(match.group(1)) * _SCALE[match.group(2).lower()]
        if abs(written - value) <= 1e-6 * value:
            return True
    return False


def _measure_note(
    measure: Measure, per_year: dict[int, list[tuple[float, str, str]]], left_out: dict
) -> str:
    models = sum(len(v) for v in per_year.values())
    note = (
        f"Each of the {models} models counts once, with its largest stated {measure.noun}, "
        "in its earliest release year; the medians are computed from the rows of the SPARQL "
        "below."
    )
    products = sorted({t for found in left_out.values() for t in found})
    if left_out:
        note += (
            " Left out, as the hub does not state them as one number: values computed from "
            f"{escape(join_words(products) or 'other values')}."
        )
    return note


def _measure_lines(
    measure: Measure,
    per_year: dict[int, list[tuple[float, str, str]]],
    years: list[int],
    models: dict[str, Member],
    heads: dict[int, str],
) -> str:
    lines = ["Counted:"]
    for year in years[::-1]:  # every row of the table: its models are the evidence
        entries = sorted(per_year[year], key=lambda v: -v[0])
        named = []
        for value, label, x in entries[:NAMED_PER_GROUP]:
            cites = models[x].cites
            ref = f" [{short_ref(cites[0])}]" if cites else ""
            named.append(f"{escape(label)} {amount(value, measure)}{ref}")
        more = len(entries) - NAMED_PER_GROUP
        tail = f" and {more} more" if more > 0 else ""
        lines.append(f"- **{escape(heads[year])}** ({len(entries)}): {', '.join(named)}{tail}")
    return "\n".join(lines)


def amount(value: float, measure: Measure) -> str:
    text = human_number(value)
    return text if measure.unit == "parameters" else f"{text} tokens"


def yearly_median(
    reader: GraphReader, measure: Measure, question: AggregateQuestion
) -> dict[int, float]:
    """The median stated value per release year (for the trends overview)."""
    where = conditions(replace(question, counted="Model"))
    _, per_year, _, _ = _measured(reader, measure, where, question.years)
    return {y: statistics.median(v for v, _, _ in found) for y, found in per_year.items()}


# -- shared pieces -----------------------------------------------------------------------


def grouped_answer(
    intent: Intent,
    markdown: str,
    shown: list[Group],
    groups: list[Group],
    reader: GraphReader,
    sparql: str,
    chart: dict[str, Any],
    noun: str,
    answered: list[Group] | None = None,
) -> Answer:
    """The Answer of a grouping: the groups that answer it (`answered`, else the shown
    ones) as entities, one fact per counted value (predicate: the counted property, e.g.
    "vision encoder")."""
    facts, refs = [], []
    for group in groups:
        for member in group.members.values():
            facts += [Fact(member.label, noun, n, _first(member.cites)) for n in member.named]
            refs += member.cites
    return Answer(
        intent.question,
        markdown,
        tuple(
            EntityRef(g.iri, g.label, "Group")
            for g in (shown if answered is None else answered)
            if g.iri
        ),
        tuple(facts),
        citations(reader, refs),
        sparql=sparql,
        extra={
            "chart": chart,
            "entities": list(shown[0].members) if shown else [],
            "aggregate": "grouped",
        },
    )


def nothing(intent: Intent, counted: str, sparql: str) -> Answer:
    return Answer(
        intent.question,
        f"The hub states no {counted}, so there is nothing to count.",
        grounded=False,
        sparql=sparql,
    )


def _first(items: list[str]) -> str:
    return items[0] if items else ""


_SPAN_SECTIONS = """
SELECT ?cite ?section WHERE {
  ?span a vlm:SourceSpan ; vlm:citation ?cite ; vlm:listedIn/rdfs:label ?section .
}
"""
# The heading of every cited span, per reader (the graph a reader reads does not change).
_SECTIONS_OF: weakref.WeakKeyDictionary[GraphReader, dict[str, str]] = weakref.WeakKeyDictionary()


def citations(reader: GraphReader, refs: list[str]) -> tuple[Citation, ...]:
    """Each cited line once, in hub order, with its heading."""
    if reader not in _SECTIONS_OF:
        rows = reader.select(_SPAN_SECTIONS)
        _SECTIONS_OF[reader] = {str(r["cite"]): str(r["section"]) for r in rows}
    sections = _SECTIONS_OF[reader]
    unique = sorted(dict.fromkeys(r for r in refs if r), key=_line_order)
    return tuple(Citation(r, sections.get(r, "")) for r in unique)


def _line_order(ref: str) -> tuple[str, int]:
    file, _, lines = ref.partition("#L")
    start = lines.split("-")[0]
    return (file, int(start) if start.isdigit() else 0)
