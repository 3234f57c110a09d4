"""Records that cannot become valid RDF: repaired or dropped, each with one warning.

`repair(records)` returns the records to build and a `RecordIssue` per record it changed
or left out, so that one bad entry never costs a build the thousands of good ones:

- an entry with no name is named from its link text, else from its URL, else dropped;
- a heading, table or row with no name is named from its line or first cell; a row of
  only dashes or empty cells is dropped;
- values the shapes forbid (a year outside 1950..2100, a parameter count <= 0 or not a
  number, an empty encoder or benchmark name) are left out of the record.

`at_fault(graph, violations, records)` traces SHACL violations of a built graph back to
the records whose lines the offending nodes come from, for a second, safety-net pass.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from rdflib import Graph, URIRef
from rdflib.term import Node

from ingest.records import (
    Component,
    Link,
    PassageRecord,
    Record,
    SectionRecord,
    TableRowRecord,
)
from kg.vocab import PREFIXES, PROV, VLM

if TYPE_CHECKING:
    import pyoxigraph as ox

    from kg.build import HubSource

Triple = tuple[Node, Node, Node]
NAME_LIMIT, NAME_WORDS = 60, 8  # longer link text describes the entry rather than naming it
YEARS = range(1950, 2101)  # as kg/shapes.ttl allows for vlm:releaseYear
_EMPTY_CELL = re.compile(r"^[\s\-–—:|=_*.]*$")  # "", "---", ":--:", "—", "***"
_MARKUP = re.compile(r"[*_`~\[\]<>#]+")


@dataclass(frozen=True)
class RecordIssue:
    """A record repaired or dropped: where (`file:line`), what was done, why."""

    file: str
    line: int
    action: str  # repaired | dropped
    kind: str  # what the record is: model, dataset, row, section...
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.action} a {self.kind}: {self.reason}"


def repair(records: Sequence[Record]) -> tuple[list[Record], list[RecordIssue]]:
    """(the records to build, one issue per record repaired or dropped), in record order."""
    kept: list[Record] = []
    issues: list[RecordIssue] = []
    for record in records:
        fixed, reasons = _repaired(record)
        if fixed is None:
            issues.append(_issue(record, "dropped", reasons))
            continue
        if reasons:
            issues.append(_issue(record, "repaired", reasons))
        kept.append(fixed)
    return kept, issues


def _issue(record: Record, action: str, reasons: list[str]) -> RecordIssue:
    return RecordIssue(
        file=record.source.file,
        line=record.source.start_line,
        action=action,
        kind=record_kind(record),
        reason="; ".join(reasons),
    )


def record_kind(record: Record) -> str:
    """A record's kind in words: ModelRecord -> "model", TableRowRecord -> "table row"."""
    name = type(record).__name__.removesuffix("Record")
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower()


def _repaired(record: Record) -> tuple[Record | None, list[str]]:
    """(the record as it can be built or None to drop it, what was wrong)."""
    if isinstance(record, SectionRecord):
        return _section(record)
    if isinstance(record, TableRowRecord):
        return _row(record)
    if isinstance(record, PassageRecord):
        return _passage(record)
    if isinstance(getattr(record, "name", None), str):
        return _entry(record)
    return record, []


# -- entries --------------------------------------------------------------------------


