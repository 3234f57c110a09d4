"""Paper tables: rows that list a paper by its linked title, often with the model it
introduces after a line break (`| **[Visual Instruction Tuning](arxiv url)** <br> LLaVA |
NeurIPS 2023 | 04/2023 | [Github](url) | - |`).

The table is recognised by its cells, not its header: a column whose cells open with a
link whose text is a title (`looks_like_title`) in at least half of the rows. Each such row
is a paper (title, arXiv id, year), and each model the cell names after the title (or a
name column of the row names) is a model with the row's date, links and other cells.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from ingest._entries import links
from ingest._model_cells import row_members
from ingest._models import model_from_row
from ingest._papers import arxiv_of, arxiv_year, looks_like_title, short_name
from ingest._tables import header_key, meanings, no_value, title_headers
from ingest.markdown import LinkRef, Table
from ingest.records import PaperRecord, Record, Source

# what stands between a title and the model named after it: the line break (" / "), a dash
_BETWEEN = " /|,;:-–—"
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _linked_title(cell: str, refs: tuple[LinkRef, ...], words: int | None = None) -> str | None:
    """The text of the link `cell` opens with, when it reads as a title: `looks_like_title`,
    or at least `words` words when given ("Native Multimodal Agency" under a "Title" header;
    any text at all in a column known to hold titles, `words=1`)."""
    for ref in refs:
        text = ref.text.strip()
        titled = len(text.split()) >= words if words else looks_like_title(text)
        if text and cell.strip().startswith(text) and titled:
            return text
    return None


def title_column(table: Table) -> int | None:
    """The column of a table whose cells are linked paper titles in at least half of the
    rows (under a title header, "| Title |", three linked words are a title), or None."""
    rows = list(zip(table.rows, table.row_links or [()] * len(table.rows), strict=False))
    headers = title_headers()
    for index, header in enumerate(table.header):
        words = 3 if header_key(header) in headers else None
        titled = sum(1 for row, refs in rows if _linked_title(_cell(row, index), refs, words))
        if titled and 2 * titled >= len(rows):
            return index
    return None


def _model_names(cell: str, title: str) -> str:
    """What a title cell says after the title: the model the paper introduces ("Native
    Multimodal Pretraining / InternVL3 / InternVL3.5" -> "InternVL3 / InternVL3.5")."""
    return cell.strip()[len(title) :].strip(_BETWEEN + " ")


def paper_rows(
    table: Table,
    source_of: Callable[[int, int], Source],
    year: int | None,
    marks: Mapping[str, str] | None = None,
) -> list[Record] | None:
    """The papers and models of a paper table, in row order; None when `table` is none."""
    column = title_column(table)
    if column is None:
        return None
    kinds = meanings(table.header, -1)
    records: list[Record] = []
    for row, line, refs in zip(
        table.rows, table.row_lines, table.row_links or [()] * len(table.rows), strict=False
    ):
        title = _linked_title(_cell(row, column), refs, words=1)
        if title is None:
            continue
        source = source_of(line, line)
        cells: dict[str, str] = {}
        notes: list[str] = []
        for index, (header, meaning, value) in enumerate(
            zip(table.header, kinds, row, strict=False)
        ):
            written = value.strip()
            if index == column or no_value(written) == "empty":
                continue
            if meaning and meaning != "link" and meaning not in cells:
                cells[meaning] = written
            elif meaning is None and not _only_link_text(written, refs):
                notes.append(f"{header.strip()}: {written}.")
        found = links(refs)
        own = links(tuple(ref for ref in refs if ref.text.strip() == title))
        arxiv_id = arxiv_of(own)
        stated = _YEAR.search(cells.get("year", ""))
        paper_year = (
            int(stated.group(0)) if stated else (arxiv_year(arxiv_id) if arxiv_id else year)
        )
        name = cells.pop("name", "") or _model_names(_cell(row, column), title)
        # the model a paper introduces is the short name it goes by ("LLaVA")
        short = name or short_name(title)
        records.append(PaperRecord(title, source, arxiv_id, paper_year, short, own))
        if not name:
            continue
        description = " ".join(
            [*notes, *([cells.pop("description")] if "description" in cells else [])]
        )
        for member in row_members({"name": name, **cells, "description": description}):
            records.append(model_from_row(member, source, year, found, marks))
    return records


def _cell(row: tuple[str, ...], index: int) -> str:
    return row[index] if index < len(row) else ""


def _only_link_text(cell: str, refs: tuple[LinkRef, ...]) -> bool:
    """True for a cell that is the text of its links alone ("Github", "🤗", a star badge)."""
    rest = cell
    for ref in refs:
        if ref.text:
            rest = rest.replace(ref.text, "")
    return not re.sub(r"[\s·•|,;/]+", "", rest)


__all__ = ["paper_rows", "title_column"]
