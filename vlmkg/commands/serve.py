"""`vlmkg serve`: the web UI and the SPARQL 1.1 endpoint on one port."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import click

from vlmkg import config
from vlmkg.commands._store_options import read_store_options


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=7860, show_default=True, type=click.IntRange(0, 65535))
@click.option("--auth", metavar="USER:PASS", help="Require HTTP Basic authentication.")
@click.option(
    "--auth-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A file of user:password lines (Basic authentication).",
)
@click.option("--share", is_flag=True, help="Also open a public Gradio share link.")
@click.option(
    "--query-timeout",
    default=30.0,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Seconds before a SPARQL query is stopped.",
)
@click.option(
    "--row-limit",
    default=10_000,
    show_default=True,
    type=click.IntRange(min=1),
    help="Most rows (or triples) a query returns.",
)
@click.option(
    "--query-workers",
    default=2,
    show_default=True,
    type=click.IntRange(1, 32),
    help="Processes answering SPARQL queries in parallel.",
)
@click.option("--allow-service", is_flag=True, help="Allow SERVICE (federated) queries.")
@click.option("--no-assistant", is_flag=True, help="Do not load the assistant (chat tab).")
@click.option(
    "--base",
    "base_iri",
    metavar="IRI",
    help="Base IRI for relative IRIs in /sparql queries (default: the endpoint's own URL).",
)
@read_store_options
def serve(
    host: str,
    port: int,
    auth: str | None,
    auth_file: Path | None,
    share: bool,
    query_timeout: float,
    row_limit: int,
    query_workers: int,
    allow_service: bool,
    no_assistant: bool,
    base_iri: str | None,
    store_spec: str | None,
    graph_iri: str | None,
) -> None:
    """Serve the web UI at / and a SPARQL 1.1 endpoint at /sparql (builds the graph if needed).

    With --store sparql+http://..., queries and the assistant read that SPARQL store
    (credentials, if any, from VLMKG_STORE_AUTH_FILE or VLMKG_STORE_USER/PASSWORD: --auth-file
    here is for the web users) and nothing is built locally.
    """
    import uvicorn

    from ui.auth import parse_credentials
    from ui.runtime import ServeSettings
    from ui.server import create_server, open_share_link
    from ui.sparql_protocol import check_base_iri

    users = parse_credentials(auth, auth_file)
    if base_iri is not None:
        check_base_iri(base_iri)
    if not users and not _is_loopback(host):
        click.echo(
            f"warning: serving on {host} without authentication: anyone who can reach this "
            "address can use the UI and the SPARQL endpoint (use --auth or --auth-file)",
            err=True,
        )
    settings = ServeSettings(
        home=config.home(),
        time_limit=query_timeout,
        row_limit=row_limit,
        workers=query_workers,
        allow_service=allow_service,
        load_assistant=not no_assistant,
        store_spec=store_spec,
        graph=graph_iri,
        base_iri=base_iri,
    )
    app, _ = create_server(settings, users)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    click.echo(f"vlmkg: UI at http://{shown}:{port}/  SPARQL at http://{shown}:{port}/sparql")
    if share:
        click.echo(open_share_link(host, port), err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
