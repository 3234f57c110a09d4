"""`--store`, `--graph`, `--auth-file`: the options that pick a store, shared by commands.

Credentials are read from the auth file or the environment, never taken as an option
value, so they stay out of shell history and process lists.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

F = TypeVar("F", bound=Callable[..., object])


def store_options(command: F) -> F:
    """Add --store URL, --graph IRI, --auth-file FILE (store_spec, graph_iri, auth_file)."""
    command = click.option(
        "--auth-file",
        type=click.Path(dir_okay=False, path_type=Path),
        help="File holding `user:password` for the store's update door "
        "(or set VLMKG_STORE_USER and VLMKG_STORE_PASSWORD).",
    )(command)
    return read_store_options(command)


def read_store_options(command: F) -> F:
    """Add --store URL and --graph IRI (parameters store_spec, graph_iri) to a command."""
    command = click.option(
        "--graph",
        "graph_iri",
        metavar="IRI",
        help="Named graph in the SPARQL store (default: $VLMKG_GRAPH or the vlmkg hub graph).",
    )(command)
    command = click.option(
        "--store",
        "store_spec",
        metavar="URL",
        help="sparql+http://host:8890/sparql for a SPARQL 1.1 store, or oxigraph "
        "(default: $VLMKG_STORE, $VLMKG_HOME/config.toml, else the embedded store).",
    )(command)
    return command
