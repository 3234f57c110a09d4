"""What changed between two versions of the hub, as records and as the changes graph.

`diff(older, newer, matching, ...)` compares the entries of two consecutive versions:
entry added / removed / renamed, fact added / removed / changed (old and new value).
Formatting is not a change: facts are compared by value (labels, whitespace collapsed),
not by line, position, section or prose.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.term import Node

from ingest.names import entity_key
from kg._history_entities import Entry
from kg._iris import digest
from kg._literals import integer, string
from kg.store import Store
from kg.vocab import DCTERMS, PROV, RDF, RDFS, RES, VLM, XSD

CHANGES_GRAPH = "https://w3id.org/vlmkg/graph/changes"
VERSION_GRAPH = "https://w3id.org/vlmkg/graph/version/"
KINDS = ("added", "removed", "renamed", "fact-added", "fact-removed", "fact-changed")

Triple = tuple[Node, Node, Node]


@dataclass(frozen=True)
class Side:
    """One version of a change: its commit, date and the entry's lines there."""

    commit: str
    date: str
    lines: tuple[int, int] = (0, 0)


@dataclass(frozen=True)
class Change:
    """One change between consecutive versions.

    `kind` is one of KINDS; `property` and the values are set for fact changes (a rename
    has the old and new label as values); `old` is None for a first version's entries.
    """

    kind: str
    entity: str
    label: str
    cls: str
    new: Side
    old: Side | None = None
    property: str | None = None
    old_value: str | None = None
    new_value: str | None = None


def diff(
    older: Mapping[str, Entry],
    newer: Mapping[str, Entry],
    matched: set[str],
    old_side: Side | None,
    new_side: Side,
) -> list[Change]:
    """The changes from `older` to `newer`, both keyed by kept IRIs; `matched` the kept pairs."""
    changes: list[Change] = []
    for iri, entry in sorted(newer.items()):
        before = older.get(iri) if iri in matched else None
        now = _side(new_side, entry)
        if before is None or old_side is None:
            changes.append(Change("added", iri, entry.label, entry.cls, now, old_side))
            continue
        then = _side(old_side, before)
        if " ".join(before.label.split()) != " ".join(entry.label.split()):
            changes.append(
                Change(
                    "renamed",
                    iri,
                    entry.label,
                    entry.cls,
                    now,
                    then,
                    "rdfs:label",
                    before.label,
                    entry.label,
                )
            )
        if before.cls != entry.cls:
            changes.append(
                Change(
                    "fact-changed",
                    iri,
                    entry.label,
                    entry.cls,
                    now,
                    then,
                    "rdf:type",
                    f"vlm:{before.cls}",
                    f"vlm:{entry.cls}",
                )
            )
        changes.extend(_fact_changes(before, entry, then, now))
    for iri, entry in sorted(older.items()):
        if iri not in matched and old_side is not None:
            changes.append(
                Change("removed", iri, entry.label, entry.cls, new_side, _side(old_side, entry))
            )
    return changes


def _side(side: Side, entry: Entry) -> Side:
    return Side(side.commit, side.date, entry.lines)


def _fact_changes(before: Entry, after: Entry, then: Side, now: Side) -> list[Change]:
    old_values, new_values = before.values(), after.values()
    out: list[Change] = []
    for predicate in sorted(set(old_values) | set(new_values)):
        gone = sorted(old_values.get(predicate, set()) - new_values.get(predicate, set()))
        came = sorted(new_values.get(predicate, set()) - old_values.get(predicate, set()))
        if len(gone) == 1 and len(came) == 1:
            out.append(
                Change(
                    "fact-changed",
                    after.iri,
                    after.label,
                    after.cls,
                    now,
                    then,
                    predicate,
                    gone[0],
                    came[0],
                )
            )
            continue
        out += [
            Change(
                "fact-removed",
                after.iri,
                after.label,
                after.cls,
                now,
                then,
                predicate,
                old_value=value,
            )
            for value in gone
        ]
        out += [
            Change(
                "fact-added",
                after.iri,
                after.label,
                after.cls,
                now,
                then,
                predicate,
                new_value=value,
            )
            for value in came
        ]
    return out


def version_iri(commit: str) -> URIRef:
    """The named graph of one version."""
    return URIRef(VERSION_GRAPH + commit)


def change_triples(changes: Iterable[Change]) -> list[Triple]:
    """The changes graph: one `vlm:Change` node per change, with both versions and spans."""
    out: list[Triple] = []
    for change in changes:
        key = (change.kind, change.entity, change.new.commit, change.property)
        node = RES[f"change/{digest(*key, change.old_value, change.new_value)}"]
        out += [
            (node, RDF.type, VLM.Change),
            (node, RDF.type, PROV.Activity),
            (node, VLM.changeKind, string(change.kind)),
            (node, VLM.entity, URIRef(change.entity)),
            (node, RDFS.label, string(change.label)),
            (node, VLM.entityClass, VLM[change.cls]),
            (node, VLM.toVersion, version_iri(change.new.commit)),
            (node, DCTERMS.date, Literal(change.new.date, datatype=XSD.dateTime)),
        ]
        out += _side_triples(node, VLM.newStartLine, VLM.newEndLine, change.new)
        if change.old is not None:
            out.append((node, VLM.fromVersion, version_iri(change.old.commit)))
            out += _side_triples(node, VLM.oldStartLine, VLM.oldEndLine, change.old)
        if change.property is not None:
            out.append((node, VLM.property, string(change.property)))
        if change.old_value is not None:
            out.append((node, VLM.oldValue, string(change.old_value)))
        if change.new_value is not None:
            out.append((node, VLM.newValue, string(change.new_value)))
    return out


