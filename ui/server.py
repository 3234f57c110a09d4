"""The one FastAPI app: Gradio UI at `/`, SPARQL at `/sparql`, `/health`, `/source`, `/export`,
`/ask` (the assistant as JSON).

`create_server(settings)` is what `vlmkg serve` runs: it answers at once and adds the
Gradio UI when Gradio has loaded (see ui.deferred); `create_app` builds the full app
directly. Heavy parts (graph build, query workers, assistant) load in the background.
"""

from __future__ import annotations

import asyncio
import html
import json
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse

from ui.auth import BasicAuthMiddleware
from ui.deferred import DeferredApp
from ui.runtime import Runtime, ServeSettings
from ui.source_view import hub_files, render_source
from ui.sparql_endpoint import BodyError, error_response, read_body, sparql_router
from vlmkg.errors import VlmkgError


def create_server(
    settings: ServeSettings, users: dict[str, str] | None = None
) -> tuple[DeferredApp, Runtime]:
    """What `vlmkg serve` runs: answers within a second or two (SPARQL, health and a
    loading page at `/`), and serves the Gradio UI as soon as Gradio has loaded."""
    runtime = Runtime(settings).start()
    light = _base_app(runtime, users, loading_page=True)
    full = DeferredApp(light, lambda: create_app(settings, users, runtime=runtime)[0], runtime)
    return full, runtime


def create_app(
    settings: ServeSettings,
    users: dict[str, str] | None = None,
    *,
    with_ui: bool = True,
    runtime: Runtime | None = None,
) -> tuple[FastAPI, Runtime]:
    """The server app and its runtime (started here unless given; then the caller closes
    it); `users` turns on Basic authentication."""
    if runtime is None:
        runtime = Runtime(settings).start()
        app = _base_app(runtime, None, close_runtime=True)
    else:
        app = _base_app(runtime, None)
    if with_ui:
        import gradio as gr

        from ui.app import CSS, build_blocks

        app = gr.mount_gradio_app(
            app, build_blocks(runtime), path="", footer_links=[], css=CSS, show_error=True
        )
    if users:
        app.add_middleware(BasicAuthMiddleware, users=users)
    return app, runtime


def _base_app(
    runtime: Runtime,
    users: dict[str, str] | None,
    *,
    loading_page: bool = False,
    close_runtime: bool = False,
) -> FastAPI:
    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        if close_runtime:
            runtime.close()

    app = FastAPI(title="vlmkg", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.include_router(
        sparql_router(
            runtime.pool,
            runtime.settings.allow_service,
            base_iri=runtime.settings.base_iri,
            build_id=runtime.build_id,
        )
    )
    _add_pages(app, runtime)
    if loading_page:

        @app.get("/")
        def loading() -> HTMLResponse:
            return HTMLResponse(_loading_html(runtime), headers={"Cache-Control": "no-store"})

    if users:
        app.add_middleware(BasicAuthMiddleware, users=users)
    return app


def _loading_html(runtime: Runtime) -> str:
    steps = "".join(
        f"<li><b>{html.escape(name)}</b>: {html.escape(state)}</li>"
        for name, state in runtime.steps.items()
    )
    waited = time.monotonic() - runtime.started
    return (
        '<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="refresh" '
        'content="1"><title>vlmkg: loading</title></head><body style="font-family: '
        f'system-ui, sans-serif; margin: 2em"><h1>vlmkg is starting ({waited:.0f} s)</h1>'
        f"<ul>{steps}</ul><p>This page reloads itself. The SPARQL endpoint "
        '<a href="/sparql">/sparql</a> answers as soon as the graph is ready.</p></body></html>'
    )


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

    @app.api_route("/ask", methods=["GET", "POST"])
    async def ask(request: Request) -> Response:
        """The chat assistant as JSON (`vlmkg ask --json`'s shape): GET ?q=... or POST a
        JSON object {"question": ...}; one-off questions, no session."""
        from ui.chat import check_question

        try:
            question = request.query_params.get("q", "")
            if request.method == "POST":
                question = str(json.loads(await read_body(request) or b"{}").get("question", ""))
            question = check_question(question)
        except BodyError as exc:
            return PlainTextResponse(f"error: {exc}\n", exc.status)
        except (ValueError, AttributeError):
            return PlainTextResponse('error: POST a JSON object {"question": "..."}\n', 400)
        except VlmkgError as exc:
            return error_response(exc)
        assistant = runtime.assistant()
        if assistant is None:
            state = runtime.steps["assistant"]
            return PlainTextResponse(f"error: the assistant is not ready ({state})\n", 503)
        try:
            answer = await asyncio.to_thread(assistant.ask, question)
        except VlmkgError as exc:
            return error_response(exc)
        return JSONResponse(answer.to_dict())

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
