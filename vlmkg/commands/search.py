"""`vlmkg search QUERY`: ranked entities and passages with their sources."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence

import click

from vlmkg import config


@click.command("search")
@click.argument("query", nargs=-1, required=True)
@click.option(
    "-k",
    "k",
    type=click.IntRange(1, 1000),
    default=10,
    show_default=True,
    help="Number of results.",
)
@click.option(
    "--type",
    "types",
    multiple=True,
    metavar="TYPE",
    help="Only results of this type (Model, Dataset, Benchmark...); repeatable.",
)
@click.option("--year", type=int, default=None, help="Only entities released this year.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON: {query, results}.")
def search(
    query: Sequence[str], k: int, types: Sequence[str], year: int | None, as_json: bool
) -> None:
    """Semantic + lexical search over entities and passages of the graph."""
    from search.retrieve import clean_query, run_search

    text = clean_query(" ".join(query))
    hits = run_search(
        config.current_build(),
        text,
        k=k,
        types=types or None,
        year=year,
        notify=lambda message: click.echo(message, err=True),
    )
    if as_json:
        results = [
            {
                "iri": h.iri,
                "label": h.label,
                "type": h.type,
                "score": h.score,
                "source": h.source,
                "text": h.text,
            }
            for h in hits
        ]
        click.echo(json.dumps({"query": text, "results": results}, ensure_ascii=False))
        return
    if not hits:
        click.echo("no results", err=True)
        return
    for rank, hit in enumerate(hits, 1):
        click.echo(
            f"{rank:>2}. {hit.score:.4f}  {hit.type:<18} {hit.label}  [{sources(hit.source)}]"
        )
        click.echo(f"    {snippet(hit.text)}")
    sys.stdout.flush()


def sources(source: str, shown: int = 3) -> str:
    """The first `shown` citations of a "; "-joined list, then how many more there are."""
    citations = source.split("; ") if source else []
    more = len(citations) - shown
    return "; ".join(citations[:shown]) + (f"; +{more} more" if more > 0 else "")


def snippet(text: str, width: int = 160) -> str:
    """The first `width` characters of `text`, cut at a word, with an ellipsis if cut."""
    if len(text) <= width:
        return text
    return text[:width].rsplit(" ", 1)[0] + " …"
