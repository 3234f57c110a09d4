"""Table columns by header meaning, and what a plain table holds (rules in `tables.yaml`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ingest._data import load_yaml
from ingest.markdown import Table

ENTITY_FAMILIES = ("models", "datasets", "benchmarks", "tools")


@dataclass(frozen=True)
class _Rules:
    columns: tuple[tuple[str, frozenset[str]], ...]
    entity_columns: dict[str, tuple[str, ...]]
    table_kinds: tuple[dict, ...]
    disclosure: frozenset[str]
    empty: frozenset[str]
    title_headers: frozenset[str]


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
        title_headers=frozenset(header_key(h) for h in data["title_headers"]),
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


def title_headers() -> frozenset[str]:
    """Headers of a column of paper titles ("Title", "Paper"), as compared."""
    return _rules().title_headers


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


_NOT_A_KEY = re.compile(r"^[\d\s./:,%-]*$")  # dates, years, numbers: "2024-01-30", "95.1%"


def key_column(table: Table) -> int:
    """The column naming each row: the first whose cells are not all dates or numbers
    ("| 2024-01-30 | Cambrian-1 | ... |" and "| # | System | ... |" are keyed by their
    second column); when that column repeats a value (a category: "| image classification
    | ... | ImageNet-1k |"), a later column whose header names entities ("Corpus", "Model",
    "Dataset") and whose cells do not."""
    first = 0
    for index in range(len(table.header)):
        cells = [row[index].strip() for row in table.rows if index < len(row)]
        if any(cells) and not all(_NOT_A_KEY.match(cell) for cell in cells):
            first = index
            break
    keys = [row[first].strip() for row in table.rows if first < len(row)]
    if len(set(keys)) == len(keys):
        return first
    for index in range(first + 1, len(table.header)):
        cells = [row[index].strip() for row in table.rows if index < len(row)]
        named = any(entity_column((table.header[index],), kind) == 0 for kind in ENTITY_FAMILIES)
        if named and all(cells) and len(set(cells)) == len(cells):
            return index
    return first


MODEL_COLUMNS = frozenset({"parameters", "vision_encoder", "language_backbone", "architecture"})


def model_key_column(table: Table) -> int | None:
    """The name column of a model table whose name header is blank or unusual ("| | Params |
    Vision Encoder | LLM |", "| # | System | Lab | Vision side | Text side |"): the key
    column (`key_column`), when at least two other columns are read as a model's parts or
    size; else None."""
    column = key_column(table)
    kinds = meanings(table.header, column)
    known = {k for i, k in enumerate(kinds) if i != column and k in MODEL_COLUMNS}
    return column if len(known) >= 2 else None


_PART_ROLES = ("vision_encoder", "language_backbone")


def part_users(table: Table, column: int) -> list[tuple[int, str, str]]:
    """What a table of parts says each model uses ("| Encoder | From | Used by |" over "|
    CLIP ViT-L/14 | CLIP | LLaVA-1.5, CogVLM |"): (row index, the part's role, the model's
    name as the cell writes it) for each model its "Used by" cell names; [] unless the key
    column names a part (a vision encoder or a language model)."""
    kinds = meanings(table.header, column)
    role = _meaning(header_key(table.header[column])) if column < len(table.header) else None
    if role not in _PART_ROLES or "used_by" not in kinds:
        return []
    users = kinds.index("used_by")
    found: list[tuple[int, str, str]] = []
    for index, row in enumerate(table.rows):
        cell = row[users].strip() if users < len(row) else ""
        if no_value(cell) or no_value(re.sub(r"\s*\(.*$", "", cell)):
            continue  # "—", "— (a fully-open encoder family, 2025)"
        for name in re.split(r"\s*,\s*|\s+/\s+|\s+and\s+", cell):
            bare = re.sub(r"\s*\([^()]*\)$", "", name).strip()  # "Ola (alongside OryxViT)"
            if bare and re.search(r"[A-Za-z]", bare):
                found.append((index, role, bare))
    return found


def transposed(table: Table) -> Table | None:
    """A table written sideways, turned: its first column holds attribute names ("Design",
    "Vision encoder", "Context") and its header the entities ("| | Qwen2.5-VL | Kimi-VL |"),
    so each header cell becomes a row named by it, with a column per attribute; None when
    the table is not written so (at least three attribute rows, most of its rows, a blank or
    unnamed first header cell and no header cell that is itself an attribute)."""
    if len(table.header) < 3 or not table.rows:
        return None
    first = header_key(table.header[0])
    if first and _meaning(first) is not None:
        return None
    names = [cell.strip() for cell in table.header[1:]]
    if not all(names) or any(_meaning(header_key(name)) is not None for name in names):
        return None
    labels = [row[0].strip() if row else "" for row in table.rows]
    known = sum(1 for label in labels if label and _meaning(header_key(label)) is not None)
    if known < 3 or 2 * known < len(labels):
        return None
    rows = tuple(
        (name, *(row[index] if index < len(row) else "" for row in table.rows))
        for index, name in enumerate(names, start=1)
    )
    return Table(
        header=(table.header[0].strip() or "Name", *labels),
        rows=rows,
        row_lines=(table.start_line,) * len(rows),
        start_line=table.start_line,
        end_line=table.end_line,
    )
