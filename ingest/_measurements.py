"""A table written as a sentence: "Three compression techniques shrink a 7B model: 4-bit QAT
to 1.8B (6GB VRAM, 14ms latency, 92.3% accuracy), LayerDrop to 3.1B (9GB, 22ms, 95.1%) and
MoE-Slim to 2.4B (5GB, 18ms, 93.7%)" -> one row per item, each measurement under the name the
first item gives it ("VRAM", "latency", "accuracy")."""

from __future__ import annotations

import re

from ingest._numbers import sentences
from ingest._tables import table_kind
from ingest.records import Source, TableRowRecord

_HEAD = re.compile(
    r"^(?:(?:two|three|four|five|six|several|[2-9])\s+)?"
    r"(?P<noun>(?:[a-z][\w-]*\s){0,2}?[a-z][\w-]*s)\b"  # up to the plural noun
    r"(?:\s+(?P<verb>[a-z][\w-]*(?:\s[\w-]+){0,4}))?:\s+(?P<items>.+)$",
    re.I,
)
_ITEM = re.compile(
    r"(?P<name>[A-Z0-9][\w.+-]*(?:\s[\w.+-]+){0,3}?)\s+(?P<prep>to|at|of|with|reaches)\s+"
    r"(?P<value>~?\d[\d.,]*\s?[A-Za-z%]{0,4})\s*\((?P<measures>[^()]*\d[^()]*)\)"
)
_MEASURE = re.compile(
    r"^(?P<value>~?\d[\d.,]*\s?(?:%|[A-Za-z]{1,4})?)(?:\s+(?P<label>[A-Za-z][\w -]*))?$"
)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _measures(text: str) -> list[tuple[str | None, str]]:
    found = []
    for part in re.split(r",\s*", text):
        match = _MEASURE.match(part.strip())
        if match is None:
            return []
        found.append((match.group("label"), match.group("value").strip()))
    return found


def measured_rows(text: str, source: Source, family: str) -> list[TableRowRecord]:
    """The rows a sentence of measured items states (at least two items, each "Name to
    value (measurements)"), or []. Measurements without a label take the first item's label
    at the same position; the value after "to" is headed by the sentence's verb phrase."""
    rows: list[TableRowRecord] = []
    for sentence in sentences(text):
        head = _HEAD.match(sentence.strip())
        if head is None:
            continue
        items = list(_ITEM.finditer(head.group("items")))
        if len(items) < 2:
            continue
        measured = [_measures(item.group("measures")) for item in items]
        labels = [label for label, _ in measured[0]]
        if not all(labels) or any(len(m) != len(labels) for m in measured):
            continue
        noun = head.group("noun")
        title = _capital(noun)
        verb = head.group("verb")
        value_header = f"{verb} {items[0].group('prep')}" if verb else items[0].group("prep")
        column = re.sub(r"(?<=[^s])s$", "", noun)  # "compression techniques" -> "... technique"
        header = (_capital(column), value_header, *(_capital(str(x)) for x in labels))
        kind = table_kind(header, title, family)
        for item, values in zip(items, measured, strict=True):
            name = item.group("name").strip()
            cells = (name, item.group("value").strip(), *(value for _, value in values))
            rows.append(
                TableRowRecord(
                    key=name,
                    table=title,
                    kind=kind,
                    cells=tuple(zip(header, cells, strict=True)),
                    source=source,
                )
            )
    return rows
