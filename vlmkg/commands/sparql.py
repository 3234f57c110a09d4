"""`vlmkg sparql QUERY | --file q.rq`: a read-only query on the current graph."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.sparql import FORMATS
from vlmkg.commands._store_options import read_store_options
from vlmkg.errors import InputFileError, UsageError


@click.command()
@click.argument("query", required=False)
@click.option(
    "--file",
    "-f",
    "query_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Read the query from a file ('-' for stdin).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="Result format (CONSTRUCT/DESCRIBE print Turtle; JSON-LD with json).",
)
@click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    help="Data directory (default: $VLMKG_HOME or ./.vlmkg).",
)
@read_store_options
def sparql(
    query: str | None,
    query_file: Path | None,
    fmt: str,
    home: Path | None,
    store_spec: str | None,
    graph_iri: str | None,
) -> None:
    """Run a SPARQL QUERY (SELECT, ASK, CONSTRUCT, DESCRIBE); the vlmkg prefixes are predeclared."""
    from contextlib import closing

    from kg.sparql import format_result, run
    from kg.store_config import open_store

    text = _query_text(query, query_file)
    with closing(open_store(store_spec, home, graph=graph_iri)) as store:
        result = run(store, text)
    click.echo(format_result(result, fmt), nl=False)


def _query_text(query: str | None, query_file: Path | None) -> str:
    if (query is None) == (query_file is None):
        raise UsageError("give a query or --file FILE (one of them)")
    if query is not None:
        return query
    assert query_file is not None
    if str(query_file) == "-":
        return sys.stdin.read()
    try:
        return query_file.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise InputFileError(f"{query_file}: no such file") from exc
    except UnicodeDecodeError as exc:
        raise InputFileError(f"{query_file}: not a UTF-8 text file") from exc
    except OSError as exc:
        raise InputFileError(f"{query_file}: cannot read it ({exc.strerror})") from exc