def _side_triples(node: URIRef, start: URIRef, end: URIRef, side: Side) -> list[Triple]:
    if side.lines == (0, 0):
        return []
    return [(node, start, integer(side.lines[0])), (node, end, integer(side.lines[1]))]


def since(changes: Sequence[Change], day: str | None) -> list[Change]:
    """The changes of versions dated `day` (YYYY-MM-DD) or later; all when None."""
    return [c for c in changes if day is None or c.new.date[:10] >= day]


# -- reading the changes graph ----------------------------------------------------------

_READ = """
SELECT * WHERE {
  GRAPH ?changes {
    ?c a vlm:Change ; vlm:changeKind ?kind ; vlm:entity ?entity ; rdfs:label ?label ;
       vlm:entityClass ?cls ; vlm:toVersion ?new ; dcterms:date ?date .
    OPTIONAL { ?c vlm:newStartLine ?ns ; vlm:newEndLine ?ne }
    OPTIONAL { ?c vlm:fromVersion ?old }
    OPTIONAL { ?c vlm:oldStartLine ?os ; vlm:oldEndLine ?oe }
    OPTIONAL { ?c vlm:property ?property }
    OPTIONAL { ?c vlm:oldValue ?ov }
    OPTIONAL { ?c vlm:newValue ?nv }
  }
}"""

_VERSIONS = """
SELECT ?v ?date WHERE { ?v a vlm:HubVersion ; dcterms:date ?date } ORDER BY ?date"""


def read_versions(store: Store) -> list[tuple[str, str]]:
    """The versions the store holds, oldest first: (commit, date)."""
    rows = store.query(_VERSIONS).dicts()
    return [(str(r["v"]).removeprefix(VERSION_GRAPH), str(r["date"])) for r in rows]


def read_changes(store: Store) -> list[Change]:
    """Every change in the store's changes graph, oldest first (then by kind and entity)."""
    dates = {commit: date for commit, date in read_versions(store)}
    out = []
    for row in store.query(_READ, {"changes": URIRef(CHANGES_GRAPH)}).dicts():
        new_commit = str(row["new"]).removeprefix(VERSION_GRAPH)
        old = row.get("old")
        old_commit = str(old).removeprefix(VERSION_GRAPH) if old is not None else None
        new = Side(new_commit, str(row["date"]), _lines(row, "ns", "ne"))
        old_side = (
            Side(old_commit, dates.get(old_commit, ""), _lines(row, "os", "oe"))
            if old_commit
            else None
        )
        out.append(
            Change(
                str(row["kind"]),
                str(row["entity"]),
                str(row["label"]),
                str(row["cls"]).removeprefix(str(VLM)),
                new,
                old_side,
                _text(row.get("property")),
                _text(row.get("ov")),
                _text(row.get("nv")),
            )
        )
    order = {kind: n for n, kind in enumerate(KINDS)}
    return sorted(
        out,
        key=lambda c: (
            c.new.date,
            order[c.kind],
            c.cls,
            c.label.casefold(),
            c.property or "",
            c.old_value or "",
            c.new_value or "",
        ),
    )


def _lines(row: Mapping[str, object], start: str, end: str) -> tuple[int, int]:
    if row.get(start) is None:
        return (0, 0)
    return (int(str(row[start])), int(str(row[end])))


def _text(node: object) -> str | None:
    return None if node is None else str(node)


def latest(changes: Sequence[Change], versions: Sequence[tuple[str, str]]) -> list[Change]:
    """The changes of the newest version (against the one before)."""
    if not versions:
        return []
    newest = versions[-1][0]
    return [c for c in changes if c.new.commit == newest]


def of_entity(changes: Sequence[Change], name: str) -> list[Change]:
    """The timeline of the entries named `name` (their label now or at any version)."""
    key = entity_key(name)
    renamed = {
        c.entity
        for c in changes
        if c.kind == "renamed"
        and key in (entity_key(c.old_value or ""), entity_key(c.new_value or ""))
    }
    iris = renamed | {c.entity for c in changes if entity_key(c.label) == key}
    return [c for c in changes if c.entity in iris]


def format_change(change: Change) -> str:
    """One line: date, commit, kind, class, entry, what changed, lines (old -> new)."""
    head = f"{change.new.date[:10]}  {change.new.commit[:7]}  {change.kind:<12}  {change.cls:<9}"
    if change.kind == "renamed":
        what = f"{change.old_value} -> {change.new_value}"
    elif change.kind == "fact-changed":
        what = f"{change.label}  {change.property}: {change.old_value} -> {change.new_value}"
    elif change.kind in ("fact-added", "fact-removed"):
        value = change.new_value if change.kind == "fact-added" else change.old_value
        what = f"{change.label}  {change.property}: {value}"
    else:
        what = change.label
    return f"{head}  {what}  [{_where(change)}]"


def _where(change: Change) -> str:
    new = f"L{change.new.lines[0]}" if change.new.lines != (0, 0) else ""
    old = f"L{change.old.lines[0]}" if change.old and change.old.lines != (0, 0) else ""
    if change.kind == "added":
        return new
    if change.kind == "removed":
        return f"{old}, gone in {change.new.commit[:7]}"
    return f"{old} -> {new}"


__all__ = [
    "CHANGES_GRAPH",
    "KINDS",
    "VERSION_GRAPH",
    "Change",
    "Side",
    "change_triples",
    "diff",
    "format_change",
    "latest",
    "of_entity",
    "read_changes",
    "read_versions",
    "since",
    "version_iri",
]
