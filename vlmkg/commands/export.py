"""`vlmkg export`: the graph as RDF, a network file (Gephi) or a bibliography."""

from __future__ import annotations

import click
from rdflib import Graph

from kg import export as exports
from kg.oxigraph_store import OxigraphStore
from vlmkg import config
from vlmkg.errors import ExportError

FORMAT_HELP = "RDF: turtle ntriples jsonld rdfxml trig nquads; network: gexf graphml csv; bibliography: bibtex ris csljson."  # noqa: E501


def current_graph() -> Graph:
    """The active build's graph, in memory."""
    store = OxigraphStore(config.current_build() / "store")
    try:
        return exports.load_graph(store)
    finally:
        store.close()


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
def export(fmt: str | None, view: str | None, output: str | None, force: bool) -> None:
    """Export the graph (RDF, Gephi, bibliographies)."""
    if not fmt:
        raise ExportError(f"pass --format: one of {', '.join(exports.FORMATS)}")
    if not output:
        raise ExportError("pass -o PATH: the file to write")
    exports.check_request(fmt, view)
    exports.check_outputs(exports.output_paths(fmt, output), force)
    for written in exports.export(current_graph(), fmt, output, view=view, force=force):
        click.echo(f"wrote {written} ({written.stat().st_size} bytes)")
