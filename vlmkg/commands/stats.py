"""`vlmkg stats`: counts and network analytics of the graph."""

from __future__ import annotations

import json
from dataclasses import asdict

import click

from kg import analytics
from vlmkg.commands.export import current_graph
from vlmkg.errors import UsageError

MISSING_KINDS = ("papers",)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@click.option("--missing", metavar="WHAT", help="List entities missing something: papers.")
def stats(as_json: bool, missing: str | None) -> None:
    """Counts and network analytics of the graph."""
    if missing is not None and missing not in MISSING_KINDS:
        raise UsageError(f"unknown --missing {missing!r}: choose one of {', '.join(MISSING_KINDS)}")
    graph = current_graph()
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
