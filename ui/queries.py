"""Run a SPARQL query through the server's query pool and get plain Python rows back.

The UI's tabs use this, so their queries obey the same time and row limits as `/sparql`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Protocol

from ui._query_worker import QueryJob, QueryReply


class QueryRunner(Protocol):
    """A query pool: worker processes (ui.query_pool) or a remote store (ui.remote_pool)."""

    def run(self, job: QueryJob, time_limit: float | None = None) -> QueryReply: ...


class PoolSource(Protocol):
    """Anything that hands out the current query pool (the Runtime)."""

    def pool(self) -> QueryRunner: ...


@dataclass(frozen=True)
class Table:
    """SELECT results as strings: `columns`, `rows` ("" for unbound), `truncated` at the limit."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    truncated: bool = False


def select(
    source: PoolSource,
    sparql: str,
    bindings: dict[str, tuple[str, str]] | None = None,
    row_limit: int = 10_000,
) -> Table:
    """The Table of a SELECT query; `bindings` map variable -> ("iri" | "literal", value).

    Oxigraph substitutes only projected variables, so bound variables must be selected.
    """
    job = QueryJob(
        query=sparql,
        select_format="json",
        bindings=tuple((name, kind, value) for name, (kind, value) in (bindings or {}).items()),
        row_limit=row_limit,
    )
    reply = source.pool().run(job)
    return table_from_json(reply.body, reply.truncated)


def table_from_json(body: bytes, truncated: bool = False) -> Table:
    """A Table from SPARQL 1.1 JSON results (ASK gives one column `boolean`)."""
    data = json.loads(body)
    if "boolean" in data:
        return Table(("boolean",), ((str(data["boolean"]).lower(),),), truncated)
    columns = tuple(data["head"]["vars"])
    rows = tuple(
        tuple(binding.get(c, {}).get("value", "") for c in columns)
        for binding in data["results"]["bindings"]
    )
    return Table(columns, rows, truncated)


def records(table: Table) -> list[dict[str, str]]:
    """The rows of `table` as dicts column -> value (unbound values omitted)."""
    return [{c: v for c, v in zip(table.columns, row, strict=True) if v} for row in table.rows]
