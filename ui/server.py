"""The one FastAPI app: Gradio UI at `/`, SPARQL at `/sparql`, `/health`, `/source`, `/export`.

`create_app(settings)` returns the app with its Runtime (started: heavy parts load in the
background, so the first page is served within seconds).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Response
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse

from ui.auth import BasicAuthMiddleware
from ui.runtime import Runtime, ServeSettings
from ui.source_view import hub_files, render_source
from ui.sparql_endpoint import error_response, sparql_router
from vlmkg.errors import VlmkgError


def create_app(
    settings: ServeSettings,
    users: dict[str, str] | None = None,
    *,
    with_ui: bool = True,
) -> tuple[FastAPI, Runtime]:
    """The server app and its (started) runtime; `users` turns on Basic authentication."""
    runtime = Runtime(settings).start()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        runtime.close()

    app = FastAPI(title="vlmkg", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.include_router(sparql_router(runtime.pool, settings.allow_service))
    _add_pages(app, runtime)
    if with_ui:
        import gradio as gr

        from ui.app import CSS, build_blocks

        app = gr.mount_gradio_app(
            app, build_blocks(runtime), path="", footer_links=[], css=CSS, show_error=True
        )
    if users:
        app.add_middleware(BasicAuthMiddleware, users=users)
    return app, runtime


def _add_pages(app: FastAPI, runtime: Runtime) -> None:
    @app.get("/health")
    def health() -> JSONResponse:
        return JSONResponse(
            {
                "status": "ok" if runtime.build_id() else "starting",
                "build": runtime.build_id(),
                "steps": runtime.steps,
                "uptime_s": round(time.monotonic() - runtime.started, 1),
            }
        )

    @app.get("/source/{name}")
    def source(name: str, lines: str | None = None) -> Response:
        path = hub_files(runtime.settings.home).get(name)
        if path is None:
            return PlainTextResponse(f"error: no hub file named {name!r}\n", 404)
        return HTMLResponse(render_source(path, lines))

    @app.get("/export/{fmt}")
    async def export(fmt: str, view: str | None = None) -> Response:
        from ui.downloads import export_bytes

        try:
            name, media_type, data = await asyncio.to_thread(export_bytes, runtime, fmt, view)
        except VlmkgError as exc:
            return error_response(exc)
        disposition = f'attachment; filename="{name}"'
        return Response(data, 200, {"Content-Disposition": disposition}, media_type=media_type)


def open_share_link(host: str, port: int) -> str:
    """Open a public Gradio share tunnel to the server; returns the line to print."""
    import secrets

    from gradio import networking

    local = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    try:
        url = networking.setup_tunnel(local, port, secrets.token_urlsafe(32), None, None)
    except Exception as exc:  # no network, no frpc binary: say so and keep serving locally
        return f"warning: could not open a share link ({exc}); serving locally only"
    return f"public share link (anyone with it can use this server): {url}"
