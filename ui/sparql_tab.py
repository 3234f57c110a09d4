"""The SPARQL tab's plain functions: the example library and running a query to a table."""

from __future__ import annotations

import csv
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kg.vocab import PREFIXES
from ui._query_worker import QueryJob
from ui.queries import PoolSource, table_from_json
from ui.sparql_protocol import query_kind

COOKBOOK = Path(__file__).resolve().parents[1] / "docs" / "sparql-cookbook.md"
EXAMPLES_FILE = Path(__file__).with_name("examples.yaml")
PREFIX_NOTE = "Predeclared prefixes: " + ", ".join(f"`{p}:`" for p in PREFIXES)


@dataclass(frozen=True)
class Example:
    """A titled example query."""

    title: str
    query: str


@dataclass(frozen=True)
class QueryOutcome:
    """What the tab shows: a table (`columns`, `rows`), a message, download files."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    message: str
    csv_path: Path
    json_path: Path


def load_examples(cookbook: Path = COOKBOOK, fallback: Path = EXAMPLES_FILE) -> list[Example]:
    """The cookbook's ```sparql blocks (titled by the sentence before each), else examples.yaml."""
    if cookbook.is_file():
        examples = cookbook_examples(cookbook.read_text(encoding="utf-8"))
        if examples:
            return examples
    entries = yaml.safe_load(fallback.read_text(encoding="utf-8"))
    return [Example(e["title"], e["query"].strip()) for e in entries]


def cookbook_examples(markdown: str) -> list[Example]:
    """Each ```sparql block of a markdown cookbook, titled by the paragraph before it
    (or its heading), e.g. "Models: Largest models"."""
    examples: list[Example] = []
    heading, paragraph = "", ""
    lines = iter(markdown.splitlines())
    for line in lines:
        if line.startswith("#"):
            heading, paragraph = line.lstrip("#").strip(), ""
        elif line.strip() == "```sparql":
            body = "\n".join(iter(lambda: next(lines, "```"), "```")).strip()
            last_sentence = re.split(r"(?<=[a-z]{2}\.)\s+(?=[A-Z])", paragraph)[-1]
            caption = re.sub(r"\s*\(.*?\)|[:.]$|`", "", last_sentence).strip()
            title = f"{heading}: {caption}" if caption else heading
            examples.append(Example(_unique(title, examples), body))
            paragraph = ""
        elif line.startswith("```"):
            for skipped in lines:
                if skipped.startswith("```"):
                    break
        elif line.strip():
            paragraph = f"{paragraph} {line.strip()}".strip()
        elif not paragraph.endswith(":"):  # a blank line ends a paragraph that is no caption
            paragraph = ""
    return examples


def _unique(title: str, examples: list[Example]) -> str:
    taken = {e.title for e in examples}
    candidate, n = title, 2
    while candidate in taken:
        candidate, n = f"{title} ({n})", n + 1
    return candidate


def run_query(
    source: PoolSource, text: str, out_dir: Path | None = None, allow_service: bool = False
) -> QueryOutcome:
    """Run `text` through the pool; SELECT/ASK as a table, graphs as subject/predicate/object.

    Raises the VlmkgError of a refused, malformed or stopped query.
    """
    kind = query_kind(text, allow_service)
    job = QueryJob(query=text, select_format="json", graph_format="ntriples")
    reply = source.pool().run(job)
    if kind == "graph":
        rows = _triples(reply.body)
        columns: tuple[str, ...] = ("subject", "predicate", "object")
        raw = reply.body
        raw_suffix = ".nt"
    else:
        table = table_from_json(reply.body, reply.truncated)
        columns, rows = table.columns, table.rows
        raw = reply.body
        raw_suffix = ".json"
    noun = "triple" if kind == "graph" else "row"
    message = f"{len(rows)} {noun}{'' if len(rows) == 1 else 's'}"
    if reply.truncated:
        message += " (stopped at the row limit)"
    directory = Path(tempfile.mkdtemp(prefix="vlmkg-results-", dir=out_dir))
    csv_path = directory / "results.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows(rows)
    json_path = directory / f"results{raw_suffix}"
    json_path.write_bytes(raw)
    return QueryOutcome(columns, rows, message, csv_path, json_path)


def _triples(body: bytes) -> tuple[tuple[str, ...], ...]:
    import pyoxigraph as ox

    return tuple(
        (t.subject.value, t.predicate.value, getattr(t.object, "value", str(t.object)))
        for t in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)
    )


def table_value(outcome: QueryOutcome) -> dict[str, Any]:
    """The value for a gr.Dataframe: headers and rows."""
    return {"headers": list(outcome.columns), "data": [list(r) for r in outcome.rows]}


__all__ = ["Example", "QueryOutcome", "load_examples", "run_query", "table_value"]
