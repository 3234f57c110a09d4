"""`vlmkg stats`: counts and network analytics of the graph."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import click

from kg import analytics
from vlmkg.commands._store_options import read_store_options
from vlmkg.commands.export import current_graph
from vlmkg.errors import UsageError

MISSING_KINDS = ("papers",)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@click.option("--missing", metavar="WHAT", help="List entities missing something: papers.")
@click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    help="Data directory (default: $VLMKG_HOME or ./.vlmkg).",
)
@read_store_options
def stats(
    as_json: bool,
    missing: str | None,
    home: Path | None,
    store_spec: str | None,
    graph_iri: str | None,
) -> None:
    """Counts and network analytics of the graph."""
    if missing is not None and missing not in MISSING_KINDS:
        raise UsageError(f"unknown --missing {missing!r}: choose one of {', '.join(MISSING_KINDS)}")
    graph = current_graph(home, store_spec, graph_iri)
    if missing == "papers":
        models = analytics.models_without_paper(graph)
        if as_json:
            click.echo(
                json.dumps(
                    {"models_without_paper": [asdict(m) for m in models]},
                    indent=2,
                    ensure_ascii=False,
                )
            )
        else:
            click.echo(analytics.format_missing(models))
        return
    report = analytics.graph_stats(graph)
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(analytics.format_report(report))
