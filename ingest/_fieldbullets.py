"""Entries written as fields between dashes ("- EgoExoBench — 2025 — cross-view video
understanding — 7,300 MCQs"): the year is a field of its own, the others stay the
description in their order. The splitter and the year rule are shared with models' entries,
whose fields may also stand between bars or middots ("Alibaba | 2025 | 7B")."""

from __future__ import annotations

import re
from dataclasses import replace

from ingest._entries import Entry
from ingest._tables import table_kind
from ingest._vocabulary import vocabulary
from ingest.records import Source, TableRowRecord

DASHES = re.compile(r"\s+[—–]\s+")
DASHES_BARS_OR_DOTS = re.compile(r"\s+[—–|·•]\s+")
_YEAR = re.compile(r"^\(?((?:19|20)\d\d)\)?$")


def split_fields(
    text: str, separator: re.Pattern[str] = DASHES, strip: str | None = None
) -> list[str]:
    """The fields of `text` between separators ("Alibaba — 2025 — 7B"), each stripped of the
    characters `strip` (whitespace when None), or [] when `text` has no separator."""
    found = separator.split(text)
    return [f.strip(strip) for f in found] if len(found) >= 2 else []


def year_field(field: str) -> int | None:
    """The year a field is ("2025", "(2025)"), or None."""
    match = _YEAR.match(field)
    return int(match.group(1)) if match else None


def fields(text: str) -> list[str]:
    """The dash-separated fields of `text` ("evaluation — a framework — MIT"), or [] when it
    is not a run of fields."""
    found = [f for f in split_fields(text) if f]
    return found if len(found) >= 2 else []


def dash_fields(entry: Entry) -> Entry:
    """`entry` with the year its dash-separated fields state ("2025 — what it tests —
    details" -> year 2025, description "what it tests — details"); unchanged when the
    description is no run of fields or states no year field."""
    parts = fields(entry.description)
    years = [i for i, field in enumerate(parts) if year_field(field)]
    if not years:
        return entry
    year = year_field(parts[years[0]])
    rest = [field for i, field in enumerate(parts) if i != years[0]]
    return replace(entry, year=entry.year or year, description=" — ".join(rest))


def field_license(text: str) -> str | None:
    """The license a field of its own names ("... — Apache-2.0"), normalised, or None."""
    for field in fields(text):
        lowered = field.lower()
        for label, pattern in vocabulary().licenses:
            if pattern.fullmatch(lowered) or (len(field.split()) <= 3 and pattern.search(lowered)):
                return str(label)
    return None


_CLAUSES = re.compile(r",\s*(?:and\s+)?|\s+and\s+")


def field_row(
    text: str, intro: str | None, title: str, family: str, source: Source
) -> TableRowRecord | None:
    """A bullet of fields under a sentence naming its columns ("How often each failure shows
    up, where it hurts most, and how well mitigation works:" over "Gender bias — 23% — career
    images — a 63% reduction") -> one table row, keyed by its first field and headed by the
    section's noun ("Risk"); None unless the intro names one column per later field."""
    parts = fields(text)
    if len(parts) < 3 or not intro or not intro.rstrip().endswith(":"):
        return None
    columns = [c.strip(" :.") for c in _CLAUSES.split(intro.strip().rstrip(":"))]
    columns = [c for c in columns if c]
    if len(columns) != len(parts) - 1:
        return None
    noun = re.sub(r"(?<=[^s])s$", "", title.strip())
    header = (noun, *(c[:1].upper() + c[1:] for c in columns))
    cells = tuple(zip(header, parts, strict=True))
    return TableRowRecord(parts[0], title, table_kind(header, title, family), cells, source)