def _entry(record: Any) -> tuple[Record | None, list[str]]:
    reasons: list[str] = []
    changes: dict[str, Any] = {}
    if not has_name(record.name):
        name, origin = name_from_links(getattr(record, "links", ()))
        said = f"its name {record.name!r} has no letter or digit" if record.name else "no name"
        if not name:
            return None, [f"{said}, and no link text or URL to name it from"]
        changes["name"] = name
        reasons.append(f"{said}; named {name!r} from its {origin}")
    names = {f.name for f in fields(record)}
    year = getattr(record, "year", None)
    if year is not None and year not in YEARS:
        changes["year"] = None
        reasons.append(f"left out the year {year} (not in {YEARS.start}..{YEARS.stop - 1})")
    if "parameters" in names:
        good = tuple(p for p in record.parameters if _positive(p.value))
        if len(good) != len(record.parameters):
            changes["parameters"] = good
            bad = [p.text or str(p.value) for p in record.parameters if p not in good]
            reasons.append(f"left out parameter counts that are not > 0: {', '.join(bad)}")
    window = getattr(record, "context_window", None)
    if window is not None and window <= 0:
        changes["context_window"] = None
        reasons.append(f"left out the context window {window} (not > 0)")
    for field_name in ("vision_encoders", "language_backbones", "components"):
        if field_name in names:
            parts = getattr(record, field_name)
            good_parts = tuple(_component(c) for c in parts if c.name.strip())
            if good_parts != parts:
                changes[field_name] = good_parts
                reasons.append(f"left out unnamed {field_name.replace('_', ' ')}")
    for field_name in ("architectures", "based_on", "training_data", "aliases", "variants"):
        if field_name in names:
            values = getattr(record, field_name)
            good_values = tuple(v for v in values if v.strip())
            if len(good_values) != len(values):
                changes[field_name] = good_values
                reasons.append(f"left out empty {field_name.replace('_', ' ')}")
    if "benchmark_results" in names:
        results = tuple(r for r in record.benchmark_results if r.benchmark.strip())
        if len(results) != len(record.benchmark_results):
            changes["benchmark_results"] = results
            reasons.append("left out results without a benchmark name")
    if "sizes" in names:
        sizes = tuple(s for s in record.sizes if math.isfinite(s.value) and s.unit.strip())
        if len(sizes) != len(record.sizes):
            changes["sizes"] = sizes
            reasons.append("left out sizes without a number or unit")
    for field_name in ("category", "group"):
        value = getattr(record, field_name, None)
        if isinstance(value, str) and not value.strip():
            changes[field_name] = None
            reasons.append(f"left out the empty {field_name}")
    return (replace(record, **changes) if changes else record), reasons


def has_name(name: str) -> bool:
    """Does the name have a letter or digit ("---", "****", a zero-width space have none)?"""
    return any(ch.isalnum() for ch in name)


def _positive(value: float) -> bool:
    return math.isfinite(value) and value > 0


def _component(component: Component) -> Component:
    broader = tuple(b for b in component.broader if b.strip())
    aliases = tuple(a for a in component.aliases if a.strip())
    if (broader, aliases) == (component.broader, component.aliases):
        return component
    return replace(component, broader=broader, aliases=aliases)


def name_from_links(links: Sequence[Link]) -> tuple[str, str]:
    """(a name from the first link with text, else from a URL, where it came from) or ("", "").

    `[Kimi K3](url)` -> "Kimi K3"; github.com/owner/repo -> "repo"; an arXiv link ->
    "arXiv:2409.12191"; another URL -> its last path segment, else its host.
    """
    for link in links:
        text = " ".join(_MARKUP.sub(" ", link.text).split())
        if has_name(text) and len(text) <= NAME_LIMIT and len(text.split()) <= NAME_WORDS:
            return text, "link text"  # a short text; a long one is a description
    for link in links:
        name = _name_from_url(link)
        if name:
            return name, "URL"
    return "", ""


def _name_from_url(link: Link) -> str:
    if link.arxiv_id:
        return f"arXiv:{link.arxiv_id}"
    try:
        parts = urlsplit(link.url.strip())
    except ValueError:
        return ""
    segments = [unquote(s) for s in parts.path.split("/") if s.strip()]
    segments = [s for s in segments if s not in {"tree", "main", "blob", "index.html"}]
    if parts.netloc.endswith(("github.com", "huggingface.co")) and len(segments) >= 2:
        return segments[1]
    if segments:
        return re.sub(r"\.(html?|pdf|md)$", "", segments[-1])
    return parts.netloc.removeprefix("www.")


# -- headings, rows, passages ---------------------------------------------------------


def _section(record: SectionRecord) -> tuple[Record | None, list[str]]:
    if record.title.strip():
        return record, []
    title = f"Untitled section (line {record.source.start_line})"
    return replace(record, title=title), [f"its heading is empty; named {title!r}"]


