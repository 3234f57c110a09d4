"""Leaderboards: tables whose rows are models and whose columns are benchmarks
(`| Model | MMMU | MMBench | DocVQA | Size |` over `| Pixtral 12B⁴ | 52.5 | — | **SOTA** | 12B |`).

A table is one when at least two of its column headers are benchmark names (the curated
vocabulary of `benchmarks.yaml`, or a name shaped like one: "...Bench", "...QA", "...VQA")
and its key column is no benchmark. Each row is a model; each cell that states something
is the model's result on that column's benchmark, kept as the list writes it ("SOTA
(open)", "85.0%"; the assistant reads a number from it when it is one); the other columns
are read by header meaning (a "Size" is the parameter count) or kept in the model's text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import replace

from ingest._benchmarks import benchmark_name
from ingest._cells import name_without_marker
from ingest._entries import links
from ingest._models import model_from_row
from ingest._tables import key_column, meanings, no_value
from ingest.markdown import Table
from ingest.records import Mention, Record, Source

# a name shaped like a benchmark's: "CV-Bench", "TextVQA", "ChartQA", "Mantis-Eval"
_SHAPED = re.compile(r"^[A-Za-z0-9][\w.\-]*(?:Bench|QA|VQA|Eval)(?:[\w.\-]*)(?:\s*\([^)]*\))?$")


def _benchmark(header: str) -> str | None:
    text = header.strip().strip("*").strip()
    if benchmark_name(text) or _SHAPED.match(text):
        return text
    return None


def leaderboard_rows(
    table: Table,
    source_of: Callable[[int, int], Source],
    year: int | None,
    marks: Mapping[str, str] | None = None,
    notes: frozenset[str] | None = None,
) -> list[Record] | None:
    """The models of a leaderboard, each with its results; None when `table` is none."""
    benchmarks = {i: b for i, h in enumerate(table.header) if (b := _benchmark(h))}
    if len(benchmarks) < 2:
        return None
    column = key_column(table)
    if column in benchmarks:
        return None
    kinds = meanings(table.header, column)
    records: list[Record] = []
    for row, line, refs in zip(
        table.rows, table.row_lines, table.row_links or [()] * len(table.rows), strict=False
    ):
        name = name_without_marker(row[column], notes) if column < len(row) else ""
        if not name or no_value(name):
            continue
        cells: dict[str, str] = {"name": name}
        told: list[str] = []
        mentions: list[Mention] = []
        for index, (header, meaning, value) in enumerate(
            zip(table.header, kinds, row, strict=False)
        ):
            written = value.strip()
            if index == column or not written or no_value(written) == "empty":
                continue
            if index in benchmarks:
                said = f"{header.strip()}: {written}"
                mentions.append(Mention(benchmarks[index], "evaluated_on", written, said))
                told.append(f"{said}.")
            elif meaning in ("size", "parameters") and "parameters" not in cells:
                cells["parameters"] = written  # a model's "Size" is its parameter count
            elif meaning and meaning != "name" and meaning not in cells:
                cells[meaning] = written
            else:
                told.append(f"{header.strip()}: {written}.")
        cells["description"] = " ".join([*told, cells.get("description", "")]).strip()
        source = source_of(line, line)
        record = model_from_row(cells, source, year, links(refs), marks)
        # the row as written, but for its results (each a result of its own): "Open
        # weights ✅" is asked of the cells ("how many are marked ✅")
        written = tuple(
            (h.strip(), v.strip())
            for i, (h, v) in enumerate(zip(table.header, row, strict=False))
            if v.strip() and i not in benchmarks
        )
        records.append(replace(record, mentions=(*record.mentions, *mentions), cells=written))
    return records


__all__ = ["leaderboard_rows"]
