"""Table columns by header meaning, and what a plain table holds (rules in `tables.yaml`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ingest._data import load_yaml


@dataclass(frozen=True)
class _Rules:
    columns: tuple[tuple[str, frozenset[str]], ...]
    entity_columns: dict[str, tuple[str, ...]]
    table_kinds: tuple[dict, ...]
    disclosure: frozenset[str]
    empty: frozenset[str]


def header_key(header: str) -> str:
    """A header as compared: lowercase, no emphasis, colon, abbreviation dot ("Org.",
    "Arch.") or extra spaces."""
    bare = re.sub(r"\s+", " ", header.replace("**", "").replace(":", "")).strip()
    return bare.rstrip(".").strip().lower()


@cache
def _rules() -> _Rules:
    data = load_yaml("tables.yaml")
    return _Rules(
        columns=tuple((k, frozenset(header_key(h) for h in v)) for k, v in data["columns"].items()),
        entity_columns={
            k: tuple(header_key(h) for h in v) for k, v in data["entity_columns"].items()
        },
        table_kinds=tuple(data["table_kinds"]),
        disclosure=frozenset(header_key(w) for w in data["no_value"]["disclosure"]),
        empty=frozenset(header_key(w) for w in data["no_value"]["empty"]),
    )


def no_value(cell: str) -> str | None:
    """How a cell states no value: "undisclosed" ("Undisclosed", "Unknown"), "empty" ("N/A",
    "-"), or None when it holds a value."""
    key = header_key(cell)
    if key in _rules().disclosure:
        return "undisclosed"
    if key in _rules().empty:
        return "empty"
    return None


def entity_column(header: tuple[str, ...], family: str) -> int | None:
    """Index of the column naming the entities of a `family` table, or None."""
    keys = [header_key(h) for h in header]
    for wanted in _rules().entity_columns.get(family, ()):
        if wanted in keys:
            return keys.index(wanted)
    return None


def meanings(
    header: tuple[str, ...], name_column: int, defined: dict[str, str] | None = None
) -> list[str | None]:
    """The meaning of each column ("name", "parameters", ...) or None when unknown; a header
    the list's legend `defined` ({label: meaning}) means what the legend says."""
    found: list[str | None] = []
    for index, cell in enumerate(header):
        if index == name_column:
            found.append("name")
            continue
        key = header_key(cell)
        found.append((defined or {}).get(key) or _meaning(key))
    return found


def column_meaning(label: str) -> str | None:
    """What a column header or a field label means ("Released" -> "year"), or None."""
    return _meaning(header_key(label))


def _meaning(key: str) -> str | None:
    columns = [(m, names) for m, names in _rules().columns if m != "name"]
    meaning = next((m for m, names in columns if key in names), None)
    if meaning is None:
        # "Params (B)", "Vision Encoder(s)": drop the parenthesis, then try again
        bare = re.sub(r"\s*\([^)]*\)", "", key).strip()
        meaning = next((m for m, names in columns if bare in names), None)
    if meaning is None and "/" in key:
        # "Vision Encoder/Tokenizer", "Year/Date": the first half that has a meaning
        halves = (h.strip() for h in key.split("/"))
        meaning = next((m for h in halves for m, names in columns if h in names), None)
    return meaning


def scale_suffix(header: str) -> str:
    """The magnitude a header states for its bare numbers: "Params (B)" -> "B", else ""."""
    match = re.search(r"\((?:in )?(b|m|k|billions?|millions?)\)", header_key(header))
    return match.group(1)[0].upper() if match else ""


def table_kind(header: tuple[str, ...], title: str, family: str) -> str:
    """What a plain table holds: ethical_challenge, compression_technique, ... or table."""
    keys = {header_key(h) for h in header}
    lowered = title.lower()
    for rule in _rules().table_kinds:
        if keys & {header_key(h) for h in rule.get("headers", [])}:
            return str(rule["kind"])
        if rule.get("title") and re.search(rule["title"], lowered):
            return str(rule["kind"])
        if family in rule.get("families", []):
            return str(rule["kind"])
    return "table"
