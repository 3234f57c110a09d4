"""A count or list scoped to a heading or table that lists table rows, not the asked class.

"How many architectures in the release timeline are dated 2023?": the timeline lists no
architecture entries, its rows are the architectures it dates. Counting the rows (their
Date cells give the year) is the list those conditions return, so count and list agree.
"""

from __future__ import annotations

from dataclasses import replace

from rdflib import URIRef

from search.assistant.graph import GraphReader
from search.assistant.lexicon import LexEntity
from search.assistant.understand import Intent

ROW = "TableRow"
_LISTED = ("Model", "Dataset", "Benchmark", "Tool", "Paper")
# the classes of what is listed under a heading (its subheadings too) or in a table
_MEMBER_CLASSES = """
SELECT DISTINCT ?class ?scope WHERE {
  { ?x vlm:listedIn/dcterms:isPartOf* ?scope } UNION { ?x vlm:table ?scope }
  ?x a ?class .
}
"""


def rows_in_scope(intent: Intent, reader: GraphReader) -> Intent:
    """`intent` asking for table rows when each heading or table it names as its scope lists
    table rows and none of the asked class, and it names nothing else; else `intent`."""
    target = intent.target_class
    if target not in _LISTED or intent.kind not in ("count", "list"):
        return intent
    scopes: list[tuple[LexEntity, ...]] = []
    for mention in intent.mentions:
        named = tuple(mention.of_type("Section", "Table"))
        if not named or len(named) != len(mention.entities):
            return intent  # a value or an entry is a condition rows do not state
        scopes.append(named)
    scopes += [(e,) for e in intent.extra.get("scopes", ()) if e.is_a("Section", "Table")]
    if not scopes or not all(_lists_rows_only(reader, found, target) for found in scopes):
        return intent
    return replace(intent, target_class=ROW)


def _lists_rows_only(reader: GraphReader, scope: tuple[LexEntity, ...], target: str) -> bool:
    classes: set[str] = set()
    for entity in scope:
        rows = reader.select(_MEMBER_CLASSES, {"scope": URIRef(entity.iri)})
        classes |= {str(r["class"]).rsplit("#", 1)[-1] for r in rows}
    return ROW in classes and target not in classes
