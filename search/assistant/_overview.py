"""Overviews computed from the graph: "summarize the hub" and "what are the main trends?"."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import replace

from search.assistant._aggregate_answers import (
    Group,
    _measured,
    amount,
    bound,
    citations,
    conditions,
    display,
    grouped,
    grouped_queries,
    read_groups,
    yearly_median,
)
from search.assistant._aggregate_data import (
    AggregateQuestion,
    data,
    dimension,
    measures,
    plural,
    plural_noun,
)
from search.assistant.answer import Answer, Fact
from search.assistant.compose import escape, join_words, table
from search.assistant.graph import GraphReader
from search.assistant.understand import Intent

SHARED = 5  # values named per "most shared" line
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
# Entries listed under a section, per class; a research direction or an application domain
# is a heading of its own, not listed under one: it counts where its lines are.
_SECTION_ENTRIES = """
SELECT ?s ?class (COUNT(DISTINCT ?x) AS ?entries) WHERE {
  {
    ?x vlm:listedIn/dcterms:isPartOf* ?s ; a ?class .
    FILTER(?class IN (vlm:Model, vlm:Dataset, vlm:Benchmark, vlm:Tool, vlm:TableRow))
  } UNION {
    ?x a ?class ; prov:wasDerivedFrom ?own .
    FILTER(?class IN (vlm:ResearchDirection, vlm:ApplicationDomain))
    ?own vlm:sourceFile ?file ; vlm:startLine ?line .
    ?s a vlm:Section ; prov:wasDerivedFrom ?span .
    ?span vlm:sourceFile ?file ; vlm:startLine ?start ; vlm:endLine ?end .
    FILTER(?line >= ?start && ?line <= ?end)
  }
}
GROUP BY ?s ?class
"""
_FILES = "SELECT DISTINCT ?file WHERE { ?span a vlm:SourceSpan ; vlm:sourceFile ?file }"


def summary(intent: Intent, reader: GraphReader) -> Answer:
    """What the graph holds per class, the years, the most shared components, the sections."""
    names: dict[str, str] = data()["summary_classes"]
    class_sparql = _CLASS_COUNTS % ", ".join(f"vlm:{c}" for c in names)
    counts = {
        str(r["class"]).rsplit("#", 1)[-1]: int(r["count"]) for r in reader.select(class_sparql)
    }
    held = [(c, counts[c]) for c in names if counts.get(c)]
    files = sorted(str(r["file"]) for r in reader.select(_FILES))
    holds = join_words([f"**{n}** {_noun(names[c], n)}" for c, n in held]) or "no entities"
    bullets, refs = [], []
    years = read_groups(reader, AggregateQuestion("distribution", dimension("year")))
    if years:
        busiest = max(years, key=lambda g: (g.count, g.label))
        bullets.append(
            f"Years covered (models' release years): {years[0].label}–{years[-1].label}; "
            f"most models in {busiest.label} ({busiest.count})."
        )
    sizes = _sizes(reader, counts.get("Model", 0))
    if sizes:
        bullets.append(sizes[0])
        refs += sizes[1]
    for name, title in (
        ("vision_encoder", "vision encoder families"),
        ("language_backbone", "language backbone families"),
        ("architecture", "architectures"),
        ("organization", "organisations"),
    ):
        ranked = _ranked(reader, name)[:SHARED]
        if ranked and ranked[0].count > 1:  # nothing is shared when each has one model
            named = ", ".join(f"{escape(g.label)} ({_models(g.count)})" for g in ranked)
            bullets.append(f"Most shared {title}: {named}.")
            refs += [c for g in ranked[:3] for m in g.members.values() for c in m.cites[:1]]
    sections = _top_sections(reader, names)
    if sections:
        listed = "; ".join(f"{escape(t)} ({n})" if n else escape(t) for t, n, _ in sections)
        bullets.append(f"Sections: {listed}.")
        refs = [c for _, _, c in sections if c] + refs
    parts = [
        f"{escape(join_words(files)) or 'The graph'} holds {holds}.",
        "\n".join(f"- {b}" for b in bullets),
        "Computed by SPARQL over the graph: entities per class (models, datasets, benchmarks "
        "and tools as the hub lists them), components under their top family, release years, "
        "headings.",
    ]
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
        tuple(Fact("hub", f"number of {names[c]}", str(n), "") for c, n in held),
        citations(reader, refs),
        sparql=display(class_sparql.strip()),
        extra={"chart": chart, "aggregate": "summary"},
    )


def _ranked(
    reader: GraphReader, name: str, question: AggregateQuestion | None = None
) -> list[Group]:
    asked = replace(question or AggregateQuestion("rank"), kind="rank", dimension=dimension(name))
    return sorted(read_groups(reader, asked), key=lambda g: (-g.count, g.label.lower()))


def _noun(plural_noun: str, count: int) -> str:
    """ "papers" for 2, "paper" for 1; "entries" -> "entry"."""
    if count != 1:
        return plural_noun
    return plural_noun[:-3] + "y" if plural_noun.endswith("ies") else plural_noun[:-1]


def _sizes(reader: GraphReader, models: int) -> tuple[str, list[str]] | None:
    """The bullet on the parameter counts the list states, and the lines of the extremes."""
    parameters = measures()["parameters"][0]
    where = conditions(AggregateQuestion("average", counted="Model"))
    _, per_year, _, found = _measured(reader, parameters, where)
    stated = sorted((v, label, x) for rows in per_year.values() for v, label, x in rows)
    if not stated:
        return None
    median = statistics.median(v for v, _, _ in stated)
    (low, low_label, low_x), (high, high_label, high_x) = stated[0], stated[-1]
    text = (
        f"Stated parameter counts ({len(stated)} of the {models} models, those with a "
        f"release year): median {amount(median, parameters)}, from {amount(low, parameters)} "
        f"({escape(low_label)}) to {amount(high, parameters)} ({escape(high_label)})."
    )
    return text, [c for x in (low_x, high_x) for c in found[x].cites[:1]]


def _models(count: int) -> str:
    return f"{count} model{'s' if count != 1 else ''}"


def _top_sections(reader: GraphReader, names: dict[str, str]) -> list[tuple[str, str, str | None]]:
    """The hub's main headings (below a lone title heading) with what is under each, per
    class ("9 research directions, 5 table rows"; "" for none)."""
    sections = {str(r["s"]): r for r in reader.select(_SECTIONS)}
    per_class: dict[str, dict[str, int]] = defaultdict(dict)
    for row in reader.select(_SECTION_ENTRIES):
        per_class[str(row["s"])][str(row["class"]).rsplit("#", 1)[-1]] = int(row["entries"])
    entries = {
        iri: ", ".join(f"{n} {_noun(names[c], n)}" for c in names if (n := found.get(c, 0)))
        for iri, found in per_class.items()
    }
    children: dict[str, list[str]] = defaultdict(list)
    for iri, row in sections.items():
        children[str(row["parent"])].append(iri)
    top = [iri for iri, row in sections.items() if str(row["parent"]) not in sections]
    while len(top) == 1 and children.get(top[0]):
        top = children[top[0]]
    return [
        (
            str(sections[i]["title"]),
            entries.get(i, ""),
            str(sections[i]["cite"]) if sections[i].get("cite") else None,
        )
        for i in top
    ]


def trends(intent: Intent, reader: GraphReader, question: AggregateQuestion) -> Answer:
    """Per release year: how many entities, and for models the most common architecture,
    vision encoder and backbone families and the median stated parameter count."""
    per_year = grouped(
        intent,
        reader,
        replace(question, kind="distribution", dimension=dimension("year"), years=()),
    )
    if not per_year.grounded or question.counted != "Model":
        return per_year
    chart = dict(per_year.extra["chart"], kind="line", title="Models per year")
    columns: dict[str, dict[int, str]] = {}
    leaders: dict[str, dict[int, tuple[str, int]]] = {}
    for name, title in (
        ("architecture", "most common architecture"),
        ("vision_encoder", "vision encoder family"),
        ("language_backbone", "backbone family"),
    ):
        leaders[title] = _leader_per_year(reader, name, question)
        columns[title] = {y: f"{names} ({n})" for y, (names, n) in leaders[title].items()}
    parameters = measures()["parameters"][0]
    medians = yearly_median(reader, parameters, question)
    years = [int(x) for x in chart["x"]]
    counts = dict(zip(years, chart["y"], strict=True))
    rows = [
        [
            str(y),
            str(counts[y]),
            *[escape(col.get(y, "–")) for col in columns.values()],
            amount(medians[y], parameters) if y in medians else "–",
        ]
        for y in years
    ]
    header = ["year", plural("Model"), *columns, "median stated parameters"]
    shifts = [
        _shift_text(title.removeprefix("most common "), _runs(found))
        for title, found in leaders.items()
    ]
    shifts = [text for text in shifts if text]
    if len(medians) > 1:
        first, last = min(medians), max(medians)
        shifts.append(
            f"the median stated parameter count went from {amount(medians[first], parameters)} "
            f"({first}) to {amount(medians[last], parameters)} ({last})"
        )
    lead = (
        "Per release year, from the graph (the listed models with a release year; a model "
        "listed with two years counts in each):"
    )
    if shifts:
        # the lead says the shifts; years where a leader has one model say nothing
        lead = f"Over {years[0]}–{years[-1]}: " + "; ".join(shifts) + ". " + lead
    note = (
        "Each column is its own count among the models of that year stating it; ties are "
        "listed together. Ask e.g. “which vision encoder is most common in 2024?” for one "
        "column in full."
    )
    markdown = "\n\n".join([lead, table(header, rows), note])
    return replace(per_year, markdown=markdown, extra={**per_year.extra, "chart": chart})


def _leader_per_year(
    reader: GraphReader, name: str, question: AggregateQuestion
) -> dict[int, tuple[str, int]]:
    """The most common value of a dimension in each year, ties joined, with its count:
    {2024: ("decoder-only", 6)}."""
    asked = replace(question, kind="trend", dimension=dimension(name), years=())
    where = conditions(asked)
    counts_sparql, _ = grouped_queries(asked, where, by_year=True)
    by_year: dict[int, dict[str, int]] = defaultdict(dict)
    for row in reader.select(bound(counts_sparql, where)):
        by_year[int(row["year"])][str(row["group"])] = int(row["count"])
    leaders = {}
    for year, found in by_year.items():
        best = max(found.values())
        tops = sorted(g for g, n in found.items() if n == best)
        leaders[year] = (", ".join(tops), best)
    return leaders


def _runs(leaders: dict[int, tuple[str, int]]) -> list[tuple[str, int, int]]:
    """(leader, first year, last year) of each run of years with the same leader, over the
    years where it leads with at least two models."""
    runs: list[tuple[str, int, int]] = []
    for year in sorted(leaders):
        names, count = leaders[year]
        if count < 2:
            continue
        if runs and runs[-1][0] == names:
            runs[-1] = (names, runs[-1][1], year)
        else:
            runs.append((names, year, year))
    return runs


def _shift_text(noun: str, runs: list[tuple[str, int, int]]) -> str:
    """ "decoder-only leads the architectures (2023–2026)", "the leading backbone family
    went Vicuna (2023) → Qwen (2024–2026)"; "" without runs."""

    def years(start: int, end: int) -> str:
        return str(start) if start == end else f"{start}–{end}"

    if not runs:
        return ""
    if len(runs) == 1:
        names, start, end = runs[0]
        verb = "lead" if ", " in names else "leads"
        return f"{escape(names)} {verb} the {plural_noun(noun)} ({years(start, end)})"
    steps = " → ".join(f"{escape(n)} ({years(a, b)})" for n, a, b in runs)
    return f"the leading {noun} went {steps}"