def _row(record: TableRowRecord) -> tuple[Record | None, list[str]]:
    values = [value for _, value in record.cells]
    if all(_EMPTY_CELL.match(v) for v in [record.key, *values]):
        return None, ["every cell is empty or dashes"]
    reasons: list[str] = []
    changes: dict[str, Any] = {}
    if _EMPTY_CELL.match(record.key) or not has_name(record.key):
        key = next(v for v in values if not _EMPTY_CELL.match(v)).strip()
        changes["key"] = key
        reasons.append(f"its first cell is empty; named {key!r} from the next cell")
    if not record.table.strip():
        table = f"Table (line {record.source.start_line})"
        changes["table"] = table
        reasons.append(f"its table has no title; named {table!r}")
    return (replace(record, **changes) if changes else record), reasons


def _passage(record: PassageRecord) -> tuple[Record | None, list[str]]:
    if not record.text.strip():
        return None, ["the passage is empty"]
    if record.kind in ("research_direction", "application") and not record.topic.strip():
        topic = record.source.section[-1] if record.source.section else ""
        if not topic.strip():
            return None, [f"a {record.kind.replace('_', ' ')} passage with no topic"]
        return replace(record, topic=topic), [f"its topic is empty; took {topic!r} (its heading)"]
    return record, []


# -- the SHACL safety net -------------------------------------------------------------


def at_fault(graph: Graph, violations: Sequence[Any], records: Sequence[Record]) -> dict[int, str]:
    """{index of a record whose lines a violating node comes from: the violation, in words}.

    `violations` are `kg.shacl.Violation`s (their `focus` a compact IRI). A node is traced
    through `prov:wasDerivedFrom` to its source spans, or through the nodes pointing at it;
    violations that trace to no record are not in the result (they are kept, and reported).
    """
    by_citation: dict[str, list[int]] = defaultdict(list)
    for index, record in enumerate(records):
        by_citation[record.source.ref].append(index)
    found: dict[int, str] = {}
    for violation in violations:
        node = expand(violation.focus)
        if node is None:
            continue
        for citation in _citations(graph, node):
            for index in by_citation.get(citation, ()):
                found.setdefault(index, f"SHACL: {violation}")
    return found


def expand(compact: str) -> URIRef | None:
    """`res:model/x` -> the full IRI; None for a blank node or an unknown prefix."""
    if compact.startswith("<") and compact.endswith(">"):
        return URIRef(compact[1:-1])
    prefix, sep, local = compact.partition(":")
    if not sep or prefix not in PREFIXES or local.startswith("//"):
        return URIRef(compact) if "://" in compact else None
    return URIRef(PREFIXES[prefix] + local)


def _citations(graph: Graph, node: Node) -> set[str]:
    spans = set(graph.objects(node, PROV.wasDerivedFrom))
    if (node, VLM.citation, None) in graph:
        spans.add(node)
    if not spans:  # a node described by its parent only (a cell, a quantity)
        for parent in graph.subjects(None, node):
            spans.update(graph.objects(parent, PROV.wasDerivedFrom))
    return {str(c) for span in spans for c in graph.objects(span, VLM.citation)}


# -- the build's graph, checked -------------------------------------------------------

SHACL_ROUNDS = 3  # dropping a record can expose another (a concept it alone named)


@dataclass(frozen=True)
class CheckedGraph:
    """A graph that the shapes accept (unless `flagged`), and what it took to get there.

    `store` holds the graph as its default graph (in memory, `kg._memory_store`); `graph`
    is the same graph as an rdflib Graph, made on first use.
    """

    store: ox.Store
    records: list[Record]  # the records built (repaired, without the dropped ones)
    issues: list[RecordIssue]
    flagged: list[str]  # SHACL violations kept: traced to no record
    given: Graph | None = field(default=None, repr=False)  # the caller's graph, if given

    @cached_property
    def graph(self) -> Graph:
        """The graph as an rdflib Graph (the caller's own when it gave one)."""
        from kg._memory_store import rdflib_graph

        return self.given if self.given is not None else rdflib_graph(self.store)


