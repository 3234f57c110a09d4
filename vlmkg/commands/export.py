"""`vlmkg export`: the graph as RDF, a network file (Gephi) or a bibliography."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import click
from rdflib import Graph

from kg import export as exports
from kg.store_config import open_store
from vlmkg.commands._store_options import read_store_options
from vlmkg.errors import ExportError

FORMAT_HELP = "RDF: turtle ntriples jsonld rdfxml trig nquads; network: gexf graphml csv; bibliography: bibtex ris csljson."  # noqa: E501


def current_graph(
    home: Path | None = None, store_spec: str | None = None, graph_iri: str | None = None
) -> Graph:
    """The graph of the current build (or of the chosen SPARQL store), in memory."""
    with closing(open_store(store_spec, home, graph=graph_iri)) as store:
        return exports.load_graph(store)


@click.command()
@click.option("--format", "fmt", metavar="FORMAT", help=FORMAT_HELP)
@click.option(
    "--view",
    metavar="VIEW",
    help="Network projection for gexf/graphml/csv: full (default), components, lineage, "
    "co-usage, papers.",
)
@click.option(
    "-o",
    "--output",
    metavar="PATH",
    help="File to write; for csv a directory (DIR/) or a prefix (PREFIX.nodes.csv, ...).",
)
@click.option("--force", is_flag=True, help="Overwrite existing files.")
@click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    help="Data directory (default: $VLMKG_HOME or ./.vlmkg).",
)
@read_store_options
def export(
    fmt: str | None,
    view: str | None,
    output: str | None,
    force: bool,
    home: Path | None,
    store_spec: str | None,
    graph_iri: str | None,
) -> None:
    """Export the graph (RDF, Gephi, bibliographies)."""
    if not fmt:
        raise ExportError(f"pass --format: one of {', '.join(exports.FORMATS)}")
    if not output:
        raise ExportError("pass -o PATH: the file to write")
    exports.check_request(fmt, view)
    exports.check_outputs(exports.output_paths(fmt, output), force)
    with closing(open_store(store_spec, home, graph=graph_iri)) as store:
        written_files = exports.export_store(store, fmt, output, view=view, force=force)
    for written in written_files:
        click.echo(f"wrote {written} ({written.stat().st_size} bytes)")