def checked_graph(
    records: Sequence[Record],
    *,
    strict: bool,
    sources: Sequence[HubSource] = (),
    graph: Graph | None = None,
    log: Callable[[str], object] | None = None,
    lap: Callable[[], str] | None = None,
    tick: Callable[[], object] | None = None,
) -> CheckedGraph:
    """The graph of `records`, repaired and validated; `strict` raises on any problem instead.

    `log` gets the stage lines (`graph: N triples (T)`, `SHACL shapes: ...`) and one
    `warning:` line per record repaired or dropped; `lap()` says the time since the last
    line; `tick()` is called once per record mapped. `graph`, when given, is the records'
    graph already built (it is validated, not rebuilt).
    """
    from kg._memory_store import memory_store, rdflib_graph
    from kg.build import emit
    from kg.shacl import validate, violations
    from vlmkg.errors import ShapeViolationError

    say = log or (lambda _: None)
    time = lap or (lambda: "")
    if strict:
        if graph is None:
            mapped: list[Triple] = []
            emit(records, mapped.append, sources=sources, tick=tick)
            store = memory_store(mapped)
        else:
            store = memory_store(graph)
        say(f"graph: {len(store)} triples ({time()})")
        validate(store)
        problems = repair(records)[1]
        if problems:
            lines = [f"{len(problems)} records cannot be built as they are (--strict):"]
            lines += [f"  {issue}" for issue in problems]
            raise ShapeViolationError("\n".join(lines))
        say(f"SHACL shapes: conform ({time()})")
        return CheckedGraph(store, list(records), [], [], given=graph)
    if graph is not None:  # built by the caller: report what the shapes find, keep it all
        store = memory_store(graph)
        say(f"graph: {len(store)} triples ({time()})")
        flagged = [f"SHACL: {v} (kept)" for v in violations(store)]
        for line in flagged:
            say(f"warning: {line}")
        say(f"SHACL shapes: {_shapes_line(flagged)} ({time()})")
        return CheckedGraph(store, list(records), [], flagged, given=graph)
    kept, issues = repair(records)
    for issue in issues:
        say(f"warning: {issue}")
    if tick is not None:
        for _ in range(len(records) - len(kept)):
            tick()  # records dropped here are done with, for the progress count
    store, kept = _mapped(kept, issues, sources, tick, say)
    say(f"graph: {len(store)} triples ({time()})")
    found = violations(store)
    for _ in range(SHACL_ROUNDS):
        # Tracing walks the graph node by node: rdflib's view, made only when needed.
        fault = at_fault(rdflib_graph(store), found, kept) if found else {}
        if not fault:
            break
        for index, why in sorted(fault.items()):
            issue = _issue(kept[index], "dropped", [why])
            issues.append(issue)
            say(f"warning: {issue}")
        kept = [r for i, r in enumerate(kept) if i not in fault]
        store, kept = _mapped(kept, issues, sources, None, say)
        say(f"graph: {len(store)} triples without {len(fault)} records ({time()})")
        found = violations(store)
    flagged = [f"SHACL: {v} (kept: traced to no record)" for v in found]
    for line in flagged:
        say(f"warning: {line}")
    say(f"SHACL shapes: {_shapes_line(flagged)} ({time()})")
    return CheckedGraph(store, kept, issues, flagged)


def _mapped(
    records: list[Record],
    issues: list[RecordIssue],
    sources: Sequence[HubSource],
    tick: Callable[[], object] | None,
    say: Callable[[str], object],
) -> tuple[ox.Store, list[Record]]:
    """(the graph of the records that map, those records): a record that raises is dropped."""
    from kg._memory_store import memory_store
    from kg.build import emit

    failed: dict[int, Exception] = {}

    def dropped(record: Record, exc: Exception) -> None:
        failed[id(record)] = exc
        issue = _issue(record, "dropped", [f"cannot be written as RDF ({exc})"])
        issues.append(issue)
        say(f"warning: {issue}")

    mapped: list[Triple] = []
    emit(records, mapped.append, sources=sources, on_error=dropped, tick=tick)
    return memory_store(mapped), [r for r in records if id(r) not in failed]


def _shapes_line(flagged: Sequence[str]) -> str:
    return f"{len(flagged)} problems kept (warnings above)" if flagged else "conform"


__all__ = [
    "CheckedGraph",
    "RecordIssue",
    "at_fault",
    "checked_graph",
    "expand",
    "has_name",
    "name_from_links",
    "record_kind",
    "repair",
]
